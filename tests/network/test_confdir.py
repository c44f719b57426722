"""appaudit/network/proxy.py private_confdir: mitmproxy's CA private key never lands beside the outputs."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from appaudit.network import proxy


def test_confdir_is_private_and_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    d = proxy.private_confdir()
    assert d == tmp_path / "cache" / "appaudit" / "mitmproxy"
    assert stat.S_IMODE(d.stat().st_mode) == 0o700


def test_confdir_falls_back_to_a_private_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    d = proxy.private_confdir()
    assert d.is_dir() and not d.is_relative_to(tmp_path) and stat.S_IMODE(d.stat().st_mode) == 0o700
    d.rmdir()


def test_audit_capture_keeps_the_confdir_out_of_the_work_dir() -> None:
    # audit --capture's mitmdump configuration asks private_confdir for its confdir (never work / "mitmproxy").
    source = (Path(proxy.__file__).parents[1] / "audit.py").read_text(encoding="utf-8")
    assert "private_confdir()" in source and 'work / "mitmproxy"' not in source
