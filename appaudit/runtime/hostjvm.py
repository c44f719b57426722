"""The local JVM backend: runs an APK's own code on OpenJDK 17 under the Frida agent.

enjarify converts the APK's dex to a jar (cached by APK hash); javac compiles the stub `android.*` classes
and the harness of stubs/ (cached by source hash); the stubs serve a device profile (sample_apks/
device_profile.json by default) written as a UTF-8 properties file; the harness calls the app's entry points
(docs/contracts.md). Files a profile defines (the Wi-Fi MAC in /sys/class/net/wlan0/address) are served
by the agent's open() overlay, so the app reads the profile and not the host. HTTP(S) goes through the
JVM proxy properties: to the user's proxy (mitmdump) with a truststore of its CA, or else to a closed
loopback port, so that no traffic leaves the machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appaudit import resources, signatures
from appaudit.errors import InputError, ToolMissingError
from appaudit.hosts import parse_proxy

# The profile reader is network's: runtime and network are sibling sources, not up or down the pipeline from
# each other, and network/profile.py is a leaf (ontology and errors only, no mitmproxy), so this adds no cycle
# and no heavy dependency. Its raw document is used because the stubs' properties are flattened from it.
from appaudit.network.profile import read_profile_document

# The same sibling reasoning for the file hash: static/apk.py owns the app file and its sha256, and imports
# androguard only inside its binary-XML functions, so importing it here loads no heavy dependency.
from appaudit.static.apk import file_sha256

ENV_JAVA_HOME = "APPAUDIT_JAVA_HOME"
ENV_CACHE = "APPAUDIT_CACHE"
DEFAULT_JAVA_HOME = Path("/usr/lib/jvm/java-17-openjdk-amd64")
# Debian's enjarify module under the system python (the /usr/bin/enjarify wrapper may pick another one).
ENJARIFY = ("/usr/bin/python3", "-m", "enjarify.main")
STUBS = Path(__file__).resolve().parent / "stubs"
HARNESS_MAIN = "appaudit.harness.Main"
ASM_EXPORT = "java.base/jdk.internal.org.objectweb.asm=ALL-UNNAMED"
# Nothing listens on the discard port: with no --proxy, the app's HTTP fails fast on loopback.
OFFLINE_PROXY = ("127.0.0.1", 9)
TRUSTSTORE_PASS = "changeit"
# Profile keys served as files of the simulated device (path -> profile key).
PROFILE_FILES = {"/sys/class/net/wlan0/address": "mac"}
DEFAULT_PROFILE = resources.locate(resources.DEVICE_PROFILE)
# The user's answer to the privacy dialog that the harness plays: accept, refuse, or leave it unanswered.
CONSENT_ACTIONS = ("agree", "refuse", "none")


def java_home() -> Path:
    home = Path(os.environ.get(ENV_JAVA_HOME, str(DEFAULT_JAVA_HOME)))
    for tool in ("java", "javac", "jar", "keytool"):
        if not (home / "bin" / tool).is_file():
            raise ToolMissingError(
                f"{home / 'bin' / tool}: OpenJDK 17 is required for the hostjvm backend "
                f"(apt-get install openjdk-17-jdk-headless, or set {ENV_JAVA_HOME})"
            )
    return home


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


def stubs_key() -> str:
    h = hashlib.sha256()
    for p in sorted(STUBS.rglob("*.java")):
        h.update(str(p.relative_to(STUBS)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Stubs:
    classes: Path  # compiled android.* stubs and the harness
    agent_jar: Path  # the FieldReads java agent (getstatic rewriting)


def compile_stubs() -> Stubs:
    """Compile stubs/ once per source version into the cache (atomic, safe for parallel runs)."""
    home = java_home()
    out = cache_dir() / f"stubs-{stubs_key()}"
    stubs = Stubs(out / "classes", out / "fieldreads.jar")
    if stubs.agent_jar.is_file():
        return stubs
    tmp = cache_dir() / f".stubs-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "classes").mkdir(parents=True)
    sources = [str(p) for p in sorted(STUBS.rglob("*.java"))]
    proc = _run(
        [
            str(home / "bin" / "javac"),
            "-nowarn",
            "-encoding",
            "UTF-8",
            "--add-exports",
            ASM_EXPORT,
            "-d",
            str(tmp / "classes"),
            *sources,
        ],
        "compile the hostjvm stubs",
    )
    if proc.returncode != 0:
        raise ToolMissingError(f"{STUBS}: javac failed:\n{proc.stderr[-2000:]}")
    manifest = tmp / "MANIFEST.MF"
    manifest.write_text("Premain-Class: appaudit.harness.FieldReads\n", encoding="utf-8")
    entries: list[str] = []
    for cls in sorted((tmp / "classes" / "appaudit" / "harness").glob("FieldReads*.class")):
        entries += ["-C", str(tmp / "classes"), str(cls.relative_to(tmp / "classes"))]
    proc = _run(
        [str(home / "bin" / "jar"), "cfm", str(tmp / "fieldreads.jar"), str(manifest), *entries],
        "package the field-read agent",
    )
    if proc.returncode != 0:
        raise ToolMissingError(f"jar failed: {proc.stderr[-2000:]}")
    try:
        tmp.rename(out)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # another process won the race; its result is identical
    return stubs


def enjarify(apk: Path) -> Path:
    """The APK's dex as a jar (cached by the APK's SHA-256)."""
    if not apk.is_file():
        raise InputError(f"{apk}: no such APK")
    jar = cache_dir() / "jars" / f"{file_sha256(apk)}.jar"
    if jar.is_file():
        return jar
    jar.parent.mkdir(parents=True, exist_ok=True)
    tmp = jar.with_suffix(f".{os.getpid()}.tmp.jar")
    proc = _run([*ENJARIFY, "-f", "-o", str(tmp), str(apk)], f"convert {apk} with enjarify")
    if proc.returncode != 0 or not tmp.is_file():
        if "No module named enjarify" in proc.stderr:
            raise ToolMissingError("enjarify: not installed (apt-get install enjarify)")
        raise InputError(f"{apk}: enjarify could not convert it: {proc.stderr.strip()[-500:]}")
    tmp.replace(jar)
    return jar


@dataclass(frozen=True, slots=True)
class Manifest:
    """The entry points the harness calls (from AndroidManifest.xml)."""

    package: str
    application: str | None
    launcher: str | None
    services: tuple[str, ...] = ()


_ELEM = re.compile(r"^(\s*)E: (\S+)")
_ATTR = re.compile(r'^(\s*)A: (?:android:)?(\w+)(?:\([^)]*\))?="([^"]*)"')


def parse_xmltree(text: str) -> Manifest:
    """Parse `aapt dump xmltree APK AndroidManifest.xml` output."""
    stack: list[tuple[int, str, dict[str, str], list[Any]]] = []
    root: list[Any] = []
    for line in text.splitlines():
        if m := _ELEM.match(line):
            indent = len(m.group(1))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            node: tuple[int, str, dict[str, str], list[Any]] = (indent, m.group(2), {}, [])
            (stack[-1][3] if stack else root).append(node)
            stack.append(node)
        elif (m := _ATTR.match(line)) and stack:
            stack[-1][2][m.group(2)] = m.group(3)
    manifest = next((n for n in root if n[1] == "manifest"), None)
    if manifest is None:
        raise InputError("AndroidManifest.xml: no <manifest> element")
    pkg = str(manifest[2].get("package", ""))

    def full(name: str | None) -> str | None:
        if not name:
            return None
        if name.startswith("."):
            return pkg + name
        return name if "." in name else f"{pkg}.{name}"

    app = next((n for n in manifest[3] if n[1] == "application"), None)
    launcher = None
    services: list[str] = []
    if app is not None:
        for comp in app[3]:
            if comp[1] == "service" and (s := full(comp[2].get("name"))):
                services.append(s)
            if comp[1] in ("activity", "activity-alias") and launcher is None:
                for f in (c for c in comp[3] if c[1] == "intent-filter"):
                    names = {g[2].get("name") for g in f[3]}
                    if "android.intent.action.MAIN" in names and "android.intent.category.LAUNCHER" in names:
                        launcher = full(comp[2].get("targetActivity") or comp[2].get("name"))
    return Manifest(
        package=pkg,
        application=full(app[2].get("name")) if app is not None else None,
        launcher=launcher,
        services=tuple(services),
    )


def read_manifest(apk: Path) -> Manifest:
    proc = _run(["aapt", "dump", "xmltree", str(apk), "AndroidManifest.xml"], f"read {apk}'s manifest")
    if proc.returncode != 0:
        raise InputError(f"{apk}: cannot read AndroidManifest.xml ({proc.stderr.strip()[:300]}); is it an APK?")
    return parse_xmltree(proc.stdout)


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


def prepare(apk: Path, workdir: Path, **options: Any) -> HostJvmTarget:
    """Convert the APK (cached), then `prepare_jar` it with its manifest's entry points."""
    return prepare_jar(enjarify(apk), read_manifest(apk), workdir, **options)


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
) -> HostJvmTarget:
    """Write what the run needs into WORKDIR and return the java command line for the app's classes in JAR.

    CONSENT_ACTION says which dialog method the harness calls: the consent method (CONSENT_TARGET,
    default `<pkg>.PrivacyDialog.onAgree`), the refusal method (REFUSAL_TARGET, default
    `<pkg>.PrivacyDialog.onDisagree`) or neither; `run_consent=False` is the older spelling of "none".
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
    prof = read_profile_document(prof_path) if prof_path.is_file() else {}
    props = workdir / "profile.properties"
    props.write_text(profile_properties(prof), encoding="utf-8")
    overlay: dict[str, str] = {}
    for dev_path, key in PROFILE_FILES.items():
        if isinstance(prof.get(key), str):
            f = workdir / "files" / dev_path.lstrip("/")
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(prof[key] + "\n", encoding="utf-8")
            overlay[dev_path] = str(f)
    host, port = parse_proxy(proxy) if proxy else OFFLINE_PROXY
    jvm = [
        str(home / "bin" / "java"),
        "-Xshare:auto",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        # enjarify's output is not always verifiable bytecode (dex allows more); ART does not verify it this way.
        "-XX:+UnlockDiagnosticVMOptions",
        "-XX:-BytecodeVerificationRemote",
        "-Dfile.encoding=UTF-8",
        f"-Dappaudit.profile={props}",
        f"-Dappaudit.fields={','.join(field_apis)}",
        f"--add-exports={ASM_EXPORT}",
        f"-javaagent:{stubs.agent_jar}",
        f"-Dhttp.proxyHost={host}",
        f"-Dhttp.proxyPort={port}",
        f"-Dhttps.proxyHost={host}",
        f"-Dhttps.proxyPort={port}",
        "-Dhttp.nonProxyHosts=",
        *jvm_args,
    ]
    if proxy and ca_cert is not None:
        jvm += [
            f"-Djavax.net.ssl.trustStore={truststore(ca_cert)}",
            f"-Djavax.net.ssl.trustStorePassword={TRUSTSTORE_PASS}",
        ]
    harness = [HARNESS_MAIN, "--package", manifest.package]
    if manifest.application:
        harness += ["--application", manifest.application]
    if manifest.launcher:
        harness += ["--activity", manifest.launcher]
    if consent_target:
        harness += ["--consent", consent_target]
    if refusal_target:
        harness += ["--refusal", refusal_target]
    harness += ["--consent-action", action]
    for s in manifest.services:
        harness += ["--service", s]
    classpath = os.pathsep.join([str(stubs.classes), str(jar)])
    return HostJvmTarget(argv=(*jvm, "-cp", classpath, *harness), manifest=manifest, file_overlay=overlay)
