"""byline.py: typed credits wherever they stand; outlets and codes are not people."""

from __future__ import annotations

import pytest

from parser import parse
from parser.vocabulary.credits import find_credits, is_credit_only

NEWS = "青岚江三桥正式通车\n　　5月28日零时，历时三年建设的青岚江三桥正式通车，主城区跨江通道增至6座，方便市民出行。\n"


def credits(text: str, closing: bool = False) -> list[tuple[str, str]]:
    hits = find_credits(text, closing=closing)
    for h in hits:
        assert text[h.start : h.end] == h.name
    return [(h.role, h.name) for h in hits]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("（记者 林晓岚 陶思远）", [("reporter", "林晓岚"), ("reporter", "陶思远")]),
        ("（记者 林晓岚 通讯员 韦书航）", [("reporter", "林晓岚"), ("correspondent", "韦书航")]),
        ("（本报记者 林晓岚）", [("reporter", "林晓岚")]),
        (
            "本报讯（记者 林晓岚 通讯员 韦书航）3月12日，会议召开。",
            [("reporter", "林晓岚"), ("correspondent", "韦书航")],
        ),
        ("责任编辑：蒋文岳 SF055", [("editor", "蒋文岳")]),
        ("责编：蒋文岳_NN2587", [("editor", "蒋文岳")]),
        ("审核：蒋文岳", [("editor", "蒋文岳")]),
        ("（编辑 蒋文岳）", [("editor", "蒋文岳")]),
        ("撰文 | 林晓岚 陶思远", [("author", "林晓岚"), ("author", "陶思远")]),
        ("作者：林晓岚", [("author", "林晓岚")]),
        ("文/林晓岚", [("author", "林晓岚")]),
        ("摄影：陶思远", [("photographer", "陶思远")]),
        ("林晓岚摄", [("photographer", "林晓岚")]),
        ("图为会议现场。青岚日报记者 林晓岚 摄", [("photographer", "林晓岚")]),
    ],
)
def test_credit_shapes(text: str, expected: list[tuple[str, str]]) -> None:
    assert credits(text) == expected


def test_outlets_and_columns_are_not_people() -> None:
    assert credits("来源：青岚日报") == []
    assert credits("来源：青岚日报", closing=True) == []
    assert not is_credit_only("来源：青岚日报")


def test_bare_bracket_only_closes_a_report() -> None:
    assert credits("（林晓岚、陶思远）") == []
    assert credits("（林晓岚、陶思远）", closing=True) == [("reporter", "林晓岚"), ("reporter", "陶思远")]


def test_editor_code_is_not_part_of_the_name() -> None:
    (hit,) = find_credits("责任编辑：蒋文岳 SF055")
    assert hit.name == "蒋文岳"


def test_credit_only_paragraphs() -> None:
    assert is_credit_only("（记者 林晓岚 陶思远）")
    assert is_credit_only("责任编辑：蒋文岳 SF055")
    assert not is_credit_only("本报讯（记者 林晓岚）3月12日，全市工作推进会召开，市委书记韦知远出席会议并讲话。")


def test_report_byline_in_order_repeats_once_two_roles_twice() -> None:
    text = NEWS + "（记者 林晓岚 通讯员 陶思远）\n（编辑 蒋文岳）\n责任编辑：林晓岚\n（记者 林晓岚）\n"
    report = parse(text).to_dict()
    assert [(b["role"], b["name"]) for b in report["byline"]] == [
        ("reporter", "林晓岚"),
        ("correspondent", "陶思远"),
        ("editor", "蒋文岳"),
        ("editor", "林晓岚"),  # a person with two roles appears twice; the repeated credit once
    ]
    for b in report["byline"]:
        s, e = b["span"]
        assert text[s:e] == b["name"]
    assert [p["place"] for p in report["paragraphs"]][-4:] == ["byline"] * 4


def test_bare_bracket_ending_the_last_paragraph() -> None:
    text = NEWS + "　　据了解，大桥全长1.2公里。（林晓岚、陶思远）\n"
    report = parse(text).to_dict()
    assert [(b["role"], b["name"]) for b in report["byline"]] == [("reporter", "林晓岚"), ("reporter", "陶思远")]


def test_bare_bracket_ending_a_one_paragraph_brief() -> None:
    text = (
        "青岚江三桥正式通车\n"
        "　　5月28日零时，历时三年建设的青岚江三桥正式通车，主城区跨江通道增至6座。（林晓岚、陶思远）\n"
    )
    report = parse(text).to_dict()
    assert report["headline"]["text"] == "青岚江三桥正式通车"
    assert [(b["role"], b["name"]) for b in report["byline"]] == [("reporter", "林晓岚"), ("reporter", "陶思远")]


def test_source_line_is_no_credit_in_a_report() -> None:
    report = parse(NEWS + "来源：青岚日报\n").to_dict()
    assert report["byline"] == []
