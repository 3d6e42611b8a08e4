"""A lark ``Lexer`` for grammars over tokens the Python stages already made.

A module of its own, imported only when lark builds or loads a grammar: ``Lark.save``
pickles the lexer class by name, so it must live at module level, and the parse itself
(:mod:`parser.layout.grammars`) runs without lark.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer


class TokenListLexer(Lexer):
    """Feeds an already tokenised sequence to the parser."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        yield from data
