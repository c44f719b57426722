"""The SARIF 2.1.0 report: one reportingDescriptor per rule id, one result per finding.

Locations follow what each evidence source can point at: CODE call sites and RUNTIME stack frames
as logicalLocations (class/method), the manifest as a physicalLocation on AndroidManifest.xml, the
policy as a physicalLocation on its file (with the line when the policy analyser recorded one),
NETWORK requests as a logical "resource". Sources that did not run become tool notifications.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from appaudit.compare import finding_key, kind, rules
from appaudit.model import Evidence, Finding, Report, Severity, Source
from appaudit.runtime.attribution import FRAMEWORK_PREFIXES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/appaudit/appaudit"
MAX_LOCATIONS = 10

_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub code scanning reads this property to rank results (0.0-10.0).
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}
_SMALI = re.compile(r"^L(?P<cls>[^;]+);->(?P<method>[^(]+)")
_FRAME = re.compile(r"^(?:at\s+)?(?P<qual>[\w$.<>]+?)\.(?P<method>[\w$<>]+)\(")


def _logical_from_code(locator: str) -> dict[str, Any]:
    m = _SMALI.match(locator)
    if m:
        cls = m.group("cls").replace("/", ".")
        return {"fullyQualifiedName": f"{cls}.{m.group('method')}", "name": m.group("method"), "kind": "function"}
    return {"fullyQualifiedName": locator, "kind": "function"}


def _logical_from_frame(frame: str) -> dict[str, Any] | None:
    m = _FRAME.match(frame.strip())
    if not m:
        return None
    return {
        "fullyQualifiedName": f"{m.group('qual')}.{m.group('method')}",
        "name": m.group("method"),
        "kind": "function",
    }


def _location(e: Evidence) -> dict[str, Any]:
    """The SARIF location of one piece of evidence (message says which source and locator)."""
    loc: dict[str, Any] = {"message": {"text": f"{e.source.value}: {e.locator}"}}
    if e.source is Source.MANIFEST:
        loc["physicalLocation"] = {"artifactLocation": {"uri": "AndroidManifest.xml"}}
    elif e.source is Source.POLICY:
        phys: dict[str, Any] = {"artifactLocation": {"uri": quote(str(e.detail.get("file") or "policy"), safe="/:")}}
        line = e.detail.get("line")
        if isinstance(line, int) and not isinstance(line, bool) and line >= 1:
            phys["region"] = {"startLine": line}
        loc["physicalLocation"] = phys
    elif e.source is Source.CODE:
        caller = e.detail.get("caller_class"), e.detail.get("caller_method")
        if kind(e) == "call_site":
            loc["logicalLocations"] = [_logical_from_code(e.locator)]
        elif all(caller):
            loc["logicalLocations"] = [{"fullyQualifiedName": f"{caller[0]}.{caller[1]}", "kind": "function"}]
        else:
            loc["logicalLocations"] = [{"fullyQualifiedName": e.locator, "kind": "type"}]
    elif e.source is Source.RUNTIME:
        stack = e.detail.get("stack") or ()
        frames = (
            [f for f in (_logical_from_frame(str(s)) for s in stack) if f] if isinstance(stack, list | tuple) else []
        )
        # The caller that matters is the first frame outside the platform (data-types.md "Notes for matching"),
        # the same frame runtime attribution names the actor by.
        own = [f for f in frames if not str(f["fullyQualifiedName"]).startswith(FRAMEWORK_PREFIXES)]
        loc["logicalLocations"] = (own or frames)[:1] or [{"fullyQualifiedName": e.locator, "kind": "function"}]
    else:  # NETWORK: the request is the place
        loc["logicalLocations"] = [{"fullyQualifiedName": e.locator, "kind": "resource"}]
    return loc


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    locations: list[dict[str, Any]] = []
    seen: set[str] = set()
    for e in f.evidence:
        loc = _location(e)
        key = json.dumps(loc, sort_keys=True)
        if key not in seen:
            seen.add(key)
            locations.append(loc)
        if len(locations) >= MAX_LOCATIONS:
            break
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": locations[:1],
        "partialFingerprints": {"appauditFindingKey/v1": "|".join(finding_key(f))},
        "properties": {"severity": f.severity.value, "actor": f.actor, "data_type": f.data_type},
    }
    if len(locations) > 1:
        result["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(locations[1:], start=1)]
    if f.rule_id in index:
        result["ruleIndex"] = index[f.rule_id]
    return result


def to_sarif(report: Report) -> dict[str, Any]:
    r = report.sorted()
    catalogue = rules()
    descriptors: list[dict[str, Any]] = []
    for rule in catalogue.values():
        descriptors.append(
            {
                "id": rule.id,
                "name": "".join(w.capitalize() for w in rule.id.split("_")),
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": f"{rule.title}. Basis: {rule.basis}"},
                "help": {"text": f"Basis: {rule.basis}"},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {
                    "tags": ["privacy"],
                    "security-severity": _SECURITY_SEVERITY[rule.severity],
                    "severity": rule.severity.value,
                },
            }
        )
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    notifications = [
        {"level": "warning", "message": {"text": f"{src} not run: {why}"}, "descriptor": {"id": f"skipped/{src}"}}
        for src, why in sorted(r.skipped.items())
    ]
    not_eval = r.sections.get("compare", {}).get("rules_not_evaluated", {})
    notifications += [
        {"level": "note", "message": {"text": f"{rid} not evaluated: {why}"}, "descriptor": {"id": rid}}
        for rid, why in sorted(dict(not_eval).items())
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "appaudit",
                "version": r.tool_version or "0",
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": [_result(f, index) for f in r.findings],
        "properties": {
            "app": r.app.to_dict(),
            "generated_at": r.generated_at,
            "settings": dict(r.settings),
        },
    }
    if r.app.file:
        artifact: dict[str, Any] = {"location": {"uri": quote(r.app.file, safe="/:")}}
        if r.app.sha256:
            artifact["hashes"] = {"sha-256": r.app.sha256}
        run["artifacts"] = [artifact]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(to_sarif(report), indent=2, ensure_ascii=False, default=str) + "\n"
