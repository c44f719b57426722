"""The Frida agent (hooks/agent.js through appaudit.runtime.agent) against the probe app on the real JVM."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import frida
import pytest
from conftest import PROBE_MANIFEST, records

from appaudit import ontology
from appaudit.errors import DeviceError
from appaudit.runtime import agent, hostjvm, session


def _reads(trace: Path) -> list[dict[str, Any]]:
    return [r for r in records(trace) if r["type"] == "read"]


def _find(trace: Path, data_type: str, api: str) -> list[dict[str, Any]]:
    return [r for r in _reads(trace) if r["data_type"] == data_type and r["api"] == api]


def test_sdk_read_is_attributed_by_its_package(probe_trace: Path) -> None:
    [imei] = [r for r in _find(probe_trace, "imei", "TelephonyManager.getDeviceId()") if r["actor"] != "app"]
    assert imei["actor"] == "umeng-analytics"
    assert imei["stack"][0].startswith("com.umeng.analytics.Collector.collect(")
    assert imei["thread"] == "main"
    assert imei["phase"] == "PRE_CONSENT"


def test_argument_filter(probe_trace: Path) -> None:
    # Settings.Secure.getString(cr, "android_id") is a read; the same call with another name is not.
    reads = [r for r in _reads(probe_trace) if r["api"].startswith("Settings$Secure.getString")]
    assert len(reads) == 1
    assert reads[0]["data_type"] == "android_id"
    assert reads[0]["args"][1] == "android_id"


def test_serial_via_reflection_and_system_property(probe_trace: Path) -> None:
    [field] = _find(probe_trace, "serial", "Build.SERIAL")
    assert field["via"] == "reflection"
    assert field["value"] == "R58M4321ABC"
    assert field["actor"] == "app"
    [prop] = _find(probe_trace, "serial", "property:ro.serialno")
    assert prop["value"] == "R58M4321ABC"


def test_direct_static_field_read(probe_trace: Path) -> None:
    [model] = _find(probe_trace, "device_info", "Build.MODEL")
    assert model["via"] == "static"
    assert model["value"] == "Pixel 4"


def test_mac_file_reads_java_and_native_once_each(probe_trace: Path) -> None:
    wlan_reads = _find(probe_trace, "mac", "file:/sys/class/net/wlan0/address")
    [wlan] = [r for r in wlan_reads if "native" not in r]
    # java.nio.file.Files reaches libc open() directly: the native hook reports it, with the Java caller.
    [nio] = [r for r in wlan_reads if "native" in r]
    assert nio["native"] in ("open", "open64", "openat", "openat64")
    assert nio["value"] == "02:1a:11:f3:4b:9c"
    assert nio["actor"] == "app"
    assert any(f.startswith("com.appaudit.probe.MainActivity.onCreate(") for f in nio["stack"])
    assert wlan["path"] == "/sys/class/net/wlan0/address"
    assert wlan["value"] == "02:1a:11:f3:4b:9c"  # the profile's MAC, served by the open() overlay
    assert wlan["stack"][0].startswith("com.appaudit.probe.MainActivity.onCreate(")
    # A read of a file that does not exist is an attempt: reported, with the app's exception.
    [absent] = _find(probe_trace, "mac", "file:/sys/class/net/*/address")
    assert absent["path"] == "/sys/class/net/wlan9/address"
    assert absent["value"] is None
    assert "FileNotFoundException" in absent["error"]
    # RandomAccessFile -> libc open(): one read (the Java one), not two.
    arp = _find(probe_trace, "mac", "file:/proc/net/arp")
    assert len(arp) == 1
    assert "native" not in arp[0]


def test_commands(probe_trace: Path) -> None:
    [ip] = _find(probe_trace, "mac", "command:ip link")
    assert ip["command"] == "ip link"
    [cat] = _find(probe_trace, "mac", "command:cat /sys/class/net/")
    assert cat["command"] == "cat /sys/class/net/lo/address"
    assert cat["stack"][0].startswith("com.appaudit.probe.MainActivity.onCreate(")


def test_content_uris_and_bind_service(probe_trace: Path) -> None:
    [sms] = _find(probe_trace, "sms", "content_uri:content://sms")
    assert sms["uri"] == "content://sms/inbox"
    [vivo] = _find(probe_trace, "oaid", "content_uri:content://com.vivo.vms.IdProvider/IdentifierId")
    assert vivo["value"] == "8f3c2a1e-6b7d-4e2f-9a10-5c4d3b2a1f0e"
    [bind] = _find(probe_trace, "oaid", "service:action.com.heytap.openid.OPEN_ID_SERVICE")
    assert bind["intent"] == "action.com.heytap.openid.OPEN_ID_SERVICE"


def test_associated_start(probe_trace: Path) -> None:
    starts = [r for r in records(probe_trace) if r["type"] == "start_other"]
    # startService on another package; the app's own service and the package-less OAID bind are not.
    assert [(r["method"], r["target_package"], r["actor"]) for r in starts] == [
        ("startService", "com.tencent.mm", "app")
    ]


def test_permission_request_and_consent_methods(probe_trace: Path) -> None:
    recs = records(probe_trace)
    [perm] = [r for r in recs if r["type"] == "permission_request"]
    assert perm["permissions"] == ["android.permission.READ_PHONE_STATE"]
    assert perm["actor"] == "app"
    # "不同意" contains "同意": refusal words are checked first.
    refusals = [(r["method"], r["target"]) for r in recs if r["type"] == "refusal"]
    assert refusals == [("dialog", "不同意"), ("prefs", "privacy_agreed")]
    consents = [(r["method"], r["target"]) for r in recs if r["type"] == "consent"]
    # The click on the "同意并继续" button, then the SharedPreferences write it causes.
    assert consents == [("dialog", "同意并继续"), ("prefs", "privacy_agreed")]
    after = [
        r for r in recs if r["type"] == "read" and r["seq"] > min(r2["seq"] for r2 in recs if r2["type"] == "consent")
    ]
    assert after and all(r["phase"] == "POST_CONSENT" for r in after)


def test_lifecycle_marks_foreground(probe_trace: Path) -> None:
    states = [(r["activity"].rsplit(".", 1)[-1], r["state"]) for r in records(probe_trace) if r["type"] == "lifecycle"]
    # The launcher, the screen opened over it after the agreement and left, then the launcher sent to the background.
    assert states == [("MainActivity", "foreground"), ("MapActivity", "foreground"), ("MapActivity", "background"),
                      ("MainActivity", "background")]


def test_missing_hooks_reported_once_and_not_fatal(probe_trace: Path) -> None:
    recs = records(probe_trace)
    failed = Counter(r["target"] for r in recs if r["type"] == "hook_failed")
    assert failed, "the stubs lack many ontology classes: their hooks must be reported"
    assert max(failed.values()) == 1
    assert "android.telephony.SubscriptionInfo.getIccId" in failed
    [ready] = [r for r in recs if r["type"] == "ready"]
    assert ready["hooks"] > 0
    assert not [r for r in recs if r["type"] == "error"], [r for r in recs if r["type"] == "error"]
    # Every observable ontology API was either hooked or reported, and reads still came after.
    assert len(_reads(probe_trace)) >= 10


def test_every_ontology_method_is_hooked_or_reported(sample_traces: dict[str, Path]) -> None:
    recs = records(sample_traces["demo-news"])
    [ready] = [r for r in recs if r["type"] == "ready"]
    hooked = {t.removesuffix(" (implementations)") for t in ready["targets"]}
    failed = {r["target"] for r in recs if r["type"] == "hook_failed"}
    assert "com.bun.miitmdid.interfaces.IdSupplier.getOAID" in hooked  # an interface: via implementations
    assert "android.provider.Settings$Secure.getString" in hooked
    for api in session.agent_apis():
        if api["kind"] == "method":
            target = f"{api['class']}.{api['member']}"
            assert target in hooked or target in failed, target
    # The mechanisms behind the other kinds are in place too.
    for mechanism in (
        "java.io.FileInputStream.$init",
        "java.lang.Runtime.exec",
        "java.lang.ProcessBuilder.start",
        "java.lang.reflect.Field.get",
        "android.content.ContentResolver.query",
        "android.content.ContextWrapper.bindService",
        "android.os.SystemProperties.get",
        "android.app.Activity.requestPermissions",
        "android.app.Activity.onResume",
    ):
        assert mechanism in hooked, mechanism


def test_agent_gets_the_ontology_not_a_copy() -> None:
    apis = session.agent_apis()
    expected = sum(len([a for a in t.apis if a.kind != "string"]) for t in ontology.load().values() if t.device)
    assert len(apis) == expected
    assert {"method", "field", "file", "command", "content_uri", "service", "property"} <= {a["kind"] for a in apis}
    source = (agent.hooks_dir() / "agent.js").read_text(encoding="utf-8")
    for a in apis:
        if a["kind"] == "method":
            assert f'"{a["class"]}"' not in source or a["class"].startswith(("java.", "android.app.Activity")), a


def test_agent_bundle_is_cached() -> None:
    first = agent.agent_source()
    bundle = agent.hooks_dir() / agent.BUNDLE
    stamp = bundle.stat().st_mtime_ns
    assert agent.agent_source() == first
    assert bundle.stat().st_mtime_ns == stamp
    assert "frida-java-bridge" in first or "Java" in first


def test_unknown_package_is_a_device_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """frida-server answers a package that is not installed with ExecutableNotFoundError: one clear line."""

    class NoSuchPackage:
        def spawn(self, argv: list[str]) -> int:
            raise frida.ExecutableNotFoundError("unable to find an application with identifier 'com.x'")

    monkeypatch.setattr(agent, "usb_device", lambda serial, timeout=5.0: NoSuchPackage())
    with pytest.raises(DeviceError, match=r"com\.x: not installed on device emulator-5554"):
        agent.spawn_package("emulator-5554", "com.x", {}, lambda ev: None)


def test_abstract_package_manager_apis_are_hooked_on_application_package_manager() -> None:
    """On ART the abstract PackageManager methods run in ApplicationPackageManager: every app-list API of
    the abstract class is hooked on the concrete one too (the push SDKs' getInstalledPackagesAsUser ...)."""
    apis = agent.expand_implementations(session.agent_apis())
    abstract = {a["member"] for a in apis if a["class"] == "android.content.pm.PackageManager"}
    concrete = {a["member"] for a in apis if a["class"] == "android.app.ApplicationPackageManager"}
    assert {"getInstalledPackages", "getInstalledApplications", "queryIntentActivities"} <= abstract
    assert abstract <= concrete
    copy = next(
        a
        for a in apis
        if a["class"] == "android.app.ApplicationPackageManager" and a["member"] == "queryIntentActivities"
    )
    assert copy["data_type"] == "app_list"
    methods = [(a["class"], a["member"], a["arg_equals"]) for a in apis if a["kind"] == "method"]
    assert len(set(methods)) == len(methods)  # no method hooked twice


def test_hostjvm_run_sees_app_list_through_the_concrete_package_manager(sample_traces: dict[str, Path]) -> None:
    """The local JVM stubs mirror ART: PackageManager.getInstalledPackages is abstract there too."""
    ready = next(r for r in records(sample_traces["demo-news"]) if r["type"] == "ready")
    assert "android.app.ApplicationPackageManager.getInstalledPackages" in ready["targets"]


def test_art_class_watch_stays_off_the_main_thread() -> None:
    """No ART here, so the agent's ART-only class watch is checked in its source: the old agent enumerated
    and Java.use'd every loaded class inside the Java.perform callback (the app's main thread, while it
    binds), again every 3 s, and replaced every ClassLoader.loadClass overload in JavaScript."""
    src = (agent.hooks_dir() / agent.AGENT_ENTRY).read_text(encoding="utf-8")
    art = src[src.index("function installArtClassWatch()") : src.index("function installInterfaceWatch()")]
    entry = art[: art.index("function armArtClassWatch()")]
    # installAll's part only schedules: all the work runs from a timer, on Frida's own thread.
    assert "setTimeout(" in entry and "enumerateLoadedClassesSync" not in entry and "Java.use" not in entry
    assert "setInterval" not in src
    assert '"loadClass"' not in src  # no JavaScript replacement of ClassLoader.loadClass
    # A scan looks only at classes under the watched prefixes before any Java work.
    scan = src[src.index("function scanLoadedImplementations()") :]
    assert "watched(name)" in scan[: scan.index("}\n")]


def test_an_app_without_a_consent_step_has_its_screens_opened_with_nothing_agreed(
    probe_jar: Path, tmp_path: Path
) -> None:
    """--consent-action absent (the tester says the app asks for no consent): no consent method is called, the
    screens open all the same, and what they read is read with no consent given."""
    out = session.run(probe_jar, "hostjvm", tmp_path / "t.jsonl", manifest=PROBE_MANIFEST, consent_action="absent")
    entries = [r["entry"] for r in records(out) if r["type"] == "harness" and r["ok"]]
    assert "Activity.onCreate com.appaudit.probe.MapActivity" in entries
    assert not [e for e in entries if e.startswith(("agree ", "refuse "))]
    assert not [r for r in records(out) if r["type"] == "consent"]
    [loc] = _find(out, "location_precise", "LocationManager.getLastKnownLocation()")
    assert loc["phase"] == "PRE_CONSENT"


def test_a_screens_buttons_are_clicked_after_the_agreement_and_a_quit_button_ends_only_its_click(
    probe_trace: Path,
) -> None:
    """The harness clicks each view the screen gave a click listener (MapActivity's "paste" and "quit"): the
    clipboard read behind "paste" is seen after consent, with the click in its stack; "quit"'s System.exit ends
    that click only, and the run still reaches its end (services, receivers)."""
    [clip] = _find(probe_trace, "clipboard", "ClipboardManager.getPrimaryClip()")
    assert any("onClick" in f for f in clip["stack"]) and clip["phase"] == "POST_CONSENT", clip
    harness = [r for r in records(probe_trace) if r["type"] == "harness"]
    clicks = [r for r in harness if r["entry"].startswith("click com.appaudit.probe.MapActivity ")]
    assert [r["ok"] for r in clicks] == [True, False], clicks
    assert "asked to exit (status 0)" in clicks[1]["error"]
    assert records(probe_trace)[0]["settings"]["clicks"] == hostjvm.DEFAULT_CLICKS
    assert records(probe_trace)[-1]["harness"]["finished"] is True


def test_entry_points_run_on_the_main_thread_and_an_intent_service_on_a_worker(probe_trace: Path) -> None:
    """MapActivity throws when made or created off the main looper's thread (androidx's check), PollService's
    onHandleIntent when called on it (Room's): each entry point on the thread Android would use."""
    ok = {r["entry"]: r["ok"] for r in records(probe_trace) if r["type"] == "harness"}
    assert ok["new Activity com.appaudit.probe.MapActivity"] is True
    assert ok["Activity.onCreate com.appaudit.probe.MapActivity"] is True
    assert ok["IntentService.onHandleIntent com.appaudit.probe.PollService"] is True


def test_a_screen_opened_after_the_agreement_reads_after_consent(probe_trace: Path) -> None:
    """The harness opens the app's other activities after the consent method ran (PROBE_MANIFEST.activities):
    the map screen's location read is seen, after consent, in the foreground, attributed to the app."""
    [loc] = _find(probe_trace, "location_precise", "LocationManager.getLastKnownLocation()")
    assert any("MapActivity.onCreate" in f for f in loc["stack"]), loc["stack"]
    assert (loc["phase"], loc["foreground"], loc["actor"]) == ("POST_CONSENT", True, "app")
    assert records(probe_trace)[0]["settings"]["screens"] == hostjvm.DEFAULT_SCREENS
    entries = [r["entry"] for r in records(probe_trace) if r["type"] == "harness" and r["ok"]]
    opened = entries.index("Activity.onCreate com.appaudit.probe.MapActivity")
    assert entries.index("agree com.appaudit.probe.PrivacyDialog.onAgree") < opened
    assert opened < entries.index("Activity.onStop com.appaudit.probe.MainActivity")
    # The harness got to its end: the run is not reported as cut short.
    end = records(probe_trace)[-1]
    assert end["type"] == "end" and end["harness"]["finished"] is True and "degraded" not in end
