"""The catalogue checker (issue 15): what the SDK signatures would get wrong, found before an app does.

Runs every signature of a `Catalogue` against the class names of real APKs (the corpus, the sample
apps) and a synthetic set of look-alike packages, and reports:
- `vendor-root`: a package prefix that is a whole vendor namespace: listed in `vendor_roots`, an
  organisation root (two segments, `com.vendor`) of a vendor with several products in the catalogue,
  or a prefix that covers an app's own package (a vendor's demo app `cn.vendor.demoapp`);
- `overlap`: a package prefix with another SDK's prefix below it (the broader one claims every class
  the narrower one does not, e.g. `com.autonavi` over `com.autonavi.aps`);
- `hint-only`: an entry with no code signal (no package, component or native library): it can only
  ever produce hints (hosts, meta-data), never an embedded SDK;
- `look-alike`: a synthetic class that must not match does (a sibling `com.vendorx`, a shortened
  segment, the vendor's demo app under its own package);
- `shadowed`: a prefix under which a synthetic class is claimed by another SDK (the entry can never
  match there).
`vendor-root`, `overlap` and `hint-only` findings can be justified in sdk_signatures/_rules.toml
(`[justified.vendor_root]`, `[justified.overlap]` keyed by the broader prefix, `[justified.hint_only]`
keyed by SDK id); a justification that no longer matches a finding is reported as `stale`. Entries
that matched no class of any real APK are counted (`unmatched`), not failed: a corpus of tens of apps
cannot hold 1,400 SDKs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from appaudit.signatures import Catalogue, Rules, compact_name, name_words, normalize_policy_text, under
from appaudit.signatures import below as sig_below

#: Problems a justification can excuse; the others are always errors.
JUSTIFIABLE = {"vendor-root": "vendor_root", "overlap": "overlap", "hint-only": "hint_only"}
#: First segments of organisation namespaces (`com.vendor`): two segments under one of these name a vendor.
ORG_TLDS = frozenset({"com", "cn", "net", "org", "io", "me", "co", "de", "fr", "uk", "jp", "kr", "tv", "ai", "app"})
_PROBE = "ZzProbe"


@dataclass(frozen=True, slots=True)
class AppClasses:
    """One real app: its manifest package and defined class names (dotted)."""

    name: str
    package: str
    classes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    check: str  # vendor-root | overlap | hint-only | look-alike | shadowed | stale
    sdk: str
    value: str  # the prefix, look-alike class or justification key
    detail: str
    justified: str = ""  # the justification from _rules.toml, "" when none

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "sdk": self.sdk, "value": self.value, "detail": self.detail,
                "justified": self.justified}  # fmt: skip


@dataclass(slots=True)
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    matched_in_apps: dict[str, int] = field(default_factory=dict)  # sdk id -> apps with a matching class
    apps: int = 0
    synthetic: int = 0  # look-alike classes tried

    @property
    def errors(self) -> list[Problem]:
        """Problems without a justification."""
        return [p for p in self.problems if not p.justified]

    def unmatched(self, cat: Catalogue) -> list[str]:
        return sorted(s.id for s in cat if s.packages and s.id not in self.matched_in_apps)

    def summary(self, cat: Catalogue) -> dict[str, Any]:
        by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for p in self.problems:
            by[p.check][0 if p.justified else 1] += 1
        return {
            "entries": len(cat),
            "apps": self.apps,
            "synthetic_classes": self.synthetic,
            "entries_matched_in_apps": len(self.matched_in_apps),
            "entries_unmatched_in_apps": len(self.unmatched(cat)),
            "problems": {k: {"justified": v[0], "unjustified": v[1]} for k, v in sorted(by.items())},
        }


def justifications(doc: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """`[justified.<table>]` of _rules.toml -> {table: {key: why}}; `vendor_noise` too (vendor strings
    that name no organisation)."""
    raw = doc.get("justified", {})
    out: dict[str, dict[str, str]] = {}
    for table in (*JUSTIFIABLE.values(), "vendor_noise"):
        items = raw.get(table, {}) if isinstance(raw, dict) else {}
        out[table] = {str(k): str(v) for k, v in items.items() if isinstance(v, str) and v.strip()}
    return out


def _org_root(prefix: str) -> bool:
    segs = prefix.split(".")
    return len(segs) == 2 and segs[0] in ORG_TLDS


def _vendor_key(vendor: str, stop: frozenset[str]) -> str:
    """The first word of a vendor name ("Tencent (腾讯)" -> "tencent"): the organisation, not the product."""
    for word in normalize_policy_text(vendor).replace("(", " ").split():
        for w in sorted(name_words(word, stop)):
            return w
    return ""


def _vendor_families(cat: Catalogue, stop: frozenset[str], noise: frozenset[str]) -> dict[str, set[str]]:
    """Vendor key -> ids of the entries of that vendor (vendor strings in NOISE name no vendor: an
    upstream list's source website such as crunchbase.com)."""
    fam: dict[str, set[str]] = defaultdict(set)
    for s in cat:
        key = "" if s.vendor.strip().lower() in noise else _vendor_key(s.vendor, stop)
        if key:
            fam[key].add(s.id)
    return fam


def look_alikes(prefix: str) -> list[str]:
    """Synthetic class names that resemble PREFIX but lie outside it: a longer or shorter last
    segment, a different first segment, the prefix as an inner part of another namespace."""
    segs = prefix.split(".")
    last = segs[-1]
    out = [".".join([*segs[:-1], last + "x"]) + "." + _PROBE]
    if len(last) > 1:
        out.append(".".join([*segs[:-1], last[:-1]]) + "." + _PROBE)
    out.append(".".join(["x" + segs[0], *segs[1:]]) + "." + _PROBE)
    out.append("org.lookalike." + prefix + "." + _PROBE)
    return out


def check(
    cat: Catalogue,
    rules: Rules,
    justified: Mapping[str, Mapping[str, str]],
    apps: Iterable[AppClasses] = (),
) -> CheckReport:
    """Run every check; APPS are the real apps whose class names the signatures are tried on."""
    from appaudit.static import sdks  # the detector itself decides first-party look-alikes

    report = CheckReport()
    used: dict[str, set[str]] = {t: set() for t in JUSTIFIABLE.values()}

    def add(check_name: str, sdk: str, value: str, detail: str, key: str | None = None) -> None:
        table = JUSTIFIABLE.get(check_name)
        why = ""
        if table is not None:
            k = key if key is not None else value
            why = justified.get(table, {}).get(k, "")
            if why:
                used[table].add(k)
        report.problems.append(Problem(check_name, sdk, value, detail, why))

    entries = list(cat)
    flat = sorted((p, s.id) for s in entries for p in s.packages)
    keys = [p for p, _ in flat]
    app_list = list(apps)
    report.apps = len(app_list)
    noise = frozenset(v.lower() for v in justified.get("vendor_noise", {}))
    families = _vendor_families(cat, rules.name_stop_words, noise)

    # vendor roots and overlaps
    for s in entries:
        # Other products of the same vendor (a duplicate of this product from another source is not one).
        siblings = {t for t in families.get(_vendor_key(s.vendor, rules.name_stop_words), set())
                    if t != s.id and compact_name(cat.get(t).name) != compact_name(s.name)}  # fmt: skip
        for p in s.packages:
            if p in rules.vendor_roots:
                add("vendor-root", s.id, p, "listed in vendor_roots")
            elif _org_root(p) and siblings:
                add("vendor-root", s.id, p, f"organisation root of a vendor with {len(siblings)} other entries "
                                            f"({', '.join(sorted(siblings)[:3])} ...)")  # fmt: skip
            else:
                covered = sorted({a.name for a in app_list if a.package and p != a.package and under(a.package, p)})
                if covered:
                    add("vendor-root", s.id, p, f"covers the own package of {', '.join(covered[:3])}")
            below = sorted({f"{t}:{q}" for q, t in flat[sig_below(keys, p)] if t != s.id})
            if below:
                add("overlap", s.id, p, f"other SDKs below it: {', '.join(below[:4])}")
        if not (s.packages or s.components or s.native_libs):
            add("hint-only", s.id, s.id, "no package, component or native library: it can only ever be a hint")

    # synthetic look-alikes and shadowing
    for s in entries:
        for p in s.packages:
            probe = f"{p}.{_PROBE}"
            report.synthetic += 1
            got = cat.match_class(probe)
            if got is None or got.id != s.id:
                add("shadowed", s.id, probe, f"claimed by {got.id if got else 'nothing'}")
            for la in look_alikes(p):
                report.synthetic += 1
                hit = cat.match_class(la)
                if hit is not None and hit.id == s.id and not any(under(la, q) for q in s.packages):
                    add("look-alike", s.id, la, f"matches {s.id} although it is outside {p}")
            # The vendor's own demo app under its namespace is the app's code, not the SDK.
            demo = f"{p}.demoapp"
            report.synthetic += 1
            d = sdks.detect(cat, app_package=demo, class_names=[f"{demo}.MainActivity"], manifest=None,
                            native_libs=(), hosts=())  # fmt: skip
            if d.sdks:
                add("look-alike", s.id, f"{demo}.MainActivity", f"demo app code attributed to {d.sdks[0].id}")

    # real apps
    for a in app_list:
        seen = set()
        for c in a.classes:
            got = cat.match_class(c)
            if got is not None:
                seen.add(got.id)
        for sid in seen:
            report.matched_in_apps[sid] = report.matched_in_apps.get(sid, 0) + 1

    for table, items in justified.items():
        if table not in used:
            continue
        for k in sorted(set(items) - used.get(table, set())):
            report.problems.append(Problem("stale", "", k, f"[justified.{table}] {k!r} matches no finding; remove it"))
    return report


def app_classes(name: str, apk_path: Any) -> AppClasses:
    """Class names and manifest package of an APK (through the static analyser's own readers)."""
    from appaudit.static import apk, dex, manifest

    unpacked = apk.unpack(apk_path)
    package = manifest.parse(unpacked.parts).package
    names: list[str] = []
    for dex_name, data in unpacked.dex:
        try:
            d = dex.load(data, dex_name)
        except dex.DexError:
            continue
        names += [cd.descriptor[1:-1].replace("/", ".") for cd in d.classes]
    return AppClasses(name, package, tuple(sorted(set(names))))

