"""sample_apks/generate_large.py: a small multi-dex APK that androguard parses, with a ground truth that the
dex bytecode confirms."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from androguard.core.apk import APK
from androguard.core.dex import DEX
from loguru import logger
from sample_apks_fixtures import SAMPLES, load_script

from appaudit import ontology

logger.remove()


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return load_script("generate_large")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("large")
    proc = subprocess.run(
        [sys.executable, str(SAMPLES / "generate_large.py"), "--classes", "45", "--methods", "8", "--every", "3",
         "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return out / "large.apk", json.loads((out / "large.expected.json").read_text("utf-8"))


def test_small_generated_apk_is_multidex_with_the_right_counts(small: tuple[Path, dict[str, Any]]) -> None:
    apk_path, truth = small
    apk = APK(str(apk_path))
    assert apk.get_package() == truth["package"] == "com.example.app"
    assert apk.is_signed_v2()
    dexes = [DEX(d) for d in apk.get_all_dex()]
    assert len(dexes) == truth["dex_files"] == 3
    assert sum(len(d.get_classes()) for d in dexes) == truth["classes"] == 47
    assert sum(len(c.get_methods()) for d in dexes for c in d.get_classes()) == truth["methods"] == 45 * 8 + 3
    generated = [sum(1 for c in d.get_classes() if "/G0" in c.get_name()) for d in dexes]
    assert generated == truth["generated_classes_per_dex"] == [15, 15, 15]


def test_ground_truth_matches_the_bytecode(small: tuple[Path, dict[str, Any]]) -> None:
    apk_path, truth = small
    apis = {(dt.id, a.label): a for dt in ontology.load().values() for a in dt.apis}
    bodies: dict[tuple[str, str], str] = {}
    for d in APK(str(apk_path)).get_all_dex():
        for c in DEX(d).get_classes():
            for m in c.get_methods():
                text = "\n".join(f"{i.get_name()} {i.get_output()}" for i in m.get_instructions())
                bodies[(c.get_name()[1:-1].replace("/", "."), m.get_name())] = text
    sites = truth["call_sites"]
    assert sites, "with --every 3 the generator must plant call sites"
    for s in sites:
        api = apis[(s["data_type"], s["api"])]
        needle = api.member if api.kind in ("method", "field") else api.target
        assert needle in bodies[(s["caller_class"], s["caller_method"])], s
    planted = {(s["caller_class"], s["caller_method"]) for s in sites}
    markers = ("getDeviceId", "Settings$Secure", "getMacAddress", "getInstalledPackages", "getLastKnownLocation",
               "getPrimaryClip", "Build;->MODEL", "com.vivo.vms")  # fmt: skip
    with_calls = {k for k, body in bodies.items() if any(m in body for m in markers)}
    assert with_calls == planted
    assert sum(truth["call_sites_by_data_type"].values()) == len(sites)


def test_actors_follow_packages(small: tuple[Path, dict[str, Any]]) -> None:
    from appaudit.signatures import load

    catalogue = load()
    for s in small[1]["call_sites"]:
        sig = catalogue.match_class(s["caller_class"])
        assert (sig.id if sig else "app") == s["actor"], s


def test_dex_count_grows_with_the_method_count(gen: ModuleType) -> None:
    plan, _ = gen.parse_plan(["--classes", "10000", "--methods", "20"])
    assert plan.dex == 4  # 200k methods do not fit 3 dex files of 60k
    plan, out = gen.parse_plan([])
    assert (plan.classes * plan.methods, plan.dex) == (150_000, 3)
    assert out == SAMPLES / "build" / "large"


@pytest.mark.parametrize("argv", [["--classes", "0"], ["--methods", "-1"], ["--classes", "2", "--dex", "3"]])
def test_bad_arguments_are_usage_errors(gen: ModuleType, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as e:
        gen.parse_plan(argv)
    assert e.value.code == 2
