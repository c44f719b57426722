from __future__ import annotations

import re
from pathlib import Path

import pytest

from appaudit import ontology
from appaudit.errors import DataError


def _doc_ids(shared: Path) -> set[str]:
    text = (shared / "docs" / "data-types.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"^\| ([a-z_]+) \|", text, flags=re.M)) - {"id"}
    declared_only = re.search(r"no device API reads\n(.*?)\. The policy", text, flags=re.S)
    assert declared_only is not None
    ids |= set(re.findall(r"`([a-z_]+)`", declared_only.group(1)))
    return ids


def test_every_documented_id_is_in_the_ontology(shared_dir: Path) -> None:
    ids = _doc_ids(shared_dir)
    assert len(ids) >= 35
    assert ids == set(ontology.load())


def test_every_device_type_has_words_in_both_languages_and_an_api() -> None:
    for t in ontology.load().values():
        assert t.words_en and t.words_zh, t.id
        if t.device:
            assert t.apis, t.id


def test_argument_filtered_api_is_data() -> None:
    aid = ontology.get("android_id")
    filtered = [a for a in aid.apis if a.member == "getString"]
    assert filtered and all(a.arg_index == 1 and a.arg_equals == "android_id" for a in filtered)
    assert any(a.kind == "file" and a.target == "/sys/class/net/wlan0/address" for a in ontology.get("mac").apis)


def test_invalid_documents_are_rejected_with_a_clear_message() -> None:
    good = {"id": "x", "sensitivity": "PI", "words_en": ["a"], "words_zh": ["乙"], "device": False}
    with pytest.raises(DataError, match="duplicate"):
        ontology.parse({"datatype": [good, good]})
    with pytest.raises(DataError, match="Chinese"):
        ontology.parse({"datatype": [{**good, "words_zh": []}]})
    with pytest.raises(DataError, match="api kind"):
        ontology.parse({"datatype": [{**good, "device": True, "api": [{"kind": "bogus"}]}]})
    with pytest.raises(DataError, match="lacks"):
        ontology.parse({"datatype": [{**good, "device": True, "api": [{"kind": "method", "class": "a.B"}]}]})
    with pytest.raises(DataError, match="unknown data type"):
        ontology.get("nope")
