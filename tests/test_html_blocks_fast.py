"""html_blocks.py's fast paths give what the plain per-tag / per-token code gives, on random soups."""

from __future__ import annotations

import html
import re
from array import array

import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from parser.ingest import html_blocks
from parser.ingest.html_blocks import (
    _blank_deep,
    _HanCounter,
    _hint,
    _shallow,
    entity_decoded,
    limit_depth,
)

_HAN = regex.compile(r"\p{Han}")


def _nav_hint(node: object, page_chars: int = 0, han: _HanCounter | None = None) -> str:
    """``navigation`` for a nav element or one whose class/id names chrome (menu, footer, share …).

    A classed container that holds most of the page's Chinese text is a page wrapper (``blq-int-nav``
    around a whole BBC page), not navigation, and gives no hint.
    """
    tag = getattr(node, "tag", "")
    if tag in html_blocks.NAV_TAGS:
        return "navigation"
    attrs = getattr(node, "attributes", None) or {}
    probe = " ".join(str(attrs.get(k) or "") for k in ("class", "id", "role"))
    if not (probe and html_blocks._NAV_ATTR.search(probe)):
        return ""
    if page_chars > 300 and tag in ("div", "section", "main", "body", "table", "td"):
        own = han(node) if han is not None else len(_HAN.findall(node.text() or ""))  # type: ignore[attr-defined]
        if own > 0.5 * page_chars:
            return ""
    return "navigation"


def _caption_hint(node: object) -> str:
    """``caption`` for a figure caption (``figcaption``, ``<p class="caption">``)."""
    if getattr(node, "tag", "") == "figcaption":
        return "caption"
    attrs = getattr(node, "attributes", None) or {}
    probe = " ".join(str(attrs.get(k) or "") for k in ("class", "id"))
    return "caption" if probe and html_blocks._CAPTION_ATTR.search(probe) else ""


TAGS = [
    "<div>", "</div>", "<p>", "</p>", "<DIV class=a>", "</Div >", "<li>", "<td>", "<table>", "</table>", "<a>", "</a>",
    "<ab>", "</a >", "<br>", "<br/>", "</br>", "<BR>x</BR>", "<img src=x>", "<g/>", "</g>", "<b/>", "<svg>", "</svg>",
    "<script>", "</script>", "</SCRIPT>", "<style x>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>",
    "<!--", "-->", "--!>", "<!x>", "<?p ", "<a title='</a>'>", "<plaintext>", "<option>", "<select>", "<b\x1c>",
    "</b\x1c>", "<a\u3000b>", "</a\u3000b>", "<ſcript>", "<İ>", "\x01", "text", "会议", " ", ">", "<", "/", "\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TAGS), max_size=60), st.sampled_from([1, 2, 3, 5, 8]))
def test_depth_bound_is_sound(parts: list[str], max_depth: int) -> None:
    raw = "".join(parts)
    exact = _blank_deep(raw, max_depth)
    assert limit_depth(raw, max_depth) == exact
    if _shallow(raw, max_depth):
        assert exact == (raw, 0)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)|\r\n?|\x00")


def _entity_decoded_plain(raw: str) -> tuple[str, array]:
    """The per-token loop entity_decoded replaced."""
    parts: list[str] = []
    offsets = array("l")
    pos = 0
    for m in _ENTITY.finditer(raw):
        s, e = m.span()
        parts.append(raw[pos:s])
        offsets.extend(range(pos, s))
        tok = m.group()
        dec = "\n" if tok[0] == "\r" else "" if tok == "\x00" else html.unescape(tok)
        parts.append(dec)
        offsets.extend([s] * len(dec))
        pos = e
    parts.append(raw[pos:])
    offsets.extend(range(pos, len(raw) + 1))
    return "".join(parts), offsets


PIECES = ["&amp;", "&nbsp", "&#x4e2d;", "\r\n", "\r", "\x00", " ", "会", "&NotEqualTilde;", "&proId", "&#1234567;",
          "&#0", "&", "x", "&lt", "&gtx", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_entity_decoded_matches_the_token_loop(parts: list[str]) -> None:
    raw = "".join(parts)
    assert entity_decoded(raw) == _entity_decoded_plain(raw)


VALUES = ["", "nav", "main-content", "pic-txt", "caption", "footer", "ad", "head ad x", "Rank", "x", None]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["div", "p", "figcaption", "section", "span", "td", "nav"]),
       st.sampled_from(VALUES), st.sampled_from(VALUES), st.sampled_from(VALUES), st.integers(0, 400))
def test_hint_is_nav_or_caption_hint(tag: str, cls: str | None, ident: str | None, role: str | None, han: int) -> None:
    attrs = "".join(f' {k}="{v}"' if v else (f" {k}" if v == "" else "")
                    for k, v in (("class", cls), ("id", ident), ("role", role)))
    tree = LexborHTMLParser(f"<body><{tag}{attrs}>{'会' * han}</{tag}>{'议' * 200}</body>")
    node = tree.body.child
    chars = len(re.findall("[会议]", tree.body.text()))
    old = _nav_hint(node, chars, _HanCounter(tree.root)) or _caption_hint(node)
    assert _hint(node, tag, lambda: chars, _HanCounter(tree.root)) == old


def test_only_dotted_capital_i_lowercases_longer() -> None:
    """_shallow tests for U+0130 instead of comparing ``len(raw.lower())`` with ``len(raw)``."""
    longer = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000 and len(chr(c).lower()) != 1]
    assert longer == [0x130]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["nav", "x", "Pic-Txt", " ", "ad", "-", "caption", "K", "ſ", "Menu", "会"]),
                max_size=8))
def test_attr_kinds_is_both_searches(parts: list[str]) -> None:
    from parser.ingest.html_blocks import _CAPTION_ATTR, _NAV_ATTR, _attr_kinds

    value = "".join(parts)
    for _ in range(2):  # computed, then cached
        assert _attr_kinds(value) == (1 if _NAV_ATTR.search(value) else 0) | (2 if _CAPTION_ATTR.search(value) else 0)
