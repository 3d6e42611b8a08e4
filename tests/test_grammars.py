"""grammars.py: lark's LALR tables as plain data, cached on disk, and the parse run over them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError

from parser.extract.roster import _CHAR_KIND, _plan
from parser.layout import grammars
from parser.layout.grammars import ParseTable, grammar, parse_table, reductions, tokens

SETTINGS = settings(max_examples=400, deadline=None)
_KINDS = st.text(alphabet="TNSD", max_size=14)


def _lark_plan(kinds: str) -> tuple[tuple[tuple[int, ...], int, int | None], ...] | None:
    """The roster plan read off the tree of ``Lark.parse`` (how attendance.py read it before
    the parse ran over the plain table): the oracle for ``_plan``."""
    try:
        tree = grammar("attendance").parse(tokens([(_CHAR_KIND[c], "") for c in kinds] + [("VERB", "")]))
    except LarkError:
        return None
    parts: list[tuple[tuple[int, ...], int, int | None]] = []
    roster = tree.children[0]
    assert isinstance(roster, Tree)
    for part in roster.children:
        if not isinstance(part, Tree):  # SEP
            continue
        leaves = [t for t in part.children if isinstance(t, Token)]
        if part.data == "titles":
            parts.append((tuple(t.start_pos or 0 for t in leaves), -1, None))
            continue
        label = next((x for x in part.children if isinstance(x, Tree)), None)
        said = None if label is None else [t for t in label.children if isinstance(t, Token) and t.type == "TITLE"]
        parts.append((
            tuple(t.start_pos or 0 for t in leaves if t.type == "TITLE"),
            next(t.start_pos or 0 for t in leaves if t.type == "NAME"),
            None if said is None else (said[0].start_pos or 0) if said else -1,
        ))
    return tuple(parts)


@SETTINGS
@given(_KINDS)
def test_roster_plan_is_the_one_read_off_lark_tree(kinds: str) -> None:
    assert _plan.__wrapped__(kinds) == _lark_plan(kinds)


_CLASSES = ("TITLE", "HEADING", "BODY", "SALUTATION", "BOILER", "META", "CREDIT", "NOTE", "CAPTION")


@SETTINGS
@given(st.lists(st.sampled_from(_CLASSES), max_size=12))
def test_the_table_rejects_what_lark_rejects(classes: list[str]) -> None:
    try:
        grammar("document").parse(tokens([(c, i) for i, c in enumerate(classes)]))
        accepted = True
    except LarkError:
        accepted = False
    assert (reductions(parse_table("document"), classes) is not None) == accepted


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty table cache of its own, and the in-process caches forgotten around the test."""
    monkeypatch.setenv("MRP_CACHE_DIR", str(tmp_path))
    parse_table.cache_clear()
    yield tmp_path
    parse_table.cache_clear()


def test_a_cached_table_is_the_table_lark_builds(cache: Path) -> None:
    built = parse_table("attendance")
    files = list(cache.glob("attendance-*.table"))
    assert len(files) == 1
    parse_table.cache_clear()
    assert parse_table("attendance") == built  # read back from the file
    # a fresh build may number its states otherwise (lark's sets are unordered), not parse otherwise
    fresh = grammars._unpack(grammars._build(grammars.grammar_text("attendance")))
    for kinds in ("TN", "TNSTN", "NSNDT", "TSTN", "NDSN", "TTNDTSTT", "S", "", "NN"):
        symbols = [_CHAR_KIND[c] for c in kinds] + ["VERB"]
        assert reductions(built, symbols) == reductions(fresh, symbols)


def test_a_stale_or_broken_cache_file_is_never_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = parse_table("document")
    (path,) = cache.glob("document-*.table")
    for content in (b"", b"\x00garbage", path.read_bytes()[:-7]):
        path.write_bytes(content)
        parse_table.cache_clear()
        assert parse_table("document") == good
    # a table saved for another text of the grammar, under this text's file name, is ignored
    import marshal

    wrong = ParseTable({0: {}}, 0, 0)
    text = grammars.grammar_text("document")
    stamp = f"{grammars._TABLE_FORMAT}\0{grammars._lark_stamp()}\0{sys.version_info[:2]}"
    path.write_bytes(marshal.dumps((text + " ", stamp, wrong.states, 0, 0)))
    parse_table.cache_clear()
    assert parse_table("document") == good
    path.write_bytes(marshal.dumps((text, stamp, wrong.states, 0, 0)))  # the same text: it is read
    parse_table.cache_clear()
    assert parse_table("document") == wrong


def test_an_empty_cache_dir_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MRP_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    parse_table.cache_clear()
    try:
        assert parse_table("attendance").states
    finally:
        parse_table.cache_clear()
    assert not list(tmp_path.iterdir())


def test_a_warm_process_parses_without_importing_lark(tmp_path: Path) -> None:
    """Once the tables are cached, parsing a report never imports lark (~25 ms of start-up)."""
    code = ("import sys; from parser import parse; "
            "r = parse('市委书记张三、市长李四出席会议。\\n会议强调，一要抓落实。'); "
            "print(len(r.attendees), 'lark' in sys.modules)")
    env = {**os.environ, "MRP_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                           timeout=120, check=True).stdout.split() for _ in range(2)]
    assert runs[0][0] == runs[1][0] == "2"
    assert runs[1][1] == "False"  # the second process found the cache
