"""kind.py: meeting report, speech transcript or other text, decided from the document's own evidence.

Also the steps whose evidence the kind weighs and which run on every document whatever its
kind: presence (who was there) and the speech speaker. All sentences are invented.
"""

from __future__ import annotations

import pytest

from parser import parse
from parser.extract.kind import Evidence, classify_kind, is_speech_title, reports_event, told_later


@pytest.mark.parametrize(
    "headline, ok",
    [
        ("在全市城市更新工作会议上的讲话", True),
        ("在青岚大学2024届毕业典礼上的致辞", True),
        ("韦知远同志讲话", True),
        ("——在青岚市第七次党代会上的工作报告", True),
        ("青岚市政府工作报告", True),
        ("韦知远作的政府工作报告（摘登）", True),
        ("代表热议政府工作报告", False),
        ("青岚市召开工作会议", False),
        ("", False),
        (None, False),
    ],
)
def test_speech_title(headline: str | None, ok: bool) -> None:
    assert is_speech_title(headline) is ok


@pytest.mark.parametrize(
    "evidence, kind",
    [
        (Evidence("在全市工作会议上的讲话", "同志们：", salutation=True, speech_title=True), "speech"),
        (Evidence(None, "同志们：", salutation=True, first_person=3), "speech"),
        (Evidence(None, "同志们：", salutation=True, first_person=1), "other"),
        (Evidence("一则新闻", "韦知远：尊敬的各位来宾……", transcript=True), "speech"),
        (Evidence("青岚江三桥建成通车", "3月1日，大桥通车。"), "other"),
        (Evidence("青岚市召开工作会议", "3月1日，会议召开。"), "meeting_report"),
        # someone present by an act in the headline or lead is enough
        (Evidence("一则新闻", "某日。", present_early=frozenset({"attended"})), "meeting_report"),
        (Evidence("一则新闻", "某日。", present_early=frozenset({"presided"})), "meeting_report"),
        # people quoted in ordinary news are no evidence: 'spoke' alone in the lead is not
        (Evidence("一则新闻", "某日，某人表示。", present_early=frozenset({"spoke"})), "other"),
        # a photo story, a day's programme, the text of a resolution
        (Evidence("图片新闻", "青岚市召开工作会议。"), "other"),
        (Evidence("新闻联播", "3月1日，会议召开。", items=4), "other"),
        (Evidence("青岚市第七届人民代表大会第三次会议关于政府工作报告的决议", "会议听取了报告。"), "other"),
        (Evidence("青岚市物业管理条例", "（2024年3月5日青岚市第七届人民代表大会常务委员会第九次会议通过）"), "other"),
        # a commentary opening on the quotation of an earlier meeting
        (Evidence("坚定扩大内需", "韦知远主持召开常委会会议时指出，要扩大内需。"), "other"),
    ],
)
def test_classify_kind(evidence: Evidence, kind: str) -> None:
    assert classify_kind(evidence) == kind


@pytest.mark.parametrize(
    "lead, opening, early, later, kind",
    [
        # a screening opens the meeting: the lead names the meeting after its first sentence
        ("会前，与会人员观看了专题片《初心》。随后，青岚县2024年度述职评议会举行，县委书记韦知远讲话。", (),
         {"spoke"}, set(), "meeting_report"),
        # a ceremony told from its atmosphere first, named in the next paragraph
        ("秋风送爽，丹桂飘香。", ("9月1日上午，青岚中学2024级新生开学典礼在操场举行。",),
         set(), {"attended"}, "meeting_report"),
        # a meeting named in the next paragraph, but nobody present there: a feature
        ("秋风送爽，丹桂飘香。", ("去年召开的全市工作会议提出了新目标。",), set(), {"spoke"}, "other"),
    ],
)
def test_event_told_after_the_opening_sentence(lead: str, opening: tuple[str, ...], early: set[str],
                                              later: set[str], kind: str) -> None:
    ev = Evidence("金秋开学季", lead, opening=opening, present_early=frozenset(early),
                  present_opening=frozenset(later))
    assert classify_kind(ev) == kind


def test_quoted_words_do_not_tell_of_an_event() -> None:
    lead = "“这件事搁置多年，这次现场会终于解决了。会上决定立项。”青岚镇党委书记说。"
    assert told_later(lead, []) == (False, False)
    assert told_later("青岚镇变了样。会上，镇长作了部署。", []) == (True, False)


@pytest.mark.parametrize(
    "headline, lead, ok",
    [
        ("青岚市召开城市更新工作推进会", None, True),
        ("第二届青岚智库峰会在青岚召开", None, True),
        ("青岚县2024年度述职评议会举行", None, True),
        ("韦知远出席青岚商会年度招待会", None, True),
        ("韦知远在青岚市改革领导小组会议强调 推进改革走深走实", None, True),
        ("——论学习贯彻韦知远在青岚市党代会上重要讲话", None, False),
        ("韦知远将出席青岚论坛开幕式", None, False),
        ("青岚博览会闭幕三年多 园区再现生机", None, False),
        ("一则新闻", "3月1日，副市长韦知远到青岚区调研安全生产工作。", True),
        ("一则新闻", "3月1日，韦知远同青岚大学新一届领导班子成员集体谈话。", True),
        ("一则新闻", "在3月1日召开的全市工作会议上获悉，……", False),
    ],
)
def test_reports_event(headline: str, lead: str | None, ok: bool) -> None:
    assert reports_event(headline, lead) is ok


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
    # a notice of a meeting still to come is no report of it
    notice = "关于召开全市防汛工作会议的通知\n各区人民政府：\n　　经市政府研究，定于7月5日召开全市防汛工作会议。\n"
    assert parse(notice).kind == "other"


# ------------------------------------------------------------------ presence: the kind drops no one


def test_people_quoted_in_ordinary_news_are_not_attendees() -> None:
    news = ("青岚江三桥正式通车\n"
            "　　5月28日零时，历时三年建设的青岚江三桥正式通车，主城区跨江通道增至6座。\n"
            "　　“通车后，过江时间缩短一半。”青岚市交通局局长韦知远表示，三桥还将接入公交线路。\n"
            "　　青岚大学教授柯雨日前在交通论坛上表示，跨江通道将改变城市格局。\n")
    report = parse(news)
    assert report.kind == "other"
    assert report.attendees == []


def test_a_meeting_met_in_ordinary_news_keeps_its_people() -> None:
    """The kind is other, but the people of a meeting the story tells of are still present:
    the kind no longer throws attendees away."""
    news = ("青岚菜农的包菜卖出去了\n"
            "　　4月13日清晨，一辆辆货车满载包菜驶出青岚镇，菜农看着货车心里美滋滋的。\n"
            "　　青岚镇一千多亩包菜喜获丰收，但市场供大于求，价格低迷，菜农心急如焚。\n"
            "　　超市、学校、部队纷纷上门采购，包菜很快有了销路。\n"
            "　　此前，市政府召开协调会，副市长韦知远主持会议并讲话，要求帮菜农尽快打开销路。\n")
    report = parse(news)
    assert report.kind == "other"
    assert [a.name for a in report.attendees] == ["韦知远"]


def test_words_in_a_meeting_report_make_an_attendee() -> None:
    report = parse("青岚市召开安全生产工作会议\n"
                   "　　3月2日，全市安全生产工作会议召开。\n"
                   "　　市委书记韦知远强调，要压实责任。\n")
    assert report.kind == "meeting_report"
    assert [(a.name, a.roles) for a in report.attendees] == [("韦知远", ["spoke"])]


def test_a_commentary_quoting_an_earlier_meeting_has_no_attendees() -> None:
    report = parse("坚定实施扩大内需战略\n"
                   "　　3月1日，韦知远主持召开市委常委会会议时指出，要充分发挥市场优势。扩大内需是长久之计。\n")
    assert report.kind == "other"
    assert report.attendees == []


# ------------------------------------------------------------------ the speech speaker, on every document


def test_speaker_line_under_a_speech_title_is_no_part_of_the_headline() -> None:
    report = parse("在全市城市更新工作会议上的讲话\n韦知远\n（2024年3月1日）\n同志们：\n"
                   "　　今天我们召开会议，我们要认真总结，我们要扎实推进，大家要齐心协力。\n")
    assert report.kind == "speech"
    assert report.headline is not None and report.headline.text == "在全市城市更新工作会议上的讲话"
    assert [(a.name, a.roles) for a in report.attendees] == [("韦知远", ["spoke"])]


def test_an_editors_note_under_a_speech_title_is_no_part_of_the_headline() -> None:
    report = parse("韦知远同志在全县经济工作会议上的讲话\n（根据录音整理）\n同志们：\n"
                   "　　今天我们召开会议，我们要认真总结，我们要扎实推进。\n")
    assert report.headline is not None and report.headline.text == "韦知远同志在全县经济工作会议上的讲话"


def test_speaker_named_in_the_headline() -> None:
    report = parse("青岚大学后勤处韦知远处长的讲话\n各位代表，同志们：\n　　大家上午好。我们今天在这里开会。\n")
    assert report.kind == "speech"
    assert [(a.name, a.titles, a.roles) for a in report.attendees] == [("韦知远", ["青岚大学后勤处"], ["spoke"])]


def test_speaker_labelled_transcript_is_a_speech() -> None:
    report = parse("青岚商会年会致辞摘登\n"
                   "　　韦知远：各位会员，大家好。我们相聚在这里，回顾一年的工作。\n"
                   "　　柯雨：感谢韦会长。我想谈三点体会，供大家参考。\n"
                   "　　韦知远：谢谢柯雨。下面请各位会员自由发言。\n")
    assert report.kind == "speech"
    assert [a.name for a in report.attendees] == ["韦知远", "柯雨"]
    assert all(a.roles == ["spoke"] for a in report.attendees)


def test_an_interview_is_not_a_transcript() -> None:
    report = parse("网络文学的未来\n"
                   "　　记者：未来网络文学读者群会不会萎缩？\n"
                   "　　韦知远：基本上不会，读书的人会越来越多，行业会稳健增长。\n"
                   "　　记者：年轻读者喜欢什么？\n"
                   "　　韦知远：他们更喜欢短篇，节奏快的故事。\n")
    assert report.kind == "other"
    assert report.attendees == []


def test_a_digest_of_quotations_is_not_a_transcript() -> None:
    report = parse("观点集萃\n"
                   "　　青岚网络公司总经理韦知远：要在平台、内容和技术上下功夫。\n"
                   "　　青岚大学教授柯雨：融合发展要守正创新，内容为王。\n")
    assert report.kind == "other"
    assert report.attendees == []


def test_a_name_alone_over_a_story_is_no_speaker_label() -> None:
    report = parse("四位快递小哥的故事\n　　他们风雨无阻，穿行在大街小巷。\n　　韦知远：\n"
                   "　　每天清晨五点，他就出门送货，一天要跑上百公里。\n　　柯雨：\n"
                   "　　她是站里唯一的女快递员，负责三个小区。\n")
    assert report.kind == "other"
    assert report.attendees == []


def test_meeting_placeholder_matches_the_longest_noun() -> None:
    """``{MEETING}`` in kind_cues.tsv stands for the occasion nouns: the longest one at a place wins."""
    from parser.extract.kind import cue_match

    found = cue_match("event", "青岚县委召开全县安全生产座谈会")
    assert found is not None and found.group().endswith("座谈会")
