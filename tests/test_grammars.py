"""The grammars of grammar/: what each accepts, rejects, and how it resolves ambiguity.

Block classes, roster kinds and markers are written one letter a token:

- document: T TITLE, H HEADING, B BODY, S SALUTATION, X BOILER, M META, C CREDIT, N NOTE, P CAPTION;
  places: h headline, l lead, b body, y byline, - boilerplate;
- attendance: T TITLE, N NAME, S SEP (、), D DENG (等).

The directives grammar has its own file, test_directive_grammar.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, Tree
from lark.exceptions import GrammarError, UnexpectedInput

from parser import parse
from parser.extract.roster_grammar import read_roster
from parser.layout import document_grammar
from parser.layout.document_grammar import Placed, read_plan, read_tokens, runs
from parser.layout.grammars import TokenListLexer, grammar, tokens
from parser.resources import grammar_path

SETTINGS = settings(max_examples=300, deadline=None)
CLASS_OF = {"T": "TITLE", "H": "HEADING", "B": "BODY", "S": "SALUTATION", "X": "BOILER", "M": "META",
            "C": "CREDIT", "N": "NOTE", "P": "CAPTION"}
LETTER_OF_PLACE = {"headline": "h", "lead": "l", "body": "b", "byline": "y", "boilerplate": "-"}
classes_st = st.text(alphabet="".join(CLASS_OF), max_size=14)


def places(seq: str) -> str:
    """The places the document grammar gives a sequence of classes, one letter a block; a
    sequence the grammar rejects is marked ``!`` before the places of its lenient reading."""
    plan = read_plan([CLASS_OF[c] for c in seq])
    out = "".join(LETTER_OF_PLACE[p] for p in plan.places)
    return out if plan.rejected is None else "!" + out


def parses(seq: str, start: str) -> bool:
    try:
        grammar("document", ("report", "page")).parse(iter(tokens([(CLASS_OF[c], i) for i, c in enumerate(seq)])),
                                                      start=start)
    except UnexpectedInput:
        return False
    return True


# --- the document grammar: accepted ------------------------------------------------------------


@pytest.mark.parametrize(
    "seq, expected",
    [
        ("TB", "hl"),  # headline, lead
        ("TTB", "hhl"),  # kicker and main title
        ("TTTB", "hhhl"),  # kicker, main title, subtitle
        ("XXTMCBBBCX", "--h-ylbby-"),  # chrome, headline, front, lead, body, tail
        ("BBB", "lbb"),  # no headline: the first paragraph is the lead
        ("SBB", "lbb"),  # a speech opens with its salutation
        ("THB", "hlb"),  # a section heading opening the article is its lead
        ("TNBPB", "h-lbb"),  # a summary in the front matter, a caption in the body
        ("XCMB", "-y-l"),  # no headline: front matter opens with a credit
        ("TBCBCX", "hlyby-"),  # a credit closing an item, and the tail
        ("TBXB", "hl-b"),  # chrome left between paragraphs is set aside, the paragraph after is body
    ],
)
def test_accepted_sequences_and_their_places(seq: str, expected: str) -> None:
    assert places(seq) == expected


def _names(tree: Tree[Token]) -> list[str]:
    """The rule of each subtree and the type of each token right under ``tree``."""
    return [t.data if isinstance(t, Tree) else t.type for t in tree.children]


def test_a_report_reads_as_its_parts() -> None:
    tree = grammar("document", ("report", "page")).parse(
        iter(tokens([(CLASS_OF[c], i) for i, c in enumerate("XTTMTBTBCX")])), start="report")
    assert _names(tree) == ["chrome", "headline", "front", "article"]
    article = tree.children[-1]
    assert isinstance(article, Tree)
    assert _names(article) == ["lead", "subhead", "paragraph", "tail"]


# --- the document grammar: ambiguity resolved ----------------------------------------------------


@pytest.mark.parametrize(
    "seq, expected, why",
    [
        ("TBTB", "hlbb", "a title line after the lead is a heading of the body, not a second headline"),
        ("TTTTB", "hhh-l", "a fourth title line in a row is a deck line: the headline is full at three"),
        ("TMTB", "h--l", "a title line after front matter is a deck line, not part of the headline"),
        ("MTB", "-hl", "a source line above the headline is chrome"),
        ("TMB", "h-l", "the same line under the headline is front matter"),
        ("TBCB", "hlyb", "a credit between paragraphs closes an item; the article goes on"),
        ("TBBC", "hlby", "a credit after the last paragraph is the byline of the tail"),
        ("TBPB", "hlbb", "a caption inside the article stays in the body"),
    ],
)
def test_ambiguity_resolved(seq: str, expected: str, why: str) -> None:
    assert places(seq) == expected, why


def test_title_lines_before_the_lead_are_headline_then_deck_lines() -> None:
    plan = read_plan([CLASS_OF[c] for c in "TTTTTB"])
    assert plan.headline_blocks == (0, 1, 2)
    assert dict(plan.reasons) == {3: "deck line", 4: "deck line"}
    assert plan.lead_index == 5


# --- the document grammar: rejected, and the recovery -------------------------------------------


@pytest.mark.parametrize(
    "seq, lenient, rejected",
    [
        ("TM", "h-", "the document has no paragraph of running text"),
        ("", "", "the document has no paragraph of running text"),
        ("XX", "--", "the document has no paragraph of running text"),
        ("CTB", "yhl", "paragraph 2 is a title line where a report has none"),  # a credit above the headline
        ("XCTB", "-yhl", "paragraph 3 is a title line where a report has none"),
        ("TTTC", "hhhy", "the document has no paragraph of running text"),
    ],
)
def test_rejected_sequences_are_read_leniently(seq: str, lenient: str, rejected: str) -> None:
    assert not parses(seq, "report")
    plan = read_plan([CLASS_OF[c] for c in seq])
    assert "!" + "".join(LETTER_OF_PLACE[p] for p in plan.places) == places(seq) == "!" + lenient
    assert plan.rejected == rejected


def test_recovery_says_so_in_a_warning() -> None:
    no_body = parse("青岚市召开工作推进会\n来源：青岚日报\n")
    assert [w.code for w in no_body.warnings] == ["no_body"]
    assert no_body.headline is not None and no_body.lead is None
    credit_first = parse("（记者 刘复）\n青岚市召开工作推进会\n　　10月8日下午，全市工作推进会召开，市长闵若川出席。\n")
    codes = [w.code for w in credit_first.warnings]
    assert codes == ["layout_lenient"]
    assert "paragraph 2 is a title line" in credit_first.warnings[0].message
    assert [p.place for p in credit_first.paragraphs] == ["byline", "headline", "lead"]


@SETTINGS
@given(classes_st)
def test_the_lenient_reading_accepts_everything_and_agrees_where_the_report_does(seq: str) -> None:
    assert parses(seq, "page")
    lenient = cast(list[Placed], document_grammar._parser().parse(
        iter(tokens([(CLASS_OF[c], i) for i, c in enumerate(seq)])), start="page"))
    # where `report` accepts, `page` reads the same places; where it rejects, `page`'s are used
    assert [place for _, place, _ in lenient] == per_line(seq)


def per_line(seq: str) -> list[str]:
    """The places of the grammar read with one token a block, not a run."""
    return [place for place, _ in read_tokens(tuple(CLASS_OF[c] for c in seq))[0]]


@SETTINGS
@given(classes_st)
def test_runs_read_as_lines(seq: str) -> None:
    """Blocks of one class in a row are one token: read so, each block has the place the grammar
    gives it read one token a line, the lead's run apart (its first block is the lead, the rest
    body, as the paragraphs after a lead are)."""
    plan = read_plan([CLASS_OF[c] for c in seq])
    assert plan.places == tuple(per_line(seq))  # every block has exactly one place
    assert len(runs([CLASS_OF[c] for c in seq])) == len(re.findall(r"T|([^T])\1*", seq))


@SETTINGS
@given(classes_st)
def test_report_rejects_exactly_the_pages_without_article_or_with_a_credit_above_the_headline(seq: str) -> None:
    has_article = any(c in "BSH" for c in seq)
    before = re.match(r"[XMNPC]*", seq).group()  # type: ignore[union-attr]
    rest = seq[len(before):]
    credit_above_headline = "C" in before and rest[:1] == "T"
    assert parses(seq, "report") == (has_article and not credit_above_headline)


def test_the_grammars_have_no_conflicts() -> None:
    """Built afresh with ``strict=True``, lark refuses any shift/reduce or reduce/reduce conflict."""
    starts = {"document": ["report", "page"], "attendance": ["start"], "directives": ["start"]}
    assert set(starts) == {p.stem for p in grammar_path("document").parent.glob("*.lark")}  # every grammar
    for name, start in starts.items():
        Lark.open(str(grammar_path(name)), parser="lalr", lexer=TokenListLexer, start=start, strict=True)


def test_an_ambiguous_grammar_is_refused(tmp_path: Path) -> None:
    """What ``strict=True`` guards against: a headline that may run into the front matter."""
    text = grammar_path("document").read_text(encoding="utf-8").replace(
        "front: _aside (_aside | deck_line)*", "front: (_aside | deck_line)*")
    path = tmp_path / "document.lark"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GrammarError):
        Lark.open(str(path), parser="lalr", lexer=TokenListLexer, start=["report", "page"], strict=True)


def test_lark_is_used_through_its_public_api_only() -> None:
    """The package imports lark's public names (and ``lark.lexer.Lexer``, the documented base of a
    custom lexer), and reads no parse table of lark's."""
    import ast

    package = Path(__file__).resolve().parent.parent / "parser"
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "lark":
                assert node.module in ("lark", "lark.lexer"), (path, node.module)
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith("lark.") for alias in node.names), path
        assert "parse_table" not in source and "parser_state" not in source, path


# --- the attendance grammar ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "kinds, plan",
    [
        ("TN", (((0,), 1, None),)),  # 市长甲
        ("TTN", (((0, 1), 2, None),)),  # 市委副书记、代市长 read as one chain before the name
        ("NSN", (((), 0, None), ((), 2, None))),  # 甲、乙
        ("NSNDT", (((), 0, None), ((), 2, 4))),  # 甲、乙等市领导: the label closes the list
        ("NSND", (((), 0, None), ((), 2, -1))),  # 甲、乙等
        ("TNST", (((0,), 1, None), ((3,), -1, None))),  # a title no name follows: an unnamed group
        ("T", (((0,), -1, None),)),
    ],
)
def test_roster_plans(kinds: str, plan: tuple[object, ...]) -> None:
    assert read_roster(kinds) == plan


@pytest.mark.parametrize("kinds", ["", "S", "NS", "SN", "D", "NDDN", "TNDD", "NSSN"])
def test_rosters_the_grammar_rejects(kinds: str) -> None:
    assert read_roster(kinds) is None


@SETTINGS
@given(st.text(alphabet="TNSD", max_size=14))
def test_a_roster_plan_places_each_title_and_name_once(kinds: str) -> None:
    plan = read_roster(kinds)
    if plan is None:
        return
    used = [i for titles, name, label in plan for i in (*titles, name, label) if i is not None and i >= 0]
    assert sorted(used) == sorted(set(used))
    assert {kinds[i] for titles, _, _ in plan for i in titles} <= {"T"}
    assert {kinds[name] for _, name, _ in plan if name >= 0} <= {"N"}


