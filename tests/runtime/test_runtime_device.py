"""appaudit.runtime.device against recorded adb answers (no device here): preparation and its undoing."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import RECORDED_ADB as RECORDED
from conftest import SERIAL, RecordedAdb
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from appaudit.errors import DeviceError, InputError
from appaudit.runtime.device import AndroidDevice, Changes, parse_devices, subject_hash_old

PACKAGE = "com.appaudit.demo.network"


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


def test_prepare_rooted_emulator_and_restore(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, server, ca = setup
    dev = AndroidDevice(SERIAL, adb, sleep=lambda s: None)
    adb.sequences["shell pidof frida-server"] = [[1, ""], [1, ""], [0, "4321\n"]]  # up on the 2nd poll
    with dev.prepared(apk, PACKAGE, proxy="127.0.0.1:8080", ca_cert=ca, frida_server=server) as changes:
        during = list(adb.calls)
        dev.monkey(PACKAGE, 50, 42)
        dev.force_stop(PACKAGE)
    undo = adb.calls[len(during) + 2 :]
    assert during.index("push <frida-server> /data/local/tmp/frida-server") < during.index(
        "shell /data/local/tmp/frida-server -D"
    )
    assert "install -r -g <apk>" in during
    assert during.index("reverse tcp:8080 tcp:8080") < during.index(
        "shell settings put global http_proxy 127.0.0.1:8080"
    )
    assert "push <ca> /system/etc/security/cacerts/<hash>.0" in during
    # Undone in reverse order: CA, proxy, reverse, frida-server.
    assert undo == [
        "shell rm -f /system/etc/security/cacerts/<hash>.0",
        "shell settings put global http_proxy :0",
        "shell settings delete global http_proxy",
        "reverse --remove tcp:8080",
        "shell kill 4321",
    ]
    assert any(n.startswith("CA: installed") for n in changes.notes)
    assert "http_proxy: 127.0.0.1:8080 (was null)" in changes.notes


def test_restore_runs_when_the_run_fails(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, _ca_pem = setup
    adb.answers["shell pidof frida-server"] = [0, "999\n"]  # already running: left alone
    adb.answers["shell settings get global http_proxy"] = [0, "10.0.0.2:3128\n"]
    adb.answers["shell settings put global http_proxy 10.0.0.2:3128"] = [0, ""]
    adb.answers["shell settings put global http_proxy 10.0.2.2:8080"] = [0, ""]
    dev = AndroidDevice(SERIAL, adb)
    with pytest.raises(RuntimeError), dev.prepared(apk, PACKAGE, proxy="10.0.2.2:8080"):
        raise RuntimeError("frida detached")
    assert "reverse tcp:8080 tcp:8080" not in adb.calls  # not a loopback proxy: no adb reverse
    assert adb.calls[-1] == "shell settings put global http_proxy 10.0.0.2:3128"  # the user's own proxy is back
    assert not any(c.startswith("push") for c in adb.calls)


def test_ca_not_installable_is_a_note(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _server, ca = setup
    adb.answers["shell pidof frida-server"] = [0, "999\n"]
    adb.answers["shell pm path com.appaudit.demo.network"] = [
        0,
        "package:/data/app/~~x==/com.appaudit.demo.network-y==/base.apk\n",
    ]
    adb.answers["shell getprop ro.build.version.sdk"] = [0, "34\n"]
    dev = AndroidDevice(SERIAL, adb)
    with dev.prepared(apk, PACKAGE, ca_cert=ca) as changes:
        pass
    assert "install -r -g <apk>" not in adb.calls
    assert any("Android 14+" in n for n in changes.notes)
    adb.answers["shell getprop ro.build.version.sdk"] = [0, "30\n"]
    adb.answers["remount"] = [1, "remount failed: not in overlayfs mode\n"]
    with dev.prepared(apk, PACKAGE, ca_cert=ca) as changes:
        pass
    assert any("-writable-system" in n for n in changes.notes)


def test_frida_server_missing(setup: tuple[RecordedAdb, Path, Path, Path]) -> None:
    adb, apk, _, _ = setup
    dev = AndroidDevice(SERIAL, adb, sleep=lambda s: None)
    with pytest.raises(DeviceError, match="--frida-server"), dev.prepared(apk, PACKAGE):
        pass
    # Pushed and started, but never shows up: a clear error, not a hang.
    with pytest.raises(DeviceError, match="did not start"), dev.prepared(apk, PACKAGE, frida_server=setup[2]):
        pass


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
