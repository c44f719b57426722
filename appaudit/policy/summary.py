"""The readable Markdown summary of a policy analysis (`appaudit policy --format md`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from appaudit import ontology
from appaudit.model import Report
from appaudit.report.markdown import cell

# Policy text is untrusted: cells go through the report's Markdown escaping (HTML, pipes, links, backticks).
_CELL = 120


def render(report: Report) -> str:
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
            out.append(
                f"| {label} | {contexts} | {hedged} | {cell(first['quote'], _CELL)} | {cell(first['location'], 80)} |"
            )
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
        out += ["| SDK | sdk id | provider | data types | purpose |", "|---|---|---|---|---|"]
        for r in rows:
            sdk_id = f"`{r['sdk_id']}`" if r.get("sdk_id") else "unmatched"
            out.append(
                f"| {cell(r['name'], 60)} | {sdk_id} | {cell(r.get('provider'), 60)} | "
                f"{', '.join(r.get('data_types', [])) or '—'} | {cell(r.get('purpose'), 80)} |"
            )
    else:
        out.append("None found.")
    notes = section.get("notes", [])
    if notes:
        out += ["", "## Notes", ""]
        out += [f"- {cell(n, 300)}" for n in notes]
    return "\n".join(out) + "\n"
