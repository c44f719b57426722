"""`appaudit render`: every format from a saved JSON report, several -o at once, and one-line errors with
exit 2 (nothing written) for truncated, foreign, newer-schema and damaged reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from appaudit.cli import main
from appaudit.model import Report
from appaudit.report import render


@pytest.fixture()
def saved(hostile: Report, tmp_path: Path) -> Path:
    path = tmp_path / "r.json"
    path.write_text(render(hostile, "json"), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_writes_several_formats_from_one_saved_report(saved: Path, tmp_path: Path) -> None:
    outs = [tmp_path / n for n in ("r.html", "r.sarif", "r.md", "r.csv", "again.json", "r.sarif.json")]
    code, _, err = _run("render", str(saved), *(a for o in outs for a in ("-o", str(o))))
    assert code == 0, err
    assert all(o.is_file() for o in outs)
    assert outs[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    sarif = json.loads(outs[1].read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    assert json.loads(outs[5].read_text(encoding="utf-8"))["version"] == "2.1.0"  # .sarif.json is SARIF, not JSON
    assert outs[2].read_text(encoding="utf-8").startswith("## ")
    rows = list(csv.reader(io.StringIO(outs[3].read_text(encoding="utf-8"))))
    assert rows[0][0] == "Question ID (machine readable)" and "DRAFT" in rows[1][4]
    assert json.loads(outs[4].read_text(encoding="utf-8")) == json.loads(saved.read_text(encoding="utf-8"))


def test_render_chinese_html(saved: Path, tmp_path: Path) -> None:
    out = tmp_path / "zh.html"
    code, _, err = _run("render", str(saved), "--lang", "zh", "-o", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "声明与实际对照" in page and "同意前收集个人信息" in page and "Declared vs observed" not in page


def test_format_flag_and_stdout(saved: Path) -> None:
    code, out, _ = _run("render", str(saved), "--format", "md")
    assert code == 0 and out.startswith("## ")
    code, _, err = _run("render", str(saved), "--format", "pdf")
    assert code == 2 and "-o" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "truncated"),  # the saved report cut in half
        ('{"hello": "world"}', "not an appaudit report"),
        ("[1, 2, 3]", "not an appaudit report"),
        ('{"tool": {"name": "appaudit"}, "schema_version": 99}', "newer appaudit"),
        ('{"tool": {"name": "appaudit"}, "schema_version": 0}', "schema_version 0"),
        ('{"tool": {"name": "appaudit"}, "schema_version": 2, "findings": [{"rule_id": "X"}]}', "damaged report"),
        ("\x00\x01binary", "not a valid JSON"),
        ("[" * 100_000, "nested deeper"),
    ],
)
def test_bad_reports_are_one_line_and_write_nothing(
    saved: Path, tmp_path: Path, content: str | None, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    text = saved.read_text(encoding="utf-8")
    bad.write_text(text[: len(text) // 2] if content is None else content, encoding="utf-8")
    out = tmp_path / "out.html"
    code, _, err = _run("render", str(bad), "-o", str(out), "-o", str(tmp_path / "out.sarif"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and expected in err, err
    assert not out.exists() and not (tmp_path / "out.sarif").exists()
    assert list(tmp_path.iterdir()) == [saved, bad] or set(tmp_path.iterdir()) == {saved, bad}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("at", "soon", "evidence/0/at"),
        ("data_type", 12, "evidence/0/data_type"),
        ("detail", [1, 2], "evidence/0/detail"),
    ],
)
def test_hand_edited_fields_are_refused_by_the_schema(
    saved: Path, tmp_path: Path, field: str, value: object, expected: str
) -> None:
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["evidence"][0][field] = value
    bad = tmp_path / "edited.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = _run("render", str(bad), "-o", str(tmp_path / "x.html"))
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_odd_sections_do_not_break_any_format(saved: Path, tmp_path: Path) -> None:
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["sections"] = {"static": {"app": "x", "sdk_hints": "y"}, "compare": 5, "network": [1]}
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(doc), encoding="utf-8")
    outs = [tmp_path / f"o.{s}" for s in ("html", "sarif", "md", "csv")]
    code, _, err = _run("render", str(odd), *(a for o in outs for a in ("-o", str(o))))
    assert code == 0, err
    assert all(o.is_file() for o in outs)


def test_unknown_suffix_is_an_error_before_anything_is_written(saved: Path, tmp_path: Path) -> None:
    code, _, err = _run("render", str(saved), "-o", str(tmp_path / "a.html"), "-o", str(tmp_path / "b.docx"))
    assert code == 2 and "unknown report format" in err
    assert not (tmp_path / "a.html").exists()


def test_schema_1_reports_are_read(saved: Path, tmp_path: Path) -> None:
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["schema_version"] = 1
    for key in ("comparison", "coverage"):
        doc.pop(key, None)
    old = tmp_path / "v1.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "v1.html"
    code, _, err = _run("render", str(old), "-o", str(out))
    assert code == 0, err
    assert 'id="matrix-table"' in out.read_text(encoding="utf-8")


def test_an_existing_output_is_replaced_whole_or_kept(saved: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert _run("render", str(bad), "-o", str(out))[0] == 2
    assert out.read_text(encoding="utf-8") == "old"  # a failed render leaves the previous file as it was
    assert _run("render", str(saved), "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("option", ["--source-root", "--manifest-source"])
def test_a_missing_source_root_or_manifest_is_an_error(saved: Path, tmp_path: Path, option: str) -> None:
    # A mistyped --source-root (or manifest) once wrote a SARIF whose paths matched nothing in the repository.
    out = tmp_path / "r.sarif"
    res = CliRunner().invoke(main, ["render", str(saved), option, str(tmp_path / "no-such-path"), "-o", str(out)])
    assert res.exit_code == 2 and "does not exist" in res.output and not out.exists()


def test_dash_is_stdout(saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `-o -` wrote a file named "-" in the working directory.
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["render", str(saved), "--format", "md", "-o", "-"])
    assert res.exit_code == 0 and res.output.startswith("## ") and not (tmp_path / "-").exists()


def test_an_output_that_is_an_input_is_refused(saved: Path, tmp_path: Path) -> None:
    # `render r.json --format html -o r.json` replaced the saved report; `audit ... --policy p.md -o p.md` the policy.
    before = saved.read_bytes()
    res = CliRunner().invoke(main, ["render", str(saved), "--format", "html", "-o", str(saved)])
    assert res.exit_code == 2 and "input of the command" in res.output and saved.read_bytes() == before
    demo = Path(__file__).resolve().parents[2] / "sample_apks" / "demo-clean"
    policy = tmp_path / "policy.md"
    policy.write_bytes((demo / "policy.md").read_bytes())
    res = CliRunner().invoke(main, ["audit", str(demo / "demo-clean.apk"), "--policy", str(policy), "-o",
                                    str(tmp_path / "audit.json"), "-o", str(tmp_path / "." / "policy.md")])
    assert res.exit_code == 2 and "input of the command" in res.output
    assert policy.read_bytes() == (demo / "policy.md").read_bytes() and not (tmp_path / "audit.json").exists()


def test_a_missing_chromium_is_an_error_before_the_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `audit -o r.json -o r.pdf` without Chromium (the container image has none) ran the whole audit and then
    # lost every output.
    monkeypatch.setenv("APPAUDIT_CHROMIUM", str(tmp_path / "no-chromium"))
    demo = Path(__file__).resolve().parents[2] / "sample_apks" / "demo-clean"
    out = tmp_path / "r.json"
    args = ["audit", str(demo / "demo-clean.apk"), "-o", str(out), "-o", str(tmp_path / "r.pdf")]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2 and "chromium" in res.output.lower() and "static:" not in res.output
    assert not out.exists()
