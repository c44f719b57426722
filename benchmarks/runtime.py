"""Runtime benchmarks: what a hostjvm run costs, cold and warm, and what it catches per sample app.

Run: .venv/bin/python benchmarks/runtime.py [--rounds R]
Figures (median of R rounds unless said otherwise):
  1. One-off costs in a fresh cache: bundling hooks/agent.js with frida.Compiler, javac of the stubs,
     enjarify per APK.
  2. Per sample app, warm caches: wall time of session.run, agent time to `ready` (hooks installed)
     after spawn, reads caught, hooks installed / not installable, and the same app run without Frida
     (plain java, same command line) as the reference.
  3. Real APKs (--real APK..., default: two of ../shared/corpus/apks): the first run in an empty cache
     (enjarify + the generated framework layer + the run) and the cached run, against the < 30 s / < 10 s
     targets; the layer's size; and the class writer chosen (ASM, LayerWriter) against javac compiling
     the same classes as Java source, in the same run.
No network: the apps' HTTP goes to a closed loopback port.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frida

from appaudit.runtime import agent, androidlayer, hostjvm, session
from appaudit.static import apk as apkfmt
from appaudit.static import dex as dexfmt

ROOT = Path(__file__).resolve().parents[1]
APPS = ("demo-clean", "demo-network", "demo-news", "demo-obfuscated", "demo-preconsent")


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cold_costs() -> None:
    t = time.perf_counter()
    frida.Compiler().build(agent.AGENT_ENTRY, project_root=str(agent.hooks_dir()))  # type: ignore[no-untyped-call]
    print(f"agent bundle (frida.Compiler):      {time.perf_counter() - t:6.2f} s")
    with tempfile.TemporaryDirectory() as cache:
        os.environ[hostjvm.ENV_CACHE] = cache
        try:
            t = time.perf_counter()
            hostjvm.compile_stubs()
            print(f"stubs + harness (javac, cold):      {time.perf_counter() - t:6.2f} s")
            for app in APPS:
                t = time.perf_counter()
                hostjvm.enjarify(ROOT / "sample_apks" / app / f"{app}.apk")
                print(f"enjarify {app:<18} (cold): {time.perf_counter() - t:6.2f} s")
        finally:
            del os.environ[hostjvm.ENV_CACHE]


def per_app(rounds: int) -> None:
    print(f"\n{'app':<17} {'run s':>6} {'plain java s':>12} {'ready s':>8} {'reads':>6} {'hooks':>6} {'absent':>7}")
    for app in APPS:
        apk = ROOT / "sample_apks" / app / f"{app}.apk"
        hook = json.loads((ROOT / "sample_apks" / app / "expected.json").read_text(encoding="utf-8"))["runtime"][
            "consent_hook"
        ]
        runs, readies, plain = [], [], []
        reads = hooks = absent = 0
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(rounds):
                out = Path(tmp) / f"{i}.jsonl"
                t = time.perf_counter()
                session.run(apk, "hostjvm", out, consent_hook=hook)
                runs.append(time.perf_counter() - t)
                recs = _records(out)
                ready = next(r for r in recs if r["type"] == "ready")
                readies.append(float(ready["at"]))  # type: ignore[arg-type]
                reads = sum(1 for r in recs if r["type"] == "read")
                hooks = int(ready["hooks"])  # type: ignore[call-overload]
                absent = sum(1 for r in recs if r["type"] == "hook_failed")
                target = hostjvm.prepare(apk, Path(tmp) / "plain")
                t = time.perf_counter()
                subprocess.run(target.argv, capture_output=True, check=False, timeout=120)
                plain.append(time.perf_counter() - t)
        print(
            f"{app:<17} {statistics.median(runs):6.2f} {statistics.median(plain):12.2f} "
            f"{statistics.median(readies):8.2f} {reads:6d} {hooks:6d} {absent:7d}"
        )


DEFAULT_REAL = (
    "AppsFlyerSDK__appsflyer-android-app__app-release.apk",
    "HuangChinChieh__StartWang__PushDemo.apk",
)


def real_apks(apks: list[Path]) -> None:
    """First run (the APK's jar and layer removed from the cache: conversion + generation + run) and cached run."""
    print(f"\n{'real APK':<40} {'first s':>8} {'cached s':>9} {'layer classes':>14} {'reads':>6}")
    hostjvm.compile_stubs()  # a one-off per stub version (cold_costs), not part of an APK's first run
    for apk in apks:
        sha = apkfmt.file_sha256(apk)
        hostjvm.jar_path(apk).unlink(missing_ok=True)
        for layer in (hostjvm.cache_dir() / "layers").glob(f"{sha[:32]}-*"):
            shutil.rmtree(layer, ignore_errors=True)
        with tempfile.TemporaryDirectory() as tmp:
            times = []
            reads = 0
            for i in range(2):
                out = Path(tmp) / f"{i}.jsonl"
                t = time.perf_counter()
                session.run(apk, "hostjvm", out)
                times.append(time.perf_counter() - t)
                reads = sum(1 for r in _records(out) if r["type"] == "read")
        done = next((hostjvm.cache_dir() / "layers").glob(f"{sha[:32]}-*/done"), None)
        n = done.read_text(encoding="utf-8").split()[0] if done else "?"
        flag = "" if times[0] < 30 and times[1] < 10 else "  (over the 30 s / 10 s target)"
        print(f"{apk.name[:40]:<40} {times[0]:8.2f} {times[1]:9.2f} {n:>14} {reads:6d}{flag}")


def _java_type(desc: str) -> str:
    dims = len(desc) - len(desc.lstrip("["))
    d = desc[dims:]
    base = {"Z": "boolean", "B": "byte", "C": "char", "S": "short", "I": "int", "J": "long", "F": "float",
            "D": "double", "V": "void"}.get(d)
    if base is None:
        base = d[1:-1].replace("/", ".").replace("$", "_")
    return base + "[]" * dims


def _params(desc: str) -> list[str]:
    out, i, inner = [], 0, desc[1 : desc.index(")")]
    while i < len(inner):
        j = i
        while inner[j] == "[":
            j += 1
        j = inner.index(";", j) + 1 if inner[j] == "L" else j + 1
        out.append(_java_type(inner[i:j]))
        i = j
    return out


def javac_reference(spec: list[str], out: Path) -> float:
    """The same classes as Java source (nested names flattened), compiled by javac: the writer's reference."""
    classes: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for line in spec:
        f = line.split("\t")
        name = f[1].replace("$", "_")
        if f[0] == "C":
            kind = "interface" if f[2] == "i" else "class"
            sup = f" extends {f[3].replace('/', '.').replace('$', '_')}" if f[3] and kind == "class" else ""
            heads[name] = f"public {kind} {name.rsplit('/', 1)[-1]}{sup}"
        elif f[0] == "M" and f[2] not in ("<init>", "<clinit>"):
            ret = _java_type(f[3][f[3].index(")") + 1 :])
            args = ", ".join(f"{t} a{i}" for i, t in enumerate(_params(f[3])))
            body = "{ }" if ret == "void" else ("{ return 0; }" if ret in ("int", "long", "short", "byte", "char",
                                                                            "float", "double") else
                                                "{ return false; }" if ret == "boolean" else "{ return null; }")
            mod = "static " if f[4] == "s" else ("default " if heads.get(name, "").find(" interface ") >= 0 else "")
            classes.setdefault(name, []).append(f"    public {mod}{ret} {f[2]}({args}) {body}")
    src = out / "src"
    for name, head in heads.items():
        p = src / f"{name}.java"
        p.parent.mkdir(parents=True, exist_ok=True)
        methods = sorted(set(classes.get(name, [])))
        p.write_text(f"package {name.rsplit('/', 1)[0].replace('/', '.')};\n{head} {{\n" + "\n".join(methods)
                     + "\n}\n", encoding="utf-8")
    files = [str(p) for p in src.rglob("*.java")]
    t = time.perf_counter()
    subprocess.run([str(hostjvm.java_home() / "bin" / "javac"), "-nowarn", "-proc:none", "-d", str(out / "cls"),
                    *files], capture_output=True, check=False)
    return time.perf_counter() - t


def writer_speed(apk: Path) -> None:
    dexes = [dexfmt.load(data, name) for name, data in apkfmt.unpack(apk).dex]
    t = time.perf_counter()
    refs = androidlayer.references(dexes)
    t_refs = time.perf_counter() - t
    spec = androidlayer.spec_lines(refs)
    stubs = hostjvm.compile_stubs()
    with tempfile.TemporaryDirectory() as tmp:
        def run(argv: list[str]) -> None:
            subprocess.run(argv, check=True, capture_output=True)

        t = time.perf_counter()
        androidlayer.write_layer(refs, Path(tmp) / "layer", hostjvm.java_home() / "bin" / "java", stubs.classes, run)
        t_asm = time.perf_counter() - t
        t_javac = javac_reference(spec, Path(tmp) / "javac")
    print(f"\nlayer of {apk.name[:40]}: {len(refs.types)} classes, {len(refs.methods)} methods, "
          f"{len(refs.fields)} fields; dex references {t_refs:.2f} s")
    print(f"  class writer: ASM (LayerWriter, one JVM) {t_asm:.2f} s   javac on the same classes {t_javac:.2f} s "
          f"(ratio {t_javac / max(t_asm, 1e-9):.1f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--real", nargs="*", type=Path, help="real APKs to time (default: two corpus APKs)")
    parser.add_argument("--only-real", action="store_true", help="skip the sample-app figures")
    args = parser.parse_args()
    print(f"frida {frida.__version__}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    if not args.only_real:
        cold_costs()
        per_app(args.rounds)
    corpus = ROOT.parent / "shared" / "corpus" / "apks"
    real = args.real or [corpus / a for a in DEFAULT_REAL if (corpus / a).is_file()]
    if real:
        writer_speed(real[0])
        real_apks(real)
    return 0


if __name__ == "__main__":
    sys.exit(main())
