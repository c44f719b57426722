"""Launching mitmdump on 127.0.0.1 with the addon, and what to do on an emulator to route traffic through it.

`running(cfg)` is the one mitmdump lifecycle (start, wait until the addon is loaded, stop with SIGINT so
its shutdown hooks flush the capture, kill as a last resort); `appaudit proxy` (`run`) and
`audit --capture` both use it.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from appaudit import systools
from appaudit.errors import ToolMissingError

ADDON = Path(__file__).with_name("addon.py")
LISTEN_HOST = "127.0.0.1"  # loopback only: the proxy is never reachable from other machines
DEFAULT_CONFDIR = Path.home() / ".mitmproxy"
START_TIMEOUT_S = 30.0  # mitmdump's start-up, addon import included, on a loaded CI machine
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class ProxyConfig:
    """What `appaudit proxy` runs."""

    output: Path
    # mitmproxy's own flow file of every request and response, so the traffic can be scanned again
    # (`appaudit rescan`) once the run has revealed the device's identifier values; None: not kept.
    flow_file: Path | None = None
    port: int = 8080
    profile: Path | None = None
    first_party: tuple[str, ...] = ()
    offline: bool = False
    confdir: Path = DEFAULT_CONFDIR
    extra: tuple[str, ...] = field(default=())  # further mitmdump arguments (tests: --set termlog_verbosity=...)

    @property
    def ca_cert(self) -> Path:
        return self.confdir / "mitmproxy-ca-cert.pem"


# Without a profile the addon has no identifier values to look for: every flow is recorded with no hits.
NO_PROFILE_WARNING = """\
WARNING: no --profile: this capture looks for NO identifier values, so it will report 0 identifiers sent.
  Get the device's real values first:  appaudit profile --device SERIAL -o device.json
  then restart with:                   appaudit proxy --profile device.json ...
  or afterwards let the run's hook values find them in the raw flows ({flow_file}):
                                       appaudit audit app.apk --trace trace.jsonl --flows <this -o file>"""


def find_mitmdump() -> Path:
    """mitmdump beside the running interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).with_name("mitmdump")
    if beside.is_file():
        return beside
    found = shutil.which("mitmdump")
    if found:
        return Path(found)
    raise systools.missing("mitmdump")


def build_command(cfg: ProxyConfig, mitmdump: Path | None = None) -> list[str]:
    """The mitmdump argv for CFG."""
    cmd = [
        str(mitmdump or find_mitmdump()),
        "--listen-host",
        LISTEN_HOST,
        "--listen-port",
        str(cfg.port),
        "--set",
        f"confdir={cfg.confdir}",
        # Lazy: connect upstream only when a request needs it, so HTTPS CONNECT in offline mode
        # never dials the (possibly unresolvable) SDK host (docs/contracts.md).
        "--set",
        "connection_strategy=lazy",
        "-s",
        str(ADDON),
        "--set",
        f"appaudit_output={cfg.output}",
        "--set",
        f"appaudit_offline={'true' if cfg.offline else 'false'}",
    ]
    if cfg.flow_file is not None:
        # "+": append, like the JSONL (a restarted proxy keeps the session's earlier flows); the
        # option's value goes through strftime, so a literal "%" in the path is doubled.
        cmd += ["--set", f"save_stream_file=+{str(cfg.flow_file).replace('%', '%%')}"]
    if cfg.profile is not None:
        cmd += ["--set", f"appaudit_profile={cfg.profile}"]
    for domain in cfg.first_party:
        cmd += ["--set", f"appaudit_first_party={domain}"]
    return cmd + list(cfg.extra)


def instructions(cfg: ProxyConfig) -> str:
    """How to send an emulator's traffic through the proxy and make it trust the CA."""
    p = cfg.port
    mode = " (offline: every request answered 204)" if cfg.offline else ""
    raw = f"\nraw flows (for `appaudit rescan`) appended to {cfg.flow_file}" if cfg.flow_file else ""
    rescan = (
        f"\n  after a run, find the identifiers its hooks saw: appaudit rescan {cfg.flow_file} --trace TRACE -o FILE"
        if cfg.flow_file
        else ""
    )
    return f"""\
appaudit proxy: mitmdump on {LISTEN_HOST}:{p}, flows appended to {cfg.output}{mode}{raw}
Easiest: let `appaudit run --backend android --proxy 127.0.0.1:{p} --ca-cert {cfg.ca_cert}` do (and undo)
the routing and the CA on a rooted emulator (Android 7-15, no -writable-system needed). By hand:
  adb root                                                      # first: it restarts adbd, dropping reverse rules
  adb reverse tcp:{p} tcp:{p}                                   # device's 127.0.0.1:{p} -> this proxy
  adb shell settings put global http_proxy 127.0.0.1:{p}        # or Wi-Fi settings > proxy 127.0.0.1:{p}
  (without adb reverse, an emulator reaches the host loopback as 10.0.2.2:{p})
  undo afterwards: adb shell settings put global http_proxy :0
CA certificate (created on first start): {cfg.ca_cert}
  user CA:   adb push {cfg.ca_cert} /sdcard/Download/ then Settings > Security > Install a certificate
             (apps targeting API 24+ ignore user CAs unless their network_security_config trusts them)
  system CA: a tmpfs over /system/etc/security/cacerts holding the store plus <subject_hash_old>.0
             (Android 7-13); on 14+ also bind-mounted over /apex/com.android.conscrypt/cacerts inside
             zygote's mount namespace (nsenter). Gone at reboot. README "Runtime on an Android emulator".
Stop with Ctrl-C; then `appaudit flows {cfg.output}`.{rescan}"""


@dataclass(slots=True)
class Running:
    """A started mitmdump (see `running`)."""

    cfg: ProxyConfig
    proc: subprocess.Popen[bytes]

    @property
    def address(self) -> str:
        return f"{LISTEN_HOST}:{self.cfg.port}"

    def wait(self) -> int:
        return self.proc.wait()

    def stop(self) -> int:
        """Stop mitmdump the way Ctrl-C does (SIGINT runs its shutdown hooks); kill it after STOP_TIMEOUT_S."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                return self.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait()


def _wait_ready(run: Running, timeout: float, log: Path | None) -> None:
    """Until mitmdump listens with the addon loaded: the addon creates its output when configured."""
    where = f"; its log: {log}" if log is not None else ""
    deadline = time.monotonic() + timeout
    while True:
        if run.proc.poll() is not None:
            err = _log_tail(log)
            raise ToolMissingError(f"mitmdump exited at start ({err[-200:] or run.proc.returncode}){where}")
        try:
            socket.create_connection((LISTEN_HOST, run.cfg.port), timeout=0.2).close()
            # Listening is not enough: mitmdump listens even when the addon failed to load, then exits on
            # the startup error. The caller removed a stale output, so its existence is the signal.
            if run.cfg.ca_cert.is_file() and run.cfg.output.is_file():
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise ToolMissingError(
                f"mitmdump did not listen on {run.address} with the appaudit addon loaded within {timeout:g} s{where}"
            )
        time.sleep(0.1)


def _log_tail(log: Path | None) -> str:
    """mitmdump's last words (its log file's last line with text), for a start-up failure message."""
    if log is None:
        return ""
    try:
        with log.open("rb") as f:
            f.seek(max(0, f.seek(0, 2) - 4096))
            lines = f.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


@contextlib.contextmanager
def running(
    cfg: ProxyConfig,
    *,
    log: Path | None = None,
    stdout: IO[Any] | None = None,
    ready: bool = True,
    timeout: float = START_TIMEOUT_S,
) -> Iterator[Running]:
    """mitmdump with CFG for the length of the with-block.

    Its connection log and errors go to LOG (a file: a pipe nobody reads during a long capture would
    fill and block mitmdump) or STDOUT. With READY the block starts only once the addon is loaded (the
    caller removes a stale `cfg.output` first); a start-up failure is a ToolMissingError naming
    mitmdump's last words.
    On leaving the block mitmdump is stopped (`Running.stop`).
    """
    cmd = build_command(cfg)
    if log is not None:
        with log.open("wb") as sink:
            proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT)
    else:
        proc = subprocess.Popen(cmd, stdout=stdout)
    run = Running(cfg, proc)
    try:
        if ready:
            _wait_ready(run, timeout, log)
        yield run
    finally:
        run.stop()


def run(cfg: ProxyConfig) -> int:
    """Run mitmdump in the foreground until it exits, Ctrl-C or `kill`; returns its exit status.

    Call from the main thread (it handles SIGTERM while mitmdump runs).
    """
    # SIGTERM (`kill`, a CI step's timeout) would end this process and leave mitmdump listening on the
    # port: turn it into the interrupt below, so that mitmdump is stopped the same way as on Ctrl-C.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        # mitmdump logs every connection on its stdout; here that is progress, so it goes to stderr
        # (stdout carries reports only, and the capture itself is the -o file).
        with running(cfg, stdout=sys.stderr, ready=False) as proxy:
            try:
                return proxy.wait()
            except KeyboardInterrupt:
                # The interrupt may come from `kill -INT`, not the terminal's process group: pass it on.
                return proxy.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)


def private_confdir() -> Path:
    """The mitmproxy confdir for `audit --capture`: its CA private key stays in the user's cache directory.

    Never under the output directory (which CI jobs upload as artifacts): $XDG_CACHE_HOME/appaudit/mitmproxy,
    mode 0700, reused across runs like mitmproxy's own ~/.mitmproxy; a fresh private temp dir (0700)
    when the cache directory cannot be created.
    """
    from appaudit.signatures import cache_dir  # only this helper needs it

    confdir = cache_dir() / "mitmproxy"
    try:
        confdir.mkdir(parents=True, exist_ok=True, mode=0o700)
        confdir.chmod(0o700)
    except OSError:
        return Path(tempfile.mkdtemp(prefix="appaudit-mitmproxy-"))
    return confdir
