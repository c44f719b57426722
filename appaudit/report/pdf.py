"""The PDF report: the HTML report printed to A4 by headless Chromium (`--print-to-pdf`).

Chromium lays out the same self-contained page the HTML format writes (its print stylesheet splits
the matrix and keeps findings whole), so the PDF and the page never disagree. The page is loaded from
a private temporary folder with the flags that keep Chromium off the network; the run is bounded in
time and a failure is a one-line `ToolMissingError`/`AppAuditError`, never a half-written file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from appaudit import systools
from appaudit.errors import AppAuditError
from appaudit.model import Report
from appaudit.report import html_report
from appaudit.report.options import RenderOptions

ENV_CHROMIUM = "APPAUDIT_CHROMIUM"
TIMEOUT_S = 120.0
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# No sandbox is needed for our own trusted page (its CSP forbids scripts and fetches); the rest keep a
# headless Chromium from reaching out (updates, sync, QUIC probes) on a machine without network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def chromium() -> str:
    """The Chromium executable: $APPAUDIT_CHROMIUM, else the first of the usual names on PATH."""
    env = os.environ.get(ENV_CHROMIUM)
    if env:
        if not (Path(env).is_file() and os.access(env, os.X_OK)):
            raise systools.missing("chromium", f"{ENV_CHROMIUM}={env}")
        return env
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise systools.missing("chromium")


def print_pdf(html: str, browser: str | None = None) -> bytes:
    """HTML printed to PDF bytes by headless Chromium."""
    exe = browser or chromium()
    with tempfile.TemporaryDirectory(prefix="appaudit-pdf-") as tmp:
        page, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [exe, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", f"--print-to-pdf={out}", page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise AppAuditError(f"chromium did not print the PDF within {TIMEOUT_S:g} s") from None
        except OSError as e:
            raise AppAuditError(f"{exe}: cannot run ({e.strerror or e})") from None
        data = out.read_bytes() if out.is_file() else b""
        if not data.startswith(b"%PDF"):
            tail = " ".join(proc.stderr.decode("utf-8", "replace").split()[-30:])
            raise AppAuditError(f"chromium wrote no PDF (exit {proc.returncode}): {tail or 'no message'}")
        return data


def render_bytes(report: Report, options: RenderOptions | None = None) -> bytes:
    return print_pdf(html_report.render(report, options))


__all__ = ["ENV_CHROMIUM", "chromium", "print_pdf", "render_bytes"]
