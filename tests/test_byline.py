"""byline.py: typed credits wherever they stand; outlets and codes are not people."""

from __future__ import annotations

from typing import Any

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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("文字：林晓岚", [("author", "林晓岚")]),
        ("终审：蒋文岳", [("editor", "蒋文岳")]),
        ("编审：蒋文岳", [("editor", "蒋文岳")]),
        ("值班编辑：蒋文岳", [("editor", "蒋文岳")]),
        ("初审：林晓岚 复审：陶思远 终审：蒋文岳", [("editor", "林晓岚"), ("editor", "陶思远"), ("editor", "蒋文岳")]),
        ("蒋文岳/审", [("editor", "蒋文岳")]),
        ("撰稿：林晓岚 审稿：陶思远 校对：蒋文岳", [("author", "林晓岚"), ("editor", "陶思远"), ("editor", "蒋文岳")]),
        ("文字：林晓岚 图片：陶思远", [("author", "林晓岚"), ("photographer", "陶思远")]),
        ("林晓岚/文 陶思远/图", [("author", "林晓岚"), ("photographer", "陶思远")]),
        # a role before the name and one after it: both; the next name has only its own
        ("（记者 林晓岚/文 陶思远/图）", [("reporter", "林晓岚"), ("author", "林晓岚"), ("photographer", "陶思远")]),
        ("（见习记者 林晓岚）", [("reporter", "林晓岚")]),
        ("本报讯（见习记者林晓岚 通讯员陶思远）", [("reporter", "林晓岚"), ("correspondent", "陶思远")]),
        ("青岚新闻网记者 林晓岚 摄", [("photographer", "林晓岚")]),
        ("（记者 林晓岚摄影报道）", [("reporter", "林晓岚"), ("photographer", "林晓岚")]),
        ("（综合本报记者林晓岚、陶思远报道）", [("reporter", "林晓岚"), ("reporter", "陶思远")]),
        # compiled (整理) or interviewed (采访) by reporters; closing words one after another
        ("（本报记者 林晓岚整理）", [("reporter", "林晓岚")]),
        ("（本报记者  倪  弋整理）", [("reporter", "倪  弋")]),
        ("（本报记者林晓岚、陶思远采访整理）", [("reporter", "林晓岚"), ("reporter", "陶思远")]),
        # a line of names and a role word, no bracket
        ("韦书航 闵若川 本报记者 林晓岚", [("reporter", "韦书航"), ("reporter", "闵若川"), ("reporter", "林晓岚")]),
        ("本报记者 林晓岚 陶思远", [("reporter", "林晓岚"), ("reporter", "陶思远")]),
    ],
)
def test_more_credit_shapes(text: str, expected: list[tuple[str, str]]) -> None:
    assert credits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "作者:ance 发表时间：2023-12-15 阅读次数：2977",  # a site account is no person
        "作者：pd_user01 编辑于2023-12-15 阅读 2977",
        "（作者为青岚大学教授、青岚市社会科学院研究员）",  # who the author is, not a credit
        "本报记者从市政府获悉，全市将新建学校12所。",
    ],
)
def test_accounts_and_descriptions_are_no_credits(text: str) -> None:
    assert credits(text, closing=True) == []


def test_a_name_is_never_the_head_of_the_next_label() -> None:
    assert credits("作者：林晓岚 发布时间：2023-12-15") == [("author", "林晓岚")]


def test_a_unit_before_the_name_makes_a_reporter_even_after_a_commentary() -> None:
    assert find_credits("（青岚县纪委 林晓岚）", closing=True, bare_role="author")[0].role == "reporter"
    assert find_credits("（城关镇 林晓岚）", closing=True, bare_role="author")[0].role == "reporter"
    assert [(h.role, h.name) for h in find_credits("（林晓岚）", closing=True, bare_role="author")] == [
        ("author", "林晓岚")
    ]
    assert credits("（青岚县纪委 林晓岚）") == []  # only where it closes a report


def test_credit_line_above_the_body_is_not_the_headline() -> None:
    text = "青岚江三桥正式通车\n韦书航 闵若川 本报记者 林晓岚\n" + NEWS.split("\n", 1)[1]
    report = parse(text).to_dict()
    assert report["headline"]["text"] == "青岚江三桥正式通车"
    assert [(b["role"], b["name"]) for b in report["byline"]] == [
        ("reporter", "韦书航"), ("reporter", "闵若川"), ("reporter", "林晓岚")
    ]


def test_a_shape_row_added_to_the_lexicon_takes_effect(tmp_path: Any) -> None:
    from _lexicon_edit import lexicon_with_row

    text = "5月28日零时，青岚江三桥正式通车。记者柯雨报道"
    assert credits(text) == []
    row = "reported\tany\treporter\troles\tyes\t(?<=[。\\s])(?P<names>(?:{ROLE2}){NAME})报道$"
    with lexicon_with_row(tmp_path, "credit_shapes.tsv", row):
        assert credits(text) == [("reporter", "柯雨")]
    assert credits(text) == []


def test_a_role_row_added_to_the_lexicon_takes_effect(tmp_path: Any) -> None:
    from _lexicon_edit import lexicon_with_row

    assert credits("排版：林晓岚") == []
    with lexicon_with_row(tmp_path, "credit_roles.tsv", "排版\teditor"):
        assert credits("排版：林晓岚") == [("editor", "林晓岚")]


def test_a_padded_two_character_name_is_one_name() -> None:
    assert credits("本报记者  闵  川  林晓岚") == [("reporter", "闵  川"), ("reporter", "林晓岚")]
    text = "青岚江三桥正式通车\n本报记者\u00a0\u00a0闵\u00a0\u00a0川\n" + NEWS.split("\n", 1)[1]
    (credit,) = parse(text).to_dict()["byline"]
    assert (credit["role"], credit["name"]) == ("reporter", "闵川")
    s, e = credit["span"]
    assert text[s:e] == "闵\u00a0\u00a0川"


def test_every_shape_has_a_pre_test() -> None:
    # a shape whose pattern the literal reader cannot read would be tried on every paragraph
    from parser.vocabulary.credits import _prefilter, _shapes

    assert all(shape.needs for shape in _shapes())
    assert _prefilter() is not None


@pytest.mark.parametrize("account", ["佚名", "管理员", "小编", "原创", "办公室"])
def test_a_site_account_in_the_info_bar_is_no_author(account: str) -> None:
    assert credits(f"作者：{account} 发布时间：2023-12-15 阅读次数：2977") == []
    assert credits("作者：韦书航 发布时间：2023-12-15") == [("author", "韦书航")]


def test_a_traditional_credit_with_roles_after_the_names() -> None:
    text = "青嵐江三橋正式通車\n　　5月28日零時，青嵐江三橋正式通車，方便市民出行。（記者 林曉嵐/文 陶思遠/圖）\n"
    report = parse(text).to_dict()
    assert [(b["role"], b["name"], b.get("name_original")) for b in report["byline"]] == [
        ("reporter", "林晓岚", "林曉嵐"), ("author", "林晓岚", "林曉嵐"), ("photographer", "陶思远", "陶思遠")
    ]
