"""The identifier matcher: variants of a device's identifier values, found in one HTTP request.

Pure: no mitmproxy here. The addon turns a flow into a `Request`; this module generates every
encoding of every profile value worth finding (raw, case, MAC separators, MD5/SHA-1/SHA-256 hex,
Base64 of raw values and of digests, hex of the value's bytes, URL-encoding, location decimals and pairs,
package names), compiles them into one Aho–Corasick automaton, and scans URL path, query, headers, cookies and the
decoded body (gzip/deflate/br/zstd; form, JSON, multipart, plain). A hit names the data type, the
encoding and where in the request it was found.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import io
import json
import math
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote, unquote, unquote_plus, urlsplit

import ahocorasick_rs
import brotli
import zstandard

from appaudit import data as bundled
from appaudit.limits import BROTLI_INPUT_STEP, MAX_NESTING, json_depth
from appaudit.network.profile import APP_LIST, DeviceProfile, Location


class Encoding(enum.Enum):
    """How an identifier value was written into the request."""

    RAW = "raw"
    UPPER = "upper"
    LOWER = "lower"
    NO_DASHES = "no_dashes"  # a UUID-shaped id (OAID, GAID) without its dashes
    MAC_DASH = "mac_dash"  # 02-1a-11-f3-4b-9c (either case)
    MAC_BARE = "mac_bare"  # 021a11f34b9c (either case)
    DIGITS = "digits"  # a phone number without its leading "+"
    NATIONAL = "national"  # a phone number without its country code
    MD5 = "md5"
    MD5_UPPER = "md5_upper"
    SHA1 = "sha1"
    SHA1_UPPER = "sha1_upper"
    SHA256 = "sha256"
    SHA256_UPPER = "sha256_upper"
    BASE64 = "base64"
    BASE64URL = "base64url"
    BASE64_MD5 = "base64_md5"  # Base64 of the binary digest
    BASE64URL_MD5 = "base64url_md5"
    BASE64_SHA1 = "base64_sha1"
    BASE64URL_SHA1 = "base64url_sha1"
    BASE64_SHA256 = "base64_sha256"
    BASE64URL_SHA256 = "base64url_sha256"
    URLENCODED = "urlencoded"
    HEX = "hex"  # hex of the value's UTF-8 bytes ("353533..." for "553..."), either case
    DECIMAL = "decimal"  # latitude and longitude as separate decimals in one request
    LATLNG = "latlng"  # "lat,lng" (or "lng,lat") in one string
    PACKAGE_NAMES = "package_names"  # several installed-app package names in one part


class Boundary(enum.Enum):
    """What may not touch a match on either side, so that a value inside a longer token is not a hit."""

    WORD = "word"  # no ASCII letter or digit next to it
    NUMBER = "number"  # no digit next to it, no '.' before it (31.23 is not inside 131.23 or 31.234)
    PACKAGE = "package"  # no letter, digit, '_' or '.' next to it (com.tencent.mm is not com.tencent.mmx)
    NONE = "none"  # Base64 fragments: long enough to be unique, and embedded in larger Base64 blobs


_HASHES: tuple[tuple[str, Encoding, Encoding, Encoding, Encoding], ...] = (
    ("md5", Encoding.MD5, Encoding.MD5_UPPER, Encoding.BASE64_MD5, Encoding.BASE64URL_MD5),
    ("sha1", Encoding.SHA1, Encoding.SHA1_UPPER, Encoding.BASE64_SHA1, Encoding.BASE64URL_SHA1),
    ("sha256", Encoding.SHA256, Encoding.SHA256_UPPER, Encoding.BASE64_SHA256, Encoding.BASE64URL_SHA256),
)
_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$")
_UUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_DIGITS = frozenset("0123456789")
_PACKAGE_CHARS = _WORD_CHARS | {"_", "."}
_CHARSET = re.compile(r"boundary=(?:\"([^\"]+)\"|([^;\s]+))", re.I)
_DISPOSITION_NAME = re.compile(rb'\bname="([^"]*)"', re.I)
# Above this many raw matches in one part, only the first few of each variant are examined.
_MAX_MATCHES = 2000
_MAX_PER_VARIANT = 16


@dataclass(frozen=True, slots=True)
class Settings:
    """The matcher's thresholds (appaudit/network/detect.toml)."""

    min_value_length: int
    min_distinct_chars: int
    min_base64_chars: int
    app_list_min_names: int
    location_digits: tuple[int, ...]
    skip_types: frozenset[str]
    placeholders: frozenset[str]
    max_body_bytes: int


@cache
def settings() -> Settings:
    raw = bundled.load("detect.toml", "appaudit.network")
    return Settings(
        min_value_length=int(raw["min_value_length"]),
        min_distinct_chars=int(raw["min_distinct_chars"]),
        min_base64_chars=int(raw["min_base64_chars"]),
        app_list_min_names=int(raw["app_list_min_names"]),
        location_digits=tuple(int(d) for d in raw["location_digits"]),
        skip_types=frozenset(raw["skip_types"]),
        placeholders=frozenset(p.lower() for p in raw["placeholders"]),
        max_body_bytes=int(raw["max_body_bytes"]),
    )


@dataclass(frozen=True, slots=True)
class Variant:
    """One string to look for: which value of which type, written how."""

    pattern: str  # in the matcher's alphabet: UTF-8 bytes read as Latin-1
    data_type: str
    encoding: Encoding
    boundary: Boundary
    group: str = ""  # for location decimals: "<index>:lat" / "<index>:lng"; for package names: the name


@dataclass(frozen=True, slots=True)
class Hit:
    """An identifier found in a request."""

    data_type: str
    encoding: Encoding
    where: str  # "path", "query:<name>", "header:<name>", "cookie:<name>", "form:<name>", "json:<key>", ...

    def to_dict(self) -> dict[str, str]:
        return {"data_type": self.data_type, "encoding": self.encoding.value, "where": self.where}


@dataclass(frozen=True, slots=True)
class Request:
    """The parts of one HTTP request the matcher reads (the addon fills it from a mitmproxy flow)."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""  # as sent: still content-encoded


@dataclass(frozen=True, slots=True)
class Scan:
    """The hits in one request and what could not be read (bad gzip, unknown encoding, cut body)."""

    hits: tuple[Hit, ...] = ()
    notes: tuple[str, ...] = ()
    errors: int = 0  # parts that raised and were scanned as plain text instead (a degraded scan)


def _alphabet(text: str) -> str:
    """Matching runs on bytes read as Latin-1: one char per byte, so any body decodes and UTF-8 values still match."""
    return text.encode("utf-8", "surrogateescape").decode("latin-1")


def _worth_searching(value: str, s: Settings) -> bool:
    core = [c for c in value if c.isalnum()]
    return (
        len(value) >= s.min_value_length
        and len(set(core)) >= s.min_distinct_chars
        and value.lower() not in s.placeholders
    )


def _text_forms(data_type: str, value: str) -> list[tuple[str, Encoding]]:
    """Plain-text spellings of one value, the first being the value as the device returns it."""
    forms: list[tuple[str, Encoding]] = [(value, Encoding.RAW)]
    if len(value) >= 2 and value[0] == value[-1] == '"':  # WifiInfo.getSSID() quotes the SSID
        forms.append((value[1:-1], Encoding.RAW))
    mac = _MAC.match(value)
    if mac:
        octets = re.split(r"[:-]", value)
        for case_fn in (str.lower, str.upper):
            colon = case_fn(":".join(octets))
            forms.append(
                (colon, Encoding.RAW if colon == value else Encoding.UPPER if colon.isupper() else Encoding.LOWER)
            )
            forms.append((case_fn("-".join(octets)), Encoding.MAC_DASH))
            forms.append((case_fn("".join(octets)), Encoding.MAC_BARE))
    forms += [(value.upper(), Encoding.UPPER), (value.lower(), Encoding.LOWER)]
    if _UUID.match(value):
        forms += [
            (value.replace("-", "").lower(), Encoding.NO_DASHES),
            (value.replace("-", "").upper(), Encoding.NO_DASHES),
        ]
    if data_type == "phone_number":
        digits = value.lstrip("+")
        if digits != value:
            forms.append((digits, Encoding.DIGITS))
        # Mainland China numbers (+86 then 11 digits starting with 1) are mostly sent without the country code.
        if digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
            forms.append((digits[2:], Encoding.NATIONAL))
    seen: set[str] = set()
    out: list[tuple[str, Encoding]] = []
    for text, enc in forms:
        if text not in seen:
            seen.add(text)
            out.append((text, enc))
    return out


def _base64_fragments(data: bytes, min_chars: int) -> list[tuple[str, str]]:
    """Standard and URL-safe Base64 of DATA at the three byte alignments it can have inside a larger blob.

    Only the characters whose 6 bits all come from DATA are kept: the first and last characters of an
    embedded value depend on its neighbours. Alignment 0 is also the prefix of DATA encoded alone.
    """
    out: list[tuple[str, str]] = []
    n = len(data)
    for k in range(3):
        enc = base64.b64encode(b"\0" * k + data).decode("ascii")
        first, last = -(-8 * k // 6), (8 * (k + n)) // 6  # chars i with 6i >= 8k and 6i+6 <= 8(k+n)
        frag = enc[first:last]
        if len(frag) >= min_chars:
            out.append((frag, frag.replace("+", "-").replace("/", "_")))
    return out


def _url_encodings(text: str) -> list[str]:
    upper = quote(text, safe="")
    lower = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), upper)
    return [t for t in dict.fromkeys((upper, lower)) if t != text]


def _scalar_variants(data_type: str, value: str, s: Settings) -> Iterator[Variant]:
    forms = _text_forms(data_type, value)
    for text, enc in forms:
        boundary = Boundary.NUMBER if text.isdigit() else Boundary.WORD
        yield Variant(_alphabet(text), data_type, enc, boundary)
    for text, _ in forms:
        for u in _url_encodings(text):
            yield Variant(_alphabet(u), data_type, Encoding.URLENCODED, Boundary.WORD)
    for text, _ in forms:
        raw = text.encode("utf-8")
        for name, hex_lo, hex_up, b64, b64url in _HASHES:
            digest = hashlib.new(name, raw).digest()
            yield Variant(digest.hex(), data_type, hex_lo, Boundary.WORD)
            yield Variant(digest.hex().upper(), data_type, hex_up, Boundary.WORD)
            for std, url in _base64_fragments(digest, s.min_base64_chars):
                yield Variant(std, data_type, b64, Boundary.NONE)
                yield Variant(url, data_type, b64url, Boundary.NONE)
        for std, url in _base64_fragments(raw, s.min_base64_chars):
            yield Variant(std, data_type, Encoding.BASE64, Boundary.NONE)
            yield Variant(url, data_type, Encoding.BASE64URL, Boundary.NONE)
        # Some SDKs hex-encode the string itself before sending it (no digest): both cases of those bytes.
        for hexed in dict.fromkeys((raw.hex(), raw.hex().upper())):
            yield Variant(hexed, data_type, Encoding.HEX, Boundary.NUMBER if hexed.isdigit() else Boundary.WORD)


def _decimals(x: float, d: int) -> list[str]:
    """X rounded and truncated to D decimal places (SDKs do both), once when they agree."""
    rounded = f"{x:.{d}f}"
    truncated = f"{math.trunc(x * 10**d) / 10**d:.{d}f}"
    return [rounded] if truncated == rounded else [rounded, truncated]


def _location_variants(data_type: str, index: int, loc: Location, s: Settings) -> Iterator[Variant]:
    for d in s.location_digits:
        lats, lngs = _decimals(loc.lat, d), _decimals(loc.lng, d)
        for lat in lats:
            yield Variant(lat, data_type, Encoding.DECIMAL, Boundary.NUMBER, f"{index}:lat")
        for lng in lngs:
            yield Variant(lng, data_type, Encoding.DECIMAL, Boundary.NUMBER, f"{index}:lng")
        for lat in lats:
            for lng in lngs:
                for a, b in ((lat, lng), (lng, lat)):
                    for sep in (",", ", ", "%2C", "%2c", ";", "|", "_"):
                        yield Variant(f"{a}{sep}{b}", data_type, Encoding.LATLNG, Boundary.NUMBER)


def variants(profile: DeviceProfile) -> list[Variant]:
    """Every variant worth finding for PROFILE, in priority order (a pattern keeps its first label per type)."""
    s = settings()
    out: list[Variant] = []
    for data_type, values in profile.values.items():
        if data_type in s.skip_types:
            continue
        for value in values:
            if _worth_searching(value, s):
                out.extend(_scalar_variants(data_type, value, s))
    for data_type, locs in profile.locations.items():
        for i, loc in enumerate(locs):
            out.extend(_location_variants(data_type, i, loc, s))
    for name in profile.app_list:
        if "." in name and len(name) >= s.min_value_length:
            out.append(Variant(_alphabet(name), APP_LIST, Encoding.PACKAGE_NAMES, Boundary.PACKAGE, name))
    return out


@dataclass(slots=True)
class _Found:
    """Raw matches of one request, before location and app-list rules turn them into hits."""

    hits: dict[tuple[str, Encoding, str], None] = field(default_factory=dict)
    decimals: dict[str, list[str]] = field(default_factory=dict)  # "<type>|<index>:lat" -> wheres
    packages: dict[str, dict[str, str]] = field(default_factory=dict)  # part kind -> {package: where}
    capped: int = 0  # repeated matches dropped (see _MAX_MATCHES)
    notes: list[str] = field(default_factory=list)  # what a layer could not read (an over-deep JSON body)

    def absorb(self, other: _Found, suffix: str = "", new_types_only: bool = False) -> None:
        """Add OTHER's matches, WHERE suffixed; with NEW_TYPES_ONLY, hits of types already found are
        dropped (a decoded layer only adds what the layer as sent did not show)."""
        seen = {dt for dt, _, _ in self.hits}
        for dt, enc, w in other.hits:
            if not (new_types_only and dt in seen):
                self.hits[(dt, enc, w + suffix)] = None
        for k, ws in other.decimals.items():
            self.decimals.setdefault(k, []).extend(w + suffix for w in ws)
        for part, names in other.packages.items():
            for name, w in names.items():
                self.packages.setdefault(part, {}).setdefault(name, w + suffix)
        self.capped += other.capped
        self.notes += other.notes


def _json_key(text: str, start: int) -> str:
    """The key of the JSON member whose value contains offset START (heuristic, run only on hits).

    Looks back at most 4 KB and copies nothing large: a hostile body with thousands of hits stays linear.
    """
    colon = text.rfind(":", max(0, start - 4096), start)
    if colon < 0:
        return ""
    i = colon - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    if i < 0 or text[i] != '"':
        return ""
    open_quote = text.rfind('"', max(0, i - 65), i)
    key = text[open_quote + 1 : i] if open_quote >= 0 else ""
    return key if key and "\\" not in key else ""


class Matcher:
    """The compiled automaton for one profile (immutable after construction, like a compiled regex)."""

    def __init__(self, profile: DeviceProfile) -> None:
        s = settings()
        self.profile = profile
        self.app_list_min = max(1, min(s.app_list_min_names, len(profile.app_list)))
        self.max_body_bytes = s.max_body_bytes
        by_pattern: dict[str, dict[str, Variant]] = {}
        for v in variants(profile):
            by_pattern.setdefault(v.pattern, {}).setdefault(v.data_type, v)
        self.pattern_count = len(by_pattern)
        self._variants: list[tuple[Variant, ...]] = [tuple(vs.values()) for vs in by_pattern.values()]
        # ahocorasick-rs with a DFA: ~30 us per 10 KB against ~400 us for pyahocorasick's trie walk with
        # this pattern set (benchmarks/network.py measures both); overlapping matches so that no
        # variant hides another (a MAC inside its own URL-encoding, a latitude inside a pair).
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                [p.encode("latin-1") for p in by_pattern],
                matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if by_pattern
            else None
        )

    def _scan(self, text: str, where: str, found: _Found, json_keys: bool = False) -> None:
        if self._automaton is None or not text:
            return
        n = len(text)
        raw = self._automaton.find_matches_as_indexes(text.encode("latin-1"), overlapping=True)
        if len(raw) > _MAX_MATCHES:
            # A body repeating an identifier thousands of times: keep the first occurrences of each
            # variant so that the flow costs milliseconds, not seconds, of the proxy's event loop.
            seen: dict[int, int] = {}
            capped = []
            for m in raw:
                c = seen.get(m[0], 0)
                if c < _MAX_PER_VARIANT:
                    seen[m[0]] = c + 1
                    capped.append(m)
            found.capped += len(raw) - len(capped)
            raw = capped
        matches: list[tuple[int, int, Variant]] = []
        for index, start, stop in raw:
            end = stop - 1
            before = text[start - 1] if start > 0 else ""
            after = text[stop] if stop < n else ""
            for v in self._variants[index]:
                b = v.boundary
                if b is Boundary.WORD and (before in _WORD_CHARS or after in _WORD_CHARS):
                    continue
                if b is Boundary.NUMBER and (before in _DIGITS or before == "." or after in _DIGITS):
                    continue
                if b is Boundary.PACKAGE and (before in _PACKAGE_CHARS or after in _PACKAGE_CHARS):
                    continue
                matches.append((start, end, v))
        if not matches:
            return
        # A match inside a longer match of the same type is the same occurrence ("8613812345678" inside
        # "%2B8613812345678", a latitude inside a "lat,lng" pair): keep the longest reading only.
        # Sorted by start, longest first: a match is inside an earlier one of its type iff it ends no later
        # than the furthest end seen so far for that type (one pass, linear after the sort).
        matches.sort(key=lambda m: (m[0], -m[1]))
        kept: list[tuple[int, int, Variant]] = []
        reach: dict[str, int] = {}
        for start, end, v in matches:
            if end <= reach.get(v.data_type, -1):
                continue
            reach[v.data_type] = end
            kept.append((start, end, v))
        for start, _, v in kept:
            place = where
            if json_keys:
                key = _json_key(text, start)
                place = f"{where}:{key}" if key else where
            if v.encoding is Encoding.DECIMAL:
                places = found.decimals.setdefault(f"{v.data_type}|{v.group}", [])
                if place not in places:
                    places.append(place)
            elif v.encoding is Encoding.PACKAGE_NAMES:
                found.packages.setdefault(where.split(":", 1)[0], {}).setdefault(v.group, place)
            else:
                found.hits[(v.data_type, v.encoding, place)] = None

    def _scan_layers(self, text: str, where: str, found: _Found, plus: bool) -> None:
        """Scan TEXT as sent, then percent-decoded for what only the decoded form shows (Base64 '+' as %2B)."""
        self._scan(text, where, found)
        if "%" in text or (plus and "+" in text):
            decoded = _Found()
            self._scan(unquote_plus(text, "latin-1") if plus else unquote(text, "latin-1"), where, decoded)
            found.absorb(decoded, new_types_only=True)

    def _scan_pairs(self, text: str, prefix: str, found: _Found) -> None:
        """Query strings and form bodies: each value is scanned under its own name."""
        for pair in text.split("&"):
            name, sep, value = pair.partition("=")
            label = unquote_plus(name, "latin-1")[:64]
            self._scan_layers(value if sep else name, f"{prefix}:{label}" if sep else prefix, found, plus=True)

    def _scan_json(self, text: str, where: str, found: _Found) -> None:
        # The text as sent is always scanned; parsing only adds what escapes hide.
        self._scan(text, where, found, json_keys=True)
        # Escapes hide values: "\/" in Base64, "\u4e2d" in non-ASCII text; read the decoded strings too.
        if "\\" in text:
            # 1,100 nested arrays in 2 KB made json.loads raise RecursionError (or, under a raised recursion
            # limit, overflow the C stack): too deep a body is not parsed; the text scan above already ran.
            if json_depth(text) > MAX_NESTING:
                found.notes.append(f"{where}: JSON nested deeper than {MAX_NESTING} levels; scanned as text")
                return
            try:
                doc = json.loads(text.encode("latin-1").decode("utf-8", "replace"))
            except (ValueError, RecursionError):
                return
            decoded = _Found()
            for key, value in _json_strings(doc, ""):
                self._scan(_alphabet(value), f"{where}:{key}" if key else where, decoded)
            found.absorb(decoded, new_types_only=True)

    def _scan_body(self, body: bytes, content_type: str, found: _Found) -> None:
        ctype = content_type.lower()
        text = body.decode("latin-1")
        stripped = text.lstrip()[:1]
        if "multipart/" in ctype:
            m = _CHARSET.search(content_type)
            if m:
                for name, part in _multipart(body, (m.group(1) or m.group(2)).encode("latin-1")):
                    self._scan_layers(part.decode("latin-1"), f"multipart:{name}", found, plus=False)
                return
        if "json" in ctype or stripped in ("{", "["):
            self._scan_json(text, "json", found)
        elif "x-www-form-urlencoded" in ctype:
            self._scan_pairs(text, "form", found)
        else:
            self._scan_layers(text, "body", found, plus=False)

    def scan(self, request: Request) -> Scan:
        """Every identifier in REQUEST; never raises on malformed input (that becomes a note)."""
        found = _Found()
        notes: list[str] = []
        url = _alphabet(request.url)
        try:
            parts = urlsplit(url)
            path, query = parts.path, parts.query
        except ValueError:
            path, query = url, ""
        self._scan_layers(path, "path", found, plus=False)
        if query:
            self._scan_pairs(query, "query", found)
        content_type, content_encoding = "", ""
        for name, value in request.headers:
            lname = name.lower()
            value = _alphabet(value)
            if lname == "cookie":
                for cookie in value.split(";"):
                    cname, _, cvalue = cookie.strip().partition("=")
                    self._scan_layers(cvalue, f"cookie:{cname}", found, plus=False)
                continue
            if lname == "content-type":
                content_type = value
            elif lname == "content-encoding":
                content_encoding = value
            self._scan_layers(value, f"header:{lname}", found, plus=False)
        errors = 0
        if request.body:
            # URL, headers and cookies are already in FOUND: nothing the body does can take them away.
            body = request.body[: self.max_body_bytes]
            applied = ""
            inner = _Found()
            try:
                body, applied, body_notes = decode_body(request.body, content_encoding, self.max_body_bytes)
                notes += body_notes
                self._scan_body(body, content_type, inner)
            except Exception as e:  # a matcher bug or an input no parser foresaw: scan the bytes as text
                errors += 1
                notes.append(f"scan error: body {type(e).__name__}: {' '.join(str(e).split())[:120]}; scanned as text")
                inner = _Found()
                self._scan_layers(body.decode("latin-1"), "body", inner, plus=False)
            # Name the compression after the place: "json:imei (gzip)".
            found.absorb(inner, suffix=f" ({applied})" if applied else "")
        notes += found.notes
        if found.capped:
            notes.append(f"{found.capped} repeated matches skipped (only the first {_MAX_PER_VARIANT} of each variant)")
        return Scan(hits=self._finish(found), notes=tuple(notes), errors=errors)

    def scan_text(self, text: str, where: str = "body") -> tuple[Hit, ...]:
        """Scan one piece of text (e.g. a WebSocket message or a log line)."""
        found = _Found()
        self._scan_layers(_alphabet(text), where, found, plus=False)
        return self._finish(found)

    def _finish(self, found: _Found) -> tuple[Hit, ...]:
        hits = dict(found.hits)
        # A lone decimal is a price or a version; latitude AND longitude of one fix in one request is a location.
        for data_type, locs in self.profile.locations.items():
            for i in range(len(locs)):
                lat = found.decimals.get(f"{data_type}|{i}:lat")
                lng = found.decimals.get(f"{data_type}|{i}:lng")
                if lat and lng:
                    where = lat[0] if lat[0] == lng[0] else f"{lat[0]}+{lng[0]}"
                    hits[(data_type, Encoding.DECIMAL, where)] = None
        for names in found.packages.values():
            if len(names) >= self.app_list_min:
                hits[(APP_LIST, Encoding.PACKAGE_NAMES, next(iter(names.values())))] = None
        return tuple(Hit(dt, enc, where) for dt, enc, where in sorted(hits, key=lambda k: (k[0], k[2], k[1].value)))


def _json_strings(doc: Any, key: str) -> Iterator[tuple[str, str]]:
    """(key, string) of every string in DOC, depth first; iterative, so any nesting json.loads accepted is fine."""
    stack: list[tuple[Any, str]] = [(doc, key)]
    while stack:
        node, k = stack.pop()
        if isinstance(node, str):
            yield k, node
        elif isinstance(node, Mapping):
            stack.extend((v, str(name)) for name, v in list(node.items())[::-1])
        elif isinstance(node, list):
            strings = [x for x in node if isinstance(x, str)]
            if strings:  # an array of strings (package names) is scanned as one text, as it was sent
                yield k, "\n".join(strings)
            stack.extend((x, k) for x in reversed(node) if not isinstance(x, str))


def _multipart(body: bytes, boundary: bytes) -> Iterator[tuple[str, bytes]]:
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            head, sep, content = chunk.partition(b"\n\n")
        m = _DISPOSITION_NAME.search(head)
        name = m.group(1).decode("latin-1") if m else ""
        yield name, content.removesuffix(b"\r\n").removesuffix(b"\n")


def _inflate(data: bytes, wbits: int, limit: int) -> tuple[bytes, bool]:
    """Decompress at most LIMIT bytes; a damaged or truncated stream yields what came before the damage."""
    d = zlib.decompressobj(wbits)
    try:
        out = d.decompress(data, limit)
    except zlib.error:
        return b"", False
    return out, d.eof and not d.unconsumed_tail


def _unbrotli(data: bytes, limit: int) -> tuple[bytes, bool]:
    d = brotli.Decompressor()
    out = bytearray()
    step = BROTLI_INPUT_STEP
    try:
        # brotli 1.1 (the newest mitmproxy 11 allows) has no output cap, and one input byte can finish a
        # 16 MiB meta-block (an 841-byte body inflates to 1 GiB): feeding a few bytes per call bounds the
        # overshoot past LIMIT to about two meta-blocks, where 1 KiB steps let one call return 1 GiB.
        for i in range(0, len(data), step):
            out += d.process(data[i : i + step])
            if len(out) > limit:
                return bytes(out[:limit]), False
    except brotli.error:
        return bytes(out), False
    return bytes(out), bool(d.is_finished())


def _unzstd(data: bytes, limit: int) -> tuple[bytes, bool]:
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
    out = bytearray()
    try:
        while len(out) <= limit:
            chunk = reader.read(65536)
            if not chunk:
                return bytes(out), True
            out += chunk
    except zstandard.ZstdError:
        return bytes(out), False
    return bytes(out[:limit]), False


def decode_body(body: bytes, content_encoding: str, limit: int) -> tuple[bytes, str, list[str]]:
    """Undo Content-Encoding (gzip, deflate, br, zstd; several in order). Returns (body, encodings applied, notes).

    Bodies sent compressed without a Content-Encoding header (common in analytics SDKs) are
    recognised by the gzip magic bytes. A damaged stream keeps the bytes decoded before the damage,
    or the raw body if nothing decoded, and says so in a note.
    """
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
    if not codings and body[:2] == b"\x1f\x8b":
        codings = ["gzip"]
    applied: list[str] = []
    notes: list[str] = []
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            out, ok = _inflate(body, 16 + zlib.MAX_WBITS, limit)
        elif coding == "deflate":
            # HTTP "deflate" is zlib-wrapped per RFC 9110, but some servers send raw deflate.
            out, ok = _inflate(body, zlib.MAX_WBITS, limit)
            if not out:
                out, ok = _inflate(body, -zlib.MAX_WBITS, limit)
        elif coding == "br":
            out, ok = _unbrotli(body, limit)
        elif coding == "zstd":
            out, ok = _unzstd(body, limit)
        else:
            notes.append(f"body: content-encoding {coding!r} not decoded")
            break
        if not ok:
            notes.append(f"body: {coding} stream damaged, truncated or over {limit} bytes; scanned what decoded")
        if not out and not ok:
            break
        body = out
        applied.append(coding)
    if len(body) > limit:
        notes.append(f"body: over {limit} bytes; scanned the first {limit}")
        body = body[:limit]
    return body, "+".join(applied), notes
