"""appaudit/cli/static.py: `appaudit static APP`, its formats and its one-line errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from appaudit.cli import main


def test_json_to_file(demo_apk: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    r = CliRunner().invoke(main, ["static", str(demo_apk), "-o", str(out)])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["app"]["package"] == "com.t.app"
    assert {"app", "permissions", "sdks", "call_sites", "manifest"} <= set(doc["sections"]["static"])


@pytest.mark.parametrize("fmt", ["md", "html", "sarif"])
def test_other_formats_on_stdout(demo_apk: Path, fmt: str) -> None:
    r = CliRunner().invoke(main, ["static", str(demo_apk), "--format", fmt, "--no-progress"])
    assert r.exit_code == 0 and "com.t.app" in r.stdout


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.apk"
    bad.write_bytes(content)
    r = CliRunner().invoke(main, ["static", str(bad)])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "Traceback" not in r.output


def test_missing_file_exit_2(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["static", str(tmp_path / "none.apk")])
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_markdown_adds_the_static_summary(demo_apk: Path) -> None:
    r = CliRunner().invoke(main, ["static", str(demo_apk), "--format", "md"])
    assert r.exit_code == 0
    assert "## Static analysis: com.t.app 1.2.3" in r.stdout
    assert "| android.permission.READ_PHONE_STATE | dangerous |" in r.stdout
    assert "| umeng-analytics |" in r.stdout and "| imei | umeng-analytics | 1 | 1 |" in r.stdout
    assert "self-start receivers: com.t.app.BootReceiver" in r.stdout
