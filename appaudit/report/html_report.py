"""The HTML report: one self-contained, printable page rendered from report.html.j2 with autoescape.

This module owns the view model of the page (verdict, declared-vs-observed matrix, SDK table,
findings with their evidence, consent timeline, inline SVG charts). Every string that came from an
APK, a policy or traffic reaches the page only through jinja2's autoescape; no script, no external
fetch (a Content-Security-Policy forbids both).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from appaudit import ontology
from appaudit.compare import is_collection, kind, rules
from appaudit.model import Evidence, Phase, Report, Severity, Source

MAX_TIMELINE_ROWS = 400
MAX_DETAIL_CHARS = 400
MAX_FRAMES = 8
_SKIP_DETAIL = frozenset({"kind", "stack", "quote", "entry"})


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


def _short(value: Any) -> str:
    text = (
        value
        if isinstance(value, str)
        else repr(value)
        if not isinstance(value, list | tuple)
        else ", ".join(str(v) for v in value)
    )
    return text if len(text) <= MAX_DETAIL_CHARS else text[:MAX_DETAIL_CHARS] + "…"


def _frames(stack: Any) -> list[str]:
    """The top frames of a stack or call path; the rest stays in the JSON report."""
    frames = [str(f) for f in stack] if isinstance(stack, list | tuple) else [str(stack)]
    if len(frames) > MAX_FRAMES:
        return [*frames[:MAX_FRAMES], f"… {len(frames) - MAX_FRAMES} more frames in the JSON report"]
    return frames


def _quote(e: Evidence) -> str:
    """What the policy says: the sentence, or for an SDK-list row its cells."""
    if e.detail.get("quote"):
        return str(e.detail["quote"])
    if kind(e) == "sdk_row":
        types = e.detail.get("data_types") or []
        listed = ", ".join(str(t) for t in types) if isinstance(types, list) else str(types)
        return f"{e.detail.get('name', '')} | {e.detail.get('provider') or ''} | {listed or '(no data types listed)'}"
    return ""


def _evidence_view(e: Evidence) -> dict[str, Any]:
    # A runtime stack, or for a code call site the call path from its entry point (shown the same way).
    entry = e.detail.get("entry")
    path = entry.get("path") if isinstance(entry, Mapping) else None
    stack = e.detail.get("stack") or path or ()
    return {
        "source": e.source.value,
        "actor": e.actor,
        "data_type": e.data_type or "",
        "locator": e.locator,
        "at": "" if e.at is None else f"{e.at:.2f} s",
        "phase": e.phase.value if e.phase else "",
        "kind": kind(e),
        "stack": _frames(stack),
        "quote": _quote(e),
        "detail": [(str(k), _short(v)) for k, v in sorted(e.detail.items()) if k not in _SKIP_DETAIL],
    }


@dataclass(frozen=True, slots=True)
class Cell:
    """One matrix cell: which sources saw (actor, data type), and its verdict class."""

    policy: bool
    code: str  # "" none, "reachable", "unreachable"
    runtime: bool
    network: bool

    @property
    def observed(self) -> bool:
        return self.code == "reachable" or self.runtime or self.network

    @property
    def css(self) -> str:
        if self.observed and not self.policy:
            return "gap"
        if self.observed:
            return "ok"
        if self.policy:
            return "declared"
        return "weak" if self.code else "empty"


def matrix(report: Report) -> dict[str, Any]:
    """Data type x actor with policy / code / runtime / network marks (the page's central table)."""
    ev = report.evidence
    # The app column shows the policy's own declarations; an SDK column the types its SDK-list row names.
    declared_app = {
        e.data_type for e in ev if e.source is Source.POLICY and kind(e) == "declared_data_type" and e.actor == "app"
    }
    row_types: dict[str, set[str]] = defaultdict(set)
    for e in ev:
        if e.source is Source.POLICY and kind(e) == "sdk_row":
            row_types[e.actor].update(str(t) for t in e.detail.get("data_types", ()) or ())
        elif e.source is Source.POLICY and kind(e) == "declared_data_type" and e.actor != "app" and e.data_type:
            row_types[e.actor].add(e.data_type)
    marks: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"code": "", "runtime": False, "network": False})
    for e in ev:
        if e.data_type is None or e.source is Source.POLICY:
            continue
        m = marks[(e.data_type, e.actor)]
        if e.source is Source.CODE:
            m["code"] = "reachable" if is_collection(e) or m["code"] == "reachable" else "unreachable"
        elif e.source is Source.RUNTIME and kind(e) == "read":
            m["runtime"] = True
        elif e.source is Source.NETWORK:
            m["network"] = True
    actors = sorted({a for _, a in marks} | set(row_types), key=lambda a: (a != "app", a))
    if "app" not in actors:
        actors.insert(0, "app")
    known = ontology.load()
    order = list(known)
    types = {t for t, _ in marks} | {t for t in declared_app if t} | {t for ts in row_types.values() for t in ts}
    rows = []
    for t in sorted(types, key=lambda t: (order.index(t) if t in order else len(order), t)):
        cells = []
        for a in actors:
            m = marks.get((t, a), {"code": "", "runtime": False, "network": False})
            declared = t in declared_app if a == "app" else t in row_types.get(a, set())
            cells.append(Cell(policy=declared, code=m["code"], runtime=m["runtime"], network=m["network"]))
        name = known[t].name if t in known else ""
        rows.append({"type": t, "name": name, "declared_anywhere": t in declared_app, "cells": cells})
    return {"actors": actors, "rows": rows}


def _sdk_table(report: Report) -> list[dict[str, Any]]:
    info: Mapping[str, Any] = report.sections.get("compare", {}).get("sdks", {})
    seen: dict[str, set[str]] = defaultdict(set)
    for e in report.evidence:
        if e.actor not in ("app", "unknown", "") and e.source is not Source.POLICY:
            seen[e.actor].add(e.source.value.lower())
    rows = []
    for sdk_id in sorted(set(info) | set(seen)):
        i = info.get(sdk_id, {})
        rows.append(
            {
                "id": sdk_id,
                "name": str(i.get("name", sdk_id)),
                "vendor": str(i.get("vendor", "")),
                "category": str(i.get("category", "")),
                "in_policy": i.get("in_policy"),
                "collects": i.get("collects", True),
                "sources": ", ".join(sorted(seen.get(sdk_id, set()))),
            }
        )
    return rows


def _timeline(report: Report) -> dict[str, Any]:
    """Runtime and network events on one time axis, split at the consent event (inline SVG + table)."""
    consent_at = report.sections.get("compare", {}).get("consent_at")
    events = sorted(
        (e for e in report.evidence if e.source in (Source.RUNTIME, Source.NETWORK) and e.at is not None),
        key=Evidence.sort_key,
    )
    events.sort(key=lambda e: e.at or 0.0)
    width, left, lane_h = 1000.0, 90.0, 34.0
    end = max([e.at or 0.0 for e in events] + [consent_at or 0.0, 1.0])
    scale = (width - left - 20) / end
    dots = []
    for e in events:
        phase = e.phase
        if phase is None and consent_at is not None:
            phase = Phase.PRE_CONSENT if (e.at or 0.0) < consent_at else Phase.POST_CONSENT
        lane = 0 if e.source is Source.RUNTIME else 1
        dots.append(
            {
                "x": round(left + (e.at or 0.0) * scale, 1),
                "y": round(20 + lane * lane_h + lane_h / 2, 1),
                "css": "pre" if phase is Phase.PRE_CONSENT else "post" if phase is Phase.POST_CONSENT else "nophase",
                "label": f"{e.at:.2f} s {e.source.value} {kind(e)} {e.data_type or ''} {e.actor} {e.locator}",
            }
        )
    ticks = [{"x": round(left + t * scale, 1), "label": f"{t:g}"} for t in _ticks(end)]
    return {
        "width": width,
        "height": 20 + 2 * lane_h + 30,
        "left": left,
        "lanes": [
            {"y": round(20 + i * lane_h + lane_h / 2, 1), "label": n} for i, n in enumerate(("runtime", "network"))
        ],
        "dots": dots,
        "ticks": ticks,
        "consent_x": None if consent_at is None else round(left + consent_at * scale, 1),
        "consent_at": consent_at,
        "rows": [_evidence_view(e) for e in events[:MAX_TIMELINE_ROWS]],
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


def _severity_chart(counts: Mapping[str, int]) -> dict[str, Any]:
    bars, top = [], max([*counts.values(), 1])
    for i, sev in enumerate(reversed(list(Severity))):
        n = counts.get(sev.value, 0)
        bars.append({"label": sev.value, "n": n, "y": 10 + i * 26, "w": round(300 * n / top, 1), "css": sev.value})
    return {"bars": bars, "height": 10 + len(bars) * 26}


def view(report: Report) -> dict[str, Any]:
    """Everything the template shows, as plain data (tested without a browser)."""
    r = report.sorted()
    catalogue = rules()
    counts = Counter(f.severity.value for f in r.findings)
    worst = max((f.severity for f in r.findings), key=lambda s: s.rank, default=None)
    comp = r.sections.get("compare", {})
    findings = []
    for f in r.findings:
        rule = catalogue.get(f.rule_id)
        findings.append(
            {
                "rule_id": f.rule_id,
                "severity": f.severity.value,
                "title": f.title,
                "message": f.message,
                "actor": f.actor,
                "data_type": f.data_type or "",
                "basis": rule.basis if rule else "",
                "evidence": [_evidence_view(e) for e in f.evidence],
            }
        )
    if worst is None:
        verdict = ("clean", "No findings in the sources that ran")
    elif worst.rank >= Severity.HIGH.rank:
        verdict = ("fail", f"Gaps found: {len(r.findings)} findings, worst {worst.value}")
    elif worst.rank >= Severity.MEDIUM.rank:
        verdict = ("warn", f"Issues found: {len(r.findings)} findings, worst {worst.value}")
    else:
        verdict = ("note", f"{len(r.findings)} low or informational findings")
    return {
        "app": r.app.to_dict(),
        "tool_version": r.tool_version,
        "generated_at": r.generated_at,
        "verdict": {"css": verdict[0], "text": verdict[1]},
        "counts": [(s.value, counts.get(s.value, 0)) for s in reversed(list(Severity))],
        "chart": _severity_chart(counts),
        "skipped": sorted(r.skipped.items()),
        "not_evaluated": sorted(dict(comp.get("rules_not_evaluated", {})).items()),
        "policy_given": comp.get("policy_given"),
        "not_observable": list(comp.get("declared_not_observable", [])),
        "matrix": matrix(r),
        "sdks": _sdk_table(r),
        "findings": findings,
        "timeline": _timeline(r),
        "settings": [(str(k), _short(v)) for k, v in sorted(r.settings.items())],
    }


def render(report: Report) -> str:
    return _template().render(v=view(report))
