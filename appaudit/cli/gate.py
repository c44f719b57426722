"""`appaudit gate`: fail a release when SDKs, permissions, data types or findings appear since a baseline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from appaudit.audit import AuditOptions, audit
from appaudit.cli.audit import fail_on_option, parse_require, require_option
from appaudit.cli.base import dump_json, emit, main, output_options
from appaudit.gate import diff, format_diff, load_allowlist
from appaudit.model import Severity
from appaudit.report import render
from appaudit.report.saved import load_report


@main.command("gate")
@click.argument("app", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--baseline",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON report of the last released version (appaudit audit --format json).",
)
@click.option(
    "--allow",
    "allow_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Allowlist TOML: sdks, permissions, data_types, [[findings]], strict.",
)
@click.option(
    "--policy",
    "policies",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Privacy policy of the new version (repeat for several).",
)
@click.option("--trace", type=click.Path(dir_okay=False, path_type=Path), help="Runtime trace of the new version.")
@click.option("--flows", type=click.Path(dir_okay=False, path_type=Path), help="Network capture of the new version.")
@click.option(
    "--report",
    "report_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the new version's JSON report here (the next baseline).",
)
@output_options()
@fail_on_option("low")
@require_option()
def gate_cmd(
    app: Path,
    baseline: Path,
    allow_path: Path | None,
    policies: tuple[Path, ...],
    trace: Path | None,
    flows: Path | None,
    report_out: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    require: str | None,
) -> None:
    """Compare APP (an .apk, or its JSON report) with --baseline; exit 1 on changes not allowed.

    New findings below --fail-on are shown but do not fail the gate; --fail-on never lets only
    new SDKs, permissions and data types fail it. A source the baseline covered that the new build's
    report does not (e.g. no --policy against a baseline made with one) fails it: "coverage shrank".
    """
    required = parse_require(require)
    old = load_report(baseline, "baseline")
    allow = load_allowlist(allow_path) if allow_path is not None else None
    if app.suffix.lower() == ".json":
        new = load_report(app, "new report")
    else:
        new = audit(app, AuditOptions(policies=policies, trace=trace, flows=flows))
    if report_out is not None:
        emit(render(new, "json"), report_out)
    threshold = None if fail_on == "never" else Severity(fail_on)
    result = diff(old, new, allow, threshold, required)
    text = dump_json(result.to_dict()) if fmt == "json" else format_diff(result, str(baseline), str(app))
    emit(text, output)
    sys.exit(0 if result.passed else 1)
