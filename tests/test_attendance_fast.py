"""attendance.py's roster search against its specification (``_roster_before_reference``), on random clauses.

The search reads each piece once and asks the grammar once per sequence of token kinds; these
properties check that it finds what trying every suffix finds, spending the same budget, and
that verbs found per paragraph are those found per sentence.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser.extract import attendance as att
from parser.extract import roster

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# names, titles, separators, linkers, cut words, quotes and notes: the shapes the search turns on
FRAGMENTS = [
    "韦知远", "闵若川", "欧阳春晓", "柯雨", "摆向川", "阿依古丽·买买提", "市委书记", "副市长", "市长", "教授", "先生",
    "市领导", "负责同志", "华南师范大学", "、", "，", ",", " ", "\t", "和", "及", "与", "同", "以及", "还有", "等",
    "等12位专家", "在", "出席", "会上", "会议", "日", "日电", "由", "上午", "1", "２", "“", "”", "《", "》", "（", "）",
    "(", ")", "（以姓氏笔画为序）", "“不忘初心、牢记使命”", "的", "讲话", "同志", "一行", "分别", "为", "中央",
    "接", "受", "应邀", "欢迎", "我们", "程", "安排",
]
clauses = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)


def _rows(mentions: list[roster.Mention]) -> list[tuple]:
    return [(m.name, m.titles, m.roles, m.start, m.end, m.label) for m in mentions]


@SETTINGS
@given(clauses, st.integers(min_value=0, max_value=400))
def test_roster_before_finds_what_every_suffix_finds(clause: str, parse: int) -> None:
    sentence = "前文。" + clause
    fast, slow = att.Budget(parse=att.Allowance(parse)), att.Budget(parse=att.Allowance(parse))
    assert _rows(att.roster_before(sentence, 3, len(sentence), fast)) == _rows(
        att._roster_before_reference(sentence, 3, len(sentence), slow))
    assert fast.parse == slow.parse  # what is left, and whether a request was refused
    assert _rows(att.roster_before(clause, 0, len(clause))) == _rows(
        att._roster_before_reference(clause, 0, len(clause)))


@SETTINGS
@given(clauses)
def test_trim_left_fast_is_trim_left(text: str) -> None:
    fast, slow = att.Budget(), att.Budget()
    assert _rows(att._trim_left_fast(text, 5, fast) or []) == _rows(att._trim_left_reference(text, 5, slow) or [])
    assert fast.parse == slow.parse


@SETTINGS
@given(clauses)
def test_piece_kinds_are_the_readings(piece: str) -> None:
    from parser.vocabulary.names import looks_like_name

    def kinds(toks: tuple[tuple[str, str], ...] | None) -> str | None:
        return None if toks is None else "".join(roster._KIND_CHAR[k] for k, _ in toks)

    if not piece:
        return
    strict, lenient, score = roster.piece_kinds.__wrapped__(piece)
    assert strict == kinds(roster._reading.__wrapped__(piece))
    read = roster._reading.__wrapped__(piece, True)
    assert lenient == kinds(read)
    names = [v for k, v in read or () if k == "NAME"]
    assert score == 2 * sum(map(looks_like_name, names)) - len(names)


@SETTINGS
@given(st.lists(st.sampled_from([*FRAGMENTS, "。", "！", "\n", "主持", "强调", "；"]), max_size=30).map("".join))
def test_verbs_of_a_paragraph_are_those_of_its_sentences(text: str) -> None:
    whole = att.collect([(0, text)])
    original = att._verbs_stay_in_sentences
    try:
        att._verbs_stay_in_sentences = lambda: False  # type: ignore[assignment]  # sentence by sentence
        each = att.collect([(0, text)])
    finally:
        att._verbs_stay_in_sentences = original
    assert [(i, *_rows([m])) for i, m in whole[0]] == [(i, *_rows([m])) for i, m in each[0]]
    assert whole[1] == each[1]


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS + list(att._LINKERS)), max_size=14).map("".join),
       st.lists(st.sampled_from(att._LINKERS), max_size=3))
def test_linker_starts_are_the_lookahead_positions(text: str, lead: list[str]) -> None:
    import re

    excluded = tuple(lead)
    lookahead = re.compile("(?=" + "|".join(re.escape(w) for w in att._LINKERS if w not in excluded) + ")")
    assert [m.start() for m in att._linker_starts(excluded).finditer(text, 1)] == [
        m.start() for m in lookahead.finditer(text, 1)]


@SETTINGS
@given(st.lists(st.text("讲话发表重要作报告", min_size=1, max_size=5), min_size=1, max_size=12),
       st.text("讲话发表重要作报告。，", max_size=40))
def test_a_trie_of_words_matches_as_their_longest_first_alternation(words: list[str], text: str) -> None:
    import re

    alternation = re.compile("|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)))
    trie = re.compile(att._longest_first(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)]


@SETTINGS
@given(st.lists(st.sampled_from([*FRAGMENTS, *att._verb_table(), "。"]), max_size=30).map("".join))
def test_the_role_verbs_are_matched_longest_first(text: str) -> None:
    import re

    alternation = re.compile("|".join(sorted(map(re.escape, att._verb_table()), key=len, reverse=True)))
    assert [m.span() for m in att._verb_pattern().finditer(text)] == [m.span() for m in alternation.finditer(text)]


@SETTINGS
@given(st.lists(st.sampled_from([*FRAGMENTS, *att._list_verbs()[0], "有：", "还有", "。", "主持", "；"]), max_size=30)
       .map("".join))
def test_lists_are_looked_for_only_where_the_role_verbs_allow(text: str) -> None:
    skipping = att.collect([(0, text)])
    original = att._list_verbs_hold_role_verbs
    try:
        att._list_verbs_hold_role_verbs = lambda: False  # type: ignore[assignment]  # every paragraph
        each = att.collect([(0, text)])
    finally:
        att._list_verbs_hold_role_verbs = original
    assert [(i, *_rows([m])) for i, m in skipping[0]] == [(i, *_rows([m])) for i, m in each[0]]
