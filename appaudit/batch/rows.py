"""A JSON report (the schema-versioned contract, `Report.to_dict()`) as rows of the batch tables.

The tables and their column types are data (data/batch_tables.toml); this module only says where each column's
value comes from in the report. Reading the JSON contract rather than Python objects keeps batch results
comparable across appaudit versions and lets old reports be re-tabulated.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from appaudit import data

Row = dict[str, Any]


@functools.cache
def schema() -> dict[str, dict[str, str]]:
    """table -> column -> Arrow type name, in file order."""
    return {t: dict(cols) for t, cols in data.load("batch_tables.toml").items()}


def _typed(table: str, row: Row) -> Row:
    """The row with exactly the table's columns, each converted to its type (None when absent)."""
    out: Row = {}
    for col, kind in schema()[table].items():
        v = row.get(col)
        if v is None:
            out[col] = None
        elif kind == "int64":
            out[col] = int(v)
        elif kind == "float64":
            out[col] = float(v)
        elif kind == "bool":
            out[col] = bool(v)
        else:
            out[col] = str(v)
    return out


def _list(section: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    v = section.get(key, [])
    return [x for x in v if isinstance(x, Mapping)] if isinstance(v, list) else []


def rows(doc: Mapping[str, Any], path: str) -> dict[str, list[Row]]:
    """Every table's rows for one report."""
    app = doc.get("app", {})
    sha, package = str(app.get("sha256", "")), str(app.get("package", ""))
    key = {"sha256": sha, "package": package}
    static = doc.get("sections", {}).get("static", {})
    static = static if isinstance(static, Mapping) else {}
    findings = [f for f in doc.get("findings", []) if isinstance(f, Mapping)]
    coverage = doc.get("coverage", {})
    severities = [str(f.get("severity", "")) for f in findings]
    apps = {
        **key,
        "path": path,
        "version_name": app.get("version_name"),
        "version_code": app.get("version_code"),
        "target_sdk": app.get("target_sdk"),
        **{a: (coverage.get(a) or {}).get("status") for a in ("static", "policy", "runtime", "network")},
        "findings": len(findings),
        **{s: severities.count(s) for s in ("critical", "high", "medium", "low")},
    }
    sdks = [
        {
            **key,
            "sdk": s.get("id"),
            "name": s.get("name"),
            "vendor": s.get("vendor"),
            "category": s.get("category"),
            "confidence": s.get("confidence"),
            "grades": ",".join(str(g) for g in s.get("grades", []) or []),
        }
        for s in _list(static, "sdks")
    ]
    permissions = [
        {
            **key,
            "permission": p.get("name"),
            "protection_level": p.get("protection_level"),
            "play_restricted": p.get("play_restricted"),
        }
        for p in _list(static, "permissions")
    ]
    call_sites = [
        {**key, **{c: s.get(c) for c in ("data_type", "api", "actor", "caller_class", "caller_method", "reachable")}}
        for s in _list(static, "call_sites")
    ]
    finding_rows = [
        {**key, **{c: f.get(c) for c in ("rule_id", "severity", "actor", "data_type", "subject", "message")}}
        for f in findings
    ]
    raw = {"apps": [apps], "sdks": sdks, "permissions": permissions, "call_sites": call_sites,
           "findings": finding_rows, "errors": []}
    return {t: [_typed(t, r) for r in rs] for t, rs in raw.items()}


def error_row(sha256: str, path: str, stage: str, message: str) -> Row:
    """The one `errors` row of an app that could not be analysed."""
    return _typed("errors", {"sha256": sha256, "path": path, "stage": stage, "message": message})
