"""Golden tests: each ``examples/<id>.<ext>`` parses to what its hand-written ``<id>.gold.json`` says.

One test per (example, scored field), compared with the normalisation of the scorer
(``shared/tools/score.py``, reimplemented in ``_support``): simplified characters, no whitespace
or punctuation. Stricter than the scorer in two ways: attendees, directives and credits must also
come in the gold order (order of first mention, document order, byline order), and every example
is checked for its event (date exactly, meeting and place normalised, as ``score.py --event``
does) and its publication date (the ISO value exactly).

A field that the parser gets wrong today is marked ``xfail(strict=True)`` in ``KNOWN_MISSES``
with what differs, so the day it is fixed the suite says so and the mark must go.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from _support import (
    EXAMPLE_REPORTS,
    EXAMPLES,
    directive_keys,
    gold_files,
    lead_matches,
    load_json,
    norm,
    raw_file,
    text_of,
)

from parser import parse_file

FIELDS = ("kind", "headline", "lead", "attendees", "titles", "roles", "directives", "byline",
          "published", "event.date", "event.meeting", "event.place")

# (example id, field) -> what differs today. Keep in step with the parser: strict xfails fail when fixed.
KNOWN_MISSES: dict[tuple[str, str], str] = {}

GOLDS = gold_files(EXAMPLES)


@cache
def parsed(raw: Path) -> dict[str, Any]:
    return parse_file(raw).to_dict()


def _attendee_map(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for a in report["attendees"]:
        out.setdefault(norm(a["name"]), a)
    return out


def check(field: str, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    """Assert that one scored field of ``pred`` agrees with the gold."""
    got: Any  # what the field's comparison reads from ``pred``
    if field == "kind":
        assert pred["kind"] == gold["kind"]
    elif field == "headline":
        assert norm(text_of(pred["headline"])) == norm(gold["headline"]), text_of(pred["headline"])
    elif field == "lead":
        got = text_of(pred["lead"])
        assert lead_matches(got, gold["lead"]), f"{(got or '')[:40]!r} does not begin with {gold['lead']!r}"
    elif field == "attendees":
        assert [norm(a["name"]) for a in pred["attendees"]] == [norm(g["name"]) for g in gold["attendees"]]
    elif field == "titles":
        by_name = _attendee_map(pred)
        got = {g["name"]: [norm(t) for t in by_name[norm(g["name"])]["titles"]] if norm(g["name"]) in by_name else None
               for g in gold["attendees"]}
        assert got == {g["name"]: [norm(t) for t in g["titles"]] for g in gold["attendees"]}
    elif field == "roles":
        by_name = _attendee_map(pred)
        got = {g["name"]: sorted(by_name[norm(g["name"])]["roles"]) if norm(g["name"]) in by_name else None
               for g in gold["attendees"]}
        assert got == {g["name"]: sorted(g["roles"]) for g in gold["attendees"]}
    elif field == "directives":
        assert directive_keys(pred["directives"]) == directive_keys(gold["directives"])
    elif field == "byline":
        got = [(b["role"], norm(b["name"])) for b in pred["byline"]]
        assert got == [(b["role"], norm(b["name"])) for b in gold["byline"]]
    elif field == "published":
        assert (pred["published"] or {}).get("value") == gold["published"], pred["published"]
    elif field == "event.date":
        assert (pred["event"]["date"] or {}).get("value") == gold["event"]["date"], pred["event"]["date"]
    elif field in ("event.meeting", "event.place"):
        part = pred["event"]["name" if field == "event.meeting" else "place"]
        assert norm(text_of(part)) == norm(gold["event"][field.split(".")[1]]), part
    else:  # pragma: no cover - a typo in FIELDS
        raise AssertionError(f"unknown field {field}")


def _cases() -> list[Any]:
    cases = []
    for gold in GOLDS:
        ident = gold.name[: -len(".gold.json")]
        for field in FIELDS:
            marks = []
            if (ident, field) in KNOWN_MISSES:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[(ident, field)]))
            cases.append(pytest.param(gold, field, id=f"{raw_file(gold).name}-{field}", marks=marks))
    return cases


def test_there_are_examples_of_every_shape() -> None:
    """The issue asks for at least eight examples, each with a gold file."""
    assert len(GOLDS) >= 8
    assert {raw_file(g).suffix for g in GOLDS} >= {".txt", ".html", ".md"}


def test_known_misses_name_real_cases() -> None:
    idents = {g.name[: -len(".gold.json")] for g in GOLDS}
    for ident, field in KNOWN_MISSES:
        assert ident in idents and field in FIELDS, (ident, field)


@pytest.mark.parametrize("gold, field", _cases())
def test_example_matches_gold(gold: Path, field: str) -> None:
    check(field, load_json(gold), parsed(raw_file(gold)))


def test_examples_folder_holds_reports_and_their_gold_only() -> None:
    """``parse examples/`` parses reports only: every file is a report with its gold file, or
    the gold file of one."""
    for path in EXAMPLES.iterdir():
        if path.name.endswith(".gold.json"):
            assert any(p.name.startswith(path.name[: -len(".gold.json")] + ".") for p in EXAMPLE_REPORTS), path
        else:
            assert path in EXAMPLE_REPORTS and path.with_name(path.stem + ".gold.json").is_file(), path
