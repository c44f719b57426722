"""appaudit.runtime.consent: settings, the control file protocol of `appaudit mark`, the consent point."""

from __future__ import annotations

from pathlib import Path

import pytest

from appaudit.errors import InputError
from appaudit.runtime.consent import ControlWatcher, Marker, consent_point, control_path, mark, settings


def test_settings_defaults_from_data() -> None:
    s = settings("com.x.PrivacyDialog.onAgree", "privacy_ok")
    agent = s.to_agent()
    assert agent["hook"] == "com.x.PrivacyDialog.onAgree"
    assert agent["pref_key"] == "privacy_ok"
    assert {"同意", "Agree", "Accept"} <= set(agent["dialog_words"])
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
