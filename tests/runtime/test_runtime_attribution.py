"""appaudit.runtime.attribution: first non-framework frame -> SDK (longest prefix), app or unknown."""

from __future__ import annotations

import pytest

from appaudit.runtime.attribution import attribute, first_caller, frame_class
from appaudit.signatures import Catalogue
from appaudit.signatures import load as load_signatures
from appaudit.static import sdks
from appaudit.static.sdks import FirstParty


def own(package: str) -> FirstParty:
    return FirstParty(own=(package,))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_signatures()


def test_frame_class() -> None:
    assert frame_class("com.x.Y.m(Y.java:12)") == "com.x.Y"
    assert frame_class("java.base/java.lang.Thread.run(Thread.java:833)") == "java.lang.Thread"
    assert frame_class("a.b.c$Inner.<init>(Unknown Source)") == "a.b.c$Inner"
    assert frame_class("0x7f00 libc.so.6!open+0x10") is None


def test_framework_and_harness_frames_are_skipped() -> None:
    stack = [
        "android.net.wifi.WifiInfo.toString(WifiInfo.java:17)",
        "jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
        "java.lang.reflect.Method.invoke(Method.java:569)",
        "kotlin.collections.X.y(X.kt:1)",
        "com.android.internal.Z.z(Z.java:1)",
        "appaudit.harness.Main.step(Main.java:91)",
        "cn.jpush.android.helper.ReportHelper.report(Unknown Source)",
    ]
    assert first_caller(stack) == "cn.jpush.android.helper.ReportHelper"


def test_longest_prefix_wins(catalogue: Catalogue) -> None:
    # com.umeng.message is umeng-push although com.umeng.* also has analytics packages.
    assert attribute(["com.umeng.message.PushAgent.register(Unknown Source)"], catalogue, own("com.x")) == "umeng-push"
    assert attribute(
        ["com.umeng.commonsdk.statistics.common.DeviceConfig.a(Unknown Source)"], catalogue, own("com.x")
    ) == ("umeng-analytics")
    assert attribute(
        ["com.amap.api.location.AMapLocationClient.startLocation(Native Method)"], catalogue, own("x")
    ) == ("amap-location")


def test_app_and_unknown(catalogue: Catalogue) -> None:
    assert (
        attribute(
            ["com.appaudit.demo.news.Startup.afterConsent(Unknown Source)"], catalogue, own("com.appaudit.demo.news")
        )
        == "app"
    )
    # Obfuscated SDK code outside the app package: honest "unknown".
    assert attribute(["a.b.c.a.a(Unknown Source)"], catalogue, own("com.appaudit.demo.obfuscated")) == "unknown"
    # A package that merely starts like the app's is not the app.
    assert (
        attribute(["com.appaudit.demo.newsfeed.X.y(Unknown Source)"], catalogue, own("com.appaudit.demo.news"))
        == "unknown"
    )
    assert attribute([], catalogue, own("com.x")) == "unknown"
    assert attribute(["com.x.A.b(A.java:1)"], None, own("com.x")) == "app"


def test_native_frames_by_library(catalogue: Catalogue) -> None:
    assert attribute(["0x7f00 libjcore210.so!Java_cn_jiguang_x+0x10"], catalogue, own("com.x")) == "jpush"
    assert attribute(["0x7f00 libc.so.6!open+0x10"], catalogue, own("com.x")) == "unknown"


def test_the_same_actor_as_the_static_side(catalogue: Catalogue) -> None:
    """A vendor's demo app (com.appsflyer.androidsampleapp) is the app, not the vendor's SDK, as a static call site
    in it is; code in another unclaimed component's package is the app's; the SDK's own code stays the SDK's."""
    demo = FirstParty(own=("com.appsflyer.androidsampleapp",), extra=("com.library.pay.wechat",))
    assert attribute(["com.appsflyer.androidsampleapp.MainActivity.onCreate(Unknown Source)"], catalogue, demo) == "app"
    assert attribute(["com.appsflyer.internal.AFa1xSDK.a(Unknown Source)"], catalogue, demo) == "appsflyer"
    assert attribute(["com.library.pay.wechat.Pay.go(Unknown Source)"], catalogue, demo) == "app"
    for cls in ("com.appsflyer.androidsampleapp.MainActivity", "com.appsflyer.internal.AFa1xSDK", "a.b.c"):
        assert attribute([f"{cls}.m(Unknown Source)"], catalogue, demo) == sdks.actor(catalogue, cls, demo)
