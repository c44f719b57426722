"""appaudit.sdkimport: the importer fixes upstream weaknesses, keeps provenance, never rewrites curated facts."""

from __future__ import annotations

import filecmp
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from appaudit import sdkimport, signatures
from appaudit.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SIG_DIR = ROOT / "sdk_signatures"


@pytest.fixture(scope="module")
def imported(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, sdkimport.ImportResult]:
    """A fresh import of the real datasets into a copy of the catalogue."""
    out = tmp_path_factory.mktemp("sig") / "sdk_signatures"
    shutil.copytree(SIG_DIR, out)
    result = sdkimport.run(shared_dir / "sdkdata", out)
    return out, result


def _fixer() -> tuple[sdkimport.Fixer, sdkimport.ImportResult]:
    result = sdkimport.ImportResult()
    return sdkimport.Fixer(sdkimport.load_import_rules(SIG_DIR), result), result


def test_fixer_anchors_and_refuses() -> None:
    fx, result = _fixer()
    assert fx.packages("t", "com.appsflyer.") == ["com.appsflyer"]
    assert fx.packages("t", "com\\.flurry\\.") == ["com.flurry"]
    assert fx.packages("t", "okhttp3\\.(.*)") == ["okhttp3"]  # LibChecker regex, allowed short prefix
    assert fx.packages("t", ".sizmek.") == []  # unanchored: would match in the middle of any name
    assert fx.packages("t", "umeng") == []  # one segment
    assert fx.packages("t", "com.tencent") == []  # vendor root without a split
    assert "com.bytedance.sdk.openadsdk" in fx.packages("t", "com.bytedance")  # split into products
    assert fx.packages("t", "android.content.pm") == []  # platform
    assert fx.packages("t", "android.support.v4") == ["android.support.v4"]
    assert fx.host("t", "appsflyer\\.com") == "appsflyer.com"
    assert fx.host("t", "fidzup") is None  # a bare word matches anywhere
    assert fx.host("t", "googleapis\\.com") is None  # a whole vendor domain
    assert fx.native_lib("t", "libjcore(.*)\\.so", True) == "libjcore*.so"
    assert fx.native_lib("t", "(libpython([1-9]\\d*\\.?\\d*))\\.so", True) is None
    assert fx.component("t", "com\\.kwad\\.sdk\\.api\\.proxy\\.(.*)", True) == "com.kwad.sdk.api.proxy.*"
    assert fx.component("t", "com\\.tencent\\.(.*)", True) is None
    assert fx.component("t", "libDexHelper-x86_64.so", False) is None
    reasons = " ".join(result.refused)
    assert "unanchored" in reasons and "shorter than two segments" in reasons and "vendor domain" in reasons


def test_import_builds_a_large_valid_catalogue(imported: tuple[Path, sdkimport.ImportResult]) -> None:
    out, result = imported
    cat = signatures.load_dir(out)  # validates every entry
    assert len(cat) >= 400
    # imported/_extends.toml is not an entry: it extends curated ones.
    assert result.written == len([p for p in (out / "imported").glob("*.toml") if not p.name.startswith("_")]) >= 300
    assert result.sources["exodus"] >= 400 and result.sources["libchecker"] >= 500
    for sig in cat:
        assert sig.provenance
        if not sig.curated:
            assert all(p.split(":", 1)[0] in ("exodus", "libchecker", "libradar") for p in sig.provenance), sig.id
    # Libraries without data collection are marked as such.
    for sid in ("okhttp", "gson", "glide", "androidx", "kotlin-stdlib"):
        assert not cat.get(sid).collects


def test_curated_entries_win_and_only_gain_provenance(imported: tuple[Path, sdkimport.ImportResult]) -> None:
    out, result = imported
    changed = 0
    for path in sorted((SIG_DIR / "curated").glob("*.toml")):
        before = tomllib.loads(path.read_text(encoding="utf-8"))
        after = tomllib.loads((out / "curated" / path.name).read_text(encoding="utf-8"))
        prov = after.pop("provenance")
        before.pop("provenance")
        assert before == after, path.name  # every fact untouched
        assert prov[0] == "curated"
        changed += len(prov) > 1
    assert changed >= 50
    assert "exodus:363" in result.merged_into_curated["pangle"]  # Exodus Pangle merged, not duplicated
    cat = signatures.load_dir(out)
    assert not any("com.bytedance" in s.packages for s in cat)
    assert "libchecker:极光推送" in cat.get("jpush").provenance
    # Same product under another name ("极光认证 SDK" is curated "极光认证"): merged, not a second entry.
    assert "libchecker:极光认证 SDK" in cat.get("jverification").provenance
    assert cat.match_policy_name("极光认证 SDK") is cat.get("jverification")
    # Same product under a broader prefix (LibRadar "Tencent Wechat" = com.tencent.mm): folded into the
    # curated entry through imported/_extends.toml, the curated file keeping its own facts.
    assert result.folded_into_curated["wechat-opensdk"] == ["tencent-wechat"]
    assert "com.tencent.mm" in cat.get("wechat-opensdk").packages and "tencent-wechat" not in cat.signatures


def test_committed_catalogue_is_what_the_importer_produces(imported: tuple[Path, sdkimport.ImportResult]) -> None:
    out, _ = imported
    cmp = filecmp.dircmp(SIG_DIR / "imported", out / "imported")
    assert not cmp.left_only and not cmp.right_only and not cmp.diff_files, "re-run `appaudit sdk import`"
    curated_cmp = filecmp.dircmp(SIG_DIR / "curated", out / "curated")
    assert not curated_cmp.diff_files, "re-run `appaudit sdk import` (curated provenance)"


def test_rerun_is_idempotent(imported: tuple[Path, sdkimport.ImportResult], shared_dir: Path) -> None:
    out, first = imported
    snapshot = {p.name: p.read_bytes() for p in (out / "imported").glob("*.toml")}
    second = sdkimport.run(shared_dir / "sdkdata", out)
    assert second.written == first.written
    assert {p.name: p.read_bytes() for p in (out / "imported").glob("*.toml")} == snapshot


def test_missing_or_damaged_inputs_are_input_errors(tmp_path: Path, shared_dir: Path) -> None:
    sig = tmp_path / "sdk_signatures"
    shutil.copytree(SIG_DIR, sig)
    with pytest.raises(InputError, match="upstream dataset missing"):
        sdkimport.run(tmp_path / "nowhere", sig)
    bad = tmp_path / "sdkdata"
    shutil.copytree(shared_dir / "sdkdata", bad)
    (bad / sdkimport.EXODUS).chmod(0o644)
    (bad / sdkimport.EXODUS).write_text(json.dumps({"not": "trackers"}), encoding="utf-8")
    with pytest.raises(InputError, match="not an Exodus tracker export"):
        sdkimport.run(bad, sig)
    shutil.copy(shared_dir / "sdkdata" / sdkimport.EXODUS, bad / sdkimport.EXODUS)
    (bad / sdkimport.LIBCHECKER_DB).chmod(0o644)
    (bad / sdkimport.LIBCHECKER_DB).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match=r"not a LibChecker rules\.db"):
        sdkimport.run(bad, sig)
    # Nothing was written: the catalogue copy is unchanged.
    assert not filecmp.dircmp(SIG_DIR / "imported", sig / "imported").diff_files


def _imp(sid: str, name: str, packages: list[str], prov: str) -> signatures.Signature:
    return signatures.Signature(
        id=sid, name=name, vendor=name, category="ads", packages=tuple(packages), components=(), meta_data=(),
        actions=(), native_libs=(), hosts=(), policy_names=(name,), data_types=(), privacy_url="",
        provenance=(prov,), examples=tuple(packages), collects=True,
    )  # fmt: skip


def test_imported_doubles_of_one_product_fold_into_the_narrower_id() -> None:
    """LibRadar's com.vungle "Vungle" over Exodus' com.vungle.publisher "Vungle" is one product (the
    catalogue checker's overlap finding); Unity Ads under the Unity engine's namespace is not."""
    sigs = {
        "vungle-2": _imp("vungle-2", "Vungle", ["com.vungle"], "libradar:com.vungle"),
        "vungle": _imp("vungle", "Vungle", ["com.vungle.publisher", "com.vungle.warren"], "exodus:169"),
        "kiip-mobile-ads": _imp("kiip-mobile-ads", "Kiip Mobile Ads", ["me.kiip"], "libradar:me.kiip"),
        "kiip": _imp("kiip", "Kiip", ["me.kiip.sdk"], "exodus:1"),
        "unity3d": _imp("unity3d", "Unity3d", ["com.unity3d"], "libradar:com.unity3d"),
        "unity3d-ads": _imp("unity3d-ads", "Unity3d Ads", ["com.unity3d.ads"], "exodus:2"),
    }
    result = sdkimport.ImportResult()
    out = sdkimport.fold_imported_doubles(sigs, result)
    assert sorted(out) == ["kiip", "unity3d", "unity3d-ads", "vungle"]
    assert out["vungle"].packages == ("com.vungle",)
    assert set(out["vungle"].provenance) == {"exodus:169", "libradar:com.vungle"}
    assert out["kiip"].packages == ("me.kiip",) and "me.kiip" in out["kiip"].examples
    assert result.merged_imported == 2 and len(result.dropped_entries) == 2


def test_platform_means_the_framework_not_every_com_android_package() -> None:
    """Issue 15: `com.android.*` and `javax.*` code an app ships is not the framework (no blind spot)."""
    fx, _ = _fixer()
    assert fx.packages("t", "com.android.internal.telephony") == []  # hidden framework namespace
    assert fx.packages("t", "org.json") == []  # Android's org.json
    assert fx.packages("t", "javax.crypto") == []
    assert fx.packages("t", "com.android.vending") == ["com.android.vending"]  # billing AIDL apps bundle
    assert fx.packages("t", "com.android.dx") == ["com.android.dx"]
    assert fx.packages("t", "org.json.simple") == ["org.json.simple"]  # the json-simple library
    assert fx.packages("t", "javax.mail") == ["javax.mail"]
