"""The policy file format family (appaudit.policy.load.Format): a toy format is one reader and one registration."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from appaudit.model import Source
from appaudit.policy import load
from appaudit.policy.analyze import analyze
from appaudit.policy.vocab import normalize as vocab_norm


def _read_faq(data: bytes, name: str, builder: load.Builder) -> tuple[str, list[str]]:
    """A toy 'FAQ' format: `Q: heading` lines open a section, `A: text` lines are its paragraphs."""
    text, encoding = load.decode(data, name)
    parts = []
    for line in text.splitlines():
        kind, _, rest = line.partition(":")
        tag = {"Q": "h2", "A": "p"}.get(kind.strip())
        if tag is not None:
            parts.append(f"<{tag}>{html.escape(rest.strip())}</{tag}>")
    load.read_html("".join(parts), builder)
    return encoding, [f"{name}: read as a toy FAQ"]


def _faq_header(head: bytes) -> bool:
    return head.startswith(b"#!faq")


FAQ = "#!faq\nQ: What we collect\nA: We collect your IMEI and precise location to show nearby offers.\n"


def test_a_toy_policy_format_needs_one_reader_and_one_registration(tmp_path: Path) -> None:
    toy = load.register(load.Format("faq", _read_faq, (".faq",), header=_faq_header))
    try:
        by_suffix, by_header = tmp_path / "policy.faq", tmp_path / "policy.txt"
        by_suffix.write_text(FAQ.removeprefix("#!faq\n"))
        by_header.write_text(FAQ)
        for path in (by_suffix, by_header):
            doc = load.load(path)
            assert doc.format is toy and doc.encoding == "utf-8"
            assert [b.headings for b in doc.blocks] == [("What we collect",)]
            assert "IMEI" in doc.blocks[0].text and f"{path.name}: read as a toy FAQ" in doc.notes
        # the whole policy analysis reads it like any other format
        report = analyze([by_suffix])
        declared = {e.data_type for e in report.evidence if e.source is Source.POLICY}
        assert {"imei", "location_precise"} <= declared
        assert report.sections["policy"]["files"]["policy.faq"].startswith("faq")
    finally:
        load.unregister("faq")
    # unregistered: the same file is plain text again
    assert load.detect_format(tmp_path / "policy.faq", FAQ.encode()) is load.Format.TEXT


def test_built_in_formats_are_registered_in_detection_order() -> None:
    assert list(load.FORMATS) == ["pdf", "markdown", "mdx", "html", "text"]
    assert load.detect_format(Path("p.htm"), b"%PDF-1.4") is load.Format.PDF  # the header decides first
    assert load.detect_format(Path("p.md"), b"<html>") is load.Format.MARKDOWN  # then the suffix
    assert load.detect_format(Path("p"), b"<!doctype html><p>x") is load.Format.HTML  # then the content
    assert load.detect_format(Path("p.unknown"), b"plain") is load.Format.TEXT


def test_plain_text_laid_out_in_one_html_element_is_read_as_text(tmp_path: Path) -> None:
    # A page whose whole policy is newline text in one <div>: numbered lines are headings, blank lines
    # end paragraphs, as in a .txt (a browser would show one run; the author wrote paragraphs).
    f = tmp_path / "privacy.html"
    f.write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body><h1>示例隐私政策</h1><div>\n"
        "更新日期：2024年1月1日\n\n"
        "1 我们如何收集信息\n\n"
        "1.1 账号注册\n\n"
        "注册时我们收集您的手机号码。\n\n"
        "1.2 <b>位置</b>\n\n"
        "我们收集您的位置信息用于推荐，见<a href='https://example.com/amap'>高德隐私政策</a>。\n"
        "</div></body></html>",
        encoding="utf-8",
    )
    blocks = load.load(f).blocks
    assert [(b.text, b.headings) for b in blocks] == [
        ("更新日期：2024年1月1日", ("示例隐私政策",)),
        ("注册时我们收集您的手机号码。", ("示例隐私政策", "1 我们如何收集信息", "1.1 账号注册")),
        ("我们收集您的位置信息用于推荐，见高德隐私政策。", ("示例隐私政策", "1 我们如何收集信息", "1.2 位置")),
    ]
    # a link goes to the line that holds its anchor text
    assert [b.links for b in blocks] == [(), (), ("https://example.com/amap",)]


def test_source_newlines_of_html_markup_do_not_split_paragraphs(tmp_path: Path) -> None:
    # Newlines and indentation around tags are layout of the source, not of the text: one paragraph.
    f = tmp_path / "p.html"
    f.write_text(
        "<html><body><p>\n  We collect\n  <strong>\n    your IMEI,\n  </strong>\n\n  and your email.\n</p>"
        "</body></html>"
    )
    assert [b.text for b in load.load(f).blocks] == ["We collect your IMEI, and your email."]


def test_html_fragment_saved_as_text_is_read_as_html(tmp_path: Path) -> None:
    f = tmp_path / "privacy.txt"
    f.write_text(
        '<h1><strong style="color: rgb(1, 2, 3);">隐私政策</strong></h1>\n'
        '<p><span style="color: rgb(1, 2, 3);">我们收集您的姓名、电话号码。</span></p>\n'
        "<h5>某某SDK</h5>\n<p>\n涉及个人信息：IP地址<br />\n使用目的：登录<br />\n</p>\n",
        encoding="utf-8",
    )
    doc = load.load(f)
    assert doc.format is load.Format.TEXT
    assert [(b.text, b.headings) for b in doc.blocks] == [
        ("我们收集您的姓名、电话号码。", ("隐私政策",)),
        ("涉及个人信息：IP地址", ("隐私政策", "某某SDK")),
        ("使用目的：登录", ("隐私政策", "某某SDK")),
    ]
    assert doc.notes == ("privacy.txt: HTML markup in a text file, read as HTML",)
    # a text policy that names a tag or two stays text
    g = tmp_path / "plain.txt"
    g.write_text("We collect your email.\nOur site uses <p> and <br> tags.\n")
    assert [b.text for b in load.load(g).blocks] == ["We collect your email.", "Our site uses <p> and <br> tags."]


def test_table_cell_line_breaks(tmp_path: Path) -> None:
    # <br> separates items in a cell, except before a bracketed alias (a wrapped name); a newline of the
    # source inside a cell is a space; a literal backslash-n left by a template is a line break.
    f = tmp_path / "sdk.html"
    f.write_text(
        "<table><tr><th>SDK名称</th><th>收集信息</th><th>第三方</th></tr>"
        "<tr><td>某广告SDK<br>（某联盟）</td><td>设备标识符（IMEI、Android\n        ID）</td>"
        "<td>某某公司<br><a href='https://example.com/p'>隐私政策</a></td></tr>"
        "<tr><td>某支付 SDK\\n(某宝)</td><td>IP地址</td><td>某宝公司</td></tr></table>",
        encoding="utf-8",
    )
    (table,) = load.load(f).tables
    assert [r.cells for r in table.rows] == [
        ("某广告SDK（某联盟）", "设备标识符（IMEI、Android ID）", "某某公司；隐私政策"),
        ("某支付 SDK(某宝)", "IP地址", "某宝公司"),
    ]


def test_markdown_front_matter_and_shortcodes_are_no_text(tmp_path: Path) -> None:
    toml = tmp_path / "hugo.md"
    toml.write_text(
        '+++\ndraft = true\ntitle = "Privacy"\n+++\n{{<rawhtml>}}\n<p>We collect your <strong>IMEI</strong>.</p>\n'
        "{{</rawhtml>}}\n{{% notice %}}Contact us.{{% /notice %}}\n"
    )
    assert [b.text for b in load.load(toml).blocks] == ["We collect your IMEI.", "Contact us."]
    yaml = tmp_path / "jekyll.md"
    yaml.write_text("---\nlayout: page\ntitle: Privacy\n---\n{% raw %}\n## Data\n\nWe collect your email.\n")
    (block,) = load.load(yaml).blocks
    assert (block.text, block.headings) == ("We collect your email.", ("Data",))
    # a rule line that opens a file is no front matter
    rule = tmp_path / "rule.md"
    rule.write_text("---\n# Privacy\nWe collect your email.\n\n---\n")
    assert [(b.text, b.headings) for b in load.load(rule).blocks] == [("We collect your email.", ("Privacy",))]


def test_indented_html_in_markdown_is_html_not_code(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text(
        "# Privacy\n\n<div>\n\n    <table>\n      <tr><th>SDK</th><th>Data</th></tr>\n\n"
        "      <tr><td>Firebase</td><td>IP address</td></tr>\n    </table>\n\n"
        "    <p>We collect your IMEI.</p>\n</div>\n"
    )
    doc = load.load(f)
    (table,) = doc.tables
    assert table.header == ("SDK", "Data") and [r.cells for r in table.rows] == [("Firebase", "IP address")]
    assert [b.text for b in doc.blocks if b.kind is load.BlockKind.PARAGRAPH] == ["We collect your IMEI."]


def test_line_breaks_and_no_break_spaces_inside_chinese_words(tmp_path: Path) -> None:
    # Word/Aspose exports wrap the source inside words and put &nbsp; between the spans of one word;
    # a browser shows "手机号码", and so must the blocks. A break before a field keeps its space.
    f = tmp_path / "word.html"
    f.write_text(
        "<html><body><p class=MsoNormal><span style='font-family:宋体'>我们会收集您的手机</span>\n"
        "<span lang=EN-US>号码</span><span>、电子&nbsp;邮箱和</span><span lang=EN-US>IMEI</span>。</p>"
        "<p>运营者：某某公司\n联系邮箱：a@example.com</p></body></html>",
        encoding="utf-8",
    )
    assert [b.text for b in load.load(f).blocks] == [
        "我们会收集您的手机号码、电子邮箱和IMEI。",
        "运营者：某某公司 联系邮箱：a@example.com",
    ]
    # hard-wrapped Chinese plain text: the wrap is inside a word
    g = tmp_path / "wrapped.txt"
    g.write_text("我们会收集您的设备型\n号和位置信息，用于安全\n风控。\n", encoding="utf-8")
    assert [b.text for b in load.load(g).blocks] == ["我们会收集您的设备型号和位置信息，用于安全风控。"]


def test_a_whole_page_saved_as_text_is_read_as_html(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text("<html><head>\n<style>\n.a{color:red}\n</style></head>\n<body><p>We collect your email.</p>\n")
    assert [b.text for b in load.load(f).blocks] == ["We collect your email."]


def test_converter_trial_notices_are_no_policy_text(tmp_path: Path) -> None:
    f = tmp_path / "aspose.html"
    f.write_text(
        "<html><body><div><p><span>Evaluation Only. Created with Aspose.Words. Copyright 2003-2023 Aspose Pty Ltd."
        "</span></p><p><span>我们收集</span><span>您的手机号码。</span></p>"
        "<p>Created with an evaluation copy of Aspose.Words. To remove all limitations, you can use Free Temporary "
        "License https://products.aspose.com/words/temporary-license/</p></div></body></html>",
        encoding="utf-8",
    )
    assert [b.text for b in load.load(f).blocks] == ["我们收集您的手机号码。"]
    g = tmp_path / "spire.txt"
    g.write_text("Evaluation Warning: The document was created with Spire.Doc for .NET.\nWe collect your email.\n")
    assert [b.text for b in load.load(g).blocks] == ["We collect your email."]


def test_notice_search_skips_only_blocks_without_a_notice_opening() -> None:
    # Blocks are searched for the notices only when they hold a notice's opening words, as re.I matches them
    # (upper case, the long s and the Kelvin sign too); an opening that is not sure turns the test off.
    assert load._notice_heads() and all(len(h) >= 4 for h in load._notice_heads())
    assert load._without_notices("EVALUATION ONLY. Created with Aspose.Words. We collect your email.").strip() == (
        "We collect your email."
    )
    assert "Aspose" not in load._without_notices("Created with an evaluation copy of A\u017fpose.Words. Text")
    assert load._without_notices("We collect your email.") == "We collect your email."
    assert load._literal_head(r"Evaluation Only\. Created") == "Evaluation Only"
    assert load._literal_head(r"Evaluation Warning ?: x") == "Evaluation Warning"
    assert load._literal_head(r"Evaluations*") == "Evaluation"
    assert load._literal_head(r"Abcde(?:x|y)|z") == ""  # an alternative at the top level
    assert load._literal_head(r"Abcd[^]|](?:x)") == "Abcd"  # a "|" in a class is no alternative
    assert load._literal_head(r"(?:Abcde)") == "" and load._literal_head(r"\bAbcde") == ""


def test_headings_keep_text_after_a_break_and_sentences_in_heading_tags_are_paragraphs(tmp_path: Path) -> None:
    f = tmp_path / "h.html"
    f.write_text(
        "<html><body><h2>一、我们如何收集<br>和使用信息</h2><p>我们收集您的设备型号。</p>"
        "<h3><b>（六）在收集您的个人信息后，我们将通过技术手段对个人信息进行去标识化处理。</b></h3>"
        "<h3>What do we<br>collect?</h3><p>Your email.</p>"
        "<h3>（七）以下情形无需征得您的同意：</h3><p>履行法定义务。</p></body></html>",
        encoding="utf-8",
    )
    assert [(b.text, b.headings) for b in load.load(f).blocks] == [
        ("我们收集您的设备型号。", ("一、我们如何收集和使用信息",)),
        (
            "（六）在收集您的个人信息后，我们将通过技术手段对个人信息进行去标识化处理。",
            ("一、我们如何收集和使用信息",),
        ),
        ("Your email.", ("一、我们如何收集和使用信息", "What do we collect?")),
        ("履行法定义务。", ("一、我们如何收集和使用信息", "（七）以下情形无需征得您的同意：")),
    ]


def test_headings_set_in_one_tag_nest_by_their_numbering(tmp_path: Path) -> None:
    f = tmp_path / "h3.html"
    f.write_text(
        "<html><body><h2>隐私政策</h2><h3>三、我们如何共享信息</h3><h3>（一）共享</h3><p>我们不会共享您的手机号码。</p>"
        "<h3>（二）转让</h3><p>我们不会转让。</p><h3>四、联系我们</h3><p>邮箱：a@example.com</p></body></html>",
        encoding="utf-8",
    )
    assert [b.headings for b in load.load(f).blocks] == [
        ("隐私政策", "三、我们如何共享信息", "（一）共享"),
        ("隐私政策", "三、我们如何共享信息", "（二）转让"),
        ("隐私政策", "四、联系我们"),
    ]


def test_one_paragraph_a_line_without_blank_lines_in_html(tmp_path: Path) -> None:
    lines = [
        "1 我们收集的信息",
        "注册时我们收集您的手机号码。",
        "登录时我们记录您的IP地址。",
        "2 第三方SDK",
        "友盟SDK会收集您的设备型号。",
        "高德SDK会收集您的位置信息。",
        "3 联系我们",
        "如有问题请联系我们。",
        "我们会在15天内答复。",
    ]
    f = tmp_path / "lines.html"
    f.write_text("<html><body><div>\n" + "\n".join(lines) + "\n</div></body></html>", encoding="utf-8")
    blocks = load.load(f).blocks
    assert [b.text for b in blocks] == [ln for ln in lines if not ln[0].isdigit()]
    assert blocks[2].headings == ("2 第三方SDK",)
    # a paragraph hard-wrapped in the source is one paragraph
    wrapped = " ".join(["We collect the device model and the IP address of your phone when you use"] * 9)
    g = tmp_path / "wrapped.html"
    g.write_text("<html><body><p>\n" + wrapped.replace(" use We", " use\nWe") + ".\n</p></body></html>")
    (block,) = load.load(g).blocks
    assert block.text == wrapped + "."


def test_markdown_text_bullets_and_a_link_bullet_without_its_space_are_list_items(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text(
        "我们收集以下信息：\n• 设备型号\n· IMEI\n\nThird-party services used by the app:\n"
        "  *[Unity Ads](https://example.com/privacy )\n\n*Note:* we keep *nothing*.\n\n```\n• not a bullet\n```\n",
        encoding="utf-8",
    )
    blocks = load.load(f).blocks
    assert [(b.kind.name, b.text) for b in blocks] == [
        ("PARAGRAPH", "我们收集以下信息："),
        ("LIST_ITEM", "设备型号"),
        ("LIST_ITEM", "IMEI"),
        ("PARAGRAPH", "Third-party services used by the app:"),
        ("LIST_ITEM", "Unity Ads"),
        ("PARAGRAPH", "Note: we keep nothing."),
        ("PARAGRAPH", "• not a bullet"),
    ]
    assert blocks[4].links == ("https://example.com/privacy",)


def test_text_bullets_without_a_space_are_list_items(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_text("我们收集以下信息\n•设备型号\n●IMEI\n- 位置信息\n-5 度以下不工作\n", encoding="utf-8")
    assert [(b.kind.name, b.text) for b in load.load(f).blocks] == [
        ("PARAGRAPH", "我们收集以下信息"),
        ("LIST_ITEM", "•设备型号"),
        ("LIST_ITEM", "●IMEI"),
        ("LIST_ITEM", "- 位置信息 -5 度以下不工作"),
    ]


def test_invisible_characters_and_twice_escaped_entities(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_text(
        "<html><body><p>我们收集您的手机\u200b号码和电子\u00ad邮箱&amp;nbsp;以及IMEI。</p>"
        "<table><tr><th>SDK</th><th>信息</th></tr><tr><td>友盟\ufeffSDK</td><td>Android&amp;nbsp;ID</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = load.load(f)
    assert doc.blocks[0].text == "我们收集您的手机号码和电子邮箱以及IMEI。"
    assert doc.tables[0].rows[0].cells == ("友盟SDK", "Android ID")
    g = tmp_path / "p.txt"
    g.write_text("We collect your device&nbsp;model &amp; IP address.\n", encoding="utf-8")
    assert [b.text for b in load.load(g).blocks] == ["We collect your device model & IP address."]


def test_markdown_saved_as_text_is_read_as_markdown(tmp_path: Path) -> None:
    f = tmp_path / "privacy.txt"
    f.write_text(
        "# 隐私政策\n\n## 第三方SDK\n\n| SDK名称 | 收集信息 |\n|---|---|\n| 友盟SDK | **设备型号**、IMEI |\n",
        encoding="utf-8",
    )
    doc = load.load(f)
    (table,) = doc.tables
    assert table.header == ("SDK名称", "收集信息") and table.rows[0].cells == ("友盟SDK", "设备型号、IMEI")
    assert table.headings == ("隐私政策", "第三方SDK")
    assert doc.notes == ("privacy.txt: Markdown in a text file, read as Markdown",)
    # one "#" line does not make a text file Markdown
    g = tmp_path / "plain.txt"
    g.write_text("# Privacy\n1. Data we collect\nWe collect your email.\n")
    assert [(b.text, b.headings) for b in load.load(g).blocks] == [
        ("# Privacy", ()),
        ("We collect your email.", ("1. Data we collect",)),
    ]


def test_emphasis_markers_markdown_does_not_take_are_no_text(tmp_path: Path) -> None:
    # Bold next to CJK punctuation or broken by a word processor stays "**" after rendering: dropped,
    # so that words and phrases match; bold that renders and "*" inside a link target are kept.
    f = tmp_path / "p.md"
    f.write_text(
        "我们将签署**《标准合同》（2023）**并收集**手机号码**。\n\n"
        "We **do not collect personal data****   **such as ** your name** , or email.\n\n"
        "**(3**） **Camera and photos\n\n"
        "See [the terms](https://example.com/a**b).\n",
        encoding="utf-8",
    )
    doc = load.load(f)
    assert [b.text for b in doc.blocks] == [
        "我们将签署《标准合同》（2023）并收集手机号码。",
        "We do not collect personal data such as your name , or email.",
        "(3） Camera and photos",
        "See the terms.",
    ]
    assert doc.blocks[3].links == ("https://example.com/a**b",)


def test_bare_line_headings_in_text_laid_out_by_lines(tmp_path: Path) -> None:
    # A short unpunctuated line after a finished paragraph and above prose is a heading below the
    # numbered one ("账号注册与登录", "1、实现身份认证"), not the start of the paragraph below it; the
    # next numbered heading closes it. The first line of a hard-wrapped paragraph, the items of an
    # unpunctuated list and a lead-in ending with ":" stay text.
    f = tmp_path / "隐私政策.md"
    f.write_text(
        "一、我们如何收集您的个人信息\n"
        "我们仅收集必要的信息。\n"
        "账号注册与登录\n"
        "当您注册时，我们会收集您的手机号码。\n"
        "1、实现身份认证\n"
        "为核验身份，我们会收集您的姓名。\n"
        "我们会收集以下信息：\n"
        "设备型号\n"
        "IMEI\n"
        "二、我们如何共享您的个人信息\n"
        "我们不会共享您的个人信息。\n",
        encoding="utf-8",
    )
    got = [(b.text, b.headings) for b in load.load(f).blocks]
    assert got == [
        ("我们仅收集必要的信息。", ("一、我们如何收集您的个人信息",)),
        ("当您注册时，我们会收集您的手机号码。", ("一、我们如何收集您的个人信息", "账号注册与登录")),
        ("为核验身份，我们会收集您的姓名。", ("一、我们如何收集您的个人信息", "1、实现身份认证")),
        ("我们会收集以下信息：", ("一、我们如何收集您的个人信息", "1、实现身份认证")),
        ("设备型号 IMEI", ("一、我们如何收集您的个人信息", "1、实现身份认证")),
        ("我们不会共享您的个人信息。", ("二、我们如何共享您的个人信息",)),
    ]
    g = tmp_path / "p.txt"
    g.write_text(
        "Information We Collect\n"
        "We collect your email address when you sign up.\n"
        "When you use the app, we collect your device model and\n"
        "operating system version to keep the service secure.\n",
        encoding="utf-8",
    )
    assert [(b.text, b.headings) for b in load.load(g).blocks] == [
        ("We collect your email address when you sign up.", ("Information We Collect",)),
        (
            "When you use the app, we collect your device model and operating system version to keep the service "
            "secure.",
            ("Information We Collect",),
        ),
    ]


def test_elements_that_keep_line_breaks_are_read_line_by_line(tmp_path: Path) -> None:
    # A consent page with the whole policy in one <pre> (or an element styled white-space: pre-wrap inline
    # or by the page's style sheet) shows one heading or paragraph a line, however few lines it has.
    pre = (
        "<pre><b>隐私政策</b>\n一、我们收集的信息\n我们会收集您的设备型号。\n"
        "二、第三方SDK\n我们接入了友盟统计SDK。\n</pre>"
    )
    styled = (
        '<div style="white-space: pre-line">一、我们收集的信息\n我们会收集您的设备型号。\n'
        "二、第三方SDK\n我们接入了友盟统计SDK。</div>"
    )
    sheet = (
        "<style>/* 深色模式 */ body { margin: 0 } .page .policy, x { white-space: pre-wrap; color: #333 }</style>"
        '<div class="policy">一、我们收集的信息\n我们会收集您的设备型号。\n二、第三方SDK\n我们接入了友盟统计SDK。</div>'
    )
    want = [
        ("我们会收集您的设备型号。", ("一、我们收集的信息",)),
        ("我们接入了友盟统计SDK。", ("二、第三方SDK",)),
    ]
    for n, body in enumerate((pre, styled, sheet)):
        f = tmp_path / f"p{n}.html"
        f.write_text(f"<html><body>{body}<button onclick='agree()'>同意</button></body></html>", encoding="utf-8")
        assert [(b.text, b.headings) for b in load.load(f).blocks if b.headings] == want, body
    # source line breaks of an ordinary element are spaces
    g = tmp_path / "q.html"
    g.write_text("<html><body><p>We collect your\nemail address.</p></body></html>", encoding="utf-8")
    assert [b.text for b in load.load(g).blocks] == ["We collect your email address."]


def test_key_value_lines_joined_by_soft_breaks_stay_one_field_a_line(tmp_path: Path) -> None:
    # Markdown joins lines without a blank line into one paragraph: a record written one "key：value"
    # field a line would run each value into the next key. Such a paragraph is read line by line, as in a
    # text file; a paragraph with one key line among prose lines stays one paragraph.
    f = tmp_path / "p.md"
    f.write_text(
        "## 第三方SDK\n\n"
        "SDK名称：友盟统计SDK\n提供方：友盟同欣（北京）科技有限公司\n收集信息：设备信息、OAID\n\n"
        "**SDK名称**：极光推送SDK\n**收集信息**：网络信息\n\n"
        "We use Firebase to count\nvisits. Note: it\nnever sees your name.\n",
        encoding="utf-8",
    )
    assert [b.text for b in load.load(f).blocks] == [
        "SDK名称：友盟统计SDK",
        "提供方：友盟同欣（北京）科技有限公司",
        "收集信息：设备信息、OAID",
        "SDK名称：极光推送SDK",
        "收集信息：网络信息",
        "We use Firebase to count visits. Note: it never sees your name.",
    ]
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    assert [(r["name"], r["how"]) for r in rows][:2] == [("友盟统计SDK", "kv-block"), ("极光推送SDK", "kv-block")]


def test_word_second_level_o_bullets_in_markdown_are_list_items(tmp_path: Path) -> None:
    # Word exports write the second bullet level as "o " lines; Markdown takes them for continuation lines
    # of the item above, joining a whole data list into its lead-in. "o" before a lower-case word stays text.
    f = tmp_path / "p.md"
    f.write_text(
        "- 日志信息，包括：\no 设备或软件信息，例如设备识别码；\no IP地址。\n\n"
        "Our data:\no Device model\no and so on\n",
        encoding="utf-8",
    )
    assert [(b.kind.name, b.text) for b in load.load(f).blocks] == [
        ("LIST_ITEM", "日志信息，包括："),
        ("LIST_ITEM", "设备或软件信息，例如设备识别码；"),
        ("LIST_ITEM", "IP地址。"),
        ("PARAGRAPH", "Our data:"),
        ("LIST_ITEM", "Device model o and so on"),
    ]


def test_a_page_with_a_licence_comment_and_a_long_style_sheet_is_html(tmp_path: Path) -> None:
    # App asset pages open with a licence comment and kilobytes of CSS before <body>: saved as .txt or
    # without a suffix, they are still pages, not one paragraph of markup and style rules.
    css = "\n".join(f".c{i} {{ margin: 0; color: #333; /* 深色模式 {i} */ }}" for i in range(150))
    page = (
        f"<!-- SPDX-License-Identifier: MIT -->\n<!DOCTYPE html>\n<html><head><style>\n{css}\n</style></head>\n"
        "<body><h1>隐私政策</h1><p>我们会收集您的设备型号。</p></body></html>\n"
    )
    for name in ("privacy.txt", "privacy"):
        f = tmp_path / name
        f.write_text(page, encoding="utf-8")
        assert [(b.text, b.headings) for b in load.load(f).blocks] == [("我们会收集您的设备型号。", ("隐私政策",))]
    g = tmp_path / "notes.txt"
    g.write_text("<!-- draft -->\nWe collect your email.\n", encoding="utf-8")
    assert load.load(g).format is load.Format.TEXT


def test_plain_text_saved_as_markdown_keeps_its_lines(tmp_path: Path) -> None:
    # Plain text in a .md file: Markdown joins lines without a blank line between them, so a numbered
    # heading ran into the paragraph above it and three one-sentence lines made one paragraph. A
    # paragraph holding a Chinese-numbered heading line, or of three or more lines most of which end a
    # sentence, is read line by line; a hard-wrapped paragraph and two sentences on two lines stay one.
    f = tmp_path / "隐私政策.md"
    f.write_text(
        "我们深知个人信息对您的重要性。\n一、适用范围\n\n本政策适用于本应用。\n\n"
        "我们会收集您的设备型号。\n我们会收集您的位置信息。\n我们不会收集您的通讯录。\n\n"
        "We collect your device model and\noperating system version to keep\nthe service secure.\n\n"
        "Facebook collects data with its SDK.\nSee their policy for more.\n",
        encoding="utf-8",
    )
    assert [(b.text, b.headings) for b in load.load(f).blocks] == [
        ("我们深知个人信息对您的重要性。", ()),
        ("本政策适用于本应用。", ("一、适用范围",)),
        ("我们会收集您的设备型号。", ("一、适用范围",)),
        ("我们会收集您的位置信息。", ("一、适用范围",)),
        ("我们不会收集您的通讯录。", ("一、适用范围",)),
        ("We collect your device model and operating system version to keep the service secure.", ("一、适用范围",)),
        ("Facebook collects data with its SDK. See their policy for more.", ("一、适用范围",)),
    ]


def test_markdown_saved_as_text_by_its_links_bold_runs_or_front_matter(tmp_path: Path) -> None:
    # Markdown in a .txt file with one heading or none: links, bold runs or front matter show it, and it
    # is read as Markdown (no "**" or "[…](…)" left in the text); plain text with one "#" line or a "*"
    # footnote mark stays text.
    cases = {
        "links.txt": "Third parties:\n\n- [AdMob](https://example.com/a)\n- [Firebase](https://example.com/f)\n",
        "bold.txt": "**Data**\n\nWe collect your **email**.\n\n**Sharing**\n\nNone.\n",
        "front.txt": "---\nsidebar_position: 4\n---\n\n# 第三方SDK说明\n\nSDK名称：友盟SDK\n",
    }
    for name, text in cases.items():
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        doc = load.load(f)
        assert doc.notes == (f"{name}: Markdown in a text file, read as Markdown",), name
        assert not any("**" in b.text or "](" in b.text or "sidebar" in b.text for b in doc.blocks), name
    g = tmp_path / "plain.txt"
    g.write_text("# Privacy\nWe collect your email*.\n* only to answer you\n", encoding="utf-8")
    assert load.load(g).notes == ()


def test_numbered_text_headings_nest_as_both_outlines_do(tmp_path: Path) -> None:
    # Chinese policies number 一、 > （一） > 1.; English ones Part > I. > 1. > 1.1. A "1." heading inside
    # "（一）" nests below it (it used to close "一、" and "（一）" as if it ranked with "一、").
    f = tmp_path / "p.txt"
    f.write_text(
        "一、我们如何收集信息\n（一）注册登录\n1. 手机号注册\n我们会收集您的手机号码。\n"
        "（二）第三方SDK\n我们接入了友盟SDK。\n"
        "Part II. Privacy Policy\nI. Information we collect\n1. Account\nWe collect your email.\n"
        "1.1 Logs\nWe collect your IP.\n",
        encoding="utf-8",
    )
    assert [(b.text, b.headings) for b in load.load(f).blocks] == [
        ("我们会收集您的手机号码。", ("一、我们如何收集信息", "（一）注册登录", "1. 手机号注册")),
        ("我们接入了友盟SDK。", ("一、我们如何收集信息", "（二）第三方SDK")),
        ("We collect your email.", ("Part II. Privacy Policy", "I. Information we collect", "1. Account")),
        ("We collect your IP.", ("Part II. Privacy Policy", "I. Information we collect", "1. Account", "1.1 Logs")),
    ]


def test_chinese_numbered_paragraphs_of_a_page_are_headings(tmp_path: Path) -> None:
    # Pages that set their headings in paragraph tags ("<p>一、…</p>", "<p><b>（六）…</b></p>") have
    # sections as their text would: an SDK list keeps the section that says what its records are. They nest
    # below the page's own heading by their numbering; "1." paragraphs (list items as often) and a
    # numbered line that is a sentence or a link stay paragraphs.
    f = tmp_path / "p.html"
    f.write_text(
        "<html><body><h2>隐私政策</h2><p>一、我们收集的信息</p><p><b>（六）第三方SDK接入情况</b></p>"
        "<p>第三方SDK名称：友盟SDK</p><p>1. 设备型号</p><p>（七）我们会收集您的位置信息。</p>"
        "<p><a href='https://example.com'>二、第三方隐私政策</a></p><p>二、信息共享</p><p>我们不共享信息。</p>"
        "</body></html>",
        encoding="utf-8",
    )
    assert [(b.text, b.headings) for b in load.load(f).blocks] == [
        ("第三方SDK名称：友盟SDK", ("隐私政策", "一、我们收集的信息", "（六）第三方SDK接入情况")),
        ("1. 设备型号", ("隐私政策", "一、我们收集的信息", "（六）第三方SDK接入情况")),
        ("（七）我们会收集您的位置信息。", ("隐私政策", "一、我们收集的信息", "（六）第三方SDK接入情况")),
        ("二、第三方隐私政策", ("隐私政策", "一、我们收集的信息", "（六）第三方SDK接入情况")),
        ("我们不共享信息。", ("隐私政策", "二、信息共享")),
    ]


def test_a_table_that_lays_out_the_page_is_read_as_the_page(tmp_path: Path) -> None:
    # Old pages and exports put the whole policy in one table cell (often inside another): read as a
    # table, the policy was one table row. A table holding headings, one column of long text or a table
    # in a cell of at most two columns lays out the page; the SDK table inside it stays a table.
    policy = (
        "<h2>一、我们收集的信息</h2><p>我们会收集您的设备型号和IMEI。</p>"
        "<table><tr><th>SDK名称</th><th>收集信息</th></tr><tr><td>友盟SDK</td><td>设备型号</td></tr></table>"
    )
    f = tmp_path / "p.html"
    f.write_text(
        f"<html><body><table width='100%'><tr><td><table><tr><td>{policy}</td></tr></table></td></tr></table>"
        "<table><tr><th>权限</th><th>用途</th></tr><tr><td>相机</td><td>扫码</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = load.load(f)
    assert [(b.kind.name, b.text, b.headings) for b in doc.blocks] == [
        ("PARAGRAPH", "我们会收集您的设备型号和IMEI。", ("一、我们收集的信息",)),
        ("TABLE_ROW", "友盟SDK | 设备型号", ("一、我们收集的信息",)),
        ("TABLE_ROW", "相机 | 扫码", ("一、我们收集的信息",)),
    ]
    assert [t.header for t in doc.tables] == [("SDK名称", "收集信息"), ("权限", "用途")]
    g = tmp_path / "q.html"
    g.write_text(
        "<html><body><table><tr><td>" + "我们会收集您的设备型号。" * 30 + "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert [b.kind.name for b in load.load(g).blocks] == ["PARAGRAPH"]


def test_doubled_carriage_returns_are_one_line_end(tmp_path: Path) -> None:
    # A CRLF file converted to CRLF again ends its lines with "\r\r\n": each line end read as a blank line
    # split every Markdown list, table and hard-wrapped paragraph. CRLF, CR and "\r\r\n" all read as LF.
    text = (
        "# Privacy\n\nWe collect your device model and\noperating system version.\n\n"
        "- [AdMob](https://example.com/a)\n- [Firebase](https://example.com/f)\n\n"
        "| SDK | Data |\n|---|---|\n| Bugly | crash logs |\n"
    )
    want = [(b.kind, b.text) for b in load.parse(text.encode(), "p.md", load.Format.MARKDOWN).blocks]
    assert len(want) == 4
    for end in ("\r\n", "\r", "\r\r\n"):
        doc = load.parse(text.replace("\n", end).encode(), "p.md", load.Format.MARKDOWN)
        assert [(b.kind, b.text) for b in doc.blocks] == want, repr(end)


def test_ideographic_indents_in_markdown_do_not_hide_lists(tmp_path: Path) -> None:
    # Chinese paragraphs are indented with ideographic spaces ("\u3000\u3000"); Markdown does not take them
    # for spaces, so an indented list was one paragraph of its items.
    f = tmp_path / "p.md"
    f.write_text("\u3000\u3000我们会收集以下信息：\n\n\u3000\u30001. 设备型号\n\u3000\u30002. IMEI\n", encoding="utf-8")
    assert [(b.kind.name, b.text) for b in load.load(f).blocks] == [
        ("PARAGRAPH", "我们会收集以下信息："),
        ("LIST_ITEM", "设备型号"),
        ("LIST_ITEM", "IMEI"),
    ]


_GRID = (
    "+------------+----------------------+------------------+\n"
    "| SDK名称    | 第三方公司           | 收集信息         |\n"
    "+============+======================+==================+\n"
    "| 友盟统计   | 友盟同欣（北京）科技 | IMEI、OAID       |\n"
    "|            | 有限公司             |                  |\n"
    "+------------+----------------------+------------------+\n"
    "| 极光推送   | 深圳市和讯华谷       | 网络类型         |\n"
    "+------------+----------------------+------------------+\n"
)
_BOX = (
    "┌──────────┬──────────────┬──────────┐\n"
    "│ SDK名称  │ 第三方公司   │ 收集信息 │\n"
    "├──────────┼──────────────┼──────────┤\n"
    "│ 友盟统计 │ 友盟同欣（北 │ IMEI、   │\n"
    "│          │ 京）科技有限 │ OAID     │\n"
    "│          │ 公司         │          │\n"
    "├──────────┼──────────────┼──────────┤\n"
    "│ 极光推送 │ 深圳市和讯华 │ 网络类型 │\n"
    "│          │ 谷           │          │\n"
    "└──────────┴──────────────┴──────────┘\n"
)


@pytest.mark.parametrize(("name", "table"), [("p.md", _GRID), ("p.txt", _GRID), ("p.txt", _BOX), ("p.md", _BOX)])
def test_character_drawn_tables_keep_their_rows(tmp_path: Path, name: str, table: str) -> None:
    # Pandoc's grid tables (Word tables with wrapped cells) and box-drawing tables of text exports.
    f = tmp_path / name
    f.write_text("## 第三方SDK列表\n\n" + table + "\n我们不会收集您的通讯录。\n", encoding="utf-8")
    doc = load.load(f)
    assert [t.header for t in doc.tables] == [("SDK名称", "第三方公司", "收集信息")]
    rows = [b.cells for b in doc.blocks if b.kind is load.BlockKind.TABLE_ROW]
    assert rows[0][0] == "友盟统计" and vocab_norm(rows[0][1]) == "友盟同欣(北京)科技有限公司"
    assert [r[0] for r in rows] == ["友盟统计", "极光推送"] and "OAID" in rows[0][2]
    assert doc.blocks[-1].text == "我们不会收集您的通讯录。"
    section = analyze([f]).sections["policy"]
    assert {r["name"]: r["data_types"] for r in section["sdk_rows"]} == {
        "友盟统计": ["imei", "oaid"],
        "极光推送": ["network_info"],
    }


def test_a_rule_line_alone_is_no_table(tmp_path: Path) -> None:
    f = tmp_path / "p.txt"
    f.write_text("我们会收集您的IMEI。\n+--------+\n| 注意 |\n", encoding="utf-8")
    assert not load.load(f).tables


def test_a_page_of_rule_lines_is_read_once(tmp_path: Path) -> None:
    # Hostile input: 20,000 rule lines with no cells are no table (and are not rescanned from each line).
    f = tmp_path / "p.txt"
    f.write_text("我们会收集您的IMEI。\n" + "+------+\n" * 20000, encoding="utf-8")
    doc = load.load(f)
    assert not doc.tables and doc.blocks[0].text == "我们会收集您的IMEI。"


_RECORD_NAMES = {
    "zh": ["云雀推送", "蜂鸟地图", "白鹭统计", "青鸟分享", "雨燕支付"],
    "en": ["FooSDK", "BarSDK", "BazSDK", "QuxSDK", "ZapSDK"],
}
_RECORD_MARKS = {"dot": "{}.", "dun": "{}、", "paren": "（{}）", "paren_right": "{})"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("count", [2, 3, 5])
@pytest.mark.parametrize("mark", list(_RECORD_MARKS))
@pytest.mark.parametrize("field", [False, True])
def test_numbered_record_lines_joined_by_soft_breaks_keep_their_lines(
    tmp_path: Path, lang: str, count: int, mark: str, field: bool
) -> None:
    # Records numbered without a space after the number ("1.云雀推送", "2、蜂鸟地图", "（3）FooSDK") are no
    # list items to Markdown: consecutive ones were joined into one paragraph at its soft line breaks, so
    # two or more records ran into one. Each keeps its own line, with or without a "key：value" line after it.
    names = _RECORD_NAMES[lang][:count]
    kv = "收集信息：设备标识符" if lang == "zh" else "Data collected: device ID"
    lines: list[str] = []
    for i, name in enumerate(names, 1):
        lines.append(_RECORD_MARKS[mark].format(i) + name)
        if field:
            lines.append(kv)
    f = tmp_path / "p.md"
    f.write_text("# SDK\n\nWe use:\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    # A line is its own block, or the heading of the field lines under it ("1.云雀推送" > "收集信息：…").
    read: list[str] = []
    for b in load.load(f).blocks:
        read += [h for h in b.headings if h != "SDK" and h not in read]
        read.append(b.text)
    assert read == ["We use:", *lines]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "1、云雀推送SDK：收集设备标识符，用于消息推送\n2、蜂鸟地图SDK：收集位置信息，用于定位\n",
            ["云雀推送SDK", "蜂鸟地图SDK"],
        ),
        (
            "1、FooSDK: collects the device ID for analytics\n2、BarSDK: collects location for maps\n",
            ["FooSDK", "BarSDK"],
        ),
    ],
)
def test_two_numbered_sdk_records_without_a_blank_line_are_two_rows(
    tmp_path: Path, text: str, names: list[str]
) -> None:
    f = tmp_path / "p.md"
    f.write_text("# Third-party SDKs\n\n" + text, encoding="utf-8")
    rows = analyze([f]).sections["policy"]["sdk_rows"]
    assert [r["name"] for r in rows] == names


def test_a_number_mid_line_and_a_markdown_numbered_list_are_left_as_they_are(tmp_path: Path) -> None:
    f = tmp_path / "p.md"
    f.write_text(
        "We keep data for version 1. of the app and\n2.0 updates as needed.\n\n"
        "我们在第1、2条所述情形下\n收集您的信息\n\n"
        "1. Device model\n2. Location\n",
        encoding="utf-8",
    )
    assert [(b.kind, b.text) for b in load.load(f).blocks] == [
        (load.BlockKind.PARAGRAPH, "We keep data for version 1. of the app and 2.0 updates as needed."),
        (load.BlockKind.PARAGRAPH, "我们在第1、2条所述情形下收集您的信息"),
        (load.BlockKind.LIST_ITEM, "Device model"),
        (load.BlockKind.LIST_ITEM, "Location"),
    ]
