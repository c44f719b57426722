"""`appaudit datatypes`: print the personal-data ontology."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from appaudit import ontology
from appaudit.cli.base import dump_json, emit, main, output_options, render_table


@main.command()
@output_options()
def datatypes(fmt: str, output: Path | None) -> None:
    """List every personal-data type with its APIs, permissions and policy words."""
    types = ontology.load()
    if fmt == "json":
        emit(dump_json({"datatypes": [t.to_dict() for t in types.values()]}), output)
        return
    table = Table(title=f"{len(types)} personal-data types", show_lines=False)
    for col in ("id", "sensitivity", "APIs", "permissions", "policy words (en / zh)"):
        table.add_column(col, overflow="fold")
    for t in types.values():
        table.add_row(
            t.id,
            t.sensitivity,
            "\n".join(a.label for a in t.apis[:4]) + (f"\n+{len(t.apis) - 4} more" if len(t.apis) > 4 else ""),
            "\n".join(p.rsplit(".", 1)[-1] for p in t.permissions),
            ", ".join(t.words_en[:3]) + " / " + "、".join(t.words_zh[:3]),
        )
    emit(render_table(table), output)
