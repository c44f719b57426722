"""The runtime backend family (runtime/backends.py): prepare / run / cleanup of the built-in backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from appaudit.errors import InputError
from appaudit.runtime import backends, sandbox, session
from appaudit.runtime.session import RunOptions


def test_hostjvm_prepare_makes_the_scratch_dir_and_cleanup_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "bwrap", lambda: "/usr/bin/bwrap")  # prepare checks it; nothing runs here
    apk = tmp_path / "a.apk"
    apk.write_bytes(b"PK")
    hostjvm = backends.get("hostjvm")
    prepared = hostjvm.prepare(apk, RunOptions(duration=5.0))
    assert prepared.work_dir is not None and prepared.work_dir.is_dir()
    assert prepared.session is not None and prepared.session.options.duration == 5.0
    (prepared.work_dir / "left.txt").write_text("x")
    (prepared.work_dir / "left.txt").chmod(0o400)
    hostjvm.cleanup(prepared)
    assert not prepared.work_dir.exists()


def test_prepare_refuses_before_anything_starts(tmp_path: Path) -> None:
    apk = tmp_path / "a.apk"
    apk.write_bytes(b"PK")
    with pytest.raises(InputError, match="no such file"):
        backends.get("hostjvm").prepare(tmp_path / "missing.apk", RunOptions())
    # on a device the user answers the dialog: refused at prepare, before adb is looked for
    with pytest.raises(InputError, match="--consent-action is for the hostjvm harness"):
        backends.get("android").prepare(apk, RunOptions(consent_action="refuse"))


def test_execute_cleans_up_after_a_failing_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "bwrap", lambda: "/usr/bin/bwrap")
    apk = tmp_path / "a.apk"
    apk.write_bytes(b"not a zip")
    made: list[Path] = []
    real_prepare = session.prepare

    def prepare(app: Path, backend: str, opts: RunOptions) -> session.PreparedRun:
        p = real_prepare(app, backend, opts)
        assert p.work_dir is not None
        made.append(p.work_dir)
        return p

    monkeypatch.setattr(session, "prepare", prepare)
    with pytest.raises(InputError, match="not a valid zip"):
        backends.execute(backends.get("hostjvm"), apk, tmp_path / "t.jsonl", RunOptions())
    assert made and not made[0].exists()
