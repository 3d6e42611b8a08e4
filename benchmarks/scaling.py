"""Time and peak memory of one parse as the input grows: is it linear? (docs/robustness.md)

    python benchmarks/scaling.py                 # 1, 2, 4, 8 MB of each shape; a markdown table
    python benchmarks/scaling.py --sizes 0.5 1   # other sizes, in MB
    python benchmarks/scaling.py --shapes names  # some shapes only

Each measurement runs ``parse`` on a generated file in a fresh process (``python -m parser
FILE --max-bytes …``), so peak memory (ru_maxrss of the child) is that of one parse. The
shapes: real People's Daily articles run together (``../shared/corpus``; skipped without it),
an HTML page of those paragraphs with navigation, one line without a newline, one list of
names before 出席, and the most work per byte found: tiny paragraphs (``张伟出席会议。`` lines),
markdown headings (``# 标题`` lines) and a front matter of 100,000 keys.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉"


def _articles() -> str:
    folder = SHARED / "corpus" / "unlabeled" / "peoplesdaily"
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"{folder} not found")
    return "".join(p.read_text(encoding="utf-8") for p in files)


def _fill(unit: str, size: int) -> bytes:
    data = unit.encode("utf-8")
    data = data * (size // len(data) + 1)
    return data[:size].decode("utf-8", "ignore").encode("utf-8")


def corpus_text(size: int) -> bytes:
    return _fill(_articles(), size)


def html_page(size: int) -> bytes:
    paragraphs = [p for p in _articles().splitlines() if p.strip()]
    nav = '<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a></div>'
    body = "".join(f"<p>{p}</p>" + (nav if i % 20 == 0 else "") for i, p in enumerate(paragraphs))
    head = "<html><head><title>青岚市召开工作会议_青岚新闻网</title></head><body>"
    page = _fill(body, size - len(head) - 20)
    return head.encode() + page + b"</body></html>"


def one_line(size: int) -> bytes:
    return _fill("市委书记韦知远出席会议并讲话，强调要抓好落实，市长苗青松主持会议，", size)


def names_list(size: int) -> bytes:
    names: list[str] = []
    i = 0
    while 4 * len(names) < size // 3:
        rest, a = divmod(i, len(SURNAMES))
        b, c = divmod(rest, len(GIVEN))
        names.append(SURNAMES[a] + GIVEN[b % len(GIVEN)] + GIVEN[c])
        i += 1
    return ("、".join(names) + "出席会议。").encode("utf-8")[:size]


def tiny_paragraphs(size: int) -> bytes:
    return _fill("张伟出席会议。\n", size)


def markdown_headings(size: int) -> bytes:
    return _fill("# 标题\n", size)


def front_matter_keys(size: int) -> bytes:
    keys = "".join(f"k{i}: 值\n" for i in range(size // 8))
    return ("---\n" + keys + "---\n正文。\n").encode("utf-8")[: size - 12] + "\n---\n正文。\n".encode()


SHAPES: dict[str, Callable[[int], bytes]] = {
    "corpus text": corpus_text,
    "html page": html_page,
    "one line": one_line,
    "names list": names_list,
    "tiny paragraphs": tiny_paragraphs,
    "markdown headings": markdown_headings,
    "front matter keys": front_matter_keys,
}


def measure(data: bytes) -> tuple[float, float]:
    """Wall seconds and peak MB of ``python -m parser FILE`` in a child process."""
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as fh:
        fh.write(data)
        name = fh.name
    # an intermediate process whose only child is the parse: its RUSAGE_CHILDREN peak is that parse's
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run([sys.executable, '-m', 'parser', sys.argv[1], '--max-bytes', sys.argv[2]], "
             "stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode); "
             "sys.stderr.buffer.write(p.stderr)")
    try:
        proc = subprocess.run([sys.executable, "-c", probe, name, str(len(data) + 1)], capture_output=True,
                              check=False)
        elapsed_s, peak_kb, code = proc.stdout.split()
        if code != b"0":
            raise SystemExit(proc.stderr.decode("utf-8", "replace"))
        elapsed, peak = float(elapsed_s), int(peak_kb)
    finally:
        os.unlink(name)
    return elapsed, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="input sizes in MB")
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES), metavar="SHAPE")
    args = ap.parse_args()
    print("| shape | MB | seconds | s/MB | peak MB |")
    print("|---|---:|---:|---:|---:|")
    for shape in args.shapes:
        for mb in args.sizes:
            data = SHAPES[shape](int(mb * 1_000_000))
            seconds, peak = measure(data)
            print(f"| {shape} | {mb:g} | {seconds:.2f} | {seconds / mb:.2f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
