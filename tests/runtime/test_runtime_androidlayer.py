"""appaudit.runtime.androidlayer: framework references from real dex, the spec, and LayerWriter's classes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLES

from appaudit.runtime import androidlayer, hostjvm
from appaudit.static import apk as apkfmt
from appaudit.static import dex as dexfmt


def _dexes(path: Path) -> list[dexfmt.Dex]:
    return [dexfmt.load(data, name) for name, data in apkfmt.unpack(path).dex]


def test_references_of_a_sample_app() -> None:
    refs = androidlayer.references(_dexes(SAMPLES / "demo-preconsent" / "demo-preconsent.apk"))
    # What the app extends is a class, what it calls statically is static, app classes are never generated.
    assert refs.types["Landroid/app/Activity;"].kind == "class"
    assert refs.methods[("Landroid/provider/Settings$Secure;", "getString",
                         "(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;")] == "s"
    assert refs.methods[("Landroid/telephony/TelephonyManager;", "getDeviceId", "()Ljava/lang/String;")] == "v"
    assert not any(t.startswith("Lcom/appaudit/") for t in refs.types)
    assert refs.app_classes > 0


def test_inherited_members_go_to_the_framework_ancestor_and_hierarchy_closes() -> None:
    refs = androidlayer.References()
    refs.types["Landroid/app/IntentService;"] = androidlayer.TypeRef()
    androidlayer._close_hierarchy(refs)
    # IntentService -> Service -> ContextWrapper -> Context, from android_hierarchy.toml
    assert refs.types["Landroid/app/IntentService;"].superclass == "Landroid/app/Service;"
    assert "Landroid/content/ContextWrapper;" in refs.types and "Landroid/content/Context;" in refs.types
    lines = androidlayer.spec_lines(refs)
    assert "C\tandroid/app/IntentService\tc\tandroid/app/Service\t" in lines


def test_unknown_exception_types_are_throwables() -> None:
    refs = androidlayer.References()
    refs.types["Landroid/foo/BarException;"] = androidlayer.TypeRef(kind="class")
    refs.types["Landroid/os/RemoteException;"] = androidlayer.TypeRef(kind="class")
    androidlayer._close_hierarchy(refs)
    lines = {line.split("\t")[1]: line.split("\t") for line in androidlayer.spec_lines(refs) if line.startswith("C")}
    assert lines["android/foo/BarException"][2:4] == ["t", "java/lang/RuntimeException"]
    assert lines["android/os/RemoteException"][2:4] == ["t", "android/util/AndroidException"]


def _probe_output(tmp_path: Path, refs: androidlayer.References, source: str) -> subprocess.CompletedProcess[str]:
    """Write REFS' layer, compile Probe.java (SOURCE) against it and run it."""
    stubs = hostjvm.compile_stubs()
    home = hostjvm.java_home()

    def run(argv: list[str]) -> None:
        subprocess.run(argv, check=True, capture_output=True)

    layer = androidlayer.write_layer(refs, tmp_path / "layer", home / "bin" / "java", stubs.classes, run)
    probe = tmp_path / "src" / "Probe.java"
    probe.parent.mkdir()
    probe.write_text(source, encoding="utf-8")
    cp = f"{layer.classes}:{stubs.classes}"
    subprocess.run([str(home / "bin" / "javac"), "-cp", cp, "-d", str(tmp_path / "out"), str(probe)], check=True)
    return subprocess.run(
        [str(home / "bin" / "java"), "-cp", f"{tmp_path / 'out'}:{cp}", "Probe"], capture_output=True, text=True
    )


@pytest.mark.slow
def test_layer_writer_classes_load_and_answer_harmless_values(tmp_path: Path) -> None:
    """Generate a small layer, then call it from Java: defaults, default-argument getters, completed stubs."""
    refs = androidlayer.References()
    refs.types["Landroid/foo/Widget;"] = androidlayer.TypeRef(kind="class")
    refs.types["Landroid/foo/Listener;"] = androidlayer.TypeRef(kind="interface")
    refs.types["Landroid/content/Intent;"] = androidlayer.TypeRef(kind="class")
    refs.methods[("Landroid/foo/Widget;", "label", "()Ljava/lang/String;")] = "v"
    refs.methods[("Landroid/foo/Widget;", "items", "()Ljava/util/List;")] = "s"
    refs.methods[("Landroid/foo/Widget;", "getCount", "(Ljava/lang/String;I)I")] = "v"
    refs.methods[("Landroid/foo/Widget;", "listener", "()Landroid/foo/Listener;")] = "v"
    refs.methods[("Landroid/foo/Listener;", "size", "()I")] = "v"
    # a known constant gets its value and an accessor (what FieldReads rewrites getstatic into)
    refs.types["Landroid/provider/MediaStore$Audio$Media;"] = androidlayer.TypeRef(kind="class")
    refs.fields[("Landroid/provider/MediaStore$Audio$Media;", "EXTERNAL_CONTENT_URI", "Landroid/net/Uri;")] = "s"
    # a member the hand-written Intent lacks is added to it
    refs.methods[("Landroid/content/Intent;", "getShortExtra", "(Ljava/lang/String;S)S")] = "v"
    out = _probe_output(
        tmp_path,
        refs,
        """public class Probe {
    public static void main(String[] a) {
        android.foo.Widget w = new android.foo.Widget();
        System.out.println("[" + w.label() + "]" + android.foo.Widget.items().size() + " " + w.getCount("k", 7)
            + " " + (w.listener() != null) + " " + w.listener().size()
            + " " + new android.content.Intent("x").getShortExtra("s", (short) 3)
            + " " + new android.content.Intent("x").getAction()
            + " " + uri());
    }

    static Object uri() {
        try {  // a nested class written without InnerClasses: javac sees it only by reflection
            Class<?> c = Class.forName("android.provider.MediaStore$Audio$Media");
            return c.getMethod("EXTERNAL_CONTENT_URI$read").invoke(null);
        } catch (Exception e) {
            return e;
        }
    }
}
""",
    )
    assert out.stdout.strip() == "[]0 7 true 0 3 x content://media/external/audio/media", out.stderr


@pytest.mark.slow
def test_a_field_a_supertype_holds_is_not_written_again(tmp_path: Path) -> None:
    """An app that reads ServiceInfo.metaData (Firebase's registrar discovery) reads the hand-written
    PackageItemInfo's field: a copy generated on ServiceInfo hid it and was always null. The same for a field of a
    generated superclass that the app also reads through a generated subclass."""
    refs = androidlayer.References()
    refs.types["Landroid/content/pm/ServiceInfo;"] = androidlayer.TypeRef(kind="class")
    refs.fields[("Landroid/content/pm/ServiceInfo;", "metaData", "Landroid/os/Bundle;")] = "v"
    refs.fields[("Landroid/content/pm/ServiceInfo;", "splitName", "Ljava/lang/String;")] = "v"  # not held above
    refs.types["Landroid/foo/Base;"] = androidlayer.TypeRef(kind="class")
    refs.types["Landroid/foo/Sub;"] = androidlayer.TypeRef(kind="class", superclass="Landroid/foo/Base;")
    refs.fields[("Landroid/foo/Base;", "count", "I")] = "v"
    refs.fields[("Landroid/foo/Sub;", "count", "I")] = "v"
    out = _probe_output(
        tmp_path,
        refs,
        """public class Probe {
    public static void main(String[] a) throws Exception {
        android.content.pm.ServiceInfo s = android.content.pm.ServiceInfo.forApp("com.x.Discovery");
        Class<?> sub = Class.forName("android.foo.Sub");
        System.out.println((s.metaData != null) + " " + own(android.content.pm.ServiceInfo.class, "metaData") + " "
            + own(android.content.pm.ServiceInfo.class, "splitName") + " " + own(sub, "count") + " "
            + own(sub.getSuperclass(), "count"));
    }

    static boolean own(Class<?> c, String name) {
        for (java.lang.reflect.Field f : c.getDeclaredFields()) if (f.getName().equals(name)) return true;
        return false;
    }
}
""",
    )
    assert out.stdout.split() == ["true", "false", "true", "false", "true"], out.stderr


def test_hostile_type_names_never_reach_the_writer() -> None:
    assert androidlayer.is_framework("Landroid/os/Handler$Callback;")
    for bad in ("Landroid/../../etc/x;", "Landroid/a\tb;", "Landroid/x\nC\tjava/lang/Y;", "Landroid//x;"):
        assert not androidlayer.is_framework(bad)
    refs = androidlayer.References()
    refs.types["Landroid/ok/A;"] = androidlayer.TypeRef(kind="class")
    refs.methods[("Landroid/ok/A;", "bad\tname", "()V")] = "v"
    refs.methods[("Landroid/ok/A;", "good", "()V")] = "v"
    lines = androidlayer.spec_lines(refs)
    assert any("\tgood\t" in line for line in lines) and not any("bad" in line for line in lines)
    assert all(line.count("\t") in (4, 5) for line in lines)


# An app the way huanchong's pull-to-refresh header and amap's map view are written: an animation kept in a field of
# its base class (android.foo types, which no curated hierarchy knows), and an app class whose interface method is
# implemented by its framework superclass.
APP_SMALI = {
    "Header.smali": """.class public Lcom/t/app/Header;
.super Ljava/lang/Object;
.field anim:Landroid/foo/BaseAnimation;
.method public constructor <init>()V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    new-instance v0, Landroid/foo/SpinAnimation;
    invoke-direct {v0}, Landroid/foo/SpinAnimation;-><init>()V
    iput-object v0, p0, Lcom/t/app/Header;->anim:Landroid/foo/BaseAnimation;
    new-instance v1, Landroid/foo/LinearEasing;
    invoke-direct {v1}, Landroid/foo/LinearEasing;-><init>()V
    invoke-virtual {v0, v1}, Landroid/foo/BaseAnimation;->setEasing(Landroid/foo/Easing;)V
    invoke-interface {v1}, Landroid/foo/Easing;->ease()V
    return-void
.end method
""",
    "Surface.smali": """.class public interface abstract Lcom/t/app/Surface;
.super Ljava/lang/Object;
.method public abstract setRenderer(Ljava/lang/Object;)V
.end method
""",
    "MapSurface.smali": """.class public Lcom/t/app/MapSurface;
.super Landroid/opengl/GLSurfaceView;
.implements Lcom/t/app/Surface;
.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/opengl/GLSurfaceView;-><init>()V
    return-void
.end method
""",
}


def _smali_dex(tmp_path: Path, sources: dict[str, str]) -> dexfmt.Dex:
    smali = shutil.which("smali")
    if smali is None:
        pytest.skip("smali is not installed (scripts/setup.sh installs it)")
    src = tmp_path / "smali"
    src.mkdir()
    for name, text in sources.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "classes.dex"
    subprocess.run([smali, "assemble", "-o", str(out), str(src)], check=True, capture_output=True, timeout=120)
    return dexfmt.load(out.read_bytes(), "classes.dex")


def test_the_app_code_gives_generated_types_their_supertypes(tmp_path: Path) -> None:
    refs = androidlayer.references([_smali_dex(tmp_path, APP_SMALI)])
    assert refs.types["Landroid/foo/SpinAnimation;"].superclass == "Landroid/foo/BaseAnimation;"
    assert refs.types["Landroid/foo/LinearEasing;"].interfaces == ("Landroid/foo/Easing;",)
    assert refs.inferred == 2
    # MapSurface inherits setRenderer from GLSurfaceView: the generated GLSurfaceView must have it.
    assert refs.methods[("Landroid/opengl/GLSurfaceView;", "setRenderer", "(Ljava/lang/Object;)V")] == "v"


def _proved(refs: androidlayer.References, flows: set[tuple[str, str]]) -> dict[str, tuple[str, tuple[str, ...]]]:
    refs.inferred = androidlayer._infer_hierarchy(refs, flows)
    return {t: (r.superclass, r.interfaces) for t, r in refs.types.items()}


def test_inferred_supertypes_chain_and_never_cycle_or_override_the_curated_ones() -> None:
    refs = androidlayer.References()
    for t in ("Lx/A;", "Lx/B;", "Lx/C;", "Lx/D;", "Lx/E;", "Lx/FooException;", "Landroid/app/Activity;"):
        refs.types[t] = androidlayer.TypeRef(kind="class")
    refs.types["Lx/I;"] = androidlayer.TypeRef(kind="interface")
    androidlayer._close_hierarchy(refs)
    activity = refs.types["Landroid/app/Activity;"].superclass
    got = _proved(refs, {
        ("Lx/A;", "Lx/B;"), ("Lx/A;", "Lx/C;"), ("Lx/D;", "Lx/C;"),  # C is above more: A -> B -> C
        ("Lx/A;", "Lx/I;"),  # an interface is implemented, not extended
        ("Lx/C;", "Lx/A;"),  # would close a cycle
        ("Lx/E;", "Lx/FooException;"),  # a plain class never becomes a throwable's subclass, nor the reverse
        ("Landroid/app/Activity;", "Lx/E;"),  # curated types keep their hierarchy
    })  # fmt: skip
    assert got["Lx/A;"] == ("Lx/B;", ("Lx/I;",))
    assert got["Lx/B;"][0] == "Lx/C;" and got["Lx/D;"][0] == "Lx/C;"
    assert got["Lx/C;"][0] in ("", "Ljava/lang/Object;") and got["Lx/E;"][0] in ("", "Ljava/lang/Object;")
    assert got["Landroid/app/Activity;"][0] == activity
    assert refs.inferred == 4
    # The subclasses' constructors call super(): the superclasses get a no-argument constructor.
    assert refs.methods[("Lx/C;", "<init>", "()V")] == "v"


@pytest.mark.slow
def test_a_generated_subclass_is_usable_as_its_supertype_on_the_jvm(tmp_path: Path) -> None:
    """javac compiles against the layer only if SpinAnimation is a BaseAnimation; the run calls through it."""
    refs = androidlayer.references([_smali_dex(tmp_path, APP_SMALI)])
    out = _probe_output(
        tmp_path,
        refs,
        """public class Probe {
    public static void main(String[] a) {
        android.foo.BaseAnimation anim = new android.foo.SpinAnimation();
        anim.setEasing(new android.foo.LinearEasing());
        android.opengl.GLSurfaceView v = new android.opengl.GLSurfaceView();
        v.setRenderer(null);
        android.view.View view = v;  // GLSurfaceView -> SurfaceView -> View, from the curated hierarchy
        System.out.println("ok " + (anim instanceof android.foo.BaseAnimation) + " " + (view != null));
    }
}
""",
    )
    assert out.stdout.strip() == "ok true true", out.stderr


def test_the_curated_hierarchy_is_acyclic_and_interfaces_extend_no_class() -> None:
    known = androidlayer.hierarchy()
    for t, ref in known.items():
        if ref.kind == "interface":
            assert ref.superclass in ("Ljava/lang/Object;", ""), t
            continue
        seen = {t}
        s = ref.superclass
        while s in known:  # the chain ends in a JDK class (Object, an exception, HashMap...)
            assert s not in seen, f"cycle through {t}"
            assert known[s].kind != "interface", f"{t} extends the interface {s}"
            seen.add(s)
            s = known[s].superclass
        for i in ref.interfaces:
            assert i not in known or known[i].kind == "interface", f"{t} implements the class {i}"
