"""attendance.py: who was present, with which titles and roles, collected sentence by sentence."""

from __future__ import annotations

import pytest

from parser import parse
from parser.extract.attendance import collect, find_verbs

Row = tuple[str, list[str], list[str]]


def people(*paragraphs: str) -> list[Row]:
    """(name, titles, sorted roles) of named mentions in order; spans checked on the way."""
    mentions, _ = collect(list(enumerate(paragraphs)))
    out = []
    for idx, m in mentions:
        if m.name:
            assert paragraphs[idx][m.start : m.end] == m.name
            out.append((m.name, list(m.titles), sorted(m.roles)))
    return out


def test_title_chain_split_on_dun_and_roles() -> None:
    assert people("市委书记韦知远出席会议并讲话，市委副书记、市长闵若川主持会议。") == [
        ("韦知远", ["市委书记"], ["attended", "spoke"]),
        ("闵若川", ["市委副书记", "市长"], ["presided"]),
    ]


def test_group_label_before_a_list_applies_to_each() -> None:
    assert people("市领导柯雨桐、宁嘉禾、廖远山出席。") == [
        ("柯雨桐", ["市领导"], ["attended"]),
        ("宁嘉禾", ["市领导"], ["attended"]),
        ("廖远山", ["市领导"], ["attended"]),
    ]


def test_group_label_after_deng_applies_to_each() -> None:
    assert people("苗青松、卜云岫等市四家班子领导出席会议。") == [
        ("苗青松", ["市四家班子领导"], ["attended"]),
        ("卜云岫", ["市四家班子领导"], ["attended"]),
    ]


@pytest.mark.parametrize(
    "sentence, title, role",
    [
        ("市长闵若川主持会议。", "市长", "presided"),
        ("市长闵若川讲话。", "市长", "spoke"),
        ("市长闵若川作报告。", "市长", "spoke"),
        ("市委副书记闵若川宣读了表彰决定。", "市委副书记", "spoke"),
        ("市长闵若川出席会议。", "市长", "attended"),
        ("副市长闵若川陪同。", "副市长", "attended"),
        ("市长闵若川参加会议。", "市长", "participated"),
        ("市长闵若川列席会议。", "市长", "observed"),
    ],
)
def test_role_verbs(sentence: str, title: str, role: str) -> None:
    assert people(sentence) == [("闵若川", [title], [role])]


def test_words_of_a_titled_person_make_a_speaker() -> None:
    assert people("市委书记韦知远在会上强调，要抓好落实。") == [("韦知远", ["市委书记"], ["spoke"])]


def test_cited_persons_and_the_meeting_itself_are_not_attendees() -> None:
    assert people("会议强调，要深入学习贯彻上级精神。") == []
    assert people("学习贯彻韦知远同志讲话精神。") == []
    assert people("X同志出席会议。") == []


def test_unnamed_group_is_a_mention_without_a_name() -> None:
    mentions, _ = collect([(0, "市四套班子领导出席会议。")])
    assert [(m.name, m.label, m.roles) for _, m in mentions] == [("", "市四套班子领导", ["attended"])]


def test_secondary_items_after_you_xun_are_not_read() -> None:
    assert people("市长闵若川主持会议。", "又讯 副市长柯雨桐出席另一活动。") == [("闵若川", ["市长"], ["presided"])]


def test_stroke_order_note_is_seen() -> None:
    _, stroke = collect([(0, "出席会议的市领导（以姓氏笔画为序）：丁怀远、上官雪、司马川、欧阳晴。")])
    assert stroke
    _, stroke = collect([(0, "市长闵若川主持会议。")])
    assert not stroke


def test_list_after_the_verb_with_a_colon() -> None:
    assert people("出席会议的市领导有：柯雨桐、宁嘉禾、廖远山。") == [
        ("柯雨桐", ["市领导"], ["attended"]),
        ("宁嘉禾", ["市领导"], ["attended"]),
        ("廖远山", ["市领导"], ["attended"]),
    ]


@pytest.mark.parametrize(
    "sentence, label",
    [
        ("出席座谈会的党外人士还有庞子衿、祁望舒。", "党外人士"),
        ("出席会议的市领导（以姓氏笔画为序）：丁怀远、上官雪、司马川、欧阳晴。", "市领导"),
    ],
)
def test_list_after_the_verb_without_you_colon(sentence: str, label: str) -> None:
    rows = people(sentence)
    assert len(rows) >= 2
    assert all(titles == [label] and roles == ["attended"] for _, titles, roles in rows)


def test_order_of_first_mention_and_roles_merge_in_a_report() -> None:
    text = (
        "青岚市召开工作推进会\n"
        "　　3月12日上午，全市工作推进会召开。市委书记韦知远出席会议并讲话，市委副书记、市长闵若川主持会议。\n"
        "　　市领导柯雨桐、宁嘉禾出席会议。会上，柯雨桐通报了有关情况。\n"
    )
    report = parse(text).to_dict()
    rows = [(a["name"], a["titles"], sorted(a["roles"])) for a in report["attendees"]]
    assert rows == [
        ("韦知远", ["市委书记"], ["attended", "spoke"]),
        ("闵若川", ["市委副书记", "市长"], ["presided"]),
        ("柯雨桐", ["市领导"], ["attended", "spoke"]),
        ("宁嘉禾", ["市领导"], ["attended"]),
    ]
    for a in report["attendees"]:
        s, e = a["span"]
        assert text[s:e] == a["name"]


def test_find_verbs_prefers_the_longest() -> None:
    verbs = find_verbs("韦知远发表重要讲话")
    assert [(v.role, "韦知远发表重要讲话"[v.start : v.end]) for v in verbs] == [("spoke", "发表重要讲话")]
