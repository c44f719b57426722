"""Sandbox benchmark: what bubblewrap and the attach-at-the-gate cost a hostjvm run.

Run: .venv/bin/python benchmarks/sandbox.py [--rounds R] [--app demo-clean]
Per round, the same prepared app (warm caches) is run to its end three ways, in alternation:
  reference   the java command under Frida spawn, no sandbox (how hostjvm ran before the sandbox)
  sandboxed   bwrap + gate + Frida attach by host PID (how `appaudit run --backend hostjvm` runs now)
Prints the medians and the ratio sandboxed / reference, and the sandbox's own start (bwrap to the gate).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from appaudit.runtime import agent, hostjvm, sandbox, session
from appaudit.runtime.consent import settings

ROOT = Path(__file__).resolve().parents[1]


def run_once(apk: Path, sandboxed: bool) -> tuple[float, float]:
    """Wall seconds from start to the app's end, and (sandboxed) seconds until the JVM waits at the gate."""
    with tempfile.TemporaryDirectory(prefix="appaudit-bench-") as d:
        wd = Path(d)
        target = hostjvm.prepare(apk, wd)
        config = session.agent_config(settings(None, None), target.file_overlay, target.manifest.package)
        t0 = time.monotonic()
        gate = 0.0
        if sandboxed:
            overlay = list(target.file_overlay.values())
            box = sandbox.for_run(target.argv, wd, hostjvm.DEFAULT_PROFILE, None, overlay)
            pid = box.start()
            gate = time.monotonic() - t0
            inst = agent.attach_local(pid, {**config, "sandbox": sandbox.agent_config(box.profile)}, lambda m: None)
            inst.on_resume(box.release)
            inst.on_close(box.close)
        else:
            inst = agent.spawn_local(target.argv, config, lambda m: None, cwd=str(wd), on_output=lambda fd, b: None)
        inst.resume()
        inst.wait(120)
        inst.detach()
        return time.monotonic() - t0, gate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--app", default="demo-clean")
    args = ap.parse_args()
    apk = ROOT / "sample_apks" / args.app / f"{args.app}.apk"
    run_once(apk, False)  # warm every cache (conversion, stubs, agent bundle, gate jar)
    run_once(apk, True)
    ref: list[float] = []
    box: list[float] = []
    gates: list[float] = []
    for _ in range(args.rounds):
        ref.append(run_once(apk, False)[0])
        wall, gate = run_once(apk, True)
        box.append(wall)
        gates.append(gate)
    r, b = statistics.median(ref), statistics.median(box)
    print(f"{args.app}, {args.rounds} rounds, medians:")
    print(f"  reference (Frida spawn, no sandbox)  {r:6.2f} s")
    print(f"  sandboxed (bwrap + gate + attach)    {b:6.2f} s   ratio {b / r:.2f}")
    print(f"  sandbox start to the gate            {statistics.median(gates):6.2f} s")


if __name__ == "__main__":
    main()
