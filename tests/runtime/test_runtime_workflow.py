"""The README's device workflow end to end, with the local JVM backend standing in for the device.

`appaudit proxy` without --profile (a real mitmdump on 127.0.0.1, as a new user starts it), then
`appaudit run --proxy --ca-cert`, then `appaudit audit --trace T --flows F`: the identifiers the app sent
must come out as findings backed by NETWORK evidence. Before the --flows rescan this reported 0 findings,
because the proxy had no values to look for.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES, expected

from appaudit.cli import main

APP = "demo-network"
CLI = [sys.executable, "-c", "from appaudit.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start_proxy(tmp: Path, port: int) -> tuple[subprocess.Popen[bytes], Path]:
    """`appaudit proxy --offline -o live.jsonl` (no --profile) in the background; returns it and its stderr log."""
    log = tmp / "proxy.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [
                *CLI,
                "proxy",
                "--offline",
                "--port",
                str(port),
                "--confdir",
                str(tmp / "mitm"),
                "-o",
                str(tmp / "live.jsonl"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if (tmp / "mitm" / "mitmproxy-ca-cert.pem").is_file() and (tmp / "live.jsonl").is_file():
                    return proc, log
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"appaudit proxy did not start:\n{log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_readme_device_workflow_reports_the_identifiers_sent(tmp_path: Path) -> None:
    apk = SAMPLES / APP / f"{APP}.apk"
    port = _free_port()
    proc, log = _start_proxy(tmp_path, port)
    try:
        trace = tmp_path / "trace.jsonl"
        res = CliRunner().invoke(
            main,
            [
                "run",
                str(apk),
                "--backend",
                "hostjvm",
                "--consent-hook",
                expected(APP)["runtime"]["consent_hook"],
                "--proxy",
                f"127.0.0.1:{port}",
                "--ca-cert",
                str(tmp_path / "mitm" / "mitmproxy-ca-cert.pem"),
                "-o",
                str(trace),
            ],
        )
        assert res.exit_code == 0, res.output
    finally:
        _stop(proc)
    # The proxy without a profile said loudly that it looks for nothing and how to get a profile.
    said = log.read_text(errors="replace")
    assert "WARNING" in said and "appaudit profile --device" in said
    # The live capture alone finds nothing (the proxy had no values): the situation of the bug report.
    live = [json.loads(line) for line in (tmp_path / "live.jsonl").read_text().splitlines() if line.strip()]
    assert live and not any(f["hits"] for f in live)
    assert (tmp_path / "live.mitm").is_file()

    report_path = tmp_path / "report.json"
    res = CliRunner().invoke(
        main,
        [
            "audit",
            str(apk),
            "--trace",
            str(trace),
            "--flows",
            str(tmp_path / "live.jsonl"),
            "--work-dir",
            str(tmp_path / "out"),
            "-o",
            str(report_path),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "scanned again with the values of" in res.output  # the rescan is said on stderr
    report = json.loads(report_path.read_text())
    network = [e for e in report["evidence"] if e["source"] == "NETWORK" and e["data_type"]]
    sent = {(e["detail"]["host"], e["data_type"]) for e in network}
    for want in expected(APP)["network"]:
        assert (want["host"], want["data_type"]) in sent, (want, sent)
    # Findings that rest on the network evidence: a transfer of each identifier sent.
    backed = {
        e["data_type"]
        for f in report["findings"]
        for e in f["evidence"]
        if e["source"] == "NETWORK" and e["data_type"] is not None
    }
    assert {w["data_type"] for w in expected(APP)["network"]} <= backed
    assert "scanned again" in " ".join(report["sections"]["network"]["profile"]["notes"])
