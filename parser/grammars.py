"""The Lark grammars of ``grammar/``, built once per process over token streams.

Both grammars run over tokens the Python stages produce (classified blocks, title/name
tokens), not over raw characters, so the parsers are LALR and linear in the number of tokens.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from lark import Lark, Token
from lark.lexer import Lexer


class TokenListLexer(Lexer):
    """Feeds an already tokenised sequence to the parser."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        yield from data


def grammar_dir() -> Path:
    """``grammar/`` inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammar", here.parent / "grammar"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("grammar/ not found beside the parser package")


@cache
def grammar(name: str) -> Lark:
    """The LALR parser for ``grammar/<name>.lark``."""
    text = (grammar_dir() / f"{name}.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", lexer=TokenListLexer, propagate_positions=False)


def tokens(pairs: Sequence[tuple[str, Any]]) -> list[Token]:
    """Lark tokens from (type, value) pairs; the value rides along for the transformer."""
    out = []
    for i, (kind, value) in enumerate(pairs):
        tok = Token(kind, value)
        tok.line, tok.column, tok.start_pos = 1, i + 1, i
        out.append(tok)
    return out
