"""The reports a person looks at, on a real corpus app with 20+ SDKs: one `audit` writes JSON, HTML and
SARIF; `render` makes the Chinese HTML and the PDF from the saved JSON; headless Chromium takes screenshots
and the PDF pages are rasterised, all kept as artifacts ($APPAUDIT_ARTIFACTS, else a pytest temp dir)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_sarif import code_scanning_problems

from appaudit.cli import main

APP = "Exodus-Privacy__exodus-core__instapaper.apk"  # 24 embedded SDKs per `appaudit static`
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]  # fmt: skip
REPR = re.compile(r"\{'|': |\bNone\b|\bTrue\b|\bFalse\b|\['")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs chromium (make setup installs it)"),
]


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("APPAUDIT_ARTIFACTS")
    out = Path(env) / "report" if env else tmp_path_factory.mktemp("report-artifacts")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def audited(shared_dir: Path, artifacts: Path) -> dict[str, Path]:
    apk = shared_dir / "corpus" / "apks" / APP
    outs = {k: artifacts / f"instapaper.{k}" for k in ("json", "html", "sarif")}
    res = CliRunner().invoke(main, ["audit", str(apk), *(a for p in outs.values() for a in ("-o", str(p)))])
    assert res.exit_code == 0, res.output
    assert "static: scanning the APK" in res.stderr  # progress on stderr
    zh = artifacts / "instapaper.zh.html"
    pdf = artifacts / "instapaper.pdf"
    res = CliRunner().invoke(main, ["render", str(outs["json"]), "--lang", "zh", "-o", str(zh), "-o", str(pdf)])
    assert res.exit_code == 0, res.output
    return {**outs, "zh": zh, "pdf": pdf}


def _shot(page: Path, png: Path, tmp: Path) -> None:
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp}", f"--screenshot={png}", "--window-size=1200,2600", page.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _ink(png: Path) -> float:
    """Share of pixels that are not background: a blank or failed page is near 0."""
    from PIL import Image

    with Image.open(png) as im:
        gray = im.convert("L").resize((300, 650))
        data = list(gray.tobytes())
    return sum(1 for v in data if v < 200) / len(data)


def test_one_audit_writes_every_output_and_the_sarif_is_accepted(audited: dict[str, Path]) -> None:
    report = json.loads(audited["json"].read_text(encoding="utf-8"))
    assert len(report["comparison"]["sdks"]) >= 20
    sarif: dict[str, Any] = json.loads(audited["sarif"].read_text(encoding="utf-8"))
    assert code_scanning_problems(sarif) == []
    ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for res in sarif["runs"][0]["results"]:
        assert res["ruleId"] in ids and res["partialFingerprints"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_html_pages_are_for_people(audited: dict[str, Path], artifacts: Path, tmp_path: Path) -> None:
    en = audited["html"].read_text(encoding="utf-8")
    zh = audited["zh"].read_text(encoding="utf-8")
    for page in (en, zh):
        text = re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1])
        assert not REPR.search(text), REPR.search(text)
        assert "/work/" not in page and str(Path.home()) + "/" not in page and "/tmp/" not in page
        assert "com.olivierpayen.leaninstapaper" in page
    # wide: 10+ actors, so the matrix is transposed and split into parts that fit A4
    assert "matrix-table-2" in en and "Actors are rows" in en
    assert "声明与实际对照" in zh and "第三方 SDK" in zh and "Declared vs observed" not in zh
    assert "No findings in the sources that ran" not in en or "could not be evaluated" in en
    for name, page in (("en", audited["html"]), ("zh", audited["zh"])):
        png = artifacts / f"instapaper.{name}.png"
        _shot(page, png, tmp_path / name)
        assert _ink(png) > 0.02, f"{png} looks blank"


def test_pdf_pages(audited: dict[str, Path], artifacts: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    data = audited["pdf"].read_bytes()
    assert data.startswith(b"%PDF")
    doc = pdfium.PdfDocument(str(audited["pdf"]))
    try:
        assert len(doc) >= 2
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 portrait, in points
            png = artifacts / f"instapaper.pdf-page{i + 1}.png"
            page.render(scale=1.3).to_pil().save(png)
            if i == 0:
                assert _ink(png) > 0.02
    finally:
        doc.close()
