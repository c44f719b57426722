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


def _declared(sentence: str) -> set[str]:
    doc = parse(sentence.encode("utf-8"), "example.txt", Format.TEXT)
    decls, _perms = extract.extract(doc, vocabulary.load())
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
