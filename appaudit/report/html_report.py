"""The HTML report: one self-contained page for people, rendered from report.html.j2 with autoescape.

This module owns the page's view model: the header (app label, package, version), the verdict first,
each source's coverage (complete, degraded, failed, not requested), the declared-vs-observed matrix
from compare's `Comparison` (transposed when there are more actors than data types, split into parts
that fit an A4 page, every state a symbol and a word as well as a colour), the SDK table (code-backed
SDKs first, hints apart), findings with their evidence as sentences, and the consent timeline.
Words come from data/messages.<lang>.toml; identifier values are redacted unless `show_values`.
Every string that came from an APK, a policy or traffic reaches the page only through jinja2's
autoescape; no script, no external fetch (a Content-Security-Policy forbids both).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from appaudit.compare import rules
from appaudit.model import (
    Actor,
    Cell,
    CellVerdict,
    CodeMark,
    Comparison,
    Evidence,
    Phase,
    Report,
    SdkDetail,
    Severity,
    Source,
)
from appaudit.report import present
from appaudit.report.i18n import Messages, messages
from appaudit.report.options import RenderOptions

MAX_TIMELINE_ROWS = 400
MAX_COLS = 8  # matrix columns that fit an A4 portrait page beside the row labels
MAX_EVIDENCE = 12  # evidence rows shown per finding; the rest stays in the JSON report


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        autoescape=True,  # every {{ }} is escaped: APK, policy and traffic strings are hostile input
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    text = resources.files("appaudit.report").joinpath("report.html.j2").read_text(encoding="utf-8")
    return env.from_string(text)


@dataclass(frozen=True, slots=True)
class CellView:
    """One matrix cell as shown: its state (css class), symbol, state words and source marks."""

    state: str
    symbol: str
    words: str
    marks: tuple[tuple[str, bool], ...]  # (letter, present)


def cell_state(cell: Cell, policy_given: bool) -> str:
    """The cell's state: compare's verdict, except that without a policy nothing can be a gap or ok."""
    v = cell.verdict
    if not policy_given and v in (CellVerdict.GAP, CellVerdict.OK):
        return "observed"
    return v.value


def _cell_view(cell: Cell, policy_given: bool, msgs: Messages) -> CellView:
    state = cell_state(cell, policy_given)
    marks = (
        ("P", cell.declared),
        ("c" if cell.code is CodeMark.UNREACHABLE else "C", cell.code is not CodeMark.NONE),
        ("R", cell.runtime),
        ("N", cell.network),
    )
    return CellView(state, msgs.word("cell_symbol", state), msgs.word("cell_short", state), marks)


def matrix(comp: Comparison, msgs: Messages) -> dict[str, Any]:
    """The matrix as tables that fit a page: transposed when actors outnumber data types, then split."""
    actors = [str(a) for a in comp.actors]
    types = [(r.data_type, msgs.data_type(r.data_type)) for r in comp.matrix]
    grid = [[_cell_view(c, comp.policy_given, msgs) for c in r.cells] for r in comp.matrix]
    transposed = len(actors) > MAX_COLS and len(types) < len(actors)
    if transposed:
        row_labels = [(a, "") for a in actors]
        col_labels = [label for _, label in types]
        grid = [list(col) for col in zip(*grid, strict=True)] if grid else []
        corner = f"{msgs.ui('actor')} \\ {msgs.ui('data_type')}"
    else:
        row_labels = [(label, dt if dt != label else "") for dt, label in types]
        col_labels = actors
        corner = f"{msgs.ui('data_type')} \\ {msgs.ui('actor')}"
    # Parts of equal width (9 columns: 5 + 4, not 8 + 1); a row with nothing in a part is left out of it.
    n_parts = max(1, -(-len(col_labels) // MAX_COLS))
    per = max(1, -(-len(col_labels) // n_parts))
    parts = []
    for start in range(0, max(len(col_labels), 1), per):
        cols = col_labels[start : start + per]
        rows = [
            {"label": label, "sub": sub, "cells": cells[start : start + per]}
            for (label, sub), cells in zip(row_labels, grid, strict=True)
            if any(c.state != "empty" for c in cells[start : start + per])
        ]
        parts.append({"cols": cols, "rows": rows})
    states = Counter(c.state for row in grid for c in row)
    return {
        "parts": parts if types else [],
        "transposed": transposed,
        "corner": corner,
        "n_cols": len(col_labels),
        "gaps": states.get("gap", 0),
        "legend": [
            (msgs.word("cell_symbol", s), s, msgs.word("cell", s))
            for s in ("gap", "ok", "declared", "observed", "weak")
            if s != "observed" or not comp.policy_given
        ],
    }


def _detections(report: Report) -> dict[str, SdkDetail]:
    out: dict[str, SdkDetail] = {}
    for e in report.evidence:
        if isinstance(e.detail, SdkDetail):
            out.setdefault(str(e.actor), e.detail)
    return out


def sdk_tables(report: Report, comp: Comparison, msgs: Messages) -> dict[str, list[dict[str, Any]]]:
    """Embedded SDKs (code, native library or a component whose class is in the dex; or seen acting at
    runtime or on the network) first; SDKs that only hints name (a host string, a meta-data key, an intent
    action: the static scan's `sdk_hints`) in a table of their own, never counted as embedded."""
    detections = _detections(report)
    code: list[dict[str, Any]] = []
    for s in comp.sdks:
        d = detections.get(str(s.id))
        grades = list(d.grades) if d is not None else []
        clues = d.evidence if d is not None and isinstance(d.evidence, list) else []
        kinds = sorted({str(x.get("kind")) for x in clues if isinstance(x, Mapping)})  # the clues' kinds
        code.append(
            {
                "id": str(s.id),
                "name": s.name,
                "vendor": s.vendor,
                "category": msgs.word("category", s.category)
                + ("" if s.collects else f" ({msgs.ui('no_collection')})"),
                "in_policy": (msgs.ui("yes") if s.in_policy else msgs.ui("no"))
                if comp.policy_given
                else msgs.ui("not_compared"),
                "missing": comp.policy_given and s.collects and not s.in_policy,
                "sources": ", ".join(msgs.word("source", src.value) for src in s.sources),
                "found_by": ", ".join(msgs.word("grade", g) for g in grades or kinds),
            }
        )
    hints: list[dict[str, Any]] = []
    static = report.sections.get("static", {})
    for h in static.get("sdk_hints", ()) if isinstance(static, Mapping) else ():
        if not isinstance(h, Mapping):
            continue
        found = [
            f"{msgs.word('grade', str(x.get('kind')))}: {x.get('value')}" + (f" ({x['note']})" if x.get("note") else "")
            for x in h.get("hints", ()) or ()
            if isinstance(x, Mapping)
        ]
        hints.append(
            {
                "id": str(h.get("id", "")),
                "name": str(h.get("name", "")),
                "vendor": str(h.get("vendor", "")),
                "category": msgs.word("category", str(h.get("category", ""))),
                "found_by": present.shorten("; ".join(found)),
            }
        )
    return {"code": code, "hints": hints}


def _timeline(report: Report, comp: Comparison, msgs: Messages, opts: RenderOptions) -> dict[str, Any]:
    """Runtime and network events on one time axis, split at the consent event (inline SVG + table)."""
    consent_at = comp.consent_at
    events = sorted(
        (e for e in report.evidence if e.source in (Source.RUNTIME, Source.NETWORK) and e.at is not None),
        key=lambda e: (e.at or 0.0, *Evidence.sort_key(e)),
    )
    width, left, lane_h = 1000.0, 90.0, 34.0
    end = max([e.at or 0.0 for e in events] + [consent_at or 0.0, 1.0])
    scale = (width - left - 20) / end
    dots: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for e in events:
        phase = e.phase
        if phase is None and consent_at is not None:
            phase = Phase.PRE_CONSENT if (e.at or 0.0) < consent_at else Phase.POST_CONSENT
        lane = 0 if e.source is Source.RUNTIME else 1
        where = present.redact_locator(e, opts.show_values)
        dots.append(
            {
                "x": round(left + (e.at or 0.0) * scale, 1),
                "y": round(20 + lane * lane_h + lane_h / 2, 1),
                "css": "pre" if phase is Phase.PRE_CONSENT else "post" if phase is Phase.POST_CONSENT else "nophase",
                "label": f"{e.at:.2f} s {msgs.data_type(e.data_type)} {e.actor} {where}",
            }
        )
        if len(rows) < MAX_TIMELINE_ROWS:
            rows.append(
                {
                    "at": msgs.ui("seconds", t=f"{e.at:.2f}"),
                    "phase": present.phase_word(phase, msgs),
                    "pre": phase is Phase.PRE_CONSENT,
                    "source": msgs.word("source", e.source.value),
                    "what": present.sentence(e, msgs, opts),
                    "where": where,
                }
            )
    return {
        "width": width,
        "height": 20 + 2 * lane_h + 30,
        "left": left,
        "lanes": [
            {"y": round(20 + i * lane_h + lane_h / 2, 1), "label": msgs.ui(n)}
            for i, n in enumerate(("lane_runtime", "lane_network"))
        ],
        "dots": dots,
        "ticks": [{"x": round(left + t * scale, 1), "label": msgs.ui("seconds", t=f"{t:g}")} for t in _ticks(end)],
        "consent_x": None if consent_at is None else round(left + consent_at * scale, 1),
        "consent": msgs.ui("consent_at", t=f"{consent_at:.2f}") if consent_at is not None else msgs.ui("no_consent"),
        "rows": rows,
        "truncated": max(0, len(events) - MAX_TIMELINE_ROWS),
        "count": len(events),
    }


def _ticks(end: float) -> list[float]:
    step = 1.0
    for s in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600):
        step = float(s)
        if end / s <= 10:
            break
    n = int(end // step) + 1
    return [i * step for i in range(n + 1) if i * step <= end * 1.0001 or i == 0]


def _severity_chart(counts: Mapping[str, int], msgs: Messages) -> dict[str, Any]:
    bars, top = [], max([*counts.values(), 1])
    for i, sev in enumerate(reversed(list(Severity))):
        n = counts.get(sev.value, 0)
        label = f"{msgs.word('severity_symbol', sev.value)} {msgs.severity(sev)}"
        bars.append({"label": label, "n": n, "y": 10 + i * 26, "w": round(300 * n / top, 1), "css": sev.value})
    return {"bars": bars, "height": 10 + len(bars) * 26}


def _by_reason(not_evaluated: Mapping[str, str], msgs: Messages) -> list[tuple[str, str]]:
    """Rules not evaluated, grouped by the reason (one line per reason, not one per rule)."""
    groups: dict[str, list[str]] = {}
    for rule_id, why in not_evaluated.items():
        groups.setdefault(msgs.reason(present.scrub_paths(why)), []).append(msgs.rule_title(rule_id))
    return sorted((why, "; ".join(titles)) for why, titles in groups.items())


def app_label(report: Report) -> str:
    """The app's name as users see it (its label from resources), when the static scan resolved one."""
    static = report.sections.get("static", {})
    app = static.get("app", {}) if isinstance(static, Mapping) else {}
    label = app.get("label") if isinstance(app, Mapping) else None
    return str(label) if label else ""


def _findings(report: Report, msgs: Messages, opts: RenderOptions) -> list[dict[str, Any]]:
    catalogue = rules()
    out = []
    for f in report.findings:
        rule = catalogue.get(f.rule_id)
        shown: Sequence[Evidence] = f.evidence[:MAX_EVIDENCE]
        out.append(
            {
                "rule_id": f.rule_id,
                "severity": f.severity.value,
                "severity_word": msgs.severity(f.severity),
                "symbol": msgs.word("severity_symbol", f.severity.value),
                "title": msgs.rule_title(f.rule_id, f.title),
                "message": msgs.finding_message(f),
                "actor": str(f.actor),
                "data_type": msgs.data_type(f.data_type),
                "basis": msgs.rule_basis(f.rule_id) if rule else "",
                "evidence": [present.view(e, msgs, opts) for e in shown],
                "more": max(0, len(f.evidence) - len(shown)),
            }
        )
    return out


def view(report: Report, options: RenderOptions | None = None) -> dict[str, Any]:
    """Everything the template shows, as plain data (tested without a browser)."""
    opts = options or RenderOptions()
    msgs = messages(opts.lang)
    r = report.sorted()
    comp, compared = present.comparison_of(r)
    counts = Counter(f.severity.value for f in r.findings)
    app = r.app
    coverage = [
        {
            "name": msgs.word("source", c.name),
            "status": c.status.value,
            "css": c.status.name.lower(),
            "symbol": msgs.word("status_symbol", c.status.name.lower()),
            "word": msgs.word("status", c.status.name.lower()),
            "reasons": "; ".join(msgs.reason(present.scrub_paths(x)) for x in c.reasons),
        }
        for c in r.coverage_all()
    ]
    return {
        "lang": opts.lang,
        "t": msgs.doc["ui"],
        "label": app_label(r),
        "app": {
            "package": app.package,
            "version": " ".join(
                x for x in (app.version_name, f"({app.version_code})" if app.version_code else "") if x
            ),
            "target_sdk": "" if app.target_sdk is None else str(app.target_sdk),
            "file": present.local_path(app.file),
            "sha256": app.sha256,
        },
        "tool_version": r.tool_version,
        "generated_at": r.generated_at,
        "verdict": present.verdict(r, comp, compared, msgs),
        "compared": compared,
        "coverage": coverage,
        "chart": _severity_chart(counts, msgs),
        "policy_given": comp.policy_given,
        "not_evaluated": _by_reason(comp.rules_not_evaluated, msgs),
        "not_observable": ", ".join(msgs.data_type(t) for t in comp.declared_not_observable),
        "matrix": matrix(comp, msgs),
        "sdks": sdk_tables(r, comp, msgs),
        "findings": _findings(r, msgs, opts),
        "timeline": _timeline(r, comp, msgs, opts),
        "settings": [
            (msgs.word("setting", str(k)), str(k), present.setting_value(v, msgs))
            for k, v in sorted(r.settings.items())
        ],
        "values_note": msgs.ui("values_shown") if opts.show_values else msgs.ui("redacted_note"),
        "mark_legend": [msgs.ui(k) for k in ("mark_policy", "mark_code", "mark_runtime", "mark_network")],
        "actor_app": str(Actor.APP),
    }


def render(report: Report, options: RenderOptions | None = None) -> str:
    return _template().render(v=view(report, options))
