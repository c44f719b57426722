"""The release gate: diff content, allowlist semantics, exit codes 0/1/2 and hostile inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from appaudit import gate
from appaudit.cli import main
from appaudit.compare import Settings, compare
from appaudit.errors import InputError
from appaudit.model import AppInfo, Evidence, Report, Severity, Source
from appaudit.report import render
from appaudit.report.saved import load_report


def ev(src: Source, kind: str, dt: str | None = None, actor: str = "app", **d: Any) -> Evidence:
    return Evidence(dt, src, actor, f"{kind}:{actor}:{dt}", {"kind": kind, **d})


def report(*evidence: Evidence) -> Report:
    base = (
        ev(Source.POLICY, "declared_data_type", "android_id"),
        ev(Source.POLICY, "sdk_row", None, "umeng-analytics", data_types=["android_id"]),
        ev(Source.POLICY, "declared_permission", permission="android.permission.ACCESS_FINE_LOCATION"),
    )
    r = Report(app=AppInfo(package="com.x"), evidence=(*base, *evidence), sections={"static": {}, "policy": {}})
    return compare(r, Settings(), catalogue=None)


OLD = report(
    ev(Source.CODE, "sdk", None, "umeng-analytics", name="Umeng"),
    ev(Source.CODE, "call_site", "android_id", "umeng-analytics", reachable=True),
    ev(Source.MANIFEST, "permission", permission="android.permission.INTERNET"),
)
NEW = report(
    ev(Source.CODE, "sdk", None, "umeng-analytics", name="Umeng"),
    ev(Source.CODE, "sdk", None, "jpush", name="JPush"),
    ev(Source.CODE, "call_site", "android_id", "umeng-analytics", reachable=True),
    ev(Source.CODE, "call_site", "mac", "jpush", reachable=True),
    ev(Source.MANIFEST, "permission", permission="android.permission.INTERNET"),
    ev(Source.MANIFEST, "permission", permission="android.permission.READ_PHONE_STATE"),
)


def test_same_report_passes() -> None:
    result = gate.diff(OLD, OLD)
    assert result.passed and "(no changes)" in gate.format_diff(result)


def test_new_items_block_with_a_readable_diff() -> None:
    result = gate.diff(OLD, NEW)
    assert not result.passed
    kinds = {(c.kind, c.key) for c in result.blocking}
    assert (gate.ChangeKind.SDK, "jpush") in kinds
    assert (gate.ChangeKind.PERMISSION, "READ_PHONE_STATE") in kinds
    assert (gate.ChangeKind.DATA_TYPE, "mac") in kinds
    rules = {c.key.split("|")[0] for c in result.blocking if c.kind is gate.ChangeKind.FINDING}
    assert {"UNDECLARED_SDK", "UNDECLARED_DATA_TYPE", "PERMISSION_UNEXPLAINED"} <= rules
    text = gate.format_diff(result, "old.json", "new.apk")
    assert text.startswith("--- old.json\n+++ new.apk\n@@ sdks @@\n")
    assert "!+ jpush (JPush)  # not allowed" in text and text.rstrip().endswith("blocking changes")


def test_removed_items_do_not_block() -> None:
    result = gate.diff(NEW, OLD)
    assert result.passed
    assert any(not c.added and c.key == "jpush" for c in result.changes)
    assert "- jpush (JPush)  # removed" in gate.format_diff(result)


def test_allowlist_permits_items_and_findings() -> None:
    allow = gate.parse_allowlist(
        {
            "sdks": ["jpush"],
            "permissions": ["READ_PHONE_STATE"],
            "data_types": ["mac"],
            "findings": [
                {"rule": "UNDECLARED_SDK", "actor": "jpush", "reason": "policy update JIRA-1"},
                {"rule": "UNDECLARED_DATA_TYPE", "reason": "ok"},
                {"rule": "SDK_EXCEEDS_DISCLOSURE", "reason": "ok"},
                {"rule": "PERMISSION_UNEXPLAINED", "subject": "READ_PHONE_STATE", "reason": "ok"},
            ],
        },
        "allow.toml",
    )
    result = gate.diff(OLD, NEW, allow)
    assert result.passed, gate.format_diff(result)
    assert "allowed: policy update JIRA-1" in gate.format_diff(result)


def test_fail_on_threshold_and_strict_allowlist() -> None:
    only_items = gate.diff(
        OLD,
        NEW,
        gate.parse_allowlist({"sdks": ["jpush"], "permissions": ["READ_PHONE_STATE"], "data_types": ["mac"]}, "a"),
        fail_on=None,
    )
    assert only_items.passed  # findings never block with fail_on=None
    high_only = gate.diff(OLD, NEW, fail_on=Severity.CRITICAL)
    assert all(c.kind is not gate.ChangeKind.FINDING for c in high_only.blocking)
    strict = gate.diff(OLD, OLD, gate.parse_allowlist({"strict": True, "sdks": []}, "a"))
    assert {c.key for c in strict.blocking} == {"umeng-analytics", "INTERNET", "android_id"}


@pytest.mark.parametrize(
    ("doc", "match"),
    [
        ({"sdk": ["x"]}, "unknown key"),
        ({"sdks": "jpush"}, "list of non-empty strings"),
        ({"strict": "yes"}, "true or false"),
        ({"findings": [{"actor": "app"}]}, "needs `rule"),
        ({"findings": [{"rule": "X", "severity": 3}]}, "non-string"),
    ],
)
def test_bad_allowlists_are_input_errors(doc: dict[str, Any], match: str) -> None:
    with pytest.raises(InputError, match=match):
        gate.parse_allowlist(doc, "allow.toml")


def _write(tmp: Path, name: str, text: str | bytes) -> Path:
    p = tmp / name
    p.write_bytes(text.encode() if isinstance(text, str) else text)
    return p


def test_cli_exit_codes(tmp_path: Path) -> None:
    old = _write(tmp_path, "old.json", render(OLD, "json"))
    new = _write(tmp_path, "new.json", render(NEW, "json"))
    run = CliRunner().invoke
    r = run(main, ["gate", str(old), "--baseline", str(old)])
    assert r.exit_code == 0 and "gate: PASS" in r.output
    r = run(main, ["gate", str(new), "--baseline", str(old)])
    assert r.exit_code == 1 and "!+ jpush" in r.output
    allow = _write(
        tmp_path, "allow.toml", 'sdks = ["jpush"]\npermissions = ["READ_PHONE_STATE"]\ndata_types = ["mac"]\n'
    )
    r = run(main, ["gate", str(new), "--baseline", str(old), "--allow", str(allow), "--fail-on", "never"])
    assert r.exit_code == 0, r.output
    r = run(main, ["gate", str(new), "--baseline", str(old), "--format", "json"])
    data = json.loads(r.output)
    assert r.exit_code == 1 and data["passed"] is False and any(c["key"] == "jpush" for c in data["changes"])


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"{not json", "not a valid JSON report"),
        (b"\xff\xfe\x00", "not a valid JSON report"),
        (b"[1, 2]", "not an appaudit report"),
        (b'{"schema_version": 1}', "not an appaudit report"),
        (b'{"tool": {"name": "appaudit"}, "schema_version": 99}', "written by a newer appaudit"),
        (b'{"tool": {"name": "appaudit"}, "schema_version": 1, "findings": [{"rule_id": "X"}]}', "damaged report at"),
        (
            b'{"tool": {"name": "appaudit"}, "schema_version": 1, '
            b'"evidence": [{"source": "TELEPATHY", "actor": "a", "locator": "l"}]}',
            "damaged",
        ),
    ],
)
def test_corrupt_baseline_exits_2_with_one_line(tmp_path: Path, content: bytes, match: str) -> None:
    bad = _write(tmp_path, "bad.json", content)
    good = _write(tmp_path, "good.json", render(OLD, "json"))
    r = CliRunner().invoke(main, ["gate", str(good), "--baseline", str(bad)])
    assert r.exit_code == 2 and match in r.output and r.output.count("\n") == 1
    assert "Traceback" not in r.output


def test_bad_allowlist_file_and_missing_files_exit_2(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.json", render(OLD, "json"))
    bad = _write(tmp_path, "allow.toml", "sdks = [")
    r = CliRunner().invoke(main, ["gate", str(good), "--baseline", str(good), "--allow", str(bad)])
    assert r.exit_code == 2 and "not a valid TOML allowlist" in r.output
    r = CliRunner().invoke(main, ["gate", str(good), "--baseline", str(tmp_path / "nope.json")])
    assert r.exit_code == 2 and "cannot read the baseline" in r.output
    r = CliRunner().invoke(main, ["gate", str(tmp_path / "nope.apk"), "--baseline", str(good)])
    assert r.exit_code == 2 and "no such file" in r.output
    r = CliRunner().invoke(main, ["gate", str(good)])
    assert r.exit_code == 2 and "--baseline" in r.output


def _mutations(data: Any, rng: Any, depth: int = 0) -> Any:
    """A copy of DATA with one value somewhere replaced by a value of another JSON type."""
    junk = [None, 1, -1.5, "x", [], {}, [1, "a"], {"k": None}, True, "9" * 50]
    if isinstance(data, dict) and data and rng.random() < 0.8:
        key = rng.choice(sorted(data))
        return {**data, key: _mutations(data[key], rng, depth + 1)}
    if isinstance(data, list) and data and rng.random() < 0.8:
        i = rng.randrange(len(data))
        return [*data[:i], _mutations(data[i], rng, depth + 1), *data[i + 1 :]]
    return rng.choice(junk)


def test_mutated_baselines_never_crash_the_gate(tmp_path: Path) -> None:
    import random

    rng = random.Random(8)
    good = json.loads(render(NEW, "json"))
    current = _write(tmp_path, "new.json", render(NEW, "json"))
    codes = set()
    for i in range(150):
        bad = _write(tmp_path, f"b{i}.json", json.dumps(_mutations(good, rng)))
        r = CliRunner().invoke(main, ["gate", str(current), "--baseline", str(bad)])
        assert r.exit_code in (0, 1, 2), r.output
        assert r.exception is None or isinstance(r.exception, SystemExit), (r.output, r.exception)
        codes.add(r.exit_code)
    assert {0, 2} <= codes  # some mutations break the report, others touch only free-form detail


def test_a_new_build_given_as_a_report_is_named_so_in_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the new report"):
        load_report(tmp_path / "missing.json", "new report")
    old = _write(tmp_path, "old.json", json.dumps({"tool": {"name": "appaudit"}, "schema_version": 0}))
    with pytest.raises(InputError, match="on the build the baseline came from"):
        load_report(old, "baseline")


# ------------------------------------------------------------------------------------------ coverage


def test_gate_without_policy_against_a_policy_baseline_does_not_pass() -> None:
    from dataclasses import replace

    no_policy = compare(
        replace(NEW, evidence=tuple(e for e in NEW.evidence if e.source is not Source.POLICY), sections={"static": {}}),
        Settings(),
        catalogue=None,
    )
    result = gate.diff(OLD, no_policy, fail_on=None)
    blocking = [c for c in result.blocking if c.kind is gate.ChangeKind.COVERAGE]
    assert [(c.key, c.note) for c in blocking] == [("policy", "coverage shrank")]
    assert not result.passed and "coverage shrank" in gate.format_diff(result)


def test_degraded_coverage_shrinks_and_require_blocks() -> None:
    from dataclasses import replace

    from appaudit.model import Analysis, Coverage, Status

    degraded = Coverage.of(Analysis.STATIC, Status.DEGRADED, "2 dex files skipped")
    worse = replace(NEW, coverage={"static": degraded})
    changes = gate.coverage_changes(OLD, worse)
    assert [(c.key, c.blocking) for c in changes] == [("static", True)] and "2 dex files skipped" in changes[0].text
    assert gate.coverage_changes(OLD, NEW) == []
    required = gate.coverage_changes(OLD, NEW, require=("runtime",))
    assert [(c.key, c.note) for c in required] == [("runtime", "required by --require")]


def test_a_baseline_of_another_package_warns() -> None:
    from dataclasses import replace

    other = replace(OLD, app=AppInfo(package="com.other"))
    result = gate.diff(other, NEW)
    assert any("com.other" in n and "com.x" in n for n in result.notes)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('sdks = ["jpsuh"]', "unknown SDK id in `sdks` 'jpsuh'; did you mean 'jpush'?"),
        ('data_types = ["imeii"]', "did you mean 'imei'?"),
        ('[[findings]]\nrule = "UNDECLARED_SKD"', "unknown rule id 'UNDECLARED_SKD'; did you mean 'UNDECLARED_SDK'?"),
        ('[[findings]]\nrule = "SELF_START"\nactor = "umeng-analytic"', "did you mean 'umeng-analytics'?"),
    ],
)
def test_allowlist_ids_are_checked_with_the_closest_match(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "allow.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        gate.load_allowlist(path)
    assert message in str(err.value)
    base = tmp_path / "base.json"
    base.write_text(render(OLD, "json"), encoding="utf-8")
    res = CliRunner().invoke(main, ["gate", str(base), "--baseline", str(base), "--allow", str(path)])
    assert res.exit_code == 2 and message in res.output


def test_cli_gate_fails_when_coverage_shrank(tmp_path: Path) -> None:
    from dataclasses import replace

    base, new = tmp_path / "base.json", tmp_path / "new.json"
    base.write_text(render(OLD, "json"), encoding="utf-8")
    shrunk = compare(replace(OLD, sections={"static": {}}, evidence=OLD.evidence[3:]), Settings(), catalogue=None)
    new.write_text(render(shrunk, "json"), encoding="utf-8")
    res = CliRunner().invoke(main, ["gate", str(new), "--baseline", str(base), "--fail-on", "never"])
    assert res.exit_code == 1 and "coverage shrank" in res.output
    res = CliRunner().invoke(main, ["gate", str(base), "--baseline", str(base), "--require", "static,network"])
    assert res.exit_code == 1 and "required by --require" in res.output


def test_findings_of_a_source_not_checked_again_are_not_fixed() -> None:
    """Gating without --policy against a baseline made with one: the baseline's policy findings are gone because
    nothing checked them, so they read "not checked again", never "fixed" (the gate blocks on coverage)."""
    from dataclasses import replace

    assert {f.rule_id for f in NEW.findings} >= {"UNDECLARED_SDK", "UNDECLARED_DATA_TYPE"}
    without = replace(NEW, findings=(), evidence=tuple(e for e in NEW.evidence if e.source is not Source.POLICY),
                      sections={"static": {}}, coverage={}, comparison=None)
    result = gate.diff(NEW, compare(without, Settings(), catalogue=None), fail_on=None)
    gone = {c.key.split("|")[0]: c.note for c in result.changes if c.kind is gate.ChangeKind.FINDING and not c.added}
    assert gone and all(note.startswith("not checked again: needs a privacy policy") for note in gone.values())
    assert "# fixed" not in gate.format_diff(result) and not result.passed
    # the same findings gone with the policy still analysed are fixed
    fixed = gate.diff(NEW, compare(replace(NEW, findings=(), evidence=()), Settings(), catalogue=None), fail_on=None)
    assert any(c.note == "fixed" for c in fixed.changes if c.kind is gate.ChangeKind.FINDING)
