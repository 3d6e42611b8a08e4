"""Property tests: ``parse()`` on arbitrary text and bytes never raises, validates, keeps spans inside."""

from __future__ import annotations

from _support import spans_outside
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser import parse, validate

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real report shapes, so random documents reach deep into the stages.
FRAGMENTS = [
    "青岚市召开工作会议", "市委书记", "韦知远", "、", "，", "。", "出席", "主持", "讲话", "强调", "等市四家班子领导",
    "一要", "二要", "一是", "二是要", "一、", "（一）", "1.", "第一，", "其一", "统一要求", "第一书记", "进一步要求",
    "（记者 林晓岚 陶思远）", "责任编辑：蒋文岳 SF055", "撰文 | 林晓岚", "摄", "本报讯", "同志们：", "　　",
    "\n", "\r\n",
    " ", "會(huì)議", "錢乾", "(guó)", "<p>", "</p>", "<div class=\"nav\">", "<script>x=1</script>", "<!-- c -->",
    "&amp;", "&#12290;", "&nbsp;", "---\ntitle: 标题\n---\n", "# ", "■", "相关新闻", "我要分享", "\ufeff", "\u200b",
    "以姓氏笔画为序", "阿依古丽·买买提", "又讯", "（", "）", "：", "\x00", "\ufffd",
]

documents = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=400), documents, st.lists(st.one_of(documents, st.text(max_size=30)),
                                                                   max_size=8).map("".join))


def check(report_dict: dict, length: int) -> None:
    validate(report_dict)
    assert report_dict["source"]["length"] == length
    assert not spans_outside(report_dict, length)


@SETTINGS
@given(any_text)
def test_any_text(text: str) -> None:
    report = parse(text).to_dict()
    check(report, len(text))


@SETTINGS
@given(st.one_of(st.binary(max_size=600), any_text.map(lambda t: t.encode("utf-8")),
                 any_text.map(lambda t: t.encode("gb18030", errors="ignore")),
                 any_text.map(lambda t: t.encode("utf-16"))))
def test_any_bytes(data: bytes) -> None:
    report = parse(data).to_dict()
    validate(report)
    length = report["source"]["length"]
    if report["source"]["format"] == "unknown":  # refused (binary): nothing inside to point at
        assert report["paragraphs"] == [] and report["warnings"]
    assert not spans_outside(report, length)


@SETTINGS
@given(any_text)
def test_keep_script_any_text(text: str) -> None:
    check(parse(text, keep_script=True).to_dict(), len(text))
