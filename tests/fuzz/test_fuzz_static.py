"""Properties of the static loaders on mutated input: dex tables and code, APK archives, binary XML.

Whatever the bytes, each loader returns a result or raises its one typed error (DexError / InputError):
never another exception, never unbounded work (the budgets of appaudit/limits.py).
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import hostile_corpus
import pytest
from hypothesis import given
from hypothesis import strategies as st

from appaudit.errors import InputError
from appaudit.static import apk, dex

# (position as a fraction of the length, new byte) pairs: mutations land anywhere in files of any size.
_MUTATIONS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=24)


def _mutate(data: bytes, edits: list[tuple[float, int]], cut: float | None = None) -> bytes:
    out = bytearray(data)
    for where, value in edits:
        out[int(where * len(out))] = value
    if cut is not None:
        out = out[: max(0, int(cut * len(out)))]
    return bytes(out)


def _scan(d: dex.Dex) -> None:
    n = len(d.method_ids)
    every = bytearray(b"\1" * max(n, len(d.strings), len(d.field_ids)))  # record everything the scan can
    dex.scan_code(d, edge_to=every, site_at=every, string_at=every, field_at=every)


@given(edits=_MUTATIONS, cut=st.none() | st.floats(0, 1))
def test_mutated_dex_loads_or_raises_dex_error(
    sample_dex: bytes, edits: list[tuple[float, int]], cut: float | None
) -> None:
    data = _mutate(sample_dex, edits, cut)
    try:
        d = dex.load(data, "classes.dex")
        _scan(d)
    except dex.DexError:
        return
    assert len(d.m_mid) == len(d.m_code) == len(d.m_class)
    assert d.edge_start[-1] == len(d.edge_caller) == len(d.edge_callee)


@given(edits=_MUTATIONS)
def test_mutated_header_counts_never_escape(sample_dex: bytes, edits: list[tuple[float, int]]) -> None:
    # Mutations aimed at the id-table counts and offsets (header bytes 56..112), where aliasing starts.
    data = bytearray(sample_dex)
    for where, value in edits:
        data[56 + int(where * 56)] = value
    with contextlib.suppress(dex.DexError):
        _scan(dex.load(bytes(data), "classes.dex"))


@pytest.mark.parametrize("bomb", sorted(hostile_corpus.DEX_BOMBS))
def test_aliasing_bombs_are_refused_naming_the_budget(bomb: str) -> None:
    data = hostile_corpus.DEX_BOMBS[bomb]()
    with pytest.raises(dex.DexError, match="file size"):
        d = dex.load(data, f"{bomb}.dex")
        _scan(d)


def test_shared_code_items_are_scanned_once_and_copied(sample_dex: bytes) -> None:
    # d8 shares identical code items between methods (trivial constructors): every method keeps its edges.
    d = dex.load(sample_dex, "classes.dex")
    _scan(d)
    by_off: dict[int, list[int]] = {}
    for m, off in enumerate(d.m_code):
        if off:
            by_off.setdefault(off, []).append(m)
    for methods in by_off.values():
        counts = {d.edge_start[m + 1] - d.edge_start[m] for m in methods}
        assert len(counts) == 1


@given(edits=_MUTATIONS, cut=st.none() | st.floats(0, 1))
def test_mutated_apk_unpacks_or_raises_input_error(tmp_path_factory: pytest.TempPathFactory,
                                                   edits: list[tuple[float, int]], cut: float | None) -> None:
    path = tmp_path_factory.mktemp("apk") / "app.apk"
    path.write_bytes(_mutate(hostile_corpus.SAMPLE_APK.read_bytes(), edits, cut))
    try:
        u = apk.unpack(path)
    except InputError:
        return
    assert u.parts and u.parts[0].manifest is not None


@pytest.mark.filterwarnings("ignore:Duplicate name")
@given(
    # zipfile itself cuts a name at NUL and cannot encode lone surrogates: hostile names without those.
    names=st.lists(
        st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), min_size=1, max_size=40),
        max_size=6,
    ),
    payload=st.binary(max_size=64),
)
def test_hostile_entry_names_never_escape(tmp_path_factory: pytest.TempPathFactory, sample_manifest: bytes,
                                          names: list[str], payload: bytes) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("AndroidManifest.xml", sample_manifest)
        for n in names:
            z.writestr(n, payload)
    work = tmp_path_factory.mktemp("names")
    path = work / "app.apk"
    path.write_bytes(buf.getvalue())
    with contextlib.suppress(InputError):
        apk.unpack(path)
    assert sorted(p.name for p in work.iterdir()) == ["app.apk"]  # nothing is ever extracted


@given(edits=_MUTATIONS, cut=st.none() | st.floats(0, 1))
def test_mutated_axml_parses_or_raises_input_error(sample_manifest: bytes, edits: list[tuple[float, int]],
                                                   cut: float | None) -> None:
    try:
        node = apk.parse_xml(_mutate(sample_manifest, edits, cut), "AndroidManifest.xml")
    except InputError:
        return
    assert sum(1 for _ in node.iter()) >= 1


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_app_must_be_a_regular_file(tmp_path: Path, special: str) -> None:
    import os

    path = Path(special)
    if special == "fifo":
        path = tmp_path / "app.apk"
        os.mkfifo(path)
    with pytest.raises(InputError, match="not a regular file"):
        apk.unpack(path)


def test_aliased_axml_string_pool_is_refused_before_parsing(sample_manifest: bytes) -> None:
    with pytest.raises(InputError, match="aliased string pool"):
        apk.parse_xml(hostile_corpus.axml_alias(), "AndroidManifest.xml")
    small = hostile_corpus.axml_alias(attrs=20, long=300)  # the same shape within budget parses
    assert len(apk.parse_xml(small, "AndroidManifest.xml").attrs) == 21
    assert apk.axml_referenced_chars(sample_manifest) < len(sample_manifest)
