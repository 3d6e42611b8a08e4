"""The library call: ``from parser import parse, parse_file, parse_many, Report, validate``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest
from _support import EXAMPLES, ROOT

import parser
from parser import ParseError, Report, parse, parse_file, parse_many, validate

EXAMPLE = EXAMPLES / "plain_meeting.txt"


def test_parse_text_and_bytes_agree() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    from_text = parse(text).to_dict()
    from_bytes = parse(text.encode("utf-8")).to_dict()
    assert from_text["source"]["encoding"] == "unicode"
    assert from_bytes["source"]["encoding"] == "utf-8"
    for key in ("kind", "headline", "lead", "attendees", "directives", "byline", "paragraphs"):
        assert from_text[key] == from_bytes[key], key


def test_parse_returns_a_typed_report() -> None:
    report = parse_file(EXAMPLE)
    assert isinstance(report, Report)
    assert report.kind == "meeting_report"
    assert report.headline is not None and report.headline.text.startswith("青岚市")
    assert report.attendees and isinstance(report.attendees[0].titles, list)
    assert report.source.path == str(EXAMPLE)
    assert (Path(parser.__file__).parent / "py.typed").is_file()


def test_to_json_is_unescaped_and_matches_to_dict() -> None:
    report = parse_file(EXAMPLE)
    text = report.to_json()
    assert "青岚市" in text and "\\u" not in text
    assert json.loads(text) == report.to_dict()
    assert "\n" not in report.to_json(indent=None)


def test_path_is_carried() -> None:
    assert parse("会议召开。", path="some/where.txt").to_dict()["source"]["path"] == "some/where.txt"


def test_parse_file_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        parse_file(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    "data", ["", b"", " \n\t\u3000\n", "\ufeff", b"\xef\xbb\xbf", "。。。", "<html></html>", "---\n---\n"]
)
def test_empty_input_is_a_report_with_warnings(data: str | bytes) -> None:
    report = parse(data).to_dict()
    validate(report)
    assert report["headline"] is None and report["lead"] is None
    assert report["attendees"] == [] and report["directives"] == [] and report["byline"] == []
    assert report["warnings"]  # says why it is empty


def test_validate_rejects_what_breaks_the_schema() -> None:
    good = parse_file(EXAMPLE).to_dict()
    validate(good)
    for broken in (
        {**good, "kind": "novel"},
        {**good, "unexpected": 1},
        {k: v for k, v in good.items() if k != "attendees"},
        {**good, "attendees": [{"name": "韦知远", "titles": [], "roles": ["danced"], "span": [0, 3]}]},
        {**good, "headline": {"text": "x", "span": [0]}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)


def test_parse_many_keeps_input_order(tmp_path: Path) -> None:
    items: list[str | Path] = [EXAMPLE, str(EXAMPLES / "two_runs.txt"), EXAMPLES / "gbk_page.html"]
    items = items * 6  # more than a small batch, so several worker processes are used
    results = list(parse_many(items, jobs=2))
    assert [r.source.path if isinstance(r, Report) else r for r in results] == [str(i) for i in items]


def test_parse_many_reports_unreadable_inputs_in_place(tmp_path: Path) -> None:
    image = tmp_path / "image.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    results = list(parse_many([EXAMPLE, image, EXAMPLE], jobs=1))
    assert isinstance(results[0], Report) and isinstance(results[2], Report)
    bad = results[1]
    assert not isinstance(bad, Report)
    assert bad.type == "binary" and bad.message and bad.path == str(image)


def _cli_paths(*args: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "parser", "--jsonl", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)
    return [json.loads(line)["source"]["path"] for line in proc.stdout.splitlines()]


def _result_paths(results: list[Report | ParseError]) -> list[str | None]:
    return [r.source.path if isinstance(r, Report) else r.path for r in results]


def test_parse_many_walks_a_folder_given_as_str_as_the_command_does(tmp_path: Path) -> None:
    """A folder named by a ``str`` is a folder, not report text: its files, in the CLI's order."""
    for name in ("b.txt", "A.HTML", "sub/c.md", "notes.log", "sub/d.log"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(EXAMPLE, tmp_path / name)
    results = list(parse_many([str(tmp_path)], jobs=1))
    assert all(isinstance(r, Report) for r in results)
    assert _result_paths(results) == _cli_paths(str(tmp_path))
    assert len(results) == 3
    assert _result_paths(list(parse_many([tmp_path], glob="*.LOG"))) == _cli_paths(str(tmp_path), "--glob", "*.log")


def test_parse_many_says_what_is_wrong_with_a_path(tmp_path: Path) -> None:
    """A missing path with no known suffix, or a folder with no report files, is an error in its
    place, never an empty report of its name read as text."""
    (tmp_path / "empty").mkdir()
    missing, empty = str(tmp_path / "no-such-dir"), str(tmp_path / "empty")
    results = list(parse_many([missing, Path(missing), empty], jobs=1))
    assert [(r.path, r.type) for r in results if isinstance(r, ParseError)] == [
        (missing, "not_found"), (missing, "not_found"), (empty, "no_reports")]


@pytest.mark.parametrize("items", [[b"report text as bytes"], "one/path.txt", [42]])
def test_parse_many_takes_paths_only(items: object) -> None:
    with pytest.raises(TypeError, match="parse_many takes"):
        list(parse_many(items))  # type: ignore[arg-type]


def test_version_comes_from_the_package_metadata() -> None:
    assert parser.__version__ == metadata.version("meeting-report-parser")


def test_version_in_a_source_checkout_without_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    from parser.interfaces import version as build

    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version = "([^"]+)"', pyproject, re.M)
    assert declared and build.package_version() == declared.group(1)


def test_schema_id_is_a_neutral_urn_with_the_schema_version() -> None:
    schema = parser.schema()
    assert schema["$id"] == f"urn:meeting-report-parser:report:{parser.SCHEMA_VERSION}"
    assert schema["version"] == parser.SCHEMA_VERSION


def test_schema_function_survives_validation() -> None:
    """validate() loads the schema module; parser.schema must stay the function."""
    parser.validate(parser.parse("市委书记韦知远出席会议。").to_dict())
    assert callable(parser.schema)
    assert parser.schema()["version"] == parser.SCHEMA_VERSION
