"""Every vocabulary addition of policy_vocab.toml [[added]] with its test sentence: the extractor declares the
entry's data type in its example (or, for negations and words that never declare, does not)."""

from __future__ import annotations

import pytest

from appaudit import data as bundled
from appaudit import ontology
from appaudit.errors import DataError
from appaudit.policy import extract
from appaudit.policy import vocab as vocabulary
from appaudit.policy.load import Format, parse

ADDED = vocabulary.added_entries(bundled.load("policy_vocab.toml"), ontology.load())


def _declared(sentence: str, vocab: vocabulary.Vocab | None = None) -> set[str]:
    doc = parse(sentence.encode("utf-8"), "example.txt", Format.TEXT)
    decls, _perms = extract.extract(doc, vocab or vocabulary.load())
    types = {d.data_type for d in decls}
    # Generic location words resolve per policy set; a sentence alone has no precise wording.
    return {
        extract.location_type(extract.has_precise_location(decls)) if t == extract.GENERIC_LOCATION else t
        for t in types
    }


def test_there_are_additions() -> None:
    kinds = {a.kind for a in ADDED}
    assert {"word", "negation"} <= kinds and len(ADDED) >= 40


@pytest.mark.parametrize("entry", ADDED, ids=[f"{a.kind}:{a.phrase}" for a in ADDED])
def test_added_entry_example(entry: vocabulary.Added) -> None:
    got = _declared(entry.example)
    if entry.expect == "declared":
        assert entry.data_type in got, (entry.example, got)
    else:
        assert entry.data_type not in got, (entry.example, got)


def test_an_addition_needs_an_example() -> None:
    doc = {"added": [{"kind": "word", "data_type": "imei", "phrase": "IMEI码", "example": ""}]}
    with pytest.raises(DataError, match="IMEI码"):
        vocabulary.added_entries(doc, ontology.load())


def test_an_addition_needs_a_known_data_type() -> None:
    doc = {"added": [{"kind": "word", "data_type": "no_such_type", "phrase": "x", "example": "x"}]}
    with pytest.raises(DataError, match="unknown kind or data type"):
        vocabulary.added_entries(doc, ontology.load())


# Entries that stop a declaration, from this round on: without the entry their example must declare the type,
# so the example shows what the entry prevents.
_NEW_NEGATIONS = (
    "not by us",
    "不会接触",
    "不会向",
    "not track",
    "不使用",
    "never collected",
    "开启或关闭",
    "更新的内容需要",
    "不会申请",
    "not request",
    "not knowingly collect",
    "doesn't collect",
    "won't collect",
    "didn't collect",
    "never share",
    "not have access",
    "don't have access",
    "doesn't have access",
    "doesn't access",
    "don't access",
    "未收集",
    "没有收集",
    "不会上传",
    "不需要获取",
    "不需要收集",
    "不会将",
    "never leaves",
    "only on your device",
    "locally on your device",
    "仅在本地",
    "仅在您的设备",
    "not collected",
    "don't share",
    "doesn't share",
    "don't store",
    "doesn't store",
    "不申请",
    "not require access",
    "doesn't require access",
    "not be shared",
    "not be uploaded",
    "not be stored",
    "has no access",
    "have no access",
    "not process",
    "not collecting",
    "不会访问",
    "不访问",
    "未获取",
    "未采集",
    "未读取",
    "不会要求",
    "不会请求",
    "不会获得",
    "不会记录",
    "不会被上传",
    "不会被收集",
    "without access",
    "without accessing",
    "撤回",
    "revoke",
    "withdraw your consent",
    "never uploaded",
    "stays on your device",
    "stay on your device",
    "remains on your device",
    "please include",
    "be sure to include",
    "务必包括",
    "请注明",
    "never ask",
    "not ask for",
    "neither we nor",
    "never send",
    "never transmitted",
    "never stored",
    "never request",
    "at no time",
    "without providing",
    "无法获取",
    "无法读取",
    "无法访问",
    "不会以任何形式",
    "不会以任何方式",
    "不要求您提供",
    "don't log",
    "not log",
    "not logged",
    "not require any",
    "never read",
    "never accessed",
    "permission is explicitly disabled",
    "permission is disabled",
    "permission has been removed",
    "permission is explicitly removed",
    "permissions are disabled",
)
# A generic identifier word of the ontology (kind "category") is what stops its example declaring imei.
def _has_negator_verb_pair(example: str) -> bool:
    """Whether a negation entry's example holds a generated negator x verb phrase (negators_en x negated_verbs_en
    …), which stops it on its own: the example is still checked by test_added_entry_example."""
    raw = bundled.load("policy_vocab.toml")
    pairs = [
        *(f"{a} {b}" for a in raw["negators_en"] for b in raw["negated_verbs_en"]),
        *(a + b for a in raw["negators_zh"] for b in raw["negated_verbs_zh"]),
    ]
    n = vocabulary.normalize(example)
    return any(p in n for p in pairs)


_ONTOLOGY_WORDS = {
    (dt.id, vocabulary.normalize(w)) for dt in ontology.load().values() for w in (*dt.words_en, *dt.words_zh)
}
_STOPPING = [
    a
    for a in ADDED
    if a.kind == "not_a_word"
    or (a.kind == "category" and (a.data_type, vocabulary.normalize(a.phrase)) in _ONTOLOGY_WORDS)
    or (a.kind == "negation" and a.phrase in _NEW_NEGATIONS and not _has_negator_verb_pair(a.example))
]


@pytest.mark.parametrize("entry", _STOPPING, ids=[f"{a.kind}:{a.phrase}" for a in _STOPPING])
def test_a_stopping_entry_is_what_stops_its_example(entry: vocabulary.Added) -> None:
    raw = bundled.load("policy_vocab.toml")
    without = dict(raw, added=[a for a in raw["added"] if a["phrase"] != entry.phrase or a["kind"] != entry.kind])
    assert entry.data_type in _declared(entry.example, vocabulary.build(without, ontology.load()))
    assert entry.data_type not in _declared(entry.example)


def test_a_masking_phrase_hides_the_word_inside_it_only() -> None:
    v = vocabulary.load()
    hits = v.find(vocabulary.normalize("15个日历日内；日历信息"))
    found = [h.term.target for h in hits if h.term.kind is vocabulary.TermKind.DATA]
    assert found == ["calendar"]  # the second, "日历信息", is the calendar


def test_an_unknown_addition_kind_is_refused() -> None:
    doc = {"added": [{"kind": "mask", "data_type": "sms", "phrase": "x", "example": "x"}]}
    with pytest.raises(DataError, match="unknown kind"):
        vocabulary.added_entries(doc, ontology.load())


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("我們會收集您的電子郵件", "我们会收集您的电子邮件"),
        ("我們會記錄 IP 位址", "我们会记录ip地址"),
        ("讀取裝置資訊、相簿", "读取设备信息、相册"),
        ("行動網路與時間", "移动网络与时间"),
        ("使用紀錄與瀏覽紀錄", "使用记录与浏览记录"),
    ],
)
def test_traditional_chinese_is_matched_in_its_simplified_form(traditional: str, simplified: str) -> None:
    assert vocabulary.normalize(traditional) == simplified


@pytest.mark.parametrize(
    "text",
    [
        "应用程序的文件、设备序列号",  # Taiwan's words are not applied to Simplified text ("文件" is not "文档")
        "我们会收集设备序列号和应用程序列表，老闆",  # one stray Traditional character in a Simplified sentence
    ],
)
def test_simplified_chinese_keeps_its_words(text: str) -> None:
    assert vocabulary.simplified(text) == text


def _chinese_words() -> list[str]:
    doc = bundled.load("policy_vocab.toml")
    words = {a.phrase for a in ADDED if a.kind in ("word", "category")}
    words.update(w for dt in ontology.load().values() for w in dt.words_zh)
    words.update(w for key in ("collect_verbs_zh", "strong_verbs_zh", "negations_zh") for w in doc[key])
    return sorted(w for w in words if any("\u4e00" <= ch <= "\u9fff" for ch in w))


# Words whose Traditional spelling means something else in Taiwan: 文件 is a document there ("本文件"), read as 文档.
_TAIWAN_MEANS_OTHER = frozenset({"文件"})


@pytest.mark.parametrize("conversion", ["s2t", "s2hk", "s2tw"])
def test_every_chinese_word_written_in_traditional_characters_reads_as_itself(conversion: str) -> None:
    # Hong Kong, Macau and Mainland companies write Mainland words in Traditional characters ("設備硬件序列號",
    # "通話記錄"); Taiwan's phrase table must not turn them into other words ("串行号", "联系历史").
    import opencc

    to_traditional = opencc.OpenCC(conversion)
    v = vocabulary.load()

    def data(text: str) -> set[str]:
        return {h.term.target for h in v.find(text) if h.term.kind is not vocabulary.TermKind.PERMISSION}

    negations = set(bundled.load("policy_vocab.toml")["negations_zh"])
    verbs = set(bundled.load("policy_vocab.toml")["collect_verbs_zh"])
    wrong = []
    for w in _chinese_words():
        if w in _TAIWAN_MEANS_OTHER:
            continue
        # Padded by a Traditional sentence so that the text is read as Traditional.
        read = vocabulary.normalize("我們會" + to_traditional.convert(w) + "。")
        denial_lost = w in negations and v.negation.search(read) is None
        denial_lost = denial_lost or (w in verbs and v.collect.search(read) is None)  # a verb of collecting lost
        if data(read) != data("我们会" + vocabulary.normalize(w) + "。") or denial_lost:
            wrong.append((w, read))
    assert wrong == []
    assert len(_chinese_words()) > 300


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("我們會收集您的電子郵件地址與IP位址。", {"email", "ip_address"}),
        ("為提供服務，我們會收集您的裝置資訊及瀏覽記錄。", {"device_info", "usage_log"}),
        ("我們不會收集您的電子郵件。", set()),
    ],
)
def test_traditional_chinese_sentences_declare(text: str, declared: set[str]) -> None:
    assert _declared(text) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("若您使用华为账号登录，我们会获取您的华为账号标识与头像。", True),
        ("使用微信登录时，我们会收集您的OpenID和UnionID。", True),
        ("When you sign in with Google, we collect your Google User ID, email and display name.", True),
        ("We collect your Discord account ID and username.", True),
        # denied, or only the account the device is signed in to without collecting it
        ("我们不会收集您的Apple ID或支付信息。", False),
        ("We do not collect your Steam ID.", False),
    ],
)
def test_third_party_login_account_identifiers_are_accounts(text: str, declared: bool) -> None:
    assert ("accounts" in _declared(text)) is declared


def test_login_identifiers_come_from_the_vocabulary_file() -> None:
    raw = bundled.load("policy_vocab.toml")
    v = vocabulary.build(raw, ontology.load())
    assert v.login_id is not None and v.login_id.search(vocabulary.normalize("Discord account ID"))
    assert vocabulary.build(dict(raw, login_providers=[]), ontology.load()).login_id is None
    sentence = "We collect your Kakao account ID."
    assert "accounts" in _declared(sentence)
    only_twitch = vocabulary.build(dict(raw, login_providers=["Twitch"]), ontology.load())
    assert "accounts" not in _declared(sentence, only_twitch)


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # every negator of negators_en / negators_zh before a verb of negated_verbs_*
        ("This app never accesses your location.", set()),
        ("We do not know your name or email address.", set()),
        ("The app doesn't track your location.", set()),
        ("We won't request access to your contacts.", set()),
        ("The developer didn't receive your phone number.", set()),
        ("We cannot see your photos.", set()),
        ("We can't read your SMS messages.", set()),
        ("We are unable to access your photos.", set()),
        # inverted denials opening the sentence
        ("At no point do we collect your phone number or email address.", set()),
        ("At no time will the app read your contacts.", set()),
        ("Under no circumstances will we collect your location.", set()),
        ("We in no way record your calls.", set()),
        # a permission the app holds through a library but does not use
        ("The following permissions are not used by the app: CAMERA, RECORD_AUDIO.", set()),
        ("android.permission.CAMERA, merged in from a library, is never used by this app.", set()),
        ("The camera permission is used by the app to scan codes.", {"camera"}),
        ("Your IP address is not logged.", set()),
        ("We neither collect nor store your email address.", set()),
        ("Your contacts are never uploaded.", set()),
        ("本应用从不收集您的通讯录。", set()),
        ("我们从未上传您的相册照片。", set()),
        ("我们绝不读取您的短信。", set()),
        ("我们不会收集您的位置信息，也不会访问您的相册。", set()),
        ("本应用并未获取您的设备序列号。", set()),
        ("我们没有记录您的IP地址。", set()),
        ("我们不会追踪您的位置信息。", set()),
        ("我们并不知道您的姓名。", set()),
        # the denial covers its own clause only; sharing and keeping are not denials of collecting
        ("我们会收集您的手机号码，从不收集您的通讯录。", {"phone_number"}),
        ("We collect your email address, which is never shared with advertisers.", {"email"}),
        ("We collect your email address; we never track your location.", {"email"}),
        ("我們從不收集您的通訊錄。", set()),
        ("We don't require you to provide your name or email address.", set()),
        ("Our app is not designed to collect location data.", set()),
        ("We do not ask you to provide your name, address, phone number, or payment information.", set()),
        ("We use three processors. None of them receive your name or email address.", set()),
        ("The game never asks you for your email address.", set()),
        ("本应用未申请任何敏感权限，如相机、麦克风。", set()),
        ("当前版本仅声明网络访问权限，未声明定位、通讯录、相机、麦克风、短信等敏感权限。", set()),
        # "does not need to be your real name" says what the name is, not that it is not collected
        ("We collect a display name (it does not need to be your real name).", {"name"}),
        # "required", "leave(s)", "have permission" among the negated verbs; "no …" with "required/needed/requested"
        ("Location permission is not required.", set()),
        ("Your photos never leave your device.", set()),
        ("Your voice recordings do not leave your phone.", set()),
        ("The app does not have permission to access your contacts or SMS.", set()),
        ("The app can be used anonymously; no email address or phone number is needed.", set()),
        ("No personal information (such as name, email or phone number) is requested.", set()),
        ("We collect your email address; no phone number is required.", {"email"}),
        ("Neither your name nor your email address is required.", set()),
        ("Your location is used on your device only and is never sent to us.", set()),
        ("Your recordings are not sent to our servers.", set()),
        # a request to the reader not to hand something over (requests_not_en x requested_verbs_en), imperative only
        ("Please do not send us your credit card number or your password by email.", set()),
        ("Please don't include photos of your ID card in support requests.", set()),
        ("Please never share your phone number in public reviews.", set()),
        ("Please avoid posting your location in the forum.", set()),
        ("Please refrain from entering your home address in the chat.", set()),
        ("Do not send us your email address in the chat.", set()),
        ("Don't send us your phone number.", set()),
        ("Never send us your payment card details.", set()),
        ("We do not send your email address to advertisers.", {"email"}),
        ("Please do not hesitate to contact us; we collect your email address to reply.", {"email"}),
        # kept only on the device (local_only_zh x local_places_zh), in its own clause
        ("您的照片仅保存在本地，不会上传到服务器。", set()),
        ("识别结果只存储在您的设备中。我们会收集您的手机号码。", {"phone_number"}),
        ("我们会读取您的相册，编辑后的照片仅保存在本地。", {"photos_storage"}),
        # a manner adverb between negator and verb (negators x negation_adverbs x negated_verbs), both languages
        ("We do not knowingly collect your email address.", set()),
        ("The app does not continuously track your location.", set()),
        ("我们不会有意收集精确位置信息。", set()),
        ("我們不會有意收集精確位置資料。", set()),
        ("本应用不会持续追踪你的位置。", set()),
        ("我们不会未经您许可获取您的隐私信息，包括但不限于身份信息、银行账号。", set()),
        ("We collect your email address; we do not automatically record your location.", {"email"}),
        # processed only on the device (local_in_zh x local_places_zh x local_process_zh), in its own clause
        ("您的照片仅在设备本地处理。", set()),
        ("您的照片仅在您的设备上处理。", set()),
        ("我们会收集您的手机号码，您的照片仅在本地处理。", {"phone_number"}),
        # the app's negated need (negators x "need access" / "need the" / "need your" …)
        ("The app does not need access to your microphone.", set()),
        ("Our app doesn't need the location permission to work.", set()),
        ("It only asks for internet access; it does not need access to storage or the camera.", set()),
        ("We never need your phone number.", set()),
        ("The app does not need your contacts; we collect your email address to send receipts.", {"email"}),
        # a verb with a "no …" object (no_object_verbs_en x "no")
        ("We collect no personal data such as your name or your email address.", set()),
        ("The widget stores no location data.", set()),
        ("Our servers receive no identifiers such as the advertising ID.", set()),
        ("The game shares no data, including your IP address, with advertisers.", set()),
        ("The app sends no crash logs; we collect your email address to reply to you.", {"email"}),
        # Chinese "not ask for" denials ("不要求", "不索取", "不需要您提供") and the data-only "不上传"
        ("本软件不要求、也不保存您的手机号码和电子邮箱。", set()),
        ("我们不要求您提供任何个人信息（如手机号码）。", set()),  # the former added entry "不要求您提供"
        ("我们不索取您的通讯录。", set()),
        ("使用翻译功能不需要您提供真实姓名或身份证号码。", set()),
        ("我们不要求您注册账号，但您反馈问题时我们会收集您的邮箱地址。", {"email"}),
        ("识别结果仅在本机保存，我们不上传您的照片。", set()),
        ("我们会收集您的手机号码，不上传您的通讯录。", {"phone_number"}),
        ("应用数据均在本地，我们的服务器不存储您的照片和录音。", set()),
        ("我们会读取您的照片用于识别，识别后不保存。", {"photos_storage"}),
    ],
)
def test_a_negator_before_a_verb_of_reading_denies(text: str, declared: set[str]) -> None:
    assert _declared(text) == declared


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        # collect_verbs_more_en / collect_verbs_more_zh
        ("We retain your email address for 30 days.", {"email"}),
        ("We save your phone number to send reminders.", {"phone_number"}),
        ("We verify your phone number when you sign up.", {"phone_number"}),
        ("The app syncs your device model with our server.", {"device_info"}),
        ("We request your date of birth and email address.", {"email"}),
        ("我们会保存您的手机号码。", {"phone_number"}),
        ("我们会留存您的身份证号码以备核查。", {"id_number"}),
        ("我们会核验您的身份证号码。", {"id_number"}),
        ("您的手机号码会同步至云端。", {"phone_number"}),
        ("我们会接收您的IP地址。", {"ip_address"}),
        # the words left out: identifying words, the user's rights, verification codes, the storage permission
        ("您可以查询您的手机号码和邮箱。", set()),
        ("您可以在系统设置中关闭存储权限。", set()),
    ],
)
def test_more_verbs_of_keeping_getting_or_checking_data(text: str, declared: set[str]) -> None:
    assert _declared(text) == declared


def test_phrases_spans_are_every_phrase_longest_first() -> None:
    phrases = vocabulary.Phrases(["google sign-in", "sign in with apple", "apple"])
    text = vocabulary.normalize("Google Sign-In or Sign in with Apple, not pineapple")
    assert [text[a:b] for a, b in phrases.spans(text)] == ["google sign-in", "sign in with apple"]


@pytest.mark.parametrize(
    "text",
    [
        "We may collect advertising IDs (IDFA/AAID) to deliver personalized ads.",
        "Ad partners collect the device advertising ID (AAID/IDFA).",
    ],
)
def test_aaid_beside_idfa_is_googles_advertising_id(text: str) -> None:
    assert _declared(text) == {"gaid", "idfa"}


def test_aaid_alone_in_a_chinese_policy_is_still_oaid() -> None:
    assert "oaid" in _declared("我们会收集您的设备标识符（OAID、AAID）。")


@pytest.mark.parametrize("repeat", [1, 400])  # a sentence, and a run-on text past the group's length limit
def test_phrases_in_a_group_find_what_a_scan_of_the_window_finds(repeat: int) -> None:
    # Phrase sets of one group share a pass over the whole text; long texts are scanned window by window. Either
    # way a search finds the first phrase ending inside text[lo:hi], standing alone, as a scan of that window does.
    verbs, denials = vocabulary.Phrases(["collect", "share", "收集"]), vocabulary.Phrases(["do not", "不会"])
    vocabulary.PhraseGroup([verbs, denials])
    alone = vocabulary.Phrases(["collect", "share", "收集"])
    text = "We do not share it; we collect it, recollect nothing, 我们不会收集。 " * repeat
    assert (len(text) > vocabulary._GROUP_TEXT_MAX) == (repeat > 1)
    for lo, hi in [(0, None), (3, 40), (12, 25), (21, 30), (len(text) - 30, None), (-20, None), (40, 44)]:
        assert verbs.search(text, lo, hi) == alone.search(text, lo, hi), (lo, hi)
    assert verbs.search(text) == text.index("share") and denials.search(text, 5) == text.index("不会")
    assert verbs.spans(text[:60]) == alone.spans(text[:60])
