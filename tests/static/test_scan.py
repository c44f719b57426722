"""appaudit/static/scan.py: the Report shape (sections["static"], evidence) and the sample apps' expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from appaudit import signatures
from appaudit.model import Report, Source
from appaudit.report import render
from appaudit.static.scan import scan

SAMPLES = Path(__file__).resolve().parents[2] / "sample_apks"
EXPECTED = sorted(SAMPLES.glob("*/expected.json"))


def test_static_section_has_the_documented_keys(demo_report: Report) -> None:
    s = demo_report.sections["static"]
    assert {"app", "permissions", "sdks", "call_sites", "manifest", "skipped"} <= set(s)
    assert {"package", "version_name", "version_code", "min_sdk", "target_sdk"} <= set(s["app"])
    assert {"name", "protection_level", "max_sdk"} <= set(s["permissions"][0])
    assert {"id", "name", "vendor", "category", "confidence", "evidence"} <= set(s["sdks"][0])
    assert {"data_type", "api", "caller_class", "caller_method", "actor", "reachable", "entry"} <= set(
        s["call_sites"][0])  # fmt: skip
    json.dumps(demo_report.to_dict())  # serialisable


def test_evidence_follows_docs_evidence_md(demo_report: Report) -> None:
    kinds: dict[str, set[Source]] = {}
    for e in demo_report.evidence:
        kinds.setdefault(e.detail["kind"], set()).add(e.source)
    assert kinds["permission"] == {Source.MANIFEST}
    assert kinds["component"] == {Source.MANIFEST}
    assert kinds["call_site"] == {Source.CODE}
    assert kinds["sdk"] <= {Source.CODE, Source.MANIFEST}
    boot = next(e for e in demo_report.evidence if e.detail.get("name") == "com.t.app.BootReceiver")
    assert boot.detail["self_start"] is True and boot.actor == "app"
    service = next(e for e in demo_report.evidence if e.detail.get("name") == "com.umeng.message.UmengIntentService")
    assert service.actor == "umeng-push"
    perm = next(e for e in demo_report.evidence if e.detail.get("permission") == "android.permission.READ_PHONE_STATE")
    assert perm.detail["protection_level"] == "dangerous" and perm.locator == "AndroidManifest.xml uses-permission"


def test_output_is_deterministic(demo_apk: Path, demo_report: Report) -> None:
    assert scan(demo_apk).to_dict() == demo_report.to_dict()


@pytest.mark.parametrize("fmt", ["json", "md", "html", "sarif"])
def test_every_format_renders(demo_report: Report, fmt: str) -> None:
    text = render(demo_report, fmt)
    assert "com.t.app" in text


def test_progress_bar_goes_to_stderr(demo_apk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan(demo_apk, progress=True)
    assert capsys.readouterr().out == ""


def _expected_apps() -> list[Path]:
    return [p for p in EXPECTED if (p.parent / f"{p.parent.name}.apk").is_file()]


_HINT_KINDS = {"meta_data", "host", "action"}
_EVIDENCE_KIND = {"meta_data": "meta-data", "native_lib": "native-lib", "component": "component", "host": "host",
                  "class": "class", "package": "package"}


@pytest.fixture(scope="module")
def sample_reports() -> dict[Path, Report]:
    return {p: scan(p.parent / f"{p.parent.name}.apk") for p in _expected_apps()}


@pytest.mark.skipif(not _expected_apps(), reason="no sample_apks/*/expected.json with a built APK yet (issue 3)")
@pytest.mark.parametrize("expected_file", _expected_apps(), ids=lambda p: p.parent.name)
def test_sample_app_matches_expected_json(expected_file: Path, sample_reports: dict[Path, Report]) -> None:
    expected: dict[str, Any] = json.loads(expected_file.read_text(encoding="utf-8"))
    report = sample_reports[expected_file]
    s = report.sections["static"]
    assert report.app.package == expected["package"]
    # An SDK whose expected evidence is only hints (meta-data, hosts: obfuscated code) is in the app but
    # static analysis cannot show its code: it is listed among the hints, never as an SDK (issue 15).
    hinted = {k for k, items in expected.get("sdk_evidence", {}).items()
              if all(i.partition(":")[0] in _HINT_KINDS for i in items)}  # fmt: skip
    assert {x["id"] for x in s["sdks"] if not x["library"]} == set(expected["sdks"]) - hinted
    assert hinted <= {h["id"] for h in s["sdk_hints"]}
    assert all(x["grades"] for x in s["sdks"]), "an SDK record needs code, native or component evidence"
    assert {p["name"] for p in s["permissions"]} == set(expected["permissions"])
    assert {m["name"] for m in s["manifest"]["meta_data"]} == set(expected["meta_data"])
    assert s["app"]["native_libs"] == sorted(expected["native_libs"])
    comps = expected["components"]
    by_type: dict[str, set[str]] = {}
    for c in s["manifest"]["components"]:
        by_type.setdefault(c["type"], set()).add(c["name"])
    assert s["manifest"]["application"] == comps["application"]
    for kind, key in (("activity", "activities"), ("service", "services"), ("receiver", "receivers"),
                      ("provider", "providers")):  # fmt: skip
        assert by_type.get(kind, set()) == set(comps.get(key, [])), kind
    got_sites = {(c["data_type"], c["api"], c["caller_class"], c["actor"]) for c in s["call_sites"]}
    want_sites = {(c["data_type"], c["api"], c["caller_class"], c["actor"]) for c in expected["call_sites"]}
    assert got_sites == want_sites, (sorted(want_sites - got_sites), sorted(got_sites - want_sites))
    for sdk_id, items in expected.get("sdk_evidence", {}).items():
        if sdk_id in hinted:
            hints = next(x for x in s["sdk_hints"] if x["id"] == sdk_id)["hints"]
            for item in items:
                kind, _, value = item.partition(":")
                assert any(h["kind"] == _EVIDENCE_KIND[kind] and h["value"] == value for h in hints), item
            continue
        ev = next(x for x in s["sdks"] if x["id"] == sdk_id)["evidence"]
        for item in items:
            kind, _, value = item.partition(":")
            if kind == "action":
                assert any(e["kind"] == "component" and e.get("note") == f"action {value}" for e in ev), item
            else:
                assert any(e["kind"] == _EVIDENCE_KIND[kind] and e["value"] == value for e in ev), item


def test_no_app_reports_one_product_twice(
    corpus_reports: dict[str, Report], sample_reports: dict[Path, Report]
) -> None:
    """No two reported SDK ids are one product (`signatures.product_doubles` over the reported entries:
    one's prefix the only one below the other's, shared vendor, the broader name adds nothing)."""
    cat = signatures.load()
    stop = signatures.load_rules().name_stop_words
    reports = {**corpus_reports, **{p.parent.name: r for p, r in sample_reports.items()}}
    assert len(reports) >= 8
    doubles = {
        name: signatures.product_doubles([cat.get(x["id"]) for x in r.sections["static"]["sdks"]], stop)
        for name, r in reports.items()
    }
    assert {k: v for k, v in doubles.items() if v} == {}


def test_mutated_apks_end_in_a_report_or_an_input_error(demo_apk: Path, tmp_path: Path) -> None:
    """Seeded fuzzing: random bytes in the dex, the manifest, resources.arsc or the zip structure."""
    import io
    import random
    import zipfile

    from appaudit.errors import InputError

    with zipfile.ZipFile(demo_apk) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    rnd = random.Random(20261122)
    outcomes = {"report": 0, "input_error": 0}
    for i in range(120):
        target = rnd.choice(["classes.dex", "AndroidManifest.xml", "resources.arsc", "zip"])
        data = bytearray(demo_apk.read_bytes() if target == "zip" else parts[target])
        for _ in range(rnd.randint(1, 20)):
            # headers and id tables sit at the start; bias the damage there
            pos = rnd.randrange(min(len(data), 0x400)) if rnd.random() < 0.5 else rnd.randrange(len(data))
            data[pos] = rnd.randrange(256)
        if target != "zip":
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                for n, b in parts.items():
                    z.writestr(n, bytes(data) if n == target else b)
            data = bytearray(buf.getvalue())
        p = tmp_path / f"m{i}.apk"
        p.write_bytes(bytes(data))
        try:
            scan(p)
            outcomes["report"] += 1
        except InputError:
            outcomes["input_error"] += 1
        p.unlink()
    assert outcomes["report"] and outcomes["input_error"], outcomes
