"""systools: JDK/enjarify discovery on any layout, and one-line install hints for this machine's package manager."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appaudit import systools
from appaudit.errors import ToolMissingError


def _fake_jdk(root: Path, version: str = "17.0.9") -> Path:
    for tool in systools.JDK_TOOLS:
        exe = root / "bin" / tool
        exe.parent.mkdir(parents=True, exist_ok=True)
        exe.write_text("#!/bin/sh\n")
        exe.chmod(0o755)
    (root / "release").write_text(f'IMPLEMENTOR="test"\nJAVA_VERSION="{version}"\n')
    return root


def _path_with(tmp_path: Path, *names: str) -> str:
    bindir = tmp_path / "path"
    bindir.mkdir(exist_ok=True)
    for name in names:
        exe = bindir / name
        exe.write_text("#!/bin/sh\n")
        exe.chmod(0o755)
    return str(bindir)


def test_explicit_java_home_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _fake_jdk(tmp_path / "jdk")
    monkeypatch.setenv(systools.ENV_JAVA_HOME, str(home))
    assert systools.java_home() == home


def test_explicit_java_home_of_another_version_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = _fake_jdk(tmp_path / "jdk21", "21.0.1")
    monkeypatch.setenv(systools.ENV_JAVA_HOME, str(home))
    with pytest.raises(ToolMissingError, match="not a JDK 17") as e:
        systools.java_home()
    assert str(home) in str(e.value) and "\n" not in str(e.value)


def test_java_home_env_then_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$JAVA_HOME of another version is skipped; a JDK 17 found through `java` on PATH is taken."""
    monkeypatch.delenv(systools.ENV_JAVA_HOME, raising=False)
    monkeypatch.setenv("JAVA_HOME", str(_fake_jdk(tmp_path / "jdk11", "11.0.2")))
    jdk = _fake_jdk(tmp_path / "jdk17")
    monkeypatch.setattr(systools, "_JDK_GLOBS", ())
    monkeypatch.setenv("PATH", str(jdk / "bin"))
    assert systools.java_home() == jdk


def test_no_jdk_names_the_install_command_of_this_machines_manager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(systools.ENV_JAVA_HOME, raising=False)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(systools, "_JDK_GLOBS", ())
    monkeypatch.setenv("PATH", _path_with(tmp_path, "dnf"))
    with pytest.raises(ToolMissingError) as e:
        systools.java_home()
    msg = str(e.value)
    assert "OpenJDK 17" in msg and "dnf install -y java-17-openjdk-devel" in msg and "\n" not in msg


@pytest.mark.parametrize(
    ("manager", "tool", "expected"),
    [
        ("apt-get", "bwrap", "apt-get install -y bubblewrap"),
        ("pacman", "adb", "pacman -S --needed android-tools"),
        ("brew", "java", "brew install openjdk@17"),
    ],
)
def test_install_hint_per_manager(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, manager: str, tool: str, expected: str
) -> None:
    monkeypatch.setenv("PATH", _path_with(tmp_path, manager))
    assert systools.install_hint(tool).endswith(expected)


def test_sudo_only_when_not_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_with(tmp_path, "apt-get"))
    monkeypatch.setattr(systools, "_is_root", lambda: False)
    assert systools.install_hint("adb") == "sudo apt-get install -y adb"
    monkeypatch.setattr(systools, "_is_root", lambda: True)
    assert systools.install_hint("adb") == "apt-get install -y adb"


def test_which_missing_tool_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_with(tmp_path, "apt-get"))
    with pytest.raises(ToolMissingError, match=r"^adb: not found; the android backend .*apt-get install -y adb$"):
        systools.which("adb")


def test_enjarify_override_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(systools.ENV_ENJARIFY, "/opt/enjarify/enjarify.sh")
    assert systools.enjarify_command() == ("/opt/enjarify/enjarify.sh",)
    monkeypatch.delenv(systools.ENV_ENJARIFY)
    monkeypatch.setattr(systools, "_has_module", lambda python, module: False)
    monkeypatch.setenv("PATH", _path_with(tmp_path))
    with pytest.raises(ToolMissingError, match="enjarify: not found"):
        systools.enjarify_command()


@pytest.mark.skipif(not os.path.exists("/usr/lib/jvm"), reason="no system JDK directory on this machine")
def test_this_machine_has_a_jdk17_found_without_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(systools.ENV_JAVA_HOME, raising=False)
    assert systools._is_jdk17(systools.java_home())
