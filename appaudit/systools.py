"""Finding the external programs appaudit runs (JDK 17, enjarify, aapt, bwrap, adb, mitmdump, chromium).

The one place that knows where they live on each platform and how to install them: a missing program is a
`ToolMissingError` whose one line names it, what needs it and the install command for this machine's package
manager (data/systools.toml). Lookups happen only when a command needs the tool, never at import.
"""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from appaudit import data
from appaudit.errors import ToolMissingError

ENV_JAVA_HOME = "APPAUDIT_JAVA_HOME"
ENV_ENJARIFY = "APPAUDIT_ENJARIFY"
JDK_TOOLS = ("java", "javac", "jar", "keytool")
# Where distributions put a JDK 17 (any architecture); macOS answers through /usr/libexec/java_home.
_JDK_GLOBS = ("/usr/lib/jvm/java-17-openjdk*", "/usr/lib/jvm/java-17*", "/usr/lib/jvm/jdk-17*", "/opt/java/openjdk")


@functools.cache
def _table() -> dict[str, Any]:
    return data.load("systools.toml")


def install_hint(tool: str) -> str:
    """How to install TOOL here: the first package manager on PATH that has a package for it, else the fallback."""
    table = _table()
    entry: dict[str, Any] = table["tool"].get(tool, {})
    install: dict[str, str] = entry.get("install", {})
    for manager in table["managers"]:
        if manager in install and shutil.which(manager):
            command = str(table["install_command"][manager]).format(pkg=install[manager])
            # root (containers, CI) has no use for sudo, and minimal images often lack it.
            return command.removeprefix("sudo ") if _is_root() else command
    if "pip" in install:
        return f"pip install {install['pip']}"
    if "fallback" in entry:
        return str(entry["fallback"])
    return f"install {tool} with your package manager (" + ", ".join(f"{m}: {p}" for m, p in install.items()) + ")"


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def missing(tool: str, what: str | None = None) -> ToolMissingError:
    """The error for a missing TOOL: `<what>: not found; <purpose>; install: <command>`."""
    entry = _table()["tool"].get(tool, {})
    purpose = entry.get("purpose", f"appaudit needs {tool}")
    return ToolMissingError(f"{what or tool}: not found; {purpose}; install: {install_hint(tool)}")


def which(tool: str) -> str:
    """The path of TOOL on PATH, or a ToolMissingError with the install hint."""
    found = shutil.which(tool)
    if not found:
        raise missing(tool)
    return found


def _jdk_version(home: Path) -> str | None:
    """JAVA_VERSION from the JDK's `release` file ("17.0.15"), None when it is not a JDK."""
    try:
        text = (home / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    m = re.search(r'^JAVA_VERSION="([^"]+)"', text, re.M)
    return m.group(1) if m else None


def _is_jdk17(home: Path) -> bool:
    version = _jdk_version(home)
    return bool(version and version.split(".")[0] == "17") and all((home / "bin" / t).is_file() for t in JDK_TOOLS)


def _jdk_candidates() -> list[Path]:
    out: list[Path] = []
    for var in (ENV_JAVA_HOME, "JAVA_HOME"):
        if os.environ.get(var):
            out.append(Path(os.environ[var]))
    for pattern in _JDK_GLOBS:
        out.extend(Path(p) for p in sorted(glob.glob(pattern)))
    if sys.platform == "darwin" and Path("/usr/libexec/java_home").is_file():
        proc = subprocess.run(["/usr/libexec/java_home", "-v", "17"], capture_output=True, text=True, timeout=10)
        if proc.returncode == 0 and proc.stdout.strip():
            out.append(Path(proc.stdout.strip()))
    java = shutil.which("java")
    if java:
        out.append(Path(java).resolve().parent.parent)
    return out


def java_home() -> Path:
    """A JDK 17 home: $APPAUDIT_JAVA_HOME, $JAVA_HOME, the distribution's usual places, or `java` on PATH.

    An explicit $APPAUDIT_JAVA_HOME that is not a JDK 17 is an error, not silently skipped: the user asked for it.
    """
    explicit = os.environ.get(ENV_JAVA_HOME)
    if explicit and not _is_jdk17(Path(explicit)):
        raise ToolMissingError(
            f"{ENV_JAVA_HOME}={explicit}: not a JDK 17 (needs bin/{', bin/'.join(JDK_TOOLS)} and a release file "
            f"saying 17); install: {install_hint('java')}"
        )
    for home in _jdk_candidates():
        if _is_jdk17(home):
            return home
    raise missing("java", "OpenJDK 17 (JDK)")


def enjarify_command() -> tuple[str, ...]:
    """The command that runs enjarify: $APPAUDIT_ENJARIFY, Debian's module under the system python, this
    interpreter's module, or an `enjarify` on PATH (Debian's /usr/bin/enjarify wrapper may pick another python,
    so the module is preferred)."""
    explicit = os.environ.get(ENV_ENJARIFY)
    if explicit:
        return (explicit,)
    for python in ("/usr/bin/python3", sys.executable):
        if Path(python).is_file() and _has_module(python, "enjarify"):
            return (python, "-m", "enjarify.main")
    script = shutil.which("enjarify")
    if script:
        return (script,)
    raise missing("enjarify")


@functools.cache
def _has_module(python: str, module: str) -> bool:
    code = f"import importlib.util,sys; sys.exit(0 if importlib.util.find_spec({module!r}) else 1)"
    try:
        return subprocess.run([python, "-c", code], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False
