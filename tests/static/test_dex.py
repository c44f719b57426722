"""appaudit/static/dex.py: the table reader and the one-pass bytecode scan, on real and damaged dex files."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from apkfactory import build_apk, manifest

from appaudit.static import dex


@pytest.fixture(scope="module")
def corpus_dex(shared_dir: Path) -> bytes:
    with zipfile.ZipFile(shared_dir / "corpus/apks/jaxlifu__pay__app-release.apk") as z:
        return z.read("classes.dex")


def _scan_all(d: dex.Dex) -> None:
    n = len(d.method_ids)
    dex.scan_code(d, edge_to=bytearray(b"\1" * n), site_at=bytearray(n), string_at=bytearray(len(d.strings)),
                  field_at=bytearray(len(d.field_ids)))  # fmt: skip


def test_tables_match_the_header_counts(corpus_dex: bytes) -> None:
    d = dex.load(corpus_dex, "classes.dex")
    n_str, _, n_typ, _, n_pro, _, n_fld, _, n_met, _, n_cls, _ = struct.unpack_from("<12I", corpus_dex, 56)
    assert (len(d.strings), len(d.types), len(d.protos), len(d.field_ids), len(d.method_ids), len(d.classes)) == (
        n_str, n_typ, n_pro, n_fld, n_met, n_cls)  # fmt: skip
    assert d.strings == sorted(d.strings, key=lambda s: s.encode("utf-16-be", "surrogatepass"))
    assert all(t.startswith(("L", "[")) or len(t) == 1 for t in d.types)
    assert all(p.startswith("(") and ")" in p for p in d.protos)


def test_edges_are_grouped_by_caller(corpus_dex: bytes) -> None:
    d = dex.load(corpus_dex, "classes.dex")
    _scan_all(d)
    assert len(d.edge_start) == d.method_count + 1
    assert list(d.edge_start) == sorted(d.edge_start)
    assert d.edge_start[-1] == len(d.edge_callee) > 10_000
    assert d.damaged_methods == 0
    # every edge of method m was recorded with m as caller
    for m in range(0, d.method_count, 97):
        assert set(d.edge_caller[d.edge_start[m] : d.edge_start[m + 1]]) <= {m}


def test_mutf8_strings_decode() -> None:
    assert dex._mutf8(b"a\xc0\x80b") == "a\0b"
    assert dex._mutf8("中文".encode()) == "中文"
    # U+1F600 as a CESU-8 surrogate pair
    assert dex._mutf8(b"\xed\xa0\xbd\xed\xb8\x80") == "\U0001f600"
    assert dex._mutf8(b"\xff\xfe") == "\ufffd\ufffd"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b: b[:0x60],  # truncated header
        lambda b: b"dey\n" + b[4:],  # bad magic
        lambda b: b[:40] + struct.pack("<I", 0x78563412) + b[44:],  # big-endian tag
        lambda b: b[:60] + struct.pack("<I", len(b) - 4) + b[64:],  # string ids run past the end
        lambda b: b[:92] + struct.pack("<I", 0xFFFFFF00) + b[96:],  # method ids far outside
        lambda b: b[: len(b) // 2],  # truncated file
    ],
)
def test_damaged_dex_raises_dex_error(corpus_dex: bytes, mutate: object) -> None:
    data = mutate(corpus_dex)  # type: ignore[operator]
    with pytest.raises(dex.DexError):
        d = dex.load(data, "bad.dex")
        _scan_all(d)


def test_code_offsets_outside_the_file_are_counted_not_fatal(corpus_dex: bytes) -> None:
    d = dex.load(corpus_dex, "classes.dex")
    d.m_code[0] = len(corpus_dex) + 1000
    d.m_code[1] = 3  # misaligned
    _scan_all(d)
    assert d.damaged_methods == 2


def test_registers_at_tracks_constants_in_straight_line(demo_apk: Path) -> None:
    with zipfile.ZipFile(demo_apk) as z:
        d = dex.load(z.read("classes.dex"), "classes.dex")
    helper = next(c for c in d.classes if c.descriptor == "Lcom/t/app/Helper;")
    m = helper.first_method
    n = len(d.method_ids)
    site_at = bytearray(n)
    for i, (_c, _p, name) in enumerate(d.method_ids):
        if d.strings[name] == "getString":
            site_at[i] = 1
    dex.scan_code(d, edge_to=bytearray(n), site_at=site_at, string_at=bytearray(len(d.strings)),
                  field_at=bytearray(len(d.field_ids)))  # fmt: skip
    sites = [s for s in d.invoke_sites if s[0] == m]
    seen = []
    for _m, _mid, pc in sites:
        args = d.invoke_args(m, pc)
        seen.append(d.registers_at(m, pc).get(args[1]))
    assert seen == [("string", "android_id"), ("string", "bluetooth_address"), None,
                    ("string", "lock_pattern_autolock")]  # fmt: skip


# A class whose code proves framework subtypes the way apps do (huanchong's RotateLoadingLayout stores a
# RotateAnimation into an Animation field and calls Animation methods on it), and one flow the walk must not
# invent: the code after a goto is reached only by a jump, on which the register never held the Paint.
FLOWS_SMALI = """.class public Lcom/t/flows/Spinner;
.super Ljava/lang/Object;
.field anim:Landroid/view/animation/Animation;

.method public constructor <init>()V
    .registers 4
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    new-instance v0, Landroid/view/animation/RotateAnimation;
    invoke-direct {v0}, Landroid/view/animation/RotateAnimation;-><init>()V
    iput-object v0, p0, Lcom/t/flows/Spinner;->anim:Landroid/view/animation/Animation;
    sget-object v1, Lcom/t/flows/Spinner;->EASE:Landroid/view/animation/LinearInterpolator;
    invoke-virtual {v0, v1}, Landroid/view/animation/Animation;->setInterpolator(Landroid/view/animation/Interpolator;)V
    return-void
.end method

.method public drawable(Landroid/graphics/drawable/BitmapDrawable;)Landroid/graphics/drawable/Drawable;
    .registers 3
    return-object p1
.end method

.method public cast(Ljava/lang/Object;J)V
    .registers 6
    check-cast p1, Landroid/widget/EditText;
    invoke-virtual {p1}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    check-cast v0, Landroid/text/Editable;
    invoke-static {v0}, Landroid/text/Selection;->getSelectionStart(Ljava/lang/CharSequence;)I
    return-void
.end method

.method public branches(Z)V
    .registers 4
    if-eqz p1, :other
    new-instance v0, Landroid/graphics/Paint;
    invoke-direct {v0}, Landroid/graphics/Paint;-><init>()V
    goto :done
    :other
    invoke-static {v0}, Landroid/graphics/Canvas;->take(Landroid/graphics/Canvas;)V
    :done
    return-void
.end method
"""


def test_assignments_prove_subtypes_from_real_paths_only(tmp_path: Path) -> None:
    apk = build_apk(tmp_path, manifest("com.t.flows"), smali={"com/t/flows/Spinner.smali": FLOWS_SMALI})
    with zipfile.ZipFile(apk) as z:
        d = dex.load(z.read("classes.dex"), "classes.dex")
    pairs = dex.assignments(d, lambda t: t.startswith("Landroid/"))
    assert pairs == {
        ("Landroid/view/animation/RotateAnimation;", "Landroid/view/animation/Animation;"),  # field, receiver
        ("Landroid/view/animation/LinearInterpolator;", "Landroid/view/animation/Interpolator;"),  # parameter
        ("Landroid/graphics/drawable/BitmapDrawable;", "Landroid/graphics/drawable/Drawable;"),  # return
        ("Landroid/widget/EditText;", "Landroid/widget/TextView;"),  # check-cast, then receiver
    }  # Editable into a CharSequence parameter: CharSequence is not a tracked type here
    # A walk that kept the Paint across the goto would claim Paint <: Canvas.
    assert not any(sup == "Landroid/graphics/Canvas;" for _sub, sup in pairs)
