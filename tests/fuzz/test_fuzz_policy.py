"""Properties of the policy loader on generated documents: HTML trees, Markdown and text of any shape.

Any input parses to blocks or ends in InputError; nesting and attribute budgets leave pages within them
unchanged and bound the others; every block has text.
"""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from appaudit.errors import InputError
from appaudit.limits import MAX_HTML_DEPTH
from appaudit.policy import load

_TAGS = ["div", "p", "li", "ul", "ol", "table", "tr", "td", "th", "h1", "h2", "span", "a", "br", "script", "b"]
_WORDS = st.sampled_from(["We", "collect", "your", "IMEI", "设备信息", "位置", "and", "share", "<", ">", "&amp;", " "])
_TEXT = st.lists(_WORDS, max_size=8).map(" ".join)


def _attrs(n: int) -> str:
    return "".join(f' a{i}="v"' for i in range(n))


_HTML = st.recursive(
    _TEXT,
    lambda inner: st.tuples(st.sampled_from(_TAGS), st.integers(0, 3), st.lists(inner, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}{_attrs(t[1])}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else "")
    ),
    max_leaves=40,
)


def _depth_tree(depth: int, tag: str = "div") -> str:
    return f"<{tag}>" * depth + "IMEI" + f"</{tag}>" * depth


@given(html=_HTML)
def test_generated_html_parses_to_blocks_with_text(html: str) -> None:
    try:
        doc = load.parse(f"<html><body>{html}</body></html>".encode(), "p.html", load.Format.HTML)
    except InputError:
        return
    assert all(b.text.strip() for b in doc.blocks)


@given(html=_HTML)
def test_bounding_leaves_pages_within_budgets_unchanged(html: str) -> None:
    notes: list[str] = []
    assert load._bound_html(html, notes) == html and notes == []


# (<li><li> are siblings in HTML, not nesting: the tags here really nest.)
@given(depth=st.integers(MAX_HTML_DEPTH + 1, 4 * MAX_HTML_DEPTH), tag=st.sampled_from(["div", "span", "ul", "b"]))
def test_deep_nesting_is_flattened_and_keeps_its_text(depth: int, tag: str) -> None:
    notes: list[str] = []
    bounded = load._bound_html(_depth_tree(depth, tag), notes)
    assert bounded.count(f"<{tag}>") <= MAX_HTML_DEPTH and "IMEI" in bounded
    assert notes and "nested deeper" in notes[0]
    doc = load.parse(_depth_tree(depth, tag).encode(), "deep.html", load.Format.HTML)
    assert any("IMEI" in b.text for b in doc.blocks)


@given(text=st.text(max_size=2000))
def test_any_text_or_markdown_parses_or_raises_input_error(text: str) -> None:
    for fmt in (load.Format.TEXT, load.Format.MARKDOWN):
        try:
            doc = load.parse(text.encode("utf-8", "surrogatepass"), "p.txt", fmt)
        except InputError:
            continue
        assert all(b.text.strip() for b in doc.blocks)


@given(data=st.binary(max_size=2000))
def test_any_bytes_parse_or_raise_input_error(data: bytes) -> None:
    for fmt in (load.Format.TEXT, load.Format.HTML, load.Format.PDF):
        with contextlib.suppress(InputError):
            load.parse(data, "p", fmt)


@given(text=st.text(max_size=3000))
def test_sentences_cover_the_text(text: str) -> None:
    words = "".join(text.split())
    assert "".join("".join(load.iter_sentences(text)).split()) == words
