"""Headline and lead on local pages: site chrome, info bars, name lines, captions and wraps kept
out of them. Every page here is invented (invented people, places and sites)."""

from __future__ import annotations

import pytest

from parser import parse
from parser.ingest.segments import segment_of
from parser.layout.blocks import boilerplate_reason, line_class
from parser.layout.document import is_name_line, is_unit_line
from parser.normalize.text import GLOSS, normalize_segments


def headline_and_lead(text: str) -> tuple[str | None, str | None]:
    report = parse(text)
    return (report.headline.text if report.headline else None, report.lead.text if report.lead else None)


LEAD = "　　3月12日上午，全市安全生产工作推进会召开，市委书记韦知远出席会议并讲话，市长闵若川主持会议。"


@pytest.mark.parametrize(
    "chrome",
    [
        "无障碍辅助浏览工具条",
        "长者模式",
        "三农信息",
        "庆典策划知识",
        "官方公众号",
        "第01版：头版  版面概览  下一版  放大 缩小 默认",
    ],
)
def test_site_chrome_above_the_title_is_not_headline(chrome: str) -> None:
    head, lead = headline_and_lead(f"{chrome}\n青岚市召开安全生产工作推进会\n{LEAD}\n")
    assert head == "青岚市召开安全生产工作推进会"
    assert lead is not None and lead.startswith("3月12日上午")


@pytest.mark.parametrize(
    "info",
    [
        "作者：qlnews01  发表时间：2024-03-12  阅读次数：2977",
        "青岚宣传 编辑于2023-12-15 阅读 2977",
        "发布者：青岚物流  发布时间：2024-03-12",
        "标签： #乡镇 #安全生产",
        "项目编号：QL-2024-03",
    ],
)
def test_info_lines_under_the_title_are_not_headline(info: str) -> None:
    head, lead = headline_and_lead(f"青岚市召开安全生产工作推进会\n{info}\n{LEAD}\n")
    assert head == "青岚市召开安全生产工作推进会"
    assert lead is not None and lead.startswith("3月12日上午")


@pytest.mark.parametrize(
    "text, cls",
    [
        ("尊敬的各位领导、各位来宾：", "SALUTATION"),
        ("同志们，朋友们：", "SALUTATION"),
        ("下面，请各位代表审议以下事项：", None),
        ("发布者：青岚物流", "META"),
        ("作者：qlnews01 发表时间：2024-03-12 阅读次数：12", "META"),
        ("项目编号：XSB001", "META"),
        ("项目编号：青岚工程", None),
        ("3月1日，青岚博览会开幕。图为青岚市副市长韦知远。", "PHOTO_NOTE"),
        ("3月1日，青岚博览会开幕，副市长韦知远出席。", None),
    ],
)
def test_line_classes(text: str, cls: str | None) -> None:
    assert line_class(text) == cls


@pytest.mark.parametrize(
    "text, reason",
    [
        ("第 2 页 共 9 页", "document-site watermark"),
        ("2/9", "document-site watermark"),
        ("精品文档", "document-site watermark"),
        ("无障碍", "accessibility toolbar"),
        ("全市无障碍设施建设取得新进展", None),
        ("工作动态", "column name"),
        ("#安全生产 #乡镇", "tags"),
        ("青岚市召开工作推进会", None),
    ],
)
def test_boilerplate_rows(text: str, reason: str | None) -> None:
    assert boilerplate_reason(text) == reason


def test_a_speech_whose_opening_lines_are_a_salutation_keeps_its_title() -> None:
    report = parse("在青岚市民营经济发展大会上的致辞\n尊敬的各位领导、各位来宾：\n"
                   "　　大家上午好！今天，我们在这里隆重召开全市民营经济发展大会，我们倍感振奋。\n")
    assert report.headline is not None and report.headline.text == "在青岚市民营经济发展大会上的致辞"
    assert report.lead is not None and report.lead.text == "尊敬的各位领导、各位来宾："
    assert report.kind == "speech"


def test_a_caption_paragraph_before_the_speech_is_not_the_lead() -> None:
    report = parse("青岚商会会长韦知远致辞\n"
                   "　　3月1日，青岚商会2024年年会在青岚举行。图为青岚商会会长韦知远。\n"
                   "　　韦知远：尊敬的各位来宾，大家下午好。首先我代表青岚商会对年会的召开表示热烈的祝贺。\n"
                   "　　最后，预祝年会圆满成功！我们明年再见。\n")
    assert report.lead is not None and report.lead.text.startswith("韦知远：尊敬的各位来宾")
    assert report.kind == "speech"
    assert [a.name for a in report.attendees] == ["韦知远"]


def test_a_photo_story_keeps_its_only_paragraph_as_lead() -> None:
    report = parse("青岚江畔油菜花开\n　　3月1日，青岚江畔的油菜花竞相开放，吸引游客前来观赏。图为游客在花海中拍照。\n")
    assert report.lead is not None and report.lead.text.startswith("3月1日")


@pytest.mark.parametrize(
    "line, ok",
    [
        ("韦知远", True),
        ("韦  远", True),
        ("青岚市市长　韦知远", True),
        ("北京  韦知远", True),
        ("本报记者  韦知远 柯雨", True),
        ("柯雨 闵若川 本报记者 韦知远", True),
        ("时评", False),  # two characters alone: a column as often as a name
        ("——访青岚大学校长韦知远", False),  # a subtitle
        ("这道题，基层干部用心答", False),
        ("红色跑楼团 让群众少跑腿", False),
    ],
)
def test_name_lines(line: str, ok: bool) -> None:
    assert is_name_line(line) is ok


def test_name_lines_under_a_title_are_not_headline() -> None:
    head, _ = headline_and_lead("来论\n紧绷的弦还不能放松\n北京  韦知远\n"
                                "　　疫情防控取得阶段性成效，但紧绷的弦还不能放松，仍要严防聚集性感染。\n")
    assert head == "来论 紧绷的弦还不能放松"
    head, _ = headline_and_lead("青岚：让群众少跑腿\n本报记者  韦知远 柯雨\n"
                                "　　青岚街道组建跑楼团，党员每天为居民代购生活物资，群众少跑腿。\n")
    assert head == "青岚：让群众少跑腿"


def test_a_subtitle_opening_with_a_dash_stays_in_the_headline() -> None:
    head, _ = headline_and_lead("让发展成果惠及群众\n——访青岚市市长韦知远\n"
                                "　　青岚市近年来把民生摆上重中之重的位置，民生支出占财政收入七成以上。\n")
    assert head == "让发展成果惠及群众 ——访青岚市市长韦知远"


@pytest.mark.parametrize(
    "line, ok",
    [("青岚市第一中学", True), ("青岚县人民政府", True), ("青岚中学召开动员会", False), ("中学", False)],
)
def test_unit_lines(line: str, ok: bool) -> None:
    assert is_unit_line(line) is ok


PAGE_WITH_ARTICLE_HEADER = """<html><head><title>青岚教育在线</title></head><body>
<ol class="breadcrumb"><li><a href="/">首页</a></li><li>正文</li></ol>
<div class="article"><div class="article-header">
<h1 id="js-title">青岚中学召开学习动员会</h1>
<h2>青岚市第一中学</h2>
<div class="article-metas"><div>学校：青岚市第一中学</div><div>日期：2024年3月1日</div></div>
</div>
<p>3月1日下午，青岚市第一中学组织全体教职工在多功能厅召开学习动员会，校长韦知远作动员讲话。</p>
<p>会上，韦知远对学习活动作了具体安排，要求全体教职工把学习成果转化为工作动力。</p>
</div></body></html>"""


def test_an_article_header_is_not_chrome_and_the_unit_line_is_no_subtitle() -> None:
    head, lead = headline_and_lead(PAGE_WITH_ARTICLE_HEADER)
    assert head == "青岚中学召开学习动员会"
    assert lead is not None and lead.startswith("3月1日下午")


PAGE_WITH_TITLE_SPAN = """<html><head><title>信息展示页面</title></head><body>
<div class="place"><span class="place_word">当前位置：首页 &gt; 新闻中心</span>
<span class="current_title">青岚集团召开领导班子专题民主生活会</span></div>
<div class="project_num">项目编号:QL2024</div>
<span class="time">2024-03-01</span>
<div class="content"><p>3月1日，青岚集团召开领导班子专题民主生活会，集团党委书记、董事长韦知远主持会议并讲话。</p>
<p>会前，班子成员之间开展了谈心谈话，广泛征求了意见建议，为开好民主生活会打下了基础。</p></div>
</body></html>"""


def test_an_element_named_a_title_stands_on_its_own_and_is_the_headline() -> None:
    head, lead = headline_and_lead(PAGE_WITH_TITLE_SPAN)
    assert head == "青岚集团召开领导班子专题民主生活会"
    assert lead is not None and lead.startswith("3月1日")


PAGE_WITH_CAPTIONS = """<div><p align="center"><img src="a.jpg"/><br/>韦知远、闵若川等在青岚规划展示馆。<br/>
<img src="b.jpg"/><br/>各镇、街道与<br/>区委、区政府签订了目标责任书。</p>
<p>2月28日，区委书记韦知远，区委副书记、区长闵若川等区领导和学研班学员组成的代表团赴青岚考察。</p>
<p>在青岚，代表团先后考察了文化艺术中心和科教创新区，并与当地同志进行了座谈交流。</p></div>"""


def test_lines_printed_under_an_image_are_captions() -> None:
    report = parse(PAGE_WITH_CAPTIONS)
    assert report.headline is None
    assert report.lead is not None and report.lead.text.startswith("2月28日")


def test_dateline_and_credit_opening_the_lead() -> None:
    report = parse("青岚新区召开招商推介会\n"
                   "　　本报讯（见习记者柯雨）昨日，青岚新区召开招商推介会，区长韦知远出席并致辞。\n")
    assert report.dateline is not None and report.dateline.text.startswith("本报讯")
    assert report.lead is not None and report.lead.text.startswith("昨日")


def _normalised(text: str) -> str:
    norms, _ = normalize_segments([segment_of(text, 0)])
    return norms[0].text


def test_hard_wraps_inside_a_paragraph_of_a_page_are_dropped() -> None:
    line = "为深入贯彻全区民族团结工作部署，青岚体育局党组书记韦知远带领班子成员来到村里开展结对认亲仪"
    assert _normalised(line + "\n                        式，大家欢聚一堂。") == line + "式，大家欢聚一堂。"
    # a short field before the break is a field of its own (来源 and 责任编辑 stay apart)
    assert _normalised("来源：青岚日报  \n        责任编辑：柯雨") == "来源：青岚日报  \n        责任编辑：柯雨"


@pytest.mark.parametrize(
    "text, want",
    [("國(guó)際會(huì)議", "國際會議"), ("國(gu?)際會(hu?)議", "國際會議"), ("饿(è)了", "饿了"),
     ("确(?)认", "确(?)认"), ("项目(abc)", "项目(abc)")],
)
def test_glosses_whose_tone_marks_were_lost(text: str, want: str) -> None:
    assert GLOSS.sub("", text) == want


def test_a_kicker_ending_in_a_colon_belongs_to_the_headline() -> None:
    head, lead = headline_and_lead("韦知远：\n千钧一发 扑向歹徒（英雄谱）\n"
                                   "　　据新华社电  （记者柯雨）每年清明，青岚县的群众都会来到烈士陵园缅怀韦知远。\n")
    assert head == "韦知远： 千钧一发 扑向歹徒（英雄谱）"
    assert lead is not None and lead.startswith("每年清明")


def test_the_date_printed_at_the_end_of_a_speech_title_is_no_part_of_it() -> None:
    head, _ = headline_and_lead("坚定信心 开创新局\n——在青岚市第七次党代会上的报告（2024年3月1日）\n同志们：\n"
                                "　　现在，我代表中共青岚市第六届委员会向大会作报告，我们要总结过去、谋划未来。\n")
    assert head == "坚定信心 开创新局 ——在青岚市第七次党代会上的报告"


DOCUMENT_SITE = """青岚区长在创城推进会上的讲话稿.docx
1、本文档共9页，可阅读全部内容。
2、本站所有内容均由网友上传，付费前请自行鉴别。
在全区创建文明城市
工作推进会上的讲话
韦知远
同志们：
　　今天，我们召开全区创建文明城市工作推进会，我们要抢抓机遇、鼓足干劲，大家要齐心协力打好攻坚战。
"""


def test_a_document_site_file_title_gives_way_to_the_speech_own_title() -> None:
    report = parse(DOCUMENT_SITE)
    assert report.headline is not None and report.headline.text == "在全区创建文明城市 工作推进会上的讲话"
    assert report.kind == "speech"
    assert [(a.name, a.roles) for a in report.attendees] == [("韦知远", ["spoke"])]


def test_half_width_punctuation_throughout() -> None:
    report = parse("青岚市召开安全生产工作会议\n"
                   "3月1日上午,全市安全生产工作会议召开.市委书记韦知远出席会议并讲话,市长闵若川主持会议.\n"
                   "韦知远强调:(一)压实责任;(二)排查隐患.\n"
                   "会议要求,各地要抓好落实.\n")
    assert report.headline is not None and report.headline.text == "青岚市召开安全生产工作会议"
    assert report.lead is not None and report.lead.text.startswith("3月1日上午，全市安全生产工作会议召开。")
    assert [(a.name, a.titles) for a in report.attendees] == [("韦知远", ["市委书记"]), ("闵若川", ["市长"])]
    assert [d.marker for d in report.directives] == ["（一）", "（二）"]


def test_a_dot_joining_a_transliterated_name_is_kept_where_the_text_uses_full_stops() -> None:
    norms, _ = normalize_segments([segment_of("印尼贸易部长托马斯.林博出席研讨会。会议召开.", 0)])
    assert norms[0].text == "印尼贸易部长托马斯.林博出席研讨会。会议召开。"


def test_a_page_title_standing_in_for_the_headline_drops_the_site_name() -> None:
    # nothing on the page names the article: the <title> is the headline, without its site name,
    # also as written when the page is in traditional characters
    page = ("<html><head><title>青嵐縣召開防汛工作會議 - 青嵐縣人民政府門戶網站</title></head><body>"
            "<p>7月5日上午，青嵐縣召開防汛工作會議。縣長韋知遠出席會議並講話。</p></body></html>")
    headline = parse(page).headline
    assert headline is not None
    assert (headline.text, headline.text_original) == ("青岚县召开防汛工作会议", "青嵐縣召開防汛工作會議")
