"""The PDF report: headless Chromium prints the HTML page to A4; a missing Chromium is one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appaudit.errors import ToolMissingError
from appaudit.model import Report
from appaudit.report import pdf, render, render_bytes
from appaudit.report.options import RenderOptions


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (make setup installs it)")
def test_pdf_is_printed_from_the_html(hostile: Report) -> None:
    data = render_bytes(hostile, "pdf", RenderOptions(lang="zh"))
    assert data.startswith(b"%PDF") and len(data) > 5_000
    pypdfium2 = pytest.importorskip("pypdfium2")
    doc = pypdfium2.PdfDocument(data)
    try:
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "声明与实际对照" in text  # the Chinese page, with its fonts embedded


def test_missing_chromium_is_a_tool_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(pdf.ENV_CHROMIUM, str(tmp_path / "no-such-chromium"))
    with pytest.raises(ToolMissingError, match="chromium"):
        pdf.chromium()


def test_pdf_is_not_text(hostile: Report) -> None:
    from appaudit.errors import InputError

    with pytest.raises(InputError, match="binary"):
        render(hostile, "pdf")
