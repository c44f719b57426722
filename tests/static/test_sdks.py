"""appaudit/static/sdks.py: SDK detection on the real corpus (labels.json) and on the demo APK."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from appaudit.model import Report, Source
from appaudit.signatures import LIST_FIELDS, Catalogue, Signature
from appaudit.static import sdks
from appaudit.static.manifest import Component, ComponentType, IntentFilter, Manifest

STRONG = {"class", "package", "component", "native-lib"}


def _under(value: str, prefix: str) -> bool:
    return value == prefix or value.startswith(prefix + ".") or value.startswith(prefix + "$")


def _evidence_under(sdk: dict[str, Any], prefixes: list[str]) -> list[dict[str, str]]:
    return [e for e in sdk["evidence"] if e["kind"] in STRONG and any(_under(e["value"], p) for p in prefixes)]


def test_every_must_label_is_reported_with_evidence(labels: dict[str, Any], corpus_reports: dict[str, Report]) -> None:
    missing = []
    for apk_name, spec in labels.items():
        found = corpus_reports[apk_name].sections["static"]["sdks"]
        for must in spec["must"]:
            if not any(_evidence_under(s, must["prefixes"]) for s in found):
                missing.append((apk_name, must["sdk"]))
    assert not missing, missing


def test_no_forbid_label_fires(labels: dict[str, Any], corpus_reports: dict[str, Report]) -> None:
    fired = []
    for apk_name, spec in labels.items():
        for sdk in corpus_reports[apk_name].sections["static"]["sdks"]:
            for forbid in spec["forbid"]:
                names = [n.lower() for n in forbid.get("names", [])]
                if sdk["name"].lower() in names or sdk["id"] in names:
                    fired.append((apk_name, sdk["id"]))
                strong = [e for e in sdk["evidence"] if e["kind"] in STRONG]
                prefixes = forbid.get("prefixes", [])
                if prefixes and strong and all(any(_under(e["value"], p) for p in prefixes) for e in strong):
                    fired.append((apk_name, sdk["id"]))
    assert not fired, fired


def test_sdk_records_have_the_documented_shape(corpus_reports: dict[str, Report]) -> None:
    kinds = {k.value for k in sdks.EvidenceKind}
    n = 0
    for report in corpus_reports.values():
        for s in report.sections["static"]["sdks"]:
            assert {"id", "name", "vendor", "category", "confidence", "evidence", "library"} <= set(s)
            assert 0 < s["confidence"] <= 1
            assert s["evidence"] and all(e["kind"] in kinds and e["value"] for e in s["evidence"])
            n += 1
        ev = [e for e in report.evidence if e.detail.get("kind") == "sdk"]
        assert {e.actor for e in ev} == {s["id"] for s in report.sections["static"]["sdks"]}
    assert n >= 20


def test_libraries_are_reported_as_libraries(corpus_reports: dict[str, Report]) -> None:
    sdk_list = corpus_reports["Exodus-Privacy__exodus-core__instapaper.apk"].sections["static"]["sdks"]
    libs = {s["id"] for s in sdk_list if s["library"]}
    assert libs, "okhttp/gson/androidx are libraries without data collection"
    assert not {s["id"] for s in sdk_list if not s["library"]} & libs


def test_demo_sdks_from_every_evidence_kind(demo_report: Report) -> None:
    static = demo_report.sections["static"]
    by = {s["id"]: s for s in static["sdks"]}
    umeng = {(e["kind"], e["value"]) for e in by["umeng-analytics"]["evidence"]}
    assert {("package", "com.umeng.analytics"), ("package", "com.umeng.commonsdk"), ("meta-data", "UMENG_APPKEY"),
            ("host", "alog.umeng.com"), ("class", "com.umeng.commonsdk.UMConfigure")} <= umeng  # fmt: skip
    assert by["umeng-analytics"]["grades"] == ["code"] and "host" in by["umeng-analytics"]["hint_kinds"]
    assert [e["kind"] for e in by["jpush"]["evidence"]] == ["native-lib"] and by["jpush"]["grades"] == ["native"]
    # Umeng Push's service is declared but its class is not in the dex: a hint, not an SDK record.
    assert "umeng-push" not in by
    hints = {h["id"]: h for h in static["sdk_hints"]}
    assert [h["kind"] for h in hints["umeng-push"]["hints"]] == ["absent-component"]
    # more grades and hints, more confidence
    assert by["umeng-analytics"]["confidence"] > by["jpush"]["confidence"]
    sdk_ev = {str(e.actor): e for e in demo_report.evidence if e.detail.get("kind") == "sdk"}
    assert sdk_ev["umeng-analytics"].source is Source.CODE and sdk_ev["jpush"].source is Source.MANIFEST
    assert sdk_ev["umeng-analytics"].locator == "sdk:umeng-analytics"
    assert sdk_ev["umeng-analytics"].detail["grades"] == ["code"]
    assert "umeng-push" not in sdk_ev
    hosts = {h["host"]: h for h in static["hosts"]}
    assert hosts["alog.umeng.com"]["owner"] == "umeng-analytics"
    assert hosts["alog.umeng.com"]["held_by"] == ["umeng-analytics"]


@pytest.mark.parametrize(
    "strings, hosts",
    [(["https://alog.umeng.com/app_logs", "http://x.y.jpush.cn:80/p?q=1"], {"alog.umeng.com", "x.y.jpush.cn"}),
     (["no url here", "ftp://files.example.com", "https://"], set())],
)  # fmt: skip
def test_hosts_in_strings(strings: list[str], hosts: set[str]) -> None:
    assert sdks.hosts_in(strings) == hosts


def test_confidence_weights_are_data() -> None:
    w = sdks.weights()
    assert set(w.grade) == {g.value for g in sdks.Grade}
    assert set(w.hint) == {h.value for h in sdks.HintKind}
    assert all(0 < v < 1 for v in w.grade.values()) and all(0 <= v < 1 for v in w.hint.values())
    # no hint outweighs the weakest grade: hints support, they do not decide
    assert max(w.hint.values()) < min(w.grade.values())


# ---------------------------------------------------------------- grades and hints (issue 15)


def test_no_corpus_sdk_rests_on_hints_alone(corpus_reports: dict[str, Report]) -> None:
    """Every SDK record has a grade that its own evidence shows; hints are listed apart."""
    for name, report in corpus_reports.items():
        static = report.sections["static"]
        classes = static["app"]["classes"]
        assert classes
        for s in static["sdks"]:
            kinds = {e["kind"] for e in s["evidence"]}
            assert s["grades"], (name, s["id"])
            assert ("code" in s["grades"]) == ("package" in kinds) == (s["classes"] > 0), (name, s["id"])
            assert ("native" in s["grades"]) <= ("native-lib" in kinds), (name, s["id"])
            assert ("component" in s["grades"]) <= ("component" in kinds), (name, s["id"])
        assert not {h["id"] for h in static["sdk_hints"]} & {s["id"] for s in static["sdks"]}
        for h in static["sdk_hints"]:
            assert h["hints"] and all(x["kind"] in {k.value for k in sdks.HintKind} for x in h["hints"]), h


@pytest.mark.parametrize(
    "apk, sdk_id, holder",
    [("Exodus-Privacy__exodus-core__instapaper.apk", "admob", "google-ad-id"),
     ("HuangChinChieh__StartWang__PushDemo.apk", "admob", "google-ad-id"),
     ("13671447200__AntumnLeavesMusic__MainActivity.apk", "iflytek", "iflytek-voiceads")],
)  # fmt: skip
def test_a_host_is_a_hint_held_by_the_code_that_holds_it(
    corpus_reports: dict[str, Report], apk: str, sdk_id: str, holder: str
) -> None:
    static = corpus_reports[apk].sections["static"]
    assert sdk_id not in {s["id"] for s in static["sdks"]}
    hint = next(h for h in static["sdk_hints"] if h["id"] == sdk_id)
    assert any(x["kind"] == "host" and holder in x.get("note", "") for x in hint["hints"]), hint
    owned = [h for h in static["hosts"] if h["owner"] == sdk_id]
    assert owned and all(holder in h["held_by"] for h in owned)


def test_vendor_demo_and_trap_apps(corpus_reports: dict[str, Report]) -> None:
    """The AMap map demo has no location SDK code (its api key meta-data is shared); the Baidu Push demo's
    own receiver with a Huawei action is not Huawei Push; huanchong's com.autonavi.aps is AMap location."""
    def ids(apk: str) -> set[str]:
        return {s["id"] for s in corpus_reports[apk].sections["static"]["sdks"]}

    assert "amap-location" not in ids("amap-demo__android-map-game__app-debug.apk")
    assert "huawei-push" not in ids("HuangChinChieh__StartWang__PushDemo.apk")
    assert ids("1041643898__huanchong__app-release.apk") >= {"amap-location"}
    assert "amap-map" not in ids("1041643898__huanchong__app-release.apk")
    assert "firebase-messaging" not in ids("Exodus-Privacy__exodus-core__blooddonation.apk")
    assert "firebase-analytics" not in ids("MobClub__MobPush-for-Android__MobPush.apk")


def _sig(sid: str, **kw: Any) -> Signature:
    fields: dict[str, Any] = {f: () for f in LIST_FIELDS}
    fields.update({k: tuple(v) for k, v in kw.items()})
    fields["provenance"] = ("curated",)
    return Signature(id=sid, name=sid, vendor="V", category="ads", privacy_url="", collects=True, **fields)


def _detect(cat: Catalogue, classes: list[str], man: Manifest | None = None, **kw: Any) -> sdks.Detection:
    return sdks.detect(cat, app_package=man.package if man else "", class_names=classes, manifest=man,
                       native_libs=kw.get("libs", ()), hosts=kw.get("hosts", {}))  # fmt: skip


def _manifest(
    package: str, components: list[tuple[str, list[str]]] | None = None, meta: list[str] | None = None
) -> Manifest:
    comps = tuple(
        Component(type=ComponentType.RECEIVER, name=n, exported=False, exported_explicit=False, enabled=True,
                  permission="", intent_filters=(IntentFilter(actions=tuple(a), categories=(), data=()),),
                  self_start=())
        for n, a in components or []
    )
    return Manifest(package=package, version_name="1", version_code="1", min_sdk=21, target_sdk=33, application="",
                    framework_classes=(), debuggable=False, allow_backup=False, permissions=(),
                    custom_permissions=(), components=comps, meta_data=tuple((m, "x") for m in meta or []))  # fmt: skip


def test_hints_alone_make_no_sdk_record() -> None:
    cat = Catalogue([_sig("tracker", packages=["com.tracker.sdk"], meta_data=["TRACKER_KEY"],
                          hosts=["api.tracker.example"], components=["com.tracker.sdk.Receiver"],
                          actions=["com.tracker.ACTION"])])  # fmt: skip
    man = _manifest("com.t.app", [("com.tracker.sdk.Receiver", []), ("com.t.app.R1", ["com.tracker.ACTION"])],
                    ["TRACKER_KEY"])  # fmt: skip
    d = _detect(cat, ["com.t.app.Main"], man, hosts={"api.tracker.example": {"com.t.app.Main"}})
    assert d.sdks == []
    (hint,) = d.hints
    assert {h.kind for h in hint.hints} == {sdks.HintKind.META_DATA, sdks.HintKind.HOST, sdks.HintKind.ACTION,
                                            sdks.HintKind.ABSENT_COMPONENT}  # fmt: skip
    assert d.hosts == [sdks.HostUse("api.tracker.example", "tracker", ("app",))]
    # the component's class in the dex makes it embedded, with the hints as supporting evidence
    d = _detect(cat, ["com.tracker.sdk.Receiver"], man)
    (s,) = d.sdks
    assert s.grades == ("code", "component") and "meta-data" in s.hints and d.hints == []


def test_host_goes_to_the_holder_not_the_owner() -> None:
    cat = Catalogue([_sig("ads", packages=["com.ads.sdk"], hosts=["ad.example"]),
                     _sig("analytics", packages=["com.an.sdk"])])  # fmt: skip
    d = _detect(cat, ["com.an.sdk.Core"], hosts={"x.ad.example": {"com.an.sdk.Core"}})
    assert [s.id for s in d.sdks] == ["analytics"]
    assert ("host", "x.ad.example", "host of ads") in {(e.kind.value, e.value, e.note) for e in d.sdks[0].evidence}
    assert [h.id for h in d.hints] == ["ads"] and "in code of analytics" in d.hints[0].hints[0].note


def test_first_party_is_never_attributed_even_under_a_vendor_prefix() -> None:
    cat = Catalogue([_sig("vendor-sdk", packages=["cn.vendor"])])
    man = _manifest("cn.vendor.demoapp", [("cn.vendor.demoapp.Push", [])])
    d = _detect(cat, ["cn.vendor.demoapp.Main", "cn.vendor.demoapp.Push", "cn.vendor.lib.Core"], man)
    (s,) = d.sdks
    assert s.classes == 1 and s.grades == ("code",)  # only cn.vendor.lib.Core
    fp = sdks.first_party(cat, man)
    assert fp.own == ("cn.vendor.demoapp",)


def test_platform_looking_packages_are_matched_like_any_code() -> None:
    """A class under com.android.* defined in the dex is app or SDK code (a tracker may ship there)."""
    cat = Catalogue([_sig("hidden-tracker", packages=["com.android.tracker"])])
    d = _detect(cat, ["com.android.tracker.Beacon", "com.android.tracker.a"])
    assert [(s.id, s.classes) for s in d.sdks] == [("hidden-tracker", 2)]


def test_native_library_alone_is_embedded() -> None:
    cat = Catalogue([_sig("push", native_libs=["libpush*.so"])])
    (s,) = _detect(cat, [], libs=["lib/arm64-v8a/libpush330.so"]).sdks
    assert s.grades == ("native",) and s.classes == 0


def test_min_classes_turns_a_stray_class_into_a_hint() -> None:
    base = _sig("loc", packages=["com.loc"])
    cat = Catalogue([dataclasses.replace(base, min_classes=3)])
    d = _detect(cat, ["com.loc.a", "com.loc.b"])
    assert d.sdks == [] and [h.kind for h in d.hints[0].hints] == [sdks.HintKind.FEW_CLASSES]
    (s,) = _detect(cat, ["com.loc.a", "com.loc.b", "com.loc.c"]).sdks
    assert s.classes == 3 and s.grades == ("code",)


def test_a_product_prefix_inside_the_app_namespace_still_names_the_sdk() -> None:
    """Shielding is for a vendor prefix over the app (cn.vendor over cn.vendor.demoapp), not for an SDK
    whose own, deeper prefix lies inside the app's package tree."""
    cat = Catalogue([_sig("vendor-sdk", packages=["cn.vendor"]), _sig("inner", packages=["cn.vendor.demoapp.push"])])
    ns = ("cn.vendor.demoapp",)
    assert sdks.attribute(cat, "cn.vendor.demoapp.Main", ns) is None
    inner = sdks.attribute(cat, "Lcn/vendor/demoapp/push/Core;", ns)
    assert inner is not None and inner.id == "inner"
    vendor = sdks.attribute(cat, "cn.vendor.lib.Core", ns)
    assert vendor is not None and vendor.id == "vendor-sdk"
