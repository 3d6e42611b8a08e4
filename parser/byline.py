"""Credits: who reported, wrote, photographed and edited a piece, wherever the credit stands.

Credits come in a handful of shapes: a bracket at the start or end of a paragraph
(``（记者 甲 通讯员 乙）``), a labelled line (``责任编辑：甲 SF055``, ``撰文 | 甲 乙``), a photo
credit ending in 摄, and a bare bracket of names closing a news report (``（甲、乙）``).
Outlets and columns are not people, so every name must look like a personal name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import table
from .names import looks_like_name


@dataclass
class CreditHit:
    """A credit found in a text: role, name and the name's position."""

    role: str
    name: str
    start: int
    end: int


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
        "bracket": regex.compile(
            rf"[（(]\s*((?:{long_roles})[\s:：]*{_NAME}(?:[\s、，,]*(?:(?:{long_roles})[\s:：]*)?{_NAME})*)\s*[）)]"
        ),
        # 责任编辑：甲 SF055 / 撰文 | 甲 乙 / [作者: 甲] / 文/甲
        "label": regex.compile(
            rf"(?:^|(?<=[\s\[【（(|｜]))({roles})\s*[:：|｜/]\s*"
            rf"({_NAME}(?:\s*{_CODE})?(?:[\s、，,]+{_NAME}(?:\s*{_CODE})?)*)"
        ),
        # 新华社记者 鞠鹏 摄 / 龚献明摄 / 刘满仓 摄
        "photo": regex.compile(
            rf"(?:(?:{roles})\s*)?({_NAME}(?:[\s、]+{_NAME})*)\s*摄(?:影)?(?=\s*(?:[（(][^）)]{{0,12}}[）)])?\s*$|[\s。]|$)"
        ),
        # （甲、乙） bare names closing a report
        "bare": regex.compile(rf"[（(]\s*({_NAME}(?:[\s、，]+{_NAME}){{0,5}})\s*[）)]\s*$"),
        "names": regex.compile(_NAME),
        "roleword": regex.compile(rf"({long_roles})[\s:：]*"),
    }


def _names_in(text: str, base: int) -> list[tuple[str, int, int]]:
    out = []
    for m in _patterns()["names"].finditer(text):
        if looks_like_name(m.group()):
            out.append((m.group(), base + m.start(), base + m.end()))
    return out


def find_credits(text: str, *, closing: bool = False) -> list[CreditHit]:
    """All credits in one paragraph, in order. ``closing``: the paragraph ends a report,
    so a bare bracket of names there is a reporters' credit."""
    hits: list[CreditHit] = []
    pats = _patterns()
    taken: list[tuple[int, int]] = []
    for m in pats["bracket"].finditer(text):
        inner, base = m.group(1), m.start(1)
        role = "reporter"
        pos = 0
        for rm in pats["roleword"].finditer(inner):
            _emit(hits, role, inner[pos : rm.start()], base + pos)
            role = _roles()[rm.group(1)]
            pos = rm.end()
        _emit(hits, role, inner[pos:], base + pos)
        taken.append(m.span())
    for m in pats["label"].finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        role = _roles()[m.group(1)]
        names = regex.sub(_CODE, lambda x: " " * len(x.group()), m.group(2))
        _emit(hits, role, names, m.start(2))
        taken.append(m.span())
    for m in pats["photo"].finditer(text):
        if any(s <= m.start(1) < e for s, e in taken):
            continue
        _emit(hits, "photographer", m.group(1), m.start(1))
    if closing and not hits:
        m = pats["bare"].search(text)
        if m:
            _emit(hits, "reporter", m.group(1), m.start(1))
    hits.sort(key=lambda h: h.start)
    return hits


def _emit(hits: list[CreditHit], role: str, names: str, base: int) -> None:
    for name, s, e in _names_in(names, base):
        hits.append(CreditHit(role, name, s, e))


_CREDIT_ONLY_RESIDUE = regex.compile(r"[\s\p{P}|｜/A-Za-z0-9_＿]+")


def is_credit_only(text: str) -> bool:
    """True when the whole paragraph is credits (and codes, punctuation, outlet tags)."""
    hits = find_credits(text, closing=True)
    if not hits:
        return False
    rest = text
    for word in sorted(_roles(), key=len, reverse=True):
        rest = rest.replace(word, "")
    for h in hits:
        rest = rest.replace(h.name, "")
    rest = _CREDIT_ONLY_RESIDUE.sub("", rest)
    rest = regex.sub(r"影像中国|新华社|人民网|本报|人民图片|视觉中国|供图|发|来源", "", rest)
    return len(rest) <= 2
