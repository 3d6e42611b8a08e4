"""Paragraphs cut and classified: the tokens of the document grammar.

Each normalised segment becomes one or more blocks (long lines with headings run together,
as document-sharing sites print them, are cut at the spaces between them) and gets one
class: TITLE, HEADING (a numbered section heading), BODY, SALUTATION, BOILER, META, CREDIT,
NOTE or CAPTION. The class says what a
paragraph *could* be; ``grammar/document.lark`` decides where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import patterns
from ..ingest.segments import AFTER_IMAGE, TITLE_HINT
from ..normalize.text import NormText
from ..vocabulary.credits import is_credit_only
from ..vocabulary.lexicon import FirstMatch, literal_pretest, table, words

# a match starts only where a run of end marks starts, so a long run of 。 is not tried from
# each of its characters (quadratic); possessive, as the two classes are disjoint
_SENTENCE_END = patterns.compile(r"(?<![。！？!?；;…])[。！？!?；;…]++[”」』’）)]*+$")
# patterns of plain characters and explicit sets mean the same in stdlib re, whose calls cost
# a third of those of regex; \d \s \w and \p{…} (other Unicode tables) stay with regex
_PROSE = re.compile(r"[。，；！？]")
# Text printed under an image (in the same HTML block) is its caption when it is this short;
# a longer paragraph there is the article going on after a picture.
MAX_IMAGE_CAPTION = 80
_HAN = patterns.compile(r"\p{Han}")
_HAN_BASIC = re.compile("[\u4e00-\u9fff]")  # the CJK Unified Ideographs block, all \p{Han} (a test checks)


def _has_han(text: str) -> bool:
    """``_HAN.search(text)``, answered by a comparison or the cheaper stdlib search in nearly
    all Chinese text."""
    return ("\u4e00" <= text[:1] <= "\u9fff" or _HAN_BASIC.search(text) is not None
            or _HAN.search(text) is not None)

_RUN_TOGETHER_GAP = patterns.compile(r"(?<=[\p{Han}\p{P}])[ \u3000]+(?=[\p{Han}\p{P}?])")
# Fewer characters than these, or no class of its own: a caption is a line or two under a
# picture, a page's stamp one short line (a longer paragraph holding such words is text).
MAX_CAPTION = 200
MAX_META = 80


def _classes(cls: str) -> tuple[str, ...]:
    """The patterns of one class in ``lexicons/block_classes.tsv``."""
    return tuple(pattern for row_cls, pattern in table("block_classes.tsv") if row_cls == cls)


@cache
def _joined(*classes: str) -> regex.Pattern[str]:
    """One search for the rows of these classes, compiled when first needed."""
    return patterns.compile("|".join(f"(?:{p})" for cls in classes for p in _classes(cls)))


def _literal_test(*classes: str) -> Callable[[str], bool]:
    """A pre-test derived from the rows of these classes (``literal_pretest``): one scan for
    their words spares most paragraphs the search, whose alternation is tried at every offset."""
    return literal_pretest(p for cls in classes for p in _classes(cls))


_NOTE = _joined("NOTE", "SCENE")  # a line of the time and place of a speech is a note too
_may_be_caption = _literal_test("CAPTION")
_may_be_meta = _literal_test("META")


# a numbered section heading (一、 （一） 1.) of the body, not a headline or deck line
_SECTION_HEADING = patterns.compile(
    r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d))"
)
_FILE_SUFFIX = patterns.compile(r"\.(?:docx?|pdf|pptx?|txt|wps|xlsx?)\s*(?:VIP)?\s*$", regex.I)


@dataclass(frozen=True)
class Block:
    """One paragraph: its normalised text, where it is in the input, and its class. A later
    step that reads a block differently makes a new one (``reclassed``)."""

    text: str
    norm: NormText
    start: int  # offset of text within norm.text
    cls: str = "BODY"
    reason: str | None = None

    def reclassed(self, cls: str, reason: str | None = None) -> Block:
        """The same paragraph with another class (and the reason for it)."""
        return Block(self.text, self.norm, self.start, cls, reason)

    @property
    def span(self) -> tuple[int, int]:
        return self.norm.span(self.start, self.start + len(self.text))

    @property
    def tag(self) -> str:
        return self.norm.tag


@cache
def _boilerplate() -> FirstMatch[str]:
    """The reason of the first row of ``boilerplate.tsv`` found in a paragraph."""
    return FirstMatch((row[0], row[1]) for row in table("boilerplate.tsv"))


@cache
def _line_classes() -> FirstMatch[str]:
    """The class of the first row of ``line_classes.tsv`` found in a line."""
    return FirstMatch((row[1], row[0]) for row in table("line_classes.tsv"))


# The rows of line_classes.tsv classify short lines only: a salutation, an info bar, a caption.
MAX_CLASSED_LINE = 200
# a paragraph closed by the line under a photo: a caption only if the article goes on after it
PHOTO_NOTE = "PHOTO_NOTE"


def line_class(text: str) -> str | None:
    """The class the first matching row of ``lexicons/line_classes.tsv`` gives a line, or None."""
    if len(text) > MAX_CLASSED_LINE:
        return None
    return _line_classes()(text)


@cache
def _tail_markers() -> frozenset[str]:
    return words("tail_markers.txt")


@lru_cache(maxsize=4096)  # navigation and footers repeat from block to block and page to page
def boilerplate_reason(text: str) -> str | None:
    """Why a paragraph is site boilerplate (the first pattern of the lexicon that matches), or None."""
    return _boilerplate()(text)


@cache
def _longest_tail_marker() -> int:
    return max(map(len, _tail_markers()), default=0)


@cache
def _tail_marker_initials() -> frozenset[str]:
    return frozenset(m[0] for m in _tail_markers())


@lru_cache(maxsize=4096)
def is_tail_marker(text: str) -> bool:
    """A heading after which the page holds no more of the article."""
    t = text.strip("：: 》>")
    if len(t) > _longest_tail_marker() + 6 or t[:1] not in _tail_marker_initials():
        return False
    # some marker m with t.startswith(m) and len(t) <= len(m) + 6: one set lookup per prefix
    # length from len(t) - 6 up (markers are never empty), not a loop over every marker
    markers = _tail_markers()
    for k in range(max(len(t) - 6, 1), min(len(t), _longest_tail_marker()) + 1):
        if t[:k] in markers:
            return True
    return False


def cut_run_together(text: str) -> list[tuple[int, str]]:
    """Where the blocks of one segment's text start, and their text; a long line of headings and
    paragraphs joined by spaces is cut. (Offsets, not blocks: ``classify`` makes each block once,
    with its class.)"""
    # every gap is a run of spaces or 　: two substring scans spare most long paragraphs the search
    if len(text) < 200 or (" " not in text and "\u3000" not in text):
        return [(0, text)]
    gaps = list(_RUN_TOGETHER_GAP.finditer(text))
    if len(gaps) < 2:
        return [(0, text)]
    out = []
    pos = 0
    for g in gaps:
        piece = text[pos : g.start()]
        if piece:
            out.append((pos, piece))
        pos = g.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


_MD_HASHES = patterns.compile(r"^#{1,6}\s*")
_may_end_in_date = _literal_test("TITLE_DATE")
_RUNNING_NUMBER = patterns.compile(r"^\d{1,3}[.、．]\s*(?=\p{Han})")


def clean_title(text: str) -> str:
    """A title line without markdown hashes, running numbers, file suffixes and a date line
    printed at its end (``…上的讲话（2024年3月1日）``)."""
    text = _clean_title(text)
    if _may_end_in_date(text):
        text = _joined("TITLE_DATE").sub("", text).rstrip()
    return text


def has_file_suffix(text: str) -> bool:
    """A title that names a file (``…讲话.docx``): a document site's file title."""
    return "." in text and _FILE_SUFFIX.search(text) is not None


def _clean_title(text: str) -> str:
    # both patterns are anchored at ^ (no MULTILINE), so sub removes at most the one match at
    # offset 0: slicing after match is the same, without sub trying every other offset
    m = _MD_HASHES.match(text) if text.startswith("#") else None
    if m:
        text = text[m.end():]
    head = text[1:4]  # a running number is followed by its mark within the first four characters
    m = _RUNNING_NUMBER.match(text) if "." in head or "、" in head or "．" in head else None
    if m:
        text = text[m.end():]
    if "." in text:  # the suffix pattern needs a literal dot
        text = _FILE_SUFFIX.sub("", text)
    return text.strip()


_TRAILING_BRACKET = patterns.compile(r"(?<=[。！？])[（(][^（）()]{1,20}[）)]$")
_END_MARKS = "。！？!?；;…"
_CLOSERS = "”」』’）)"


def _ends_sentence(t: str) -> bool:
    """``_SENTENCE_END.search(t)`` without trying every offset: the pattern matches exactly when,
    at the end (or before a final newline, where ``$`` also matches), the text minus its
    closing quotes and brackets ends in an end mark. A run of end marks is taken whole from
    its first mark (the lookbehind) and marks and closers are disjoint, so where the run
    starts does not matter."""
    last = t.rstrip(_CLOSERS)[-1:]
    if last and last in _END_MARKS:
        return True
    if t.endswith("\n"):
        last = t[:-1].rstrip(_CLOSERS)[-1:]
        return bool(last) and last in _END_MARKS
    return False


@lru_cache(maxsize=4096)
def looks_like_title(text: str, max_len: int = 64, *, question: bool = False) -> bool:
    """Short, no sentence ending, some Chinese: a line that can be a title.

    ``question``: a title may end in ？ or ！ (where layout already marks titles, such as an
    unindented line in indented plain text)."""
    t = _clean_title(text)
    if not t or len(t) > max_len or not _has_han(t):
        return False
    if question:
        t = t.rstrip("？！?!”’")
    # a sentence closed by a credit (…通车。（林晓岚、陶思远）) is running text, not a title
    if "）" in t or ")" in t:  # the bracket pattern ends in one
        t = _TRAILING_BRACKET.sub("", t)
    if _ends_sentence(t) or t.endswith(("：", ":")):
        return False
    return True


_EARLY_CLASSES = ("CREDIT", "SALUTATION", "NOTE")  # text tests classify makes before the caption hint


@lru_cache(maxsize=4096)
def _early_verdict(text: str) -> tuple[bool, str | None]:
    """What classify learns first of a paragraph from its text alone, in one memo instead of
    two: whether it is a tail marker; else its boilerplate reason (no Chinese, a lexicon
    pattern) or None. The memoised tests are called unwrapped: this memo holds their answers."""
    if is_tail_marker.__wrapped__(text):
        return True, None
    return False, boilerplate_reason.__wrapped__(text) or None if _has_han(text) else "no Chinese text"


@lru_cache(maxsize=4096)
def _late_verdict(text: str) -> tuple[str | None, bool]:
    """The rest, in one memo instead of two (asked only for paragraphs that are not navigation
    or link lists): the first of the classes CREDIT, NOTE, CAPTION, META its text gives, then
    the class a row of ``line_classes.tsv`` gives (SALUTATION among them); else whether it
    looks like a title (``looks_like_title(text)``)."""
    late = None
    if is_credit_only.__wrapped__(text):
        late = "CREDIT"
    elif _NOTE.match(text):
        late = "NOTE"
    elif len(text) < MAX_CAPTION and _may_be_caption(text) and _joined("CAPTION").search(text):
        late = "CAPTION"
    elif len(text) < MAX_META and _may_be_meta(text) and _joined("META").search(text):
        late = "META"
    else:
        late = line_class(text)
        if late == PHOTO_NOTE:  # the layout decides (document.py): text of its own here
            late = None
    return late, late is None and looks_like_title.__wrapped__(text)


def classify(norms: list[NormText], fmt: str) -> list[Block]:
    """Cut segments into blocks and give each a class."""
    # plain text that indents its body paragraphs marks every unindented leading line a title
    long_lines = [n for n in norms if len(n.text) > 60]
    indents_body = fmt == "text" and bool(long_lines) and sum(n.indented for n in long_lines) >= 0.6 * len(long_lines)
    out: list[Block] = []
    in_tail = False
    seen_title = False
    for norm in norms:
        for start, text in cut_run_together(norm.text):
            cls, reason = _class_of(text, norm, indents_body, in_tail)
            if reason == AFTER_ARTICLE:
                in_tail = True
            if cls == "TITLE" and norm.hint != "front matter":  # a front-matter title is no body line
                if seen_title and _SECTION_HEADING.match(text):
                    cls = "HEADING"
                seen_title = True
            out.append(Block(text, norm, start, cls, reason))
    return out


AFTER_ARTICLE = "related content or comments after the article"


def _class_of(text: str, norm: NormText, indents_body: bool, in_tail: bool) -> tuple[str, str | None]:
    """The class of one block, ``text`` of the segment ``norm`` (and why, for boilerplate):
    ``in_tail`` after a heading such as 相关新闻, where only credits are still the article's."""
    if norm.hint == "front matter":
        return ("TITLE", None) if norm.meta.get("field") == "title" else ("BOILER", "front matter")
    if in_tail:
        return ("CREDIT", None) if is_credit_only(text) else ("BOILER", AFTER_ARTICLE)
    tail, early = _early_verdict(text)
    if tail:
        return "BOILER", AFTER_ARTICLE
    if early is not None:
        return "BOILER", early
    if norm.hint == "navigation" and not _is_prose(text):
        return "BOILER", "navigation"
    if norm.link_chars and norm.link_chars >= 0.5 * len(text) and len(text) < 80:
        return "BOILER", "link list"
    late = _late_verdict(text)
    if late[0] in _EARLY_CLASSES:
        return late[0], None
    if (len(text) < 200 and norm.hint == "caption") or (len(text) < MAX_IMAGE_CAPTION and norm.hint == AFTER_IMAGE):
        return "CAPTION", None
    if late[0] is not None:  # CAPTION or META
        return late[0], None
    if norm.tag.startswith("md-h") or norm.tag in ("h1", "h2", "h3", "title") or norm.hint == TITLE_HINT:
        return ("TITLE" if looks_like_title(text, 160) else "BODY"), None
    if indents_body and not norm.indented and looks_like_title(text, 200, question=True):
        return "TITLE", None
    return ("TITLE" if late[1] else "BODY"), None


def _is_prose(text: str) -> bool:
    return len(text) >= 40 and len(_PROSE.findall(text)) >= 2


def is_prose(text: str) -> bool:
    """A paragraph of running text rather than a label, link or heading."""
    return _is_prose(text)
