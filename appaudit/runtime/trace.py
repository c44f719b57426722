"""The runtime trace: a JSONL file written one flushed line per event, and its loading into a Report.

Line 1 is a `header` record (schema, app, backend, settings); then one record per agent event (`read`,
`permission_request`, `start_other`, `consent`, `refusal`, `lifecycle`, `hook_failed`, `ready`, `error`);
an `end` record closes a run that ended cleanly. A target or session that dies mid-run leaves every line written so far;
`load_trace` accepts a trace without `end` and ignores a truncated last line.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from appaudit import __version__
from appaudit.errors import InputError
from appaudit.limits import bounded_float, loads_json, read_regular
from appaudit.model import Actor, AppInfo, Evidence, EvidenceKind, Phase, ReadDetail, Report, Source, parse_detail
from appaudit.runtime import attribution
from appaudit.runtime.consent import ConsentPoint, consent_point
from appaudit.signatures import Catalogue, load_or_none
from appaudit.static.sdks import FirstParty

TRACE_SCHEMA = 1
DEFAULT_WINDOW_S = 30.0
# An app's own namespaces read from a trace header: a manifest has a few dozen component packages.
MAX_NAMESPACES = 1000


def hash_value(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


class TraceWriter:
    """Appends records to a JSONL trace, one flushed line each (thread-safe: Frida calls from its thread)."""

    def __init__(self, path: Path, header: Mapping[str, Any]) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._f: IO[str] | None = path.open("w", encoding="utf-8")
        except OSError as e:
            raise InputError(f"{path}: cannot write the trace ({e.strerror}); pick another -o path") from e
        self._lock = threading.Lock()
        self._seq = 0
        self.write({"type": "header", "schema": TRACE_SCHEMA, "tool_version": __version__, **header})

    def write(self, record: Mapping[str, Any]) -> None:
        line = json.dumps({"v": TRACE_SCHEMA, **record, "seq": self._seq}, ensure_ascii=False, default=str)
        with self._lock:
            if self._f is None:
                return
            self._f.write(line + "\n")
            self._f.flush()
            self._seq += 1

    @property
    def count(self) -> int:
        return self._seq

    def close(self, reason: str, **extra: Any) -> None:
        self.write({"type": "end", "reason": reason, **extra})
        with self._lock:
            if self._f is not None:
                self._f.close()
                self._f = None


def read_records(path: Path) -> tuple[list[dict[str, Any]], bool]:
    """The records of a trace and whether a damaged line (a truncated last write) was skipped."""
    raw = read_regular(path, "trace")
    records: list[dict[str, Any]] = []
    damaged = False
    for n, line in enumerate(raw.decode("utf-8", "replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            # Bounded (appaudit.limits): a line nested 100k deep, a 5,000-digit or non-finite number is damage.
            rec = loads_json(line, f"{path}:{n}")
        except InputError:
            damaged = True
            continue
        if isinstance(rec, dict):
            records.append(rec)
        else:
            damaged = True
    if not records or records[0].get("type") != "header":
        raise InputError(f"{path}: not an appaudit trace (no header line); write one with `appaudit run`")
    if records[0].get("schema") != TRACE_SCHEMA:
        raise InputError(f"{path}: trace schema {records[0].get('schema')!r} is not {TRACE_SCHEMA}; re-run the trace")
    return records, damaged


def _float(v: Any) -> float:
    """A time or setting from the trace: "inf", "nan", 1e999 and junk read as 0.0 (limits.bounded_float)."""
    x = bounded_float(v)
    return 0.0 if x is None else x


def _phase(at: float, consent: ConsentPoint | None) -> Phase:
    return Phase.POST_CONSENT if consent is not None and at >= consent.at else Phase.PRE_CONSENT


def _str_list(v: Any) -> list[str]:
    return [str(x) for x in v] if isinstance(v, list) else []


# Optional fields of a `read` record that go into the evidence detail when the agent sent them.
_READ_EXTRAS = ("value", "value_sha256", "error", "path", "command", "uri", "intent", "via", "native", "implementation")


def _evidence(
    rec: Mapping[str, Any], consent: ConsentPoint | None, catalogue: Catalogue | None, own: FirstParty
) -> Evidence | None:
    """The evidence of a read, permission_request, start_other, consent or refusal record; None for the
    records that describe the run (ready, lifecycle, hook_failed, error ...) and for a read without a type."""
    kind = rec.get("type")
    stack = _str_list(rec.get("stack"))
    data_type: str | None = None
    detail: dict[str, Any]
    if kind == "read":
        dt = rec.get("data_type")
        if not isinstance(dt, str):
            return None
        data_type = dt
        locator = str(rec.get("api", ""))
        detail = {
            "kind": "read",
            "api": locator,
            "stack": stack,
            "thread": str(rec.get("thread", "")),
            "foreground": bool(rec.get("foreground", False)),
        }
        detail.update((key, rec[key]) for key in _READ_EXTRAS if rec.get(key) is not None)
    elif kind == "permission_request":
        locator = "requestPermissions"
        detail = {"kind": "permission_request", "permissions": _str_list(rec.get("permissions")), "stack": stack}
    elif kind == "start_other":
        locator = str(rec.get("method", "startService"))
        detail = {
            "kind": "start_other",
            "target_package": str(rec.get("target_package", "")),
            "component": rec.get("component"),
            "stack": stack,
        }
    elif kind in ("consent", "refusal"):
        method = str(rec.get("method", ""))
        target = str(rec.get("target", ""))
        locator = target or method
        detail = {"kind": kind, "method": method}
        if kind == "consent":
            detail["target"] = target
    else:
        return None
    # The user's own answer is the app's act; everything else is named by its stack.
    actor = attribution.APP if kind in ("consent", "refusal") else attribution.attribute(stack, catalogue, own)
    at = _float(rec.get("at"))
    return Evidence(
        data_type=data_type,
        source=Source.RUNTIME,
        actor=Actor.parse(actor),
        locator=locator,
        detail=parse_detail(detail),  # the trace line is JSON: its detail parsed into the record here
        at=at,
        phase=_phase(at, consent),
    )


def counts(evidence: Sequence[Evidence], window_s: float) -> list[dict[str, Any]]:
    """Reads per (data type, actor): totals per phase and per window of WINDOW_S seconds."""
    per: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    phases: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in evidence:
        if not isinstance(e.detail, ReadDetail) or e.data_type is None:
            continue
        key = (e.data_type, e.actor)
        at = e.at or 0.0
        per[key][int(at // window_s)] += 1
        phases[key][e.phase.value if e.phase else Phase.PRE_CONSENT.value] += 1
        if not e.detail.foreground:
            phases[key]["background"] += 1
    out = []
    for (dt, actor), windows in sorted(per.items()):
        out.append(
            {
                "data_type": dt,
                "actor": actor,
                "total": sum(windows.values()),
                "pre_consent": phases[(dt, actor)][Phase.PRE_CONSENT.value],
                "post_consent": phases[(dt, actor)][Phase.POST_CONSENT.value],
                "background": phases[(dt, actor)]["background"],
                "max_per_window": max(windows.values()),
                "windows": [{"start": w * window_s, "count": n} for w, n in sorted(windows.items())],
            }
        )
    return out


def _refusal(records: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """The first refusal of a trace ({at, method, target}), or None: reads after it ignore the user's no."""
    for r in records:
        if r.get("type") == "refusal":
            return {"at": _float(r.get("at")), "method": str(r.get("method", "")), "target": str(r.get("target", ""))}
    return None


def _start_epoch(header: Mapping[str, Any], ready: Mapping[str, Any] | None) -> float | None:
    for value in ((ready or {}).get("t0_epoch"), header.get("started_epoch")):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def app_namespaces(header: Mapping[str, Any]) -> FirstParty:
    """The app's own namespaces a trace header recorded (the header is untrusted: lists of names only, bounded),
    else its package alone (traces written before the header had them)."""
    raw = header.get("app_namespaces")

    def names(key: str) -> tuple[str, ...]:
        v = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(v, list):
            return ()
        return tuple(n for n in v[:MAX_NAMESPACES] if isinstance(n, str) and 0 < len(n) <= 200)

    own, extra = names("own"), names("extra")
    package = str(header.get("package", ""))
    return FirstParty(own, extra) if own else FirstParty(own=(package,) if package else ())


def load_trace(path: Path, catalogue: Catalogue | None = None, *, window_s: float | None = None) -> Report:
    """The RUNTIME evidence and the `runtime` section of a trace (docs/contracts.md)."""
    records, damaged = read_records(path)
    header = records[0]
    # Without a catalogue attribution degrades to app/unknown; the section says so.
    cat = catalogue if catalogue is not None else load_or_none()
    package = str(header.get("package", ""))
    consent = consent_point(records)
    own = app_namespaces(header)
    evidence = [e for r in records[1:] if (e := _evidence(r, consent, cat, own))]
    raw_settings = header.get("settings")
    settings: dict[str, Any] = raw_settings if isinstance(raw_settings, dict) else {}
    window = window_s or _float(settings.get("window_s")) or DEFAULT_WINDOW_S
    if not window > 0:  # a negative window from a hand-edited header
        window = DEFAULT_WINDOW_S
    end = next((r for r in reversed(records) if r.get("type") == "end"), None)
    failed = sorted({str(r.get("target", "")) for r in records if r.get("type") == "hook_failed"})
    ready = next((r for r in records if r.get("type") == "ready"), None)
    reads = [e for e in evidence if e.kind is EvidenceKind.READ]
    section = {
        "trace": str(path),
        "backend": header.get("backend", ""),
        "package": package,
        "started": header.get("started", ""),
        # The agent's clock origin (epoch seconds): `at` of every event counts from here.
        "start_epoch": _start_epoch(header, ready),
        "consent": consent.to_dict() if consent else None,
        "refusal": _refusal(records),
        "consent_settings": header.get("consent", {}),
        "ended": end.get("reason") if end else "trace ends without an end record (target or session died)",
        "complete": end is not None and not damaged,
        "damaged_lines_skipped": damaged,
        "hooks": {
            "installed": ready.get("hooks") if ready else None,
            "failed": failed,
        },
        "attribution": "signatures"
        if cat is not None
        else "the app's own namespaces only (signature catalogue unavailable)",
        "reads": len(reads),
        "reads_pre_consent": sum(1 for e in reads if e.phase is Phase.PRE_CONSENT),
        "reads_background": sum(1 for e in reads if isinstance(e.detail, ReadDetail) and not e.detail.foreground),
        "window_s": window,
        "counts": counts(evidence, window),
        "errors": [r.get("message", "") for r in records if r.get("type") == "error"][:20],
        # Device runs: what preparation did (CA, install, pm clear ...), why the evidence is incomplete
        # (device gone, HTTPS not decrypted, pinning bypassed) and what a vanished device still holds.
        "device_notes": [str(n) for r in records if r.get("type") == "device" for n in r.get("notes") or []][:50],
        "degraded": [str(d) for d in (end.get("degraded") or [] if end else [])][:20],
        "device_changes_left": list(end.get("device_changes_left") or [] if end else [])[:20],
        # hostjvm: the run reached no app code (never a clean run), and each entry point that failed.
        "failed": bool(end.get("failed")) if end else False,
        # hostjvm: what the app attempted against its sandbox, by kind (command, file_write, connect ...);
        # None for a backend without a sandbox. A capture that saw no traffic means something only if the
        # app attempted connections.
        "sandbox": dict(Counter(str(r.get("what", "")) for r in records if r.get("type") == "sandbox"))
        if header.get("backend") == "hostjvm"
        else None,
        "harness_failures": [
            {"entry": str(r.get("entry", "")), "error": str(r.get("error", ""))}
            for r in records
            if r.get("type") == "harness" and r.get("ok") is False
        ][:100],
    }
    raw_app = header.get("app")
    app: dict[str, Any] = raw_app if isinstance(raw_app, dict) else {}
    return Report(
        app=AppInfo(package=package, file=str(app.get("file", "")), sha256=str(app.get("sha256", ""))),
        evidence=tuple(evidence),
        sections={"runtime": section},
        settings={
            "runtime.window_s": window,
            "runtime.value_mode": settings.get("value_mode", "raw"),
            # how the run answered the privacy dialog (hostjvm harness); absent in older traces
            **({"runtime.consent_action": settings["consent_action"]} if "consent_action" in settings else {}),
            # --bypass-pinning changes what the app sends (it accepts the proxy's certificate): said when on
            **({"runtime.pinning_bypass": True} if settings.get("pinning_bypass") else {}),
        },
        tool_version=str(header.get("tool_version", __version__)),
        generated_at=str(header.get("started", "")),
    ).sorted()
