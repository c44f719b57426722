"""A draft of Google Play's Data safety form as the CSV Play Console imports ("Import from CSV").

The five columns are those of Play Console's own export: question id, response id, response value,
answer requirement, human-friendly label. Play reads the ids and values; the label column carries
appaudit's evidence for each answer ("DRAFT" first), so the developer sees why a box is ticked. Only
what the report shows is answered: a data type is collected when a source observed it (reachable code,
a runtime read, a network transfer) or the policy declares it; it is shared when a third-party
transfer was captured or an SDK whose category sends data to its vendor collected it; purposes come
from SDK categories. Deletion, user control and the app's own purposes are left empty: only the
developer knows them. Mapping tables live in data/datasafety.toml.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit.compare import is_collection
from appaudit.model import DeclaredDataTypeDetail, Report, SdkDetail, Source, TransferDetail
from appaudit.report.options import RenderOptions
from appaudit.report.present import comparison_of, local_path

HEADER = (
    "Question ID (machine readable)",
    "Response ID (machine readable)",
    "Response value",
    "Answer requirement",
    "Human-friendly question label",
)
MAX_NAMES = 6  # actors named in one comment


@cache
def _table() -> dict[str, Any]:
    return bundled.load("datasafety.toml")


@dataclass(slots=True)
class _Use:
    """What the report shows about one Play data type."""

    observed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # actor -> sources
    declared: list[str] = field(default_factory=list)  # where the policy declares it
    shared_by: set[str] = field(default_factory=set)
    purposes: set[str] = field(default_factory=set)
    ours: set[str] = field(default_factory=set)  # appaudit data type ids behind it


def _sdk_categories(report: Report) -> dict[str, str]:
    """SDK id -> catalogue category, from compare's comparison (or the detection records)."""
    out = {str(s.id): s.category for s in comparison_of(report)[0].sdks if s.category}
    for e in report.evidence:
        if isinstance(e.detail, SdkDetail) and e.detail.category:
            out.setdefault(str(e.actor), e.detail.category)
    return out


def uses(report: Report) -> tuple[dict[str, _Use], set[str]]:
    """Play response id -> what supports it, and the appaudit types with no Play counterpart."""
    table = _table()
    mapping: Mapping[str, list[str]] = table["map"]
    categories: Mapping[str, Mapping[str, Any]] = table["category"]
    sdk_cat = _sdk_categories(report)
    out: dict[str, _Use] = defaultdict(_Use)
    unmapped: set[str] = set()
    for e in report.evidence:
        if not e.data_type:
            continue
        declaration = e.detail if e.source is Source.POLICY and isinstance(e.detail, DeclaredDataTypeDetail) else None
        declared = declaration is not None
        if not (declared or is_collection(e)):
            continue
        targets = mapping.get(e.data_type, [])
        if not targets:
            unmapped.add(e.data_type)
            continue
        actor = str(e.actor)
        cat = categories.get(sdk_cat.get(actor, ""), {})
        for t in targets:
            use = out[t]
            use.ours.add(e.data_type)
            if declaration is not None:
                line, file = declaration.line, local_path(declaration.file or "policy")
                use.declared.append(f"{file}:{line}" if isinstance(line, int) else file)
                continue
            use.observed[actor].add(e.source.value.lower())
            use.purposes.update(cat.get("purposes", ()))
            third_party = isinstance(e.detail, TransferDetail) and e.detail.party == "third"
            if third_party or (e.actor.is_sdk and cat.get("shared")):
                use.shared_by.add(actor)
    return dict(out), unmapped


def _names(items: Mapping[str, set[str]] | set[str]) -> str:
    if isinstance(items, Mapping):
        names = [f"{a} ({', '.join(sorted(s))})" for a, s in sorted(items.items())]
    else:
        names = sorted(items)
    more = len(names) - MAX_NAMES
    return ", ".join(names[:MAX_NAMES]) + (f" and {more} more" if more > 0 else "")


def _comment(use: _Use) -> str:
    parts = []
    if use.observed:
        parts.append(f"observed: {_names(use.observed)}")
    if use.declared:
        parts.append(f"declared in the policy ({', '.join(sorted(set(use.declared))[:3])})")
    if not use.observed:
        parts.append("not observed by any source that ran")
    return f"appaudit types {', '.join(sorted(use.ours))}; " + "; ".join(parts)


def rows(report: Report) -> list[tuple[str, str, str, str, str]]:
    """The draft's rows (header first)."""
    table = _table()
    found, unmapped = uses(report)
    app = report.app
    who = " ".join(x for x in (app.package, app.version_name) if x) or "the app"
    draft = (
        f"DRAFT by appaudit {report.tool_version or ''} for {who} ({report.generated_at or 'undated'}): "
        "review every answer before importing; "
    ).replace("  ", " ")
    net = report.sections.get("network")
    flows = net.get("flows") if isinstance(net, Mapping) else None
    cleartext = [f for f in report.findings if f.rule_id == "CLEARTEXT_TRANSFER"]
    if cleartext:
        encrypted, enc_note = "false", f"plain HTTP seen: {_names({str(f.actor) for f in cleartext})}"
    elif isinstance(flows, int) and flows > 0:
        encrypted, enc_note = "true", f"no personal data sent without TLS in {flows} captured requests"
    else:
        encrypted, enc_note = "", "no traffic was captured: cannot tell; answer yourself"
    out: list[tuple[str, str, str, str, str]] = [HEADER]
    out.append(
        (
            "PSL_DATA_COLLECTION_COLLECTS_PERSONAL_DATA",
            "",
            "true" if found else "false",
            "REQUIRED",
            draft
            + "Does your app collect or share any of the required user data types? — appaudit: "
            + (f"{len(found)} Play data types supported by evidence" if found else "no evidence of collection")
            + (f"; not Play data types: {', '.join(sorted(unmapped))}" if unmapped else ""),
        )
    )
    out.append(
        (
            "PSL_DATA_COLLECTION_ENCRYPTED_IN_TRANSIT",
            "",
            encrypted,
            "MAYBE_REQUIRED",
            f"Is all of the user data collected by your app encrypted in transit? — appaudit: {enc_note}",
        )
    )
    out.append(
        (
            "PSL_DATA_COLLECTION_USER_REQUEST_DELETE",
            "",
            "",
            "MAYBE_REQUIRED",
            "Do you provide a way for users to request that their data is deleted? — appaudit: cannot tell; "
            "answer yourself",
        )
    )
    for group, response, label in table["types"]:
        use = found.get(response)
        out.append(
            (group, response, "true" if use else "", "MULTIPLE_CHOICE", f"{label} — {_comment(use)}" if use else label)
        )
    for _, response, label in table["types"]:
        use = found.get(response)
        if use is None:
            continue
        base, short = f"PSL_DATA_USAGE_RESPONSES:{response}", label.split(" / ")[-1]
        shared = bool(use.shared_by)
        out += [
            (
                f"{base}:PSL_DATA_USAGE_COLLECTION_AND_SHARING",
                "PSL_DATA_USAGE_ONLY_COLLECTED",
                "true",
                "MULTIPLE_CHOICE",
                f"{short} / Collected — appaudit: {_comment(use)}",
            ),
            (
                f"{base}:PSL_DATA_USAGE_COLLECTION_AND_SHARING",
                "PSL_DATA_USAGE_ONLY_SHARED",
                "true" if shared else "",
                "MULTIPLE_CHOICE",
                f"{short} / Shared — appaudit: "
                + (
                    f"sent to or collected by third parties: {_names(use.shared_by)}"
                    if shared
                    else "no third party seen"
                ),
            ),
            (
                f"{base}:PSL_DATA_USAGE_EPHEMERAL",
                "",
                "",
                "MAYBE_REQUIRED",
                f"{short} / Processed ephemerally? — appaudit: cannot tell; answer yourself",
            ),
            (
                f"{base}:DATA_USAGE_USER_CONTROL",
                "PSL_DATA_USAGE_USER_CONTROL_OPTIONAL",
                "",
                "SINGLE_CHOICE",
                f"{short} / Users can choose whether this is collected — appaudit: answer yourself",
            ),
            (
                f"{base}:DATA_USAGE_USER_CONTROL",
                "PSL_DATA_USAGE_USER_CONTROL_REQUIRED",
                "",
                "SINGLE_CHOICE",
                f"{short} / Data collection is required — appaudit: answer yourself",
            ),
        ]
        for pid, plabel in table["purposes"]:
            why = (
                f" — appaudit: from SDK categories of {_names(set(use.observed) - {'app'})}"
                if pid in use.purposes
                else ""
            )
            out.append(
                (
                    f"{base}:DATA_USAGE_COLLECTION_PURPOSE",
                    pid,
                    "true" if pid in use.purposes else "",
                    "MULTIPLE_CHOICE",
                    f"{short} collected for / {plabel}{why}",
                )
            )
        for pid, plabel in table["purposes"]:
            mark = shared and pid in use.purposes
            out.append(
                (
                    f"{base}:DATA_USAGE_SHARING_PURPOSE",
                    pid,
                    "true" if mark else "",
                    "MULTIPLE_CHOICE",
                    f"{short} shared for / {plabel}" + (" — appaudit: from SDK categories" if mark else ""),
                )
            )
    return out


def render(report: Report, options: RenderOptions | None = None) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows(report))
    return buf.getvalue()


__all__ = ["HEADER", "render", "rows", "uses"]
