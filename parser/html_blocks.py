"""HTML to text blocks, with selectolax (lexbor): fast, tolerant, no recursion.

Each block-level element closes a block. Text inside ``script``/``style``/``template`` and
comments is left out of the text entirely; navigation and footers are kept as blocks with a
hint, so the report can account for them as boilerplate. Block text is located in the
decoded input by searching an entity-decoded copy of it, which keeps spans exact without a
per-character walk.
"""

from __future__ import annotations

import html as html_lib
from array import array

import regex

from .segments import Segment, identity

BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr td th table tbody thead tfoot section article header footer nav "
    "aside title blockquote pre dd dt dl figure figcaption form hr center main address body html option "
    "caption legend fieldset summary details".split()
)
SKIP_TAGS = frozenset("script style noscript template iframe svg canvas object embed head-skip math".split())
NAV_TAGS = frozenset({"nav", "footer", "header", "aside", "form", "select", "button"})
_NAV_ATTR = regex.compile(
    r"(?i)nav|menu|foot|header|breadcrumb|crumb|share|copyright|related|sidebar|comment|login|toolbar|"
    r"topbar|banner|friend-?link|recommend|hot|rank|advert|\bad\b"
)
_CAPTION_ATTR = regex.compile(r"(?i)caption|pic-?(?:txt|text|info|desc)|img-?(?:txt|text|desc)|photo-?desc")
_HAN = regex.compile(r"\p{Han}")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)|\r\n?")


def entity_decoded(raw: str) -> tuple[str, array]:
    """``raw`` with character references decoded and CRLF folded, and each char's raw offset."""
    parts: list[str] = []
    offsets = array("l")
    pos = 0
    for m in _ENTITY.finditer(raw):
        s, e = m.span()
        if s > pos:
            parts.append(raw[pos:s])
            offsets.extend(identity(pos, s))
        tok = m.group()
        dec = "\n" if tok[0] == "\r" else html_lib.unescape(tok)
        parts.append(dec)
        offsets.extend([s] * len(dec))
        pos = e
    parts.append(raw[pos:])
    offsets.extend(identity(pos, len(raw) + 1))
    return "".join(parts), offsets


class _BlockBuilder:
    """Collects text pieces into blocks and finds each piece in the decoded input."""

    def __init__(self, raw: str, base: int) -> None:
        self.decoded, self.map = entity_decoded(raw)
        self.base = base
        self.cursor = 0
        self.blocks: list[Segment] = []
        self.parts: list[str] = []
        self.offs = array("l")
        self.link_chars = 0
        self.tag = ""
        self.hint = ""

    def add_text(self, text: str, in_link: bool, tag: str, hint: str) -> None:
        if not text:
            return
        at = self.decoded.find(text, self.cursor)
        if at < 0:
            at = self.decoded.find(text.strip(), self.cursor)
            if at >= 0:
                lead = len(text) - len(text.lstrip())
                at -= lead
        if at >= 0:
            start = at
            self.cursor = at + len(text)
            offs = self.map[max(start, 0) : start + len(text)]
            if len(offs) < len(text):  # leading whitespace fell before the match
                pad = len(text) - len(offs)
                offs = array("l", [offs[0] if offs else 0] * pad) + offs
        else:  # the parser changed the text (rare): point every char at the cursor
            anchor = self.map[min(self.cursor, len(self.map) - 1)]
            offs = array("l", [anchor] * len(text))
        if self.base:
            offs = array("l", (o + self.base for o in offs))
        if not self.parts:
            self.tag, self.hint = tag, hint
        elif hint and not self.hint:
            self.hint = hint
        self.parts.append(text)
        self.offs.extend(offs)
        if in_link:
            self.link_chars += len(text.strip())

    def close(self) -> None:
        if self.parts:
            text = "".join(self.parts)
            if text.strip():
                end = self.offs[-1] + 1 if len(self.offs) else self.base
                self.offs.append(end)
                self.blocks.append(Segment(text, self.offs, self.tag, self.link_chars, self.hint))
        self.parts = []
        self.offs = array("l")
        self.link_chars = 0
        self.tag = ""
        self.hint = ""


def _nav_hint(node: object, page_chars: int = 0) -> str:
    """``navigation`` for a nav element or one whose class/id names chrome (menu, footer, share …).

    A classed container that holds most of the page's Chinese text is a page wrapper (``blq-int-nav``
    around a whole BBC page), not navigation, and gives no hint.
    """
    tag = getattr(node, "tag", "")
    if tag in NAV_TAGS:
        return "navigation"
    attrs = getattr(node, "attributes", None) or {}
    probe = " ".join(str(attrs.get(k) or "") for k in ("class", "id", "role"))
    if not (probe and _NAV_ATTR.search(probe)):
        return ""
    if page_chars > 300 and tag in ("div", "section", "main", "body", "table", "td"):
        own = len(_HAN.findall(node.text() or ""))  # type: ignore[attr-defined]
        if own > 0.5 * page_chars:
            return ""
    return "navigation"


def _caption_hint(node: object) -> str:
    """``caption`` for a figure caption (``figcaption``, ``<p class="caption">``)."""
    if getattr(node, "tag", "") == "figcaption":
        return "caption"
    attrs = getattr(node, "attributes", None) or {}
    probe = " ".join(str(attrs.get(k) or "") for k in ("class", "id"))
    return "caption" if probe and _CAPTION_ATTR.search(probe) else ""


def html_segments(raw: str, base: int = 0, *, split_lines: bool = False) -> tuple[list[Segment], dict[str, str]]:
    """Text blocks of an HTML document or fragment, and the metadata its head carries.

    ``base`` is the offset of ``raw`` in the decoded input (markdown bodies start after the
    front matter). ``split_lines`` makes newlines in text end a block, as markdown expects.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(raw)
    meta = _head_metadata(tree)
    builder = _BlockBuilder(raw, base)
    root = tree.root
    if root is None:
        return [], meta
    body = tree.body
    page_chars = len(_HAN.findall(body.text() or "")) if body is not None else 0  # Chinese characters
    # iterative pre-order walk: (node, entering, in_link, hint, block_tag)
    stack: list[tuple[object, bool, bool, str, str]] = [(root, True, False, "", "")]
    while stack:
        node, entering, in_link, hint, btag = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if not entering:
            if tag in BLOCK_TAGS:
                builder.close()
            continue
        if tag == "-text":
            text = node.text_content or ""  # type: ignore[attr-defined]
            if split_lines and "\n" in text:
                pieces = text.split("\n")
                for i, piece in enumerate(pieces):
                    builder.add_text(piece, in_link, btag, hint)
                    if i < len(pieces) - 1:
                        builder.cursor += 1
                        builder.close()
            else:
                builder.add_text(text, in_link, btag, hint)
            continue
        if tag in SKIP_TAGS or tag == "-comment" or tag == "head":
            if tag == "head":
                title = tree.css_first("head title")
                if title is not None:
                    builder.close()
                    builder.add_text(title.text() or "", False, "title", "")
                    builder.close()
            continue
        if tag in BLOCK_TAGS:
            builder.close()
            btag = tag
        if tag == "br":
            continue
        child_hint = hint or _nav_hint(node, page_chars) or _caption_hint(node)
        child_link = in_link or tag == "a"
        stack.append((node, False, in_link, hint, btag))
        children = []
        child = node.child  # type: ignore[attr-defined]
        while child is not None:
            children.append(child)
            child = child.next
        for c in reversed(children):
            stack.append((c, True, child_link, child_hint, btag))
    builder.close()
    return builder.blocks, meta


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
