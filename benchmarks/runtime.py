"""Runtime benchmarks: what a hostjvm run costs, cold and warm, and what it catches per sample app.

Run: .venv/bin/python benchmarks/runtime.py [--rounds R]
Figures (median of R rounds unless said otherwise):
  1. One-off costs in a fresh cache: bundling hooks/agent.js with frida.Compiler, javac of the stubs,
     enjarify per APK.
  2. Per sample app, warm caches: wall time of session.run, agent time to `ready` (hooks installed)
     after spawn, reads caught, hooks installed / not installable, and the same app run without Frida
     (plain java, same command line) as the reference.
No network: the apps' HTTP goes to a closed loopback port.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frida

from appaudit.runtime import agent, hostjvm, session

ROOT = Path(__file__).resolve().parents[1]
APPS = ("demo-clean", "demo-network", "demo-news", "demo-obfuscated", "demo-preconsent")


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cold_costs() -> None:
    t = time.perf_counter()
    frida.Compiler().build(agent.AGENT_ENTRY, project_root=str(agent.hooks_dir()))  # type: ignore[no-untyped-call]
    print(f"agent bundle (frida.Compiler):      {time.perf_counter() - t:6.2f} s")
    with tempfile.TemporaryDirectory() as cache:
        os.environ[hostjvm.ENV_CACHE] = cache
        try:
            t = time.perf_counter()
            hostjvm.compile_stubs()
            print(f"stubs + harness (javac, cold):      {time.perf_counter() - t:6.2f} s")
            for app in APPS:
                t = time.perf_counter()
                hostjvm.enjarify(ROOT / "sample_apks" / app / f"{app}.apk")
                print(f"enjarify {app:<18} (cold): {time.perf_counter() - t:6.2f} s")
        finally:
            del os.environ[hostjvm.ENV_CACHE]


def per_app(rounds: int) -> None:
    print(f"\n{'app':<17} {'run s':>6} {'plain java s':>12} {'ready s':>8} {'reads':>6} {'hooks':>6} {'absent':>7}")
    for app in APPS:
        apk = ROOT / "sample_apks" / app / f"{app}.apk"
        hook = json.loads((ROOT / "sample_apks" / app / "expected.json").read_text(encoding="utf-8"))["runtime"][
            "consent_hook"
        ]
        runs, readies, plain = [], [], []
        reads = hooks = absent = 0
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(rounds):
                out = Path(tmp) / f"{i}.jsonl"
                t = time.perf_counter()
                session.run(apk, "hostjvm", out, consent_hook=hook)
                runs.append(time.perf_counter() - t)
                recs = _records(out)
                ready = next(r for r in recs if r["type"] == "ready")
                readies.append(float(ready["at"]))  # type: ignore[arg-type]
                reads = sum(1 for r in recs if r["type"] == "read")
                hooks = int(ready["hooks"])  # type: ignore[call-overload]
                absent = sum(1 for r in recs if r["type"] == "hook_failed")
                target = hostjvm.prepare(apk, Path(tmp) / "plain")
                t = time.perf_counter()
                subprocess.run(target.argv, capture_output=True, check=False, timeout=120)
                plain.append(time.perf_counter() - t)
        print(
            f"{app:<17} {statistics.median(runs):6.2f} {statistics.median(plain):12.2f} "
            f"{statistics.median(readies):8.2f} {reads:6d} {hooks:6d} {absent:7d}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"frida {frida.__version__}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    cold_costs()
    per_app(args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
