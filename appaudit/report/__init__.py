"""Report rendering: one entry point, `render(report, fmt)`, for json, html, sarif and md.

Each format lives in its own module and is imported only when asked for, so that a command
that needs JSON does not pay for jinja2 or the SARIF tables.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import cast

from appaudit.errors import InputError
from appaudit.model import Report

# fmt -> module in this package exposing `render(report) -> str`
_MODULES = {
    "json": "json_report",
    "html": "html_report",
    "sarif": "sarif",
    "md": "markdown",
}
FORMATS = tuple(_MODULES)


def render(report: Report, fmt: str) -> str:
    """The report as text in `fmt` (one of FORMATS); output is deterministic for a given report."""
    try:
        name = _MODULES[fmt]
    except KeyError:
        raise InputError(f"report format {fmt!r}: unknown; use one of {', '.join(FORMATS)}") from None
    module = import_module(f"{__name__}.{name}")
    fn = cast(Callable[[Report], str], module.render)
    return fn(report)


__all__ = ["FORMATS", "render"]
