"""Loading a capture: NETWORK evidence per hit, the "network" section, and damaged captures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from appaudit.errors import InputError
from appaudit.model import Source
from appaudit.network.capture import load_flows

T0 = 1795335000.0


def _line(**over: Any) -> str:
    base: dict[str, Any] = {
        "time": T0 + 2.5,
        "method": "POST",
        "url": "https://alog.umeng.com/app/logs?imei=867530912345678",
        "host": "alog.umeng.com",
        "sdk": "umeng-analytics",
        "party": "third",
        "tls": True,
        "status": 204,
        "offline": True,
        "error": None,
        "hits": [
            {"data_type": "imei", "encoding": "raw", "where": "query:imei"},
            {"data_type": "oaid", "encoding": "md5", "where": "json:o"},
        ],
        "notes": [],
    }
    base.update(over)
    return json.dumps(base)


def _write(tmp_path: Path, *lines: str, end: str = "\n") -> Path:
    path = tmp_path / "flows.jsonl"
    path.write_text("\n".join(lines) + end, encoding="utf-8")
    return path


def test_evidence_per_hit(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _line(),
        _line(time=T0 + 4, url="http://stats.jpush.cn/v3", host="stats.jpush.cn", sdk="jpush", tls=False, hits=[]),
        _line(
            time=T0 + 5, url="http://api.demo.example/x", host="api.demo.example", sdk=None, party="first", tls=False
        ),
        _line(time=T0 + 6, url="http://t.unknown.example/x", host="t.unknown.example", sdk=None),
    )
    report = load_flows(path, start=T0)
    ev = [e for e in report.evidence if e.detail["host"] == "alog.umeng.com"]
    assert [(e.data_type, e.actor, e.at) for e in ev] == [
        ("imei", "umeng-analytics", 2.5),
        ("oaid", "umeng-analytics", 2.5),
    ]
    imei = ev[0]
    assert imei.source is Source.NETWORK and imei.phase is None
    assert imei.locator == "POST https://alog.umeng.com/app/logs"  # the query (with the identifier) left out
    assert imei.detail["kind"] == "transfer" and imei.detail["time"] == T0 + 2.5
    assert imei.detail["encoding"] == "raw" and imei.detail["where"] == "query:imei" and imei.detail["tls"] is True
    assert {e.actor for e in report.evidence} == {"umeng-analytics", "app", "unknown"}
    net = report.sections["network"]
    assert net["flows"] == 4 and net["flows_with_hits"] == 3 and net["transfers"] == 6
    assert net["data_types"] == ["imei", "oaid"]
    jpush = next(h for h in net["hosts"] if h["host"] == "stats.jpush.cn")
    assert jpush == {
        "host": "stats.jpush.cn",
        "sdk": "jpush",
        "party": "third",
        "flows": 1,
        "cleartext_flows": 1,
        "data_types": {},
    }


def test_without_start_at_is_none(tmp_path: Path) -> None:
    report = load_flows(_write(tmp_path, _line()))
    assert all(e.at is None for e in report.evidence)
    assert report.to_dict()["sections"]["network"]["start"] is None


def test_truncated_last_line_is_dropped(tmp_path: Path) -> None:
    whole = _line()
    path = _write(tmp_path, whole, whole[: len(whole) // 2], end="")
    report = load_flows(path)
    net = report.sections["network"]
    assert net["flows"] == 1 and net["truncated_lines"] == 1 and net["bad_lines"] == 0


def test_damaged_lines_are_counted_not_fatal(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _line(),
        "{garbage",
        json.dumps({"url": 3}),
        _line(hits=[{"data_type": "not_a_type", "encoding": "raw", "where": "x"}, "junk"]),
        _line(time="yesterday"),
    )
    net = load_flows(path).sections["network"]
    assert net["flows"] == 3 and net["bad_lines"] == 2 and net["unknown_data_types"] == 1


def test_not_a_capture(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no flow lines"):
        load_flows(_write(tmp_path, "hello", "world"))
    with pytest.raises(InputError, match="cannot read the capture"):
        load_flows(tmp_path / "missing.jsonl")


def test_empty_capture_is_an_empty_section(tmp_path: Path) -> None:
    net = load_flows(_write(tmp_path, "", end="")).sections["network"]
    assert net["flows"] == 0 and net["hosts"] == []


def test_flows_with_hits_counts_flows_not_distinct_urls(tmp_path: Path) -> None:
    # Two beacons to one URL in the same clock tick, and two without a timestamp, are four flows with hits.
    path = _write(tmp_path, _line(), _line(), _line(time=None), _line(time=None))
    net = load_flows(path).sections["network"]
    assert net["flows"] == 4 and net["flows_with_hits"] == 4 and net["transfers"] == 8


def test_the_report_names_the_tool_version(tmp_path: Path) -> None:
    from appaudit import __version__

    assert load_flows(_write(tmp_path, _line())).tool_version == __version__


def test_flows_with_scan_errors_are_counted(tmp_path: Path) -> None:
    # The addon marks a flow whose parts could not be scanned normally; the capture section counts them
    # (a degraded network source) and hostile lines (100k deep, 5,000 digits, 1e999) are bad lines.
    ok = {"time": 1.0, "method": "GET", "url": "https://a.example/x", "host": "a.example", "hits": []}
    lines = [
        json.dumps({**ok, "scan_errors": 1, "notes": ["scan error: body RuntimeError: x; scanned as text"]}),
        json.dumps(ok),
        "[" * 100_000 + "]" * 100_000,
        '{"time": ' + "1" * 5_000 + ', "url": "u", "host": "h"}',
        '{"time": 1e999, "url": "u", "host": "h"}',
    ]
    f = tmp_path / "flows.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    section = load_flows(f).sections["network"]
    assert (section["flows"], section["scan_errors"], section["bad_lines"]) == (2, 1, 3)
