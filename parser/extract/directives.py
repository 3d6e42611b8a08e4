"""Numbering markers: section markers (一、 （一） 1. （1）) and run-in markers (一要, 一是).

A marker counts only after a sentence or clause boundary, so ``统一要求``, ``第一书记`` and
``进一步要求`` never start items. Every marker shape is a row of ``lexicons/markers.tsv``. Which
markers form runs and how the runs nest is ``directive_grammar.py``'s (``grammar/directives.lark``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import regex

from .. import patterns
from ..vocabulary.lexicon import search_gate, table

_CN = "〇一二三四五六七八九十"
_CN_NUM = rf"[{_CN}]{{1,3}}"


@cache
def _marker_kinds() -> tuple[tuple[str, str, int, regex.Pattern[str]], ...]:
    """(kind, family, rank, pattern) from the lexicon; rank orders section markers (0: run-in)."""
    out = []
    for row in table("markers.tsv"):
        kind, family, rank, pattern = row[0], row[1], int(row[2]), row[3]
        out.append((kind, family, rank, patterns.compile(pattern.replace("{CN}", _CN_NUM))))
    return tuple(out)


@cache
def _meeting_voice() -> regex.Pattern[str]:
    """The cues where a report turns to the meeting's own words (``lexicons/meeting_voice.tsv``):
    a subject written right before a verb."""
    parts: dict[str, list[str]] = {"subject": [], "verb": []}
    for word, part in table("meeting_voice.tsv"):
        parts[part].append(word)
    alt = {k: "|".join(map(regex.escape, sorted(v, key=len, reverse=True))) for k, v in parts.items()}
    return patterns.compile(f"(?:{alt['subject']})(?:{alt['verb']})")


def meeting_voice(text: str) -> list[int]:
    """Where a paragraph turns to the meeting's own words (``会议强调``): the cues' positions."""
    return [m.start() for m in _meeting_voice().finditer(text)]


def cn_value(s: str) -> int | None:
    """Value of a Chinese numeral up to 99 (``十三`` → 13), or of Arabic digits."""
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate(_CN)}
    if not s or any(c not in digits for c in s):
        return None
    if "十" not in s:
        return digits[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones or tens in ("〇", "一") or ones == "〇":
        return None  # 十十, 一十, 十〇 are no numerals
    t = digits[tens] if tens else 1
    o = digits[ones] if ones else 0
    return t * 10 + o


@dataclass
class Candidate:
    """A possible marker: where it is and what it says."""

    block: int
    start: int  # marker start in the block text
    text_start: int  # item text start (after the marker and its punctuation)
    kind: str
    family: str
    rank: int
    ordinal: int
    marker: str
    opens: bool = False  # the marker opens its paragraph (only spaces before it)


@dataclass
class Item:
    """An accepted item while the tree is built."""

    cand: Candidate
    children: list[Item] = field(default_factory=list)
    text_end: int = -1
    speaker: str | None = None


def find_candidates(block_index: int, text: str) -> list[Candidate]:
    """Markers in one paragraph that stand after a boundary: every pattern of the lexicon over it.

    The specification of :func:`find_all_candidates`, which gives the same over many paragraphs
    faster."""
    out = []
    for kind, family, rank, pattern in _marker_kinds():
        for m in pattern.finditer(text):
            value = cn_value(m.group("n"))
            if value is None or value == 0 or value > 40:
                continue
            marker = m.group("marker")
            start = m.start("marker")
            out.append(Candidate(block_index, start, m.end(), kind, family, rank, value, marker,
                                 not text[:start].strip()))
    out.sort(key=lambda c: (c.block, c.start, c.kind.endswith("_weak"), -len(c.marker)))
    dedup: list[Candidate] = []
    for c in out:
        if dedup and dedup[-1].block == c.block and dedup[-1].start <= c.start < dedup[-1].text_start:
            continue
        dedup.append(c)
    # a weak 一是 stands only when the same paragraph goes on with a proper 二是: the last such
    # 二是 of each family, found once (asking per weak candidate was quadratic on 一是一是…)
    last_two: dict[str, int] = {}
    for c in dedup:
        if c.ordinal == 2 and not c.kind.endswith("_weak"):
            last_two[c.family] = max(c.start, last_two.get(c.family, -1))
    return [c for c in dedup if not c.kind.endswith("_weak") or last_two.get(c.family, -1) > c.start]


# Most paragraphs hold no marker: a gate derived from the lexicon's patterns (``search_gate``)
# spares them the dozen separate scans (about 6 % of a whole parse), and a row added to the
# lexicon is searched for with no other edit.


@cache
def may_hold_marker() -> Callable[[str], bool]:
    """True for every paragraph in which a pattern of ``markers.tsv`` may find a marker."""
    return search_gate(row[3].replace("{CN}", _CN_NUM) for row in table("markers.tsv"))


def find_all_candidates(paragraphs: Iterable[tuple[int, str]]) -> list[Candidate]:
    """:func:`find_candidates` over (block index, text) pairs, concatenated: the paragraphs the
    gate turns away are not scanned."""
    may_hold = may_hold_marker()
    return [c for i, text in paragraphs if may_hold(text) for c in find_candidates(i, text)]


def flatten(items: list[Item]) -> list[Item]:
    """Items in document order."""
    out: list[Item] = []
    for it in items:
        out.append(it)
        out.extend(flatten(it.children))
    return out
