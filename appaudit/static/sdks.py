"""SDK detection: which catalogue SDKs the app embeds (graded evidence) and what only hints at others.

An SDK is *embedded* only with evidence that its code is in the APK (issue 15), one of three grades:
- `code`: classes defined in the dex under one of its package prefixes (the app's own namespaces,
  see `first_party`, are never attributed, even when a vendor prefix covers them);
- `native`: a native library it ships (file name rule of the catalogue);
- `component`: a manifest component it declares whose class is defined in the dex.
Hosts in code strings, meta-data keys, intent actions and components whose class is not in the dex
are *hints*: they are attached to an embedded SDK's record as supporting evidence, and otherwise
listed apart (`Detection.hints`: "configuration without code", "contacted/mentioned hosts"), never
as an SDK record. A URL host is attributed to the SDK whose code holds the string (the class with
the `const-string`), not to the host's owner: Firebase Analytics holding an ad host is not AdMob.

Confidence combines the grades (and hints) seen with the weights of data/sdk_evidence.toml as
1 - prod(1 - w); each record states its grades.
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit.model import Actor
from appaudit.signatures import Catalogue, Signature, normalize_class, under
from appaudit.static.manifest import ComponentType, Manifest

MAX_EXAMPLES = 5
MAX_HOLDERS = 5
_URL_HOST = re.compile(r"\bhttps?://([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+)")


class EvidenceKind(enum.Enum):
    """One piece of evidence in an SDK record."""

    CLASS = "class"
    PACKAGE = "package"
    COMPONENT = "component"
    META_DATA = "meta-data"
    NATIVE_LIB = "native-lib"
    HOST = "host"


class Grade(enum.Enum):
    """Evidence that the SDK's code is in the APK; any one makes it embedded."""

    CODE = "code"
    NATIVE = "native"
    COMPONENT = "component"


class HintKind(enum.Enum):
    """Evidence that names an SDK without showing its code; never an SDK record by itself."""

    HOST = "host"  # a URL host of the SDK in a code string
    META_DATA = "meta-data"  # a configuration key of the SDK in the manifest
    ACTION = "action"  # an intent action of the SDK on another party's component
    ABSENT_COMPONENT = "absent-component"  # a component of the SDK whose class is not in the dex
    FEW_CLASSES = "few-classes"  # fewer classes under its prefixes than its `min_classes`


@dataclass(frozen=True, slots=True)
class Weights:
    grade: Mapping[str, float]
    hint: Mapping[str, float]
    few_classes: int  # below this many classes the code grade counts less (a shaded copy, a stub)
    few_factor: float


@cache
def weights() -> Weights:
    doc = bundled.load("sdk_evidence.toml")
    return Weights(
        grade={Grade(k).value: float(v) for k, v in doc["grade"].items()},
        hint={HintKind(k).value: float(v) for k, v in doc["hint"].items()},
        few_classes=int(doc["few_classes"]["below"]),
        few_factor=float(doc["few_classes"]["factor"]),
    )


# A hint that supports an embedded SDK becomes this kind of evidence (anything else: a component clue).
_HINT_AS_EVIDENCE: dict[EvidenceKind | HintKind, EvidenceKind] = {
    HintKind.META_DATA: EvidenceKind.META_DATA,
    HintKind.HOST: EvidenceKind.HOST,
}


@dataclass(frozen=True, slots=True)
class Clue:
    """One clue to an SDK: evidence of an embedded one (EvidenceKind) or a hint (HintKind)."""

    kind: EvidenceKind | HintKind
    value: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind.value, "value": self.value}
        if self.note:
            d["note"] = self.note
        return d


@dataclass(frozen=True, slots=True)
class DetectedSdk:
    """An embedded SDK: at least one grade, with its evidence (supporting hints included)."""

    id: str
    name: str
    vendor: str
    category: str
    collects: bool
    confidence: float
    classes: int  # number of defined classes attributed to it
    evidence: tuple[Clue, ...]
    grades: tuple[str, ...] = ()  # Grade values, sorted
    hints: tuple[str, ...] = ()  # HintKind values that support it, sorted

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "vendor": self.vendor,
            "category": self.category,
            "library": not self.collects,
            "confidence": self.confidence,
            "grades": list(self.grades),
            "hint_kinds": list(self.hints),
            "classes": self.classes,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class SdkHint:
    """A catalogue SDK named only by hints: no code, no native library, no component in the dex."""

    id: str
    name: str
    vendor: str
    category: str
    hints: tuple[Clue, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "vendor": self.vendor,
            "category": self.category,
            "embedded": False,
            "hints": [h.to_dict() for h in self.hints],
        }


@dataclass(frozen=True, slots=True)
class HostUse:
    """A URL host found in the dex strings: which catalogue SDK owns it, which actors' code holds it."""

    host: str
    owner: str | None  # catalogue SDK id by host rule
    held_by: tuple[str, ...]  # actors (SDK id, "app", "unknown") whose classes hold the string; () = no code use seen

    def to_dict(self) -> dict[str, Any]:
        return {"host": self.host, "owner": self.owner, "held_by": list(self.held_by)}


@dataclass(frozen=True, slots=True)
class Detection:
    sdks: list[DetectedSdk]
    hints: list[SdkHint] = field(default_factory=list)
    hosts: list[HostUse] = field(default_factory=list)


def hosts_in(strings: Iterable[str]) -> set[str]:
    """Host names of http(s) URLs among the strings."""
    out: set[str] = set()
    for s in strings:
        if "://" in s:
            out.update(h.lower() for h in _URL_HOST.findall(s))
    return out


def _prefix(sig: Signature, name: str) -> str:
    best = ""
    for p in sig.packages:
        if under(name, p) and len(p) > len(best):
            best = p
    return best or name.rsplit(".", 1)[0]


# ---------------------------------------------------------------- first party


@dataclass(frozen=True, slots=True)
class FirstParty:
    """The app's own code namespaces (dotted packages).

    `own`: never attributed to an SDK, whatever vendor prefix covers them: the manifest package, the
    packages of the Application class and of the launcher activities, and of every component that
    shares its first two segments with one of those (an app `cn.vendor.demoapp` is not the vendor's
    SDK `cn.vendor`). `extra`: packages of the app's other components that no catalogue rule claims
    (an app may keep code outside its applicationId, and so may an unknown library): code there is
    "app" when no SDK claims it, but it does not shield anything from the catalogue.
    """

    own: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


def _component_class(c: Any) -> str:
    """The class a component runs: an activity-alias runs its target."""
    return str(c.target if c.type is ComponentType.ACTIVITY_ALIAS and c.target else c.name)


def first_party(cat: Catalogue | None, man: Manifest | None, defined: Iterable[str] = ()) -> FirstParty:
    """The app's FirstParty namespaces; DEFINED (dotted class names) limits components to those whose
    class is in the dex (all when empty). Classes the catalogue claims by a product prefix never make
    a namespace unless they lie under the manifest package (TinkerApplication is Tinker's)."""
    if man is None:
        return FirstParty()
    have = set(defined)
    package = man.package

    def usable(name: str) -> bool:
        return bool(name) and name.count(".") >= 2 and (not have or name in have)

    def claimed(name: str) -> bool:
        return not (package and under(name, package)) and cat is not None and cat.match_component(name) is not None

    roots: set[str] = {package} if package and "." in package else set()
    launchers = [
        _component_class(c)
        for c in man.components
        if c.type in (ComponentType.ACTIVITY, ComponentType.ACTIVITY_ALIAS)
        and any("android.intent.category.LAUNCHER" in f.categories for f in c.intent_filters)
    ]
    for name in (man.application, *launchers):
        if usable(name) and not claimed(name):
            roots.add(name.rsplit(".", 1)[0])
    heads = {".".join(r.split(".")[:2]) for r in roots}
    own: set[str] = set(roots)
    extra: set[str] = set()
    for c in man.components:
        name = _component_class(c)
        if not usable(name) or claimed(name):
            continue
        ns = name.rsplit(".", 1)[0]
        (own if ".".join(ns.split(".")[:2]) in heads else extra).add(ns)

    def outermost(items: set[str]) -> tuple[str, ...]:
        return tuple(sorted(n for n in items if not any(o != n and under(n, o) for o in items)))

    o = outermost(own)
    return FirstParty(o, tuple(n for n in outermost(extra) if not owned(n, o)))


def owned(name: str, namespaces: Iterable[str]) -> bool:
    """NAME (dotted) lies in one of the app's own NAMESPACES."""
    return any(under(name, ns) for ns in namespaces)


def attribute(cat: Catalogue, name: str, namespaces: Iterable[str]) -> Signature | None:
    """The SDK whose code NAME (a class, any notation) is, with the app's own NAMESPACES shielded.

    A class in an app namespace is the app's when the SDK's prefix covers the namespace (a vendor
    prefix over the vendor's demo app); a product prefix strictly inside the namespace (an SDK
    copied into the app's package tree) still names that SDK.
    """
    sig = cat.match_class(name)
    if sig is None:
        return None
    dotted = normalize_class(name)
    inside = [ns for ns in namespaces if under(dotted, ns)]
    if not inside:
        return sig
    prefix = _prefix(sig, dotted)
    return sig if all(prefix != ns and under(prefix, ns) for ns in inside) else None


def actor(cat: Catalogue | None, name: str, namespaces: FirstParty) -> Actor:
    """The actor of a class (any notation): an SDK id (catalogue, longest prefix), "app" or "unknown" — the one
    rule for static call sites and runtime reads, so both name the same actor for the same code.

    "app" is code in the app's own namespaces (`first_party`: the manifest package and the packages of its own
    components), never attributed to an SDK even under a vendor prefix, and code in the packages of other
    unclaimed components when no SDK claims it; anything else the catalogue does not know, e.g. obfuscated
    `a.b.c`, is "unknown" rather than guessed.
    """
    dotted = normalize_class(name)
    sig = attribute(cat, dotted, namespaces.own) if cat is not None else None
    if sig is not None:
        return Actor.parse(sig.id)
    return Actor.APP if owned(dotted, namespaces.own) or owned(dotted, namespaces.extra) else Actor.UNKNOWN


def actor_of(cat: Catalogue | None, namespaces: FirstParty) -> Callable[[str], Actor]:
    """`actor` for one app, cached by class (a scan asks for the same classes many times)."""
    return cache(lambda name: actor(cat, name, namespaces))


# ---------------------------------------------------------------- detection


def detect(
    catalogue: Catalogue,
    *,
    app_package: str,
    class_names: Iterable[str],
    manifest: Manifest | None,
    native_libs: Iterable[str],
    hosts: Iterable[str] | Mapping[str, Iterable[str]],
    namespaces: FirstParty | None = None,
    actor_of: Callable[[str], str] | None = None,
) -> Detection:
    """Embedded SDKs (sorted by library last, id), hints for the others, and the host table.

    HOSTS maps each URL host to the dotted names of the classes whose code holds it (a plain iterable:
    holders unknown). NAMESPACES are the app's own (default: `first_party`); ACTOR_OF maps a dotted
    class name to an actor (default: catalogue match, else "app"/"unknown" by namespace).
    """
    classes = sorted(set(class_names))
    defined = set(classes)
    fp = namespaces if namespaces is not None else first_party(catalogue, manifest, defined)
    ns = fp.own
    if app_package and "." in app_package and not owned(app_package, ns):
        ns = (*ns, app_package)

    def match(name: str) -> Signature | None:
        return attribute(catalogue, name, ns)

    if actor_of is None:

        def actor_of(name: str) -> str:
            sig = match(name)
            if sig is not None:
                return sig.id
            return "app" if owned(name, ns) or owned(name, fp.extra) else "unknown"

    ev: dict[str, list[Clue]] = defaultdict(list)
    grades: dict[str, set[str]] = defaultdict(set)
    hint_kinds: dict[str, set[str]] = defaultdict(set)
    hints: dict[str, list[Clue]] = defaultdict(list)
    class_count: Counter[str] = Counter()
    packages: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    sigs: dict[str, Signature] = {}

    def add(sig: Signature, kind: EvidenceKind, value: str, note: str = "") -> None:
        sigs[sig.id] = sig
        item = Clue(kind, value, note)
        if item not in ev[sig.id]:
            ev[sig.id].append(item)

    def hint(sig: Signature, kind: HintKind, value: str, note: str = "") -> None:
        sigs[sig.id] = sig
        hint_kinds[sig.id].add(kind.value)
        item = Clue(kind, value, note)
        if item not in hints[sig.id]:
            hints[sig.id].append(item)

    for name in classes:
        sig = match(name)
        if sig is None:
            continue
        sigs[sig.id] = sig
        class_count[sig.id] += 1
        packages[sig.id][_prefix(sig, normalize_class(name))] += 1
        if len(examples[sig.id]) < MAX_EXAMPLES and "$" not in name:
            examples[sig.id].append(name)
    for sid, counter in packages.items():
        if class_count[sid] < sigs[sid].min_classes:
            # A stray class under a generic or shared prefix is not the SDK (the catalogue says how many).
            for pkg, n in sorted(counter.items()):
                hint(sigs[sid], HintKind.FEW_CLASSES, pkg, f"{n} classes; {sigs[sid].min_classes} needed")
            class_count[sid] = 0
            continue
        grades[sid].add(Grade.CODE.value)
        for pkg, n in sorted(counter.items()):
            ev[sid].append(Clue(EvidenceKind.PACKAGE, pkg, f"{n} classes"))
        for ex in examples[sid]:
            ev[sid].append(Clue(EvidenceKind.CLASS, ex))
    if manifest is not None:
        for c in manifest.components:
            cls = _component_class(c)
            sig = catalogue.match_component(c.name)
            if sig is not None and owned(c.name, ns) and sig is catalogue.match_class(c.name):
                sig = None  # the app's own component, covered only by a vendor prefix
            if sig is not None:
                if cls in defined:
                    grades[sig.id].add(Grade.COMPONENT.value)
                    add(sig, EvidenceKind.COMPONENT, c.name, c.type.value)
                else:
                    # A merged manifest of an optional dependency declares it; its code is not here.
                    hint(sig, HintKind.ABSENT_COMPONENT, c.name, f"{c.type.value}; class not in the dex")
            for action in c.actions:
                # Custom actions are namespaced like classes (cn.jpush.android.intent.X): a catalogue
                # action rule first, else the SDK whose package prefix the action name falls under.
                asig = catalogue.match_action(action) or catalogue.match_class(action)
                if asig is None:
                    continue
                if asig is sig and cls in defined:
                    add(asig, EvidenceKind.COMPONENT, c.name, f"action {action}")
                else:
                    hint(asig, HintKind.ACTION, action, f"on {c.name}")
        for key, _value in manifest.meta_data:
            sig = catalogue.match_meta_data(key)
            if sig is not None:
                hint(sig, HintKind.META_DATA, key, "configuration key")
    for lib in sorted(set(native_libs)):
        sig = catalogue.match_native_lib(lib)
        if sig is not None:
            grades[sig.id].add(Grade.NATIVE.value)
            add(sig, EvidenceKind.NATIVE_LIB, lib.rsplit("/", 1)[-1], lib)

    host_table: list[HostUse] = []
    holders_of: Mapping[str, Iterable[str]] = hosts if isinstance(hosts, Mapping) else {h: () for h in hosts}
    for host in sorted(holders_of):
        owner = catalogue.match_host(host)
        held = sorted({actor_of(c) for c in holders_of[host]})
        host_table.append(HostUse(host, owner.id if owner else None, tuple(held)))
        for actor in held:
            holder = catalogue.signatures.get(actor)
            if holder is not None and grades.get(actor):
                note = "" if owner is None or owner.id == actor else f"host of {owner.id}"
                add(holder, EvidenceKind.HOST, host, note)
                hint_kinds[actor].add(HintKind.HOST.value)
        if owner is not None and owner.id not in held:
            where = ", ".join(held[:MAX_HOLDERS]) if held else "no code use seen"
            hint(owner, HintKind.HOST, host, f"in code of {where}")

    w = weights()
    out: list[DetectedSdk] = []
    left: list[SdkHint] = []
    for sid, sig in sigs.items():
        g = grades.get(sid, set())
        if not g:
            left.append(SdkHint(sig.id, sig.name, sig.vendor, sig.category, tuple(hints[sid])))
            continue
        # Hints of an embedded SDK support it: meta-data, actions, its own hosts.
        for h in hints[sid]:
            if h.kind is HintKind.FEW_CLASSES:
                continue
            kind = _HINT_AS_EVIDENCE.get(h.kind, EvidenceKind.COMPONENT)
            add(sig, kind, h.value, h.note)
        miss = 1.0
        for k in g:
            weight = w.grade.get(k, 0.0)
            if k == Grade.CODE.value and class_count[sid] < w.few_classes:
                weight *= w.few_factor
            miss *= 1.0 - weight
        for k in hint_kinds.get(sid, ()):
            miss *= 1.0 - w.hint.get(k, 0.0)
        out.append(
            DetectedSdk(
                id=sig.id,
                name=sig.name,
                vendor=sig.vendor,
                category=sig.category,
                collects=sig.collects,
                confidence=round(1.0 - miss, 2),
                classes=class_count[sid],
                evidence=tuple(ev[sid]),
                grades=tuple(sorted(g)),
                hints=tuple(sorted(hint_kinds.get(sid, ()))),
            )
        )
    out.sort(key=lambda s: (not s.collects, s.id))
    left.sort(key=lambda s: s.id)
    return Detection(out, left, host_table)
