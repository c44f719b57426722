"""A policy's third-party SDK list: rows of SDK tables (any column order, Chinese or English headers,
named by the SDK column or, failing one, by the provider column; a name cell packing several providers,
"OpenAI、Anthropic、Google Gemini" or "服务商（例如 A、B）", gives a row each) and per-SDK "key：value" blocks
("SDK名称：… 使用目的：… 收集个人信息：…", a numbered or circled title line or a heading followed by keys
whose first is the company), matched to sdk_signatures ids. Also tables the loader reads as prose: plain-text
columns aligned by tabs or spaces, and key tables (a column of keys, one SDK per value column). Lists,
headings and prose: records.py.

A row keeps what the policy says about one SDK: name, provider, package names given in the text, data
types (from its data column only: a row that only links to the SDK's own policy declares none), permissions,
purpose and links. Rows that match no signature are kept with sdk_id None (and flagged by the caller).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from appaudit.policy import services as policy_services
from appaudit.policy.extract import (
    GENERIC_LOCATION,
    cell_types,
    literal_permissions,
    location_type,
    permission_types,
    quote_around,
)
from appaudit.policy.load import Block, BlockKind, Document, Table
from appaudit.policy.names import (
    ZH_PHRASE,
    ZH_PRODUCT_END,
    code_identifier,
    generic_words,
    in_catalogue,
    name_index,
    shaped_name,
    zh_brand,
)
from appaudit.policy.vocab import TermKind, Vocab, normalize, simplified
from appaudit.signatures import Catalogue, normalize_policy_text

# Java package names given in the text ("com.umeng.analytics"); not domains ("policies.google.com").
_PACKAGE = re.compile(
    r"(?<![\w.])((?:com|cn|org|io|net|me|tv|androidx|android|bolts|okhttp3)(?:\.[a-z_][a-z0-9_]*){1,6})(?![\w.]*\.(?:html?|php|jsp)\b)(?![\w])"
)
_DOMAIN = re.compile(
    r"(?<![\w@./])((?:[a-z0-9-]+\.)+(?:com|cn|net|org|io|co|me|tech|info)(?:/[^\s，。；、）)]*)?)(?![\w])", re.I
)
NUMBERING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)+\.?|[（(]?\d{1,3}[)）.、．]|[（(]?[一二三四五六七八九十]+[)）、.．]|[-*•·●▪◦+]|o(?=\s)|[①-⑳])\s*"
)
# How a row was found (SdkRow.how).
HOW = ("table", "kv-block", "list", "heading", "prose")
_PURPOSE_IN_CELL = re.compile(r"(?:使用目的|目的|purpose)\s*[:：]\s*(.+)$", re.I)
_OTHER_KEY = re.compile(
    r"^\s*(?:[•·●▪◦■□◆◇►▶‣⁃]\s*)?(?:[^\s:：，。,.;；]{1,20}"
    # An English key of a few words naming a record's field ("Data Sent:", "Data Retention:", "Legal basis:").
    r"|(?=[A-Za-z -]{3,40}[:：])(?:[A-Za-z-]+\s+){0,3}?(?:data|information|info|purpose|policy|retention|"
    r"location|sent|shared|collected|processed|type|types|category|categories|website|link|url|provider|company|"
    r"vendor|access|basis|region|country|storage|transfer|safeguards?)(?:\s+[A-Za-z-]+){0,2})\s*[:：]",
    re.I,
)
_KEY_SEP = re.compile(r"[；;。\n|｜:：,，]|\.\s")  # "｜": the full-width bar of "名称：A ｜ 用途：B"


@dataclass(frozen=True, slots=True)
class SdkRow:
    """One SDK of the policy's SDK list."""

    name: str
    provider: str
    packages: tuple[str, ...]
    data_types: tuple[str, ...]  # may hold GENERIC_LOCATION until resolved per policy set
    permissions: tuple[str, ...]
    purpose: str
    links: tuple[str, ...]
    sdk_id: str | None
    location: str
    file: str
    quotes: Mapping[str, str] = field(default_factory=dict)  # data type -> the cell text naming it
    how: str = "table"  # how the record was found: one of HOW
    quote: str = ""  # the sentence naming the SDK (prose mentions), or its heading (heading rows)
    line: int | None = None  # 1-based source line where the row's name is written (text formats)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "provider": self.provider or None,
            "packages": list(self.packages),
            "data_types": list(self.data_types),
            "permissions": list(self.permissions),
            "purpose": self.purpose or None,
            "links": list(self.links),
            "sdk_id": self.sdk_id,
            "matched": self.sdk_id is not None,
            "how": self.how,
            "location": self.location,
            **({"quote": self.quote} if self.quote else {}),
            **({"line": self.line} if self.line is not None else {}),
        }


def _cell(row: Block, columns: Mapping[str, tuple[int, ...]], role: str) -> str:
    """The row's text in the role's columns (a header spanning two columns gives the role both)."""
    parts = [row.cells[i] for i in columns.get(role, ()) if i < len(row.cells) and row.cells[i]]
    return "；".join(dict.fromkeys(parts))


_PRODUCT_HEADER = re.compile(r"产品|\bproducts?\b", re.I)
_THING_HEADER = re.compile(
    r"^(?:第三方)?(?:服务|工具|平台|组件|软件|应用|services?|tools?|platforms?|components?|librar(?:y|ies)|apps?)$",
    re.I,
)
_KIND_HEADER = re.compile(r"(?:类型|类别|种类|分类|\btype|\bcategory|\bkind)$", re.I)


def role_columns(header: Sequence[str], vocab: Vocab) -> dict[str, tuple[int, ...]]:
    """Role -> column indexes, each header taking the role of the longest synonym it contains; "SDK" qualifying
    another role's word at the end is no name ("SDK链接" is a link, "SDK厂商" a provider)."""
    out: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        n = normalize(h).strip(" *:：")
        best: tuple[bool, int, str] | None = None
        ending: tuple[bool, int, str] | None = None
        word = ""
        for role, words in vocab.columns.items():
            for w in words:
                if w and w in n:
                    key = (False, len(w), role)
                    if best is None or key[1] > best[1]:
                        best, word = key, w
                    if role != "name" and n.endswith(w) and (ending is None or len(w) > ending[1]):
                        ending = key
        if best is not None and best[2] == "name" and word in ("sdk", "第三方sdk") and ending is not None:
            best = ending
        if (
            best is not None
            and best[2] in ("name", "provider")
            and _KIND_HEADER.search(n) is not None
            and _PRODUCT_HEADER.search(n) is None
        ):
            continue  # "合作方类型", "SDK type": the kind of third party, not which one
        if best is not None:
            cols = out.setdefault(best[2], [])
            # Only the name's first column: a second "name" header is another table's concern.
            if best[2] != "name" or not cols:
                cols.append(i)
    if "name" not in out:
        # No name header: the column titled as the third parties ("第三方服务", "Third-party service") names
        # them, else one titled as the products ("产品/类型", "Product"), else a first column titled as what
        # the rows are ("服务", "Service", "工具") beside a provider column (whose products they are).
        taken = {i for cols in out.values() for i in cols}
        norms = [normalize(h) for h in header]
        if "provider" in out and 0 not in taken and norms and _THING_HEADER.match(norms[0].strip(" *:：")):
            out["name"] = [0]
        else:
            titled = [
                i
                for i, n in enumerate(norms)
                if i not in taken and vocab.sdk_cue.search(n) is not None and _KIND_HEADER.search(n) is None
            ]
            products = [i for i, n in enumerate(norms) if i not in taken and _PRODUCT_HEADER.search(n)]
            if titled or products:
                out["name"] = [(titled or products)[0]]
    return {role: tuple(cols) for role, cols in out.items()}


def is_sdk_table(table: Table, roles: Mapping[str, int], vocab: Vocab, catalogue: Catalogue | None) -> bool:
    """A table of SDKs: a name column and a column that describes the SDK, under an SDK cue or naming known
    SDKs, and whose name cells are not data items (an SDK vendor's own "信息名称 / 使用目的" table lists
    the data it collects, one item per row)."""
    if "name" not in roles or not ({"data", "provider", "link", "package", "permission", "purpose"} & roles.keys()):
        return False
    names = [r.cells[roles["name"]] for r in table.rows if roles["name"] < len(r.cells)]
    known = sum(1 for n in names if n and in_catalogue(n, catalogue))
    # A row giving the Java package of what it names is an SDK's row, even when the name is a data word
    # (a "Contacts" module with "io.example.feature.contacts").
    col = roles.get("package")
    packaged = sum(1 for r in table.rows if col is not None and col < len(r.cells) and _packages(r.cells[col]))
    data_named = sum(1 for n in names if is_data_item(n, vocab))
    if names and 3 * (known + packaged) < len(names) and 2 * data_named >= len(names):
        return False
    context = normalize(" ".join((*table.headings[-2:], table.header[roles["name"]], table.caption)))
    if vocab.sdk_cue.search(context) is not None:
        return True
    if known > 0:
        return True
    # Names of the services list, also as their makers' companies ("Supabase, Inc.", "Anthropic, PBC"), under
    # a title or lead-in naming third parties ("The App relies on the following third parties:").
    svc = policy_services.load()
    listed = sum(1 for n in names if n and _listed_name(n, svc))
    return listed > 0 and 2 * listed >= len(names) and names_sdks(vocab, context)


# Recipients named as such ("## Third parties", "Subprocessors", "We use these tools:"), beside `sdk_cue`.
_RECIPIENTS_TITLE = re.compile(
    r"\bthird[- ]part(?:y|ies)\b|\bsub-?processors?\b|\bprocessors\b|\bvendors\b|"
    r"\bwe (?:use|rely on|work with) (?:these|the following)\b|\b(?:tools|services) we (?:use|rely on)\b"
    # A lead-in ending where its list of recipients starts ("We share your data with:", "Data is sent to:").
    r"|\b(?:share[sd]?|sharing|disclose[sd]?|send|sends|sent|transfer(?:s|red)?|pass(?:es|ed)?)\b[^.:;!?]{0,40}?"
    r"\b(?:with|to)\s*:\s*$|\bwe (?:use|rely on|work with)\s*:\s*$"
)


def names_sdks(vocab: Vocab, text: str) -> bool:
    """A title or lead-in about third parties or SDKs (`sdk_cue`, `_RECIPIENTS_TITLE`), or one introducing a
    list of them (`sdk_lead`: "the following services"); the device's own services ("location services") are
    none of them."""
    n = policy_services.load().without_device_services(normalize(text))
    return (
        vocab.sdk_cue.search(n) is not None
        or vocab.sdk_lead.search(n) is not None
        # Not a lead-in denying it ("We do not share your data with third parties. However:").
        or (_RECIPIENTS_TITLE.search(n) is not None and vocab.negation.search(n) is None and _NOT.search(n) is None)
        # The exceptions to a denial listed after it ("We don't share your data with anyone, except:").
        or _EXCEPT_LEAD.search(n) is not None
    )


_NOT = re.compile(r"\b(?:not|never|no)\b|n't\b")
_EXCEPT_LEAD = re.compile(
    r"\b(?:share|shared|sharing|send|sent|disclose[sd]?|transfer(?:red)?|use|used)\b[^.;!?]{0,60}?"
    r"\b(?:except|other than|apart from|besides|save for)\b[^.;!?]{0,40}:\s*$"
)


def is_data_item(cell: str, vocab: Vocab) -> bool:
    """A cell that is the name of a data item ("设备型号", "Approximate location"): data words cover most of it."""
    norm = normalize(cell)
    if not norm or len(norm) > 40:
        return False
    covered = sum(h.end - h.start for h in vocab.find(norm) if h.term.kind is not TermKind.PERMISSION)
    return covered * 2 >= len(norm.replace(" ", ""))


def provider_named_columns(
    table: Table, columns: Mapping[str, tuple[int, ...]], vocab: Vocab, catalogue: Catalogue | None
) -> dict[str, tuple[int, ...]] | None:
    """The roles of a table that names each SDK by its provider ("Provider | Android | iOS": the packages are
    in the other columns) with the provider column as the name; None when it is not such a table."""
    if "name" in columns or "provider" not in columns:
        return None
    col = columns["provider"][0]
    context = normalize(" ".join((*table.headings[-2:], table.caption)))
    cells = [r.cells[col] for r in table.rows if col < len(r.cells) and r.cells[col]]
    if not cells:
        return None
    svc = policy_services.load()
    # A known name with what it does for the app in brackets ("Supabase (database and sign-in)") is known.
    known = sum(
        1
        for c in cells
        if in_catalogue(c, catalogue)
        or _listed_name(_MARKUP_LINK.sub(r"\1", c), svc)
        or _listed_name(_TRAILING_BRACKET.sub("", _MARKUP_LINK.sub(r"\1", c)), svc)
    )
    # Under an SDK title, or a recipient column ("Third Party", "Vendor", "合作方") whose cells are mostly known
    # products ("| Third Party | Purpose |" / "| Sentry | Error tracking |").
    if vocab.sdk_cue.search(context) is None and 2 * known < len(cells):
        return None
    packaged = sum(1 for r in table.rows if _packages(" ".join(c for i, c in enumerate(r.cells) if i != col)))
    # Product names, not companies ("合作方名称: 蜂鸟广告"; "深圳市…有限公司" is no product).
    shaped = sum(
        1
        for c in cells
        if all(_strict_product(p, vocab, catalogue) for p in split_name_cell(c, vocab, catalogue))
        or _company_with_product(c)
    )
    if 2 * max(packaged, known, shaped) < len(cells):
        return None
    out = {role: cols for role, cols in columns.items() if role != "provider"}
    out["name"] = (col,)
    # The other columns hold the SDK's packages per platform ("Android | iOS | Web").
    taken = {i for cols in out.values() for i in cols}
    out["package"] = tuple(i for i in range(len(table.header)) if i not in taken) or (col,)
    return out


# A name cell's second line that is its alias in brackets ("优量汇广告SDK<br>（腾讯广点通）", read as
# "优量汇广告SDK；（腾讯广点通）"), or a line break written out as a literal "\\n" in the page source.
_ALIAS_BREAK = re.compile(r"\s*(?:[；;]|\\n)\s*(?=[（(])")


_INDEX_CELL = re.compile(r"[（(]?\d{1,3}[)）.、]?|[①-⑳]")
# The header of a column of a record's fields ("Item | Description", "Field | Value", "项目 | 说明").
_FIELD_HEADER = re.compile(r"items?|fields?|keys?|propert(?:y|ies)|attributes?|项目|事项|字段|属性|项")


def _named_by_catalogue(
    table: Table, columns: dict[str, tuple[int, ...]], catalogue: Catalogue | None, vocab: Vocab
) -> dict[str, tuple[int, ...]]:
    """The roles with the first column as the name column when it has no role and its cells are mostly
    SDK names ("Service | Purpose | Data collected": "Service" is no name header): catalogue names, or
    product-shaped names (names.shaped_name: "Supabase", "RevenueCat", "蜂鸟统计SDK") with at least one
    catalogue name among them or under a third-party heading; unchanged otherwise (a "remarks" column
    mentioning vendors is no name column, a "Category | Examples" table of data categories names none)."""
    if catalogue is None or not table.header:
        return columns
    if _FIELD_HEADER.fullmatch(normalize(table.header[0]).strip(" *:：")) is not None:
        return columns  # "Item | Description", "项目 | 说明": one record's fields, one a row ("Content Sent"), no SDKs
    # A first column numbering the rows ("序号", "No.", "#": 1, 2, 3) names nothing: the column after it is first.
    first = 0
    numbers = [r.cells[0] for r in table.rows if r.cells and r.cells[0].strip()]
    if numbers and all(_INDEX_CELL.fullmatch(c.strip()) for c in numbers):
        first = 1
    if any(first in cols for cols in columns.values()):
        return columns
    cells = [r.cells[first] for r in table.rows if len(r.cells) > first and r.cells[first].strip()]
    known = sum(1 for c in cells if _is_catalogue_name(c, catalogue))
    # Names of the services list, also as their maker's company ("Supabase, Inc.", "Anthropic, PBC").
    svc = policy_services.load()
    listed = sum(1 for c in cells if not _is_catalogue_name(c, catalogue) and _listed_name(c, svc))
    shaped = sum(
        1
        for c in cells
        if not _is_catalogue_name(c, catalogue)
        and not _listed_name(c, svc)
        and not is_data_item(c, vocab)
        and all(_strict_product(p, vocab, catalogue) for p in split_name_cell(c, vocab, catalogue))
    )
    titled = names_sdks(vocab, " ".join((*table.headings[-2:], table.caption)))
    if cells and (known or listed or titled) and 2 * (known + listed + shaped) >= len(cells):
        return {**columns, "name": (first,)}
    return columns


_MARKUP_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_TRAILING_COMPANY = re.compile(
    r",?\s*(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|PBC|S\.?A|AG|B\.?V|Pty(?:\s+Ltd)?|SAS|SARL|Oy|AB|ApS)\.?\s*$",
    re.I,
)


def _listed_name(cell: str, svc: policy_services.Services) -> bool:
    """A cell that is a services-list name, whole, its company suffix aside ("Supabase, Inc.", "Google Cloud")."""
    key = normalize_policy_text(_TRAILING_COMPANY.sub("", cell.strip(" *_`")))
    return bool(key) and key not in svc.platforms and any(h.start == 0 and h.end == len(key) for h in svc.find(key))


def _is_catalogue_name(cell: str, catalogue: Catalogue) -> bool:
    """A cell that is an SDK's name: a catalogue name covering at least half of it."""
    norm = normalize_policy_text(cell)
    longest = max((e - s for s, e, _n, _sig in name_index(catalogue).find(norm)), default=0)
    return longest > 0 and 2 * longest >= len(norm.replace(" ", ""))


_CELL_SEP = re.compile(r"[、，,；;]")
# Where the examples of a category start in a name cell ("你配置的模型服务商，例如 OpenAI、Anthropic",
# "语音服务商：Azure、讯飞", "支付机构 such as Stripe, PayPal").
_EXAMPLES_AT = re.compile(r"(?:例如|比如|诸如|如[:：]|such as|e\.g\.,?|including|包括|[:：])\s*", re.I)
# A category around bracketed examples ("服务商登录（ChatGPT/OpenAI、Google、xAI）").
_BRACKETED = re.compile(r"^([^（(]{1,30})[（(](.+)[)）]\s*$")
# A bracket after an SDK's name that lists what it contains ("（内含华为HMS、AGC）", "（含分享）"): one SDK.
_PARTS_MARK = re.compile(r"\s*(?:内含|内嵌|内置|含有|含|包含有|集成了?|嵌入了?)")
_PROVIDER_CATEGORY = re.compile(
    r"服务商|提供商|供应商|服务|平台|合作方|机构|厂商|登录|sdk|providers?|services?|processors?|vendors?|partners?|"
    r"platforms?|networks?|companies|librar(?:y|ies)|tools",
    re.I,
)
# The open end of a list of examples ("，或你填写的任何兼容端点", "and other providers", "等").
_OPEN_END = re.compile(r"^(?:或者?|以及其他|及其他|其他|等|or\b|and other|etc)", re.I)


# The open end of a list, bare or with its kind ("flutter_map 等地图与定位组件", "友盟等SDK"): "等" and what follows.
_ETC = re.compile(r"\s*(?:等等|等)(?:[^\s、，,；;/]{0,10}?(?:组件|插件|依赖|库|工具|框架|sdk|服务))?$", re.I)
# Names side by side with a slash between spaces ("Google / Apple", "video_player / just_audio"); "百度地图/定位SDK",
# without spaces, is one name.
SPACED_SLASH = re.compile(r"\s+/\s+|\s*／\s*")


def slash_pieces(text: str) -> list[str]:
    """The names of a slashed list that names several SDKs: one closed by "等…" ("A / B / flutter_map 等地图组件"),
    or of only code identifiers ("video_player / just_audio") or only companies ("Google / Apple", the sign-in
    providers); [] otherwise: readers keep "OpenStreetMap / Nominatim", "xAI / Grok" or "Azure B2C / CIAM" (a
    product with its vendor, maker or other name) as one record."""
    if "/" not in text and "／" not in text:
        return []
    pieces = [p.strip(" *`") for p in SPACED_SLASH.split(text)]
    if not 2 <= len(pieces) <= 8 or not all(pieces):
        return []
    if _ETC.search(pieces[-1]) is not None and _ETC.sub("", pieces[-1]).strip():
        return [*pieces[:-1], _ETC.sub("", pieces[-1]).strip()]
    companies = policy_services.load().companies
    if all(code_identifier(p) for p in pieces) or all(normalize_policy_text(p) in companies for p in pieces):
        return pieces
    return []
_LATIN_PIECE = re.compile(r"sdk|[A-Za-z]{2}", re.I)  # what makes a piece of a name cell a product by itself
_SDK = re.compile("sdk", re.I)
# An example marker left at the head of a piece ("如 SMB", "e.g. Stripe").
_EXAMPLE_MARK = re.compile(r"^(?:例如|比如|诸如|如|e\.g\.,?|such as)\s*", re.I)


def _top_level(text: str) -> list[str]:
    """`text` split at `_CELL_SEP` outside brackets ("腾讯推送（TPNS、信鸽）、友盟" -> two parts)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and _CELL_SEP.match(ch):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip(" *`") for p in parts if p.strip(" *`")]


def split_name_cell(cell: str, vocab: Vocab, catalogue: Catalogue | None) -> list[str]:
    """The SDKs a name cell packs ("OpenAI、Anthropic、Google Gemini"; "模型服务商，例如 OpenAI、Kimi，或任何
    兼容端点"; "服务商登录（Google、xAI、Claude）"): each piece a product name (catalogue or `shaped_name`), at
    least two, the list's open end dropped; [cell] otherwise ("百度地图/定位SDK", "微信SDK（含分享）")."""
    text = _ALIAS_BREAK.sub("", cell).strip()
    slashed = slash_pieces(text)
    if slashed and all(code_identifier(p) or _product_piece(p, vocab, catalogue) for p in slashed):
        return slashed
    if not _CELL_SEP.search(text):
        return [cell]
    candidates = []
    # Examples of a category of providers ("模型服务商，例如 …", "服务商登录（…）", "Payment processors such as …"),
    # not of something else ("备份目的地（rclone 远端，如 SMB、WebDAV）": kinds of storage).
    m = _EXAMPLES_AT.search(text)
    if m is not None and _PROVIDER_CATEGORY.search(text[: m.start()]):
        candidates.append(text[m.end() :])
    b = _BRACKETED.match(text)
    category = b.group(1).strip(" *`，,") if b is not None else ""
    if (
        b is not None
        and _PROVIDER_CATEGORY.search(category)
        and not _product_piece(category, vocab, catalogue)
        and _PARTS_MARK.match(b.group(2)) is None  # "华为账号SDK（内含华为HMS、AGC）": its parts, one SDK
    ):
        candidates.append(b.group(2))
    candidates.append(text)
    for c in candidates:
        pieces = _top_level(c)
        while pieces and _OPEN_END.match(pieces[-1]):
            pieces.pop()
        pieces = [_EXAMPLE_MARK.sub("", _ETC.sub("", p)).strip() for p in pieces]
        if any(_TRAILING_COMPANY.fullmatch(_BRACKET_PAIR.sub("", p).strip()) for p in pieces):
            # A company's legal form after a comma ("Anthropic, PBC", "Stripe, Inc.", "GitHub, Inc.（Microsoft）",
            # its parent in brackets): one name.
            continue
        if len(pieces) >= 2 and all(_product_piece(p, vocab, catalogue) for p in pieces):
            return pieces
    return [cell]


def _strict_product(piece: str, vocab: Vocab, catalogue: Catalogue | None) -> bool:
    """`_product_piece`, and a Chinese name must say it is one: "…SDK", a product word ("…推送", "…开放平台")
    or a Latin brand. Decides whether a whole column names SDKs, where a short phrase ("获得明确同意") must
    not pass for a name."""
    if not _product_piece(piece, vocab, catalogue):
        return False
    if piece.isascii() or (catalogue is not None and _is_catalogue_name(piece, catalogue)):
        return True
    return _LATIN_PIECE.search(piece) is not None or ZH_PRODUCT_END.search(piece) is not None


def _product_piece(piece: str, vocab: Vocab, catalogue: Catalogue | None) -> bool:
    if not piece or len(piece) > 40 or piece[0] in "（(" or is_data_item(piece, vocab) or _COMPANY_END.search(piece):
        return False
    if catalogue is not None and _is_catalogue_name(piece, catalogue):
        return True  # a catalogue name that is most of it (not "备份目的地（rclone 远端…）")
    return shaped_name(piece)


# A module of the platform itself, imported by its system name: HarmonyOS "@ohos.net.connection",
# "@kit.CameraKit", "@system.router" (an ohpm package is written with a slash: "@ohos/hypium").
# Or a capability of the phone's own system named as such ("系统定位", "系統相冊", "手机自带相机", "Android系统",
# "iOS 系统推送"): the OS, not a third party's SDK.
_PLATFORM_API = re.compile(
    r"^[`'\"]?@(?:ohos|kit|system)\.[\w.]+[`'\"]?$"
    r"|^(?:(?:android|ios|harmonyos|鸿蒙|鴻蒙|安卓)\s*)?(?:操作)?(?:系统|系統|手机|手機|设备|設備)(?:自带|自帶|原生)?的?"
    r"(?:定位|相册|相冊|相机|相機|推送|通知|分享|剪贴板|剪貼簿|日历|日曆|通讯录|通訊錄|权限|權限|文件|檔案|存储|儲存)?"
    r"(?:服务|服務|功能|能力|组件|組件|接口|API)?$"
    r"|^(?:android|ios|harmonyos|鸿蒙|鴻蒙|安卓)\s*(?:系统|系統|os)?$",
    re.I,
)


def is_platform_api(name: str) -> bool:
    """A name that is a system module of the platform (`_PLATFORM_API`), not a third party's SDK."""
    return _PLATFORM_API.match(name.strip()) is not None


# A title's lenticular brackets ("【极光推送SDK】"): decoration around the name, not part of it.
_TITLE_BRACKETS = re.compile(r"^【([^【】]+)】$")


# A check mark before an item's name ("✅ 华为 IAP" in a ✅/❌ list of services used), or emphasis marks left
# around it where a page wrote Markdown inside HTML ("<li>**TapSDK**——…</li>"): no part of the name.
# Marks around a name, not part of it: check marks, bold stars, and a pictograph an item opens with as its icon
# ("💳 RevenueCat", "🔥 Firebase": emoji and symbol blocks, with their variation selector and joiner).
_NAME_MARKS = re.compile(
    r"^(?:[✅✔☑✓]\ufe0f?\s*|\*{1,2}(?=\S)|(?![\u274c\u2716\u26d4\U0001f6ab])[\u2600-\u27bf\U0001f000-\U0001faff][\ufe0f\u200d]*\s*)+|(?<=\S)\*{1,2}$"
)


def _clean(text: str) -> str:
    t = _NAME_MARKS.sub("", text.strip().strip("：:;；,，").strip()).strip()
    return _TITLE_BRACKETS.sub(r"\1", t).strip()


# A company in brackets after the SDK's name ("友盟+（友盟同欣（北京）科技有限公司）", "Foo SDK (Foo Inc.)"):
# the provider, not part of the name.
_COMPANY_SUFFIX = re.compile(
    r"\s*[（(]((?:[^（）()]|[（(][^（）()]*[)）])+?(?:公司|Inc\.?|LLC|Ltd\.?|Limited|GmbH|Corporation|Corp\.?))[)）]\s*$"
)


# A service named by its host ("wttr.in", "models.dev", "api.quokka.example"): lower-case labels, a top-level domain.
HOST_NAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12}")
# A bracket after a product saying it is used only when chosen or present ("wttr.in（可选）", "Google Analytics
# (if applicable)"): no part of its name. After a kind ("统计类SDK（如有）") it marks no product
# (records.unlike_product).
_IF_USED = re.compile(
    r"\s*[（(]\s*(?:(?:可选|optional)[^（）()]{0,20}|如有|如适用|若有|若适用|if any|if applicable|if used"
    # what it is for ("JPUSH（用于推送消息）") or on which system only ("（iOS 用户）", "(仅Android 客户端使用)")
    r"|(?:用于|用来|以便|used (?:for|to)\b)[^（）()]{1,30}"
    r"|(?:仅|only\s+(?:on\s+|for\s+)?)?(?:ios|android|安卓|鸿蒙|harmonyos)(?:\s*(?:用户|users?|版|客户端|devices?|使用|only))*)"
    r"\s*[)）]\s*$",
    re.I,
)


def clean_name(text: str) -> str:
    """An SDK name as written, its bracketed alias joined back to it (see `_ALIAS_BREAK`), without a
    bracketed company after it (`split_company`) or a bracket saying it is optional after a product (`_IF_USED`)."""
    name = split_company(_clean(_ALIAS_BREAK.sub("", text)))[0]
    m = _IF_USED.search(name)
    if m is not None and m.start() > 0:
        head = name[: m.start()].strip(" *`")
        if shaped_name(head) or HOST_NAME.fullmatch(head) is not None:
            return head
    return name


# The company written after the name without brackets: after a dash ("TapSDK——易玩（上海）网络科技有限公司"), after
# a provider key run into the name without its colon ("Unity 3D 第三方主体 Unity Technologies"), or after a
# space, a Chinese company ("支付宝 App 支付客户端 SDK 支付宝（中国）网络技术有限公司", two lines of one cell).
_COMPANY_AFTER = re.compile(
    r"\s*(?:——|—|\s[-–]\s)\s*([^—–]{2,60}?(?:公司|Inc\.?|LLC|Ltd\.?|Limited|GmbH|Corporation|Corp\.?))\s*$"
    r"|\s+(?:第三方主体|第三方名称|第三方公司|主体名称|公司名称|开发者|开发商|提供方|运营方)\s*[:：]?\s*(\S.{1,60}?)\s*$"
    r"|(?<=[\w）)])\s+([^\s（）()]{2,20}(?:[（(][^（）()\s]{2,8}[)）])?[^\s（）()]{0,20}有限(?:责任)?公司)\s*$",
    re.I,
)


# The maker after the name: "Sentry by Functional Software, Inc.", "极光推送（由深圳市…有限公司提供）".
_BY_COMPANY = re.compile(r"\s+by\s+([A-Z][\w&.,' -]{1,60})$|[（(]由([^（）()]{2,60})提供[)）]\s*$")


# A company with the SDK in brackets after it ("深圳市腾讯计算机系统有限公司（微信SDK）", "Quokka Inc. (Quokka SDK)").
SDK_AFTER_COMPANY = re.compile(
    r"^(.{2,60}?(?:公司|Inc\.?|LLC|Ltd\.?|Limited|GmbH|Corporation|Corp\.?))\s*[（(]([^（）()]{2,40})[)）]\s*$"
)


def _company_with_product(cell: str) -> bool:
    """A company with its service in brackets after it ("阿里云计算有限公司（短信服务）", "某某有限公司（百炼 /
    通义千问，模型服务）", "Quokka Inc. (Quokka Maps)"): the bracket names what the row is about, a product or a
    brand's service, not a place or a kind of party."""
    m = SDK_AFTER_COMPANY.match(cell.strip())
    if m is None:
        return False
    inner = m.group(2).strip()
    if _COMPANY_END.search(inner) is not None or inner.endswith(("办事处", "分部", "总部")):
        return False  # a branch or a second company ("（北京分公司）"), no service
    if inner.isascii():
        return shaped_name(inner)
    return len(zh_brand(inner)) >= 2 or ZH_PRODUCT_END.search(inner) is not None


def split_company(name: str) -> tuple[str, str]:
    """(name, company) of a name followed by its company in brackets or "by Company", or of a company
    followed by its SDK in brackets; (name, "") otherwise."""
    m = SDK_AFTER_COMPANY.match(name)
    inner = m.group(2) if m is not None else ""
    # The bracket names a product (an SDK, a Latin product name, "…推送"), not a place ("（北京）").
    if (
        m is not None
        and (_SDK.search(inner) or (inner.isascii() and shaped_name(inner)) or ZH_PRODUCT_END.search(inner))
        # Not the parent company ("GitHub, Inc.（Microsoft）").
        and normalize_policy_text(inner.strip()) not in policy_services.load().companies
    ):
        return m.group(2).strip(), m.group(1).strip()
    m = _COMPANY_SUFFIX.search(name)
    if m is not None and m.start() > 0:
        return name[: m.start()].strip(), m.group(1).strip()
    m = _BY_COMPANY.search(name)
    if m is not None and m.start() > 0:
        return name[: m.start()].strip(), (m.group(1) or m.group(2)).strip().rstrip(",")
    m = _COMPANY_AFTER.search(name)
    if m is not None and m.start() > 0 and name[: m.start()].strip(" *_"):
        return _clean(name[: m.start()]), next(g for g in m.groups() if g).strip()
    return name, ""


def _packages(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for p in _PACKAGE.findall(text) if ".permission." not in p + "."))


def _links(block_links: Sequence[str], *texts: str) -> tuple[str, ...]:
    found = list(block_links)
    for t in texts:
        for d in _DOMAIN.findall(t):
            if not _PACKAGE.fullmatch(d):
                found.append(d)
    return tuple(dict.fromkeys(found))


def _sdk_id(catalogue: Catalogue | None, name: str, packages: Sequence[str]) -> str | None:
    if catalogue is None:
        return None
    index = name_index(catalogue)
    sig = index.best(name) if name else None
    if sig is None and name and not name.isascii():
        # A name written in Traditional characters ("支付寶", "個推推送") is the catalogue's Simplified one.
        simp = simplified(name)
        sig = index.best(simp) if simp != name else None
    for p in packages:
        if sig is not None:
            break
        sig = catalogue.match_class(p)
    return sig.id if sig is not None else None


@cache
def _permission_types() -> dict[str, str]:
    return permission_types()


def build_row(
    vocab: Vocab,
    catalogue: Catalogue | None,
    *,
    name: str,
    data: str,
    all_text: str,
    location: str,
    file: str,
    provider: str = "",
    purpose: str = "",
    permission_cell: str = "",
    link_cell: str = "",
    package_cell: str = "",
    block_links: Sequence[str] = (),
    how: str = "table",
    quote: str = "",
) -> SdkRow:
    types: list[str] = []
    quotes: dict[str, str] = {}
    norm = normalize(data)
    if norm not in vocab.empty_cells:
        for dt, hit in cell_types(vocab, data):
            if dt not in quotes:
                types.append(dt)
                quotes[dt] = quote_around(data, norm, hit)
    # A permission the row names literally in its permission cell declares the type it is for, like an
    # app-level one (extract.extract): "android.permission.ACCESS_FINE_LOCATION" -> location_precise.
    by_permission = _permission_types()
    for p in literal_permissions(permission_cell):
        gated = by_permission.get(p) or vocab.permission_primary.get(p)
        if gated and gated not in quotes and p not in vocab.permission_no_data:
            types.append(gated)
            quotes[gated] = p
    perms = literal_permissions(all_text)
    if permission_cell:
        pn = normalize(permission_cell)
        for h in vocab.find(pn):
            if h.term.kind is TermKind.PERMISSION:
                perms.extend(vocab.permission_names[int(h.term.target)].permissions)
    packages = _packages(" ".join((name, package_cell, all_text)))
    return SdkRow(
        name=clean_name(name),
        provider=_clean(provider) or split_company(_clean(_ALIAS_BREAK.sub("", name)))[1],
        packages=packages,
        data_types=tuple(types),
        permissions=tuple(dict.fromkeys(perms)),
        purpose=_clean(purpose),
        links=_links(block_links, link_cell, all_text),
        sdk_id=_sdk_id(catalogue, clean_name(name), packages),
        location=location,
        file=file,
        quotes=quotes,
        how=how,
        quote=quote,
    )


def _record_row(
    vocab: Vocab,
    catalogue: Catalogue | None,
    name: str,
    record: Mapping[str, str],
    all_text: str,
    links: Sequence[str],
    first: Block,
    how: str,
) -> SdkRow:
    """`build_row` for a record read as role -> value (a key table's column, a "key：value" block)."""
    return build_row(
        vocab,
        catalogue,
        name=name,
        provider=record.get("provider", ""),
        purpose=record.get("purpose", ""),
        data=record.get("data", ""),
        permission_cell=record.get("permission", ""),
        link_cell=record.get("link", ""),
        package_cell=record.get("package", ""),
        all_text=all_text,
        block_links=links,
        location=first.location,
        file=first.file,
        how=how,
    )


# ---------------------------------------------------------------- plain-text tables aligned by tabs or spaces

# The gap between two cells of an aligned line: tabs, two spaces or more, ideographic spaces.
_ALIGN_GAP = re.compile(r"\t+| {2,}|\u3000+")
_RULE_LINE = re.compile(r"^[\s\-=_+:|]+$")  # "-----  -------" under a header
_MAX_LINES = 100_000  # bounded work on a hostile file


def source_lines(doc: Document) -> list[str]:
    """The lines of a plain-text or Markdown source (the first `_MAX_LINES`), [] for other formats: what
    the loader joins into one paragraph (aligned columns, names one per line) is read from them."""
    if not doc.source or doc.format.value not in ("text", "markdown", "mdx"):
        return []
    return doc.source.split("\n", _MAX_LINES)[:_MAX_LINES]


def _aligned_cells(line: str) -> list[str]:
    t = line.strip()
    # Most lines are prose: the substring tests rule them out faster than the pattern.
    if not t or t.startswith("|") or not ("\t" in t or "  " in t or "\u3000" in t) or _ALIGN_GAP.search(t) is None:
        return []
    return [c.strip() for c in _ALIGN_GAP.split(t)]


def _header_like(cells: Sequence[str]) -> bool:
    """Short column titles, not sentences that happen to hold two spaces."""
    return all(0 < len(c) <= 24 and len(c.split()) <= 4 and not c.endswith((".", "。", "，", ",")) for c in cells)


def aligned_tables(doc: Document, vocab: Vocab) -> list[Table]:
    """Tables written in plain text with columns aligned by tabs or runs of spaces (a .txt policy, a
    Markdown code block or a pasted spreadsheet), which the loader reads as one paragraph: a header line
    of short titles with a name (or third-party) column and a describing one (`role_columns`), the lines
    below it with as many cells or fewer (missing trailing cells are empty), a rule line under the
    header skipped. Each row keeps the location of the paragraph it was read into; its caption is the
    line above the header."""
    lines = source_lines(doc)
    loaded = {tuple(normalize(h) for h in t.header) for t in doc.tables}  # read as tables by the loader already
    tables: list[Table] = []
    at = 0  # blocks before this one were matched to earlier tables
    i = 0
    while i < len(lines):
        header = _aligned_cells(lines[i])
        if len(header) < 2 or not _header_like(header):
            i += 1
            continue
        roles = role_columns(header, vocab)
        if (
            "name" not in roles
            or not ({"data", "provider", "link", "package", "permission", "purpose"} & roles.keys())
            or tuple(normalize(h) for h in header) in loaded
        ):
            i += 1
            continue
        j = i + 1
        if j < len(lines) and _RULE_LINE.match(lines[j]):
            j += 1
        cells_of: list[list[str]] = []
        while j < len(lines):
            cells = _aligned_cells(lines[j])
            if not cells or len(cells) > len(header):
                break
            cells_of.append(cells + [""] * (len(header) - len(cells)))
            j += 1
        if not cells_of:
            i += 1
            continue
        caption = next((ln.strip() for ln in reversed(lines[max(0, i - 3) : i]) if ln.strip()), "")
        block, at = _paragraph_of(doc, " ".join(lines[i].split()), at)
        rows = tuple(
            Block(
                file=doc.file,
                kind=block.kind if block is not None else BlockKind.PARAGRAPH,
                text=" ".join(c for c in cells if c),
                headings=block.headings if block is not None else (),
                para=block.para if block is not None else 0,
                cells=tuple(cells),
                links=block.links if block is not None else (),
            )
            for cells in cells_of
        )
        headings = block.headings if block is not None else ()
        tables.append(Table(len(doc.tables) + len(tables), headings, tuple(header), rows, caption))
        i = j
    return tables


def _paragraph_of(doc: Document, text: str, start: int) -> tuple[Block | None, int]:
    """The first block from `start` whose text holds `text` (with single spaces), and the index after it."""
    for k in range(start, min(len(doc.blocks), start + 500)):  # blocks and lines run in the same order
        if text in doc.blocks[k].text:
            return doc.blocks[k], k
    return None, start


_DESCRIBING = frozenset({"provider", "purpose", "data", "link", "package", "permission"})


def _headless(
    table: Table, columns: Mapping[str, tuple[int, ...]], vocab: Vocab, catalogue: Catalogue | None
) -> tuple[Table, dict[str, tuple[int, ...]]] | None:
    """A table without a header row (an HTML table of `<td>` only, whose first row was read as the header):
    when its first cell is a product name, no other header cell has a role, and the first column, header
    included, holds product names (half of them, one a catalogue name or under an SDK heading), the header
    is a row too and the other columns take their roles from their cells: data words, links, companies,
    else the purpose."""
    if (
        len(table.header) < 2
        or not table.rows
        or catalogue is None
        or _is_key_word(table.header[0], vocab)
        or _FIELD_HEADER.fullmatch(normalize(table.header[0]).strip(" *:：")) is not None  # "Field | Value"
        or not _strict_product(table.header[0], vocab, catalogue)
        or any(role_columns((h,), vocab) for h in table.header[1:])
    ):
        return None  # a real header: "SDK名称 | 说明" names its columns
    first = replace(table.rows[0], cells=tuple(table.header), text=" ".join(table.header))
    rows = (first, *table.rows)
    names = [r.cells[0] for r in rows if r.cells]
    known = sum(1 for n in names if _is_catalogue_name(n, catalogue))
    shaped = sum(1 for n in names if _strict_product(n, vocab, catalogue))
    titled = vocab.sdk_cue.search(normalize(" ".join((*table.headings[-2:], table.caption)))) is not None
    if 2 * shaped < len(names) or not (known or titled):
        return None
    out: dict[str, tuple[int, ...]] = {"name": (0,)}
    for j in range(1, len(table.header)):
        cells = [r.cells[j] for r in rows if j < len(r.cells) and r.cells[j].strip()]
        half = max(1, len(cells) // 2)
        if sum(1 for c in cells if cell_types(vocab, c)) >= half and "data" not in out:
            out["data"] = (j,)
        elif sum(1 for c in cells if _DOMAIN.search(c)) >= half and "link" not in out:
            out["link"] = (j,)
        elif sum(1 for c in cells if _COMPANY_END.search(c.strip())) >= half and "provider" not in out:
            out["provider"] = (j,)
        elif "purpose" not in out:
            out["purpose"] = (j,)
    return replace(table, rows=rows), out
# The header of a column saying where data goes ("目的地 | 发送的内容 | 何时", "Data | Shared with"): the
# recipients of a data-flow table, products among them.
_RECIPIENT_HEADER = re.compile(
    r"^(?:目的地|接收方|数据接收方|接收者|共享对象|接收对象|发送至|发往|去向|destinations?|recipients?|"
    r"sent to|shared with|where (?:it|data) goes|third[- ]party recipients?|processed by|handled by|"
    r"(?:sub-?)?processors?|处理方)$",
    re.I,
)


def _recipient_column(
    table: Table, columns: Mapping[str, tuple[int, ...]], vocab: Vocab, catalogue: Catalogue | None
) -> int | None:
    """The column of a data-flow table titled as the data's destination (`_RECIPIENT_HEADER`), when the table
    has no name column and at least two of its cells name products (a catalogue or product-shaped name, or a
    cell listing them: "模型服务商，例如 OpenAI、Kimi"); only those rows become SDK rows. None otherwise."""
    if "name" in columns:
        return None
    for i, h in enumerate(table.header):
        if _RECIPIENT_HEADER.match(normalize(h).strip(" *")) is None:
            continue
        products = 0
        for r in table.rows:
            cell = r.cells[i] if i < len(r.cells) else ""
            pieces = split_name_cell(cell, vocab, catalogue) if cell.strip() else []
            products += any(_recipient_piece(p.strip(" *`"), vocab, catalogue) for p in pieces)
        return i if products >= 2 else None
    return None


def _recipient_piece(piece: str, vocab: Vocab, catalogue: Catalogue | None) -> bool:
    """A destination cell's piece that is a product, also a services-list name with its legal form ("Stripe, Inc.")."""
    return (
        _product_piece(piece, vocab, catalogue)
        or _listed_name(piece, policy_services.load())
        or HOST_NAME.fullmatch(piece) is not None  # the host data is sent to ("models.dev")
    )


def _with_kv_cells(
    table: Table, columns: dict[str, tuple[int, ...]], vocab: Vocab
) -> tuple[Table, dict[str, tuple[int, ...]]]:
    """A table whose SDKs are described in "key：value" form inside a cell ("SDK | 说明" with "使用目的：…；
    收集信息：…"): the values become columns of their roles, added after the table's own cells, when at
    least half the rows have one. The table and roles unchanged otherwise."""
    name_col = columns["name"][0]
    width = len(table.header)
    order = sorted(_DESCRIBING)
    rows = []
    described = 0
    for r in table.rows:
        found: dict[str, str] = {}
        for role, value in key_values("；".join(c for i, c in enumerate(r.cells) if i != name_col), vocab):
            if role in _DESCRIBING and value:
                found[role] = f"{found[role]}；{value}" if role in found else value
        described += bool(found)
        cells = (*r.cells[:width], *([""] * (width - len(r.cells))))
        rows.append(replace(r, cells=(*cells, *(found.get(role, "") for role in order))))
    if not described or 2 * described < len(table.rows):
        return table, columns
    out = dict(columns)
    for k, role in enumerate(order):
        out[role] = (width + k,)
    return replace(table, rows=tuple(rows)), out


def table_rows(
    doc: Document, vocab: Vocab, catalogue: Catalogue | None
) -> tuple[list[SdkRow], frozenset[int], list[str]]:
    """SDK rows from the document's SDK tables, the indexes of those tables, and notes."""
    rows: list[SdkRow] = []
    used: set[int] = set()
    notes: list[str] = []
    for table in (*doc.tables, *aligned_tables(doc, vocab)):
        table = _without_title_row(table)
        columns = role_columns(table.header, vocab)
        headless = _headless(table, columns, vocab, catalogue) if not (_DESCRIBING & columns.keys()) else None
        if headless is not None:
            table, columns = headless
        by_provider = provider_named_columns(table, columns, vocab, catalogue)
        if by_provider is not None:
            columns = by_provider
        elif "name" not in columns:
            columns = _named_by_catalogue(table, columns, catalogue, vocab)
        recipients = _recipient_column(table, columns, vocab, catalogue)
        if recipients is not None:
            columns = {**columns, "name": (recipients,)}
        if "name" in columns and not (_DESCRIBING & columns.keys()):
            table, columns = _with_kv_cells(table, columns, vocab)
        roles = {role: cols[0] for role, cols in columns.items()}
        if roles.get("name") == 0 and _legal_companies(table):
            # A recipients table whose first column holds legal companies ("Sub-processor | Location | Function":
            # "Google LLC | USA | Email (Google Workspace)"): the products its rows name, else the companies.
            by_company = _company_table_rows(table, vocab, catalogue)
            if by_company:
                rows.extend(by_company)
                used.add(table.index)
                continue
        if recipients is None and not is_sdk_table(table, roles, vocab, catalogue):
            by_keys = _key_table_rows(table, vocab, catalogue) or _company_table_rows(table, vocab, catalogue)
            if by_keys:
                rows.extend(by_keys)
                used.add(table.index)
            continue
        used.add(table.index)
        last_purpose = ""
        skipped = 0
        first = len(rows)

        for r in table.rows:
            cell = _cell(r, columns, "name")
            if not cell.strip():
                skipped += 1
                continue
            if _fragment(cell):
                skipped += 1
                continue
            provider = _cell(r, columns, "provider").strip()
            if _kind_only(cell, catalogue):
                if provider and "；" not in provider and len(provider) <= 40:
                    # The name column gives the kind of product ("产品/类型: 框架SDK", "云服务"), the provider
                    # column which one: the row is named by its provider, as a reader does.
                    cell = provider
                elif _RECIPIENT_KIND.search(cell.strip(" *`")) is not None and not _packages(r.text):
                    skipped += 1
                    continue  # a kind of recipient ("合作商家", "第三方服务商"), no SDK
            for name in split_name_cell(cell, vocab, catalogue):
                if is_platform_api(name):
                    continue  # the system's own capability ("@ohos.net.connection"), no third party
                if recipients is not None and not _recipient_piece(name.strip(" *`"), vocab, catalogue):
                    continue  # a destination that is no product ("你添加的 MCP 服务器", "Your own server")
                last_purpose = _table_row(rows, r, name, columns, last_purpose, vocab, catalogue)
        rows[first:] = _merged_repeats(rows[first:])
        if skipped:
            notes.append(
                f"{doc.file}: {skipped} row(s) without an SDK name skipped in table at {table.rows[0].location}"
            )
    return rows, frozenset(used), notes


def _without_title_row(table: Table) -> Table:
    """A table whose first row is its title spanning every column ("<td colspan=5>本APP接入第三方SDK目录</td>",
    read as a header of one text repeated) has its header in the next row: that row is the header, the title
    its caption."""
    if len(table.header) < 2 or not table.header[0] or len(set(table.header)) > 1 or not table.rows:
        return table
    first = table.rows[0].cells
    if len({c for c in first if c}) < 2:
        return table
    return replace(table, header=tuple(first), rows=table.rows[1:], caption=table.header[0])


def _merged_repeats(rows: Sequence[SdkRow]) -> list[SdkRow]:
    """One row per SDK of a table that repeats the SDK on a row per permission or data item ("mono | 框架SDK |
    相机", "mono | 框架SDK | 录制音频"): the same name and provider is one record, its data, permissions,
    purposes and links together, at its first row."""
    out: list[SdkRow] = []
    at: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (normalize(r.name).replace(" ", ""), normalize(r.provider).replace(" ", ""))
        i = at.get(key)
        if i is None:
            at[key] = len(out)
            out.append(r)
            continue
        k = out[i]
        purposes = [p for p in dict.fromkeys((k.purpose, r.purpose)) if p]
        out[i] = replace(
            k,
            packages=tuple(dict.fromkeys((*k.packages, *r.packages))),
            data_types=tuple(dict.fromkeys((*k.data_types, *r.data_types))),
            permissions=tuple(dict.fromkeys((*k.permissions, *r.permissions))),
            purpose="；".join(purposes),
            links=tuple(dict.fromkeys((*k.links, *r.links))),
            sdk_id=k.sdk_id or r.sdk_id,
            quotes={**r.quotes, **k.quotes},
        )
    return out


# The first column's header of a table of recipients, one company a row ("Processor | Role", "Company |
# Services used", "Recipient | Purpose").
_COMPANY_HEADER = re.compile(
    r"^(?:(?:sub-?)?processors?|recipients?|compan(?:y|ies)|vendors?|third[- ]part(?:y|ies)|(?:service\s+)?providers?|"
    r"partners?|entit(?:y|ies)|organi[sz]ations?|(?:sub-?)?processors?\s*/\s*compan(?:y|ies)|"
    # Chinese (folded to Simplified): "供應商", "服务商", "合作方", "接收方", "第三方".
    r"供应商|服务商|服务提供商|提供商|合作方|合作伙伴|接收方|第三方|厂商|公司)"
    # The same titled by the column's field ("Entity Name", "Vendor name", "Company / name").
    r"(?:\s*/?\s*(?:legal\s+)?names?)?$"
)
_MAX_COMPANY_PRODUCTS = 12  # products one company's cell names
_ACTIVITY_HEADER = re.compile(r"\b(?:activit(?:y|ies)|descriptions?)\b")


def _stem_key(company: str) -> str:
    """A recipient cell compared without brackets, legal form and spaces ("Supabase, Inc." -> "supabase")."""
    return normalize(_TRAILING_COMPANY.sub("", _BRACKET_PAIR.sub("", company)).strip(" ,")).replace(" ", "")


# What a recipient's cell adds after the company: where it is or whom it belongs to, in brackets ("Acme, Inc.
# (USA)", "Foo (Bar Holdings, Inc., Germany)"); and the legal entity before its trading name ("Acme Software, Inc.
# dba Foo"): the company is the name before the bracket, the trading name the one after "dba".
_TRAILING_BRACKET = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")
_TRADING_AS = re.compile(r"^.{2,60}?\s+(?:dba|d/b/a|doing business as|trading as|t/a)\s+(?=\S)", re.I)


def _recipients(cell: str) -> list[str]:
    """The companies a recipient cell names, one or several joined by a slash ("Apple Inc. (USA) / Google LLC
    (USA)"), each without its bracketed place or owner and by its trading name (`_TRAILING_BRACKET`)."""
    out = []
    for part in re.split(r"\s+/\s+", cell.strip(" *_`")):
        part = _TRADING_AS.sub("", _TRAILING_BRACKET.sub("", part.strip(" *_`"))).strip()
        if part:
            out.append(part)
    return out


# A company cell with what it provides in brackets, of any length ("Google LLC (Firebase Auth, Firestore, …, Play
# Billing)"): the company, then the bracket's text.
_COMPANY_BRACKET = re.compile(r"^([^（）()]{2,60}?)\s*[（(]([^（）()]{2,400})[)）]\s*$")
_PRODUCT_SEP = re.compile(r"\s*(?:[,，、;；]\s*(?:and\s+)?|\s+and\s+)")


def _bracketed_products(cell: str, catalogue: Catalogue | None, svc: policy_services.Services) -> list[str]:
    """The products a legal company's cell lists in brackets after it ("Google LLC (Firebase Auth, Sign-In, Play
    Billing)"), each a product name (catalogue, services list or written as one); a piece its company's brand
    does not open and no list knows is named with that brand ("Google Sign-In"). [] for a place, a parent company
    or anything else in the bracket ("Acme, Inc. (USA)", "Foo GmbH (Bar Holdings, Inc., Germany)")."""
    m = _COMPANY_BRACKET.match(cell.strip(" *_`"))
    if m is None:
        return []
    company = m.group(1).strip(" ,")
    if _TRAILING_COMPANY.search(company) is None and _COMPANY_END.search(company) is None:
        return []
    pieces = [p.strip(" *_`.") for p in _PRODUCT_SEP.split(m.group(2))]
    if not pieces or len(pieces) > _MAX_COMPANY_PRODUCTS or not all(pieces):
        return []
    known = [in_catalogue(p, catalogue) or _listed_name(p, svc) for p in pieces]
    named: list[bool] = []  # each piece a product by its own name
    for p, k in zip(pieces, known, strict=True):
        norm = normalize_policy_text(p)
        legal = _TRAILING_COMPANY.search(p)
        if (
            (legal is not None and legal.group()[:1] in ", ")  # a legal form after a space ("Maps" ends in "aps")
            or _COMPANY_END.search(p) is not None
            or norm in svc.companies
            or norm in svc.platforms
            or (p.isascii() and not p[:1].isupper())
        ):
            return []
        named.append(k or (shaped_name(p) and not generic_words(p, svc.title_words)))
    # Mostly products; a generic word among them is the company's product of that name ("Sign-In", "Cloud Storage"
    # of Google's: "Google Sign-In"), functions alone are no products ("Acme Inc. (Hosting, Analytics)").
    if 2 * sum(named) <= len(pieces):
        return []
    brand = _company_name(company, svc)
    return [
        p if own or p.lower().startswith(brand.lower()) else f"{brand} {p}"
        for p, own in zip(pieces, named, strict=True)
    ]


def _company_name(company: str, svc: policy_services.Services) -> str:
    """A company named without its legal suffix ("Acme, Inc." -> "Acme"), unless the suffix is what makes it a
    name ("NORTH Europe B.V.": without it, words of a sentence)."""
    base = _TRAILING_COMPANY.sub("", company).strip(" ,")
    return base if base and not generic_words(base, svc.title_words) else company


def _legal_companies(table: Table) -> bool:
    """A table whose first column is titled as recipients (`_COMPANY_HEADER`) and mostly holds companies by their
    legal names ("Acme, Inc.", "Foo GmbH (Germany)")."""
    if not table.header or _COMPANY_HEADER.match(normalize(table.header[0]).strip(" *:：")) is None:
        return False
    firsts = [r.cells[0] for r in table.rows if r.cells and r.cells[0].strip()]
    legal = sum(
        1
        for c in firsts
        if (cs := _recipients(c)) and all(_TRAILING_COMPANY.search(x) or _COMPANY_END.search(x) for x in cs)
    )
    return bool(firsts) and 2 * legal > len(firsts)


def _company_table_rows(table: Table, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """A table of recipients whose rows are companies and whose other cells say what each does for the app
    ("Google LLC | Google sign-in; accounts (Firebase Authentication, Firestore); push (FCM)", "Apple Inc. |
    Sign in with Apple", "Cloudinary, Inc. | Storage of older photos"): the products a row's cells name
    (catalogue and services-list names written as names, or a cell that is one product name) are its rows, the
    company its provider; a company naming none is a row by its name, its legal suffix aside."""
    if len(table.header) < 2 or not table.rows:
        return []
    head = normalize(table.header[0]).strip(" *:：")
    if _COMPANY_HEADER.match(head) is None:
        return []
    if not head.isascii() and not names_sdks(vocab, " ".join((*table.headings[-2:], table.caption))):
        return []  # "合作方 | 用途" of any partners (客服, 物流): recipients of the app's data only under such a title
    svc = policy_services.load()
    firsts = [r.cells[0].strip(" *_`") for r in table.rows if r.cells and r.cells[0].strip()]
    companies = sum(
        1
        for cell in firsts
        if (cs := _recipients(cell))
        and all(_TRAILING_COMPANY.search(c) is not None or _COMPANY_END.search(c) or _listed_name(c, svc) for c in cs)
    )
    if not firsts or 2 * companies < len(table.rows):
        return []
    index = name_index(catalogue) if catalogue is not None else None
    others = {_stem_key(c) for c in firsts}
    out: list[SdkRow] = []
    for r in table.rows:
        company = r.cells[0].strip(" *_`") if r.cells else ""
        if not company or (len(company) > 80 and not _bracketed_products(company, catalogue, svc)):
            continue
        rest = "；".join(c for c in r.cells[1:] if c.strip())
        products: list[str] = []
        for col, cell in enumerate(r.cells[1:], 1):
            whole = cell.strip(" *_`.")
            if (
                whole.isascii()
                # a column of what the company does ("Processing activities": "Cloud-based ETL") names no product
                and not (col < len(table.header) and _ACTIVITY_HEADER.search(normalize(table.header[col])))
                and shaped_name(whole)
                and not is_data_item(whole, vocab)
                and not generic_words(whole, svc.title_words)  # a place ("United States") or a label
            ):
                products.append(whole)  # the cell is the product ("Sign in with Apple")
        norm = normalize_policy_text(rest)
        lower = rest.lower()
        spans = [(h.start, h.end) for h in svc.find(norm)]
        if index is not None:
            spans += [(s0, e0) for s0, e0, _n, _sig in index.find(norm)]
        for s0, e0 in sorted(spans, key=lambda se: (se[0], -(se[1] - se[0])))[: 4 * _MAX_COMPANY_PRODUCTS]:
            key = norm[s0:e0]
            at = lower.find(key)
            written = rest[at : at + len(key)] if at >= 0 else key
            if key in svc.platforms or key in svc.companies or not written[:1].isupper():
                continue  # a platform, the company again, or a word in lower case ("cloud storage")
            products.append(written)
        kept: list[str] = []
        mine = _stem_key(company)
        for p in products:
            k = normalize(p).replace(" ", "")
            if k in others and k != mine:
                continue  # another row's recipient ("Acme 底層的雲端基礎設施" in a cloud host's row): that row's
            if k and not any(k in normalize(o).replace(" ", "") for o in kept):
                kept = [o for o in kept if normalize(o).replace(" ", "") not in k] + [p]
        if not kept:
            kept = _bracketed_products(company, catalogue, svc)
        names = kept[:_MAX_COMPANY_PRODUCTS] or [_company_name(c, svc) for c in _recipients(company)] or [company]
        for name in names:
            out.append(
                build_row(
                    vocab,
                    catalogue,
                    name=name,
                    provider=company if name != company else "",
                    purpose=rest[:200],
                    data=rest,
                    all_text=r.text,
                    block_links=r.links,
                    location=r.location,
                    file=r.file,
                    how="table",
                )
            )
    return out


def _key_table_rows(table: Table, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """A table of keys and values, one SDK per value column: "SDK名称 | 蜂鸟统计SDK" then "第三方名称 | …",
    "使用目的 | …" (a Word table per SDK), or "SDK名称 | A | B" with a column per SDK. Its first column's
    cells are keys (`_key_role`), a name key among them and one that describes the SDK."""
    lines = [(table.header[0] if table.header else "", tuple(table.header[1:]), table.rows[0] if table.rows else None)]
    lines += [(r.cells[0] if r.cells else "", tuple(r.cells[1:]), r) for r in table.rows]
    keyed: list[tuple[str, tuple[str, ...]]] = []
    for key, values, _r in lines:
        found = _key_role(key, vocab) if 0 < len(key) <= 24 else None
        if found is not None:
            keyed.append((found[0], values))
    roles = {role for role, _v in keyed}
    if not ({"name", "product"} & roles) or not (_DESCRIBING & roles) or len(keyed) * 2 < len(lines) or not table.rows:
        return []
    first = table.rows[0]
    out: list[SdkRow] = []
    width = max(len(v) for _role, v in keyed)
    for j in range(width):
        record: dict[str, str] = {}
        for role, values in keyed:
            value = values[j].strip() if j < len(values) else ""
            if value:
                record[role] = f"{record[role]}；{value}" if role in record else value
        name = record.get("name", "") or _product_name(record, vocab)
        if not name or len(name) > 80:
            continue
        out.append(
            _record_row(vocab, catalogue, name, record, " ".join(record.values()), first.links, first, "table")
        )
    return out


# A name cell that is the rest of the row above's text, split off by a broken export ("用于上传文件存储）",
# "（用于识别车牌信息）"): a purpose, or more closing brackets than opening ones, or all in brackets.
_PURPOSE_START = re.compile(r"^\s*(?:用于|用来|以便|以用于|used (?:for|to)|for\b)", re.I)


# What a kind of recipient ends with ("合作商家", "其他服务商", "支付机构"): a category of parties.
_RECIPIENT_KIND = re.compile(r"(?:商家|商户|合作方|合作伙伴|服务商|提供商|供应商|机构|公司|第三方)$")
# A note written in the name column ("说明：以上SDK均为必要SDK", "注：…", "Note: …"): no SDK.
_NOTE_CELL = re.compile(r"^\s*[*（(]?\s*(?:说明|注|备注|注意|提示|note|notes|remarks?)\s*[:：]", re.I)


def _fragment(cell: str) -> bool:
    if _NOTE_CELL.match(cell) is not None:
        return True
    t = cell.strip()
    unbalanced = t.count("）") + t.count(")") > t.count("（") + t.count("(")
    bracketed = t[:1] in "（(" and t[-1:] in "）)" and _BRACKET_PAIR.fullmatch(t) is not None
    return bool(t) and (_PURPOSE_START.match(t) is not None or unbalanced or bracketed)


_BRACKET_PAIR = re.compile(r"[（(][^（）()]*[)）]")


def _table_row(
    rows: list[SdkRow],
    r: Block,
    name: str,
    columns: Mapping[str, tuple[int, ...]],
    last_purpose: str,
    vocab: Vocab,
    catalogue: Catalogue | None,
) -> str:
    """Append the row of table row `r` for the SDK `name`; return its purpose (the next row's default)."""
    data = _cell(r, columns, "data")
    purpose = _cell(r, columns, "purpose")
    if not purpose.strip():
        m = _PURPOSE_IN_CELL.search(data.replace("；", "\n").split("\n")[-1]) if data else None
        # A purpose written inside the data cell, else the one above (a merged cell).
        purpose = m.group(1) if m else last_purpose
    rows.append(
        build_row(
            vocab,
            catalogue,
            name=name,
            provider=_cell(r, columns, "provider"),
            purpose=purpose,
            data=data,
            permission_cell=_cell(r, columns, "permission"),
            link_cell=_cell(r, columns, "link"),
            package_cell=_cell(r, columns, "package"),
            all_text=r.text,
            block_links=r.links,
            location=r.location,
            file=r.file,
        )
    )
    return purpose


# ---------------------------------------------------------------- per-SDK paragraph blocks


def _key_role(key: str, vocab: Vocab) -> tuple[str, int] | None:
    """(role, offset where the key starts in `key`) for the text before a colon, or None.

    The key ends with a column synonym and may carry a short qualifier before it ("收集个人信息类型");
    a space before the synonym means the text before it is the previous value ("友盟统计 使用目的")."""
    stripped = key.strip()
    compact = normalize(NUMBERING.sub("", stripped)).replace(" ", "")
    roles = _column_roles(vocab)
    # The longest column word the key ends with, at most 12 characters of qualifier before it.
    best: tuple[str, int] | None = None
    for n in range(len(compact), max(len(compact) - 12, 1) - 1, -1):
        if compact[-n:] in roles:
            best = (roles[compact[-n:]], n)
            break
    if best is None:
        if _PRODUCT_KEY.fullmatch(compact) is None:
            return None
        # "产品/类型：阿里云号码认证" under "第三方名称：阿里巴巴" (the MIIT sharing-list template): the product.
        best = ("product", len(compact))
    if best[0] == "name" and compact[: len(compact) - best[1]] in _OWN_APP_QUALIFIERS:
        return None  # "App Name: Quokka", "应用名称：某某": the app the policy is about, no SDK's name
    if best[0] == "name" and _names_provider(compact[: len(compact) - best[1]], vocab):
        # "提供者名称", "开发者名称", "Provider name": the whole key names the company, not the SDK.
        best = ("provider", len(compact))
    # Walk back over the original key to cover `best[1]` non-space characters: the synonym's start.
    n, i = 0, len(stripped)
    while i > 0 and n < best[1]:
        i -= 1
        if not stripped[i].isspace():
            n += 1
    if any(ch.isspace() for ch in stripped[:i]):
        return None
    return best[0], len(key) - len(key.lstrip())


# What a line ending in a name key without its value ("…SDK：") holds when it is a sentence leading in the
# records below, not a key: a person ("我们接入的第三方SDK：") or a verb that has happened ("集成了以下SDK：").
_LEAD_IN_QUALIFIER = re.compile(
    r"我们|我方|您|你|本应用|本软件|本产品|本平台|本app|[^\W\d_]了|以下|如下|下列|\b(?:we|our|us|you|these|following)\b",
    re.I,
)


# A name key's qualifier saying the name is the app's own ("App Name", "Application name", "应用名称", "软件名称").
_OWN_APP_QUALIFIERS = frozenset({"app", "application", "mobileapp", "应用", "应用程序", "软件", "本应用", "本软件"})
_OWN_APP_WORD = re.compile(r"(?:^|\s)(?:mobile\s+)?(?:app|application)\s*$", re.I)  # the word before "Name"
_OWN_APP_KEY = re.compile(
    r"^[\W_]*(?:(?:mobile\s+)?(?:app|application)\s+name|应用(?:程序)?名称|软件名称|app名称)[\W_]*[:：]", re.I
)


# A key naming the third party's product rather than the SDK ("产品/类型", "产品类型", "第三方产品", "SDK/API"):
# its value is the row's name when the record has no name key and the value is a brand, not a kind ("SDK").
_PRODUCT_KEY = re.compile(
    r"(?:第三方|合作方|使用的?)?(?:sdk)?产品(?:[/、]?(?:类型|服务|sdk))?|sdk/api|api/sdk|(?:三方)?组件"
)


def _product_name(record: Mapping[str, str], vocab: Vocab) -> str:
    """The record's "产品/类型" value when it names a brand ("阿里云号码认证SDK"), "" for a kind ("SDK", "统计类")."""
    value = record.get("product", "").strip()
    if not value or len(value) > 60 or _is_key_word(value, vocab) or _KIND_VALUE.search(value):
        return ""
    return value if _brand_name(value, vocab) or "sdk" in value.lower() else ""


_KIND_VALUE = re.compile(
    r"^(?:第三方)?(?:sdk|api)$|类\s*(?:sdk)?$|^(?:统计|广告|推送|支付|地图|分享|登录)(?:服务|sdk)?$", re.I
)


_SDK_TAIL = re.compile(r"sdk\s*$", re.I)
_KIND_LATIN = re.compile(r"(?<![A-Za-z])(?:sdk|api)(?![A-Za-z])", re.I)


def _kind_only(cell: str, catalogue: Catalogue | None) -> bool:
    """A name cell that says what kind of product it is and not which ("框架SDK", "云服务", "统计类"): no
    brand left after its generic words (names.zh_brand), no Latin word but "SDK"/"API", no catalogue name."""
    t = cell.strip(" *`")
    if not t or t.isascii() or len(t) > 20 or _LATIN_LETTERS.search(_KIND_LATIN.sub("", t)) is not None:
        return False
    if _KIND_VALUE.search(t) is None and (
        len(zh_brand(simplified(t))) >= 2 or (_SDK_TAIL.search(t) is not None and ZH_PRODUCT_END.search(t) is not None)
    ):
        return False  # a brand, or an SDK named by its function ("号码认证SDK"), which a reader keeps
    return not in_catalogue(t, catalogue)


_COLUMN_ROLES: dict[int, tuple[Vocab, dict[str, str]]] = {}


def _column_roles(vocab: Vocab) -> dict[str, str]:
    """Each column word without spaces -> its role (the first role listing it), built once per vocabulary."""
    cached = _COLUMN_ROLES.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        roles: dict[str, str] = {}
        for role, words in vocab.columns.items():
            for w in words:
                if w.replace(" ", ""):
                    roles.setdefault(w.replace(" ", ""), role)
        cached = (vocab, roles)
        _COLUMN_ROLES[id(vocab)] = cached
    return cached[1]


def _names_provider(qualifier: str, vocab: Vocab) -> bool:
    """A name key's qualifier that is a provider word ("提供者" of "提供者名称", "provider" of "provider name")."""
    q = qualifier.strip()
    if not q or vocab.sdk_cue.search(q) is not None:
        return False  # "第三方SDK名称", "third party name": the third party itself, often the SDK
    return any(q.endswith(w.replace(" ", "")) for w in vocab.columns.get("provider", ()) if w)


_COLON = re.compile(r"[:：]")


_BRACKET_KEY = re.compile(r"[【\[]\s*([^【】\[\]:：]{1,16}?)\s*[】\]]\s*[:：]?")


def _bracket_key(m: re.Match[str], vocab: Vocab) -> str:
    """ "【使用目的】" as "；使用目的：" when it is a column's word; any other bracketed text as it is."""
    key = m.group(1)
    # The whole bracket a column's word ("【SDK名称】", "【使用目的】"), not a name ending with one ("【QuickSDK】").
    if normalize(key).replace(" ", "") not in _column_roles(vocab):
        return m.group()
    return f"；{key}：" if m.start() > 0 and m.string[: m.start()].strip() else f"{key}："


def split_key_values(text: str, vocab: Vocab) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first key, and the ("role", value) pairs of a "key：value" block, in order
    ("友盟统计SDK 使用目的：… 收集个人信息：…", "SDK name: JPush. Purpose: …")."""
    if "【" in text or "[" in text:
        # Keys in brackets ("【SDK名称】极光推送SDK【使用目的】消息推送"): "key：value" when the key is a column's.
        text = _BRACKET_KEY.sub(lambda m: _bracket_key(m, vocab), text)
    marks: list[tuple[int, int, str]] = []  # key start, value start, role
    for m in _COLON.finditer(text):
        if text[m.end() : m.end() + 2] == "//":
            continue  # a URL scheme, not a key
        lo = max(m.start() - 28, 0)
        for sep in _KEY_SEP.finditer(text, lo, m.start()):
            lo = sep.end()
        key = text[lo : m.start()]
        # The key may follow the previous value after a space: try the shorter tails too.
        tails = [0, *(i + 1 for i, ch in enumerate(key) if ch.isspace())]
        for t in tails:
            found = _key_role(key[t:], vocab)
            if found is not None:
                if found[0] == "name" and _OWN_APP_WORD.search(key[:t]) is not None:
                    break  # "App Name: Quokka": the app's own name, no key of an SDK's record
                marks.append((lo + t + found[1], m.end(), found[0]))
                break
    if (
        len(marks) == 1
        and marks[0][2] == "name"
        and not text[marks[0][1] :].strip()
        and _LEAD_IN_QUALIFIER.search(text[: marks[0][1]]) is not None
    ):
        # "我们接入的第三方SDK：", "本应用集成了以下SDK：": a sentence leading in the records below, no name
        # key without its value.
        return text, []
    pairs = []
    for i, (_ks, vs, role) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        pairs.append((role, text[vs:end].strip().strip("；;。.|｜").strip()))
    return (text[: marks[0][0]].strip().rstrip("；|｜").rstrip() if marks else text), pairs


def key_values(text: str, vocab: Vocab) -> list[tuple[str, str]]:
    """The ("role", value) pairs of a "key：value" block."""
    return split_key_values(text, vocab)[1]


_BULLET_ONLY = re.compile(r"[\s•·●▪◦■□◆◇►▶‣⁃*+\-–—]+")
_LEADING_BULLET = re.compile(r"\s*[•·●▪◦■□◆◇►▶‣⁃]")


# The last word of a value a page ran into the next record when it lost its line breaks ("…第三方主体：友盟同欣
# （北京）科技有限公司 极光推送SDK 使用目的：…"): a name ending with "SDK" after a space.
_GLUED_SDK_NAME = re.compile(r"\s(\S{2,40}?\s?sdk)$", re.I)


def _glued_name(value: str, catalogue: Catalogue | None) -> str:
    """The SDK name a value ends with after a space (`_GLUED_SDK_NAME`) when it is a name: a brand before "SDK"
    (zh_brand) or a catalogue name; "" otherwise."""
    m = _GLUED_SDK_NAME.search(value)
    if m is None:
        return ""
    name = m.group(1)
    stem = re.sub(r"\s?sdk$", "", name, flags=re.I)
    if ZH_PHRASE.search(stem) is not None:
        return ""
    return name if len(zh_brand(simplified(stem))) >= 2 or in_catalogue(name, catalogue) else ""


def _glued_records(
    kvs: Sequence[tuple[str, str]], catalogue: Catalogue | None
) -> tuple[list[tuple[str, str]], dict[int, str]]:
    """The pairs of a block holding several records run together, with the name each record after the first
    starts with cut from the end of the value before it: (pairs, index of a record's first pair -> its name).
    A record starts where a key comes again (its first key: "使用目的" after "第三方主体")."""
    out = list(kvs)
    starts: dict[int, str] = {}
    seen: set[str] = set()
    for i, (role, value) in enumerate(kvs):
        if role in seen:
            seen = set()
        seen.add(role)
        if i + 1 < len(kvs) and kvs[i + 1][0] in seen and kvs[i + 1][0] != role:
            name = _glued_name(value, catalogue)
            if name:
                out[i] = (role, value[: len(value) - len(name)].rstrip())
                starts[i + 1] = name
    return out, starts


def paragraph_rows(doc: Document, vocab: Vocab, catalogue: Catalogue | None) -> list[SdkRow]:
    """SDK rows written as blocks of "key：value" lines, one group per SDK. The SDK's name is its name key,
    else the text before the first key, else the short line just before the group, else the heading of
    a section that starts with the group."""
    rows: list[SdkRow] = []
    group: dict[str, str] = {}
    blocks: list[Block] = []
    name_hint = ""
    hint_how = "kv-block"  # "heading" when the name hint is the section heading
    lead = ""  # the paragraph introducing a run of records named in their own block ("partners: see below")
    prev: Block | None = None  # the last block without keys
    para: Block | None = None  # the last block without keys that is a paragraph, not a name line
    last: Block | None = None  # the block just before this one
    title: Block | None = None  # the short line before `prev` in its section, when `prev` is a sentence
    prev_opens = False  # `prev` is the first block of its section

    # The section of an SDK list being read, while no paragraph has come between: set by an SDK record
    # (its section, or its parent for a record named by its heading) or by a short title naming SDKs
    # ("第三方SDK目录"). A record in it, or in a sub-section of it, is one of the same list whatever its name
    # ("插件名称：云雀推送" after "SDK名称：蜂鸟统计SDK"; "2. 蜂鸟统计" after "1. 微信SDK").
    run: tuple[str, ...] | None = None
    # The headings of the last record named by its heading: the next record's heading may be read as nested
    # under it ("1.云雀推送" then "2.蜂鸟地图", numbered alike but one level deeper), a sibling all the same.
    last_named: tuple[str, ...] | None = None

    def close() -> None:
        nonlocal group, blocks, run, last_named
        if blocks:
            how = "kv-block" if "name" in group else hint_how
            where = blocks[0].headings
            in_run = run is not None and (run == where or run == where[:-1] or where[:-1] == last_named)
            found = _group_rows(group, blocks, name_hint, vocab, catalogue, how, lead, in_run)
            if found:
                rows.extend(found)
                if how != "heading" or where[:-1] != last_named:
                    run = where[:-1] if how == "heading" else where
                last_named = where if how == "heading" else None
        group, blocks = {}, []

    fields = bare_field_lines(doc)
    before: Block | None = None  # the block before `last`
    before_opens = False  # `before` is the first block of its section
    for block in doc.blocks:
        before_opens = last is not None and (before is None or before.headings != last.headings)
        before, last = last, block
        if block.kind is BlockKind.TABLE_ROW:
            close()
            prev = None
            continue
        text = block.text
        if (block.file, block.location) in fields:
            m = _BARE_FIELD.match(text)
            if m is not None:
                # "Provider Alamofire Software Foundation" -> "Provider: …"; a URL field is the record's link.
                key = "Link" if m.group("key").lower().endswith(("url", "website", "homepage")) else m.group("key")
                text = f"{key}: {m.group('value')}"
        prefix, kvs = split_key_values(text, vocab)
        if _BULLET_ONLY.fullmatch(prefix):
            prefix = ""  # a text bullet before the key ("• 提供方：网易公司"), no name
        if kvs and _is_key_word(prefix, vocab):
            prefix = ""  # "SDK 隐私说明链接：…": the word before the key belongs to the key, it names nothing
        if not kvs:
            other_key = (
                _OTHER_KEY.match(text) is not None
                and not _sdk_lead_in(text, vocab)
                and not _product_title(text, catalogue)
            )
            if blocks and other_key and block.headings == blocks[0].headings:
                continue  # a key this list uses that we do not read ("处理方式：…", "客户端：…")
            close()
            if not other_key:
                title = prev if prev is not None and prev.headings == block.headings and before is prev else None
                prev_opens = before is None or before.headings != block.headings
                prev = block  # a name candidate; a "key：value" line is not one
                if len(block.text) > 60 or block.text.rstrip().endswith((".", "。", ":", "：")):
                    para = block
                    run = None
                if len(block.text) > 60:
                    pass  # no title: the run has ended above
                elif vocab.sdk_cue.search(normalize(block.text)) is not None:
                    run = block.headings  # the title of an SDK list ("第三方SDK目录", "我们接入的第三方SDK：")
                elif _LIST_TITLE.search(block.text) or _APPENDIX.match(block.text):
                    run = None  # the title of another list ("个人信息收集清单"): its records are no SDKs
            continue
        if blocks and (
            block.headings != blocks[0].headings or (0 < len(prefix) <= 60 and ("name" in group or name_hint))
        ):
            close()  # a new section, or a new name before this block's keys
        if not blocks:
            same_section = prev is not None and prev.headings == block.headings
            hint_how = "kv-block"
            lead = para.text if para is not None and para.headings == block.headings else ""
            if 0 < len(prefix) <= 60:
                name_hint = prefix
            elif same_section and prev is not None and _description_line(prev, para) and (
                _title_line(title) or (prev_opens and block.headings)
            ):
                # An SDK list whose records are a title line, a description sentence, then the keys ("Quokka
                # Analytics" / "Measures how the app is used." / "Provider: …"): the title names it, not the
                # description.
                if title is not None and _title_line(title):
                    name_hint = title.text
                else:
                    name_hint, hint_how = block.headings[-1], "heading"
            elif same_section and prev is not None and len(prev.text) <= 60 and prev is not para:
                name_hint = prev.text  # the name line above the record's keys ("2、EventBus SDK")
            elif (
                before is not None
                and before.headings == block.headings
                and _OTHER_KEY.match(before.text)
                # A bulleted key of the record under its name heading ("1. 网易IP查询服务" / "• 服务地址：…" /
                # "• 提供方：…"): the heading names it, as below.
                and not (_LEADING_BULLET.match(before.text) and block.headings and not same_section)
                # So does a key opening a section of an SDK list ("4. 第三方SDK及服务" / "(3) 云雀数据API服务" /
                # "第三方类别：数据服务" / "服务提供方：…").
                and not (
                    before_opens
                    and not same_section
                    and len(block.headings) >= 2
                    and names_sdks(vocab, block.headings[-2])
                    and _product_heading(block.headings[-1], vocab)
                )
            ):
                # Right after a key this module does not read ("Application: Demo") with no name line above:
                # the same header block, described by that key (`_is_lead_in`), not named by the heading.
                name_hint = before.text
            elif same_section and prev is not None and len(prev.text) <= 60:
                name_hint = prev.text
            else:
                name_hint = block.headings[-1] if block.headings and not same_section else ""
                hint_how = "heading"
                heading_kvs = key_values(name_hint, vocab) if name_hint else []
                if any(role == "name" for role, _v in heading_kvs):
                    # A "key：value" line read as the section's heading ("1. 产品名称：腾讯Bugly" above its
                    # keys): its keys start the record.
                    group.update(heading_kvs)
                    name_hint, hint_how = "", "kv-block"
        blocks.append(block)
        kvs, glued = _glued_records(kvs, catalogue) if len(kvs) > 3 else (kvs, {})
        if glued and " " in prefix and not group:
            # The first record's name after the list's title run into it ("第三方SDK列表 友盟SDK 使用目的：…").
            first = _glued_name(prefix, catalogue)
            if first and vocab.sdk_cue.search(normalize(prefix[: -len(first)])) is not None:
                name_hint = first
        for i, (role, value) in enumerate(kvs):
            if i in glued:
                close()  # the next record of a block that lost its line breaks, named at the end of the last value
                blocks.append(block)
                name_hint, hint_how = glued[i], "kv-block"
            if (role in ("name", "product") and role in group) or (
                role == "provider" and "provider" in group and "name" not in group and len(group) > 1
            ):
                close()  # a second SDK in the same run of blocks (each record led by its name or provider key)
                blocks.append(block)
                name_hint = ""
            group[role] = f"{group[role]}；{value}" if role in group and value else value or group.get(role, "")
    close()
    return rows


_LIST_WORDS = frozenset({"sdk", "第三方", "第三方sdk", "thirdparty", "third-party"})
# A description sentence: ends with a full stop ("Measures how the app is used.", "用于统计分析。").
_DESCRIPTION = re.compile(r"(?<![A-Z])[.。!！]\s*$")
_CLAUSE_MARK = re.compile(r"[。；;，,：:!！?？]|\.\s")


# A description line that ends with the library's version ("Swift HTTP Network Library · v5.11.1").
_VERSION_END = re.compile(r"\bv?\d+(?:\.\d+)+\s*$")


def _description_line(block: Block, para: Block | None) -> bool:
    """The description under a record's title: a sentence (`_DESCRIPTION`) or a line ending with a version."""
    return (block is para and _DESCRIPTION.search(block.text) is not None) or (
        _VERSION_END.search(block.text) is not None and _DESCRIPTION.search(block.text) is None
    )


# A field line whose key and value a page set in two elements the reader joined with a space ("Provider
# Alamofire Software Foundation", "Usage Purpose Handles HTTP requests…", "License MIT License").
_BARE_FIELD = re.compile(
    r"^(?P<key>(?:Usage\s+|Use\s+)?Purpose|Provider|Developer|Vendor|Company|Data\s+Collection(?:\s+Policy)?|"
    r"Data\s+Collected|Collected\s+Data|Data\s+Types?|Privacy\s+Policy|Project\s+URL|Website|Homepage|License|"
    r"Licence|Version)\s+(?P<value>[^\s:：].*)$"
)


def bare_field_lines(doc: Document) -> set[tuple[str, str]]:
    """(file, location) of the blocks that are field lines without a colon (`_BARE_FIELD`), two or more in a row
    in one section: one record's fields, not a sentence that opens with such a word; and of the description
    line right before such a run ("Image Loading Library · v1.2.3"), part of the record too."""
    hits = [
        b.kind is BlockKind.PARAGRAPH and len(b.text) <= 400 and _BARE_FIELD.match(b.text) is not None
        for b in doc.blocks
    ]
    out: set[tuple[str, str]] = set()
    for i, b in enumerate(doc.blocks):
        if not hits[i]:
            continue
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(doc.blocks) and hits[j]]
        if any(doc.blocks[j].headings == b.headings for j in near):
            out.add((b.file, b.location))
            above = doc.blocks[i - 1] if i else None
            if (
                above is not None
                and not hits[i - 1]
                and above.headings == b.headings
                and len(above.text) <= 200
                and (_VERSION_END.search(above.text) is not None or _DESCRIPTION.search(above.text) is not None)
            ):
                out.add((above.file, above.location))
    return out


def _sdk_lead_in(text: str, vocab: Vocab) -> bool:
    """A short sentence leading in SDK records, ending with a colon as a key does ("我们接入了以下第三方SDK：",
    "本应用集成的SDK："): the title of the list below, not a key of a record."""
    return (
        len(text) <= 60
        and text.rstrip().endswith((":", "："))
        and _LEAD_IN_QUALIFIER.search(text) is not None
        and vocab.sdk_cue.search(normalize(text)) is not None
    )


_TITLE_HEAD = re.compile(r"^[\s•·●▪◦*_`]*([^:：]{2,40}?)[\s*_`]*[:：]\s*(\S.*)$")


def _product_title(text: str, catalogue: Catalogue | None) -> str:
    """The product a record's title line names before its description ("OpenAI：提供 AI 分析服务", "**Quokka
    Maps**: map tiles"), a catalogue or services-list name; "" for a key ("客户端：安卓") or another line."""
    m = _TITLE_HEAD.match(text) if ":" in text or "：" in text else None  # a title line has its colon
    if m is None:
        return ""
    head = m.group(1).strip()
    if _CELL_SEP.search(head) is None and (
        (catalogue is not None and _is_catalogue_name(head, catalogue)) or _listed_name(head, policy_services.load())
    ):
        return head  # one name, most of it a catalogue name ("Google AdMob"; not "第三方登录（微信、Apple）")
    return ""


def _title_line(block: Block | None) -> bool:
    """A record's title line: short, one name, no clause ("Quokka Analytics"; not "分析您使用…的情况。我们…；")."""
    return block is not None and 0 < len(block.text) <= 60 and _CLAUSE_MARK.search(block.text.strip()) is None and (
        _DESCRIPTION.search(block.text) is None
    )


def _is_key_word(text: str, vocab: Vocab) -> bool:
    """A bare list word ("SDK", "第三方") or column header, never the name of an SDK."""
    if not text:
        return False
    n = normalize(NUMBERING.sub("", text)).replace(" ", "")
    # "Privacy Link: https://…", "Privacy Policy URL: …": the word before the link key is part of it.
    return bool(n) and (n in _LIST_WORDS or n in _column_roles(vocab) or n in _LINK_KEY_HEADS)


_LINK_KEY_HEADS = frozenset({"privacy", "policy", "privacypolicy", "terms", "隐私", "隐私权"})


# A sentence that introduces the records, not a name: "…集成了以下第三方SDK", "we use the following SDKs",
# or a clause before a comma ("为实现特定功能,我们…").
_LEAD_IN_WORDS = re.compile(r"以下|下列|如下|\b(?:following|below)\b", re.I)
_CLAUSE_COMMA = re.compile(r"[,，](?![^（(]*[)）])")


def _is_lead_in(text: str) -> bool:
    """Not a name: a lead-in sentence, or a "key: value" of a key this module does not read (a header block
    "Application: GlassLine  Package: com.example.app" describes the app itself)."""
    return (
        _LEAD_IN_WORDS.search(text) is not None
        or _CLAUSE_COMMA.search(text) is not None
        or _OTHER_KEY.match(text) is not None
    )


_APPENDIX = re.compile(r"^\s*(?:附录|附件|appendix)", re.I)
# The title of a clause or document ("第三方SDK条款：…", "Third-party SDK terms:"), not a name.
_CLAUSE_TITLE = re.compile(
    r"(?:条款|协议|政策|声明|规则|须知|指引|\b(?:terms|policy|notice|statement|clause))\s*$", re.I
)
_LIST_TITLE = re.compile(r"清单|列表|目录|名单|一览|\blist\b|\boverview\b", re.I)


def _names_sdk(value: str) -> bool:
    """A provider value that is an SDK's name ("友盟统计SDK"), not a company ("…有限公司", "… Inc.")."""
    v = value.strip()
    if not v or len(v) > 40 or _COMPANY_END.search(v):
        return False
    return "sdk" in v.lower()


_COMPANY_END = re.compile(r"(?:公司|Inc\.?|LLC|Ltd\.?|Limited|GmbH|Corporation|Corp\.?)\s*$", re.I)


def _group_rows(
    group: Mapping[str, str],
    blocks: Sequence[Block],
    name_hint: str,
    vocab: Vocab,
    catalogue: Catalogue | None,
    how: str = "kv-block",
    lead: str = "",
    in_run: bool = False,
) -> list[SdkRow]:
    """The record's row, or a row per SDK when its name packs several ("使用的SDK：穿山甲SDK、优量汇SDK"); []
    when the group is no SDK record."""
    hint = _clean(NUMBERING.sub("", name_hint))
    if _LIST_TITLE.search(hint) or _CLAUSE_TITLE.search(hint):
        hint = ""  # the list's title ("第三方SDK共享清单") or a clause's ("第三方SDK条款"), not one SDK's name
    hint = _product_title(hint, catalogue) or hint  # "Google AdMob：提供广告服务" over its keys: the product
    provider = group.get("provider", "")
    hint_is_sdk = bool(hint) and (
        "sdk" in hint.lower() or in_catalogue(hint, catalogue)
    )
    if not group.get("name") and not hint_is_sdk and _names_sdk(provider):
        # "第三方名称：友盟统计SDK": the provider key holds the SDK's name, not a company (the line before
        # it, if any, titles the function: "1. 统计分析").
        name, provider = provider, ""
    else:
        name = group.get("name", "") or _product_name(group, vocab) or hint
    if not name or len(name) > 80 or ("name" not in group and (_is_lead_in(name) or _OWN_APP_KEY.match(name))):
        return []  # a lead-in, or the app's own header ("App Name: Quokka  Package Name: …  Developer: …")
    described = {"provider", "purpose", "data", "link", "package", "permission"} & group.keys()
    if not provider and _COMPANY_SUFFIX.search(name, 1) is not None:
        # "1、蜂鸟统计（蜂鸟科技有限公司）" over its keys: the title names who provides it, as a provider key does.
        described.add("provider")
    text = " ".join(b.text for b in blocks)
    own = " ".join((name, *group.values()))
    if len(text) > 5000 and len(text) > 4 * len(own):
        # One of many records a block ran together (a page without line breaks, or a hostile one of 20,000):
        # the record's own values are its text, so that each record reads its part once, not the whole block.
        text = own
    context = normalize(" ".join((name, *blocks[0].headings[-2:])))
    sig_hit = in_catalogue(name, catalogue)
    # Under a paragraph introducing partners or SDKs, "Name  Privacy Policy: link" is a record by itself.
    linked = "link" in described and names_sdks(vocab, lead)
    # A record of an SDK list being read (`in_run`), with two keys that describe an SDK, is one of the list.
    listed = in_run and len(described) >= 2
    # A record naming who provides it and what for, or where its policy is ("1. 网易IP查询服务" / "• 提供方：网易公司"
    # / "• 功能：…"): a third party's record by its keys alone, wherever it stands.
    party = (
        "provider" in described
        and len(described) >= 2
        and bool({"purpose", "link", "data"} & described)
        and _brand_name(name, vocab)
    )
    # Under a lead-in announcing a list of services ("本应用使用以下第三方服务："), a brand over what it is for
    # ("青桔" / "用途：获取天气") is one of them, with that one key.
    announced = (
        "purpose" in described
        and lead.rstrip().endswith((":", "："))
        and names_sdks(vocab, lead)
        and _brand_name(name, vocab)
        and (_LATIN_LETTERS.search(name) is not None or zh_brand(name) == name)  # not a feature ("反馈功能")
        and _CATEGORY_NAME.search(name) is None
    )
    if not described or not (
        vocab.sdk_cue.search(context) is not None or sig_hit or _packages(text) or linked or listed or party
    ):
        return []
    if (
        len(described) < 2
        and not sig_hit
        and "sdk" not in normalize(name)
        and not linked
        and not listed
        and not announced
    ):
        return []
    record = {**group, "provider": provider}
    links = [link for b in blocks for link in b.links]
    return [
        _record_row(vocab, catalogue, one, record, text, links, blocks[0], how)
        for one in split_name_cell(name, vocab, catalogue)
    ]


_LATIN_LETTERS = re.compile(r"[A-Za-z]{2}")


def _product_heading(heading: str, vocab: Vocab) -> bool:
    """A heading that names a product ("(3) 云雀数据API服务", "2. 蜂鸟推送"): a brand written with a Latin word or a
    Chinese product ending; not a kind of recipients or capability ("五、系统能力", "支付服务")."""
    name = _clean(NUMBERING.sub("", heading))
    return _brand_name(name, vocab) and (
        _LATIN_LETTERS.search(name) is not None or ZH_PRODUCT_END.search(name) is not None
    )


# A kind of recipient, not one ("广告合作方", "Analytics providers").
_CATEGORY_NAME = re.compile(r"(?:合作方|合作伙伴|服务商|提供商|机构|公司|partners?|providers?|vendors?)$", re.I)


def _brand_name(name: str, vocab: Vocab) -> bool:
    """A record's name with a brand in it ("网易IP查询服务", "Quokka Geo API"), not a title ("联系我们") or data
    ("设备信息")."""
    if is_data_item(name, vocab) or ZH_PHRASE.search(name) is not None:
        return False
    return _LATIN_LETTERS.search(name) is not None or len(zh_brand(name)) >= 2


def resolve_row(row: SdkRow, precise: bool) -> SdkRow:
    """The row with generic location resolved like the policy's prose (see extract.resolve_locations)."""
    if GENERIC_LOCATION not in row.data_types:
        return row
    target = location_type(precise)
    types = tuple(dict.fromkeys(target if t == GENERIC_LOCATION else t for t in row.data_types))
    quotes = {(target if k == GENERIC_LOCATION else k): v for k, v in row.quotes.items()}
    return replace(row, data_types=types, quotes=quotes)
