"""Numbered items: markers and their boundaries (directives.py), the tree from text (nesting,
sibling runs), speakers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parser import parse
from parser.extract.directive_grammar import read_tree
from parser.extract.directives import cn_value, find_all_candidates, find_candidates, meeting_voice

HEAD = "青岚市召开工作推进会\n"
Row = tuple[int, int, str, str]


def tree(text: str) -> list[Row]:
    """(level, ordinal, marker, first 4 characters of text) in document order, levels checked."""
    report = parse(text).to_dict()
    out: list[Row] = []

    def walk(items: list[dict[str, Any]], level: int) -> None:
        for it in items:
            assert it["level"] == level
            a, b = it["span"]
            assert 0 <= a < b <= len(text)
            out.append((it["level"], it["ordinal"], it["marker"], it["text"][:4]))
            walk(it["children"], level + 1)

    walk(report["directives"], 1)
    return out


def markers(text: str) -> list[tuple[str, int]]:
    return [(c.marker, c.ordinal) for c in find_candidates(0, text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "会议提出统一要求，各地要抓好落实。",
        "第一书记要带头，驻村工作队要配合。",
        "会议进一步要求各地抓落实。",
        "要把发展作为第一要务。",
        "各方统一思想，统一是前提。",
        "这是唯一要求。",
    ],
)
def test_words_that_hold_a_numeral_are_not_markers(sentence: str) -> None:
    assert markers(sentence) == []


def test_traps_in_a_report_give_no_items() -> None:
    text = HEAD + (
        "　　3月1日，市委书记韦知远出席会议并讲话。会议提出统一要求，第一书记要带头，进一步要求各地抓落实，"
        "把发展作为第一要务。\n"
        "　　会议要求，要加强领导。要压实责任。要强化督查。\n"
    )
    assert tree(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("一要加强领导。二要压实责任。", [("一要", 1), ("二要", 2)]),
        ("一是抓统筹；二是抓落实；三是抓考核。", [("一是", 1), ("二是", 2), ("三是", 3)]),
        ("一是要抓统筹，二是要抓落实。", [("一是要", 1), ("二是要", 2)]),
        ("（一）成绩显著。", [("（一）", 1)]),
        ("(二)问题不少。", [("(二)", 2)]),
        ("1.经济增长3.8万户。", [("1", 1)]),
        ("第一，压紧责任。第二，排查隐患。", [("第一", 1), ("第二", 2)]),
        ("其一，稳增长；其二，保民生。", [("其一", 1), ("其二", 2)]),
        ("十二、附则", [("十二", 12)]),
        # full-width digits, as some government pages write them
        ("１．提高认识。", [("１", 1)]),
        ("（２）加强领导。", [("（２）", 2)]),
        ("３.８万户。", []),
        # a quotation closing a sentence ends it too
        ("一是规模增长。“增长很快。”二是范围扩张。", [("一是", 1), ("二是", 2)]),
        ("第一，压紧责任。“责任重大！”第二，排查隐患。", [("第一", 1), ("第二", 2)]),
    ],
)
def test_marker_shapes(text: str, expected: list[tuple[str, int]]) -> None:
    assert markers(text) == expected


def test_a_decimal_is_not_an_item() -> None:
    assert markers("增长3.8万户，同比增长2.5个百分点。") == []


# characters the marker patterns are made of, and filler
_ALPHABET = "一二三四十〇0123456789是要否求第其（()）、，：；。！？ .．\n\u3000会议上强调汉字"
paragraphs = st.lists(st.text(alphabet=_ALPHABET, max_size=40), max_size=4)


def test_the_marker_gate_turns_away_plain_paragraphs() -> None:
    from parser.extract.directives import may_hold_marker

    assert may_hold_marker()("一、加强组织领导") and may_hold_marker()("会议强调，一要统一思想，二要狠抓落实")
    assert not may_hold_marker()("青岚县召开全县安全生产工作会议")


@settings(max_examples=400, deadline=None)
@given(paragraphs)
def test_all_candidates_as_found_paragraph_by_paragraph(texts: list[str]) -> None:
    """The trigger that spares most paragraphs the scan hides no candidate."""
    pairs = list(enumerate(texts))
    assert find_all_candidates(pairs) == [c for i, text in pairs for c in find_candidates(i, text)]


@pytest.mark.parametrize(
    "text, cues",
    [
        ("会议强调，一要加强领导。", [0]),
        ("韦知远指出，会上指出的问题要整改。会议要求各地落实。", [6, 17]),
        ("全会决定召开大会。", [0]),
        ("韦知远强调，要加强领导。", []),  # a person's words: no subject of the meeting's
        ("会议认真学习了文件。", []),  # a subject without a verb right after it
    ],
)
def test_where_a_paragraph_turns_to_the_meetings_words(text: str, cues: list[int]) -> None:
    assert meeting_voice(text) == cues


@pytest.mark.parametrize("s, value", [("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("二十一", 21), ("7", 7)])
def test_cn_value(s: str, value: int) -> None:
    assert cn_value(s) == value


@pytest.mark.parametrize("s", ["", "一二", "百", "甲"])
def test_cn_value_rejects(s: str) -> None:
    assert cn_value(s) is None


def test_runs_start_at_one() -> None:
    assert read_tree(find_candidates(0, "二要压实责任。三要强化督查。")) == []


def test_nesting_sections_items_and_run_in_children() -> None:
    text = (
        "在全市工作会议上的讲话\n同志们：\n　　今天召开会议，我们要认真学习，下面我讲两点意见。\n"
        "一、总体形势\n　　（一）成绩显著。\n　　1.经济增长较快。\n　　2.民生改善明显。\n"
        "　　（二）问题不少。一要正视问题。二要解决问题。\n二、下一步工作\n　　（一）抓改革。\n"
    )
    assert tree(text) == [
        (1, 1, "一", "总体形势"),
        (2, 1, "（一）", "成绩显著"),
        (3, 1, "1", "经济增长"),
        (3, 2, "2", "民生改善"),
        (2, 2, "（二）", "问题不少"),
        (3, 1, "一要", "正视问题"),
        (3, 2, "二要", "解决问题"),
        (1, 2, "二", "下一步工"),
        (2, 1, "（一）", "抓改革。"),
    ]


def test_restarted_runs_are_siblings() -> None:
    text = HEAD + (
        "　　3月1日，市委书记韦知远出席会议并讲话。韦知远强调，一要加强领导。二要压实责任。三要强化督查。\n"
        "　　市长闵若川主持会议并讲话。闵若川要求，一是抓统筹；二是抓落实；三是抓考核。\n"
        "　　会议指出，一要稳增长。二要保民生。\n"
    )
    report = parse(text).to_dict()
    top = report["directives"]
    assert [(d["level"], d["ordinal"], d["marker"]) for d in top] == [
        (1, 1, "一要"), (1, 2, "二要"), (1, 3, "三要"),
        (1, 1, "一是"), (1, 2, "二是"), (1, 3, "三是"),
        (1, 1, "一要"), (1, 2, "二要"),
    ]
    assert all(d["children"] == [] for d in top)
    assert [d["speaker"] for d in top] == ["韦知远"] * 3 + ["闵若川"] * 3 + [None] * 2


def test_item_text_runs_to_the_next_marker() -> None:
    text = HEAD + "　　3月1日，市委书记韦知远出席会议并讲话。韦知远强调，一要加强领导，抓好统筹。二要压实责任。\n"
    report = parse(text).to_dict()
    first, second = report["directives"]
    assert first["text"] == "加强领导，抓好统筹。"
    assert second["text"] == "压实责任。"
    a, b = first["span"]
    assert text[a:b].startswith("一要加强领导")


def test_inline_arabic_list_is_a_run() -> None:
    text = HEAD + (
        "　　3月1日，市委书记韦知远出席会议并讲话。韦知远对工作作出具体安排：1、发放学习手册，组织全员学习。"
        "2、认真阅读报告，写出心得。3、举办演讲比赛。\n"
    )
    assert tree(text) == [(1, 1, "1", "发放学习"), (1, 2, "2", "认真阅读"), (1, 3, "3", "举办演讲")]


@pytest.mark.parametrize("sentence", ["全市工业增长显著：1、2月份产值增长8%。", "同比增长3.8%。2.5万户受益。"])
def test_months_and_decimals_are_not_inline_items(sentence: str) -> None:
    assert markers(sentence) == []


def test_run_in_marker_right_after_its_subject_with_yao() -> None:
    text = HEAD + "　　3月1日，区长闵若川出席会议。她要求学员们一是要坚定信心；二是要聚焦重点；三是要狠抓落实。\n"
    assert [row[:3] for row in tree(text)] == [(1, 1, "一是要"), (1, 2, "二是要"), (1, 3, "三是要")]


def test_run_inside_a_run_in_item_that_goes_on_is_its_children() -> None:
    text = HEAD + (
        "　　3月1日，市委书记韦知远出席会议并讲话。\n"
        "　　一是业绩报送。各单位要按时报送。\n"
        "　　二是年检工作。有几个要点。第一，年检时间。第二，报送方式。\n"
        "　　三是换证工作。证书更换分为两类：一是到期延续，二是名称变更。\n"
        "　　四是召开会议。每年召开一次。\n"
    )
    assert [row[:3] for row in tree(text)] == [
        (1, 1, "一是"), (1, 2, "二是"), (2, 1, "第一"), (2, 2, "第二"),
        (1, 3, "三是"), (2, 1, "一是"), (2, 2, "二是"), (1, 4, "四是"),
    ]


def test_runs_of_one_family_that_stand_alike_are_siblings() -> None:
    # the second run reaches 三是 inside a paragraph, as the first run's 三是 stood: the 四是 after
    # it is the second run's, not the first's
    text = HEAD + (
        "　　3月1日，市委书记韦知远出席会议并讲话。\n"
        "　　一是推动组织创新，成立领导小组。二是推动服务创新，建设平台。三是推动科技创新，建设中心。\n"
        "　　一是建设芯片项目。二是建设轴承产业园。三是建设基因检测项目。四是建设风电项目。\n"
    )
    assert [row[:3] for row in tree(text)] == [
        (1, 1, "一是"), (1, 2, "二是"), (1, 3, "三是"),
        (1, 1, "一是"), (1, 2, "二是"), (1, 3, "三是"), (1, 4, "四是"),
    ]


def test_runs_in_sections_and_half_width_parentheses() -> None:
    text = (
        "在全县经济工作会议上的讲话\n同志们：\n　　今天召开会议，我们要认真学习，下面我讲两点意见。\n"
        "一、准确把握形势\n(一)经济运行稳中有进。\n(二)民生保障有力。一是就业稳定。二是社保扩面。\n"
        "二、做好明年工作\n　　一要抓项目。二要抓产业。\n　　同时，一是要守住底线；二是要防范风险。\n"
    )
    assert [row[:3] for row in tree(text)] == [
        (1, 1, "一"), (2, 1, "（一）"), (2, 2, "（二）"), (3, 1, "一是"), (3, 2, "二是"),
        (1, 2, "二"), (2, 1, "一要"), (2, 2, "二要"), (2, 1, "一是要"), (2, 2, "二是要"),
    ]


def test_a_marker_row_added_to_the_lexicon_takes_effect(tmp_path: Any) -> None:
    from _lexicon_edit import lexicon_with_row

    text = HEAD + (
        "　　3月1日，市委书记韦知远出席会议。会议通过了章程。\n"
        "第一条 本章程适用于全市。\n第二条 本章程自公布之日起施行。\n"
    )
    assert tree(text) == []
    row = "tiao\ttiao\t1\t^(?P<marker>第(?P<n>{CN})条)\\s*"
    with lexicon_with_row(tmp_path, "markers.tsv", row):
        assert [row[:3] for row in tree(text)] == [(1, 1, "第一条"), (1, 2, "第二条")]
    assert tree(text) == []


def test_loosened_pattern_matches_wherever_the_pattern_does() -> None:
    import regex

    from parser.vocabulary.lexicon import loosened

    pattern = r"(?:^|(?<=[。；]))(?P<marker>第(?P<n>[一二三]))(?![要])[，、]"
    loose = loosened(pattern)
    assert loose == r"(?:第(?:[一二三]))[，、]"
    for text in ("第一，", "会议指出。第二、", "统一第三，", "第一要，"):
        assert not regex.search(pattern, text) or regex.search(loose, text)
    assert loosened(r"(?P<a>一)(?P=a)") is None


def test_a_run_restarted_before_its_next_number_does_not_go_on() -> None:
    # 二要 at the end belongs to the last 一要 run, so no earlier run nests what follows it
    paragraph = "　　一是甲事。第一，乙事。一要丙事。\n"
    text = HEAD + "　　3月1日，市委书记韦知远出席会议。\n" + paragraph * 3 + "　　二要丁事。\n"
    rows = tree(text)
    assert max(level for level, *_ in rows) <= 2
    assert rows[-1][:3] == (1, 2, "二要")


def test_thousands_of_restarted_runs_stay_shallow_and_fast() -> None:
    import time

    runs = "一是甲事。第一，乙事。一要丙事。" * 3000
    text = HEAD + "　　会议强调。" + runs + "\n　　二是丁事。二要戊事。第二，己事。\n"
    start = time.process_time()
    report = parse(text)
    assert time.process_time() - start < 5
    assert all(not d.children or len(d.children) < 10 for d in report.directives)
