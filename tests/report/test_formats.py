"""The format family: a toy format needs one module (this one) and one registration."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from appaudit import report as formats
from appaudit.errors import InputError
from appaudit.model import AppInfo, Report
from appaudit.report.options import RenderOptions


def render(report: Report, options: RenderOptions | None = None) -> str:
    """The toy format: one line per finding count."""
    return f"toy {report.app.package}: {len(report.findings)} findings\n"


def test_a_toy_format_needs_one_module_and_one_registration() -> None:
    formats.register(formats.Format("toy", __name__, (".toy",)))
    try:
        assert "toy" in formats.formats()
        assert formats.render(Report(app=AppInfo(package="com.x")), "toy") == "toy com.x: 0 findings\n"
        assert formats.format_for(Path("out/r.toy")) == "toy"
    finally:
        formats._REGISTRY[:] = [f for f in formats._REGISTRY if f.name != "toy"]
        formats.SUFFIXES.pop(".toy", None)
    with pytest.raises(InputError, match="unknown"):
        formats.get("toy")
    assert sys.modules[__name__].render is render


def test_every_registered_format_has_its_module() -> None:
    for name in formats.formats():
        f = formats.get(name)
        module = formats._module(f)
        assert hasattr(module, "render_bytes" if f.binary else "render"), name
