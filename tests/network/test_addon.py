"""The mitmproxy addon through mitmproxy's own test helpers (taddons context, tflow flows)."""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from mitmproxy import exceptions, http, websocket
from mitmproxy.test import taddons, tflow, tutils
from network_fixtures import PROFILE_DOC
from wsproto.frame_protocol import Opcode

from appaudit.hosts import host_in
from appaudit.network.addon import AppAudit


@pytest.fixture()
def profile_path(tmp_path: Path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(PROFILE_DOC, ensure_ascii=False), encoding="utf-8")
    return path


def _flow(
    host: str, path: bytes, *, scheme: bytes = b"http", headers: tuple[tuple[bytes, bytes], ...] = (), body: bytes = b""
) -> http.HTTPFlow:
    req = tutils.treq(
        host=host,
        port=443 if scheme == b"https" else 80,
        scheme=scheme,
        method=b"POST" if body else b"GET",
        path=path,
        headers=http.Headers(((b"host", host.encode()), *headers)),
        content=body,
    )
    return tflow.tflow(req=req)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_flows_become_jsonl_lines(tmp_path: Path, profile_path: Path) -> None:
    out = tmp_path / "cap" / "flows.jsonl"
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(
            addon, appaudit_profile=str(profile_path), appaudit_output=str(out), appaudit_first_party=["demo.example"]
        )
        sdk = _flow(
            "alog.umeng.com",
            b"/app/logs",
            scheme=b"https",
            headers=((b"content-type", b"application/json"), (b"content-encoding", b"gzip")),
            body=gzip.compress(json.dumps({"imei": "867530912345678", "mac": "021A11F34B9C"}).encode()),
        )
        own = _flow("api.demo.example", b"/login?aid=9774d56d682e549c")
        other = _flow("cdn.elsewhere.example", b"/img.png?t=1763798400123")
        for f in (sdk, own, other):
            f.response = tutils.tresp()
            asyncio.run(tctx.cycle(addon, f))
        # Flushed per flow: readable while the proxy still runs.
        lines = _lines(out)
    assert [ln["host"] for ln in lines] == ["alog.umeng.com", "api.demo.example", "cdn.elsewhere.example"]
    first = lines[0]
    assert first["sdk"] == "umeng-analytics" and first["party"] == "third" and first["tls"] is True
    assert first["method"] == "POST" and first["url"] == "https://alog.umeng.com/app/logs"
    assert first["hits"] == [
        {"data_type": "imei", "encoding": "raw", "where": "json:imei (gzip)"},
        {"data_type": "mac", "encoding": "mac_bare", "where": "json:mac (gzip)"},
    ]
    assert first["time"] == sdk.request.timestamp_start and first["status"] == 200
    assert lines[1]["party"] == "first" and lines[1]["sdk"] is None and lines[1]["tls"] is False
    assert lines[1]["hits"] == [{"data_type": "android_id", "encoding": "raw", "where": "query:aid"}]
    assert lines[2]["party"] == "third" and lines[2]["sdk"] is None and lines[2]["hits"] == []


def test_offline_answers_locally(tmp_path: Path, profile_path: Path) -> None:
    out = tmp_path / "flows.jsonl"
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile=str(profile_path), appaudit_output=str(out), appaudit_offline=True)
        f = _flow("stats.jpush.cn", b"/v3/report?imsi=460001234567890")
        asyncio.run(tctx.cycle(addon, f))
    assert f.response is not None and f.response.status_code == 204
    (line,) = _lines(out)
    assert line["sdk"] == "jpush" and line["status"] == 204 and line["offline"] is True
    assert line["hits"] == [{"data_type": "imsi", "encoding": "raw", "where": "query:imsi"}]


def test_errors_are_recorded_once(tmp_path: Path, profile_path: Path) -> None:
    out = tmp_path / "flows.jsonl"
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile=str(profile_path), appaudit_output=str(out))
        f = _flow("stats.jpush.cn", b"/x?sn=R58M4321ABC")
        addon.request(f)
        f.error = tflow.terr("connection refused")
        addon.error(f)
        addon.error(f)  # a second event for the same flow does not duplicate the line
    (line,) = _lines(out)
    assert line["error"] == "connection refused" and line["status"] is None
    assert line["hits"] == [{"data_type": "serial", "encoding": "raw", "where": "query:sn"}]


def test_an_addon_failure_never_blocks_the_flow(
    tmp_path: Path, profile_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "flows.jsonl"
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile=str(profile_path), appaudit_output=str(out), appaudit_offline=True)

        def boom(*_: object) -> None:
            raise RuntimeError("matcher bug")

        monkeypatch.setattr(addon.matcher, "scan", boom)
        f = _flow("alog.umeng.com", b"/x")
        asyncio.run(tctx.cycle(addon, f))
        monkeypatch.setattr(addon, "record", boom)
        g = _flow("alog.umeng.com", b"/y")
        asyncio.run(tctx.cycle(addon, g))
    assert f.response is not None and f.response.status_code == 204 and f.error is None
    assert g.response is not None and g.response.status_code == 204
    first, second = _lines(out)  # the second flow's record failed to build: a minimal line is kept
    assert "scan error" in first["notes"][0] and first["hits"] == [] and first["scan_errors"] == 1
    assert second["host"] == "alog.umeng.com" and "record failed" in second["notes"][0]
    assert addon.errors == 3


def test_bad_options_stop_startup_with_a_clear_message(tmp_path: Path) -> None:
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        with pytest.raises(exceptions.OptionsError, match="cannot read the device profile"):
            tctx.configure(addon, appaudit_profile=str(tmp_path / "missing.json"))
        (tmp_path / "dir.jsonl").mkdir()
        with pytest.raises(exceptions.OptionsError, match="cannot write the capture"):
            tctx.configure(addon, appaudit_output=str(tmp_path / "dir.jsonl"))


def test_without_output_flows_are_still_counted() -> None:
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon)
        f = _flow("example.org", b"/")
        f.response = tutils.tresp()
        asyncio.run(tctx.cycle(addon, f))
    assert addon.flows == 1


def test_websocket_messages_from_the_client(tmp_path: Path, profile_path: Path) -> None:
    out = tmp_path / "flows.jsonl"
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile=str(profile_path), appaudit_output=str(out))
        f = tflow.twebsocketflow(messages=False)
        assert f.websocket is not None
        addon.request(f)
        addon.response(f)
        for from_client, content in (
            (True, b'{"op":"hello","oaid":"8f3c2a1e-6b7d-4e2f-9a10-5c4d3b2a1f0e"}'),
            (False, b'{"echo":"867530912345678"}'),  # server to client: not data leaving the device
            (True, b"\xff\x00binary frame"),
        ):
            f.websocket.messages.append(websocket.WebSocketMessage(Opcode.TEXT, from_client, content))
            addon.websocket_message(f)
        addon.websocket_end(f)
    upgrade, ws = _lines(out)
    assert upgrade["status"] == 101 and upgrade["hits"] == []
    assert ws["method"] == "WEBSOCKET" and ws["notes"] == ["websocket: 2 client messages scanned"]
    assert ws["hits"] == [{"data_type": "oaid", "encoding": "raw", "where": "websocket"}]


def test_an_ip_destination_is_named_by_sni(tmp_path: Path) -> None:
    out = tmp_path / "flows.jsonl"
    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_output=str(out))
        f = _flow("10.0.2.2", b"/x", scheme=b"https")
        f.client_conn.sni = "alog.umeng.com"  # transparent mode: the address is all the request shows
        f.response = tutils.tresp()
        asyncio.run(tctx.cycle(addon, f))
    (line,) = _lines(out)
    assert line["host"] == "alog.umeng.com" and line["sdk"] == "umeng-analytics"
    assert line["url"].startswith("https://10.0.2.2")


def test_host_in_respects_label_boundaries() -> None:
    assert host_in("api.demo.example", ["demo.example"])
    assert host_in("DEMO.example.", [".demo.example"])
    assert not host_in("evildemo.example", ["demo.example"])
    assert not host_in("demo.example", [""])


def test_flows_the_addon_touched_can_be_saved_to_a_flow_file(tmp_path: Path, profile_path: Path) -> None:
    """mitmproxy's save_stream_file stores flow.metadata: what the addon keeps there must serialise."""
    from mitmproxy import io as mio

    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile=str(profile_path), appaudit_offline=True)
        flow = _flow("stats.jpush.cn", b"/v3/report?imsi=460001234567890")
        asyncio.run(tctx.cycle(addon, flow))
    saved = tmp_path / "flows.mitm"
    with saved.open("wb") as f:
        mio.FlowWriter(f).add(flow)  # raised "unserializable object: Scan(...)" before
    with saved.open("rb") as f:
        (back,) = list(mio.FlowReader(f).stream())
    assert back.metadata["appaudit"]["hits"] == [{"data_type": "imsi", "encoding": "raw", "where": "query:imsi"}]
    assert back.metadata["appaudit.offline"] is True


def test_a_hit_in_a_non_utf8_header_name_still_saves(tmp_path: Path, profile_path: Path) -> None:
    from mitmproxy import io as mio

    addon = AppAudit()
    with taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile=str(profile_path))
        flow = _flow("stats.jpush.cn", b"/v3", headers=((b"x-\xff-id", b"460001234567890"),))
        flow.response = tutils.tresp()
        asyncio.run(tctx.cycle(addon, flow))
    with (tmp_path / "f.mitm").open("wb") as f:
        mio.FlowWriter(f).add(flow)
    assert flow.metadata["appaudit"]["hits"] == [
        {"data_type": "imsi", "encoding": "raw", "where": "header:x-\ufffd-id"}
    ]


def test_without_a_profile_the_addon_says_it_looks_for_nothing_live(caplog: pytest.LogCaptureFixture) -> None:
    addon = AppAudit()
    with caplog.at_level("INFO"), taddons.context(addon) as tctx:
        tctx.configure(addon, appaudit_profile="")
    assert "no device profile" in caplog.text and "None" not in caplog.text
