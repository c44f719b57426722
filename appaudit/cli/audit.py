"""`appaudit audit`: the whole job on one APK (static + policy [+ trace/run, flows]) -> one report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from appaudit import sources
from appaudit.audit import AuditOptions, audit, failures, shortfall
from appaudit.cli.base import F, FiniteFloat, fail, main, stderr
from appaudit.cli.progress import printer
from appaudit.cli.render import options_for, outputs_option, render_options, targets, write_outputs
from appaudit.compare import Settings
from appaudit.errors import AppAuditError, InputError
from appaudit.model import Report, Severity, Status
from appaudit.report import FORMATS
from appaudit.runtime import backends

SEVERITIES = tuple(s.value for s in Severity)
_DEFAULTS = Settings()  # the option defaults are compare's, so `--help` and the library agree


def fail_on_option(default: str) -> Callable[[F], F]:
    """`--fail-on SEVERITY|never`, shared with `appaudit gate`."""
    return click.option(
        "--fail-on",
        type=click.Choice((*SEVERITIES, "never")),
        default=default,
        show_default=True,
        help="Exit 1 when a finding is at or above this severity.",
    )


def fails(findings_severities: list[Severity], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(s.rank >= threshold for s in findings_severities)


def summary(report: Report) -> str:
    worst = {s: 0 for s in Severity}
    for f in report.findings:
        worst[f.severity] += 1
    counts = ", ".join(f"{n} {s.value}" for s, n in reversed(worst.items()) if n) or "no findings"
    skipped = f"; not run: {', '.join(sorted(report.skipped))}" if report.skipped else ""
    return f"{report.app.package or 'app'}: {len(report.findings)} findings ({counts}){skipped}"


def coverage_lines(report: Report) -> list[str]:
    """One prominent line per degraded or failed source: its findings are no clean bill of health."""
    return [
        f"WARNING: {c.name} {c.status.value}: {'; '.join(c.reasons)}; rules depending on it are not evaluated"
        for c in report.coverage_all()
        if c.status in (Status.DEGRADED, Status.FAILED)
    ]


def parse_require(value: str | None) -> tuple[str, ...]:
    """`--require static,policy,runtime,network`: the sources that must be complete (checked names)."""
    if not value:
        return ()
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in sources.names()]
    if unknown:
        raise InputError(f"--require {','.join(unknown)}: unknown source; use some of {','.join(sources.names())}")
    return names


def require_option() -> Callable[[F], F]:
    """`--require SOURCES`, shared with `appaudit gate`."""
    return click.option(
        "--require",
        metavar="SOURCES",
        help=f"Comma-separated sources that must be complete ({','.join(sources.names())}); exit 2 (gate: 1) if not.",
    )


@main.command("audit")
@click.argument("app", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--policy",
    "policies",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Privacy policy file (txt, md, html, pdf); repeat for several.",
)
@click.option("--trace", type=click.Path(dir_okay=False, path_type=Path), help="Runtime trace (JSONL) to include.")
@click.option("--flows", type=click.Path(dir_okay=False, path_type=Path), help="Network capture (JSONL) to include.")
@click.option(
    "--run", "run_backend", type=click.Choice(backends.names()), help="Run the app under this runtime backend."
)
@click.option("--capture", is_flag=True, help="--run: capture its traffic through an offline mitmdump on loopback.")
@click.option("--consent-hook", metavar="CLASS.METHOD", help="--run: the app's consent method (the consent event).")
@click.option(
    "--consent-action",
    type=click.Choice(["agree", "refuse", "none", "absent"]),
    default="agree",
    show_default=True,
    help="--run hostjvm: accept the privacy dialog, refuse it (PrivacyDialog.onDisagree), leave it unanswered, or "
    "absent: the app asks for no consent, open its screens with nothing agreed.",
)
@click.option("--refusal-hook", metavar="CLASS.METHOD", help="--run: the app's refusal method (the refusal event).")
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="--run: device profile (identifier values) the run serves.",
)
@click.option(
    "--capture-profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="--capture, or --flows with --trace: identifier values to look for (default: --profile); "
    "the trace's hook values are added after it.",
)
@click.option(
    "--work-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Where a --run writes its trace, and --trace with --flows the rescan of the raw flows beside F.",
)
@click.option(
    "--first-party",
    multiple=True,
    metavar="DOMAIN",
    help="The app's own domain (repeat); traffic elsewhere is third-party.",
)
@click.option(
    "--max-reads",
    "--frequency-max",
    "max_reads",
    type=click.IntRange(min=1),
    default=_DEFAULTS.frequency_max_reads,
    show_default=True,
    help="EXCESSIVE_FREQUENCY: reads of one type allowed per window.",
)
@click.option(
    "--window",
    "--frequency-window",
    "window",
    type=FiniteFloat(min=0.001),
    default=_DEFAULTS.frequency_window_s,
    show_default=True,
    help="EXCESSIVE_FREQUENCY: window in seconds.",
)
@click.option(
    "--grace",
    "--frequency-grace",
    "grace",
    type=FiniteFloat(min=0),
    default=_DEFAULTS.frequency_grace_s,
    show_default=True,
    help="EXCESSIVE_FREQUENCY: seconds after app start whose reads are not counted (start-up).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format (default: from the -o suffix, else json).",
)
@outputs_option(
    "Write the report here; repeat for several formats from one run (each file's suffix names its format)."
)
@render_options()
@click.option("-q", "--quiet", is_flag=True, help="No progress lines on stderr.")
@fail_on_option("never")
@require_option()
def audit_cmd(
    app: Path,
    policies: tuple[Path, ...],
    trace: Path | None,
    flows: Path | None,
    run_backend: str | None,
    capture: bool,
    consent_hook: str | None,
    consent_action: str,
    refusal_hook: str | None,
    profile: Path | None,
    capture_profile: Path | None,
    work_dir: Path,
    first_party: tuple[str, ...],
    max_reads: int,
    window: float,
    grace: float,
    fmt: str | None,
    outputs: tuple[Path, ...],
    lang: str,
    show_values: bool,
    source_root: Path | None,
    manifest_source: Path | None,
    quiet: bool,
    fail_on: str,
    require: str | None,
) -> None:
    """Audit APP against its privacy policy and write its reports (json, html, sarif, md, pdf, datasafety).

    Exit 2 when a source that was asked for failed (a --run with no device) or a --require'd source
    is not complete; the report is written first, and says why.
    """
    try:
        required = parse_require(require)
        # Every output's format is known before the analysis starts: a bad suffix costs no audit.
        wanted = targets(outputs, fmt, inputs=(app, *policies, trace, flows, profile, capture_profile))
        settings = Settings(
            first_party_domains=tuple(sorted(first_party)),
            frequency_max_reads=max_reads,
            frequency_window_s=window,
            frequency_grace_s=grace,
        )
        given = (
            ("consent_hook", consent_hook),
            ("refusal_hook", refusal_hook),
            ("consent_action", None if consent_action == "agree" else consent_action),
            ("profile", profile),
        )
        run_options = {k: v for k, v in given if v is not None}
        options = AuditOptions(
            policies=policies,
            trace=trace,
            flows=flows,
            run=run_backend,
            run_options=run_options,
            capture=capture,
            capture_profile=capture_profile,
            work_dir=work_dir,
            settings=settings,
            progress=printer(not quiet),
        )
        report = audit(app, options)
        view = options_for(report, lang, show_values, source_root, manifest_source, app, policies)
        write_outputs(report, wanted, view)
    except AppAuditError as err:
        fail(err)
        return
    network = report.sections.get("network", {})
    for note in (network.get("profile") or {}).get("notes", []) if isinstance(network, dict) else []:
        stderr.print(f"note: {note}", soft_wrap=True, markup=False, highlight=False)
    stderr.print(summary(report), soft_wrap=True, markup=False)
    for line in coverage_lines(report):
        stderr.print(line, soft_wrap=True, markup=False, style="bold yellow")
    problems = [*failures(report), *(f"--require: {s}" for s in shortfall(report, required))]
    if problems:
        fail(InputError("; ".join(problems)))
    if fails([f.severity for f in report.findings], fail_on):
        sys.exit(1)
