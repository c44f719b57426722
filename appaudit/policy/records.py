"""SDK records written as lists, headings and prose: the part of the record segmenter that tables and
"key：value" blocks (sdk_table.py) do not cover.

- **list**: a run of items (bullets, text bullets ·/o/+, numbered lines, or link lines without bullets)
  after a lead-in that names third parties, SDKs or services, each item starting with a name
  ("Google AdMob - for ads", "**Firebase Crashlytics**: …", "Google Play Services: https://…",
  "1.2.1 “极光推送”：该SDK由…提供，用于…，收集…"). The run counts when at least half its items are known
  SDK names or links; then every name-like item is a row. Without a lead-in, "Name: link" lines linking to
  policies count when half of them are catalogue names. Names one per line under such a lead-in, which a
  plain-text or Markdown reader joins into one paragraph, are read from the source lines.
- **heading**: a section whose heading is an SDK name ("#### Firebase Crashlytics", "A / B" for two,
  "Unity Analytics": a catalogue name with product words), and the product-name sub-headings of a
  section titled as third parties ("## Third-Party Services" / "### a) OpenAI"). The heading is the quote.
- **prose, by shape**: names the catalogue lacks, where the sentence itself says third parties are used
  (names.py says what a name looks like): "<brand>SDK" ("我们接入了蜂鸟统计SDK", "the Quokka SDK"), Chinese
  product names listed after a verb of use ("接入了蜂鸟推送、云雀统计"), Latin product names listed after "we use",
  "such as", "processed by" or "services:" in a sentence about third-party services ("We use Supabase,
  RevenueCat and PostHog"), and "Sign in with Google". Categories ("第三方广告SDK", "Analytics Providers"),
  generators' defined terms ("Service Providers"), companies and denied clauses give none.
- **prose**: a sentence naming a catalogue SDK (names and aliases of sdk_signatures, or the host of a URL
  written out) with a verb of use ("we use Firebase Crashlytics", "我们接入了极光推送SDK",
  "data is transmitted to https://fabric.io"), not in a clause that denies it, and the named examples
  of a category of recipients in a sentence that shares data ("第三方支付机构（如微信支付、支付宝等）").
  The sentence is the quote. A name the policy gives its author ('Acme ("we")', "（以下简称“我们”）") is
  no third party.

`merge` keeps one row per SDK: heading and prose rows that repeat a row found otherwise are dropped.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from appaudit.policy import services as policy_services
from appaudit.policy.extract import GENERIC_LOCATION, cell_types
from appaudit.policy.load import Block, BlockKind, Document, iter_sentences
from appaudit.policy.names import (
    ZH_PHRASE,
    ZH_PRODUCT_END,
    NameIndex,
    camel_product,
    code_identifier,
    en_product,
    generic_words,
    in_catalogue,
    in_common_word,
    initials,
    name_index,
    shaped_name,
    simplified_chars,
    title_words,
    zh_brand,
    zh_name_span,
)
from appaudit.policy.sdk_table import (
    HOST_NAME,
    NUMBERING,
    SDK_AFTER_COMPANY,
    SdkRow,
    bare_field_lines,
    build_row,
    is_data_item,
    is_platform_api,
    key_values,
    names_sdks,
    slash_pieces,
    source_lines,
    split_company,
)
from appaudit.policy.vocab import TermKind, Vocab, normalize, simplified
from appaudit.signatures import Catalogue, Signature, normalize_policy_text
from appaudit.signatures import Category as SdkCategory

# Where an item's name ends: " - purpose", ": description", "：…", "（…" is kept (part of many Chinese names),
# or a purpose told by a preposition and a lower-case word ("Nominatim to resolve search terms", "Google LLC
# for cloud infrastructure"; "Google Analytics for Firebase" is one name).
_HEAD_END = re.compile(r"\s(?:[-–—]|--)\s|——|[:：]\s*|\s\(|,|，|;|；|。|\.\s|\s+(?:for|to)\s+(?=[a-z])")
_QUOTED = re.compile(r"^[“\"「『]([^”\"」』]{1,40})[”\"」』]")
_TEXT_BULLET = re.compile(r"^\s*(?:[·•●▪◦+]|o(?=\s))\s*")
_URL = re.compile(
    r"https?://[^\s<>\"'，。；、）)]+|(?<![\w@./])(?:[a-z0-9-]+\.)+(?:com|cn|io|net|org)(?=[/\s>)]|$)", re.I
)
_SCHEME = re.compile(r"^https?://", re.I)
# What every `_URL` match holds besides a scheme: a cheap test before the full pattern on every sentence.
_TLD = re.compile(r"\.(?:com|cn|io|net|org)", re.I)
# A name is a few words, not a sentence.
_MAX_NAME = 60
_MAX_WORDS = 8

_ORDER = {"table": 0, "kv-block": 1, "list": 2, "heading": 3, "prose": 4}


# ---------------------------------------------------------------- helpers


def _declared_types(vocab: Vocab, text: str) -> list[str]:
    """Data types a record's free text declares: in clauses with a collect or share verb, not denied."""
    out: list[str] = []
    for sentence in iter_sentences(text):
        norm = normalize(sentence)
        if vocab.collect.search(norm) is None and vocab.share.search(norm) is None:
            continue
        if vocab.data_negation.search(norm) is not None:
            continue
        for dt, _hit in cell_types(vocab, sentence):
            if dt not in out:
                out.append(dt)
    return out


# What may stand between data words in a bare list ("crash logs, device model and advertising ID").
_LIST_GLUE = re.compile(r"[\s,，、;；/()（）.。:：&+-]+|\b(?:and|or|e\.g|such as|including)\b|和|及|与|或")


def _data_list_types(vocab: Vocab, text: str) -> list[str]:
    """Data types of an item's tail that is nothing but a list of data words ("AppsFlyer – advertising ID",
    "Firebase Crashlytics: crash logs, device model"), read like a table's data cell; a tail with other
    words (a purpose, "used for location-based ads") needs a collect or share verb (`_declared_types`)."""
    if vocab.data_negation.search(normalize(text)) is not None:
        return []
    hits = cell_types(vocab, text)
    if not hits:
        return []
    norm = normalize(text)
    rest = norm
    for _dt, h in sorted(hits, key=lambda x: -x[1].start):
        rest = rest[: h.start] + " " + rest[h.end :]
    if _LIST_GLUE.sub("", rest):
        return []
    return list(dict.fromkeys(dt for dt, _h in hits))


# A code library named by its coordinates, as a build file writes it: a Maven/Gradle "group:artifact[:version]"
# or a Java package of three parts or more ("com.airbnb.android:lottie", "com.github.bumptech.glide"), rooted
# where packages are (a web domain ends with its top-level domain instead).
_LIBRARY_COORDINATES = re.compile(
    r"(?:com|cn|org|io|net|me|tv|androidx|android|de|dev|app)(?:\.[a-z0-9_]+(?:-[a-z0-9_]+)*)+"
    r"(?::[A-Za-z0-9_][\w.-]*){0,2}"
)


def library_coordinates(name: str) -> bool:
    """A name that is a library's coordinates (`_LIBRARY_COORDINATES`): an artifact after a colon, or three parts."""
    return _LIBRARY_COORDINATES.fullmatch(name) is not None and (":" in name or name.count(".") >= 2)


def item_head(text: str) -> tuple[str, str]:
    """(name, rest) of a list item: numbering and text bullets stripped, the name ending at " - ", ":",
    a comma or a sentence end ("Google AdMob - for ads" -> "Google AdMob"); a quoted name wins, and a
    library's coordinates are a whole name ("com.airbnb.android:lottie")."""
    t = _LETTER_MARK.sub("", _TEXT_BULLET.sub("", NUMBERING.sub("", text))).strip()
    if library_coordinates(t):
        return t, ""
    q = _QUOTED.match(t)
    if q:
        return q.group(1).strip(), t[q.end() :].lstrip(" :：")
    # A separator inside a bracketed alias is part of the name ("Web 内容渲染（WebKit，若内嵌特定页面）").
    m = next((m for m in _HEAD_END.finditer(t) if t.count("（", 0, m.start()) <= t.count("）", 0, m.start())), None)
    if m is None:
        # A whole item that is a name with its alias, closing the list ("… SDK（别名）。").
        return (t[:-1] if t.endswith(("）。", "）；", "）;")) else t), ""
    return t[: m.start()].strip(), t[m.end() :].strip()


# A lettered enumerator ("e) ", "(b) ") before an item's name: no part of it.
_LETTER_MARK = re.compile(r"^\s*[(（]?[a-z][)）]\s+(?=\S)")
# The label of a link to a party's pages ("Official website", "Homepage", "官网"): a bullet of its record.
_LINK_LABEL = re.compile(
    r"(?:(?:the|its|their|our)\s+)?(?:official\s+)?(?:web\s?site|home\s?page|site|page)|官网|官方网站|官方网址"
)
_COOKIE_KIND = re.compile(r"\bcookies?$|cookie$")


def _name_like(name: str, vocab: Vocab) -> bool:
    """A short name, not a sentence, a bare URL or the title of a document ("… Terms", "隐私政策链接")."""
    if not name or len(name) > _MAX_NAME or len(name.split()) > _MAX_WORDS:
        return False
    if name.rstrip().endswith((".", "。", "!", "?", "！", "？")) or name.lower() in ("http", "https"):
        return False
    n = normalize(name)
    if n.endswith(vocab.columns.get("link", ())) or _LINK_LABEL.fullmatch(n) is not None:
        return False  # the label of a link ("official URL: https://…", "Official website"), not a name
    if _COOKIE_KIND.search(n) is not None:
        return False  # a kind of cookie ("Essential Cookies", "Performance/Analytical Cookies"), not a product
    return vocab.document_words.search(n) is None and not n.startswith(("http:", "https:", "www."))


_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)+\.?|\d{1,3}[、.．](?!\d)|[（(]\d{1,3}[)）]|[①-⑳])\s*\S")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_PROVIDED_BY = re.compile(r"由(.{2,40}?)(?:提供|开发|运营)|provided by ([^,.;，。；]{2,60})", re.I)


def _is_item(block: Block) -> bool:
    if block.kind is BlockKind.LIST_ITEM:
        return True
    if block.kind is not BlockKind.PARAGRAPH:
        return False
    if (_TEXT_BULLET.match(block.text) and len(block.text) > 2) or _NUMBERED.match(block.text):
        return True
    # A link on its own line ("Google Play Services: https://…", "[AdMob](…)"): a link list without bullets.
    return _external(block.links) and len(block.text) <= 100


_EXTERNAL_LINK = re.compile(r"(?:https?:)?//|www\.", re.I)


def _external(links: Sequence[str]) -> bool:
    """A link to another site: in-page anchors and relative links (a table of contents) do not count."""
    return any(_EXTERNAL_LINK.match(link) for link in links)


_POLICY_PATH = re.compile(r"privacy|policy|policies|terms|legal|agreement|consent|gdpr|隐私|协议", re.I)


def _policy_link(links: Sequence[str]) -> bool:
    """A link to another site's privacy policy, terms or consent page (by the words of its URL)."""
    return any(_external((link,)) and _POLICY_PATH.search(link) is not None for link in links)


# A line that is only an address after a label saying what it is ("api：https://…", "网址: https://…", "URL: …").
_LABELLED_URL = re.compile(
    r"(?:apis?|url|links?|web\s?site|home\s?page|site|endpoint|接口|接口地址|api\s*地址|网址|地址|链接|官网|主页)"
    r"\s*[:：]\s*((?:https?://|www\.)\S+)",
    re.I,
)


def _with_url_lines(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with each bare URL line, or one after a label ("api：https://…"), joined to the short line
    before it as that line's link ("Google Play Services" then "https://policies.google.com/privacy")."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        labelled = _LABELLED_URL.fullmatch(b.text.strip())
        if labelled is not None and not (
            prev is not None
            and len(prev.text) <= 40
            and not prev.text.rstrip().endswith((".", "。", ":", "：", "；", ";"))
            and _FIELD.match(prev.text) is None
        ):
            labelled = None  # an address line of a record of fields ("名称：X" / "网址：https://…"), not a name's
        if (
            prev is not None
            and b.kind is BlockKind.PARAGRAPH
            and (_BARE_URL.fullmatch(b.text.strip()) or labelled is not None)
            and prev.kind is not BlockKind.TABLE_ROW
            and prev.headings == b.headings
            and len(prev.text) <= 80
            and not _BARE_URL.fullmatch(prev.text.strip())
        ):
            url = labelled.group(1) if labelled is not None else b.text.strip()
            out[-1] = replace(prev, links=(*prev.links, *(b.links or (url,))))
            continue
        out.append(b)
    return out


# ---------------------------------------------------------------- lists


# A paragraph led by a name and a separator ("**Quokkalytics** – usage analytics", "WombatPay: payments").
_NAME_LED = re.compile(r"^(.{2,40}?)(?:\s[-–—]\s|[:：]\s*)\S")


def _named_paragraph(block: Block, vocab: Vocab, catalogue: Catalogue | None) -> bool:
    """A short paragraph that opens with a product name and a separator, or is only one, an item of a list
    written without bullets (bold names, or names one per paragraph); not a "key：value" record
    (sdk_table.paragraph_rows)."""
    if block.kind is not BlockKind.PARAGRAPH or len(block.text) > 240:
        return False
    m = _NAME_LED.match(block.text)
    if m is None and len(block.text) <= 40 and not block.text.rstrip().endswith((".", "。", ":", "：")):
        name = block.text.strip(" *")  # a paragraph that is only a name (names one per line, no bullets)
    elif m is None or key_values(block.text, vocab):
        return False
    else:
        name = m.group(1).strip(" *")
        if not name.isascii() and not zh_brand(name) and len(name) <= 8:
            # A function, then the products serving it ("消息推送：个推", one per paragraph under an SDK heading).
            return bool(_labelled_names(name, block.text[m.end() - 1 :], vocab, catalogue))
    return shaped_name(name) or in_catalogue(name, catalogue)


def _joined_name_lines(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """Names written one per line under a lead-in line that names third parties ("Link to privacy policy of
    third party service providers used by the app" / "Google Play Services" / "AdMob"), right under it or after
    one blank line, which a plain-text or Markdown reader joins into one paragraph: read from the source
    lines. Two names or more, each a catalogue or product-shaped name; the run ends at a blank line or a line
    that is none. A lead that is itself a name ("Google Play Services") leads nothing."""
    lines = source_lines(doc)
    def is_name(n: str) -> bool:
        return bool(n) and (shaped_name(n) or in_catalogue(n, catalogue) or library_coordinates(n))

    def name_line(line: str) -> bool:  # what a name line is at least (the cheap tests of the names' loop)
        n = line.strip().strip("*_ ")
        return bool(n) and (len(n) <= 40 or (len(n) <= 80 and library_coordinates(n))) and not n.endswith(
            (".", "。", ":", "：")
        )

    rows: list[SdkRow] = []
    at = 0
    i = 0
    while i < len(lines):
        lead = lines[i].strip()
        first = i + 2 if i + 1 < len(lines) and not lines[i + 1].strip() else i + 1  # one blank line may follow
        if (
            not lead
            or len(lead) > (400 if lead.endswith((":", "：")) else 160)
            or not (first + 1 < len(lines) and name_line(lines[first]) and name_line(lines[first + 1]))
            or not names_sdks(vocab, lead)
            or _CATEGORIES_LEAD.search(lead)
            or (len(lead) <= 40 and is_name(lead.strip("*_ ")))
        ):
            i += 1
            continue
        names: list[str] = []
        for nxt in lines[first : first + 60]:
            n = nxt.strip().strip("*_ ")
            if not name_line(nxt) or is_data_item(n, vocab) or not is_name(n):
                break
            names.append(n)
        if len(names) < 2:
            i += 1
            continue
        a, b2 = " ".join(names[0].split()), " ".join(names[1].split())
        # Chinese lines are joined without a space ("友盟" / "极光推送" -> "友盟极光推送").
        joins = (f"{a} {b2}", f"{a}{b2}")
        # Blocks and lines run in the same order: the names' block is among the next few hundred.
        block = next((b for b in doc.blocks[at : at + 500] if any(j in b.text for j in joins)), None)
        i = first + len(names)
        if block is None:
            continue  # read as separate blocks: list_rows has them
        at = doc.blocks.index(block, at)
        rows.extend(
            build_row(vocab, catalogue, name=_after_function(n), data="", all_text=n, location=block.location,
                      file=block.file, how="list")
            for n in names
        )
    return rows


# A name line led by the function it serves ("消息推送（个推）", "地图定位——高德地图"): the function is no name.
_FUNCTION_LED = re.compile(r"^([一-鿿]{2,8})\s*(?:[（(]\s*(.+?)\s*[)）]|(?:——|—|－|:|：|\s-\s)\s*(.+))$")


def _after_function(name: str) -> str:
    """`name` without a leading function made only of generic words (`zh_brand`), else as it is."""
    m = _FUNCTION_LED.match(name.strip())
    if m is None or zh_brand(m.group(1)):
        return name
    rest = (m.group(2) or m.group(3) or "").strip()
    return rest if len(rest) >= 2 else name


# A name written as an HTML heading line in Markdown, with a list marker ("<h6>- Google Play Services</h6>").
_HTML_HEADING_LINE = re.compile(r"^\s*<h[1-6][^>]*>\s*(?:[-•*·]\s*)?([^<>]{2,60}?)\s*</h[1-6]>\s*$", re.I)
_TAG_LINE = re.compile(r"^\s*(?:</?[a-z][^>]*>\s*)+$", re.I)
_TAG = re.compile(r"</?[a-z][^>]*>", re.I)


def _html_heading_names(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """Third parties listed one per HTML heading line in a Markdown file (App Privacy Policy Generator's HTML
    pasted into README-style pages: "The app does use third-party services …" / "<h6>- Google Firebase</h6>" /
    "<h6>- Google Play Services</h6>"), which a Markdown reader turns into headings with no text: two names
    or more in a row, each a catalogue or product-shaped name, after a lead-in naming third parties (the
    paragraph lines just above, tags skipped). The row's place is the lead-in's paragraph."""
    if "<h" not in doc.source[:_LINE_WINDOW] and "<H" not in doc.source[:_LINE_WINDOW]:
        return []
    lines = source_lines(doc)
    rows: list[SdkRow] = []
    i = 0
    while i < len(lines):
        m = _HTML_HEADING_LINE.match(lines[i]) if "</h" in lines[i].lower() else None
        if m is None:
            i += 1
            continue
        names: list[str] = []
        j = i
        while j < len(lines) and len(names) < 60:
            m = _HTML_HEADING_LINE.match(lines[j])
            if m is None:
                break
            n = m.group(1).strip()
            if is_data_item(n, vocab) or not (shaped_name(n) or in_catalogue(n, catalogue)):
                break
            names.append(n)
            j += 1
        if len(names) < 2:
            i = max(j, i + 1)
            continue
        # The lead-in: the last few text lines above, tags and blank lines skipped.
        above: list[str] = []
        k = i - 1
        while k >= 0 and i - k <= 8 and len(above) < 4:
            if lines[k].strip() and _TAG_LINE.match(lines[k]) is None:
                above.insert(0, _TAG.sub(" ", lines[k]).strip())
            elif above:
                break
            k -= 1
        lead = " ".join(above)
        i = j
        if not lead or not names_sdks(vocab, lead) or _CATEGORIES_LEAD.search(lead):
            continue
        tail = " ".join(above[-1].split()[-4:])
        block = next((b for b in doc.blocks if tail in b.text), None)
        if block is None:
            continue
        rows.extend(
            build_row(vocab, catalogue, name=_after_function(n), data="", all_text=n, location=block.location,
                      file=block.file, how="list")
            for n in names
        )
    return rows



def list_rows(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """SDK rows from runs of list items (see the module docstring), from names one per line joined
    into their lead-in's paragraph (`_joined_name_lines`) and from names one per HTML heading line in
    Markdown (`_html_heading_names`)."""
    rows: list[SdkRow] = _joined_name_lines(doc, vocab, catalogue) + _html_heading_names(doc, vocab, catalogue)
    joined_at = {(r.file, r.location) for r in rows}  # paragraphs of joined name lines, read already
    # Field lines of a record without colons ("License MIT License"): sdk_table reads them as the record's keys.
    joined_at |= bare_field_lines(doc)
    blocks = _with_url_lines(doc.blocks)
    items = [
        (not joined_at or (b.file, b.location) not in joined_at)  # (no locator to format when none is read)
        and (_is_item(b) or _named_paragraph(b, vocab, catalogue))
        and _LABELLED_URL.fullmatch(b.text.strip()) is None  # "api：https://…" on its own names nothing
        for b in blocks
    ]
    i = 0
    while i < len(blocks):
        if not items[i]:
            i += 1
            continue
        j = i
        while j < len(blocks) and items[j] and blocks[j].headings == blocks[i].headings:
            j += 1
        run = blocks[i:j]
        if j < len(blocks) and blocks[j].headings == run[-1].headings and key_values(blocks[j].text, vocab):
            run = run[:-1]  # the last item titles the "key：value" record after it (sdk_table.paragraph_rows)
        lead = blocks[i - 1] if i and blocks[i - 1].headings == blocks[i].headings else None
        lead_text = lead.text if lead is not None and lead.kind is BlockKind.PARAGRAPH else ""
        if lead is None and blocks[i].headings:
            lead_text = blocks[i].headings[-1]
            parents = blocks[i].headings
            if (
                len(parents) >= 2
                and _PARTS_TITLE.search(parents[-1]) is not None
                and not names_sdks(vocab, parents[-1])
                and names_sdks(vocab, parents[-2])
            ):
                # A group of an SDK section's list titled by what its parts do ("七、第三方 SDK 说明" / "3. 媒体
                # 播放相关组件" / "- image_picker：…"): the section's title leads its items in.
                lead_text = parents[-2]
        if lead_text.rstrip().endswith((":", "：")) and lead_text.isascii():
            last = _LAST_SENTENCE.split(lead_text.rstrip()[-300:])[-1]
            if last != lead_text and _DATA_INTRO.search(last) is not None and not names_sdks(vocab, last):
                # The sentence that opens the list says its items are data ("… from the services you connect,
                # Fitbit and Google Fit. This data includes:"): the lead's earlier words are no lead of services.
                lead_text = last
        i = j
        # A section saying its services are not used ("六、暂未接入的第三方服务", "Services we do not use"), or a
        # lead-in denying them ("The app uses no third-party services:" / "- No Firebase").
        if run and run[0].headings and vocab.sdk_not_used.search(normalize(run[0].headings[-1])) is not None:
            continue
        if lead is not None and lead_text.rstrip().endswith((":", "：")) and _denied_lead(
            _CONTRAST.split(_LAST_SENTENCE.split(lead_text.rstrip()[-300:])[-1])[-1], vocab
        ):
            continue
        if run and not _record_fields(run, vocab):
            rows.extend(_run_rows(run, lead_text, vocab, catalogue))
    if not rows:
        return rows
    # The policy's author or app listed among what it uses ("- Acme Cloud: stores your notes") is no third
    # party, as in prose and headings.
    own = _self_names(doc)
    return [r for r in rows if not _own_row(r, own)]


# A sentence introducing data items ("This data includes:", "The information we may collect via the App includes:").
_DATA_INTRO = re.compile(
    r"\b(?:data|information|details)\b[^.:;]{0,40}?\b(?:includes?|may include|consists? of|covers?|comprises?)"
    r"(?:\s+(?:the\s+following|information\s+such\s+as|things\s+like))?\s*:\s*$",
    re.I,
)
# The roles of a record's fields: a run of items keyed by three of them or more is one record's fields.
_FIELD_ROLES = frozenset({"name", "provider", "package", "purpose", "data", "link", "permission"})


def _record_fields(run: Sequence[Block], vocab: Vocab) -> bool:
    """A run of items that is one record's "key: value" fields ("- Service Name: …" / "- Provider: …" /
    "- Purpose: …" / "- Privacy Policy: https://…"), three field roles or more among its keys, one of them the
    name: sdk_table's paragraph_rows reads the record by its name key; its other keys ("Collection Method: …",
    "Data Transmitted To: …") are fields too, no products."""
    if len(run) < 3:
        return False
    roles: set[str] = set()
    for b in run:
        kvs = key_values(b.text, vocab)
        if len(kvs) == 1:  # a field; an item of several keys is a whole record
            roles.add(kvs[0][0])
    # (A "product" key names the record where the list path reads it: "产品/类型：某某账号".)
    return len(roles & _FIELD_ROLES) >= 3 and "name" in roles and "product" not in roles


# The title of a group of an SDK list's parts, by what they do ("媒体播放相关组件", "本地存储插件", "UI libraries").
_PARTS_TITLE = re.compile(
    r"(?:组件|插件|依赖|依赖库|类库|开源库|库|\b(?:components?|librar(?:y|ies)|plugins?|packages?|dependencies|modules?))\s*$",
    re.I,
)


# An item's tail that says what the named thing is used for ("：用于推送通知", ": used for crash reports").
_PURPOSE_TAIL = re.compile(
    r"^(?:用于|用来|以便|负责|为您提供|提供|used (?:for|to)|for\b|to (?:provide|show|serve)|provides?\b)", re.I
)
# A product is written with a Latin brand word ("Apple 内购（StoreKit）", "阿里云 OSS") or as an SDK; a
# category of recipients ("广告合作方", "Analytics providers") is not one.
_PRODUCT_WORD = re.compile(r"[A-Z][A-Za-z0-9]+|sdk", re.I)
_SDK_END = re.compile(r"sdk\s*$", re.I)
_CATEGORY = re.compile(
    r"(?:合作方|合作伙伴|服务商|服务提供商|机构|公司|浏览器|源站|网站|网页|目标应用|第三方应用|内容源|providers|partners|"
    r"vendors|companies|processors|networks|browsers|websites|"
    r"advertisers|affiliates|contractors|agencies|authorities|suppliers|subsidiaries|regulators|partner|provider)$",
    re.I,
)


def _product_with_purpose(name: str, rest: str) -> bool:
    """An item "Product（alias）：用于…": a named product and what it is used for (under an SDK lead-in)."""
    return (
        _PURPOSE_TAIL.match(rest) is not None
        and _PRODUCT_WORD.search(name) is not None
        and _CATEGORY.search(name.strip()) is None
    )


def _names_product(name: str, rest: str) -> bool:
    """Under an SDK lead-in: an item that calls itself an SDK ("（1）推送SDK：…", "Acme SDK - ads"), a
    product with its purpose (`_product_with_purpose`), a Chinese product name ("蜂鸟推送：…", names.py), or a
    Latin product name that is camel case or says what it does after it ("RevenueCat", "Supabase (database)")."""
    if _SDK_END.search(name) is not None or _product_with_purpose(name, rest):
        return True
    if _CATEGORY.search(name.strip()) is not None:
        return False
    if len(name) <= 24 and ZH_PHRASE.search(name) is None and _ZH_TAKES_READER.match(rest) is not None:
        return True  # the subject of a sentence saying it takes the reader's data ("**云雀监控平台** 会收集你的…")
    if not name.isascii():
        return (
            len(name) <= 12
            and ZH_PHRASE.search(name) is None
            and ZH_PRODUCT_END.search(name) is not None
            and len(zh_brand(name)) >= 2
        )
    return en_product(name) and (camel_product(name) or bool(rest.strip(" ()（）")))


# A Chinese brand, then what it is for, in brackets or after a separator ("青桔（用于获取天气）", "白鹭：用于统计分析").
_ZH_PURPOSE_BRACKET = re.compile(r"^(.{2,12}?)\s*[（(]\s*((?:用于|用来|负责|提供)[^（）()]*)[)）]\s*[。；;]?$")


def _zh_brand_with_purpose(name: str, rest: str) -> bool:
    """An item that is a Chinese brand and nothing else (no function word: "用户反馈" is a feature, "高德地图" is
    found as a catalogue name) followed by its purpose: under a lead-in announcing a list of services, a service."""
    m = _ZH_PURPOSE_BRACKET.match(name)
    core, tail = (m.group(1), m.group(2)) if m is not None else (name, rest)
    core = core.strip(" *_`")
    return (
        not core.isascii()
        and 2 <= len(core) <= 12
        and ZH_PHRASE.search(core) is None
        and _CATEGORY.search(core) is None
        and zh_brand(core) == core
        and _PURPOSE_TAIL.match(tail.strip()) is not None
    )


# A lead-in announcing categories of recipients ("the following categories of third parties:"): its items
# are categories ("Cloud Computing Services"), whatever their capitals.
_CATEGORIES_LEAD = re.compile(
    r"categor(?:y|ies)\b|\b(?:types?|kinds?) of (?:third|partner|service|provider|recipient|compan|part)|类别", re.I
)


_LABEL_CLAUSE_END = re.compile(r"[；;。]|\.\s")
_LABEL_SEP = re.compile(r"\s*(?:、|，|,|/|以及|和|及|与|\band\b|\bor\b|或)\s*")


_SELF_HOSTED_ITEM = re.compile(
    r"[^,，、;；]*?[（(]\s*(?:self[- ]hosted|hosted by us|on our own servers?|our own instance)[^()（）]*[)）]", re.I
)


def _labelled_names(name: str, rest: str, vocab: Vocab, catalogue: Catalogue | None) -> list[str]:
    """The products an item names after a label of what they do ("**文本摘要**：DeepSeek（处理转录文本）", "支付服务：
    微信支付、支付宝（完成充值）", "Crash reporting: Sentry, Bugsnag"): the label is no product (its words generic),
    and every name of the value's first clause, brackets left out, is a catalogue or product-shaped name."""
    label = _BRACKET_TEXT.sub("", name).strip()
    if not label or not rest or in_catalogue(label, catalogue) or _SDK_END.search(label) is not None:
        return []
    if len(label.split()) > 4 or len(label) > 30 or policy_services.load().verbs.search(normalize(label)) is not None:
        return []  # a clause ("Advertising identifiers are collected by our ad network, Unity Ads"), no label
    if label.isascii():
        # A label is written as words ("Crash reporting", "Text summaries"), a product as a name.
        if (en_product(label) or camel_product(label)) and not generic_words(label, policy_services.load().title_words):
            return []
    elif (ZH_PRODUCT_END.search(label) is not None and len(zh_brand(label)) >= 2) or _LATIN2.search(label):
        return []  # a Chinese product name ("蜂鸟推送") or one with a Latin brand ("阿里云 OSS")
    first = _LABEL_CLAUSE_END.split(rest, maxsplit=1)[0]
    if first.isascii():
        # The names, then what they are for ("Analytics: Google Analytics to understand app usage", "Push:
        # Firebase Cloud Messaging for reminders"): the purpose is no name.
        first = _LABEL_VALUE_PURPOSE.split(first, maxsplit=1)[0]
    # A product the author runs itself ("Umami (self-hosted)"): no third party.
    first = _SELF_HOSTED_ITEM.sub("", first)
    pieces = [_without_etc(p).strip(" *`") for p in _LABEL_SEP.split(_BRACKET_TEXT.sub("", first))]
    # A closing kind ("Twilio, SendGrid, and other messaging services"): the names listed, no name itself.
    pieces = [p for p in pieces if p and (_OTHER_KIND.match(p) is None or p is pieces[0])]
    if not pieces or len(pieces) > 6:
        return []
    svc = policy_services.load()
    for p in pieces:
        if len(p) > 40 or is_data_item(p, vocab) or _CATEGORY.search(p) is not None:
            return []
        if _initials_of(p, label):
            return []  # the label's own abbreviation ("Standard Contractual Clauses (SCCs)"), no product
        if not (_mostly_known(p, catalogue, svc) or _label_value_name(p, svc)):
            return []
    return pieces


_OTHER_KIND = re.compile(r"(?:other|similar|further|more)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}$")
# Where a label's value turns from the products to what they do: "to"/"for"/"so that"/"which" and a word.
_LABEL_VALUE_PURPOSE = re.compile(r"\s+(?:to|for|so\s+that|in\s+order\s+to|which|that|when)\s+(?=\w)")
_ABBR_SKIP = frozenset({"of", "and", "the", "for"})  # words an abbreviation leaves out
_ABBR_WORD = re.compile(r"[A-Za-z][\w'-]*")  # a Latin word an abbreviation or acronym takes its letter from


def _initials_of(abbr: str, words: str) -> bool:
    """Whether `abbr` ("SCCs", "DPA") is written from the first letters of `words` ("Standard Contractual
    Clauses", "Data Processing Agreement")."""
    letters = re.sub(r"[^A-Za-z]", "", abbr)
    if letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]
    firsts = initials(words, words=_ABBR_WORD.findall, skip=_ABBR_SKIP)
    return len(letters) >= 2 and letters.isupper() and letters == firsts


def _mostly_known(p: str, catalogue: Catalogue | None, svc: policy_services.Services) -> bool:
    """A catalogue or services-list name that is most of `p` ("Firebase Analytics"; not "实现分享内容到微信")."""
    norm = normalize_policy_text(p)
    hits = [(h.start, h.end) for h in svc.find(norm)]
    if catalogue is not None:
        hits += [(s0, e0) for s0, e0, _n, _sig in name_index(catalogue).find(norm)]
    return any((e0 - s0) * 3 >= len(norm) * 2 for s0, e0 in hits)


_CAPITAL_WORD = re.compile(r"\b[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")


def _label_value_name(p: str, svc: policy_services.Services) -> bool:
    """A name the catalogue lacks, after a label: a Latin product name with a capital ("DeepSeek", "Quokka
    Maps"; not "Purchase data is collected", "1.0.0"), or a Chinese product name that says it is one
    ("蜂鸟推送", "阿里云 OSS"; not "仅供参考", "版本号")."""
    if p.isascii():
        return (
            _CAPITAL_WORD.match(p) is not None
            and (en_product(p) or (camel_product(p) and " " not in p))
            and not generic_words(p, svc.title_words)
        )
    if ZH_PHRASE.search(p) is not None or _KIND_MARK.search(p) is not None:
        return False
    return (ZH_PRODUCT_END.search(p) is not None and len(zh_brand(p)) >= 2) or _CAPITAL_WORD.search(p) is not None


_LEADING_BRACKET = re.compile(r"^\s*[（(][^（）()]{1,40}[)）]\s*")


def _parent_products(name: str, text: str, vocab: Vocab, catalogue: Catalogue | None) -> list[str]:
    """The products an item lists after their parent ("Firebase (Google): Authentication, Crashlytics",
    "阿里云：短信服务、对象存储OSS"): the head a catalogue name, the value (after its maker in brackets and a colon)
    nothing but product names of it, each its row ("Firebase Authentication", "Crashlytics", "阿里云 短信服务")."""
    t = text.strip().lstrip("*`_ ")
    if not name or not t.startswith(name) or not _mostly_known(name, catalogue, policy_services.load()):
        return []
    value = _LEADING_BRACKET.sub("", t[len(name) :].lstrip("*`_ "))
    if not value.startswith((":", "：")):
        return []
    value = value[1:].strip().rstrip("。.;；")
    pieces = [p.strip(" *`") for p in _LABEL_SEP.split(value)]
    pieces = [p for p in pieces if p]
    if not pieces or len(pieces) > 8:
        return []
    if len(pieces) == 1 and not _mostly_known(f"{name} {pieces[0]}", catalogue, policy_services.load()):
        return []  # one word after a name is a page or a label of it ("GitHub: Dantotsu Issues"), unless known
    for p in pieces:
        if len(p) > 40 or is_data_item(p, vocab) or policy_services.load().verbs.search(normalize(p)) is not None:
            return []
        if p.isascii():
            if not _component(p, vocab):
                return []  # a function word ("crash reports"), not a product of the parent
        elif ZH_PHRASE.search(p) is not None or not (ZH_PRODUCT_END.search(p) or _LATIN2.search(p)):
            return []
    return [_qualified(name, p, catalogue) for p in pieces]


_PART_NAME = re.compile(r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}")
_UMBRELLA_WORDS = re.compile(r"\s+(?:services|products|suite|sdks?|platform)$", re.I)


def _bracketed_parts(name: str, rest: str, vocab: Vocab, catalogue: Catalogue | None) -> list[str]:
    """The products an item lists in brackets after their parent ("Firebase Services (Authentication, Firestore,
    Storage)", "Quokka Cloud (Functions, Scheduler)"): the parent most of it a catalogue or services-list name, its
    umbrella word aside, the bracket two product-like parts or more and nothing after it, each part its row."""
    if not rest.endswith(")") or "(" in rest:
        return []
    parent = _UMBRELLA_WORDS.sub("", name.strip(" *_`"))
    if not parent or not _mostly_known(parent, catalogue, policy_services.load()):
        return []
    pieces = [p.strip(" *`") for p in _LABEL_SEP.split(rest[:-1])]
    pieces = [p for p in pieces if p]
    # Each part capitalised as a product's name ("Storage", "Remote Config"; a data word too after its parent).
    if not 2 <= len(pieces) <= 8 or not all(_PART_NAME.fullmatch(p) and _name_like(p, vocab) for p in pieces):
        return []
    return [_qualified(parent, p, catalogue) for p in pieces]


# An item's label saying the value lists the parts of the SDK its heading names ("### Google Firebase" /
# "- **Services Used**: Authentication, Cloud Firestore, Cloud Messaging").
_PARTS_LABEL = re.compile(
    r"^(?:(?:services|products|features|components|modules|apis|sdks|parts)(?:\s+(?:used|integrated|in\s+use|"
    r"we\s+use))?|used\s+(?:services|products|features|components)|使用的服务|使用服务|使用的功能|包含的服务)$",
    re.I,
)


def _heading_parent(lead: str, catalogue: Catalogue | None) -> str:
    """The SDK a short heading-like lead names, most of it a catalogue or services-list name ("Google Firebase"),
    for items listing its parts; "" otherwise."""
    t = _LETTERED.sub("", lead.strip().strip("*_ "), count=1)  # "4.1 Google Firebase": the SDK, not its number
    if catalogue is None or not t or len(t) > 60 or t.endswith((":", "：", ".", "。")):
        return ""
    return t if _mostly_known(t, catalogue, policy_services.load()) else ""


def _run_rows(run: Sequence[Block], lead: str, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    heads = [item_head(b.text) for b in run]
    cue_lead = names_sdks(vocab, lead) and _CATEGORIES_LEAD.search(lead) is None
    if cue_lead:
        # (Not under the product's own heading: "### Quokka" / "- Quokka provides …" describes that record.)
        own = row_key(run[0].headings[-1]) if run[0].headings else ""
        subjects = [_subject_head(*h) for h in heads]
        heads = [h if own and row_key(s[0]) == own else s for h, s in zip(heads, subjects, strict=True)]
    parent = _heading_parent(lead, catalogue) if any(_PARTS_LABEL.match(n.strip(" *_:：")) for n, _r in heads) else ""
    labelled = [
        _parent_products(name, b.text, vocab, catalogue)
        or _bracketed_parts(name, rest, vocab, catalogue)
        or (
            _parent_products(parent, f"{parent}: {rest}", vocab, catalogue)
            if parent and _PARTS_LABEL.match(name.strip(" *_:：")) is not None
            else []
        )
        or (_labelled_names(name, rest, vocab, catalogue) if cue_lead else [])
        for b, (name, rest) in zip(run, heads, strict=True)
    ]
    rows = _plain_run_rows(run, heads, lead, vocab, catalogue)
    if not any(labelled):
        return rows
    # Items labelled by what their products do: the products are the rows, not the label; other items as
    # the run gives them.
    at = {(b.file, b.location) for b, names in zip(run, labelled, strict=True) if names}
    out = [
        _item_row(b, n, rest, vocab, catalogue)
        for b, (_name, rest), names in zip(run, heads, labelled, strict=True)
        for n in names
    ]
    return [r for r in rows if (r.file, r.location) not in at] + out


# An item that is a sentence with the product as its subject ("**Railway** hosts the site.", "Quokka may relay
# calls"): up to four capitalised words, then a verb of the work a service does for the app.
_SUBJECT_ITEM = re.compile(
    r"([A-Z][\w.&+'-]*(?:\s+[A-Z][\w.&+'-]*){0,3})\s+(?:(?:also|then|only|may|will|can|now)\s+)?"
    r"(?:hosts|processes|stores|handles|receives|collects|runs|serves|delivers|relays|relay|sends|analy[sz]es|"
    r"tracks|syncs|supplies|manages|transcribes|counts|measures|provides|powers)\b"
)


# The same in Chinese: a name (often bold) then a verb taking the reader's data ("**蜂鸟统计** 会收集你的访问信息",
# "云雀监控平台可能会获取您的设备信息"); a clause told by the author or reader ("我们会收集…") names no product.
_ZH_TAKES = (
    r"(?:也|还|将|会|可能|可能会|将会|也会|还会)?\s*(?:收集|获取|采集|读取|记录|接收|统计)了?\s*(?:你|您|用户|访客)"
)
_ZH_SUBJECT_ITEM = re.compile(r"^[*_`]*([^*_`\s][^*_`:：，,。；;]{0,28}?)[*_`]*\s*" + _ZH_TAKES)
# The verb alone opening the text after a bold name.
_ZH_TAKES_READER = re.compile("^" + _ZH_TAKES)


def _subject_head(name: str, rest: str) -> tuple[str, str]:
    """(name, rest) of a list item under a lead-in of services whose head is a sentence opened by the product
    as its subject (`_SUBJECT_ITEM`, `_ZH_SUBJECT_ITEM`); the item's (name, rest) otherwise."""
    m = _SUBJECT_ITEM.match(name)
    if m is None and not name.isascii():
        m = _ZH_SUBJECT_ITEM.match(name)
        if m is not None and _ZH_CLAUSE.search(m.group(1)) is not None:
            m = None
    if m is None:
        return name, rest
    return m.group(1).strip(), f"{name[m.end(1) :].strip(' *_`')} {rest}".strip()


def _plain_run_rows(
    run: Sequence[Block], heads: Sequence[tuple[str, str]], lead: str, vocab: Vocab, catalogue: Catalogue | None
) -> list[SdkRow]:
    names = [
        _name_like(name, vocab) and not is_data_item(name, vocab) and _DENIED_ITEM.match(name) is None
        for name, _rest in heads
    ]
    known = named = listed = whole = 0
    cue = names_sdks(vocab, lead)
    products = cue and _CATEGORIES_LEAD.search(lead) is None  # items named like products count as known
    # A lead-in announcing a list of services ("本应用使用以下第三方服务：", "接入了以下服务:"), its list following.
    listing = products and vocab.sdk_lead.search(normalize(lead)) is not None and lead.rstrip().endswith((":", "："))
    svc = policy_services.load()
    # A lead-in about one product the app uses ("We use Supabase (a backend provider) to store your data:"): its
    # items are that product's properties ("**Encryption**: …"), products only when known or linked.
    about_one = products and _about_one_product(lead, catalogue, svc)
    for b, (name, rest), is_name in zip(run, heads, names, strict=True):
        if not is_name:
            continue
        known_name = in_catalogue(name, catalogue)
        named += known_name
        # A services-list name, its bracket aside ("华为云（Cloud Foundation Kit）"): known in a titled section.
        in_list = known_name or _mostly_known(_BRACKET_TEXT.sub("", name), catalogue, svc)
        listed += in_list
        # The item is the SDK's name, not a name with more words ("微信用户唯一标识（OpenID）", "微信授权的头像"):
        # data the app gets from that platform.
        bare = _BRACKET_TEXT.sub("", name)
        whole += in_list and (_mostly_known(bare, catalogue, svc) or bare.isascii())
        if (
            in_list
            or _external(b.links)
            or (products and not about_one and _names_product(name, rest))
            or (cue and library_coordinates(name))  # a library's coordinates name it as surely as a link
            or (cue and code_identifier(name))  # so does its identifier in code ("image_picker：选择图片")
            or (listing and _zh_brand_with_purpose(name, rest))
        ):
            known += 1
    parent = _parent_sdk(lead, vocab, catalogue)
    if parent and all(_component(name, vocab) for name, _rest in heads):
        return [_item_row(b, _qualified(parent, name, catalogue), rest, vocab, catalogue) for b, (name, rest) in
                zip(run, heads, strict=True)]
    # Under a lead-in that names SDKs or services, half the items known or linked; in a section titled so
    # ("Access of third-party SDK"), half the items catalogue names; without either, every item a known SDK
    # name (links alone are any list of links).
    titled = not cue and bool(run[0].headings) and names_sdks(vocab, run[0].headings[-1])
    # A list of "Name: link to its policy" lines, half of them catalogue names ("Admob: https://…/privacy",
    # "Facebook: https://…/terms" under "Advertisement platform") lists SDKs with their policies (a
    # "Follow us" or download list links to pages and stores).
    linked = len(run) >= 2 and 2 * named >= len(run) and all(_policy_link(b.links) for b in run)
    # A list of names each with only its site's address ("**Quokka Maps API** — <https://…>") in a section titled
    # as third parties ("Third-party public APIs"): the services, catalogue names or not.
    # The same in a section titled as the APIs the app calls ("APIs used", "7.api使用", "调用的接口"): each item a
    # name with its address is an outside service the app sends requests to.
    sites = (
        (titled or any(_API_TITLE.search(h) is not None for h in run[0].headings[-2:]))
        and len(run) >= 2
        and all(
            _external(b.links) and not _BARE_URL.sub("", rest).strip(" -–—:|()<>[]")
            for b, (_n, rest) in zip(run, heads, strict=True)
        )
    )
    # Items each opening with a name linked to its own site and saying what it is for ("[Quokka](https://quokka.io),
    # for error logs"): the services used, under any lead-in (a "Follow us" or contact list links bare names or
    # the author's page there: "Zhihu: [me](https://zhihu.com/people/me)").
    sited = len(run) >= 2 and all(
        len(_BARE_URL.sub(" ", rest).split()) >= 2 and _links_its_site(name, (b,))
        for b, (name, rest) in zip(run, heads, strict=True)
    )
    linked = linked or sited
    if not cue and not titled and not linked and named < len(run):
        nested = _nested_service_rows(run, heads, names, vocab, catalogue, svc)
        if nested:
            return nested
    # Items marked as not used ("❌ 没有广告 SDK" in a ✅/❌ checklist) are no candidates either way.
    denied = sum(1 for name, _r in heads if _DENIED_ITEM.match(name) is not None)
    if (
        known == 0
        # Categories listed beside the products ("- 微信支付" / "- 第三方打印服务商") are no candidates.
        or (
            cue
            and 2 * known
            < len(run) - denied - sum(1 for name, _r in heads if _CATEGORY.search(name.strip()) is not None)
        )
        or (titled and not sites and (named == 0 or 2 * listed < len(run) - denied))
        or (
            not cue
            and not titled
            and not linked
            and not sites
            and (named < len(run) or whole < len(run) or len(run) < 2)
        )
    ):
        # Whatever the run, an item naming a catalogue SDK whose text says it collects ("**Firebase
        # Analytics**: Collects anonymous usage data") is that SDK's record.
        return [
            _item_row(b, name, rest, vocab, catalogue)
            for b, (name, rest), is_name in zip(run, heads, names, strict=True)
            if is_name
            and rest
            and catalogue is not None
            and _heading_sdk(name, vocab, name_index(catalogue)) is not None  # the name is mostly the SDK's
            and _collects(vocab, rest)
        ]
    out: list[SdkRow] = []
    for b, (name, rest), is_name in zip(run, heads, names, strict=True):
        if not is_name or is_platform_api(name):
            continue
        if _SWITCHED_OFF.match(rest) is not None:
            continue  # an item marked as off ("Google Analytics (disabled)", "Mixpanel – removed")
        company = SDK_AFTER_COMPANY.match(b.text.strip(" .;；。*_-•"))
        if company is not None:
            # A company with its products in brackets ("Google LLC (Google AdMob, Firebase Analytics)"): the products.
            bracketed = [p for p in (_without_etc(p).strip() for p in _LABEL_SEP.split(company.group(2))) if p]
            if bracketed and all(shaped_name(p) for p in bracketed):
                out.extend(_item_row(b, p, rest, vocab, catalogue) for p in bracketed)
                continue
        product = _vendor_product(name, rest, svc)
        if product:
            out.append(_item_row(b, product, rest, vocab, catalogue))
            continue
        out.extend(_item_row(b, named, rest, vocab, catalogue) for named in _item_names(name, vocab))
    return out


# A section title about the outside APIs the app calls ("APIs Used", "Third-party API", "api使用", "调用的接口");
# not the app's own API or its keys ("保护您的 API 密钥").
_API_TITLE = re.compile(r"(?<![a-z])apis?(?![a-z])(?!\s*(?:key|密钥|令牌|token))|接口(?!\s*(?:密钥|令牌))", re.I)


# An item's rest saying its product is off, in brackets or after a dash ("(disabled)", "– removed in v2").
_SWITCHED_OFF = re.compile(
    r"^\W{0,3}(?:currently\s+)?(?:disabled|removed|deprecated|unused|not\s+(?:yet\s+)?(?:used|integrated|active|enabled)|"
    r"no\s+longer\s+used|turned\s+off|switched\s+off|inactive)\b(?!\s+(?:by\s+default|until|unless))",
    re.I,
)


_VENDOR_BRACKET = re.compile(r"^\s*[(（]?([^()（）]{2,40})[)）]")


def _vendor_product(name: str, rest: str, svc: policy_services.Services) -> str:
    """The product an item names in brackets after its vendor ("**Google (Gemini API):** We use …"): the vendor
    alone is a company, the product is the row; "" otherwise."""
    if normalize_policy_text(name) not in svc.companies:
        return ""
    m = _VENDOR_BRACKET.match(rest)
    inner = m.group(1).strip() if m is not None else ""
    return inner if inner and inner.isascii() and shaped_name(inner) and "," not in inner else ""


_SUB_HEADING_WORDS = 6  # a category sub-heading ("Authentication & User Management"), not a sentence


def _nested_service_rows(
    run: Sequence[Block],
    heads: Sequence[tuple[str, str]],
    names: Sequence[bool],
    vocab: Vocab,
    catalogue: Catalogue | None,
    svc: policy_services.Services,
) -> list[SdkRow]:
    """Bare items under a category sub-heading of a third-party section ("## Third-Party Services" >
    "### Authentication" > "- Supabase Authentication", "- Email verification services"): the items written as
    products (a catalogue or services-list name, or a capitalised name that is not only generic words) are rows
    when they are half the run or more; items that describe a kind of service are not."""
    headings = run[0].headings
    if len(headings) < 2 or len(headings[-1].split()) > _SUB_HEADING_WORDS:
        return []
    if not any(names_sdks(vocab, h) for h in headings[:-1]) or names_sdks(vocab, headings[-1]):
        return []
    if vocab.sdk_not_used.search(normalize(" ".join(headings))) is not None:
        return []
    products = [
        is_name
        and _DENIED_ITEM.match(name) is None
        and shaped_name(name)  # a name, not a sentence ("AdMob may use cookies and similar technologies")
        and (
            in_catalogue(name, catalogue)
            or _mostly_known(_BRACKET_TEXT.sub("", name), catalogue, svc)
            or (_label_value_name(name, svc) and (camel_product(name) or _with_known_brand(name, catalogue, svc)))
        )
        for (name, _rest), is_name in zip(heads, names, strict=True)
    ]
    if not any(products) or 2 * sum(products) < len(run):
        return []
    return [
        _item_row(b, name, rest, vocab, catalogue)
        for b, (name, rest), product in zip(run, heads, products, strict=True)
        if product and not is_platform_api(name)
    ]


def _with_known_brand(name: str, catalogue: Catalogue | None, svc: policy_services.Services) -> bool:
    """A product name written as words that holds a catalogue, services-list or company name ("Supabase
    Authentication", "Google Sign-In"; not "Legal Address", "Data Collected")."""
    norm = normalize_policy_text(_BRACKET_TEXT.sub("", name))
    if svc.find(norm) or any(w in svc.companies for w in norm.split()):
        return True
    return catalogue is not None and any(True for _hit in name_index(catalogue).find(norm))


_TURN = re.compile(r"\b(?:but|however|whereas|instead)\b|但是|但|而是|不过")
# Where a lead-in turns from what it denies to what it lists ("We never sell your data, although we use
# service providers such as:").
_CONTRAST = re.compile(
    r"\b(?:although|though|but|however|except|apart from|other than|besides|save for)\b|但是|但|不过|除了|然而", re.I
)
# An item denying what it names ("No Firebase", "Not Google Analytics", "无广告SDK", "不使用友盟", "❌ Sentry").
_DENIED_ITEM = re.compile(r"^\W{0,3}(?:(?:no|not|without|never)\s|无|不使用|不接入|未接入|未使用|❌|✗|✘)", re.I)
# Words that make a Chinese item a clause addressed to the reader or told by the author ("请您理解并知悉",
# "我们使用了友盟SDK", "您选择通过…分享您的个人信息时"), not a name.
_ZH_CLAUSE = re.compile(r"您|你|我们|我方|请|如果|若您|知悉|同意|还会|可能会|[时中]$")


def _clause_name(name: str) -> str:
    """The name an item states ("我们使用了友盟SDK" -> "友盟SDK"); "" for an item that is a clause naming no
    product ("请您理解并知悉", "接入第三方SDK": a category after a verb of use). Latin names are kept as they are."""
    if name.isascii():
        return name
    purpose = _ZH_PURPOSE.search(name, 2)
    if purpose is not None and _ZH_CLAUSE.search(name, 0, purpose.start()) is None:
        # A title line and the purpose line under it, run together ("(1)蜂鸟同步服务" / "用于同步您的书签"): the
        # name is the title's, when it says it is a product.
        head = name[: purpose.start()].strip(" ，,（(")  # "Quokka（用于崩溃上报）": the bracket opens the purpose
        if head and _label_value_name(head, policy_services.load()):
            return head
    sdk = _SDK_END.search(name)
    if sdk is not None and _ZH_USED_BEFORE.search(name, 0, sdk.start()) is not None:
        start, named = zh_name_span(name, sdk.start())
        return name[start:] if named and len(zh_brand(named)) >= 2 else ""
    bare = _BRACKET_TEXT.sub("", name)
    if _ZH_CLAUSE.search(bare) is not None:
        return ""
    used = _ZH_SUBJECT_USES.match(name)
    if used is not None:
        # An item written as a sentence about what the app or a feature of it uses ("本平台使用蜂鸟开放平台提供的
        # 登录服务", "本功能使用 Quokka AI 服务，…"): the product it names, when that is one.
        obj = _ZH_OBJECT_END.split(name[used.end() :], maxsplit=1)[0].strip()
        return obj if obj and _label_value_name(obj, policy_services.load()) else name
    return name


# A Chinese sentence opened by the app or a feature of it as the user of what it names, then a verb of use (a
# Latin subject may be a product itself: "Quokka 使用 Google 服务器").
_ZH_SUBJECT_USES = re.compile(
    r"^本(?:平台|功能|应用|软件|产品|服务|APP|App|app)\s*(?:还|也|将|会|可)?\s*(?:使用|采用|接入|集成|借助|调用)了?\s*"
)
# Where the used product's name ends: who provides it, a purpose or a clause.
_ZH_OBJECT_END = re.compile(r"提供的|所提供|的|进行|处理|来|用于|以|[，,。；;：:（(]")


def _item_names(name: str, vocab: Vocab) -> list[str]:
    """The names a list item gives: its name (`_clause_name`), or, for a clause, the products it lists in
    brackets right after "SDK" ("我们可能会使用程序化广告SDK（穿山甲、huawei）来为你推荐广告" -> 穿山甲, huawei)."""
    named = _clause_name(name)
    pieces = slash_pieces(named)
    if pieces:
        return pieces  # names side by side ("video_player / just_audio：媒体播放"): a row each
    if named and "、" in named and not named.isascii():
        # Products listed in one item ("OPPO推送、vivo推送、小米推送、华为推送：用于消息推送"): a row each when
        # every piece is written as a product ("<brand>SDK", "<brand>推送").
        parts = [p.strip() for p in named.split("、")]
        if all(
            2 <= len(p) <= 24 and (_SDK_END.search(p) is not None or ZH_PRODUCT_END.search(p) is not None)
            and len(zh_brand(p)) >= 2
            for p in parts
        ):
            return parts
        # Latin product names joined by the Chinese enumeration comma ("MapTiler / OpenFreeMap、Valhalla、Photon"):
        # a row each when every piece is a capitalised Latin name.
        latin = [re.sub(r"^[^\w(]+", "", q).strip() for p in parts for q in re.split(r"\s+/\s+", p)]
        if len(latin) <= 8 and all(
            q.isascii() and 2 <= len(q) <= 40 and q[:1].isupper() and len(q.split()) <= 4 for q in latin
        ):
            return latin
    if named or ("（" not in name and "(" not in name):
        return [named] if named else []
    out: list[str] = []
    for m in _BRACKET_TEXT.finditer(name):
        if _SDK_END.search(name, 0, m.start()) is None:
            continue  # the bracket lists the products of an SDK category ("广告SDK（A、B）"), not share targets
        items = [_without_etc(it) for it in _EXAMPLE_SEP.split(m.group()[1:-1])]
        items = [it for it in items if it]
        if items and all(
            len(it) <= 16 and _name_like(it, vocab) and not is_data_item(it, vocab) and _ZH_CLAUSE.search(it) is None
            and _CATEGORY.search(it) is None and (it.isascii() or len(zh_brand(it)) >= 2)
            for it in items
        ):
            out.extend(items)
    return out


_BRACKET_TEXT = re.compile(r"[（(][^（）()]*[)）]")
_ZH_USED_BEFORE = re.compile(r"您|你|我们|我方|请|接入|集成|使用|采用|嵌入|引入|包含")


def _collects(vocab: Vocab, rest: str) -> bool:
    """An item's text that opens by saying the named thing collects (its first clause, not denied)."""
    first = normalize(_CLAUSE.split(_BARE_URL.sub(" ", rest).strip(" []()"), maxsplit=1)[0])  # not a link's words
    return vocab.collect.search(first) is not None and vocab.negation.search(first) is None


# What is left after a name once its bracketed description is cut out ("Supabase (auth, storage)." -> "Supabase ."):
# punctuation after a space ends the item's sentence, it is no part of the name.
_SPACED_END = re.compile(r"\s+[.,;:。，；：]+$")


def _item_row(b: Block, name: str, rest: str, vocab: Vocab, catalogue: Catalogue | None) -> SdkRow:
    name = _SPACED_END.sub("", name) or name
    types = (_declared_types(vocab, rest) or _data_list_types(vocab, rest)) if rest else []
    by = _PROVIDED_BY.search(rest)
    return build_row(
        vocab,
        catalogue,
        name=name,
        provider=(by.group(1) or by.group(2) or "").strip() if by else "",
        purpose=rest[:200],
        data="、".join(types_words(vocab, rest, types)),
        all_text=b.text,
        block_links=b.links,
        location=b.location,
        file=b.file,
        how="list",
    )


# A lead-in announcing more than one product ("the following", "these services", "our providers").
_MANY_LEAD = re.compile(
    r"\b(?:following|these|those|below|other|others|several|various|some|services|providers|partners|libraries|"
    r"sdks|tools|vendors|processors|companies|parties)\b",
    re.I,
)


def _about_one_product(lead: str, catalogue: Catalogue | None, svc: policy_services.Services) -> bool:
    """A lead-in ending with a colon that names one known product and announces no list of others ("We use
    Supabase (a Backend-as-a-Service provider) to store and process your data:")."""
    t = lead.strip()
    if not t.endswith((":", "：")) or len(t) > 200 or not t.isascii():
        return False
    bare = _BRACKET_TEXT.sub(" ", t)
    if _MANY_LEAD.search(bare) is not None:
        return False
    norm = normalize_policy_text(bare)
    names = {h.service.name for h in svc.find(norm)}
    if catalogue is not None:
        names |= {sig.id for _s, _e, _n, sig in name_index(catalogue).find(norm)}
    return len(names) == 1


def _parent_sdk(lead: str, vocab: Vocab, catalogue: Catalogue | None) -> str:
    """The SDK a lead-in introduces the parts of ("The app uses Google Firebase for:", "我们接入了友盟+的以下服务："):
    one catalogue name, a verb of use, and a colon ending the sentence; "" otherwise."""
    t = lead.strip()
    if catalogue is None or not t.endswith((":", "：")) or len(t) > 160:
        return ""
    norm = normalize_policy_text(t)
    found = {sig.id: (start, end) for start, end, _n, sig in name_index(catalogue).find(norm)}
    if len(found) != 1 or vocab.sdk_use.search(norm) is None:
        return ""
    ((start, end),) = found.values()
    return _original_case(t, norm[start:end])


def _component(name: str, vocab: Vocab) -> bool:
    """A part of an SDK written as a product name ("Crashlytics", "Remote Config"), not a data word, a phrase or a
    note's label ("Important Note")."""
    return (
        _name_like(name, vocab)
        and name[:1].isupper()
        and len(name.split()) <= 4
        and not is_data_item(name, vocab)
        and not _note_label(name)
    )


def _note_label(name: str) -> bool:
    """A note's label among a product's parts: title words only, one of them a note's ("Important Note",
    "Warning"; not "Remote Config", "Performance Monitoring")."""
    words = [w.strip(".,:;()*") for w in name.lower().split()]
    title = policy_services.load().title_words
    return name.isascii() and all(w in title for w in words if w) and not _NOTE_WORDS.isdisjoint(words)


_NOTE_WORDS = frozenset({"note", "notes", "notice", "warning", "tip", "important", "disclaimer"})


def _qualified(parent: str, name: str, catalogue: Catalogue | None) -> str:
    """A part's row name: as written when the catalogue knows it by itself ("Crashlytics"), else with its
    parent's name ("Google Firebase" + "Remote Config")."""
    if row_key(parent) in row_key(name) or in_catalogue(name, catalogue):
        return name
    return f"{parent} {name}"


def types_words(vocab: Vocab, text: str, types: Sequence[str]) -> list[str]:
    """The words of `text` that name `types` (the data cell a list or prose row is scored from)."""
    if not types:
        return []
    norm = normalize(text)
    words = []
    for h in vocab.find(norm):
        target = h.term.target if h.term.kind is TermKind.DATA else GENERIC_LOCATION
        if h.term.kind is not TermKind.PERMISSION and target in types:
            words.append(norm[h.start : h.end])
    return words


# ---------------------------------------------------------------- headings


# A lettered sub-heading's letter ("a) OpenAI", "b. Supabase").
# A heading's letter or number ("a) OpenAI", "b. Supabase", "12b. Meta Audience Network", "3.1 X", "4) X").
_LETTERED = re.compile(r"^\s*(?:[a-z]|\d{1,3}[a-z]?|\d{1,3}(?:\.\d{1,3})+)[)）.]?\s+(?=\S)")
# Names joined in one heading ("Firebase Analytics / Firebase Performance Monitoring", "极光推送、友盟统计").
_HEADING_WORD_SEP = re.compile(r"[\s&+]+")
_HEADING_JOIN = re.compile(r"\s+/\s+|、")


def _heading_sdk(head: str, vocab: Vocab, index: NameIndex) -> Signature | None:
    """The catalogue SDK a heading (or one part of it) is the name of: a catalogue name written as a product
    (capitalised when Latin) that is most of the heading ("Firebase Crashlytics", "Facebook SDK") or the
    heading's rest is only product words ("Unity Analytics": the catalogue's "Unity" and "Analytics"),
    not a word in a title ("What app metrics are collected")."""
    norm = normalize_policy_text(head)
    compact = norm.replace(" ", "")
    best: tuple[int, int, Signature] | None = None
    for start, end, _name, sig in index.find(norm):
        named = _original_case(head, norm[start:end])
        if named.isascii() and (named == named.lower() or len(named) < 3):
            continue  # a word of a title ("App metrics"), not a product's name
        if best is None or end - start > best[1] - best[0]:
            best = (start, end, sig)
    if best is None:
        return None
    start, end, sig = best
    if (end - start) * 3 >= len(compact) * 2:
        return sig
    rest = (norm[:start] + " " + norm[end:]).strip()
    words = [w for w in _HEADING_WORD_SEP.split(rest) if w]
    # Only product words around the name, none of them a document or data word.
    if words and all(w in vocab.sdk_context.words for w in words):
        return sig
    return None


def heading_rows(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """A section headed by an SDK name ("#### Firebase Crashlytics", "### Google Firebase") is that SDK's
    record: the heading names it, the section's text says what it collects. A heading naming two SDKs
    ("A / B") gives both. Under a section titled as third-party services ("## Third-Party Services"), a
    run of sub-headings that are product names written in Latin letters ("### a) OpenAI",
    "### b) Supabase") are rows too when at least one of them is a catalogue name."""
    if catalogue is None:
        return []
    index = name_index(catalogue)
    rows: list[SdkRow] = []
    sections: dict[tuple[str, ...], list[Block]] = {}
    for b in doc.blocks:
        if b.headings:
            sections.setdefault(b.headings, []).append(b)
    # headings -> (the names it gives, whether each is a catalogue SDK)
    named: dict[tuple[str, ...], list[tuple[str, bool]]] = {}
    for headings in sections:
        head, _rest = item_head(_LETTERED.sub("", headings[-1]))
        if not _name_like(head, vocab):
            continue
        parts = [p.strip() for p in _HEADING_JOIN.split(head) if p.strip()]
        found = [(p, _heading_sdk(p, vocab, index) is not None) for p in parts]
        named[headings] = found if all(known for _p, known in found) else [(head, False)]
    rows_of = _service_headings(named, sections, vocab)
    # A heading that is a product name whose section opens by linking to its privacy policy (TermsFeed:
    # "Stripe" / "Their Privacy Policy can be viewed at https://stripe.com/privacy").
    # Also a product heading with its maker in brackets (iubenda: "Quokkalytics (Quokka Labs Ltd.)"). The
    # document's first heading is its title (the app's own name), never a third party.
    first = next((b.headings[:1] for b in doc.blocks if b.headings), None)
    rows_of |= {
        h
        for h, found in named.items()
        if len(found) == 1
        and h != first
        and shaped_name(found[0][0])
        and not is_data_item(found[0][0], vocab)
        and _CATEGORY.search(found[0][0]) is None
        and (
            (
                _policy_link(sections[h][0].links)
                and _POLICY_PATH.search(sections[h][0].text) is not None
                and len(sections[h][0].text) <= 200
            )
            or bool(split_company(_LETTERED.sub("", h[-1]).strip())[1])
            or _links_its_site(found[0][0], sections[h])
        )
    }
    own = _self_names(doc) if rows_of else set()
    bold = _bold_heading_rows(doc, vocab, catalogue)
    if bold:
        own = own or _self_names(doc)
        rows.extend(r for r in bold if not _is_own(r.name, own))
    for headings, found in named.items():
        if not (all(known for _p, known in found) or (headings in rows_of and not _is_own(found[0][0], own))):
            continue
        blocks = sections[headings]
        text = " ".join(b.text for b in blocks[:6] if b.kind is not BlockKind.TABLE_ROW)
        types = _declared_types(vocab, text)
        for head, _known in found:
            rows.append(
                build_row(
                    vocab,
                    catalogue,
                    name=head,
                    # The maker in brackets after the name ("Quokkalytics (Quokka Labs Ltd.)").
                    provider=split_company(_LETTERED.sub("", headings[-1]).strip())[1] if len(found) == 1 else "",
                    data="、".join(types_words(vocab, text, types)),
                    all_text=head,
                    block_links=blocks[0].links,
                    location=blocks[0].location,
                    file=blocks[0].file,
                    how="heading",
                    quote=headings[-1][:240],
                )
            )
    return rows


# A line that is only a bold name: a pseudo-heading ("**Printful**", "__Stripe and PayPal__", "<b>Sentry</b>").
_BOLD_LINE = re.compile(
    r"^\s*(?:\*\*|__)([^*_<>\n]{2,60}?)(?:\*\*|__)\s*[:：]?\s*$|^\s*<(?:b|strong)>([^<>\n]{2,60})</(?:b|strong)>\s*$",
    re.I,
)
_BOLD_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*|、|和|及)\s*")
_MAX_BOLD = 200  # pseudo-headings read in one document


def _bold_heading_rows(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """Services written under bold pseudo-headings ("**Printful**" then "We have selected Printful to provide
    our shopfront … shared with Printful"): in a section titled as third parties, a paragraph that is only a
    bold product name (one or a few joined by "and", "/", "、") whose text below, up to the next such line,
    names it again with a verb of data or use."""
    marks = ("**", "__", "<b", "<B", "<strong", "<STRONG")
    bold: set[str] = set()
    for line in source_lines(doc):
        if any(m in line for m in marks):
            m = _BOLD_LINE.match(line)
            if m is not None:
                bold.add((m.group(1) or m.group(2)).strip(" :："))
                if len(bold) >= _MAX_BOLD:
                    break
    if not bold:
        return []
    svc = policy_services.load()
    blocks = doc.blocks
    rows: list[SdkRow] = []
    for i, b in enumerate(blocks):
        head = b.text.strip(" *_:：")
        if b.kind is not BlockKind.PARAGRAPH or head not in bold or not b.headings:
            continue
        if not any(svc.section.search(normalize(h).replace("-", " ")) is not None for h in b.headings):
            continue
        body: list[Block] = []
        for nb in blocks[i + 1 : i + 8]:
            if nb.headings != b.headings or nb.text.strip(" *_:：") in bold:
                break
            body.append(nb)
        text = " ".join(x.text for x in body)
        # Or the name's record is only a link to its privacy policy (TermsFeed: "**Stripe**" / "Their Privacy
        # Policy can be viewed at https://stripe.com/privacy").
        linked = bool(body) and len(body[0].text) <= 200 and _policy_link(
            (*body[0].links, *_URL.findall(body[0].text))
        ) and _POLICY_PATH.search(body[0].text) is not None
        if not text or vocab.negation.search(normalize(text[:300])) or (
            svc.verbs.search(normalize(text)) is None and not linked
        ):
            continue
        for part in (p.strip() for p in _BOLD_SEP.split(head)):
            if (
                not part
                or (part not in text and not linked)
                or not (shaped_name(part) or in_catalogue(part, catalogue))
                or is_data_item(part, vocab)
                or _CATEGORY.search(part) is not None
            ):
                continue
            types = _declared_types(vocab, text[:2000])
            rows.append(
                build_row(
                    vocab,
                    catalogue,
                    name=part,
                    data="、".join(types_words(vocab, text[:2000], types)),
                    all_text=part,
                    block_links=tuple(link for x in body for link in x.links),
                    location=b.location,
                    file=b.file,
                    how="heading",
                    quote=head[:240],
                )
            )
    return rows


_HOST = re.compile(r"^(?:https?:)?//(?:www\.)?([^/?#:]+)", re.I)


def _links_its_site(name: str, blocks: Sequence[Block]) -> bool:
    """A section under a product heading that links to the product's own site ("### ProfitWell" / "* [Official
    website](https://www.profitwell.com/)"): a link in its first blocks to a site named so ("profitwell.com";
    "pcicomplianceguide.org" is no site of "PCI Compliance") or by the name's initials ("Amazon Web Services":
    "aws.amazon.com")."""
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    if len(key) < 3:
        return False
    abbr = initials(name, min_words=3, case=str.lower)  # "aws.amazon.com"
    for b in blocks[:4]:
        for link in b.links[:10]:
            m = _HOST.match(link)
            parts = m.group(1).lower().split(".") if m is not None else []
            site = parts[-2].replace("-", "") if len(parts) >= 2 else ""
            if site.startswith(key) and len(site) - len(key) <= 3:  # "intercom.com", "gleam.io", "stripehq.com"
                return True
            if abbr and abbr in parts[:-1]:
                return True
    return False


_THIRD_PARTY = re.compile(r"\b3rd[- ]party\b")
# A product written in Latin letters: a capitalised word ("OpenAI", "Supabase", "Facebook/Meta").
_TOKEN_SEP = re.compile(r"[\s/]+")
_LATIN_PRODUCT = re.compile(r"^[A-Z][\w.+-]*(?:[ /][A-Z0-9][\w.+-]*){0,3}$")


def _service_headings(
    named: dict[tuple[str, ...], list[tuple[str, bool]]], sections: dict[tuple[str, ...], list[Block]], vocab: Vocab
) -> set[tuple[str, ...]]:
    """The sub-headings of a third-party services section that are product names (see `heading_rows`)."""
    out: set[tuple[str, ...]] = set()
    svc = policy_services.load()
    by_parent: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for headings in named:
        if len(headings) >= 2:
            by_parent.setdefault(headings[:-1], []).append(headings)
    for parent, subs in by_parent.items():
        # Titled as third parties ("Third-Party Services", "第三方SDK"), not only as services ("Our Services"):
        # the parent section or one it is part of ("# Third-Party Services" / "## With access to PII" /
        # "### Datadog").
        titles = [normalize(t) for t in parent]
        if len(subs) < 2 or (not any(
            vocab.sdk_cue.search(title) is not None or _THIRD_PARTY.search(title) is not None for title in titles
        ) and not any(names_sdks(vocab, t) for t in parent)):  # also "Services we use", "Sub-processors"
            continue
        # Known: catalogue SDKs, or one name of the services list ("### 七牛云", "### Supabase").
        known = [h for h in subs if all(k for _p, k in named[h]) or _listed_service(named[h], svc)]
        records = [h for h in subs if _party_record(named[h], sections[h], vocab)]
        zh_products = [h for h in subs if _zh_product_heading(named[h], vocab)]
        products = [
            h
            for h in subs
            if h in known
            or h in records
            or h in zh_products
            or _service_name(named[h], " ".join(b.text for b in sections[h][:6]), vocab)
        ]
        # A catalogue name among them, two recipients' records or two Chinese product names ("#### 蜂鸟推送SDK",
        # "#### 云雀统计") says the run names products.
        if (known or len(records) >= 2 or len(zh_products) >= 2) and 2 * len(products) >= len(subs):
            out.update(products)
    return out


def _zh_product_heading(found: Sequence[tuple[str, bool]], vocab: Vocab) -> bool:
    """A sub-heading that is one Chinese product name saying it is one: a brand before "SDK" or a product word
    ("蜂鸟推送SDK", "云雀统计", "星河开放平台"); not a kind ("推送SDK"), a phrase or a data item."""
    if len(found) != 1:
        return False
    name = found[0][0].strip(" *_`")
    if name.isascii() or len(name) > 20 or ZH_PHRASE.search(name) is not None or is_data_item(name, vocab):
        return False
    if _CATEGORY.search(name) is not None or len(zh_brand(simplified(name))) < 2:
        return False
    return _SDK_END.search(name) is not None or ZH_PRODUCT_END.search(simplified(name)) is not None


def _listed_service(found: Sequence[tuple[str, bool]], svc: policy_services.Services) -> bool:
    """A sub-heading that is one name of the services list, whole ("七牛云", "Supabase"), no platform."""
    if len(found) != 1:
        return False
    key = normalize_policy_text(found[0][0].strip(" *_`"))
    return key not in svc.platforms and _a_service(key, svc)


def _service_name(found: Sequence[tuple[str, bool]], text: str, vocab: Vocab) -> bool:
    """A sub-heading that is one product name written in Latin letters, not a category ("Analytics",
    "Payment processors") or a data item, and written as a proper noun: camel case ("RevenueCat") or
    capitalised inside a sentence of its section ("We use Supabase for storage"; "Payments are processed
    by …" capitalises only the sentence's first word), or heading a section written in Chinese."""
    if len(found) != 1:
        return False
    name = found[0][0]
    words = normalize(name).split()
    if (
        _LATIN_PRODUCT.match(name) is None
        or _CATEGORY.search(name) is not None
        or is_data_item(name, vocab)
        or all(w in vocab.sdk_context.words for w in words)
    ):
        return False
    tokens = [t for t in _TOKEN_SEP.split(name) if t]
    # In a Chinese section a Latin heading is a name by itself: Chinese is not written in capitals.
    chinese = len(_CJK_CHAR.findall(text)) * 3 > len(text)
    if chinese or any(_CAMEL.search(t) is not None or _capitalised_inside(t, text) for t in tokens):
        return True
    # The heading's words as its section writes the package's name ("URL Launcher" / "We use url_launcher",
    # "Shared Preferences" / "shared-preferences"): a library, named as code.
    words = [t.lower() for t in tokens]
    return len(words) >= 2 and any(sep.join(words) in text for sep in ("_", "-"))


# The keys of a recipient's record under its heading ("* **Has access to:** …", "*Legal Address:* …",
# "Data Processing Location: EU", "处理地点：…", "共享信息：…"): the heading names the recipient.
_PARTY_KEY = re.compile(
    r"^\W{0,4}(?:(?:has|have|does not have|doesn't have|with|without)\s+access\s+to|(?:data\s+)?processing\s+"
    r"location|legal\s+(?:address|entity)|registered\s+address|data\s+(?:shared|processed|transferred|"
    r"accessed|collected|received)|information\s+(?:shared|processed|collected)|location\s+of\s+processing|"
    r"(?:its|their)\s+privacy\s+policy|共享(?:的)?(?:个人)?信息|处理(?:地点|地区|目的)|数据存储地|接收方|"
    r"(?:收集|获取)(?:的)?(?:个人)?信息)\W{0,4}[:：]",
    re.I,
)


def _party_record(found: Sequence[tuple[str, bool]], blocks: Sequence[Block], vocab: Vocab) -> bool:
    """A sub-heading that is one product name whose section is a recipient's record: a line of its first
    blocks opens with a record key (`_PARTY_KEY`: "Has access to:", "Legal Address:")."""
    if len(found) != 1:
        return False
    name = found[0][0]
    if not shaped_name(name) or is_data_item(name, vocab) or _CATEGORY.search(name) is not None:
        return False
    return any(_PARTY_KEY.match(b.text) is not None for b in blocks[:8])


_CAMEL = re.compile(r"[a-z][A-Z]")


def _capitalised_inside(token: str, text: str) -> bool:
    """`token` written as is inside a sentence of `text`, not as the sentence's or line's first word."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(token) + r"(?![\w-])", text):
        before = text[: m.start()].rstrip()
        if before and before[-1] not in ".!?:;•*-–—":
            return True
    return False


# ---------------------------------------------------------------- prose


# A definition of a term ("第三方SDK：指由第三方提供的软件开发工具包，例如友盟、极光等", "关联方是指…", "本政策所称
# X，系指…"): its examples explain the word, they are no SDKs the app uses; one saying what the app itself uses
# ("…指我们接入的友盟SDK") names them.
_ZH_DEFINITION = re.compile(
    r"^\s*(?:[^，。；,;：:]{1,30}?(?:[：:]\s*(?:是|系)?指|[，,]?\s*(?:是指|系指))|(?:本政策|本隐私政策|本协议)?所称)"
)
_ZH_OWN_USE = re.compile(r"(?:我们|本应用|本软件|本app|本产品)[^，。；]{0,6}?(?:接入|集成|使用|采用|嵌入|引入)", re.I)


def _zh_definition(sentence: str) -> bool:
    """A Chinese sentence defining a term (`_ZH_DEFINITION`) without saying what the app itself uses."""
    if "指" not in sentence and "所称" not in sentence:
        return False
    simp = simplified(sentence)
    return _ZH_DEFINITION.match(simp) is not None and _ZH_OWN_USE.search(simp) is None


def prose_rows(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """SDKs named in running text with a verb of use (see the module docstring)."""
    if catalogue is None:
        return []
    index = name_index(catalogue)
    rows: list[SdkRow] = []
    prev: Block | None = None
    lead: Block | None = None
    for b in doc.blocks:
        if b.kind is BlockKind.TABLE_ROW:
            # A table's cells are read one by one: a sentence in a cell naming a service the row is not
            # about ("查询词发往 DuckDuckGo" in a row about the agent's network access). Rows repeating a
            # table row are dropped by `merge`.
            for cell in b.cells:
                if len(cell) > 20:
                    for sentence in iter_sentences(cell):
                        rows.extend(_sentence_rows(sentence, b, vocab, catalogue, index, " ".join(b.headings[-1:])))
            prev = b
            continue
        # What the sentence is about beyond itself: its section's title, the paragraph just above (a title
        # line "Third-party services", a lead "The following companies provide services…") and the paragraph's
        # opening.
        above = prev.text[:300] if prev is not None and prev.headings == b.headings else ""
        context = " ".join((b.headings[-1] if b.headings else "", above, b.text[:200]))
        if b.kind is not BlockKind.LIST_ITEM:
            lead = b
        elif lead is not None and lead.headings == b.headings and lead is not prev:
            # A list item is also about what its lead-in says ("Information shared by our partners" / "- …").
            context = f"{context} {lead.text[-300:]}"
        # A list under a heading or a lead-in (its last sentence, ending with a colon) that denies ("以下SDK未集成：",
        # "We do not use the following services:"): its items name products the app does not use.
        lead_denied = b.kind is BlockKind.LIST_ITEM and (
            _denied_lead(b.headings[-1] if b.headings else "", vocab)
            or (
                lead is not None
                and lead.headings == b.headings
                and lead.text.rstrip().endswith((":", "："))
                and _denied_lead(_CONTRAST.split(_LAST_SENTENCE.split(lead.text.rstrip()[-300:])[-1])[-1], vocab)
            )
        )
        if not lead_denied and not _contact_channel(b):
            for sentence in doc.sentences(b):
                if _zh_definition(sentence):
                    continue
                rows.extend(_sentence_rows(sentence, b, vocab, catalogue, index, context))
        prev = b
    # A name in prose that is the policy's author ("HabitatMap", the controller; "Calcitem", "以下简称
    # “Calcitem”或“我们”"; an SDK's own policy: "极光推送SDK（以下简称“本SDK”）") is no third party.
    own = _self_names(doc)
    return [r for r in rows if not _own_row(r, own)]


# A section telling how to reach the author ("九、如何联系我们", "Contact Us", "联系方式"): its items are channels.
_CONTACT_HEADING = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）])?\s*"
    r"(?:(?:如何|怎样)?(?:联系|聯繫|聯絡|联络)(?:我们|我們|方式|本人|作者|开发者|開發者)|(?:how to\s+)?contact(?:ing)?"
    r"(?:\s+(?:us|me|the developer|details|information|info))?)\s*[:：]?\s*$",
    re.I,
)
_CONTACT_VALUE = re.compile(r"https?://|www\.|@|[:：]\s*\S")
_TOOL_WORDS = re.compile(
    r"\b(?:runs?|hosted|handled|processed|stored|kept|collect\w*|powered|provided|managed|logged|recorded)\b", re.I
)
_REACH_WORDS = re.compile(r"\b(?:support|contact|reach|message|write|chat|email|e-mail)\b", re.I)


def _contact_channel(b: Block) -> bool:
    """A short list item of a contact section that gives a channel ("知乎: [someone](…)", "GitHub: https://…",
    "Email: a@b.c"), or a short line there on reaching the author: a way to reach the author, not a service of the
    app."""
    if not b.headings or _CONTACT_HEADING.match(b.headings[-1]) is None:
        return False
    if b.kind is BlockKind.LIST_ITEM and len(b.text) <= 120:
        return bool(b.links) or _CONTACT_VALUE.search(b.text) is not None
    # A short line of the section saying how to reach the author ("Write to us via the in-app form / WhatsApp.",
    # "Message us on Telegram."): the name is the channel.
    # ("Support chats run on Intercom", "Messages are stored in Zendesk" name the tool the author's support uses.)
    return (
        b.kind is BlockKind.PARAGRAPH
        and len(b.text) <= 120
        and b.text.isascii()
        and _REACH_WORDS.search(b.text) is not None
        and _TOOL_WORDS.search(b.text) is None
    )


# Where a policy names its author: '("we", "us")', "（以下简称“X”或“我们”）", "The controller … is X", "X built the
# … app", "provided by X at no cost".
_OWN_NAME = "([A-Z][\\w&.'-]*(?:\\s+[A-Z][\\w&.'-]*){0,3})"
# "某某科技（以下简称“我们”）": the name before a short name defined as "we". Its name group tries every position:
# a text without 以下 skips it (`_self_names`).
_SELF_SHORT_NAME = re.compile(
    r"([^\s，。；（(“\"\[\]]{2,30})\]?\s*[”\"]?\s*[（(]\s*以下(?:简称|称)[为:：]?\s*[“\"「]?\s*"
    r"(?:我们|我方|本公司|本SDK|本应用|本平台|本产品|本软件|本服务)"
)
_SELF_PATTERNS = (
    # 'Acme ("we")', 'Acme (we, us)', 'Acme ("Company")'; not "Acme (the company, its employees…)", nor a
    # bracketed clause "Razorpay (we do not store card details)".
    re.compile(
        _OWN_NAME + r"\s*[(（]\s*(?:the\s+)?(?:[\"“”'‘](?i:we|us|our|company|the company)|(?:we|us|our))\b"
        r"(?!\s+(?!or\b|and\b)[a-z])"
    ),
    re.compile(r"controller\b[^.]{0,60}?\bis\s+" + _OWN_NAME),
    re.compile(_OWN_NAME + r"\s+built the\b"),
    # App Privacy Policy Generator: 'created by X (hereby referred to as "Service Provider")'.
    re.compile(
        _OWN_NAME + r"\s*\(\s*(?i:(?:hereby|hereinafter|hereafter)?\s*(?:referred to as|called)\s*[\"“]"
        r"(?:service provider|company|developer|we|us|operator))"
    ),
    re.compile(r"provided by\s+" + _OWN_NAME + r"\s+at no cost"),
    _SELF_SHORT_NAME,
    re.compile(r"以下(?:简称|称)\s*[“\"「]([^”\"」]{1,30})[”\"」]\s*(?:或|、)\s*[“\"「]?(?:我们|我方|本公司)"),
    # The author's short name beside "we" without "以下简称" ("北京某某科技有限公司（“融云”或“我们”）").
    re.compile(r"[（(]\s*[“\"「]([^”\"」]{1,30})[”\"」]\s*(?:或|、|/)\s*[“\"「]?(?:我们|我方|本公司)"),
    # The reader thanked for using the app ("感谢您使用 Linkn App", "Thank you for choosing Acme Notes").
    re.compile(r"(?:感谢|谢谢|欢迎)(?:您|你)?(?:选择|使用|信任|下载|安装)(?:了)?\s*" + _OWN_NAME),
    re.compile(r"(?i:thank(?:s| you) for (?:using|choosing|downloading|installing|trusting|visiting))\s+" + _OWN_NAME),
    # The app with the short term the text calls it by ("WoWo Chrome 扩展（「扩展」）", 'Acme Notes (the "App")').
    re.compile(
        _OWN_NAME + r"\s*(?:扩展|插件|应用|软件|客户端|App|app)?\s*[（(]\s*(?i:the\s+)?[「“\"'‘]\s*"
        r"(?:扩展|插件|本应用|应用|软件|本软件|客户端|(?i:app|application|extension|service|software|plugin))\s*[」”\"'’]"
    ),
    # "FacilMap is a combination of services provided by FacilMap itself and third-party services".
    re.compile(r"\bby\s+" + _OWN_NAME + r"\s+itself\b"),
    # The policy's scope: whose collecting it explains ("本隐私政策说明…时，FlyEnv 如何收集…", "This Privacy
    # Policy explains how Acme collects…") and whose product it covers ("本政策仅适用于某某公司的DCloud开发者中心…",
    # "This policy applies to Acme Notes").
    re.compile(r"(?:本|此|该)(?:隐私)?(?:政策|声明|指引)[^。；]{0,100}?([A-Za-z][A-Za-z0-9.-]{1,30})\s*如何(?:收集|使用|处理|保护)"),
    re.compile(
        r"(?i:(?:this|our)\s+(?:privacy\s+)?(?:policy|notice|statement)\s+(?:explains|describes|sets out|tells you)"
        r"\s+how\s+)" + _OWN_NAME + r"\s+(?:collects|uses|processes|handles|protects)\b"
    ),
    re.compile(
        r"(?:本|此|该)(?:隐私)?(?:政策|声明|指引)(?:仅|只)?适用于(?:[^。；]{0,40}?的)?\s*"
        r"(?:产品|应用|软件|服务|客户端|(?i:app))?\s*[「“\"《]?\s*([A-Za-z][A-Za-z0-9.-]{1,30})"
    ),
    re.compile(
        r"(?i:(?:this|our)\s+(?:privacy\s+)?(?:policy|notice|statement)\s+(?:only\s+)?applies\s+(?:only\s+)?to\s+"
        r"(?:the\s+)?)" + _OWN_NAME
    ),
    # The author's short name quoted beside "we" ('Acme Labs, Inc. ("Acme," "Acme.io," "we," or "us")').
    re.compile(
        r"[(（]\s*(?:the\s+)?[\"“]([A-Z][^\"”,()]{1,30}?)\s*,?\s*[\"”]\s*,?\s*(?:(?:and|or)\s+)?"
        r"(?:[\"“][^\"”()]{1,30}[\"”]\s*,?\s*(?:(?:and|or)\s+)?){0,3}[\"“]?(?i:we|us|our)\b"
    ),
    # Who made the app ("Acme Notes is made by Foo Labs LLC", "Acme is published by Bar s.r.o."); a provider of a
    # service ("Firebase is provided by Google") is no author.
    re.compile(_OWN_NAME + r"\s+(?:is|was)\s+(?:made|developed|built|created|published|designed)\s+by\b"),
)


_TITLE_NAME = re.compile(
    r"^\s*《?\s*(.{2,30}?)\s*(?:应用|软件|App|APP)?\s*"
    r"(?:隐私政策|隐私协议|隐私权政策|隐私声明|(?i:privacy policy|privacy notice))\s*》?\s*$"
)
# "关于X与隐私的声明", "关于X的隐私政策": the title names the app after "关于".
_TITLE_ABOUT = re.compile(
    r"^\s*关于\s*(.{2,30}?)\s*(?:应用|软件|App|APP)?\s*(?:与|和|的)\s*隐私(?:的)?(?:政策|声明|协议)\s*$"
)
# "Privacy Policy for X", "Privacy Policy - X", "Privacy Notice of the X App": the title names the app after it.
_TITLE_FOR = re.compile(
    r"^\s*(?i:privacy\s+(?:policy|notice|statement))\s*(?:for|of|[-–—:|])\s*(?i:the\s+)?(.{2,30}?)"
    r"\s*(?i:mobile\s+app|app|application)?\s*$"
)
_TITLE_NOTE = re.compile(r"(?<=\S)\s*[（(][^()（）]{1,30}[)）]\s*$")
_GENERIC_TITLE = frozenset({"app", "application", "mobile", "our", "the"})
_USED_BEFORE = re.compile(r"集成|接入|使用|采用|嵌入|引入|\b(?:uses?|using|integrat\w*)\b", re.I)
_OPENING_SELF = re.compile(r"([^\s，。；（(“\"\[\]]{2,30})\]?\s*[”\"]?\s*[（(]\s*以下(?:简称|称)")
_SELF_CUE = re.compile(
    r"\b(?:we|us|company|controller|built|referred to as|thank|thanks|itself|applies|explains|describes|sets out|"
    r"tells you|made by|developed by|created by|published by|designed by)\b|at no cost|以下|感谢|谢谢|欢迎|如何|适用于|"
    r"[「“\"']",
    re.I,
)


_TRAD_SELF_CUE = re.compile(r"感謝|謝謝|歡迎|簡稱|以下稱|適用於|隱私|聲明|應用|軟體")


def _self_names(doc: Document) -> set[str]:
    """Compact keys of the names the policy gives its author (`_SELF_PATTERNS`), from its first blocks and
    any block saying who the controller is (bounded: a few hundred blocks)."""
    out: set[str] = set()
    # The document's title names the app or the service whose policy it is ("《融云 RTC 隐私政策》", "Linkn
    # Privacy Policy"); a generic title ("隐私政策", "App Privacy Policy") names nobody.
    # The title is the first block's heading or text, or the heading of the first blocks after a decoration
    # before it ("👶", a logo's alt text).
    titles = [b.headings[0] for b in doc.blocks[:3] if b.headings][:1]
    # A generic title over the app's own one ("# Privacy Policy" / "## Quokka App Privacy Policy" first under it).
    titles += [b.headings[1] for b in doc.blocks[:1] if len(b.headings) > 1]
    # (A first block that is a list item or a link is no title: "- [X隐私政策](…)" right under the headings.)
    titles += [
        b.text for b in doc.blocks[:1] if len(b.text) <= 60 and b.kind is not BlockKind.LIST_ITEM and not b.links
    ]
    for title in titles:
        # A bracket after the title says which version or language it is ("X Privacy Policy (draft)", "X 隐私政策
        # （Privacy Policy）"): the title without it.
        title = _TITLE_NOTE.sub("", title) or title
        m = (
            _TITLE_NAME.match(simplified_chars(title))
            or _TITLE_ABOUT.match(simplified_chars(title))
            or _TITLE_FOR.match(title)
        )
        named = m.group(1).strip(" 《》·-–—:：#") if m is not None else ""  # "#Title": a heading without its space
        if (
            named
            and shaped_name(named)
            and len(zh_brand(named) if not named.isascii() else named) >= (3 if named.isascii() else 2)
            and (not named.isascii() or any(w not in _GENERIC_TITLE for w in named.lower().split()))
        ):
            out.add(row_key(named))
    seen = 0
    for b in doc.blocks[:400]:
        # Traditional Chinese read in Simplified characters ("感謝您使用 FlirtScan（以下簡稱「本應用」）").
        traditional = not b.text.isascii() and _TRAD_SELF_CUE.search(b.text) is not None  # (its cues are Chinese)
        text = simplified_chars(b.text) if traditional else b.text
        # In the policy's opening (its first 1,500 characters) any short name defined for a party is the
        # author's ("独立游戏开发者Olsc（以下简称“Olsc”）"); later one may be a third party's ("腾讯").
        if seen < 1500 and "以下" in text:  # (every `_OPENING_SELF` match holds it)
            for m in itertools.islice(_OPENING_SELF.finditer(text), 5):
                key = row_key(m.group(1))
                # Not a third party the opening says the app uses ("本应用集成了蜂鸟统计SDK（以下简称“蜂鸟”）").
                if len(key) >= 3 and _USED_BEFORE.search(text, max(0, m.start() - 40), m.end()) is None:
                    out.add(key)
        seen += len(text)
        if _SELF_CUE.search(text) is None:
            continue
        for rx in _SELF_PATTERNS:
            if rx is _SELF_SHORT_NAME and "以下" not in text:
                continue
            for m in itertools.islice(rx.finditer(text), 5):
                if m.group(1).isascii() and generic_words(m.group(1), policy_services.load().title_words):
                    continue  # a generic term for the author ('("Company," "we")'), no name
                key = row_key(m.group(1))
                # Two Chinese characters are a name ("融云"), two Latin letters are not.
                if len(key) >= 3 or (len(key) == 2 and _CJK_CHAR.search(key) is not None):
                    out.add(key)
    return out


def without_author(rows: Sequence[SdkRow], docs: Sequence[Document]) -> list[SdkRow]:
    """The rows of a policy set of several files without the list, heading and prose rows naming the author as
    another file of the set names it (a subprocessor page saying "Acme may engage", whose policy page says
    'Acme Labs, Inc. ("Acme," "we")'); within one file the readers drop them already."""
    if len(docs) < 2:
        return list(rows)
    own = set().union(*(_self_names(d) for d in docs))
    return [r for r in rows if r.how not in ("list", "heading", "prose") or not _own_row(r, own)]


def _is_own(name: str, own: set[str]) -> bool:
    key = row_key(simplified_chars(name))
    return bool(key) and any(key in k or k in key for k in own)


# What an author's name adds to a brand (compact keys): its company, team or site, not an app's words.
_AUTHOR_REST = re.compile(
    r"official|website|site|group|inc|ltd|llc|gmbh|technolog|labs?\b|studios?|team|company|corp|limited|holding"
)


def _own_row(r: SdkRow, own: set[str]) -> bool:
    """A row naming the author or its app (`_is_own`), or its own product (`_own_brand`); a catalogue or
    services-list product the app is named after stays a row ("Strava" in the policy of "Strava Sync")."""
    key = row_key(simplified_chars(r.name))
    if not key or not own:
        return False
    if any(key == k or k in key for k in own):
        return True
    inside = [k for k in own if key in k]
    if inside:
        # The author's company or site ("SenseTime" in "SenseTime Official Website") or an SDK vendor's own
        # product ("融云" in "融云 RTC") is the author; a known English product with an app's words around it is
        # the platform the app is named after ("Strava" in "Strava Route Sync").
        known = r.sdk_id is not None or bool(policy_services.load().find(normalize_policy_text(r.name)))
        return (
            not known
            or not all(k.isascii() for k in inside)
            or any(_AUTHOR_REST.search(k.replace(key, " ", 1)) for k in inside)
        )
    return _own_brand(r, own)


def _own_brand(r: SdkRow, own: set[str]) -> bool:
    """A Latin name no catalogue or services list knows that opens with the brand word of the policy's own name
    ("Wombat Cloud, our own server" or "- **Wombat Sync**: our sync backend" in the policy of Wombat Notes): the
    author's own product, no third party."""
    if not own or r.sdk_id is not None or not r.name.isascii():
        return False
    words = r.name.split()
    first = words[0].lower() if len(words) >= 2 else ""
    if len(first) < 4 or not first.isalpha() or title_words(first):
        return False
    svc = policy_services.load()
    if first in svc.companies or svc.find(normalize_policy_text(r.name)):
        return False
    return any(k.startswith(first) and len(k) > len(first) for k in own)


# A name given as the maker of a component the app contains ("map rendering software from MapBox, Inc.")
# or as the network its ads come from ("serves ads from Google AdMob").
_FROM_VENDOR = re.compile(
    r"(?:sdks?|librar(?:y|ies)|software|components?|plugins?|modules?|ads|adverts)\s+(?:from|by|through|via)\s+$"
)
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never)\s+(?:\w+\s+)?$")


# A function done by way of the name ("Error reporting via Bugsnag", "push notifications through OneSignal",
# "payments using Stripe"; logging in through an account, "log in through WeChat authorization", is no SDK use).
_FUNCTION_VIA = re.compile(
    r"(?:report(?:ing|s)?|analytics|tracking|monitoring|notifications?|messaging|payments?|purchases|billing|"
    r"advertising|translations?|backups?|hosting|sync(?:ing)?)"
    r"\s+(?:via|through|using|with)\s+$"
)


def _from_vendor(before: str) -> bool:
    """The text before a name ends with `_FROM_VENDOR`, not denied ("serves no ads from X")."""
    m = _FROM_VENDOR.search(before)
    return m is not None and _DENIED_BEFORE.search(before[: m.start()]) is None


# "X is not used", "is no longer used", "are never used" in the name's clause.
_NOT_USED = re.compile(
    r"\b(?:is|are|was|were|will)\s+(?:not|never|no longer)\s+(?:be\s+)?(?:used|integrated|included)\b"
    # An SDK the app has stopped using ("已停止使用友盟统计SDK", "已下线穿山甲", "已弃用", Traditional read as
    # Simplified).
    r"|停止(?:使用|接入|集成)|已(?:停用|弃用|下线|废弃)|不再(?:使用|接入|集成)"
    # Removed from the app ("我们已于2023年1月移除了个推SDK", "取消接入百度定位SDK", "本版本下架了腾讯广告SDK").
    r"|移除|去除|去掉|剔除|取消(?:了)?(?:接入|集成|使用)|下架了"
)
# Used once, not now, right before the name ("We stopped using X and now use Y", "previously used X but removed
# it", "used to include X"): that name only.
_STOPPED_BEFORE = re.compile(
    r"\b(?:(?:stopped|ceased|quit)\s+(?:using|integrating|including|sending\s+data\s+to)|(?:previously|formerly)"
    r"\s+(?:used|integrated|included)|used\s+to\s+(?:use|include|integrate)|no\s+longer\s+(?:uses?|integrates?)|"
    # "switched from X to Y", "our old policy from when we were using X"
    r"(?:switched|migrated|moved)\s+(?:away\s+)?from|when\s+\w+\s+(?:were|was)\s+using)\s+(?:the\s+)?$"
)


# What an item of an enumeration adds around its name in its own clause (", Firebase,", " or Mixpanel").
_ENUM_ITEM_REST = re.compile(r"^[\s,，、]*(?:(?:and|or|nor|the|any)\s+)*[\s,，、]*$")


def _enumeration_opening(norm: str, start: int, end: int) -> str:
    """The clause whose denial covers a name: its own, or, when that clause is only the name as an item of an
    enumeration (", Firebase," in "does not include the Facebook SDK, Firebase, or any analytics"), the clause
    that opened the enumeration: the nearest clause before it with a verb or longer than an item (8 back at most)."""
    clause = _clause(norm, start)
    if start < 0 or _ENUM_ITEM_REST.match(clause.replace(norm[start:end], " ", 1)) is None:
        return clause
    starts, ends = _clause_marks(norm)
    i = bisect.bisect_right(ends, start)  # separators ending at or before the name: the last opens its clause
    verbs = policy_services.load().verbs
    k = i - 1
    while k >= 0 and i - k <= 8:
        prev = norm[ends[k - 1] if k >= 1 else 0 : starts[k]]
        if len(prev.split()) > 4 or verbs.search(prev) is not None:
            return prev  # the clause with the enumeration's verb ("does not include the Facebook SDK")
        k -= 1
    return clause


# A verb of a function a tool does, a few words before the tool ("Monitor app stability with Firebase
# Crashlytics", "measure how features are used via Amplitude"); not logging in or sharing with an account.
_DONE_WITH = re.compile(
    r"\b(?:monitor|track|measur|analy[sz]|detect|diagnos|debug|deliver|display|show|serv|translat|transcrib|"
    r"send|stor|host|back(?:ing)? up|sync|process|collect|record|understand|improv|geocod|authenticat|verif)"
    r"\w*\b[^,;:.()]{0,40}?\s(?:with|via|through|using|by means of)\s+$"
    # Built on a product ("门店定位基于腾讯地图实现", "依托阿里云提供服务").
    r"|(?:基于|依托|依靠)\s*$"
)


def _function_via(norm: str, start: int, end: int) -> bool:
    """A function done by way of the name at norm[start:end] (`_FUNCTION_VIA`, `_DONE_WITH`), with no denial
    around it ("we never send error reports via X", "reporting via X is not used")."""
    before = norm[max(0, start - 60) : start]
    return (
        (_FUNCTION_VIA.search(before[-40:]) is not None or _DONE_WITH.search(before) is not None)
        and _SHAPE_DENIED.search(norm, max(0, start - 60), min(len(norm), end + 40)) is None
    )


# A name written as the product embedded in the app: "the Appodeal mediation SDK", "Sentry library", "X plugin",
# "X的SDK", "极光推送插件", "微信分享组件".
_AS_SDK = re.compile(r"\s?(?:[a-z]+\s)?(?:sdk|library|plugin)\b|的?(?:sdk|插件|组件)")
# A named company data is disclosed to: "向[…的]浙江某某供应链管理有限公司披露/提供/共享…" (the company
# name starts after the last "的" or "向"; "关联公司" is no name).
_RECIPIENT = re.compile(
    r"向(?:[^，。；,;]{0,40}的)?([^，。；,;的向]{4,30}?(?:有限公司|有限责任公司))(?:披露|提供|共享|传输|发送)"
)
# Example providers in brackets just before "通过SDK" / "via SDK": "位置服务提供商（如高德地图）可能会通过SDK…".
_VIA_SDK = re.compile(
    r"[（(](?:如|例如|比如|e\.g\.|such as)?\s*([^（）()。]{2,60}?)[)）][^。；;]{0,12}?(?:通过|via\s)\s*sdk", re.I
)
_VIA_DENIED = re.compile(r"不|未|没有|\bnot\b|\bnever\b", re.I)  # "（如X）不会通过SDK…"
_EXAMPLE_SEP = re.compile(r"[、,，/]|以及|和|及|\band\b|\bor\b")
_EXAMPLE_END = re.compile(r"(?:等等|等|etc\.?)$")


def _without_etc(item: str) -> str:
    """An item of a list of examples without the "等" / "etc." closing the list."""
    return _EXAMPLE_END.sub("", item.strip()).strip()


# "…功能由X（向你）提供": the function is provided by X (after "由" right before the name).
_PROVIDES_ZH = re.compile(r"[^。；，,]{0,10}?提供")
# What stands between enumerated names: "A, B and C", "A SDK、B SDK".
_ENUMERATION = re.compile(r"(?:\s*(?:sdk|,|，|、|/|&|\band\b|\bor\b|和|及|以及|与)\s*)+")
_CLAUSE = re.compile(
    r"[;；,，]|\b(?:but|however|whereas|except)\b|但|但是|然而"
    # A denied predicate of its own: "we use Sentry and do not use Firebase" denies Firebase only.
    r"|\s(?=and\s+(?:(?:we|it|they|then|also)\s+)?(?:never|not|do not|does not|don't|doesn't|will not|won't)\b)"
)


_LAST_SENTENCE = re.compile(r"[。！？!?]|\.\s")
# A lead-in denying the use of what it lists (not any denial: "sent to the server but not persisted there:").
_LEAD_DENIED = re.compile(
    r"不(?:会|再)?(?:接入|集成|使用|嵌入|引入|内嵌|包含|共享|提供)|未(?:接入|集成|使用|包含|嵌入)|没有(?:接入|集成|使用)"
    # "The app uses no third-party services:", "contains no SDKs", "with no external services".
    r"|\b(?:uses?|using|with|contains?|includes?|integrates?)\s+no\b|\bno\s+(?:third[- ]party|3rd[- ]party|external)\b"
    r"|\b(?:not|never|no longer)\s+(?:\w+\s+){0,2}?(?:use[sd]?|using|integrat\w*|includ\w*|contain\w*|embed\w*|"
    r"shar\w*|sell\w*|sen[dt]\w*|rel(?:y|ies) on|work with)\b"
    # A lead-in that is a denied auxiliary whose verbs are the items ("We do not:" / "- Use Firebase or any
    # analytics", "Vivid does **not**:", "### We Never:"): every item is denied (7 leads in the tuning texts).
    r"|\b(?:do|does|did|will|would|shall|can|may)\s+(?:not|never)\s*[:：]?\s*$|\b(?:we|it|app)\s+never\s*[:：]?\s*$"
)


def _denied_lead(text: str, vocab: Vocab) -> bool:
    """Whether a list's lead-in (or its heading) denies what the list names."""
    norm = normalize(text)
    return bool(norm.strip()) and (
        vocab.sdk_not_used.search(norm) is not None
        or _LEAD_DENIED.search(norm) is not None
        or _NOT_USED.search(norm) is not None
    )


def _sentence_rows(
    sentence: str,
    block: Block,
    vocab: Vocab,
    catalogue: Catalogue,
    index: NameIndex,
    context: str = "",
) -> Iterable[SdkRow]:
    norm = normalize_policy_text(sentence)
    if ("licen" in norm or "acknowledg" in norm) and _LICENCE_CREDIT.search(norm) and not _DATA_FLOW.search(norm):
        return []  # libraries named as licences ("includes software licensed under the Apache License 2.0, including
        # OkHttp", "uses Lottie by Airbnb, MIT licensed"): credits, no data going anywhere
    if any(w in norm for w in _POLICY_WORDS) and _POLICY_CREDIT.search(norm) and not _DATA_FLOW.search(norm):
        return []  # the policy's own making ("this privacy policy, prepared starting from the modules provided by
        # Iubenda", "This policy was generated with the Free Privacy Policy Generator"): a credit, no third party
    found: list[tuple[str, int, int, Signature | None]] = []  # (name as written, start, end, signature)
    svc = policy_services.load()
    # The sentence in Simplified Chinese for names and context words (Traditional text: "阿里雲", "友盟統計",
    # "傳輸至", "沒有"), at the same positions (else as it is).
    words = norm
    if not norm.isascii():
        # One character conversion first: most Chinese sentences are Simplified and stop here.
        chars = simplified_chars(norm)
        if chars != norm:
            words = simplified(norm)
            if len(words) != len(norm) or words == norm:
                # Taiwan's words rewritten to other lengths ("雲端儲存" -> "云存储"), or too few Traditional
                # characters for `simplified`: the characters alone, so a Traditional name is still found
                # ("支付寶", "阿里雲").
                words = chars
    # At most _MAX_SHAPED service names and _MAX_MENTIONS catalogue names a sentence are read in context:
    # bounded work on a hostile page (one 600 KB "sentence" of names).
    service_hits = svc.find(words)[:_MAX_SHAPED]
    # (`_SELF_NAME` needs 简称 or a bracket: most sentences skip its scan.)
    self_named = ("简称" in sentence or "(" in sentence or "（" in sentence) and _SELF_NAME.search(sentence) is not None
    for start, end, _name, hit in index.find(words):
        if any(h.start <= start and end <= h.end and h.end - h.start > end - start for h in service_hits):
            continue  # inside a longer service name ("Google Play" in "Google Play Services")
        if svc.in_platform_word(words, start, end):
            continue  # inside a platform word ("微信" in "微信小程序": the app's own channel there)
        named = _original_case(sentence, norm[start:end])
        if not named.isascii() and not zh_brand(words[start:end]):
            continue  # a catalogue name made of generic words ("号码认证服务", "移动认证"): a kind in prose
        if _whole_bracket_after_name(norm, start, end, found):
            continue  # the record's other name, maker or platform ("高德地图SDK（高德开放平台）"): one record, one row
        if _plausible_name(named, hit, norm, start, end, block.links, vocab):
            found.append((named, start, end, hit))
    named_hits = len(found)  # names, not hosts of URLs (links to an SDK's policy are no mention of use)
    # A page footer ("Proudly hosted on Netlify") credits the site, not the app.
    footer = _credits_the_page(sentence)
    name_spans = [(start, end) for _n, start, end, _sig in found]
    services_named: set[str] = set()
    # Counted once for the sentence, not for each name in it (a hostile "sentence" of 50,000 names).
    mostly_chinese = not sentence.isascii() and 3 * len(_CJK_CHAR.findall(sentence)) >= len(sentence)
    # Well-known services the catalogue lacks (services.py), in the contexts a catalogue name is mentioned in.
    for h in service_hits:
        if any(start < h.end and h.start < end for _n, start, end, _sig in found):
            continue  # the catalogue's name for it
        if in_common_word(norm, h.start, h.end):
            continue  # part of a common word ("安全支付" holds 全支付)
        named = _original_case(sentence, norm[h.start : h.end])
        # Run into it: next to it or after one space, not after a separator ("支付宝、招行一网通" are two).
        joined = next(
            (k for k, f in enumerate(found[:named_hits]) if f[2] <= h.start and norm[f[2] : h.start] in ("", " ")),
            None,
        )
        if joined is not None:
            # A catalogue name run into a service's ("Google Firebase Cloud Firestore"): one product as written.
            _n0, s0, _e0, sig0 = found[joined]
            found[joined] = (_original_case(sentence, norm[s0 : h.end]), s0, h.end, sig0)
            name_spans[joined] = (s0, h.end)
            continue
        maker = next(
            (k for k, f in enumerate(found[:named_hits]) if f[1] == h.end and not norm[f[1] : f[2]].isascii()),
            None,
        )
        if maker is not None and not norm[h.start : h.end].isascii():
            # A Chinese vendor run into its product ("腾讯云天御验证码", "阿里云号码认证"): one product as written.
            _n0, _s0, e0, sig0 = found[maker]
            found[maker] = (_original_case(sentence, norm[h.start : e0]), h.start, e0, sig0)
            name_spans[maker] = (h.start, e0)
            continue
        # A list of names opening the sentence ("Visa/Mastercard/银联等卡组织") is no sentence's first word.
        # A word alias opening the sentence is a product when an apposition says so ("Stripe (our payment
        # provider).") or when it is the label of an item ("- **Stripe**: web payments").
        first = (
            not norm[: h.start].strip(" \"'“‘(*•·-–—[")
            and _NAME_LIST_NEXT.match(norm, h.end) is None
            and _APPOSITION_AFTER.match(norm, h.end) is None
            and _ITEM_LABEL_AFTER.match(norm, h.end) is None
            and _SUBJECT_VERB_AFTER.match(norm, h.end) is None
        )
        if (
            not (svc.spelt_as_name(h, named, first) or _latin_in_chinese(named, h, mostly_chinese))
            or _bracketed_after_name(norm, h.start, name_spans)
            or _LONGER_NAME.match(sentence, sentence.find(named) + len(named)) is not None
            or svc.in_platform_word(norm, h.start, h.end)
            or (h.spelling in h.service.word_aliases and _name_word_before(sentence, named, svc))
        ):
            continue
        if h.service.category == "storage" and "backup" in norm and _OS_BACKUP.search(norm) is not None:
            continue  # the phone's own backup copying app data to the reader's cloud ("Android may copy them to your
            # Google Drive"): the platform's, not a service of the app
        if h.service.category == "code" and svc.code_words.search(norm) is not None:
            continue  # where the app's own code lives ("the source code is available on GitHub")
        if _AUTHORS_OWN_AFTER.match(norm, h.end) is not None:
            continue  # the author's own resource there ("GitHub Pages (a PurposeLab-controlled URL)")
        key_name = h.service.name
        if h.service.category == "cloud" and not named.isascii():
            # A Chinese cloud vendor and its product's abbreviation ("腾讯云 TSF", "阿里云MNS"): the product.
            abbr = _VENDOR_ABBREV.match(norm, h.end)
            spelt = _original_case(sentence, norm[h.start : abbr.end()]) if abbr is not None else ""
            if abbr is not None and abbr.group(1) not in _NOT_ABBREV and spelt[-len(abbr.group(1)) :].isupper():
                named, key_name = spelt, spelt
        if key_name in services_named:
            continue  # the same service named again ("OpenAI's GPT-4o model"): one row
        social = h.service.category in policy_services.SOCIAL or h.service.category == "code"
        if not (footer or self_named) and (
            _mentioned(sentence, words, h.start, h.end, block, vocab, svc, social)
            or (not social and (_function_via(norm, h.start, h.end) or _appositive(norm, h.start, h.end, vocab)))
        ):
            found.append((named, -1, -1, None))
            name_spans.append((h.start, h.end))
            services_named.add(key_name)
    urls = _URL.findall(sentence) if "://" in sentence or _TLD.search(sentence) else []
    for url in urls:
        by_host = catalogue.match_host(url)
        if by_host is not None:
            host = _SCHEME.sub("", url).split("/")[0]
            at = norm.find(host.lower())
            found.append((host, max(at, 0), max(at, 0) + len(host), by_host))
    out: list[SdkRow] = []
    recipient = _RECIPIENT.search(sentence)
    if recipient is not None and vocab.negation.search(normalize(sentence)) is None:
        # A company named as the one data is disclosed to ("向…的浙江某某有限公司披露配送信息").
        found.append((recipient.group(1), -1, -1, None))
    via = _VIA_SDK.search(sentence)
    if (
        via is not None
        and vocab.negation.search(normalize(sentence)) is None
        and _VIA_DENIED.search(sentence, via.end(1), via.end()) is None
    ):
        # Providers given as examples of those working through an SDK ("终端设备制造商（华为、小米等）可能通过SDK…").
        for item in _EXAMPLE_SEP.split(via.group(1)):
            item = _without_etc(item)
            if 2 <= len(item) <= 16 and _name_like(item, vocab) and not is_data_item(item, vocab):
                found.append((item, -1, -1, None))
    found.extend(_category_examples(sentence, vocab, index))
    found.extend(_device_makers(sentence, vocab, svc))
    found.extend(_sign_in_products(sentence, norm, vocab, {normalize(n) for n, *_r in found}))
    found.extend(_third_party_examples(sentence, vocab, catalogue))
    for example in _bracket_examples(sentence, vocab, catalogue, svc):
        # The examples of a kind of recipient are used, as the bracket says, also when found by name already.
        same = next((k for k, f in enumerate(found) if normalize(f[0]) == normalize(example[0])), None)
        if same is None:
            found.append(example)
        else:
            found[same] = (found[same][0], -1, -1, None)
    found.extend(_partners_named(sentence, vocab, catalogue, svc))
    for shaped in _shaped_names(sentence, context, vocab, block.links, words is not norm):
        if normalize_policy_text(shaped[0]) in svc.companies or (
            normalize_policy_text(shaped[0]) in svc.platforms and not _platform_as_sdk(norm, shaped[0], -1, -1)
        ):
            continue  # a bare company or platform ("handled by Apple as the payment processor"): no one product
        key = normalize(shaped[0]).replace(" ", "")
        keys = [normalize(n).replace(" ", "") for n, *_r in found]
        longer = next((k for k, kk in enumerate(keys) if key in kk), None)
        if longer is not None:
            # Found already, as long or longer: used, as the shape rule's context says ("Google Analytics is a
            # web analytics service offered by Google", "delivered through OneSignal").
            found[longer] = (found[longer][0], -1, -1, None)
            continue
        inside = [k for k, kk in enumerate(keys) if kk in key]
        if inside and any(w not in normalize(found[inside[0]][0]).split() for w in title_words(shaped[0])):
            # A catalogue name after title words run into it ("Third-Party Data Handling Firebase is a
            # service…", a heading joined to its text): the catalogue name, used.
            found[inside[0]] = (found[inside[0]][0], -1, -1, None)
            continue
        # A longer name as written replaces a catalogue name inside it ("Quokka Crash for Firebase").
        found = [f for f, k in zip(found, keys, strict=True) if k not in key]
        found.append(shaped)
    if not footer and _PURCHASE.search(norm) is not None:
        found.extend(_store_processors(sentence, norm, svc, found))
    if not found:
        return out
    quote = sentence.strip()[:240]
    types = _declared_types(vocab, sentence)
    # Names other rules of the sentence found (examples, shapes, services): a catalogue name inside one is it.
    example_keys = [k for n, start, _e, _s in found if start < 0 and (k := normalize_policy_text(n).replace(" ", ""))]
    # A verb of use close to the name ("we use X", "sent to X"), or one with the name as its subject
    # right after it ("X is used to", "X may collect").
    used = [
        sig is None
        or vocab.sdk_use.search(norm, max(0, start - 40), min(len(norm), end + 25)) is not None
        or vocab.sdk_subject.search(norm, end, min(len(norm), end + 25)) is not None
        or _AS_SDK.match(norm, end) is not None
        or _from_vendor(norm[max(0, start - 40) : start])
        or (_function_via(norm, start, end) and not _social(sig, words[start:end], vocab))
        or _appositive(norm, start, end, vocab)
        or (norm[max(0, start - 1) : start] == "由" and _PROVIDES_ZH.match(norm, end) is not None)
        or (
            i < named_hits
            and not footer
            and words[start:end] not in svc.companies
            and _product_word(words, start, end, svc)
            and i < _MAX_MENTIONS
            and not self_named
            and not _first_plain_word(named, sig, norm, start)
            and not _inside_example(words[start:end], example_keys)
            and not is_data_item(named, vocab)  # an identifier of an SDK listed as data ("UTDID、OAID")
            and _mentioned(sentence, words, start, end, block, vocab, svc, _social(sig, words[start:end], vocab))
        )
        for i, (named, start, end, sig) in enumerate(found)
    ]
    # Names enumerated with one that has its verb share it ("we use A, B and C", "A、B和C被用于…").
    # A name may carry its products in brackets ("Firebase (Firestore, Storage), Google Analytics/Crashlytics").
    # Names other rules found (start -1) stand where they are first written.
    spans = sorted(
        (start, end, i)
        for i, (n, s0, e0, _sig) in enumerate(found)
        for start, end in [_written_at(norm, n, s0, e0)]
        if start >= 0
    )
    for _pass in range(2):
        for (_s1, e1, i), (s2, _e2, j) in itertools.pairwise(spans):
            if (used[i] or used[j]) and _enumeration_gap(norm[e1:s2], svc):
                used[i] = used[j] = True
    # A catalogue name that is a company's ("高德软件有限公司提供的高德定位SDK") gives way to a product of the same
    # signature named in the sentence: the product is the row.
    company = {
        k for k, (_n, s0, e0, sig) in enumerate(found) if sig is not None and s0 >= 0 and _COMPANY_AFTER.match(norm, e0)
    }
    products = {
        id(p)
        for k, (n, _s, _e, sig) in enumerate(found[:_MAX_MENTIONS])
        if k not in company and (p := sig or index.best(n)) is not None
    } if company else set()
    # A maker written before its product ("MobTech的ShareSDK", "Google's Firebase"): the product is the row.
    starts = {s for s, _e, _i in spans}
    makers = {
        i for _s, e, i in spans
        if (m := _MAKER_OF.match(norm, e)) is not None and m.end() in starts and m.end() > e
    }
    denied: dict[str, bool] = {}  # per clause: a hostile sentence's thousands of names share one clause
    # Words of the whole sentence, looked for once (not for each of its names).
    contrasted = (
        "unlike" in norm or "instead of" in norm or "rather than" in norm or "hosted" in norm or "our own" in norm
    )
    bracketed = "[" in norm
    grouped = "关联" in words or "旗下" in words
    denial_word = _DENIAL_WORD.search(words) is not None
    avoid_word = "avoid" in norm
    stopped_word = "stopped" in norm or "previously" in norm or "formerly" in norm or "used to" in norm or (
        "ceased" in norm or "quit" in norm or "no longer" in norm or "switched" in norm or "migrated" in norm
        or "moved" in norm or "were using" in norm or "was using" in norm
    )
    data: list[str] = []  # the sentence's data words, looked for once for all its rows (not once per name)

    def row(named: str) -> SdkRow:
        if not data:
            data.append("、".join(dict.fromkeys(types_words(vocab, sentence, types))))
        return _prose_row(named, sentence, quote, data[0], block, vocab, catalogue)

    for idx, ((named, start, _end, sig), is_used) in enumerate(zip(found, used, strict=True)):
        if (idx in company and id(sig) in products) or idx in makers:
            continue
        if normalize_policy_text(named) in svc.platforms and not _platform_as_sdk(norm, named, start, _end):
            continue  # a platform, OS or store named as such ("Google Play", "App Store", "StoreKit"): no SDK row
        if contrasted and _not_a_party(norm, named, start, _end):
            continue
        if bracketed and _in_placeholder(norm, named, start, _end):
            continue
        # Where the name is written, found once for the checks below that need it.
        at, at_end = (
            _written_at(norm, named, start, _end) if grouped or denial_word or stopped_word or avoid_word else (-1, -1)
        )
        if grouped and _affiliate(words, at, at_end):
            continue
        if denial_word and _denied_example(words, at):
            continue
        if stopped_word and _STOPPED_BEFORE.search(norm, 0, max(0, at)):
            continue
        if avoid_word and at > 0 and _AVOIDED_BEFORE.search(norm, max(0, at - 80), at) is not None:
            continue
        if sig is None:
            out.append(row(named))
            continue
        if not is_used:
            continue
        clause = _enumeration_opening(norm, start, _end)
        if clause not in denied:
            denied[clause] = (
                vocab.sdk_not_used.search(clause) is not None
                or vocab.negation.search(clause) is not None
                or _NOT_USED.search(clause) is not None
                or _nothing_goes(clause)
            )
        if denied[clause] and _EXCEPT_BEFORE.search(norm, max(0, start - 24), max(0, start)) is None:
            continue
        out.append(row(named))
    return out


# A name in apposition to the party it is ("kept by our analytics vendor, Adjust,", "our payment processor
# (Stripe)", "我们的支付服务商：X"): the text before it names a recipient.
_APPOSITION = re.compile(
    r"\b(?:our|the|a|an|their|its)\s+(?:[\w-]+\s+){0,3}?(?:vendors?|providers?|processors?|sub-?processors?|"
    r"partners?|networks?|contractors?|suppliers?)\s*[,:(]?\s*$"
    r"|(?:服务商|提供商|供应商|合作方|合作伙伴|处理者|受托方)\s*[：:（(，,]?\s*$"
    # A place a service runs or comes from ("deployed on Vercel", "downloaded from Expo's servers").
    r"|\b(?:deploy|download|fetch|retriev|upload)\w*\s+(?:on|from|to|via|at)\s+(?:the\s+)?$"
)


# A bracket after a host's name saying what is fetched there is the author's ("GitHub Pages (a PurposeLab-controlled
# URL)"): the author's own resource on a public host, no service receiving the reader's data.
_AUTHORS_OWN_AFTER = re.compile(r"\s*[(（]\s*(?:an?\s+|the\s+)?[\w.]+-(?:controlled|owned|operated|managed)\b")
# A name closing an item's label ("Stripe: web payments", "**Stripe** – card payments"; normalised text drops
# the spaces around a dash, so a bare hyphen counts after emphasis only, not in "Stripe-like").
_ITEM_LABEL_AFTER = re.compile(r"[*_`]*\s*[:：–—]|[*_`]+\s*-|\s+-\s")
# The name as the subject of a verb of doing the app's work ("Stripe processes payments", "Railway hosts the
# site", "Plausible also counts visits"): an imperative or a common word opening a sentence has no such verb.
_SUBJECT_VERB_AFTER = re.compile(
    r"[*_`]*\s+(?:(?:also|then|only|may|will|can|now)\s+)?(?:hosts|processes|stores|handles|receives|collects|runs|"
    r"serves|delivers|relays|sends|analy[sz]es|tracks|syncs|supplies|manages|transcribes|counts|measures|"
    r"provides|powers|process|store|handle|receive|collect|host|relay|send|provide|power)\b"
)
# The name as the one providing or powering a part of the app ("GoDaddy provides the domain", "X powers search"):
# the verbs of providing speak of a product after them otherwise ("This app provides Google Maps").
_PROVIDER_AFTER = re.compile(r"[*_`]*\s+(?:(?:also|may|will|can)\s+)?(?:provides|supplies|powers)\s+(?!you\b|users?\b)")
# The same apposition after the name ("Stripe (our payment provider)", "Quokka, our analytics partner").
_APPOSITION_AFTER = re.compile(
    r"\s*[(（,，]\s*(?:our|the\s+app['’]s|the|an?)\s+(?:[\w-]+\s+){0,3}?(?:vendor|provider|processor|"
    r"sub-?processor|partner|network|contractor|supplier)s?\b"
)


def _appositive(norm: str, start: int, end: int, vocab: Vocab) -> bool:
    """The name at norm[start:end] stands in apposition to a recipient (`_APPOSITION`, `_APPOSITION_AFTER`),
    not denied."""
    return (
        (
            _APPOSITION.search(norm, max(0, start - 60), start) is not None
            or _APPOSITION_AFTER.match(norm, end) is not None
        )
        and vocab.negation.search(norm, max(0, start - 80), min(len(norm), end + 30)) is None
        and _NO_WORD.search(_without_conditions(norm[max(0, start - 80) : start])) is None
        and _SHAPE_DENIED.search(norm, max(0, start - 60), start) is None
    )


def _enumeration_gap(gap: str, svc: policy_services.Services) -> bool:
    """What stands between two names of one enumeration: separators, the first name's products in brackets
    ("firebase (firestore, storage), google analytics") and other short names between them ("…, google maps
    platform (geocoding), google analytics/crashlytics"): a few words each, with no verb."""
    text = _BRACKET_TEXT.sub(" ", gap)
    if _ENUMERATION.fullmatch(text):
        return True
    parts = _ENUMERATION.split(text)
    if len(parts) < 3 or len(parts) > 5 or parts[0].strip() or parts[-1].strip():
        return False
    return all(
        0 < len(p.split()) <= 4 and len(p) <= 40 and svc.verbs.search(p) is None and _NO_WORD.search(p) is None
        for p in parts[1:-1]
    )


# A platform's framework the app integrates ("本应用集成了 StoreKit", "the app integrates StoreKit"), or a store
# named as the processor of a purchase ("purchases are processed by Google Play", "通过 Google Play 完成支付"):
# label conventions make these rows, unlike a platform named as such ("available on Google Play").
_PLATFORM_INTEGRATED = re.compile(
    r"(?:集成了?|接入了?|嵌入了?|引入了?|\bintegrat(?:e|es|ed|ing)|\bembed(?:s|ded)?|\bimplement(?:s|ed)?)"
    r"\s*(?:the\s+)?$"
)
_PLATFORM_PROCESSOR = re.compile(r"\b(?:processed|handled|billed|charged|paid)\s+(?:by|through|via)\s+(?:the\s+)?$")
_PURCHASE = re.compile(r"purchas|payment|subscription|billing|transaction|entitlement|支付|购买|付费|订阅|充值|内购")
# A store named as the processor of purchases in a list after the processing words ("Payment processing handled
# by: Apple App Store, Google Play Store, Stripe", "third-party payment processors (Apple App Store and Google
# Play Store via RevenueCat)"), or as the source of a purchase's records ("receives transaction information from
# Apple's StoreKit service"); lower case (normalised text), in the name's clause.
_STORE_PROCESSOR = re.compile(
    r"(?:\b(?:processed|handled|billed|charged|paid)\s+(?:by|through|via)\s*:?|\bpayment\s+process(?:ors?|ing)\b"
    r"(?:\s+(?:is\s+|are\s+)?(?:handled|done|provided|performed)\s+by)?\s*[:(（]?"
    # "Payment Processors: With Apple App Store or Google Play Store": a preposition before the stores.
    r"(?:\s*(?:with|through|via|by|to)\b)?)"
    r"\s*(?:[\w'’ .+-]{1,30}(?:,|\band\b|\bor\b|/)\s*){0,4}(?:the\s+)?(?:apple['’]s\s+|google['’]s\s+)?$"
    r"|\b(?:transaction|purchase|entitlement|receipt)s?\b[^.;:]{0,40}\bfrom\s+(?:the\s+)?(?:apple['’]s\s+|google['’]s\s+)?$"
)
_STORE_WORD = re.compile(r"store|\bplay\b|appgallery|billing|商店|市场")
_CLAUSE_STOP = re.compile(r"[.;。；!?！？]\s")
# A store's own payment words right after its name ("App Store payment processing", "Google Play billing",
# "App Store 购买"); not the reader's records there ("your App Store purchase history").
_STORE_PAYMENT_AFTER = re.compile(
    r"\s*(?:in-app\s+)?(?:payments?|billing|in-app\s+purchases?|purchase\s+(?:processing|flow|system|service))\b"
    r"|\s*(?:内购|购买|支付)(?!记录|历史)"
)
_YOUR_BEFORE = re.compile(r"\b(?:your|my)\s+$|您的?\s*$|你的?\s*$")
_ZH_PAY_AFTER = re.compile(r"\s*(?:完成|进行)?\s*(?:支付|付款|购买|扣费)")


_MAKER_OF = re.compile(r"\s*(?:的|'s|’s)\s*")


def _platform_as_sdk(norm: str, name: str, start: int, end: int) -> bool:
    """A platform name used as an SDK or named as a purchase's processor (`_PLATFORM_INTEGRATED`)."""
    start, end = _written_at(norm, name, start, end)
    if start < 0:
        return False
    before = norm[max(0, start - 30) : start]
    if _PLATFORM_INTEGRATED.search(before) is not None:
        return True
    if _PURCHASE.search(norm) is None:
        return False
    if _PLATFORM_PROCESSOR.search(before) is not None or (
        before.rstrip().endswith(("通过", "经由")) and _ZH_PAY_AFTER.match(norm, end) is not None
    ):
        return True
    if _YOUR_BEFORE.search(before) is None and _STORE_PAYMENT_AFTER.match(norm, end) is not None:
        return True
    clause = norm[max(0, start - 160) : start]
    stops = list(_CLAUSE_STOP.finditer(clause))
    if stops:
        clause = clause[stops[-1].end() :]
    return _STORE_PROCESSOR.search(clause) is not None


def _store_processors(
    sentence: str, norm: str, svc: policy_services.Services, found: Sequence[tuple[str, int, int, Signature | None]]
) -> list[tuple[str, int, int, Signature | None]]:
    """Stores and their billing frameworks named as the processor of purchases (`_platform_as_sdk`: "Payment
    processing handled by: Apple App Store, Google Play Store", "transaction information from Apple's
    StoreKit service", "App Store payment processing"), which no other rule names: rows as written."""
    keys = {normalize_policy_text(n).replace(" ", "") for n, *_r in found}
    out: list[tuple[str, int, int, Signature | None]] = []
    for start, end in svc.platform_spans(norm)[:_MAX_SHAPED]:
        if _STORE_WORD.search(norm, start, end) is None:
            continue  # an OS or device ("App Store payment processing (iOS)"): no processor of purchases
        named = _original_case(sentence, norm[start:end])
        key = norm[start:end].replace(" ", "")
        if any(key in k or k in key for k in keys) or not _platform_as_sdk(norm, named, start, end):
            continue
        keys.add(key)
        out.append((named, start, end, None))
    return out


# A product set against what the app does ("unlike platforms such as Google Analytics", "instead of Firebase"),
# or one the author runs on its own servers ("Piwik is open source software that is hosted on our own server
# infrastructure", "a self-hosted Matomo"): no third party receives the data.
_UNLIKE_BEFORE = re.compile(r"\b(?:unlike|instead of|rather than)\s+(?:[\w-]+\s+){0,3}?(?:such as\s+|like\s+)?$")
_SELF_HOSTED_AFTER = re.compile(
    r"[^.;:!?。；]{0,80}?\b(?:self-hosted|hosted (?:on|in) our own|hosted by us|runs? on our own|on our own servers?)\b"
)
_SELF_HOSTED_BEFORE = re.compile(r"\bself-hosted\s+(?:instance of\s+)?$")


def _not_a_party(norm: str, name: str, start: int, end: int) -> bool:
    """A product named as what the app does not use (`_UNLIKE_BEFORE`) or runs itself (`_SELF_HOSTED_AFTER`)."""
    start, end = _written_at(norm, name, start, end)
    if start < 0:
        return False
    before = norm[max(0, start - 60) : start]
    return (
        _UNLIKE_BEFORE.search(before) is not None
        or _SELF_HOSTED_BEFORE.search(before) is not None
        or _SELF_HOSTED_AFTER.match(norm, end) is not None
    )


# An unfilled template placeholder offering alternatives ("[Firebase/Google Drive/Other Service]", "[Insert
# analytics provider, e.g. Mixpanel]"): the writer never said which one the app uses.
_PLACEHOLDER_WORD = re.compile(r"\b(?:other|insert|your|name of|e\.g|such as|etc)\b")


def _in_placeholder(norm: str, name: str, start: int, end: int) -> bool:
    start, end = _written_at(norm, name, start, end)
    if start < 0:
        return False
    opened = norm.rfind("[", max(0, start - 80), start)
    if opened < 0 or "]" in norm[opened:start]:
        return False
    closed = norm.find("]", end, end + 80)
    if closed < 0 or norm[closed + 1 : closed + 2] == "(":
        return False  # a Markdown link's text ("[Google Analytics](https://…)"), no placeholder
    inside = norm[opened + 1 : closed]
    return _PLACEHOLDER_WORD.search(inside) is not None and ("/" in inside or "," in inside or " or " in inside)


# The author's affiliates or its other products named before a name in its clause ("与关联方抖音、今日头条共享",
# "我们旗下的星海音乐"; not another maker's product: "字节跳动旗下的穿山甲SDK"): the operator's group, no third
# party's SDK.
_AFFILIATE_BEFORE = re.compile(
    r"(关联方|关联公司|关联企业|关联产品|(?:我们|我方|我司|本公司)旗下(?:的)?(?:其他)?(?:产品|应用|app)?)[^，,。；;：:]{0,16}$"
)


# Examples of what a clause denies using, after it ("本应用不接入任何第三方广告SDK，如穿山甲、优量汇", "未集成统计SDK
# （例如友盟）"): denied with it, though the comma closes its clause.
_DENIAL_WORD = re.compile(r"不|未|没有|无")
_DENIED_THEN_EXAMPLES = re.compile(
    r"(?:不|未|没有|无|绝不|从不)(?:会|曾)?(?:接入|集成|使用|嵌入|包含|含有|引入|采用|内置|加入)[^。；;，,（(]{0,30}"
    r"[，,（(：:]\s*(?:如|例如|比如|诸如|包括|譬如)[：:]?([^。；;]{0,60})$"
)
_EXAMPLES_TURN = re.compile(r"但|而|不过|然而|使用|接入|集成|采用|我们|您")


def _denied_example(words: str, start: int) -> bool:
    if start <= 0:
        return False
    m = _DENIED_THEN_EXAMPLES.search(words, max(0, start - 100), start)
    return m is not None and _EXAMPLES_TURN.search(m.group(1)) is None


_AFFILIATE_USES = re.compile(r"使用|接入|集成|采用|嵌入|引入|通过|借助|提供|sdk|旗下")


def _affiliate(words: str, start: int, _end: int) -> bool:
    """An affiliate or product of the author's group named at `start` (`_AFFILIATE_BEFORE`), not an SDK that the
    affiliate uses ("我们的关联方使用友盟统计SDK")."""
    m = _AFFILIATE_BEFORE.search(words, max(0, start - 24), start) if start > 0 else None
    return m is not None and _AFFILIATE_USES.search(words, m.end(1), start) is None


def _written_at(norm: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Where a found name stands in the sentence: its span, or for a name found by another rule (start -1)
    where its normalised form is first written; (-1, -1) when it is not."""
    if start >= 0:
        return start, end
    key = normalize_policy_text(name)
    at = norm.find(key) if key else -1
    return (at, at + len(key)) if at >= 0 else (-1, -1)


# ---------------------------------------------------------------- products named anywhere in a sentence

_SOCIAL = SdkCategory.SOCIAL.value  # login, share, social platforms: the reader's account there (`_mentioned`)


def _social(sig: Signature | None, name: str, vocab: Vocab) -> bool:
    """A social catalogue product named after a platform the reader has an account on ("微信登录", "Facebook
    Login": logging in there is the reader's account); a login SDK of no such platform ("极光认证" for one-tap
    login by phone number) is used by the app like any SDK."""
    return sig is not None and sig.category == _SOCIAL and vocab.login_hint.search(name) is not None


# A name as the exception to a denial ("no third party receives data other than RevenueCat", "We use no SDKs
# except Firebase", "Apart from Sentry, nothing is sent").
_EXCEPT_BEFORE = re.compile(
    r"\b(?:other\s+than|apart\s+from|aside\s+from|except(?:\s+for)?|besides|save\s+for)\s+(?:the\s+)?$"
)
# What the app avoids, named as examples ("We avoid services like Google Analytics"), with no verb of use between
# (not "To avoid data loss, backups are stored on X").
_AVOIDED_BEFORE = re.compile(
    r"\bavoid(?:s|ed|ing)?\b(?:(?!\b(?:use|uses|using|rely|relies|chose|choose|integrate)\b)[^.;:!?]){0,40}?"
    r"\b(?:such\s+as|like|including|e\.g)\b(?:(?!\b(?:use|uses|using|rely|relies|chose|choose|integrate)\b)"
    r"[^.;:!?]){0,60}$"
)
_REPLACED_AFTER = re.compile(r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\b")
# Examples of the members a body is made of ("the PCI Security Standards Council, a joint effort of brands like
# Visa and Mastercard", "an alliance founded by companies such as …"): who runs the body, no recipient.
_MEMBERS_BEFORE = re.compile(
    r"\b(?:joint\s+effort|alliance|consortium|coalition|association|founded|formed|made\s+up|composed)\s+(?:of|by)\s+"
    r"(?:(?:card\s+|payment\s+)?(?:brands|companies|members|networks|organi[sz]ations))\s+"
    r"(?:such\s+as|like|including|e\.g\.?,?)\s+[^.;:!?]{0,60}$"
)
# The phone's own backup as the actor ("Android's own backup", "Android Auto Backup", "your device backup", "iOS
# backups"), not the app.
_OS_BACKUP = re.compile(
    r"\b(?:android|ios|iphone|ipad|the\s+(?:phone|device|system))(?:['’]s)?\s+(?:own\s+)?(?:auto(?:matic)?\s+)?"
    r"(?:device\s+|system\s+)?backups?\b|\bauto\s*backup\b|\b(?:device|system)\s+backups?\b"
)
# A sentence crediting libraries by their licence, and the verbs that would still make it about data.
_LICENCE_CREDIT = re.compile(
    r"\blicen[cs]ed\s+(?:under|as)\s+(?:the\s+)?(?:mit|apache|bsd|gpl|lgpl|mpl|isc|cc|creative\s+commons|eclipse|"
    r"mozilla|gnu|unlicense|zlib)\b|\b(?:mit|apache|bsd|gpl|lgpl|mpl|isc)(?:[- ]\d(?:\.\d)?)?\s+licen[cs]e|"
    r"\b(?:mit|apache|bsd)[- ]licen[cs]ed\b|\bopen[- ]source\s+licen[cs]es?\b|\backnowledg"
)
# A sentence about how the policy itself was made: who wrote, generated or hosts the document (iubenda's template
# "…responsible for this privacy policy, prepared starting from the modules provided by Iubenda", the generators'
# credit lines).
_POLICY_WORDS = ("polic", "document", "notice", "statement")
_POLICY_CREDIT = re.compile(
    r"\b(?:this|the|our)\s+(?:privacy\s+)?(?:policy|document|notice|statement)(?:\s+page)?\b[^.;]{0,60}?"
    r"\b(?:prepared|created|generated|written|drafted|made|built|composed)\b"
)
_DATA_FLOW = re.compile(
    r"\b(?:collect|send|sent|share|shared|transmit|upload|receive|track|process)(?:s|es|ed|ing)?\b"
)
# A comma opening a predicate of its own, the author or the app its subject ("…, we use X", ", and the app sends").
_NEW_PREDICATE = re.compile(
    r"[,，]\s*(?:and\s+|so\s+)?(?:we|the\s+app|our\s+app|this\s+app)\s+(?:also\s+|only\s+)?"
    r"(?:use|uses|rely|relies|work|works|share|shares|send|sends|integrate|integrates|employ|employs)\b"
)
# How far from a name a verb of data or use still speaks of it: before it (the verb whose object or agent it
# is: "collected by our ad network, X", "services used by the app: X, Y") and after it (the verb it is the
# subject of: "X may collect"), within its part of the sentence (`_MENTION_STOP`).
_MENTION_BEFORE = 100
# A clause whose subject denies what goes anywhere ("No data is shared with X", "Nothing is sent to X"), unless it
# makes an exception ("No data leaves the phone except crash reports sent to X").
_NO_SUBJECT = re.compile(
    r"^\W*(?:no\s+(?:[\w-]+\s+){0,3}?|nothing\s+(?:else\s+)?)(?:(?:ever|at all)\s+)?"
    r"(?:is|are|was|were|will|gets?|goes|leaves?)\b"
)
_EXCEPTION = re.compile(r"\b(?:except|other than|apart from|but|besides|beyond|save for|aside from)\b")


_NEITHER_NOR = re.compile(r"^\W*neither\b[^.;:!?]*\bnor\b")  # "Neither X nor Y is used"


def _nothing_goes(clause: str) -> bool:
    """Whether a clause opens by denying what goes anywhere (`_NO_SUBJECT`, `_NEITHER_NOR`) and makes no exception."""
    return (
        _NO_SUBJECT.match(clause) is not None or _NEITHER_NOR.match(clause) is not None
    ) and _EXCEPTION.search(clause) is None


# A clause with a subject of its own after a name ("…, which we …", "… crashes we …").
_OWN_SUBJECT_AFTER = re.compile(r"(?:[,;]\s*|\s+)(?:which|that|who|we|you|they)\s")
# A "without" aside between commas or in brackets: it denies a thing, not the name beside it.
_WITHOUT_ASIDE = re.compile(r",\s*without\b[^,;:()]{1,60},|[(（]\s*without\b[^()（）]{1,60}[)）]")
# The name as a part the app contains or shows ("the X SDK", "a X consent form appears", "the X library").
_COMPONENT_AFTER = re.compile(
    r"\s+(?:sdks?|librar(?:y|ies)|plugins?|frameworks?|modules?|widgets?|(?:consent\s+)?(?:forms?|dialogs?|prompts?|"
    r"banners?|pop-?ups?|screens?))\b"
)
# The name's own machines the app reaches ("checks X's servers for updates", "runs on X's infrastructure").
_SERVERS_AFTER = re.compile(r"\s*['’]s\s+(?:own\s+)?(?:servers?|infrastructure|cloud|apis?|endpoints?|backend)\b")
_MENTION_AFTER = 50
_MENTION_STOP = re.compile(r"[;；。!?！？]")
_LIST_ITEM_MAX = 60  # one item of a comma-separated run of names ("Digital Turbine Exchange (Fyber)")
_LIST_SCAN = 1500  # how far back a run of names is followed to its lead-in
_LIST_SEP = re.compile(r"[,，、]")
_ITEM_STOP = re.compile(r"[;；。!?！？:：]")


def _list_start(norm: str, start: int) -> int:
    """Where the comma-separated run of short items that the name at `start` ends starts ("… reachable through
    it: A, B (incl. C), D, E, F, G, H, I, J"): the run's lead-in speaks of every item however long the run,
    so the name's context is read from there; `start` itself when the name is no later item of such a run (at
    least three items back, none holding a clause end)."""
    lo = max(0, start - _LIST_SCAN)
    # One split of the bounded window (a run of rfind calls per item was quadratic in a long run of names).
    pieces = _LIST_SEP.split(norm[lo:start])
    pos = start
    items = 0
    for piece in reversed(pieces[1:]):
        if len(piece) > _LIST_ITEM_MAX or _ITEM_STOP.search(piece) is not None:
            break
        items += 1
        pos -= len(piece) + 1
    return pos if items >= 3 else start


# After a name a colon ends its part too: the name is a label ("微信专清：清理微信…"), what follows describes it.
_MENTION_STOP_AFTER = re.compile(r"[;；:：。!?！？]")
# A list item that is a link (to the product's page or policy) and little else: "- [Unity Ads](https://…)".
_MAX_LINK_ITEM = 80
_MAX_MENTIONS = 200  # catalogue names a sentence read in context (`_mentioned`)
_MAX_HEADED_ITEM = 200  # an item that is a name and a short description, not a paragraph
_LICENCE = re.compile(r"\b(?:apache|mit|bsd|gpl|lgpl|mpl|acknowledg\w*|credits|attributions?)\b|许可|致谢|鸣谢")


def _mentioned(
    sentence: str,
    norm: str,
    start: int,
    end: int,
    block: Block,
    vocab: Vocab,
    svc: policy_services.Services,
    social: bool = False,
) -> bool:
    """A product named at norm[start:end] is one the policy says data goes to or the app uses, wherever in its
    part of the sentence it stands ("Information may be collected by our ad network, Unity Ads", "We may allow
    Google Analytics to collect usage data", "This app contains Unity Analytics"): a verb of collecting,
    sharing, processing or using on either side (`Services.verbs`), one of containing, integrating, allowing
    or providing before it (`Services.object_verbs`: after it the product is their subject, "Wikipedia
    contains …"), or a section titled as third parties, or a list item that is the name's link. Not when the
    reader's account or an identifier there follows the name ("your Facebook account", "Apple 登录标识"), nor
    with a denial around it ("we do not use X", "X已移除") (callers leave out sentences where the author names
    itself: `_SELF_NAME`); a
    `social` platform not with words of logging in or sharing there, its name's too (the reader's account:
    "log in through WeChat authorization", "share … on social media, such as Facebook", "使用微信登录时")."""
    if block.kind is BlockKind.LIST_ITEM and _DENIED_ITEM.match(block.text) is not None:
        return False  # an item denying what it names ("- No Firebase", "- 无友盟统计")
    if _WEB_BEFORE.search(norm, max(0, start - 6), start) is not None:
        return False  # a web technique, not the SDK of its name ("网络Beacon", "web beacons")
    lo = max(0, _list_start(norm, start) - _MENTION_BEFORE)
    for m in _MENTION_STOP.finditer(norm, lo, start):
        lo = m.end()
    # A denial before a turn is about what it names ("We do not use Google Analytics, but we use Plausible"),
    # and before a new predicate after a comma ("We do not sell your data, we use Sentry and Mixpanel").
    for m in _TURN.finditer(norm, lo, start):
        lo = m.end()
    for m in _NEW_PREDICATE.finditer(norm, lo, start):
        lo = m.start() + 1
    stop = _MENTION_STOP_AFTER.search(norm, end, min(len(norm), end + _MENTION_AFTER))
    hi = stop.start() if stop is not None else min(len(norm), end + _MENTION_AFTER)
    # A denial in a predicate of its own after the name ("collected by our processor (Stripe) and never stored on
    # our servers", "sent to X, but we never sell it") is about the data, not the recipient.
    denial_after = _DENIAL_AFTER.search(norm, end, hi)
    if denial_after is not None:
        hi = denial_after.start()
    # What the name replaces follows it ("We use Umami instead of Google Analytics"): not a denial of the name.
    replaced = _REPLACED_AFTER.search(norm, end, hi)
    if replaced is not None:
        hi = replaced.start()
    # A negation in a later clause with a subject of its own, once the name's predicate is said ("X is used to
    # report crashes we could not see", "reports go to X, which we never share"), is about that clause.
    neg = vocab.negation.search(norm, end, hi)
    if neg is not None:
        clause = _OWN_SUBJECT_AFTER.search(norm, end, neg)
        if clause is not None and (
            svc.verbs.search(norm, lo, start) is not None or svc.verbs.search(norm, end, clause.start()) is not None
        ):
            hi = clause.start()
    window = norm[lo:hi]
    if "without" in window:
        # An aside denying a thing of the data, not the recipient ("sends the text, without your ID, to X").
        window = _WITHOUT_ASIDE.sub(" ", norm[lo:start]) + norm[start:end] + _WITHOUT_ASIDE.sub(" ", norm[end:hi])
    if _EXCEPT_BEFORE.search(norm, max(0, start - 24), start) is not None:
        window = ""  # the exception to a denial is what is used ("no third party other than RevenueCat")
    elif _AVOIDED_BEFORE.search(norm, lo, start) is not None or _MEMBERS_BEFORE.search(norm, lo, start) is not None:
        return False  # an example of what the app avoids ("We avoid services like Google Analytics") or of a body's
        # members ("a joint effort of brands like Visa")
    if (
        vocab.negation.search(window) is not None
        or _nothing_goes(norm[lo:start])
        or vocab.sdk_not_used.search(window) is not None
        or _NOT_USED.search(window) is not None
        or _SHAPE_DENIED.search(window) is not None
        or _NO_WORD.search(_without_conditions(window)) is not None
        or (social and svc.social_words.search(window) is not None)
    ):
        return False
    account = svc.account_words.search(norm, end, min(len(norm), end + 16))
    if (account is not None and account <= end + 2) or _ACCOUNT_BEFORE.search(norm, max(0, start - 40), start):
        return False
    slash = norm[start - 1 : start] == "/" or norm[end : end + 1] == "/"
    if norm[start - 1 : start] in (".", "@") or (slash and _IN_URL.search(norm, max(0, start - 200), start)):
        return False  # part of a URL or address ("https://lbs.qq.com/…"), not names joined by "/" ("阿里云/腾讯云")
    company = _COMPANY_AFTER.match(norm, end)
    if company is not None and not (
        # A product's maker named as the one data goes to ("we share your advertising ID with AppsFlyer Ltd."):
        # the product is the row; a company alone elsewhere is a record's provider ("Github Inc.").
        norm[start:end].isascii() and svc.verbs.search(norm, lo, start) is not None
    ):
        return False  # a company's name ("腾讯云计算（北京）有限责任公司", "Github Inc."): a record's provider
    colon = _FIELD.match(norm)
    if (
        colon is not None
        and colon.end() <= start
        and not is_data_item(colon.group(1), vocab)  # a topic ("Your IP address: … sent to X"), not a field
        and svc.verbs.search(colon.group(1)) is None
        and svc.object_verbs.search(colon.group(1)) is None
        # Not a labelled paragraph whose sentence sends data to the name ("AI 交互：…问题将发送至第三方服务商
        # （DeepSeek）进行处理"): a field's value names, it does not send.
        and not (start - colon.end() > 12 and _SENT_TO_NAME.search(norm, colon.end(), start) is not None)
        # Nor a label before a sentence of the author's ("推送服务：我们使用个推推送服务", "地图：本应用接入了…").
        and not _AUTHOR_USES.match(norm, colon.end(), start)
    ):
        return False  # the value of a record's field ("第三方机构名称：X", "SDK用途：…") or a name's description
    if _data_neighbour(norm, start, end, vocab):
        return False
    if (
        svc.verbs.search(norm, lo, start) is not None
        or svc.verbs.search(norm, end, hi) is not None
        or svc.object_verbs.search(norm, lo, start) is not None
        or _SERVERS_AFTER.match(norm, end) is not None
        or _COMPONENT_AFTER.match(norm, end) is not None
        or _PROVIDER_AFTER.match(norm, end) is not None
    ):
        return True
    if not social and _third_party_heading(tuple(block.headings[-2:]), svc):
        return True  # (a platform the reader has an account on needs a verb: "关注我们的微博" is no recipient)
    if block.kind is not BlockKind.LIST_ITEM:
        return False
    # An item that is a company with its products in brackets ("- Google LLC (Google AdMob, Firebase Analytics)").
    company = SDK_AFTER_COMPANY.match(sentence.strip(" .;；。*_-•"))
    if company is not None and norm[start:end] in normalize_policy_text(company.group(2)):
        return True
    if len(block.text) <= _MAX_LINK_ITEM and _external(block.links) and end - start >= len(norm.strip(" .:：-*")) - 3:
        return True
    # An item headed by the product, then what it does ("- **Sentry** — crash reporting", "- 阿里云：服务器托管"):
    # a list of the services the app relies on (not a platform the reader has an account on).
    if social or len(block.text) > _MAX_HEADED_ITEM or start > 4:
        return False
    head, rest = item_head(sentence)
    if not rest or normalize_policy_text(head).strip(" *_`[]") != norm[start:end]:
        return False
    # Not a list of open-source licences or acknowledgements ("- OkHttp: Apache License 2.0").
    about = normalize(" ".join((rest, *block.headings[-2:])))
    return svc.code_words.search(about) is None and _LICENCE.search(about) is None


# The author as the subject of a verb of use right after a label's colon, before the name.
_AUTHOR_USES = re.compile(
    r"\s*(?:我们|我方|本应用|本app|本软件|本产品|本平台|本服务|we)\s*(?:还|也|会|可能|可能会|将)?\s*"
    r"(?:使用|采用|接入|集成|嵌入|引入|调用|借助|依托|通过|委托|use|uses|integrate|integrates|rely on)了?",
    re.I,
)


_DENIAL_AFTER = re.compile(
    r"[,)]?\s+(?:and|but)\s+(?:(?:we|it|they|is|are|was|were|will|\w+ly)\s+){0,2}"
    r"(?:never|not|no longer|do not|does not|don't|doesn't|will not|won't)\b"
    # A Chinese clause with a subject of its own after a comma ("…由微信支付处理，我们一般仅接收结果，不收集…").
    r"|[，,；;]\s*(?:但|但是|而|并且|且|同时)?\s*(?:我们|我方|本应用|本公司|本平台)"
)
# The start of a URL run up to a name ("https://", "www.", "lbs.qq.com" before "/…"): the name is part of it.
_IN_URL = re.compile(r"(?:https?:|www\.|[a-z0-9-]\.[a-z]{2,6})[^\s，。；、（）()]*$")
# Web tracking techniques read as an SDK's name: "网络Beacon", "web beacons", "网页 Beacon".
# "(?<![a-z])", not "\b": a Chinese character is a word character ("COOKIES和WEB BEACON").
_WEB_BEFORE = re.compile(r"(?:(?<![a-z])web|网络|网页|页面)\s*$")
# "serves no ads from X", "neither X nor Y": a denial of a noun the vocabulary's clause negations miss.
_NO_WORD = re.compile(r"\b(?:no|none|neither|nor)\b")
# A condition that holds a "no" ("if the site has none", "if there is no logo"): it says when, and denies
# nothing after it ("— if the site has none — falls back to one of our icon providers, DuckDuckGo").
_CONDITION = re.compile(r"\b(?:if|when|where|unless)\b[^,;:—–()]{0,60}?\b(?:no|none)\b[^,;:—–()]{0,30}")


def _without_conditions(text: str) -> str:
    return _CONDITION.sub(" ", text) if "if" in text or "when" in text or "where" in text or "unless" in text else text
# The reader's accounts named just before ("social media accounts (e.g. Facebook)", "第三方账号（如微信）").
_ACCOUNT_BEFORE = re.compile(
    r"(?:\baccounts?|账号|帐号|账户|帐户)\s*[(（]?\s*(?:e\.g\.?,?|such as|like|including|如|例如|比如|包括)?"
    r"\s*[:：]?\s*"
    r"(?:[^()（）;；。:：]{0,40}?(?:,|、|，|/|\bor\b|\band\b|和|或)\s*)?$"
)
# A verb sending data on its way to a recipient named after it ("发送至", "上传到", "shared with", "sent to").
_SENT_TO_NAME = re.compile(
    r"(?:发送|上传|传输|提交|提供|共享|披露)(?:至|到|给)|\b(?:sent|shared|transferred|transmitted|uploaded|disclosed)\s+"
    r"(?:to|with)\b"
)
# What follows a name inside a company's name: "…（北京）有限责任公司", "…人工智能基础技术研究有限公司", " Inc.".
_COMPANY_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,12}(?:[（(][\u4e00-\u9fff]{2,4}[)）])?[\u4e00-\u9fff]{0,12}?(?:有限责任公司|有限公司|股份公司)"
    r"|,?\s*(?:inc|llc|ltd|limited|gmbh|corp|corporation|co\.,? ltd)\b"
)
# A record's field or a name, then its value: "第三方机构名称：X", "Apple 身份认证（…）：用于 Apple 登录授权".
_FIELD = re.compile(r"^\s*([^:：;；。,，]{1,24})[:：]")
_LIST_SEP = re.compile(r"[、,，/]")
_DATA_ITEM = 20  # an item of a list of data is a few words ("ICCID", "Android ID", "设备型号")


def _data_neighbour(norm: str, start: int, end: int, vocab: Vocab) -> bool:
    """A name enumerated among data items ("ICCID、UTDID、OAID": an SDK's identifier listed as data): the item
    right before or right after it is a data item."""
    before = norm[max(0, start - 40) : start].rstrip()
    if before and _LIST_SEP.match(before[-1]):
        items = _LIST_SEP.split(before[:-1])
        item = items[-1].strip(" （(）)") if items else ""
        if 0 < len(item) <= _DATA_ITEM and is_data_item(item, vocab):
            return True
    after = norm[end : end + 40].lstrip()
    if after and _LIST_SEP.match(after[0]):
        item = re.split(r"[、,，/（）()。；;]", after[1:], maxsplit=1)[0].strip()
        if 0 < len(item) <= _DATA_ITEM and is_data_item(item, vocab):
            return True
    return False


# A capitalised word right after a Latin service name: a longer product the list does not know ("DoubleClick
# Bid Manager"), not the service ("Stripe SDK", "Cloudflare API" name it).
_LONGER_NAME = re.compile(
    r" (?!(?:SDK|API|APIs|SDKs|Services?|Platform|Cloud|Inc|LLC|Ltd|GmbH|Limited|Corp|Corporation|Pty|Co|Oy|Srl)\b)"
    r"[A-Z][a-z]"
)


_WORD_BEFORE = re.compile(r"(?<=[a-z,;:]\s)([A-Z][a-z]+)\s+$")


def _name_word_before(sentence: str, named: str, svc: policy_services.Services) -> bool:
    """A capitalised word, inside the sentence and no company's, right before a service name that is also an
    English word: the end of a longer name ("your use of Music Box", "the Sound Box app"), not that service
    ("Amazon Alexa", "Google Gemini" are the company's product)."""
    at = sentence.find(named)
    m = _WORD_BEFORE.search(sentence, max(0, at - 30), at) if at > 0 else None
    return m is not None and normalize_policy_text(m.group(1)) not in svc.companies


def _product_word(norm: str, start: int, end: int, svc: policy_services.Services) -> bool:
    """A catalogue name written as a product in running text: not an alias that also names a kind of
    function ("实人认证", "增长分析"), and a Chinese name with a brand (`zh_brand`, or a short one: "支付宝") not
    run into a feature word ("灯塔模式", "极光主题")."""
    name = norm[start:end]
    if name in svc.generic_names:
        return False
    if name.isascii():
        return True
    if len(name) > 3 and len(zh_brand(name)) < 2:
        return False
    return not norm.startswith(svc.feature_words, end)


def _first_plain_word(named: str, sig: Signature | None, norm: str, start: int) -> bool:
    """A one-word Latin name of an imported signature written as a sentence's first word and then a lower-case
    word that is no verb of it ("Batch processing of …"): capitalised as the first word, an English word
    more likely than the product ("Mixpanel, our analytics provider, …", "Sentry collects …" are products)."""
    if (
        sig is None
        or sig.curated
        or not named.isascii()
        or " " in named.strip()
        or _CAMEL.search(named) is not None
        or (norm[:start].strip(" \"'“‘(*•·-–—[") and _LABEL_BEFORE.fullmatch(norm, 0, start) is None)
    ):
        return False
    nxt = _NEXT_WORD.match(norm, start + len(named))
    if nxt is None:
        return False
    word = nxt.group(1)
    return word not in _SUBJECT_AUX and not (len(word) >= 4 and word.endswith("s") and not word.endswith("ss"))


_NEXT_WORD = re.compile(r" ([a-z]+)\b")
# A short label before a colon ("Transit services: Display nearby stops …"): the word after it opens a sentence.
_LABEL_BEFORE = re.compile(r"[\s*•·-]*[\w'’&/-]+(?: [\w'’&/-]+){0,4}[*]*\s*[:：][\s*]*")
# Words after a product that is a sentence's subject ("Sentry may collect", "Mixpanel is used").
_SUBJECT_AUX = frozenset(
    {
        "may", "might", "will", "would", "can", "could", "is", "are", "was", "were", "has", "have", "also", "does",
        "did", "should", "must", "only", "then",
    }
)


def _inside_example(name: str, example_keys: Sequence[str]) -> bool:
    """A catalogue name inside a longer name a rule of the sentence found ("高德地图" in the example
    "高德地图定位"): that name is the product."""
    key = name.replace(" ", "")
    return any(key in k and k != key for k in example_keys)


def _bracketed_after_name(norm: str, start: int, spans: Sequence[tuple[int, int]]) -> bool:
    """A name in brackets right after another name found in the sentence (`spans`): its maker or platform
    ("Firebase Firestore (Google Cloud Platform)"), not another recipient."""
    if start == 0 or norm[start - 1] not in "(（":
        return False
    before = len(norm[: start - 1].rstrip())
    return any(0 <= before - e <= 1 for _s, e in spans)


@functools.lru_cache(maxsize=256)
def _third_party_heading(headings: tuple[str, ...], svc: policy_services.Services) -> bool:
    """Whether a block's last headings title a section about third parties (`Services.section`)."""
    return any(svc.section.search(normalize(h)) is not None for h in headings)


# ---------------------------------------------------------------- names by shape in prose

# "SDK" as a word of its own or after a name ("蜂鸟统计SDK", "the Mixpanel SDK"), not inside a word ("SDKs" counts).
_SDK_WORD = re.compile(r"(?<![a-z])sdk(?:s)?(?![a-z])(?!\s*(?:名称|列表|清单|目录|名单|类型))", re.I)
# A Chinese verb of use before names the catalogue may not know, then the clause that lists them
# ("我们接入了蜂鸟推送、云雀统计", "集成了由…提供的闪电地图").
_ZH_USE = re.compile(
    # "透过" is how Traditional text's "透過" (by way of) reads in Simplified characters.
    r"(接入了|集成了|使用了|采用了|引入了|嵌入了|内嵌了|接入|集成|嵌入|引入|内嵌|通过|透过|借助|调用)(?![的型化度])"
    r"(?:由[^，。；,;]{2,40}?(?:提供|开发|运营)的)?(?:第三方)?([^，。；,;：:（(]{2,80})"
)
_ZH_LIST_SEP = re.compile(r"、|以及|和|及|与|或")
# Brands listed before one SDK word they share, after a verb of use ("接入了微信、QQ、微博分享SDK", "集成了蜂鸟、云雀等
# 第三方统计SDK"): the SDK word names each brand's SDK, not only the last one's.
_ZH_SHARED_SDK = re.compile(
    r"(?:接入|集成|使用|引入|嵌入|采用|内置|内嵌)了?\s*"
    r"((?:[^、，。；;,:：\s等的]{1,12}\s*、\s*){1,20}[^、，。；;,:：\s等的]{1,12}?)\s*(等)?\s*(?:第三方|三方)?\s*"
    r"((?:分享|授权|一键|登录|推送|统计|分析|支付|广告|地图|定位|开放平台|客服|直播|短信|号码|认证|消息|社交)*)\s*sdk",
    re.I,
)
_ZH_SHARED_LATIN = re.compile(r"[A-Z][A-Za-z0-9+]{1,20}")
_ZH_NAME_SEP = re.compile(r"、|以及|和|及|与|或")
# "由蜂鸟推送提供", "由微信支付、支付宝等持牌机构处理": products doing the work, a category after "等" aside.
_ZH_PROVIDED_BY = re.compile(
    r"由([^，。；,;：:（()由的]{2,24}?)(?:SDK|sdk)?(?:等[^，。；,;：:（()由的等]{0,8}?)?(?:提供|实现|完成|支持|处理|负责)"
)
_LATIN_BEFORE_VERB = re.compile(
    r"^\s*([A-Za-z][\w .+&'-]*?[A-Za-z0-9])\s*(?=完成|进行|实现|获取|收集|提供|处理|发送|上传|为您|向您|对您|来|以便)"
)
# Verbs sending data to a named recipient ("发往 DuckDuckGo", "上传至蜂鸟云存储").
_ZH_LATIN = re.compile(
    # Also a product of a named company ("从苹果公司的Healthkit接收").
    r"(?:使用了?|接入了?|集成了?|采用了?|借助|通过|透过|基于|调用|嵌入|引入|连接|平台|服务|工具|组件|框架|公司的|集团的)\s*"
    r"([A-Za-z](?:[A-Za-z0-9.+&'-]*[A-Za-z0-9])?(?:\s+[A-Z0-9](?:[A-Za-z0-9.+&'-]*[A-Za-z0-9])?){0,4})"
    # Not a technique, setting or feature of the system named by the word after it ("AES-256加密算法",
    # "App Groups安全机制", "WebDAV 同步功能", "iOS设置").
    # The whole name, not the start of an English phrase ("SD card") nor of a longer name ("Apple StoreKit 框架").
    r"(?![A-Za-z0-9.+&'-])(?!\s+[A-Za-z0-9])"
    r"(?!\s*(?:加密|算法|安全|机制|功能|设置|协议|格式|权限|同步|系统|版本|接口|标准|技术|模式|日志|框架|相关|[-—→>]))"
)
# What follows a maker named before its product ("通过 Apple 提供的 StoreKit", "使用 Google 开发的 X").
_ZH_MAKER_AFTER = re.compile(r"\s*(?:提供的|开发的|推出的|运营的|旗下)")
_ZH_COLON_LIST = re.compile(
    r"(?:SDK|第三方服务|服务商|合作方|合作伙伴|第三方)(?:(?:包括|如下|有|列表|清单)?[：:]|包括)\s*([^，。；;：:（(]{2,120})",
    re.I,
)
# A line naming the service for a function ("Analytics: Quokkalytics", "Crash reporting: Sentry").
_EN_FUNCTION_LINE = re.compile(
    r"^\s*(?:analytics|crash(?: reporting| reports)?|advertising|ads|ad networks?|push(?: notifications)?|"
    r"authentication|log ?in|sign[- ]in|payments?|billing|maps?|hosting|storage|database|backend|cloud|"
    r"error (?:tracking|monitoring|reporting)|monitoring|performance(?: monitoring)?)\s*[:：]\s*",
    re.I,
)
_ZH_SENT_TO = re.compile(r"(?:发往|发送至|发送到|发送给|传输至|传输到|传输给|上传至|上传到|共享给)\s*")
# A product name at the start of a clause, before the verb that follows it ("星河开放平台获取…").
_ZH_PRODUCT_HEAD = re.compile(
    r"^([^，。；;：:、,！？!?]{1,12}?(?:推送|统计|开放平台|地图|定位|分享|一键登录|号码认证|实人认证|人脸识别|支付|客服|即时通讯|"
    r"广告联盟|云存储|对象存储)(?:服务|平台|组件|插件|SDK)?)(?=[\u4e00-\u9fff])",
    re.I,
)
_LATIN2 = re.compile(r"[A-Za-z]{2}")
_PRONOUN = re.compile(r"您|你|我")
_LATIN3 = re.compile(r"[A-Za-z]{3}")
_VIA_PRODUCT = re.compile(r"(?:开放平台|开放接口|SDK|推送服务)$", re.I)
# A sentence where the policy's author names itself or the SDK it documents ("极光推送SDK（以下简称“本SDK”）",
# 'Acme Ltd. ("we", "us")'): the names in it are no third parties.
_SELF_NAME = re.compile(
    r"简称\s*[“\"「『]?\s*(?:本|我们|我方|公司)|[(（]\s*[“\"](?:we|us|company|the company)[”\"]", re.I
)
# English: where a list of providers starts ("we use X", "such as X", "powered by X", "services: X").
# Verbs that hand the work to someone else, a third party by themselves ("Maps are powered by Mapbox",
# "purchases are handled by RevenueCat", "hosted on Supabase").
_EN_PASSIVE = re.compile(
    r"\b(?:powered|processed|hosted|handled|served|delivered|stored|managed|sent|saved|uploaded|transmitted|synced|"
    r"performed|supplied|implemented)"
    r"\s+(?:by|on|with|through|via|to|in(?!\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+\s*[.;]))\s+|\bprovided\s+(?:via|through)\s+"
    # An apposition naming the product ("the Google product Firebase", "the crash reporting tool Sentry").
    r"|\bthe\s+(?:[A-Z]\w+\s+)?(?:[a-z-]+\s+){0,3}(?:product|service|library|sdk|tool|platform|framework)\s+(?=[A-Z])"
)
_EN_PREMISES = re.compile(
    r"\b(?:in|on|at|with)\s+(?:the\s+)?([A-Z][\w.+-]*(?:\s+[A-Z][\w.+-]*){0,2})(?:['’]s?)?\s+"
    r"(?:data\s*cent(?:re|er)s?|datacent(?:re|er)s?|servers?|infrastructure)\b"
)
_EN_KEEP_VERB = re.compile(r"\b(?:host\w*|stor\w*|kept|keep\w*|run\w*|locat\w*|process\w*|sav\w*)\b")
_EN_IS_PROCESSOR = re.compile(
    r"^\s*([A-Z][\w.+-]*(?:\s+[A-Z][\w.+-]*){0,2})\s+(?:is|acts as)\s+(?i:(?:a|an|our|the)\s+(?:data\s+)?"
    r"(?:sub-?)?processor)\b"
)
_CODE_LIBRARY = re.compile(
    r"\bthe\s+[`'\"*]*([a-z][a-z0-9]*(?:[_-][a-z0-9]+)+)[`'\"*]*\s+(?:library|package|plugin|module)\b"
)
_EN_PASSIVE_DATA = re.compile(r"\b(?:collected|gathered|received|analy[sz]ed|tracked|measured)\s+by\s+")
_FOOTER = re.compile(
    r"^\W*(?:proudly\s+)?(?:powered|hosted|served|built|made|designed)\s+(?:by|on|with)\b"
    # The policy page telling where it lives ("This page is hosted on GitHub Pages", "This privacy policy is
    # published on Notion"): the host of the text, not a service of the app.
    # ("The website is hosted by Vercel" is a service the app's maker uses: a row.)
    r"|^\W*(?:(?:this|the|our)\s+(?:privacy[- ]policy\s+|policy\s+)?(?:web\s*)?(?:page|document|policy|"
    r"privacy\s+policy|notice)|this\s+(?:web\s*)?site|this\s+website)\s+(?:is\s+|was\s+)?(?:also\s+)?(?:hosted|served|published|built|made|generated)\s+"
    r"(?:on|by|with|via|using|through)\b",
    re.I,
)
# The page's host named as serving it, anywhere in a sentence ("GitHub may process visitors' IP addresses when
# serving the website"): the host of the text, as `_FOOTER`.
_PAGE_SERVED = re.compile(
    r"\b(?:when|while|for|in)\s+(?:serving|hosting|delivering)\s+(?:the|this|our)\s+(?:web\s*)?"
    r"(?:site|website|page|policy)\b",
    re.I,
)


def _credits_the_page(sentence: str) -> bool:
    """A page footer or the policy page telling where it lives (`_FOOTER`, `_PAGE_SERVED`): no service of the app."""
    if len(sentence) <= 80 and _FOOTER.match(sentence) is not None:
        return True
    # The gerund follows "when"/"while": lower case, so a plain substring test filters first (most sentences).
    return ("serving" in sentence or "hosting" in sentence or "delivering" in sentence) and (
        _PAGE_SERVED.search(sentence) is not None
    )
# A sentence defining a product as a service of its maker (TermsFeed, iubenda: "Google Analytics is a web
# analytics service offered by Google", "Mixpanel is provided by Mixpanel Inc.", "X or Y is an analysis service
# provided by Z").
_EN_IS_SERVICE = re.compile(
    r"(?<![\w-])([A-Z][\w.+&'-]*(?:\s+(?:for\s+)?[A-Z0-9][\w.+&'-]*){0,4})(?:\s+or\s+[A-Z][^,.;]{0,40}?)?\s+"
    r"(?:is|are)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:service|platform|sdk|library|tool|network|provider|"
    r"solution|product|framework|api)s?\b[^.;]{0,60}?\b)?(?:provided|offered|operated|developed|run|owned|made)\s+by\b"
)
# A product named as the technology of its maker ("uses technology developed by Apple and Google called
# COVID-19 Exposure Alerts", "a library provided by Quokka Labs named Quokka Maps").
_EN_CALLED = re.compile(
    r"\b(?:technology|technologies|service|framework|sdk|library|tool|api|system|platform)\s+"
    r"(?:developed|provided|offered|built|made|created)\s+by\s+[^.;]{1,60}?\s+(?:called|named|known as)\s+",
    re.I,
)
# A sentence whose subject is a product providing a service ("Google Cloud Platform (GCP) provide cloud storage
# and cloud services for the data", "Quokka Push delivers the notifications").
_EN_SUBJECT_PROVIDES = re.compile(
    r"^\s*([A-Z][\w.+&'-]*(?:\s+[A-Z0-9][\w.+&'-]*){0,4}(?:\s*\([A-Z0-9]{2,8}\))?)\s+"
    r"(?:provides?|supplies|hosts?|processes|stores|handles|powers|delivers)\b[^.;]{0,80}?\b"
    r"(?:services?|storage|hosting|infrastructure|servers?|analytics|notifications|payments)\b"
)
# The verbs of `_EN_SUBJECT_PROVIDES` as written there (keep in step): a sentence without one is not matched.
_SUBJECT_VERBS = ("provide", "supplies", "host", "processes", "stores", "handles", "powers", "delivers")
_BRACKETED_ABBR = re.compile(r"\s*\([A-Z0-9]{2,8}\)$")
# A sentence whose subject is a product put to a use ("Google API Services are used only to authenticate …").
_EN_SUBJECT_USED = re.compile(
    r"^\s*([A-Z][\w.+&'-]*(?:\s+[A-Z0-9][\w.+&'-]*){0,4})\s+(?:is|are)\s+(?:only\s+|also\s+)?used\s+"
    r"(?:only\s+)?(?:to|for)\b"
)
# What the paragraphs around such a subject say: it is one of the third parties, not the app's developer
# introducing itself ("Niuinfo provides collaboration tools … services").
_SUBJECT_CONTEXT = re.compile(
    r"third[- ]part|3rd[- ]part|service providers|sub-?processors|processors|following companies|recipients|"
    r"vendors|partners",
    re.I,
)
# The same in Chinese: "蜂鸟统计是由蜂鸟科技提供的统计服务", "云雀推送SDK是云雀公司开发的推送产品".
_ZH_IS_SERVICE = re.compile(
    r"(?:SDK)?是(?!否)(?:由)?[^，。；,;]{2,30}?(?:提供|开发|运营|推出)的[^，。；,;]{0,20}?(?:服务|SDK|平台|工具|组件)",
    re.I,
)
# The app introducing itself ("MyApp is a service provided by Acme (\"we\", \"us\")", "…（以下简称“我们”）",
# "This SERVICE is provided by … at no cost").
_SELF_INTRODUCTION = re.compile(
    r"简称|以下称|本应用|本产品|本软件|我们|\b(?:we|us|our|hereinafter|at no cost|this app|the app|this application)\b",
    re.I,
)
# Matched without re.I (three times faster on this long alternation) against `_ascii_folded` text.
_EN_ANCHOR = re.compile(
    r"\b(?:(?:we|app|application|it|this app|the app)\s+(?:also\s+|may\s+|currently\s+)?"
    r"(?:uses|use|utili[sz]es?|integrates?|employs?|relies on|rely on|works with)\b"
    r"|(?:services?|providers?|partners?|parties|third[- ]party|sdks?|librar(?:y|ies)|tools?|vendors?|processors?|"
    r"platforms?|networks?)\s*(?:[:：]|,?\s*[（(]?(?:such as|including|like|e\.g\.,?|namely|for example,?))"
    # "Our advertising partners are X and Y", "The services we use include X", "Libraries used: X".
    r"|(?:services?|providers?|partners?|sdks?|librar(?:y|ies)|tools?|vendors?|processors?)"
    r"(?:\s+(?:we|the app|this app)\s+(?:use|uses|work with))?\s+(?:are|is|include|includes|used\s*[:：])\s)\s*",
)
# The non-ASCII letters re.I matches to ASCII ones, as those: with them, a lower-case pattern without re.I
# matches the lower-cased text where the pattern with re.I matches the text (at the same positions: no
# letter left changes length when lower-cased).
_RE_I_LETTERS = str.maketrans("\u0130\u0131\u017f\u212a", "iisk")


def _ascii_folded(text: str) -> str:
    return text.lower() if text.isascii() else text.translate(_RE_I_LETTERS).lower()


# A sentence (or its section's heading) about third parties: the English shape rule needs one.
_EN_THIRD_PARTY = re.compile(
    r"third[- ]part|3rd[- ]part|\bsdks?\b|\blibrar(?:y|ies)\b|\bservices?\b|\bproviders?\b|\bpartners?\b|"
    r"\btools?\b|\bplatforms?\b|\bvendors?\b|\bprocessors?\b|\bplugins?\b|\bintegrations?\b|"
    r"powered by|processed by|hosted (?:on|by)",
    re.I,
)
# A listed product name; after an article only with the word that makes it a product ("the Mixpanel SDK":
# "sent to the State" names an authority).
_EN_ITEM = re.compile(
    r"(?P<article>the\s+|a\s+|an\s+)?"
    r"((?:[A-Z0-9]|[a-z]{1,6}(?=[A-Z]))(?:[\w+&'-]|\.(?=\w))*"
    r"(?:\s+(?:(?:in with|for)\s+)?[A-Z0-9](?:[\w+&'-]|\.(?=\w))*){0,4})"
    r"(?P<kind>\s+(?:sdks?|apis?|librar(?:y|ies)|services?|platform|framework|plugin)\b)?(?:\s*[（(][^（）()]{0,60}[)）])?",
)
_ENGLISH_NOUN_END = re.compile(r"(?:ing|tion|sion|ment|ness|ity|ance|ence|ers|ism)$", re.I)
_TO_DATA_VERB = re.compile(
    r"\s+to\s+(?:measure|track|analy[sz]e|monitor|collect|store|send|deliver|process|understand|serve|host|sync|"
    r"report|count|record)\b"
)
_NAMED_SUBJECT_USES = re.compile(
    r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}\s+(?:also\s+)?(?:uses|integrates|employs|relies on)\s+"
)


def _lower_camel(name: str) -> bool:
    """One word spelt as an invented product starting in lower case ("freeRASP", "jsDelivr", "eBay")."""
    return " " not in name and name[:1].islower() and camel_product(name) and _LOWER_CAMEL.fullmatch(name) is not None


_LOWER_CAMEL = re.compile(r"[a-z]{1,6}[A-Z][A-Za-z0-9]+")
_ITEM_PURPOSE = re.compile(r"\s+(?:for|to)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?(?=\s*(?:,|\band\b|\bor\b|&|;))")
_ITEM_START = re.compile(r"[A-Z0-9]")  # where an `_EN_ITEM` name can start
_EN_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|as well as\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*)")
_SIGN_IN = re.compile(r"\b(?:Sign|Log) ?[Ii]n with [A-Z](?:[\w+-]|\.(?=\w))*")


def _shaped_names(
    sentence: str, context: str, vocab: Vocab, links: Sequence[str] = (), traditional: bool = False
) -> list[tuple[str, int, int, None]]:
    """Names the catalogue may lack, recognised by their shape (names.py) where the sentence says third
    parties are used: "<brand>SDK" anywhere ("我们接入了蜂鸟统计SDK", "the Mixpanel SDK"); Chinese product names
    ("蜂鸟推送", "星河开放平台") listed after a verb of use; Latin product names listed after "we use", "such as",
    "powered by" or "services:" in a sentence about third-party services ("We use Supabase, RevenueCat and
    PostHog"), and "Sign in with Google". A name made only of generic words ("第三方广告SDK", "Analytics
    providers"), a company, or one in a denied clause gives none. Each rule first looks for its own cue word
    in the sentence (most sentences have none: this runs on every sentence of the policy)."""
    # At most _MAX_SHAPED names a sentence: bounded work on a hostile page ("SDK SDK SDK …"). Traditional Chinese
    # is read in Simplified characters ("接入了蜂鳥統計" as "接入了蜂鸟统计"), each name kept as written.
    simp = simplified(sentence) if traditional else sentence
    if len(simp) != len(sentence):
        simp = sentence
    found = _shape_candidates(simp, context, links)[:_MAX_SHAPED]
    if simp is not sentence:
        found = [(_as_written(sentence, simp, n, at), at) for n, at in found]
    if not found:
        return []
    norm = normalize(sentence)
    if (
        vocab.negation.search(norm) is not None
        or _SELF_NAME.search(sentence) is not None
        or _CATEGORIES_LEAD.search(sentence) is not None
    ):
        return []
    lower = sentence.lower()
    out: list[tuple[str, int, int, None]] = []
    seen: set[str] = set()
    for name, at in found:
        name = name.strip(" ，,、：:")
        key = normalize(name).replace(" ", "")
        if (name.isascii() and (_COMPANY_NAME.search(name) is not None or "'s" in name)) or _ZH_COMPANY.search(name):
            continue  # a company ("Google LLC", "北京某某科技") or a possessive ("User's Internet Protocol")
        lo = max(0, at - 300)
        clause = _clause(lower[lo : at + 300], at - lo)  # a window: a clause is short, a hostile sentence is not
        if (
            not key
            or any(key in k or k in key for k in seen)
            or vocab.sdk_not_used.search(normalize(clause)) is not None
            or _SHAPE_DENIED.search(clause) is not None
            or _nothing_goes(clause.strip())
            or not _name_like(name, vocab)
            or (is_data_item(name, vocab) and not _package_name(name))
            or _CATEGORY.search(name) is not None
        ):
            continue
        seen.add(key)
        out.append((name, -1, -1, None))
    return out


_MAX_SHAPED = 40
# A code package's name, its data words aside ("expo-location", "react-native-contacts"): a library, no data item.
_PACKAGE_NAME = re.compile(r"^[a-z][a-z0-9]{2,}(?:[_-][a-z0-9]+)+$")


def _package_name(name: str) -> bool:
    """A package named by three or more parts, or after a known product ("expo-location"); not "sign-up"."""
    if _PACKAGE_NAME.match(name) is None:
        return False
    parts = re.split(r"[_-]", name)
    return len(parts) >= 3 or bool(policy_services.load().find(parts[0]))


def _as_written(sentence: str, simp: str, name: str, at: int) -> str:
    """`name` found in `simp` (the sentence in Simplified characters, same length) as `sentence` writes it."""
    i = simp.find(name, max(0, at))
    return sentence[i : i + len(name)] if i >= 0 else name


def _shape_candidates(sentence: str, context: str, links: Sequence[str] = ()) -> list[tuple[str, int]]:
    """(name, position) of every name a shape rule finds in the sentence, before the checks of
    `_shaped_names`."""
    found: list[tuple[str, int]] = []
    lower = sentence.lower()
    if "sdk" in lower:
        for m in itertools.islice(_SDK_WORD.finditer(sentence), _MAX_SHAPED):
            start, name = zh_name_span(sentence, m.start())
            if _PRONOUN.search(name):
                continue  # a clause addressed to the reader ("向您公示 SDK 开发者"), not a name
            # The brand read in Simplified Chinese ("這些SDK" is "这些SDK": no brand).
            if name and len(zh_brand(simplified(name))) >= 2 and (not name.isascii() or en_product(name)):
                found.append((sentence[start : m.end()] if m.group().lower() == "sdk" else name, start))
        if "、" in sentence:
            for m in itertools.islice(_ZH_SHARED_SDK.finditer(sentence), _MAX_SHAPED):
                at = m.start(1)
                brands = re.split(r"\s*、\s*", m.group(1))
                for i, item in enumerate(brands):
                    # With the shared word when the list distributes it ("联通一键登录" of "移动、联通一键登录SDK").
                    kind = "" if m.group(2) else m.group(3)
                    brand = item if _ZH_SHARED_LATIN.fullmatch(item) else zh_brand(simplified(item + kind))
                    if len(brand) >= 2 and _ZH_CLAUSE.search(item) is None and _PRONOUN.search(item) is None:
                        # Each brand's SDK as the list writes it ("QQ分享SDK"); after "等" the brands alone.
                        last = i == len(brands) - 1
                        named = item if m.group(2) or last else item + m.group(3) + "SDK"
                        if not last or m.group(2):
                            found.append((named, sentence.find(item, at)))
                    at = sentence.find(item, at) + len(item)
    if not sentence.isascii():
        for m in itertools.islice(_ZH_USE.finditer(sentence), _MAX_SHAPED):
            # "通过/借助/调用" (by way of) also take channels ("通过短信", "通过在线客服"): after them only an open
            # platform, an SDK or a Latin brand is a product.
            via = m.group(1) in ("通过", "透过", "借助", "调用")
            # The names follow the verb one after another: the list ends at the first piece that is none.
            for piece in _ZH_LIST_SEP.split(m.group(2)):
                piece = _without_etc(piece)
                latin_head = _LATIN_BEFORE_VERB.match(piece)
                if latin_head is not None:
                    piece = latin_head.group(1)  # a Latin name, then what is done with it ("通过 Google Play 完成支付")
                head = _ZH_PRODUCT_HEAD.match(piece)
                last = head is not None and head.end() < len(piece)  # "星河开放平台获取您的昵称": name, then verb
                piece = head.group(1) if head is not None else piece
                made_by = "的" in piece
                if made_by:
                    # A maker's product ("友盟+提供的统计服务", "蜂鸟科技的云雀推送"): the words after "的", a product
                    # only with a brand of their own (the maker, if a known name, is found as one).
                    piece = piece.rsplit("的", 1)[1]
                if not (len(piece) <= 16 and ZH_PRODUCT_END.search(piece) and len(zh_brand(piece)) >= 2):
                    if made_by:
                        continue
                    break
                if via and _VIA_PRODUCT.search(piece) is None and not _LATIN2.search(zh_brand(piece)):
                    break
                found.append((piece, m.start(2)))
                if last:
                    break
        if "由" in sentence:
            for m in itertools.islice(_ZH_PROVIDED_BY.finditer(sentence), _MAX_SHAPED):
                # A product providing a function ("消息推送由蜂鸟推送提供"): a product's name, not a company's.
                # Several products named so are each one ("支付功能由支付宝、微信支付提供").
                at = m.start(1)
                for name in _ZH_NAME_SEP.split(m.group(1)):
                    if ZH_PRODUCT_END.search(name) and len(zh_brand(name)) >= 2 and _ZH_COMPANY.search(name) is None:
                        found.append((name, sentence.find(name, at)))
                    at += len(name)
        for m in itertools.islice(_ZH_LATIN.finditer(sentence), _MAX_SHAPED):
            # A Latin name in Chinese text right after a verb of use or a category noun ("使用 Firebase 收集",
            # "第三方 Bug 分析平台 Microsoft AppCenter", "连接 GitHub 服务器"): Chinese prose writes brands so.
            latin = m.group(1)
            if _ZH_MAKER_AFTER.match(sentence, m.end()) is not None and not camel_product(latin):
                continue  # a maker ("Apple", "Google") before its product, not the product ("AppGalleryConnect 提供的")
            if len(latin) >= 3 and (en_product(latin) or (camel_product(latin) and not title_words(latin))):
                found.append((latin, m.start(1)))
        for m in itertools.islice(_ZH_COLON_LIST.finditer(sentence), _MAX_SHAPED):
            # "以下第三方SDK：蜂鸟统计、云雀推送", "第三方服务商：A、B": names listed after a colon.
            pieces = [_without_etc(p) for p in _ZH_LIST_SEP.split(m.group(1))]
            colon_names = [
                p
                for p in pieces
                if _ZH_CLAUSE.search(p) is None  # not a sentence after the colon ("服务商：我们的产品可能会包含…SDK")
                and (
                    _SDK_END.search(p)
                    or (shaped_name(p) and (ZH_PRODUCT_END.search(p) is not None or _LATIN2.search(p) is not None))
                )
            ]
            if len(colon_names) == len(pieces) and colon_names:
                found.extend((p, m.start(1)) for p in colon_names)
        for m in itertools.islice(_ZH_SENT_TO.finditer(sentence), _MAX_SHAPED):
            # Data sent to a named service ("查询词发往 DuckDuckGo（html.duckduckgo.com）", "上传至蜂鸟云存储").
            item = _EN_ITEM.match(sentence, m.end())
            if item is not None and en_product(item.group(2)) and not item.group("article"):
                found.append((item.group(2), item.start(2)))
                continue
            head = _ZH_PRODUCT_HEAD.match(sentence[m.end() : m.end() + 30] + "。")
            if head is not None and len(zh_brand(head.group(1))) >= 2:
                found.append((head.group(1), m.end()))
        if "是" in sentence and "的" in sentence:
            for m in itertools.islice(_ZH_IS_SERVICE.finditer(sentence), _MAX_SHAPED):
                start, name = zh_name_span(sentence, m.start())
                # Only a name written as an SDK or service ("蜂鸟统计是由…提供的统计服务"): "XX是由XX公司提供的
                # 产品" introduces the app itself.
                named = sentence[start : m.start()] + ("SDK" if m.group().upper().startswith("SDK") else "")
                product = ZH_PRODUCT_END.search(named) is not None or named.upper().endswith("SDK")
                if name and len(zh_brand(name)) >= 2 and product and _SELF_INTRODUCTION.search(sentence) is None:
                    found.append((named, start))
    if not (sentence.isascii() or _LATIN3.search(sentence)):
        return found
    found.extend(_linked_libraries(sentence, links))
    if "in with" in lower:
        signs = itertools.islice(_SIGN_IN.finditer(sentence), _MAX_SHAPED)
        found.extend((m.group(), m.start()) for m in signs if m.start() > 0)
    if " called " in lower or " named " in lower or " known as " in lower:
        for m in itertools.islice(_EN_CALLED.finditer(sentence), _MAX_SHAPED):
            item = _EN_ITEM.match(sentence, m.end())
            if item is not None and en_product(item.group(2)):
                found.append((item.group(2), item.start(2)))
    if " used " in lower:
        used = _EN_SUBJECT_USED.match(sentence)
        name = used.group(1) if used is not None else ""
        if (
            name
            and en_product(name)
            and _SELF_INTRODUCTION.search(sentence) is None
            and (camel_product(name) or _EN_THIRD_PARTY.search(sentence) or _third_party_context(context))
        ):
            found.append((name, used.start(1) if used is not None else 0))
    subject = _EN_SUBJECT_PROVIDES.match(sentence) if any(v in sentence for v in _SUBJECT_VERBS) else None
    if (
        subject is not None
        and en_product(_BRACKETED_ABBR.sub("", subject.group(1)))
        and _SELF_INTRODUCTION.search(sentence) is None
        and _SUBJECT_CONTEXT.search(context) is not None
    ):
        found.append((subject.group(1).strip(), subject.start(1)))
    if " by " in lower:
        # The app introducing itself is told by the words right after its maker ('… by Acme ("we")', "at no
        # cost"), not by an "Us" later in a run-on sentence.
        services = itertools.islice(_EN_IS_SERVICE.finditer(sentence), _MAX_SHAPED)
        found.extend(
            (m.group(1), m.start(1))
            for m in services
            if en_product(m.group(1)) and _SELF_INTRODUCTION.search(sentence, m.start(), m.end() + 60) is None
        )
    if _HOST_DOT.search(sentence) is not None and _HOST_TOKEN.search(sentence) is not None:
        found.extend(_hosts_reached(sentence))
    if "cent" in lower or "server" in lower or "infrastructure" in lower:
        # Data kept in a named provider's premises ("We host the Service in Mythic Beasts data centres").
        for m in itertools.islice(_EN_PREMISES.finditer(sentence), _MAX_SHAPED):
            if en_product(m.group(1)) and _EN_KEEP_VERB.search(lower) is not None:
                found.append((m.group(1), m.start(1)))
    if "processor" in lower:
        # A named party that says what it is ("Acme is a Processor of your data", "Acme acts as our processor").
        party = _EN_IS_PROCESSOR.match(sentence)
        if party is not None and en_product(party.group(1)):
            found.append((party.group(1), party.start(1)))
    if "librar" in lower or "package" in lower or "plugin" in lower or "module" in lower:
        # A code package named as what the app contains ("provided by the cunning_document_scanner library").
        found.extend((m.group(1), m.start(1)) for m in itertools.islice(_CODE_LIBRARY.finditer(sentence), _MAX_SHAPED))
    # The rules below list names (`_EN_ITEM`) after a cue word: without a capital or digit after its first
    # character (four sentences in ten), a sentence has none to list.
    if _ITEM_START.search(sentence, 1) is None:
        return found
    # A page footer ("Powered by WordPress", "Proudly hosted on Netlify") credits the site, not the app.
    footer = _credits_the_page(sentence)
    anchors = [] if footer else list(itertools.islice(_EN_PASSIVE.finditer(sentence), _MAX_SHAPED))
    agents: list[re.Match[str]] = []
    if not footer and " by " in lower:
        agents = list(itertools.islice(_EN_PASSIVE_DATA.finditer(sentence), _MAX_SHAPED))
    if agents and (_EN_THIRD_PARTY.search(sentence) is not None or _third_party_context(context)):
        # Where the text speaks of third parties, the agent of collecting is one ("Purchase data is collected by
        # Unity In-App Purchasing" under "Information shared by our partners"); elsewhere it is often the
        # author ("The information collected by Acme will be deemed an asset").
        anchors.extend(agents)
    if ":" in sentence or "：" in sentence:  # `_EN_FUNCTION_LINE` needs its colon
        anchors.extend(_EN_FUNCTION_LINE.finditer(sentence))
    listed = list(itertools.islice(_EN_ANCHOR.finditer(_ascii_folded(sentence)), _MAX_SHAPED))
    # The app named as the subject ("Raphael Sensei uses freeRASP, a … SDK"), as "the app uses".
    if " uses " in lower or " integrates " in lower or " employs " in lower or " relies on " in lower:
        listed += list(itertools.islice(_NAMED_SUBJECT_USES.finditer(sentence), 5))
    # Without third-party words around, "we use X" names a product only when X is spelt like an invented
    # name ("We use RevenueCat", "This app uses PostHog"; not "We use Dark Mode").
    invented_only: set[int] = set()
    if listed and (_EN_THIRD_PARTY.search(sentence) is not None or _third_party_context(context)):
        anchors.extend(listed)
    elif listed:
        invented_only = {a.start() for a in listed}
        anchors.extend(listed)
    for a in anchors:
        pos = a.end()
        items: list[re.Match[str]] = []
        for _n in range(12):
            item = _EN_ITEM.match(sentence, pos)
            if (
                item is None
                or not (en_product(item.group(2)) or _lower_camel(item.group(2)))
                or (item.group("article") and not item.group("kind"))
            ):
                break
            items.append(item)
            # A purpose after each name ("**Quokkalytics** for analytics, **Wombatmail** for e-mail and …").
            purpose = _ITEM_PURPOSE.match(sentence, item.end())
            after = purpose.end() if purpose is not None else item.end()
            sep = _EN_SEP.match(sentence, after)
            if sep is None or sep.end() == after:
                break
            pos = sep.end()
        # After a colon a single capitalised word may start a sentence ("Services: After enabling …"):
        # there the list is two names or more, or one name ending the sentence.
        colon = a.group().rstrip().endswith((":", "："))
        if colon and len(items) == 1 and sentence[items[0].end() :].strip(" .。;；"):
            items = []
        if a.start() in invented_only:
            # (A name in lower camel case, "freeRASP", needs third-party words: "iPhone", "camelCase" are words.)
            items = [
                i for i in items
                if (camel_product(i.group(2)) and not title_words(i.group(2)) and not _lower_camel(i.group(2)))
                # Or one capitalised word used to do something with data ("We use Quokkalytics to measure …").
                or (
                    " " not in i.group(2)
                    and not title_words(i.group(2))
                    and _ENGLISH_NOUN_END.search(i.group(2)) is None  # "Caching", "Encryption": English words
                    # A short plural is an English word ("Metrics", "Servers"); "Quokkalytics" is a name.
                    and not (len(i.group(2)) <= 8 and i.group(2).endswith("s") and not i.group(2).endswith("ss"))
                    and _TO_DATA_VERB.match(sentence, i.end()) is not None
                )
            ]
        found.extend((item.group(2), item.start(2)) for item in items)
    return found


# The app reaching a server it names ("it will connect to either `ipwho.is` or `geoplugin.net`", "downloads the
# dictionary from `redirector.gvt1.com`", "download the language files from https://alphacephei.com/vosk").
_HOST_VERB = re.compile(
    r"\b(?:connect(?:s|ed|ing)?\s+to|(?:download|fetch|retriev|load)\w*\b[^.;:]{0,60}?\bfrom|"
    r"(?:sen[dt]|upload|transmit)\w*\b[^.;:]{0,40}?\bto|request\w*\s+(?:to|from))\s",
    re.I,
)
# A host as code, in a URL, or bare in lower case ("`ipwho.is`", "https://alphacephei.com/vosk", "geoplugin.net").
_HOST_TOKEN = re.compile(
    r"(?:`|https?://(?:www\.)?|(?<![\w.@/-]))((?:[a-z0-9-]+\.)+[a-z]{2,6})(?=[`/\s,;)]|\.(?:\s|$)|$)"
)
_HOST_DOT = re.compile(r"\.[a-z]")  # in every `_HOST_TOKEN` match: a cheap scan (a literal first) before it
_HOST_JOIN = re.compile(r"^[\s`,]*(?:(?:either|or|and)\s+)*[\s`]*$", re.I)


def _hosts_reached(sentence: str) -> list[tuple[str, int]]:
    """Hosts written as code, URLs or bare host names right after a verb of connecting, downloading or sending
    ("`ipwho.is` or `geoplugin.net`"): each host a service the app reaches."""
    out: list[tuple[str, int]] = []
    for m in itertools.islice(_HOST_VERB.finditer(sentence), 5):
        pos = m.end()
        for h in itertools.islice(_HOST_TOKEN.finditer(sentence, pos, min(len(sentence), pos + 160)), 4):
            if not _HOST_JOIN.match(sentence[pos : h.start()]):
                break  # the hosts follow the verb one after another ("from `a.org` or https://b.com/…")
            out.append((h.group(1), h.start(1)))
            pos = h.end()
            while pos < len(sentence) and sentence[pos] not in " `,;)":
                pos += 1  # past the URL's path
    return out


# A link to a library's code or package page: its last path part is the library's name.
_LIBRARY_URL = re.compile(
    r"https?://(?:www\.)?(?:github\.com|gitee\.com|gitlab\.com|bitbucket\.org)/[\w.-]+/([\w.-]+)"
    r"|https?://(?:www\.)?(?:pub\.dev/packages|npmjs\.com/package|pypi\.org/project|crates\.io/crates)/([\w.-]+)",
    re.I,
)
# A sentence that says the app uses, collects through or sends to what it names.
_LIBRARY_VERB = re.compile(
    r"\b(?:use[sd]?|using|integrat\w*|collect\w*|rel(?:y|ies) on|powered|via|through|with)\b"
    r"|使用|通过|集成|接入|借助|收集|采集|基于",
    re.I,
)


def _linked_libraries(sentence: str, links: Sequence[str]) -> list[tuple[str, int]]:
    """Library names written as links to their code or package pages ("通过 [catcher](https://pub.dev/packages/
    catcher) 和 [xCrash](https://github.com/iqiyi/xCrash) 收集"), where the sentence says they are used: the
    name as the sentence writes it, when it is the last part of the link's path."""
    if not links or _LIBRARY_VERB.search(sentence) is None:
        return []
    out: list[tuple[str, int]] = []
    for link in links[:_MAX_SHAPED]:
        m = _LIBRARY_URL.match(link)
        name = (m.group(1) or m.group(2)) if m is not None else ""
        name = name.removesuffix(".git")
        if len(name) < 3:
            continue
        at = re.search(r"(?<![\w/.-])" + re.escape(name) + r"(?![\w/-])", sentence, re.I)
        if at is not None:
            out.append((at.group(), at.start()))
    return out


@functools.lru_cache(maxsize=256)
def _third_party_context(context: str) -> bool:
    """Whether a block's context (its heading, title line and opening) is about third parties (cached: every
    sentence of a block shares it)."""
    return _EN_THIRD_PARTY.search(context) is not None


# A clause denying the use ("我们不会接入X SDK", "we never use X").
_SHAPE_DENIED = re.compile(
    r"不(?:会|再)?(?:接入|集成|使用|嵌入|引入|内嵌|包含)|(?:没有|并未|从未|未)(?:接入|集成|使用|嵌入|引入|内嵌|包含)"
    r"|停止(?:使用|接入|集成)|已(?:停用|弃用|下线|废弃|移除)"
    r"|移除|去除|去掉|剔除|取消(?:了)?(?:接入|集成|使用)|下架了"
    r"|\b(?:not|never|no longer)\b"
)
_ZH_COMPANY = re.compile(r"公司|集团|科技|网络技术|信息技术")
_COMPANY_NAME = re.compile(r"\b(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|Co|Pty|S\.?A|AG|B\.?V)\.?$")


# Named examples of a category of recipients: "第三方支付机构（如微信支付、支付宝等）", "地图服务商（如高德地图）",
# "payment processors (such as Stripe and PayPal)". A bracket opened by "包括" is read by `_bracket_examples`.
_CATEGORY_EXAMPLES = re.compile(
    r"(?:合作方|合作伙伴|服务商|服务提供商|提供商|机构|运营商|providers?|partners?|processors?|vendors?|networks?)\s*"
    r"[（(](?:(?:如|例如|比如|e\.g\.,?|such as|for example,?)\s*|(?=(?:android|ios|harmonyos|鸿蒙|安卓)\S{0,3}[为:：])"
    # Or the parties themselves, listed ("运营商（中国移动、中国联通、中国电信）"): most must be known names.
    r"|(?!包括|包含|including)(?=[^（）()、]{2,20}、))"
    r"([^（）()]{2,80}?)[)）]",
    re.I,
)


# Named examples of third-party services, however hedged: "接入第三方服务（例如：OpenAI、DeepL、Ollama、豆包等）",
# "third-party AI services (e.g. Quokka AI, Wombat Chat)".
_THIRD_PARTY_EXAMPLES = re.compile(
    r"(?:第三方|third[- ]party)\s*[^\s（）()，。,;；]{0,8}?\s*(?:服务|平台|sdk|工具|接口|合作方|合作伙伴|机构|"
    r"services?|platforms?|sdks?|tools?|providers?|partners?|apis?)(?:提供商|商|方)?\s*"
    r"(?:[（(](?:如|例如|比如|诸如|e\.g\.,?|such as|for example,?|like)\s*[:：]?\s*"
    r"([^（）()]{2,120}?)[)）]"
    # Unbracketed, to the clause's end: "如果您使用第三方服务例如DeepL翻译，那么…".
    r"|[，,]?\s*(?:例如|比如|诸如)\s*[:：]?\s*([^（）()，。；;,]{2,60}))",
    re.I,
)


def _third_party_examples(sentence: str, vocab: Vocab, catalogue: Catalogue) -> list[tuple[str, int, int, None]]:
    """The examples of `_THIRD_PARTY_EXAMPLES`, not denied, when every one is a product name (catalogue or
    shape) and there are two or more, or one spelt as a product: each is a row."""
    if "（" not in sentence and "(" not in sentence and "例如" not in sentence and "比如" not in sentence:
        return []
    lower = sentence.lower()
    if "第三方" not in sentence and "third" not in lower:
        return []
    out: list[tuple[str, int, int, None]] = []
    norm = normalize(sentence)
    for m in itertools.islice(_THIRD_PARTY_EXAMPLES.finditer(sentence), 5):
        if (
            vocab.negation.search(norm) is not None
            or vocab.sdk_not_used.search(norm) is not None
            or _SHAPE_DENIED.search(lower) is not None
        ):
            return []
        items = [_without_etc(it) for it in _EXAMPLE_SEP.split(m.group(1) or m.group(2))]
        items = [it for it in items if it]
        # One example only when it is spelt as a product ("DeepL翻译": a Latin brand or a catalogue name).
        single = len(items) == 1 and (_LATIN2.search(items[0]) is not None or in_catalogue(items[0], catalogue))
        if (len(items) >= 2 or single) and all(
            len(it) <= 30 and not is_data_item(it, vocab) and _CATEGORY.search(it) is None
            and (shaped_name(it) or in_catalogue(it, catalogue))
            for it in items
        ):
            out.extend((it, -1, -1, None) for it in items)
    return out


# Examples in brackets after a kind of recipient written anywhere before them in the sentence ("trusted service
# providers who help us run the app (e.g., Firebase, Google Cloud)", "发送至AI模型服务商进行推理（如Replicate/
# Stability AI等）"): the kind need not stand right before the bracket, as `_CATEGORY_EXAMPLES` wants.
_EXAMPLE_BRACKET = re.compile(
    r"[（(]\s*(?P<mark>(?:如|例如|比如|诸如|譬如|e\.g\.?,?|eg,?|for example,?|for instance,?|such as|like)"
    r"\s*[:：]?)?\s*"
    r"([^（）()]{2,120}?)[)）]",
    re.I,
)
_RECIPIENT_KIND = re.compile(
    r"\b(?:providers?|partners?|processors?|sub-?processors?|vendors?|services?|third[- ]part(?:y|ies)|"
    r"platforms?|tools?|sdks?|apis?|companies|networks?|manufacturers?|makers?)\b|服务商|提供商|供应商|第三方|合作方|合作伙伴|"
    r"平台|机构|厂商|制造商|通道|sdk|服务",
    re.I,
)
_INCLUDING_START = re.compile(r"\s*(?:包括|包含|including\b|includes\b)", re.I)
_HEREINAFTER = re.compile(r"[，,;；]\s*(?:以下(?:简)?称|下称|hereinafter)[^，,;；]*$", re.I)
_ETC_KIND = re.compile(r"等[\u4e00-\u9fff]{1,6}$")  # "网联等支付通道": the list's last member, then its kind
_PUSH_MAKERS = re.compile(r"厂商|制造商|厂家|\bmanufacturers?\b|\b(?:device|phone) makers?\b", re.I)
# Push words, also the makers' channels a push SDK delivers through when the app is offline ("vendor channels",
# "厂商通道"), the term the Chinese push SDKs' own documents use.
_PUSH = re.compile(r"推送|\bpush\b|\bvendor channels?\b|厂商通道", re.I)
_MAX_EXAMPLE_LEAD = 160  # how far before the bracket its kind of recipient may be named


def _bracket_examples(
    sentence: str, vocab: Vocab, catalogue: Catalogue, svc: policy_services.Services
) -> list[tuple[str, int, int, None]]:
    """The examples of `_EXAMPLE_BRACKET` after a kind of recipient (`_RECIPIENT_KIND`) in a sentence that denies
    nothing and speaks of no login or sharing to the reader's accounts, when every example is name-like and at
    least half are known (catalogue or services list): each is a row ("Stability AI" with "Replicate")."""
    if "(" not in sentence and "（" not in sentence:
        return []
    out: list[tuple[str, int, int, None]] = []
    for m in itertools.islice(_EXAMPLE_BRACKET.finditer(sentence), 5):
        lead = sentence[max(0, m.start() - _MAX_EXAMPLE_LEAD) : m.start()]
        if _RECIPIENT_KIND.search(lead) is None or _ACCOUNT_BEFORE.search(normalize(lead)) is not None:
            continue
        norm = normalize(sentence)
        if (
            vocab.negation.search(norm) is not None
            or vocab.sdk_not_used.search(norm) is not None
            or _SHAPE_DENIED.search(norm) is not None
            or svc.social_words.search(norm) is not None
        ):
            return []
        # "第三方支付机构（包括微信支付、支付宝支付及银联、网联等支付通道，以下称“支付机构”）": the members a kind
        # is said to include are examples too, once the short name the bracket defines and "等<kind>" are cut.
        body = _HEREINAFTER.sub("", m.group(2))
        including = m.group("mark") is None and _INCLUDING_START.match(body) is not None
        marked = m.group("mark") is not None or including
        body = _INCLUDING_START.sub("", body, count=1) if including else body
        items = [_without_etc(_ETC_KIND.sub("", it.strip())).strip(" *_`'\"“”") for it in _EXAMPLE_SEP.split(body)]
        items = [it for it in items if it]
        if not marked and len(items) < 2:
            continue  # one name in a bare bracket: an alias or a maker, read by the apposition rules
        # A kind of service beside the products ("可信第三方服务（Apple Maps、云存储）"): Chinese words with no brand in
        # them name no one; the products are the examples.
        listed = len(items)
        products = [it for it in items if it.isascii() or len(zh_brand(it)) >= 2 or _mostly_known(it, catalogue, svc)]
        if products and len(products) < len(items):
            items = products
        if not items or any(
            not 2 <= len(it) <= 30 or not _name_like(it, vocab) or is_data_item(it, vocab)
            or _CATEGORY.search(it) is not None
            for it in items
        ):
            continue
        # Device makers named as the push channels data goes to (label convention C3: "发送至手机厂商推送通道（华为、
        # 小米、OPPO、vivo）"): companies, known here.
        makers = _PUSH_MAKERS.search(lead) is not None and _PUSH.search(sentence) is not None
        known = [
            it for it in items
            if _mostly_known(it, catalogue, svc)
            or (makers and normalize_policy_text(it) in svc.companies)
        ]
        # Examples marked so ("如", "e.g.") need half of them known; a bare bracket all ("第三方服务（DeepSeek API、
        # WebDAV）": a protocol beside a product).
        need = len(items) if not marked else (len(items) + 1) // 2
        if len(known) < need or not (listed >= 2 or _LATIN2.search(items[0]) is not None):
            continue
        out.extend((it, -1, -1, None) for it in items)
    return out


# Partners named as such, companies included ("我们的合作伙伴包含但不限于腾讯等", "Our advertising partners include
# Google and Meta"): the named parties are the recipients.
_PARTNERS_INCLUDE = re.compile(
    r"(?:合作伙伴|合作方|服务商|服务提供商)(?:包括|包含|有|为)(?:但不限于)?\s*[:：]?\s*([^。；;：:（）()]{2,60}?)(?:等|$|。)"
    r"|\bpartners\s+(?:include|are)\s+(?:but are not limited to\s+)?([^.;:()]{2,80}?)(?:\.|;|$|,?\s+(?:which|who))",
    re.I,
)


def _partners_named(
    sentence: str, vocab: Vocab, catalogue: Catalogue, svc: policy_services.Services
) -> list[tuple[str, int, int, None]]:
    """The parties `_PARTNERS_INCLUDE` names, each a known product, a company of the services list or a brand
    ("腾讯", "Google"), in a sentence that denies nothing."""
    if "合作" not in sentence and "服务" not in sentence and "partners" not in sentence.lower():
        return []
    m = _PARTNERS_INCLUDE.search(sentence)
    if m is None or vocab.negation.search(normalize(sentence)) is not None or _SHAPE_DENIED.search(sentence):
        return []
    items = [_without_etc(it).strip() for it in _EXAMPLE_SEP.split(m.group(1) or m.group(2) or "")]
    items = [it for it in items if it]
    ok = [
        it for it in items
        if 2 <= len(it) <= 30
        and (normalize_policy_text(it) in svc.companies or _mostly_known(it, catalogue, svc))
    ]
    return [(it, -1, -1, None) for it in ok] if ok and len(ok) == len(items) else []


def _a_service(text: str, svc: policy_services.Services) -> bool:
    """The whole of `text` is a name of the services list ("Replicate", "Google Cloud")."""
    key = normalize_policy_text(text)
    return any(h.start == 0 and h.end == len(key) for h in svc.find(key))


_PLATFORM_LABEL = re.compile(
    r"^\s*(?:android|ios|harmonyos|鸿蒙|安卓|苹果)(?:端|系统|平台)?\s*(?:为|使用|用|[:：])\s*", re.I
)


_MAKER_CUE = re.compile(r"厂商|制造商|推送|廠商|製造商|推播|push", re.I)  # 推播: push in Taiwan
_MAKER_SEP = r"\s*(?:、|，|,|/|和|及|以及|与|或)\s*"
# After the makers: the kind of party they are ("等手机厂商", "终端设备制造商") or their push channel ("的推送通道",
# "手机等第三方的 PushSDK", "手机的 Push 服务"), the devices' word first or not.
_MAKER_AFTER = re.compile(
    r"\s*(?:手机|终端设备|终端|移动设备|设备|安卓)?\s*等?\s*(?:(?:手机|终端|终端设备|设备|移动设备|安卓)?\s*(?:厂商|制造商)"
    r"|(?:第三方|手机|终端|设备)?\s*(?:厂商)?\s*(?:的|官方)?\s*(?:系统级?)?\s*(?:推送|推播|push))",
    re.I,
)
_MAKER_BEFORE = re.compile(
    r"(?:共享给|提供给|披露给|传输给|传输至|传送至|发送给|发送至|上传至|分享给|同步至|与|向|接入了?|集成了?|使用了?|"
    r"采用了?|通过|透过|借助|委托|包括|包含|如)\s*$"
)
_MAKER_LISTS: dict[tuple[str, ...], re.Pattern[str]] = {}
# A label of the makers' push right before the list ("厂商推送：", "手机厂商推送通道:").
_MAKER_LABEL = re.compile(r"(?:厂商|制造商)[^，。；:：]{0,6}(?:推送|推播|push)[^，。；:：]{0,4}[:：]\s*$", re.I)
_PUSH_WORD = re.compile(r"推送|推播|push", re.I)
# A denial with the way or party between the negator and the verb ("不会通过华为…的 PushSDK 收集").
_MAKER_DENIED = re.compile(r"不(?:会|再)?(?:通过|经由|向|与)|(?:没有|并未|从未|未)(?:通过|经由|向|与)")


def _maker_list(makers: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _MAKER_LISTS.get(makers)
    if pattern is None:
        one = "(?:" + "|".join(re.escape(m) for m in sorted(makers, key=len, reverse=True)) + ")"
        pattern = re.compile(f"(?<![A-Za-z]){one}(?:{_MAKER_SEP}{one})+(?![A-Za-z])", re.I)
        _MAKER_LISTS[makers] = pattern
    return pattern


def _sign_in_products(sentence: str, norm: str, vocab: Vocab, seen: set[str]) -> list[tuple[str, int, int, None]]:
    """Sign-in features named by their provider (`Vocab.sign_in_product`: "Google Sign-In", "Sign in with Apple",
    "Apple 登录") in a sentence that denies nothing: each a row as written, once (not inside a name found)."""
    # The names first: most sentences have none, and skip the denial scans.
    features = vocab.sign_in_product.spans(norm)
    if not features or vocab.negation.search(norm) is not None or _SHAPE_DENIED.search(norm) is not None:
        return []
    out: list[tuple[str, int, int, None]] = []
    for start, end in features:
        spelt = _spelt(sentence, norm[start:end])  # as written ("Apple 登录" folds to "apple登录")
        named = spelt.group(0) if spelt is not None else norm[start:end]
        if not named[:1].isupper():
            continue  # "when you sign in with Google": the reader's act; the feature is named "Sign in with Google"
        key = normalize(named)
        if not any(key in k or k in key for k in seen):
            seen.add(key)
            out.append((named, -1, -1, None))
        # Providers listed before one feature name share its words ("Google/Apple Sign-In", "Google and Apple
        # Sign-In"): each provider's feature is a row.
        _provider, _sep, feature = named.partition(" ")
        if not feature:
            continue
        before = sentence[: spelt.start()] if spelt is not None else ""
        for m in itertools.islice(_SHARED_PROVIDERS.finditer(before[-80:]), 4):
            provider = m.group(1)
            other = f"{provider} {feature}"
            key = normalize(other)
            spans = vocab.sign_in_product.spans(key)
            if not provider[:1].isupper() or not any(e - s0 == len(key) for s0, e in spans):
                continue
            if not any(key in k for k in seen):  # the bare provider found ("Google") is no sign-in row
                seen.add(key)
                out.append((other, -1, -1, None))
    return out


# A provider word in a list right before a sign-in feature's name ("Google/", "Google and ", "Google, Facebook or ").
_SHARED_PROVIDERS = re.compile(
    r"([A-Za-z][\w-]*)\s*(?:/|,|&|\band\b|\bor\b)\s*(?=(?:[A-Za-z][\w-]*\s*(?:/|,|&|\band\b|\bor\b)\s*)*$)"
)


def _device_makers(sentence: str, vocab: Vocab, svc: policy_services.Services) -> list[tuple[str, int, int, None]]:
    """Phone makers listed as the parties data goes to or whose push channels the app uses ("共享给华为、小米、
    OPPO、vivo等手机厂商", "接入了华为、小米等厂商的推送通道"): a row each (label convention C3), in a sentence that
    shares, collects or uses and denies nothing. Each maker alone is a company word, and a list of them not
    called makers or push ("支持华为、小米手机") names devices, no party."""
    # An ASCII sentence matches only the cue "push" (re.I's other letters for s and k are not ASCII): a substring
    # test, not the case-insensitive scan.
    if ("push" not in sentence.lower()) if sentence.isascii() else _MAKER_CUE.search(sentence) is None:
        return []
    chars = simplified_chars(sentence)
    out: list[tuple[str, int, int, None]] = []
    norm = normalize(chars)
    if (
        vocab.negation.search(norm) is not None
        or _SHAPE_DENIED.search(chars) is not None
        or _MAKER_DENIED.search(chars) is not None
        or (
            vocab.share.search(norm) is None
            and vocab.collect.search(norm) is None
            and svc.verbs.search(norm) is None
            and svc.object_verbs.search(norm) is None
        )
    ):
        return out
    for m in _maker_list(svc.device_makers).finditer(chars):
        after = _MAKER_AFTER.match(chars, m.end())
        if after is None:
            # A list labelled as the makers' push ("厂商推送：华为、小米、OPPO").
            if _MAKER_LABEL.search(chars, max(0, m.start() - 16), m.start()) is not None:
                out.extend((p.strip(), -1, -1, None) for p in re.split(_MAKER_SEP, sentence[m.start() : m.end()]))
            continue
        # The makers as the object of sharing or use ("共享给华为…", "与华为…共享", "接入了华为…"), or their
        # push channel ("…等厂商的推送"); not whose rules or systems the app follows ("根据华为…的要求",
        # "为适配华为…的系统").
        push = _PUSH_WORD.search(chars[m.end() : after.end() + 6]) is not None
        if _MAKER_BEFORE.search(chars, max(0, m.start() - 8), m.start()) is None and not push:
            continue
        for part in re.split(_MAKER_SEP, sentence[m.start() : m.end()]):
            if part.strip():
                out.append((part.strip(), -1, -1, None))
    return out


def _category_examples(sentence: str, vocab: Vocab, index: NameIndex) -> list[tuple[str, int, int, None]]:
    """The examples of `_CATEGORY_EXAMPLES` in a sentence that shares or collects data (not denied), when at
    least half of them are catalogue names: then each named example is a row ("招行一网通" with "微信支付、支付宝");
    examples that are categories themselves ("广告主、广告平台") give none."""
    out: list[tuple[str, int, int, None]] = []
    # The bracket first: most sentences have none, and the vocabulary passes cost more than this test.
    matches = list(_CATEGORY_EXAMPLES.finditer(sentence)) if "(" in sentence or "（" in sentence else []
    if not matches:
        return out
    norm = normalize(sentence)
    if vocab.negation.search(norm) is not None:
        return out
    if vocab.share.search(norm) is None and vocab.collect.search(norm) is None:
        return out
    for m in matches:
        # Providers per platform ("（Android为高德地图定位，IOS为百度地图定位）") are listed by platform.
        items = [_PLATFORM_LABEL.sub("", it) for it in _EXAMPLE_SEP.split(m.group(1))]
        items = [_without_etc(it) for it in items if it]
        items = [it for it in items if it]
        names = [it for it in items if 2 <= len(it) <= 30 and _name_like(it, vocab) and not is_data_item(it, vocab)
                 and _CATEGORY.search(it) is None]
        known = sum(1 for it in names if index.best(it) is not None)
        if known and 2 * known >= len(items):
            out.extend((it, -1, -1, None) for it in names)
    return out


# A bracket right after a name that gives its other name ("深度求索（DeepSeek）", "腾讯广告（优量汇）", "Umeng (友盟)"):
# a Latin product word or a known name, no purpose, example, company, address or data.
_ALIAS_BRACKET = re.compile(r"\s?[（(]([^（）()，,。；;：:、]{2,24})[)）]")
_ALIAS_NOT = re.compile(
    r"用于|用来|以便|如|例如|包括|比如|即|简称|以下|下称|提供|收集|获取|公司|集团|有限|\b(?:inc|ltd|llc|gmbh|corp|"
    r"e\.g|i\.e|for|used|including|formerly|see)\b|https?:|www\.|\.com|\.cn|^com\.|\d{2,}",
    re.I,
)


_SDK_WORD_END = re.compile(r"\s*(?:sdk|插件|组件)?\s*$")


def _whole_bracket_after_name(
    norm: str, start: int, end: int, found: Sequence[tuple[str, int, int, Signature | None]]
) -> bool:
    """A Chinese name that is the whole bracket right after another name found in the sentence: that record's
    other name, maker or platform ("高德地图SDK（高德开放平台）", "友盟统计SDK（友盟同欣）"), not a second record.
    A bracket of several names ("Firebase（Firestore、Storage）") or a Latin one is left to the other rules."""
    if start == 0 or end >= len(norm) or norm[start:end].isascii():
        return False
    if norm[start - 1] not in "(（" or norm[end] not in ")）":
        return False
    head = norm[: start - 1].rstrip()
    bare = len(_SDK_WORD_END.sub("", head))  # "友盟统计sdk（…）": the name found may be "友盟统计"
    return any(e in (len(head), bare) for _n, _s, e, _g in found)


def _with_alias(named: str, sentence: str, vocab: Vocab, catalogue: Catalogue) -> str:
    """`named` with the bracket right after it when the bracket is its other name (`_ALIAS_BRACKET`): the row
    then carries both spellings, as SDK lists write them ("Alipay（支付宝）SDK")."""
    at = sentence.find(named)
    m = _ALIAS_BRACKET.match(sentence, at + len(named)) if at >= 0 and len(named) <= 40 else None
    if m is None:
        return named
    alias = m.group(1).strip()
    if _ALIAS_NOT.search(alias) is not None or is_data_item(alias, vocab) or row_key(alias) in row_key(named):
        return named
    svc = policy_services.load()
    if normalize_policy_text(alias) in svc.companies or normalize_policy_text(alias) in svc.platforms:
        return named  # its maker or platform ("Firebase (Google)", "地图（苹果）")
    if alias.isascii() == named.isascii():
        # In the same script only the same product's other name ("腾讯广告（优量汇）"), not its maker or platform
        # ("Firebase Firestore (Google Cloud Platform)").
        index = name_index(catalogue)
        sig = index.best(alias)
        if sig is None or sig is not index.best(named):
            return named
        return sentence[at : m.end()].strip()
    known = in_catalogue(alias, catalogue) or _a_service(alias, svc)
    latin = alias.isascii() and _CAPITAL_WORD.match(alias) is not None and len(alias.split()) <= 3
    if not (known or (latin and not generic_words(alias, svc.title_words))):
        return named
    return sentence[at : m.end()].strip()


def _prose_row(
    named: str, sentence: str, quote: str, data: str, block: Block, vocab: Vocab, catalogue: Catalogue
) -> SdkRow:
    return build_row(
        vocab,
        catalogue,
        name=_with_alias(named, sentence, vocab, catalogue),
        data=data,
        all_text=named,
        location=block.location,
        file=block.file,
        how="prose",
        quote=quote,
    )


def _plausible_name(
    named: str, sig: Signature, norm: str, start: int, end: int, links: Sequence[str], vocab: Vocab
) -> bool:
    """Whether a catalogue name found in running text is meant as the product. ASCII names must be written
    with a capital ("display content" is a verb); a one-word name of an imported signature ("Sentry", and
    also "Smart", "Placed") needs a product word near it ("the service Sentry") or a link on its block."""
    if not named.isascii():
        return True
    if named == named.lower() or len(named) < 3:
        return False
    if " " in named.strip() or sig.curated:
        return True
    if not sig.collects:
        return False
    caps = sum(1 for ch in named if ch.isupper() or ch.isdigit())
    near = vocab.sdk_context.search(norm, max(0, start - 30), min(len(norm), end + 30)) is not None
    # The capitalised object of a verb of use ("we rely on Mapbox for maps", "built using Parse"): a product.
    # Not an adjective or a plural noun ("We use Smart features", "rely on Placed data", "use Metrics to").
    used = (
        _USE_BEFORE_NAME.search(norm, max(0, start - 24), start) is not None
        and _OBJECT_END.match(norm, end) is not None
        and not (named.endswith("s") and not named.endswith("ss"))
        and _ENGLISH_NOUN_END.search(named) is None
    )
    # The capitalised recipient of a verb of sharing ("usage data is shared with Kochava", "we send crash logs
    # to Bugsnag"), under the same object tests.
    shared_to = (
        _SHARE_TO_BEFORE_NAME.search(norm, max(0, start - 60), start) is not None
        and _OBJECT_END.match(norm, end) is not None
        and not (named.endswith("s") and not named.endswith("ss"))
        and _ENGLISH_NOUN_END.search(named) is None
    )
    # The subject of a verb of data ("Amplitude receives usage events", "Bugsnag stores crash reports").
    # (Not as the sentence's first word: "Display stores your settings", "Smart processes your photos".)
    subject = _DATA_VERB_AFTER.match(norm, end) is not None and bool(norm[:start].strip(" \"'“‘(*•·-–—["))
    # In apposition to a kind of recipient ("our measurement partner Adjust", "deployed on Vercel").
    apposed = (
        _APPOSITION.search(norm, max(0, start - 60), start) is not None
        and _SHAPE_DENIED.search(norm, max(0, start - 60), start) is None
    )
    return near or used or shared_to or subject or apposed or bool(links) or (caps >= 2 and len(named) >= 4)


_DATA_VERB_AFTER = re.compile(
    r"\s+(?:(?:may|might|will|can|also|then)\s+)?(?:receive|collect|store|process|analy[sz]e|track|log)(?:e?s|ed)?\b"
)


# What follows a product used as an object: punctuation, the sentence's end or a preposition ("Mapbox for maps").
_OBJECT_END = re.compile(r"\s*(?:[,.;:()]|$)|\s+(?:for|to|in|and|or|as|with|on|because|so|which|that|when)\b")
_SHARE_TO_BEFORE_NAME = re.compile(
    r"\b(?:shared?|sharing|sent|sends?|sending|transmit(?:s|ted)?|disclosed?|transferred|passed|forwarded|"
    r"uploaded)\b(?:\s+[\w'’-]+){0,5}?\s+(?:with|to)\s+(?:the\s+)?$"
)
_USE_BEFORE_NAME = re.compile(
    r"\b(?:use[sd]?|using|utili[sz](?:e[sd]?|ing)|rel(?:y|ies|ied|ying) on|integrat(?:e[sd]?|ing)|powered by|"
    r"via|through)\s+(?:the\s+)?$"
)


def _clause(norm: str, at: int) -> str:
    """The clause of `norm` around position `at` (a denial covers its own clause only): from the end of the last
    separator ending at or before `at` to the start of the first one starting after it."""
    if at < 0:
        return norm
    starts, ends = _clause_marks(norm)
    i = bisect.bisect_right(ends, at)
    j = bisect.bisect_right(starts, at)
    return norm[ends[i - 1] if i else 0 : starts[j] if j < len(starts) else len(norm)]


@functools.lru_cache(maxsize=8)
def _clause_marks(norm: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause separators of a sentence, found once for all the names in it (scanning
    them again for each of a hostile sentence's thousands of names was quadratic: 600 KB took minutes)."""
    marks = [(m.start(), m.end()) for m in _CLAUSE.finditer(norm)]
    return [a for a, _ in marks], [b for _, b in marks]


# A sentence lower-cased once for all the names found in it (a hostile one holds thousands).
_lowered = functools.lru_cache(maxsize=8)(str.lower)


_VENDOR_ABBREV = re.compile(r" ?([a-z][a-z0-9]{1,5})(?![a-z0-9.])")
_NOT_ABBREV = frozenset({"sdk", "api", "apis", "app", "apps", "id", "ip", "url", "http", "https", "json", "and", "or"})


def _latin_in_chinese(named: str, h: policy_services.Hit, mostly_chinese: bool) -> bool:
    """A Latin service name written in lower case inside a Chinese sentence ("使用google ads投放广告", "通过stripe
    完成"): Chinese has no capitals to tell a name by, so a Latin word there is a name; not a spelling that is also
    an English word."""
    return named.isascii() and h.spelling not in h.service.word_aliases and mostly_chinese


_NAME_LIST_NEXT = re.compile(r"\s*[/、]\s*[A-Za-z\u4e00-\u9fff]")


def _original_case(sentence: str, named: str) -> str:
    """The name as the sentence spells it ("Firebase Crashlytics", not the folded form)."""
    at = _lowered(sentence).find(named.lower())
    if at < 0 and not named.isascii() and len(named) <= 60:
        spelt = _spelt(sentence, named)  # "火山 ASR" folds to "火山asr"
        return spelt.group(0) if spelt is not None else named
    return sentence[at : at + len(named)] if at >= 0 else named


def _spelt(sentence: str, named: str) -> re.Match[str] | None:
    """Where the sentence writes a normalised name, any case, with the spaces normalising dropped between a
    Chinese and a Latin word put back."""
    return re.search(r"\s*".join(map(re.escape, named.replace(" ", ""))), sentence, re.I)


# ---------------------------------------------------------------- source lines


# How far ahead of the previous row a row's name is looked for, and for how many rows: bounded work on
# hostile pages (a row not found keeps line None).
_NAME_END = re.compile(r"[（(]| / ")  # where a row's first name ends ("X（别名）", "X / Y")
_LINE_WINDOW = 200_000
_LINE_ROWS = 5_000
_TABLE_LINE_TRIES = 20  # later mentions of a table row's name looked at for one on a table line
_LINE_REWINDS = 200  # rows looked for again from the top (each a few scans of the whole text)


def _in_table_line(lower: str, needle: str, at: int, stop: int) -> int:
    """The first of the next few places from `at` where NEEDLE is written on a table's line (a pipe table's row, an
    HTML cell), else `at`: a table row's name is often mentioned in the prose above the table first."""
    found = at
    for _ in range(_TABLE_LINE_TRIES):
        start = lower.rfind("\n", 0, found) + 1
        end = lower.find("\n", found)
        line = lower[start : end if end >= 0 else len(lower)]
        if "|" in line or "<t" in line or "</t" in line:
            return found
        found = lower.find(needle, found + 1, stop)
        if found < 0:
            break
    return at


def _written_once(lower: str, needles: Sequence[str]) -> int:
    """Where the first needle written exactly once in the text is, else -1 (the search stops at a second copy)."""
    for needle in needles:
        at = lower.find(needle) if needle else -1
        if at >= 0 and lower.find(needle, at + 1) < 0:
            return at
    return -1


def with_lines(rows: Sequence[SdkRow], file: str, text: str) -> list[SdkRow]:
    """The rows of `file` with the source line where each is written: the first line after the previous
    row's that holds its name (or, for a prose row, the start of its sentence), looked for within
    `_LINE_WINDOW` characters. Rows of other files, and names not found as written (an HTML entity, a name
    joined from cells), keep line None."""
    lower = text.lower()
    pos = 0
    line_at, line = 0, 1  # line number of position line_at, counted incrementally
    out = []
    searched = rewound = 0
    for r in rows:
        if r.file != file or searched >= _LINE_ROWS:
            out.append(r)
            continue
        searched += 1
        at = -1
        # A prose row by its sentence and a heading row by its heading (markup may break them: then by
        # the name), any other by its name.
        # A part named with its parent ("Google Firebase" + "Remote Config") is written as the part alone.
        words = r.name.split()
        tails = tuple(" ".join(words[k:]) for k in range(1, min(len(words), 3)))
        # A name joined with its alias from two lines of a cell ("甲SDK<br>（乙）") is written as its first part.
        head = _NAME_END.split(r.name, maxsplit=1)[0].strip()  # also the first of two names (`merge`)
        tails += (head,) if head and head != r.name and len(head) >= 2 else ()
        needles = [n.lower().strip() for n in ((r.quote[:40],) if r.how in ("prose", "heading") and r.quote else ())
                   + (r.name, *tails)]
        for needle in needles:
            at = lower.find(needle, pos, pos + _LINE_WINDOW) if needle else -1
            if at >= 0:
                if r.how == "table":
                    at = _in_table_line(lower, needle, at, pos + _LINE_WINDOW)
                break
        if at < 0 and pos and rewound < _LINE_REWINDS:
            # Rows of one file come from several passes (tables, lists, prose): one written before the previous
            # row is looked for from the top, and counted from there without moving the forward search — only
            # where it is written once (an earlier mention, in the introduction, is not the row).
            rewound += 1
            at = _written_once(lower, needles)
            if at >= 0:
                out.append(replace(r, line=text.count("\n", 0, at) + 1))
                continue
        if at < 0:
            out.append(r)
            continue
        line += text.count("\n", line_at, at)
        line_at = pos = at
        out.append(replace(r, line=line))
    return out


# ---------------------------------------------------------------- merging


_ROW_NOISE = re.compile(r"[\s\-_()（）·.,，:：/]+|sdk")


@functools.lru_cache(maxsize=8192)
def row_key(name: str) -> str:
    """An SDK row's name compared as the shared corpus scorer does: lower case, no spaces, brackets, punctuation
    or 'sdk'; two rows repeat each other when one key contains the other. Cached: `merge` compares each
    heading and prose row with every row kept."""
    return _ROW_NOISE.sub("", normalize(name or ""))


def _service_keys(name: str, svc: policy_services.Services) -> set[str]:
    """Row keys of the spellings of the service a prose row names, whole ("Claude" -> "anthropic",
    "anthropicapi"): a mention by one spelling repeats a row named by another ("Anthropic, PBC" / "(Claude)")."""
    key = normalize_policy_text(name)
    out: set[str] = set()
    for h in svc.find(key):
        if h.start == 0 and h.end == len(key):
            out |= {k for n in (h.service.name, *h.service.aliases) if len(k := row_key(n)) >= 4}
    return out


def _repeats(r: SdkRow, keys: set[str], o: SdkRow, sig: Signature | None = None) -> bool:
    if r.how == "prose" and _maker_beside_other_sdk(r, o):
        return row_key(o.name) in keys  # a phone maker beside its SDK for something else: only its own name repeats
    if r.sdk_id is not None and r.sdk_id == o.sdk_id:
        # A Latin name with a product word neither the other row nor the catalogue entry has is another
        # product of the vendor ("Firebase Firestore" beside "Firebase (Google)"), not a repeat.
        # Two headings of their own sections with names neither contains are two records ("腾讯云慧眼人脸核身SDK"
        # and "腾讯优图人脸核身SDK" of one catalogue entry).
        other = row_key(o.name)
        apart = r.how == o.how == "heading" and not any(k in other or other in k for k in keys)
        # A vendor's payment product beside its open platform ("微信支付" / "微信开放平台", "WeChat Pay" / "WeChat
        # SDK"), one catalogue entry: money goes through the one, sign-in or sharing through the other, unless
        # that record says it pays too ("微信OpenSDK：微信登录、微信支付").
        payment = (
            _PAYMENT_PRODUCT.search(r.name) is not None
            and _PAYMENT_PRODUCT.search(o.name) is None
            and _PAYMENT_WORD.search(" ".join((o.purpose, *o.quotes.values(), o.quote))) is None
        )
        return not (apart or payment or (r.name.isascii() and _new_words(r.name, o.name, sig)))
    other = row_key(o.name)
    if bool(other) and any(k in other or other in k for k in keys):
        return True
    if r.how == "prose" and o.provider and o.how != "prose":
        company = row_key(o.provider)
        if any(len(k) >= 3 and k in company for k in keys):
            # the provider of a record ("• 提供方：哔哩哔哩" under "Bilibili IP查询服务", "第三方机构名称：Square(Block,
            # Inc.)" under "okhttp") named again
            return True
    # A company row naming its services in brackets ("阿里云计算有限公司（百炼 / 通义千问，模型服务）"): a prose
    # mention of one of them ("阿里云百炼") repeats it.
    return any(p in k for p in _bracketed_products(o.name) for k in keys)


def _maker_beside_other_sdk(r: SdkRow, o: SdkRow) -> bool:
    """A phone maker named as where push data goes (convention C3: a row of its own unless its push SDK is listed,
    `_maker_push_listed`) beside a record that maker provides for something else ("Performance Acceleration
    Library", developer Huawei): not a mention of that record."""
    if normalize_policy_text(r.name) not in policy_services.load().device_makers:
        return False
    return _PUSH_RECORD.search(normalize_policy_text(" ".join((o.name, o.purpose)))) is None


def _bracketed_keys(name: str) -> set[str]:
    """The row keys of the names a name gives in brackets ("崩溃报告（Sentry）" -> {"sentry"})."""
    return {row_key(b[1:-1]) for b in _BRACKET_TEXT.findall(name)} - {""}


_PAYMENT_PRODUCT = re.compile(r"支付(?:sdk)?\s*$|\bpay(?:\s+sdk)?\s*$", re.I)
_PAYMENT_WORD = re.compile(r"支付|付款|\bpay(?:ment)?s?\b", re.I)
_PIECE_SEP = re.compile(r"\s*[/／,，、;；]\s*")


@functools.lru_cache(maxsize=8192)
def _bracketed_products(name: str) -> tuple[str, ...]:
    """Row keys of the brand names in a trailing bracket of a company row (`SDK_AFTER_COMPANY` shape)."""
    m = SDK_AFTER_COMPANY.match(name)
    if m is None:
        return ()
    pieces = (p.strip() for p in _PIECE_SEP.split(m.group(2)))
    return tuple(row_key(p) for p in pieces if p and (len(zh_brand(p)) >= 2 if not p.isascii() else shaped_name(p)))


_WORD = re.compile(r"[a-z0-9]+")


def _new_words(name: str, other: str, sig: Signature | None) -> bool:
    """Whether `name` has a word (of three letters or more, not "sdk") that `other` and the catalogue entry's
    names lack."""
    known = set(_WORD.findall(other.lower()))
    if sig is not None:
        for n in (sig.name, sig.vendor, *sig.policy_names):
            known.update(_WORD.findall(n.lower()))
    return any(len(w) >= 3 and w not in known and w not in ("sdk", "sdks") for w in _WORD.findall(name.lower()))


def _other_script(a: str, b: str) -> bool:
    """One name written with Chinese characters and the other without any."""
    return (_CJK_CHAR.search(a) is None) != (_CJK_CHAR.search(b) is None)


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


_PLATFORM_PARTS = re.compile(r"\s*(?:/|、|,|，|&|\band\b|和|及)\s*")


def _names_platforms(name: str, platforms: frozenset[str]) -> bool:
    """A row name made only of platform, OS or store words (`Services.platforms`), one or several."""
    parts = [normalize_policy_text(p) for p in _PLATFORM_PARTS.split(name) if p.strip()]
    return bool(parts) and all(p in platforms for p in parts)


# ---------------------------------------------------------------- the product-likeness check
#
# Every rule above finds names by where they are written (a table's name column, a list under a lead-in, a
# heading, a sentence with a verb of use); what it finds there is not always a product. Whatever rule found
# it, a row passes this check on the name's own shape and its place in its sentence (`unlike_product`).

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DATE_WORD = re.compile(
    r"\b(?:updated|effective|revised|version|last|date|jan(?:uary)?|feb(?:ruary)?|march|april|june|july|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|更新|生效|版本|日期|\d年",
    re.I,
)
# A sentence run into a name: a word, a full stop, and a capitalised word after it.
_SENTENCE_IN_NAME = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
# A key the app stores on the device ("chronoflow.session", "`app.device-id`"): dotted lower-case words
# whose first is no reverse-domain package start ("com.umeng") and whose last no domain ("paddle.com").
_STORAGE_KEY = re.compile(r"^`?([a-z][a-z0-9_]*)(?:\.[a-z0-9_-]+)+`?$")
_DOMAIN_PART = frozenset(
    {"com", "cn", "org", "net", "io", "androidx", "android", "dev", "me", "co", "de", "uk", "top", "app", "cc",
     "tv", "ai", "so", "sh", "to", "xyz", "info", "js", "py"}
)
_CAMEL_IDENTIFIER = re.compile(r"^[a-z]+(?:Id|ID|Ids|IDs|Key|Token)$")  # "appId", "userID": a field, no name
_PREPOSITION_START = re.compile(
    r"^(?:with|for|by|to|in|on|under|upon|from|about|when|if|where|how|what|why|who|which|your|our|my)\b", re.I
)
_SUBJECT_START = re.compile(r"^(?:the|this|these|those|we|it|they|you|i)\s", re.I)
_POSSESSIVE = re.compile(r"\b(?:your|our|my|their|its)\b", re.I)
# A kind of SDK, not one ("推送/统计/崩溃分析类 SDK（如有）", "Analytics SDKs (if any)").
_KIND_MARK = re.compile(
    r"类\s*(?:sdk|服务|组件|插件|产品)|[（(]\s*(?:如有|如适用|若有|若适用|可选|if any|if applicable|optional)\s*[)）]",
    re.I,
)
_ZH_JOIN = re.compile(r"[的与和或及]")
# Three words or more in sentence case, lower case after the first ("Online radio directories/stream providers
# used"): a product capitalises its words, a company opening it names its part ("Google image search").
_SENTENCE_CASE = re.compile(r"[A-Z][\w'’-]*(?:\s+[a-z][a-z/'’-]*){2,}")
_POSSESSIVE_S = re.compile(r"['’]s?$")
_ID_AFTER = 12  # how far after a name its sentence is read for an identifier word ("Twitter handle")


# A table's answer cell, a check mark and a yes or no ("❌ 否", "✅ Yes", "有", "N/A"): a column saying whether data is
# shared or sold, no service.
# "Nobody" / "No one" in a "Shared with" column answers the same way.
_ANSWER_CELL = re.compile(r"^\W*(?:是|否|有|无|無|yes|no|none|nobody|no[ -]one|true|false|n/?a)\W*$", re.I)
# A record's data field read as a name ("Data Shared: Location information", "Information collected: …",
# "共享信息：位置"): what is shared, no product.
_DATA_FIELD_LINE = re.compile(
    r"^\W{0,3}(?:(?:personal\s+)?(?:data|information|info)(?:\s+[a-z]+){0,2}|(?:共享|收集|获取)的?(?:个人)?信息)"
    r"\s*[:：]\s*\S",
    re.I,
)


def unlike_product(r: SdkRow, svc: policy_services.Services) -> bool:
    """Whether a row's name is no product, whatever rule found it: a date or version line, a sentence, a key
    the app stores, an identifier ("Google Advertising ID", "appId", or a name its sentence follows with an
    identifier word: "Twitter handle", "PayPal 凭据"); without a catalogue match and not a known service, a
    Latin name made only of title, label, category and company words ("Legal Obligations", "Third-Party SDKs &
    Services", "Google Consent Mode", "Web") or opening with a preposition or pronoun ("With Your Consent"), a
    Chinese title or label ("个人信息保护规则", "描述"), a kind of SDK ("推送/统计类 SDK（如有）") and, out of
    tables, a Chinese phrase ("云存储与内容安全服务", "谷歌的支付方式 SDK") or names made only of generic words."""
    name = r.name.strip()
    if not name:
        return True
    if _YEAR.search(name) is not None and _DATE_WORD.search(name) is not None:
        return True
    if _ANSWER_CELL.match(name) is not None:
        return True
    if _SENTENCE_IN_NAME.search(name) is not None or _DATA_FIELD_LINE.match(name) is not None:
        return True
    m = _STORAGE_KEY.match(name)
    last = name.strip("`").rsplit(".", 1)[-1]
    if m is not None and m.group(1) not in _DOMAIN_PART and len(last) > 2 and last not in _DOMAIN_PART:
        return True
    norm = normalize_policy_text(name)
    words = norm.split()
    if _CAMEL_IDENTIFIER.match(name) is not None or (
        words and (words[-1] in svc.identifier_words or " ".join(words[-2:]) in svc.identifier_words)
    ):
        return True
    if r.how == "prose" and r.quote and (
        _identifier_after(r.quote, norm, svc)
        or _channel(r.quote, norm)
        or _user_chosen(r.quote, norm)
        or _SHARE_SHEET.search(r.quote) is not None
    ):
        return True
    known = r.sdk_id is not None or bool(svc.find(norm))
    if name.isascii():
        if _PREPOSITION_START.match(name) is not None or _POSSESSIVE.search(name) is not None:
            return True  # "With Your Consent", "your Notion database", "your Google Drive backup"
        if _SUBJECT_START.match(name) is not None and svc.verbs.search(_lower_words(name)) is not None:
            # a clause run into a name ("The app uses Google Firebase"); a capitalised word is the name's own
            # ("The Quokka Open Access API")
            return True
        if known:
            return False
        if _SENTENCE_CASE.fullmatch(name) is not None and _POSSESSIVE_S.sub("", words[0]) not in svc.companies:
            return True  # a feature or a kind as an item's label ("Local network camera control"), no product
        # A lower-case word is a package's name ("uuid"), a company's name alone its product ("Google").
        return name[:1].isupper() and (
            generic_words(name, svc.title_words)
            or (_has_setting_word(norm, svc) and generic_words(name, svc.title_words | svc.companies))
        )
    bare = _BRACKET_TEXT.sub("", name).strip()
    if _KIND_MARK.search(name) is not None or _ZH_PERSON_START.match(bare) is not None:
        return True  # a kind, or a clause opened by a person even around a known name ("我们使用自己的…WEB BEACON")
    # A lower-case Latin word inside a Chinese data item ("藍牙 beacon 訊號資訊") is the common word, not the
    # catalogue product of that name (Tencent's "Beacon" is written capitalised or as 灯塔).
    weak = re.search(r"[A-Z]", bare) is None and re.search(r"[a-z]", bare) is not None
    if (not known or weak) and (
        bare.endswith(svc.title_ends_zh)
        or simplified(_SDK_END.sub("", bare).strip()).endswith(svc.title_ends_zh)  # "關聯方SDK": a party, no product
        or _ZH_NOT_A_NAME.match(bare) is not None
    ):
        return True
    bracketed = [_EXAMPLE_MARK.sub("", b[1:-1]).strip() for b in _BRACKET_TEXT.findall(name)]
    if known or r.how == "table" or any(shaped_name(b) or (b.isascii() and b[:1].isupper()) for b in bracketed):
        return False  # a product named in brackets ("地图与定位（CoreLocation/Maps）", "定位服务（如高德）")
    # The name's own words, without a purpose an item ran into it ("X服务用于接入由Y提供的X服务").
    own_words = _ZH_PURPOSE.split(bare, maxsplit=1)[0]
    if _ZH_JOIN.search(own_words) is not None:
        return True
    # Only words of a function or a kind ("信息共享", "委托处理"), without "SDK" or a Latin brand ("统计SDK" is
    # what a list of SDKs calls one).
    return len(zh_brand(own_words)) < 2 and _SDK_END.search(own_words) is None and not _LATIN2.search(own_words)


_ZH_PURPOSE = re.compile(r"用于|用来|以便|为了")
# A Chinese name that opens with a denial, a verb of purpose or a person is a clause ("没有广告 SDK", "提供基础服务",
# "我们使用自己的COOKIES和WEB BEACON").
_ZH_NOT_A_NAME = re.compile(r"(?:没有|沒有|无|無|不|未|提供|用于|用於|实现|實現|为了|為了|我们|我們|您|你)")
_ZH_PERSON_START = re.compile(r"(?:我们|我們|您|你们|你們|你的)")
_EXAMPLE_MARK = re.compile(r"^\s*(?:如|例如|比如|e\.g\.,?|such as)\s*", re.I)


def _lower_words(name: str) -> str:
    """The words of a Latin name that are not capitalised, normalised, in order."""
    return normalize_policy_text(" ".join(w for w in name.split() if not w[:1].isupper()))


def _has_setting_word(norm: str, svc: policy_services.Services) -> bool:
    return any(w.strip(".,:;()") in svc.setting_words for w in norm.split())


# A name used as a kind ("IRC networks", "Matrix servers") or enumerated beside a means of contact ("IRC,
# Twitter or email", "通过微信、短信或电话"): a channel the reader uses, no recipient of the app's data.
# … or no product at all: a stand-in for it ("a Firebase stub", "a mock AdMob adapter"), or a kind of provider
# named by what it provides ("ETA providers", "SMS vendors").
_KIND_AFTER = re.compile(
    r"\s*(?:networks|channels|communities|groups|clients|stubs?|mocks?|placeholders?|dummy|providers|vendors)\b"
)
_CHANNEL_WORD = r"(?:e-?mail|sms|text messages?|phone|telephone|post|mail|短信|邮件|电子邮件|电话|邮箱)"
_LIST_JOIN = r"\s*(?:,|，|、|\bor\b|\band\b|或|和)\s*"
# Between the name and the channel word only other items of the list, a word or two each.
_LIST_ITEMS = r"(?:[\w-]+(?: [\w-]+)?" + _LIST_JOIN + r"){0,3}"
_CHANNEL_AFTER = re.compile(_LIST_JOIN + _LIST_ITEMS + _CHANNEL_WORD + r"(?![a-z])")
# The channel word itself an item of the list ("via e-mail, Twitter or IRC"; not a purpose: "for e-mail and X").
_CHANNEL_BEFORE = re.compile(
    r"(?:^|[,，、:：]|\b(?:such as|like|via|through|or|and|including)|通过|或|和)\s*" + _CHANNEL_WORD + _LIST_JOIN
    + _LIST_ITEMS + r"$"
)


# An example of the reader's own destination ("您的 WebDAV 网盘（如坚果云）", "your own server (e.g. Nextcloud)"):
# the reader picks it, the app sends nothing there by itself.
_USER_CHOSEN = re.compile(
    r"(?:您|你)(?:自己)?的[^，。；（(]{0,14}[（(]\s*(?:如|例如|比如)\s*$"
    # A place the reader picks to export or back up to ("您可以选择将笔记导出到百度网盘、坚果云或OneDrive").
    r"|(?:您|你)[^。；，]{0,4}(?:选择|選擇)(?:将|把|將)?[^。；，]{0,16}?(?:导出|匯出|導出|备份|備份|同步|保存|储存|儲存)"
    r"(?:到|至)(?:[^。；，、]{1,16}(?:、|,|，|或|和|以及)){0,4}\s*$"
    r"|\byour\s+(?:own\s+)?[\w -]{0,30}\(\s*(?:e\.g\.,?|such as|like|for example,?)\s*$"
    # A feature of the reader's phone, its services in brackets ("手机的备份功能（iCloud / Google Drive / 本地）").
    r"|(?:手机|设备|系统)(?:自带)?的[^，。；（(]{0,10}[（(][^（）()]{0,30}$"
    r"|\byour\s+(?:phone|device)(?:'s|’s)\s+[\w -]{0,20}\([^()]{0,30}$"
    # Apps or sites the reader picks for a feature, as examples ("the apps you choose to block (e.g., A, B, C)").
    r"|\b(?:apps?|applications?|services?|platforms?|sites?|websites?|accounts?|games?)\s+(?:that\s+)?you\s+"
    r"(?:choose|chose|pick|select|want|follow|add)\b[^().;]{0,30}\(\s*(?:e\.g\.,?|such as|like|for example,?|including)"
    r"\s*(?:[^()]{0,60}[,、]\s*)?$"
)


# The phone's own share sheet in the sentence ("hands the image to your device's share sheet (or to an installed app
# like A/B)", "sent only to the app you pick in the system share dialog (e.g. A, B)"): the apps named there are
# where the reader sends it, no recipients of the app's data ("the Acme Share Dialog" is an SDK's feature).
_SHARE_SHEET = re.compile(
    r"\bshare\s+sheet\b|\b(?:system|native|os|device|phone)(?:['’]s)?\s+(?:own\s+|standard\s+|built-in\s+)*(?:os\s+)?"
    r"share\s+(?:dialog|menu|sheet)\b",
    re.I,
)


def _user_chosen(quote: str, norm: str) -> bool:
    """The name is the bracketed example of the reader's own destination (`_USER_CHOSEN`)."""
    q = normalize_policy_text(quote)
    at = q.find(norm)
    return at > 0 and _USER_CHOSEN.search(q, max(0, at - 140), at) is not None


def _channel(quote: str, norm: str) -> bool:
    """The name at its place in the quote is a kind of channel or a channel listed with e-mail or phone."""
    q = normalize_policy_text(quote)
    at = q.find(norm)
    if at < 0:
        return False
    end = at + len(norm)
    return (
        _KIND_AFTER.match(q, end) is not None
        or _CHANNEL_AFTER.match(q, end) is not None
        or _CHANNEL_BEFORE.search(q, max(0, at - 60), at) is not None
    )


def _identifier_after(quote: str, norm: str, svc: policy_services.Services) -> bool:
    """The name is followed in its sentence by an identifier word ("Twitter handle", "PayPal 凭据")."""
    q = normalize_policy_text(quote)
    at = q.find(norm)
    if at < 0:
        return False
    after = q[at + len(norm) : at + len(norm) + _ID_AFTER].lstrip()
    for w in svc.identifier_words:
        if after.startswith(w) and (len(after) == len(w) or not after[len(w)].isalnum() or not w.isascii()):
            return True
    return False


_UMBRELLA_END = re.compile(r"\s+(?:services|sdks|products|libraries|tools|apis|suite)$", re.I)


def _umbrella(r: SdkRow, rows: Sequence[SdkRow]) -> bool:
    """A heading naming a vendor's family of products ("13. Firebase Services") whose section rows name its
    products one by one ("Firebase App Check", "Firebase Crashlytics"), or a list item so named whose own text
    names them ("**Google Services (Firebase & Sign-In):** We use Google Sign-In …"): the family is no row of
    its own."""
    m = _UMBRELLA_END.search(r.name)
    if r.how == "heading" and m is None:
        return _family_heading(r, rows)
    if r.how not in ("heading", "list") or m is None:
        return False
    family = r.name[: m.start()].strip().lower()
    return bool(family) and any(
        o is not r
        and o.name.lower().startswith(family + " ")
        and row_key(o.name) != row_key(r.name)
        and (r.how == "heading" or (o.file, o.location) == (r.file, r.location))
        for o in rows
    )


def _family_heading(r: SdkRow, rows: Sequence[SdkRow]) -> bool:
    """A heading naming a product family ("### Google Firebase") whose own section names two of its products or
    more ("We use Firebase Analytics and Firebase Crashlytics"): the products are the rows, not the family."""
    section = r.location.split(" ¶", 1)[0]
    words = r.name.lower().split()
    families = {" ".join(words[i:]) + " " for i in range(len(words))}
    parts = {
        row_key(o.name)
        for o in rows
        if o is not r
        and o.file == r.file
        and o.location.split(" ¶", 1)[0] == section
        and any(o.name.lower().startswith(f) for f in families)
    }
    return len(parts) >= 2


# A record's next key run into its name when a saved page lost the line breaks ("1、騰訊X5公司名稱：…使用目的：…").
_GLUED_KEY = re.compile(
    r"(?<=\S)(?:公司名称|第三方名称|主体名称|机构名称|企业名称|提供方名称|开发者名称|合作方名称)\s*$"
)


def _without_glued_key(r: SdkRow) -> SdkRow:
    """The row named without a provider key run into the end of its name."""
    plain = simplified(r.name)
    m = _GLUED_KEY.search(plain)
    if m is None or len(plain) != len(r.name):
        return r
    return replace(r, name=r.name[: m.start()].rstrip())


# A row naming a provider's sign-in itself: an SDK or record of it ("google_sign_in", "Apple 身份认证"), or the
# provider alone ("Apple": its row covers all it does for the app).
_SIGN_IN_WORD = re.compile(r"sign|log-?in|oauth|auth|登录|登入|认证|account|账号|帐号")


def _word_in(word: str, key: str) -> bool:
    """A Latin word standing alone in a key, Chinese around it allowed ("apple登录")."""
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", key) is not None


# What is left of a vendor's product name without the vendor when it is a feature any vendor has ("Google
# Sign-In" -> "signin"): no key of its own (it would repeat "Apple Sign-In").
_FEATURE_WORDS = frozenset(
    {"signin", "login", "signon", "sso", "auth", "authentication", "store", "account", "accounts", "id", "pay",
     "payments", "ads", "push", "maps", "cloud", "drive", "services", "sdk", "api"}
)


def one_sign_in_per_provider(rows: Sequence[SdkRow], vocab: Vocab) -> list[SdkRow]:
    """The rows without a sign-in feature row (`Vocab.sign_in_product`, whole name: "Sign in with Apple") whose
    provider has a row already: another sign-in row of it, its sign-in SDK or record, or the provider alone."""
    providers = [w for w in vocab.login_hint.words if w.isascii()]
    keys = [normalize(r.name) for r in rows]
    feature = [
        r.how == "prose" and vocab.sign_in_product.spans(k) == [(0, len(k))] for r, k in zip(rows, keys, strict=True)
    ]
    out: list[SdkRow] = []
    kept: set[str] = set()  # providers with a sign-in feature row kept
    for i, r in enumerate(rows):
        if feature[i]:
            p = next((w for w in providers if _word_in(w, keys[i])), None)
            if p is not None and (
                p in kept
                or any(
                    not feature[j] and _word_in(p, k) and (k == p or _SIGN_IN_WORD.search(k))
                    for j, k in enumerate(keys)
                )
            ):
                continue
            if p is not None:
                kept.add(p)
        out.append(r)
    return out


_MERGE_SCAN = 2_000  # kept rows a heading or prose row is compared with one by one (a policy lists far fewer)


def merge(rows: Sequence[SdkRow], catalogue: Catalogue | None = None) -> list[SdkRow]:
    """Rows in document order with the list rows of a block already read as a "key：value" record, a row
    naming a catalogue SDK already named in the other language (a bilingual set: "友盟统计" in the Chinese
    list, "Umeng Analytics" in the English one), and the heading and prose rows that repeat another row
    dropped: a row of
    the same SDK id, or whose name contains or is contained in another row's, also without its vendor
    ("Facebook SDK" under the table row "Facebook", "Firebase" or "Google Firebase" in prose next to the
    list row "Google Analytics for Firebase")."""
    kept: list[SdkRow] = []
    seen_keys: set[str] = set()  # row keys of the kept rows' names (as first kept)
    by_id: dict[str, list[int]] = {}  # sdk id -> indexes in `kept` of rows naming it
    record_at: set[tuple[str, str]] = set()  # (file, location) of the kv-block records
    svc = policy_services.load()
    platforms = svc.platforms
    rows = [r for r in (_without_glued_key(r) for r in rows) if not unlike_product(r, svc)]
    rows = [r for r in rows if _PLACEHOLDER_NAME.search(r.name) is None]
    rows = [r for r in rows if not _umbrella(r, rows)]
    position = {id(r): i for i, r in enumerate(rows)}
    for r in sorted(rows, key=lambda r: _ORDER.get(r.how, 9)):
        if (
            r.how in ("list", "heading", "prose")
            and _names_platforms(r.name, platforms)
            and not (r.how == "prose" and _platform_as_sdk(normalize_policy_text(r.quote), r.name, -1, -1))
        ):
            continue  # "Apple App Store / StoreKit" in a list of what the app relies on: platforms, no SDK
        if r.how == "kv-block":
            record_at.add((r.file, r.location))
        elif r.how == "list" and (r.file, r.location) in record_at:
            continue  # a list item that is a "key：value" record already read as one ("1. 友盟+ 使用目的：…")
        if r.how == "prose" and len(kept) <= _MERGE_SCAN and _host_of_block_row(r, kept):
            continue  # (bounded: a hostile page of thousands of hosts is compared by name only)
        same = next((k for k in by_id.get(r.sdk_id or "", ()) if _other_script(kept[k].name, r.name)), None)
        if same is None and r.how in _RECORD_HOWS:
            # The same catalogue SDK in another of the document's structures ("友盟+SDK" in the summary table,
            # "友盟统计SDK" in the detailed list after it): one record written twice, one row.
            same = next(
                (
                    k
                    for k in by_id.get(r.sdk_id or "", ())
                    if kept[k].how in _RECORD_HOWS
                    and kept[k].how != r.how
                    # Chinese SDK lists; an English one may name a product's parts ("Firebase Remote Config"),
                    # so there one name is the other after its vendor ("Google AdMob" in a list, "AdMob" in a record).
                    and (not (r.name.isascii() or kept[k].name.isascii()) or _one_holds_other(kept[k].name, r.name))
                ),
                None,
            )
        if same is not None:
            # The same catalogue SDK named in the policy's other language ("友盟统计" / "Umeng Analytics"): one
            # row, named by both names as written, declaring what either record says it collects.
            o = kept[same]
            if row_key(r.name) in row_key(o.name) or row_key(o.name) in _bracketed_keys(r.name):
                both = o.name  # also "崩溃报告（Sentry）" beside "Sentry": the function, then the product named
            elif row_key(r.name) in _bracketed_keys(o.name):
                both = r.name
            elif r.name.isascii() and o.name.isascii() and row_key(r.name).endswith(row_key(o.name)):
                both = r.name  # the fuller English name ("Google AdMob" over "AdMob")
            else:
                both = f"{o.name} / {r.name}"
            kept[same] = replace(
                o,
                name=both if len(both) <= 120 else o.name,
                data_types=tuple(dict.fromkeys((*o.data_types, *r.data_types))),
                quotes={**r.quotes, **o.quotes},
            )
            position[id(kept[same])] = position[id(o)]
            continue
        if r.how == "heading" and len(kept) <= _MERGE_SCAN:  # (bounded: a hostile page of thousands of records)
            record = _record_of_heading(r, kept)
            if record is not None:
                # The one "key：value" record under this heading ("### Quokka Cloud SDK" / "- Service Name: Quokka
                # Cloud Storage (QCS)"): one row, named by both names as written unless one holds the other.
                o = kept[record]
                ko, kr = row_key(o.name), row_key(r.name)
                both = o.name if kr in ko or ko in kr else f"{o.name} / {r.name}"
                kept[record] = replace(o, name=both if len(both) <= 120 else o.name)
                position[id(kept[record])] = position[id(o)]
                continue
        if r.how == "prose" and len(kept) <= _MERGE_SCAN and _titles_a_record(r, kept):
            continue  # "支付宝 App 支付" in prose: the record "1. 支付宝 App 支付客户端 SDK" / "SDK名称：…"
        if r.how in ("heading", "prose"):
            keys = {row_key(r.name)} - {""}
            if r.how == "prose" and _BRACKET_TEXT.search(r.name) is not None:
                # A name with its other name in brackets (`_with_alias`): either spelling repeats a row.
                keys |= {row_key(_BRACKET_TEXT.sub("", r.name))} | {row_key(b) for b in _BRACKET_TEXT.findall(r.name)}
                keys = {k for k in keys if len(k) >= 3 or (k and not k.isascii())}
            sig = catalogue.signatures.get(r.sdk_id) if catalogue is not None and r.sdk_id else None
            vendor = row_key(sig.vendor) if sig is not None else ""
            # A vendor named like its product ("Google Play" of Google Play) leaves a bare word ("store" of
            # "Google Play Store") that would repeat any other store's row.
            if vendor and sig is not None and vendor != row_key(sig.name):
                keys |= {
                    rest
                    for k in keys
                    if k.startswith(vendor) and (rest := k[len(vendor) :]) and rest not in _FEATURE_WORDS
                }
            if len(kept) > _MERGE_SCAN:
                # A hostile number of rows: only the same name repeats (bounded time, every row still kept).
                if any(k in seen_keys for k in keys):
                    continue
            elif any(_repeats(r, keys, o, sig) for o in kept):
                continue
            # A service named by another of its spellings than a kept row ("(Claude)" in the row of "Anthropic, PBC").
            spellings = _service_keys(r.name, svc) - keys if r.how == "prose" and r.sdk_id is None else set()
            if spellings and any((k := row_key(o.name)) and k.startswith(tuple(spellings)) for o in kept):
                continue
        if r.sdk_id:
            ids = by_id.setdefault(r.sdk_id, [])
            if len(ids) < 2:  # one kept row per script is all `same` needs
                ids.append(len(kept))
        kept.append(r)
        seen_keys.add(row_key(r.name))
    if catalogue is not None:
        kept = [r for r in kept if not _maker_of_kept(r, kept, catalogue)]
    kept = [r for r in kept if not _maker_push_listed(r, kept, svc)]
    kept = _without_acronym_repeats(kept, position)
    return sorted(kept, key=lambda r: position[id(r)])


_TABLE_NTH = re.compile(r" table \d+$")


def _section(location: str) -> str:
    """The section path of a row's location ("f.md §A > B ¶3", "f.md §A > B table 2 row 1" -> "f.md §A > B")."""
    return _TABLE_NTH.sub("", location.rsplit(" ¶", 1)[0].rsplit(" row ", 1)[0])


def _record_of_heading(r: SdkRow, kept: Sequence[SdkRow]) -> int | None:
    """The index in `kept` of the only kv-block row in the section a heading row titles, if there is one
    (a section of several records is a group, its heading no record's name)."""
    where = _section(r.location)
    found = [
        k for k, o in enumerate(kept) if o.how == "kv-block" and o.file == r.file and _section(o.location) == where
    ]
    return found[0] if len(found) == 1 else None


def _titles_a_record(r: SdkRow, kept: Sequence[SdkRow]) -> bool:
    """Whether a prose row's name is part of the heading of a section holding one "key：value" record whose name
    key names it otherwise (the heading "1. 支付宝 App 支付客户端 SDK" over "SDK名称：APP支付客户端SDK")."""
    key = row_key(r.name)
    if len(key) < 4:
        return False
    sections: dict[str, list[str]] = {}
    for o in kept:
        if o.how == "kv-block":
            sections.setdefault(f"{o.file}\n{_section(o.location)}", []).append(o.name)
    for where, names in sections.items():
        title = where.rsplit(" > ", 1)[-1].rsplit(" §", 1)[-1]
        if len(names) == 1 and key in row_key(NUMBERING.sub("", title)):
            return True
    return False


_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,5}")


def _initials(name: str) -> str:
    """The capital initials of a Latin product name of two words or more ("Firebase Cloud Messaging" -> "FCM",
    "Apple Push Notification service" -> "APNS"); "" for a shorter or non-Latin name."""
    if not name.isascii():
        return ""
    return initials(_BRACKET_TEXT.sub(" ", name), words=_ABBR_WORD.findall, min_words=2, word_ok=_initial_word)


def _initial_word(word: str) -> bool:
    """A word an acronym takes its letter from: capitalised, or "service(s)" ("Apple Push Notification service")."""
    return word[0].isupper() or word in ("service", "services")


def _without_acronym_repeats(kept: list[SdkRow], position: dict[int, int]) -> list[SdkRow]:
    """The rows without one named only by the acronym of another row's name ("FCM" in a sharing table, "Firebase
    Cloud Messaging" in the SDK list; "AWS" / "Amazon Web Services"): one service written twice, one row under
    the full name, with what either record says it collects."""
    full: dict[str, int] = {}
    for i, r in enumerate(kept):
        ini = _initials(r.name)
        if len(ini) >= 2:
            full.setdefault(ini, i)
    if not full:
        return kept
    out = list(kept)
    drop: set[int] = set()
    for i, r in enumerate(kept):
        name = r.name.strip()
        j = full.get(name.upper()) if _ACRONYM.fullmatch(name) and sum(c.isupper() for c in name) >= 2 else None
        if j is None or j == i or j in drop:
            continue
        o = out[j]
        out[j] = replace(
            o,
            data_types=tuple(dict.fromkeys((*o.data_types, *r.data_types))),
            quotes={**r.quotes, **o.quotes},
        )
        position[id(out[j])] = position[id(o)]
        drop.add(i)
    return [r for i, r in enumerate(out) if i not in drop]


_PUSH_RECORD = re.compile(r"推送|push|通道|消息", re.I)


def _maker_push_listed(r: SdkRow, kept: Sequence[SdkRow], svc: policy_services.Services) -> bool:
    """A phone maker named in prose as where push data goes (label convention C3: a row of its own) whose push
    SDK the policy lists already ("OPUSH SDK, 使用目的：OPPO手机推送", "HeyTap推送SDK, 广东欢太科技有限公司"):
    one record of that SDK, no second row."""
    maker = normalize_policy_text(r.name)
    if r.how != "prose" or maker not in svc.device_makers:
        return False
    words = (maker, *svc.maker_push_words.get(maker, ()))
    for o in kept:
        if o is r or o.how == "prose":
            continue
        own = normalize_policy_text(" ".join((o.name, o.provider, *o.links)))
        purpose = normalize_policy_text(o.purpose)
        if _PUSH_RECORD.search(own + " " + purpose) is None:
            continue
        # Its name, maker or site says whose it is; its purpose only when it names this maker alone ("OPPO手机推送";
        # not another push SDK's "集成华为、小米、OPPO厂商通道": the makers it relays to stay rows).
        if any(w in own for w in words) or (
            any(w in purpose for w in words) and sum(m in purpose for m in svc.device_makers) == 1
        ):
            return True
    return False


_HOST_WORDS = frozenset({"www", "api", "apis", "cdn", "static", "app", "apps", "data", "docs", "com", "net", "org"})


def _host_of_block_row(r: SdkRow, kept: Sequence[SdkRow]) -> bool:
    """A host named by its address ("itunes.apple.com" in "sends a request to https://itunes.apple.com/lookup")
    whose words name a row of the same paragraph ("iTunes Search API"): the address that service is reached at,
    one record."""
    if HOST_NAME.fullmatch(r.name) is None:
        return False
    words = [w for w in r.name.split(".")[:-1] if len(w) >= 4 and w not in _HOST_WORDS]
    return any(
        o.file == r.file and o.location == r.location and any(w in row_key(o.name) for w in words) for o in kept
    )


def _one_holds_other(a: str, b: str) -> bool:
    """Whether one row name is the other with its vendor before it ("AdMob" / "Google AdMob"; not "Firebase" /
    "Firebase Remote Config", a part of it)."""
    ka, kb = row_key(a), row_key(b)
    return bool(ka and kb) and (ka.endswith(kb) or kb.endswith(ka))


_OPEN_PLATFORM = ("开放平台", "开发者平台")
# A name left as a template's placeholder ("XX统计SDK", "××推送", "XX地图SDK", "[SDK name]", "ABC SDK"): an example of
# how the policy would name one, no record.
_PLACEHOLDER_NAME = re.compile(
    r"(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|×{2,}|^\W*(?:\*{2,}|ABC\b)"
    r"|[\[【<]\s*(?:SDK\s*)?(?:[Nn]ame|名称|名稱)\s*[\]】>]"
)
_RECORD_HOWS = ("table", "kv-block", "list")


def _maker_of_kept(r: SdkRow, kept: Sequence[SdkRow], catalogue: Catalogue) -> bool:
    """A Chinese prose row naming the maker of another kept row's SDK ("巨量引擎" beside the row of 穿山甲, whose
    catalogue vendor is "ByteDance / Ocean Engine (巨量引擎)"), or the maker's developer platform ("高德开放平台"
    beside "高德地图SDK"): the record's provider written in another sentence, one record with that row."""
    key = row_key(r.name)
    if r.how != "prose" or len(key) < 2 or key.isascii():
        return False
    own = catalogue.signatures.get(r.sdk_id) if r.sdk_id else None
    platform = key.endswith(_OPEN_PLATFORM)
    for o in kept:
        sig = catalogue.signatures.get(o.sdk_id) if o is not r and o.sdk_id and o.sdk_id != r.sdk_id else None
        if sig is None:
            continue
        if key in row_key(sig.vendor) or (platform and own is not None and own.vendor == sig.vendor):
            return True
    return False


__all__ = ["heading_rows", "item_head", "list_rows", "merge", "prose_rows", "with_lines"]
