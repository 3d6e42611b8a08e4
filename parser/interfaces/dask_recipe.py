"""Parse a corpus on a Dask cluster: a ``dask.bag`` over file paths, partitioned JSON Lines out.

    pip install "meeting-report-parser[dask]"

    >>> from parser.interfaces.dask_recipe import parse_to_jsonl
    >>> parse_to_jsonl(["/data/reports"], "/data/out", partitions=64)   # doctest: +SKIP
    ['/data/out/part-00000.jsonl', ...]

    $ python -m parser.interfaces.dask_recipe /data/reports /data/out --parquet --partitions 64

The function each worker runs is ``parser.interfaces.batch.parse_one``, the same one the ``parse`` CLI
runs per file, so the concatenated parts, in order, are line for line what
``parse /data/reports --jsonl`` prints. Only paths travel to the workers; each reads its own
files, so the cluster's workers need the files on a shared or replicated file system (or
swap ``parse_one(path, None)`` for ``parse_one(path, fs.cat(path))`` with ``fsspec``).

Output: ``part-NNNNN.jsonl`` per partition (one JSON object per input, errors included as
``{"source": …, "error": …}`` lines), and with ``parquet=True`` also ``part-NNNNN.parquet``
with the columns ``path, ok, kind, headline, attendees, error_type, report_json`` (the full
report kept as JSON text: its nested shape varies too much for one Arrow schema) and the tidy
attendee table ``attendees-NNNNN.parquet``, one row per attendee, with the columns of
``parse --table attendees`` (:mod:`parser.interfaces.tables`), ready for
``pandas.read_parquet(out_dir, …)`` or Spark over the folder.

Scheduler: whatever Dask is configured with (a ``distributed.Client`` if one is active),
else ``scheduler=`` here: ``"processes"`` (the default) or ``"threads"``/``"sync"``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .batch import iter_paths, parse_one

# files per partition by default: a part takes about a second to parse (some 600 reports a second on
# one core), long beside the scheduler's cost per task, and a large batch still spreads over many workers
FILES_PER_PARTITION = 500
PARQUET_COLUMNS = ("path", "ok", "kind", "headline", "attendees", "error_type", "report_json")


def parse_line(path: str, keep_script: bool = False) -> str:
    """One input's JSON line, exactly as ``parse --jsonl`` writes it; never raises."""
    text, _ok = parse_one(path, None, keep_script)
    return text


def _record(line: str) -> dict[str, Any]:
    obj = json.loads(line)
    err = obj.get("error")
    return {
        "path": (obj.get("source") or {}).get("path"),
        "ok": err is None,
        "kind": obj.get("kind"),
        "headline": (obj.get("headline") or {}).get("text"),
        "attendees": len(obj.get("attendees") or []),
        "error_type": err.get("type") if err else None,
        "report_json": line,
    }


def write_jsonl(lines: Iterable[str], path: str) -> str:
    """Write one partition's lines to ``path``; returns the path."""
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(line)
            fh.write("\n")
    os.replace(tmp, path)
    return path


def write_parquet(lines: Iterable[str], path: str) -> str:
    """Write one partition's lines to ``path`` as a Parquet table; returns the path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [_record(line) for line in lines]
    schema = pa.schema([
        ("path", pa.string()), ("ok", pa.bool_()), ("kind", pa.string()), ("headline", pa.string()),
        ("attendees", pa.int32()), ("error_type", pa.string()), ("report_json", pa.string()),
    ])
    table = pa.Table.from_pylist(records, schema=schema)
    pq.write_table(table, path)
    return path


def write_table(lines: Iterable[str], path: str, table: str = "attendees") -> str:
    """Write one partition's rows of a tidy table (``parse --table``) to ``path`` as Parquet."""
    from .tables import TableWriter, rows

    writer = TableWriter(table, "parquet", path=path)
    for line in lines:
        for row in rows(json.loads(line), table):
            writer.write(row)
    writer.close()
    return path


def parse_to_jsonl(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
                   partitions: int | None = None, parquet: bool = False, keep_script: bool = False,
                   scheduler: str | None = "processes") -> list[str]:
    """Parse every report file under ``inputs`` with Dask; returns the part files written, in order.

    ``partitions``: how many parts (default: about 500 files each, at least one per core).
    ``scheduler``: passed to ``dask.compute`` (None: Dask's configured default, e.g. a
    distributed Client).
    """
    import dask
    import dask.bag as db

    paths = list(iter_paths([os.fspath(p) for p in inputs]))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not paths:
        return []
    n = partitions or max(os.cpu_count() or 1, -(-len(paths) // FILES_PER_PARTITION))
    n = max(1, min(n, len(paths)))
    lines = db.from_sequence(paths, npartitions=n).map(parse_line, keep_script=keep_script)
    parts = lines.to_delayed()
    tasks = []
    for i, part in enumerate(parts):
        tasks.append(dask.delayed(write_jsonl)(part, str(out / f"part-{i:05d}.jsonl")))
        if parquet:
            tasks.append(dask.delayed(write_parquet)(part, str(out / f"part-{i:05d}.parquet")))
            tasks.append(dask.delayed(write_table)(part, str(out / f"attendees-{i:05d}.parquet")))
    kwargs = {"scheduler": scheduler} if scheduler else {}
    written = dask.compute(*tasks, **kwargs)
    return list(written)


def main(argv: list[str] | None = None) -> int:
    """``python -m parser.interfaces.dask_recipe INPUT… OUT_DIR [--parquet] [--partitions N]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m parser.interfaces.dask_recipe", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="files or folders to parse")
    ap.add_argument("out_dir", help="folder for part-NNNNN.jsonl (and .parquet)")
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--parquet", action="store_true",
                    help="also write Parquet parts and a tidy attendees table per part (needs pyarrow)")
    ap.add_argument("--keep-script", action="store_true")
    ap.add_argument("--scheduler", default="processes", help="processes (default), threads or sync")
    args = ap.parse_args(argv)
    for path in parse_to_jsonl(args.inputs, args.out_dir, partitions=args.partitions, parquet=args.parquet,
                               keep_script=args.keep_script, scheduler=args.scheduler):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
