"""The `appaudit` command line: the only place that prints to the user or exits.

Each area registers its commands from its own module (appaudit/cli/<area>.py) on `main`.
Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
"""

from __future__ import annotations

# Command modules register themselves on `main` when imported.
from appaudit.cli import audit as _audit  # noqa: F401
from appaudit.cli import batch as _batch  # noqa: F401
from appaudit.cli import datatypes as _datatypes  # noqa: F401
from appaudit.cli import device as _device  # noqa: F401
from appaudit.cli import gate as _gate  # noqa: F401
from appaudit.cli import network as _network  # noqa: F401
from appaudit.cli import policy as _policy  # noqa: F401
from appaudit.cli import render as _render  # noqa: F401
from appaudit.cli import runtime as _runtime  # noqa: F401
from appaudit.cli import sdk as _sdk  # noqa: F401
from appaudit.cli import static as _static  # noqa: F401
from appaudit.cli.base import main

__all__ = ["main"]
