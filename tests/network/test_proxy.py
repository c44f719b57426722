"""The mitmdump launcher, and the addon end to end through a real mitmdump on 127.0.0.1 (HTTP, HTTPS, offline)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import json
import ssl
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import brotli
import pytest
from network_e2e import LOOPBACK, Mitmdump, Origin, free_port, mitmdump, origin_server
from network_fixtures import PROFILE_DOC

from appaudit.network import proxy
from appaudit.network.addon import rescan
from appaudit.network.profile import parse_profile
from appaudit.network.proxy import ADDON, ProxyConfig, build_command, instructions

pytestmark = pytest.mark.slow


def test_run_sends_mitmdump_output_to_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: dict[str, Any] = {}

    class FakeMitmdump:
        stderr = None  # not piped: `appaudit proxy` runs in the foreground

        def __init__(self, cmd: list[str], **kwargs: Any) -> None:
            started.update(cmd=cmd, **kwargs)

        def wait(self, timeout: float | None = None) -> int:
            return 0

        def poll(self) -> int:
            return 0

    monkeypatch.setattr(proxy, "find_mitmdump", lambda: Path("/usr/bin/mitmdump"))
    monkeypatch.setattr(proxy.subprocess, "Popen", FakeMitmdump)
    assert proxy.run(ProxyConfig(output=tmp_path / "f.jsonl")) == 0
    assert started["stdout"] is sys.stderr  # stdout carries reports only


def test_capture_log_takes_mitmdumps_errors_and_names_its_last_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mitmdump's stderr goes to the log file, never to a pipe nobody reads (a long capture with many TLS errors
    would fill it and stall mitmdump); a start-up failure is one line quoting the log's last words."""
    script = "echo 'listening' ; for i in $(seq 3000); do echo 'TLS handshake failed: pinned' >&2; done; " \
             "echo 'Error: the addon failed to load' >&2; exit 3"
    monkeypatch.setattr(proxy, "build_command", lambda cfg: ["sh", "-c", script])
    log = tmp_path / "mitmdump.log"
    cfg = ProxyConfig(output=tmp_path / "f.jsonl", port=free_port())
    with (
        pytest.raises(proxy.ToolMissingError, match=r"mitmdump exited at start \(Error: the addon failed to load\)"),
        proxy.running(cfg, log=log, timeout=20),
    ):
        pass
    text = log.read_text(encoding="utf-8")
    assert text.count("TLS handshake failed") == 3000 and text.startswith("listening")


def test_command_listens_on_loopback_with_the_addon(tmp_path: Path) -> None:
    cfg = ProxyConfig(
        output=tmp_path / "f.jsonl",
        port=8123,
        profile=tmp_path / "p.json",
        first_party=("demo.example", "cdn.demo.example"),
        offline=True,
        confdir=tmp_path / "conf",
    )
    cmd = build_command(cfg, Path("/bin/mitmdump"))
    joined = " ".join(cmd)
    assert cmd[:5] == ["/bin/mitmdump", "--listen-host", "127.0.0.1", "--listen-port", "8123"]
    assert f"-s {ADDON}" in joined and "connection_strategy=lazy" in joined
    assert "appaudit_offline=true" in joined and f"appaudit_profile={tmp_path / 'p.json'}" in joined
    assert cmd.count("--set") == 7  # confdir, strategy, output, offline, profile, two first-party domains


def test_instructions_name_the_ca_and_the_routes(tmp_path: Path) -> None:
    cfg = ProxyConfig(output=tmp_path / "f.jsonl", port=8123, confdir=tmp_path / "conf")
    text = instructions(cfg)
    assert "adb reverse tcp:8123 tcp:8123" in text and "settings put global http_proxy 127.0.0.1:8123" in text
    assert str(tmp_path / "conf" / "mitmproxy-ca-cert.pem") in text and "subject_hash_old" in text


def _http(proxy: Mitmdump, method: str, url: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(LOOPBACK, proxy.port, timeout=20)
    try:
        conn.request(method, url, body or None, headers)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def _https(
    proxy: Mitmdump, host: str, port: int, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, bytes]:
    # The client trusts the CA mitmdump created in its confdir, as an emulator with the CA installed does.
    ctx = ssl.create_default_context(cafile=str(proxy.cfg.ca_cert))
    conn = http.client.HTTPSConnection(LOOPBACK, proxy.port, context=ctx, timeout=20)
    conn.set_tunnel(host, port)
    try:
        conn.request(method, path, body or None, headers)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def _lines(path: Path) -> dict[str, dict[str, Any]]:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return {line["url"].split("?")[0].rsplit("/", 1)[-1]: line for line in lines}


def _hits(line: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(h["data_type"], h["encoding"], h["where"]) for h in line["hits"]}


@pytest.fixture(scope="module")
def profile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("profile") / "profile.json"
    path.write_text(json.dumps(PROFILE_DOC, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def online(tmp_path_factory: pytest.TempPathFactory, profile_file: Path) -> Iterator[tuple[Mitmdump, Origin, Origin]]:
    d = tmp_path_factory.mktemp("online")
    cfg = ProxyConfig(
        output=d / "flows.jsonl",
        port=free_port(),
        profile=profile_file,
        confdir=d / "conf",
        # The origin's certificate is self-signed: mitmdump must accept it upstream.
        extra=("--set", "ssl_insecure=true"),
    )
    with origin_server() as plain, origin_server(d) as tls, mitmdump(cfg, d / "mitmdump.log") as proxy:
        yield proxy, plain, tls


def test_end_to_end_http_and_https(online: tuple[Mitmdump, Origin, Origin]) -> None:
    proxy, plain, tls = online
    base = f"http://{LOOPBACK}:{plain.port}"
    trace = {"X-Trace": uuid.uuid4().hex, "X-Request-Id": str(uuid.uuid4())}
    benign_json = json.dumps({"ts": 1763798400123, "nonce": hashlib.sha256(b"x").hexdigest(), "v": "3.2.1"}).encode()
    assert _http(proxy, "GET", f"{base}/benign1?ts=1763798400&rid={uuid.uuid4()}", trace) == (200, b"ok")
    assert _https(proxy, LOOPBACK, tls.port, "POST", "/benign2", trace, benign_json) == (200, b"ok")

    assert _http(proxy, "GET", f"{base}/c1?imei=867530912345678&ll=31.2304%2C121.4737", {})[0] == 200
    aid_md5 = hashlib.md5(b"9774d56d682e549c").hexdigest().upper()
    form = gzip.compress(f"aid={aid_md5}&apps=com.tencent.mm,com.sina.weibo,com.taobao.taobao".encode())
    form_headers = {"Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip"}
    assert _http(proxy, "POST", f"{base}/c2", form_headers, form)[0] == 200
    oaid = base64.urlsafe_b64encode(hashlib.sha256(PROFILE_DOC["oaid"].encode()).digest()).decode().rstrip("=")
    body = brotli.compress(json.dumps({"o": oaid, "p": "13812345678"}).encode())
    headers = {"Content-Type": "application/json", "Content-Encoding": "br", "Cookie": "sid=1; m=021A11F34B9C"}
    assert _https(proxy, LOOPBACK, tls.port, "POST", "/c3", headers, body)[0] == 200

    lines = _lines(proxy.cfg.output)
    assert lines["benign1"]["hits"] == [] and lines["benign2"]["hits"] == []
    assert _hits(lines["c1"]) == {("imei", "raw", "query:imei"), ("location_precise", "latlng", "query:ll")}
    assert _hits(lines["c2"]) == {
        ("android_id", "md5_upper", "form:aid (gzip)"),
        ("app_list", "package_names", "form:apps (gzip)"),
    }
    assert _hits(lines["c3"]) == {
        ("oaid", "base64url_sha256", "json:o (br)"),
        ("phone_number", "national", "json:p (br)"),
        ("mac", "mac_bare", "cookie:m"),
    }
    assert [lines[k]["tls"] for k in ("c1", "c2", "c3")] == [False, False, True]
    assert all(ln["host"] == LOOPBACK and ln["sdk"] is None and ln["party"] == "third" for ln in lines.values())
    # The addon observes; the origin receives exactly what the client sent.
    got = {r.path.split("?")[0]: r for r in plain.received + tls.received}
    assert got["/c2"].body == form and got["/c3"].body == body and got["/c3"].headers["Cookie"] == headers["Cookie"]
    assert "server connect" in proxy.log.read_text(errors="replace")  # upstream was dialled (control for offline)


def test_offline_answers_http_and_https_connect_without_upstream(tmp_path: Path, profile_file: Path) -> None:
    cfg = ProxyConfig(
        output=tmp_path / "flows.jsonl", port=free_port(), profile=profile_file, offline=True, confdir=tmp_path / "conf"
    )
    with mitmdump(cfg, tmp_path / "mitmdump.log") as proxy:
        # Neither host resolves here; any upstream attempt would fail the request instead of a 204.
        assert _http(proxy, "GET", "http://stats.jpush.cn/v3/report?imsi=460001234567890", {}) == (204, b"")
        body = json.dumps({"imei": "867530912345678"}).encode()
        headers = {"Content-Type": "application/json"}
        assert _https(proxy, "alog.umeng.com", 443, "POST", "/app/logs", headers, body) == (204, b"")
    lines = _lines(cfg.output)
    jpush, umeng = lines["report"], lines["logs"]
    assert (jpush["sdk"], jpush["tls"], jpush["status"], jpush["error"]) == ("jpush", False, 204, None)
    assert _hits(jpush) == {("imsi", "raw", "query:imsi")}
    assert (umeng["sdk"], umeng["tls"], umeng["status"], umeng["error"]) == ("umeng-analytics", True, 204, None)
    assert _hits(umeng) == {("imei", "raw", "json:imei")}
    assert "server connect" not in proxy.log.read_text(errors="replace")


def test_flow_file_option_appends_and_escapes_strftime(tmp_path: Path) -> None:
    cfg = ProxyConfig(output=tmp_path / "f.jsonl", flow_file=tmp_path / "100%" / "f.mitm")
    cmd = build_command(cfg, Path("/bin/mitmdump"))
    # "+" appends like the JSONL; mitmproxy runs the path through strftime, so "%" is doubled
    assert f"save_stream_file=+{tmp_path}/100%%/f.mitm" in cmd
    assert not any(c.startswith("save_stream_file") for c in build_command(replace(cfg, flow_file=None), Path("m")))
    assert "appaudit rescan" in instructions(cfg)


def test_saved_flows_are_scanned_again_with_values_learned_later(tmp_path: Path) -> None:
    """A real device's values are unknown while it runs: capture with no profile, rescan the flow file with them."""
    cfg = ProxyConfig(
        output=tmp_path / "flows.jsonl",
        flow_file=tmp_path / "flows.mitm",
        port=free_port(),
        offline=True,
        confdir=tmp_path / "conf",
    )
    with mitmdump(cfg, tmp_path / "mitmdump.log") as proxy_:
        assert _http(proxy_, "GET", "http://stats.jpush.cn/v3/report?imsi=460001234567890", {}) == (204, b"")
        body = json.dumps({"d": hashlib.md5(b"867530912345678").hexdigest()}).encode()
        headers = {"Content-Type": "application/json"}
        assert _https(proxy_, "alog.umeng.com", 443, "POST", "/app/logs", headers, body) == (204, b"")
        assert _http(proxy_, "GET", f"http://stats.jpush.cn/v3/benign?rid={uuid.uuid4()}", {}) == (204, b"")
    live = _lines(cfg.output)
    assert set(live) == {"report", "logs", "benign"} and all(ln["hits"] == [] for ln in live.values())

    learned = parse_profile({"imsi": "460001234567890", "imei": "867530912345678"})
    out = tmp_path / "rescan.jsonl"
    result = rescan(cfg.flow_file, learned, out, first_party=["umeng.com"])
    assert (result.flows, result.flows_with_hits, result.notes) == (3, 2, ())
    again = _lines(out)
    assert _hits(again["report"]) == {("imsi", "raw", "query:imsi")}
    assert _hits(again["logs"]) == {("imei", "md5", "json:d")}
    assert again["benign"]["hits"] == []
    # the rest of each line is what the live addon wrote (party from the rescan's own first-party list)
    for key in ("time", "method", "url", "host", "sdk", "tls", "status", "offline"):
        assert [again[k][key] for k in sorted(again)] == [live[k][key] for k in sorted(live)], key
    assert (again["logs"]["party"], again["report"]["party"]) == ("first", "third")
