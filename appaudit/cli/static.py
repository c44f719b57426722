"""`appaudit static APP`: permissions, SDKs and attributed sensitive call sites of an APK or bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from appaudit.cli.base import emit, main, output_options, stderr
from appaudit.report import render
from appaudit.report.section_markdown import static_markdown

_FORMATS = ("json", "md", "html", "sarif")


@main.command("static")
@click.argument("app", type=click.Path(path_type=Path))
@output_options(_FORMATS)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal)."
)
def static(app: Path, fmt: str, output: Path | None, progress: bool | None) -> None:
    """Statically analyse APP (.apk, .apks/.xapk/.apkm bundle, or a folder of split APKs).

    Reports the manifest (permissions with protection levels, components, self-start receivers,
    cleartext policy), the embedded SDKs with their evidence, and every sensitive call site with
    its data type, caller, owning SDK and whether an entry point reaches it.
    """
    from appaudit.static.scan import scan

    show = sys.stderr.isatty() if progress is None else progress
    report = scan(app, progress=show)
    text = render(report, fmt)
    if fmt == "md":  # the shared renderer shows findings; add what the static scan itself found
        text = text.rstrip("\n") + "\n\n" + static_markdown(report.sections["static"])
    section = report.sections["static"]
    emit(text, output)
    stderr.print(
        f"{report.app.package}: {len(section['permissions'])} permissions, {len(section['sdks'])} SDKs with code "
        f"evidence ({len(section.get('sdk_hints', []))} more only hinted by hosts or configuration), "
        f"{len(section['call_sites'])} sensitive call sites "
        f"({sum(1 for c in section['call_sites'] if c['reachable'])} reachable)"
        + (f"; {len(section['skipped'])} parts skipped" if section["skipped"] else "")
    )
