"""The source family: the analyses an audit composes (static, policy, runtime, network), and its one registry.

A source turns its inputs into a `Report` (`collect`) and says how far that got (`assess` ->
`Coverage`: complete, degraded with reasons, failed). `audit` runs every registered source in
registration order; adding one is one module with one class and one `register(...)` line (see
docs/architecture.md). Analysers are imported plainly where they are used: an analyser that cannot be
imported is a broken install, reported as such (BrokenInstallError names the module, exit 2), never
read as "not available".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from appaudit.model import (
    Analysis,
    AppInfo,
    Coverage,
    DeclaredDataTypeDetail,
    DeclaredPermissionDetail,
    Report,
    SdkRowDetail,
    Source,
    Status,
)

# The rescan's note when the raw flow file holds fewer flows than the live capture (audit.rescan_capture).
LOST_FLOWS = "flows lost between the live capture and its raw flow file"


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the user gave an audit (or a run produced), shared by every source."""

    app: Path | None = None
    policies: tuple[Path, ...] = ()
    trace: Path | None = None
    flows: Path | None = None
    start: float | None = None  # the runtime trace's clock origin (epoch s), to put flows on it
    catalogue: Any = None  # appaudit.signatures.Catalogue, or None to load the bundled one
    consent_expected: str = ""  # "agree" / "refuse": the answer a run played, to check it was seen
    captured: bool = False  # the flows are a live capture of this audit's run (--capture)
    # hostjvm runs: connections the app attempted (its sandbox records each); None where unknown (a device)
    connect_attempts: int | None = None


class AuditSource(Protocol):
    """One analysis of an audit."""

    @property
    def name(self) -> str: ...

    @property
    def sources(self) -> tuple[Source, ...]:
        """The evidence sources its reports carry (compare's rules need them)."""
        ...

    def absent(self, inputs: Inputs) -> str | None:
        """Why this source is not requested by INPUTS (its input is missing), or None to collect."""
        ...

    def collect(self, inputs: Inputs) -> Report: ...

    def assess(self, report: Report, inputs: Inputs) -> Coverage:
        """How far COLLECT's REPORT got: complete, or degraded/failed with the reasons."""
        ...


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
        d = e.detail
        if isinstance(d, DeclaredDataTypeDetail | DeclaredPermissionDetail | SdkRowDetail) and d.line is None:
            lines = texts.get(d.file)
            quote = d.quote or (d.name if isinstance(d, SdkRowDetail) else "")
            line = _quote_line(lines, quote) if lines is not None and quote else None
            if line is not None:
                e = replace(e, detail=replace(d, line=line))
        out.append(e)
    return replace(report, evidence=tuple(out))


def complete_unless(name: str, sources: tuple[Source, ...], reasons: list[str], failed: bool = False) -> Coverage:
    if failed:
        return Coverage(name, Status.FAILED, tuple(reasons), sources)
    return Coverage(name, Status.DEGRADED if reasons else Status.COMPLETE, tuple(reasons), sources)


class Static:
    name = Analysis.STATIC.value
    sources = Analysis.STATIC.sources

    def absent(self, inputs: Inputs) -> str | None:
        return None if inputs.app is not None else "no APK given"

    def collect(self, inputs: Inputs) -> Report:
        from appaudit.static.scan import scan

        assert inputs.app is not None
        report: Report = scan(inputs.app)
        return report

    def assess(self, report: Report, inputs: Inputs) -> Coverage:
        # Parts of the APK the scan could not read (a damaged or bomb dex, a nested archive, an encrypted
        # entry) leave code unseen: degraded for CODE only, the manifest was read whole.
        section = report.sections.get(self.name)
        skipped = section.get("skipped") if isinstance(section, Mapping) else None
        if skipped:
            notes = [str(n) for n in skipped]
            reason = f"{len(notes)} part(s) of the APK not analysed, first: {notes[0][:160]}"
            return Coverage(self.name, Status.DEGRADED, (reason,), (Source.CODE,))
        return complete_unless(self.name, self.sources, [])


class Policy:
    name = Analysis.POLICY.value
    sources = Analysis.POLICY.sources

    def absent(self, inputs: Inputs) -> str | None:
        return None if inputs.policies else "no privacy policy given (--policy); policy rules not evaluated"

    def collect(self, inputs: Inputs) -> Report:
        from appaudit.policy.analyze import analyze

        return with_policy_lines(analyze(list(inputs.policies)), inputs.policies)

    def assess(self, report: Report, inputs: Inputs) -> Coverage:
        # A policy file that could not be read, or held no text, declares nothing: no pass for its rules.
        section = report.sections.get(self.name)
        notes = section.get("notes") if isinstance(section, Mapping) else None
        unread = [str(n) for n in notes or () if any(k in str(n) for k in ("not analysed", "no text found"))]
        return complete_unless(self.name, self.sources, unread[:3])


def runtime_reasons(section: Mapping[str, Any], consent_expected: str) -> tuple[list[str], bool]:
    """Why a runtime trace is degraded, and whether it failed outright (the agent never got ready).

    The hostjvm harness or a device run that crashed at once, never saw the consent it played, or
    observed no read at all has not shown that the app does not collect: its rules are no pass.
    """
    reasons: list[str] = []
    hooks = section.get("hooks")
    installed = hooks.get("installed") if isinstance(hooks, Mapping) else None
    reads = section.get("reads")
    if installed is None and not reads:
        return [f"the agent never reported ready ({section.get('ended') or 'no end record'}): no hook ran"], True
    if section.get("complete") is False:
        reasons.append(f"the trace is incomplete ({section.get('ended')})")
    if reads == 0:
        reasons.append("no read observed: the run may not have reached the app's code")
    if consent_expected == "agree" and not section.get("consent"):
        reasons.append(_no_consent_reason(section, hooks))
    if consent_expected == "refuse" and not section.get("refusal"):
        reasons.append("refusal never observed: the run's refusal was not seen")
    errors = [str(e) for e in section.get("errors") or () if e]
    if errors:
        reasons.append(f"{len(errors)} agent error(s), first: {errors[0][:160]}")
    # A device run says itself why its evidence is incomplete (device gone, app killed, frida-server
    # crashed, HTTPS not decrypted, pinning bypassed) and what a vanished device still holds.
    reasons.extend(str(d) for d in section.get("degraded") or () if d)
    left = [c for c in section.get("device_changes_left") or () if isinstance(c, Mapping)]
    if left:
        reasons.append("left on the device: " + "; ".join(f"{c.get('change')} (undo: {c.get('undo')})" for c in left))
    return reasons, False


def _no_consent_reason(section: Mapping[str, Any], hooks: object) -> str:
    """Why the consent was not seen, with the next step when the consent hook could not be placed on hostjvm: the
    app has no such method (an app that is not ours, whose code calls no SDK privacy-grant API and writes no
    agreement key). On a device a hook on an app class can fail at spawn for want of the app's class loader, so
    there it says nothing about the app."""
    settings = section.get("consent_settings")
    hook = settings.get("hook") if isinstance(settings, Mapping) else None
    failed = hooks.get("failed") if isinstance(hooks, Mapping) else None
    if section.get("backend") == "hostjvm" and isinstance(hook, str) and isinstance(failed, list) and hook in failed:
        return f"consent never observed: the app has no method {hook}; name its consent method with --consent-hook"
    return "consent never observed: the run's consent answer was not seen"


class Runtime:
    name = Analysis.RUNTIME.value
    sources = Analysis.RUNTIME.sources

    def absent(self, inputs: Inputs) -> str | None:
        return None if inputs.trace is not None else "no runtime trace (--trace) and no run (--run BACKEND)"

    def collect(self, inputs: Inputs) -> Report:
        from appaudit.runtime.trace import load_trace

        assert inputs.trace is not None
        report: Report = load_trace(inputs.trace, inputs.catalogue)
        return report

    def assess(self, report: Report, inputs: Inputs) -> Coverage:
        section = report.sections.get(self.name)
        if not isinstance(section, Mapping):
            return complete_unless(self.name, self.sources, ["the trace loader wrote no runtime section"], True)
        reasons, failed = runtime_reasons(section, inputs.consent_expected)
        return complete_unless(self.name, self.sources, reasons, failed)


class Network:
    name = Analysis.NETWORK.value
    sources = Analysis.NETWORK.sources

    def absent(self, inputs: Inputs) -> str | None:
        return None if inputs.flows is not None else "no network capture (--flows, or --capture with --run)"

    def collect(self, inputs: Inputs) -> Report:
        from appaudit.network.capture import load_flows

        assert inputs.flows is not None
        report: Report = load_flows(inputs.flows, start=inputs.start)
        return report

    def assess(self, report: Report, inputs: Inputs) -> Coverage:
        section = report.sections.get(self.name)
        if not isinstance(section, Mapping):
            return complete_unless(self.name, self.sources, ["the capture loader wrote no network section"], True)
        reasons = []
        for key, what in (
            ("bad_lines", "unreadable lines skipped"),
            ("truncated_lines", "truncated lines"),
            ("scan_errors", "flows the scan could not fully read"),
        ):
            n = section.get(key)
            if isinstance(n, int) and n > 0:
                reasons.append(f"{n} {what}")
        if inputs.captured and section.get("flows") == 0 and inputs.connect_attempts != 0:
            # The run went through the proxy and nothing arrived: the app's traffic bypassed it (no proxy
            # setting honoured) or failed the TLS handshake (CA not trusted). Nothing seen is no pass -
            # unless the sandbox saw the app attempt no connection at all (an app that sent nothing).
            reasons.append("no traffic reached the proxy during the run (proxy not used, or its CA not trusted)")
        profile = section.get("profile")
        notes = profile.get("notes") if isinstance(profile, Mapping) else None
        for note in notes or ():
            if any(k in str(note) for k in ("not scanned again", "no flow file", "no raw flow file")):
                reasons.append(f"flows not rescanned with the run's values: {note}")
            elif str(note).startswith(LOST_FLOWS):
                reasons.append(str(note))
        return complete_unless(self.name, self.sources, reasons)


REGISTRY: dict[str, AuditSource] = {}


def register(source: AuditSource) -> AuditSource:
    """Add SOURCE under its name; audit collects in registration order (network after runtime)."""
    REGISTRY[source.name] = source
    return source


def unregister(name: str) -> None:
    REGISTRY.pop(name, None)


def names() -> tuple[str, ...]:
    return tuple(REGISTRY)


def connect_attempts(report: Report) -> int | None:
    """Connections the app attempted during a hostjvm run (its sandbox records each); None without a sandbox."""
    section = report.sections.get("runtime")
    box = section.get("sandbox") if isinstance(section, Mapping) else None
    if not isinstance(box, Mapping):
        return None
    n = box.get("connect", 0)
    return n if isinstance(n, int) else None


def runtime_start(report: Report) -> float | None:
    """The app start time (epoch seconds) a trace records, to put network events on the same clock.

    The numeric `start_epoch` is exact; the ISO `started` stamp of the trace header has one-second
    resolution, enough to order requests against a consent that comes seconds after start.
    """
    section = report.sections.get("runtime", {})
    if not isinstance(section, Mapping):
        return None
    value = section.get("start_epoch")
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


def not_requested(name: str, sources: tuple[Source, ...], reason: str) -> Report:
    return Report(
        app=AppInfo(), skipped={name: reason}, coverage={name: Coverage(name, Status.NOT_REQUESTED, (reason,), sources)}
    )


def failed(name: str, sources: tuple[Source, ...], reason: str) -> Report:
    return Report(
        app=AppInfo(), skipped={name: reason}, coverage={name: Coverage(name, Status.FAILED, (reason,), sources)}
    )


register(Static())
register(Policy())
register(Runtime())
register(Network())
