"""The Markdown report: a short summary for a pull-request comment (verdict, counts, top findings)."""

from __future__ import annotations

from collections import Counter

from appaudit.model import Report, Severity
from appaudit.report import present
from appaudit.report.i18n import messages
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


_ICON = {"fail": "❌", "warn": "⚠️", "note": "ℹ️", "clean": "✅", "partial": "⚪", "uncompared": "⚪"}


def render(report: Report, options: RenderOptions | None = None) -> str:
    """Verdict, each source's coverage, SDKs missing from the policy and the top findings, in the options'
    language; finding messages and evidence stay free of identifier values (they never carry them)."""
    opts = options or RenderOptions()
    msgs = messages(opts.lang)
    r = report.sorted()
    comp, compared = present.comparison_of(r)
    verdict = present.verdict(r, comp, compared, msgs)
    counts = Counter(f.severity for f in r.findings)
    name = r.app.package or r.app.file or "app"
    lines = [f"## {_ICON[verdict['css']]} appaudit: {cell(name)} {cell(r.app.version_name)}".rstrip(), ""]
    lines.append(f"**{cell(verdict['text'])}**")
    if r.findings:
        summary = ", ".join(f"{counts[s]} {msgs.severity(s)}" for s in reversed(list(Severity)) if counts[s])
        lines[-1] += f" ({summary})."
    lines += ["", f"| {msgs.ui('source')} | {msgs.ui('status')} | {msgs.ui('reason')} |", "|---|---|---|"]
    for c in r.coverage_all():
        state = c.status.name.lower()
        status = f"{msgs.word('status_symbol', state)} {msgs.word('status', state)}"
        reasons = "; ".join(msgs.reason(present.scrub_paths(x)) for x in c.reasons)
        lines.append(f"| {cell(msgs.word('source', c.name))} | {status} | {cell(reasons)} |")
    if r.skipped:
        others = {k: v for k, v in r.skipped.items() if k not in {c.name for c in r.coverage_all()}}
        if others:
            lines += [
                "",
                f"{msgs.ui('not_run')}: " + "; ".join(f"{text(k)}: {text(v)}" for k, v in sorted(others.items())),
            ]
    if not comp.policy_given:
        lines += ["", text(msgs.ui("no_policy"))]
    missing = [str(s.id) for s in comp.sdks if s.collects and not s.in_policy]
    if missing and comp.policy_given:
        lines += ["", f"{msgs.rule_title('UNDECLARED_SDK')}: " + ", ".join(f"`{cell(m)}`" for m in missing)]
    if r.findings:
        lines += [
            "",
            f"| {msgs.ui('severity')} | {msgs.ui('rule')} | {msgs.ui('actor')} | {msgs.ui('data_type')} "
            f"| {msgs.ui('finding')} |",
            "|---|---|---|---|---|",
        ]
        for f in r.findings[:MAX_ROWS]:
            sev = f"{msgs.word('severity_symbol', f.severity.value)} {msgs.severity(f.severity)}"
            message = cell(msgs.finding_message(f))
            row = (sev, f"`{f.rule_id}`", cell(str(f.actor)), cell(msgs.data_type(f.data_type)), message)
            lines.append("| " + " | ".join(row) + " |")
        if len(r.findings) > MAX_ROWS:
            lines += ["", text(msgs.ui("more_findings", n=len(r.findings) - MAX_ROWS))]
    stamp = f" · {cell(r.generated_at)}" if r.generated_at else ""  # `static` reports carry no time
    lines += ["", f"<sub>appaudit {cell(r.tool_version)}{stamp}</sub>", ""]
    return "\n".join(lines)
