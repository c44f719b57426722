"""Reading a capture: the addon's JSONL flows -> a Report with NETWORK evidence and a "network" section.

One `transfer` Evidence per hit (docs/evidence.md). The phase is left to compare (it knows the
consent time); the absolute timestamp is kept in detail["time"], and `at` is relative to START
when one is given. A capture cut off mid-line (proxy killed) loses only that line.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from appaudit import __version__, ontology
from appaudit.errors import InputError
from appaudit.limits import bounded_float, loads_json, read_regular
from appaudit.model import Actor, AppInfo, Evidence, Report, Source, TransferDetail


def _locator(method: str, url: str) -> str:
    """'POST https://host/path': the query is left out, it may carry the identifiers themselves."""
    try:
        parts = urlsplit(url)
        return f"{method} {parts.scheme}://{parts.netloc}{parts.path or '/'}"
    except ValueError:
        return f"{method} {url.split('?', 1)[0]}"


def _flow(raw: Any) -> dict[str, Any] | None:
    """A validated flow line, or None when it is not one."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("url"), str) or not isinstance(raw.get("host"), str):
        return None
    hits = raw.get("hits") or []
    if not isinstance(hits, list):
        return None
    errors = raw.get("scan_errors")
    return {
        "time": bounded_float(raw.get("time")) if isinstance(raw.get("time"), int | float) else None,
        "scan_errors": errors if isinstance(errors, int) and not isinstance(errors, bool) and errors > 0 else 0,
        "method": str(raw.get("method") or "GET"),
        "url": raw["url"],
        "host": raw["host"],
        "sdk": raw["sdk"] if isinstance(raw.get("sdk"), str) else None,
        "party": "first" if raw.get("party") == "first" else "third",
        "tls": bool(raw.get("tls")),
        "hits": [h for h in hits if isinstance(h, Mapping)],
    }


def load_flows(path: Path, start: float | None = None) -> Report:
    """Load a capture written by the addon; START (epoch seconds of app start) makes `at` relative."""
    text = read_regular(path, "capture").decode("utf-8", "replace")
    known = ontology.load()
    lines = text.splitlines()
    evidence: list[Evidence] = []
    hosts: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    flows = flows_with_hits = bad = truncated = unknown_types = scan_errors = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            # Bounded: a line nested 100k deep or with a 5,000-digit number is a bad line, not a traceback.
            flow = _flow(loads_json(line, f"{path}:{i + 1}"))
        except InputError:
            flow = None
        if flow is None:
            # The last line of a capture whose proxy was killed is usually cut short: not damage.
            if i == len(lines) - 1 and not text.endswith("\n"):
                truncated += 1
            else:
                bad += 1
            continue
        flows += 1
        scan_errors += flow["scan_errors"] > 0
        actor = Actor.APP if flow["party"] == "first" else Actor.parse(flow["sdk"])
        h = hosts.setdefault(
            (flow["host"], flow["sdk"], flow["party"]),
            {"host": flow["host"], "sdk": flow["sdk"], "party": flow["party"], "flows": 0, "cleartext": 0, "types": {}},
        )
        h["flows"] += 1
        h["cleartext"] += 0 if flow["tls"] else 1
        at = flow["time"] - start if flow["time"] is not None and start is not None else None
        locator = _locator(flow["method"], flow["url"])
        transfers = len(evidence)
        for hit in flow["hits"]:
            dt = hit.get("data_type")
            if not isinstance(dt, str) or dt not in known:
                unknown_types += 1
                continue
            h["types"].setdefault(dt, set()).add(str(hit.get("encoding", "")))
            evidence.append(
                Evidence(
                    data_type=dt,
                    source=Source.NETWORK,
                    actor=actor,
                    locator=locator,
                    detail=TransferDetail(
                        host=flow["host"],
                        url=flow["url"],
                        method=flow["method"],
                        party=flow["party"],
                        tls=flow["tls"],
                        encoding=str(hit.get("encoding", "")),
                        where=str(hit.get("where", "")),
                        sdk=flow["sdk"],
                        time=flow["time"],
                    ),
                    at=at,
                )
            )
        flows_with_hits += len(evidence) > transfers
    if bad and not flows:
        raise InputError(f"{path}: no flow lines ({bad} unreadable); pass a JSONL capture written by `appaudit proxy`")
    section = {
        "file": str(path),
        "flows": flows,
        "flows_with_hits": flows_with_hits,
        "transfers": len(evidence),
        "data_types": sorted({e.data_type for e in evidence if e.data_type}),
        "hosts": [
            {
                "host": h["host"],
                "sdk": h["sdk"],
                "party": h["party"],
                "flows": h["flows"],
                "cleartext_flows": h["cleartext"],
                "data_types": {dt: sorted(encs) for dt, encs in sorted(h["types"].items())},
            }
            for _, h in sorted(hosts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2]))
        ],
        "bad_lines": bad,
        "truncated_lines": truncated,
        "unknown_data_types": unknown_types,
        # Flows whose request the addon could not scan normally (parts scanned as plain text, or not at
        # all): a capture with any is degraded, whatever its hits say.
        "scan_errors": scan_errors,
        "start": start,
    }
    return Report(
        app=AppInfo(), evidence=tuple(evidence), sections={"network": section}, tool_version=__version__
    ).sorted()
