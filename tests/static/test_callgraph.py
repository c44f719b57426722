"""appaudit/static/callgraph.py: reachability from manifest entry points and attribution through SDK entries."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from appaudit.model import Report
from appaudit.static import callgraph, dex


def _by_class(report: Report) -> dict[str, dict[str, Any]]:
    return {s["caller_class"] + ":" + s["api"]: s for s in report.sections["static"]["call_sites"]}


def test_app_code_reached_from_the_launcher_activity(demo_report: Report) -> None:
    s = _by_class(demo_report)['com.t.app.Helper:Settings$Secure.getString(…"android_id")']
    assert s["reachable"] and s["actor"] == "app"
    assert s["entry"]["component"] == "com.t.app.MainActivity" and s["entry"]["sdk_entry"] is None
    assert s["entry"]["path"][0].startswith("Lcom/t/app/MainActivity;->onCreate")
    assert s["entry"]["path"][-1].startswith("Lcom/t/app/Helper;->collect")


def test_callback_reached_through_construction(demo_report: Report) -> None:
    # Task.run() is never invoked by name: the framework calls it on the Runnable that Helper constructs.
    s = _by_class(demo_report)["com.t.app.Task:TelephonyManager.getDeviceId()"]
    assert s["reachable"]
    assert [p.split("->")[1].split("(")[0] for p in s["entry"]["path"]] == ["onCreate", "collect", "<init>", "run"]


def test_class_loaded_by_name_is_reached(demo_report: Report) -> None:
    # Helper holds "com.t.app.Hidden" for Class.forName: Hidden's constructor, then its methods, are reachable.
    s = _by_class(demo_report)["com.t.app.Hidden:TelephonyManager.getLine1Number()"]
    assert s["reachable"]
    assert [p.split("->")[1].split("(")[0] for p in s["entry"]["path"]] == ["onCreate", "collect", "<init>", "secret"]


def test_class_named_in_meta_data_is_an_entry_point(demo_report: Report) -> None:
    # Firebase instantiates the ComponentRegistrar named in a meta-data key.
    s = _by_class(demo_report)["com.t.app.Registrar:TelephonyManager.getSimOperator()"]
    assert s["reachable"] and s["entry"]["component"] == "com.t.app.Registrar"
    assert s["entry"]["component_type"] == "meta-data"


def test_sdk_call_site_names_its_sdk_entry(demo_report: Report) -> None:
    s = _by_class(demo_report)["com.umeng.analytics.pro.Inner:TelephonyManager.getImei()"]
    assert s["actor"] == "umeng-analytics" and s["reachable"] and not s["sdk_internal"]
    assert s["entry"]["sdk_entry"] == "com.umeng.commonsdk.UMConfigure.init(Landroid/content/Context;)V"


def test_unreachable_sdk_code_is_marked_not_hidden(demo_report: Report) -> None:
    s = _by_class(demo_report)["com.umeng.analytics.pro.Dead:WifiInfo.getMacAddress()"]
    assert not s["reachable"] and s["entry"] is None and s["sdk_internal"]
    plugin = _by_class(demo_report)["com.t.plugin.Plugin:TelephonyManager.getSubscriberId()"]
    # a class outside the app's namespaces that the catalogue does not know: "unknown", not guessed
    assert not plugin["reachable"] and plugin["actor"] == "unknown" and plugin["sdk_internal"]


@pytest.fixture(scope="module")
def demo_graph(demo_apk: Path) -> callgraph.CallGraph:
    with zipfile.ZipFile(demo_apk) as z:
        d = dex.load(z.read("classes.dex"), "classes.dex")
    defined = {c.descriptor for c in d.classes}
    edge_to = bytearray(1 if d.types[c] in defined else 0 for c, _p, _n in d.method_ids)
    dex.scan_code(d, edge_to=edge_to, site_at=bytearray(len(d.method_ids)), string_at=bytearray(len(d.strings)),
                  field_at=bytearray(len(d.field_ids)))  # fmt: skip
    return callgraph.build([d], [callgraph.EntryPoint("com.t.app.MainActivity", "activity", True)])


def _node(g: callgraph.CallGraph, cls: str, name: str) -> int:
    d = g.dexes[0]
    for m in range(d.method_count):
        c, n, _p = d.method_key(d.m_mid[m])
        if (c, n) == (cls, name):
            return g.node(0, m)
    raise AssertionError((cls, name))


def test_attribution_graph_is_a_networkx_tree_of_paths(demo_graph: callgraph.CallGraph) -> None:
    target = _node(demo_graph, "Lcom/umeng/analytics/pro/Inner;", "read")
    dead = _node(demo_graph, "Lcom/umeng/analytics/pro/Dead;", "mac")
    assert demo_graph.reachable(target) and not demo_graph.reachable(dead)
    tree = demo_graph.attribution_graph([target, dead])
    assert isinstance(tree, nx.DiGraph) and nx.is_tree(tree.to_undirected())
    path = nx.shortest_path(tree, callgraph.ROOT, target)
    assert tree.nodes[path[1]]["entry"].name == "com.t.app.MainActivity"
    assert [tree.nodes[n]["label"].split("->")[1].split("(")[0] for n in path[2:]] == ["onCreate", "init", "read"]
    assert dead not in tree


def test_no_entry_points_means_nothing_reachable(demo_graph: callgraph.CallGraph) -> None:
    g = callgraph.build(demo_graph.dexes, [])
    assert all(p == -1 for p in g.parent)


def test_corpus_reachability_is_partial(corpus_reports: dict[str, Report]) -> None:
    for name, report in corpus_reports.items():
        sites = report.sections["static"]["call_sites"]
        reach = sum(s["reachable"] for s in sites)
        assert 0 < reach <= len(sites), name
        for s in sites:
            if s["reachable"]:
                assert s["entry"]["component"] and s["entry"]["path"], name
                if s["actor"] not in ("app", "unknown"):
                    assert s["entry"]["sdk_entry"], (name, s["locator"])
