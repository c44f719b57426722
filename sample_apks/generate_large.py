#!/usr/bin/env python3
"""Generate a large synthetic multi-dex APK with a known set of sensitive call sites (benchmarks).

N classes of M static methods each, spread over SDK-like packages (Umeng, JPush, AMap, MSA) and a
first-party package, split across D dex files (apktool's smali, smali_classes2, ... folders). One
method in `--every` carries a sensitive-API call from the templates below; the rest call the next
method, so the code has a call graph. The ground truth (every planted call site, and counts per data
type) is written next to the APK. Output goes to sample_apks/build/ (git-ignored); nothing is committed.

    python sample_apks/generate_large.py                          # 7,500 classes x 20 methods, 3 dex
    python sample_apks/generate_large.py --classes 60 --methods 10 --out /tmp/small
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build import BuildError, align_and_sign, apktool_build, file_sha256

HERE = Path(__file__).resolve().parent
PACKAGE = "com.example.app"
# A dex file addresses at most 65,536 method references; stay well below to leave room for the
# framework and java.* references each dex also makes.
MAX_METHODS_PER_DEX = 60_000

# (package, actor): the actor is the SDK id of docs/contracts.md whose package prefix this is.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("com.umeng.analytics.pro", "umeng-analytics"),
    ("com.umeng.commonsdk.statistics.internal", "umeng-analytics"),
    ("cn.jpush.android.helper", "jpush"),
    ("cn.jiguang.core.internal", "jpush"),
    ("com.amap.api.location.core", "amap-location"),
    ("com.bun.miitmdid.provider", "msa-oaid"),
    ("com.example.app.feed", "app"),
    ("com.example.app.profile", "app"),
)


@dataclass(frozen=True, slots=True)
class Template:
    """A sensitive read: smali lines (registers v0..v5, Context in p0) and the call sites they plant."""

    name: str
    lines: tuple[str, ...]
    sites: tuple[tuple[str, str], ...]  # (data_type, ontology Api.label)


def _service(name: str, cls: str) -> tuple[str, ...]:
    return (
        f'    const-string v0, "{name}"',
        "    invoke-virtual {p0, v0}, Landroid/content/Context;->"
        "getSystemService(Ljava/lang/String;)Ljava/lang/Object;",
        "    move-result-object v0",
        f"    check-cast v0, {cls}",
    )


TEMPLATES: tuple[Template, ...] = (
    Template(
        "imei",
        (
            *_service("phone", "Landroid/telephony/TelephonyManager;"),
            "    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;",
            "    move-result-object v1",
        ),
        (("imei", "TelephonyManager.getDeviceId()"),),
    ),
    Template(
        "android_id",
        (
            "    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;",
            "    move-result-object v0",
            '    const-string v1, "android_id"',
            "    invoke-static {v0, v1}, Landroid/provider/Settings$Secure;->"
            "getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;",
            "    move-result-object v1",
        ),
        (("android_id", 'Settings$Secure.getString(…"android_id")'),),
    ),
    Template(
        "mac",
        (
            *_service("wifi", "Landroid/net/wifi/WifiManager;"),
            "    invoke-virtual {v0}, Landroid/net/wifi/WifiManager;->getConnectionInfo()Landroid/net/wifi/WifiInfo;",
            "    move-result-object v0",
            "    invoke-virtual {v0}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;",
            "    move-result-object v1",
        ),
        (("wifi_info", "WifiManager.getConnectionInfo()"), ("mac", "WifiInfo.getMacAddress()")),
    ),
    Template(
        "app_list",
        (
            "    invoke-virtual {p0}, Landroid/content/Context;->"
            "getPackageManager()Landroid/content/pm/PackageManager;",
            "    move-result-object v0",
            "    const/4 v1, 0x0",
            "    invoke-virtual {v0, v1}, Landroid/content/pm/PackageManager;->getInstalledPackages(I)Ljava/util/List;",
            "    move-result-object v1",
        ),
        (("app_list", "PackageManager.getInstalledPackages()"),),
    ),
    Template(
        "location",
        (
            *_service("location", "Landroid/location/LocationManager;"),
            '    const-string v1, "gps"',
            "    invoke-virtual {v0, v1}, Landroid/location/LocationManager;->getLastKnownLocation(Ljava/lang/String;)"
            "Landroid/location/Location;",
            "    move-result-object v1",
        ),
        (("location_precise", "LocationManager.getLastKnownLocation()"),),
    ),
    Template(
        "clipboard",
        (
            *_service("clipboard", "Landroid/content/ClipboardManager;"),
            "    invoke-virtual {v0}, Landroid/content/ClipboardManager;->getPrimaryClip()Landroid/content/ClipData;",
            "    move-result-object v1",
        ),
        (("clipboard", "ClipboardManager.getPrimaryClip()"),),
    ),
    Template(
        "device_info",
        ("    sget-object v1, Landroid/os/Build;->MODEL:Ljava/lang/String;",),
        (("device_info", "Build.MODEL"),),
    ),
    Template(
        "oaid",
        (
            "    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;",
            "    move-result-object v0",
            '    const-string v1, "content://com.vivo.vms.IdProvider/IdentifierId/OAID"',
            "    invoke-static {v1}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;",
            "    move-result-object v1",
            "    const/4 v2, 0x0",
            "    const/4 v3, 0x0",
            "    const/4 v4, 0x0",
            "    const/4 v5, 0x0",
            "    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;"
            "[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;",
            "    move-result-object v1",
        ),
        (("oaid", "content_uri:content://com.vivo.vms.IdProvider/IdentifierId"),),
    ),
)

SIG = "(Landroid/content/Context;)Ljava/lang/String;"


@dataclass(frozen=True, slots=True)
class Plan:
    classes: int
    methods: int
    dex: int
    every: int
    seed: int = 1


def class_name(i: int) -> tuple[str, str]:
    """The dotted name and actor of generated class i (packages in round robin)."""
    pkg, actor = PACKAGES[i % len(PACKAGES)]
    return f"{pkg}.G{i:06d}", actor


def _method(cls_desc: str, k: int, last: bool, tpl: Template | None) -> list[str]:
    out = [f".method public static m{k}{SIG}", "    .registers 7"]
    if tpl is not None:
        out.extend(tpl.lines)
    if last:
        out += ['    const-string v0, "done"', "    return-object v0"]
    else:
        out += [f"    invoke-static {{p0}}, {cls_desc}->m{k + 1}{SIG}", "    move-result-object v0"]
        out.append("    return-object v0")
    out += [".end method", ""]
    return out


def class_smali(i: int, plan: Plan, sites: list[dict[str, Any]], rng: random.Random) -> str:
    """Smali text of generated class i; appends the call sites it plants to SITES."""
    dotted, actor = class_name(i)
    desc = "L" + dotted.replace(".", "/") + ";"
    lines = [f".class public final {desc}", ".super Ljava/lang/Object;", '.source "SourceFile"', ""]
    for k in range(plan.methods):
        # Seeded choices, so that package, position and template are uncorrelated yet reproducible.
        tpl = rng.choice(TEMPLATES) if rng.randrange(plan.every) == 0 else None
        lines += _method(desc, k, k == plan.methods - 1, tpl)
        if tpl is not None:
            for data_type, api in tpl.sites:
                sites.append(
                    {
                        "data_type": data_type,
                        "api": api,
                        "caller_class": dotted,
                        "caller_method": f"m{k}",
                        "actor": actor,
                    }
                )
    return "\n".join(lines)


def entry_smali(plan: Plan) -> dict[str, str]:
    """Application (calls m0 of the first class of each package) and a launcher Activity."""
    app = "Lcom/example/app/LargeApp;"
    body = [f".class public {app}", ".super Landroid/app/Application;", '.source "LargeApp.java"', ""]
    body += [
        ".method public constructor <init>()V",
        "    .registers 1",
        "    invoke-direct {p0}, Landroid/app/Application;-><init>()V",
        "    return-void",
        ".end method",
        "",
        ".method public onCreate()V",
        "    .registers 1",
        "    invoke-super {p0}, Landroid/app/Application;->onCreate()V",
    ]
    for i in range(min(len(PACKAGES), plan.classes)):
        desc = "L" + class_name(i)[0].replace(".", "/") + ";"
        body.append(f"    invoke-static {{p0}}, {desc}->m0{SIG}")
    body += ["    return-void", ".end method", ""]
    act = [
        ".class public Lcom/example/app/MainActivity;",
        ".super Landroid/app/Activity;",
        '.source "MainActivity.java"',
        "",
        ".method public constructor <init>()V",
        "    .registers 1",
        "    invoke-direct {p0}, Landroid/app/Activity;-><init>()V",
        "    return-void",
        ".end method",
        "",
    ]
    return {"com/example/app/LargeApp.smali": "\n".join(body), "com/example/app/MainActivity.smali": "\n".join(act)}


MANIFEST = """<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    package="{pkg}" android:versionCode="1" android:versionName="1.0">
    <uses-sdk android:minSdkVersion="21" android:targetSdkVersion="30" />
    <uses-permission android:name="android.permission.INTERNET" />
    <uses-permission android:name="android.permission.READ_PHONE_STATE" />
    <uses-permission android:name="android.permission.ACCESS_WIFI_STATE" />
    <uses-permission android:name="android.permission.ACCESS_FINE_LOCATION" />
    <uses-permission android:name="android.permission.QUERY_ALL_PACKAGES" />
    <application android:name="{pkg}.LargeApp" android:label="Large">
        <activity android:name="{pkg}.MainActivity" android:exported="true">
            <intent-filter>
                <action android:name="android.intent.action.MAIN" />
                <category android:name="android.intent.category.LAUNCHER" />
            </intent-filter>
        </activity>
        <meta-data android:name="UMENG_APPKEY" android:value="5f00000000000000000000aa" />
        <meta-data android:name="JPUSH_APPKEY" android:value="0000000000000000000000bb" />
    </application>
</manifest>
"""

APKTOOL_YML = """version: 2.7.0
apkFileName: large.apk
isFrameworkApk: false
usesFramework:
  ids:
  - 1
sdkInfo:
  minSdkVersion: '21'
  targetSdkVersion: '30'
packageInfo:
  forcedPackageId: '127'
versionInfo:
  versionCode: '1'
  versionName: '1.0'
doNotCompress:
- resources.arsc
"""


def dex_folder(d: int) -> str:
    return "smali" if d == 0 else f"smali_classes{d + 1}"


def dex_of(i: int, plan: Plan) -> int:
    """Contiguous ranges of classes per dex (class i goes to dex i * D // N)."""
    return i * plan.dex // plan.classes


def write_project(project: Path, plan: Plan) -> list[dict[str, Any]]:
    (project / "AndroidManifest.xml").write_text(MANIFEST.format(pkg=PACKAGE), encoding="utf-8")
    (project / "apktool.yml").write_text(APKTOOL_YML, encoding="utf-8")
    sites: list[dict[str, Any]] = []
    for rel, text in entry_smali(plan).items():
        p = project / "smali" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    made: set[Path] = set()
    rng = random.Random(plan.seed)
    for i in range(plan.classes):
        dotted, _ = class_name(i)
        p = project / dex_folder(dex_of(i, plan)) / (dotted.replace(".", "/") + ".smali")
        if p.parent not in made:
            p.parent.mkdir(parents=True, exist_ok=True)
            made.add(p.parent)
        p.write_text(class_smali(i, plan, sites, rng), encoding="utf-8")
    return sites


def ground_truth(plan: Plan, sites: list[dict[str, Any]], apk: Path) -> dict[str, Any]:
    entry_methods = 3  # LargeApp.<init>, LargeApp.onCreate, MainActivity.<init>
    return {
        "schema_version": 1,
        "package": PACKAGE,
        "apk": apk.name,
        "apk_sha256": file_sha256(apk),
        "dex_files": plan.dex,
        "seed": plan.seed,
        "classes": plan.classes + 2,
        "methods": plan.classes * plan.methods + entry_methods,
        "generated_classes_per_dex": [
            sum(1 for i in range(plan.classes) if dex_of(i, plan) == d) for d in range(plan.dex)
        ],
        "call_sites_by_data_type": dict(sorted(Counter(s["data_type"] for s in sites).items())),
        "call_sites_by_actor": dict(sorted(Counter(s["actor"] for s in sites).items())),
        "call_sites": sites,
    }


def generate(plan: Plan, out: Path) -> tuple[Path, Path]:
    """Build OUT/large.apk and OUT/large.expected.json; returns both paths."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="appaudit-large-") as t:
        tmp = Path(t)
        project = tmp / "proj"
        project.mkdir()
        sites = write_project(project, plan)
        unsigned = tmp / "unsigned.apk"
        apktool_build(project, unsigned, tmp, "large")
        shutil.rmtree(project)  # ~40 MB of smali at the default size; free it before signing
        apk = out / "large.apk"
        align_and_sign(unsigned, apk, tmp, "large")
    truth = out / "large.expected.json"
    truth.write_text(json.dumps(ground_truth(plan, sites, apk), indent=1) + "\n", encoding="utf-8")
    return apk, truth


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def parse_plan(argv: Sequence[str] | None) -> tuple[Plan, Path]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--classes", type=_positive, default=7_500, help="generated classes (default 7500)")
    ap.add_argument("--methods", type=_positive, default=20, help="methods per class (default 20)")
    ap.add_argument("--dex", type=_positive, default=3, help="dex files, at least (default 3)")
    ap.add_argument("--every", type=_positive, default=20, help="one method in EVERY reads sensitive data (default 20)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the template choices (default 1)")
    ap.add_argument("--out", type=Path, default=HERE / "build" / "large", help="output folder")
    a = ap.parse_args(argv)
    total = a.classes * a.methods
    dex = max(a.dex, math.ceil(total / MAX_METHODS_PER_DEX))
    if dex > a.classes:
        ap.error(f"--dex {dex} needs at least as many classes")
    return Plan(classes=a.classes, methods=a.methods, dex=dex, every=a.every, seed=a.seed), a.out


def iter_summary(truth: Path) -> Iterator[str]:
    doc = json.loads(truth.read_text(encoding="utf-8"))
    yield f"{doc['classes']} classes, {doc['methods']} methods in {doc['dex_files']} dex files"
    yield f"call sites by data type: {doc['call_sites_by_data_type']}"


def main(argv: Sequence[str] | None = None) -> int:
    plan, out = parse_plan(argv)
    start = time.monotonic()
    try:
        apk, truth = generate(plan, out)
    except (BuildError, OSError) as e:
        print(f"generate_large.py: {e}", file=sys.stderr)
        return 1
    print(f"built {apk} ({apk.stat().st_size} bytes) in {time.monotonic() - start:.1f} s", file=sys.stderr)
    for line in iter_summary(truth):
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
