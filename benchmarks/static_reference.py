"""The reference for `appaudit static`: androguard's AnalyzeAPK + call graph, and the sensitive call sites
found from androguard's own instruction decoding (benchmarks/static.py and tests/static compare them).

The ontology matching (which class/method/field/string is sensitive) is shared with appaudit on
purpose: what is checked is that appaudit's fast dex reader decodes the same instructions, operands
and visible constants as androguard does.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from appaudit.static.callsites import Matcher, descriptor, matcher

Site = tuple[str, str, str, int]  # (data_type, api, caller "Lx;->m(..)V", pc in code units)

_INVOKES = set(range(0x6E, 0x73)) | set(range(0x74, 0x79))
_STATIC = {0x71, 0x77}
# Instructions whose first register operand is read, not written.
_NO_WRITE = (
    {0x00, 0x0E, 0x0F, 0x10, 0x11, 0x1D, 0x1E, 0x1F, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C}
    | set(range(0x32, 0x3E))
    | set(range(0x4B, 0x52))
    | set(range(0x59, 0x60))
    | set(range(0x67, 0x6E))
    | _INVOKES
    | {0xFA, 0xFB, 0xFC, 0xFD}
)


def analyze(path: Path) -> tuple[Any, Any]:
    """androguard AnalyzeAPK + call graph (what the benchmark times)."""
    from loguru import logger

    logger.remove()
    from androguard.misc import AnalyzeAPK

    _a, dvms, dx = AnalyzeAPK(str(path))
    graph = dx.get_call_graph()
    return dvms, graph


def _words(proto: str) -> list[int]:
    params = proto[proto.index("(") + 1 : proto.index(")")].replace(" ", "")
    out: list[int] = []
    i = 0
    while i < len(params):
        j = i
        while params[j] == "[":
            j += 1
        if params[j] == "L":
            j = params.index(";", j)
        out.append(2 if j == i and params[i] in "JD" else 1)
        i = j + 1
    return out


def call_sites(dvms: Any, m: Matcher | None = None) -> Counter[Site]:
    """Sensitive call sites from androguard's decoded instructions of every method with code."""
    m = m or matcher()
    out: Counter[Site] = Counter()
    for d in dvms:
        for em in (em for c in d.get_classes() for em in c.get_methods()):
            code = em.get_code()
            if code is None:
                continue
            caller = f"{em.get_class_name()}->{em.get_name()}{em.get_descriptor().replace(' ', '')}"
            regs: dict[int, tuple[str, str]] = {}
            pc = 0
            for ins in code.get_bc().get_instructions():
                op = ins.get_op_value()
                if op in _INVOKES:
                    cls, name, proto = _method(ins)
                    args = [v for k, v in _regs(ins)]
                    if cls == "Ljava/lang/Class;" and name in ("getDeclaredField", "getField", "getDeclaredMethod",
                                                                  "getMethod"):
                        _reflect(m, out, regs, args, name, caller, pc)
                    targets = m.methods.get((cls, name), ())
                    hits = []
                    for t in targets:
                        if t.api.arg_index is not None:
                            pos = (0 if op in _STATIC else 1) + sum(_words(proto)[: t.api.arg_index])
                            val = regs.get(args[pos]) if pos < len(args) else None
                            if val == ("string", t.api.arg_equals):
                                hits.append(t)
                    for t in hits or [t for t in targets if t.api.arg_index is None]:
                        out[(t.data_type, t.api.label, caller, pc)] += 1
                elif op in (0x1A, 0x1B):
                    s = ins.get_raw_string()
                    for t in m.string_targets(s):
                        out[(t.data_type, t.api.label, caller, pc)] += 1
                    regs[ins.AA] = ("string", s)
                elif op == 0x1C:
                    regs[ins.AA] = ("type", ins.cm.get_type(ins.BBBB))
                elif 0x60 <= op <= 0x66:
                    fcls, _ftype, fname = ins.cm.get_field(ins.BBBB)
                    for t in m.fields.get((fcls, fname), ()):
                        out[(t.data_type, t.api.label, caller, pc)] += 1
                    regs.pop(ins.AA, None)
                elif op not in _NO_WRITE:
                    ops = ins.get_operands()
                    if ops and ops[0][0].name == "REGISTER":
                        regs.pop(ops[0][1], None)
                        if op in (0x04, 0x05, 0x06, 0x0B, 0x16, 0x17, 0x18, 0x19):
                            regs.pop(ops[0][1] + 1, None)
                pc += ins.get_length() // 2
    return out


def _method(ins: Any) -> tuple[str, str, str]:
    ref = ins.cm.get_method_ref(ins.BBBB)
    return ref.get_class_name(), ref.get_name(), ref.get_descriptor().replace(" ", "")


def _regs(ins: Any) -> list[tuple[str, int]]:
    return [(k.name, v) for k, v, *_ in ins.get_operands() if getattr(k, "name", "") == "REGISTER"]


def _reflect(m: Matcher, out: Counter[Site], regs: dict[int, tuple[str, str]], args: list[int], name: str,
             caller: str, pc: int) -> None:
    if len(args) < 2:
        return
    member = regs.get(args[1])
    if not member or member[0] != "string":
        return
    recv = regs.get(args[0])
    cls = recv[1] if recv and recv[0] == "type" else (descriptor(recv[1]) if recv else None)
    table = m.field_names if name in ("getDeclaredField", "getField") else m.method_names
    if cls is None:  # appaudit's rule: a member name without its class names no API
        return
    cands = [(d, t) for d, t in table.get(member[1], []) if d == cls]
    for _d, t in cands:
        if t.api.arg_index is None:
            out[(t.data_type, t.api.label, caller, pc)] += 1


def appaudit_sites(call_sites_json: list[dict[str, Any]]) -> Counter[Site]:
    """The same tuples from `sections["static"]["call_sites"]` of an appaudit report."""
    out: Counter[Site] = Counter()
    for c in call_sites_json:
        caller, _, pc = c["locator"].rpartition(" @0x")
        out[(c["data_type"], c["api"], caller, int(pc, 16))] += 1
    return out
