"""The words of human-readable reports, per language, from data/messages.<lang>.toml.

English rule titles and messages stay where compare reads them (data/rules.toml); another language
translates them in its own [rule.*] tables with the same placeholders. A finding keeps only its worded
message, so a translated message is built by matching the English one against its rule template
(recovering actor, data type, count and detail) and filling the translated template; compare's English
`detail` fragments are translated by the ordered regular expressions of the language's [[detail]] list.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from appaudit import data as bundled
from appaudit import ontology
from appaudit.compare import rules
from appaudit.errors import DataError
from appaudit.model import Finding, Severity
from appaudit.report.options import LANGS


def placeholders(template: str) -> set[str]:
    """The {names} a str.format template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def _template_regex(template: str) -> re.Pattern[str]:
    """A regex matching what TEMPLATE.format(...) produced, one named group per placeholder."""
    parts: list[str] = []
    fields = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name:
            # The last field may hold anything to the end; earlier ones stop at the next literal.
            parts.append(f"(?P<{name}>.*)" if name == fields[-1] else f"(?P<{name}>.*?)")
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Messages:
    """One language's report vocabulary."""

    lang: str
    doc: Mapping[str, Any]

    def ui(self, key: str, **kw: Any) -> str:
        text = str(self.doc["ui"][key])
        return text.format(**kw) if kw else text

    def word(self, table: str, key: str) -> str:
        """An entry of TABLE (severity, source, status, cell, phase ...), the key itself when absent."""
        return str(self.doc.get(table, {}).get(key, key))

    def evidence(self, key: str, **kw: Any) -> str:
        return str(self.doc["evidence"][key]).format(**kw)

    def severity(self, sev: Severity | str) -> str:
        return self.word("severity", sev.value if isinstance(sev, Severity) else sev)

    def data_type(self, dt: str | None) -> str:
        """The data type's name for a reader: the language's own, else the ontology's, else its id."""
        if not dt:
            return ""
        own = self.doc.get("datatype", {}).get(dt)
        if own:
            return str(own)
        known = ontology.load().get(dt)
        return known.name if known is not None and self.lang == "en" else dt

    def rule_title(self, rule_id: str, default: str = "") -> str:
        own = self.doc.get("rule", {}).get(rule_id, {}).get("title")
        if own:
            return str(own)
        rule = rules().get(rule_id)
        return rule.title if rule else default or rule_id

    def rule_basis(self, rule_id: str) -> str:
        """The rule's legal basis in this language ([rule.X] basis), else rules.toml's citation text."""
        own = self.doc.get("rule", {}).get(rule_id, {}).get("basis")
        if own:
            return str(own)
        rule = rules().get(rule_id)
        return rule.basis if rule else ""

    def detail(self, text: str) -> str:
        for item in self.doc.get("detail", ()):
            text = re.sub(str(item["pattern"]), str(item["replace"]), text)
        if self.lang == "en":
            return text
        # Lists of data type ids ("row lists imei, oaid") read as the language's names.
        names = self.doc.get("datatype", {})
        return "".join(str(names.get(tok, tok)) for tok in re.split(r"(, |：|: )", text))

    def reason(self, text: str) -> str:
        """A coverage or rule-status reason (worded in English by sources.py and compare.py) in this language."""
        for item in self.doc.get("reason", ()):
            text = re.sub(str(item["pattern"]), str(item["replace"]), text)
        return text

    def finding_message(self, f: Finding) -> str:
        """F's message in this language (the English message as compare worded it for English)."""
        own = self.doc.get("rule", {}).get(f.rule_id, {}).get("message")
        rule = rules().get(f.rule_id)
        if not own or rule is None:
            return f.message
        m = _template_regex(rule.message).match(f.message)
        found = m.groupdict() if m else {}
        values = {
            "actor": found.get("actor", f.actor),
            "data_type": self.data_type(f.data_type) or found.get("data_type", "-"),
            "count": found.get("count", str(len(f.evidence))),
            "detail": self.detail(found.get("detail", "")),
        }
        return str(own).format(**values)


def _check(doc: Mapping[str, Any], lang: str, reference: Mapping[str, Any] | None) -> None:
    """The file has every table and key the English one has, with the same placeholders."""
    where = f"messages.{lang}.toml"
    if doc.get("schema_version") != 1:
        raise DataError(f"{where}: schema_version must be 1")
    if reference is None:
        return
    for table, entries in reference.items():
        if not isinstance(entries, Mapping):
            continue
        mine = doc.get(table)
        if not isinstance(mine, Mapping):
            raise DataError(f"{where}: table [{table}] is missing")
        for key, text in entries.items():
            if key not in mine:
                raise DataError(f"{where}: [{table}] {key} is missing")
            if placeholders(str(text)) != placeholders(str(mine[key])):
                raise DataError(f"{where}: [{table}] {key} must use the placeholders of the English text")
    for rule_id, entry in dict(doc.get("rule", {})).items():
        rule = rules().get(rule_id)
        if rule is None:
            raise DataError(f"{where}: [rule.{rule_id}] is not a rule of rules.toml")
        if "message" in entry and placeholders(str(entry["message"])) - placeholders(rule.message):
            raise DataError(f"{where}: [rule.{rule_id}] message uses a placeholder rules.toml does not fill")


@cache
def messages(lang: str = "en") -> Messages:
    """The vocabulary of LANG (one of options.LANGS), checked against the English file."""
    if lang not in LANGS:
        raise DataError(f"no report messages for language {lang!r}; use one of {', '.join(LANGS)}")
    doc = bundled.load(f"messages.{lang}.toml")
    _check(doc, lang, None if lang == "en" else bundled.load("messages.en.toml"))
    return Messages(lang=lang, doc=doc)


__all__ = ["Messages", "messages", "placeholders"]
