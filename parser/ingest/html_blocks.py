"""HTML to text blocks, with selectolax (lexbor): fast, tolerant, no recursion.

Each block-level element closes a block. Text inside ``script``/``style``/``template`` and
comments is left out of the text entirely; navigation and footers are kept as blocks with a
hint, so the report can account for them as boilerplate. Block text is located in the
decoded input by searching an entity-decoded copy of it, which keeps spans exact without a
per-character walk.

Hostile pages are kept linear: lexbor's tree builder is quadratic in the nesting depth of
block elements (each ``<div>`` looks for an open ``<p>`` down the whole stack), so tags that
would nest deeper than ``MAX_DEPTH`` are blanked out (replaced by spaces, which keeps every
offset) before lexbor sees the page; their text is kept. Browsers cap the depth the same way.
"""

from __future__ import annotations

import html as html_lib
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import add

import regex

from .. import patterns
from ..model import Warning
from .segments import AFTER_IMAGE, TITLE_HINT, Segment, identity_table

MAX_DEPTH = 512  # element nesting kept (Chromium's HTML parser stops nesting at 512 as well)

BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr td th table tbody thead tfoot section article header footer nav "
    "aside title blockquote pre dd dt dl figure figcaption form hr center main address body html option "
    "caption legend fieldset summary details".split()
)
SKIP_TAGS = frozenset("script style noscript template iframe svg canvas object embed head-skip math".split())
_NOT_WALKED = SKIP_TAGS | {"-comment", "head"}  # the walk does not enter these (head gives the title)
NAV_TAGS = frozenset({"nav", "footer", "header", "aside", "form", "select", "button"})
_WRAPPER_TAGS = frozenset({"div", "section", "main", "body", "table", "td"})  # may wrap a whole page
# a classed wrapper (nav, header) holding more than this share of the page's Chinese text wraps the
# article, not navigation; pages of at most _WRAPPER_PAGE_MIN such characters are too small to tell
_WRAPPER_SHARE = 0.5
_WRAPPER_PAGE_MIN = 300
# (an article's own header, ``article-header``, ``news_header``, holds its title: not chrome)
_NAV_ATTR = patterns.compile(
    r"(?i)nav|menu|foot|(?<!article[-_])(?<!post[-_])(?<!entry[-_])(?<!news[-_])(?<!content[-_])(?<!detail[-_])header|"
    r"breadcrumb|crumb|share|copyright|related|sidebar|comment|login|toolbar|"
    r"topbar|banner|friend-?link|recommend|hot|rank|advert|\bad\b"
)
# ``sub-title`` and ``title-list`` name other things than the article's title
_TITLE_ATTR = patterns.compile(r"(?i)(?<!sub[-_]?)(?:title|headline)(?![-_]?(?:list|bar|nav|img|pic|icon))")
_CAPTION_ATTR = patterns.compile(r"(?i)caption|pic-?(?:txt|text|info|desc)|img-?(?:txt|text|desc)|photo-?desc")
_HAN_RUN = patterns.compile(r"\p{Han}+")


def han_count(text: str) -> int:
    """Chinese characters in ``text``, as ``len(regex.findall(r"\\p{Han}", text))`` counts them but a
    few times faster: one list item per run, not per character."""
    return sum(map(len, _HAN_RUN.findall(text)))

_ENTITY = patterns.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)|\r\n?|\x00")


# --- nesting depth ------------------------------------------------------------------------------

_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split()
)
# raw-text elements: no tags inside them until their end tag
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript plaintext".split())
# start tags that close an open <p> (HTML's "close a p element in button scope")
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header "
    "hgroup main menu nav ol p section summary ul h1 h2 h3 h4 h5 h6 pre listing form table hr xmp li dd dt".split()
)
# start tags that close an open element of the same kind (or of a sibling kind)
_CLOSES_SAME: dict[str, tuple[str, ...]] = {
    "li": ("li",), "dd": ("dd", "dt"), "dt": ("dd", "dt"), "option": ("option",), "optgroup": ("optgroup", "option"),
    "tr": ("tr", "td", "th"), "td": ("td", "th"), "th": ("td", "th"), "thead": ("thead", "tbody", "tfoot"),
    "tbody": ("thead", "tbody", "tfoot"), "tfoot": ("thead", "tbody", "tfoot"), "a": ("a",), "button": ("button",),
    "select": ("select",), "nobr": ("nobr",), "form": ("form",), "rb": ("rb", "rt", "rp"), "rt": ("rb", "rt", "rp"),
    "rp": ("rb", "rt", "rp"), "h1": ("h1", "h2", "h3", "h4", "h5", "h6"),
}
for _h in ("h2", "h3", "h4", "h5", "h6"):
    _CLOSES_SAME[_h] = _CLOSES_SAME["h1"]
# HTML elements for which ``<x/>`` is an ordinary start tag (only foreign elements self-close)
_HTML_NAMES = _CLOSES_P | _VOID | _RAW_TEXT | frozenset(
    "html head body span a b i u s em strong font small big code tt sub sup label table tbody thead tfoot tr td th "
    "caption colgroup select option optgroup button object canvas video audio picture map ins del abbr cite q "
    "kbd samp var mark time nobr legend center marquee blink ruby rb rt rp template".split()
)
_TAG = patterns.compile(r"<(?:!--.*?(?:--!?>|\Z)|[!?][^>]*+>?|(/?)([A-Za-z][^\s/>]{0,63})[^>]*+(>|\Z))", regex.S)


# what _most_pushes subtracts: a ``<`` starting an end tag, a comment or declaration, or a void
# element (lowercase only: a subset is enough). A match holds one ``<``, so findall counts them all.
_NOT_PUSHED = re.compile(
    r"<(?:[/!?]|(?:" + "|".join(sorted(_VOID, key=len, reverse=True)) + r")(?=[ >/\t\n\r\f]))"
)


def _most_pushes(raw: str) -> int:
    """An upper bound on the elements limit_depth's scan can open (its stack never gets deeper):
    every ``<`` except those starting an end tag, a comment or declaration, or a void element.
    These kinds never start at the same ``<``, so one C-level findall counts them exactly."""
    return raw.count("<") - len(_NOT_PUSHED.findall(raw))


# A closed group: a start tag, text, void tags and closed groups, then the end tag of the same name.
# Void tags are replaced by \x01 first, then groups innermost first, each pass replacing the groups
# it finds by \x01, which no tag of a group may hold: so every tag of a group is whole and holds no
# ``<``, and no group starts with a void tag (_most_pushes does not count those). A name is ASCII and
# followed by ASCII whitespace, ``/`` or ``>``, so it is the name the scan reads (its ``[^\s/>]``
# run stops there) and ``re`` (faster than ``regex`` here) reads it the same way.
_VOID_TAG = re.compile(r"<(?:" + "|".join(sorted(_VOID, key=len, reverse=True)) + r")(?=[ >/\t\n\r\f])[^<>\x01]*+>")
_CLOSED_GROUP = re.compile(
    r"<([A-Za-z][A-Za-z0-9:_.-]*+)(?=[ \t\n\r\f/>])[^<>\x01]*+>[^<]*+</\1(?=[ \t\n\r\f/>])[^<>\x01]*+>"
)
_GROUP_PASSES = 8


def _shallow(raw: str, max_depth: int) -> bool:
    """Whether limit_depth's scan certainly never nests ``raw`` deeper than ``max_depth`` (so it
    would blank nothing), decided with a few C-level passes instead of its Python step per tag.

    An element is open only if its start tag is one of the ``_most_pushes`` places and it was not
    closed since. Inside a closed group every ``<`` starts a group's tag or a void tag, so the scan reads the
    group's tags as they are written: an element a group's start tag opens is closed by the time
    the scan reads the group's end tag (a raw-text element is skipped only up to its own end tag,
    as ``raw.lower()`` keeps every offset). So at any time at most ``_most_pushes - groups``
    elements are open outside groups, plus those of the groups being read: one per pass at most.
    """
    if raw.count("<") <= max_depth:  # cheaper than _most_pushes, and often enough
        return True
    pushes = _most_pushes(raw)
    if pushes <= max_depth:
        return True
    # U+0130 is the only character whose lowercase is longer (tests check this for the running
    # Python): testing for it is ``len(raw.lower()) != len(raw)`` without lowering the page
    if "\u0130" in raw:
        return False
    rest = _VOID_TAG.sub("\x01", raw)
    for passes in range(1, _GROUP_PASSES + 1):
        rest, groups = _CLOSED_GROUP.subn("\x01", rest)
        if not groups:
            return False
        pushes -= groups
        if pushes + passes <= max_depth:
            return True
    return False


def limit_depth(raw: str, max_depth: int = MAX_DEPTH) -> tuple[str, int]:
    """``raw`` with the tags that would nest deeper than ``max_depth`` blanked, and how many were.

    A linear scan with a small model of HTML's implied end tags (``<p>``, ``<li>``, ``<td>`` …
    close their open siblings), so long flat pages are never mistaken for deep ones. Blanked
    tags become spaces of the same length: every offset into the page stays valid. The scan
    (a Python step per tag) runs only when ``_shallow`` cannot show that it would blank nothing.
    """
    if _shallow(raw, max_depth):
        return raw, 0
    return _blank_deep(raw, max_depth)


def _close(name: str, stack: list[str], open_count: dict[str, int]) -> None:
    """Closes the innermost open ``name`` and every element opened inside it."""
    while stack:
        top = stack.pop()
        open_count[top] -= 1
        if top == name:
            break


def _blank_deep(raw: str, max_depth: int) -> tuple[str, int]:
    """limit_depth's scan: the tag model, tag by tag."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    excess: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    low: str | None = None
    pos = 0
    n = len(raw)
    while pos < n:
        m = _TAG.search(raw, pos)
        if m is None:
            break
        pos = m.end()
        name = m.group(2)
        if name is None:
            continue
        name = name.lower()
        if m.group(1):  # an end tag
            if open_count.get(name):
                _close(name, stack, open_count)
            elif excess.get(name):
                excess[name] -= 1
                cuts.append(m.span())
            continue
        if name in _VOID:
            continue
        if name in _RAW_TEXT:  # holds no elements: skip to its end tag, never blank it
            low = raw.lower() if low is None else low
            end = low.find("</" + name, pos)
            pos = n if end < 0 else end
            continue
        if m.group(0).endswith("/>") and name not in _HTML_NAMES:
            continue  # a self-closing foreign element (<path/> in an svg)
        for closes in ((("p",) if name in _CLOSES_P else ()), _CLOSES_SAME.get(name, ())):
            for other in closes:
                if open_count.get(other):
                    _close(other, stack, open_count)
        if len(stack) >= max_depth:
            excess[name] = excess.get(name, 0) + 1
            cuts.append(m.span())
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
    if not cuts:
        return raw, 0
    parts: list[str] = []
    last = 0
    for s, e in cuts:
        parts.append(raw[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(raw[last:])
    return "".join(parts), len(cuts)


# one splitting pattern per first character: with a literal first character ``re`` skips ahead
# with a fast scan, where one alternation of the three tries every position (several times slower).
# The three kinds of token never overlap, so their union is what one scan with _ENTITY finds.
_ENTITY_SPLIT = (
    ("&", re.compile(r"(&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?))")),
    ("\r", re.compile(r"(\r\n?)")),
    ("\x00", re.compile(r"(\x00)")),
)


@lru_cache(maxsize=4096)
def _decode_token(tok: str) -> str:
    return "\n" if tok[0] == "\r" else "" if tok == "\x00" else html_lib.unescape(tok)


def _entity_pieces(raw: str) -> list[str]:
    """``raw`` cut at its _ENTITY tokens: text, token, text, … token, text (as ``_ENTITY`` with a group would split)."""
    kinds = [(first, pattern) for first, pattern in _ENTITY_SPLIT if first in raw]
    if len(kinds) <= 1:
        return kinds[0][1].split(raw) if kinds else [raw]
    if len(kinds) == 2:  # (CRLF pages with entities) split the text pieces of the rarer kind by the other
        return _split_twice(raw, *sorted(kinds, key=lambda kind: raw.count(kind[0])))
    found = [pattern.split(raw) for _, pattern in kinds]
    pos: list[int] = []
    toks: list[str] = []
    for pieces in found:
        kind = pieces[1::2]
        toks += kind
        pos += list(accumulate(map(len, pieces)))[0::2][: len(kind)]  # where each token starts
    at = dict(zip(pos, toks, strict=True))  # no two tokens start at the same place
    pos.sort()
    toks = list(map(at.__getitem__, pos))
    ends = list(map(add, pos, map(len, toks)))
    out: list[str] = [""] * (2 * len(toks) + 1)
    out[1::2] = toks
    out[0::2] = list(map(raw.__getitem__, map(slice, [0, *ends], [*pos, len(raw)])))
    return out


def _split_twice(raw: str, outer: tuple[str, re.Pattern[str]], inner: tuple[str, re.Pattern[str]]) -> list[str]:
    """``_entity_pieces`` for two kinds of token: ``raw`` split by the outer kind, then each text piece
    by the inner kind (a Python step per outer token only). No token holds the other kind's first
    character, and a token ends where that character stands, so splitting a text piece finds the
    inner tokens a split of ``raw`` finds."""
    first, split = inner[0], inner[1].split
    pieces = outer[1].split(raw)
    out: list[str] = []
    extend = out.extend
    append = out.append
    for k in range(0, len(pieces) - 1, 2):
        text = pieces[k]
        extend(split(text) if first in text else (text,))
        append(pieces[k + 1])
    text = pieces[-1]
    extend(split(text) if first in text else (text,))
    return out


def _entity_decoded_spec(raw: str) -> tuple[str, array]:
    """The specification of :func:`entity_decoded`, which must give what this gives for every input
    (tests/test_html_blocks_fast.py checks it on random pages): ``raw`` with each _ENTITY token
    replaced by what it stands for (a character reference decoded, CRLF or CR folded to LF, a NUL
    dropped as the HTML parser drops it from text), and the raw offset of every decoded character:
    its own for a character copied, the token's start for each character a token decodes to; one
    more offset, ``len(raw)``, ends the map."""
    parts: list[str] = []
    offsets = array("l")
    pos = 0
    for m in _ENTITY.finditer(raw):
        start, end = m.span()
        parts.append(raw[pos:start])
        offsets.extend(range(pos, start))
        token = m.group()
        decoded = "\n" if token[0] == "\r" else "" if token == "\x00" else html_lib.unescape(token)
        parts.append(decoded)
        offsets.extend([start] * len(decoded))
        pos = end
    parts.append(raw[pos:])
    offsets.extend(range(pos, len(raw) + 1))
    return "".join(parts), offsets


def entity_decoded(raw: str) -> tuple[str, array]:
    """``raw`` with character references decoded, CRLF folded and NULs dropped (as the HTML parser
    drops them from text), and each char's raw offset: what :func:`_entity_decoded_spec` gives.

    This is the fast form (the HTML parse takes about a quarter longer with the specification's
    token loop): the pieces come from C-level splits and the offset map is copied out of an
    identity table a run at a time, not built a token at a time.
    """
    pieces = _entity_pieces(raw)
    parts = pieces[:]
    decs = list(map(_decode_token, pieces[1::2]))
    parts[1::2] = decs
    n = len(raw)
    ident = identity_table(n + 1)
    offsets = array("l")
    if not decs or max(map(len, decs)) <= 1:
        # a text piece and the token after it, decoded to at most one char mapped to the token's
        # start, are one identity run: from the text's start to the token's start (+1)
        starts = list(accumulate(map(len, pieces), initial=0))
        ends = [*map(add, starts[1::2], map(len, decs)), n]
        for a, b in zip(starts[0::2], ends, strict=True):  # slice-and-extend: a memcpy per run
            offsets += ident[a:b]
    else:  # some token decodes to several chars (an unknown name stays as written), each mapped
        # to the token's start: the runs as above, but such a token ends its run and adds its own
        starts = list(accumulate(map(len, pieces), initial=0))
        for a, t, d in zip(starts[0::2], starts[1::2], [*map(len, decs), 0], strict=True):  # t: next token or end
            if d <= 1:
                offsets += ident[a : t + d]
            else:
                offsets += ident[a:t]
                offsets += array("l", (t,)) * d
    offsets.append(n)
    return "".join(parts), offsets


class _BlockBuilder:
    """Collects text pieces into blocks and finds each piece in the decoded input.

    Pieces are searched in document order from a cursor. A piece the tree builder moved
    (text inside a ``<table>`` but outside its cells goes before the table) is then looked for
    before the cursor, among the stretches no other piece claimed; a piece it changed (a NUL in
    a title) is laid 1:1 on the input at the cursor. So every character gets an offset inside
    the input, and no two pieces claim the same characters.
    """

    MISSES = 64  # pieces not found verbatim before the search for one is kept near the cursor
    WINDOW = 8192

    def __init__(self, raw: str, base: int) -> None:
        self.decoded, self.map = entity_decoded(raw)
        self.size = len(self.decoded)
        self.base = base
        self.cursor = 0
        self.misses = 0
        self.claim_starts: list[int] = []  # stretches of ``decoded`` taken by pieces, sorted, disjoint
        self.claim_ends: list[int] = []
        self.blocks: list[Segment] = []
        self.clean: list[bool] = []  # per block: every piece found verbatim in order (see settle)
        self.parts: list[str] = []
        self.offs = array("l")
        self.exact = True
        self.link_chars = 0
        self.tag = ""
        self.hint = ""

    def _claim(self, start: int, end: int) -> None:
        if end <= start:
            return
        i = bisect_right(self.claim_starts, start)
        self.claim_starts.insert(i, start)
        self.claim_ends.insert(i, end)

    def _free(self, start: int, end: int) -> bool:
        i = bisect_right(self.claim_starts, start)
        if i and self.claim_ends[i - 1] > start:
            return False
        return not (i < len(self.claim_starts) and self.claim_starts[i] < end)

    def _find_before(self, core: str) -> int:
        """An unclaimed occurrence of ``core`` before the cursor, or -1 (a few tries)."""
        pos = 0
        for _ in range(8):
            j = self.decoded.find(core, pos, self.cursor)
            if j < 0:
                return -1
            if self._free(j, j + len(core)):
                return j
            pos = j + 1
        return -1

    def _locate_slow(self, text: str, limit: int) -> array:
        """Input offsets of a piece not found verbatim at or after the cursor (moved or changed)."""
        n = len(text)
        self.misses += 1
        self.exact = False
        core = text.strip()
        lead = len(text) - len(text.lstrip())
        if core:
            at = self.decoded.find(core, self.cursor, limit)
            if at >= 0:
                self._claim(at, at + len(core))
                start = at - lead
                self.cursor = max(self.cursor, start + n)
                offs = self.map[max(start, 0) : start + n]
                if start < 0:  # leading whitespace fell before the match
                    offs = array("l", [offs[0] if offs else 0] * -start) + offs
                if len(offs) < n:  # trailing whitespace ran past the end
                    offs.extend([offs[-1] if offs else 0] * (n - len(offs)))
                return offs
            if self.misses <= self.MISSES:
                at = self._find_before(core)
                if at >= 0:  # moved by the tree builder: found where no other piece stands
                    self._claim(at, at + len(core))
                    offs = self.map[at : at + len(core)]
                    return array("l", [offs[0]] * lead) + offs + array("l", [offs[-1]] * (n - lead - len(core)))
        # changed by the parser: lay it 1:1 on the input at the cursor, never past the end
        last = max(len(self.decoded) - 1, 0)
        start = min(self.cursor, last)
        offs = self.map[start : start + n]
        if len(offs) < n:
            offs.extend([self.map[last]] * (n - len(offs)))
        self._claim(start, min(start + n, len(self.decoded)))
        self.cursor = min(len(self.decoded), start + n)
        return offs

    def add_text(self, text: str, in_link: bool, tag: str, hint: str) -> None:
        """Append a piece to the open block, with the input offsets of its characters."""
        if not text:
            return
        n = len(text)
        cursor = self.cursor
        # a piece the parser changed (a NUL, a stray entity) is not found and costs a search to the
        # end of the page; after many of those, later searches look only near the cursor (linear)
        limit = self.size if self.misses < self.MISSES else cursor + n + self.WINDOW
        at = self.decoded.find(text, cursor, limit)
        if at >= 0:  # the common case, inline: found verbatim at or after the cursor
            # every earlier claim ends at or before the cursor, so appending keeps the lists sorted
            self.claim_starts.append(at)
            self.claim_ends.append(at + n)
            self.cursor = at + n
            self.offs.extend(self.map[at : at + n])
        else:
            self.offs.extend(self._locate_slow(text, limit))
        if not self.parts:
            self.tag, self.hint = tag, hint
        elif hint and not self.hint:
            self.hint = hint
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def close(self) -> None:
        """End the open block; keep it if it holds more than whitespace.

        ``tag`` and ``hint`` are left as they are: the first piece of the next block sets them.
        """
        parts = self.parts
        if not parts:
            return
        text = "".join(parts) if len(parts) > 1 else parts[0]
        if text.strip():
            offs = self.offs
            if self.base:  # markdown bodies: offsets are relative to the body
                base = self.base
                offs = array("l", [o + base for o in offs])
            offs.append(offs[-1] + 1 if len(offs) else self.base)
            self.blocks.append(Segment(text, offs, self.tag, self.link_chars, self.hint))
            self.clean.append(self.exact)
            self.offs = array("l")
        else:  # most blocks are the whitespace between tags: reuse the offsets array
            del self.offs[:]
        parts.clear()  # in place: the walk holds this list
        self.exact = True
        self.link_chars = 0


class _HanCounter:
    """Chinese characters under an element (``han_count(node.text())``), in linear time.

    The first few questions are answered directly; after that the counts of every element are
    computed in one walk, so nested wrappers (a thousand ``<div class="nav">`` around the page)
    do not cost a pass over the page each.
    """

    DIRECT = 16

    def __init__(self, root: object) -> None:
        self.root = root
        self.asked = 0
        self.counts: dict[int, int] | None = None

    def __call__(self, node: object) -> int:
        self.asked += 1
        if self.asked <= self.DIRECT:
            return han_count(node.text() or "")  # type: ignore[attr-defined]
        if self.counts is None:
            self.counts = _han_counts(self.root)
        return self.counts.get(node.mem_id, 0)  # type: ignore[attr-defined]


def _han_counts(root: object) -> dict[int, int]:
    """Chinese characters in the text under every element, by ``mem_id`` (iterative post-order)."""
    counts: dict[int, int] = {}
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        mid = node.mem_id  # type: ignore[attr-defined]
        if entering:
            if node.tag == "-text":  # type: ignore[attr-defined]
                counts[mid] = han_count(node.text_content or "")  # type: ignore[attr-defined]
                continue
            stack.append((node, False))
            child = node.child  # type: ignore[attr-defined]
            while child is not None:
                stack.append((child, True))
                child = child.next
            continue
        total = 0
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            total += counts.get(child.mem_id, 0)
            child = child.next
        counts[mid] = total
    return counts


def _hint(node: object, tag: str, page_chars: Callable[[], int], han: _HanCounter) -> str:
    """``navigation`` for a nav element or one whose class/id/role names chrome (menu, footer, share …),
    ``caption`` for a figure caption (``figcaption``, ``<p class="caption">``), ``title`` for an
    element whose class or id names a title (``<span class="news_title">``), else empty."""
    # selectolax builds the attribute dict anew on each read: read once for every test below
    attrs = node.attributes or {}  # type: ignore[attr-defined]
    if _is_navigation(node, tag, attrs, page_chars, han):
        return "navigation"
    if tag == "figcaption":
        return "caption"
    probe = _attribute_probe(attrs, ("class", "id"))
    if probe and _CAPTION_ATTR.search(probe):
        return "caption"
    if probe and _TITLE_ATTR.search(probe) and tag not in _WRAPPER_TAGS - {"div"}:
        return TITLE_HINT
    return ""


def _is_navigation(node: object, tag: str, attrs: dict[str, str | None], page_chars: Callable[[], int],
                   han: _HanCounter) -> bool:
    """A nav element, or one whose class, id or role (in ``attrs``) names chrome. A container that
    holds most of the page's Chinese text is a page wrapper (``blq-int-nav`` around a whole BBC
    page), not navigation."""
    if tag in NAV_TAGS:
        return True
    probe = _attribute_probe(attrs, ("class", "id", "role"))
    if not (probe and _NAV_ATTR.search(probe)):
        return False
    if tag in _WRAPPER_TAGS:
        chars = page_chars()
        if chars > _WRAPPER_PAGE_MIN and han(node) > _WRAPPER_SHARE * chars:
            return False
    return True


def _attribute_probe(attrs: dict[str, str | None], names: tuple[str, ...]) -> str:
    """The values of the attributes ``names``, joined by spaces (no pattern matches a space);
    empty for an element without attributes, as most are."""
    if not attrs:
        return ""
    return " ".join([str(attrs.get(k) or "") for k in names])


def html_segments(raw: str, base: int = 0, *, split_lines: bool = False,
                  warnings: list[Warning] | None = None) -> tuple[list[Segment], dict[str, str]]:
    """Text blocks of an HTML document or fragment, and the metadata its head carries.

    ``base`` is the offset of ``raw`` in the decoded input (markdown bodies start after the
    front matter). ``split_lines`` makes newlines in text end a block, as markdown expects.
    What was odd about the page (nesting too deep, text the tree builder moved so that its
    spans are approximate) is added to ``warnings``.
    """
    from selectolax.lexbor import LexborHTMLParser

    raw, blanked = limit_depth(raw)
    if blanked and warnings is not None:
        warnings.append(Warning("deep_nesting", f"the HTML nests elements more than {MAX_DEPTH} deep; "
                                f"{blanked:,} tag(s) below that depth were ignored and their text kept"))
    tree = LexborHTMLParser(raw)
    meta = _head_metadata(tree)
    builder = _BlockBuilder(raw, base)
    root = tree.root
    if root is None:
        return [], meta
    body = tree.body
    chars: list[int] = []

    def page_chars() -> int:
        """Chinese characters of the body, counted the first time a hint needs them."""
        if not chars:
            chars.append(han_count(body.text() or "") if body is not None else 0)
        return chars[0]

    han = _HanCounter(root)
    add_text = builder.add_text
    close = builder.close
    parts = builder.parts  # the open block's pieces: close() empties this list in place
    find = builder.decoded.find
    dmap = builder.map
    size = builder.size
    misses_max, window = builder.MISSES, builder.WINDOW
    claim_starts_append = builder.claim_starts.append  # _claim inserts into the same lists
    claim_ends_append = builder.claim_ends.append
    # iterative pre-order walk. The stack holds nodes to enter and, below an element's children,
    # a marker tuple (is_block, in_link, hint, block_tag, after_img) that restores the context on
    # the way out; a marker is pushed only when there is something to restore or a block to close.
    # (``if parts: close()`` skips the call where close would find no open block.)
    # ``after_img``: an image stood earlier in the same block element, so its text lines (cut by
    # <br>) are what the page prints under the image: hint AFTER_IMAGE, a caption if short.
    in_link = False
    hint = ""
    btag = ""
    after_img = False
    stack: list[object] = [root]
    pop = stack.pop
    push = stack.append
    while stack:
        node = pop()
        if type(node) is tuple:
            is_block, in_link, hint, btag, after_img = node
            if is_block and parts:
                close()
            continue
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            text = node.text_content  # type: ignore[attr-defined]
            if not text:
                continue
            text_hint = hint or (AFTER_IMAGE if after_img else "")
            if split_lines and "\n" in text:
                pieces = text.split("\n")
                for i, piece in enumerate(pieces):
                    add_text(piece, in_link, btag, text_hint)
                    if i < len(pieces) - 1:
                        builder.cursor += 1
                        close()
            else:  # builder.add_text inlined: a call per text node is a tenth of the walk
                n = len(text)
                cursor = builder.cursor
                limit = size if builder.misses < misses_max else cursor + n + window
                at = find(text, cursor, limit)
                if at >= 0:
                    claim_starts_append(at)
                    claim_ends_append(at + n)
                    builder.cursor = at + n
                    builder.offs.extend(dmap[at : at + n])
                else:
                    builder.offs.extend(builder._locate_slow(text, limit))
                if not parts:
                    builder.tag = btag
                    builder.hint = text_hint
                elif text_hint and not builder.hint:
                    builder.hint = text_hint
                parts.append(text)
                if in_link:
                    builder.link_chars += len(text.strip())
            continue
        if tag in _NOT_WALKED:
            if tag == "head":
                title = tree.css_first("head title")
                if title is not None:
                    close()
                    add_text(title.text() or "", False, "title", "")
                    close()
            continue
        if tag == "img":
            after_img = True
            continue
        is_block = tag in BLOCK_TAGS
        if is_block:
            if parts:
                close()
            if tag == "br":
                continue
        kid = node.last_child  # type: ignore[attr-defined]
        if kid is None:  # nothing inside: its exit would close an empty block or restore nothing
            continue
        child_hint = hint or _hint(node, tag, page_chars, han)
        if child_hint == TITLE_HINT and hint != TITLE_HINT and not is_block:
            # an inline element named a title (<span class="news_title">) stands on its own
            is_block = True
            if parts:
                close()
        child_link = in_link or tag == "a"
        if is_block or child_hint != hint or child_link != in_link:
            push((is_block, in_link, hint, btag, after_img))
            in_link, hint = child_link, child_hint
            if is_block:
                btag = tag
                after_img = False
        while kid is not None:  # children pushed last first, so they are entered in order
            push(kid)
            kid = kid.prev
    close()
    moved = settle(builder.blocks, base, base + len(raw), builder.clean)
    if moved and warnings is not None:
        warnings.append(Warning("html_reordered", f"{moved} block(s) of text could not be found where the HTML "
                                "parser put them (text moved out of tables, or changed); their spans are approximate"))
    return builder.blocks, meta


def settle(blocks: list[Segment], lo: int, hi: int, clean: Sequence[bool] = ()) -> int:
    """Make the blocks' spans valid whatever the tree builder did; returns how many were moved.

    Offsets within a block are made non-decreasing and kept inside ``[lo, hi)``; a block whose
    span overlaps one before it (text the tree builder moved or changed) is moved to input
    characters that no block covers, nearest its place. Exact pages are left as they are.
    ``clean[k]`` says block ``k`` is already valid (offsets non-decreasing, inside ``[lo, hi)``,
    end offset one past the last), which skips the per-character check.
    """
    if hi <= lo:
        return 0
    spans: list[tuple[int, int, int]] = []
    nclean = len(clean)
    for k, b in enumerate(blocks):
        offs = b.offsets
        n = len(b.text)
        if n == 0:
            continue
        if k < nclean and clean[k]:  # the checks below would change nothing
            spans.append((offs[0], offs[n - 1] + 1, k))
            continue
        top = lo
        bad = False
        for i in range(n):
            o = offs[i]
            if o < top or o >= hi:
                bad = True
                break
            top = o
        if bad:  # rare: rebuild the offsets non-decreasing and inside the input
            top = lo
            for i in range(n):
                top = min(max(offs[i], top), hi - 1)
                offs[i] = top
        if len(offs) > n:
            offs[n] = min(max(offs[n], offs[n - 1] + 1), hi)
            del offs[n + 1 :]
        else:
            offs.append(min(offs[n - 1] + 1, hi))
        spans.append((offs[0], offs[n - 1] + 1, k))
    spans.sort()
    kept: list[tuple[int, int]] = []
    moved: list[tuple[int, int]] = []
    end = lo
    for start, stop, k in spans:
        if start >= end:
            kept.append((start, stop))
            end = stop
        else:
            moved.append((start, k))
    if not moved:
        return 0
    gaps: list[tuple[int, int]] = []  # input stretches no kept block covers
    pos = lo
    for start, stop in kept:
        if start > pos:
            gaps.append((pos, start))
        pos = max(pos, stop)
    if pos < hi:
        gaps.append((pos, hi))
    free = [start for start, _ in gaps]  # first unused character of each gap
    room = [stop for _, stop in gaps]  # and the end of what is unused, taken from the back
    g = 0
    back = len(gaps) - 1
    for want, k in moved:  # in input order: take free characters at or after the block's place
        while g < len(gaps) and (room[g] <= want or free[g] >= room[g]):
            g += 1
        b = blocks[k]
        n = len(b.text)
        if g < len(gaps):
            a = max(free[g], want)
            take = min(n, room[g] - a)
            free[g] = a + take
        else:  # nothing free after it: one character from the last free stretch before it
            while back >= 0 and free[back] >= room[back]:
                back -= 1
            if back < 0:
                a, take = hi - 1, 1  # no character of the input is free (never seen)
            else:
                room[back] -= 1
                a, take = room[back], 1
        for i in range(n):
            b.offsets[i] = a + min(i, take - 1)
        b.offsets[n] = a + take
    return len(moved)


def _head_metadata(tree: object) -> dict[str, str]:
    """Title, description, keywords, author, date and site name from ``<head>``."""
    out: dict[str, str] = {}
    title = tree.css_first("head title")  # type: ignore[attr-defined]
    if title is not None and title.text().strip():
        out["title"] = title.text().strip()
    for node in tree.css("head meta"):  # type: ignore[attr-defined]
        attrs = node.attributes
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        val = (attrs.get("content") or "").strip()
        if not val:
            continue
        for wanted, names in (
            ("og_title", ("og:title",)),
            ("description", ("description", "og:description")),
            ("author", ("author", "article:author")),
            ("date", ("publishdate", "pubdate", "article:published_time", "date", "publish_time")),
            ("site_name", ("og:site_name", "sitename", "site_name")),
            ("keywords", ("keywords",)),
        ):
            if key in names and wanted not in out:
                out[wanted] = val
    return out
