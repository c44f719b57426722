"""Sensitive call sites: where the dex code reads a personal-data type named by the ontology.

Matches, against `appaudit/data/datatypes.toml` (never a list in code):
- invokes of `method` APIs by the method reference's class and name, as the ontology lists them
  (it lists PackageManager and ApplicationPackageManager separately); an API with an argument
  filter (Settings.Secure.getString "android_id") only when that constant is visible in the
  argument register (straight-line `const-string` before the invoke in the same method), and then
  instead of the same method's unfiltered entry (getLastKnownLocation("network") is coarse only);
- static reads (`sget*`) of `field` APIs, and reflection on them or on method APIs:
  `Class.getDeclaredField("SERIAL")` / `getMethod("getDeviceId")` with the name visible in the
  argument register and the API's class visible in the receiver register (`const-class`, or a
  class-name string). A member name alone is never enough (issue 15): OkHttp's `getMethod("open")`
  on a platform class it loads by name is not `Camera.open()`;
- `const-string` constants of the file, command, content_uri, service, property and string kinds.

Every site says how it was matched (`RawSite.matched`): `invoke` (the method reference's class and
name), `field` (a static field reference), `reflection+class` (member name and class constant) or
`string` (a string constant).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from appaudit import ontology
from appaudit.ontology import Api
from appaudit.static.dex import INVOKE_STATIC, Dex

# Reflection entry points (java.lang.Class) whose string argument names a member.
_REFLECT_FIELD = frozenset({"getDeclaredField", "getField"})
_REFLECT_METHOD = frozenset({"getDeclaredMethod", "getMethod"})
_CLASS = "Ljava/lang/Class;"


def descriptor(dotted: str) -> str:
    """`android.provider.Settings$Secure` -> `Landroid/provider/Settings$Secure;`."""
    return "L" + dotted.replace(".", "/") + ";"


def dotted(desc: str) -> str:
    """`Lcom/x/Y;` -> `com.x.Y` (arrays and primitives are returned unchanged)."""
    if desc.startswith("L") and desc.endswith(";"):
        return desc[1:-1].replace("/", ".")
    return desc


@dataclass(frozen=True, slots=True)
class Target:
    data_type: str
    api: Api


@dataclass(frozen=True, slots=True)
class RawSite:
    """A call site before attribution: where (dex, method, pc) and what (data type, API)."""

    dex: int
    method: int  # index into the dex's defined methods
    pc: int
    data_type: str
    api: str  # ontology label, e.g. "TelephonyManager.getDeviceId()" or "file:/proc/net/arp"
    kind: str  # method | field | reflection | file | command | content_uri | service | property | string
    target: str  # callee "Lx;->m(..)", field "Lx;->F", or the string constant
    argument: str | None = None  # the visible argument that satisfied a filter

    @property
    def matched(self) -> str:
        """How the site was matched: invoke | field | reflection+class | string."""
        return _MATCHED.get(self.kind, "string")


_MATCHED = {"method": "invoke", "field": "field", "reflection": "reflection+class"}


class Matcher:
    """Index of the ontology's APIs by the keys the dex scan sees."""

    def __init__(self, types: Iterable[ontology.DataType]) -> None:
        self.methods: dict[tuple[str, str], list[Target]] = {}
        self.fields: dict[tuple[str, str], list[Target]] = {}
        self.field_names: dict[str, list[tuple[str, Target]]] = {}
        self.method_names: dict[str, list[tuple[str, Target]]] = {}
        self.exact: dict[str, list[Target]] = {}
        self.prefixes: list[tuple[str, Target]] = []
        self.globs: list[tuple[str, Target]] = []
        for dt in types:
            for api in dt.apis:
                t = Target(dt.id, api)
                if api.kind == "method":
                    desc = descriptor(api.cls)
                    self.methods.setdefault((desc, api.member), []).append(t)
                    self.method_names.setdefault(api.member, []).append((desc, t))
                elif api.kind == "field":
                    desc = descriptor(api.cls)
                    self.fields.setdefault((desc, api.member), []).append(t)
                    self.field_names.setdefault(api.member, []).append((desc, t))
                elif api.kind in ("command", "content_uri"):
                    # A command or URI is usually built from this constant plus arguments.
                    self.prefixes.append((api.target, t))
                elif "*" in api.target:
                    self.globs.append((api.target, t))
                else:
                    self.exact.setdefault(api.target, []).append(t)
        self.prefixes.sort(key=lambda p: -len(p[0]))
        # One regex that every matching string satisfies, to skip the other ~99.9% of a dex's strings
        # in C: exact values and prefixes as they are, globs up to their first "*".
        heads = [*self.exact, *(p for p, _ in self.prefixes), *(g.split("*", 1)[0] for g, _ in self.globs)]
        self._maybe = re.compile("|".join(re.escape(h) for h in sorted(set(heads), key=len, reverse=True)))

    def string_targets(self, value: str) -> list[Target]:
        if len(value) > 512 or not self._maybe.match(value):
            return []
        out = list(self.exact.get(value, ()))
        for prefix, t in self.prefixes:
            if value.startswith(prefix):
                out.append(t)
        for pattern, t in self.globs:
            if "/" in value and fnmatch.fnmatchcase(value, pattern) and value.count("/") == pattern.count("/"):
                out.append(t)
        return out

    def wants_string(self, value: str) -> bool:
        return bool(self.string_targets(value))

    def is_site(self, class_desc: str, name: str) -> bool:
        if (class_desc, name) in self.methods:
            return True
        return class_desc == _CLASS and (name in _REFLECT_FIELD or name in _REFLECT_METHOD)


@cache
def matcher() -> Matcher:
    return Matcher(ontology.load().values())


def flags(dex: Dex, m: Matcher) -> tuple[bytearray, bytearray, bytearray]:
    """Per-dex flags for `dex.scan_code`: (site_at method ids, string_at string ids, field_at field ids)."""
    types = dex.types
    strings = dex.strings
    site_at = bytearray(len(dex.method_ids))
    names = {n for _, n in m.methods} | _REFLECT_FIELD | _REFLECT_METHOD
    for i, (c, _p, n) in enumerate(dex.method_ids):
        name = strings[n]
        if name in names and m.is_site(types[c], name):
            site_at[i] = 1
    string_at = bytearray(len(strings))
    for i, s in enumerate(strings):
        if s and m.wants_string(s):
            string_at[i] = 1
    field_at = bytearray(len(dex.field_ids))
    for i, (c, _t, n) in enumerate(dex.field_ids):
        if (types[c], strings[n]) in m.fields:
            field_at[i] = 1
    return site_at, string_at, field_at


def extract(dex_index: int, dex: Dex, m: Matcher) -> list[RawSite]:
    """The sensitive call sites of one scanned dex."""
    out: list[RawSite] = []
    types = dex.types
    strings = dex.strings
    for method, mid, pc in dex.invoke_sites:
        c, _p, n = dex.method_ids[mid]
        cls = types[c]
        name = strings[n]
        callee = dex.method_label(mid)
        if cls == _CLASS:
            out += _reflection(dex_index, dex, m, method, mid, pc, name, callee)
            continue
        targets = m.methods.get((cls, name), ())
        filtered = []
        for t in targets:
            if t.api.arg_index is not None:
                arg = _argument(dex, method, mid, pc, t.api.arg_index)
                if arg == t.api.arg_equals:
                    filtered.append((t, arg))
        # A matching argument filter is the more specific reading: getLastKnownLocation("network") is
        # location_coarse, not also location_precise (data-types.md: "same APIs with coarse providers").
        chosen = filtered or [(t, None) for t in targets if t.api.arg_index is None]
        for t, arg in chosen:
            out.append(RawSite(dex_index, method, pc, t.data_type, t.api.label, "method", callee, arg))
    for method, fid, pc in dex.field_uses:
        c, _t, n = dex.field_ids[fid]
        for t in m.fields.get((types[c], strings[n]), ()):
            out.append(RawSite(dex_index, method, pc, t.data_type, t.api.label, "field", f"{types[c]}->{strings[n]}"))
    for method, sid, pc in dex.string_uses:
        value = strings[sid]
        for t in m.string_targets(value):
            out.append(RawSite(dex_index, method, pc, t.data_type, t.api.label, t.api.kind, value))
    return out


def _argument(dex: Dex, method: int, mid: int, pc: int, index: int) -> str | None:
    """The constant string in the register of declared parameter `index` at the invoke, if visible."""
    args = dex.invoke_args(method, pc)
    op = dex.data[dex.m_code[method] + 16 + 2 * pc]
    pos = 0 if op in INVOKE_STATIC else 1  # skip `this`
    words = dex.param_words(mid)
    if index >= len(words):
        return None
    pos += sum(words[:index])
    if pos >= len(args):
        return None
    val = dex.registers_at(method, pc).get(args[pos])
    return val[1] if val and val[0] == "string" else None


def _reflection(
    dex_index: int, dex: Dex, m: Matcher, method: int, mid: int, pc: int, name: str, callee: str
) -> list[RawSite]:
    args = dex.invoke_args(method, pc)
    if len(args) < 2:
        return []
    regs = dex.registers_at(method, pc)
    member = regs.get(args[1])
    if not member or member[0] != "string":
        return []
    receiver = regs.get(args[0])
    cls = receiver[1] if receiver and receiver[0] == "type" else None
    if receiver and receiver[0] == "string":  # Class.forName("android.os.Build") kept in a register
        cls = descriptor(receiver[1])
    if cls is None:
        return []  # a member name without its class names no API (getMethod("open") is not Camera.open)
    table = m.field_names if name in _REFLECT_FIELD else m.method_names
    cands = [(d, t) for d, t in table.get(member[1], []) if d == cls]
    out = []
    for _d, t in cands:
        if t.api.arg_index is not None:
            continue  # an argument filter cannot be checked through reflection
        out.append(RawSite(dex_index, method, pc, t.data_type, t.api.label, "reflection", callee, member[1]))
    return out
