"""Corpus acceptance for the signature catalogue: every `must` SDK of shared/corpus/apks/labels.json
is resolvable from the classes, manifest components and native libraries of its real APK, and no
`forbid` fires.

Class names come from appaudit's own DEX reader (defined classes only), the manifest from androguard's
AXML parser, native libraries from the zip listing. The app's own package is passed as
`app_package`, so first-party code is never attributed to an SDK by prefix.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from appaudit import signatures
from appaudit.static import dex
from appaudit.static.callsites import dotted

NS = "{http://schemas.android.com/apk/res/android}"
COMPONENT_TAGS = ("activity", "activity-alias", "service", "receiver", "provider")


@dataclass(frozen=True)
class ApkFacts:
    package: str
    classes: tuple[str, ...]
    components: tuple[str, ...]
    meta_data: tuple[str, ...]
    actions: tuple[str, ...]
    native_libs: tuple[str, ...]


def _manifest(raw: bytes) -> tuple[str, list[str], list[str], list[str]]:
    from androguard.core.axml import AXMLPrinter
    from loguru import logger

    logger.disable("androguard")  # androguard logs every attribute at DEBUG level
    root = AXMLPrinter(raw).get_xml_obj()
    package = root.get("package") or ""
    comps, metas, actions = [], [], []
    for el in root.iter():
        name = el.get(NS + "name") or ""
        if el.tag in COMPONENT_TAGS and name:
            comps.append(package + name if name.startswith(".") else name if "." in name else f"{package}.{name}")
        elif el.tag == "meta-data" and name:
            metas.append(name)
        elif el.tag == "action" and name:
            actions.append(name)
    return package, comps, metas, actions


def read_apk(path: Path) -> ApkFacts:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        classes: list[str] = []
        for n in names:
            if n.startswith("classes") and n.endswith(".dex"):
                classes += [dotted(c.descriptor) for c in dex.load(zf.read(n), f"{path.name}!{n}").classes]
        package, comps, metas, actions = _manifest(zf.read("AndroidManifest.xml"))
    libs = sorted({n.rsplit("/", 1)[-1] for n in names if n.startswith("lib/") and n.endswith(".so")})
    return ApkFacts(package, tuple(classes), tuple(comps), tuple(metas), tuple(actions), tuple(libs))


def attribute(cat: signatures.Catalogue, apk: ApkFacts) -> dict[str, list[str]]:
    """SDK id -> the evidence values that matched it."""
    hits: dict[str, list[str]] = {}
    probes = [
        *((signatures.Kind.CLASS, c) for c in apk.classes),
        *((signatures.Kind.COMPONENT, c) for c in apk.components),
        *((signatures.Kind.META_DATA, m) for m in apk.meta_data),
        *((signatures.Kind.ACTION, a) for a in apk.actions),
        *((signatures.Kind.NATIVE_LIB, lib) for lib in apk.native_libs),
    ]
    for kind, value in probes:
        sig = cat.match(kind, value, app_package=apk.package)
        if sig is not None:
            hits.setdefault(sig.id, []).append(value)
    return hits


def _labels(shared: Path) -> dict[str, dict[str, list[dict[str, object]]]]:
    raw = json.loads((shared / "corpus" / "apks" / "labels.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _under(value: str, prefix: str) -> bool:
    return value == prefix or value.startswith(prefix + ".") or value.startswith(prefix + "$")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> dict[str, tuple[dict[str, list[dict[str, object]]], ApkFacts]]:
    labels = _labels(shared_dir)
    assert len(labels) >= 8
    return {name: (lab, read_apk(shared_dir / "corpus" / "apks" / name)) for name, lab in labels.items()}


def test_every_must_is_resolvable_and_no_forbid_fires(
    corpus: dict[str, tuple[dict[str, list[dict[str, object]]], ApkFacts]],
) -> None:
    cat = signatures.load()
    checked = 0
    for apk_name, (lab, apk) in corpus.items():
        assert apk.classes, apk_name
        hits = attribute(cat, apk)
        for must in lab["must"]:
            prefixes = [str(p) for p in must["prefixes"]]  # type: ignore[attr-defined]
            ok = [sid for sid, values in hits.items() if any(_under(v, p) or v == p for p in prefixes for v in values)]
            assert ok, f"{apk_name}: no signature matches evidence of {must['sdk']} under {prefixes}"
            checked += 1
        for forbid in lab.get("forbid", []):
            names = [str(n).lower() for n in forbid.get("names", [])]  # type: ignore[attr-defined]
            prefixes = [str(p) for p in forbid.get("prefixes", [])]  # type: ignore[attr-defined]
            for sid, values in hits.items():
                sig = cat.get(sid)
                assert sig.name.lower() not in names and sid not in names, (apk_name, sid)
                only_forbidden = all(any(_under(v, p) for p in prefixes) for v in values)
                assert not (prefixes and only_forbidden), (apk_name, sid, values[:3])
    assert checked >= 20


def test_first_party_code_is_never_attributed(
    corpus: dict[str, tuple[dict[str, list[dict[str, object]]], ApkFacts]],
) -> None:
    cat = signatures.load()
    for apk_name, (_lab, apk) in corpus.items():
        own = [c for c in apk.classes if _under(c, apk.package)]
        assert all(cat.match_class(c, app_package=apk.package) is None for c in own), apk_name
    # The Bugly demo's own package (com.tencent.bugly.hotfix) lies under the Bugly prefix: without
    # app_package its classes would be Bugly's, with it they are the app's.
    bugly = next(f for n, (_l, f) in corpus.items() if n.startswith("BuglyDevTeam"))
    demo = [c for c in bugly.classes if c.startswith(bugly.package + ".")]
    assert demo
    assert cat.match_class(demo[0]) is cat.get("bugly")
    assert cat.match_class(demo[0], app_package=bugly.package) is None


def test_chinese_push_stack_of_mobpush_demo(
    corpus: dict[str, tuple[dict[str, list[dict[str, object]]], ApkFacts]],
) -> None:
    _lab, apk = next(v for n, v in corpus.items() if n.startswith("MobClub"))
    hits = attribute(signatures.load(), apk)
    for sid in ("mobpush", "mobtech-core", "huawei-push", "xiaomi-push", "meizu-push", "vivo-push", "oppo-push"):
        assert sid in hits, sid


def test_sdk_rows_of_a_real_chinese_policy_resolve(shared_dir: Path) -> None:
    """The SDK list of the jiamai app (shared/corpus/policies) names its SDKs the way Chinese
    policies do: vendor push channels ("华为通道SDK"), game joint-operation SDKs ("小米联运SDK")."""
    labels = json.loads((shared_dir / "corpus" / "policies" / "labels.json").read_text(encoding="utf-8"))
    rows = [r["name"] for r in labels["jiamai"]["sdk_rows"]]
    cat = signatures.load()
    got = {name: (s.id if (s := cat.match_policy_name(name)) else None) for name in rows}
    expected = {
        "支付宝客户端 SDK": "alipay",
        "极光推送SDK": "jpush",
        "华为联运SDK": "huawei-game",
        "小米联运SDK": "xiaomi-game",
        "vivo联运SDK": "vivo-unionsdk",
        "华为通道SDK": "huawei-push",
        "小米通道SDK": "xiaomi-push",
        "vivo通道SDK": "vivo-push",
        "OPPO通道SDK": "oppo-push",
        "魅族通道SDK": "meizu-push",
        "荣耀通道SDK": "honor-push",
        "GSON": "gson",
    }
    for name, sdk_id in expected.items():
        assert got.get(name) == sdk_id, (name, got.get(name))
    # "谷歌" (Google) and "chromium" name a company and a browser engine, not one SDK.
    assert got.get("谷歌") is None
