"""The HTML report: escaping of hostile strings, the matrix view from compare's Comparison, redaction,
languages, and a real headless Chromium load."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from report_fixtures import IMG, SCRIPT

from appaudit.compare import compare
from appaudit.model import AppInfo, Evidence, Phase, Report, Source
from appaudit.report import html_report, render
from appaudit.report.options import RenderOptions

CHROMIUM = Path("/usr/bin/chromium")
# What str() of a Python dict, list or None looks like (a method call "m()" is fine).
REPR = re.compile(r"\{'|': |\bNone\b|\bTrue\b|\bFalse\b|\[\]|\['")


def _text(page: str) -> str:
    """The page's visible text (tags and the style block dropped)."""
    body = page.split("<body>", 1)[-1]
    return re.sub(r"<[^>]+>", " ", body)


def test_hostile_strings_are_escaped(hostile: Report) -> None:
    page = render(hostile, "html")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # attribute breakout neutralised
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no fetches at all
    assert "default-src 'none'" in page


def test_matrix_comes_from_the_comparison(hostile: Report) -> None:
    v = html_report.view(hostile)
    assert hostile.comparison is not None
    (part,) = v["matrix"]["parts"]
    assert part["cols"][0] == "app" and "evil-sdk" in part["cols"] and "jpush" in part["cols"]
    cells = {(row["label"], col): c for row in part["rows"] for col, c in zip(part["cols"], row["cells"], strict=True)}
    imei = cells[("IMEI", "evil-sdk")]
    assert imei.state == "gap" and imei.symbol == "✖" and imei.words == "not declared"
    assert dict(imei.marks) == {"P": False, "C": False, "R": True, "N": True}
    assert cells[("OAID", "app")].state == "declared"
    assert v["verdict"]["css"] == "fail" and v["verdict"]["symbol"] == "✖"
    assert v["timeline"]["consent"] == "consent at 5.00 s" and {d["css"] for d in v["timeline"]["dots"]} == {
        "pre",
        "post",
    }


def test_a_wide_matrix_is_transposed_and_split_for_the_page() -> None:
    ev = tuple(
        Evidence(dt, Source.CODE, f"sdk{i:02d}", f"Lx/S{i};->m()V", {"kind": "call_site", "reachable": True})
        for i in range(22)
        for dt in ("imei", "oaid", "mac")
    )
    r = compare(Report(app=AppInfo(package="p"), evidence=ev, sections={"static": {}}))
    m = html_report.view(r)["matrix"]
    assert m["transposed"]  # 23 actors, 3 data types: actors become rows
    assert all(len(p["cols"]) <= html_report.MAX_COLS for p in m["parts"])
    many = tuple(
        Evidence(dt, Source.CODE, f"sdk{i:02d}", f"Lx/S{i};->m()V", {"kind": "call_site", "reachable": True})
        for i in range(22)
        for dt in ("imei", "oaid", "mac", "android_id", "serial", "app_list", "clipboard", "location_precise",
                   "wifi_info", "contacts", "sms", "calendar", "camera", "microphone", "accounts", "gaid",
                   "iccid", "imsi", "meid", "phone_number", "call_log", "cell_info", "bluetooth_mac", "sensors")
    )  # fmt: skip
    r = compare(Report(app=AppInfo(package="p"), evidence=many, sections={"static": {}}))
    m = html_report.view(r)["matrix"]
    assert not m["transposed"] and len(m["parts"]) == 3  # 23 actor columns in parts of 8
    assert sum(len(p["cols"]) for p in m["parts"]) == 23


def test_no_policy_means_no_gap_and_static_only_is_not_clean() -> None:
    ev = (Evidence("imei", Source.CODE, "app", "Lx/A;->m()V", {"kind": "call_site", "reachable": True}),)
    static_only = Report(app=AppInfo(package="p"), evidence=ev, sections={"static": {}})
    page = render(static_only, "html")  # what `appaudit static --format html` renders: compare never ran
    v = html_report.view(static_only)
    assert v["verdict"]["css"] == "uncompared" and "No findings" not in page
    assert "no rule was evaluated" in page.lower()
    cell = v["matrix"]["parts"][0]["rows"][0]["cells"][0]
    assert cell.state == "observed"  # no policy: not red
    assert 'class="gap"' not in page
    compared = compare(static_only)  # audit without --policy: compare ran, the policy rules did not
    v = html_report.view(compared)
    assert v["verdict"]["css"] == "partial" and v["matrix"]["parts"][0]["rows"][0]["cells"][0].state == "observed"


def test_identifier_values_are_redacted_unless_asked(hostile: Report) -> None:
    secret = "867530912345678"
    read = Evidence(
        "imei", Source.RUNTIME, "app", "TM.getDeviceId", {"kind": "read", "value": secret}, at=1.0,
        phase=Phase.PRE_CONSENT,
    )  # fmt: skip
    apps = Evidence(
        "app_list", Source.RUNTIME, "app", "PM.getInstalledPackages", {"kind": "read", "value": "[com.tencent.mm]"},
        at=2.0,
    )  # fmt: skip
    sent = Evidence(
        "imei", Source.NETWORK, "t", f"GET https://t.example/c?imei={secret}",
        {"kind": "transfer", "url": f"https://t.example/c?imei={secret}", "host": "t.example", "party": "third"},
        at=3.0,
    )  # fmt: skip
    r = compare(Report(app=AppInfo(package="p"), evidence=(read, apps, sent), sections={"runtime": {}, "network": {}}))
    page = render(r, "html")
    assert secret not in page and "com.tencent.mm" not in page and "value redacted" in page
    shown = render(r, "html", RenderOptions(show_values=True))
    assert secret in shown and "com.tencent.mm" in shown


def test_no_python_repr_and_no_absolute_path(hostile: Report) -> None:
    r = replace(
        hostile,
        settings={**hostile.settings, "network.profile": "/home/me/secret/profile.json", "x": None, "y": [1, 2]},
    )
    page = render(r, "html")
    text = _text(page)
    assert "/home/me" not in page and "profile.json" in page
    assert not REPR.search(text), REPR.search(text)


def test_chinese_report_is_chinese_throughout(hostile: Report) -> None:
    page = render(hostile, "html", RenderOptions(lang="zh"))
    assert '<html lang="zh-CN">' in page
    for word in ("声明与实际对照", "问题", "数据来源", "已观测但未声明", "同意前收集个人信息", "第三方 SDK", "时间线"):
        assert word in page, word
    # No English UI sentence is left: every label and rule title is translated.
    for english in ("Declared vs observed", "Findings", "observed, not declared", "Personal data collected before"):
        assert english not in page, english


def test_render_is_deterministic_and_handles_an_empty_report(hostile: Report) -> None:
    assert render(hostile, "html") == render(hostile, "html")
    page = render(Report(app=AppInfo()), "html")
    assert "No data types were declared or observed" in page


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp / 'profile'}", *args,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists() and shutil.which("chromium") is None, reason="run `make setup` for chromium")
def test_page_opens_in_headless_chromium(hostile: Report, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(hostile, "html"), encoding="utf-8")
    png = tmp_path / "shot.png"
    shot = _chromium([f"--screenshot={png}", "--window-size=1280,2000", page.as_uri()], tmp_path)
    assert png.is_file(), shot.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a real rendered page, not a blank stub
    dom = _chromium(["--dump-dom", page.as_uri()], tmp_path).stdout
    assert 'id="matrix-table"' in dom and "IMEI" in dom
    assert 'id="timeline-chart"' in dom and "<circle" in dom
    # The browser parsed the payloads as text: no element was injected.
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # ...but shown as text
    assert SCRIPT not in dom and IMG not in dom


def test_the_app_label_heads_the_page() -> None:
    from appaudit.static.apk import resource_string

    assert resource_string(None, "Plain Label") == "Plain Label"  # a literal android:label
    assert resource_string(None, "@7F0E001F") == ""  # no resources.arsc: no label, no failure
    assert resource_string(b"damaged", "@7F0E001F") == ""
    r = Report(app=AppInfo(package="com.x"), sections={"static": {"app": {"label": "Lean for Instapaper"}}})
    page = render(r, "html")
    assert '<h1>Lean for Instapaper <span class="pkg">com.x</span></h1>' in page


def test_absolute_paths_in_reasons_are_cut(tmp_path: Path) -> None:
    from appaudit.model import Coverage, Status

    reason = f"the agent never reported ready; its log: {tmp_path}/work/app.hostjvm.log"
    r = Report(
        app=AppInfo(package="p"),
        coverage={"runtime": Coverage("runtime", Status.FAILED, (reason,), (Source.RUNTIME,))},
        skipped={"runtime": reason},
    )
    for fmt in ("html", "md", "sarif"):
        out = render(compare(r), fmt)
        assert str(tmp_path) not in out and "app.hostjvm.log" in out, fmt
    v = html_report.view(compare(r))
    assert next(c for c in v["coverage"] if c["status"] == "failed")["symbol"] == "✖"


def test_a_report_without_a_time_shows_no_empty_generated_label() -> None:
    # `appaudit static --format html` has no generated_at: the header read "appaudit 0.1.0 · generated " (and
    # "生成时间" with nothing after it in Chinese).
    bare = Report(app=AppInfo(package="p"), sections={"static": {}})
    for lang, word in (("en", "generated"), ("zh", "生成时间")):
        page = render(bare, "html", RenderOptions(lang=lang))
        assert word not in page
        stamped = render(Report(app=AppInfo(package="p"), generated_at="2026-01-01T00:00:00Z"), "html",
                         RenderOptions(lang=lang))
        assert f"{word} 2026-01-01T00:00:00Z" in stamped


def test_settings_are_labelled_in_the_report_language() -> None:
    # The settings table printed raw keys (frequency_grace_s ...) in an otherwise Chinese page.
    r = Report(app=AppInfo(package="p"), settings={"frequency_grace_s": 60, "some.new_key": 1})
    zh = render(r, "html", RenderOptions(lang="zh"))
    assert "频率规则：启动后宽限时间（秒）" in zh and "frequency_grace_s" in zh  # the key stays beside it
    assert "<th>some.new_key</th>" in zh  # a key without a label shows alone
    assert "Frequency rule: grace after start (s)" in render(r, "html")
