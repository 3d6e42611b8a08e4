"""The Lark grammars of ``grammar/``, built once per process over token streams.

Both grammars run over tokens the Python stages produce (classified blocks, title/name
tokens), not over raw characters, so the parsers are LALR and linear in the number of tokens.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
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


def cache_dir() -> Path | None:
    """Where compiled parse tables are kept: ``$MRP_CACHE_DIR``, else ``~/.cache/meeting-report-parser``.

    ``MRP_CACHE_DIR=`` (empty) turns the cache off.
    """
    env = os.environ.get("MRP_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "meeting-report-parser"


@cache
def grammar(name: str) -> Lark:
    """The LALR parser for ``grammar/<name>.lark``, its parse table cached on disk.

    Building the LALR table takes ~20 ms, loading it from the cache ~2 ms. The cache file
    is named by a hash of the grammar, the options and the lark and Python versions, so an
    edited grammar never meets a stale table; it is written under a temporary name and
    renamed, so parallel workers never read a half-written file. Any problem with the cache
    falls back to building the table in memory.
    """
    import pickle
    import sys

    import lark

    text = (grammar_dir() / f"{name}.lark").read_text(encoding="utf-8")
    where = cache_dir()
    if where is None:
        return _build(text)
    key = hashlib.sha256(f"{text}\0{_OPTIONS}\0{lark.__version__}\0{sys.version_info[:2]}".encode()).hexdigest()
    path = where / f"{name}-{key[:24]}.lark-table"
    try:
        with open(path, "rb") as fh:
            return Lark.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, KeyError, TypeError):
        pass
    parser = _build(text)
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                parser.save(fh)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass
    return parser


_OPTIONS = "lalr;TokenListLexer;propagate_positions=False"


def _build(text: str) -> Lark:
    return Lark(text, parser="lalr", lexer=TokenListLexer, propagate_positions=False)


def tokens(pairs: Sequence[tuple[str, Any]]) -> list[Token]:
    """Lark tokens from (type, value) pairs; the value rides along for the transformer."""
    # positions passed to the constructor, not set afterwards: one call per token instead of four
    return [Token(kind, value, i, 1, i + 1) for i, (kind, value) in enumerate(pairs)]
