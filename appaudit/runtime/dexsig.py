"""The APK's generic signatures, read from its dex `dalvik.annotation.Signature` annotations for the local JVM.

enjarify (hostjvm.py) translates code but no annotations, so the jar it writes has no `Signature` attributes and
`getGenericSuperclass()` / `getGenericReturnType()` see raw types: Gson's `TypeToken` ("Missing type parameter.")
and Retrofit's call adapters fail. This module reads the Signature system annotations of every class, method and
field (dex-format "annotations_directory_item"), with static/dex.py's id tables, and writes them as a table the
FieldReads java agent (stubs/appaudit/harness/FieldReads.java) adds back to the classes it loads:

    C <class> <signature>
    M <class> <name> <descriptor> <signature>
    F <class> <name> <descriptor> <signature>

(tab-separated, internal class names `a/b/C`, `#` lines are notes). Only annotations of type
`Ldalvik/annotation/Signature;` are decoded; every other annotation is passed over by its offset.

The dex is hostile input: every offset and size is bounds-checked, decoded bytes are charged against the file's
size as static/dex.py does (`_Work`), and a signature the JVM grammar (JVMS 4.7.9.1) does not accept is dropped,
since reflection would throw on it where the raw type works. A damaged dex is skipped with a note.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from appaudit.static import dex as dexfmt

# static/dex.py's decode budget: the same bytes-decoded-per-file-size rule for the same file.
from appaudit.static.dex import DexError, _Work

SIGNATURE_TYPE = "Ldalvik/annotation/Signature;"
TABLE_SUFFIX = ".signatures.tsv"
_VALUE_STRING = 0x17
_VALUE_ARRAY = 0x1C
_MAX_NESTING = 64  # type arguments nested deeper than this are not real code (and would recurse without end)
_BAD_CHARS = frozenset("\t\n\r")


@dataclass(frozen=True, slots=True)
class Entry:
    """One generic signature: of a class (kind C; name and descriptor empty), a method (M) or a field (F)."""

    kind: str
    cls: str  # internal name, a/b/C
    name: str
    descriptor: str
    signature: str

    def line(self) -> str:
        if self.kind == "C":
            return f"C\t{self.cls}\t{self.signature}"
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


def _read(dex: dexfmt.Dex, seen: set[str]) -> list[Entry]:
    data = dex.data
    size = len(data)
    try:
        sig_type = dex.types.index(SIGNATURE_TYPE)
    except ValueError:
        sig_type = -1
    n_cls, o_cls = struct.unpack_from("<2I", data, 96)
    if n_cls and o_cls + 32 * n_cls > size:
        raise DexError(f"{dex.name}: class definitions run past the end of the file")
    work = _Work(dex.name, size)
    # Annotation sets shared by many members (d8 shares them) are decoded once; each use is still charged.
    sets: dict[int, str | None] = {}
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
        if not ann_off or sig_type < 0:
            continue
        cls = desc[1:-1]
        if _BAD_CHARS.intersection(cls):
            continue
        if ann_off + 16 > size:
            raise DexError(f"{dex.name}: annotations of {desc} at 0x{ann_off:x} are past the end of the file")
        class_set, n_fields, n_methods, _n_params = struct.unpack_from("<4I", data, ann_off)
        end = ann_off + 16 + 8 * (n_fields + n_methods)
        if end > size:
            raise DexError(f"{dex.name}: annotations of {desc} run past the end of the file")
        work.charge(end - ann_off, "annotation directories")
        if class_set:
            sig = _set_signature(dex, class_set, sig_type, sets, work)
            if sig is not None and valid(sig, "C"):
                out.append(Entry("C", cls, "", "", sig))
        pos = ann_off + 16
        for kind, count in (("F", n_fields), ("M", n_methods)):
            ids = dex.field_ids if kind == "F" else dex.method_ids
            for idx, set_off in struct.iter_unpack("<2I", data[pos : pos + 8 * count]):
                if idx >= len(ids):
                    what = "field" if kind == "F" else "method"
                    raise DexError(f"{dex.name}: annotated {what} {idx} is not in the id table")
                owner, type_or_proto, name_idx = ids[idx]
                sig = _set_signature(dex, set_off, sig_type, sets, work) if set_off else None
                if sig is None or owner != class_idx:
                    continue
                name = dex.strings[name_idx]
                descriptor = dex.types[type_or_proto] if kind == "F" else dex.protos[type_or_proto]
                if _BAD_CHARS.intersection(name) or _BAD_CHARS.intersection(descriptor) or not valid(sig, kind):
                    continue
                out.append(Entry(kind, cls, name, descriptor, sig))
            pos += 8 * count
    return out


def _set_signature(dex: dexfmt.Dex, off: int, sig_type: int, sets: dict[int, str | None], work: _Work) -> str | None:
    """The Signature value in the annotation_set_item at OFF, or None (no such annotation, or not decodable)."""
    if off in sets:
        known = sets[off]
        work.charge(8 + (len(known) if known else 0), "annotation sets")
        return known
    data = dex.data
    if off + 4 > len(data):
        raise DexError(f"{dex.name}: annotation set at 0x{off:x} is past the end of the file")
    (n,) = struct.unpack_from("<I", data, off)
    if off + 4 + 4 * n > len(data):
        raise DexError(f"{dex.name}: annotation set at 0x{off:x} runs past the end of the file")
    work.charge(4 + 4 * n, "annotation sets")
    found: str | None = None
    for (item,) in struct.iter_unpack("<I", data[off + 4 : off + 4 + 4 * n]):
        # annotation_item: visibility (ubyte), then encoded_annotation: type_idx, size, elements (uleb128).
        type_idx, pos = dexfmt._uleb(data, item + 1)
        if type_idx == sig_type:
            found = _signature_value(dex, pos, work)
            break
    sets[off] = found
    if found:
        work.charge(len(found), "signatures")
    return found


def _signature_value(dex: dexfmt.Dex, pos: int, work: _Work) -> str | None:
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
            return None  # any other shape: skipping an encoded_value needs a full decoder, and d8 never emits it
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
        if parts[0] == "C" and len(parts) == 3:
            out.append(Entry("C", parts[1], "", "", parts[2]))
        elif parts[0] in ("M", "F") and len(parts) == 5:
            out.append(Entry(parts[0], parts[1], parts[2], parts[3], parts[4]))
    return out
