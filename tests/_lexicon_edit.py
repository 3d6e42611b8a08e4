"""Run the parser with one lexicon row added, as a user would add it: in a folder of their own
named by ``MRP_LEXICONS`` (parser/resources.py), without touching the package.

The lexicons are read once per process and everything built from them is memoised, so every
memo of the package is cleared before and after.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from parser.resources import USER_LEXICONS


def _clear_memos() -> None:
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "parser" or name.startswith("parser.")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()


@contextmanager
def lexicon_with_row(tmp_path: Path, file: str, row: str) -> Iterator[None]:
    """The parser's lexicons, with ``row`` (one line) appended to ``file``, for the duration."""
    folder = tmp_path / "user-lexicons"
    folder.mkdir(exist_ok=True)
    (folder / file).write_text(row + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(USER_LEXICONS, str(folder))
        _clear_memos()
        try:
            yield
        finally:
            _clear_memos()
    _clear_memos()
