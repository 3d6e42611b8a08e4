"""Structure parser for Chinese official meeting reports and speech transcripts.

    >>> from parser import parse
    >>> report = parse(text)            # str or bytes, never raises on content
    >>> report.to_dict()["attendees"]

Heavy modules (lark, selectolax, OpenCC, jsonschema) are imported on first use, so importing
the package and ``parse --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .interfaces.batch import DEFAULT_TIMEOUT
from .model import SCHEMA_VERSION, ParseError, Report

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from os import PathLike

__all__ = [
    "DEFAULT_TIMEOUT", "SCHEMA_VERSION", "ParseError", "Report",
    "parse", "parse_file", "parse_many", "reports_to_rows", "schema", "validate",
]


def __getattr__(name: str) -> Any:
    """``__version__``, read from the package metadata on first use (importlib.metadata is slow to import)."""
    if name == "__version__":
        from .interfaces.version import package_version

        version = package_version()
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse(data: str | bytes, *, path: str | None = None, keep_script: bool = False,
          max_bytes: int | None = None) -> Report:
    """Parse one report. Odd input yields warnings in the Report, never an exception.

    ``max_bytes``: refuse longer input, in bytes (characters for ``str``); default 20,000,000."""
    from .interfaces.api import parse as _parse

    if max_bytes is None:
        return _parse(data, path=path, keep_script=keep_script)
    return _parse(data, path=path, keep_script=keep_script, max_bytes=max_bytes)


def parse_file(path: str | PathLike[str], *, keep_script: bool = False, max_bytes: int | None = None) -> Report:
    """Read and parse one file; raises OSError if it cannot be read, InputError if it is not text
    (binary, or larger than ``max_bytes``, default 20,000,000)."""
    from .interfaces.api import parse_file as _parse_file

    if max_bytes is None:
        return _parse_file(path, keep_script=keep_script)
    return _parse_file(path, keep_script=keep_script, max_bytes=max_bytes)


def parse_many(items: Iterable[str | PathLike[str]], *, jobs: int | None = None, keep_script: bool = False,
               max_bytes: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
               glob: str | Sequence[str] | None = None) -> Iterator[Report | ParseError]:
    """Parse many files in worker processes, yielding results in input order as they finish.

        >>> from parser import parse_many, ParseError
        >>> for result in parse_many(["a.txt", "reports/"], jobs=2):
        ...     if isinstance(result, ParseError):
        ...         print(result.path, result.type, result.message)
        ...     else:
        ...         print(result.source.path, result.headline)

    ``items``: paths (``str`` or ``os.PathLike``) of files and folders, exactly as the ``parse``
    command takes them: a folder gives the report files under it, in the command's order
    (``.txt``, ``.html``, ``.md`` … in any case, and files with no suffix; ``glob``: shell
    patterns such as ``"*.htm"`` for file names to take instead, as ``parse --glob``). Report
    text is not a path: give it to :func:`parse`. Passing ``bytes`` raises TypeError.

    Each file yields a ``Report``, or a ``ParseError(path, type, message)`` when it could not be
    read as a report at all (``not_found``, ``binary``, ``too_large``, ``timeout`` …); a folder
    with no report files yields one ``ParseError`` of type ``no_reports``.

    ``jobs``: worker processes (None or 0: one per core). ``timeout``: seconds one file may take
    (default 60); a file that takes longer yields a ``timeout`` error and its worker is replaced.
    The limit needs worker processes, so with it even ``jobs=1`` parses in one worker; with
    ``timeout=None`` (or 0), ``jobs=1`` and batches under 16 files parse in this process.
    The iterable is consumed only as fast as results are, so memory stays flat over any number
    of inputs. Workers fork from this process when it runs no other thread (Linux), else from a
    ``forkserver``, so a script calling this must guard its entry point with
    ``if __name__ == "__main__":``, as for any use of multiprocessing.
    """
    from .interfaces.batch import parse_many as _parse_many

    return _parse_many(items, jobs=jobs, keep_script=keep_script, max_bytes=max_bytes, timeout=timeout, glob=glob)


def reports_to_rows(reports: Iterable[Any], table: str) -> Iterator[dict[str, Any]]:
    """Tidy rows of ``table`` (``reports``, ``attendees``, ``directives`` or ``credits``) over
    reports (``Report`` objects or their JSON objects): one row per item, each starting with
    the report's ``path``, ``headline``, ``published``, ``event_date`` and ``event_name``.

        >>> import pandas as pd
        >>> pd.DataFrame(reports_to_rows(parse_many(["reports/"]), "attendees"))
    """
    from .interfaces.tables import reports_to_rows as _rows

    return _rows(reports, table)


def schema() -> dict[str, Any]:
    """The JSON Schema every output validates against."""
    from .assemble.contract import load_schema

    return load_schema()


def validate(obj: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError if ``obj`` does not follow the schema."""
    from .assemble.contract import validate as _validate

    _validate(obj)
