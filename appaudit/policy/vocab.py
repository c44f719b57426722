"""The policy vocabulary: data/policy_vocab.toml plus the ontology's words, as one matcher over normalised text.

Owns text normalisation (Traditional Chinese read in its Simplified form, NFKC, lower case, no spaces next to
Chinese characters, "Wi-Fi" = "WiFi"), the
Aho-Corasick automaton of data-type words, generic location words and permission names, and the phrase
regexes (hedges, context verbs, negations, definitions, permission cues, column headers).
"""

from __future__ import annotations

import enum
import functools
import operator
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from typing import Any, Generic, TypeVar

import ahocorasick_rs
import opencc

from appaudit import data as bundled
from appaudit import ontology
from appaudit.errors import DataError

_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
_SPACES = re.compile(r"\s+")
_WIFI = re.compile(r"wi-fi|wi fi")
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")  # a CJK unified ideograph (a Chinese character)
# Traditional Chinese (繁體) is matched in its Simplified form: characters by OpenCC's t2s, and Taiwan's words by
# tw2sp ("IP位址" = "IP地址", "裝置資訊" = "设备信息", "相簿" = "相册"). tw2sp rewrites Simplified words as if they
# were Taiwanese ("文件" -> "文档", "序列号" -> "串行号"), so a text takes it only when it is Traditional: at least
# one in ten of its ideographs changes under t2s (a Simplified text with a stray "闆" keeps its words).
_T2S = opencc.OpenCC("t2s")
_TW2SP = opencc.OpenCC("tw2sp")


def simplified(text: str) -> str:
    """`text` with Traditional Chinese in its Simplified form (Taiwan's words too); other text as it is."""
    if text.isascii():
        return text  # OpenCC's t2s dictionaries hold no ASCII key: most sentences skip the conversion
    chars = _T2S.convert(text)
    if chars == text:
        return text
    changed = sum(map(str.__ne__, text, chars)) if len(chars) == len(text) else len(text)
    if changed * 10 < len(IDEOGRAPH.findall(text)):
        return text
    # Taiwan writes a record "紀錄" (使用紀錄, 瀏覽紀錄, 交易紀錄), which OpenCC keeps as "纪录" (a sports record in
    # Simplified): read it as "记录", the Simplified word of the vocabulary.
    repairs, pattern = _tw_repairs()
    return pattern.sub(lambda m: repairs[m.group()], str(_TW2SP.convert(text)))


@cache
def _tw_repairs() -> tuple[dict[str, str], re.Pattern[str]]:
    """policy_vocab.toml's `tw_repairs`: tw2sp's outputs read back as the vocabulary's Mainland words."""
    repairs = {str(k): str(v) for k, v in _document().get("tw_repairs", {}).items()}
    return repairs, re.compile("|".join(map(re.escape, sorted(repairs, key=len, reverse=True))) or "(?!)")


# Typographic apostrophes as the ASCII one ("don’t collect" = "don't collect").
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def normalize(text: str) -> str:
    """Matching form of a text (see `_normalize`). Sentences and cells are normalised by several passes
    (declarations, SDK records, glossary): short texts are cached, long ones (whole blocks) are not kept."""
    return _normalize_cached(text) if len(text) <= 2000 else _normalize(text)


@functools.lru_cache(maxsize=16384)
def _normalize_cached(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    """Matching form of a text: NFKC (full width to half width), lower case, `_` as space, ’ as ', single spaces,
    none next to Chinese characters ("IP 地址" = "IP地址"), and "Wi-Fi" spelled "wifi"."""
    if text.isascii():
        # Its own Simplified and NFKC form, with no typographic quote and no Chinese character: the same steps
        # without the passes that change nothing (str.split's whitespace is re's \s).
        return _WIFI.sub("wifi", " ".join(text.lower().replace("_", " ").split()))
    t = unicodedata.normalize("NFKC", simplified(text)).lower().replace("_", " ").translate(_QUOTES)
    t = _SPACES.sub(" ", t)
    t = _SPACE_NEAR_CJK.sub("", t)
    return _WIFI.sub("wifi", t).strip()


_LATIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def is_latin(ch: str) -> bool:
    """Whether `ch` starts with a lower-case Latin letter or a digit (a set look-up, not a regex call: the word
    boundary checks of every match ask it)."""
    return ch[:1] in _LATIN_CHARS


class TermKind(enum.Enum):
    """What a matched word names."""

    DATA = "data"  # an ontology data type (target = its id)
    LOCATION = "location"  # a location word that does not say how precise (target = "")
    PERMISSION = "permission"  # a natural-language permission name (target = index into permission_names)
    # A word naming a kind of data but no one type ("device identifiers", "设备标识符"; target = ""): it
    # declares nothing itself, only what the policy defines it as (a list after it, its glossary entry).
    CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Term:
    word: str  # normalised
    kind: TermKind
    target: str
    weak: bool = False  # needs a strong verb, a permission cue or an SDK data cell to declare anything
    permission_only: bool = False  # declares only next to a permission cue (or in an SDK data cell)
    cue_free: bool = False  # a permission phrase that names the permission without "permission" nearby
    mask: bool = False  # a phrase that contains a data word but names something else ("日历日"): never a hit
    # A bare field name ("Name", "Location") that declares only as a whole item of an enumeration ("We collect:
    # Name, Email, Phone"), never inside a phrase ("the name of the app", "the location of our offices").
    item_only: bool = False
    # A field name so common elsewhere ("phone" as the device) that it declares only listed beside other data
    # items ("Name, Email, Phone"), never by a verb alone ("information about your computer, phone, tablet").
    listed_only: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    term: Term


@dataclass(frozen=True, slots=True)
class PermissionName:
    words: tuple[str, ...]
    permissions: tuple[str, ...]


def _latin_boundaries(text: str, start: int, end: int, word: str) -> bool:
    """Whether a Latin word at text[start:end] stands alone (a plural -s/-es may follow). (`is_latin` spelt out as
    set look-ups: every match of every phrase and data word is checked here.)"""
    latin = _LATIN_CHARS
    if word[0] in latin and start > 0 and text[start - 1] in latin:
        return False
    if word[-1] in latin and end < len(text) and text[end] in latin:
        rest = text[end : end + 3]
        return (rest[:1] == "s" and rest[1:2] not in latin) or (rest[:2] == "es" and rest[2:3] not in latin)
    return True


V = TypeVar("V")
_END_START = operator.itemgetter(2, 1)  # Aho-Corasick matches (index, start, end) in order of end, longest first
_GROUP_TEXT_MAX = 4096  # longer texts are searched window by window (see Phrases.search)


class WordIndex(Generic[V]):
    """Words found in one Aho-Corasick pass, each with its value: the one adapter of ahocorasick-rs for policy
    text (the network matcher uses the same library). Unique words; the matches overlap, in order of their end,
    the longest first at one end."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        pairs = list(items)
        self._values = [v for _, v in pairs]
        self._ac = (
            ahocorasick_rs.AhoCorasick([w for w, _ in pairs], matchkind=ahocorasick_rs.MatchKind.Standard)
            if pairs
            else None
        )

    def iter(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, V]]:
        """(index of the last character, value) of every word inside text[lo:hi] (indexes into `text`)."""
        if self._ac is None:
            return
        hi = len(text) if hi is None else hi
        part = text if lo == 0 and hi >= len(text) else text[lo:hi]
        matches = self._ac.find_matches_as_indexes(part, overlapping=True)
        if len(matches) > 1:
            matches.sort(key=_END_START)
        for idx, _start, end in matches:
            yield lo + end - 1, self._values[idx]


class Phrases:
    """A set of normalised phrases found with one Aho-Corasick pass (Python's re is slow on big alternations)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted({normalize(w) for w in words if w.strip()}))
        self._group: PhraseGroup | None = None  # set by the group that finds these phrases with others
        self._bit = 0
        self._own: WordIndex[str] | None = None  # the automaton of these phrases alone, built when first needed

    def _automaton(self) -> WordIndex[str]:
        if self._own is None:
            self._own = WordIndex((w, w) for w in self.words)
        return self._own

    def _found(self, text: str) -> list[tuple[int, int, str]]:
        """(start, index of the last character, word) of every phrase in the text, in `WordIndex.iter` order."""
        if self._group is not None:
            return self._group.found(text, self._bit)
        return [(end_idx - len(w) + 1, end_idx, w) for end_idx, w in self._automaton().iter(text)]

    def search(self, text: str, lo: int = 0, hi: int | None = None) -> int | None:
        """Start index of the first phrase to end inside text[lo:hi] (Latin words standing alone), or None."""
        hi = len(text) if hi is None else min(hi, len(text))
        if lo >= hi:
            return None
        # A set of its own, a slice from the end, or a long text (a hostile run-on "sentence" searched in many
        # windows: keying the group's cache by it costs a hash of the whole text per call): only the window is
        # scanned, lazily.
        group = self._group
        if group is None or lo < 0 or len(text) > _GROUP_TEXT_MAX:
            for end_idx, w in self._automaton().iter(text, lo, hi):
                start: int = end_idx - len(w) + 1
                if _latin_boundaries(text, start, end_idx + 1, w):
                    return start
            return None
        # The phrases of the whole text (one pass, shared with the other phrase sets of the group), those inside
        # text[lo:hi]: the same matches, in the same order, as a pass over text[lo:hi] alone.
        for start, end_idx, w in group.found(text, self._bit):
            if end_idx >= hi:
                break
            if start >= lo and _latin_boundaries(text, start, end_idx + 1, w):
                return start
        return None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every phrase in the text (Latin words standing alone), longest first where they
        overlap."""
        found = sorted(
            ((start, end_idx + 1) for start, end_idx, _ in self._found(text)), key=lambda se: (se[0], -se[1])
        )
        out: list[tuple[int, int]] = []
        for start, end in found:
            if (not out or start >= out[-1][1]) and _latin_boundaries(text, start, end, text[start:end]):
                out.append((start, end))
        return out


class PhraseGroup:
    """Phrase sets searched in the same texts (the vocabulary's verbs, negations, cues): a sentence is searched by
    a dozen of them, so one Aho-Corasick pass over the union of their words finds the phrases of all, and each set
    takes its own from it. Only the last few texts are kept: the searches of one sentence follow each other."""

    _KEEP = 8

    def __init__(self, members: Iterable[Phrases]) -> None:
        masks: dict[str, int] = {}
        for i, phrases in enumerate(members):
            phrases._group, phrases._bit = self, 1 << i
            for w in phrases.words:
                masks[w] = masks.get(w, 0) | phrases._bit
        self._words = list(masks)
        self._masks = list(masks.values())
        self._ac: ahocorasick_rs.AhoCorasick | None = None  # built on the first search
        # text -> (the union of the masks found, every match (word index, start, end), each set's phrases asked for)
        self._recent: dict[str, tuple[int, list[tuple[int, int, int]], dict[int, list[tuple[int, int, str]]]]] = {}

    def found(self, text: str, bit: int) -> list[tuple[int, int, str]]:
        """(start, index of the last character, word) of every phrase of the member `bit` in the text, in order of
        their end (the longest first at one end), as `WordIndex.iter` yields them."""
        scan = self._recent.get(text)
        if scan is None:
            if self._ac is None:
                self._ac = ahocorasick_rs.AhoCorasick(self._words or [" "], matchkind=ahocorasick_rs.MatchKind.Standard)
            every = self._ac.find_matches_as_indexes(text, overlapping=True) if self._words else []
            if len(every) > 1:
                every.sort(key=_END_START)
            union = 0
            masks = self._masks
            for m in every:
                union |= masks[m[0]]
            if len(self._recent) >= self._KEEP:
                del self._recent[next(iter(self._recent))]
            scan = self._recent[text] = (union, every, {})
        union, every, mine = scan
        if not union & bit:
            return []
        got = mine.get(bit)
        if got is None:
            masks, words = self._masks, self._words
            got = mine[bit] = [(start, end - 1, words[idx]) for idx, start, end in every if masks[idx] & bit]
        return got


@dataclass(frozen=True)
class Vocab:
    """Everything the extractor matches, compiled once."""

    automaton: WordIndex[tuple[Term, ...]]  # normalised word -> its terms
    hedges: Phrases
    collect: Phrases
    strong: Phrases
    share: Phrases
    negation: Phrases
    data_negation: Phrases  # negation + denials of data only (`negations_data_zh`): they take no SDK row out
    list_carry: Phrases  # a clause opening with one of these continues the previous one ("包括但不限于")
    definition: Phrases
    own_collection: Phrases  # "we collect": a sentence of the policy's own collection, even in a definition block
    cue_after: Phrases
    cue_before: Phrases
    sdk_cue: Phrases
    sdk_lead: Phrases  # a lead-in of a list of SDKs or services ("the following 3rd party services")
    sdk_use: Phrases  # a verb saying the app uses an SDK named in the sentence ("we use", "接入")
    sdk_subject: Phrases  # a verb right after an SDK name used as its subject ("AdMob may collect")
    sdk_not_used: Phrases  # a clause saying an SDK is not used ("should be disabled", "未接入")
    sdk_context: Phrases  # words that make a one-word imported SDK name a product ("the service Sentry")
    document_words: Phrases  # an item naming a document, not an SDK ("… Terms", "隐私政策链接")
    empty_cells: frozenset[str]  # normalised data-cell texts that list no data
    permission_names: tuple[PermissionName, ...]
    permission_no_data: frozenset[str]
    permission_primary: Mapping[str, str]  # permission gating several types -> the one its name says
    foreign_permission_types: Mapping[str, str]  # "ohos.permission.CAMERA", "NSCameraUsageDescription" -> type
    sensitive_heading: Phrases
    columns: Mapping[str, tuple[str, ...]]  # role -> normalised header words
    # The identifier of a third-party login account ("Discord account ID", "微信 OpenID", "an identifier from
    # Apple"), from login_providers x login_id_words; None when the file lists none.
    login_id: re.Pattern[str] | None
    # Signing in with a third-party account ("Sign in with Google", "微信授权登录", "第三方账号登录"), from
    # login_providers x sign_in_forms and sign_in_phrases.
    sign_in: Phrases
    # A sign-in feature named by its provider ("Google Sign-In", "Sign in with Apple", "Apple 登录"): a row.
    sign_in_product: Phrases
    # The login providers' names: a sentence without one skips `login_id`.
    login_hint: Phrases

    def find(self, norm: str) -> list[Hit]:
        """Words in a normalised text: Latin words at word boundaries (plural -s/-es allowed); a word
        inside a longer word of the same family (data/location vs permission) is dropped, so that
        "anonymous device identifier" is OAID only, not also "device identifier" (IMEI). A masking phrase
        ("日历日", "短信验证码") swallows the words inside it and is no hit itself."""
        raw: list[Hit] = []
        for end_idx, terms in self.automaton.iter(norm):
            for term in terms:
                start = end_idx - len(term.word) + 1
                end = end_idx + 1
                if not _latin_boundaries(norm, start, end, term.word):
                    continue
                raw.append(Hit(start, end, term))
        if not raw:
            return []  # most sentences: no word to sort or nest
        out: list[Hit] = []
        for family in (True, False):
            group = [h for h in raw if (h.term.kind is TermKind.PERMISSION) is not family]
            group.sort(key=lambda h: (h.start, -(h.end - h.start)))
            # Sorted by start, longest first, a hit lies inside a longer hit iff a hit with another span
            # before it reaches at least as far: one pass, not a comparison of every pair (a sentence
            # listing a word thousands of times took seconds). Hits with the same span share the verdict.
            reach = reach_before = -1
            span = (-1, -1)
            for h in group:
                if (h.start, h.end) != span:
                    span, reach_before = (h.start, h.end), reach
                if h.end <= reach_before:
                    continue
                reach = max(reach, h.end)
                if not h.term.mask:
                    out.append(h)
        return sorted(out, key=lambda h: (h.start, h.end))


def _strings(doc: Mapping[str, Any], key: str) -> tuple[str, ...]:
    v = doc.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise DataError(f"policy_vocab.toml: {key} must be a list of strings")
    return tuple(v)


def _pairs(doc: Mapping[str, Any], first: str, second: str, sep: str) -> tuple[str, ...]:
    """Every phrase of a word of list `first` followed by a word of list `second` ("never" + "accesses")."""
    return tuple(a + sep + b for a in _strings(doc, first) for b in _strings(doc, second))


def _triples(doc: Mapping[str, Any], first: str, second: str, third: str, sep: str) -> tuple[str, ...]:
    """Every phrase of a word of each list in turn ("do not" + "knowingly" + "collect", "仅在" + "本地" + "处理")."""
    return tuple(
        sep.join(w for w in (a, b, c) if w)
        for a in _strings(doc, first)
        for b in _strings(doc, second)
        for c in _strings(doc, third)
    )


_LOCATION_TYPES = frozenset({"location_precise", "location_coarse"})

ADDED_KINDS = ("word", "category", "negation", "hedge", "collect_verb", "strong_verb", "not_declaring", "not_a_word")


@dataclass(frozen=True, slots=True)
class Added:
    """One vocabulary addition of policy_vocab.toml [[added]], with the sentence that tests it."""

    kind: str
    data_type: str
    phrase: str
    example: str
    expect: str  # "declared" or "not_declared"
    weak: bool = False
    item_only: bool = False  # declares only as a whole item of an enumeration (see Term.item_only)
    generic: bool = False  # a location word that says no precision ("location"), resolved per policy set
    listed: bool = False  # declares only listed beside other data items (see Term.listed_only)


def added_entries(doc: Mapping[str, Any], types: Mapping[str, ontology.DataType]) -> tuple[Added, ...]:
    """The [[added]] entries, checked: a known kind and data type, a phrase and an example sentence."""
    out = []
    for i, raw in enumerate(doc.get("added", [])):
        try:
            a = Added(
                str(raw["kind"]),
                str(raw["data_type"]),
                str(raw["phrase"]),
                str(raw["example"]),
                str(raw.get("expect", "declared")),
                bool(raw.get("weak", False)),
                bool(raw.get("item_only", False)),
                bool(raw.get("generic", False)),
                bool(raw.get("listed", False)),
            )
        except (KeyError, TypeError) as e:
            raise DataError(f"policy_vocab.toml: added #{i + 1} needs kind, data_type, phrase, example ({e})") from e
        if a.kind not in ADDED_KINDS or a.data_type not in types or not a.phrase.strip() or not a.example.strip():
            raise DataError(f"policy_vocab.toml: added #{i + 1} ({a.phrase!r}): unknown kind or data type, or empty")
        if a.expect not in ("declared", "not_declared"):
            raise DataError(f"policy_vocab.toml: added #{i + 1} ({a.phrase!r}): expect is declared or not_declared")
        out.append(a)
    return tuple(out)


def build(doc: Mapping[str, Any], types: Mapping[str, ontology.DataType]) -> Vocab:
    """Compile the vocabulary from a parsed policy_vocab.toml and the ontology."""
    added = added_entries(doc, types)

    def extra(kind: str) -> tuple[str, ...]:
        return tuple(a.phrase for a in added if a.kind == kind)

    generic = {normalize(w) for w in _strings(doc, "generic_location_en") + _strings(doc, "generic_location_zh")}
    weak = {normalize(w) for w in _strings(doc, "weak_words")}
    permission_only = {normalize(w) for w in _strings(doc, "permission_only_words")}
    known = {normalize(w) for dt in types.values() for w in (*dt.words_en, *dt.words_zh)} | generic
    unknown = sorted((weak | permission_only) - known)
    if unknown:
        raise DataError(f"policy_vocab.toml: weak_words/permission_only_words {unknown} are no ontology words")
    excluded = set()
    for item in _strings(doc, "not_declaring"):
        dt_id, _, word = item.partition(":")
        if dt_id not in types or not word:
            raise DataError(f"policy_vocab.toml: not_declaring entry {item!r} must be 'data_type:word'")
        excluded.add((dt_id, normalize(word)))
    excluded.update((a.data_type, normalize(a.phrase)) for a in added if a.kind in ("not_declaring", "category"))
    entries: dict[str, list[Term]] = {}

    def put(term: Term) -> None:
        lst = entries.setdefault(term.word, [])
        if term not in lst:
            lst.append(term)

    for dt in types.values():
        for w in (*dt.words_en, *dt.words_zh):
            n = normalize(w)
            if not n:
                continue
            if n in generic or (dt.id, n) in excluded:
                continue  # generic location words are resolved per policy, not by the ontology entry
            put(Term(n, TermKind.DATA, dt.id, weak=n in weak, permission_only=n in permission_only))
    for n in generic:
        put(Term(n, TermKind.LOCATION, "", weak=n in weak))
    for a in added:
        if a.kind == "word" and a.generic and a.data_type in _LOCATION_TYPES:
            # A location word that says no precision ("location" as an item): resolved per set like "位置信息".
            put(Term(normalize(a.phrase), TermKind.LOCATION, "", weak=a.weak, item_only=a.item_only))
        elif a.kind == "word":
            term = Term(normalize(a.phrase), TermKind.DATA, a.data_type, weak=a.weak, item_only=a.item_only)
            put(replace(term, item_only=True, listed_only=True) if a.listed else term)
        elif a.kind == "category":
            put(Term(normalize(a.phrase), TermKind.CATEGORY, ""))
        elif a.kind == "not_a_word":
            # A longer phrase around a data word that means something else: it hides the word inside it.
            put(Term(normalize(a.phrase), TermKind.DATA, a.data_type, mask=True))
    names: list[PermissionName] = []
    for i, raw in enumerate(doc.get("permission_name", [])):
        words = tuple(raw.get("words", ()))
        perms = tuple(raw.get("permissions", ()))
        cue_free = tuple(raw.get("cue_free", ()))
        if not words or not perms:
            raise DataError(f"policy_vocab.toml: permission_name #{i + 1} needs words and permissions")
        names.append(PermissionName(words, perms))
        for w in words:
            put(Term(normalize(w), TermKind.PERMISSION, str(i)))
        for w in cue_free:
            put(Term(normalize(w), TermKind.PERMISSION, str(i), cue_free=True))
    automaton = WordIndex((word, tuple(terms)) for word, terms in entries.items())
    cols = doc.get("columns", {})
    if not isinstance(cols, dict):
        raise DataError("policy_vocab.toml: [columns] must be a table")
    negations = (
        _strings(doc, "negations_en")
        + _strings(doc, "negations_zh")
        + extra("negation")
        + _pairs(doc, "negators_en", "negated_verbs_en", " ")
        + _pairs(doc, "negators_zh", "negated_verbs_zh", "")
        + _pairs(doc, "local_only_zh", "local_places_zh", "")
        + _pairs(doc, "requests_not_en", "requested_verbs_en", " ")
        + _pairs(doc, "no_object_verbs_en", "no_object_en", " ")
        + _triples(doc, "negators_en", "negation_adverbs_en", "negated_verbs_en", " ")
        + _triples(doc, "negators_en", "negation_asides_en", "negated_verbs_en", " ")
        + _triples(doc, "negators_en", "negation_asides_en", "negated_verbs_en", ", ")
        + _triples(doc, "negators_zh", "negation_adverbs_zh", "negated_verbs_zh", "")
        + _triples(doc, "local_in_zh", "local_places_zh", "local_process_zh", "")
    )
    vocab = Vocab(
        automaton=automaton,
        hedges=Phrases(_strings(doc, "hedges_en") + _strings(doc, "hedges_zh") + extra("hedge")),
        collect=Phrases(
            _strings(doc, "collect_verbs_en")
            + _strings(doc, "collect_verbs_zh")
            + _strings(doc, "collect_verbs_more_en")
            + _strings(doc, "collect_verbs_more_zh")
            + extra("collect_verb")
            + extra("strong_verb")
        ),
        strong=Phrases(_strings(doc, "strong_verbs_en") + _strings(doc, "strong_verbs_zh") + extra("strong_verb")),
        share=Phrases(_strings(doc, "share_verbs_en") + _strings(doc, "share_verbs_zh")),
        negation=Phrases(negations),
        data_negation=Phrases((*negations, *_strings(doc, "negations_data_zh"))),
        list_carry=Phrases(_strings(doc, "negation_carries_into")),
        definition=Phrases(_strings(doc, "definitions_en") + _strings(doc, "definitions_zh")),
        own_collection=Phrases(_strings(doc, "own_collection")),
        cue_after=Phrases(_strings(doc, "permission_cues_after")),
        cue_before=Phrases(_strings(doc, "permission_cues_before")),
        sdk_cue=Phrases(_strings(doc, "sdk_list_cues")),
        sdk_lead=Phrases(_strings(doc, "sdk_list_leads")),
        sdk_use=Phrases(_strings(doc, "sdk_use_verbs_en") + _strings(doc, "sdk_use_verbs_zh")),
        sdk_subject=Phrases(_strings(doc, "sdk_subject_verbs_en")),
        sdk_not_used=Phrases(_strings(doc, "sdk_not_used_en") + _strings(doc, "sdk_not_used_zh")),
        sdk_context=Phrases(_strings(doc, "sdk_context_words")),
        document_words=Phrases(_strings(doc, "document_words")),
        empty_cells=frozenset(normalize(w) for w in _strings(doc, "empty_cells")),
        permission_names=tuple(names),
        permission_no_data=frozenset(_strings(doc, "permission_no_data")),
        permission_primary=_primary_types(doc, types),
        foreign_permission_types=_foreign_types(doc, types),
        sensitive_heading=Phrases(_strings(doc, "definition_headings")),
        columns={role: tuple(normalize(w) for w in _strings(cols, role)) for role in cols},
        login_id=_login_id(_strings(doc, "login_providers"), _strings(doc, "login_id_words")),
        login_hint=Phrases(_strings(doc, "login_providers")),
        sign_in=Phrases(
            [f.format(p) for f in _strings(doc, "sign_in_forms") for p in _strings(doc, "login_providers")]
            + list(_strings(doc, "sign_in_phrases"))
        ),
        sign_in_product=Phrases(
            f.format(p)
            for f in _strings(doc, "sign_in_product_forms")
            for p in _strings(doc, "login_providers")
            if p.isascii()
        ),
    )
    PhraseGroup(v for v in (getattr(vocab, f.name) for f in fields(vocab)) if isinstance(v, Phrases))
    return vocab


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted({normalize(w) for w in words if w.strip()}, key=len, reverse=True))


def _login_id(providers: tuple[str, ...], ids: tuple[str, ...]) -> re.Pattern[str] | None:
    """"<provider> [account|user|账号|用户] <id word>" or "<id word> from/provided by <provider>" (normalised text).
    A Latin name stands alone ("Line" in "Online ID" is none). "Apple's identifier for advertisers/vendor" (IDFA,
    IDFV) is a device's identifier, no account."""
    if not providers or not ids:
        return None
    p, i = _alternation(providers), _alternation(ids)
    return re.compile(
        rf"(?<![a-z0-9])(?:{p})(?![a-z0-9])\s*(?:'s\s*)?(?:(?:account|user)\s*|账号|帐号|账户|帐户|用户|的)?\s*"
        rf"(?:{i})(?![a-z0-9])(?!\s*for (?:advertis|vendor))|"
        rf"(?<![a-z0-9])(?:{i})\s+(?:from|provided by|issued by|assigned by)\s+(?:{p})(?![a-z0-9])"
    )


def _primary_types(doc: Mapping[str, Any], types: Mapping[str, ontology.DataType]) -> dict[str, str]:
    raw = doc.get("permission_primary_type", {})
    if not isinstance(raw, dict):
        raise DataError("policy_vocab.toml: [permission_primary_type] must be a table")
    out: dict[str, str] = {}
    for perm, dt in raw.items():
        if dt not in types or perm not in types[dt].permissions:
            raise DataError(f"policy_vocab.toml: permission_primary_type {perm} = {dt!r}: the type must gate it")
        out[perm] = dt
    return out


def _foreign_types(doc: Mapping[str, Any], types: Mapping[str, ontology.DataType]) -> dict[str, str]:
    raw = doc.get("foreign_permission_types", {})
    # "location": a permission that does not say how precise (iOS "when in use" location), resolved per set.
    if not isinstance(raw, dict) or not all(
        isinstance(v, str) and (v in types or v == "location") for v in raw.values()
    ):
        raise DataError("policy_vocab.toml: [foreign_permission_types] maps permission names to data type ids")
    return dict(raw)


@cache
def _document() -> dict[str, Any]:
    try:
        return bundled.load("policy_vocab.toml")
    except tomllib.TOMLDecodeError as e:
        raise DataError(f"policy_vocab.toml: {e}") from e


@cache
def load() -> Vocab:
    """The bundled vocabulary (cached)."""
    return build(_document(), ontology.load())
