"""The runtime backend family: what runs an app under the agent and writes a trace, and its one registry.

A backend is a small object with a `name`, the device profile its run serves by default (the values
a capture looks for) and `run(app, out, options) -> trace path` taking the typed `RunOptions`.
`audit --run`, `appaudit run --backend` and the CLI's choices read `REGISTRY`; adding a backend is one
module with one class and one `register(...)` line (see docs/architecture.md "where to add X").
A backend that cannot start raises ToolMissingError or DeviceError with the next step, never a
silent skip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from appaudit.errors import InputError
from appaudit.runtime import hostjvm, session
from appaudit.runtime.session import RunOptions


class Backend(Protocol):
    """One way to run an app under the agent."""

    @property
    def name(self) -> str: ...

    @property
    def answers_dialog(self) -> bool:
        """The run itself answers the privacy dialog (RunOptions.consent_action), so the trace must show
        that answer; False when a person answers it on the device."""
        ...

    def default_profile(self) -> Path | None:
        """The identifier values the run serves when no --profile is given (None: the device's own)."""
        ...

    def run(self, app: Path, out: Path, options: RunOptions) -> Path:
        """Run APP, write the JSONL trace to OUT and return its path."""
        ...


class HostJvm:
    """The local JVM harness (hostjvm.py): the app's dex on a JVM with generated Android stubs."""

    name = "hostjvm"
    answers_dialog = True  # the harness calls PrivacyDialog.onAgree / onDisagree

    def default_profile(self) -> Path | None:
        profile = hostjvm.DEFAULT_PROFILE
        return profile if isinstance(profile, Path) and profile.is_file() else None

    def run(self, app: Path, out: Path, options: RunOptions) -> Path:
        return session.run_with(app, self.name, out, options)


class Android:
    """A device or emulator through adb and frida-server (device.py)."""

    name = "android"
    answers_dialog = False  # the user taps the dialog (or `appaudit mark`)

    def default_profile(self) -> Path | None:
        return None  # a real device has its own values: the user passes --profile

    def run(self, app: Path, out: Path, options: RunOptions) -> Path:
        return session.run_with(app, self.name, out, options)


REGISTRY: dict[str, Backend] = {}


def register(backend: Backend) -> Backend:
    """Add BACKEND under its name (a later registration of the same name replaces it)."""
    REGISTRY[backend.name] = backend
    return backend


def names() -> tuple[str, ...]:
    return tuple(REGISTRY)


def get(name: str) -> Backend:
    try:
        return REGISTRY[name]
    except KeyError:
        raise InputError(f"--run {name}: unknown backend; use one of {', '.join(REGISTRY)}") from None


register(HostJvm())
register(Android())
