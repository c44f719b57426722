"""What a batch audits: INPUTS expanded into app files, and each app's policy files from a --policy-map CSV.

INPUTS are app files (.apk/.apks/.xapk/.apkm), folders (searched recursively for those) or text files listing
one path per line (blank lines and `#` comments ignored; relative paths are relative to the list). The policy map
is a CSV of `key,file[,file...]` rows: the key is a package name or a glob on the app's file name; files are
relative to the CSV.
"""

from __future__ import annotations

import csv
import fnmatch
from dataclasses import dataclass
from pathlib import Path

from appaudit.errors import InputError

APP_SUFFIXES = (".apk", ".apks", ".xapk", ".apkm")
LIST_SUFFIXES = (".txt", ".lst", ".list")
MAX_LIST_LINES = 1_000_000


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """One row of the policy map: apps whose package equals or whose file name matches `key` get `files`."""

    key: str
    files: tuple[Path, ...]


def _is_app(p: Path) -> bool:
    return p.suffix.lower() in APP_SUFFIXES


def expand(inputs: tuple[Path, ...]) -> list[Path]:
    """Every app file named by INPUTS, de-duplicated by resolved path, in a stable order.

    A listed path that does not exist is kept: the batch records it as an input error row instead of
    silently dropping it.
    """
    out: list[Path] = []
    for item in inputs:
        if item.is_dir():
            out.extend(sorted(p for p in item.rglob("*") if p.is_file() and _is_app(p)))
        elif item.suffix.lower() in LIST_SUFFIXES and item.is_file():
            out.extend(_read_list(item))
        elif item.exists() or _is_app(item):
            out.append(item)
        else:
            raise InputError(f"{item}: no such app file, folder or list of paths")
    seen: set[Path] = set()
    unique: list[Path] = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _read_list(path: Path) -> list[Path]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot read the list of apps ({e.strerror})") from None
    if len(lines) > MAX_LIST_LINES:
        raise InputError(f"{path}: more than {MAX_LIST_LINES} lines; split the list")
    base = path.parent
    return [base / line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def read_policy_map(path: Path) -> tuple[PolicyRule, ...]:
    """Parse the --policy-map CSV; a row whose policy file is missing is an error naming the row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the policy map ({e}); pass a UTF-8 CSV of key,file[,file...]") from None
    rules: list[PolicyRule] = []
    for n, row in enumerate(csv.reader(text.splitlines()), 1):
        cells = [c.strip() for c in row if c.strip()]
        if not cells or cells[0].startswith("#"):
            continue
        if len(cells) < 2:
            raise InputError(f"{path}:{n}: expected key,file[,file...]; got {row!r}")
        files = tuple(path.parent / c for c in cells[1:])
        for f in files:
            if not f.is_file():
                raise InputError(f"{path}:{n}: policy file {f} not found")
        rules.append(PolicyRule(cells[0], files))
    return tuple(rules)


def policies_for(app: Path, package: str | None, rules: tuple[PolicyRule, ...]) -> tuple[Path, ...]:
    """The policy files of the first rule that names the app's package or matches its file name."""
    for rule in rules:
        if (package and rule.key == package) or fnmatch.fnmatch(app.name, rule.key):
            return rule.files
    return ()
