"""The ``parse`` command's options and help, declared with typer.

Imported only when a command line needs typer to read it (options, ``--help``, a usage
error): a command line of paths alone is read by :func:`parser.interfaces.cli.plain_paths` without it,
which takes typer's ~30 ms import off the start-up of ``parse one.txt``.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .batch import DEFAULT_TIMEOUT
from .cli import Options, run
from .inputs import DEFAULT_RULE
from .tables import FORMATS, TABLES

EXAMPLES = f"""\b
examples:
  parse report.txt > report.json          one report, indented JSON
  parse - < report.html                   read standard input
  parse reports/ --jsonl -o all.jsonl     a folder (recursively) as JSON Lines, in path order
  parse reports/ --glob '*.htm'           only the files of a folder named *.htm
  parse a.txt b.html c.md -j 2            several files, two worker processes
  parse --schema > report.schema.json     the JSON Schema of the output
  parse reports/ --table attendees -o attendees.csv
                                          one row per attendee (also: reports, directives,
                                          credits; .csv, .tsv or .parquet)

Several inputs, a folder, or --jsonl give JSON Lines: one object per input, in input order,
each written as soon as it is ready. When standard error is a terminal and the JSON goes to a
file or a pipe, a progress bar shows on standard error.

A folder is walked recursively in path order and gives the {DEFAULT_RULE}; never hidden files
or folders, nor folders reached through a symbolic link. --glob PATTERN takes the files whose
name matches PATTERN instead (shell wildcards, case ignored; repeat it for several). Files
named on the command line are always read. A folder that gives no file is an error.

Each file of a batch may take {DEFAULT_TIMEOUT:g} s (--timeout): one that takes longer gets an
error line of type "timeout" and its worker process is replaced; the batch goes on. The limit
needs worker processes, so a batch always parses in them (-j 1: one worker) unless --timeout 0.
A file given alone is parsed in this process, with no limit unless --timeout is given.

\b
exit status: 0 when every input parsed, 1 when some failed (each failure is a JSON line
with an "error" object), 2 for usage errors.
"""


app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from .version import version_line

        sys.stdout.write(version_line() + "\n")
        raise typer.Exit(0)


@app.command(help="Parse Chinese meeting reports and speech transcripts into JSON.", epilog=EXAMPLES)
def _parse_command(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATH]...", help="Files or folders to parse; - reads standard input.", show_default=False)] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per line, even for a single file.")] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the output and exit.")] = False,
    keep_script: Annotated[bool, typer.Option(
        "--keep-script", help="Keep traditional characters in text fields.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, metavar="N",
        help="Worker processes (0: one per core). With --timeout 0, -j 1 parses in this process.")] = 0,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the output to FILE instead of standard output.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no per-file messages.")] = False,
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", min=1, metavar="N", help="Refuse inputs larger than N bytes (default 20,000,000).",
        show_default=False)] = None,
    glob: Annotated[list[str] | None, typer.Option(
        "--glob", metavar="PATTERN", show_default=False,
        help="In folders, take the files whose name matches PATTERN (e.g. '*.htm'; repeatable) instead of "
             "the report suffixes.")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=0, metavar="SECONDS", show_default=False,
        help=f"Give up on a file after SECONDS (default {DEFAULT_TIMEOUT:g} for each file of a batch; none for a "
             "file given alone; 0: no limit).")] = None,
    table: Annotated[str | None, typer.Option(
        "--table", metavar="TABLE", show_default=False,
        help=f"Write a tidy table instead of JSON, one row per item: {', '.join(TABLES)} (docs/analysis.md).")] = None,
    table_format: Annotated[str | None, typer.Option(
        "--format", metavar="FORMAT", show_default=False,
        help=f"The table's format: {', '.join(FORMATS)} (default: the output file's suffix, else csv).")] = None,
    bom: Annotated[bool, typer.Option(
        "--bom", help="Start a CSV or TSV table with a byte-order mark, so that Excel reads it as UTF-8.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Print the version, the schema version and whether the build is compiled, and exit.")] = False,
) -> None:
    code = run(Options(paths or [], jsonl, schema, keep_script, jobs, output, quiet, max_bytes, glob or None, timeout,
                       table, table_format, bom))
    raise typer.Exit(code)


def run_typer(argv: list[str] | None = None) -> int:
    """Run ``parse`` with ``argv`` (default: ``sys.argv[1:]``) through typer; returns the exit status (2: usage)."""
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="parse", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
