"""appaudit.runtime.attribution: first non-framework frame -> SDK (longest prefix), app or unknown."""

from __future__ import annotations

import pytest

from appaudit.runtime.attribution import attribute, first_caller, frame_class
from appaudit.signatures import Catalogue
from appaudit.signatures import load as load_signatures


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
    assert attribute(["com.umeng.message.PushAgent.register(Unknown Source)"], catalogue, "com.x") == "umeng-push"
    assert attribute(["com.umeng.commonsdk.statistics.common.DeviceConfig.a(Unknown Source)"], catalogue, "com.x") == (
        "umeng-analytics"
    )
    assert attribute(["com.amap.api.location.AMapLocationClient.startLocation(Native Method)"], catalogue, "x") == (
        "amap-location"
    )


def test_app_and_unknown(catalogue: Catalogue) -> None:
    assert (
        attribute(["com.appaudit.demo.news.Startup.afterConsent(Unknown Source)"], catalogue, "com.appaudit.demo.news")
        == "app"
    )
    # Obfuscated SDK code outside the app package: honest "unknown".
    assert attribute(["a.b.c.a.a(Unknown Source)"], catalogue, "com.appaudit.demo.obfuscated") == "unknown"
    # A package that merely starts like the app's is not the app.
    assert (
        attribute(["com.appaudit.demo.newsfeed.X.y(Unknown Source)"], catalogue, "com.appaudit.demo.news") == "unknown"
    )
    assert attribute([], catalogue, "com.x") == "unknown"
    assert attribute(["com.x.A.b(A.java:1)"], None, "com.x") == "app"


def test_native_frames_by_library(catalogue: Catalogue) -> None:
    assert attribute(["0x7f00 libjcore210.so!Java_cn_jiguang_x+0x10"], catalogue, "com.x") == "jpush"
    assert attribute(["0x7f00 libc.so.6!open+0x10"], catalogue, "com.x") == "unknown"
