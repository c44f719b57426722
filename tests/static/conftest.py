"""Session fixtures for the static tests: corpus scans (each APK scanned once) and a built demo APK."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from appaudit.model import Report
from appaudit.static.scan import scan

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "benchmarks"))

from apkfactory import build_apk, manifest  # noqa: E402

DEMO_SMALI: dict[str, str] = {
    "com/t/app/MainActivity.smali": """
.class public Lcom/t/app/MainActivity;
.super Landroid/app/Activity;
.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 3
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-static {p0}, Lcom/t/app/Helper;->collect(Landroid/content/Context;)V
    invoke-static {p0}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;)V
    return-void
.end method
""",
    "com/t/app/Helper.smali": """
.class public Lcom/t/app/Helper;
.super Ljava/lang/Object;
.method public static collect(Landroid/content/Context;)V
    .registers 4
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const-string v1, "android_id"
    invoke-static {v0, v1}, @GETSTRING@
    const-string v1, "bluetooth_address"
    invoke-static {v0, v1}, @GETSTRING@
    const-string v1, "android_id"
    const/4 v1, 0x0
    invoke-static {v0, v1}, @GETSTRING@
    const-string v2, "lock_pattern_autolock"
    invoke-static {v0, v2}, @GETSTRING@
    const-class v0, Landroid/os/Build;
    const-string v1, "SERIAL"
    invoke-virtual {v0, v1}, Ljava/lang/Class;->getDeclaredField(Ljava/lang/String;)Ljava/lang/reflect/Field;
    sget-object v0, Landroid/os/Build;->SERIAL:Ljava/lang/String;
    const-string v0, "/proc/net/arp"
    new-instance v0, Lcom/t/app/Task;
    invoke-direct {v0}, Lcom/t/app/Task;-><init>()V
    const-string v0, "com.t.app.Hidden"
    invoke-static {v0}, Ljava/lang/Class;->forName(Ljava/lang/String;)Ljava/lang/Class;
    const/4 v0, 0x0
    const-string v1, "network"
    invoke-virtual {v0, v1}, @LASTKNOWN@
    return-void
.end method
""",
    "com/t/app/Task.smali": """
.class public Lcom/t/app/Task;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;
@OBJECT_INIT@
.method public run()V
    .registers 3
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    const/4 v1, 0x1
    packed-switch v1, :pswitch_data
    :pswitch_0
    invoke-virtual {v0, v1}, @LASTKNOWN@
    return-void
    :pswitch_data
    .packed-switch 0x0
        :pswitch_0
    .end packed-switch
.end method
""",
    "com/t/app/Hidden.smali": """
.class public Lcom/t/app/Hidden;
.super Ljava/lang/Object;
@OBJECT_INIT@
.method public secret()V
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;
    return-void
.end method
""",
    "com/t/app/Registrar.smali": """
.class public Lcom/t/app/Registrar;
.super Ljava/lang/Object;
@OBJECT_INIT@
.method public getComponents()Ljava/util/List;
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSimOperator()Ljava/lang/String;
    return-object v0
.end method
""",
    "com/umeng/commonsdk/UMConfigure.smali": """
.class public Lcom/umeng/commonsdk/UMConfigure;
.super Ljava/lang/Object;
.method public static init(Landroid/content/Context;)V
    .registers 1
    invoke-static {}, Lcom/umeng/analytics/pro/Inner;->read()V
    return-void
.end method
""",
    "com/umeng/analytics/pro/Inner.smali": """
.class public Lcom/umeng/analytics/pro/Inner;
.super Ljava/lang/Object;
.method public static read()V
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getImei()Ljava/lang/String;
    const-string v1, "https://alog.umeng.com/app_logs"
    return-void
.end method
""",
    "com/umeng/analytics/pro/Dead.smali": """
.class public Lcom/umeng/analytics/pro/Dead;
.super Ljava/lang/Object;
.method public static mac()V
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;
    return-void
.end method
""",
}

# Long method references and the no-arg Object constructor, substituted to keep the sources short.
_REFS = {
    "@OBJECT_INIT@": ".method public constructor <init>()V\n    .registers 1\n"
    "    invoke-direct {p0}, Ljava/lang/Object;-><init>()V\n    return-void\n.end method",
    "@GETSTRING@": "Landroid/provider/Settings$Secure;->"
    "getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;",
    "@LASTKNOWN@": "Landroid/location/LocationManager;->"
    "getLastKnownLocation(Ljava/lang/String;)Landroid/location/Location;",
}
for _k, _v in DEMO_SMALI.items():
    for _ref, _full in _REFS.items():
        _v = _v.replace(_ref, _full)
    DEMO_SMALI[_k] = _v

PLUGIN_SMALI = {
    "com/t/plugin/Plugin.smali": """
.class public Lcom/t/plugin/Plugin;
.super Ljava/lang/Object;
.method public static imsi()V
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSubscriberId()Ljava/lang/String;
    return-void
.end method
"""
}

DEMO_MANIFEST = manifest(
    "com.t.app",
    top="""
  <uses-permission android:name="android.permission.READ_PHONE_STATE"/>
  <uses-permission android:name="android.permission.ACCESS_FINE_LOCATION"/>
  <uses-permission android:name="android.permission.WRITE_EXTERNAL_STORAGE" android:maxSdkVersion="28"/>
  <uses-permission android:name="android.permission.QUERY_ALL_PACKAGES"/>
  <permission android:name="com.t.app.permission.PUSH" android:protectionLevel="signature"/>
  <queries><package android:name="com.tencent.mm"/></queries>
""",
    app_attrs='android:networkSecurityConfig="@xml/nsc"',
    body="""
    <activity android:name=".MainActivity" android:exported="true">
      <intent-filter><action android:name="android.intent.action.MAIN"/>
      <category android:name="android.intent.category.LAUNCHER"/></intent-filter>
    </activity>
    <receiver android:name=".BootReceiver">
      <intent-filter><action android:name="android.intent.action.BOOT_COMPLETED"/></intent-filter>
    </receiver>
    <service android:name="com.umeng.message.UmengIntentService" android:exported="false"/>
    <provider android:name=".Files" android:authorities="com.t.app.files" android:exported="false"/>
    <meta-data android:name="UMENG_APPKEY" android:value="5f0000000000000000000000"/>
    <meta-data android:name="com.google.firebase.components:com.t.app.Registrar"
               android:value="com.google.firebase.components.ComponentRegistrar"/>
""",
)

DEMO_NSC = """<?xml version="1.0" encoding="utf-8"?>
<network-security-config>
  <base-config cleartextTrafficPermitted="false"/>
  <domain-config cleartextTrafficPermitted="true"><domain includeSubdomains="true">example.com</domain></domain-config>
</network-security-config>
"""


def plugin_zip(tmp: Path) -> bytes:
    """A zip holding a classes.dex, as packers and plugin frameworks keep code in assets."""
    import io
    import zipfile

    plugin_apk = build_apk(tmp, manifest("com.t.plugin"), smali=PLUGIN_SMALI, name="plugin.apk")
    with zipfile.ZipFile(plugin_apk) as z:
        dex = z.read("classes.dex")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("classes.dex", dex)
    return buf.getvalue()


@pytest.fixture(scope="session")
def demo_apk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("demo")
    return build_apk(
        tmp,
        DEMO_MANIFEST,
        smali=DEMO_SMALI,
        res_xml={"nsc.xml": DEMO_NSC},
        extra={"assets/plugin.zip": plugin_zip(tmp), "lib/arm64-v8a/libjcore220.so": b"\x7fELF"},
    )


@pytest.fixture(scope="session")
def demo_report(demo_apk: Path) -> Report:
    return scan(demo_apk)


@pytest.fixture(scope="session")
def labels(shared_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_dir / "corpus" / "apks" / "labels.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@pytest.fixture(scope="session")
def corpus_reports(shared_dir: Path, labels: dict[str, Any]) -> dict[str, Report]:
    """Every corpus APK scanned once for the whole session."""
    apks = shared_dir / "corpus" / "apks"
    return {name: scan(apks / name) for name in sorted(labels)}
