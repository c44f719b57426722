"""Scheduling a batch: the same `worker.run_job` task on a local pool or on a Dask cluster.

The local pool is threads that each start one child process per app (worker.run_job), so `--jobs N` audits N apps
at once, each isolated. `--cluster local` starts a Dask LocalCluster, `--cluster tcp://HOST:PORT` submits to a
running scheduler; Dask workers run the same task (they need appaudit installed and the app paths readable, e.g.
on shared storage). Results always come back to this process, which is the only writer of the batch directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from appaudit.batch import inputs, worker
from appaudit.batch.store import Store
from appaudit.errors import InputError, ToolMissingError

HASH_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run a batch (the CLI's options, typed)."""

    out: Path
    jobs: int = max(1, os.cpu_count() or 1)
    policy_rules: tuple[inputs.PolicyRule, ...] = ()
    run: str | None = None
    resume: bool = False
    cluster: str | None = None  # None: local process pool; "local": Dask LocalCluster; "tcp://...": a scheduler
    timeout_s: float = worker.DEFAULT_TIMEOUT_S
    memory_mb: int = worker.DEFAULT_MEMORY_MB
    html: bool = True
    generated_at: str = ""


@dataclass(slots=True)
class Summary:
    """What a batch did: apps analysed, skipped as done, failed; findings by severity."""

    analysed: int = 0
    skipped: int = 0
    failed: int = 0
    severities: Counter[str] = field(default_factory=Counter)  # every severity of the report's findings
    results: list[worker.Result] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    """The app file's sha256; a non-regular file (FIFO, device) or unreadable file raises InputError."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise InputError(f"{path}: cannot open ({e.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{path}: not a regular file")
        h = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as f:
            while chunk := f.read(HASH_CHUNK):
                h.update(chunk)
        return h.hexdigest()
    finally:
        os.close(fd)


def _jobs(apps: list[Path], store: Store, options: BatchOptions, summary: Summary) -> Iterator[worker.Job]:
    done = store.done() if options.resume else set()
    rules = tuple((r.key, tuple(str(f) for f in r.files)) for r in options.policy_rules)
    for app in apps:
        try:
            sha = sha256_of(app)
        except InputError as e:
            store.write_error("", str(app), "input", str(e))
            summary.failed += 1
            summary.results.append(worker.Result(path=str(app), error={"stage": "input", "message": str(e)}))
            continue
        if sha in done:
            # Its findings still count: a batch resumed after a kill must fail --fail-on as the full run would.
            summary.skipped += 1
            summary.severities.update(store.severities(sha))
            continue
        yield worker.Job(
            path=str(app), policy_rules=rules, run=options.run, generated_at=options.generated_at,
            timeout_s=options.timeout_s, memory_mb=options.memory_mb, html=options.html, base=os.getcwd(),
        )


def _failed_sources(report_json: str) -> dict[str, str]:
    """{source: its reasons} for each source of the report whose coverage is `failed`."""
    try:
        coverage = json.loads(report_json).get("coverage") or {}
    except (ValueError, AttributeError):
        return {}
    return {
        str(src): "; ".join(str(r) for r in (cov.get("reasons") or [])) or "no reason given"
        for src, cov in coverage.items()
        if isinstance(cov, dict) and cov.get("status") == "failed"
    }


def _record(store: Store, result: worker.Result, summary: Summary) -> None:
    summary.results.append(result)
    if result.error is not None:
        sha = ""
        with contextlib.suppress(InputError):
            sha = sha256_of(Path(result.path))
        store.write_error(sha, result.path, result.error["stage"], result.error["message"])
        summary.failed += 1
        return
    store.write_app(result.sha256, result.package, result.tables, result.report_json, result.html)
    failed = _failed_sources(result.report_json)
    if failed:
        # A requested source that failed (`--run hostjvm` without a JDK) is no clean app: its report and rows
        # stay, an `errors` row says what did not run, the batch exits 2 as `audit` does, `--resume` retries it.
        stage = next(iter(failed))
        message = "; ".join(f"{src} failed: {why}" for src, why in failed.items())
        store.write_error(result.sha256, result.path, stage, message)
        result.error = {"stage": stage, "message": message}
        summary.failed += 1
    else:
        summary.analysed += 1
    summary.severities.update(str(row.get("severity")) for row in result.tables.get("findings", []))


def run_batch(
    apps: list[Path],
    options: BatchOptions,
    on_planned: Callable[[int], None] = lambda n: None,
    on_result: Callable[[worker.Result], None] = lambda r: None,
) -> Summary:
    """Audit every app not yet done; results are written as they arrive. Returns the summary."""
    store = Store(options.out)
    summary = Summary()
    jobs = list(_jobs(apps, store, options, summary))
    unreadable = list(summary.results)  # apps that could not even be hashed (missing, a FIFO): say which
    on_planned(len(jobs) + len(unreadable))
    for result in unreadable:
        on_result(result)
    results = _dask(jobs, options) if options.cluster else _local(jobs, options)
    for result in results:
        _record(store, result, summary)
        on_result(result)
    return summary


def _local(jobs: list[worker.Job], options: BatchOptions) -> Iterator[worker.Result]:
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        futures = [pool.submit(worker.run_job, job) for job in jobs]
        for fut in as_completed(futures):
            yield fut.result()


def _dask(jobs: list[worker.Job], options: BatchOptions) -> Iterator[worker.Result]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise ToolMissingError("--cluster needs Dask: pip install 'appaudit[batch]' (dask, distributed)") from None
    address = options.cluster or "local"
    if address == "local":
        cluster = LocalCluster(
            n_workers=max(1, options.jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        if not address.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
            raise InputError(f"--cluster {address}: use 'local' or a scheduler address such as tcp://HOST:8786")
        try:
            client = Client(address, timeout="20s")
        except OSError as e:
            raise InputError(f"--cluster {address}: cannot reach the Dask scheduler ({e})") from None
        cluster = None
    try:
        futures = client.map(worker.run_job, jobs, pure=False)
        for fut in dask_completed(futures):
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
