"""Signature matching benchmark: the catalogue's segment trie against one regex per Exodus signature.

Run: .venv/bin/python benchmarks/signatures.py [--names N]
Class names are the real defined classes of the corpus APKs (../shared/corpus/apks, read with
appaudit.static.dex), repeated with inner-class suffixes until there are N (default 150,000). Both
contenders run in the same process on the same names:
  trie      appaudit.signatures.Catalogue.match_class over the whole catalogue (longest prefix)
  baseline  Exodus' method: for each name, `re.search` of every tracker's compiled code_signature
            (432 trackers in the shared export), first hit wins
The figure is the ratio baseline/trie (target >= 20x); agreement on the names both attribute is printed
as a sanity check, not a timing. The catalogue's load time is printed twice: a full load and
validation of the TOML files, and a load from the compiled cache (appaudit.signatures.cache_file).
"""

from __future__ import annotations

import argparse
import json
import re
import time
import zipfile
from pathlib import Path

from appaudit import signatures
from appaudit.static import dex
from appaudit.static.callsites import dotted

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus_class_names() -> list[str]:
    names: list[str] = []
    for apk in sorted((SHARED / "corpus" / "apks").glob("*.apk")):
        with zipfile.ZipFile(apk) as zf:
            for entry in zf.namelist():
                if entry.startswith("classes") and entry.endswith(".dex"):
                    names += [dotted(c.descriptor) for c in dex.load(zf.read(entry), entry).classes]
    return names


def workload(n: int) -> list[str]:
    base = corpus_class_names()
    out = list(base)
    i = 0
    while len(out) < n:  # perturb: inner classes of the real names, as dexes are full of them
        out.extend(f"{name}${i}" for name in base[: n - len(out)])
        i += 1
    return out[:n]


def exodus_regexes() -> list[tuple[str, re.Pattern[str]]]:
    doc = json.loads((SHARED / "sdkdata" / "phamcaohung__apktool__exodus_trackers.json").read_text(encoding="utf-8"))
    return [
        (str(t["name"]), re.compile(t["code_signature"])) for t in doc["trackers"].values() if t.get("code_signature")
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--names", type=int, default=150_000)
    args = ap.parse_args()

    directory = signatures.default_dir()
    t0 = time.perf_counter()
    cat = signatures.load_dir(directory)
    t_load = time.perf_counter() - t0
    signatures.load_dir_cached(directory)  # writes the cache if it is missing or stale
    t0 = time.perf_counter()
    signatures.load_dir_cached(directory)
    t_cached = time.perf_counter() - t0
    names = workload(args.names)
    regexes = exodus_regexes()

    t0 = time.perf_counter()
    trie_hits = [cat.match_class(n) for n in names]
    t_trie = time.perf_counter() - t0

    t0 = time.perf_counter()
    base_hits: list[str | None] = []
    for n in names:
        hit = None
        for tname, rx in regexes:
            if rx.search(n):
                hit = tname
                break
        base_hits.append(hit)
    t_base = time.perf_counter() - t0

    n_trie = sum(h is not None for h in trie_hits)
    n_base = sum(h is not None for h in base_hits)
    print(
        f"catalogue: {len(cat)} signatures, loaded and validated in {t_load:.2f} s;"
        f" from the compiled cache in {t_cached * 1e3:.0f} ms"
    )
    print(f"names: {len(names):,} class names from the corpus APKs (real names + inner-class perturbations)")
    print(f"trie     : {t_trie:8.3f} s  {t_trie / len(names) * 1e6:7.2f} us/name  attributed {n_trie:,}")
    print(
        f"baseline : {t_base:8.3f} s  {t_base / len(names) * 1e6:7.2f} us/name  attributed {n_base:,}"
        f"  ({len(regexes)} Exodus regexes)"
    )
    print(f"ratio    : {t_base / t_trie:.1f}x faster than one regex per Exodus signature (target >= 20x)")


if __name__ == "__main__":
    main()
