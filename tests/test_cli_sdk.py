"""`appaudit sdk list|show|match|import` through click, on the real catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from appaudit import signatures
from appaudit.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_list_json_and_filters() -> None:
    r = CliRunner().invoke(main, ["sdk", "list", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["count"] == len(signatures.load()) >= 400
    r = CliRunner().invoke(main, ["sdk", "list", "--category", "push", "--curated", "--format", "json"])
    ids = {s["id"] for s in json.loads(r.output)["signatures"]}
    assert {"jpush", "getui", "xiaomi-push", "huawei-push", "umeng-push"} <= ids
    assert all(s["category"] == "push" for s in json.loads(r.output)["signatures"])
    r = CliRunner().invoke(main, ["sdk", "list", "--category", "payment"])
    assert r.exit_code == 0 and "alipay" in r.output


def test_show(tmp_path: Path) -> None:
    out = tmp_path / "jpush.json"
    r = CliRunner().invoke(main, ["sdk", "show", "jpush", "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["id"] == "jpush" and "极光推送" in d["policy_names"] and "libjcore*.so" in d["native_libs"]
    r = CliRunner().invoke(main, ["sdk", "show", "umeng-analytics"])
    assert r.exit_code == 0 and "com.umeng.analytics" in r.output


def test_show_unknown_id_is_an_input_error() -> None:
    r = CliRunner().invoke(main, ["sdk", "show", "no-such-sdk"])
    assert r.exit_code == 2
    assert "no-such-sdk" in r.output and "appaudit sdk list" in r.output


def test_match_auto_and_kinds() -> None:
    r = CliRunner().invoke(main, ["sdk", "match", "Lcom/qq/e/ads/ADActivity;", "--format", "json"])
    kinds = {(m["kind"], m["sdk"]) for m in json.loads(r.output)["matches"]}
    assert ("class", "tencent-gdt") in kinds and ("component", "tencent-gdt") in kinds
    r = CliRunner().invoke(main, ["sdk", "match", "https://sdk.open.phone.igexin.com/api", "--format", "json"])
    assert [m["sdk"] for m in json.loads(r.output)["matches"]] == ["getui"]
    r = CliRunner().invoke(main, ["sdk", "match", "优量汇（广点通）", "--kind", "policy"])
    assert r.exit_code == 0 and "tencent-gdt" in r.output
    r = CliRunner().invoke(main, ["sdk", "match", "libjcore230.so"])
    assert "jpush" in r.output
    r = CliRunner().invoke(main, ["sdk", "match", "com.example.Nothing"])
    assert r.exit_code == 0 and "no SDK matches" in r.output
    r = CliRunner().invoke(
        main,
        [
            "sdk",
            "match",
            "com.umeng.analytics.demo.Main",
            "--kind",
            "class",
            "--app-package",
            "com.umeng.analytics.demo",
        ],
    )
    assert "no SDK matches" in r.output


def test_import_into_a_copy(tmp_path: Path, shared_dir: Path) -> None:
    sig = tmp_path / "sdk_signatures"
    shutil.copytree(ROOT / "sdk_signatures", sig)
    r = CliRunner().invoke(
        main, ["sdk", "import", "--sdkdata", str(shared_dir / "sdkdata"), "--signatures", str(sig), "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["written"] >= 300 and "pangle" in d["merged_into_curated"]
    r = CliRunner().invoke(main, ["sdk", "import", "--sdkdata", str(tmp_path / "missing"), "--signatures", str(sig)])
    assert r.exit_code == 2 and "upstream dataset missing" in r.output
