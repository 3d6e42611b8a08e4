"""The shortcuts of blocks.py and byline.py give what the plain pattern searches they replace give."""

from __future__ import annotations

import re

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser.extract import directives, kind
from parser.layout import blocks
from parser.vocabulary import credits as byline
from parser.vocabulary.lexicon import (
    _for_stdlib_re,
    branches,
    compiled,
    loosened,
    required_literals,
    search_gate,
    table,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# characters and pieces the patterns care about, so random texts hit their edges
PIECES = [
    "。", "！", "？", "!", "?", "；", ";", "…", "”", "」", "』", "’", "）", ")", "（", "(", "\n", " ", "　", "\x1c",
    "图为", "图：", "[图片]", "▲", "视频：", "摄", "摄影", "摄）", "来源：", "2024年3月12日", "2024-03-12 09:30",
    "新华社北京3月1日电", "本报讯", "《人民日报》", ">", "> ", "责任编辑：", "记者", "通讯员", "本报记者",
    "林晓岚", "陶思远", "、", "，", "·", "SF055", "|", "｜", "/", ":", "：", "分享", "我要分享", "微信", "VIP",
    "版权所有", "首页", "更多", "3", "12", "A", "T", "+", "-", "#", "## ", "1.", "2、", "文档.docx", "相关新闻",
    "延伸阅读", "电", "讯", "消息", "韦知远", "a", "\U00010d40", "\U00020000", "各位委员", "同志们", "尊敬的",
    "一是", "（二）", "其三", "第一", "一、", "\x1f",
]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), st.text(max_size=40))


def test_boilerplate_reason_is_the_first_matching_row() -> None:
    assert blocks.boilerplate_reason.__wrapped__("我要分享") is not None
    assert blocks.boilerplate_reason.__wrapped__("青岚市召开全市安全生产工作会议") is None


def test_boilerplate_branches() -> None:
    assert branches(r"^a|b(?:c|d)|[|\]]e|\|f") == ["^a", "b(?:c|d)", r"[|\]]e", r"\|f"]
    assert branches(r"(?i)a|b") is None and branches(r"(a)\1|b") is None
    assert required_literals(r"^(?:我要)?分享(?:到)?[：:]?$") == ("分享",)
    assert required_literals(r"a?bc\d+(?:x|yz)|[ab]") == ("bc", "a", "b")
    assert required_literals(r"a?bc\d+(?:x|yz)|[^ab]") is None
    assert required_literals(r"[（(]\s*(?P<who>(?:记者|编辑)\s*\p{Han}{2,3})[）)]") == ("记者", "编辑")
    assert required_literals(r"(?<=记者)\p{Han}+|[a-z]") is None
    # escapes are skipped whole, never read as literal characters
    assert required_literals(r"ab\u3000cd") == ("ab",) and required_literals(r"\x41bc") == ("bc",)
    assert required_literals(r"\p{Han}报道") == ("报道",) and required_literals(r"\N{IDEOGRAPHIC SPACE}记") == ("记",)
    # a named list is any of its words, never the literal text of its name
    assert required_literals(r"出席\L<meeting>") == ("出席",) and required_literals(r"\L<meeting>") is None


def test_pattern_readers_take_quantifiers_escapes_and_sets_whole() -> None:
    # a character before ?, * or {…} is optional, and the bounds are no literal text
    assert required_literals(r"a{1,2}bc") == ("bc",) and required_literals(r"ab??cd") == ("cd",)
    assert required_literals(r"ab+c") == ("ab",) and required_literals(r"(?:甲乙){2}丙") == ("丙",)
    # a ] first in a set is a member, an escaped one never closes it
    assert required_literals(r"[]甲]乙丙") == ("乙丙",) and required_literals(r"[\]甲](乙)") == ("乙",)
    assert loosened(r"(?<![\)(])甲(?P<who>乙\))(?=[)])") == r"甲(?:乙\))"
    assert branches(r"[|(]\||(?:a|b)") == [r"[|(]\|", "(?:a|b)"]


# invented patterns of the shapes the lexicons use, to check the readers' promises on any of them
_UNIT_TEXTS = ["甲", "乙", "会", "议", "，", r"\s", r"\p{Han}", r"\u4f1a", r"\x41", "[甲乙]", "[^甲]", "[]甲]", ".",
               r"[\p{Han}，]", r"[^\p{Han}]", r"[^\s甲]"]
_QUANTIFIERS = ["", "", "", "?", "*", "+", "{1,2}", "{0,1}", "??", "+?"]


def _sequence(unit: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(unit, st.sampled_from(_QUANTIFIERS)).map("".join), min_size=1, max_size=4).map("".join)


invented_patterns = st.recursive(
    _sequence(st.sampled_from(_UNIT_TEXTS)),
    lambda inner: st.one_of(
        _sequence(st.one_of(st.sampled_from(_UNIT_TEXTS),
                            st.lists(inner, min_size=1, max_size=3).map(lambda alts: "(?:" + "|".join(alts) + ")"))),
        st.tuples(inner, st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]), inner).map(lambda t: f"{t[0]}{t[1]}{t[2]})"),
        st.lists(inner, min_size=2, max_size=3).map("|".join),
    ),
    max_leaves=8,
)


@SETTINGS
@given(invented_patterns, st.text(alphabet="甲乙会议，丙A \n", max_size=12))
def test_pattern_readers_keep_their_promises(pattern: str, text: str) -> None:
    """Every match holds one of the required literals; the loosened pattern, and each of its
    branches read for stdlib re, matches wherever the pattern does."""
    found = regex.search(pattern, text)
    if found is None:
        return
    lits = required_literals(pattern)
    assert lits is None or any(w in found.group() for w in lits), lits
    loose = loosened(pattern)
    assert loose is not None and regex.search(loose, text)
    for branch in branches(loose) or []:
        in_re = _for_stdlib_re(branch)
        if in_re is not None and regex.search(branch, text):
            assert re.search(in_re, text), (branch, in_re)


@SETTINGS
@given(texts)
def test_sentence_end(text: str) -> None:
    assert blocks._ends_sentence(text) == bool(blocks._SENTENCE_END.search(text))


@SETTINGS
@given(texts)
def test_title_and_tail(text: str) -> None:
    old = regex.sub(r"^#{1,6}\s*", "", text)
    old = regex.sub(r"^\d{1,3}[.、．]\s*(?=\p{Han})", "", old)
    old = blocks._FILE_SUFFIX.sub("", old).strip()
    assert blocks.clean_title(text) == old
    t = text.strip("：: 》>")
    markers = blocks._tail_markers()
    old_tail = len(t) <= blocks._longest_tail_marker() + 6 and (
        t in markers or any(t.startswith(m) and len(t) <= len(m) + 6 for m in markers))
    assert blocks.is_tail_marker.__wrapped__(text) == old_tail
    assert blocks._has_han(text) == bool(blocks._HAN.search(text))
    if blocks._joined("META").search(text):
        assert blocks._may_be_meta(text)
    if blocks._joined("CAPTION").search(text):
        assert blocks._may_be_caption(text)


def test_cjk_block_is_han() -> None:
    assert all(blocks._HAN.match(chr(c)) for c in range(0x4E00, 0xA000))


@SETTINGS
@given(texts)
def test_credit_prefilter_hides_no_credit(text: str) -> None:
    # each shape's pre-test is derived from its pattern: a text it turns away holds no match
    for shape in byline._shapes():
        if compiled(shape.source).search(text):
            assert all(need.search(text) for need in shape.needs), shape.name
            assert byline._may_hold_credit(text)


# {MEETING} spelled out as the alternation its named list matches like (longest noun first)
_MEETING_ALTERNATION = "(?:" + "|".join(map(regex.escape, sorted(kind._meeting_nouns(), key=len, reverse=True))) + ")"
LEXICON_PATTERNS = ([row[0] for row in table("boilerplate.tsv")]
                    + [row[1].replace("{MEETING}", _MEETING_ALTERNATION) for row in table("kind_cues.tsv")]
                    + [shape.source for shape in byline._shapes()])
CUE_PIECES = ["在", "会议", "大会", "上", "的", "讲话", "致辞", "召开", "举行", "时", "指出", "节选自", "全文", "将",
              "以来", "调研", "图片报道", "座谈会", "出席", "记者", "：", "我们", "通过", "日"]
cue_texts = st.lists(st.sampled_from(PIECES + CUE_PIECES), max_size=16).map("".join)


@SETTINGS
@given(cue_texts, st.sampled_from(LEXICON_PATTERNS))
def test_required_literals(text: str, pattern: str) -> None:
    lits = required_literals(pattern)
    if lits is not None and regex.search(pattern, text):
        assert any(w in text for w in lits)


@SETTINGS
@given(cue_texts)
def test_kind_cues(text: str) -> None:
    for cue in kind._cue_rows():
        assert kind.has_cue(cue, text) == bool(kind.cue_pattern(cue).search(text))



@SETTINGS
@given(texts)
def test_verdict(text: str) -> None:
    tail, early = blocks._early_verdict.__wrapped__(text)
    late, title = blocks._late_verdict.__wrapped__(text)
    assert tail == blocks.is_tail_marker(text)
    if not tail:
        expect = blocks.boilerplate_reason(text) or None if blocks._has_han(text) else "no Chinese text"
        assert early == expect
    if not tail and early is None:
        old = ("CREDIT" if byline.is_credit_only(text)
               else "NOTE" if blocks._NOTE.match(text)
               else "CAPTION" if len(text) < 200 and blocks._joined("CAPTION").search(text)
               else "META" if len(text) < 80 and blocks._joined("META").search(text)
               else None if blocks.line_class(text) == blocks.PHOTO_NOTE else blocks.line_class(text))
        assert late == old
        assert title == (late is None and blocks.looks_like_title(text))


def _rows_found(patterns: list[regex.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


GATED_ROWS = {
    "boilerplate.tsv": [r[0] for r in table("boilerplate.tsv")],
    "line_classes.tsv": [r[1] for r in table("line_classes.tsv")],
    "markers.tsv": [r[3].replace("{CN}", directives._CN_NUM) for r in table("markers.tsv")],
}


@SETTINGS
@given(texts)
def test_search_gate_lets_through_every_text_a_row_finds(text: str) -> None:
    """The gates of boilerplate.tsv, line_classes.tsv and markers.tsv never hide a text that one of the rows finds."""
    for name, rows in GATED_ROWS.items():
        if _rows_found([regex.compile(p) for p in rows], text):
            assert search_gate(rows)(text), name


# the top-level branches the gates are made of, without their ^ (a gate matches them at the start)
GATED_BRANCHES = [b.removeprefix("^") for rows in GATED_ROWS.values() for p in rows
                  for b in branches(loosened(p) or "") or []]


@SETTINGS
@given(texts, st.sampled_from(GATED_BRANCHES))
def test_stdlib_re_reading_finds_what_regex_finds(text: str, branch: str) -> None:
    """A branch read for stdlib re matches wherever regex's matches (and maybe elsewhere)."""
    in_re = _for_stdlib_re(branch)
    if in_re is not None and regex.match(branch, text):
        assert re.match(in_re, text), (branch, in_re)


def test_stdlib_re_reads_its_escapes_wider() -> None:
    """The escapes ``_for_stdlib_re`` reads wider, checked over every code point: re's \\s holds
    all of regex's, and re's \\S every Han character."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"\s", every)) <= set(re.findall(r"\s", every))
    assert set(regex.findall(r"\p{Han}", every)) <= set(re.findall(r"\S", every))


def test_stdlib_re_reading_of_invented_branches() -> None:
    assert _for_stdlib_re(r"[\p{Han}·]{1,6}\s*[：:\x23]") == r"[\S·]{1,6}\s*[：:\x23]"
    # a class escape in a negated set, or one of the escapes the two libraries read differently
    assert _for_stdlib_re(r"[^\p{Han}]") is None and _for_stdlib_re(r"[^\s]") is None
    assert _for_stdlib_re(r"\d+") is None and _for_stdlib_re(r"\w") is None and _for_stdlib_re(r"\S") is None
    assert _for_stdlib_re(r"\L<nouns>") is None and _for_stdlib_re(r"(?:会议){e<=1}") is None
    # an atomic group or a possessive quantifier gives up instead of backtracking: never widened
    assert _for_stdlib_re(r"(?>各位\p{Han}{1,6})：") is None and _for_stdlib_re(r"\s*+a") is None
    assert _for_stdlib_re(r"(?>各位|诸位)[：:]") == r"(?>各位|诸位)[：:]"


def test_search_gate_of_invented_rows() -> None:
    gate = search_gate([r"^分享$|(?<=第)\d+版", r"(?P<who>记者)\p{Han}{2}"])
    assert gate("分享") and gate("第3版") and gate("记者林晓岚")
    assert not gate("我要分享到") and not gate("青岚市召开会议")
    assert search_gate([r"(?i)abc"])("anything")  # a shape it cannot split: always true
    assert not search_gate([])("anything")
    # a \p{Han} that \S would widen in an atomic group: 各位委员 must leave the ： to the row
    salutation = search_gate([r"^(?>各位\p{Han}{1,6})[：:]$", r"^[\p{Han}]{2}网讯$"])
    assert salutation("各位委员：") and salutation("青岚网讯") and not salutation("各位委员")
    # words of a single character are no pre-test, longer ones are: either way, rows are found
    assert search_gate([r"[一二]是", r"^\d+、"])("其中一是") and search_gate([r"编辑于\s*\d"])("编辑于 2024")
