"""``grammar/attendance.lark`` read into a roster plan: which tokens of a roster are one
person's titles, name and label, or an unnamed group's titles.

:class:`RosterPlan` is the grammar's transformer, applied as the parser reduces. The grammar
looks only at token kinds, so :func:`read_roster` takes the kind letters of a roster
(``TNSN…``: title, name, separator, 等) and is cached by them in roster.py.
"""

from __future__ import annotations

from functools import cache
from typing import cast

from lark import Lark, Token, Transformer, UnexpectedInput

from ..layout.grammars import load, tokens

# Per part of a roster: the token indexes of its titles, of its name (-1 for titles no name
# follows) and of its label's title (-1 for a bare 等, None for no label).
Part = tuple[tuple[int, ...], int, "int | None"]
Plan = tuple[Part, ...]

KIND_OF_LETTER = {"T": "TITLE", "N": "NAME", "S": "SEP", "D": "DENG"}


class _Label:
    """A label after 等: the index of its title, or -1 for a bare 等."""

    __slots__ = ("title",)

    def __init__(self, title: int) -> None:
        self.title = title


class RosterPlan(Transformer[Token, Plan]):
    """The tree of ``attendance.lark`` as a plan, rule by rule."""

    def label(self, children: list[Token]) -> _Label:
        return _Label(next((t.value for t in children if t.type == "TITLE"), -1))

    def titles(self, children: list[Token]) -> Part:
        return (tuple(t.value for t in children), -1, None)

    def person(self, children: list[Token | _Label]) -> Part:
        label = children[-1] if isinstance(children[-1], _Label) else None
        toks = [t for t in children if isinstance(t, Token)]
        return (tuple(t.value for t in toks if t.type == "TITLE"),
                next(t.value for t in toks if t.type == "NAME"),
                None if label is None else label.title)

    def roster(self, children: list[Token | Part]) -> Plan:
        return tuple(part for part in children if type(part) is tuple)

    def start(self, children: list[Plan | Token]) -> Plan:
        return children[0]  # type: ignore[return-value]


@cache
def _parser() -> Lark:
    return load("attendance", RosterPlan())


def read_roster(kinds: str) -> Plan | None:
    """The grammar's plan of a roster of these token kinds, followed by its role verb, or None
    when the kinds do not form a roster."""
    toks = tokens([(KIND_OF_LETTER[c], i) for i, c in enumerate(kinds)] + [("VERB", len(kinds))])
    try:
        return cast(Plan, _parser().parse(iter(toks)))
    except UnexpectedInput:
        return None
