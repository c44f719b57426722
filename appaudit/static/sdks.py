"""SDK detection: which catalogue SDKs the app embeds, each with its evidence list and a confidence.

Evidence kinds (README, issue 5): class, package, component, meta-data, native-lib, host. Classes
are matched by the catalogue's longest package prefix (the app's own package is never attributed);
manifest components, meta-data keys and intent-filter actions, native library file names and
hosts of URLs in dex strings by the catalogue's other tables. Confidence combines the kinds seen
with the weights of data/sdk_evidence.toml as 1 - prod(1 - w).
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit.signatures import Catalogue, Signature, under
from appaudit.static.manifest import Manifest

MAX_EXAMPLES = 5
_URL_HOST = re.compile(r"\bhttps?://([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+)")


class EvidenceKind(enum.Enum):
    CLASS = "class"
    PACKAGE = "package"
    COMPONENT = "component"
    META_DATA = "meta-data"
    NATIVE_LIB = "native-lib"
    HOST = "host"


@cache
def weights() -> dict[str, float]:
    w = bundled.load("sdk_evidence.toml")["weight"]
    return {EvidenceKind(k).value: float(v) for k, v in w.items()}


@dataclass(frozen=True, slots=True)
class SdkEvidence:
    kind: EvidenceKind
    value: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind.value, "value": self.value}
        if self.note:
            d["note"] = self.note
        return d


@dataclass(frozen=True, slots=True)
class DetectedSdk:
    id: str
    name: str
    vendor: str
    category: str
    collects: bool
    confidence: float
    classes: int  # number of defined classes attributed to it
    evidence: tuple[SdkEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "vendor": self.vendor,
            "category": self.category,
            "library": not self.collects,
            "confidence": self.confidence,
            "classes": self.classes,
            "evidence": [e.to_dict() for e in self.evidence],
        }


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


def detect(
    catalogue: Catalogue,
    *,
    app_package: str,
    class_names: Iterable[str],
    manifest: Manifest | None,
    native_libs: Iterable[str],
    hosts: Iterable[str],
) -> list[DetectedSdk]:
    """SDKs with evidence, sorted by (library last, id)."""
    ev: dict[str, list[SdkEvidence]] = defaultdict(list)
    kinds: dict[str, set[str]] = defaultdict(set)
    class_count: Counter[str] = Counter()
    packages: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    sigs: dict[str, Signature] = {}

    def add(sig: Signature, kind: EvidenceKind, value: str, note: str = "") -> None:
        sigs[sig.id] = sig
        kinds[sig.id].add(kind.value)
        item = SdkEvidence(kind, value, note)
        if item not in ev[sig.id]:
            ev[sig.id].append(item)

    for name in class_names:
        sig = catalogue.match_class(name, app_package=app_package or None)
        if sig is None:
            continue
        sigs[sig.id] = sig
        class_count[sig.id] += 1
        packages[sig.id][_prefix(sig, name)] += 1
        if len(examples[sig.id]) < MAX_EXAMPLES and "$" not in name:
            examples[sig.id].append(name)
    for sid, counter in packages.items():
        kinds[sid].add(EvidenceKind.PACKAGE.value)
        for pkg, n in sorted(counter.items()):
            ev[sid].append(SdkEvidence(EvidenceKind.PACKAGE, pkg, f"{n} classes"))
        for ex in examples[sid]:
            ev[sid].append(SdkEvidence(EvidenceKind.CLASS, ex))
        kinds[sid].add(EvidenceKind.CLASS.value)
    if manifest is not None:
        for c in manifest.components:
            sig = catalogue.match_component(c.name, app_package=app_package or None)
            if sig is not None:
                add(sig, EvidenceKind.COMPONENT, c.name, c.type.value)
            for action in c.actions:
                # Custom actions are namespaced like classes (cn.jpush.android.intent.X): a catalogue
                # action rule first, else the SDK whose package prefix the action name falls under.
                sig = catalogue.match_action(action) or catalogue.match_class(action, app_package=app_package or None)
                if sig is not None:
                    add(sig, EvidenceKind.COMPONENT, c.name, f"action {action}")
        for key, _value in manifest.meta_data:
            sig = catalogue.match_meta_data(key)
            if sig is not None:
                add(sig, EvidenceKind.META_DATA, key)
    for lib in sorted(set(native_libs)):
        sig = catalogue.match_native_lib(lib)
        if sig is not None:
            add(sig, EvidenceKind.NATIVE_LIB, lib.rsplit("/", 1)[-1], lib)
    for host in sorted(set(hosts)):
        sig = catalogue.match_host(host)
        if sig is not None:
            add(sig, EvidenceKind.HOST, host)

    w = weights()
    out = []
    for sid, sig in sigs.items():
        miss = 1.0
        for k in kinds[sid]:
            weight = w.get(k, 0.0)
            if k in (EvidenceKind.CLASS.value, EvidenceKind.PACKAGE.value) and class_count[sid] < 3:
                weight *= 0.75  # one or two classes may be a shaded copy or a stub
            miss *= 1.0 - weight
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
            )
        )
    out.sort(key=lambda s: (not s.collects, s.id))
    return out
