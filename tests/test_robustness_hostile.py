"""A fixed suite of hostile files, each with the behaviour it must show, each under a time bound.

The files are generated into ``tmp_path`` and parsed by the real command (``python -m parser``)
in a subprocess with a generous timeout, so a hang fails the test instead of stalling the run.
Every case checks: the exit status, the output (a schema-valid report, or an error object of
the right type), a one-line message on stderr for a refused file, and never a traceback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from robustness_checks import decoded, problems

from parser.interfaces.api import parse

LIMIT = 90.0  # seconds per file: generous (the slowest case takes ~6 s), so only a hang fails
REPORT = (
    "青岚市召开全市安全生产工作会议\n"
    "　　本报讯（记者 林晓岚）10月8日下午，全市安全生产工作会议召开。市委书记韦知远出席会议并讲话，"
    "市长苗青松主持会议。\n"
    "　　韦知远强调，一要提高认识；二要压实责任；三要抓好落实。\n"
    "　　（责任编辑：蒋文岳）\n"
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉"


def run_cli(*args: object, stdin: bytes | None = None, timeout: float = LIMIT) -> subprocess.CompletedProcess[bytes]:
    """``parse ARGS`` in a fresh process; TimeoutExpired (a hang) fails the test."""
    return subprocess.run([sys.executable, "-m", "parser", *map(str, args)], input=stdin,
                          capture_output=True, timeout=timeout, check=False)


def no_traceback(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return err


def parsed_ok(path: Path, *args: object) -> dict[str, Any]:
    """Parse one file that must parse: exit 0, a valid report that accounts for the input."""
    proc = run_cli(path, *args)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    report = json.loads(proc.stdout)
    found = problems(report, decoded(path.read_bytes()))
    assert not found, "\n".join(found[:10])
    return report


def refused(path: Path | str, kind: str, *args: object, stdin: bytes | None = None) -> str:
    """Parse one input that must be refused: exit 1, an error object of type ``kind``, one line on stderr."""
    proc = run_cli(path, *args, stdin=stdin)
    err = no_traceback(proc)
    assert proc.returncode == 1, (proc.returncode, err)
    obj = json.loads(proc.stdout)
    assert obj["error"]["type"] == kind, obj
    assert len(err.strip().splitlines()) == 1 and obj["error"]["message"] in err, err
    return str(obj["error"]["message"])


def codes(report: dict[str, Any]) -> list[str]:
    return [w["code"] for w in report["warnings"]]


def distinct_names(n: int) -> list[str]:
    """``n`` different three-character names."""
    out = []
    for i in range(n):
        rest, a = divmod(i, len(SURNAMES))
        b, c = divmod(rest, len(GIVEN))
        out.append(SURNAMES[a] + GIVEN[b % len(GIVEN)] + GIVEN[c])
    assert len(set(out)) == n
    return out


# --- empty, binary, broken encodings ----------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    report = parsed_ok(tmp_path / "empty.txt")
    assert "empty" in codes(report) and report["paragraphs"] == []


def test_whitespace_only_file(tmp_path: Path) -> None:
    (tmp_path / "blank.html").write_bytes(b" \r\n\t\n\xe3\x80\x80\n")
    report = parsed_ok(tmp_path / "blank.html")
    assert "empty" in codes(report)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
       + bytes(range(256)) * 8 + b"\x00\x00\x00\x00IEND\xaeB`\x82")
BINARIES = {
    "png.html": PNG,
    "jpeg.txt": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)) * 4,
    "pdf.htm": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4,
    "zip.md": b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(range(256)) * 4,
    "docx.txt": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml" + bytes(200),
    "gz.txt": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 4,
    "elf.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(64) + bytes(range(256)) * 4,
    "exe.html": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 4,
    "mp4.txt": b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2mp41" + bytes(range(256)) * 4,
    "sqlite.txt": b"SQLite format 3\x00" + bytes(range(256)) * 4,
    "random.txt": bytes((i * 7919 + 13) % 256 for i in range(20_000)),
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_files_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BINARIES[name])
    message = refused(path, "binary")
    assert "not a text report" in message or "binary" in message


def test_text_with_a_few_odd_bytes_is_not_refused(tmp_path: Path) -> None:
    data = REPORT.encode("utf-8").replace(b"\n", b"\x01\x02\x00\n", 1)  # odd bytes after the title
    (tmp_path / "odd.txt").write_bytes(data)
    report = parsed_ok(tmp_path / "odd.txt")
    assert report["headline"]["text"] == "青岚市召开全市安全生产工作会议"


def test_truncated_utf8(tmp_path: Path) -> None:
    data = REPORT.encode("utf-8").rstrip(b"\n")[:-4]  # cut inside the last character
    (tmp_path / "cut.txt").write_bytes(data)
    report = parsed_ok(tmp_path / "cut.txt")
    assert report["source"]["encoding"] == "utf-8"
    (warning,) = [w for w in report["warnings"] if w["code"] == "decode_errors"]
    assert warning["message"].startswith("1 byte sequence")
    assert [a["name"] for a in report["attendees"]] == ["韦知远", "苗青松"]


def test_truncated_gbk(tmp_path: Path) -> None:
    data = REPORT.encode("gbk").rstrip(b"\n")[:-3]
    (tmp_path / "cut_gbk.txt").write_bytes(data)
    report = parsed_ok(tmp_path / "cut_gbk.txt")
    assert report["source"]["encoding"] == "gb18030"
    assert "decode_errors" in codes(report)
    assert [a["name"] for a in report["attendees"]] == ["韦知远", "苗青松"]


def test_mixed_encodings(tmp_path: Path) -> None:
    lines = REPORT.splitlines(keepends=True)
    data = b"".join(line.encode("utf-8" if i % 2 else "gbk") for i, line in enumerate(lines))
    (tmp_path / "mixed.txt").write_bytes(data)
    report = parsed_ok(tmp_path / "mixed.txt")
    assert report["source"]["encoding"] == "utf-8+gb18030"
    assert "mixed_encoding" in codes(report)
    assert [a["name"] for a in report["attendees"]] == ["韦知远", "苗青松"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "gb18030"])
def test_other_encodings(tmp_path: Path, codec: str) -> None:
    (tmp_path / "enc.txt").write_bytes(REPORT.encode(codec))
    report = parsed_ok(tmp_path / "enc.txt")
    assert [a["name"] for a in report["attendees"]] == ["韦知远", "苗青松"]


def test_declared_charset_that_lies(tmp_path: Path) -> None:
    page = f"<html><head><meta charset=\"iso-8859-1\"><title>会议</title></head><body><p>{REPORT}</p></body></html>"
    (tmp_path / "lie.html").write_bytes(page.encode("gbk"))
    report = parsed_ok(tmp_path / "lie.html")
    assert report["source"]["encoding"] == "gb18030" and "charset_mismatch" in codes(report)


# --- size --------------------------------------------------------------------------------------------


def test_file_over_the_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    block = REPORT.encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(25_000_000 // len(block) + 1):
            fh.write(block)
    assert path.stat().st_size > 25_000_000
    start = time.monotonic()
    message = refused(path, "too_large")
    assert "20,000,000" in message and "--max-bytes" in message
    assert time.monotonic() - start < 30  # refused before reading


def test_100_mb_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:
        fh.truncate(100_000_000)  # sparse: 100 MB of NULs, never read
    message = refused(path, "too_large")
    assert "100,000,000" in message


def test_max_bytes_option(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    refused(tmp_path / "r.txt", "too_large", "--max-bytes", "100")
    parsed_ok(tmp_path / "r.txt", "--max-bytes", "100000")


def test_standard_input_over_the_limit() -> None:
    data = REPORT.encode("utf-8") * (2_000_000 // len(REPORT.encode("utf-8")) + 1)
    message = refused("-", "too_large", "--max-bytes", "1000000", stdin=data)
    assert "1,000,000" in message


# --- structure bombs ---------------------------------------------------------------------------------


def _html(body: str) -> str:
    return f"<html><head><title>青岚市召开全市安全生产工作会议</title></head><body>{body}</body></html>"


def test_100000_nested_tags(tmp_path: Path) -> None:
    n = 100_000
    page = _html("<div>" * n + "<p>市委书记韦知远出席会议并讲话。</p>" + "</div>" * n)
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    report = parsed_ok(tmp_path / "deep.html")
    assert "deep_nesting" in codes(report)
    assert [a["name"] for a in report["attendees"]] == ["韦知远"]


@pytest.mark.parametrize("tag", ["span", "b", "ul", "blockquote", "table", "a", "font", "div/"])
def test_100000_unclosed_tags(tmp_path: Path, tag: str) -> None:
    page = _html(f"<{tag}>" * 100_000 + "<p>市委书记韦知远出席会议并讲话。</p>")
    (tmp_path / "unclosed.html").write_text(page, encoding="utf-8")
    parsed_ok(tmp_path / "unclosed.html")


def test_nested_navigation_wrappers(tmp_path: Path) -> None:
    page = _html('<div class="nav">' * 20_000 + "<p>市委书记韦知远出席会议并讲话，强调要抓好落实。</p>" * 200)
    (tmp_path / "wrappers.html").write_text(page, encoding="utf-8")
    parsed_ok(tmp_path / "wrappers.html")


def test_10000_names_in_one_list(tmp_path: Path) -> None:
    names = distinct_names(10_000)
    text = "青岚市召开全市干部大会\n　　" + "、".join(names) + "出席会议。\n"
    (tmp_path / "names.txt").write_text(text, encoding="utf-8")
    report = parsed_ok(tmp_path / "names.txt")
    found = [a["name"] for a in report["attendees"]]
    assert found == names  # all of them, in order


def test_a_list_too_long_to_search_is_cut_with_a_warning(tmp_path: Path) -> None:
    names = distinct_names(20_000)
    text = "、".join(names) + "出席会议。\n"
    (tmp_path / "names.txt").write_text(text, encoding="utf-8")
    report = parsed_ok(tmp_path / "names.txt")
    assert "long_clause" in codes(report)
    assert 0 < len(report["attendees"]) < len(names)


def test_2000000_character_line(tmp_path: Path) -> None:
    sentence = "市委书记韦知远出席会议并讲话，强调要抓好落实，市长苗青松主持会议，"
    line = (sentence * (2_000_000 // len(sentence) + 1))[:2_000_000]
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    report = parsed_ok(tmp_path / "line.txt")
    assert len(report["paragraphs"]) == 1 and report["paragraphs"][0]["span"] == [0, 2_000_000]


BOMBS: dict[str, Callable[[], str]] = {
    "dun": lambda: "、" * 500_000,
    "paren": lambda: "（" * 500_000,
    "paren_pairs": lambda: "（" * 200_000 + "）" * 200_000,
    "yishi": lambda: "一是" * 200_000,
    "yishi_sentences": lambda: "会议强调，一是抓好落实；二是加强领导。" * 5_000,
    "periods": lambda: "。" * 500_000 + "x",
    "spaces_after_dateline": lambda: "新华社北京电" + " " * 500_000 + "x",
    "title_of_spaces": lambda: _html("<p>市委书记韦知远出席会议。</p>").replace("<title>", "<title>" + " " * 300_000),
    "verbs_without_commas": lambda: "韦知远出席苗青松主持" * 50_000,
    "deng": lambda: "韦知远等" * 50_000 + "出席会议。",
    "linkers": lambda: "在" * 100_000 + "韦知远出席会议。",
    "credit_bracket": lambda: "（记者" + " 林晓岚" * 25_000,
    "comments": lambda: "<p>会议</p>" + "<!--" * 100_000,
    "entities": lambda: "<p>" + "&amp;" * 200_000 + "</p>",
    "nul_paragraphs": lambda: _html(("<p>" + "会议" * 100 + "\x00</p>") * 2_000),  # under 1 % NULs
    "table_text": lambda: _html("<table>" + "<tr><td>单元格</td></tr>表格外的文字" * 5_000 + "</table>"),
    "markers": lambda: "".join(f"（{i % 40 + 1}）要抓好落实。" for i in range(12_000)),
    "front_matter": lambda: "---\n" + "title: 标题\n" * 12_000 + "---\n正文。",
    "yaml_aliases": lambda: "---\na: &a [x,x,x,x,x,x,x,x]\n" + "".join(  # a billion laughs in YAML
        f"{c}: &{c} [{', '.join(['*' + p] * 8)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ) + "---\n正文。",
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_regex_and_structure_bombs(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(BOMBS[name](), encoding="utf-8")
    parsed_ok(path)


@pytest.mark.parametrize("value", ["2024-02-30", "9" * 5000, "[" * 5000 + "]" * 5000, "!!python/object:os.system x"])
def test_front_matter_python_cannot_build(tmp_path: Path, value: str) -> None:
    """A value YAML reads but Python cannot build (an impossible date, a 5,000-digit number) is a
    warning, not a lost report; the title still heads it."""
    path = tmp_path / "post.md"
    path.write_text(f"---\ntitle: 全市干部大会召开\ndate: {value}\n---\n\n全市干部大会召开。市长苗青松主持会议。\n",
                    encoding="utf-8")
    report = parsed_ok(path)
    assert report["headline"]["text"] == "全市干部大会召开"
    assert [a["name"] for a in report["attendees"]] == ["苗青松"]
    assert "front_matter" in codes(report)


@pytest.mark.parametrize("broken", ["tags: [会议, 工作", "summary: 'unclosed\n  - x", "\tkey: tab-indented"])
def test_front_matter_yaml_refuses_keeps_title_and_date(tmp_path: Path, broken: str) -> None:
    """Front matter no YAML loader accepts as a whole still gives its plain ``title`` and
    ``date`` lines, with a warning that says only those were used."""
    path = tmp_path / "post.md"
    path.write_text(f"---\ntitle: \"全市干部大会召开\"\ndate: 2024-03-05\n{broken}\n---\n\n全市干部大会召开。\n",
                    encoding="utf-8")
    report = parsed_ok(path)
    assert report["headline"]["text"] == "全市干部大会召开"
    assert report["source"]["metadata"]["date"] == "2024-03-05"
    (warning,) = [w for w in report["warnings"] if w["code"] == "front_matter"]
    assert "key: value" in warning["message"]


# --- files that are not files ------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    message = refused(tmp_path / "no-such-file.txt", "not_found")
    assert "no-such-file.txt" in message


def test_directory_named_as_a_report(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    proc = run_cli(tmp_path / "d")  # a folder is walked: no reports in it, which is said
    no_traceback(proc)
    assert proc.returncode == 1 and b"no_reports" in proc.stdout and b"no report files" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block forever
    refused(fifo, "not_a_file")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this system")
def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(str(path))
        except OSError as exc:  # a path too long for a socket address
            pytest.skip(f"cannot bind a Unix socket here: {exc}")
        refused(path, "not_a_file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused() -> None:
    refused("/dev/zero", "not_a_file")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads a chmod 000 file anyway, so there is nothing to refuse")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(REPORT, encoding="utf-8")
    path.chmod(0)
    try:
        refused(path, "unreadable")
    finally:
        path.chmod(0o644)


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "a" / "r.txt").write_text(REPORT, encoding="utf-8")
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)  # corpus/a/loop -> corpus
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    proc = run_cli(root, "--jsonl")
    no_traceback(proc)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    by_path = {Path(obj["source"]["path"]).name: obj for obj in lines}
    assert set(by_path) == {"r.txt", "self.txt", "dangling.txt"}
    assert "error" not in by_path["r.txt"]
    assert by_path["self.txt"]["error"]["type"] == "unreadable"
    assert by_path["dangling.txt"]["error"]["type"] == "not_found"
    assert proc.returncode == 1


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names there must be valid Unicode")
def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """A name with bytes that are not UTF-8 is shown with \\x escapes; the JSON lines stay UTF-8."""
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff\xfe-good.txt")).write_text(REPORT, encoding="utf-8")
    (folder / os.fsdecode(b"\xc3-image.txt")).write_bytes(PNG)
    out = tmp_path / "out.jsonl"
    proc = run_cli(folder, "--jsonl", "-o", out)
    no_traceback(proc)
    assert proc.returncode == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [obj["source"]["path"].rsplit("/", 1)[-1] for obj in lines] == ["\\xc3-image.txt", "\\xff\\xfe-good.txt"]
    assert lines[0]["error"]["type"] == "binary" and "error" not in lines[1]


def test_folders_1200_deep(tmp_path: Path) -> None:
    here = tmp_path / "deep"
    here.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(here)
        for _ in range(1200):  # relative steps: the absolute path would pass PATH_MAX
            os.mkdir("d")
            os.chdir("d")
        Path("r.txt").write_text(REPORT, encoding="utf-8")
    finally:
        os.chdir(cwd)
    try:
        proc = subprocess.run([sys.executable, "-m", "parser", "deep", "--jsonl"], cwd=tmp_path,
                              capture_output=True, timeout=LIMIT, check=False)
    finally:
        _remove_deep(here)  # pytest's own clean-up (shutil.rmtree) recurses and would fail on it
    no_traceback(proc)
    (line,) = proc.stdout.splitlines()
    assert [a["name"] for a in json.loads(line)["attendees"]] == ["韦知远", "苗青松"]


def _remove_deep(top: Path) -> None:
    """Remove a tree of any depth without recursion, working with relative paths."""
    cwd = os.getcwd()
    try:
        os.chdir(top)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for name in os.listdir("."):
            os.unlink(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(cwd)


# --- linear time ---------------------------------------------------------------------------------------

SCALED: dict[str, Callable[[int], str]] = {
    "prose": lambda n: (REPORT * (n // len(REPORT) + 1))[:n],
    "one_line": lambda n: ("市委书记韦知远出席会议并讲话，" * (n // 15 + 1))[:n],
    "names": lambda n: "、".join(distinct_names(n // 4)) + "出席会议。",
    "nested_divs": lambda n: _html("<div>" * (n // 5) + "会议" + "</div>" * (n // 6)),
    "yishi": lambda n: "一是" * (n // 2),
    "directive_runs": lambda n: "会议强调，一是抓好落实；二是加强领导。" * (n // 19),
}


@pytest.mark.parametrize("shape", sorted(SCALED))
def test_time_grows_linearly(shape: str) -> None:
    """Four times the input costs at most about four times the CPU time (ten allowed for noise)."""
    make = SCALED[shape]
    small, large = make(25_000), make(100_000)
    parse(small[:1000])  # grammars and lexicons loaded

    def cpu(text: str) -> float:
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            parse(text)
            best = min(best, time.process_time() - start)
        return best

    t_small, t_large = cpu(small), cpu(large)
    assert t_large < 10 * t_small + 0.2, f"{shape}: {t_small:.3f} s for 25,000 characters, {t_large:.3f} s for 100,000"
