"""appaudit.policy.analyze: the policy section and POLICY evidence of docs/evidence.md for a policy set."""

from __future__ import annotations

from pathlib import Path

import pytest

from appaudit.errors import InputError
from appaudit.model import Report, Source
from appaudit.policy.analyze import analyze
from appaudit.report.json_report import render as render_json
from appaudit.report.section_markdown import policy_markdown as render

JIAMAI = [
    "kirohuji__hope-front__jiamai_legal-permissions.md",
    "kirohuji__hope-front__jiamai_privacy-personal.md",
    "kirohuji__hope-front__jiamai_sdklist.md",
]


@pytest.fixture(scope="module")
def jiamai(policies_dir: Path) -> Report:
    return analyze([policies_dir / f for f in JIAMAI])


def test_section_shape(jiamai: Report) -> None:
    s = jiamai.sections["policy"]
    assert set(s) >= {"declared_data_types", "declared_permissions", "sdk_rows", "notes"}
    for decls in s["declared_data_types"].values():
        for d in decls:
            assert set(d) - {"via"} == {"quote", "location", "context", "hedged"} and d["quote"]
            assert d.get("via", "x")  # a type declared through a defined term names it
            assert d["context"] in ("collection", "sharing")
    for name, p in s["declared_permissions"].items():
        assert name.startswith("android.permission.") and p["purpose"] and p["quote"]
    for r in s["sdk_rows"]:
        assert set(r) >= {"name", "provider", "packages", "data_types", "permissions", "purpose", "links", "sdk_id"}


def test_policy_level_location_precision(jiamai: Report) -> None:
    # the chromium row names 经度/纬度, so the JPush row's generic 位置信息 is precise location too
    s = jiamai.sections["policy"]
    rows = {r["name"]: r for r in s["sdk_rows"]}
    assert "location_precise" in rows["极光推送SDK"]["data_types"]
    assert "location_coarse" not in s["declared_data_types"]
    assert any("generic location" in n for n in s["notes"])


def test_unmatched_rows_are_flagged(jiamai: Report) -> None:
    s = jiamai.sections["policy"]
    unmatched = [r["name"] for r in s["sdk_rows"] if r["sdk_id"] is None]
    assert unmatched and all(not r["matched"] for r in s["sdk_rows"] if r["sdk_id"] is None)
    note = next(n for n in s["notes"] if "not matched" in n)
    assert all(name in note for name in unmatched)


def test_evidence_follows_docs_evidence_md(jiamai: Report) -> None:
    kinds = {e.detail["kind"] for e in jiamai.evidence}
    assert kinds == {"declared_data_type", "declared_permission", "sdk_row"}
    for e in jiamai.evidence:
        assert e.source is Source.POLICY and e.at is None and e.phase is None
        assert " §" in e.locator
        kind = e.detail["kind"]
        if kind == "declared_data_type":
            assert e.data_type and {"quote", "context", "hedged", "file"} <= set(e.detail)
        elif kind == "declared_permission":
            assert e.data_type is None and {"permission", "purpose", "quote", "file"} <= set(e.detail)
        else:
            assert e.data_type is None
            assert {
                "name",
                "provider",
                "packages",
                "data_types",
                "permissions",
                "purpose",
                "links",
                "sdk_id",
                "file",
            } <= set(e.detail)
            assert e.actor == (e.detail["sdk_id"] or "unknown")
    # the types of an SDK row are evidence with that SDK as actor
    jpush_types = {e.data_type for e in jiamai.evidence if e.actor == "jpush" and e.data_type}
    assert {"imei", "oaid", "app_list", "location_precise"} <= jpush_types
    # a row with "无" (none) declares no types for its SDK
    assert not [e for e in jiamai.evidence if e.detail.get("sdk_name") == "谷歌" and e.data_type]


def test_output_is_deterministic(policies_dir: Path, jiamai: Report) -> None:
    again = analyze([policies_dir / f for f in JIAMAI])
    assert render_json(again) == render_json(jiamai)


def test_markdown_summary(jiamai: Report) -> None:
    md = render(jiamai)
    assert md.startswith("# Privacy policy analysis")
    assert "## Declared data types" in md and "`android.permission.CAMERA`" in md
    assert "| 极光推送SDK | `jpush` |" in md
    # Each SDK row says how it was found and where, as in the JSON.
    row = next(line for line in md.splitlines() if line.startswith("| 极光推送SDK |"))
    jpush = next(r for r in jiamai.sections["policy"]["sdk_rows"] if r["sdk_id"] == "jpush")
    where = jpush["location"].replace(">", "&gt;")  # Markdown cells escape HTML
    assert row.endswith(f"| {jpush['how']} | {where} (line {jpush['line']}) |"), row


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    w.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as fh:
        w.write(fh)


def test_unreadable_files_of_a_set_are_one_line_notes(tmp_path: Path, policies_dir: Path) -> None:
    # A binary file, an encrypted PDF and a damaged PDF beside a real policy: each is one note naming it,
    # the real policy is still analysed.
    binary = tmp_path / "sdk.html"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(4000))
    locked = tmp_path / "locked.pdf"
    _encrypted_pdf(locked)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    r = analyze([policies_dir / JIAMAI[0], binary, locked, broken])
    s = r.sections["policy"]
    assert s["declared_data_types"], "the readable policy is analysed"
    for f in (binary, locked, broken):
        mine = [n for n in s["notes"] if f.name in n and n.startswith("not analysed")]
        assert len(mine) == 1 and "\n" not in mine[0], (f.name, s["notes"])
        assert s["files"][f.name] == "unreadable"


def test_a_set_with_no_readable_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "sdk.html"
    bad.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(4000))
    with pytest.raises(InputError, match=r"sdk\.html"):
        analyze([bad])


def test_empty_policy_is_best_effort(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    r = analyze([f])
    s = r.sections["policy"]
    assert s["declared_data_types"] == {} and s["sdk_rows"] == [] and any("empty" in n for n in s["notes"])
    assert r.evidence == ()


def test_repetitive_page_is_capped_but_sdk_evidence_kept(tmp_path: Path) -> None:
    para = "<p>我们会收集您的设备型号和IMEI，用于安全风控。</p>"
    table = (
        "<table><tr><th>SDK名称</th><th>收集个人信息</th></tr><tr><td>极光推送SDK</td><td>IMEI、OAID</td></tr></table>"
    )
    f = tmp_path / "repeated.html"
    f.write_text("<html><body>" + (para * 20 + table) * 20 + "</body></html>", encoding="utf-8")
    r = analyze([f])
    s = r.sections["policy"]
    assert len(s["declared_data_types"]["device_info"]) == 50
    assert any("omitted" in n and "device_info" in n for n in s["notes"])
    assert [row["name"] for row in s["sdk_rows"]] == ["极光推送SDK"]
    assert any("repeated SDK row" in n for n in s["notes"])
    assert {e.data_type for e in r.evidence if e.actor == "jpush" and e.data_type} == {"imei", "oaid"}


def test_sdk_row_permissions_are_explained(tmp_path: Path) -> None:
    f = tmp_path / "sdk.md"
    f.write_text(
        "## 第三方SDK目录\n\n| SDK名称 | 使用目的 | 权限 |\n|---|---|---|\n"
        "| 极光推送SDK | 消息推送 | 读取电话状态、通知权限 |\n",
        encoding="utf-8",
    )
    perms = analyze([f]).sections["policy"]["declared_permissions"]
    assert set(perms) == {"android.permission.READ_PHONE_STATE", "android.permission.POST_NOTIFICATIONS"}
    assert perms["android.permission.READ_PHONE_STATE"]["purpose"] == "极光推送SDK: 消息推送"


def test_broken_signature_catalogue_leaves_rows_unmatched(policies_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from appaudit import signatures
    from appaudit.errors import DataError

    def broken() -> None:
        raise DataError("sdk_signatures/x.toml: invalid")

    monkeypatch.setattr(signatures, "load", broken)
    s = analyze([policies_dir / JIAMAI[2]]).sections["policy"]
    assert len(s["sdk_rows"]) == 15 and all(r["sdk_id"] is None for r in s["sdk_rows"])
    assert any("sdk_signatures not loaded" in n for n in s["notes"])


def test_markdown_summary_escapes_policy_markup(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    text = "我们会收集您的设备识别码（IMEI）<img src=x onerror=alert(1)> | [x](javascript:y)。\n"
    f.write_text(text, encoding="utf-8")
    md = render(analyze([f]))
    assert "<img" not in md and "&lt;img" in md and "[x](" not in md


def test_an_sdk_row_naming_a_defined_term_lists_its_defined_types(tmp_path: Path) -> None:
    main = tmp_path / "privacy.md"
    main.write_text("## 名词解释\n\n设备标识符：指IMEI、OAID等用于识别设备的信息。\n", encoding="utf-8")
    sdk = tmp_path / "sdk.md"
    sdk.write_text(
        "## 第三方SDK列表\n\n| SDK名称 | 第三方公司 | 收集个人信息 |\n| --- | --- | --- |\n"
        "| 友盟统计SDK | 友盟同欣（北京）科技有限公司 | 设备标识符 |\n"
        "| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 网络类型 |\n"
        "| 个推SDK | 每日互动股份有限公司 | 设备标识符（OAID） |\n",
        encoding="utf-8",
    )
    rows = {r["name"]: r for r in analyze([main, sdk]).sections["policy"]["sdk_rows"]}
    assert {"imei", "oaid"} <= set(rows["友盟统计SDK"]["data_types"])
    assert rows["极光推送SDK"]["data_types"] == ["network_info"]
    # A record that says itself what the word means here keeps to it.
    assert rows["个推SDK"]["data_types"] == ["oaid"]
    # Without the definition the generic word names no identifier.
    rows = {r["name"]: r for r in analyze([sdk]).sections["policy"]["sdk_rows"]}
    assert not {"imei", "oaid"} & set(rows["友盟统计SDK"]["data_types"])


def test_a_region_item_is_coarse_location_whatever_else_the_set_says(tmp_path: Path) -> None:
    # "所在地区" says its precision (a region); a bare "location" item does not and follows the set (GPS: precise).
    f = tmp_path / "p.md"
    f.write_text(
        "我们会通过 GPS 收集您的地理位置信息。\n\n收集个人信息类型：所在地区、机型。\n\n"
        "We may collect location, IP address and device type.\n",
        encoding="utf-8",
    )
    types = analyze([f]).sections["policy"]["declared_data_types"]
    assert {"location_precise", "location_coarse"} <= set(types)
    assert [d["quote"] for d in types["location_coarse"]] == ["收集个人信息类型：所在地区、机型。"]
