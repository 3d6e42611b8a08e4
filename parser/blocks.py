"""Paragraphs cut and classified: the tokens of the document grammar.

Each normalised segment becomes one or more blocks (long lines with headings run together,
as document-sharing sites print them, are cut at the spaces between them) and gets one
class: TITLE, HEADING (a numbered section heading), BODY, SALUTATION, BOILER, META, CREDIT,
NOTE or CAPTION. The class says what a
paragraph *could* be; ``grammar/document.lark`` decides where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .byline import is_credit_only
from .lexicon import table, words
from .normalize import NormText

# a match starts only where a run of end marks starts, so a long run of 。 is not tried from
# each of its characters (quadratic); possessive, as the two classes are disjoint
_SENTENCE_END = regex.compile(r"(?<![。！？!?；;…])[。！？!?；;…]++[”」』’）)]*+$")
_PROSE = regex.compile(r"[。，；！？]")
_HAN = regex.compile(r"\p{Han}")
_RUN_TOGETHER_GAP = regex.compile(r"(?<=[\p{Han}\p{P}])[ \u3000]+(?=[\p{Han}\p{P}?])")
_SALUTATION = regex.compile(
    r"^(?:同志们|各位代表|各位委员|各位领导|女士们、先生们|女士们，先生们|同学们|老师们|朋友们|亲爱的[^，。]{1,12})"
    r"[^。，]{0,12}[：:！!]$"
)
_NOTE = regex.compile(r"^(?:■|●|◆|编者按|内容摘要|摘要|导读|核心提示|核心阅读|时间[：:]|场合[：:]|地点[：:]|主题[：:])")
_CAPTION = regex.compile(r"^图为|^（?图[：:]|^\[图片\]|^图片$|^▲|图片来源|^视频[：:]|摄$|摄）$|摄影$")
_META = regex.compile(
    r"^(?:来源|发稿时间|发布时间|发布日期|更新时间|时间|日期|浏览次数|点击数|阅读|字号|稿源|出处|信息来源|文章来源|浏览)\s*[：:]"
    r"|^\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:\s|　|来源|$)"
    r"|^[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]$"
    r"|^>?\s*《[^》]{2,10}》\s*[（(][^）)]{4,30}[）)]$"
    r"|^(?:新华社|本报|中新社|中新网|央视网消息|人民网|新华网)[^，。]{0,12}(?:电|讯|消息)[）)]?"
    r"\s*+(?:[（(][^）)]{0,30}[）)])?\s*+[：:]?$"  # possessive: no quadratic split of a run of spaces
    r"|^央视网消息\s*+(?:[（(][^）)]{0,30}[）)])?\s*+[：:]?$"
    r"|^[\p{Han}]{2,12}(?:网讯|新闻网讯|消息)$"
    r"|^>\s"
    r"|^(?:作者|编辑|责任编辑|责编|记者|通讯员|摄影|字数|标签|关键词)\s*[：:]\s*$"  # a label left empty
)
# a numbered section heading (一、 （一） 1.) of the body, not a headline or deck line
_SECTION_HEADING = regex.compile(
    r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d))"
)
_FILE_SUFFIX = regex.compile(r"\.(?:docx?|pdf|pptx?|txt|wps|xlsx?)\s*(?:VIP)?\s*$", regex.I)


@dataclass
class Block:
    """One paragraph: its normalised text, where it is in the input, and its class."""

    text: str
    norm: NormText
    start: int  # offset of text within norm.text
    cls: str = "BODY"
    reason: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.norm.span(self.start, self.start + len(self.text))

    @property
    def tag(self) -> str:
        return self.norm.tag


@cache
def _boilerplate() -> tuple[tuple[regex.Pattern[str], str], ...]:
    return tuple((regex.compile(row[0]), row[1]) for row in table("boilerplate.tsv"))


@cache
def _tail_markers() -> frozenset[str]:
    return words("tail_markers.txt")


@cache
def _any_boilerplate() -> regex.Pattern[str]:
    """All boilerplate patterns as one alternation: most paragraphs match none of them."""
    return regex.compile("|".join(f"(?:{p.pattern})" for p, _ in _boilerplate()))


def boilerplate_reason(text: str) -> str | None:
    """Why a paragraph is site boilerplate (the first pattern of the lexicon that matches), or None."""
    if not _any_boilerplate().search(text):
        return None
    for pattern, reason in _boilerplate():
        if pattern.search(text):
            return reason
    return None


@cache
def _longest_tail_marker() -> int:
    return max(map(len, _tail_markers()), default=0)


def is_tail_marker(text: str) -> bool:
    """A heading after which the page holds no more of the article."""
    t = text.strip("：: 》>")
    if len(t) > _longest_tail_marker() + 6:
        return False
    return t in _tail_markers() or any(t.startswith(m) and len(t) <= len(m) + 6 for m in _tail_markers())


def cut_run_together(norm: NormText) -> list[Block]:
    """Blocks of one segment; a long line of headings and paragraphs joined by spaces is cut."""
    text = norm.text
    if len(text) < 200:
        return [Block(text, norm, 0)]
    gaps = list(_RUN_TOGETHER_GAP.finditer(text))
    if len(gaps) < 2:
        return [Block(text, norm, 0)]
    out = []
    pos = 0
    for g in gaps:
        piece = text[pos : g.start()]
        if piece:
            out.append(Block(piece, norm, pos))
        pos = g.end()
    if pos < len(text):
        out.append(Block(text[pos:], norm, pos))
    return out


_MD_HASHES = regex.compile(r"^#{1,6}\s*")
_RUNNING_NUMBER = regex.compile(r"^\d{1,3}[.、．]\s*(?=\p{Han})")


def clean_title(text: str) -> str:
    """A title line without markdown hashes, running numbers and file suffixes."""
    text = _MD_HASHES.sub("", text)
    text = _RUNNING_NUMBER.sub("", text)
    text = _FILE_SUFFIX.sub("", text)
    return text.strip()


_TRAILING_BRACKET = regex.compile(r"(?<=[。！？])[（(][^（）()]{1,20}[）)]$")


def looks_like_title(text: str, max_len: int = 64, *, question: bool = False) -> bool:
    """Short, no sentence ending, some Chinese: a line that can be a title.

    ``question``: a title may end in ？ or ！ (where layout already marks titles, such as an
    unindented line in indented plain text)."""
    t = clean_title(text)
    if not t or len(t) > max_len or not _HAN.search(t):
        return False
    if question:
        t = t.rstrip("？！?!”’")
    # a sentence closed by a credit (…通车。（林晓岚、陶思远）) is running text, not a title
    t = _TRAILING_BRACKET.sub("", t)
    if _SENTENCE_END.search(t) or t.endswith(("：", ":")):
        return False
    return True


def classify(norms: list[NormText], fmt: str) -> list[Block]:
    """Cut segments into blocks and give each a class."""
    blocks = [b for n in norms for b in cut_run_together(n)]
    # plain text that indents its body paragraphs marks every unindented leading line a title
    long_lines = [n for n in norms if len(n.text) > 60]
    indents_body = fmt == "text" and bool(long_lines) and sum(n.indented for n in long_lines) >= 0.6 * len(long_lines)
    in_tail = False
    seen_title = False
    for b in blocks:
        text = b.text
        if b.norm.hint == "front matter":
            b.cls, b.reason = ("TITLE", None) if b.norm.meta.get("field") == "title" else ("BOILER", "front matter")
            continue
        if in_tail:
            if is_credit_only(text):
                b.cls = "CREDIT"
            else:
                b.cls, b.reason = "BOILER", "related content or comments after the article"
            continue
        if is_tail_marker(text):
            in_tail = True
            b.cls, b.reason = "BOILER", "related content or comments after the article"
            continue
        if not _HAN.search(text):
            b.cls, b.reason = "BOILER", "no Chinese text"
            continue
        reason = boilerplate_reason(text)
        if reason:
            b.cls, b.reason = "BOILER", reason
        elif b.norm.hint == "navigation" and not _is_prose(text):
            b.cls, b.reason = "BOILER", "navigation"
        elif b.norm.link_chars and b.norm.link_chars >= 0.5 * len(text) and len(text) < 80:
            b.cls, b.reason = "BOILER", "link list"
        elif is_credit_only(text):
            b.cls = "CREDIT"
        elif _SALUTATION.match(text):
            b.cls = "SALUTATION"
        elif _NOTE.match(text):
            b.cls = "NOTE"
        elif (_CAPTION.search(text) or b.norm.hint == "caption") and len(text) < 200:
            b.cls = "CAPTION"
        elif _META.search(text) and len(text) < 80:
            b.cls = "META"
        elif b.tag.startswith("md-h") or b.tag in ("h1", "h2", "h3", "title"):
            b.cls = "TITLE" if looks_like_title(text, 160) else "BODY"
        elif indents_body and not b.norm.indented and looks_like_title(text, 200, question=True):
            b.cls = "TITLE"
        elif looks_like_title(text):
            b.cls = "TITLE"
        else:
            b.cls = "BODY"
        if b.cls == "TITLE":
            if seen_title and _SECTION_HEADING.match(text):
                b.cls = "HEADING"
            seen_title = True
    return blocks


def _is_prose(text: str) -> bool:
    return len(text) >= 40 and len(_PROSE.findall(text)) >= 2


def is_prose(text: str) -> bool:
    """A paragraph of running text rather than a label, link or heading."""
    return _is_prose(text)
