"""The SDK signature importer: builds sdk_signatures/imported/ from the upstream datasets in shared/sdkdata.

Sources (all read-only, see shared/sdkdata/SOURCES.md): the Exodus Privacy tracker list
(`code_signature` class regexes, `network_signature` host regexes), LibChecker rules (rules.db:
native libraries, components, actions, DEX prefixes) with team names from rules_aggregated.json,
and LibRadar tag rules (package -> library, type).

What it fixes, with the data in sdk_signatures/_rules.toml:
- unanchored regexes (`.sizmek.`, host words without a dot) are refused, escaped dots become plain
  anchored prefixes, simple `(.*)` regexes become `*` wildcards or `package.*` component patterns;
- prefixes shorter than two segments are refused unless listed in `short_prefixes`;
- whole vendor namespaces (`vendor_roots`, `vendor_domains`) are refused, or replaced by the real
  product prefixes listed under `[splits]` (Exodus' Pangle = all of com.bytedance);
- platform packages (android.*, java.* ...) are never SDKs;
- duplicates merge: an upstream entry whose facts a curated entry already claims only adds its
  provenance to the curated file (curated facts always win and are never rewritten); entries that
  overlap an already imported entry are merged into it, provenance listing all sources;
- the same product under a broader prefix (LibRadar "Tencent Wechat" = com.tencent.mm beside curated
  wechat-opensdk = com.tencent.mm.opensdk, see `signatures.same_product`) is folded into the curated
  entry: its refs go to the provenance line, its facts to imported/_extends.toml, which extends the
  curated entry at load time (a prefix that is a vendor root, or holds another product, is left out).
Curated files are touched in one place only: their `provenance = [...]` line.
"""

from __future__ import annotations

import csv
import dataclasses
import fnmatch
import json
import re
import sqlite3
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appaudit import signatures as sg
from appaudit.errors import DataError, InputError

EXODUS = "phamcaohung__apktool__exodus_trackers.json"
LIBCHECKER_DB = "LibChecker__LibChecker-Rules-Bundle__rules.db"
LIBCHECKER_JSON = "LibChecker__LibChecker-Rules__rules_aggregated.json"
LIBRADAR = "pkumza__LibRadar__tag_rules.csv"

_EXODUS_CATEGORY = {
    "Advertisement": "ads",
    "Crash reporting": "crash",
    "Location": "location",
    "Identification": "identifiers",
    "Analytics": "analytics",
    "Profiling": "analytics",
}
_LIBRADAR_CATEGORY = {
    "Advertisement": ("ads", True),
    "Mobile Analytics": ("analytics", True),
    "Social Network": ("social", True),
    "Payment": ("payment", True),
    "Map/LBS": ("location", True),
    "Digital Identity": ("identifiers", True),
    "Game Engine": ("runtime", False),
}
# LibChecker has no categories: keywords in the label decide (first match wins; order matters).
_LABEL_CATEGORY: tuple[tuple[str, str], ...] = (
    ("推送|push|tpns|信鸽", "push"),
    (
        "广告|\\bads?\\b|ad sdk|admob|adcolony|applovin|ironsource|anythink|tanx|audience network|pangle|mimo",
        "ads",
    ),
    ("统计|分析|analytics|datafinder|灯塔|beacon|mta", "analytics"),
    ("地图|定位|\\bmaps?\\b|lbs|location", "location"),
    ("支付|\\bpay|paypal|米大师|银联|billing", "payment"),
    ("崩溃|crash|bugly|apm|sentry|bugsnag|acra|岳鹰|云捕|breakpad", "crash"),
    ("热修复|hotfix|tinker|sophix|andfix|patch", "hotfix"),
    ("验证|风控|设备指纹|易盾|数美|同盾|oaid|msa|qimei|可信 ?id|risk|captcha|防水墙", "identifiers"),
    ("\\bim\\b|rtc|音视频|直播|通信|云信|融云|环信|即构|agora|voice|语音|webrtc|trtc", "im-rtc"),
    ("登录|认证|分享|share|login|oauth|account|帐号|账号|开放平台|sign-in|微博|facebook sdk", "social"),
    ("内核|webview|tbs|x5|flutter|react native|unity|weex|uni-app|dcloud|hippy|lynx|小程序|快应用|讯飞", "runtime"),
)
_COLLECTING = frozenset({"push", "ads", "analytics", "location", "payment", "crash", "identifiers", "im-rtc", "social"})
_REGEX_META = re.compile(r"[\[\]()*+?^$|{}\\]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ID_STOP = frozenset({"sdk", "android", "for", "the", "lib", "library", "kit", "api"})


@dataclass(slots=True)
class Candidate:
    """An SDK as one upstream source describes it, after the fixes (mutable while merging)."""

    source_ref: str  # provenance string, e.g. "exodus:363"
    name: str
    vendor: str
    category: str
    collects: bool
    packages: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    native_libs: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    policy_names: list[str] = field(default_factory=list)
    provenance: list[str] = field(default_factory=list)
    id: str = ""

    def facts(self) -> int:
        return len(self.packages) + len(self.components) + len(self.actions) + len(self.native_libs) + len(self.hosts)


@dataclass(frozen=True, slots=True)
class ImportRules:
    """Everything the importer needs from _rules.toml."""

    base: sg.Rules
    platform_prefixes: tuple[str, ...]  # framework package trees
    platform_exceptions: tuple[str, ...]
    splits: Mapping[str, tuple[str, ...]]
    generic_names: frozenset[str]  # normalized; never used as an imported policy name
    platform_packages: tuple[str, ...] = ()  # framework packages whose subpackages are not the framework's


@dataclass(slots=True)
class ImportResult:
    """What the import did: counts and every refused or dropped fact with the reason."""

    written: int = 0
    merged_into_curated: dict[str, list[str]] = field(default_factory=dict)
    merged_imported: int = 0
    folded_into_curated: dict[str, list[str]] = field(default_factory=dict)  # curated id -> imported ids
    refused: list[str] = field(default_factory=list)
    dropped_entries: list[str] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "merged_into_curated": dict(sorted(self.merged_into_curated.items())),
            "merged_imported": self.merged_imported,
            "folded_into_curated": dict(sorted(self.folded_into_curated.items())),
            "sources": self.sources,
            "refused": self.refused,
            "dropped_entries": self.dropped_entries,
        }


# ---------------------------------------------------------------- reading the sources


def load_import_rules(sig_dir: Path) -> ImportRules:
    path = sig_dir / "_rules.toml"
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise DataError(f"{path}: cannot read import rules ({e})") from None
    splits = {str(k): tuple(map(str, v)) for k, v in doc.get("splits", {}).items()}
    return ImportRules(
        base=sg.parse_rules(doc, str(path)),
        platform_prefixes=tuple(map(str, doc.get("platform_prefixes", []))),
        platform_exceptions=tuple(map(str, doc.get("platform_exceptions", []))),
        platform_packages=tuple(map(str, doc.get("platform_packages", []))),
        splits=splits,
        generic_names=frozenset(sg.normalize_policy_text(str(n)) for n in doc.get("generic_names", [])),
    )


def _need(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"{path}: upstream dataset missing; pass --sdkdata pointing at shared/sdkdata")
    return path


def read_exodus(sdkdata: Path) -> list[dict[str, Any]]:
    path = _need(sdkdata / EXODUS)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        trackers = doc["trackers"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: not an Exodus tracker export ({e}); expected {{'trackers': {{...}}}}") from None
    items = trackers.values() if isinstance(trackers, dict) else trackers
    return [t for t in items if isinstance(t, dict)]


def read_libchecker(sdkdata: Path) -> list[tuple[str, str, int, bool]]:
    """(name, label, type, is_regex) rows of rules.db; a regex row's name is the regex itself."""
    path = _need(sdkdata / LIBCHECKER_DB)
    try:
        # Read-only URI: the shared dataset is never written, not even a journal.
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT name, label, type, isRegexRule FROM rules_table ORDER BY _id").fetchall()
        finally:
            con.close()
    except sqlite3.Error as e:
        raise InputError(f"{path}: not a LibChecker rules.db ({e})") from None
    return [(str(n), str(lbl), int(t), bool(r)) for n, lbl, t, r in rows]


def read_libchecker_teams(sdkdata: Path) -> dict[str, str]:
    path = sdkdata / LIBCHECKER_JSON
    if not path.is_file():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {str(r["label"]): str(r.get("team") or "") for r in doc.get("rules", []) if r.get("label")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def read_libradar(sdkdata: Path) -> list[dict[str, str]]:
    path = _need(sdkdata / LIBRADAR)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [dict(r) for r in csv.DictReader(f)]
    except (OSError, csv.Error, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not a LibRadar tag_rules.csv ({e})") from None


# ---------------------------------------------------------------- fixing upstream rules


class Fixer:
    """Turns upstream class/host/lib/component rules into anchored catalogue facts (or refuses them)."""

    def __init__(self, rules: ImportRules, result: ImportResult) -> None:
        self.rules = rules
        self.result = result

    def refuse(self, ref: str, what: str, value: str, why: str) -> None:
        self.result.refused.append(f"{ref}: {what} {value!r}: {why}")

    def packages(self, ref: str, raw: str) -> list[str]:
        """An Exodus code_signature piece or a LibChecker/LibRadar prefix -> anchored prefixes."""
        if raw.startswith("."):
            self.refuse(ref, "package", raw, "unanchored (matches in the middle of a name)")
            return []
        text = raw.replace("\\.", ".")
        m = re.fullmatch(r"\^?([A-Za-z0-9_.$]+?)\.?(?:\(\.\*\)|\.\*)?\$?", text)
        if not m or _REGEX_META.search(m.group(1)):
            self.refuse(ref, "package", raw, "regex that is not a plain prefix")
            return []
        prefix = m.group(1).strip(".").replace("$", ".")
        segs = prefix.split(".")
        if not all(sg.SEGMENT.match(s) for s in segs):
            self.refuse(ref, "package", raw, "not dotted Java identifiers")
            return []
        if self.platform(prefix):
            self.refuse(ref, "package", raw, "Android/Java platform package, not an SDK")
            return []
        if prefix in self.rules.splits:
            return list(self.rules.splits[prefix])
        if prefix in self.rules.base.vendor_roots:
            self.refuse(ref, "package", raw, "whole vendor namespace and no product split listed")
            return []
        if len(segs) < 2 and prefix not in self.rules.base.short_prefixes:
            self.refuse(ref, "package", raw, "shorter than two segments")
            return []
        return [prefix]

    def platform(self, prefix: str) -> bool:
        """PREFIX is (under) the framework's packages: `com.android.internal` is, `com.android.vending`
        (the billing AIDL apps bundle) and `org.json.simple` are not (issue 15: no platform blind spot)."""
        if any(sg.under(prefix, e) for e in self.rules.platform_exceptions):
            return False
        return prefix in self.rules.platform_packages or any(sg.under(prefix, p) for p in self.rules.platform_prefixes)

    def host(self, ref: str, raw: str) -> str | None:
        text = raw.strip().replace("\\.", ".").replace("\\-", "-").lstrip("^").rstrip("$").strip(".").lower()
        if text.startswith("*."):
            text = text[2:]
        if not sg.HOST.match(text):
            self.refuse(ref, "host", raw, "not a plain host name (regex or a bare word matches anywhere)")
            return None
        if text in self.rules.base.vendor_domains:
            self.refuse(ref, "host", raw, "a whole vendor domain shared by many products")
            return None
        return text

    def native_lib(self, ref: str, raw: str, is_regex: bool) -> str | None:
        text = raw
        if is_regex:
            text = text.replace("(.*)", "*").replace(".*", "*").replace("\\.", ".")
        if _REGEX_META.sub("", text.replace("*", "")) != text.replace("*", "") or not text.endswith(".so"):
            self.refuse(ref, "native lib", raw, "regex that is not a simple wildcard, or not a .so file name")
            return None
        if "/" in text or text.replace("*", "") in ("lib.so", ".so"):
            self.refuse(ref, "native lib", raw, "matches every library")
            return None
        return text

    def component(self, ref: str, raw: str, is_regex: bool) -> str | None:
        text = raw
        if is_regex:
            m = re.fullmatch(r"\^?((?:[A-Za-z0-9_]+\\\.)+)\(\.\*\)\$?", raw)
            if not m:
                self.refuse(ref, "component", raw, "regex that is not `package.(.*)`")
                return None
            text = m.group(1).replace("\\.", ".") + "*"
        body = text[:-2] if text.endswith(".*") else text
        if body.endswith(".so"):
            self.refuse(ref, "component", raw, "a native library filed as a component")
            return None
        if not all(sg.SEGMENT.match(s) for s in body.split(".")) or "." not in body:
            self.refuse(ref, "component", raw, "not a class name")
            return None
        if text.endswith(".*") and (body in self.rules.base.vendor_roots or body.count(".") < 2):
            self.refuse(ref, "component", raw, "pattern claims a whole vendor namespace")
            return None
        return text


# ---------------------------------------------------------------- candidates per source


def _category_for_label(label: str) -> str:
    low = label.lower()
    for pattern, cat in _LABEL_CATEGORY:
        if re.search(pattern, low):
            return cat
    return "other"


def exodus_candidates(trackers: Iterable[Mapping[str, Any]], fx: Fixer) -> list[Candidate]:
    out = []
    for t in trackers:
        ref = f"exodus:{t.get('id')}"
        name = str(t.get("name") or "").strip()
        if not name:
            continue
        cats = [c for c in t.get("categories") or [] if c in _EXODUS_CATEGORY]
        category = _EXODUS_CATEGORY[cats[0]] if cats else ("ads" if re.search(r"\bads?\b", name, re.I) else "analytics")
        if re.search(r"login|account|auth|share|sign-in", name, re.I):
            category = "social"  # Exodus files login SDKs under "Identification"
        website = str(t.get("website") or "")
        vendor = re.sub(r"^https?://(www\.)?", "", website).split("/")[0] or name
        c = Candidate(ref, name, vendor, category, True, policy_names=[name], provenance=[ref])
        for piece in filter(None, str(t.get("code_signature") or "").split("|")):
            c.packages += fx.packages(ref, piece)
        for piece in filter(None, str(t.get("network_signature") or "").split("|")):
            h = fx.host(ref, piece)
            if h:
                c.hosts.append(h)
        out.append(c)
    return out


def libchecker_candidates(
    rows: Iterable[tuple[str, str, int, bool]], teams: Mapping[str, str], fx: Fixer
) -> list[Candidate]:
    by_label: dict[str, Candidate] = {}
    for name, label, rtype, is_regex in rows:
        label = label.strip()
        if not label:
            continue
        ref = f"libchecker:{label}"
        c = by_label.get(label)
        if c is None:
            category = _category_for_label(label)
            vendor = teams.get(label) or label
            c = Candidate(ref, label, vendor, category, category in _COLLECTING, policy_names=[label], provenance=[ref])
            by_label[label] = c
        if rtype == 0:
            lib = fx.native_lib(ref, name, is_regex)
            if lib:
                c.native_libs.append(lib)
        elif rtype in (1, 2, 3, 4):
            comp = fx.component(ref, name, is_regex)
            if comp:
                c.components.append(comp)
        elif rtype == 5:
            c.packages += fx.packages(ref, name)
        elif rtype == 9:
            if re.fullmatch(r"[A-Za-z0-9_.]+", name) and name.count(".") >= 2:
                c.actions.append(name)
            else:
                fx.refuse(ref, "action", name, "not an intent action name")
        # type 6 (static shared library names) says nothing an APK scan can match on.
    return list(by_label.values())


def libradar_candidates(rows: Iterable[Mapping[str, str]], fx: Fixer) -> list[Candidate]:
    by_name: dict[str, Candidate] = {}
    for r in rows:
        lib = (r.get("Library Name") or "").strip()
        pkg = (r.get("Package Name") or "").strip()
        if not lib or lib == "no" or not pkg.startswith("L"):
            continue
        ref = f"libradar:{pkg[1:].replace('/', '.')}"
        category, collects = _LIBRADAR_CATEGORY.get((r.get("Type") or "").strip(), ("other", False))
        c = by_name.get(lib)
        if c is None:
            c = Candidate(ref, lib, lib, category, collects, policy_names=[lib], provenance=[])
            by_name[lib] = c
        got = fx.packages(ref, pkg[1:].replace("/", "."))
        if got:
            c.packages += got
            c.provenance.append(ref)
    return [c for c in by_name.values() if c.provenance]


# ---------------------------------------------------------------- merging


class Index:
    """Who claims what so far (curated first, then imported), for overlap detection."""

    def __init__(self) -> None:
        self.trie: dict[str, Any] = {}
        self.exact: dict[tuple[str, str], str] = {}  # (kind, value) -> id
        self.lib_patterns: list[tuple[str, str]] = []
        self.hosts: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def add(
        self,
        sid: str,
        packages: Iterable[str],
        components: Iterable[str],
        actions: Iterable[str],
        libs: Iterable[str],
        hosts: Iterable[str],
        names: Iterable[str],
    ) -> None:
        for p in packages:
            node = self.trie
            for seg in p.split("."):
                node = node.setdefault(seg, {})
            node.setdefault("", sid)
        for kind, values in (("component", components), ("action", actions), ("lib", libs)):
            for v in values:
                self.exact.setdefault((kind, v), sid)
                if kind == "lib" and "*" in v:
                    self.lib_patterns.append((v, sid))
        for h in hosts:
            self.hosts.setdefault(h, sid)
        for n in names:
            self.names.setdefault(sg.normalize_policy_text(n), sid)

    def package_owners(self, prefix: str) -> set[str]:
        """Ids whose prefix contains PREFIX (equal or shorter on segment boundaries).

        A broader upstream prefix is not an overlap: it is a separate, broader SDK (LibRadar's
        "Amazon AWS" = com.amazonaws beside Exodus' com.amazonaws.mobileconnectors.pinpoint), and the
        longest-prefix rule keeps each product's classes with the product.
        """
        owners: set[str] = set()
        node: dict[str, Any] | None = self.trie
        for seg in prefix.split("."):
            node = node.get(seg) if node is not None else None
            if node is None:
                break
            if "" in node:
                owners.add(node[""])
        return owners

    def host_owners(self, host: str) -> set[str]:
        """Ids with a host that HOST equals or lies under (a broader host is a separate claim)."""
        return {sid for h, sid in self.hosts.items() if h == host or host.endswith("." + h)}

    def lib_owners(self, lib: str) -> set[str]:
        owners = set()
        if ("lib", lib) in self.exact:
            owners.add(self.exact[("lib", lib)])
        probe = lib.replace("*", "1")
        owners |= {sid for pat, sid in self.lib_patterns if fnmatch.fnmatchcase(probe, pat)}
        return owners

    def owners(self, c: Candidate) -> dict[str, int]:
        """Overlapping ids with the number of overlapping facts."""
        count: dict[str, int] = {}

        def bump(ids: Iterable[str]) -> None:
            for i in ids:
                count[i] = count.get(i, 0) + 1

        for p in c.packages:
            bump(self.package_owners(p))
        for comp in c.components:
            sid = self.exact.get(("component", comp))
            if sid:
                bump([sid])
            elif not comp.endswith(".*"):
                bump(self.package_owners(comp))
        for a in c.actions:
            if ("action", a) in self.exact:
                bump([self.exact[("action", a)]])
        for lib in c.native_libs:
            bump(self.lib_owners(lib))
        for h in c.hosts:
            bump(self.host_owners(h))
        return count


def _strip_sdk(norm: str) -> str:
    """A normalized name without a trailing "sdk" word ("极光认证sdk" -> "极光认证")."""
    return re.sub(r"\s*sdk$", "", norm).strip()


def _slug(text: str) -> str:
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w and w not in _ID_STOP]
    return "-".join(words)


def _fact_slug(c: Candidate) -> str:
    if c.packages:
        return _slug(".".join(c.packages[0].split(".")[1:3]))
    if c.components:
        return _slug(".".join(c.components[0].split(".")[1:3]))
    if c.native_libs:
        return _slug(c.native_libs[0].removeprefix("lib").removesuffix(".so").replace("*", ""))
    if c.hosts:
        return _slug(c.hosts[0].rsplit(".", 1)[0])
    return ""


def make_id(c: Candidate, taken: set[str]) -> str:
    base = _slug(c.name)
    if _CJK.search(c.name) or len(base.replace("-", "")) < 3:
        # A Chinese label: its ASCII part is at most a vendor word ("vivo 网游联运 SDK"), so the
        # entry is named after what it matches on, prefixed by that word.
        facts = _fact_slug(c)
        base = facts if not base or base in facts else f"{base}-{facts}".strip("-")
    base = base[:48].strip("-") or "sdk"
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    return sid


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def merge(
    curated: Mapping[str, sg.Signature],
    candidates: Iterable[Candidate],
    result: ImportResult,
    generic: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Merge upstream candidates into curated provenance and into each other; return new imported entries."""
    idx = Index()
    curated_names = {sg.normalize_policy_text(n): s.id for s in curated.values() for n in s.policy_names}
    for s in curated.values():
        idx.add(s.id, s.packages, s.components, s.actions, s.native_libs, s.hosts, s.policy_names)
    imported: dict[str, Candidate] = {}
    taken = set(curated)
    for c in candidates:
        c.packages, c.components, c.actions = _unique(c.packages), _unique(c.components), _unique(c.actions)
        c.native_libs, c.hosts = _unique(c.native_libs), _unique(c.hosts)
        if c.facts() == 0:
            result.dropped_entries.append(f"{c.source_ref} ({c.name}): nothing left to match on after the fixes")
            continue
        owners = idx.owners(c)
        # Same product under another name: "极光认证 SDK" (LibChecker) is curated "极光认证".
        named = curated_names.get(_strip_sdk(sg.normalize_policy_text(c.name)))
        if named and named not in owners:
            owners[named] = 1
        for sid in owners:
            if sid in curated:
                result.merged_into_curated.setdefault(sid, [])
                for ref in c.provenance:
                    if ref not in result.merged_into_curated[sid]:
                        result.merged_into_curated[sid].append(ref)
        if owners:
            # The entry with the most overlapping facts absorbs the rest (curated entries absorb nothing
            # but provenance: their facts are hand-checked and win).
            best = max(owners, key=lambda i: (owners[i], i in curated, i))
            if best in curated:
                continue
            target = imported[best]
            _absorb(target, c, idx, best, generic)
            result.merged_imported += 1
            continue
        c.id = make_id(c, taken)
        fresh = Candidate(
            c.source_ref, c.name, c.vendor, c.category, c.collects, provenance=list(c.provenance), id=c.id
        )
        imported[c.id] = fresh
        _absorb(fresh, c, idx, c.id, generic)
    return list(imported.values())


def _absorb(target: Candidate, c: Candidate, idx: Index, sid: str, generic: frozenset[str]) -> None:
    """Add C's facts that nobody else claims to TARGET (and to the index)."""
    packages = [p for p in c.packages if idx.package_owners(p) <= {sid}]
    components = [x for x in c.components if idx.exact.get(("component", x), sid) == sid]
    actions = [x for x in c.actions if idx.exact.get(("action", x), sid) == sid]
    libs = [x for x in c.native_libs if idx.lib_owners(x) <= {sid}]
    hosts = [h for h in c.hosts if idx.host_owners(h) <= {sid}]
    names = [
        n
        for n in c.policy_names
        if len(n) >= 3
        and sg.normalize_policy_text(n) not in generic
        and idx.names.get(sg.normalize_policy_text(n), sid) == sid
    ]
    # Drop a prefix that lies under another prefix of the same entry (redundant).
    target.packages = _unique(target.packages + packages)
    target.packages = [p for p in target.packages if not any(p != q and sg.under(p, q) for q in target.packages)]
    target.components = _unique(target.components + components)
    target.actions = _unique(target.actions + actions)
    target.native_libs = _unique(target.native_libs + libs)
    target.hosts = _unique(target.hosts + hosts)
    target.policy_names = _unique(target.policy_names + names)
    target.provenance = _unique(target.provenance + c.provenance)
    if target.category == "other" and c.category != "other":
        target.category, target.collects = c.category, c.collects
    idx.add(sid, packages, components, actions, libs, hosts, names)


def fold_into_curated(
    curated: Mapping[str, sg.Signature],
    imported: dict[str, sg.Signature],
    rules: sg.Rules,
    result: ImportResult,
) -> dict[str, dict[str, list[str]]]:
    """Remove from IMPORTED every entry that is a curated product under a broader prefix; return the
    facts that extend each curated entry (for imported/_extends.toml).

    The merge by overlap cannot see these: a broader prefix is not an overlap, because it usually is a
    separate, broader SDK (LibRadar com.amazonaws beside Exodus' Amazon analytics classes).
    """
    facts: dict[str, dict[str, list[str]]] = {}
    every = [*curated.values(), *imported.values()]
    flat = sorted(p for s in every for p in s.packages)
    for broad_id, narrow_id, _prefix in sg.product_doubles(every, rules.name_stop_words):
        if narrow_id not in curated or broad_id not in imported:
            continue  # curated entries are separate products by hand; imported pairs are left to the tests
        broad = imported.pop(broad_id)
        narrow = curated[narrow_id]
        add = facts.setdefault(narrow_id, {f: [] for f in sg.EXTENDABLE})
        for p in broad.packages:
            # A vendor root, or a prefix above another product's, would claim that product's classes too.
            below = [q for q in flat if q != p and sg.under(q, p) and q not in broad.packages]
            if p in rules.vendor_roots or not all(q in narrow.packages for q in below):
                result.refused.append(f"{broad_id}: package {p!r}: not added to {narrow_id} (vendor namespace)")
                continue
            add["packages"].append(p)
            add["examples"].append(p)  # the prefix matches itself: proof that the class goes to NARROW
        for f in ("components", "actions", "native_libs", "hosts"):
            add[f] += getattr(broad, f)
        add["examples"] += [e for e in broad.examples if e not in broad.packages and not e.startswith("host:")]
        add["examples"] += ["host:" + h for h in broad.hosts[:1]]
        result.folded_into_curated.setdefault(narrow_id, []).append(broad_id)
        refs = result.merged_into_curated.setdefault(narrow_id, [])
        refs += [r for r in broad.provenance if r not in refs]
    return {sid: {f: _unique(v) for f, v in add.items() if v} for sid, add in facts.items()}


def fold_imported_doubles(imported: dict[str, sg.Signature], result: ImportResult) -> dict[str, sg.Signature]:
    """Merge two imported entries that are one product under two prefixes (issue 15's overlap check):
    LibRadar's `com.vungle` "Vungle" over Exodus' `com.vungle.publisher` "Vungle". The broader entry
    must have exactly one entry below its prefix and the same name, or a name that starts with the
    narrower one's ("Kiip Mobile Ads" over "Kiip"; letters and digits compared, parenthetical remarks
    left out, so "newrelic" is "New Relic"). The narrower id survives with the broader prefixes; its
    own prefixes, now redundant, go. Other pairs stay (Unity Ads under the Unity engine's namespace).
    """
    out = dict(imported)
    flat = sorted((p, s.id) for s in out.values() for p in s.packages)
    keys = [p for p, _ in flat]
    for broad in sorted(imported.values(), key=lambda s: s.id):
        if broad.id not in out or not broad.packages:
            continue
        below: set[str] = set()
        for p in broad.packages:
            below |= {t for _q, t in flat[sg.below(keys, p)] if t != broad.id}
        if len(below) != 1:
            continue
        (nid,) = below
        narrow = out.get(nid)
        short = sg.compact_name(narrow.name) if narrow is not None else ""
        if narrow is None or not short or not sg.compact_name(broad.name).startswith(short):
            continue

        def union(f: str, a: sg.Signature = broad, b: sg.Signature = narrow) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*getattr(b, f), *getattr(a, f))))

        packages = union("packages")
        packages = tuple(p for p in packages if not any(p != q and sg.under(p, q) for q in packages))
        merged = dataclasses.replace(
            narrow,
            packages=packages,
            components=union("components"),
            actions=union("actions"),
            native_libs=union("native_libs"),
            hosts=union("hosts"),
            policy_names=union("policy_names"),
            provenance=union("provenance"),
        )
        merged = dataclasses.replace(merged, examples=tuple(_examples(merged)))
        out[nid] = merged
        del out[broad.id]
        result.merged_imported += 1
        result.dropped_entries.append(f"{broad.id}: the same product as {nid} under a broader prefix; merged")
    return out


def render_extensions(ext: Mapping[str, Mapping[str, list[str]]], folded: Mapping[str, list[str]]) -> str:
    lines = [
        "# Generated by `appaudit sdk import` from shared/sdkdata: facts of upstream entries that are a curated",
        "# product under a broader package prefix. They extend the curated entry when the catalogue is loaded,",
        "# so that the curated file keeps only hand-checked facts.",
    ]
    for sid in sorted(ext):
        lines += ["", f"# folded: {', '.join(folded.get(sid, []))}", f"[{json.dumps(sid)}]"]
        lines += [f"{f} = {json.dumps(ext[sid][f], ensure_ascii=False)}" for f in sg.EXTENDABLE if f in ext[sid]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- output


def _examples(c: Candidate | sg.Signature) -> list[str]:
    """Examples derived from the upstream rules themselves: a component name is a real class,
    a package prefix matches itself, a lib pattern is instantiated."""
    ex: list[str] = []
    ex += [x for x in c.components if not x.endswith(".*")][:2]
    ex += c.packages[:2]
    ex += [lib.replace("*", "1") for lib in c.native_libs[:2]]
    ex += ["host:" + h for h in c.hosts[:1]]
    ex += ["action:" + a for a in c.actions[:1]]
    return ex


def to_signature(c: Candidate) -> sg.Signature:
    return sg.Signature(
        id=c.id,
        name=c.name,
        vendor=c.vendor,
        category=c.category,
        packages=tuple(c.packages),
        components=tuple(c.components),
        meta_data=(),
        actions=tuple(c.actions),
        native_libs=tuple(c.native_libs),
        hosts=tuple(c.hosts),
        policy_names=tuple(c.policy_names),
        data_types=(),
        privacy_url="",
        provenance=tuple(c.provenance),
        examples=tuple(_examples(c)),
        collects=c.collects,
    )


def render_toml(sig: sg.Signature) -> str:
    """One imported entry as TOML (json.dumps strings are valid TOML basic strings)."""
    lines = ["# Generated by `appaudit sdk import` from shared/sdkdata; edit the curated/ file instead."]
    d = sig.to_dict()
    for key in ("id", "name", "vendor", "category"):
        lines.append(f"{key} = {json.dumps(d[key], ensure_ascii=False)}")
    lines.append(f"collects = {'true' if sig.collects else 'false'}")
    # Empty fields are left out (they default to empty): fewer keys, faster load().
    for key in sg.LIST_FIELDS:
        if d[key]:
            lines.append(f"{key} = {json.dumps(d[key], ensure_ascii=False)}")
    if sig.privacy_url:
        lines.append(f"privacy_url = {json.dumps(sig.privacy_url)}")
    return "\n".join(lines) + "\n"


_PROVENANCE_LINE = re.compile(r"^provenance = \[.*\]$", re.M)


def run(sdkdata: Path, sig_dir: Path) -> ImportResult:
    """Rebuild SIG_DIR/imported/ from SDKDATA; add upstream refs to curated provenance lines."""
    result = ImportResult()
    rules = load_import_rules(sig_dir)
    curated_dir = sig_dir / "curated"
    curated: dict[str, sg.Signature] = {}
    for path in sorted(curated_dir.glob("*.toml")):
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise DataError(f"{path}: cannot read curated entry ({e})") from None
        curated[path.stem] = sg.parse_signature(doc, str(path))
    fx = Fixer(rules, result)
    exodus = exodus_candidates(read_exodus(sdkdata), fx)
    checker = libchecker_candidates(read_libchecker(sdkdata), read_libchecker_teams(sdkdata), fx)
    radar = libradar_candidates(read_libradar(sdkdata), fx)
    result.sources = {"exodus": len(exodus), "libchecker": len(checker), "libradar": len(radar)}
    imported = merge(curated, [*exodus, *checker, *radar], result, rules.generic_names)

    sigs = {c.id: to_signature(c) for c in imported}
    ext = fold_into_curated(curated, sigs, rules.base, result)
    sigs = fold_imported_doubles(sigs, result)
    extended = {
        sid: sg.extend(s, {f: tuple(v) for f, v in ext[sid].items()}) if sid in ext else s for sid, s in curated.items()
    }

    # Validate the whole catalogue as load() will; an imported entry that still conflicts is dropped.
    while True:
        try:
            entries = [(s, f"curated/{s.id}.toml") for s in extended.values()]
            entries += [(s, f"imported/{s.id}.toml") for s in sigs.values()]
            sg.validate(entries, rules.base)
            break
        except DataError as e:
            msg = str(e)
            # The entry at fault is the imported file named first, or the imported id a curated
            # example now loses to.
            bad = next((sid for sid in sigs if msg.startswith(f"imported/{sid}.toml")), None)
            bad = bad or next((sid for sid in sigs if f"'{sid}'" in msg), None)
            if bad is None:
                raise
            result.dropped_entries.append(f"{bad}: {e}")
            del sigs[bad]

    out = sig_dir / "imported"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.toml"):
        old.unlink()
    for sig in sigs.values():
        (out / f"{sig.id}.toml").write_text(render_toml(sig), encoding="utf-8")
    result.written = len(sigs)
    if ext:
        (sig_dir / sg.EXTENSIONS).write_text(render_extensions(ext, result.folded_into_curated), encoding="utf-8")

    # Every curated file gets the upstream refs of this run (none if nothing merged any more).
    for sid in curated:
        path = curated_dir / f"{sid}.toml"
        text = path.read_text(encoding="utf-8")
        prov = ["curated", *sorted(set(result.merged_into_curated.get(sid, [])))]
        text, n = _PROVENANCE_LINE.subn(f"provenance = {json.dumps(prov, ensure_ascii=False)}", text, count=1)
        if n:
            path.write_text(text, encoding="utf-8")
    return result
