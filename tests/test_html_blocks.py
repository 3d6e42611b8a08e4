"""html_blocks.py: HTML to text blocks; hidden text left out, entities decoded, spans exact."""

from __future__ import annotations

import html

import pytest

from parser import parse
from parser.ingest.html_blocks import entity_decoded, html_segments
from parser.ingest.segments import Segment

PAGE = """<!DOCTYPE html>
<html><head><title>青岚市召开工作会议_青岚新闻网</title>
<meta name="author" content="苏雨晴"><meta name="publishdate" content="2024-04-18">
<style>p { color: red } /* 市委书记严立山出席 */</style>
<script>var note = "市长苗青松主持会议";</script>
</head>
<body>
<!-- 注释：区长尹若木出席会议 -->
<nav><a href="/">首页</a> | <a href="/news">新闻</a></nav>
<h1>青岚市召开&nbsp;工作会议</h1>
<p>会议由市长&ldquo;贺启舟&rdquo;主持&amp;讲话&#12290;A&#x4E2D;B</p>
<noscript>请启用脚本：市长苗青松</noscript>
<template><p>模板里的文字：区长尹若木</p></template>
<div class="footer">版权所有 青岚新闻网</div>
</body></html>"""

HIDDEN_NAMES = ("严立山", "苗青松", "尹若木")


def located(raw: str, seg: Segment) -> None:
    """Each character of the block stands in ``raw`` at its offset, or starts the entity that made it."""
    for i, ch in enumerate(seg.text):
        at = int(seg.offsets[i])
        if raw[at] == ch:
            continue
        if ch == "\xa0" and raw[at] == "&":
            continue
        assert raw[at] == "&", f"{seg.text!r}[{i}] = {ch!r} but the input has {raw[at]!r} at {at}"
        end = raw.index(";", at) + 1 if ";" in raw[at : at + 12] else at + 8
        assert html.unescape(raw[at:end]).startswith(ch), (ch, raw[at:end])


def test_scripts_styles_comments_and_templates_are_not_text() -> None:
    segs, _ = html_segments(PAGE)
    joined = "\n".join(s.text for s in segs)
    for name in HIDDEN_NAMES:
        assert name not in joined
    assert "color" not in joined and "var note" not in joined


def test_hidden_text_makes_no_attendee() -> None:
    report = parse(PAGE).to_dict()
    names = {a["name"] for a in report["attendees"]}
    assert not names & set(HIDDEN_NAMES)
    for p in report["paragraphs"]:
        for name in HIDDEN_NAMES:
            assert name not in p["text"]


def test_entities_are_decoded_and_spans_stay_exact() -> None:
    segs, _ = html_segments(PAGE)
    texts = [s.text for s in segs]
    assert "会议由市长“贺启舟”主持&讲话。A中B" in texts
    assert "青岚市召开\xa0工作会议" in texts
    for seg in segs:
        located(PAGE, seg)
        a, b = seg.span()
        assert 0 <= a < b <= len(PAGE)


def test_entity_span_covers_the_whole_reference() -> None:
    segs, _ = html_segments(PAGE)
    seg = next(s for s in segs if s.text.startswith("会议由市长"))
    a, b = seg.span()
    assert PAGE[a:b] == "会议由市长&ldquo;贺启舟&rdquo;主持&amp;讲话&#12290;A&#x4E2D;B"
    # a name between entities maps back to exactly its characters
    i = seg.text.index("贺启舟")
    a, b = seg.span(i, i + 3)
    assert PAGE[a:b] == "贺启舟"


def test_head_metadata() -> None:
    _, meta = html_segments(PAGE)
    assert meta["title"] == "青岚市召开工作会议_青岚新闻网"
    assert meta["author"] == "苏雨晴"
    assert meta["date"] == "2024-04-18"


def test_navigation_and_footer_carry_a_hint() -> None:
    segs, _ = html_segments(PAGE)
    hints = {s.text: s.hint for s in segs}
    assert hints["版权所有 青岚新闻网"] == "navigation"
    nav = next(s for s in segs if "首页" in s.text)
    assert nav.hint == "navigation" and nav.link_chars >= 4
    assert hints["会议由市长“贺启舟”主持&讲话。A中B"] == ""


def test_entity_decoded_map() -> None:
    text, offsets = entity_decoded("a&amp;b&#12290;c\r\nd&nbsp")
    assert text == "a&b。c\nd\xa0"
    assert list(offsets[: len(text)]) == [0, 1, 6, 7, 15, 16, 18, 19]
    assert len(offsets) == len(text) + 1


def test_markdown_body_lines_split_blocks_with_base_offset() -> None:
    raw = "<p>第一行\n第二行</p>"
    segs, _ = html_segments(raw, 100, split_lines=True)
    assert [s.text for s in segs] == ["第一行", "第二行"]
    assert [s.span() for s in segs] == [(103, 106), (107, 110)]


def test_empty_and_textless_html() -> None:
    assert html_segments("")[0] == []
    assert html_segments("<div><script>x()</script><!-- c --></div>")[0] == []


def test_text_moved_by_tree_building_keeps_its_span() -> None:
    """Text lexbor moves out of source order (foster-parented table text) is found before the
    cursor, where no other piece stands (dev h030, h046 pointed at one unrelated character)."""
    raw = "<p>开头一段文字。</p><table><tr><td>表格里的文字</td></tr>表格外被移走的文字</table><p>结尾一段文字。</p>"
    segs, _ = html_segments(raw)
    for seg in segs:
        a, b = seg.span()
        assert raw[a:b] == seg.text


@pytest.mark.parametrize(
    "element, inside, hint",
    [
        ("<nav>", 0, "navigation"),  # a nav element
        ('<div class="menu">', 0, "navigation"),  # a class naming chrome
        ('<span role="navigation">', 0, "navigation"),
        ('<p class="ad">', 0, "navigation"),  # ad as a word of its own
        ('<p class="head">', 0, ""),
        ('<div class="article-header">', 0, ""),  # an article's own header holds its title
        ('<div class="nav">', 400, ""),  # a wrapper holding most of the page's Chinese text
        ('<span class="nav">', 400, "navigation"),  # an inline element wraps no page
        ("<figcaption>", 0, "caption"),
        ('<p class="pic-txt">', 0, "caption"),
        ('<span class="news_title">', 0, "title"),
        ('<div id="js-title">', 0, "title"),
        ('<section class="news_title">', 0, ""),  # a section (not a div) named a title wraps more than it
        ('<h2 class="sub-title">', 0, ""),  # a subtitle is not the article's title
        ('<div id="main-content">', 0, ""),
    ],
)
def test_hint_of_an_element(element: str, inside: int, hint: str) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from parser.ingest.html_blocks import _HanCounter, _hint

    tag = element[1:].split(">")[0].split()[0]
    tree = LexborHTMLParser(f"<body>{element}{'会' * inside}</{tag}>{'议' * 200}</body>")
    assert tree.body is not None
    node = tree.body.child
    chars = inside + 200
    assert _hint(node, tag, lambda: chars, _HanCounter(tree.root)) == hint
