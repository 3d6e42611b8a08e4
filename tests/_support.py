"""Helpers shared by the tests: where things are, the scorer's normalisation, span walking.

Nothing here imports from ``../shared``: the normalisation of ``shared/tools/score.py`` is
small and reimplemented below so the tests state exactly what they compare.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
# the example reports: every .txt, .html and .md file of examples/ (the folder holds reports and
# their gold files only, so that `parse examples/` parses reports only)
EXAMPLE_REPORTS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".md"))
SHARED = TESTS.parents[1] / "shared"  # the ``shared`` folder beside the repository
SEEDS = SHARED / "seeds"
DEV = SHARED / "corpus" / "dev"
LOCAL = SHARED / "corpus" / "local"
SCORER = SHARED / "tools" / "score.py"

SHARED_MISSING = "../shared (seeds, corpus and scorer) is not beside the repository"


def raw_file(gold: Path) -> Path:
    """The report a gold file describes: ``<id>.<ext>`` beside ``<id>.gold.json``."""
    stem = gold.name[: -len(".gold.json")]
    for cand in sorted(gold.parent.glob(stem + ".*")):
        if not cand.name.endswith(".gold.json"):
            return cand
    raise FileNotFoundError(f"no raw file beside {gold}")


def gold_files(folder: Path) -> list[Path]:
    """``*.gold.json`` under ``folder``, sorted; empty when the folder is absent."""
    return sorted(folder.rglob("*.gold.json")) if folder.is_dir() else []


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# --- the scorer's normalisation (shared/tools/score.py), reimplemented --------------------------


def norm(s: str | None) -> str:
    """NFKC, then drop whitespace, punctuation, symbols, separators and controls; lower-case."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not (c.isspace() or unicodedata.category(c)[0] in "PSZC")).lower()


def strip_lead_in(s: str) -> str:
    """Item texts are compared without a leading 要/是 (``一是要加强`` = ``一是`` + ``要加强``)."""
    while s[:1] in ("要", "是"):
        s = s[1:]
    return s


def text_of(field: Any) -> str | None:
    """``headline``/``lead`` as text, whether the value is a ``{text, span}`` object or a string."""
    if isinstance(field, dict):
        return field.get("text")
    return field


def lead_matches(parsed: str | None, gold: str | None) -> bool:
    """The gold prefix begins the parsed lead; up to 30 characters of dateline may stand before it."""
    if gold is None:
        return not parsed
    g, p = norm(gold), norm(parsed)
    return bool(p) and g in p[: len(g) + 30]


def flatten_directives(items: list[dict[str, Any]] | None, level: int = 1) -> Iterator[tuple[int, dict[str, Any]]]:
    """(depth, item) over a directive tree in document order; depth is the scorer's level."""
    for it in items or []:
        yield level, it
        yield from flatten_directives(it.get("children") or [], level + 1)


def directive_keys(items: list[dict[str, Any]] | None) -> list[tuple[int, int | None, str]]:
    """What the scorer compares per item: (depth, ordinal, first 6 normalised characters)."""
    return [(lv, it.get("ordinal"), strip_lead_in(norm(it.get("text")))[:6]) for lv, it in flatten_directives(items)]


# --- spans --------------------------------------------------------------------------------------


def all_spans(report: dict[str, Any]) -> Iterator[tuple[str, list[int]]]:
    """Every span in a report dict, with a label saying where it was found."""
    for key in ("headline", "dateline", "lead"):
        if isinstance(report.get(key), dict):
            yield key, report[key]["span"]
    for key in ("attendees", "groups", "byline", "paragraphs"):
        for i, obj in enumerate(report.get(key) or []):
            yield f"{key}[{i}]", obj["span"]
    for lv, it in flatten_directives(report.get("directives")):
        yield f"directive level {lv} {it.get('marker')}", it["span"]
    published = report.get("published")
    if isinstance(published, dict) and published.get("span") is not None:
        yield "published", published["span"]
    for part, value in (report.get("event") or {}).items():
        if isinstance(value, dict):
            yield f"event.{part}", value["span"]


def paragraph_overlaps(paragraphs: list[dict[str, Any]]) -> list[str]:
    """Paragraph spans that are empty or overlap another, in input order."""
    problems: list[str] = []
    previous: tuple[int, int] | None = None
    for p in sorted(paragraphs, key=lambda p: tuple(p["span"])):
        start, end = p["span"]
        if start >= end:
            problems.append(f"empty paragraph span {p['span']} for {p['text'][:20]!r}")
        if previous is not None and start < previous[1]:
            problems.append(f"paragraph {p['span']} {p['text'][:20]!r} overlaps {list(previous)}")
        previous = (start, end)
    return problems


def spans_outside(report: dict[str, Any], length: int) -> list[str]:
    """Labels of spans that are not ``0 <= start <= end <= length``."""
    bad = []
    for label, span in all_spans(report):
        start, end = span
        if not (0 <= start <= end <= length):
            bad.append(f"{label}: {span} outside [0, {length}]")
    return bad
