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
    fast, slow = att.Budget(parse=parse), att.Budget(parse=parse)
    assert _rows(att.roster_before(sentence, 3, len(sentence), fast)) == _rows(
        att._roster_before_reference(sentence, 3, len(sentence), slow))
    assert (fast.parse, fast.exhausted) == (slow.parse, slow.exhausted)
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
        att._verbs_stay_in_sentences = original  # type: ignore[assignment]
    assert [(i, *_rows([m])) for i, m in whole[0]] == [(i, *_rows([m])) for i, m in each[0]]
    assert whole[1] == each[1]


def _split_before(chunk: str) -> tuple[str, str] | None:
    """names.split_title_name without its speed-ups (surname tested before slicing), for reference."""
    from parser.vocabulary import names as nm

    if not chunk:
        return None
    dot_at = max(chunk.rfind("·"), chunk.rfind("•"), chunk.rfind("."))
    if dot_at > 0:
        for k in range(1, min(6, dot_at) + 1):
            name, rest = chunk[dot_at - k :], chunk[: dot_at - k]
            if nm.is_dot_name(name) and (not rest or nm.is_title(nm.strip_de(rest))):
                return nm.strip_de(rest), name
    for n in (3, 2, 4):
        if len(chunk) < n:
            continue
        name, rest = chunk[-n:], chunk[:-n]
        titled = bool(rest) and nm.is_title(rest) and not nm._person(rest)
        if not _looks_before(name, titled):
            continue
        if not rest:
            return "", name
        if rest.endswith("的") and len(rest) > 2 and not rest.endswith("岁的") and _looks_before(name):
            return rest[:-1], name
        if titled and name[0] not in "和与及同":
            return rest, name
    name, rest = chunk[-3:], chunk[:-3]
    if (len(chunk) > 3 and nm.is_title(rest) and not nm._person(rest) and nm._HAN.fullmatch(name)
            and not nm.has_stopchar(name)
            and not nm.is_common_word(name) and not nm.is_title(name)
            and all(c in nm._translit_chars() for c in name)):
        return rest, name
    for n in (3, 2):
        name, rest = chunk[:n], chunk[n:]
        if len(chunk) > n and _looks_before(name) and nm.is_post_title(rest) and name[0] not in nm._weak_surnames():
            return "", name
    if nm.is_title(chunk):
        return chunk, ""
    return None


_SPLIT_ALPHABET = "韦闵欧阳摆知远若川春晓市长委书记副教授先生的岁·•.总理人和省特朗普领导"


@SETTINGS
@given(st.one_of(clauses, st.text(alphabet=_SPLIT_ALPHABET, max_size=12)))
def test_split_title_name_is_unchanged(chunk: str) -> None:
    from parser.vocabulary.names import split_title_name

    assert split_title_name.__wrapped__(chunk) == _split_before(chunk)


def _looks_before(s: str, after_title: bool = False) -> bool:
    """names.looks_like_name (``after_title``: its test right after a title) with its tests in
    the order they are stated, for reference."""
    from parser.vocabulary import names as nm

    if nm._DOT_NAME.fullmatch(s):
        return nm.is_dot_name(s)
    if not 2 <= len(s) <= 4 or not nm._HAN.fullmatch(s) or s in nm._not_names():
        return False
    single, compound = nm._surnames()
    if len(s) >= 3 and s[:2] in compound:
        given = s[2:]
    elif s[0] in single and len(s) <= 3:
        given = s[1:]
    else:
        return False
    if len(given) == 2 and (given in nm._lookalikes() or (given in nm._not_names() and not after_title)):
        return False
    common = nm._frequent_words() | nm._rarer_words()
    if s in nm._frequent_words() or (s in nm._rarer_words() and not after_title):
        return False
    if s[0] in nm._weak_surnames() and len(s) <= 3 and (s in common or given in common or s[:2] in common):
        return False
    if (len(given) == 2 and nm.is_title(given)) or nm.is_title(s) or (len(s) == 3 and nm.is_title(s[:2])):
        return False
    stops = nm._stopchars() | (frozenset() if after_title else nm._soft_stopchars())
    return 1 <= len(given) <= 2 and not any(c in stops for c in given)


@SETTINGS
@given(st.text(alphabet="韦闵欧阳摆知远若川春晓市长省的岁·•.人黄大妈共同司马和从战略董事aA1 ", max_size=6))
def test_looks_like_name_is_unchanged(s: str) -> None:
    from parser.vocabulary.names import looks_like_name

    assert looks_like_name(s) == _looks_before(s)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS + list(att._LINKERS)), max_size=14).map("".join),
       st.lists(st.sampled_from(att._LINKERS), max_size=3))
def test_linker_starts_are_the_lookahead_positions(text: str, lead: list[str]) -> None:
    import re

    excluded = tuple(lead)
    lookahead = re.compile("(?=" + "|".join(re.escape(w) for w in att._LINKERS if w not in excluded) + ")")
    assert [m.start() for m in att._linker_starts(excluded).finditer(text, 1)] == [
        m.start() for m in lookahead.finditer(text, 1)]
