"""`appaudit policy`: what one app's privacy policy set declares (data types, permissions, SDK list)."""

from __future__ import annotations

from pathlib import Path

import click

from appaudit.cli.base import emit, fail, main, output_options
from appaudit.errors import AppAuditError, InputError


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@output_options(("json", "md"))
def policy(files: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Analyse privacy policy FILES (txt, md, mdx, html, pdf); several files are one app's policy set."""
    from appaudit.audit import timestamp
    from appaudit.policy.analyze import analyze

    try:
        report = analyze(list(files), generated_at=timestamp())
    except AppAuditError as e:
        fail(e)
        return
    if fmt == "md":
        from appaudit.policy.summary import render

        text = render(report)
    else:
        from appaudit.report.json_report import render as render_json

        text = render_json(report)
    try:
        emit(text, output)
    except OSError as e:
        fail(InputError(f"{output}: cannot write ({e.strerror or e}); choose a writable -o path"))
