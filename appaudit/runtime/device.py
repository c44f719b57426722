"""The Android device backend's adb side: discovery, frida-server, proxy, CA, install, monkey, restore.

Every adb call goes through an injectable `Runner`, so that the sequence is tested against recorded adb
answers where no device exists. `AndroidDevice.prepared(...)` is a context manager: whatever it changed
on the device (global HTTP proxy, adb reverse, a system CA, a frida-server it started) is restored in its
`finally`, also when the run fails. No download: frida-server comes from a path the user gives.
"""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cryptography import x509

from appaudit.errors import DeviceError, InputError, ToolMissingError
from appaudit.hosts import normalize_host, parse_proxy

FRIDA_SERVER_REMOTE = "/data/local/tmp/frida-server"
CACERTS_DIR = "/system/etc/security/cacerts"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True, slots=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str = ""


class Runner(Protocol):
    def __call__(self, argv: Sequence[str], timeout: float = 60.0) -> CommandResult: ...


def subprocess_runner(argv: Sequence[str], timeout: float = 60.0) -> CommandResult:
    """Run a host command (adb) and capture its output."""
    try:
        p = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as e:
        raise ToolMissingError(
            f"{argv[0]}: not installed (apt-get install adb, or the Android SDK platform-tools)"
        ) from e
    except subprocess.TimeoutExpired as e:
        raise DeviceError(f"{' '.join(argv)}: no answer within {timeout:.0f} s; is the device responsive?") from e
    return CommandResult(p.returncode, p.stdout, p.stderr)


def parse_devices(text: str) -> list[tuple[str, str]]:
    """(serial, state) pairs from `adb devices -l`."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("List of devices", "*")):
            continue
        parts = line.split()
        if len(parts) >= 2:
            out.append((parts[0], parts[1]))
    return out


def subject_hash_old(pem: bytes) -> str:
    """OpenSSL's `-subject_hash_old` of a certificate: the file name Android's cacerts store expects."""
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError as e:
        raise InputError(f"CA certificate: not a PEM certificate ({e})") from e
    digest = hashlib.md5(cert.subject.public_bytes(), usedforsecurity=False).digest()
    return f"{int.from_bytes(digest[:4], 'little'):08x}"


@dataclass
class Changes:
    """What `prepared` changed on the device, to undo in reverse order."""

    undo: list[tuple[str, Callable[[], None]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class AndroidDevice:
    """One adb device."""

    def __init__(
        self,
        serial: str,
        runner: Runner = subprocess_runner,
        adb: str = "adb",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.serial = serial
        self._run = runner
        self._adb_path = adb
        self._sleep = sleep

    @classmethod
    def discover(cls, serial: str | None = None, runner: Runner = subprocess_runner, adb: str = "adb") -> AndroidDevice:
        """The device SERIAL, or the only device attached."""
        res = runner([adb, "devices", "-l"], 30.0)
        if res.returncode != 0:
            raise DeviceError(f"adb devices failed: {res.stderr.strip() or res.stdout.strip()}")
        devices = parse_devices(res.stdout)
        ready = [s for s, state in devices if state == "device"]
        if serial is not None:
            state = dict(devices).get(serial)
            if state is None:
                raise DeviceError(f"device {serial}: not attached; `adb devices` lists {[s for s, _ in devices]}")
            if state != "device":
                raise DeviceError(f"device {serial}: state is {state!r}; authorize it or wait for boot")
            return cls(serial, runner, adb)
        if not ready:
            raise DeviceError("no Android device attached; start an emulator or connect a device (`adb devices`)")
        if len(ready) > 1:
            raise DeviceError(f"several devices attached {ready}; pick one with --device SERIAL")
        return cls(ready[0], runner, adb)

    # ------------------------------------------------------------------ adb plumbing

    def adb(self, *args: str, timeout: float = 60.0) -> CommandResult:
        return self._run([self._adb_path, "-s", self.serial, *args], timeout)

    def shell(self, command: str, timeout: float = 60.0) -> CommandResult:
        return self.adb("shell", command, timeout=timeout)

    def getprop(self, name: str) -> str:
        return self.shell(f"getprop {name}").stdout.strip()

    def sdk_level(self) -> int:
        try:
            return int(self.getprop("ro.build.version.sdk"))
        except ValueError:
            return 0

    def adb_root(self) -> bool:
        """`adb root` (emulator and userdebug images); True when adbd now runs as root."""
        res = self.adb("root")
        if res.returncode != 0 or "cannot run as root" in res.stdout + res.stderr:
            return False
        self.adb("wait-for-device", timeout=30.0)
        return self.shell("id -u").stdout.strip() == "0"

    def frida_server_pid(self) -> str | None:
        res = self.shell("pidof frida-server")
        pid = res.stdout.strip().split()
        return pid[0] if res.returncode == 0 and pid else None

    # ------------------------------------------------------------------ preparation steps

    def ensure_frida_server(self, local: Path | None, changes: Changes) -> None:
        if self.frida_server_pid() is not None:
            changes.notes.append("frida-server: already running")
            return
        if local is None:
            raise DeviceError(
                f"device {self.serial}: frida-server is not running; pass --frida-server PATH "
                "(the frida-server binary for the device's ABI, same version as the frida package)"
            )
        if not local.is_file():
            raise InputError(f"{local}: no such frida-server binary")
        root = self.adb_root()
        if self.adb("push", str(local), FRIDA_SERVER_REMOTE, timeout=120.0).returncode != 0:
            raise DeviceError(f"device {self.serial}: adb push of frida-server failed")
        self.shell(f"chmod 755 {FRIDA_SERVER_REMOTE}")
        start = f"{FRIDA_SERVER_REMOTE} -D" if root else f"su -c '{FRIDA_SERVER_REMOTE} -D'"
        self.shell(start)
        for _ in range(10):
            pid = self.frida_server_pid()
            if pid is not None:
                changes.notes.append(f"frida-server: started (pid {pid})")
                changes.undo.append(("stop frida-server", self._killer(pid, root)))
                return
            self._sleep(0.5)
        raise DeviceError(f"device {self.serial}: frida-server did not start; is the device rooted (`adb root`)?")

    def _killer(self, pid: str, root: bool) -> Callable[[], None]:
        def kill() -> None:
            self.shell(f"kill {pid}" if root else f"su -c 'kill {pid}'")

        return kill

    def set_proxy(self, proxy: str, changes: Changes) -> None:
        host, port = parse_proxy(proxy)
        if normalize_host(host) in LOOPBACK:  # "[::1]" and "LOCALHOST" too
            # The proxy runs on this host: the device reaches it through adb reverse on its own loopback.
            if self.adb("reverse", f"tcp:{port}", f"tcp:{port}").returncode != 0:
                raise DeviceError(f"device {self.serial}: adb reverse tcp:{port} failed")
            changes.undo.append(("adb reverse --remove", lambda: self._unreverse(port)))
            host = "127.0.0.1"
        previous = self.shell("settings get global http_proxy").stdout.strip()
        self.shell(f"settings put global http_proxy {host}:{port}")
        changes.notes.append(f"http_proxy: {host}:{port} (was {previous or 'null'})")
        changes.undo.append(("restore http_proxy", lambda: self._restore_proxy(previous)))

    def _unreverse(self, port: int) -> None:
        self.adb("reverse", "--remove", f"tcp:{port}")

    def _restore_proxy(self, previous: str) -> None:
        if previous in ("", "null", ":0"):
            # ":0" clears the proxy at once; deleting the key restores the pristine state.
            self.shell("settings put global http_proxy :0")
            self.shell("settings delete global http_proxy")
        else:
            self.shell(f"settings put global http_proxy {previous}")

    def install_ca(self, pem_path: Path, changes: Changes) -> None:
        """Install a CA into the system store where possible (rooted emulator started with -writable-system)."""
        try:
            pem = pem_path.read_bytes()
        except OSError as e:
            raise InputError(f"{pem_path}: cannot read the CA certificate ({e.strerror})") from e
        name = f"{subject_hash_old(pem)}.0"
        target = f"{CACERTS_DIR}/{name}"
        if self.shell(f"ls {target}").returncode == 0:
            changes.notes.append(f"CA: already installed as {target}")
            return
        if self.sdk_level() >= 34:
            # Android 14 reads CAs from the conscrypt APEX; /system/etc/security/cacerts is not used.
            changes.notes.append("CA: not installed (Android 14+ keeps system CAs in an APEX); HTTPS not decrypted")
            return
        if not self.adb_root():
            changes.notes.append("CA: not installed (adb root refused: not an emulator/userdebug image)")
            return
        remount = self.adb("remount", timeout=120.0)
        if remount.returncode != 0 or "failed" in (remount.stdout + remount.stderr).lower():
            changes.notes.append("CA: not installed (remount failed; start the emulator with -writable-system)")
            return
        if self.adb("push", str(pem_path), target).returncode != 0:
            changes.notes.append("CA: not installed (adb push to the system store failed)")
            return
        self.shell(f"chmod 644 {target}")
        changes.notes.append(f"CA: installed as {target}")
        changes.undo.append(("remove CA", lambda: self._remove(target)))

    def _remove(self, path: str) -> None:
        self.shell(f"rm -f {path}")

    def ensure_installed(self, apk: Path, package: str, changes: Changes) -> None:
        if self.shell(f"pm path {package}").stdout.strip().startswith("package:"):
            changes.notes.append(f"{package}: already installed")
            return
        res = self.adb("install", "-r", "-g", str(apk), timeout=300.0)
        if res.returncode != 0 or "Success" not in res.stdout:
            raise DeviceError(f"{apk}: adb install failed: {(res.stdout + res.stderr).strip()[-300:]}")
        changes.notes.append(f"{package}: installed")

    def monkey(self, package: str, events: int, seed: int) -> CommandResult:
        """Exercise the app with a reproducible stream of UI events (fixed seed)."""
        return self.shell(
            f"monkey -p {package} -s {seed} --throttle 300 --pct-syskeys 0 {events}", timeout=30.0 + events
        )

    def force_stop(self, package: str) -> None:
        self.shell(f"am force-stop {package}")

    @contextlib.contextmanager
    def prepared(
        self,
        apk: Path,
        package: str,
        *,
        proxy: str | None = None,
        ca_cert: Path | None = None,
        frida_server: Path | None = None,
    ) -> Iterator[Changes]:
        """Make the device ready for a run; undo every change on exit, in reverse order."""
        changes = Changes()
        try:
            self.ensure_frida_server(frida_server, changes)
            self.ensure_installed(apk, package, changes)
            if proxy:
                self.set_proxy(proxy, changes)
            if ca_cert is not None:
                self.install_ca(ca_cert, changes)
            yield changes
        finally:
            errors = []
            for what, undo in reversed(changes.undo):
                try:
                    undo()
                except Exception as e:  # restore as much as possible, then report
                    errors.append(f"{what}: {e}")
            if errors:
                raise DeviceError(f"device {self.serial}: could not restore: {'; '.join(errors)}")
