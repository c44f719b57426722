"""The records that flow through the pipeline: Evidence -> Finding -> Report (no logic beyond ordering and JSON)."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


class Source(enum.Enum):
    """Where a fact was observed."""

    MANIFEST = "MANIFEST"
    CODE = "CODE"
    RUNTIME = "RUNTIME"
    NETWORK = "NETWORK"
    POLICY = "POLICY"


class Phase(enum.Enum):
    """Whether a runtime or network event happened before or after the user's consent."""

    PRE_CONSENT = "PRE_CONSENT"
    POST_CONSENT = "POST_CONSENT"


class Severity(enum.Enum):
    """Finding severity, ordered: `Severity.HIGH.rank > Severity.LOW.rank`."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


_SOURCE_ORDER = {s: i for i, s in enumerate(Source)}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observed fact, from any source."""

    data_type: str | None
    source: Source
    actor: str
    locator: str
    detail: Mapping[str, Any] = field(default_factory=dict)
    at: float | None = None
    phase: Phase | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (
            _SOURCE_ORDER[self.source],
            self.at if self.at is not None else -1.0,
            self.data_type or "",
            self.actor,
            self.locator,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_type": self.data_type,
            "source": self.source.value,
            "actor": self.actor,
            "locator": self.locator,
            "detail": dict(self.detail),
            "at": self.at,
            "phase": self.phase.value if self.phase else None,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        return cls(
            data_type=d.get("data_type"),
            source=Source(d["source"]),
            actor=str(d["actor"]),
            locator=str(d["locator"]),
            detail=dict(d.get("detail") or {}),
            at=d.get("at"),
            phase=Phase(d["phase"]) if d.get("phase") else None,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule of shared/docs/rules.md that the evidence proves."""

    rule_id: str
    severity: Severity
    title: str
    message: str
    data_type: str | None
    actor: str
    evidence: tuple[Evidence, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        return (-self.severity.rank, self.rule_id, self.actor, self.data_type or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "data_type": self.data_type,
            "actor": self.actor,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(
            rule_id=str(d["rule_id"]),
            severity=Severity(d["severity"]),
            title=str(d["title"]),
            message=str(d["message"]),
            data_type=d.get("data_type"),
            actor=str(d["actor"]),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
        )


@dataclass(frozen=True, slots=True)
class AppInfo:
    """Identity of the audited app (empty strings when only a policy was analysed)."""

    package: str = ""
    version_name: str = ""
    version_code: str = ""
    min_sdk: int | None = None
    target_sdk: int | None = None
    file: str = ""
    sha256: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "version_name": self.version_name,
            "version_code": self.version_code,
            "min_sdk": self.min_sdk,
            "target_sdk": self.target_sdk,
            "file": self.file,
            "sha256": self.sha256,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AppInfo:
        return cls(
            package=str(d.get("package", "")),
            version_name=str(d.get("version_name", "")),
            version_code=str(d.get("version_code", "")),
            min_sdk=d.get("min_sdk"),
            target_sdk=d.get("target_sdk"),
            file=str(d.get("file", "")),
            sha256=str(d.get("sha256", "")),
        )


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one audit produced.

    `sections` holds each analyser's structured summary keyed by its name ("static", "policy",
    "runtime", "network"); `skipped` maps a source that did not run to the reason, so that a
    source not run is reported as such and never read as clean.
    """

    app: AppInfo
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    sections: Mapping[str, Any] = field(default_factory=dict)
    skipped: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    tool_version: str = ""
    generated_at: str = ""

    def sorted(self) -> Report:
        """The same report with evidence and findings in their canonical order."""
        return Report(
            app=self.app,
            evidence=tuple(sorted(self.evidence, key=Evidence.sort_key)),
            findings=tuple(sorted(self.findings, key=Finding.sort_key)),
            sections=self.sections,
            skipped=self.skipped,
            settings=self.settings,
            tool_version=self.tool_version,
            generated_at=self.generated_at,
        )

    def to_dict(self) -> dict[str, Any]:
        r = self.sorted()
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "appaudit", "version": r.tool_version},
            "generated_at": r.generated_at,
            "app": r.app.to_dict(),
            "sections": dict(r.sections),
            "skipped": dict(sorted(r.skipped.items())),
            "settings": dict(r.settings),
            "findings": [f.to_dict() for f in r.findings],
            "evidence": [e.to_dict() for e in r.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        if d.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"unsupported report schema_version {d.get('schema_version')!r}")
        return cls(
            app=AppInfo.from_dict(d.get("app", {})),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            findings=tuple(Finding.from_dict(f) for f in d.get("findings", ())),
            sections=dict(d.get("sections", {})),
            skipped=dict(d.get("skipped", {})),
            settings=dict(d.get("settings", {})),
            tool_version=str(d.get("tool", {}).get("version", "")),
            generated_at=str(d.get("generated_at", "")),
        )


def merge_reports(reports: Sequence[Report]) -> Report:
    """Combine the reports of several analysers of one app (first non-empty app identity wins)."""
    app = next((r.app for r in reports if r.app.package), reports[0].app if reports else AppInfo())
    sections: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    settings: dict[str, Any] = {}
    for r in reports:
        sections.update(r.sections)
        skipped.update(r.skipped)
        settings.update(r.settings)
    ran = set(sections)
    return Report(
        app=app,
        evidence=tuple(e for r in reports for e in r.evidence),
        findings=tuple(f for r in reports for f in r.findings),
        sections=sections,
        skipped={k: v for k, v in skipped.items() if k not in ran},
        settings=settings,
        tool_version=reports[0].tool_version if reports else "",
        generated_at=reports[0].generated_at if reports else "",
    ).sorted()
