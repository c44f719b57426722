"""demo-aggressive under the hostjvm harness with the privacy dialog refused: each planted runtime event
(permission request, refusal, foreground and background reads, repeated reads, a start of another app)
is caught with its data type, API, actor, phase and caller, on the lifecycle the harness plays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import AGGRESSIVE, SAMPLES, expected, records

from appaudit.errors import InputError
from appaudit.runtime import attribution, consent, session
from appaudit.runtime.trace import load_trace


def _of(path: Path, kind: str) -> list[dict[str, Any]]:
    return [r for r in records(path) if r["type"] == kind]


def test_the_harness_refuses_and_the_trace_says_so(aggressive_trace: Path) -> None:
    runtime = expected(AGGRESSIVE)["runtime"]
    header = records(aggressive_trace)[0]
    assert header["settings"]["consent_action"] == "refuse"
    assert header["consent"]["refusal_hook"] == runtime["refusal_hook"]
    [refusal] = _of(aggressive_trace, "refusal")
    assert (refusal["method"], refusal["target"]) == ("hook", runtime["refusal_hook"])
    assert _of(aggressive_trace, "consent") == []  # onAgree never ran
    section = load_trace(aggressive_trace).sections["runtime"]
    assert section["consent"] is None and section["refusal"]["at"] == refusal["at"]
    assert section["complete"] is True


def test_every_planted_read_is_caught(aggressive_trace: Path) -> None:
    report = load_trace(aggressive_trace)
    refusal_at = report.sections["runtime"]["refusal"]["at"]
    reads = [e for e in report.evidence if e.detail.get("kind") == "read"]
    planted = expected(AGGRESSIVE)["runtime"]["reads"]
    for want in planted:
        hits = [
            e
            for e in reads
            if (e.data_type, e.locator, e.actor, e.phase.value if e.phase else None)
            == (want["data_type"], want["api"], want["actor"], want["phase"])
            and attribution.first_caller(e.detail["stack"]) == want["caller_class"]
        ]
        assert len(hits) == want["count"], f"planted read {want}: saw {hits}"
        assert {e.detail["foreground"] for e in hits} == {want["foreground"]}
        assert {e.at is not None and e.at > refusal_at for e in hits} == {want["after_refusal"]}
    assert len(reads) == sum(w["count"] for w in planted)  # and nothing else was read


def test_permission_request_and_associated_start(aggressive_trace: Path) -> None:
    runtime = expected(AGGRESSIVE)["runtime"]
    got = [
        {
            "permissions": r["permissions"],
            "actor": r["actor"],
            "phase": r["phase"],
            "caller_class": attribution.first_caller(r["stack"]),
        }
        for r in _of(aggressive_trace, "permission_request")
    ]
    assert got == runtime["permission_requests"]
    starts = [
        {
            "method": r["method"],
            "target_package": r["target_package"],
            "component": r["component"],
            "actor": r["actor"],
            "caller_class": attribution.first_caller(r["stack"]),
        }
        for r in _of(aggressive_trace, "start_other")
    ]
    assert starts == runtime["starts"]


def test_lifecycle_order_makes_the_service_reads_background(aggressive_trace: Path) -> None:
    recs = records(aggressive_trace)
    order = [(r["type"], r.get("state")) for r in recs if r["type"] in ("permission_request", "lifecycle", "refusal")]
    # onCreate asks, onResume shows the app, the dialog is refused, onPause leaves the foreground
    assert order == [
        ("permission_request", None),
        ("lifecycle", "foreground"),
        ("refusal", None),
        ("lifecycle", "background"),
    ]
    gone = next(r["at"] for r in recs if r.get("state") == "background")
    imei = [r for r in recs if r["type"] == "read" and r["data_type"] == "imei"]
    assert imei and all(r["at"] >= gone and r["foreground"] is False for r in imei)


def test_bad_consent_options(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="consent-action"):
        session.RunOptions.from_kwargs({"consent_action": "later"})
    apk = SAMPLES / AGGRESSIVE / f"{AGGRESSIVE}.apk"
    with pytest.raises(InputError, match="hostjvm harness"):  # on a device the user answers the dialog
        session.run(apk, "android", tmp_path / "t.jsonl", consent_action="refuse")
    with pytest.raises(InputError, match="refusal-hook"):
        consent.settings(refusal_hook="noDot")
    assert consent.settings(refusal_hook="com.x.D.no").to_agent()["refusal_hook"] == "com.x.D.no"
