"""Numbered items as a tree: section markers (一、 （一） 1. （1）) and run-in markers (一要, 一是).

A marker counts only after a sentence or clause boundary, so ``统一要求``, ``第一书记`` and
``进一步要求`` never start items, and only when its number continues a run (or starts one at
1). Section markers nest by rank; a run-in run inside a section item becomes its children, and
so does a run-in run inside a run-in item when the outer run goes on after it; two run-in runs
one after the other are siblings. Every marker shape is a row of ``lexicons/markers.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import regex

from ..vocabulary.lexicon import branches, loosened, required_literals, table

_CN = "〇一二三四五六七八九十"
_CN_NUM = rf"[{_CN}]{{1,3}}"


@cache
def _marker_kinds() -> tuple[tuple[str, str, int, regex.Pattern[str]], ...]:
    """(kind, family, rank, pattern) from the lexicon; rank orders section markers (0: run-in)."""
    out = []
    for row in table("markers.tsv"):
        kind, family, rank, pattern = row[0], row[1], int(row[2]), row[3]
        out.append((kind, family, rank, regex.compile(pattern.replace("{CN}", _CN_NUM))))
    return tuple(out)


@cache
def _meeting_voice() -> tuple[regex.Pattern[str], re.Pattern[str] | None]:
    """The cues where a report turns to the meeting's own words (``lexicons/meeting_voice.tsv``),
    with a search for strings one of which every cue holds (derived from the rows)."""
    parts: dict[str, list[str]] = {"subject": [], "verb": []}
    for word, part in table("meeting_voice.tsv"):
        parts[part].append(word)
    alt = {k: "|".join(map(regex.escape, sorted(v, key=len, reverse=True))) for k, v in parts.items()}
    pattern = f"(?:{alt['subject']})(?:{alt['verb']})"
    needs = required_literals(pattern)
    return regex.compile(pattern), re.compile("|".join(map(re.escape, needs))) if needs else None


def meeting_voice(text: str) -> list[int]:
    """Where a paragraph turns to the meeting's own words (``会议强调``): the cues' positions."""
    pattern, needs = _meeting_voice()
    if needs is not None and needs.search(text) is None:  # most paragraphs: no search
        return []
    return [m.start() for m in pattern.finditer(text)]


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


# Most paragraphs hold no marker: one search for all the lexicon's patterns at once spares the
# dozen separate scans. The trigger is built from the patterns themselves, look-arounds dropped
# (they only narrow where a match stands, and slow a joint search), so a row added to the lexicon
# is searched for with no other edit and no paragraph that holds a marker is skipped.


@cache
def _triggers() -> tuple[regex.Pattern[str], regex.Pattern[str]] | None:
    """(anchored, floating): the loosened patterns of the lexicon that hold only at the paragraph
    start, joined to ``match``, and the others, joined to ``search``; None when a pattern cannot
    be loosened. (Kept apart: ``^`` alternatives in one search made it try every one at every
    position, seven times slower.)"""
    anchored: list[str] = []
    floating: list[str] = []
    for row in table("markers.tsv"):
        loose = loosened(row[3].replace("{CN}", _CN_NUM))
        top = branches(loose) if loose is not None else None
        if loose is None or top is None:
            return None
        if len(top) == 1 and loose.startswith("^"):
            anchored.append(f"(?:{loose[1:]})")
        else:
            floating.append(f"(?:{loose})")
    # an empty alternation would match everywhere: a never-matching pattern stands for no trigger
    return regex.compile("|".join(anchored) or "(?!)"), regex.compile("|".join(floating) or "(?!)")


def find_candidates(block_index: int, text: str) -> list[Candidate]:
    """Markers in one paragraph that stand after a boundary."""
    triggers = _triggers()
    if triggers is not None and triggers[0].match(text) is None and triggers[1].search(text) is None:
        return []
    return _scan(block_index, text)


def find_all_candidates(paragraphs: Iterable[tuple[int, str]]) -> list[Candidate]:
    """``find_candidates`` over (block index, text) pairs, concatenated: the triggers looked up
    once for the whole report, and the per-paragraph calls spared where no trigger is found."""
    out: list[Candidate] = []
    triggers = _triggers()
    if triggers is None:
        for i, text in paragraphs:
            out.extend(_scan(i, text))
        return out
    anchored, floating = triggers[0].match, triggers[1].search
    for i, text in paragraphs:
        if anchored(text) is not None or floating(text) is not None:
            out.extend(_scan(i, text))
    return out


def _scan(block_index: int, text: str) -> list[Candidate]:
    """``find_candidates`` without the shortcut: every marker pattern over the paragraph."""
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


# How deep run-in runs may nest inside each other and the sections: four section ranks and a few
# run-in levels are the deepest any report goes; the bound keeps a page of thousands of restarted
# runs from nesting each inside the last (each item's search of the open runs was then quadratic).
MAX_DEPTH = 8


@dataclass
class _Run:
    family: str
    rank: int
    last: int
    items: list[Item]
    parent: Item | None


def build_tree(cands: Sequence[Candidate]) -> list[Item]:
    """Accept the candidates that form runs and nest them.

    A number continues the open run of its family that awaits it; of two such runs, the one whose
    last item stands as this one does (opening a paragraph, or inside one). A section marker at 1
    opens a run inside the item of the next higher rank. A run-in run at 1 opens inside the last
    item of the run-in run before it when that run goes on after it (``二是年检工作。第一，…第二，…
    三是…``), and beside it otherwise (two separate runs are siblings)."""
    roots: list[Item] = []
    stack: list[_Run] = []
    later = _Lookahead(cands)
    for k, c in enumerate(cands):
        hit = _awaiting(stack, c)
        if hit is not None:
            del stack[hit + 1 :]
            run = stack[hit]
            item = Item(c)
            run.items.append(item)
            run.last = c.ordinal
            continue
        if c.ordinal != 1:
            continue
        if c.rank > 0:  # a section marker: close runs of the same or a lower rank
            while stack and (stack[-1].rank == 0 or stack[-1].rank >= c.rank):
                stack.pop()
        else:  # run-in: inside the run-in run before it if that run goes on, else beside it
            while stack and stack[-1].rank == 0 and (len(stack) >= MAX_DEPTH or not later.resumes(stack, k, c)):
                stack.pop()
        parent = stack[-1].items[-1] if stack else None
        item = Item(c)
        container = parent.children if parent else roots
        container.append(item)
        stack.append(_Run(c.family, c.rank, 1, container, parent))
    return roots


def _awaiting(stack: list[_Run], c: Candidate) -> int | None:
    """The index in ``stack`` of the open run that ``c`` continues, or None."""
    awaiting = [i for i in range(len(stack) - 1, -1, -1)
                if stack[i].family == c.family and stack[i].last == c.ordinal - 1]
    if not awaiting:
        return None
    return next((i for i in awaiting if stack[i].items[-1].cand.opens == c.opens), awaiting[0])


class _Lookahead:
    """Where each (family, number) occurs in the candidate list, to ask whether a run goes on
    after a given candidate without walking the rest of the list each time."""

    def __init__(self, cands: Sequence[Candidate]) -> None:
        self.cands = cands
        self.at: dict[tuple[str, int], list[int]] = {}
        for k, c in enumerate(cands):
            self.at.setdefault((c.family, c.ordinal), []).append(k)
        # the index of the first section marker after each candidate: it closes every run-in run
        self.next_section = [len(cands)] * (len(cands) + 1)
        for k in range(len(cands) - 1, -1, -1):
            self.next_section[k] = k if cands[k].rank > 0 else self.next_section[k + 1]

    def resumes(self, stack: list[_Run], k: int, start: Candidate) -> bool:
        """Whether the run on top of ``stack`` takes its next number after candidate ``k`` (which
        opens a new run-in run, ``start``), before the next section marker and the next run of its
        family. That number goes to the top run only if no run below, awaiting the same number,
        claims it. When the new run is of the same family and reaches the top run's last number
        first, the number could be the new run's own: it counts for the top run only when it
        stands as the top run's last item did (opening a paragraph, or inside one) and not as the
        new run's does."""
        run = stack[-1]
        nxt = self._after((run.family, run.last + 1), k)
        if nxt is None or nxt >= self.next_section[k + 1]:
            return False
        restart = self._after((run.family, 1), k)
        if restart is not None and restart < nxt:  # a later run of its family takes that number
            return False
        resumed = self.cands[nxt]
        if _awaiting(stack, resumed) != len(stack) - 1:
            return False
        if start.family != run.family:
            return True
        rival = self._after((run.family, run.last), k)  # the new run's item of the same number
        if rival is None or rival > nxt:
            return True
        return resumed.opens == run.items[-1].cand.opens != self.cands[rival].opens

    def _after(self, key: tuple[str, int], k: int) -> int | None:
        """The first candidate after ``k`` of this (family, number), or None."""
        positions = self.at.get(key, [])
        i = bisect_right(positions, k)
        return positions[i] if i < len(positions) else None


def flatten(items: list[Item]) -> list[Item]:
    """Items in document order."""
    out: list[Item] = []
    for it in items:
        out.append(it)
        out.extend(flatten(it.children))
    return out
