"""Launching mitmdump on 127.0.0.1 with the addon, and what to do on an emulator to route traffic through it."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from appaudit.errors import ToolMissingError

ADDON = Path(__file__).with_name("addon.py")
LISTEN_HOST = "127.0.0.1"  # loopback only: the proxy is never reachable from other machines
DEFAULT_CONFDIR = Path.home() / ".mitmproxy"


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
    raise ToolMissingError("mitmdump not found beside python or on PATH; run `make setup` (installs mitmproxy)")


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
Route the emulator through it (the proxy listens on loopback only):
  adb reverse tcp:{p} tcp:{p}                                   # device's 127.0.0.1:{p} -> this proxy
  adb shell settings put global http_proxy 127.0.0.1:{p}        # or Wi-Fi settings > proxy 127.0.0.1:{p}
  (without adb reverse, an emulator reaches the host loopback as 10.0.2.2:{p})
  undo afterwards: adb shell settings put global http_proxy :0
CA certificate (created on first start): {cfg.ca_cert}
  user CA:   adb push {cfg.ca_cert} /sdcard/Download/ then Settings > Security > Install a certificate
             (apps targeting API 24+ ignore user CAs unless their network_security_config trusts them)
  system CA on a rooted emulator (started with -writable-system; Android 7-13):
    h=$(openssl x509 -inform PEM -subject_hash_old -in {cfg.ca_cert} | head -1)
    cp {cfg.ca_cert} $h.0 && adb root && adb remount
    adb push $h.0 /system/etc/security/cacerts/ && adb shell chmod 644 /system/etc/security/cacerts/$h.0 && adb reboot
  Android 14+ reads CAs from /apex/com.android.conscrypt/cacerts: bind-mount a tmpfs copy holding $h.0 there.
Stop with Ctrl-C; then `appaudit flows {cfg.output}`.{rescan}"""


def run(cfg: ProxyConfig) -> int:
    """Run mitmdump in the foreground until it exits, Ctrl-C or `kill`; returns its exit status.

    Call from the main thread (it handles SIGTERM while mitmdump runs).
    """
    cmd = build_command(cfg)
    # mitmdump logs every connection on its stdout; here that is progress, so it goes to stderr
    # (stdout carries reports only, and the capture itself is the -o file).
    proc = subprocess.Popen(cmd, stdout=sys.stderr)
    # SIGTERM (`kill`, a CI step's timeout) would end this process and leave mitmdump listening on the
    # port: turn it into the interrupt below, so that mitmdump is stopped the same way as on Ctrl-C.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        # Pass the interrupt on (it may come from `kill -INT`, not the terminal's process group),
        # then let mitmdump run its shutdown hooks, which close the capture.
        proc.send_signal(signal.SIGINT)
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.terminate()
            return proc.wait()
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
