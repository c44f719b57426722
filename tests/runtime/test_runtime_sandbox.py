"""appaudit.runtime.sandbox: the hostjvm JVM in bubblewrap, and the agent's sandbox block.

The hostile app (tests/runtime/data/hostile, smali) tries, in Application.onCreate, to run commands, write
outside its scratch directory, open a loopback socket to a listener of this test, and read this machine's
MAC addresses, hostname, machine-id and boot id. It must leave no mark on the host, every attempt must be in
the trace, and its privacy reads must still be recorded with the profile's values.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, records

from appaudit.cli import main
from appaudit.errors import ToolMissingError
from appaudit.runtime import hostjvm, parity, sandbox, session

HOSTILE_SRC = Path(__file__).resolve().parent / "data" / "hostile"
PROFILE = hostjvm.DEFAULT_PROFILE
# Where the hostile app tries to leave a mark (its commands and its writes).
MARKS = (
    "/tmp/appaudit-hostile-exec",
    "/tmp/appaudit-hostile-pb",
    "/tmp/appaudit-hostile-write",
    "/var/tmp/appaudit-hostile-write",
    "/root/appaudit-hostile-write",
    "/etc/appaudit-hostile-write",
)


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sample_apks_build", SAMPLES / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sample_apks_build"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def hostile_apk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile app, built from its smali with the sample apps' recipe."""
    if shutil.which("apktool") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("apktool is missing: CI must build the hostile test app (make setup installs it)")
        pytest.skip("apktool not installed (make setup installs it)")
    app_dir = tmp_path_factory.mktemp("hostile") / "hostile"
    shutil.copytree(HOSTILE_SRC, app_dir)
    apk: Path = _build_module().build_app(app_dir)
    return apk


class Listener:
    """A loopback TCP listener of the host that records every connection it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port: int = self.sock.getsockname()[1]
        self.accepted: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.accepted.append(conn.recv(4096))
                except OSError:
                    self.accepted.append(b"")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="session")
def hostile_run(hostile_apk: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Listener]]:
    """The hostile app run once under `appaudit run --backend hostjvm`, a host listener as its target."""
    for mark in MARKS:  # a mark left by anything else would make the check below meaningless
        with contextlib.suppress(OSError):  # not root: /root and /etc are not ours to clean (nor the app's)
            Path(mark).unlink()
    listener = Listener()
    out = tmp_path_factory.mktemp("hostile-trace") / "hostile.jsonl"
    session.run(hostile_apk, "hostjvm", out, jvm_args=(f"-Dhostile.port={listener.port}",))
    yield out, listener
    listener.close()


def _sandbox_events(trace: Path, what: str) -> list[dict[str, Any]]:
    return [r for r in records(trace) if r["type"] == "sandbox" and r["what"] == what]


def test_hostile_app_leaves_no_mark_on_the_host(hostile_run: tuple[Path, Listener]) -> None:
    trace, listener = hostile_run
    assert [m for m in MARKS if os.path.lexists(m)] == []
    assert listener.accepted == []
    end = records(trace)[-1]
    # The app did run to its last attempt: the absence of marks is the sandbox's doing, not a crash.
    assert "Build.SERIAL: R58M4321ABC" in end["output_tail"]


def test_commands_are_recorded_and_answered_from_the_profile(hostile_run: tuple[Path, Listener]) -> None:
    trace, _ = hostile_run
    execs = {r["command"]: r for r in _sandbox_events(trace, "exec")}
    shell = "sh -c touch /tmp/appaudit-hostile-exec"
    assert set(execs) == {shell, "getprop ro.serialno", "touch /tmp/appaudit-hostile-pb"}
    assert all(r["result"] == "not run" and r["actor"] == "app" for r in execs.values())
    assert any(f.startswith("com.appaudit.hostile.Attempts.execShell") for f in execs[shell]["stack"])
    assert execs["getprop ro.serialno"]["answered"] is True
    assert execs["touch /tmp/appaudit-hostile-pb"]["answered"] is False
    tail = records(trace)[-1]["output_tail"]
    # The answer comes from the device profile, not from a shell.
    assert "getprop ro.serialno: R58M4321ABC" in tail
    assert "ProcessBuilder touch exit: 1" in tail


def test_writes_and_connects_are_recorded(hostile_run: tuple[Path, Listener]) -> None:
    trace, listener = hostile_run
    writes = {r["path"]: r["result"] for r in _sandbox_events(trace, "file_write") if r["actor"] == "app"}
    assert writes["/etc/appaudit-hostile-write"].startswith("denied")
    assert writes["/root/appaudit-hostile-write"].startswith("denied")
    assert writes["/var/tmp/appaudit-hostile-write"].startswith("denied")
    # Private /tmp and the scratch directory take the write; both are gone with the run.
    assert writes["/tmp/appaudit-hostile-write"] == "written in the sandbox"
    assert writes["appaudit-hostile-scratch"] == "written in the sandbox"
    connects = [r for r in _sandbox_events(trace, "connect") if r["address"].endswith(f":{listener.port}")]
    assert len(connects) == 1 and connects[0]["result"].startswith("refused")
    assert connects[0]["actor"] == "app"


def test_privacy_reads_are_recorded_with_the_profile_values(hostile_run: tuple[Path, Listener]) -> None:
    trace, _ = hostile_run
    reads = [r for r in records(trace) if r["type"] == "read"]
    by_api = {(r["data_type"], r["api"]): r for r in reads if r.get("value") is not None}
    assert by_api[("mac", "NetworkInterface.getHardwareAddress()")]["value"] == "02:1a:11:f3:4b:9c"
    assert by_api[("mac", "file:/sys/class/net/wlan0/address")]["value"] == "02:1a:11:f3:4b:9c"
    assert by_api[("serial", "Build.SERIAL")]["value"] == "R58M4321ABC"
    assert all(r["actor"] == "app" and r["phase"] == "PRE_CONSENT" for r in reads)
    # The host's own interface is not there: the read is recorded, as a failure.
    eth0 = [r for r in reads if r["api"] == "file:/sys/class/net/eth0/address"]
    assert eth0 and eth0[0]["value"] is None
    tail = records(trace)[-1]["output_tail"]
    assert "/etc/hostname: localhost" in tail and "hostname: localhost" in tail
    # A cleared environment and no host account: only what the sandbox sets.
    env = next(line for line in tail.splitlines() if line.startswith("I/Hostile: env: "))
    names = {kv.split("=", 1)[0] for kv in env.removeprefix("I/Hostile: env: {").rstrip("}").split(", ")}
    assert names == {"PATH", "LANG", "HOME", "TMPDIR", "TZ", "PWD"}  # PWD: bwrap --chdir
    assert tail.split("I/Hostile: user.home: ")[1].splitlines()[0].endswith("/scratch")
    if os.geteuid() == 0:
        assert "I/Hostile: user.name: nobody" in tail


def _host_values() -> list[str]:
    """This machine's identifying values, in the forms an app or the agent would print them."""
    values: list[str] = []
    for addr in Path("/sys/class/net").glob("*/address"):
        mac = addr.read_text(encoding="ascii").strip().lower()
        if not mac or set(mac) <= {"0", ":"}:
            continue
        octets = [int(x, 16) for x in mac.split(":")]
        values += [mac, mac.replace(":", ""), str([o - 256 if o > 127 else o for o in octets])]
    host = socket.gethostname()
    if host and host != "localhost":  # Android's own hostname is "localhost": not a host value
        values.append(host)
    for f in ("/etc/machine-id", "/var/lib/dbus/machine-id", "/proc/sys/kernel/random/boot_id"):
        try:
            v = Path(f).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if v:
            values.append(v)
    return values


def _leaks(trace: Path, values: list[str]) -> list[str]:
    text = trace.read_text(encoding="utf-8").lower()
    out = []
    for v in values:
        # A short hostname is matched as a word (as a JSON string, a log field or a hostname: prefix).
        if len(v) < 8:
            if any(f"{q}{v.lower()}{e}" in text for q in ('"', " ", ":") for e in ('"', "\\n", " ", ".")):
                out.append(v)
        elif v.lower() in text:
            out.append(v)
    return out


def test_no_host_value_in_any_trace(hostile_run: tuple[Path, Listener], sample_traces: dict[str, Path]) -> None:
    values = _host_values()
    assert values, "this machine has no identifying values to look for"
    for trace in [hostile_run[0], *sample_traces.values()]:
        assert _leaks(trace, values) == [], trace.name


def test_header_names_the_sandbox_and_the_parity(hostile_run: tuple[Path, Listener]) -> None:
    header = records(hostile_run[0])[0]
    box = header["sandbox"]
    assert box["network"] == "none"
    assert "/etc/machine-id" in box["served_from_profile"]
    if os.geteuid() == 0:
        assert box["user"].startswith("nobody")
    seen = header["parity"]
    assert seen["data_types"]["serial"] == ["command", "field", "method", "property"]
    assert "direct static field reads" in seen["kinds"]["field"]["sees"]
    assert "direct static field reads" in parity.for_backend("android")["kinds"]["field"]["misses"]


def test_with_a_proxy_only_the_proxy_is_reachable(hostile_apk: Path, tmp_path: Path) -> None:
    proxy, other = Listener(), Listener()
    try:
        out = session.run(
            hostile_apk, "hostjvm", tmp_path / "t.jsonl", proxy=f"127.0.0.1:{proxy.port}",
            jvm_args=(f"-Dhostile.port={other.port}",),
        )  # fmt: skip
    finally:
        proxy.close()
        other.close()
    assert other.accepted == []
    connects = [r for r in _sandbox_events(out, "connect") if r["address"].endswith(f":{other.port}")]
    assert connects and connects[0]["result"].startswith("refused")
    assert records(out)[0]["sandbox"]["network"] == f"only the proxy 127.0.0.1:{proxy.port} (relayed)"


# ------------------------------------------------------------------ without a JVM


def test_missing_bwrap_is_one_line_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    # systools' one line: what is missing, what needs it, how to install it (no package manager on PATH here)
    with pytest.raises(ToolMissingError, match=r"^bwrap: not found; .*sandbox; install: .*apt-get: bubblewrap"):
        sandbox.bwrap()
    apk = SAMPLES / "demo-clean" / "demo-clean.apk"
    res = CliRunner().invoke(main, ["run", str(apk), "--backend", "hostjvm", "-o", str(tmp_path / "t.jsonl")])
    assert res.exit_code == 2
    assert "bwrap: not found" in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_bwrap_command_line_shape(tmp_path: Path) -> None:
    java = ["/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-cp", f"{tmp_path}/a.jar", "appaudit.harness.Main"]
    (tmp_path / "a.jar").write_bytes(b"")
    box = sandbox.Sandbox(java, tmp_path, {"mac": "02:00:00:00:00:01"}, java_home=tmp_path, cache=tmp_path)
    argv = box.argv(99)
    for flag in ("--unshare-net", "--unshare-pid", "--unshare-uts", "--die-with-parent", "--clearenv", "--new-session"):
        assert flag in argv
    assert "--share-net" not in argv and "--unshare-all" not in argv
    binds = [(argv[i + 1], argv[i + 2]) for i, a in enumerate(argv) if a in ("--bind", "--ro-bind")]
    assert ("/", "/") not in binds and not any(src in ("/root", "/home", "/work", "/var") for src, _ in binds)
    writable = [src for i, a in enumerate(argv) if a == "--bind" for src in [argv[i + 1]]]
    assert writable == [str(box.scratch), str(box.ctl)]
    assert (os.geteuid() == 0) == ("/usr/bin/setpriv" in argv)
    for fd in box._data_fds:
        os.close(fd)
    assert sandbox._main_class_index(java) == 3
    assert sandbox._main_class_index([*java[:3], "--add-exports", "x=y", "-Dk=v", *java[3:]]) == 6


def test_the_app_data_directory_is_also_at_its_android_paths(tmp_path: Path) -> None:
    """Apps write "/data/data/<package>/databases/x.db" by name: both Android paths are the run's data directory
    (in the scratch directory, gone with the run); a package name that is not one makes no mount point."""
    java = ["/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-cp", f"{tmp_path}/a.jar", "appaudit.harness.Main"]
    (tmp_path / "a.jar").write_bytes(b"")
    bad = sandbox.Sandbox(java, tmp_path, {}, java_home=tmp_path, cache=tmp_path, package="../../etc")
    assert bad.app_paths == () and "/data/data" not in bad.argv(99)
    box = sandbox.Sandbox(java, tmp_path, {}, java_home=tmp_path, cache=tmp_path, package="com.x.y")
    argv = box.argv(99)
    binds = [(argv[i + 1], argv[i + 2]) for i, a in enumerate(argv) if a == "--bind"]
    data = str(box.scratch / "data")
    assert binds[2:] == [(data, "/data/data/com.x.y"), (data, "/data/user/0/com.x.y")]
    assert any("/data/data/com.x.y (the app's data directory" in w for w in box.describe()["writable"])
    # The same mounts, with a shell in place of the JVM: a write by one path is read by the other, on the host.
    (box.scratch / "data").mkdir(parents=True)
    box.ctl.mkdir()
    cmd = "echo hi > /data/data/com.x.y/f && cat /data/user/0/com.x.y/f && ls /data"
    out = subprocess.run([*argv[: argv.index("--info-fd")], "--", "/bin/sh", "-c", cmd], capture_output=True,
                         text=True, timeout=60, pass_fds=tuple(box._data_fds))  # fmt: skip
    for fd in box._data_fds:
        os.close(fd)
    assert out.stdout.split() == ["hi", "data", "user"], out.stderr
    assert (box.scratch / "data" / "f").read_text() == "hi\n"


def test_served_files_and_answers_come_only_from_the_profile() -> None:
    s = sandbox.served({"serial": "S1", "app_list": ["a.b", "c.d"]})
    assert s.files["/sys/class/net/wlan0/address"] == ""  # no mac in the profile: empty, never the host's
    assert s.files["/etc/hostname"] == "localhost\n"
    answers = {c["prefix"]: c["stdout"] for c in s.commands}
    assert answers["getprop ro.serialno"] == "S1\n"
    assert answers["pm list packages"] == "package:a.b\npackage:c.d\n"
    assert "cat /sys/class/net/wlan0/address" not in answers  # needs {mac}: the default answer instead
    assert s.default["exit"] == 1
    # Stable per profile, different across profiles.
    assert sandbox.served({"a": 1}).files["/etc/machine-id"] == sandbox.served({"a": 1}).files["/etc/machine-id"]
    assert sandbox.served({"a": 1}).files["/etc/machine-id"] != sandbox.served({"a": 2}).files["/etc/machine-id"]


def test_relay_forwards_to_the_proxy_only(tmp_path: Path) -> None:
    echo = socket.socket()
    echo.bind(("127.0.0.1", 0))
    echo.listen(1)

    def serve() -> None:
        conn, _ = echo.accept()
        with conn:
            conn.sendall(conn.recv(64).upper())

    threading.Thread(target=serve, daemon=True).start()
    path = tmp_path / "proxy.sock"
    relay = sandbox._Relay(path, ("[127.0.0.1]", echo.getsockname()[1]))
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
            c.settimeout(5)
            c.connect(str(path))
            c.sendall(b"connect example.com:443")
            assert c.recv(64) == b"CONNECT EXAMPLE.COM:443"
        assert stat.S_IMODE(path.stat().st_mode) == 0o666  # the sandboxed JVM (nobody) can connect
    finally:
        relay.close()
        echo.close()


@pytest.mark.parametrize(
    "apk",
    [
        "MobClub__MobPush-for-Android__MobPush.apk",  # reads the MAC by `cat /sys/class/net/wlan0/address`
        "HMS-Core__hms-ads-demo-java__HuaweiAdsSdk_Demo_13.4.56.300_release.apk",  # writes and connects
    ],
)
def test_real_apk_in_the_sandbox_has_no_host_value(shared_dir: Path, apk: str, tmp_path: Path) -> None:
    out = session.run(shared_dir / "corpus" / "apks" / apk, "hostjvm", tmp_path / "t.jsonl", duration=40)
    recs = records(out)
    assert any(r["type"] == "read" for r in recs)
    assert any(r["type"] == "sandbox" for r in recs)
    assert not any(r["type"] == "sandbox" and r["what"] == "exec" and r["result"] != "not run" for r in recs)
    assert _leaks(out, _host_values()) == []
