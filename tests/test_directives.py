"""directives.py: numbered items as a tree — boundaries, nesting, sibling runs, speakers."""

from __future__ import annotations

from typing import Any

import pytest

from parser import parse
from parser.extract.directive_tree import build_tree
from parser.extract.directives import cn_value, find_candidates

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
    ],
)
def test_marker_shapes(text: str, expected: list[tuple[str, int]]) -> None:
    assert markers(text) == expected


def test_a_decimal_is_not_an_item() -> None:
    assert markers("增长3.8万户，同比增长2.5个百分点。") == []


@pytest.mark.parametrize("s, value", [("一", 1), ("十", 10), ("十三", 13), ("二十", 20), ("二十一", 21), ("7", 7)])
def test_cn_value(s: str, value: int) -> None:
    assert cn_value(s) == value


@pytest.mark.parametrize("s", ["", "一二", "百", "甲"])
def test_cn_value_rejects(s: str) -> None:
    assert cn_value(s) is None


def test_runs_start_at_one() -> None:
    assert build_tree(find_candidates(0, "二要压实责任。三要强化督查。")) == []


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
