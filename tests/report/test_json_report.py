"""The JSON report: deterministic, round-trips through Report.from_dict, validates against its schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

import jsonschema
import pytest

from appaudit.errors import InputError
from appaudit.model import AppInfo, Evidence, Finding, Phase, Report, Severity, Source
from appaudit.report import FORMATS, render


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("appaudit.data").joinpath("report.schema.json").read_text(encoding="utf-8")
    )
    return data


def _report() -> Report:
    read = Evidence(
        "imei",
        Source.RUNTIME,
        "umeng-analytics",
        "TelephonyManager.getDeviceId",
        {"api": "getDeviceId", "stack": ["com.umeng.x.A.b"], "tags": {"b", "a"}, "file": PurePosixPath("x/y")},
        at=1.5,
        phase=Phase.PRE_CONSENT,
    )
    perm = Evidence(None, Source.MANIFEST, "app", "AndroidManifest.xml uses-permission", {"permission": "P"})
    return Report(
        app=AppInfo(package="com.example", version_name="1.0", target_sdk=33),
        evidence=(read, perm),
        findings=(Finding("PRE_CONSENT_COLLECTION", Severity.HIGH, "t", "m 中文", "imei", "umeng-analytics", (read,)),),
        skipped={"network": "no --flows given"},
        settings={"window_seconds": 30},
        tool_version="0.1.0",
        generated_at="2026-11-22T00:00:00Z",
    )


def test_json_validates_against_schema_and_round_trips() -> None:
    text = render(_report(), "json")
    data = json.loads(text)
    jsonschema.Draft202012Validator(_schema()).validate(data)
    assert "m 中文" in text  # UTF-8 kept readable, not \u-escaped
    back = Report.from_dict(data)
    assert back.findings[0].rule_id == "PRE_CONSENT_COLLECTION"
    assert back.evidence[0].source is Source.MANIFEST  # canonical order: MANIFEST before RUNTIME
    # sets in detail become sorted lists, paths become strings
    runtime = next(e for e in data["evidence"] if e["source"] == "RUNTIME")
    assert runtime["detail"]["tags"] == ["a", "b"] and runtime["detail"]["file"] == "x/y"


def test_json_is_deterministic() -> None:
    assert render(_report(), "json") == render(_report(), "json")


def test_schema_rejects_a_bad_report() -> None:
    data = json.loads(render(_report(), "json"))
    data["findings"][0]["severity"] = "urgent"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(data)


def test_unknown_format_is_an_input_error() -> None:
    assert "json" in FORMATS
    with pytest.raises(InputError, match="unknown"):
        render(_report(), "docx")
