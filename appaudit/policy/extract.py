"""What a policy's prose and permission tables declare: data types (with quote, location, collection or
sharing context, hedge) and Android permissions (with their stated purpose).

Rules (shared/docs/data-types.md, rules.md): a data-type word declares collection only in a sentence that
collects, uses or shares (or in a list item, table row or section about collecting); not in a sentence
that denies collection (nor under a heading or a list lead-in that denies it), nor in a paragraph that
defines terms ("personal information refers to ...", "term：meaning" lines after "关键术语定义："). A word that
labels a list ("广告标识符（IDFA）") declares the list, not itself, in prose and SDK data cells; a generic
identifier word ("device identifiers", "设备标识符", TermKind.CATEGORY) declares only its list or glossary
entry; a word giving a contact detail ("邮箱：a@b.cn") declares nothing; a clause whose subject is "no …" with a
passive verb ("No personal data such as your name is collected") denies.
Ambiguous words ("存储", "files", "IP") also need a strong verb or a permission nearby (or the sentence right
before reads data). An iOS or HarmonyOS permission explained for a purpose declares the data it opens. Hedges
are recorded, never declarations. Generic location words are resolved per policy set (see `resolve_locations`).

Layouts that carry the verb or the denial to words without one: a ";"-separated run ("We collect names; phone
numbers"), bare lines and numbered lines after a lead-in ending with a colon (`as_item`), a heading or bold
title line naming data over its section's first sentence (`_heading_sentence`). Not declarations: the legal
exemptions from consent ("无需征得您的授权同意"), the operator's contact channels, what other apps do, a row
answering no in a "是否收集" column. Glossary terms are also defined in table rows and in quotes.
"""

from __future__ import annotations

import bisect
import enum
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from appaudit import ontology, permissions
from appaudit.policy.load import Block, BlockKind, Document, iter_sentences
from appaudit.policy.vocab import IDEOGRAPH, Hit, Phrases, Term, TermKind, Vocab, normalize

# Placeholder data type of a generic location word until the policy set's precision is known.
GENERIC_LOCATION = "?location"
QUOTE_MAX = 240

# Literal permission names: android.permission.X and vendor ones (com.google.android.gms.permission.AD_ID).
_LITERAL_PERMISSION = re.compile(r"(?<![\w.])((?:android|com(?:\.[a-z0-9_]+)+)\.permission\.[A-Z][A-Z0-9_]*)")
# Other platforms' permission tokens (HarmonyOS, iOS keys) are masked so that "ohos.permission.CAMERA"
# does not read as the natural-language "camera permission".
# A permission token starts where its run of word characters starts (the lookbehind): tried from every
# character of a long run, "[\w.]*permission" rescans the run each time (a 50,000-character sentence took 10 s).
_FOREIGN_TOKEN = re.compile(r"(?<![\w.])[\w.]*permission\.[A-Za-z_]+|NS[A-Za-z]+UsageDescription|UIBackgroundModes")


# Clause boundaries in normalised text: semicolons, and commas next to Chinese (full-width "，" is "," after
# NFKC); English commas separate list items, not clauses.
# A bracket opening with a subject is its own clause: "Payment details processed via Razorpay (we do not store full
# card details)" denies storing, not the payment details; "(no personal data such as your email is collected)" is a
# clause whose subject is "no …" (`_NO_SUBJECT`).
_CLAUSE = re.compile(
    r";|(?<=[\u2e80-\u9fff]),|,(?=[\u2e80-\u9fff])|\b(?:but(?! not limited)|whereas|however|except)\b|"
    r"\((?=(?:we|they|it|this|these|no|none)\s)"
)
# What every `_CLAUSE` match in ASCII text holds (keep in step with it).
_CLAUSE_WORDS = (";", "(", "but", "whereas", "however", "except")


class Context(enum.Enum):
    """Whether a declaration is about collecting or about sharing with third parties."""

    COLLECTION = "collection"
    SHARING = "sharing"


@dataclass(frozen=True, slots=True)
class Declaration:
    """One declared data type at one place in the policy."""

    data_type: str
    quote: str
    location: str
    context: Context
    hedged: bool
    file: str
    # The term the policy defines that this type comes from ("设备信息" defined as "IMEI、Android ID"): the quote
    # names the term, not the type, and a reader needs to know why it counts.
    via: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "quote": self.quote, "location": self.location, "context": self.context.value, "hedged": self.hedged
        }
        if self.via:
            out["via"] = self.via
        return out


@dataclass(frozen=True, slots=True)
class PermissionDeclaration:
    """One Android permission the policy explains, with its purpose."""

    permission: str
    purpose: str
    quote: str
    location: str
    file: str
    literal: bool = True  # named as android.permission.X (False: from words like "位置权限")
    # Data types its own sentence denies reading ("ACCESS_FINE_LOCATION: required to scan for Bluetooth devices; the
    # app does not use your location"): the permission then declares none of them. GENERIC_LOCATION for "location".
    denied: frozenset[str] = frozenset()


def quote_around(sentence: str, norm: str, hit: Hit | None) -> str:
    """The sentence, or a window of it around the hit when it is long."""
    s = sentence.strip()
    if len(s) <= QUOTE_MAX or hit is None:
        return s[:QUOTE_MAX]
    centre = int(hit.start * len(s) / max(len(norm), 1))
    lo = max(0, min(centre - QUOTE_MAX // 2, len(s) - QUOTE_MAX))
    return ("…" if lo else "") + s[lo : lo + QUOTE_MAX].strip() + ("…" if lo + QUOTE_MAX < len(s) else "")


@cache
def permission_types() -> dict[str, str]:
    """Permission -> the one data type the ontology gates with it (permissions gating several are left out)."""
    seen: dict[str, set[str]] = {}
    for dt in ontology.load().values():
        for p in dt.permissions:
            seen.setdefault(p, set()).add(dt.id)
    return {p: next(iter(ids)) for p, ids in seen.items() if len(ids) == 1}


_LOCATION = frozenset({"location_precise", "location_coarse"})


def gated_types(permissions: Iterable[str]) -> frozenset[str]:
    """Data types the ontology gates with any of `permissions`."""
    wanted = set(permissions)
    return frozenset(dt.id for dt in ontology.load().values() if wanted & set(dt.permissions))


def literal_permissions(text: str) -> list[str]:
    """Permissions named literally: android.permission.X, vendor ones, and Android's bare constant names
    written without the prefix ("ACCESS_FINE_LOCATION -- for navigation", "`ACCESS_NETWORK_STATE`")."""
    found = _LITERAL_PERMISSION.findall(text) if "permission." in text else []
    if "_" not in text:
        return list(dict.fromkeys(found))
    platform = _platform_permissions()
    for name in _BARE_PERMISSION.findall(text):
        full = "android.permission." + name
        if full in platform:
            found.append(full)
    return list(dict.fromkeys(found))


# A bare constant needs an underscore (READ_PHONE_STATE): one-word names (CAMERA, INTERNET) are also
# ordinary words written in capitals.
_BARE_PERMISSION = re.compile(r"(?<![\w.])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w.])")


@cache
def _platform_permissions() -> frozenset[str]:
    return frozenset(permissions.table())


def _position(norm: str, permission: str) -> int:
    """Where a literal permission stands in the normalised sentence (its constant name, "_" read as space)."""
    for needle in (normalize(permission), normalize(permission.rsplit(".", 1)[-1])):
        at = norm.find(needle)
        if at >= 0:
            return at
    return 0


def natural_permissions(vocab: Vocab, norm: str, hits: Iterable[Hit], item_lead: int = 0) -> list[str]:
    """Permissions named in words ("location permission", "相机、相册权限", "permission to read your calendar").

    `item_lead` > 0: the text is an item of a permission list (its section heading says "权限"/"permissions"),
    so a permission name within its first `item_lead` characters needs no cue ("- 相机：用于扫码")."""
    out: list[str] = []
    for h in hits:
        if h.term.kind is not TermKind.PERMISSION:
            continue
        if h.term.cue_free or h.start < item_lead or _cue_near(vocab, norm, h) or _in_permission_list(vocab, norm, h):
            out.extend(vocab.permission_names[int(h.term.target)].permissions)
    return list(dict.fromkeys(out))


def _in_permission_list(vocab: Vocab, norm: str, h: Hit) -> bool:
    """A whole item of a list that a permission cue and a colon lead in within the sentence ("应用声明了以下权限：
    位置、通讯录、相机", "The app requests these permissions: camera, location")."""
    lo = max(0, h.start - 200)
    colon = norm.rfind(":", lo, h.start)
    if colon < 0 or not whole_item(norm, h):
        return False
    return (
        vocab.cue_after.search(norm, lo, colon) is not None or vocab.cue_before.search(norm, lo, colon + 1) is not None
    )


def _cue_near(vocab: Vocab, norm: str, h: Hit) -> bool:
    """A permission cue right after the word ("位置权限", "camera permission") or shortly before it
    ("permission to access your location")."""
    at = vocab.cue_after.search(norm, h.end, h.end + 16)
    if at is not None and at - h.end <= 12:
        return True
    return vocab.cue_before.search(norm, max(0, h.start - 30), h.start) is not None


def cell_types(vocab: Vocab, text: str) -> list[tuple[str, Hit]]:
    """Data types named in an SDK-list data cell, where the column itself says "collected" (no verb needed)."""
    norm = normalize(text)
    out: list[tuple[str, Hit]] = []
    hits = vocab.find(norm)
    # A word labelling the list after it ("广告标识符（IDFA）", "Advertising identifier (IDFA)") counts by its list.
    labels = category_items(vocab, norm, hits)
    for i, h in enumerate(hits):
        if i in labels or (h.term.item_only and not whole_item(norm, h)):
            continue
        if h.term.listed_only and not _listed_with_data(norm, hits, h):
            continue
        if h.term.permission_only and not _cue_near(vocab, norm, h):
            continue  # "Supabase – storage", "cloud storage": a service, not the user's files (unless "存储权限")
        if h.term.target in _MEDIA_TYPES and _media_played(norm, h):
            continue  # "内容的语音播报", "视频播放": media the SDK plays
        if h.term.target == "sms" and _SMS_SERVICE.match(norm, h.end):
            continue  # "由阿里云短信服务提供", "Twilio SMS service": the SDK's own name or kind, not the user's texts
        if h.term.kind is TermKind.DATA:
            out.append((h.term.target, h))
        elif h.term.kind is TermKind.LOCATION:
            out.append((GENERIC_LOCATION, h))
    # "Discord user ID", "QQ账号标识" in a data cell: the login account's identifier (`accounts`).
    m = next(_login_ids(vocab, norm), None)
    if m is not None:
        out.append(("accounts", Hit(m.start(), m.end(), _LOGIN_TERM)))
    return out


def _login_ids(vocab: Vocab, norm: str) -> Iterator[re.Match[str]]:
    """Login providers' account identifiers in `norm` (`Vocab.login_id`), scanned only when the sentence has an
    identifier word and a provider's name (the cheap tests first)."""
    if vocab.login_id is None or not _ID_HINT.search(norm) or vocab.login_hint.search(norm) is None:
        return iter(())
    return vocab.login_id.finditer(norm)


# What stands before and after a whole item of an enumeration: a list separator or the text's edge, a joining
# word or a collecting verb ("Name and email", "limited to name", "we collect location."). Not ":" after it
# ("Name: Example Ltd" gives a value).
_ITEM_BEFORE = re.compile(
    r"(?:^|[:;,、/|(（\[*•·-]|您的?|你的?|\b(?:and|or|to|&|as|your|including|include[sd]?|collect(?:s|ed)?|"
    r"gather(?:s|ed)?|obtain(?:s|ed)?|process(?:es|ed)?|store[sd]?))\s*$"
)
# An item may carry a short bracket of its own before the list goes on ("email, name (optional), country",
# "手机号（必填）、昵称"), or a condition ("name, email, phone when provided"): it qualifies the item, it does not make
# it part of a phrase.
_ITEM_AFTER = re.compile(
    r"(?:e?s\b)?(?:\s*[(（][^()（）]{1,30}[)）])?"
    r"(?:\s+(?:when|if|where) (?:provided|available|applicable|given|any|needed|required|enabled)\b)?"
    r"(?:\s*(?:$|[.,;、/|)）\]。，；]|(?:and|or|&)\b|以及|及|和|与|或)|\s+[-–—]\s)"
)


def whole_item(norm: str, h: Hit) -> bool:
    """Whether a hit is a whole item of an enumeration ("we collect: name, email"), not part of a phrase."""
    return _ITEM_BEFORE.search(norm, max(0, h.start - 14), h.start) is not None and (
        _ITEM_AFTER.match(norm, h.end) is not None
    )


# A generic head noun after an ambiguous word that leaves it the item's whole meaning: "Voice data", "Voice audio",
# "语音数据", "Photo files" in a table's data column name the same data as "Voice" or "Photos" alone would.
_HEAD_NOUN = re.compile(r"\s?(?:data|audio|recordings?|files?|information|info|数据|音频|信息|文件|资料)")


def _head_noun_item(norm: str, h: Hit) -> bool:
    """Whether a hit plus a generic head noun (`_HEAD_NOUN`) is a whole item of an enumeration or a cell."""
    m = _HEAD_NOUN.match(norm, h.end)
    if m is None or (m.end() < len(norm) and norm[m.end()].isalnum() and norm[m.end()].isascii()):
        return False
    return whole_item(norm, Hit(h.start, m.end(), h.term))


def _is_definition_heading(vocab: Vocab, heading: str) -> bool:
    return vocab.sensitive_heading.search(normalize(heading)) is not None


def _is_definition(vocab: Vocab, block: Block, norm: str) -> bool:
    if vocab.definition.search(norm) is not None:
        return True
    return bool(block.headings) and vocab.sensitive_heading.search(normalize(block.headings[-1])) is not None


# "WIFI及蜂窝网络信息", "设备和网络信息": the head noun 信息 is shared by both conjuncts, so the first one ("WIFI",
# "设备") names its data type as "WIFI信息" would: the shortest end of the text before the conjunction (back to a
# delimiter, at most 8 characters, not splitting a Latin word) that makes a data word with 信息.
_CONJUNCTION = re.compile(r"(?:及|和|与|或)$")
_CONJUNCT_STOP = re.compile(r"[、，,;；:：()（）\[\]【】\s。.如]")


# The name a policy gives its app or operator before defining a short name for it: "Deadliner待办日历（以下简称
# “本应用”）", "“相册大师”App（以下简称…）", "Acme Calendar (hereinafter "the App")". Its words ("日历", "相册")
# are the product's name wherever it is repeated, not data the app reads.
_OWN_NAME = re.compile(
    r"([^\s，。、；：,;:“”\"'《》「」()（）]{3,30})[”\"'》」]?\s*[（(]\s*[“\"]?\s*(?:以下简称|以下称|下称|hereinafter|hereafter)",
    re.IGNORECASE,
)


def _own_names(doc: Document) -> tuple[str, ...]:
    """The normalised names the document defines a short name for (`_OWN_NAME`), first 20 blocks only."""
    names: list[str] = []
    for block in doc.blocks[:20]:
        for m in _OWN_NAME.finditer(block.text):
            name = normalize(m.group(1))
            if len(name) >= 3 and name not in names:
                names.append(name)
    return tuple(names)


def _shared_head(vocab: Vocab, norm: str, hits: Sequence[Hit]) -> list[Hit]:
    """Hits for the first conjunct of a "X及Y信息" phrase whose Y信息 is a data word and X信息 is one too."""
    out: list[Hit] = []
    for h in hits:
        # the word may end before 信息 ("设备与操作系统信息": the hit is 操作系统, the phrase 操作系统信息)
        if h.term.kind is not TermKind.DATA or not (h.term.word.endswith("信息") or norm.startswith("信息", h.end)):
            continue
        # The conjunction may stand a few characters before the hit ("及蜂窝网络信息": 蜂窝 qualifies 网络信息).
        for back in range(0, 5):
            at = h.start - back
            if at < 1 or _CONJUNCT_STOP.match(norm, at):
                break
            if _CONJUNCTION.search(norm, at - 1, at) is None:
                continue
            end = at - 1
            start = end
            while start > 0 and end - start < 8 and not _CONJUNCT_STOP.match(norm, start - 1):
                start -= 1
            for k in range(end - 1, start - 1, -1):
                if norm[k].isascii() and k > 0 and norm[k - 1].isascii() and norm[k - 1].isalnum():
                    continue  # not inside a Latin word
                word = norm[k:end]
                found = [
                    w.term
                    for w in vocab.find(word + "信息")
                    if w.start == 0 and w.end == len(word) + 2 and w.term.kind is TermKind.DATA
                ]
                if found:
                    out.extend(Hit(k, end, t) for t in found)
                    break
            break
    return out


# A "、" list of bare nouns sharing the head 信息: "去标识化的设备、网络、渠道等信息" is 设备信息, 网络信息, 渠道信息.
_SHARED_LIST = re.compile(
    r"((?:[^\s、，,。；;：:（）()“”\"]{1,6}、){1,6}[^\s、，,。；;：:（）()“”\"]{1,6}?)(?:等|等相关|相关|等其他)?信息"
)


def _shared_list(vocab: Vocab, norm: str) -> list[Hit]:
    """Hits for the conjuncts of a `_SHARED_LIST` that make a data word with 信息 ("网络" -> 网络信息) and are none
    alone (a conjunct that is a data word itself, "手机号码", declares by its own hit)."""
    out: list[Hit] = []
    for m in _SHARED_LIST.finditer(norm):
        at = m.start(1)
        parts = m.group(1).split("、")
        for i, part in enumerate(parts):
            # The first conjunct starts somewhere in the text before it ("我们会收集设备、"): its shortest end.
            for k in range(len(part) - 1, -1, -1) if i == 0 else (0,):
                conj, whole = part[k:], part[k:] + "信息"
                if any(h.start == 0 and h.end == len(conj) for h in vocab.find(conj)):
                    break  # a data word itself ("手机号码") declares by its own hit
                found = [
                    w.term
                    for w in vocab.find(whole)
                    if w.start == 0 and w.end == len(whole) and w.term.kind in (TermKind.DATA, TermKind.LOCATION)
                ]
                if found:
                    out.extend(Hit(at + k, at + len(part), t) for t in found)
                    break
            at += len(part) + 1
    return out


# "device and browser information", "crash and analytics data", "location or profile data": English conjuncts sharing
# one head noun, as "设备和网络信息" does in Chinese. The first conjunct names its data type as "device information"
# would (the second one is matched as it stands).
_SHARED_HEAD_EN = re.compile(r"\b([a-z][a-z-]{1,20}) (?:and|or|&) [a-z-]+ (information|info|data|details)\b")


def _shared_head_en(vocab: Vocab, norm: str) -> list[Hit]:
    """Hits for the first conjunct of a `_SHARED_HEAD_EN` phrase that makes a data word with the head noun and is
    none alone (a conjunct that is a data word itself, "location", declares by its own hit)."""
    out: list[Hit] = []
    for m in _SHARED_HEAD_EN.finditer(norm):
        conj = m.group(1)
        if any(h.start == 0 and h.end == len(conj) for h in vocab.find(conj)):
            continue
        whole = f"{conj} {m.group(2)}"
        out.extend(
            Hit(m.start(1), m.end(1), w.term)
            for w in vocab.find(whole)
            if w.start == 0 and w.end == len(whole) and w.term.kind in (TermKind.DATA, TermKind.LOCATION)
            and not w.term.weak
        )
    return out


def _hit_order(h: Hit) -> tuple[int, int]:
    return h.start, -h.end


def _row_before_definition(vocab: Vocab, block: Block) -> str | None:
    """A table row whose definitions all come after a first sentence of their cell, without them: each such cell
    keeps its sentences before the one that defines. None when a cell defines from its start (the row is a
    glossary row: "设备信息 | 是指…"), or the row is a definition by its heading."""
    if not block.cells or vocab.definition.search(normalize(block.text)) is None:
        return None
    if block.headings and vocab.sensitive_heading.search(normalize(block.headings[-1])) is not None:
        return None
    kept: list[str] = []
    for cell in block.cells:
        parts = list(iter_sentences(cell))
        cut = next((i for i, part in enumerate(parts) if vocab.definition.search(normalize(part)) is not None), None)
        if cut == 0:
            return None
        at = -1 if cut is None else cell.find(parts[cut])
        kept.append(cell if cut is None else cell[:at].rstrip() if at > 0 else " ".join(parts[:cut]))
    return " | ".join(kept)


# A heading or lead-in that denies doing what its items say ("What we don't do", "Things we never do", "We will
# never:", "我们不会做的事"): each item (a verb and its object) is denied.
_DENIED_DOING = re.compile(
    r"\b(?:what|things) we (?:still |also |currently |otherwise )?"
    r"(?:don't|do not|won't|will not|never|will never) do\b|"
    # "### 7.3 What Is Not Broadcast", "What is never sent": the section lists what is not done with data
    r"\bwhat (?:is|are|gets) (?:not|never) [a-z]+\s*$|"
    r"^(?:we|the app|this app) (?:will never|never|don't|do not|won't|will not)\s*[:：]?\s*$|"
    r"^(?:我们|本应用)(?:绝)?不会(?:做(?:的事(?:情)?)?)?\s*[:：]?\s*$"
)
_EXCEPT = re.compile(r"\b(?:except|unless|other than|apart from)\b|除|以外|之外")


# A table column that answers whether each row's item is collected ("是否收集", "是否获取", "Collected",
# "Collected?"), and the answers that say it is not.
_ANSWER_HEADER = re.compile(
    r"^(?:是否(?:收集|获取|采集|读取|申请|使用|调用)|(?:is it )?(?:collected|requested|used|accessed)\??"
    r"|access|in use)$"
)
_NO = re.compile(
    r"^(?:否|无|不|不收集|不获取|不采集|不会收集|不涉及|未收集|未申请|不申请|未使用|不使用"
    r"|no|none|not collected|not requested|not used|not accessed|never|n|×|✗|✘|❌|-|—|/)$"
)
# A summary item whose whole answer is no ("Microphone: No", "Location – none", "相机：否").
_NO_ANSWER_ITEM = re.compile(r"^[^:：.。]{1,40}(?:[:：]|\s[-–—])\s*(?:no|none|n/a|never|×|✗|✘|❌|否|无|不)\s*[.。]?$")


def _answer_column(header: Sequence[str]) -> int | None:
    for i, h in enumerate(header):
        if _ANSWER_HEADER.match(normalize(h)):
            return i
    return None


def _data_column(vocab: Vocab, header: Sequence[str]) -> int | None:
    """The column a table's header says holds the data collected ("个人信息类型", "Data collected", "Data"), if
    exactly one does; None for an answer column ("是否收集")."""
    data = vocab.columns.get("data", ())
    answer = _answer_column(header)
    cols = [i for i, h in enumerate(header) if i != answer and normalize(h).strip(" *:：") in data]
    return cols[0] if len(cols) == 1 else None


def _answers_no(block: Block, column: int) -> bool:
    """Whether a row answers "no" in its table's collected? column (that row declares nothing)."""
    return column < len(block.cells) and _NO.match(normalize(block.cells[column]).strip("。.")) is not None


# A line that breaks off right after a list opener ("…设备信息，包括<br>IMEI、OAID", "such as<br>…") leads in
# the lines after it as a colon does.
_OPENS_LIST = re.compile(
    r"(?:包括但不限于|包括|包含|例如|比如|如下|such as|including|include|e\.g\.|the following)\s*$", re.I
)


def _is_item_line(text: str) -> bool:
    """A short line without a sentence's end: one item of a list written one per line ("IMEI", "设备型号；")."""
    t = text.strip()
    return 0 < len(t) <= 60 and not t.endswith((".", "。", "!", "！", "?", "？", ":", "："))


def _is_pseudo_heading(text: str) -> bool:
    """A short line without a sentence's end, standing as the title of the list after it ("**Data we do not
    collect**")."""
    t = text.strip()
    return 0 < len(t) <= 60 and not t.endswith((".", "。", "!", "！", "?", "？", ";", "；"))


def _is_collection_title(vocab: Vocab, block: Block) -> bool:
    """A short title line about collecting, without a colon, over the items of its list ("**收集的信息**" then
    "手机号码、设备型号", "The following personal data is processed" then one item per line): it leads them in as a
    heading or a colon does."""
    t = block.text.strip()
    # A "key：value" line ("功能/服务：用于…") is a field of a record, not a title.
    if block.kind is not BlockKind.PARAGRAPH or len(t) > 40 or not _is_pseudo_heading(t) or re.search(r"[:：,，、]", t):
        return False
    norm = normalize(t)
    return vocab.collect.search(norm) is not None and not _denies(vocab, norm)


# A "term：meaning" line: a short label, a colon, the meaning.
_TERM_LINE = re.compile(r"[^:,;。，；]{1,16}:\s*\S")


def _is_terms_lead(vocab: Vocab, block: Block, norm: str) -> bool:
    """A short line announcing definitions ("关键术语定义：", "Definitions:")."""
    return (
        block.kind is not BlockKind.TABLE_ROW
        and len(norm) <= 24
        and norm.endswith(":")
        and vocab.sensitive_heading.search(norm) is not None
    )


def extract(
    doc: Document,
    vocab: Vocab,
    skip_tables: frozenset[int] = frozenset(),
    glossary: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[Declaration], list[PermissionDeclaration]]:
    """Declared data types and permissions in a document's prose and non-SDK tables. A declared word the
    policy set defines elsewhere (`glossary`: "设备信息" -> IMEI, Android ID, OAID) declares its defined
    types too."""
    decls: list[Declaration] = []
    perms: list[PermissionDeclaration] = []
    prev: Block | None = None
    heading_norm: dict[tuple[str, ...], tuple[bool, bool, bool, bool, bool]] = {}
    lead_strong = False  # the lead-in of the current list says "collect/read/gather" ("Data gathered by X:")
    # The paragraph right before the current list says "we collect" and defines nothing ("我们可能会自动收集以下信息"
    # then "1）设备信息（…）"): its items are this app's collection even under a definitions heading
    # ("一、个人信息定义"), with the strong verb ambiguous words need.
    lead_own = False
    lead_permission = False  # the lead-in of the current list announces permissions ("需要以下权限：")
    lead_denied = False  # the lead-in of the current list denies ("We do not collect:", "**Data we do not collect**")
    lead_rights = False  # the lead-in of the current list gives the user's rights ("You have the right to:")
    in_terms = False  # inside a run of "term：meaning" lines led in by "关键术语定义：" / "Definitions:"
    line_run = False  # the previous block was a bare line of a list led in by a colon (see `as_item`)
    headed: set[tuple[str, ...]] = set()  # heading paths whose heading was read with its first block
    prev_item = False  # the previous block was an item of a list (see `as_item`)
    # An earlier item of the current list declared a data type: a bare field name that declares only beside other
    # data items ("Phone", "Purchases") counts as a whole item of it ("We collect:" - Name - Email - Phone).
    list_data = False
    answers = {t.index: col for t in doc.tables if (col := _answer_column(t.header)) is not None}
    data_columns = {t.index: col for t in doc.tables if (col := _data_column(vocab, t.header)) is not None}
    own = _own_names(doc)
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE_ROW and (
            block.table in skip_tables or (block.table in answers and _answers_no(block, answers[block.table]))
        ):
            prev = block
            line_run = prev_item = False
            continue
        lead = (
            prev is not None
            and prev.headings == block.headings
            and prev.kind is not BlockKind.TABLE_ROW
            and (
                prev.text.rstrip().endswith((":", "："))
                or _OPENS_LIST.search(prev.text.rstrip()[-16:]) is not None  # its longest word ends it: no scan
                or _is_collection_title(vocab, prev)
            )
        )
        # Lines after a lead-in, one item per line without bullets ("我们会收集以下信息：<br>设备型号<br>IMEI",
        # a text file's "We collect:" then one field per line) are the items of its list, like bullets.
        as_item = block.kind is BlockKind.LIST_ITEM or (
            block.kind is BlockKind.PARAGRAPH
            and _is_item_line(block.text)
            and (lead or (line_run and prev is not None and prev.headings == block.headings))
        )
        line_run = as_item and block.kind is BlockKind.PARAGRAPH
        lead = lead or line_run
        if block.headings not in heading_norm:
            hn = normalize(" ".join(block.headings))
            last = normalize(block.headings[-1]) if block.headings else ""
            heading_norm[block.headings] = (
                vocab.collect.search(hn) is not None,
                vocab.share.search(hn) is not None,
                vocab.cue_after.search(last) is not None,
                # "## 2.2 我们自动收集的信息" > "### 设备信息": a heading naming data under one that collects reads too
                _operator_reads(vocab, last)
                or (
                    len(block.headings) > 1
                    and any(_operator_reads(vocab, normalize(h)) for h in block.headings[:-1])
                    and any(t.term.kind is TermKind.DATA for t in vocab.find(last))
                    and not _denies(vocab, hn)
                ),
                # "我们不收集的信息", "Data we do not collect": the section lists what is denied (a denial
                # with a collecting verb: "如何开启或关闭权限" is about the user's switches, not a denial).
                # A permission heading denies with the verbs of asking too ("Permissions we don't request", "我们不会
                # 申请的权限", "Permissions we do not use").
                _EXCEPT.search(last) is None
                and (
                    (_denies(vocab, last) and vocab.strong.search(last) is not None)
                    or (_NOT_ASKED.search(last) is not None and vocab.cue_after.search(last) is not None)
                    or _DENIED_DOING.search(last) is not None
                ),
            )
        head_collect, head_share, head_permission, head_strong, head_denied = heading_norm[block.headings]
        if prev is None or prev.headings != block.headings or not as_item:
            lead_strong = lead_denied = lead_permission = lead_rights = lead_own = False
            list_data = False
        before = len(decls)
        if lead and prev is not None and as_item:
            lead_strong = lead_strong or _operator_reads(vocab, normalize(prev.text), last=True)
            # "本应用需要以下权限：", "The app requests the following permissions:" lead in a permission list.
            lead_permission = lead_permission or (
                prev.text.rstrip().endswith((":", "：")) and vocab.cue_after.search(normalize(prev.text)) is not None
            )
        if (
            prev is not None
            and as_item
            and prev.kind is BlockKind.PARAGRAPH
            and prev.headings == block.headings
            and (lead or _is_pseudo_heading(prev.text))
        ):
            prev_norm = normalize(prev.text)
            # "We do not share your data except with:" lists what is shared.
            lead_denied = lead_denied or (
                (
                    _denies(vocab, _leading_clause(vocab, prev_norm))
                    or _DENIED_DOING.search(prev_norm) is not None
                    or _denies_its_list(prev_norm)
                )
                and _EXCEPT.search(prev_norm) is None
            )
            lead_rights = lead_rights or _RIGHTS_LEAD.search(prev_norm) is not None
        if (
            as_item
            and not lead_own
            and prev is not None
            and prev.kind is BlockKind.PARAGRAPH
            and prev.headings == block.headings
        ):
            prev_norm = normalize(prev.text)
            lead_own = (
                vocab.own_collection.search(prev_norm) is not None
                and vocab.definition.search(prev_norm) is None
                and not _denies(vocab, prev_norm)
            )
        # An item of a list headed "Data gathered by Crashlytics" or led in by "we collect:" has the verb
        # that ambiguous words ("crash", "files") need.
        item_strong = as_item and (lead_strong or head_strong or lead_own)
        # An item of a permission list names its permission first ("- 相机：用于扫码", "Camera – scan codes").
        item_lead = 8 if (head_permission and block.kind is not BlockKind.PARAGRAPH) or lead_permission else 0
        inherited = block.kind is not BlockKind.PARAGRAPH or lead or head_collect or head_share
        rights = False
        if inherited and block.headings and _RIGHTS_HEADING.search(normalize(block.headings[-1])):
            # The user's rights ("## 您的权利", "## Your Rights"): what the user may see, correct or delete there is
            # not collected by being listed; a sentence of the section still declares with its own verb (and
            # lends it to no later part of its ";" run: "可在…查看并删除告警记录；可在设置中清除联系人信息").
            inherited = False
            item_strong = False
            rights = True
        block_norm = normalize(block.text)
        definition = _is_definition(vocab, block, block_norm) and not (
            lead_own and as_item and vocab.definition.search(block_norm) is None
        )
        if _is_terms_lead(vocab, block, block_norm):
            in_terms = True
        elif in_terms and block.kind is not BlockKind.TABLE_ROW and _TERM_LINE.match(block_norm):
            definition = True
        else:
            in_terms = False
        sentences = [block.text] if block.kind is BlockKind.TABLE_ROW else list(doc.sentences(block))
        if definition and block.kind is BlockKind.TABLE_ROW:
            # A data cell that lists the data and then explains one of its words ("手机号码、设备信息（…）、日志信息。
            # 其中日志信息是指…") declares its list: only the explaining sentences are a definition.
            kept_row = _row_before_definition(vocab, block)
            if kept_row is not None:
                sentences, definition = [kept_row], False
        if block.headings and block.headings not in headed and block.kind is not BlockKind.TABLE_ROW:
            headed.add(block.headings)
            # A section under a definitions heading ("## 名词解释" > "### 设备信息") or whose first paragraph
            # defines ("设备信息是指…") defines its heading's word, as its paragraphs do.
            if not definition and not (len(block.headings) > 1 and _is_definition_heading(vocab, block.headings[-2])):
                first = sentences[0] if sentences else ""
                _heading_sentence(
                    vocab,
                    block,
                    block.headings[-1],
                    first,
                    head_share,
                    head_denied,
                    decls,
                    perms,
                    glossary or {},
                    own,
                    parent_reads=head_strong,
                )
        elif (
            prev is not None
            and block.kind is BlockKind.PARAGRAPH
            and prev.kind is BlockKind.PARAGRAPH
            and prev.headings == block.headings
            and not as_item
            and not prev_item
            and not definition
            and _is_pseudo_heading(prev.text)
            and len(prev.text.strip()) <= 30
            and not prev.text.rstrip().endswith((":", "：", ",", "，", "、"))
        ):
            # A bold or bare title line over its paragraph ("**位置信息**" then "当您使用附近功能时，我们会收集此
            # 信息。") heads it as a heading does.
            first = sentences[0] if sentences else ""
            _heading_sentence(
                vocab, block, prev.text, first, head_share, head_denied, decls, perms, glossary or {}, own
            )
        # A sentence right after one that reads data ("Our servers may record … . The log data may include your
        # device type, operating system") lists what was read: its ambiguous words have their strong verb.
        after_strong = False
        # A run of ";"-separated parts is one enumeration ("We collect names; phone numbers; email addresses",
        # "Personal Data processed: Cookies; Usage Data"): the parts after the first have its verb, or its denial.
        run: _Run | None = None
        # Data a sentence of the block denies reading: a permission the block explains declares none of it
        # ("ACCESS_FINE_LOCATION: required to scan for Bluetooth devices; the app does not use your location.").
        perms_before = len(perms)
        block_denied: set[str] = set()
        # A table whose header says a column holds the data collected ("数据类型", "Data collected"): the words of
        # that cell are its items, with the verb ambiguous words need ("| Email | Login |" under "| Data | Purpose |").
        data_cell = ""
        if block.kind is BlockKind.TABLE_ROW and block.table in data_columns and not definition:
            col = data_columns[block.table]
            data_cell = block.cells[col] if col < len(block.cells) else ""
        said_before = len(decls)  # where the declarations of the sentence before the current one start
        for sentence in sentences:
            sn = normalize(sentence)
            takes_back = _BACK_REFERENCE.match(sn) is not None and _denies(vocab, sn)
            if takes_back and vocab.strong.search(sn) is not None and vocab.share.search(sn) is None:
                # "… including but not limited to Email, Name. The information that I request will be retained on
                # your device and is not collected by me in any way." (the App Privacy Policy Generator's choice):
                # the sentence takes back what the one before it listed.
                del decls[said_before:]
            said_before = len(decls)
            own_verb = (
                vocab.collect.search(sn) is not None
                or vocab.share.search(sn) is not None
                or (("not" in sn or "never" in sn) and _NEGATED_PASSIVE.search(sn) is not None)
            )
            cont = run is not None and not own_verb
            _sentence(
                vocab,
                block,
                sentence,
                definition and not (run is not None and run.own),
                inherited or (cont and run is not None and run.collects and not rights),
                head_share,
                item_lead,
                decls,
                perms,
                glossary or {},
                item_strong or after_strong or (cont and run is not None and run.strong),
                head_denied or lead_denied or (cont and run is not None and run.denied),
                own,
                list_data and len(sentences) == 1,
                block_denied,
                data_cell,
            )
            if (
                block.kind is not BlockKind.TABLE_ROW
                and len(decls) > said_before
                and (
                    _USER_ACCESSES.search(sn) is not None
                    or (("request" in sn or "ask" in sn or "right to" in sn) and _RIGHTS_REQUEST.search(sn) is not None)
                    # an item of the rights list opening with the user's verb ("- access the data we hold about you,
                    # such as your name", "- 更正您的手机号码")
                    or ((rights or lead_rights) and as_item and _RIGHTS_ITEM.match(sn) is not None)
                )
                and vocab.own_collection.search(sn) is None
            ):
                # "您可以访问、更正、删除您的个人信息，包括手机号码、邮箱", "You can access and delete your email
                # address": the user's rights over data, wherever the section; what it lists is not collected by
                # being listed.
                del decls[said_before:]
            item_lead = 0  # only the item's first sentence starts with its name
            if len(sentences) > 1:
                after_strong = vocab.strong.search(sn) is not None and not _denies(vocab, sn)
            if not sentence.rstrip().endswith((";", "；")):
                run = None
            elif run is None or own_verb:
                # A part with a verb of its own opens the run again, still under a "we collect" that opened it.
                run = _run_of(vocab, sn, inherited, run is not None and run.own)
        if block_denied:
            for k in range(perms_before, len(perms)):
                perms[k] = replace(perms[k], denied=perms[k].denied | block_denied)
        list_data = as_item and (list_data or len(decls) > before)
        prev = block
        prev_item = as_item
    # A permission whose only purpose is one data type declares that type (CAMERA -> camera), and so does
    # one whose name says which of its types it is for (ACCESS_FINE_LOCATION -> precise location).
    # Only a permission named literally says which one it is: "location permission" reads as FINE and COARSE.
    types = permission_types()
    for p in perms:
        dt = types.get(p.permission) or (vocab.permission_primary.get(p.permission) if p.literal else None)
        if dt in p.denied or (dt in _LOCATION and GENERIC_LOCATION in p.denied):
            continue  # "…; the app does not use your location": the permission is held, the data not read
        if dt and p.permission not in vocab.permission_no_data:
            decls.append(Declaration(dt, p.quote, p.location, Context.COLLECTION, False, p.file))
        elif not dt and not p.literal and p.permission in _LOCATION_PERMISSIONS and not p.denied & _DENIED_LOCATION:
            # "We request location permission to show nearby stores", "- Location: used to …" in a permission list:
            # a location whose precision the policy set decides (as "位置权限" does through its word).
            decls.append(Declaration(GENERIC_LOCATION, p.quote, p.location, Context.COLLECTION, False, p.file))
    return decls, perms


_LOCATION_PERMISSIONS = frozenset(
    {"android.permission.ACCESS_FINE_LOCATION", "android.permission.ACCESS_COARSE_LOCATION"}
)
_DENIED_LOCATION = frozenset({GENERIC_LOCATION, "location_precise", "location_coarse"})


# A title that asks how ("我们如何使用 Cookies", "三、如何收集您的信息", "How we use cookies", "How do we share your
# data"): the topic of a section, answered by it (maybe with a denial), like a heading ending with "?".
_HOW_TITLE = re.compile(
    r"[\s\d.、)）(（#*\-]*(?:[一二三四五六七八九十]+[、.．]\s*)?(?:我们|我方|本应用|本软件)?(?:如何|怎样)|"
    r"[\s\d.)(#*\-]*how (?:we|do we|does|is|are|can|to|your|the)\b"
)
# A heading's own numbering ("3.2 ", "（一）", "第三条", "4、"), left out of the sentence it heads.
_HEADING_NUMBER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百\d]+[章节条部分]+|[（(]?[一二三四五六七八九十\d]{1,3}(?:\.\d{1,3})*[)）.、]?|"
    r"[IVX]{1,5}\.|[A-Za-z][.)])\s*"
)


def _heading_sentence(
    vocab: Vocab,
    block: Block,
    last: str,
    first: str,
    head_share: bool,
    head_denied: bool,
    decls: list[Declaration],
    perms: list[PermissionDeclaration],
    glossary: Mapping[str, frozenset[str]],
    own_names: tuple[str, ...] = (),
    parent_reads: bool = False,
) -> None:
    """A heading that names the data or permission its section is about ("### 相机权限" then "用于扫描二维码。",
    "### 位置信息" then "当您使用附近功能时，我们会收集此信息。", "### Camera" under "## Permissions") read as the
    subject of the section's first sentence: "相机权限：用于扫描二维码。". Its words declare as that sentence says
    (collected, denied, or nothing), like a list item's name. `last`: the heading (or title line).
    `parent_reads`: a heading above it collects ("## Information We Collect" > "### Device Information"): an English
    heading that is a data item as a whole is an item of that collection, whatever its first sentence (a list of
    examples, often verbless), unless that sentence denies it. A Chinese one ("## 我们收集的信息" > "### 设备信息")
    only groups its items: readers label what the items name (batches 13-14)."""
    head = _HEADING_NUMBER.sub("", last, count=1).strip(" :：*#")
    if (
        not head
        or len(head) > 40
        or head.endswith(("?", "？"))
        or _HOW_TITLE.match(normalize(head))
        or not vocab.find(normalize(head))
    ):
        return  # a question ("Do we use cookies?") is answered by its section, not declared by it
    parent_permission = len(block.headings) > 1 and vocab.cue_after.search(normalize(block.headings[-2])) is not None
    # The section's sentence must read the data ("我们会收集此信息", "we access it") or the heading must name
    # a permission ("相机权限", or an item of a permissions section): "支付信息" over "本应用为免费下载应用"
    # declares nothing.
    head_norm = normalize(head)
    first_norm = normalize(first)
    parent_item = parent_reads and IDEOGRAPH.search(head_norm) is None and any(
        h.start == 0
        and h.term.kind in (TermKind.DATA, TermKind.LOCATION)
        and (h.end == len(head_norm) or _HEAD_NOUN.fullmatch(head_norm, h.end) is not None)
        for h in vocab.find(head_norm)
    )
    if not (
        parent_item
        or parent_permission
        or vocab.strong.search(first_norm)
        or vocab.cue_after.search(head_norm)
        # "7. 摄像头使用" then "…应用将会向您申请此权限": the sentence asks for the heading's permission.
        or vocab.cue_after.search(first_norm)
    ):
        return
    lead = len(head_norm) + 1 if parent_permission else 0
    sentence = f"{head}：{first}"
    _sentence(
        vocab,
        block,
        sentence,
        False,
        parent_item,
        head_share,
        lead,
        decls,
        perms,
        glossary,
        False,
        head_denied,
        own_names,
    )


@dataclass(frozen=True, slots=True)
class _Run:
    """What the opening part of a ";"-separated run says for the parts after it."""

    collects: bool  # it collects, uses or shares (or its block does)
    strong: bool  # with a strong verb ("collect", "read"): ambiguous words of later parts count
    denied: bool  # its last clause denies ("We do not collect: names;")
    own: bool  # it says "we collect" (`own_collection`): in a definition block its later parts declare too


def _run_of(vocab: Vocab, norm: str, inherited: bool, own: bool = False) -> _Run:
    cuts = [m.start() for m in _CLAUSE.finditer(norm.rstrip(";"))]
    last = norm[cuts[-1] if cuts else 0 :]
    denied = _denies(vocab, last) and _EXCEPT.search(last) is None
    own = own or vocab.own_collection.search(norm) is not None
    collects = inherited or own or vocab.collect.search(norm) is not None or vocab.share.search(norm) is not None
    return _Run(collects, vocab.strong.search(norm) is not None and not denied, denied, own)


def _sentence(
    vocab: Vocab,
    block: Block,
    sentence: str,
    definition: bool,
    inherited: bool,
    head_share: bool,
    item_lead: int,
    decls: list[Declaration],
    perms: list[PermissionDeclaration],
    glossary: Mapping[str, frozenset[str]],
    item_strong: bool = False,
    denied: bool = False,
    own_names: tuple[str, ...] = (),
    listed_item: bool = False,
    block_denied: set[str] | None = None,
    data_cell: str = "",
) -> None:
    """Declarations of one sentence. `denied`: its section's heading or its list's lead-in denies collection
    ("我们不收集的信息", "We do not collect:"), so every clause of it is a denial. `own_names`: the app's or
    operator's names the document defines (`_own_names`), whose words name no data. `listed_item`: the sentence is
    a list item after items that declared data, so a bare field name that is all of it is one of those items.
    `data_cell`: the table row's cell under a header saying it holds the data collected; its words are items."""
    # The literals every `_FOREIGN_TOKEN` match holds: most sentences skip its slow `[\w.]*` scan.
    foreign_hint = "permission." in sentence or "UsageDescription" in sentence or "UIBackgroundModes" in sentence
    norm = normalize(_FOREIGN_TOKEN.sub(" ", sentence) if foreign_hint else sentence)
    if _NO_ANSWER_ITEM.match(norm) is not None:
        return  # "Microphone: No", "相机：否": an item of a summary answered no
    if (
        "unauthori" in norm
        or "unlawful" in norm
        or "accidental" in norm
        or "measures" in norm
        or "encrypt" in norm
        or "safeguard" in norm
        or "ssl" in norm
        or "tls" in norm
    ):
        # "protect your email address from unauthorized access", "we take reasonable measures to protect": the
        # harm a security measure prevents and the measure itself, not verbs of the operator reading data
        # (blanked, so that positions still match the sentence).
        norm = _MISUSE.sub(lambda m: " " * len(m.group(0)), norm)
    cell_norm = normalize(data_cell) if data_cell else ""
    cell_at = norm.find(cell_norm) if cell_norm else -1
    cell_span = (cell_at, cell_at + len(cell_norm)) if cell_at >= 0 else (0, 0)
    # Clauses: a denial ("不会收集", "do not collect") covers its own clause only, so that "我们仅收集您的手机号码，
    # 不会收集您的通讯录" still declares the phone number.
    # Most sentences hold no clause mark: an ASCII one (its commas cut only next to Chinese characters) needs one of
    # `_CLAUSE_WORDS` for any, a cheaper test than the regex's scan.
    marks = _CLAUSE.finditer(norm) if not norm.isascii() or any(w in norm for w in _CLAUSE_WORDS) else ()
    bounds = [0, *(m.start() for m in marks), len(norm) + 1]
    if " no " in norm:
        # "This cookie stores no personal information and will keep track of how you use the app": a denied "no …"
        # object ends where a second predicate starts, which still declares.
        cuts = [m.start(1) for m in _NO_OBJECT_THEN.finditer(norm)]
        if cuts:
            bounds = sorted({*bounds, *cuts})
    if " and " in norm or " but " in norm:
        # "We collect your email address and do not collect your location", "We use cookies, and the app uses no
        # trackers": a denial after "and" is a predicate of its own; the one before it still declares.
        cuts = [
            m.start(1)
            for m in _AND_THEN_DENIAL.finditer(norm)
            if vocab.collect.search(norm, max(0, m.start() - 120), m.start()) is not None
        ]
        if cuts:
            bounds = sorted({*bounds, *cuts})

    def clause_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(bounds, pos) - 1
        return bounds[i], bounds[i + 1]

    # The clauses a denial covers, the exceptions to them and the denied objects: worked out at the first `negated`
    # question (most sentences name nothing to ask about: about one in eight asks).
    def negation() -> tuple[set[tuple[int, int]], list[tuple[int, int]], list[int], list[tuple[int, int]]]:
        negated_at = {clause_of(at) for at in _all(vocab.data_negation, norm) if not _CONSENT_EXEMPTION.match(norm, at)}
        # "…会留下Cookies，本浏览器不会读取和收集这些信息": a denial of "these data" covers the clauses before it.
        if any(w in norm for w in _THESE_WORDS) and _THESE.search(norm):
            for m in _DENIES_THESE.finditer(norm):
                negated_at.update(c for c in itertools.pairwise(bounds) if c[0] <= m.start())
        # "我们不会将您的个人身份信息（指姓名或手机号码，…）与合作伙伴共享": a denial whose object runs over commas to
        # its verb covers every clause of the object.
        if "将" in norm:
            for m in _DENIES_OBJECT.finditer(norm):
                negated_at.update(c for c in itertools.pairwise(bounds) if m.start() <= c[1] and c[0] < m.end())
        # "No personal data such as your name is collected", "None of your data is shared": the denial is the subject.
        if "no" in norm or "neither" in norm or "nothing" in norm:
            negated_at.update(c for c in itertools.pairwise(bounds) if _NO_SUBJECT.match(norm, *c))
        # A list that continues a denied clause is denied too: "不会收集您的个人信息，包括但不限于姓名、IP 地址".
        for k in range(1, len(bounds) - 1):
            prev, cur = (bounds[k - 1], bounds[k]), (bounds[k], bounds[k + 1])
            if prev in negated_at and vocab.list_carry.search(norm, cur[0], min(cur[0] + 8, cur[1])) is not None:
                negated_at.add(cur)

        # "Please be careful not to disclose your bank cards and passwords", "请勿向他人透露您的验证码": advice to the
        # user about what not to give away names no data the app reads, in its clause and the ones after it.
        if "careful" in norm or "care " in norm or "avoid" in norm or "勿" in norm or "谨慎" in norm or "不要" in norm:
            for m in _USER_ADVICE.finditer(norm):
                negated_at.update(c for c in itertools.pairwise(bounds) if c[1] > m.start())
        # "其他应用可能会收集您的IMEI", "Some apps collect your location": what other apps or sites do, not this one.
        if any(w in norm for w in _OTHERS_WORDS) and _OTHERS.search(norm) is not None:
            negated_at.update(c for c in itertools.pairwise(bounds) if _OTHERS.search(norm, *c))
        if "your " in norm and any(w in norm for w in _PROVIDER_WORDS) and _READERS_PROVIDER.search(norm) is not None:
            negated_at.update(c for c in itertools.pairwise(bounds) if _READERS_PROVIDER.search(norm, *c))
        if "site" in norm and _OTHER_SITES.search(norm) is not None:
            negated_at.update(c for c in itertools.pairwise(bounds) if _OTHER_SITES.search(norm, *c))
        # "We do not sell your personal information, including your contacts or location", "we will never rent your
        # email address to third parties" (the CCPA "do not sell" statement): refusing to sell data says nothing of
        # collecting it, unless the clause said it is collected before ("we collect your email and never sell it").
        if "sell" in norm or "rent" in norm or "trade" in norm:
            for m in _SELL_DENIAL.finditer(norm):
                lo, hi = clause_of(m.start())
                if vocab.collect.search(norm, lo, m.start()) is None:
                    negated_at.add((lo, hi))
        # "These services may collect your IP address under their own privacy policies": what a third party may
        # collect on its own terms (the generators' disclaimer) is not this app's collection; the app's own verbs
        # ("we share your email with X, which may use it under its own policy") still declare.
        if (
            ("own " in norm or "respective" in norm or "control" in norm or "s privacy" in norm or "s terms" in norm)
            and _THEIR_POLICY.search(norm) is not None
            # "Apple's handling of purchase data is governed by Apple's Privacy Policy": a sentence whose only predicate
            # is the vendor's terms (no verb of collecting or giving of its own, whatever its section) declares nothing.
            and (
                _THEY_MAY.search(norm) is not None
                or (vocab.collect.search(norm) is None and vocab.share.search(norm) is None)
            )
            and _WE_DO.search(norm) is None
        ) or (
            # "According to Google's privacy policy, Google collects …", "Facebook's Data Policy, which describes how
            # Facebook collects your contacts": the vendor's own policy paraphrased, not this app's collection.
            ("s privacy" in norm or "s data" in norm or " how " in norm)
            and _VENDOR_POLICY_SAYS.search(norm) is not None
            and _WE_DO.search(norm) is None
        ):
            negated_at.update(itertools.pairwise(bounds))
        elif ("child" in norm or "minor" in norm or "under" in norm) and _CHILD_FOUND.search(norm) is not None:
            # "If we learn we have collected personal data such as an email address from a child under 16, we will
            # delete it": the children's section says what happens to data collected by mistake, not what is collected.
            negated_at.update(itertools.pairwise(bounds))
        elif "contain" in norm or "include" in norm or "mention" in norm:
            # "The text you enter, which may contain names or phone numbers, …": what the user's own content may hold.
            for c in itertools.pairwise(bounds):
                held = _CONTENT_MAY_HOLD.search(norm, *c)
                # "The content we collect may include your location", "we store … any note or photos you attach
                # (photos may include …)": the operator's collection.
                if (
                    held is not None
                    and _OPERATOR_GETS.search(held.group(0)) is None
                    and vocab.collect.search(norm, c[0], held.start()) is None
                ):
                    negated_at.add(c)
        if ("law" in norm or "court" in norm or "merger" in norm or "acqui" in norm or "bankrupt" in norm) and (
            _LEGAL_DISCLOSURE.search(norm) is not None and "collect" not in norm
        ):
            # "We may disclose your information, including your name and email, if required by law", "If we are
            # involved in a merger, your email address may be transferred": what happens to held data, not what is read.
            negated_at.update(itertools.pairwise(bounds))
        if "control" in norm and _NO_CONTROL.match(norm) is not None:
            # "We do not control these third parties' tracking technologies": what the operator disclaims.
            negated_at.add(clause_of(0))

        # "We do not log IP addresses beyond what our host retains": a denial limited to what a party keeps anyway says
        # the data is kept (the limit is no denial of it).
        # Not a limit set by the policy's own text or the user ("or any data beyond what is listed above", "beyond what
        # you provide"): that still denies everything its clause names.
        if "beyond what" in norm:
            negated_at.difference_update(
                c for c in itertools.pairwise(bounds) if _KEPT_ANYWAY.search(norm, c[0], c[1]) is not None
            )
        # "We do not collect any personal data other than your email address", "除手机号码外，我们不会收集其他信息": the
        # exception to a denial is what is collected.
        excepted = (
            [m.span(1) if m.group(1) is not None else m.span(2) for m in _EXCEPTION.finditer(norm)]
            if negated_at and ("除" in norm or _EXCEPTION_WORD.search(norm) is not None)
            else []
        )

        excepted_starts = [lo for lo, _ in excepted]  # in order and apart (finditer): one bisect per position
        # "Crash reports never include your name", "country level, not precise location", "events are sent without
        # your IP address": a denial of the object covers the words after it in its clause, not the clause's subject.
        object_denied = (
            [(m.start(), clause_of(m.start())[1]) for m in _DENIED_OBJECT.finditer(norm)]
            if "not" in norm or "never" in norm or "without" in norm or "no " in norm or "n't" in norm
            else []
        )
        if "no " in norm:
            # A verbless "No …" fragment ("Version and model. No ad identifier, no IP address.", a table cell's "No
            # account data") denies what it names, up to its sentence's or cell's end (a table row is one sentence
            # here).
            object_denied += [m.span() for m in _NO_FRAGMENT.finditer(norm)]
        return negated_at, excepted, excepted_starts, object_denied

    negation_state: list[tuple[set[tuple[int, int]], list[tuple[int, int]], list[int], list[tuple[int, int]]]] = []

    def negated(pos: int) -> bool:
        if denied:
            return True
        if not negation_state:
            negation_state.append(negation())
        negated_at, excepted, excepted_starts, object_denied = negation_state[0]
        if any(lo <= pos < hi for lo, hi in object_denied):
            return True
        if clause_of(pos) not in negated_at:
            return False
        k = bisect.bisect_right(excepted_starts, pos) - 1
        return k < 0 or not excepted[k][0] <= pos < excepted[k][1]

    found = vocab.find(norm)
    hits = [h for h in found if not negated(h.start)]
    if "tablet" in norm or "computer" in norm or "laptop" in norm or "desktop" in norm or "watch" in norm:
        # "Device type (Phone / Tablet)", "phone or tablet": a kind of device listed with its siblings, no data item
        kinds = {(h.start, h.end) for h in hits if _device_kind(norm, h)}
        hits = [h for h in hits if (h.start, h.end) not in kinds]  # the permission "phone" of that span too
    if own_names:
        named = [(m.start(), m.end()) for name in own_names if name in norm for m in re.finditer(re.escape(name), norm)]
        hits = [h for h in hits if not any(lo <= h.start and h.end <= hi for lo, hi in named)]
    shared: list[Hit] = []
    if "信息" in norm:
        shared += [*_shared_head(vocab, norm, hits), *(_shared_list(vocab, norm) if "、" in norm else [])]
    if " and " in norm or " or " in norm or " & " in norm:
        shared += _shared_head_en(vocab, norm)
    if shared or "信息" in norm:  # (a 信息 sentence's hits take `_hit_order` even with none shared, as they did)
        hits = sorted([*hits, *(h for h in shared if not negated(h.start))], key=_hit_order)
    # Whether a clause holds a phrase, once per clause and phrase set: a sentence listing thousands of ambiguous
    # words searched its clause again for each of them.
    found_in: dict[tuple[int, int, int], bool] = {}

    def clause_has(phrases: Phrases, lo: int, hi: int) -> bool:
        key = (id(phrases), lo, hi)
        if key not in found_in:
            found_in[key] = phrases.search(norm, lo, hi) is not None
        return found_in[key]

    def notifies(lo: int, hi: int) -> bool:
        key = (0, lo, hi)
        if key not in found_in:
            found_in[key] = any(
                not any(
                    c.start() <= m.start() and m.end() <= c.end()
                    for c in _CONTACTING_US.finditer(norm, max(lo, m.start() - 24), hi)
                )
                for m in _NOTIFY.finditer(norm, lo, hi)
            )
        return found_in[key]

    # Permissions: literal names (not in a clause that denies them), natural-language names with a cue nearby.
    literal = [
        p for p in literal_permissions(sentence) if block.kind is BlockKind.TABLE_ROW or not negated(_position(norm, p))
    ]
    # An iOS or HarmonyOS row of a permission list is not an Android permission.
    foreign = foreign_hint and _FOREIGN_TOKEN.search(sentence) is not None and not literal
    # "您可以在系统设置中关闭位置权限", "You can turn off the camera permission at any time": the user's switch, said
    # of any permission whether the app holds it or not; with no verb of using data the sentence declares nothing.
    switch_off = (
        ("您" in norm or "你" in norm or "用户" in norm or ("you " in norm and any(w in norm for w in _SWITCH_MODALS)))
        and _SWITCH_OFF.search(norm) is not None
        and vocab.collect.search(norm) is None
    )
    natural = [] if switch_off else natural_permissions(vocab, norm, hits, 0 if foreign else item_lead)
    if block.kind is BlockKind.TABLE_ROW and literal:
        # A permission table row: the purpose is in the other cells.
        cells = [c for c in block.cells if c and not _LITERAL_PERMISSION.search(c)]
        purpose = "；".join(cells)
    else:
        purpose = sentence.strip()
    quote = quote_around(sentence, norm, None)
    denied_types = frozenset(
        h.term.target if h.term.kind is TermKind.DATA else GENERIC_LOCATION
        for h in found
        if h.term.kind in (TermKind.DATA, TermKind.LOCATION) and negated(h.start) and not denied
    )
    if block_denied is not None:
        block_denied.update(denied_types)
    for p in literal:
        perms.append(
            PermissionDeclaration(p, purpose[:QUOTE_MAX], quote, block.location, block.file, True, denied_types)
        )
    for p in natural:
        if p not in literal:
            perms.append(
                PermissionDeclaration(p, purpose[:QUOTE_MAX], quote, block.location, block.file, False, denied_types)
            )
    if switch_off:
        return
    if definition and (
        vocab.definition.search(norm) is not None
        or vocab.own_collection.search(norm) is None
        or block.kind is BlockKind.TABLE_ROW
    ):
        return  # a definition's examples, unless this sentence of the block says "we collect" (and defines nothing)
    if len(norm) <= 40 and _HOW_TITLE.match(norm):
        return  # "我们如何使用 Cookies", "How we use your data": a section's topic (a contents line, a title), asked
    if foreign:
        # An iOS or HarmonyOS permission explained for a purpose declares the data it opens, like an Android one.
        for m in _FOREIGN_TOKEN.finditer(sentence):
            dt = vocab.foreign_permission_types.get(m.group(0))
            dt = GENERIC_LOCATION if dt == "location" else dt
            if dt and not negated(m.start() * len(norm) // max(len(sentence), 1)):
                decls.append(Declaration(dt, quote, block.location, Context.COLLECTION, False, block.file))
    if block.kind is BlockKind.TABLE_ROW and literal:
        # A permission-table row says why a permission is requested; what it declares is the data the
        # permission gives access to (added from the permission below when it gates one type), not every
        # word of the purpose. A permission gating several types (FINE_LOCATION: location, cell info)
        # declares those of them the row names ("获取大概位置", "精确位置").
        gated = gated_types(literal)
        for h in hits:
            dt = h.term.target if h.term.kind is TermKind.DATA else GENERIC_LOCATION
            if h.term.item_only and not whole_item(norm, h):
                continue
            if h.term.kind in (TermKind.DATA, TermKind.LOCATION) and (
                dt in gated or (dt == GENERIC_LOCATION and gated & _LOCATION)
            ):
                decls.append(
                    Declaration(
                        dt, quote_around(sentence, norm, h), block.location, Context.COLLECTION, False, block.file
                    )
                )
        return
    if "ip" in norm and _IP_WORD.search(norm):
        # "基于IP对应的城市", "the country derived from your IP address": a place the IP address resolves to is a
        # coarse location, whatever verb the sentence has (it says how the place is found, not that nothing is).
        for m in _IP_PLACE.finditer(norm):
            if not negated(m.start()) and not _PLACE_DENIED.search(norm, clause_of(m.start())[0], m.end()):
                quote = quote_around(sentence, norm, Hit(m.start(), m.end(), _PLACE_TERM))
                coarse = Declaration("location_coarse", quote, block.location, Context.COLLECTION, False, block.file)
                decls.append(coarse)
                break
    approximate: list[tuple[int, int]] = []
    if "approx" in norm or "coarse" in norm or "rough" in norm or "rounded" in norm or "-level" in norm:
        places = list(_APPROXIMATE_PLACE.finditer(norm))
        approximate = [m.span() for m in places]
        # said as collected or shared (once for the sentence, not per place)
        for m in places if inherited or vocab.collect.search(norm) or vocab.share.search(norm) else ():
            if not negated(m.start()):
                quote = quote_around(sentence, norm, Hit(m.start(), m.end(), _PLACE_TERM))
                coarse = Declaration("location_coarse", quote, block.location, Context.COLLECTION, False, block.file)
                decls.append(coarse)
                break
    # Signing in with a third-party account ("Sign in with Google", "您可以使用第三方账号登录"): the app receives that
    # account's identity (`accounts`, the labels' convention C1) whether or not a verb of collecting is said.
    at = vocab.sign_in.search(norm)
    if at is None and _AUTH_VERB_HINT.search(norm) is not None:
        at = _sign_in_near_provider(vocab, norm)
    if at is not None and not negated(at):
        quote = quote_around(sentence, norm, Hit(at, at + 1, _LOGIN_TERM))
        signed = Declaration("accounts", quote, block.location, Context.COLLECTION, False, block.file)
        decls.append(signed)
    collect = vocab.collect.search(norm) is not None or (
        ("camera" in norm or "from your" in norm or "from the" in norm) and _user_captures(norm)
    )
    share = vocab.share.search(norm) is not None
    if not (collect or share or inherited):
        return
    context = Context.SHARING if share or (head_share and not collect) else Context.COLLECTION
    hedged = vocab.hedges.search(norm) is not None

    def declare_first(matches: Iterable[re.Match[str]], dt: str, term: Term = _PLACE_TERM) -> None:
        """Declares `dt` once, quoted at the first of `matches` its clause does not deny."""
        for m in matches:
            if not negated(m.start()):
                quote = quote_around(sentence, norm, Hit(m.start(), m.end(), term))
                decls.append(Declaration(dt, quote, block.location, context, hedged, block.file))
                return

    if "精" in norm or "precise" in norm:
        # "精确或大致位置信息", "precise or approximate location": the head noun is shared, the first is precise.
        declare_first(_PRECISE_PAIR.finditer(norm), "location_precise")
    acts = " you " in norm or "记录" in norm or "历史" in norm or "行为" in norm
    used = "how " in norm or any(w in norm for w in _PARTICIPLE_HINTS)
    if acts or used:
        # "the pages you visit", "which screens you open", "the links you click", "您的浏览、搜索、点击记录", "screens
        # viewed": the user's interactions (usage_log).
        interactions = itertools.chain(
            _INTERACTED.finditer(norm) if acts else (),
            _ACTIONS_HEAD.finditer(norm) if acts else (),
            _USED_OBJECTS.finditer(norm) if used else (),
        )
        declare_first(
            (m for m in interactions if not _FROM_SITES.search(norm, max(0, m.start() - 10), m.start() + 9)),
            "usage_log",
        )
    if "profile" in norm or "avatar" in norm:
        # A profile photo or avatar the user adds ("Profile photo (optional)", "you may upload a profile picture"):
        # a photo from the user's gallery (photos_storage; batches 11-13 label it so). Not the picture a sign-in
        # provider hands over ("your Google profile picture", "profile photo URL") nor a drawn avatar's looks.
        photo = _PROFILE_PHOTO.search(norm)
        heading = normalize(block.headings[-1]) if block.headings else ""
        if photo is not None and _PROVIDER_PROFILE.search(norm) is None and _PROVIDER_PROFILE.search(heading) is None:
            declare_first((photo,), "photos_storage")
    if " you " in norm or "拍摄的" in norm:
        declare_first(_YOU_CAPTURE.finditer(norm), "camera")
    if "purchase" in norm or "payment" in norm:
        # "purchase tokens", "purchase entitlement state", "confirmation of purchase", "in-app purchase and subscription
        # events", "payment-related info": what the app learns of the user's purchases (payment_info, the labels'
        # convention: purchase and order history count).
        declare_first(_PURCHASE_DATA.finditer(norm), "payment_info")
    # The identifier a login provider gives for the user's account there ("Discord account ID", "微信 OpenID",
    # "a unique identifier from Apple") is the account (`accounts`, the labels' convention).
    declare_first(_login_ids(vocab, norm), "accounts", _LOGIN_TERM)
    labels = category_items(vocab, norm, hits)
    # A label whose listed words all fall (a weak word without its verb, a file name) declares its own type after
    # all: "transaction details (such as group names, amounts)" still names purchase data.
    pending_labels: list[tuple[tuple[int, ...], Declaration]] = []
    declared: set[int] = set()
    for i, h in enumerate(hits):
        if h.term.kind is TermKind.PERMISSION:
            continue
        if h.term.permission_only and not (
            _cue_near(vocab, norm, h)
            # An item of a list of features the app asks permission for ("request access or permission to
            # certain features …, including your camera, calendar, storage, contacts").
            or (whole_item(norm, h) and vocab.cue_before.search(norm, max(0, h.start - 200), h.start) is not None)
        ):
            continue
        if h.term.item_only and not whole_item(norm, h):
            continue
        if h.term.listed_only and not _listed_with_data(norm, hits, h) and not (listed_item and whole_item(norm, h)):
            continue
        elif h.term.weak:
            # An ambiguous word needs a strong verb or a permission in its own clause.
            lo, hi = clause_of(h.start)
            # A clause that lists examples of the one before ("…接收并记录设备信息，包括基站信息") has its verb.
            if lo > 0 and vocab.list_carry.search(norm, lo, min(lo + 9, hi)) is not None:
                lo = clause_of(lo - 1)[0]
            if (
                not item_strong
                and not (
                    cell_span[0] <= h.start < cell_span[1]
                    and (whole_item(norm, h) or _head_noun_item(norm, h))
                )
                and not (_device_part_used(norm, h) and clause_has(vocab.collect, lo, hi))
                and not _captured_or_picked(norm, h)
                and not (
                    h.term.target == "microphone" and _VOICE_INPUT_BEFORE.search(norm, max(0, h.start - 12), h.start)
                )
                and not clause_has(vocab.strong, lo, hi)
                and not clause_has(vocab.cue_after, lo, hi)
                and not _listed_with_data(norm, hits, h)
                and not (
                    (_POSSESSIVE.search(norm, max(0, h.start - 12), h.start) or _USER_GIVES.match(norm, h.end))
                    and not _MODIFIES.match(norm, h.end)
                    and clause_has(vocab.collect, lo, hi)
                )
            ):
                continue
        if (
            _CONTACT_VALUE.match(norm, h.end, h.end + _CONTACT_REACH)
            or (_PLACEHOLDER_END.match(norm, h.end) and _PLACEHOLDER_START.search(norm, max(0, h.start - 24), h.start))
            or (_CONTACT_LABEL.match(norm, h.end) and not _POSSESSIVE.search(norm, max(0, h.start - 12), h.start))
            or _contact_before(norm, h.start)
        ):
            # "联系邮箱：a@b.cn", "邮箱1: a@b.cn", "Phone: +1 555 0100", "发送至a@b.cn邮箱": the operator's own contact
            continue
        if h.term.target in _PERSON_TYPES and _PERSON_VALUE.match(norm, h.end):
            continue  # "联系人：张三", "姓名：李四": a person's name given as the value (the operator's contact person)
        if h.term.target == "photos_storage" and _STORED_IN.search(norm, max(0, h.start - 40), h.start):
            continue  # "仅存储于您的设备本地存储空间", "saved in the app's storage": where the app keeps its data
        if (
            h.term.target == "photos_storage"
            and _FILE_WORD.fullmatch(h.term.word) is not None
            and _KIND_OF_FILE.search(norm, max(0, h.start - 16), h.start) is not None
        ):
            continue  # "audio files", "log files", "GPX files you export", "日志文件": files of a kind no picture is
        if h.term.target in _MEDIA_TYPES and _media_played(norm, h):
            continue  # "视频、音频展示和播放服务", "audio playback", "播放音频": media played, not read or recorded
        if h.term.target == "microphone" and _audio_file(norm, h):
            continue  # "您上传的文件（图片、文档、音频等）", "images, audio and documents you attach": a file type
        if (
            (h.term.kind is TermKind.LOCATION or h.term.target == "location_coarse")
            and "countr" in norm[h.start : h.end]
            and "countries" in norm
            and _TRANSFER_LAW.search(norm) is not None
        ):
            continue  # "processed in countries other than your country", "laws that differ from your country's"
        if h.term.target == "biometric" and _DEVICE_UNLOCK.search(norm) is not None:
            continue  # "Optional biometric app lock", "Face ID checked by your device": the OS answers yes or no
        if h.term.target == "sms" and _SMS_SERVICE.match(norm, h.end):
            continue  # "阿里云短信服务", "SMS gateway": the service that sends texts, not the user's messages
        if h.term.target in ("photos_storage", "camera") and _sent_content(norm, h, *clause_of(h.start)):
            continue  # "the messages and files you share", "共享的照片", "发给我们的截图": content sent, not read
        if h.term.target == "call_log" and _CORRESPONDENCE.search(norm):
            continue  # "当您联系我们时，我们会保存您的通信记录": correspondence with the operator, no call log
        if h.term.target in _CHANNELS and _is_channel(
            block, norm, h, clause_has(vocab.strong, *clause_of(h.start)), notifies(*clause_of(h.start))
        ):
            continue  # "我们会通过短信或者电子邮件通知您", "## 联系我们 - 电话、邮箱": how we talk, not data of yours
        dt = h.term.target if h.term.kind is TermKind.DATA else GENERIC_LOCATION
        if dt == GENERIC_LOCATION and any(lo <= h.start < hi for lo, hi in approximate):
            continue  # "a rough geographic position": the location word is the imprecise one declared above
        if dt == GENERIC_LOCATION and ("date" in norm or "日期" in norm) and _event_field(norm, h):
            continue  # "event details (title, date, time, location)": the place of an event, not the user's
        if dt == "gaid" and _ios_ad_id(norm, h, normalize(block.headings[-1]) if block.headings else ""):
            dt = "idfa"
        elif (
            dt == "oaid"
            and norm.startswith("aaid", h.start)
            and IDEOGRAPH.search(norm) is None
            and "oaid" not in norm
            and "vaid" not in norm
        ):
            # "AAID" in an English sentence ("IDFA on iOS, AAID on Android") is Google's Android advertising ID;
            # the MSA/vendor anonymous ID of that name (listed with its siblings OAID, VAID) is named in Chinese
            # policies.
            dt = "gaid"
        quote = quote_around(sentence, norm, h)
        if i in labels:
            # the list after the word says what it means here (and narrows its glossary entry)
            if h.term.kind is not TermKind.CATEGORY:
                pending_labels.append((labels[i], Declaration(dt, quote, block.location, context, hedged, block.file)))
            continue
        declared.add(i)
        if h.term.kind is not TermKind.CATEGORY:  # "device identifiers" names no one type, only its definition
            decls.append(Declaration(dt, quote, block.location, context, hedged, block.file))
        for defined in sorted(glossary.get(h.term.word, ())):
            decls.append(Declaration(defined, quote, block.location, context, hedged, block.file, h.term.word))
    decls.extend(d for items, d in pending_labels if items and not declared.intersection(items))


# A sentence about Apple's platform ("On iOS, …", "Advertising Identifier / IDFA", "App Tracking Transparency")
# and none about Android or Google's: its generic advertising identifier is the IDFA, not Google's ID.
_IOS = re.compile(r"\b(?:ios|iphone|iphones|ipad|ipados|app tracking transparency|att|idfa|idfv)\b|苹果")
_ANDROID = re.compile(r"\b(?:android|google|gaid|aaid|play services)\b|安卓|谷歌")
_SPECIFIC_AD_ID = re.compile(r"google|android|gaid|aaid|谷歌")


def _ios_ad_id(norm: str, h: Hit, heading: str) -> bool:
    """Whether a generic advertising-identifier word ("your advertising identifier") means Apple's IDFA: its sentence,
    or its section's heading ("## App Tracking Transparency"), is about iOS only (`_IOS`, no `_ANDROID`). Not a
    document-wide choice: readers of iOS-only policies take a generic word there for either ID."""
    return (
        _SPECIFIC_AD_ID.search(h.term.word) is None
        and (_IOS.search(norm) is not None or _IOS.search(heading) is not None)
        and _ANDROID.search(norm) is None
        and _ANDROID.search(heading) is None
    )


# A place the IP address is resolved to: the city, region or country "based on the IP" ("基于IP地址对应的城市", "根据IP
# 获取您所在的省份", "通过IP识别您所在的国家或地区") or "derived/determined from the IP address" ("your country, derived
# from your IP address", "we use your IP address to determine your city"). Place words alone are too common
# ("the laws of your country", "所在地区与服务的部署位置"): only their link to the IP address says which place is meant.
_PLACE_ZH = r"(?:国家|城市|省份|省市|地区|区县|地级市|城市级)"
_PLACE_EN = (
    r"(?:country|countries|city|cities|region|regions|state|province|town|city-level|country-level|"
    r"(?:approximate|general|rough|coarse|city-level|country-level) location)"
)
_IP_PLACE = re.compile(
    rf"(?:基于|根据|通过|依据|利用|由)[^。；;，,]{{0,12}}?(?<![a-z])ip(?![a-z])(?:地址)?[^。；;]{{0,20}}?"
    rf"(?:对应|所属|归属|所在|推断|确定|识别|判断|获取|得出|转换|映射|解析)[^。；;]{{0,8}}?{_PLACE_ZH}|"
    rf"(?<![a-z])ip(?:地址)?(?:对应|所属|归属)的?[^。；;]{{0,6}}?{_PLACE_ZH}|"
    rf"\b{_PLACE_EN}\b[^.;]{{0,50}}?\b(?:derived|determined|inferred|estimated|based|looked up|obtained|taken)\b"
    rf"[^.;]{{0,12}}?\b(?:from|on|by|using|via)\b[^.;]{{0,12}}?\bip address|"
    rf"\b(?:determine|infer|estimate|derive|identify|look up|work out)s?\b[^.;]{{0,30}}?\b{_PLACE_EN}\b[^.;]{{0,12}}?"
    rf"\b(?:from|based on|using|via|by)\b[^.;]{{0,12}}?\bip address|"
    # "Location region (IP address based)", "Country (IP-derived)"
    rf"\b{_PLACE_EN}\s*\(\s*(?:from |by )?(?:the |your )?ip(?: address)?[- ](?:based|derived|lookup)\s*\)|"
    rf"\bip address(?:es)?\b[^.;]{{0,40}}?\b(?:to (?:determine|estimate|infer|identify|derive|look up|find)|mapped to|"
    rf"converted (?:in)?to|geo-?coded to|resolved to)\b[^.;]{{0,30}}?\b{_PLACE_EN}\b"
)
# A place or position the text itself calls imprecise ("approximate country", "rounded coordinates", "a rough area",
# "approximate geographical position"): location_coarse whatever the policy set says elsewhere (8 tuning sets write
# one, all labelled location_coarse).
_APPROXIMATE_PLACE = re.compile(
    r"\b(?:approximate|approximated|coarse|rough|rounded|imprecise|low-precision|city-level|country-level|"
    r"region-level)\s+(?:geographic(?:al)?\s+|gps\s+)?(?:coordinates?|position|country|region|area|city|locality|"
    r"whereabouts)\b"
    # the coarse one first of a pair sharing one head noun ("approximate or precise location"; `_PRECISE_PAIR` reads
    # the precise one): 3 tuning sets write the pair, all that declare it label location_coarse
    r"|\b(?:approximate|coarse)\s+(?:or|and|and/or|/)\s+(?:precise|exact|fine)\s+(?:geo-?)?location\b"
)
# A denial before the place in its clause ("我们不会根据IP地址获取您所在的城市", "we do not determine your city …").
_PLACE_DENIED = re.compile(r"不会|不|未|没有|\b(?:not|never|no)\b|n't")
_PLACE_TERM = Term("", TermKind.LOCATION, "location_coarse")
_LOGIN_TERM = Term("", TermKind.DATA, "accounts")
_IP_WORD = re.compile(r"(?<![a-z])ip(?![a-z])")
# What the user does in the app, named by its object and the user's act on it: "the pages you visit", "which screens
# you open", "the links you click", "content you view or watch", "buttons you tap" (Play "App interactions", Apple
# "Product Interaction"). Only objects of the app's interface and acts of using them: "the information you provide",
# "the photos you upload" name other data.
_INTERACTED = re.compile(
    r"\b(?:pages?|screens?|links?|content|buttons?|features?|functions?|videos?|articles?|ads|advertisements|"
    r"posts?|levels?|episodes?|sections?|websites?|sites?|urls?|menus?)\s+(?:that\s+|which\s+)?you\s+"
    r"(?:(?:have|had)\s+)?(?:view|viewed|visit|visited|open|opened|click|clicked|click on|tap|tapped|tap on|watch|"
    r"watched|use|used|interact with|interacted with|play|played|browse|browsed|access|accessed|navigate to)\b"
)
# The same acts said without "you": a participle after the object ("screens viewed", "features used", "pages visited":
# 24 tuning sets, all labelled usage_log), or how much and which parts are used ("how often the app is used", "which
# features are used": 5 tuning sets, all labelled). Not a purpose ("features used to sync your data"). The participles
# double as `_sentence`'s cheap test before the scan.
_PARTICIPLE_HINTS = (
    "viewed", "visited", "opened", "clicked", "tapped", "watched", "used", "accessed", "browsed", "played"
)
_USED_OBJECTS = re.compile(
    r"\b(?:pages?|screens?|links?|buttons?|features?|functions?|videos?|articles?|ads|advertisements|levels?|"
    rf"episodes?|sections?|menus?)\s+(?:{'|'.join(_PARTICIPLE_HINTS)})\b"
    r"(?!\s+(?:to|by|for|in order|as)\b)|"
    r"\bhow (?:often|long|frequently|much) (?:you use|you used|you interact|(?:the|our|this) "
    r"(?:app|application|service|game) (?:is|was|gets) (?:being )?used)\b|"
    r"\bwhich (?:of (?:the|our) )?(?:application |app )?(?:features|functions|screens) (?:are|were|you) (?:used|use)\b"
)
_PROFILE_PHOTO = re.compile(
    r"\b(?:profile|account) (?:photos?|pictures?|images?|pics?)\b(?!\s*(?:urls?|links?|ids?|seeds?)\b)|"
    r"\bavatars?\b(?!\s*(?:urls?|links?|ids?|seeds?|appearance|styles?|colou?rs?)\b)"
)
_PROVIDER_PROFILE = re.compile(
    r"\b(?:google|apple|facebook|twitter|discord|github|microsoft|naver|kakao|wechat|qq|sns|social|oauth|game center|"
    r"gravatar|"
    r"sign[- ]?in|signs in|signing in|log[- ]?in|logs in|logging in)\b|\b(?:virtual|in-game|generated|drawn)\b"
)
# A purchase named with a noun of data about it, in either order; 28 of the 30 tuning sets writing one are labelled
# payment_info (the other two deny it or leave it on the device).
_PURCHASE_NOUN = (
    r"(?:tokens?|confirmations?|events?|receipts?|records?|entitlements?|verification|validation|details|data|"
    r"information|info|history|histories|state|status|amounts?)"
)
_PURCHASE_DATA = re.compile(
    rf"\b(?:in-app )?purchase(?:s)?(?:\s*(?:and|or|/|&)\s*(?:subscription|transaction|billing|payment)s?)?[- ]"
    rf"{_PURCHASE_NOUN}\b|"
    r"\b(?:confirmation|proof|record|receipt|details|history)s? of (?:your |the |a |any )?(?:in-app )?purchases?\b|"
    r"\bpayment[- ]related (?:info|information|data|details)\b"
)
# Where cookies come from, not what the user did: "These are sent to your browser from the websites that you visit".
_FROM_SITES = re.compile(r"\bfrom (?:the )?(?:websites?|sites?)\b")
# Two or more acts of using the app sharing one head noun: "浏览、搜索、点击、收藏、分享记录", "搜索和浏览历史",
# "点击/观看行为" (each act alone is a verb of the sentence, not data).
_ACTS = r"(?:浏览|搜索|点击|收藏|分享|评论|点赞|关注|观看|播放|阅读|收听|下载)"
_ACTIONS_HEAD = re.compile(rf"{_ACTS}(?:(?:、|/|和|及|与|或|以及){_ACTS})+(?:等)?(?:的)?(?:记录|历史|行为)")
# The heading of the user's rights section (GB/T 35273 §8 "个人信息主体的权利", GDPR "Your rights", CCPA "Your
# privacy rights / choices"): its items say what the user can do with the data, not what is collected.
_RIGHTS_HEADING = re.compile(
    r"您的权利|你的权利|用户权利|用户的权利|您的权益|你的权益|个人信息主体的权利|您享有的权利|如何(?:访问|行使)|"
    r"管理您的个人信息|访问和控制|\byour (?:privacy |data protection |legal )?(?:rights|choices)\b|"
    r"\b(?:data subject|user) rights\b|\bexercising your rights\b|\bhow (?:to|you can) (?:access|manage|control)\b|"
    # the opt-out section ("What are my opt-out rights?", "Opting out"): what the user can reset or switch off there
    r"\bopt(?:ing)?[- ]?outs?\b(?! of (?:the )?sale)"
)
# Precise and coarse location sharing one head noun, precise first (the coarse one is a word of the vocabulary).
_PRECISE_PAIR = re.compile(
    r"(?:精确|精准|精细)的?(?:或者|或|和|及|与|/|、)(?:大致|粗略|模糊|大概)的?(?:地理)?位置|"
    r"\bprecise (?:or|and|/|and/or) (?:approximate|coarse|general|background) (?:geo-?)?location"
)
# Signing in or authenticating whose provider is named apart from the verb, in the same clause: "sign up (email or
# Google)", "authenticate via a third-party service like Slack", "connect your account with a third party, like
# Facebook", "we use OAuth to connect the app to Spotify", "Google (sign-in and maps)". The fixed forms of
# `Vocab.sign_in` miss these orders of words; the provider (or "third party") must follow the verb within its clause
# (no comma or stop between them), or stand right before it.
_AUTH_VERB_HINT = re.compile(r"sign|log|oauth|authenticat|connect")
_AUTH_VERB = re.compile(
    r"\b(?:sign(?:s|ing|ed)?[ -]?(?:in|up|on)|log(?:s|ging|ged)?[ -]?in(?:to)?|login|oauth\d?|authenticat\w*"
    r"|connect(?:s|ing)? your (?:[\w.-]+ ){0,2}account)\b"
)
_AUTH_THIRD_PARTY = re.compile(r"\b(?:third[ -]party|3rd[ -]party|social (?:network|media|login))")
# The words right before the provider that make it the means of the sign-in ("with", "via", "or Google", "like
# Slack", "Deezer/Spotify"); "the consent screen on the Google console", "(Google privacy policy)" name no sign-in.
_AUTH_LEAD = re.compile(
    r"(?:\b(?:with|via|using|through|to|into|or|like|as|e\.g\.|including|from)\s+(?:(?:a|an|the|your|their|existing)\s+){0,2}|/)$"
)
_AUTH_WINDOW = 60
# A hedge's own stops ("sign in (e.g., with Google)") are not the clause's end.
_AUTH_STOP = re.compile(
    r"(?<!\be)(?<!\bi)(?<!\be\.g)(?<!\bi\.e)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!for example)(?<!for instance)"
    r"[,;:.!?，。；：]|\band\b (?:we|you|it|they)\b"
)


def _sign_in_near_provider(vocab: Vocab, norm: str) -> int | None:
    """Start of a sign-in verb whose provider is named apart from it in its clause (see `_AUTH_VERB`), or None.
    "A third party" counts as the provider when the sentence names a provider too ("with a third party, like
    Facebook"): a bare "sign in through a third-party service" is the generators' boilerplate."""
    named = vocab.login_hint.spans(norm)
    if not named:
        return None
    starts = [lo for lo, _ in named]
    for m in _AUTH_VERB.finditer(norm):
        stop = _AUTH_STOP.search(norm, m.end(), m.end() + _AUTH_WINDOW)
        hi = stop.start() if stop is not None else min(len(norm), m.end() + _AUTH_WINDOW)
        # the names starting in the window (bisect: a hostile sentence can hold thousands of verbs and names)
        first, last = bisect.bisect_left(starts, m.end()), bisect.bisect_left(starts, hi)
        leads = [lo for lo, end in named[first:last] if end <= hi]
        leads += [t.start() for t in _AUTH_THIRD_PARTY.finditer(norm, m.end(), hi)]
        if any(_AUTH_LEAD.search(norm, m.end(), lo) is not None for lo in leads):
            return m.start()
        # "Google (sign-in and Maps APIs)": the provider right before the verb.
        if (
            m.start() >= 2
            and norm[m.start() - 1] == "("
            and any(
                end in (m.start() - 1, m.start() - 2)
                for _, end in named[bisect.bisect_left(starts, m.start() - 22) : bisect.bisect_left(starts, m.start())]
            )
        ):
            return m.start()
    return None


# Cheap test before the login-identifier pattern (`Vocab.login_id`) scans a sentence.
_ID_HINT = re.compile(r"id|identifier|identification|username|user name|标识|识别码|用户名")


# "您的位置", "your photos": a word owned by the user names the user's data, not a channel ("by email") or a
# place ("页面底部位置"): with any verb of using it ("我们需要使用您的位置") it declares.
_POSSESSIVE = re.compile(r"(?:您的|你的|用户的|\byour|\bthe user's|\busers')\s*$")


# What the user gives names the user's data as "your" does: "the email you enter", "the files you upload" (a contact
# or support form, an import).
_USER_GIVES = re.compile(
    r"(?:e?s\b)?\s+(?:that\s+|which\s+)?you\s+(?:enter|entered|provide|provided|submit|submitted|type|typed|"
    r"fill in|filled in|give us|send us|share with us|upload|uploaded|choose to provide|choose to share)\b"
)


# The word names a thing of its kind, not the data: "your email app", "your camera settings", "您的存储设置".
_MODIFIES = re.compile(
    r"(?:e?s\b)?\s*(?:apps?\b|applications?\b|clients?\b|providers?\b|programs?\b|services?\b|settings?\b|"
    r"accounts?\b|应用|客户端|服务商|设置|账号|账户)"
)


_DEVICE_KINDS = re.compile(r"\b(?:tablets?|computers?|laptops?|desktops?|smartwatch(?:es)?|wearables?)\b")


def _device_kind(norm: str, h: Hit) -> bool:
    """Whether a field name that declares only among data items ("phone") is a kind of device listed with its siblings
    ("Device type (Phone / Tablet)", "a phone or tablet")."""
    return h.term.listed_only and _DEVICE_KINDS.search(norm, max(0, h.start - 15), h.end + 15) is not None


def _listed_with_data(norm: str, hits: Sequence[Hit], h: Hit) -> bool:
    """Whether an ambiguous word is a whole item of an enumeration that lists another type by an unambiguous
    word ("name, email", "手机号码、短信"): among data items it is a data item, not a channel or a place."""
    if not whole_item(norm, h):
        return False
    # Only the hits within 40 characters (hits are in text order): a sentence listing thousands of words stays linear.
    for k in range(_first_at(hits, h.start - 40), len(hits)):
        g = hits[k]
        if g.start > h.start + 40:
            break
        if (
            g.term.kind is TermKind.DATA
            and not g.term.weak
            and not g.term.mask
            and g.term.target != h.term.target
            and (not g.term.item_only or whole_item(norm, g))
        ):
            return True
    return False


def _first_at(hits: Sequence[Hit], start: int) -> int:
    """Index of the first hit starting at or after `start` (hits in text order)."""
    lo, hi = 0, len(hits)
    while lo < hi:
        mid = (lo + hi) // 2
        if hits[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


# Data words that also name a way of telling the user something: in a clause that notifies ("通知", "notify you")
# and that reads nothing, with no "your" before them, they are the channel ("发送短信或者电子邮件通知您").
# A section about contacting the operator ("联系我们", "Contact us") gives its channels, not the user's data.
_CHANNELS = frozenset({"email", "sms", "phone_number"})
_NOTIFY = re.compile(
    r"通知|告知|提醒您|提示您|联系您|与您联系|联系我们|向您发送|向你发送|给您发送|notif|inform you|informing you|"
    r"contact you|contact us|reach you|"
    r"alert you|send you"
)
# "If you contact us", "when you register or contact us", "当您联系我们时": when the user writes to the operator,
# a condition under which data is kept
# (the correspondence and its email address), not a channel; "contact us by email" still gives a channel.
_CONTACTING_US = re.compile(
    r"(?:if|when|whenever|should) you (?:\w+ (?:or|and) )?(?:contact|reach out to|write to) us"
    r"(?! (?:by|via|through|at|using|on)\b)|"
    r"(?:当|如果|若|如|在)您(?:主动)?(?:联系我们|与我们联系)"
)
# A storage word as the place the app keeps its own data ("仅存储于您的设备本地存储空间", "数据保存在手机存储中",
# "stored locally in your device's storage", "cached on internal storage"): the app's files, not the user's
# (photos_storage is the user's photos and files the app reads).
_STORED_IN = re.compile(
    r"(?:存储|保存|存放|储存|写入|缓存|储存)(?:于|在|到|至)[^，。；,;]{0,24}$|"
    r"\b(?:stored|saved|kept|cached|written|persisted|held|saves|stores|keeps|writes)\s+(?:\w+\s+){0,3}?"
    r"(?:in|on|to|into|within)\b[^.;,]{0,30}$"
)
# Photos and files as content the user communicates: shared with others, sent to the operator, posted, exported or
# downloaded, or listed with messages ("the messages and files you share", "您或其他人共享的照片",
# "您选择发送给我们的消息、截图、日志或文件", "Export files", "when downloading content, like images and files"),
# or a link to one ("视频链接", "image URL"). The labels' convention: user content with no word of reading the
# device's photos or files is no photos_storage. A word of the device's media or storage in the clause ("share
# photos from your gallery", "相册") keeps it: that is the app reading them. The act of taking the photos shared
# ("拍摄或上传的共享照片") is no camera either, unless the clause names the camera.
_CONTENT = r"(?:photos?|pictures?|images?|files?|videos?|照片|图片|文件|视频|相片|拍摄|拍照|录像|take photos)"
_CONTENT_WORD = re.compile(rf"{_CONTENT}(?:\s*(?:or|and|,|或|和|及|与|、)\s*{_CONTENT})*")
_SENT_CUE = re.compile(
    r"\b(?:share|shares|shared|sharing|send|sends|sent|sending|post|posts|posted|publish|published|export|exports|"
    r"exported|exporting|download|downloads|downloaded|downloading|messages?|chats?|attachments?|screenshots?)\b|"
    r"分享|共享|发送|发布|导出|下载|消息|聊天|附件|截图"
)
_DEVICE_MEDIA = re.compile(
    r"相册|图库|存储|储存|本地|设备|手机|sd卡|媒体库|相机|摄像头|"
    r"\b(?:gallery|album|photo library|camera roll|storage|device|phone|media library|local|camera)\b"
)
# The exception to a denial: the words after "except (for)", "other than", "apart from" up to the end of the phrase, and
# what "除…外/以外/之外" encloses (not "删除", "排除", "除非").
_EXCEPTION_WORD = re.compile(r"\b(?:except|other than|apart from|besides|aside from)\b")
_EXCEPTION = re.compile(
    r"\b(?:except(?: for)?|other than|apart from|besides|aside from)\s+([^,.;:()]{1,80})|"
    r"(?<![删清去排解免消剔移])除(?!非)(?:了)?([^，,。；;:：]{1,40}?)(?:之外|以外|外)"
)
# Biometrics the device checks for the app (an app lock, unlocking with Face ID or a fingerprint, the operating
# system's prompt): the app learns only whether the check passed, never the face or fingerprint.
_DEVICE_UNLOCK = re.compile(
    r"\b(?:app[ -]?lock|biometric (?:lock|unlock)|unlock(?:s|ing)?|lock (?:the|your) app|screen lock|biometricprompt"
    # signing in to the app with the device's biometrics ("biometric login", "Face ID sign-in")
    r"|(?:biometric|face id|touch id|fingerprint) (?:login|log-in|sign-in|sign in)"
    r"|local ?authentication|device credentials?|(?:authenticat\w*|verif\w*) you locally|on[ -]device only"
    r"|(?:device's|the) operating system|secure (?:hardware|enclave)"
    # a gate in front of the app ("an additional gate to access the App", "Biometric gate", "access barrier") and the
    # stored switch of it ("biometric preference")
    r"|gates?|barriers?|(?:additional|extra|optional) (?:layer|lock)|to (?:open|enter) the app"
    r"|biometric (?:preference|setting|toggle|option)s?"
    # the phone's own protection listed among security measures ("Device-level security (passcode/biometric
    # protection)", "Protected by device security (PIN, biometrics)", "your phone's built-in security (fingerprint)"):
    # the OS checks it, the app reads no biometric data
    r"|passcode|(?:device|phone)(?:'s|[- ]level)? (?:built-in )?(?:security|protection)"
    r"|biometric protection)\b"
)
# Media the app plays or shows: a media word (and the media words listed after it) followed by playing or showing,
# or right after "play".
_MEDIA_TYPES = frozenset({"microphone", "photos_storage", "camera"})
_MEDIA = r"(?:音频|视频|音视频|音乐|语音|图片|audio|video|videos|music|media)"
_PLAYED = re.compile(
    rf"(?:\s*(?:、|/|,|和|及|与|\bor\b|\band\b)\s*{_MEDIA})*\s*(?:的)?\s*"
    r"(?:(?:展示|播放|播报|点播|直播|渲染|解码)|\b(?:playback|player|players|streaming|plays|playing)\b)"
)
_PLAYS = re.compile(r"(?:播放|点播|\b(?:play|plays|playing|stream|streams)\b)\s*(?:的|the|your)?\s*$")


# A part of the device the app uses for a purpose ("The app uses the camera to scan barcodes", "the device calendar
# is used for reminders"): the ambiguous word names the device's own camera, calendar or contacts.
_DEVICE_PARTS = frozenset({"camera", "calendar", "contacts", "microphone", "sensors", "clipboard"})
_DEVICE_PART_BEFORE = re.compile(r"\b(?:the|the device(?:'s)?|your device(?:'s)?|the phone(?:'s)?|device)\s+$")
_DEVICE_PART_AFTER = re.compile(r"(?:e?s)?\s+(?:to|for|in order to|(?:is|are) (?:only )?used)\b")


# The part named as the title of its item, then what it is used for ("Camera: used only for pose detection", "Contacts
# – used to invite friends").
_TITLED_PART_USED = re.compile(r"\s*(?:[:：]|\s[-–—])\s*(?:only\s+)?(?:used|needed|required|accessed)\b")


def _device_part_used(norm: str, h: Hit) -> bool:
    """Whether an ambiguous word names a part of the device used for a purpose (see `_DEVICE_PARTS`)."""
    if h.term.target not in _DEVICE_PARTS:
        return False
    if h.start <= 2 and _TITLED_PART_USED.match(norm, h.end) is not None:
        return True
    return (
        _DEVICE_PART_BEFORE.search(norm, max(0, h.start - 20), h.start) is not None
        and _DEVICE_PART_AFTER.match(norm, h.end) is not None
    )


# The fields of an event or entry the user creates, listed with the location ("title, description, date, time,
# location", "标题、日期、时间、位置"): the location is the event's place, not the user's (2 tuning texts' false types).
_EVENT_DATE = re.compile(r"\b(?:dates?|start date|end date)\b|日期")
_EVENT_OTHER = re.compile(r"\b(?:times?|titles?|descriptions?|venues?)\b|时间|标题|名称")


def _event_field(norm: str, h: Hit) -> bool:
    """Whether a generic location word is a whole item listed beside an event's date and its time or title."""
    lo, hi = max(0, h.start - 60), min(len(norm), h.end + 40)
    return (
        whole_item(norm, h)
        and _EVENT_DATE.search(norm, lo, hi) is not None
        and _EVENT_OTHER.search(norm, lo, hi) is not None
    )


# A file word after a kind of file that is no picture or media the user keeps ("log files", "backup files", "small data
# files called cookies", "GPX files you export", "上传加密后的日志文件"): that kind is the data (its own word declares
# it, if any), not the user's photos and files (~90 such phrases in the tuning texts). Recorded audio files stay files
# ("您录制的音频文件"), "text files" has its own vocabulary entry.
_FILE_WORD = re.compile(r"files?|文件")
_KIND_OF_FILE = re.compile(
    r"(?:\b(?:log|data|gpx|csv|cookie|configuration|config|cache|backup|export|temporary|json|apk|installation|crash|"
    r"database)\s*|日志|配置|缓存|数据|安装|临时|备份)$"
)


# A picture the user takes or captures in the app ("photos you take", "photos of receipts you capture",
# "您为配送证明拍摄的照片"): the app uses the camera (10 tuning texts say it, all labelled camera).
_YOU_CAPTURE = re.compile(
    r"\b(?:photos?|pictures?|images?|videos?|selfies?)\b(?:\s+[a-z]+){0,4}?\s+(?:that |which )?you "
    r"(?:take|capture|shoot|record|snap)\b|拍摄的(?:照片|图片|视频|相片)"
)


# The user taking a picture with the camera ("take a photo with your camera", "scan documents using the camera")
# or picking pictures from the gallery ("choose a picture from your gallery", "select photos from your photo
# library"): the app uses the camera or reads the picked pictures, without a verb of reading.
_CAPTURE_WITH = (
    r"\b(?:take|takes|taking|took|capture|captures|capturing|shoot|shoots|scan|scans|scanning|snap|snaps)\s+"
    r"(?:a |an |your |the |some )?(?:photos?|pictures?|images?|videos?|selfies?|documents?|qr codes?|barcodes?)\b"
    r"[^.;]{0,30}?\b(?:with|using|via|through|from|on) (?:your |the )?"
    r"(?:device's |phone's |built-in |front |rear |back )?"
)
_PICK = r"\b(?:choose|chooses|select|selects|pick|picks|import|imports|add|adds)\s+"
_GALLERY = (
    r"\s+from (?:your|the)(?: device's| phone's)? (?:gallery|photo library|photo album|albums?|camera roll|"
    r"photos app)\b"
)
_CAPTURE_BEFORE = re.compile(_CAPTURE_WITH + "$")
_PICKED_BEFORE = re.compile(_PICK + r"(?:\w+\s+){0,2}$")
_FROM_GALLERY = re.compile(r"(?:e?s)?" + _GALLERY)


# Either act in a sentence: it has the app's use of the camera or of the picked pictures as its verb.
_USER_CAPTURES = re.compile(
    _CAPTURE_WITH + "camera|" + _PICK + r"(?:\w+\s+){0,2}?(?:photos?|pictures?|images?|videos?)" + _GALLERY
)


_NEGATOR_BEFORE = re.compile(r"(?:\bnot|\bnever|n't|\bno longer)\b[^.;,]{0,30}$")


def _user_captures(norm: str) -> bool:
    """Whether the sentence has the user taking a picture with the camera or picking one from the gallery, not
    denied ("we never take photos with your camera")."""
    return any(
        _NEGATOR_BEFORE.search(norm, max(0, m.start() - 40), m.start()) is None for m in _USER_CAPTURES.finditer(norm)
    )


def _captured_or_picked(norm: str, h: Hit) -> bool:
    """Whether a camera word follows taking a picture with it, or a picture word is picked from the gallery."""
    if h.term.target == "camera":
        return _CAPTURE_BEFORE.search(norm, max(0, h.start - 80), h.start) is not None
    if h.term.target == "photos_storage":
        return (
            _FROM_GALLERY.match(norm, h.end) is not None
            and _PICKED_BEFORE.search(norm, max(0, h.start - 30), h.start) is not None
        ) or _YOU_PICK_AFTER.match(norm, h.end) is not None
    return False


# The user speaking or entering voice ("当您输入文本或语音进行翻译时", "录入语音", "说出语音指令"): the app hears it.
_VOICE_INPUT_BEFORE = re.compile(r"(?:输入|录入|说出|讲出)[^，。；,;]{0,6}$")


# The user's act after the picture word ("a photo you choose", "the photos of receipts you take or pick for it").
_YOU_PICK_AFTER = re.compile(
    r"(?:e?s)?(?:\s+[a-z]+){0,4}?\s+(?:that |which )?you (?:choose|select|pick|take|attach|add|import|upload)\b"
)


# "音频"/"audio" listed among kinds of files ("文件（图片、文档、音频、视频等）", "photos, audio, and documents you
# share"): a file the user handles, not the microphone; not audio recorded ("录制的音频") nor an audio call
# ("音频、视频通话").
_AUDIO_WORD = re.compile(r"音频|audio")
_FILE_KINDS = re.compile(r"文档|文件|图片|照片|documents?\b|\bfiles?\b|\bimages?\b|\bphotos?\b|\bpdfs?\b")
_AUDIO_RECORDED = re.compile(r"录制|录下|录音|record|通话|聊天|会议|\bcalls?\b|\bchats?\b|conferenc|\bmeetings?\b")


def _audio_file(norm: str, h: Hit) -> bool:
    """Whether a bare audio word is a kind of file in a list of file kinds (see `_AUDIO_WORD`)."""
    if _AUDIO_WORD.fullmatch(h.term.word) is None:
        return False
    a, b = max(0, h.start - 24), min(len(norm), h.end + 24)
    return _FILE_KINDS.search(norm, a, b) is not None and _AUDIO_RECORDED.search(norm, a, b) is None


def _media_played(norm: str, h: Hit) -> bool:
    """Whether a media word names media the app plays or shows ("视频、音频展示和播放服务", "语音播报", "play
    audio")."""
    if _PLAYED.match(norm, h.end, h.end + 40) is not None:
        return True
    return _PLAYS.search(norm, max(0, h.start - 8), h.start) is not None


# A service that sends texts ("阿里云短信服务", "SMS gateway", "短信SDK"), also as the last of a list of services
# ("云计算、数据存储和短信等服务") or named by its company ("阿里云短信公司名称：…", an SDK record's key).
_SMS_SERVICE = re.compile(
    r"\s*(?:等?服务|sdk|平台|网关|通道|接口|公司|\b(?:service|services|gateway|api|provider)\b)"
)
_LINK_AFTER = re.compile(r"\s*(?:链接|网址|地址|\b(?:urls?|links?)\b)")


def _sent_content(norm: str, h: Hit, lo: int, hi: int) -> bool:
    """Whether a photos or files word names content the user communicates or a link to it (see `_SENT_CUE`)."""
    if _CONTENT_WORD.fullmatch(h.term.word) is None:
        return False
    if _LINK_AFTER.match(norm, h.end):
        return True
    a, b = max(lo, h.start - 40), min(hi, h.end + 40)
    return _SENT_CUE.search(norm, a, b) is not None and _DEVICE_MEDIA.search(norm, lo, hi) is None


# A denial of reading or collecting that points back at the data named before it in its sentence ("…会留下您的
# Cookies，我们不会读取和收集这些信息", "Your device keeps logs, but we never read or collect this information"). Only
# verbs of reading: "不会将这些信息提供给第三方" denies sharing, not that the data is collected.
_THESE_WORDS = ("这些", "上述", "该等", "此类", "前述", "以上", " information", " data", " details")
_THESE = re.compile(
    r"这些|上述|该等|此类|前述|以上|\b(?:this|these|such|that|those|the above) (?:information|data|details)"
)
# A sentence whose subject is the data of the sentence before it ("The information that I request …", "This data …",
# "上述信息…").
_BACK_REFERENCE = re.compile(
    r"\s*(?:the (?:information|data|details)(?: that| which)? (?:i|we) (?:request|collect|ask for|ask you for)\b|"
    r"(?:this|these|such|the above|that|those) (?:information|data|details)\b|"
    r"(?:上述|这些|以上|该等|前述|此类)(?:信息|数据|内容))"
)
_DENIES_THESE = re.compile(
    r"(?:不会|不|未|并不|绝不|从不|无法)[^，。；,;]{0,6}?(?:读取|收集|获取|采集|访问|上传|接触|查看)[^，。；,;]{0,10}?"
    r"(?:这些|上述|该等|此类|前述|以上)(?:信息|数据|内容)|"
    r"\b(?:not|never|n't)\b[^.;,]{0,20}?\b(?:collect|read|access|upload|obtain|receive|see)\b[^.;,]{0,12}?"
    r"\b(?:this|these|such|that|those|the above)\s+(?:information|data|details)\b"
)
# The user switching a permission or feature off (see `_sentence`).
_SWITCH_OFF = re.compile(
    r"(?:您|你|用户)(?:也)?(?:可以|可|可随时|随时可以|有权|能够)[^。；;]{0,24}?(?:关闭|撤回|取消授权|禁用|停用|管理)|"
    r"\byou (?:can|may|are able to) (?:also )?(?:at any time )?"
    r"(?:turn off|disable|revoke|withdraw|switch off|manage|change|grant or deny|grant or revoke|allow or deny)\b"
)
# An English `_SWITCH_OFF` match holds "you " and one of these (a Chinese one 您, 你 or 用户; keep in step with it).
_SWITCH_MODALS = (" can ", " may ", " are able to ")
# "不会将…共享/提供给/出售": the object between 将 and the verb is what is denied (see `_sentence`).
_DENIES_OBJECT = re.compile(
    r"(?:不会|不|绝不|决不|并不会|从不|不得)将[^。；;]{0,150}?(?:共享|分享|提供给|披露|转让|出售|出租|售卖|透露)"
)
# A sentence about the user's exchanges with the operator or its support ("您与我们的沟通、通信/通话记录", "与客服之间的
# 通讯记录", "call recordings with our support team"): its records of calls and messages are that correspondence.
_CORRESPONDENCE = re.compile(
    r"联系我们|与我们联系|与我们的|客服|\b(?:customer (?:service|support)|support team|contact us|with us)\b"
)
_CONTACT_SECTION = re.compile(
    r"联系我们|如何联系|contact us|how to contact|get in touch|"
    # a heading that is only "联系方式" / "Contact" / "Contact information": the operator's, after the policy's text
    r"^[^\w]*(?:[一二三四五六七八九十\d]+[、.．]?\s*)?(?:联系方式|contact(?: information| details)?)\s*$"
)


def _is_channel(block: Block, norm: str, h: Hit, strong: bool, notifies: bool) -> bool:
    """`strong`: the word's clause holds a strong verb (then it is read from the user); `notifies`: the clause
    tells the user something (`_NOTIFY`)."""
    if strong or _POSSESSIVE.search(norm, max(0, h.start - 12), h.start):
        return False
    heading = normalize(block.headings[-1]) if block.headings else ""
    return notifies or _CONTACT_SECTION.search(heading) is not None


# Other apps and sites as the actor of a clause ("其他应用可能会收集…", "任何其他网站", "some apps collect…").
_OTHERS = re.compile(
    r"其他(?:应用|app|网站|网页|软件)(?:可能|会|也|均|都|通常|往往)|"
    r"\b(?:some|other|many|most) (?:apps|applications|websites|sites) (?:may|might|can|could|do|does|also|often|"
    r"collect|use|track|read)\b|"
    # What a kind of third party does as a rule ("Advertising networks typically use cookies and IP addresses",
    # "Websites generally log your IP address", "广告平台通常会收集设备标识符"): not this app's partners ("our").
    r"(?<!our )(?<!its )\b(?:(?:advertising|ad|analytics|tracking|marketing|social media) (?:networks|companies|"
    r"providers|partners|platforms|services|sdks|vendors|tools)|websites|web sites|apps|applications|browsers) "
    r"(?:typically|generally|usually|commonly|normally|often|tend to)\b|"
    r"(?<!我们的)(?:广告|统计|分析|第三方)(?:平台|网络|服务商|公司|sdk)(?:通常|一般|往往|普遍)"
)
# One of these is in every `_OTHERS` match (keep in step with it): most sentences skip its scan of every position.
_OTHERS_WORDS = (
    *("其他", "apps ", "applications ", "sites "),
    *("typically", "generally", "usually", "commonly", "normally", "often", "tend to", "通常", "一般", "往往", "普遍"),
)
# The reader's own providers, no party of the app ("Your mobile carrier may also record your phone number", "your
# device manufacturer or operating system provider may collect diagnostic data", "your email provider will process").
_READERS_PROVIDER = re.compile(
    r"\byour (?:mobile |wireless |phone |network )?(?:carrier|network operator|operator|device manufacturer|"
    r"phone manufacturer|operating system provider|os provider|email provider|e-mail provider|"
    r"internet service provider|isp|bank)s?"
    r"(?: (?:or|and) (?:your )?[a-z ]{0,30}?(?:provider|manufacturer|carrier|operator)s?)? "
    r"(?:may|might|can|could|will|also|independently|collects?|records?|processe?s?|logs?)\b"
)


_PROVIDER_WORDS = ("carrier", "operator", "manufacturer", "provider", "isp", "bank")


# The harms a security measure prevents ("unauthorized access, use or disclosure", "accidental loss or
# processing"): nouns, not verbs of collecting.
_MISUSE = re.compile(
    r"\b(?:unauthori[sz]ed|unlawful|accidental)\s+(?:(?:or|and)\s+(?:unauthori[sz]ed|unlawful|accidental)\s+)?"
    r"(?:access|use|processing|disclosure|collection|acquisition)"
    r"(?:\s*,?\s*(?:or|and)?\s*(?:access|use|processing|disclosure|collection|acquisition|alteration|destruction|"
    r"modification|loss)\b)*|"
    r"\b(?:reasonable|appropriate|security|technical|organi[sz]ational|physical|administrative|electronic|"
    r"managerial|protective|necessary|adequate|industry[- ]standard|safety)\s+(?:(?:and|,)\s*\w+\s+)?measures\b|"
    r"\b(?:use|uses|used|employ|employs|apply|applies|implement|implements|maintain|maintains)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:encryption|ssl|tls|https|safeguards|measures|firewalls?|security|secure (?:servers|connections?))\b"
)
# A denial of selling, renting or trading data ("do not sell", "will never sell or rent", "don't trade").
_SELL_DENIAL = re.compile(
    r"(?:\bnot|\bnever|n't|\bneither|\bnor)\s+(?:\w+\s+){0,2}?(?:sell|sells|rent|rents|trade|trades|lease|leases)\b"
)
# A third party's own terms ("under their own privacy policies", "as described in its respective privacy
# policy", "governed by their own terms"), the third party as the subject of a hedged verb of collecting ("these
# services may collect", "Google Analytics may use"), and the app's own verbs of collecting or giving data.
_THEIR_POLICY = re.compile(
    r"\b(?:under|according to|in accordance with|subject to|governed by|pursuant to|per|as (?:described|detailed|"
    r"set out|set forth|explained|outlined|stated|specified) in)\s+(?:the\s+)?(?:their|its|the respective|"
    r"such (?:third[- ]part(?:y|ies)|providers?|services?)'?s?)\s+(?:own\s+|respective\s+)+"
    r"(?:privacy\s+|data\s+)?(?:polic|terms|practices|notice|statement)|"
    r"\b(?:under|according to|in accordance with|subject to|governed by|as (?:described|detailed|set out|explained) "
    r"in)\s+(?!(?:the )?(?:app|application|service|company|developer)['’]s)(?:the\s+)?[a-z][\w.-]*['’]s\s+(?:own\s+)?"
    r"(?:privacy\s+|data\s+)?(?:polic|terms|notice|statement)|"
    r"\bwe (?:have no|do not have|don't have|cannot exercise|have no direct) (?:any\s+)?control over\b|"
    r"\bwe (?:do not|don't|cannot|can't) control (?:these|those|such|their|the|how)\b|"
    r"\bon their own (?:sites|websites|platforms|services|apps|servers)\b"
)
# The children's section: data found to come from a child by mistake ("if we learn/discover/become aware that we
# have collected … from a child under 13").
_CHILD_FOUND = re.compile(
    r"\bif (?:we|you|a parent|parents)\s+(?:\w+\s+)?(?:learn|discover|become aware|find out|are aware|believe|notice)"
    r"\b[^.]{0,160}?\b(?:child|children|minor|minors|under (?:the age of )?1[0-8])\b"
)
# The user's own content as the subject of "may contain/include/mention" ("the text you enter may contain names",
# "entries may contain any text, such as addresses", "notes can include phone numbers").
_CONTENT_MAY_HOLD = re.compile(
    r"\b(?:text|texts|entries|entry|notes?|content|contents|documents?|input|inputs|what you (?:type|write|enter)|"
    r"journal|diary|lists?)\b[^.;]{0,60}?\b(?:may|might|can|could)\s+(?:also\s+)?(?:contain|include|mention|hold)\b"
)
_OPERATOR_GETS = re.compile(
    r"\b(?:we|us|collect|collects|collected|receive|received|process|processed|upload|uploaded)\b"
)
_NO_CONTROL = re.compile(
    r"\W*(?:however,?\s+|please note(?: that)?,?\s+|note that\s+)?(?:we|i) (?:do not|don't|cannot|can't|have no|"
    r"are unable to) (?:\w+\s+)?control\b"
)
_VENDOR_POLICY_SAYS = re.compile(
    r"\b(?:according to|as (?:described|explained|stated|outlined) in)\s+[a-z][\w.-]*['’]s\s+(?:privacy|data)\s+"
    r"(?:polic\w*|notice|statement),?\s+[a-z][\w.-]*\s+(?:may\s+|might\s+|also\s+)?"
    r"(?:collects?|uses?|gathers?|receives?|process(?:es)?|obtains?)\b|"
    r"[a-z][\w.-]*['’]s\s+(?:privacy|data)\s+(?:polic\w*|notice|statement)\s+"
    r"(?:explains|describes|states|says|sets out)\s+(?:that|how)\b|"
    r"\b(?:which|that)\s+(?:describes|explains)\s+how\s+[a-z][\w.-]*\s+(?:collects|uses|processes|gathers|handles)\b"
)
_THEY_MAY = re.compile(
    r"\b(?:may|might|can|could)\s+(?:also\s+|additionally\s+|independently\s+)?"
    r"(?:collect|receive|gather|use|access|process|obtain|record|track|store|log)\b"
)
_WE_DO = re.compile(
    r"\b(?:we|us)\s+(?:\w+\s+){0,2}?(?:collect|share|send|transmit|disclose|provide|pass|transfer|upload|"
    r"store|process|gather|obtain|receive|access|record|log)\b"
)

# Linked or third-party sites as the actor ("These external sites are not operated by me and may collect …",
# "Third-party websites may collect your email address").
_OTHER_SITES = re.compile(
    r"\b(?:external|linked|third[- ]party) (?:websites|sites) (?:(?:are not operated by (?:us|me) and )?"
    r"(?:may|might|can|could)|do|does|also|often|collect|use|track|read)\b|"
    # the site a link leads to ("When you follow a link to another website, that site may collect your IP address")
    r"\b(?:that|the other|the linked|those|such) (?:web ?sites?|sites?) (?:may|might|can|could|will|also)\b"
)

# Disclosures the law compels and transfers in a sale of the business (the generators' boilerplate).
_LEGAL_DISCLOSURE = re.compile(
    r"\b(?:(?:if|when|where|as) (?:required|requested|compelled) by (?:law|a court|law enforcement)"
    r"|(?:merger|acquisition|bankruptcy|reorgani[sz]ation|sale of (?:all or (?:a )?part of )?(?:our|its|the company's)"
    r" (?:assets|business)))"
)

# A denial of what follows: a verb of holding denied ("never include", "does not contain", "contain no"), "without",
# or a contrast ("…, not precise location", "(not a phone serial)", "never your GPS position"). "not only", "not
# limited to" and "without your consent/permission" deny nothing.
_DENIED_OBJECT = re.compile(
    r"\b(?:(?:never|not|(?<=n)'t)\s+(?:include|includes|included|contain|contains|contained|hold|holds|carry|carries)\b"
    r"|(?:include|includes|contain|contains|hold|holds|carry|carries|has|have|reads?|asks?\s+for|declares?|needs?)\s+no\b"
    # a denied giving whose object follows ("does not give the ad network any advertising identifier", "never passes
    # on your location"): not a clause-wide denial ("we collect your email, which we do not give to anyone" still
    # collects it). "not send your email to advertisers" stays a declaration (tests/policy/test_policy_vocab.py).
    r"|(?:never|not|(?<=n)'t)\s+(?:give|gives|pass|passes|hand|hands)\b"
    # what the user cannot be identified by ("statistics that cannot identify you by name or phone number"); not data
    # that "does not identify you, such as crash reports" (still collected)
    r"|(?:never|not|cannot|(?<=n)'t)\s+(?:be\s+used\s+to\s+)?identify\s+(?:you|users?|individuals?|a person)"
    r"(?:\s+(?:personally|directly|individually))?\s+(?:by|through|via|from)\b"
    # what an identifier is kept apart from ("a UID that is not linked to your name or email address"); not the App
    # Store label "Data Not Linked to You: Usage Data", whose data is collected
    r"|(?:never|not)\s+(?:be\s+)?(?:linked|tied|associated|connected|combined)\s+(?:to|with)\s+(?=your\b|any\b)"
    r"|without\s+(?!(?:your|the user's|their|prior|explicit|express|any)?\s*(?:consent|permission|authori[sz]ation|"
    r"approval|notice|knowledge|agreement|request|limitation|restriction)\b)"
    r"|(?:(?<=[,(\u2014\u2013])|(?<=[,(\u2014\u2013]\s)|\bbut\s)(?:not|never)\s+(?!only\b|just\b|limited\b|all\b"
    r"|necessarily\b|to\b|be\b|been\b|have\b|has\b|is\b|are\b|in\b|for\b|when\b|if\b|by\b|as\b|with\b|on\b|at\b))"
    # an appended "no …" object ("we only keep game scores, no names or emails", "(no email needed)"); not "no
    # longer", "no later than", "no matter", "no charge"
    r"|(?:(?<=[,(\u2014\u2013])|(?<=[,(\u2014\u2013]\s))no\s+(?!longer\b|later\b|matter\b|more\b|less\b|sooner\b"
    r"|earlier\b|charge\b|cost\b|fee\b|extra\b|need\b|doubt\b|exceptions?\b|one\b|\d)"
)


# "beyond what" followed by another party keeping the data ("We do not log IP addresses beyond what our host retains"):
# the data is kept, the limit is no denial of it. Not the policy's own text or the user ("beyond what is listed
# above", "beyond what you provide") nor "any" ("beyond what any download requires").
_KEPT_ANYWAY = re.compile(r"\bbeyond what(?!'s|'re|\s+(?:is|are|was|were|has|have|you|we|i|any)\b)")
# A sentence or table cell opening with "No" and naming no verb of its own ("No ad identifier, no IP address."); not
# "No matter …", "No longer …", "No one …", "No later than …", a number ("No 5"). It ends at its sentence or cell, or
# at a turn ("No account needed, but we collect your email", "No sign-up: just enter your email").
_NO_FRAGMENT = re.compile(
    r"(?:^|(?<=[.!?|]\s))no\s+(?!longer\b|later\b|matter\b|more\b|less\b|one\b|sooner\b|earlier\b|\d)"
    r"(?:(?!\b(?:but|except|unless|however|other than|instead|only)\b)[^.!?|;:])*"
)


def _denies_its_list(norm: str) -> bool:
    """Whether a lead-in ends with a denied object ("BLE advertisements do **not** contain:", "Reports never include:",
    "Events are sent without:"): its list is what is denied."""
    if "not" not in norm and "never" not in norm and "without" not in norm and "n't" not in norm:
        return False
    ends = [m.end() for m in _DENIED_OBJECT.finditer(norm)]
    return bool(ends) and not norm[ends[-1] :].strip(" *_:：")


# "… and (we / it / the app) do not …", "… and never …", "…, and the app uses no …": a second, denied predicate with
# a verb of its own (not "… is used … and will not be uploaded": a passive of the same data).
_AND_THEN_DENIAL = re.compile(
    r"(?:,\s*|\s)(and|but)\s+(?:(?:we|it|they|the app|this app|the service|the game)\s+)?"
    r"(?:(?:(?:do|does|did|will|would|can|could|shall|should)\s+not|don't|doesn't|won't|can't|cannot|never)"
    r"\s+(?!(?:be|been|being|\w+ed)\b)[a-z]|(?:uses?|collects?|stores?|shares?|sends?|keeps?|sets?)\s+no\b)"
)

# A part that says of its own subject that it is not kept ("…using your camera; images are not stored"): a predicate
# of its own, no item of the enumeration before it (whose verb would make its ambiguous words count).
_NEGATED_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:not|never)\s+(?:\w+\s+)?\w+ed\b")

# A verb with a "no …" object ("stores no personal information", `no_object_verbs_en`) and the coordinated predicate
# after it ("and will keep track of", "and we use"): "and" + a modal, a pronoun or a verb, not "and email address".
_NO_OBJECT_THEN = re.compile(
    r"\b[a-z]+s? no\b[^;.,]{0,160}?\s(and|but)\s+(?=(?:will|may|might|can|could|would|also|only|it|we|they|then"
    r"|is|are|does|do|keeps?|tracks?|uses?|helps?|collects?|records?|sends?|shares?|stores?)\b)"
)

# A clause whose subject is "no …"/"none of …"/"neither …"/"nothing …" with a passive verb of collecting, sharing or
# requiring denies it, and so does "nothing … leaves your device" and the security disclaimer "no method of
# transmission … is 100% secure, including your passwords".
_NO_SUBJECT = re.compile(
    r"[\s;,(]*(?:(?:but|however|whereas),?\s+)?(?:no|none of|neither|nothing)\b(?! matter)[^.;]*?"
    r"\b(?:(?:is|are|will be|gets?)\s+(?:ever\s+)?"
    r"(?:collected|stored|shared|transmitted|sent|uploaded|processed|accessed|gathered|recorded|saved|disclosed"
    r"|required|needed|requested|(?:100%|completely|perfectly|fully|absolutely) secure)"
    r"|leaves? (?:your|the) (?:device|phone))\b"
)

# A data word followed by a value (an e-mail address, a phone number, a link), maybe in brackets ("电子邮件：
# [privacy@example.com]", "Email: <a@b.cn>"), gives a contact detail.
_CONTACT_VALUE = re.compile(
    r"(?:e?s\b)?\s*\d{0,2}\s*[:：|]?\s*[\[<(（]?\s*(?:[\w.+-]+@[\w-]+\.\w|\+?\(?\d[\d ()-]{6,}\d|https?://|www\.)"
    # a template's placeholder for the value ("客服邮箱: [客服邮箱]", "Email: [your support address]", "电话：{phone}")
    r"|(?:e?s\b)?\s*[:：]\s*(?:\[[^\[\]]{1,30}\]|【[^【】]{1,30}】|\{[^{}]{1,30}\}|<[^<>]{1,30}>)\s*(?:$|[,，;；。])"
)
# A word inside a template's placeholder for a value ("客服邮箱: [客服邮箱]", "Contact: {support email}").
_PLACEHOLDER_START = re.compile(r"[:：]\s*[\[【{<][^\[\]【】{}<>]{0,20}$")
_PLACEHOLDER_END = re.compile(r"[^\[\]【】{}<>]{0,20}[\]】}>]\s*(?:$|[,，;；。])")
# A contact value right before the word ("发送至 a@b.cn 邮箱", "拨打 400-800-1234 电话"), as Chinese writes it.
_CONTACT_BEFORE = re.compile(r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()-]{6,}\d)$")


def _contact_before(norm: str, start: int) -> bool:
    """Whether a contact value ends right before `start` (pre-checked: the text before ends in "@…" or a digit)."""
    before = norm[max(0, start - _CONTACT_REACH) : start].rstrip(" 的客服")
    last = before[-1:]
    if not (last.isascii() and last.isalnum()) or ("@" not in before and not last.isdigit()):
        return False
    return _CONTACT_BEFORE.search(before) is not None


# How far after (or before) the word a contact value is looked for: "[\w.+-]+@" would otherwise scan a whole run of word
# characters after every data word of a long sentence (200,000 characters of "邮箱…" took 16 s).
_CONTACT_REACH = 80
# A word naming a person ("联系人", "姓名") followed by a short name and the end of its clause gives the name: the
# operator's contact person ("联系人： 郑志鹏"), not a kind of data collected ("联系人：用于邀请好友" is one).
_PERSON_TYPES = frozenset({"contacts", "name"})
# Advice to the user not to give data away (see `_USER_ADVICE` use in `_sentence`).
_USER_ADVICE = re.compile(
    r"\b(?:be careful|take care|make sure|be sure) not to (?:disclose|share|reveal|give|post|tell|send)\b"
    r"|\b(?:please )?avoid (?:disclosing|sharing|revealing|giving out|posting)\b"
    r"|请(?:勿|不要)(?:向他人|向任何人|对外)?(?:透露|泄露|提供|分享|告知)|谨慎(?:透露|泄露|分享|告知)"
)
# A sentence about the countries data goes to and their laws: "your country" there is a jurisdiction, not the
# user's location.
_TRANSFER_LAW = re.compile(
    r"\b(?:laws?|legislation|jurisdictions?|transferr?(?:ed|ing)?|transfers|outside|other than)\b"
)
_PERSON_VALUE = re.compile(r"\s*[:：]\s*[\u4e00-\u9fff·]{2,4}\s*(?:[,，。;；|]|$)")
# A data word ending its text after a colon labels a value on the next line ("服务支持邮箱：" then the address).
_CONTACT_LABEL = re.compile(r"(?:e?s\b)?\s*\d{0,2}\s*[:：]\s*$")

# A definition follows the term: "设备信息（IMEI、Android ID）", "设备信息是指…", "device information, such as …".
_DEFINES = re.compile(
    r"(?:e?s\b)?[”\"’'」』]?\s*[,，]?\s*"
    r"(?:[（(]|[:：]|是指|指的是|指|即|包括|包含|such as|including|includes|means|refers to|i\.e\.|namely)"
)
# The term cell of a terms table or a data-item table ("| 设备标识符 | 包括IMEI、OAID |"), bare of quotes and marks.
_TERM_CELL_MARKS = " \"'“”‘’「」『』*:："
_DEFINITION_END = re.compile(r"[)）。；;]|$")
# A definition's verb right after the word (maybe past a bracket): the sentence says what the word means.
_MEANS = re.compile(r"是指|指的是|\b(?:means|refers to|is defined as)\b")
_SENTENCE_END = re.compile(r"[。；;]|\.(?:\s|$)|$")


# A definition that narrows the word before it to what it lists: "广告标识符（IDFA）", "设备识别码：包括Android ID、
# OAID", "device identifiers (such as your advertising ID)". A bare colon is not enough ("手机号：用于登录").
_NARROWS = re.compile(r"(?:e?s\b)?\s*(?:\(|:?\s*(?:是指|指的是|包括|包含|such as|including|includes|i\.e\.))")


# A word that sums up the list before it: "Android ID、OAID等设备标识符", "IMEI and other device identifiers".
_SUMS_UP = re.compile(r"(?:等|等其他|及其他|或其他|以及其他|and other|or other|and similar)\s*$")


# Words of a bracket that explains how or why rather than listing: "粗略位置（基于IP地址）", "approximate
# location (derived from your IP address)", "手机号码（用于接收通知）".
_EXPLAINS = re.compile(r"基于|根据|通过|依据|用于|based on|derived|\b(?:via|from|using|used|for|by)\b")


_CRASH_WORD = re.compile(r"crash|崩溃|闪退")
# A bracket that opens a relative clause ("IP address (which can indicate an approximate location)", "IP地址（该地址
# 有时可以显示您所在的城市）") says what the word can tell, it lists no items; unless the clause lists ("information
# (which includes device identifiers)").
_RELATIVE = re.compile(r"\s*(?:(?:which|that|this|it)\b|该|这)")
_RELATIVE_LISTS = re.compile(r"includ|contain|consist|such as|包括|包含|例如")


_ABBREVIATION = re.compile(r"[a-z]{2,6}")


# How far before a summing-up label its listed words are looked for, and how many of a label's listed words are kept.
_ITEMS_REACH = 200
_ITEMS_MAX = 64


def category_items(vocab: Vocab, norm: str, hits: Sequence[Hit]) -> dict[int, tuple[int, ...]]:
    """Indexes of data words used as the label of a list of other data types (see `_NARROWS`, `_SUMS_UP`), each
    with the indexes of the listed words that make it one: what the list names is declared, not the label's own
    type ("设备识别码" is IMEI only when it means it). A bracket that explains with a verb ("coarse location (the IP
    address is collected and mapped …)") or says how or why (`_EXPLAINS`) is no such list."""
    out: dict[int, tuple[int, ...]] = {}
    for i, h in enumerate(hits):
        if h.term.kind is not TermKind.DATA and h.term.kind is not TermKind.CATEGORY:
            continue
        if _SUMS_UP.search(norm, max(0, h.start - 12), h.start) and any(
            g.term.kind is TermKind.DATA and g.term.target != h.term.target for g in hits[:i]
        ):
            # its items: the listed words right before it (bounded, a hostile sentence sums up thousands of lists;
            # none near: no items, the label stays silent as before)
            before: list[int] = []
            for j in range(i - 1, -1, -1):
                g = hits[j]
                if g.start < h.start - _ITEMS_REACH or len(before) >= _ITEMS_MAX:
                    break
                if g.term.kind is TermKind.DATA and g.term.target != h.term.target:
                    before.append(j)
            out[i] = tuple(before)
            continue
        if (
            i + 1 < len(hits)
            and hits[i + 1].start == h.end  # no space next to Chinese after normalising ("广告标识符 IDFA")
            and hits[i + 1].term.kind is TermKind.DATA
            and hits[i + 1].term.target != h.term.target
            and IDEOGRAPH.search(h.term.word) is not None
            and _ABBREVIATION.fullmatch(norm, hits[i + 1].start, hits[i + 1].end) is not None
        ):
            # A Chinese name written with its abbreviation ("广告标识符IDFA", "移动设备识别码MEID"): one item, the
            # abbreviation says which identifier the name means.
            out[i] = (i + 1,)
            continue
        m = _NARROWS.match(norm, h.end)
        if m is None:
            continue
        if h.term.target == "usage_log" and _CRASH_WORD.search(norm, h.start, h.end) is not None:
            continue  # "crash reports including the device model": the reports are data too, not only a label
        end_m = _DEFINITION_END.search(norm, m.end())
        end = end_m.start() if end_m is not None else len(norm)
        if _EXPLAINS.search(norm, m.end(), end) is not None or vocab.strong.search(norm, m.end(), end) is not None:
            continue
        if _RELATIVE.match(norm, m.end()) is not None and _RELATIVE_LISTS.search(norm, m.end(), end) is None:
            continue
        after: list[int] = []
        for j in range(i + 1, len(hits)):
            g = hits[j]
            if g.start >= end:
                break  # hits are in text order
            if g.term.kind is TermKind.DATA and g.term.target != h.term.target:
                after.append(j)
                if len(after) >= _ITEMS_MAX:
                    break  # enough to tell whether one of them stands
        if after:
            out[i] = tuple(after)
    return out


def build_glossary(docs: Iterable[Document], vocab: Vocab) -> dict[str, frozenset[str]]:
    """Terms the policy set defines by listing other data words right after them, anywhere (a terms
    section, a bracket, "是指"): normalised word -> the other types its definition names."""
    out: dict[str, set[str]] = {}
    nested: dict[str, set[str]] = {}
    for doc in docs:
        for block in doc.blocks:
            if block.kind is BlockKind.TABLE_ROW:
                _table_term(vocab, block, out)
                continue
            norm = normalize(block.text)
            hits = [h for h in vocab.find(norm) if h.term.kind in (TermKind.DATA, TermKind.CATEGORY)]
            labels = category_items(vocab, norm, hits)
            for i, h in enumerate(hits):
                m = _DEFINES.match(norm, h.end)
                if m is None:
                    continue
                end_m = _DEFINITION_END.search(norm, m.end())
                end = end_m.start() if end_m is not None else len(norm)
                if _MEANS.search(norm, h.end, min(len(norm), h.end + 30)) is not None:
                    # "唯一设备标识符（专属 ID 或 UUID）是指…（例如手机的 IMEI 号）。": a sentence that says what the
                    # word means defines it up to its end, brackets and all.
                    end_m = _SENTENCE_END.search(norm, h.end)
                    end = end_m.start() if end_m is not None else len(norm)
                # A word of the definition that is itself the label of a list counts by its list.
                # A word that names data only as a permission ("存储") or only as a whole item defines nothing alone.
                defined = {
                    g.term.target
                    for j, g in enumerate(hits[i + 1 :], i + 1)
                    if g.start < end
                    and g.term.kind is TermKind.DATA
                    and g.term.target != h.term.target
                    and j not in labels
                    and not g.term.permission_only
                    and (not g.term.item_only or whole_item(norm, g))
                    and not (g.term.target == "microphone" and _audio_file(norm, g))
                    and not _device_kind(norm, g)
                }
                if defined:
                    out.setdefault(h.term.word, set()).update(defined)
                # A defined word listed in another's definition ("设备信息…包括品牌、型号、唯一设备标识符"): the other
                # word takes its definition too (resolved below, once every definition is known).
                for g in hits[i + 1 :]:
                    if g.start < end and g.term.kind is TermKind.CATEGORY and g.term.word != h.term.word:
                        nested.setdefault(h.term.word, set()).add(g.term.word)
    for word, inner in nested.items():
        for w in inner:
            if out.get(w):
                out.setdefault(word, set()).update(t for t in out[w] if t != word)
    return {word: frozenset(types) for word, types in out.items()}


def _table_term(vocab: Vocab, block: Block, out: dict[str, set[str]]) -> None:
    """A table row whose first cell is a data word alone and whose other cells name other types defines the
    word as those types: a terms table ("| 设备标识符 | 包括IMEI、OAID |") or a data-item table ("| 设备信息 |
    设备型号、IMEI | 风控 |"). An SDK list's first cell is the SDK, no data word."""
    cells = [c for c in block.cells if c.strip()]
    if len(cells) < 2:
        return
    term = normalize(cells[0]).strip(_TERM_CELL_MARKS)
    hits = [h for h in vocab.find(term) if h.term.kind in (TermKind.DATA, TermKind.CATEGORY)]
    if len(hits) != 1 or (hits[0].start, hits[0].end) != (0, len(term)):
        return
    word = hits[0].term
    defined = {
        dt for cell in cells[1:] for dt, _h in cell_types(vocab, cell) if dt not in (word.target, GENERIC_LOCATION)
    }
    if defined:
        out.setdefault(word.word, set()).update(defined)


# "无需征得您的授权同意", "without your consent": the legal exemptions from consent (GB/T 35273 5.6, PIPL art. 13)
# say collection needs no consent, they deny nothing.
_CONSENT_EXEMPTION = re.compile(
    r"无需(?:事先|另行|再)?(?:征得|经过|经|取得|获得|得到|征求)?(?:您|你|用户|个人信息主体|其)?(?:的)?(?:授权)?(?:同意|授权)"
)


# The user as the one who accesses: "您可以通过如下方式访问您的个人信息：", "You can access and update the following
# information:" (the rights section). Its verb is the user's, not the operator reading data: it gives the items of
# the list after it no strong verb (they still count when the item itself reads them).
# A heading or lead-in pairing access with the other rights ("如何访问和控制您的信息", "访问、更正及删除", "How to
# access and correct your information") is the rights section too, and so is a request of the user's right
# ("you may request that we delete your email address", "the right to know what categories … such as …").
_USER_ACCESSES = re.compile(
    r"(?:您|你|用户)(?:可以|可|有权|能够|随时可以)[^，。；：,;:]{0,16}?(?:访问|查阅|查询|获取|调取|导出|下载)"
    r"(?:(?:、|和|与|及|或|以及)(?:访问|查阅|查询|获取|调取|导出|下载|更正|修改|删除|复制))*|"
    r"(?:访问|查阅|查询|获取)(?:、|和|与|及|或|以及)?(?:更正|修改|控制|删除|管理|编辑|更新|复制|副本)|"
    r"\byou (?:can|may|have the right to|are entitled to|are able to)\b[^.;:,]{0,24}?"
    r"\b(?:access|obtain|retrieve|download|export)\b|"
    r"\b(?:access|obtain)(?:,| and| or| to) (?:correct|update|delete|rectify|control|review|modify|change|manage)"
)
# A lead-in of the user's rights ("You have the right to:", "Under the GDPR you may:", "您有权：").
_RIGHTS_LEAD = re.compile(
    r"(?:\b(?:the )?rights? to|\bentitled to|\byou (?:can|may|are able to)|您有权|你有权|您可以|你可以)\s*[:：]\s*$"
)
# An item of the rights list that opens with the user's verb, after an optional label ("**Right of access**: obtain
# a copy of …").
_RIGHTS_ITEM = re.compile(
    r"[\W\d]*(?:[^:：]{0,40}[:：]\s*)?(?:(?:the |a )?right to\s+)?(?:to\s+)?"
    r"(?:access|obtain|request|ask|correct|rectify|update|delete|erase|export|download|receive|object|restrict|withdraw|review|know|see|view|port|transfer|"
    r"lodge|opt out|be informed|reset|limit|deny|revoke|disable|turn off)\b|"
    r"[\W\d]*(?:访问|查阅|查询|获取|更正|修改|删除|复制|导出|撤回|注销|获得)"
)
_RIGHTS_REQUEST = re.compile(
    r"\b(?:request|ask)\s+(?:that\s+)?(?:we|us)\s+(?:to\s+)?(?:delete|erase|remove|correct|rectify|update|amend|"
    r"restrict|export)\b|\b(?:request|ask for|right to)\s+(?:the\s+)?(?:deletion|erasure|correction|rectification|"
    r"a copy) of\b|\bright to (?:know|delete|erase|correct|rectify|request)\b"
)


# A permission heading's denial with a verb of asking or using ("Permissions we don't request", "Permissions we
# do not use", "Unused permissions", "我们不会申请的权限"); the user's switches ("如何开启或关闭权限") are none.
_NOT_ASKED = re.compile(
    r"(?:\bnot|\bnever|n't|\bno longer)\s+(?:\w+\s+)?(?:request|requests|requested|use|uses|used|need|needs|needed|"
    r"require|requires|required|ask for|asked for|access)\b|\bunused\b|"
    r"(?:不会|不|未|无需|从不)(?:申请|使用|调用|获取|需要)"
)


def _operator_reads(vocab: Vocab, norm: str, last: bool = False) -> bool:
    """Whether a text holds a strong verb ("collect", "访问") that is not the user's own access (`_USER_ACCESSES`).
    `last`: only its last strong verb counts, the one a lead-in's list is the object of ("（7.1）访问 原则上您可以通过
    如下方式访问您的个人信息：" lists what the user accesses)."""
    starts = _all(vocab.strong, norm)
    if not starts:
        return False
    spans = [(m.start(), m.end()) for m in _USER_ACCESSES.finditer(norm)]
    return any(not any(lo <= at < hi for lo, hi in spans) for at in (starts[-1:] if last else starts))


def _leading_clause(vocab: Vocab, norm: str) -> str:
    """The clauses of a lead-in that its list continues: from the last one ("…不会收集您的隐私信息，它仅会查询以下
    内容：" lists what is read, "We never sell data; we collect:" what is collected), back over clauses that only open
    the list ("我们不会收集您的个人信息，包括：")."""
    text = norm.rstrip(" :：")
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(text))]
    k = len(cuts) - 1
    while k > 0:
        clause = text[cuts[k] :].lstrip()
        if clause and vocab.list_carry.search(clause, 0, min(len(clause), 9)) is None:
            break
        k -= 1
    return text[cuts[k] :]


def _denies(vocab: Vocab, norm: str) -> bool:
    """Whether a normalised text holds a denial (not a consent exemption)."""
    return any(not _CONSENT_EXEMPTION.match(norm, at) for at in _all(vocab.data_negation, norm))


def _all(phrases: Phrases, text: str) -> list[int]:
    """Start indexes of every phrase occurrence (one per clause is enough for negation)."""
    out: list[int] = []
    at = phrases.search(text)
    while at is not None:
        out.append(at)
        at = phrases.search(text, at + 1)
    return out


def prefer_literal(perms: Sequence[PermissionDeclaration], vocab: Vocab) -> list[PermissionDeclaration]:
    """Drop permissions read from words ("位置权限" -> FINE and COARSE) when the policy set names a permission
    of the same group literally: the literal list is the policy's precise statement."""
    literal = {p.permission for p in perms if p.literal}
    out = []
    for p in perms:
        if not p.literal and p.permission not in literal:
            groups = [n.permissions for n in vocab.permission_names if p.permission in n.permissions]
            if any(literal.intersection(g) for g in groups):
                continue
        out.append(p)
    return out


def has_precise_location(decls: Sequence[Declaration]) -> bool:
    return any(d.data_type == "location_precise" for d in decls)


def location_type(precise: bool) -> str:
    """What a generic location word ("位置信息", "location information") declares: location_precise when the
    policy set names precise location anywhere (GPS, latitude/longitude), else location_coarse."""
    return "location_precise" if precise else "location_coarse"


def resolve_locations(decls: Sequence[Declaration], precise: bool) -> list[Declaration]:
    """The declarations with generic location words resolved (see `location_type`)."""
    target = location_type(precise)
    return [replace(d, data_type=target) if d.data_type == GENERIC_LOCATION else d for d in decls]


def dedupe(decls: Iterable[Declaration]) -> list[Declaration]:
    seen: set[tuple[str, str, str]] = set()
    out: list[Declaration] = []
    for d in decls:
        key = (d.data_type, d.location, d.quote)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
