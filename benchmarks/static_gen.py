"""A large synthetic multi-dex APK for the static benchmark when sample_apks has no generator of its own.

Writes smali for `dexes` x `classes` classes of `methods` methods each (every method calls two
other methods of the app and one framework method; some read device identifiers), assembles each
dex with `smali`, packages a minimal manifest with `aapt` and zips everything into one APK, all in
the directory given. Real compilers emit the same instruction kinds (invoke-*, const-string, sget).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PKG = "com.appaudit.bench"
_FRAMEWORK = [
    "invoke-virtual {p0}, Ljava/lang/Object;->hashCode()I",
    "invoke-static {}, Ljava/lang/System;->currentTimeMillis()J",
    "invoke-virtual {p0}, Ljava/lang/Object;->toString()Ljava/lang/String;",
]
_SENSITIVE = [
    ("invoke-virtual {{v0}}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;", "check-cast"),
    ('const-string v1, "android_id"\n    invoke-static {{v0, v1}}, Landroid/provider/Settings$Secure;->'
     "getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;", "cr"),
    ("sget-object v1, Landroid/os/Build;->SERIAL:Ljava/lang/String;", "none"),
    ('const-string v1, "/proc/net/arp"', "none"),
    ("invoke-virtual {{v0}}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;", "check-cast"),
]


def _cls(d: int, c: int) -> str:
    return f"L{PKG.replace('.', '/')}/d{d}/C{c};"


def _class_smali(d: int, c: int, classes: int, dexes: int, methods: int, rnd: random.Random) -> str:
    name = _cls(d, c)
    out = [f".class public {name}", ".super Ljava/lang/Object;", "",
           ".method public constructor <init>()V", "    .registers 1",
           "    invoke-direct {p0}, Ljava/lang/Object;-><init>()V", "    return-void", ".end method", ""]
    for m in range(methods - 1):
        out += [f".method public m{m}(Ljava/lang/Object;)Ljava/lang/Object;", "    .registers 4"]
        for _ in range(2):
            # Mostly calls within the dex: one dex holds at most 65536 method references.
            td = rnd.randrange(dexes) if rnd.random() < 0.01 else d
            tc, tm = rnd.randrange(classes), rnd.randrange(methods - 1)
            out.append(f"    new-instance v0, {_cls(td, tc)}")
            out.append(f"    invoke-direct {{v0}}, {_cls(td, tc)}-><init>()V")
            out.append(f"    invoke-virtual {{v0, p1}}, {_cls(td, tc)}->m{tm}(Ljava/lang/Object;)Ljava/lang/Object;")
        out.append("    " + rnd.choice(_FRAMEWORK))
        if rnd.random() < 0.02:
            code, _ = rnd.choice(_SENSITIVE)
            out.append("    const/4 v0, 0x0")
            out.append("    " + code.format())
        out += ["    return-object p1", ".end method", ""]
    return "\n".join(out) + "\n"


def generate(out_dir: Path, *, dexes: int = 3, classes: int = 5000, methods: int = 11, seed: int = 7) -> Path:
    """Build the APK in `out_dir` and return its path (smali, aapt and zip must be installed)."""
    rnd = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for tool in ("smali", "aapt"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed; run scripts/setup.sh")
    jobs = []
    for d in range(dexes):
        src = out_dir / f"smali{d}"
        pkg_dir = src / PKG.replace(".", "/") / f"d{d}"
        pkg_dir.mkdir(parents=True, exist_ok=True)
        for c in range(classes):
            (pkg_dir / f"C{c}.smali").write_text(_class_smali(d, c, classes, dexes, methods, rnd))
        if d == 0:
            (src / PKG.replace(".", "/") / "MainActivity.smali").write_text(
                f".class public L{PKG.replace('.', '/')}/MainActivity;\n.super Landroid/app/Activity;\n\n"
                ".method public constructor <init>()V\n    .registers 1\n"
                "    invoke-direct {p0}, Landroid/app/Activity;-><init>()V\n    return-void\n.end method\n\n"
                ".method protected onCreate(Landroid/os/Bundle;)V\n    .registers 3\n"
                f"    new-instance v0, {_cls(0, 0)}\n    invoke-direct {{v0}}, {_cls(0, 0)}-><init>()V\n"
                f"    invoke-virtual {{v0, p1}}, {_cls(0, 0)}->m0(Ljava/lang/Object;)Ljava/lang/Object;\n"
                "    return-void\n.end method\n"
            )
        name = "classes.dex" if d == 0 else f"classes{d + 1}.dex"
        jobs.append((src, out_dir / name))

    def assemble(job: tuple[Path, Path]) -> None:
        subprocess.run(["smali", "assemble", "-a", "21", "-o", str(job[1]), str(job[0])], check=True,
                       stdout=subprocess.DEVNULL)

    with ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(assemble, jobs))
    manifest = out_dir / "AndroidManifest.xml"
    manifest.write_text(
        f'<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="{PKG}">\n'
        '  <uses-sdk android:minSdkVersion="21" android:targetSdkVersion="33"/>\n'
        '  <uses-permission android:name="android.permission.READ_PHONE_STATE"/>\n'
        '  <application><activity android:name=".MainActivity" android:exported="true">\n'
        '    <intent-filter><action android:name="android.intent.action.MAIN"/>'
        '<category android:name="android.intent.category.LAUNCHER"/></intent-filter>\n'
        "  </activity></application>\n</manifest>\n"
    )
    apk = out_dir / "bench-3dex.apk"
    subprocess.run(["aapt", "package", "-f", "-M", str(manifest), "-I",
                    "/usr/share/android-framework-res/framework-res.apk", "-F", str(apk)], check=True,
                   stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(apk, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for _src, dex in jobs:
            z.write(dex, dex.name)
    return apk
