"""The Dask recipe runs the parse function unchanged and writes what the CLI prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

dask = pytest.importorskip("dask", reason="dask is not installed (pip install '.[dask]')")
pytest.importorskip("dask.bag", reason="dask[bag] is not installed (pip install '.[dask]')")


def cli_lines(folder: Path) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "parser", str(folder), "--jsonl", "-q", "-j", "1"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout.splitlines()


def part_lines(parts: list[str]) -> list[str]:
    out: list[str] = []
    for p in sorted(parts):
        out.extend(Path(p).read_text(encoding="utf-8").splitlines())
    return out


def test_dask_processes_scheduler_equals_cli(tmp_path: Path) -> None:
    from parser.interfaces.dask_recipe import parse_to_jsonl

    parts = parse_to_jsonl([str(EXAMPLES)], tmp_path / "out", partitions=3, scheduler="processes")
    jsonl = [p for p in parts if p.endswith(".jsonl")]
    assert len(jsonl) == 3
    assert part_lines(jsonl) == cli_lines(EXAMPLES)


def test_dask_parquet_parts(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install '.[dask]')")
    from parser.interfaces.dask_recipe import PARQUET_COLUMNS, parse_to_jsonl

    (tmp_path / "in").mkdir()
    for src in sorted(EXAMPLES.glob("*.txt"))[:3]:
        (tmp_path / "in" / src.name).write_bytes(src.read_bytes())
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    parts = parse_to_jsonl([str(tmp_path / "in")], tmp_path / "out", partitions=2, parquet=True,
                           scheduler="sync")
    tables = [pq.read_table(p) for p in sorted(parts) if Path(p).name.startswith("part-") and p.endswith(".parquet")]
    rows = [r for t in tables for r in t.to_pylist()]
    assert tuple(tables[0].column_names) == PARQUET_COLUMNS
    assert [r["path"] for r in rows] == sorted(str(p) for p in (tmp_path / "in").iterdir())
    bad = [r for r in rows if not r["ok"]]
    assert len(bad) == 1 and bad[0]["error_type"] == "binary"
    good = [r for r in rows if r["ok"]]
    assert all(json.loads(r["report_json"])["kind"] == r["kind"] for r in good)


def test_dask_tidy_attendees_beside_the_json_lines(tmp_path: Path) -> None:
    """With ``parquet=True`` each part has a tidy attendee table: one row per attendee of its
    JSON Lines, with the columns of ``parse --table attendees``."""
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install '.[dask]')")
    from parser.interfaces.dask_recipe import parse_to_jsonl
    from parser.interfaces.tables import COLUMNS

    parts = parse_to_jsonl([str(EXAMPLES)], tmp_path / "out", partitions=2, parquet=True, scheduler="sync")
    jsonl = part_lines([p for p in parts if p.endswith(".jsonl")])
    tidy = [pq.read_table(p) for p in sorted(parts) if Path(p).name.startswith("attendees-")]
    assert len(tidy) == 2 and tuple(tidy[0].column_names) == COLUMNS["attendees"]
    names = [r["name"] for t in tidy for r in t.to_pylist()]
    assert names == [a["name"] for line in jsonl for a in json.loads(line).get("attendees") or []]
