"""The release gate: what changed since a baseline report, and whether the allowlist permits it.

Owns the allowlist format (TOML), the baseline loader, the diff of SDKs, permissions, collected data
types and findings between two reports, and its readable text. New items block unless the allowlist
permits them; with `strict = true` every current item must be on the list, new or not.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appaudit.compare import finding_key, is_collection, short_permission
from appaudit.errors import InputError
from appaudit.limits import BudgetError, loads_toml, read_regular
from appaudit.model import (
    Finding,
    PermissionDetail,
    Report,
    SdkDetail,
    Severity,
    Source,
    Status,
)

_ALLOW_KEYS = frozenset({"sdks", "permissions", "data_types", "strict", "findings"})
_FINDING_KEYS = frozenset({"rule", "actor", "data_type", "subject", "reason"})


class ChangeKind(enum.Enum):
    """What the gate compares, in the order the diff shows it."""

    COVERAGE = "coverage"
    SDK = "sdk"
    PERMISSION = "permission"
    DATA_TYPE = "data type"
    FINDING = "finding"


@dataclass(frozen=True, slots=True)
class AllowedFinding:
    """A finding the release owner accepted; empty fields match anything."""

    rule: str
    actor: str = ""
    data_type: str = ""
    subject: str = ""
    reason: str = ""

    def permits(self, key: tuple[str, str, str, str]) -> bool:
        rule, actor, data_type, subject = key
        return (
            self.rule == rule
            and self.actor in ("", actor)
            and self.data_type in ("", data_type)
            and self.subject in ("", subject)
        )


@dataclass(frozen=True, slots=True)
class Allowlist:
    sdks: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset()  # short names: READ_PHONE_STATE
    data_types: frozenset[str] = frozenset()
    findings: tuple[AllowedFinding, ...] = ()
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """One item that appeared (added) or disappeared (removed) since the baseline."""

    kind: ChangeKind
    key: str
    text: str
    added: bool
    blocking: bool
    note: str = ""  # why it does not block (allowlist reason, below --fail-on) or why it does

    @property
    def change(self) -> str:
        """added, removed, or present (not new, but blocking: missing from a strict allowlist)."""
        if self.added:
            return "added"
        return "present" if self.blocking else "removed"


@dataclass(frozen=True, slots=True)
class GateResult:
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()

    @property
    def blocking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.blocking)

    @property
    def passed(self) -> bool:
        return not self.blocking

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "notes": list(self.notes),
            "changes": [
                {
                    "kind": c.kind.value,
                    "key": c.key,
                    "change": c.change,
                    "text": c.text,
                    "blocking": c.blocking,
                    "note": c.note,
                }
                for c in self.changes
            ],
        }


# ------------------------------------------------------------------------------------------ inputs


def _str_list(doc: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise InputError(f"{where}: `{key}` must be a list of non-empty strings; see README `appaudit gate`")
    return frozenset(value)


def parse_allowlist(doc: Mapping[str, Any], where: str) -> Allowlist:
    unknown = sorted(set(doc) - _ALLOW_KEYS)
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_ALLOW_KEYS))}")
    strict = doc.get("strict", False)
    if not isinstance(strict, bool):
        raise InputError(f"{where}: `strict` must be true or false; see README `appaudit gate`")
    raw_findings = doc.get("findings", [])
    if not isinstance(raw_findings, list):
        raise InputError(f"{where}: `findings` must be an array of tables; write each as [[findings]] with rule = ...")
    findings = []
    for i, raw in enumerate(raw_findings, start=1):
        if not isinstance(raw, Mapping) or not isinstance(raw.get("rule"), str) or not raw["rule"]:
            raise InputError(f'{where}: [[findings]] #{i} needs `rule = "RULE_ID"`')
        bad = sorted(k for k in raw if k not in _FINDING_KEYS or not isinstance(raw[k], str))
        if bad:
            raise InputError(
                f"{where}: [[findings]] #{i}: unknown or non-string key(s) {', '.join(bad)}; "
                f"allowed string keys: {', '.join(sorted(_FINDING_KEYS))}"
            )
        findings.append(AllowedFinding(**{k: str(v) for k, v in raw.items()}))
    return Allowlist(
        sdks=_str_list(doc, "sdks", where),
        permissions=frozenset(short_permission(p) for p in _str_list(doc, "permissions", where)),
        data_types=_str_list(doc, "data_types", where),
        findings=tuple(findings),
        strict=strict,
    )


def load_allowlist(path: Path, catalogue: Any = None) -> Allowlist:
    """The allowlist at PATH, validated against the SDK catalogue, the rule ids and the ontology."""
    # Bounded TOML (appaudit.limits): deep nesting, huge or non-finite numbers end in one line, exit 2.
    try:
        doc = loads_toml(read_regular(path, "allowlist"), str(path), "TOML allowlist")
    except BudgetError:
        raise
    except InputError as e:
        raise InputError(f"{e}; fix the file or drop --allow") from None
    allow = parse_allowlist(doc, str(path))
    validate_allowlist(allow, str(path), catalogue)
    return allow


def _unknown(where: str, what: str, value: str, known: Collection[str]) -> InputError:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "check the id against the catalogue, rules or ontology"
    return InputError(f"{where}: unknown {what} {value!r}; {hint}")


def validate_allowlist(allow: Allowlist, where: str, catalogue: Any = None) -> None:
    """An allowlist naming an SDK, rule or data type that does not exist permits nothing: an input error
    with the closest known id (a typo such as `jpsuh` would otherwise pass silently and allow nothing)."""
    from appaudit import ontology, signatures
    from appaudit.compare import rules

    cat = catalogue if catalogue is not None else signatures.load()
    sdk_ids = set(cat.signatures)
    actors = sdk_ids | {"app", "unknown"}
    types = set(ontology.load())
    rule_ids = set(rules())
    for sdk in sorted(allow.sdks):
        if sdk not in sdk_ids:
            raise _unknown(where, "SDK id in `sdks`", sdk, sdk_ids)
    for dt in sorted(allow.data_types):
        if dt not in types:
            raise _unknown(where, "data type in `data_types`", dt, types)
    for i, f in enumerate(allow.findings, start=1):
        at = f"{where}: [[findings]] #{i}"
        if f.rule not in rule_ids:
            raise _unknown(at, "rule id", f.rule, rule_ids)
        if f.actor and f.actor not in actors:
            raise _unknown(at, "actor", f.actor, actors)
        if f.data_type and f.data_type not in types:
            raise _unknown(at, "data type", f.data_type, types)


# ------------------------------------------------------------------------------------------ inventory


def sdks(report: Report) -> dict[str, str]:
    """SDK id -> display name, for every SDK detected or seen acting (never the app itself)."""
    names: dict[str, str] = {}
    for e in report.evidence:
        if e.source is Source.POLICY or not e.actor.is_sdk:
            continue
        if isinstance(e.detail, SdkDetail) and e.detail.name:
            names[e.actor] = e.detail.name
        else:
            names.setdefault(e.actor, e.actor)
    return dict(sorted(names.items()))


def permissions(report: Report) -> dict[str, str]:
    """Short permission name -> full name, for the manifest's uses-permission entries."""
    out = {}
    for e in report.evidence:
        if e.source is Source.MANIFEST and isinstance(e.detail, PermissionDetail) and e.detail.permission:
            full = e.detail.permission
            out[short_permission(full)] = full
    return dict(sorted(out.items()))


def data_types(report: Report) -> dict[str, str]:
    """Collected data type -> the actors collecting it (reachable code, runtime, network)."""
    actors: dict[str, set[str]] = {}
    for e in report.evidence:
        if is_collection(e) and e.data_type:
            actors.setdefault(e.data_type, set()).add(e.actor)
    return {t: ", ".join(sorted(a)) for t, a in sorted(actors.items())}


def findings(report: Report) -> dict[tuple[str, str, str, str], Finding]:
    return {finding_key(f): f for f in report.findings}


# ------------------------------------------------------------------------------------------ diff


def _item_changes(
    kind_: ChangeKind, old: Mapping[str, str], new: Mapping[str, str], allowed: frozenset[str], strict: bool
) -> list[Change]:
    out = []
    for key in sorted(set(new) | set(old)):
        name = new.get(key) or old.get(key) or key
        label = key if name == key else f"{key} ({name})"
        if key in new and key not in old:
            ok = key in allowed
            out.append(Change(kind_, key, label, True, not ok, "allowed by the allowlist" if ok else "not allowed"))
        elif key in new and strict and key not in allowed:
            out.append(Change(kind_, key, label, False, True, "present and not on the strict allowlist"))
        elif key in old and key not in new:
            out.append(Change(kind_, key, label, False, False, "removed"))
    return out


def coverage_changes(baseline: Report, current: Report, require: Sequence[str] = ()) -> list[Change]:
    """A source the baseline covered better than the current report (coverage shrank), or a required
    one not complete: both block, because items of an analysis that did not run would read as "fixed"."""
    out = []
    names = [c.name for c in baseline.coverage_all()]
    names += [c.name for c in current.coverage_all() if c.name not in names]
    for name in names:
        old, new = baseline.coverage_of(name), current.coverage_of(name)
        why = "; ".join(new.reasons)
        text = f"{name}: {old.status.value} -> {new.status.value}" + (f" ({why})" if why else "")
        if new.status.rank < old.status.rank:
            out.append(Change(ChangeKind.COVERAGE, name, text, False, True, "coverage shrank"))
        elif name in require and new.status is not Status.COMPLETE:
            out.append(Change(ChangeKind.COVERAGE, name, text, False, True, "required by --require"))
    return out


def diff(
    baseline: Report,
    current: Report,
    allow: Allowlist | None = None,
    fail_on: Severity | None = Severity.INFO,
    require: Sequence[str] = (),
) -> GateResult:
    """The changes between two reports; new findings below `fail_on` (all when None) show but do not block.

    Coverage that shrank (a source the baseline had complete is degraded, failed or not run now) and a
    --require'd source that is not complete block: the baseline's items of that source would otherwise
    show as removed ("fixed") and the gate pass.
    """
    allow = allow or Allowlist()
    changes = [
        *coverage_changes(baseline, current, require),
        *_item_changes(ChangeKind.SDK, sdks(baseline), sdks(current), allow.sdks, allow.strict),
        *_item_changes(
            ChangeKind.PERMISSION, permissions(baseline), permissions(current), allow.permissions, allow.strict
        ),
        *_item_changes(ChangeKind.DATA_TYPE, data_types(baseline), data_types(current), allow.data_types, allow.strict),
    ]
    old_f, new_f = findings(baseline), findings(current)
    # A baseline finding that is gone because its rule was not evaluated now (compare says why), or whose
    # evidence came from an analysis the current report covers less, was not checked again: not "fixed".
    not_evaluated = current.comparison.rules_not_evaluated if current.comparison is not None else {}
    shrunk = {
        src
        for c in baseline.coverage_all()
        if current.coverage_of(c.name).status.rank < c.status.rank
        for src in c.sources
    }

    def worst_first(key: tuple[str, str, str, str]) -> tuple[int, tuple[str, str, str, str]]:
        return (-(new_f.get(key) or old_f[key]).severity.rank, key)

    for key in sorted(set(new_f) | set(old_f), key=worst_first):
        f = new_f.get(key) or old_f[key]
        text = f"{f.severity.value} {f.rule_id} [{f.actor}{'/' + f.data_type if f.data_type else ''}] {f.message}"
        if key in new_f and key not in old_f:
            rule = next((a for a in allow.findings if a.permits(key)), None)
            if rule is not None:
                changes.append(Change(ChangeKind.FINDING, "|".join(key), text, True, False, f"allowed: {rule.reason}"))
            elif fail_on is None or f.severity.rank < fail_on.rank:
                changes.append(Change(ChangeKind.FINDING, "|".join(key), text, True, False, "below --fail-on"))
            else:
                changes.append(Change(ChangeKind.FINDING, "|".join(key), text, True, True, "new"))
        elif key in old_f and key not in new_f:
            shrank = any(e.source in shrunk for e in f.evidence)
            why = not_evaluated.get(f.rule_id) or ("coverage shrank" if shrank else "")
            reason = f"not checked again: {why}" if why else "fixed"
            changes.append(Change(ChangeKind.FINDING, "|".join(key), text, False, False, reason))
    notes = []
    if baseline.app.package and current.app.package and baseline.app.package != current.app.package:
        notes.append(
            f"WARNING: the baseline is of package {baseline.app.package}, the current report of "
            f"{current.app.package}: is this the right baseline?"
        )
    for src in sorted(set(baseline.skipped) ^ set(current.skipped)):
        side = "baseline" if src in baseline.skipped else "current report"
        notes.append(f"{src} was not run for the {side}: its items may show as added or removed")
    return GateResult(changes=tuple(changes), notes=tuple(notes))


_SIGN = {"added": "+", "removed": "-", "present": " "}


def format_diff(result: GateResult, baseline_name: str = "baseline", current_name: str = "current") -> str:
    """A unified-diff-like text: `+` added, `-` removed, `!` blocking, with the reason after `#`."""
    lines = [f"--- {baseline_name}", f"+++ {current_name}"]
    for k in ChangeKind:
        group = [c for c in result.changes if c.kind is k]
        if not group:
            continue
        lines.append(f"@@ {k.value if k is ChangeKind.COVERAGE else k.value + 's'} @@")
        for c in group:
            flag = "!" if c.blocking else " "
            lines.append(f"{flag}{_SIGN[c.change]} {c.text}  # {c.note}")
    if len(lines) == 2:
        lines.append("(no changes)")
    lines += [f"note: {n}" for n in result.notes]
    n = len(result.blocking)
    lines.append(f"gate: FAIL, {n} blocking change{'s' if n != 1 else ''}" if n else "gate: PASS")
    return "\n".join(lines) + "\n"
