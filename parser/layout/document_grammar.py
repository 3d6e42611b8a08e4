"""``grammar/document.lark`` read into places: which block is headline, lead, body, byline or
boilerplate, from the sequence of block classes alone.

The grammar's tokens are runs: blocks of one class in a row make one token (a title line is a
token of its own: the headline counts its lines). :class:`Places` is the grammar's transformer,
applied as the parser reduces (no tree is built); it places each token, and :func:`read_plan`
gives each block the place of its token (the lead token's first block is the lead, the rest of
its run body). The plan of a sequence of tokens is cached: reports of one shape, whatever the
length of their runs, share one parse.

Recovery: where the strict rule ``report`` rejects the sequence, the lenient rule ``page``
reads it, and the plan says what was rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, cast

from lark import Lark, Token, Transformer, UnexpectedInput

from .grammars import load, tokens

# (token index, place, default reason): one per token; the reason is used only where a block
# has none of its own (blocks.classify gives boilerplate its reason)
Placed = tuple[int, str, str | None]

# the default reason of a line set aside, by its class
_ASIDE_REASONS = {
    "TITLE": "deck line",
    "META": "source or date line",
    "NOTE": "summary or note",
    "CAPTION": "photo caption",
}

# how a warning names a block of each class
_CLASS_WORDS = {
    "TITLE": "a title line", "HEADING": "a section heading", "BODY": "a paragraph", "SALUTATION": "a salutation",
    "BOILER": "a line of site chrome", "META": "a source or date line", "CREDIT": "a credit line",
    "NOTE": "a note", "CAPTION": "a caption",
}


@dataclass(frozen=True)
class Plan:
    """What the document grammar makes of one sequence of block classes.

    ``places`` for every block; ``reasons`` the default reason of each block set aside, which
    ``lay_out`` gives only to a block that has none of its own; ``rejected`` what the strict
    grammar could not place (None when the sequence is a report), in words.
    """

    places: tuple[str, ...]
    reasons: tuple[tuple[int, str], ...]
    headline_blocks: tuple[int, ...]
    lead_index: int | None
    rejected: str | None = None


def _set_aside(line: Token, default_reason: str | None) -> Placed:
    """A credit goes to the byline; any other line set aside is boilerplate, with a reason by class."""
    if line.type == "CREDIT":
        return (line.value, "byline", None)
    return (line.value, "boilerplate", _ASIDE_REASONS.get(line.type, default_reason or "boilerplate"))


def _flat(parts: Sequence[Any]) -> list[Placed]:
    """Children of a rule as one list: each child is one placed line or a list of them."""
    out: list[Placed] = []
    for part in parts:
        if type(part) is tuple:
            out.append(part)
        else:
            out.extend(part)
    return out


class Places(Transformer[Token, list[Placed]]):
    """The tree of ``document.lark`` as places, rule by rule (see the grammar for what each means)."""

    def chrome(self, lines: list[Token]) -> list[Placed]:
        return [_set_aside(t, "before the article") for t in lines]

    loose_chrome = chrome

    def headline(self, lines: list[Token]) -> list[Placed]:
        return [(t.value, "headline", None) for t in lines]

    full_headline = headline

    def deck_line(self, children: list[Token]) -> Placed:
        return _set_aside(children[0], None)

    def deck(self, lines: list[Placed]) -> list[Placed]:
        return lines

    def front(self, lines: list[Token | Placed]) -> list[Placed]:
        return [line if type(line) is tuple else _set_aside(line, None) for line in lines]  # type: ignore[arg-type]

    bare_front = front

    def lead(self, children: list[Token]) -> list[Placed]:
        return [(children[0].value, "lead", None)]

    def paragraph(self, children: list[Token]) -> Placed:
        return (children[0].value, "body", None)

    subhead = inset = paragraph

    def set_aside(self, lines: list[Token]) -> list[Placed]:
        return [_set_aside(t, None) for t in lines]

    def tail(self, children: list[list[Placed]]) -> list[Placed]:
        return children[0]

    def article(self, parts: list[Placed | list[Placed]]) -> list[Placed]:
        return _flat(parts)

    def report(self, parts: list[list[Placed]]) -> list[Placed]:
        return _flat(parts)  # every token once, in order

    page = report


@cache
def _parser() -> Lark:
    return load("document", Places(), start=("report", "page"))


def runs(classes: Sequence[str]) -> list[tuple[str, int, int]]:
    """(class, first block, number of blocks) of each token: blocks of one class in a row make one
    token, except title lines, each a token of its own."""
    out: list[tuple[str, int, int]] = []
    for i, cls in enumerate(classes):
        if out and out[-1][0] == cls and cls != "TITLE":
            kind, first, n = out[-1]
            out[-1] = (kind, first, n + 1)
        else:
            out.append((cls, i, 1))
    return out


# a token's place and default reason, per token; and what the strict rule rejected: the index of
# the token it stopped at (-1: the end of the document), or None
TokenPlan = tuple[tuple[tuple[str, str | None], ...], int | None]


# Longer sequences are parsed every time: hostile pages of thousands of alternating classes
# would fill the cache with long keys that no other page repeats.
_MAX_CACHED_TOKENS = 400


def read_tokens(kinds: tuple[str, ...]) -> TokenPlan:
    """The place of each token of a sequence (one class a token), by ``report`` or, where it
    rejects the sequence, by ``page``, with the index of the token ``report`` stopped at.

    Cached by the sequence: most reports share their shape with others (over 300 People's
    Daily reports the cache saves 2 % of the instructions of a report)."""
    return _cached_tokens(kinds) if len(kinds) <= _MAX_CACHED_TOKENS else _read_tokens(kinds)


@lru_cache(maxsize=4096)
def _cached_tokens(kinds: tuple[str, ...]) -> TokenPlan:
    return _read_tokens(kinds)


def _read_tokens(kinds: tuple[str, ...]) -> TokenPlan:
    toks = tokens(zip(kinds, range(len(kinds)), strict=True))
    rejected_at = None
    try:
        placed = cast(list[Placed], _parser().parse(iter(toks), start="report"))
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        rejected_at = -1 if token is None or token.type == "$END" else int(token.value)
        placed = cast(list[Placed], _parser().parse(iter(toks), start="page"))
    return tuple((place, reason) for _, place, reason in placed), rejected_at


def read_plan(classes: Sequence[str]) -> Plan:
    """The places of a report whose blocks have these classes.

    Recovery: where ``report`` rejects the sequence (no paragraph of running text, a credit
    above the headline, a title line after a credit that opens a page with no headline), the
    lenient rule ``page`` reads it, and ``Plan.rejected`` says which block did not fit.
    """
    spans = runs(classes)
    token_places, rejected_at = read_tokens(tuple(kind for kind, _, _ in spans))
    places: list[str] = []
    reasons: list[tuple[int, str]] = []
    headline: list[int] = []
    lead = None
    for (_, first, n), (place, reason) in zip(spans, token_places, strict=True):
        if place == "lead":  # the first block of the run; the rest of it is body
            lead = first
            places += ["lead"] + ["body"] * (n - 1)
            continue
        places += [place] * n
        if reason is not None:
            reasons += [(i, reason) for i in range(first, first + n)]
        if place == "headline":
            headline.append(first)  # title lines are tokens of their own
    rejected = None
    if rejected_at == -1:
        rejected = "the document has no paragraph of running text"
    elif rejected_at is not None:
        kind, first, _ = spans[rejected_at]
        rejected = f"paragraph {first + 1} is {_CLASS_WORDS.get(kind, kind)} where a report has none"
    return Plan(tuple(places), tuple(reasons), tuple(headline), lead, rejected)
