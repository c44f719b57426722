from __future__ import annotations

import json

import pytest

from appaudit.model import AppInfo, Evidence, Finding, Phase, Report, Severity, Source, merge_reports


def _ev(**kw: object) -> Evidence:
    base: dict[str, object] = {
        "data_type": "imei",
        "source": Source.RUNTIME,
        "actor": "umeng-analytics",
        "locator": "Lcom/umeng/A;->a()V",
        "detail": {"stack": ["a", "b"]},
        "at": 1.5,
        "phase": Phase.PRE_CONSENT,
    }
    base.update(kw)
    return Evidence(**base)  # type: ignore[arg-type]


def test_report_json_round_trip_is_lossless() -> None:
    ev = _ev()
    f = Finding("PRE_CONSENT_COLLECTION", Severity.HIGH, "t", "m", "imei", "umeng-analytics", (ev,))
    r = Report(
        app=AppInfo(package="com.x", min_sdk=21),
        evidence=(ev, _ev(source=Source.CODE, at=None, phase=None)),
        findings=(f,),
        sections={"static": {"sdks": []}},
        skipped={"network": "not run"},
        settings={"x": 1},
        tool_version="0.1.0",
        generated_at="2026-01-01T00:00:00Z",
    )
    text = json.dumps(r.to_dict())
    back = Report.from_dict(json.loads(text))
    assert back.to_dict() == r.to_dict()
    assert back.findings[0].evidence[0].phase is Phase.PRE_CONSENT


def test_ordering_is_deterministic_whatever_the_input_order() -> None:
    evs = [_ev(source=Source.POLICY, at=None), _ev(source=Source.MANIFEST, at=None), _ev(at=3.0), _ev(at=0.5)]
    a = Report(app=AppInfo(), evidence=tuple(evs)).to_dict()["evidence"]
    b = Report(app=AppInfo(), evidence=tuple(reversed(evs))).to_dict()["evidence"]
    assert a == b
    assert [e["source"] for e in a] == ["MANIFEST", "RUNTIME", "RUNTIME", "POLICY"]
    assert [e["at"] for e in a[1:3]] == [0.5, 3.0]


def test_findings_sorted_by_severity_first() -> None:
    lo = Finding("B", Severity.LOW, "t", "m", None, "app")
    hi = Finding("A", Severity.CRITICAL, "t", "m", None, "app")
    assert [f["rule_id"] for f in Report(app=AppInfo(), findings=(lo, hi)).to_dict()["findings"]] == ["A", "B"]
    assert Severity.CRITICAL.rank > Severity.HIGH.rank > Severity.INFO.rank


def test_records_are_frozen() -> None:
    with pytest.raises(AttributeError):
        _ev().actor = "x"  # type: ignore[misc]


def test_unknown_schema_version_is_rejected() -> None:
    with pytest.raises(ValueError, match="schema_version"):
        Report.from_dict({"schema_version": 99})


def test_merge_keeps_sections_and_drops_skips_of_sources_that_ran() -> None:
    a = Report(app=AppInfo(package="com.x"), sections={"static": {}}, skipped={"policy": "no policy given"})
    b = Report(app=AppInfo(), sections={"policy": {}}, skipped={"runtime": "not requested"})
    m = merge_reports([a, b])
    assert m.app.package == "com.x"
    assert set(m.sections) == {"static", "policy"}
    assert m.skipped == {"runtime": "not requested"}


def test_actor_is_a_type_parsed_at_the_boundary() -> None:
    from appaudit.model import Actor

    assert Actor.parse("app") is Actor.APP and Actor.APP.is_app and not Actor.APP.is_sdk
    assert Actor.parse("") is Actor.UNKNOWN and Actor.parse(None) is Actor.UNKNOWN
    assert Actor.parse("jpush").is_sdk and Actor.parse("jpush") == "jpush"
    e = _ev(actor="jpush")
    assert type(e.actor) is Actor and e.actor.is_sdk
    assert Evidence.from_dict(e.to_dict()).actor.is_sdk


def test_evidence_kind_is_an_enum_and_unknown_kinds_do_not_crash() -> None:
    from appaudit.model import EvidenceKind

    assert _ev(detail={"kind": "read"}).kind is EvidenceKind.READ
    assert _ev(detail={"kind": "telepathy"}).kind is EvidenceKind.OTHER
    assert _ev(detail={}).kind is EvidenceKind.OTHER


def test_schema_1_reports_are_still_read_with_subjects_and_comparison() -> None:
    from appaudit.model import Analysis, Status

    perm = _ev(
        source=Source.MANIFEST,
        detail={"kind": "permission", "permission": "android.permission.READ_PHONE_STATE"},
        at=None,
        phase=None,
        actor="app",
    )
    f = Finding("PERMISSION_UNEXPLAINED", Severity.MEDIUM, "t", "m", None, "app", (perm,))
    d = Report(app=AppInfo(package="com.x"), findings=(f,), sections={"static": {}}).to_dict()
    d["schema_version"] = 1
    del d["coverage"], d["comparison"]
    d["findings"][0].pop("subject")
    d["sections"]["compare"] = {"rules_evaluated": ["SELF_START"], "policy_given": False, "sdks": {"jpush": {}}}
    back = Report.from_dict(d)
    assert back.findings[0].subject == "READ_PHONE_STATE"
    assert back.comparison is not None and back.comparison.rules_evaluated == ("SELF_START",)
    assert [s.id for s in back.comparison.sdks] == ["jpush"]
    assert back.coverage_of(Analysis.STATIC).status is Status.COMPLETE
    assert back.coverage_of(Analysis.RUNTIME).status is Status.NOT_REQUESTED
    with pytest.raises(ValueError):
        Report.from_dict({**d, "schema_version": 3})


def test_coverage_and_comparison_round_trip() -> None:
    from appaudit.model import Analysis, Cell, CodeMark, Comparison, Coverage, MatrixRow, SdkSummary, Status

    cov = {"runtime": Coverage.of(Analysis.RUNTIME, Status.DEGRADED, "consent never observed")}
    comp = Comparison(
        policy_given=True,
        rules_evaluated=("A",),
        rules_not_evaluated={"B": "why"},
        sdks=(SdkSummary(Actor_("jpush"), "JPush", "Aurora", "push", True, False, (Source.CODE,)),),
        actors=(Actor_("app"), Actor_("jpush")),
        matrix=(
            MatrixRow(
                "imei",
                "IMEI",
                False,
                (Cell(Actor_("app"), False), Cell(Actor_("jpush"), False, CodeMark.REACHABLE, True)),
            ),
        ),
    )
    r = Report(app=AppInfo(), coverage=cov, comparison=comp)
    back = Report.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back.comparison == comp and back.coverage_of(Analysis.RUNTIME) == cov["runtime"]
    assert [c.verdict.value for c in back.comparison.matrix[0].cells] == ["empty", "gap"]
    assert r.to_dict()["coverage"]["network"] == {"status": "not requested", "reasons": [], "sources": ["NETWORK"]}


def Actor_(value: str):  # type: ignore[no-untyped-def]
    from appaudit.model import Actor

    return Actor.parse(value)


def test_each_kind_has_a_frozen_detail_record_that_round_trips() -> None:
    from dataclasses import FrozenInstanceError

    from appaudit.model import DETAIL_TYPES, EvidenceKind, OtherDetail, ReadDetail, TransferDetail, parse_detail

    assert set(DETAIL_TYPES) == set(EvidenceKind)
    raw = {"kind": "read", "api": "TM.getDeviceId", "stack": ["a"], "foreground": True, "value": "8675", "via": "jni"}
    d = parse_detail(raw)
    assert isinstance(d, ReadDetail) and d.stack == ("a",) and d.foreground is True
    assert d.extra == {"via": "jni"} and d.to_dict() == {**raw, "thread": ""}  # unknown keys survive
    assert d.get("via") == "jni" and d["api"] == "TM.getDeviceId" and "value_sha256" not in d
    with pytest.raises(FrozenInstanceError):
        d.api = "x"  # type: ignore[misc]
    # hostile JSON gets the declared types, never a crash later
    t = parse_detail({"kind": "transfer", "host": 5, "tls": "yes", "time": "soon", "url": None})
    assert isinstance(t, TransferDetail) and t.host == "5" and t.tls is True and t.time is None and t.url == ""
    other = parse_detail({"kind": "telepathy", "x": [1]})
    assert isinstance(other, OtherDetail) and other.to_dict() == {"kind": "telepathy", "x": [1]}
    ev = Evidence("imei", Source.RUNTIME, "app", "l", raw)
    assert ev.detail == d and Evidence.from_dict(ev.to_dict()) == ev


def test_generated_detail_readers_convert_like_the_declared_types() -> None:
    """The per-record readers (generated for speed) give each field what its declared type's converter gives."""
    from dataclasses import MISSING, fields

    from appaudit.model import _CONVERT, DETAIL_TYPES, EvidenceKind, parse_detail

    hostile: list[object] = [None, "s", "", 3, 0, 2.5, True, False, ["a", 1, None], ("t",), {"k": [1, (2,)]}, "x" * 3]
    for kind, cls in DETAIL_TYPES.items():
        if kind is EvidenceKind.OTHER:
            continue
        required = {f.name: "req" for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
        for f in fields(cls):
            if f.name == "extra":
                continue
            for value in hostile:
                record = parse_detail({"kind": kind.value, **required, f.name: value, "newer_key": (1, 2)})
                assert getattr(record, f.name) == _CONVERT[str(f.type)](value), (cls.__name__, f.name, value)
                assert record.extra == {"newer_key": [1, 2]}
                again = parse_detail(json.loads(json.dumps(record.to_dict())))
                assert again == record and list(again.to_dict()) == list(record.to_dict())
            if f.default is not MISSING:  # absent: the default
                assert getattr(parse_detail({"kind": kind.value, **required}), f.name) == f.default


def test_schema_1_findings_get_their_host_and_started_package_subjects() -> None:
    sent = _ev(source=Source.NETWORK, detail={"kind": "transfer", "host": "t.umeng.com", "tls": False})
    started = _ev(detail={"kind": "start_other", "target_package": "com.tencent.mm"}, data_type=None)
    findings = (
        Finding("CLEARTEXT_TRANSFER", Severity.HIGH, "t", "m", "imei", "umeng-analytics", (sent,)),
        Finding("ASSOCIATED_START", Severity.MEDIUM, "t", "m", None, "umeng-analytics", (started,)),
        Finding("PRE_CONSENT_COLLECTION", Severity.HIGH, "t", "m", "imei", "umeng-analytics", (sent,)),
    )
    d = Report(app=AppInfo(package="com.x"), findings=findings).to_dict()
    d["schema_version"] = 1
    for f in d["findings"]:
        f.pop("subject")
    # per-item rules get the subject compare now gives them; rules keyed by actor and type alone none;
    # the same for version-2 reports written before these rules had a subject (gate baselines)
    for version in (1, 2):
        subjects = {f.rule_id: f.subject for f in Report.from_dict({**d, "schema_version": version}).findings}
        assert subjects == {
            "CLEARTEXT_TRANSFER": "t.umeng.com",
            "ASSOCIATED_START": "com.tencent.mm",
            "PRE_CONSENT_COLLECTION": "",
        }
