"""Numbered items as a tree, read with ``grammar/directives.lark`` over their markers.

directives.py finds the candidate markers (``find_all_candidates``); here each becomes a token
of the grammar and the grammar nests them:

- :class:`MarkerLexer` tells what a marker is: ``OPENn`` (numbered 1: it opens a run of
  level n, the lexicon's rank), ``NEXTn`` (it goes on with the run its family opened last at
  that level: 二要 after 一要, not after 一是), or nothing (a number that goes on with no run);
- the grammar places every token: which item it is a child of, which runs are siblings;
- :class:`ItemTree`, its transformer, builds the items as the parser reduces.

Recovery: a ``NEXTn`` the grammar cannot place (the run it would go on with was closed by a
marker of an outer level or a new run) is left out, and the parse goes on as if it were not
there (:func:`placed_tokens`). The grammar never rejects an ``OPENn``: a run opens anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, cast

from lark import Lark, Token, Transformer, UnexpectedToken

from ..layout.grammars import load
from .directives import Candidate, Item

# an item as the grammar builds it: the index of its marker among the tokens, and its children
Node = tuple[int, list["Node"]]


class ItemTree(Transformer[Token, list[Node]]):
    """The tree of ``directives.lark`` as nodes, rule by rule: an item holds the items of the
    runs inside it; a run, and the top of the tree, is the list of its items."""

    def item1(self, children: list[Any]) -> Node:
        marker: Token = children[0]
        runs: list[list[Node]] = children[1:]
        return (marker.value, [node for run in runs for node in run])

    item2 = item3 = item4 = item1

    def run1(self, items: list[Node]) -> list[Node]:
        return items

    run2 = run3 = run4 = run1

    def run_in(self, markers: list[Token]) -> list[Node]:
        return [(t.value, []) for t in markers]

    def start(self, runs: list[list[Node]]) -> list[Node]:
        return [node for run in runs for node in run]


@cache
def _parser() -> Lark:
    return load("directives", ItemTree())


# the levels of directives.lark (its OPENn/NEXTn terminals): the ranks a marker of the lexicon may have
LEVELS = range(5)


class MarkerLexer:
    """Tells, marker by marker in document order, which token of the grammar each one is."""

    def __init__(self) -> None:
        self.opened: dict[int, str] = {}  # per level: the family of the run opened there last
        self.last: dict[str, int] = {}  # per family: the number of its last marker

    def token(self, cand: Candidate) -> str | None:
        """``OPENn``, ``NEXTn`` or None (no run of its family to go on with at its level)."""
        if cand.rank not in LEVELS:
            raise ValueError(f"markers.tsv: rank {cand.rank} of {cand.kind!r} is not a level of "
                             f"grammar/directives.lark ({LEVELS.start}–{LEVELS.stop - 1})")
        if cand.ordinal == 1:
            self.opened[cand.rank] = cand.family
            kind = f"OPEN{cand.rank}"
        elif self.opened.get(cand.rank) == cand.family and self.last.get(cand.family) == cand.ordinal - 1:
            kind = f"NEXT{cand.rank}"
        else:
            return None
        self.last[cand.family] = cand.ordinal
        return kind


def build_tree(cands: Sequence[Candidate]) -> list[Item]:
    """The candidates that form runs, nested as the grammar reads them (the others left out)."""
    if not cands:
        return []
    kept, nodes = _read(cands)
    if nodes is None:  # a marker was left out on the way: the kept ones read again, from scratch
        nodes = cast(list[Node], _parser().parse(iter(kept))) if kept else []
    return _items(nodes, cands)


def placed_tokens(cands: Sequence[Candidate]) -> list[Token]:
    """The grammar's tokens of the markers that have a place in the tree (values: their index)."""
    return _read(cands)[0]


def _read(cands: Sequence[Candidate]) -> tuple[list[Token], list[Node] | None]:
    """The tokens of the markers that have a place in the tree, and the tree read on the way
    (None when a marker was left out).

    The parser is fed the tokens one by one; a ``NEXTn`` is first fed to a copy of it, and
    kept only where the copy takes it: an LALR parser may reduce before it finds a token wrong,
    so the token cannot simply be tried on the parser itself. The copy shares the values built
    so far, which a failed try may extend; the tree read on the way is then not used.
    """
    lexer = MarkerLexer()
    parser = _parser().parse_interactive(iter(()))
    kept: list[Token] = []
    clean = True
    for i, cand in enumerate(cands):
        kind = lexer.token(cand)
        if kind is None:
            continue
        token = Token(kind, i)
        if kind.startswith("NEXT"):
            trial = parser.copy(deepcopy_values=False)
            try:
                trial.feed_token(token)
            except UnexpectedToken:
                clean = False
                continue  # the recovery: the marker has no place in the tree, as if it were not there
            parser = trial
        else:
            parser.feed_token(token)  # a run opens anywhere
        kept.append(token)
    if not kept:
        return kept, []
    return kept, cast(list[Node], parser.feed_eof()) if clean else None


def _items(nodes: list[Node], cands: Sequence[Candidate]) -> list[Item]:
    return [Item(cands[i], _items(children, cands)) for i, children in nodes]
