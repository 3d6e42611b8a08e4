"""blocks.py: paragraphs cut (run-together headings too) and classified for the document grammar."""

from __future__ import annotations

import pytest

from parser.ingest.containers import read_container
from parser.layout.blocks import Block, boilerplate_reason, classify, clean_title, is_tail_marker, looks_like_title
from parser.normalize.text import normalize_segments


def blocks_of(text: str) -> list[Block]:
    c = read_container(text)
    norms, _ = normalize_segments(c.segments)
    return classify(norms, c.format)


PAGE = """青岚市召开工作推进会
青岚手机报 我要分享
来源：青岚日报　2024-03-12 09:30
图为会议现场。林晓岚 摄
■ 会议部署了三项重点任务
　　3月12日上午，全市工作推进会召开，市委书记韦知远出席会议并讲话，市长闵若川主持会议。
　　会议要求，要抓好落实。
（记者 林晓岚 陶思远）
责任编辑：蒋文岳
相关新闻
市长闵若川调研某地。
版权所有 青岚新闻网
"""


def test_classes_of_a_typical_report() -> None:
    got = [(b.cls, b.text) for b in blocks_of(PAGE)]
    assert got == [
        ("TITLE", "青岚市召开工作推进会"),
        ("BOILER", "青岚手机报 我要分享"),
        ("META", "来源：青岚日报\u30002024-03-12 09:30"),
        ("CAPTION", "图为会议现场。林晓岚 摄"),
        ("NOTE", "■ 会议部署了三项重点任务"),
        ("BODY", "3月12日上午，全市工作推进会召开，市委书记韦知远出席会议并讲话，市长闵若川主持会议。"),
        ("BODY", "会议要求，要抓好落实。"),
        ("CREDIT", "（记者 林晓岚 陶思远）"),
        ("CREDIT", "责任编辑：蒋文岳"),
        ("BOILER", "相关新闻"),
        ("BOILER", "市长闵若川调研某地。"),
        ("BOILER", "版权所有 青岚新闻网"),
    ]


def test_boilerplate_has_a_reason() -> None:
    by_text = {b.text: b for b in blocks_of(PAGE)}
    assert by_text["青岚手机报 我要分享"].reason == "share button"
    assert "related" in (by_text["市长闵若川调研某地。"].reason or "")
    for b in by_text.values():
        assert (b.cls == "BOILER") == (b.reason is not None)


def test_salutation_and_no_chinese() -> None:
    got = {b.text: b.cls for b in blocks_of("同志们：\n12345 abc\n各位代表：\n")}
    assert got == {"同志们：": "SALUTATION", "12345 abc": "BOILER", "各位代表：": "SALUTATION"}


def test_unindented_lines_are_titles_when_the_body_is_indented() -> None:
    text = (
        "青岚市召开工作会议\n市委书记韦知远出席\n"
        "　　3月12日上午，全市工作推进会召开，市委书记韦知远出席会议并讲话，市长闵若川主持会议，"
        "会议听取了有关情况的汇报。\n"
        "　　会议要求，各级各部门要切实抓好各项工作落实，确保各项工作取得实效，为全市高质量发展作出新的更大贡献。\n"
    )
    assert [b.cls for b in blocks_of(text)] == ["TITLE", "TITLE", "BODY", "BODY"]


def test_run_together_headings_are_cut_with_exact_spans() -> None:
    text = (
        "一、总体要求 坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，"
        "全面深化改革开放，推动经济实现质的有效提升和量的合理增长，持续增强经济活力，不断增进民生福祉，保持社会大局稳定。"
        " （一）突出重点 聚焦重点领域和关键环节，切实抓好各项任务落实，确保取得实效，以实际行动推动各项工作迈上新台阶，"
        "为全市经济社会发展作出新的更大贡献，奋力谱写新篇章。 二、保障措施 加强组织领导。"
    )
    assert len(text) >= 200  # only long lines are cut
    blocks = blocks_of(text)
    assert [b.text[:6] for b in blocks] == [
        "一、总体要求", "坚持稳中求进", "（一）突出重", "聚焦重点领域", "二、保障措施", "加强组织领导",
    ]
    headings = {"TITLE", "HEADING"}  # HEADING: a numbered section heading once a title has been seen
    assert [b.cls in headings for b in blocks] == [True, False, True, False, True, False]
    assert [b.cls for b in blocks[1::2]] == ["BODY", "BODY", "BODY"]
    for b in blocks:
        a, z = b.span
        assert text[a:z] == b.text


def test_short_lines_with_spaces_are_not_cut() -> None:
    blocks = blocks_of("青岚手机报 我要分享 更多\n")
    assert len(blocks) == 1


def test_front_matter_lines() -> None:
    blocks = blocks_of(
        "---\ntitle: 鹤屿市召开防汛工作会议\nauthor: 鹤屿发布\n---\n\n6月4日，市委书记郑叙川主持召开会议。\n"
    )
    assert [(b.cls, b.reason) for b in blocks[:4]] == [
        ("BOILER", "front matter"),
        ("TITLE", None),
        ("BOILER", "front matter"),
        ("BOILER", "front matter"),
    ]


@pytest.mark.parametrize(
    "text, reason",
    [
        ("我要分享", "share button"),
        ("已有3人发表了评论", "comment counter"),
        ("版权所有 青岚新闻网 All Rights Reserved", "site footer"),
        ("本文档由用户上传，VIP专享", "document-site notice"),
        ("当前位置：首页 > 新闻", "navigation"),
        ("市委书记韦知远出席会议。", None),
        ("会议强调，要扎实做好分享经济相关工作。", None),
    ],
)
def test_boilerplate_reason(text: str, reason: str | None) -> None:
    assert boilerplate_reason(text) == reason


def test_titles_and_tail_markers() -> None:
    assert clean_title("## 3. 某区召开工作会议.docx") == "某区召开工作会议"
    assert looks_like_title("青岚市召开工作推进会")
    assert not looks_like_title("会议要求，要抓好落实。")
    assert not looks_like_title("同志们：")
    assert not looks_like_title("2024 abc")
    assert is_tail_marker("相关新闻")
    assert is_tail_marker("相关新闻：")
    assert not is_tail_marker("会议听取了相关新闻单位的汇报，并就下一步工作作出部署。")


def test_layout_reads_the_classified_blocks_without_changing_them() -> None:
    """The layout step reclassifies (a name line under a title, a summary before the dateline,
    page chrome) by making new blocks: classify's output is a value no later step edits."""
    import dataclasses

    from parser.layout.document import lay_out

    text = ("青岚市召开工作推进会\n青岚市市长　贺启舟\n"
            "　　3月12日上午，全市工作推进会召开，市委书记韦知远出席会议并讲话。\n")
    blocks = blocks_of(text)
    before = [(b.cls, b.reason) for b in blocks]
    layout = lay_out(blocks)
    assert [(b.cls, b.reason) for b in blocks] == before
    assert layout.blocks[1].cls == "META" and blocks[1].cls == "TITLE"
    with pytest.raises(dataclasses.FrozenInstanceError):
        blocks[0].cls = "BODY"  # type: ignore[misc]
