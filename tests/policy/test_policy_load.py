"""appaudit.policy.load: formats, encodings, tables, hostile and broken input (never a crash)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pdf_objects import write_objects

from appaudit.errors import InputError
from appaudit.policy.analyze import analyze
from appaudit.policy.load import BlockKind, Format, detect_format, iter_sentences, load

JIAMAI_PERMS = "kirohuji__hope-front__jiamai_legal-permissions.md"
JIAMAI_PRIVACY = "kirohuji__hope-front__jiamai_privacy-personal.md"
OPENNOTE = "YangDai2003__OpenNote-Compose__PRIVACY_POLICY@7dabe4c.md"


def test_markdown_with_raw_html_tables(policies_dir: Path) -> None:
    doc = load(policies_dir / JIAMAI_PERMS)
    assert doc.format is Format.MARKDOWN
    android, ios, harmony = doc.tables
    assert android.header == ("权限名称", "权限功能", "使用场景及目的", "备注")
    assert len(android.rows) == 18 and android.rows[0].cells[0] == "android.permission.CAMERA"
    assert android.headings[-1] == "Android 应用权限列表"
    assert ios.rows[0].cells[0] == "NSCameraUsageDescription"
    assert harmony.headings[-1] == "鸿蒙 应用权限列表"
    row = android.rows[0]
    assert row.kind is BlockKind.TABLE_ROW and row.location.endswith("Android 应用权限列表 row 1")


def test_markdown_pipe_table_and_headings(policies_dir: Path) -> None:
    doc = load(policies_dir / OPENNOTE)
    sdk, perms = doc.tables
    assert sdk.header == ("SDK name", "Purpose of using SDK", "Data collected by SDK")
    assert sdk.rows[0].cells[0] == "Firebase"
    assert [r.cells[0] for r in perms.rows] == [
        "android.permission.USE_BIOMETRIC",
        "android.permission.CAMERA",
        "android.permission.INTERNET",
    ]
    assert sdk.headings == ("Privacy Policy of Open Note", "Data collected by apps and third-party SDKs")
    assert sdk.caption.startswith("Third-party SDKs will be explained")


def test_plain_text_numbered_headings_and_list_items(policies_dir: Path) -> None:
    doc = load(policies_dir / "seeds" / "003_4814eb2706901a04.txt")
    assert doc.format is Format.TEXT
    items = [b for b in doc.blocks if b.headings and b.headings[-1] == "2.2 Related to Personal Identity"]
    assert any(b.kind is BlockKind.LIST_ITEM and "address book" in b.text for b in items)
    # a numbered line that is a sentence is not a heading
    assert not any(h.startswith("1) You need") for b in doc.blocks for h in b.headings)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path: Path, policies_dir: Path, encoding: str) -> None:
    text = (policies_dir / JIAMAI_PRIVACY).read_text(encoding="utf-8")
    f = tmp_path / f"policy-{encoding}.md"
    f.write_bytes(text.encode(encoding))
    doc = load(f)
    joined = "\n".join(b.text for b in doc.blocks)
    headings = "\n".join(h for b in doc.blocks for h in b.headings)
    assert "我们如何收集和使用您的个人信息" in headings and "硬件序列号" in joined
    assert doc.encoding.replace("_", "-") in {"gb18030", "utf-16", "utf-8-sig"}


def test_gbk_plain_text_short(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_bytes("我们会收集您的设备型号、IMEI和位置信息。".encode("gbk"))
    doc = load(f)
    assert doc.blocks[0].text == "我们会收集您的设备型号、IMEI和位置信息。"


def test_hostile_html_is_text_only(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    f = tmp_path / "p.html"
    f.write_text(
        "<html><head><title>t</title><script>document.write('SCRIPT-TEXT')</script>"
        "<style>.x{color:red} STYLE-TEXT</style></head><body>"
        f"<h1>Privacy</h1><p onclick=\"require('fs').writeFileSync('{marker}','x')\">We collect your IMEI"
        '<img src=x onerror="alert(1)"> &lt;script&gt;alert(2)&lt;/script&gt;</p>'
        "<iframe src='https://evil.example/'>IFRAME-TEXT</iframe>"
        "<a href='javascript:alert(3)'>link</a><noscript>NOSCRIPT-TEXT</noscript></body></html>",
        encoding="utf-8",
    )
    doc = load(f)
    text = " ".join(b.text for b in doc.blocks)
    assert "We collect your IMEI" in text
    assert "<script>alert(2)</script>" in text  # escaped markup stays text
    for hidden in ("SCRIPT-TEXT", "STYLE-TEXT", "IFRAME-TEXT", "NOSCRIPT-TEXT"):
        assert hidden not in text
    assert all("javascript:" not in link for b in doc.blocks for link in b.links)
    assert not marker.exists()
    assert doc.blocks[0].headings == ("Privacy",)


def test_html_nested_sections_lists_and_links(tmp_path: Path) -> None:
    f = tmp_path / "p.htm"
    f.write_text(
        "<h2>一、我们如何收集</h2><h3>1.1 设备信息</h3><ul><li>设备型号<ul><li>IMEI</li></ul></li></ul>"
        "<h2>二、第三方SDK</h2><p>见 <a href='https://example.com/sdk'>SDK列表</a></p>",
        encoding="utf-8",
    )
    doc = load(f)
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["IMEI"].headings == ("一、我们如何收集", "1.1 设备信息")
    assert by_text["IMEI"].kind is BlockKind.LIST_ITEM
    assert by_text["见 SDK列表"].links == ("https://example.com/sdk",)
    assert by_text["见 SDK列表"].headings == ("二、第三方SDK",)


def test_broken_tables_best_effort(tmp_path: Path) -> None:
    f = tmp_path / "broken.html"
    f.write_text(
        "<table><tr><th>SDK名称<th>使用目的<th>收集个人信息"
        "<tr><td>极光推送SDK<td>推送"  # short row, unclosed cells
        "<tr><td>高德定位SDK<td>定位<td>位置信息<td>extra<td>cells"  # long row
        "<tr><td><table><tr><td>nested</td></tr></table></td></tr>"
        "<p>after",  # table never closed
        encoding="utf-8",
    )
    doc = load(f)
    (table,) = doc.tables
    assert table.header == ("SDK名称", "使用目的", "收集个人信息")
    assert table.rows[0].cells == ("极光推送SDK", "推送", "")
    assert table.rows[1].cells[:3] == ("高德定位SDK", "定位", "位置信息")
    assert "nested" in table.rows[2].text


def test_binary_renamed_html_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "policy.html"
    f.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError, match="binary data"):
        load(f)


def test_png_renamed_md_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "policy.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 500)
    with pytest.raises(InputError):
        load(f)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a file"):
        load(tmp_path)


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.md", "empty.pdf"])
def test_empty_files_are_notes_not_errors(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"" if not name.endswith("html") else b"  \n\n ")
    doc = load(f)
    assert doc.blocks == () and any("empty" in n for n in doc.notes)


def test_html_without_text(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_text("<html><body><script>x()</script><img src=a></body></html>", encoding="utf-8")
    doc = load(f)
    assert doc.blocks == () and any("no text" in n for n in doc.notes)


def test_large_html_within_budgets(tmp_path: Path) -> None:
    # ~1.5 MB of generated markup, 5,000-deep nesting included: loads without recursion or memory blow-up;
    # nesting past MAX_HTML_DEPTH is flattened (its text kept) and the note names the budget.
    para = "<p>我们会收集您的设备型号和IMEI，用于安全风控。We collect your Android ID.</p>"
    deep = "<div>" * 5000 + "深层文本" + "</div>" * 5000
    body = para * 15_000
    f = tmp_path / "large.html"
    f.write_text(f"<html><body><h1>隐私政策</h1>{deep}{body}</body></html>", encoding="utf-8")
    doc = load(f)
    assert len(doc.blocks) > 10_000
    assert any(b.text == "深层文本" for b in doc.blocks[:3])
    assert any("nested deeper than 256 levels" in n for n in doc.notes)


def test_policy_budgets_end_in_one_input_error(tmp_path: Path) -> None:
    para = "<p>We collect your Android ID and your location for analytics purposes.</p>\n"
    big = tmp_path / "big.html"
    big.write_text(para * (17 * 1024 * 1024 // len(para)), encoding="utf-8")
    with pytest.raises(InputError, match="byte limit"):
        load(big)
    chars = tmp_path / "chars.txt"
    chars.write_text("We collect your Android ID for analytics purposes, " * 25_000, encoding="utf-8")
    with pytest.raises(InputError, match="1,000,000 characters"):
        load(chars)
    items = tmp_path / "items.html"
    items.write_text("<ul>" + "<li>x</li>" * 25_000 + "</ul>", encoding="utf-8")
    with pytest.raises(InputError, match="20,000 paragraphs"):
        load(items)


def test_hostile_tables_and_attributes_are_bounded(tmp_path: Path) -> None:
    cell = '<td rowspan="64" colspan="64">IMEI</td>'
    f = tmp_path / "span.html"
    f.write_text("<table>" + ("<tr>" + cell * 8 + "</tr>") * 430 + "</table>", encoding="utf-8")
    doc = load(f)
    assert sum(len(r.cells) for t in doc.tables for r in t.rows) <= 2 * 20_000 + 430 * 8  # was 14 million
    assert any("20000 cells" in n for n in doc.notes)
    g = tmp_path / "attrs.html"
    g.write_text("<p " + " ".join(f'a{i}="x"' for i in range(10_000)) + ">We collect your IMEI.</p>", encoding="utf-8")
    doc = load(g)
    assert [b.text for b in doc.blocks] == ["We collect your IMEI."]
    assert any("more than 64 attributes" in n for n in doc.notes)


def test_pdf_text_layer(
    tmp_path: Path, policies_dir: Path, pdf_writer: Callable[[Path, Sequence[Sequence[str]]], Path]
) -> None:
    seed = (policies_dir / "seeds" / "000_90144ff1c3f1cc95.txt").read_text(encoding="utf-8").splitlines()
    lines = [ln[:90] for ln in seed if ln.strip()][:40]
    f = pdf_writer(tmp_path / "policy.pdf", [lines[:20], lines[20:]])
    doc = load(f)
    assert doc.format is Format.PDF
    text = " ".join(b.text for b in doc.blocks)
    assert "yitu website privacy policy" in text
    assert not any("skipped" in n or "no text layer" in n for n in doc.notes)


def test_pdf_by_content_even_with_wrong_extension(
    tmp_path: Path, pdf_writer: Callable[[Path, Sequence[Sequence[str]]], Path]
) -> None:
    f = pdf_writer(tmp_path / "policy.txt", [["We collect your IMEI."]])
    assert load(f).format is Format.PDF


def test_damaged_pdf_is_an_input_error(
    tmp_path: Path, pdf_writer: Callable[[Path, Sequence[Sequence[str]]], Path]
) -> None:
    good = pdf_writer(tmp_path / "good.pdf", [["We collect your IMEI."]]).read_bytes()
    f = tmp_path / "bad.pdf"
    f.write_bytes(good[: len(good) // 3])
    try:
        doc = load(f)
    except InputError as e:
        assert "bad.pdf" in str(e)
    else:  # pypdf may recover part of a truncated file: then it is best effort with a note
        assert doc.notes


def test_pdf_without_text_layer(tmp_path: Path, pdf_writer: Callable[[Path, Sequence[Sequence[str]]], Path]) -> None:
    f = pdf_writer(tmp_path / "scan.pdf", [[]])
    doc = load(f)
    assert any("no text layer" in n for n in doc.notes)


def test_mdx_statements_dropped(tmp_path: Path) -> None:
    f = tmp_path / "p.mdx"
    f.write_text("import Table from './t'\nexport const meta = {}\n\n# 隐私政策\n\n我们收集IMEI。\n", encoding="utf-8")
    doc = load(f)
    assert [b.text for b in doc.blocks] == ["我们收集IMEI。"]
    assert doc.blocks[0].headings == ("隐私政策",)


def test_sentences() -> None:
    assert list(iter_sentences("We collect e.g. your name. Then we share it. 我们收集。然后；ok")) == [
        "We collect e.g. your name.",
        "Then we share it.",
        "我们收集。",
        "然后；",
        "ok",
    ]



def test_a_documents_blocks_are_split_once_into_their_sentences(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_text("We collect e.g. your name. Then we share it.\n\n我们收集。然后；ok\n", encoding="utf-8")
    doc = load(f)
    for b in doc.blocks:
        assert doc.sentences(b) == tuple(iter_sentences(b.text)) and doc.sentences(b) is doc.sentences(b)
    assert doc == load(f)  # the split sentences take no part in a document's equality


def test_sentences_split_as_the_lookbehind_pattern_did() -> None:
    # The sentence ends are found by a scan that starts at the marks; the cut is the one of the zero-width
    # split it replaced, on random runs of marks, periods, spaces and abbreviations.
    import random
    import re

    reference = re.compile(r"(?<=[。！？；;!?])|(?<=\.)\s+(?=\S)")
    pieces = [*"。！？；;!?.. \t\n\u3000\xa0aA中", "e.g.", "Inc.", "  ", "x. y"]
    rnd = random.Random(16)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        expected = []
        carry: list[str] = []
        for part in (p.strip() for p in reference.split(text)):
            if part:
                carry.append(part)
                if not re.search(r"(?:\b(?:e\.g|inc)\.|\b[A-Za-z]\.)$", part[-16:], re.I):
                    expected.append(" ".join(carry))
                    carry = []
        if carry:
            expected.append(" ".join(carry))
        assert list(iter_sentences(text)) == expected, text

@pytest.mark.parametrize("suffix", [".txt", ".md", ".mdx", ".html", ".pdf", ".bin"])
def test_mutated_corpus_files_never_crash(tmp_path: Path, policies_dir: Path, suffix: str) -> None:
    # Truncated, bit-flipped and spliced copies of real policies: a Document or an InputError, nothing else.
    import random

    rng = random.Random(f"policy-fuzz{suffix}")
    sources = [
        p.read_bytes() for p in (policies_dir / JIAMAI_PERMS, policies_dir / "seeds" / "002_fa50ac99ad496dff.txt")
    ]
    for i in range(12):
        data = bytearray(rng.choice(sources))
        cut = rng.randrange(1, len(data))
        data = data[:cut] if i % 3 == 0 else data
        for _ in range(rng.randrange(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if i % 4 == 1:
            data[rng.randrange(len(data)) : rng.randrange(len(data))] = rng.randbytes(rng.randrange(1, 200))
        if i % 5 == 2:
            data = bytearray(b"%PDF-1.4\n") + data
        f = tmp_path / f"m{i}{suffix}"
        f.write_bytes(bytes(data))
        try:
            report = analyze([f])
        except InputError as e:
            assert f.name in str(e)
        else:
            assert report.sections["policy"]["files"].keys() == {f.name}


def test_rowspan_and_colspan_line_up(tmp_path: Path) -> None:
    f = tmp_path / "spans.html"
    f.write_text(
        "<table><tr><th>合作目的</th><th>SDK名称</th><th colspan='2'>收集个人信息</th></tr>"
        "<tr><td rowspan='2'>消息推送</td><td>华为推送SDK</td><td>设备型号</td><td>AAID</td></tr>"
        "<tr><td>小米推送SDK</td><td>OAID</td><td>Android ID</td></tr>"
        "<tr><td rowspan='999999999'>x</td><td colspan='abc'>y</td></tr></table>",
        encoding="utf-8",
    )
    (table,) = load(f).tables
    assert table.header == ("合作目的", "SDK名称", "收集个人信息", "收集个人信息")
    assert table.rows[0].cells == ("消息推送", "华为推送SDK", "设备型号", "AAID")
    assert table.rows[1].cells == ("消息推送", "小米推送SDK", "OAID", "Android ID")
    assert table.rows[2].cells[:2] == ("x", "y")


def test_hard_wrapped_text_joins_lines(tmp_path: Path) -> None:
    f = tmp_path / "wrapped.txt"
    f.write_text(
        "1. Information we collect\n"
        "When you use the app, we collect your device model,\n"
        "operating system version and IMEI to keep the\n"
        "service secure.\n"
        "- Android ID\n",
        encoding="utf-8",
    )
    doc = load(f)
    assert [b.text for b in doc.blocks] == [
        "When you use the app, we collect your device model, operating system version and IMEI to keep the "
        "service secure.",
        "- Android ID",
    ]
    assert doc.blocks[1].kind is BlockKind.LIST_ITEM and doc.blocks[0].headings == ("1. Information we collect",)


def test_a_pdf_is_known_by_its_header_not_its_suffix() -> None:
    assert detect_format(Path("policy.pdf"), b"%PDF-1.7\n") is Format.PDF
    assert detect_format(Path("policy.txt"), b"  %PDF-1.4\n") is Format.PDF
    assert detect_format(Path("policy.pdf"), b"<!DOCTYPE html><html>") is Format.HTML
    assert detect_format(Path("policy.pdf"), "隐私政策\n".encode()) is Format.TEXT
    assert detect_format(Path("policy.md"), b"<html>") is Format.MARKDOWN


def test_a_directory_is_not_a_policy(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a file"):
        load(tmp_path)


def test_a_run_of_abbreviations_is_one_linear_sentence() -> None:
    # Each "e.g." carries the sentence on; searching the whole carried text again each time took 100 s here.
    (sentence,) = iter_sentences("We collect e.g. " * 8000)
    assert sentence.startswith("We collect e.g. We collect") and sentence.count("e.g.") == 8000


def test_pdf_table_keeps_its_rows_and_a_continued_table_its_header(
    tmp_path: Path, table_pdf_writer: Callable[[Path, Sequence[Sequence[object]]], Path]
) -> None:
    # A ruled SDK table (pdfplumber finds it from the lines) that goes on on page 2 without its header.
    from appaudit.policy.analyze import analyze

    header = ["SDK name", "Provider", "Purpose", "Data collected"]
    f = table_pdf_writer(
        tmp_path / "sdk.pdf",
        [
            [
                "Privacy Policy",
                "We collect your IMEI to secure your account.",
                "Third-party SDK list",
                [
                    header,
                    ["Firebase Crashlytics", "Google LLC", "Crash reporting", "Device model, IMEI"],
                    ["JPush", "Aurora Mobile", "Push notifications", "Android ID, OAID"],
                ],
            ],
            [[["Umeng Analytics", "Umeng", "Statistics", "MAC address"]], "Contact us by email."],
        ],
    )
    doc = load(f)
    assert len(doc.tables) == 2 and doc.tables[1].header == tuple(header)
    rows = {r["name"]: r for r in analyze([f]).sections["policy"]["sdk_rows"]}
    assert set(rows) == {"Firebase Crashlytics", "JPush", "Umeng Analytics"}
    assert rows["JPush"]["data_types"] == ["android_id", "oaid"] and rows["JPush"]["how"] == "table"
    assert rows["Umeng Analytics"]["data_types"] == ["mac"] and rows["Umeng Analytics"]["provider"] == "Umeng"


def test_page_boilerplate_is_dropped(tmp_path: Path) -> None:
    # Navigation, a language switcher without any class, a cookie banner and the footer of a saved page.
    f = tmp_path / "privacy.html"
    f.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/apps'>Our apps that collect nothing</a></nav>"
        "<ul><li><a href='/en'>English</a></li><li><a href='/zh'>简体中文</a></li>"
        "<li><a href='/ja'>日本語</a></li></ul>"
        "<div class='cookie-consent'><p>We use cookies to collect your browsing history. Accept?</p></div>"
        "<div role='navigation'><p>Products · Pricing</p></div>"
        "<main><h1>Privacy Policy</h1><p>We collect your IMEI.</p>"
        "<ul><li>Device model</li><li>IP address</li></ul></main>"
        "<footer><p>© Example Inc. Contact us: privacy@example.com</p></footer></body></html>",
        encoding="utf-8",
    )
    texts = [b.text for b in load(f).blocks]
    assert texts == ["We collect your IMEI.", "Device model", "IP address"]


@pytest.mark.parametrize(
    ("fence", "kept"),
    [
        # a block marked with a programming or config language is an example of code or settings
        ("```properties\nAPP_OPERATOR_NAME=Legal name of the operator\nAPP_CONTACT=privacy@example.com\n```", False),
        ('```json\n{"device": "phone", "email": "a@b.c"}\n```', False),
        # prose in a fence, with no language or a prose one, stays the policy
        ("```\nWe collect your email address.\n```", True),
        ("```text\nWe collect your email address.\n```", True),
    ],
)
def test_a_fenced_code_block_with_a_language_is_no_policy_text(tmp_path: Path, fence: str, kept: bool) -> None:
    f = tmp_path / "privacy.md"
    f.write_text(f"# Privacy\n\nWe store your settings on the device.\n\n{fence}\n", encoding="utf-8")
    texts = " ".join(b.text for b in load(f).blocks)
    assert ("email" in texts) == kept and "settings on the device" in texts


def _radical_pdf(path: Path, lines: Sequence[str], table: Sequence[Sequence[str]]) -> Path:
    """A PDF whose text layer maps each drawn code to a whole string through a ToUnicode CMap, as Chromium and
    Word write CJK text: here with Kangxi radicals (U+2F00...) and simplified radicals in place of ideographs."""
    strings: list[str] = [*lines, *(c for row in table for c in row)]
    code = {s: i + 1 for i, s in enumerate(dict.fromkeys(strings))}
    cmap = "\n".join(f"<{n:02x}> <{s.encode('utf-16-be').hex()}>" for s, n in code.items())
    tounicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /R def /CMapType 2 def\n"
        f"1 begincodespacerange <00> <ff> endcodespacerange\n{len(code)} beginbfchar\n{cmap}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    ops, y = ["0.5 w"], 780.0
    for s in lines:
        ops.append(f"BT /F1 11 Tf 40 {y:.1f} Td <{code[s]:02x}> Tj ET")
        y -= 18
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            x = 40 + c * 170
            ops.append(f"{x} {y - (r + 1) * 22:.1f} 170 22 re S")
            ops.append(f"BT /F1 9 Tf {x + 3} {y - (r + 1) * 22 + 7:.1f} Td <{code[cell]:02x}> Tj ET")
    stream = "\n".join(ops).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar 255 "
        b"/Widths [" + b" 500" * 255 + b"] /ToUnicode 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(tounicode) + tounicode + b"\nendstream",
    ]
    return write_objects(path, objs)


def test_pdf_kangxi_radicals_read_as_ideographs(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # "⼀、" (U+2F00) is no numbered heading and "使⽤" (U+2F64) no "使用": quotes, headings and SDK names of a
    # Chromium- or Word-printed Chinese policy were unsearchable, and pdfminer printed a warning per odd font.
    f = _radical_pdf(
        tmp_path / "policy.pdf",
        ["⼀、我们收集的信息", "在您使⽤本应⽤时，我们会收集您的⼿机号码，⽤于安全⻛控。", "⼆、第三⽅SDK"],
        [["SDK名称", "提供⽅", "收集的信息"], ["⾼德定位SDK", "⾼德软件有限公司", "精确位置"]],
    )
    text = "\n".join(b.text for b in load(f).blocks)
    assert "使用本应用" in text and "安全风控" in text and "⽤" not in text and "⻛" not in text
    section = analyze([f]).sections["policy"]
    quote = section["declared_data_types"]["phone_number"][0]
    assert quote["quote"].startswith("在您使用本应用时") and "一、我们收集的信息" in quote["location"]
    rows = section["sdk_rows"]
    named = [(r["name"], r["provider"], r["sdk_id"]) for r in rows]
    assert named == [("高德定位SDK", "高德软件有限公司", "amap-location")]
    assert "FontBBox" not in capfd.readouterr().err


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("我们会收集您的设备信息：\n1. IMEI\n2. Android ID\n", ["1. IMEI", "2. Android ID"]),
        (
            "We collect:\n\n1. Email address\n\n2. Device model\n3. IP address\n",
            ["1. Email address", "2. Device model", "3. IP address"],
        ),
        ("收集的信息：\n一、设备型号\n二、操作系统版本\n", ["一、设备型号", "二、操作系统版本"]),
    ],
)
def test_numbered_lines_after_a_colon_are_list_items(tmp_path: Path, text: str, items: list[str]) -> None:
    f = tmp_path / "p.txt"
    f.write_text(text, encoding="utf-8")
    doc = load(f)
    assert [b.text for b in doc.blocks if b.kind is BlockKind.LIST_ITEM] == items
    assert all(not b.headings for b in doc.blocks)


def test_numbered_lines_one_after_another_under_a_heading_are_list_items(tmp_path: Path) -> None:
    # "1.6.1.1 设备型号" right above "1.6.1.2 操作系统版本": a heading would have its text between them.
    f = tmp_path / "p.txt"
    f.write_text("1.6 设备信息\n\n1.6.1 收集的信息\n1.6.1.1 设备型号\n1.6.1.2 操作系统版本\n\n1.6.2 使用目的\n"
                 "1.6.2.1 提供服务\n1.6.2.2 保障安全\n\n1.6.3 法律依据\n基于合法利益。\n", encoding="utf-8")
    doc = load(f)
    items = [(b.text, b.headings[-1]) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[:2] == [
        ("1.6.1.1 设备型号", "1.6.1 收集的信息"),
        ("1.6.1.2 操作系统版本", "1.6.1 收集的信息"),
    ]
    assert "device_info" in analyze([f]).sections["policy"]["declared_data_types"]


def test_a_numbered_heading_with_its_text_stays_a_heading_after_a_colon(tmp_path: Path) -> None:
    # Each numbered line has its own text below it: headings, even after a lead-in with a colon.
    f = tmp_path / "p.txt"
    f.write_text(
        "我们会通过以下方式收集信息：\n1. 您提供的信息\n当您注册时，我们会收集您的手机号码。\n"
        "2. 自动收集的信息\n我们会收集您的设备型号。\n",
        encoding="utf-8",
    )
    doc = load(f)
    assert [b.headings for b in doc.blocks][1:] == [("1. 您提供的信息",), ("2. 自动收集的信息",)]
    assert not [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]


@pytest.mark.parametrize("toc_class", ["md-toc", "ez-toc-container", "table-of-contents", "lwptoc"])
def test_a_table_of_contents_is_dropped(tmp_path: Path, toc_class: str) -> None:
    # Typora's exported TOC and WordPress TOC plugins repeat the headings as a block of links.
    f = tmp_path / "privacy.html"
    f.write_text(
        f"<html><body><div id='write'><h1>隐私政策</h1><div class='{toc_class}'><p><a href='#a'>"
        "一、我们如何收集位置信息</a></p></div><h2 id='a'>一、我们如何收集位置信息</h2>"
        "<p>我们会收集您的IMEI。</p></div></body></html>",
        encoding="utf-8",
    )
    assert [b.text for b in load(f).blocks] == ["我们会收集您的IMEI。"]


@pytest.mark.parametrize(
    "toc",
    [
        "目录\n1. 引言\n2. 我们如何收集信息\n3. 名词解释\n",
        "1. 引言\n2. 法律依据\n3. 我们如何收集\n3.1 产品和服务\n4. 共享\n5. 您的权利\n6. 更新\n7. 名词解释\n",
    ],
)
def test_a_table_of_contents_in_text_heads_nothing(tmp_path: Path, toc: str) -> None:
    # Read as headings, its last entry ("名词解释", a definitions section) headed the whole policy after it.
    f = tmp_path / "p.txt"
    body = "\n3. 我们如何收集\n通知滤盒会读取您的系统通知、获取 Android ID 和安装列表。\n"
    f.write_text(
        toc + body + "4. 共享\n我们不共享。\n5. 您的权利\n您可以删除。\n6. 更新\n我们会通知您。\n", encoding="utf-8"
    )
    blocks = load(f).blocks
    assert (blocks[0].text, blocks[0].headings) == (
        "通知滤盒会读取您的系统通知、获取 Android ID 和安装列表。",
        ("3. 我们如何收集",),
    )


def test_six_numbered_lines_that_are_no_table_of_contents_stay(tmp_path: Path) -> None:
    # A list of permissions, one a line, is not repeated later: its lines are kept (as list items).
    f = tmp_path / "p.txt"
    f.write_text(
        "本应用需要以下权限\n1. 相机\n2. 麦克风\n3. 位置\n4. 存储\n5. 通讯录\n6. 日历\n\n其他说明。\n", encoding="utf-8"
    )
    assert [b.text for b in load(f).blocks if b.kind is BlockKind.LIST_ITEM][-1] == "6. 日历"


def test_a_few_headings_in_a_row_stay_headings(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_text("一、我们如何收集\n（一）注册\n1. 手机号\n我们会收集您的手机号码。\n", encoding="utf-8")
    assert load(f).blocks[0].headings == ("一、我们如何收集", "（一）注册", "1. 手机号")


def test_a_markdown_table_of_contents_in_paragraphs_heads_nothing(tmp_path: Path) -> None:
    # One chapter a paragraph, each with <br> lines, then the chapters as #### headings: the contents' chapters
    # are siblings, and the first real chapter closes the last of them (it headed the whole policy, three deep).
    toc = "".join(f"第{n}章 标题{n}\n<br>\n<br>\n\n" for n in "一二三四五六")
    f = tmp_path / "p.md"
    f.write_text(
        "**本协议将帮助您了解以下内容**：\n<br>\n\n" + toc + "#### 第一章 定义\n设备信息是指设备型号。\n\n"
        "#### 第二章 我们如何收集\n我们会收集您的 Android ID。\n",
        encoding="utf-8",
    )
    blocks = load(f).blocks
    assert blocks[-1].text == "我们会收集您的 Android ID。" and blocks[-1].headings == ("第二章 我们如何收集",)
    assert blocks[-2].headings == ("第一章 定义",)


def test_numbered_paragraphs_after_a_numbered_heading_are_its_siblings(tmp_path: Path) -> None:
    # "### 一、…" then "二、…" as a paragraph, then "三、…" with its text on the next line: three sections.
    f = tmp_path / "p.md"
    f.write_text(
        "# 隐私政策\n\n### 一、我们收集的信息\n我们会收集您的手机号码。\n\n二、我们如何使用\n\n"
        "我们使用您的邮箱。\n\n三、我们如何共享\n我们会共享您的 IMEI。\n",
        encoding="utf-8",
    )
    assert [b.headings for b in load(f).blocks] == [
        ("隐私政策", "一、我们收集的信息"),
        ("隐私政策", "二、我们如何使用"),
        ("隐私政策", "三、我们如何共享"),
    ]


def test_a_decimal_number_run_into_its_chinese_title_is_its_level(tmp_path: Path) -> None:
    # "3.1共享" (no space) is numbered 3.1, a sibling of "3.2 转让", not "3." with a title "1共享".
    f = tmp_path / "p.txt"
    f.write_text("3.我们如何共享\n\n3.1共享\n我们会共享您的设备型号。\n\n3.2 转让\n我们不会转让您的信息。\n",
                 encoding="utf-8")
    assert [b.headings for b in load(f).blocks] == [
        ("3.我们如何共享", "3.1共享"),
        ("3.我们如何共享", "3.2 转让"),
    ]


def test_a_table_of_contents_fenced_in_markdown_heads_nothing(tmp_path: Path) -> None:
    # filterbox's layout: the contents in a fenced block, the body in plain Markdown paragraphs after it.
    toc = "".join(f"{n}. 第{n}节\n" for n in range(1, 8)) + "8. 名词解释\n"
    f = tmp_path / "p.md"
    f.write_text("目录说明\n```\n" + toc + "```\n\n我们会读取您的 Android ID。\n", encoding="utf-8")
    blocks = load(f).blocks
    assert blocks[-1].text == "我们会读取您的 Android ID。" and "8. 名词解释" not in blocks[-1].headings


@pytest.mark.parametrize(
    "text",
    [
        "Ads come from Wombat (incl. its bidding) and Quokka.",
        "We use crash tools, esp. Numbat, and logs.",
        "Payment partners (excl. Bilby) get your order, cf. section 4 on it.",
    ],
)
def test_list_abbreviations_do_not_end_a_sentence(text: str) -> None:
    """'incl.', 'excl.', 'esp.', 'cf.' inside a list keep it one sentence (its later names keep the verb)."""
    assert list(iter_sentences(text)) == [text]
