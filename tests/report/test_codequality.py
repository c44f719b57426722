"""GitLab Code Quality: one issue per finding with GitLab's fields, the SARIF path and fingerprint."""

from __future__ import annotations

import json
from pathlib import Path

from appaudit.model import Report
from appaudit.report import format_for, render


def test_one_issue_per_finding_with_gitlab_fields(hostile: Report) -> None:
    issues = json.loads(render(hostile, "codequality"))
    sarif = json.loads(render(hostile, "sarif"))["runs"][0]["results"]
    assert len(issues) == len(hostile.findings) == len(sarif)
    for issue, res in zip(issues, sarif, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["check_name"] == res["ruleId"]
        assert issue["fingerprint"] == res["partialFingerprints"]["appauditFindingKey/v1"]
        phys = res["locations"][0]["physicalLocation"]
        assert issue["location"] == {
            "path": phys["artifactLocation"]["uri"],
            "lines": {"begin": phys["region"]["startLine"]},
        }
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert format_for(Path("out/app.codequality.json")) == "codequality"
    assert format_for(Path("out/app.json")) == "json"
