"""Consent detection settings, the manual marker channel, and the consent point of a trace.

Five methods (docs/evidence.md `consent`): `hook` (--consent-hook class.method runs; for a refusal,
--refusal-hook), `prefs` (a SharedPreferences key is written, --consent-pref KEY), `dialog` (a button
whose text matches the words of consent.toml is clicked; generic texts such as OK/确定 only in a privacy
context), `webview` (a privacy page's JavaScript call or @JavascriptInterface method named like
agree/accept) and `manual` (`appaudit mark consent` appends to the control file the running session
watches). The first consent event of a trace is the consent point; the trace states its method.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appaudit import data as bundled
from appaudit.errors import InputError
from appaudit.limits import bounded_float

ENV_CONTROL = "APPAUDIT_CONTROL"


class ConsentMethod(enum.Enum):
    HOOK = "hook"
    PREFS = "prefs"
    DIALOG = "dialog"
    MANUAL = "manual"


class Marker(enum.Enum):
    """What `appaudit mark` can record."""

    CONSENT = "consent"
    REFUSAL = "refusal"


@dataclass(frozen=True, slots=True)
class ConsentSettings:
    """How the agent detects consent; `to_agent()` is the shape hooks/agent.js reads."""

    hook: str | None = None
    pref_key: str | None = None
    refusal_hook: str | None = None  # a method whose call means the user refused (e.g. PrivacyDialog.onDisagree)
    dialog_words: tuple[str, ...] = ()
    refusal_words: tuple[str, ...] = ()
    pref_editor_classes: tuple[str, ...] = field(default_factory=tuple)
    # Generic texts ("OK", "确定") that accept only in a privacy context (consent.toml explains the rule).
    context_accept_words: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()
    context_window_s: float = 60.0
    webview_accept: tuple[str, ...] = ()
    webview_refuse: tuple[str, ...] = ()

    def to_agent(self) -> dict[str, Any]:
        """Word lists go lower-cased: the agent compares them with lower-cased texts on every setText
        and click, so lower-casing them there would repeat the work per call."""

        def low(words: tuple[str, ...]) -> list[str]:
            return [w.lower() for w in words]

        return {
            "hook": self.hook,
            "pref_key": self.pref_key,
            "refusal_hook": self.refusal_hook,
            "dialog_words": low(self.dialog_words),
            "refusal_words": low(self.refusal_words),
            "pref_editor_classes": list(self.pref_editor_classes),
            "context_accept_words": low(self.context_accept_words),
            "context_words": low(self.context_words),
            "context_window_s": self.context_window_s,
            "webview_accept": low(self.webview_accept),
            "webview_refuse": low(self.webview_refuse),
        }


def settings(
    hook: str | None = None, pref_key: str | None = None, dialog: bool = True, refusal_hook: str | None = None
) -> ConsentSettings:
    """Consent settings from the options and the defaults of consent.toml."""
    for option, value, example in (
        ("--consent-hook", hook, "com.x.PrivacyDialog.onAgree"),
        ("--refusal-hook", refusal_hook, "com.x.PrivacyDialog.onDisagree"),
    ):
        if value is not None:
            cls, _, method = value.rpartition(".")
            if not cls or not method or not method.isidentifier():
                raise InputError(f"{option} {value!r}: expected class.method, e.g. {example}")
    data = bundled.load("consent.toml", "appaudit.runtime")
    return ConsentSettings(
        hook=hook,
        pref_key=pref_key or None,
        refusal_hook=refusal_hook,
        dialog_words=tuple(data["dialog_words"]) if dialog else (),
        refusal_words=tuple(data["refusal_words"]) if dialog else (),
        pref_editor_classes=tuple(data["pref_editor_classes"]),
        context_accept_words=tuple(data["context_accept_words"]) if dialog else (),
        context_words=tuple(data["context_words"]),
        context_window_s=float(data["context_window_s"]),
        webview_accept=tuple(w.lower() for w in data["webview_accept"]) if dialog else (),
        webview_refuse=tuple(w.lower() for w in data["webview_refuse"]) if dialog else (),
    )


def control_path(explicit: Path | None = None) -> Path:
    """The control file shared by `appaudit run` and `appaudit mark` (per user, or $APPAUDIT_CONTROL)."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_CONTROL)
    if env:
        return Path(env)
    return Path(tempfile.gettempdir()) / f"appaudit-{os.getuid()}" / "control"


def mark(marker: Marker, path: Path | None = None) -> Path:
    """Append a marker line for the running session; returns the control file."""
    p = control_path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("a", encoding="utf-8") as f:
        f.write(f"{marker.value} {time.time():.3f}\n")
    return p


def session_file(control: Path) -> Path:
    """The file a running session keeps beside its control file: its pid, so `appaudit mark` knows it listens."""
    return control.with_name(control.name + ".session")


@contextlib.contextmanager
def watching(control: Path) -> Iterator[None]:
    """Announce, for the length of a run, that this process watches CONTROL."""
    marker = session_file(control)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{os.getpid()}\n", encoding="utf-8")
    except OSError:
        pass  # markers still work; `appaudit mark` only cannot confirm a listener
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if marker.read_text(encoding="utf-8").strip() == str(os.getpid()):
                marker.unlink()


def watcher_pid(control: Path | None = None) -> int | None:
    """The pid of the `appaudit run` watching CONTROL, or None when no live session does."""
    try:
        pid = int(session_file(control_path(control)).read_text(encoding="utf-8").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


class ControlWatcher:
    """Reads the markers appended to the control file after the session started (polled)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._offset = path.stat().st_size
        except OSError:
            self._offset = 0

    def poll(self) -> Iterator[Marker]:
        try:
            with self.path.open("rb") as f:
                f.seek(self._offset)
                data = f.read()
        except OSError:
            return
        # Only complete lines: a marker being written is read on the next poll.
        end = data.rfind(b"\n") + 1
        self._offset += end
        for line in data[:end].decode("utf-8", "replace").splitlines():
            word = line.split(" ", 1)[0].strip()
            try:
                yield Marker(word)
            except ValueError:
                continue


@dataclass(frozen=True, slots=True)
class ConsentPoint:
    """The consent event of a trace: when and how it was detected."""

    at: float
    method: str
    target: str

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "method": self.method, "target": self.target}


def consent_point(records: Sequence[Mapping[str, Any]]) -> ConsentPoint | None:
    """The first consent record of a trace (records in trace order), or None when consent never came."""
    for r in records:
        if r.get("type") == "consent":
            # A damaged time ("abc", or "inf", which would put every read before consent) is not a consent point.
            at = bounded_float(r.get("at") or 0.0)
            if at is not None:
                return ConsentPoint(at, str(r.get("method", "")), str(r.get("target", "")))
    return None
