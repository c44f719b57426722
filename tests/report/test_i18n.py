"""Report languages: every English key has its Chinese one with the same placeholders, every rule is translated,
and a finding's message is rebuilt in Chinese from the English one for every rule template."""

from __future__ import annotations

import re

import pytest

from appaudit import data as bundled
from appaudit.compare import rules
from appaudit.errors import DataError
from appaudit.model import Finding, Severity
from appaudit.report import i18n
from appaudit.report.i18n import messages, placeholders


def test_every_language_has_every_key_with_the_same_placeholders() -> None:
    en, zh = bundled.load("messages.en.toml"), bundled.load("messages.zh.toml")
    for table, entries in en.items():
        if isinstance(entries, dict):
            assert set(entries) <= set(zh[table]), (table, set(entries) - set(zh[table]))
            for key, text in entries.items():
                assert placeholders(str(text)) == placeholders(str(zh[table][key])), (table, key)


def test_every_rule_has_a_chinese_title_message_and_help() -> None:
    zh = bundled.load("messages.zh.toml")
    en = bundled.load("messages.en.toml")
    for rule_id, rule in rules().items():
        assert zh["rule"][rule_id]["title"] and zh["rule"][rule_id]["message"]
        assert placeholders(zh["rule"][rule_id]["message"]) <= placeholders(rule.message)
        assert en["rule_help"][rule_id] and zh["rule_help"][rule_id]


@pytest.mark.parametrize("rule_id", list(rules()))
def test_messages_are_rebuilt_in_chinese(rule_id: str) -> None:
    rule = rules()[rule_id]
    english = rule.message.format(actor="umeng-analytics", data_type="imei", count=3, detail="seen in code, runtime")
    f = Finding(rule_id, Severity.HIGH, rule.title, english, "imei", "umeng-analytics")
    zh = messages("zh").finding_message(f)
    assert zh != english
    assert not any(w in zh for w in ("collects", "before", "policy", "seen in")), zh
    if "{actor}" in rule.message:
        assert "umeng-analytics" in zh
    if "{data_type}" in rule.message:
        assert "IMEI" in zh and "imei" not in zh.replace("IMEI", "")
    if "{count}" in rule.message:
        assert "3" in zh
    assert messages("en").finding_message(f) == english  # English stays compare's own wording


def test_a_file_missing_a_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = bundled.load

    def broken(name: str, package: str = "appaudit.data") -> dict[str, object]:
        doc = real(name, package)
        if name == "messages.zh.toml":
            doc = {**doc, "ui": {k: v for k, v in doc["ui"].items() if k != "title"}}
        return doc

    monkeypatch.setattr(i18n.bundled, "load", broken)
    i18n.messages.cache_clear()
    try:
        with pytest.raises(DataError, match=r"\[ui\] title is missing"):
            messages("zh")
    finally:
        i18n.messages.cache_clear()


def test_reasons_and_details_are_translated() -> None:
    zh = messages("zh")
    assert (
        zh.reason("needs runtime or network evidence, and no such source ran")
        == "需要运行时或网络证据，但没有运行相应来源"
    )
    assert (
        zh.reason("consent never observed: the app has no method a.b.PrivacyDialog.onAgree; name its consent method "
                  "with --consent-hook")
        == "未观测到同意：应用中没有方法 a.b.PrivacyDialog.onAgree；请用 --consent-hook 指定其同意方法"
    )
    assert zh.reason(
        "the harness stopped before its last entry point (the JVM crashed: SIGSEGV (0xb) in a.B.<init>); later "
        "screens, services and receivers did not run"
    ) == ("运行框架在最后一个入口点之前停止（JVM 崩溃：SIGSEGV (0xb)，位于 a.B.<init>）；"
          "之后的界面、服务和广播接收器未运行")
    assert zh.detail("row lists imei, oaid") == "该行列出：IMEI（设备识别码）, OAID（匿名设备标识符）"
    assert zh.detail("host t.example; before consent, recipient not named in the policy") == (
        "主机 t.example；同意前, 接收方未在隐私政策中列出"
    )


def test_legal_basis_is_in_the_report_language() -> None:
    # A Chinese page cited "信管函〔2021〕292号 (third-party sharing list)" and "TC260 app system permission guide".
    zh = bundled.load("messages.zh.toml")
    m = messages("zh")
    for rule_id, rule in rules().items():
        basis = m.rule_basis(rule_id)
        assert basis, rule_id
        if re.search(r"[A-Za-z]{3,} [a-z]{3,}", rule.basis):  # English words in the citation
            assert zh["rule"][rule_id].get("basis"), f"{rule_id}: no Chinese basis"
            assert not re.search(r"\b(?:list|guide|notice|policy|terms|examples)\b", basis), (rule_id, basis)
    assert messages("en").rule_basis("UNDECLARED_SDK") == rules()["UNDECLARED_SDK"].basis
