"""The publication date (parser/published.py) and the dates it reads (parser/dates.py), on invented lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parser import parse
from parser.extract.dates import cn_number, find_dates, iso_date, read_timestamp
from parser.extract.passages import Passage
from parser.extract.published import read_published


def aside(text: str, *, before_lead: bool = True, base: int = 0) -> Passage:
    return Passage.plain(text, "aside", base=base, block_cls="META", before_lead=before_lead)


LEAD = Passage.plain("3月4日，青岚市召开工作会议。", "lead", base=500)


# ------------------------------------------------------------------------------------- dates.py


@pytest.mark.parametrize("text, kind, ymd", [
    ("2020年3月5日", "ymd", (2020, 3, 5)),
    ("2019-01-18 11:05", "ymd", (2019, 1, 18)),
    ("2011年09月26来源：", "ymd", (2011, 9, 26)),
    ("二〇二五年三月五日", "ymd", (2025, 3, 5)),
    ("3月5日上午", "md", (None, 3, 5)),
    ("十月一日，", "md", (None, 10, 1)),
    ("5月10-12日，年会举行", "md", (None, 5, 10)),
    ("1月6至7日，", "md", (None, 1, 6)),
    ("7月23日至24日在京召开", "md", (None, 7, 23)),
    ("会议13日召开", "d", (None, None, 13)),
])
def test_date_shapes(text: str, kind: str, ymd: tuple[int | None, int | None, int]) -> None:
    first = find_dates(text)[0]
    assert (first.kind, (first.year, first.month, first.day)) == (kind, ymd)


def test_a_full_date_is_not_also_a_month_and_day() -> None:
    dates = find_dates("2020年3月5日，会议召开。")
    assert [(d.kind, d.start, d.end) for d in dates] == [("ymd", 0, 9)]


def test_relative_and_vague_words() -> None:
    kinds = [(d.kind, d.days_back) for d in find_dates("昨天上午……近日，……今天")]
    assert kinds == [("relative", 1), ("vague", None), ("relative", 0)]


def test_no_date_in_a_year_alone_or_a_number() -> None:
    assert find_dates("2018年，全市规模以上工业增加值增长15%，共有3.5万户") == []


def test_impossible_days_are_no_dates() -> None:
    assert find_dates("2月30日") == [] and find_dates("13月2日") == []
    assert iso_date(2021, 2, 29) is None and iso_date(None, 2, 29) == "--02-29"


def test_time_of_day_only_right_after_a_full_date() -> None:
    dated = find_dates("2015年12月13日 04:16:45", times=True)[0]
    assert dated.time == (4, 16, 45)
    assert find_dates("2015年12月13日 来源：某网 阅读 04:16", times=True)[0].time is None


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("三十一", 31),
                                            ("二〇二五", 2025), ("12", 12)])
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert cn_number(numeral) == value


@pytest.mark.parametrize("value, expected", [
    ("2020-02-29T18:34:31+08:00", ("2020-02-29T18:34:31+08:00", True)),
    ("2012-12-10T09:24:01Z", ("2012-12-10T09:24:01+00:00", True)),
    ("2024-05-09", ("2024-05-09", False)),
    ("2019-09-18 06:23", ("2019-09-18T06:23:00", True)),
    ("Thu, 21 Jul 2022 23:44:13 GMT", ("2022-07-21T23:44:13+00:00", True)),
    ("2019年5月18日", ("2019-05-18", False)),
    ("2024-02-30", None),
    ("明天", None),
    ("", None),
])
def test_read_timestamp(value: str, expected: tuple[str, bool] | None) -> None:
    assert read_timestamp(value) == expected


# --------------------------------------------------------------------------------- published.py


def test_front_matter_date_is_the_publication_date() -> None:
    got = read_published([LEAD], {"date": "Wed, 04 Jun 2025 21:30:05 GMT"}, "markdown")
    assert got is not None
    assert (got.value, got.source, got.span, got.text) == (
        "2025-06-04T21:30:05+00:00", "front matter", None, "Wed, 04 Jun 2025 21:30:05 GMT")


def test_meta_date_of_a_page() -> None:
    got = read_published([LEAD], {"date": "2024-05-09"}, "html")
    assert got is not None and (got.value, got.source) == ("2024-05-09", "meta")


def test_unreadable_metadata_falls_through_to_the_info_bar() -> None:
    got = read_published([aside("发布时间：2020-07-21 11:05"), LEAD], {"date": "soon"}, "html")
    assert got is not None and (got.value, got.source) == ("2020-07-21T11:05:00", "info bar")


def test_labelled_info_bar_with_its_span() -> None:
    bar = aside("来源：青岚日报　发稿时间：2019-01-18 11:05", base=100)
    got = read_published([bar, LEAD], {}, "html")
    assert got is not None
    assert (got.value, got.text, got.source) == ("2019-01-18T11:05:00", "2019-01-18 11:05", "info bar")
    assert got.span == (113, 129)


def test_the_label_wins_over_an_edition_date_earlier_in_the_line() -> None:
    bar = aside("来源：《青岚日报》（2019年01月19日 01版）发稿时间：2019-01-19 07:52")
    got = read_published([bar, LEAD], {}, "html")
    assert got is not None and got.value == "2019-01-19T07:52:00"


def test_a_label_with_a_space_and_no_colon() -> None:
    got = read_published([aside("更新时间 2012年12月10日， 格林尼治标准时间10:41"), LEAD], {}, "html")
    assert got is not None and got.value == "2012-12-10"


def test_a_date_line_above_the_article_nearest_first() -> None:
    header = aside("2025年4月19日 星期六")  # the site's date of today, in its header
    bar = aside("2025-04-18 08:15　来源：青岚日报")
    got = read_published([header, bar, LEAD], {}, "html")
    assert got is not None and got.value == "2025-04-18T08:15:00"


def test_dates_after_the_article_are_a_list_not_an_info_bar() -> None:
    related = aside("2020年07月08日 13:36:14", before_lead=False)
    assert read_published([LEAD, related], {}, "html") is None


def test_a_label_after_the_article_still_counts() -> None:
    footer = aside("发布日期：2019-11-29 阅读次数：1627", before_lead=False)
    got = read_published([LEAD, footer], {}, "html")
    assert got is not None and got.value == "2019-11-29"


def test_a_line_is_an_info_bar_when_it_reads_as_a_page_stamp() -> None:
    for stamp, value in (("2013-11-29", "2013-11-29"), ("2011年09月26来源：www.example.com", "2011-09-26"),
                         ("2020年07月04日 12:10　来源：青岚网", "2020-07-04T12:10:00")):
        got = read_published([aside(stamp), LEAD], {}, "html")
        assert got is not None and got.value == value, stamp


def test_an_event_date_line_or_a_sentence_is_no_info_bar() -> None:
    assert read_published([aside("2019年10月22日  中国·青岚"), LEAD], {}, "text") is None
    sentence = "2018年5月25日，刘某在网站下载文献时，网页提示需付费7元。"
    assert read_published([aside(sentence), LEAD], {}, "text") is None


def test_a_speech_date_line_is_not_the_publication_date() -> None:
    assert read_published([aside("（2025年3月5日）"), LEAD], {}, "text") is None


def test_without_a_year_there_is_no_publication_date() -> None:
    passages = [aside("时间：2月11日"), Passage.plain("新华社北京3月5日电", "dateline"), LEAD]
    assert read_published(passages, {}, "text") is None


def test_a_dateline_with_its_year() -> None:
    got = read_published([Passage.plain("新华社北京2020年3月5日电", "dateline", base=40), LEAD], {}, "text")
    assert got is not None and (got.value, got.source, got.span) == ("2020-03-05", "dateline", (45, 54))


def test_the_time_of_day_completes_a_date_only_source() -> None:
    got = read_published([aside("发布时间：2024-05-09 08:58"), LEAD], {"date": "2024-05-09"}, "html")
    assert got is not None and (got.value, got.source) == ("2024-05-09T08:58:00", "info bar")


def test_end_to_end_html_meta_and_plain_text_info_bar() -> None:
    page = ('<html><head><meta name="pubdate" content="2023-03-17 15:43"><title>甲</title></head><body>'
            "<h1>青岚市召开工作会议</h1><p>3月16日，青岚市召开工作会议，部署今年工作。市长贺启舟出席会议并讲话。</p>"
            "</body></html>")
    report = parse(page)
    assert report.published is not None and (report.published.value, report.published.source) == (
        "2023-03-17T15:43:00", "meta")
    text = "青岚市召开工作会议\n发布时间：2023-03-17 15:43　来源：青岚日报\n\n　　3月16日，青岚市召开工作会议。\n"
    report = parse(text)
    assert report.published is not None and report.published.span is not None
    a, b = report.published.span
    assert text[a:b] == "2023-03-17 15:43"


# the characters dates are made of, and a few others, so that random texts hold dates often
_DATE_ALPHABET = "0123456789１２年月日号至到-/.:：〇零一二三四五六七八九十昨今前天近日来本报讯 ，。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=24))
def test_the_date_pre_test_turns_away_only_texts_without_dates(text: str) -> None:
    """find_dates skips a text its pre-test (derived from the rows' literal words) turns away:
    no date shape and no relative word may match there."""
    from parser.extract.dates import _may_hold_date, _relative, _shapes

    if not _may_hold_date()(text):
        assert not any(p.search(text) for p, kind in _shapes() if kind != "time")
        assert _relative()[0].search(text) is None
