"""The call graph over the methods the dex files define, reachability from entry points, attribution paths.

Nodes are ints: a defined method is `base[dex] + method index`; entry components are negative.
Edges come from the fast scan's invokes, resolved to the defining class through the superclass
chain, plus two implicit kinds that a plain invoke graph misses:
- constructing an object (`X.<init>`) makes every instance method of X callable: the framework
  and dynamic dispatch call overrides (Runnable.run, onClick, a subclass's foo) that no invoke
  names directly. This is the rapid-type-analysis idea at class granularity;
- any static method or constructor of X may trigger `X.<clinit>`;
- a string naming a defined class (`Class.forName("com.x.Y")`) links its method to Y's constructors.
Entry points are the manifest's components, the Application class and all providers (the
framework instantiates providers at process start, exported or not); each contributes every
method of its class. Reachability is one breadth-first search from a virtual root, so each
reachable method gets the first component that reaches it and a shortest path back to it.

Why two representations: the whole-program graph (hundreds of thousands of edges) is kept as
adjacency lists of ints, because a networkx DiGraph costs ~4 us and ~250 bytes per edge, which
alone would break the speed and memory targets of issue 5. The attribution graph (the BFS paths
from components to the sensitive call sites, what a reader follows) is a networkx DiGraph.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from appaudit.static.dex import ACC_CONSTRUCTOR, ACC_STATIC, Dex


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """A class the framework instantiates: a manifest component or the Application."""

    name: str  # dotted class name
    kind: str  # activity, service, receiver, provider, activity-alias, application
    exported: bool


@dataclass(slots=True)
class CallGraph:
    base: list[int]  # first node id of each dex
    dexes: Sequence[Dex]
    entries: list[EntryPoint]
    parent: array[int]  # BFS tree: node -> predecessor; -1 unreachable; <= -2 the entry component
    edges: int

    def node(self, dex: int, method: int) -> int:
        return self.base[dex] + method

    def locate(self, node: int) -> tuple[int, int]:
        d = bisect.bisect_right(self.base, node) - 1
        return d, node - self.base[d]

    def reachable(self, node: int) -> bool:
        return self.parent[node] != -1

    def attribution_graph(self, targets: Iterable[int]) -> nx.DiGraph:
        """The BFS-tree paths from the root through each entry component to each target method.

        Nodes: `ROOT`, components (`-2 - i`, attribute `entry`) and methods (attribute `label`).
        """
        g = nx.DiGraph()
        g.add_node(ROOT)
        for t in targets:
            cur = t
            guard = 0
            while cur >= 0 and self.parent[cur] != -1 and "label" not in g.nodes.get(cur, {}):
                par = self.parent[cur]
                g.add_node(cur, label=self.label(cur))
                g.add_edge(par, cur)
                if par <= -2:
                    g.add_node(par, entry=self.entries[-2 - par])
                    g.add_edge(ROOT, par)
                cur = par
                guard += 1
                if guard > 1_000_000:  # a cycle would be a bug in the BFS tree; never loop forever
                    break
        return g

    def label(self, node: int) -> str:
        d, m = self.locate(node)
        return self.dexes[d].method_label(self.dexes[d].m_mid[m])


ROOT = -1


def build(dexes: Sequence[Dex], entries: Iterable[EntryPoint]) -> CallGraph:
    """Reachability over the scanned dexes' invoke edges plus the implicit edges, by BFS from the entries.

    Edges are read where the scan left them (grouped by caller) and resolved to nodes per dex
    once; implicit edges are added when the BFS reaches a constructor or static method, so
    unreachable code costs nothing beyond its scan.
    """
    base: list[int] = []
    total = 0
    for dex in dexes:
        base.append(total)
        total += dex.method_count
    # The runtime loads classes.dex first: the first definition of a class wins.
    classes: dict[str, tuple[int, int]] = {}
    for d, dex in enumerate(dexes):
        for ci, cd in enumerate(dex.classes):
            classes.setdefault(cd.descriptor, (d, ci))
    resolver = _Resolver(dexes, base, classes)
    resolved = [resolver.targets(d) for d in range(len(dexes))]
    n_edges = sum(len(dex.edge_callee) for dex in dexes)

    entry_list = list(entries)
    parent = array("i", [-1]) * total
    frontier: list[int] = []
    for i, e in enumerate(entry_list):
        loc = classes.get("L" + e.name.replace(".", "/") + ";")
        if loc is None:
            continue
        d, ci = loc
        cd = dexes[d].classes[ci]
        for m in range(cd.first_method, cd.end_method):
            node = base[d] + m
            if parent[node] == -1:
                parent[node] = -2 - i
                frontier.append(node)
    implicit: dict[tuple[int, int], list[int]] = {}
    by_name = _reflective_edges(dexes, base, classes)
    n_dex = len(dexes)
    while frontier:
        nxt: list[int] = []
        for u in frontier:
            d = 0
            while d + 1 < n_dex and base[d + 1] <= u:
                d += 1
            dex = dexes[d]
            m = u - base[d]
            res = resolved[d]
            ee = dex.edge_callee
            es = dex.edge_start
            for k in range(es[m], es[m + 1]):
                v = res[ee[k]]
                if v >= 0 and parent[v] == -1:
                    parent[v] = u
                    nxt.append(v)
            for v in by_name.get(u, ()):
                if parent[v] == -1:
                    parent[v] = u
                    nxt.append(v)
            acc = dex.m_access[m]
            if acc & (ACC_CONSTRUCTOR | ACC_STATIC):
                key = (d, dex.m_class[m])
                targets = implicit.get(key)
                if targets is None:
                    targets = implicit[key] = _class_implicit(dex, base[d], key[1])
                # <init>: all instance methods and <clinit>; a static method: only <clinit> (last).
                for v in targets if (acc & ACC_CONSTRUCTOR and not acc & ACC_STATIC) else targets[-1:]:
                    if v >= 0 and parent[v] == -1:
                        parent[v] = u
                        nxt.append(v)
        frontier = nxt
    return CallGraph(base=base, dexes=dexes, entries=entry_list, parent=parent, edges=n_edges)


def _reflective_edges(
    dexes: Sequence[Dex], base: list[int], classes: dict[str, tuple[int, int]]
) -> dict[int, list[int]]:
    """A method holding a defined class's name as a string may load and construct it by reflection
    (`Class.forName(name).newInstance()`): edges to that class's constructors and <clinit>."""
    out: dict[int, list[int]] = {}
    for d, dex in enumerate(dexes):
        for method, sid, _pc in dex.string_uses:
            name = dex.strings[sid]
            loc = classes.get("L" + name.replace(".", "/") + ";") if "." in name else None
            if loc is None:
                continue
            td, ci = loc
            tdex = dexes[td]
            cd = tdex.classes[ci]
            ctors = range(cd.first_method, cd.end_method)
            targets = [base[td] + m for m in ctors if tdex.m_access[m] & ACC_CONSTRUCTOR]
            out.setdefault(base[d] + method, []).extend(targets)
    return out


def _class_implicit(dex: Dex, b: int, ci: int) -> list[int]:
    """Instance methods of class `ci` followed by its <clinit> node (-1 when it has none)."""
    cd = dex.classes[ci]
    out: list[int] = []
    clinit = -1
    for m in range(cd.first_method, cd.end_method):
        acc = dex.m_access[m]
        if acc & ACC_CONSTRUCTOR:
            if acc & ACC_STATIC:
                clinit = b + m
        elif not acc & ACC_STATIC:
            out.append(b + m)
    out.append(clinit)
    return out


class _Resolver:
    """Maps a dex's method ids to the nodes of their definitions (through app superclasses)."""

    def __init__(self, dexes: Sequence[Dex], base: list[int], classes: dict[str, tuple[int, int]]) -> None:
        self.dexes = dexes
        self.base = base
        self.classes = classes
        self._members: dict[str, dict[tuple[str, str], int]] = {}

    def members(self, desc: str) -> dict[tuple[str, str], int] | None:
        got = self._members.get(desc)
        if got is None:
            loc = self.classes.get(desc)
            if loc is None:
                return None
            d, ci = loc
            dex = self.dexes[d]
            cd = dex.classes[ci]
            got = {}
            for m in range(cd.first_method, cd.end_method):
                _c, p, n = dex.method_ids[dex.m_mid[m]]
                got[(dex.strings[n], dex.protos[p])] = self.base[d] + m
            self._members[desc] = got
        return got

    def targets(self, d: int) -> array[int]:
        dex = self.dexes[d]
        out = array("i", [-1]) * len(dex.method_ids)
        b = self.base[d]
        # Fast path: the callee is defined in this very dex (and this dex's copy of the class wins).
        own = {cd.descriptor for cd in dex.classes if self.classes.get(cd.descriptor, (-1, -1))[0] == d}
        local = {mid: i for i, mid in enumerate(dex.m_mid)}
        types, strings, protos = dex.types, dex.strings, dex.protos
        for mid in set(dex.edge_callee):
            c, p, n = dex.method_ids[mid]
            desc = types[c]
            i = local.get(mid)
            if i is not None and desc in own:
                out[mid] = b + i
                continue
            key = (strings[n], protos[p])
            hops = 0
            while hops < 32:
                members = self.members(desc)
                if members is None:
                    break
                node = members.get(key)
                if node is not None:
                    out[mid] = node
                    break
                dd, ci = self.classes[desc]
                desc = self.dexes[dd].classes[ci].superclass
                hops += 1
        return out
