"""``grammar/document.lark`` read into places: which block is headline, lead, body, byline or
boilerplate, from the sequence of block classes alone.

:class:`Places` is the grammar's transformer, applied as the parser reduces (no tree is built).
:func:`read_plan` parses with the strict rule ``report`` and, where the grammar rejects the
sequence, recovers with the lenient rule ``page``, saying what it rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from .grammars import load, tokens

# (block index, place, default reason): one per block; the reason is used only where the block
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


class Places(Transformer[Token, Plan]):
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

    def report(self, parts: list[list[Placed]]) -> Plan:
        placed = _flat(parts)  # every block once, in block order
        return Plan(
            tuple(place for _, place, _ in placed),
            tuple((i, reason) for i, _, reason in placed if reason is not None),
            tuple(i for i, place, _ in placed if place == "headline"),
            next((i for i, place, _ in placed if place == "lead"), None),
        )

    page = report


@cache
def _parser() -> Lark:
    return load("document", Places(), start=("report", "page"))


def read_plan(classes: Sequence[str]) -> Plan:
    """The places of a report whose blocks have these classes.

    Recovery: where ``report`` rejects the sequence (no paragraph of running text, a credit
    above the headline, a title line after a credit that opens a page with no headline), the
    lenient rule ``page`` reads it, and ``Plan.rejected`` says which block did not fit.
    """
    toks = tokens(zip(classes, range(len(classes)), strict=True))
    try:
        return cast(Plan, _parser().parse(iter(toks), start="report"))
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        if token is None or token.type == "$END":
            rejected = "the document has no paragraph of running text"
        else:
            what = _CLASS_WORDS.get(token.type, token.type)
            rejected = f"paragraph {token.value + 1} is {what} where a report has none"
    lenient = cast(Plan, _parser().parse(iter(toks), start="page"))
    return Plan(lenient.places, lenient.reasons, lenient.headline_blocks, lenient.lead_index, rejected)
