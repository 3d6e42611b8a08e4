"""Personal names and title chains, read right to left as DESIGN.md suggests.

A name is a surname (single or compound, from the lexicon) plus one or two characters, or a
transliterated name joined by ``·``. In ``市人大常委会主任周树群`` the name ends the chunk and
what stands before it must end in a title suffix; trying the possible name lengths from the
right and checking the remainder is what separates ``主任王磊`` from ``主任王`` + ``磊``.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from .lexicon import ordered_words, words

_HAN = regex.compile(r"\p{Han}+")
_POST_TITLES = frozenset(
    "总书记 主席 委员长 总理 副总理 书记 同志 先生 女士 教授 研究员 院士 博士 老师 "
    "校长 院长 主任 部长 省长 市长".split()
)
_DOT_NAME = regex.compile(r"\p{Han}{1,6}(?:[·•]\p{Han}{1,4}){1,3}")


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


def is_common_word(s: str) -> bool:
    """A word of the not-names lexicon (分别, 国家): name-shaped but never a name."""
    return s in _not_names()


@cache
def title_suffixes() -> tuple[str, ...]:
    """Title endings, longest first."""
    return tuple(sorted(ordered_words("title_suffixes.txt"), key=len, reverse=True))


@cache
def group_labels() -> frozenset[str]:
    return words("group_labels.txt")


def looks_like_name(s: str) -> bool:
    """A plausible personal name: surname + one or two characters, or a ``·`` name."""
    if "·" in s or "•" in s:  # a dot name, else no name: a dot is not a Han character
        return _DOT_NAME.fullmatch(s) is not None
    # the cheap tests first: most pieces of text fail on the surname
    if not 2 <= len(s) <= 4:
        return False
    single, compound = _surnames()
    if len(s) >= 3 and s[:2] in compound:
        given = s[2:]
    elif s[0] in single and len(s) <= 3:
        given = s[1:]
    else:
        return False
    if not (1 <= len(given) <= 2 and _stopchars().isdisjoint(given)):
        return False
    not_names = _not_names()
    if s in not_names or (len(given) == 2 and given in not_names):
        return False  # 黄大妈, 人共同
    return _HAN.fullmatch(s) is not None  # the regex last: the set tests above reject more, cheaper


def has_stopchar(s: str) -> bool:
    """Whether ``s`` holds a character that never occurs in a given name."""
    stop = _stopchars()
    return any(c in stop for c in s)


def is_title(s: str) -> bool:
    """A title chain element: ends in a title suffix or is a group label."""
    if not s or len(s) > 30:
        return False
    if s in group_labels():
        return True
    # s.endswith(title_suffixes()) by one set lookup per suffix length, not one test per suffix
    if len(s) < 2:
        return False
    for n, ends in _suffixes_by_length():
        if s[-n:] in ends:
            return True
    return False


@cache
def _suffixes_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    """Title suffixes grouped by length (a shorter string than n never equals a suffix of length n)."""
    lengths = sorted({len(t) for t in title_suffixes()})
    return tuple((n, frozenset(t for t in title_suffixes() if len(t) == n)) for n in lengths)


def strip_de(s: str) -> str:
    """``社会民主连线的`` → ``社会民主连线``: a trailing 的 joins an affiliation to a name."""
    return s[:-1] if s.endswith("的") and len(s) > 2 else s


@lru_cache(maxsize=1 << 16)  # a roster search asks about the same pieces many times
def split_title_name(chunk: str) -> tuple[str, str] | None:
    """Split ``title + name`` (either may be empty but not both), or None if it is neither.

    Name lengths are tried from the right: 3, 2, then 4 (compound surname) and ``·`` names;
    the first whose remainder is empty or a title wins.
    """
    if not chunk:
        return None
    dot_at = max(chunk.rfind("·"), chunk.rfind("•"))
    if dot_at > 0:
        # 党委书记阿依古丽·买买提: the shortest first part whose remainder is a title (or nothing)
        for k in range(1, min(6, dot_at) + 1):
            name, rest = chunk[dot_at - k :], chunk[: dot_at - k]
            if _DOT_NAME.fullmatch(name) and (not rest or is_title(strip_de(rest))):
                return strip_de(rest), name
    dotted = dot_at >= 0
    single, compound = _surnames()
    size = len(chunk)
    for n in (3, 2, 4):
        if size < n:
            continue
        # a name without a dot starts with a surname: most chunks fail here, before any slicing
        if not dotted and chunk[-n] not in single and chunk[size - n : size - n + 2] not in compound:
            continue
        name, rest = chunk[-n:], chunk[:-n]
        if not looks_like_name(name):
            continue
        if not rest:
            return "", name
        if rest.endswith("的") and len(rest) > 2 and not rest.endswith("岁的"):
            return rest[:-1], name
        if is_title(rest):
            return rest, name
    # a title right before is strong evidence: accept a rare surname (摆向阳) after one
    if size > 3 and is_title(rest := chunk[:-3]):
        name = chunk[-3:]
        if _HAN.fullmatch(name) and not has_stopchar(name) and name not in _not_names() and not is_title(name):
            return rest, name
    # a title written after the name is not a title (习近平总书记, 李旭锋教授): the name stands alone
    for n in (3, 2):
        if size > n and chunk[n:] in _POST_TITLES and looks_like_name(chunk[:n]):
            return "", chunk[:n]
    if is_title(chunk):
        return chunk, ""
    return None
