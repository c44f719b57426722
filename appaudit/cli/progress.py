"""Progress lines on stderr for the long steps of a command (static, policy, run, capture, rescan, compare).

Plain lines, one per step, with the seconds since the command started: readable in a terminal and in a CI
log alike, never re-wrapped (click.echo, not a rich console) and never on stdout, which carries the report.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import click


def printer(enabled: bool = True) -> Callable[[str], None] | None:
    """A callable that prints `appaudit: [  1.2 s] MESSAGE` to stderr, or None when progress is off."""
    if not enabled:
        return None
    start = time.monotonic()

    def say(message: str) -> None:
        click.echo(f"appaudit: [{time.monotonic() - start:6.1f} s] {' '.join(message.split())}", err=True)

    return say


__all__ = ["printer"]
