"""A PDF file from its numbered objects, with a correct xref: the one writer of the policy tests' generated PDFs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def write_objects(path: Path, objects: Sequence[bytes]) -> Path:
    """OBJECTS become objects 1..n (object 1 is the catalog) of a PDF 1.4 file at PATH."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
