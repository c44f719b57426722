"""Well-known third-party services that are not Android SDKs (cloud, backends, email and SMS, payments, AI APIs,
login and identity, storage, maps and location data, weather, monitoring, analytics and ad tech, feature flags,
media, content APIs, search, anti-fraud, social and commerce platforms, logistics, health and fitness platforms:
appaudit/data/policy_services.toml, curated general market knowledge), and the context words that make a product
named in a policy sentence a disclosed one: verbs of collecting, sharing, fetching, processing, using, containing,
integrating, allowing or providing, third-party and kind-of-provider section headings, and the platform, OS and
store words that are never rows.

Used by records.py for names in policy prose only; static detection never reads this file."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from appaudit.errors import DataError
from appaudit.policy.vocab import Phrases, WordIndex, is_latin
from appaudit.signatures import normalize_policy_text

# Categories of platforms the reader has an account on: named with words of logging in or sharing there, the
# reader's account (`Services.social_words`).
SOCIAL = frozenset({"social", "communication", "productivity", "auth", "commerce"})
CATEGORIES = frozenset(
    {
        "cloud", "cdn", "hosting", "backend", "email", "messaging", "forms", "support", "payments", "ai",
        "translation", "auth", "storage", "productivity", "maps", "weather", "geodata", "monitoring",
        "analytics", "security", "search", "content", "social", "communication", "code", "ads", "logistics",
        "media", "experiments", "commerce", "health",
    }
)


@dataclass(frozen=True, slots=True)
class Service:
    """One service: its product name, other spellings, the spellings that are also English words (they count
    written with a capital, not as a sentence's first word), its category and a sentence naming it."""

    name: str
    aliases: tuple[str, ...]
    word_aliases: frozenset[str]  # normalised
    lower_case: frozenset[str]  # normalised spellings the brand itself writes in lower case ("tawk.to")
    lower_start: frozenset[str]  # normalised spellings whose first letter is lower case ("iCloud", "jsDelivr")
    # normalised spelling -> the words each of its written forms capitalises (forms that normalise alike, such as
    # "… Service" and "… service", are each a way to write the product)
    capitals: dict[str, tuple[tuple[int, ...], ...]]
    category: str
    example: str


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    spelling: str  # the normalised alias found
    service: Service


class Services:
    """The services of one data file in one Aho-Corasick automaton over `normalize_policy_text` forms, with
    the context phrases (verbs, section words) and the platform and company words."""

    def __init__(self, doc: dict[str, object], where: str = "policy_services.toml") -> None:
        ctx = doc.get("context")
        if not isinstance(ctx, dict):
            raise DataError(f"{where}: a [context] table is required")

        def strings(key: str) -> list[str]:
            value = ctx.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise DataError(f"{where}: context.{key} must be a list of non-empty strings")
            return value

        self.verbs = Phrases(strings("verbs_en") + strings("verbs_zh"))
        self.object_verbs = Phrases(strings("object_verbs_en") + strings("object_verbs_zh"))
        self.account_words = Phrases(strings("account_words"))
        self.code_words = Phrases(strings("code_words"))
        self.social_words = Phrases(strings("social_words"))
        self.generic_names = frozenset(normalize_policy_text(w) for w in strings("generic_names"))
        self.feature_words = tuple(normalize_policy_text(w) for w in strings("feature_words_zh"))
        self.section = Phrases(strings("section_en") + strings("section_zh"))
        self.platforms = frozenset(normalize_policy_text(w) for w in strings("platforms"))
        self._platform_index = WordIndex((p, p) for p in self.platforms)
        self.companies = frozenset(normalize_policy_text(w) for w in strings("companies"))
        self.device_makers = tuple(dict.fromkeys(normalize_policy_text(w) for w in strings("device_makers")))
        words = ctx.get("maker_push_words", {})
        if not isinstance(words, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) and w.strip() for w in v) for v in words.values()
        ):
            raise DataError(f"{where}: context.maker_push_words must map a maker to a list of non-empty strings")
        self.maker_push_words = {
            normalize_policy_text(k): tuple(normalize_policy_text(w) for w in v) for k, v in words.items()
        }
        # The product-likeness check of every row (records.py `unlike_product`).
        self.identifier_words = frozenset(normalize_policy_text(w) for w in strings("identifier_words"))
        self.title_words = frozenset(normalize_policy_text(w) for w in strings("title_words_en"))
        self.title_ends_zh = tuple(strings("title_ends_zh"))
        self.setting_words = frozenset(normalize_policy_text(w) for w in strings("setting_words_en"))
        self.device_services = Phrases(strings("device_services_en"))
        entries = doc.get("service", [])
        if not isinstance(entries, list) or not entries:
            raise DataError(f"{where}: at least one [[service]] is required")
        services: list[Service] = []
        seen: dict[str, str] = {}
        for i, e in enumerate(entries):
            if not isinstance(e, dict):
                raise DataError(f"{where}: service #{i + 1} must be a table")
            name, category, example = e.get("name"), e.get("category"), e.get("example")
            aliases, words = e.get("aliases", []), e.get("word_aliases", [])
            if not isinstance(name, str) or not name.strip():
                raise DataError(f"{where}: service #{i + 1} needs a name")
            if category not in CATEGORIES:
                raise DataError(f"{where}: service {name!r}: category {category!r} is not one of {sorted(CATEGORIES)}")
            if not isinstance(example, str) or not example.strip():
                raise DataError(f"{where}: service {name!r} needs an example sentence")
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
                raise DataError(f"{where}: service {name!r}: aliases must be a list of names")
            if not isinstance(words, list) or not all(isinstance(a, str) for a in words):
                raise DataError(f"{where}: service {name!r}: word_aliases must be a list of names")
            spellings = [name, *aliases]
            norms = [normalize_policy_text(s) for s in spellings]
            for n in norms:
                if len(n) < 2:
                    raise DataError(f"{where}: service {name!r}: {n!r} is too short to be a name")
                if n in self.platforms or n in self.companies:
                    raise DataError(f"{where}: service {name!r}: {n!r} is a platform or company word")
                if seen.get(n, name) != name:
                    raise DataError(f"{where}: {n!r} names both {seen[n]!r} and {name!r}")
                seen[n] = name
            word_norms = {normalize_policy_text(w) for w in words}
            if not word_norms <= set(norms):
                raise DataError(f"{where}: service {name!r}: word_aliases must be among its names")
            pairs = list(zip(spellings, norms, strict=True))
            lower = frozenset(n for s, n in pairs if s.isascii() and s == s.lower())
            lower_start = frozenset(n for s, n in pairs if s[:1].islower())
            capitals: dict[str, tuple[tuple[int, ...], ...]] = {}
            for s, n in pairs:
                if s.isascii():
                    capitals[n] = (*capitals.get(n, ()), _capital_words(s))
            services.append(
                Service(
                    name.strip(), tuple(a.strip() for a in aliases), frozenset(word_norms), lower, lower_start,
                    capitals, category, example,
                )
            )
        self.services = tuple(services)
        self._index = WordIndex((n, (n, svc)) for svc in services for n in dict.fromkeys(
            normalize_policy_text(s) for s in (svc.name, *svc.aliases)
        ))

    def find(self, norm: str) -> list[Hit]:
        """The longest service names in a `normalize_policy_text` text, left to right, not overlapping; Latin
        names only as whole words."""
        hits: list[Hit] = []
        for end_idx, (name, svc) in self._index.iter(norm):
            start, end = end_idx - len(name) + 1, end_idx + 1
            if is_latin(name[0]) and start > 0 and (is_latin(norm[start - 1]) or norm[start - 1].isdigit()):
                continue
            if is_latin(name[-1]) and end < len(norm) and (is_latin(norm[end]) or norm[end].isdigit()):
                continue
            hits.append(Hit(start, end, name, svc))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        reach = -1
        for h in hits:
            if h.start >= reach:
                out.append(h)
                reach = h.end
        return out

    def without_device_services(self, norm: str) -> str:
        """A `vocab.normalize` text with the device's own services blanked out ("enable location services"), and
        the app's own ("to provide our services", "our service", "to offer farm-specific services"), so that
        their word "services" no longer says the text is about third parties ("our service providers" and
        "third-party services" still do)."""
        if "servic" not in norm:
            return norm
        for start, end in reversed(self.device_services.spans(norm)):
            norm = norm[:start] + " " * (end - start) + norm[end:]
        for m in reversed(list(_OWN_SERVICES.finditer(norm))):
            norm = norm[: m.start(1)] + " " * (m.end(1) - m.start(1)) + norm[m.end(1) :]
        return norm

    def platform_spans(self, norm: str) -> list[tuple[int, int]]:
        """Where platform words stand in normalised text, longest first where they overlap, whole words only
        ("google play store" once, not "google play" inside it)."""
        spans: list[tuple[int, int]] = []
        for end_idx, word in self._platform_index.iter(norm, 0, len(norm)):
            start, end = end_idx - len(word) + 1, end_idx + 1
            if word.isascii() and (
                (start > 0 and _latin_word_char(norm[start - 1])) or (end < len(norm) and _latin_word_char(norm[end]))
            ):
                continue  # inside a longer Latin word; a Chinese character after it is a boundary ("app store购买")
            spans.append((start, end))
        spans.sort(key=lambda se: (se[0], -(se[1] - se[0])))
        out: list[tuple[int, int]] = []
        for start, end in spans:
            if out and start < out[-1][1]:
                continue
            out.append((start, end))
        return out

    def in_platform_word(self, norm: str, start: int, end: int) -> bool:
        """Whether norm[start:end] is part of a longer platform word written there ("微信" in "微信小程序")."""
        lo, hi = max(0, start - 24), min(len(norm), end + 24)
        for end_idx, word in self._platform_index.iter(norm, lo, hi):
            w_start, w_end = end_idx - len(word) + 1, end_idx + 1
            if w_start <= start and end <= w_end and w_end - w_start > end - start:
                return True
        return False

    def spelt_as_name(self, hit: Hit, written: str, at_sentence_start: bool) -> bool:
        """Whether a hit is written as the product: a Latin name with a capital (unless the brand writes itself
        in lower case) starting with one ("sign in with Google" is a verb phrase, "Sign in with Google" the
        product), and a name that is also an English word not as the sentence's first word."""
        if not written.isascii():
            return True
        if written == written.lower() and hit.spelling not in hit.service.lower_case:
            return False
        if written[:1].islower() and hit.spelling not in hit.service.lower_start:
            return False
        # Every word the product capitalises is capitalised ("WeChat login" is a phrase, "WeChat Login" the product).
        caps = set(_capital_words(written))
        if not any(set(form) <= caps for form in hit.service.capitals.get(hit.spelling, ((),))):
            return False
        return not (hit.spelling in hit.service.word_aliases and at_sentence_start)


# The app's own services: owned ("our services", "the app's service") or the object of what the app does for the
# reader ("to provide our services", "to offer farm-specific services"), the word "service(s)" only and not in
# "service provider(s)". A lead-in "We keep your data as long as needed to provide our services:" lists no third
# parties (its items are kinds of records); leads naming third parties keep their own words ("third party").
_OWN_SERVICES = re.compile(
    r"(?:\b(?:our|my|this app's|the app's)\s+(?:[\w-]+\s+){0,2}?"
    r"|\bto\s+(?:provide|offer|deliver|improve|operate|maintain|personali[sz]e|enhance|run)\s+"
    r"(?:(?:you|the|our|these|its|[\w]+-[\w]+)\s+){0,2}?"
    # A title saying what the app does ("Providing Religious Services", "Offering Booking Services").
    r"|^\W*(?:[a-z\d]{1,3}[.)]\s*)?(?:providing|offering|delivering)\s+(?!(?:[\w-]+\s+)?(?:third|3rd|external))"
    r"(?:[\w-]+\s+){0,2}?)"
    r"(services?)\b(?!\s*provid)"
)


def _latin_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def _capital_words(text: str) -> tuple[int, ...]:
    """The positions of the words of a Latin name that start with a capital."""
    return tuple(i for i, w in enumerate(text.split()) if w[:1].isupper())


def _read(path: Path | None) -> dict[str, object]:
    try:
        if path is None:
            text = resources.files("appaudit.data").joinpath("policy_services.toml").read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise DataError(f"policy_services.toml: {e}") from e


@functools.cache
def load() -> Services:
    """The packaged services file, read once."""
    return Services(_read(None))


def load_file(path: Path) -> Services:
    """A services file at `path` (tests, a custom list)."""
    return Services(_read(path), path.name)
