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
