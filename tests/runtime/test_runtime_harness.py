"""The hostjvm harness's entry-point records: parsed from its output into `harness` trace records."""

from __future__ import annotations

import json
from pathlib import Path

from appaudit.runtime.session import HARNESS_EVENT_PREFIX, Recorder, ValueMode
from appaudit.runtime.trace import TraceWriter
from appaudit.static.sdks import FirstParty


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_entry_records_survive_split_output_and_noise(tmp_path: Path) -> None:
    out = tmp_path / "t.jsonl"
    writer = TraceWriter(out, {"backend": "hostjvm"})
    rec = Recorder(writer, None, FirstParty(own=("com.x",)), ValueMode.RAW)
    ok = HARNESS_EVENT_PREFIX + json.dumps({"entry": "Application.onCreate com.x.App", "ok": True})
    bad = HARNESS_EVENT_PREFIX + json.dumps({"entry": "Activity.onCreate com.x.Main", "ok": False, "error": "NPE"})
    blob = f"D/tag: hello\n{ok}\n{bad}\n{HARNESS_EVENT_PREFIX}{{not json\n".encode()
    for i in range(0, len(blob), 7):  # output arrives in arbitrary chunks
        rec.on_output(1, blob[i : i + 7])
    writer.close("done")
    recs = [r for r in _lines(out) if r["type"] == "harness"]
    assert [(r["entry"], r["ok"]) for r in recs] == [
        ("Application.onCreate com.x.App", True),
        ("Activity.onCreate com.x.Main", False),
    ]
    assert recs[1]["error"] == "NPE"
    assert rec.app_code_ran and rec.harness_failures == [{"entry": "Activity.onCreate com.x.Main", "error": "NPE"}]


def test_no_successful_entry_means_no_app_code(tmp_path: Path) -> None:
    writer = TraceWriter(tmp_path / "t.jsonl", {"backend": "hostjvm"})
    rec = Recorder(writer, None, FirstParty(own=("com.x",)), ValueMode.RAW)
    line = HARNESS_EVENT_PREFIX + json.dumps({"entry": "new Application com.x.App", "ok": False, "error": "CNFE"})
    rec.on_output(2, (line + "\n").encode())
    writer.close("done")
    assert not rec.app_code_ran and rec.harness_entries == 1


def test_hostile_harness_lines_from_the_app_are_ignored(tmp_path: Path) -> None:
    # The app shares the harness's stdout: a forged prefix with deep nesting or huge numbers is not a record.
    writer = TraceWriter(tmp_path / "t.jsonl", {"backend": "hostjvm"})
    rec = Recorder(writer, None, FirstParty(own=("com.x",)), ValueMode.RAW)
    for payload in ("[" * 1999 + "]" * 1999, '{"entry": "x", "ok": ' + "9" * 3000 + "}", '{"entry": "x", "ok": NaN}'):
        rec.on_output(1, (HARNESS_EVENT_PREFIX + payload + "\n").encode())
    writer.close("done")
    assert rec.harness_entries == 0 and not rec.app_code_ran


def test_a_run_is_finished_only_when_the_harness_says_so_last(tmp_path: Path) -> None:
    from appaudit.runtime.session import HARNESS_FINISHED, _unfinished

    writer = TraceWriter(tmp_path / "t.jsonl", {"backend": "hostjvm"})
    rec = Recorder(writer, None, FirstParty(own=("com.x",)), ValueMode.RAW)

    def line(entry: str) -> bytes:
        return (HARNESS_EVENT_PREFIX + json.dumps({"entry": entry, "ok": True}) + "\n").encode()

    rec.on_output(1, line(HARNESS_FINISHED))  # printed early (by the app: it shares stdout) ...
    rec.on_output(1, line("Application.onCreate com.x.App"))  # ... and entry points ran after it
    assert not rec.harness_finished and rec.harness_entries == 1
    rec.on_output(1, line(HARNESS_FINISHED))
    assert rec.harness_finished and rec.harness_entries == 1  # the marker is no entry point
    # An app thread failing while the harness lingers (Firebase's executors) is recorded, and the run stays finished.
    rec.on_output(1, line("thread firebase-installations-executor-1"))
    assert rec.harness_finished and rec.harness_entries == 2
    # A JVM crash is named by its signal and frame, from HotSpot's report in the output.
    crash = (
        "#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n#  SIGSEGV (0xb) at pc=0x0, pid=1\n"
        "# Problematic frame:\n# j  com.x.ui.Wheel.<init>(Landroid/content/Context;)V+174\n"
    )
    rec.on_output(2, crash.encode())
    assert _unfinished("target ended (process-terminated)", rec) == (
        "the harness stopped before its last entry point (the JVM crashed: SIGSEGV (0xb) in com.x.ui.Wheel.<init>); "
        "later screens, services and receivers did not run"
    )
    writer.close("done")
