"""Loading of the lexicon data files under ``parser/lexicons/``.

Lexicons are plain UTF-8 text a user can read and extend: one entry per line (or several
separated by spaces), ``#`` starts a comment. Each is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("parser").joinpath("lexicons").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """Entries of a word-list lexicon, split on whitespace."""
    return frozenset(w for line in _lines(name) for w in line.split())


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """Entries of a word-list lexicon in file order (duplicates removed)."""
    seen: dict[str, None] = {}
    for line in _lines(name):
        for w in line.split():
            seen.setdefault(w, None)
    return tuple(seen)


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon."""
    return tuple(tuple(c.strip() for c in line.split("\t")) for line in _lines(name))
