"""Numbered items as a tree: ``grammar/directives.lark`` read over the numbering markers.

directives.py finds the candidate markers (``find_all_candidates``); here they become a tree in
two steps:

- **numbering** (:class:`Numbering`), the tokenizing step: which run each number goes on with,
  which is counting, and no context-free grammar counts. A number goes on with the open run of
  its family that awaits it (of two such run-in runs, the one whose last item stands as this
  one does: opening a paragraph, or inside one); a number that goes on with no run is left
  out, unless it is a 1, which opens a run. A run-in run at 1 opens inside the run-in item
  before it when that item's run goes on after it (``二是年检工作。第一，…第二，…三是…``), and
  beside it otherwise. The step names each marker's token (``OPENn``/``NEXTn`` for a section
  marker of rank n, ``RUN_IN``/``RUN_IN_NEXT`` for a run-in marker) and ends the run-in runs a
  marker leaves behind (``RUN_IN_END``);
- **the grammar** places the tokens, which say nothing of where an item stands: the levels of
  the sections (一、 › （一） › 1. › （1）), so which item a section marker stands in and which
  runs it closes, and run-in runs inside the item before them. :class:`ItemTree`, its
  transformer, turns the parse tree into :class:`Item` objects.

This module is never compiled (pyproject.toml lists the compiled ones): its transformer
subclasses lark's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from lark import Lark, Token, Transformer, Tree

from ..layout.grammars import load
from .directives import Candidate, Item

# the section ranks of grammar/directives.lark (its OPENn/NEXTn tokens); rank 0 is a run-in marker
SECTION_RANKS = range(1, 5)

# How deep the tree may go: four section ranks and a few run-in levels are the deepest any report
# goes; the bound keeps a page of thousands of restarted runs from nesting each inside the last
# (asking whether each run goes on was then quadratic).
MAX_DEPTH = 8


@dataclass
class _Count:
    """An open run as the numbering step counts it."""

    family: str
    last: int  # the number of its last item
    opens: bool  # whether its last item opens its paragraph


class Numbering:
    """The tokenizing step: the tokens of the markers, by counting (see the module's docstring).

    It counts the open runs: per section rank, the run open at that rank (a section marker
    restarts the count of every deeper rank, as it closes their runs), and the open run-in runs,
    outermost first (a section marker ends them all). A run-in run at 1 opens beside the run
    before it, not inside, where the tree would grow deeper than ``MAX_DEPTH``.
    """

    def __init__(self, cands: Sequence[Candidate]) -> None:
        self.cands = cands
        self.sections: dict[int, _Count] = {}
        self.run_ins: list[_Count] = []
        # where each (family, number) occurs, to ask whether a run goes on after a candidate
        self.at: dict[tuple[str, int], list[int]] = {}
        for k, c in enumerate(cands):
            if c.rank != 0 and c.rank not in SECTION_RANKS:
                levels = f"{SECTION_RANKS.start}–{SECTION_RANKS.stop - 1}"
                raise ValueError(f"markers.tsv: rank {c.rank} of {c.kind!r} is no level of the grammar "
                                 f"(grammar/directives.lark: 0 for a run-in marker, {levels} for a section)")
            self.at.setdefault((c.family, c.ordinal), []).append(k)
        # the index of the first section marker after each candidate: it ends every run-in run
        self.next_section = [len(cands)] * (len(cands) + 1)
        for k in range(len(cands) - 1, -1, -1):
            self.next_section[k] = k if cands[k].rank > 0 else self.next_section[k + 1]

    def tokens(self) -> list[Token]:
        """The token of each marker that has a place in the tree, in order, with the
        ``RUN_IN_END`` tokens between them and at the end (a token's value: the index of its
        marker among the candidates; a ``RUN_IN_END``'s, that of the marker it stands before, or
        the number of candidates at the end)."""
        out: list[Token] = []
        for k, c in enumerate(self.cands):
            out += [Token(kind, k) for kind in (self.section(c) if c.rank else self.run_in(k, c))]
        return out + [Token("RUN_IN_END", len(self.cands))] * len(self.run_ins)

    def section(self, c: Candidate) -> list[str]:
        """The tokens of section marker ``c``: the run-in runs end, then ``NEXTn`` when its number
        goes on with the run open at its rank, ``OPENn`` at 1; none when it goes on with no run."""
        run = self.sections.get(c.rank)
        if run is not None and run.family == c.family and run.last == c.ordinal - 1:
            kind = f"NEXT{c.rank}"
            run.last, run.opens = c.ordinal, c.opens
        elif c.ordinal == 1:
            kind = f"OPEN{c.rank}"
            self.sections[c.rank] = _Count(c.family, 1, c.opens)
        else:
            return []
        for rank in [r for r in self.sections if r > c.rank]:
            del self.sections[rank]
        ended = len(self.run_ins)
        self.run_ins.clear()
        return ["RUN_IN_END"] * ended + [kind]

    def run_in(self, k: int, c: Candidate) -> list[str]:
        """The tokens of run-in marker ``k`` (``c``): the runs it leaves behind end, then it goes on
        with its run (``RUN_IN_NEXT``) or opens one (``RUN_IN``); none when it is no 1 and goes
        on with no run."""
        hit = self._awaiting(c)
        if hit is not None:
            ended = len(self.run_ins) - 1 - hit
            del self.run_ins[hit + 1 :]
            run = self.run_ins[hit]
            run.last, run.opens = c.ordinal, c.opens
            return ["RUN_IN_END"] * ended + ["RUN_IN_NEXT"]
        if c.ordinal != 1:
            return []
        ended = 0
        while self.run_ins and (len(self.sections) + len(self.run_ins) >= MAX_DEPTH or not self._resumes(k, c)):
            self.run_ins.pop()
            ended += 1
        self.run_ins.append(_Count(c.family, 1, c.opens))
        return ["RUN_IN_END"] * ended + ["RUN_IN"]

    def _awaiting(self, c: Candidate) -> int | None:
        """The index in ``run_ins`` of the open run that run-in marker ``c`` goes on with, or None:
        of the runs that await its number, the innermost whose last item stands as ``c`` does,
        else the innermost."""
        awaiting = [i for i in range(len(self.run_ins) - 1, -1, -1)
                    if self.run_ins[i].family == c.family and self.run_ins[i].last == c.ordinal - 1]
        if not awaiting:
            return None
        return next((i for i in awaiting if self.run_ins[i].opens == c.opens), awaiting[0])

    def _resumes(self, k: int, start: Candidate) -> bool:
        """Whether the innermost open run-in run takes its next number after candidate ``k`` (which
        opens a new run-in run, ``start``), before the next section marker and the next run of its
        family. That number goes to the innermost run only if no run around it, awaiting the same
        number, claims it. When the new run is of the same family and reaches the innermost
        run's last number first, the number could be the new run's own: it counts for the
        innermost run only when it stands as that run's last item did (opening a paragraph, or
        inside one) and not as the new run's does."""
        run = self.run_ins[-1]
        nxt = self._after((run.family, run.last + 1), k)
        if nxt is None or nxt >= self.next_section[k + 1]:
            return False
        restart = self._after((run.family, 1), k)
        if restart is not None and restart < nxt:  # a later run of its family takes that number
            return False
        resumed = self.cands[nxt]
        if self._awaiting(resumed) != len(self.run_ins) - 1:
            return False
        if start.family != run.family:
            return True
        rival = self._after((run.family, run.last), k)  # the new run's item of the same number
        if rival is None or rival > nxt:
            return True
        return resumed.opens == run.opens != self.cands[rival].opens

    def _after(self, key: tuple[str, int], k: int) -> int | None:
        """The first candidate after ``k`` of this (family, number), or None."""
        positions = self.at.get(key, [])
        i = bisect_right(positions, k)
        return positions[i] if i < len(positions) else None


class ItemTree(Transformer[Token, Any]):
    """The tree of ``directives.lark`` as items, rule by rule: a run is the list of its items,
    each marker an item holding the items of the runs that stand inside it."""

    def __init__(self, cands: Sequence[Candidate]) -> None:
        super().__init__()
        self.cands = cands

    def run1(self, children: list[Token | list[Item]]) -> list[Item]:
        items: list[Item] = []
        for child in children:
            if isinstance(child, list):
                items[-1].children.extend(child)
            elif child.type != "RUN_IN_END":
                items.append(Item(self.cands[child.value]))
        return items

    run2 = run3 = run4 = run_in = run1

    def start(self, runs: list[list[Item]]) -> list[Item]:
        return [item for run in runs for item in run]


@cache
def grammar() -> Lark:
    """The parser of ``grammar/directives.lark``, loaded the first time a report has markers."""
    return load("directives")


def read_tree(cands: Sequence[Candidate]) -> list[Item]:
    """The candidates that form runs, nested as the grammar reads them (the others left out)."""
    if not cands:
        return []
    tree: Tree[Token] = grammar().parse(iter(Numbering(cands).tokens()))
    items: list[Item] = ItemTree(cands).transform(tree)
    return items
