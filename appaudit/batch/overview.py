"""The batch's overview page (DIR/index.html): one row per app linking its reports, the failures, SDK prevalence.

Built from the Parquet tables through the same SQL `appaudit query` uses, so the page and queries agree. Every
value is escaped (jinja2 autoescape): package names and error messages come from hostile apps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from appaudit import __version__
from appaudit.batch import presets
from appaudit.batch.store import Store
from appaudit.limits import atomic_write_bytes


def _dicts(store: Store, sql: str) -> list[dict[str, Any]]:
    columns, rows = store.query(sql)
    return [dict(zip(columns, r, strict=True)) for r in rows]


def write(store: Store) -> Path:
    """Render DIR/index.html and return its path."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("appaudit.batch", "."), autoescape=True, undefined=jinja2.StrictUndefined
    )
    page = env.get_template("overview.html.j2").render(
        apps=_dicts(
            store,
            "SELECT a.*, (SELECT count(*) FROM sdks s WHERE s.sha256 = a.sha256) AS sdks "
            "FROM apps a ORDER BY a.high DESC, a.package",
        ),
        errors=_dicts(store, "SELECT path, stage, message FROM errors ORDER BY path"),
        prevalence=_dicts(store, presets.PRESETS["sdk-prevalence"].sql),
        version=__version__,
    )
    out = store.root / "index.html"
    atomic_write_bytes(out, page.encode("utf-8"))
    return out
