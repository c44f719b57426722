"""How evidence reads to a person: sentences and small tables instead of Python values, identifier
values redacted unless asked for, local paths made relative.

Shared by the HTML (and so PDF), Markdown and Data safety renderers. Nothing here prints `repr()`:
a value of any shape becomes plain text through `plain`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import SplitResult, urlsplit

from appaudit.compare import build_view, comparison
from appaudit.model import (
    CallSiteDetail,
    Comparison,
    ComponentDetail,
    ConsentDetail,
    DeclaredDataTypeDetail,
    DeclaredPermissionDetail,
    Evidence,
    PermissionDetail,
    PermissionRequestDetail,
    Phase,
    ReadDetail,
    RefusalDetail,
    Report,
    SdkDetail,
    SdkRowDetail,
    Severity,
    Source,
    StartOtherDetail,
    TransferDetail,
)
from appaudit.report.i18n import Messages
from appaudit.report.options import RenderOptions

MAX_FRAMES = 8
MAX_TEXT = 400
REDACTED = "•••"
# A URL path segment that looks like an identifier value (digits, hex, a UUID or a MAC address).
_ID_SEGMENT = re.compile(r"^(?:[0-9A-Fa-f][0-9A-Fa-f:-]{7,}|\d{6,})$")
_ABS_PATH = re.compile(r"^(?:/|[A-Za-z]:[\\/]|\\\\)")


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def local_path(text: str) -> str:
    """An absolute local path as its last component: a report never names the machine's folders."""
    if not _ABS_PATH.match(text):
        return text
    win = "\\" in text or (len(text) > 1 and text[1] == ":")
    return (PureWindowsPath(text) if win else PurePosixPath(text)).name or text


# An absolute local path inside free text (a reason, a note): a POSIX path of two or more parts, or a
# Windows drive path. Device paths in evidence (/sys/class/net/...) are not passed through this.
_PATH_IN_TEXT = re.compile(r"(?<![\w:/.~-])(?:/[\w.~+-]+){2,}/?|\b[A-Za-z]:\\[^\s;,()'\"]+")


def scrub_paths(text: str) -> str:
    """TEXT with every absolute local path cut to its last component (see `local_path`)."""
    return _PATH_IN_TEXT.sub(lambda m: local_path(m.group(0).rstrip("/\\")), text)


def plain(value: Any, yes: str = "yes", no: str = "no") -> str:
    """Any JSON-shaped value as readable text: lists joined, mappings as `key: value`, None as an em dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int | str):
        return shorten(str(value))
    if isinstance(value, Mapping):
        return shorten("; ".join(f"{k}: {plain(v, yes, no)}" for k, v in value.items()))
    if isinstance(value, Sequence):
        return shorten(", ".join(plain(v, yes, no) for v in value)) if value else "—"
    return shorten(str(value))


def redact_value(value: Any, msgs: Messages, show: bool) -> str:
    text = plain(value)
    return text if show else msgs.evidence("value_redacted", n=len(str(value)))


def redact_url(url: str, show: bool) -> str:
    """URL with its query values, fragment and identifier-like path segments replaced (keys stay)."""
    if show:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return REDACTED
    path = "/".join(REDACTED if _ID_SEGMENT.match(seg) else seg for seg in parts.path.split("/"))
    query = "&".join(
        (pair.split("=", 1)[0] + "=" + REDACTED) if "=" in pair else pair for pair in parts.query.split("&") if pair
    )
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return SplitResult(parts.scheme, netloc, path, query, REDACTED if parts.fragment else "").geturl()


def redact_locator(e: Evidence, show: bool) -> str:
    """The evidence's locator as a reader may see it: a request's URL is redacted as above."""
    if e.source is Source.NETWORK:
        method, _, url = e.locator.partition(" ")
        return f"{method} {redact_url(url, show)}" if url else redact_url(method, show)
    return e.locator


def dotted(cls: str, method: str = "") -> str:
    """`Lcom/x/Y;` or `com.x.Y` with an optional `m(...)V` as `com.x.Y.m()` (no JVM signature)."""
    name = cls[1:-1].replace("/", ".") if cls.startswith("L") and cls.endswith(";") else cls
    if not method:
        return name
    return f"{name}.{method.split('(', 1)[0]}()"


def frames(stack: Any) -> tuple[list[str], int]:
    """The top frames of a stack or call path, and how many more there are."""
    items = [str(f) for f in stack] if isinstance(stack, list | tuple) else ([str(stack)] if stack else [])
    shown = []
    for f in items[:MAX_FRAMES]:
        m = re.match(r"^L([^;]+);->([^(]+)", f)  # a smali call path entry
        shown.append(f"{m.group(1).replace('/', '.')}.{m.group(2)}()" if m else f)
    return shown, max(0, len(items) - MAX_FRAMES)


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One piece of evidence as a reader sees it."""

    source: str  # the source, in the report's language
    sentence: str
    where: str
    when: str
    quote: str
    stack: tuple[str, ...]
    more_frames: int


def _when(e: Evidence, msgs: Messages) -> str:
    if e.at is None:
        return ""
    text = msgs.ui("seconds", t=f"{e.at:.2f}")
    if e.phase is not None:
        text += " · " + msgs.word("phase", e.phase.value)
    return text


def sentence(e: Evidence, msgs: Messages, opts: RenderOptions) -> str:
    """What the evidence shows, as one sentence in the report's language (one branch per detail record)."""
    d = e.detail
    dt = msgs.data_type(e.data_type)
    actor = str(e.actor)
    parts: list[str]
    if isinstance(d, CallSiteDetail):
        caller = dotted(d.caller_class, d.caller_method) or e.locator
        parts = [msgs.evidence("call_site", caller=caller, api=plain(d.api or e.locator))]
        if d.reachable:
            comp = d.entry.get("component") if isinstance(d.entry, Mapping) else None
            parts.append(msgs.evidence("reachable", entry=plain(comp)) if comp else "")
        else:
            parts.append(msgs.evidence("unreachable"))
    elif isinstance(d, ReadDetail):
        parts = [msgs.evidence("read", actor=actor, data_type=dt, api=plain(d.api or e.locator))]
        if d.foreground is False:
            parts.append(msgs.evidence("background"))
        raw = d.value if d.value is not None else d.value_sha256
        if raw is not None:
            parts.append(
                msgs.evidence("value", value=plain(raw)) if opts.show_values else redact_value(raw, msgs, False)
            )
    elif isinstance(d, TransferDetail):
        parts = [
            msgs.evidence(
                "transfer",
                method=plain(d.method or e.locator.split(" ", 1)[0]),
                host=plain(d.host),
                data_type=dt,
                where=plain(d.where),
            ),
            # unknown (None): neither word, never "cleartext" for a flow whose TLS was not recorded
            msgs.evidence("tls" if d.tls else "cleartext") if d.tls is not None else "",
            msgs.evidence("party_third") if d.party == "third" else "",
        ]
    elif isinstance(d, PermissionDetail):
        parts = [
            msgs.evidence(
                "permission",
                permission=plain(d.permission),
                level=msgs.word("protection", plain(d.protection_level)),
            )
        ]
        if d.play_restricted:
            parts.append(msgs.evidence("play_restricted"))
    elif isinstance(d, ComponentDetail):
        parts = [
            msgs.evidence(
                "component",
                component_type=msgs.word("component_type", plain(d.component_type)),
                name=plain(d.name),
            )
        ]
        actions = [a.rsplit(".", 1)[-1] for a in d.actions]
        if d.self_start and actions:
            parts.append(msgs.evidence("wakes_on", actions=", ".join(actions)))
    elif isinstance(d, SdkDetail):
        clues = d.evidence if isinstance(d.evidence, list) else []
        # the clues' own kinds (package, class, manifest ...), not evidence kinds
        kinds = sorted({str(x.get("kind")) for x in clues if isinstance(x, Mapping)})
        classes = d.extra.get("classes")
        how = (
            msgs.evidence("sdk_how_code", n=classes)
            if isinstance(classes, int) and classes > 0
            else msgs.evidence("sdk_how_hint", kinds=", ".join(kinds) or "—")
            if kinds and not {"package", "class"} & set(kinds)
            else ", ".join(kinds) or "—"
        )
        parts = [msgs.evidence("sdk", name=plain(d.name or actor), vendor=plain(d.vendor), how=how)]
    elif isinstance(d, DeclaredDataTypeDetail):
        parts = [
            msgs.evidence("declared_data_type", data_type=dt),
            msgs.evidence("declared_via", term=plain(d.via)) if d.via else "",
        ]
    elif isinstance(d, DeclaredPermissionDetail):
        parts = [msgs.evidence("declared_permission", permission=plain(d.permission))]
    elif isinstance(d, SdkRowDetail):
        types = [msgs.data_type(t) for t in d.data_types]
        name, provider = plain(d.name), plain(d.provider)
        parts = [
            msgs.evidence("sdk_row", name=name, provider=provider, types=", ".join(types))
            if types
            else msgs.evidence("sdk_row_no_types", name=name, provider=provider)
        ]
    elif isinstance(d, ConsentDetail | RefusalDetail):
        parts = [msgs.evidence(d.KIND.value, method=plain(d.target or d.method or e.locator))]
    elif isinstance(d, PermissionRequestDetail):
        parts = [msgs.evidence("permission_request", actor=actor, permissions=plain(list(d.permissions)))]
    elif isinstance(d, StartOtherDetail):
        parts = [msgs.evidence("start_other", actor=actor, target=plain(d.target_package))]
    else:
        parts = [msgs.evidence("other", kind=d.kind_value or e.source.value.lower())]
    sep = "，" if msgs.lang == "zh" else "; "
    return sep.join(p for p in parts if p)


def where(e: Evidence, msgs: Messages, opts: RenderOptions) -> str:
    if e.source is Source.POLICY:
        file, line = d_file(e), e.detail.get("line")
        section = e.locator.split("§", 1)[1].strip() if "§" in e.locator else ""
        head = msgs.evidence("policy_line", file=file, line=line) if isinstance(line, int) else file
        return f"{head} · §{section}" if section else head
    if e.source is Source.CODE and isinstance(e.detail, CallSiteDetail):
        return dotted(e.detail.caller_class, e.detail.caller_method) or e.locator
    return local_path(redact_locator(e, opts.show_values))


def d_file(e: Evidence) -> str:
    return local_path(str(e.detail.get("file") or e.locator.split(" ", 1)[0]))


def view(e: Evidence, msgs: Messages, opts: RenderOptions) -> EvidenceView:
    entry = e.detail.get("entry")
    path = entry.get("path") if isinstance(entry, Mapping) else None
    shown, more = frames(e.detail.get("stack") or path or ())
    quote = e.detail.get("quote")
    return EvidenceView(
        source=msgs.word("source", e.source.value),
        sentence=sentence(e, msgs, opts),
        where=where(e, msgs, opts),
        when=_when(e, msgs),
        quote=shorten(str(quote)) if quote else "",
        stack=tuple(shown),
        more_frames=more,
    )


def phase_word(phase: Phase | None, msgs: Messages) -> str:
    return msgs.word("phase", phase.value) if phase else ""


def setting_value(value: Any, msgs: Messages) -> str:
    """A settings value as text, with local paths cut to their file name."""
    if isinstance(value, str):
        return scrub_paths(local_path(value))
    if isinstance(value, list | tuple):
        items = [scrub_paths(local_path(v)) if isinstance(v, str) else v for v in value]
        return plain(items, msgs.ui("yes"), msgs.ui("no"))
    return plain(value, msgs.ui("yes"), msgs.ui("no"))


def comparison_of(report: Report) -> tuple[Comparison, bool]:
    """The report's comparison, and whether compare ran.

    A report compare never saw (`appaudit static`) gets compare's own view of its observations with no
    rule evaluated; an older report whose comparison has no matrix (schema 1) gets the matrix compare
    builds from its evidence, beside the rule status it recorded.
    """
    comp = report.comparison
    if comp is None and isinstance(report.sections.get("compare"), Mapping):
        comp = Comparison.from_v1_section(report.sections["compare"])
    if comp is not None and (comp.matrix or not any(e.data_type for e in report.evidence)):
        return comp, True
    built = comparison(
        report,
        build_view(report),
        comp.rules_evaluated if comp else (),
        comp.rules_not_evaluated if comp else {},
    )
    if comp is None:
        return built, False
    return replace(comp, actors=built.actors, matrix=built.matrix, sdks=comp.sdks or built.sdks), True


def verdict(report: Report, comp: Comparison, compared: bool, msgs: Messages) -> dict[str, str]:
    """The one-line verdict: css class (fail, warn, note, clean, partial, uncompared), symbol and words.

    Never "clean" when a rule was not evaluated or a source did not run, nor when compare never ran.
    """
    worst = max((f.severity for f in report.findings), key=lambda s: s.rank, default=None)
    n = len(report.findings)
    if not compared:
        css, text = "uncompared", msgs.ui("verdict_uncompared")
    elif worst is not None and worst.rank >= Severity.HIGH.rank:
        css, text = "fail", msgs.ui("verdict_fail", n=n, worst=msgs.severity(worst))
    elif worst is not None and worst.rank >= Severity.MEDIUM.rank:
        css, text = "warn", msgs.ui("verdict_warn", n=n, worst=msgs.severity(worst))
    elif worst is not None:
        css, text = "note", msgs.ui("verdict_note", n=n)
    elif comp.rules_not_evaluated or any(not c.status.ran for c in report.coverage_all()):
        css, text = "partial", msgs.ui("verdict_partial", n=len(comp.rules_not_evaluated))
    else:
        css, text = "clean", msgs.ui("verdict_clean")
    return {"css": css, "symbol": msgs.word("verdict_symbol", css), "text": text}


__all__ = [
    "EvidenceView",
    "comparison_of",
    "local_path",
    "plain",
    "redact_locator",
    "redact_url",
    "redact_value",
    "scrub_paths",
    "sentence",
    "setting_value",
    "verdict",
    "view",
]
