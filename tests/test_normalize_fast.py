"""normalize_segments equals its specification (text._normalize_reference), and the tables it rests on are complete."""

from __future__ import annotations

from array import array

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from parser.ingest import containers, decode
from parser.ingest.segments import Segment
from parser.normalize import text as normalize
from parser.normalize.text import _CONTROL, is_traditional, normalize_segments

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# characters that matter to some step, mixed with Chinese text and ASCII
_ALPHABET = st.sampled_from(
    [*"会议召開來黨们們國a1Z9 \u3000\t\r\n\u00a0\u2002\u2003\u2009\u200b\ufeff\u00ad\x00\x07\x7f,;!?():/（）ā.。",
     "(guó)", "（men）", "(gu?)", "http://", "3,000", "10:30", "青岚市召开全市安全生产工作会议市委书记韦知远出席"]
)
texts = st.lists(_ALPHABET, max_size=40).map("".join)


def test_control_chars_spell_out_the_class() -> None:
    """The document gate rests on this: _CONTROL_CHARS is exactly _CONTROL's class (which holds
    no character beyond the BMP: its pattern names none)."""
    assert "\\U" not in _CONTROL.pattern
    assert {c for c in map(chr, range(0x10000)) if _CONTROL.match(c)} == normalize._CONTROL_CHARS


_CASES = [  # one step each, alone in its segment: a gate that misses it fails here
    "会议（men）召开", "國(guó)家", "\u3000\u3000会议召开。", "会议\u200b召开 ", "来\u00a0宾\t", "時間10:30，3,000人",
    "見http://x.cn!", "(会议)", "會議召開", "黨的：會；議？", "\ufeff会", "  ", "", "会议召开.市长讲话.",
    "托马斯.林博出席。", "青岚市召开全市安全生产工作会议市委书记韦知远出席\n      会议并讲话",
]


@SETTINGS
@given(st.lists(st.tuples(texts, st.integers(0, 500), st.booleans()), max_size=6), st.sampled_from([None, True, False]))
@example([(c, 7, False) for c in _CASES], None)
@example([(c, 0, True) for c in _CASES[:8]], None)
@example([(c, 3, False) for c in _CASES[:7]], False)
def test_normalize_segments_is_its_reference(parts: list[tuple[str, int, bool]], convert: bool | None) -> None:
    segs = []
    for text, start, odd_end in parts:
        offs = array("l", range(start, start + len(text) + 1))
        if odd_end:  # an end offset past the last character + 1, as after an entity
            offs[-1] += 3
        segs.append(Segment(text, offs))
    want_convert = any(not normalize._markers().isdisjoint(s.text) for s in segs) if convert is None else convert
    want, glosses, converted = normalize._normalize_reference(segs, want_convert)
    norms, stats = normalize_segments(segs, convert=convert)
    got = [(n.text, list(n.offsets), n.original, n.indented) for n in norms]
    assert got == want
    assert (stats.glosses_removed, stats.converted) == (glosses, converted)
    for n in norms:
        for a in range(len(n.text)):
            b = a + 1 + (a % 3)
            orig = n.original[a:b]
            assert n.original_of(a, b) == (orig if orig != n.text[a:b] else None)


@SETTINGS
@given(texts)
def test_is_traditional_as_before(text: str) -> None:
    assert is_traditional(text) == (not normalize._markers().isdisjoint(text))


def test_truncated_is_a_cut_character_at_the_end() -> None:
    whole = "会议召开".encode()
    assert decode._truncated(whole[:-1], "utf-8") and decode._truncated(whole[:-2], "utf-8")
    assert not decode._truncated(whole, "utf-8")  # valid: nothing cut
    assert not decode._truncated(b"\xff" + whole[:-1], "utf-8")  # an error before the end
    assert not decode._truncated(whole[:2], "utf-8")  # too short to tell


def test_mostly_utf8_counts_good_against_bad() -> None:
    good = "会议召开讨论".encode()
    assert decode._mostly_utf8(good + b"\xff")  # six good, one bad
    assert not decode._mostly_utf8(b"\xff" + "会".encode() + b"abcd")  # too few good
    assert not decode._mostly_utf8(good + b"\xef\xbf\xbd")  # a written U+FFFD is not bad
    assert not decode._mostly_utf8("会议".encode("gb18030") * 3)  # GBK: more bad than good
    assert decode._mostly_utf8(good + "会".encode()[:2])  # cut at the end


def test_other_breaks_are_all_splitlines_knows_beyond_cr_lf() -> None:
    breaks = {c for c in map(chr, range(0x110000)) if len(f"a{c}b".splitlines()) > 1}
    assert breaks - {"\r", "\n"} == set(containers._OTHER_BREAKS)


_lines = st.lists(st.sampled_from(["会议", " ", "\u3000", "\r", "\n", "\r\n", "\t", "a", "\x0b", "\u2028", "\x85"]),
                  max_size=30).map("".join)


@SETTINGS
@given(_lines, st.integers(0, 100))
def test_line_segments_as_regex(text: str, base: int) -> None:
    def rows(segs: list[Segment]) -> list[tuple[str, list[int], str]]:
        return [(s.text, list(s.offsets), s.tag) for s in segs]

    assert rows(containers.line_segments(text, base, "x")) == rows(containers._regex_lines(text, base, "x"))


def test_span_clamps_to_the_text() -> None:
    n = normalize.NormText("会议a", array("l", [10, 11, 12, 15]), "会议a", "", 0, "", {})
    assert n.span() == (10, 13) and n.span(1, 2) == (11, 12)
    assert n.span(-2, 9) == (10, 13)  # clamped on both sides
    assert n.span(2, 1) == (12, 13)  # at least one character
    assert n.span(3) == (15, 15) and n.span(7) == (15, 15)  # past the end: the end offset, empty
    empty = normalize.NormText("", array("l", [4]), "", "", 0, "", {})
    assert empty.span() == (4, 4)
