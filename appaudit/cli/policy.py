"""`appaudit policy`: what one app's privacy policy set declares (data types, permissions, SDK list)."""

from __future__ import annotations

from pathlib import Path

import click

from appaudit.cli.base import emit, main, output_options


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@output_options(("json", "md"))
def policy(files: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Analyse privacy policy FILES (txt, md, mdx, html, pdf); several files are one app's policy set."""
    from appaudit.audit import timestamp
    from appaudit.policy.analyze import analyze

    report = analyze(list(files), generated_at=timestamp())
    if fmt == "md":
        from appaudit.report.section_markdown import policy_markdown

        text = policy_markdown(report)
    else:
        from appaudit.report import render as render_report

        text = render_report(report, "json")
    emit(text, output)
