"""Personal names and title chains, read right to left as DESIGN.md suggests.

A name is a surname (single or compound, from the lexicon) plus one or two characters, or a
transliterated name joined by ``·``. In ``市人大常委会主任周树群`` the name ends the chunk and
what stands before it must end in a title suffix; trying the possible name lengths from the
right and checking the remainder is what separates ``主任王磊`` from ``主任王`` + ``磊``.

Name shape alone lets many words through (``负责制``, ``文献``, ``其间``, ``从战略``), so a
candidate is weighed against evidence kept as data: common words of a segmenter's dictionary
(``common_words.txt``, ``common_words_rarer.txt``), surnames that are mostly function words (``weak_surnames.txt``), the
characters of transliterated names (``transliteration_chars.txt``), and a title right before it,
which lets through what is less sure on its own (a rarer common word, ``省`` in ``杨省世``).
"""

from __future__ import annotations

from functools import cache, lru_cache

from .. import patterns
from .lexicon import ordered_words, words

_HAN_RUN = patterns.compile(r"\p{Han}+")
# a name is a surname of one or two characters and a given name of one or two (闵川, 韦知远, 欧阳春晓)
_NAME_MIN, _NAME_MAX = 2, 4
# a title chain element is at most this long (市人大常委会副主任, 国务院扶贫开发领导小组办公室主任);
# a longer string is a sentence, not one title
_TITLE_MAX = 30
# a transliterated name's first part is at most this long, each later part at most _DOT_PART_MAX,
# with at most _DOT_PARTS dots (阿依古丽·买买提): a longer run holds words of the sentence around it
_DOT_FIRST_MAX = 6
_DOT_PART_MAX = 4
_DOT_PARTS = 3
# a leader cited by his form of address after a name (习近平总书记): the name is three characters;
# two characters before 主席 are often an organ's (工商联主席)
_CITED_NAME_LEN = 3
# 的 joins an affiliation to a name (青岚民主论坛的庞子衿) when the two stand this long at least; a
# shorter X的 is a word of its own (我的, 目的)
_DE_JOINED_MIN = 3
# a name of no known surname is taken right after a title when it is this long and all of
# transliterated characters (特朗普, 拉塞诺)
_FOREIGN_NAME_LEN = 3
# forms of address after a name that are no title suffix; any title suffix of a post (主任,
# 委员), or one with 副 or 总 before it (副处长, 总经济师), after a name is one too:
# 韦知远总经济师 is 韦知远
_POST_TITLES = frozenset("总书记 同志 先生 女士".split())
_POST_PREFIXES = frozenset("副总")
# a dot between the parts of a transliterated name; a full stop stands in for it in some pages
_DOTS = "·•."
_DOT_NAME = patterns.compile(
    rf"\p{{Han}}{{1,{_DOT_FIRST_MAX}}}(?:[·•.]\p{{Han}}{{1,{_DOT_PART_MAX}}}){{1,{_DOT_PARTS}}}")
_DOT_SPLIT = patterns.compile(r"[·•.]")
# words that follow a name and never stand in a transliterated one (斯蒂芬·罗奇在接受采访时);
# not all stop characters: 里 and 尔 are common in transliterations (皮奇里洛)
_DOT_TAIL_STOPS = frozenset("在于也还就对向为以率到赴同与等又均都和及的是了说称表我你他她")
# the conjunctions among the weak surnames: right after a title they join, not name (领导人和人民)
_CONJUNCTIONS = frozenset("和与及同")


def all_han(s: str) -> bool:
    """Whether ``s`` is one or more Chinese characters and nothing else (a name's, a word's shape)."""
    return _HAN_RUN.fullmatch(s) is not None


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    all_names = words("surnames.txt")
    return frozenset(s for s in all_names if len(s) == 1), frozenset(s for s in all_names if len(s) == 2)


@cache
def _stopchars() -> frozenset[str]:
    return words("name_stopchars.txt")


@cache
def _not_names() -> frozenset[str]:
    return words("not_names.txt")


@cache
def _lookalikes() -> frozenset[str]:
    return words("given_lookalikes.txt")


@cache
def _soft_stopchars() -> frozenset[str]:
    return words("name_soft_stopchars.txt")


@cache
def _frequent_words() -> frozenset[str]:
    """Common words that are never a name (向前, 高度): see tools/derive_name_lexicons.py."""
    return words("common_words.txt")


@cache
def _rarer_words() -> frozenset[str]:
    """Rarer common words, names only right after a title (方圆, 马力)."""
    return words("common_words_rarer.txt")


def _common(s: str) -> bool:
    return s in _frequent_words() or s in _rarer_words()


@cache
def _weak_surnames() -> frozenset[str]:
    return words("weak_surnames.txt")


@cache
def _translit_chars() -> frozenset[str]:
    return words("transliteration_chars.txt")


def is_common_word(s: str) -> bool:
    """A word that is name-shaped but not a name: the not-names lexicon (分别, 国家) or a
    common word of the segmenter's dictionary (负责制, 文献)."""
    return s in _not_names() or _common(s)


@cache
def title_suffixes() -> tuple[str, ...]:
    """Title endings, longest first."""
    return tuple(sorted(ordered_words("title_suffixes.txt"), key=len, reverse=True))


@cache
def group_labels() -> frozenset[str]:
    return words("group_labels.txt")


def looks_like_name(s: str) -> bool:
    """A plausible personal name: surname + one or two characters, or a ``·`` name.

    Context-free: a rarer common word (方圆) or a given name holding ``省`` is not one here,
    though it can be right after a title (:func:`split_title_name`)."""
    return _plausible(s, False)


def looks_like_name_after_title(s: str) -> bool:
    """:func:`looks_like_name` right after a title or an affiliation (副市长方圆, 大学叶名怡教授)."""
    return _plausible(s, True)


def _plausible(s: str, after_title: bool) -> bool:
    """:func:`looks_like_name`, or with ``after_title`` the weaker test of a name right after a title."""
    return _name_level(s) >= (_NAME_AFTER_TITLE if after_title else _NAME)


# how sure a string is to be a name (:func:`_name_level`): no name, a name only right after a
# title, a name anywhere
_NOT_NAME, _NAME_AFTER_TITLE, _NAME = 0, 1, 2


def _name_level(s: str) -> int:
    """How sure ``s`` is to be a name: first the shape (a surname and a given name), then the
    evidence against it, some of which a title right before it outweighs. One pass gives both
    verdicts: :func:`split_title_name` weighs a name before it knows whether a title precedes it."""
    if "·" in s or "•" in s or "." in s:  # a dot name, else no name: a dot is not a Han character
        return _NAME if is_dot_name(s) else _NOT_NAME
    if not _NAME_MIN <= len(s) <= _NAME_MAX:
        return _NOT_NAME
    single, compound = _surnames()
    if len(s) >= 3 and s[:2] in compound:  # a compound surname and one or two characters
        given = s[2:]
    elif s[0] in single and len(s) <= 3:  # a single surname and one or two characters
        given = s[1:]
    else:
        return _NOT_NAME
    if not all_han(s):  # after the cheaper surname test, which most words fail
        return _NOT_NAME
    if not _stopchars().isdisjoint(given):
        return _NOT_NAME  # 那天我, 柯深情地
    if s in _not_names() or (len(given) == 2 and given in _lookalikes()):
        return _NOT_NAME  # 黄大妈, 人共同
    if s in _frequent_words():
        return _NOT_NAME  # 负责制, 其间
    if s[0] in _weak_surnames() and len(s) <= 3 and (_common(s) or _common(given) or _common(s[:2])):
        return _NOT_NAME  # 从战略, 从而得, 有幸: the surname reads as a word of its own
    if (len(given) == 2 and is_title(given)) or is_title(s) or (len(s) == 3 and is_title(s[:2])):
        return _NOT_NAME  # 由校长, 董事, 董事长, 代表约
    if not _soft_stopchars().isdisjoint(given) or (len(given) == 2 and given in _not_names()) \
            or s in _rarer_words():
        return _NAME_AFTER_TITLE  # 杨省文, 胡和平, 邓中华, 方圆: only after a title
    return _NAME


def is_dot_name(s: str) -> bool:
    """A transliterated name with its parts joined by a dot (阿依古丽·买买提) that holds no word
    of the sentence around it: a function word (斯蒂芬·罗奇在接, 我和祖龙·克里木; but 阿不都·热合曼
    ends its first part in 都) or a frequent word at its end (阿尔法·巴里近日)."""
    if _DOT_NAME.fullmatch(s) is None:
        return False
    dot = _DOT_SPLIT.search(s)
    inner = s[: dot.start() - 1] + s[dot.end() :] if dot else s  # 阿不都·热合曼: a first part may end in 都
    last = _DOT_SPLIT.split(s)[-1]  # a word ending a longer last part: 巴里近日, 林博应邀 (巴里 alone is a name)
    return _DOT_TAIL_STOPS.isdisjoint(inner) and not (len(last) > 2 and _common(last[-2:]))


def starts_inside_word(text: str, at: int) -> bool:
    """Whether a name starting at ``at`` would begin inside a frequent word (办公|室: 公室)."""
    return at > 0 and text[at - 1 : at + 1] in _frequent_words()


def weak_surname(name: str) -> bool:
    """Whether ``name`` starts with a surname that is mostly a function word (向总 of 向总书记)."""
    return name[:1] in _weak_surnames()


def foreign_shaped(s: str) -> bool:
    """Every character one of transliterated names (特朗普, 默克尔)."""
    return _translit_chars().issuperset(s)


def has_stopchar(s: str) -> bool:
    """Whether ``s`` holds a character that never occurs in a given name."""
    stop = _stopchars()
    return any(c in stop for c in s)


def is_title(s: str) -> bool:
    """A title chain element: ends in a title suffix or is a group label."""
    if not s or len(s) > _TITLE_MAX:
        return False
    if s in group_labels():
        return True
    if len(s) < 2:
        return False
    # s.endswith(title_suffixes()) tested only against the suffixes of its last character
    ends = _suffixes_by_last_char().get(s[-1])
    return ends is not None and s.endswith(ends)


@cache
def _suffixes_by_last_char() -> dict[str, tuple[str, ...]]:
    """Title suffixes by their last character: most strings end in none of them."""
    out: dict[str, tuple[str, ...]] = {}
    for t in title_suffixes():
        out[t[-1]] = (*out.get(t[-1], ()), t)
    return out


def _person(s: str) -> bool:
    """A name and the title written after it (习近平总书记, 要围绕习近平总书记): a person, not a
    title before a name (习近平总书记来校 holds no name 来校). Only a cited leader's form of
    address (cited_forms.txt) is looked for after words before the name."""
    if any(len(s) > n and is_post_title(s[n:]) and looks_like_name(s[:n]) for n in (3, 2)):
        return True
    n = _CITED_NAME_LEN
    return any(s.endswith(form) and len(s) >= len(form) + n and looks_like_name(s[-len(form) - n : -len(form)])
               for form in cited_forms())


@cache
def cited_forms() -> frozenset[str]:
    """Titles written after a name that mark a leader the report cites (总书记, 主席)."""
    return words("cited_forms.txt")


def is_post_title(s: str) -> bool:
    """A title as it is written after a name (总理, 副处长, 同志): a title suffix itself, or one
    with 副 before it, or a form of address."""
    return s in _post_titles()


@cache
def post_title_max() -> int:
    """The length of the longest title written after a name (副主任委员): no longer one is looked for."""
    return max(map(len, _post_titles()))


@cache
def _post_titles() -> frozenset[str]:
    """Every title written after a name: the forms of address, the title suffixes that name a
    post (not a group), and those with 副 or 总 before them."""
    groups = words("group_suffixes.txt")
    posts = {t for t in title_suffixes() if t not in groups and not any(t.endswith(g) for g in groups)}
    return frozenset(_POST_TITLES | posts | {p + t for p in _POST_PREFIXES for t in posts})


def strip_de(s: str) -> str:
    """``社会民主连线的`` → ``社会民主连线``: a trailing 的 joins an affiliation to a name."""
    return s[:-1] if s.endswith("的") and len(s) >= _DE_JOINED_MIN else s


@lru_cache(maxsize=1 << 16)  # a roster search asks about the same pieces many times
def split_title_name(chunk: str) -> tuple[str, str] | None:
    """Split ``title + name`` (either may be empty but not both), or None if it is neither.

    Name lengths are tried from the right: 3, 2, then 4 (compound surname) and ``·`` names;
    the first whose remainder is empty or a title wins.
    """
    if not chunk:
        return None
    dot_at = max(chunk.rfind("·"), chunk.rfind("•"), chunk.rfind("."))
    if dot_at > 0:
        # 党委书记阿依古丽·买买提: the shortest first part whose remainder is a title (or nothing)
        for k in range(1, min(_DOT_FIRST_MAX, dot_at) + 1):
            name, rest = chunk[dot_at - k :], chunk[: dot_at - k]
            if is_dot_name(name) and (not rest or is_title(strip_de(rest))):
                return strip_de(rest), name
    for n in (3, 2, 4):
        if len(chunk) < n:
            continue
        name, rest = chunk[-n:], chunk[:-n]
        level = _name_level(name)
        if level == _NOT_NAME:  # no name, whatever title stands before it
            continue
        titled = bool(rest) and is_title(rest) and not _person(rest)
        if level == _NAME_AFTER_TITLE and not titled:
            continue
        if not rest:
            return "", name
        if rest.endswith("的") and len(rest) >= _DE_JOINED_MIN and not rest.endswith("岁的") and level == _NAME:
            return rest[:-1], name
        if titled and name[0] not in _CONJUNCTIONS:
            return rest, name
    # a title right before is strong evidence: accept a transliterated name (特朗普) or one of a
    # surname the lexicon lacks, if all its characters are those of transliterated names (tested
    # first: almost no chunk ends in one)
    name, rest = chunk[-_FOREIGN_NAME_LEN:], chunk[:-_FOREIGN_NAME_LEN]
    if (len(chunk) > _FOREIGN_NAME_LEN and foreign_shaped(name) and is_title(rest) and not _person(rest)
            and all_han(name) and not has_stopchar(name) and not is_common_word(name) and not is_title(name)):
        return rest, name
    # a title written after the name is not a title (习近平总书记, 李旭锋教授): the name stands alone
    for n in (3, 2):
        if len(chunk) > n and is_post_title(chunk[n:]) and looks_like_name(chunk[:n]) \
                and chunk[0] not in _weak_surnames():
            return "", chunk[:n]
    if is_title(chunk):
        return chunk, ""
    return None
