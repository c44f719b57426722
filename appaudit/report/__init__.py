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
from typing import Any, cast

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


# Add a format with one line here and one module beside this file (or `register` it from elsewhere).
_REGISTRY = [
    Format("json", "json_report", (".json",)),
    Format("html", "html_report", (".html", ".htm")),
    Format("sarif", "sarif", (".sarif", ".sarif.json")),
    Format("md", "markdown", (".md", ".markdown")),
    Format("pdf", "pdf", (".pdf",), binary=True),
    Format("datasafety", "datasafety", (".csv",)),
    Format("codequality", "codequality", (".codequality.json",)),
]
FORMATS = tuple(f.name for f in _REGISTRY)  # the built-in formats (CLI choices); `formats()` has plug-ins too
SUFFIXES = {s: f.name for f in _REGISTRY for s in f.suffixes}


def register(fmt: Format) -> Format:
    """Add FMT to the registry (one of the same name is replaced). Its `module` is a module of this
    package or a dotted path; it exposes `render(report, options) -> str` (`render_bytes` if binary)."""
    _REGISTRY[:] = [f for f in _REGISTRY if f.name != fmt.name] + [fmt]
    SUFFIXES.update({s: fmt.name for s in fmt.suffixes})
    return fmt


def formats() -> tuple[str, ...]:
    """Every registered format's name, built-in first."""
    return tuple(f.name for f in _REGISTRY)


def _module(f: Format) -> Any:
    """A format's module: one of this package by its short name, else the dotted path as given."""
    if "." not in f.module:
        local = f"{__name__}.{f.module}"
        try:
            return import_module(local)
        except ModuleNotFoundError as e:
            if e.name != local:
                raise  # the module exists but one of its own imports is missing: a broken install
    return import_module(f.module)


def get(fmt: str) -> Format:
    for f in _REGISTRY:
        if f.name == fmt:
            return f
    raise InputError(f"report format {fmt!r}: unknown; use one of {', '.join(formats())}")


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
    module = _module(f)
    if f.binary:
        fn_b = cast(Callable[[Report, RenderOptions | None], bytes], module.render_bytes)
        return fn_b(report, options)
    return render(report, fmt, options).encode("utf-8")


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """The report as text in `fmt` (a text format of FORMATS); output is deterministic for a given report."""
    f = get(fmt)
    if f.binary:
        raise InputError(f"report format {fmt!r} is binary: write it to a file with -o")
    module = _module(f)
    fn = cast(Callable[[Report, RenderOptions | None], str], module.render)
    return fn(report, options)


__all__ = ["FORMATS", "SUFFIXES", "Format", "format_for", "formats", "get", "register", "render", "render_bytes"]
