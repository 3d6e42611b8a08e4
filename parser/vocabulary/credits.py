"""Credits: who reported, wrote, photographed and edited a piece, wherever the credit stands.

Credits come in a handful of shapes: a bracket at the start or end of a paragraph
(``（记者 甲 通讯员 乙）``), a labelled line (``责任编辑：甲 SF055``, ``撰文 | 甲 乙``), a photo
credit ending in 摄, and a bare bracket of names closing a news report (``（甲、乙）``).
Outlets and columns are not people, so every name must look like a personal name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .lexicon import table
from .names import is_title, looks_like_name


@dataclass(frozen=True)  # hits are memoised per text and shared between callers
class CreditHit:
    """A credit found in a text: role, name and the name's position."""

    role: str
    name: str
    start: int
    end: int
    label: bool = False  # introduced by a role word (记者, 责任编辑：), not a bare bracket or 摄


@cache
def _roles() -> dict[str, str]:
    return {row[0]: row[1] for row in table("credit_roles.tsv")}


@cache
def _role_alt(min_len: int = 1) -> str:
    words = [w for w in _roles() if len(w) >= min_len]
    return "|".join(sorted(map(regex.escape, words), key=len, reverse=True))


_NAME = r"[\p{Han}·•]{2,8}"
_CODE = r"(?:[_＿]?[A-Za-z]{1,4}[0-9]{2,6}|[_＿][A-Za-z0-9]{2,10})"


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    roles = _role_alt()
    long_roles = _role_alt(2)
    return {
        # （记者 甲 乙 通讯员 丙） — a bracket led by a role word
        # （据新华社电 记者 甲） / （综合本报记者甲、乙报道）: an outlet prefix, a trailing 报道
        "bracket": regex.compile(
            rf"[（(]\s*(?:综合|据[^）)，。]{{1,10}}?[电讯]\s*)?"
            rf"((?:{long_roles})[\s:：]*{_NAME}(?:[\s、，,]*(?:(?:{long_roles})[\s:：]*)?{_NAME})*?)\s*(?:报道)?\s*[）)]"
        ),
        # 责任编辑：甲 SF055 / 撰文 | 甲 乙 / [作者: 甲] / 文/甲 — a name is never the next label (字号：)
        "label": regex.compile(
            rf"(?:^|(?<=[\s\[【（(|｜]))({roles})\s*[:：|｜/]\s*"
            rf"((?!(?:{roles})\s*[:：|｜/]){_NAME}(?![:：])(?:\s*{_CODE})?"
            rf"(?:[\s、，,]+(?!(?:{roles})\s*[:：|｜/]){_NAME}(?![:：])(?:\s*{_CODE})?)*)"
        ),
        # 新华社记者 鞠鹏 摄 / 龚献明摄 / 刘满仓 摄 / （刘通摄）
        "photo": regex.compile(
            rf"(?:(?:{roles})\s*)?({_NAME}(?:[\s、]+{_NAME})*)\s*摄(?:影)?"
            rf"(?=\s*(?:[（(][^）)]{{0,12}}[）)])?\s*$|[\s。）)]|$)"
        ),
        # （甲、乙） bare names closing a report
        "bare": regex.compile(rf"[（(]\s*({_NAME}(?:[\s、，]+{_NAME}){{0,5}})\s*[）)]\s*$"),
        # 本报北京1月7日电 （甲、乙） bare names right after the dateline opening a report
        "bare_open": regex.compile(
            rf"^[^，。（(]{{2,30}}(?:电|讯)\s*[（(]\s*({_NAME}(?:[\s、，]+{_NAME}){{0,5}})\s*[）)]"
        ),
        # （记者 甲 摄影报道）: a trailing role applies to the names before it
        "trailing_role": regex.compile(r"\s*(摄影|摄)报道\s*$"),
        "names": regex.compile(_NAME),
        # every credit shape needs a bracket, 摄, or a role word before a colon or bar: a cheap first test
        "any": regex.compile(rf"[（(摄]|(?:{roles})\s*[:：|｜/]"),
        "roleword": regex.compile(rf"({long_roles})[\s:：]*"),
        "code": regex.compile(_CODE),
        # (reversed) the run of characters a photo credit can hold before its 摄: role words,
        # names and the spaces and 、 between them
        "photo_run": regex.compile(
            rf"(?r)[\p{{Han}}·•、\s{''.join(regex.escape(c) for c in sorted(set(''.join(_roles()))))}]*"
        ),
        # a column name may head the credit line: 鹤屿观察 撰文 | 甲 乙
        "column": regex.compile(rf"^\s*\p{{Han}}{{1,6}}\s+(?=(?:{roles})\s*[:：|｜/])"),
        "outlets": regex.compile(r"影像中国|新华社|人民网|本报|人民图片|视觉中国|供图|发|来源"),
    }


@cache
def _roles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_roles(), key=len, reverse=True))


# a character every match of the "any" pattern needs after its role word: a cheap first test
_SEPARATOR = re.compile("[:：|｜/]")


def _may_hold_credit(text: str) -> bool:
    """``_patterns()["any"].search(text)``, mostly without running it: its first alternative is
    one of （ ( 摄, its second needs one of the separators of ``_SEPARATOR``."""
    if "（" in text or "(" in text or "摄" in text:
        return True
    # str.__contains__ is a fast C scan; a stdlib set search of these characters is slower
    if ":" in text or "：" in text or "|" in text or "｜" in text or "/" in text:
        return bool(_patterns()["any"].search(text))
    return False


_HANCHAR = regex.compile(r"\p{Han}")
# words that follow a credit label without being a name: columns (记者手记), times, positions
_NOT_PERSON = regex.compile(r"手记|札记|近期|近日|日前|观察|特稿|专稿|综述|教授|专家|作家|研究员|代表|委员|大使|主任")
_NOT_PERSON_END = regex.compile(r"(?:社|网|报|台|站|院|部|局|厅|委|办|处|中心|报道|新闻|消息|来源|本文)$")


@cache
def _han_run() -> regex.Pattern[str]:
    # compiled once, on first use: regex.fullmatch(pattern, s) looks the pattern up on every call
    return regex.compile(r"\p{Han}+")


def credit_name(s: str) -> bool:
    """A name after an explicit credit label (``编辑：丛敏``): the label vouches for it, so a
    surname missing from the lexicon or a rare given-name character does not reject it."""
    if looks_like_name(s):
        return True
    if is_title(s) or _NOT_PERSON.search(s):
        return False
    return (2 <= len(s) <= 3 and _han_run().fullmatch(s) is not None and s not in _roles()
            and not any(w in s for w in _roles() if len(w) >= 2) and not _NOT_PERSON_END.search(s))


def _names_in(text: str, base: int, loose: bool = False) -> list[tuple[str, int, int]]:
    out = []
    check = credit_name if loose else looks_like_name
    for m in _patterns()["names"].finditer(text):
        # a loose name must be a whole run of Chinese, not the tail of 作者为某国大使
        if loose and ((m.start() > 0 and _HANCHAR.match(text[m.start() - 1]))
                      or (m.end() < len(text) and _HANCHAR.match(text[m.end()]))):
            continue
        if check(m.group()):
            out.append((m.group(), base + m.start(), base + m.end()))
    return out


def find_credits(text: str, *, closing: bool = False, bare_role: str = "reporter") -> list[CreditHit]:
    """All credits in one paragraph, in order. ``closing``: the paragraph ends a report,
    so a bare bracket of names there is a credit: ``bare_role`` (reporters after a news
    report, the author after a commentary)."""
    if not _may_hold_credit(text):
        return []
    hits = list(_labelled_credits(text))
    if closing and not hits:
        m = _bare_credit(text)
        if m:
            _emit(hits, bare_role, m.group(1), m.start(1))
            hits.sort(key=lambda h: h.start)
    return hits


@lru_cache(maxsize=4096)  # classify and the byline stage both look for credits in a paragraph
def _labelled_credits(text: str) -> tuple[CreditHit, ...]:
    """The credits of a paragraph that do not depend on where it stands, in order. Each
    pattern is tried only when the text holds a character that every match of it needs."""
    pats = _patterns()
    hits: list[CreditHit] = []
    taken: list[tuple[int, int]] = []
    for m in _bracket_credits(text):
        inner, base = m.group(1), m.start(1)
        trailing = pats["trailing_role"].search(inner)
        if trailing:
            inner = inner[: trailing.start()]
        role = "reporter"
        pos = 0
        for rm in pats["roleword"].finditer(inner):
            _emit(hits, role, inner[pos : rm.start()], base + pos, loose=True)
            role = _roles()[rm.group(1)]
            pos = rm.end()
        _emit(hits, role, inner[pos:], base + pos, loose=True)
        if trailing:
            _emit(hits, _roles()[trailing.group(1)], inner[pos:], base + pos, loose=True)
        taken.append(m.span())
    for m in pats["label"].finditer(text) if _SEPARATOR.search(text) else ():
        if any(s <= m.start() < e for s, e in taken):
            continue
        role = _roles()[m.group(1)]
        names = pats["code"].sub(lambda x: " " * len(x.group()), m.group(2))
        _emit(hits, role, names, m.start(2), loose=len(m.group(1)) >= 2)
        taken.append(m.span())
    for m in _photo_credits(text):
        if any(s <= m.start(1) < e for s, e in taken):
            continue
        _emit(hits, "photographer", m.group(1), m.start(1))
    if not hits and ("电" in text or "讯" in text):
        m = pats["bare_open"].search(text)
        if m:
            _emit(hits, "reporter", m.group(1), m.start(1))
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


@cache
def _bracket_opening() -> re.Pattern[str]:
    """Where a match of the "bracket" pattern can start: an opening bracket, spaces (stdlib \\s
    holds every character regex's \\s does, and \\x1c-\\x1f besides) and 综, 据 or the first
    character of a role word of two or more characters."""
    initials = sorted({"综", "据"} | {w[0] for w in _roles() if len(w) >= 2})
    return re.compile(f"[（(]\\s*[{''.join(map(re.escape, initials))}]")


def _bracket_credits(text: str) -> Iterator[regex.Match[str]]:
    """``_patterns()["bracket"].finditer(text)``, started at the first place a match can start
    (most brackets hold no credit: a cheap stdlib search skips them). The pattern has no
    anchor or lookbehind, so matching from there finds the same matches."""
    if "（" not in text and "(" not in text:
        return iter(())
    first = _bracket_opening().search(text)
    if first is None:
        return iter(())
    return _patterns()["bracket"].finditer(text, first.start())


def _bare_credit(text: str) -> regex.Match[str] | None:
    """``_patterns()["bare"].search(text)``: only names, spaces and punctuation other than an
    opening bracket follow the （ of a match, so a match opens at the last （ or ( of the text;
    matching there spares a search from every offset."""
    if "）" not in text and ")" not in text:  # the pattern ends in a closing bracket
        return None
    return _patterns()["bare"].match(text, max(text.rfind("（"), text.rfind("("), 0))


def _photo_credits(text: str) -> Iterator[regex.Match[str]]:
    """``_patterns()["photo"].finditer(text)``, started where a match can first start. Each match
    ends in 摄 and holds before it only characters of the run pattern ``photo_run``; so no match
    starts before the run that ends at the first 摄 (the character before that run is none of
    them), and the search skips the text before it."""
    first = text.find("摄")
    if first < 0:
        return iter(())
    pats = _patterns()
    run = pats["photo_run"].match(text, 0, first + 1)  # reversed: the run ending at the first 摄
    return pats["photo"].finditer(text, run.start() if run else first)


def _emit(hits: list[CreditHit], role: str, names: str, base: int, loose: bool = False) -> None:
    for name, s, e in _names_in(names, base, loose):
        hits.append(CreditHit(role, name, s, e, label=loose))


_CREDIT_ONLY_RESIDUE = regex.compile(r"[\s\p{P}|｜/A-Za-z0-9_＿]+")


@lru_cache(maxsize=4096)
def is_credit_only(text: str) -> bool:
    """True when the whole paragraph is credits (and codes, punctuation, outlet tags)."""
    if not _may_hold_credit(text):  # find_credits finds nothing: spares most paragraphs a call
        return False
    hits = find_credits(text, closing=True)
    if not hits:
        return False
    pats = _patterns()
    rest = pats["column"].sub("", text)
    for word in _roles_longest_first():
        rest = rest.replace(word, "")
    for h in hits:
        rest = rest.replace(h.name, "")
    rest = _CREDIT_ONLY_RESIDUE.sub("", rest)
    rest = pats["outlets"].sub("", rest)
    return len(rest) <= 2
