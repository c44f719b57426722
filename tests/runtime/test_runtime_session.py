"""appaudit.runtime.session on the hostjvm backend: the sample apps' planted reads, consent, a killed target."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import PROBE_MANIFEST, RECORDED_ADB, SAMPLE_APPS, SAMPLES, RecordedAdb, expected, records

from appaudit.errors import DeviceError, InputError
from appaudit.model import Phase
from appaudit.network.capture import load_flows
from appaudit.network.proxy import ProxyConfig, build_command
from appaudit.runtime import attribution, session
from appaudit.runtime.consent import Marker, mark
from appaudit.runtime.trace import load_trace


def _reads(path: Path) -> list[dict[str, Any]]:
    return [r for r in records(path) if r["type"] == "read"]


@pytest.mark.parametrize("app", SAMPLE_APPS)
def test_every_planted_read_is_caught(app: str, sample_traces: dict[str, Path]) -> None:
    report = load_trace(sample_traces[app])
    seen = [
        (
            e.data_type,
            e.locator,
            e.actor,
            e.phase.value if e.phase else None,
            attribution.first_caller(e.detail["stack"]),
        )
        for e in report.evidence
        if e.detail.get("kind") == "read"
    ]
    planted = expected(app)["runtime"]["reads"]
    assert planted, f"{app}: expected.json plants no runtime read"
    for want in planted:
        hits = [
            s
            for s in seen
            if s[:4] == (want["data_type"], want["api"], want["actor"], want["phase"])
            and ("caller_class" not in want or s[4] == want["caller_class"])
        ]
        assert hits, f"{app}: planted read {want} not caught; saw {seen}"


@pytest.mark.parametrize("app", SAMPLE_APPS)
def test_consent_point_is_the_consent_hook(app: str, sample_traces: dict[str, Path]) -> None:
    section = load_trace(sample_traces[app]).sections["runtime"]
    assert section["consent"]["method"] == "hook"
    assert section["consent"]["target"] == expected(app)["runtime"]["consent_hook"]
    assert section["complete"] is True
    assert section["ended"].startswith("target ended")


def test_hook_values_are_the_device_profile(sample_traces: dict[str, Path]) -> None:
    profile = json.loads((SAMPLES / "device_profile.json").read_text(encoding="utf-8"))
    values = {(r["data_type"], r["api"]): r["value"] for app in SAMPLE_APPS for r in _reads(sample_traces[app])}
    assert values[("imei", "TelephonyManager.getDeviceId()")] == profile["imei"]
    assert values[("android_id", 'Settings$Secure.getString(…"android_id")')] == profile["android_id"]
    assert values[("mac", "WifiInfo.getMacAddress()")] == profile["mac"]
    assert values[("oaid", "content_uri:content://com.vivo.vms.IdProvider/IdentifierId")] == profile["oaid"]
    assert values[("oaid", "IdSupplier.getOAID()")] == profile["oaid"]
    assert values[("device_info", "Build.MODEL")] == profile["_build"]["MODEL"]
    # The MAC file read is served from the profile, not from the host's interfaces.
    assert values[("mac", "file:/sys/class/net/wlan0/address")] == profile["mac"]


def test_pre_consent_reads_are_marked(sample_traces: dict[str, Path]) -> None:
    report = load_trace(sample_traces["demo-preconsent"])
    pre = [e for e in report.evidence if e.detail.get("kind") == "read" and e.phase is Phase.PRE_CONSENT]
    assert {e.data_type for e in pre} >= {"imei", "android_id"}
    consent_at = report.sections["runtime"]["consent"]["at"]
    assert all(e.at is not None and e.at < consent_at for e in pre)
    # Application.onCreate runs before any activity is resumed: background.
    assert all(e.detail["foreground"] is False for e in pre)
    counts = {(c["data_type"], c["actor"]): c for c in report.sections["runtime"]["counts"]}
    assert counts[("imei", "umeng-analytics")]["pre_consent"] >= 1


def test_offline_by_default_no_traffic_leaves(sample_traces: dict[str, Path]) -> None:
    # Without --proxy the JVM proxy points at a closed loopback port: the SDK uploads fail locally.
    end = records(sample_traces["demo-network"])[-1]
    assert end["type"] == "end"
    assert "ConnectException: Connection refused" in end["output_tail"]


def _wait_for(path: Path, predicate: Any, timeout: float = 60.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            recs = []
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    recs.append(json.loads(line))
                except json.JSONDecodeError:
                    break  # a line being written
            if predicate(recs):
                return recs
        time.sleep(0.1)
    raise AssertionError(f"{path}: condition not met within {timeout} s")


def test_manual_marker_then_killed_target_leaves_a_valid_trace(probe_jar: Path, tmp_path: Path) -> None:
    out = tmp_path / "poll.jsonl"
    control = tmp_path / "control"
    result: dict[str, Any] = {}

    def run() -> None:
        result["path"] = session.run(
            probe_jar,
            "hostjvm",
            out,
            manifest=PROBE_MANIFEST,
            jvm_args=("-Dprobe.poll=true",),
            run_consent=False,
            control=control,
            duration=120.0,
        )

    t = threading.Thread(target=run)
    t.start()
    try:
        recs = _wait_for(out, lambda rs: sum(r["type"] == "read" and "PollService" in r["stack"][0] for r in rs) >= 5)
        mark(Marker.CONSENT, control)
        recs = _wait_for(out, lambda rs: any(r["type"] == "consent" for r in rs))
        recs = _wait_for(out, lambda rs: sum(r["type"] == "read" and r["phase"] == "POST_CONSENT" for r in rs) >= 3)
        pid = next(r["pid"] for r in recs if r["type"] == "spawned")
        os.kill(pid, signal.SIGKILL)
    finally:
        t.join(timeout=60)
    assert not t.is_alive()
    report = load_trace(result["path"])
    section = report.sections["runtime"]
    assert section["consent"]["method"] == "manual"
    assert "process-terminated" in section["ended"] or "crashed" in section["ended"]
    polls = [
        e
        for e in report.evidence
        if e.detail.get("kind") == "read"
        and attribution.first_caller(e.detail["stack"]) == "com.appaudit.probe.PollService"
    ]
    assert {e.phase for e in polls} == {Phase.PRE_CONSENT, Phase.POST_CONSENT}
    assert all(e.data_type == "imei" and e.actor == "app" for e in polls)
    # Polling every 20 ms from a service after onPause: background reads, counted per window.
    assert all(e.detail["foreground"] is False for e in polls)
    counts = {(c["data_type"], c["actor"]): c for c in section["counts"]}
    assert counts[("imei", "app")]["max_per_window"] >= 5


def test_bad_input_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        session.run(tmp_path / "missing.apk", "hostjvm", tmp_path / "t.jsonl")
    with pytest.raises(InputError):
        session.run(SAMPLES / "demo-clean" / "demo-clean.apk", "ios", tmp_path / "t.jsonl")
    not_apk = tmp_path / "not.apk"
    not_apk.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(InputError):
        session.run(not_apk, "hostjvm", tmp_path / "t.jsonl")
    with pytest.raises(InputError):
        session.run(SAMPLES / "demo-clean" / "demo-clean.apk", "hostjvm", tmp_path / "t.jsonl", consent_hook="nodot")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_listening(port: int, proc: subprocess.Popen[bytes], ca: Path, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if ca.is_file():
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"mitmdump did not start:\n{log.read_text(errors='replace')}")


def test_network_addon_sees_the_identifiers_the_hooks_reported(sample_traces: dict[str, Path], tmp_path: Path) -> None:
    """demo-network behind a real offline mitmdump on loopback: the values hooked are the values sent."""
    app = "demo-network"
    # The profile the addon searches for is built from what the hooks read in the offline run.
    hooked = {r["data_type"]: r["value"] for r in _reads(sample_traces[app]) if r.get("value") is not None}
    hook_profile = tmp_path / "hooked.json"
    hook_profile.write_text(
        json.dumps({k: v for k, v in hooked.items() if k in ("imei", "android_id", "oaid", "mac")}), encoding="utf-8"
    )
    confdir, flows, log = tmp_path / "mitm", tmp_path / "flows.jsonl", tmp_path / "mitmdump.log"
    port = _free_port()
    cfg = ProxyConfig(output=flows, port=port, profile=hook_profile, offline=True, confdir=confdir)
    with log.open("wb") as out:
        proc = subprocess.Popen(build_command(cfg), stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_listening(port, proc, cfg.ca_cert, log)
        trace = session.run(
            SAMPLES / app / f"{app}.apk",
            "hostjvm",
            tmp_path / "trace.jsonl",
            consent_hook=expected(app)["runtime"]["consent_hook"],
            proxy=f"127.0.0.1:{port}",
            ca_cert=cfg.ca_cert,
        )
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    # Same identifiers read through the proxy run as in the offline run.
    assert {r["data_type"]: r["value"] for r in _reads(trace) if r.get("value") is not None} == hooked
    network = load_flows(flows, start=load_trace(trace).sections["runtime"]["start_epoch"])
    seen = {(e.detail["host"], e.data_type, e.detail["encoding"], e.detail["where"]) for e in network.evidence}
    for want in expected(app)["network"]:
        assert (want["host"], want["data_type"], want["encoding"], want["where"]) in seen, (want, seen)
    # Sent after consent, on the trace's clock.
    consent_at = load_trace(trace).sections["runtime"]["consent"]["at"]
    assert all(e.at is not None and e.at >= consent_at - 0.5 for e in network.evidence)
    assert "Connection refused" not in records(trace)[-1]["output_tail"]


def test_android_backend_restores_the_device_when_frida_fails(tmp_path: Path) -> None:
    """The android flow against recorded adb answers: Frida cannot reach a device here, so the run fails
    after preparation; every device change is undone and the trace is still a valid (empty) trace."""
    apk = SAMPLES / "demo-network" / "demo-network.apk"
    adb = RecordedAdb(dict(RECORDED_ADB), {str(apk): "<apk>"})
    adb.answers["shell pidof frida-server"] = [0, "999\n"]  # running already (started by the user)
    out = tmp_path / "android.jsonl"
    with pytest.raises(DeviceError):
        session.run(apk, "android", out, proxy="127.0.0.1:8080", adb_runner=adb)
    assert adb.calls.index("shell settings put global http_proxy 127.0.0.1:8080") < adb.calls.index(
        "shell settings delete global http_proxy"
    )
    assert "shell am force-stop com.appaudit.demo.network" in adb.calls
    # Undone in reverse order: proxy, reverse, then the install this run made.
    assert adb.calls[-2:] == ["reverse --remove tcp:8080", "shell pm uninstall com.appaudit.demo.network"]
    report = load_trace(out)
    assert report.sections["runtime"]["backend"] == "android"
    assert report.sections["runtime"]["ended"].startswith("session failed: device")
    assert report.sections["runtime"]["reads"] == 0
    assert records(out)[0]["settings"]["screens"] is None  # the harness's screens are hostjvm's; on a device the user's
    # What preparation did reaches the trace (it used to be dropped with prepared()'s return value).
    [dev] = [r for r in records(out) if r["type"] == "device"]
    assert "com.appaudit.demo.network: app data cleared (pm clear); pass --keep-data to keep it" in dev["notes"]
