"""Many reports at once: file discovery, worker processes, results in input order, streaming.

Workers return finished JSON text, not Report objects, so the parent does no more than
write lines; ``imap`` with a bounded chunk size keeps memory flat however long the batch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .pipeline import DEFAULT_MAX_BYTES

REPORT_SUFFIXES = frozenset(
    ".txt .text .md .markdown .html .htm .shtml .xhtml .xml .jsp .asp .aspx .php".split()
)


@dataclass
class Outcome:
    """One input's result: the JSON text of its report, or of its error object."""

    index: int
    path: str | None
    json_text: str
    ok: bool


def iter_paths(args: Iterable[str]) -> Iterator[str]:
    """Files named, and report files found under directories named, in a stable order.

    Directories are walked without following symlinked directories, so a symlink loop
    cannot trap the walk; FIFOs and other odd files are yielded and refused when read.
    """
    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            for root, dirs, files in os.walk(arg, followlinks=False):
                dirs.sort()
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(".gold.json"):
                        continue
                    suffix = os.path.splitext(name)[1].lower()
                    if suffix in REPORT_SUFFIXES or not suffix:
                        yield os.path.join(root, name)
        else:
            yield arg


def error_object(path: str | None, code: str, message: str) -> dict[str, Any]:
    """The JSON line for an input that could not be parsed."""
    return {"source": {"path": path}, "error": {"type": code, "message": message}}


def parse_one(path: str | None, data: bytes | str | None, keep_script: bool, max_bytes: int,
              indent: int | None) -> tuple[str, bool]:
    """Parse one path (or given data) to JSON text; never raises."""
    from .api import read_bytes
    from .pipeline import parse_input

    try:
        if data is None:
            assert path is not None
            data = read_bytes(path, max_bytes)
        report = parse_input(data, path=path, keep_script=keep_script, max_bytes=max_bytes)
        return report.to_json(indent=indent), True
    except InputError as exc:
        err = error_object(path, exc.code, exc.message)
    except FileNotFoundError:
        err = error_object(path, "not_found", f"{path}: no such file")
    except PermissionError:
        err = error_object(path, "unreadable", f"{path}: permission denied")
    except OSError as exc:
        err = error_object(path, "unreadable", f"{path}: {exc.strerror or exc}")
    except RecursionError:
        err = error_object(path, "too_deep", "the document is nested too deeply to read")
    except Exception as exc:  # a parser bug must not stop a batch; say so plainly
        err = error_object(path, "internal_error", f"the parser failed on this input: {type(exc).__name__}: {exc}")
    return json.dumps(err, ensure_ascii=False, indent=indent), False


def _work(task: tuple[int, str | None, bytes | str | None, bool, int, int | None]) -> Outcome:
    index, path, data, keep_script, max_bytes, indent = task
    text, ok = parse_one(path, data, keep_script, max_bytes, indent)
    return Outcome(index, path, text, ok)


def run(items: Iterable[tuple[str | None, bytes | str | None]], *, jobs: int | None = None,
        keep_script: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
        indent: int | None = None) -> Iterator[Outcome]:
    """Parse (path, data) pairs, yielding outcomes in input order as they finish."""
    tasks = ((i, p, d, keep_script, max_bytes, indent) for i, (p, d) in enumerate(items))
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        for task in tasks:
            yield _work(task)
        return
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(jobs, initializer=_warm_up) as pool:
        yield from pool.imap(_work, tasks, chunksize=8)


def _warm_up() -> None:
    """Build grammars and load lexicons once per worker, before the first file."""
    from .pipeline import parse_input

    parse_input("市委书记张三出席会议。")


def parse_many(items: Iterable[Any], *, jobs: int | None = None, keep_script: bool = False,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Any]:
    """Reports (or error dicts) for paths or texts, in input order.

    Items that are ``os.PathLike`` or strings naming an existing file are read from disk;
    other strings and bytes are parsed as report text.
    """
    from .model import Report  # noqa: F401 - documents the yielded type

    def pairs() -> Iterator[tuple[str | None, bytes | str | None]]:
        for item in items:
            if isinstance(item, os.PathLike) or (isinstance(item, str) and len(item) < 4096
                                                 and "\n" not in item and os.path.isfile(item)):
                yield os.fspath(item), None
            else:
                yield None, item

    for outcome in run(pairs(), jobs=jobs, keep_script=keep_script, max_bytes=max_bytes):
        obj = json.loads(outcome.json_text)
        yield _as_report(obj) if outcome.ok else obj


def _as_report(obj: dict[str, Any]) -> Any:
    """A parsed JSON report back as a dict-backed result (the JSON is the contract)."""
    return obj
