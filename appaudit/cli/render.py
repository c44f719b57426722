"""`appaudit render REPORT.json`: any report format from a saved JSON report, without analysing again.

Also the output plumbing `audit` shares: render options on the command line (`--lang`, `--show-values`,
`--source-root`), several `-o FILE` outputs whose format comes from each file's suffix, every output
rendered in memory before the first one is written, and each written atomically (a temp file renamed
over the target), so a failure leaves no half-written file. A saved report that is truncated, foreign
or of an unknown schema version is one line and exit 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import click

from appaudit import limits
from appaudit.cli.base import F, main, stderr
from appaudit.errors import InputError
from appaudit.model import Report
from appaudit.report import FORMATS, format_for, get, render_bytes
from appaudit.report.options import LANGS, RenderOptions
from appaudit.report.saved import load_report
from appaudit.report.sourcemap import source_map


def outputs_option(help: str) -> Callable[[F], F]:
    """`-o/--output`, repeatable (each file's suffix names its format), shared by `audit` and `render`."""
    return click.option(
        "-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help=help
    )


def render_options() -> Callable[[F], F]:
    """`--lang`, `--show-values`, `--source-root` and `--manifest-source`, shared by `audit` and `render`."""

    def deco(f: F) -> F:
        f = click.option(
            "--manifest-source",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),  # its lines are read
            help="SARIF: the app's AndroidManifest.xml in the repository (default: found under --source-root).",
        )(f)
        f = click.option(
            "--source-root",
            "--sarif-root",
            "source_root",
            # A mistyped checkout made every SARIF path wrong without a word: it must exist.
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            help="SARIF: the repository checkout; APK, manifest, policy and source paths become relative to it.",
        )(f)
        f = click.option(
            "--show-values",
            is_flag=True,
            help="Include identifier values (IMEI, clipboard text, app list ...) instead of redacting them.",
        )(f)
        f = click.option(
            "--lang",
            type=click.Choice(LANGS),
            default="en",
            show_default=True,
            help="Language of the html, pdf and md reports (and of SARIF messages).",
        )(f)
        return f

    return deco


def targets(
    outputs: Sequence[Path], fmt: str | None, inputs: Sequence[Path | None] = ()
) -> list[tuple[Path | None, str]]:
    """(file, format) for each -o (format from its suffix, or --format with one -o); stdout when none.

    An -o that names one of INPUTS is an error: `-o policy.md` or `render r.json --format html -o r.json`
    would replace the user's policy or saved report with the output."""
    for o in outputs:
        for i in inputs:
            if i is not None and str(o) != "-" and _same_file(o, i):
                raise InputError(f"{o}: this is an input of the command; write the output to another file")
    if not outputs:
        return [(None, fmt or "json")]
    if fmt is not None and len(outputs) > 1:
        raise InputError("--format applies to one -o; with several, each file's suffix names its format")
    # `-o -` is stdout (as for most tools), never a file named "-"; its format is --format's, else json.
    wanted: list[tuple[Path | None, str]] = [
        (None, fmt or "json") if str(o) == "-" else (o, fmt or format_for(o)) for o in outputs
    ]
    if any(f == "pdf" for _, f in wanted):
        # Before any analysis: a missing Chromium found after a long run lost every output of it.
        from appaudit.report import pdf

        pdf.chromium()
    return wanted


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def write_outputs(
    report: Report, outputs: Sequence[tuple[Path | None, str]], options: RenderOptions
) -> list[tuple[Path | None, bytes]]:
    """Render every output in memory, then write each atomically (stdout for None); returns what was written."""
    rendered: list[tuple[Path | None, bytes]] = []
    for path, fmt in outputs:
        if path is None and get(fmt).binary:
            raise InputError(f"--format {fmt} writes a binary file; give -o FILE.{fmt}")
        rendered.append((path, render_bytes(report, fmt, options)))
    for path, data in rendered:
        if path is None:
            click.echo(data.decode("utf-8"), nl=not data.endswith(b"\n"))
            continue
        try:
            limits.atomic_write_bytes(path, data)
        except OSError as e:
            raise InputError(f"{path}: cannot write ({e.strerror or e}); choose a writable output path") from None
        stderr.print(f"wrote {path}", markup=False, highlight=False, soft_wrap=True)
    return rendered


def options_for(
    report: Report,
    lang: str,
    show_values: bool,
    source_root: Path | None,
    manifest_source: Path | None = None,
    apk: Path | None = None,
    policies: Sequence[Path] = (),
) -> RenderOptions:
    paths = source_map(source_root, apk=apk, policies=policies, manifest=manifest_source, package=report.app.package)
    return RenderOptions(lang=lang, show_values=show_values, paths=paths)


@main.command("render")
@click.argument("report_file", metavar="REPORT.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: from the -o suffix)."
)
@outputs_option("Write here (repeat for several files; each suffix names its format). Default: json on stdout.")
@render_options()
@click.option(
    "--apk", type=click.Path(dir_okay=False, path_type=Path), help="SARIF: the APK's path (default: its file name)."
)
@click.option(
    "--policy-path",
    "policy_paths",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SARIF: a policy file's path in the repository (repeat; matched by file name).",
)
def render_cmd(
    report_file: Path,
    fmt: str | None,
    outputs: tuple[Path, ...],
    lang: str,
    show_values: bool,
    source_root: Path | None,
    manifest_source: Path | None,
    apk: Path | None,
    policy_paths: tuple[Path, ...],
) -> None:
    """Write REPORT.json (from `appaudit audit -o r.json`) as html, pdf, sarif, md, json, datasafety or codequality.

    Nothing is analysed again: the saved evidence, findings and comparison are rendered as they are.
    `--format datasafety` is a draft of Google Play's Data safety CSV, each answer with its evidence.
    """
    wanted = targets(outputs, fmt, inputs=(report_file,))
    report = load_report(report_file)
    opts = options_for(report, lang, show_values, source_root, manifest_source, apk, policy_paths)
    write_outputs(report, wanted, opts)
