"""How a report is rendered: language, whether identifier values are shown, and where files live.

One record for every format, so that `audit -o a.html -o b.sarif` and `render` pass the same choices.
`SourceMap` maps what the report names by file name (the APK, its manifest, policy files) to paths
a repository holds, for SARIF locations that GitHub code scanning can show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

LANGS = ("en", "zh")


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Repository paths (POSIX, relative to the repository root) of the files a report refers to.

    `apk`: the audited APK; `manifest`: the AndroidManifest.xml source (its lines are searched for
    permissions and components); `policies`: policy file name -> path; `sources`: fully qualified
    class name -> source file of the app's own code.
    """

    root: Path | None = None
    apk: str = ""
    manifest: str = ""
    policies: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Choices that change what a rendered report shows (not what the analysis found)."""

    lang: str = "en"
    show_values: bool = False  # identifier values (IMEI, clipboard text, app list ...) are redacted unless asked
    paths: SourceMap = field(default_factory=SourceMap)

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"language {self.lang!r}: use one of {', '.join(LANGS)}")


def repo_path(path: Path, root: Path | None) -> str:
    """PATH as a POSIX path relative to ROOT (default: the working directory), or its name when outside it.

    A report never carries an absolute local path: it is shared, and the path says nothing to its reader.
    """
    base = (root or Path.cwd()).resolve()
    try:
        rel = path.resolve().relative_to(base)
    except (ValueError, OSError):
        return path.name
    return str(PurePosixPath(*rel.parts)) if rel.parts else path.name


__all__ = ["LANGS", "RenderOptions", "SourceMap", "repo_path"]
