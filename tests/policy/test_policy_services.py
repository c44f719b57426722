"""The well-known services list (appaudit/data/policy_services.toml): every entry's example sentence gives a
row naming it, platform words give none, and the loader rejects malformed or ambiguous entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from appaudit.errors import DataError
from appaudit.policy import services
from appaudit.policy.accuracy import rows_match
from appaudit.policy.analyze import analyze
from appaudit.signatures import normalize_policy_text


def _rows(tmp_path: Path, text: str, name: str = "policy.txt") -> list[dict[str, Any]]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    rows: list[dict[str, Any]] = analyze([f]).sections["policy"]["sdk_rows"]
    return rows


def test_every_example_names_its_service(tmp_path: Path) -> None:
    svc = services.load()
    assert len(svc.services) >= 150
    missed = []
    for s in svc.services:
        rows = _rows(tmp_path, s.example)
        names = [r["name"] for r in rows]
        if not any(rows_match(n, spelling) for n in names for spelling in (s.name, *s.aliases)):
            missed.append((s.name, s.example, names))
    assert not missed, missed


def test_every_category_is_covered() -> None:
    have = {s.category for s in services.load().services}
    assert have == services.CATEGORIES


@pytest.mark.parametrize(
    "text",
    [
        "We use Google Play to distribute the app.",
        "Purchases are made through the App Store; Apple processes your payment.",
        "Your notes are synced with iCloud.",
        "The app stores settings in SharedPreferences on your device.",
        "我们通过应用商店分发本应用，并使用鸿蒙系统的能力。",
        "The app uses StoreKit to process purchases.",
        # Languages and toolkits the app is built with, the app's own channel on a platform.
        "The app was developed using Android Studio and Kotlin.",
        "本应用基于Flutter开发，使用Dart语言。",
        "本应用的图标使用了Material Design图标库。",
        "我们使用微信小程序为您提供服务。",
        # A document kept on a code host.
        "This privacy policy is available on GitHub and you may use it freely.",
    ],
)
def test_platform_words_are_no_rows(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A name that is also an English word counts written as a name, not as a sentence's first word.
        ("Payments are processed by Stripe.", ["Stripe"]),
        ("Stripe payments are accepted in the shop.", []),
        ("The colours stripe across the screen and we use them.", []),
        # Every capitalised word of the product as written: "WeChat login" is a phrase.
        ("Sign in with Apple lets you log in; we use Sign in with Apple for accounts.", ["Sign in with Apple"]),
        # Spellings that differ only in capitals are each a way to write the product ("… service" and "… Service").
        ("Pushes are sent through the Apple Push Notification service.", ["Apple Push Notification service"]),
        ("Pushes are sent through the Apple Push Notification Service.", ["Apple Push Notification Service"]),
        # Where the app's own code lives is no recipient; where bug reports go is.
        ("The source code is available on GitHub.", []),
        ("Bug reports you submit are stored on GitHub.", ["GitHub"]),
        # A company's name is a provider, not another product.
        ("第三方机构名称：腾讯云计算（北京）有限责任公司", []),
        # A maker in brackets after a product.
        ("User data is stored in Firebase Firestore (Google Cloud Platform).", ["Firebase Firestore"]),
        # A longer product the list does not know is not the service inside it; the service's own product is.
        ("Data is accessed by DoubleClick Bid Manager reports.", []),
        ("Payments are processed by Stripe Checkout.", ["Stripe Checkout"]),
        # The author thanking its visitors is no third party.
        ("Thank you for visiting SenseTime Website. We collect data shared with SenseTime.", []),
        # The reader's own accounts on a platform.
        ("You may sign up through one of your social media accounts (e.g. Facebook or Twitter).", []),
        ("若您使用我们的付费服务，需要您提供您的银行或支付宝账户信息以完成费用支付。", []),
        ("您选择向第三方（微信朋友圈、微博等）分享内容时，需要授权读取您在该平台的公开信息。", []),
    ],
)
def test_service_names_in_context(tmp_path: Path, text: str, want: list[str]) -> None:
    assert [r["name"] for r in _rows(tmp_path, text)] == want


def _doc(**over: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "context": {
            "verbs_en": ["use"], "verbs_zh": ["使用"], "object_verbs_en": ["contains"], "object_verbs_zh": ["包含"],
            "section_en": ["third party"], "section_zh": ["第三方"], "platforms": ["App Store"],
            "companies": ["Acme"], "account_words": ["account"], "code_words": ["source code"],
            "social_words": ["log in"],
        },
        "service": [{"name": "Quokka Cloud", "aliases": ["Quokka"], "category": "cloud", "example": "x"}],
    }
    doc.update(over)
    return doc


def test_loader_reads_a_minimal_file() -> None:
    svc = services.Services(_doc())
    hits = svc.find(normalize_policy_text("We use Quokka Cloud and Quokka."))
    assert [h.spelling for h in hits] == ["quokka cloud", "quokka"]
    assert svc.find(normalize_policy_text("Quokkas are not products.")) == []


@pytest.mark.parametrize(
    ("service", "message"),
    [
        ({"name": "X1", "aliases": [], "category": "cloud"}, "example"),
        ({"name": "X1", "aliases": [], "category": "nope", "example": "x"}, "category"),
        ({"name": "App Store", "aliases": [], "category": "cloud", "example": "x"}, "platform"),
        ({"name": "Acme", "aliases": [], "category": "cloud", "example": "x"}, "company"),
        ({"name": "X1", "aliases": ["Quokka"], "category": "cloud", "example": "x"}, "names both"),
        ({"name": "X1", "aliases": [], "word_aliases": ["Other"], "category": "cloud", "example": "x"}, "among"),
    ],
)
def test_loader_rejects_bad_entries(service: dict[str, object], message: str) -> None:
    doc = _doc()
    entries = doc["service"]
    assert isinstance(entries, list)
    with pytest.raises(DataError, match=message):
        services.Services(_doc(service=[*entries, service]))


def test_loader_needs_context_lists(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="context"):
        services.Services({"service": []})
    bad = tmp_path / "s.toml"
    bad.write_text("[context\n", encoding="utf-8")
    with pytest.raises(DataError):
        services.load_file(bad)


def test_product_likeness_word_lists_load() -> None:
    from appaudit.policy import services as policy_services

    svc = policy_services.load()
    # Each list feeds records.unlike_product (tests/policy/test_policy_records.py has its sentences).
    assert {"id", "identifier", "handle", "凭据"} <= svc.identifier_words
    assert {"scenario", "obligations", "consent"} <= svc.title_words
    assert "规则" in svc.title_ends_zh and "描述" in svc.title_ends_zh
    assert {"consent", "mode"} <= svc.setting_words
    # A title word is no product's own word: no service name is made only of them.
    assert not any(s.name.lower() in svc.title_words for s in svc.services)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("We use Hotjar and Microsoft Clarity to understand how the site is used.", {"Hotjar", "Microsoft Clarity"}),
        ("Payments are processed via PhonePe and Razorpay.", {"PhonePe", "Razorpay"}),
        ("Crash reports are sent to Sentry and Rollbar.", {"Sentry", "Rollbar"}),
    ],
)
def test_two_products_of_one_kind_in_a_sentence_are_two_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    """Each product is its own entry: two of one kind named together are not one service named twice."""
    assert names <= {r["name"] for r in _rows(tmp_path, text)}


def test_every_spelling_names_one_product_only() -> None:
    """An entry's aliases are spellings of its product, not other products of its kind (those are entries)."""
    svc = services.load()
    firsts = {normalize_policy_text(s.name) for s in svc.services}
    for s in svc.services:
        assert not {normalize_policy_text(a) for a in s.aliases} & (firsts - {normalize_policy_text(s.name)}), s.name


def test_catalogue_names_in_the_list_are_the_catalogues_products() -> None:
    """A spelling the SDK catalogue also lists (appaudit/data signatures, `names.name_index`) names the same
    product there: the catalogue's row wins in a sentence (records.py), so a clash would turn one product's name
    into another's row. Same product: the signature's display name and the service share a name."""
    from appaudit.signatures import Signature, default_dir, load_dir

    catalogue = load_dir(default_dir())
    index: dict[str, Signature] = {}
    for sig in catalogue:
        for n in (*sig.policy_names, sig.name):
            index.setdefault(normalize_policy_text(n), sig)
    # Checked by reading: the catalogue's WeChat OpenSDK covers WeChat Pay, Baidu Mobile Statistics is 百度统计.
    read_same = {"微信支付": "wechat-opensdk", "百度统计": "baidu-mobstat"}
    clashes = []
    for s in services.load().services:
        for spelling in (s.name, *s.aliases):
            sig = index.get(normalize_policy_text(spelling))
            if sig is None or read_same.get(spelling) == sig.id:
                continue
            if not any(rows_match(sig.name, own) for own in (s.name, *s.aliases)):
                clashes.append((spelling, s.name, sig.id, sig.name))
    assert not clashes, clashes


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Regional payment providers named together are each a row.
        ("Payments are processed by Paytm, Cashfree or GCash.", {"Paytm", "Cashfree", "GCash"}),
        ("Payments are processed by Mercado Pago and PagSeguro.", {"Mercado Pago", "PagSeguro"}),
        ("您的支付将通过拉卡拉或连连支付完成。", {"拉卡拉", "连连支付"}),
        # Open location data: cell towers and Wi-Fi networks sent to a database.
        (
            "Nearby cell towers and Wi-Fi networks are sent to BeaconDB or the Mozilla Location Service.",
            {"BeaconDB", "Mozilla Location Service"},
        ),
        # Data fetched from, loaded from or checked against a service.
        ("Prices are fetched from CoinGecko.", {"CoinGecko"}),
        ("Map tiles are loaded from OpenFreeMap, which receives your IP address.", {"OpenFreeMap"}),
        ("Comments are checked against Akismet.", {"Akismet"}),
        # AI hosts, speech and feature flags.
        ("Images are generated by Stability AI and Midjourney.", {"Stability AI", "Midjourney"}),
        ("Feature flags are evaluated by LaunchDarkly.", {"LaunchDarkly"}),
        ("您的语音会上传至云知声进行识别。", {"云知声"}),
    ],
)
def test_products_of_every_kind_are_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    assert names <= {r["name"] for r in _rows(tmp_path, text)}


@pytest.mark.parametrize(
    "text",
    [
        # Spellings that are ordinary words count only written as a name, not as a sentence's first word.
        "Wise users back up their data, which is stored on the device only.",
        "Drift in the sensor readings is corrected and the values are stored locally.",
        "Linear regressions are computed on your device and are not shared.",
        "Pocket-sized summaries are generated on your device.",
        # A button label or a biometric method is no product of the list.
        "Biometric data such as your fingerprint is processed on your device only.",
        "Make sure you back up your data before you uninstall the app; we do not store it.",
        "Daily backups are stored on your device.",
    ],
)
def test_word_like_names_need_to_be_written_as_names(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, text) == []


def test_a_longer_product_is_not_the_service_inside_it(tmp_path: Path) -> None:
    names = [r["name"] for r in _rows(tmp_path, "Your listening history is synced with Pocket Casts Plus.")]
    assert "Pocket" not in names


def test_a_section_named_after_a_kind_of_provider_names_providers(tmp_path: Path) -> None:
    """A product listed under a heading naming a kind of provider ("Hosting", "Payment processing") is one of the
    app's providers of that kind even without a verb; a denial there is still none, and a word-like name at a
    sentence's start is still a word."""
    text = (
        "# Privacy Policy\n\n## Hosting\n\n- Netlify\n\n## Payment processing\n\nStripe (stripe.com)\n\n"
        "## Analytics\n\nWe do not use Google Analytics or any tracker. Plausible.\n\n"
        "## Advertising\n\nThe app shows no ads and is available on Google Play.\n"
    )
    assert [r["name"] for r in _rows(tmp_path, text, "policy.md")] == ["Netlify", "Stripe"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Photos are stored in Amazon S3 and account data in Amazon RDS.", {"Amazon S3", "Amazon RDS"}),
        ("图片存储在阿里云OSS，验证码短信通过阿里云短信服务发送。", {"阿里云OSS", "阿里云短信服务"}),
        ("Documents are exported to Google Docs and tables to Google Sheets.", {"Google Docs", "Google Sheets"}),
    ],
)
def test_a_vendors_products_are_rows_of_their_own(tmp_path: Path, text: str, names: set[str]) -> None:
    """A cloud vendor's products are entries of their own: two named in one text are two rows, not the vendor."""
    assert names <= {r["name"] for r in _rows(tmp_path, text)}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("为了让火山 ASR 读取音频，系统会把文件临时上传到火山 TOS。", {"火山 ASR", "火山 TOS"}),
        ("身份证照片会上传至百度 OCR 识别，视频存储在腾讯云 COS。", {"百度 OCR", "腾讯云 COS"}),
        ("录音通过阿里云 ASR 转写，转写结果存储在阿里云 OSS。", {"阿里云 ASR", "阿里云 OSS"}),
        ("您的语音会上传至讯飞ASR进行识别，朗读使用华为云 TTS。", {"讯飞ASR", "华为云 TTS"}),
        ("我們使用 Google 地圖顯示店家位置。", {"Google 地圖"}),
    ],
)
def test_a_vendors_product_by_its_abbreviation_is_a_row(tmp_path: Path, text: str, names: set[str]) -> None:
    """Chinese policies name a cloud product by the vendor's short name and the product's abbreviation, with a
    space or without: each is a row as written."""
    got = {r["name"] for r in _rows(tmp_path, text)}
    assert names <= got, got


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A maker list, the devices' word, then the push SDK as one Latin word (label convention C3).
        ("为实现推送，我们会使用小米、魅族、华为、OPPO、VIVO 手机等第三方的 PushSDK，收集设备标识。",
         {"小米", "魅族", "华为", "OPPO", "VIVO"}),
        ("我们集成了华为、小米、vivo手机的Push服务，用于向您发送通知。", {"华为", "小米", "vivo"}),
        ("我們會使用華為、小米、OPPO 等廠商的推送服務，並收集裝置資訊。", {"華為", "小米", "OPPO"}),
        # A list labelled as the makers' push; a system-level push channel.
        ("厂商推送：华为、小米、OPPO、vivo、魅族，收集设备标识。", {"华为", "小米", "OPPO", "vivo", "魅族"}),
        ("我们会使用小米、华为、OPPO手机的系统级推送通道，收集您的设备标识。", {"小米", "华为", "OPPO"}),
        # Taiwan wording: 推播 (push), 透過 (through), 製造商.
        ("為了推播通知，我們會透過華為、小米、OPPO 等手機製造商的推播服務傳送訊息。", {"華為", "小米", "OPPO"}),
        # Devices, not parties: no push, no makers' word.
        ("本应用支持华为、小米、OPPO 手机，并收集设备型号。", set()),
        ("根据华为、小米等厂商的要求，我们会在推送前征得您的同意并收集设备型号。", set()),
        ("如您使用华为、小米手机，可在系统设置中关闭推送，我们会收集设备型号。", set()),
        ("我们不会通过小米、华为手机等第三方的 PushSDK 收集您的信息。", set()),
    ],
)
def test_device_makers_named_as_push_recipients_are_rows(tmp_path: Path, text: str, names: set[str]) -> None:
    got = {r["name"] for r in _rows(tmp_path, text)}
    assert got == names if not names else names <= got, got


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("# FlirtScan 隱私政策\n\n感謝您使用 FlirtScan（以下簡稱「本應用」）。"
         "我們使用 Firebase 收集匿名統計，FlirtScan 不出售資料。\n", "FlirtScan"),
        ("关于隐私的声明\n\n本政策仅适用于本公司（以下简称「我们」）的产品「PandNEXT」。\n\n"
         "我们使用 Firebase 统计使用情况，使用PandNEXT APP时我们会收集设备型号。\n", "PandNEXT"),
    ],
)
def test_the_apps_own_name_is_no_row(tmp_path: Path, text: str, own: str) -> None:
    names = {r["name"] for r in _rows(tmp_path, text, "policy.md")}
    assert not any(own in n for n in names), names


@pytest.mark.parametrize(
    "text",
    [
        "我们使用自己的COOKIES和WEB BEACON，用于以下用途：记住您的身份。",
        "我们或第三方合作伙伴可能通过Cookie和web beacon获取您的信息。",
        "您使用我们的服务时，我们会通过网络Beacon收集浏览信息。",
    ],
)
def test_a_web_beacon_after_a_chinese_word_is_a_technique(tmp_path: Path, text: str) -> None:
    """A web beacon is a web technique, not the Beacon SDK, also right after a Chinese character; a name that
    opens with a person ("我们使用…") is a clause."""
    assert _rows(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Visa/Mastercard/银联等卡组织要求的清算数据同步。", {"Visa", "Mastercard", "银联"}),
        ("Visa、Mastercard 会接收交易流水号。", {"Visa", "Mastercard"}),
        ("广告投放效果归因（如 Google Ads、Meta 像素）会使用设备 ID。", {"Google Ads", "Meta 像素"}),
    ],
)
def test_a_list_of_names_opening_a_sentence_names_each(tmp_path: Path, text: str, names: set[str]) -> None:
    """A word-like name opening a list of names ("Visa/Mastercard") is a name, not the sentence's first word;
    Meta's pixel is an ads product of its own, not the social platform."""
    got = {r["name"] for r in _rows(tmp_path, text)}
    assert names <= got, got


@pytest.mark.parametrize(
    "text",
    [
        "分析应用使用模式以改进用户体验（仅使用匿名聚合数据）。",
        "We run an app check at start-up and collect no data.",
    ],
)
def test_common_phrases_are_no_services(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "# 关于StarNote与隐私的声明\n\n我们使用 Firebase 统计使用情况，使用StarNote APP时我们会收集设备型号。\n",
        "# 欢迎使用StarNote\n\n欢迎您使用StarNote！我们使用 Firebase 统计使用情况，StarNote App会收集设备型号。\n",
        "# 隱私權政策\n\n歡迎使用 StarNote（以下稱「本服務」）。"
        "我們使用 Firebase 統計使用情況，StarNote App 會蒐集裝置型號。\n",
    ],
)
def test_the_app_welcoming_the_reader_is_its_own_name(tmp_path: Path, text: str) -> None:
    names = {r["name"] for r in _rows(tmp_path, text, "policy.md")}
    assert "Firebase" in names and not any("StarNote" in n for n in names), names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我们使用腾讯云 TSF 部署服务，并存储您的日志。", {"腾讯云 TSF"}),
        ("图片存储在腾讯云 COS，日志存储在腾讯云 CLS。", {"腾讯云 COS", "腾讯云 CLS"}),
        ("您的消息通过阿里云MNS传输。", {"阿里云MNS"}),
        ("我们使用阿里云 SDK 存储图片。", {"阿里云"}),
    ],
)
def test_a_cloud_vendor_and_a_product_abbreviation_is_the_product(tmp_path: Path, text: str, names: set[str]) -> None:
    """A Chinese cloud vendor's name right before an upper-case abbreviation names that product, even one the
    list lacks; "SDK" or "API" after it is no product."""
    assert {r["name"] for r in _rows(tmp_path, text)} == names


@pytest.mark.parametrize(
    "text",
    [
        "我们通过安全支付通道处理您的付款信息。",
        "验证码会在60秒验证后失效，我们会收集您的手机号码。",
        "我们有赞助商提供的活动，并会共享参与记录。",
        "我们会将信息共享给北京媒体合作方。",
    ],
)
def test_a_name_inside_a_common_word_is_no_row(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("我们使用有赞提供商城服务，会收集订单信息。", "有赞"), ("我们使用秒验提供一键登录，会收集手机号码。", "秒验")],
)
def test_the_name_itself_stays_a_row(tmp_path: Path, text: str, name: str) -> None:
    assert name in {r["name"] for r in _rows(tmp_path, text)}


def test_every_common_word_holds_a_known_name() -> None:
    """Each `common_words_zh` entry holds a catalogue or services-list name (else it guards nothing)."""
    from appaudit.policy import names
    from appaudit.signatures import load

    known = {normalize_policy_text(a) for s in services.load().services for a in (s.name, *s.aliases)}
    known |= {normalize_policy_text(n) for sig in load() for n in (*sig.policy_names, sig.name)}
    words = names._common_words()
    assert words
    orphans = [w for w in words if not any(k in w and k != w for k in known if len(k) >= 2)]
    assert not orphans, orphans


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我们使用google ads投放广告，会收集设备信息。", {"google ads"}),
        ("支付通过stripe完成，我们会收集订单信息。", set()),  # also an English word: a name only capitalised
        ("We use google ads to show ads and collect device data.", set()),
    ],
)
def test_a_lower_case_latin_name_in_a_chinese_sentence_is_a_name(tmp_path: Path, text: str, names: set[str]) -> None:
    assert {r["name"] for r in _rows(tmp_path, text)} == names


# Round 11 (unseen English policies): an item's label saying what a kind of service does is no product, and
# the products after it are the rows.
@pytest.mark.parametrize(
    ("label", "values", "want"),
    [
        ("Communication", "SendGrid, Twilio", ["SendGrid", "Twilio"]),
        ("Billing", "Stripe", ["Stripe"]),
        ("Database", "Supabase", ["Supabase"]),
        ("Backend", "Firebase", ["Firebase"]),
        ("Deep linking", "Branch", ["Branch"]),
        ("Feature flags", "LaunchDarkly", ["LaunchDarkly"]),
        ("Identity verification", "Onfido", ["Onfido"]),
        ("Transactional email", "Postmark", ["Postmark"]),
        ("Translation", "DeepL", ["DeepL"]),
        ("Subscription management", "RevenueCat", ["RevenueCat"]),
        ("Chat", "Sendbird", ["Sendbird"]),
        ("Transcription", "Deepgram", ["Deepgram"]),
        ("Captcha", "hCaptcha", ["hCaptcha"]),
        ("Localization", "Crowdin", ["Crowdin"]),
    ],
)
def test_kind_labels_are_no_rows(tmp_path: Path, label: str, values: str, want: list[str]) -> None:
    text = (
        "# Privacy\n\n## Providers\n\nThe app relies on these third-party services:\n\n"
        f"- **Hosting:** Amazon Web Services\n- **{label}:** {values}\n"
    )
    names = [r["name"] for r in _rows(tmp_path, text, "policy.md")]
    assert label not in names and label.title() not in names
    assert all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    "heading",
    ["Information Collected by Third Parties", "Data Processed by Third Parties", "Data Gathered by Partners",
     "Information Stored by Service Providers"],
)
def test_heading_of_data_handled_by_others_is_no_row(tmp_path: Path, heading: str) -> None:
    text = f"# Privacy\n\n### {heading}\n\nThe app shows banners from Google AdMob, which may collect an ad ID.\n"
    names = [r["name"] for r in _rows(tmp_path, text, "policy.md")]
    assert names == ["Google AdMob"], names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("- Debug crashes and improve stability (Instabug, Bugsnag).", ["Instabug", "Bugsnag"]),
        ("We monitor the app's stability with Bugsnag and Sentry.", ["Bugsnag", "Sentry"]),
        ("Freezes are diagnosed with Embrace.", ["Embrace"]),
        ("We troubleshoot failed syncs using Datadog.", ["Datadog"]),
        # The words alone, or about the reader's own device, name nothing.
        ("The monitoring of your sleep happens on the watch.", []),
        ("We debug problems you report to us by email.", []),
    ],
)
def test_services_a_crash_is_watched_with(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text)]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    "lead",
    [
        "When you turn on location services for route tracking:",
        "If you allow Location Services, the app records:",
        "With background services enabled the app keeps:",
    ],
)
def test_device_services_lead_no_list_of_services(tmp_path: Path, lead: str) -> None:
    text = (
        "# Privacy\n\n## What we collect\n\n"
        f"{lead}\n\n- **Trail Points**: where you walked\n- **Climb Profile**: height gained\n"
        "- **Pace Figures**: speed per kilometre\n- **User Control**: you may switch it off in settings\n"
    )
    assert _rows(tmp_path, text, "policy.md") == []


def test_device_services_are_blanked_only_where_written() -> None:
    from appaudit.policy.vocab import normalize

    svc = services.load()
    n = normalize("Enable location services to use the third-party services below")
    out = svc.without_device_services(n)
    assert len(out) == len(n) and "location" not in out and "third-party services" in out
    plain = normalize("We use the following services:")
    assert svc.without_device_services(plain) == plain


@pytest.mark.parametrize(
    ("item", "name"),
    [
        ("- **Stripe**: card payments made on the web", "Stripe"),
        ("- **Postmark** – receipts sent by email", "Postmark"),
        ("- Plausible: page visits counted without cookies", "Plausible"),
    ],
)
def test_word_alias_labelling_an_item_is_the_product(tmp_path: Path, item: str, name: str) -> None:
    # Items of mixed kinds (companies, a bold label) under one lead-in: each item is read as a sentence.
    text = (
        "# Privacy\n\n## Who receives data\n\nWe share data with these third parties who help us run the app:\n\n"
        "**Sign-in**\n- **Acme Corp.**: sign-in\n- **Globex LLC**: sign-in\n\n**Other**\n" + item + "\n"
    )
    assert name in [r["name"] for r in _rows(tmp_path, text, "policy.md")]


@pytest.mark.parametrize(
    "text",
    ["Stripe patterns are drawn on the map.", "Plausible reasons are listed below: none apply."],
)
def test_word_alias_opening_a_sentence_stays_a_word(tmp_path: Path, text: str) -> None:
    assert _rows(tmp_path, text) == []


def test_same_sdk_with_and_without_its_vendor_is_one_row(tmp_path: Path) -> None:
    text = (
        "# Privacy\n\n## Ads\n\n### Information shared with third parties\n\n"
        "- Google AdMob: shows banners and may collect the advertising ID\n- Sentry: crash reports\n\n"
        "## Retention\n\n**AdMob Data:**\nData collected by Google AdMob is kept under Google's retention rules.\n"
    )
    names = [r["name"] for r in _rows(tmp_path, text, "policy.md")]
    assert sum(rows_match(n, "AdMob") for n in names) == 1, names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A catalogue SDK as the recipient of a sharing verb, one capital and no SDK word near it.
        ("Your route is shared with Mapbox to draw the map.", ["Mapbox"]),
        ("We share install events with Kochava.", ["Kochava"]),
        # A platform the reader links, read from or written to.
        ("Your workouts are written to Apple Health after each session.", ["Apple Health"]),
        ("Resting heart rate is read from Google Fit once a day.", ["Google Fit"]),
        ("Rides are imported from Garmin Connect when you link it.", ["Garmin Connect"]),
        # Plural nouns and English words after the same verbs stay words.
        ("Your posts are shared with Friends you choose.", []),
        ("Please read from the top of this page.", []),
    ],
)
def test_recipients_read_and_written_platforms(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text)]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    ("label", "parts", "want"),
    [
        ("Services Used", "Authentication, Cloud Messaging", ["Firebase Authentication", "Firebase Cloud Messaging"]),
        ("Products used", "Crashlytics and Remote Config", ["Crashlytics", "Firebase Remote Config"]),
        ("Features", "Cloud Firestore, Authentication", ["Cloud Firestore", "Firebase Authentication"]),
    ],
)
def test_parts_listed_under_their_sdk_heading(tmp_path: Path, label: str, parts: str, want: list[str]) -> None:
    text = (
        "# Privacy\n\n## Services we rely on\n\n### Google Firebase\n\n"
        f"- **{label}**: {parts}\n- **Purpose**: sign-in and notifications\n"
        "- **Privacy Policy**: https://firebase.google.com/support/privacy\n"
    )
    names = [r["name"] for r in _rows(tmp_path, text, "policy.md")]
    assert all(any(rows_match(n, w) for n in names) for w in want), names
    assert "Purpose" not in names and "Services Used" not in names


def test_parts_label_under_a_heading_that_is_no_sdk(tmp_path: Path) -> None:
    text = "# Privacy\n\n### How we work\n\n- **Services used**: Authentication, Messaging\n- **Purpose**: support\n"
    assert _rows(tmp_path, text, "policy.md") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Cloudflare protects the sync API from attacks.", ["Cloudflare"]),
        ("Our endpoints are protected by Fastly.", ["Fastly"]),
        ("Image requests are proxied through Bunny.net.", ["Bunny.net"]),
        ("We protect your notes with end-to-end encryption.", []),
    ],
)
def test_services_traffic_passes_through(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text)]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The author's own products named with the app's brand word are no third party.
        ("# Privacy Policy for Wombat Notes\n\nNotes are synced to Wombat Cloud when you turn on sync. Crash "
         "reports are sent to Sentry.\n", ["Sentry"]),
        ("# Privacy Policy - Wombat Notes\n\n## Third-party services\n\n- **Wombat Relay**: our push backend\n"
         "- **Bugsnag**: crash reports\n", ["Bugsnag"]),
        ("# Wombat Notes Privacy Policy\n\nWe use Wombat Insights, our own tool, and Mixpanel.\n", ["Mixpanel"]),
        # A known platform the app is named after stays a row.
        ("# Privacy Policy for Strava Route Sync\n\nRides are uploaded to Strava when you connect it.\n", ["Strava"]),
        ("# Fitbit Scale Sync Privacy Policy\n\nWeights are read from Fitbit and written to Apple Health.\n",
         ["Fitbit", "Apple Health"]),
    ],
)
def test_own_products_and_platforms_the_app_is_named_after(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text, "policy.md")]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    "label", ["Crash Reporter", "AI Model Provider", "Payment Gateway", "Search Engine", "Error Tracker"]
)
def test_kinds_of_tool_as_item_labels_are_no_rows(tmp_path: Path, label: str) -> None:
    text = (
        "# Privacy\n\n## Third-party services\n\n"
        f"- **{label}**: receives what the app sends it\n- **Sentry**: crash logs\n"
    )
    assert [r["name"] for r in _rows(tmp_path, text, "policy.md")] == ["Sentry"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Used once, not now: that name only.
        ("We previously used Crashlytics but removed it in version 2.0.", []),
        ("We stopped using Firebase Analytics in 2024 and now use TelemetryDeck.", ["TelemetryDeck"]),
        ("We formerly used the Mixpanel SDK; today we use PostHog.", ["PostHog"]),
        # Items of an enumeration a denial opens share its denial; an enumeration used stays rows.
        ("The app does not include the Facebook SDK, Firebase, or any analytics.", []),
        ("The app never contacts AppsFlyer, Adjust, or Branch.", []),
        ("We use Sentry, Mixpanel, and RevenueCat.", ["Sentry", "Mixpanel", "RevenueCat"]),
        # A denial before a comma and a new predicate is its own ("…, we use X").
        ("We do not sell your data, we use Sentry, Mixpanel, and Bugsnag.", ["Sentry", "Mixpanel", "Bugsnag"]),
        ("We don't track you, and we only use Bugsnag for crash reports.", ["Bugsnag"]),
        ("We do not share data with Mixpanel, Bugsnag or Amplitude.", []),
        ("We never sell your notes, but we use Sentry, Mixpanel and Bugsnag for crashes.",
         ["Sentry", "Mixpanel", "Bugsnag"]),
    ],
)
def test_past_use_and_denied_enumerations(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text)]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # What a chosen service replaces follows it: the chosen one is a row.
        ("We use Umami instead of Google Analytics.", ["Umami"]),
        ("We chose Plausible rather than Google Analytics.", ["Plausible"]),
        ("We migrated to Supabase in 2024.", ["Supabase"]),
        # The exception to a denial is used.
        ("Other than RevenueCat, no third party receives your data.", ["RevenueCat"]),
        ("We do not use any SDKs other than Firebase Crashlytics.", ["Firebase Crashlytics"]),
        ("No data is shared with third parties except Stripe, which processes payments.", ["Stripe"]),
        # Examples of what the app avoids are not.
        ("We avoid services like Google Analytics and use Umami instead.", ["Umami"]),
        ("We avoid trackers such as Mixpanel or Amplitude.", []),
        ("To avoid data loss, backups are stored on Backblaze B2.", ["Backblaze B2"]),
    ],
)
def test_chosen_excepted_and_avoided_services(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text)]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Libraries named as licences are credits, no rows.
        ("This app includes software licensed under the Apache License 2.0, including OkHttp and Retrofit.", []),
        ("# Acknowledgements\n\nThis app uses Lottie by Airbnb and Kingfisher by onevcat, both MIT licensed.\n", []),
        # A service with its terms, or one that a licence sentence says collects, stays a row.
        ("We use Mapbox, licensed under its terms of service, to show maps.", ["Mapbox"]),
        ("Sentry (MIT licensed) collects crash reports.", ["Sentry"]),
    ],
)
def test_libraries_named_as_licences(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text, "policy.md")]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The phone's own backup copying app data to the reader's cloud is the platform's.
        ("If you turn on Android's own backup, Android may copy your lists to your Google Drive.", []),
        ("With Android Auto Backup, the system keeps app data in your Google Drive.", []),
        ("Your device backup may include the app's files in OneDrive.", []),
        # The app's own backup feature stays a row.
        ("Backups you start in the app are uploaded to your Google Drive.", ["Google Drive"]),
    ],
)
def test_os_backup_is_no_row(tmp_path: Path, text: str, want: list[str]) -> None:
    names = [r["name"] for r in _rows(tmp_path, text)]
    assert len(names) == len(want) and all(any(rows_match(n, w) for n in names) for w in want), names


def test_labels_of_what_a_provider_is_or_does_are_no_rows(tmp_path: Path) -> None:
    """Bold-label items under a third-party heading whose label says what a provider is or does ("Limited
    Control", "Emergency Services") are no rows; the named services of the same list are."""
    text = (
        "# Privacy\n\n## 9. Third-Party Services\n\n### 9.1 Services we integrate\n"
        "- **Mapbox**: maps and routing for your trips\n"
        "- **Emergency Services**: local responders near you\n"
        "- **Weather Services**: forecast providers for storm alerts\n"
        "- **Message Delivery**: sending alerts to your circle\n\n"
        "### 9.2 Their policies\n"
        "- **Separate Policies**: each provider has its own policy\n"
        "- **Limited Control**: we cannot control how they handle data\n"
        "- **Due Diligence**: we choose providers with care\n"
        "- **User Notification**: we tell users about new integrations\n"
    )
    names = {r["name"] for r in _rows(tmp_path, text, "policy.md")}
    assert names == {"Mapbox"}


@pytest.mark.parametrize(
    "lead",
    [
        "We keep what you give us only as long as we need it to provide our services:",
        "The app stores records on its servers to offer club-specific services:",
        "To run our service well, we keep:",
        "Your data stays with us while we improve the app's services:",
    ],
)
def test_own_services_lead_no_list_of_services(tmp_path: Path, lead: str) -> None:
    text = (
        "# Privacy\n\n## Retention\n\n"
        f"{lead}\n\n- **Match Logs**: kept for two seasons\n- **Ticket Stubs**: kept for one year\n"
        "- **Training Plans**: until you delete them\n"
    )
    assert _rows(tmp_path, text, "policy.md") == []


@pytest.mark.parametrize(
    "lead",
    [
        "To provide our services we rely on these service providers:",
        "Our service uses the following third-party services:",
        "We share data with our service providers:",
    ],
)
def test_own_services_beside_third_parties_still_lead_a_list(tmp_path: Path, lead: str) -> None:
    text = (
        "# Privacy\n\n## Providers\n\n"
        f"{lead}\n\n- **Quillpost Mailer**: sends sign-in emails\n- **Brambleton Cloud**: hosts the database\n"
    )
    names = {r["name"] for r in _rows(tmp_path, text, "policy.md")}
    assert names == {"Quillpost Mailer", "Brambleton Cloud"}, names


@pytest.mark.parametrize(
    "title",
    ["#### a) Providing Devotional Services", "### Offering Booking Services", "### 2. Delivering Our Services"],
)
def test_a_title_saying_what_the_app_provides_leads_no_list_of_services(tmp_path: Path, title: str) -> None:
    # A section titled by the app's own services: its items are the app's features, no third parties.
    text = (
        f"# Privacy\n\n## How we use information\n\n{title}\n"
        "- **Hymn Time Reminder**: Using your location to time reminders\n"
        "- **Compass Heading**: Using the compass to point the way\n"
        "- **Evening Alerts**: Sending local reminders\n"
    )
    assert _rows(tmp_path, text, "policy.md") == []


@pytest.mark.parametrize("title", ["### Providing third-party services", "### Providing External Services"])
def test_a_title_providing_third_party_services_still_leads(tmp_path: Path, title: str) -> None:
    text = (
        f"# Privacy\n\n## Sharing\n\n{title}\n"
        "- **Quillpost Mailer**: sends sign-in emails\n- **Brambleton Cloud**: hosts the database\n"
    )
    names = {r["name"] for r in _rows(tmp_path, text, "policy.md")}
    assert names == {"Quillpost Mailer", "Brambleton Cloud"}, names


def test_own_services_are_blanked_only_where_written() -> None:
    from appaudit.policy.vocab import normalize

    svc = services.load()
    n = normalize("To provide our services we use third-party services and our service providers")
    out = svc.without_device_services(n)
    assert len(out) == len(n)
    assert "our services" not in out and "third-party services" in out and "our service providers" in out


@pytest.mark.parametrize("store", ["Google PlayStore", "PlayStore", "Google Play Store"])
def test_a_store_spelt_as_one_word_is_a_platform(tmp_path: Path, store: str) -> None:
    text = (
        "# Privacy\n\n## Data collected by others\n\nThe following third party organisations may collect data:\n\n"
        f"- [{store}](https://policies.google.com/privacy), store where the app is published\n"
        "- [Mixpanel](https://mixpanel.com/legal/privacy-policy), usage analytics\n"
        "- [Sentry](https://sentry.io/privacy/), crash reports\n"
    )
    assert {r["name"] for r in _rows(tmp_path, text, "policy.md")} == {"Mixpanel", "Sentry"}


@pytest.mark.parametrize(
    "text",
    [
        "## License\n\nThis policy is adapted from [Quokka's Privacy Statement](https://quokka.example/privacy) "
        "and is licensed under a Creative Commons licence.\n",
        "## Licence\n\nThis text reuses [the Wombat Privacy Notice](https://wombat.example/privacy-policy).\n",
        "## Data security\n\n### Technical measures\n\n- Database: Row Level Security (RLS)\n- Transport: TLS 1.3\n",
        "## Lender\n\nLoans in the app are provided by:\n\n- Quokka Lending Ltd\n- Registered in Kenya\n"
        "- Address: 4 Example Road, Nairobi\n",
    ],
)
def test_licence_registration_address_and_security_labels_are_no_rows(tmp_path: Path, text: str) -> None:
    names = {r["name"] for r in _rows(tmp_path, f"# Privacy Policy\n\n{text}", "policy.md")}
    assert not names & {"License", "Licence", "Row Level Security", "Registered in Kenya", "Address"}, names


def test_a_lenders_registration_line_is_no_row(tmp_path: Path) -> None:
    # A place after "Registered in" (place words of title_words_en) under a lead-in "… are provided by:".
    text = (
        "# ZentraPay Privacy Policy\n\n## 12. Lender Information & Regulatory Compliance\n\n"
        "ZentraPay loan services available within the ZentraPay mobile application are provided by:\n\n"
        "ZentraPay Technologies Ltd  \nRegistered in Ghana  \nAddress: No. 9, Sample Street, Accra.\n\n"
        "ZentraPay Technologies Ltd is the licensed lender for loans in the ZentraPay app.\n"
    )
    assert _rows(tmp_path, text, "policy.md") == []


def test_a_brand_with_a_security_word_is_still_a_row(tmp_path: Path) -> None:
    text = "# Privacy\n\n## Third-party services\n\nWe use Quokkaguard Security to check wallet addresses.\n"
    names = {r["name"] for r in _rows(tmp_path, text, "policy.md")}
    assert names == {"Quokkaguard Security"}, names
