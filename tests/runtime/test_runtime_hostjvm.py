"""appaudit.runtime.hostjvm: manifest entry points, profile serving, caches, truststore, bad input."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import AGGRESSIVE, SAMPLE_APPS, SAMPLES, expected

from appaudit.errors import InputError
from appaudit.hosts import parse_proxy
from appaudit.network.profile import read_profile_document
from appaudit.runtime import hostjvm, session
from appaudit.static import manifest as static_manifest
from appaudit.static.manifest import Component, ComponentType, IntentFilter


@pytest.mark.parametrize("app", (*SAMPLE_APPS, AGGRESSIVE))
def test_manifest_entry_points(app: str) -> None:
    m = hostjvm.read_manifest(SAMPLES / app / f"{app}.apk")
    want = expected(app)
    assert m.package == want["package"]
    assert m.application == want["components"]["application"]
    assert m.launcher == want["components"]["launcher"]
    assert list(m.services) == want["components"]["services"]


def _component(ctype: ComponentType, name: str, actions: tuple[str, ...] = (), categories: tuple[str, ...] = (),
               target: str = "") -> Component:
    filters = (IntentFilter(actions, categories, ()),) if actions else ()
    return Component(ctype, name, False, False, True, "", filters, (), target=target)


def test_manifest_of_takes_the_static_parser_view() -> None:
    """The launcher through an activity-alias, providers, receivers with their actions, version, meta-data."""
    parsed = static_manifest.Manifest(
        package="com.x", version_name="2.1", version_code="21", min_sdk=21, target_sdk=30,
        application="com.x.App", framework_classes=(), debuggable=False, allow_backup=True, permissions=(),
        custom_permissions=(),
        components=(
            _component(ComponentType.ACTIVITY, "com.sdk.AdActivity"),
            _component(ComponentType.ACTIVITY, "com.x.Main"),
            _component(ComponentType.ACTIVITY_ALIAS, "com.x.Launcher", ("android.intent.action.MAIN",),
                       ("android.intent.category.LAUNCHER",), target="com.x.Main"),
            _component(ComponentType.ACTIVITY, "com.x.MapScreen"),
            _component(ComponentType.SERVICE, "com.sdk.Svc"),
            _component(ComponentType.PROVIDER, "com.sdk.InitProvider"),
            _component(ComponentType.RECEIVER, "com.sdk.Boot", ("android.intent.action.BOOT_COMPLETED",)),
        ),
        meta_data=(("UMENG_APPKEY", "abc"),),
    )
    m = hostjvm.manifest_of(parsed)
    assert (m.package, m.application, m.launcher, m.services) == ("com.x", "com.x.App", "com.x.Main", ("com.sdk.Svc",))
    assert m.activities == ("com.x.MapScreen", "com.sdk.AdActivity")  # the app's own screens first, no launcher
    assert m.providers == ("com.sdk.InitProvider",)
    assert m.receivers == (("com.sdk.Boot", ("android.intent.action.BOOT_COMPLETED",)),)
    props = hostjvm.app_properties(m, ["lib/arm64-v8a/libx.so"])
    assert "version_name=2.1" in props and "meta.UMENG_APPKEY=abc" in props
    assert "native_libs=lib/arm64-v8a/libx.so" in props


def test_profile_properties() -> None:
    text = hostjvm.profile_properties(
        {
            "imei": "1",
            "app_list": ["a", "b"],
            "wifi_info": ["ssid", "aa:bb"],
            "location_precise": {"lat": 1.5},
            "_build": {"VERSION.SDK_INT": 30},
            "clipboard": " 复制\n第二行",
            "flag": True,
        }
    )
    lines = text.splitlines()
    for want in (
        "imei=1",
        "app_list=a,b",
        "app_list.0=a",
        "wifi_info.1=aa:bb",
        "location_precise.lat=1.5",
        "_build.VERSION.SDK_INT=30",
        "clipboard=\\ 复制\\n第二行",
        "flag=true",
    ):
        assert want in lines


def test_caches_are_reused() -> None:
    apk = SAMPLES / "demo-clean" / "demo-clean.apk"
    jar = hostjvm.enjarify(apk)
    stamp = jar.stat().st_mtime_ns
    assert hostjvm.enjarify(apk) == jar and jar.stat().st_mtime_ns == stamp
    stubs = hostjvm.compile_stubs()
    assert hostjvm.compile_stubs() == stubs
    assert (stubs.classes / "android" / "telephony" / "TelephonyManager.class").is_file()


def test_truststore_from_a_pem(tmp_path: Path) -> None:
    home = hostjvm.java_home()
    ks = tmp_path / "ca.p12"
    subprocess.run(
        [
            str(home / "bin" / "keytool"),
            "-genkeypair",
            "-keystore",
            str(ks),
            "-storepass",
            "secret12",
            "-alias",
            "ca",
            "-keyalg",
            "EC",
            "-dname",
            "CN=test-ca",
            "-ext",
            "bc:c",
            "-validity",
            "2",
        ],
        check=True,
        capture_output=True,
    )
    pem = tmp_path / "ca.pem"
    subprocess.run(
        [
            str(home / "bin" / "keytool"),
            "-exportcert",
            "-rfc",
            "-keystore",
            str(ks),
            "-storepass",
            "secret12",
            "-alias",
            "ca",
            "-file",
            str(pem),
        ],
        check=True,
        capture_output=True,
    )
    store = hostjvm.truststore(pem)
    listing = subprocess.run(
        [str(home / "bin" / "keytool"), "-list", "-keystore", str(store), "-storepass", hostjvm.TRUSTSTORE_PASS],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "appaudit-proxy-ca" in listing
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n", encoding="utf-8")
    with pytest.raises(InputError):
        hostjvm.truststore(bad)


def test_bad_input(tmp_path: Path) -> None:
    for proxy in ("nohost", "h:0", "h:99999", ":80", "h:x"):
        with pytest.raises(InputError):
            parse_proxy(proxy)
    assert parse_proxy("127.0.0.1:8080") == ("127.0.0.1", 8080)
    broken = tmp_path / "p.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        read_profile_document(broken)
    with pytest.raises(InputError):
        hostjvm.read_manifest(broken)
    with pytest.raises(InputError):
        hostjvm.enjarify(tmp_path / "missing.apk")


def test_harness_plays_the_consent_action(tmp_path: Path) -> None:
    manifest = hostjvm.Manifest(package="com.x", application=None, launcher="com.x.Main")
    jar = tmp_path / "app.jar"
    jar.write_bytes(b"")

    def harness(**options: object) -> list[str]:
        argv = list(hostjvm.prepare_jar(jar, manifest, tmp_path / "wd", **options).argv)  # type: ignore[arg-type]
        return argv[argv.index(hostjvm.HARNESS_MAIN) :]

    assert harness()[-2:] == ["--consent-action", "agree"]
    screens = replace(manifest, activities=("com.x.Map", "com.x.Settings", "com.sdk.Ad"))
    argv = list(hostjvm.prepare_jar(jar, screens, tmp_path / "wd", screens=2).argv)
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--screen"] == ["com.x.Map", "com.x.Settings"]
    assert "--screen" not in hostjvm.prepare_jar(jar, screens, tmp_path / "wd", screens=0).argv
    argv = list(hostjvm.prepare_jar(jar, screens, tmp_path / "wd", clicks=3).argv)
    assert argv[argv.index("--clicks") + 1] == "3"
    refuse = harness(consent_action="refuse", refusal_target="com.x.Dialog.no")
    assert refuse[-4:] == ["--refusal", "com.x.Dialog.no", "--consent-action", "refuse"]
    # the older switch still means "leave the dialog unanswered", whatever the action says
    assert harness(consent_action="refuse", run_consent=False)[-2:] == ["--consent-action", "none"]
    with pytest.raises(InputError, match="consent-action"):
        harness(consent_action="maybe")


def test_cache_dir_follows_the_catalogue_cache_and_never_goes_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(hostjvm.ENV_CACHE, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "")  # empty means unset (XDG base-directory spec), not "here"
    assert hostjvm.cache_dir() == tmp_path / ".cache" / "appaudit"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert hostjvm.cache_dir() == tmp_path / "xdg" / "appaudit"
    monkeypatch.setenv(hostjvm.ENV_CACHE, str(tmp_path / "own"))
    assert hostjvm.cache_dir() == tmp_path / "own" and (tmp_path / "own").is_dir()


def test_prepare_of_a_missing_apk_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such APK"):
        hostjvm.prepare(tmp_path / "none.apk", tmp_path / "work")


def test_a_missing_default_profile_is_an_error_not_a_blank_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blank identifiers would look like reads and match no traffic: refuse to run without the profile."""
    monkeypatch.setattr(hostjvm, "DEFAULT_PROFILE", tmp_path / "gone.json")
    from click.testing import CliRunner

    from appaudit.cli import main

    apk = Path(__file__).resolve().parents[2] / "sample_apks" / "demo-clean" / "demo-clean.apk"
    r = CliRunner().invoke(main, ["run", str(apk), "--backend", "hostjvm", "-o", str(tmp_path / "t.jsonl")])
    assert r.exit_code == 2 and "default device profile is missing" in r.output and "Traceback" not in r.output


def test_layout_click_handlers_are_read_from_a_real_apk(shared_dir: Path) -> None:
    """jaxlifu's pay demo binds its two buttons in XML (android:onClick="alipay" / "wechat"), not in code."""
    line = hostjvm.layout_handlers(shared_dir / "corpus/apks/jaxlifu__pay__app-release.apk")
    assert line.startswith("layout.onclick=") and line.endswith("\n")
    assert {"alipay", "wechat"} <= set(line.strip().split("=", 1)[1].split(","))
    assert hostjvm.layout_handlers(SAMPLES / "demo-news" / "demo-news.apk") == ""  # no layout binds a tap


@pytest.mark.slow
@pytest.mark.parametrize(
    ("apk", "entry", "read"),
    [
        # The pay button (android:onClick="alipay") reaches Alipay's SDK and Alibaba's UTDID, which reads the IMEI.
        ("jaxlifu__pay__app-release.apk", "click com.yimeng.pay.MainActivity android:onClick alipay",
         ("imei", "alibaba-utdid")),
        # A RotateAnimation in an Animation field crashed the JVM before the layer knew the hierarchy; now the
        # app's AMap location service runs and reads the sensors.
        ("1041643898__huanchong__app-release.apk", "Activity.onCreate com.example.a666.petapp.HomePageActivity",
         ("sensors", "amap-location")),
    ],
)
def test_real_apps_screens_and_buttons_reach_their_sdks(
    shared_dir: Path, tmp_path: Path, apk: str, entry: str, read: tuple[str, str]
) -> None:
    out = session.run(shared_dir / "corpus/apks" / apk, "hostjvm", tmp_path / "t.jsonl", consent_action="absent")
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["type"] == "harness" and r["entry"] == entry and r["ok"] for r in recs), entry
    assert read in {(r["data_type"], r["actor"]) for r in recs if r["type"] == "read"}
    end = recs[-1]
    assert end["type"] == "end" and end["harness"]["finished"] is True and "degraded" not in end, end


def _run_java(
    tmp_path: Path, main: str, sources: dict[str, str], *props: str, classpath: tuple[Path, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """SOURCES (path -> Java text) compiled against the stubs (and CLASSPATH), then MAIN run with the system
    properties PROPS ("-Dk=v"): the stubs' behaviour seen from Java, without an app or a sandbox."""
    cp = ":".join(str(p) for p in (*classpath, hostjvm.compile_stubs().classes))
    home = hostjvm.java_home()
    src, out = tmp_path / "java", tmp_path / "classes"
    for rel, text in sources.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    subprocess.run([str(home / "bin" / "javac"), "-cp", cp, "-d", str(out), *(str(src / r) for r in sources)],
                   check=True)  # fmt: skip
    return subprocess.run([str(home / "bin" / "java"), *props, "-cp", f"{out}:{cp}", main], capture_output=True,
                          text=True, timeout=60)  # fmt: skip


@pytest.mark.slow
def test_the_app_package_info_carries_its_signing_certificate(tmp_path: Path) -> None:
    """PackageInfo.signatures of the app itself is its APK's v1 certificate (SDKs check it at init)."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

    apk = SAMPLES / "demo-news" / "demo-news.apk"
    with zipfile.ZipFile(apk) as z:
        block = z.read(next(n for n in z.namelist() if n.startswith("META-INF/") and n.endswith(".RSA")))
    want = hashlib.sha256(pkcs7.load_der_pkcs7_certificates(block)[0].public_bytes(Encoding.DER)).hexdigest()
    sig = """public class Sig {
    public static void main(String[] a) throws Exception {
        android.content.pm.PackageInfo p = new android.app.ApplicationPackageManager().getPackageInfo("com.x", 64);
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(p.signatures[0].toByteArray());
        System.out.println(String.format("%064x", new java.math.BigInteger(1, d)) + " " + p.signatures.length
            + " " + p.signatures[0].equals(new android.content.pm.Signature(p.signatures[0].toCharsString())));
    }
}
"""
    out = _run_java(tmp_path, "Sig", {"Sig.java": sig}, f"-Dappaudit.apk={apk}", "-Dappaudit.package=com.x")
    assert out.stdout.split() == [want, "1", "true"], out.stderr


@pytest.mark.slow
def test_meta_data_references_reach_the_app_as_android_resolves_them(shared_dir: Path, tmp_path: Path) -> None:
    """blooddonation's `com.google.android.gms.version` is `@integer/google_play_services_version`: AdMob's
    AdActivity reads it with getInt and stops the screen when it is 0. An android:resource reference to a file
    (res/xml/preferences.xml) stays the resource id, as on Android."""
    apk = shared_dir / "corpus/apks/Exodus-Privacy__exodus-core__blooddonation.apk"
    m = replace(hostjvm.read_manifest(apk), meta_data=(("com.google.android.gms.version", "@7F0B0006"),
                                                        ("x.xml", "@7F060000"), ("x.flag", "@7F0A0000"),
                                                        ("x.key", "abc")))
    with zipfile.ZipFile(apk) as z:
        res = hostjvm.resource_properties(z.read("resources.arsc"), m.package, [v for _k, v in m.meta_data])
    assert "res.0x7f0b0006=11020000" in res.splitlines()
    props = tmp_path / "app.properties"
    props.write_text(hostjvm.app_properties(m) + res, encoding="utf-8")
    meta = """public class Meta {
    public static void main(String[] a) {
        android.os.Bundle b = android.content.pm.ApplicationInfo.forApp().metaData;
        System.out.println(b.getInt("com.google.android.gms.version") + " " + b.getInt("x.xml") + " "
            + b.getBoolean("x.flag") + " " + b.getString("x.key"));
    }
}
"""
    out = _run_java(tmp_path, "Meta", {"Meta.java": meta}, f"-Dappaudit.app={props}")
    assert out.stdout.split() == ["11020000", str(0x7F060000), "true", "abc"], out.stderr


@pytest.mark.slow
def test_resource_ids_and_raw_files_reach_the_app(shared_dir: Path, tmp_path: Path) -> None:
    """yuliaoku finds its resources by name (getIdentifier) and copies its dictionary database out of
    res/raw/medical (openRawResource) before any screen works."""
    apk = shared_dir / "corpus/apks/24__yuliaoku-master__app-debug.apk"
    with zipfile.ZipFile(apk) as z:
        res = hostjvm.resource_properties(z.read("resources.arsc"), "com.xya.csu").splitlines()
    assert "id.raw/medical=0x7f060000" in res and "file.0x7f060000=res/raw/medical" in res
    assert sum(line.startswith("id.") for line in res) > 1000
    props = tmp_path / "app.properties"
    props.write_text("\n".join(res) + "\n", encoding="utf-8")
    raw = """public class Raw {
    public static void main(String[] a) throws Exception {
        android.content.res.Resources r = android.content.res.Resources.forApp();
        int id = r.getIdentifier("medical", "raw", "com.xya.csu");
        System.out.println(new String(r.openRawResource(id).readNBytes(15), "US-ASCII").replace(' ', '_'));
        try {
            r.openRawResource(0x7f069999);
        } catch (android.content.res.Resources.NotFoundException e) {
            System.out.println("not-found");
        }
    }
}
"""
    out = _run_java(tmp_path, "Raw", {"Raw.java": raw}, f"-Dappaudit.app={props}", f"-Dappaudit.apk={apk}")
    assert out.stdout.split() == ["SQLite_format_3", "not-found"], out.stderr


@pytest.mark.slow
def test_get_system_service_by_class_names_every_manager(tmp_path: Path) -> None:
    """Firebase's init asks `getSystemService(UserManager.class)`: every manager of the service table answers by
    class (a generated stub here, a class of the test's own), the hand-written ones too; a class that is no
    manager gets null, as on Android."""
    user_manager = "package android.os;\npublic class UserManager { public boolean isUserUnlocked() { return true; } }"
    svc = """public class Svc {
    public static void main(String[] a) {
        android.content.Context c = android.app.ContextImpl.get();
        System.out.println(c.getSystemService(android.os.UserManager.class).isUserUnlocked() + " "
            + c.getSystemServiceName(android.os.UserManager.class) + " "
            + c.getSystemServiceName(android.telephony.TelephonyManager.class) + " "
            + (c.getSystemService(String.class) == null));
    }
}
"""
    out = _run_java(tmp_path, "Svc", {"android/os/UserManager.java": user_manager, "Svc.java": svc})
    assert out.stdout.split() == ["true", "user", "phone", "true"], out.stderr


INIT_SMALI = """.class public Lcom/t/Init;
.super Ljava/lang/Object;
.field public static minus100:I = -0x64
.field public static plus156:I = 0x9c
.field public static minusOne:J = -0x1L
.field public static minusTwoShort:S = -0x2s
.field public static minusThreeByte:B = -0x3t
.field public static big:I = -0x12345678
"""


def test_static_field_initial_values_keep_their_sign(tmp_path: Path) -> None:
    """A dex writes `static int x = -100` in one byte, sign-extended; enjarify 1.0.3 read it unsigned (156),
    which made AppCompat's default night mode unknown to every AppCompat activity (enjarify_parallel mends it)."""
    if shutil.which("smali") is None:
        pytest.fail("smali missing: run scripts/setup.sh (make test installs it)")
    (tmp_path / "src" / "com" / "t").mkdir(parents=True)
    (tmp_path / "src" / "com" / "t" / "Init.smali").write_text(INIT_SMALI, encoding="utf-8")
    dex = tmp_path / "classes.dex"
    subprocess.run(["smali", "assemble", "-a", "21", "-o", str(dex), str(tmp_path / "src")], check=True)
    apk = tmp_path / "init.apk"
    with zipfile.ZipFile(apk, "w") as z:
        z.write(dex, "classes.dex")
    show = """public class Show {
    public static void main(String[] a) throws Exception {
        for (java.lang.reflect.Field f : Class.forName("com.t.Init").getDeclaredFields()) {
            System.out.println(f.getName() + "=" + f.get(null));
        }
    }
}
"""
    out = _run_java(tmp_path, "Show", {"Show.java": show}, classpath=(hostjvm.enjarify(apk),))
    assert sorted(out.stdout.split()) == sorted(
        ["minus100=-100", "plus156=156", "minusOne=-1", "minusTwoShort=-2", "minusThreeByte=-3", "big=-305419896"]
    ), out.stderr


@pytest.mark.slow
def test_android_base64_flags_and_the_app_component_infos(tmp_path: Path) -> None:
    """Base64 with Android's flags (Firebase Installations makes its id with URL_SAFE | NO_WRAP | NO_PADDING and
    cut it from an empty string before), and PackageManager.getServiceInfo answering for the app's own components
    with the manifest's meta-data, which Firebase reads its registrars from; another app's is not installed."""
    props = tmp_path / "app.properties"
    props.write_text("package=com.x\nmeta.com.google.firebase.components\\:com.x.R=registrar\n", encoding="utf-8")
    base64 = """import android.util.Base64;
public class B {
    public static void main(String[] a) throws Exception {
        byte[] b = {(byte) 0xfb, (byte) 0xff};
        System.out.println(Base64.encodeToString(b, Base64.URL_SAFE | Base64.NO_WRAP | Base64.NO_PADDING));
        System.out.println(Base64.encodeToString(b, Base64.DEFAULT).replace("\\n", "|"));
        System.out.println(Base64.encodeToString(new byte[60], Base64.DEFAULT).split("\\n").length);
        System.out.println(Base64.decode("-_8", Base64.URL_SAFE).length + " " + Base64.decode("+/8=\\n", 0)[0]);
        try {
            Base64.decode("*", 0);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage().replace(' ', '_'));
        }
        android.content.Context c = android.app.ContextImpl.get();
        android.content.pm.PackageManager pm = c.getPackageManager();
        android.content.pm.ServiceInfo s = pm.getServiceInfo(new android.content.ComponentName(c, "com.x.Disc"), 128);
        String key = "com.google.firebase.components:com.x.R";
        System.out.println(s.name + " " + s.packageName + " " + s.metaData.getString(key));
        try {
            pm.getActivityInfo(new android.content.ComponentName("com.other", "com.other.A"), 0);
        } catch (android.content.pm.PackageManager.NameNotFoundException e) {
            System.out.println("not-installed");
        }
    }
}
"""
    out = _run_java(tmp_path, "B", {"B.java": base64}, f"-Dappaudit.app={props}")
    assert out.stdout.split("\n")[:7] == [
        "-_8", "+/8=|", "2", "2 -5", "bad_base-64", "com.x.Disc com.x registrar", "not-installed"
    ], out.stdout + out.stderr


def test_a_new_conversion_forgets_the_jars_of_an_earlier_converter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jars are keyed by the APK and the converter: when the converter changes, the APK's older jars and their
    signature tables are removed (they would never be read again); a conversion being written is left alone."""
    monkeypatch.setenv(hostjvm.ENV_CACHE, str(tmp_path))
    apk = SAMPLES / "demo-clean" / "demo-clean.apk"
    sha = hashlib.sha256(apk.read_bytes()).hexdigest()
    jars = tmp_path / "jars"
    jars.mkdir()
    old = [f"{sha}.jar", f"{sha}.dexsig-2.tsv", f"{sha}-0123456789ab.jar", f"{sha}-0123456789ab.dexsig-2.tsv"]
    other_apk = sha[:-1] + ("1" if sha.endswith("0") else "0")  # another APK's jar
    kept = [f"{sha}-0123456789ab.77.tmp.jar", f"{other_apk}.jar", "other.jar"]
    for name in old + kept:
        (jars / name).write_bytes(b"x")
    jar = hostjvm.enjarify(apk)
    assert jar.parent == jars and jar.name.startswith(f"{sha}-") and zipfile.is_zipfile(jar)
    assert sorted(p.name for p in jars.iterdir()) == sorted([jar.name, *kept])
