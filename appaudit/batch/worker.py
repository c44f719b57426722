"""One app of a batch, audited in its own process under a time and memory limit.

`run_job` is the task both engines run (a thread of the local pool, or a Dask worker): it starts
`python -m appaudit.batch.worker JOB.json RESULT.json` in a new session, watches the whole process tree's
resident memory, and kills the tree when the app exceeds its time or memory budget, so one hostile or huge
APK costs one `errors` row, never the batch. The child writes its result atomically; anything else (a crash,
a kill, a missing result) is turned into an error row by the parent.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from appaudit import limits
from appaudit.batch import inputs, rows

DEFAULT_TIMEOUT_S = 600.0
DEFAULT_MEMORY_MB = 3072
_POLL_S = 0.2


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with one app; plain data, so it travels to a Dask worker as it is."""

    path: str
    policy_rules: tuple[tuple[str, tuple[str, ...]], ...] = ()
    run: str | None = None
    generated_at: str = ""
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    html: bool = True
    # The client's working directory: relative app and policy paths are relative to it, while the child runs
    # in a scratch directory (so nothing it writes lands beside the user's files).
    base: str = ""


@dataclass(slots=True)
class Result:
    """One app's outcome: its report (JSON text), HTML, table rows, or the error row that replaces them."""

    path: str
    sha256: str = ""
    package: str = ""
    report_json: str = ""
    html: str = ""
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    error: dict[str, str] | None = None
    seconds: float = 0.0
    peak_mb: float = 0.0


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def _kill_tree(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_job(job: Job) -> Result:
    """Audit one app in a child process; always returns a Result (with `error` set when it failed)."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="appaudit-batch-") as tmp:
        job_file, out_file = Path(tmp) / "job.json", Path(tmp) / "result.json"
        job_file.write_text(json.dumps(asdict(job)), encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, "-m", "appaudit.batch.worker", str(job_file), str(out_file)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: a kill takes the JVM/mitmdump grandchildren too
            cwd=tmp,
            # Its temporary files (the audit's work directory, a hostjvm run's scratch) go under this scratch
            # directory too, so that a child killed on a budget leaves nothing behind in the system's /tmp.
            env={**os.environ, "TMPDIR": tmp},
        )
        watched = psutil.Process(child.pid)
        peak = 0
        verdict: tuple[str, str] | None = None
        stderr_tail: list[bytes] = []
        reader = threading.Thread(target=lambda: stderr_tail.append((child.stderr or _Empty()).read()[-2000:]))
        reader.start()
        while child.poll() is None:
            rss = _tree_rss(watched)
            peak = max(peak, rss)
            if rss > job.memory_mb * 1024 * 1024:
                verdict = ("memory", f"over the memory budget of {job.memory_mb} MB; killed")
            elif time.monotonic() - start > job.timeout_s:
                verdict = ("timeout", f"over the time budget of {job.timeout_s:.0f} s; killed")
            if verdict:
                _kill_tree(child.pid)
                child.wait()
                break
            time.sleep(_POLL_S)
        _kill_tree(child.pid)  # leftovers (a daemon the app started) never outlive their app
        reader.join(timeout=5)
        seconds, peak_mb = time.monotonic() - start, peak / 1024 / 1024
        if verdict is None and out_file.is_file():
            data = json.loads(out_file.read_text(encoding="utf-8"))
            result = Result(**data)
            result.seconds, result.peak_mb = seconds, peak_mb
            for row in result.tables.get("apps", []):
                row["seconds"], row["peak_mb"] = round(seconds, 3), round(peak_mb, 1)
            return result
        if verdict is None:
            tail = b"".join(stderr_tail).decode("utf-8", "replace").strip().splitlines()
            verdict = ("worker", f"worker exited with code {child.returncode}: {tail[-1] if tail else 'no output'}")
        return Result(path=job.path, error={"stage": verdict[0], "message": verdict[1]}, seconds=seconds,
                      peak_mb=peak_mb)


class _Empty:
    def read(self) -> bytes:
        return b""


# ---------------------------------------------------------------- the child process


def _audit(job: Job) -> Result:
    from appaudit import audit
    from appaudit.errors import AppAuditError
    from appaudit.report import json_report, render

    base = Path(job.base) if job.base else Path.cwd()
    path = base / job.path  # an absolute job.path stays as it is
    try:
        policies: tuple[Path, ...] = ()
        if job.policy_rules:
            rules = tuple(inputs.PolicyRule(k, tuple(base / f for f in fs)) for k, fs in job.policy_rules)
            policies = inputs.policies_for(path, _package(path) if _needs_package(rules) else None, rules)
        with tempfile.TemporaryDirectory(prefix="appaudit-run-") as work:
            options = audit.AuditOptions(
                policies=policies, run=job.run, capture=False, work_dir=Path(work), generated_at=job.generated_at
            )
            report = audit.audit(path, options)
    except AppAuditError as e:
        return Result(path=job.path, error={"stage": "input", "message": str(e).splitlines()[0][:2000]})
    except Exception as e:  # an analyser bug on this app: record it, the batch goes on
        return Result(path=job.path, error={"stage": "analysis", "message": f"{type(e).__name__}: {e}"[:2000]})
    doc = report.to_dict()  # once: the saved report and the table rows are both made from it
    return Result(
        path=job.path,
        sha256=report.app.sha256,
        package=report.app.package,
        report_json=json_report.dumps(doc),
        html=render(report, "html") if job.html else "",
        tables=rows.rows(doc, job.path),
    )


def _needs_package(rules: tuple[inputs.PolicyRule, ...]) -> bool:
    return any(not any(ch in r.key for ch in "*?[") for r in rules)


def _package(path: Path) -> str | None:
    from appaudit.errors import AppAuditError
    from appaudit.static import apk, manifest

    try:
        return manifest.parse(apk.unpack(path).parts).package
    except AppAuditError:
        return None  # the audit itself reports the unreadable app


def main(argv: list[str]) -> int:
    job_file, out_file = Path(argv[0]), Path(argv[1])
    raw = json.loads(job_file.read_text(encoding="utf-8"))
    raw["policy_rules"] = tuple((k, tuple(fs)) for k, fs in raw.get("policy_rules", ()))
    result = _audit(Job(**raw))
    limits.atomic_write_text(out_file, json.dumps(asdict(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
