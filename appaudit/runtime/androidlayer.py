"""The generated Android framework layer of one APK, for the hostjvm backend.

Owns: reading an app's framework references from its dex (type, method and field ids under android.,
com.android., dalvik. and the other packages Android ships but OpenJDK lacks) with the static side's dex
parser, deciding for each whether it is static or instance and interface or class (from the invoke and
sget opcodes, from what app classes extend and implement, and from the curated hierarchy in
android_hierarchy.toml), and having stubs/appaudit/harness/LayerWriter.java write a class for each
(ASM: one JVM start for all classes, no compiler) into a cache keyed by the APK's hash and the stubs'
version. Hand-written stubs stay where behaviour matters (stubs/android/**); the writer completes them
with the members the app references that they lack.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from appaudit.data import load as load_data
from appaudit.static import dex as dexfmt
from appaudit.static.callsites import descriptor

# Packages that exist on a device but not in OpenJDK 17 (nor in the real libraries put on the class path).
FRAMEWORK_PREFIXES = (
    "Landroid/",
    "Lcom/android/",
    "Ldalvik/",
    "Lorg/apache/http/",
    "Lorg/xmlpull/",
    "Llibcore/",
    "Lcom/google/android/collect/",
)
# Never generated although under a framework prefix: the app bundles them (support libraries) or they
# must come from the app itself; a reference the app does not define then fails as it would on a device.
NOT_FRAMEWORK = ("Landroid/support/", "Landroid/arch/", "Landroidx/")
_STATIC_INVOKES = frozenset({0x71, 0x77})
_INTERFACE_INVOKES = frozenset({0x72, 0x78})
_INVOKE_OPS = frozenset(range(0x6E, 0x73)) | frozenset(range(0x74, 0x79))


@dataclass(slots=True)
class TypeRef:
    kind: str = ""  # "class", "interface", "" (unknown: a class)
    superclass: str = ""  # descriptor
    interfaces: tuple[str, ...] = ()


@dataclass(slots=True)
class References:
    """Framework types and members one app references (descriptors; member kind "s" static, "v" instance)."""

    types: dict[str, TypeRef] = field(default_factory=dict)
    methods: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (owner, name, proto) -> kind
    fields: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (owner, name, type) -> kind
    app_classes: int = 0
    inferred: int = 0  # supertypes the layer took from how the app's code uses the types (_infer_hierarchy)


@cache
def constants() -> dict[tuple[str, str], tuple[str, str]]:
    """android_constants.toml: (owner descriptor, field) -> ("u" uri | "s" string, value)."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for key, v in load_data("android_constants.toml", "appaudit.runtime")["field"].items():
        owner, _, name = str(key).rpartition(".")
        kind, value = ("u", v["uri"]) if "uri" in v else ("s", v["string"])
        out[(descriptor(owner), name)] = (kind, str(value))
    return out


@cache
def hierarchy() -> dict[str, TypeRef]:
    """android_hierarchy.toml as descriptors."""
    out: dict[str, TypeRef] = {}
    for name, t in load_data("android_hierarchy.toml", "appaudit.runtime")["type"].items():
        out[descriptor(name)] = TypeRef(
            kind=str(t.get("kind", "class")),
            superclass=descriptor(str(t.get("super", "java.lang.Object"))),
            interfaces=tuple(descriptor(str(i)) for i in t.get("interfaces", ())),
        )
    return out


# A descriptor the layer may turn into a class file path: Java identifiers and '/', nothing else (a hostile
# dex could name a type `Landroid/../../x;` or put a tab or newline into the writer's spec).
_SAFE_DESCRIPTOR = re.compile(r"L(?:[A-Za-z_$][A-Za-z0-9_$]*/)+[A-Za-z_$][A-Za-z0-9_$]*;")
_SAFE_MEMBER = re.compile(r"<init>|<clinit>|[A-Za-z_$][A-Za-z0-9_$]*")


def is_framework(descriptor: str) -> bool:
    return (
        descriptor.startswith(FRAMEWORK_PREFIXES)
        and not descriptor.startswith(NOT_FRAMEWORK)
        and _SAFE_DESCRIPTOR.fullmatch(descriptor) is not None
    )


def _element(descriptor: str) -> str:
    return descriptor.lstrip("[")


def references(dexes: Sequence[dexfmt.Dex]) -> References:
    """What the app's code needs from the framework that the app itself does not define."""
    refs = References()
    defined: dict[str, dexfmt.ClassDef] = {}
    members: dict[str, set[str]] = {}
    for d in dexes:
        for c in d.classes:
            if c.descriptor in defined:
                continue  # first definition wins, as in the class path
            defined[c.descriptor] = c
            names = members.setdefault(c.descriptor, set())
            for m in range(c.first_method, c.end_method):
                _, n, p = d.method_key(d.m_mid[m])
                names.add(n + p)
    refs.app_classes = len(defined)

    def framework(t: str) -> bool:
        return is_framework(t) and t not in defined

    def need(t: str) -> TypeRef | None:
        t = _element(t)
        if not framework(t):
            return None
        ref = refs.types.get(t)
        if ref is None:
            ref = refs.types[t] = TypeRef()
        return ref

    # What app classes extend and implement fixes the kind of a framework type.
    for c in defined.values():
        if (s := need(c.superclass)) is not None and not s.kind:
            s.kind = "class"
        for i in c.interfaces:
            if (r := need(i)) is not None:
                r.kind = "interface"

    # An inherited member referenced through an app class (MyActivity.setContentView) lives on the
    # nearest framework ancestor: find it once per app class.
    chain_cache: dict[str, tuple[frozenset[str], str]] = {}

    def chain(cls: str) -> tuple[frozenset[str], str]:
        if cls in chain_cache:
            return chain_cache[cls]
        chain_cache[cls] = (frozenset(), "")  # cycle guard
        names: set[str] = set()
        ancestor = ""
        seen: set[str] = set()
        todo = [cls]
        while todo:
            t = todo.pop()
            if t in seen:
                continue
            seen.add(t)
            c = defined.get(t)
            if c is None:
                continue
            names |= members.get(t, set())
            if c.superclass in defined:
                todo.append(c.superclass)
            elif not ancestor and c.superclass and framework(c.superclass):
                ancestor = c.superclass
            todo.extend(i for i in c.interfaces if i in defined)
        chain_cache[cls] = (frozenset(names), ancestor)
        return chain_cache[cls]

    flows: set[tuple[str, str]] = set()
    for d in dexes:
        for t in d.types:
            need(t)
        n_met = len(d.method_ids)
        site_at = bytearray(n_met)
        target: dict[int, str] = {}
        for mi, (ci, pi, ni) in enumerate(d.method_ids):
            owner = d.types[ci]
            if framework(owner):
                site_at[mi] = 1
                target[mi] = owner
            elif owner in defined:
                inherited, ancestor = chain(owner)
                if ancestor and (d.strings[ni] + d.protos[pi]) not in inherited:
                    site_at[mi] = 1
                    target[mi] = ancestor
        field_at = bytearray(len(d.field_ids))
        for fi, (fc, _ft, _fn) in enumerate(d.field_ids):
            if framework(d.types[fc]):
                field_at[fi] = 1
        dexfmt.scan_code(
            d,
            edge_to=bytearray(n_met),
            site_at=site_at,
            string_at=bytearray(len(d.strings)),
            field_at=field_at,
        )
        # After scan_code, whose decode budget has refused a dex of aliased code items: this walk reads each
        # body once more, so it costs no more than the scan did.
        with contextlib.suppress(dexfmt.DexError):  # a damaged body: the layer goes without what it would tell
            flows |= dexfmt.assignments(d, framework)
        seen_mid: set[int] = set()
        for caller, mid, pc in d.invoke_sites:
            if mid in seen_mid:
                continue
            seen_mid.add(mid)
            op = d.data[d.m_code[caller] + 16 + 2 * pc]
            if op not in _INVOKE_OPS:
                continue
            owner = target[mid]
            _, name, proto = d.method_key(mid)
            if owner == d.types[d.method_ids[mid][0]] and op in _INTERFACE_INVOKES:
                ref = need(owner)
                if ref is not None:
                    ref.kind = "interface"
            refs.methods[(owner, name, proto)] = "s" if op in _STATIC_INVOKES else "v"
            for t in _proto_types(proto):
                need(t)
        static_fields = {f for _c, f, _pc in d.field_uses}
        for fi, (fc, ft, fn) in enumerate(d.field_ids):
            if field_at[fi]:
                key = (d.types[fc], d.strings[fn], d.types[ft])
                if refs.fields.get(key) != "s":
                    refs.fields[key] = "s" if fi in static_fields else "v"
                need(d.types[ft])
        d.invoke_sites.clear()
        d.field_uses.clear()
    _inherited_interface_methods(refs, defined, members, chain)
    _close_hierarchy(refs)
    refs.inferred = _infer_hierarchy(refs, flows)
    return refs


def _proto_types(proto: str) -> Iterable[str]:
    i = 0
    while i < len(proto):
        ch = proto[i]
        if ch == "L":
            j = proto.index(";", i)
            yield proto[i : j + 1]
            i = j + 1
        else:
            i += 1


def _close_hierarchy(refs: References) -> None:
    """Give every generated type its curated supertypes, and generate those supertypes too."""
    known = hierarchy()
    todo = list(refs.types)
    while todo:
        t = todo.pop()
        ref = refs.types[t]
        curated = known.get(t)
        if curated is not None:
            if not ref.kind or curated.kind == "interface":
                ref.kind = curated.kind
            ref.superclass = curated.superclass
            ref.interfaces = curated.interfaces
        elif not ref.kind:
            ref.kind = "class"
        for s in (ref.superclass, *ref.interfaces):
            if s and is_framework(s) and s not in refs.types:
                refs.types[s] = TypeRef()
                todo.append(s)


_OBJECT = "Ljava/lang/Object;"


@cache
def handwritten() -> frozenset[str]:
    """Descriptors of the hand-written stubs (they keep the hierarchy their source gives)."""
    root = Path(__file__).resolve().parent / "stubs"
    return frozenset(f"L{p.relative_to(root).with_suffix('').as_posix()};" for p in (root / "android").rglob("*.java"))


def _ancestors(t: str, refs: References) -> set[str]:
    seen: set[str] = set()
    todo = [t]
    while todo:
        ref = refs.types.get(todo.pop())
        if ref is None:
            continue
        for s in (ref.superclass, *ref.interfaces):
            if s and s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


def _exceptional(t: str) -> bool:
    return t.endswith(("Exception;", "Error;"))


def _infer_hierarchy(refs: References, flows: set[tuple[str, str]]) -> int:
    """Give generated types the supertypes the app's own code proves (FLOWS: `dex.assignments`).

    Without them `new RotateAnimation(...)` stored into an `Animation` field is a class unrelated to
    Animation, and with the verifier off for enjarify's output, `anim.setInterpolator(...)` then calls
    through another class's vtable: the JVM crashed (huanchong, MobileBaidu). Curated and hand-written
    types keep their own hierarchy. A type proven below several classes gets them as one chain, the
    type more others are below taken as the more general. Returns how many supertypes were added.
    """
    fixed = set(hierarchy()) | handwritten()
    above: dict[str, set[str]] = {}
    for sub, sup in flows:
        if sub in fixed or sub not in refs.types or sup not in refs.types or sup == _OBJECT:
            continue
        above.setdefault(sub, set()).add(sup)
    below: dict[str, int] = {}
    for sups in above.values():
        for s in sups:
            below[s] = below.get(s, 0) + 1
    added = 0
    for sub in sorted(above):
        ref = refs.types[sub]
        for sup in sorted(above[sub], key=lambda s: (below[s], s)):
            if sup in _ancestors(sub, refs) or sub in _ancestors(sup, refs):
                continue  # already known, or a cycle
            if refs.types[sup].kind == "interface":
                ref.interfaces = (*ref.interfaces, sup)
                added += 1
                continue
            if ref.kind == "interface" or _exceptional(sub) != _exceptional(sup):
                continue  # an interface extends no class; a throwable's chain stays throwable
            top = sub  # the highest class of sub's chain that still extends Object: sup goes above it
            while (up := refs.types[top].superclass) not in ("", _OBJECT):
                if up in fixed or up not in refs.types:
                    top = ""
                    break
                top = up
            if not top or top in fixed or sup in _ancestors(top, refs) or top in _ancestors(sup, refs):
                continue
            refs.types[top].superclass = sup
            added += 1
            # The subclass's generated constructors call super(); a hand-written superclass may lack it.
            for t in (sup, *_ancestors(sup, refs)):
                if t in refs.types and refs.types[t].kind != "interface":
                    refs.methods.setdefault((t, "<init>", "()V"), "v")
    return added


def _inherited_interface_methods(
    refs: References,
    defined: Mapping[str, dexfmt.ClassDef],
    members: Mapping[str, set[str]],
    chain: Callable[[str], tuple[frozenset[str], str]],
) -> None:
    """An app class that implements an interface method through its framework superclass
    (`class c extends GLSurfaceView implements IGLSurfaceView`, whose setRenderer GLSurfaceView
    provides) needs that method on the generated superclass: without it the call through the interface
    was an AbstractMethodError (amap-demo)."""
    by_owner: dict[str, set[str]] = {}
    for owner, name, proto in refs.methods:
        by_owner.setdefault(owner, set()).add(name + proto)
    for c in defined.values():
        if c.access & dexfmt.ACC_INTERFACE:
            continue
        ancestor = chain(c.descriptor)[1]
        if not ancestor:
            continue
        inherited: set[str] = set()  # what the app's own classes of the chain implement
        walked: set[str] = set()
        t = c.descriptor
        while (d := defined.get(t)) is not None and not d.access & dexfmt.ACC_INTERFACE and t not in walked:
            walked.add(t)
            inherited |= members.get(t, set())
            t = d.superclass
        wanted: set[str] = set()
        todo = [c.descriptor]
        seen: set[str] = set()
        while todo:
            t = todo.pop()
            if t in seen:
                continue
            seen.add(t)
            d = defined.get(t)
            if d is None:
                wanted |= by_owner.get(t, set())  # a framework interface: the methods the app calls on it
                continue
            if d.access & dexfmt.ACC_INTERFACE:
                wanted |= members.get(t, set())
            todo.extend(d.interfaces)
            if d.superclass in defined:
                todo.append(d.superclass)
        for key in wanted - inherited:
            paren = key.find("(")
            if paren > 0 and not key.startswith("<"):
                refs.methods.setdefault((ancestor, key[:paren], key[paren:]), "v")


def _internal(descriptor: str) -> str:
    return descriptor[1:-1]


def _throwable(t: str, refs: References) -> bool:
    seen: set[str] = set()
    while t and t not in seen:
        seen.add(t)
        ref = refs.types.get(t)
        if ref is None:  # a JDK class: its name says whether it is a throwable
            return t.startswith("Ljava/") and t.endswith(("Exception;", "Error;", "Throwable;"))
        t = ref.superclass
    return False


def spec_lines(refs: References) -> list[str]:
    """The LayerWriter input (see its javadoc)."""
    lines: list[str] = []
    for t, ref in sorted(refs.types.items()):
        if not t.startswith("L"):
            continue
        sup = ref.superclass
        name = t[1:-1]
        if not sup and (name.endswith("Exception") or name.endswith("Error")):
            sup = "Ljava/lang/RuntimeException;"
            ref.superclass = sup
        kind = "i" if ref.kind == "interface" else ("t" if _throwable(t, refs) else "c")
        ifaces = ",".join(_internal(i) for i in ref.interfaces)
        lines.append(f"C\t{name}\t{kind}\t{_internal(sup) if sup else ''}\t{ifaces}")
    for (owner, name, proto), kind in sorted(refs.methods.items()):
        if owner in refs.types and _SAFE_MEMBER.fullmatch(name) and "\t" not in proto and "\n" not in proto:
            lines.append(f"M\t{_internal(owner)}\t{name}\t{proto}\t{kind}")
    known = constants()
    for (owner, name, ftype), kind in sorted(refs.fields.items()):
        if owner in refs.types and _SAFE_MEMBER.fullmatch(name) and "\t" not in ftype and "\n" not in ftype:
            value = known.get((owner, name))
            want = "Landroid/net/Uri;" if value is not None and value[0] == "u" else "Ljava/lang/String;"
            if kind == "s" and value is not None and ftype == want:
                lines.append(f"F\t{_internal(owner)}\t{name}\t{ftype}\t{kind}\t{value[0]}:{value[1]}")
            else:
                lines.append(f"F\t{_internal(owner)}\t{name}\t{ftype}\t{kind}")
    return lines


# Runs a command for write_layer and raises on failure (hostjvm passes its tool runner).
RunFn = Callable[[list[str]], None]


@dataclass(frozen=True, slots=True)
class Layer:
    classes: Path  # the generated classes (first on the class path)
    types: int
    methods: int
    fields: int


def write_layer(
    refs: References, out: Path, java: Path, stubs_classes: Path, run: RunFn, extra: Mapping[str, str] | None = None
) -> Layer:
    """Write the classes of REFS under OUT/classes with LayerWriter (atomic; safe for parallel runs).

    EXTRA: more files (name -> text) cached with the layer (hostjvm keeps the consent point there)."""
    layer = Layer(out / "classes", len(refs.types), len(refs.methods), len(refs.fields))
    if (out / "done").is_file():
        return layer
    tmp = out.with_name(f".{out.name}.{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "classes").mkdir(parents=True)
    spec = tmp / "spec.tsv"
    spec.write_text("\n".join(spec_lines(refs)) + "\n", encoding="utf-8")
    run(
        [
            str(java),
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "--add-exports=java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED",
            "-cp",
            str(stubs_classes),
            "appaudit.harness.LayerWriter",
            str(spec),
            str(stubs_classes),
            str(tmp / "classes"),
        ],
    )
    for name, text in (extra or {}).items():
        (tmp / name).write_text(text, encoding="utf-8")
    (tmp / "done").write_text(f"{layer.types} {layer.methods} {layer.fields}\n", encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        tmp.rename(out)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another run wrote the same layer first
    return layer
