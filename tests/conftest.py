"""Shared test fixtures: paths to the repository and to the shared corpus.

The real corpus (APKs, policies, upstream SDK data, the docs' ontology) is not in the repository. It is read from
``$APPAUDIT_SHARED`` (default ``../shared`` beside the checkout). A user's clone has none: corpus tests skip with one
reason. CI (``CI=true``) or ``APPAUDIT_REQUIRE_CORPUS=1`` turns that skip into a failure, so a CI machine that lost
the corpus cannot pass by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("APPAUDIT_SHARED", ROOT.parent / "shared")).resolve()
CORPUS_SKIP_REASON = f"needs the shared corpus at {SHARED} (set APPAUDIT_SHARED); not in a plain clone"


def corpus_required() -> bool:
    """True where a missing corpus is an error rather than a skip (CI, or asked for explicitly)."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("APPAUDIT_REQUIRE_CORPUS") == "1"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        if corpus_required():
            pytest.fail(f"{SHARED} is missing: CI must run the corpus tests (CI=true / APPAUDIT_REQUIRE_CORPUS=1)")
        pytest.skip(CORPUS_SKIP_REASON)
    return SHARED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests skipped for want of the corpus, so a plain clone's green run is not taken for a full one."""
    skipped = terminalreporter.stats.get("skipped", [])
    n = sum(1 for r in skipped if CORPUS_SKIP_REASON in str(getattr(r, "longrepr", "")))
    if n:
        terminalreporter.write_line(f"appaudit: {n} corpus tests skipped: {CORPUS_SKIP_REASON}")
