"""The fast DEX reader: id tables, class definitions and a one-pass bytecode scan (no androguard).

It reads the tables of the DEX format (source.android.com/docs/core/runtime/dex-format) with
`struct` and walks every method's instructions once, keeping only what the static analyser needs:
invoke targets (call graph and sensitive APIs), `const-string` of chosen strings and `sget` of chosen
fields. Everything else is skipped by instruction length, which is what makes it ~10x faster and
much smaller than building androguard's full cross-reference analysis.

A damaged file raises `DexError`; the caller turns that into a "skipped" note for that dex.

Work is bounded by the file's size (budgets in appaudit/limits.py): ids of every table may alias the
same bytes (thousands of string ids on one long string, class defs sharing one class_data or interface
list, methods sharing one code item), so each distinct byte range is decoded once and shared, and the
bytes decoded in total are charged against the file size; a dex over budget is refused as damaged.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from appaudit.errors import InputError
from appaudit.limits import DEX_DECODE_FACTOR, DEX_PROTO_CHARS_FACTOR

# Size in 16-bit code units of each opcode (dex-format "Dalvik bytecode" table). Unused opcodes
# count as one unit: real compilers never emit them and a hostile dex gains nothing from them.
_LEN = bytearray([1] * 256)
for _op, _n in {
    0x02: 2, 0x03: 3, 0x05: 2, 0x06: 3, 0x08: 2, 0x09: 3, 0x13: 2, 0x14: 3, 0x15: 2, 0x16: 2,
    0x17: 3, 0x18: 5, 0x19: 2, 0x1A: 2, 0x1B: 3, 0x1C: 2, 0x1F: 2, 0x20: 2, 0x22: 2, 0x23: 2,
    0x24: 3, 0x25: 3, 0x26: 3, 0x29: 2, 0x2A: 3, 0x2B: 3, 0x2C: 3, 0xFA: 4, 0xFB: 4, 0xFC: 3,
    0xFD: 3, 0xFE: 2, 0xFF: 2,
}.items():
    _LEN[_op] = _n
for _lo, _hi, _n in ((0x2D, 0x3D, 2), (0x44, 0x6D, 2), (0x6E, 0x72, 3), (0x74, 0x78, 3), (0x90, 0xAF, 2),
                     (0xD0, 0xE2, 2)):
    for _op in range(_lo, _hi + 1):
        _LEN[_op] = _n

_BLEN = bytes(2 * n for n in _LEN)  # the same in bytes

# What the scan looks at: 1 invoke (35c), 2 invoke/range (3rc), 3 const-string, 4 const-string/jumbo,
# 5 sget*, 6 nop (may start a payload pseudo-instruction).
_KIND = bytearray(256)
for _op in range(0x6E, 0x73):
    _KIND[_op] = 1
for _op in range(0x74, 0x79):
    _KIND[_op] = 2
_KIND[0x1A] = 3
_KIND[0x1B] = 4
for _op in range(0x60, 0x67):
    _KIND[_op] = 5
_KIND[0x00] = 6

INVOKE_STATIC = frozenset({0x71, 0x77})

# Registers written by an instruction, used by `registers_at` to forget a tracked constant:
# 'A' = low nibble of the high byte (12x/22x-style), 'AA' = the whole high byte.
_DEST_A = frozenset([0x01, 0x04, 0x07, 0x12, 0x20, 0x21, 0x23, *range(0x52, 0x59), *range(0x7B, 0x90),
                     *range(0xB0, 0xD0), *range(0xD0, 0xD8)])
_DEST_AA = frozenset([0x02, 0x03, 0x05, 0x06, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, *range(0x13, 0x1D), 0x22,
                      *range(0x2D, 0x32), *range(0x44, 0x4B), *range(0x60, 0x67), *range(0x90, 0xB0),
                      *range(0xD8, 0xE3), 0xFE, 0xFF])

MAX_DEX_SIZE = 256 * 1024 * 1024
_V = TypeVar("_V")


def _forget_written(regs: dict[int, _V], op: int, hi: int, unit1: int) -> None:
    """Forget the registers instruction OP writes (HI: its high byte; UNIT1: its next code unit, -1 if none)."""
    if op in (0x03, 0x06, 0x09):  # 32x: the 16-bit destination is the next unit
        regs.pop(unit1, None)
        if op == 0x06:
            regs.pop(unit1 + 1, None)
    elif op in _DEST_A:
        regs.pop(hi & 0xF, None)
        if op in (0x04, 0x05, 0x06):
            regs.pop((hi & 0xF) + 1, None)
    elif op in _DEST_AA:
        regs.pop(hi, None)
        if op in (0x05, 0x06, 0x0B, 0x16, 0x17, 0x18, 0x19):
            regs.pop(hi + 1, None)


class DexError(InputError):
    """A dex file is truncated or its tables point outside the file."""


class DecodeBudget:
    """Bytes decoded from one dex so far, against DEX_DECODE_FACTOR x its size (see module docstring)."""

    __slots__ = ("limit", "name", "used")

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.used = 0
        self.limit = DEX_DECODE_FACTOR * size + 65536

    def charge(self, n: int, what: str) -> None:
        self.used += n
        if self.used > self.limit:
            raise DexError(
                f"{self.name}: {what} alias the same bytes (decoded more than {DEX_DECODE_FACTOR}x the file size); "
                "damaged or hostile dex"
            )


@dataclass(frozen=True, slots=True)
class ClassDef:
    """A class defined in the dex, with its superclass and interfaces (type descriptors)."""

    descriptor: str
    superclass: str
    interfaces: tuple[str, ...]
    access: int
    first_method: int  # methods of this class are [first_method, end_method) in Dex.m_* arrays
    end_method: int


ACC_STATIC = 0x8
ACC_INTERFACE = 0x200
ACC_PRIVATE = 0x2
ACC_CONSTRUCTOR = 0x10000


@dataclass(slots=True)
class Dex:
    """The tables of one dex and, after `scan_code`, what its method bodies reference.

    Defined methods are kept in parallel arrays (`m_mid`, `m_access`, `m_code`) to stay small on
    apps with hundreds of thousands of methods; a "method" index below means an index into them.
    """

    name: str
    size: int
    strings: list[str]
    types: list[str]
    protos: list[str]
    method_ids: list[tuple[int, int, int]]  # (class type idx, proto idx, name string idx)
    field_ids: list[tuple[int, int, int]]  # (class type idx, type idx, name string idx)
    classes: list[ClassDef] = field(default_factory=list)
    m_mid: array[int] = field(default_factory=lambda: array("I"))
    m_access: array[int] = field(default_factory=lambda: array("I"))
    m_code: array[int] = field(default_factory=lambda: array("I"))
    m_class: array[int] = field(default_factory=lambda: array("I"))  # index into `classes`
    # Filled by scan_code: invokes of chosen callees as flat (caller method, callee method id) arrays;
    # (caller method, callee method id, pc) for sensitive invokes; (caller, string idx, pc) for chosen
    # const-strings; (caller, field idx, pc) for chosen sgets.
    edge_caller: array[int] = field(default_factory=lambda: array("I"))
    edge_callee: array[int] = field(default_factory=lambda: array("I"))
    # edges of method m are edge_*[edge_start[m] : edge_start[m + 1]] (scan order is method order)
    edge_start: array[int] = field(default_factory=lambda: array("I"))
    invoke_sites: list[tuple[int, int, int]] = field(default_factory=list)
    string_uses: list[tuple[int, int, int]] = field(default_factory=list)
    field_uses: list[tuple[int, int, int]] = field(default_factory=list)
    damaged_methods: int = 0
    data: bytes = b""
    # registers_at's walk so far: (method, pc reached, registers, stopped at a payload). Call sites are
    # asked for in pc order, so each method is walked once however many sites it has (20,000 sites in one
    # method walked from the start each time was quadratic).
    reg_walk: tuple[int, int, dict[int, tuple[str, str]], bool] | None = None

    @property
    def method_count(self) -> int:
        return len(self.m_mid)

    def method_key(self, mid: int) -> tuple[str, str, str]:
        c, p, n = self.method_ids[mid]
        return self.types[c], self.strings[n], self.protos[p]

    def method_label(self, mid: int) -> str:
        c, n, p = self.method_key(mid)
        return f"{c}->{n}{p}"

    def param_words(self, mid: int) -> list[int]:
        """Register words of each declared parameter (2 for long/double), `this` excluded."""
        proto = self.protos[self.method_ids[mid][1]]
        params = proto[1 : proto.index(")")]
        words: list[int] = []
        i = 0
        while i < len(params):
            ch = params[i]
            if ch == "[":
                while i < len(params) and params[i] == "[":
                    i += 1
                if i < len(params) and params[i] == "L":
                    i = params.index(";", i)
                words.append(1)
            elif ch == "L":
                i = params.index(";", i)
                words.append(1)
            else:
                words.append(2 if ch in "JD" else 1)
            i += 1
        return words

    def registers_at(self, method: int, target_pc: int) -> dict[int, tuple[str, str]]:
        """Constants visible in registers just before `target_pc`, in straight-line order.

        Tracks `const-string` (("string", value)) and `const-class` (("type", descriptor)); any other
        write to a register forgets it. Branches are not followed: this is the "where visible" rule.
        The dict returned is the walk's own state (read it, do not change it): a later call for the same
        method at a higher pc continues the walk instead of starting over.
        """
        code_off = self.m_code[method]
        if not code_off:
            return {}
        data = self.data
        insns = struct.unpack_from("<I", data, code_off + 12)[0]
        start = code_off + 16
        words = _units(memoryview(data)[start : start + 2 * insns])
        insns = min(insns, len(words))
        walk = self.reg_walk
        regs: dict[int, tuple[str, str]]
        if walk is not None and walk[0] == method and walk[1] <= target_pc:
            _, pc, regs, stopped = walk
            if stopped:
                return regs
        else:
            pc, regs = 0, {}
        stopped = False
        while pc < insns and pc < target_pc:
            u = words[pc]
            op = u & 0xFF
            hi = u >> 8
            if op == 0x1A and pc + 1 < insns:
                regs[hi] = ("string", self.strings[words[pc + 1]] if words[pc + 1] < len(self.strings) else "")
            elif op == 0x1B and pc + 2 < insns:
                idx = words[pc + 1] | (words[pc + 2] << 16)
                regs[hi] = ("string", self.strings[idx] if idx < len(self.strings) else "")
            elif op == 0x1C and pc + 1 < insns:
                regs[hi] = ("type", self.types[words[pc + 1]] if words[pc + 1] < len(self.types) else "")
            elif op == 0 and hi:
                stopped = True
                break
            else:
                _forget_written(regs, op, hi, words[pc + 1] if pc + 1 < insns else -1)
            pc += _LEN[op]
        self.reg_walk = (method, pc, regs, stopped)
        return regs

    def invoke_args(self, method: int, pc: int) -> list[int]:
        """Argument registers of the invoke instruction at `pc` of `method`."""
        code_off = self.m_code[method]
        start = code_off + 16 + 2 * pc
        u0, _u1, u2 = struct.unpack_from("<HHH", self.data, start)
        op = u0 & 0xFF
        if op in (0x74, 0x75, 0x76, 0x77, 0x78):
            return list(range(u2, u2 + (u0 >> 8)))
        count = u0 >> 12
        regs = [u2 & 0xF, (u2 >> 4) & 0xF, (u2 >> 8) & 0xF, (u2 >> 12) & 0xF, (u0 >> 8) & 0xF]
        return regs[:count]


def _units(data: bytes | memoryview) -> memoryview | array[int]:
    """The 16-bit code units of `data` (little-endian, as dex stores them) without copying on x86/ARM."""
    if sys.byteorder == "little":
        return memoryview(data)[: len(data) & ~1].cast("H")
    units = array("H", bytes(data[: len(data) & ~1]))
    units.byteswap()
    return units


def _uleb(data: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        if shift > 35:
            raise DexError("uleb128 value too long")


def _decode_strings(data: bytes, offsets: Iterable[int], work: DecodeBudget) -> list[str]:
    out: list[str] = []
    append = out.append
    find = data.find
    # Ids sharing an offset share the decoded string, but every id is charged for its bytes: what reads
    # the string table later (class names, URL and host matching) works per id.
    done: dict[int, tuple[str, int]] = {}
    for off in offsets:
        known = done.get(off)
        if known is not None:
            work.charge(known[1], "string ids")
            append(known[0])
            continue
        # Skip the uleb128 utf16 length: at most 5 bytes, high bit set on all but the last.
        p = off
        while data[p] & 0x80 and p - off < 5:
            p += 1
        p += 1
        end = find(b"\0", p)
        if end < 0:
            raise DexError(f"string at 0x{off:x} is not terminated")
        work.charge(end - off + 1, "string ids")
        raw = data[p:end]
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            text = _mutf8(raw)
        done[off] = (text, end - off + 1)
        append(text)
    return out


def _type_list(data: bytes, off: int, work: DecodeBudget, cache: dict[int, tuple[int, ...]]) -> tuple[int, ...]:
    """The type indices of the type_list at OFF (proto parameters, interfaces), decoded once per offset."""
    known = cache.get(off)
    if known is not None:
        work.charge(4 + 2 * len(known), "type lists")  # per reference: callers build a string or tuple from it
        return known
    (n,) = struct.unpack_from("<I", data, off)
    if off + 4 + 2 * n > len(data):
        raise DexError(f"type list at 0x{off:x} runs past the end of the file")
    work.charge(4 + 2 * n, "type lists")
    cache[off] = items = struct.unpack_from(f"<{n}H", data, off + 4)
    return items


def _mutf8(raw: bytes) -> str:
    """Decode MUTF-8: NUL as C0 80 and supplementary characters as surrogate pairs (CESU-8)."""
    try:
        text = raw.replace(b"\xc0\x80", b"\0").decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
    # Join surrogate pairs; a lone surrogate becomes U+FFFD.
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def load(data: bytes, name: str) -> Dex:
    """Read the id tables and class definitions of `data` (method bodies are read by `scan_code`)."""
    try:
        return _load(data, name)
    except DexError:
        raise
    except (struct.error, IndexError, ValueError, OverflowError, MemoryError) as e:
        raise DexError(f"{name}: damaged dex ({e}); the file is truncated or was tampered with") from None


def _load(data: bytes, name: str) -> Dex:
    if len(data) < 0x70 or data[:4] != b"dex\n":
        raise DexError(f"{name}: not a dex file (bad magic)")
    if len(data) > MAX_DEX_SIZE:
        raise DexError(f"{name}: dex larger than {MAX_DEX_SIZE >> 20} MiB")
    (endian,) = struct.unpack_from("<I", data, 40)
    if endian != 0x12345678:
        raise DexError(f"{name}: big-endian or damaged dex header")
    (n_str, o_str, n_typ, o_typ, n_pro, o_pro, n_fld, o_fld, n_met, o_met, n_cls, o_cls) = struct.unpack_from(
        "<12I", data, 56
    )
    size = len(data)
    for count, off, width in ((n_str, o_str, 4), (n_typ, o_typ, 4), (n_pro, o_pro, 12), (n_fld, o_fld, 8),
                              (n_met, o_met, 8), (n_cls, o_cls, 32)):
        if count and (off + count * width > size or off < 0x70):
            raise DexError(f"{name}: id table at 0x{off:x} runs past the end of the file (truncated?)")

    work = DecodeBudget(name, size)
    strings = _decode_strings(data, struct.unpack_from(f"<{n_str}I", data, o_str), work)
    types = [strings[i] for i in struct.unpack_from(f"<{n_typ}I", data, o_typ)]
    protos: list[str] = []
    lists: dict[int, tuple[int, ...]] = {}
    params: dict[int, str] = {}
    # Prototype strings are built from type descriptors, so aliasing can make them far longer than the
    # file: their total length is capped (real dex files stay under 2x their size).
    proto_chars = 0
    proto_limit = DEX_PROTO_CHARS_FACTOR * size + (1 << 20)
    too_long = (
        f"{name}: method prototypes spell out more than {DEX_PROTO_CHARS_FACTOR}x the file size "
        "(aliased type lists); damaged or hostile dex"
    )
    for _shorty, ret, params_off in struct.iter_unpack("<3I", data[o_pro : o_pro + 12 * n_pro]):
        ps = params.get(params_off, "") if params_off else ""
        if params_off and params_off not in params:
            parts = [types[t] for t in _type_list(data, params_off, work, lists)]
            # Measured before joining: one list of 20,000 references to a 50 KB descriptor would be 1 GB.
            proto_chars += sum(map(len, parts))
            if proto_chars > proto_limit:
                raise DexError(too_long)
            ps = params[params_off] = "".join(parts)
        proto_chars += len(ps) + len(types[ret]) + 2
        if proto_chars > proto_limit:
            raise DexError(too_long)
        protos.append(f"({ps}){types[ret]}")
    method_ids = list(struct.iter_unpack("<HHI", data[o_met : o_met + 8 * n_met]))
    field_ids = list(struct.iter_unpack("<HHI", data[o_fld : o_fld + 8 * n_fld]))
    # Every later lookup indexes these tables with values from the file: check them once here.
    for off, count, limits, what in ((o_met, n_met, (n_typ, n_pro), "method"), (o_fld, n_fld, (n_typ, n_typ), "field")):
        if not count:
            continue
        raw = data[off : off + 8 * count]
        shorts = array("H", raw)  # class idx, proto/type idx, name idx (u32 as two u16)
        names = array("I", raw)[1::2]
        if sys.byteorder == "big":  # dex is little-endian
            shorts.byteswap()
            names.byteswap()
        if max(shorts[0::4]) >= limits[0] or max(shorts[1::4]) >= limits[1] or max(names) >= n_str:
            raise DexError(f"{name}: a {what} id points outside the type, proto or string table (damaged dex)")
    dex = Dex(
        name=name,
        size=size,
        strings=strings,
        types=types,
        protos=protos,
        method_ids=method_ids,
        field_ids=field_ids,
        data=data,
    )
    iface_tuples: dict[int, tuple[str, ...]] = {}
    for cls_idx, access, super_idx, ifaces_off, _src, _ann, data_off, _static in struct.iter_unpack(
        "<8I", data[o_cls : o_cls + 32 * n_cls]
    ):
        ifaces: tuple[str, ...] = ()
        if ifaces_off:
            known = iface_tuples.get(ifaces_off)
            if known is None:
                known = iface_tuples[ifaces_off] = tuple(types[t] for t in _type_list(data, ifaces_off, work, lists))
            else:
                work.charge(4 + 2 * len(known), "interface lists")
            ifaces = known
        first = len(dex.m_mid)
        if data_off:
            # Each class_data item is charged for the bytes it spans: class defs sharing one are refused
            # once they have decoded more than the file holds.
            work.charge(_read_class_data(data, data_off, dex) - data_off, "class definitions")
            dex.m_class.extend(array("I", [len(dex.classes)]) * (len(dex.m_mid) - first))
        dex.classes.append(
            ClassDef(
                descriptor=types[cls_idx],
                superclass=types[super_idx] if super_idx != 0xFFFFFFFF else "",
                interfaces=ifaces,
                access=access,
                first_method=first,
                end_method=len(dex.m_mid),
            )
        )
    return dex


def _read_class_data(data: bytes, pos: int, dex: Dex) -> int:
    """Append the methods of the class_data item at POS to DEX; returns the offset just past the item."""
    n_sf, pos = _uleb(data, pos)
    n_if, pos = _uleb(data, pos)
    n_dm, pos = _uleb(data, pos)
    n_vm, pos = _uleb(data, pos)
    for _ in range(2 * (n_sf + n_if)):
        if data[pos] < 0x80:
            pos += 1
        else:
            _, pos = _uleb(data, pos)
    n_met = len(dex.method_ids)
    mids = dex.m_mid
    accs = dex.m_access
    codes = dex.m_code
    for count in (n_dm, n_vm):
        mid = 0
        for _ in range(count):
            # Inline uleb128 decoding (three values per method): this loop runs once per method.
            b = data[pos]
            pos += 1
            diff = b & 0x7F
            shift = 7
            while b & 0x80:
                b = data[pos]
                pos += 1
                diff |= (b & 0x7F) << shift
                shift += 7
            b = data[pos]
            pos += 1
            access = b & 0x7F
            shift = 7
            while b & 0x80:
                b = data[pos]
                pos += 1
                access |= (b & 0x7F) << shift
                shift += 7
            b = data[pos]
            pos += 1
            code_off = b & 0x7F
            shift = 7
            while b & 0x80:
                b = data[pos]
                pos += 1
                code_off |= (b & 0x7F) << shift
                shift += 7
            if shift > 35:
                raise DexError(f"{dex.name}: uleb128 value too long in class data")
            mid += diff
            if mid >= n_met:
                raise DexError(f"{dex.name}: method index {mid} outside the method table")
            mids.append(mid)
            accs.append(access)
            codes.append(code_off)
    return pos


def scan_code(dex: Dex, *, edge_to: bytearray, site_at: bytearray, string_at: bytearray, field_at: bytearray) -> None:
    """Walk every method body once and record what the flags choose.

    `edge_to[mid]`: callee method ids whose invokes become call-graph edges; `site_at[mid]`: callees
    whose invokes are sensitive call sites (kept with their pc); `string_at[sid]`: const-strings to
    record; `field_at[fid]`: static field reads to record. Each is a bytearray indexed by the dex's ids.
    """
    try:
        _scan_code(dex, edge_to, site_at, string_at, field_at)
    except (struct.error, IndexError, ValueError) as e:
        raise DexError(f"{dex.name}: damaged method body ({e})") from None


def _scan_code(dex: Dex, edge_to: bytearray, site_at: bytearray, string_at: bytearray, field_at: bytearray) -> None:
    # The loop reads opcodes from the bytes object (indexing bytes yields cached small ints, no
    # allocation) and reads 16-bit operands through a memoryview only for the instructions it keeps.
    data = dex.data
    size = len(data)
    whole = _units(data)
    BLEN = _BLEN
    KIND = _KIND
    ec = dex.edge_caller
    ee = dex.edge_callee
    sites = dex.invoke_sites
    suses = dex.string_uses
    fuses = dex.field_uses
    n_met = min(len(dex.method_ids), len(edge_to), len(site_at))
    n_str = min(len(dex.strings), len(string_at))
    n_fld = min(len(dex.field_ids), len(field_at))
    unpack = struct.unpack_from
    es = dex.edge_start
    del es[:]
    work = DecodeBudget(dex.name, size)
    # Methods sharing one code item (legal, but never emitted by d8) get a copy of the first method's
    # results instead of a second scan; the copies are charged too, so sharing cannot multiply work.
    scanned: dict[int, tuple[int, int, int, int, int, int, int, int, int]] = {}
    for mi, off in enumerate(dex.m_code):
        es.append(len(ec))
        if not off:
            continue
        if off & 3 or off + 16 > size:
            dex.damaged_methods += 1
            continue
        first = scanned.get(off)
        if first is not None:
            e0, e1, s0, s1, u0, u1, f0, f1, length = first
            # Charged like a scan: later passes (call sites, register tracking) read the body per method.
            work.charge(length + (e1 - e0) + (s1 - s0) + (u1 - u0) + (f1 - f0), "methods sharing code items")
            ec.extend(array("I", [mi]) * (e1 - e0))
            ee.extend(ee[e0:e1])
            sites.extend((mi, c, pc) for _, c, pc in sites[s0:s1])
            suses.extend((mi, c, pc) for _, c, pc in suses[u0:u1])
            fuses.extend((mi, c, pc) for _, c, pc in fuses[f0:f1])
            continue
        (insns,) = unpack("<I", data, off + 12)
        start = off + 16
        end = start + 2 * insns
        if end > size:
            dex.damaged_methods += 1
            continue
        # Distinct code items overlapping each other would be scanned again and again: charge every scan.
        work.charge(end - off, "code items")
        marks = (len(ec), len(sites), len(suses), len(fuses))
        p = start
        while p < end:
            op = data[p]
            k = KIND[op]
            if k:
                if k <= 2:
                    if p + 4 < end:
                        callee = whole[(p >> 1) + 1]
                        if callee < n_met:
                            if edge_to[callee]:
                                ec.append(mi)
                                ee.append(callee)
                            if site_at[callee]:
                                sites.append((mi, callee, (p - start) >> 1))
                elif k == 3:
                    if p + 2 < end:
                        sid = whole[(p >> 1) + 1]
                        if sid < n_str and string_at[sid]:
                            suses.append((mi, sid, (p - start) >> 1))
                elif k == 4:
                    if p + 4 < end:
                        sid = whole[(p >> 1) + 1] | (whole[(p >> 1) + 2] << 16)
                        if sid < n_str and string_at[sid]:
                            suses.append((mi, sid, (p - start) >> 1))
                elif k == 5:
                    if p + 2 < end:
                        f = whole[(p >> 1) + 1]
                        if f < n_fld and field_at[f]:
                            fuses.append((mi, f, (p - start) >> 1))
                else:
                    hi = data[p + 1]
                    if hi:  # nop with a high byte: packed-switch, sparse-switch or fill-array-data payload
                        n = _payload_bytes(whole, p, end, hi)
                        if not n:
                            break
                        p += n
                        continue
            p += BLEN[op]
        scanned[off] = (marks[0], len(ec), marks[1], len(sites), marks[2], len(suses), marks[3], len(fuses), end - off)
    es.append(len(ec))


# Instructions after which control never falls through to the next one (return*, throw, goto*): the
# typed walk below forgets every register there, so it only ever follows real fall-through paths.
_NO_FALLTHROUGH = frozenset([0x0E, 0x0F, 0x10, 0x11, 0x27, 0x28, 0x29, 0x2A])
# What can give a register a known type (invokes through move-result-object, new-instance, check-cast,
# iget-object, sget-object) or must be skipped whole (payloads behind a nop): with no register known, the
# walk only steps over every other instruction.
_SOURCES = bytearray(256)
for _op in (*range(0x6E, 0x73), *range(0x74, 0x79), 0x22, 0x1F, 0x0C, 0x54, 0x62, 0x00):
    _SOURCES[_op] = 1


def _payload_bytes(whole: memoryview | array[int], p: int, end: int, hi: int) -> int:
    """Bytes of the payload pseudo-instruction (packed-switch, sparse-switch, fill-array-data: HI) at byte P of a
    body ending at END; 0 when its header runs past END."""
    if p + 4 > end:
        return 0
    w = p >> 1
    if hi == 1:
        return (whole[w + 1] * 2 + 4) * 2
    if hi == 2:
        return (whole[w + 1] * 4 + 2) * 2
    if hi == 3:
        if p + 8 > end:
            return 0
        count = whole[w + 2] | (whole[w + 3] << 16)
        return ((whole[w + 1] * count + 1) // 2 + 4) * 2
    return 2


def _hold(regs: dict[int, str], reg: int, t: str) -> None:
    """REG now holds a value of type T, or of no tracked type when T is empty."""
    if t:
        regs[reg] = t
    else:
        regs.pop(reg, None)


def _proto_parts(proto: str) -> tuple[list[str], str]:
    """Parameter type descriptors and the return descriptor of a proto string "(…)R"."""
    close = proto.index(")")
    params: list[str] = []
    i = 1
    while i < close:
        j = i
        while proto[j] == "[":
            j += 1
        j = proto.index(";", j) + 1 if proto[j] == "L" else j + 1
        params.append(proto[i:j])
        i = j
    return params, proto[close + 1 :]


def assignments(dex: Dex, tracked: Callable[[str], bool]) -> set[tuple[str, str]]:
    """Pairs (value type, slot type) of TRACKED reference types: a value known to be of the first type
    (made by new-instance, cast by check-cast, returned by an invoke, read from a field, or a parameter)
    used where the second is expected (an invoke's receiver or parameter, a field's object or value, the
    method's return) — so on a device the first is a subtype of the second.

    The walk follows each body in order and forgets every register after an instruction that does not
    fall through, so each pair comes from a real path; branches are not merged (a pair may be missed,
    never invented). Only the two types matter here, not which method they came from.
    """
    try:
        return _assignments(dex, tracked)
    except (struct.error, IndexError, ValueError) as e:
        raise DexError(f"{dex.name}: damaged method body ({e})") from None


def _assignments(dex: Dex, tracked: Callable[[str], bool]) -> set[tuple[str, str]]:
    data = dex.data
    size = len(data)
    whole = _units(data)
    types = dex.types
    keep = [t if tracked(t) else "" for t in types]
    protos = [_proto_parts(p) for p in dex.protos]
    kept_protos = [([t if tracked(t) else "" for t in ps], r if tracked(r) else "") for ps, r in protos]
    any_kept = [any(ps) for ps, _r in kept_protos]
    field_owner = [keep[c] for c, _t, _n in dex.field_ids]
    field_type = [keep[t] for _c, t, _n in dex.field_ids]
    m_ids = dex.method_ids
    out: set[tuple[str, str]] = set()
    done: set[int] = set()
    for mi, off in enumerate(dex.m_code):
        if not off or off in done or off & 3 or off + 16 > size:
            continue
        done.add(off)
        n_regs, n_ins = struct.unpack_from("<HH", data, off)
        (insns,) = struct.unpack_from("<I", data, off + 12)
        start = off + 16
        end = start + 2 * insns
        if end > size:
            continue
        own_proto = m_ids[dex.m_mid[mi]][1]
        own_params, own_ret = kept_protos[own_proto]
        regs: dict[int, str] = {}
        r = n_regs - n_ins + (0 if dex.m_access[mi] & ACC_STATIC else 1)
        for t, raw in zip(own_params, protos[own_proto][0], strict=True):
            if t:
                regs[r] = t
            r += 2 if raw in ("J", "D") else 1
        last_ret = ""
        p = start
        while p < end:
            op = data[p]
            if not regs and not _SOURCES[op]:  # nothing known to move, prove or forget
                last_ret = ""
                p += _BLEN[op]
                continue
            hi = data[p + 1] if p + 1 < size else 0
            w = p >> 1
            ret = ""
            if 0x6E <= op <= 0x78 and op != 0x73:
                mid = whole[w + 1]
                c, proto_i, _n = m_ids[mid]
                params, ret = kept_protos[proto_i]
                owner = keep[c]
                if not regs or not (owner or any_kept[proto_i]):
                    last_ret = ret  # only the result's type can matter
                    p += _BLEN[op]
                    continue
                raw_params = protos[proto_i][0]
                if op >= 0x74:
                    args = list(range(whole[w + 2], whole[w + 2] + hi))
                else:
                    g = whole[w + 2]
                    args = [g & 0xF, (g >> 4) & 0xF, (g >> 8) & 0xF, (g >> 12) & 0xF, hi & 0xF][: hi >> 4]
                k = 0
                if op not in (0x71, 0x77) and args:
                    v = regs.get(args[0], "")
                    if owner and v and v != owner:
                        out.add((v, owner))
                    k = 1
                for t, raw in zip(params, raw_params, strict=False):
                    if k >= len(args):
                        break
                    v = regs.get(args[k], "")
                    if t and v and v != t:
                        out.add((v, t))
                    k += 2 if raw in ("J", "D") else 1
            elif op == 0x22 or op == 0x1F:  # new-instance, check-cast vAA, type
                _hold(regs, hi, keep[whole[w + 1]])
            elif op == 0x0C:  # move-result-object
                _hold(regs, hi, last_ret)
            elif op == 0x07:  # move-object vA, vB
                _hold(regs, hi & 0xF, regs.get(hi >> 4, ""))
            elif op == 0x08:  # move-object/from16 vAA, vBBBB
                _hold(regs, hi, regs.get(whole[w + 1], ""))
            elif op == 0x09:  # move-object/16 vAAAA, vBBBB
                _hold(regs, whole[w + 1], regs.get(whole[w + 2], ""))
            elif 0x52 <= op <= 0x6D:  # iget*/iput* vA, vB (the object), field; sget*/sput* vAA, field
                f = whole[w + 1]
                if op <= 0x5F:
                    reg, k = hi & 0xF, op - 0x52
                    v = regs.get(hi >> 4, "")
                    owner = field_owner[f]
                    if owner and v and v != owner:
                        out.add((v, owner))
                else:
                    reg, k = hi, op - 0x60
                if k == 9:  # put-object: the value goes into a field of the field's type
                    v = regs.get(reg, "")
                    t = field_type[f]
                    if t and v and v != t:
                        out.add((v, t))
                elif k < 7:  # a get writes its register (two for -wide; the field's type for -object)
                    regs.pop(reg, None)
                    if k == 1:
                        regs.pop(reg + 1, None)
                    elif k == 2 and field_type[f]:
                        regs[reg] = field_type[f]
            elif op == 0x11:  # return-object
                v = regs.get(hi, "")
                if own_ret and v and v != own_ret:
                    out.add((v, own_ret))
            elif op == 0 and hi:  # a payload pseudo-instruction: skipped as scan_code does
                n = _payload_bytes(whole, p, end, hi)
                if not n:
                    break
                p += n
                regs.clear()
                continue
            else:
                _forget_written(regs, op, hi, whole[w + 1])
            if op in _NO_FALLTHROUGH:
                regs.clear()
            last_ret = ret
            p += _BLEN[op]
    return out
