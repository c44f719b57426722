"""One `appaudit audit` run writes every requested format (suffix -> format), reports progress on stderr as
plain unwrapped lines, and `static --format html` never says "No findings" above observations."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_sarif import code_scanning_problems

from appaudit.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "sample_apks" / "demo-news"


def test_one_audit_two_outputs_and_progress(tmp_path: Path) -> None:
    json_out, sarif_out = tmp_path / "deep" / "r.json", tmp_path / "r.sarif.json"
    args = ["audit", str(DEMO / "demo-news.apk"), "--policy", str(DEMO / "policy.md"), "--source-root", str(ROOT)]
    res = CliRunner().invoke(main, [*args, "-o", str(json_out), "-o", str(sarif_out)])
    assert res.exit_code == 0, res.output
    report = json.loads(json_out.read_text(encoding="utf-8"))
    sarif = json.loads(sarif_out.read_text(encoding="utf-8"))
    assert report["schema_version"] >= 2 and sarif["version"] == "2.1.0"
    assert code_scanning_problems(sarif) == []
    results = sarif["runs"][0]["results"]
    assert len(results) == len(report["findings"]) > 0
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "sample_apks/demo-news/demo-news.apk" in uris or "sample_apks/demo-news/policy.md" in uris
    assert all(not u.startswith("/") for u in uris)
    steps = [line for line in res.stderr.splitlines() if line.startswith("appaudit: [")]
    assert any("static:" in s for s in steps) and any("policy:" in s for s in steps)
    assert any("compare:" in s for s in steps)


def test_unknown_suffix_fails_before_the_audit(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["audit", str(DEMO / "demo-news.apk"), "-o", str(tmp_path / "r.docx")])
    assert res.exit_code == 2 and "unknown report format" in res.stderr
    assert "static:" not in res.stderr  # nothing was analysed
    assert list(tmp_path.iterdir()) == []


def test_static_html_is_not_a_clean_bill(tmp_path: Path) -> None:
    out = tmp_path / "s.html"
    res = CliRunner().invoke(main, ["static", str(DEMO / "demo-news.apk"), "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert "No findings" not in page and "Not compared" in page
    assert 'class="gap"' not in page  # no policy was compared: observations are not red gaps
    assert "Demo News" in page  # the app's label from its resources
