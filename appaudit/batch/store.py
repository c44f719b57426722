"""The batch directory, and the one adapter for pyarrow (Parquet) and DuckDB (SQL over it).

    DIR/reports/<package>-<sha12>.json|.html   each app's reports
    DIR/tables/<table>/<sha256>.parquet         each app's rows, one file per app and table
    DIR/tables/<table>/_schema.parquet          an empty file with the table's columns (empty tables stay queryable)
    DIR/index.html                              the overview page

Each file is written to a temporary name and renamed, and an app's `apps` row is written last: an app is done
exactly when its `apps` file exists, so a batch killed at any point loses at most the apps in flight, and
`--resume` skips the done ones by sha256.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from appaudit.batch import rows
from appaudit.limits import atomic_write_bytes

_ARROW = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
SCHEMA_FILE = "_schema.parquet"


def _arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(col, _ARROW[kind]) for col, kind in rows.schema()[table].items()])


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)[:80] or "app"


class Store:
    """One batch directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tables = root / "tables"
        self.reports = root / "reports"
        for table in rows.schema():
            d = self.tables / table
            d.mkdir(parents=True, exist_ok=True)
            if not (d / SCHEMA_FILE).is_file():
                self._write_table(d / SCHEMA_FILE, table, [])
        self.reports.mkdir(parents=True, exist_ok=True)

    def _write_table(self, path: Path, table: str, table_rows: list[dict[str, Any]]) -> None:
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(table_rows, schema=_arrow_schema(table)), sink)
        atomic_write_bytes(path, sink.getvalue().to_pybytes())

    def done(self) -> set[str]:
        """sha256 of every app whose results are complete (an app with an `errors` row, e.g. its runtime
        failed, is tried again)."""
        apps = {p.stem for p in (self.tables / "apps").glob("*.parquet") if p.name != SCHEMA_FILE}
        return apps - {p.stem for p in (self.tables / "errors").glob("*.parquet")}

    def severities(self, sha256: str) -> list[str]:
        """The severity of each stored finding of a done app (what --resume still counts for --fail-on)."""
        path = self.tables / "findings" / f"{sha256}.parquet"
        if not path.is_file():
            return []
        return [str(s) for s in pq.read_table(path, columns=["severity"]).column("severity").to_pylist()]

    @staticmethod
    def error_key(sha256: str, path: str) -> str:
        return sha256 or "path-" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()

    def report_stem(self, package: str, sha256: str) -> str:
        return f"{_safe(package)}-{sha256[:12]}"

    def write_app(self, sha256: str, package: str, tables: dict[str, list[dict[str, Any]]], report_json: str,
                  html: str) -> None:
        """An analysed app: its reports, then its rows, the `apps` row last (the commit point)."""
        stem = self.report_stem(package, sha256)
        atomic_write_bytes(self.reports / f"{stem}.json", report_json.encode("utf-8"))
        if html:
            atomic_write_bytes(self.reports / f"{stem}.html", html.encode("utf-8"))
        for row in tables.get("apps", []):
            row["report"] = f"reports/{stem}.json"
            row["html"] = f"reports/{stem}.html" if html else None
        for table in rows.schema():
            if table not in ("apps", "errors"):
                self._write_table(self.tables / table / f"{sha256}.parquet", table, tables.get(table, []))
        (self.tables / "errors" / f"{sha256}.parquet").unlink(missing_ok=True)  # an earlier failure is fixed
        self._write_table(self.tables / "apps" / f"{sha256}.parquet", "apps", tables.get("apps", []))

    def write_error(self, sha256: str, path: str, stage: str, message: str) -> None:
        """An app that could not be analysed: exactly one `errors` row."""
        key = self.error_key(sha256, path)
        self._write_table(self.tables / "errors" / f"{key}.parquet", "errors",
                          [rows.error_row(sha256, path, stage, message)])

    def connect(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB with one view per table over its Parquet files."""
        con = duckdb.connect(":memory:")
        for table in rows.schema():
            pattern = str(self.tables / table / "*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}', union_by_name=true)")
        return con

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of SQL over the tables."""
        con = self.connect()
        try:
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description or []]
            return columns, cur.fetchall()
        finally:
            con.close()


def open_existing(root: Path) -> Store:
    """A batch directory that must already hold results (for `appaudit query`)."""
    from appaudit.errors import InputError

    if not (root / "tables" / "apps").is_dir():
        raise InputError(f"{root}: not a batch directory (no tables/apps); run `appaudit batch ... --out {root}`")
    return Store(root)


def tables() -> Iterable[str]:
    return rows.schema().keys()
