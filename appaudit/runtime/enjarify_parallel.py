"""enjarify on all CPUs: dex -> jar with the classes translated by worker processes.

Run by hostjvm with the system python that has Debian's enjarify (`/usr/bin/python3 enjarify_parallel.py
-o OUT.jar IN.apk`); it imports nothing from appaudit. enjarify's own `main` translates one class after
the other on one core; translating a class depends only on the parsed dex, so the workers (forked after
parsing, so nothing large is pickled) each take every N-th class and the parent writes the jar in dex
order, the first definition of a class winning as in enjarify.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import zipfile

from enjarify import parsedex  # type: ignore[import-not-found]
from enjarify.jvm import writeclass  # type: ignore[import-not-found]
from enjarify.jvm.optimization import options  # type: ignore[import-not-found]
from enjarify.main import writeToJar  # type: ignore[import-not-found]
from enjarify.mutf8 import decode  # type: ignore[import-not-found]

_DEXES: list[object] = []


def _work(args: tuple[int, int, bool]) -> list[tuple[int, int, str, bytes | None]]:
    part, parts, fast = args
    opts = options.NONE if fast else options.PRETTY
    out: list[tuple[int, int, str, bytes | None]] = []
    for d, dex in enumerate(_DEXES):
        for i, cls in enumerate(dex.classes):  # type: ignore[attr-defined]
            if i % parts != part:
                continue
            name = decode(cls.name) + ".class"
            try:
                out.append((d, i, name, writeclass.toClassFile(cls, opts)))
            except Exception:  # enjarify's own policy: a class it cannot translate is left out
                out.append((d, i, name, None))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--fast", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("inputfile")
    a = ap.parse_args()
    with zipfile.ZipFile(a.inputfile) as z:
        names = [n for n in z.namelist() if n.startswith("classes") and n.endswith(".dex")]
        names.sort(key=lambda n: (len(n), n))  # classes.dex, classes2.dex, ... classes10.dex
        _DEXES.extend(parsedex.DexFile(z.read(n)) for n in names)
    jobs = max(1, a.jobs)
    if jobs == 1:
        results = [_work((0, 1, a.fast))]
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_work, [(k, jobs, a.fast) for k in range(jobs)])
    merged = sorted((r for part in results for r in part), key=lambda r: (r[0], r[1]))
    classes: dict[str, bytes] = {}
    errors = 0
    for _d, _i, name, data in merged:
        if name in classes:
            continue
        if data is None:
            errors += 1
            continue
        classes[name] = data
    writeToJar(a.output, classes)
    print(f"{len(classes)} classes translated successfully, {errors} classes had errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
