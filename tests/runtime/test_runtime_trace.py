"""appaudit.runtime.trace: JSONL writing, tolerant loading, evidence, phases and counts per window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appaudit.errors import InputError
from appaudit.model import Phase, Source
from appaudit.runtime.session import Recorder, ValueMode
from appaudit.runtime.trace import TraceWriter, hash_value, load_trace
from appaudit.signatures import load as load_signatures
from appaudit.static.sdks import FirstParty

STACK_UMENG = ["com.umeng.analytics.pro.LogSender.send(Unknown Source)", "com.x.app.Main.run(Unknown Source)"]


def _write(path: Path, events: list[dict[str, object]], *, close: bool = True, mode: ValueMode = ValueMode.RAW) -> Path:
    writer = TraceWriter(path, {"backend": "hostjvm", "package": "com.x.app", "settings": {"window_s": 10.0}})
    rec = Recorder(writer, load_signatures(), FirstParty(own=("com.x.app",)), mode)
    for ev in events:
        rec.on_event(dict(ev))
    if close:
        writer.close("test")
    return path


def _read(at: float, value: str = "867530912345678", stack: list[str] = STACK_UMENG) -> dict[str, object]:
    return {
        "v": 1,
        "ev": "read",
        "t": at,
        "data_type": "imei",
        "api": "TelephonyManager.getDeviceId()",
        "kind": "method",
        "value": value,
        "stack": stack,
        "thread": "main",
    }


def test_phases_foreground_and_counts(tmp_path: Path) -> None:
    events = [
        _read(0.5),
        {"v": 1, "ev": "lifecycle", "t": 1.0, "state": "foreground", "activity": "com.x.app.Main"},
        _read(2.0, stack=["com.x.app.Main.onCreate(Main.java:3)"]),
        {"v": 1, "ev": "consent", "t": 3.0, "method": "hook", "target": "com.x.app.PrivacyDialog.onAgree", "stack": []},
        {"v": 1, "ev": "lifecycle", "t": 4.0, "state": "background", "activity": "com.x.app.Main"},
        _read(12.0),
        _read(13.0),
        {"v": 1, "ev": "consent", "t": 20.0, "method": "manual", "target": "appaudit mark", "stack": []},
    ]
    report = load_trace(_write(tmp_path / "t.jsonl", events))
    reads = [e for e in report.evidence if e.detail.get("kind") == "read"]
    assert [(e.at, e.actor, e.phase, e.detail["foreground"]) for e in reads] == [
        (0.5, "umeng-analytics", Phase.PRE_CONSENT, False),
        (2.0, "app", Phase.PRE_CONSENT, True),
        (12.0, "umeng-analytics", Phase.POST_CONSENT, False),
        (13.0, "umeng-analytics", Phase.POST_CONSENT, False),
    ]
    assert all(e.source is Source.RUNTIME and e.locator == "TelephonyManager.getDeviceId()" for e in reads)
    section = report.sections["runtime"]
    # The first consent event is the consent point; the trace says how it was detected.
    assert section["consent"] == {"at": 3.0, "method": "hook", "target": "com.x.app.PrivacyDialog.onAgree"}
    counts = {(c["data_type"], c["actor"]): c for c in section["counts"]}
    umeng = counts[("imei", "umeng-analytics")]
    assert (umeng["total"], umeng["pre_consent"], umeng["post_consent"], umeng["background"]) == (3, 1, 2, 3)
    assert umeng["windows"] == [{"start": 0.0, "count": 1}, {"start": 10.0, "count": 2}]
    assert umeng["max_per_window"] == 2
    assert section["complete"] is True
    consents = [e for e in report.evidence if e.detail.get("kind") == "consent"]
    assert [e.detail["method"] for e in consents] == ["hook", "manual"]


def test_sha256_values(tmp_path: Path) -> None:
    report = load_trace(_write(tmp_path / "t.jsonl", [_read(0.1)], mode=ValueMode.SHA256))
    [e] = [e for e in report.evidence if e.detail.get("kind") == "read"]
    assert "value" not in e.detail
    assert e.detail["value_sha256"] == hash_value("867530912345678")
    assert "867530912345678" not in (tmp_path / "t.jsonl").read_text(encoding="utf-8")


def test_truncated_last_line_and_missing_end(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.jsonl", [_read(0.1), _read(0.2)], close=False)
    with path.open("a", encoding="utf-8") as f:
        f.write('{"type": "read", "at": 0.3, "data_ty')  # the process died mid-write
    report = load_trace(path)
    section = report.sections["runtime"]
    assert len([e for e in report.evidence if e.detail.get("kind") == "read"]) == 2
    assert section["complete"] is False
    assert section["damaged_lines_skipped"] is True
    assert "without an end record" in section["ended"]
    assert section["consent"] is None  # never consented: every read is pre-consent
    assert all(e.phase is Phase.PRE_CONSENT for e in report.evidence)


@pytest.mark.parametrize(
    "content",
    [b"", b"not json\n", b'{"type": "read"}\n', b'{"type": "header", "schema": 99}\n', b"\xff\xfe\x00garbage"],
)
def test_bad_traces_are_input_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError):
        load_trace(path)


def test_hostile_records_do_not_crash(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.jsonl", [_read(0.1)])
    with path.open("a", encoding="utf-8") as f:
        for rec in (
            [1, 2],
            {"type": "read", "data_type": None},
            {"type": "read", "data_type": "imei", "at": "x", "stack": "not a list"},
            {"type": "consent", "at": None},
            {"type": "permission_request"},
        ):
            f.write(json.dumps(rec) + "\n")
    report = load_trace(path)
    assert report.sections["runtime"]["reads"] == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_trace(tmp_path / "nope.jsonl")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputError):
        TraceWriter(blocker / "trace.jsonl", {})


@pytest.mark.parametrize(
    ("namespaces", "actors"),
    [
        # The recorded namespaces: code in the package of another of the app's components is the app's.
        ({"own": ["com.umeng.demo", "com.umeng.demo2"], "extra": []}, ["app", "app", "umeng-analytics"]),
        # Missing or malformed (the header is untrusted): the package alone; a vendor prefix over it still yields
        # to it, as in a static scan.
        (None, ["app", "unknown", "umeng-analytics"]),
        ({"own": "com.umeng.demo", "extra": [1, None]}, ["app", "unknown", "umeng-analytics"]),
        ({"own": [7, "x" * 500]}, ["app", "unknown", "umeng-analytics"]),
    ],
)
def test_reading_a_trace_attributes_with_its_recorded_namespaces(
    tmp_path: Path, namespaces: object, actors: list[str]
) -> None:
    header: dict[str, object] = {"backend": "hostjvm", "package": "com.umeng.demo"}
    if namespaces is not None:
        header["app_namespaces"] = namespaces
    writer = TraceWriter(tmp_path / "t.jsonl", header)
    # The recorder's own actor is not what is checked: reading the trace attributes each read again.
    rec = Recorder(writer, load_signatures(), FirstParty(), ValueMode.RAW)
    for i, cls in enumerate(("com.umeng.demo.Main", "com.umeng.demo2.Extra", "com.umeng.analytics.pro.X")):
        rec.on_event(_read(float(i), stack=[f"{cls}.run(Unknown Source)"]))
    writer.close("test")
    reads = [e for e in load_trace(tmp_path / "t.jsonl").evidence if e.detail.get("kind") == "read"]
    assert [e.actor for e in reads] == actors
