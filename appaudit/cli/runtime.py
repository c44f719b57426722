"""`appaudit run`, `appaudit trace` and `appaudit mark`: runtime analysis from the command line."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from appaudit.cli.base import FiniteFloat, dump_json, emit, main, output_options, render_table, stderr
from appaudit.model import Report
from appaudit.runtime import backends, consent, hostjvm, session
from appaudit.runtime.trace import load_trace


@main.command("run")
@click.argument("app", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--backend",
    type=click.Choice(backends.names()),
    default="hostjvm",
    show_default=True,
    help="android: an emulator or device through adb + frida-server; hostjvm: the APK's code on the local JVM.",
)
@click.option("--device", "device", metavar="SERIAL", help="adb serial (android; default: the only device attached).")
@click.option(
    "--duration",
    type=FiniteFloat(min=0),
    metavar="S",
    help="Seconds to record (android, default 30; hostjvm: upper bound, default 60).",
)
@click.option(
    "--consent-hook", metavar="CLASS.METHOD", help="The app's consent method, e.g. com.x.PrivacyDialog.onAgree."
)
@click.option("--consent-pref", metavar="KEY", help="A SharedPreferences key whose write means consent.")
@click.option(
    "--consent-action",
    type=click.Choice(hostjvm.CONSENT_ACTIONS),
    default="agree",
    show_default=True,
    help="hostjvm: the harness accepts the privacy dialog (consent method), refuses it "
    "(<pkg>.PrivacyDialog.onDisagree, or --refusal-hook), leaves it unanswered, or (absent) takes the app for one "
    "that asks for no consent and opens its screens with nothing agreed.",
)
@click.option(
    "--refusal-hook",
    metavar="CLASS.METHOD",
    help="The app's refusal method, e.g. com.x.PrivacyDialog.onDisagree (its call is the refusal event).",
)
@click.option(
    "--screens",
    type=click.IntRange(min=0),
    default=hostjvm.DEFAULT_SCREENS,
    show_default=True,
    help="hostjvm: after an agreement (or with --consent-action absent), open up to N of the app's other activities "
    "(its own first), as a user reaching its screens would; 0: the launcher only.",
)
@click.option(
    "--clicks",
    type=click.IntRange(min=0),
    default=hostjvm.DEFAULT_CLICKS,
    show_default=True,
    help="hostjvm: on the same screens and under the same rule (after an agreement, or absent), tap up to N buttons "
    "per screen once each (views given a click listener, then the layouts' android:onClick methods), as a user "
    "trying its buttons would; 0: none.",
)
@click.option("--proxy", metavar="HOST:PORT", help="HTTP(S) proxy for the app (the network addon's mitmdump).")
@click.option("--ca-cert", type=click.Path(dir_okay=False, path_type=Path), help="The proxy's CA (PEM) to trust.")
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Device profile the hostjvm stubs serve (default sample_apks/device_profile.json).",
)
@click.option(
    "--frida-server",
    type=click.Path(dir_okay=False, path_type=Path),
    help="frida-server binary to push and start when none runs on the device (android).",
)
@click.option(
    "--keep-data",
    is_flag=True,
    help="android: keep the app's data (default: `pm clear`, so no consent from an earlier run persists).",
)
@click.option(
    "--grant-all",
    is_flag=True,
    help="android: pre-grant every runtime permission (install -g); the app's permission requests are then unseen.",
)
@click.option(
    "--bypass-pinning",
    "pinning_bypass",
    is_flag=True,
    help="Defeat certificate pinning in the app (OkHttp CertificatePinner, TrustManagerImpl, WebView SSL errors)"
    " so the proxy can decrypt it; off by default, and stated in the trace and the report when on.",
)
@click.option("--monkey", "monkey_events", type=int, default=0, help="Monkey events to send (android, fixed seed).")
@click.option("--seed", "monkey_seed", type=int, default=42, show_default=True, help="Monkey seed.")
@click.option(
    "--values",
    "value_mode",
    type=click.Choice([v.value for v in session.ValueMode]),
    default="raw",
    show_default=True,
    help="Store read values as read, or as their SHA-256.",
)
@click.option(
    "--control",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Control file `appaudit mark` writes to (default: per-user temp file).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("trace.jsonl"),
    show_default=True,
    help="The JSONL trace to write.",
)
def run_cmd(app: Path, backend: str, output: Path, **options: Any) -> None:
    """Run APP under the Frida hooks and write a JSONL trace of every personal-data read."""
    if sys.stdin.isatty():
        # The key-press fallback of manual consent: a line "c" (or "r") marks consent (or refusal) now.
        click.echo("type c + Enter when you accept the privacy policy (r + Enter: refuse)", err=True)
        threading.Thread(target=_keys, args=(options.get("control"),), daemon=True).start()
    run_options = session.RunOptions.from_kwargs({**options, "on_status": lambda s: stderr.print(f"[dim]{s}[/dim]")})
    path = backends.execute(backends.get(backend), app, output, run_options)
    report = load_trace(path)
    click.echo(_summary(report), err=True)
    click.echo(f"wrote {path}", err=True)


@main.command("trace")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@output_options()
def trace_cmd(file: Path, fmt: str, output: Path | None) -> None:
    """Summarise a runtime trace: consent point, reads per data type and actor, failed hooks."""
    report = load_trace(file)
    if fmt == "json":
        emit(dump_json(report.to_dict()), output)
    else:
        emit(_summary(report), output)


@main.command("mark")
@click.argument("what", type=click.Choice([m.value for m in consent.Marker]), required=False)
@click.option(
    "--control",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Control file of the running session (default: per-user temp file).",
)
def mark_cmd(what: str | None, control: Path | None) -> None:
    """Mark consent (or refusal) now, in the running `appaudit run` session.

    Without WHAT: interactive. Watch the app, and press c + Enter the moment you accept its privacy
    dialog (r + Enter: refuse, q + Enter: quit). Each marker is announced, and recorded in the trace as a
    consent event of method `manual`, stamped with the agent's clock.
    """
    pid = consent.watcher_pid(control)
    listener = f"appaudit run (pid {pid})" if pid else "NO running `appaudit run` (the marker would be ignored)"
    if what is not None:
        path = consent.mark(consent.Marker(what), control)
        stderr.print(f"MARKED {what.upper()} in {path} for {listener}", markup=False, highlight=False)
        return
    click.echo(
        f"appaudit mark: manual consent markers for {listener}\n"
        "  c + Enter: the user ACCEPTS the privacy policy now; r + Enter: REFUSES; q + Enter: quit",
        err=True,
    )
    for line in sys.stdin:
        key = line.strip().lower()
        if key == "q":
            break
        if key in ("c", "r"):
            marker = consent.Marker.CONSENT if key == "c" else consent.Marker.REFUSAL
            path = consent.mark(marker, control)
            stamp = time.strftime("%H:%M:%S")
            click.echo(f"MARKED {marker.value.upper()} at {stamp} ({path})", err=True)
        elif key:
            click.echo("  c, r or q", err=True)


def _keys(control: Path | None) -> None:
    for line in sys.stdin:
        key = line.strip().lower()
        if key in ("c", "r"):
            path = consent.mark(consent.Marker.CONSENT if key == "c" else consent.Marker.REFUSAL, control)
            click.echo(f"marked {'consent' if key == 'c' else 'refusal'} ({path})", err=True)


def _summary(report: Report) -> str:
    sec: dict[str, Any] = dict(report.sections.get("runtime", {}))
    c = sec.get("consent")
    lines = [
        f"{sec.get('package', '?')} on {sec.get('backend', '?')}: {sec.get('reads', 0)} reads "
        f"({sec.get('reads_pre_consent', 0)} before consent, {sec.get('reads_background', 0)} in background)",
        f"consent: {c['method']} {c['target']} at {c['at']:.3f} s" if c else "consent: never observed",
        *([f"refusal: {r['method']} {r['target']} at {r['at']:.3f} s"] if (r := sec.get("refusal")) else []),
        f"ended: {sec.get('ended', '?')}",
        *(["FAILED: the run reached no app code"] if sec.get("failed") else []),
        *[f"entry point failed: {h['entry']}: {h['error']}" for h in sec.get("harness_failures", [])],
        *[f"device: {n}" for n in sec.get("device_notes", [])],
        *[f"DEGRADED: {d}" for d in sec.get("degraded", [])],
        *[f"LEFT ON THE DEVICE: {c['change']} (undo: {c['undo']})" for c in sec.get("device_changes_left", [])],
        f"hooks: {sec.get('hooks', {}).get('installed')} installed, "
        f"{len(sec.get('hooks', {}).get('failed', []))} not installable here",
    ]
    table = Table(show_lines=False)
    for col in ("data type", "actor", "total", "pre-consent", "post-consent", "background", "max/window"):
        table.add_column(col)
    for row in sec.get("counts", []):
        table.add_row(
            row["data_type"],
            row["actor"],
            str(row["total"]),
            str(row["pre_consent"]),
            str(row["post_consent"]),
            str(row["background"]),
            str(row["max_per_window"]),
        )
    return "\n".join(lines) + "\n" + render_table(table, width=120)
