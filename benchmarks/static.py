"""Benchmark of `appaudit static` against androguard (AnalyzeAPK + call graph) on the same APKs.

    .venv/bin/python benchmarks/static.py                 # large 3-dex APK + every corpus APK
    .venv/bin/python benchmarks/static.py --no-corpus     # only the large APK
    .venv/bin/python benchmarks/static.py --large PATH    # an APK you already have

The large APK comes from sample_apks/generate_large.py (150k methods in 3 dex files; built into
sample_apks/build/large/ on first use, git-ignored). Each tool runs in its own child process, which
reports its wall time from interpreter start (imports included) to a finished analysis, and its
peak RSS at that point (getrusage(RUSAGE_SELF) in the child). After that measurement androguard's
child also extracts the sensitive call sites from its own decoded instructions, and the benchmark
checks that both tools found the same ones (data type, API, caller method, pc).
Prints ratios measured in this run: speed = androguard time / appaudit time; memory = appaudit peak
RSS / androguard peak RSS. Targets of issue 5: >= 10x faster, <= 1/4 of the memory on the large APK.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_APPAUDIT_CHILD = r"""
import time; t0 = time.perf_counter()
import json, resource, sys
from pathlib import Path
from appaudit.static.scan import scan
report = scan(Path(sys.argv[1]))
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
s = report.sections["static"]
json.dump({"seconds": seconds, "rss": rss, "methods": s["app"]["methods"], "dex": len(s["app"]["dex_files"]),
           "call_sites": s["call_sites"]}, open(sys.argv[2], "w"))
"""

_ANDROGUARD_CHILD = r"""
import time; t0 = time.perf_counter()
import json, resource, sys
sys.path.insert(0, sys.argv[3])
import static_reference
dvms, graph = static_reference.analyze(sys.argv[1])
seconds = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
edges = graph.number_of_edges()
sites = static_reference.call_sites(dvms)
json.dump({"seconds": seconds, "rss": rss, "edges": edges,
           "sites": [[list(k), n] for k, n in sites.items()]}, open(sys.argv[2], "w"))
"""


def _child(code: str, apk: Path, extra: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="appaudit-bench-") as tmp:
        out = Path(tmp) / "result.json"
        proc = subprocess.run([sys.executable, "-c", code, str(apk), str(out), *extra], capture_output=True,
                              text=True, check=False)  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(f"{apk.name}: child failed: {proc.stderr.strip().splitlines()[-1:]}")
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return result


def measure(apk: Path) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).parent))
    import static_reference

    mine = _child(_APPAUDIT_CHILD, apk, [])
    ref = _child(_ANDROGUARD_CHILD, apk, [str(Path(__file__).parent)])
    # androguard's AnalyzeAPK reads the APK's own classes*.dex only; appaudit also reads dex files nested in
    # assets (a plugin jar: "app.apk!assets/x.jar!classes.dex"), whose sites are counted apart.
    top = [c for c in mine["call_sites"] if c["dex"].count("!") <= 1]
    ours = static_reference.appaudit_sites(top)
    theirs: Counter[tuple[str, str, str, int]] = Counter({tuple(k): n for k, n in ref["sites"]})  # type: ignore[misc]
    truth_file = apk.with_name(apk.stem + ".expected.json")
    planted = None
    if truth_file.is_file():  # the generator's ground truth: every call site it planted
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        want = Counter((c["data_type"], c["api"], c["caller_class"], c["caller_method"], c["actor"])
                       for c in truth["call_sites"])  # fmt: skip
        got = Counter((c["data_type"], c["api"], c["caller_class"], c["caller_method"].split("(")[0], c["actor"])
                      for c in mine["call_sites"])  # fmt: skip
        planted = want == got
    return {
        "apk": apk.name,
        "planted_call_sites_match": planted,
        "methods": mine["methods"],
        "dex": mine["dex"],
        "appaudit_s": round(mine["seconds"], 2),
        "androguard_s": round(ref["seconds"], 2),
        "speedup": round(ref["seconds"] / mine["seconds"], 1),
        "appaudit_rss_mb": round(mine["rss"] / 2**20),
        "androguard_rss_mb": round(ref["rss"] / 2**20),
        "memory_ratio": round(mine["rss"] / ref["rss"], 3),
        "call_sites": sum(ours.values()),
        "nested_dex_call_sites": len(mine["call_sites"]) - len(top),
        "same_call_sites": ours == theirs,
        "only_appaudit": sum((ours - theirs).values()),
        "only_androguard": sum((theirs - ours).values()),
    }


def large_apk(path: Path | None) -> Path:
    if path is not None:
        return path
    apk = ROOT / "sample_apks" / "build" / "large" / "large.apk"
    if not apk.is_file():
        print("building the large APK with sample_apks/generate_large.py (about a minute) ...", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "sample_apks" / "generate_large.py"), "--out", str(apk.parent)],
                       check=True)  # fmt: skip
    return apk


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="appaudit static vs androguard AnalyzeAPK + call graph")
    ap.add_argument("--large", type=Path, help="the large APK (default: sample_apks generator output)")
    ap.add_argument("--no-corpus", dest="corpus", action="store_false", help="skip the shared corpus APKs")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = ap.parse_args(argv)
    apks = [large_apk(args.large)]
    if args.corpus:
        apks += sorted((SHARED / "corpus" / "apks").glob("*.apk"))
    rows = []
    header = (f"{'apk':44} {'methods':>8} {'dex':>3} {'appaudit':>9} {'androguard':>10} {'speed':>6} "
              f"{'RSS MB':>7} {'ref MB':>7} {'mem':>6} {'sites':>6} same")  # fmt: skip
    print(header)
    for apk in apks:
        r = measure(apk)
        rows.append(r)
        print(f"{r['apk'][:44]:44} {r['methods']:>8} {r['dex']:>3} {r['appaudit_s']:>8}s {r['androguard_s']:>9}s "
              f"{r['speedup']:>5}x {r['appaudit_rss_mb']:>7} {r['androguard_rss_mb']:>7} {r['memory_ratio']:>6} "
              f"{r['call_sites']:>6} {'yes' if r['same_call_sites'] else 'NO'}", flush=True)  # fmt: skip
    big = rows[0]
    verdict = big["speedup"] >= 10 and big["memory_ratio"] <= 0.25 and big["same_call_sites"]
    print(f"large APK: {big['speedup']}x faster, {big['memory_ratio']:.2f} of the peak memory, "
          f"same call sites: {big['same_call_sites']}, planted call sites found exactly: "
          f"{big['planted_call_sites_match']} -> targets (>=10x, <=0.25) {'met' if verdict else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r["same_call_sites"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
