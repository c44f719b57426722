#!/usr/bin/env python3
"""Build the sample APKs from their smali sources (offline, idempotent); owns the signing recipe.

For each `sample_apks/<app>/src/` (apktool layout) this runs `apktool b`, `zipalign -p 4` and
`apksigner sign` with the committed test key `sample_apks/test.jks`, then writes `<app>/<app>.apk`
and `<app>/<app>.apk.srchash`. The `.srchash` file records the hash of the sources and of the APK
built from them, so an unchanged app is skipped (committed APKs never change needlessly) and a test
can tell when a committed APK is stale.

    python sample_apks/build.py            # build what changed
    python sample_apks/build.py --force    # rebuild everything
    python sample_apks/build.py --check    # exit 1 if any APK is stale; builds nothing
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYSTORE = HERE / "test.jks"
KEY_ALIAS = "appaudit-samples"
KEY_PASS = "android"  # a public test key: these APKs are fixtures, never released
# Bump when the build steps change in a way that changes the APKs (part of every source hash).
RECIPE = "apktool-b+zipalign-p4+apksigner-v1v2/1"
SKIP_PARTS = frozenset({"build", "dist"})  # apktool's own output folders, should one appear in src/


class BuildError(RuntimeError):
    """A build tool failed or is missing; the message names the app and the step."""


def apps(root: Path = HERE) -> list[str]:
    """The sample apps: every folder with src/AndroidManifest.xml, sorted."""
    return sorted(p.parent.parent.name for p in root.glob("*/src/AndroidManifest.xml"))


def source_files(src: Path) -> list[Path]:
    files = [p for p in src.rglob("*") if p.is_file() and not (SKIP_PARTS & set(p.relative_to(src).parts[:1]))]
    return sorted(files, key=lambda p: p.relative_to(src).as_posix())


def source_hash(src: Path) -> str:
    """sha256 over the recipe and every source file's relative path and content."""
    h = hashlib.sha256(RECIPE.encode())
    for p in source_files(src):
        h.update(b"\0" + p.relative_to(src).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_srchash(path: Path) -> dict[str, str]:
    """Parse `<app>.apk.srchash`: lines `src <sha256>` and `apk <sha256>`; {} when absent or malformed."""
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return {}
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key in ("src", "apk") and len(value) == 64:
            out[key] = value
    return out


def is_current(app_dir: Path) -> bool:
    """True when the committed APK was built from the current sources and not altered since."""
    name = app_dir.name
    apk = app_dir / f"{name}.apk"
    rec = read_srchash(app_dir / f"{name}.apk.srchash")
    return apk.is_file() and rec.get("src") == source_hash(app_dir / "src") and rec.get("apk") == file_sha256(apk)


def _run(cmd: Sequence[str], what: str, env: dict[str, str] | None = None) -> None:
    try:
        proc = subprocess.run(list(cmd), capture_output=True, text=True, env=env, timeout=900, check=False)
    except FileNotFoundError:
        raise BuildError(f"{what}: {cmd[0]} not found; run `make setup` (scripts/setup.sh installs it)") from None
    except subprocess.TimeoutExpired:
        raise BuildError(f"{what}: {cmd[0]} timed out") from None
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise BuildError(f"{what}: {' '.join(cmd[:2])} failed (exit {proc.returncode}):\n{tail}")


def tool_env(home: Path) -> dict[str, str]:
    """apktool writes its framework cache under the user's home: point it at the temp dir."""
    env = dict(os.environ)
    env["HOME"] = str(home)
    env["JAVA_TOOL_OPTIONS"] = f"-Duser.home={home}"
    return env


def align_and_sign(unsigned: Path, out: Path, tmp: Path, what: str) -> None:
    """zipalign then apksigner (v1+v2 for minSdk 21) with the committed test key, then verify."""
    aligned = tmp / "aligned.apk"
    _run(["zipalign", "-f", "-p", "4", str(unsigned), str(aligned)], f"{what}: zipalign")
    signed = tmp / "signed.apk"
    _run(
        [
            "apksigner",
            "sign",
            "--ks",
            str(KEYSTORE),
            "--ks-pass",
            f"pass:{KEY_PASS}",
            "--ks-key-alias",
            KEY_ALIAS,
            "--key-pass",
            f"pass:{KEY_PASS}",
            "--out",
            str(signed),
            str(aligned),
        ],
        f"{what}: apksigner sign",
    )
    _run(["apksigner", "verify", str(signed)], f"{what}: apksigner verify")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(signed), str(out))


def apktool_build(project: Path, unsigned: Path, home: Path, what: str) -> None:
    _run(["apktool", "b", "-f", str(project), "-o", str(unsigned)], f"{what}: apktool b", env=tool_env(home))


def build_app(app_dir: Path) -> Path:
    """Build one app into `<app>/<app>.apk` and record its hashes; returns the APK path."""
    name = app_dir.name
    src = app_dir / "src"
    with tempfile.TemporaryDirectory(prefix=f"appaudit-{name}-") as t:
        tmp = Path(t)
        project = tmp / "proj"
        # apktool writes build/ into the project folder: build a copy so src/ stays pristine.
        shutil.copytree(src, project, ignore=shutil.ignore_patterns(*SKIP_PARTS))
        unsigned = tmp / "unsigned.apk"
        apktool_build(project, unsigned, tmp, name)
        apk = app_dir / f"{name}.apk"
        align_and_sign(unsigned, apk, tmp, name)
    (app_dir / f"{name}.apk.srchash").write_text(f"src {source_hash(src)}\napk {file_sha256(apk)}\n", encoding="ascii")
    return apk


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("apps", nargs="*", help="apps to build (default: all)")
    ap.add_argument("--force", action="store_true", help="rebuild even when the sources are unchanged")
    ap.add_argument("--check", action="store_true", help="only report stale APKs (exit 1 if any)")
    args = ap.parse_args(argv)
    known = apps()
    chosen = args.apps or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        print(f"build.py: unknown app(s) {unknown}; known: {known}", file=sys.stderr)
        return 2
    stale = [a for a in chosen if args.force or not is_current(HERE / a)]
    if args.check:
        for a in stale:
            print(f"{a}: stale (sources changed since {a}.apk was built); run `make samples`", file=sys.stderr)
        return 1 if stale else 0
    for a in chosen:
        if a not in stale:
            print(f"{a}: up to date", file=sys.stderr)
            continue
        try:
            apk = build_app(HERE / a)
        except BuildError as e:
            print(f"build.py: {e}", file=sys.stderr)
            return 1
        print(f"{a}: built {apk.relative_to(HERE.parent)} ({apk.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
