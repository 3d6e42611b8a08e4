"""Many reports at once: worker processes, results in input order, streaming, a time limit per file.

``run`` is the engine behind ``parse DIR --jsonl`` and ``parse_many``:

- results come out in input order, each as soon as it and all before it are done;
- memory is flat however long the batch: at most ``jobs × WINDOW`` chunks of ``CHUNK`` inputs
  are read ahead of the results taken, and the input iterable is read only as fast as results
  are consumed;
- workers are separate processes (:mod:`parser.interfaces.workers`), each parsing a chunk and answering
  file by file with finished JSON text (CLI) or Report objects (library);
- with a time limit (``timeout``), a file that takes longer gets an error object of type
  ``timeout`` and its worker is replaced; a worker that dies (a crash in a C extension, the OOM
  killer) gets its file re-run once, and the file that kills a worker twice gets ``crashed``;
  no other input is lost or reordered;
- without a time limit, ``jobs=1`` and batches of fewer than ``MIN_PARALLEL`` inputs run in this
  process (starting workers costs more than it saves); with one, they run in one worker, the
  only way to stop a file stuck in C code.

Which files a folder gives is :mod:`parser.interfaces.inputs`' business. Nothing heavy is imported here at
start-up, so ``parse --help`` stays fast.
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from .inputs import REPORT_SUFFIXES, Refusal, iter_inputs, iter_paths

if TYPE_CHECKING:
    from ..model import ParseError, Report

__all__ = ["DEFAULT_TIMEOUT", "REPORT_SUFFIXES", "Outcome", "iter_paths", "parse_many", "parse_one", "run"]

CHUNK = 32  # inputs per task sent to a worker (~50 ms of work: IPC cost is noise)
WINDOW = 4  # chunks read ahead per worker
MIN_PARALLEL = 16  # smaller batches run in this process (or one worker, with a time limit)
# seconds one file may take in a batch: 10× the worst shape measured at the default --max-bytes
# would be more, but no real report takes a second; a minute says "stuck", not "large"
DEFAULT_TIMEOUT = 60.0


@dataclass
class Outcome:
    """One input's result: the JSON text of its report or error object (CLI), or the objects."""

    index: int
    path: str | None
    json_text: str
    ok: bool
    report: Any = None  # Report or ParseError when the caller asked for objects


def error_object(path: str | None, code: str, message: str) -> dict[str, Any]:
    """The JSON line for an input that could not be parsed."""
    return {"source": {"path": path}, "error": {"type": code, "message": message}}


def parse_object(path: str | None, data: bytes | str | Refusal | None, keep_script: bool = False,
                 max_bytes: int | None = None) -> Report | ParseError:
    """Parse one path (or given data) to a Report, or a ParseError saying why not; never raises.

    ``data`` may be a :class:`~parser.interfaces.inputs.Refusal`: the input is known to fail (a folder with
    no report files) and gets its error object here, like any other input that fails."""
    from ..errors import InputError, describe_failure
    from ..model import ParseError
    from ..pipeline import DEFAULT_MAX_BYTES, parse_input
    from .api import read_bytes

    limit = max_bytes or DEFAULT_MAX_BYTES
    raw_path, path = path, _printable(path)  # read the file by its name, show the name as UTF-8
    try:
        if isinstance(data, Refusal):
            raise InputError(data.code, data.message)
        if data is None:
            if raw_path is None:
                raise InputError("no_input", "neither a path nor data was given")
            data = read_bytes(raw_path, limit)
        return parse_input(data, path=path, keep_script=keep_script, max_bytes=limit)
    except Exception as exc:  # one bad input never stops a batch
        code, message = describe_failure(exc, path)
        return ParseError(path, code, _printable(message) or "")


def _printable(text: str | None) -> str | None:
    """``text`` that encodes as UTF-8: a file name with bytes that are not UTF-8 (``\udcff`` from
    ``os.fsdecode``) shows them as ``\xff``, so the JSON line can always be written."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def parse_one(path: str | None, data: bytes | str | Refusal | None, keep_script: bool = False,
              max_bytes: int | None = None, indent: int | None = None) -> tuple[str, bool]:
    """Parse one path (or given data) to JSON text, and whether it parsed; never raises.

    This is the unit of work of the CLI, of the worker processes and of the cluster recipes
    (``parser.interfaces.dask_recipe``): the same function everywhere, so every route gives the same lines.
    """
    from ..model import ParseError

    result = parse_object(path, data, keep_script, max_bytes)
    if isinstance(result, ParseError):
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=indent), False
    return result.to_json(indent=indent), True


_Task = tuple[int, "str | None", "bytes | str | Refusal | None"]


@dataclass(frozen=True)
class _Settings:
    keep_script: bool
    max_bytes: int | None
    indent: int | None
    objects: bool  # return Report / ParseError objects instead of JSON text


def _work(task: _Task, s: _Settings) -> Outcome:
    index, path, data = task
    if s.objects:
        from ..model import ParseError

        obj = parse_object(path, data, s.keep_script, s.max_bytes)
        return Outcome(index, path, "", not isinstance(obj, ParseError), obj)
    text, ok = parse_one(path, data, s.keep_script, s.max_bytes, s.indent)
    return Outcome(index, path, text, ok)


def _failed(task: _Task, code: str, message: str, s: _Settings) -> Outcome:
    """The outcome of an input whose worker was stopped (``timeout``) or died on it (``crashed``)."""
    index, path, _ = task
    path = _printable(path)
    if s.objects:
        from ..model import ParseError

        return Outcome(index, path, "", False, ParseError(path, code, message))
    return Outcome(index, path, json.dumps(error_object(path, code, message), ensure_ascii=False,
                                           indent=s.indent), False)


def run(items: Iterable[tuple[str | None, bytes | str | Refusal | None]], *, jobs: int | None = None,
        keep_script: bool = False, max_bytes: int | None = None, indent: int | None = None,
        objects: bool = False, chunk: int = CHUNK, timeout: float | None = None) -> Generator[Outcome, None, None]:
    """Parse (path, data) pairs, yielding outcomes in input order as they finish.

    ``jobs``: worker processes (None or 0: one per core; 1: one). ``timeout``: seconds one input
    may take (None or 0: no limit, and then ``jobs=1`` and small batches run in this process).
    ``objects``: outcomes carry Report / ParseError objects instead of JSON text.
    """
    settings = _Settings(keep_script, max_bytes, indent, objects)
    tasks: Iterator[_Task] = ((i, p, d) for i, (p, d) in enumerate(items))
    jobs = jobs or os.cpu_count() or 1
    limited = timeout is not None and timeout > 0
    if jobs > 1:
        head = list(islice(tasks, MIN_PARALLEL))
        if len(head) < MIN_PARALLEL:
            jobs = 1
        tasks = _chain(head, tasks)
    if jobs <= 1 and not limited:
        for task in tasks:
            yield _work(task, settings)
        return
    from .workers import run_in_workers

    yield from run_in_workers(tasks, partial(_work, s=settings), partial(_failed, s=settings),
                              jobs=jobs, chunk=chunk, window=WINDOW, timeout=timeout if limited else None)


def _chain(head: list[_Task], rest: Iterator[_Task]) -> Iterator[_Task]:
    yield from head
    yield from rest


def parse_many(items: Iterable[str | os.PathLike[str]], *, jobs: int | None = None, keep_script: bool = False,
               max_bytes: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
               glob: str | Sequence[str] | None = None) -> Iterator[Report | ParseError]:
    """Reports for the files named and the report files under the folders named, in order.

    ``items`` are paths only (``str`` or ``os.PathLike``); report text goes to ``parser.parse``.
    Folders are walked as ``parse DIR`` walks them (:mod:`parser.interfaces.inputs`, ``glob`` as ``--glob``).
    An input that cannot be parsed at all (missing, unreadable, binary, too large, over the time
    limit, a folder with no report files) yields a ``ParseError`` in its place.
    """
    if isinstance(items, (str, bytes, os.PathLike)):  # would be read a character at a time
        raise TypeError("parse_many takes a list of paths; for one file use parse_file, for report text parse")
    patterns = [glob] if isinstance(glob, str) else glob
    outcomes = run(iter_inputs(_paths(items), patterns), jobs=jobs, keep_script=keep_script, max_bytes=max_bytes,
                   objects=True, timeout=timeout)
    return _reports(outcomes)


def _reports(outcomes: Generator[Outcome, None, None]) -> Iterator[Report | ParseError]:
    try:
        for outcome in outcomes:
            yield outcome.report
    finally:
        outcomes.close()  # a caller that stops early stops the workers now, not when collected


def _paths(items: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    for item in items:
        if isinstance(item, os.PathLike):
            item = os.fspath(item)
        if not isinstance(item, str):
            hint = "; parse report text with parser.parse" if isinstance(item, (bytes, bytearray)) else ""
            raise TypeError(f"parse_many takes paths (str or os.PathLike), not {type(item).__name__}{hint}")
        yield item
