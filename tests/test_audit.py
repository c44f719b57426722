"""The audit pipeline and `appaudit audit`: sources composed, skipped ones recorded, exit codes."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from appaudit import audit as pipeline
from appaudit.audit import AuditOptions, audit
from appaudit.cli import main
from appaudit.errors import DeviceError, InputError
from appaudit.model import AppInfo, Evidence, Phase, Report, Source, Status


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
    section = {
        "start_epoch": 1000.0,
        "hooks": {"installed": 3, "failed": []},
        "reads": 1,
        "consent": {"at": 4.0},
        "complete": True,
        "errors": [],
    }
    return Report(app=AppInfo(), evidence=(read, consent), sections={"runtime": section})


@pytest.fixture()
def fakes(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[..., Any]]:
    """The analysers replaced where the sources import them from (plain imports, read at call time)."""
    table: dict[str, Callable[..., Any]] = {
        "appaudit.static.scan.scan": _fake_scan,
        "appaudit.policy.analyze.analyze": _fake_analyze,
        "appaudit.runtime.trace.load_trace": _fake_trace,
    }
    for key, fn in table.items():
        module, name = key.rsplit(".", 1)
        monkeypatch.setattr(importlib.import_module(module), name, fn)
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
    assert "PERMISSION_UNEXPLAINED" in r.comparison.rules_not_evaluated  # type: ignore[union-attr]


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


def test_a_run_that_cannot_start_is_a_failed_source_and_exits_2(
    fakes: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appaudit.runtime import session

    def run(prepared: Any, out: Path) -> Path:
        raise DeviceError("no device attached; start an emulator")

    monkeypatch.setattr(session, "execute", run)
    apk, _, _ = _files(tmp_path)
    r = audit(apk, AuditOptions(run="android", work_dir=tmp_path / "w", generated_at="T"))
    assert "no device attached" in r.skipped["runtime"]
    cov = r.coverage_of("runtime")
    assert cov.status is Status.FAILED and "no device attached" in cov.reasons[0]
    assert "no device attached" in r.comparison.rules_not_evaluated["ASSOCIATED_START"]  # type: ignore[union-attr]
    out = tmp_path / "r.json"
    res = CliRunner().invoke(main, ["audit", str(apk), "--run", "android", "--work-dir", str(tmp_path), "-o", str(out)])
    assert res.exit_code == 2 and "runtime failed" in res.output and "no device attached" in res.output
    assert json.loads(out.read_text())["coverage"]["runtime"]["status"] == "failed"  # written first


@pytest.mark.parametrize(
    "module", ["appaudit.static.scan", "appaudit.policy.analyze", "appaudit.runtime.trace", "appaudit.network.capture"]
)
def test_a_broken_analyser_import_exits_2_naming_the_module(
    fakes: Any, module: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apk, pol, trace = _files(tmp_path)
    flows = tmp_path / "f.jsonl"
    flows.write_text("")
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError
    args = ["audit", str(apk), "--policy", str(pol), "--trace", str(trace), "--flows", str(flows), "--fail-on", "low"]
    args.append("-q")  # no progress lines: the one line asserted below is the error
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2, res.output
    assert module in res.output and "broken" in res.output and res.output.count("\n") == 1


def test_a_degraded_runtime_is_prominent_and_its_rules_are_not_evaluated(
    fakes: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashed(path: Path, catalogue: Any = None) -> Report:  # a harness that reached no app code
        section = {"hooks": {"installed": 70, "failed": []}, "reads": 0, "consent": None, "complete": True}
        return Report(app=AppInfo(), sections={"runtime": section}, settings={"runtime.consent_action": "agree"})

    monkeypatch.setattr(importlib.import_module("appaudit.runtime.trace"), "load_trace", crashed)
    apk, _, trace = _files(tmp_path)
    r = audit(apk, AuditOptions(trace=trace))
    cov = r.coverage_of("runtime")
    assert cov.status is Status.DEGRADED and "no read observed" in cov.reasons[0]
    assert r.comparison is not None
    assert "degraded" in r.comparison.rules_not_evaluated["EXCESSIVE_FREQUENCY"]
    assert "EXCESSIVE_FREQUENCY" not in r.comparison.rules_evaluated
    res = CliRunner().invoke(main, ["audit", str(apk), "--trace", str(trace), "-o", str(tmp_path / "r.json")])
    assert res.exit_code == 0 and "WARNING: runtime degraded: no read observed" in res.output
    res = CliRunner().invoke(main, ["audit", str(apk), "--trace", str(trace), "--require", "static,runtime"])
    assert res.exit_code == 2 and "--require: runtime is degraded" in res.output
    res = CliRunner().invoke(main, ["audit", str(apk), "--require", "static,telepathy"])
    assert res.exit_code == 2 and "unknown source" in res.output


def test_runtime_reasons_cover_the_ways_a_run_falls_short() -> None:
    from appaudit.sources import runtime_reasons

    ok = {"hooks": {"installed": 5}, "reads": 3, "consent": {"at": 1}, "complete": True, "errors": []}
    assert runtime_reasons(ok, "agree") == ([], False)
    assert runtime_reasons({**ok, "consent": None}, "agree")[0] == [
        "consent never observed: the run's consent answer was not seen"
    ]
    # hostjvm could not hook the consent method at all: the app has none by that name, and the reason says what to do
    hook = "com.example.PrivacyDialog.onAgree"
    absent = {**ok, "consent": None, "backend": "hostjvm", "consent_settings": {"hook": hook},
              "hooks": {"installed": 5, "failed": [hook]}}
    assert runtime_reasons(absent, "agree")[0] == [
        f"consent never observed: the app has no method {hook}; name its consent method with --consent-hook"
    ]
    # on a device a failed app-class hook proves nothing (the app's class loader may not exist yet at spawn)
    assert "answer was not seen" in runtime_reasons({**absent, "backend": "android"}, "agree")[0][0]
    assert "answer was not seen" in runtime_reasons({**absent, "hooks": {"installed": 6, "failed": []}}, "agree")[0][0]
    assert runtime_reasons({**ok, "consent": None}, "none") == ([], False)
    assert "refusal never observed" in runtime_reasons(ok, "refuse")[0][0]
    assert "incomplete" in runtime_reasons({**ok, "complete": False, "ended": "x"}, "")[0][0]
    assert runtime_reasons({"hooks": {"installed": None}, "reads": 0}, "")[1] is True


def test_a_toy_source_needs_one_class_and_one_registration(fakes: Any, tmp_path: Path) -> None:
    from appaudit import sources
    from appaudit.model import Coverage

    class Toy:
        name = "toy"
        sources = (Source.CODE,)

        def absent(self, inputs: sources.Inputs) -> str | None:
            return None if inputs.app is not None else "no APK"

        def collect(self, inputs: sources.Inputs) -> Report:
            ev = Evidence("imei", Source.CODE, "jpush", "toy", {"kind": "call_site", "reachable": True})
            return Report(app=AppInfo(), evidence=(ev,), sections={"toy": {}})

        def assess(self, report: Report, inputs: sources.Inputs) -> Coverage:
            return Coverage("toy", Status.COMPLETE, (), self.sources)

    sources.register(Toy())
    try:
        apk, _, _ = _files(tmp_path)
        r = audit(apk, AuditOptions())
        assert r.coverage_of("toy").status is Status.COMPLETE
        assert any(e.locator == "toy" for e in r.evidence)
        assert r.to_dict()["coverage"]["toy"]["status"] == "complete"
    finally:
        sources.unregister("toy")


def test_a_toy_backend_needs_one_class_and_one_registration(fakes: Any, tmp_path: Path) -> None:
    from appaudit.cli import audit as cli_audit
    from appaudit.runtime import backends
    from appaudit.runtime.session import RunOptions

    calls: list[str] = []

    class Toy:
        name = "toy"
        answers_dialog = False
        fail = False

        def default_profile(self) -> Path | None:
            return None

        def prepare(self, app: Path, options: RunOptions) -> backends.Prepared:
            work = tmp_path / "toy-scratch"
            work.mkdir()
            calls.append(f"prepare {app.name} duration={options.duration}")
            return backends.Prepared(app, options, work)

        def run(self, prepared: backends.Prepared, out: Path) -> Path:
            assert prepared.work_dir is not None and prepared.work_dir.is_dir()
            calls.append("run")
            if self.fail:
                raise DeviceError("toy device went away")
            out.write_text("{}\n")
            return out

        def cleanup(self, prepared: backends.Prepared) -> None:
            assert prepared.work_dir is not None
            prepared.work_dir.rmdir()
            calls.append("cleanup")

    toy = Toy()
    backends.register(toy)
    try:
        apk, _, _ = _files(tmp_path)
        r = audit(apk, AuditOptions(run="toy", work_dir=tmp_path / "w", run_options={"duration": 3.0}))
        assert r.coverage_of("runtime").status is Status.COMPLETE and (tmp_path / "w" / "a.toy.trace.jsonl").is_file()
        assert calls == ["prepare a.apk duration=3.0", "run", "cleanup"]
        # a run that raises is still cleaned up, and the runtime source is failed, not clean
        toy.fail, calls[:] = True, []
        r = audit(apk, AuditOptions(run="toy", work_dir=tmp_path / "w2"))
        assert calls == ["prepare a.apk duration=None", "run", "cleanup"] and not (tmp_path / "toy-scratch").exists()
        assert r.coverage_of("runtime").status is Status.FAILED
    finally:
        backends.REGISTRY.pop("toy")
    # the CLI's --run choices are the registry's names
    run_opt = next(p for p in cli_audit.audit_cmd.params if p.name == "run_backend")
    assert tuple(run_opt.type.choices) == backends.names()  # type: ignore[attr-defined]


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

    from appaudit.sources import runtime_start

    assert runtime_start(rep({"start_epoch": 12.5})) == 12.5
    assert runtime_start(rep({"start": 12.5})) is None  # no producer writes "start"
    assert runtime_start(rep({"started": "2026-11-22T08:00:00+00:00"})) == 1795334400.0
    assert runtime_start(rep({"started": "yesterday"})) is None
    assert runtime_start(rep({})) is None


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
    cfg = pipeline._capture_config(tmp_path, "broken", None)
    log = tmp_path / "broken.mitmdump.log"
    with pytest.raises(ToolMissingError, match="mitmdump exited at start"), proxy.running(cfg, log=log):
        pytest.fail("the capture started without its addon")
    assert not (tmp_path / "broken.flows.jsonl").exists()
    assert "deliberately broken addon" in (tmp_path / "broken.mitmdump.log").read_text(encoding="utf-8")


def test_network_coverage_names_what_it_could_not_see() -> None:
    from appaudit.sources import Inputs, Network

    def report(**section: Any) -> Report:
        return Report(app=AppInfo(), sections={"network": {"flows": 3, "bad_lines": 0, **section}})

    net = Network()
    assert net.assess(report(), Inputs()).status is Status.COMPLETE
    assert "2 unreadable lines" in net.assess(report(bad_lines=2), Inputs()).reasons[0]
    empty = net.assess(report(flows=0), Inputs(captured=True))
    assert empty.status is Status.DEGRADED and "CA not trusted" in empty.reasons[0]
    assert net.assess(report(flows=0), Inputs()).status is Status.COMPLETE  # a given file may hold no flows
    # hostjvm: the sandbox records every connection attempt; an app that attempted none sent nothing to miss,
    # one whose attempts never reached the proxy (or a device run, where nothing is known) is degraded.
    assert net.assess(report(flows=0), Inputs(captured=True, connect_attempts=0)).status is Status.COMPLETE
    assert net.assess(report(flows=0), Inputs(captured=True, connect_attempts=3)).status is Status.DEGRADED
    notes = {"notes": ["no flow file: the capture was not scanned again"]}
    assert "not rescanned" in net.assess(report(profile=notes), Inputs()).reasons[0]


def test_static_and_policy_coverage_name_what_was_not_read() -> None:
    from appaudit.sources import Inputs, Policy, Static

    skipped = Report(app=AppInfo(), sections={"static": {"skipped": ["classes9.dex: aliasing tables; skipped"]}})
    cov = Static().assess(skipped, Inputs())
    assert cov.status is Status.DEGRADED and cov.sources == (Source.CODE,) and "classes9.dex" in cov.reasons[0]
    assert Static().assess(Report(app=AppInfo(), sections={"static": {"skipped": []}}), Inputs()).reasons == ()
    unread = Report(app=AppInfo(), sections={"policy": {"notes": ["p.html: no text found; nothing declared"]}})
    assert Policy().assess(unread, Inputs()).status is Status.DEGRADED
    fine = Report(app=AppInfo(), sections={"policy": {"notes": ["2 SDK row(s) not matched"]}})
    assert Policy().assess(fine, Inputs()).status is Status.COMPLETE


def test_a_fifo_or_device_as_app_is_named_as_such(tmp_path: Path) -> None:
    fifo = tmp_path / "app.apk"
    os.mkfifo(fifo)
    for args in (["audit", str(fifo)], ["run", str(fifo), "--backend", "hostjvm", "-o", str(tmp_path / "t.jsonl")]):
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 2 and "not a regular file" in r.output and len(r.output.strip().splitlines()) == 1


def test_a_raw_flow_file_with_fewer_flows_than_the_live_capture_degrades_the_network(tmp_path: Path) -> None:
    """`--trace T --flows F` while the proxy still runs: F.mitm is not flushed yet and holds fewer flows than F.
    The rescan replaces F, so the flows only F has would vanish; the network source says so."""
    from mitmproxy import io as mio
    from mitmproxy.test import tflow

    from appaudit.audit import Capture, rescan_capture
    from appaudit.sources import LOST_FLOWS, Inputs, Network

    flow_file = tmp_path / "live.mitm"
    with flow_file.open("wb") as f:
        mio.FlowWriter(f).add(tflow.tflow())
    live = tmp_path / "live.jsonl"
    live.write_text('{"url": "http://a.example/1"}\n{"url": "http://a.example/2"}\n', encoding="utf-8")
    trace = tmp_path / "t.jsonl"
    trace.write_text(json.dumps({"v": 1, "type": "header", "schema": 1, "package": "x", "backend": "hostjvm"}) + "\n")
    capture = rescan_capture(Capture(flows=live, flow_file=flow_file, profile=None), trace)
    lost = [n for n in capture.notes if n.startswith(LOST_FLOWS)]
    assert lost and "held 1 flows, the live capture 2" in lost[0] and "still running" in lost[0]
    section = {"network": {"flows": 1, "profile": {"notes": list(capture.notes)}}}
    cov = Network().assess(Report(app=AppInfo(), sections=section), Inputs())
    assert cov.status is Status.DEGRADED and cov.reasons[0].startswith(LOST_FLOWS)
