"""The Lark grammars of ``grammar/``, loaded through lark's public API, over token streams.

Every grammar runs over tokens the Python stages already made (classified blocks, roster
pieces, numbering markers), never over raw characters, so each is LALR and linear in the
number of tokens. A grammar is loaded once per process with ``Lark.open(…, parser="lalr",
cache=True)``: lark keeps the analysed grammar in a cache file of its own (in the temporary
directory, named by a hash of the grammar, the options, lark's and Python's versions), so an
edited grammar is never read from a stale cache. ``strict=True`` makes lark refuse a grammar
with any shift/reduce conflict, so every choice a grammar makes is written in it, not left to
the parser's defaults.

This module is never compiled (pyproject.toml lists the compiled ones): the lexer and the
transformers subclass lark's classes, which compiled modules cannot.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.lexer import Lexer

from ..resources import grammar_path


class TokenListLexer(Lexer):
    """Feeds a sequence of tokens made beforehand to the parser (lark's custom-lexer interface).

    Given an iterator, it goes on where it stopped, which lets a parse resumed after an error
    (``InteractiveParser.resume_parse``) carry on with the next token.
    """

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        yield from data


def load(name: str, transformer: Transformer[Any, Any] | None = None, start: str | Sequence[str] = "start") -> Lark:
    """The LALR parser of ``grammar/<name>.lark``; with ``transformer``, the parse returns what
    the transformer makes of the tree (applied rule by rule as the parser reduces, no tree built)."""
    return Lark.open(str(grammar_path(name)), parser="lalr", lexer=TokenListLexer, transformer=transformer,
                     start=list(start) if not isinstance(start, str) else start, cache=True, strict=True)


@cache
def grammar(name: str, start: str | tuple[str, ...] = "start") -> Lark:
    """``grammar/<name>.lark`` without a transformer: its parse tree (tests, and reading a grammar)."""
    return load(name, start=start)


def tokens(pairs: Iterable[tuple[str, Any]]) -> list[Token]:
    """Lark tokens from (type, value) pairs; the value (an index) rides along for the transformer."""
    # positions passed to the constructor, not set afterwards: one call per token instead of four
    return [Token(kind, value, i, 1, i + 1) for i, (kind, value) in enumerate(pairs)]
