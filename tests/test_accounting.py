"""Every seed and example: the output validates against the schema, and accounts for the input.

Accounting means: every paragraph of the output has a span inside the decoded input, no two
paragraph spans overlap, every span elsewhere in the report lies inside the input, and, for
plain-text inputs, every visible character of the input lies inside some paragraph's span (so a
dropped line is noticed). ``test_accounting_check_can_fail`` proves the check is not vacuous.
"""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from _support import EXAMPLES, ROOT, SEEDS, SHARED_MISSING, load_json, norm, paragraph_overlaps, spans_outside

from parser import SCHEMA_VERSION, parse_file, validate
from parser.normalize.text import GLOSS


def inputs() -> list[Any]:
    files = [p for p in sorted(EXAMPLES.iterdir()) if p.is_file() and not p.name.endswith(".json")
             and p.name != "README.md"]
    seeds = sorted(p for p in SEEDS.iterdir() if not p.name.endswith(".json")) if SEEDS.is_dir() else []
    params = [pytest.param(p, id=f"examples/{p.name}") for p in files]
    params += [pytest.param(p, id=f"seeds/{p.name}") for p in seeds]
    if not seeds:
        params.append(pytest.param(None, id="seeds", marks=pytest.mark.skip(reason=SHARED_MISSING)))
    return params


def decoded_input(path: Path, report: dict[str, Any]) -> str:
    """The input as the parser read it: the file decoded with the encoding the report names."""
    return path.read_bytes().decode(report["source"]["encoding"])


def accounting_problems(report: dict[str, Any], text: str) -> list[str]:
    """Everything wrong with how ``report`` accounts for ``text`` (empty when all is well)."""
    problems = []
    if report["source"]["length"] != len(text):
        problems.append(f"source.length {report['source']['length']} != {len(text)} characters decoded")
    problems += spans_outside(report, len(text))
    paragraphs = report["paragraphs"]
    if not paragraphs and text.strip():
        problems.append("no paragraphs for a non-empty input")
    problems += paragraph_overlaps(paragraphs)
    for p in paragraphs:
        if p["place"] == "boilerplate" and not p.get("reason"):
            problems.append(f"boilerplate without a reason: {p['text'][:20]!r}")
    if report["source"]["format"] == "text":
        covered = bytearray(len(text))
        for p in paragraphs:
            start, end = p["span"]
            covered[start:end] = b"\x01" * (end - start)
        for i, ch in enumerate(text):
            if not covered[i] and not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf"):
                line_start = text.rfind("\n", 0, i) + 1
                problems.append(f"character {i} ({ch!r}) of line {text[line_start:i + 20]!r} is in no paragraph")
                break
        # and each paragraph's text is the text under its span (glosses out, punctuation aside)
        for p in paragraphs:
            start, end = p["span"]
            under = GLOSS.sub("", text[start:end])
            if report["source"]["converted_to_simplified"]:
                continue  # script conversion changes characters; spans are checked above
            if norm(under) != norm(p["text"]):
                problems.append(f"paragraph text {p['text'][:20]!r} is not the input under {p['span']}")
    return problems


@pytest.mark.parametrize("path", inputs())
def test_output_validates_and_accounts_for_the_input(path: Path) -> None:
    report = parse_file(path).to_dict()
    validate(report)
    assert report["schema_version"] == SCHEMA_VERSION == load_json(ROOT / "schemas" / "report.schema.json")["version"]
    assert report["source"]["path"] == str(path)
    problems = accounting_problems(report, decoded_input(path, report))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", inputs())
def test_every_paragraph_has_one_known_place(path: Path) -> None:
    report = parse_file(path).to_dict()
    places = [p["place"] for p in report["paragraphs"]]
    assert set(places) <= {"headline", "lead", "body", "byline", "boilerplate"}
    assert places.count("lead") == (1 if report["lead"] else 0)
    if report["headline"] is None:
        assert "headline" not in places
    # names and credits sit where the report says they are
    text = decoded_input(path, report)
    for a in report["attendees"] + report["byline"]:
        start, end = a["span"]
        under = GLOSS.sub("", text[start:end])
        assert under in (a["name"], a.get("name_original")), (a["name"], under)


def test_accounting_check_can_fail() -> None:
    """Break a good report in each way the check looks for, and see it complain."""
    path = EXAMPLES / "plain_meeting.txt"
    good = parse_file(path).to_dict()
    text = decoded_input(path, good)
    assert accounting_problems(good, text) == []

    dropped = copy.deepcopy(good)
    dropped["paragraphs"].pop(len(dropped["paragraphs"]) // 2)
    assert any("in no paragraph" in p for p in accounting_problems(dropped, text))

    overlapping = copy.deepcopy(good)
    overlapping["paragraphs"][1]["span"][0] = overlapping["paragraphs"][0]["span"][0]
    assert any("overlaps" in p for p in accounting_problems(overlapping, text))

    outside = copy.deepcopy(good)
    outside["paragraphs"][-1]["span"][1] = len(text) + 5
    assert any("outside" in p for p in accounting_problems(outside, text))

    shifted = copy.deepcopy(good)
    shifted["attendees"][0]["span"] = [len(text) + 1, len(text) + 4]
    assert any("attendees[0]" in p for p in accounting_problems(shifted, text))

    wrong_text = copy.deepcopy(good)
    wrong_text["paragraphs"][0]["text"] = "另一段文字"
    assert any("is not the input" in p for p in accounting_problems(wrong_text, text))

    assert any("source.length" in p for p in accounting_problems(good, text + "尾"))
