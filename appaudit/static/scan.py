"""`scan(app)`: the static analysis pipeline (unpack, manifest, dex scan, SDKs, call sites, call graph).

Produces a `Report` with MANIFEST and CODE evidence (docs/evidence.md) and `sections["static"]`
with the keys app, permissions, sdks, call_sites, manifest (README "appaudit static"), plus
`skipped` notes for damaged parts that were left out.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from appaudit import __version__
from appaudit.errors import InputError
from appaudit.model import (
    Actor,
    AppInfo,
    CallSiteDetail,
    ComponentDetail,
    Evidence,
    PermissionDetail,
    Report,
    SdkDetail,
    Source,
)
from appaudit.signatures import Catalogue
from appaudit.signatures import load as load_catalogue
from appaudit.static import apk, callgraph, callsites, dex, manifest, sdks
from appaudit.static.callsites import RawSite, dotted

MAX_PATH_SHOWN = 8
MAX_NOTES = 100


@dataclass(frozen=True, slots=True)
class CallSite:
    """A sensitive call site, attributed and placed in the call graph."""

    data_type: str
    api: str
    kind: str
    target: str
    caller_class: str
    caller_method: str  # name + proto, e.g. "a(Landroid/content/Context;)Ljava/lang/String;"
    locator: str  # "Lcom/x/Y;->a(...)V @0x1c"
    dex: str
    actor: Actor
    reachable: bool
    entry: dict[str, Any] | None
    argument: str | None
    matched: str = "invoke"  # invoke | field | reflection+class | string (callsites.RawSite.matched)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "data_type": self.data_type,
            "api": self.api,
            "kind": self.kind,
            "target": self.target,
            "caller_class": self.caller_class,
            "caller_method": self.caller_method,
            "actor": str(self.actor),
            "reachable": self.reachable,
            "entry": self.entry,
            "sdk_internal": not self.actor.is_app and not self.reachable,
            "matched": self.matched,
            "locator": self.locator,
            "dex": self.dex,
        }
        if self.argument is not None:
            d["argument"] = self.argument
        return d


class _Steps:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.progress: Any = None
        self.task: Any = None
        if enabled:
            # Imported only when shown: rich's progress machinery costs ~50 ms of start-up.
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("[bold]static[/] {task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.task = self.progress.add_task("unpacking", total=total)

    @contextlib.contextmanager
    def running(self) -> Iterator[_Steps]:
        if self.progress is None:
            yield self
            return
        with self.progress:
            yield self

    def step(self, description: str, advance: float = 1.0) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=description, advance=advance)

    def grow(self, n: int) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=(self.progress.tasks[0].total or 0) + n)


def scan(app: Path, *, progress: bool = False, catalogue: Catalogue | None = None) -> Report:
    """Statically analyse the app at `app` (.apk, .apks/.xapk/.apkm bundle or a folder of split APKs)."""
    steps = _Steps(progress, total=5)
    with steps.running():
        return _scan(app, steps, catalogue)


def _scan(app: Path, steps: _Steps, catalogue: Catalogue | None) -> Report:
    unpacked = apk.unpack(app)  # first: a bad input fails before the catalogue is loaded
    cat = catalogue if catalogue is not None else load_catalogue()
    notes = list(unpacked.skipped)
    steps.grow(2 * len(unpacked.dex))
    steps.step("manifest")
    man = manifest.parse(unpacked.parts)
    package = man.package

    matcher = callsites.matcher()
    dexes: list[dex.Dex] = []
    for name, data in unpacked.dex:
        steps.step(f"reading {name.rsplit('!', 1)[-1]}")
        try:
            dexes.append(dex.load(data, name))
        except dex.DexError as e:
            notes.append(f"{e}; skipped")
    defined = {cd.descriptor for d in dexes for cd in d.classes}
    class_descs = {dotted(desc): desc for desc in defined}
    raw_sites: list[RawSite] = []
    for i, d in enumerate(dexes):
        steps.step(f"scanning {d.name.rsplit('!', 1)[-1]}")
        types = d.types
        edge_to = bytearray(len(d.method_ids))
        for mid, (c, _p, _n) in enumerate(d.method_ids):
            if types[c] in defined:
                edge_to[mid] = 1
        site_at, string_at, field_at = callsites.flags(d, matcher)
        # Class names as strings (Class.forName, reflective loaders) become call-graph edges too;
        # URL strings are recorded with the method that loads them, so a host is attributed to the
        # SDK whose code holds it (issue 15), not to the host's owner.
        for sid, value in enumerate(d.strings):
            if "." in value:
                if class_descs.get(value):
                    string_at[sid] |= 2
                elif "://" in value:
                    string_at[sid] |= 4
        try:
            dex.scan_code(d, edge_to=edge_to, site_at=site_at, string_at=string_at, field_at=field_at)
        except dex.DexError as e:
            notes.append(f"{e}; call sites of this dex may be incomplete")
        if d.damaged_methods:
            notes.append(f"{d.name}: {d.damaged_methods} method bodies point outside the file; skipped")
        try:
            raw_sites += callsites.extract(i, d, matcher)
        except (IndexError, ValueError, struct.error) as e:  # a method body damaged in a way the scan let pass
            notes.append(f"{d.name}: damaged method body while reading call sites ({e}); some were skipped")

    steps.step("call graph")
    entries = _entry_points(man, class_descs)
    graph = callgraph.build(dexes, entries)

    steps.step("attribution")
    namespaces = sdks.first_party(cat, man, class_descs)
    actor_of = sdks.actor_of(cat, namespaces)
    tree = graph.attribution_graph(graph.node(s.dex, s.method) for s in raw_sites)
    sites = [_attribute(s, dexes, graph, tree, actor_of) for s in raw_sites]
    sites.sort(key=lambda s: (s.data_type, s.actor, s.caller_class, s.locator, s.api))

    class_names = sorted(class_descs)
    detected = sdks.detect(
        cat,
        app_package=package,
        class_names=class_names,
        manifest=man,
        native_libs=unpacked.native_libs,
        hosts=_host_holders(dexes),
        namespaces=namespaces,
        actor_of=lambda name: actor_of(callsites.descriptor(name)),
    )
    steps.step("report")
    return _report(app, unpacked, man, dexes, detected, sites, notes, cat, graph, namespaces)


def _host_holders(dexes: list[dex.Dex]) -> dict[str, set[str]]:
    """URL host -> dotted names of the classes whose code loads a string naming it (a host that
    only sits in the string table, e.g. a static field's initial value, maps to no class)."""
    out: dict[str, set[str]] = {}
    for d in dexes:
        # A string loaded from many methods is parsed for hosts once (the URL regex is the cost here).
        hosts_of: dict[int, list[str]] = {}
        for method, sid, _pc in d.string_uses:
            value = d.strings[sid]
            if "://" not in value:
                continue
            hosts = hosts_of.get(sid)
            if hosts is None:
                hosts = hosts_of[sid] = list(sdks.hosts_in((value,)))
            cls = dotted(d.types[d.method_ids[d.m_mid[method]][0]])
            for h in hosts:
                out.setdefault(h, set()).add(cls)
        for h in sdks.hosts_in(v for sid, v in enumerate(d.strings) if sid not in hosts_of and "://" in v):
            out.setdefault(h, set())
    return out


def _entry_points(man: manifest.Manifest, classes: dict[str, str]) -> list[callgraph.EntryPoint]:
    """Classes the system instantiates: components, the Application, backupAgent/appComponentFactory,
    and classes named by meta-data (Firebase `ComponentRegistrar`s, Glide modules, SDK initialisers are
    found by the library through their meta-data key or value)."""
    out = []
    if man.application:
        out.append(callgraph.EntryPoint(man.application, "application", False))
    out += [callgraph.EntryPoint(name, "application", False) for name in man.framework_classes]
    for c in man.components:
        name = c.target if c.type is manifest.ComponentType.ACTIVITY_ALIAS and c.target else c.name
        out.append(callgraph.EntryPoint(name, c.type.value, c.exported))
    seen = {e.name for e in out}
    for key, value in man.meta_data:
        for text in (key, value):
            name = text.rsplit(":", 1)[-1].strip()
            if name in classes and name not in seen:
                seen.add(name)
                out.append(callgraph.EntryPoint(name, "meta-data", False))
    return out


def _method_label(d: dex.Dex, method: int) -> tuple[str, str, str]:
    cls, name, proto = d.method_key(d.m_mid[method])
    return cls, f"{name}{proto}", f"{cls}->{name}{proto}"


def _attribute(
    site: RawSite,
    dexes: list[dex.Dex],
    graph: callgraph.CallGraph,
    tree: nx.DiGraph,
    actor_of: Callable[[str], Actor],
) -> CallSite:
    d = dexes[site.dex]
    cls, meth, full = _method_label(d, site.method)
    actor = actor_of(cls)
    node = graph.node(site.dex, site.method)
    entry_point: callgraph.EntryPoint | None = None
    entry: dict[str, Any] | None = None
    if graph.reachable(node):
        # [ROOT, component, first method, ..., caller]
        full_path = nx.shortest_path(tree, callgraph.ROOT, node)
        entry_point = tree.nodes[full_path[1]]["entry"]
        path = full_path[2:]
        sdk_entry = None
        if actor.is_sdk:
            for n in path:
                nd, nm = graph.locate(n)
                ncls, nmeth, _ = _method_label(dexes[nd], nm)
                if actor_of(ncls) == actor:
                    sdk_entry = f"{dotted(ncls)}.{nmeth}"
                    break
        shown = []
        for n in path[:MAX_PATH_SHOWN]:
            nd, nm = graph.locate(n)
            shown.append(_method_label(dexes[nd], nm)[2])
        entry = {
            "component": entry_point.name,
            "component_type": entry_point.kind,
            "exported": entry_point.exported,
            "sdk_entry": sdk_entry,
            "path": shown,
            "path_length": len(path),
        }
    return CallSite(
        data_type=site.data_type,
        api=site.api,
        kind=site.kind,
        target=site.target,
        caller_class=dotted(cls),
        caller_method=meth,
        locator=f"{full} @0x{site.pc:x}",
        dex=d.name,
        actor=actor,
        reachable=entry_point is not None,
        entry=entry,
        argument=site.argument,
        matched=site.matched,
    )


def _report(
    app: Path,
    unpacked: apk.Unpacked,
    man: manifest.Manifest,
    dexes: list[dex.Dex],
    detection: sdks.Detection,
    sites: list[CallSite],
    notes: list[str],
    cat: Catalogue,
    graph: callgraph.CallGraph,
    namespaces: sdks.FirstParty,
) -> Report:
    detected = detection.sdks
    evidence: list[Evidence] = []
    for p in man.permissions:
        evidence.append(
            Evidence(
                data_type=None,
                source=Source.MANIFEST,
                actor=Actor.APP,
                locator="AndroidManifest.xml uses-permission",
                detail=PermissionDetail(
                    permission=p.name,
                    protection_level=p.protection_level,
                    play_restricted=p.play_restricted,
                    max_sdk=p.max_sdk,
                ),
            )
        )
    for c in man.components:
        sig = None if sdks.owned(c.name, namespaces.own) else cat.match_component(c.name)
        evidence.append(
            Evidence(
                data_type=None,
                source=Source.MANIFEST,
                actor=Actor.parse(sig.id) if sig is not None else Actor.APP,
                locator=f"AndroidManifest.xml <{c.type.value} {c.name}>",
                detail=ComponentDetail(
                    component_type=c.type.value,
                    name=c.name,
                    exported=c.exported,
                    actions=tuple(c.actions),
                    self_start=bool(c.self_start),
                ),
            )
        )
    for s in detected:
        code = any(e.kind in (sdks.EvidenceKind.CLASS, sdks.EvidenceKind.PACKAGE) for e in s.evidence)
        evidence.append(
            Evidence(
                data_type=None,
                source=Source.CODE if code else Source.MANIFEST,
                actor=Actor.parse(s.id),
                locator=f"sdk:{s.id}",
                detail=SdkDetail(
                    name=s.name,
                    vendor=s.vendor,
                    category=s.category,
                    library=not s.collects,
                    confidence=s.confidence,
                    grades=tuple(s.grades),
                    evidence=[e.to_dict() for e in s.evidence],
                ),
            )
        )
    for cs in sites:
        evidence.append(
            Evidence(
                data_type=cs.data_type,
                source=Source.CODE,
                actor=cs.actor,
                locator=cs.locator,
                detail=CallSiteDetail(
                    api=cs.api,
                    caller_class=cs.caller_class,
                    caller_method=cs.caller_method,
                    reachable=cs.reachable,
                    entry=cs.entry,
                    matched=cs.matched,
                ),
            )
        )
    info = AppInfo(
        package=man.package,
        version_name=man.version_name,
        version_code=man.version_code,
        min_sdk=man.min_sdk,
        target_sdk=man.target_sdk,
        file=app.name,
        sha256=unpacked.sha256,
    )
    section = {
        "app": {
            **info.to_dict(),
            "splits": list(man.splits),
            "dex_files": [d.name for d in dexes],
            "classes": sum(len(d.classes) for d in dexes),
            "methods": sum(d.method_count for d in dexes),
            "call_graph_edges": graph.edges,
            "native_libs": sorted(set(unpacked.native_libs)),
            "label": man.label,  # the app's name from its resources, for report headers
        },
        "permissions": [p.to_dict() for p in man.permissions],
        "sdks": [s.to_dict() for s in detected],
        # Hints never make an SDK record (issue 15): SDKs named only by a host, a meta-data key, an
        # action or a component whose class is absent; and every URL host with the code holding it.
        "sdk_hints": [h.to_dict() for h in detection.hints],
        "hosts": [h.to_dict() for h in detection.hosts],
        "first_party": {"own": list(namespaces.own), "extra": list(namespaces.extra)},
        "call_sites": [c.to_dict() for c in sites],
        "manifest": man.to_dict(),
        # A hostile archive can hold 100,000 bad entries; the report keeps the first ones and a count.
        "skipped": notes[:MAX_NOTES] + ([f"… and {len(notes) - MAX_NOTES} more"] if len(notes) > MAX_NOTES else []),
    }
    skipped: dict[str, str] = {}
    if not dexes:
        skipped["static.code"] = notes[-1] if notes else "no dex code"
    return Report(
        app=info,
        evidence=tuple(evidence),
        sections={"static": section},
        skipped=skipped,
        settings={"static": {"max_depth": apk.MAX_DEPTH, "max_ratio": apk.MAX_RATIO}},
        tool_version=__version__,
    ).sorted()


__all__ = ["CallSite", "InputError", "scan"]
