from __future__ import annotations

import json

from click.testing import CliRunner

from appaudit import __version__, ontology
from appaudit.cli import main


def test_version_and_help() -> None:
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output
    r = CliRunner().invoke(main, ["--help"])
    assert r.exit_code == 0 and "datatypes" in r.output


def test_datatypes_json_lists_every_type(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dt.json"
    r = CliRunner().invoke(main, ["datatypes", "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    ids = [d["id"] for d in json.loads(out.read_text())["datatypes"]]
    assert ids == list(ontology.load())


def test_datatypes_table_mentions_chinese_words() -> None:
    r = CliRunner().invoke(main, ["datatypes"])
    assert r.exit_code == 0 and "imei" in r.output and "设备识别码" in r.output
