"""`appaudit proxy` (mitmdump with the identifier addon) and `appaudit flows` (summary of a capture)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.table import Table

from appaudit.cli.base import emit, main, output_options, render_table
from appaudit.network import proxy as proxy_mod
from appaudit.network.capture import load_flows
from appaudit.network.profile import load_profile
from appaudit.report import render


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Device profile (JSON/TOML keyed by data-type ids) whose values are looked for.",
)
@click.option("--offline", is_flag=True, help="Answer every request locally with 204; nothing reaches upstream.")
@click.option("--first-party", "first_party", multiple=True, help="The app's own domain (repeatable).")
@click.option(
    "--confdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=proxy_mod.DEFAULT_CONFDIR,
    show_default=True,
    help="mitmproxy configuration directory (holds the CA).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="JSONL capture to append to."
)
def proxy(
    port: int, profile: Path | None, offline: bool, first_party: tuple[str, ...], confdir: Path, output: Path
) -> None:
    """Run mitmdump on 127.0.0.1 with the addon that records identifiers leaving the device."""
    if profile is not None:
        load_profile(profile)  # fail here with a clear message, not inside mitmdump's startup log
    cfg = proxy_mod.ProxyConfig(
        output=output, port=port, profile=profile, first_party=first_party, offline=offline, confdir=confdir
    )
    proxy_mod.find_mitmdump()
    click.echo(proxy_mod.instructions(cfg), err=True)
    sys.exit(proxy_mod.run(cfg))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--start", type=float, help="App start time (epoch seconds): evidence `at` becomes relative to it.")
@output_options()
def flows(file: Path, start: float | None, fmt: str, output: Path | None) -> None:
    """Summarise a JSONL capture written by `appaudit proxy`: hosts, SDKs and identifiers sent."""
    report = load_flows(file, start)
    if fmt == "json":
        emit(render(report, "json"), output)
        return
    net = report.sections["network"]
    head = (
        f"{net['flows']} flows, {net['flows_with_hits']} carrying identifiers"
        f" ({', '.join(net['data_types']) or 'none'})"
    )
    if net["bad_lines"] or net["truncated_lines"]:
        head += f"; skipped {net['bad_lines']} unreadable and {net['truncated_lines']} truncated line(s)"
    table = Table(title=head, show_lines=False)
    for col in ("host", "sdk", "party", "flows", "cleartext", "identifiers (encodings)"):
        table.add_column(col, overflow="fold")
    for h in net["hosts"]:
        table.add_row(
            h["host"],
            h["sdk"] or ("" if h["party"] == "first" else "unknown"),
            h["party"],
            str(h["flows"]),
            str(h["cleartext_flows"]),
            "\n".join(f"{dt} ({', '.join(encs)})" for dt, encs in h["data_types"].items()),
        )
    emit(render_table(table), output)
