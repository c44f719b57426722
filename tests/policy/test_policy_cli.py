"""`appaudit policy`: json and md output, -o, exit 2 with a one-line message on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from appaudit.cli import main

OPENNOTE = "YangDai2003__OpenNote-Compose__PRIVACY_POLICY@7dabe4c.md"


def test_json_to_file(tmp_path: Path, policies_dir: Path) -> None:
    out = tmp_path / "out" / "policy.json"
    r = CliRunner().invoke(main, ["policy", str(policies_dir / OPENNOTE), "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    section = data["sections"]["policy"]
    assert set(section["declared_permissions"]) == {
        "android.permission.USE_BIOMETRIC",
        "android.permission.CAMERA",
        "android.permission.INTERNET",
    }
    assert [row["name"] for row in section["sdk_rows"]] == ["Firebase"]
    assert data["generated_at"] and all(e["source"] == "POLICY" for e in data["evidence"])


def test_markdown_stdout_several_files(policies_dir: Path) -> None:
    files = [str(p) for p in sorted(policies_dir.glob("kirohuji__hope-front__jiamai_*.md"))]
    r = CliRunner().invoke(main, ["policy", *files, "--format", "md"])
    assert r.exit_code == 0, r.output
    assert "# Privacy policy analysis" in r.output and "极光推送SDK" in r.output


def test_input_errors_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "policy.html"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    for bad in (binary, tmp_path / "missing.txt"):
        r = CliRunner().invoke(main, ["policy", str(bad)])
        assert r.exit_code == 2
        lines = [ln for ln in r.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("appaudit: error: ") and bad.name in lines[0]


def test_no_files_is_a_usage_error() -> None:
    r = CliRunner().invoke(main, ["policy"])
    assert r.exit_code == 2


def test_unwritable_output_exits_2(tmp_path: Path, policies_dir: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    r = CliRunner().invoke(main, ["policy", str(policies_dir / OPENNOTE), "-o", str(blocker / "out.json")])
    assert r.exit_code == 2 and "cannot write" in r.output


def test_one_unreadable_file_of_a_set_is_a_note_not_an_exit(tmp_path: Path, policies_dir: Path) -> None:
    bad = tmp_path / "sdk-list.html"
    bad.write_bytes(b"PK\x03\x04" + bytes(2000))
    r = CliRunner().invoke(main, ["policy", str(policies_dir / OPENNOTE), str(bad)])
    assert r.exit_code == 0, r.output
    section = json.loads(r.output)["sections"]["policy"]
    assert [n for n in section["notes"] if "sdk-list.html" in n] and section["files"]["sdk-list.html"] == "unreadable"
    assert [row["name"] for row in section["sdk_rows"]] == ["Firebase"]
    r = CliRunner().invoke(main, ["policy", str(bad)])
    assert r.exit_code == 2 and "sdk-list.html" in r.output and "Traceback" not in r.output
