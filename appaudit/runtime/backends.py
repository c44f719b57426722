"""The runtime backend family: what runs an app under the agent and writes a trace, and its one registry.

A backend is a small object with a `name`, the device profile its run serves by default (the values
a capture looks for) and a three-step life: `prepare(app, options) -> Prepared` checks what the run
needs (the app, the typed `RunOptions` for this backend, tools) and makes its scratch space,
`run(prepared, out) -> trace path` runs the app and writes the trace, `cleanup(prepared)` removes what
prepare made. `execute` is that life (cleanup whatever happened); `audit --run`, `appaudit run
--backend` and the CLI's choices read `REGISTRY`; adding a backend is one module with one class and
one `register(...)` line (see docs/architecture.md "where to add X").
A backend that cannot start raises ToolMissingError or DeviceError with the next step, never a
silent skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from appaudit.errors import InputError
from appaudit.runtime import hostjvm, session
from appaudit.runtime.session import RunOptions


@dataclass(frozen=True, slots=True)
class Prepared:
    """What a backend's `prepare` made ready: the app, the options, its scratch directory (None: none)
    and, for the built-in backends, the session's own prepared run."""

    app: Path
    options: RunOptions
    work_dir: Path | None = None
    session: session.PreparedRun | None = None


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

    def prepare(self, app: Path, options: RunOptions) -> Prepared:
        """Check APP, OPTIONS and the tools before anything starts; InputError / ToolMissingError / DeviceError."""
        ...

    def run(self, prepared: Prepared, out: Path) -> Path:
        """Run the prepared app, write the JSONL trace to OUT and return its path."""
        ...

    def cleanup(self, prepared: Prepared) -> None:
        """Remove what prepare made (called after run, also when run raised)."""
        ...


class _Session:
    """The built-in backends: runtime/session.py's prepare / execute / cleanup for one `session.Backend`."""

    name: str

    def prepare(self, app: Path, options: RunOptions) -> Prepared:
        prepared = session.prepare(app, self.name, options)
        return Prepared(app, options, prepared.work_dir, prepared)

    def run(self, prepared: Prepared, out: Path) -> Path:
        if prepared.session is None:
            raise InputError(f"{self.name}: run before prepare")
        return session.execute(prepared.session, out)

    def cleanup(self, prepared: Prepared) -> None:
        if prepared.session is not None:
            session.cleanup(prepared.session)


class HostJvm(_Session):
    """The local JVM harness (hostjvm.py): the app's dex on a JVM with generated Android stubs."""

    name = "hostjvm"
    answers_dialog = True  # the harness calls PrivacyDialog.onAgree / onDisagree

    def default_profile(self) -> Path | None:
        profile = hostjvm.DEFAULT_PROFILE
        return profile if isinstance(profile, Path) and profile.is_file() else None


class Android(_Session):
    """A device or emulator through adb and frida-server (device.py)."""

    name = "android"
    answers_dialog = False  # the user taps the dialog (or `appaudit mark`)

    def default_profile(self) -> Path | None:
        return None  # a real device has its own values: the user passes --profile


def execute(backend: Backend, app: Path, out: Path, options: RunOptions) -> Path:
    """BACKEND's whole life for one run: prepare, run, and cleanup whatever happened."""
    prepared = backend.prepare(app, options)
    try:
        return backend.run(prepared, out)
    finally:
        backend.cleanup(prepared)


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
