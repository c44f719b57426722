"""Golden tests: `audit` on the sample apps finds exactly the planted gaps of their expected.json.

Each sample app ships `expected.json` with the findings its scenario plants. An audit can only be
held to the findings of rules it could evaluate (a rule whose source did not run is listed as not
evaluated, see compare.py), so each mode compares against the expected findings of those rules,
and requires that nothing else fires.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from appaudit.audit import AuditOptions, audit
from appaudit.compare import Settings, sources_ran
from appaudit.model import (
    EvidenceKind,
    Finding,
    PermissionRequestDetail,
    RefusalDetail,
    Report,
    Source,
    TransferDetail,
)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_apks"
APPS = sorted(p.name for p in SAMPLES.iterdir() if (p / "expected.json").is_file()) if SAMPLES.is_dir() else []


def _expected(app: str) -> list[dict[str, Any]]:
    data = json.loads((SAMPLES / app / "expected.json").read_text(encoding="utf-8"))
    findings: list[dict[str, Any]] = data["findings"]
    return findings


def _runtime(app: str) -> dict[str, Any]:
    """expected.json's runtime: the consent hook, and how the run answers the dialog and is judged."""
    runtime: dict[str, Any] = json.loads((SAMPLES / app / "expected.json").read_text(encoding="utf-8"))["runtime"]
    return runtime


def _run_options(app: str) -> dict[str, Any]:
    rt = _runtime(app)
    options = {"consent_hook": rt["consent_hook"]}
    if rt.get("consent_action", "agree") != "agree":
        options["consent_action"] = rt["consent_action"]
    return options


def _shows(f: Finding) -> set[str]:
    """What the evidence of a finding keyed by actor and type alone shows: the hosts data went to, the
    permissions asked (expected.json's `evidence_shows`; a per-item finding's `subject` is its own)."""
    out: set[str] = set()
    for e in f.evidence:
        if isinstance(e.detail, TransferDetail):
            out.add(e.detail.host)
        elif isinstance(e.detail, PermissionRequestDetail):
            out.update(e.detail.permissions)
    return out


def _matches(exp: dict[str, Any], f: Finding) -> bool:
    return (
        exp["rule_id"] == f.rule_id
        and exp.get("actor") == f.actor
        and exp.get("data_type") == f.data_type
        and ("subject" not in exp or exp["subject"] == f.subject)
        and ("evidence_shows" not in exp or exp["evidence_shows"] in _shows(f))
    )


def _check(app: str, report: Report) -> None:
    # A degraded or failed source would silently shrink the expected set below: every source that ran
    # must be complete, so the comparison really holds the app to all its planted gaps.
    short = [
        (c.name, c.status.value, c.reasons) for c in report.coverage_all() if c.status.value in ("degraded", "failed")
    ]
    assert not short, f"{app}: incomplete sources {short}"
    assert report.comparison is not None
    evaluated = set(report.comparison.rules_evaluated)
    # `source`: the one evidence source that proves a finding of a rule several sources can prove
    ran = {s.value for s in sources_ran(report)}
    expected = [e for e in _expected(app) if e["rule_id"] in evaluated and e.get("source", "") in ran | {""}]
    missing = [e for e in expected if not any(_matches(e, f) for f in report.findings)]
    extra = [
        (f.rule_id, f.actor, f.data_type, f.message)
        for f in report.findings
        if not any(_matches(e, f) for e in expected)
    ]
    assert not missing and not extra, f"{app}: missing {missing}; unexpected {extra}"


@pytest.fixture(scope="module")
def static_reports() -> dict[str, Report]:
    return {
        app: audit(
            SAMPLES / app / f"{app}.apk",
            AuditOptions(policies=(SAMPLES / app / "policy.md",), generated_at="2026-11-22T00:00:00Z"),
        )
        for app in APPS
    }


def test_sample_apps_exist() -> None:
    assert {"demo-news", "demo-clean"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_static_and_policy_find_exactly_the_planted_gaps(app: str, static_reports: dict[str, Report]) -> None:
    report = static_reports[app]
    assert "static" in report.sections and "policy" in report.sections, report.skipped
    _check(app, report)


def test_demo_news_names_its_planted_gaps(static_reports: dict[str, Report]) -> None:
    keys = {(f.rule_id, f.actor, f.data_type) for f in static_reports["demo-news"].findings}
    assert ("UNDECLARED_DATA_TYPE", "umeng-analytics", "mac") in keys
    assert ("UNDECLARED_DATA_TYPE", "jpush", "app_list") in keys
    assert ("UNDECLARED_SDK", "msa-oaid", None) in keys


def test_demo_clean_yields_no_findings(static_reports: dict[str, Report]) -> None:
    assert static_reports["demo-clean"].findings == ()


@pytest.fixture(scope="module")
def runtime_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    pytest.importorskip("appaudit.runtime.session", reason="the runtime area is not part of this build")
    work = tmp_path_factory.mktemp("runs")
    out = {}
    for app in APPS:
        options = AuditOptions(
            policies=(SAMPLES / app / "policy.md",),
            run="hostjvm",
            run_options=_run_options(app),
            work_dir=work,
            settings=Settings(**_runtime(app).get("settings", {})),
            generated_at="2026-11-22T00:00:00Z",
        )
        out[app] = audit(SAMPLES / app / f"{app}.apk", options)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("app", APPS)
def test_hostjvm_run_adds_exactly_the_planted_runtime_gaps(app: str, runtime_reports: dict[str, Report]) -> None:
    report = runtime_reports[app]
    assert "runtime" in report.sections, report.skipped.get("runtime")
    answered = {"agree": "consent_at", "refuse": "refusal_at"}.get(_runtime(app).get("consent_action", "agree"))
    if answered is not None:
        assert getattr(report.comparison, answered) is not None  # the consent (refusal) hook fired
    _check(app, report)


@pytest.fixture(scope="module")
def captured(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """demo-network run on hostjvm behind a real offline mitmdump on loopback (no traffic leaves).

    The capture starts from a partial profile (the IMEI only), as on a real device whose other values
    are unknown before the run: the rest must come from the run's hook values and the rescan.
    """
    pytest.importorskip("appaudit.runtime.session", reason="the runtime area is not part of this build")
    app = "demo-network"
    hook = json.loads((SAMPLES / app / "expected.json").read_text(encoding="utf-8"))["runtime"]["consent_hook"]
    work = tmp_path_factory.mktemp("capture")
    partial = work / "imei-only.json"
    partial.write_text(json.dumps({"imei": "867530912345678"}), encoding="utf-8")
    options = AuditOptions(
        policies=(SAMPLES / app / "policy.md",),
        run="hostjvm",
        capture=True,
        capture_profile=partial,
        run_options={"consent_hook": hook},
        work_dir=work,
        generated_at="2026-11-22T00:00:00Z",
    )
    return audit(SAMPLES / app / f"{app}.apk", options)


@pytest.mark.slow
def test_capture_finds_what_the_hooks_saw_beyond_the_given_profile(captured: Report) -> None:
    net = captured.sections["network"]
    origin = net["profile"]
    # android_id, oaid and mac were not in the given profile: the trace's read values supplied them
    assert origin["from_trace"] == {"android_id": 1, "mac": 1, "oaid": 1, "wifi_info": 1}
    assert origin["hashed_only"] == [] and origin["notes"] == []
    assert captured.settings["network.profile_from_trace"] == "android_id (1), mac (1), oaid (1), wifi_info (1)"
    assert net["file"].endswith(".flows.rescan.jsonl") and Path(origin["flow_file"]).stat().st_size > 0
    # the live capture, scanned with the partial profile only, found the IMEI alone
    live = [json.loads(x) for x in Path(origin["live_capture"]).read_text(encoding="utf-8").splitlines()]
    assert {h["data_type"] for line in live for h in line["hits"]} == {"imei"}
    expected = json.loads((SAMPLES / "demo-network" / "expected.json").read_text(encoding="utf-8"))["network"]
    found = {
        (e.detail["host"], e.data_type, e.detail["encoding"], e.detail["where"])
        for e in captured.evidence
        if e.source is Source.NETWORK
    }
    assert found == {(x["host"], x["data_type"], x["encoding"], x["where"]) for x in expected}


@pytest.mark.slow
def test_capture_finds_the_cleartext_transfer(captured: Report) -> None:
    assert "network" in captured.sections and "runtime" in captured.sections, captured.skipped
    hits = [f for f in captured.findings if f.rule_id == "CLEARTEXT_TRANSFER"]
    assert [(f.actor, f.data_type) for f in hits] == [("jpush", "mac")]
    assert {e.detail["host"] for e in hits[0].evidence} == {"stats.jpush.cn"}
    assert all(e.phase is None and e.at is not None for e in hits[0].evidence)  # on the runtime clock


@pytest.mark.slow
def test_capture_finds_exactly_the_planted_network_gaps(captured: Report) -> None:
    _check("demo-network", captured)


def test_real_reports_validate_as_json_and_sarif(static_reports: dict[str, Report]) -> None:
    from importlib import resources

    import jsonschema

    from appaudit.report import render

    schema = json.loads(resources.files("appaudit.data").joinpath("report.schema.json").read_text(encoding="utf-8"))
    sarif_path = Path(__file__).resolve().parent / "report" / "data" / "sarif-schema-2.1.0.json"
    sarif_schema = json.loads(sarif_path.read_text(encoding="utf-8"))
    sarif = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    for app, report in static_reports.items():
        jsonschema.Draft202012Validator(schema).validate(json.loads(render(report, "json")))
        data = json.loads(render(report, "sarif"))
        sarif.validate(data)
        assert len(data["runs"][0]["results"]) == len(report.findings), app
    # SDK_EXCEEDS_DISCLOSURE points at the code and, as related locations, at the SDK's row in the policy
    results = json.loads(render(static_reports["demo-news"], "sarif"))["runs"][0]["results"]
    exceeds = next(r for r in results if r["ruleId"] == "SDK_EXCEEDS_DISCLOSURE")
    assert "logicalLocations" in exceeds["locations"][0]
    policy = [loc["physicalLocation"] for loc in exceeds["relatedLocations"] if "physicalLocation" in loc]
    assert policy and all(p["artifactLocation"]["uri"] == "policy.md" and p["region"]["startLine"] > 1 for p in policy)


def test_gate_from_the_clean_app_to_demo_news_lists_what_it_adds(
    static_reports: dict[str, Report], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from appaudit.cli import main
    from appaudit.report import render

    base, new = tmp_path / "clean.json", tmp_path / "news.json"
    base.write_text(render(static_reports["demo-clean"], "json"), encoding="utf-8")
    new.write_text(render(static_reports["demo-news"], "json"), encoding="utf-8")
    r = CliRunner().invoke(main, ["gate", str(new), "--baseline", str(base)])
    assert r.exit_code == 1
    for line in ("!+ msa-oaid", "!+ QUERY_ALL_PACKAGES", "!+ mac (umeng-analytics)", "!+ app_list (jpush)"):
        assert line in r.output, r.output
    r = CliRunner().invoke(main, ["gate", str(new), "--baseline", str(new)])
    assert r.exit_code == 0 and "gate: PASS" in r.output


@pytest.fixture(scope="module")
def aggressive(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """`appaudit audit demo-aggressive --run hostjvm --capture` from the command line, the policy refused:
    the real APK under Frida on the local JVM behind a real offline mitmdump on loopback."""
    pytest.importorskip("appaudit.runtime.session", reason="the runtime area is not part of this build")
    from click.testing import CliRunner

    from appaudit.cli import main

    app = "demo-aggressive"
    rt, work = _runtime(app), tmp_path_factory.mktemp("aggressive")
    settings = rt["settings"]
    out = work / "report.json"
    argv = [
        "audit",
        str(SAMPLES / app / f"{app}.apk"),
        *("--policy", str(SAMPLES / app / "policy.md")),
        *("--run", "hostjvm", "--capture", "--work-dir", str(work)),
        *("--consent-hook", rt["consent_hook"], "--consent-action", rt["consent_action"]),
        *("--frequency-max", str(settings["frequency_max_reads"])),
        *("--frequency-window", str(settings["frequency_window_s"])),
        *("--frequency-grace", str(settings["frequency_grace_s"])),
        *("-o", str(out)),
    ]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output
    return Report.from_dict(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_aggressive_cli_audit_finds_exactly_the_planted_gaps(aggressive: Report) -> None:
    assert {"static", "policy", "runtime", "network"} <= set(aggressive.sections), aggressive.skipped
    assert aggressive.skipped == {}
    _check("demo-aggressive", aggressive)
    # the frequency settings of the command line are the ones applied, and the report says so
    want = _runtime("demo-aggressive")["settings"]
    assert {k: aggressive.settings[k] for k in want} == want


def _finding(report: Report, rule_id: str, actor: str, data_type: str | None) -> Finding:
    hits = [f for f in report.findings if (f.rule_id, f.actor, f.data_type) == (rule_id, actor, data_type)]
    assert len(hits) == 1, [(f.rule_id, f.actor, f.data_type) for f in report.findings]
    return hits[0]


@pytest.mark.slow
def test_aggressive_refusal_and_permission_evidence(aggressive: Report) -> None:
    compare = aggressive.comparison
    assert compare is not None and compare.consent_at is None and compare.refusal_at is not None
    refusal_at = compare.refusal_at
    perm = _finding(aggressive, "PRE_CONSENT_PERMISSION", "app", None)
    [request] = perm.evidence
    assert request.detail["permissions"] == ["android.permission.READ_PHONE_STATE"]
    assert request.at is not None and request.at < refusal_at  # asked before the dialog was answered
    assert request.detail["stack"][0].startswith("com.appaudit.demo.aggressive.MainActivity.onCreate")
    for actor, dt in (("getui", "imei"), ("talkingdata", "android_id")):
        late = _finding(aggressive, "COLLECTION_AFTER_REFUSAL", actor, dt)
        reads = [e for e in late.evidence if e.kind is EvidenceKind.READ]
        assert reads and all(e.at is not None and e.at > refusal_at for e in reads)
        assert [e.detail.method for e in late.evidence if isinstance(e.detail, RefusalDetail)] == ["hook"]
    # the app's own read in onResume came before the refusal: not a read after refusal
    assert not [f for f in aggressive.findings if f.rule_id == "COLLECTION_AFTER_REFUSAL" and f.actor.is_app]


@pytest.mark.slow
def test_aggressive_background_frequency_and_start_evidence(aggressive: Report) -> None:
    for actor, dt in (("getui", "imei"), ("talkingdata", "android_id")):
        bg = _finding(aggressive, "BACKGROUND_COLLECTION", actor, dt)
        assert bg.evidence and all(e.detail["foreground"] is False for e in bg.evidence)
    often = _finding(aggressive, "EXCESSIVE_FREQUENCY", "getui", "imei")
    # reads within the same millisecond are identical evidence and kept once; the message counts them all
    assert {e.locator for e in often.evidence} == {"TelephonyManager.getDeviceId()"}
    assert "5 times within 30 s" in often.message and "5 reads in all" in often.message
    start = _finding(aggressive, "ASSOCIATED_START", "getui", None)
    assert {(e.locator, e.detail["target_package"], e.detail["component"]) for e in start.evidence} == {
        ("startService", "com.tencent.mm", "com.tencent.mm.booter.CoreService")
    }


@pytest.mark.slow
def test_aggressive_undisclosed_tracker_is_caught_in_traffic(aggressive: Report) -> None:
    profile = json.loads((SAMPLES / "device_profile.json").read_text(encoding="utf-8"))
    shared = _finding(aggressive, "UNDISCLOSED_SHARING", "unknown", "android_id")
    [sent] = shared.evidence
    assert sent.source is Source.NETWORK and sent.detail["host"] == "collect.tracker.invalid"
    assert (sent.detail["encoding"], sent.detail["where"], sent.detail["tls"]) == ("raw", "query:aid", True)
    assert profile["android_id"] in sent.detail["url"]
    assert "recipient not named in the policy" in shared.message and "before consent" in shared.message
