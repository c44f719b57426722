"""`analyze(files) -> Report`: one app's policy set (main policy, SDK list page, permission page ...) as
sections["policy"] and POLICY evidence (docs/evidence.md, docs/contracts.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from appaudit import __version__
from appaudit.errors import InputError
from appaudit.model import (
    Actor,
    AppInfo,
    DeclaredDataTypeDetail,
    DeclaredPermissionDetail,
    Evidence,
    Report,
    SdkRowDetail,
    Source,
)
from appaudit.policy import extract, records, sdk_table
from appaudit.policy import load as loader
from appaudit.policy import vocab as vocabulary
from appaudit.policy.extract import Context, Declaration, PermissionDeclaration
from appaudit.policy.sdk_table import SdkRow
from appaudit.signatures import load_or_none

MAX_QUOTES = 50


def analyze(files: Sequence[Path], *, generated_at: str = "") -> Report:
    """Analyse one app's policy files together. A file that cannot be read (missing, binary, encrypted PDF,
    undecodable) is a one-line note naming it and the others are analysed; InputError when none can be read."""
    vocab = vocabulary.load()
    notes: list[str] = []
    # A broken catalogue must not stop policy analysis: the rows stay unmatched and a note says why.
    catalogue = load_or_none(
        lambda e: notes.append(f"sdk_signatures not loaded ({e}); SDK rows are not matched to ids")
    )
    decls: list[Declaration] = []
    perms: list[PermissionDeclaration] = []
    rows: list[SdkRow] = []
    formats: dict[str, str] = {}
    failed: list[str] = []
    docs: list[loader.Document] = []
    for path in files:
        try:
            docs.append(loader.load(path))
        except InputError as e:
            # One unreadable file of the set is reported, not fatal: the rest of the set is still analysed.
            failed.append(str(e))
            notes.append(f"not analysed: {e}")
            formats[path.name] = "unreadable"
    # Terms defined anywhere in the set ("设备信息" = IMEI, Android ID, OAID) apply wherever they are collected.
    glossary = extract.build_glossary(docs, vocab)
    for doc in docs:
        formats[doc.file] = doc.format.value + (f" ({doc.encoding})" if doc.encoding else "")
        notes.extend(doc.notes)
        t_rows, sdk_tables, t_notes = sdk_table.table_rows(doc, vocab, catalogue)
        notes.extend(t_notes)
        rows.extend(t_rows)
        rows.extend(sdk_table.paragraph_rows(doc, vocab, catalogue))
        rows.extend(records.list_rows(doc, vocab, catalogue))
        rows.extend(records.heading_rows(doc, vocab, catalogue))
        rows.extend(records.prose_rows(doc, vocab, catalogue))
        d, p = extract.extract(doc, vocab, sdk_tables, glossary)
        decls.extend(d)
        perms.extend(p)
    if files and len(failed) == len(files):
        raise InputError(failed[0] if len(failed) == 1 else f"no policy file readable: {'; '.join(failed)}")
    rows = records.one_sign_in_per_provider(records.merge(records.without_author(rows, docs), catalogue), vocab)
    rows = _with_glossary(rows, docs, vocab, glossary)
    # Document order (files as given, blocks as written): the passes found rows layout by layout.
    order = {(b.file, b.location): i for i, b in enumerate(blk for d in docs for blk in d.blocks)}
    rows.sort(key=lambda r: order.get((r.file, r.location), len(order)))
    for doc in docs:
        if doc.source:
            # Where each row is written in the source file (a line number, beside the section path).
            rows = records.with_lines(rows, doc.file, doc.source)
    # A permission an SDK row names is explained by that row (its purpose is the SDK's purpose).
    for r in rows:
        for name in r.permissions:
            purpose = f"{r.name}: {r.purpose}" if r.purpose else r.name
            perms.append(PermissionDeclaration(name, purpose, r.name, r.location, r.file, literal=False))
    perms = extract.prefer_literal(perms, vocab)
    # The policy set names precise location anywhere -> generic location words mean precise location.
    row_types = {t for r in rows for t in r.data_types}
    precise = extract.has_precise_location(decls) or "location_precise" in row_types
    generic_used = extract.GENERIC_LOCATION in row_types or any(d.data_type == extract.GENERIC_LOCATION for d in decls)
    decls = extract.resolve_locations(decls, precise)
    rows = [sdk_table.resolve_row(r, precise) for r in rows]
    if generic_used:
        notes.append(
            "generic location words read as "
            + (
                "location_precise (the policy names precise location elsewhere)"
                if precise
                else "location_coarse (no precise location named)"
            )
        )
    rows = _unique_rows(rows, notes)
    decls = _capped(extract.dedupe(decls), notes)
    # Types an SDK row lists are declared too: the app shares them with that third party (never capped:
    # compare needs every SDK's declared types).
    for r in rows:
        for dt in r.data_types:
            decls.append(Declaration(dt, r.quotes.get(dt, r.name), r.location, Context.SHARING, False, r.file))
    decls = extract.dedupe(decls)
    unmatched = list(dict.fromkeys(r.name for r in rows if r.sdk_id is None))
    if unmatched:
        shown = ", ".join(unmatched[:30]) + (f" and {len(unmatched) - 30} more" if len(unmatched) > 30 else "")
        notes.append(f"{len(unmatched)} SDK row(s) not matched to an sdk_signatures id: {shown}")
    section = _section(decls, perms, rows, notes, formats)
    return Report(
        app=AppInfo(file=", ".join(str(f) for f in files)),
        evidence=tuple(_evidence(decls, perms, rows)),
        sections={"policy": section},
        settings={"policy_files": [str(f) for f in files]},
        tool_version=__version__,
        generated_at=generated_at,
    ).sorted()


# A word followed by its own explanation in the record: a bracket or a colon.
_NARROWED = re.compile(r"(?:e?s\b)?\s*[(（:：\[【]")


def _with_glossary(
    rows: Sequence[SdkRow],
    docs: Sequence[loader.Document],
    vocab: vocabulary.Vocab,
    glossary: Mapping[str, frozenset[str]],
) -> list[SdkRow]:
    """Rows whose record names a term the policy set defines ("收集信息：设备标识符" where "设备标识符" is defined
    as IMEI、OAID) list the defined types too, as prose that collects the term does."""
    if not glossary:
        return list(rows)
    blocks = {(b.file, b.location): b for d in docs for b in d.blocks}
    out = []
    for r in rows:
        block = blocks.get((r.file, r.location))
        if block is None:
            out.append(r)
            continue
        norm = vocabulary.normalize(block.text)
        extra: dict[str, str] = {}
        for h in vocab.find(norm):
            if _NARROWED.match(norm, h.end):
                continue  # "设备信息（设备标识符）": the record says itself what the word means here
            for dt in sorted(glossary.get(h.term.word, ())):
                if dt not in r.data_types:
                    extra.setdefault(dt, block.text[: extract.QUOTE_MAX])
        if extra:
            r = replace(r, data_types=(*r.data_types, *extra), quotes={**extra, **r.quotes})
        out.append(r)
    return out


def _capped(decls: Sequence[Declaration], notes: list[str]) -> list[Declaration]:
    """The first MAX_QUOTES declarations of each type: a type is declared by its first quotes, and a
    generated or repetitive page must not turn into megabytes of identical evidence."""
    kept: list[Declaration] = []
    count: dict[str, int] = {}
    for d in decls:
        count[d.data_type] = count.get(d.data_type, 0) + 1
        if count[d.data_type] <= MAX_QUOTES:
            kept.append(d)
    over = {t: n - MAX_QUOTES for t, n in count.items() if n > MAX_QUOTES}
    if over:
        notes.append(
            f"kept the first {MAX_QUOTES} quotes per data type; omitted "
            + ", ".join(f"{n} more for {t}" for t, n in sorted(over.items()))
        )
    return kept


def _unique_rows(rows: Sequence[SdkRow], notes: list[str]) -> list[SdkRow]:
    """One row per SDK entry: the same SDK listed again with the same provider and data (e.g. in the
    Android and the iOS list, or a repeated page fragment) is kept once."""
    seen: set[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = set()
    out: list[SdkRow] = []
    for r in rows:
        key = (vocabulary.normalize(r.name), vocabulary.normalize(r.provider), r.data_types, r.permissions)
        if key not in seen:
            seen.add(key)
            out.append(r)
    if len(out) < len(rows):
        notes.append(f"{len(rows) - len(out)} repeated SDK row(s) merged (same name, provider and data)")
    return out


def _section(
    decls: Sequence[Declaration],
    perms: Sequence[PermissionDeclaration],
    rows: Sequence[SdkRow],
    notes: Sequence[str],
    formats: dict[str, str],
) -> dict[str, Any]:
    types: dict[str, list[dict[str, object]]] = {}
    for d in decls:  # document order (files in the order given), so the first quote is the first mention
        types.setdefault(d.data_type, []).append(d.to_dict())
    permissions: dict[str, dict[str, str]] = {}
    for p in perms:
        # The first explanation with a purpose wins; table rows come with one, prose mentions repeat it.
        cur = permissions.get(p.permission)
        if cur is None or (not cur["purpose"] and p.purpose):
            permissions[p.permission] = {"purpose": p.purpose, "quote": p.quote, "location": p.location}
    return {
        "files": formats,
        "declared_data_types": dict(sorted(types.items())),
        "declared_permissions": dict(sorted(permissions.items())),
        "sdk_rows": [r.to_dict() for r in rows],
        "notes": list(dict.fromkeys(notes)),
    }


def _evidence(
    decls: Sequence[Declaration], perms: Sequence[PermissionDeclaration], rows: Sequence[SdkRow]
) -> list[Evidence]:
    out: list[Evidence] = []
    row_actor = {(r.location, r.file): (Actor.parse(r.sdk_id), r.name) for r in rows}
    for d in decls:
        actor, sdk_name = row_actor.get((d.location, d.file), (Actor.APP, ""))
        detail = DeclaredDataTypeDetail(
            quote=d.quote,
            context=d.context.value,
            hedged=d.hedged,
            file=d.file,
            sdk_name=sdk_name or None,
            via=d.via or None,
        )
        out.append(Evidence(d.data_type, Source.POLICY, actor, d.location, detail))
    seen: set[tuple[str, str]] = set()
    for p in perms:
        if (p.permission, p.location) in seen:
            continue
        seen.add((p.permission, p.location))
        out.append(
            Evidence(
                None,
                Source.POLICY,
                Actor.APP,
                p.location,
                DeclaredPermissionDetail(permission=p.permission, purpose=p.purpose, quote=p.quote, file=p.file),
            )
        )
    for r in rows:
        row = SdkRowDetail(
            name=r.name,
            provider=r.provider or None,
            packages=tuple(r.packages),
            data_types=tuple(r.data_types),
            permissions=tuple(r.permissions),
            purpose=r.purpose or None,
            links=tuple(r.links),
            sdk_id=r.sdk_id,
            matched=r.sdk_id is not None,
            how=r.how,
            quote=r.quote or None,
            file=r.file,
            line=r.line,
        )
        out.append(Evidence(None, Source.POLICY, Actor.parse(r.sdk_id), r.location, row))
    return out
