from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from appaudit import __version__, ontology
from appaudit.cli import main
from appaudit.cli.base import fail
from appaudit.errors import InputError


def test_version_and_help() -> None:
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output
    # where each bundled data set is read from (a checkout here; "wheel" in an installed wheel)
    assert "sdk_signatures:" in r.output and "(checkout)" in r.output and "hooks:" in r.output
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


def test_unwritable_output_is_one_line_and_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = CliRunner().invoke(main, ["datatypes", "-o", str(blocker / "dt.txt")])
    assert r.exit_code == 2, r.output
    assert "cannot write" in r.output and len(r.output.strip().splitlines()) == 1


def test_every_printing_command_takes_format_and_output() -> None:
    for cmd in (["datatypes"], ["flows"], ["gate"], ["policy"], ["audit"], ["static"], ["trace"]):
        r = CliRunner().invoke(main, [*cmd, "--help"])
        assert r.exit_code == 0 and "--format" in r.output and "--output" in r.output, cmd


def test_an_error_message_is_printed_on_one_line(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        fail(InputError("p.pdf: not a readable PDF (PdfReadError: bad xref\nat 12); pass the policy as HTML or text"))
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "appaudit: error: p.pdf: not a readable PDF (PdfReadError: bad xref at 12); pass the policy as HTML or text\n"
    )
