"""The SARIF 2.1.0 report, shaped for GitHub code scanning: one reportingDescriptor per rule, one result
per finding, and every result with a physical location in the repository.

What code scanning requires beyond the schema (docs.github.com, "SARIF support for code scanning"):
each result has at least one location with `physicalLocation.artifactLocation.uri` (a path relative to
the repository root, here with `uriBaseId` %SRCROOT%) and a `region.startLine`; rules carry
`shortDescription`, `fullDescription` and `help`; `properties.security-severity` (a number from 0.0 to
10.0, as a string) ranks alerts when the rule is tagged `security`; `partialFingerprints` keep one
alert per problem across runs; `automationDetails.id` separates the runs of several apps.

Where each evidence source points (`options.paths`, a `SourceMap`): the manifest to its source file
and line when the repository holds it, else the APK; code and runtime frames to the app's own source
file when the class is there, else the APK, with the class and method as a logical location beside
it; network requests to the APK with the request as a logical location (identifier values redacted);
the policy to its file and line. Sources that did not run become tool notifications.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import quote

from appaudit.compare import finding_key, kind, rules
from appaudit.model import Evidence, EvidenceKind, Finding, Report, Severity, Source, Status
from appaudit.report.i18n import Messages, messages
from appaudit.report.options import RenderOptions
from appaudit.report.present import comparison_of, dotted, local_path, redact_locator, scrub_paths
from appaudit.report.sourcemap import manifest_line
from appaudit.runtime.attribution import FRAMEWORK_PREFIXES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/appaudit/appaudit"
SRCROOT = "%SRCROOT%"
MAX_LOCATIONS = 10  # code scanning shows one location; the rest become relatedLocations (at most 1000)
MAX_RESULTS = 25_000  # code scanning's limit per run
FINGERPRINT = "appauditFindingKey/v1"

_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# code scanning ranks alerts by this property: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}
_SMALI = re.compile(r"^L(?P<cls>[^;]+);->(?P<method>[^(]+)")
_FRAME = re.compile(r"^(?:at\s+)?(?P<qual>[\w$.<>]+?)\.(?P<method>[\w$<>]+)\(")
_MANIFEST_ELEMENT = re.compile(r"<(?P<tag>[\w-]+) (?P<name>[^>]+)>")


def _uri(path: str) -> str:
    return quote(path, safe="/:@-._~")


def _physical(uri: str, line: int | None = None) -> dict[str, Any]:
    # startLine 1 when no line is known: code scanning needs a region; the APK and a whole file have none.
    return {
        "artifactLocation": {"uri": _uri(uri), "uriBaseId": SRCROOT},
        "region": {"startLine": line if line and line >= 1 else 1},
    }


def _logical_from_frame(frame: str) -> dict[str, Any] | None:
    m = _FRAME.match(frame.strip())
    if not m:
        return None
    return {
        "fullyQualifiedName": f"{m.group('qual')}.{m.group('method')}",
        "name": m.group("method"),
        "kind": "function",
    }


class Locator:
    """Evidence -> SARIF location, with the repository paths of the options."""

    def __init__(self, report: Report, opts: RenderOptions) -> None:
        self.opts = opts
        self.paths = opts.paths
        self.apk = self.paths.apk or local_path(report.app.file) or "app.apk"

    def _source_of(self, cls: str) -> str | None:
        outer = cls.split("$", 1)[0]
        return self.paths.sources.get(outer)

    def _code(self, logical: dict[str, Any], cls: str) -> dict[str, Any]:
        src = self._source_of(cls) if cls else None
        return {"physicalLocation": _physical(src or self.apk), "logicalLocations": [logical]}

    def location(self, e: Evidence) -> dict[str, Any]:
        loc: dict[str, Any]
        k = kind(e)
        if e.source is Source.MANIFEST:
            name = str(e.detail.get("permission") or e.detail.get("name") or "")
            line = manifest_line(self.paths, name)
            uri = self.paths.manifest or self.apk
            loc = {"physicalLocation": _physical(uri, line)}
            m = _MANIFEST_ELEMENT.search(e.locator)
            element = name or (m.group("name") if m else e.locator)
            tag = "uses-permission" if e.kind is EvidenceKind.PERMISSION else (m.group("tag") if m else k or "manifest")
            loc["logicalLocations"] = [
                {"fullyQualifiedName": f"AndroidManifest.xml/{tag}[{element}]", "name": element, "kind": "element"}
            ]
        elif e.source is Source.POLICY:
            file = str(e.detail.get("file") or "policy")
            uri = self.paths.policies.get(file) or local_path(file)
            line = e.detail.get("line")
            loc = {
                "physicalLocation": _physical(
                    uri, line if isinstance(line, int) and not isinstance(line, bool) else None
                )
            }
        elif e.source is Source.CODE:
            caller_cls, caller_m = str(e.detail.get("caller_class") or ""), str(e.detail.get("caller_method") or "")
            m = _SMALI.match(e.locator)
            if caller_cls:
                fqn = dotted(caller_cls, caller_m).removesuffix("()")
                logical = {"fullyQualifiedName": fqn, "name": fqn.rsplit(".", 1)[-1], "kind": "function"}
                loc = self._code(logical, caller_cls)
            elif m:
                cls = m.group("cls").replace("/", ".")
                logical = {
                    "fullyQualifiedName": f"{cls}.{m.group('method')}",
                    "name": m.group("method"),
                    "kind": "function",
                }
                loc = self._code(logical, cls)
            else:
                loc = self._code({"fullyQualifiedName": e.locator, "kind": "type"}, "")
        elif e.source is Source.RUNTIME:
            stack = e.detail.get("stack") or ()
            frames = (
                [f for f in (_logical_from_frame(str(s)) for s in stack) if f]
                if isinstance(stack, list | tuple)
                else []
            )
            # The caller that matters is the first frame outside the platform (data-types.md "Notes for
            # matching"), the same frame runtime attribution names the actor by.
            own = [f for f in frames if not str(f["fullyQualifiedName"]).startswith(FRAMEWORK_PREFIXES)]
            logical = (own or frames or [{"fullyQualifiedName": e.locator, "kind": "function"}])[0]
            cls = str(logical["fullyQualifiedName"]).rsplit(".", 1)[0] if own else ""
            loc = self._code(logical, cls)
        else:  # NETWORK: the request is the place; it happened in the APK
            loc = {
                "physicalLocation": _physical(self.apk),
                "logicalLocations": [
                    {"fullyQualifiedName": redact_locator(e, self.opts.show_values), "kind": "resource"}
                ],
            }
        loc["message"] = {"text": f"{e.source.value}: {redact_locator(e, self.opts.show_values)}"}
        return loc


def fingerprint(f: Finding) -> str:
    """A stable id of the finding across runs: its key (rule, actor, data type, subject), hashed."""
    return hashlib.sha256("|".join(finding_key(f)).encode("utf-8")).hexdigest()[:32]


def _result(f: Finding, index: dict[str, int], locator: Locator, msgs: Messages) -> dict[str, Any]:
    locations: list[dict[str, Any]] = []
    seen: set[str] = set()
    for e in f.evidence:
        loc = locator.location(e)
        key = json.dumps(loc, sort_keys=True)
        if key not in seen:
            seen.add(key)
            locations.append(loc)
        if len(locations) >= MAX_LOCATIONS:
            break
    if not locations:  # a finding without evidence still needs a place: the APK
        locations.append({"physicalLocation": _physical(locator.apk)})
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": _LEVEL[f.severity],
        "message": {"text": msgs.finding_message(f) or f.rule_id},
        "locations": locations[:1],
        "partialFingerprints": {FINGERPRINT: fingerprint(f)},
        "properties": {"severity": f.severity.value, "actor": str(f.actor), "data_type": f.data_type},
    }
    if len(locations) > 1:
        result["relatedLocations"] = [{"id": i, **loc} for i, loc in enumerate(locations[1:], start=1)]
    if f.rule_id in index:
        result["ruleIndex"] = index[f.rule_id]
    return result


def _descriptors(msgs: Messages) -> list[dict[str, Any]]:
    out = []
    for rule in rules().values():
        title = msgs.rule_title(rule.id, rule.title)
        help_text = msgs.word("rule_help", rule.id)
        basis = f"{msgs.ui('basis')}: {msgs.rule_basis(rule.id)}"
        out.append(
            {
                "id": rule.id,
                "name": "".join(w.capitalize() for w in rule.id.split("_")),
                "shortDescription": {"text": title},
                "fullDescription": {"text": f"{title}. {help_text}"},
                "help": {
                    "text": f"{help_text}\n\n{basis}",
                    "markdown": f"**{title}**\n\n{help_text}\n\n{basis}",
                },
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {
                    "tags": ["security", "privacy", "android"],
                    "precision": "high",
                    "problem.severity": _LEVEL[rule.severity] if _LEVEL[rule.severity] != "note" else "recommendation",
                    "security-severity": _SECURITY_SEVERITY[rule.severity],
                },
            }
        )
    return out


def to_sarif(report: Report, options: RenderOptions | None = None) -> dict[str, Any]:
    opts = options or RenderOptions()
    msgs = messages(opts.lang)
    r = report.sorted()
    descriptors = _descriptors(msgs)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    locator = Locator(r, opts)
    # Each source's coverage: a failed one makes the run unsuccessful, so no one reads its silence as clean.
    level = {Status.FAILED: "error", Status.DEGRADED: "warning", Status.NOT_REQUESTED: "note"}
    covered = r.coverage_all()
    notifications: list[dict[str, Any]] = [
        {
            "level": level[c.status],
            "message": {"text": f"{c.name} {c.status.value}: {scrub_paths('; '.join(c.reasons)) or c.status.value}"},
        }
        for c in covered
        if c.status in level
    ]
    notifications += [
        {"level": "warning", "message": {"text": f"{src} not run: {scrub_paths(why)}"}}
        for src, why in sorted(r.skipped.items())
        if src not in {c.name for c in covered}
    ]
    not_eval = comparison_of(r)[0].rules_not_evaluated
    notifications += [
        {
            "level": "note",
            "message": {"text": f"{rid} not evaluated: {scrub_paths(why)}"},
            "associatedRule": {"id": rid, **({"index": index[rid]} if rid in index else {})},
        }
        for rid, why in sorted(dict(not_eval).items())
    ]
    results = [_result(f, index, locator, msgs) for f in r.findings[:MAX_RESULTS]]
    if len(r.findings) > MAX_RESULTS:
        notifications.append(
            {"level": "warning", "message": {"text": f"{len(r.findings) - MAX_RESULTS} findings left out (limit)"}}
        )
    app = {k: (local_path(v) if k == "file" and isinstance(v, str) else v) for k, v in r.app.to_dict().items()}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "appaudit",
                "version": r.tool_version or "0",
                "semanticVersion": r.tool_version or "0.0.0",
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        # One category per app, so that the alerts of two apps in one repository do not close each other.
        "automationDetails": {"id": f"appaudit/{r.app.package or 'app'}/"},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The repository root (--source-root)."}}},
        "invocations": [
            {
                "executionSuccessful": not any(c.status is Status.FAILED for c in covered),
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": results,
        "properties": {"app": app, "generated_at": r.generated_at},
    }
    artifact: dict[str, Any] = {"location": {"uri": _uri(locator.apk), "uriBaseId": SRCROOT}}
    if r.app.sha256:
        artifact["hashes"] = {"sha-256": r.app.sha256}
    run["artifacts"] = [artifact]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, options: RenderOptions | None = None) -> str:
    return json.dumps(to_sarif(report, options), indent=2, ensure_ascii=False, default=str) + "\n"
