"""The Markdown report: a short summary for a pull-request comment (verdict, counts, top findings)."""

from __future__ import annotations

from collections import Counter

from appaudit.model import Report, Severity
from appaudit.report.options import RenderOptions

MAX_ROWS = 20


def cell(value: object, limit: int = 300) -> str:
    """Text made safe for a Markdown table cell: no pipes, newlines, HTML or backtick breakouts; None is empty,
    and text longer than LIMIT characters is cut."""
    text = " ".join(("" if value is None else str(value)).split())
    for ch, rep in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("`", "'"), ("[", "\\["), ("]", "\\]")):
        text = text.replace(ch, rep)
    return text[:limit] + ("…" if len(text) > limit else "")


def text(value: str) -> str:
    """Text made safe for a Markdown paragraph: as a cell, but a pipe needs no escape outside a table."""
    return cell(value).replace("\\|", "|")


def render(report: Report, options: RenderOptions | None = None) -> str:
    r = report.sorted()
    counts = Counter(f.severity for f in r.findings)
    worst = max((f.severity for f in r.findings), key=lambda s: s.rank, default=None)
    icon = (
        "✅"
        if worst is None or worst.rank < Severity.MEDIUM.rank
        else ("❌" if worst.rank >= Severity.HIGH.rank else "⚠️")
    )
    lines = [
        f"## {icon} appaudit: {cell(r.app.package or r.app.file or 'app')} {cell(r.app.version_name)}".rstrip(),
        "",
    ]
    if r.findings:
        summary = ", ".join(f"{counts[s]} {s.value}" for s in reversed(list(Severity)) if counts[s])
        lines.append(f"**{len(r.findings)} findings** ({summary}).")
    else:
        lines.append("**No findings** in the sources that ran.")
    if r.skipped:
        lines += [
            "",
            "Not run (not evidence of absence): "
            + "; ".join(f"{text(k)}: {text(v)}" for k, v in sorted(r.skipped.items())),
        ]
    comp = r.sections.get("compare", {})
    if comp.get("policy_given") is False:
        lines += ["", "No privacy policy was analysed: policy rules were not evaluated."]
    missing = [
        k for k, v in sorted(dict(comp.get("sdks", {})).items()) if v.get("in_policy") is False and v.get("collects")
    ]
    if missing and comp.get("policy_given"):
        lines += ["", "SDKs missing from the policy's SDK list: " + ", ".join(f"`{cell(m)}`" for m in missing)]
    if r.findings:
        lines += ["", "| severity | rule | actor | data type | finding |", "|---|---|---|---|---|"]
        for f in r.findings[:MAX_ROWS]:
            row = (f.severity.value, f"`{f.rule_id}`", cell(f.actor), cell(f.data_type or ""), cell(f.message))
            lines.append("| " + " | ".join(row) + " |")
        if len(r.findings) > MAX_ROWS:
            lines.append(f"\n…and {len(r.findings) - MAX_ROWS} more in the full report.")
    lines += ["", f"<sub>appaudit {cell(r.tool_version)} · {cell(r.generated_at)}</sub>", ""]
    return "\n".join(lines)
