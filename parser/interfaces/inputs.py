"""Which files a batch reads: the paths named, and the report files found under the folders named.

One walk for the ``parse`` command and for ``parser.parse_many``, so a folder gives the same
files, in the same order, whichever way it is parsed. What a walk takes:

- by default, files whose name ends in one of :data:`REPORT_SUFFIXES` (in any case: ``.TXT``
  and ``.Html`` count) and files with no suffix at all;
- with patterns (``parse --glob '*.htm'``, ``parse_many(..., glob=["*.htm"])``), the files whose
  name matches one of them instead (shell wildcards ``*``, ``?``, ``[…]``, matched against the
  file name only, case ignored);
- never hidden files or folders (names starting with ``.``), and never folders reached through
  a symbolic link, so a link loop cannot trap the walk.

A folder named on the command line that gives no file at all is not silently skipped: it
becomes an input of its own that fails with ``no_reports`` (or ``unreadable`` when it cannot be
listed), so the user hears of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

REPORT_SUFFIXES = (
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".xml", ".jsp", ".asp", ".aspx", ".php",
)
_SUFFIX_SET = frozenset(REPORT_SUFFIXES)

# the sentence the help, the README and the no_reports message use for the default rule
DEFAULT_RULE = f"files ending in {' '.join(REPORT_SUFFIXES)} (any case) or with no suffix"


@dataclass(frozen=True)
class Refusal:
    """An input known to fail before anything is read (a folder with no report files): the batch
    gives it an error object in its place, like any input that cannot be read."""

    code: str
    message: str


def takes(name: str, patterns: Sequence[str] | None = None) -> bool:
    """Whether a folder walk takes a file called ``name`` (a name, not a path)."""
    if name.startswith("."):
        return False
    if patterns:
        folded = name.lower()
        return any(fnmatchcase(folded, p.lower()) for p in patterns)
    suffix = os.path.splitext(name)[1].lower()
    return not suffix or suffix in _SUFFIX_SET


def iter_inputs(args: Iterable[str], patterns: Sequence[str] | None = None) -> Iterator[tuple[str, Refusal | None]]:
    """``(path, None)`` for every file to read, in a stable order, and ``(folder, Refusal)`` in place
    of a folder named in ``args`` that gives no file.

    Paths that are not folders (``-`` for standard input included) come through as given, even
    when missing: reading them says what is wrong. Folders are walked iteratively (a tree 1,000
    folders deep does not hit the recursion limit) in ``os.walk``'s order: a folder's files in
    name order, then its subfolders in name order; subfolders that cannot be listed are skipped.
    """
    for arg in args:
        if arg == "-" or not os.path.isdir(arg):
            yield arg, None
            continue
        found = False
        try:
            for path in _walk(arg, patterns):
                found = True
                yield path, None
        except OSError as exc:  # the folder named itself cannot be listed
            yield arg, Refusal("unreadable", f"{arg}: cannot list this folder: {exc.strerror or exc}")
            continue
        if not found:
            yield arg, Refusal("no_reports", no_reports_message(arg, patterns))


def iter_paths(args: Iterable[str], patterns: Sequence[str] | None = None) -> Iterator[str]:
    """The files :func:`iter_inputs` would read (folders that give none are left out)."""
    for path, refusal in iter_inputs(args, patterns):
        if refusal is None:
            yield path


def no_reports_message(folder: str, patterns: Sequence[str] | None = None) -> str:
    """Why a folder gave nothing, and what the walk looked for."""
    if patterns:
        wanted = "files matching " + " or ".join(repr(p) for p in patterns)
        return f"{folder}: no files to parse in this folder (looked for {wanted})"
    return (f"{folder}: no report files in this folder (looked for {DEFAULT_RULE}; "
            "--glob / glob= chooses other files)")


def _walk(top: str, patterns: Sequence[str] | None) -> Iterator[str]:
    """The files under ``top`` a walk takes; OSError only when ``top`` itself cannot be listed."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
            if root is top:
                raise
            continue
        dirs, files = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                files.append(entry.name)
            elif not entry.name.startswith(".") and not entry.is_symlink():
                dirs.append(entry.name)
        for name in sorted(files):
            if takes(name, patterns):
                yield os.path.join(root, name)
        stack.extend(os.path.join(root, d) for d in sorted(dirs, reverse=True))
