"""runtime/dexsig.py: the dex's generic signatures, read back for the local JVM, on a real app, a smali probe
(tests/runtime/sigprobe: a TypeToken like Gson's, a generic method and field) and damaged copies of it; and the
probe run under the harness with and without the table, which must differ exactly by the missing type parameters."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

from appaudit import systools
from appaudit.runtime import dexsig, hostjvm, session
from appaudit.static import dex as dexfmt
from appaudit.static.apk import unpack

SIGPROBE = Path(__file__).resolve().parent / "sigprobe"
DUSKY = "corpus/apks/1042932843__DuskyCvRe__app-release.apk"
PROBE_MANIFEST = hostjvm.Manifest(package="com.appaudit.sigprobe", application=None,
                                  launcher="com.appaudit.sigprobe.MainActivity")
PROBE_ENTRY = "Activity.onCreate com.appaudit.sigprobe.MainActivity"
EXPECTED = [
    dexsig.Entry("C", "com/appaudit/sigprobe/TypeToken", "", "", "<T:Ljava/lang/Object;>Ljava/lang/Object;"),
    dexsig.Entry("C", "com/appaudit/sigprobe/MainActivity$1", "", "",
                 "Lcom/appaudit/sigprobe/TypeToken<Ljava/util/List<Ljava/lang/String;>;>;"),
    dexsig.Entry("F", "com/appaudit/sigprobe/MainActivity", "items", "Ljava/util/List;",
                 "Ljava/util/List<Ljava/lang/Integer;>;"),
    dexsig.Entry("M", "com/appaudit/sigprobe/MainActivity", "names", "()Ljava/util/Map;",
                 "()Ljava/util/Map<Ljava/lang/String;Ljava/lang/Long;>;"),
]


def _h(text: str) -> str:
    return text.encode().hex()


GET = _h("Lcom/appaudit/sigprobe/GET;")
ANNOTATIONS = [
    dexsig.Entry("CA", "com/appaudit/sigprobe/GET", "", "", f"@{_h('Ljava/lang/annotation/Retention;')},1;"
                 f"{_h('value')},e{_h('Ljava/lang/annotation/RetentionPolicy;')},{_h('RUNTIME')};"),
    dexsig.Entry("AD", "com/appaudit/sigprobe/GET", "encoded", "", "Z0;"),
    dexsig.Entry("MA", "com/appaudit/sigprobe/MainActivity", "names", "()Ljava/util/Map;",
                 f"@{GET},1;{_h('value')},s{_h('users')};"),
    dexsig.Entry("PA", "com/appaudit/sigprobe/MainActivity", "find", "(Ljava/lang/String;)V",
                 f"0:@{GET},1;{_h('value')},s{_h('q')};"),
]


@pytest.fixture(scope="module")
def probe_dex(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """tests/runtime/sigprobe assembled by smali (installed by scripts/setup.sh, as for the sample apps)."""
    smali = shutil.which("smali")
    if smali is None:
        pytest.skip("smali is not installed (scripts/setup.sh installs it)")
    out = tmp_path_factory.mktemp("sigprobe") / "classes.dex"
    subprocess.run([smali, "assemble", "-o", str(out), str(SIGPROBE)], check=True, capture_output=True, timeout=120)
    return out.read_bytes()


def _read(data: bytes) -> dexsig.Table:
    return dexsig.collect([("classes.dex", data)])


def test_probe_signatures_of_class_method_and_field(probe_dex: bytes) -> None:
    table = _read(probe_dex)
    assert table.notes == []
    assert sorted(table.entries, key=lambda e: e.line()) == sorted(EXPECTED + ANNOTATIONS, key=lambda e: e.line())
    # The written table reads back to the same entries (what FieldReads.java parses: tab-separated lines).
    assert dexsig.entries_of(table.text().splitlines()) == table.entries


def test_real_app_typetoken_subclass_and_every_signature(shared_dir: Path) -> None:
    u = unpack(shared_dir / DUSKY)
    table = dexsig.collect(u.dex)
    assert table.notes == []
    # Gson's obfuscated TypeToken is com.google.gson.c.a; this anonymous subclass is TypeToken<Object> (baksmali).
    assert dexsig.Entry("C", "com/google/gson/ag", "", "", "Lcom/google/gson/c/a<Ljava/lang/Object;>;") in table.entries
    # baksmali lists 10,682 Signature annotations in this dex: every one is read, and none is refused by the grammar.
    assert len([e for e in table.entries if e.kind in ("C", "M", "F")]) == 10682
    # Retrofit's service method keeps its @GET (baksmali: nbsix/com/duskycvre/b/a/a.a()), Retrofit's GET its
    # @Retention(RUNTIME) and its default value "".
    get = next(e for e in table.entries if e.kind == "MA" and e.cls == "nbsix/com/duskycvre/b/a/a" and e.name == "a")
    assert get.descriptor == "()Lio/reactivex/Observable;"
    assert get.signature.startswith("@" + b"Lretrofit2/http/GET;".hex() + ",1;" + b"value".hex() + ",s")
    assert bytes.fromhex(get.signature.split(",s")[1].rstrip(";")).decode() == (
        "apps/latest/596de879ca87a866aa00019e?api_token=e6dc00d350bbf238c2f333655f7666f4")
    retention = "@" + b"Ljava/lang/annotation/Retention;".hex() + ",1;" + b"value".hex() + ",e" + (
        b"Ljava/lang/annotation/RetentionPolicy;".hex() + "," + b"RUNTIME".hex() + ";")
    assert dexsig.Entry("CA", "retrofit2/http/GET", "", "", retention) in table.entries
    assert dexsig.Entry("AD", "retrofit2/http/GET", "value", "", "s;") in table.entries
    assert dexsig.entries_of(table.text().splitlines()) == table.entries


def _class_def(data: bytes, name: str) -> int:
    """Offset of the class_def_item of type NAME."""
    dex = dexfmt.load(data, "classes.dex")
    n_cls, o_cls = struct.unpack_from("<2I", data, 96)
    for k in range(int(n_cls)):
        (idx,) = struct.unpack_from("<I", data, o_cls + 32 * k)
        if dex.types[idx] == name:
            return int(o_cls) + 32 * k
    raise AssertionError(name)


@pytest.mark.parametrize("value", [0xFFFFFFF0, 0x7FFFFFFF, 0x70])
def test_annotations_offset_out_of_range_is_a_note(probe_dex: bytes, value: int) -> None:
    data = bytearray(probe_dex)
    struct.pack_into("<I", data, _class_def(probe_dex, "Lcom/appaudit/sigprobe/MainActivity;") + 20, value)
    table = _read(bytes(data))
    # Out of range: the dex is skipped with a note. 0x70 points into the id tables: garbage, read as such
    # (a note, or nothing the grammar accepts): never an exception and never a made-up signature.
    assert all(e in EXPECTED + ANNOTATIONS for e in table.entries)
    if value != 0x70:
        assert table.entries == [] and len(table.notes) == 1 and "classes.dex" in table.notes[0]


def test_annotation_set_size_out_of_range_is_a_note(probe_dex: bytes) -> None:
    data = bytearray(probe_dex)
    (ann,) = struct.unpack_from("<I", data, _class_def(probe_dex, "Lcom/appaudit/sigprobe/TypeToken;") + 20)
    (class_set,) = struct.unpack_from("<I", data, ann)
    struct.pack_into("<I", data, class_set, 0x40000000)  # an annotation_set_item claiming a billion entries
    table = _read(bytes(data))
    assert table.entries == [] and "runs past the end" in table.notes[0]


def test_truncated_dex_is_a_note(probe_dex: bytes) -> None:
    noted = 0
    for cut in range(0x70, len(probe_dex), 37):
        table = _read(probe_dex[:cut])
        if table.notes:
            noted += 1
            assert table.entries == [] and len(table.notes) == 1
        else:  # cut after everything the signatures need (the map list is last): all of them, nothing else
            want = sorted(EXPECTED + ANNOTATIONS, key=lambda e: e.line())
            assert sorted(table.entries, key=lambda e: e.line()) == want
    assert noted > 20


def test_every_damaged_byte_of_the_annotations_is_bounded(probe_dex: bytes) -> None:
    """Each byte of the map-ordered data section flipped: read() answers or raises DexError, nothing else."""
    start = min(struct.unpack_from("<I", probe_dex, _class_def(probe_dex, d) + 20)[0] for d in (
        "Lcom/appaudit/sigprobe/MainActivity;", "Lcom/appaudit/sigprobe/TypeToken;"))
    dex = dexfmt.load(probe_dex, "classes.dex")
    end = min(len(probe_dex), start + 600)
    for pos in range(start - 200, end):
        data = bytearray(probe_dex)
        data[pos] ^= 0xFF
        dex.data = bytes(data)
        try:
            entries = dexsig.read(dex)
        except dexfmt.DexError:
            continue
        for e in entries:  # whatever was read is a well-formed signature, or an annotation as the table writes it
            if e.kind in ("C", "M", "F"):
                assert dexsig.valid(e.signature, e.kind)
            else:
                line = e.line()
                assert "\n" not in line and "\r" not in line
                assert len(line.split("\t")) == (3 if e.kind == "CA" else 5)


@pytest.mark.parametrize(("sig", "kind"), [
    ("<T:Ljava/lang/Object;>Ljava/lang/Object;", "C"),
    ("<K::Ljava/lang/Comparable<TK;>;V:Ljava/lang/Object;>Ljava/util/AbstractMap<TK;TV;>;Ljava/io/Serializable;", "C"),
    ("Lcom/a/Outer<TT;>.Inner<[I>;", "F"),
    ("Ljava/util/List<*>;", "F"),
    ("[[TT;", "F"),
    ("<T:Ljava/lang/Object;>(I[TT;Ljava/util/List<+Ljava/lang/Number;>;)V^TE;^Ljava/io/IOException;", "M"),
    ("()Ljava/util/Map<-Ljava/lang/String;Ljava/lang/Long;>;", "M"),
])
def test_valid_signatures(sig: str, kind: str) -> None:
    assert dexsig.valid(sig, kind)


@pytest.mark.parametrize(("sig", "kind"), [
    ("", "C"), ("", "F"), ("I", "F"), ("Ljava/util/List<Ljava/lang/String;>", "F"), ("Ljava/util/List<>;", "F"),
    ("<T:>Ljava/lang/Object;", "C"), ("(I)", "M"), ("(Q)V", "M"), ("()VV", "M"), ("Lcom/a/B;x", "C"),
    ("TT", "F"), ("L;", "F"), ("Ljava/util/List<" * 200 + "Ljava/lang/Object;" + ">;" * 200, "F"),
])
def test_invalid_signatures_are_refused(sig: str, kind: str) -> None:
    assert not dexsig.valid(sig, kind)


def _run_probe(dex: bytes, workdir: Path, *, with_table: bool) -> dict[str, Any]:
    workdir.mkdir()
    (workdir / "classes.dex").write_bytes(dex)
    jar = workdir / "sigprobe.jar"
    proc = subprocess.run([*systools.enjarify_command(), "--fast", "-f", "-o", str(jar), str(workdir / "classes.dex")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    if with_table:
        dexsig.write_table(dexsig.table_path(jar), _read(dex))
    trace = session.run(jar, "hostjvm", workdir / "trace.jsonl", manifest=PROBE_MANIFEST, duration=30)
    end: dict[str, Any] = json.loads(trace.read_text(encoding="utf-8").splitlines()[-1])
    return end


def test_harness_sees_the_generic_types_only_with_the_table(probe_dex: bytes, tmp_path: Path) -> None:
    """The same enjarified probe: without the table its TypeToken throws as Gson's does on real apps; with it the
    activity's onCreate (TypeToken superclass, method return type, field type; a method's and a parameter's
    @GET, its value and the annotation type's default) runs through."""
    without = _run_probe(probe_dex, tmp_path / "without", with_table=False)
    failures = [f for f in without["harness"]["failures"] if f["entry"] == PROBE_ENTRY]
    assert len(failures) == 1 and "Missing type parameter." in failures[0]["error"]
    with_table = _run_probe(probe_dex, tmp_path / "with", with_table=True)
    assert not with_table["failed"] and with_table["harness"]["entries"] == without["harness"]["entries"]
    assert [f for f in with_table["harness"]["failures"] if f["entry"] == PROBE_ENTRY] == []
    assert f'{{"entry":"{PROBE_ENTRY}","ok":true}}' in with_table["output_tail"]


@pytest.mark.parametrize(("raw", "text"), [
    (bytes([0x31, 0xF8, 0xBF]), f"D{struct.unpack('<q', struct.pack('<d', -1.5))[0]};"),  # right-zero-extended
    (bytes([0x30, 0x80, 0x3F]), f"F{struct.unpack('<i', struct.pack('<f', 1.0))[0]};"),
    (bytes([0x06, 0xFE]), "J-2;"),
    (bytes([0x24, 0xFF, 0x7F]), "I32767;"),
    (bytes([0x03, 0x78]), "C120;"),
    (bytes([0x3F]), "Z1;"),
    (bytes([0x1F]), "Z0;"),
    (bytes([0x1C, 0x02, 0x04, 0x05, 0x04, 0xFF]), "[2;I5;I-1;"),
    (bytes([0x17, 0x00]), "s" + "héllo".encode().hex() + ";"),
    (bytes([0x18, 0x00]), "c" + b"Ljava/lang/String;".hex() + ";"),
])
def test_annotation_values_as_the_table_writes_them(raw: bytes, text: str) -> None:
    dex = dexfmt.Dex("t.dex", len(raw), ["héllo"], ["Ljava/lang/String;"], [], [], [], data=raw)
    enc = dexsig._Encoder(dex, dexfmt.DecodeBudget("t.dex", 1 << 20))
    assert enc.value(0, 0) == (text, len(raw))


def test_annotation_values_java_annotations_cannot_hold_are_left_out() -> None:
    dex = dexfmt.Dex("t.dex", 1, [], [], [], [], [], data=bytes([0x1E]))  # VALUE_NULL
    with pytest.raises(dexsig._Unsupported):
        dexsig._Encoder(dex, dexfmt.DecodeBudget("t.dex", 1 << 20)).value(0, 0)


ANNOTATIONS_PROBE = """package appaudit.harness;

import jdk.internal.org.objectweb.asm.AnnotationVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;

/** Prints what FieldReads.Annotations visits for each value text given (one line each). */
public class AnnotationsProbe {
    public static void main(String[] args) {
        for (String text : args) {
            StringBuilder out = new StringBuilder();
            try {
                new FieldReads.Annotations(text).value(rec(out), "v");
            } catch (RuntimeException e) {
                out.append("error");
            }
            System.out.println(out.toString().trim());
        }
    }

    static AnnotationVisitor rec(StringBuilder out) {
        return new AnnotationVisitor(Opcodes.ASM8) {
            @Override public void visit(String n, Object v) {
                out.append(n).append('=').append(v).append(':').append(v.getClass().getSimpleName()).append(' ');
            }
            @Override public void visitEnum(String n, String d, String v) {
                out.append(n).append("=enum ").append(d).append('.').append(v).append(' ');
            }
            @Override public AnnotationVisitor visitArray(String n) {
                out.append(n).append("=[ ");
                return rec(out);
            }
            @Override public AnnotationVisitor visitAnnotation(String n, String d) {
                out.append(n).append("=@").append(d).append("( ");
                return rec(out);
            }
            @Override public void visitEnd() {
                out.append(") ");
            }
        };
    }
}
"""


def test_fieldreads_reads_the_annotation_text_dexsig_writes(tmp_path: Path) -> None:
    """The Java side of the table's annotation form: each value kind comes out as the ASM value the class file needs."""
    stubs = hostjvm.compile_stubs()
    home = hostjvm.java_home()
    src = tmp_path / "appaudit" / "harness" / "AnnotationsProbe.java"
    src.parent.mkdir(parents=True)
    src.write_text(ANNOTATIONS_PROBE, encoding="utf-8")
    export = ["--add-exports", hostjvm.ASM_EXPORT]
    subprocess.run([str(home / "bin" / "javac"), *export, "-cp", str(stubs.classes), "-d", str(tmp_path / "out"),
                    str(src)], check=True, capture_output=True, timeout=120)
    cases = {
        f"D{struct.unpack('<q', struct.pack('<d', -1.5))[0]};": "v=-1.5:Double",
        f"F{struct.unpack('<i', struct.pack('<f', 1.0))[0]};": "v=1.0:Float",
        "J-2;": "v=-2:Long", "I32767;": "v=32767:Integer", "C120;": "v=x:Character", "B-3;": "v=-3:Byte",
        "S7;": "v=7:Short", "Z1;": "v=true:Boolean", "s;": "v=:String",
        "s" + "héllo".encode().hex() + ";": "v=héllo:String",
        "c" + b"Ljava/lang/String;".hex() + ";": "v=Ljava/lang/String;:Type",
        "e" + b"LE;".hex() + "," + b"RUNTIME".hex() + ";": "v=enum LE;.RUNTIME",
        "[2;I5;I-1;": "v=[ null=5:Integer null=-1:Integer )",
        "@" + b"LA;".hex() + ",1;" + b"x".hex() + ",Z0;": "v=@LA;( x=false:Boolean )",
        "Q1;": "error", "I12": "error",
    }
    proc = subprocess.run([str(home / "bin" / "java"), *export, "-Dfile.encoding=UTF-8", "-cp",
                           f"{stubs.classes}:{tmp_path / 'out'}", "appaudit.harness.AnnotationsProbe", *cases],
                          capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.splitlines() == list(cases.values())
