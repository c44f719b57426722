"""Policy analysis benchmarks: accuracy on the labelled corpus, and speed against references measured in the same run.

Run: .venv/bin/python benchmarks/policy.py [--rounds R] [--huge-mb N] [--corpus-only] [--split tuning|measured|all]
                                          [--code COMMIT]
  0. The own labelled corpus (benchmarks/policy_corpus: 291 real policy sets from public repositories, texts
     read from $APPAUDIT_POLICY_BENCH or ~/.cache/appaudit/policy-bench): data types P/R/F1 and SDK rows
     recall/precision of one split (tuning by default; measured only once rules are written), per labelling
     batch, and each set's misses; for sets labelled twice independently, how far the two labellers agree
     with each other and with the reconciled labels (the ceiling a reader of the text reaches).
  1. Per-category precision / recall / F1 on ../shared/corpus/policies (labels.json), per app misses.
  2. analyze() on ~200 KB policies made of real corpus text (plain text and Markdown with tables), against
     two references: loading only (decode + parse into blocks), and a naive scan (str.find of every
     ontology word in the lower-cased text, no context at all).
  3. Loading a generated N MB HTML page.
--code COMMIT scores the current labels with appaudit as it was at COMMIT (a temporary git worktree put first
on PYTHONPATH), so a new blind batch can be measured with the code from before a round of rule writing.
Files are written to a temporary directory only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from appaudit import ontology
from appaudit.errors import InputError
from appaudit.policy import accuracy
from appaudit.policy.analyze import analyze
from appaudit.policy.load import load

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ROOT.parent / "shared" / "corpus" / "policies"
sys.path.insert(0, str(ROOT / "benchmarks" / "policy_corpus"))
import texts as bench_texts  # noqa: E402  (benchmarks/policy_corpus/texts.py, not a package)


def own_corpus(show: str) -> int:
    """Score the own corpus per split; 1 when texts are missing (they are not in the repository).

    Per-set misses are printed only for the split asked for (`show`): the measured split is run once,
    after tuning, so whoever tunes rules sees only the tuning split's misses."""
    root = bench_texts.text_dir()
    problems = bench_texts.check(root)
    if problems:
        print(f"== own corpus: {len(problems)} problem(s) with the texts in {root}:")
        for p in problems[:10]:
            print("  " + p)
        print("  (store the texts listed in benchmarks/policy_corpus/sources.json there; see texts.py)")
        return 1
    labels = json.loads(bench_texts.LABELS.read_text(encoding="utf-8"))
    Result = tuple[str, accuracy.Score, accuracy.Score, accuracy.Score, str]
    per_split: dict[str, list[Result]] = {}
    batch_of: dict[str, str] = {}
    for name, lab in labels.items():
        if name.startswith("_"):
            continue
        batch_of[name] = f"{lab.get('batch', 0)}{lab.get('half', '')}"  # a batch measured in halves: "5a", "5b"
        files = [root / name / f for f in lab["files"]]
        t = time.perf_counter()
        section = analyze(files).sections["policy"]
        took = time.perf_counter() - t
        got = set(section["declared_data_types"])
        want = set(lab["declared_data_types"])
        types = accuracy.Score.of(got, want)
        rec, prec, missed, extra = accuracy.row_scores(
            [r["name"] for r in section["sdk_rows"]], [r["name"] for r in lab["sdk_rows"]]
        )
        miss = []
        if got - want:
            miss.append(f"extra types {sorted(got - want)}")
        if want - got:
            miss.append(f"missed types {sorted(want - got)}")
        if missed:
            miss.append(f"missed rows {missed[:6]}{'…' if len(missed) > 6 else ''}")
        if extra:
            miss.append(f"extra rows {extra[:6]}{'…' if len(extra) > 6 else ''}")
        info = f"{took * 1000:.0f} ms; " + "; ".join(miss)
        per_split.setdefault(lab["split"], []).append((name, types, rec, prec, info))

    def summary(title: str, sets: list[Result]) -> None:
        types = sum((s[1] for s in sets), accuracy.Score())
        rec = sum((s[2] for s in sets), accuracy.Score())
        prec = sum((s[3] for s in sets), accuracy.Score())
        print(
            f"== own corpus, {title} ({len(sets)} sets): data types P {types.precision:.3f} R {types.recall:.3f} "
            f"F1 {types.f1:.3f} (tp {types.tp} fp {types.fp} fn {types.fn}); "
            f"SDK rows recall {rec.tp}/{rec.tp + rec.fn} = {rec.recall:.3f}, "
            f"precision {prec.tp}/{prec.tp + prec.fp} = {prec.precision:.3f}"
        )
        if len(sets) >= 20:
            lo, hi = bootstrap([(s[1], s[2], s[3]) for s in sets])
            print(
                f"   95% interval over sets (bootstrap): data types F1 {lo[0]:.3f}-{hi[0]:.3f}; "
                f"SDK rows recall {lo[1]:.3f}-{hi[1]:.3f}, precision {lo[2]:.3f}-{hi[2]:.3f}"
            )

    for split in ("tuning", "measured") if show == "all" else (show,):
        sets = per_split.get(split, [])
        summary(f"{split} split", sets)
        batches = sorted({batch_of[s[0]] for s in sets})
        if len(batches) > 1:
            for b in batches:
                summary(f"{split} split, batch {b}", [s for s in sets if batch_of[s[0]] == b])
        for name, _t, _r, _p, info in sets:
            print(f"  {name}: {info}")
    human_agreement(labels)
    return 0


def bootstrap(
    sets: list[tuple[accuracy.Score, accuracy.Score, accuracy.Score]], rounds: int = 2000
) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """2.5th and 97.5th percentiles of (data types F1, rows recall, rows precision) over `rounds` resamples of the
    sets with replacement: how far the figure of a split this size moves with which policies happen to be in it."""
    rng = random.Random(0)  # fixed: the same figures print the same interval
    stats: list[tuple[float, float, float]] = []
    for _ in range(rounds):
        pick = [rng.choice(sets) for _ in sets]
        t = sum((p[0] for p in pick), accuracy.Score())
        r = sum((p[1] for p in pick), accuracy.Score())
        q = sum((p[2] for p in pick), accuracy.Score())
        stats.append((t.f1, r.recall, q.precision))
    cols = [sorted(c) for c in zip(*stats, strict=True)]
    lo = tuple(c[int(0.025 * (rounds - 1))] for c in cols)
    hi = tuple(c[int(0.975 * (rounds - 1))] for c in cols)
    return (lo[0], lo[1], lo[2]), (hi[0], hi[1], hi[2])


def human_agreement(labels: dict[str, Any]) -> None:
    """Score each independent labelling of the double-labelled sets (`independent`: what each labeller found
    before they compared) against the other and against the reconciled labels, as the extractor is scored."""
    double = {k: v for k, v in labels.items() if not k.startswith("_") and "independent" in v}
    if not double:
        return
    pairs = {"first vs second": ("second", "first"), "first vs reconciled": ("first", None),
             "second vs reconciled": ("second", None)}
    for title, (got_by, want_by) in pairs.items():
        types = rec = prec = accuracy.Score()
        for lab in double.values():
            got = lab["independent"][got_by]
            want = lab["independent"][want_by] if want_by else {
                "data_types": list(lab["declared_data_types"]), "sdk_rows": [r["name"] for r in lab["sdk_rows"]]}
            types = types + accuracy.Score.of(set(got["data_types"]), set(want["data_types"]))
            r, p, _m, _e = accuracy.row_scores(got["sdk_rows"], want["sdk_rows"])
            rec, prec = rec + r, prec + p
        print(
            f"== human agreement, {title} ({len(double)} double-labelled sets): data types P {types.precision:.3f} "
            f"R {types.recall:.3f} F1 {types.f1:.3f}; SDK rows recall {rec.tp}/{rec.tp + rec.fn} = {rec.recall:.3f}, "
            f"precision {prec.tp}/{prec.tp + prec.fp} = {prec.precision:.3f}"
        )


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
        if len(text.encode()) >= 200_000:
            break
        text += s.read_text(encoding="utf-8") + "\n\n"
    txt = tmp / "policy-200k.txt"
    txt.write_text(text, encoding="utf-8")
    md_parts = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("kirohuji__hope-front__jiamai_*.md"))]
    md = ""
    while len(md.encode()) < 200_000:
        md += "\n\n".join(md_parts) + "\n\n"
    mdf = tmp / "policy-200k.md"
    mdf.write_text(md, encoding="utf-8")
    return [txt, mdf]


def at_commit(commit: str, split: str) -> int:
    """This benchmark's own-corpus section, labels as they are now, run by a child whose `appaudit` is COMMIT's
    (a worktree first on PYTHONPATH shadows the editable install)."""
    with tempfile.TemporaryDirectory() as d:
        tree = Path(d) / "tree"
        add = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit],
                             capture_output=True, text=True)
        if add.returncode:
            print(f"--code {commit}: {add.stderr.strip() or 'git worktree add failed'}", file=sys.stderr)
            return 2
        try:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH")]))}
            print(f"== appaudit at {commit}")
            return subprocess.run([sys.executable, __file__, "--corpus-only", "--split", split], env=env).returncode
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--huge-mb", type=int, default=10)
    ap.add_argument("--corpus-only", action="store_true", help="only the own labelled corpus (section 0)")
    ap.add_argument(
        "--split",
        choices=("tuning", "measured", "all"),
        default="tuning",
        help="which split of the own corpus to score (measured: only once, after tuning)",
    )
    ap.add_argument("--code", metavar="COMMIT", help="score with appaudit as it was at COMMIT (own corpus only)")
    args = ap.parse_args()
    if args.code:
        return at_commit(args.code, args.split)
    own_corpus(args.split)
    if args.corpus_only:
        return 0
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
                f"(x{t_an / t_naive:4.1f})  [{'ok' if t_an < 0.5 else 'SLOW'}: target < 0.5 s for 200 KB]"
            )
        para = "<p>我们会收集您的设备型号和IMEI，用于安全风控。We collect your Android ID.</p>"
        huge = tmp / "huge.html"
        huge.write_text(
            "<html><body>" + para * (args.huge_mb * 1_000_000 // len(para.encode())) + "</body></html>",
            encoding="utf-8",
        )
        try:
            times = [best_of(lambda: load(huge), 1) for _ in range(2)]
        except InputError as e:  # larger than the loader's size budget: that is the answer for this size
            print(f"huge.html: refused ({e})")
            return 0
        mb = huge.stat().st_size / 1e6
        print(
            f"huge.html {mb:6.1f} MB  load {statistics.median(times):.2f} s ({mb / statistics.median(times):.1f} MB/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
