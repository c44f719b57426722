"""Policy files (txt, md, mdx, html, pdf) -> a `Document` of text blocks with heading paths and tables.

Owns decoding (UTF-8, GBK/GB18030, UTF-16/32 with BOM, via charset-normalizer when not UTF-8), the
registry of policy file formats (`Format`: a name, its suffixes, content sniffs and a reader that fills
the block builder; adding one is a reader and one `register` line), format detection from it, and the one
walker that turns HTML into blocks: Markdown is rendered to HTML by markdown-it-py
(raw HTML tables inside Markdown are common in Chinese policies) and PDF text comes from pypdf's text
layer. Scripts, styles and other active content are dropped and never executed; nothing is fetched.
Character-drawn tables (Pandoc grid tables, box drawing) are read as tables and a text table of contents is
dropped (`_grid_tables`, `_toc_lines`).
"""

from __future__ import annotations

import codecs
import enum
import functools
import io
import logging
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path
from typing import Any, ClassVar

from appaudit.errors import InputError
from appaudit.limits import (
    MAX_HTML_ATTRS,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_MARKDOWN_MARKS,
    MAX_PDF_CONTENT_BYTES,
    MAX_POLICY_BLOCKS,
    MAX_POLICY_BYTES,
    MAX_POLICY_CHARS,
    MAX_TABLE_CELLS,
    BudgetError,
)

# Policies are text; anything this large is not one, and we refuse before reading it into memory
# (appaudit.limits.MAX_POLICY_BYTES: the analysis of 50 MB of text took 43 s).
MAX_BYTES = MAX_POLICY_BYTES
_SNIFF = 8192


# A format's reader: (bytes, file name, the block builder) -> (encoding read, notes already naming the file).
Reader = Callable[[bytes, str, "_Builder"], tuple[str, list[str]]]


@dataclass(frozen=True, slots=True, eq=False)
class Format:
    """A policy file format: its `name`, the `suffixes` that select it, content sniffs and its `reader`.

    Detection (`detect_format`): a format whose `header` sniff matches decides first (a PDF is a PDF by
    its header whatever its suffix), then the suffix, then a `content` sniff (a page saved without
    .html), else the fallback, plain text. The reader fills the same blocks and tables every format
    does (`Builder`, usually through `read_text` / `read_html`). Registered in `FORMATS`.
    """

    name: str
    reader: Reader
    suffixes: tuple[str, ...] = ()
    header: Callable[[bytes], bool] | None = None
    content: Callable[[bytes], bool] | None = None

    TEXT: ClassVar[Format]
    MARKDOWN: ClassVar[Format]
    MDX: ClassVar[Format]
    HTML: ClassVar[Format]
    PDF: ClassVar[Format]

    @property
    def value(self) -> str:
        """The name (what Document.format.value reported when formats were an enum)."""
        return self.name


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add FMT under its name (a later registration of the same name replaces it)."""
    FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    FORMATS.pop(name, None)


class BlockKind(enum.Enum):
    """What a block was in its source: a paragraph, a list item or one row of a table."""

    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, list item or table row, with where it sits in the document."""

    file: str
    kind: BlockKind
    text: str
    headings: tuple[str, ...]
    para: int  # 1-based paragraph number within its section (table rows: row number in the table)
    cells: tuple[str, ...] = ()
    table: int = -1  # index into Document.tables for TABLE_ROW blocks
    links: tuple[str, ...] = ()
    nth_table: int = 1  # TABLE_ROW: which table of its section (a section may hold several)

    @property
    def location(self) -> str:
        """`file §heading > sub ¶n` (or `row n` for a table row, `table k row n` in a section's k-th table), the
        POLICY evidence locator."""
        section = " > ".join(self.headings) if self.headings else "(top)"
        if self.kind is BlockKind.TABLE_ROW:
            where = f"table {self.nth_table} row {self.para}" if self.nth_table > 1 else f"row {self.para}"
        else:
            where = f"¶{self.para}"
        return f"{self.file} §{section} {where}"


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its header cells and data rows (as blocks, each with its cells)."""

    index: int
    headings: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[Block, ...]
    caption: str = ""  # the paragraph right before the table, often naming what it lists


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded policy file."""

    file: str
    format: Format
    encoding: str
    blocks: tuple[Block, ...]
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()
    source: str = ""  # the decoded file as written (text formats; "" for PDF), for source line numbers
    # Each block's sentences, split once for the passes that read them (SDK prose rows, declarations).
    _sentences: dict[int, tuple[Block, tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def sentences(self, block: Block) -> tuple[str, ...]:
        """`iter_sentences(block.text)`, split once per block of this document."""
        got = self._sentences.get(id(block))
        if got is None or got[0] is not block:
            got = self._sentences[id(block)] = (block, tuple(iter_sentences(block.text)))
        return got[1]


# ---------------------------------------------------------------- bytes -> str


# Signatures of common binary files that get renamed to .html/.md by mistake: images, archives, executables.
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b", b"MZ", b"dex\n", b"7z\xbc\xaf")


def _is_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    # Control bytes other than tab/newline/carriage return/form feed/escape are not in text files.
    ctrl = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return ctrl > len(sample) // 20


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without BOM shows NUL in every other byte (for ASCII-heavy text)."""
    if len(sample) < 16:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a policy file (line ends made "\n") and the encoding used; InputError for binary data."""
    text, encoding = _decode(data, name)
    return _newlines(text), encoding


def _newlines(text: str) -> str:
    """CRLF, CR and the "\r\r\n" of a CRLF file converted to CRLF once more (a tool that adds "\r" before
    every "\n") as "\n": read as they are, the doubled ends make every line break a blank line, which
    splits Markdown lists and tables and every hard-wrapped paragraph."""
    if "\r" not in text:
        return text
    return text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    sample = data[:_SNIFF]
    utf16 = None if sample.startswith(_MAGIC) else _utf16_without_bom(sample)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        head = text[:2000]
        if head and sum(1 for c in head if c < " " and c not in "\t\n\r\f") < len(head) // 50:
            return text, utf16
    if sample.startswith(_MAGIC) or _is_binary(sample):
        raise InputError(
            f"{name}: binary data, not a text, HTML, Markdown or PDF policy; pass the policy page saved as text or HTML"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Detect on a prefix: charset-normalizer is slow on megabytes and a policy is one encoding throughout.
    best = from_bytes(data[: 256 * 1024]).best()
    if best is None:
        raise InputError(f"{name}: undecodable bytes (not UTF-8, GBK, GB18030 or UTF-16); re-save the file as UTF-8")
    enc = best.encoding.lower().replace("_", "-")
    # GB2312 and GBK are subsets of GB18030: decode with the superset so rare characters survive.
    if enc in ("gb2312", "gbk", "gb-2312", "cp936", "hz"):
        enc = "gb18030"
    try:
        return data.decode(enc, errors="replace"), enc
    except LookupError:  # a detector name Python has no codec for: keep what UTF-8 can read
        return data.decode("utf-8", errors="replace"), "utf-8 (replaced)"


def detect_format(path: Path, head: bytes) -> Format:
    """A registered format's header sniff, else the file's suffix, else a content sniff; plain text when unsure."""
    for fmt in FORMATS.values():
        if fmt.header is not None and fmt.header(head):
            return fmt
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    for fmt in FORMATS.values():
        if fmt.content is not None and fmt.content(head):
            return fmt
    return Format.TEXT


def _is_pdf(head: bytes) -> bool:
    return head.lstrip()[:5] == b"%PDF-"


def _looks_html(head: bytes) -> bool:
    """A page: it opens (after comments, as licence headers of app assets put before the doctype) with a
    doctype, <html>, <head> or an XML declaration, or has <body> in its first KiB."""
    low = head[:_SNIFF].lower().lstrip()
    for _ in range(8):
        if not low.startswith(b"<!--"):
            break
        end = low.find(b"-->")
        low = low[end + 3 :].lstrip() if end >= 0 else b""
    return low.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<body" in low[:1024]


# ---------------------------------------------------------------- block building

_WS = re.compile(r"\s+")
# Characters written without spaces between words (CJK ideographs and radicals, kana, CJK and full-width
# punctuation; not Hangul, which spaces its words).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break (or a no-break space, which Word and Aspose exports put between the spans of one word)
# between two such characters joins them: "手机\n号码" is "手机号码", as browsers render it (CSS Text 3
# segment break rule), where a space would break the word for every vocabulary and name match. A line
# that opens a field ("公司\n联系邮箱：…") keeps its space: there the break separates two values.
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[^\S\n\u00a0]*[\n\u00a0]\s*(?=[{_WIDE}])(?![^\s:：，,。；;、]{{1,8}}[:：])")


# Characters that show nothing: zero-width spaces and joiners, a BOM inside text, soft hyphens. Copied
# and exported text carries them inside words ("手机\u200b号码"), where every word match would miss.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
# A character reference left in the text: the page escaped twice ("&amp;nbsp;" shows "&nbsp;").
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _flat(text: str) -> str:
    """Text as one line: invisible characters dropped, whitespace runs one space."""
    # str.split's whitespace is re's \s: the runs made one space and the ends stripped, without a regex pass.
    return " ".join((text if text.isascii() else _INVISIBLE.sub("", text)).split())


def _unescaped(text: str) -> str:
    return unescape(text) if "&" in text and _ENTITY.search(text) else text


def _join_wide(text: str) -> str:
    return _WIDE_BREAK.sub("", text) if "\n" in text or "\u00a0" in text else text


_URL = re.compile(r"https?://[^\s<>\"'，。；、）)]+", re.I)


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    th: bool
    links: tuple[str, ...]
    rowspan: int = 1
    colspan: int = 1


# Hostile spans (rowspan=1000000) must not blow up the grid: real tables span a few rows or columns.
_MAX_SPAN = 64


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), _MAX_SPAN))
    except (TypeError, ValueError):
        return 1


def _grid(rows: list[list[_Cell]], notes: list[str] | None = None) -> list[list[_Cell]]:
    """Rows with rowspan/colspan cells repeated into every position they cover (a merged cell applies to
    each row and column it spans), so that column indexes line up.

    At most MAX_TABLE_CELLS positions: a 138 KB table of rowspan=colspan=64 cells expanded to 14 million
    (80 s, 1.5 GB); past the budget, cells keep one position each and NOTES says so.
    """
    pending: dict[int, tuple[_Cell, int]] = {}  # column -> (cell, rows still covered)
    out: list[list[_Cell]] = []
    budget = MAX_TABLE_CELLS
    for row in rows:
        if budget <= 0:
            break
        line: list[_Cell] = []
        cells = iter(row)
        col = 0
        nxt = next(cells, None)
        while nxt is not None or col in pending:
            if col in pending:
                cell, left = pending[col]
                line.append(cell)
                if left > 1:
                    pending[col] = (cell, left - 1)
                else:
                    del pending[col]
                col += 1
                continue
            assert nxt is not None
            span = nxt.colspan if budget - len(line) > nxt.colspan else 1
            for _ in range(span):
                line.append(nxt)
                if nxt.rowspan > 1 and budget - len(line) > 0:
                    pending[col] = (nxt, nxt.rowspan - 1)
                col += 1
            nxt = next(cells, None)
        out.append(line)
        budget -= len(line)
    if len(out) < len(rows) or budget <= 0:
        out += [list(r) for r in rows[len(out) :]]
        if notes is not None:
            notes.append(
                f"a table has more than {MAX_TABLE_CELLS} cells once merged cells are expanded; "
                "the spans of the rest were ignored (budget)"
            )
    return out


def _links(markup_links: Iterable[str], text: str) -> tuple[str, ...]:
    """The block's links: those of its markup, then URLs written out in its text, each once."""
    written = _URL.findall(text) if "://" in text else ()  # (a case-insensitive scan of every block otherwise)
    return tuple(dict.fromkeys((*markup_links, *written)))


class _Builder:
    """Accumulates blocks and tables while a parser walks a document; tracks headings and numbering."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.section_tables: dict[tuple[str, ...], int] = {}  # heading path -> tables with rows under it so far
        self.headings: list[tuple[float, str]] = []
        self.para = 0
        self.last_paragraph = ""
        self.notes: list[str] = []
        self.chars = 0  # text kept so far, against MAX_POLICY_CHARS
        self.nblocks = 0  # blocks kept so far, against MAX_POLICY_BLOCKS
        self.source = ""  # the decoded file, as written (text formats): where rows are found by line

    def _charge(self, chars: int, blocks: int = 1) -> None:
        # Every later step (sentences, vocabularies, SDK tables) is linear but slow per character and per
        # block: budgets on both keep a hostile file from taking minutes (real policies: < 100 KB, < 2,000
        # blocks). 100k nested <li> in 900 KB made 100,000 list items.
        self.chars += chars
        self.nblocks += blocks
        if self.chars > MAX_POLICY_CHARS:
            raise BudgetError(
                f"{self.file}: more than {MAX_POLICY_CHARS:,} characters of text (real policies have under "
                "100,000); not analysed, pass the policy page only"
            )
        if self.nblocks > MAX_POLICY_BLOCKS:
            raise BudgetError(
                f"{self.file}: more than {MAX_POLICY_BLOCKS:,} paragraphs, list items and table rows (real "
                "policies have under 2,000); not analysed, pass the policy page only"
            )

    def heading(self, level: float, text: str) -> None:
        text = _flat(text)
        if not text:
            return
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text[:200]))
        self.para = 0
        self.last_paragraph = ""  # a caption belongs to its own section

    def path(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)

    def add(self, kind: BlockKind, text: str, links: tuple[str, ...] = ()) -> None:
        text = _flat(_without_notices(text))
        if not text:
            return
        self._charge(len(text))
        self.para += 1
        self.blocks.append(Block(self.file, kind, text, self.path(), self.para, links=_links(links, text)))
        self.last_paragraph = text

    def table(self, rows: list[list[_Cell]]) -> None:
        """The first row is the header when it has only <th> cells or when the table has more than one
        row; merged cells are repeated, short rows padded, long rows kept."""
        self._charge(sum(len(c.text) for r in rows for c in r), len(rows))
        grid = [[_Cell(_flat(c.text), c.th, c.links) for c in r] for r in _grid(rows, self.notes)]
        clean = [[(c.text, c.th, c.links) for c in r] for r in grid if any(c.text for c in r)]
        if not clean:
            return
        has_th = all(th for _, th, _ in clean[0])
        if len(clean) > 1 or has_th:
            header = tuple(t for t, _, _ in clean[0])
            body = clean[1:]
        else:
            header = ()
            body = clean
        index = len(self.tables)
        width = len(header)
        if sum(max(width, len(r)) for r in body) > MAX_TABLE_CELLS:
            # Padding short rows to a header widened by spans would multiply rows by columns (budget).
            width = 0
        row_blocks: list[Block] = []
        path = self.path()
        nth = self.section_tables.get(path, 0) + 1
        for n, r in enumerate(body, start=1):
            cells = [t for t, _, _ in r]
            if width and len(cells) < width:
                cells += [""] * (width - len(cells))
            text = " | ".join(c for c in cells if c)
            found = _links((link for _, _, ln in r for link in ln), text)
            row_blocks.append(
                Block(self.file, BlockKind.TABLE_ROW, text, path, n, tuple(cells), index, found, nth)
            )
        if any(b.text for b in row_blocks):
            self.section_tables[path] = nth  # the rows of a second table of one section are "table 2 row n"
        self.blocks.extend(b for b in row_blocks if b.text)
        self.tables.append(Table(index, path, header, tuple(row_blocks), self.last_paragraph))


# ---------------------------------------------------------------- HTML

# Elements whose content is never policy text (and never run): scripts, styles, embedded objects, forms.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "head",
        "select",
        "textarea",
        "button",
        "video",
        "audio",
        "frame",
        "frameset",
        "applet",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "hr",
        "center",
        "body",
        "html",
        "caption",
    }
)
_HEADING = {f"h{i}": i for i in range(1, 7)}
# Elements whose line breaks show (<pre>, and any element styled white-space: pre, pre-wrap, pre-line or
# break-spaces): consent pages of HarmonyOS and WebView apps put the whole policy in one such element, one
# heading or paragraph a line. Their text is read line by line, as plain text is.
_PRE = frozenset({"pre", "listing", "xmp", "plaintext"})
_PRE_STYLE = re.compile(r"white-space\s*:\s*(?:pre|break-spaces)", re.I)
# A style sheet rule that sets such white-space, and the simple selectors (tag, .class, #id) it names.
_PRE_RULE = re.compile(r"([^{}]{1,500})\{[^{}]{0,2000}?white-space\s*:\s*(?:pre|break-spaces)[^{}]{0,2000}\}", re.I)
_SIMPLE_SELECTOR = re.compile(r"^(?:[a-z][a-z0-9]*)?(?:[.#][\w-]+)?$", re.I)


def _pre_selectors(tree: Any) -> frozenset[str]:
    """Tags, ".class" and "#id" selectors of the page's <style> rules that keep line breaks (compound and
    descendant selectors are read by their last simple part)."""
    found: set[str] = set()
    for style in tree.css("style"):
        css = style.text() or ""
        if "white-space" not in css:
            continue
        for m in _PRE_RULE.finditer(css[:200_000]):
            for selector in m.group(1).split(","):
                last = selector.strip().split()[-1:] or [""]
                part = last[0].lower()
                if part and _SIMPLE_SELECTOR.match(part):
                    found.add(part)
    return frozenset(found)


def _keeps_lines(node: Any, tag: str, sheet: frozenset[str]) -> bool:
    """Whether the element shows its source's line breaks: <pre>, an inline white-space style, or a rule of
    the page's style sheet for its tag, class or id."""
    if tag in _PRE:
        return True
    attrs = node.attributes
    if not attrs:
        return tag in sheet
    if _PRE_STYLE.search(attrs.get("style") or ""):
        return True
    if not sheet:
        return False
    names = {tag, *(f".{c}" for c in (attrs.get("class") or "").lower().split())}
    if attrs.get("id"):
        names.add(f"#{attrs['id'].lower()}")
    names |= {f"{tag}{n}" for n in list(names) if n[:1] in ".#"}
    return not names.isdisjoint(sheet)


# A blank line between two lines of text inside one text node: text laid out by lines, not by markup
# (source indentation and the newlines around tags never put text on both sides of a blank line).
_INNER_BLANK_LINE = re.compile(r"\S[^\S\n]*\n[^\S\n]*\n\s*\S")


def _laid_out_by_lines(text: str, least: int = 8) -> bool:
    """LEAST (eight) or more lines in one text node, most of them ending a sentence, numbered or bare-line
    headings: one paragraph or heading a line, without blank lines. A paragraph hard-wrapped in the source
    ends few of its lines."""
    if text.count("\n") < least - 1:
        return False
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < least:
        return False
    ended = sum(
        1
        for i, ln in enumerate(lines)
        if _ENDS_PARAGRAPH.search(ln)
        or _NUM_HEADING.match(ln)
        or _LIST_ITEM.match(ln)
        or (i + 1 < len(lines) and _bare_heading(ln, lines[i + 1]))
    )
    return ended * 10 >= len(lines) * 7


def _holds_numbered_heading(text: str) -> bool:
    """A line of the text is a numbered heading ("一、适用范围", "（二）存储期限"): Markdown does not know
    Chinese numbering and joins such a heading to the paragraph above or below it."""
    return any(_text_heading_level(ln.strip()) for ln in text.splitlines())


def _key_lines(text: str) -> bool:
    """Two or more lines of the text, and at least a third of them, are "key: value" fields: a record
    written one field a line, which Markdown joins into one paragraph at its soft line breaks ("SDK名称：
    友盟SDK 提供方：… 收集信息：…", where a field's value runs into the next key). In HTML the source's
    line breaks are the page author's tool's, not the reader's, and stay spaces."""
    lines = [ln for ln in (raw.strip() for raw in text.splitlines()) if ln]
    keys = sum(1 for ln in lines if _KEY_LINE.match(ln))
    return keys >= 2 and keys * 3 >= len(lines)


# A record's number at the start of a line, with or without a space after it ("1.云雀推送", "2、蜂鸟地图",
# "（3）FooSDK", "4)BarSDK"); not a decimal ("2.0 updates").
_RECORD_MARK = re.compile(r"^(?:\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[)）])")


def _record_lines(text: str) -> bool:
    """Two or more lines of the text, and at least half of them, start with a record's number: records
    written one a line, which Markdown joins into one paragraph at its soft line breaks ("1、云雀推送
    2、蜂鸟地图") when they are not list items to it (no space after "1.", "1、", "（1）")."""
    lines = [ln for ln in (raw.strip() for raw in text.splitlines()) if ln]
    marks = sum(1 for ln in lines if _RECORD_MARK.match(ln))
    return marks >= 2 and marks * 2 >= len(lines)


def _sentence_heading(text: str) -> bool:
    """A heading element holding a sentence or more ("<h3>（六）…我们将对个人信息进行去标识化处理。</h3>"): pages
    that use heading tags for emphasis. Its text is a paragraph; as a heading it would name a section
    and be read by nothing. Question headings ("What do we collect?") and lead-ins ending with ":" stay."""
    t = _WS.sub(" ", text).strip()
    return len(t) > 120 or (len(t) > 15 and t.endswith(("。", "；", ";", "！", "!"))) or (len(t) > 60 and t[-1] == ".")


class _HtmlWalker:
    """Walks a selectolax tree iteratively (hostile nesting depth cannot overflow the stack)."""

    def __init__(self, builder: _Builder, markdown: bool = False) -> None:
        self.b = builder
        self.markdown = markdown  # rendered from Markdown: a newline in text is a line the author wrote
        self.buf: list[str] = []
        self.links: list[str] = []
        self.heading_level = 0
        self.raw_lines = False  # the buffered text has a blank line between two lines of text
        self.ranks: dict[int, list[int]] = {}  # heading tag level -> numbering ranks of its open headings
        self.list_depth = 0
        self.in_li = 0
        # table state: stack of tables; each is a list of rows; a row is a list of cells
        self.tables: list[list[list[_Cell]]] = []
        self.cell_span = (1, 1)
        self.cell: list[str] | None = None
        self.cell_links: list[str] = []
        self.cell_th = False
        # Links of the buffered text as (href, start, end) offsets into it, for text read line by line.
        self.buf_len = 0
        self.anchors: list[tuple[str, int, int]] = []
        self.open_anchors: list[tuple[str | None, int]] = []
        self.numbered: set[tuple[float, str]] = set()  # headings made of numbered paragraphs
        self.line_headings: set[tuple[float, str]] = set()  # headings made by text read line by line
        self.pre_depth = 0  # open elements that keep their source's line breaks (<pre>, white-space: pre*)

    def flush(self) -> None:
        if self.heading_level:
            return  # a <br>, <p> or <div> inside a heading: its text goes on (the heading ends at its end tag)
        text = "".join(self.buf)
        self.buf.clear()
        anchors, self.anchors = self.anchors, []
        self.buf_len = 0
        self.open_anchors = [(href, 0) for href, _ in self.open_anchors]
        raw_lines, self.raw_lines = self.raw_lines, False
        kind = BlockKind.LIST_ITEM if self.in_li else BlockKind.PARAGRAPH
        if self.markdown and not raw_lines and not self.in_li and "\n" in text:
            # Lines the author wrote, which Markdown joins at its soft breaks: one field a line ("SDK名称：…
            # \n提供方：…"), or one heading or paragraph a line (plain text saved as .md), however few.
            raw_lines = (
                _key_lines(text)
                or _record_lines(text)
                or _laid_out_by_lines(text, least=3)
                or _holds_numbered_heading(text)
            )
        if raw_lines and not self.in_li:
            # Plain text pasted into one element, laid out by lines and blank lines (a page whose whole
            # policy is one <div> of text): a browser shows one run, the author wrote paragraphs and
            # numbered headings, so it is read as plain text is, below the element's HTML headings.
            first = len(self.b.blocks)
            # Below the element's HTML heading, not below a heading an earlier run of lines made: paragraphs
            # of one numbered line each ("<p>第一章 定义<br></p><p>第二章 …<br></p>") are siblings, not nested.
            heads = self.b.headings
            opening = text.lstrip().split("\n", 1)[0].strip()
            level = _text_heading_level(opening) if opening else 0
            sibling = self._open_sibling(level) if level else None
            if sibling is not None:
                del heads[sibling:]  # "<p>二、…</p>" then "三、…\n我们将…": the run's first heading closes its sibling
            i = len(heads)
            while i and heads[i - 1] in self.line_headings:
                i -= 1
            _parse_text(text, self.b, base_level=heads[i - 1][0] if i else 0)
            self.line_headings.update(heads[i:])
            self._link_lines(first, text, anchors)
        elif kind is BlockKind.LIST_ITEM or not self._numbered_heading(text):
            self.b.add(kind, _join_wide(text), tuple(self.links))
        self.links.clear()

    def _numbered_heading(self, text: str) -> bool:
        """A paragraph that is a Chinese-numbered heading as plain text writes one ("<p>一、我们如何收集信息
        </p>", "<p><b>（二）存储期限</b></p>", "第三条 …" in Markdown): a short numbered line without closing
        punctuation or a link, as pages that set headings in paragraph tags do. It nests below the page's
        own heading by its numbering, as in text; False for any other paragraph. Without it such a page
        has no sections, and an SDK list loses the section that says what its records are."""
        if self.links or "\n" in text.strip():
            return False
        line = _flat(_join_wide(text))
        level = _text_heading_level(line)
        m = _NUM_HEADING.match(line) if level else None
        if m is None or not (m.group("zh") or m.group("zhl") or m.group("zhn")):
            return False  # "1." and "(a)" number list items as often as headings
        heads = self.b.headings
        sibling = self._open_sibling(level)
        if sibling is not None:
            # "### 一、…" then "<p>二、…</p>": numbered alike, the paragraph takes the heading's place.
            self.b.heading(heads[sibling][0], line)
        else:
            i = len(heads)
            while i and heads[i - 1] in self.numbered:
                i -= 1
            self.b.heading((heads[i - 1][0] if i else 0.0) + level / 10, line)
        self.numbered.add(self.b.headings[-1])
        return True

    def _open_sibling(self, level: int) -> int | None:
        """The index of the open heading numbered at outline LEVEL ("一、" for "二、"), searched from the innermost
        heading out and stopping at one numbered a level up (its parent): None when there is none."""
        heads = self.b.headings
        for k in range(len(heads) - 1, -1, -1):
            own = _text_heading_level(heads[k][1])
            if own == level:
                return k
            if 0 < own < level:
                return None
        return None

    def _close_text_siblings(self, text: str) -> None:
        """Close the open headings that numbered text made at this HTML heading's outline level ("第十章 …", the
        last line of a table of contents written as paragraphs, before "<h4>第一章 定义</h4>"), and those below
        them: numbered alike, they are its siblings, not its parents."""
        level = _text_heading_level(_flat(text))
        sibling = self._open_sibling(level) if level else None
        heads = self.b.headings
        if sibling is not None and all(h in self.line_headings or h in self.numbered for h in heads[sibling:]):
            del heads[sibling:]

    def _link_lines(self, first: int, text: str, anchors: list[tuple[str, int, int]]) -> None:
        """Each link of text read line by line goes to the first new block that holds its anchor text (a
        link whose anchor is not found is dropped: a wrong block would claim a link it does not have)."""
        blocks = self.b.blocks
        for href, start, end in anchors:
            anchor = _flat(_join_wide(text[start:end]))
            if not anchor:
                continue
            for i in range(first, len(blocks)):
                b = blocks[i]
                if anchor in b.text:
                    blocks[i] = replace(b, links=_links((*b.links, href), b.text))
                    break

    def text(self, s: str) -> None:
        s = _unescaped(s)
        if self.cell is not None:
            # Newlines of the source inside a cell are spaces ("Android\n   ID" is "Android ID"); a line
            # break there is a <br> or an escaped "\n" left by a template (_CELL_BREAK).
            self.cell.append(_LITERAL_NEWLINE.sub(_CELL_BREAK, s) if "\\" in s else s)
        else:
            if "\\" in s:
                s = _LITERAL_NEWLINE.sub("\n", s)
            if not self.raw_lines and (
                (self.pre_depth and "\n" in s.strip())
                or (s.count("\n") > 1 and (_INNER_BLANK_LINE.search(s) or _laid_out_by_lines(s)))
            ):
                self.raw_lines = True
            self.buf.append(s)
            self.buf_len += len(s)

    def enter(self, tag: str, href: str | None, spans: tuple[int, int] = (1, 1)) -> None:
        if href and href.lower().startswith(("javascript:", "data:", "vbscript:")):
            href = None
        if href:
            (self.cell_links if self.cell is not None else self.links).append(href)
        if tag == "a" and self.cell is None:
            self.open_anchors.append((href, self.buf_len))
        if self.tables and tag in ("table",):
            # A table nested in a cell is flattened into that cell's text.
            self.text(" ")
            return
        if tag == "table":
            self.flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.cell = []
            self.cell_links = []
            self.cell_th = tag == "th"
            self.cell_span = spans
        elif tag in _HEADING and self.cell is None:
            self.flush()
            self.heading_level = _HEADING[tag]
        elif tag == "li" and self.cell is None:
            self.flush()
            self.in_li += 1
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(_CELL_BREAK)
            elif self.heading_level:
                self.buf.append("\n")
            else:
                self.flush()
        elif tag in _BLOCK and self.cell is None:
            self.flush()
        elif self.cell is not None and tag in ("p", "div", "li"):
            self.cell.append(" ")

    def exit(self, tag: str, nested_table: bool) -> None:
        if nested_table:
            self.text(" ")
            return
        if tag == "a" and self.open_anchors:
            href, start = self.open_anchors.pop()
            if href:
                self.anchors.append((href, start, self.buf_len))
        if tag == "table" and self.tables:
            rows = self.tables.pop()
            if self.cell is not None:  # unclosed cell in broken markup
                self._end_cell()
            self.b.table(rows)
        elif tag in ("td", "th") and self.cell is not None:
            self._end_cell()
        elif tag in _HEADING and self.heading_level and self.cell is None:
            text = "".join(self.buf)
            if _sentence_heading(text):
                self.heading_level = 0  # a sentence set in a heading's type: a paragraph
                self.flush()
                return
            self.buf.clear()
            self.raw_lines = False
            text = _join_wide(text)
            level, rank = self.heading_level, _numbering_rank(text)
            # Below an open heading of the same tag only when that one is numbered a rank up: an unnumbered
            # heading followed by "（七）…" in the same tag is its sibling, not its parent.
            for deeper in [t for t in self.ranks if t > level]:
                del self.ranks[deeper]
            open_ranks = self.ranks.setdefault(level, [])
            while open_ranks and (rank < 0 or open_ranks[-1] >= rank):
                open_ranks.pop()
            nested = bool(open_ranks)
            if rank >= 0:
                open_ranks.append(rank)
            self._close_text_siblings(text)
            self.b.heading(level + rank / 10 if nested else level, text)
            self.heading_level = 0
        elif tag == "li" and self.in_li and self.cell is None:
            self.flush()
            self.in_li -= 1
        elif tag in _BLOCK and self.cell is None:
            self.flush()

    def _end_cell(self) -> None:
        assert self.cell is not None
        text = _join_wide("".join(self.cell))
        if _CELL_BREAK in text:
            text = _cell_lines(text)
        if self.tables and self.tables[-1]:
            rowspan, colspan = self.cell_span
            self.tables[-1][-1].append(_Cell(text, self.cell_th, tuple(self.cell_links), rowspan, colspan))
        self.cell = None
        self.cell_links = []


# A line break inside a table cell (<br>), apart from the source's newlines, which are spaces there.
_CELL_BREAK = "\u2028"
# "\n" written out (two characters) in page text: a string escaped twice by the template that made the page.
_LITERAL_NEWLINE = re.compile(r"(?<!\\)(?:\\r)?\\n")
_OPENS_ALIAS = ("(", "（", "[", "【")


def _cell_lines(text: str) -> str:
    """A cell's lines: line breaks separate items ("登录：…<br>支付：…" -> "登录：…；支付：…"), except
    before a bracket, where the break only wraps a long name ("优量汇SDK<br>（腾讯广点通）" is one name)."""
    out = ""
    for part in (_WS.sub(" ", p).strip() for p in text.split(_CELL_BREAK)):
        if not part:
            continue
        if out and not part.startswith(_OPENS_ALIAS) and not out.endswith(_OPENS_ALIAS):
            out += "；"
        out += part
    return out


# Raw-text elements whose content is not markup (a "<div>" inside a script string is not an element).
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Start tags that close an open element of the same name (<p>a<p>b is two siblings, not nesting).
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,63})")


def _bound_html(html: str, notes: list[str], name: str = "policy") -> str:
    """HTML with nesting cut at MAX_HTML_DEPTH and tags of more than MAX_HTML_ATTRS attributes stripped of them.

    The HTML parser's tree building is quadratic in nesting depth (100k nested <li>, or 40k <div>: minutes)
    and in attributes per element (100k attributes), so both are bounded before parsing, in one linear
    pass: elements deeper than the limit lose their tags (their text stays, in the ancestor at the limit).
    Pages within the limits are returned unchanged. More than MAX_HTML_ELEMENTS start tags (a 15 MB page of
    3 million `<td>` would take a gigabyte once parsed) is a `BudgetError`.
    """
    low = html.lower()
    out: list[str] = []
    stack: list[str] = []
    open_count: dict[str, int] = {}
    dropped: dict[str, int] = {}
    cut_depth = cut_attrs = elements = 0
    file = name
    last = pos = 0
    gt = -1
    n = len(html)
    while True:
        pos = html.find("<", pos)
        if pos < 0:
            break
        if low.startswith("<!--", pos):
            end = html.find("-->", pos + 4)
            pos = n if end < 0 else end + 3
            continue
        m = _TAG.match(html, pos)
        if m is None:
            pos += 1
            continue
        if gt < pos:  # one search per '>' however many '<' come before it (stays linear)
            gt = html.find(">", pos)
            if gt < 0:
                break
        closing, name = m.group(1) == "/", m.group(2).lower()
        end = gt + 1
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                out.append(html[last:pos])
                last = end
            elif open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            pos = end
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise BudgetError(
                f"{file}: more than {MAX_HTML_ELEMENTS:,} HTML elements (real policy pages have under 20,000); "
                "not analysed, pass the policy page only"
            )
        if name in _RAW_TEXT:
            close = low.find("</" + name, end)
            pos = n if close < 0 else close
            continue
        if name not in _VOID:
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
                open_count[stack.pop()] -= 1
            if len(stack) >= MAX_HTML_DEPTH:
                dropped[name] = dropped.get(name, 0) + 1
                cut_depth += 1
                out.append(html[last:pos])
                last = pos = end
                continue
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
        if html.count("=", pos, end) > MAX_HTML_ATTRS:
            cut_attrs += 1
            out.append(html[last:pos])
            out.append(f"<{name}>")
            last = end
        pos = end
    if not cut_depth and not cut_attrs:
        return html
    out.append(html[last:])
    if cut_depth:
        notes.append(f"{cut_depth} elements nested deeper than {MAX_HTML_DEPTH} levels were flattened (budget)")
    if cut_attrs:
        notes.append(f"{cut_attrs} elements with more than {MAX_HTML_ATTRS} attributes lost them (budget)")
    return "".join(out)


def _parse_html(html: str, builder: _Builder, markdown: bool = False) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_bound_html(html, builder.notes, builder.file))
    root = tree.root
    if root is None:
        return
    w = _HtmlWalker(builder, markdown)
    sheet = _pre_selectors(tree)
    # (node, entering, nested_table_marker, keeps line breaks, tag as walked)
    stack: list[tuple[object, bool, bool, bool, str]] = [(root, True, False, False, "")]
    layout: list[bool] = []  # for each open <table>: whether it lays out the page rather than holds data
    while stack:
        node, entering, nested, pre, walked = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if not entering:
            w.exit(walked, nested)
            w.pre_depth -= pre
            if tag == "table" and layout:
                layout.pop()
            continue
        if tag == "-text":
            w.text(node.text_content or "")  # type: ignore[attr-defined]
            continue
        if tag is None or tag.startswith("-") or tag in _SKIP or _is_boilerplate(node, tag):
            continue  # comments, doctype, active or non-text content, page navigation and banners
        walked = tag
        if tag == "table":
            layout.append(not w.tables and _layout_table(node, sum(layout)))
            walked = "div" if layout[-1] else tag
        elif tag in _TABLE_PARTS and layout and layout[-1]:
            walked = "div"  # a row or cell of a layout table: a block of the page
        is_nested = walked == "table" and bool(w.tables)
        href = node.attributes.get("href") if tag == "a" else None  # type: ignore[attr-defined]
        spans = (1, 1)
        if walked in ("td", "th"):
            attrs = node.attributes  # type: ignore[attr-defined]
            spans = (_span(attrs.get("rowspan")), _span(attrs.get("colspan")))
        w.enter(walked, href, spans)
        pre = _keeps_lines(node, tag, sheet)
        w.pre_depth += pre
        stack.append((node, False, is_nested, pre, walked))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, True, False, False, "") for c in reversed(children))
    # Unclosed tables or paragraphs at the end of broken markup.
    while w.tables:
        w.exit("table", False)
    w.heading_level = 0
    w.flush()


_TABLE_PARTS = frozenset({"tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "col"})


def _layout_table(table: Any, depth: int) -> bool:
    """A table that lays out the page (old pages and exports put the whole policy in one cell): it holds
    headings, or it is at most two columns around another table, or one column of long text, or at most
    three rows of at most two cells holding over 2,000 characters. Read as a table, the policy would be
    one table row; its rows and cells are blocks of the page instead. Data tables (SDK lists, permission
    tables) are none of these. DEPTH: layout tables around this one (past a few, it is one too, unread:
    reading every level's text would be quadratic in the nesting)."""
    if depth >= 4:
        return True
    if table.css_first("h1, h2, h3, h4, h5, h6") is not None:
        return True
    widths = [sum(1 for c in tr.iter() if c.tag in ("td", "th")) for tr in table.css("tr")[:50]]
    if not widths:
        return False
    if max(widths) <= 2 and len(table.css("table")) > 1:  # (the table itself is the first)
        return True
    text = len(table.text() or "")
    return (max(widths) <= 1 and text > 200) or (len(widths) <= 3 and max(widths) <= 2 and text > 2000)


@functools.cache
def _boilerplate() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(tags, roles, class words, language names) of data/policy_boilerplate.toml."""
    from appaudit import data as bundled

    doc = bundled.load("policy_boilerplate.toml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in doc.get(key, []))

    return words("tags"), words("roles"), words("class_words"), words("language_names")


@functools.cache
def _converter_notices() -> re.Pattern[str] | None:
    """One pattern of the converter notices of data/policy_boilerplate.toml (None when there are none)."""
    from appaudit import data as bundled

    notices = [str(n) for n in bundled.load("policy_boilerplate.toml").get("converter_notices", [])]
    return re.compile("|".join(f"(?:{n})" for n in notices), re.I) if notices else None


@functools.cache
def _notice_heads() -> tuple[str, ...]:
    """The lower-case words each converter notice opens with ("evaluation only", "created with an evaluation copy
    of aspose"), when every notice has them: a block without one of them is not searched (the case-insensitive
    pattern tried every position of every block). Empty when a notice's opening is not sure."""
    from appaudit import data as bundled

    heads = [_literal_head(str(n)) for n in bundled.load("policy_boilerplate.toml").get("converter_notices", [])]
    return tuple(h.lower() for h in heads) if heads and all(heads) else ()


def _literal_head(pattern: str) -> str:
    """The letters and spaces every match of `pattern` opens with, at least four; "" when that is not sure: an
    alternative at its top level, a quantifier on the last of them, no such opening."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":  # a class to its closing bracket (one right after "[" or "[^" is a member)
            i += 2 if pattern[i + 1 : i + 2] == "^" else 1
            i += 1 if pattern[i : i + 1] == "]" else 0
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""
        i += 1
    head = re.sub(r"[^A-Za-z ].*", "", pattern, flags=re.S)  # up to the first other character
    if pattern[len(head) : len(head) + 1] in ("*", "+", "?", "{"):
        head = head[:-1]
    return head if len(head) >= 4 else ""


# The non-ASCII letters re.I matches to ASCII ones, as those: the lower-cased text then holds a notice's opening
# wherever the case-insensitive pattern could match it.
_RE_I_LETTERS = str.maketrans("\u0130\u0131\u017f\u212a", "iisk")


def _without_notices(text: str) -> str:
    notices = _converter_notices()
    if notices is None:
        return text
    heads = _notice_heads()
    if heads:
        folded = text.lower() if text.isascii() else text.translate(_RE_I_LETTERS).lower()
        if not any(h in folded for h in heads):
            return text
    return notices.sub(" ", text) if notices.search(text) else text


_CLASS_SPLIT = re.compile(r"[\s_]+")


_CODE_LANGUAGE = re.compile(r"\blanguage-([\w+#.-]+)")
# Info strings of fenced blocks that hold prose (a policy pasted into a fence stays the policy).
_PROSE_LANGUAGES = frozenset({"text", "txt", "plain", "plaintext", "markdown", "md", "none", "nohighlight", "html"})


def _is_boilerplate(node: object, tag: str) -> bool:
    """Navigation, footers, cookie banners and language switchers of a saved page: never policy text.

    Decided on the element itself (tag, role, id/class words) and, for a short list, on its items: a list
    of language names is a language switcher."""
    tags, roles, class_words, languages = _boilerplate()
    if tag in tags:
        return True
    attrs = node.attributes  # type: ignore[attr-defined]
    if not attrs:
        return tag in ("ul", "ol") and _language_list(node, languages)
    if tag == "code":
        # A fenced block marked with a programming or config language ("```properties", "```json"): an example of
        # code or settings ("OPERATOR_NAME=Legal name of the operator"), not a sentence of the policy.
        lang = _CODE_LANGUAGE.search(attrs.get("class") or "")
        return lang is not None and lang.group(1).lower() not in _PROSE_LANGUAGES
    role = (attrs.get("role") or "").lower()
    if role in roles:
        return True
    words = set(_CLASS_SPLIT.split(f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()))
    if words & class_words or {p for w in words for p in w.split("-")} & {"cookie", "consent", "navbar", "breadcrumb"}:
        return True
    return tag in ("ul", "ol") and _language_list(node, languages)


def _language_list(node: object, languages: frozenset[str]) -> bool:
    """A list of 2-40 items, two thirds of them a language name. Only each item's own text and that of its
    direct children (a link, a span) is read: a list that nests anything deeper is no language switcher,
    and no subtree is read twice (nested lists stay linear)."""
    items: list[str] = []
    child = node.child  # type: ignore[attr-defined]
    while child is not None:
        if child.tag == "li":
            if len(items) == 40:
                return False
            text = _shallow_text(child)
            if text is None:
                return False
            items.append(text)
        child = child.next
    if len(items) < 2:
        return False
    return sum(1 for t in items if t in languages) * 3 >= len(items) * 2


def _shallow_text(li: object) -> str | None:
    """The text of a list item two levels deep, lower-cased; None when it holds more than inline children."""
    parts: list[str] = []
    node = li.child  # type: ignore[attr-defined]
    while node is not None:
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in ("a", "span", "b", "strong", "em", "i"):
            inner = node.child
            while inner is not None:
                if inner.tag != "-text":
                    return None
                parts.append(inner.text_content or "")
                inner = inner.next
        elif not node.tag.startswith("-"):
            return None
        node = node.next
        if len(parts) > 8:
            return None
    return " ".join(" ".join(parts).split()).lower()


# ---------------------------------------------------------------- plain text

# "decz": a decimal number run into its Chinese title ("3.1共享"), which "dec" would read as "3." and "1共享".
_NUM_HEADING = re.compile(
    r"^(?:(?P<decz>\d{1,2}(?:\.\d{1,2}){1,3})(?=[\u4e00-\u9fff])|(?P<dec>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\s)"
    r"|(?P<roman>[IVX]{1,5})\.|第[一二三四五六七八九十百\d]+(?P<zh>[章节部分条])"
    r"|(?:part|chapter|section|article)\s+(?:[IVX]+|\d+)\b|[（(](?P<zhn>[一二三四五六七八九十]+)[)）]"
    r"|(?P<zhl>[一二三四五六七八九十]+)[、.])\s*\S",
    re.I,
)
# Text bullets include "o " and "+ " (PDF and Word exports) before a capital or a Chinese character.
_LIST_ITEM = re.compile(
    r"^(?:[-*]\s+|[•·●▪◦]\s*|(?-i:[o+])\s+(?=(?-i:[A-Z0-9\u4e00-\u9fff]))|[（(]\d{1,2}[)）]|\d{1,2}[)）]|[a-z][.)]\s|[①-⑳])",
    re.I,
)
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_ENDS_SENTENCE = re.compile(r"[.。;；,，:：!！?？]$")
# "收集信息：设备信息" / "Purpose: analytics": one line per field in SDK lists, never joined with its neighbours.
_KEY_LINE = re.compile(r"^[^\s:：，。,.;；]{1,16}(?: [^\s:：，。,.;；]{1,16}){0,2}\s*[:：]\s*\S")
_ENDS_PARAGRAPH = re.compile(r"[.。;；:：!！?？]$")  # a hard-wrapped line may end with a comma


def _numbering_rank(heading: str) -> int:
    """How deep a heading's numbering nests, 0-3: "三、" 0, "（一）" 1, "1.2" 1, "1.2.3" 2, "第二节" 1; -1 when
    unnumbered. Pages that set every heading in one tag (<h3>三、…</h3><h3>（一）…</h3>) nest by it."""
    m = _NUM_HEADING.match(_WS.sub(" ", heading).strip())
    if not m:
        return -1
    dec = m.group("dec") or m.group("decz")
    if dec:
        return min(dec.count("."), 3)
    if m.group("zh"):
        return {"节": 1, "条": 2}.get(m.group("zh"), 0)
    return 1 if m.group("zhn") else 0


def _text_heading_level(line: str) -> int:
    """A numbered short line without closing punctuation is a heading; 0 when not. Its level follows the
    outline conventions of both languages: "第一章" / "Part I" 1 > "第一节", "一、", "I." 2 > "（一）",
    "第一条" 3 > "1." 4 > "1.2" 5 > "1.2.3" 6. Chinese policies number "一、" > "（一）" > "1.", and "1."
    ranked with "一、" closed the sections it sits in."""
    if len(line) > 80 or _ENDS_SENTENCE.search(line):
        return 0
    m = _NUM_HEADING.match(line)
    if not m:
        return 0
    dec = m.group("dec") or m.group("decz")
    if dec:
        return dec.count(".") + 4
    if m.group("zh"):
        return {"章": 1, "部": 1, "分": 1, "节": 2, "条": 3}.get(m.group("zh"), 1)
    if m.group("zhl") or m.group("roman"):
        return 2
    if m.group("zhn"):
        return 3
    return 1


_HAS_WIDE = re.compile(f"[{_WIDE}]")


def _bare_heading(line: str, following: str) -> bool:
    """A heading written as a bare line in text laid out by lines ("账号注册与登录", "1、实现身份认证",
    "Information We Collect"): a short line without closing punctuation that starts a block (the line
    before ended a paragraph) and right above a line of prose (it ends a sentence or is long), so that
    it is not the first line of a hard-wrapped paragraph or an item of an unpunctuated list.

    Without this, the line is joined to the paragraph below it ("账号注册与登录当您注册…")."""
    if len(line) > (30 if _HAS_WIDE.search(line) else 50) or _ENDS_SENTENCE.search(line):
        return False
    if _LIST_ITEM.match(line) or _KEY_LINE.match(line) or _BARE_URL.search(line):
        return False
    if not following or _text_heading_level(following) or _LIST_ITEM.match(following):
        return False
    return _ENDS_PARAGRAPH.search(following) is not None or len(following) > 60


_TOP_NUMBER = re.compile(r"^(\d{1,2})[.、]\s*(?!\d)")
_TOC_TITLE = re.compile(r"^(?:目\s*录|contents|table of contents)\s*[:：]?$", re.I)


def _toc_lines(lines: list[str]) -> set[int]:
    """The lines of a table of contents: numbered heading lines one after the other with no text between them
    (blank lines allowed), two or more under a "目录" / "Contents" title (dropped with it), or six or more whose
    entries come again later as headings.
    Read as headings, the last entry ("8. 名词解释") would head the whole policy after it."""
    out: set[int] = set()
    last_at: dict[str, int] = {}  # each line (without spaces) -> where it is written last
    for k, ln in enumerate(lines):
        if ln.strip():
            last_at["".join(ln.split())] = k  # without whitespace (str.split's is re's \s), no regex pass
            last_at[""] = k  # the last line with text
    title = -1  # the index of the last "目录" line
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if _TOC_TITLE.match(line):
            title = i
            i += 1
            continue
        if not line or not _text_heading_level(line):
            if line:
                title = -1
            i += 1
            continue
        run: list[int] = []
        j = i
        top = 0  # the last top-level number of the run ("3." of "3. …"): the body's headings start again below it
        while j < len(lines):
            entry = lines[j].strip()
            if entry and not _text_heading_level(entry):
                break
            if entry:
                number = _TOP_NUMBER.match(entry)
                if number is not None:
                    if int(number.group(1)) <= top:
                        break
                    top = int(number.group(1))
                run.append(j)
            j += 1
        if (title >= 0 and len(run) >= 2) or (len(run) >= 6 and _repeated_later(lines, run, last_at)):
            out.update(run)
            if title >= 0:
                out.add(title)
        title = -1
        i = j
    return out


def _repeated_later(lines: list[str], run: list[int], last_at: dict[str, int]) -> bool:
    """Whether most entries of a run of numbered lines come again later as lines of their own, or nothing follows
    the run: a table of contents repeats the headings it lists (a list of six permissions, one a line, does not),
    or stands alone in its block."""
    end = run[-1]
    if end >= last_at[""]:
        return True  # the whole text of its element (a contents block in a <pre> or a fenced block)
    return sum(1 for k in run if last_at.get("".join(lines[k].split()), -1) > end) * 2 >= len(run)


def _numbered_items(lines: list[str], start: int, level: int) -> list[int]:
    """The numbered lines from `start` on, one after the other (blank lines between them allowed), that are
    the items of a list led in by a colon ("我们会收集：\n1. IMEI\n2. Android ID"), not headings: at least two
    lines numbered alike with nothing between them, where a heading would have its text."""
    run: list[int] = []
    for j in range(start, len(lines)):
        line = lines[j].strip()
        if not line:
            continue
        if _text_heading_level(line) != level:
            break
        run.append(j)
    return run if len(run) >= 2 else []


# Tables drawn with characters, as converters write them: Pandoc's grid tables ("+----+----+", "| a  | b  |",
# "+====+====+" under the header) for Word tables with multi-line cells, and box-drawing tables ("┌──┬──┐",
# "│ a │ b │", "├──┼──┤") of text exports. Without reading them, a table is one paragraph of pipes and
# rules: its rows, and the SDK records in them, are lost.
_GRID_BORDER = re.compile(r"^\s*(?:\+[-=:]{2,}(?:\+[-=:]{2,})*\+|[┌├└╔╠╚╞╘╒][─━═┬┼┴╦╬╩╤╪╧┯┿┷]{2,}[┐┤┘╗╣╝╡╛╕])\s*$")
_GRID_SEPARATORS = "|│║┃"
_GRID_HEADER_RULE = re.compile(r"[=═━]")


@dataclass(frozen=True, slots=True)
class _GridTable:
    start: int  # index of its first line (a border)
    end: int  # index after its last line
    rows: tuple[tuple[str, ...], ...]  # cell texts, the header row first


def _grid_tables(lines: list[str]) -> list[_GridTable]:
    """The character-drawn tables among `lines`: a border line, then rows of cells separated by "|" (or "│")
    between further border lines. A row's cell runs over several lines (Word's wrapped cells): each column's
    lines are joined. Columns are found by separators, not by character positions (CJK text is double
    width: the border's "+" marks no character index)."""
    out: list[_GridTable] = []
    i = 0
    while i < len(lines):
        if not _GRID_BORDER.match(lines[i]):
            i += 1
            continue
        start = i
        rows: list[tuple[str, ...]] = []
        header_rows = 0
        cells: list[list[str]] = []
        j = i + 1
        while j < len(lines):
            line = lines[j].strip()
            if _GRID_BORDER.match(line):
                if cells:
                    rows.append(tuple(_join_wide("\n".join(c)).strip() for c in cells))
                    cells = []
                if _GRID_HEADER_RULE.search(line) and not header_rows:
                    header_rows = len(rows)
                j += 1
                continue
            if not line or line[0] not in _GRID_SEPARATORS:
                break
            parts = re.split(r"[|│║┃]", line)[1:-1] if line[-1] in _GRID_SEPARATORS else []
            if not parts:
                break
            if not cells:
                cells = [[] for _ in parts]
            for k, part in enumerate(parts[: len(cells)]):
                if part.strip():
                    cells[k].append(part.strip())
            j += 1
        if cells:
            rows.append(tuple(_join_wide("\n".join(c)).strip() for c in cells))
        if len(rows) >= 2 or (rows and header_rows):
            out.append(_GridTable(start, j, tuple(rows)))
        # No table in lines[start:j] means none in any part of it either: one pass over the text (a page of
        # rule lines alone must not be rescanned from each of them).
        i = max(j, start + 1)
    return out


def _grid_html(table: _GridTable) -> str:
    """A grid table as an HTML table, its first row the header."""
    from html import escape

    body = []
    for n, row in enumerate(table.rows):
        tag = "th" if n == 0 else "td"
        body.append("<tr>" + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in row) + "</tr>")
    return "<table>" + "".join(body) + "</table>"


def _with_grid_tables_as_html(text: str) -> str:
    """Markdown or text with its character-drawn tables replaced by HTML tables (blank lines around them, so
    that Markdown takes each for an HTML block)."""
    if "+--" not in text and "─" not in text and "═" not in text and "+==" not in text:
        return text
    lines = text.split("\n")
    tables = _grid_tables(lines)
    if not tables:
        return text
    out: list[str] = []
    at = 0
    for t in tables:
        out.extend(lines[at : t.start])
        out.extend(["", _grid_html(t), ""])
        at = t.end
    out.extend(lines[at:])
    return "\n".join(out)


def _parse_text(text: str, builder: _Builder, base_level: float = 0) -> None:
    """Plain text into blocks: its character-drawn tables as tables (`_grid_tables`), the rest by lines."""
    if "+--" not in text and "─" not in text and "═" not in text and "+==" not in text:
        _parse_lines(text, builder, base_level)
        return
    lines = text.split("\n")
    at = 0
    for t in _grid_tables(lines):
        _parse_lines("\n".join(lines[at : t.start]), builder, base_level)
        builder.table([[_Cell(c, n == 0, ()) for c in row] for n, row in enumerate(t.rows)])
        at = t.end
    _parse_lines("\n".join(lines[at:]), builder, base_level)


def _parse_lines(text: str, builder: _Builder, base_level: float = 0) -> None:
    # Lines of one paragraph are joined until a blank line, a heading, a list item or a line that
    # closes a sentence, so that hard-wrapped text and one-paragraph-per-line text both work.
    # BASE_LEVEL: numbered headings nest below that heading level (text inside an HTML section).
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH

    def flush() -> None:
        nonlocal pending_kind
        if pending:
            builder.add(pending_kind, _join_wide("\n".join(pending)))
            pending.clear()
        pending_kind = BlockKind.PARAGRAPH

    lines = text.splitlines()
    numbered = float(base_level)  # level of the last numbered heading: bare headings go one half below it
    bare: float | None = None  # level of the open bare-line heading
    items: set[int] = set()  # numbered lines that are the items of a list led in by a colon
    toc = _toc_lines(lines)
    last = ""  # the last non-empty line
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in toc:
            flush()
            continue
        level = _text_heading_level(line)
        if level and i not in items and (
            last.endswith((":", "：")) or (i + 1 < len(lines) and _text_heading_level(lines[i + 1].strip()) == level)
        ):
            # Led in by a colon, or numbered alike on the very next line: a heading would have its text between.
            items.update(_numbered_items(lines, i, level))
        last = line
        if level and i in items:
            flush()
            builder.add(BlockKind.LIST_ITEM, line)
            continue
        if level:
            flush()
            if bare is not None and builder.headings and builder.headings[-1][0] == bare:
                builder.headings.pop()  # a numbered heading closes the bare one, whatever their levels
            bare = None
            numbered = base_level + level
            builder.heading(numbered, line)
            continue
        if not pending and i + 1 < len(lines) and _bare_heading(line, lines[i + 1].strip()):
            bare = numbered + 0.5
            builder.heading(bare, line)
            continue
        key_line = _KEY_LINE.match(line) is not None
        item = _LIST_ITEM.match(line) is not None or _RECORD_MARK.match(line) is not None  # "1、" too
        if item or key_line:
            flush()
            pending_kind = BlockKind.LIST_ITEM if item else BlockKind.PARAGRAPH
        pending.append(line)
        # A URL on its own line ends its paragraph: link lists put one link per line without punctuation.
        if key_line or _ENDS_PARAGRAPH.search(line) or len(line) > 120 or _BARE_URL.fullmatch(line):
            flush()
    flush()


# ---------------------------------------------------------------- Markdown and PDF

_MDX_STATEMENT = re.compile(r"^(?:import|export)\s.*$", re.M)


# Site-generator syntax around a Markdown policy: front matter (YAML between "---" lines, TOML between "+++"
# lines) at the top, Hugo shortcodes ("{{< rawhtml >}}", "{{% notice %}}") and Liquid tags ("{% raw %}")
# anywhere. None of it is policy text: front matter rendered as Markdown is a heading of all its lines.
_FRONT_MATTER = re.compile(
    r"\A\s*(?:---[ \t]*\n(?=[A-Za-z_][\w-]*[ \t]*:).*?\n---|\+\+\+[ \t]*\n(?=[A-Za-z_][\w-]*[ \t]*=).*?\n\+\+\+)"
    r"[ \t]*(?:\n|\Z)",
    re.S,
)
_TEMPLATE_TAG = re.compile(r"\{\{<[^{}\n]{0,200}>\}\}|\{\{%[^{}\n]{0,200}%\}\}|\{%-?[^{}\n]{0,200}-?%\}")


# Bullets that Markdown does not take for list items: a text bullet ("• IMEI", "· 设备型号", Word's second
# level "o 设备信息" before a capital, digit or Chinese character, as plain text reads it) and a marker
# without its space before a link alone on its line ("*[Unity Ads](https://…)"). All are list items to
# whoever wrote them; as Markdown they join the paragraph or list item above.
_TEXT_BULLET_LINE = re.compile(
    r"^([ \t]{0,3})(?:[•·●▪◦][ \t]*|o[ \t]+(?=[A-Z0-9\u4e00-\u9fff])|([-*+])(?=\[[^\]\n]+\]\([^)\n]*\)[ \t]*$))",
    re.M,
)
_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.M)


def _markdown_bullets(text: str) -> str:
    if not _TEXT_BULLET_LINE.search(text):
        return text
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _TEXT_BULLET_LINE.sub(lambda m: f"{m.group(1)}{m.group(2) or '-'} ", line, count=1)
        out.append(line)
    return "\n".join(out)


def _markdown_source(text: str) -> str:
    """The Markdown of a policy without its site generator's front matter, shortcodes and template tags,
    text bullets made list items, and without the ideographic spaces that indent Chinese paragraphs
    ("\u3000\u30001. …"): Markdown does not take them for spaces, and the list or heading after them
    would be text."""
    text = _FRONT_MATTER.sub("", text[:65536], count=1) + text[65536:]
    text = _TEMPLATE_TAG.sub("", text) if "{" in text else text
    text = _IDEOGRAPHIC_INDENT.sub("", text) if "\u3000" in text else text
    return _markdown_bullets(_with_grid_tables_as_html(text))


_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*\u3000[\u3000 \t]*", re.M)


def _markdown_html(text: str) -> str:
    from markdown_it import MarkdownIt

    # No indented code blocks: a policy has no code, but its raw HTML is often indented, and four spaces
    # after a blank line would show the tags of a <table> or <p> as text (fenced code stays code).
    md = MarkdownIt("commonmark", {"html": True}).enable("table").disable("code")
    return _STRAY_STRONG.sub("", str(md.render(text)))


# "**" left as text by the renderer: emphasis CommonMark does not take, as word processors and Chinese
# authors write it ("签署**《标准合同》**", "information****   **which", "(3**） **Camera"): a delimiter run
# next to CJK punctuation or another run is not left- or right-flanking. It marks nothing a reader sees
# and splits words and phrases for every match, so runs of two or more asterisks in text (not inside a
# tag: the next angle bracket is an opening one) are dropped.
_STRAY_STRONG = re.compile(r"\*{2,}(?=[^<>]*(?:<|\Z))")


def _cjk_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp) and len(folded) == 1:
                table[cp] = folded
    # Simplified-radical forms that are whole characters have no NFKC mapping ("安全⻛控", "⾸⻚").
    radicals, ideographs = "⻅⻆⻉⻋⻓⻔⻙⻚⻛⻜⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳", "见角贝车长门韦页风飞马鱼鸟卤麦黄黾齐齿龙龟"
    table.update({ord(k): v for k, v in zip(radicals, ideographs, strict=True)})
    return table


# PDF writers (Chromium, Word, WPS) often map CJK glyphs to Kangxi radicals (U+2F00 "⼀", U+2F64 "⽤") or
# compatibility ideographs in the text layer: "使⽤" reads like "使用" but is other code points, so headings
# ("⼀、…") are not seen, quotes and SDK names cannot be searched or matched. Each becomes its ideograph.
_CJK_FOLD = _cjk_fold_table()


def _pdf_clean(text: str) -> str:
    return text.translate(_CJK_FOLD)


def _pdf_text(data: bytes, name: str, max_pages: int | None = None) -> tuple[str, list[str]]:
    from pypdf import PdfReader

    notes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: encrypted PDF; save an unencrypted copy or the policy page as HTML")
        pages = []
        for i, page in enumerate(reader.pages):
            if max_pages is not None and i >= max_pages:
                break
            try:
                pages.append(page.extract_text() or "")
            except Exception as e:  # pypdf raises many types on damaged content streams
                notes.append(f"{name}: page {i + 1} has no readable text ({type(e).__name__}); skipped")
    except InputError:
        raise
    except Exception as e:  # pypdf raises many exception types on malformed files
        raise InputError(
            f"{name}: not a readable PDF ({type(e).__name__}: {e}); pass the policy as HTML or text"
        ) from e
    text = _pdf_clean("\n\n".join(pages))
    if not text.strip():
        notes.append(f"{name}: PDF has no text layer (scanned?); run OCR first, nothing extracted")
    notes.append(f"{name}: PDF text layer read best effort; tables come out as plain lines")
    return text, notes


def _pdf_pages_within_budget(data: bytes, name: str, notes: list[str]) -> int | None:
    """How many leading pages fit in MAX_PDF_CONTENT_BYTES of decoded content streams (None: pypdf cannot
    tell; the readers below then name the problem). Text extraction costs ~10 s and 400 MB per MiB of
    content operators (a 31 KB PDF inflating to 10 MB of text operators took 108 s and 3.9 GB), so later
    pages are not read and NOTES says so."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        total = 0
        for i, page in enumerate(reader.pages):
            contents = page.get_contents()
            total += len(contents.get_data()) if contents is not None else 0
            if total > MAX_PDF_CONTENT_BYTES:
                notes.append(
                    f"{name}: pages from {i + 1} on not read: their text operators exceed the "
                    f"{MAX_PDF_CONTENT_BYTES >> 10} KiB budget of a policy PDF"
                )
                return i
        return len(reader.pages)
    except Exception:  # pypdf raises many types on damaged files: the readers below report them
        return None


def _parse_pdf(data: bytes, name: str, builder: _Builder) -> list[str]:
    """A PDF's text and tables in page order: pdfplumber finds the tables from the page geometry (ruling lines
    and aligned text) and gives their cells, the text around them goes through the plain-text parser. A PDF
    that pdfplumber cannot open is read with pypdf's text layer (which also names encrypted or damaged files)."""
    # pdfminer and pypdf log a line per odd font or object ("Could not get FontBBox ..." 69 times for one
    # Chromium-printed page) to stderr through logging's last-resort handler; what matters reaches NOTES.
    for logger in ("pdfminer", "pypdf"):
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    notes: list[str] = []
    budget = _pdf_pages_within_budget(data, name, notes)
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception:  # pdfminer raises many types on encrypted or damaged files: pypdf decides and names it
        text, fallback_notes = _pdf_text(data, name, budget)
        _parse_text(text, builder)
        return notes + fallback_notes
    header: list[str] | None = None
    try:
        for number, page in enumerate(pdf.pages, start=1):
            if budget is not None and number > budget:
                break
            try:
                header = _pdf_page(page, builder, header)
            except Exception as e:  # a damaged page: skip it, keep the others
                notes.append(f"{name}: page {number} has no readable text ({type(e).__name__}); skipped")
    finally:
        pdf.close()
    if not builder.blocks:
        notes.append(f"{name}: PDF has no text layer (scanned?); run OCR first, nothing extracted")
    return notes


def _pdf_text_between(page: Any, top: float, bottom: float) -> str:
    if bottom <= top:
        return ""
    return _pdf_clean(str(page.crop((0, top, page.width, bottom)).extract_text() or "").strip())


def _pdf_page(page: Any, builder: _Builder, header: list[str] | None) -> list[str] | None:
    """One page into the builder; returns the header of a table that may go on on the next page.

    A page's first table right below at most one running-header line, with as many columns as the open
    table of the previous page, continues it: its header row is not repeated, so it gets that one."""
    top = 0.0
    for k, table in enumerate(sorted(page.find_tables(), key=lambda t: t.bbox[1])):
        above = _pdf_text_between(page, top, table.bbox[1])
        if above:
            _parse_text(above, builder)
        rows = [[_pdf_clean(" ".join((c or "").split())) for c in row] for row in table.extract()]
        rows = [r for r in rows if any(r)]
        if not rows:
            continue
        carried = k == 0 and "\n" not in above and header is not None and len(rows[0]) == len(header)
        if carried and header is not None and rows[0] != header:
            rows.insert(0, header)
        header = rows[0]
        builder.table([[_Cell(c, False, ()) for c in r] for r in rows])
        top = table.bbox[3]
    rest = _pdf_text_between(page, top, page.height)
    if rest:
        _parse_text(rest, builder)
        if "\n" in rest:  # more than a footer line after the table: it is closed
            header = None
    return header


def load(path: Path) -> Document:
    """Read and parse one policy file; InputError when it is missing, binary, too large or damaged."""
    name = path.name
    try:
        st = path.stat()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e}); check the path") from e
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a file; pass policy files (txt, md, mdx, html, pdf)")
    size = st.st_size
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: {size} bytes is larger than the {MAX_BYTES} byte limit for a policy; pass the policy page only"
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e}); check permissions") from e
    return parse(data, name, detect_format(path, data[:_SNIFF]))


def parse(data: bytes, name: str, fmt: Format) -> Document:
    """Parse the bytes of a policy file in a known format (its registered reader)."""
    builder = _Builder(name)
    if not data.strip():
        return Document(name, fmt, "", (), (), (f"{name}: empty file; nothing declared",))
    encoding, notes = fmt.reader(data, name, builder)
    notes += [f"{name}: {n}" for n in builder.notes]
    if not builder.blocks:
        notes.append(f"{name}: no text found; nothing declared")
    return Document(name, fmt, encoding, tuple(builder.blocks), tuple(builder.tables), tuple(notes), builder.source)


# ---------------------------------------------------------------- the built-in formats

Builder = _Builder  # what a reader fills (public name for readers registered from elsewhere)
read_text = _parse_text  # plain text -> blocks (paragraphs, list items, headings by numbering)
read_html = _parse_html  # HTML -> blocks and tables


# Tags of policy pages (structure and inline formatting): what an HTML fragment saved as text is made of.
_MARKUP_TAG = re.compile(
    r"</?(?:p|div|span|h[1-6]|br|hr|li|ul|ol|table|tr|td|th|strong|b|i|u|em|font|a|section|body|html)\b[^<>]{0,400}>",
    re.I,
)
_MARKUP_LINE = re.compile(r"^\s*</?[A-Za-z][^<>]{0,400}>", re.M)


def _markup_text(text: str) -> bool:
    """A "text" file that is an HTML page or fragment (a .txt suffix decides before any content sniff): it
    opens like a page, or it opens with a tag or half its lines do and it has at least five tags of page
    structure. A text policy that quotes a tag or two stays text."""
    head = text[:65536]
    if _looks_html(head[:_SNIFF].lstrip("\ufeff").encode("utf-8", "replace")):
        return True  # a whole page saved as .txt
    if len(_MARKUP_TAG.findall(head)) < 5:
        return False
    if _MARKUP_LINE.match(head.lstrip("\ufeff")):
        return True
    lines = [ln for ln in head.splitlines()[:400] if ln.strip()]
    return 2 * sum(1 for ln in lines if _MARKUP_LINE.match(ln)) >= len(lines)


_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.M)


_MD_LINK = re.compile(r"\[[^\]\n]{1,200}\]\((?:https?://|mailto:|\.{0,2}/|#)[^)\s]{0,500}\)")
_MD_STRONG = re.compile(r"(?:\*\*|__)(?=[^\s*_])[^*_\n]{1,200}?(?<=[^\s*_])(?:\*\*|__)")


def _markdown_text(text: str) -> bool:
    """A "text" file written in Markdown: two "#" heading lines, a pipe table's rule line, a site
    generator's front matter, two links written "[text](url)", three "**bold**" runs, or one heading line
    with a link or a bold run. Plain text has none of these (a "#" line alone, or "*" footnote marks, do
    not make Markdown)."""
    head = text[:65536]
    headings = len(_MD_HEADING.findall(head))
    if headings >= 2 or _MD_TABLE_RULE.search(head) is not None or _FRONT_MATTER.match(head) is not None:
        return True
    links = len(_MD_LINK.findall(head, 0, 65536))
    strong = len(_MD_STRONG.findall(head))
    return links >= 2 or strong >= 3 or (headings == 1 and links + strong >= 1)


def _read_text(data: bytes, name: str, builder: _Builder) -> tuple[str, list[str]]:
    text, encoding = decode(data, name)
    builder.source = text
    if _markup_text(text):
        _parse_html(text, builder)
        return encoding, [f"{name}: HTML markup in a text file, read as HTML"]
    if _markdown_text(text) and _markdown_marks(text) <= MAX_MARKDOWN_MARKS:
        _render_markdown(text, name, builder)
        return encoding, [f"{name}: Markdown in a text file, read as Markdown"]
    _parse_text(_unescaped(text), builder)
    return encoding, []


def _read_html(data: bytes, name: str, builder: _Builder) -> tuple[str, list[str]]:
    text, encoding = decode(data, name)
    builder.source = text
    _parse_html(text, builder)
    return encoding, []


def _read_markdown(data: bytes, name: str, builder: _Builder, *, mdx: bool = False) -> tuple[str, list[str]]:
    text, encoding = decode(data, name)
    builder.source = text
    if mdx:
        text = _MDX_STATEMENT.sub("", text)
    _render_markdown(text, name, builder)
    return encoding, []


def _markdown_marks(text: str) -> int:
    return sum(text.count(c) for c in "*_|[")


def _render_markdown(text: str, name: str, builder: _Builder) -> None:
    """Markdown text (site-generator syntax dropped) rendered to HTML and walked as HTML."""
    text = _markdown_source(text)
    # markdown-it's emphasis, link and table rules grow faster than linearly in their markers and
    # keep a token per cell ("*a" x 200,000: over a minute; 500,000 table cells: 800 MB).
    marks = _markdown_marks(text)
    if marks > MAX_MARKDOWN_MARKS:
        raise BudgetError(
            f"{name}: {marks:,} Markdown emphasis, table and link markers (budget {MAX_MARKDOWN_MARKS:,}; "
            "real policies have a few thousand); not analysed, pass the policy page only"
        )
    _parse_html(_markdown_html(text), builder, markdown=True)


def _read_pdf(data: bytes, name: str, builder: _Builder) -> tuple[str, list[str]]:
    return "pdf", _parse_pdf(data, name, builder)


# Registration order is detection order among sniffs. No ".pdf" suffix: a file is a PDF by its header
# only; a page saved as .pdf by mistake is sniffed as HTML or read as text.
Format.PDF = register(Format("pdf", _read_pdf, header=_is_pdf))
Format.MARKDOWN = register(Format("markdown", _read_markdown, (".md", ".markdown")))
Format.MDX = register(Format("mdx", functools.partial(_read_markdown, mdx=True), (".mdx",)))
Format.HTML = register(Format("html", _read_html, (".html", ".htm", ".xhtml"), content=_looks_html))
Format.TEXT = register(Format("text", _read_text, (".txt", ".text")))


# Where a block's sentences end: after each of 。！？；;!?, and at the spaces after a period (dropped). Found by a
# scan that starts at the marks (the zero-width lookbehind split, "(?<=[。！？；;!?])|(?<=\.)\s+(?=\S)", tried
# every position of every block).
_SENTENCE_END = re.compile(r"[。！？；;!?]|\.\s+(?=\S)")
# Abbreviations that end with a period without ending the sentence.
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|co|ltd|inc|incl|excl|esp|cf|viz|no|vs|mr|ms|dr|art|para|approx)\.|\b[A-Za-z]\.)$", re.I
)
# Longer than any abbreviation above plus the character before it, so its end decides like the whole part.
_ABBREV_TAIL = 16


def _sentence_parts(text: str) -> list[str]:
    """The text cut after each sentence end of `_SENTENCE_END` (a period keeps its part, the spaces after it go)."""
    parts: list[str] = []
    last = 0
    for m in _SENTENCE_END.finditer(text):
        parts.append(text[last : m.start() + 1])
        last = m.end()
    parts.append(text[last:])
    return parts


def iter_sentences(text: str) -> Iterator[str]:
    """Sentences of a block: split after 。！？；; ! ? and after a period followed by a space."""
    carry: list[str] = []
    for part in _sentence_parts(text):
        part = part.strip()
        if not part:
            continue
        carry.append(part)
        # Only the part's end is searched: searching the whole carried sentence again for each part
        # made a run of abbreviations quadratic (2,000 "e.g." took 7 s). Every abbreviation ends with its period.
        if part[-1] == "." and _ABBREV.search(part[-_ABBREV_TAIL:]):
            continue
        yield " ".join(carry)
        carry = []
    if carry:
        yield " ".join(carry)
