"""The one Frida adapter: builds hooks/agent.js into a cached bundle, spawns or attaches, relays messages.

The rest of appaudit sees plain dicts (the agent's messages) and this module's small classes; no other
module imports frida. The agent gets its configuration (the ontology's APIs, consent settings, file
overlay) through `rpc.exports.init` before the target is resumed, so no read is missed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import frida

from appaudit import data as bundled
from appaudit import resources
from appaudit.errors import DeviceError, ToolMissingError

ENV_HOOKS_DIR = "APPAUDIT_HOOKS_DIR"
AGENT_ENTRY = "agent.js"
BUNDLE = "_agent.js"  # git-ignored cache of the compiled agent

EventHandler = Callable[[dict[str, Any]], None]
OutputHandler = Callable[[int, bytes], None]


def frida_version() -> str:
    """The Python frida's version: frida-server on a device must have the same major version."""
    return str(frida.__version__)


def _agent_data() -> dict[str, Any]:
    return bundled.load("agent.toml", "appaudit.runtime")


def expand_implementations(apis: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """APIS plus a copy of each API on an abstract framework class for its concrete classes (agent.toml)."""
    impls: Mapping[str, Sequence[str]] = _agent_data().get("implementations", {})
    out = [dict(a) for a in apis]
    have = {(a["class"], a["member"]) for a in out}
    for a in apis:
        for cls in impls.get(str(a["class"]), ()):
            if (cls, a["member"]) not in have:
                have.add((cls, a["member"]))
                out.append(dict(a, **{"class": cls}))
    return out


def class_watch_settings() -> dict[str, Any]:
    """Which loaded classes the agent inspects for interface implementations, and how often on ART."""
    watch: dict[str, Any] = dict(_agent_data().get("class_watch", {}))
    return {
        "extra_prefixes": list(watch.get("extra_prefixes", [])),
        "skip_prefixes": list(watch.get("skip_prefixes", [])),
        "scan_delay_ms": int(watch.get("scan_delay_ms", 1500)),
        "scan_interval_ms": int(watch.get("scan_interval_ms", 5000)),
    }


def hooks_dir() -> Path:
    """$APPAUDIT_HOOKS_DIR, the wheel's bundled agent, or hooks/ of the source checkout."""
    return resources.locate(resources.HOOKS)


def _sources_key(root: Path) -> str:
    h = hashlib.sha256(frida.__version__.encode())
    for p in sorted(root.glob("*.js")) + sorted(root.glob("*.ts")) + [root / "package-lock.json"]:
        if p.name == BUNDLE or not p.is_file():
            continue
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def agent_source(root: Path | None = None) -> str:
    """The bundled agent (frida.Compiler), rebuilt only when its sources or frida change."""
    root = root or hooks_dir()
    if not (root / AGENT_ENTRY).is_file():
        raise ToolMissingError(f"{root / AGENT_ENTRY}: the Frida agent is missing; is this a source checkout?")
    if not (root / "node_modules" / "frida-java-bridge").is_dir():
        # An installed wheel has no node_modules: it ships the agent pre-built at release time (`make wheel`).
        with contextlib.suppress(OSError):
            prebuilt = (root / BUNDLE).read_text(encoding="utf-8")
            return prebuilt.split("\n", 1)[1] if prebuilt.startswith("// appaudit-agent ") else prebuilt
        raise ToolMissingError(f"{root}: frida-java-bridge is not installed; run `npm ci` in {root} (make setup does)")
    key = _sources_key(root)
    stamp = f"// appaudit-agent {key}\n"
    bundle = root / BUNDLE
    try:
        cached = bundle.read_text(encoding="utf-8")
        if cached.startswith(stamp):
            return cached[len(stamp) :]
    except OSError:
        pass
    try:
        compiler: Any = frida.Compiler()  # type: ignore[no-untyped-call]
        code: str = compiler.build(AGENT_ENTRY, project_root=str(root))
    except frida.InvalidArgumentError as e:
        raise ToolMissingError(f"{root / AGENT_ENTRY}: the agent does not compile: {e}") from e
    tmp = bundle.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(stamp + code, encoding="utf-8")
    tmp.replace(bundle)  # atomic: parallel test workers may build at once
    return code


class Instrumented:
    """A target process under the agent: resume it, post markers to it, wait for it, stop it."""

    def __init__(self, device: Any, pid: int, session: Any, script: Any) -> None:
        self._device = device
        self.pid = pid
        self._session = session
        self._script = script
        self.detached = threading.Event()
        self.detach_reason = ""
        self._closers: list[Callable[[], None]] = []
        self._resumers: list[Callable[[], None]] = []

    def on_resume(self, fn: Callable[[], None]) -> None:
        """Run FN on resume (an attached target held at a gate of its own, e.g. the hostjvm sandbox's)."""
        self._resumers.append(fn)

    def on_close(self, fn: Callable[[], None]) -> None:
        """Run FN when the session is detached (signal handlers on the shared device)."""
        self._closers.append(fn)

    def resume(self) -> None:
        with contextlib.suppress(frida.InvalidOperationError, frida.InvalidArgumentError):  # attached: running
            self._device.resume(self.pid)
        for fn in self._resumers:
            fn()
        self._resumers.clear()

    def post_control(self, what: str) -> None:
        with contextlib.suppress(frida.InvalidOperationError):  # the target is gone: nothing to mark
            self._script.post({"type": "control", "what": what, "source": "appaudit mark"})

    def wait(self, timeout: float) -> bool:
        """True when the target went away within TIMEOUT seconds."""
        return self.detached.wait(timeout)

    def kill(self) -> None:
        with contextlib.suppress(frida.ProcessNotFoundError, frida.InvalidOperationError, frida.TransportError):
            self._device.kill(self.pid)

    def detach(self) -> None:
        with contextlib.suppress(frida.InvalidOperationError, frida.TransportError):
            self._session.detach()
        for fn in self._closers:
            with contextlib.suppress(Exception):
                fn()
        self._closers.clear()


def _relay(on_event: EventHandler) -> Callable[[Mapping[str, Any], Any], None]:
    def handler(message: Mapping[str, Any], data: Any) -> None:
        if message.get("type") == "send" and isinstance(message.get("payload"), dict):
            on_event(dict(message["payload"]))
        elif message.get("type") == "error":
            on_event(
                {"ev": "error", "where": "agent", "message": str(message.get("stack") or message.get("description"))}
            )

    return handler


def _instrument(
    device: Any,
    pid: int,
    config: Mapping[str, Any],
    on_event: EventHandler,
) -> Instrumented:
    try:
        session = device.attach(pid)
    except (frida.ProcessNotFoundError, frida.NotSupportedError, frida.PermissionDeniedError) as e:
        raise DeviceError(
            f"pid {pid}: cannot attach Frida ({e}); is ptrace allowed / frida-server running as root?"
        ) from e
    script = session.create_script(agent_source())
    inst = Instrumented(device, pid, session, script)

    def detached(reason: str, crash: Any) -> None:
        inst.detach_reason = reason + (f": {crash.summary}" if crash is not None else "")
        inst.detached.set()

    session.on("detached", detached)
    script.on("message", _relay(on_event))
    script.load()
    script.exports_sync.init(dict(config))
    return inst


def spawn_local(
    argv: Sequence[str],
    config: Mapping[str, Any],
    on_event: EventHandler,
    *,
    cwd: str | None = None,
    on_output: OutputHandler | None = None,
) -> Instrumented:
    """Spawn ARGV on this machine, suspended, with the agent loaded and configured (not yet resumed)."""
    device = frida.get_local_device()
    try:
        pid = device.spawn(list(argv), cwd=cwd, stdio="pipe" if on_output else "inherit")
    except (frida.ExecutableNotFoundError, frida.ExecutableNotSupportedError) as e:
        raise ToolMissingError(f"{argv[0]}: cannot spawn ({e})") from e
    try:
        inst = _instrument(device, pid, config, on_event)
    except Exception:
        device.kill(pid)
        raise
    if on_output is not None:
        # The local device is shared by every run of this process: only this pid's output is ours.
        def output(out_pid: int, fd: int, data: bytes) -> None:
            if out_pid == pid and data:
                on_output(fd, data)

        device.on("output", output)
        inst.on_close(lambda: device.off("output", output))
    return inst


def attach_local(pid: int, config: Mapping[str, Any], on_event: EventHandler) -> Instrumented:
    """Attach to a running process of this machine by its host PID (the sandboxed hostjvm JVM) and load the agent."""
    return _instrument(frida.get_local_device(), pid, config, on_event)


def usb_device(serial: str | None, timeout: float = 5.0) -> Any:
    """The Frida device of an adb serial (frida-server must be running on it)."""
    try:
        if serial:
            return frida.get_device(serial, timeout=timeout)
        return frida.get_usb_device(timeout=timeout)
    except (frida.InvalidArgumentError, frida.TimedOutError) as e:
        raise DeviceError(
            f"device {serial or '(usb)'}: not visible to Frida ({e}); is it listed by `adb devices`?"
        ) from e


def spawn_package(
    serial: str | None,
    package: str,
    config: Mapping[str, Any],
    on_event: EventHandler,
) -> Instrumented:
    """Spawn an Android package through frida-server with the agent loaded (not yet resumed)."""
    device = usb_device(serial)
    try:
        pid = device.spawn([package])
    except (frida.ServerNotRunningError, frida.TransportError) as e:
        raise DeviceError(f"device {serial}: frida-server is not reachable ({e}); pass --frida-server PATH") from e
    except frida.ExecutableNotFoundError as e:
        # frida-server's answer for a package that is not installed (or not launchable by that name).
        raise DeviceError(
            f"{package}: not installed on device {serial or '(usb)'} ({e}); check `adb shell pm path {package}`"
        ) from e
    except frida.NotSupportedError as e:
        raise DeviceError(f"{package}: cannot spawn ({e}); is it installed?") from e
    try:
        return _instrument(device, pid, config, on_event)
    except Exception:
        device.kill(pid)
        raise
