"""SDK names in policy text: catalogue names found fast (every policy name and display name of
sdk_signatures in one Aho-Corasick automaton; Catalogue.match_policy_name scans every name with str.find,
2 ms a call), and what a name the catalogue lacks looks like (Chinese "<brand>SDK" / "<brand>推送", Latin
product names) for records.py's rules in third-party contexts."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from importlib import resources

import opencc

from appaudit.policy.vocab import WordIndex
from appaudit.signatures import Catalogue, Signature, normalize_policy_text

_LATIN_WORD = re.compile(r"[a-z0-9]")
_T2S = opencc.OpenCC("t2s")


def simplified_chars(text: str) -> str:
    """`text` with each Traditional character in its Simplified form, at the same positions, or `text` when
    the conversion would move them. For finding names only: a sentence with one Traditional character
    ("由支付寶、微信支付提供") is below the share that makes vocab.simplified read it as Traditional, yet its
    name is the catalogue's Simplified one."""
    chars = str(_T2S.convert(text))
    return chars if len(chars) == len(text) else text


class NameIndex:
    """Every policy name and display name of the catalogue in one Aho-Corasick automaton over
    `normalize_policy_text` forms; ASCII names match only as whole words."""

    def __init__(self, catalogue: Catalogue) -> None:
        seen: dict[str, Signature] = {}
        for sig in catalogue:
            for n in (*sig.policy_names, sig.name):
                norm = normalize_policy_text(n)
                if len(norm) < 2 or norm in seen:
                    continue
                seen[norm] = sig
        self.automaton = WordIndex((norm, (norm, sig)) for norm, sig in seen.items())
        self.empty = not seen

    def best(self, text: str) -> Signature | None:
        """The SDK a short name cell names, like Catalogue.match_policy_name (an exact name, else the
        longest contained name, curated first) but with one automaton pass instead of a scan of every name."""
        norm = normalize_policy_text(text)
        hits = self.find(norm, overlapping=True)
        if not hits:
            return None
        for _s, _e, name, sig in hits:
            if name == norm:
                return sig
        return max(hits, key=lambda h: (h[3].curated, len(h[2])))[3]

    def find(self, norm: str, *, overlapping: bool = False) -> list[tuple[int, int, str, Signature]]:
        """(start, end, name, signature) of the longest names in `norm`, left to right, not overlapping."""
        if self.empty:
            return []
        hits = []
        for end_idx, (name, sig) in self.automaton.iter(norm):
            start = end_idx - len(name) + 1
            end = end_idx + 1
            if _LATIN_WORD.match(name[0]) and start > 0 and _LATIN_WORD.match(norm[start - 1]):
                continue
            if _LATIN_WORD.match(name[-1]) and end < len(norm) and _LATIN_WORD.match(norm[end]):
                continue
            if in_common_word(norm, start, end):
                continue
            hits.append((start, end, name, sig))
        if overlapping:
            return hits
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str, Signature]] = []
        reach = -1
        for h in hits:
            if h[0] >= reach:
                out.append(h)
                reach = h[1]
            elif h[1] > reach and norm[h[0] - 1 : h[0]] in (" ", ""):
                # Two names sharing words ("Google Firebase" and "Firebase Analytics" in "Google Firebase
                # Analytics"): one name as written, the product the later, more specific name says.
                first = out[-1]
                out[-1] = (first[0], h[1], norm[first[0] : h[1]], h[3])
                reach = h[1]
        return out


# Short Chinese names that are also part of a common word ("每个推送" holds 个推, "即构成" 即构, "安全支付" 全支付,
# "60秒验证" 秒验): found inside such a word they are the word, no product. The words are data
# (policy_services.toml `[context] common_words_zh`), for catalogue and services-list names alike.
@functools.cache
def _common_words() -> tuple[str, ...]:
    doc = tomllib.loads((resources.files("appaudit.data") / "policy_services.toml").read_text(encoding="utf-8"))
    ctx = doc.get("context", {})
    words = ctx.get("common_words_zh", []) if isinstance(ctx, dict) else []
    return tuple(normalize_policy_text(w) for w in words if isinstance(w, str) and w.strip())


@functools.lru_cache(maxsize=4096)
def _containing(name: str) -> tuple[str, ...]:
    return tuple(w for w in _common_words() if name in w and w != name)


_SPACE = re.compile(r"\s+")


def in_common_word(norm: str, start: int, end: int) -> bool:
    """The Chinese name at norm[start:end] is part of a common word written around it (`_common_words`; a line
    break or space inside the word counts as none: "即构 成")."""
    name = norm[start:end]
    if _CJK.search(name) is None:
        return False
    words = _containing(name)
    if not words:
        return False
    lo = max(0, start - 8)
    before = _SPACE.sub("", norm[lo:start])
    window = before + name + _SPACE.sub("", norm[end : end + 8])
    at = len(before)
    for w in words:
        i = window.find(w, max(0, at - len(w)))
        while 0 <= i <= at:
            if i + len(w) >= at + len(name):
                return True
            i = window.find(w, i + 1)
    return False


_INDEXES: dict[int, tuple[Catalogue, NameIndex]] = {}


def name_index(catalogue: Catalogue) -> NameIndex:
    """The catalogue's name index, built once per catalogue object."""
    cached = _INDEXES.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        cached = (catalogue, NameIndex(catalogue))
        _INDEXES[id(catalogue)] = cached
    return cached[1]


def in_catalogue(name: str, catalogue: Catalogue | None) -> bool:
    """A short name (a cell, an item, a heading) that names a catalogue SDK (`NameIndex.best`)."""
    return catalogue is not None and name_index(catalogue).best(name) is not None


# ---------------------------------------------------------------- names by their shape
#
# Policies name many SDKs the catalogue does not know ("蜂鸟统计SDK", "Supabase"). Inside a third-party
# context a name is recognised by how SDK and product names are written: Chinese "<brand>SDK" or
# "<brand>推送/统计/地图/开放平台…", Latin capitalised product words ("RevenueCat", "Sign in with Google").

# Words that say what an SDK does, not whose it is: a name made only of them is a category ("推送SDK" in
# running text, "第三方广告SDK"), not one SDK. A name keeps a brand before them ("个推推送", "蜂鸟统计").
_ZH_GENERIC = (
    "第三方", "该", "此", "本", "相关", "以下", "下列", "上述", "这些", "那些", "各类", "各", "其他", "其它", "部分",
    "某些", "所有", "全部", "一些", "多个", "多家", "主流", "常用", "知名", "必要", "特定", "具体", "对应", "不同",
    "广告", "推送", "消息", "统计", "分析", "数据", "支付", "登录", "一键", "分享", "社交", "地图", "定位", "导航",
    "社群", "登入",  # Taiwan: social, sign in ("社群登入 SDK")
    # Kinds of recipients ("合作商家", "入驻商户", "支付机构", "物流公司"): no brand.
    "商家", "商户", "入驻", "机构", "物流", "快递", "配送",
    "安全", "风控", "反作弊", "客服", "直播", "视频", "音频", "语音", "人脸", "识别", "认证", "实名", "号码",
    "厂商", "系统", "手机", "设备", "终端", "应用", "移动", "服务", "境外", "境内", "海外", "聚合", "跨", "追踪",
    "三方", "客户端", "服务端", "原生", "典型", "同类", "push", "im", "app", "api", "功能", "平台", "开放", "组件",
    "插件",
    "工具", "框架", "类", "性能", "监控", "崩溃", "日志", "上报", "更新", "升级", "存储", "文件", "图片", "即时",
    "通讯", "通信", "聊天", "游戏", "联运", "渠道", "运营商", "电信", "联通", "移动", "合作方", "合作", "提供方",
    "开发者", "官方", "厂家", "国内", "海外", "集成", "接入", "使用", "所", "的", "等", "及", "或", "和", "与",
    "其", "他们", "您", "你", "用户", "我们", "我方", "本公司", "公司", "项目", "业务", "信息", "个人信息", "sdk",
    "列表", "清单", "目录", "名单", "名称", "说明", "隐私政策", "政策", "协议", "在线", "人工", "智能", "银行卡",
    "银行", "信用卡", "余额", "扫码", "二维码", "快捷", "账户", "钱包", "积分", "邮件", "邮箱", "电话", "站内信",
    "站内", "弹窗", "通知", "短信", "验证码", "网页", "网络", "线上", "线下", "小程序", "公众号", "方式", "共享",
    "收集", "采集", "处理", "鸿蒙", "安卓", "原生系统", "程序化", "埋点", "行为", "用户行为",
    # Kinds of software, not brands ("开源地图组件", "自研推送", "Android系统定位"): the platform's own or the app's.
    "开源", "自研", "自有", "内置", "本地", "离线", "基础", "通用", "android", "ios",
    # Kinds of targeting ("个性化推送", "精准广告", "定向推送"): what a service does, not whose it is.
    "个性化", "精准", "定向", "翻译",
    # What software is and what a device function does ("SDK技术", "软件开发包SDK", "人脸核身SDK",
    # "二维码扫描SDK", "OCR识别SDK", "图片加载SDK", "播放器SDK"): a kind of SDK, no brand.
    "技术", "软件", "开发包", "工具包", "核身", "核验", "活体", "身份", "证件", "扫描", "条形码", "条码", "文字",
    "图像", "音视频", "实时", "播放器", "播放", "加载", "下载", "请求", "加密", "蓝牙", "相机", "拍照", "相册",
    "浏览器", "内核", "美颜", "特效", "剪辑", "编辑", "录制", "屏幕", "指纹", "ocr",
    # Libraries named by their layer ("客户端底层框架库", "通用库", "网络库"): the app's own code, no brand.
    "底层", "库",
)
_ZH_GENERIC_RE = re.compile("|".join(sorted(map(re.escape, _ZH_GENERIC), key=len, reverse=True)), re.I)

# What a Chinese product name ends with when written without "SDK" ("个推推送", "微信开放平台", "高德地图").
ZH_PRODUCT_END = re.compile(
    r"(?:推送|统计|开放平台|地图|定位|分享|一键登录|号码认证|本机号码认证|实人认证|人脸识别|活体检测|支付|客服|"
    r"即时通讯|广告联盟|广告|加固|热修复|直播|云存储|对象存储|语音识别|语音合成|翻译|短信)"
    r"(?:服务|平台|组件|插件|SDK)?$",
    re.I,
)

# Where a Chinese name starts when walked back from its end: after a verb of use, a particle or a listing
# word ("我们接入了蜂鸟统计SDK", "使用由…提供的X", "包括A、B").
_ZH_NAME_START = re.compile(
    r".*(?:接入了|集成了|使用了|采用了|引入了|嵌入了|内嵌了|安装了|内置了|接入|集成|使用|采用|引入|嵌入|内嵌|安装|内置|调用|包括|包含|"
    r"例如|比如|诸如|通过|透过|借助|依托|基于|提供的|开发的|运营的|我们|本应用|本软件|第三方|相关|上述|对应|任何|"
    r"其他|其它|各项|各类|各|这些|所有|部分|某些|相同|什么|简称|若|连同|请|参考|参阅|阅读|查询|查看|联系|关于|"
    r"涉及|关系到|审查|评估|关闭|开启|提供|如下|以下|下列|保障|支持|确保|实现|完成|用于|依赖|改善|改进|优化|提升|提高|降低|"
    r"减少|保证|检测|监测|更新|升级|初始化|加载|启动|指|即|"
    # A switch from one SDK to another ("移除个推SDK后，我们改用极光推送SDK", "替换为X", "迁移至X").
    r"改用|换用|替换为|替换成|迁移至|迁移到|切换为|切换到|移除|去除|去掉|剔除|取消|"
    r"的|了|如|和|及|与|或|是|为|在|将|由|向|对|等|该|此|其|从|到|被|把|给|让|使)",
    re.S,
)
_LATIN_TAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+&'-]*$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·+]")


def zh_name_span(text: str, end: int) -> tuple[int, str]:
    """The name written right before position `end` of `text` ("我们接入了蜂鸟统计SDK" with `end` at "SDK" ->
    "蜂鸟统计", "the Mixpanel SDK" -> "Mixpanel", "阿里云 OSS SDK" -> "阿里云 OSS"): up to four Latin words that are
    capitalised or attached to a Chinese character, then Chinese characters (at most 24) cut after the last
    verb of use, particle or listing word: (where the name starts, the name); a name whose Chinese part
    runs on for more than ten characters without such a word is a clause, not a name ("" then).
    "" when nothing is left."""
    i = end
    while i > 0 and text[i - 1] == " ":
        i -= 1
    alias = ""
    if i > 0 and text[i - 1] in "）)":
        # A bracketed alias before the suffix ("Alipay（支付宝）SDK"): the name is written before it.
        opening = max(text.rfind("（", max(0, i - 20), i), text.rfind("(", max(0, i - 20), i))
        if opening > 0:
            alias, i = text[opening:i], opening
            while i > 0 and text[i - 1] == " ":
                i -= 1
    start = i
    # A "+" closing a Chinese brand ("友盟+SDK") is part of it.
    plus = i > 1 and text[i - 1] == "+" and _CJK.match(text[i - 2]) is not None
    cjk_before = i > 0 and (_CJK.match(text[i - 1]) is not None or plus)
    for _word in range(4):
        if cjk_before:
            break
        m = _LATIN_TAIL.search(text, max(0, start - 64), start)
        if m is None:
            break
        tok = m.group()
        attached = m.start() > 0 and _CJK.match(text[m.start() - 1]) is not None
        if not (attached or tok[0].isupper() or tok[0].isdigit() or tok.lower() != tok):
            break
        start = m.start()
        if attached:
            cjk_before = True
        elif start >= 2 and text[start - 1] == " " and _CJK.match(text[start - 2]):
            start -= 1  # "阿里云 OSS": a space between the Chinese and the Latin part of one name
            cjk_before = True
        elif start >= 2 and text[start - 1] == " " and _LATIN_TAIL.search(text, max(0, start - 65), start - 1):
            prev = _LATIN_TAIL.search(text, max(0, start - 65), start - 1)
            assert prev is not None
            word = prev.group()
            if word[0].isupper() or word[0].isdigit() or word.lower() != word:
                start -= 1
                continue
            break
        else:
            break
    latin_start = start
    if cjk_before:
        while start > 0 and latin_start - start < 24 and _ZH_NAME_CHAR.match(text[start - 1]):
            if text[max(0, start - 3) : start].lower() == "sdk":
                break  # the end of another name ("友盟SDK、蜂鸟SDK" joined without a separator)
            start -= 1
    zh = text[start:latin_start]
    m2 = _ZH_NAME_START.match(zh)
    if m2 is not None:
        start += m2.end()
    if len(_CJK.findall(text[start:latin_start])) > 10:
        return start, ""
    if start < latin_start and start >= 2 and text[start - 1] == " " and zh_brand(text[start:latin_start]) == "":
        # Only generic words between a maker and its product ("Supabase 官方 Swift SDK"): the maker is the name's.
        maker = _LATIN_TAIL.search(text, max(0, start - 65), start - 1)
        if maker is not None and maker.group()[0].isupper():
            start = maker.start()
    name = text[start:i].strip(" ·.-")
    start += len(text[start:i]) - len(text[start:i].lstrip(" ·.-"))
    return start, (name + alias if name else "")


# Function words a clause puts before a noun: verbs of referring and following, prepositions, modals and
# adverbs ("具体情况请参见 SDK 运营方的隐私政策", "我们会按 SDK、API 接口等类型列明"). A name made only of them
# (and generic words) is a clause fragment, no brand; inside a brand they stay ("腾讯会议", "见微").
_ZH_FUNCTION = (
    "参见", "详见", "请见", "可见", "参照", "对照", "按照", "依照", "依据", "根据", "遵照", "遵循", "针对", "关于",
    "可以", "能够", "需要", "应当", "必须", "不会", "可能", "已经", "正在", "分别", "另行", "单独", "具体", "详情",
    "见", "按", "依", "照", "就", "以", "会", "将", "可", "能", "需", "应", "须", "均", "都", "也", "还", "仍",
    "即", "则", "并", "且", "而", "再", "已", "请",
    # Determiners and references back ("上述" is generic already): "前述 SDK", "每个SDK", "少数SDK".
    "前文所述", "所述", "下述", "前述", "前文", "述", "以上", "每个", "某个", "单个", "各个", "这个", "那个",
    "少数", "多数",
    "另外", "另", "同时", "一旦", "除", "经", "凭", "据", "随着", "随", "因", "以免", "防止", "避免",
    # Verbs of governing or handling an SDK ("我们会要求 SDK 的提供方…", "停止SDK收集", "卸载SDK").
    "停止", "启用", "禁用", "卸载", "移除", "删除", "审核", "管理", "约束", "要求", "督促", "限制", "查阅", "点击",
    "访问", "关闭", "开启", "查看", "接收", "发送", "完成", "确保", "通过", "对于", "例如", "包括", "任何",
)
_ZH_FUNCTION_ONLY = re.compile("(?:" + "|".join(sorted(map(re.escape, _ZH_FUNCTION), key=len, reverse=True)) + ")+")


# A carrier named before its one-tap sign-in or number check ("移动一键登录", "联通认证SDK", "电信天翼账号"):
# the carrier is the brand (China Mobile, Unicom, Telecom run these SDKs); "移动" alone stays "mobile".
_CARRIER_BRAND = re.compile(
    r"(?:中国)?(移动|联通|电信)(?=\s*(?:手机号?码?|本机号码)?\s*(?:一键登录|一键登陆|一键取号|认证|号码认证|免密登录|天翼))"
)


def zh_brand(name: str) -> str:
    """What is left of a name without its generic words (see `_ZH_GENERIC`): the brand, "" for a category or
    for a clause fragment made only of function words (`_ZH_FUNCTION`: "参见", "会按"). A carrier before its
    sign-in product is a brand (`_CARRIER_BRAND`)."""
    carrier = _CARRIER_BRAND.search(name)
    if carrier is not None:
        rest = name[: carrier.start()] + name[carrier.end() :]
        return carrier.group(1) + _ZH_GENERIC_RE.sub("", rest).strip(" ·+-.（）()")
    brand = _ZH_GENERIC_RE.sub("", name).strip(" ·+-.（）()")
    return "" if _ZH_FUNCTION_ONLY.fullmatch(brand) is not None else brand


# Words Latin policies capitalise that are no product: generators' defined terms (TermsFeed, Termly,
# iubenda, App Privacy Policy Generator: "Service", "Personal Data", "Usage Data", "Company"), platforms,
# laws and places, the categories the text groups providers in, technical terms of access ("API Key",
# "HTTP Basic Auth"), the app's own on-device storage ("SharedPreferences", "AppStorage", "Keychain": no third
# party) and Roman section numbers ("VII. Legal basis").
_EN_NOT_PRODUCT = frozenset(
    re.findall(
        r"\S+",
        """a an the we us our you your they their it its i this that these those such any all some other each
    service services service provider service providers provider providers company application app apps
    website websites site sites platform platforms device devices account accounts user users content
    personal data personal information usage data data information cookies cookie tracking technologies
    terms privacy policy policy affiliate affiliates business partner partners third party third-party
    third parties country android ios windows macos linux internet wi-fi wifi gps bluetooth eu eea uk us usa
    gdpr ccpa cpra coppa pipl pipeda lgpd california europe european union english chinese analytics
    advertising ads ad crash reporting payments payment login sign-in authentication hosting storage
    notifications push notifications maps location email sms api sdk sdks library libraries tools tool
    our partners legal law enforcement government authorities children parents manager settings
    http https url urls ip note however also please for example e.g i.e etc including such as
    after if when where while before during once unless although because since as at by from into of to
    with without within upon there here what which who how why yes no not both either neither every one two
    three first second new only more most many much when then thus therefore
    os ssl tls https json sql html css javascript java kotlin flutter unity3d aes rsa sha md5 jwt oauth nfc qr
    pdf csv xml ai ml llm cdn vpn dns tcp udp rest uuid id ids harmonyos openharmony ohos arkts arkui ndk jdk jre
    jvm swift swiftui uikit xcode gradle webview wkwebview
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december state states police court courts regulator regulators
    handling processing sharing security contact changes children rights links updates definitions
    interpretation disclosure retention transfer deletion consent overview introduction summary questions
    help support feedback about home faq blog download downloads log
    key keys token tokens access basic digest bearer secret credentials
    appstorage sharedpreferences userdefaults keychain keystore sqlite localstorage sessionstorage indexeddb
    encryptedsharedpreferences nsuserdefaults datastore securestorage asyncstorage
    coredata ii iii iv vi vii viii ix xi xii xiii xiv xv bcrypt scrypt argon2 pbkdf2 hmac sha256 sha1 crc32""",
    )
)
_EN_NOT_PRODUCT_PHRASES = frozenset(
    {
        "service provider", "service providers", "personal data", "personal information", "usage data",
        "tracking technologies", "privacy policy", "business partners", "third party", "third parties",
        "law enforcement", "european union", "crash reporting", "push notifications", "google play store",
        "app store", "play store", "terms of service", "terms of use", "data controller", "data processor",
        # An authentication scheme ("Auth0" is a product: "auth" is no word of the list above).
        "basic auth", "http basic auth", "digest auth", "bearer auth", "token auth",
    }
)
_LAW_WORDS = frozenset(
    {"act", "law", "laws", "regulation", "regulations", "directive", "policy", "policies", "agreement", "terms",
     "code", "standard", "standards", "rules", "principles", "notice", "statement", "shield"}
)
_EN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+&'-]*")
_PLURAL = re.compile(r"[a-z](?<!s)(?<!u)(?<!ic)(?<!o)s$")
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]|\d")


_VARIANT = re.compile(r"[-\d]")


def _stem(word: str) -> str:
    """A word without its version or variant ("aes" of "aes-256", "oauth" of "oauth2")."""
    return _VARIANT.split(word, maxsplit=1)[0]


def en_product(name: str) -> bool:
    """A Latin name written as a product: every main word capitalised (joined by at most "for", "with",
    "in", "by", "of", "on": "Google Analytics for Firebase", "Sign in with Google"), at most five words, not a
    defined term, platform, law or category, and not made only of such words."""
    tokens = name.split()
    if not tokens or len(tokens) > 5 or not tokens[0][:1].isupper() or not tokens[-1][:1].isupper():
        return False
    joins = {"for", "with", "in", "by", "of", "on", "and"}
    if any(not t[:1].isupper() and not t[:1].isdigit() and t not in joins for t in tokens):
        return False
    low = name.lower()
    if low in _EN_NOT_PRODUCT_PHRASES or low in _EN_NOT_PRODUCT:
        return False
    if tokens[0].lower() == "the" or tokens[-1].lower().strip(".") in _LAW_WORDS:
        return False  # a title or a law ("The California Consumer Privacy Act"), not a product
    # A word with a version or variant ("AES-256", "OAuth2") counts as its stem.
    main = [_stem(t.lower().strip(".")) or t.lower() for t in tokens if t not in joins]
    if all(t in _EN_NOT_PRODUCT for t in main):
        return False
    if len(tokens) == 1 and _PLURAL.search(name) is not None and _CAMEL.search(name) is None:
        return False  # a plural noun ("Suppliers", "Advertisers"), not a product
    return all(_EN_TOKEN.fullmatch(t) for t in tokens)


_NAME_WORD_SEP = re.compile(r"[\s&/,+·|]+")
_JOINS = frozenset({"for", "with", "in", "by", "of", "on", "and", "or", "the", "a", "an", "to"})


def generic_words(name: str, more: frozenset[str]) -> bool:
    """A Latin name made only of defined terms, categories and function words (`_EN_NOT_PRODUCT`) and the
    words in `more` (title and label words, company words): a heading or a cell label ("Third-Party SDKs &
    Services", "Legal Obligations"), no product."""
    words = [w.strip(".,:;()[]\"'`*") for w in _NAME_WORD_SEP.split(name.lower())]
    main = [w for w in words if w and w not in _JOINS]
    return bool(main) and all(w in _EN_NOT_PRODUCT or _stem(w) in _EN_NOT_PRODUCT or w in more for w in main)


def title_words(name: str) -> list[str]:
    """The words of a Latin name that are defined terms, categories or function words (`_EN_NOT_PRODUCT`),
    lower case: what a title run into a name adds ("Third-Party Data Handling Firebase" -> third-party, data)."""
    words = (w.lower().strip(".,") for w in name.split())
    return [t for t in words if t in _EN_NOT_PRODUCT or _stem(t) in _EN_NOT_PRODUCT]


def camel_product(name: str) -> bool:
    """A Latin name with an inner capital or a digit ("RevenueCat", "PostHog", "AppMetrica", "Open-Meteo" is
    not): how invented product names, unlike English words, are spelt."""
    return any(_CAMEL.search(t) is not None for t in name.split())


_ZH_CATEGORY_END = re.compile(r"(?:服务商|提供商|供应商|合作方|合作伙伴|机构|公司|厂商|服务|平台|方)$")
# Particles and pronouns that make a Chinese text a phrase ("为您展示和推送商品或服务"), not a name.
ZH_PHRASE = re.compile(r"[的和或为您你我其及与在将把被从对向若于是请]|如果|用于")


_ZH_LEAD_IN = re.compile(r"以下|如下|下列|使用了|接入了|集成了|采用了|引入了|嵌入了")


def initials(
    text: str,
    *,
    words: Callable[[str], list[str]] = str.split,
    skip: frozenset[str] = frozenset(),
    min_words: int = 0,
    word_ok: Callable[[str], bool] | None = None,
    case: Callable[[str], str] = str.upper,
) -> str:
    """The first characters of `text`'s words, joined and put in `case` ("Amazon Web Services" -> "AWS"): the
    words as `words` splits them, those whose lower case is in `skip` left out ("of", "the"); "" when fewer than
    `min_words` are left or one of them fails `word_ok` (an abbreviation of only capitalised words)."""
    kept = [w for w in words(text) if w.lower() not in skip]
    if len(kept) < min_words or (word_ok is not None and not all(word_ok(w) for w in kept)):
        return ""
    return case("".join(w[0] for w in kept))


# A library's identifier in code: lower-case words joined by underscores ("image_picker", "flutter_secure_storage",
# "just_audio"), how Dart, Python and Rust packages are named; English words are never written so.
_CODE_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def code_identifier(name: str) -> bool:
    """A name that is a package's identifier in code (`_CODE_IDENTIFIER`), at most 40 characters."""
    return len(name) <= 40 and _CODE_IDENTIFIER.fullmatch(name) is not None


def shaped_name(name: str) -> bool:
    """A name written as a product, catalogue or not: a Latin product name (`en_product`, `camel_product`),
    or a short Chinese name without particles whose brand is not only generic words ("字节跳动火山引擎",
    "阿里云百炼（DashScope）", "小米 MiMo"; not "推送服务", "你填写的任何兼容端点")."""
    n = name.strip()
    if not n or len(n) > 40 or any(sep in n for sep in "、，；;"):
        return False  # a list, not one name
    if n.endswith((":", "：")) or _ZH_LEAD_IN.search(n) is not None:
        return False  # a lead-in ("本APP使用了以下第三方SDK："), not a name
    if n.isascii():
        return en_product(n) or (camel_product(n) and n[:1].isalnum() and " " not in n)
    # Chinese characters count, Latin words beside them less ("Microsoft Azure 语音").
    if _ZH_CATEGORY_END.search(n) is not None and ZH_PRODUCT_END.search(n) is None:
        return False  # a kind of provider ("云服务提供商", "CDN 服务"), not one ("华为推送服务" is)
    return len(_CJK.findall(n)) <= 12 and len(n) <= 30 and ZH_PHRASE.search(n) is None and len(zh_brand(n)) >= 2
