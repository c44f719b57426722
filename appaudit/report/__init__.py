"""Report rendering: one registry of formats and one entry point, `render(report, fmt, options)`.

Each format lives in its own module and is imported only when asked for, so that a command that needs
JSON does not pay for jinja2, the SARIF tables or Chromium. A text format's module exposes
`render(report, options) -> str`; a binary one (pdf) `render_bytes(report, options) -> bytes`.
`SUFFIXES` maps an output file's suffix to its format (`audit -o r.html -o r.sarif`, `render -o`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import cast

from appaudit.errors import InputError
from appaudit.model import Report
from appaudit.report.options import RenderOptions


@dataclass(frozen=True, slots=True)
class Format:
    """One output format: its module in this package, the suffixes that select it, and whether it is binary."""

    name: str
    module: str
    suffixes: tuple[str, ...]
    binary: bool = False


# Add a format with one line here and one module beside this file.
_REGISTRY = (
    Format("json", "json_report", (".json",)),
    Format("html", "html_report", (".html", ".htm")),
    Format("sarif", "sarif", (".sarif", ".sarif.json")),
    Format("md", "markdown", (".md", ".markdown")),
    Format("pdf", "pdf", (".pdf",), binary=True),
    Format("datasafety", "datasafety", (".csv",)),
)
FORMATS = tuple(f.name for f in _REGISTRY)
SUFFIXES = {s: f.name for f in _REGISTRY for s in f.suffixes}


def get(fmt: str) -> Format:
    for f in _REGISTRY:
        if f.name == fmt:
            return f
    raise InputError(f"report format {fmt!r}: unknown; use one of {', '.join(FORMATS)}")


def format_for(path: Path) -> str:
    """The format an output file's name asks for (longest matching suffix: `x.sarif.json` is SARIF)."""
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return SUFFIXES[suffix]
    known = ", ".join(sorted(SUFFIXES))
    raise InputError(f"{path}: unknown report format for this file name; use a suffix of {known}, or --format")


def render_bytes(report: Report, fmt: str, options: RenderOptions | None = None) -> bytes:
    """The report in FMT as the bytes to write (UTF-8 for text formats); deterministic for text formats."""
    f = get(fmt)
    module = import_module(f"{__name__}.{f.module}")
    if f.binary:
        fn_b = cast(Callable[[Report, RenderOptions | None], bytes], module.render_bytes)
        return fn_b(report, options)
    return render(report, fmt, options).encode("utf-8")


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """The report as text in `fmt` (a text format of FORMATS); output is deterministic for a given report."""
    f = get(fmt)
    if f.binary:
        raise InputError(f"report format {fmt!r} is binary: write it to a file with -o")
    module = import_module(f"{__name__}.{f.module}")
    fn = cast(Callable[[Report, RenderOptions | None], str], module.render)
    return fn(report, options)


__all__ = ["FORMATS", "SUFFIXES", "Format", "format_for", "get", "render", "render_bytes"]
