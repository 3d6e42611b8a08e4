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


def acted(*paragraphs: str) -> dict[str, bool]:
    """Each named person, and whether a mention of theirs places them at the event by an act or
    by words said there (presence.py weighs it with the rest of the report)."""
    mentions, _ = collect(list(enumerate(paragraphs)))
    out: dict[str, bool] = {}
    for _, m in mentions:
        if m.name:
            out[m.name] = out.get(m.name, False) or m.acted
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
        ("市长闵若川向会议作了关于预算执行情况的报告。", "市长", "spoke"),
        ("市长闵若川致开幕词。", "市长", "spoke"),
        ("市长闵若川作情况说明。", "市长", "spoke"),
        ("市长闵若川为全体党员上专题党课。", "市长", "spoke"),
        ("驻青岚总领馆副总领事闵若川出席会议。", "驻青岚总领馆副总领事", "attended"),
        ("镇党委书记闵若川带队督导防汛工作。", "镇党委书记", "attended"),
        ("市委办公室一级调研员闵若川出席会议。", "市委办公室一级调研员", "attended"),
        ("副市长闵若川带队检查安全生产。", "副市长", "attended"),
    ],
)
def test_role_verbs(sentence: str, title: str, role: str) -> None:
    assert people(sentence) == [("闵若川", [title], [role])]


def test_words_of_a_titled_person_make_a_speaker() -> None:
    assert people("市委书记韦知远在会上强调，要抓好落实。") == [("韦知远", ["市委书记"], ["spoke"])]
    # 希望 gives the person's words as 要求 does
    assert people("副局长闵若川在会上希望各单位加强协作。") == [("闵若川", ["副局长"], ["spoke"])]


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


# ---------------------------------------------------------------- evidence of names, titles and presence
def test_a_title_chain_is_made_of_titles() -> None:
    # the host's words before the title are not part of it
    assert people("让我们欢迎县政府副县长韦知远讲话。") == [("韦知远", ["县政府副县长"], ["spoke"])]
    assert people("下面请县政府副县长韦知远讲话。") == [("韦知远", ["县政府副县长"], ["spoke"])]


def test_day_opens_a_clause_only_after_a_date() -> None:
    from parser.extract.attendance import _LEFT_CUTS

    assert _LEFT_CUTS.search("10月7日韦知远") is not None
    assert _LEFT_CUTS.search("今日韦知远") is not None
    assert _LEFT_CUTS.search("按日程安排韦知远") is None  # 日程安排: no 程安排 to read as a name


def test_a_name_ending_in_a_conjunction_is_kept() -> None:
    assert people("副市长韦永和与市长闵若川出席。") == [
        ("韦永和", ["副市长"], ["attended"]),
        ("闵若川", ["市长"], ["attended"]),
    ]


def test_words_between_a_name_and_its_verb() -> None:
    assert people("国务院总理韦知远应邀出席开幕会并作报告。") == [("韦知远", ["国务院总理"], ["attended", "spoke"])]
    assert people("全校干部会议在主楼召开。", "校党委副书记、纪委书记赵知蓉着重强调了纪律要求。") == [
        ("赵知蓉", ["校党委副书记", "纪委书记"], ["spoke"])]


def test_the_chair_whose_words_are_given_spoke() -> None:
    # a further verb of the same clause, however far, when nobody else is named before it
    assert people("副市长韦知远主持召开市政法委员会全体会议强调，要加强。") == [
        ("韦知远", ["副市长"], ["presided", "spoke"])]
    # a pronoun for the person the last sentence named
    assert people("全国政协主席汪知洋主持会议。他强调，要加强。") == [
        ("汪知洋", ["全国政协主席"], ["presided", "spoke"])]
    assert people("党委书记李知军主持学习会议并部署从严治党工作。") == [
        ("李知军", ["党委书记"], ["presided", "spoke"])]


def test_a_pronoun_after_a_sentence_of_several_people_stands_for_nobody() -> None:
    assert people("市长韦知远、副市长闵若川出席。他强调，要加强。") == [
        ("韦知远", ["市长"], ["attended"]),
        ("闵若川", ["副市长"], ["attended"]),
    ]


def test_a_speech_of_an_earlier_occasion_is_no_role() -> None:
    assert people("市长闵若川出席。学习了局长韦知远在动员会上的讲话精神。") == [("闵若川", ["市长"], ["attended"])]


def test_a_label_after_deng_outranks_a_title_carried_over() -> None:
    assert people("督导组组长韦知远，副组长闵若川，以及柯雨桐、宁嘉禾等领导同志参加了会议。") == [
        ("韦知远", ["督导组组长"], ["participated"]),
        ("闵若川", ["副组长"], ["participated"]),
        ("柯雨桐", ["领导同志"], ["participated"]),
        ("宁嘉禾", ["领导同志"], ["participated"]),
    ]


def test_a_title_after_the_name_makes_a_sure_speaker_but_no_title() -> None:
    assert people("会议由市长闵若川主持。", "郑知昶委员建议，要扩大范围。") == [
        ("闵若川", ["市长"], ["presided"]),
        ("郑知昶", [], ["spoke"]),
    ]
    # a leader the report cites is not made present by what he said
    assert people("市长闵若川出席。", "韦知远总书记强调，要加强。") == [("闵若川", ["市长"], ["attended"])]


def test_words_alone_are_no_act_of_presence() -> None:
    # ordinary news quoting an official: the mention is read, but nothing shows him at a meeting
    # (presence.py then keeps him only where the report tells of an occasion)
    assert people("董事长韦知远表示，今年销量很好。") == [("韦知远", ["董事长"], ["spoke"])]
    assert acted("董事长韦知远表示，今年销量很好。") == {"韦知远": False}
    assert acted("市政府召开新闻发布会。", "市卫健委主任韦知远表示，要加强防控。") == {"韦知远": False}
    # words said at the event, or an act, place the speaker there
    assert people("局长韦知远在座谈会上强调，要加强。") == [("韦知远", ["局长"], ["spoke"])]
    assert acted("局长韦知远在座谈会上强调，要加强。") == {"韦知远": True}
    assert acted("局长韦知远在调研时指出，要加强。") == {"韦知远": True}
    assert acted("局长韦知远出席会议。") == {"韦知远": True}


def test_a_dot_name_stops_before_a_word_after_it() -> None:
    assert people("市长斯蒂芬·罗奇在会上讲话。") == [("斯蒂芬·罗奇", ["市长"], ["spoke"])]


def test_a_speech_named_as_a_noun_takes_the_name_before_it() -> None:
    # 的讲话 ends the clause: 传达 after it is not said by the person of the speech
    assert people("会议学习了局长韦知远在动员会上的讲话精神，传达了市委会议精神。") == []


def test_a_verb_inside_the_title_of_a_text_is_no_role() -> None:
    report = "副校长韦知远、副校长闵若川等分别以《践行“三严三实”要求》等为题，先后汇报了体会。"
    assert people("会议在主楼召开。", report) == [
        ("韦知远", ["副校长"], ["spoke"]),
        ("闵若川", ["副校长"], ["spoke"]),
    ]


def test_rosters_before_a_comma_join_the_one_before_the_verb() -> None:
    # the first roster ends at the comma; 09办事处 is a numbered unit of the second one's title
    assert people("督导组组长韦知远及全体成员，监事会09办事处副主任、专职监事闵若川及相关人员参加会议。") == [
        ("韦知远", ["督导组组长"], ["participated"]),
        ("闵若川", ["监事会09办事处副主任", "专职监事"], ["participated"]),
    ]


def test_escorts_between_zai_and_peitong() -> None:
    assert people("代表团在江苏省委常委、苏州市委书记韦知远、副市长闵若川等陪同下，考察了园区。") == [
        ("韦知远", ["江苏省委常委", "苏州市委书记"], ["attended"]),
        ("闵若川", ["副市长"], ["attended"]),
    ]


def test_a_leader_and_the_people_he_leads() -> None:
    assert people("总社理事会副主任韦知远（正部级）率研究室副处长闵若川、办公厅干部柯雨等调研指导工作。") == [
        ("韦知远", ["总社理事会副主任"], ["attended"]),
        ("闵若川", ["研究室副处长"], ["attended"]),
        ("柯雨", ["办公厅干部"], ["attended"]),
    ]


def test_title_chain_with_an_affiliation_and_a_title_after_the_name() -> None:
    assert people("会议在主楼召开。", "省政府采购中心韦知远主任就软件应用进行了说明。") == [
        ("韦知远", ["省政府采购中心"], ["spoke"])]
    assert people("邀请“珠江学者”、青岚大学学院院长、博士生导师韦知远教授作题为“新境界”辅导报告。") == [
        ("韦知远", ["珠江学者", "青岚大学学院院长", "博士生导师"], ["spoke"])]


def test_a_pronoun_stands_only_for_the_sentence_right_before() -> None:
    # the sentence between names someone the search does not read: 他 is not the chair
    assert people("副市长韦知远主持会议。", "闵若川代表市委向大会表示热烈祝贺。他指出，要加强。") == [
        ("韦知远", ["副市长"], ["presided"])]


def test_a_sentiment_is_no_speech() -> None:
    # 表示慰问 reports a sentiment: only 表示， or 表示： give words
    assert people("市长韦知远、副市长闵若川到医院看望并以各种方式表示慰问。") == [
        ("韦知远", ["市长"], ["attended"]),
        ("闵若川", ["副市长"], ["attended"]),
    ]


def test_names_with_characters_seldom_in_names_after_a_title() -> None:
    assert people("会议召开。", "会上，青岚政法大学叶名川教授围绕新法作专题讲座。") == [
        ("叶名川", ["青岚政法大学"], ["spoke"])]
    assert people("办公厅干部牛召、研究室副处长柯雨等调研指导工作。") == [
        ("牛召", ["办公厅干部"], ["attended"]),
        ("柯雨", ["研究室副处长"], ["attended"]),
    ]


def test_an_inspection_tour_is_attended_only_without_another_role() -> None:
    assert people("国务院总理韦知远在天津考察。") == [("韦知远", ["国务院总理"], ["attended"])]
    # he spoke: present with a verb, so not attended (the second row is the later mention)
    assert people("会议召开。", "国务院总理韦知远在天津考察。韦知远强调，要加强。") == [
        ("韦知远", ["国务院总理"], []),
        ("韦知远", [], ["spoke"]),
    ]


def test_arriving_at_the_meeting_and_escorts_with_de() -> None:
    assert people("连云港市委书记韦知远到会致辞。") == [("韦知远", ["连云港市委书记"], ["attended", "spoke"])]
    assert people("代表团在市委书记韦知远的陪同下考察园区。") == [("韦知远", ["市委书记"], ["attended"])]


def test_a_list_after_you_without_a_colon() -> None:
    assert people("参加会议的有市领导韦知远、闵若川。") == [
        ("韦知远", ["市领导"], ["participated"]),
        ("闵若川", ["市领导"], ["participated"]),
    ]
    assert people("参加会议的有关部门负责人出席。") == []  # 有关 is no 有


def test_words_after_an_inspection_continue_its_subject() -> None:
    # a group between the verbs (企业生产情况) does not stop the subject, and 表示， holds its comma
    report = "部长韦知远在天津调研口罩、消毒用品等企业生产情况时表示，产能充足。"
    assert people(report) == [("韦知远", ["部长"], ["spoke"])]


def test_for_someone_is_no_speech() -> None:
    # 对…来说， means "for him": 来说 is no 说， and 韦知来 no name
    assert people("会议召开。", "对全国政协委员、市委副主委韦知来说，今年印象最深。") == []


def test_a_clause_opening_with_a_linker_is_cut_at_its_later_occurrences() -> None:
    assert people("在会上，韦知远副主任和团市委闵若川副书记在会上作了重要讲话。") == [
        ("韦知远", [], ["spoke"]),
        ("闵若川", ["团市委"], ["spoke"]),
    ]


def test_deploying_with_another_light_verb_is_speaking() -> None:
    assert people("随后，市长闵若川对下一步工作进行了再动员再部署。") == [("闵若川", ["市长"], ["spoke"])]
    assert people("县委书记韦知远主持会议并作工作部署。") == [("韦知远", ["县委书记"], ["presided", "spoke"])]
    assert people("副县长闵若川作了“三查”对照检查。") == [("闵若川", ["副县长"], ["spoke"])]


def test_a_noun_or_a_meeting_made_of_a_verb_is_no_role() -> None:
    # 工作部署 holds 作部署, 动员部署会 holds 动员部署: neither is the person's act
    assert people("会议由书记韦知远主持。", "会上，书记韦知远同志结合落实上级工作部署查摆问题。") == [
        ("韦知远", ["书记"], ["presided"]),
    ]
    assert people("会议学习了局长闵若川在全省动员部署会上的讲话精神。") == []
    # a meeting's name does not end the clause: the verb after it is the person's
    assert people("市长闵若川在全市动员部署会上讲话。") == [("闵若川", ["市长"], ["spoke"])]


def test_acting_before_the_meeting_without_a_role_verb_is_present() -> None:
    assert people("会议召开。", "处长韦知远、主任闵若川等先后对与会人员进行了业务培训。") == [
        ("韦知远", ["处长"], ["attended"]),
        ("闵若川", ["主任"], ["attended"]),
    ]
    assert people("会议召开。", "信息处韦知远副处长就推广情况进行了介绍。") == [("韦知远", ["信息处"], ["attended"])]


def test_a_verb_inside_a_quotation_is_no_role() -> None:
    # what the quoted person did years ago (参加了第一批工作组) is not a role at this event
    assert people("书记韦知远出席仪式。", "韦知远书记在仪式上说“当年我来村里参加了第一批工作组。”") == [
        ("韦知远", ["书记"], ["attended"]),
        ("韦知远", [], ["spoke"]),
    ]


def test_words_said_at_the_event_after_a_title_written_after_the_name() -> None:
    # 书记 after the name, then 在…上: the person was at the event and said what follows
    assert people("韦知远书记在认亲仪式上说“我们来到村里，与大家结对认亲。”") == [("韦知远", [], ["spoke"])]


def test_a_group_with_zai_or_a_numbered_unit_stays_in_the_list() -> None:
    assert people("会议召开。", "校长韦知远、全体在校校领导、校党委常委参加学习。") == [
        ("韦知远", ["校长"], ["participated"]),
    ]
    assert people("会议召开。", "监事会07办事处副主任、专职监事闵若川参加会议。") == [
        ("闵若川", ["监事会07办事处副主任", "专职监事"], ["participated"]),
    ]


def test_a_title_holding_a_word_with_a_clause_character_stays_in_the_list() -> None:
    # 应对 and 对外 hold 对, 就业 holds 就 (characters that otherwise end a title: 对…, 就…)
    assert people("会议召开。", "青岚市应对洪涝灾害工作领导小组组长韦知远，省人民对外友好协会会长闵若川，"
                  "市就业服务局局长苗青松出席会议。") == [
        ("韦知远", ["青岚市应对洪涝灾害工作领导小组组长"], ["attended"]),
        ("闵若川", ["省人民对外友好协会会长"], ["attended"]),
        ("苗青松", ["市就业服务局局长"], ["attended"]),
    ]


def test_a_group_joined_by_ji_is_company_not_the_next_title() -> None:
    # 及全体成员， is the company of the first person; 及相关人员 no four-character name
    assert people("会议召开。", "督导组组长韦知远及全体成员，专职监事闵若川及相关人员参加会议。") == [
        ("韦知远", ["督导组组长"], ["participated"]),
        ("闵若川", ["专职监事"], ["participated"]),
    ]


def test_a_bracketed_title_after_a_bare_name_keeps_it_near_its_verb() -> None:
    # a title written after the name is no title (ANNOTATION.md), but the person is there
    assert people("会议召开。", "韦知远（县委书记）出席会议并讲话。") == [("韦知远", [], ["attended", "spoke"])]


def test_a_linker_inside_a_longer_one_cuts_no_name() -> None:
    # 来到 is one word: its 到 does not end a name 闵若川来 (nor 共同's 同 a name 闵若川共); the
    # inspection's role yields to the words the person said
    assert people("市长柯正强调，要加强。", "柯正来到这里考察防汛工作。") == [
        ("柯正", ["市长"], ["spoke"]), ("柯正", [], [])]
    assert people("外交部长芙兰·柯尔共同主持会议。") == [("芙兰·柯尔", ["外交部长"], ["presided"])]


def test_organisations_joined_inside_one_group_label() -> None:
    # 和 joins the second person and the group; 以及 joins two organisations the label closes
    assert people("会议召开。", "韦知远、闵若川和市能源委成员单位以及部分企业负责人等参加会议。") == [
        ("韦知远", [], ["participated"]),
        ("闵若川", [], ["participated"]),
    ]


def test_two_groups_joined_after_tongzhi_are_two() -> None:
    # the 同 of 同志 joins nothing: the 和 after it joins two groups
    mentions, _ = collect([(0, "高新区分管负责同志和应急管理部门主要负责同志参加会议。")])
    assert [m.label for _, m in mentions] == ["高新区分管负责同志", "应急管理部门主要负责同志"]


def test_a_speech_naming_an_earlier_speaker_of_the_meeting() -> None:
    # 刚才 opens words said at this very meeting: the person named is present and spoke
    assert people("同志们：", "刚才韦知远处长在讲话中提到，要加强系统建设。") == [("韦知远", [], ["spoke"])]
    assert acted("同志们：", "刚才韦知远处长在讲话中提到，要加强系统建设。") == {"韦知远": True}
    # without such an opening, a speech cited from elsewhere places nobody at this meeting
    assert acted("同志们：", "韦知远处长在讲话中提到，要加强系统建设。") == {"韦知远": False}


def test_an_opinion_is_words_only_as_a_turn_of_a_discussion() -> None:
    discussion = "柯雨桐委员建议，要扩大采购范围。闵若川委员则认为，采购效率有待提高。"
    assert people("会议召开。", discussion) == [("柯雨桐", [], ["spoke"]), ("闵若川", [], ["spoke"])]
    # an expert's opinion quoted alone in a paragraph is no turn of the meeting
    assert people("论坛举行。", "青岚大学教授闵若川认为，采购效率有待提高。") == []


def test_an_analysis_given_at_the_meeting_is_speaking() -> None:
    assert people("校领导韦知远出席会议。", "会上，韦知远分析了当前纪律建设面临的形势，通报了近期情况。") == [
        ("韦知远", ["校领导"], ["attended"]),
        ("韦知远", [], ["spoke"]),
    ]
    assert people("会议召开。", "副总经理闵若川分析安全形势，部署下半年工作。") == [("闵若川", ["副总经理"], ["spoke"])]
    assert people("会议召开。", "会上，全市经济形势分析会的情况得到通报。") == []


def attendees_of(report: str) -> list[Row]:
    return [(a.name, a.titles, sorted(a.roles)) for a in parse(report).attendees]


def test_a_bare_name_takes_the_titles_of_a_later_mention() -> None:
    opening = "青岚市召开防汛工作会议\n\n7月1日，青岚市召开防汛工作会议。闵若川主持会议并讲话。\n\n"
    assert attendees_of(opening + "市委书记闵若川强调，要压实责任。\n") == [
        ("闵若川", ["市委书记"], ["presided", "spoke"])]
    # a title shared along a list (副市长甲、乙) is the later name's too
    assert attendees_of(opening + "副市长柯雨桐、闵若川陪同考察。\n")[0] == (
        "闵若川", ["副市长"], ["attended", "presided", "spoke"])
