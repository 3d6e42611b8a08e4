"""The ``parse`` command.

Only typer is imported at start-up; the parser itself is imported when the first file is
read, so ``parse --help`` answers at once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Annotated

import typer

from .pipeline import DEFAULT_MAX_BYTES

EXAMPLES = """
Examples:

  parse report.txt > report.json          one report, indented JSON
  parse - < report.html                   read standard input
  parse reports/ --jsonl -o all.jsonl     a folder (recursively) as JSON Lines
  parse a.txt b.html c.md -j 2            several files, two worker processes
  parse --schema > report.schema.json     the JSON Schema of the output

Exit status: 0 when every input parsed, 1 when some failed (each failure is a JSON line
with an "error" object), 2 for usage errors.
"""

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


class _Progress:
    """Files done, failed, rate and time left on stderr, only on a terminal."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.start = time.monotonic()
        self.last = 0.0

    def step(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.2 or self.done == self.total):
            self.last = now
            rate = self.done / max(now - self.start, 1e-6)
            left = ""
            if self.total:
                eta = (self.total - self.done) / rate if rate else 0
                left = f" of {self.total}, {eta:.0f} s left"
            sys.stderr.write(f"\r{self.done}{left} · {self.failed} failed · {rate:.0f} files/s   ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


@app.command(help="Parse Chinese meeting reports and speech transcripts into JSON." + EXAMPLES)
def main_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders to parse; - reads standard input.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per line, even for a single file.")] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the output and exit.")] = False,
    keep_script: Annotated[bool, typer.Option("--keep-script", help="Keep traditional characters in text fields.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).", min=0)] = 0,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the output to this file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no per-file messages.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.", min=1)] = DEFAULT_MAX_BYTES,
) -> None:
    if schema:
        from .schema import load_schema

        _write_all(json.dumps(load_schema(), ensure_ascii=False, indent=2) + "\n", output)
        return
    if not paths:
        typer.echo("parse: no input given (a file, a folder, or - for standard input); see parse --help", err=True)
        raise typer.Exit(2)
    from .batch import iter_paths, run

    single = len(paths) == 1 and not jsonl and (paths[0] == "-" or not os.path.isdir(paths[0]))
    stdin_data = sys.stdin.buffer.read() if "-" in paths else None

    def items() -> object:
        for p in iter_paths(paths):
            yield (None, stdin_data) if p == "-" else (p, None)

    total = None
    show = sys.stderr.isatty() and not quiet and not single
    if show:
        total = sum(1 for _ in iter_paths(paths))
    workers = 1 if single else (jobs or os.cpu_count() or 1)
    progress = _Progress(total, show)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        for outcome in run(items(), jobs=workers, keep_script=keep_script, max_bytes=max_bytes,  # type: ignore[arg-type]
                           indent=2 if single else None):
            out.write(outcome.json_text + "\n")
            if not outcome.ok:
                failed += 1
                if not quiet:
                    msg = json.loads(outcome.json_text)["error"]["message"]
                    sys.stderr.write(("\n" if show else "") + f"parse: {outcome.path or '-'}: {msg}\n")
            progress.step(outcome.ok)
            if output is None:
                out.flush()
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        sys.stderr.write("\nparse: interrupted\n")
        raise typer.Exit(130) from None
    finally:
        progress.close()
        if output:
            out.close()
    raise typer.Exit(1 if failed else 0)


def _write_all(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
