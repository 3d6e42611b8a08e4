"""Batches: input order, bounded read-ahead, Report/ParseError objects, progress bar, time limit,
and the worker pool's own promises (a stuck task stopped, a crashing one isolated)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from robustness_checks import pathological_report

from parser import ParseError, Report, parse, parse_many
from parser.interfaces.batch import CHUNK, MIN_PARALLEL, WINDOW, run
from parser.interfaces.cli import Progress
from parser.interfaces.workers import run_in_workers

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
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"\x00\x01binary\x00" * 20)
    items: list[Path] = [*TEXTS, missing, binary] * 3
    results = list(parse_many(items, jobs=2))
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        if item == missing:
            assert isinstance(result, ParseError) and result.type == "not_found"
            assert result.path == str(missing)
        elif item == binary:
            assert isinstance(result, ParseError) and result.type == "binary" and result.path == str(binary)
        else:
            assert isinstance(result, Report) and result.source.path == str(item)


def test_parse_many_in_process_gives_the_same_reports() -> None:
    a = list(parse_many(TEXTS, jobs=1))
    b = list(parse_many(TEXTS * 3, jobs=2))[: len(TEXTS)]
    assert [r.to_dict() for r in a] == [r.to_dict() for r in b]


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


def test_parse_many_gives_a_file_over_the_time_limit_a_timeout_error(tmp_path: Path) -> None:
    """A genuinely slow file (seconds of work) under ``timeout=1``: a ``timeout`` ParseError in its
    place, the files around it parsed, in order; with ``jobs=1`` too, in one worker replaced."""
    slow = tmp_path / "slow.txt"
    slow.write_bytes(pathological_report(2))
    items = [TEXTS[0], slow, TEXTS[1]]
    results = list(parse_many(items, jobs=1, timeout=1))
    assert isinstance(results[0], Report) and isinstance(results[2], Report)
    assert results[1] == ParseError(str(slow), "timeout", results[1].message)  # type: ignore[union-attr]
    assert "time limit of 1 s" in results[1].message
    assert [r.source.path for r in (results[0], results[2])] == [str(TEXTS[0]), str(TEXTS[1])]


def test_the_default_time_limit_is_named_and_shared() -> None:
    import inspect

    import parser
    from parser.interfaces import batch, command

    assert parser.DEFAULT_TIMEOUT == batch.DEFAULT_TIMEOUT == 60
    assert inspect.signature(parse_many).parameters["timeout"].default == batch.DEFAULT_TIMEOUT
    assert f"Each file of a batch may take {batch.DEFAULT_TIMEOUT:g} s" in command.EXAMPLES


# tasks for the pool's own tests: (index, what to do); the work function acts on it
def _act(task: tuple[int, str]) -> str:
    index, action = task
    if action == "spin":  # a file stuck in a loop, as in C code that never returns
        while True:
            pass
    if action == "die":
        os._exit(3)
    if action == "die-once" and not os.path.exists(action_flag(index)):
        Path(action_flag(index)).touch()
        os._exit(3)
    return f"{index}:{action}"


def action_flag(index: int) -> str:
    return os.path.join(os.environ["MRP_TEST_FLAGS"], f"died-{index}")


def _failed(task: tuple[int, str], code: str, message: str) -> str:
    return f"{task[0]}:{code}"


def _pool(actions: list[str], jobs: int, timeout: float | None) -> list[str]:
    tasks = iter(list(enumerate(actions)))
    return list(run_in_workers(tasks, _act, _failed, jobs=jobs, chunk=4, window=2, timeout=timeout))


def test_pool_stops_a_stuck_task_and_keeps_every_other(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MRP_TEST_FLAGS", str(tmp_path))
    actions = ["ok"] * 30
    actions[5] = actions[17] = "spin"
    expected = [f"{i}:timeout" if a == "spin" else f"{i}:ok" for i, a in enumerate(actions)]
    for jobs in (1, 2):
        assert _pool(actions, jobs, timeout=0.5) == expected


def test_pool_gives_a_task_that_kills_its_worker_twice_crashed(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    """A worker that dies once on a task (the OOM killer may have chosen it) gets the task re-run;
    a task that kills a second worker is ``crashed``; the other tasks it held are not lost."""
    monkeypatch.setenv("MRP_TEST_FLAGS", str(tmp_path))
    actions = ["ok"] * 12
    actions[2], actions[7] = "die", "die-once"
    results = _pool(actions, 2, timeout=None)
    assert results == [f"{i}:crashed" if i == 2 else f"{i}:{a}" for i, a in enumerate(actions)]
