"""Regular expressions compiled once per machine, not once per process.

``regex`` parses a pattern in Python: a few hundred microseconds for a short one, milliseconds
for a lexicon's joined rows. The parser compiles some 120 patterns before its first report is
out, which is a third of the start-up of ``parse one.txt``. A compiled ``regex`` pattern
pickles as its compiled code (``regex`` registers that with :mod:`copyreg`), and unpickling it
costs a small fraction of compiling it. So every stage compiles through :func:`compile`, which
keeps the patterns a process compiled in a cache file and reads them back in the next process.

The cache is a folder of the user's own: ``$MRP_PATTERN_CACHE`` when set, else
``$XDG_CACHE_HOME/meeting-report-parser`` (``~/.cache/meeting-report-parser``; on Windows
``%LOCALAPPDATA%\\meeting-report-parser``). One file per Python and ``regex`` version holds the
patterns, keyed by their full text, flags and named lists, so an edited lexicon row is a new key
and is never served stale. ``MRP_PATTERN_CACHE=off`` turns the cache off. A cache that cannot be
read (missing, corrupt, from another version, writable by other users) is ignored; one that
cannot be written is left alone: the patterns are then compiled as usual, and parsing gives the
same output either way.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, AnyStr

import regex

CACHE_ENV = "MRP_PATTERN_CACHE"  # a folder for the cache, or "off"
OFF = "off"
# the parser compiles some 200 patterns over every kind of input (192 over the 3,119 files of the
# corpora); past this many entries the file holds patterns of edited lexicons no longer in use,
# and only those the process used are kept (a larger file would cost its reading at every start)
MAX_ENTRIES = 1000

Key = tuple[str | bytes, int, bool, tuple[tuple[str, frozenset[Any]], ...]]


def cache_dir() -> Path | None:
    """The folder of the cache, or None when it is turned off."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() == OFF:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.environ.get("LOCALAPPDATA", "").strip()
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home folder (a service account): no cache
            return None
    return Path(base) / "meeting-report-parser"


def cache_file(folder: Path) -> Path:
    """The cache file for this Python and this ``regex``: compiled code is only valid for them."""
    python = sys.implementation.cache_tag or f"py{sys.version_info[0]}{sys.version_info[1]}"
    return folder / f"patterns-{python}-regex{regex.__version__}.pickle"


def _trusted(path: Path) -> bool:
    """Whether the file may be unpickled: owned by this user and writable by no one else (a pickle
    runs code when read, so a file another user could have written is never read). Where files
    carry no owner and mode (Windows), the folder is the user's own profile's."""
    info = path.stat()
    if os.name != "posix":
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path) -> dict[Key, regex.Pattern[Any]]:
    """The patterns of a cache file; empty when there is none or it cannot be trusted or read."""
    try:
        if not _trusted(path):
            return {}
        found = pickle.loads(path.read_bytes())
    except Exception:  # a missing, truncated or foreign file is no cache
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: pattern for key, pattern in found.items()
            if isinstance(pattern, regex.Pattern) and isinstance(key, tuple) and key[:1] == (pattern.pattern,)}


class PatternCache:
    """The patterns of one cache file: those read from it, and those compiled since."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known = _read(path) if path is not None else {}
        self.added: dict[Key, regex.Pattern[Any]] = {}
        self.used: set[Key] = set()

    def get(self, key: Key) -> regex.Pattern[Any] | None:
        found = self.known.get(key)
        if found is None:
            found = self.added.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def add(self, key: Key, pattern: regex.Pattern[Any]) -> None:
        if not self.added and self.path is not None:
            atexit.register(self.save)
        self.added[key] = pattern
        self.used.add(key)

    def save(self) -> None:
        """Writes what this process compiled beside what the file holds (another process may have
        added to it meanwhile), through a temporary file renamed over it, so a reader never sees
        half a file."""
        if self.path is None or not self.added:
            return
        merged = {**_read(self.path), **self.known, **self.added}
        if len(merged) > MAX_ENTRIES:
            merged = {k: v for k, v in merged.items() if k in self.used}
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".patterns-")  # readable by this user only
        except OSError:  # a read-only or full disk: the next process compiles again
            return
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(merged, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            return
        self.known, self.added = merged, {}


_store: PatternCache | None = None


def store() -> PatternCache:
    """The process's cache, read on first use."""
    global _store
    if _store is None:
        folder = cache_dir()
        _store = PatternCache(cache_file(folder) if folder is not None else None)
    return _store


def key_of(pattern: AnyStr, flags: int, ignore_unused: bool, lists: dict[str, frozenset[AnyStr]]) -> Key:
    """What a compiled pattern is filed under: everything ``regex.compile`` reads (a named list
    as the set of its words, which is all ``regex`` makes of it)."""
    return (pattern, int(flags), ignore_unused, tuple(sorted(lists.items())))


def compile(pattern: AnyStr, flags: int = 0, ignore_unused: bool = False,
            **named_lists: Iterable[AnyStr]) -> regex.Pattern[AnyStr]:
    """``regex.compile(pattern, flags, ignore_unused, **named_lists)``, read from the cache when an
    earlier process compiled the same pattern with the same flags and lists."""
    lists = {name: frozenset(words) for name, words in named_lists.items()}
    key = key_of(pattern, flags, ignore_unused, lists)
    cache = store()
    found: regex.Pattern[AnyStr] | None = cache.get(key)
    if found is None:
        found = regex.compile(pattern, flags, ignore_unused=ignore_unused, **lists)
        cache.add(key, found)
    return found
