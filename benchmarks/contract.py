"""The typed evidence contract's cost: read a JSON report, compare it, write it, against plain JSON.

Run: .venv/bin/python benchmarks/contract.py [--evidence N] [--rounds R]
Builds a synthetic report of N evidence records of every kind (reads, transfers, call sites, policy
declarations, rows, permissions), then times, median of R rounds:
  reference  json.loads + json.dumps of the same document (what any reader pays)
  parse      Report.from_dict (detail records, Actor, schema checks)
  compare    compare.compare (rules, Comparison)
  write      Report.to_dict + json.dumps
and prints each as a ratio to the reference, so runs on different machines (or checkouts, with
PYTHONPATH pointing at another tree) compare by ratio, never by seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from appaudit import model
from appaudit.compare import Settings, compare

SDKS = ("umeng-analytics", "jpush", "amap-location", "msa-oaid", "app", "unknown")
TYPES = ("imei", "android_id", "oaid", "location_precise", "mac", "app_list")


def document(n: int) -> dict[str, Any]:
    ev: list[dict[str, Any]] = []
    for i in range(n):
        actor, dt = SDKS[i % len(SDKS)], TYPES[i % len(TYPES)]
        k = i % 6
        if k == 0:
            e = (
                "RUNTIME",
                dt,
                {
                    "kind": "read",
                    "api": "TM.getDeviceId",
                    "stack": ["a.b.C.d"] * 5,
                    "thread": "main",
                    "foreground": i % 2 == 0,
                    "value": "8675309",
                },
                float(i % 300),
            )
        elif k == 1:
            e = (
                "NETWORK",
                dt,
                {
                    "kind": "transfer",
                    "host": "h.example",
                    "url": f"https://h.example/{i}",
                    "method": "POST",
                    "party": "third",
                    "tls": i % 3 != 0,
                    "encoding": "raw",
                    "where": "body",
                    "sdk": None,
                    "time": 1000.0 + i,
                },
                float(i % 300),
            )
        elif k == 2:
            e = (
                "CODE",
                dt,
                {
                    "kind": "call_site",
                    "api": "x",
                    "caller_class": "a.B",
                    "caller_method": "m",
                    "reachable": i % 2 == 0,
                    "entry": {"path": ["a", "b"]},
                },
                None,
            )
        elif k == 3:
            e = (
                "POLICY",
                dt,
                {
                    "kind": "declared_data_type",
                    "quote": "we collect",
                    "context": "collection",
                    "hedged": False,
                    "file": "p.md",
                },
                None,
            )
        elif k == 4:
            e = (
                "POLICY",
                None,
                {
                    "kind": "sdk_row",
                    "name": actor,
                    "provider": "V",
                    "packages": [],
                    "data_types": [dt],
                    "permissions": [],
                    "purpose": None,
                    "links": [],
                    "sdk_id": actor,
                    "file": "p.md",
                },
                None,
            )
        else:
            e = (
                "MANIFEST",
                None,
                {
                    "kind": "permission",
                    "permission": f"android.permission.P{i % 40}",
                    "protection_level": "dangerous",
                    "play_restricted": False,
                    "max_sdk": None,
                },
                None,
            )
        src, data_type, detail, at = e
        ev.append(
            {
                "data_type": data_type,
                "source": src,
                "actor": actor,
                "locator": f"l{i}",
                "detail": detail,
                "at": at,
                "phase": None,
            }
        )
    app = {
        "package": "com.x",
        "version_name": "",
        "version_code": "",
        "min_sdk": None,
        "target_sdk": None,
        "file": "",
        "sha256": "",
    }
    return {
        "schema_version": 1,
        "tool": {"name": "appaudit", "version": "b"},
        "generated_at": "T",
        "app": app,
        "sections": {s: {} for s in ("static", "policy", "runtime", "network")},
        "skipped": {},
        "settings": {},
        "findings": [],
        "evidence": ev,
    }


def median(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--evidence", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    doc = document(args.evidence)
    text = json.dumps(doc)
    ref = median(lambda: json.dumps(json.loads(text)), args.rounds)
    report = model.Report.from_dict(json.loads(text))
    parse = median(lambda: model.Report.from_dict(json.loads(text)), args.rounds)
    compared = compare(report, Settings(), catalogue=None)
    cmp_t = median(lambda: compare(report, Settings(), catalogue=None), args.rounds)
    write = median(lambda: json.dumps(compared.to_dict()), args.rounds)
    print(f"{args.evidence} evidence, median of {args.rounds}; reference json round trip {ref * 1000:.1f} ms")
    for name, t in (("parse", parse), ("compare", cmp_t), ("write", write)):
        print(f"  {name:8s} {t / ref:6.2f} x reference")


if __name__ == "__main__":
    main()
