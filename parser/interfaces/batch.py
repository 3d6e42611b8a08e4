"""Many reports at once: file discovery, worker processes, results in input order, streaming.

``run`` is the engine behind ``parse DIR --jsonl`` and ``parse_many``:

- results come out in input order, each as soon as it and all before it are done;
- memory is flat however long the batch: at most ``jobs × WINDOW`` chunks of ``CHUNK`` inputs
  are in flight, and the input iterable is read only as fast as results are consumed
  (``Pool.imap`` would read the whole input ahead and queue every result);
- workers are separate processes, each parsing a whole chunk and sending back finished JSON
  text (CLI) or Report objects (library). On Linux, when this process runs no other thread
  (the CLI), it warms the parser up once and ``fork``s the workers from itself, warm at once
  (ready in ~0.14 s instead of ~0.2 s, which is most of a `-j 2` run's fixed cost); in a
  threaded process (a library user's), where a fork could copy a lock some thread holds,
  they fork from a ``forkserver`` that has imported the parser;
- a worker that dies (a crash in a C extension, the OOM killer) breaks only the inputs it
  held: those are re-run one at a time and the one that kills a worker again gets an error
  object of type ``crashed``; the rest of the batch goes on;
- batches of fewer than ``MIN_PARALLEL`` inputs run in this process: starting workers costs
  more than it saves.

Nothing heavy is imported here at start-up, so ``parse --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import ParseError, Report

REPORT_SUFFIXES = frozenset(
    ".txt .text .md .markdown .html .htm .shtml .xhtml .xml .jsp .asp .aspx .php".split()
)
CHUNK = 32  # inputs per task sent to a worker (~50 ms of work: IPC cost is noise)
WINDOW = 4  # chunks in flight per worker
MIN_PARALLEL = 16  # smaller batches run in this process


@dataclass
class Outcome:
    """One input's result: the JSON text of its report or error object (CLI), or the objects."""

    index: int
    path: str | None
    json_text: str
    ok: bool
    report: Any = None  # Report or ParseError when the caller asked for objects


def iter_paths(args: Iterable[str]) -> Iterator[str]:
    """Files named, and report files found under directories named, in a stable order.

    Directories are walked without following symlinked directories, so a symlink loop
    cannot trap the walk; FIFOs and other odd files are yielded and refused when read.
    The walk is iterative (``os.walk`` recurses, and a tree 1,000 folders deep raised
    RecursionError) and visits folders as ``os.walk`` does: a folder's files, then its
    subfolders in name order; folders that cannot be listed are skipped.
    """
    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            yield from _walk(arg)
        else:
            yield arg


def _walk(top: str) -> Iterator[str]:
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
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
            if name.startswith(".") or name.endswith(".gold.json"):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in REPORT_SUFFIXES or not suffix:
                yield os.path.join(root, name)
        stack.extend(os.path.join(root, d) for d in sorted(dirs, reverse=True))


def error_object(path: str | None, code: str, message: str) -> dict[str, Any]:
    """The JSON line for an input that could not be parsed."""
    return {"source": {"path": path}, "error": {"type": code, "message": message}}


def parse_object(path: str | None, data: bytes | str | None, keep_script: bool = False,
                 max_bytes: int | None = None) -> Report | ParseError:
    """Parse one path (or given data) to a Report, or a ParseError saying why not; never raises."""
    from ..assemble.report import DEFAULT_MAX_BYTES, parse_input
    from ..errors import InputError, describe_failure
    from ..model import ParseError
    from .api import read_bytes

    limit = max_bytes or DEFAULT_MAX_BYTES
    raw_path, path = path, _printable(path)  # read the file by its name, show the name as UTF-8
    try:
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


def parse_one(path: str | None, data: bytes | str | None, keep_script: bool = False,
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


_Task = tuple[int, "str | None", "bytes | str | None"]


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


def _work_chunk(tasks: list[_Task], s: _Settings) -> list[Outcome]:
    return [_work(t, s) for t in tasks]


def _crashed(task: _Task, s: _Settings) -> Outcome:
    index, path, _ = task
    message = "a worker process died while parsing this input (a crash or out of memory)"
    if s.objects:
        from ..model import ParseError

        return Outcome(index, path, "", False, ParseError(path, "crashed", message))
    return Outcome(index, path, json.dumps(error_object(path, "crashed", message), ensure_ascii=False,
                                           indent=s.indent), False)


def run(items: Iterable[tuple[str | None, bytes | str | None]], *, jobs: int | None = None,
        keep_script: bool = False, max_bytes: int | None = None, indent: int | None = None,
        objects: bool = False, chunk: int = CHUNK) -> Iterator[Outcome]:
    """Parse (path, data) pairs, yielding outcomes in input order as they finish.

    ``jobs``: worker processes (None or 0: one per core; 1: in this process).
    ``objects``: outcomes carry Report / ParseError objects instead of JSON text.
    """
    settings = _Settings(keep_script, max_bytes, indent, objects)
    tasks: Iterator[_Task] = ((i, p, d) for i, (p, d) in enumerate(items))
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1:
        head = list(islice(tasks, MIN_PARALLEL))
        if len(head) < MIN_PARALLEL:
            jobs = 1
        tasks = _chain(head, tasks)
    if jobs <= 1:
        for task in tasks:
            yield _work(task, settings)
        return
    yield from _parallel(tasks, jobs, settings, chunk)


def _chain(head: list[_Task], rest: Iterator[_Task]) -> Iterator[_Task]:
    yield from head
    yield from rest


def _executor(jobs: int) -> Any:
    import multiprocessing as mp
    import threading
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform == "linux" and threading.active_count() == 1:
        # nothing else runs here that a fork could catch holding a lock: warm up here once and
        # fork the workers from this process, each starting warm at once
        _warm_up(in_worker=False)
        return ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork"),
                                   initializer=_start_forked_worker)
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        # the server imports the parser once; every worker forks from it already warm
        ctx.set_forkserver_preload(["parser.assemble.report"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_warm_up)


def _parallel(tasks: Iterator[_Task], jobs: int, s: _Settings, chunk: int) -> Iterator[Outcome]:
    from concurrent.futures.process import BrokenProcessPool

    window = jobs * WINDOW
    executor = _executor(jobs)
    pending: deque[tuple[list[_Task], Any]] = deque()
    try:
        while True:
            while len(pending) < window:
                batch = list(islice(tasks, chunk))
                if not batch:
                    break
                pending.append((batch, executor.submit(_work_chunk, batch, s)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                yield from future.result()
                continue
            except BrokenProcessPool:
                pass
            # a worker died: every input in flight is suspect; re-run them one at a time
            suspects = batch + [t for b, _ in pending for t in b]
            pending.clear()
            executor.shutdown(wait=False, cancel_futures=True)
            executor = _executor(1)
            for task in suspects:
                try:
                    yield executor.submit(_work, task, s).result()
                except BrokenProcessPool:
                    yield _crashed(task, s)
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = _executor(1)
            executor.shutdown(wait=True)
            executor = _executor(jobs)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _ignore_interrupts() -> None:
    """In a worker: ignore Ctrl-C; the parent stops the batch."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _freeze_heap() -> None:
    """In a warm worker: move what exists so far (lexicons, patterns, grammars) out of the
    garbage collector's sight, so its collections stop walking it (2–3 % of a worker's time)
    and stop touching pages a forked worker shares with its parent."""
    import gc

    gc.freeze()


def _start_forked_worker() -> None:
    _ignore_interrupts()
    _freeze_heap()


def _warm_up(in_worker: bool = True) -> None:
    """Build the grammars and load the lexicons (in a worker, or before forking workers)."""
    if in_worker:
        _ignore_interrupts()
    from ..assemble.report import parse_input

    parse_input("市委书记张三出席会议。会议要求，一要抓落实，二要抓统筹。")  # all three grammars
    if in_worker:
        _freeze_heap()


# a one-line string that names a file by its suffix (reports/a.html) is a path, never report text
_PATH_SHAPED = re.compile(r"[^\s，。]{0,400}\.(?:txt|text|md|markdown|html?|shtml|xhtml|xml|jsp|aspx?|php)", re.I)


def _as_pair(item: Any) -> tuple[str | None, bytes | str | None]:
    """A parse_many item as (path, data): paths are read from disk, the rest is report text."""
    if isinstance(item, os.PathLike):
        return os.fspath(item), None
    if isinstance(item, str) and len(item) < 4096 and "\n" not in item:
        if os.path.isfile(item) or _PATH_SHAPED.fullmatch(item):
            return item, None  # a path, even a mistyped one: it yields a not_found error, not an empty report
    if isinstance(item, (str, bytes)):
        return None, item
    raise TypeError(f"parse_many takes paths, str or bytes, not {type(item).__name__}")


def parse_many(items: Iterable[Any], *, jobs: int | None = None, keep_script: bool = False,
               max_bytes: int | None = None) -> Iterator[Report | ParseError]:
    """Reports for paths or texts, in input order, each as soon as it is ready.

    An ``os.PathLike``, or a one-line string naming an existing file or ending in a report
    suffix (``.txt``, ``.html`` …; a missing one gives a ``not_found`` error), is read from disk;
    other strings and bytes are parsed as report text. An input that cannot be parsed at
    all (missing, unreadable, binary, too large) yields a ``ParseError`` in its place, so
    the n-th result always belongs to the n-th input. ``jobs``: worker processes (None or
    0: one per core; 1: parse in this process). Memory stays flat however many inputs:
    the iterable is read only as fast as results are consumed.
    """
    for outcome in run((_as_pair(i) for i in items), jobs=jobs, keep_script=keep_script,
                       max_bytes=max_bytes, objects=True):
        yield outcome.report
