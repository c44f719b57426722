"""The local JVM backend: runs an APK's own code on OpenJDK 17 under the Frida agent.

`convert` makes an APK ready (cached by its hash): enjarify turns all its dex into one jar (on every core,
enjarify_parallel.py) while androidlayer.py generates the APK's framework layer and consentpoint.py finds
its consent point; javac compiles the hand-written stubs and the harness of stubs/ once per source version.
`prepare_jar` writes the run's inputs: the device profile (sample_apks/device_profile.json by default) and
the app's own environment (manifest via static/manifest.py, string resources) as UTF-8 properties files,
and builds the java command line in ONE place (`java_command`, which the sandbox wraps). The harness calls
the app's entry points in Android's start order (docs/contracts.md). Files a profile defines (the Wi-Fi MAC
in /sys/class/net/wlan0/address) are served by the agent's open() overlay, so the app reads the profile
and not the host. HTTP(S) goes through the JVM proxy properties: to the user's proxy (mitmdump) with a
truststore of its CA, or else to a closed loopback port, so that no traffic leaves the machine.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from appaudit import resources, signatures, systools
from appaudit.errors import InputError, ToolMissingError
from appaudit.hosts import parse_proxy
from appaudit.limits import loads_json

# The profile reader is network's: runtime and network are sibling sources, not up or down the pipeline from
# each other, and network/profile.py is a leaf (ontology and errors only, no mitmproxy), so this adds no cycle
# and no heavy dependency. Its raw document is used because the stubs' properties are flattened from it.
from appaudit.network.profile import read_profile_document
from appaudit.runtime import androidlayer, consentpoint, dexsig

# The same sibling reasoning for the file hash: static/apk.py owns the app file and its sha256, and imports
# androguard only inside its binary-XML functions, so importing it here loads no heavy dependency.
from appaudit.static import dex as dexfmt
from appaudit.static import manifest as static_manifest
from appaudit.static import sdks
from appaudit.static.apk import file_sha256, parse_xml, unpack
from appaudit.static.manifest import ComponentType

ENV_CACHE = "APPAUDIT_CACHE"
STUBS = Path(__file__).resolve().parent / "stubs"
ENJARIFY_PARALLEL = Path(__file__).resolve().with_name("enjarify_parallel.py")
HARNESS_MAIN = "appaudit.harness.Main"
ASM_EXPORT = "java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED"
# Nothing listens on the discard port: with no --proxy, the app's HTTP fails fast on loopback.
OFFLINE_PROXY = ("127.0.0.1", 9)
TRUSTSTORE_PASS = "changeit"
# Real implementations of what Android ships (Debian libandroid-json-java and libbcprov-java).
REAL_LIBRARIES = (Path("/usr/share/java/com.android.json.jar"), Path("/usr/share/java/bcprov.jar"))
# Profile keys served as files of the simulated device (path -> profile key).
PROFILE_FILES = {"/sys/class/net/wlan0/address": "mac"}
DEFAULT_PROFILE = resources.locate(resources.DEVICE_PROFILE)
PROFILE_ENV = resources.DEVICE_PROFILE.env
# The user's answer to the privacy dialog that the harness plays. agree / refuse: it calls the consent / refusal
# method; none: it leaves the dialog unanswered (the launcher's start path only); absent: the app has no consent
# step, so its screens open with nothing agreed.
CONSENT_ACTIONS = ("agree", "refuse", "none", "absent")
# How many of the app's other activities the harness opens after an agreement, as a user reaching its screens
# would (the app's own first, then its SDKs'): reads that happen on a map, a share sheet or a settings screen.
DEFAULT_SCREENS = 8
# How many of a screen's views with a click listener the harness clicks once, as a user trying its buttons would
# (an SDK demo's "pay", "share" or "locate" button), on the same screens and under the same consent rule.
DEFAULT_CLICKS = 10


def java_home() -> Path:
    """The JDK 17 the backend runs (systools: $APPAUDIT_JAVA_HOME, $JAVA_HOME, the usual places, PATH)."""
    return systools.java_home()


def cache_dir() -> Path:
    """$APPAUDIT_CACHE, else the cache directory the signature catalogue uses ($XDG_CACHE_HOME/appaudit)."""
    env = os.environ.get(ENV_CACHE)
    base = Path(env) if env else signatures.cache_dir()
    base.mkdir(parents=True, exist_ok=True)
    return base


def _run(argv: Sequence[str], what: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as e:
        raise ToolMissingError(f"{argv[0]}: not installed (needed to {what})") from e
    except subprocess.TimeoutExpired as e:
        raise InputError(f"{what}: timed out after {timeout:.0f} s") from e
    return proc


def sources_key(root: Path) -> str:
    """A short hash of the Java sources under ROOT (names and contents): the cache key of what they compile to."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.java")):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def stubs_key() -> str:
    return sources_key(STUBS)


@functools.cache
def layer_key() -> str:
    """The cache key of generated layers: the stubs they complete and the code and data that choose
    their classes, members and hierarchy (a new release must not reuse an older release's layer)."""
    h = hashlib.sha256(stubs_key().encode())
    here = Path(__file__).resolve().parent
    # hostjvm.py: the layer directory also keeps what `convert` read of the APK (resources, layout handlers).
    for p in (here / "androidlayer.py", here / "android_hierarchy.toml", here / "android_constants.toml",
              here.parent / "static" / "dex.py", here / "hostjvm.py"):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Stubs:
    classes: Path  # compiled android.* stubs and the harness
    agent_jar: Path  # the FieldReads java agent (getstatic rewriting)


def compile_java_agent(
    sources: Path,
    out: Path,
    premain: str,
    jar_name: str,
    *,
    javac_args: Sequence[str] = (),
    jar_classes: Callable[[Path], list[Path]] | None = None,
) -> Path:
    """Compile every .java under SOURCES into OUT/classes and package a java agent OUT/JAR_NAME whose Premain-Class
    is PREMAIN (JAR_CLASSES picks the classes it holds from the classes dir; default all). Built in a temporary
    directory renamed into place, so parallel runs never see half a build; returns the jar."""
    jar = out / jar_name
    if jar.is_file():
        return jar
    home = java_home()
    tmp = out.with_name(f".{out.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    classes = tmp / "classes"
    classes.mkdir(parents=True)
    files = [str(p) for p in sorted(sources.rglob("*.java"))]
    javac = [str(home / "bin" / "javac"), "-nowarn", "-encoding", "UTF-8", *javac_args, "-d", str(classes), *files]
    proc = _run(javac, f"compile {sources.name}")
    if proc.returncode != 0:
        raise ToolMissingError(f"{sources}: javac failed:\n{proc.stderr[-2000:]}")
    manifest = tmp / "MANIFEST.MF"
    manifest.write_text(f"Premain-Class: {premain}\n", encoding="utf-8")
    picked = jar_classes(classes) if jar_classes is not None else None
    entries = ["-C", str(classes), "."] if picked is None else [
        a for cls in picked for a in ("-C", str(classes), str(cls.relative_to(classes)))
    ]
    proc = _run([str(home / "bin" / "jar"), "cfm", str(tmp / jar_name), str(manifest), *entries], f"package {jar_name}")
    if proc.returncode != 0:
        raise ToolMissingError(f"jar failed: {proc.stderr[-2000:]}")
    try:
        tmp.rename(out)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process won the race; its result is identical
    return jar


def compile_stubs() -> Stubs:
    """Compile stubs/ once per source version into the cache (atomic, safe for parallel runs)."""
    out = cache_dir() / f"stubs-{stubs_key()}"
    compile_java_agent(
        STUBS,
        out,
        "appaudit.harness.FieldReads",
        "fieldreads.jar",
        javac_args=("--add-exports", ASM_EXPORT),
        jar_classes=lambda classes: sorted((classes / "appaudit" / "harness").glob("FieldReads*.class")),
    )
    return Stubs(out / "classes", out / "fieldreads.jar")


def jar_path(apk: Path) -> Path:
    """Where the APK's converted jar is cached."""
    # Keyed by the converter too: a mend in enjarify_parallel.py must not reuse jars converted before it.
    return cache_dir() / "jars" / f"{file_sha256(apk)}-{_converter_key()}.jar"


@functools.cache
def _converter_key() -> str:
    return hashlib.sha256(ENJARIFY_PARALLEL.read_bytes()).hexdigest()[:12]


_Started = tuple[subprocess.Popen[str], Path, Path, Path]  # enjarify, its temp jar, its input, the cached jar


def _start_enjarify(apk: Path, jar: Path, dexes: Sequence[tuple[str, bytes]] = ()) -> _Started:
    """Start enjarify on APK in the background, towards JAR (`jar_path`; it is the slow step: the layer is
    generated meanwhile).

    DEXES given (the APK's dex files including nested ones, e.g. instant-run.zip), they are converted as
    one archive in class-path order, so code the APK keeps outside classes*.dex runs too.
    """
    jar.parent.mkdir(parents=True, exist_ok=True)
    tmp = jar.with_suffix(f".{os.getpid()}.tmp.jar")
    source = apk
    if dexes and any("!" in name.split("!", 1)[1] or "/" in name.split("!", 1)[1] for name, _ in dexes if "!" in name):
        source = jar.with_suffix(f".{os.getpid()}.dex.apk")
        with zipfile.ZipFile(source, "w", zipfile.ZIP_STORED) as z:
            for i, (_name, data) in enumerate(dexes):
                z.writestr("classes.dex" if i == 0 else f"classes{i + 1}.dex", data)
    enjarify_cmd = systools.enjarify_command()
    argv = [*enjarify_cmd, "--fast", "-f", "-o", str(tmp), str(source)]
    if enjarify_cmd[1:] == ("-m", "enjarify.main") and source.suffix.lower() == ".apk":
        # The same enjarify with its classes translated on every core (-I keeps this directory off sys.path).
        argv = [enjarify_cmd[0], "-I", str(ENJARIFY_PARALLEL), "--fast", "-o", str(tmp), str(source)]
    try:
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    except FileNotFoundError as e:
        raise systools.missing("enjarify", f"{enjarify_cmd[0]} (needed to convert {apk})") from e
    return proc, tmp, source, jar


def _finish_enjarify(apk: Path, started: _Started, timeout: float = 600) -> Path:
    proc, tmp, source, jar = started
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        proc.kill()
        proc.communicate()
        raise InputError(f"{apk}: enjarify timed out after {timeout:.0f} s") from e
    finally:
        if source != apk:
            source.unlink(missing_ok=True)
    if proc.returncode != 0 or not tmp.is_file():
        tmp.unlink(missing_ok=True)
        if "No module named enjarify" in err:
            raise systools.missing("enjarify")
        raise InputError(f"{apk}: enjarify could not convert it: {err.strip()[-500:]}")
    tmp.replace(jar)
    _forget_older_jars(jar)
    return jar


def _forget_older_jars(jar: Path) -> None:
    """Remove this APK's jars (and their signature tables) of an earlier converter: another cache key is never
    read again. A conversion still being written (`.tmp.`) is left to its writer."""
    sha = jar.name.split("-", 1)[0]
    for old in jar.parent.glob(f"{sha}*"):
        if old.name.startswith(jar.stem) or ".tmp." in old.name or old.suffix not in (".jar", ".tsv"):
            continue
        if old.name.startswith((f"{sha}.", f"{sha}-")):
            old.unlink(missing_ok=True)


def enjarify(apk: Path) -> Path:
    """The APK's dex as a jar (cached by the APK's SHA-256)."""
    if not apk.is_file():
        raise InputError(f"{apk}: no such APK")
    jar = jar_path(apk)
    if jar.is_file():
        return jar
    return _finish_enjarify(apk, _start_enjarify(apk, jar))


@dataclass(frozen=True, slots=True)
class Manifest:
    """The app's entry points and identity as the harness needs them (from the static manifest parser)."""

    package: str
    application: str | None
    launcher: str | None
    services: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()  # the other activities, the app's own package first (the harness's screens)
    providers: tuple[str, ...] = ()
    receivers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (class, actions of its intent filters)
    version_name: str = ""
    version_code: str = ""
    meta_data: tuple[tuple[str, str], ...] = ()
    # The app's own code (static.sdks.first_party), so that a read gets the actor the static side gives its class.
    namespaces: sdks.FirstParty = field(default_factory=sdks.FirstParty)

    def own_code(self) -> sdks.FirstParty:
        """The namespaces, else (a manifest given without them) the package alone."""
        return self.namespaces if self.namespaces.own else sdks.FirstParty(own=(self.package,))


def manifest_of(parsed: static_manifest.Manifest) -> Manifest:
    """The harness's view of the static side's manifest (the one manifest parser of the project)."""
    launcher = None
    activities: list[str] = []
    services: list[str] = []
    providers: list[str] = []
    receivers: list[tuple[str, tuple[str, ...]]] = []
    for c in parsed.components:
        if c.type in (ComponentType.ACTIVITY, ComponentType.ACTIVITY_ALIAS):
            for f in c.intent_filters:
                if launcher is None and "android.intent.action.MAIN" in f.actions and (
                    "android.intent.category.LAUNCHER" in f.categories
                ):
                    launcher = c.target or c.name
            if c.type is ComponentType.ACTIVITY:
                activities.append(c.name)
        elif c.type is ComponentType.SERVICE:
            services.append(c.name)
        elif c.type is ComponentType.PROVIDER:
            providers.append(c.name)
        elif c.type is ComponentType.RECEIVER:
            receivers.append((c.name, c.actions))
    return Manifest(
        package=parsed.package,
        application=parsed.application or None,
        launcher=launcher,
        services=tuple(services),
        # A stable sort: the app's own screens before an SDK's (its ad, login or share activities).
        activities=tuple(
            sorted((a for a in activities if a != launcher), key=lambda a: not a.startswith(parsed.package + "."))
        ),
        providers=tuple(providers),
        receivers=tuple(receivers),
        version_name=parsed.version_name,
        version_code=parsed.version_code,
        meta_data=parsed.meta_data,
        namespaces=sdks.first_party(signatures.load_or_none(), parsed),
    )


def read_manifest(apk: Path) -> Manifest:
    """APK's manifest through static/manifest.py (hostile input: bounded, InputError on a broken APK)."""
    return manifest_of(static_manifest.parse(unpack(apk).parts))


def _escape(s: str) -> str:
    out = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return "\\" + out if out.startswith((" ", "#", "!")) else out


def profile_properties(profile: Mapping[str, Any]) -> str:
    """Flatten a profile into the properties the stubs read.

    `imei=..`, `location_precise.lat=..`; a list both joined by ',' (`app_list=a,b`) and by index
    (`wifi_info.0=..`); keys starting with '_' are kept (`_build.MODEL`).
    """
    lines = []

    def put(key: str, v: Any) -> None:
        if isinstance(v, dict):
            for k, sub in v.items():
                put(f"{key}.{k}", sub)
        elif isinstance(v, list):
            lines.append(f"{key}={_escape(','.join(str(x) for x in v))}")
            for i, item in enumerate(v):
                put(f"{key}.{i}", item)
        elif v is not None:
            lines.append(f"{key}={_escape(str(v).lower() if isinstance(v, bool) else str(v))}")

    for k, v in profile.items():
        put(str(k), v)
    return "\n".join(lines) + "\n"


def truststore(ca_pem: Path) -> Path:
    """A JKS truststore holding the proxy's CA (cached by the PEM's hash)."""
    if not ca_pem.is_file():
        raise InputError(f"{ca_pem}: no such CA certificate; start mitmdump once to create its confdir")
    store = cache_dir() / "truststores" / f"{file_sha256(ca_pem)[:16]}.jks"
    if store.is_file():
        return store
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = store.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    proc = _run(
        [
            str(java_home() / "bin" / "keytool"),
            "-importcert",
            "-noprompt",
            "-alias",
            "appaudit-proxy-ca",
            "-file",
            str(ca_pem),
            "-keystore",
            str(tmp),
            "-storetype",
            "JKS",
            "-storepass",
            TRUSTSTORE_PASS,
        ],
        "build the proxy truststore",
    )
    if proc.returncode != 0:
        raise InputError(f"{ca_pem}: keytool rejected the certificate: {proc.stdout.strip()[-300:]}")
    tmp.replace(store)
    return store


@dataclass(frozen=True, slots=True)
class HostJvmTarget:
    """Everything needed to spawn the app on the local JVM."""

    argv: tuple[str, ...]
    manifest: Manifest
    file_overlay: Mapping[str, str] = field(default_factory=dict)
    consent_point: consentpoint.ConsentPoint | None = None  # found statically (consentpoint.py)
    native_libs: tuple[str, ...] = ()  # the APK's native libraries: none loads on this JVM (reported)


@dataclass(frozen=True, slots=True)
class Converted:
    """An APK made ready for the JVM: its code as a jar, its generated framework layer, what it holds."""

    jar: Path
    manifest: Manifest
    layer: androidlayer.Layer | None
    native_libs: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    consent_point: consentpoint.ConsentPoint | None = None
    resources: str = ""  # app_properties lines of the APK's string resources and resource ids


def convert(apk: Path) -> Converted:
    """enjarify the APK and generate its framework layer (both cached by the APK's hash), in parallel."""
    if not apk.is_file():
        raise InputError(f"{apk}: no such APK")
    home = java_home()
    stubs = compile_stubs()
    u = unpack(apk)
    manifest = manifest_of(static_manifest.parse(u.parts))
    jar = jar_path(apk)
    started = None if jar.is_file() else _start_enjarify(apk, jar, u.dex)
    notes: list[str] = []
    try:
        out = cache_dir() / "layers" / f"{u.sha256[:32]}-{layer_key()}"
        sigs = dexsig.table_path(jar)
        if (out / "done").is_file():
            if not sigs.is_file():
                notes += dexsig.write_table(sigs, dexsig.collect(u.dex))
            counts = (out / "done").read_text(encoding="utf-8").split()
            layer = androidlayer.Layer(out / "classes", *(int(c) for c in counts[:3]))
            point = _read_point(out / "consent.json")
            res_file = out / "resources.properties"
            res = res_file.read_text(encoding="utf-8") if res_file.is_file() else ""
        else:
            dexes = [dexfmt.load(data, name) for name, data in u.dex]
            refs = androidlayer.references(dexes)
            point = consentpoint.find(dexes, manifest.package)
            if not sigs.is_file():
                # The generic signatures enjarify drops, for the FieldReads agent (beside the jar, same key).
                notes += dexsig.write_table(sigs, dexsig.collect(u.dex, dexes))
            del dexes
            meta = [v for _k, v in manifest.meta_data]
            res = resource_properties(u.base.arsc, manifest.package, meta) + layout_handlers(apk)

            def run(argv: list[str]) -> None:
                proc = _run(argv, "generate the framework layer")
                if proc.returncode != 0:
                    raise ToolMissingError(f"framework layer generation failed: {proc.stderr.strip()[-1500:]}")

            layer = androidlayer.write_layer(
                refs, out, home / "bin" / "java", stubs.classes, run,
                extra={"consent.json": json.dumps(point.to_dict() if point else None), "resources.properties": res},
            )
    finally:
        if started is not None:
            jar = _finish_enjarify(apk, started)
    return Converted(jar, manifest, layer, tuple(u.native_libs), (*u.skipped, *notes), point, res)


MAX_RESOURCES = 50_000
MAX_RESOURCE_VALUE = 2000
MAX_LAYOUTS = 3000  # layout files read for android:onClick, at most 1 MiB each and MAX_LAYOUT_BYTES in all
MAX_LAYOUT_BYTES = 64 << 20
MAX_HANDLERS = 200
_HANDLER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]{0,200}")


def layout_handlers(apk: Path) -> str:
    """The methods the APK's layouts bind to a tap (`android:onClick="pay"`), as an app.properties line: the
    harness calls them on the screens whose class has them, as a tap on that button would (layouts are not
    inflated here). Bounded; empty when the APK cannot be read (a bundle's splits are not looked into)."""
    names: list[str] = []
    try:
        with zipfile.ZipFile(apk) as z:
            infos = [i for i in z.infolist() if i.filename.startswith("res/layout") and i.filename.endswith(".xml")]
            budget = MAX_LAYOUT_BYTES
            for info in infos[:MAX_LAYOUTS]:
                if info.file_size > 1 << 20 or info.file_size > budget:
                    continue
                budget -= info.file_size
                raw = z.read(info)
                if b"onClick" not in raw and "onClick".encode("utf-16-le") not in raw:
                    continue  # the attribute's name is in every layout that uses it
                try:
                    root = parse_xml(raw, info.filename)
                except InputError:
                    continue
                for node in root.iter():
                    name = node.get("android:onClick") or ""
                    if _HANDLER.fullmatch(name) and name not in names and len(names) < MAX_HANDLERS:
                        names.append(name)
    except (OSError, zipfile.BadZipFile, RuntimeError, EOFError):
        return ""
    return f"layout.onclick={','.join(names)}\n" if names else ""


def resource_properties(arsc: bytes | None, package: str, refs: Sequence[str] = ()) -> str:
    """The app's string values (`res.0x7f..=text`, default configuration), resource ids by type/name
    (`id.string/app_name=0x7f..`) and raw files (`file.0x7f..=res/raw/x`), for Resources.getString /
    getIdentifier / openRawResource, and the value of each other `@7F..`
    reference in `refs` (the manifest's meta-data: `@integer/google_play_services_version`, which Play services
    and AdMob check) that is not a file. Bounded; empty when unreadable."""
    if not arsc:
        return ""
    from pyaxmlparser.arscparser import ARSCParser  # the static side's ARSC parser (lazy: a heavy import)

    lines: list[str] = []
    try:
        parser = ARSCParser(arsc)
        names = parser.get_packages_names()
        pkg = package if package in names else (names[0] if names else "")
        # First: resolving the strings is what makes the parser read the table (resource_keys is empty before).
        configs = parser.get_resolved_strings().get(pkg, {})
        raw: list[int] = []
        for rtype, entries in parser.resource_keys[pkg].items():
            for name, rid in entries.items():
                lines.append(f"id.{_escape_key(f'{rtype}/{name}')}=0x{int(rid):x}")
                if rtype == "raw":
                    raw.append(int(rid))
                if len(lines) >= MAX_RESOURCES:
                    break
        for rid in raw[:MAX_RESOURCES]:
            # Resources.openRawResource reads the file from the APK (a bundled database, a certificate).
            path = next((v for _c, v in parser.get_resolved_res_configs(rid) if isinstance(v, str)), "")
            if path.startswith("res/"):
                lines.append(f"file.0x{rid:x}={_escape(path[:MAX_RESOURCE_VALUE])}")
        strings: dict[Any, Any] = configs.get("DEFAULT") or next(iter(configs.values()), {})
        for rid, value in list(strings.items())[:MAX_RESOURCES]:
            lines.append(f"res.0x{int(rid):x}={_escape(str(value)[:MAX_RESOURCE_VALUE])}")
        for ref in refs[:MAX_RESOURCES]:
            if re.fullmatch(r"@[0-9A-Fa-f]{8}", ref):
                # Android gives an android:value reference's value (int, boolean, text) and an android:resource
                # reference's id (a layout, an xml file): the stubs keep the id when no value is written here.
                value = next((v for _c, v in parser.get_resolved_res_configs(int(ref[1:], 16))), "")
                if isinstance(value, str) and value and not value.startswith("res/"):
                    lines.append(f"res.0x{int(ref[1:], 16):x}={_escape(value[:MAX_RESOURCE_VALUE])}")
    except Exception:  # a hostile or odd resources.arsc only costs the app its strings
        return "\n".join(lines) + "\n" if lines else ""
    return "\n".join(lines) + "\n"


def _read_point(path: Path) -> consentpoint.ConsentPoint | None:
    # Written inside the sandbox, where the app's own code runs: read it as hostile input.
    try:
        d = loads_json(path.read_bytes(), str(path))
    except (OSError, InputError):
        return None
    if not isinstance(d, dict) or "target" not in d or "how" not in d:
        return None
    candidates = d.get("candidates")
    return consentpoint.ConsentPoint(
        str(d["target"]), str(d["how"]), tuple(str(c) for c in candidates) if isinstance(candidates, list) else ()
    )


def prepare(apk: Path, workdir: Path, **options: Any) -> HostJvmTarget:
    """Convert the APK (cached), then `prepare_jar` it with its manifest's entry points and its layer."""
    c = convert(apk)
    if options.get("consent_target") is None and c.consent_point is not None:
        options["consent_target"] = c.consent_point.target
    target = prepare_jar(
        c.jar, c.manifest, workdir, layer=c.layer, native_libs=c.native_libs, resources=c.resources, apk=apk, **options
    )
    return replace(target, consent_point=c.consent_point, native_libs=c.native_libs)


def prepare_jar(
    jar: Path,
    manifest: Manifest,
    workdir: Path,
    *,
    profile: Path | None = None,
    proxy: str | None = None,
    ca_cert: Path | None = None,
    field_apis: Sequence[str] = (),
    consent_target: str | None = None,
    run_consent: bool = True,
    consent_action: str = "agree",
    refusal_target: str | None = None,
    jvm_args: Sequence[str] = (),
    layer: androidlayer.Layer | None = None,
    native_libs: Sequence[str] = (),
    resources: str = "",
    apk: Path | None = None,
    screens: int = DEFAULT_SCREENS,
    clicks: int = DEFAULT_CLICKS,
) -> HostJvmTarget:
    """Write what the run needs into WORKDIR and return the java command line for the app's classes in JAR.

    CONSENT_ACTION says which dialog method the harness calls: the consent method (CONSENT_TARGET,
    default `<pkg>.PrivacyDialog.onAgree`), the refusal method (REFUSAL_TARGET, default
    `<pkg>.PrivacyDialog.onDisagree`) or neither; `run_consent=False` is the older spelling of "none".
    LAYER is the APK's generated framework layer (first on the class path); without it only the
    hand-written stubs serve the app (our sample apps need no more).
    """
    if consent_action not in CONSENT_ACTIONS:
        raise InputError(f"--consent-action {consent_action!r}: expected one of {', '.join(CONSENT_ACTIONS)}")
    action = consent_action if run_consent else "none"
    home = java_home()
    stubs = compile_stubs()
    workdir.mkdir(parents=True, exist_ok=True)
    prof_path = profile or DEFAULT_PROFILE
    if profile is not None and not profile.is_file():
        raise InputError(f"{profile}: no such device profile")
    if not prof_path.is_file():
        # An empty profile would serve blank identifiers: reads that look real and traffic nothing matches.
        raise InputError(
            f"{prof_path}: the default device profile is missing; set ${PROFILE_ENV}, pass "
            "--profile, or reinstall appaudit"
        )
    prof = read_profile_document(prof_path)
    props = workdir / "profile.properties"
    props.write_text(profile_properties(prof), encoding="utf-8")
    app_props = workdir / "app.properties"
    app_props.write_text(app_properties(manifest, native_libs) + resources, encoding="utf-8")
    overlay: dict[str, str] = {}
    for dev_path, key in PROFILE_FILES.items():
        if isinstance(prof.get(key), str):
            f = workdir / "files" / dev_path.lstrip("/")
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(prof[key] + "\n", encoding="utf-8")
            overlay[dev_path] = str(f)
    # Written by the JVM itself: under the sandbox only WORKDIR/scratch is writable (the JVM creates it).
    data_dir = workdir / "scratch" / "data"
    system_props = {
        "appaudit.profile": str(props),
        "appaudit.app": str(app_props),
        "appaudit.data": str(data_dir),
        "appaudit.fields": ",".join(field_apis),
    }
    sigs = dexsig.table_path(jar)
    if sigs.is_file():
        # The APK's generic signatures (dexsig.py, written by `convert`), added back to the classes by FieldReads.
        system_props["appaudit.signatures"] = str(sigs)
    if apk is not None:
        # The app's own APK (ApplicationInfo.sourceDir, assets, MultiDex): bound read-only into the sandbox.
        system_props["appaudit.apk"] = str(apk.resolve())
    harness = [HARNESS_MAIN, "--package", manifest.package]
    if manifest.application:
        harness += ["--application", manifest.application]
    if manifest.launcher:
        harness += ["--activity", manifest.launcher]
    harness += ["--clicks", str(max(0, clicks))]
    if consent_target:
        harness += ["--consent", consent_target]
    if refusal_target:
        harness += ["--refusal", refusal_target]
    harness += ["--consent-action", action]
    for a in manifest.activities[: max(0, screens)]:
        harness += ["--screen", a]
    for p in manifest.providers:
        harness += ["--provider", p]
    for s in manifest.services:
        harness += ["--service", s]
    for r, actions in manifest.receivers:
        harness += ["--receiver", r + "=" + ",".join(actions)]
    classpath = [
        *([layer.classes] if layer is not None else []),
        stubs.classes,
        *(lib for lib in REAL_LIBRARIES if lib.is_file()),
        jar,
    ]
    argv = java_command(
        home,
        stubs,
        classpath,
        system_props,
        proxy=proxy,
        truststore_path=truststore(ca_cert) if proxy and ca_cert is not None else None,
        jvm_args=jvm_args,
        main=harness,
    )
    return HostJvmTarget(argv=tuple(argv), manifest=manifest, file_overlay=overlay)


def java_command(
    home: Path,
    stubs: Stubs,
    classpath: Sequence[Path],
    system_props: Mapping[str, str],
    *,
    proxy: str | None,
    truststore_path: Path | None,
    jvm_args: Sequence[str],
    main: Sequence[str],
) -> list[str]:
    """The one place the app's java command line is built (a sandbox wraps exactly this)."""
    host, port = parse_proxy(proxy) if proxy else OFFLINE_PROXY
    jvm = [
        str(home / "bin" / "java"),
        "-Xshare:auto",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xss4m",
        # enjarify's output is not always verifiable bytecode (dex allows more); ART does not verify it this way.
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:-BytecodeVerificationRemote",
        "-Dfile.encoding=UTF-8",
        *(f"-D{k}={v}" for k, v in system_props.items()),
        f"--add-exports={ASM_EXPORT}",
        f"-javaagent:{stubs.agent_jar}",
        f"-Dhttp.proxyHost={host}",
        f"-Dhttp.proxyPort={port}",
        f"-Dhttps.proxyHost={host}",
        f"-Dhttps.proxyPort={port}",
        "-Dhttp.nonProxyHosts=",
        *jvm_args,
    ]
    if truststore_path is not None:
        jvm += [
            f"-Djavax.net.ssl.trustStore={truststore_path}",
            f"-Djavax.net.ssl.trustStorePassword={TRUSTSTORE_PASS}",
        ]
    return [*jvm, "-cp", os.pathsep.join(str(p) for p in classpath), *main]


def app_properties(manifest: Manifest, native_libs: Sequence[str] = ()) -> str:
    """The app's own environment for the stubs: package, version, manifest meta-data, native libraries."""
    lines = [
        f"package={_escape(manifest.package)}",
        f"version_name={_escape(manifest.version_name)}",
        f"version_code={_escape(manifest.version_code)}",
        f"application={_escape(manifest.application or '')}",
        f"native_libs={_escape(','.join(native_libs))}",
    ]
    lines += [f"meta.{_escape_key(k)}={_escape(v)}" for k, v in manifest.meta_data]
    return "\n".join(lines) + "\n"


def _escape_key(s: str) -> str:
    return _escape(s).replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ")
