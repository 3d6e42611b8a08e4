"""The lexicons under parser/lexicons/: documented, free of duplicates, and every entry used or justified.

"Used" means the entry occurs in a report the project can read: the examples, the seeds, the
development corpus or the unlabeled People's Daily sample. An entry that occurs in none of them
must be justified by a comment line in its file that names it (``# 作了专题报告: …``), or belong
to a lexicon whose header says why its entries are a closed class (surnames, stop characters).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from _support import EXAMPLES, SHARED

LEXICONS = Path(__file__).resolve().parents[1] / "parser" / "lexicons"
# closed classes: their header says what they are; single entries need no occurrence
CLOSED_CLASSES = {"surnames.txt", "name_stopchars.txt", "traditional_markers.txt"}
# regular-expression lexicons: each row is a pattern, checked for compiling instead
PATTERN_FILES = {"boilerplate.tsv", "kind_cues.tsv", "markers.tsv", "line_classes.tsv"}


def lexicon_files() -> list[Path]:
    return sorted(p for p in LEXICONS.iterdir() if p.suffix in (".txt", ".tsv"))


def entries(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if path.suffix == ".tsv":
            out.append(line.split("\t")[0].strip())
        else:
            out.extend(line.split())
    return out


def comments(path: Path) -> str:
    return "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.lstrip().startswith("#"))


@cache
def reading_text() -> str:
    """All report text the project can read, as one string (examples always; ../shared when present)."""
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in EXAMPLES.glob("*") if p.suffix != ".json"]
    if SHARED.is_dir():
        import opencc

        conv = opencc.OpenCC("t2s")
        for sub in ("seeds", "corpus/dev"):
            for p in sorted((SHARED / sub).rglob("*")):
                if p.is_file() and not p.name.endswith(".json") and p.suffix != ".tsv":
                    raw = p.read_bytes()
                    try:
                        text = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        text = raw.decode("gb18030", errors="replace")
                    parts.append(conv.convert(text))
        unlabeled = sorted((SHARED / "corpus/unlabeled/peoplesdaily").glob("*.txt"))
        parts.extend(p.read_text(encoding="utf-8", errors="replace") for p in unlabeled)
    return "\n".join(parts)


@pytest.mark.parametrize("path", lexicon_files(), ids=lambda p: p.name)
def test_lexicon_has_a_header_saying_what_it_is(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and len(first) > 20, f"{path.name} must open with a comment saying what it is for"


@pytest.mark.parametrize("path", lexicon_files(), ids=lambda p: p.name)
def test_lexicon_has_no_duplicates(path: Path) -> None:
    if path.name in PATTERN_FILES:
        return
    seen: set[str] = set()
    dups = [e for e in entries(path) if e in seen or seen.add(e)]  # type: ignore[func-returns-value]
    assert not dups, f"{path.name} lists these twice: {dups}"


@pytest.mark.parametrize("path", [p for p in lexicon_files() if p.name in PATTERN_FILES], ids=lambda p: p.name)
def test_pattern_lexicon_rows_compile(path: Path) -> None:
    import regex

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        pattern = cols[3] if path.name == "markers.tsv" else cols[1] if path.name in ("kind_cues.tsv",
                                                                                   "line_classes.tsv") else cols[0]
        regex.compile(pattern.replace("{CN}", "[一二三]").replace("{MEETING}", "(?:会议)"))


@pytest.mark.parametrize(
    "path", [p for p in lexicon_files() if p.name not in CLOSED_CLASSES | PATTERN_FILES], ids=lambda p: p.name
)
def test_every_entry_is_used_or_justified(path: Path) -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared (the corpus) is absent: usage of lexicon entries cannot be checked")
    text = reading_text()
    notes = comments(path)
    unused = [e for e in entries(path) if e not in text and not re.search(re.escape(e), notes)]
    assert not unused, (
        f"{path.name}: these entries occur in no report the project can read and no comment justifies them: "
        f"{unused}. Remove them, or add a comment line naming them and saying why they are needed."
    )
