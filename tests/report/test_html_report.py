"""The HTML report: escaping of hostile strings, the matrix view, and a real headless Chromium load."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import IMG, SCRIPT

from appaudit.model import AppInfo, Report
from appaudit.report import html_report, render

CHROMIUM = Path("/usr/bin/chromium")


def test_hostile_strings_are_escaped(hostile: Report) -> None:
    page = render(hostile, "html")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # attribute breakout neutralised
    # no fetches: no external resource references at all
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page


def test_matrix_marks_gaps_declarations_and_sources(hostile: Report) -> None:
    m = html_report.matrix(hostile)
    assert m["actors"][0] == "app" and "evil-sdk" in m["actors"] and "jpush" in m["actors"]
    cells = {(row["type"], a): c for row in m["rows"] for a, c in zip(m["actors"], row["cells"], strict=True)}
    imei = cells[("imei", "evil-sdk")]
    assert imei.runtime and imei.network and not imei.policy and imei.css == "gap"
    assert cells[("mac", "app")].code == "reachable" and cells[("mac", "app")].css == "gap"
    assert cells[("oaid", "app")].css == "declared"
    v = html_report.view(hostile)
    assert v["verdict"]["css"] == "fail"
    assert v["timeline"]["consent_at"] == 5.0 and {d["css"] for d in v["timeline"]["dots"]} == {"pre", "post"}
    assert any(s["id"] == "evil-sdk" and s["in_policy"] is False for s in v["sdks"])


def test_render_is_deterministic_and_handles_an_empty_report(hostile: Report) -> None:
    assert render(hostile, "html") == render(hostile, "html")
    page = render(Report(app=AppInfo()), "html")
    assert "No findings" in page and "No data types were declared or observed" in page


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
    assert 'id="matrix-table"' in dom and '<td class="type">imei<br>' in dom
    assert 'id="timeline-chart"' in dom and "<circle" in dom
    # The browser parsed the payloads as text: no element was injected.
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # ...but shown as text
    assert SCRIPT not in dom and IMG not in dom


def test_long_stacks_are_cut_with_a_pointer_to_the_json() -> None:
    from appaudit.model import Evidence, Source

    e = Evidence(
        "imei", Source.RUNTIME, "app", "TM.getDeviceId", {"kind": "read", "stack": [f"a.B.m{i}()" for i in range(20)]}
    )
    frames = html_report._evidence_view(e)["stack"]
    assert frames[: html_report.MAX_FRAMES] == [f"a.B.m{i}()" for i in range(html_report.MAX_FRAMES)]
    assert frames[-1] == f"… {20 - html_report.MAX_FRAMES} more frames in the JSON report"
