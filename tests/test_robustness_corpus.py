"""Real input at volume: the 3,000 People's Daily articles of ../shared/corpus/unlabeled parse
with no error into schema-valid reports that account for their input.

CI runs a deterministic sample of 200 (every 15th file); ``ROBUSTNESS_FULL=1`` runs all of
them (the full run is recorded in docs/robustness.md). Skipped when ../shared is absent.
"""

from __future__ import annotations

import os

import pytest
from robustness_checks import SHARED, SHARED_MISSING, decoded, problems

from parser.interfaces.api import parse

FOLDER = SHARED / "corpus" / "unlabeled" / "peoplesdaily"
FILES = sorted(FOLDER.glob("*.txt")) if FOLDER.is_dir() else []
FULL = os.environ.get("ROBUSTNESS_FULL") == "1"
SAMPLE = FILES if FULL else FILES[::15]


@pytest.mark.skipif(not FILES, reason=SHARED_MISSING)
def test_the_corpus_is_all_there() -> None:
    assert len(FILES) == 3000


@pytest.mark.skipif(not FILES, reason=SHARED_MISSING)
def test_every_article_parses_into_a_valid_report() -> None:
    failures: list[str] = []
    for path in SAMPLE:
        data = path.read_bytes()
        report = parse(data, path=str(path)).to_dict()
        refused = [w for w in report["warnings"] if report["source"]["format"] == "unknown"]
        if refused:
            failures.append(f"{path.name}: refused: {refused[0]['message']}")
            continue
        found = problems(report, decoded(data))
        if found:
            failures.append(f"{path.name}: {found[0]}")
    assert not failures, f"{len(failures)} of {len(SAMPLE)} failed:\n" + "\n".join(failures[:20])

