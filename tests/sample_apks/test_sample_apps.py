"""The committed sample APKs: they parse with androguard as expected.json says, are built from the current
sources, call only the framework APIs of ANDROID_APIS.md, and their expected.json agrees with the ontology,
the SDK signatures, the rule catalogue and the smali sources themselves."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from androguard.core.apk import APK
from androguard.core.dex import DEX
from loguru import logger
from sample_apks_fixtures import APPS
from sample_apks_fixtures import SAMPLES as SAMPLES_DIR

from appaudit import compare, ontology
from appaudit.network.detect import Encoding
from appaudit.network.profile import load_profile
from appaudit.signatures import load as load_signatures

logger.remove()  # androguard logs every parsed chunk at DEBUG through loguru

ANDROID_NS = "{http://schemas.android.com/apk/res/android}"
PHASES = {"PRE_CONSENT", "POST_CONSENT"}
TOP_KEYS = {
    "schema_version", "app", "package", "scenario", "sdks", "permissions", "components", "meta_data",
    "native_libs", "classes", "call_sites", "runtime", "network", "policy", "findings",
}  # fmt: skip

_INVOKE = re.compile(r"^\s*invoke-\w+(?:/range)?\s+\{[^}]*\},\s+L([^;]+);->([^(]+)\(")
_SGET = re.compile(r"^\s*sget(?:-\w+)?\s+\w+,\s+L([^;]+);->([^:]+):")
_IGET = re.compile(r"^\s*iget(?:-\w+)?\s+\w+,\s+\w+,\s+L([^;]+);->([^:]+):")
_CONST = re.compile(r'^\s*const-string(?:/jumbo)?\s+\w+,\s+"((?:[^"\\]|\\.)*)"')


@pytest.fixture(scope="module", params=APPS)
def app(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def apk(app: str, samples: Path) -> APK:
    return APK(str(samples / app / f"{app}.apk"))


def smali_files(samples: Path, app: str) -> Iterator[tuple[str, list[str]]]:
    """(dotted class name, lines) of every smali file of APP."""
    root = samples / app / "src" / "smali"
    for p in sorted(root.rglob("*.smali")):
        yield p.relative_to(root).with_suffix("").as_posix().replace("/", "."), p.read_text("utf-8").splitlines()


def _const_matches(kind: str, const: str, target: str) -> bool:
    """A content URI matches by prefix; in a file path pattern "*" stands for one path segment."""
    return const.startswith(target) if kind == "content_uri" else fnmatch.fnmatchcase(const, target)


def planted_sites(lines: list[str]) -> set[tuple[str, str]]:
    """(data_type, Api.label) of every ontology API the smali of one class uses.

    Independent of appaudit.static on purpose: this checks the hand-written expected.json against the
    sources; the static analyser is checked against expected.json by its own tests. An argument filter
    (android_id for Settings$Secure.getString) counts when the class holds that string constant."""
    refs: set[tuple[str, str]] = set()
    consts: set[str] = set()
    for line in lines:
        if m := _INVOKE.match(line) or _SGET.match(line):
            refs.add((m.group(1).replace("/", "."), m.group(2)))
        elif m := _CONST.match(line):
            consts.add(m.group(1))
    found: set[tuple[str, str]] = set()
    for dt in ontology.load().values():
        for api in dt.apis:
            if api.kind in ("method", "field"):
                if (api.cls, api.member) in refs and (api.arg_equals is None or api.arg_equals in consts):
                    found.add((dt.id, api.label))
            elif api.kind in ("content_uri", "file") and any(_const_matches(api.kind, c, api.target) for c in consts):
                found.add((dt.id, api.label))
    return found


# ------------------------------------------------------------------------------------------ expected.json


def test_every_app_has_sources_apk_policy_and_expected(samples: Path, build_module: ModuleType) -> None:
    assert tuple(build_module.apps()) == APPS
    for a in APPS:
        for name in ("src/AndroidManifest.xml", "src/apktool.yml", f"{a}.apk", f"{a}.apk.srchash", "policy.md"):
            assert (samples / a / name).is_file(), f"{a}/{name} missing"


def test_expected_json_is_well_formed(app: str, expected: dict[str, dict[str, Any]]) -> None:
    exp = expected[app]
    types = ontology.load()
    catalogue = load_signatures()
    actors = set(catalogue.signatures) | {"app", "unknown"}
    labels = {dt.id: {a.label for a in dt.apis} for dt in types.values()}
    assert set(exp) == TOP_KEYS | ({"sdk_evidence"} if "sdk_evidence" in exp else set())
    assert exp["schema_version"] == 1 and exp["app"] == app
    assert exp["package"] == "com.appaudit.demo." + app.removeprefix("demo-")
    assert exp["sdks"] == sorted(exp["sdks"]) and set(exp["sdks"]) <= set(catalogue.signatures)
    for site in exp["call_sites"]:
        assert set(site) <= {"data_type", "api", "caller_class", "actor", "true_actor"}
        assert site["api"] in labels[site["data_type"]], site
        assert site["actor"] in actors
    for read in exp["runtime"]["reads"]:
        assert read["api"] in labels[read["data_type"]], read
        assert read["actor"] in actors and read["phase"] in PHASES
    assert exp["runtime"]["consent_hook"] == f"{exp['package']}.PrivacyDialog.onAgree"
    assert exp["runtime"].get("consent_action", "agree") in ("agree", "refuse", "none")
    compare.Settings(**exp["runtime"].get("settings", {}))  # only real compare settings, valid values
    encodings = {e.value for e in Encoding}
    for flow in exp["network"]:
        assert flow["data_type"] in types and flow["encoding"] in encodings and flow["phase"] in PHASES
        # A host no signature knows is sent to `unknown` (the planted undisclosed tracker of demo-aggressive).
        sig = catalogue.match_host(flow["host"])
        assert flow["actor"] == (sig.id if sig is not None else "unknown")
    pol = exp["policy"]
    assert set(pol["declared_data_types"]) <= set(types)
    for row in pol["sdk_rows"]:
        assert catalogue.match_policy_name(row["name"]) is not None
        assert catalogue.match_policy_name(row["name"]).id == row["sdk_id"]  # type: ignore[union-attr]
        assert set(row["data_types"]) <= set(pol["declared_data_types"])
    rules = compare.rules()
    for f in exp["findings"]:
        assert set(f) <= {"rule_id", "data_type", "actor", "subject", "source", "evidence_shows"}, f
        assert f.get("source", "NETWORK") in {"MANIFEST", "CODE", "RUNTIME", "NETWORK", "POLICY"}
        assert f["rule_id"] in rules
        assert f["data_type"] is None or f["data_type"] in types
        assert f["actor"] in actors


def test_call_site_actors_follow_the_signature_prefixes(app: str, expected: dict[str, dict[str, Any]]) -> None:
    exp = expected[app]
    catalogue = load_signatures()
    for site in exp["call_sites"]:
        sig = catalogue.match_class(site["caller_class"])
        if site["actor"] == "app":
            assert site["caller_class"].startswith(exp["package"] + ".") and sig is None
        elif site["actor"] == "unknown":
            # obfuscated SDK code: no package prefix says whose it is; true_actor records the truth
            assert sig is None and not site["caller_class"].startswith(exp["package"] + ".")
            assert site["true_actor"] in exp["sdks"]
        else:
            assert sig is not None and sig.id == site["actor"] and site["actor"] in exp["sdks"]


def test_expected_call_sites_are_exactly_those_in_the_smali(
    app: str, samples: Path, expected: dict[str, dict[str, Any]]
) -> None:
    want = {(s["data_type"], s["api"], s["caller_class"]) for s in expected[app]["call_sites"]}
    got = {(dt, label, cls) for cls, lines in smali_files(samples, app) for dt, label in planted_sites(lines)}
    assert got == want


def test_runtime_reads_are_backed_by_call_sites(app: str, expected: dict[str, dict[str, Any]]) -> None:
    """Every expected runtime read has a call site of the same type and actor (a hook sees what code calls)."""
    exp = expected[app]
    sites = {(s["data_type"], s["actor"]) for s in exp["call_sites"]}
    for read in exp["runtime"]["reads"]:
        assert (read["data_type"], read["actor"]) in sites, read


def test_expected_findings_match_the_scenario(expected: dict[str, dict[str, Any]]) -> None:
    """The planted behaviour of issue 3, stated once more so that a careless edit of expected.json shows."""
    fs = {a: {(f["rule_id"], f["data_type"], f["actor"]) for f in expected[a]["findings"]} for a in APPS}
    assert fs["demo-clean"] == set()
    assert {("UNDECLARED_DATA_TYPE", "mac", "umeng-analytics"), ("UNDECLARED_DATA_TYPE", "app_list", "jpush")} <= fs[
        "demo-news"
    ]
    assert ("UNDECLARED_SDK", None, "msa-oaid") in fs["demo-news"]
    assert fs["demo-preconsent"] == {
        ("PRE_CONSENT_COLLECTION", "imei", "umeng-analytics"),
        ("PRE_CONSENT_COLLECTION", "android_id", "umeng-analytics"),
    }
    assert fs["demo-obfuscated"] == {("UNDECLARED_SDK", None, "jpush")}
    news = expected["demo-news"]["policy"]
    assert not {"mac", "app_list"} & set(news["declared_data_types"])
    assert "msa-oaid" not in {r["sdk_id"] for r in news["sdk_rows"]} and "msa-oaid" in expected["demo-news"]["sdks"]
    pre = expected["demo-preconsent"]["runtime"]["reads"]
    assert {r["phase"] for r in pre} == {"PRE_CONSENT"}
    # demo-aggressive is run with the policy refused: every read is before consent
    agg = expected["demo-aggressive"]
    assert agg["runtime"]["consent_action"] == "refuse"
    assert {r["phase"] for r in agg["runtime"]["reads"]} == {"PRE_CONSENT"}
    others = [
        r for a in APPS if a not in ("demo-preconsent", "demo-aggressive") for r in expected[a]["runtime"]["reads"]
    ]
    assert others and {r["phase"] for r in others} == {"POST_CONSENT"}
    planted = {
        ("PRE_CONSENT_PERMISSION", None, "app"),
        ("COLLECTION_AFTER_REFUSAL", "imei", "getui"),
        ("COLLECTION_AFTER_REFUSAL", "android_id", "talkingdata"),
        ("EXCESSIVE_FREQUENCY", "imei", "getui"),
        ("BACKGROUND_COLLECTION", "imei", "getui"),
        ("BACKGROUND_COLLECTION", "android_id", "talkingdata"),
        ("ASSOCIATED_START", None, "getui"),
        ("UNDISCLOSED_SHARING", "android_id", "unknown"),
    }
    assert planted <= fs["demo-aggressive"]
    # the tracker host is unknown to every signature and absent from the policy
    host = agg["network"][0]["host"]
    assert load_signatures().match_host(host) is None
    assert host not in (SAMPLES_DIR / "demo-aggressive" / "policy.md").read_text(encoding="utf-8")


def test_policy_sdk_tables_name_the_rows_of_expected_json(app: str, samples: Path, expected: dict[str, Any]) -> None:
    text = (samples / app / "policy.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    for row in expected[app]["policy"]["sdk_rows"]:
        assert any(row["name"] in r for r in rows), row["name"]
    for sdk in set(expected[app]["sdks"]) - {r["sdk_id"] for r in expected[app]["policy"]["sdk_rows"]}:
        assert any(f["rule_id"] == "UNDECLARED_SDK" and f["actor"] == sdk for f in expected[app]["findings"])


# ------------------------------------------------------------------------------------------ the APKs


def test_apk_parses_with_expected_manifest(app: str, apk: APK, expected: dict[str, dict[str, Any]]) -> None:
    exp = expected[app]
    comp = exp["components"]
    assert apk.get_package() == exp["package"]
    assert (apk.get_min_sdk_version(), apk.get_target_sdk_version()) == ("21", "30")
    assert sorted(apk.get_permissions()) == exp["permissions"]
    assert apk.get_attribute_value("application", "name") == comp["application"]
    assert apk.get_main_activity() == comp["launcher"]
    assert sorted(apk.get_activities()) == comp["activities"]
    assert sorted(apk.get_services()) == comp["services"]
    assert sorted(apk.get_receivers()) == comp["receivers"]
    manifest = apk.get_android_manifest_xml()
    meta = sorted(str(e.get(ANDROID_NS + "name")) for e in manifest.iter("meta-data"))
    assert meta == exp["meta_data"]
    assert sorted(n for n in apk.get_files() if n.startswith("lib/")) == exp["native_libs"]
    assert apk.is_signed_v1() and apk.is_signed_v2()


def test_apk_dex_holds_exactly_the_expected_classes(app: str, apk: APK, expected: dict[str, Any]) -> None:
    names = sorted(c.get_name()[1:-1].replace("/", ".") for d in apk.get_all_dex() for c in DEX(d).get_classes())
    assert names == expected[app]["classes"]


def test_committed_apk_is_built_from_current_sources(app: str, samples: Path, build_module: ModuleType) -> None:
    assert build_module.is_current(samples / app), f"{app}.apk is stale: run `make samples` and commit the APK"


def test_staleness_is_detected(tmp_path: Path, samples: Path, build_module: ModuleType) -> None:
    copy = tmp_path / "demo-clean"
    shutil.copytree(samples / "demo-clean", copy)
    assert build_module.is_current(copy)
    smali = next((copy / "src" / "smali").rglob("WeatherLocator.smali"))
    smali.write_text(smali.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    assert not build_module.is_current(copy)
    shutil.copy(samples / "demo-clean" / "src" / "smali" / smali.relative_to(copy / "src" / "smali"), smali)
    assert build_module.is_current(copy)
    with zipfile.ZipFile(copy / "demo-clean.apk", "a") as z:  # an APK altered after the build
        z.writestr("extra.txt", "x")
    assert not build_module.is_current(copy)
    (copy / "demo-clean.apk.srchash").write_bytes(b"\xff\xfe garbage")
    assert build_module.read_srchash(copy / "demo-clean.apk.srchash") == {}
    assert not build_module.is_current(copy)


def test_build_rejects_unknown_app(build_module: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_module.main(["no-such-app"]) == 2
    assert "unknown app" in capsys.readouterr().err


def test_build_check_mode_reports_up_to_date(build_module: ModuleType) -> None:
    assert build_module.main(["--check"]) == 0


# ------------------------------------------------------------------------------------------ runtime contract


def android_refs(samples: Path) -> set[tuple[str, str]]:
    refs: set[tuple[str, str]] = set()
    for a in APPS:
        for _, lines in smali_files(samples, a):
            for line in lines:
                for rx in (_INVOKE, _SGET, _IGET):
                    if (m := rx.match(line)) and m.group(1).startswith("android/"):
                        refs.add((m.group(1).replace("/", "."), m.group(2)))
    return refs


def test_apps_call_only_framework_apis_listed_in_android_apis_md(samples: Path) -> None:
    doc = (samples / "ANDROID_APIS.md").read_text(encoding="utf-8")
    listed: dict[str, set[str]] = {}
    current = ""
    for line in doc.splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) < 2:
            continue
        classes = re.findall(r"`(android\.[\w.$]+)`", cells[0])
        if classes:
            current = classes[0]
            for c in classes:
                listed.setdefault(c, set())
        if current:
            listed[current] |= set(re.findall(r"([\w<>$]+)[(:]", cells[1]))
    refs = android_refs(samples)
    assert refs, "no framework references found in the smali"
    missing = sorted(f"{c}.{m}" for c, m in refs if m not in listed.get(c, set()))
    assert not missing, f"framework members used by the apps but absent from ANDROID_APIS.md: {missing}"


def test_device_profile_loads_and_serves_every_planted_type(samples: Path, expected: dict[str, Any]) -> None:
    profile = load_profile(samples / "device_profile.json")
    served = set(profile.values) | set(profile.locations) | ({"app_list"} if profile.app_list else set())
    read = {r["data_type"] for a in APPS for r in expected[a]["runtime"]["reads"]} - {"device_info"}
    assert read <= served
    assert "MODEL" in __import__("json").loads((samples / "device_profile.json").read_text("utf-8"))["_build"]


def test_broken_source_fails_cleanly_and_keeps_the_old_apk(
    tmp_path: Path, samples: Path, build_module: ModuleType
) -> None:
    copy = tmp_path / "demo-preconsent"
    shutil.copytree(samples / "demo-preconsent", copy)
    before = (copy / "demo-preconsent.apk").read_bytes()
    startup = next((copy / "src" / "smali").rglob("Startup.smali"))
    startup.write_text(startup.read_text("utf-8").replace("return-void", "return-bogus", 1), encoding="utf-8")
    with pytest.raises(build_module.BuildError, match="demo-preconsent: apktool b"):
        build_module.build_app(copy)
    assert (copy / "demo-preconsent.apk").read_bytes() == before
    assert not build_module.is_current(copy)


def test_one_command_rebuilds_every_app_reproducibly(tmp_path: Path, samples: Path) -> None:
    """`build.py --force` on a copy rebuilds all five APKs; their dex and manifest equal the committed ones."""
    copy = tmp_path / "sample_apks"
    shutil.copytree(samples, copy, ignore=shutil.ignore_patterns("build", "__pycache__"))
    proc = subprocess.run(
        [sys.executable, str(copy / "build.py"), "--force"], capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.returncode == 0, proc.stderr
    for a in APPS:
        assert f"{a}: built" in proc.stderr
        with zipfile.ZipFile(copy / a / f"{a}.apk") as new, zipfile.ZipFile(samples / a / f"{a}.apk") as old:
            for name in ("classes.dex", "AndroidManifest.xml"):
                assert new.read(name) == old.read(name), f"{a}: {name} differs from the committed APK"
        assert APK(str(copy / a / f"{a}.apk")).get_package() == f"com.appaudit.demo.{a.removeprefix('demo-')}"
    again = subprocess.run([sys.executable, str(copy / "build.py")], capture_output=True, text=True, check=False)
    assert again.returncode == 0 and again.stderr.count("up to date") == len(APPS)
