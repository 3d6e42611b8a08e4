"""directive_grammar.py and grammar/directives.lark: the numbering step's tokens, what the grammar
accepts, rejects and how it resolves ambiguity, and the trees of any sequence of markers.

Markers are written as a report writes them, one word each: ``一、`` ``（一）`` ``1.`` ``（1）``
(section ranks 1 to 4) and ``一要`` ``一是`` ``第一`` ``其一`` (run-in); a leading ``…`` marks a
marker inside its paragraph (the others open theirs). Trees are written ``marker{children}``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token
from lark.exceptions import GrammarError, UnexpectedInput

from parser import parse
from parser.extract import directive_grammar
from parser.extract.directive_grammar import (
    MAX_DEPTH,
    SECTION_RANKS,
    ItemTree,
    Numbering,
    grammar,
    read_tree,
)
from parser.extract.directives import Candidate, Item, cn_value
from parser.layout.grammars import TokenListLexer
from parser.model import Directive
from parser.resources import grammar_path, lexicon_path

SETTINGS = settings(max_examples=300, deadline=None)


def candidate(j: int, word: str) -> Candidate:
    """The candidate of an invented marker word, as the j-th marker of the report."""
    opens = not word.startswith("…")
    w = word.lstrip("…")
    if w.endswith("、"):
        family, rank, n = "dun", 1, w[:-1]
    elif w.endswith("."):
        family, rank, n = "arabic", 3, w[:-1]
    elif w.startswith("（"):
        n = w[1:-1]
        family, rank = ("paren_ar", 4) if n.isdigit() else ("paren_cn", 2)
    elif w.startswith(("第", "其")):
        family, rank, n = {"第": "di", "其": "qi"}[w[0]], 0, w[1:]
    else:
        family, rank, n = {"要": "yao", "是": "shi"}[w[-1]], 0, w[:-1]
    value = cn_value(n)
    assert value is not None, word
    return Candidate(j, 0, len(w), family, family, rank, value, w, opens)


def cands(words: str) -> list[Candidate]:
    return [candidate(j, w) for j, w in enumerate(words.split())]


def shape(items: list[Item]) -> str:
    """The tree as ``marker{children}``, siblings separated by spaces."""
    return " ".join(it.cand.marker + (f"{{{shape(it.children)}}}" if it.children else "") for it in items)


def tree(words: str) -> str:
    """The tree the numbering step and the grammar make of the markers."""
    return shape(read_tree(cands(words)))


def numbered(words: str) -> list[str]:
    """The numbering step's tokens, a ``RUN_IN_END`` written ``]``."""
    cs = cands(words)
    return ["]" if t.type == "RUN_IN_END" else f"{t.type}:{cs[t.value].marker}" for t in Numbering(cs).tokens()]


def placed(words: str) -> str:
    """The grammar alone over markers named without counting: a 1 opens a run, any other number
    goes on with one, ``]`` ends the innermost run-in run. Raises where the grammar rejects."""
    markers: list[Candidate] = []
    toks: list[Token] = []
    for word in words.split():
        if word == "]":
            toks.append(Token("RUN_IN_END", -1))
            continue
        c = candidate(len(markers), word)
        first = c.ordinal == 1
        kind = (f"OPEN{c.rank}" if first else f"NEXT{c.rank}") if c.rank else ("RUN_IN" if first else "RUN_IN_NEXT")
        toks.append(Token(kind, len(markers)))
        markers.append(c)
    return shape(ItemTree(markers).transform(grammar().parse(iter(toks))))


# --- the grammar: accepted ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, expected, why",
    [
        ("一、 （一） 1. 2. （二） 一要 二要 ] 二、", "一、{（一）{1. 2.} （二）{一要 二要}} 二、",
         "the levels: 一、 › （一） › 1., a run-in run inside the item it stands in"),
        ("一、 1. 2. 二、", "一、{1. 2.} 二、", "a rank may be skipped: 1. right under 一、"),
        ("一、 （1） 1. （一）", "一、{（1） 1. （一）}", "under one item, a deeper run before a shallower one"),
        ("一是 第一 第二 ] 二是 ]", "一是{第一 第二} 二是", "a run-in run inside a run-in item"),
        ("一要 二要 ] 一是 二是 ]", "一要 二要 一是 二是", "two run-in runs, one after the other"),
        ("一要 二要 ] 一、 一要 ]", "一要 二要 一、{一要}", "a run-in run before any section stands at the top"),
        ("", "", "a report without markers"),
    ],
)
def test_accepted_sequences_and_their_trees(words: str, expected: str, why: str) -> None:
    assert placed(words) == expected, why


# --- the grammar: ambiguity resolved -------------------------------------------------------------


@pytest.mark.parametrize(
    "words, expected, why",
    [
        ("一、 1. 2. （一）", "一、{1. 2. （一）}",
         "（一） closes the 1. run and stands beside it under 一、, not inside 2."),
        ("（一） 1. 一、", "（一）{1.} 一、", "一、 closes every deeper run: it stands at the top"),
        ("1. （1） 2.", "1.{（1）} 2.", "2. goes on with the 1. run, closing the （1） run inside 1."),
        ("一、 一是 ] （一）", "一、{一是 （一）}", "a section marker after a run-in run stands beside it"),
    ],
)
def test_where_a_section_marker_stands_is_decided_by_its_rank(words: str, expected: str, why: str) -> None:
    assert placed(words) == expected, why


def test_whether_a_run_in_run_nests_is_the_numbering_steps_to_say() -> None:
    """The one choice the grammar leaves open: ``]`` (the run is over) says a run-in run at 1
    stands beside the run before it; without it the run opens inside that run's last item."""
    assert placed("一是 第一 第二 ] 二是 ]") == "一是{第一 第二} 二是"
    assert placed("一是 ] 第一 第二 ]") == "一是 第一 第二"


# --- the grammar: rejected ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, why",
    [
        ("一、 （一） （二） 二、 （三）", "（三） would go on with the run 二、 closed"),
        ("1. 2. （一） 3.", "3. would go on with the run （一） closed"),
        ("（二）", "a section number with no run before it"),
        ("二要 ]", "a run-in number with no run before it"),
        ("一、 一是 （一）", "a section marker inside a run-in item: the run-in run must be over first"),
        ("一是 二是", "a run-in run that is never over"),
        ("一、 ]", "the end of a run-in run where none is open"),
    ],
)
def test_rejected_sequences(words: str, why: str) -> None:
    with pytest.raises(UnexpectedInput):
        placed(words)


def test_the_grammar_has_no_conflicts_and_its_levels_are_what_makes_it_so(tmp_path: Path) -> None:
    """Built with ``strict=True``, lark refuses a grammar with any ambiguity: one whose items of
    rank 2 may hold runs of rank 2 (is （一） inside （二） or beside it?), or whose run-in runs
    need not be ended (does a run-in run at 1 nest or stand beside?)."""
    Lark.open(str(grammar_path("directives")), parser="lalr", lexer=TokenListLexer, strict=True)
    text = grammar_path("directives").read_text(encoding="utf-8")
    for old, new in [("_inside2: run_in* run4* run3*", "_inside2: run_in* run4* run3* run2*"),
                     ("(RUN_IN_NEXT run_in*)* RUN_IN_END", "(RUN_IN_NEXT run_in*)* RUN_IN_END?")]:
        assert old in text
        path = tmp_path / "directives.lark"
        path.write_text(text.replace(old, new), encoding="utf-8")
        with pytest.raises(GrammarError):
            Lark.open(str(path), parser="lalr", lexer=TokenListLexer, strict=True)


# --- the numbering step ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, tokens, why",
    [
        ("一、 二、 三、 五、", ["OPEN1:一、", "NEXT1:二、", "NEXT1:三、"], "五、 goes on with no run: left out"),
        ("二要 三要", [], "a run starts at 1"),
        ("一、 （一） （二） 二、 （三）", ["OPEN1:一、", "OPEN2:（一）", "NEXT2:（二）", "NEXT1:二、"],
         "二、 restarts the count of deeper ranks: （三） goes on with no run"),
        ("一要 …二要 …一是 …二是 一、", ["RUN_IN:一要", "RUN_IN_NEXT:二要", "]", "RUN_IN:一是", "RUN_IN_NEXT:二是", "]",
                                     "OPEN1:一、"],
         "the 一要 run does not go on after 一是: beside it; a section marker ends the run-in runs"),
        ("一是 …第一 …第二 二是", ["RUN_IN:一是", "RUN_IN:第一", "RUN_IN_NEXT:第二", "]", "RUN_IN_NEXT:二是", "]"],
         "the 一是 run goes on after 第一: the 第一 run opens inside 一是"),
        ("一是 …二是 …三是 一是 …二是 …三是 …四是",
         ["RUN_IN:一是", "RUN_IN_NEXT:二是", "RUN_IN_NEXT:三是", "]",
          "RUN_IN:一是", "RUN_IN_NEXT:二是", "RUN_IN_NEXT:三是", "RUN_IN_NEXT:四是", "]"],
         "四是 stands inside its paragraph as the second run's 三是 did: the second run's, beside the first"),
    ],
)
def test_the_numbering_steps_tokens(words: str, tokens: list[str], why: str) -> None:
    assert numbered(words) == tokens, why


def test_the_numbering_step_goes_on_with_the_run_whose_last_item_stands_alike() -> None:
    """Of two open runs of one family awaiting 二是, the one whose last item stood as 二是 does."""
    assert tree("一是 …一是 …二是 二是") == "一是{一是 二是} 二是"
    assert tree("一是 …一是 二是 …二是") == "一是{一是} 二是"


def test_every_marker_rank_is_a_level_of_the_grammar() -> None:
    ranks = {int(line.split("\t")[2]) for line in lexicon_path("markers.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")}
    assert ranks <= {0, *SECTION_RANKS}
    with pytest.raises(ValueError, match="no level of the grammar"):
        Numbering([Candidate(0, 0, 1, "tiao", "tiao", 5, 1, "第一条")])


# --- the transformer ------------------------------------------------------------------------------


def test_the_transformer_gives_the_candidates_items() -> None:
    cs = cands("一、 （一） …一要 …二要 （二） 二、")
    roots = read_tree(cs)
    assert shape(roots) == "一、{（一）{一要 二要} （二）} 二、"
    first, second = roots
    assert first.cand is cs[0] and second.cand is cs[5]
    assert [it.cand for it in first.children] == [cs[1], cs[4]]
    assert [it.cand for it in first.children[0].children] == [cs[2], cs[3]]
    assert all(it.text_end == -1 and it.speaker is None for it in (first, second))


def test_the_tree_from_text() -> None:
    text = ("在全市工作会议上的讲话\n同志们：\n　　今天召开会议，下面我讲两点意见。\n"
            "一、总体形势\n　　（一）成绩显著。\n　　（二）问题不少。一要正视问题。二要解决问题。\n"
            "二、下一步工作\n　　（三）抓改革。\n")

    def walk(ds: list[Directive]) -> str:
        return " ".join(d.marker + (f"{{{walk(d.children)}}}" if d.children else "") for d in ds)

    # （三） would go on with the run 二、 closed: it is no item
    assert walk(parse(text).directives) == "一{（一） （二）{一要 二要}} 二"


def test_the_grammar_is_loaded_only_for_a_report_with_markers() -> None:
    directive_grammar.grammar.cache_clear()
    parse("青岚市召开工作推进会\n　　3月1日，市委书记韦知远出席会议并讲话。\n")
    assert directive_grammar.grammar.cache_info().currsize == 0
    parse("青岚市召开工作推进会\n　　3月1日，市委书记韦知远出席会议并讲话。韦知远强调，一要加强领导。二要压实责任。\n")
    assert directive_grammar.grammar.cache_info().currsize == 1


# --- any sequence of markers --------------------------------------------------------------------

WORDS = ["一、", "二、", "（一）", "（二）", "1.", "2.", "3.", "（1）", "（2）", "一要", "二要", "三要", "一是", "二是",
         "三是", "第一", "第二", "…一要", "…二要", "…一是", "…二是", "…三是", "…第一", "…第二", "…其一", "…其二"]
sequences = st.lists(st.sampled_from(WORDS), max_size=40)


def _depth(items: list[Item]) -> int:
    return 1 + max(map(_depth, (it.children for it in items)), default=0) if items else 0


@SETTINGS
@given(sequences)
def test_any_sequence_of_markers_gives_a_tree(words: list[str]) -> None:
    """Whatever the markers, the numbering step's tokens parse, and the tree keeps its
    invariants: every item once, in document order; no deeper than MAX_DEPTH; a section item
    holds items of deeper ranks and run-in items, a run-in item run-in items only; the items of
    one run under one parent are numbered 1, 2, 3 …"""
    cs = cands(" ".join(words))
    roots = read_tree(cs)
    assert _depth(roots) <= MAX_DEPTH
    order: list[int] = []

    def walk(items: list[Item], rank: int | None) -> None:
        last: dict[str, int] = {}
        for it in items:
            c = it.cand
            order.append(c.block)
            if rank is not None:
                assert c.rank == 0 or (rank > 0 and c.rank > rank)
            assert c.ordinal == 1 or last.get(c.family) == c.ordinal - 1
            last[c.family] = c.ordinal
            walk(it.children, c.rank)

    walk(roots, None)
    assert order == sorted(set(order))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 400])
def test_restarted_runs_stay_within_the_depth(n: int) -> None:
    """A run-in run restarted over and over, each time before its outer run goes on, nests only
    to MAX_DEPTH."""
    cs = cands(" ".join(["一是 …第一 …一要"] * n + ["二是 …二要 …第二"]))
    assert _depth(read_tree(cs)) <= MAX_DEPTH
