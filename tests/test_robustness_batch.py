"""A batch of good and bad files interleaved: every good file parsed, every bad one an error line.

Run through the real command with ``--jsonl``, in this process (``-j 1``) and with worker
processes (``-j 2``; 24 inputs, above the size at which workers start): one line per input in
input order, a report for each good file, an error object for each bad one, one message on
stderr per bad file, no traceback, exit status 1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from robustness_checks import decoded, problems

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


@pytest.mark.parametrize("jobs, n", [(1, 10), (2, 24)], ids=["in-process", "workers"])
def test_good_and_bad_files_interleaved(tmp_path: Path, jobs: int, n: int) -> None:
    inputs = _inputs(tmp_path, n)
    proc = subprocess.run(
        [sys.executable, "-m", "parser", "--jsonl", "-j", str(jobs), "--max-bytes", "500000",
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
