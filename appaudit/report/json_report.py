"""The JSON report: `Report.to_dict()` serialised deterministically (schema: data/report.schema.json)."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Set
from pathlib import PurePath
from typing import Any

from appaudit.model import Report
from appaudit.report.options import RenderOptions


def _plain(value: Any) -> Any:
    """Values analysers may leave in `detail` that json cannot write, made plain and stable."""
    if value is None or isinstance(value, str | int | float | bool | list | tuple):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Set):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return repr(value)


def dumps(doc: Any) -> str:
    """A report's `to_dict()` as the JSON text every JSON report is."""
    return json.dumps(doc, indent=2, ensure_ascii=False, default=_plain) + "\n"


def render(report: Report, options: RenderOptions | None = None) -> str:
    return dumps(report.to_dict())
