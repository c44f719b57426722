"""appaudit.signatures' compiled cache: reused when fresh, rebuilt when stale, ignored when corrupt."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_signatures import _rules, _write

from appaudit import signatures
from appaudit.errors import DataError


@pytest.fixture
def catdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A two-entry catalogue under $APPAUDIT_SIGNATURES and a private $XDG_CACHE_HOME."""
    d = tmp_path / "sigs"
    d.mkdir()
    _rules(d)
    _write(d, "alpha")
    _write(d, "beta")
    monkeypatch.setenv(signatures.ENV_DIR, str(d))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    signatures._load_cached.cache_clear()
    yield d
    signatures._load_cached.cache_clear()


def _fresh_load() -> signatures.Catalogue:
    """signatures.load() as a new process sees it: no in-memory cache."""
    signatures._load_cached.cache_clear()
    return signatures.load()


def _count_full_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = signatures.load_dir

    def counting(directory: Path) -> signatures.Catalogue:
        calls.append(directory)
        return real(directory)

    monkeypatch.setattr(signatures, "load_dir", counting)
    return calls


def test_second_load_comes_from_the_cache(catdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_full_loads(monkeypatch)
    first = _fresh_load()
    assert calls == [catdir] and signatures.cache_file(catdir).is_file()
    assert str(signatures.cache_file(catdir)).startswith(str(catdir.parent / "cache" / "appaudit"))
    second = _fresh_load()
    assert calls == [catdir]  # no second full load
    assert set(second.signatures) == set(first.signatures) == {"alpha", "beta"}
    assert second.get("alpha") == first.get("alpha")
    assert second.match_class("org.example.beta.Main") == first.get("beta")


def test_an_edited_file_rebuilds_the_cache(catdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_full_loads(monkeypatch)
    assert _fresh_load().get("alpha").name == "alpha"
    _write(catdir, "alpha", name="Alpha Analytics")
    assert _fresh_load().get("alpha").name == "Alpha Analytics"
    assert len(calls) == 2
    assert _fresh_load().get("alpha").name == "Alpha Analytics"  # the rebuilt cache is reused
    assert len(calls) == 2


def test_an_added_or_removed_file_rebuilds_the_cache(catdir: Path) -> None:
    assert set(_fresh_load().signatures) == {"alpha", "beta"}
    _write(catdir, "gamma")
    assert set(_fresh_load().signatures) == {"alpha", "beta", "gamma"}
    (catdir / "curated" / "beta.toml").unlink()
    assert set(_fresh_load().signatures) == {"alpha", "gamma"}


def test_an_invalid_edit_is_reported_not_hidden_by_the_cache(catdir: Path) -> None:
    _fresh_load()
    _write(catdir, "alpha", category="tracking")
    with pytest.raises(DataError, match="unknown category"):
        _fresh_load()


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-10] + bytes(x ^ 0xFF for x in b[-10:]),  # payload bytes flipped
        lambda b: b"garbage\n" * 100,
        lambda b: b.replace(b"appaudit-signatures", b"appaudit-signaturez", 1),
    ],
)
def test_a_corrupt_cache_is_ignored_and_replaced(
    catdir: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    _fresh_load()
    path = signatures.cache_file(catdir)
    assert callable(damage)
    path.write_bytes(damage(path.read_bytes()))
    calls = _count_full_loads(monkeypatch)
    assert set(_fresh_load().signatures) == {"alpha", "beta"}
    assert calls == [catdir]  # a full load, not the damaged cache
    assert set(_fresh_load().signatures) == {"alpha", "beta"}
    assert calls == [catdir]  # and the cache it wrote is good again


def test_stale_keys_and_foreign_payloads_are_ignored(catdir: Path) -> None:
    _fresh_load()
    path = signatures.cache_file(catdir)
    key = signatures.fingerprint(catdir)
    assert signatures._read_cache(path, key) is not None
    assert signatures._read_cache(path, "0" * 64) is None  # another key: stale
    # Intact header and checksum, but the payload is not a catalogue.
    payload = pickle.dumps({"alpha": 1})
    header = b"appaudit-signatures 1\n" + f"{key}\n{hashlib.sha256(payload).hexdigest()}\n".encode()
    path.write_bytes(header + payload)
    assert signatures._read_cache(path, key) is None
    assert set(_fresh_load().signatures) == {"alpha", "beta"}


def test_an_unwritable_cache_directory_still_loads(catdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = catdir.parent / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert set(_fresh_load().signatures) == {"alpha", "beta"}
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_missing_directory_is_the_usual_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(signatures.ENV_DIR, str(tmp_path / "missing"))
    signatures._load_cached.cache_clear()
    try:
        with pytest.raises(DataError, match="signature directory not found"):
            signatures.load()
    finally:
        signatures._load_cached.cache_clear()


def test_a_file_vanishing_while_listing_means_a_plain_load(catdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def vanished(directory: Path) -> str:
        raise FileNotFoundError(directory / "curated" / "gone.toml")

    monkeypatch.setattr(signatures, "fingerprint", vanished)
    assert set(_fresh_load().signatures) == {"alpha", "beta"}
    assert not signatures.cache_file(catdir).exists()
