"""compare: each rule on synthetic evidence, rule status without a policy or a source, settings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from appaudit import compare as cmp
from appaudit.errors import DataError, InputError
from appaudit.model import AppInfo, Evidence, Finding, Phase, Report, Source

APP = AppInfo(package="com.appaudit.demo.news")
PRE, POST = Phase.PRE_CONSENT, Phase.POST_CONSENT


def ev(
    src: Source,
    kind: str,
    dt: str | None = None,
    actor: str = "app",
    loc: str = "x",
    at: float | None = None,
    phase: Phase | None = None,
    **detail: Any,
) -> Evidence:
    return Evidence(dt, src, actor, loc, {"kind": kind, **detail}, at=at, phase=phase)


def read(dt: str, actor: str = "app", at: float = 1.0, phase: Phase | None = POST, **d: Any) -> Evidence:
    return ev(Source.RUNTIME, "read", dt, actor, f"api:{dt}", at, phase, **d)


def declared(dt: str) -> Evidence:
    return ev(Source.POLICY, "declared_data_type", dt, loc=f"policy.md §1 ¶{dt}", quote=f"we collect {dt}")


def row(sdk: str, types: tuple[str, ...] = (), **d: Any) -> Evidence:
    return ev(Source.POLICY, "sdk_row", None, sdk, f"policy.md §SDK row {sdk}", data_types=list(types), **d)


def perm(name: str) -> Evidence:
    return ev(Source.MANIFEST, "permission", loc="AndroidManifest.xml uses-permission", permission=name)


def sdk(sdk_id: str, **d: Any) -> Evidence:
    return ev(
        Source.CODE, "sdk", None, sdk_id, f"sdk:{sdk_id}", name=sdk_id.upper(), vendor="V", category="analytics", **d
    )


def run(
    *evidence: Evidence,
    sections: tuple[str, ...] = ("static", "policy", "runtime", "network"),
    settings: cmp.Settings | None = None,
) -> Report:
    report = Report(app=APP, evidence=evidence, sections={s: {} for s in sections})
    return cmp.compare(report, settings, catalogue=None)


def keys(report: Report, rule: str | None = None) -> set[tuple[str, str, str | None]]:
    return {(f.rule_id, f.actor, f.data_type) for f in report.findings if rule is None or f.rule_id == rule}


def test_rules_toml_covers_every_check_and_is_valid() -> None:
    assert set(cmp.rules()) == set(cmp._CHECKS)
    with pytest.raises(DataError, match="BAD"):
        cmp.parse_rules({"rule": {"BAD": {"title": "t", "severity": "urgent"}}})


def test_pre_consent_collection_one_finding_per_actor_and_type() -> None:
    r = run(
        read("imei", "umeng-analytics", 1.0, PRE),
        read("imei", "umeng-analytics", 2.0, PRE),
        read("imei", "app", 3.0, PRE),
        read("imei", "umeng-analytics", 9.0, POST),
        declared("imei"),
        row("umeng-analytics", ("imei",)),
    )
    got = [f for f in r.findings if f.rule_id == "PRE_CONSENT_COLLECTION"]
    assert {(f.actor, f.data_type) for f in got} == {("umeng-analytics", "imei"), ("app", "imei")}
    umeng = next(f for f in got if f.actor == "umeng-analytics")
    assert len(umeng.evidence) == 2 and all(e.phase is PRE for e in umeng.evidence)
    assert "(events: 2)" in umeng.message


def test_network_phase_is_derived_from_runtime_consent_time() -> None:
    consent = ev(Source.RUNTIME, "consent", at=5.0, method="hook")
    early = ev(Source.NETWORK, "transfer", "oaid", "msa-oaid", "POST https://t.example/a", at=2.0, party="third")
    late = ev(Source.NETWORK, "transfer", "android_id", "msa-oaid", "POST https://t.example/b", at=7.0, party="third")
    r = run(consent, early, late, declared("oaid"), declared("android_id"), row("msa-oaid", ("oaid", "android_id")))
    assert keys(r, "PRE_CONSENT_COLLECTION") == {("PRE_CONSENT_COLLECTION", "msa-oaid", "oaid")}
    # before consent is undisclosed sharing even though the SDK has a row
    assert keys(r, "UNDISCLOSED_SHARING") == {("UNDISCLOSED_SHARING", "msa-oaid", "oaid")}
    assert r.comparison.consent_at == 5.0  # type: ignore[union-attr]


def test_network_phase_without_any_consent_in_the_run() -> None:
    # The user refused: the run never saw consent, so a transfer on its clock is before consent ...
    refusal = ev(Source.RUNTIME, "refusal", at=1.0, method="hook")
    sent = ev(Source.NETWORK, "transfer", "android_id", "unknown", "GET https://t.invalid/b", at=0.5, party="third")
    policy = (declared("android_id"), row("umeng-analytics", ("android_id",)))
    r = run(refusal, sent, *policy)
    assert keys(r, "PRE_CONSENT_COLLECTION") == {("PRE_CONSENT_COLLECTION", "unknown", "android_id")}
    assert "before consent" in next(f for f in r.findings if f.rule_id == "UNDISCLOSED_SHARING").message
    # ... but flows alone, with no runtime source, have no consent clock: no phase is guessed
    r = run(sent, *policy, sections=("static", "policy", "network"))
    assert keys(r, "PRE_CONSENT_COLLECTION") == set()
    assert "before consent" not in next(f for f in r.findings if f.rule_id == "UNDISCLOSED_SHARING").message


def test_undeclared_data_type_counts_reachable_code_and_observations_only() -> None:
    r = run(
        ev(Source.CODE, "call_site", "mac", "app", "Lcom/a/B;->m()V", reachable=True),
        ev(Source.CODE, "call_site", "imsi", "app", "Lcom/a/B;->dead()V", reachable=False),
        read("app_list"),
        read("imei"),
        declared("imei"),
    )
    assert keys(r, "UNDECLARED_DATA_TYPE") == {
        ("UNDECLARED_DATA_TYPE", "app", "mac"),
        ("UNDECLARED_DATA_TYPE", "app", "app_list"),
    }
    mac = next(f for f in r.findings if f.data_type == "mac")
    assert "seen in code" in mac.message and mac.evidence[0].locator == "Lcom/a/B;->m()V"


def test_undeclared_sdk_and_sdk_exceeding_its_row() -> None:
    r = run(
        sdk("umeng-analytics"),
        sdk("jpush"),
        sdk("gson", collects=False),
        read("imei", "umeng-analytics"),
        read("oaid", "umeng-analytics"),
        row("umeng-analytics", ("oaid",)),
        declared("imei"),
        declared("oaid"),
    )
    assert keys(r, "UNDECLARED_SDK") == {("UNDECLARED_SDK", "jpush", None)}
    assert keys(r, "SDK_EXCEEDS_DISCLOSURE") == {("SDK_EXCEEDS_DISCLOSURE", "umeng-analytics", "imei")}
    exceeds = next(f for f in r.findings if f.rule_id == "SDK_EXCEEDS_DISCLOSURE")
    assert any(e.source is Source.POLICY for e in exceeds.evidence)  # the row is quoted as evidence
    assert r.comparison.sdk("jpush").in_policy is False  # type: ignore[union-attr]


def test_row_with_only_a_link_declares_nothing_for_that_sdk() -> None:
    r = run(sdk("jpush"), read("imei", "jpush"), row("jpush", (), links=["https://jiguang.cn/privacy"]))
    assert ("SDK_EXCEEDS_DISCLOSURE", "jpush", "imei") in keys(r)
    assert ("UNDECLARED_DATA_TYPE", "jpush", "imei") in keys(r)
    assert not keys(r, "UNDECLARED_SDK")


def test_row_matched_by_policy_name_through_the_catalogue() -> None:
    from appaudit import signatures

    report = Report(
        app=APP,
        evidence=(sdk("umeng-analytics"), row("unknown", (), name="友盟+")),
        sections={"static": {}, "policy": {}},
    )
    r = cmp.compare(report, catalogue=signatures.load())
    assert not keys(r, "UNDECLARED_SDK")


def test_without_policy_policy_rules_are_not_evaluated_not_fired() -> None:
    r = run(sdk("jpush"), read("mac"), perm("android.permission.READ_PHONE_STATE"), sections=("static", "runtime"))
    status = r.comparison
    assert status is not None
    for rule in ("UNDECLARED_DATA_TYPE", "UNDECLARED_SDK", "PERMISSION_UNEXPLAINED", "DECLARED_NOT_OBSERVED"):
        assert rule in status.rules_not_evaluated and "policy" in status.rules_not_evaluated[rule]
        assert not keys(r, rule)
    assert status.policy_given is False and "PRE_CONSENT_COLLECTION" in status.rules_evaluated


def test_rules_needing_a_source_that_did_not_run_are_listed() -> None:
    r = run(perm("android.permission.QUERY_ALL_PACKAGES"), sections=("static", "policy"))
    not_eval = r.comparison.rules_not_evaluated  # type: ignore[union-attr]
    assert "runtime" in not_eval["BACKGROUND_COLLECTION"] and "network" in not_eval["CLEARTEXT_TRANSFER"]
    assert ("RESTRICTED_PERMISSION", "app", None) in keys(r)


def test_permission_unexplained_matches_short_and_long_names() -> None:
    r = run(
        perm("android.permission.READ_PHONE_STATE"),
        perm("android.permission.ACCESS_FINE_LOCATION"),
        perm("android.permission.INTERNET"),
        ev(Source.POLICY, "declared_permission", permission="READ_PHONE_STATE", purpose="fraud"),
    )
    got = [f for f in r.findings if f.rule_id == "PERMISSION_UNEXPLAINED"]
    assert len(got) == 1 and "ACCESS_FINE_LOCATION" in got[0].message


def test_declared_not_observed_is_info_and_skips_non_device_types() -> None:
    r = run(declared("imei"), declared("email"), declared("mac"), read("mac"))
    got = [f for f in r.findings if f.rule_id == "DECLARED_NOT_OBSERVED"]
    assert [(f.data_type, f.severity.value) for f in got] == [("imei", "info")]
    assert r.comparison.declared_not_observable == ("email",)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("times", "fires"),
    [
        ([0, 10, 20, 30, 40, 50], False),  # only inside the first minute
        ([61, 100, 140], False),  # 39 s and 40 s apart: one per window
        ([61, 80], True),  # two within 30 s
        ([70, 99.9], True),
        ([70, 100.0], False),  # exactly 30 s apart: two windows
    ],
)
def test_excessive_frequency_window(times: list[float], fires: bool) -> None:
    r = run(*(read("imei", "umeng-analytics", t) for t in times))
    assert bool(keys(r, "EXCESSIVE_FREQUENCY")) is fires


def test_excessive_frequency_threshold_is_a_setting_written_to_the_report() -> None:
    s = cmp.Settings(frequency_max_reads=3, first_party_domains=("news.example",))
    r = run(*(read("imei", "app", t) for t in (61, 62, 63)), settings=s)
    assert not keys(r, "EXCESSIVE_FREQUENCY")
    assert r.settings["frequency_max_reads"] == 3 and r.settings["first_party_domains"] == ["news.example"]
    with pytest.raises(InputError):
        cmp.Settings(frequency_window_s=0)


def test_background_refusal_and_associated_start() -> None:
    r = run(
        read("imei", "umeng-analytics", 0.5, foreground=False),  # start-up, before the first activity: not counted
        read("location_precise", "amap-location", 4.0, foreground=True),
        read("location_precise", "amap-location", 6.0, foreground=False),
        ev(Source.RUNTIME, "refusal", at=10.0, method="manual"),
        read("imei", "app", 12.0),
        read("imei", "app", 8.0),
        ev(Source.RUNTIME, "start_other", None, "jpush", "startService", at=5, target_package="com.other"),
        ev(
            Source.RUNTIME,
            "permission_request",
            None,
            "app",
            "requestPermissions",
            0.5,
            PRE,
            permissions=["android.permission.READ_PHONE_STATE", "android.permission.INTERNET"],
        ),
    )
    bg = next(f for f in r.findings if f.rule_id == "BACKGROUND_COLLECTION")
    assert (bg.actor, bg.data_type, len(bg.evidence)) == ("amap-location", "location_precise", 1)
    assert len([f for f in r.findings if f.rule_id == "BACKGROUND_COLLECTION"]) == 1
    refused = next(f for f in r.findings if f.rule_id == "COLLECTION_AFTER_REFUSAL")
    assert [e.at for e in refused.evidence if e.detail["kind"] == "read"] == [12.0]
    assert "com.other" in next(f for f in r.findings if f.rule_id == "ASSOCIATED_START").message
    pre_perm = next(f for f in r.findings if f.rule_id == "PRE_CONSENT_PERMISSION")
    assert "READ_PHONE_STATE" in pre_perm.message and "INTERNET" not in pre_perm.message


def test_self_start_restricted_cleartext_and_linking() -> None:
    r = run(
        ev(
            Source.MANIFEST,
            "component",
            None,
            "jpush",
            "AndroidManifest.xml <receiver cn.jpush.R>",
            name="cn.jpush.R",
            self_start=True,
            actions=["android.intent.action.BOOT_COMPLETED"],
        ),
        ev(Source.MANIFEST, "component", None, "app", "AndroidManifest.xml <activity Main>", name="Main"),
        perm("android.permission.QUERY_ALL_PACKAGES"),
        ev(
            Source.NETWORK,
            "transfer",
            "gaid",
            "umeng-analytics",
            "GET http://t.umeng.com/a",
            at=3.0,
            url="http://t.umeng.com/a",
            tls=False,
            party="third",
        ),
        ev(
            Source.NETWORK,
            "transfer",
            "imei",
            "umeng-analytics",
            "GET http://t.umeng.com/a",
            at=3.0,
            url="http://t.umeng.com/a",
            tls=False,
            party="third",
        ),
        ev(
            Source.NETWORK,
            "transfer",
            "android_id",
            "app",
            "POST https://api.news.example/x",
            at=4.0,
            url="https://api.news.example/x",
            tls=True,
            party="first",
        ),
    )
    assert keys(r, "SELF_START") == {("SELF_START", "jpush", None)}
    assert "BOOT_COMPLETED" in next(f for f in r.findings if f.rule_id == "SELF_START").message
    assert keys(r, "RESTRICTED_PERMISSION") == {("RESTRICTED_PERMISSION", "app", None)}
    assert keys(r, "CLEARTEXT_TRANSFER") == {
        ("CLEARTEXT_TRANSFER", "umeng-analytics", "gaid"),
        ("CLEARTEXT_TRANSFER", "umeng-analytics", "imei"),
    }
    assert keys(r, "IDENTIFIER_LINKING") == {("IDENTIFIER_LINKING", "umeng-analytics", "gaid")}
    # first-party transfer is no sharing; third-party to an SDK without a row is
    assert keys(r, "UNDISCLOSED_SHARING") == {
        ("UNDISCLOSED_SHARING", "umeng-analytics", "gaid"),
        ("UNDISCLOSED_SHARING", "umeng-analytics", "imei"),
    }


def test_first_party_domains_setting_overrides_the_addon_party() -> None:
    t = ev(
        Source.NETWORK,
        "transfer",
        "imei",
        "unknown",
        "POST https://cdn.news.example/p",
        host="cdn.news.example",
        party="third",
    )
    assert keys(run(t), "UNDISCLOSED_SHARING")
    assert not keys(run(t, settings=cmp.Settings(first_party_domains=("news.example",))), "UNDISCLOSED_SHARING")


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://api.example.com/p", "api.example.com"),
        ("https://api.example.com:8443/p", "api.example.com"),
        ("http://[::1]:8080/p", "::1"),
        ("http://[2001:db8::7]/p", "2001:db8::7"),
    ],
)
def test_host_of_strips_the_port_but_keeps_ipv6_literals(url: str, host: str) -> None:
    t = Evidence("imei", Source.NETWORK, "unknown", f"POST {url}", {"kind": "transfer", "url": url})
    assert cmp.host_of(t) == host
    assert cmp.host_of(replace(t, detail={"kind": "transfer"})) == host  # from the locator


def test_first_party_ipv6_host_without_the_addon_host_field() -> None:
    t = Evidence("imei", Source.NETWORK, "unknown", "POST http://[2001:db8::7]:8080/p", {"kind": "transfer"})
    assert cmp.is_third_party(t, cmp.Settings(first_party_domains=("example.com",)))
    assert not cmp.is_third_party(t, cmp.Settings(first_party_domains=("2001:db8::7",)))


def test_evidence_per_finding_is_capped_but_counted() -> None:
    r = run(*(read("imei", "app", float(i), PRE) for i in range(40)), settings=cmp.Settings(max_evidence_per_finding=5))
    f = next(f for f in r.findings if f.rule_id == "PRE_CONSENT_COLLECTION")
    assert len(f.evidence) == 5 and "(events: 40)" in f.message


def test_compare_is_deterministic_and_keeps_analyser_findings() -> None:
    prior = Finding.from_dict(
        {"rule_id": "X_PRIOR", "severity": "low", "title": "t", "message": "m", "data_type": None, "actor": "app"}
    )
    evidence = (read("mac", "app", 2.0, PRE), read("imei", "jpush", 1.0, PRE), sdk("jpush"))
    a = cmp.compare(Report(app=APP, evidence=evidence, findings=(prior,), sections={"policy": {}, "runtime": {}}))
    b = cmp.compare(
        Report(app=APP, evidence=tuple(reversed(evidence)), findings=(prior,), sections={"runtime": {}, "policy": {}})
    )
    assert a.findings == b.findings and any(f.rule_id == "X_PRIOR" for f in a.findings)


def test_finding_key_ignores_wording_but_keeps_the_permission() -> None:
    r = run(perm("android.permission.READ_SMS"), perm("android.permission.CAMERA"))
    ks = {cmp.finding_key(f) for f in r.findings if f.rule_id == "PERMISSION_UNEXPLAINED"}
    assert ks == {("PERMISSION_UNEXPLAINED", "app", "", "READ_SMS"), ("PERMISSION_UNEXPLAINED", "app", "", "CAMERA")}


def test_finding_evidence_is_deduplicated_by_equality() -> None:
    b = cmp._Builder(cmp.Settings())
    a = ev(Source.RUNTIME, "read", "imei", at=1.0, api="TM.getDeviceId")
    twin = ev(Source.RUNTIME, "read", "imei", at=1.0, api="TM.getDeviceId")  # equal, not the same object
    other = ev(Source.RUNTIME, "read", "imei", at=1.0, api="TM.getImei")  # same hashable fields, other detail
    b.add("PRE_CONSENT_COLLECTION", "app", "imei", [a, twin, other])
    b.add("PRE_CONSENT_COLLECTION", "app", "imei", [a])
    (f,) = b.findings()
    assert f.evidence == (a, other)


def test_many_reads_of_one_type_compare_in_linear_time() -> None:
    """20,000 reads by one actor: the per-finding de-duplication once compared every pair (minutes)."""
    import time

    reads = [
        ev(Source.RUNTIME, "read", "imei", at=i / 10, phase=Phase.PRE_CONSENT, stack=["c.x.Y.m(Y.java:1)"] * 8)
        for i in range(20_000)
    ]
    start = time.monotonic()
    r = run(*reads, sections=("runtime",))
    assert time.monotonic() - start < 10.0
    (f,) = [f for f in r.findings if f.rule_id == "PRE_CONSENT_COLLECTION"]
    assert f.message and len(f.evidence) == cmp.Settings().max_evidence_per_finding


# ------------------------------------------------------------------------------------------ comparison


def test_comparison_matrix_and_sdks_come_from_compare() -> None:
    r = run(
        declared("imei"),
        row("jpush", ("imei",)),
        sdk("jpush"),
        read("imei", "jpush"),
        read("android_id", "jpush"),
        ev(Source.CODE, "call_site", "mac", "app", reachable=False),
    )
    comp = r.comparison
    assert comp is not None
    assert comp.actors[0].is_app and "jpush" in comp.actors
    cells = {(row_.data_type, str(c.actor)): c.verdict.value for row_ in comp.matrix for c in row_.cells}
    assert cells[("imei", "jpush")] == "ok"
    assert cells[("android_id", "jpush")] == "gap"
    assert cells[("mac", "app")] == "weak"
    assert cells[("imei", "app")] == "declared"
    jp = comp.sdk("jpush")
    assert jp is not None and jp.in_policy and Source.RUNTIME in jp.sources
    assert "compare" not in r.sections  # one view: the comparison, not a second copy in sections
    assert comp.declared_types == ("imei",)


def test_findings_carry_their_subject() -> None:
    r = run(perm("android.permission.READ_PHONE_STATE"))
    (f,) = [f for f in r.findings if f.rule_id == "PERMISSION_UNEXPLAINED"]
    assert f.subject == "READ_PHONE_STATE" and cmp.finding_key(f)[3] == "READ_PHONE_STATE"


def test_degraded_runtime_makes_its_rules_not_evaluated_instead_of_passing() -> None:
    from appaudit.model import Analysis, Coverage, Status

    cov = {"runtime": Coverage.of(Analysis.RUNTIME, Status.DEGRADED, "consent never observed")}
    report = Report(app=APP, sections={s: {} for s in ("static", "policy", "runtime")}, coverage=cov)
    r = cmp.compare(report, None, catalogue=None)
    assert r.comparison is not None
    for rule in ("EXCESSIVE_FREQUENCY", "BACKGROUND_COLLECTION", "PRE_CONSENT_PERMISSION"):
        assert "degraded (consent never observed)" in r.comparison.rules_not_evaluated[rule]
    # a degraded source that still proves something keeps its finding
    late = [read("imei", "jpush", at=70.0 + i) for i in range(5)]
    r = cmp.compare(replace(report, evidence=tuple(late)), None, catalogue=None)
    assert "EXCESSIVE_FREQUENCY" in r.comparison.rules_evaluated  # type: ignore[union-attr]
    assert any(f.rule_id == "EXCESSIVE_FREQUENCY" for f in r.findings)


def test_failed_source_is_not_run() -> None:
    from appaudit.model import Analysis, Coverage, Status

    cov = {"runtime": Coverage.of(Analysis.RUNTIME, Status.FAILED, "no device")}
    r = cmp.compare(Report(app=APP, sections={"runtime": {}}, coverage=cov), None, catalogue=None)
    assert "no device" in r.comparison.rules_not_evaluated["ASSOCIATED_START"]  # type: ignore[union-attr]


def test_a_degraded_policy_makes_policy_rules_that_find_nothing_not_evaluated() -> None:
    from appaudit.model import Analysis, Coverage, Status

    cov = {"policy": Coverage.of(Analysis.POLICY, Status.DEGRADED, "p.pdf: not analysed")}
    report = Report(app=APP, sections={s: {} for s in ("static", "policy")}, coverage=cov)
    r = cmp.compare(report, None, catalogue=None)
    assert "policy degraded (p.pdf: not analysed)" in r.comparison.rules_not_evaluated["PERMISSION_UNEXPLAINED"]  # type: ignore[union-attr]
    assert "SELF_START" in r.comparison.rules_evaluated  # type: ignore[union-attr]  # no policy needed


def _transfer(dt: str, actor: str, url: str, at: float, **d: Any) -> Evidence:
    host = url.split("/")[2]
    return ev(Source.NETWORK, "transfer", dt, actor, f"GET {url}", at=at, url=url, host=host, **d)


def test_host_and_started_package_rules_have_one_finding_per_subject() -> None:
    r = run(
        _transfer("imei", "umeng-analytics", "http://a.umeng.com/x", 1.0, tls=False, party="third"),
        _transfer("imei", "umeng-analytics", "http://b.umeng.com/y", 2.0, tls=False, party="third"),
        _transfer("gaid", "umeng-analytics", "http://b.umeng.com/y", 2.0, tls=False, party="third"),
        ev(Source.RUNTIME, "start_other", None, "jpush", "startService", at=5, target_package="com.tencent.mm"),
        ev(Source.RUNTIME, "start_other", None, "jpush", "startActivity", at=6, target_package="com.eg.android"),
        ev(Source.RUNTIME, "start_other", None, "jpush", "bindService", at=7, target_package="com.tencent.mm"),
    )

    def subjects(rule: str) -> dict[tuple[str, str | None, str], int]:
        return {(f.actor, f.data_type, f.subject): len(f.evidence) for f in r.findings if f.rule_id == rule}

    assert subjects("CLEARTEXT_TRANSFER") == {
        ("umeng-analytics", "imei", "a.umeng.com"): 1,
        ("umeng-analytics", "imei", "b.umeng.com"): 1,
        ("umeng-analytics", "gaid", "b.umeng.com"): 1,
    }
    assert subjects("UNDISCLOSED_SHARING") == subjects("CLEARTEXT_TRANSFER")
    assert subjects("IDENTIFIER_LINKING") == {("umeng-analytics", "gaid", "b.umeng.com"): 2}
    assert subjects("ASSOCIATED_START") == {("jpush", None, "com.tencent.mm"): 2, ("jpush", None, "com.eg.android"): 1}
    # each message names its own subject (one host used to stand for all of an actor's hosts)
    for f in r.findings:
        if f.rule_id in ("CLEARTEXT_TRANSFER", "UNDISCLOSED_SHARING", "ASSOCIATED_START"):
            assert f.subject in f.message and cmp.finding_key(f)[3] == f.subject


def test_a_non_collecting_librarys_call_sites_prove_no_collection_but_its_runtime_reads_do() -> None:
    """androidx's menu/night-mode helpers call PackageManager and LocationManager for the app's own features;
    static reachability over-approximates which run, so only a runtime read from them counts (issue 15: no
    name-only or library-plumbing findings)."""
    androidx = sdk("androidx", library=True)
    location = ev(Source.CODE, "call_site", "location_precise", "androidx", "Landroidx/appcompat/T;->l()V",
                  reachable=True)
    apps = ev(Source.CODE, "call_site", "app_list", "androidx", "Landroidx/appcompat/M;->o()V", reachable=True)
    umeng = ev(Source.CODE, "call_site", "app_list", "umeng-analytics", "Lcom/umeng/D;->a()V", reachable=True)
    static_only = run(androidx, sdk("umeng-analytics"), location, apps, umeng, declared("imei"))
    assert keys(static_only, "UNDECLARED_DATA_TYPE") == {("UNDECLARED_DATA_TYPE", "umeng-analytics", "app_list")}
    cells = {(row.data_type, c.actor): c for row in static_only.comparison.matrix for c in row.cells}  # type: ignore[union-attr]
    assert cells[("location_precise", "androidx")].verdict.value == "weak"  # shown, not a gap
    assert cells[("app_list", "umeng-analytics")].verdict.value == "gap"
    observed = run(androidx, location, read("location_precise", "androidx"), declared("imei"))
    assert ("UNDECLARED_DATA_TYPE", "androidx", "location_precise") in keys(observed)
