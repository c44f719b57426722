"""appaudit batch / query: per-app reports and Parquet rows, errors as data, resume after a kill, Dask parity,
per-app time and memory budgets, policy map, hostile names in the overview page."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from appaudit.batch import engine, inputs, worker
from appaudit.batch.store import Store
from appaudit.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_apks"
APPS = ("demo-news", "demo-clean", "demo-network", "demo-obfuscated")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "apps"
    d.mkdir()
    for app in APPS:
        shutil.copy(SAMPLES / app / f"{app}.apk", d / f"{app}.apk")
    (d / "corrupt.apk").write_bytes(b"PK\x03\x04 this is not a zip" * 40)
    return d


def _batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.output


def _query(out: Path, sql: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["query", str(out), sql, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def test_every_app_has_a_report_and_rows_and_the_corrupt_one_one_error_row(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _batch(str(folder), "--out", str(out), "--jobs", "2")
    assert code == 2, output  # one app could not be analysed
    apps = _query(out, "SELECT package, report, html, static FROM apps ORDER BY package")
    assert {a["package"] for a in apps} == {f"com.appaudit.demo.{a.split('-')[1]}" for a in APPS}
    for a in apps:
        assert (out / str(a["report"])).is_file() and (out / str(a["html"])).is_file()
        assert a["static"] == "complete"
        report = json.loads((out / str(a["report"])).read_text(encoding="utf-8"))
        assert report["app"]["package"] == a["package"]
    errors = _query(out, "SELECT path, stage, message FROM errors")
    assert len(errors) == 1 and str(errors[0]["path"]).endswith("corrupt.apk") and errors[0]["stage"] == "input"
    # rows agree with each app's own JSON report
    news = json.loads((out / str(next(a for a in apps if "news" in str(a["package"]))["report"])).read_text())
    sdks = {r["sdk"] for r in _query(out, "SELECT sdk FROM sdks WHERE package = 'com.appaudit.demo.news'")}
    assert sdks == {s["id"] for s in news["sections"]["static"]["sdks"]} and sdks
    n_sites = _query(out, "SELECT count(*) AS n FROM call_sites WHERE package = 'com.appaudit.demo.news'")[0]["n"]
    assert n_sites == len(news["sections"]["static"]["call_sites"]) > 0
    n_findings = _query(out, "SELECT count(*) AS n FROM findings WHERE package = 'com.appaudit.demo.news'")[0]["n"]
    assert n_findings == len(news["findings"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "com.appaudit.demo.news" in index and "corrupt.apk" in index


def test_resume_after_a_kill_redoes_no_app(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (folder / "corrupt.apk").unlink()
    exe = Path(sys.executable).parent / "appaudit"
    proc = subprocess.Popen(
        [str(exe), "batch", str(folder), "--out", str(out), "--jobs", "1", "--no-html"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    apps_dir = out / "tables" / "apps"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(apps_dir.glob("[0-9a-f]*.parquet"))) < 1:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {p.name: p.stat().st_mtime_ns for p in apps_dir.glob("[0-9a-f]*.parquet")}
    assert 1 <= len(before) < len(APPS), "the kill should land half-way"
    code, output = _batch(str(folder), "--out", str(out), "--jobs", "1", "--resume", "--no-html")
    assert code == 0, output
    after = {p.name: p.stat().st_mtime_ns for p in apps_dir.glob("[0-9a-f]*.parquet")}
    assert len(after) == len(APPS)
    assert all(after[name] == mtime for name, mtime in before.items()), "a finished app was redone"
    assert not list(out.rglob(".*.tmp")), "a half-written file was left behind"
    assert len(_query(out, "SELECT DISTINCT sha256 FROM apps")) == len(APPS)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_sdk_pairs_as_the_pool(folder: Path, tmp_path: Path) -> None:
    (folder / "corrupt.apk").unlink()
    pool, dask = tmp_path / "pool", tmp_path / "dask"
    assert _batch(str(folder), "--out", str(pool), "--jobs", "2", "--no-html")[0] == 0
    code, output = _batch(str(folder), "--out", str(dask), "--jobs", "2", "--no-html", "--cluster", "local")
    assert code == 0, output
    sql = "SELECT package, sdk FROM sdks ORDER BY package, sdk"
    pairs = _query(pool, sql)
    assert pairs and pairs == _query(dask, sql)


def test_time_and_memory_budgets_kill_one_app_not_the_batch(tmp_path: Path) -> None:
    apk = str(SAMPLES / "demo-news" / "demo-news.apk")
    before = set(Path(tempfile.gettempdir()).glob("appaudit-run-*"))
    slow = worker.run_job(worker.Job(path=apk, timeout_s=0.3, html=False))
    assert slow.error is not None and slow.error["stage"] == "timeout"
    # The killed child's work directory went with the job's scratch directory (it was left in /tmp before).
    assert set(Path(tempfile.gettempdir()).glob("appaudit-run-*")) <= before
    big = worker.run_job(worker.Job(path=apk, memory_mb=20, html=False))
    assert big.error is not None and big.error["stage"] == "memory" and "20 MB" in big.error["message"]
    ok = worker.run_job(worker.Job(path=apk, html=False))
    assert ok.error is None and ok.package == "com.appaudit.demo.news" and ok.peak_mb > 0


def test_policy_map_pairs_apps_with_their_policies(folder: Path, tmp_path: Path) -> None:
    policy = SAMPLES / "demo-news" / "policy.md"
    pmap = tmp_path / "policies.csv"
    pmap.write_text(f"# package or glob, files\ncom.appaudit.demo.news,{policy}\n", encoding="utf-8")
    out = tmp_path / "out"
    _batch(str(folder), "--out", str(out), "--policy-map", str(pmap), "--no-html")
    cov = {r["package"]: r["policy"] for r in _query(out, "SELECT package, policy FROM apps")}
    assert cov["com.appaudit.demo.news"] == "complete"
    assert cov["com.appaudit.demo.clean"] == "not requested"
    rules = {r["rule_id"] for r in _query(out, "SELECT rule_id FROM findings WHERE package='com.appaudit.demo.news'")}
    assert "UNDECLARED_DATA_TYPE" in rules


def test_policy_map_with_a_missing_file_names_the_row(tmp_path: Path) -> None:
    pmap = tmp_path / "p.csv"
    pmap.write_text("com.x,missing.md\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"p\.csv:1: policy file .*missing\.md not found"):
        inputs.read_policy_map(pmap)


def test_inputs_folders_lists_and_unreadable_entries(folder: Path, tmp_path: Path) -> None:
    listing = tmp_path / "apps.txt"
    listing.write_text(f"# a list\n{folder / 'demo-news.apk'}\n\nnot-there.apk\n", encoding="utf-8")
    fifo = tmp_path / "pipe.apk"
    os.mkfifo(fifo)
    apps = inputs.expand((folder, listing, fifo))
    assert len([a for a in apps if a.name == "demo-news.apk"]) == 1  # de-duplicated
    out = tmp_path / "out"
    summary = engine.run_batch(apps, engine.BatchOptions(out=out, jobs=2, html=False))
    stages = {Path(r.path).name: r.error["stage"] for r in summary.results if r.error}
    assert stages == {"corrupt.apk": "input", "not-there.apk": "input", "pipe.apk": "input"}
    assert summary.analysed == len(APPS) and summary.failed == 3
    assert len(Store(out).query("SELECT * FROM errors")[1]) == 3


def test_hostile_file_names_are_escaped_in_the_overview(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "<img src=x onerror=alert(1)>.apk").write_bytes(b"not a zip")
    out = tmp_path / "out"
    assert _batch(str(d), "--out", str(out))[0] == 2
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.apk" in page


def test_query_errors_are_one_line_exit_2(tmp_path: Path, folder: Path) -> None:
    r = CliRunner().invoke(main, ["query", str(tmp_path / "nothing"), "SELECT 1"])
    assert r.exit_code == 2 and "not a batch directory" in r.output
    out = tmp_path / "out"
    _batch(str(folder / "demo-clean.apk"), "--out", str(out), "--no-html")
    r = CliRunner().invoke(main, ["query", str(out), "SELEC nonsense"])
    assert r.exit_code == 2 and "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(main, ["query", str(out), "--preset", "sdk-prevalence", "--format", "csv"])
    assert r.exit_code == 0 and r.output.splitlines()[0] == "sdk,name,apps"


def test_relative_inputs_and_policy_map_are_read_from_the_callers_directory(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker runs in a scratch directory: a relative app path (as the README's `appaudit batch apps/`)
    # once failed with "no such file" for every app.
    shutil.copy(SAMPLES / "demo-news" / "policy.md", tmp_path / "policy.md")
    (tmp_path / "policies.csv").write_text("com.appaudit.demo.news,policy.md\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _batch("apps", "--out", "out", "--jobs", "2", "--no-html", "--policy-map", "policies.csv")
    assert code == 2, output  # only the corrupt app fails
    errors = _query(tmp_path / "out", "SELECT path, stage FROM errors")
    assert [(Path(str(e["path"])).name, e["stage"]) for e in errors] == [("corrupt.apk", "input")]
    cov = {r["package"]: r["policy"] for r in _query(tmp_path / "out", "SELECT package, policy FROM apps")}
    assert len(cov) == len(APPS) and cov["com.appaudit.demo.news"] == "complete"


def test_resume_still_counts_the_findings_of_apps_done_before(tmp_path: Path) -> None:
    # A batch resumed after a kill skipped the done apps' findings: `--fail-on high` passed (exit 0) although
    # the results hold high findings.
    d = tmp_path / "apps"
    d.mkdir()
    shutil.copy(SAMPLES / "demo-news" / "demo-news.apk", d / "demo-news.apk")
    pmap = tmp_path / "policies.csv"
    pmap.write_text(f"com.appaudit.demo.news,{SAMPLES / 'demo-news' / 'policy.md'}\n", encoding="utf-8")
    args = (str(d), "--out", str(tmp_path / "out"), "--policy-map", str(pmap), "--no-html", "--fail-on", "high")
    assert _batch(*args)[0] == 1
    code, output = _batch(*args, "--resume")
    assert code == 1, output
    assert "skipped" in output


def test_a_requested_source_that_failed_is_an_error_not_a_clean_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--run hostjvm` without a usable JDK: every app was "ok" and the batch exited 0 although no app ran
    # (`appaudit audit` exits 2 for the same run).
    d = tmp_path / "apps"
    d.mkdir()
    shutil.copy(SAMPLES / "demo-clean" / "demo-clean.apk", d / "demo-clean.apk")
    monkeypatch.setenv("APPAUDIT_JAVA_HOME", str(tmp_path / "no-jdk"))
    out = tmp_path / "out"
    code, output = _batch(str(d), "--out", str(out), "--run", "hostjvm", "--no-html")
    assert code == 2, output
    assert _query(out, "SELECT runtime FROM apps") == [{"runtime": "failed"}]  # its report and rows are kept
    errors = _query(out, "SELECT stage, message FROM errors")
    assert len(errors) == 1 and errors[0]["stage"] == "runtime" and "runtime failed" in str(errors[0]["message"])
    code, output = _batch(str(d), "--out", str(out), "--run", "hostjvm", "--no-html", "--resume")
    assert code == 2 and "1 apps to audit" in output  # tried again, not skipped as done


def test_an_app_that_cannot_be_opened_is_named_in_the_progress(tmp_path: Path) -> None:
    # A listed app that does not exist only showed as "(1 done or unreadable)", never by name.
    listing = tmp_path / "apps.txt"
    listing.write_text(f"{SAMPLES / 'demo-clean' / 'demo-clean.apk'}\nnot-there.apk\n", encoding="utf-8")
    code, output = _batch(str(listing), "--out", str(tmp_path / "out"), "--no-html")
    assert code == 2, output
    assert "2 apps to audit (0 done before)" in output
    assert "not-there.apk: error (input)" in output


def test_every_severity_counts_for_fail_on_including_critical(tmp_path: Path) -> None:
    """No rule is critical today, but the rule catalogue allows it: a batch must not pass --fail-on high then."""
    from appaudit.batch import rows

    store = Store(tmp_path / "out")
    summary = engine.Summary()
    doc = {"app": {"sha256": "ab" * 32, "package": "p"},
           "findings": [{"rule_id": "X", "severity": "critical"}, {"rule_id": "Y", "severity": "info"}]}
    tables = rows.rows(doc, "p.apk")
    result = worker.Result(path="p.apk", sha256="ab" * 32, package="p", report_json="{}", tables=tables)
    engine._record(store, result, summary)
    assert summary.severities["critical"] == 1 and summary.severities["info"] == 1
    assert Store(tmp_path / "out").query("SELECT critical, high FROM apps")[1] == [(1, 0)]
