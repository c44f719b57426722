"""The audit pipeline and `appaudit audit`: sources composed, skipped ones recorded, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from appaudit import audit as pipeline
from appaudit.audit import AuditOptions, audit
from appaudit.cli import main
from appaudit.errors import DeviceError, InputError
from appaudit.model import AppInfo, Evidence, Phase, Report, Source


def _fake_scan(app: Path, **_: Any) -> Report:
    perm = Evidence(
        None,
        Source.MANIFEST,
        "app",
        "AndroidManifest.xml uses-permission",
        {"kind": "permission", "permission": "android.permission.READ_PHONE_STATE"},
    )
    return Report(app=AppInfo(package="com.fake", file=app.name), evidence=(perm,), sections={"static": {"n": 1}})


def _fake_analyze(files: list[Path]) -> Report:
    dt = Evidence("imei", Source.POLICY, "app", "p §1 ¶1", {"kind": "declared_data_type", "quote": "IMEI"})
    return Report(app=AppInfo(), evidence=(dt,), sections={"policy": {"files": [f.name for f in files]}})


def _fake_trace(path: Path, catalogue: Any = None) -> Report:
    read = Evidence("imei", Source.RUNTIME, "app", "TM.getDeviceId", {"kind": "read"}, at=1.0, phase=Phase.PRE_CONSENT)
    consent = Evidence(None, Source.RUNTIME, "app", "onAgree", {"kind": "consent"}, at=4.0)
    return Report(app=AppInfo(), evidence=(read, consent), sections={"runtime": {"start": 1000.0}})


@pytest.fixture()
def fakes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = {
        "appaudit.static.scan.scan": _fake_scan,
        "appaudit.policy.analyze.analyze": _fake_analyze,
        "appaudit.runtime.trace.load_trace": _fake_trace,
    }
    real = pipeline._entry

    def entry(module: str, name: str) -> Callable[..., Any] | None:
        key = f"{module}.{name}"
        return table[key] if key in table else real(module, name)

    monkeypatch.setattr(pipeline, "_entry", entry)
    return table


def _files(tmp: Path) -> tuple[Path, Path, Path]:
    apk, pol, trace = tmp / "a.apk", tmp / "policy.md", tmp / "t.jsonl"
    for p in (apk, pol, trace):
        p.write_bytes(b"x")
    return apk, pol, trace


def test_each_source_not_run_is_recorded_with_its_reason(fakes: Any, tmp_path: Path) -> None:
    apk, _, _ = _files(tmp_path)
    r = audit(apk, AuditOptions(generated_at="T"))
    assert set(r.skipped) == {"policy", "runtime", "network"}
    assert "--policy" in r.skipped["policy"] and "--flows" in r.skipped["network"]
    assert r.app.package == "com.fake" and r.generated_at == "T" and r.tool_version
    # policy rules are not evaluated, not fired for the undeclared permission
    assert not [f for f in r.findings if f.rule_id == "PERMISSION_UNEXPLAINED"]
    assert "PERMISSION_UNEXPLAINED" in r.sections["compare"]["rules_not_evaluated"]


def test_all_sources_compose_and_network_joins_the_runtime_clock(fakes: Any, tmp_path: Path) -> None:
    apk, pol, trace = _files(tmp_path)
    flows = tmp_path / "f.jsonl"
    flow = {
        "time": 1002.0,
        "method": "POST",
        "url": "https://t.example/x",
        "host": "t.example",
        "sdk": None,
        "party": "third",
        "tls": True,
        "hits": [{"data_type": "imei", "encoding": "raw", "where": "body"}],
    }
    flows.write_text(json.dumps(flow) + "\n")
    r = audit(apk, AuditOptions(policies=(pol,), trace=trace, flows=flows, generated_at="T"))
    assert r.skipped == {}
    net = [e for e in r.evidence if e.source is Source.NETWORK]
    assert [e.at for e in net] == [2.0]  # 1002 - trace start 1000
    pre = {(f.rule_id, f.actor) for f in r.findings if f.rule_id == "PRE_CONSENT_COLLECTION"}
    assert pre == {("PRE_CONSENT_COLLECTION", "app"), ("PRE_CONSENT_COLLECTION", "unknown")}
    assert ("PERMISSION_UNEXPLAINED", "app") in {(f.rule_id, f.actor) for f in r.findings}


def test_missing_inputs_are_input_errors(tmp_path: Path) -> None:
    apk, _, _ = _files(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        audit(tmp_path / "none.apk", AuditOptions())
    with pytest.raises(InputError, match="no such policy file"):
        audit(apk, AuditOptions(policies=(tmp_path / "none.md",)))
    with pytest.raises(InputError, match="no such flows file"):
        audit(apk, AuditOptions(flows=tmp_path / "none.jsonl"))
    with pytest.raises(InputError, match="unknown backend"):
        audit(apk, AuditOptions(run="qemu"))


def test_a_run_that_cannot_start_is_a_skipped_source(fakes: Any, tmp_path: Path) -> None:
    def run(app: Path, backend: str, out: Path, **_: Any) -> Path:
        raise DeviceError("no device attached; start an emulator")

    fakes["appaudit.runtime.session.run"] = run
    apk, _, _ = _files(tmp_path)
    r = audit(apk, AuditOptions(run="android", work_dir=tmp_path / "w", generated_at="T"))
    assert "no device attached" in r.skipped["runtime"]


def test_cli_writes_each_format_and_exits_by_fail_on(fakes: Any, tmp_path: Path) -> None:
    apk, pol, trace = _files(tmp_path)
    args = ["audit", str(apk), "--policy", str(pol), "--trace", str(trace)]
    for suffix, marker in (
        (".json", '"schema_version": 2'),
        (".html", "<!DOCTYPE html>"),
        (".sarif", '"version": "2.1.0"'),
        (".md", "## "),
    ):
        out = tmp_path / f"r{suffix}"
        res = CliRunner().invoke(main, [*args, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert marker in out.read_text(encoding="utf-8")
    out = tmp_path / "gate.json"
    res = CliRunner().invoke(main, [*args, "-o", str(out), "--fail-on", "high"])
    assert res.exit_code == 1 and json.loads(out.read_text())["findings"][0]["severity"] == "high"
    res = CliRunner().invoke(main, [*args, "--format", "md", "--fail-on", "critical"])
    assert res.exit_code == 0


def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["audit", str(tmp_path / "x.apk")])
    assert res.exit_code == 2 and res.output.startswith("appaudit: error:") and res.output.count("\n") == 1
    res = CliRunner().invoke(main, ["audit", str(tmp_path / "x.apk"), "--format", "pdf"])
    assert res.exit_code == 2


def test_runtime_start_from_numeric_or_iso_header() -> None:
    def rep(section: dict[str, Any]) -> Report:
        return Report(app=AppInfo(), sections={"runtime": section})

    assert pipeline._runtime_start(rep({"start": 12.5})) == 12.5
    assert pipeline._runtime_start(rep({"started": "2026-11-22T08:00:00+00:00"})) == 1795334400.0
    assert pipeline._runtime_start(rep({"started": "yesterday"})) is None
    assert pipeline._runtime_start(rep({})) is None


def test_policy_evidence_gets_the_line_of_its_quote(tmp_path: Path) -> None:
    pol = tmp_path / "policy.md"
    pol.write_text("# 隐私政策\n\n我们收集  **IMEI**、MAC地址\n\n| 友盟统计 | 友盟 |\n", encoding="utf-8")

    def pe(kind: str, **d: Any) -> Evidence:
        return Evidence("imei", Source.POLICY, "app", "policy.md §1", {"kind": kind, "file": "policy.md", **d})

    r = Report(
        app=AppInfo(),
        evidence=(
            pe("declared_data_type", quote="我们收集 **IMEI**、MAC地址"),
            pe("sdk_row", name="友盟统计"),
            pe("declared_data_type", quote="not there"),
        ),
    )
    got = [e.detail.get("line") for e in pipeline.with_policy_lines(r, (pol,)).evidence]
    assert got == [3, 5, None]


def test_capture_needs_a_run_and_no_flows(tmp_path: Path) -> None:
    apk, _, trace = _files(tmp_path)
    with pytest.raises(InputError, match="--capture"):
        audit(apk, AuditOptions(capture=True))
    with pytest.raises(InputError, match="--capture"):
        audit(apk, AuditOptions(capture=True, run="hostjvm", flows=trace))


def test_capture_start_up_fails_when_the_addon_does_not_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mitmdump listens even when its addon failed to import, then exits on the startup error: the
    start-up check must wait for the addon's own output, not only for the port."""
    from appaudit.errors import ToolMissingError
    from appaudit.network import proxy

    broken = tmp_path / "broken_addon.py"
    broken.write_text("raise ImportError('deliberately broken addon')\n", encoding="utf-8")
    monkeypatch.setattr(proxy, "ADDON", broken)
    with pytest.raises(ToolMissingError, match="mitmdump exited at start"), pipeline._proxy(tmp_path, "broken", None):
        pytest.fail("the capture started without its addon")
    assert not (tmp_path / "broken.flows.jsonl").exists()
    assert "deliberately broken addon" in (tmp_path / "broken.mitmdump.log").read_text(encoding="utf-8")
