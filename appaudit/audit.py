"""The audit pipeline: every registered source (static, policy, runtime, network) -> merge -> compare.

Each source is optional and says how far it got (`Report.coverage`: complete, degraded, failed, not
requested). A source the user asked for that fails (a backend with no device, a proxy that does not
start) is FAILED with the reason: the CLI exits 2 on it, and compare treats its rules as not
evaluated, so a source not run is never read as clean. Sources and runtime backends come from their
registries (appaudit/sources.py, appaudit/runtime/backends.py); analysers are imported plainly, and
one that cannot be imported is a BrokenInstallError naming the module.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from appaudit import __version__, sources
from appaudit.compare import Settings, compare
from appaudit.errors import BrokenInstallError, DeviceError, InputError, ToolMissingError
from appaudit.model import Report, Status, merge_reports
from appaudit.sources import Inputs, runtime_start, with_policy_lines

__all__ = ["AuditOptions", "Capture", "audit", "rescan_capture", "shortfall", "timestamp", "with_policy_lines"]

PROXY_START_S = 30.0


def backend_names() -> tuple[str, ...]:
    """The runtime backends `--run` accepts (the backend registry)."""
    from appaudit.runtime import backends

    return backends.names()


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """What to run besides the static scan; `generated_at` is the one timestamp of the report."""

    policies: tuple[Path, ...] = ()
    trace: Path | None = None
    flows: Path | None = None
    run: str | None = None  # a runtime backend to run the app under (runtime/backends.py REGISTRY)
    run_options: Mapping[str, Any] = field(default_factory=dict)  # RunOptions fields, validated on use
    capture: bool = False  # with `run`: capture the run's traffic through an offline mitmdump on loopback
    # with `capture`: the values the capture looks for before the run's hook values are added
    # (default: the run's `profile`, or the profile the backend serves)
    capture_profile: Path | None = None
    work_dir: Path = Path("out")
    settings: Settings = field(default_factory=Settings)
    generated_at: str = ""
    # Told each long step as it starts ("static: scanning app.apk"); the CLI prints it on stderr.
    progress: Callable[[str], None] | None = field(default=None, compare=False)


# What each source does while it runs, for progress lines.
_STEP = {
    "static": "scanning the APK (manifest, dex, SDKs, call graph)",
    "policy": "reading the privacy policy",
    "runtime": "loading the runtime trace",
    "network": "scanning the captured traffic",
}


def _say(options: AuditOptions, message: str) -> None:
    if options.progress is not None:
        options.progress(message)


def timestamp() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds convention) for stable output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def shortfall(report: Report, require: Sequence[str]) -> list[str]:
    """The required analyses (`--require static,policy,...`) the report does not cover completely, worded."""
    out = []
    for name in require:
        cov = report.coverage_of(name)
        if cov.status is not Status.COMPLETE:
            why = "; ".join(cov.reasons)
            out.append(f"{name} is {cov.status.value}" + (f" ({why})" if why else ""))
    return out


def failures(report: Report) -> list[str]:
    """The requested analyses that failed, worded (the CLI exits 2 on any)."""
    return [
        f"{c.name} failed: {'; '.join(c.reasons) or 'no reason given'}"
        for c in report.coverage_all()
        if c.status is Status.FAILED
    ]


def _collect(source: sources.AuditSource, inputs: Inputs) -> Report:
    """SOURCE's report; an analyser that cannot be imported is a broken install."""
    try:
        return source.collect(inputs)
    except ImportError as exc:
        module = exc.name or "an analyser module"
        raise BrokenInstallError(
            f"{module} cannot be imported ({exc}) while running the {source.name} source; this appaudit "
            "install is broken: reinstall it (`make setup`, or `pip install -e .`)"
        ) from exc


def audit(app: Path | None, options: AuditOptions, catalogue: Any = None) -> Report:
    """Run every registered source that has its input, merge their reports and compare.

    Raises InputError for a user-given file that is missing or unreadable (the CLI exits 2). A runtime
    backend or capture that cannot start (tool or device missing) is recorded as a FAILED source with
    the reason, so the report still says what the other sources found; the CLI then exits 2.
    """
    if app is not None and not app.is_file():
        what = "not a regular file (a FIFO or device?)" if app.exists() else "no such file"
        raise InputError(f"{app}: {what}; pass the path of an .apk")
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
    if options.run is not None and options.run not in backend_names():
        raise InputError(f"--run {options.run}: unknown backend; use one of {', '.join(backend_names())}")

    parts: list[Report] = []
    inputs = Inputs(app=app, policies=options.policies, trace=options.trace, flows=options.flows, catalogue=catalogue)
    # runtime: a given trace, or a run that writes one (and, with --capture, the run's traffic)
    capture: Capture | None = None
    if options.run is not None and options.trace is None:
        behind = " behind a capturing proxy" if options.capture else ""
        _say(options, f"run: running the app under {options.run}{behind}")
        trace_path, capture, consent = _run(app, options, parts)
        if capture is not None and trace_path is not None and capture.flows.is_file():
            # The hooks reported the values the device really has: scan the saved traffic again with them.
            _say(options, "rescan: scanning the captured traffic again with the values the run read")
            capture = rescan_capture(capture, trace_path, options.settings.first_party_domains)
        # A missing live capture means mitmdump died: keep it the network source, whose loader says so,
        # rather than a rescan of an empty flow file that would read as "no traffic".
        flows = options.flows or (capture.flows if capture is not None else None)
        inputs = replace(inputs, trace=trace_path, flows=flows, consent_expected=consent, captured=capture is not None)
    elif options.trace is not None and options.flows is not None:
        # A live capture matched only the values given to the proxy (often none on a device): scan its raw
        # flow file again with the values the trace's hooks read, as --capture does, and say so.
        _say(options, "rescan: scanning the given capture again with the values the trace read")
        capture = given_capture_rescan(options.flows, options.trace, options)
        inputs = replace(inputs, flows=capture.flows)
    done = {name for p in parts for name in p.coverage}
    for name, source in sources.REGISTRY.items():
        if name in done:
            continue  # a run that failed already says so
        reason = source.absent(inputs)
        if reason is not None:
            parts.append(sources.not_requested(name, source.sources, reason))
            continue
        _say(options, f"{name}: {_STEP.get(name, 'collecting')}")
        report = _collect(source, inputs)
        if name == "runtime":
            inputs = replace(inputs, start=runtime_start(report), connect_attempts=sources.connect_attempts(report))
        if name == "network" and capture is not None:
            report = capture.annotate(report)  # the capture's notes are part of what the network source assesses
        parts.append(replace(report, coverage={**report.coverage, name: source.assess(report, inputs)}))

    merged = merge_reports(parts)
    merged = replace(merged, tool_version=__version__, generated_at=options.generated_at or timestamp())
    _say(options, "compare: evaluating the rules against the policy and the observations")
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
    The new JSONL goes to OUTPUT (default: beside the live one, `.rescan.jsonl`). Without a flow file
    CAPTURE comes back with a note (the network source is then degraded: flows not rescanned).
    """
    if capture.flow_file is None or not capture.flow_file.is_file():
        return replace(capture, notes=(*capture.notes, "no flow file: the capture was not scanned again"))
    from appaudit.network import addon as addon_mod
    from appaudit.network import profile as profile_mod
    from appaudit.runtime import trace as trace_mod

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
            # The flow file and the JSONL are written by two addons; a difference means one lost flows, e.g.
            # a proxy still running has not flushed its flow file. The rescan replaces the live capture, so
            # flows only the live capture has would vanish unnoticed: the network source is degraded.
            notes.append(
                f"{sources.LOST_FLOWS}: the raw flow file held {result.flows} flows, the live capture {live} "
                "(is the proxy still running? stop it before auditing)"
            )
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


def _capture_config(work: Path, stem: str, profile: Path | None) -> Any:
    from appaudit.network import proxy

    flows = work / f"{stem}.flows.jsonl"
    flow_file = work / f"{stem}.flows.mitm"
    # Removed first: the addon's output appearing is the proxy's readiness signal (proxy.running).
    flows.unlink(missing_ok=True)
    flow_file.unlink(missing_ok=True)
    return proxy.ProxyConfig(
        output=flows,
        flow_file=flow_file,
        port=_free_port(),
        profile=profile,
        offline=True,
        confdir=proxy.private_confdir(),  # the CA key never lands beside the outputs
    )


def _run(app: Path | None, options: AuditOptions, parts: list[Report]) -> tuple[Path | None, Capture | None, str]:
    """Run the app under a runtime backend (behind a capturing proxy when asked): (trace, capture, consent).

    CONSENT is the answer the run plays ("agree", "refuse" or ""), which the runtime source checks
    it observed. A backend or proxy that cannot start makes the runtime (and network) source FAILED.
    """
    from appaudit.network import proxy
    from appaudit.runtime import backends
    from appaudit.runtime.session import RunOptions

    name = options.run or ""
    runtime, network = sources.REGISTRY["runtime"], sources.REGISTRY["network"]
    if app is None:
        parts.append(sources.failed("runtime", runtime.sources, f"--run {name} needs an APK"))
        return None, None, ""
    backend = backends.get(name)
    run_options = RunOptions.from_kwargs(options.run_options)
    consent = run_options.consent_action if run_options.run_consent else "none"
    if not backend.answers_dialog and not run_options.consent_hook:
        consent = ""  # a person answers the dialog (or not): nothing the run promised to show
    stem = f"{app.stem}.{name}"
    out = options.work_dir / f"{stem}.trace.jsonl"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not options.capture:
            return backends.execute(backend, app, out, run_options), None, consent
        looked_for = options.capture_profile or run_options.profile or backend.default_profile()
        cfg = _capture_config(options.work_dir, stem, looked_for)
        # mitmdump's own log (startup errors such as an addon that does not load, then every connection)
        # goes to a file beside the capture: a pipe nobody reads during the run would fill and block it.
        _say(options, f"capture: starting an offline mitmdump on loopback (log: {stem}.mitmdump.log)")
        with proxy.running(cfg, log=options.work_dir / f"{stem}.mitmdump.log", timeout=PROXY_START_S) as live:
            trace = backends.execute(backend, app, out, replace(run_options, proxy=live.address, ca_cert=cfg.ca_cert))
        return trace, Capture(flows=cfg.output, flow_file=cfg.flow_file, profile=looked_for), consent
    except (ToolMissingError, DeviceError) as exc:
        reason = f"--run {name} did not run: {exc}"
        parts.append(sources.failed("runtime", runtime.sources, reason))
        if options.capture:
            parts.append(sources.failed("network", network.sources, f"--capture: {reason}"))
        return None, None, consent
