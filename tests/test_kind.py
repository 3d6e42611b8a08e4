"""kind.py: meeting report, speech transcript or other text."""

from __future__ import annotations

import pytest

from parser import parse
from parser.extract.kind import classify_kind, is_speech_title


@pytest.mark.parametrize(
    "headline, ok",
    [
        ("在全市城市更新工作会议上的讲话", True),
        ("在青岚大学2024届毕业典礼上的致辞", True),
        ("韦知远同志讲话", True),
        ("青岚市召开工作会议", False),
        ("", False),
        (None, False),
    ],
)
def test_speech_title(headline: str | None, ok: bool) -> None:
    assert is_speech_title(headline) is ok


@pytest.mark.parametrize(
    "headline, lead, salutation, roles, first_person, kind",
    [
        ("在全市工作会议上的讲话", "同志们：", True, set(), 0, "speech"),
        (None, "同志们：", True, set(), 3, "speech"),
        (None, "同志们：", True, set(), 1, "other"),
        ("青岚江三桥建成通车", "3月1日，大桥通车。", False, set(), 0, "other"),
        ("青岚市召开工作会议", "3月1日，会议召开。", False, {"spoke"}, 0, "meeting_report"),
        ("一则新闻", "某日，某人讲话。", False, {"spoke"}, 0, "other"),
        ("一则新闻", "某日。", False, {"attended"}, 0, "meeting_report"),
        ("一则新闻", "某日。", False, {"presided"}, 0, "meeting_report"),
    ],
)
def test_classify_kind(
    headline: str | None, lead: str | None, salutation: bool, roles: set[str], first_person: int, kind: str
) -> None:
    assert classify_kind(headline, lead, salutation, roles, first_person) == kind


def test_kinds_end_to_end() -> None:
    meeting = "青岚市召开工作推进会\n　　3月12日上午，全市工作推进会召开，市委书记韦知远出席会议并讲话。\n"
    speech = (
        "在全市工作会议上的讲话\n同志们：\n　　今天我们召开会议，我们要认真总结，我们要扎实推进，大家要齐心协力。\n"
    )
    news = "青岚江三桥正式通车\n　　5月28日零时，历时三年建设的青岚江三桥正式通车，主城区跨江通道增至6座。\n"
    assert parse(meeting).kind == "meeting_report"
    assert parse(speech).kind == "speech"
    assert parse(news).kind == "other"
    assert parse("").kind == "other"
