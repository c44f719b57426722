"""GitLab Code Quality report (`artifacts:reports:codequality`): one issue per finding, so a merge request
shows new privacy findings in its widget. Locations and fingerprints are the SARIF ones (same paths under
`--source-root`, same stable fingerprint), so both CI systems track a finding the same way.
"""

from __future__ import annotations

import json
from typing import Any

from appaudit.model import Report, Severity
from appaudit.report.i18n import messages
from appaudit.report.options import RenderOptions
from appaudit.report.sarif import Locator, fingerprint

# GitLab's severities: info, minor, major, critical, blocker.
_SEVERITY = {
    Severity.INFO: "info",
    Severity.LOW: "minor",
    Severity.MEDIUM: "major",
    Severity.HIGH: "critical",
    Severity.CRITICAL: "blocker",
}


def issues(report: Report, options: RenderOptions | None = None) -> list[dict[str, Any]]:
    opts = options or RenderOptions()
    msgs = messages(opts.lang)
    r = report.sorted()
    locator = Locator(r, opts)
    out = []
    for f in r.findings:
        loc = locator.location(f.evidence[0]) if f.evidence else {}
        phys = loc.get("physicalLocation") or {"artifactLocation": {"uri": locator.apk}, "region": {"startLine": 1}}
        out.append(
            {
                "description": f"{msgs.rule_title(f.rule_id, f.title)}: {msgs.finding_message(f)}",
                "check_name": f.rule_id,
                "fingerprint": fingerprint(f),
                "severity": _SEVERITY[f.severity],
                "location": {
                    "path": phys["artifactLocation"]["uri"],
                    "lines": {"begin": phys.get("region", {}).get("startLine", 1)},
                },
            }
        )
    return out


def render(report: Report, options: RenderOptions | None = None) -> str:
    return json.dumps(issues(report, options), indent=2, ensure_ascii=False) + "\n"
