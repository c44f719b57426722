"""The records that flow through the pipeline: Evidence -> Finding -> Report (no logic beyond ordering and JSON).

The contract between analysers, `compare`, the gate and the renderers (docs/evidence.md):
`EvidenceKind` says what an `Evidence` record is, `Actor` who acted (an SDK id, the app, unknown),
`Finding.subject` what a per-item finding is about, `Coverage` what each analysis achieved
(complete, degraded, failed, not requested) and `Comparison` the declared-vs-observed view that
`compare` builds once and every renderer reads. JSON is schema-versioned (`SCHEMA_VERSION`);
`Report.from_dict` also reads the versions in `READABLE_SCHEMA_VERSIONS`.
"""

from __future__ import annotations

import contextlib
import enum
import gc
from collections.abc import ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from dataclasses import MISSING, dataclass, field, fields, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

SCHEMA_VERSION = 2
# 1: no comparison, coverage or finding subject (rebuilt on reading: coverage from `skipped`)
READABLE_SCHEMA_VERSIONS = (1, 2)


class Actor(str):
    """Who acted: an SDK id of the catalogue, `Actor.APP` (the first party) or `Actor.UNKNOWN`.

    A `str` subclass so that it serialises, sorts and keys dicts as the id it is; code tests it with
    `is_app` / `is_sdk` and the two constants instead of comparing to bare strings.
    """

    __slots__ = ()
    APP: ClassVar[Actor]
    UNKNOWN: ClassVar[Actor]

    @classmethod
    def parse(cls, value: object) -> Actor:
        """VALUE as an actor: "app", "unknown", an SDK id; empty or None is unknown."""
        if isinstance(value, Actor):
            return value
        if type(value) is str and cls is Actor:
            # Reports name a few dozen actors thousands of times: one Actor per id (bounded).
            cached = _ACTORS.get(value)
            if cached is not None:
                return cached
            actor = Actor._parse_text(value)
            if len(_ACTORS) < _ACTOR_CACHE:
                _ACTORS[value] = actor
            return actor
        return cls._parse_text(value)

    @classmethod
    def _parse_text(cls, value: object) -> Actor:
        text = str(value or "").strip()
        if text == "app":
            return Actor.APP
        if text in ("", "unknown"):
            return Actor.UNKNOWN
        return cls(text)

    @property
    def is_app(self) -> bool:
        return str.__eq__(self, "app")

    @property
    def is_unknown(self) -> bool:
        return str.__eq__(self, "unknown")

    @property
    def is_sdk(self) -> bool:
        """An SDK id (neither the app nor unknown)."""
        return not (self.is_app or self.is_unknown)


Actor.APP = Actor("app")
Actor.UNKNOWN = Actor("unknown")
_ACTORS: dict[str, Actor] = {}
_ACTOR_CACHE = 4096


class EvidenceKind(enum.Enum):
    """What an Evidence record is (docs/evidence.md); stored as `detail["kind"]` in JSON."""

    PERMISSION = "permission"
    COMPONENT = "component"
    SDK = "sdk"
    CALL_SITE = "call_site"
    READ = "read"
    CONSENT = "consent"
    REFUSAL = "refusal"
    PERMISSION_REQUEST = "permission_request"
    START_OTHER = "start_other"
    TRANSFER = "transfer"
    DECLARED_DATA_TYPE = "declared_data_type"
    DECLARED_PERMISSION = "declared_permission"
    SDK_ROW = "sdk_row"
    OTHER = "other"  # a kind this version does not know (read from a newer or hand-made file)

    @classmethod
    def parse(cls, value: object) -> EvidenceKind:
        try:
            return cls(value)
        except ValueError:
            return cls.OTHER


class Analysis(enum.Enum):
    """The four analyses of an audit; each reports a `Coverage`."""

    STATIC = "static"
    POLICY = "policy"
    RUNTIME = "runtime"
    NETWORK = "network"

    @property
    def sources(self) -> tuple[Source, ...]:
        """The evidence sources this analysis yields."""
        return _ANALYSIS_SOURCES[self]


class Status(enum.Enum):
    """How far an analysis got, ordered: `Status.COMPLETE.rank > Status.DEGRADED.rank`."""

    NOT_REQUESTED = "not requested"
    FAILED = "failed"
    DEGRADED = "degraded"
    COMPLETE = "complete"

    @property
    def rank(self) -> int:
        return list(Status).index(self)

    @property
    def ran(self) -> bool:
        """The analysis produced evidence that can be read (complete or degraded)."""
        return self in (Status.COMPLETE, Status.DEGRADED)


@dataclass(frozen=True, slots=True)
class Coverage:
    """One analysis's status with the reasons (why degraded, failed or not requested).

    `name` is the analysis ("static", "policy", "runtime", "network", or a plug-in source's name);
    `sources` the evidence sources the status applies to (those it yields; for a partly degraded
    analysis, the ones affected), so that compare knows which rules it affects.
    """

    name: str
    status: Status
    reasons: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()

    @classmethod
    def of(cls, analysis: Analysis, status: Status, *reasons: str) -> Coverage:
        return cls(analysis.value, status, tuple(reasons), analysis.sources)

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "reasons": list(self.reasons), "sources": [s.value for s in self.sources]}

    @classmethod
    def from_dict(cls, name: str, d: Mapping[str, Any]) -> Coverage:
        if "sources" in d:
            sources = tuple(Source(s) for s in d["sources"])
        else:
            sources = next((a.sources for a in Analysis if a.value == name), ())
        return cls(name, Status(d["status"]), tuple(str(r) for r in d.get("reasons", ())), sources)


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


# ------------------------------------------------------------------------------------------ detail records

# A JSON value: what a detail's fields and forward-compatible extras may hold.
JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


def _to_json(value: object) -> JsonValue:
    """A field's value as JSON: tuples become lists (records are frozen, JSON has arrays)."""
    t = type(value)
    if t is str or t is bool or t is int or t is float or value is None:
        return value  # type: ignore[return-value]
    # JSON's own containers first, by exact type (the ABC checks below are Python calls); a string
    # element, the common case, is kept without a call.
    if t is list or t is tuple:
        return [v if type(v) is str else _to_json(v) for v in value]  # type: ignore[attr-defined]
    if t is dict:
        return {
            (k if type(k) is str else str(k)): (v if type(v) is str else _to_json(v))
            for k, v in value.items()  # type: ignore[attr-defined]
        }
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_to_json(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return {str(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return _to_json(value.value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _str_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return ()


def _opt(conv: Any) -> Any:
    return lambda v: None if v is None else conv(v)


# How a field's declared type is read from JSON (the parsing boundary: a hostile or hand-made file
# yields the declared type or the field's default, never a crash deep in compare or a renderer).
_CONVERT: dict[str, Any] = {
    "str": lambda v: v if type(v) is str else "" if v is None else str(v),
    "str | None": _opt(str),
    "bool": lambda v: v if v is True or v is False else bool(v),
    "bool | None": _opt(bool),
    "int | None": lambda v: v if isinstance(v, int) and not isinstance(v, bool) else None,
    "float | None": lambda v: float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None,
    "tuple[str, ...]": _str_tuple,
    "JsonValue": _to_json,
}


if TYPE_CHECKING:
    _MappingView = Mapping[str, Any]
else:
    # Not the ABC at run time: ABCMeta's isinstance is a Python call, and compare narrows records with
    # isinstance on every evidence. Registered below as a virtual Mapping instead.
    _MappingView = object


_PLAIN = frozenset({"str", "str | None", "bool", "bool | None", "int | None", "float | None"})


class Detail(_MappingView):
    """Base of the per-kind detail records of `Evidence.detail` (docs/evidence.md).

    Code reads a record's typed fields (`isinstance(e.detail, ReadDetail)` or `e.kind`); the read-only
    Mapping view (`detail.get("host")`, `dict(detail)`) is the JSON shape, for renderers that list
    every key. Keys a newer producer adds that this version does not know are kept in `extra`, so a
    report read and written again loses nothing. Fields in `OMIT_NONE` are left out of the JSON when
    None (optional facts such as a read's value).
    """

    __slots__ = ()
    KIND: ClassVar[EvidenceKind]
    OMIT_NONE: ClassVar[frozenset[str]] = frozenset()

    @property
    def extra(self) -> Mapping[str, JsonValue]:
        raise NotImplementedError

    @property
    def kind_value(self) -> str:
        return self.KIND.value

    def to_dict(self) -> dict[str, JsonValue]:
        writer = type(self).__dict__.get("_writer")
        if writer is None:
            writer = _compile_codec(type(self))[1]
        result: dict[str, JsonValue] = writer(self)
        return result

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Detail:
        """The record of D's keys; unknown keys go to `extra`."""
        reader = cls.__dict__.get("_reader")
        if reader is None:
            reader = _compile_codec(cls)[0]
        result: Detail = reader(d)
        return result

    # The Mapping view: the JSON shape.
    def __getitem__(self, key: str) -> Any:
        if key == "kind":
            return self.kind_value
        if key != "extra" and key in self._field_names():
            value = getattr(self, key)
            if value is None and key in self.OMIT_NONE:
                raise KeyError(key)
            return _to_json(value)
        return self.extra[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_dict())

    def __len__(self) -> int:
        return len(self.to_dict())

    def __contains__(self, key: object) -> bool:
        return key in self.to_dict()

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self) -> KeysView[str]:
        return self.to_dict().keys()

    def items(self) -> ItemsView[str, Any]:
        return self.to_dict().items()

    def values(self) -> ValuesView[Any]:
        return self.to_dict().values()

    @classmethod
    def _field_names(cls) -> frozenset[str]:
        names: frozenset[str] | None = cls.__dict__.get("_names_cache")
        if names is None:
            names = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
            type.__setattr__(cls, "_names_cache", names)
        return names


Mapping.register(Detail)


def _extra() -> Mapping[str, JsonValue]:
    return {}


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class PermissionDetail(Detail):
    """MANIFEST: a uses-permission entry."""

    KIND = EvidenceKind.PERMISSION
    permission: str
    protection_level: str = "unknown"
    play_restricted: bool = False
    max_sdk: int | None = None
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class ComponentDetail(Detail):
    """MANIFEST: an activity, service, receiver or provider."""

    KIND = EvidenceKind.COMPONENT
    component_type: str = ""
    name: str = ""
    exported: bool | None = None
    actions: tuple[str, ...] = ()
    self_start: bool = False
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class SdkDetail(Detail):
    """MANIFEST/CODE: an SDK detected in the APK; `evidence` lists the clues ({kind, value, note})."""

    KIND = EvidenceKind.SDK
    name: str = ""
    vendor: str = ""
    category: str = ""
    library: bool = False  # a plain library (okhttp, gson) without data collection
    confidence: float | None = None
    grades: tuple[str, ...] = ()
    evidence: JsonValue = None
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class CallSiteDetail(Detail):
    """CODE: a call of a sensitive API; `reachable` from an entry point, `entry` the call path."""

    KIND = EvidenceKind.CALL_SITE
    api: str = ""
    caller_class: str = ""
    caller_method: str = ""
    reachable: bool = False
    entry: JsonValue = None
    matched: JsonValue = None
    OMIT_NONE = frozenset({"matched"})
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class ReadDetail(Detail):
    """RUNTIME: a hooked read of a data type; `value` or its `value_sha256`, `foreground` at that moment."""

    KIND = EvidenceKind.READ
    api: str = ""
    stack: tuple[str, ...] = ()
    thread: str = ""
    foreground: bool | None = None  # an activity was resumed at that moment (None: not recorded)
    value: JsonValue = None
    value_sha256: str | None = None
    OMIT_NONE = frozenset({"value", "value_sha256"})
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class ConsentDetail(Detail):
    """RUNTIME: the user's consent (method: hook, prefs, dialog, manual)."""

    KIND = EvidenceKind.CONSENT
    method: str = ""
    target: str = ""
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class RefusalDetail(Detail):
    """RUNTIME: the user's refusal."""

    KIND = EvidenceKind.REFUSAL
    method: str = ""
    target: str | None = None
    OMIT_NONE = frozenset({"target"})
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class PermissionRequestDetail(Detail):
    """RUNTIME: a runtime permission request."""

    KIND = EvidenceKind.PERMISSION_REQUEST
    permissions: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class StartOtherDetail(Detail):
    """RUNTIME: the app or an SDK starting another app's component."""

    KIND = EvidenceKind.START_OTHER
    target_package: str = ""
    component: str | None = None
    stack: tuple[str, ...] = ()
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class TransferDetail(Detail):
    """NETWORK: a data type found in a request (`where`: url, header, cookie, body; `encoding` as found)."""

    KIND = EvidenceKind.TRANSFER
    host: str = ""
    url: str = ""
    method: str = ""
    party: str | None = None  # "first" / "third" by the addon's first-party domains
    tls: bool | None = None
    encoding: str = ""
    where: str = ""
    sdk: str | None = None
    time: float | None = None
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class DeclaredDataTypeDetail(Detail):
    """POLICY: a sentence declaring a data type (context: collection or sharing)."""

    KIND = EvidenceKind.DECLARED_DATA_TYPE
    quote: str = ""
    context: str = ""
    hedged: bool = False
    file: str = ""
    sdk_name: str | None = None
    line: int | None = None
    via: str | None = None  # the defined term the type comes from ("设备信息" defined as "IMEI、Android ID")
    OMIT_NONE = frozenset({"sdk_name", "line", "via"})
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class DeclaredPermissionDetail(Detail):
    """POLICY: a permission the policy explains."""

    KIND = EvidenceKind.DECLARED_PERMISSION
    permission: str = ""
    purpose: str | None = None
    quote: str = ""
    file: str = ""
    line: int | None = None
    OMIT_NONE = frozenset({"line"})
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class SdkRowDetail(Detail):
    """POLICY: a row of the policy's third-party SDK list."""

    KIND = EvidenceKind.SDK_ROW
    name: str = ""
    provider: str | None = None
    packages: tuple[str, ...] = ()
    data_types: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    purpose: str | None = None
    links: tuple[str, ...] = ()
    sdk_id: str | None = None
    matched: bool = False
    how: JsonValue = None
    quote: str | None = None
    file: str = ""
    line: int | None = None
    OMIT_NONE = frozenset({"quote", "line"})
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=True)
class OtherDetail(Detail):
    """A kind this version does not know (a newer or hand-made file): every key kept in `extra`."""

    KIND = EvidenceKind.OTHER
    kind_text: str = ""
    extra: Mapping[str, JsonValue] = field(default_factory=_extra)

    @property
    def kind_value(self) -> str:
        return self.kind_text

    def to_dict(self) -> dict[str, JsonValue]:
        return {**({"kind": self.kind_text} if self.kind_text else {}), **self.extra}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Detail:
        kind = d.get("kind")
        return cls(
            kind_text=kind if isinstance(kind, str) else "",
            extra={str(k): _to_json(v) for k, v in d.items() if k != "kind"},
        )


DETAIL_TYPES: dict[EvidenceKind, type[Detail]] = {
    t.KIND: t
    for t in (
        PermissionDetail,
        ComponentDetail,
        SdkDetail,
        CallSiteDetail,
        ReadDetail,
        ConsentDetail,
        RefusalDetail,
        PermissionRequestDetail,
        StartOtherDetail,
        TransferDetail,
        DeclaredDataTypeDetail,
        DeclaredPermissionDetail,
        SdkRowDetail,
        OtherDetail,
    )
}


# ------------------------------------------------------------------ per-record JSON codecs
#
# Each detail record gets a reader and a writer generated from its fields once (as dataclasses
# generates __init__): reading a 10k-evidence report spent most of its time looping over a schema
# and calling a converter per field. The generated code checks each value's type inline and only
# calls the `_CONVERT` converter when the JSON holds another type, so validation is the same.

_MISSING = object()
_NO_EXTRA: Mapping[str, JsonValue] = MappingProxyType({})
_SCALARS = frozenset({str, int, float, bool, type(None)})

# An inline test that V already has the declared type (the converter is the identity then).
_IS_TYPE = {
    "str": "type(v) is str",
    "str | None": "v is None or type(v) is str",
    "bool": "v is True or v is False",
    "bool | None": "v is None or v is True or v is False",
    "int | None": "v is None or type(v) is int",
    "float | None": "v is None or type(v) is float",
    "tuple[str, ...]": "False",
    "JsonValue": "v is None or type(v) in _SCALARS",
}


def _compile_codec(cls: type[Detail]) -> tuple[Any, Any]:
    """(reader, writer) of a detail record class, generated from its fields and cached on the class."""
    ns: dict[str, Any] = {
        "_cls": cls,
        "_M": _MISSING,
        "_NO_EXTRA": _NO_EXTRA,
        "_SCALARS": _SCALARS,
        "_to_json": _to_json,
        "_str_tuple": _str_tuple,
        "_known": frozenset({"kind", *cls._field_names()} - {"extra"}),
        "_new": object.__new__,
        # The slots' own setters: the frozen __init__ goes through object.__setattr__ per field, at twice the cost.
        **{f"_s_{name}": cls.__dict__[name].__set__ for name in cls._field_names()},
    }
    read = ["def reader(d):", "    get = d.get"]
    args: list[str] = []
    omit = cls.OMIT_NONE
    write = ["def writer(self):", f"    out = {{'kind': {cls.KIND.value!r}}}"]
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name == "extra":
            continue
        t = str(f.type)
        ns[f"_c_{f.name}"] = _CONVERT[t]
        has_default = f.default is not MISSING
        if has_default:
            ns[f"_d_{f.name}"] = f.default
        read.append(f"    v = get({f.name!r}, _M)")
        if t == "tuple[str, ...]":
            conv = f"tuple(map(str, v)) if type(v) is list else _c_{f.name}(v)"
        else:
            conv = f"v if {_IS_TYPE[t]} else _c_{f.name}(v)"
        read.append(f"    if v is not _M: {f.name} = {conv}")
        if has_default:
            read.append(f"    else: {f.name} = _d_{f.name}")
        else:
            read.append(f"    else: raise TypeError({cls.__name__ + ': missing ' + f.name!r})")
        args.append(f.name)
        if t in _PLAIN:
            value = f"self.{f.name}"
        elif t == "tuple[str, ...]":
            value = f"list(self.{f.name})"
        else:
            value = f"_to_json(self.{f.name})"
        if f.name in omit:
            write.append(f"    v = self.{f.name}")
            write.append(f"    if v is not None: out[{f.name!r}] = {value.replace('self.' + f.name, 'v')}")
        else:
            write.append(f"    out[{f.name!r}] = {value}")
    read += [
        "    if d.keys() <= _known: extra = _NO_EXTRA",
        "    else: extra = {str(k): _to_json(x) for k, x in d.items() if k not in _known}",
        "    o = _new(_cls)",
        *(f"    _s_{name}(o, {name})" for name in [*args, "extra"]),
        "    return o",
    ]
    write += [
        "    extra = self.extra",
        "    if extra:",
        "        for k, x in extra.items(): out.setdefault(k, x)",
        "    return out",
    ]
    exec("\n".join(read) + "\n\n" + "\n".join(write), ns)
    type.__setattr__(cls, "_reader", ns["reader"])
    type.__setattr__(cls, "_writer", ns["writer"])
    # Installed as the class's own methods, so later calls skip the dispatch in Detail.
    type.__setattr__(cls, "to_dict", ns["writer"])
    type.__setattr__(cls, "from_dict", staticmethod(ns["reader"]))
    return ns["reader"], ns["writer"]


def parse_detail(d: Mapping[str, Any] | None) -> Detail:
    """The detail record of a JSON object (its "kind" picks the record; unknown kinds are OtherDetail)."""
    if isinstance(d, Detail):
        return d
    d = d or {}
    kind = d.get("kind")
    record = _DETAIL_BY_VALUE.get(kind, OtherDetail) if type(kind) is str else OtherDetail
    return record.from_dict(d)


_DETAIL_BY_VALUE: dict[str, type[Detail]] = {k.value: t for k, t in DETAIL_TYPES.items() if k is not EvidenceKind.OTHER}
_SOURCE_BY_VALUE = {s.value: s for s in Source}
_PHASE_BY_VALUE = {p.value: p for p in Phase}


_SOURCE_ORDER = {s: i for i, s in enumerate(Source)}
_ANALYSIS_SOURCES = {
    Analysis.STATIC: (Source.MANIFEST, Source.CODE),
    Analysis.POLICY: (Source.POLICY,),
    Analysis.RUNTIME: (Source.RUNTIME,),
    Analysis.NETWORK: (Source.NETWORK,),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observed fact, from any source; `kind` is read from `detail["kind"]` when the record is made."""

    data_type: str | None
    source: Source
    actor: Actor
    locator: str
    detail: Detail = field(default_factory=OtherDetail)
    at: float | None = None
    phase: Phase | None = None
    kind: EvidenceKind = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # The parsing boundary: a plain string actor or a JSON detail (from a file, or a test written
        # as JSON) becomes the typed Actor and detail record once, here.
        if type(self.actor) is not Actor:
            object.__setattr__(self, "actor", Actor.parse(self.actor))
        if not hasattr(self.detail, "KIND"):  # a JSON object, not yet a record
            object.__setattr__(self, "detail", parse_detail(self.detail))
        object.__setattr__(self, "kind", self.detail.KIND)

    def sort_key(self) -> tuple[Any, ...]:
        return (
            _SOURCE_ORDER[self.source],
            self.at if self.at is not None else -1.0,
            self.data_type or "",
            self.actor,
            self.locator,
        )

    def to_dict(self) -> dict[str, Any]:
        phase = self.phase
        return {
            "data_type": self.data_type,
            "source": self.source._value_,
            "actor": str(self.actor),
            "locator": self.locator,
            "detail": self.detail.to_dict(),
            "at": self.at,
            "phase": phase._value_ if phase is not None else None,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evidence:
        # Enum lookups by value through dicts (an Enum call is a Python call; same ValueError on bad values).
        src = d["source"]
        source = _SOURCE_BY_VALUE.get(src) if type(src) is str else None
        raw_phase = d.get("phase")
        phase = _PHASE_BY_VALUE.get(raw_phase) if type(raw_phase) is str else None
        raw_detail = d.get("detail")
        locator = d["locator"]
        detail = parse_detail(raw_detail if isinstance(raw_detail, Mapping) else None)
        # The values are already typed here, so the slots are set directly (what __init__ and
        # __post_init__ would do, at a third of the cost on a large report).
        e: Evidence = _new_object(cls)
        _ev_data_type(e, d.get("data_type"))
        _ev_source(e, source if source is not None else Source(src))
        _ev_actor(e, Actor.parse(d["actor"]))
        _ev_locator(e, locator if type(locator) is str else str(locator))
        _ev_detail(e, detail)
        _ev_at(e, d.get("at"))
        _ev_phase(e, phase if phase is not None or not raw_phase else Phase(raw_phase))
        _ev_kind(e, detail.KIND)
        return e


_new_object = object.__new__
_EV_SET: dict[str, Any] = {f.name: Evidence.__dict__[f.name].__set__ for f in fields(Evidence)}
_ev_data_type, _ev_source, _ev_actor, _ev_locator = (_EV_SET[n] for n in ("data_type", "source", "actor", "locator"))
_ev_detail, _ev_at, _ev_phase, _ev_kind = (_EV_SET[n] for n in ("detail", "at", "phase", "kind"))


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule of shared/docs/rules.md that the evidence proves.

    `subject` is what a per-item rule is about: the permission of PERMISSION_UNEXPLAINED and
    RESTRICTED_PERMISSION, the component of SELF_START, the host of UNDISCLOSED_SHARING,
    CLEARTEXT_TRANSFER and IDENTIFIER_LINKING, the started package of ASSOCIATED_START; empty for rules
    keyed by actor and data type alone. `key` is the
    finding's identity across versions of an app (the gate diffs on it).
    """

    rule_id: str
    severity: Severity
    title: str
    message: str
    data_type: str | None
    actor: Actor
    evidence: tuple[Evidence, ...] = ()
    subject: str = ""

    def __post_init__(self) -> None:
        if type(self.actor) is not Actor:
            object.__setattr__(self, "actor", Actor.parse(self.actor))

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.rule_id, str(self.actor), self.data_type or "", self.subject)

    def sort_key(self) -> tuple[Any, ...]:
        return (-self.severity.rank, self.rule_id, self.actor, self.data_type or "", self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "data_type": self.data_type,
            "actor": str(self.actor),
            "subject": self.subject,
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
            actor=Actor.parse(d["actor"]),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            subject=str(d.get("subject") or ""),
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


class CodeMark(enum.Enum):
    """What static analysis saw of a (data type, actor) pair: nothing, reachable call sites, or only call sites that
    prove no collection (unreachable ones, or those of a library that collects nothing itself: compare's
    `proves_collection`)."""

    NONE = ""
    REACHABLE = "reachable"
    UNREACHABLE = "unreachable"


class CellVerdict(enum.Enum):
    """A matrix cell's verdict: observed and not declared is a gap."""

    GAP = "gap"  # observed (reachable code, runtime or network), not declared
    OK = "ok"  # observed and declared
    DECLARED = "declared"  # declared, not observed
    WEAK = "weak"  # only unreachable code, not declared
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Cell:
    """One (data type, actor) cell of the declared-vs-observed matrix."""

    actor: Actor
    declared: bool  # app: the policy text declares the type; SDK: its SDK-list row lists it
    code: CodeMark = CodeMark.NONE
    runtime: bool = False  # a RUNTIME read
    network: bool = False  # a NETWORK transfer

    @property
    def observed(self) -> bool:
        return self.code is CodeMark.REACHABLE or self.runtime or self.network

    @property
    def verdict(self) -> CellVerdict:
        if self.observed:
            return CellVerdict.OK if self.declared else CellVerdict.GAP
        if self.declared:
            return CellVerdict.DECLARED
        return CellVerdict.WEAK if self.code is CodeMark.UNREACHABLE else CellVerdict.EMPTY

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": str(self.actor),
            "declared": self.declared,
            "code": self.code.value,
            "runtime": self.runtime,
            "network": self.network,
            "verdict": self.verdict.value,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Cell:
        return cls(
            Actor.parse(d["actor"]),
            bool(d["declared"]),
            CodeMark(d.get("code", "")),
            bool(d["runtime"]),
            bool(d["network"]),
        )


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One data type of the matrix: a cell per actor of `Comparison.actors`, in that order."""

    data_type: str
    name: str  # the ontology's name ("" for a type the ontology does not know)
    declared_anywhere: bool  # the policy text declares it for the app
    cells: tuple[Cell, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_type": self.data_type,
            "name": self.name,
            "declared_anywhere": self.declared_anywhere,
            "cells": [c.to_dict() for c in self.cells],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MatrixRow:
        return cls(
            str(d["data_type"]),
            str(d.get("name", "")),
            bool(d.get("declared_anywhere")),
            tuple(Cell.from_dict(c) for c in d.get("cells", ())),
        )


@dataclass(frozen=True, slots=True)
class SdkSummary:
    """One SDK seen acting or detected (never the app), with whether the policy's SDK list names it."""

    id: Actor
    name: str
    vendor: str
    category: str
    collects: bool  # False: a plain library (okhttp, gson) that need not be in the SDK list
    in_policy: bool  # an SDK-list row of the policy names it (False also when no policy was given)
    sources: tuple[Source, ...] = ()  # the evidence sources that saw it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "vendor": self.vendor,
            "category": self.category,
            "collects": self.collects,
            "in_policy": self.in_policy,
            "sources": [s.value for s in self.sources],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SdkSummary:
        return cls(
            Actor.parse(d["id"]),
            str(d.get("name", "")),
            str(d.get("vendor", "")),
            str(d.get("category", "")),
            bool(d.get("collects", True)),
            bool(d.get("in_policy", False)),
            tuple(Source(s) for s in d.get("sources", ())),
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The declared-vs-observed view `compare` builds once; every renderer reads it, none re-derives it.

    - `rules_evaluated`: rule ids evaluated, in rules.toml order; `rules_not_evaluated`: rule id ->
      why not (its source did not run or is degraded, or it needs a policy and none was given).
      A rule not evaluated is never a pass.
    - `policy_given`: a privacy policy was analysed; `consent_at` / `refusal_at`: the first consent
      and refusal of the runtime trace (seconds since app start), None when not observed.
    - `declared_types` / `declared_permissions`: what the policy text declares (ontology ids, short
      permission names); `declared_not_observable`: declared types no device API reads (name, email).
    - `sdks`: every SDK actor, sorted by id; `actors`: the matrix's columns (the app first);
      `matrix`: a `MatrixRow` per data type (ontology order) with a `Cell` per actor, whose
      `verdict` (gap, ok, declared, weak, empty) is the colour a renderer shows.
    The sources' status is `Report.coverage`.
    """

    policy_given: bool = False
    consent_at: float | None = None
    refusal_at: float | None = None
    rules_evaluated: tuple[str, ...] = ()
    rules_not_evaluated: Mapping[str, str] = field(default_factory=dict)
    declared_types: tuple[str, ...] = ()
    declared_permissions: tuple[str, ...] = ()
    declared_not_observable: tuple[str, ...] = ()
    sdks: tuple[SdkSummary, ...] = ()
    actors: tuple[Actor, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()

    def sdk(self, sdk_id: str) -> SdkSummary | None:
        return next((s for s in self.sdks if s.id == sdk_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy_given": self.policy_given,
            "consent_at": self.consent_at,
            "refusal_at": self.refusal_at,
            "rules_evaluated": list(self.rules_evaluated),
            "rules_not_evaluated": dict(self.rules_not_evaluated),
            "declared_types": list(self.declared_types),
            "declared_permissions": list(self.declared_permissions),
            "declared_not_observable": list(self.declared_not_observable),
            "sdks": [s.to_dict() for s in self.sdks],
            "actors": [str(a) for a in self.actors],
            "matrix": [r.to_dict() for r in self.matrix],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Comparison:
        return cls(
            policy_given=bool(d.get("policy_given")),
            consent_at=d.get("consent_at"),
            refusal_at=d.get("refusal_at"),
            rules_evaluated=tuple(str(r) for r in d.get("rules_evaluated", ())),
            rules_not_evaluated={str(k): str(v) for k, v in dict(d.get("rules_not_evaluated", {})).items()},
            declared_types=tuple(str(t) for t in d.get("declared_types", ())),
            declared_permissions=tuple(str(t) for t in d.get("declared_permissions", ())),
            declared_not_observable=tuple(str(t) for t in d.get("declared_not_observable", ())),
            sdks=tuple(SdkSummary.from_dict(x) for x in d.get("sdks", ())),
            actors=tuple(Actor.parse(a) for a in d.get("actors", ())),
            matrix=tuple(MatrixRow.from_dict(r) for r in d.get("matrix", ())),
        )

    @classmethod
    def from_v1_section(cls, d: Mapping[str, Any]) -> Comparison:
        """What a schema-1 report's `sections["compare"]` holds (no matrix, no declared lists)."""
        sdks = tuple(
            SdkSummary(
                Actor.parse(k),
                str(v.get("name", k)),
                str(v.get("vendor", "")),
                str(v.get("category", "")),
                bool(v.get("collects", True)),
                bool(v.get("in_policy", False)),
            )
            for k, v in sorted(dict(d.get("sdks", {})).items())
            if isinstance(v, Mapping)
        )
        return cls(
            policy_given=bool(d.get("policy_given")),
            consent_at=d.get("consent_at"),
            refusal_at=d.get("refusal_at"),
            rules_evaluated=tuple(str(r) for r in d.get("rules_evaluated", ())),
            rules_not_evaluated={str(k): str(v) for k, v in dict(d.get("rules_not_evaluated", {})).items()},
            declared_not_observable=tuple(str(t) for t in d.get("declared_not_observable", ())),
            sdks=sdks,
        )


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one audit produced.

    `sections` holds each analyser's structured summary keyed by its name ("static", "policy",
    "runtime", "network"); `skipped` maps a source that did not run to the reason, so that a
    source not run is reported as such and never read as clean. `coverage` is each analysis's
    status (see `coverage_of`); `comparison` is compare's declared-vs-observed view (None before
    compare ran).
    """

    app: AppInfo
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    sections: Mapping[str, Any] = field(default_factory=dict)
    skipped: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    tool_version: str = ""
    generated_at: str = ""
    coverage: Mapping[str, Coverage] = field(default_factory=dict)
    comparison: Comparison | None = None

    def coverage_of(self, analysis: Analysis | str) -> Coverage:
        """An analysis's status: as recorded, else complete when its section is there, else not requested."""
        name = analysis.value if isinstance(analysis, Analysis) else analysis
        recorded = self.coverage.get(name)
        if recorded is not None:
            return recorded
        sources = next((a.sources for a in Analysis if a.value == name), ())
        if name in self.sections:
            return Coverage(name, Status.COMPLETE, (), sources)
        reason = self.skipped.get(name)
        return Coverage(name, Status.NOT_REQUESTED, (reason,) if reason else (), sources)

    def coverage_all(self) -> tuple[Coverage, ...]:
        """Every analysis's coverage: the four built-in ones in `Analysis` order, then plug-ins by name."""
        extra = sorted(set(self.coverage) - {a.value for a in Analysis})
        return tuple(self.coverage_of(a) for a in [*(a.value for a in Analysis), *extra])

    def sorted(self) -> Report:
        """The same report with evidence and findings in their canonical order."""
        return replace(
            self,
            evidence=tuple(sorted(self.evidence, key=Evidence.sort_key)),
            findings=tuple(sorted(self.findings, key=Finding.sort_key)),
        )

    def to_dict(self) -> dict[str, Any]:
        with _bulk():
            return self._to_dict()

    def _to_dict(self) -> dict[str, Any]:
        r = self.sorted()
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "appaudit", "version": r.tool_version},
            "generated_at": r.generated_at,
            "app": r.app.to_dict(),
            "coverage": {c.name: c.to_dict() for c in r.coverage_all()},
            "sections": dict(r.sections),
            "skipped": dict(sorted(r.skipped.items())),
            "settings": dict(r.settings),
            "comparison": r.comparison.to_dict() if r.comparison is not None else None,
            "findings": [f.to_dict() for f in r.findings],
            "evidence": [e.to_dict() for e in r.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        with _bulk():
            return cls._from_dict(d)

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> Report:
        version = d.get("schema_version")
        if version not in READABLE_SCHEMA_VERSIONS:
            raise ValueError(f"unsupported report schema_version {version!r}")
        sections = dict(d.get("sections", {}))
        findings = tuple(Finding.from_dict(f) for f in d.get("findings", ()))
        comparison: Comparison | None = None
        coverage: dict[str, Coverage] = {}
        if version == 1:
            findings = tuple(replace(f, subject=_v1_subject(f)) for f in findings)
            if isinstance(sections.get("compare"), Mapping):
                comparison = Comparison.from_v1_section(sections["compare"])
        else:
            raw = d.get("comparison")
            comparison = Comparison.from_dict(raw) if isinstance(raw, Mapping) else None
            coverage = {str(k): Coverage.from_dict(str(k), v) for k, v in dict(d.get("coverage", {})).items()}
            # Version-2 reports written before host and started-package rules had a subject (gate baselines)
            findings = tuple(
                replace(f, subject=_v1_subject(f)) if not f.subject and f.rule_id in _LATER_SUBJECT_RULES else f
                for f in findings
            )
        return cls(
            app=AppInfo.from_dict(d.get("app", {})),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", ())),
            findings=findings,
            sections=sections,
            skipped=dict(d.get("skipped", {})),
            settings=dict(d.get("settings", {})),
            tool_version=str(d.get("tool", {}).get("version", "")),
            generated_at=str(d.get("generated_at", "")),
            coverage=coverage,
            comparison=comparison,
        )


@contextlib.contextmanager
def _bulk() -> Iterator[None]:
    """No cyclic-GC passes while a report's records are built in bulk.

    Reading or writing a 10k-evidence report allocates ~100k acyclic objects; the collector's passes
    over the growing heap then cost more than the building itself (parse 1.55 -> 1.15 x a plain JSON
    round trip, benchmarks/contract.py). The records hold no cycles, so nothing is left uncollected;
    reference counting frees them as always, and the collector's state is restored on exit.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _v1_subject(f: Finding) -> str:
    """A schema-1 finding's subject, which that version derived from its evidence (compare.finding_key)."""
    if f.rule_id in ("PERMISSION_UNEXPLAINED", "RESTRICTED_PERMISSION"):
        names = [str(e.detail.get("permission", "")) for e in f.evidence if e.detail.get("permission")]
        return names[0].strip().rsplit(".", 1)[-1].upper() if names else f.message
    if f.rule_id == "SELF_START":
        return next((str(e.detail.get("name")) for e in f.evidence if e.detail.get("name")), f.message)
    if f.rule_id in _HOST_SUBJECT_RULES:
        return next((e.detail.host for e in f.evidence if isinstance(e.detail, TransferDetail) and e.detail.host), "")
    if f.rule_id == "ASSOCIATED_START":
        started = [e.detail.target_package for e in f.evidence if isinstance(e.detail, StartOtherDetail)]
        return (started[0] or "?") if started else ""
    return ""


# Rules whose finding is about one host (compare sets it; schema-1 findings get it from their evidence).
_HOST_SUBJECT_RULES = frozenset({"UNDISCLOSED_SHARING", "CLEARTEXT_TRANSFER", "IDENTIFIER_LINKING"})
_LATER_SUBJECT_RULES = _HOST_SUBJECT_RULES | {"ASSOCIATED_START"}


def merge_reports(reports: Sequence[Report]) -> Report:
    """Combine the reports of several analysers of one app (first non-empty app identity wins)."""
    app = next((r.app for r in reports if r.app.package), reports[0].app if reports else AppInfo())
    sections: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    settings: dict[str, Any] = {}
    coverage: dict[str, Coverage] = {}
    for r in reports:
        sections.update(r.sections)
        skipped.update(r.skipped)
        settings.update(r.settings)
        coverage.update(r.coverage)
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
        coverage=coverage,
    ).sorted()
