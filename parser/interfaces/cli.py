"""The ``parse`` command: what it does with the options it was given.

Start-up is kept short: a command line of paths alone (``parse one.txt``) is read without
typer, which :mod:`parser.interfaces.command` brings in for options, ``--help`` and usage errors; the
parser itself is imported when the first file is read (and, in a parallel batch, only by the
worker processes).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any


class Progress:
    """Files done, failed, rate and time left on stderr, redrawn ≤ 5×/s; shown only when stderr is a
    terminal and the JSON goes elsewhere (a file, a pipe), so the two never interleave on screen.

    The rate counts from the first finished file, so the start-up of worker processes does
    not make the first estimate of the time left absurd. Plain ASCII, whatever the locale."""

    REDRAW = 0.2  # seconds between redraws at least: a faster flicker tells nothing more
    BAR_WIDTH = 24  # characters of the bar: the whole line fits an 80-column terminal

    def __init__(self, total: int | None, enabled: bool, stream: IO[str] | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.done = 0
        self.failed = 0
        self.start = time.monotonic()
        self.first: float | None = None
        self.last = 0.0
        self.drawn = False

    def step(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        if self.first is None:
            self.first = time.monotonic()
        if self.enabled:
            now = time.monotonic()
            if now - self.last >= self.REDRAW or self.done == self.total:
                self.last = now
                self.draw(now)

    def line(self, now: float | None = None) -> str:
        """The status line: ``[#####-----] 1200/3000 | 2 failed | 410 files/s | 4 s left``."""
        now = now or time.monotonic()
        elapsed = max(now - self.start, 1e-6)
        since_first = now - self.first if self.first is not None else 0.0
        rate = (self.done - 1) / since_first if self.done > 1 and since_first > 0 else 0.0
        if self.total and self.done >= self.total:
            rate = self.done / elapsed  # the whole run, start-up included
        parts = []
        if self.total:
            width = self.BAR_WIDTH
            filled = int(width * self.done / self.total)
            parts.append(f"[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}")
        else:
            parts.append(f"{self.done} files")
        parts.append(f"{self.failed} failed")
        parts.append(f"{rate:,.0f} files/s" if rate else "starting")
        if self.total and self.done >= self.total:
            parts.append(f"done in {_duration(elapsed)}")
        elif self.total and rate > 0:
            parts.append(f"{_duration((self.total - self.done) / rate)} left")
        return " | ".join(parts)

    def draw(self, now: float | None = None) -> None:
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def message(self, text: str) -> None:
        """A line of its own above the bar."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        if self.drawn:
            self.draw()

    def close(self) -> None:
        if self.enabled and self.drawn:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds // 60 % 60:02d} min"


def _count(paths: list[str], patterns: list[str] | None) -> int:
    from .inputs import iter_inputs

    return sum(1 for _ in iter_inputs(paths, patterns))


@dataclass
class Options:
    """The command's options, as typer parsed them."""

    paths: list[str]
    jsonl: bool = False
    schema: bool = False
    keep_script: bool = False
    jobs: int = 0
    output: str | None = None
    quiet: bool = False
    max_bytes: int | None = None
    glob: list[str] | None = None  # file-name patterns a folder walk takes instead of the report suffixes
    timeout: float | None = None  # None: the default (a limit for batches, none for one file alone)
    table: str | None = None  # write this table (reports, attendees, directives, credits) instead of JSON
    table_format: str | None = None  # csv, tsv or parquet; None: from the output file's suffix
    bom: bool = False  # a byte-order mark before a CSV or TSV table, for Excel


def plain_paths(argv: list[str]) -> list[str] | None:
    """``argv`` itself when it holds only paths (``-`` for standard input, nothing else starting
    with ``-``), else None.

    Such a command line means ``Options(paths=argv)`` with every option at its default, which
    is what typer would read from it, so :func:`run_cli` runs it without importing typer
    (tests/test_cli.py checks the two readings agree). Only on POSIX: on Windows click also
    expands wildcards in arguments.
    """
    if not argv or os.name != "posix" or any(arg.startswith("-") and arg != "-" for arg in argv):
        return None
    return list(argv)


def run_cli(argv: list[str] | None = None) -> int:
    """Run ``parse`` with ``argv`` (default: ``sys.argv[1:]``); returns the exit status (2: usage)."""
    args = sys.argv[1:] if argv is None else argv
    paths = plain_paths(args)
    if paths is not None:
        try:
            return run(Options(paths))
        except KeyboardInterrupt:  # before the first file was read (run handles it after)
            sys.stderr.write("parse: interrupted\n")
            return 130
    from .command import run_typer

    return run_typer(args)


def run(args: Options) -> int:
    """Parse what the options name and write the output; returns the exit status."""
    if args.schema:
        from ..assemble.contract import load_schema

        _write_all(json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n", args.output)
        return 0
    paths: list[str] = args.paths
    if not paths:
        sys.stderr.write("parse: no input given (a file, a folder, or - for standard input); see parse --help\n")
        return 2
    if paths.count("-") > 1:
        sys.stderr.write("parse: standard input (-) can be read only once\n")
        return 2
    from .batch import DEFAULT_TIMEOUT, run
    from .inputs import Refusal, iter_inputs

    single = len(paths) == 1 and not args.jsonl and (paths[0] == "-" or not os.path.isdir(paths[0]))
    stdin_data = None
    if "-" in paths:
        from ..pipeline import DEFAULT_MAX_BYTES  # (imported here: a batch's parent process needs no stage)

        # at most one byte over the limit: enough to refuse a 100 MB stream without holding it all
        stdin_data = sys.stdin.buffer.read((args.max_bytes or DEFAULT_MAX_BYTES) + 1)
    # a file given alone is parsed here, at once, unless a limit is asked for: a limit needs a worker
    timeout = args.timeout if args.timeout is not None else (None if single else DEFAULT_TIMEOUT)

    def items() -> Iterator[tuple[str | None, bytes | Refusal | None]]:
        for p, refusal in iter_inputs(paths, args.glob):
            yield (None, stdin_data) if p == "-" else (p, refusal)

    # a bar redrawn in place between lines of JSON on the same screen would garble both
    show = (not single and not args.quiet and sys.stderr.isatty()
            and (args.output is not None or not sys.stdout.isatty()))
    progress = Progress(_count(paths, args.glob) if show else None, show)
    workers = 1 if single else args.jobs
    try:
        sink = _Sink(args)
    except ValueError as exc:
        sys.stderr.write(f"parse: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"parse: cannot write {args.output}: {exc.strerror or exc}\n")
        return 2
    failed = 0
    try:
        for outcome in run(items(), jobs=workers, keep_script=args.keep_script, max_bytes=args.max_bytes,
                           indent=2 if single and not args.table else None, timeout=timeout):
            sink.write(outcome.json_text)
            if not outcome.ok:
                failed += 1
                if not args.quiet:
                    msg = json.loads(outcome.json_text)["error"]["message"]
                    where = outcome.path or "-"
                    progress.message(f"parse: {msg}" if msg.startswith(where) else f"parse: {where}: {msg}")
            progress.step(outcome.ok)
    except BrokenPipeError:
        # the reader went away (parse … | head): stop quietly, without a traceback at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        progress.close()
        sys.stderr.write("parse: interrupted\n")
        return 130
    finally:
        sink.close()
    progress.close()
    return 1 if failed else 0


class _Sink:
    """Where results go: JSON (one document, or JSON Lines) or one of the tidy tables, to the
    output file or standard output, each result written as soon as it is ready."""

    def __init__(self, args: Options) -> None:
        self.to_file = args.output is not None
        self.table: Any = None
        fmt = None
        if args.table:
            from .tables import TABLES, TableWriter, format_of

            if args.table not in TABLES:
                raise ValueError(f"unknown table {args.table!r}; choose one of {', '.join(TABLES)}")
            fmt = format_of(args.output, args.table_format)
            if fmt == "parquet" and args.output is None:
                raise ValueError("a Parquet table is written to a file: give -o FILE.parquet")
        # a CSV writer ends its lines itself: no newline translation under it
        self.out: IO[str] = (open(args.output, "w", encoding="utf-8", newline="" if args.table else None)
                             if args.output and fmt != "parquet" else sys.stdout)
        if args.table:
            self.table = TableWriter(args.table, fmt or "csv", stream=self.out, path=args.output, bom=args.bom)

    def write(self, json_text: str) -> None:
        if self.table is None:
            self.out.write(json_text)
            self.out.write("\n")
        else:
            from .tables import rows

            for row in rows(json.loads(json_text), self.table.table):
                self.table.write(row)
        if not self.to_file:
            self.out.flush()  # streaming: a reader downstream sees each line as it is ready

    def close(self) -> None:
        if self.table is not None:
            self.table.close()
        if self.to_file and self.out is not sys.stdout:
            self.out.close()


def _write_all(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    sys.exit(run_cli(argv))


if __name__ == "__main__":
    main()
