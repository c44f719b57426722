"""appaudit.runtime.consent: settings, the control file protocol of `appaudit mark`, the consent point."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import records

from appaudit.cli import main
from appaudit.errors import InputError
from appaudit.runtime import hostjvm, session
from appaudit.runtime.consent import (
    ControlWatcher,
    Marker,
    consent_point,
    control_path,
    mark,
    session_file,
    settings,
    watcher_pid,
    watching,
)
from appaudit.runtime.trace import load_trace


def test_settings_defaults_from_data() -> None:
    s = settings("com.x.PrivacyDialog.onAgree", "privacy_ok")
    agent = s.to_agent()
    assert agent["hook"] == "com.x.PrivacyDialog.onAgree"
    assert agent["pref_key"] == "privacy_ok"
    assert {"同意", "Agree", "Accept"} <= set(s.dialog_words)
    # the agent compares lower-cased texts: its word lists arrive lower-cased
    assert {"同意", "agree", "accept"} <= set(agent["dialog_words"])
    assert "不同意" in agent["refusal_words"]
    assert "android.app.SharedPreferencesImpl$EditorImpl" in agent["pref_editor_classes"]
    assert settings(dialog=False).dialog_words == ()


@pytest.mark.parametrize("bad", ["onAgree", ".onAgree", "com.x.", "com.x.Privacy Dialog.on-agree"])
def test_bad_consent_hook(bad: str) -> None:
    with pytest.raises(InputError):
        settings(bad)


def test_control_file_round_trip(tmp_path: Path) -> None:
    control = tmp_path / "sub" / "control"
    mark(Marker.CONSENT, control)  # written before the session started: not for this session
    watcher = ControlWatcher(control)
    assert list(watcher.poll()) == []
    mark(Marker.CONSENT, control)
    with control.open("a", encoding="utf-8") as f:
        f.write("nonsense 1\nrefusal 2")  # the last line is not complete yet
    assert list(watcher.poll()) == [Marker.CONSENT]
    with control.open("a", encoding="utf-8") as f:
        f.write("\n")
    assert list(watcher.poll()) == [Marker.REFUSAL]
    assert list(watcher.poll()) == []


def test_control_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("APPAUDIT_CONTROL", str(tmp_path / "c"))
    assert control_path() == tmp_path / "c"
    assert control_path(tmp_path / "d") == tmp_path / "d"
    monkeypatch.delenv("APPAUDIT_CONTROL")
    assert control_path().name == "control"


def test_consent_point() -> None:
    recs = [
        {"type": "read", "at": 0.1},
        {"type": "refusal", "at": 0.2, "method": "prefs"},
        {"type": "consent", "at": "bad"},
        {"type": "consent", "at": 1.5, "method": "dialog", "target": "同意"},
        {"type": "consent", "at": 2.0, "method": "manual", "target": "appaudit mark"},
    ]
    point = consent_point(recs)
    assert point is not None
    assert (point.at, point.method, point.target) == (1.5, "dialog", "同意")
    assert consent_point([{"type": "read", "at": 1.0}]) is None


CONSENT_PROBE = Path(__file__).resolve().parent / "consentprobe"


@pytest.fixture(scope="module")
def consent_probe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The consent probe app (tests/runtime/consentprobe) compiled against the hostjvm stubs."""
    tmp_path = tmp_path_factory.mktemp("consentprobe")
    stubs = hostjvm.compile_stubs()
    home = hostjvm.java_home()
    classes = tmp_path / "classes"
    sources = sorted(str(p) for p in CONSENT_PROBE.rglob("*.java"))
    subprocess.run(
        [str(home / "bin" / "javac"), "-nowarn", "-cp", str(stubs.classes), "-d", str(classes), *sources],
        check=True,
        capture_output=True,
    )
    jar = tmp_path / "consentprobe.jar"
    subprocess.run([str(home / "bin" / "jar"), "cf", str(jar), "-C", str(classes), "."], check=True)
    return jar


PROBE_MANIFEST = hostjvm.Manifest(
    package="com.appaudit.consentprobe", application=None, launcher="com.appaudit.consentprobe.MainActivity"
)


def test_context_rules_and_webview_on_the_local_jvm(consent_probe: Path, tmp_path: Path) -> None:
    """The agent's consent detection (hooks/agent.js) on a real JVM: "OK" under an unrelated message and
    "BOOK" are not consent, "确定" under a privacy message is; a WebView's javascript: call and bridge
    method named like agree/disagree are consent/refusal."""
    trace = session.run(consent_probe, "hostjvm", tmp_path / "t.jsonl", manifest=PROBE_MANIFEST, run_consent=False)
    events = [r for r in records(trace) if r["type"] in ("consent", "refusal")]
    got = [(r["type"], r["method"], r["target"].strip()) for r in events]
    assert ("refusal", "webview", "com.appaudit.consentprobe.MainActivity$PrivacyBridge.onDisagreeClicked") in got
    assert ("consent", "webview", "window.agreePrivacy(true)") in got
    assert ("consent", "dialog", "确定") in got
    assert not any(t in ("OK", "BOOK") for _, _, t in got)  # no privacy context / not a whole word
    assert got.index(("consent", "webview", "window.agreePrivacy(true)")) < got.index(("consent", "dialog", "确定"))
    [ok] = [r for r in events if r["target"].strip() == "确定"]
    assert "隐私政策" in ok["context"]
    assert not any("showDetails" in t for _, _, t in got)


def test_pinning_bypass_is_off_by_default_and_said_when_on(consent_probe: Path, tmp_path: Path) -> None:
    off = session.run(consent_probe, "hostjvm", tmp_path / "off.jsonl", manifest=PROBE_MANIFEST, run_consent=False)
    assert not [r for r in records(off) if r["type"] == "pinning_bypass"]
    assert "runtime.pinning_bypass" not in load_trace(off).settings
    on = session.run(
        consent_probe, "hostjvm", tmp_path / "on.jsonl", manifest=PROBE_MANIFEST, run_consent=False, pinning_bypass=True
    )
    [bypass] = [r for r in records(on) if r["type"] == "pinning_bypass"]
    assert isinstance(bypass["installed"], list)  # none of OkHttp/conscrypt/WebViewClient exists on the stubs
    assert records(on)[0]["settings"]["pinning_bypass"] is True
    assert load_trace(on).settings["runtime.pinning_bypass"] is True


def test_a_running_session_is_announced_to_appaudit_mark(tmp_path: Path) -> None:
    control = tmp_path / "control"
    assert watcher_pid(control) is None
    with watching(control):
        assert watcher_pid(control) == os.getpid()
    assert watcher_pid(control) is None
    session_file(control).write_text("999999999\n")  # a session that died without cleaning up
    assert watcher_pid(control) is None


def test_interactive_mark_announces_each_marker(tmp_path: Path) -> None:
    control = tmp_path / "control"
    watcher = ControlWatcher(control)
    res = CliRunner().invoke(main, ["mark", "--control", str(control)], input="x\nc\nr\nq\nc\n")
    assert res.exit_code == 0, res.output
    assert "NO running `appaudit run`" in res.output
    assert "MARKED CONSENT at" in res.output and "MARKED REFUSAL at" in res.output
    assert list(watcher.poll()) == [Marker.CONSENT, Marker.REFUSAL]  # nothing after q
    with watching(control):
        res = CliRunner().invoke(main, ["mark", "consent", "--control", str(control)])
    assert f"MARKED CONSENT in {control} for appaudit run (pid {os.getpid()})" in " ".join(res.output.split())
