"""Catalogue SDK names found fast in policy text: every policy name and display name of sdk_signatures in
one Aho-Corasick automaton (Catalogue.match_policy_name scans every name with str.find, 2 ms a call)."""

from __future__ import annotations

import re

from appaudit.policy.vocab import WordIndex
from appaudit.signatures import Catalogue, Signature, normalize_policy_text

_LATIN_WORD = re.compile(r"[a-z0-9]")


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


_INDEXES: dict[int, tuple[Catalogue, NameIndex]] = {}


def name_index(catalogue: Catalogue) -> NameIndex:
    """The catalogue's name index, built once per catalogue object."""
    cached = _INDEXES.get(id(catalogue))
    if cached is None or cached[0] is not catalogue:
        cached = (catalogue, NameIndex(catalogue))
        _INDEXES[id(catalogue)] = cached
    return cached[1]
