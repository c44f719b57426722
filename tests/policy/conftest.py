"""Fixtures of the policy tests: the corpus policies folder and a PDF writer for generated test files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pdf_objects import write_objects


@pytest.fixture(scope="session")
def policies_dir(shared_dir: Path) -> Path:
    d = shared_dir / "corpus" / "policies"
    if not (d / "labels.json").is_file():
        pytest.fail(f"{d}/labels.json is missing: the policy tests read the shared corpus")
    return d


def _pdf_string(line: str) -> str:
    # Helvetica with WinAnsi covers Latin-1; other characters cannot be shown by a base-14 font.
    safe = line.encode("latin-1", errors="replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def write_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """A minimal valid PDF (one Helvetica text object per page), written by hand with a correct xref."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    font_id = 3 + 2 * n_pages
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        body = "BT /F1 10 Tf 12 TL 40 760 Td " + " ".join(f"({_pdf_string(ln)}) Tj T*" for ln in lines) + " ET"
        data = body.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return write_objects(path, objects)


@pytest.fixture(scope="session")
def pdf_writer() -> Callable[[Path, Sequence[Sequence[str]]], Path]:
    return write_pdf


# ---------------------------------------------------------------- PDFs with ruled tables

# A page item: a text line, or a table as rows of cells (drawn with ruling lines, as pdfplumber expects).
Item = str | Sequence[Sequence[str]]


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(items: Sequence[Item], width: float = 595, height: float = 842) -> bytes:
    ops: list[str] = ["0.5 w"]
    y = height - 60
    for it in items:
        if isinstance(it, str):
            ops.append(f"BT /F1 11 Tf 40 {y:.1f} Td ({_esc(it)}) Tj ET")
            y -= 18
            continue
        ncol = max(len(r) for r in it)
        col_w = (width - 80) / ncol
        row_h = 22
        for r, row in enumerate(it):
            for c in range(ncol):
                x = 40 + c * col_w
                ops.append(f"{x:.1f} {y - (r + 1) * row_h:.1f} {col_w:.1f} {row_h} re S")
                cell = row[c] if c < len(row) else ""
                ops.append(f"BT /F1 9 Tf {x + 3:.1f} {y - (r + 1) * row_h + 7:.1f} Td ({_esc(cell)}) Tj ET")
        y -= len(it) * row_h + 20
    return "\n".join(ops).encode("latin-1")


def write_table_pdf(path: Path, pages: Sequence[Sequence[Item]]) -> Path:
    """A valid PDF 1.4 of text lines and ruled tables (Helvetica, Latin-1), one page per item list."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, items in enumerate(pages):
        stream = _page_stream(items)
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return write_objects(path, objs)


@pytest.fixture(scope="session")
def table_pdf_writer() -> Callable[[Path, Sequence[Sequence[Item]]], Path]:
    return write_table_pdf
