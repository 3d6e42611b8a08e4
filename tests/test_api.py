"""The library call: ``from parser import parse, parse_file, parse_many, Report, validate``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from _support import EXAMPLES

import parser
from parser import Report, parse, parse_file, parse_many, validate

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
    items: list[object] = [EXAMPLE, "市委书记韦知远出席会议并讲话。", str(EXAMPLES / "two_runs.txt"),
                           "青岚江三桥正式通车".encode()]
    items = items * 5  # more than a small batch, so worker processes are used
    results = list(parse_many(items, jobs=2))
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        assert isinstance(result, Report)
        expected = str(item) if isinstance(item, Path) or (isinstance(item, str) and item.endswith(".txt")) else None
        assert result.source.path == expected


def test_parse_many_reports_unreadable_inputs_in_place() -> None:
    results = list(parse_many([EXAMPLE, b"\x89PNG\r\n\x1a\n" + bytes(40), EXAMPLE], jobs=1))
    assert isinstance(results[0], Report) and isinstance(results[2], Report)
    bad = results[1]
    assert not isinstance(bad, Report)
    assert bad.type == "binary" and bad.message


def test_schema_function_survives_validation() -> None:
    """validate() loads the schema module; parser.schema must stay the function."""
    parser.validate(parser.parse("市委书记韦知远出席会议。").to_dict())
    assert callable(parser.schema)
    assert parser.schema()["version"] == parser.SCHEMA_VERSION
