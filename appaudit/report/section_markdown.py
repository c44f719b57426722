"""Markdown summaries of one analysis's own section: `appaudit static --format md` and `appaudit policy --format md`.

The audit-wide Markdown report is markdown.py; these add what a single analyser found (the static
scan's permissions, SDKs and call sites; a policy's declarations and SDK list). Every string from an
APK or a policy goes through markdown.py's escaping (`cell`, `text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from appaudit import ontology
from appaudit.model import Report
from appaudit.report.markdown import cell, text

# Policy text is untrusted: cells go through the report's Markdown escaping (HTML, pipes, links, backticks).
_CELL = 120


def static_markdown(s: Mapping[str, Any]) -> str:
    """A Markdown summary of sections["static"]: permissions, SDKs, call sites by type and actor."""
    app = s["app"]
    lines = [
        f"## Static analysis: {text(app['package'])} {text(app['version_name'])}",
        "",
        f"minSdk {app['min_sdk']}, targetSdk {app['target_sdk']}; {len(app['dex_files'])} dex files, "
        f"{app['classes']} classes, {app['methods']} methods.",
        "",
        "### Permissions",
        "",
        "| permission | protection level | Play-restricted | maxSdk |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {cell(p['name'])} | {p['protection_level']} | {'yes' if p['play_restricted'] else ''} | "
        f"{p['max_sdk'] or ''} |"
        for p in s["permissions"]
    ]
    lines += ["", "### SDKs", "", "| id | name | category | confidence | evidence |", "|---|---|---|---|---|"]
    for x in s["sdks"]:
        kinds = sorted({e["kind"] for e in x["evidence"]})
        label = f"{x['category']} (library)" if x["library"] else x["category"]
        lines.append(f"| {x['id']} | {cell(x['name'])} | {label} | {x['confidence']} | {', '.join(kinds)} |")
    groups: dict[tuple[str, str], list[int]] = {}
    for c in s["call_sites"]:
        g = groups.setdefault((c["data_type"], c["actor"]), [0, 0])
        g[0] += 1
        g[1] += 1 if c["reachable"] else 0
    lines += ["", "### Sensitive call sites", "", "| data type | actor | sites | reachable |", "|---|---|---|---|"]
    lines += [f"| {dt} | {actor} | {n} | {r} |" for (dt, actor), (n, r) in sorted(groups.items())]
    m = s["manifest"]
    self_start = [c["name"] for c in m["components"] if c["self_start"]]
    net = m.get("network_security") or {}
    lines += ["", "### Manifest", ""]
    lines.append(f"- self-start receivers: {', '.join(map(text, self_start)) or 'none'}")
    lines.append(f"- cleartext traffic permitted: {net.get('cleartext_permitted')} ({net.get('source')})")
    if s["skipped"]:
        lines += ["", "### Skipped", ""] + [f"- {text(n)}" for n in s["skipped"]]
    return "\n".join(lines) + "\n"


def _around(quote: str, term: object) -> str:
    """The quote from a little before TERM when the cell would cut it off: the words that declare come first."""
    at = quote.lower().find(str(term).lower()) if isinstance(term, str) and term else -1
    if at <= _CELL // 2:
        return quote
    return "…" + quote[at - _CELL // 4 :]


def _line(row: Mapping[str, Any]) -> str:
    line = row.get("line")
    return f" (line {line})" if isinstance(line, int) else ""


def policy_markdown(report: Report) -> str:
    """Declared data types, permissions, the SDK list and notes as Markdown."""
    section: Mapping[str, Any] = report.sections.get("policy", {})
    names = {t.id: t.name for t in ontology.load().values()}
    files = section.get("files", {})
    out = ["# Privacy policy analysis", ""]
    out.append("Files: " + ", ".join(f"`{f}` ({fmt})" for f, fmt in files.items()) if files else "Files: none")
    out.append("")
    types: Mapping[str, list[Mapping[str, Any]]] = section.get("declared_data_types", {})
    out += [f"## Declared data types ({len(types)})", ""]
    if types:
        out += ["| data type | context | hedged | first quote | where |", "|---|---|---|---|---|"]
        for dt, decls in types.items():
            contexts = "/".join(sorted({d["context"] for d in decls}))
            hedged = "yes" if any(d["hedged"] for d in decls) else "no"
            first = decls[0]
            label = f"{names.get(dt, dt)} (`{dt}`)" + (f" ×{len(decls)}" if len(decls) > 1 else "")
            quote = cell(_around(first["quote"], first.get("via")), _CELL)
            if first.get("via"):
                quote = f"as “{cell(first['via'], 40)}”: {quote}"  # a defined term the quote names, not the type
            out.append(f"| {label} | {contexts} | {hedged} | {quote} | {cell(first['location'], 80)} |")
    else:
        out.append("None found.")
    perms: Mapping[str, Mapping[str, str]] = section.get("declared_permissions", {})
    out += ["", f"## Declared permissions ({len(perms)})", ""]
    if perms:
        out += ["| permission | purpose |", "|---|---|"]
        out += [f"| `{p}` | {cell(v.get('purpose'), _CELL)} |" for p, v in perms.items()]
    else:
        out.append("None found.")
    rows: list[Mapping[str, Any]] = section.get("sdk_rows", [])
    out += ["", f"## Third-party SDK list ({len(rows)} rows)", ""]
    if rows:
        out += ["| SDK | sdk id | provider | data types | purpose | how | where |", "|---|---|---|---|---|---|---|"]
        for r in rows:
            sdk_id = f"`{r['sdk_id']}`" if r.get("sdk_id") else "unmatched"
            out.append(
                f"| {cell(r['name'], 60)} | {sdk_id} | {cell(r.get('provider'), 60)} | "
                f"{', '.join(r.get('data_types', [])) or '—'} | {cell(r.get('purpose'), 80)} | "
                f"{cell(r.get('how'), 20)} | {cell(r.get('location'), 80)}{_line(r)} |"
            )
    else:
        out.append("None found.")
    notes = section.get("notes", [])
    if notes:
        out += ["", "## Notes", ""]
        out += [f"- {cell(n, 300)}" for n in notes]
    return "\n".join(out) + "\n"
