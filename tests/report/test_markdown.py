"""The Markdown PR comment: verdict, coverage, findings table that hostile strings cannot break, languages."""

from __future__ import annotations

from appaudit.compare import compare
from appaudit.model import AppInfo, Evidence, Report, Source
from appaudit.report import render
from appaudit.report.markdown import MAX_ROWS, cell
from appaudit.report.options import RenderOptions


def test_summary_lists_findings_and_sources(hostile: Report) -> None:
    md = render(hostile, "md")
    assert md.startswith("## ❌ appaudit:")
    assert f"Gaps found: {len(hostile.findings)} findings" in md
    assert "| static analysis | ✔ complete |" in md
    assert "`evil-sdk`" in md  # an SDK missing from the policy's list is named
    table = [line for line in md.splitlines() if line.startswith("| ") and "`" in line and "|---" not in line]
    assert len(table) == min(len(hostile.findings), MAX_ROWS)
    assert all(line.count(" | ") == 4 for line in table)  # no cell broke out of its column
    assert "<script" not in md and "<img" not in md


def test_cell_escaping() -> None:
    assert cell("a|b\nc <b>`x`</b>") == "a\\|b c &lt;b&gt;'x'&lt;/b&gt;"


def test_clean_needs_every_source_and_rule() -> None:
    # Nothing ran but an empty static scan: no findings, yet most rules were not evaluated: not a clean tick.
    md = render(compare(Report(app=AppInfo(package="com.ok"), sections={"static": {}})), "md")
    assert "✅" not in md and "could not be evaluated" in md and "not requested" in md
    # compare never ran (`appaudit static`): no rule evaluated, said so
    ev = (Evidence("imei", Source.CODE, "app", "Lx;->m()V", {"kind": "call_site", "reachable": True}),)
    md = render(Report(app=AppInfo(package="com.ok"), evidence=ev, sections={"static": {}}), "md")
    assert "Not compared" in md and "No findings" not in md


def test_chinese(hostile: Report) -> None:
    md = render(hostile, "md", RenderOptions(lang="zh"))
    assert "发现差距" in md and "在用户同意隐私政策前收集了" in md  # verdict and a translated rule message
    assert "| 级别 | 规则 | 主体 | 数据类型 | 问题 |" in md and "Gaps found" not in md


def test_a_report_without_a_time_ends_without_a_dangling_separator() -> None:
    text = render(Report(app=AppInfo(package="p")), "md")
    assert "<sub>appaudit " in text and " · </sub>" not in text
    stamped = Report(app=AppInfo(package="p"), generated_at="2026-01-01T00:00:00Z")
    assert " · 2026-01-01T00:00:00Z</sub>" in render(stamped, "md")


def test_a_long_quote_is_shown_from_just_before_its_defined_term() -> None:
    from appaudit.report.section_markdown import _CELL, _around

    quote = "为保障交易安全、预防欺诈和网络攻击，" * 6 + "我们可能使用您的设备信息。"
    shown = _around(quote, "设备信息")
    assert shown.startswith("…") and "设备信息" in shown[:_CELL]
    assert _around("我们收集设备信息。", "设备信息") == "我们收集设备信息。"  # near the start: as it is
    assert _around(quote, None) == quote
