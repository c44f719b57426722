"""The Android device backend's adb side: discovery, root, frida-server, install, CA, proxy, monkey, restore.

Every adb call goes through an injectable `Runner`, so that the sequence is tested against recorded adb
answers where no device exists (tests/runtime/data/adb_*.json: Android 11, 13 and 14 emulators).
`AndroidDevice.prepared(...)` is a context manager that leaves the device in a clean, reproducible state
for one run and undoes every change it made in its `finally`, also when the run fails:

1. root first (`adb root`, else the emulator's `su 0 CMD`, else `su -c CMD`): `adb root` restarts adbd,
   which drops `adb reverse` rules, so nothing that adbd holds is set before it;
2. frida-server: started from --frida-server when none runs, its version compared with the Python frida;
3. the exact APK given: reinstalled unless the installed base.apk has the same SHA-256, uninstalled again
   afterwards when it was not installed before; `pm clear` unless keep_data; runtime permissions are not
   pre-granted (`install -g`) unless grant_all, so the app's own permission requests stay observable;
4. the proxy's CA as a system CA without -writable-system: a tmpfs over /system/etc/security/cacerts
   (Android 7-13), plus, on 14+, a bind mount of it over /apex/com.android.conscrypt/cacerts inside each
   zygote's mount namespace, which apps spawned afterwards inherit (HTTP Toolkit's method);
5. the global HTTP proxy, through `adb reverse` when the proxy runs on this host's loopback.

A device that goes away mid-run: the undo waits for it to come back (bounded) and otherwise raises
`DeviceChangesLeft`, which lists each change still on the device with the command that undoes it.
No download: frida-server comes from a path the user gives.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import shlex
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cryptography import x509

from appaudit import systools
from appaudit.errors import DeviceError, InputError
from appaudit.hosts import normalize_host, parse_proxy

FRIDA_SERVER_REMOTE = "/data/local/tmp/frida-server"
CACERTS_DIR = "/system/etc/security/cacerts"
# Android 14 (API 34) moved the system CA store into the updatable conscrypt APEX.
APEX_CACERTS_DIR = "/apex/com.android.conscrypt/cacerts"
APEX_CA_SDK = 34
CA_STAGING = "/data/local/tmp/appaudit-cacerts"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
RECONNECT_S = 30.0  # how long the undo waits for a device that went away
# `adb` says so when the serial is gone (unplugged, emulator closed, adb server restarted).
_GONE = re.compile(r"device '[^']*' not found|device offline|no devices/emulators found|device not found", re.I)
_VERSION = re.compile(r"^\d+\.\d+\.\d+")


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
        raise systools.missing("adb", f"{argv[0]}") from e
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


def frida_versions_compatible(server: str, client: str) -> bool:
    """frida-server and the Python frida speak the same protocol only within one major version."""
    return server.split(".", 1)[0] == client.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Undo:
    """One device change: how it is undone here, and the command a user runs when the device was gone."""

    what: str
    run: Callable[[], None]
    manual: str


@dataclass
class Changes:
    """What `prepared` changed on the device (undone in reverse order) and what the user must know."""

    undo: list[Undo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Facts that make the run's evidence incomplete (HTTPS not decrypted, ...): the source is degraded.
    degraded: list[str] = field(default_factory=list)

    def add(self, what: str, run: Callable[[], None], manual: str) -> None:
        self.undo.append(Undo(what, run, manual))


class DeviceChangesLeft(DeviceError):
    """The device went away before its changes could be undone; `left` names each with its undo command."""

    def __init__(self, serial: str, left: Sequence[Undo], why: str) -> None:
        self.left = tuple(left)
        steps = "; ".join(f"{u.what}: {u.manual}" for u in self.left)
        super().__init__(f"device {serial}: {why}; these changes are still on it, undo them by hand: {steps}")


class AndroidDevice:
    """One adb device."""

    def __init__(
        self,
        serial: str,
        runner: Runner = subprocess_runner,
        adb: str = "adb",
        sleep: Callable[[float], None] = time.sleep,
        reconnect_s: float = RECONNECT_S,
    ) -> None:
        self.serial = serial
        self._run = runner
        self._adb_path = adb
        self._sleep = sleep
        self._reconnect_s = reconnect_s
        self._root_mode: str | None = None  # "adbd", "su0", "suc" or "" (none); probed once

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

    def connected(self) -> bool:
        """True when adb still sees the device online."""
        try:
            res = self.adb("get-state", timeout=10.0)
        except DeviceError:
            return False
        return res.returncode == 0 and res.stdout.strip() == "device"

    def adb_root(self) -> bool:
        """`adb root` (emulator and userdebug images); True when adbd now runs as root."""
        res = self.adb("root")
        if res.returncode != 0 or "cannot run as root" in res.stdout + res.stderr:
            return False
        self.adb("wait-for-device", timeout=30.0)
        return self.shell("id -u").stdout.strip() == "0"

    def root_mode(self) -> str:
        """How this device runs commands as root: "adbd" (adb root), "su0" (the AOSP emulator's
        `su 0 CMD`), "suc" (Magisk/SuperSU `su -c CMD`), or "" when it cannot."""
        if self._root_mode is None:
            if self.adb_root():
                self._root_mode = "adbd"
            elif self.shell("su 0 id -u").stdout.strip() == "0":
                self._root_mode = "su0"
            elif self.shell("su -c 'id -u'").stdout.strip() == "0":
                self._root_mode = "suc"
            else:
                self._root_mode = ""
        return self._root_mode

    def root_command(self, command: str) -> str:
        """COMMAND as the device shell line that runs it as root (see root_mode)."""
        mode = self.root_mode()
        if mode == "adbd":
            return command
        if mode == "su0":
            # The AOSP su takes a uid and a command with its arguments, not -c: a shell runs the line.
            return f"su 0 sh -c {shlex.quote(command)}"
        if mode == "suc":
            return f"su -c {shlex.quote(command)}"
        raise DeviceError(
            f"device {self.serial}: no root (adb root refused, no su); use an emulator image without Play"
        )

    def root_shell(self, command: str, timeout: float = 60.0) -> CommandResult:
        return self.shell(self.root_command(command), timeout=timeout)

    def frida_server_pid(self) -> str | None:
        res = self.shell("pidof frida-server")
        pid = res.stdout.strip().split()
        return pid[0] if res.returncode == 0 and pid else None

    # ------------------------------------------------------------------ preparation steps

    def _maybe_root(self, command: str) -> CommandResult:
        """COMMAND as root where the device allows it, else as the shell user."""
        return self.root_shell(command) if self.root_mode() else self.shell(command)

    def _server_version(self, path: str) -> str | None:
        out = self._maybe_root(f"{path} --version").stdout.strip()
        return out if _VERSION.match(out) else None

    def _check_frida_version(self, path: str, frida_version: str | None, changes: Changes) -> None:
        if frida_version is None:
            return
        server = self._server_version(path)
        if server is None:
            changes.notes.append(f"frida-server: version not readable at {path}; the Python frida is {frida_version}")
            return
        if not frida_versions_compatible(server, frida_version):
            raise DeviceError(
                f"device {self.serial}: frida-server {server} does not speak to the Python frida {frida_version}; "
                f"download frida-server-{frida_version}-android-<abi> (`adb shell getprop ro.product.cpu.abi`) "
                "from Frida's GitHub releases and pass it with --frida-server"
            )
        if server != frida_version:
            changes.notes.append(f"frida-server {server} with the Python frida {frida_version}: use the same version")

    def ensure_frida_server(self, local: Path | None, changes: Changes, frida_version: str | None = None) -> None:
        pid = self.frida_server_pid()
        if pid is not None:
            exe = self._maybe_root(f"readlink /proc/{pid}/exe").stdout.strip() or FRIDA_SERVER_REMOTE
            self._check_frida_version(exe, frida_version, changes)
            changes.notes.append(f"frida-server: already running (pid {pid})")
            return
        if local is None:
            raise DeviceError(
                f"device {self.serial}: frida-server is not running; pass --frida-server PATH "
                "(the frida-server binary for the device's ABI, same version as the frida package)"
            )
        if not local.is_file():
            raise InputError(f"{local}: no such frida-server binary")
        if self.adb("push", str(local), FRIDA_SERVER_REMOTE, timeout=120.0).returncode != 0:
            raise DeviceError(f"device {self.serial}: adb push of frida-server failed")
        self.shell(f"chmod 755 {FRIDA_SERVER_REMOTE}")
        self._check_frida_version(FRIDA_SERVER_REMOTE, frida_version, changes)
        self.root_shell(f"{FRIDA_SERVER_REMOTE} -D")
        for _ in range(10):
            pid = self.frida_server_pid()
            if pid is not None:
                changes.notes.append(f"frida-server: started (pid {pid})")
                kill = self.root_command(f"kill {pid}")
                changes.add(
                    "stop frida-server", functools.partial(self._shell_quiet, kill), f"adb shell {shlex.quote(kill)}"
                )
                return
            self._sleep(0.5)
        raise DeviceError(f"device {self.serial}: frida-server did not start; is the device rooted (`adb root`)?")

    def _shell_quiet(self, command: str) -> None:
        self.shell(command)

    def set_proxy(self, proxy: str, changes: Changes) -> None:
        host, port = parse_proxy(proxy)
        if normalize_host(host) in LOOPBACK:  # "[::1]" and "LOCALHOST" too
            # The proxy runs on this host: the device reaches it through adb reverse on its own loopback.
            if self.adb("reverse", f"tcp:{port}", f"tcp:{port}").returncode != 0:
                raise DeviceError(f"device {self.serial}: adb reverse tcp:{port} failed")
            changes.add(
                f"adb reverse tcp:{port}",
                lambda: self._unreverse(port),
                f"adb -s {self.serial} reverse --remove tcp:{port}",
            )
            host = "127.0.0.1"
        previous = self.shell("settings get global http_proxy").stdout.strip()
        self.shell(f"settings put global http_proxy {host}:{port}")
        changes.notes.append(f"http_proxy: {host}:{port} (was {previous or 'null'})")
        restore = (
            "settings put global http_proxy :0"
            if previous in ("", "null", ":0")
            else f"settings put global http_proxy {previous}"
        )
        changes.add(
            f"http_proxy {host}:{port}",
            lambda: self._restore_proxy(previous),
            f"adb -s {self.serial} shell {restore}",
        )

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
        """Trust PEM_PATH as a system CA for apps started from now on, without -writable-system."""
        try:
            pem = pem_path.read_bytes()
        except OSError as e:
            raise InputError(f"{pem_path}: cannot read the CA certificate ({e.strerror})") from e
        name = f"{subject_hash_old(pem)}.0"
        sdk = self.sdk_level()  # first: Android 14+ keeps the store that counts in the conscrypt APEX
        store = APEX_CACERTS_DIR if sdk >= APEX_CA_SDK else CACERTS_DIR
        if self.shell(f"ls {store}/{name}").returncode == 0:
            changes.notes.append(f"CA: already trusted as {store}/{name}")
            return
        if not self.root_mode():
            changes.notes.append("CA: not installed (no root: adb root refused and no su); HTTPS not decrypted")
            changes.degraded.append("HTTPS not decrypted: the proxy's CA could not be installed (no root)")
            return
        self.shell(f"mkdir -p {CA_STAGING}")
        if self.adb("push", str(pem_path), f"{CA_STAGING}/{name}").returncode != 0:
            changes.notes.append("CA: not installed (adb push to /data/local/tmp failed); HTTPS not decrypted")
            changes.degraded.append("HTTPS not decrypted: the proxy's CA could not be pushed")
            return
        # A tmpfs over the store holding its own certificates plus ours: no remount, no -writable-system,
        # gone at reboot at the latest. Labels and modes as the originals, or conscrypt skips the files.
        overlay = (
            f"cp {store}/* {CA_STAGING}/ && mount -t tmpfs tmpfs {CACERTS_DIR} && cp {CA_STAGING}/* {CACERTS_DIR}/"
            f" && chown root:root {CACERTS_DIR}/* && chmod 644 {CACERTS_DIR}/*"
            f" && chcon u:object_r:system_file:s0 {CACERTS_DIR}/*"
        )
        res = self.root_shell(overlay, timeout=120.0)
        cleanup = self.root_command(f"umount {CACERTS_DIR}; rm -rf {CA_STAGING}")
        if res.returncode != 0:
            self.root_shell(f"rm -rf {CA_STAGING}")
            why = (res.stdout + res.stderr).strip()[-200:]
            changes.notes.append(f"CA: not installed (tmpfs overlay failed: {why}); HTTPS not decrypted")
            changes.degraded.append("HTTPS not decrypted: the CA overlay failed")
            return
        changes.add(
            "CA overlay on " + CACERTS_DIR, lambda: self._shell_quiet(cleanup), f"adb shell {shlex.quote(cleanup)}"
        )
        if sdk < APEX_CA_SDK:
            changes.notes.append(f"CA: trusted as {CACERTS_DIR}/{name} (tmpfs overlay)")
            return
        # Android 14+: apps fork from zygote and inherit its mount namespace; bind the overlay over the APEX
        # store there, so every app spawned from now on (ours is spawned after this) reads it.
        zygotes = self.shell("pidof zygote zygote64").stdout.split()
        if not zygotes:
            changes.notes.append("CA: not installed (no zygote process found); HTTPS not decrypted")
            changes.degraded.append("HTTPS not decrypted: no zygote to enter on Android 14+")
            return
        bound = 0
        for pid in zygotes:
            ns = f"nsenter --mount=/proc/{pid}/ns/mnt --"
            if self.root_shell(f"{ns} /bin/mount --bind {CACERTS_DIR} {APEX_CACERTS_DIR}").returncode != 0:
                changes.notes.append(f"CA: bind mount into zygote {pid} failed; HTTPS may not be decrypted")
                changes.degraded.append("HTTPS may not be decrypted: the APEX CA bind mount failed")
                continue
            bound += 1
            unbind = self.root_command(f"{ns} /bin/umount {APEX_CACERTS_DIR}")
            changes.add(
                f"CA bind mount in zygote {pid}",
                functools.partial(self._shell_quiet, unbind),
                f"adb shell {shlex.quote(unbind)}",
            )
        if bound:
            changes.notes.append(f"CA: trusted as {APEX_CACERTS_DIR}/{name} (tmpfs bind-mounted in zygote)")

    def installed_paths(self, package: str) -> list[str]:
        res = self.shell(f"pm path {package}")
        return [ln.split(":", 1)[1].strip() for ln in res.stdout.splitlines() if ln.startswith("package:")]

    def installed_version(self, package: str) -> str:
        m = re.search(r"versionCode=(\d+)", self.shell(f"dumpsys package {package}").stdout)
        return m.group(1) if m else "?"

    def ensure_installed(
        self, apk: Path, package: str, changes: Changes, *, apk_sha256: str, grant_all: bool = False
    ) -> None:
        """Install exactly APK: kept when the installed base.apk has its SHA-256, else (re)installed."""
        paths = self.installed_paths(package)
        if len(paths) == 1:
            remote = self.shell(f"sha256sum {paths[0]}").stdout.split()
            if remote and remote[0].lower() == apk_sha256:
                changes.notes.append(f"{package}: installed APK is the one given (sha256 {apk_sha256[:12]}…)")
                if grant_all:
                    changes.notes.append("--grant-all: already installed; its permissions were left as they are")
                return
        flags = ["-r", "-g"] if grant_all else ["-r"]
        res = self.adb("install", *flags, str(apk), timeout=300.0)
        out = (res.stdout + res.stderr).strip()
        if paths and ("INSTALL_FAILED_UPDATE_INCOMPATIBLE" in out or "INSTALL_FAILED_VERSION_DOWNGRADE" in out):
            # Another signature or a newer versionCode installed: only a fresh install gives the APK asked for.
            changes.notes.append(
                f"{package}: installed version {self.installed_version(package)} uninstalled ({out[-80:]})"
            )
            self.adb("uninstall", package, timeout=120.0)
            res = self.adb("install", *flags, str(apk), timeout=300.0)
            out = (res.stdout + res.stderr).strip()
        if res.returncode != 0 or "Success" not in res.stdout:
            raise DeviceError(f"{apk}: adb install failed: {out[-300:]}")
        if paths:
            changes.notes.append(f"{package}: replaced the installed APK (a different build) with {apk.name}")
        else:
            changes.notes.append(f"{package}: installed")
            changes.add(
                f"installed {package}",
                lambda: self._shell_quiet(f"pm uninstall {package}"),
                f"adb -s {self.serial} uninstall {package}",
            )
        if grant_all:
            changes.notes.append(
                "--grant-all: every runtime permission pre-granted; permission requests are not observed"
            )

    def clear_data(self, package: str, changes: Changes) -> None:
        """Start from a fresh install's state: no earlier consent, no granted runtime permissions."""
        res = self.shell(f"pm clear {package}")
        if res.returncode != 0 or "Success" not in res.stdout:
            raise DeviceError(f"{package}: pm clear failed ({(res.stdout + res.stderr).strip()[-200:]})")
        changes.notes.append(f"{package}: app data cleared (pm clear); pass --keep-data to keep it")

    def monkey(self, package: str, events: int, seed: int) -> CommandResult:
        """Exercise the app with a reproducible stream of UI events (fixed seed)."""
        return self.shell(
            f"monkey -p {package} -s {seed} --throttle 300 --pct-syskeys 0 {events}", timeout=30.0 + events
        )

    def force_stop(self, package: str) -> None:
        self.shell(f"am force-stop {package}")

    def _undo(self, changes: Changes) -> None:
        if not changes.undo:
            return
        if not self.connected():
            # A disconnect (emulator closed, cable, adb restart): wait a while for it to come back.
            with contextlib.suppress(DeviceError):
                self.adb("wait-for-device", timeout=self._reconnect_s)
            if not self.connected():
                raise DeviceChangesLeft(
                    self.serial, list(reversed(changes.undo)), "went away before the run's changes were undone"
                )
        errors = []
        for step in reversed(changes.undo):
            try:
                step.run()
            except Exception as e:  # restore as much as possible, then report
                errors.append(f"{step.what}: {e}")
        if errors:
            raise DeviceError(f"device {self.serial}: could not restore: {'; '.join(errors)}")

    @contextlib.contextmanager
    def prepared(
        self,
        apk: Path,
        package: str,
        *,
        apk_sha256: str,
        proxy: str | None = None,
        ca_cert: Path | None = None,
        frida_server: Path | None = None,
        frida_version: str | None = None,
        keep_data: bool = False,
        grant_all: bool = False,
    ) -> Iterator[Changes]:
        """Make the device ready for a run; undo every change on exit, in reverse order."""
        changes = Changes()
        try:
            # Root before anything adbd holds: `adb root` restarts adbd and drops adb reverse rules.
            mode = self.root_mode()
            changes.notes.append(f"root: {mode or 'none'}")
            self.ensure_frida_server(frida_server, changes, frida_version)
            self.ensure_installed(apk, package, changes, apk_sha256=apk_sha256, grant_all=grant_all)
            if keep_data:
                self.force_stop(package)
                changes.notes.append(f"{package}: --keep-data: earlier app data (and any consent in it) kept")
            else:
                self.clear_data(package, changes)
            if ca_cert is not None:
                self.install_ca(ca_cert, changes)
            if proxy:
                self.set_proxy(proxy, changes)
            yield changes
        finally:
            self._undo(changes)


# ---------------------------------------------------------------------- device identifiers


def parse_parcel_string(text: str) -> str | None:
    """The UTF-16 string of a `service call` reply, or None for an error reply or no string.

    `Result: Parcel(0x00000000: 00000000 0000000f 00350033 ...)`: word 0 is the status (0 = no
    exception), word 1 the string's length in UTF-16 units, then two units per little-endian word.
    """
    words: list[int] = []
    for line in text.splitlines():
        line = re.sub(r"'[^']*'", " ", line)  # the dump's ASCII column
        line = re.sub(r"0x[0-9a-fA-F]{8}:", " ", line)  # and its offsets are not words of the parcel
        words += [int(w, 16) for w in re.findall(r"\b[0-9a-fA-F]{8}\b", line)]
    if len(words) < 2 or words[0] != 0:
        return None
    length = words[1]
    if length <= 0 or length > 256:
        return None
    units: list[int] = []
    for w in words[2:]:
        units += [w & 0xFFFF, w >> 16]
    if len(units) < length:
        return None
    return "".join(chr(u) for u in units[:length])


@dataclass(frozen=True, slots=True)
class IdentifierRead:
    """One way of reading a data type over adb (device_ids.toml)."""

    data_type: str
    command: str
    pattern: str
    parse: str = "text"
    root: bool = False


def identifier_reads() -> tuple[tuple[IdentifierRead, ...], frozenset[str]]:
    """The reads of device_ids.toml and its placeholder values."""
    from appaudit import data as bundled

    raw = bundled.load("device_ids.toml", "appaudit.runtime")
    reads = tuple(
        IdentifierRead(
            data_type=str(r["data_type"]),
            command=str(r["command"]),
            pattern=str(r["pattern"]),
            parse=str(r.get("parse", "text")),
            root=bool(r.get("root", False)),
        )
        for r in raw["read"]
    )
    return reads, frozenset(str(p).lower() for p in raw["placeholders"])


@dataclass
class DeviceIdentifiers:
    """What `read_identifiers` found: a profile document (ontology id -> values) and what it could not read."""

    doc: dict[str, object] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)


def read_identifiers(dev: AndroidDevice) -> DeviceIdentifiers:
    """Read the device's real identifier values over adb into a profile document (network/profile format)."""
    reads, placeholders = identifier_reads()
    values: dict[str, list[str]] = {}
    why: dict[str, str] = {}
    outputs: dict[tuple[str, bool], CommandResult] = {}  # one adb call per command (siminfo serves three)
    root = bool(dev.root_mode()) if any(r.root for r in reads) else False
    for r in reads:
        as_root = r.root and root
        key = (r.command, as_root)
        if key not in outputs:
            outputs[key] = dev.root_shell(r.command) if as_root else dev.shell(r.command)
        res = outputs[key]
        if res.returncode != 0:
            why.setdefault(r.data_type, f"`{r.command}` failed: {(res.stdout + res.stderr).strip()[:120]}")
            continue
        found: list[str] = []
        if r.parse == "parcel":
            s = parse_parcel_string(res.stdout)
            m = re.match(r.pattern, s) if s is not None else None
            if m:
                found.append(m.group(1))
        else:
            for m in re.finditer(r.pattern, res.stdout, re.MULTILINE):
                found.append(f"{m.group(1)},{m.group(2)}" if m.re.groups >= 2 else m.group(1))
        found = [v.strip() for v in found if v.strip().lower() not in placeholders]
        if not found:
            hint = "" if not r.root or root else " (needs root)"
            why.setdefault(r.data_type, f"`{r.command}` gave no value{hint}")
            continue
        bucket = values.setdefault(r.data_type, [])
        bucket.extend(v for v in found if v not in bucket)
    doc: dict[str, object] = {k: (v if len(v) > 1 or k == "app_list" else v[0]) for k, v in values.items()}
    return DeviceIdentifiers(doc=doc, unreadable={k: w for k, w in why.items() if k not in values})
