"""Builds small real APKs for the static tests: a text manifest through aapt, smali through smali.

Everything is written under the directory given (a pytest tmp_path); the shared corpus is only read.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

FRAMEWORK = Path("/usr/share/android-framework-res/framework-res.apk")


def require_tools() -> None:
    missing = [t for t in ("aapt", "smali") if shutil.which(t) is None]
    if missing or not FRAMEWORK.is_file():
        pytest.fail(f"{missing or FRAMEWORK} missing: run scripts/setup.sh (make test installs them)")


def build_apk(
    out: Path,
    manifest: str,
    smali: dict[str, str] | None = None,
    res_xml: dict[str, str] | None = None,
    extra: dict[str, bytes] | None = None,
    name: str = "app.apk",
) -> Path:
    """An unsigned APK (signatures are irrelevant to static analysis) at out/name."""
    require_tools()
    work = out / (name + ".d")
    work.mkdir(parents=True, exist_ok=True)
    (work / "AndroidManifest.xml").write_text(manifest, encoding="utf-8")
    cmd = ["aapt", "package", "-f", "-M", str(work / "AndroidManifest.xml"), "-I", str(FRAMEWORK)]
    if res_xml:
        xml_dir = work / "res" / "xml"
        xml_dir.mkdir(parents=True, exist_ok=True)
        for fname, text in res_xml.items():
            (xml_dir / fname).write_text(text, encoding="utf-8")
        cmd += ["-S", str(work / "res")]
    apk = out / name
    cmd += ["-F", str(apk)]
    subprocess.run(cmd, check=True, capture_output=True)
    with zipfile.ZipFile(apk, "a") as z:
        if smali:
            src = work / "smali"
            for rel, text in smali.items():
                p = src / rel
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text, encoding="utf-8")
            dex = work / "classes.dex"
            subprocess.run(["smali", "assemble", "-a", "21", "-o", str(dex), str(src)], check=True,
                           capture_output=True)
            z.write(dex, "classes.dex")
        for n, data in (extra or {}).items():
            z.writestr(n, data)
    return apk


def manifest(package: str, body: str = "", app_attrs: str = "", top: str = "") -> str:
    return (
        f'<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="{package}"'
        ' android:versionCode="7" android:versionName="1.2.3">\n'
        '  <uses-sdk android:minSdkVersion="21" android:targetSdkVersion="30"/>\n'
        f"{top}\n  <application {app_attrs}>\n{body}\n  </application>\n</manifest>\n"
    )
