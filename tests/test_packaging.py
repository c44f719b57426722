"""The wheel: carries every data set (catalogue, pre-built Frida agent, default profile, package data), and installs
and works from outside any checkout on the other Pythons we support (scripts/install_smoke.sh)."""

from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from appaudit import resources
from appaudit.runtime.agent import agent_source

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    agent_source()  # the release step: hooks/_agent.js must exist before the wheel is built
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (found,) = out.glob("appaudit-*.whl")
    return found


def test_wheel_carries_every_data_set(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    catalogue = {n for n in names if n.startswith("appaudit/_bundled/sdk_signatures/") and n.endswith(".toml")}
    assert len(catalogue) == len(list((ROOT / "sdk_signatures").rglob("*.toml")))
    for needed in ("appaudit/_bundled/hooks/_agent.js", "appaudit/_bundled/hooks/agent.js",
                   "appaudit/_bundled/device_profile.json", "appaudit/data/datatypes.toml",
                   "appaudit/data/systools.toml", "appaudit/data/batch_tables.toml", "appaudit/report/report.html.j2"):
        assert needed in names, needed
    stubs = {n for n in names if n.startswith("appaudit/runtime/stubs/") and n.endswith(".java")}
    assert len(stubs) == len(list((ROOT / "appaudit/runtime/stubs").rglob("*.java")))


def test_checkout_finds_its_data_sets_without_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    for ds in resources.ALL:
        monkeypatch.delenv(ds.env, raising=False)
        assert resources.locate(ds).exists(), ds
        assert resources.origin(ds) in ("checkout", "wheel")
    monkeypatch.setenv(resources.SIGNATURES.env, "/elsewhere")
    assert resources.locate(resources.SIGNATURES) == Path("/elsewhere")
    assert resources.origin(resources.SIGNATURES) == "$APPAUDIT_SIGNATURES"


def _runs(python: str) -> bool:
    return subprocess.run([python, "-c", "import venv"], capture_output=True, timeout=30).returncode == 0


def _other_pythons() -> list[str]:
    found: list[str] = []
    for minor in ("3.12", "3.13"):
        pyenv = sorted(glob.glob(str(Path.home() / f".pyenv/versions/{minor}*/bin/python3")))
        # pyenv's own installs first: its shims on PATH exist even where the version does not.
        candidates = [*pyenv, shutil.which(f"python{minor}")]
        exe = next((c for c in candidates if c and _runs(c)), None)
        if exe:
            found.append(exe)
    return found


@pytest.mark.slow
@pytest.mark.skipif(not _other_pythons(), reason="no Python 3.12/3.13 on this machine for the install smoke test")
def test_wheel_installs_and_runs_on_other_pythons(wheel: Path) -> None:
    proc = subprocess.run(["bash", str(ROOT / "scripts/install_smoke.sh"), str(wheel), *_other_pythons()],
                          capture_output=True, text=True, timeout=1500)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("install-smoke")]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert len(lines) == len(_other_pythons())
    print("\n".join(lines))
