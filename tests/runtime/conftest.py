"""Runtime test fixtures: each sample app and the probe app run once per session under the real agent.

The runs use the hostjvm backend: the real APK code (enjarify) on OpenJDK 17 under Frida, with the
jar and the compiled stubs cached in ~/.cache/appaudit (or $APPAUDIT_CACHE) across sessions.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from appaudit.runtime import hostjvm, session
from appaudit.runtime.device import CommandResult

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_apks"
SAMPLE_APPS = ("demo-clean", "demo-network", "demo-news", "demo-obfuscated", "demo-preconsent")
# Run with the privacy dialog refused (expected.json runtime.consent_action), so it has its own fixture.
AGGRESSIVE = "demo-aggressive"
PROBE_SRC = Path(__file__).resolve().parent / "probe"
PROBE_MANIFEST = hostjvm.Manifest(
    package="com.appaudit.probe",
    application="com.appaudit.probe.ProbeApp",
    launcher="com.appaudit.probe.MainActivity",
    services=("com.appaudit.probe.PollService",),
    activities=("com.appaudit.probe.MapActivity",),
)


RECORDED_ADB: dict[str, list[object]] = json.loads(
    (Path(__file__).parent / "data" / "adb_emulator_api30.json").read_text(encoding="utf-8")
)
SERIAL = "emulator-5554"


class RecordedAdb:
    """An adb stand-in answering from a recording; every call is logged, an unrecorded one fails the test."""

    def __init__(self, answers: dict[str, list[object]], subst: dict[str, str]) -> None:
        self.answers = answers
        self.subst = subst
        self.calls: list[str] = []
        self.sequences: dict[str, list[list[object]]] = {}  # answers that change between calls

    def __call__(self, argv: Sequence[str], timeout: float = 60.0) -> CommandResult:
        assert argv[0] == "adb"
        args = list(argv[1:])
        if args[:2] == ["-s", SERIAL]:
            args = args[2:]
        key = " ".join(args)
        for real, placeholder in self.subst.items():
            key = key.replace(real, placeholder)
        self.calls.append(key)
        if self.sequences.get(key):
            answer = self.sequences[key].pop(0)
        elif key in self.answers:
            answer = self.answers[key]
        else:
            raise AssertionError(f"unrecorded adb call: {key}")
        rc, out = answer[0], answer[1]
        assert isinstance(rc, int) and isinstance(out, str)
        for real, placeholder in self.subst.items():
            out = out.replace(placeholder, real)
        return CommandResult(rc, out, "")


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def expected(app: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / app / "expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def sample_traces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each sample app run once under the hostjvm backend, with its consent method hooked."""
    out = tmp_path_factory.mktemp("sample-traces")
    traces = {}
    for app in SAMPLE_APPS:
        hook = expected(app)["runtime"]["consent_hook"]
        traces[app] = session.run(SAMPLES / app / f"{app}.apk", "hostjvm", out / f"{app}.jsonl", consent_hook=hook)
    return traces


@pytest.fixture(scope="session")
def aggressive_trace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """demo-aggressive run once under the hostjvm backend, the harness refusing the privacy dialog."""
    out = tmp_path_factory.mktemp("aggressive-trace") / f"{AGGRESSIVE}.jsonl"
    runtime = expected(AGGRESSIVE)["runtime"]
    return session.run(
        SAMPLES / AGGRESSIVE / f"{AGGRESSIVE}.apk",
        "hostjvm",
        out,
        consent_hook=runtime["consent_hook"],
        consent_action=runtime["consent_action"],
    )


@pytest.fixture(scope="session")
def probe_jar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The probe app (tests/runtime/probe, Java) compiled against the stubs."""
    stubs = hostjvm.compile_stubs()
    home = hostjvm.java_home()
    out = tmp_path_factory.mktemp("probe")
    sources = sorted(str(p) for p in PROBE_SRC.rglob("*.java"))
    subprocess.run(
        [str(home / "bin" / "javac"), "-nowarn", "-cp", str(stubs.classes), "-d", str(out / "classes"), *sources],
        check=True,
        capture_output=True,
    )
    jar = out / "probe.jar"
    subprocess.run([str(home / "bin" / "jar"), "cf", str(jar), "-C", str(out / "classes"), "."], check=True)
    return jar


@pytest.fixture(scope="session")
def probe_trace(probe_jar: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The probe run once, consent detected from the SharedPreferences key the dialog writes."""
    out = tmp_path_factory.mktemp("probe-trace") / "probe.jsonl"
    return session.run(probe_jar, "hostjvm", out, manifest=PROBE_MANIFEST, consent_pref="privacy_agreed")
