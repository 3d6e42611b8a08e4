"""The library calls behind ``parser.parse`` and ``parser.parse_file``."""

from __future__ import annotations

import os
from os import PathLike

from ..errors import InputError, describe_failure
from ..model import Report, SourceInfo, Warning
from ..pipeline import DEFAULT_MAX_BYTES, parse_input


def empty_report(path: str | None, code: str, message: str) -> Report:
    """A report with nothing in it and the reason why, for input that could not be read."""
    return Report(
        kind="other",
        headline=None,
        lead=None,
        attendees=[],
        directives=[],
        byline=[],
        source=SourceInfo(path=path, format="unknown", encoding="unknown", script="unknown"),
        warnings=[Warning(code, message)],
    )


def parse(data: str | bytes, *, path: str | None = None, keep_script: bool = False,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Parse one report; input that is not a report gives an empty Report with a warning.

    Never raises on content: a parser bug, a recursion or memory limit hit on hostile input
    also gives an empty Report whose warning names the problem (``internal_error``,
    ``too_deep``, ``too_large``), so a pipeline can go on and report it.
    """
    try:
        return parse_input(data, path=path, keep_script=keep_script, max_bytes=max_bytes)
    except Exception as exc:  # never raises on content: the failure becomes a warning
        return empty_report(path, *describe_failure(exc, path))


def read_bytes(path: str | PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, refusing directories, FIFOs, sockets, devices and files above the limit.

    The file is opened without blocking and checked on the open descriptor, so a FIFO (or a
    path swapped for one after a check) can never hang the read; at most ``max_bytes + 1``
    bytes are read, so a file that grows or lies about its size is still refused.
    """
    import stat

    name = os.fspath(path)
    st = os.stat(name)  # follows symlinks; a symlink loop raises OSError (ELOOP)
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is_directory", f"{name} is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not_a_file", f"{name} is not a regular file (a FIFO, socket or device)")
    if st.st_size > max_bytes:
        raise InputError("too_large", f"the file has {st.st_size:,} bytes, above the limit of {max_bytes:,} "
                         "(raise it with --max-bytes)")
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise InputError("not_a_file", f"{name} is not a regular file (a FIFO, socket or device)")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("too_large", f"the file has more than {max_bytes:,} bytes, above the limit "
                         "(raise it with --max-bytes)")
    return data


def parse_file(path: str | PathLike[str], *, keep_script: bool = False,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Read and parse one file; raises OSError or InputError when the file cannot be read as text."""
    data = read_bytes(path, max_bytes)
    return parse_input(data, path=os.fspath(path), keep_script=keep_script, max_bytes=max_bytes)
