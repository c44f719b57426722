"""appaudit.cli.runtime: `appaudit run`, `appaudit trace`, `appaudit mark` through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES, records

from appaudit.cli import main


def test_run_then_trace(tmp_path: Path) -> None:
    out = tmp_path / "t.jsonl"
    apk = SAMPLES / "demo-preconsent" / "demo-preconsent.apk"
    res = CliRunner().invoke(main, ["run", str(apk), "--backend", "hostjvm", "--values", "sha256", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 reads" in res.output or "reads" in res.output
    reads = [r for r in records(out) if r["type"] == "read"]
    assert reads and all("value_sha256" in r and "value" not in r for r in reads)
    # The app logs the IMEI; with hashed values the trace must not carry it anywhere.
    assert "867530912345678" not in out.read_text(encoding="utf-8")

    res = CliRunner().invoke(main, ["trace", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    section = doc["sections"]["runtime"]
    assert section["consent"]["target"] == "com.appaudit.demo.preconsent.PrivacyDialog.onAgree"
    assert section["reads_pre_consent"] == section["reads"] >= 2
    assert {e["actor"] for e in doc["evidence"] if e["detail"].get("kind") == "read"} == {"umeng-analytics"}

    res = CliRunner().invoke(main, ["trace", str(out)])
    assert res.exit_code == 0
    assert "umeng-analytics" in res.output and "consent: hook" in res.output


def test_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["trace", str(bad)])
    assert res.exit_code == 2 and "not an appaudit trace" in res.output
    res = CliRunner().invoke(main, ["run", str(tmp_path / "missing.apk"), "-o", str(tmp_path / "t.jsonl")])
    assert res.exit_code == 2 and "no such file" in res.output
    res = CliRunner().invoke(main, ["run", str(tmp_path / "x.apk"), "--backend", "ios"])
    assert res.exit_code == 2


def test_mark(tmp_path: Path) -> None:
    control = tmp_path / "control"
    res = CliRunner().invoke(main, ["mark", "consent", "--control", str(control)])
    assert res.exit_code == 0
    assert control.read_text(encoding="utf-8").startswith("consent ")
    assert CliRunner().invoke(main, ["mark", "maybe", "--control", str(control)]).exit_code == 2


def test_run_refusing_the_dialog(tmp_path: Path) -> None:
    out = tmp_path / "refused.jsonl"
    apk = SAMPLES / "demo-aggressive" / "demo-aggressive.apk"
    hook = "com.appaudit.demo.aggressive.PrivacyDialog.onDisagree"
    argv = ["run", str(apk), "--consent-action", "refuse", "--refusal-hook", hook, "-o", str(out)]
    res = CliRunner().invoke(main, argv)
    assert res.exit_code == 0, res.output
    assert "consent: never observed" in res.output and f"refusal: hook {hook} at" in res.output
    assert [r["target"] for r in records(out) if r["type"] == "refusal"] == [hook]
    res = CliRunner().invoke(main, ["run", str(apk), "--consent-action", "later", "-o", str(out)])
    assert res.exit_code == 2
