#!/usr/bin/env python3
"""Throughput, start-up and memory of the parser on this machine, in one run, as one table.

    python benchmarks/bench.py            # the full benchmark (about three minutes on 2 cores)
    python benchmarks/bench.py --quick    # a tiny input, to prove the script works (CI)
    python benchmarks/bench.py --json results.json

Measures, side by side:

- plain text: reports/second on one core over the People's Daily sample
  (``../shared/corpus/unlabeled/peoplesdaily``), read + parse + JSON, as ``parse -j 1`` does;
- HTML: reports/second over whole pages (``../shared/corpus/dev/html``, replicated), and the
  same pages through trafilatura's ``bare_extraction`` (the reference peer), with the ratio;
- cold start: wall time of ``parse one.txt`` and ``parse --help`` in a fresh process (median), with
  the compiled patterns cached as after a first run, and of a first run with no cache yet;
- memory: peak RSS of every process of ``parse DIR --jsonl -j 2`` over a 20,000-file batch,
  and whether it grows over the batch (RSS in the first and the last quarter);
- parallelism: wall time of ``parse DIR -j 1`` and ``-j 2`` over the plain-text sample.

The file caches of the parser (memoised name splits) are cleared whenever a replicated page
comes round again, so repeating the same pages does not flatter the parser.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the installed package, as users run it (compiled by mypyc when installed as a wheel, see
# hatch_build.py); the checkout's source only when nothing is installed
if importlib.util.find_spec("parser") is None:
    sys.path.insert(0, str(ROOT))

TARGETS = {
    "text_rate": 1500.0,  # reports/s on one core
    "html_ratio": 10.0,  # × trafilatura bare_extraction
    "cold_start_ms": 200.0,
    "peak_rss_mb": 150.0,
    "speedup_j2": 1.7,
}


# ---------------------------------------------------------------- inputs


def corpus_dir(arg: str | None) -> Path | None:
    """``--corpus``, or ``../shared/corpus`` beside the repository, if it exists."""
    for cand in ([Path(arg)] if arg else []) + [ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")]:
        if cand.is_dir():
            return cand
    return None


def plain_files(corpus: Path | None, quick: bool) -> list[Path]:
    examples = sorted(p for p in (ROOT / "examples").glob("*.txt"))
    if quick or corpus is None:
        return examples
    return sorted((corpus / "unlabeled" / "peoplesdaily").glob("*.txt"))


def html_files(corpus: Path | None, quick: bool) -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*.html"))
    if quick or corpus is None:
        return examples
    return sorted((corpus / "dev" / "html").glob("*.html")) or examples


def replicate(files: list[Path], n: int, into: Path) -> list[Path]:
    """``n`` files in ``into`` cycling through ``files`` (hard links where possible)."""
    into.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = files[i % len(files)]
        dst = into / f"{i:06d}{src.suffix}"
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
        out.append(dst)
    return out


def parse_cmd() -> list[str]:
    """The installed ``parse`` script beside this interpreter, or ``python -m parser``."""
    script = Path(sys.executable).parent / "parse"
    return [str(script)] if script.exists() else [sys.executable, "-m", "parser"]


# ---------------------------------------------------------------- measurements


def _clear_caches() -> None:
    """Empty the parser's content caches (bounded ``lru_cache``s keyed by text: name splits,
    roster pieces …), so a replicated page met again is parsed from scratch. The unbounded
    ``functools.cache`` tables (lexicons, compiled patterns) are loaded once per process in real
    use too, and are kept."""
    import importlib
    import pkgutil

    import parser

    for info in pkgutil.walk_packages(parser.__path__, "parser."):
        if info.ispkg or info.name.rpartition(".")[2].startswith("_") or ".interfaces." in info.name:
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            cache_info = getattr(obj, "cache_info", None)
            if cache_info is not None and getattr(obj, "__module__", None) == module.__name__ \
                    and cache_info().maxsize is not None:
                obj.cache_clear()


def rate(fn: Callable[[bytes, str], object], datas: list[tuple[str, bytes]], rounds: int,
         clear: bool = False, reps: int = 1) -> tuple[float, float]:
    """Items per second of ``fn`` over ``datas`` repeated ``rounds`` times (after one warm-up
    call): the best wall-clock rate of ``reps`` repetitions, and the rate per CPU-second of
    this process (which other work on the machine disturbs much less)."""
    fn(datas[0][1], datas[0][0])
    best_wall = 0.0
    best_cpu = 0.0
    for _ in range(reps):
        n = 0
        wall = cpu = 0.0
        for _ in range(rounds):
            if clear:
                _clear_caches()
            t, c = time.perf_counter(), time.process_time()
            for path, data in datas:
                fn(data, path)
            wall += time.perf_counter() - t
            cpu += time.process_time() - c
            n += len(datas)
        best_wall = max(best_wall, n / wall)
        best_cpu = max(best_cpu, n / max(cpu, 1e-9))
    return best_wall, best_cpu


def ours(data: bytes, path: str) -> object:
    """What ``parse -j 1`` does per file after reading it: parse and serialise."""
    from parser.interfaces.batch import parse_one

    return parse_one(path, data)


def trafilatura_fn() -> Callable[[bytes, str], object] | None:
    try:
        from trafilatura import bare_extraction
    except Exception:  # not installed, or its lxml extras missing
        return None

    def peer(data: bytes, path: str) -> object:
        return bare_extraction(data)

    return peer


def _load() -> float:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return -1.0


def cold_start(args: list[str], runs: int, pattern_cache: Path, first_on_machine: bool = False) -> float:
    """Median wall time in ms of a fresh ``parse`` process, its compiled patterns kept in
    ``pattern_cache``: filled by a run before the timed ones, or, for ``first_on_machine``, a new
    empty folder for every run (the first ``parse`` after an install compiles every pattern)."""
    from parser.patterns import CACHE_ENV

    def once(folder: Path) -> float:
        env = {**os.environ, CACHE_ENV: str(folder)}
        t = time.perf_counter()
        subprocess.run(parse_cmd() + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        return (time.perf_counter() - t) * 1000

    if not first_on_machine:
        once(pattern_cache)
    return statistics.median(once(pattern_cache / str(k) if first_on_machine else pattern_cache) for k in range(runs))


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for c in children.get(pid, []):
            out.append(c)
            todo.append(c)
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def batch_memory(folder: Path, n_files: int, jobs: int) -> dict[str, float]:
    """Run ``parse folder --jsonl -j jobs``; peak RSS of each process, and RSS early and late."""
    proc = subprocess.Popen([*parse_cmd(), str(folder), "--jsonl", "-q", "-j", str(jobs), "-o", os.devnull])
    peak: dict[int, int] = {}
    samples: list[tuple[float, int]] = []  # (time, largest current RSS among processes)
    t0 = time.perf_counter()
    while proc.poll() is None:
        pids = [proc.pid, *_descendants(proc.pid)]
        largest = 0
        for pid in pids:
            peak[pid] = max(peak.get(pid, 0), _status_kb(pid, "VmHWM"))
            largest = max(largest, _status_kb(pid, "VmRSS"))
        samples.append((time.perf_counter() - t0, largest))
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    q = max(1, len(samples) // 4)
    early = max((s for _, s in samples[q : 2 * q]), default=0)  # skip start-up
    late = max((s for _, s in samples[-q:]), default=0)
    return {
        "wall_s": wall,
        "files": n_files,
        "processes": len(peak),
        "peak_rss_mb": max(peak.values(), default=0) / 1024,
        "rss_second_quarter_mb": early / 1024,
        "rss_last_quarter_mb": late / 1024,
        "returncode": proc.returncode,
    }


def batch_wall(folder: Path, jobs: int) -> float:
    t = time.perf_counter()
    subprocess.run([*parse_cmd(), str(folder), "--jsonl", "-q", "-j", str(jobs), "-o", os.devnull],
                   check=False)
    return time.perf_counter() - t


# ---------------------------------------------------------------- the run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="tiny inputs from examples/: proves the script works")
    ap.add_argument("--corpus", help="the shared corpus folder (default: ../shared/corpus)")
    ap.add_argument("--html-pages", type=int, default=2000, help="HTML pages after replication (default 2000)")
    ap.add_argument("--batch-files", type=int, default=20000, help="files in the memory batch (default 20000)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)

    quick = args.quick
    corpus = corpus_dir(args.corpus)
    results: dict[str, object] = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0],
                                              "load_before": _load()}}
    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((name, value, target, "" if ok is None else ("yes" if ok else "NO")))
        print(f"  {name}: {value}", file=sys.stderr, flush=True)

    # make sure the parser's bytecode exists, as after a normal install
    import parser
    from parser.interfaces.version import version_line

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(parser.__file__).parent)],
                   stdout=subprocess.DEVNULL, check=False)
    results["build"] = {"version": version_line(), "package": str(Path(parser.__file__).parent)}
    row("build measured", version_line())

    with tempfile.TemporaryDirectory(prefix="mrp-bench-") as tmp_name:
        tmp = Path(tmp_name)

        # 1. plain text, one core
        plain = plain_files(corpus, quick)
        datas = [(str(p), p.read_bytes()) for p in plain]
        text_rate, text_cpu = rate(ours, datas, rounds=1 if not quick else 2, clear=True, reps=1 if quick else 2)
        results.update(text_rate=text_rate, text_rate_cpu=text_cpu)
        row(f"plain text, 1 core ({len(plain)} reports)",
            f"{text_rate:,.0f} reports/s ({text_cpu:,.0f} per CPU-second)",
            f"≥ {TARGETS['text_rate']:,.0f}", None if quick else text_rate >= TARGETS["text_rate"])

        # 2. HTML pages, ours and trafilatura's, on the same replicated pages
        pages = html_files(corpus, quick)
        n_pages = 2 * len(pages) if quick else max(args.html_pages, len(pages))
        rounds = max(1, n_pages // len(pages))
        html = [(str(p), p.read_bytes()) for p in pages]
        html_rate, html_cpu = rate(ours, html, rounds, clear=True)
        results.update(html_rate=html_rate, html_rate_cpu=html_cpu)
        row(f"HTML pages, 1 core ({rounds * len(pages)} pages)",
            f"{html_rate:,.1f} pages/s ({html_cpu:,.1f} per CPU-second)")
        peer = trafilatura_fn()
        if peer is not None:
            peer_rate, peer_cpu = rate(peer, html, rounds)
            ratio = html_cpu / peer_cpu
            results.update(trafilatura_rate=peer_rate, trafilatura_rate_cpu=peer_cpu, html_ratio=ratio)
            row("trafilatura bare_extraction, same pages",
                f"{peer_rate:,.1f} pages/s ({peer_cpu:,.1f} per CPU-second)")
            row("HTML: ours ÷ trafilatura (per CPU-second)", f"{ratio:.2f}×", f"≥ {TARGETS['html_ratio']:.0f}×",
                None if quick else ratio >= TARGETS["html_ratio"])
        else:
            row("trafilatura bare_extraction, same pages", "not installed (pip install '.[bench]')")

        # 3. cold start
        one = ROOT / "examples" / "plain_meeting.txt"
        runs = 3 if quick else 11
        cold = cold_start([str(one)], runs, tmp / "patterns")
        first = cold_start([str(one)], runs, tmp / "patterns-first", first_on_machine=True)
        helptime = cold_start(["--help"], runs, tmp / "patterns")
        results.update(cold_start_ms=cold, first_start_ms=first, help_ms=helptime)
        row("cold start: parse one.txt (median)", f"{cold:.0f} ms", f"≤ {TARGETS['cold_start_ms']:.0f} ms",
            None if quick else cold <= TARGETS["cold_start_ms"])
        row("first parse on a machine: no pattern cache yet (median)", f"{first:.0f} ms")
        row("cold start: parse --help (median)", f"{helptime:.0f} ms")

        # 4. -j 2 over -j 1 on the plain-text sample
        folder = tmp / "plain"
        replicate(plain, len(plain) if not quick else 4 * len(plain), folder)
        j1s, j2s = [], []
        for _ in range(1 if quick else 3):  # interleaved, best of each: noise from other work cancels
            j1s.append(batch_wall(folder, 1))
            j2s.append(batch_wall(folder, 2))
        j1, j2 = min(j1s), min(j2s)
        results.update(j1_s=j1, j2_s=j2, speedup_j2=j1 / j2)
        n_plain = len(list(folder.iterdir()))
        row(f"parse DIR -j 1 ({n_plain} files)", f"{j1:.2f} s, {n_plain / j1:,.0f} files/s")
        row(f"parse DIR -j 2 ({n_plain} files)", f"{j2:.2f} s, {n_plain / j2:,.0f} files/s")
        row("speed-up -j 2 over -j 1 (best of 3 each)", f"{j1 / j2:.2f}×", f"≥ {TARGETS['speedup_j2']}×",
            None if quick else j1 / j2 >= TARGETS["speedup_j2"])

        # 5. memory over a large batch
        n_batch = 200 if quick else args.batch_files
        big = tmp / "batch"
        replicate(plain, n_batch, big)
        mem = batch_memory(big, n_batch, jobs=2)
        results["batch"] = mem
        row(f"peak RSS per process, {n_batch:,}-file batch, -j 2", f"{mem['peak_rss_mb']:.0f} MB "
            f"({mem['processes']} processes, {mem['files'] / mem['wall_s']:,.0f} files/s)",
            f"≤ {TARGETS['peak_rss_mb']:.0f} MB", None if quick else mem["peak_rss_mb"] <= TARGETS["peak_rss_mb"])
        row("largest RSS, 2nd quarter → last quarter of the batch",
            f"{mem['rss_second_quarter_mb']:.0f} MB → {mem['rss_last_quarter_mb']:.0f} MB", "flat")

    results["quick"] = quick
    load_after = _load()
    results["machine"]["load_after"] = load_after  # type: ignore[index]
    row("load average (1 min) before → after", f"{results['machine']['load_before']} → {load_after}",  # type: ignore[index]
        f"≪ {os.cpu_count()}: other work on the machine skews every number")
    print_table(rows, quick)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def print_table(rows: list[tuple[str, str, str, str]], quick: bool) -> None:
    head = ("measure", "this machine", "target", "met")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    if quick:
        print("\n(--quick: tiny inputs; the numbers prove the script runs, not the targets)")


if __name__ == "__main__":
    sys.exit(main())
