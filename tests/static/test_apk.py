"""appaudit/static/apk.py: unpacking real and hostile archives (each hostile input is built in tmp_path)."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest
from apkfactory import build_apk, manifest

from appaudit.errors import InputError
from appaudit.static import apk
from appaudit.static.scan import scan


def _zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


@pytest.fixture(scope="module")
def parts(demo_apk: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(demo_apk) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_corpus_apk_unpacks_with_manifest_dex_and_no_notes(shared_dir: Path) -> None:
    u = apk.unpack(shared_dir / "corpus/apks/Exodus-Privacy__exodus-core__instapaper.apk")
    assert u.base.manifest is not None and u.base.manifest.get("package") == "com.olivierpayen.leaninstapaper"
    assert u.dex[0][0].rsplit("!", 1)[1] == "classes.dex"
    assert all(d.startswith(b"dex\n") for _, d in u.dex)
    assert u.skipped == []
    assert len(u.sha256) == 64


def test_nested_dex_in_assets_is_found(demo_apk: Path) -> None:
    u = apk.unpack(demo_apk)
    assert [n for n, _ in u.dex] == ["app.apk!classes.dex", "app.apk!assets/plugin.zip!classes.dex"]
    assert u.native_libs == ["lib/arm64-v8a/libjcore220.so"]


@pytest.mark.parametrize(
    "data, needle",
    [
        (b"", "not a valid zip"),
        (b"hello, I am not an APK\n" * 10, "not a valid zip"),
        (b"PK\x03\x04" + b"\0" * 100, "not a valid zip"),
    ],
)
def test_non_zip_inputs_are_input_errors(tmp_path: Path, data: bytes, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        scan(_write(tmp_path, "bad.apk", data))


def test_truncated_corpus_apk_is_an_input_error(tmp_path: Path, shared_dir: Path) -> None:
    data = (shared_dir / "corpus/apks/jaxlifu__pay__app-release.apk").read_bytes()
    with pytest.raises(InputError, match="truncated"):
        scan(_write(tmp_path, "cut.apk", data[: len(data) // 2]))


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.apk: no such file"):
        scan(tmp_path / "nope.apk")


def test_zip_without_manifest_or_apks_is_explained(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="neither an APK"):
        scan(_write(tmp_path, "x.zip", _zip([("readme.txt", b"hi")])))


def test_high_ratio_entry_is_skipped_as_bomb(tmp_path: Path, parts: dict[str, bytes]) -> None:
    bomb = b"\0" * (40 * 1024 * 1024)  # deflates ~1000:1
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", parts["classes.dex"]),
                 ("assets/payload.dex", bomb)])  # fmt: skip
    report = scan(_write(tmp_path, "bomb.apk", data))
    notes = report.sections["static"]["skipped"]
    assert any("payload.dex" in n and "zip bomb" in n for n in notes), notes
    assert report.sections["static"]["call_sites"], "the rest of the app is still analysed"


def _patch_central_sizes(data: bytes, names: set[str], size: int) -> bytes:
    """Rewrite the uncompressed size of NAMES in the central directory (a lying header)."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        n_len, x_len, c_len = struct.unpack_from("<HHH", out, pos + 28)
        name = bytes(out[pos + 46 : pos + 46 + n_len]).decode()
        if name in names:
            struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(b"PK\x01\x02", pos + 46 + n_len + x_len + c_len)
    return bytes(out)


def test_declared_size_bomb_is_refused_before_reading(tmp_path: Path, parts: dict[str, bytes]) -> None:
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("a.bin", b"x" * 1000),
                 ("b.bin", b"y" * 1000)])  # fmt: skip
    lying = _patch_central_sizes(data, {"a.bin", "b.bin"}, 0xF0000000)
    with pytest.raises(InputError, match="zip bomb"):
        scan(_write(tmp_path, "lying.apk", lying))


def test_size_smaller_than_content_is_a_damaged_entry_note(tmp_path: Path, parts: dict[str, bytes]) -> None:
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", parts["classes.dex"])])
    lying = _patch_central_sizes(data, {"classes.dex"}, 100)
    report = scan(_write(tmp_path, "short.apk", lying))
    notes = report.sections["static"]["skipped"]
    assert any("classes.dex" in n for n in notes), notes
    assert "static.code" in report.skipped


def test_traversal_and_absolute_names_are_ignored_and_never_written(tmp_path: Path, parts: dict[str, bytes]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", parts["classes.dex"]),
                 ("../../evil.dex", parts["classes.dex"]), ("/abs/evil2.dex", parts["classes.dex"]),
                 ("C:\\x\\evil3.dex", parts["classes.dex"])])  # fmt: skip
    before = set(tmp_path.parent.rglob("*"))
    cwd = os.getcwd()
    os.chdir(work)
    try:
        report = scan(_write(work, "trav.apk", data))
    finally:
        os.chdir(cwd)
    notes = report.sections["static"]["skipped"]
    assert sum("absolute or ../" in n for n in notes) == 3, notes
    assert report.sections["static"]["app"]["dex_files"] == ["trav.apk!classes.dex"]
    assert set(tmp_path.parent.rglob("*")) - before == {work / "trav.apk"}


def test_duplicate_entries_are_noted_and_first_copy_used(tmp_path: Path, parts: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("AndroidManifest.xml", parts["AndroidManifest.xml"])
        z.writestr("classes.dex", parts["classes.dex"])
        with pytest.warns(UserWarning):
            z.writestr("classes.dex", b"dex\n035\0" + b"\0" * 200)
    report = scan(_write(tmp_path, "dup.apk", buf.getvalue()))
    assert any("appears 2 times" in n for n in report.sections["static"]["skipped"])
    assert report.sections["static"]["call_sites"]


@pytest.mark.parametrize("manifest_bytes", [b"\x03\x00\x08\x00" + b"\xff" * 64, b"garbage" * 30, b""])
def test_malformed_axml_manifest_is_an_input_error(tmp_path: Path, parts: dict[str, bytes],
                                                   manifest_bytes: bytes) -> None:  # fmt: skip
    data = _zip([("AndroidManifest.xml", manifest_bytes), ("classes.dex", parts["classes.dex"])])
    with pytest.raises(InputError, match="AndroidManifest"):
        scan(_write(tmp_path, "axml.apk", data))


def test_truncated_axml_manifest_is_an_input_error(tmp_path: Path, parts: dict[str, bytes]) -> None:
    raw = parts["AndroidManifest.xml"]
    data = _zip([("AndroidManifest.xml", raw[: len(raw) // 3]), ("classes.dex", parts["classes.dex"])])
    with pytest.raises(InputError):
        scan(_write(tmp_path, "axml2.apk", data))


@pytest.mark.parametrize(
    "dex",
    [b"dex\n035\0" + b"\0" * 8, b"dex\n035\0" + b"\xff" * 0x200, b"not a dex at all" * 20],
)
def test_malformed_dex_is_skipped_with_a_note(tmp_path: Path, parts: dict[str, bytes], dex: bytes) -> None:
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", dex)])
    report = scan(_write(tmp_path, "dex.apk", data))
    assert report.sections["static"]["skipped"]
    assert report.skipped["static.code"]
    assert report.sections["static"]["manifest"]["package"] == "com.t.app"


def test_unknown_compression_method_is_read_as_android_does(tmp_path: Path, parts: dict[str, bytes]) -> None:
    entries = [("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", parts["classes.dex"])]
    data = bytearray(_zip(entries, method=zipfile.ZIP_STORED))
    # Evasive APKs put a bogus method number in both headers; the installer treats it as stored.
    for sig, off in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        pos = data.find(sig)
        while pos >= 0:
            struct.pack_into("<H", data, pos + off, 0x63)
            pos = data.find(sig, pos + 4)
    report = scan(_write(tmp_path, "evasive.apk", bytes(data)))
    assert report.app.package == "com.t.app"
    assert any("unknown compression method" in n for n in report.sections["static"]["skipped"])
    assert report.sections["static"]["call_sites"]


def _split(tmp_path: Path) -> Path:
    split_manifest = (
        '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.t.app"'
        ' split="config.arm64_v8a"><application android:hasCode="false"/></manifest>'
    )
    return build_apk(tmp_path, split_manifest, extra={"lib/arm64-v8a/libmsaoaidsec.so": b"\x7fELF"},
                     name="split_config.arm64_v8a.apk")  # fmt: skip


@pytest.mark.parametrize("suffix", [".apks", ".xapk", ".apkm"])
def test_bundle_analyses_base_and_splits(tmp_path: Path, demo_apk: Path, suffix: str) -> None:
    split = _split(tmp_path)
    data = _zip([("splits/" + split.name, split.read_bytes()), ("splits/base-master.apk", demo_apk.read_bytes()),
                 ("manifest.json", b"{}")])  # fmt: skip
    report = scan(_write(tmp_path, "app" + suffix, data))
    s = report.sections["static"]
    assert report.app.package == "com.t.app"
    assert s["app"]["splits"] == ["splits/split_config.arm64_v8a.apk"]
    assert "lib/arm64-v8a/libmsaoaidsec.so" in s["app"]["native_libs"]
    assert {x["id"] for x in s["sdks"]} >= {"msa-oaid", "umeng-analytics"}


def test_directory_of_split_apks(tmp_path: Path, demo_apk: Path) -> None:
    d = tmp_path / "splits"
    d.mkdir()
    (d / "base.apk").write_bytes(demo_apk.read_bytes())
    _split(d)
    report = scan(d)
    assert report.sections["static"]["app"]["splits"] == ["split_config.arm64_v8a.apk"]
    assert report.sections["static"]["call_sites"]


def test_nesting_deeper_than_the_limit_is_skipped(tmp_path: Path, parts: dict[str, bytes]) -> None:
    inner = _zip([("classes.dex", parts["classes.dex"])])
    for i in range(apk.MAX_DEPTH + 1):
        inner = _zip([(f"level{i}.zip", inner)])
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("assets/deep.zip", inner)])
    report = scan(_write(tmp_path, "deep.apk", data))
    assert any("nested deeper" in n for n in report.sections["static"]["skipped"])


def test_read_budget_stops_huge_inputs(
    tmp_path: Path, parts: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apk, "MAX_READ_TOTAL", 64 * 1024)
    big = b"dex\n" + os.urandom(200_000)
    data = _zip([("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", big)])
    with pytest.raises(InputError, match="MiB"):
        scan(_write(tmp_path, "big.apk", data))


def test_hostile_manifest_strings_are_cleaned(tmp_path: Path) -> None:
    long_value = "A" * 5000
    body = (
        '<activity android:name="com.t.app.QQQQkcatta" android:exported="true"/>'
        f'<meta-data android:name="key" android:value="{long_value}"/>'
    )
    built = build_apk(tmp_path, manifest("com.t.app", body=body), name="hostile.apk")
    with zipfile.ZipFile(built) as z:
        axml = z.read("AndroidManifest.xml")
    # aapt refuses such names, so patch the compiled string pool (UTF-16): a right-to-left override,
    # a bell, a zero-width space and an isolate, as a hostile build tool could write them.
    placeholder = "QQQQ".encode("utf-16-le")
    assert placeholder in axml
    axml = axml.replace(placeholder, "\u202e\u0007\u200b\u2066".encode("utf-16-le"))
    p = _write(tmp_path, "hostile2.apk", _zip([("AndroidManifest.xml", axml)]))
    report = scan(p)
    m = report.sections["static"]["manifest"]
    # androguard turns the bell into "_" (XML cannot hold it); clean() drops the invisible characters.
    assert m["components"][0]["name"] == "com.t.app._kcatta"
    text = json.dumps(report.sections["static"], ensure_ascii=False)
    assert not any(ch in text for ch in "\u202e\u0007\u200b\u2066")
    assert len(m["meta_data"][0]["value"]) <= 301
    assert "static.code" in report.skipped  # no classes.dex in this APK


def test_damaged_split_in_a_directory_is_skipped(tmp_path: Path, demo_apk: Path) -> None:
    d = tmp_path / "splits"
    d.mkdir()
    (d / "base.apk").write_bytes(demo_apk.read_bytes())
    (d / "split_broken.apk").write_bytes(b"PK\x03\x04 truncated")
    report = scan(d)
    assert any("split_broken.apk" in n and "not a valid zip" in n for n in report.sections["static"]["skipped"])
    assert report.app.package == "com.t.app"


def test_many_hostile_entries_are_summarised(tmp_path: Path, parts: dict[str, bytes]) -> None:
    entries = [("AndroidManifest.xml", parts["AndroidManifest.xml"])]
    entries += [(f"../x{i}", b"") for i in range(500)]
    report = scan(_write(tmp_path, "many.apk", _zip(entries)))
    notes = report.sections["static"]["skipped"]
    assert len(notes) == 101 and notes[-1].startswith("… and ")


def test_encrypted_entries_are_explained(tmp_path: Path, parts: dict[str, bytes]) -> None:
    entries = [("AndroidManifest.xml", parts["AndroidManifest.xml"]), ("classes.dex", parts["classes.dex"])]
    data = bytearray(_zip(entries))
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # general-purpose flag bit 0: encrypted
        pos = data.find(sig)
        while pos >= 0:
            data[pos + off] |= 1
            pos = data.find(sig, pos + 4)
    with pytest.raises(InputError, match="encrypted"):
        scan(_write(tmp_path, "enc.apkm", bytes(data)))


def test_file_sha256(tmp_path: Path) -> None:
    # The one file hash: static identity and the runtime's jar/truststore cache keys both use it.
    f = tmp_path / "x.bin"
    f.write_bytes(b"abc")
    assert apk.file_sha256(f) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    with pytest.raises(InputError, match="cannot read"):
        apk.file_sha256(tmp_path / "missing.bin")
