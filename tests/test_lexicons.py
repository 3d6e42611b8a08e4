"""The lexicons under parser/lexicons/: documented, free of duplicates, and every entry used or justified.

"Used" means the entry occurs in a report the project can read: the examples, the seeds, the
development corpus or the unlabeled People's Daily sample. An entry that occurs in none of them
must be justified by a comment line in its file that names it (``# 作了专题报告: …``), or belong
to a lexicon whose header says why its entries are a closed class (surnames, stop characters).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from _support import EXAMPLES, SHARED

from parser.model import Role
from parser.resources import lexicon_dirs, lexicon_path

# closed classes: their header says what they are; single entries need no occurrence
CLOSED_CLASSES = {"surnames.txt", "name_stopchars.txt", "name_soft_stopchars.txt", "traditional_markers.txt"}
# generated from a segmenter's dictionary by tools/derive_name_lexicons.py: the whole of a word
# class, not entries chosen one by one, so each needs no occurrence either
GENERATED = {"common_words.txt", "common_words_rarer.txt", "transliteration_chars.txt", "weak_surnames.txt"}
# regular-expression lexicons: each row is a pattern, checked for compiling instead
PATTERN_FILES = {"boilerplate.tsv", "kind_cues.tsv", "markers.tsv", "dates.tsv", "credit_shapes.tsv",
                 "news_openings.tsv", "line_classes.tsv", "block_classes.tsv", "datelines.tsv"}


def lexicon_files() -> list[Path]:
    """Every rule file of every stage (``parser/<stage>/lexicons/``)."""
    return sorted((p for d in lexicon_dirs() if d.is_dir() for p in d.iterdir() if p.suffix in (".txt", ".tsv")),
                  key=lambda p: p.name)


def test_lexicon_names_are_unique_across_stages() -> None:
    """A rule file is named without its stage, so no two stages may hold the same name."""
    names = [p.name for p in lexicon_files()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert all(lexicon_path(n) in lexicon_files() for n in names)


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
        pattern = cols[{"markers.tsv": 3, "kind_cues.tsv": 1, "line_classes.tsv": 1, "block_classes.tsv": 1,
                        "credit_shapes.tsv": 5}
                       .get(path.name, 0)]
        for key, value in (("{CN}", "[一二三]"), ("{NAME}", "\\p{Han}{2,8}"), ("{CODE}", "[A-Z0-9]+"),
                           ("{ROLE}", "记者|文"), ("{ROLE2}", "记者"), ("{MEETING}", "(?:会议)"),
                           ("{CY}", "[一二三]{4}"), ("{TO}", "[-至]"), ("{OUTLET}", "新华社|本报")):
            pattern = pattern.replace(key, value)
        regex.compile(pattern)


@pytest.mark.parametrize(
    "path", [p for p in lexicon_files() if p.name not in CLOSED_CLASSES | PATTERN_FILES | GENERATED],
    ids=lambda p: p.name
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


def test_user_lexicon_folder_adds_rows(tmp_path: Path) -> None:
    """``MRP_LEXICONS`` names a folder whose files add rows to the package's lexicons of the
    same name: a new title suffix makes a title of a word the package does not know."""
    report = tmp_path / "r.txt"
    report.write_text("青岚市召开林业工作会议\n　　3月5日，青岚市召开林业工作会议。市林场护林总管韦知远出席会议。\n",
                      encoding="utf-8")
    extra = tmp_path / "rules"
    extra.mkdir()
    (extra / "title_suffixes.txt").write_text("# a title the package does not know\n护林总管\n", encoding="utf-8")

    def titles(env_extra: dict[str, str]) -> list[list[str]]:
        env = {**os.environ, **env_extra}
        proc = subprocess.run([sys.executable, "-m", "parser", str(report)], capture_output=True, text=True,
                              encoding="utf-8", env=env, check=True)
        return [a["titles"] for a in json.loads(proc.stdout)["attendees"]]

    assert titles({}) != [["市林场护林总管"]]
    assert titles({"MRP_LEXICONS": str(extra)}) == [["市林场护林总管"]]


def test_rules_doc_names_every_lexicon() -> None:
    """docs/rules.md, the users' guide to the rule files, describes each of them."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [p.name for p in lexicon_files() if f"`{p.name}`" not in doc]
    assert not missing, f"docs/rules.md does not describe {missing}"


# --- one row added to a lexicon takes effect with no code edit -------------------------------


def _attendees(text: str) -> list[tuple[str, list[str], list[Role]]]:
    from parser import parse

    return [(a.name, a.titles, a.roles) for a in parse(text).attendees]


MEETING = "青岚市召开林业工作会议\n　　3月5日，青岚市召开林业工作会议。{}\n"


def test_a_title_suffix_row_reads_a_title_after_the_name(tmp_path: Path) -> None:
    """A title written after the name (``韦知远护林总管出席``) is found from the suffix row alone;
    as ANNOTATION.md says, it is no title of the person."""
    from _lexicon_edit import lexicon_with_row

    text = MEETING.format("韦知远护林总管出席会议并讲话。")
    assert _attendees(text) == []
    with lexicon_with_row(tmp_path, "title_suffixes.txt", "护林总管"):
        assert _attendees(text) == [("韦知远", [], ["attended", "spoke"])]


def test_a_list_verb_row_introduces_a_list_after_it(tmp_path: Path) -> None:
    """A role verb made a list verb (``到会指导的领导有：甲，乙``) reads the people after it."""
    from _lexicon_edit import lexicon_with_row

    text = MEETING.format("到会指导的领导有：市委书记韦知远，市长苗青松。")
    assert _attendees(text) == []
    with lexicon_with_row(tmp_path, "list_verbs.txt", "到会指导"):
        assert _attendees(text) == [("韦知远", ["市委书记"], ["attended"]), ("苗青松", ["市长"], ["attended"])]
