"""A batch of good and bad files interleaved: every good file parsed, every bad one an error line.

Run through the real command with ``--jsonl``, in this process (``-j 1 --timeout 0``), in one
worker (``-j 1``) and with worker processes (``-j 2``; 24 inputs, above the size at which workers
start): one line per input in input order, a report for each good file, an error object for
each bad one, one message on stderr per bad file, no traceback, exit status 1. Files that
outlast the time limit get a ``timeout`` line and the rest of the batch is unharmed; and a
batch in worker processes writes nothing on stderr that is not ours, not even as it exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from robustness_checks import decoded, pathological_report, problems

GOOD = [
    ("meeting.txt", "青岚市召开全市安全生产工作会议\n"
                    "　　10月8日下午，全市安全生产工作会议召开。市委书记韦知远出席会议并讲话。\n"),
    ("page.html", "<html><head><title>全市干部大会召开</title></head><body><h1>全市干部大会召开</h1>"
                  "<p>10月9日，全市干部大会召开。市长苗青松主持会议。</p></body></html>"),
    ("post.md", "---\ntitle: 区委常委会召开\n---\n\n区委常委会召开。区委书记尹若木主持会议并讲话。\n"),
]


def _bad(folder: Path, i: int) -> tuple[Path, str]:
    kind = i % 4
    if kind == 0:
        return folder / f"missing-{i}.txt", "not_found"
    if kind == 1:
        path = folder / f"image-{i}.html"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        return path, "binary"
    if kind == 2:
        path = folder / f"big-{i}.txt"
        path.write_bytes("会议召开。".encode() * 40_000)  # 600,000 bytes, over --max-bytes below
        return path, "too_large"
    path = folder / f"pipe-{i}.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(path)
        return path, "not_a_file"
    return folder / f"missing-{i}.txt", "not_found"


def _inputs(folder: Path, n: int) -> list[tuple[Path, str | None]]:
    """``n`` inputs, good and bad alternating: (path, expected error type or None)."""
    out: list[tuple[Path, str | None]] = []
    for i in range(n):
        if i % 2 == 0:
            name, text = GOOD[(i // 2) % len(GOOD)]
            path = folder / f"{i:02d}-{name}"
            path.write_text(text, encoding="utf-8")
            out.append((path, None))
        else:
            out.append(_bad(folder, i))
    return out


@pytest.mark.parametrize("options, n", [(["-j", "1", "--timeout", "0"], 10), (["-j", "1"], 10), (["-j", "2"], 24)],
                         ids=["in-process", "one-worker", "workers"])
def test_good_and_bad_files_interleaved(tmp_path: Path, options: list[str], n: int) -> None:
    inputs = _inputs(tmp_path, n)
    proc = subprocess.run(
        [sys.executable, "-m", "parser", "--jsonl", *options, "--max-bytes", "500000",
         *[str(p) for p, _ in inputs]],
        capture_output=True, timeout=120, check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert proc.returncode == 1
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [obj["source"]["path"] for obj in lines] == [str(p) for p, _ in inputs]  # order kept
    for (path, expected), obj in zip(inputs, lines, strict=True):
        if expected is None:
            assert "error" not in obj, obj
            found = problems(obj, decoded(path.read_bytes()))
            assert not found, (path.name, found)
            assert obj["attendees"], path.name
        else:
            assert obj["error"]["type"] == expected, (path.name, obj)
            assert str(path) in err
    assert len(err.strip().splitlines()) == sum(1 for _, e in inputs if e)


def _good_files(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        name, text = GOOD[i % len(GOOD)]
        path = folder / f"{i:02d}-{name}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# runs of ``parse -j 2`` per test: the exit-time noise this guards against came once in ~75 runs
RUNS = 4


def test_workers_write_nothing_on_stderr(tmp_path: Path) -> None:
    """A batch of good files in two worker processes: stdout has every report, stderr stays empty,
    even as the interpreter exits (no "Exception ignored … Bad file descriptor")."""
    paths = [str(p) for p in _good_files(tmp_path, 24)]
    for _ in range(RUNS):
        proc = subprocess.run([sys.executable, "-m", "parser", "-j", "2", *paths],
                              capture_output=True, timeout=120, check=False)
        assert proc.stderr.decode("utf-8", "replace") == ""
        assert proc.returncode == 0
        assert [json.loads(line)["source"]["path"] for line in proc.stdout.decode("utf-8").splitlines()] == paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_files_over_the_time_limit_fail_alone(tmp_path: Path, jobs: str) -> None:
    """Two pathological files in a batch of 20 with ``--timeout 1``: each gets a ``timeout`` line and
    its worker is replaced (with ``-j 1`` the files after it need the replacement); every other
    file is parsed, in input order; one message per slow file on stderr; exit status 1."""
    paths = _good_files(tmp_path, 20)
    slow = {3, 12}
    for i in slow:
        paths[i] = tmp_path / f"{i:02d}-slow.txt"
        paths[i].write_bytes(pathological_report(2))
    proc = subprocess.run([sys.executable, "-m", "parser", "--jsonl", "-j", jobs, "--timeout", "1",
                           *map(str, paths)], capture_output=True, timeout=300, check=False)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [obj["source"]["path"] for obj in lines] == [str(p) for p in paths]
    for i, obj in enumerate(lines):
        if i in slow:
            assert obj["error"]["type"] == "timeout", obj
            assert "1 s" in obj["error"]["message"]
        else:
            assert "error" not in obj and obj["attendees"], obj
    messages = err.splitlines()
    assert len(messages) == len(slow), err
    for line, i in zip(messages, sorted(slow), strict=True):
        assert line.startswith(f"parse: {paths[i]}: parsing took longer than the time limit of 1 s"), err


def test_a_file_alone_honours_a_timeout_given(tmp_path: Path) -> None:
    path = tmp_path / "slow.txt"
    path.write_bytes(pathological_report(2))
    proc = subprocess.run([sys.executable, "-m", "parser", "--timeout", "1", str(path)],
                          capture_output=True, timeout=300, check=False)
    assert proc.returncode == 1
    obj = json.loads(proc.stdout)
    assert obj == {"source": {"path": str(path)}, "error": {"type": "timeout", "message": obj["error"]["message"]}}
    assert proc.stderr.decode("utf-8").startswith(f"parse: {path}: parsing took longer than the time limit of 1 s")
