"""Accuracy gates: the scorer of ``../shared/tools/score.py`` run over the seeds and the dev corpus.

- seeds: every field must be 1.000 (the issue's definition of done), the event's date, meeting
  and place (``score.py --event``) included;
- corpus/dev: every field, the event's included, must stay at or above the floor pinned in
  ``accuracy_floors.json``.
  The floors are pinned to a corpus: a sha256 over its gold files. When the corpus changes the
  test fails and asks for a re-pin, which is

      python tests/test_accuracy.py --repin

  (it runs the scorer, writes each field's score minus 0.02, rounded down to two decimals, and
  the new hash; a floor pinned before is kept when that is higher, also across a change of the
  corpus). Raising a floor by hand after an improvement is welcome; lowering one needs a reason.

Both skip, saying why, when ``../shared`` is not beside the repository.
"""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from _support import DEV, LOCAL, ROOT, SCORER, SEEDS, SHARED_MISSING

FLOORS = Path(__file__).resolve().parent / "accuracy_floors.json"
MARGIN = 0.02
REPIN = "python tests/test_accuracy.py --repin"


def run_scorer(gold_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The scorer over ``gold_dir``, parsing with this interpreter's ``python -m parser``."""
    cmd = f'"{sys.executable}" -m parser'
    return subprocess.run(
        [sys.executable, str(SCORER), str(gold_dir), "--cmd", cmd, *extra],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )


def scores(gold_dir: Path) -> dict[str, Any]:
    """The scorer's field scores, the event's (``--event``: date, meeting, place) included."""
    proc = run_scorer(gold_dir, "--json", "--event")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def misses(gold_dir: Path) -> str:
    """The scorer's per-report misses, for a failure message."""
    return run_scorer(gold_dir, "--per-doc", "--event").stdout[-6000:]


def corpus_hash(gold_dir: Path) -> str:
    """sha256 over the contents of the gold files, in sorted order of their paths under ``gold_dir``."""
    h = hashlib.sha256()
    for path in sorted(gold_dir.rglob("*.gold.json"), key=lambda p: p.relative_to(gold_dir).as_posix()):
        h.update(path.read_bytes())
    return h.hexdigest()


# The floors the issues set (the structure; the meeting itself: date, meeting, place; local
# reports). A pinned floor may be higher, never lower.
ISSUE_FLOORS = {
    "corpus/dev": {"valid": 1.0, "kind": 0.95, "headline": 0.95, "lead": 0.95, "attendees": 0.93,
                   "titles": 0.88, "roles": 0.88, "directives": 0.95, "byline": 0.93,
                   "date": 0.90, "meeting": 0.85, "place": 0.85},
    "corpus/local": {"valid": 1.0, "kind": 0.93, "headline": 0.93, "lead": 0.93, "attendees": 0.93,
                     "titles": 0.88, "roles": 0.88, "directives": 0.90, "byline": 0.90},
}
CORPORA = {"corpus/dev": DEV, "corpus/local": LOCAL}


def floor_of(score: float) -> float:
    return math.floor((score - MARGIN) * 100 + 1e-9) / 100


needs_shared = pytest.mark.skipif(not SCORER.is_file(), reason=SHARED_MISSING)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_pinned_floors_never_fall_below_the_issue_floors(corpus: str) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[corpus]["floors"]
    low = {k: (floors.get(k), v) for k, v in ISSUE_FLOORS[corpus].items() if floors.get(k, 0.0) < v}
    assert not low, f"pinned floors below the issue's (pinned, required): {low}; the gate may only be raised"


@needs_shared
def test_seeds_score_one_on_every_field() -> None:
    result = scores(SEEDS)
    assert result["reports"] == len(list(SEEDS.glob("*.gold.json")))
    below = {k: round(v, 3) for k, v in result["fields"].items() if v < 1.0}
    assert not below, f"seed fields below 1.000: {below}\n{misses(SEEDS)}"


@needs_shared
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_corpus_stays_above_its_floors(corpus: str) -> None:
    folder = CORPORA[corpus]
    if not folder.is_dir():
        pytest.skip(f"../shared/{corpus} is absent")
    entry = json.loads(FLOORS.read_text(encoding="utf-8"))[corpus]
    actual_hash = corpus_hash(folder)
    assert actual_hash == entry["sha256"], (
        f"../shared/{corpus} changed (gold sha256 {actual_hash[:12]}… != pinned {entry['sha256'][:12]}…): "
        f"the floors in tests/accuracy_floors.json belong to the old corpus. Re-pin them with `{REPIN}` "
        "and commit the file."
    )
    result = scores(folder)
    assert result["reports"] == entry["reports"]
    below = {k: (round(result["fields"].get(k, 0.0), 3), floor) for k, floor in entry["floors"].items()
             if result["fields"].get(k, 0.0) < floor}
    assert not below, f"{corpus} fields below their floors (score, floor): {below}\n{misses(folder)}"


def repin() -> None:
    """Measure every corpus now and write its floors and hash; floors only ever rise, also when a
    corpus changed (its gold gained a field): lowering one is a hand edit with a reason."""
    previous = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.is_file() else {}
    data: dict[str, Any] = {
        "_comment": "Floors for tests/test_accuracy.py: the scorer's field scores (with --event) on each corpus "
                    f"of ../shared at pin time minus {MARGIN}, rounded down to 2 decimals, never below the "
                    "issues' floors nor an earlier pin. sha256 is over the gold files' contents in sorted "
                    f"path order. Re-pin with `{REPIN}`.",
    }
    for corpus, folder in CORPORA.items():
        result = scores(folder)
        old = (previous.get(corpus) or {}).get("floors", {})
        data[corpus] = {
            "reports": result["reports"],
            "sha256": corpus_hash(folder),
            "measured": {k: round(v, 4) for k, v in result["fields"].items()},
            "floors": {k: max(floor_of(v), ISSUE_FLOORS[corpus].get(k, 0.0), old.get(k, 0.0))
                       for k, v in result["fields"].items()},
        }
        print(corpus, json.dumps(data[corpus]["measured"]))
    FLOORS.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--repin"]:
        raise SystemExit(f"usage: {REPIN}")
    repin()
