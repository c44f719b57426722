"""The catalogue name index: the same answers as Catalogue.match_policy_name for SDK-list cells, and
whole-word matching of ASCII names in running text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from appaudit.policy import names
from appaudit.policy.analyze import analyze
from appaudit.policy.names import camel_product, en_product, name_index, zh_brand, zh_name_span
from appaudit.policy.names import title_words as _title_words
from appaudit.signatures import load, normalize_policy_text


def _row_names(tmp_path: Path, text: str) -> list[str]:
    """The SDK rows `appaudit policy` names for a policy of this text."""
    f = tmp_path / "policy.txt"
    f.write_text(text, encoding="utf-8")
    return [r["name"] for r in analyze([f]).sections["policy"]["sdk_rows"]]


CELLS = [
    "极光推送SDK",
    "友盟+推送SDK",
    "Firebase Crashlytics",
    "Google AdMob",
    "腾讯Bugly SDK（com.tencent.bugly）",
    "小米推送（MiPush）SDK",
    "OneSignal",
    "Some Unknown Kit",
    "高德定位SDK",
    "Mobile ads",
]


@pytest.mark.parametrize("cell", CELLS)
def test_best_agrees_with_match_policy_name(cell: str) -> None:
    cat = load()
    want = cat.match_policy_name(cell)
    got = name_index(cat).best(cell)
    assert (got.id if got else None) == (want.id if want else None)


def test_ascii_names_match_whole_words_only() -> None:
    index = name_index(load())
    names = {n for _s, _e, n, _sig in index.find(normalize_policy_text("Mobile apps use AdMob, not Mobx."))}
    assert "admob" in names and "mob" not in names


def test_index_is_built_once_per_catalogue() -> None:
    cat = load()
    assert name_index(cat) is name_index(cat)


def test_names_sharing_words_are_one_name_as_written() -> None:
    # "Google Firebase" and "Firebase Analytics" overlap in "Google Firebase Analytics": one name, the
    # product of the later (more specific) one; names that only touch stay two.
    idx = name_index(load())
    norm = normalize_policy_text("We use Google Firebase Analytics and AdMob.")
    hits = [(name, sig.id) for _s, _e, name, sig in idx.find(norm)]
    assert hits == [("google firebase analytics", "firebase-analytics"), ("admob", "admob")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我们接入了蜂鸟统计SDK", "蜂鸟统计"),
        ("本应用使用了由北京某某科技有限公司提供的闪电地图SDK", "闪电地图"),
        ("Our app integrates the Mixpanel SDK", "Mixpanel"),
        ("We use Google Mobile Ads SDK", "Google Mobile Ads"),
        ("我们使用了阿里云 OSS SDK", "阿里云 OSS"),
        ("接入了腾讯Bugly SDK", "腾讯Bugly"),
        ("集成了百度ocpc SDK", "百度ocpc"),
        ("集成了小米推送（MiPush）SDK", "小米推送（MiPush）"),
        ("友盟SDK、蜂鸟SDK", "蜂鸟"),
        ("请您审慎阅读第三方SDK", ""),
        ("该SDK", ""),
    ],
)
def test_zh_name_before_a_suffix(text: str, name: str) -> None:
    assert zh_name_span(text, text.lower().rfind("sdk"))[1] == name


def test_zh_brand_is_empty_for_category_names() -> None:
    assert zh_brand("第三方广告") == "" and zh_brand("消息推送") == "" and zh_brand("手机厂商Push") == ""
    assert zh_brand("个推推送") == "个推" and zh_brand("蜂鸟统计") == "蜂鸟"


@pytest.mark.parametrize(
    ("name", "product"),
    [
        ("Supabase", True),
        ("RevenueCat", True),
        ("Sign in with Google", True),
        ("Google Analytics for Firebase", True),
        ("Personal Data", False),
        ("Service Providers", False),
        ("Our Service", False),
        ("After", False),
        ("Analytics", False),
        ("Suppliers", False),
        ("Localytics", True),
        ("google analytics", False),
        ("Firebase with lots of words here", False),
    ],
)
def test_en_product(name: str, product: bool) -> None:
    assert en_product(name) is product


def test_camel_product() -> None:
    assert camel_product("RevenueCat") and camel_product("PostHog") and camel_product("Web3Auth")
    assert not camel_product("Supabase") and not camel_product("Analytics")


@pytest.mark.parametrize(
    "name",
    ["The California Consumer Privacy Act", "General Data Protection Regulation", "EU-US Privacy Shield", "The App"],
)
def test_laws_and_titles_are_no_products(name: str) -> None:
    assert not en_product(name)


@pytest.mark.parametrize(
    "name",
    ["API Key", "API Keys", "Access Token", "HTTP Basic Auth", "Basic Auth", "Bearer Token", "SharedPreferences",
     "AppStorage", "UserDefaults", "Keychain", "SQLite", "IndexedDB", "VII", "XII"],
)
def test_access_terms_local_storage_and_section_numbers_are_no_products(name: str) -> None:
    # Technical terms of access, the app's own on-device storage and Roman section numbers name no third party.
    assert not en_product(name)
    assert not (camel_product(name) and " " not in name and not _title_words(name))


@pytest.mark.parametrize("name", ["Auth0", "Supabase Auth", "Firebase Authentication", "Google Phone Auth Recaptcha",
                                  "Web3Forms", "X", "Keychain Access Kit"])
def test_products_beside_those_words_stay_products(name: str) -> None:
    assert en_product(name) or camel_product(name)


@pytest.mark.parametrize(
    ("text", "want"),
    [("我们的产品集成友盟+SDK", "友盟+"), ("本应用接入了蜂鸟+SDK", "蜂鸟+"), ("我们使用了友盟SDK", "友盟")],
)
def test_a_plus_closing_a_chinese_brand_is_part_of_the_name(text: str, want: str) -> None:
    assert zh_name_span(text, text.index("SDK"))[1] == want


@pytest.mark.parametrize("name", ["程序化广告", "用户行为埋点类", "埋点"])
def test_programmatic_and_tracking_point_words_are_generic(name: str) -> None:
    assert len(zh_brand(name)) < 2


def test_simplified_chars_keeps_positions() -> None:
    from appaudit.policy.names import simplified_chars

    assert simplified_chars("由支付寶提供") == "由支付宝提供"
    assert simplified_chars("我们使用支付宝") == "我们使用支付宝"
    assert simplified_chars("We use Stripe") == "We use Stripe"
    s = "我們使用阿里雲提供的雲端儲存服務"
    assert len(simplified_chars(s)) == len(s) and "阿里云" in simplified_chars(s)


def test_kinds_of_software_are_no_brand() -> None:
    from appaudit.policy.names import zh_brand

    assert zh_brand("开源地图") == "" and zh_brand("Android系统定位") == "" and zh_brand("自研推送") == ""
    assert zh_brand("蜂鸟地图") == "蜂鸟"


def test_a_lead_in_is_no_shaped_name() -> None:
    from appaudit.policy.names import shaped_name

    assert not shaped_name("本APP使用了以下第三方SDK：")
    assert not shaped_name("我们接入了如下SDK")
    assert shaped_name("蜂鸟推送") and shaped_name("字节跳动火山引擎")


@pytest.mark.parametrize(
    "fragment",
    ["参见", "会按", "详见", "请依照", "将根据", "均需", "可按照", "会所述", "前文所述", "下述", "每个", "会要求",
     "停止", "以免", "随着"],
)
def test_a_clause_fragment_is_no_brand(fragment: str) -> None:
    assert zh_brand(fragment) == ""
    assert zh_brand(fragment + "统计") == ""


@pytest.mark.parametrize("brand", ["腾讯会议", "见微", "即构", "火山", "应用宝", "随行付", "每日互动", "当当", "经纬"])
def test_function_characters_inside_a_brand_stay(brand: str) -> None:
    assert zh_brand(brand) != ""


@pytest.mark.parametrize(
    "text",
    [
        "电话号码属于敏感信息，具体情况请参见 SDK 运营方的隐私政策或相关声明。",
        "我们会按 SDK、API 接口、云服务托管等类型列明共享情况。",
        "收集的信息详见SDK开发者的隐私政策。",
        "第三方收集的信息可依照 SDK 提供方的说明查询。",
    ],
)
def test_clause_fragments_before_sdk_give_no_row(tmp_path: Path, text: str) -> None:
    assert _row_names(tmp_path, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "我们会为每个推送设置一个编号，并收集设备信息。",
        "我们会根据一个推荐算法向您展示内容，并收集设备信息。",
        "您继续使用本服务即构成您对本政策的同意，我们会收集设备信息。",
        "您继续使用本服务即构\n成您对本政策的同意，我们会收集设备信息。",
        "我们将数据存储于云信息系统，并收集设备信息。",
        "我们通过金融云服务存储数据并收集设备信息。",
    ],
)
def test_a_short_brand_inside_a_common_word_is_no_row(tmp_path: Path, text: str) -> None:
    assert _row_names(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("我们使用个推提供推送服务，收集设备标识。", "个推"),
        ("我们使用即构提供音视频通话服务，收集设备信息。", "即构"),
        ("我们使用网易云信提供即时通讯服务，收集设备信息。", "网易云信"),
        ("我们使用融云提供即时通讯服务，收集设备信息。", "融云"),
    ],
)
def test_the_brand_itself_stays_a_row(tmp_path: Path, text: str, name: str) -> None:
    assert name in _row_names(tmp_path, text)


def test_products_listed_in_one_item_are_a_row_each(tmp_path: Path) -> None:
    text = (
        "隐私政策\n\n本应用接入了以下第三方SDK：\n\n（1）微信SDK：用于微信登录和分享，会收集您的设备信息。\n"
        "（2）OPPO推送、vivo推送、小米推送、华为推送：用于消息推送，会收集设备型号。\n"
        "（3）腾讯Bugly：用于收集崩溃日志。\n"
    )
    names = _row_names(tmp_path, text)
    assert {"OPPO推送", "vivo推送", "小米推送", "华为推送", "微信SDK"} <= set(names), names
    assert not any("、" in n for n in names)


def test_an_item_listing_kinds_stays_one_name(tmp_path: Path) -> None:
    text = (
        "隐私政策\n\n本应用接入了以下第三方SDK：\n\n（1）微信SDK：用于微信登录和分享，会收集您的设备信息。\n"
        "（2）微信、QQ、微博分享SDK：用于分享，会收集设备型号。\n"
    )
    names = _row_names(tmp_path, text)
    assert "QQ" not in names and "微博分享SDK" not in names, names


@pytest.mark.parametrize(
    "text",
    [
        "我们接入了个性化推送SDK，会收集您的设备信息。",
        "我们会将设备信息共享给精准广告平台。",
        "我们使用定向推送服务收集您的设备信息。",
        "我们会将设备信息共享给发送短信平台。",
        "我们接入了关闭推送SDK，会收集您的设备信息。",
        "我们接入了例如统计SDK，会收集您的设备信息。",
    ],
)
def test_a_kind_of_targeting_or_an_act_before_a_product_word_is_no_row(tmp_path: Path, text: str) -> None:
    assert _row_names(tmp_path, text) == []


@pytest.mark.parametrize(("text", "name"), [("我们接入了有道翻译SDK，会收集设备信息。", "有道翻译SDK"),
                                           ("我们接入了个推推送SDK，会收集设备信息。", "个推推送SDK")])
def test_a_brand_before_a_product_word_stays(tmp_path: Path, text: str, name: str) -> None:
    assert name in _row_names(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        "我们的应用接入了技术SDK，该SDK会读取您的设备型号。",
        "软件开发包SDK由合作的第三方公司提供，可能获取您的IP地址。",
        "为核对您的身份，我们集成了人脸核身SDK，会收集您的面部图像。",
        "扫一扫功能使用了二维码扫描SDK与OCR识别SDK，会调用摄像头。",
        "视频功能接入了播放器SDK和图片加载SDK，会读取存储空间。",
        "第三方SDK技术 SDK技术由第三方机构提供，我们仅知悉其申请的权限。",
    ],
)
def test_a_kind_of_software_or_device_function_before_sdk_is_no_row(tmp_path: Path, text: str) -> None:
    assert _row_names(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("为核对您的身份，我们集成了蜂鸟人脸核身SDK，会收集您的面部图像。", "蜂鸟人脸核身SDK"),
        ("扫一扫功能使用了云雀OCR SDK，会调用摄像头。", "云雀OCR SDK"),
    ],
)
def test_a_brand_before_a_device_function_stays(tmp_path: Path, text: str, name: str) -> None:
    assert name in _row_names(tmp_path, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("为方便登录，我们接入了移动一键登录SDK，会获取您的本机号码。", "移动一键登录SDK"),
        ("本机号码校验使用联通认证SDK，会获取您的手机号码。", "联通认证SDK"),
        ("注册时我们调用电信号码认证SDK，会读取本机号码。", "电信号码认证SDK"),
    ],
)
def test_a_carrier_before_its_sign_in_product_is_a_brand(tmp_path: Path, text: str, name: str) -> None:
    assert name in _row_names(tmp_path, text)


@pytest.mark.parametrize(
    "text",
    [
        "我们接入了移动推送SDK，会收集您的设备信息。",
        "我们接入了手机号一键登录SDK，会获取您的本机号码。",
        "我们集成了移动应用统计SDK，会收集设备型号。",
    ],
)
def test_mobile_as_a_word_or_sign_in_without_a_carrier_is_no_brand(tmp_path: Path, text: str) -> None:
    assert _row_names(tmp_path, text) == []


def test_carrier_sign_in_headings_over_sdk_records_are_rows(tmp_path: Path) -> None:
    records = "".join(
        f"<h3>{head}</h3><p>第三方机构名称：{org}</p><p>使用场景：在用户使用本机号码一键登录时使用</p>"
        for head, org in (("蜂鸟推送SDK", "蜂鸟科技有限公司"), ("移动一键登录", "某移动互联网公司"),
                          ("联通一键登录", "某联通公司"))
    )
    f = tmp_path / "list.html"
    f.write_text(f"<html><body><h1>第三方SDK列表</h1>{records}</body></html>", encoding="utf-8")
    names = [r["name"] for r in analyze([f]).sections["policy"]["sdk_rows"]]
    assert "移动一键登录" in names and "联通一键登录" in names


@pytest.mark.parametrize(
    "text",
    [
        "第三方SDK：\n（1）蜂鸟SDK：用于统计，会收集设备信息。\n（2）客户端通用库：我们使用了客户端通用库，包括网络库、下载模块。\n",
        "我们接入了开源网络库SDK，会读取您的网络状态。",
        "我们使用了底层框架SDK，会读取设备型号。",
    ],
)
def test_a_library_named_by_its_layer_is_no_row(tmp_path: Path, text: str) -> None:
    assert "客户端通用库" not in _row_names(tmp_path, text)
    assert not any("库" in n or "底层" in n for n in _row_names(tmp_path, text))


def test_a_brand_before_a_library_word_stays(tmp_path: Path) -> None:
    assert "Fresco" in _row_names(tmp_path, "我们使用了Fresco图库加载图片，会读取存储空间。")


@pytest.mark.parametrize("name", ["EncryptedSharedPreferences", "NSUserDefaults", "DataStore", "AsyncStorage"])
def test_more_on_device_storage_is_no_product(name: str) -> None:
    # The app's own storage on the device (Android, iOS, React Native): no third party receives data.
    assert not en_product(name)
    assert not (camel_product(name) and " " not in name and not _title_words(name))


def test_on_device_storage_in_prose_is_no_row(tmp_path: Path) -> None:
    text = "隐私政策\n\n您的登录凭据使用 EncryptedSharedPreferences 加密保存在您的设备上。\n"
    assert _row_names(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("应用唯一的第三方组件是 Acme 官方 Swift SDK", "Acme 官方 Swift"),
        ("我们接入了 Foo 官方 Android SDK", "Foo 官方 Android"),
        ("我们安装了蜂鸟统计SDK", "蜂鸟统计"),
        ("应用内不安装 Google SDK", "Google"),
    ],
)
def test_a_maker_before_generic_words_and_install_verbs(text: str, want: str) -> None:
    """Generic words between a maker and its product ("Acme 官方 Swift SDK") keep the maker in the name; a verb of
    installing ends what comes before the name."""
    assert zh_name_span(text, text.index("SDK"))[1] == want


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("Amazon Web Services", {}, "AWS"),
        ("Amazon Web Services", {"case": str.lower, "min_words": 3}, "aws"),
        ("Google Analytics", {"min_words": 3}, ""),  # too few words for an abbreviation by site
        ("Standard Contractual Clauses", {"skip": frozenset({"of"})}, "SCC"),
        ("Bank of the Quokka", {"skip": frozenset({"of", "the"})}, "BQ"),
        ("Apple Push Notification service", {"word_ok": lambda w: w[0].isupper() or w == "service"}, "APNS"),
        ("Apple push service", {"word_ok": lambda w: w[0].isupper()}, ""),  # a lower-case word: no acronym
        ("", {}, ""),
    ],
)
def test_initials_of_a_name(text: str, kwargs: dict[str, Any], expected: str) -> None:
    assert names.initials(text, **kwargs) == expected


def test_initials_split_by_a_word_pattern() -> None:
    # Words found by a pattern, not spaces: "Data-Processing (Quokka) Agreement" -> letters of the words only.
    word = re.compile(r"[A-Za-z][\w'-]*")
    assert names.initials("(Quokka) Data Agreement", words=word.findall) == "QDA"
    assert names.initials("(Quokka) Data Agreement") == "(DA"
