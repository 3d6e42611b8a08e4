"""presence.py: who of the people the attendance search read was present, decided in one step
from the evidence of the whole report. All reports are invented."""

from __future__ import annotations

import pytest

from parser.extract.attendance import collect
from parser.extract.facts import lead_text
from parser.extract.presence import PresenceEvidence, present_mentions, read_evidence
from parser.ingest.source import read_source
from parser.layout.arrange import arrange
from parser.normalize.text import normalize_segments


def read(report: str, spoken: bool = False) -> tuple[list[str], list[str], PresenceEvidence]:
    """(everyone the attendance search read, those present, the evidence), as extract_facts
    reads them: ``report`` is a headline and paragraphs, one a line."""
    source = read_source(report)
    norms, _ = normalize_segments(source.container.segments)
    layout = arrange(norms, source.container.format, None)
    body = [i for i, p in enumerate(layout.places) if p in ("lead", "body")]
    paragraphs = [(i, layout.blocks[i].text) for i in [*layout.headline_blocks, *body]]
    mentions, _ = collect(paragraphs, frozenset(layout.headline_blocks))
    lead = lead_text(layout)
    kept = present_mentions(mentions, layout, lead, spoken)

    def names(ms: list) -> list[str]:
        return list(dict.fromkeys(m.name for _, m in ms if m.name))

    return names(mentions), names(kept), read_evidence(mentions, layout, lead, spoken)


def test_a_news_item_that_only_quotes_people_has_no_attendee() -> None:
    read_, kept, evidence = read("青岚江三桥正式通车\n"
                                 "　　5月28日零时，历时三年建设的青岚江三桥正式通车，主城区跨江通道增至6座。\n"
                                 "　　青岚市交通局局长韦知远表示，三桥还将接入公交线路。\n")
    assert read_ == ["韦知远"]  # the search reads him; presence drops him
    assert kept == []
    assert not evidence.reported and not evidence.acted and not evidence.at_occasion


def test_a_meeting_report_keeps_the_people_whose_words_it_gives() -> None:
    _, kept, evidence = read("青岚市召开安全生产工作会议\n"
                             "　　3月2日，全市安全生产工作会议召开。\n"
                             "　　市委书记韦知远强调，要压实责任。副市长柯雨表示，要抓好落实。\n")
    assert kept == ["韦知远", "柯雨"]
    # nobody is named by an act, but the report says the meeting took place
    assert evidence.reported and evidence.took_place and not evidence.acted and evidence.at_occasion


def test_an_act_in_the_headline_places_its_people_at_the_occasion() -> None:
    _, kept, evidence = read("韦知远出席青岚市科技创新大会\n"
                             "　　3月5日，青岚市科技创新大会在市会展中心举行。\n"
                             "　　“要让企业成为创新主体。”青岚大学教授柯雨在发言中说。\n")
    assert "韦知远" in kept
    assert evidence.reported and evidence.acted


def test_words_said_at_the_meeting_in_the_headline_are_an_act_of_presence() -> None:
    _, kept, evidence = read("韦知远在全市农村工作会议上强调\n"
                             "　　扎实推进乡村全面振兴\n"
                             "　　本报讯 全市农村工作会议3月8日在青岚举行。市委书记韦知远出席会议并讲话。\n")
    assert kept == ["韦知远"]
    assert evidence.reported and evidence.acted


def test_a_report_of_reactions_to_a_speech_has_no_attendee() -> None:
    """The headline tells of the meeting where the speech was given, not of one the people
    quoted attended: nobody acted, and no word says an occasion of theirs took place."""
    read_, kept, evidence = read("讲话精神激励青年奋发有为\n"
                                 "——青岚青年热议韦知远总书记在全市青年大会上发表重要讲话\n"
                                 "　　“讲话说到了我们的心坎上。”青岚大学学生会主席柯雨说。\n"
                                 "　　青岚市第一中学教师闵若川表示，要把讲话精神带进课堂。\n")
    assert "闵若川" in read_
    assert kept == []
    assert evidence.reported and not evidence.acted and not evidence.took_place


def test_a_feature_keeps_the_people_of_a_meeting_it_tells_of() -> None:
    _, kept, evidence = read("青岚菜农的包菜卖出去了\n"
                             "　　4月13日清晨，一辆辆货车满载包菜驶出青岚镇，菜农看着货车心里美滋滋的。\n"
                             "　　青岚镇一千多亩包菜喜获丰收，但市场供大于求，价格低迷。\n"
                             "　　超市、学校、部队纷纷上门采购，包菜很快有了销路。\n"
                             "　　此前，市政府召开协调会，副市长韦知远主持会议并讲话，要求尽快打开销路。\n")
    assert kept == ["韦知远"]
    # the report tells of no occasion in its opening: the sentence of the act decides
    assert not evidence.reported


def test_words_said_on_an_occasion_of_ones_own_make_no_attendee_of_a_feature() -> None:
    read_, kept, evidence = read("跨江通道改变城市格局\n"
                                 "　　5月28日零时，青岚江三桥正式通车，主城区跨江通道增至6座。\n"
                                 "　　青岚大学教授柯雨在交通论坛上表示，跨江通道将改变城市格局。\n")
    assert read_ == ["柯雨"]
    assert evidence.acted  # words said at the forum place him there …
    assert kept == []  # … but the report tells of no occasion, and words are no act


def test_a_commentary_quoting_an_earlier_meeting_has_no_attendee() -> None:
    read_, kept, evidence = read("坚定实施扩大内需战略\n"
                                 "　　3月1日，韦知远主持召开市委常委会会议时指出，要充分发挥市场优势。"
                                 "扩大内需是长久之计。\n")
    assert read_ == ["韦知远"]
    assert evidence.quoted_until is not None
    assert kept == []


def test_a_speech_places_the_people_it_names_by_an_act() -> None:
    _, kept, evidence = read("在全市工作会议上的讲话\n同志们：\n"
                             "　　刚才，韦知远同志通报了全市经济运行情况，我完全同意。\n", spoken=True)
    assert evidence.reported
    assert kept == ["韦知远"]


@pytest.mark.parametrize(
    "reported, acted, took_place, at_occasion",
    [
        (True, True, False, True),
        (True, False, True, True),
        (True, False, False, False),  # reactions to a speech: the event is told, nobody was there
        (False, True, True, False),  # a feature: each person by an act of their own
    ],
)
def test_the_report_tells_of_an_occasion_its_people_were_at(reported: bool, acted: bool, took_place: bool,
                                                             at_occasion: bool) -> None:
    assert PresenceEvidence(reported, acted, took_place).at_occasion is at_occasion


def test_a_report_without_people_needs_no_evidence() -> None:
    _, kept, _ = read("青岚江三桥正式通车\n　　5月28日零时，青岚江三桥正式通车。\n")
    assert kept == []
