"""Batches: input order, bounded read-ahead, Report/ParseError objects, progress bar."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from parser import ParseError, Report, parse, parse_many
from parser.interfaces.batch import CHUNK, MIN_PARALLEL, WINDOW, run
from parser.interfaces.cli import Progress

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEXTS = sorted(p for p in EXAMPLES.glob("*.txt"))


def test_parallel_results_follow_input_order_and_equal_serial() -> None:
    items = [(str(p), None) for p in TEXTS] * 6  # above MIN_PARALLEL: worker processes
    assert len(items) >= MIN_PARALLEL
    serial = [o.json_text for o in run(items, jobs=1)]
    parallel = list(run(items, jobs=2, chunk=4))
    assert [o.index for o in parallel] == list(range(len(items)))
    assert [o.json_text for o in parallel] == serial


def test_input_is_read_only_as_fast_as_results_are_consumed() -> None:
    pulled = 0

    def items():  # an endless input: a batch that read ahead would never return
        nonlocal pulled
        while True:
            pulled += 1
            yield None, "市委书记韦知远出席会议。"

    results = run(items(), jobs=2, chunk=CHUNK)
    first = next(results)
    assert first.ok
    assert pulled <= MIN_PARALLEL + 2 * WINDOW * CHUNK + CHUNK
    results.close()


def test_parse_many_yields_reports_and_parse_errors_in_place(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    items: list[object] = [*TEXTS, missing, b"\x00\x01binary\x00" * 20] * 3
    results = list(parse_many(items, jobs=2))
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        if item == missing:
            assert isinstance(result, ParseError) and result.type == "not_found"
            assert result.path == str(missing)
        elif isinstance(item, bytes):
            assert isinstance(result, ParseError) and result.path is None
        else:
            assert isinstance(result, Report) and result.source.path == str(item)


def test_parse_many_in_process_gives_the_same_reports() -> None:
    a = list(parse_many(TEXTS, jobs=1))
    b = list(parse_many(TEXTS * 3, jobs=2))[: len(TEXTS)]
    assert [r.to_dict() for r in a] == [r.to_dict() for r in b]  # type: ignore[union-attr]


def test_report_from_dict_round_trips() -> None:
    for path in [*TEXTS, *EXAMPLES.glob("*.html"), *EXAMPLES.glob("*.md")]:
        report = parse(path.read_bytes(), path=str(path))
        again = Report.from_dict(json.loads(report.to_json()))
        assert again == report
        assert again.to_dict() == report.to_dict()


def test_parse_error_from_a_cli_error_line() -> None:
    err = ParseError("x.txt", "not_found", "x.txt: no such file")
    assert ParseError.from_dict(json.loads(json.dumps(err.to_dict()))) == err


def test_progress_line_and_redraws() -> None:
    stream = io.StringIO()
    bar = Progress(4, True, stream)
    for ok in (True, False, True, True):
        bar.step(ok)
    bar.close()
    out = stream.getvalue()
    assert "\r" in out and "4/4" in out and "1 failed" in out and "files/s" in out
    assert out.endswith("\n")


def test_progress_disabled_writes_nothing() -> None:
    stream = io.StringIO()
    bar = Progress(2, False, stream)
    bar.step(True)
    bar.step(True)
    bar.close()
    assert stream.getvalue() == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    proc = subprocess.run([sys.executable, "-m", "parser", str(EXAMPLES), "--jsonl", "-j", "2", "-o", str(out)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no bar, no messages: every example parses
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")])
