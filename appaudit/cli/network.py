"""`appaudit proxy` (mitmdump with the identifier addon), `appaudit flows` (summary of a capture) and
`appaudit rescan` (a saved flow file scanned again, e.g. with the values a run's hooks reported)."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

import click
from rich.table import Table

from appaudit.audit import Capture, rescan_capture
from appaudit.cli.base import FiniteFloat, emit, main, output_options, render_table
from appaudit.errors import InputError
from appaudit.network import addon as addon_mod
from appaudit.network import proxy as proxy_mod
from appaudit.network.capture import load_flows
from appaudit.network.profile import DeviceProfile, load_profile
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
@click.option(
    "--flow-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="mitmproxy flow file the raw flows are appended to, for `appaudit rescan` [default: OUTPUT with .mitm].",
)
@click.option("--no-flow-file", is_flag=True, help="Keep no raw flows (the capture cannot be scanned again).")
def proxy(
    port: int,
    profile: Path | None,
    offline: bool,
    first_party: tuple[str, ...],
    confdir: Path,
    output: Path,
    flow_file: Path | None,
    no_flow_file: bool,
) -> None:
    """Run mitmdump on 127.0.0.1 with the addon that records identifiers leaving the device."""
    if profile is not None:
        load_profile(profile)  # fail here with a clear message, not inside mitmdump's startup log
    cfg = proxy_mod.ProxyConfig(
        output=output,
        flow_file=None if no_flow_file else flow_file or output.with_suffix(".mitm"),
        port=port,
        profile=profile,
        first_party=first_party,
        offline=offline,
        confdir=confdir,
    )
    proxy_mod.find_mitmdump()
    _preflight(cfg)
    click.echo(proxy_mod.instructions(cfg), err=True)
    if profile is None:
        click.echo(proxy_mod.NO_PROFILE_WARNING.format(flow_file=cfg.flow_file or "(none: --no-flow-file)"), err=True)
    code = proxy_mod.run(cfg)
    if code not in (0, -2, 130):  # 0, or the interrupt that stopped it: a capture that ran
        # mitmdump's own error is in its log above; exit 1 would read as "findings" to a CI job.
        raise InputError(f"mitmdump stopped with exit code {code} (its log above says why); {cfg.output} is incomplete")


def _preflight(cfg: proxy_mod.ProxyConfig) -> None:
    """What would make mitmdump fail or capture nothing, as a one-line error before it starts: an output it
    cannot append to (it would listen and drop every flow) or a port already taken."""
    for path in (cfg.output, cfg.flow_file):
        if path is None:
            continue
        try:
            with path.open("ab"):
                pass
        except OSError as e:
            raise InputError(f"{path}: cannot write the capture there ({e.strerror}); check the directory") from None
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as mitmdump binds
        probe.bind((proxy_mod.LISTEN_HOST, cfg.port))
    except OSError as e:
        raise InputError(
            f"port {cfg.port} on {proxy_mod.LISTEN_HOST} is not free ({e.strerror}); pick another with --port"
        ) from None
    finally:
        probe.close()


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--start", type=FiniteFloat(), help="App start time (epoch seconds): evidence `at` becomes relative to it."
)
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


@main.command()
@click.argument("flow_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Device profile (JSON/TOML keyed by data-type ids) whose values are looked for.",
)
@click.option(
    "--trace",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Runtime trace of the same run: the values its hooks reported are looked for too.",
)
@click.option("--first-party", "first_party", multiple=True, help="The app's own domain (repeatable).")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="JSONL capture to write."
)
def rescan(
    flow_file: Path, profile: Path | None, trace: Path | None, first_party: tuple[str, ...], output: Path
) -> None:
    """Scan a saved mitmproxy flow file (.mitm) again, with a profile and/or a run's hook values -> JSONL capture."""
    if profile is None and trace is None:
        raise InputError("rescan needs the values to look for: --profile, --trace or both")
    if not flow_file.is_file():
        raise InputError(f"{flow_file}: no such flow file; pass the .mitm file `appaudit proxy` wrote")
    if trace is not None and not trace.is_file():
        raise InputError(f"{trace}: no such trace; pass the JSONL trace of `appaudit run`")
    capture = Capture(flows=output, flow_file=flow_file, profile=profile)
    if trace is not None:
        capture = rescan_capture(capture, trace, first_party, output=output)
    else:
        result = addon_mod.rescan(flow_file, load_profile(profile) if profile else DeviceProfile(), output, first_party)
        capture = replace(capture, notes=result.notes)
    net = load_flows(output).sections["network"]
    added = ", ".join(f"{k} ({n})" for k, n in capture.from_trace.items()) or "none"
    click.echo(
        f"{net['flows']} flows scanned again, {net['flows_with_hits']} carrying identifiers"
        f" ({', '.join(net['data_types']) or 'none'}) -> {output}"
        + (f"; values from the trace: {added}" if trace is not None else ""),
        err=True,
    )
    for note in capture.notes:
        click.echo(f"note: {note}", err=True)
