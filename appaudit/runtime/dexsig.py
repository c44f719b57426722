"""The APK's generic signatures and runtime annotations, read from its dex for the local JVM.

enjarify (hostjvm.py) translates code but no annotations, so the jar it writes has no `Signature` attributes and no
runtime-visible annotations: `getGenericSuperclass()` / `getGenericReturnType()` see raw types (Gson's `TypeToken`:
"Missing type parameter.") and `getAnnotation(GET.class)` nothing (Retrofit: "HTTP method annotation is
required"). This module reads, with static/dex.py's id tables, every class's annotations_directory_item: the
`dalvik.annotation.Signature` system annotations (class, method, field), the runtime-visible annotations (class,
method, field, parameter) and `dalvik.annotation.AnnotationDefault` (an annotation type's defaults); build-time
annotations and the other system annotations are passed over by their offsets. It writes them as a table that the
FieldReads java agent (stubs/appaudit/harness/FieldReads.java) adds back to the classes it loads:

    C <class> <signature>                       CA <class> <annotation>
    M <class> <name> <descriptor> <signature>   MA / FA <class> <name> <descriptor> <annotation>
    F <class> <name> <descriptor> <signature>   PA <class> <name> <descriptor> <index>:<annotation>
                                                AD <class> <element> "" <value>

(tab-separated, internal class names `a/b/C`, `#` lines are notes, annotations in `_Encoder`'s text form).

The dex is hostile input: every offset and size is bounds-checked, decoded bytes are charged against the
file's size as static/dex.py does (`DecodeBudget`), nesting is bounded, and a signature the JVM grammar
(JVMS 4.7.9.1) does not accept is dropped, since reflection would throw on it where the raw type works. A
damaged dex is skipped with a note.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from appaudit.static import dex as dexfmt

# static/dex.py's decode budget: the same bytes-decoded-per-file-size rule for the same file.
from appaudit.static.dex import DecodeBudget, DexError

SIGNATURE_TYPE = "Ldalvik/annotation/Signature;"
# Versioned: a table of an older format beside a cached jar is not read, a new one is written.
TABLE_SUFFIX = ".dexsig-2.tsv"
DEFAULT_TYPE = "Ldalvik/annotation/AnnotationDefault;"
_VISIBILITY_RUNTIME = 0x01
_VALUE_STRING = 0x17
_VALUE_TYPE = 0x18
_VALUE_ENUM = 0x1B
_VALUE_ARRAY = 0x1C
_VALUE_ANNOTATION = 0x1D
_VALUE_BOOLEAN = 0x1F
# encoded_value types that are numbers -> the table's tag (byte, short, char, int, long, float, double)
_NUMBERS = {0x00: "B", 0x02: "S", 0x03: "C", 0x04: "I", 0x06: "J", 0x10: "F", 0x11: "D"}
_MAX_NESTING = 64  # type arguments nested deeper than this are not real code (and would recurse without end)
_BAD_CHARS = frozenset("\t\n\r")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the table: the generic signature of a class (kind C; name and descriptor empty), a method (M)
    or a field (F); a runtime-visible annotation (`_Encoder`'s text) of a class (CA), method (MA), field (FA) or
    parameter (PA, value `<index>:<annotation>`); an annotation type's default of element NAME (AD)."""

    kind: str
    cls: str  # internal name, a/b/C
    name: str
    descriptor: str
    signature: str  # the signature, or the annotation / default value's text

    def line(self) -> str:
        if self.kind in ("C", "CA"):
            return f"{self.kind}\t{self.cls}\t{self.signature}"
        return f"{self.kind}\t{self.cls}\t{self.name}\t{self.descriptor}\t{self.signature}"


@dataclass(slots=True)
class Table:
    """The signatures of an APK's dex files (first definition of a class wins, as in enjarify) and notes on
    what was skipped."""

    entries: list[Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        out = [f"# {n}" for n in self.notes]
        out += [e.line() for e in self.entries]
        return "\n".join(out) + "\n"


def table_path(jar: Path) -> Path:
    """Where the signature table of JAR lives: beside it, under the same cache key."""
    return jar.with_name(jar.stem + TABLE_SUFFIX)


def write_table(path: Path, table: Table) -> list[str]:
    """Write TABLE to PATH atomically (a temporary file renamed into place, as hostjvm writes the jar); returns
    its notes (what was skipped)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(table.text(), encoding="utf-8")
    tmp.replace(path)
    return table.notes


def collect(dexes: Sequence[tuple[str, bytes]], loaded: Sequence[dexfmt.Dex] | None = None) -> Table:
    """The signatures of DEXES (name, bytes) in class-path order; LOADED are the same dex files already read
    by static/dex.py (else each is loaded here). A dex that cannot be read is skipped with a note."""
    table = Table()
    seen: set[str] = set()
    for i, (name, data) in enumerate(dexes):
        try:
            dex = loaded[i] if loaded is not None else dexfmt.load(data, name)
            table.entries.extend(read(dex, seen))
        except DexError as e:
            table.notes.append(f"{name}: generic signatures not read: {e}")
    return table


def read(dex: dexfmt.Dex, seen: set[str] | None = None) -> list[Entry]:
    """The Signature annotations of DEX's classes (those not in SEEN, which is updated); DexError when damaged."""
    try:
        return _read(dex, set() if seen is None else seen)
    except DexError:
        raise
    except (struct.error, IndexError, ValueError, OverflowError, RecursionError) as e:
        raise DexError(f"{dex.name}: damaged annotations ({e}); the file is truncated or was tampered with") from None


@dataclass(frozen=True, slots=True)
class _SetInfo:
    """What one annotation_set_item holds for the JVM: the Signature, the runtime-visible annotations (encoded,
    see `_Encoder`) and an annotation type's default values (AnnotationDefault: element name, encoded value)."""

    signature: str | None = None
    runtime: tuple[str, ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()

    @property
    def size(self) -> int:
        return len(self.signature or "") + sum(map(len, self.runtime)) + sum(len(a) + len(b) for a, b in self.defaults)


_EMPTY = _SetInfo()


def _read(dex: dexfmt.Dex, seen: set[str]) -> list[Entry]:
    data = dex.data
    size = len(data)
    n_cls, o_cls = struct.unpack_from("<2I", data, 96)
    if n_cls and o_cls + 32 * n_cls > size:
        raise DexError(f"{dex.name}: class definitions run past the end of the file")
    work = DecodeBudget(dex.name, size)
    # Annotation sets shared by many members (d8 shares them) are decoded once; each use is still charged.
    sets: dict[int, _SetInfo] = {}
    out: list[Entry] = []
    n_types = len(dex.types)
    for k in range(n_cls):
        class_idx, ann_off = struct.unpack_from("<I16xI", data, o_cls + 32 * k)
        if class_idx >= n_types:
            raise DexError(f"{dex.name}: class definition {k} names type {class_idx} outside the type table")
        desc = dex.types[class_idx]
        if not (desc.startswith("L") and desc.endswith(";")) or desc in seen:
            continue
        seen.add(desc)
        if not ann_off:
            continue
        cls = desc[1:-1]
        if _BAD_CHARS.intersection(cls):
            continue
        if ann_off + 16 > size:
            raise DexError(f"{dex.name}: annotations of {desc} at 0x{ann_off:x} are past the end of the file")
        class_set, n_fields, n_methods, n_params = struct.unpack_from("<4I", data, ann_off)
        end = ann_off + 16 + 8 * (n_fields + n_methods + n_params)
        if end > size:
            raise DexError(f"{dex.name}: annotations of {desc} run past the end of the file")
        work.charge(end - ann_off, "annotation directories")
        if class_set:
            info = _set_info(dex, class_set, sets, work)
            if info.signature is not None and valid(info.signature, "C"):
                out.append(Entry("C", cls, "", "", info.signature))
            out += [Entry("CA", cls, "", "", a) for a in info.runtime]
            out += [Entry("AD", cls, name, "", v) for name, v in info.defaults]
        pos = ann_off + 16
        for kind, count in (("F", n_fields), ("M", n_methods), ("P", n_params)):
            ids = dex.field_ids if kind == "F" else dex.method_ids
            for idx, set_off in struct.iter_unpack("<2I", data[pos : pos + 8 * count]):
                if idx >= len(ids):
                    what = "field" if kind == "F" else "method"
                    raise DexError(f"{dex.name}: annotated {what} {idx} is not in the id table")
                owner, type_or_proto, name_idx = ids[idx]
                if not set_off or owner != class_idx:
                    continue
                name = dex.strings[name_idx]
                descriptor = dex.types[type_or_proto] if kind == "F" else dex.protos[type_or_proto]
                if _BAD_CHARS.intersection(name) or _BAD_CHARS.intersection(descriptor):
                    continue
                if kind == "P":
                    for i, info in enumerate(_ref_list(dex, set_off, sets, work)):
                        out += [Entry("PA", cls, name, descriptor, f"{i}:{a}") for a in info.runtime]
                    continue
                info = _set_info(dex, set_off, sets, work)
                if info.signature is not None and valid(info.signature, kind):
                    out.append(Entry(kind, cls, name, descriptor, info.signature))
                out += [Entry(kind + "A", cls, name, descriptor, a) for a in info.runtime]
            pos += 8 * count
    return out


def _ref_list(dex: dexfmt.Dex, off: int, sets: dict[int, _SetInfo], work: DecodeBudget) -> list[_SetInfo]:
    """The annotation sets of each parameter in the annotation_set_ref_list at OFF."""
    data = dex.data
    if off + 4 > len(data):
        raise DexError(f"{dex.name}: parameter annotations at 0x{off:x} are past the end of the file")
    (n,) = struct.unpack_from("<I", data, off)
    if n > 255 or off + 4 + 4 * n > len(data):  # a method has at most 255 parameter words
        raise DexError(f"{dex.name}: parameter annotations at 0x{off:x} run past the end of the file")
    work.charge(4 + 4 * n, "parameter annotations")
    return [_set_info(dex, s, sets, work) if s else _EMPTY
            for (s,) in struct.iter_unpack("<I", data[off + 4 : off + 4 + 4 * n])]


def _set_info(dex: dexfmt.Dex, off: int, sets: dict[int, _SetInfo], work: DecodeBudget) -> _SetInfo:
    """The Signature, runtime annotations and defaults of the annotation_set_item at OFF."""
    known = sets.get(off)
    if known is not None:
        work.charge(8 + known.size, "annotation sets")
        return known
    data = dex.data
    if off + 4 > len(data):
        raise DexError(f"{dex.name}: annotation set at 0x{off:x} is past the end of the file")
    (n,) = struct.unpack_from("<I", data, off)
    if off + 4 + 4 * n > len(data):
        raise DexError(f"{dex.name}: annotation set at 0x{off:x} runs past the end of the file")
    work.charge(4 + 4 * n, "annotation sets")
    sig: str | None = None
    runtime: list[str] = []
    defaults: tuple[tuple[str, str], ...] = ()
    for (item,) in struct.iter_unpack("<I", data[off + 4 : off + 4 + 4 * n]):
        # annotation_item: visibility (ubyte), then encoded_annotation: type_idx, size, elements (uleb128).
        visibility = data[item]
        type_idx, pos = dexfmt._uleb(data, item + 1)
        if type_idx >= len(dex.types):
            raise DexError(f"{dex.name}: annotation at 0x{item:x} names a type outside the type table")
        name = dex.types[type_idx]
        if name == SIGNATURE_TYPE:
            sig = _signature_value(dex, pos, work)
        elif name == DEFAULT_TYPE:
            enc = _Encoder(dex, work)
            try:
                defaults = enc.defaults(pos)
            except _Unsupported:
                defaults = ()
        elif visibility == _VISIBILITY_RUNTIME:
            enc = _Encoder(dex, work)
            try:
                text = enc.annotation(type_idx, pos, 0)[0]
            except _Unsupported:
                continue
            if not _BAD_CHARS.intersection(text):
                runtime.append(text)
    info = _SetInfo(sig, tuple(runtime), defaults)
    sets[off] = info
    work.charge(info.size, "annotations")
    return info


def _signature_value(dex: dexfmt.Dex, pos: int, work: DecodeBudget) -> str | None:
    """The joined strings of the annotation's "value" element (an array of strings), or None if it has another
    shape."""
    data = dex.data
    start = pos
    n_elements, pos = dexfmt._uleb(data, pos)
    for _ in range(min(n_elements, 16)):  # a Signature annotation has one element
        name_idx, pos = dexfmt._uleb(data, pos)
        header = data[pos]
        pos += 1
        if header & 0x1F != _VALUE_ARRAY or name_idx >= len(dex.strings) or dex.strings[name_idx] != "value":
            return None  # any other shape is not what d8 emits
        n, pos = dexfmt._uleb(data, pos)
        if n > len(data) - pos:  # each value is at least two bytes: a hostile count cannot make us loop
            raise DexError(f"{dex.name}: Signature annotation at 0x{start:x} claims {n} values")
        parts: list[str] = []
        for _ in range(n):
            h = data[pos]
            pos += 1
            if h & 0x1F != _VALUE_STRING:
                return None
            width = (h >> 5) + 1
            if width > 4:
                return None
            sid = int.from_bytes(data[pos : pos + width], "little")
            if pos + width > len(data) or sid >= len(dex.strings):
                raise DexError(f"{dex.name}: Signature annotation at 0x{start:x} points outside the string table")
            pos += width
            parts.append(dex.strings[sid])
        work.charge(pos - start, "signatures")
        return "".join(parts)
    return None


class _Unsupported(Exception):
    """An annotation value the JVM's class-file annotations cannot hold (null, method handles...)."""


class _Encoder:
    """encoded_annotation / encoded_value (dex format) -> the table's text form, which FieldReads.java parses:

    `@<desc>,<n>;` then n times `<name>,<value>`; values `Z1;` `B-3;` `S..;` `C..;` `I..;` `J..;` (numbers),
    `F<bits>;` `D<bits>;`, `s<text>;` string, `c<desc>;` class, `e<desc>,<name>;` enum constant, `[<n>;` then
    n values, or a nested `@...`. Every name, descriptor and text is UTF-8 in hex, so no tab, newline or
    separator can appear in it.
    """

    __slots__ = ("data", "dex", "work")

    def __init__(self, dex: dexfmt.Dex, work: DecodeBudget) -> None:
        self.dex = dex
        self.data = dex.data
        self.work = work

    @staticmethod
    def hex(text: str) -> str:
        return text.encode("utf-8", "replace").hex()

    def string(self, idx: int) -> str:
        if idx >= len(self.dex.strings):
            raise DexError(f"{self.dex.name}: an annotation value points outside the string table")
        return self.dex.strings[idx]

    def type(self, idx: int) -> str:
        if idx >= len(self.dex.types):
            raise DexError(f"{self.dex.name}: an annotation value points outside the type table")
        return self.dex.types[idx]

    def annotation(self, type_idx: int, pos: int, depth: int) -> tuple[str, int]:
        """The annotation of TYPE_IDX whose element count is at POS; returns its text and the end offset."""
        if depth > _MAX_NESTING:
            raise DexError(f"{self.dex.name}: annotation values nested more than {_MAX_NESTING} deep")
        start = pos
        n, pos = dexfmt._uleb(self.data, pos)
        if n > len(self.data) - pos:
            raise DexError(f"{self.dex.name}: an annotation at 0x{start:x} claims {n} elements")
        parts = [f"@{self.hex(self.type(type_idx))},{n};"]
        for _ in range(n):
            name_idx, pos = dexfmt._uleb(self.data, pos)
            value, pos = self.value(pos, depth + 1)
            parts.append(f"{self.hex(self.string(name_idx))},{value}")
        text = "".join(parts)
        self.work.charge(pos - start + len(text), "annotations")
        return text, pos

    def defaults(self, pos: int) -> tuple[tuple[str, str], ...]:
        """AnnotationDefault's "value": an annotation of the annotation type itself; its elements are the defaults."""
        n, pos = dexfmt._uleb(self.data, pos)
        for _ in range(min(n, 16)):
            name_idx, pos = dexfmt._uleb(self.data, pos)
            header = self.data[pos]
            if header & 0x1F != _VALUE_ANNOTATION or self.string(name_idx) != "value":
                raise _Unsupported
            _type_idx, pos = dexfmt._uleb(self.data, pos + 1)
            m, pos = dexfmt._uleb(self.data, pos)
            if m > len(self.data) - pos:
                raise DexError(f"{self.dex.name}: an annotation default claims {m} elements")
            out: list[tuple[str, str]] = []
            for _ in range(m):
                name_idx, pos = dexfmt._uleb(self.data, pos)
                value, pos = self.value(pos, 1)
                name = self.string(name_idx)
                if not _BAD_CHARS.intersection(name):
                    out.append((name, value))
            return tuple(out)
        return ()

    def value(self, pos: int, depth: int) -> tuple[str, int]:
        data = self.data
        h = data[pos]
        pos += 1
        t = h & 0x1F
        arg = h >> 5
        if t in _NUMBERS:
            width = arg + 1
            if pos + width > len(data):
                raise DexError(f"{self.dex.name}: an annotation value runs past the end of the file")
            raw = data[pos : pos + width]
            pos += width
            tag = _NUMBERS[t]
            if tag in "FD":  # zero-extended to the right: the bytes given are the high-order ones
                full = 4 if tag == "F" else 8
                if width > full:
                    raise _Unsupported
                bits = int.from_bytes(raw, "little") << (8 * (full - width))
                if bits >= 1 << (8 * full - 1):  # as Java's int / long (FieldReads parses a signed long)
                    bits -= 1 << (8 * full)
                return f"{tag}{bits};", pos
            signed = tag != "C"
            return f"{tag}{int.from_bytes(raw, 'little', signed=signed)};", pos
        if t == _VALUE_BOOLEAN:
            return f"Z{1 if arg else 0};", pos
        if t in (_VALUE_STRING, _VALUE_TYPE, _VALUE_ENUM):
            width = arg + 1
            if width > 4 or pos + width > len(data):
                raise DexError(f"{self.dex.name}: a damaged annotation value")
            idx = int.from_bytes(data[pos : pos + width], "little")
            pos += width
            if t == _VALUE_STRING:
                return f"s{self.hex(self.string(idx))};", pos
            if t == _VALUE_TYPE:
                return f"c{self.hex(self.type(idx))};", pos
            if idx >= len(self.dex.field_ids):
                raise DexError(f"{self.dex.name}: an enum annotation value points outside the field table")
            owner, _type, name_idx = self.dex.field_ids[idx]
            return f"e{self.hex(self.type(owner))},{self.hex(self.string(name_idx))};", pos
        if t == _VALUE_ARRAY:
            if depth > _MAX_NESTING:
                raise DexError(f"{self.dex.name}: annotation values nested more than {_MAX_NESTING} deep")
            n, pos = dexfmt._uleb(data, pos)
            if n > len(data) - pos:
                raise DexError(f"{self.dex.name}: an annotation array claims {n} values")
            parts = [f"[{n};"]
            for _ in range(n):
                v, pos = self.value(pos, depth + 1)
                parts.append(v)
            return "".join(parts), pos
        if t == _VALUE_ANNOTATION:
            type_idx, pos = dexfmt._uleb(data, pos)
            return self.annotation(type_idx, pos, depth + 1)
        raise _Unsupported  # null, method types and handles, field and method refs: not in Java annotations


def valid(sig: str, kind: str) -> bool:
    """True when SIG is a class (C), method (M) or field (F) signature of JVMS 4.7.9.1: the JVM's reflection
    throws GenericSignatureFormatError on any other, where the raw type it sees without one works."""
    try:
        p = _SigParser(sig)
        if kind == "C":
            p.type_params()
            p.class_type()
            while p.i < len(sig):
                p.class_type()
        elif kind == "M":
            p.type_params()
            p.expect("(")
            while p.peek() != ")":
                p.java_type()
            p.i += 1
            if p.peek() == "V":
                p.i += 1
            else:
                p.java_type()
            while p.i < len(sig):
                p.expect("^")
                if p.peek() == "T":
                    p.type_var()
                else:
                    p.class_type()
        else:
            p.reference_type()
        return p.i == len(sig)
    except _Bad:
        return False


class _Bad(Exception):
    """The signature does not follow the grammar."""


class _SigParser:
    __slots__ = ("depth", "i", "s")

    def __init__(self, s: str) -> None:
        self.s = s
        self.i = 0
        self.depth = 0

    def peek(self) -> str:
        if self.i >= len(self.s):
            raise _Bad
        return self.s[self.i]

    def expect(self, ch: str) -> None:
        if self.peek() != ch:
            raise _Bad
        self.i += 1

    def identifier(self) -> None:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] not in ".;[/<>:":
            self.i += 1
        if self.i == start:
            raise _Bad

    def type_params(self) -> None:
        if self.i >= len(self.s) or self.s[self.i] != "<":
            return
        self.i += 1
        while True:
            self.identifier()
            self.expect(":")
            if self.peek() != ":":  # the class bound may be empty when an interface bound follows
                self.reference_type()
            while self.peek() == ":":
                self.i += 1
                self.reference_type()
            if self.peek() == ">":
                self.i += 1
                return

    def java_type(self) -> None:
        if self.peek() in "BCDFIJSZ":
            self.i += 1
        else:
            self.reference_type()

    def reference_type(self) -> None:
        ch = self.peek()
        if ch == "L":
            self.class_type()
        elif ch == "T":
            self.type_var()
        elif ch == "[":
            self.i += 1
            self.nested(self.java_type)
        else:
            raise _Bad

    def type_var(self) -> None:
        self.expect("T")
        self.identifier()
        self.expect(";")

    def class_type(self) -> None:
        self.expect("L")
        while True:
            self.identifier()
            if self.peek() == "/":
                self.i += 1
                continue
            if self.peek() == "<":
                self.i += 1
                if self.peek() == ">":  # at least one type argument
                    raise _Bad
                while self.peek() != ">":
                    if self.peek() == "*":
                        self.i += 1
                        continue
                    if self.peek() in "+-":
                        self.i += 1
                    self.nested(self.reference_type)
                self.i += 1
            if self.peek() == ".":
                self.i += 1
                continue
            self.expect(";")
            return

    def nested(self, parse: Callable[[], None]) -> None:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise _Bad
        parse()
        self.depth -= 1



def entries_of(lines: Iterable[str]) -> list[Entry]:
    """The entries of a written table (for tests and for reading a cached one back)."""
    out: list[Entry] = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if parts[0] in ("C", "CA") and len(parts) == 3:
            out.append(Entry(parts[0], parts[1], "", "", parts[2]))
        elif parts[0] in ("M", "F", "MA", "FA", "PA", "AD") and len(parts) == 5:
            out.append(Entry(parts[0], parts[1], parts[2], parts[3], parts[4]))
    return out
