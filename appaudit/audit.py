"""The audit pipeline: static + policy + optional runtime trace / run and network capture -> compare.

Each source is optional. One that was not asked for, or whose analyser is not part of this build,
is recorded in `Report.skipped` with the reason, so that a source not run is never read as clean.
Analysers are imported lazily: the pipeline works with whichever areas exist.
"""

from __future__ import annotations

import contextlib
import importlib
import math
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from appaudit import __version__
from appaudit.compare import Settings, compare
from appaudit.errors import DeviceError, InputError, ToolMissingError
from appaudit.model import AppInfo, Report, merge_reports

BACKENDS = ("hostjvm", "android")
PROXY_START_S = 30.0


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """What to run besides the static scan; `generated_at` is the one timestamp of the report."""

    policies: tuple[Path, ...] = ()
    trace: Path | None = None
    flows: Path | None = None
    run: str | None = None  # a runtime backend to run the app under (BACKENDS)
    run_options: Mapping[str, Any] = field(default_factory=dict)
    capture: bool = False  # with `run`: capture the run's traffic through an offline mitmdump on loopback
    # with `capture`: the values the capture looks for before the run's hook values are added
    # (default: the run's `profile`, or the profile the hostjvm stubs serve)
    capture_profile: Path | None = None
    work_dir: Path = Path("out")
    settings: Settings = field(default_factory=Settings)
    generated_at: str = ""


def timestamp() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds convention) for stable output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(module: str, name: str) -> Callable[..., Any] | None:
    """An analyser's entry point, or None when that area is not part of this build."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


def _missing(module: str, name: str) -> str:
    return f"analyser {module}.{name} is not available in this build"


def _skipped(source: str, reason: str) -> Report:
    return Report(app=AppInfo(), skipped={source: reason})


def _runtime_start(report: Report) -> float | None:
    """The app start time (epoch seconds) a trace records, to put network events on the same clock.

    A numeric start is exact; the ISO `started` stamp of the trace header has one-second resolution,
    which is enough to order requests against a consent that comes seconds after start.
    """
    section = report.sections.get("runtime", {})
    if not isinstance(section, Mapping):
        return None
    for key in ("start", "start_epoch"):
        value = section.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    started = section.get("started")
    if isinstance(started, str) and started:
        try:
            stamp = datetime.fromisoformat(started.replace("Z", "+00:00"))
        except ValueError:
            return None
        return (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).timestamp()
    return None


def _quote_line(lines: list[str], quote: str) -> int | None:
    """1-based line of the first line holding the quote (or, for quotes spanning markup, its start)."""
    words = " ".join(quote.split())
    for probe in (words, words[:40], words[:16]):
        if len(probe) < 4:
            break
        for i, line in enumerate(lines, start=1):
            if probe in " ".join(line.split()):
                return i
    return None


def with_policy_lines(report: Report, files: tuple[Path, ...]) -> Report:
    """POLICY evidence with detail["line"] where the quote is found in a text policy (for SARIF regions).

    Only plain-text formats have meaningful lines; HTML and PDF evidence keeps its section locator.
    """
    texts: dict[str, list[str]] = {}
    for f in files:
        if f.suffix.lower() in (".md", ".markdown", ".txt", ".mdx"):
            try:
                texts[f.name] = f.read_bytes().decode("utf-8", "replace").splitlines()
            except OSError:
                continue
    if not texts:
        return report
    out = []
    for e in report.evidence:
        lines = texts.get(str(e.detail.get("file", "")))
        quote = e.detail.get("quote") or e.detail.get("name")
        if lines is not None and isinstance(quote, str) and "line" not in e.detail:
            line = _quote_line(lines, quote)
            if line is not None:
                e = replace(e, detail={**e.detail, "line": line})
        out.append(e)
    return replace(report, evidence=tuple(out))


def audit(app: Path | None, options: AuditOptions, catalogue: Any = None) -> Report:
    """Run every source that was asked for and exists, merge their reports and compare.

    Raises InputError for a user-given file that is missing or unreadable (the CLI exits 2);
    a runtime backend that cannot start (tool or device missing) is recorded as skipped instead,
    because the rest of the audit is still worth having.
    """
    parts: list[Report] = []
    if app is not None and not app.is_file():
        raise InputError(f"{app}: no such file; pass the path of an .apk")
    for p in options.policies:
        if not p.is_file():
            raise InputError(f"{p}: no such policy file; pass a .txt, .md, .html or .pdf privacy policy")
    for label, path in (("trace", options.trace), ("flows", options.flows)):
        if path is not None and not path.is_file():
            raise InputError(f"{path}: no such {label} file; pass the JSONL file written by appaudit")
    if options.capture_profile is not None and not options.capture_profile.is_file():
        raise InputError(f"{options.capture_profile}: no such device profile; pass a JSON or TOML profile")
    if options.capture and (options.run is None or options.flows is not None):
        raise InputError("--capture records the traffic of a --run; give --run and drop --flows")
    if options.run is not None and options.run not in BACKENDS:
        raise InputError(f"--run {options.run}: unknown backend; use one of {', '.join(BACKENDS)}")

    # static
    if app is None:
        parts.append(_skipped("static", "no APK given"))
    elif (scan := _entry("appaudit.static.scan", "scan")) is None:
        parts.append(_skipped("static", _missing("appaudit.static.scan", "scan")))
    else:
        parts.append(scan(app))

    # policy
    if not options.policies:
        parts.append(_skipped("policy", "no privacy policy given (--policy); policy rules not evaluated"))
    elif (analyze := _entry("appaudit.policy.analyze", "analyze")) is None:
        parts.append(_skipped("policy", _missing("appaudit.policy.analyze", "analyze")))
    else:
        parts.append(with_policy_lines(analyze(list(options.policies)), options.policies))

    # runtime: a given trace, or a run that writes one
    trace_path, flows_path = options.trace, options.flows
    capture: Capture | None = None
    if options.run is not None and trace_path is None:
        trace_path, capture = _run(app, options, parts)
        # A missing live capture means mitmdump died: keep it the network source, whose loader says so,
        # rather than a rescan of an empty flow file that would read as "no traffic".
        if capture is not None and trace_path is not None and capture.flows.is_file():
            # The hooks reported the values the device really has: scan the saved traffic again with them.
            capture = rescan_capture(capture, trace_path, options.settings.first_party_domains)
        flows_path = flows_path or (capture.flows if capture is not None else None)
    elif trace_path is not None and flows_path is not None:
        # A live capture matched only the values given to the proxy (often none on a device): scan its raw
        # flow file again with the values the trace's hooks read, as --capture does, and say so.
        capture = given_capture_rescan(flows_path, trace_path, options)
        flows_path = capture.flows
    runtime: Report | None = None
    if trace_path is None:
        if options.run is None:
            parts.append(_skipped("runtime", "no runtime trace (--trace) and no run (--run hostjvm|android)"))
    elif (load_trace := _entry("appaudit.runtime.trace", "load_trace")) is None:
        parts.append(_skipped("runtime", _missing("appaudit.runtime.trace", "load_trace")))
    else:
        runtime = load_trace(trace_path, catalogue)
        parts.append(runtime)

    # network: flows join the runtime clock when the trace records the app start time
    if flows_path is None:
        if not any("network" in p.skipped for p in parts):
            parts.append(_skipped("network", "no network capture (--flows, or --capture with --run)"))
    elif (load_flows := _entry("appaudit.network.capture", "load_flows")) is None:
        parts.append(_skipped("network", _missing("appaudit.network.capture", "load_flows")))
    else:
        start = _runtime_start(runtime) if runtime is not None else None
        network = load_flows(flows_path, start=start)
        parts.append(network if capture is None else capture.annotate(network))

    merged = merge_reports(parts)
    merged = replace(merged, tool_version=__version__, generated_at=options.generated_at or timestamp())
    return compare(merged, options.settings, catalogue)


@dataclass(frozen=True, slots=True)
class Capture:
    """The traffic of a run: the addon's JSONL, mitmproxy's flow file, and the profile scanned with."""

    flows: Path  # the JSONL that the network source loads (the rescan's, once there is one)
    flow_file: Path | None  # mitmproxy's own flow file: every request, to scan again
    profile: Path | None  # the profile given to the live capture
    live_flows: Path | None = None  # the live addon's JSONL, when `flows` is a rescan
    from_trace: Mapping[str, int] = field(default_factory=dict)  # values per type the trace added
    hashed_only: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def annotate(self, report: Report) -> Report:
        """Say in the network section and the settings where the matcher's values came from."""
        origin = {
            "given": str(self.profile) if self.profile else None,
            "from_trace": dict(self.from_trace),
            "hashed_only": list(self.hashed_only),
            "flow_file": str(self.flow_file) if self.flow_file else None,
            "live_capture": str(self.live_flows) if self.live_flows else None,
            "notes": list(self.notes),
        }
        sections = {k: (dict(v, profile=origin) if k == "network" else v) for k, v in report.sections.items()}
        settings = {
            **report.settings,
            "network.profile": str(self.profile) if self.profile else "none",
            "network.profile_from_trace": ", ".join(f"{k} ({n})" for k, n in self.from_trace.items()) or "none",
        }
        return replace(report, sections=sections, settings=settings)


def rescan_capture(
    capture: Capture, trace: Path, first_party: tuple[str, ...] = (), output: Path | None = None
) -> Capture:
    """CAPTURE scanned again from its flow file with its profile plus the values TRACE's hooks reported.

    Hashed-only reads (`--values sha256`) cannot seed the matcher; they are named in `hashed_only`.
    The new JSONL goes to OUTPUT (default: beside the live one, `.rescan.jsonl`). Without a flow file, or
    when the analysers are not part of this build, CAPTURE comes back with a note.
    """
    if capture.flow_file is None or not capture.flow_file.is_file():
        return replace(capture, notes=(*capture.notes, "no flow file: the capture was not scanned again"))
    try:
        profile_mod = importlib.import_module("appaudit.network.profile")
        addon_mod = importlib.import_module("appaudit.network.addon")
        trace_mod = importlib.import_module("appaudit.runtime.trace")
    except ImportError as e:
        return replace(capture, notes=(*capture.notes, f"not scanned again: {e}"))
    given = profile_mod.load_profile(capture.profile) if capture.profile else profile_mod.DeviceProfile()
    records, _ = trace_mod.read_records(trace)
    learned = profile_mod.values_from_trace(records)
    added = profile_mod.added_values(given, learned.profile)
    notes = list(capture.notes)
    if learned.hashed_only:
        notes.append(
            "hashed-only values (the trace keeps their SHA-256) cannot be looked for: " + ", ".join(learned.hashed_only)
        )
    out = output or capture.flows.with_name(capture.flows.name.removesuffix(".jsonl") + ".rescan.jsonl")
    result = addon_mod.rescan(capture.flow_file, profile_mod.merge_profiles(given, learned.profile), out, first_party)
    if capture.flows.is_file() and capture.flows != out:
        live = sum(
            1 for line in capture.flows.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()
        )
        if live != result.flows:
            # The flow file and the JSONL are written by two addons; a difference means one lost flows.
            notes.append(f"the flow file held {result.flows} flows, the live capture {live} lines")
    return replace(
        capture,
        flows=out,
        live_flows=capture.flows,
        from_trace=added,
        hashed_only=learned.hashed_only,
        notes=(*notes, *result.notes),
    )


def given_capture_rescan(flows: Path, trace: Path, options: AuditOptions) -> Capture:
    """`--trace T --flows F`: F's raw flow file (F with .mitm, what `appaudit proxy` writes) scanned again
    with T's values into the work dir. Without a flow file beside F, F is used as it is, with a note."""
    flow_file = flows.with_suffix(".mitm")
    if not flow_file.is_file() or flows.suffix == ".mitm":
        note = f"{flows}: no raw flow file {flow_file} beside it; only the values the live proxy had were looked for"
        return Capture(flows=flows, flow_file=None, profile=options.capture_profile, notes=(note,))
    out = options.work_dir / f"{flows.stem}.rescan.jsonl"
    options.work_dir.mkdir(parents=True, exist_ok=True)
    # The profile given to the live proxy is not recorded in its capture: --capture-profile names it.
    capture = Capture(flows=flows, flow_file=flow_file, profile=options.capture_profile)
    rescanned = rescan_capture(capture, trace, options.settings.first_party_domains, output=out)
    said = f"{flows}: its raw flows {flow_file} were scanned again with the values of {trace} -> {out}"
    return replace(rescanned, notes=(said, *rescanned.notes))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _proxy(work: Path, stem: str, profile: Path | None) -> Iterator[tuple[str, Path, Capture]]:
    """An offline mitmdump on loopback for the length of a run: yields (host:port, CA cert, capture).

    Offline: the addon answers every request itself, so no traffic leaves the machine
    (docs/contracts.md "Network capture offline").
    """
    proxy_mod = importlib.import_module("appaudit.network.proxy")
    flows = work / f"{stem}.flows.jsonl"
    flow_file = work / f"{stem}.flows.mitm"
    flows.unlink(missing_ok=True)
    flow_file.unlink(missing_ok=True)
    cfg = proxy_mod.ProxyConfig(
        output=flows,
        flow_file=flow_file,
        port=_free_port(),
        profile=profile,
        offline=True,
        confdir=proxy_mod.private_confdir(),  # the CA key never lands beside the outputs
    )
    # mitmdump's own log (startup errors such as an addon that does not load, then every connection)
    # goes to a file beside the capture: a pipe nobody reads during the run would fill and block it.
    log = work / f"{stem}.mitmdump.log"
    with log.open("wb") as log_out:
        proc = subprocess.Popen(proxy_mod.build_command(cfg), stdout=log_out, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + PROXY_START_S
        while True:
            if proc.poll() is not None:
                err = (proc.stderr.read() if proc.stderr else b"").decode("utf-8", "replace").strip()
                raise ToolMissingError(f"mitmdump exited at start ({err[-200:] or proc.returncode}); its log: {log}")
            try:
                socket.create_connection(("127.0.0.1", cfg.port), timeout=0.2).close()
                # Listening is not enough: mitmdump listens even when the addon failed to load, then
                # exits on the startup error. The addon creates its output when it is configured, so
                # that file is its readiness signal (removed above, so it cannot be a stale one).
                if cfg.ca_cert.is_file() and flows.is_file():
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise ToolMissingError(
                    f"mitmdump did not listen on 127.0.0.1:{cfg.port} with the appaudit addon loaded"
                    f" within {PROXY_START_S:g} s"
                )
            time.sleep(0.1)
        yield f"127.0.0.1:{cfg.port}", cfg.ca_cert, Capture(flows=flows, flow_file=flow_file, profile=profile)
    finally:
        # SIGINT lets mitmdump run its shutdown hooks, which flush and close the capture.
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stderr:
            proc.stderr.close()


def _run(app: Path | None, options: AuditOptions, parts: list[Report]) -> tuple[Path | None, Capture | None]:
    """Run the app under a runtime backend (behind a capturing proxy when asked): (trace, capture).

    A backend or proxy that cannot start is a skipped source, not a crash.
    """
    backend = options.run or ""
    if app is None:
        parts.append(_skipped("runtime", f"--run {backend} needs an APK"))
        return None, None
    run = _entry("appaudit.runtime.session", "run")
    if run is None:
        parts.append(_skipped("runtime", _missing("appaudit.runtime.session", "run")))
        return None, None
    stem = f"{app.stem}.{backend}"
    out = options.work_dir / f"{stem}.trace.jsonl"
    run_options = dict(options.run_options)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not options.capture:
            return Path(run(app, backend, out, **run_options)), None
        if _entry("appaudit.network.proxy", "build_command") is None:
            parts.append(_skipped("network", _missing("appaudit.network.proxy", "build_command")))
            return Path(run(app, backend, out, **run_options)), None
        profile = run_options.get("profile")
        looked_for = options.capture_profile or (Path(profile) if profile else _default_profile(backend))
        with _proxy(options.work_dir, stem, looked_for) as (addr, ca, capture):
            trace = Path(run(app, backend, out, proxy=addr, ca_cert=ca, **run_options))
        return trace, capture
    except (ToolMissingError, DeviceError) as exc:
        parts.append(_skipped("runtime", f"--run {backend} did not run: {exc}"))
        return None, None


def _default_profile(backend: str) -> Path | None:
    """The device profile the hostjvm stubs serve by default: the values the capture looks for.

    A real device has its own values: with the android backend the user passes --profile.
    """
    if backend != "hostjvm":
        return None
    try:
        hostjvm = importlib.import_module("appaudit.runtime.hostjvm")
    except ImportError:
        return None
    profile = getattr(hostjvm, "DEFAULT_PROFILE", None)
    return profile if isinstance(profile, Path) and profile.is_file() else None
