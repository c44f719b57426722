"""appaudit/static/dex.py budgets: aliased tables refused within the file-size budget, argument tracking
walked once per method (scripts/hostile_corpus.py builds the dex files)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from appaudit.limits import DEX_DECODE_FACTOR
from appaudit.static import dex

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import hostile_corpus


@pytest.mark.parametrize("bomb", sorted(hostile_corpus.DEX_BOMBS))
def test_each_aliasing_bomb_is_refused_and_names_the_budget(bomb: str) -> None:
    data = hostile_corpus.DEX_BOMBS[bomb]()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(dex.DexError, match=rf"{DEX_DECODE_FACTOR}x the file size|4x the file size"):
        d = dex.load(data, bomb)
        n = max(len(d.method_ids), len(d.strings), len(d.field_ids))
        dex.scan_code(d, edge_to=bytearray(n), site_at=bytearray(n), string_at=bytearray(n), field_at=bytearray(n))


def test_argument_tracking_resumes_and_matches_a_fresh_walk() -> None:
    data = hostile_corpus.dex_arg_sites()
    d = dex.load(data, "sites.dex")
    n = len(d.method_ids)
    site_at = bytearray(n)
    site_at[0] = 1  # Settings$Secure.getString
    dex.scan_code(d, edge_to=bytearray(n), site_at=site_at, string_at=bytearray(len(d.strings)),
                  field_at=bytearray(len(d.field_ids)))  # fmt: skip
    pcs = [pc for _, _, pc in d.invoke_sites]
    assert len(pcs) == 30_000
    for pc in [*pcs[:50], *pcs[-3:], pcs[10], 0]:  # in order, then backwards (a fresh walk)
        fresh = dex.load(data, "sites.dex")
        assert dict(d.registers_at(0, pc)) == fresh.registers_at(0, pc)
    assert d.registers_at(0, pcs[-1]) == {1: ("string", "android_id")}
