"""appaudit/limits.py: bounded JSON/TOML, number validation, regular-file reads and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appaudit import limits
from appaudit.errors import InputError


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 5000 + "]" * 5000, "nested deeper than 100"),
        ("[" * 150 + "]" * 150, "nested deeper than 100"),
        ("9" * 5000, "5000 digits"),
        ('{"at": 1e999}', "not finite"),
        ('{"at": NaN}', "NaN is not a number"),
        ("[Infinity]", "Infinity is not a number"),
        ("{", "not a valid JSON"),
    ],
)
def test_bounded_json_refuses_in_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as e:
        limits.loads_json(text, "f.json")
    assert str(e.value).startswith("f.json: ") and "\n" not in str(e.value)


def test_bounded_json_keeps_valid_documents_and_replaces_lone_surrogates() -> None:
    assert limits.loads_json('{"a": [1, 2.5, "x", null, true]}', "f") == {"a": [1, 2.5, "x", None, True]}
    assert limits.loads_json('["\\ud83d\\ude00", "\\ud800x"]', "f") == ["😀", "\ufffdx"]
    assert limits.loads_json("[" * 100 + "]" * 100, "f") is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [("a = inf", "not finite"), ("a = nan", "not finite"), ("a = " + "[" * 5000 + "]" * 5000, "nested deeper"),
     ("a = 99999999999999999999", "over 1e\\+18"), ("a = " + "1" * 5000, "not a valid TOML"), ("a =", "not a valid")],
)
def test_bounded_toml_refuses_in_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        limits.loads_toml(text, "f.toml")


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", float("inf"), float("nan"), 10**400, 1e300, True, "x" * 100])
def test_bounded_float_rejects(value: object) -> None:
    assert limits.bounded_float(value) is None
    assert limits.bounded_float(10**5000) is None


def test_bounded_float_accepts() -> None:
    assert limits.bounded_float("1.5") == 1.5 and limits.bounded_float(3) == 3.0 and limits.bounded_float(-2.0) == -2.0


def test_read_regular_refuses_pipes_directories_and_devices(tmp_path: Path) -> None:
    fifo = tmp_path / "trace.jsonl"
    os.mkfifo(fifo)
    for path, kind in ((fifo, "a pipe"), (tmp_path, "a directory"), (Path("/dev/zero"), "a device or socket")):
        with pytest.raises(InputError, match=f"{kind}, not a regular file"):
            limits.read_regular(path, "trace")
    with pytest.raises(InputError, match="cannot read the trace"):
        limits.read_regular(tmp_path / "missing", "trace")


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.html"
    limits.atomic_write_text(out, "old")
    assert out.read_text() == "old" and oct(out.stat().st_mode & 0o777) != "0o600"

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        limits.atomic_write_text(out, "new " * 1000)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.html"]
    monkeypatch.undo()
    limits.atomic_write_text(out, "lone \ud800 surrogate")
    assert out.read_text() == "lone \\ud800 surrogate"


def test_atomic_write_to_a_device_or_fifo_writes_in_place(tmp_path: Path) -> None:
    # `-o /dev/stdout` renamed a temp file over the symlink: as root, /dev/stdout became a regular file for
    # every later process. Here a symlink to a FIFO stands for /dev/stdout -> /proc/self/fd/1.
    import stat
    import threading

    fifo, link = tmp_path / "pipe", tmp_path / "stdout"
    os.mkfifo(fifo)
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    limits.atomic_write_text(link, "report\n")
    reader.join(timeout=10)
    assert got == [b"report\n"]
    assert link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "stdout"]  # no temp file left


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target, link = tmp_path / "real.json", tmp_path / "latest.json"
    target.write_text("old")
    link.symlink_to(target)
    limits.atomic_write_text(link, "new")
    assert link.is_symlink() and target.read_text() == "new"
