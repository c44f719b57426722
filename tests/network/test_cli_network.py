"""`appaudit flows` and `appaudit proxy` from the command line (proxy once for real, offline, on 127.0.0.1)."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from network_e2e import LOOPBACK, free_port, wait_for_port

from appaudit.cli import main

CAPTURE = [
    {
        "time": 1795335002.5,
        "method": "POST",
        "url": "https://alog.umeng.com/app/logs",
        "host": "alog.umeng.com",
        "sdk": "umeng-analytics",
        "party": "third",
        "tls": True,
        "status": 204,
        "hits": [{"data_type": "imei", "encoding": "md5", "where": "json:d"}],
    },
    {
        "time": 1795335003.0,
        "method": "GET",
        "url": "http://stats.jpush.cn/v3",
        "host": "stats.jpush.cn",
        "sdk": "jpush",
        "party": "third",
        "tls": False,
        "status": 204,
        "hits": [],
    },
]


@pytest.fixture()
def capture(tmp_path: Path) -> Path:
    path = tmp_path / "flows.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in CAPTURE), encoding="utf-8")
    return path


def test_flows_text(capture: Path) -> None:
    result = CliRunner().invoke(main, ["flows", str(capture)])
    assert result.exit_code == 0, result.output
    assert "2 flows, 1 carrying identifiers (imei)" in result.output
    assert "alog.umeng.com" in result.output and "umeng-analytics" in result.output and "imei (md5)" in result.output


def test_flows_json(capture: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["flows", str(capture), "--format", "json", "--start", "1795335000", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    (ev,) = report["evidence"]
    assert ev["source"] == "NETWORK" and ev["actor"] == "umeng-analytics" and ev["at"] == 2.5
    assert report["sections"]["network"]["flows"] == 2


def test_input_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["flows", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2 and "nope.jsonl: cannot read the capture" in result.output
    bad = tmp_path / "p.json"
    bad.write_text('{"imie": "1"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["proxy", "--profile", str(bad), "-o", str(tmp_path / "f.jsonl")])
    assert result.exit_code == 2 and "unknown data type 'imie'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def _interruptible() -> None:
    # A shell starts background jobs with SIGINT ignored, and Python then installs no Ctrl-C handler:
    # give the proxy the default, as a terminal would, whatever the test runner was started from.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_proxy_command_runs_mitmdump_offline(tmp_path: Path, stop: signal.Signals) -> None:
    port, out = free_port(), tmp_path / "flows.jsonl"
    log = tmp_path / "proxy.log"
    cli = [sys.executable, "-c", "from appaudit.cli import main; main()"]
    cmd = [*cli, "proxy", "--port", str(port), "--offline", "-o", str(out)]
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [*cmd, "--confdir", str(tmp_path / "conf")],
            stdout=sink,
            stderr=subprocess.STDOUT,
            preexec_fn=_interruptible,
        )
        try:
            wait_for_port(port, proc, log)
            conn = http.client.HTTPConnection(LOOPBACK, port, timeout=20)
            conn.request("GET", "http://stats.jpush.cn/v3/report?imsi=460001234567890")
            assert conn.getresponse().status == 204
            conn.close()
        finally:
            proc.send_signal(stop)
            code = proc.wait(timeout=20)
    text = log.read_text(errors="replace")
    assert "adb reverse" in text and code == 0, text
    with pytest.raises(OSError):  # mitmdump stopped with it, not left listening
        socket.create_connection((LOOPBACK, port), timeout=1).close()
    (line,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["sdk"] == "jpush" and line["status"] == 204
    assert line["hits"] == []  # no --profile: the live capture knows no values

    # The raw flows were kept beside the JSONL; the values a run's hooks reported find the IMSI in them.
    trace = tmp_path / "run.trace.jsonl"
    records = [
        {"type": "header", "schema": 1},
        {"type": "read", "data_type": "imsi", "value": "460001234567890"},
        {"type": "read", "data_type": "imei", "value_sha256": "ab" * 32},
    ]
    trace.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    again = tmp_path / "rescan.jsonl"
    res = CliRunner().invoke(main, ["rescan", str(out.with_suffix(".mitm")), "--trace", str(trace), "-o", str(again)])
    assert res.exit_code == 0, res.output
    (line,) = [json.loads(x) for x in again.read_text(encoding="utf-8").splitlines()]
    assert line["hits"] == [{"data_type": "imsi", "encoding": "raw", "where": "query:imsi"}]
    assert "values from the trace: imsi (1)" in res.stderr and "cannot be looked for: imei" in res.stderr


def test_rescan_input_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["rescan", str(tmp_path / "none.mitm"), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 2 and "--profile, --trace or both" in res.stderr
    res = runner.invoke(main, ["rescan", str(tmp_path / "none.mitm"), "--trace", "t", "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 2 and "no such flow file" in res.stderr
    notflows = tmp_path / "flows.mitm"
    notflows.write_text('{"not": "a flow file"}\n', encoding="utf-8")
    profile = tmp_path / "p.json"
    profile.write_text('{"imei": "867530912345678"}', encoding="utf-8")
    res = runner.invoke(main, ["rescan", str(notflows), "--profile", str(profile), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 2 and "not a mitmproxy flow file" in res.stderr, res.output


def test_proxy_refuses_an_unwritable_output_or_a_taken_port_before_starting(tmp_path: Path) -> None:
    # Both once started mitmdump: an output in a missing directory listened and dropped every flow; a taken
    # port printed mitmdump's start-up log and exited 1 (the "findings" code) with empty capture files left.
    missing = tmp_path / "no" / "such" / "dir" / "live.jsonl"
    result = CliRunner().invoke(main, ["proxy", "--port", str(free_port()), "-o", str(missing)])
    assert result.exit_code == 2 and "cannot write the capture" in result.output
    assert len(result.output.strip().splitlines()) == 1
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = tmp_path / "live.jsonl"
        result = CliRunner().invoke(main, ["proxy", "--port", str(port), "-o", str(out)])
    assert result.exit_code == 2 and f"port {port}" in result.output and "--port" in result.output
    assert len(result.output.strip().splitlines()) == 1
