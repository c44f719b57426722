"""appaudit/sdkcheck.py: the catalogue checker, on the bundled catalogue (in CI) and on planted mistakes."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from appaudit import sdkcheck, signatures
from appaudit.signatures import LIST_FIELDS, Catalogue, Rules, Signature

ROOT = Path(__file__).resolve().parents[1]


def _sample_apps() -> list[sdkcheck.AppClasses]:
    return [sdkcheck.app_classes(p.name, p) for p in sorted((ROOT / "sample_apks").glob("*/*.apk"))]


def _bundled() -> tuple[Catalogue, Rules, dict[str, dict[str, str]]]:
    d = signatures.default_dir()
    doc = tomllib.loads((d / "_rules.toml").read_text(encoding="utf-8"))
    return signatures.load(), signatures.load_rules(d), sdkcheck.justifications(doc)


def _problems(report: sdkcheck.CheckReport) -> list[tuple[str, str, str]]:
    return [(p.check, p.sdk, p.value) for p in report.errors]


def test_bundled_catalogue_on_sample_apps_and_look_alikes() -> None:
    cat, rules, why = _bundled()
    apps = _sample_apps()
    report = sdkcheck.check(cat, rules, why, apps)
    # Justifications of vendor demo apps in the corpus are stale without it (the corpus test checks them).
    assert [p for p in _problems(report) if p[0] != "stale"] == []
    assert report.synthetic > 5 * sum(len(s.packages) for s in cat) // 2
    assert all(p.justified.strip() for p in report.problems if p.check != "stale")


def test_bundled_catalogue_on_the_corpus(shared_dir: Path) -> None:
    """Every signature against the class names of every real APK: no unjustified vendor root (an app's
    own package under an SDK prefix included) and no unjustified overlap."""
    cat, rules, why = _bundled()
    apks = sorted((shared_dir / "corpus" / "apks").glob("*.apk"))
    assert len(apks) >= 16
    apps = [sdkcheck.app_classes(p.name, p) for p in apks] + _sample_apps()
    report = sdkcheck.check(cat, rules, why, apps)
    assert _problems(report) == []
    summary = report.summary(cat)
    assert summary["entries_matched_in_apps"] >= 50 and summary["apps"] == len(apps)


def _sig(sid: str, vendor: str = "V", **kw: Any) -> Signature:
    fields: dict[str, Any] = {f: () for f in LIST_FIELDS}
    fields.update({k: tuple(v) for k, v in kw.items()})
    fields["provenance"] = ("curated",)
    return Signature(id=sid, name=sid, vendor=vendor, category="ads", privacy_url="", collects=True, **fields)


def test_planted_mistakes_are_found_and_justifications_excuse_them() -> None:
    cat = Catalogue([
        _sig("map", "AutoNavi", packages=["com.autonavi"]),          # vendor root over location's prefix
        _sig("location", "AutoNavi", packages=["com.autonavi.aps"]),
        _sig("hosts-only", "X", hosts=["t.example.com"]),
        _sig("demo-vendor", "Acme", packages=["cn.acme.sdk"]),
    ])  # fmt: skip
    rules = Rules(vendor_roots=frozenset(), short_prefixes=frozenset())
    apps = [sdkcheck.AppClasses("demo.apk", "cn.acme.sdk.demo", ("cn.acme.sdk.demo.Main", "cn.acme.sdk.Core"))]
    report = sdkcheck.check(cat, rules, {}, apps)
    got = {(p.check, p.sdk, p.value) for p in report.errors}
    assert {("vendor-root", "map", "com.autonavi"), ("overlap", "map", "com.autonavi"),
            ("hint-only", "hosts-only", "hosts-only"),
            ("vendor-root", "demo-vendor", "cn.acme.sdk")} <= got  # fmt: skip
    assert report.matched_in_apps == {"demo-vendor": 1}
    why = {"overlap": {"com.autonavi": "because"}, "vendor_root": {"com.autonavi": "because", "org.gone": "old"},
           "hint_only": {}}  # fmt: skip
    report = sdkcheck.check(cat, rules, why, apps)
    excused = {(p.check, p.value) for p in report.problems if p.justified}
    assert excused == {("overlap", "com.autonavi"), ("vendor-root", "com.autonavi")}
    assert ("stale", "", "org.gone") in {(p.check, p.sdk, p.value) for p in report.errors}


def test_look_alikes_lie_outside_the_prefix() -> None:
    for la in sdkcheck.look_alikes("com.umeng.analytics"):
        assert not signatures.under(la, "com.umeng.analytics")
    cat = Catalogue([_sig("um", packages=["com.umeng.analytics"])])
    assert all(cat.match_class(la) is None for la in sdkcheck.look_alikes("com.umeng.analytics"))


@pytest.mark.parametrize("vendor, key", [("Tencent (腾讯)", "tencent"), ("AutoNavi (高德软件, Alibaba)", "autonavi"),
                                         ("", "")])  # fmt: skip
def test_vendor_key_is_the_organisation(vendor: str, key: str) -> None:
    assert sdkcheck._vendor_key(vendor, frozenset({"sdk"})) == key
