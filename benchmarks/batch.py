"""Benchmark of `appaudit batch` on real APKs: --jobs 1 vs --jobs N in the same run, Dask parity, throughput.

    .venv/bin/python benchmarks/batch.py                   # the corpus APKs (../shared/corpus/apks) + one corrupt file
    .venv/bin/python benchmarks/batch.py --run hostjvm     # also run every app on the local JVM
    .venv/bin/python benchmarks/batch.py --apks DIR --jobs 4

Prints: wall time of each configuration, the speed-up of --jobs N over --jobs 1 (same apps, same run), APKs per
hour, the peak memory of one app's process tree (the `apps.peak_mb` column), whether the corrupt file produced
exactly one `errors` row, and whether `--cluster local` (Dask) gives the same (app, sdk) pairs as the pool.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPAUDIT = str(Path(sys.executable).parent / "appaudit")


def _batch(apps: Path, out: Path, *extra: str) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([APPAUDIT, "batch", str(apps), "--out", str(out), "--no-html", *extra],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, proc.returncode


def _query(out: Path, sql: str) -> list[dict[str, object]]:
    proc = subprocess.run([APPAUDIT, "query", str(out), sql, "--format", "json"], capture_output=True, text=True,
                          check=True)
    rows: list[dict[str, object]] = json.loads(proc.stdout)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--apks", type=Path, default=Path(os.environ.get("APPAUDIT_SHARED", ROOT.parent / "shared"))
                    / "corpus" / "apks")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--run", choices=["hostjvm"], default=None)
    ap.add_argument("--no-dask", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="appaudit-bench-batch-") as tmp:
        apps = Path(tmp) / "apps"
        apps.mkdir()
        for p in sorted(a.apks.glob("*.apk")):
            shutil.copy(p, apps / p.name)
        (apps / "zz-corrupt.apk").write_bytes(b"PK\x03\x04" + os.urandom(4096))
        n = len(list(apps.glob("*.apk")))
        extra = ("--run", a.run) if a.run else ()
        one, rc1 = _batch(apps, Path(tmp) / "j1", "--jobs", "1", *extra)
        many, rcn = _batch(apps, Path(tmp) / "jn", "--jobs", str(a.jobs), *extra)
        out = Path(tmp) / "jn"
        errors = _query(out, "SELECT path, stage FROM errors")
        analysed = _query(out, "SELECT count(*) AS n, max(peak_mb) AS peak, median(peak_mb) AS med FROM apps")[0]
        print(f"{n} files ({n - 1} APKs + 1 corrupt){' with --run ' + a.run if a.run else ', static only'}")
        print(f"--jobs 1: {one:.1f} s (exit {rc1}); --jobs {a.jobs}: {many:.1f} s (exit {rcn}); "
              f"speed-up {one / many:.2f}x")
        print(f"throughput: {3600 * (n / one):.0f} APKs/h at --jobs 1,", end=" ")
        print(f"{3600 * (n / many):.0f} APKs/h at --jobs {a.jobs}")
        print(f"analysed {analysed['n']}, errors {len(errors)} ({', '.join(str(e['stage']) for e in errors)}); "
              f"peak memory per app tree: median {analysed['med']} MB, max {analysed['peak']} MB")
        if not a.no_dask:
            dask_s, rcd = _batch(apps, Path(tmp) / "dask", "--jobs", str(a.jobs), "--cluster", "local", *extra)
            sql = "SELECT package, sdk FROM sdks ORDER BY package, sdk"
            same = _query(out, sql) == _query(Path(tmp) / "dask", sql)
            print(f"--cluster local: {dask_s:.1f} s (exit {rcd}); same (app, sdk) pairs as the pool: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
