"""The ``parse`` command, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _support import EXAMPLES, ROOT

from parser import validate

EXAMPLE = EXAMPLES / "plain_meeting.txt"
PARSE = [sys.executable, "-m", "parser"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
        cmd: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``parse`` with ``args``; standard input is ``stdin`` or empty (as in CI, which has none)."""
    return subprocess.run(
        [*(cmd or PARSE), *args],
        input=stdin.decode("utf-8") if stdin is not None else "",
        capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=cwd, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def console_script() -> list[str]:
    """The installed ``parse`` entry point beside this interpreter."""
    found = shutil.which("parse", path=str(Path(sys.executable).parent))
    assert found, f"no `parse` console script beside {sys.executable}: is the project installed?"
    return [found]


def test_one_file_gives_indented_json() -> None:
    proc = run(str(EXAMPLE), cmd=console_script())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("{\n  ")  # indented
    assert "青岚市" in proc.stdout  # Chinese is not escaped
    report = json.loads(proc.stdout)
    validate(report)
    assert report["source"]["path"] == str(EXAMPLE)
    assert report["headline"]["text"].startswith("青岚市召开优化营商环境工作推进会")


def test_stdin() -> None:
    proc = run("-", stdin=EXAMPLE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["source"]["path"] is None
    assert report["headline"]["text"].startswith("青岚市召开优化营商环境工作推进会")


def test_jsonl_lines_in_input_order_with_paths() -> None:
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")
    files = files[::-1]  # not alphabetical: order must follow the arguments
    proc = run("--jsonl", *map(str, files))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(files)
    objs = [json.loads(line) for line in lines]
    assert [o["source"]["path"] for o in objs] == [str(f) for f in files]
    for o in objs:
        validate(o)


def test_single_file_with_jsonl_is_one_line() -> None:
    proc = run("--jsonl", str(EXAMPLE))
    assert proc.returncode == 0
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["source"]["path"] == str(EXAMPLE)


def test_directory_is_walked_recursively(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "b" / "two.txt")
    shutil.copy(EXAMPLES / "gbk_page.html", tmp_path / "one.html")
    shutil.copy(EXAMPLES / "plain_meeting.gold.json", tmp_path / "b" / "two.gold.json")  # not a report
    proc = run(str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    paths = [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()]
    assert sorted(paths) == sorted([str(tmp_path / "b" / "two.txt"), str(tmp_path / "one.html")])


def test_missing_file_is_an_error_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.txt"
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    proc = run(str(EXAMPLE), str(missing), str(binary), str(EXAMPLES / "two_runs.txt"))
    assert proc.returncode == 1
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(objs) == 4
    assert "error" not in objs[0] and "error" not in objs[3]
    assert objs[1]["source"]["path"] == str(missing)
    assert set(objs[1]["error"]) == {"type", "message"} and objs[1]["error"]["message"]
    # binary input is refused as a whole file: either an error line or an empty report that says why
    assert objs[2].get("error", {}).get("type") == "binary" or objs[2]["warnings"][0]["code"] == "binary"
    assert str(missing) in proc.stderr  # messages go to stderr
    assert objs[3]["source"]["path"] == str(EXAMPLES / "two_runs.txt")


def test_no_arguments_is_a_usage_error() -> None:
    proc = run()
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip()


def test_unknown_option_is_a_usage_error() -> None:
    assert run("--no-such-option", str(EXAMPLE)).returncode == 2


def test_schema_option_prints_the_schema() -> None:
    proc = run("--schema")
    assert proc.returncode == 0
    printed = json.loads(proc.stdout)
    assert printed["$schema"].endswith("2020-12/schema")
    assert printed["properties"]["schema_version"]["const"] == printed["version"]
    assert printed == json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def test_help_shows_examples() -> None:
    proc = run("--help", cmd=console_script())
    assert proc.returncode == 0
    out = proc.stdout
    assert "parse report.txt" in out
    assert "--jsonl" in out and "--schema" in out and "--keep-script" in out
    assert "xample" in out  # an "Examples" section


def test_keep_script() -> None:
    path = EXAMPLES / "traditional_glossed.txt"
    simplified = json.loads(run(str(path)).stdout)
    kept = json.loads(run("--keep-script", str(path)).stdout)
    assert simplified["headline"]["text"] != kept["headline"]["text"]
    assert "會" in kept["headline"]["text"] and "会" in simplified["headline"]["text"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_keep_the_order(jobs: str) -> None:
    files = [str(EXAMPLES / n) for n in ("two_runs.txt", "gbk_page.html", "plain_meeting.txt", "frontmatter_post.md")]
    proc = run("-j", jobs, *files)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()] == files


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = run("-o", str(out), str(EXAMPLE))
    assert proc.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["path"] == str(EXAMPLE)


@pytest.mark.parametrize("argv", [
    ["report.txt"],
    ["a.txt", "b.html", "reports/"],
    ["-"],
    ["a.txt", "-"],
    [""],
    ["报告.txt", "with space.md"],
])
def test_paths_alone_are_read_as_typer_reads_them(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The typer-free reading of a command line of paths gives the Options typer gives."""
    from parser.interfaces import cli, command

    seen: list[cli.Options] = []

    def capture(options: cli.Options) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(command, "run", capture)
    assert command.run_typer(list(argv)) == 0
    assert cli.plain_paths(argv) is not None
    assert seen == [cli.Options(cli.plain_paths(argv) or [])]


@pytest.mark.parametrize("argv", [[], ["--jsonl", "a.txt"], ["a.txt", "-j", "2"], ["--help"], ["--", "a.txt"],
                                  ["a.txt", "--version"], ["-q"]])
def test_anything_but_paths_goes_to_typer(argv: list[str]) -> None:
    from parser.interfaces.cli import plain_paths

    assert plain_paths(argv) is None


def test_one_file_starts_without_typer() -> None:
    """``parse one.txt`` never imports typer (its import is a sixth of the start-up)."""
    code = ("import sys; from parser.interfaces.cli import run_cli; status = run_cli([sys.argv[1]]); "
            "sys.stderr.write(f'{status} {\"typer\" in sys.modules}')")
    proc = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)
    assert proc.stderr.strip().endswith("0 False"), proc.stderr
    assert json.loads(proc.stdout)["headline"]["text"].startswith("青岚市召开优化营商环境工作推进会")


@pytest.mark.parametrize("files", [[], ["notes.json", "photo.png", ".hidden.txt"]], ids=["empty", "no-reports"])
def test_a_folder_without_reports_says_so(tmp_path: Path, files: list[str]) -> None:
    """Not a silent exit 0: a message on stderr naming the folder and what a walk takes, an error
    line in its place, exit status 1."""
    for name in files:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    proc = run(str(tmp_path))
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"parse: {tmp_path}: no report files in this folder"), proc.stderr
    assert ".txt" in proc.stderr and "--glob" in proc.stderr
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["source"]["path"] == str(tmp_path)
    assert json.loads(line)["error"]["type"] == "no_reports"


def test_other_inputs_still_parse_beside_a_folder_without_reports(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = run(str(EXAMPLE), str(tmp_path / "empty"))
    assert proc.returncode == 1
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert "error" not in objs[0] and objs[1]["error"]["type"] == "no_reports"


def _folder_of_many_kinds(folder: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for name in ("a.txt", "B.HTML", "c.Md", "no_suffix", "d.log", "e.json", ".hidden.txt", "sub/f.htm",
                 "sub/g.LOG", ".git/h.txt"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def _paths(proc: subprocess.CompletedProcess[str], folder: Path) -> list[str]:
    return [os.path.relpath(json.loads(line)["source"]["path"], folder) for line in proc.stdout.splitlines()]


def test_a_folder_walk_takes_report_suffixes_in_any_case(tmp_path: Path) -> None:
    _folder_of_many_kinds(tmp_path)
    proc = run(str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert _paths(proc, tmp_path) == ["B.HTML", "a.txt", "c.Md", "no_suffix", os.path.join("sub", "f.htm")]


def test_glob_chooses_the_files_of_a_folder_walk(tmp_path: Path) -> None:
    _folder_of_many_kinds(tmp_path)
    proc = run(str(tmp_path), "--glob", "*.log")
    assert proc.returncode == 0, proc.stderr
    assert _paths(proc, tmp_path) == ["d.log", os.path.join("sub", "g.LOG")]  # case ignored
    proc = run(str(tmp_path), "--glob", "*.log", "--glob", "a.*")
    assert _paths(proc, tmp_path) == ["a.txt", "d.log", os.path.join("sub", "g.LOG")]
    proc = run(str(tmp_path), "--glob", "*.doc")
    assert proc.returncode == 1
    assert "no files to parse in this folder (looked for files matching '*.doc')" in proc.stderr


def test_typer_reads_glob_and_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    from parser.interfaces import cli, command

    seen: list[cli.Options] = []

    def run(options: cli.Options) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(command, "run", run)
    assert command.run_typer(["d/", "--glob", "*.htm", "--glob", "*.log", "--timeout", "2.5"]) == 0
    assert seen == [cli.Options(["d/"], glob=["*.htm", "*.log"], timeout=2.5)]


def test_help_says_paths_many_and_documents_the_walk_and_the_limit() -> None:
    from parser.interfaces.inputs import REPORT_SUFFIXES

    out = run("--help").stdout
    assert out.startswith("Usage: parse [OPTIONS] [PATH]...\n")
    walk = " ".join(out.split())  # the help rewraps its paragraphs
    assert all(suffix in walk for suffix in REPORT_SUFFIXES)
    assert "(any case) or with no suffix" in walk
    assert "--glob PATTERN" in out and "--timeout SECONDS" in out
    assert "A file given alone is parsed in this process, with no limit unless --timeout is given" in walk


def _run_on_terminal(args: list[str], stdout: Path | None) -> str:
    """Run ``parse`` with stderr on a pseudo-terminal, and stdout on it too or in the file
    ``stdout``; returns what the terminal shows."""
    pty = pytest.importorskip("pty")
    main_fd, terminal = pty.openpty()
    out = open(stdout, "wb") if stdout else None
    try:
        proc = subprocess.Popen([*PARSE, *args], stdin=subprocess.DEVNULL, stderr=terminal, stdout=out or terminal)
        os.close(terminal)
        screen = b""
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # EIO: every writer of the terminal has closed it
                break
            if not chunk:
                break
            screen += chunk
        proc.wait(timeout=120)
    finally:
        os.close(main_fd)
        if out:
            out.close()
    return screen.decode("utf-8", "replace")


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_progress_bar_only_when_the_json_goes_elsewhere(tmp_path: Path) -> None:
    files = [str(EXAMPLES / n) for n in ("two_runs.txt", "plain_meeting.txt", "frontmatter_post.md")]
    screen = _run_on_terminal(files, stdout=tmp_path / "out.jsonl")
    assert "3/3" in screen and "files/s" in screen  # the bar, on the terminal
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    screen = _run_on_terminal(files, stdout=None)
    assert "files/s" not in screen and "\r" not in screen.replace("\r\n", "\n")  # JSON alone, never a bar
    assert screen.count('"schema_version"') == 3
