"""The Lark grammars of ``grammar/``, built once per process over token streams.

Both grammars run over tokens the Python stages produce (classified blocks, title/name
tokens), not over raw characters, so the parsers are LALR and linear in the number of tokens.

Lark builds each grammar's LALR table; the parse itself runs over that table as plain data
(:func:`parse_table`, :func:`reductions`), which is cached on disk, so a process that finds
the cache never imports lark (a sixth of ``parse one.txt``'s start-up).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..resources import grammar_path

if TYPE_CHECKING:
    from lark import Lark, Token


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
    import hashlib
    import pickle

    import lark
    from lark import Lark

    text = grammar_text(name)
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
    _write_atomic(where, path, name, parser.save)
    return parser


_OPTIONS = "lalr;TokenListLexer;propagate_positions=False"


def _build(text: str) -> Lark:
    from lark import Lark

    from .token_lexer import TokenListLexer

    return Lark(text, parser="lalr", lexer=TokenListLexer, propagate_positions=False)


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>.lark``: what a cached table must have been built from."""
    return grammar_path(name).read_text(encoding="utf-8")


def _write_atomic(where: Path, path: Path, name: str, write: Callable[[IO[bytes]], object]) -> None:
    """``write(fh)`` into ``path``, under a temporary name first and then renamed, so parallel
    workers never read a half-written file; a cache that cannot be written is skipped."""
    import tempfile  # only when a table is written: ~4 ms of start-up otherwise

    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass


# --- the LALR table as plain data ---------------------------------------------------------------

# what a state does on a symbol: (shift?, state shifted to, length of the rule reduced, its name)
Action = tuple[bool, int, int, str]
_TABLE_FORMAT = 1


@dataclass(frozen=True)
class ParseTable:
    """A grammar's LALR table: per state, per terminal or rule name, its action."""

    states: dict[int, dict[str, Action]]
    start: int
    end: int


def _lark_stamp() -> str:
    """What identifies the installed lark (its place, size and time), found without importing it."""
    from importlib.util import find_spec

    spec = find_spec("lark")
    origin = spec.origin if spec is not None else None
    if not origin:
        return "no lark"
    st = os.stat(origin)
    return f"{origin}\0{st.st_size}\0{st.st_mtime_ns}"


@cache
def parse_table(name: str) -> ParseTable:
    """The LALR table lark builds for ``grammar/<name>.lark``, as plain data cached on disk.

    The cache file holds the grammar's text, the lark installation's stamp and the Python
    version beside the table, and is used only when all three match, so an edited grammar or
    an upgraded lark never meets a stale table. Reading it needs neither lark nor a hash
    library; anything wrong with it falls back to lark.
    """
    text = grammar_text(name)
    stamp = f"{_TABLE_FORMAT}\0{_lark_stamp()}\0{sys.version_info[:2]}"
    where = cache_dir()
    path = None
    if where is not None:
        path = where / f"{name}-{zlib.crc32(f'{text}{stamp}'.encode()):08x}.table"
        try:
            with open(path, "rb") as fh:
                saved = marshal.load(fh)
            if type(saved) is tuple and len(saved) == 5 and saved[:2] == (text, stamp):
                return ParseTable(*saved[2:])
        except (OSError, EOFError, ValueError, TypeError):
            pass
    table = _unpack(grammar(name))
    if where is not None and path is not None:
        payload = (text, stamp, table.states, table.start, table.end)
        _write_atomic(where, path, name, lambda fh: marshal.dump(payload, fh))
    return table


def _unpack(parser: Lark) -> ParseTable:
    """Lark's parse table with its Shift/Reduce objects turned into plain tuples."""
    from lark.parsers.lalr_analysis import Shift

    conf = parser.parser.parser.parser.parse_table
    states: dict[int, dict[str, Action]] = {}
    for state, row in conf.states.items():  # plain int and str (lark's names are str subclasses)
        states[int(state)] = {
            str(sym): (True, int(arg), 0, "") if action is Shift
            else (False, -1, len(arg.expansion), str(arg.origin.name))
            for sym, (action, arg) in row.items()
        }
    return ParseTable(states, int(conf.start_states["start"]), int(conf.end_states["start"]))


def reductions(table: ParseTable, symbols: Sequence[str]) -> list[tuple[str, int, int]] | None:
    """Every rule the LALR parse of ``symbols`` reduces, as (rule, first token, end token), in
    the order reduced; None when the grammar rejects the sequence.

    This is lark's LALR loop (``ParserState.feed_token``) over the symbols alone: the same
    shifts and reductions as ``Lark.parse``, but where lark builds a tree node this keeps only
    the tokens the node covers (from where it starts to the next token to be read).
    """
    states_of = table.states
    states = [table.start]
    starts: list[int] = []
    out: list[tuple[str, int, int]] = []
    n = len(symbols)
    for i in range(n + 1):
        sym = symbols[i] if i < n else "$END"
        while True:
            act = states_of[states[-1]].get(sym)
            if act is None:
                return None
            shift, target, size, name = act
            if shift:
                states.append(target)
                starts.append(i)
                break
            if size:
                start = starts[-size]
                del states[-size:]
                del starts[-size:]
            else:
                start = i
            out.append((name, start, i))
            states.append(states_of[states[-1]][name][1])
            starts.append(start)
            if i == n and states[-1] == table.end:
                return out
    raise AssertionError("unreachable: $END ends in the end state or is rejected")  # pragma: no cover


def tokens(pairs: Sequence[tuple[str, Any]]) -> list[Token]:
    """Lark tokens from (type, value) pairs; the value rides along for the transformer."""
    from lark import Token

    # positions passed to the constructor, not set afterwards: one call per token instead of four
    return [Token(kind, value, i, 1, i + 1) for i, (kind, value) in enumerate(pairs)]
