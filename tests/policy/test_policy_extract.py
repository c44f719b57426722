"""appaudit.policy.extract and vocab: declarations in context, hedges, negation, ambiguous words, permissions."""

from __future__ import annotations

from pathlib import Path

import pytest

from appaudit.policy import vocab as vocabulary
from appaudit.policy.extract import GENERIC_LOCATION, Context, build_glossary, cell_types, extract, resolve_locations
from appaudit.policy.load import load


def _decls(tmp_path: Path, text: str, name: str = "p.md") -> tuple[dict[str, list[object]], dict[str, str]]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    decls, perms = extract(load(f), vocabulary.load())
    types: dict[str, list[object]] = {}
    for d in decls:
        types.setdefault(d.data_type, []).append(d)
    return types, {p.permission: p.purpose for p in perms}


def test_normalize() -> None:
    n = vocabulary.normalize
    assert n("IP 地址") == "ip地址"
    assert n("Ｗｉ－Ｆｉ 列表") == "wifi列表"
    assert n("Android_ID") == "android id"
    assert n("  A\n\tB  ") == "a b"


def test_latin_words_need_word_boundaries() -> None:
    v = vocabulary.load()
    found = {h.term.target for h in v.find(vocabulary.normalize("a machine with images; imac; sip"))}
    assert "mac" not in found and "ip_address" not in found
    found = {h.term.target for h in v.find(vocabulary.normalize("IMEI/MAC/Android ID; IP addresses"))}
    assert {"imei", "mac", "android_id", "ip_address"} <= found


def test_longest_word_wins_across_types() -> None:
    v = vocabulary.load()
    hits = v.find(vocabulary.normalize("anonymous device identifier"))
    assert [h.term.target for h in hits] == ["oaid"]  # not also imei's "device identifier"


def test_a_word_listed_thousands_of_times_is_linear(tmp_path: Path) -> None:
    # Every listed word is its own hit (none is inside another); comparing every pair of hits took ~25 s here.
    v = vocabulary.load()
    hits = v.find(vocabulary.normalize("我们会收集" + "IMEI、" * 16000))
    assert len(hits) == 16000 and {h.term.target for h in hits} == {"imei"}
    types, _ = _decls(tmp_path, "我们会收集" + "IMEI、" * 16000 + "。\n", "p.txt")
    assert set(types) == {"imei"}


def test_collection_sentence_with_hedge(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "# 一、我们如何收集\n\n我们会收集您的设备型号、IMEI等信息。\n")
    (imei,) = types["imei"]
    assert imei.context is Context.COLLECTION and imei.hedged  # type: ignore[attr-defined]
    assert imei.quote == "我们会收集您的设备型号、IMEI等信息。"  # type: ignore[attr-defined]
    assert imei.location == "p.md §一、我们如何收集 ¶1"  # type: ignore[attr-defined]
    assert "device_info" in types


def test_sharing_context(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "We share your Android ID with advertising partners.\n")
    assert types["android_id"][0].context is Context.SHARING  # type: ignore[attr-defined]


def test_denial_is_not_a_declaration(tmp_path: Path) -> None:
    types, _ = _decls(
        tmp_path,
        "Open Note itself does not collect personal information such as address, name and E-Mail.\n\n"
        "我们不会收集您的通讯录。\n",
    )
    assert "email" not in types and "contacts" not in types


def test_definitions_are_not_declarations(tmp_path: Path) -> None:
    types, _ = _decls(
        tmp_path,
        "Personal information refers to information such as name, ID number, biometric information.\n\n"
        "## Personal sensitive information\n\nIncluding ID number, bank account, whereabouts.\n\n"
        "## What we collect\n\nWe collect your email address.\n",
    )
    assert set(types) == {"email"}


def test_ambiguous_words_need_a_strong_verb_or_permission(tmp_path: Path) -> None:
    types, _ = _decls(
        tmp_path,
        "我们会用 AES 对称加密的方法存储您的敏感信息。\n\n"
        "我们可通过微信、手机短信等方式向您发送活动提醒，我们会收集您的手机号码。\n\n"
        "您开启存储权限后，我们会读取相册中的照片。\n",
    )
    assert "sms" not in types  # 短信 is the channel, not collected
    (storage, *_) = types["photos_storage"]
    assert "存储权限" in storage.quote  # type: ignore[attr-defined]
    assert all("AES" not in d.quote for d in types["photos_storage"])  # type: ignore[attr-defined]
    assert "phone_number" in types


def test_generic_location_resolution(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "We collect your location information to show nearby stores.\n")
    decls = [d for ds in types.values() for d in ds]
    assert GENERIC_LOCATION in types
    assert {d.data_type for d in resolve_locations(decls, precise=False)} == {"location_coarse"}  # type: ignore[attr-defined]
    assert {d.data_type for d in resolve_locations(decls, precise=True)} == {"location_precise"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sentence",
    [
        "We collect your location information to show nearby stores.",
        # The Termly template's geo-location paragraph.
        "We may request access or permission to and track location-based information from your mobile device.",
        "We collect your geographic location to show local air quality.",
        "第三方SDK因功能需要，需要获取如IMEI、位置、OAID等唯一标识符信息。",
        # iubenda's "Personal Data processed" lists, and other spellings of the same generic words.
        "Personal Data processed: email address; geographic position.",
        "We collect geo-location data to show the weather where you are.",
        "The SDK reads location info to pick the nearest server.",
        "该SDK会收集定位数据用于统计。",
        "The app accesses your device's location only while in use to show the weather.",
    ],
)
def test_generic_location_words(tmp_path: Path, sentence: str) -> None:
    types, _ = _decls(tmp_path, sentence + "\n")
    assert GENERIC_LOCATION in types


def test_a_bare_location_word_needs_a_reading_verb(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "我们使用页面底部位置展示提示信息。\n")
    assert GENERIC_LOCATION not in types


def test_natural_language_permissions(tmp_path: Path) -> None:
    _, perms = _decls(
        tmp_path,
        "您可以在开启相机、相册权限后使用扫码功能。\n\n"
        "After you enable our permission to read/write your calendar, we add events.\n\n"
        "We read your phone status to ensure the carrier service.\n\n"
        "We use your camera when you scan.\n",
    )
    assert "android.permission.CAMERA" in perms and "相机" in perms["android.permission.CAMERA"]
    assert "android.permission.READ_EXTERNAL_STORAGE" in perms
    assert {"android.permission.READ_CALENDAR", "android.permission.WRITE_CALENDAR"} <= set(perms)
    assert "android.permission.READ_PHONE_STATE" in perms
    assert len([p for p in perms if "CAMERA" in p]) == 1


def test_permission_tables_and_foreign_platforms(policies_dir: Path) -> None:
    doc = load(policies_dir / "kirohuji__hope-front__jiamai_legal-permissions.md")
    decls, perms = extract(doc, vocabulary.load())
    names = {p.permission for p in perms}
    assert len(names) == 18 and all(n.startswith("android.permission.") for n in names)
    camera = next(p for p in perms if p.permission == "android.permission.CAMERA")
    assert camera.purpose.startswith("使用拍摄照片和视频、完成扫描二维码")
    # the data a permission gives access to is declared by the permission row
    by_type = {d.data_type for d in decls}
    assert {"camera", "microphone", "calendar", "app_list", "accounts", "photos_storage"} <= by_type
    # INTERNET and BLUETOOTH give no data by themselves
    assert "ip_address" not in by_type and "bluetooth_mac" not in by_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We collect your IMEI, MEID and IMSI.", {"imei", "meid", "imsi"}),
        ("我们会获取您的OAID、Android ID和MAC地址。", {"oaid", "android_id", "mac"}),
        ("We will collect your precise location (GPS) and Wi-Fi list.", {"location_precise", "wifi_info"}),
        ("我们会读取您的剪切板内容和应用安装列表。", {"clipboard", "app_list"}),
    ],
)
def test_words_from_the_ontology(tmp_path: Path, text: str, expected: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert expected <= set(types)


def test_vocabulary_file_is_validated() -> None:
    import tomllib
    from importlib import resources

    from appaudit import ontology
    from appaudit.errors import DataError

    doc = tomllib.loads(resources.files("appaudit.data").joinpath("policy_vocab.toml").read_text(encoding="utf-8"))
    vocabulary.build(doc, ontology.load())  # the shipped file is valid
    for key, bad in (
        ("weak_words", ["no such word"]),
        ("not_declaring", ["imei"]),
        ("not_declaring", ["nosuchtype:IMEI"]),
        ("hedges_en", "not a list"),
    ):
        with pytest.raises(DataError):
            vocabulary.build({**doc, key: bad}, ontology.load())


def test_denial_covers_its_own_clause_only(tmp_path: Path) -> None:
    types, _ = _decls(
        tmp_path,
        "我们仅会收集您的手机号码，不会收集您的通讯录。\n\n"
        "We collect your email address but we do not collect your contacts or call log.\n",
    )
    assert {"phone_number", "email"} <= set(types)
    assert not {"contacts", "call_log"} & set(types)


def test_permission_list_items_under_a_permission_heading(tmp_path: Path) -> None:
    _, perms = _decls(
        tmp_path,
        "## 权限说明\n\n- 相机：用于扫描二维码\n- 位置：用于推荐附近的门店\n\n"
        "## Permissions we request\n\n- Microphone: voice search\n\n"
        "## 联系我们\n\n- 电话：400-000-0000\n",
    )
    assert "android.permission.CAMERA" in perms and perms["android.permission.CAMERA"] == "相机：用于扫描二维码"
    assert "android.permission.ACCESS_FINE_LOCATION" in perms and "android.permission.RECORD_AUDIO" in perms
    assert "android.permission.READ_PHONE_STATE" not in perms  # a phone number under "contact us"


def test_permission_table_row_declares_the_types_it_names_of_its_permission(tmp_path: Path) -> None:
    # FINE_LOCATION gates more than one type, so the permission alone declares nothing; the row's words
    # say which: "精确位置" (precise), "获取大概位置" (coarse). A purpose word of another type does not count.
    f = tmp_path / "perm.md"
    f.write_text(
        "| 权限 | 描述 | 备注 |\n| - | - | - |\n"
        "| android.permission.ACCESS_COARSE_LOCATION | 获取大概位置 | 天气 |\n"
        "| android.permission.ACCESS_FINE_LOCATION | 允许应用访问精确位置 | 天气 |\n"
        "| android.permission.READ_PHONE_STATE | 读取电话状态 | 上传通讯录 |\n",
        encoding="utf-8",
    )
    from appaudit.policy.analyze import analyze

    types = set(analyze([f]).sections["policy"]["declared_data_types"])
    assert {"location_coarse", "location_precise"} <= types
    assert "contacts" not in types


def test_glossary_term_carries_its_defined_types_to_where_it_is_collected(tmp_path: Path) -> None:
    # The terms section defines "设备信息"; the collection sentence only says "设备信息".
    terms = tmp_path / "terms.md"
    terms.write_text("## 名词解释\n\n设备信息：是指IMEI、Android ID、OAID等设备标识。\n", encoding="utf-8")
    policy = tmp_path / "policy.md"
    policy.write_text("## 我们收集的信息\n\n为保障账号安全，我们会收集您的设备信息。\n", encoding="utf-8")
    from appaudit.policy.analyze import analyze

    types = analyze([terms, policy]).sections["policy"]["declared_data_types"]
    assert {"device_info", "imei", "android_id", "oaid"} <= set(types)
    # The quote names the term, not the type: each defined type says which term it came through.
    assert types["android_id"][0]["via"] == "设备信息" and types["android_id"][0]["quote"].endswith("设备信息。")
    assert "via" not in types["device_info"][0]
    # Rendered for a reader: the Markdown summary and the evidence sentence name the term.
    from appaudit.model import Source
    from appaudit.report import present
    from appaudit.report.i18n import messages
    from appaudit.report.options import RenderOptions
    from appaudit.report.section_markdown import policy_markdown

    report = analyze([terms, policy])
    assert "| as “设备信息”: 为保障账号安全" in policy_markdown(report)
    ev = next(e for e in report.evidence if e.source is Source.POLICY and e.data_type == "android_id")
    assert present.sentence(ev, messages("en"), RenderOptions()) == (
        "The policy declares Android ID; by the term “设备信息”, which the policy defines to include it"
    )
    assert "通过术语“设备信息”" in present.sentence(ev, messages("zh"), RenderOptions())
    # Alone, the definition declares nothing (a terms section is no collection) and the sentence only device_info.
    assert set(analyze([terms]).sections["policy"]["declared_data_types"]) == set()
    assert set(analyze([policy]).sections["policy"]["declared_data_types"]) == {"device_info"}


def test_a_generic_identifier_word_declares_what_the_policy_defines_it_as(tmp_path: Path) -> None:
    # "设备标识符" names no one identifier; where the policy defines it, that definition is what it declares.
    from appaudit.policy.analyze import analyze

    terms = tmp_path / "terms.md"
    terms.write_text("## 名词解释\n\n设备标识符：是指Android ID、OAID。\n", encoding="utf-8")
    policy = tmp_path / "policy.md"
    policy.write_text("## 我们收集的信息\n\n为识别设备，我们会收集您的设备标识符。\n", encoding="utf-8")
    assert set(analyze([terms, policy]).sections["policy"]["declared_data_types"]) == {"android_id", "oaid"}
    assert set(analyze([policy]).sections["policy"]["declared_data_types"]) == set()
    # In a permission table row too, the word declares no identifier.
    table = tmp_path / "perm.md"
    table.write_text(
        "| 权限 | 用途 |\n|---|---|\n| android.permission.ACCESS_FINE_LOCATION | 获取位置与设备ID |\n", encoding="utf-8"
    )
    assert "imei" not in analyze([table]).sections["policy"]["declared_data_types"]


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("## Third-Party Data Collection\n\nReview the privacy policies of your device manufacturer.\n", set()),
        ("## 第三方数据收集\n\n建议用户查阅所用操作系统及设备制造商的隐私政策。\n", set()),
        ("## Data\n\nThe SDK collects the device manufacturer.\n", {"device_info"}),
        ("## 第三方SDK\n\n该SDK会获取设备制造商。\n", {"device_info"}),
    ],
)
def test_a_device_maker_is_a_party_unless_it_is_read(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("No personal data such as your name or email address is collected.", set()),
        ("None of your data, including your location, is ever shared.", set()),
        ("We collect your email address, but no location data is collected.", {"email"}),
        ("We collect your email address; no other data such as your phone number is stored.", {"email"}),
        # in brackets: the bracket is its own clause
        ("The app works offline (no personal data such as your email or location is collected).", set()),
        ("We collect your phone number for login (no other data, such as your email, is stored).", {"phone_number"}),
        # "No matter …" is no denial; nor is a "no" that is not the subject of the passive verb.
        ("No matter where you are, your location data is collected.", {GENERIC_LOCATION}),
        ("We collect your phone number so that no account is shared.", {"phone_number"}),
    ],
)
def test_a_clause_with_no_data_as_its_subject_denies(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The "Log Data" template: the sentence after the one that reads data lists what was read.
        (
            "Our servers may record information about how you use the service. "
            "This log data may include your device type and operating system.",
            {"device_info", "usage_log"},
        ),
        # Not after a denial, and not in a sentence without a verb of its own.
        ("We do not read your files. This includes files on your SD card.", set()),
        ("We collect your email address. The app runs on any operating system.", {"email"}),
    ],
)
def test_an_ambiguous_word_right_after_a_reading_sentence(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


def test_other_platforms_permissions_declare_their_data_but_are_no_android_permissions(tmp_path: Path) -> None:
    text = (
        "## 权限说明\n\n| 权限 | 用途 |\n|---|---|\n| `ohos.permission.CAMERA` | 扫描二维码完成配对 |\n"
        "| ohos.permission.READ_PASTEBOARD | 识别口令 |\n\n"
        "- NSMicrophoneUsageDescription：用于语音输入\n- 本应用不会申请 NSContactsUsageDescription。\n"
    )
    types, perms = _decls(tmp_path, text)
    assert set(types) == {"camera", "clipboard", "microphone"} and perms == {}


def test_more_ios_and_harmonyos_permissions(tmp_path: Path) -> None:
    text = (
        "## 权限说明\n\n| 权限 | 用途 |\n|---|---|\n| ohos.permission.GET_INSTALLED_BUNDLE_LIST | 检测支付应用 |\n"
        "| ohos.permission.ACCELEROMETER | 摇一摇 |\n\n"
        "- NSLocationWhenInUseUsageDescription：用于显示附近门店\n- NSSpeechRecognitionUsageDescription：语音搜索\n"
    )
    types, perms = _decls(tmp_path, text)
    # iOS's location permission says no precision: a generic location, resolved per policy set.
    assert set(types) == {"app_list", "sensors", GENERIC_LOCATION, "microphone"} and perms == {}


@pytest.mark.parametrize(
    ("cell", "types"),
    [
        ("storage", set()),
        ("云存储服务", set()),
        ("存储权限、设备型号", {"photos_storage", "device_info"}),
        ("Storage permission", {"photos_storage"}),
    ],
)
def test_a_permission_only_word_in_an_sdk_cell_needs_its_cue(cell: str, types: set[str]) -> None:
    # "Supabase – storage", "Google Cloud Platform provides cloud storage": a service, not the user's files.
    assert {dt for dt, _h in cell_types(vocabulary.load(), cell)} == types


@pytest.mark.parametrize(
    ("cell", "types"),
    [
        ("广告标识符（IDFA）、设备型号", {"idfa", "device_info"}),
        ("Advertising identifier (IDFA), app interactions", {"idfa", "usage_log"}),
        ("设备标识符（IMEI、Android ID）", {"imei", "android_id"}),
        ("设备信息（设备型号、系统版本）", {"device_info"}),
        ("广告标识符、位置信息", {"gaid", GENERIC_LOCATION}),
    ],
)
def test_an_sdk_data_cell_counts_a_labelled_list_by_its_items(cell: str, types: set[str]) -> None:
    assert {dt for dt, _hit in cell_types(vocabulary.load(), cell)} == types


@pytest.mark.parametrize(
    ("cell", "types"),
    [
        # the SMS service's own name or kind in a record ("由某云短信服务提供", "a text-message gateway") is no SMS data
        ("验证码由某云短信服务发送，仅传输手机号码", {"phone_number"}),
        ("Verification texts go through an SMS gateway; we transmit your phone number only", {"phone_number"}),
        ("The SMS API provider receives your phone number", {"phone_number"}),
        # the user's messages still are
        ("收集手机号码、短信内容", {"phone_number", "sms"}),
        ("reads your SMS to fill in the one-time code", {"sms"}),
    ],
)
def test_an_sms_service_named_in_a_record_is_no_sms_data(cell: str, types: set[str]) -> None:
    assert {dt for dt, _hit in cell_types(vocabulary.load(), cell)} == types


def test_ambiguous_words_in_a_list_led_by_a_strong_verb(tmp_path: Path) -> None:
    # "crash" alone needs a verb that reads data; the heading of the list has it. Under a heading without
    # one, the same item declares nothing.
    from appaudit.policy.analyze import analyze

    f = tmp_path / "p.md"
    f.write_text("# Data gathered by crashlytics:\n\n1. Phone model\n1. When crash happened\n", encoding="utf-8")
    assert {"usage_log", "device_info"} <= set(analyze([f]).sections["policy"]["declared_data_types"])
    g = tmp_path / "q.md"
    g.write_text("# Changes\n\n- When crash happened we fixed it\n", encoding="utf-8")
    assert "usage_log" not in analyze([g]).sections["policy"]["declared_data_types"]


def test_a_section_headed_by_a_denial_declares_nothing(tmp_path: Path) -> None:
    text = (
        "## 我们收集的信息\n\n- 设备型号\n\n## 我们不收集的信息\n\n"
        "- 通讯录、通话记录、短信\n- 设备标识符（IMEI、Android ID）的收集\n\n"
        "## Data we do not collect\n\n- your contacts and your email address\n\n"
        "## We do not collect data except crash reports\n\n- crash reports with a stack trace\n"
    )
    types, _ = _decls(tmp_path, text)
    assert set(types) == {"device_info", "usage_log"}


def test_a_data_word_giving_a_contact_detail_is_not_collected(tmp_path: Path) -> None:
    contact = "## 联系我们\n\n- 联系邮箱：help@example.cn\n- 联系电话：+86 10 1234 5678\n"
    types, _ = _decls(tmp_path, contact + "- Email: a.b@example.org\n- Emails:c@example.org\n")
    assert types == {}
    # A value in brackets (a template placeholder, an address in angle brackets) is a contact detail too.
    types, _ = _decls(tmp_path, "## 联系我们\n\n- 电子邮箱：[privacy@example.com]\n- Email: <help@example.org>\n")
    assert types == {}
    types, _ = _decls(tmp_path, "## 我们收集的信息\n\n- 邮箱：用于找回密码\n")
    assert set(types) == {"email"}


def test_bare_android_permission_constants_are_literal_permissions(tmp_path: Path) -> None:
    text = (
        "## Permissions\n\n"
        "- ACCESS_COARSE_LOCATION and ACCESS_FINE_LOCATION -- needed to show your position on the map.\n"
        "- `ACCESS_WIFI_STATE` -- to find the receiver.\n"
        "- WRITE_EXTERNAL_STORAGE -- to store maps.\n"
        "- MAX_SIZE and CAMERA are not permissions written as constants.\n"
    )
    types, perms = _decls(tmp_path, text)
    assert set(perms) == {
        "android.permission.ACCESS_COARSE_LOCATION",
        "android.permission.ACCESS_FINE_LOCATION",
        "android.permission.ACCESS_WIFI_STATE",
        "android.permission.WRITE_EXTERNAL_STORAGE",
    }
    # A permission gating several types declares the one its name says (not cell_info, not the MAC).
    assert {"location_precise", "location_coarse", "wifi_info", "photos_storage"} <= set(types)
    assert not {"cell_info", "mac"} & set(types)


def test_a_permission_named_in_words_does_not_pick_one_of_its_types(tmp_path: Path) -> None:
    types, perms = _decls(tmp_path, "You need to authorize us to use WLAN permissions to connect.\n")
    assert "android.permission.ACCESS_WIFI_STATE" in perms and "wifi_info" not in types


def test_term_lines_after_a_definitions_lead_are_definitions(tmp_path: Path) -> None:
    text = (
        "# 第三方SDK目录\n\n关键术语定义：\n\n设备标识信息：设备标识符（IMEI、IDFA、OAID）、软件列表\n\n"
        "网络信息：IP地址、WiFi信息\n\n以下是我们接入的第三方SDK：\n\n数据类型：网络信息、设备型号\n"
    )
    types, _ = _decls(tmp_path, text)
    # The term lines declare nothing themselves; the SDK's data line after the run does.
    assert not {"imei", "idfa", "oaid", "app_list", "ip_address"} & set(types)
    assert {"network_info", "device_info"} <= set(types)


def test_a_we_collect_sentence_after_a_definition_in_the_same_paragraph_declares(tmp_path: Path) -> None:
    text = (
        "个人数据是指能够单独或与其他信息结合识别个人身份的信息，例如身份证号码。"
        "我们收集的数据取决于您使用的产品，包括姓名、电子邮箱、电话号码。\n"
    )
    types, _ = _decls(tmp_path, text)
    assert {"name", "email", "phone_number"} <= set(types) and "id_number" not in types


@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        (
            "Metadata refers to data that describes data, such as your email address. When you use the app, we will "
            "use photo metadata to provide features including precise facial recognition.\n",
            {"biometric"},
            {"email"},
        ),
        ("设备信息是指设备型号等信息，例如IMEI。我们会使用您的IP地址识别异常登录。\n", {"ip_address"}, {"imei"}),
        (
            "个人信息是指以电子或者其他方式记录的能够识别特定自然人身份的各种信息。本隐私政策中涉及的个人信息包括：个人常用"
            "设备信息（包括硬件型号、设备MAC地址、唯一设备识别码（如IMEI））；个人位置信息（包括经纬度）。\n",
            {"mac", "imei", "location_precise"},
            set(),
        ),
    ],
)
def test_a_we_use_sentence_after_a_definition_in_the_same_paragraph_declares(
    tmp_path: Path, text: str, declared: set[str], not_declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert declared <= set(types) and not (not_declared & set(types))


@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        # The label of a list declares what the list names, not its own type.
        ("我们会收集广告标识符（IDFA）。", {"idfa"}, {"gaid"}),
        ("我们会收集设备识别码：包括Android ID、OAID。", {"android_id", "oaid"}, {"imei"}),
        ("We collect mobile device identifiers (such as your advertising ID).", {"gaid"}, {"imei"}),
        # A word summing up the list before it.
        ("我们会收集Android ID、OAID等设备标识符。", {"android_id", "oaid"}, {"imei"}),
        # A bracket that explains with a verb is not a list: the word keeps its type.
        (
            "We collect your coarse location (the IP address is collected and mapped to a city).",
            {"location_coarse", "ip_address"},
            set(),
        ),
        ("我们会获取您的粗略位置（基于IP地址）。", {"location_coarse", "ip_address"}, set()),
        ("We collect your approximate location (derived from your IP address).", {"location_coarse"}, set()),
        # Alone, the word is what it says.
        ("我们会收集国际移动设备识别码。", {"imei"}, set()),
        # A generic identifier word names no one identifier: alone it declares none.
        ("我们会收集设备识别码。", set(), {"imei"}),
        ("Unity may collect your device identifier and IP address.", {"ip_address"}, {"imei"}),
    ],
)
def test_a_data_word_labelling_a_list_declares_the_list(
    tmp_path: Path, text: str, declared: set[str], not_declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert declared <= set(types) and not (not_declared & set(types)), set(types)


def test_a_glossary_term_defined_through_a_label_takes_the_labels_list(tmp_path: Path) -> None:
    from appaudit.policy.extract import build_glossary

    f = tmp_path / "p.md"
    f.write_text("设备信息包括：设备识别码：包括Android ID、OAID；设备型号。\n", encoding="utf-8")
    glossary = build_glossary([load(f)], vocabulary.load())
    assert glossary["设备信息"] == frozenset({"android_id", "oaid"})


def test_log_files_are_the_usage_log_not_stored_files(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "We collect log files when the app crashes.\n")
    assert set(types) == {"usage_log"}


def test_a_heading_about_switching_permissions_is_no_denial(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "## 我们收集的信息\n\n### 如何开启或关闭权限\n\n- 相机权限：用于扫码\n")
    assert "camera" in types


def test_a_list_led_in_by_a_denial_declares_nothing(tmp_path: Path) -> None:
    text = (
        "## Data\n\nWe do not collect the following data:\n\n- your contacts\n- your email address\n\n"
        "**Data we do not collect**\n\n- your precise location\n\n以下信息我们不会收集：\n\n- 通讯录\n- 短信\n\n"
        "We collect the following data:\n\n- your IP address\n\n"
        "We do not share your data except with:\n\n- Sentry, which receives crash reports\n\n"
        "## 权限\n\n我们不会申请以下权限：\n\n- 相机权限\n"
    )
    types, perms = _decls(tmp_path, text)
    assert set(types) == {"ip_address", "usage_log"} and perms == {}


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # Termly's and iubenda's enumerations: one verb (or none: a "Data collected:" label) for all parts.
        (
            "We collect names; phone numbers; email addresses; debit/credit card numbers.\n",
            {"name", "phone_number", "email", "payment_info"},
        ),
        ("Personal Data processed: Cookies; Usage Data; email address.\n", {"cookies", "usage_log", "email"}),
        ("我们会收集：设备型号；IMEI；OAID。\n", {"device_info", "imei", "oaid"}),
        # The opening part's denial carries too; a part with its own verb is its own sentence.
        ("We do not collect: names; email addresses; phone numbers.\n", set()),
        ("我们不会收集您的通讯录；短信；通话记录。\n", set()),
        ("We do not collect your contacts; we collect your IP address.\n", {"ip_address"}),
        # An ambiguous word of a later part has the opening part's strong verb.
        ("The SDK reads: your carrier; your device model.\n", {"network_info", "device_info"}),
    ],
)
def test_a_semicolon_separated_run_is_one_enumeration(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("name", "text", "declared"),
    [
        ("p.html", "<p>我们会收集以下信息：<br>设备型号<br>IMEI<br>OAID</p>", {"device_info", "imei", "oaid"}),
        ("p.html", "<p>我们不会收集以下信息：<br>通讯录<br>短信内容</p><p>我们会收集IP地址。</p>", {"ip_address"}),
        (
            "p.txt",
            "We collect:\nEmail address\nContacts\n\nWe do not collect:\nSMS messages\nCall log\n",
            {"email", "contacts"},
        ),
        ("p.txt", "我们会收集您的设备信息：\n1. IMEI\n2. Android ID\n", {"device_info", "imei", "android_id"}),
        # A line broken off after a list opener leads in like a colon, its verb or denial too.
        ("p.html", "<p>我们会收集您的设备信息，包括<br>IMEI、OAID<br>等信息。</p>", {"device_info", "imei", "oaid"}),
        ("p.html", "<p>我们不会收集您的个人信息，包括<br>通讯录、短信</p>", set()),
        # A line that ends a sentence ends the list: what follows is prose of its own.
        ("p.txt", "Contact us:\nsupport@example.com\n\nOur office keeps your letters.\nYour email address\n", set()),
    ],
)
def test_lines_after_a_lead_in_are_its_items(tmp_path: Path, name: str, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text, name)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The device-accounts permission (GET_ACCOUNTS) as Chinese ROM dialogs and SDK lists name it.
        ("收集个人信息类型或申请的权限：获取App账户权限。\n", {"accounts"}),
        ("该SDK会查找设备上的帐号用于一键登录。\n", {"accounts"}),
        ("We request the device accounts permission to let you pick a Google account.\n", {"accounts"}),
        # The user's account with the service is no device account, even near "授权访问".
        ("我们采取加密措施，防止未经授权访问您的账户。\n", set()),
    ],
)
def test_the_device_accounts_permission_in_words(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("崩溃时，我们会将设备型号发送至服务器。\n", {"device_info"}),
        ("该功能会把您选择的照片传输至打印服务商。\n", {"photos_storage"}),
        ("Your IP address is sent to our analytics provider.\n", {"ip_address"}),
        ("Crash reports, with your device model, are transmitted to Sentry.\n", {"usage_log", "device_info"}),
    ],
)
def test_sending_data_somewhere_declares_it(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # An ambiguous word as an item beside unambiguous data items is a data item too.
        ("## Information you provide\n\n- Account details: name, email\n", {"name", "email"}),
        ("注册时需要提供：手机号码、短信验证码以外的联系电话、邮箱。\n", {"phone_number", "email"}),
        (
            "We use your phone number, email, IP and device model to secure your account.\n",
            {"phone_number", "email", "ip_address", "device_info"},
        ),
        # Not as a channel, nor alone: "contact us by email" names no data of the user.
        ("You can contact us by email or through the app.\n", set()),
        ("We use email to send you receipts.\n", set()),
        # A bare field the user owns is a whole item too.
        ("We collect your country and city.\n", {"location_coarse"}),
        # An item keeps its own short bracket ("name (optional)", "手机号（必填）") and stays a whole item.
        ("We collect your email, name (optional), and learning goal.\n", {"email", "name"}),
        ("We collect: email, name (if you give it), phone number.\n", {"email", "name", "phone_number"}),
        # a bracket too long to qualify an item makes a phrase
        ("We collect email, name (of the restaurant you choose to review on the map today).\n", {"email"}),
    ],
)
def test_an_ambiguous_word_listed_among_data_items(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    "definition",
    [
        "## 名词解释\n\n| 术语 | 定义 |\n| --- | --- |\n| 设备标识符 | 包括IMEI、OAID |\n",
        "| 信息类别 | 具体字段 | 用途 |\n| --- | --- | --- |\n| 设备标识符 | IMEI、OAID | 风控 |\n",
        "“设备标识符”：指IMEI、OAID等用于识别设备的信息。\n",
        "设备标识符，即IMEI、OAID。\n",
        '"Device identifiers" refers to IMEI and OAID.\n',
        "“Device identifiers” means the IMEI and OAID of your device.\n",
    ],
)
def test_a_term_defined_in_a_table_or_in_quotes_carries_its_types(tmp_path: Path, definition: str) -> None:
    f = tmp_path / "p.md"
    f.write_text(
        definition + "\n## 收集\n\n我们会收集您的设备标识符。We collect device identifiers.\n", encoding="utf-8"
    )
    doc = load(f)
    vocab = vocabulary.load()
    decls, _ = extract(doc, vocab, glossary=build_glossary([doc], vocab))
    assert {"imei", "oaid"} <= {d.data_type for d in decls if "收集" in d.quote or "collect" in d.quote}


def test_an_sdk_table_row_defines_no_term(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text("| SDK名称 | 收集信息 |\n| --- | --- |\n| 友盟 | 设备标识符、IMEI |\n", encoding="utf-8")
    assert build_glossary([load(f)], vocabulary.load()) == {}


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The heading names the data or permission; the section's first sentence says what happens to it.
        ("## 权限说明\n\n### 相机权限\n\n用于扫描二维码。\n", {"camera"}),
        ("## 我们如何收集信息\n\n### 3.2 位置信息\n\n当您使用附近功能时，我们会收集此信息。\n", {"location_coarse"}),
        (
            "## Permissions\n\n### Camera\n\nUsed to scan QR codes.\n\n### Microphone\n\nUsed for voice messages.\n",
            {"camera", "microphone"},
        ),
        ("## 4. 通讯录\n\n在您使用邀请好友功能时，我们会在获得您的授权后读取。\n", {"contacts"}),
        ("## 设备信息（IMEI、Android ID）\n\n我们会收集上述信息用于安全风控。\n", {"imei", "android_id"}),
        # Denied, defined, asked or not read: nothing.
        ("## 我们不会收集的信息\n\n### 通讯录\n\n本应用不读取通讯录。\n", set()),
        ("### Contacts\n\nWe do not access your contacts.\n", set()),
        ("## 名词解释\n\n### 设备信息\n\n指设备型号、操作系统版本等信息。\n", set()),
        ("### Do we use cookies?\n\nNo, we never read them.\n", set()),
        ("## 6. 支付信息\n\n本应用为免费下载应用，提供应用内订阅服务。\n", set()),
        ("## 7. 如何联系我们\n\n### 电子邮件\n\nprivacy@example.com\n", set()),
        # The section's sentence asks for "this permission": the heading names it.
        ("### 7. 浏览器的摄像头使用\n\n当您使用二维码扫描功能时，应用将会向您申请此权限。\n", {"camera"}),
        # A bold title line over its paragraph heads it too; the last item of a list does not.
        ("**位置信息**\n\n当您使用附近功能时，我们会收集此信息。\n", {"location_coarse"}),
        ("**Contact us**\n\nEmail us at privacy@example.com.\n", set()),
        ("我们不会收集以下信息：\n\n通讯录\n\n我们会收集IP地址。\n", {"ip_address"}),
    ],
)
def test_a_heading_naming_data_is_the_subject_of_its_sections_first_sentence(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert {extract_location(t) for t in types} == declared


def extract_location(data_type: str) -> str:
    return "location_coarse" if data_type == GENERIC_LOCATION else data_type


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # An ambiguous word the user owns is the user's data, with any verb of using it.
        ("为了向您推荐附近的内容，我们需要使用您的位置。\n", {"location_coarse"}),
        ("We use your photos only to apply filters.\n", {"photos_storage"}),
        ("We use your contacts to help you find friends.\n", {"contacts"}),
        # A thing of its kind ("your email app") or a word nobody owns is no data.
        ("The log file can be shared with compatible apps (e.g. your email app).\n", set()),
        ("You can change it in your camera settings.\n", set()),
        ("我们使用页面底部位置展示提示信息。\n", set()),
    ],
)
def test_an_ambiguous_word_the_user_owns(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert {extract_location(t) for t in types} == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        (
            "| 个人信息 | 是否收集 | 用途 |\n| --- | --- | --- |\n| 手机号码 | 是 | 登录 |\n| 通讯录 | 否 | - |\n",
            {"phone_number"},
        ),
        (
            "| 权限/信息 | 是否获取 |\n| --- | --- |\n| 设备型号 | ✓ |\n| 剪切板 | × |\n| 短信 | 不获取 |\n",
            {"device_info"},
        ),
        ("| Data | Collected? |\n| --- | --- |\n| IP address | Yes |\n| Contact list | No |\n", {"ip_address"}),
        # Without such a column a row names what it lists.
        ("| 个人信息 | 用途 |\n| --- | --- |\n| 通讯录 | 邀请好友 |\n", {"contacts"}),
    ],
)
def test_a_row_answering_no_in_a_collected_column_declares_nothing(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("name", "text", "declared"),
    [
        # A lead-in announcing permissions makes its items permission names, bullets or not.
        ("p.txt", "本应用需要以下权限：\n相机：用于扫码\n存储：用于保存图片\n", {"camera", "photos_storage"}),
        (
            "p.html",
            "<p>The app requests the following permissions:<br>Camera - to scan QR codes<br>"
            "Location - to show nearby stores</p>",
            {"camera", "location_coarse"},
        ),
        # The same items after a lead-in that is no permission list name no permission.
        ("p.txt", "我们的办公地点：\n存储：北京市海淀区\n", set()),
    ],
)
def test_items_of_a_lead_in_announcing_permissions(tmp_path: Path, name: str, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text, name)
    assert {extract_location(t) for t in types} == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The legal exemptions from consent deny nothing: an SDK item after them in the same list declares.
        (
            "以下情形中，共享、转让、公开披露您的个人信息无需事先征得您的授权同意：\n\n- 与国家安全有关的；\n\n"
            "- 我们会集成某地图 SDK，收集的个人信息包含：位置信息（经纬度）、设备标识信息（IMEI、OAID）。\n",
            {"location_precise", "imei", "oaid"},
        ),
        ("根据法律规定，以下情形收集您的IP地址无需征得您的同意。\n", {"ip_address"}),
        # A real "无需" still denies.
        ("本应用无需获取您的位置信息。\n", set()),
    ],
)
def test_a_consent_exemption_is_no_denial(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert {"location_precise" if t == GENERIC_LOCATION else t for t in types} == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # E-mail and SMS as the way the operator tells the user something are no data of the user.
        ("对于重大变更，我们还会提供更为显著的通知（比如官方公告、推送通知、发送短信或者电子邮件）。\n", set()),
        ("We may notify you by email or SMS when this policy changes.\n", set()),
        ("We use your email to notify you about security events.\n", {"email"}),
        ("为自动填写验证码，我们会读取短信并提示您。\n", {"sms"}),
    ],
)
def test_a_notification_channel_is_no_data(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


def test_a_permission_only_word_defines_no_glossary_term(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text("本应用可能使用以下技术：\n\n- Cookie：存储用户偏好设置\n\n我们会使用Cookie。\n", encoding="utf-8")
    assert "cookie" not in build_glossary([load(f)], vocabulary.load())


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The operator's channels in its contact section or in a sentence about reaching the user.
        ("## 联系我们\n\n- 联系方式：电话、邮箱\n- 电话：400-000-0000\n", set()),
        ("我们可能会通过电话、短信或邮件的方式与您联系。\n", set()),
        # What is read from the user stays declared, in any section.
        ("## 联系我们\n\n如您注销账号，我们会收集您的手机号码用于核验。\n", {"phone_number"}),
        ("我们会收集您的姓名、电话、邮箱用于开具发票。\n", {"name", "phone_number", "email"}),
        (
            "## Contact information\n\nWe collect your email and phone number when you register.\n",
            {"email", "phone_number"},
        ),
    ],
)
def test_the_operators_contact_channels_are_no_data(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # What other apps or sites do is no declaration of this one.
        ("例如，其他应用可能会收集您的IMEI信息，但本应用不会。\n", set()),
        ("Some apps collect your location, but this one shows the weather for a city you type.\n", set()),
        # What a kind of third party does as a rule, said to explain (not this app's partners).
        ("Ad networks usually rely on cookies and IP addresses to measure campaigns.\n", set()),
        ("Web sites commonly log the IP address of each visitor.\n", set()),
        ("Analytics services generally record the device model and the OS version.\n", set()),
        ("统计平台一般会采集设备型号和IP地址。\n", set()),
        ("Our analytics partners generally record your IP address.\n", {"ip_address"}),
        # "Other software" as a data item is still one.
        ("我们可能会自动收集您的IP地址、设备型号及其他软件信息。\n", {"ip_address", "device_info"}),
    ],
)
def test_what_other_apps_do_is_no_declaration(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # What a third party may collect on its own terms (the generators' disclaimer) is not this app's collection.
        (
            "These services may collect your location, contacts and photos according to their own privacy policies.\n",
            set(),
        ),
        (
            "Our partners might also access your email address as described in their respective privacy notices.\n",
            set(),
        ),
        ("The providers can use your phone number, subject to their own terms.\n", set()),
        ("Such services may collect your contacts and location, and we have no control over them.\n", set()),
        ("Apple may collect anonymized crash data according to Apple's privacy policy.\n", set()),
        (
            "These third parties may use tracking technologies to collect your location, and we do not control how "
            "they may be used.\n",
            set(),
        ),
        ("We do not control these third parties' tracking technologies or how they may be used.\n", set()),
        ("We do not control the ads shown, but we collect your advertising ID to show them.\n", {"gaid"}),
        # The app's own verbs still declare, as does a third party's collection without its own terms.
        (
            "We share your email address with our newsletter service, which may use it under its own privacy policy.\n",
            {"email"},
        ),
        (
            "We collect your phone number, and our SMS provider may process it according to its own terms.\n",
            {"phone_number"},
        ),
        ("Our analytics service may collect your email address to send reports.\n", {"email"}),
        ("We may use your email address in accordance with the app's privacy policy.\n", {"email"}),
    ],
)
def test_what_third_parties_may_collect_on_their_own_terms_is_no_declaration(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # Refusing to sell, rent or trade data says nothing of collecting it.
        ("We do not sell your personal information, including your contacts, location or browsing history.\n", set()),
        ("We will never sell or rent your email address to third parties.\n", set()),
        ("We don't sell or trade your contacts or photos with anyone.\n", set()),
        # The clause that collects before the refusal, or another clause, still declares.
        ("We collect your name and email address and do not sell them.\n", {"name", "email"}),
        ("We collect your email address, which we never sell.\n", {"email"}),
        ("We do not sell your data, but we collect your email address to send receipts.\n", {"email"}),
        ("We use your location to show local weather; we never sell it.\n", {GENERIC_LOCATION}),
    ],
)
def test_a_refusal_to_sell_data_is_no_declaration(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # A request of the user's rights lists data to delete or know about, not data collected.
        ("You may request that we delete your email address, phone number and other data we hold about you.\n", set()),
        ("You can ask us to delete your photos and voice recordings at any time.\n", set()),
        ("You may request deletion of your name and email address by contacting us.\n", set()),
        (
            "California residents have the right to know what categories of personal information, such as "
            "identifiers, geolocation data and biometric information, a business collects.\n",
            set(),
        ),
        # "We collect" in the sentence, or in the next one, still declares.
        ("We collect your email address; you may request that we delete it at any time.\n", {"email"}),
        ("You can request that we delete your account. We collect your email address when you sign up.\n", {"email"}),
        (
            "When you request that we delete your data, we collect your email address and phone number to verify it.\n",
            {"email", "phone_number"},
        ),
    ],
)
def test_a_request_of_the_users_rights_is_no_declaration(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # A security section's measures and the harms they prevent are no verbs of reading data.
        (
            "We take reasonable measures to protect your personal information, such as your email address and "
            "password, from unauthorized access.\n",
            set(),
        ),
        ("We use SSL encryption to protect your payment information and messages.\n", set()),
        ("We protect your contacts and location against accidental loss and unauthorized access or use.\n", set()),
        ("We use industry-standard safeguards to protect your photos.\n", set()),
        # The operator's own verbs beside them still declare.
        ("We collect your email address and protect it from unauthorized access.\n", {"email"}),
        ("We use SSL to transmit your payment information.\n", {"payment_info"}),
        ("We use encryption to store your email address.\n", {"email"}),
        ("We measure your heart rate; we take appropriate measures to keep it safe.\n", {"sensors"}),
    ],
)
def test_a_security_measure_is_no_verb_of_reading_data(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # What linked sites or advertisers do on their own sites is not the app's collection.
        (
            "This Service may contain links to other sites. These external sites are not operated by me and may "
            "collect your IP address, cookies and location.\n",
            set(),
        ),
        ("Third-party websites may collect your email address.\n", set()),
        ("Advertisers may use cookies, web beacons and similar technologies on their own sites.\n", set()),
        # The app's own use next to them still declares.
        ("Third-party sites may collect your IP address. We use cookies to remember your settings.\n", {"cookies"}),
    ],
)
def test_what_linked_sites_collect_is_no_declaration(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The catalogue of sensitive data a policy copies from the law defines a term; it declares nothing.
        (
            "Examples of sensitive personal data include racial or ethnic origin, health data, biometric data, "
            "and sexual orientation.\n",
            set(),
        ),
        ("Sensitive personal information includes precise geolocation, biometric data and health data.\n", set()),
        # The policy's own collection of sensitive data still declares.
        ("We may collect sensitive information, which includes your fingerprint.\n", {"biometric"}),
        ("We process sensitive personal data such as your fingerprint to verify your identity.\n", {"biometric"}),
    ],
)
def test_the_catalogue_of_sensitive_data_is_a_definition(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # What the user's own content may hold is not collected by being possible.
        ("The text you enter, which may contain names, addresses or phone numbers, stays in your notes.\n", set()),
        ("The app lets you create shopping lists. Entries may contain any text, such as names or addresses.\n", set()),
        # The operator's collection of content, or beside it, still declares.
        ("The content we collect may include your location.\n", {GENERIC_LOCATION}),
        ("We collect the notes you write and your name; notes may contain names of other people.\n", {"name"}),
        (
            "## Information we collect\n\n- **Reports:** we store your report and any note or photos you attach "
            "(photos may include the time and place they were taken).\n- **Email:** your email address.\n",
            {"photos_storage", "email"},
        ),
    ],
)
def test_what_the_users_content_may_hold_is_no_declaration(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The children's section says what happens to data collected from a child by mistake.
        (
            "The App is not directed at children. If we learn we have collected personal data such as an email "
            "address from a child under 16, we will delete it.\n",
            set(),
        ),
        ("If we discover that a child has provided us with a phone number, we will remove it.\n", set()),
        # What the policy collects, in the same section, still declares.
        (
            "We collect your email address. If we learn that a child under 13 gave us an email, we delete it.\n",
            {"email"},
        ),
        (
            "If you are under 16, ask a parent; we collect your name and email address when you register.\n",
            {"name", "email"},
        ),
    ],
)
def test_data_collected_from_a_child_by_mistake_is_no_declaration(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared", "permissions"),
    [
        # A permission heading that denies with a verb of asking or using lists permissions the app does not hold.
        ("## Permissions we don't request\n\n- android.permission.CAMERA\n", set(), set()),
        ("## Permissions we do not use\n\n- ACCESS_FINE_LOCATION\n- READ_CONTACTS\n", set(), set()),
        ("## Permissions not requested\n\n- Camera\n- Contacts\n", set(), set()),
        ("## 我们不会申请的权限\n\n- 相机权限\n- 通讯录权限\n", set(), set()),
        # A heading of permissions used still declares them.
        ("## Permissions we use\n\n- CAMERA: to scan QR codes\n", {"camera"}, {"android.permission.CAMERA"}),
    ],
)
def test_a_permission_heading_that_denies_lists_no_permission(
    tmp_path: Path, text: str, declared: set[str], permissions: set[str]
) -> None:
    types, perms = _decls(tmp_path, text)
    assert set(types) == declared and set(perms) == permissions


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # A generic place the IP address resolves to is coarse location.
        ("We determine your approximate location from your IP address.\n", {"location_coarse"}),
        ("We use your IP address to estimate your general location.\n", {"ip_address", "location_coarse"}),
        # A place not from the IP address is no such declaration.
        ("We do not determine your approximate location from your IP address.\n", set()),
    ],
)
def test_an_approximate_location_from_the_ip_address_is_coarse(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # Taking a picture with the camera uses it; pictures picked from the gallery are read.
        ("Take a photo with your camera to add it to a note.\n", {"camera"}),
        ("You can take pictures with the camera and attach them to messages.\n", {"camera"}),
        ("You can choose a picture from your gallery as your avatar.\n", {"photos_storage"}),
        ("Select photos from your photo library to edit them.\n", {"photos_storage"}),
        # Denied, or done by other apps, they declare nothing.
        ("We never take photos with your camera.\n", set()),
        ("The app does not let you choose pictures from your gallery.\n", set()),
        ("Other apps may take pictures with the camera.\n", set()),
        ("The camera on your phone is not needed.\n", set()),
    ],
)
def test_taking_a_picture_or_picking_one_from_the_gallery_declares(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


def test_the_internet_permission_in_a_permission_list_declares_no_data(tmp_path: Path) -> None:
    text = "## Permissions\n\n- **Camera**: to scan documents.\n- **Internet**: to load ads.\n"
    types, perms = _decls(tmp_path, text)
    assert set(types) == {"camera"} and set(perms) == {"android.permission.CAMERA", "android.permission.INTERNET"}


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # A clause listing examples of the clause before it has that clause's strong verb.
        ("我们会收集您的设备相关信息，包括蓝牙和基站信息。\n", {"cell_info"}),
        ("我们会根据您授权的权限，接收并记录设备相关信息，包括基站传感器信息。\n", {"cell_info", "sensors"}),
        # Not across a clause that lists nothing.
        ("我们会收集您的手机号码，基站建设由运营商负责。\n", {"phone_number"}),
    ],
)
def test_a_listing_clause_has_the_verb_of_the_clause_before(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    "text",
    [
        "我们会申请使用情况访问权限，用于统计屏幕使用时间。\n",
        "The app asks for the Usage Access permission to show screen time.\n",
    ],
)
def test_the_usage_access_permission_in_words_declares_the_app_list(tmp_path: Path, text: str) -> None:
    types, perms = _decls(tmp_path, text)
    assert "app_list" in types and "android.permission.PACKAGE_USAGE_STATS" in perms


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # Termly's "Mobile Device Access": the list of features the app asks permission for.
        (
            "We may request access or permission to certain features from your mobile device, including your "
            "mobile device's camera, calendar, storage, contacts, and other features.\n",
            {"camera", "calendar", "photos_storage", "contacts"},
        ),
        # "storage" not as an item of such a list is keeping data.
        ("We may request access to your camera. The storage of your data is encrypted.\n", {"camera"}),
    ],
)
def test_items_of_a_permission_request_list(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize("word", ["email", "短信"])
def test_a_sentence_listing_an_ambiguous_word_thousands_of_times(tmp_path: Path, word: str) -> None:
    # Each clause is searched once for verbs and notices, not once per listed word (16,000 words took 10 s).
    sep = "、" if word == "短信" else ", "
    types, _ = _decls(tmp_path, "We use: " + sep.join([word, "IMEI"] * 8000) + ".\n", "p.txt")
    assert "imei" in types


@pytest.mark.parametrize(
    ("text", "perms"),
    [
        (
            "应用声明了较多权限，因为工具是可选能力：相机、麦克风、使用情况统计。\n",
            {"android.permission.CAMERA", "android.permission.RECORD_AUDIO", "android.permission.PACKAGE_USAGE_STATS"},
        ),
        (
            "The app requests these permissions: camera, microphone.\n",
            {"android.permission.CAMERA", "android.permission.RECORD_AUDIO"},
        ),
        # Without a cue before the colon the items are no permissions.
        ("我们的产品有以下功能：相机滤镜、麦克风降噪。\n", set()),
    ],
)
def test_items_of_an_in_sentence_permission_list(tmp_path: Path, text: str, perms: set[str]) -> None:
    _types, found = _decls(tmp_path, text)
    assert set(found) == perms


@pytest.mark.parametrize(
    ("row", "declared"),
    [
        # The data cell lists, then explains one of its words: the list declares, the explanation does not.
        ("<td>安全保障</td><td>手机号码、MAC地址、IMEI。其中日志信息是指您的浏览记录、通讯录。</td><td>风控</td>",
         {"phone_number", "mac", "imei"}),
        ("<td>Security</td><td>Phone number, MAC address. Log data refers to your contacts.</td><td>Fraud</td>",
         {"phone_number", "mac"}),
        ("<td>安全</td><td>IP地址；<br>日志信息指的是通讯录</td><td>风控</td>", {"ip_address"}),
        # A glossary row defines from the start of its cell: nothing is declared.
        ("<td>设备信息</td><td>是指IMEI、MAC地址等信息</td><td>释义</td>", set()),
    ],
)
def test_a_table_row_declares_the_list_before_a_definition_in_its_cell(
    tmp_path: Path, row: str, declared: set[str]
) -> None:
    html = (
        "<html><body><h1>个人信息收集清单</h1><table><tr><th>业务功能</th><th>个人信息种类</th><th>使用目的</th></tr>"
        f"<tr>{row}</tr></table></body></html>"
    )
    types, _ = _decls(tmp_path, html, "p.html")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # Writing to the operator is when the data is kept, not a channel.
        ("We collect:\n\n- Copies of your correspondence (including email addresses and phone numbers), "
         "if you contact us.\n", {"email", "phone_number"}),
        ("当您联系我们时，我们会保存往来记录，包括电子邮件地址和电话号码。\n", {"email", "phone_number"}),
        # The operator's channels stay channels.
        ("If you have questions, contact us by email or phone.\n", set()),
        ("We will contact you by email or SMS.\n", set()),
        ("如有疑问，请通过电子邮件联系我们。\n", set()),
    ],
)
def test_contacting_the_operator_is_a_condition_not_a_channel(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("本应用由个人开发者开发。联系人： 郑志鹏\n", set()),
        ("运营者信息：姓名：李四，邮箱：a@b.cn\n", set()),
        ("We collect your contacts.\n\nContact: 王小明。\n", {"contacts"}),
        # A purpose after the colon is what the word is collected for.
        ("我们收集以下信息：\n\n- 联系人：用于邀请好友\n", {"contacts"}),
        ("我们会收集您的联系人、姓名。\n", {"contacts", "name"}),
    ],
)
def test_a_person_word_giving_a_name_is_the_operators_contact(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # 信息 is shared by both conjuncts: "WIFI及蜂窝网络信息" = WIFI信息 + 蜂窝网络信息.
        ("我们会收集网络信息（如 WIFI 及蜂窝网络信息、IP 地址）。\n", {"wifi_info", "network_info", "ip_address"}),
        ("我们会收集设备和网络信息。\n", {"device_info", "network_info"}),
        ("我们会收集蓝牙和WLAN信息。\n", {"wifi_info"}),
        # A denial covers the shared conjunct too; a first conjunct that makes no data word adds nothing.
        ("我们不会收集设备和网络信息。\n", set()),
        ("我们会收集您的姓名和联系信息。\n", {"name"}),
    ],
)
def test_a_shared_head_noun_declares_the_first_conjunct(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # The app's own name ("…待办日历", "…Calendar") names no data, here or where it is repeated.
        ("本政策说明 Deadliner待办日历（以下简称“本应用”）收集个人信息的规则。本政策适用于 Deadliner待办日历 客户端的"
         "全部功能，我们会收集您的手机号码。\n", {"phone_number"}),
        ('Acme Calendar (hereinafter "the App") collects your email address. Acme Calendar collects nothing else.\n',
         {"email"}),
        # Data read by the app still counts.
        ("Deadliner待办日历（以下简称“本应用”）会读取您的日历，用于提醒。\n", {"calendar"}),
    ],
)
def test_the_apps_own_name_declares_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


# The rights section: the user is the one who accesses. Its lead-in or heading ("您可以通过如下方式访问您的个人信息：",
# "How to access and correct your information") gives the ambiguous words of its list no strong verb; the same list
# after the operator's own reading verb still declares them.
@pytest.mark.parametrize(
    "lead",
    [
        "原则上您可以通过如下方式访问您的个人信息：",
        "（7.1）访问\n原则上你可以通过以下方式查询、访问您的信息：",
        "You can access the following information at any time in the app settings:",
        "You have the right to obtain a copy of the following data:",
        "## 如何访问和控制您的信息\n\n下列信息均可在设置中查看：",
        "## How to access and correct your information\n\nIn the app you find:",
    ],
)
def test_the_users_own_access_gives_a_list_no_reading_verb(tmp_path: Path, lead: str) -> None:
    types, _ = _decls(tmp_path, f"# Privacy\n\n{lead}\n\n- files\n- photos\n- 订单信息\n")
    assert not {"photos_storage", "payment_info"} & set(types)


@pytest.mark.parametrize(
    "lead",
    [
        "我们会访问以下信息：",
        "您可以开启相册权限，我们会访问以下信息：",
        "To let you attach pictures, we access the following:",
        "## Information we access\n\nWith your permission:",
    ],
)
def test_the_operators_reading_verb_still_gives_it(tmp_path: Path, lead: str) -> None:
    types, _ = _decls(tmp_path, f"# Privacy\n\n{lead}\n\n- files\n- photos\n- 订单信息\n")
    assert {"photos_storage", "payment_info"} <= set(types)


# A place the IP address is resolved to (city, region, country "based on the IP") is a coarse location; a place word
# without that link, or denied, is none.
@pytest.mark.parametrize(
    "text",
    [
        "我们也仅会基于网络信息（如IP）对应的城市及/或区县向你展示可能相关的内容。",
        "我们会通过IP识别您所在的国家或地区，用于选择服务节点。",
        "推荐内容时，我们会根据 IP 地址判断您所在的省份。",
        "We determine your city from your IP address.",
        "Your country is determined based on your IP address.",
        "We use your IP address to estimate your country and city.",
        "Your IP address is geocoded to a city before it is discarded.",
    ],
)
def test_a_place_resolved_from_the_ip_address_is_coarse_location(tmp_path: Path, text: str) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert "location_coarse" in types and "location_precise" not in types


@pytest.mark.parametrize(
    "text",
    [
        "Your data may be transferred to another country; we collect your IP address.",
        "In some countries, the laws based on IP protection differ.",
        "The IP address of our server in the city of Berlin is listed below.",
        "We do not determine your city from your IP address.",
        "我们会收集您的IP地址，数据存储于境内城市的服务器上。",
    ],
)
def test_a_place_without_its_link_to_the_ip_address_is_no_location(tmp_path: Path, text: str) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert "location_coarse" not in types


# Third-party login: the identifier a login provider gives for the user's account there is `accounts` (the labels'
# convention); advertising identifiers, an app's own SDK key, denials and names inside other words are not.
@pytest.mark.parametrize(
    "text",
    [
        "If you log in with Facebook, we collect your Facebook user ID.",
        "When you sign in with Apple, we receive a unique identifier from Apple.",
        "We collect your Discord username when you connect your Discord account.",
        "We store your GitHub username and avatar.",
        "We collect your PlayStation Network ID.",
        "当您使用微信登录时，我们会获取您的微信OpenID。",
        "当您使用QQ登录时，我们会获取您的QQ账号标识。",
        "使用抖音登录时，我们会获取您的抖音用户名和头像。",
        "We may access your SNS account identification number.",
        "我们会收集 Google 帳戶識別碼用于同步。",
    ],
)
def test_a_login_providers_account_identifier_is_accounts(tmp_path: Path, text: str) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert "accounts" in types


@pytest.mark.parametrize(
    "text",
    [
        "We collect Apple's Identifier for Advertisers (IDFA).",
        "We collect your Google Advertising ID.",
        "We use the Facebook App ID to initialise the SDK.",
        "We do not collect your Google account ID.",
        "我们不会收集您的微信OpenID。",
        "You can reach us online; your Online ID is not needed.",
        "我们使用小米推送，小米会收集设备标识。",
    ],
)
def test_other_identifiers_near_a_provider_are_no_login_account(tmp_path: Path, text: str) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert "accounts" not in types


# The user's correspondence with the operator or its support is no call log; the device's call history is one.
@pytest.mark.parametrize(
    ("text", "call_log"),
    [
        ("当您联系我们时，我们可能会保存您的通信记录和内容，以及您留下的联系方式。", False),
        ("为便于与您联系，我们可能会保存您与我们的沟通、通信/通话记录及相关内容。", False),
        ("我们会保存客服通话记录用于质量检查。", False),
        ("We keep call records of your calls with our support team.", False),
        ("我们会读取您的通话记录以识别骚扰电话。", True),
        ("我们会收集您的通信记录和内容。", True),
        ("The app reads your call history to show recent callers.", True),
    ],
)
def test_correspondence_with_the_operator_is_no_call_log(tmp_path: Path, text: str, call_log: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert ("call_log" in types) is call_log


# The user's interactions named by their object and act ("the pages you visit", "which screens you open") are
# usage_log; data the user gives ("the information you provide", "the photos you upload") or denies is not that.
@pytest.mark.parametrize(
    ("text", "usage"),
    [
        ("We log which screens you open and how long you stay.", True),
        ("We collect the date and time of your visit and the pages you viewed.", True),
        ("Analytics records the links you click and the buttons you tap.", True),
        ("We collect information about the content you watch.", True),
        ("We collect the information you provide when you register.", False),
        ("We store the photos you upload.", False),
        ("We do not track the pages you visit.", False),
        ("Long-press the links you want to keep; nothing is sent to us.", False),
        ("为了向您推荐内容，我们会收集您的浏览、搜索、点击、收藏、分享记录。", True),
        ("我们会记录您的搜索和浏览历史。", True),
        ("我们不会收集您的浏览、搜索记录。", False),
        ("您可以浏览、搜索内容并分享给好友。", False),
    ],
)
def test_what_the_user_opens_or_clicks_is_usage(tmp_path: Path, text: str, usage: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert ("usage_log" in types) is usage


# A storage word naming where the app keeps its own data is not the user's photos and files; storage the app
# reads from still is.
@pytest.mark.parametrize(
    ("text", "storage"),
    [
        ("本地任务与设置：仅存储于您的 HarmonyOS 设备本地存储空间。", False),
        ("您的笔记保存在手机存储中，我们不会上传。", False),
        ("All data is stored locally in your device's storage.", False),
        ("The app keeps its cache on internal storage.", False),
        ("我们会读取您设备存储空间中的照片。", True),
        ("We access photos stored on your device to let you pick an avatar.", True),
        ("我们需要获取您的存储权限，用于保存图片到相册。", True),
    ],
)
def test_where_the_app_keeps_its_own_data_is_no_user_storage(tmp_path: Path, text: str, storage: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert ("photos_storage" in types) is storage


# GB/T 35273's 个人常用设备信息 alone is device information; with its list after it, it declares what the list names.
@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        ("SDK收集的个人信息类型：个人常用设备信息、IP地址。", {"device_info", "ip_address"}, set()),
        ("我们会收集您的个人常用设备信息（包括硬件序列号、设备MAC地址）。", {"serial", "mac"}, {"device_info"}),
    ],
)
def test_gbt_commonly_used_device_information(
    tmp_path: Path, text: str, declared: set[str], not_declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert declared <= set(types) and not (not_declared & set(types))


# A denial of reading "these data" covers the data named before it in its sentence; a denial of sharing or selling
# them does not (the data is still collected).
@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("访问其他网站会留下您的一些Cookies信息，如您在其他网站的浏览记录，本浏览器不会读取和收集这些信息。", set()),
        ("Your keyboard may keep your clipboard history, but we never read or collect this information.", set()),
        ("我们会收集您的手机号码，不会将这些信息提供给第三方。", {"phone_number"}),
        ("我们会收集您的手机号码和设备型号，并对这些信息进行加密。", {"phone_number", "device_info"}),
        ("We collect your email address; we do not sell this information.", {"email"}),
    ],
)
def test_a_denial_of_reading_these_data_covers_them(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


# A bare field name that declares only beside other data items ("Phone", "Purchases") counts as an item of a
# bulleted list after items that declared data; the same word in a list of other things does not.
def test_a_bare_field_name_counts_after_data_items_of_its_list(tmp_path: Path) -> None:
    lead = "# Privacy\n\nWe collect the following data:\n\n"
    types, _ = _decls(tmp_path, lead + "- Name\n- Email\n- Phone\n- Purchases\n")
    assert {"name", "email", "phone_number", "payment_info"} <= set(types)
    types, _ = _decls(tmp_path, "# Privacy\n\nWe collect your email address. The app runs on:\n\n- Phone\n- Tablet\n")
    assert "phone_number" not in types
    types, _ = _decls(tmp_path, lead + "- Phone\n- Purchases\n")
    assert not {"phone_number", "payment_info"} & set(types)


# A permission its block explains while denying the data it gates is held, not a declaration of that data.
@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "android.permission.ACCESS_FINE_LOCATION: required by Android to scan for Bluetooth devices; "
            "the app does not use your location.",
            False,
        ),
        ("The app requests the location permission because Android requires it for Wi-Fi scans; "
         "your location is never read.", False),
        ("android.permission.ACCESS_FINE_LOCATION: to show nearby stations on the map.", True),
        ("The app requests the location permission to read your location for local weather.", True),
    ],
)
def test_a_permission_held_for_another_reason_declares_no_data(tmp_path: Path, text: str, location: bool) -> None:
    types, perms = _decls(tmp_path, text + "\n", "p.txt")
    assert perms
    assert bool({"location_precise", "location_coarse", GENERIC_LOCATION} & set(types)) is location


# What the user enters or uploads names the user's data as "your" does (a contact or support form, an import);
# the same word as the channel of a message is none.
@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        ("If you use the contact form, we process the name and email you enter.", {"email"}, set()),
        ("We use the email you provide to reply to your request.", {"email"}, set()),
        ("We store the files you upload to sync them.", {"photos_storage"}, set()),
        ("We send you an email when you provide feedback.", set(), {"email"}),
    ],
)
def test_what_the_user_enters_is_the_users_data(
    tmp_path: Path, text: str, declared: set[str], not_declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert declared <= set(types) and not (not_declared & set(types))


# Items of the user's rights section say what the user can do with the data, not what is collected; a sentence
# there with its own reading verb, and the same items elsewhere, still declare.
@pytest.mark.parametrize(
    ("text", "contacts"),
    [
        ("# Privacy\n\n## 6. 您的权利\n\n- 可在设置中修改或清除资料与联系人信息\n- 可随时注销账号\n", False),
        ("# Privacy\n\n## Your Rights\n\n- Correct your contact list entries\n- Delete your account\n", False),
        ("# Privacy\n\n## 您的权利\n\n- 我们会读取您的通讯录以便您管理好友\n", True),
        ("# Privacy\n\n## 6. 您的权利\n\n- 查看与删除：可查看并删除告警记录；可在设置中清除联系人信息；\n", False),
        ("# Privacy\n\n## 我们收集的信息\n\n- 联系人信息\n- 设备型号\n", True),
    ],
)
def test_the_rights_section_lists_no_collection(tmp_path: Path, text: str, contacts: bool) -> None:
    types, _ = _decls(tmp_path, text)
    assert ("contacts" in types) is contacts


def test_a_login_identifier_in_an_sdk_data_cell_is_accounts() -> None:
    v = vocabulary.load()
    assert "accounts" in {dt for dt, _h in cell_types(v, "Discord user ID, username")}
    assert "accounts" in {dt for dt, _h in cell_types(v, "QQ账号标识、昵称、头像")}
    assert "accounts" not in {dt for dt, _h in cell_types(v, "Google Advertising ID, IP address")}


# A "、" list of bare nouns sharing the head 信息 declares each conjunct that makes a data word with it.
@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        ("我们会提供去标识化的设备、网络、渠道等信息。", {"device_info", "network_info"}, set()),
        ("我们会收集设备、网络等相关信息。", {"device_info", "network_info"}, set()),
        ("我们会收集姓名、手机号码、身份证等信息。", {"name", "phone_number", "id_number"}, set()),
        ("我们会向您推送活动、优惠等信息。", set(), {"device_info", "network_info"}),
        ("我们不会收集您的设备、网络等信息。", set(), {"device_info", "network_info"}),
    ],
)
def test_a_list_sharing_the_head_noun_declares_each_conjunct(
    tmp_path: Path, text: str, declared: set[str], not_declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert declared <= set(types) and not (not_declared & set(types))


# Photos and files the user communicates (shared with others, sent to the operator, posted, exported, downloaded,
# listed with messages) or a link to them are content, not the device's photos and files the app reads; a word of
# the device's media or storage in the clause keeps the declaration.
@pytest.mark.parametrize(
    ("text", "storage"),
    [
        ("We store and distribute the messages and files you share using the Service.", False),
        ("我们会收集您或其他人共享的照片包含的地理标记信息。", False),
        ("我们会收集支持内容，例如您选择发送给我们的消息、问题报告、截图、日志或文件。", False),
        ("We collect the date of the shared photos or videos you upload.", False),
        ("When downloading content, like images and files, we collect the browser's user agent.", False),
        ("我们收集您提交的视频链接。", False),
        ("We collect exported files to deliver your download link.", False),
        ("We access photos in your gallery so you can share them.", True),
        ("我们会读取您相册中的照片，用于分享到社交平台。", True),
        ("We collect the photos you upload to print them.", True),
        ("该功能会把您选择的照片传输至打印服务商。", True),
    ],
)
def test_photos_and_files_the_user_sends_are_content(tmp_path: Path, text: str, storage: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert ("photos_storage" in types) is storage


@pytest.mark.parametrize(
    ("text", "camera"),
    [
        ("我们会收集您拍摄或上传的共享照片的日期和地点。", False),
        ("我们会收集您拍照分享给好友的内容。", False),
        ("您拍照分享时，我们会访问您的相机。", True),
        ("我们会调用摄像头，用于拍摄并发布短视频。", True),
        ("我们会获取拍照权限，用于扫码。", True),
    ],
)
def test_taking_the_photos_the_user_shares_is_no_camera(tmp_path: Path, text: str, camera: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert ("camera" in types) is camera


# "X用于Y" says X is used (Simplified and Traditional); what an identifier is not ("不是 IMEI") and a position in a
# text ("阅读位置") declare nothing.
@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        ("手机号码用于登录和找回密码。", {"phone_number"}, set()),
        ("手機號碼用於登入與找回密碼。", {"phone_number"}, set()),
        ("Google 帳戶識別碼及電子郵件用於辨識同步帳戶。", {"accounts", "email"}, set()),
        ("设备标识为随机生成的字符串，不是 IMEI，用于统计。", set(), {"imei"}),
        ("同步只会收集您收藏网页的阅读位置。", set(), {"location_coarse", "location_precise", GENERIC_LOCATION}),
        ("We do not intentionally collect personal information such as your email address.", set(), {"email"}),
    ],
)
def test_use_for_a_purpose_and_what_is_not_data(
    tmp_path: Path, text: str, declared: set[str], not_declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert declared <= set(types) and not (not_declared & set(types))


# A title that asks how ("我们如何使用 Cookies", "How we use cookies") is the topic of its section: the section's
# sentences say whether the data is used, the title alone declares nothing.
@pytest.mark.parametrize(
    ("text", "cookies"),
    [
        ("# 隐私政策\n\n1. 我们如何收集信息\n2. 我们如何使用 Cookies\n\n## 2. 联系我们\n\n邮件：a@b.cn\n", False),
        ("# 隐私政策\n\n**我们如何使用 Cookies**\n\n我们和合作伙伴不会在您的设备上存储 Cookies。\n", False),
        ("# Privacy\n\n## How we use cookies\n\nWe do not use cookies.\n", False),
        ("# Privacy\n\n## How we use cookies\n\nWe use cookies to keep you signed in.\n", True),
        ("# 隐私政策\n\n## 我们如何使用 Cookies\n\n我们会使用 Cookies 保存您的登录状态。\n", True),
    ],
)
def test_a_how_title_is_a_topic_not_a_declaration(tmp_path: Path, text: str, cookies: bool) -> None:
    types, _ = _decls(tmp_path, text)
    assert ("cookies" in types) is cookies


# A section headed only "联系方式" / "Contact" gives the operator's channels; data read there still declares.
@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("# 隐私政策\n\n## 八、联系方式\n\n欢迎通过以下方式与我们联系：\n\n- 电子邮箱\n- a@b.cn\n", False),
        ("# Privacy\n\n## Contact\n\nQuestions? Write to us:\n\n- Email\n- Postal mail\n", False),
        ("# Privacy\n\n## Contact information\n\nWe collect your email address to answer your request.\n", True),
        ("# 隐私政策\n\n## 联系方式\n\n我们会收集您的电子邮箱，用于回复反馈。\n", True),
    ],
)
def test_a_contact_section_gives_channels(tmp_path: Path, text: str, email: bool) -> None:
    types, _ = _decls(tmp_path, text)
    assert ("email" in types) is email


# A sentence that says what a word means defines it up to its end, past a bracket right after the word; a defined word
# listed in another's definition gives that word its definition too.
@pytest.mark.parametrize(
    ("terms", "sentence", "declared", "not_declared"),
    [
        (
            "唯一设备标识符：唯一设备标识符（专属 ID）是指设备制造商编入设备的字符串（例如手机的 IMEI 号）。",
            "我们会收集您的唯一设备标识符。",
            {"imei"},
            set(),
        ),
        (
            "设备信息：是指设备型号、唯一设备标识符等。\n\n"
            "唯一设备标识符：唯一设备标识符（专属 ID）是指设备制造商编入设备的字符串（例如手机的 IMEI 号）。",
            "我们会收集您的设备信息。",
            {"device_info", "imei"},
            set(),
        ),
        (
            "A unique device identifier (a device ID) means a string built into the device (for example the IMEI).",
            "We collect your unique device identifier.",
            {"imei"},
            set(),
        ),
        (
            "唯一设备标识符（专属 ID）可用于标识设备。例如手机的 IMEI 号也是标识符。",
            "我们会收集您的唯一设备标识符。",
            set(),
            {"imei"},
        ),
    ],
)
def test_a_definition_sentence_and_nested_terms(
    tmp_path: Path, terms: str, sentence: str, declared: set[str], not_declared: set[str]
) -> None:
    from appaudit.policy.analyze import analyze

    (tmp_path / "terms.md").write_text(f"## 名词解释\n\n{terms}\n", encoding="utf-8")
    (tmp_path / "policy.md").write_text(f"## 我们收集的信息\n\n{sentence}\n", encoding="utf-8")
    types = set(analyze([tmp_path / "terms.md", tmp_path / "policy.md"]).sections["policy"]["declared_data_types"])
    assert declared <= types and not (not_declared & types)


# Precise and coarse location sharing one head noun ("精确或大致位置信息") declare both; a denial covers both.
@pytest.mark.parametrize(
    ("text", "precise"),
    [
        ("我们会收集精确或大致位置信息，用于推荐附近门店。", True),
        ("我们会获取您精准/粗略的位置。", True),
        ("We collect precise or approximate location to show nearby stores.", True),
        ("我们会收集您的大致位置信息。", False),
        ("我们不会收集精确或大致位置信息。", False),
    ],
)
def test_precise_and_coarse_location_sharing_a_head(tmp_path: Path, text: str, precise: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert ("location_precise" in types) is precise


# A lead-in's list continues its last clause: a denial before it ("不会收集您的隐私信息，它仅会查询以下内容：") does not
# deny the items; a denial in the last clause, or before a clause that only opens the list ("…，包括："), does.
@pytest.mark.parametrize(
    ("lead", "declared"),
    [
        ("纯纯写作不会收集您的隐私信息，它仅会查询您的以下内容：", True),
        ("We do not collect personal data; the app only reads the following:", True),
        ("我们不会收集以下信息：", False),
        ("我们不会收集您的个人信息，包括：", False),
        ("We do not collect:", False),
    ],
)
def test_a_lead_in_denies_by_its_last_clause(tmp_path: Path, lead: str, declared: bool) -> None:
    types, _ = _decls(tmp_path, f"# Privacy\n\n{lead}\n\n- 手机型号\n- Android ID\n")
    assert ({"device_info", "android_id"} <= set(types)) is declared
    if not declared:
        assert not ({"device_info", "android_id"} & set(types))


# "不会将…共享": a denial whose object runs over commas to its verb covers the whole object (here in a collecting
# section, which would otherwise lend its verb); data outside it still declares.
@pytest.mark.parametrize(
    ("text", "declared", "not_declared"),
    [
        (
            "除非得到您的许可，否则我们不会将您的个人身份信息（指可以识别您身份的信息，姓名或手机号码，通过这些信息可以"
            "联系到您）与合作伙伴共享。",
            set(),
            {"name", "phone_number"},
        ),
        ("我们会收集您的手机号码，但不会将其出售给第三方。", {"phone_number"}, set()),
        ("我们收集您的设备型号，不会将您的姓名、电子邮箱，以及地址提供给第三方。", {"device_info"}, {"name", "email"}),
    ],
)
def test_a_denied_object_over_commas(tmp_path: Path, text: str, declared: set[str], not_declared: set[str]) -> None:
    types, _ = _decls(tmp_path, f"# 隐私政策\n\n## 一、我们如何收集和使用个人信息\n\n{text}\n")
    assert declared <= set(types) and not (not_declared & set(types))


# The user switching a permission off ("您可以在系统设置中关闭位置权限") is said of any permission: with no verb of
# using data the sentence declares nothing; a sentence that also uses the data still declares.
@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("您可以在系统设置中关闭位置权限。", False),
        ("You can turn off the camera permission in Settings at any time.", False),
        ("你也可以随时在手机设置中撤回通讯录权限。", False),
        ("我们会使用您的位置权限推荐附近门店，您可以随时在设置中关闭。", True),
        ("We access the camera to scan codes; you can revoke the camera permission at any time.", True),
    ],
)
def test_switching_a_permission_off_declares_nothing(tmp_path: Path, text: str, declared: bool) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    gated = {"camera", "contacts", "location_coarse", "location_precise", GENERIC_LOCATION}
    assert bool(set(types) & gated) is declared


# Traditional Chinese (Taiwan) in prose with no collecting heading: its verbs (蒐集, 取得, 存取) and its words as
# OpenCC leaves them (通信录, 行事历, 身分证, 纪录 read as 记录).
@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("我們會存取您的通訊錄，以便您邀請好友。", {"contacts"}),
        ("我們會取得您的行事曆以新增提醒。", {"calendar"}),
        ("我們會收集您的身分證字號以完成實名認證。", {"id_number"}),
        ("我們會蒐集您的購買紀錄與當機報告。", {"payment_info", "usage_log"}),
        ("我們會取得您的同意後再提供服務。", set()),
    ],
)
def test_traditional_chinese_prose(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    "text",
    [
        "You can sign in with Google to sync your notes.",
        "Google Sign-In: used to provide a quick login feature.",
        "您可以使用第三方账号登录并使用本产品，您将授权我们获取您在第三方平台注册的公开信息。",
        "微信开放平台 SDK 使用目的：支持微信授权登录、微信分享。",
        # "your <provider> account" and 账户 spellings of the same act
        "You can sign in using your Google account.",
        "You can log in with your Google Play Games account.",
        "You can sign in with your Apple ID.",
        "使您可以通过第三方账户直接登录并使用我们的产品。",
        "您可以使用微信账户登录本应用。",
    ],
)
def test_a_third_party_sign_in_declares_accounts(tmp_path: Path, text: str) -> None:
    """Label convention C1: the app receives the identity of the account the user signs in with."""
    types, _ = _decls(tmp_path, text + "\n")
    assert "accounts" in types


@pytest.mark.parametrize(
    "text",
    [
        "We do not offer sign in with Google.",
        "本应用不支持第三方账号登录。",
        "Sign in with your email address.",
        "We do not offer sign in with your Google account.",
        "本应用不支持第三方账户登录。",
    ],
)
def test_no_sign_in_with_a_third_party_declares_no_account(tmp_path: Path, text: str) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert "accounts" not in types


def test_a_bracketed_denial_covers_the_bracket_only(tmp_path: Path) -> None:
    text = "- Transaction: Payment details processed via Razorpay (we do not store card details).\n"
    types, _ = _decls(tmp_path, text)
    assert "payment_info" in types


def test_data_kept_when_the_user_registers_or_contacts_us_is_collected(tmp_path: Path) -> None:
    types, _ = _decls(
        tmp_path,
        "## Information We Collect\n\n"
        "- Identifiers: Name, email address, and phone number when you register or contact us.\n",
    )
    assert {"name", "email", "phone_number"} <= set(types)


def test_precise_and_background_location_is_precise(tmp_path: Path) -> None:
    types, _ = _decls(tmp_path, "Our app may collect location data, including precise and background location data.\n")
    assert "location_precise" in types


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("如有疑问，您可以将问题发送至privacy@example.cn邮箱。", set()),
        ("您可以將您的問題發送至help@example.com.mo郵箱。", set()),
        ("如有疑问，请拨打400-800-1234电话联系我们。", set()),
        # the user's own detail is still collected; a value after the word is the other order
        ("注册时我们会收集您的邮箱和手机号码。", {"email", "phone_number"}),
        ("We collect the email address you enter, for example a@b.com.", {"email"}),
    ],
)
def test_a_contact_value_right_before_the_word_is_the_operators(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("| Data | Purpose |\n|---|---|\n| Email | Login |\n| IP | Security |\n", {"email", "ip_address"}),
        ("| 数据类型 | 用途 |\n|---|---|\n| 邮箱 | 登录 |\n| 短信 | 验证码登录 |\n", {"email", "sms"}),
        ("| **Data collected** | Why |\n|---|---|\n| Contacts | Find friends |\n", {"contacts"}),
        # an ambiguous word outside the data cell, or not all of its item, still needs its verb
        ("| Data | Purpose |\n|---|---|\n| Phone number | Send a code by SMS |\n", {"phone_number"}),
        ("| Feature | Purpose |\n|---|---|\n| Email | Newsletter |\n", set()),
        ("| Data | Purpose |\n|---|---|\n| Email newsletters we send | Marketing |\n", set()),
        # beside an answer column: the rows answering no are skipped, the others are items
        ("| Data | Collected |\n|---|---|\n| Location | No |\n| Email | Yes |\n", {"email"}),
    ],
)
def test_an_ambiguous_word_in_a_tables_data_column_is_an_item(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("**收集的信息**\n\n手机号码、设备型号、IP地址\n", {"phone_number", "device_info", "ip_address"}),
        ("**Information we collect**\n\nEmail address, device model, IP address\n", {"email", "device_info", "ip_address"}),  # noqa: E501
        ("The following personal data is processed\n\nEmail address\n\nIP address\n", {"email", "ip_address"}),
        ("<div>我们收集的信息</div><div>手机号码</div><div>设备型号</div>", {"phone_number", "device_info"}),
        # a denying title, a record's "key：value" field and a title of no collecting lead nothing in
        ("**我们不收集的信息**\n\n手机号码、设备型号\n", set()),
        ("功能/服务：用于广告数据分析\n\n短信\n", set()),
        ("**Contact**\n\nEmail\n", set()),
    ],
)
def test_a_short_title_line_about_collecting_leads_in_its_items(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text, "p.html" if text.startswith("<") else "p.md")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # media the app plays or shows, and a service that sends texts, are not data read from the user
        ("我们收集这些信息是为了向您提供视频、音频展示和播放服务。", set()),
        ("我们会读取设备型号以提供语音播报。", {"device_info"}),
        ("The app reads storage to play audio files you choose.", set()),
        ("我们使用阿里云短信服务发送验证码，收集您的手机号码。", {"phone_number"}),
        # recorded or read media still count
        ("我们会收集您的音频录音用于语音识别。", {"microphone"}),
        ("We use the microphone to record voice notes.", {"microphone"}),
        ("我们会读取您的短信以自动填写验证码。", {"sms"}),
    ],
)
def test_media_played_and_texting_services_are_no_data(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("The app uses the camera to scan barcodes.", {"camera"}),
        ("The camera is used to scan documents.", {"camera"}),
        ("The app uses the device calendar for reminders.", {"calendar"}),
        ("We use the microphone to record voice notes.", {"microphone"}),
        # a part of the device not used by the app for a purpose, or not the device's
        ("Use the camera button in the toolbar.", set()),
        ("The camera app on your phone is not affected.", set()),
    ],
)
def test_a_part_of_the_device_the_app_uses_for_a_purpose(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("We do not collect any personal information other than your email address.", {"email"}),
        ("Apart from your email address, we do not store any personal data.", {"email"}),
        ("We don't collect any personal data except your email address, which is used for login.", {"email"}),
        ("除手机号码外，我们不会收集您的其他个人信息。", {"phone_number"}),
        ("本应用不会收集除IP地址之外的任何信息。", {"ip_address"}),
        # no exception: "unless", "as required by law", deleting
        ("除非您同意，我们不会收集您的位置信息。", set()),
        ("We do not share your email address except as required by law.", set()),
        ("我们不会收集您的手机号码，删除账号以外的操作不受影响。", set()),
    ],
)
def test_the_exception_to_a_denial_is_collected(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("We request location permission to show nearby stores.\n", {GENERIC_LOCATION}),
        ("## Permissions\n\n- Location: used to show nearby places.\n", {GENERIC_LOCATION}),
        ("## 权限说明\n\n- 位置：用于推荐附近门店\n", {GENERIC_LOCATION}),
        # a literal permission still says which; a denied or switched-off one declares nothing
        ("android.permission.ACCESS_FINE_LOCATION: to show nearby stores.\n", {"location_precise"}),
        ("We do not request location permission.\n", set()),
        ("You can turn off location permission in your device settings at any time.\n", set()),
    ],
)
def test_a_location_permission_named_in_words_declares_a_location(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("The app requests the body sensors permission to read your heart rate.\n", {"sensors"}),
        ("本应用会申请健身运动权限，用于统计步数。\n", {"sensors"}),
        ("本应用会申请身体活动权限，用于记录运动。\n", {"sensors"}),
        ("We need the files and media permission to import backups.\n", {"photos_storage"}),
    ],
)
def test_android_permission_group_names(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        (
            "I may require you to provide us with certain personally identifiable information, including but not"
            " limited to Email, Name. The information that I request will be retained on your device and is not"
            " collected by me in any way.",
            set(),
        ),
        ("我们会收集您的手机号码。上述信息仅保存在本地，我们不会收集。", set()),
        # kept and used, or only not shared: the list stands
        (
            "We may require you to provide us with certain personally identifiable information, including but not"
            " limited to Email, Name. The information that we request will be retained by us and used as described.",
            {"email", "name"},
        ),
        ("We collect your email address. This information is not shared with third parties.", {"email"}),
    ],
)
def test_a_sentence_denying_the_data_of_the_one_before_takes_it_back(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("You can manage location permissions in your device settings.", set()),
        ("您可以在手机的设置中管理相机、位置等权限。", set()),
        ("You may change the camera permission in system settings.", set()),
        # a permission the app asks for a purpose still declares
        ("We request the camera permission to scan QR codes.", {"camera"}),
    ],
)
def test_the_users_permission_switches_declare_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("您可以访问、更正、删除您的个人信息，包括手机号码、邮箱。", set()),
        ("You can access, update or delete your email address and phone number at any time.", set()),
        # the operator's own collection in the same sentence still declares
        ("You can access your data at any time; we collect your email address to send receipts.", {"email"}),
    ],
)
def test_the_users_rights_over_data_declare_nothing_outside_their_section(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        (
            "Cookies are files with a small amount of data. These are sent to your browser from the websites that"
            " you visit and are stored on your device's internal memory.",
            set(),
        ),
        ("We record the pages that you visit in the app.", {"usage_log"}),
    ],
)
def test_sites_cookies_come_from_are_no_interaction(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Crash reports are collected without your name, email address or IP address.", {"usage_log"}),
        ("We collect crash reports. They never include your name, email address or IP address.", {"usage_log"}),
        ("Your notes are stored only on your device and never include your location or contacts.", set()),
        ("The app creates a random install ID (not a phone serial or advertising ID).", set()),
        # holding verbs with "no" or denied ("hold/carry/has no", "does not hold"): the object only
        ("Backups hold no location data.", set()),
        ("Analytics events carry no identifiers such as your advertising ID.", set()),
        ("The widget has no access to your contacts.", set()),
        # formerly the added negations "has no access" / "have no access"
        ("The app has no access to your contacts.", set()),
        ("We have no access to your contacts.", set()),
        ("We collect crash reports; they do not carry your email address.", {"usage_log"}),
        # (the approximate region collected is a coarse location: `_APPROXIMATE_PLACE`)
        ("We collect the approximate region, never your precise GPS location.", {"location_coarse"}),
        ("We collect your email address, but not your phone number.", {"email"}),
        # formerly vocabulary entries ("without access", "without accessing", "without providing")
        ("The app works without access to your location.", set()),
        ("The scanner reads codes without accessing your camera roll or camera.", set()),
        ("You can use the app without providing your email address.", set()),
        # not a denial of an object: consent, "not only", "not limited to"
        ("We will not share your email address without your consent.", set()),
        ("We collect your email address without your consent only where the law allows.", {"email"}),
        ("We collect not only your email address but also your phone number.", {"email", "phone_number"}),
        ("We collect data including, but not limited to, your email address.", {"email"}),
    ],
)
def test_a_denied_object_covers_the_words_after_it(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Biometric Protection: Optional biometric lock for additional security.", set()),
        # formerly the vocabulary entry "biometric lock" (not_a_word)
        ("Information we collect: an optional biometric lock for additional security.", set()),
        ("We use your fingerprint or Face ID to unlock the app.", set()),
        ("If you enable App Lock, biometric authentication is handled by the operating system.", set()),
        ("Your fingerprint is checked by your device's secure hardware; we only learn whether it matched.", set()),
        # signing in to the app with the device's biometrics
        ("Security: encrypted backups, two-factor codes and biometric login.", set()),
        ("You can turn on Face ID sign-in for faster access.", set()),
        ("Fingerprint login is available on supported phones.", set()),
        # biometrics the operator receives still declare
        ("We collect your fingerprint to verify your identity when you log in.", {"biometric"}),
        ("We collect biometric data such as your face scan to verify your identity.", {"biometric"}),
    ],
)
def test_biometrics_the_device_checks_declare_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # "tracking technologies" names no cookie (pixels, SDKs, fingerprinting …); readers count cookies by name
        ("These third parties may use tracking technologies to collect information about you.", set()),
        ("We use cookies and similar tracking technologies to collect usage data.", {"cookies", "usage_log"}),
    ],
)
def test_tracking_technologies_are_no_cookies_by_themselves(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Nothing you type, including your name or email, leaves your device.", set()),
        ("Nothing you enter, such as your email address, is sent to us.", set()),
        ("We collect your email address; nothing else is collected.", {"email"}),
        ("There is nothing to configure: we collect your email address to send receipts.", {"email"}),
    ],
)
def test_nothing_as_the_subject_denies(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        (
            "No method of transmission over the Internet, or method of electronic storage, is 100% secure,"
            " including your passwords and payment details.",
            set(),
        ),
        ("No system is completely secure; we collect your email address to send receipts.", {"email"}),
    ],
)
def test_the_security_disclaimer_declares_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("We may disclose your information, including your name and email, if required by law.", set()),
        ("If we are involved in a merger, your email address and other information may be transferred.", set()),
        ("In the event of bankruptcy, your phone number may be sold as part of our assets.", set()),
        # the operator's own collection in the same sentence still declares
        ("We collect your email address and may disclose it if required by law.", {"email"}),
    ],
)
def test_compelled_disclosure_and_business_transfer_declare_nothing(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a "no …" object ends where a coordinated predicate starts; that predicate still declares
        ("This cookie stores no personal information and will keep track of how you use the app.", {"usage_log"}),
        ("The widget stores no location data and uses your email address to sign you in.", {"email"}),
        ("We collect no data about you and we never see your photos.", set()),
        # "and" between objects of the denied "no …" is no second predicate
        ("The app collects no personal data such as your name and email address.", set()),
    ],
)
def test_a_denied_no_object_ends_at_a_second_predicate(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a ";" part with a negated predicate of its own is no item of the enumeration before it
        ("The app can read barcodes using your camera; images are not stored.", {"camera"}),
        ("We access the microphone for voice notes; audio is never uploaded.", {"microphone"}),
        ("The scanner reads documents with your camera; pictures are never saved or shared.", {"camera"}),
        # parts that are items still take the verb of the first part
        ("We collect: your email; images you upload; files you attach.", {"email", "photos_storage"}),
        ("We read the following: contacts; images.", {"contacts", "photos_storage"}),
    ],
)
def test_a_part_with_a_negated_predicate_of_its_own_is_no_item(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a third-party sign-in named generically or "via" a provider declares the account (C1)
        ("If you register through third-party authentication (e.g. Apple), we get your profile.", {"accounts"}),
        ("Login via Discord stores a token on your phone.", {"accounts"}),
        ("You can sign up using your GitHub account.", {"accounts"}),
        ("Third-party sign-up is available for faster onboarding.", {"accounts"}),
        # denied: the app does not support or offer it
        ("The app doesn't support login via Facebook.", set()),
        ("We do not offer third-party authentication.", set()),
    ],
)
def test_a_third_party_sign_in_named_generically_declares_the_account(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # items of the rights section or of a rights lead-in that open with the user's verb list no collection
        ("## Your rights\n\n- access the data we hold about you, such as your name and location history;\n", set()),
        ("## Your rights\n\n- **Right of access**: obtain a copy of the photos we keep.\n", set()),
        ("## Your privacy choices\n\n- Withdraw consent for optional biometrics at any time.\n", set()),
        ("Under the GDPR you have the right to:\n\n- correct your phone number;\n- erase your email.\n", set()),
        ("## 您的权利\n\n- 更正您的手机号码和邮箱。\n", set()),
        # the operator's own verb in such a list, and items elsewhere, still declare
        ("## Your rights\n\n- We collect your email address to answer your requests.\n", {"email"}),
        ("## Information we collect\n\n- Access to your camera to scan documents\n", {"camera"}),
    ],
)
def test_an_item_of_the_rights_list_with_the_users_verb_lists_no_collection(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a denial after "and"/"but" is a predicate of its own: the one before it still declares
        ("We collect your email address and do not collect your location.", {"email"}),
        ("We use cookies, and the app uses no trackers.", {"cookies"}),
        ("The game records crash logs but never reads your contacts.", {"usage_log"}),
        ("We store your phone number and we don't share it with anyone.", {"phone_number"}),
        # both predicates denied, or the data before a passive denial
        ("We do not collect your name and do not store your email.", set()),
        ("Your name and email address are never collected.", set()),
        ("The app uses no cookies.", set()),
    ],
)
def test_a_denial_after_and_is_a_predicate_of_its_own(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a permissions table answering no in its "Requested"/"Used" column
        (
            "## Permissions\n\n| Permission | Requested | Why |\n|---|---|---|\n| Camera | Yes | Scan codes |\n"
            "| Contacts | No | - |\n"
            "| Microphone | ✗ | not used |\n",
            {"camera"},
        ),
        ("| Permission | Used? |\n|---|---|\n| Location | not used |\n| Storage permission | Yes |\n",
         {"photos_storage"}),
        # a summary item answered no
        ("## Data summary\n\n- Microphone: No\n- Location – none\n- Email address: collected for sign-in\n", {"email"}),
        ("## 数据摘要\n\n- 相机：否\n- 手机号码：用于登录\n", {"phone_number"}),
    ],
)
def test_a_no_answer_declares_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # crash reports are data of their own, not only the label of the list after them
        ("Crashlytics collects crash reports including the device model.", {"usage_log", "device_info"}),
        ("We receive crash logs, such as the OS version and the stack trace.", {"usage_log", "device_info"}),
        ("我们会收集崩溃日志，包括设备型号和系统版本。", {"usage_log", "device_info"}),
        # a label that only sums up its list still does
        ("We collect device information such as the device model.", {"device_info"}),
    ],
)
def test_crash_reports_with_a_list_are_declared_too(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a heading or lead-in denying what its items do
        ("## What we don't do\n\n- Track your location\n- Read your contacts\n\n## What we do\n\n- Store your email\n",
         {"email"}),
        ("We will never:\n\n- access your microphone\n- upload your photos\n\nWe collect your email.\n", {"email"}),
        ("## Things we never do\n\n- read your SMS\n", set()),
        ("## 我们不会做的事\n\n- 读取您的通讯录\n- 获取您的位置信息\n", set()),
        # an adverb between the subject and its denial
        ("## What we still do not do\n\n- Access your calendar or camera\n- Show ads using your advertising ID\n",
         set()),
        ("### What we also won't do\n\n- Read your SMS messages\n\n### What we do\n\n- Keep your email\n", {"email"}),
        # "What we do" still declares
        ("## What we do\n\n- Read your contacts to find friends\n", {"contacts"}),
    ],
)
def test_a_heading_denying_what_its_items_do(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a vendor's own policy paraphrased is not this app's collection
        ("According to Acme's privacy policy, Acme collects information such as your location and contacts.", set()),
        ("Acme's privacy policy explains that Acme may collect your browsing history.", set()),
        ("Read the vendor's privacy notice, which describes how Acme uses your phone number.", set()),
        # the app's own verbs in such a sentence still declare
        ("We send your email address to Acme; Acme's privacy policy explains how Acme uses it.", {"email"}),
    ],
)
def test_a_vendors_own_policy_paraphrased_declares_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared



@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a verb of asking, reading, declaring or needing with a "no" object denies that object only
        ("The game asks for no location permission and reads no GPS.", set()),
        ("Our widget reads no contacts and needs no camera; it stores your email address.", {"email"}),
        ("The app declares no microphone or calendar permission.", set()),
        ("Our service needs no phone number to sign you up.", set()),
        # a denied giving covers what follows it, not what the clause named before
        ("The app does not give the ad network any advertising identifier.", set()),
        ("We never pass on your location to anyone.", set()),
        ("We collect your email address, which we do not give to advertisers.", {"email"}),
        ("Our app shares your advertising identifier with the ad partner.", {"gaid"}),
        # a contrast after a comma: "…, not from X"
        ("We store your region, taken from the phone's locale, not from GPS and not from your IP address.", set()),
        ("We read your region from GPS.", {"location_precise"}),
    ],
)
def test_denied_objects_of_asking_reading_and_giving(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # an aside between the negator and the verb keeps the denial, with or without its commas
        ("We do not and will not, at any time, request your passport number by email.", set()),
        ("The app will never ever read your SMS messages.", set()),
        ("We will not, under any circumstances, collect your contacts.", set()),
        ("At any time, we may request your passport number to verify you.", {"id_number"}),
        # the reader told not to type something in
        ("## Data we process\n\nPlease don't type personal information, such as your name, into the chat.", set()),
        ("## Data we process\n\nPlease do not put your phone number in a review.", set()),
        ("## Data we process\n\nPlease type your name into the form.", {"name"}),
    ],
)
def test_asides_and_requests_not_to_type_deny(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a sentence whose only predicate is a vendor's terms, wherever its section
        ("## Third-party services\n\nApple's handling of purchase data is governed by Apple's Privacy Policy.", set()),
        ("## Partners\n\nHandling of your location by the map provider is subject to its own privacy policy.", set()),
        # a verb of collecting or giving of its own still declares
        ("## Partners\n\nWe share your email address with Acme, governed by Acme's privacy policy.", {"email"}),
    ],
)
def test_a_sentence_naming_only_a_vendors_terms_declares_nothing(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a generic advertising identifier in a sentence about iOS only is the IDFA
        ("On iOS, the ad SDK uses your advertising identifier if you allow tracking.", {"idfa"}),
        ("We collect device identifiers (such as the Advertising Identifier / IDFA).", {"idfa"}),
        ("On iPhone and iPad, our analytics partner receives the advertising ID.", {"idfa"}),
        # about Android, or both, or neither: Google's
        ("On Android, the ad SDK uses your advertising identifier.", {"gaid"}),
        ("The ad SDK reads your advertising identifier on iOS and Android.", {"gaid"}),
        ("The ad SDK reads your advertising identifier.", {"gaid"}),
        # named ones keep their type
        ("On iOS we never read it; on Android the SDK collects the Google Advertising ID.", {"gaid"}),
    ],
)
def test_a_generic_advertising_identifier_about_ios_is_the_idfa(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # Apple's identifier for vendor is no login account
        ("On an iPhone, the SDK also sends Apple's identifier for vendor.", set()),
        ("We receive a unique identifier from Apple when you sign in.", {"accounts"}),
        # signing up through a social network or a social account
        ("If you create an account via a Social Networking Site, we receive your public profile.", {"accounts"}),
        ("我们会收集您授权第三方平台分享的信息（如社交账号登录）。", {"accounts"}),
    ],
)
def test_login_identifiers_and_social_sign_up(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a lead-in ending with a denied object, a heading saying what is not done: their lists are denied
        ("Our beacons do **not** contain:\n\n- Your email address\n- Your precise location\n\n"
         "We store your phone number.", {"phone_number"}),
        ("Crash reports never include:\n\n- your contacts\n- your name\n", {"usage_log"}),
        ("Crash reports include:\n\n- your device model\n", {"device_info", "usage_log"}),
        ("### 5.2 What Is Not Shared\n\n- Your email address\n- Your contacts\n", set()),
        ("### What is never uploaded\n\n- Your photos\n", set()),
        # a UID kept apart from the data named after "not linked to"
        ("We create an identifier that is not linked to your name or email address.", set()),
        ("We collect your email address; it is not linked to any advertising identifier.", {"email"}),
        # the App Store label's "not linked to you" category is still collected
        ("We collect usage data, which is not linked to you.", {"usage_log"}),
    ],
)
def test_denied_lists_and_data_kept_apart(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # what the user can reset or switch off in the opt-out section is not collected by being listed
        ("## What are my opt-out rights?\n\nYou may also:\n\n- Reset your advertising identifier in Settings\n"
         "- Deny tracking in the system prompt\n", set()),
        ("## Opting out\n\n- Turn off location access in your phone's settings\n", set()),
        # a verb of the operator there still declares
        ("## Opting out\n\nWe collect your email address to record your opt-out.\n", {"email"}),
        # an iOS heading makes a generic advertising identifier the IDFA
        ("## App Tracking Transparency\n\nIf you allow tracking, the ad SDK may use your advertising identifier.\n",
         {"idfa"}),
        # a biometric gate in front of the app, and its stored switch, are no biometric data
        ("## Security\n\nBiometric authentication (optional): Face ID or fingerprint can be enabled as an additional "
         "gate to access the app.\n", set()),
        ("| Storage | Contents |\n|---|---|\n| Local storage | biometric preference, onboarding state |\n", set()),
        ("We collect your fingerprint template to verify payments.\n", {"biometric"}),
    ],
)
def test_opt_out_sections_ios_headings_and_biometric_gates(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a denial limited to what a party keeps anyway: the data is kept
        ("We do not log IP addresses beyond what our host retains for abuse prevention.", {"ip_address"}),
        ("We do not keep logs; we do not log IP addresses.", set()),
        # a limit set by the policy's own text or by the user is no exception: the denial stands
        ("We do not collect crash data, your contacts, or anything beyond what is described above.", set()),
        ("The service never records your location or any data beyond what's listed here.", set()),
        ("We do not collect photos beyond what you choose to send us.", set()),
        ("Our server does not store email addresses beyond what the mail provider keeps.", {"email"}),
        # the user's act after the picture word gives an ambiguous "photos" its verb
        # (and taking them is the camera: test_pictures_the_user_takes_and_titled_device_parts)
        ("We store the photos of receipts you take or choose for an entry.", {"photos_storage", "camera"}),
        ("We save photos that you select for your profile.", {"photos_storage"}),
        ("We save photos for your profile.", set()),
    ],
)
def test_limited_denials_and_photos_the_user_picks(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # audio as a kind of file among others is no microphone, in prose or in a file word's definition
        ("我们会收集您上传、分享的文件（图片、文档、音频等）。", set()),
        ("We store the images, audio and documents you attach to a task.", set()),
        ("文件（图片、文档、音频、视频等）。我们会保存您的文件数据。", {"photos_storage"}),
        # recorded audio and audio calls still are
        ("我们会收集您录制的音频文件。", {"microphone", "photos_storage"}),
        ("我们会收集您的音频、视频通话内容。", {"microphone", "photos_storage"}),
        # "不蒐集" (Traditional) denies; a template's placeholder is no contact detail given
        ("我們不蒐集：位置、聯絡人、健康資料。", set()),
        ("## 联系我们\n\n客服邮箱：{客服邮箱}", set()),
        ("We collect your email: [required] to log you in.", {"email"}),
        # an app's user identifier is no IMSI; the IMSI named is
        ("我们收集认证信息：存取权杖、使用者識別碼（UUID）。", set()),
        ("我們可能會收集：應用程式產生的本機使用者識別碼。", set()),
        ("我们会收集国际移动用户识别码。", {"imsi"}),
        # "向您发送" is a channel the operator uses
        ("## 营销\n\n我们可能通过电子邮件、短信或其他方式向您发送营销信息。", set()),
        # a word before 信息 shared with the conjunct before it ("设备与操作系统信息")
        ("日志内容可能包含您的请求时间、设备与操作系统信息。", {"device_info"}),
    ],
)
def test_audio_files_traditional_denials_placeholders_and_shared_heads(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a heading naming data under a heading that collects gives its items' ambiguous words their verb
        ("## 2.2 我们自动收集的信息\n\n### 设备信息\n\n- **网络状态**：用于优化加载\n", {"network_info"}),
        ("## Data we collect\n\n### Device information\n\n- **Network status**: to retry uploads\n",
         {"device_info", "network_info"}),
        ("## 设备信息\n\n- **网络状态**：用于优化加载\n", set()),
        ("## 我们不收集的信息\n\n### 设备信息\n\n- **网络状态**\n", set()),
        # a word inside a template's placeholder gives no data
        ("## 投诉\n\n我们会处理您的投诉。客服邮箱: [客服邮箱]", set()),
        ("We collect your email address [required] for login.", {"email"}),
    ],
)
def test_data_subheadings_under_collecting_headings_and_placeholders(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # the reader's own providers, and the site a link leads to, are no parties of the app
        ("## Others\n\nYour mobile carrier may also record your phone number as part of its own services.", set()),
        ("## Others\n\nYour device manufacturer or operating system provider may collect your location.", set()),
        ("## Others\n\nYour email provider will process your email address when you write to us.", set()),
        ("## Links\n\nWhen you follow a link to another website, that site may collect your IP address.", set()),
        ("## Links\n\nIf you open a linked page, such sites can set cookies.", set()),
        # the app's own collection of the same words still declares
        ("We collect your carrier name and your phone number.", {"network_info", "phone_number"}),
        ("Our site may collect your IP address.", {"ip_address"}),
        # what the user cannot be identified by is denied; data that does not identify the user is still collected
        ("Usage statistics are collected; they cannot identify you by name or phone number.", {"usage_log"}),
        ("We collect data that does not identify you individually, such as crash reports and your device model.",
         {"device_info", "usage_log"}),
    ],
)
def test_the_readers_own_providers_and_identification_denials(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # the user entering or speaking voice gives 语音 its verb
        ("当您输入文本或语音进行翻译时，这些数据将发送到翻译接口处理。", {"microphone"}),
        ("您可以录入语音笔记，内容会同步到云端。", {"microphone"}),
        ("我们提供语音播报功能。", set()),
        ("语音包可在设置中下载。", set()),
    ],
)
def test_voice_the_user_enters(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    "text",
    [
        # the provider named apart from the sign-in verb, in its clause
        "To create an account you can sign up (with an email and password or Discord).",
        "Members authenticate through a third-party provider such as GitLab or Microsoft.",
        "To import friends, connect your Fitly account with a third party, like Twitter.",
        "The player logs in via an existing Steam account to save progress.",
        "We rely on OAuth2 to connect the app to Spotify/Twitch so that playlists load.",
        "Providers used: Apple (sign-in and iCloud sync), Stripe (billing).",
    ],
)
def test_a_sign_in_with_its_provider_apart_declares_accounts(tmp_path: Path, text: str) -> None:
    """C1 where the words are not a fixed form: the provider follows the sign-in verb as its means ("via", "or",
    "like", "/") within the clause, or stands right before a bracketed sign-in."""
    types, _ = _decls(tmp_path, text + "\n")
    assert "accounts" in types


@pytest.mark.parametrize(
    "text",
    [
        # a provider in the clause that is not the means of signing in
        "Configure the OAuth consent screen on the Microsoft admin portal before use.",
        "Login and security features (Google privacy policy) protect the service.",
        "The badge runs your local CLI, signed in with your own GitLab account.",
        # a bare third party, no provider named: the generators' boilerplate
        "If you log in to the Services through a third-party site, that site may share content with us.",
        # a comma ends the clause of the verb
        "You log in with an email address, and crash reports go to Google.",
        # denied
        "We do not offer sign up through a third party like Facebook.",
    ],
)
def test_a_provider_that_is_not_the_means_of_sign_in_declares_no_account(tmp_path: Path, text: str) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert "accounts" not in types


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # an ambiguous word plus a generic head noun is the whole item of a data column
        ("| Data | Retention |\n|---|---|\n| Voice data | Removed after a week |\n", {"microphone"}),
        ("| Data | Handling |\n|---|---|\n| Voice audio/transcript | Sent to the speech API |\n", {"microphone"}),
        ("| Data collected | Why |\n|---|---|\n| Calendar data | Sync |\n", {"calendar"}),
        ("| Data collected | Why |\n|---|---|\n| Contacts information | Invites |\n", {"contacts"}),
        ("| Data | Why |\n|---|---|\n| Calendar settings | Sync |\n", set()),
        # more words than the head noun: not the data itself
        ("| Data | Handling |\n|---|---|\n| Voice settings | Kept on the phone |\n", set()),
        ("| Data | Handling |\n|---|---|\n| Voice data about speaker volume levels | Kept |\n", set()),
        # outside a data column the word still needs its verb
        ("| Feature | Note |\n|---|---|\n| Voice data | Optional |\n", set()),
    ],
)
def test_a_head_noun_leaves_a_data_cells_word_whole(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # an appended "no …" object is denied; the clause before it still declares
        ("We keep your high scores and your email, no names or phone numbers.", {"email"}),
        ("We collect crash reports \u2014 no email addresses or contacts.", {"usage_log"}),
        # "no later than", "no matter": no denial
        ("We collect your email address, no later than when you sign up.", {"email"}),
        ("We store your phone number, no matter which plan you pick.", {"phone_number"}),
    ],
)
def test_an_appended_no_object_is_denied(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # English AAID is Google's Android advertising ID
        ("Our ad partner reads the advertising ID (IDFA on iPhone, AAID on Android).", {"gaid", "idfa"}),
        ("We collect the AAID to limit how often an ad is shown.", {"gaid"}),
        # the MSA ID of that name: in Chinese text, or beside its siblings
        ("我们会收集您的AAID用于广告归因。", {"oaid"}),
        ("The push SDK collects OAID, VAID and AAID.", {"oaid"}),
    ],
)
def test_an_english_aaid_is_the_google_advertising_id(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("## Security\n\n- Encrypted backups\n- Device-level protection (passcode or biometric protection)\n", set()),
        ("## Security\n\nYour entries are guarded by your phone's passcode or fingerprint.\n", set()),
        # the device's own security named as what protects local data (round 15)
        ("## Local data\n\n- Kept in app storage\n- Protected by device security (PIN, biometrics)\n", set()),
        ("Your notes are covered by your device's security such as a PIN or face recognition.\n", set()),
        ("Saved drafts rely on the phone's built-in protection (fingerprint or pattern).\n", set()),
        # biometric data the app itself takes still declares
        ("We collect your fingerprint template to verify payments.\n", {"biometric"}),
    ],
)
def test_the_devices_own_lock_among_security_measures_is_no_biometric(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("Please take care not to share your card numbers or passwords with strangers.", set()),
        ("Please avoid revealing your home address in public chats.", set()),
        ("请勿向他人透露您的银行卡号与短信验证码。", set()),
        # the app's own collection beside the advice still declares
        ("We collect your email address. Be sure not to post your phone number publicly.", {"email"}),
        ("We collect your email address, and we never sell it.", {"email"}),
    ],
)
def test_advice_to_the_user_not_to_give_data_away_declares_nothing(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("## Cross-border transfers\n\nWe may store your data in countries other than your country.\n", set()),
        ("## Where data goes\n\nSome countries have privacy laws weaker than those of your country.\n", set()),
        # the user's country the app collects still declares
        ("We collect your country and region to show local prices.\n", {"location_coarse"}),
    ],
)
def test_your_country_among_transfer_countries_is_a_jurisdiction(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a verbless "No …" fragment denies what it names, to its sentence's or cell's end
        ("| Field | Sent |\n|---|---|\n| Context | OS version and device model. No ad identifier, no IP address. |\n",
         {"device_info"}),
        ("We collect crash reports with the device model. No location, no contacts.\n", {"device_info", "usage_log"}),
        ("| Item | Sent | Kept back |\n|---|---|---|\n| Support | Device model | No email address, no name |\n",
         {"device_info"}),
        # a turn after it, or a later sentence with a verb, still declares
        ("No account needed, but we collect your email address for receipts.\n", {"email"}),
        ("No sign-up is required. We collect your email address when you write to support.\n", {"email"}),
        ("No matter which plan you use, we collect your email address.\n", {"email"}),
    ],
)
def test_a_no_fragment_denies_what_it_names(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a Chinese name written with its abbreviation is one item: the abbreviation says which identifier
        ("我们会收集设备属性信息（如硬件型号、广告标识符IDFA、供应商标识符IDFV）。", {"device_info", "idfa"}),
        ("本应用会读取您的广告标识符 IDFA 与手机号码。", {"idfa", "phone_number"}),
        ("我们会收集移动设备识别码MEID用于风控。", {"meid"}),
        # two items of a list stay two items
        ("我们会收集您的广告标识符、IMEI。", {"gaid", "imei"}),
        ("我们会收集您的设备型号和IMEI。", {"device_info", "imei"}),
        ("我们会收集您的设备型号与MAC地址。", {"device_info", "mac"}),
    ],
)
def test_a_chinese_name_with_its_abbreviation_is_one_item(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a purchase named with a noun of data about it, in either order
        ("- **Purchase entitlement state**: the store tells the app which plan you bought.", {"payment_info"}),
        ("The app receives a confirmation of purchase from the store.", {"payment_info"}),
        ("We log in-app purchase and subscription events to measure sales.", {"payment_info"}),
        ("Partners may collect payment-related data for settlement.", {"payment_info"}),
        ("The server checks purchase tokens with the store.", {"payment_info"}),
        # denied, or a purchase without a data noun
        ("We never receive purchase tokens or receipts.", set()),
        ("You can purchase a subscription in the app.", set()),
    ],
)
def test_data_about_purchases_is_payment_info(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # the user's acts said without "you": a participle after the object, how often and which parts are used
        ("Analytics records the screens viewed and buttons tapped.", {"usage_log"}),
        ("We collect app activity such as levels played.", {"usage_log"}),
        ("The SDK measures how often the game is being used.", {"usage_log"}),
        ("We learn which of our features are used most.", {"usage_log"}),
        # a purpose or an agent after the participle is no act of the user's
        ("We store the links opened by the share sheet in a list you control.", set()),
        ("The functions used to encrypt your notes run on your device.", set()),
    ],
)
def test_acts_of_use_without_you_are_usage(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a place or position the text calls imprecise is coarse, even where the set names precise location
        ("We use GPS for navigation. The forecast request sends rounded coordinates to the weather service.",
         {"location_precise", "location_coarse"}),
        ("Analytics stores your approximate country.", {"location_coarse"}),
        ("- Coarse area (about 5 km) for local offers", {"location_coarse"}),
        ("The SDK may collect a rough geographic position.", {"location_coarse"}),
        # denied, or no verb
        ("We never collect your approximate region.", set()),
        ("Our office sits in a rough area of the old town.", set()),
    ],
)
def test_a_place_called_imprecise_is_coarse(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a profile photo or avatar the user adds is a photo from the user's gallery
        ("We collect your display name and profile photo (optional).", {"name", "photos_storage"}),
        ("## What we collect\n\n- Profile picture, if you upload one\n", {"photos_storage"}),
        ("You may upload an avatar, which we store on our servers.", {"photos_storage"}),
        # not the picture a sign-in provider hands over, its URL, or a drawn avatar's looks
        ("When you sign in with Google we receive your profile picture.", {"accounts"}),
        ("We store the profile photo URL from your account.", set()),
        ("## Naver login\n\nCollected information: profile picture\n", set()),
        ("We save your avatar appearance (hair, colours) in the game.", set()),
    ],
)
def test_a_profile_photo_the_user_adds_is_a_photo(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a hedge inside the sign-in clause does not end it
        ("If you sign in (e.g., with Google), we keep a user ID.", {"accounts"}),
        ("Users who log in (for example, via Discord) see their history.", {"accounts"}),
        ("You can sign up (i.e., through Apple) in one tap.", {"accounts"}),
        # a full stop still ends it
        ("You can sign in. Google Analytics counts visits.", set()),
    ],
)
def test_a_hedge_does_not_end_a_sign_in_clause(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n", "p.txt")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # "phone" among kinds of device is the device, not a phone number
        ("We collect:\n\n- Email\n- Device type (Phone / Tablet)\n", {"email", "device_info"}),
        ("We collect your name, email and whether you use a phone or tablet.", {"name", "email"}),
        # among data items it is still the phone number
        ("We collect:\n\n- Name\n- Email\n- Phone\n", {"name", "email", "phone_number"}),
    ],
)
def test_phone_among_device_kinds_is_the_device(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


def test_phone_among_device_kinds_defines_no_glossary_term(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text("# P\n\n## Data collected\n\n- Email\n- Device type (Phone / Tablet)\n", encoding="utf-8")
    assert "device type" not in build_glossary([load(f)], vocabulary.load())


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a place with the IP address it comes from in brackets is a coarse location
        ("We collect:\n\n- Location region (IP address based)\n", {"location_coarse", "ip_address"}),
        ("Analytics stores the country (IP-derived).", {"location_coarse"}),
        # the place alone in a bracket with no IP is not
        ("We collect:\n\n- Region (optional, you choose it)\n", set()),
    ],
)
def test_a_place_with_its_ip_source_in_brackets(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text + "\n")
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # the listed words all fall (a file or group name is no person's name): the label declares its own type
        ("We collect:\n\n- **Trips:** transaction details (such as group names, amounts).\n", {"payment_info"}),
        ("We keep transaction details (such as file names of receipts, totals).\n", {"payment_info"}),
        # a listed word that stands still narrows the label to it
        ("We collect transaction details (such as names, amounts).\n", {"name"}),
        ("我们会收集设备识别码（IMEI、OAID）。\n", {"imei", "oaid"}),
    ],
)
def test_a_label_whose_listed_words_all_fall_declares_itself(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


_BOTH_PLACES = {"location_coarse", "location_precise"}


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # the coarse one first of a pair sharing its head noun: both are declared
        ("We collect approximate or precise location to show nearby players.\n", _BOTH_PLACES),
        ("Depending on your settings, the app reads coarse and/or fine location.\n", _BOTH_PLACES),
        # denied as a pair: neither
        ("We never collect your coarse and precise location.\n", set()),
    ],
)
def test_an_approximate_first_location_pair_declares_both(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # texts as the last of a list of services the backend calls, or an SDK record keyed by the sender's company
        ("我们通过服务器调用云计算、数据存储和短信等服务，用于登录。\n", set()),
        ("1、某云短信公司名称：某云计算有限公司，使用目的：推送消息，收集数据类型：设备识别信息\n", set()),
        # the user's messages read still are
        ("我们会读取您的短信内容以识别验证码。\n", {"sms"}),
        ("经您授权，我们会读取短信等信息。\n", {"sms"}),
    ],
)
def test_an_sms_service_in_a_list_of_services_is_no_sms_data(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


def test_many_summing_up_labels_in_one_sentence_keep_their_lists(tmp_path: Path) -> None:
    # thousands of "A、B等设备信息" in one sentence: each label's items are looked up near it (bounded work), and the
    # label still yields to its list
    text = "我们会收集" + "，".join(["IMEI、OAID等设备信息"] * 3000) + "。\n"
    types, _ = _decls(tmp_path, text)
    assert set(types) == {"imei", "oaid"}


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a timetable, a reminder time or a sync routine is no calendar
        ("We download public bus schedules and routes to show departures.\n", set()),
        ("The RECEIVE_BOOT_COMPLETED permission is used to restore reminder schedules after a reboot.\n", set()),
        ("Reminder times you set are used only to schedule notifications (see the permissions section).\n", set()),
        # the device calendar still is
        ("We read your calendar to add training sessions.\n", {"calendar"}),
        ("我们会读取您的日程以提醒您。\n", {"calendar"}),
    ],
)
def test_an_english_schedule_is_no_calendar(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a list the paragraph before it collects ("we may automatically collect"), under a definitions heading
        (
            "## 一、个人信息定义\n\n当您使用服务时，我们可能会自动收集相关信息\n\n"
            "- 1）常用设备信息（包括硬件序列号、软件列表、运营商）；\n- 2）IP(Internet Protocol)地址；\n",
            {"serial", "app_list", "network_info", "ip_address"},
        ),
        (
            "## Definitions\n\nWhen you use the app we automatically collect\n\n- crash logs\n- your IP address\n",
            {"usage_log", "ip_address"},
        ),
        # the same list after a paragraph that defines, or that denies, is no collection
        ("## 一、个人信息定义\n\n个人信息是指以电子方式记录的各种信息，例如：\n\n- 1）硬件序列号、软件列表；\n", set()),
        ("## 一、个人信息定义\n\n我们不会收集以下信息\n\n- 1）硬件序列号、软件列表；\n", set()),
    ],
)
def test_a_list_after_we_collect_declares_under_a_definitions_heading(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # English conjuncts sharing one head noun: the first names its type with that noun
        ("We collect device and browser information to keep sessions secure.\n", {"device_info"}),
        ("The SDK may receive crash and performance data.\n", {"usage_log"}),
        ("Our host logs:\n\n- Device & network information\n", {"device_info", "network_info"}),
        # denied, or a first conjunct that makes no data word with the head
        ("We do not collect device or browser information.\n", set()),
        ("We store recipe and menu data you enter.\n", set()),
        # two words in the second conjunct share no head ("device and app usage data" is usage data)
        ("We collect device and app usage data.\n", {"usage_log"}),
    ],
)
def test_english_conjuncts_share_their_head_noun(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a sub-heading that is a data item as a whole, under a heading that collects, over verbless examples
        ("## Information We Collect\n\n### Device Information\n\n- **Model**: for support\n", {"device_info"}),
        ("## 1. Data we collect\n\n### 1.2 IP address\n\n- for security\n", {"ip_address"}),
        # a Chinese one groups its items (their own words declare: test_data_subheadings_under_collecting_headings…)
        ("## 我们收集的信息\n\n### 设备信息\n\n- 用于排查故障\n", set()),
        # its first sentence denies it; a parent heading that does not collect; a heading that is no data item
        ("## Information We Collect\n\n### Device Information\n\nWe do not collect device information.\n", set()),
        ("## Your choices\n\n### Device Information\n\n- **Model**: for support\n", set()),
        ("## Information We Collect\n\n### Sharing device information with partners\n\n- never\n", set()),
    ],
)
def test_a_data_sub_heading_under_a_collecting_heading_is_an_item(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a bracket opening a relative clause says what the word can tell: the word still declares
        ("We collect your IP address (which may reveal your approximate location) and locale.\n",
         {"ip_address", "location_coarse"}),
        ("我们会收集IP地址（该地址有时可以显示您所在的城市）。\n", {"ip_address", "location_coarse"}),
        # a relative clause that lists is a list after its label
        ("We collect device information (which includes your advertising ID).\n", {"gaid"}),
        # a non-precise location is a coarse one, no precise location
        ("Ads may use an approximate, non-precise location.\n", {"location_coarse"}),
        # "does not get sent" denies like "is not sent"
        ("What does not get sent: your name or your precise location.\n", set()),
        ("Your email address never gets collected.\n", set()),
    ],
)
def test_relative_brackets_non_precise_location_and_get_sent(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # an ambiguous word before a Chinese conjunction is still a whole item listed with data
        ("定位时我们会使用IP地址、WLAN接入点、基站以及其他信号。\n", {"ip_address", "wifi_info", "cell_info"}),
        ("当您使用服务时会用到手机号码、基站和邮箱地址。\n", {"phone_number", "cell_info", "email"}),
        # a telecom carrier listed among data items; the carrier's service outage is no data
        ("当您访问时，我们会记录IP地址、电信运营商、使用语言。\n", {"ip_address", "network_info"}),
        ("该事件包括但不限于自然灾害、黑客攻击或基础电信运营商服务中断等。\n", set()),
    ],
)
def test_chinese_conjunctions_end_an_item_and_telecom_carriers(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a denied send in a section about third parties declares nothing of what it names
        ("## Third-party providers\n\nThe app does not send any advertising ID or email to these services.\n", set()),
        ("## 第三方服务\n\nWe never send any location data to the map provider.\n", set()),
        # "not send your email to advertisers" still says the app holds the email (test_policy_vocab)
        ("## Third-party providers\n\nWe do not send your email address to these services.\n", {"email"}),
        # a send after a collection still leaves the collection declared
        ("We collect your email address to sign you in, and we do not send it to advertisers.\n", {"email"}),
    ],
)
def test_a_denied_send_declares_nothing(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a picture the user takes in the app: the camera
        ("We collect photos of receipts you capture.\n", {"camera", "photos_storage"}),
        ("我们会上传您为售后凭证拍摄的照片。\n", {"camera", "photos_storage"}),
        ("We process the videos that you record for your workout log.\n", {"camera"}),
        ("We do not upload pictures you take.\n", set()),
        # a device part as its item's title, then what it is used for
        ("## Data we process\n\n- **Camera:** used only for pose detection on the device.\n", {"camera"}),
        ("## Data we process\n\n- Microphone – used to record voice notes.\n", {"microphone"}),
    ],
)
def test_pictures_the_user_takes_and_titled_device_parts(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # a file of a kind that is no picture: its kind is the data, not the user's photos and files
        ("We access the GPX files you export to share a route.\n", set()),
        ("We collect backup files only when you ask for support.\n", set()),
        ("我们会读取本地日志文件并上传。\n", {"usage_log"}),
        # the user's files and image files still are
        ("We access the files you choose to attach.\n", {"photos_storage"}),
        ("We read image files from your gallery.\n", {"photos_storage"}),
    ],
)
def test_files_of_a_kind_that_is_no_picture(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # an item with a condition after it is still a whole item of its list
        ("We collect account identifiers (name, email, phone when provided).\n", {"name", "email", "phone_number"}),
        ("We store your name, phone if available, and email.\n", {"name", "phone_number", "email"}),
        # "phone" as the device stays no data
        ("The app works on your phone when provided with a network.\n", set()),
    ],
)
def test_an_item_with_a_condition_is_whole(tmp_path: Path, text: str, declared: set[str]) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # the location among an event's fields is the event's place
        ("We store the events you create (title, date, time, location).\n", set()),
        ("我们会收集您创建的活动的标题、日期、时间、位置信息。\n", set()),
        # the user's location listed with other data still is
        ("We collect your name, email and location.\n", {"name", "email", GENERIC_LOCATION}),
        ("We collect your location data and the date of each visit.\n", {GENERIC_LOCATION}),
        ("我们会收集您的位置信息、手机号码。\n", {GENERIC_LOCATION, "phone_number"}),
    ],
)
def test_a_location_among_an_events_fields_is_the_events_place(
    tmp_path: Path, text: str, declared: set[str]
) -> None:
    types, _ = _decls(tmp_path, text)
    assert set(types) == declared
