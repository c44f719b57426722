"""Where the files a report names live in the user's repository (for SARIF locations).

`source_map` turns the command line's `--source-root` (the repository checkout) plus the APK and policy
paths the audit was given into repository-relative POSIX paths, finds the app's AndroidManifest.xml
source when not named, and indexes the app's own Java/Kotlin sources by class so that a call site in
the app's code points at its source file. Walks are bounded (file count, depth) and skip build output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from appaudit.errors import InputError
from appaudit.report.options import SourceMap, repo_path

MAX_FILES = 100_000  # files looked at in one walk of the source root
MAX_MANIFEST_BYTES = 4 * 1024**2
_SKIP_DIRS = frozenset({".git", "build", ".gradle", "node_modules", ".idea", "out", ".venv", "__pycache__"})
_PACKAGE = re.compile(rb"""<manifest[^>]*\spackage\s*=\s*["']([^"']+)["']""")


def _walk(root: Path) -> Iterable[Path]:
    seen = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            seen += 1
            if seen > MAX_FILES:
                return
            yield Path(dirpath) / name


def _find_manifest(files: list[Path], package: str) -> Path | None:
    """The app module's main manifest: the one declaring PACKAGE, else the only one under src/main."""
    candidates = [f for f in files if f.name == "AndroidManifest.xml" and f.parent.name == "main"]
    for f in candidates:
        try:
            head = f.read_bytes()[:MAX_MANIFEST_BYTES]
        except OSError:
            continue
        m = _PACKAGE.search(head)
        if m and package and m.group(1).decode("utf-8", "replace") == package:
            return f
    return candidates[0] if len(candidates) == 1 else None


def source_map(
    root: Path | None,
    apk: Path | None = None,
    policies: Iterable[Path] = (),
    manifest: Path | None = None,
    package: str = "",
) -> SourceMap:
    """The repository paths of the APK, manifest, policies and the app's sources, relative to ROOT.

    Without ROOT, paths are relative to the working directory and no source tree is searched.
    """
    if root is not None and not root.is_dir():
        raise InputError(f"{root}: --source-root is not a directory; pass the repository checkout")
    files = list(_walk(root)) if root is not None else []
    if manifest is None and files:
        manifest = _find_manifest(files, package)
    sources: dict[str, str] = {}
    for f in files:
        if f.suffix not in (".java", ".kt"):
            continue
        parts = f.relative_to(root).parts if root is not None else f.parts
        for marker in ("java", "kotlin"):
            if marker in parts[:-1]:
                i = len(parts) - 1 - parts[::-1].index(marker)
                cls = ".".join((*parts[i + 1 : -1], f.stem))
                sources.setdefault(cls, repo_path(f, root))
                break
    return SourceMap(
        root=root,
        apk=repo_path(apk, root) if apk is not None else "",
        manifest=repo_path(manifest, root) if manifest is not None else "",
        policies={p.name: repo_path(p, root) for p in policies},
        sources=sources,
    )


@cache
def _manifest_lines(path: Path) -> tuple[str, ...]:
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_MANIFEST_BYTES)
    except OSError:
        return ()
    return tuple(raw.decode("utf-8", "replace").splitlines())


def manifest_line(paths: SourceMap, name: str) -> int | None:
    """The 1-based line of the manifest source that names NAME (`android:name="NAME"`), or None.

    A component may be written relative to the package (".MainActivity"), so its simple name is tried too.
    """
    if not paths.manifest or not name:
        return None
    lines = _manifest_lines((paths.root or Path.cwd()) / paths.manifest)
    probes = [f'"{name}"', f"'{name}'"]
    if "." in name:
        simple = "." + name.rsplit(".", 1)[1]
        probes += [f'"{simple}"', f"'{simple}'"]
    for probe in probes:
        for i, line in enumerate(lines, start=1):
            if probe in line:
                return i
    return None


__all__ = ["manifest_line", "source_map"]
