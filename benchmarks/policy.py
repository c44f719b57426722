"""Policy analysis benchmarks: accuracy on the labelled corpus, and speed against references measured in the same run.

Run: .venv/bin/python benchmarks/policy.py [--rounds R] [--huge-mb N]
  1. Per-category precision / recall / F1 on ../shared/corpus/policies (labels.json), per app misses.
  2. analyze() on a ~100 KB policy made of real corpus text (plain text and Markdown with tables), against
     two references: loading only (decode + parse into blocks), and a naive scan (str.find of every
     ontology word in the lower-cased text, no context at all).
  3. Loading a generated N MB HTML page.
Files are written to a temporary directory only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from appaudit import ontology
from appaudit.policy import accuracy
from appaudit.policy.analyze import analyze
from appaudit.policy.load import load

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ROOT.parent / "shared" / "corpus" / "policies"


def best_of(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def naive_scan(path: Path) -> int:
    text = path.read_text(encoding="utf-8").lower()
    words = [w.lower() for t in ontology.load().values() for w in (*t.words_en, *t.words_zh)]
    return sum(1 for w in words if text.find(w) >= 0)


def build_inputs(tmp: Path) -> list[Path]:
    seeds = sorted((POLICIES / "seeds").glob("*.txt"))
    text = ""
    for s in seeds * 2:
        if len(text.encode()) >= 100_000:
            break
        text += s.read_text(encoding="utf-8") + "\n\n"
    txt = tmp / "policy-100k.txt"
    txt.write_text(text, encoding="utf-8")
    md_parts = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("kirohuji__hope-front__jiamai_*.md"))]
    md = ""
    while len(md.encode()) < 100_000:
        md += "\n\n".join(md_parts) + "\n\n"
    mdf = tmp / "policy-100k.md"
    mdf.write_text(md, encoding="utf-8")
    return [txt, mdf]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--huge-mb", type=int, default=20)
    args = ap.parse_args()
    if not POLICIES.is_dir():
        print(f"{POLICIES}: missing; the benchmark reads the shared corpus beside the checkout", file=sys.stderr)
        return 2

    print("== accuracy on", POLICIES)
    t = time.perf_counter()
    ev = accuracy.evaluate(accuracy.labelled_sets(POLICIES))
    print(accuracy.table(ev))
    print(f"({len(ev.apps)} apps, {time.perf_counter() - t:.2f} s including first-use loading)")
    for a in ev.apps:
        misses = {c: m for c, m in a.misses.items() if m["fp"] or m["fn"]}
        if misses:
            print(f"  {a.app}: {misses}")

    sample_dir = ROOT / "sample_apks"
    sets = accuracy.sample_sets(sample_dir)
    if sets:
        print(f"\n== accuracy on {len(sets)} demo app policies ({sample_dir}/*/expected.json)")
        print(accuracy.table(accuracy.evaluate(sets)))

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        print("\n== speed (best of", args.rounds, "rounds)")
        for path in build_inputs(tmp):
            kb = path.stat().st_size / 1024
            t_an = best_of(lambda p=path: analyze([p]), args.rounds)  # type: ignore[misc]
            t_load = best_of(lambda p=path: load(p), args.rounds)  # type: ignore[misc]
            t_naive = best_of(lambda p=path: naive_scan(p), args.rounds)  # type: ignore[misc]
            print(
                f"{path.name:<18} {kb:6.0f} KB  analyze {t_an * 1000:7.1f} ms ({kb / t_an:7.0f} KB/s)  "
                f"load only {t_load * 1000:6.1f} ms (x{t_an / t_load:4.1f})  naive word scan {t_naive * 1000:6.1f} ms "
                f"(x{t_an / t_naive:4.1f})"
            )
        para = "<p>我们会收集您的设备型号和IMEI，用于安全风控。We collect your Android ID.</p>"
        huge = tmp / "huge.html"
        huge.write_text(
            "<html><body>" + para * (args.huge_mb * 1_000_000 // len(para.encode())) + "</body></html>",
            encoding="utf-8",
        )
        times = [best_of(lambda: load(huge), 1) for _ in range(2)]
        mb = huge.stat().st_size / 1e6
        print(
            f"huge.html {mb:6.1f} MB  load {statistics.median(times):.2f} s ({mb / statistics.median(times):.1f} MB/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
