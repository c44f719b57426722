"""appaudit/static/manifest.py: identity, permissions, components, self-start receivers, cleartext policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apkfactory import build_apk, manifest

from appaudit import permissions
from appaudit.model import Report
from appaudit.static import apk
from appaudit.static import manifest as mf
from appaudit.static.scan import scan


@pytest.fixture(scope="module")
def demo(demo_apk: Path) -> mf.Manifest:
    return mf.parse(apk.unpack(demo_apk).parts)


def test_identity_and_sdk_levels(demo: mf.Manifest) -> None:
    assert (demo.package, demo.version_name, demo.version_code, demo.min_sdk, demo.target_sdk) == (
        "com.t.app", "1.2.3", "7", 21, 30)  # fmt: skip


def test_permissions_carry_protection_level_and_max_sdk(demo: mf.Manifest) -> None:
    by = {p.name: p for p in demo.permissions}
    assert by["android.permission.READ_PHONE_STATE"].protection_level == "dangerous"
    assert by["android.permission.WRITE_EXTERNAL_STORAGE"].max_sdk == 28
    assert by["android.permission.QUERY_ALL_PACKAGES"].play_restricted
    for p in demo.permissions:  # levels come from the permission table, not from code
        assert p.protection_level == permissions.lookup(p.name).protection_level
    assert demo.custom_permissions == (("com.t.app.permission.PUSH", "signature"),)


def test_components_exported_state_and_self_start(demo: mf.Manifest) -> None:
    by = {c.name: c for c in demo.components}
    main = by["com.t.app.MainActivity"]
    assert main.exported and main.exported_explicit and "android.intent.action.MAIN" in main.actions
    boot = by["com.t.app.BootReceiver"]
    # no android:exported but an intent-filter: exported (pre-API 31 rule)
    assert boot.exported and not boot.exported_explicit
    assert boot.self_start == ("android.intent.action.BOOT_COMPLETED",)
    assert not by["com.umeng.message.UmengIntentService"].exported
    assert by["com.t.app.Files"].authorities == "com.t.app.files"
    assert all(not c.self_start for c in demo.components if c.type is not mf.ComponentType.RECEIVER)


def test_meta_data_and_queries(demo: mf.Manifest) -> None:
    assert ("UMENG_APPKEY", "5f0000000000000000000000") in demo.meta_data
    assert demo.queries["packages"] == ["com.tencent.mm"]


def test_network_security_config_is_resolved_through_resources(demo: mf.Manifest) -> None:
    assert demo.network is not None
    assert demo.network.to_dict() == {
        "cleartext_permitted": False,
        "source": "network-security-config",
        "config_file": "res/xml/nsc.xml",
        "cleartext_domains": ["example.com"],
        "user_cas_trusted": False,
    }


@pytest.mark.parametrize(
    "attrs, target, expected",
    [("", "27", (True, "default for targetSdk 27")), ("", "30", (False, "default for targetSdk 30")),
     ('android:usesCleartextTraffic="true"', "30", (True, "usesCleartextTraffic"))],
)  # fmt: skip
def test_cleartext_defaults(tmp_path: Path, attrs: str, target: str, expected: tuple[bool, str]) -> None:
    text = manifest("com.t.c", app_attrs=attrs).replace('targetSdkVersion="30"', f'targetSdkVersion="{target}"')
    m = mf.parse(apk.unpack(build_apk(tmp_path, text)).parts)
    assert m.network is not None and (m.network.cleartext_permitted, m.network.source) == expected


def test_self_start_actions_are_data() -> None:
    actions = mf.self_start_actions()
    assert {"android.intent.action.BOOT_COMPLETED", "android.intent.action.LOCKED_BOOT_COMPLETED",
            "android.net.conn.CONNECTIVITY_CHANGE", "android.intent.action.USER_PRESENT",
            "android.intent.action.PACKAGE_ADDED"} <= set(actions)  # fmt: skip
    assert all(why for why in actions.values())


def test_corpus_manifests(corpus_reports: dict[str, Report]) -> None:
    for name, report in corpus_reports.items():
        m: dict[str, Any] = report.sections["static"]["manifest"]
        assert m["package"] and report.app.package == m["package"], name
        assert m["target_sdk"] and m["min_sdk"], name
        assert m["components"], name
        perms = report.sections["static"]["permissions"]
        # An app may request no permission at all (the Tinker test app in the corpus).
        assert all(p["protection_level"] in permissions.LEVELS for p in perms), name
    mob = corpus_reports["MobClub__MobPush-for-Android__MobPush.apk"].sections["static"]["manifest"]
    assert any(c["self_start"] for c in mob["components"] if c["type"] == "receiver")


def test_hms_demo_declares_cleartext(corpus_reports: dict[str, Report]) -> None:
    rep = corpus_reports["HMS-Core__hms-ads-demo-java__HuaweiAdsSdk_Demo_13.4.56.300_release.apk"]
    net = rep.sections["static"]["manifest"]["network_security"]
    assert net["cleartext_permitted"] is True and net["source"] == "usesCleartextTraffic"


def test_clean_caps_and_strips() -> None:
    assert mf.clean("a\u202eb\x00c\u200b") == "abc"
    assert len(mf.clean("x" * 10_000)) == mf.MAX_STRING + 1


def test_scan_report_manifest_matches_parse(demo_apk: Path, demo: mf.Manifest) -> None:
    assert scan(demo_apk).sections["static"]["manifest"] == demo.to_dict()


@pytest.mark.parametrize("raw, text", [("0x00000002", "signature"), ("0x00000012", "signature|privileged"),
                                       ("0x00000001", "dangerous"), ("", "normal"), ("normal", "normal")])  # fmt: skip
def test_protection_level_decoding(raw: str, text: str) -> None:
    assert mf.protection_level(raw) == text


def test_network_security_config_picked_through_resources_arsc(tmp_path: Path) -> None:
    # Two configs in res/xml: only resources.arsc says which one the manifest's @xml/b reference names.
    permissive = ('<network-security-config><base-config cleartextTrafficPermitted="true"/>'
                  "</network-security-config>")  # fmt: skip
    strict = (
        '<network-security-config><base-config cleartextTrafficPermitted="false">'
        '<trust-anchors><certificates src="user"/></trust-anchors></base-config></network-security-config>'
    )
    for ref, expected in (("a", True), ("b", False)):
        out = tmp_path / ref
        out.mkdir()
        text = manifest("com.t.n", app_attrs=f'android:networkSecurityConfig="@xml/{ref}"')
        m = mf.parse(apk.unpack(build_apk(out, text, res_xml={"a.xml": permissive, "b.xml": strict})).parts)
        assert m.network is not None
        assert (m.network.config_file, m.network.cleartext_permitted) == (f"res/xml/{ref}.xml", expected)
        assert m.network.user_cas_trusted is (ref == "b")
