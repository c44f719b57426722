"""appaudit/static/sdks.py: SDK detection on the real corpus (labels.json) and on the demo APK."""

from __future__ import annotations

from typing import Any

import pytest

from appaudit.model import Report, Source
from appaudit.static import sdks

STRONG = {"class", "package", "component", "native-lib"}


def _under(value: str, prefix: str) -> bool:
    return value == prefix or value.startswith(prefix + ".") or value.startswith(prefix + "$")


def _evidence_under(sdk: dict[str, Any], prefixes: list[str]) -> list[dict[str, str]]:
    return [e for e in sdk["evidence"] if e["kind"] in STRONG and any(_under(e["value"], p) for p in prefixes)]


def test_every_must_label_is_reported_with_evidence(labels: dict[str, Any], corpus_reports: dict[str, Report]) -> None:
    missing = []
    for apk_name, spec in labels.items():
        found = corpus_reports[apk_name].sections["static"]["sdks"]
        for must in spec["must"]:
            if not any(_evidence_under(s, must["prefixes"]) for s in found):
                missing.append((apk_name, must["sdk"]))
    assert not missing, missing


def test_no_forbid_label_fires(labels: dict[str, Any], corpus_reports: dict[str, Report]) -> None:
    fired = []
    for apk_name, spec in labels.items():
        for sdk in corpus_reports[apk_name].sections["static"]["sdks"]:
            for forbid in spec["forbid"]:
                names = [n.lower() for n in forbid.get("names", [])]
                if sdk["name"].lower() in names or sdk["id"] in names:
                    fired.append((apk_name, sdk["id"]))
                strong = [e for e in sdk["evidence"] if e["kind"] in STRONG]
                prefixes = forbid.get("prefixes", [])
                if prefixes and strong and all(any(_under(e["value"], p) for p in prefixes) for e in strong):
                    fired.append((apk_name, sdk["id"]))
    assert not fired, fired


def test_sdk_records_have_the_documented_shape(corpus_reports: dict[str, Report]) -> None:
    kinds = {k.value for k in sdks.EvidenceKind}
    n = 0
    for report in corpus_reports.values():
        for s in report.sections["static"]["sdks"]:
            assert {"id", "name", "vendor", "category", "confidence", "evidence", "library"} <= set(s)
            assert 0 < s["confidence"] <= 1
            assert s["evidence"] and all(e["kind"] in kinds and e["value"] for e in s["evidence"])
            n += 1
        ev = [e for e in report.evidence if e.detail.get("kind") == "sdk"]
        assert {e.actor for e in ev} == {s["id"] for s in report.sections["static"]["sdks"]}
    assert n >= 20


def test_libraries_are_reported_as_libraries(corpus_reports: dict[str, Report]) -> None:
    sdk_list = corpus_reports["Exodus-Privacy__exodus-core__instapaper.apk"].sections["static"]["sdks"]
    libs = {s["id"] for s in sdk_list if s["library"]}
    assert libs, "okhttp/gson/androidx are libraries without data collection"
    assert not {s["id"] for s in sdk_list if not s["library"]} & libs


def test_demo_sdks_from_every_evidence_kind(demo_report: Report) -> None:
    by = {s["id"]: s for s in demo_report.sections["static"]["sdks"]}
    umeng = {(e["kind"], e["value"]) for e in by["umeng-analytics"]["evidence"]}
    assert {("package", "com.umeng.analytics"), ("package", "com.umeng.commonsdk"), ("meta-data", "UMENG_APPKEY"),
            ("host", "alog.umeng.com"), ("class", "com.umeng.commonsdk.UMConfigure")} <= umeng  # fmt: skip
    assert [e["kind"] for e in by["jpush"]["evidence"]] == ["native-lib"]
    assert [e["kind"] for e in by["umeng-push"]["evidence"]] == ["component"]
    # more kinds of evidence, more confidence
    assert by["umeng-analytics"]["confidence"] > max(by["umeng-push"]["confidence"], by["jpush"]["confidence"])
    sdk_ev = {e.actor: e for e in demo_report.evidence if e.detail.get("kind") == "sdk"}
    assert sdk_ev["umeng-analytics"].source is Source.CODE and sdk_ev["jpush"].source is Source.MANIFEST
    assert sdk_ev["umeng-analytics"].locator == "sdk:umeng-analytics"


@pytest.mark.parametrize(
    "strings, hosts",
    [(["https://alog.umeng.com/app_logs", "http://x.y.jpush.cn:80/p?q=1"], {"alog.umeng.com", "x.y.jpush.cn"}),
     (["no url here", "ftp://files.example.com", "https://"], set())],
)  # fmt: skip
def test_hosts_in_strings(strings: list[str], hosts: set[str]) -> None:
    assert sdks.hosts_in(strings) == hosts


def test_confidence_weights_are_data() -> None:
    w = sdks.weights()
    assert set(w) == {k.value for k in sdks.EvidenceKind}
    assert all(0 < v < 1 for v in w.values())
