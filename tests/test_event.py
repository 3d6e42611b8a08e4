"""The meeting itself (parser/event.py): name, date and place, on invented sentences."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser import parse
from parser.extract.event import read_event
from parser.extract.passages import Passage, PassagePlace
from parser.model import Event, Published


def event_of(lead: str, headline: str | None = None, *, kind: str = "meeting_report", body: tuple[str, ...] = (),
             published: str | None = None, dateline: str | None = None, asides: tuple[str, ...] = ()) -> Event:
    """read_event over passages laid out one after another, as a report would stand."""
    passages: list[Passage] = []
    pos = 0

    def add(text: str, place: PassagePlace, before_lead: bool = False) -> None:
        nonlocal pos
        passages.append(Passage.plain(text, place, base=pos, before_lead=before_lead))
        pos += len(text) + 1

    if headline is not None:
        add(headline, "headline", True)
    for text in asides:
        add(text, "aside", True)
    if dateline is not None:
        add(dateline, "dateline")
    add(lead, "lead")
    for text in body:
        add(text, "body")
    pub = Published(published, published, None, "meta") if published else None
    return read_event(passages, pub, kind)


def parts(event: Event) -> tuple[str | None, str | None, str | None]:
    return (event.name.text if event.name else None, event.date.value if event.date else None,
            event.place.text if event.place else None)


# ------------------------------------------------------------------------------------ the name


def test_a_meeting_held_in_the_headline() -> None:
    event = event_of("3月12日上午，会议召开。", "全市优化营商环境工作推进会召开 韩立诚讲话 贺启舟主持")
    assert parts(event)[0] == "全市优化营商环境工作推进会"
    assert event.name is not None and event.name.span == (0, 13)


def test_a_meeting_convened_by_a_host_city_leaves_the_city_out() -> None:
    assert parts(event_of("5月20日，青岚市召开安全生产工作会议，部署工作。"))[0] == "安全生产工作会议"


def test_a_bare_meeting_takes_its_subject() -> None:
    event = event_of("会议传达学习了有关精神。", "鹤屿市委常委会召开会议 研究部署防汛工作")
    assert event.name is not None and event.name.text == "鹤屿市委常委会会议"
    assert event.name.span == (0, 11)  # 鹤屿市委常委会召开会议: the words it was read from


def test_a_time_between_subject_and_verb_is_left_out_of_the_subject() -> None:
    assert parts(event_of("市政府常务会议研究了有关事项。", "青岚市政府下午召集会议 研究防汛"))[0] == "青岚市政府会议"


def test_a_numbered_session_keeps_its_number_and_subject() -> None:
    assert parts(event_of("2月24日，校党委中心组开展2025年第2次集中学习。"))[0] == "校党委中心组2025年第2次集中学习"
    assert parts(event_of("4月8日，望川市政府召开第30次常务会议。"))[0] == "第30次常务会议"


def test_a_named_meeting_in_the_lead_beats_a_bare_one_in_the_headline() -> None:
    event = event_of("1月17日下午，青岚学院党委常委（扩大）会议在明理楼召开。", "校党委召开会议传达学习上级精神")
    assert parts(event)[0] == "青岚学院党委常委（扩大）会议"


def test_a_meeting_someone_attends_or_chairs() -> None:
    assert parts(event_of("韦知远出席全省乡村振兴工作座谈会并讲话。"))[0] == "全省乡村振兴工作座谈会"
    assert parts(event_of("市长贺启舟主持召开市政府常务会议。"))[0] == "市政府常务会议"


def test_attending_a_bare_meeting_names_nothing() -> None:
    assert parts(event_of("市委书记韩立诚出席会议并讲话。"))[0] is None


def test_a_meeting_spoken_at() -> None:
    assert parts(event_of("韦知远在全市防汛工作会议上强调，要压实责任。"))[0] == "全市防汛工作会议"
    assert parts(event_of("在11日召开的全县经济工作座谈会上，县委书记说。"))[0] == "全县经济工作座谈会"


def test_a_meeting_joined_by_ji_is_one_name() -> None:
    lead = "韦知远在全市巡察工作会议暨第五轮巡察动员部署会上强调，要抓好落实。"
    assert parts(event_of(lead))[0] == "全市巡察工作会议暨第五轮巡察动员部署会"


def test_a_meeting_with_quotes_and_brackets_inside() -> None:
    lead = "“一带一路”国际合作高峰论坛服务保障工作总结大会6月1日举行。"
    assert parts(event_of(lead))[0] == "“一带一路”国际合作高峰论坛服务保障工作总结大会"
    assert parts(event_of("2月11日，江西省县（市、区）委书记座谈会召开。"))[0] == "江西省县（市、区）委书记座谈会"


def test_a_cited_meeting_is_not_the_one_reported() -> None:
    lead = "会议学习贯彻了省委书记在全省经济工作会议上的重要讲话精神。"
    assert parts(event_of(lead, "青岚市召开干部大会"))[0] == "干部大会"
    assert parts(event_of("大家学习贯彻在全省经济工作会议上的重要讲话精神。"))[0] is None


def test_a_meeting_still_to_come_is_not_dated() -> None:
    lead = "10月16日至18日，由青岚广电局主办的第四届青岚广播电视合作论坛将在青岚举行。"
    assert parts(event_of(lead)) == (None, None, None)


def test_a_meeting_still_to_come_is_not_held() -> None:
    assert parts(event_of("中共中央政治局今天召开会议，决定今年10月在北京召开第三次全体会议。",
                          "中共中央政治局召开会议"))[0] == "中共中央政治局会议"
    assert parts(event_of("第十四届冬运会将于2月16日在呼伦贝尔开幕。")) == (None, None, None)


def test_an_anniversary_of_a_meeting_is_not_the_meeting() -> None:
    assert parts(event_of("五年来，各地积极行动。", "——写在全市发展座谈会召开五周年之际"))[0] is None


def test_a_source_meeting_is_not_the_event() -> None:
    assert parts(event_of("记者从18日召开的全市新闻通气会上获悉，工程已完工。"))[0] is None


def test_a_noun_alone_is_looked_up_in_the_body() -> None:
    body = ("这里有答案。1月18日召开的青岚协同发展座谈会上，韦知远强调要保持耐心。",)
    event = event_of("燕山脚下，寒气袭人。", "韦知远调研并主持召开座谈会纪实", body=body, published="2019-01-20")
    assert parts(event)[:2] == ("青岚协同发展座谈会", "2019-01-18")


def test_a_noun_alone_stands_when_the_body_names_nothing() -> None:
    assert parts(event_of("2月16日，市委书记王忠岳召开视频会，部署排查工作。"))[0] == "视频会"


def test_greetings_and_attributives_are_not_part_of_a_name() -> None:
    assert parts(event_of("大会闭幕。", "热烈祝贺市政协十三届三次会议胜利闭幕"))[0] == "市政协十三届三次会议"
    lead = "7月13日，由青岚市人民政府和青岚煤炭交易中心联合主办的“2025·青岚煤炭交易会”在青岚举行。"
    assert parts(event_of(lead, kind="speech"))[0] == "2025·青岚煤炭交易会"
    lead = "1月21日至24日，以“凝聚力量”为主题的青岚经济论坛2020年年会在青岚举行。"
    assert parts(event_of(lead))[:2] == ("青岚经济论坛2020年年会", "2020-01-21")
    assert parts(event_of("主席韦知远10日致电祝贺青岚联盟第3届首脑会议召开。"))[0] == "青岚联盟第3届首脑会议"
    assert parts(event_of("会议举行。", "代表们积极评价青岚园艺博览会成功举行"))[0] == "青岚园艺博览会"
    assert parts(event_of("5月22日，他所在的十四届市人大三次会议在青岚开幕。"))[0] == "十四届市人大三次会议"
    lead = "“五一”前，一场主题为“同心协力，共克时艰”的颁奖典礼在青岚光谷举办。"
    assert parts(event_of(lead))[0] == "颁奖典礼"


def test_a_word_of_what_a_meeting_did_joined_to_another_noun_is_part_of_the_name() -> None:
    # 研究 starts what a meeting did (召开会议研究…), but 研究与创新 is one noun of the name
    assert parts(event_of("论坛举行。", "青岚全球研究与创新论坛在青岚举行"))[0] == "青岚全球研究与创新论坛"
    assert parts(event_of("市委常委会召开会议研究部署防汛工作。"))[0] == "市委常委会会议"


def test_local_meeting_nouns_name_meetings() -> None:
    lead = "6月1日，公司在办公楼二楼会议室召开安全生产月活动动员会。"
    assert parts(event_of(lead)) == ("安全生产月活动动员会", "--06-01", "办公楼二楼会议室")
    assert parts(event_of("市商务局10月29日举行中外媒体吹风会。"))[0] == "中外媒体吹风会"
    lead = "7月3日，全县村干部能力提升培训班在县委党校开班。"
    assert parts(event_of(lead)) == ("全县村干部能力提升培训班", "--07-03", "县委党校")


def test_a_name_does_not_run_over_a_verb_of_attending() -> None:
    assert parts(event_of("主席团常务主席召集并主持主席团会议。"))[0] == "主席团会议"


def test_a_description_is_not_a_name() -> None:
    event = event_of("4月27日，一场特殊的报告会在学院举行。", body=("这次报告会由学院团委主办。",))
    assert parts(event)[0] == "一场特殊的报告会"  # no better name anywhere: the words stand as they are


def test_a_speech_names_its_occasion() -> None:
    event = event_of("同志们：", "在全区创建全国文明城市工作推进会上的讲话", kind="speech")
    assert parts(event) == ("全区创建全国文明城市工作推进会", None, None)


def test_a_speech_dated_by_its_date_line_or_a_closing_note() -> None:
    event = event_of("同志们：", "在全市城市更新工作会议上的讲话", kind="speech", asides=("（2025年3月5日）",))
    assert parts(event)[:2] == ("全市城市更新工作会议", "2025-03-05")
    event = event_of("今天，我们召开这次会议。", "学习贯彻重要讲话精神", kind="speech",
                     body=("（本文节选自韦知远同志2019年1月16日在全市政法工作会议上的讲话）",))
    assert parts(event)[:2] == ("全市政法工作会议", "2019-01-16")


def test_other_text_has_no_meeting() -> None:
    event = event_of("十月一日，庆祝大会在京隆重举行。市民观看直播。", "图片报道", kind="other")
    assert parts(event) == (None, "--10-01", "京")


def test_a_visit_has_a_place_and_a_date_but_no_meeting() -> None:
    lead = "中共中央政治局常委韦知远5月7日至9日在青海调研。"
    event = event_of(lead, "韦知远在青海调研时强调", published="2024-05-09")
    assert parts(event) == (None, "2024-05-07", "青海")


# ------------------------------------------------------------------------------------ the date


def test_month_and_day_take_the_year_of_publication() -> None:
    event = event_of("1月17日下午，全校干部会议在明理楼召开。", published="2019-01-18T11:05:00")
    assert event.date is not None
    assert (event.date.value, event.date.text, event.date.inferred) == (
        "2019-01-17", "1月17日", "year from the publication date")


def test_the_year_before_when_the_meeting_would_follow_publication() -> None:
    assert parts(event_of("12月30日，全市工作会议召开。", published="2024-01-02"))[1] == "2023-12-30"


def test_a_day_after_publication_within_a_day_keeps_the_year() -> None:
    # a page stamped in UTC late on the 21st reports a meeting of the 22nd, local time
    assert parts(event_of("7月22日，全市工作务虚会召开。", published="2022-07-21T23:44:13+00:00"))[1] == "2022-07-22"


def test_without_a_year_the_partial_form() -> None:
    event = event_of("10月7日，南宁市召开专题工作会议。")
    assert event.date is not None and (event.date.value, event.date.inferred) == ("--10-07", None)


def test_a_full_date_needs_nothing() -> None:
    assert parts(event_of("2025年4月1日，青岚市举办促就业行动部署会。", published="2025-04-02"))[1] == "2025-04-01"


def test_a_year_in_the_meeting_name() -> None:
    assert parts(event_of("5月10-12日，2019年全国人文地理学术年会在青岚学院举行。"))[1] == "2019-05-10"


def test_a_year_of_account_in_the_name_is_no_year() -> None:
    assert parts(event_of("祁家河林场党支部于4月3日召开了2018年度基层党组织组织生活会。"))[1] == "--04-03"
    assert parts(event_of("1月14日，人社部举行2019年第四季度新闻发布会。"))[1] == "--01-14"
    assert parts(event_of("2月24日，校党委中心组开展2020年第2次集中学习。"))[1] == "2020-02-24"


def test_a_day_alone_takes_its_month_from_the_dateline() -> None:
    event = event_of("青岚市人大常委会第十四次会议21日下午在市人民会堂举行。", dateline="本报青岚10月21日电")
    assert event.date is not None and (event.date.value, event.date.inferred) == ("--10-21", "month from the dateline")
    event = event_of("郭某13日主持召开全区政法委员会全体会议。", dateline="新华社青岚2月14日电", published="2020-02-14")
    assert parts(event)[1] == "2020-02-13"


def test_a_day_past_the_dateline_day_is_of_the_month_before() -> None:
    assert parts(event_of("28日，全市工作会议召开。", dateline="本报青岚3月1日电"))[1] == "--02-28"


def test_a_day_alone_without_a_month_anywhere_is_unknown() -> None:
    assert parts(event_of("全国宣传部长会议4日在京召开。"))[1:] == (None, "京")


def test_a_day_alone_takes_its_month_from_a_time_line() -> None:
    assert parts(event_of("在11日召开的全县书记座谈会上，县委书记说。", asides=("时间：2月11日",)))[1] == "--02-11"


def test_yesterday_counts_from_publication_only() -> None:
    lead = "昨日（14日）上午，市政协召开民主监督座谈会。"
    event = event_of(lead, published="2011-06-15")
    assert event.date is not None and (event.date.value, event.date.text) == ("2011-06-14", "昨日")
    assert parts(event_of("昨天上午，农业部在我市召开渔业安全生产工作会议。"))[1] is None


def test_vague_words_leave_the_day_unknown() -> None:
    assert parts(event_of("陕西省政府采购工作座谈会日前在西安召开。", published="2011-10-12"))[1] is None
    assert parts(event_of("韦知远近日在青岚考察，主持召开协同发展座谈会。", dateline="本报青岚1月18日电"))[1] is None


def test_the_sentence_naming_the_meeting_dates_it() -> None:
    lead = "备受关注的高峰论坛于5月14日至15日在北京举行。5月13日上午，论坛新闻中心举行专场记者会。"
    event = event_of(lead, "高峰论坛举行专场记者会", published="2017-05-14T08:19:00")
    assert parts(event)[:2] == ("专场记者会", "2017-05-13")


def test_a_lead_telling_why_leaves_the_day_to_the_next_paragraph() -> None:
    lead = "为庆祝建党纪念日，经集团党委研究决定，召开优秀党员表彰大会。"
    body = ("7月1日，青岚集团优秀党员表彰大会在印务公司会议室召开。", "6月30日，各支部推荐了人选。")
    assert parts(event_of(lead, "青岚集团召开优秀党员表彰大会", body=body)) == (
        "优秀党员表彰大会", "--07-01", "印务公司会议室")
    # the paragraph must name the meeting, and only the one after the lead is read
    assert parts(event_of(lead, body=("6月30日，各支部推荐了人选。", "7月1日，表彰大会在会议室召开。")))[1] is None


def test_a_dateline_inside_the_lead_is_not_the_event_day() -> None:
    lead = "据新华社柏林5月11日电 青岚孔子学院日前举办了中医抗疫线上研讨会。"
    assert parts(event_of(lead, "青岚孔院举办中医抗疫线上研讨会"))[1] is None


def test_a_date_in_a_sentence_without_an_event_does_not_date_it() -> None:
    assert parts(event_of("5月13日，无人驾驶农机在农场播种玉米。", kind="other"))[1] is None


def test_other_text_dates_events_held_not_meetings_it_refers_to() -> None:
    lead = "2018年11月30日，省人大常委会第七次会议审议通过《青岚省改革规定》，引发广泛关注。"
    assert parts(event_of(lead, kind="other"))[1] is None
    assert parts(event_of("5月11日，市中级人民法院一审公开开庭审理了受贿一案。", kind="other"))[1] == "--05-11"


# ----------------------------------------------------------------------------------- the place


def test_place_between_zai_and_the_verb() -> None:
    lead = "9月26日上午，青岚市民族团结进步表彰大会在市会议中心召开。"
    event = event_of(lead)
    assert event.place is not None and event.place.text == "市会议中心"
    assert event.place.span == (lead.index("市会议中心"), lead.index("召开"))


def test_place_before_an_adverb() -> None:
    assert parts(event_of("2月21日上午，学院第十次党员代表大会在主楼小礼堂隆重举行。"))[2] == "主楼小礼堂"
    assert parts(event_of("年会在重庆·青岚大学成功举行。"))[2] == "重庆·青岚大学"


def test_the_lead_place_is_more_precise_than_the_headline_place() -> None:
    event = event_of("纪念座谈会27日在北京人民大会堂举行。", "纪念座谈会在京举行")
    assert parts(event)[2] == "北京人民大会堂"


def test_the_headline_place_when_the_lead_has_none() -> None:
    assert parts(event_of("会议传达了有关精神。", "全国宣传部长会议在京召开"))[2] == "京"


def test_the_body_names_the_meeting_again_without_its_subject() -> None:
    lead = "今年3月，青岚学院转设获批。"
    held = "6月28日下午，集团在明德楼第一会议室隆重举行学院转设工作表彰大会。"
    headline = "集团公司召开青岚学院转设工作表彰大会"
    assert parts(event_of(lead, headline, body=(held,)))[2] == "明德楼第一会议室"
    # only a place in the clause naming it is its place
    other = "在学院转设工作表彰大会举行期间，校友活动在青岚宾馆举行。"
    assert parts(event_of(lead, headline, body=(other,)))[2] is None


def test_where_words_were_said_is_no_place() -> None:
    lead = "学院召开党员领导干部专题民主生活会。"
    body = ("院长韦知远在表态讲话中表示，要开好党员领导干部专题民主生活会。",)
    assert parts(event_of(lead, body=body))[2] is None


def test_a_host_city_is_not_a_place() -> None:
    assert parts(event_of("10月8日，南宁市召开专题工作会议。"))[2] is None


def test_a_time_or_a_manner_is_not_a_place() -> None:
    assert parts(event_of("在建党99周年之际召开庆祝表彰大会。"))[2] is None
    assert parts(event_of("4月30日，研究院在线举办全球格局研讨会。"))[2] is None


def test_a_place_before_tong() -> None:
    event = event_of("韦知远29日上午在中南海同市总工会新一届领导班子成员集体谈话并发表讲话。")
    assert parts(event)[2] == "中南海"


def test_a_visit_place_is_not_the_meeting_place() -> None:
    event = event_of("韦知远近日在三省市考察，主持召开协同发展座谈会并发表重要讲话。", "韦知远主持召开协同发展座谈会",
                     body=("在市委办公楼主楼会议室，韦知远主持召开协同发展座谈会。",))
    assert parts(event)[2] == "市委办公楼主楼会议室"


def test_a_visit_place_stands_when_nothing_else_places_the_meeting() -> None:
    event = event_of("韦知远22日在人民大会堂会见来宾，并共同主持青岚合作委员会第三次会议。")
    assert parts(event)[2] == "人民大会堂"


def test_a_body_sentence_about_the_meeting_places_it() -> None:
    body = ("会议在明理楼小礼堂设主会场，在南校区设分会场。",)
    event = event_of("11月23日，学校召开全校干部会议，部署专项工作。", body=body)
    assert parts(event)[2] == "明理楼小礼堂"


def test_a_place_in_a_cited_speech_is_not_the_place() -> None:
    lead = "韦知远13日主持召开全区政法委员会全体会议，学习贯彻省委书记在北京调研指导工作时的重要讲话精神。"
    assert parts(event_of(lead))[2] is None


# ------------------------------------------------------------------------------- end to end


def test_spans_point_at_the_words_in_the_input() -> None:
    text = ("青岚市十六届人大四次会议开幕\n发布时间：2025-03-05 18:20\n\n"
            "　　本报青岚3月5日电（记者 沈知远）青岚市第十六届人民代表大会第四次会议5日上午在市人民会堂开幕。\n")
    event = parse(text).event
    assert event.name is not None and event.date is not None and event.place is not None
    assert text[slice(*event.name.span)] == "青岚市十六届人大四次会议开幕"[:12]
    assert text[slice(*event.date.span)] == "5日"
    assert text[slice(*event.place.span)] == "市人民会堂"
    assert event.date.value == "2025-03-05"


def test_traditional_input_is_shown_simplified_with_spans_in_the_input() -> None:
    text = "雲溪縣召開全縣鄉村振興工作會議\n\n　　2月26日上午，全縣鄉村振興工作會議在縣會議中心召開。\n"
    event = parse(text).event
    assert event.name is not None and event.name.text == "全县乡村振兴工作会议"
    assert text[slice(*event.name.span)] == "全縣鄉村振興工作會議"
    kept = parse(text, keep_script=True).event
    assert kept.name is not None and kept.name.text == "全縣鄉村振興工作會議"


# ------------------------------------------------------------------------------- properties

FRAGMENTS = [
    "青岚市", "召开", "举行", "在", "上", "的讲话", "会议", "座谈会", "推进会", "大会", "论坛", "暨", "召开会议",
    "市委常委会", "主持召开", "出席", "调研", "同", "隆重", "之际", "精神", "学习贯彻", "将于", "决定", "以来",
    "获悉", "主办的",
    "3月5日", "5日", "2020年3月5日", "十月一日", "昨天", "近日", "日前", "5月10-12日", "2月30日", "13月1日", "今年",
    "“", "”", "（", "）", "，", "。", "；", "、", "：", " ", "\n", "市人民会堂", "一场", "热烈祝贺", "第2次集中学习",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
ISO_OR_PARTIAL = re.compile(r"(?:\d{4}|-)-\d{2}-\d{2}")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=5), st.sampled_from(["meeting_report", "speech", "other"]),
       st.one_of(st.none(), st.sampled_from(["2020-03-05", "2020-01-01T00:30:00+00:00", "2019-12-31"])))
def test_never_raises_dates_are_iso_spans_inside(pieces: list[str], kind: str, published: str | None) -> None:
    places: list[PassagePlace] = ["headline", "dateline", "lead", "body", "aside"]
    passages, pos = [], 0
    for i, text in enumerate(pieces):
        passages.append(Passage.plain(text, places[i % len(places)], base=pos, before_lead=i < 2))
        pos += len(text) + 1
    total = pos
    pub = Published(published, published, None, "meta") if published else None
    event = read_event(passages, pub, kind)
    if event.date is not None:
        assert ISO_OR_PARTIAL.fullmatch(event.date.value), event.date.value
    for part in (event.name, event.date, event.place):
        if part is not None:
            a, b = part.span
            assert 0 <= a <= b <= total
    if kind == "other":
        assert event.name is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parse_of_random_reports_gives_valid_events(text: str) -> None:
    report = parse(text)
    event = report.event
    if event.date is not None:
        assert ISO_OR_PARTIAL.fullmatch(event.date.value)
    for part in (event.name, event.date, event.place):
        if part is not None:
            a, b = part.span
            assert 0 <= a <= b <= len(text)
