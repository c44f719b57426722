"""SARIF 2.1.0 output: valid against the official schema, and meeting what GitHub code scanning requires
beyond it (docs.github.com "SARIF support for code scanning"), with locations mapped into a repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from appaudit.compare import rules
from appaudit.model import AppInfo, Evidence, Report, Source
from appaudit.report import render
from appaudit.report.options import RenderOptions
from appaudit.report.sarif import FINGERPRINT, SRCROOT, to_sarif
from appaudit.report.sourcemap import source_map

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


def code_scanning_problems(data: dict[str, Any]) -> list[str]:
    """What GitHub code scanning would reject or mis-show in a SARIF file, per its documented requirements.

    - version 2.1.0; every run has tool.driver.name and rules with unique ids, each with shortDescription,
      fullDescription and help text; security-severity, when given, a string number in [0, 10] on a rule
      tagged "security"; at most 20 tags per rule
    - every result: a ruleId of the driver's rules (ruleIndex pointing at it), a non-empty message.text,
      at least one location with physicalLocation.artifactLocation.uri (relative, no absolute or file:
      path) and region.startLine >= 1; partialFingerprints with string values; at most 10 locations;
      at most 25,000 results per run
    """
    problems: list[str] = []
    if data.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    for run in data.get("runs", []):
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            problems.append("tool.driver.name missing")
        rule_list = driver.get("rules", [])
        ids = [r.get("id") for r in rule_list]
        if len(set(ids)) != len(ids):
            problems.append("duplicate rule ids")
        for rule in rule_list:
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    problems.append(f"rule {rule.get('id')}: no {key}.text")
            props = rule.get("properties", {})
            sev = props.get("security-severity")
            if sev is not None:
                if not isinstance(sev, str) or not 0.0 <= float(sev) <= 10.0:
                    problems.append(f"rule {rule['id']}: security-severity {sev!r} is not a string in 0..10")
                if "security" not in props.get("tags", []):
                    problems.append(f"rule {rule['id']}: security-severity without the security tag")
            if len(props.get("tags", [])) > 20:
                problems.append(f"rule {rule['id']}: more than 20 tags")
        results = run.get("results", [])
        if len(results) > 25_000:
            problems.append("more than 25,000 results")
        for i, res in enumerate(results):
            where = f"result {i} ({res.get('ruleId')})"
            if res.get("ruleId") not in ids:
                problems.append(f"{where}: ruleId not in the driver's rules")
            elif "ruleIndex" in res and ids[res["ruleIndex"]] != res["ruleId"]:
                problems.append(f"{where}: ruleIndex points at another rule")
            if not res.get("message", {}).get("text"):
                problems.append(f"{where}: empty message")
            locs = res.get("locations", [])
            if not locs:
                problems.append(f"{where}: no location")
            if len(locs) > 10:
                problems.append(f"{where}: more than 10 locations")
            for loc in locs + res.get("relatedLocations", []):
                phys = loc.get("physicalLocation")
                if not phys:
                    problems.append(f"{where}: a location without physicalLocation")
                    continue
                uri = phys.get("artifactLocation", {}).get("uri", "")
                if not uri or uri.startswith(("/", "file:")) or ":\\" in uri:
                    problems.append(f"{where}: artifact uri {uri!r} is not a repository-relative path")
                if phys.get("region", {}).get("startLine", 0) < 1:
                    problems.append(f"{where}: no region.startLine")
            fps = res.get("partialFingerprints")
            if not fps or not all(isinstance(v, str) and v for v in fps.values()):
                problems.append(f"{where}: no partialFingerprints")
    return problems


def test_sarif_validates_and_meets_code_scanning_requirements(hostile: Report, validator: Any) -> None:
    data = json.loads(render(hostile, "sarif"))
    validator.validate(data)
    assert code_scanning_problems(data) == []
    run = data["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == list(rules())
    assert len(run["results"]) == len(hostile.findings)
    for res in run["results"]:
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == SRCROOT


def test_the_checker_catches_what_code_scanning_rejects(hostile: Report) -> None:
    """The requirement check itself can fail: the old output (logical-only locations) is caught."""
    data = json.loads(render(hostile, "sarif"))
    res = data["runs"][0]["results"][0]
    res["locations"] = [{"logicalLocations": [{"fullyQualifiedName": "a.B.c"}]}]
    del res["partialFingerprints"]
    data["runs"][0]["results"].append({"ruleId": "NOPE", "message": {"text": "x"}, "locations": []})
    problems = code_scanning_problems(data)
    assert any("without physicalLocation" in p for p in problems)
    assert any("no partialFingerprints" in p for p in problems)
    assert any("ruleId not in" in p for p in problems) and any("no location" in p for p in problems)


def test_fingerprints_are_stable_and_distinct(hostile: Report) -> None:
    a = json.loads(render(hostile, "sarif"))["runs"][0]["results"]
    b = json.loads(render(hostile, "sarif"))["runs"][0]["results"]
    fps = [r["partialFingerprints"][FINGERPRINT] for r in a]
    assert fps == [r["partialFingerprints"][FINGERPRINT] for r in b]
    assert len(set(fps)) == len(fps)  # one per finding


def test_locations_by_source_without_a_repository(hostile: Report) -> None:
    run = to_sarif(hostile)["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    # code: the APK, with the calling method beside it
    code = next(
        r for r in run["results"] if r["ruleId"] == "UNDECLARED_DATA_TYPE" and r["properties"]["data_type"] == "mac"
    )
    loc = code["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "demo.apk"
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "com.x.Y.m"
    # manifest without a repository manifest: the APK, the element as logical location
    manifest = by_rule["RESTRICTED_PERMISSION"]["locations"][0]
    assert manifest["physicalLocation"]["artifactLocation"]["uri"] == "demo.apk"
    assert "QUERY_ALL_PACKAGES" in manifest["logicalLocations"][0]["fullyQualifiedName"]
    # policy: its file and line
    policy = by_rule["DECLARED_NOT_OBSERVED"]["locations"][0]["physicalLocation"]
    assert policy == {"artifactLocation": {"uri": "policy.md", "uriBaseId": SRCROOT}, "region": {"startLine": 12}}
    # runtime: the first frame outside the platform
    frames = by_rule["PRE_CONSENT_COLLECTION"]["locations"][0]["logicalLocations"]
    assert len(frames) == 1 and frames[0]["fullyQualifiedName"].startswith("com.evil.")
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("hostjvm not run" in n["message"]["text"] for n in notes)


def test_source_root_maps_apk_manifest_policy_and_own_code(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "app/src/main/java/com/shop").mkdir(parents=True)
    (repo / "app/build/outputs/apk").mkdir(parents=True)
    (repo / "docs").mkdir()
    apk = repo / "app/build/outputs/apk/app-release.apk"
    apk.write_bytes(b"PK")
    (repo / "app/src/main/AndroidManifest.xml").write_text(
        '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.shop">\n'
        "  <uses-permission\n"
        '      android:name="android.permission.READ_PHONE_STATE" />\n'
        "  <application>\n"
        '    <receiver android:name=".BootReceiver" />\n'
        "  </application>\n"
        "</manifest>\n",
        encoding="utf-8",
    )
    (repo / "app/src/main/java/com/shop/Tracker.java").write_text("class Tracker {}\n", encoding="utf-8")
    policy = repo / "docs/privacy.md"
    policy.write_text("# Privacy\n\nWe collect nothing.\n", encoding="utf-8")

    def e(src: Source, kind: str, dt: str | None, loc: str, **d: object) -> Evidence:
        return Evidence(dt, src, "app", loc, {"kind": kind, **d})

    report = Report(
        app=AppInfo(package="com.shop", file="app-release.apk"),
        evidence=(
            e(
                Source.MANIFEST,
                "permission",
                None,
                "AndroidManifest.xml uses-permission",
                permission="android.permission.READ_PHONE_STATE",
                protection_level="dangerous",
            ),
            e(
                Source.MANIFEST,
                "component",
                None,
                "AndroidManifest.xml <receiver com.shop.BootReceiver>",
                name="com.shop.BootReceiver",
                component_type="receiver",
                self_start=True,
                actions=["android.intent.action.BOOT_COMPLETED"],
            ),
            e(
                Source.CODE,
                "call_site",
                "imei",
                "Lcom/shop/Tracker;->id()V @0x2",
                caller_class="com.shop.Tracker",
                caller_method="id()V",
                reachable=True,
            ),
            e(
                Source.POLICY,
                "declared_data_type",
                "oaid",
                "privacy.md §Privacy ¶1",
                quote="We collect nothing.",
                file="privacy.md",
                line=3,
            ),
        ),
        sections={"static": {}, "policy": {}},
    )
    from appaudit.compare import compare

    report = compare(report)
    paths = source_map(repo, apk=apk, policies=[policy], package="com.shop")
    assert paths.manifest == "app/src/main/AndroidManifest.xml" and paths.apk == "app/build/outputs/apk/app-release.apk"
    data = to_sarif(report, RenderOptions(paths=paths))
    assert code_scanning_problems(data) == []
    where = {
        r["ruleId"]: (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                      r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in data["runs"][0]["results"]
    }  # fmt: skip
    assert where["PERMISSION_UNEXPLAINED"] == ("app/src/main/AndroidManifest.xml", 3)
    assert where["SELF_START"] == ("app/src/main/AndroidManifest.xml", 5)
    assert where["UNDECLARED_DATA_TYPE"] == ("app/src/main/java/com/shop/Tracker.java", 1)
    assert where["DECLARED_NOT_OBSERVED"] == ("docs/privacy.md", 3)
    assert data["runs"][0]["artifacts"][0]["location"]["uri"] == "app/build/outputs/apk/app-release.apk"
    assert str(tmp_path) not in json.dumps(data)  # no absolute local path anywhere


def test_sarif_for_an_empty_report_validates(validator: Any) -> None:
    data = json.loads(render(Report(app=AppInfo()), "sarif"))
    validator.validate(data)
    assert data["runs"][0]["results"] == [] and code_scanning_problems(data) == []


def test_network_locations_redact_identifier_values() -> None:
    from appaudit.report.sarif import Locator

    e = Evidence(
        "imei", Source.NETWORK, "evil", "GET https://t.example/c/867530912345678?imei=867530912345678",
        {"kind": "transfer", "url": "https://t.example/c/867530912345678?imei=867530912345678"},
    )  # fmt: skip
    report = Report(app=AppInfo(file="a.apk"))
    hidden = json.dumps(Locator(report, RenderOptions()).location(e))
    assert "867530912345678" not in hidden and "imei=" in hidden
    shown = json.dumps(Locator(report, RenderOptions(show_values=True)).location(e))
    assert "867530912345678" in shown


def test_every_format_is_independent_of_evidence_order(hostile: Report) -> None:
    from dataclasses import replace

    from appaudit.compare import compare

    shuffled = compare(replace(hostile, evidence=tuple(reversed(hostile.evidence)), findings=()))
    for fmt in ("json", "html", "sarif", "md"):
        assert render(hostile, fmt) == render(shuffled, fmt), fmt


def test_runtime_location_skips_the_frames_attribution_skips() -> None:
    from appaudit.report.sarif import Locator

    stack = [
        "libcore.io.Linux.open(Native Method)",
        "appaudit.harness.Main.callEntry(Main.java:40)",
        "com.umeng.commonsdk.A.b(A.java:7)",
    ]
    e = Evidence("imei", Source.RUNTIME, "umeng-analytics", "TM.getDeviceId", {"kind": "read", "stack": stack})
    (logical,) = Locator(Report(app=AppInfo()), RenderOptions()).location(e)["logicalLocations"]
    assert logical["fullyQualifiedName"] == "com.umeng.commonsdk.A.b"


def test_a_failed_source_makes_the_run_unsuccessful(validator: Any) -> None:
    from appaudit.model import Coverage, Status

    failed = Coverage("runtime", Status.FAILED, ("adb: no device",), (Source.RUNTIME,))
    data = to_sarif(Report(app=AppInfo(package="p"), coverage={"runtime": failed}))
    validator.validate(data)
    inv = data["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert {"level": "error", "message": {"text": "runtime failed: adb: no device"}} in inv[
        "toolExecutionNotifications"
    ]
    assert to_sarif(Report(app=AppInfo()))["runs"][0]["invocations"][0]["executionSuccessful"] is True
