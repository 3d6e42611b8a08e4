"""html_blocks.py's fast paths give what their specifications give, on random soups."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parser.ingest.html_blocks import (
    _blank_deep,
    _entity_decoded_spec,
    _shallow,
    entity_decoded,
    limit_depth,
)

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


PIECES = ["&amp;", "&nbsp", "&#x4e2d;", "\r\n", "\r", "\x00", " ", "会", "&NotEqualTilde;", "&proId", "&#1234567;",
          "&#0", "&", "x", "&lt", "&gtx", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_entity_decoded_is_its_specification(parts: list[str]) -> None:
    raw = "".join(parts)
    assert entity_decoded(raw) == _entity_decoded_spec(raw)


def test_only_dotted_capital_i_lowercases_longer() -> None:
    """_shallow tests for U+0130 instead of comparing ``len(raw.lower())`` with ``len(raw)``."""
    longer = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000 and len(chr(c).lower()) != 1]
    assert longer == [0x130]
