"""Evidence -> Findings: the rules of shared/docs/rules.md that the available evidence supports.

This module owns the rule logic and the `Settings` (thresholds, first-party domains) applied; rule
titles, severities, messages and legal basis live in data/rules.toml. A rule whose evidence source
did not run, or which compares against a policy that was not given, is *not evaluated* and listed
as such in `report.sections["compare"]`, never silently treated as clean.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit import ontology, permissions, signatures
from appaudit.errors import DataError, InputError
from appaudit.hosts import host_in, normalize_host
from appaudit.model import (
    Actor,
    CallSiteDetail,
    Cell,
    CodeMark,
    Comparison,
    ComponentDetail,
    DeclaredPermissionDetail,
    Evidence,
    EvidenceKind,
    Finding,
    MatrixRow,
    PermissionDetail,
    PermissionRequestDetail,
    Phase,
    ReadDetail,
    Report,
    SdkDetail,
    SdkRowDetail,
    SdkSummary,
    Severity,
    Source,
    StartOtherDetail,
    Status,
    TransferDetail,
)

# ------------------------------------------------------------------------------------------ rules


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of rules.md with what compare needs to evaluate and word it."""

    id: str
    title: str
    severity: Severity
    needs: tuple[Source, ...]
    policy: bool
    message: str
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity.value,
            "needs": [s.value for s in self.needs],
            "policy": self.policy,
            "basis": self.basis,
        }


def parse_rules(doc: Mapping[str, Any]) -> dict[str, Rule]:
    """Validate a parsed rules.toml and return the rules by id, in file order."""
    out: dict[str, Rule] = {}
    for rule_id, raw in dict(doc.get("rule", {})).items():
        where = f"rules.toml rule {rule_id}"
        try:
            out[rule_id] = Rule(
                id=rule_id,
                title=str(raw["title"]),
                severity=Severity(raw["severity"]),
                needs=tuple(Source(s) for s in raw["needs"]),
                policy=bool(raw["policy"]),
                message=str(raw["message"]),
                basis=str(raw["basis"]),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise DataError(f"{where}: invalid or missing field ({exc})") from None
    if not out:
        raise DataError("rules.toml: no rules")
    return out


@cache
def rules() -> dict[str, Rule]:
    """The bundled rule catalogue (cached)."""
    return parse_rules(bundled.load("rules.toml"))


# ------------------------------------------------------------------------------------------ settings


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds and first-party domains; written into report.settings so a reader sees what applied.

    rules.md: "no official number exists, so the threshold is a setting" (164 §1.2 gives "every 30 s"
    and "every 2 s" as examples of excessive reads).
    """

    first_party_domains: tuple[str, ...] = ()
    frequency_max_reads: int = 1  # more than this many reads of one type by one actor per window fires
    frequency_window_s: float = 30.0
    frequency_grace_s: float = 60.0  # start-up reads in the first minute are not counted
    frequency_groups: tuple[str, ...] = ("device_identifier", "location", "apps")
    sharing_groups: tuple[str, ...] = ("device_identifier", "location", "apps")
    max_evidence_per_finding: int = 25

    def __post_init__(self) -> None:
        if self.frequency_max_reads < 1 or self.frequency_window_s <= 0 or self.frequency_grace_s < 0:
            raise InputError(
                "settings: frequency_max_reads must be >= 1, frequency_window_s > 0 and frequency_grace_s >= 0"
            )
        if self.max_evidence_per_finding < 1:
            raise InputError("settings: max_evidence_per_finding must be >= 1")

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_party_domains": list(self.first_party_domains),
            "frequency_max_reads": self.frequency_max_reads,
            "frequency_window_s": self.frequency_window_s,
            "frequency_grace_s": self.frequency_grace_s,
            "frequency_groups": list(self.frequency_groups),
            "sharing_groups": list(self.sharing_groups),
            "max_evidence_per_finding": self.max_evidence_per_finding,
        }

    def is_first_party(self, host: str) -> bool:
        # The same check the capture addon uses for a flow's party, so both agree (appaudit/hosts.py).
        return host_in(host, self.first_party_domains)


# ------------------------------------------------------------------------------------------ evidence views


def kind(e: Evidence) -> str:
    """E's kind as its JSON string, for display; code tests `e.kind` (an EvidenceKind) instead."""
    return e.kind.value


def short_permission(name: str) -> str:
    """`android.permission.READ_PHONE_STATE` and `READ_PHONE_STATE` name the same permission."""
    return name.strip().rsplit(".", 1)[-1].upper()


@dataclass(frozen=True, slots=True)
class SdkInfo:
    """What the report knows about one SDK actor, from its detection evidence or the catalogue."""

    id: str
    name: str
    vendor: str
    category: str
    collects: bool


@dataclass(slots=True)
class View:
    """The evidence of one report indexed the ways the rules read it (built once per compare)."""

    evidence: Sequence[Evidence]
    ran: frozenset[Source]
    policy_given: bool
    consent_at: float | None
    refusal_at: float | None
    declared_types: frozenset[str]
    declared_permissions: frozenset[str]
    sdk_rows: dict[Actor, list[Evidence]] = field(default_factory=dict)
    sdks: dict[Actor, SdkInfo] = field(default_factory=dict)
    degraded: dict[Source, str] = field(default_factory=dict)  # source -> reasons (Report.coverage)
    failed: dict[Source, str] = field(default_factory=dict)


def _sdk_info(actor: Actor, detail: SdkDetail | None, catalogue: Any) -> SdkInfo:
    """ACTOR from DETAIL (its first `sdk` evidence, or None) and the catalogue."""
    sig = catalogue.signatures.get(actor) if catalogue is not None else None
    d = detail or SdkDetail()
    # The static analyser marks plain libraries (okhttp, gson) with library=True; the catalogue knows best.
    collects = bool(getattr(sig, "collects", not d.library))
    return SdkInfo(
        id=actor,
        name=d.name or str(getattr(sig, "name", "") or actor),
        vendor=d.vendor or str(getattr(sig, "vendor", "")),
        category=d.category or str(getattr(sig, "category", "")),
        collects=collects,
    )


def _row_sdk_id(row: Evidence, catalogue: Any) -> Actor:
    """The SDK a policy row names: its actor, its sdk_id, or a catalogue match on its name/provider."""
    d = row.detail if isinstance(row.detail, SdkRowDetail) else SdkRowDetail()
    for cand in (row.actor, Actor.parse(d.sdk_id)):
        if not cand.is_unknown:
            return cand
    if catalogue is not None:
        for text in (d.name, d.provider):
            if text:
                sig = catalogue.match_policy_name(str(text))
                if sig is not None:
                    return Actor.parse(sig.id)
    return Actor.UNKNOWN


def sources_ran(report: Report) -> frozenset[Source]:
    """The evidence sources whose analyser ran (from sections, or any evidence of that source)."""
    ran = {e.source for e in report.evidence}
    sections = set(report.sections)
    if "static" in sections:
        ran |= {Source.MANIFEST, Source.CODE}
    if "runtime" in sections:
        ran.add(Source.RUNTIME)
    if "network" in sections:
        ran.add(Source.NETWORK)
    if "policy" in sections:
        ran.add(Source.POLICY)
    return frozenset(ran)


def build_view(report: Report, catalogue: Any = None) -> View:
    ev = report.evidence
    ran = sources_ran(report)
    consent = [e.at for e in ev if e.source is Source.RUNTIME and e.kind is EvidenceKind.CONSENT and e.at is not None]
    refusal = [e.at for e in ev if e.source is Source.RUNTIME and e.kind is EvidenceKind.REFUSAL and e.at is not None]
    declared_types = frozenset(
        e.data_type
        for e in ev
        if e.source is Source.POLICY and e.kind is EvidenceKind.DECLARED_DATA_TYPE and e.data_type
    )
    declared_perms = frozenset(
        short_permission(e.detail.permission)
        for e in ev
        if e.source is Source.POLICY and isinstance(e.detail, DeclaredPermissionDetail) and e.detail.permission
    )
    view = View(
        evidence=ev,
        ran=ran,
        policy_given=Source.POLICY in ran,
        consent_at=min(consent) if consent else None,
        refusal_at=min(refusal) if refusal else None,
        declared_types=declared_types,
        declared_permissions=declared_perms,
    )
    detection: dict[Actor, SdkDetail] = {}  # one pass, not one scan of all evidence per actor
    for e in ev:
        if e.source is Source.POLICY and e.kind is EvidenceKind.SDK_ROW:
            view.sdk_rows.setdefault(_row_sdk_id(e, catalogue), []).append(e)
        elif isinstance(e.detail, SdkDetail):
            detection.setdefault(e.actor, e.detail)
    actors = {e.actor for e in ev if e.source is not Source.POLICY and e.actor.is_sdk}
    for actor in sorted(actors):
        view.sdks[actor] = _sdk_info(actor, detection.get(actor), catalogue)
    return view


def phase_of(e: Evidence, view: View) -> Phase | None:
    """The event's phase; NETWORK evidence without one gets it from the runtime consent time."""
    if e.phase is not None:
        return e.phase
    if e.at is None:
        return None
    if view.consent_at is None:
        # A run that saw no consent (refused, or never answered) is before consent throughout, as its
        # own RUNTIME reads are; without a runtime source there is no consent clock to judge by.
        return Phase.PRE_CONSENT if Source.RUNTIME in view.ran else None
    return Phase.PRE_CONSENT if e.at < view.consent_at else Phase.POST_CONSENT


def is_collection(e: Evidence) -> bool:
    """A fact that the actor really collects its data type (rules.md UNDECLARED_DATA_TYPE).

    A CODE call site counts only when reachable from an entry point: dead library code is not
    collection. RUNTIME reads and NETWORK transfers are observations and always count.
    """
    if e.data_type is None:
        return False
    k = e.kind
    if e.source is Source.RUNTIME:
        return k is EvidenceKind.READ
    if e.source is Source.NETWORK:
        return k is EvidenceKind.TRANSFER
    if e.source is Source.CODE:
        return isinstance(e.detail, CallSiteDetail) and e.detail.reachable is True
    return False


def proves_collection(e: Evidence, view: View) -> bool:
    """`is_collection`, except for the call sites of a library that collects nothing itself (androidx's menu,
    clipboard and night-mode helpers, OkHttp: `collects = false` in the catalogue). Such code works for the
    app's features and static reachability over-approximates which of them run, so its call sites are shown
    but prove nothing; a RUNTIME read or NETWORK transfer from it still does."""
    if not is_collection(e):
        return False
    if e.source is Source.CODE:
        info = view.sdks.get(e.actor)
        return info is None or info.collects
    return True


def host_of(e: Evidence) -> str:
    """The host a transfer went to: the addon's `host`, else the authority of its URL without the port.

    hosts.normalize_host strips the port, so an IPv6 literal ("[::1]:8080") keeps its colons.
    """
    d = e.detail if isinstance(e.detail, TransferDetail) else TransferDetail()
    if d.host:
        return d.host
    url = d.url or e.locator.split(" ", 1)[-1]
    rest = url.split("://", 1)[-1]
    return normalize_host(rest.split("/", 1)[0])


def is_third_party(e: Evidence, settings: Settings) -> bool:
    """A transfer leaving the app's own domains: the settings decide first, then the addon's verdict."""
    host = host_of(e)
    if settings.first_party_domains:
        return not settings.is_first_party(host)
    party = e.detail.party if isinstance(e.detail, TransferDetail) else None
    if party in ("first", "third"):  # the addon's verdict, a JSON string: parsed here
        return party == "third"
    return not e.actor.is_app


def _group(data_type: str | None) -> str:
    if data_type is None:
        return ""
    dt = ontology.load().get(data_type)
    return dt.group if dt else ""


# ------------------------------------------------------------------------------------------ findings


class _Builder:
    """Collects the evidence of each (rule, actor, data type, subject) and words one finding per key."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ev: dict[tuple[str, Actor, str, str], list[Evidence]] = defaultdict(list)
        # Per key, the evidence added so far grouped by its hashable fields: Evidence itself is not
        # hashable (its detail is a dict), and a plain `in` on the list made a run of n reads cost n².
        self._seen: dict[tuple[str, Actor, str, str], dict[tuple[Any, ...], list[Evidence]]] = defaultdict(dict)
        self._detail: dict[tuple[str, Actor, str, str], str] = {}

    def add(
        self,
        rule_id: str,
        actor: Actor,
        data_type: str | None,
        ev: Iterable[Evidence],
        detail: str = "",
        subject: str = "",
    ) -> None:
        key = (rule_id, actor, data_type or "", subject)
        bucket, seen = self._ev[key], self._seen[key]
        for e in ev:
            same = seen.setdefault((e.data_type, e.source, e.actor, e.locator, e.at, e.phase), [])
            if e not in same:  # equal evidence has equal hashable fields: only those are compared
                same.append(e)
                bucket.append(e)
        if detail:
            self._detail[key] = detail

    def count(self, rule_id: str) -> int:
        """How many findings RULE_ID has so far."""
        return sum(1 for key in self._ev if key[0] == rule_id)

    def findings(self) -> list[Finding]:
        out = []
        catalogue = rules()
        for key, ev in sorted(self._ev.items()):
            rule_id, actor, data_type, subject = key
            rule = catalogue[rule_id]
            ordered = sorted(ev, key=Evidence.sort_key)
            message = rule.message.format(
                actor=actor, data_type=data_type or "-", count=len(ordered), detail=self._detail.get(key, "")
            )
            out.append(
                Finding(
                    rule_id=rule_id,
                    severity=rule.severity,
                    title=rule.title,
                    message=message,
                    data_type=data_type or None,
                    actor=actor,
                    evidence=tuple(ordered[: self.settings.max_evidence_per_finding]),
                    subject=subject,
                )
            )
        return out


def _sensitive_permission(name: str, detail: PermissionDetail | None = None) -> bool:
    info = permissions.lookup(name if "." in name else f"android.permission.{name}")
    if info.protection_level == "unknown" and detail is not None:
        # a vendor or custom permission: trust what the manifest analyser recorded
        info = permissions.PermissionInfo(
            name=name, protection_level=detail.protection_level, play_restricted=detail.play_restricted
        )
    return permissions.is_sensitive(info)


def _play_restricted(name: str, detail: PermissionDetail) -> bool:
    info = permissions.lookup(name)
    return info.play_restricted or detail.play_restricted


def _row_types(row: Evidence) -> tuple[str, ...]:
    """The data types an SDK-list row names."""
    return row.detail.data_types if isinstance(row.detail, SdkRowDetail) else ()


def _foreground(e: Evidence) -> bool | None:
    return e.detail.foreground if isinstance(e.detail, ReadDetail) else None


def _by_actor_type(ev: Iterable[Evidence]) -> dict[tuple[Actor, str | None], list[Evidence]]:
    out: dict[tuple[Actor, str | None], list[Evidence]] = defaultdict(list)
    for e in ev:
        out[(e.actor, e.data_type)].append(e)
    return out


def _runtime_reads(view: View) -> list[Evidence]:
    return [e for e in view.evidence if e.source is Source.RUNTIME and e.kind is EvidenceKind.READ and e.data_type]


def _pre_consent(view: View, b: _Builder, s: Settings) -> None:
    ev = [
        e
        for e in view.evidence
        if e.source in (Source.RUNTIME, Source.NETWORK) and is_collection(e) and phase_of(e, view) is Phase.PRE_CONSENT
    ]
    for (actor, dt), group in _by_actor_type(ev).items():
        b.add("PRE_CONSENT_COLLECTION", actor, dt, group)


def _pre_consent_permission(view: View, b: _Builder, s: Settings) -> None:
    asked: dict[Actor, set[str]] = defaultdict(set)
    proof: dict[Actor, list[Evidence]] = defaultdict(list)
    for e in view.evidence:
        if (
            e.source is not Source.RUNTIME
            or not isinstance(e.detail, PermissionRequestDetail)
            or phase_of(e, view) is not Phase.PRE_CONSENT
        ):
            continue
        perms = {short_permission(p) for p in e.detail.permissions if _sensitive_permission(p)}
        if perms:
            asked[e.actor] |= perms
            proof[e.actor].append(e)
    for actor, perms in asked.items():
        b.add("PRE_CONSENT_PERMISSION", actor, None, proof[actor], detail=", ".join(sorted(perms)))


def _after_refusal(view: View, b: _Builder, s: Settings) -> None:
    if view.refusal_at is None:
        return
    refusals = [e for e in view.evidence if e.source is Source.RUNTIME and e.kind is EvidenceKind.REFUSAL]
    late = [e for e in _runtime_reads(view) if e.at is not None and e.at > view.refusal_at]
    for (actor, dt), group in _by_actor_type(late).items():
        b.add("COLLECTION_AFTER_REFUSAL", actor, dt, [*group, *refusals[:1]])


def _undeclared_type(view: View, b: _Builder, s: Settings) -> None:
    # Types listed in an SDK row are declared too: the row is part of the policy (292's sharing list).
    declared = set(view.declared_types)
    for rows in view.sdk_rows.values():
        for row in rows:
            declared.update(_row_types(row))
    seen = [e for e in view.evidence if proves_collection(e, view) and e.data_type not in declared]
    for (actor, dt), group in _by_actor_type(seen).items():
        sources = ", ".join(sorted({e.source.value.lower() for e in group}))
        b.add("UNDECLARED_DATA_TYPE", actor, dt, group, detail=f"seen in {sources}")


def _undeclared_sdk(view: View, b: _Builder, s: Settings) -> None:
    for actor, info in view.sdks.items():
        if not info.collects or actor in view.sdk_rows:
            continue
        proof = [
            e
            for e in view.evidence
            if e.actor == actor
            and (
                (e.source in (Source.MANIFEST, Source.CODE) and e.kind is EvidenceKind.SDK)
                or (e.source is Source.NETWORK and e.kind is EvidenceKind.TRANSFER)
            )
        ]
        if proof:
            label = ", ".join(x for x in (info.name, info.vendor) if x and x != actor) or "unlisted"
            b.add("UNDECLARED_SDK", actor, None, proof, detail=label)


def _sdk_exceeds(view: View, b: _Builder, s: Settings) -> None:
    for actor, rows in view.sdk_rows.items():
        if not actor.is_sdk:
            continue
        # rules.md: a row that only links to the SDK's own policy declares no types for it
        listed = {t for row in rows for t in _row_types(row)}
        seen = [e for e in view.evidence if e.actor == actor and is_collection(e) and e.data_type not in listed]
        for (_, dt), group in _by_actor_type(seen).items():
            detail = "row lists " + (", ".join(sorted(listed)) if listed else "no data types, only a link")
            b.add("SDK_EXCEEDS_DISCLOSURE", actor, dt, [*group, *rows], detail=detail)


def _sharing(view: View, b: _Builder, s: Settings) -> None:
    for e in view.evidence:
        if not (e.source is Source.NETWORK and e.kind is EvidenceKind.TRANSFER and e.data_type):
            continue
        if _group(e.data_type) not in s.sharing_groups or not is_third_party(e, s):
            continue
        reasons = []
        if phase_of(e, view) is Phase.PRE_CONSENT:
            reasons.append("before consent")
        if view.policy_given and e.actor not in view.sdk_rows:
            reasons.append("recipient not named in the policy")
        if reasons:
            host = host_of(e)
            detail = f"host {host}; " + ", ".join(reasons)
            b.add("UNDISCLOSED_SHARING", e.actor, e.data_type, [e], detail=detail, subject=host)


def _permission_unexplained(view: View, b: _Builder, s: Settings) -> None:
    for e in view.evidence:
        if e.source is not Source.MANIFEST or not isinstance(e.detail, PermissionDetail):
            continue
        name = e.detail.permission
        if not name or not _sensitive_permission(name, e.detail):
            continue
        if short_permission(name) not in view.declared_permissions:
            b.add("PERMISSION_UNEXPLAINED", e.actor, None, [e], detail=name, subject=short_permission(name))


def _declared_not_observed(view: View, b: _Builder, s: Settings) -> None:
    types = ontology.load()
    observed = {e.data_type for e in view.evidence if e.source is not Source.POLICY and e.data_type}
    for e in view.evidence:
        if e.source is not Source.POLICY or e.kind is not EvidenceKind.DECLARED_DATA_TYPE or not e.data_type:
            continue
        dt = types.get(e.data_type)
        # Types no device API reads (name, email ...) cannot be observed: listed in sections, not flagged.
        if dt is None or not dt.device or e.data_type in observed:
            continue
        b.add("DECLARED_NOT_OBSERVED", Actor.APP, e.data_type, [e])


def _frequency(view: View, b: _Builder, s: Settings) -> None:
    reads = [e for e in _runtime_reads(view) if e.at is not None and _group(e.data_type) in s.frequency_groups]
    for (actor, dt), group in _by_actor_type(reads).items():
        late = sorted((e for e in group if e.at is not None and e.at >= s.frequency_grace_s), key=Evidence.sort_key)
        times = [e.at for e in late if e.at is not None]
        worst, start = 0, 0
        for i, t in enumerate(times):  # sliding window: reads in [t_j, t_j + window)
            while times[start] <= t - s.frequency_window_s:
                start += 1
            worst = max(worst, i - start + 1)
        if worst > s.frequency_max_reads:
            detail = (
                f"{worst} times within {s.frequency_window_s:g} s after the first {s.frequency_grace_s:g} s "
                f"(threshold: more than {s.frequency_max_reads}); {len(times)} reads in all"
            )
            b.add("EXCESSIVE_FREQUENCY", actor, dt, late, detail=detail)


def _background(view: View, b: _Builder, s: Settings) -> None:
    # Reads during start-up (Application.onCreate, before any activity was ever resumed) are not
    # "background": the app has not been shown yet, and PRE_CONSENT_COLLECTION covers them. Only a
    # read with no resumed activity after the app was first seen in the foreground counts.
    reads = _runtime_reads(view)
    shown = [e.at for e in reads if _foreground(e) is True and e.at is not None]
    if not shown:
        return
    first_shown = min(shown)
    bg = [e for e in reads if _foreground(e) is False and e.at is not None and e.at > first_shown]
    for (actor, dt), group in _by_actor_type(bg).items():
        b.add("BACKGROUND_COLLECTION", actor, dt, group)


def _self_start(view: View, b: _Builder, s: Settings) -> None:
    for e in view.evidence:
        if e.source is Source.MANIFEST and isinstance(e.detail, ComponentDetail) and e.detail.self_start:
            actions = ", ".join(a.rsplit(".", 1)[-1] for a in e.detail.actions)
            name = e.detail.name or e.locator
            b.add("SELF_START", e.actor, None, [e], detail=f"{name} ({actions})" if actions else name, subject=name)


def _associated_start(view: View, b: _Builder, s: Settings) -> None:
    by_actor: dict[Actor, list[Evidence]] = defaultdict(list)
    for e in view.evidence:
        if e.source is Source.RUNTIME and e.kind is EvidenceKind.START_OTHER:
            by_actor[e.actor].append(e)
    for actor, group in by_actor.items():
        # One finding per started package: its subject (the gate tells a newly started app apart).
        by_target: dict[str, list[Evidence]] = defaultdict(list)
        for e in group:
            by_target[(e.detail.target_package if isinstance(e.detail, StartOtherDetail) else "") or "?"].append(e)
        for target, started in by_target.items():
            b.add("ASSOCIATED_START", actor, None, started, detail=target, subject=target)


def _restricted(view: View, b: _Builder, s: Settings) -> None:
    for e in view.evidence:
        if e.source is Source.MANIFEST and isinstance(e.detail, PermissionDetail):
            name = e.detail.permission
            if name and _play_restricted(name, e.detail):
                b.add("RESTRICTED_PERMISSION", e.actor, None, [e], detail=name, subject=short_permission(name))


def _cleartext(view: View, b: _Builder, s: Settings) -> None:
    plain = [
        e
        for e in view.evidence
        if e.source is Source.NETWORK
        and e.kind is EvidenceKind.TRANSFER
        and e.data_type
        and isinstance(e.detail, TransferDetail)
        and (e.detail.tls is False or e.detail.url.startswith("http://"))
    ]
    for (actor, dt), group in _by_actor_type(plain).items():
        # One finding per host: its subject (the gate tells a new cleartext host apart).
        by_host: dict[str, list[Evidence]] = defaultdict(list)
        for e in group:
            by_host[host_of(e)].append(e)
        for host, sent in by_host.items():
            b.add("CLEARTEXT_TRANSFER", actor, dt, sent, detail=f"to {host}", subject=host)


# The advertising ids are resettable by the user; the others are not (Play advertising ID terms).
RESETTABLE = ("gaid", "oaid")
PERSISTENT = ("imei", "android_id", "mac", "serial", "meid", "imsi", "iccid")


def _linking(view: View, b: _Builder, s: Settings) -> None:
    # One request = same actor, URL and capture time (each hit of a request is its own transfer evidence).
    requests: dict[tuple[Actor, str, float | None, str], list[Evidence]] = defaultdict(list)
    for e in view.evidence:
        if e.source is Source.NETWORK and isinstance(e.detail, TransferDetail) and e.data_type:
            requests[(e.actor, e.detail.url or e.locator, e.at, str(e.detail.time))].append(e)
    for (actor, _url, _at, _time), group in requests.items():
        types = {e.data_type for e in group}
        persistent = sorted(t for t in types if t in PERSISTENT)
        if not persistent:
            continue
        host = host_of(group[0])  # one request: one host, the finding's subject
        for ad in RESETTABLE:
            if ad in types:
                b.add("IDENTIFIER_LINKING", actor, ad, group, detail=", ".join(persistent), subject=host)


_CHECKS: dict[str, Callable[[View, _Builder, Settings], None]] = {
    "PRE_CONSENT_COLLECTION": _pre_consent,
    "PRE_CONSENT_PERMISSION": _pre_consent_permission,
    "COLLECTION_AFTER_REFUSAL": _after_refusal,
    "UNDECLARED_DATA_TYPE": _undeclared_type,
    "UNDECLARED_SDK": _undeclared_sdk,
    "SDK_EXCEEDS_DISCLOSURE": _sdk_exceeds,
    "UNDISCLOSED_SHARING": _sharing,
    "PERMISSION_UNEXPLAINED": _permission_unexplained,
    "DECLARED_NOT_OBSERVED": _declared_not_observed,
    "EXCESSIVE_FREQUENCY": _frequency,
    "BACKGROUND_COLLECTION": _background,
    "SELF_START": _self_start,
    "ASSOCIATED_START": _associated_start,
    "RESTRICTED_PERMISSION": _restricted,
    "CLEARTEXT_TRANSFER": _cleartext,
    "IDENTIFIER_LINKING": _linking,
}


def _not_evaluated(rule: Rule, view: View) -> str | None:
    """Why a rule cannot be evaluated on this report, or None when it can."""
    if not any(src in view.ran for src in rule.needs):
        needed = " or ".join(src.value.lower() for src in rule.needs)
        failed = [f"{src.value.lower()}: {view.failed[src]}" for src in rule.needs if src in view.failed]
        return f"needs {needed} evidence, and no such source ran" + (f" ({'; '.join(failed)})" if failed else "")
    if rule.policy and not view.policy_given:
        return "needs a privacy policy (--policy), and none was analysed"
    return None


def _degraded_only(rule: Rule, view: View) -> str | None:
    """Why a rule's result is no pass: every source it needs that ran is degraded (None otherwise)."""
    ran = [src for src in rule.needs if src in view.ran]
    degraded = [src for src in ran if src in view.degraded]
    if rule.policy and Source.POLICY in view.degraded:
        degraded.append(Source.POLICY)  # a rule read against a policy that was only partly read
    elif not ran or len(degraded) < len(ran):
        return None
    return "evaluated on degraded evidence, no finding is not a pass: " + "; ".join(
        f"{src.value.lower()} degraded ({view.degraded[src]})" for src in degraded
    )


def _coverage_view(report: Report, view: View) -> None:
    """Fill VIEW's failed and degraded sources from the report's coverage; a failed source did not run."""
    for cov in report.coverage.values():
        reasons = "; ".join(cov.reasons) or cov.status.value
        for src in cov.sources:
            if cov.status is Status.DEGRADED:
                view.degraded[src] = reasons
            elif cov.status is Status.FAILED:
                view.failed[src] = reasons
    if view.failed:
        view.ran = frozenset(src for src in view.ran if src not in view.failed)
        view.policy_given = Source.POLICY in view.ran


def comparison(report: Report, view: View, evaluated: Sequence[str], not_evaluated: Mapping[str, str]) -> Comparison:
    """The declared-vs-observed view of REPORT (see `Comparison`): SDK table and data type x actor matrix.

    The app column counts a type as declared when the policy text declares it; an SDK column when
    that SDK's row of the policy's SDK list (or a declaration attributed to it) names the type.
    A code mark is "reachable" when a call site is reachable from an entry point (is_collection).
    """
    types = ontology.load()
    row_types: dict[Actor, set[str]] = defaultdict(set)
    for actor, rows in view.sdk_rows.items():
        for row in rows:
            row_types[actor].update(_row_types(row))
    seen_by: dict[Actor, set[Source]] = defaultdict(set)
    marks: dict[tuple[str, Actor], list[Any]] = {}  # [code mark, runtime, network]
    for e in view.evidence:
        if e.source is Source.POLICY:
            if e.kind is EvidenceKind.DECLARED_DATA_TYPE and e.data_type and not e.actor.is_app:
                row_types[e.actor].add(e.data_type)
            continue
        if e.actor.is_sdk:
            seen_by[e.actor].add(e.source)
        if e.data_type is None:
            continue
        m = marks.setdefault((e.data_type, e.actor), [CodeMark.NONE, False, False])
        if e.source is Source.CODE:
            proof = proves_collection(e, view)
            m[0] = CodeMark.REACHABLE if proof or m[0] is CodeMark.REACHABLE else CodeMark.UNREACHABLE
        elif e.source is Source.RUNTIME and e.kind is EvidenceKind.READ:
            m[1] = True
        elif e.source is Source.NETWORK:
            m[2] = True
    actors = sorted(
        {a for _, a in marks} | {a for a in row_types if not a.is_unknown} | {Actor.APP},
        key=lambda a: (not a.is_app, a),
    )
    order = {t: i for i, t in enumerate(types)}
    all_types = {t for t, _ in marks} | set(view.declared_types) | {t for ts in row_types.values() for t in ts}
    matrix = []
    for t in sorted(all_types, key=lambda t: (order.get(t, len(order)), t)):
        cells = []
        for a in actors:
            code, runtime, network = marks.get((t, a), (CodeMark.NONE, False, False))
            declared = t in view.declared_types if a.is_app else t in row_types.get(a, ())
            cells.append(Cell(a, declared, code, runtime, network))
        dt = types.get(t)
        matrix.append(MatrixRow(t, dt.name if dt else "", t in view.declared_types, tuple(cells)))
    sdks = tuple(
        SdkSummary(
            id=k,
            name=v.name,
            vendor=v.vendor,
            category=v.category,
            collects=v.collects,
            in_policy=k in view.sdk_rows,
            sources=tuple(src for src in Source if src in seen_by.get(k, ())),
        )
        for k, v in sorted(view.sdks.items())
    )
    return Comparison(
        policy_given=view.policy_given,
        consent_at=view.consent_at,
        refusal_at=view.refusal_at,
        rules_evaluated=tuple(evaluated),
        rules_not_evaluated=dict(not_evaluated),
        declared_types=tuple(sorted(view.declared_types)),
        declared_permissions=tuple(sorted(view.declared_permissions)),
        declared_not_observable=tuple(
            sorted(t for t in view.declared_types if (dt := types.get(t)) is not None and not dt.device)
        ),
        sdks=sdks,
        actors=tuple(actors),
        matrix=tuple(matrix),
    )


def compare(report: Report, settings: Settings | None = None, catalogue: Any = None) -> Report:
    """The report with the findings its evidence proves, the settings applied and its `Comparison`.

    `catalogue` is an `appaudit.signatures.Catalogue` (loaded when None and available); it supplies
    SDK names and whether an SDK collects data at all (a JSON library need not be in the SDK list).
    A rule whose sources did not run (or failed) is not evaluated; one whose sources all ran degraded
    keeps the findings it proves but, finding nothing, is listed as not evaluated, never as a pass.
    """
    s = settings or Settings()
    if catalogue is None:
        catalogue = signatures.load_or_none()  # a broken catalogue must not stop the comparison
    view = build_view(report, catalogue)
    _coverage_view(report, view)
    builder = _Builder(s)
    evaluated, skipped = [], {}
    for rule_id, rule in rules().items():
        reason = _not_evaluated(rule, view)
        if reason is not None:
            skipped[rule_id] = reason
            continue
        before = builder.count(rule_id)
        _CHECKS[rule_id](view, builder, s)
        degraded = _degraded_only(rule, view)
        if degraded is not None and builder.count(rule_id) == before:
            skipped[rule_id] = degraded
            continue
        evaluated.append(rule_id)
    found = builder.findings()
    result = comparison(report, view, evaluated, skipped)
    return replace(
        report,
        findings=tuple(sorted((*report.findings, *found), key=Finding.sort_key)),
        # One view: schema 1's sections["compare"] is now `comparison` (Report.from_dict reads the old one).
        sections={k: v for k, v in report.sections.items() if k != "compare"},
        settings={**report.settings, **s.to_dict()},
        comparison=result,
    )


def finding_key(f: Finding) -> tuple[str, str, str, str]:
    """A finding's identity across versions of an app (the gate diffs on it): rule, actor, type, subject."""
    return f.key
