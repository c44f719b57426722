"""appaudit/static/callsites.py: sensitive call sites, compared with androguard and with planted ground truth."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import static_reference
from apkfactory import build_apk, manifest

from appaudit import ontology
from appaudit.model import Report
from appaudit.static import callsites
from appaudit.static.callsites import dotted
from appaudit.static.scan import scan

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_APK = "jaxlifu__pay__app-release.apk"


def _sites(report: Report) -> list[dict[str, Any]]:
    sites: list[dict[str, Any]] = report.sections["static"]["call_sites"]
    return sites


def test_demo_call_sites(demo_report: Report) -> None:
    got = {(s["data_type"], s["api"], s["kind"], s["caller_class"], s.get("argument")) for s in _sites(demo_report)}
    assert got == {
        ("android_id", 'Settings$Secure.getString(…"android_id")', "method", "com.t.app.Helper", "android_id"),
        ("bluetooth_mac", 'Settings$Secure.getString(…"bluetooth_address")', "method", "com.t.app.Helper",
         "bluetooth_address"),
        ("serial", "Build.SERIAL", "reflection", "com.t.app.Helper", "SERIAL"),
        ("serial", "Build.SERIAL", "field", "com.t.app.Helper", None),
        ("mac", "file:/proc/net/arp", "file", "com.t.app.Helper", None),
        ("imei", "TelephonyManager.getDeviceId()", "method", "com.t.app.Task", None),
        ("location_precise", "LocationManager.getLastKnownLocation()", "method", "com.t.app.Task", None),
        ("imei", "TelephonyManager.getImei()", "method", "com.umeng.analytics.pro.Inner", None),
        ("mac", "WifiInfo.getMacAddress()", "method", "com.umeng.analytics.pro.Dead", None),
        ("imsi", "TelephonyManager.getSubscriberId()", "method", "com.t.plugin.Plugin", None),
        ("phone_number", "TelephonyManager.getLine1Number()", "method", "com.t.app.Hidden", None),
        ("network_info", "TelephonyManager.getSimOperator()", "method", "com.t.app.Registrar", None),
        ("location_coarse", 'LocationManager.getLastKnownLocation(…"network")', "method", "com.t.app.Helper",
         "network"),
    }  # fmt: skip


def test_argument_filter_rejects_overwritten_and_other_constants(demo_report: Report) -> None:
    getstring = [s for s in _sites(demo_report) if "getString" in s["api"]]
    # four getString calls in Helper.collect: "android_id", "bluetooth_address", a clobbered register and
    # "lock_pattern_autolock"; only the first two are sensitive.
    assert sorted(s["argument"] for s in getstring) == ["android_id", "bluetooth_address"]
    # location_coarse needs the "network" provider visible: in Helper it is (and then it is not also
    # location_precise); in Task the argument is an int register, so only the unfiltered entry applies.
    sites = _sites(demo_report)
    loc = sorted((s["caller_class"], s["data_type"]) for s in sites if "getLastKnownLocation" in s["api"])
    assert loc == [("com.t.app.Helper", "location_coarse"), ("com.t.app.Task", "location_precise")]


def test_call_site_records_and_evidence(demo_report: Report) -> None:
    ev = [e for e in demo_report.evidence if e.detail.get("kind") == "call_site"]
    assert len(ev) == len(_sites(demo_report))
    for s, e in zip(_sites(demo_report), sorted(ev, key=lambda e: e.locator), strict=False):
        assert {"data_type", "api", "caller_class", "caller_method", "actor", "reachable", "entry"} <= set(s)
        assert e.locator.startswith("L") and " @0x" in e.locator
    actors = {s["caller_class"]: s["actor"] for s in _sites(demo_report)}
    assert actors["com.umeng.analytics.pro.Inner"] == "umeng-analytics"
    assert actors["com.t.app.Helper"] == "app"


def test_matcher_is_built_from_the_ontology() -> None:
    m = callsites.matcher()
    n_methods = sum(1 for dt in ontology.load().values() for a in dt.apis if a.kind == "method")
    assert sum(len(v) for v in m.methods.values()) == n_methods
    assert ("Landroid/app/ApplicationPackageManager;", "getInstalledPackages") in m.methods
    assert [t.data_type for t in m.string_targets("/sys/class/net/wlan0/address")] == ["mac", "mac"]  # exact + glob
    assert [t.data_type for t in m.string_targets("/sys/class/net/p2p0/address")] == ["mac"]
    assert [t.data_type for t in m.string_targets("pm list packages -3")] == ["app_list"]
    assert [t.data_type for t in m.string_targets("content://sms/inbox")] == ["sms"]
    assert m.string_targets("/sys/class/net/wlan0/address/x") == []
    assert m.string_targets("hello") == []


_QUERY = (
    "Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;"
    "[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;"
)
_PROVIDERS = [  # (class, field, data type or None when the URI is not personal data)
    ("Landroid/provider/ContactsContract$Contacts;", "CONTENT_URI", "contacts"),
    ("Landroid/provider/ContactsContract$CommonDataKinds$Phone;", "CONTENT_URI", "contacts"),
    ("Landroid/provider/CallLog$Calls;", "CONTENT_URI", "call_log"),
    ("Landroid/provider/Telephony$Sms;", "CONTENT_URI", "sms"),
    ("Landroid/provider/CalendarContract$Events;", "CONTENT_URI", "calendar"),
    ("Landroid/provider/MediaStore$Images$Media;", "EXTERNAL_CONTENT_URI", "photos_storage"),
    ("Landroid/provider/Settings$System;", "CONTENT_URI", None),
]


def test_provider_uris_held_in_static_fields(tmp_path: Path) -> None:
    # No content:// string in the dex: the URI comes from the framework's static field, then is queried.
    body = "".join(
        f"""
    sget-object v1, {cls}->{fld}:Landroid/net/Uri;
    invoke-virtual/range {{v0 .. v5}}, {_QUERY}
    move-result-object v2"""
        for cls, fld, _ in _PROVIDERS
    )
    smali = {
        "com/t/contacts/Reader.smali": f"""
.class public Lcom/t/contacts/Reader;
.super Ljava/lang/Object;
.method public static read(Landroid/content/Context;)V
    .registers 7
    invoke-virtual {{p0}}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const/4 v2, 0x0
    move-object v3, v2
    move-object v4, v2
    move-object v5, v2{body}
    return-void
.end method
"""
    }
    apk = build_apk(tmp_path, manifest("com.t.contacts"), smali)
    sites = _sites(scan(apk))
    got = sorted((s["data_type"], s["api"], s["kind"], s["caller_class"]) for s in sites)
    assert got == sorted(
        (dt, f"{dotted(cls).rsplit('.', 1)[-1]}.{fld}", "field", "com.t.contacts.Reader")
        for cls, fld, dt in _PROVIDERS
        if dt is not None
    )
    assert {s["data_type"] for s in sites} == {"contacts", "call_log", "sms", "calendar", "photos_storage"}
    assert len([s for s in sites if s["data_type"] == "contacts"]) == 2


def test_same_call_sites_as_androguard(shared_dir: Path, corpus_reports: dict[str, Report]) -> None:
    dvms, _graph = static_reference.analyze(shared_dir / "corpus/apks" / REFERENCE_APK)
    reference = static_reference.call_sites(dvms)
    mine = static_reference.appaudit_sites(_sites(corpus_reports[REFERENCE_APK]))
    assert sum(reference.values()) > 100
    assert mine == reference, (list((mine - reference).items())[:5], list((reference - mine).items())[:5])


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    script = ROOT / "sample_apks" / "generate_large.py"
    out = tmp_path_factory.mktemp("large")
    proc = subprocess.run(
        [sys.executable, str(script), "--classes", "60", "--methods", "8", "--every", "3", "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return out / "large.apk", json.loads((out / "large.expected.json").read_text("utf-8"))


def test_planted_call_sites_of_the_generated_multidex_apk(generated: tuple[Path, dict[str, Any]]) -> None:
    apk_path, truth = generated
    report = scan(apk_path)
    assert len(report.sections["static"]["app"]["dex_files"]) == truth["dex_files"]
    got = Counter((s["data_type"], s["api"], s["caller_class"], s["caller_method"].split("(")[0], s["actor"])
                  for s in _sites(report))  # fmt: skip
    planted = Counter((s["data_type"], s["api"], s["caller_class"], s["caller_method"], s["actor"])
                      for s in truth["call_sites"])  # fmt: skip
    # the generator plants every sensitive call of the app, so the two must be equal, not just overlap
    assert got == planted, (sorted((planted - got).items())[:5], sorted((got - planted).items())[:5])


def test_reflection_needs_the_api_class_and_every_site_says_how_it_matched(tmp_path: Path) -> None:
    """OkHttp's `getMethod("open")` on a class it loads by name is not Camera.open() (issue 15); the
    same name with `const-class Landroid/hardware/Camera;` is."""
    getmethod = "Ljava/lang/Class;->getMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;"
    smali = {
        "okhttp3/internal/platform/Platform.smali": f"""
.class public Lokhttp3/internal/platform/Platform;
.super Ljava/lang/Object;
.method public static find(Ljava/lang/Class;)V
    .registers 4
    const-string v0, "open"
    const/4 v1, 0x0
    invoke-virtual {{p0, v0, v1}}, {getmethod}
    return-void
.end method
""",
        "com/t/cam/Spy.smali": f"""
.class public Lcom/t/cam/Spy;
.super Ljava/lang/Object;
.method public static spy()V
    .registers 4
    const-class v2, Landroid/hardware/Camera;
    const-string v0, "open"
    const/4 v1, 0x0
    invoke-virtual {{v2, v0, v1}}, {getmethod}
    const/4 v0, 0x0
    invoke-virtual {{v0}}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    const-string v0, "/proc/net/arp"
    return-void
.end method
""",
    }
    sites = _sites(scan(build_apk(tmp_path, manifest("com.t.cam"), smali)))
    camera = [(s["caller_class"], s["matched"]) for s in sites if s["data_type"] == "camera"]
    assert camera == [("com.t.cam.Spy", "reflection+class")]
    by_kind = {s["kind"]: s["matched"] for s in sites}
    assert by_kind["method"] == "invoke" and by_kind["reflection"] == "reflection+class"
    assert by_kind.get("file") == "string"
    assert {s["matched"] for s in sites} <= {"invoke", "field", "reflection+class", "string"}


def test_no_name_only_camera_site_on_the_corpus(corpus_reports: dict[str, Report]) -> None:
    """No camera site in a library that never references the Camera classes (OkHttp's Platform was one)."""
    for name, report in corpus_reports.items():
        for s in _sites(report):
            assert s["matched"] in ("invoke", "field", "reflection+class", "string"), s
            if s["data_type"] == "camera":
                assert not s["caller_class"].startswith("okhttp3."), (name, s)
