"""The live addon in a real mitmdump on loopback against hostile request bodies: an 841-byte-class brotli
bomb (1 GiB inflated) and a 1,100-deep JSON body. mitmdump's peak RSS stays far from the 2.2 GB the
bomb used to cost, and both flows are recorded with the IMEI of their query and header."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path

import hostile_corpus
import pytest
from network_e2e import free_port, wait_for_port

from appaudit.network.proxy import ProxyConfig, build_command

IMEI = hostile_corpus.IMEI


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def _post(port: int, path: str, headers: dict[str, str], body: bytes) -> bytes:
    head = "".join(f"{k}: {v}\r\n" for k, v in {**headers, "Content-Length": str(len(body))}.items())
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(f"POST http://track.example.com{path} HTTP/1.1\r\nHost: track.example.com\r\n{head}\r\n".encode()
                  + body)
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
    return reply.split(b"\r\n", 1)[0]


@pytest.mark.slow
def test_live_addon_survives_bombs_and_still_finds_the_imei(tmp_path: Path) -> None:
    out = tmp_path / "flows.jsonl"
    cfg = ProxyConfig(output=out, port=free_port(), profile=hostile_corpus.PROFILE, offline=True,
                      confdir=tmp_path / "conf")
    log = tmp_path / "mitmdump.log"
    bomb = hostile_corpus._zeros_compressed("br", 1 << 30)
    nested = b"[" * 1_100 + b'"\\u0041", "' + IMEI.encode() + b'"' + b"]" * 1_100
    with log.open("wb") as sink:
        proc = subprocess.Popen(build_command(cfg), stdout=sink, stderr=subprocess.STDOUT)
        try:
            # The addon creates its output file before mitmdump binds the port: wait for the listener itself.
            wait_for_port(cfg.port, proc, log, timeout=60)
            before = _peak_rss_mb(proc.pid)
            common = {"X-Device": IMEI}
            assert b"204" in _post(cfg.port, f"/br?imei={IMEI}", {**common, "Content-Encoding": "br"}, bomb)
            assert b"204" in _post(cfg.port, f"/deep?imei={IMEI}", {**common, "Content-Type": "application/json"},
                                   nested)
            deadline = time.monotonic() + 30
            while len(out.read_text().splitlines()) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            peak = _peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    lines = {json.loads(x)["url"].split("?")[0].rsplit("/", 1)[-1]: json.loads(x) for x in out.read_text().splitlines()}
    for name in ("br", "deep"):
        wheres = {h["where"] for h in lines[name]["hits"] if h["data_type"] == "imei"}
        assert {"query:imei", "header:x-device"} <= wheres, lines[name]
    assert lines["deep"]["scan_errors"] == 0 and any("json" in w for w in {h["where"] for h in lines["deep"]["hits"]})
    assert any("over 8388608 bytes" in n for n in lines["br"]["notes"])
    print(f"mitmdump peak RSS {before:.0f} MB idle -> {peak:.0f} MB after the bombs")
    # The body is cut at 8 MiB (+ at most ~2 brotli meta-blocks): tens of MB over the idle proxy, not 2 GB.
    assert peak - before < 200, f"mitmdump grew from {before:.0f} to {peak:.0f} MB"
