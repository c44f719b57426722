"""SARIF 2.1.0 output validates against the official schema and points at code, manifest and policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from appaudit.compare import rules
from appaudit.model import AppInfo, Report
from appaudit.report import render

# The official OASIS SARIF 2.1.0 schema (docs.oasis-open.org/sarif/sarif/v2.1.0), shipped with the tests.
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.is_file():
        pytest.fail(f"{SCHEMA} is missing: the SARIF schema ships with the tests")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_sarif_validates_and_has_one_rule_per_rule_id(hostile: Report, validator: Any) -> None:
    data = json.loads(render(hostile, "sarif"))
    validator.validate(data)
    run = data["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == list(rules()) and len(set(ids)) == len(ids)
    assert len(run["results"]) == len(hostile.findings)
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"] and res["locations"]


def test_sarif_locations_by_source(hostile: Report) -> None:
    run = json.loads(render(hostile, "sarif"))["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    code = by_rule["UNDECLARED_DATA_TYPE"]
    names = [
        ll["fullyQualifiedName"]
        for r in run["results"]
        if r["ruleId"] == "UNDECLARED_DATA_TYPE"
        for loc in r["locations"]
        for ll in loc.get("logicalLocations", [])
    ]
    assert any(n.startswith("com.x.") and n.endswith(".m") for n in names), names
    manifest = by_rule["RESTRICTED_PERMISSION"]["locations"][0]["physicalLocation"]
    assert manifest["artifactLocation"]["uri"] == "AndroidManifest.xml"
    policy = by_rule["DECLARED_NOT_OBSERVED"]["locations"][0]["physicalLocation"]
    assert policy == {"artifactLocation": {"uri": "policy.md"}, "region": {"startLine": 12}}
    runtime = by_rule["PRE_CONSENT_COLLECTION"]
    frames = [ll["fullyQualifiedName"] for ll in runtime["locations"][0].get("logicalLocations", [])]
    assert len(frames) == 1 and frames[0].startswith("com.evil.")  # the platform frame on top is skipped
    assert code["level"] == "error"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("hostjvm not run" in n["message"]["text"] for n in notes)


def test_sarif_for_an_empty_report_validates(validator: Any) -> None:
    data = json.loads(render(Report(app=AppInfo()), "sarif"))
    validator.validate(data)
    assert data["runs"][0]["results"] == []


def test_every_format_is_independent_of_evidence_order(hostile: Report) -> None:
    from dataclasses import replace

    from appaudit.compare import compare

    shuffled = compare(replace(hostile, evidence=tuple(reversed(hostile.evidence)), findings=()))
    for fmt in ("json", "html", "sarif", "md"):
        assert render(hostile, fmt) == render(shuffled, fmt), fmt


def test_runtime_location_skips_the_frames_attribution_skips() -> None:
    from appaudit.model import Evidence, Source
    from appaudit.report.sarif import _location

    stack = [
        "libcore.io.Linux.open(Native Method)",
        "appaudit.harness.Main.callEntry(Main.java:40)",
        "com.umeng.commonsdk.A.b(A.java:7)",
    ]
    e = Evidence("imei", Source.RUNTIME, "umeng-analytics", "TM.getDeviceId", {"kind": "read", "stack": stack})
    (logical,) = _location(e)["logicalLocations"]
    assert logical["fullyQualifiedName"] == "com.umeng.commonsdk.A.b"
