"""appaudit.signatures: the catalogue loads and is valid, and the matchers are exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from appaudit import ontology, signatures
from appaudit.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
SIG_DIR = ROOT / "sdk_signatures"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def cat() -> signatures.Catalogue:
    return signatures.load()


@pytest.fixture(scope="module")
def rules() -> signatures.Rules:
    return signatures.load_rules(SIG_DIR)


# ---------------------------------------------------------------- the catalogue as data


def test_every_file_loads_and_ids_are_unique(cat: signatures.Catalogue) -> None:
    files = [p for p in SIG_DIR.rglob("*.toml") if not p.name.startswith("_")]
    assert len(files) == len(cat) >= 400
    assert {p.stem for p in files} == set(cat.signatures)
    assert len({p.stem for p in files}) == len(files)


def test_contract_ids_exist_with_their_facts(cat: signatures.Catalogue) -> None:
    # docs/contracts.md: ids other areas rely on.
    assert cat.match_class("com.umeng.commonsdk.UMConfigure").id == "umeng-analytics"  # type: ignore[union-attr]
    assert cat.match_class("u.aly.bt").id == "umeng-analytics"  # type: ignore[union-attr]
    assert cat.match_class("com.umeng.message.PushAgent").id == "umeng-push"  # type: ignore[union-attr]
    assert cat.match_class("com.umeng.socialize.ShareAction").id == "umeng-share"  # type: ignore[union-attr]
    assert cat.match_native_lib("libmsaoaidsec.so").id == "msa-oaid"  # type: ignore[union-attr]
    assert cat.match_component("cn.jpush.android.service.PushService").id == "jpush"  # type: ignore[union-attr]
    assert cat.match_meta_data("JPUSH_CHANNEL").id == "jpush"  # type: ignore[union-attr]
    assert cat.match_class("com.loc.ft").id == "amap-location"  # type: ignore[union-attr]
    assert cat.match_native_lib("libgdinamapv4sdk752.so").id == "amap-map"  # type: ignore[union-attr]
    assert "com.amap.api.v2.apikey" in cat.get("amap-map").meta_data
    assert "com.amap.api.v2.apikey" in cat.get("amap-location").meta_data
    for sid in ("umeng-analytics", "umeng-push", "umeng-share", "msa-oaid", "jpush", "amap-location", "amap-map"):
        assert cat.get(sid).curated


def test_chinese_coverage(cat: signatures.Catalogue) -> None:
    curated_zh = [s for s in cat if s.curated and any(CJK.search(n) for n in s.policy_names)]
    assert len(curated_zh) >= 80
    cats = {s.category for s in curated_zh}
    for needed in (
        "push",
        "ads",
        "analytics",
        "identifiers",
        "location",
        "social",
        "payment",
        "im-rtc",
        "crash",
        "hotfix",
        "runtime",
    ):
        assert needed in cats, needed


def test_every_example_matches_its_own_signature_most_specifically(cat: signatures.Catalogue) -> None:
    checked = 0
    for sig in cat:
        assert sig.examples, sig.id
        for ex in sig.examples:
            kind, value = signatures.example_kind(ex)
            got = cat.match(kind, value)
            assert got is not None and got.id == sig.id, (sig.id, ex, got and got.id)
            checked += 1
    assert checked >= len(cat)


def test_no_short_prefix_and_no_vendor_root(cat: signatures.Catalogue, rules: signatures.Rules) -> None:
    for sig in cat:
        for p in sig.packages:
            assert p.count(".") >= 1 or p in rules.short_prefixes, (sig.id, p)
            assert p not in rules.vendor_roots, (sig.id, p)
        for h in sig.hosts:
            assert h not in rules.vendor_domains, (sig.id, h)
    for root in ("com.tencent", "com.alibaba", "com.baidu", "com.huawei", "com.google", "com.bytedance", "com.xiaomi"):
        assert root in rules.vendor_roots
        assert cat.match_class(root + ".SomeUnknownProduct") is None, root


def test_fields_are_valid(cat: signatures.Catalogue) -> None:
    types = ontology.load()
    kinds = {c.value for c in signatures.Category}
    for sig in cat:
        assert sig.category in kinds
        assert set(sig.data_types) <= set(types), sig.id
        assert sig.provenance, sig.id
        assert sig.curated == (SIG_DIR / "curated" / f"{sig.id}.toml").is_file()


def test_pangle_is_not_all_of_bytedance(cat: signatures.Catalogue) -> None:
    pangle = cat.get("pangle")
    assert "com.bytedance" not in pangle.packages
    assert "exodus:363" in pangle.provenance  # Exodus' Pangle entry merged, its namespace split
    assert cat.match_class("com.bytedance.sdk.openadsdk.TTAdSdk") is pangle
    assert cat.match_class("com.bytedance.frameworks.baselib.Foo") is None


# ---------------------------------------------------------------- matcher semantics


def test_class_prefix_is_anchored_on_segments(cat: signatures.Catalogue) -> None:
    assert cat.match_class("com.umeng.analytics") is cat.get("umeng-analytics")  # the prefix itself
    assert cat.match_class("com.umeng.analytics.MobclickAgent") is cat.get("umeng-analytics")
    assert cat.match_class("com.umeng.analyticsfoo.X") is None
    assert cat.match_class("org.example.com.umeng.analytics.X") is None  # never in the middle
    assert cat.match_class("Lcom/umeng/analytics/MobclickAgent;") is cat.get("umeng-analytics")
    assert cat.match_class("com/umeng/analytics/MobclickAgent") is cat.get("umeng-analytics")
    assert cat.match_class("Lcom/umeng/analytics/MobclickAgent$EScenarioType;") is cat.get("umeng-analytics")


def test_longest_prefix_wins_not_file_order(cat: signatures.Catalogue) -> None:
    # cn.jiguang belongs to jpush (contract), cn.jiguang.verifysdk to JVerification.
    assert cat.match_class("cn.jiguang.api.JCoreInterface") is cat.get("jpush")
    assert cat.match_class("cn.jiguang.verifysdk.api.JVerificationInterface") is cat.get("jverification")
    assert cat.match_class("com.huawei.hms.ads.identifier.AdvertisingIdClient") is cat.get("huawei-oaid")
    assert cat.match_class("com.huawei.hms.ads.HwAds") is cat.get("huawei-ads")


def test_app_package_is_never_attributed_by_prefix(cat: signatures.Catalogue) -> None:
    # An app whose own package lies under an SDK prefix (e.g. a vendor's demo app).
    assert cat.match_class("com.umeng.analytics.demo.MainActivity", app_package="com.umeng.analytics.demo") is None
    assert cat.match_class("com.umeng.analytics.MobclickAgent", app_package="com.umeng.analytics.demo") is not None
    assert cat.match_class("com.example.app.Main", app_package="com.example.app") is None
    # ...but an explicit component rule still names the SDK.
    assert cat.match_component("cn.jpush.android.service.PushService", app_package="cn.jpush.android") is cat.get(
        "jpush"
    )


def test_component_rules(cat: signatures.Catalogue) -> None:
    assert cat.match_component("com.qq.e.ads.ADActivity") is cat.get("tencent-gdt")
    stub = "com.bytedance.sdk.openadsdk.stub.activity.Stub_Standard_Portrait_Activity"
    assert cat.match_component(stub) is cat.get("pangle")
    assert cat.match_component("com.example.Unrelated") is None


def test_host_suffix_on_label_boundary(cat: signatures.Catalogue) -> None:
    umeng = cat.get("umeng-analytics")
    assert cat.match_host("umeng.com") is umeng
    assert cat.match_host("alog.umeng.com") is umeng
    assert cat.match_host("ALOG.UMENG.COM.") is umeng
    assert cat.match_host("https://alog.umeng.com:443/app_logs?x=1") is umeng
    assert cat.match_host("alog.umeng.com:8080/app_logs") is umeng  # host:port/path, no scheme
    assert cat.match_host("[::1]:8080") is None
    assert cat.match_host("notumeng.com") is None
    assert cat.match_host("umeng.com.evil.example") is None
    assert cat.match_host("com") is None
    assert cat.match_host("") is None
    # Longest suffix wins: loc.map.baidu.com is the location SDK, api.map.baidu.com the map SDK.
    assert cat.match_host("loc.map.baidu.com") is cat.get("baidu-location")
    assert cat.match_host("api.map.baidu.com") is cat.get("baidu-map")


def test_native_lib_wildcards(cat: signatures.Catalogue) -> None:
    assert cat.match_native_lib("libjcore230.so") is cat.get("jpush")
    assert cat.match_native_lib("lib/arm64-v8a/libjcore230.so") is cat.get("jpush")
    assert cat.match_native_lib("libAMapSDK_MAP_v6_9_4.so") is cat.get("amap-map")
    assert cat.match_native_lib("libjcorex") is None
    assert cat.match_native_lib("libmylib.so") is None


def test_meta_data_and_actions(cat: signatures.Catalogue) -> None:
    assert cat.match_meta_data("UMENG_APPKEY") is cat.get("umeng-analytics")
    assert cat.match_meta_data("com.amap.api.v2.apikey") is not None
    assert cat.match_action("cn.jpush.android.intent.REGISTRATION") is cat.get("jpush")
    assert cat.match_meta_data("SOMETHING_ELSE") is None


@pytest.mark.parametrize(
    ("text", "sdk_id"),
    [
        ("友盟+SDK", "umeng-analytics"),
        ("友盟+ U-Push", "umeng-push"),
        ("友盟+推送SDK", "umeng-push"),
        ("极光推送 SDK（JPush）", "jpush"),
        ("个推·消息推送", "getui"),
        ("优量汇（广点通）SDK", "tencent-gdt"),
        ("穿山甲广告SDK", "pangle"),
        ("腾讯Bugly", "bugly"),
        ("支付宝SDK", "alipay"),
        ("微信 OpenSDK", "wechat-opensdk"),
        ("高德定位SDK", "amap-location"),
        ("华为推送服务（HMS Push）", "huawei-push"),
        ("小米推送", "xiaomi-push"),
        ("OPPO PUSH", "oppo-push"),
        ("vivo推送", "vivo-push"),
        ("MobPush", "mobpush"),
        ("Firebase Analytics", "firebase-analytics"),
        ("中国移动认证SDK", "cmcc-auth"),
        ("移动安全联盟 OAID SDK", "msa-oaid"),
    ],
)
def test_policy_names(cat: signatures.Catalogue, text: str, sdk_id: str) -> None:
    got = cat.match_policy_name(text)
    assert got is not None and got.id == sdk_id, (text, got and got.id)


def test_policy_names_need_word_boundaries(cat: signatures.Catalogue) -> None:
    assert cat.match_policy_name("Mobile phone number") is None  # "Mob" is MobTech only as a word
    assert cat.match_policy_name("") is None
    assert cat.match_policy_name("   ") is None


# ---------------------------------------------------------------- validation errors


def _write(d: Path, sid: str, **fields: object) -> None:
    base: dict[str, object] = {
        "id": sid,
        "name": sid,
        "vendor": "v",
        "category": "analytics",
        "packages": [f"org.example.{sid.replace('-', '')}"],
        "provenance": ["curated"],
        "examples": [f"org.example.{sid.replace('-', '')}.Main"],
    }
    base.update(fields)
    lines = [
        f"{k} = {json.dumps(v, ensure_ascii=False) if not isinstance(v, bool) else str(v).lower()}"
        for k, v in base.items()
    ]
    (d / "curated").mkdir(parents=True, exist_ok=True)
    (d / "curated" / f"{sid}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _rules(d: Path) -> None:
    (d / "_rules.toml").write_text(
        'vendor_roots = ["com.tencent"]\nshort_prefixes = ["okhttp3"]\nvendor_domains = ["qq.com"]\n', encoding="utf-8"
    )


def test_a_minimal_directory_loads(tmp_path: Path) -> None:
    _rules(tmp_path)
    _write(tmp_path, "alpha")
    _write(tmp_path, "beta", packages=["okhttp3"], examples=["okhttp3.OkHttpClient"], collects=False)
    cat = signatures.load_dir(tmp_path)
    assert set(cat.signatures) == {"alpha", "beta"} and not cat.get("beta").collects


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"category": "tracking"}, "unknown category"),
        ({"data_types": ["imei", "shoe_size"]}, "not an ontology id"),
        ({"packages": ["com.tencent"], "examples": ["com.tencent.X"]}, "whole vendor namespace"),
        ({"packages": ["umeng"], "examples": ["umeng.X"]}, "shorter than two segments"),
        ({"packages": ["com\\.umeng\\..*"]}, "dotted Java identifiers"),
        ({"hosts": ["qq.com"]}, "whole vendor domain"),
        ({"hosts": ["localhost"]}, "at least two labels"),
        ({"examples": ["org.other.Thing"]}, "nothing matches it"),
        ({"examples": []}, "`examples` is empty"),
        ({"provenance": []}, "`provenance` is empty"),
        ({"id": "Not_Kebab"}, "file name must be the id"),
        ({"native_libs": ["lib*.so"]}, "native lib"),
        ({"surprise": 1}, "unknown keys"),
        ({"packages": "org.example.alpha"}, "must be a list"),
    ],
)
def test_validation_rejects(tmp_path: Path, fields: dict[str, object], message: str) -> None:
    _rules(tmp_path)
    _write(tmp_path, "alpha", **fields)
    with pytest.raises(DataError, match=re.escape(message)):
        signatures.load_dir(tmp_path)


def test_validation_rejects_duplicates_and_more_specific_claims(tmp_path: Path) -> None:
    _rules(tmp_path)
    _write(tmp_path, "alpha")
    (tmp_path / "imported").mkdir()
    (tmp_path / "imported" / "alpha.toml").write_text(
        (tmp_path / "curated" / "alpha.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(DataError, match="duplicate id"):
        signatures.load_dir(tmp_path)
    (tmp_path / "imported" / "alpha.toml").unlink()
    # beta claims a longer prefix under alpha's, so alpha's example there is beta's.
    _write(tmp_path, "alpha", examples=["org.example.alpha.sub.X"])
    _write(tmp_path, "beta", packages=["org.example.alpha.sub"], examples=["org.example.alpha.sub.Y"])
    with pytest.raises(DataError, match="'beta' claims it more specifically"):
        signatures.load_dir(tmp_path)
    _write(tmp_path, "alpha")
    _write(tmp_path, "beta", packages=["org.example.alpha"], examples=["org.example.alpha.Y"])
    with pytest.raises(DataError, match="already claimed by 'alpha'"):
        signatures.load_dir(tmp_path)


def test_bad_files_end_in_data_errors(tmp_path: Path) -> None:
    _rules(tmp_path)
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "broken.toml").write_bytes(b'id = "broken\n\xff\xfe')
    with pytest.raises(DataError, match="cannot read signature file"):
        signatures.load_dir(tmp_path)
    with pytest.raises(DataError, match="not found"):
        signatures.load_dir(tmp_path / "missing")
    (tmp_path / "curated" / "broken.toml").unlink()
    with pytest.raises(DataError, match="no signature files"):
        signatures.load_dir(tmp_path)


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(signatures.ENV_DIR, str(tmp_path))
    assert signatures.default_dir() == tmp_path
    monkeypatch.delenv(signatures.ENV_DIR)
    assert signatures.default_dir() == SIG_DIR


def test_ids_must_be_kebab_case(tmp_path: Path) -> None:
    _rules(tmp_path)
    _write(tmp_path, "Not_Kebab")
    with pytest.raises(DataError, match="kebab-case"):
        signatures.load_dir(tmp_path)


@pytest.mark.parametrize(
    "value",
    ["", " ", ".", "..", "L;", "a" * 100_000, "com." * 5_000, "Lcom/x/\x00;", "\U0001f600", "[::1]", "http://", "*.so"],
)
def test_hostile_values_never_crash(cat: signatures.Catalogue, value: str) -> None:
    for kind in signatures.Kind:
        got = cat.match(kind, value)
        assert got is None or isinstance(got, signatures.Signature)
    assert cat.match_class(value, app_package=value) is None
    assert cat.match_policy_name(value) is None


def test_policy_names_fold_full_width_letters(cat: signatures.Catalogue) -> None:
    assert cat.match_policy_name("ＪＰｕｓｈ") is cat.get("jpush")  # NFKC: full-width as typed in Chinese text


# ---------------------------------------------------------------- one product, two entries


def _sig(
    sid: str, name: str, vendor: str, packages: tuple[str, ...], policy_names: tuple[str, ...] = ()
) -> signatures.Signature:
    return signatures.Signature(
        id=sid, name=name, vendor=vendor, category="social", packages=packages, components=(), meta_data=(),
        actions=(), native_libs=(), hosts=(), policy_names=policy_names, data_types=(), privacy_url="",
        provenance=("curated",), examples=packages, collects=True,
    )  # fmt: skip


def test_same_product_under_a_broader_prefix_is_a_double(rules: signatures.Rules) -> None:
    stop = rules.name_stop_words
    wechat = _sig("wechat-opensdk", "WeChat OpenSDK (微信开放平台)", "Tencent (腾讯)", ("com.tencent.mm.opensdk",))
    # The LibRadar entry the importer once left beside it (vendor = its name, prefix = WeChat's namespace).
    libradar = _sig("tencent-wechat", "Tencent Wechat", "Tencent Wechat", ("com.tencent.mm",))
    got = signatures.product_doubles([wechat, libradar], stop)
    assert got == [("tencent-wechat", "wechat-opensdk", "com.tencent.mm")]
    # A platform entry whose name says more ("core") is another product, and so is one of another vendor.
    core = _sig("hms-core", "HMS Core", "Huawei (华为)", ("com.huawei.hms.support",))
    push = _sig("huawei-push", "HMS Push Kit", "Huawei", ("com.huawei.hms.support.api.push",), ("HMS Push",))
    assert signatures.product_doubles([core, push], stop) == []
    other = _sig("wechat-clone", "Wechat", "Someone Else", ("com.tencent.mm",))
    assert signatures.product_doubles([wechat, other], stop) == []
    # A prefix above two products is a namespace: its entry is the platform, not a double of either.
    game = _sig("huawei-game", "HMS Push Game", "Huawei", ("com.huawei.hms.support.api.game",))
    push_named = _sig("hms-push", "HMS Push", "Huawei", ("com.huawei.hms.support",))
    assert signatures.product_doubles([push_named, push, game], stop) == []
    got = signatures.product_doubles([push_named, push], stop)
    assert got == [("hms-push", "huawei-push", "com.huawei.hms.support")]


def test_catalogue_has_no_product_doubles(cat: signatures.Catalogue, rules: signatures.Rules) -> None:
    assert signatures.product_doubles(cat, rules.name_stop_words) == []
    # The LibRadar WeChat entry was folded into the curated one, broader prefix included.
    assert "tencent-wechat" not in cat.signatures
    assert cat.match_class("com.tencent.mm.algorithm.MD5") is cat.get("wechat-opensdk")
    assert "libradar:com.tencent.mm" in cat.get("wechat-opensdk").provenance


def test_extensions_add_facts_to_curated_entries_only(tmp_path: Path) -> None:
    _rules(tmp_path)
    _write(tmp_path, "alpha")
    (tmp_path / "imported").mkdir()
    ext = tmp_path / signatures.EXTENSIONS
    ext.write_text('[alpha]\npackages = ["org.alpha"]\nexamples = ["org.alpha.X"]\n', encoding="utf-8")
    assert signatures.load_dir(tmp_path).match_class("org.alpha.Y") is not None
    ext.write_text('[beta]\npackages = ["org.beta"]\n', encoding="utf-8")
    with pytest.raises(DataError, match="not curated ids"):
        signatures.load_dir(tmp_path)
    ext.write_text('[alpha]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(DataError, match="must be a table of"):
        signatures.load_dir(tmp_path)


def test_load_or_none(monkeypatch: pytest.MonkeyPatch) -> None:
    assert signatures.load_or_none() is signatures.load()
    heard: list[DataError] = []

    def broken() -> signatures.Catalogue:
        raise DataError("sdk_signatures/x.toml: invalid")

    monkeypatch.setattr(signatures, "load", broken)
    assert signatures.load_or_none() is None
    assert signatures.load_or_none(heard.append) is None and "x.toml" in str(heard[0])

    def buggy() -> signatures.Catalogue:
        raise KeyError("a bug, not a broken catalogue")

    monkeypatch.setattr(signatures, "load", buggy)
    with pytest.raises(KeyError):
        signatures.load_or_none()


@pytest.mark.parametrize("value", [0, -1, "3", True, 10_001])
def test_min_classes_must_be_a_positive_count(value: object) -> None:
    doc = {"id": "x-sdk", "name": "X", "vendor": "X", "category": "ads", "packages": ["com.x.sdk"],
           "provenance": ["curated"], "examples": ["com.x.sdk.A"], "min_classes": value}  # fmt: skip
    with pytest.raises(DataError, match="min_classes"):
        signatures.parse_signature(doc, "x-sdk.toml")


def test_min_classes_is_read() -> None:
    doc = {"id": "x-sdk", "name": "X", "vendor": "X", "category": "ads", "packages": ["com.x.sdk"],
           "provenance": ["curated"], "examples": ["com.x.sdk.A"], "min_classes": 20}  # fmt: skip
    assert signatures.parse_signature(doc, "x-sdk.toml").min_classes == 20
    assert signatures.load().get("amap-location").min_classes == 20
