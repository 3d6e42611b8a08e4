"""The layout of a report: where headline, lead, body, credits and boilerplate stand.

Whole web pages are first narrowed to their article (the densest cluster of prose blocks,
the headline just above it); then ``grammar/document.lark`` parses the sequence of block
classes (``document_grammar``) and every block gets exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

import regex

from .. import patterns
from ..ingest.segments import TITLE_HINT
from ..model import Warning
from ..vocabulary.lexicon import literal_pretest, table, words
from ..vocabulary.names import is_title, looks_like_name, split_title_name
from .blocks import PHOTO_NOTE, Block, clean_title, has_file_suffix, is_prose, line_class, looks_like_title
from .document_grammar import read_plan

# (``\s-\s`` is covered by the dashes with spaces around.) A match starts at the start of a
# run of spaces or where the last one ended (\G), never inside a run: tried from each space of
# a long run, the pattern was quadratic.
_SITE_SEPARATOR = patterns.compile(r"(?:\G|(?<!\s))\s*+[-_|｜—–]++\s*+")
# the outlets a dateline opens with, spliced into the rows of lexicons/datelines.tsv
_DATELINE_WORDS = tuple(word for word, kinds in table("credit_words.tsv") if "dateline" in kinds.split())
_DATELINE_ROWS = tuple(row[0].replace("{OUTLET}", "|".join(map(regex.escape, _DATELINE_WORDS)))
                       for row in table("datelines.tsv"))
_may_open_dateline = literal_pretest(_DATELINE_ROWS)

# --- narrowing a page to its article
# a prose paragraph is mostly not link text: past this share of linked characters it is a list of links
_PROSE_LINK_SHARE = 0.3
# prose paragraphs this many blocks apart or closer are one stretch of article (a photo, a caption,
# a subheading between them)
_CLUSTER_GAP = 6
# a short closing sentence (甲、乙参加调研。) of this many characters may follow the last prose
# paragraph, at most _CLOSING_SENTENCES of them
_CLOSING_SENTENCE_MIN, _CLOSING_SENTENCE_MAX = 4, 120
_CLOSING_SENTENCES = 2
# the first part of a page title before a separator is its core when it is this long; a shorter
# one is a column or site name (要闻 - 青岚市召开…)
_TITLE_CORE_MIN = 6
# the headline is looked for this many blocks above the article at most
_HEADLINE_REACH = 25
# a line shorter than this is no headline (a label, a date)
_HEADLINE_MIN = 4
# a heading that holds the page title's core, or is held in it, is the headline when it is this
# long; shorter, it is a word that many headings share
_CONTAINED_MIN = 6
# an h1 or h2 heading is the headline up to this length; longer, it is a paragraph set as a heading
_HEADING_MAX = 100
# a headline is mostly not link text: past this share of linked characters it is a link to another article
_HEADLINE_LINK_SHARE = 0.5
# with no other evidence, a title-like line (of _NEAR_TITLE_MIN to _TITLE_LINE_MAX characters, no
# full stop) this many blocks above the article or closer is its headline
_NEAR_HEADLINE = 3
_NEAR_TITLE_MIN = 6
# a title line (a subtitle, a headline found near the article) is at most this long; longer, it is a paragraph
_TITLE_LINE_MAX = 80
# a headline has at most this many subtitle lines under it
_SUBTITLES_MAX = 2


def _dateline(text: str) -> regex.Match[str] | None:
    """The dateline opening ``text`` (a row of ``datelines.tsv``; 据新华社电 quotes its outlet),
    looked for only where the text holds a literal word of some row (a pre-test derived from
    the rows), and compiled the first time one does."""
    return _dateline_pattern().match(text) if _may_open_dateline(text) else None


@cache
def _dateline_pattern() -> regex.Pattern[str]:
    return patterns.compile("|".join(f"(?:{row})" for row in _DATELINE_ROWS))


@dataclass
class Layout:
    """Blocks by place, in input order."""

    blocks: list[Block]
    places: list[str]  # one per block: headline, lead, body, byline, boilerplate
    reasons: list[str | None]
    headline_text: str | None = None
    headline_blocks: list[int] = field(default_factory=list)
    lead_index: int | None = None
    warnings: list[Warning] = field(default_factory=list)  # where the grammar had to recover
    # length of a dateline or credit opening the lead (本报讯（记者 甲）), 0 if none or no lead
    dateline_end: int = 0


def _title_core(page_title: str) -> str:
    """Page title without the site name: the longest part between separators."""
    parts = [p for p in _SITE_SEPARATOR.split(page_title) if p]
    if not parts:
        return page_title
    return parts[0] if len(parts[0]) >= _TITLE_CORE_MIN else max(parts, key=len)


_SENTENCE = patterns.compile(rf"[^。！？]{{{_CLOSING_SENTENCE_MIN},{_CLOSING_SENTENCE_MAX}}}[。！？]")


def narrow_page(blocks: list[Block], page_title: str | None) -> list[Block]:
    """A whole page's blocks with its chrome reclassified as boilerplate, keeping the article and
    its credits."""
    prose = [i for i, b in enumerate(blocks) if b.cls in ("BODY", "SALUTATION") and is_prose(b.text)
             and b.norm.hint != "navigation" and b.norm.link_chars < _PROSE_LINK_SHARE * len(b.text)]
    if not prose:
        return blocks
    # clusters of prose blocks _CLUSTER_GAP blocks apart or closer; the one with most text wins
    clusters: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        if i - clusters[-1][-1] <= _CLUSTER_GAP:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    best = max(clusters, key=lambda c: sum(len(blocks[i].text) for i in c))
    first, last = best[0], _closing_sentences(blocks, best[-1])
    if not page_title:  # <title> outside <head> (templates, fragments): the first title block
        page_title = next((b.text for b in blocks[:first] if b.tag == "title"), None)
    head = _find_headline(blocks, first, page_title)
    subtitles = _subtitles(blocks, head, first) if head is not None else []

    def narrowed(i: int, b: Block) -> Block:
        if i == head or i in subtitles:
            return b.reclassed("TITLE")
        if i < first and (head is None or i < head):
            if b.cls == "CREDIT":
                return b
            return b.reclassed("BOILER", b.reason or ("page title" if b.tag == "title" else "navigation"))
        if head is not None and head < i < first and b.cls == "TITLE":
            return b.reclassed("META", "deck line")
        if i > last and b.cls != "CREDIT":
            return b.reclassed("BOILER", b.reason or "after the article")
        return b

    return [narrowed(i, b) for i, b in enumerate(blocks)]


def _closing_sentences(blocks: list[Block], last: int) -> int:
    """Extend the article over short closing sentences (``甲、乙参加调研。``) right after it.

    Such a paragraph is too short to count as prose on its own, but a full sentence of plain
    text (no links, no navigation) directly after the last prose paragraph is still the article.
    """
    i = last + 1
    while i < len(blocks) and i <= last + _CLOSING_SENTENCES:
        b = blocks[i]
        if (b.cls == "BODY" and b.norm.hint != "navigation" and not b.norm.link_chars
                and _SENTENCE.fullmatch(b.text)):
            last = i
            i += 1
            continue
        break
    return last


@cache
def _unit_endings() -> tuple[str, ...]:
    return tuple(sorted(words("unit_suffixes.txt"), key=len, reverse=True))


def is_unit_line(text: str) -> bool:
    """A line that only names an organisation (``青岚市第一中学``): the unit that published the
    article, printed under its title, not a subtitle."""
    text = text.strip()
    return bool(_UNIT_NAME.fullmatch(text)) and text.endswith(_unit_endings())


def _subtitles(blocks: list[Block], head: int, first: int) -> list[int]:
    """Title lines right under the headline, with nothing between (副题): part of the headline.
    A line naming only the publishing unit is not one."""
    out: list[int] = []
    i = head + 1
    while i < first and len(out) < _SUBTITLES_MAX:
        b = blocks[i]
        if (b.cls != "TITLE" or b.tag not in ("h1", "h2", "h3", "h4") or len(b.text) > _TITLE_LINE_MAX
                or is_unit_line(b.text)):
            break
        out.append(i)
        i += 1
    return out


def _key(text: str) -> str:
    return regex.sub(r"[\s\p{P}\p{S}]+", "", text)


def _find_headline(blocks: list[Block], first: int, page_title: str | None) -> int | None:
    """The article's headline above its first paragraph.

    In order of preference: the heading that repeats the page title (without the site name),
    one that contains it or is contained in it, an ``h1``/``h2``, an element whose class names
    a title (``news_title``), a short title-like line just above the article, and last the page
    title itself. A line that only names people (``本报记者 甲``) or the publishing unit
    (``青岚市第一中学``) is none of these.
    """
    core = _key(_title_core(page_title)) if page_title else ""
    lo = max(0, first - _HEADLINE_REACH)
    contained = heading = titled = near = None
    for i in range(first - 1, lo - 1, -1):
        b = blocks[i]
        if (b.tag == "title" or b.cls in ("CREDIT", "META", "NOTE", "CAPTION", "HEADING")
                or len(b.text) < _HEADLINE_MIN or is_name_line(b.text) or is_unit_line(b.text)):
            continue
        t = _key(clean_title(b.text))
        if core and t == core:
            return i
        if contained is None and core and len(t) >= _CONTAINED_MIN and (t in core or core in t):
            contained = i
        if heading is None and b.tag in ("h1", "h2") and len(t) <= _HEADING_MAX:
            heading = i
        if (titled is None and b.norm.hint == TITLE_HINT and b.cls == "TITLE"
                and b.norm.link_chars < _HEADLINE_LINK_SHARE * len(b.text)):
            titled = i
        if (near is None and first - i <= _NEAR_HEADLINE and b.cls in ("TITLE", "BODY")
                and _NEAR_TITLE_MIN <= len(b.text) <= _TITLE_LINE_MAX
                and "。" not in b.text and b.norm.link_chars < _HEADLINE_LINK_SHARE * len(b.text)):
            near = i
    for cand in (contained, heading, titled, near):
        if cand is not None:
            return cand
    for i, b in enumerate(blocks[:first]):
        if b.tag == "title":
            return i
    return None


_FM_TITLE = patterns.compile(r"^\s*title\s*[:：]\s*(.*)$")
# a markdown body repeats its front matter's title among its first blocks, if at all
_FM_TITLE_REACH = 5
_TIME_PLACE = patterns.compile("|".join(row[1] for row in table("block_classes.tsv") if row[0] == "SCENE"))
# a report's news proper starts within its first few paragraphs: the summaries or the photo caption
# set before it are among the first _OPENING_BODIES body blocks
_OPENING_BODIES = 4
# a summary before the report is a short paragraph (under _SUMMARY_MAX characters) with its
# 时间：/场合： lines among the next _SUMMARY_NOTES blocks
_SUMMARY_MAX = 150
_SUMMARY_NOTES = 2


def _front_matter_title_in_body(blocks: list[Block]) -> list[Block]:
    """A markdown post whose body repeats the front-matter title as a heading: the body's
    heading block (title and the subtitle lines under it) is the headline, not the YAML line."""
    fm = next((i for i, b in enumerate(blocks) if b.norm.hint == "front matter" and b.cls == "TITLE"), None)
    if fm is None:
        return blocks
    m = _FM_TITLE.match(blocks[fm].text)
    want = _key(m.group(1)) if m else ""
    if not want:
        return blocks
    body = [i for i, b in enumerate(blocks) if i > fm and b.norm.hint != "front matter"][:_FM_TITLE_REACH]
    for i in body:
        if blocks[i].cls == "TITLE" and _key(clean_title(blocks[i].text)) == want:
            return _reclassed(blocks, [fm], "BOILER", "front matter (the title is repeated in the body)")
    return blocks


def _summary_before_body(blocks: list[Block]) -> list[Block]:
    """Paragraphs that stand before the news proper are summaries, not the lead: a short
    paragraph followed by ``时间：``/``场合：`` lines, or paragraphs before the one that opens
    with the report's dateline (``本报北京10月16日电``). A first paragraph closed by the line
    under a photo (``…图为甲。``) with the article going on after it is that photo's caption."""
    first_title = next((i for i, b in enumerate(blocks) if b.cls == "TITLE"), -1)
    bodies: list[int] = []  # the first BODY blocks after the first title (a loop that stops there)
    for i in range(first_title + 1, len(blocks)):
        if blocks[i].cls == "BODY":
            bodies.append(i)
            if len(bodies) == _OPENING_BODIES:
                break
    if not bodies:
        return blocks
    k = bodies[0]
    if len(bodies) > 1 and line_class(blocks[k].text) == PHOTO_NOTE and is_prose(blocks[bodies[1]].text):
        return _reclassed(blocks, [k], "CAPTION", "photo caption before the report")
    nxt = [b for b in blocks[k + 1 : k + 1 + _SUMMARY_NOTES] if b.cls == "NOTE"]
    if len(blocks[k].text) < _SUMMARY_MAX and any(_TIME_PLACE.match(b.text) for b in nxt):
        return _reclassed(blocks, [k], "NOTE", "summary before the report")
    if _dateline(blocks[k].text):
        return blocks
    for n, j in enumerate(bodies[1:], 1):
        m = _dateline(blocks[j].text)
        if m and not m.group().startswith(("（", "(")):
            return _reclassed(blocks, bodies[:n], "NOTE", "summary before the dateline")
    return blocks


def _reclassed(blocks: list[Block], which: list[int], cls: str, reason: str | None = None) -> list[Block]:
    """The blocks, those at the indexes ``which`` given class ``cls`` (and the reason)."""
    out = list(blocks)
    for i in which:
        out[i] = blocks[i].reclassed(cls, reason)
    return out


_LINE_TOKENS = patterns.compile(r"[^\s\u3000]+")
_SPACED_NAME = patterns.compile(r"^\p{Han}[\s\u3000]+\p{Han}$")  # 韦  远: a two-character name padded to three
_PLACE = patterns.compile(r"^\p{Han}{2,4}$")  # a city or a province (北京, 内蒙古)
# a unit's name (青岚市第一中学, 中共青岚市委宣传部) is this long
_UNIT_NAME_MIN, _UNIT_NAME_MAX = 4, 24
_UNIT_NAME = patterns.compile(rf"[\p{{Han}}（）()]{{{_UNIT_NAME_MIN},{_UNIT_NAME_MAX}}}")
_CLAUSE_MARK = patterns.compile(r"[，,。：:；;！？!?“”《》]")
# how many title lines from the top may be followed by a name line (kicker, title, subtitle)
_NAME_LINE_AFTER = 4
# a line that only names people is short: a place, titles and names; a longer one says more
_NAME_LINE_MAX = 40
# a name alone on its line names a person when it is this long: a two-character line is too often a
# column's name (时评, 和音), unless padded like a name (韦  远)
_LONE_NAME_MIN = 3


def _credit_words() -> frozenset[str]:
    """The words that introduce a credit (本报记者, 通讯员), from the byline lexicon."""
    return frozenset(row[0] for row in table("credit_roles.tsv"))


def _title_and_name(token: str) -> tuple[str, str] | None:
    """``token`` as a name, or a chain of titles (split on 、) and a name; else None."""
    split = split_title_name(token)
    if not split or not split[1] or not looks_like_name(split[1]):
        return None
    if split[0] and not all(is_title(part) for part in split[0].split("、")):
        return None
    return split


def is_name_line(text: str) -> bool:
    """A line that only names people: a speaker or author under a title (``韦知远``,
    ``青岚市市长　韦知远``, ``北京  韦知远``, ``本报记者  韦知远 柯雨``). A bare two-character
    line is too often a column name (时评, 和音) to count, unless padded like a name (``韦  远``).
    A line opening with a dash is a subtitle (``——访青岚大学校长韦知远``), which is part of the
    headline."""
    text = text.strip()
    if not text or len(text) > _NAME_LINE_MAX or text[0] in "—-－" or _CLAUSE_MARK.search(text):
        return False
    if _SPACED_NAME.match(text):
        return looks_like_name(regex.sub(r"[\s\u3000]+", "", text))
    tokens = _LINE_TOKENS.findall(text)
    if len(tokens) == 1:
        split = _title_and_name(tokens[0])
        return split is not None and len(split[1]) >= _LONE_NAME_MIN
    credit = _credit_words()
    names = 0
    for k, tok in enumerate(tokens):
        if _title_and_name(tok) is not None:
            names += 1
        elif tok in credit or is_title(tok):
            continue
        elif not (k == 0 and len(tokens) == 2 and _PLACE.match(tok)):  # a place before the name
            return False
    return names >= 1


def _speaker_line(blocks: list[Block]) -> list[Block]:
    """Under a title, a line that only names people (a speech's speaker, ``青岚市市长　贺启舟``;
    a commentary's author) is no part of the headline."""
    titles: list[int] = []  # the first TITLE blocks (a loop that stops there)
    for i, b in enumerate(blocks):
        if b.cls == "TITLE":
            titles.append(i)
            if len(titles) == _NAME_LINE_AFTER:
                break
    lines: list[int] = []
    for i in titles[1:]:
        # the line above must still be a title: not one just read as a name line itself
        if blocks[i - 1].cls == "TITLE" and i - 1 not in lines and is_name_line(blocks[i].text):
            lines.append(i)
    return _reclassed(blocks, lines, "META", "name line under the title (speaker or author)") if lines else blocks


# A kicker that ends in a colon (``韦知远：`` over ``千钧一发 扑向歹徒``) is this short at most.
MAX_COLON_KICKER = 24


def _kicker_ending_in_colon(blocks: list[Block]) -> list[Block]:
    """A short first line ending in a colon right above a title is the title's kicker
    (``青岚市环卫工人韦知远：`` / ``“不能留任何卫生死角”``), not the opening of the body."""
    first = next((i for i, b in enumerate(blocks) if b.cls not in ("BOILER", "META")), None)
    if first is None or first + 1 >= len(blocks):
        return blocks
    b = blocks[first]
    text = b.text.strip()
    if (b.cls == "BODY" and len(text) <= MAX_COLON_KICKER and text.endswith(("：", ":"))
            and blocks[first + 1].cls == "TITLE" and looks_like_title(text[:-1])):
        return _reclassed(blocks, [first], "TITLE")
    return blocks


def _own_title_over_file_title(layout: Layout) -> Layout:
    """On a document site the headline found first is the file's title (``…讲话.docx``); the
    document's own title, printed above its text, is the headline (the file title goes aside).
    It is the title lines after the file title in the headline block, or else the last run of
    title lines between the headline and the body."""
    head = layout.headline_blocks
    blocks = layout.blocks
    if not head or not has_file_suffix(blocks[head[0]].text):
        return layout
    own = head[1:]
    if not own:
        end = layout.lead_index if layout.lead_index is not None else len(blocks)
        run: list[int] = []
        for i in range(head[-1] + 1, end):
            if blocks[i].cls == "TITLE":
                run = [*run, i] if run and run[-1] == i - 1 else [i]
        own = run
    if not own:
        return layout
    places, reasons = list(layout.places), list(layout.reasons)
    for i in head:
        places[i], reasons[i] = "boilerplate", "document-site file title"
    for i in own:
        places[i], reasons[i] = "headline", None
    return replace(layout, places=places, reasons=reasons, headline_blocks=own)


def headline_line(block: Block, text: str | None = None) -> str:
    """A headline block's line as the headline shows it (``text``: the block's text as written,
    when that is wanted): cleaned as a title, and the page's ``<title>``, when nothing on the page
    gave a better headline, without the site name after its separator (…工作会议 - 某县人民政府网站)."""
    line = clean_title(block.text if text is None else text)
    return _title_core(line) if block.tag == "title" else line


def lay_out(blocks: list[Block]) -> Layout:
    """Parse the block classes with the document grammar and give every block its place.

    Where the grammar rejects the sequence, the layout is its lenient reading, with a warning
    (``document_grammar.read_plan``).
    """
    blocks = _summary_before_body(_speaker_line(_kicker_ending_in_colon(_front_matter_title_in_body(blocks))))
    if not blocks:
        return Layout(blocks, [], [], warnings=[_no_body()])
    plan = read_plan([b.cls for b in blocks])
    reasons: list[str | None] = [b.reason for b in blocks]
    for i, reason in plan.reasons:
        if reasons[i] is None:
            reasons[i] = reason
    layout = _own_title_over_file_title(Layout(blocks, list(plan.places), reasons,
                                               headline_blocks=list(plan.headline_blocks), lead_index=plan.lead_index))
    warnings: list[Warning] = []
    if plan.lead_index is None:
        warnings.append(_no_body())
    elif plan.rejected is not None:
        warnings.append(Warning("layout_lenient", f"the parts of the document are not in a report's order "
                                f"({plan.rejected}); they were read leniently"))
    headline = " ".join(headline_line(blocks[i]) for i in layout.headline_blocks) if layout.headline_blocks else None
    return replace(layout, headline_text=headline, warnings=warnings)


def _no_body() -> Warning:
    return Warning("no_body", "no paragraph of running text was found: lead and body are empty")


def split_dateline(text: str) -> int:
    """Length of a dateline or credit opening the lead (``本报讯（记者 甲）``), 0 if none."""
    m = _dateline(text)
    return m.end() if m else 0


# a news item's own title stands right above its dateline paragraph, or with one line (a subtitle,
# a photo's) between them
_ITEM_TITLE_REACH = 2


def count_items(layout: Layout) -> int:
    """How many separate news items the document holds: paragraphs opening with their own
    dateline (``央视网消息（新闻联播）：``, ``新华社北京…电``) right under a title of their own."""
    blocks = layout.blocks
    n = 0
    for i, b in enumerate(blocks):
        if layout.places[i] in ("boilerplate", "byline") and b.cls != "META":
            continue
        text = b.text
        m = _dateline(text)
        if not m or m.group().startswith(("（", "(")):
            continue
        if any(blocks[j].cls == "TITLE" or layout.places[j] == "headline"
               for j in range(max(0, i - _ITEM_TITLE_REACH), i)):
            n += 1
    return n
