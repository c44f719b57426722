"""enjarify on all CPUs: dex -> jar with the classes translated by worker processes.

Run by hostjvm with the system python that has Debian's enjarify (`/usr/bin/python3 enjarify_parallel.py
-o OUT.jar IN.apk`); it imports nothing from appaudit. enjarify's own `main` translates one class after
the other on one core; translating a class depends only on the parsed dex, so the workers (forked after
parsing, so nothing large is pickled) each take every N-th class and the parent writes the jar in dex
order, the first definition of a class winning as in enjarify.

It also mends one enjarify 1.0.3 reading (`_encoded_value`): hostjvm keys its cached jars by this file's hash,
so a mend here converts the APKs again.
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
from enjarify.util import signExtend  # type: ignore[import-not-found]

_DEXES: list[object] = []
_ENCODED_VALUE = parsedex.encodedValue
# Encoded value types the dex format sign-extends from the bytes they are written in, and the width enjarify
# returns them in (an unsigned u32 / u64): SHORT, INT, LONG.
_SIGN_EXTENDED = {0x02: 32, 0x04: 32, 0x06: 64}


def _encoded_value(dex: object, stream: object) -> object:
    """enjarify's reading of a dex encoded value (a static field's initial value), with SHORT, INT and LONG
    sign-extended from their bytes as the dex format says: enjarify read them unsigned, so `static int x = -100`,
    which d8 writes in one byte, became 156 (AppCompat's default night mode: every AppCompat activity then threw
    "Unknown value set for night mode" at attach)."""
    tag = stream.data[stream.pos]  # type: ignore[attr-defined]
    value = _ENCODED_VALUE(dex, stream)
    width = _SIGN_EXTENDED.get(tag & 31)
    if width is None or not isinstance(value, tuple):
        return value
    bits = ((tag >> 5) + 1) * 8
    kind, raw = value
    return kind, signExtend(raw & ((1 << bits) - 1), bits) % (1 << width)


# Module-level, so that enjarify's own recursive calls (arrays of values) and the class parser use it too.
parsedex.encodedValue = _encoded_value


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
