"""Run the parser on a copy of its lexicons with one row added, as a user would add it.

The lexicons are read once per process and everything built from them is memoised, so the
copy is swapped in and every memo of the package is cleared, before and after.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import parser.lexicon


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
    copy = tmp_path / "lexicons"
    shutil.copytree(parser.lexicon._LEXICONS, copy)
    with (copy / file).open("a", encoding="utf-8") as f:
        f.write("\n" + row + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parser.lexicon, "_LEXICONS", copy)
        _clear_memos()
        try:
            yield
        finally:
            _clear_memos()
    _clear_memos()
