"""The one bubblewrap adapter: runs the hostjvm backend's JVM, and so the APK's code, cut off from the host.

`Sandbox(java_argv, workdir, profile, proxy=...)` wraps the java command line that hostjvm builds into a
`bwrap` command line, starts it, and hands back the JVM's host PID once the JVM waits at its gate
(sandbox_java/appaudit/sandbox/Gate.java: the first java agent and a main class put before the harness's,
which blocks until `release()`), so Frida attaches from outside, installs the hooks, and only then lets app
code run. `for_run` and `spawn` are what session.py calls; the agent's sandbox settings (command answers,
network interfaces) come from `agent_config`, the files and answers from sandbox.toml.

What the sandbox guarantees (bubblewrap namespaces and mounts, enforced by the kernel):
- network: a new network namespace with only loopback. With no proxy nothing leaves the JVM; with a proxy, a
  listener on 127.0.0.1:PORT inside is relayed through a Unix socket to the configured proxy and nowhere else.
- files: only /usr, /etc, the JDK, hostjvm's cache and the run's work directory are visible, read-only (/root,
  /home, /work, /srv, /opt and the host's /var, /run and /tmp do not exist inside); the app can write only to
  the scratch directory, which is removed with the run, and to private tmpfs mounts (/tmp, /var, /run) of
  bounded size.
- identity: its own PID, IPC, UTS and cgroup namespaces (it sees only its own processes; hostname is the
  profile's); /sys, /proc/sys/kernel/random/boot_id, /etc/hostname, /etc/hosts, /etc/machine-id,
  /var/lib/dbus/machine-id, /etc/passwd and /etc/group are generated from the device profile (sandbox.toml);
  a minimal /dev; a cleared environment; a new session (no terminal injection); the sandbox dies with appaudit.
- user: when appaudit runs as root, the JVM runs as nobody (65534) with no capabilities and no_new_privs.
What it does not guarantee: it is not a VM (one kernel, no seccomp filter, so a kernel exploit escapes it);
files under the read-only system directories (/usr, /etc) stay readable; CPU and memory are not limited
beyond the run's duration; Runtime.exec is answered by the Frida agent, so a native library that execs
(none loads on this JVM today) would run its command inside the sandbox rather than be answered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appaudit import data, systools
from appaudit.errors import DeviceError
from appaudit.hosts import parse_proxy
from appaudit.network.profile import read_profile_document  # sibling leaf module, as in hostjvm.py
from appaudit.runtime import hostjvm
from appaudit.runtime.agent import EventHandler, Instrumented, attach_local

JAVA_SOURCES = Path(__file__).resolve().parent / "sandbox_java"
NOBODY = 65534
# System directories bound read-only: the JDK and its libraries live here; nothing user- or host-specific.
SYSTEM_DIRS = ("/usr", "/etc")
# Merged-/usr links (/bin -> usr/bin) are recreated as links; an unmerged system binds them read-only.
ROOT_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Writable in-memory mounts, each bounded; the rest of the host's top level does not exist in the sandbox.
TMPFS = {"/tmp": 256 << 20, "/var": 64 << 20, "/run": 16 << 20, "/sys": 1 << 20}
# Where Android keeps an app's data directory (the package name is appended).
APP_DATA_ROOTS = ("/data/data", "/data/user/0")
_PACKAGE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+")
# Paths named on the java command line that need no bind (they are mounted anyway).
NO_BIND = ("/usr/", "/etc/", "/proc/", "/sys/", "/dev/")
READY_TIMEOUT_S = 120.0
GATE_MAIN = "appaudit.sandbox.Gate"
# java launcher options whose value is the next word (a -jar command line is not supported: hostjvm uses -cp).
JAVA_OPTS_WITH_VALUE = frozenset(
    {"-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path", "--add-modules",
     "--add-exports", "--add-opens", "--add-reads", "--patch-module", "--limit-modules", "-m", "--module"}
)  # fmt: skip
OutputHandler = Callable[[int, bytes], None]  # agent.OutputHandler's shape


def bwrap() -> str:
    """The bwrap executable, or the one-line error that says how to install it (the JVM never runs without it)."""
    path = shutil.which("bwrap")
    if path is None:
        raise systools.missing("bwrap")
    return path


def version() -> str:
    proc = subprocess.run([bwrap(), "--version"], capture_output=True, text=True, timeout=10, check=False)
    return proc.stdout.strip() or "bubblewrap"


def gate_jar(cache: Path) -> Path:
    """The gate agent jar (Gate + ProfileProcess), compiled once per source version into CACHE."""
    out = cache / f"sandbox-{hostjvm.sources_key(JAVA_SOURCES)}"
    return hostjvm.compile_java_agent(JAVA_SOURCES, out, "appaudit.sandbox.Gate", "gate.jar")


# ------------------------------------------------------------------ what the profile serves


def _flatten(profile: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}

    def put(key: str, v: Any) -> None:
        if isinstance(v, dict):
            for k, sub in v.items():
                put(f"{key}.{k}" if key else str(k), sub)
        elif isinstance(v, list):
            out[key] = ",".join(str(x) for x in v)
        elif v is not None:
            out[key] = str(v).lower() if isinstance(v, bool) else str(v)

    put("", dict(profile))
    return out


def profile_values(profile: Mapping[str, Any]) -> dict[str, str]:
    """The template keys of sandbox.toml: the flattened profile plus the derived keys."""
    values = _flatten(profile)
    digest = hashlib.sha256(json.dumps(profile, sort_keys=True, default=str).encode()).hexdigest()
    values.setdefault("hostname", "localhost")
    values.setdefault("machine_id", digest[:32])
    b = digest[32:64]
    values.setdefault("boot_id", f"{b[:8]}-{b[8:12]}-{b[12:16]}-{b[16:20]}-{b[20:32]}")
    apps = profile.get("app_list")
    values["app_list_lines"] = "".join(f"package:{a}\n" for a in apps) if isinstance(apps, list) else ""
    return values


def _fill(template: str, values: Mapping[str, str]) -> str | None:
    """TEMPLATE with its {key} fields from VALUES; None when the profile lacks one (never a host value)."""
    out = []
    rest = template
    while (i := rest.find("{")) != -1:
        j = rest.find("}", i)
        if j == -1:
            break
        key = rest[i + 1 : j]
        if key not in values:
            return None
        out += [rest[:i], values[key]]
        rest = rest[j + 1 :]
    return "".join(out) + rest


@dataclass(frozen=True, slots=True)
class Served:
    """What the sandbox serves from a profile: files at their device paths, and command answers."""

    files: Mapping[str, str]
    commands: tuple[Mapping[str, Any], ...]
    default: Mapping[str, Any]
    hostname: str
    mac: str | None


def served(profile: Mapping[str, Any]) -> Served:
    table = data.load("sandbox.toml", "appaudit.runtime")
    values = profile_values(profile)
    files = {str(f["path"]): _fill(str(f["text"]), values) or "" for f in table.get("file", [])}
    commands = []
    for c in table.get("command", []):
        out = _fill(str(c.get("stdout", "")), values)
        if out is None:
            continue  # the profile does not define it: the default answer, not a made-up value
        commands.append({"prefix": str(c["prefix"]), "stdout": out, "stderr": str(c.get("stderr", "")),
                         "exit": int(c.get("exit", 0))})  # fmt: skip
    commands.sort(key=lambda c: -len(str(c["prefix"])))
    default = dict(table.get("default", {"stdout": "", "stderr": "", "exit": 1}))
    mac = profile.get("mac")
    return Served(files, tuple(commands), default, values["hostname"], mac if isinstance(mac, str) else None)


def agent_config(s: Served) -> dict[str, Any]:
    """The agent's `sandbox` settings: command answers and the profile's network interfaces."""
    return {
        "commands": list(s.commands),
        "default": dict(s.default),
        "interfaces": {"wlan0": s.mac} if s.mac else {},
    }


# ------------------------------------------------------------------ the host side of the proxy relay


class _Relay:
    """A Unix socket (bound into the sandbox) whose every connection is copied to one TCP address."""

    def __init__(self, path: Path, target: tuple[str, int], max_connections: int = 64) -> None:
        self.target = (target[0].strip("[]"), target[1])  # --proxy [::1]:8080 names the host in brackets
        self._slots = threading.BoundedSemaphore(max_connections)
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(str(path))
        os.chmod(path, 0o666)  # the JVM runs as nobody
        self._sock.listen(16)
        self._thread = threading.Thread(target=self._accept, name="appaudit-sandbox-relay", daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return  # closed
            if not self._slots.acquire(blocking=False):
                conn.close()
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            with conn, socket.create_connection(self.target, timeout=10) as up:
                up.settimeout(None)
                t = threading.Thread(target=_pump, args=(up, conn), daemon=True)
                t.start()
                _pump(conn, up)
                t.join()
        except OSError:
            pass  # the proxy is not there or a side closed: the app sees its connection closed
        finally:
            self._slots.release()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while chunk := src.recv(65536):
            dst.sendall(chunk)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)


# ------------------------------------------------------------------ the sandbox


def _paths_named(argv: Sequence[str]) -> Iterator[Path]:
    """Host paths the java command line names (-cp entries, -javaagent:JAR=..., -Dkey=PATH)."""
    for token in argv[1:]:
        for piece in token.replace("=", ":").replace(",", ":").split(":"):
            if piece.startswith("/") and not piece.startswith(NO_BIND) and os.path.exists(piece):
                yield Path(piece)


def _main_class_index(argv: Sequence[str]) -> int:
    """Where the main class is on a java command line: the first word that is neither an option nor an
    option's separate value."""
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in JAVA_OPTS_WITH_VALUE:
            i += 2
        elif a.startswith("-"):
            i += 1
        else:
            return i
    raise DeviceError(f"sandbox: no main class on the java command line {' '.join(argv)[:300]}")


def _with_proxy_on_loopback(argv: Sequence[str]) -> list[str]:
    """The proxy is reached through the relay on the sandbox's loopback, whatever host the user gave."""
    out = []
    for a in argv:
        if a.startswith(("-Dhttp.proxyHost=", "-Dhttps.proxyHost=")):
            a = a.split("=", 1)[0] + "=127.0.0.1"
        out.append(a)
    return out


class Sandbox:
    """One sandboxed JVM: `start()` runs it up to the gate, `release()` lets the app run, `close()` ends it."""

    def __init__(
        self,
        java_argv: Sequence[str],
        workdir: Path,
        profile: Mapping[str, Any],
        *,
        java_home: Path,
        cache: Path,
        proxy: tuple[str, int] | None = None,
        readable: Sequence[Path] = (),
        package: str = "",
    ) -> None:
        self.java_argv = list(java_argv)
        self.workdir = workdir
        self.profile = profile
        self.served = served(profile)  # what the header, the bwrap line and the agent all serve
        self.java_home = java_home
        self.cache = cache
        self.proxy = proxy
        self.readable = list(readable)
        self.scratch = workdir / "scratch"
        # The app's data directory (hostjvm's appaudit.data) also at Android's own paths, which apps write to by
        # name ("/data/data/<package>/databases/x.db"); only for a well-formed package name (it is a mount point).
        self.app_paths = tuple(f"{root}/{package}" for root in APP_DATA_ROOTS) if _PACKAGE.fullmatch(package) else ()
        self.ctl = workdir / "sandbox-ctl"
        self.as_root = os.geteuid() == 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.pid = 0
        self._relay: _Relay | None = None
        self._data_fds: list[int] = []
        self._readers: list[threading.Thread] = []

    def describe(self) -> dict[str, Any]:
        """The sandbox's settings for the trace header."""
        return {
            "tool": version(),
            "network": f"only the proxy {self.proxy[0]}:{self.proxy[1]} (relayed)" if self.proxy else "none",
            "user": "nobody (65534), no capabilities" if self.as_root else f"uid {os.geteuid()} (not root)",
            "writable": ["scratch directory (removed after the run)", *(f"{p} (tmpfs)" for p in TMPFS if p != "/sys"),
                         *(f"{p} (the app's data directory, in the scratch directory)" for p in self.app_paths)],
            "served_from_profile": sorted(self.served.files),
            "commands": "recorded and answered from the profile by the agent, never run",
        }

    def _data(self, text: str) -> str:
        r, w = os.pipe()
        os.write(w, text.encode("utf-8"))  # tiny files: fit in the pipe buffer
        os.close(w)
        self._data_fds.append(r)
        return str(r)

    def argv(self, info_fd: int) -> list[str]:
        """The bwrap command line (also what a user can read to see the sandbox's shape)."""
        a = [bwrap(), "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
        s = self.served
        a += ["--hostname", s.hostname, "--die-with-parent", "--new-session", "--as-pid-1", "--clearenv"]
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.scratch), "TMPDIR": "/tmp", "TZ": "UTC"}
        for k, v in env.items():
            a += ["--setenv", k, v]
        for d in SYSTEM_DIRS:
            a += ["--ro-bind", d, d]
        for link in ROOT_LINKS:
            if os.path.islink(link):
                a += ["--symlink", os.readlink(link), link]
            elif os.path.isdir(link):
                a += ["--ro-bind", link, link]
        for d, size in TMPFS.items():
            a += ["--perms", "1777" if d == "/tmp" else "0755", "--size", str(size), "--tmpfs", d]
        a += ["--proc", "/proc", "--dev", "/dev"]
        home = str(self.java_home.resolve())
        if not home.startswith(NO_BIND):
            a += ["--ro-bind", home, home]
        # Everything hostjvm prepared for the JVM (the work directory, the cache of converted apps, stubs and
        # truststores) and every other path its command line names, read-only; the scratch and control
        # directories inside the work directory are bound writable on top.
        named = {self.workdir, self.cache, *_paths_named(self.java_argv), *self.readable}
        made = {"/", *TMPFS, *SYSTEM_DIRS}

        def parents(p: Path) -> list[str]:
            # The mount points above P, which bwrap would create with the host's (0700) modes: 0755, once each.
            out: list[str] = []
            for parent in map(str, reversed(p.parents)):
                if parent not in made:
                    made.add(parent)
                    out += ["--perms", "0755", "--dir", parent]
            return out

        for p in sorted(named, key=lambda p: len(p.parts)):
            if self.scratch in p.parents or p == self.scratch or str(p).startswith(NO_BIND):
                continue
            a += [*parents(p), "--ro-bind", str(p), str(p)]
        a += ["--bind", str(self.scratch), str(self.scratch), "--bind", str(self.ctl), str(self.ctl)]
        for path in self.app_paths:
            a += [*parents(Path(path)), "--bind", str(self.scratch / "data"), path]
        for path, text in sorted(s.files.items()):
            if path.startswith("/etc/") and not os.path.lexists(path):
                continue  # absent on the host: nothing to hide, and the read-only /etc cannot take a new file
            a += ["--perms", "0444", "--ro-bind-data", self._data(text), path]
        a += ["--chdir", str(self.scratch), "--info-fd", str(info_fd), "--"]
        if self.as_root:
            a += ["/usr/bin/setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                  "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]  # fmt: skip
        return a

    def _java(self) -> list[str]:
        jar = gate_jar(self.cache)
        opts = f"ready={self.ctl / 'ready'},go={self.ctl / 'go'}"
        if self.proxy is not None:
            opts += f",relay={self.proxy[1]}@{self.ctl / 'proxy.sock'}"
        java = _with_proxy_on_loopback(self.java_argv) if self.proxy else list(self.java_argv)
        main = _main_class_index(java)
        # The gate's agent first (its relay is up before anything else runs), the gate's main before the real
        # one (nothing of the app runs before the host opens it); -XX:-UsePerfData: no /tmp/hsperfdata.
        # user.home: the scratch directory, not the host's home (Java reads it from the account, not $HOME).
        return [java[0], f"-javaagent:{jar}={opts}", "-XX:-UsePerfData", f"-Duser.home={self.scratch}",
                *java[1:main], GATE_MAIN, *java[main:]]  # fmt: skip

    def start(self, on_output: OutputHandler | None = None) -> int:
        """Start the sandbox and return the JVM's host PID once it waits at the gate."""
        bwrap()
        self.scratch.mkdir(parents=True, exist_ok=True)
        (self.scratch / "data").mkdir(exist_ok=True)
        self.ctl.mkdir(parents=True, exist_ok=True)
        for d in (self.workdir, self.ctl):
            os.chmod(d, 0o755)
        if self.as_root:
            os.chown(self.scratch, NOBODY, NOBODY)
            os.chown(self.scratch / "data", NOBODY, NOBODY)
        for name in ("ready", "go"):
            os.mkfifo(self.ctl / name, 0o666)
            os.chmod(self.ctl / name, 0o666)
        if self.proxy is not None:
            self._relay = _Relay(self.ctl / "proxy.sock", self.proxy)
        ready_fd = os.open(self.ctl / "ready", os.O_RDONLY | os.O_NONBLOCK)
        info_r, info_w = os.pipe()
        try:
            argv = self.argv(info_w) + self._java()
            self.proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(info_w, *self._data_fds),
            )
            os.close(info_w)
            info_w = -1
            self._read_output(on_output)
            self._wait_ready(ready_fd)
            self.pid = self._child_pid(info_r)
        except BaseException:
            self.close()
            raise
        finally:
            os.close(ready_fd)
            os.close(info_r)
            if info_w != -1:
                os.close(info_w)
            for fd in self._data_fds:
                os.close(fd)
            self._data_fds.clear()
        return self.pid

    def _read_output(self, on_output: OutputHandler | None) -> None:
        assert self.proc is not None
        self._tail = b""
        for fd, stream in ((1, self.proc.stdout), (2, self.proc.stderr)):

            def read(fd: int = fd, stream: Any = stream) -> None:
                for chunk in iter(lambda: stream.read1(65536), b""):
                    if fd == 2:
                        self._tail = (self._tail + chunk)[-2000:]
                    if on_output is not None:
                        on_output(fd, chunk)

            t = threading.Thread(target=read, name=f"appaudit-sandbox-out{fd}", daemon=True)
            t.start()
            self._readers.append(t)

    def _wait_ready(self, ready_fd: int) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + READY_TIMEOUT_S
        got = b""
        while b"ready" not in got:
            if self.proc.poll() is not None:
                time.sleep(0.1)  # let the reader collect the error
                tail = self._tail.decode("utf-8", "replace").strip()
                raise DeviceError(
                    f"sandboxed JVM exited ({self.proc.returncode}) before the app started: {tail[-600:]}"
                )
            if time.monotonic() > deadline:
                raise DeviceError(f"sandboxed JVM not ready after {READY_TIMEOUT_S:.0f} s")
            r, _, _ = select.select([ready_fd], [], [], 0.1)
            if r:
                chunk = os.read(ready_fd, 64)
                if not chunk:
                    time.sleep(0.05)  # no writer yet
                got += chunk

    def _child_pid(self, info_r: int) -> int:
        raw = b""
        while chunk := os.read(info_r, 4096):
            raw += chunk
            with contextlib.suppress(ValueError):
                pid = int(json.loads(raw)["child-pid"])
                if not os.readlink(f"/proc/{pid}/exe").endswith("/java"):
                    raise DeviceError(f"sandbox: pid {pid} is not the JVM")
                return pid
        raise DeviceError("sandbox: bwrap did not report the JVM's pid")

    def release(self) -> None:
        """Let the app's code run (the hooks are installed). Idempotent."""
        deadline = time.monotonic() + 10
        while True:
            try:
                fd = os.open(self.ctl / "go", os.O_WRONLY | os.O_NONBLOCK)
            except FileNotFoundError:
                return  # already released
            except OSError:  # ENXIO: the gate has not opened its end yet
                if time.monotonic() > deadline or (self.proc is not None and self.proc.poll() is not None):
                    return
                time.sleep(0.02)
                continue
            os.close(fd)  # EOF at the gate
            with contextlib.suppress(OSError):
                os.unlink(self.ctl / "go")
            return

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self) -> None:
        """Kill the JVM and bwrap if still running, stop the relay."""
        if self.pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, signal.SIGKILL)
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
        for t in self._readers:
            t.join(2)
        if self._relay is not None:
            self._relay.close()
            self._relay = None


def for_run(
    java_argv: Sequence[str],
    workdir: Path,
    profile_path: Path,
    proxy: str | None,
    readable: Sequence[str] = (),
    package: str = "",
) -> Sandbox:
    """The sandbox of one hostjvm run: the JAVA_ARGV hostjvm prepared in WORKDIR, the profile, the proxy, and the
    app's PACKAGE (its data directory's Android paths)."""
    bwrap()  # fail before anything is prepared to run
    profile = read_profile_document(profile_path) if profile_path.is_file() else {}
    return Sandbox(
        java_argv,
        workdir,
        profile,
        java_home=hostjvm.java_home(),
        cache=hostjvm.cache_dir(),
        proxy=parse_proxy(proxy) if proxy else None,
        readable=[Path(p) for p in readable],
        package=package,
    )


def spawn(box: Sandbox, config: Mapping[str, Any], on_event: EventHandler, on_output: OutputHandler) -> Instrumented:
    """Start BOX up to its gate, attach the agent by the JVM's host PID, and open the gate on resume."""
    pid = box.start(on_output)
    try:
        inst = attach_local(pid, {**config, "sandbox": agent_config(box.served)}, on_event)
    except BaseException:
        box.close()
        raise
    inst.on_resume(box.release)
    inst.on_close(box.close)
    return inst
