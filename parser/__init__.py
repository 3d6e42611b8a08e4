"""Structure parser for Chinese official meeting reports and speech transcripts.

    >>> from parser import parse
    >>> report = parse(text)            # str or bytes, never raises on content
    >>> report.to_dict()["attendees"]

Heavy modules (lark, selectolax, OpenCC, jsonschema) are imported on first use, so importing
the package and ``parse --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import SCHEMA_VERSION, ParseError, Report

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from os import PathLike

__all__ = ["SCHEMA_VERSION", "ParseError", "Report", "parse", "parse_file", "parse_many", "reports_to_rows", "schema",
           "validate"]


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


def parse_many(items: Iterable[Any], *, jobs: int | None = None, keep_script: bool = False,
               max_bytes: int | None = None) -> Iterator[Report | ParseError]:
    """Parse many reports in worker processes, yielding results in input order as they finish.

        >>> from parser import parse_many, ParseError
        >>> for result in parse_many(["a.txt", "b.html", "全文……"], jobs=2):
        ...     if isinstance(result, ParseError):
        ...         print(result.path, result.type, result.message)
        ...     else:
        ...         print(result.headline)

    ``items``: paths (``os.PathLike``, or a one-line string naming an existing file) and
    report texts (other ``str``, or ``bytes``), mixed freely. Each yields a ``Report``, or a
    ``ParseError(path, type, message)`` when the input could not be read as a report at all,
    so the n-th result belongs to the n-th item. ``jobs``: worker processes (None or 0: one
    per core; 1: parse in this process). The iterable is consumed only as fast as results are,
    so memory stays flat over any number of inputs; batches under 16 items run in-process.
    Workers fork from this process when it runs no other thread (Linux), else from a
    ``forkserver``, so a script calling this with ``jobs > 1`` must guard its entry point
    with ``if __name__ == "__main__":``, as for any use of multiprocessing.
    """
    from .interfaces.batch import parse_many as _parse_many

    return _parse_many(items, jobs=jobs, keep_script=keep_script, max_bytes=max_bytes)


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
