"""Reading a saved JSON report back (`audit -o r.json`): the one loader for gate baselines and `appaudit render`.

A saved report is untrusted input: read as a regular file under a size cap, parsed with the bounded JSON reader
(appaudit.limits), checked to be appaudit's and of a schema version this build reads, and validated against
data/report.schema.json before any record is built, so a truncated, foreign, newer or hand-edited file is one
`InputError` line naming it and what to do.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from appaudit import data as bundled
from appaudit import limits
from appaudit.errors import InputError
from appaudit.model import READABLE_SCHEMA_VERSIONS, Report

MAX_REPORT_BYTES = 512 * 1024**2


@cache
def _validator() -> Any:
    return jsonschema.Draft202012Validator(bundled.load("report.schema.json"))


def load_report(path: Path, what: str = "report") -> Report:
    """The report saved at PATH; WHAT names it in messages ("baseline", "new report", "report")."""
    raw = limits.read_regular(path, what)
    if len(raw) > MAX_REPORT_BYTES:
        raise InputError(f"{path}: {len(raw)} bytes, over the {MAX_REPORT_BYTES // 1024**2} MiB a report may have")
    doc = limits.loads_json(raw, str(path), "JSON report (truncated or damaged?)")
    if not isinstance(doc, dict) or not isinstance(doc.get("tool"), dict) or doc["tool"].get("name") != "appaudit":
        raise InputError(f"{path}: not an appaudit report (no tool.name 'appaudit'); pass a file written by `audit -o`")
    version = doc.get("schema_version")
    if version not in READABLE_SCHEMA_VERSIONS:
        readable = ", ".join(str(v) for v in READABLE_SCHEMA_VERSIONS)
        newer = isinstance(version, int) and version > max(READABLE_SCHEMA_VERSIONS)
        hint = (
            "written by a newer appaudit; upgrade appaudit"
            if newer
            else f"re-run `appaudit audit` on the build the {what} came from"
        )
        raise InputError(f"{path}: report schema_version {version!r}; this appaudit reads {readable}: {hint}")
    # Every field's type is checked before records are built: a hand-edited report (a time that is a string,
    # a data type that is a number) is refused here, not half-way through a diff or an output.
    error = jsonschema.exceptions.best_match(_validator().iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise InputError(f"{path}: damaged report at {where}: {' '.join(error.message.split())[:160]}")
    try:
        return Report.from_dict(doc)
    except (KeyError, ValueError, TypeError, AttributeError) as e:
        what_failed = f"missing field {e}" if isinstance(e, KeyError) else " ".join(str(e).split())[:200]
        raise InputError(f"{path}: damaged report ({what_failed}); re-run `appaudit audit -o {path.name}`") from None
