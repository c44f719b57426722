"""The policy file format family (appaudit.policy.load.Format): a toy format is one reader and one registration."""

from __future__ import annotations

import html
from pathlib import Path

from appaudit.model import Source
from appaudit.policy import load
from appaudit.policy.analyze import analyze


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
