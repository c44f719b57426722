"""`appaudit batch INPUTS... --out DIR` and `appaudit query DIR SQL`: many apps, results as Parquet you can query."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from appaudit.cli.audit import fails
from appaudit.cli.base import FiniteFloat, emit, main, render_table, stderr
from appaudit.model import Severity

# the summary table's severity columns, worst first (info findings are counted but not shown)
_SHOWN = ("critical", "high", "medium", "low")
_SEVERITIES = frozenset(s.value for s in Severity)


def _batch_modules() -> Any:
    """The batch package, which needs the `batch` extra (pyarrow, duckdb, psutil; dask for --cluster)."""
    from appaudit.errors import ToolMissingError

    try:
        from appaudit.batch import engine, inputs, overview, presets, store
    except ImportError as e:
        raise ToolMissingError(f"appaudit batch needs {e.name}: pip install 'appaudit[batch]'") from None
    return engine, inputs, overview, presets, store


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Batch directory: reports/, tables/ (Parquet), index.html.")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Apps audited at once [default: cores].")
@click.option("--policy-map", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="CSV of `package-or-glob,policy-file[,...]` pairing apps with their privacy policies.")
@click.option("--run", type=click.Choice(["hostjvm"]), default=None, help="Also run each app on the local JVM.")
@click.option("--resume", is_flag=True, help="Skip apps already done in DIR (by sha256).")
@click.option("--cluster", default=None, metavar="local|tcp://HOST:PORT",
              help="Run on Dask: a LocalCluster, or a running scheduler (workers need appaudit installed).")
@click.option("--timeout", "timeout_s", type=FiniteFloat(min=1), default=600.0, show_default=True,
              help="Seconds per app before it is killed and recorded as an error.")
@click.option("--memory", "memory_mb", type=click.IntRange(128, None), default=3072, show_default=True,
              help="MB of resident memory per app (its whole process tree) before it is killed.")
@click.option("--no-html", is_flag=True, help="Skip each app's HTML report.")
@click.option("--fail-on", type=click.Choice([*_SHOWN, "info", "never"]), default="never", show_default=True,
              help="Exit 1 when any app has a finding at or above this severity.")
def batch_cmd(inputs: tuple[Path, ...], out: Path, jobs: int | None, policy_map: Path | None, run: str | None,
              resume: bool, cluster: str | None, timeout_s: float, memory_mb: int, no_html: bool,
              fail_on: str) -> None:
    """Audit many apps: INPUTS are app files, folders or text files listing paths.

    Exit 0 when every app was analysed and none reached --fail-on, 1 when findings did, 2 when any app could not
    be analysed (each such app has one row in the `errors` table).
    """
    engine, inp, overview, _presets, store = _batch_modules()
    from appaudit.audit import timestamp

    apps = inp.expand(inputs)
    if not apps:
        raise click.UsageError("no app files (.apk, .apks, .xapk, .apkm) in INPUTS")
    options = engine.BatchOptions(
        out=out,
        jobs=jobs or engine.BatchOptions(out=out).jobs,
        policy_rules=inp.read_policy_map(policy_map) if policy_map else (),
        run=run, resume=resume, cluster=cluster, timeout_s=timeout_s, memory_mb=memory_mb, html=not no_html,
        generated_at=timestamp(),
    )
    plain = not sys.stderr.isatty()
    progress = Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
        console=stderr, disable=plain,
    )
    state: dict[str, Any] = {"task": None, "n": 0}

    def planned(n: int) -> None:
        state["task"] = progress.add_task("auditing", total=n, rate="")
        if plain:
            stderr.print(f"batch: {n} apps to audit ({len(apps) - n} done before)", markup=False)

    def finished(result: Any) -> None:
        state["n"] += 1
        elapsed = progress.tasks[0].elapsed if progress.tasks else None
        rate = f"{state['n'] / elapsed:.2f} apps/s" if elapsed else ""
        progress.update(state["task"], advance=1, rate=rate)
        if plain:
            what = f"error ({result.error['stage']}): {result.error['message']}" if result.error else "ok"
            stderr.print(f"batch: [{state['n']}] {result.path}: {what}", markup=False, highlight=False, soft_wrap=True)

    with progress:
        summary = engine.run_batch(apps, options, on_planned=planned, on_result=finished)
    page = overview.write(store.Store(out))
    table = Table(title=f"appaudit batch: {out}")
    for col in ("analysed", "skipped (done)", "not analysed", *_SHOWN):
        table.add_column(col, justify="right")
    sev = summary.severities
    table.add_row(str(summary.analysed), str(summary.skipped), str(summary.failed), *(str(sev[s]) for s in _SHOWN))
    Console(stderr=True, width=120).print(table)
    stderr.print(f"wrote {page}", markup=False, highlight=False)
    if summary.failed:
        sys.exit(2)
    if fails([Severity(s) for s, n in summary.severities.items() if n and s in _SEVERITIES], fail_on):
        sys.exit(1)


@main.command("query")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.argument("sql", required=False)
@click.option("--preset", default=None, help="A ready-made question instead of SQL (see --list-presets).")
@click.option("--list-presets", is_flag=True, help="List the ready-made questions and exit.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def query_cmd(directory: Path, sql: str | None, preset: str | None, list_presets: bool, fmt: str,
              output: Path | None) -> None:
    """SQL (DuckDB) over a batch's tables: apps, sdks, permissions, call_sites, findings, errors.

    Example: appaudit query out/ "SELECT package, sdk FROM sdks" --format json
    """
    _engine, _inp, _overview, presets, store = _batch_modules()
    from appaudit.errors import InputError

    if list_presets:
        emit("".join(f"{k}: {p.title}\n" for k, p in presets.PRESETS.items()), output)
        return
    if (sql is None) == (preset is None):
        raise click.UsageError("give SQL or --preset NAME (one of them)")
    if preset is not None:
        if preset not in presets.PRESETS:
            raise click.UsageError(f"--preset {preset}: unknown; use one of {', '.join(presets.PRESETS)}")
        sql = presets.PRESETS[preset].sql
    assert sql is not None
    import duckdb

    try:
        columns, rows = store.open_existing(directory).query(sql)
    except duckdb.Error as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(f"query: {first}; tables: {', '.join(store.tables())}") from None
    if fmt == "json":
        emit(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, default=str,
                        indent=2) + "\n", output)
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        emit(buf.getvalue(), output)
    else:
        table = Table()
        for c in columns:
            table.add_column(c)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        emit(render_table(table), output)
