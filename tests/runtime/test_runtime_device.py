"""appaudit.runtime.device against recorded adb answers (no device here): preparation and its undoing."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import RECORDED_ADB as RECORDED
from conftest import SERIAL, RecordedAdb, records
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from appaudit.errors import DeviceError, InputError
from appaudit.runtime import agent as agent_mod
from appaudit.runtime import session
from appaudit.runtime.device import (
    AndroidDevice,
    Changes,
    DeviceChangesLeft,
    frida_versions_compatible,
    parse_devices,
    subject_hash_old,
)
from appaudit.runtime.trace import load_trace
from appaudit.sources import runtime_reasons
from appaudit.static.apk import file_sha256

PACKAGE = "com.appaudit.demo.network"
ROOT = Path(__file__).resolve().parents[2]


def _ca(tmp: Path) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "mitmproxy"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "mitmproxy"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    path = tmp / "ca.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture
def setup(tmp_path: Path) -> tuple[RecordedAdb, Path, Path, Path]:
    apk = tmp_path / "app.apk"
    apk.write_bytes(b"PK")
    server = tmp_path / "frida-server"
    server.write_bytes(b"\x7fELF")
    ca = _ca(tmp_path)
    subst = {
        str(apk): "<apk>",
        str(server): "<frida-server>",
        str(ca): "<ca>",
        subject_hash_old(ca.read_bytes()): "<hash>",
    }
    answers = dict(RECORDED)
    return RecordedAdb(answers, subst), apk, server, ca


def test_subject_hash_old_matches_openssl(tmp_path: Path) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not installed")
    ca = _ca(tmp_path)
    out = subprocess.run(
        [openssl, "x509", "-inform", "PEM", "-subject_hash_old", "-noout", "-in", str(ca)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert subject_hash_old(ca.read_bytes()) == out


def test_discover(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb = setup[0]
    assert AndroidDevice.discover(None, adb).serial == SERIAL
    assert AndroidDevice.discover(SERIAL, adb).serial == SERIAL
    with pytest.raises(DeviceError, match="not attached"):
        AndroidDevice.discover("emulator-5556", adb)
    adb.answers["devices -l"] = [0, "List of devices attached\n\n"]
    with pytest.raises(DeviceError, match="no Android device"):
        AndroidDevice.discover(None, adb)
    adb.answers["devices -l"] = [
        0,
        "List of devices attached\nemulator-5554 device\nR58M4321ABC unauthorized usb:1-1\n",
    ]
    with pytest.raises(DeviceError, match="unauthorized"):
        AndroidDevice.discover("R58M4321ABC", adb)
    adb.answers["devices -l"] = [0, "List of devices attached\nemulator-5554 device\nemulator-5556 device\n"]
    with pytest.raises(DeviceError, match="several devices"):
        AndroidDevice.discover(None, adb)
    assert parse_devices("* daemon started successfully\nList of devices attached\nx offline\n") == [("x", "offline")]


DATA = Path(__file__).parent / "data"
FRIDA = "17.26.0"
SYS = "/system/etc/security/cacerts"
APEX = "/apex/com.android.conscrypt/cacerts"
STAGE = "/data/local/tmp/appaudit-cacerts"


def _recorded(api: int) -> dict[str, list[object]]:
    data: dict[str, list[object]] = json.loads((DATA / f"adb_emulator_api{api}.json").read_text(encoding="utf-8"))
    return data


def _dev(adb: RecordedAdb) -> AndroidDevice:
    return AndroidDevice(SERIAL, adb, sleep=lambda s: None)


def _prepare(adb: RecordedAdb, apk: Path, **kw: object) -> Changes:
    dev = _dev(adb)
    opts: dict[str, object] = {"apk_sha256": file_sha256(apk), "frida_version": FRIDA}
    opts.update(kw)
    with dev.prepared(apk, PACKAGE, **opts) as changes:  # type: ignore[arg-type]
        adb.calls.append("--- run ---")
    return changes


def _split(calls: list[str]) -> tuple[list[str], list[str]]:
    i = calls.index("--- run ---")
    return calls[:i], calls[i + 1 :]


@pytest.mark.parametrize("api", [30, 33, 34])
def test_prepare_and_restore_on_android_11_13_14(setup: tuple[RecordedAdb, Path, Path, Path], api: int) -> None:
    adb, apk, server, ca = setup
    adb.answers = _recorded(api)
    adb.sequences["shell pidof frida-server"] = [[1, ""], [1, ""], [0, "4321\n"]]  # up on the 2nd poll
    changes = _prepare(adb, apk, proxy="127.0.0.1:8080", ca_cert=ca, frida_server=server)
    during, undo = _split(adb.calls)
    # adb root restarts adbd, which drops adb reverse rules: root first, reverse last.
    assert during.index("root") < during.index("reverse tcp:8080 tcp:8080")
    assert during.index("reverse tcp:8080 tcp:8080") < during.index(
        "shell settings put global http_proxy 127.0.0.1:8080"
    )
    # frida-server: pushed, its version compared with the Python frida, then started.
    assert during.index("push <frida-server> /data/local/tmp/frida-server") < during.index(
        "shell /data/local/tmp/frida-server --version"
    )
    assert during.index("shell /data/local/tmp/frida-server --version") < during.index(
        "shell /data/local/tmp/frida-server -D"
    )
    # The exact APK, no permission pre-granted, fresh data (no consent left from an earlier run).
    assert "install -r <apk>" in during and not any(c.startswith("install -r -g") for c in during)
    assert during.index("install -r <apk>") < during.index(f"shell pm clear {PACKAGE}")
    # The CA: the version decides which store is checked (the check used to come first), then a tmpfs.
    store = APEX if api >= 34 else SYS
    assert during.index("shell getprop ro.build.version.sdk") < during.index(f"shell ls {store}/<hash>.0")
    assert f"push <ca> {STAGE}/<hash>.0" in during
    assert not any(c == "remount" or c.startswith("push <ca> /system") for c in during)  # no -writable-system
    overlay = next(c for c in during if "mount -t tmpfs tmpfs" in c)
    assert overlay.startswith(f"shell cp {store}/* {STAGE}/")
    expected_undo = [
        "get-state",
        "shell settings put global http_proxy :0",
        "shell settings delete global http_proxy",
        "reverse --remove tcp:8080",
    ]
    if api >= 34:
        for z in ("311", "312"):
            assert f"shell nsenter --mount=/proc/{z}/ns/mnt -- /bin/mount --bind {SYS} {APEX}" in during
        # mounted in 312 then 311: unmounted in 311 then 312
        expected_undo += [f"shell nsenter --mount=/proc/{z}/ns/mnt -- /bin/umount {APEX}" for z in ("311", "312")]
    expected_undo.append(f"shell umount {SYS}; rm -rf {STAGE}")
    if api == 33:
        # Another build was installed: replaced (not uninstalled afterwards, the note says so).
        assert any("replaced the installed APK" in n for n in changes.notes)
    else:
        expected_undo.append(f"shell pm uninstall {PACKAGE}")
    expected_undo.append("shell kill 4321")
    assert undo == expected_undo
    assert any(n.startswith("CA: trusted as") for n in changes.notes)
    assert "http_proxy: 127.0.0.1:8080 (was null)" in changes.notes
    assert changes.degraded == []


def test_installed_apk_with_the_same_hash_is_kept(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, _ca = setup
    remote = f"/data/app/~~a==/{PACKAGE}-b==/base.apk"
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.answers[f"shell pm path {PACKAGE}"] = [0, f"package:{remote}\n"]
    adb.answers[f"shell sha256sum {remote}"] = [0, f"{file_sha256(apk)}  {remote}\n"]
    changes = _prepare(adb, apk)
    assert not any(c.startswith("install") for c in adb.calls)
    assert f"shell pm clear {PACKAGE}" in adb.calls  # still a fresh state
    assert any("is the one given" in n for n in changes.notes)


def test_keep_data_and_grant_all(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, _ca = setup
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.answers["install -r -g <apk>"] = [0, "Success\n"]
    changes = _prepare(adb, apk, keep_data=True, grant_all=True)
    assert "install -r -g <apk>" in adb.calls
    assert f"shell pm clear {PACKAGE}" not in adb.calls
    assert f"shell am force-stop {PACKAGE}" in adb.calls
    assert any("--grant-all" in n for n in changes.notes) and any("--keep-data" in n for n in changes.notes)


def test_incompatible_installed_build_is_uninstalled_first(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, _ca = setup
    adb.answers = _recorded(33)
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.sequences["install -r <apk>"] = [
        [1, "Performing Streamed Install\nadb: failed to install: Failure [INSTALL_FAILED_UPDATE_INCOMPATIBLE: x]\n"],
        [0, "Success\n"],
    ]
    adb.answers[f"shell dumpsys package {PACKAGE}"] = [0, "    versionCode=7 minSdk=24 targetSdk=33\n"]
    adb.answers[f"uninstall {PACKAGE}"] = [0, "Success\n"]
    changes = _prepare(adb, apk)
    assert adb.calls.index(f"uninstall {PACKAGE}") < len(adb.calls) - 1 - adb.calls[::-1].index("install -r <apk>")
    assert any("version 7 uninstalled" in n for n in changes.notes)


def test_install_failure_is_an_error_and_still_undone(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, server, _ca = setup
    adb.sequences["shell pidof frida-server"] = [[1, ""], [0, "4321\n"]]
    adb.answers["install -r <apk>"] = [1, "adb: failed to install: Failure [INSTALL_FAILED_NO_MATCHING_ABIS]\n"]
    with pytest.raises(DeviceError, match="NO_MATCHING_ABIS"):
        _prepare(adb, apk, frida_server=server)
    assert adb.calls[-1] == "shell kill 4321"


def test_aosp_emulator_su_is_su_0_cmd(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    """A google_apis_playstore-like image refuses adb root; the AOSP su takes `su 0 CMD`, not `su -c`."""
    adb, apk, server, _ca = setup
    adb.answers["root"] = [1, "adbd cannot run as root in production builds\n"]
    adb.answers["shell su 0 id -u"] = [0, "0\n"]
    adb.answers["shell su 0 sh -c '/data/local/tmp/frida-server --version'"] = [0, "17.26.0\n"]
    adb.answers["shell su 0 sh -c '/data/local/tmp/frida-server -D'"] = [0, ""]
    adb.answers["shell su 0 sh -c 'kill 4321'"] = [0, ""]
    adb.sequences["shell pidof frida-server"] = [[1, ""], [0, "4321\n"]]
    _prepare(adb, apk, frida_server=server)
    assert "shell su 0 sh -c '/data/local/tmp/frida-server -D'" in adb.calls
    assert not any("su -c" in c for c in adb.calls)
    assert adb.calls[-1] == "shell su 0 sh -c 'kill 4321'"


def test_frida_server_version_must_match_the_python_frida(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, server, _ca = setup
    adb.answers["shell /data/local/tmp/frida-server --version"] = [0, "16.5.9\n"]
    with pytest.raises(DeviceError, match=r"frida-server 16\.5\.9 does not speak to the Python frida 17\.26\.0"):
        _prepare(adb, apk, frida_server=server)
    assert "shell /data/local/tmp/frida-server -D" not in adb.calls
    # One that runs already is checked through its executable.
    adb.calls.clear()
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    with pytest.raises(DeviceError, match=r"16\.5\.9"):
        _prepare(adb, apk)
    assert "shell readlink /proc/999/exe" in adb.calls
    # Same major, other minor: runs, with a note.
    adb.answers["shell /data/local/tmp/frida-server --version"] = [0, "17.2.0\n"]
    changes = _prepare(adb, apk)
    assert any("use the same version" in n for n in changes.notes)
    assert frida_versions_compatible("17.26.0", "17.0.1") and not frida_versions_compatible("16.7.0", "17.0.1")


def test_ca_without_root_is_a_degraded_note(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, ca = setup
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.answers["root"] = [1, "adbd cannot run as root in production builds\n"]
    adb.answers["shell su 0 id -u"] = [127, "/system/bin/sh: su: inaccessible or not found\n"]
    adb.answers["shell su -c 'id -u'"] = [127, "/system/bin/sh: su: inaccessible or not found\n"]
    adb.answers[f"shell ls {SYS}/<hash>.0"] = [1, ""]
    changes = _prepare(adb, apk, ca_cert=ca)
    assert any("HTTPS not decrypted" in n for n in changes.notes)
    assert changes.degraded and "HTTPS not decrypted" in changes.degraded[0]
    # An already trusted CA (found in the store of the device's version) is left alone.
    adb.answers = _recorded(34)
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.answers[f"shell ls {APEX}/<hash>.0"] = [0, f"{APEX}/<hash>.0\n"]
    adb.calls.clear()
    changes = _prepare(adb, apk, ca_cert=ca)
    assert f"CA: already trusted as {APEX}/<hash>.0" in [
        n.replace(subject_hash_old(ca.read_bytes()), "<hash>") for n in changes.notes
    ]
    assert not any("tmpfs" in c for c in adb.calls)


def test_device_gone_mid_run_lists_the_changes_left(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, server, _ca = setup
    adb.sequences["shell pidof frida-server"] = [[1, ""], [0, "4321\n"]]
    dev = _dev(adb)
    sha = file_sha256(apk)
    with (
        pytest.raises(DeviceChangesLeft) as err,
        dev.prepared(apk, PACKAGE, apk_sha256=sha, proxy="127.0.0.1:8080", frida_server=server),
    ):
        adb.answers["get-state"] = [1, "error: device 'emulator-5554' not found\n"]
        adb.answers["wait-for-device"] = [1, "error: device 'emulator-5554' not found\n"]
    assert [u.what for u in err.value.left] == [
        "http_proxy 127.0.0.1:8080",
        "adb reverse tcp:8080",
        f"installed {PACKAGE}",
        "stop frida-server",
    ]
    assert "adb -s emulator-5554 shell settings put global http_proxy :0" in str(err.value)
    assert "settings put global http_proxy :0" not in adb.calls[-3:]  # nothing was sent to a missing device


def test_device_back_after_a_disconnect_is_restored(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, _ca = setup
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.sequences["get-state"] = [[1, "error: device offline\n"], [0, "device\n"]]
    _prepare(adb, apk, proxy="127.0.0.1:8080")
    _during, undo = _split(adb.calls)
    assert undo[:3] == ["get-state", "wait-for-device", "get-state"]
    assert "shell settings delete global http_proxy" in undo


@pytest.mark.parametrize("proxy", ["nohost", ":8080", "127.0.0.1:x", "127.0.0.1:0", "127.0.0.1:99999"])
def test_bad_proxy_is_refused_before_the_device_is_touched(proxy: str) -> None:
    """The android backend reads --proxy with the same parser as hostjvm (appaudit.hosts.parse_proxy)."""
    adb = RecordedAdb({}, {})
    with pytest.raises(InputError, match="expected HOST:PORT"):
        AndroidDevice(SERIAL, adb).set_proxy(proxy, Changes())
    assert adb.calls == []


@pytest.mark.parametrize("proxy", ["[::1]:8080", "LOCALHOST:8080", "localhost.:8080"])
def test_every_spelling_of_loopback_goes_through_adb_reverse(proxy: str) -> None:
    adb = RecordedAdb(
        {
            "reverse tcp:8080 tcp:8080": [0, ""],
            "shell settings get global http_proxy": [0, "null\n"],
            "shell settings put global http_proxy 127.0.0.1:8080": [0, ""],
        },
        {},
    )
    changes = Changes()
    AndroidDevice(SERIAL, adb).set_proxy(proxy, changes)
    assert adb.calls[0] == "reverse tcp:8080 tcp:8080"
    assert "http_proxy: 127.0.0.1:8080 (was null)" in changes.notes


class _FakeRun:
    """A spawned app under the agent (frida is not reachable here): it reports one read, then the
    session detaches for REASON, as frida does when adb goes away, the app dies or frida-server crashes."""

    def __init__(self, on_event: Callable[[dict[str, Any]], None], reason: str, on_detach: Callable[[], None]) -> None:
        self.pid = 4242
        self.detached = threading.Event()
        self.detach_reason = ""
        self._on_event = on_event
        self._reason = reason
        self._on_detach = on_detach

    def resume(self) -> None:
        def go() -> None:
            self._on_event({"ev": "ready", "t": 0.1, "hooks": 40})
            self._on_event({"ev": "read", "t": 0.5, "data_type": "android_id", "api": "x", "value": "9774d56d682e549c"})
            self._on_detach()
            self.detach_reason = self._reason
            self.detached.set()

        threading.Thread(target=go, daemon=True).start()

    def wait(self, timeout: float) -> bool:
        return self.detached.wait(timeout)

    def post_control(self, what: str) -> None:
        pass

    def kill(self) -> None:
        pass

    def detach(self) -> None:
        pass


@pytest.mark.parametrize(
    ("api", "reason", "gone", "meaning"),
    [
        (30, "connection-terminated", True, "device disconnected"),
        (33, "process-terminated", False, "the app process ended"),
        (34, "server-terminated", False, "frida-server stopped"),
    ],
)
def test_device_lost_mid_run_keeps_the_trace_degraded(
    setup: tuple[RecordedAdb, Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    api: int,
    reason: str,
    gone: bool,
    meaning: str,
) -> None:
    adb, _apk, _server, ca = setup
    apk = ROOT / "sample_apks" / "demo-network" / "demo-network.apk"
    adb.answers = _recorded(api)
    adb.subst[str(apk)] = "<apk>"
    adb.answers["shell pidof frida-server"] = [0, "999\n"]

    def lose() -> None:
        if gone:
            adb.answers["get-state"] = [1, "error: device 'emulator-5554' not found\n"]
            adb.answers["wait-for-device"] = [1, "error: device 'emulator-5554' not found\n"]
            adb.answers["shell am force-stop com.appaudit.demo.network"] = [1, "error: device not found\n"]

    configs: list[dict[str, Any]] = []

    def spawn(serial: str, package: str, config: dict[str, Any], on_event: Callable[[dict[str, Any]], None]) -> Any:
        configs.append(config)
        return _FakeRun(on_event, reason, lose)

    monkeypatch.setattr(agent_mod, "spawn_package", spawn)
    out = tmp_path / "trace.jsonl"
    kw: dict[str, Any] = {"proxy": "127.0.0.1:8080", "ca_cert": ca, "adb_runner": adb, "duration": 30}
    if gone:
        with pytest.raises(DeviceChangesLeft):
            session.run(apk, "android", out, **kw)
    else:
        session.run(apk, "android", out, **kw)
    sec = load_trace(out).sections["runtime"]
    assert sec["reads"] == 1  # the trace written so far is kept
    # No --consent-hook: the consent method found statically in the APK is hooked too (consentpoint.py).
    [config] = configs
    assert config["consent"]["hook"] == "com.appaudit.demo.network.PrivacyDialog.onAgree"
    assert records(out)[0]["consent_choice"]["target"] == "com.appaudit.demo.network.PrivacyDialog.onAgree"
    assert config["consent"]["context_accept_words"]  # dialog detection stays on
    assert sec["ended"] == f"target ended ({reason})"
    assert any(d.startswith(meaning) for d in sec["degraded"])
    assert any(n.startswith("CA: trusted as") for n in sec["device_notes"])
    if gone:
        left = {c["change"] for c in sec["device_changes_left"]}
        assert {"http_proxy 127.0.0.1:8080", "adb reverse tcp:8080"} <= left
        assert "shell settings put global http_proxy :0" not in adb.calls
    else:
        assert sec["device_changes_left"] == []
        assert "shell settings delete global http_proxy" in adb.calls
        assert adb.calls[-1] == (
            f"shell umount {SYS}; rm -rf {STAGE}" if api == 33 else f"shell pm uninstall {PACKAGE}"
        )


def test_a_degraded_device_trace_makes_the_runtime_source_degraded(tmp_path: Path) -> None:
    """The audit's runtime coverage carries the trace's own reasons (sources.runtime_reasons)."""
    trace = tmp_path / "t.jsonl"
    lines = [
        {"type": "header", "schema": 1, "backend": "android", "package": PACKAGE, "settings": {}},
        {"type": "ready", "at": 0.1, "hooks": 40},
        {"type": "read", "at": 0.5, "data_type": "android_id", "api": "x", "value": "1", "actor": "app"},
        {
            "type": "end",
            "reason": "target ended (connection-terminated)",
            "degraded": ["device disconnected (adb or USB gone): connection-terminated"],
            "device_changes_left": [{"change": "http_proxy 127.0.0.1:8080", "undo": "adb shell settings put ..."}],
        },
    ]
    trace.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    reasons, failed = runtime_reasons(load_trace(trace).sections["runtime"], "none")
    assert not failed
    assert "device disconnected (adb or USB gone): connection-terminated" in reasons
    assert any(r.startswith("left on the device: http_proxy 127.0.0.1:8080") for r in reasons)


def test_android_14_bind_mount_failure_is_degraded(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, ca = setup
    adb.answers = _recorded(34)
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    for z in ("311", "312"):
        adb.answers[f"shell nsenter --mount=/proc/{z}/ns/mnt -- /bin/mount --bind {SYS} {APEX}"] = [
            1,
            "nsenter: can't enter mount namespace: Operation not permitted\n",
        ]
    changes = _prepare(adb, apk, ca_cert=ca)
    assert not any(n.startswith("CA: trusted") for n in changes.notes)
    assert changes.degraded and "APEX CA bind mount failed" in changes.degraded[0]
    assert f"shell umount {SYS}; rm -rf {STAGE}" in adb.calls  # the tmpfs is still undone
