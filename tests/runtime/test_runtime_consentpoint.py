"""appaudit.runtime.consentpoint: the consent point of a sample app and of real APKs that are not ours."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES

from appaudit.runtime import consentpoint
from appaudit.static import apk as apkfmt
from appaudit.static import dex as dexfmt
from appaudit.static import manifest as static_manifest


def _find(path: Path) -> consentpoint.ConsentPoint | None:
    u = apkfmt.unpack(path)
    package = static_manifest.parse(u.parts).package
    return consentpoint.find([dexfmt.load(data, name) for name, data in u.dex], package)


def test_sample_app_keeps_the_contract_method() -> None:
    point = _find(SAMPLES / "demo-preconsent" / "demo-preconsent.apk")
    assert point is not None
    assert point.target == "com.appaudit.demo.preconsent.PrivacyDialog.onAgree"
    assert "contract" in point.how


def test_the_sdk_api_list_is_data() -> None:
    apis, pattern = consentpoint._config()
    assert any(a.method == "submitPolicyGrantResult" and a.grant for a in apis)
    assert pattern.search("privacy_agreed") and pattern.search("是否同意隐私协议") and not pattern.search("theme")


def test_real_apk_consent_point_is_the_apps_own_agreement_write(shared_dir: Path) -> None:
    """HMS ads demo: its consent dialog writes the 'consent' key; the SDK's own pref writes do not count."""
    hms = "HMS-Core__hms-ads-demo-java__HuaweiAdsSdk_Demo_13.4.56.300_release.apk"
    point = _find(shared_dir / "corpus" / "apks" / hms)
    assert point is not None and "agreement key" in point.how
    assert point.target.startswith("com.huawei.hms.ads.sdk.dialogs.")
    assert not any(c.startswith("com.huawei.hms.ads.consent.") for c in (point.target, *point.candidates))


@pytest.mark.parametrize(
    "apk",
    ["MobClub__MobPush-for-Android__MobPush.apk", "HuangChinChieh__StartWang__PushDemo.apk"],
)
def test_sdk_bookkeeping_is_not_a_consent_point(shared_dir: Path, apk: str) -> None:
    assert _find(shared_dir / "corpus" / "apks" / apk) is None
