"""names.py: a title chain split from the name that ends it, read right to left."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from parser.vocabulary.names import (
    _surnames,
    foreign_shaped,
    is_title,
    looks_like_name,
    looks_like_name_after_title,
    split_title_name,
    strip_de,
)


@pytest.mark.parametrize(
    "chunk, expected",
    [
        ("市人大常委会主任韦知远", ("市人大常委会主任", "韦知远")),
        ("主任韦知", ("主任", "韦知")),
        ("市委副书记", ("市委副书记", "")),
        ("闵若川", ("", "闵若川")),
        ("柯雨", ("", "柯雨")),
        ("欧阳春晓", ("", "欧阳春晓")),
        ("市长欧阳春晓", ("市长", "欧阳春晓")),
        ("副市长司马骏", ("副市长", "司马骏")),
        ("阿依古丽·买买提", ("", "阿依古丽·买买提")),
        ("区委常委阿不都·热合曼", ("区委常委", "阿不都·热合曼")),
        ("市长阿依古丽·买买提", ("市长", "阿依古丽·买买提")),
        ("校长阿不都·热合曼先后", None),  # the part after the dot is at most four characters
        ("青岚大学教授林若溪", ("青岚大学教授", "林若溪")),
        ("青岚民主论坛的庞子衿", ("青岚民主论坛", "庞子衿")),
        ("市长摆向川", ("市长", "摆向川")),  # a rare surname is accepted right after a title
    ],
)
def test_split_title_name(chunk: str, expected: tuple[str, str] | None) -> None:
    assert split_title_name(chunk) == expected


@pytest.mark.parametrize("chunk", ["", "会议强调", "出席会议", "86岁的退役老兵", "深入学习贯彻", "小女孩"])
def test_not_a_title_or_a_name(chunk: str) -> None:
    assert split_title_name(chunk) is None


def test_name_length_is_tried_three_then_two() -> None:
    # 主任韦知远: 韦知远 (3) wins over 知远 (2) because 主任韦 is not a title
    assert split_title_name("主任韦知远") == ("主任", "韦知远")
    # 市长闵川: a two-character name
    assert split_title_name("市长闵川") == ("市长", "闵川")


@pytest.mark.parametrize(
    "name, ok",
    [
        ("韦知远", True),
        ("闵川", True),
        ("上官婉清", True),
        ("阿依古丽·买买提", True),
        ("会议", False),
        ("市长", False),
        ("韦", False),
        ("韦知远山川", False),
        ("abc", False),
    ],
)
def test_looks_like_name(name: str, ok: bool) -> None:
    assert looks_like_name(name) is ok


def test_titles_and_group_labels() -> None:
    assert is_title("市委书记")
    assert is_title("区委常委")
    assert is_title("市领导")  # a group label
    assert not is_title("")
    assert not is_title("会议")
    assert strip_de("青岚民主论坛的") == "青岚民主论坛"
    assert strip_de("的") == "的"


@pytest.mark.parametrize("chunk, expected", [("市长林志强", ("市长", "林志强")), ("副市长张进", ("副市长", "张进"))])
def test_common_given_name_characters(chunk: str, expected: tuple[str, str]) -> None:
    assert split_title_name(chunk) == expected


# ---------------------------------------------------------------- evidence against a name
@pytest.mark.parametrize(
    "word",
    [
        "负责制", "文献", "其间", "通过",  # common words of the segmenter's dictionary
        "董事", "董事长", "由校长",  # a title, or a surname before a title
        "那天我", "柯深情地",  # a pronoun or an adverb ending in the given name
        "有幸", "来华", "从战略", "从而得", "和人民",  # a surname that is mostly a function word
        "杨省文",  # 省 only right after a title
        "方圆",  # a rarer common word only right after a title
    ],
)
def test_name_shaped_words_are_not_names_on_their_own(word: str) -> None:
    assert not looks_like_name(word)


@pytest.mark.parametrize(
    "chunk, expected",
    [
        ("市委书记杨省文", ("市委书记", "杨省文")),  # 省 in a given name, right after a title
        ("副市长方圆", ("副市长", "方圆")),  # a rarer common word right after a title
        ("区委书记柯和平", ("区委书记", "柯和平")),  # 和平 is a word of not_names.txt, a given name here
        ("阿斯蒂市市长拉塞诺", ("阿斯蒂市市长", "拉塞诺")),  # a transliterated name after a title
        ("印尼贸易部长托马斯.林博", ("印尼贸易部长", "托马斯.林博")),  # a full stop for the name's dot
        ("韦知远委员", ("", "韦知远")),  # a title written after the name is no title
        ("闵若川副处长", ("", "闵若川")),
        ("韦知远总经济师", ("", "韦知远")),
    ],
)
def test_evidence_for_a_name(chunk: str, expected: tuple[str, str]) -> None:
    assert split_title_name(chunk) == expected


@pytest.mark.parametrize(
    "chunk",
    [
        "主要领导亲力亲",  # no surname, and not a transliterated name: 亲力亲为
        "总书记进一步",
        "习主席深情地",
        "两国领导人和人民",  # 和 right after a title is a conjunction
        "社区干部黄大妈",  # a form of address even after a title
    ],
)
def test_no_name_without_evidence(chunk: str) -> None:
    split = split_title_name(chunk)
    assert split is None or not split[1]


def test_a_group_ending_after_a_name_is_no_form_of_address() -> None:
    # 党外校领导: 领导 names a group, so 党外校 is not a name addressed by its title
    assert split_title_name("党外校领导") == ("党外校领导", "")


@pytest.mark.parametrize(
    "name, ok",
    [
        ("阿不都·热合曼", True),  # a first part may end in 都
        ("赫尔维·皮奇洛里", True),  # 里 stands in transliterations
        ("斯蒂芬·罗奇在接", False),  # the words after the name
        ("我和祖龙·克里木", False),  # the words before it
        ("阿尔法·巴里近日", False),  # a frequent word at its end
    ],
)
def test_dot_names_hold_no_words_of_the_sentence(name: str, ok: bool) -> None:
    assert looks_like_name(name) is ok


def test_a_post_of_a_company_before_a_dot_name() -> None:
    assert split_title_name("青岚集团首席执行官大卫·罗门") == ("青岚集团首席执行官", "大卫·罗门")


@pytest.mark.parametrize(
    "piece, ok",
    [
        ("白玛赤林", True),  # a four-character name of a surname and three characters
        ("欧阳春晓", True),
        ("相关人员", False),  # a common word ends it: people, not a name
        ("有关部门", False),
    ],
)
def test_a_bare_four_character_name_ends_in_no_common_word(piece: str, ok: bool) -> None:
    from parser.extract.roster import bare_name_shape

    assert bare_name_shape(piece) is ok


# ---------------------------------------------------------------- properties on random strings
_ALPHABET = "韦闵欧阳摆知远若川春晓市长委书记副教授先生的岁·•.总理人和省特朗普领导黄大妈共同司马从战略董事aA1 "
_CHUNKS = st.text(alphabet=_ALPHABET, max_size=12)


@settings(max_examples=400, deadline=None)
@given(_CHUNKS)
def test_a_name_on_its_own_is_one_after_a_title(s: str) -> None:
    """The test right after a title is the weaker one; either asks for a surname and one or two
    characters of Chinese (or a transliterated name)."""
    if looks_like_name(s):
        assert looks_like_name_after_title(s)
    if looks_like_name_after_title(s) and not any(dot in s for dot in "·•."):
        single, compound = _surnames()
        assert 2 <= len(s) <= 4 and regex.fullmatch(r"\p{Han}+", s)
        assert s[0] in single or s[:2] in compound


@settings(max_examples=400, deadline=None)
@given(_CHUNKS)
def test_a_split_is_the_chunk_read_as_title_and_name(chunk: str) -> None:
    split = split_title_name(chunk)
    if split is None:
        return
    title, name = split
    if not name:  # a title alone
        assert title == chunk and is_title(title)
        return
    assert looks_like_name_after_title(name) or foreign_shaped(name)
    if chunk.endswith(name):  # title + name, or an affiliation + 的 + name (青岚民主论坛的庞子衿)
        before = chunk[: len(chunk) - len(name)]
        assert before in (title, title + "的")
        assert before != title or not title or is_title(title)
    else:  # a name and the title written after it (韦知远委员): the name alone
        assert title == "" and chunk.startswith(name) and looks_like_name(name)
