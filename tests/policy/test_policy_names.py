"""The catalogue name index: the same answers as Catalogue.match_policy_name for SDK-list cells, and
whole-word matching of ASCII names in running text."""

from __future__ import annotations

import pytest

from appaudit.policy.names import name_index
from appaudit.signatures import load, normalize_policy_text

CELLS = [
    "极光推送SDK",
    "友盟+推送SDK",
    "Firebase Crashlytics",
    "Google AdMob",
    "腾讯Bugly SDK（com.tencent.bugly）",
    "小米推送（MiPush）SDK",
    "OneSignal",
    "Some Unknown Kit",
    "高德定位SDK",
    "Mobile ads",
]


@pytest.mark.parametrize("cell", CELLS)
def test_best_agrees_with_match_policy_name(cell: str) -> None:
    cat = load()
    want = cat.match_policy_name(cell)
    got = name_index(cat).best(cell)
    assert (got.id if got else None) == (want.id if want else None)


def test_ascii_names_match_whole_words_only() -> None:
    index = name_index(load())
    names = {n for _s, _e, n, _sig in index.find(normalize_policy_text("Mobile apps use AdMob, not Mobx."))}
    assert "admob" in names and "mob" not in names


def test_index_is_built_once_per_catalogue() -> None:
    cat = load()
    assert name_index(cat) is name_index(cat)


def test_names_sharing_words_are_one_name_as_written() -> None:
    # "Google Firebase" and "Firebase Analytics" overlap in "Google Firebase Analytics": one name, the
    # product of the later (more specific) one; names that only touch stay two.
    idx = name_index(load())
    norm = normalize_policy_text("We use Google Firebase Analytics and AdMob.")
    hits = [(name, sig.id) for _s, _e, name, sig in idx.find(norm)]
    assert hits == [("google firebase analytics", "firebase-analytics"), ("admob", "admob")]
