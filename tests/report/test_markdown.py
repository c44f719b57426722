"""The Markdown PR comment: short, with counts and a findings table that hostile strings cannot break."""

from __future__ import annotations

from appaudit.model import AppInfo, Report
from appaudit.report import render
from appaudit.report.markdown import MAX_ROWS, cell


def test_summary_lists_findings_and_skipped_sources(hostile: Report) -> None:
    md = render(hostile, "md")
    assert md.startswith("## ❌ appaudit:")
    assert f"**{len(hostile.findings)} findings**" in md
    assert "Not run" in md and "hostjvm" in md
    assert "`evil-sdk`" in md  # an SDK missing from the policy's list is named
    table = [line for line in md.splitlines() if line.startswith("| ") and "`" in line]
    assert len(table) == min(len(hostile.findings), MAX_ROWS)
    assert all(line.count(" | ") == 4 for line in table)  # no cell broke out of its column
    assert "<script" not in md and "<img" not in md


def test_cell_escaping() -> None:
    assert cell("a|b\nc <b>`x`</b>") == "a\\|b c &lt;b&gt;'x'&lt;/b&gt;"


def test_clean_report() -> None:
    md = render(Report(app=AppInfo(package="com.ok")), "md")
    assert "✅" in md and "No findings" in md
