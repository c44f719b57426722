"""The call graph (networkx) over the methods the dex files define, and reachability from entry points.

Nodes are ints: a defined method is `base[dex] + method index`; entry components are negative.
Edges come from the fast scan's invokes, resolved to the defining class through the superclass
chain, plus two implicit kinds that a plain invoke graph misses:
- constructing an object (`X.<init>`) makes every instance method of X callable: the framework
  and dynamic dispatch call overrides (Runnable.run, onClick, a subclass's foo) that no invoke
  names directly. This is the rapid-type-analysis idea at class granularity;
- any method of X (static call or constructor) may trigger `X.<clinit>`.
Entry points are the manifest's components, the Application class and all providers (the
framework instantiates providers at process start, exported or not); each contributes every
method of its class. Reachability is one breadth-first search from a virtual root, so each
reachable method gets the first component that reaches it and a shortest path back to it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from appaudit.static.dex import ACC_STATIC, Dex

_ROOT = -1


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """A class the framework instantiates: a manifest component or the Application."""

    name: str  # dotted class name
    kind: str  # activity, service, receiver, provider, activity-alias, application
    exported: bool


@dataclass(slots=True)
class CallGraph:
    graph: nx.DiGraph
    base: list[int]  # first node id of each dex
    dexes: Sequence[Dex]
    entries: list[EntryPoint]
    parent: dict[int, int]  # BFS tree: node -> predecessor (entry nodes -> component node)

    def node(self, dex: int, method: int) -> int:
        return self.base[dex] + method

    def locate(self, node: int) -> tuple[int, int]:
        d = max(i for i, b in enumerate(self.base) if b <= node)
        return d, node - self.base[d]

    def reachable(self, node: int) -> bool:
        return node in self.parent

    def path(self, node: int) -> tuple[EntryPoint | None, list[int]]:
        """The entry point that reaches `node` and the methods from it to `node` (empty if unreachable)."""
        if node not in self.parent:
            return None, []
        chain = [node]
        cur = node
        guard = 0
        while True:
            cur = self.parent[cur]
            if cur <= -2:
                return self.entries[-2 - cur], list(reversed(chain))
            chain.append(cur)
            guard += 1
            if guard > 1_000_000:  # a cycle would be a bug in the BFS tree; never loop forever
                return None, []

    def class_of(self, node: int) -> str:
        d, m = self.locate(node)
        dex = self.dexes[d]
        return dex.types[dex.method_ids[dex.m_mid[m]][0]]


def build(dexes: Sequence[Dex], entries: Iterable[EntryPoint]) -> CallGraph:
    """Graph from the scanned dexes' invoke edges, plus implicit edges, and BFS from the entries."""
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
    keys: dict[tuple[str, str, str], int] = {}
    for desc, (d, ci) in classes.items():
        dex = dexes[d]
        cd = dex.classes[ci]
        b = base[d]
        mids = dex.m_mid
        for m in range(cd.first_method, cd.end_method):
            _c, p, n = dex.method_ids[mids[m]]
            keys[(desc, dex.strings[n], dex.protos[p])] = b + m

    g = nx.DiGraph()
    g.add_nodes_from(range(total))
    edges: set[tuple[int, int]] = set()
    for d, dex in enumerate(dexes):
        resolved = _resolve_targets(dex, classes, keys, dexes)
        b = base[d]
        callee_nodes = [resolved[c] for c in dex.edge_callee]
        edges.update((b + caller, v) for caller, v in zip(dex.edge_caller, callee_nodes, strict=True) if v >= 0)
    edges.update(_implicit_edges(dexes, classes, base))
    g.add_edges_from(edges)

    entry_list = list(entries)
    g.add_node(_ROOT)
    for i, e in enumerate(entry_list):
        comp = -2 - i
        g.add_edge(_ROOT, comp)
        loc = classes.get("L" + e.name.replace(".", "/") + ";")
        if loc is None:
            continue
        d, ci = loc
        cd = dexes[d].classes[ci]
        g.add_edges_from((comp, base[d] + m) for m in range(cd.first_method, cd.end_method))
    parent: dict[int, int] = {}
    for child, par in nx.bfs_predecessors(g, _ROOT):
        if child >= 0:
            parent[child] = par
    return CallGraph(graph=g, base=base, dexes=dexes, entries=entry_list, parent=parent)


def _resolve_targets(
    dex: Dex,
    classes: dict[str, tuple[int, int]],
    keys: dict[tuple[str, str, str], int],
    dexes: Sequence[Dex],
) -> array[int]:
    """For each method id of `dex`: the node of its definition (walking up app superclasses), or -1."""
    out = array("i", [-1]) * len(dex.method_ids)
    types = dex.types
    strings = dex.strings
    protos = dex.protos
    wanted = set(dex.edge_callee)
    for mid in wanted:
        c, p, n = dex.method_ids[mid]
        desc = types[c]
        name = strings[n]
        proto = protos[p]
        node = keys.get((desc, name, proto), -1)
        hops = 0
        while node < 0 and desc in classes and hops < 32:
            d, ci = classes[desc]
            desc = dexes[d].classes[ci].superclass
            node = keys.get((desc, name, proto), -1)
            hops += 1
        out[mid] = node
    return out


def _implicit_edges(dexes: Sequence[Dex], classes: dict[str, tuple[int, int]], base: list[int]) -> set[tuple[int, int]]:
    edges: set[tuple[int, int]] = set()
    for d, ci in classes.values():
        dex = dexes[d]
        cd = dex.classes[ci]
        b = base[d]
        inits: list[int] = []
        instance: list[int] = []
        statics: list[int] = []
        clinit = -1
        for m in range(cd.first_method, cd.end_method):
            _c, _p, n = dex.method_ids[dex.m_mid[m]]
            name = dex.strings[n]
            if name == "<init>":
                inits.append(b + m)
            elif name == "<clinit>":
                clinit = b + m
            elif dex.m_access[m] & ACC_STATIC:
                statics.append(b + m)
            else:
                instance.append(b + m)
        for i in inits:
            edges.update((i, v) for v in instance)
            if clinit >= 0:
                edges.add((i, clinit))
        if clinit >= 0:
            edges.update((s, clinit) for s in statics)
    return edges
