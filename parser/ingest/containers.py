"""Container formats: decide text / markdown / HTML by content and cut each into segments.

The file extension is not trusted (crawlers save HTML as .txt and markdown as .html); the
first kilobytes say what the container is. Metadata a container carries (YAML front matter,
``<title>``, ``<meta>``) is returned beside the segments so the headline can prefer it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from .. import patterns
from ..model import Warning
from .segments import Segment, identity, segment_of

_FRONT_MATTER = patterns.compile(r"\A\ufeff?\s{0,200}?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", regex.S)
_HTML_DOC = patterns.compile(
    r"(?i)\A\s{0,2000}?(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<!doctype html|<head\b|<meta\b|<body\b)"
)
# (inline styles pasted from word processors run to a few thousand characters)
_HTML_TAGS = patterns.compile(r"(?i)<(?:p|div|br|span|h[1-6]|table|li|a|strong|img|section|article)\b[^>]{0,4000}>")
_MD_HEADING = patterns.compile(r"(?m)^#{1,6}[ \t]+\S")
# The container is judged on the first 20,000 characters: a page's head and opening body.
FORMAT_SNIFF_CHARS = 20_000
# Three HTML tags make a fragment HTML; one or two are markup quoted in a text.
MIN_HTML_TAGS = 3
_LINE = patterns.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# line boundaries of str.splitlines that _LINE does not break at
_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


@dataclass
class Container:
    """The segments of a document and what its container said about it."""

    format: str
    segments: list[Segment]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)


def detect_format(text: str) -> str:
    """``html``, ``markdown`` or ``text``, judged from the content."""
    head = text[:FORMAT_SNIFF_CHARS]
    if _FRONT_MATTER.match(head):
        return "markdown"
    if _HTML_DOC.match(head):
        return "html"
    tags = len(_HTML_TAGS.findall(head))
    if _MD_HEADING.search(head):
        return "markdown"
    if tags >= MIN_HTML_TAGS:
        return "html"
    return "text"


def line_segments(text: str, base: int = 0, tag: str = "line") -> list[Segment]:
    """One segment per non-blank line, copied verbatim.

    At C speed where it can be: str.splitlines breaks at CR LF, CR and LF as _LINE does (the
    empty match at the end is a blank line either way), and at other boundaries (_OTHER_BREAKS)
    too; each of those ends a piece, so when every piece but the last ends in CR or LF, the pieces
    are _LINE's matches. Each line's offsets are a slice of one identity array."""
    ident = identity(base, base + len(text) + 1)
    out = []
    pos = 0
    pieces = text.splitlines(keepends=True)
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        line = piece.rstrip("\r\n")
        if len(line) == len(piece) and i != last:  # a break _LINE does not know: let it cut the lines
            return _regex_lines(text, base, tag)
        if line and not line.isspace():  # (line.strip(), without the copy)
            out.append(Segment(line, ident[pos:pos + len(line) + 1], tag))
        pos += len(piece)
    return out


def _regex_lines(text: str, base: int = 0, tag: str = "line") -> list[Segment]:
    """``line_segments`` by _LINE, for text holding a boundary only str.splitlines breaks at."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group().rstrip("\r\n")
        if line.strip():
            out.append(segment_of(line, base + m.start(), tag=tag))
        if m.end() >= len(text):
            break
    return out


def read_container(text: str) -> Container:
    """Cut decoded text into segments according to its container format."""
    if not text.strip():
        what = "is empty" if not text else "holds only whitespace"
        return Container("text", [], {}, [Warning("empty", f"the input {what}: there is nothing to parse")])
    fmt = detect_format(text)
    if fmt == "html":
        from .html_blocks import html_segments  # loaded for pages only: plain text never compiles its patterns

        warnings: list[Warning] = []
        segments, meta = html_segments(text, warnings=warnings)
        return Container("html", segments, meta, warnings)
    if fmt == "markdown":
        return _markdown(text)
    return Container("text", line_segments(text))


def _markdown(text: str) -> Container:
    meta: dict[str, str] = {}
    warnings: list[Warning] = []
    segments: list[Segment] = []
    body_start = 0
    m = _FRONT_MATTER.match(text)
    if m:
        body_start = m.end()
        fm_lines = line_segments(text[: m.end()], 0, tag="front-matter")
        for seg in fm_lines:
            seg.hint = "front matter"
        segments.extend(fm_lines)
        meta.update(_front_matter(m.group(1), m.start(1), warnings, segments))
    body = text[body_start:]
    if _HTML_TAGS.search(body):
        from .html_blocks import html_segments

        blocks, _ = html_segments(body, body_start, split_lines=True, warnings=warnings)
        for b in blocks:
            if b.tag in ("", "body", "html"):
                b.tag = "line"
        segments.extend(blocks)
    else:
        segments.extend(line_segments(body, body_start))
    for seg in segments:
        hm = regex.match(r"(#{1,6})[ \t]+", seg.text)
        if hm and seg.tag in ("line", "p", "div"):
            seg.tag = f"md-h{len(hm.group(1))}"
    return Container("markdown", segments, meta, warnings)


# a top-level ``key: value`` line of front matter with a plain scalar value (not a flow or block
# collection, an anchor, alias or tag), unquoted when quoted as a whole
@cache
def _front_matter_line() -> regex.Pattern[str]:
    """Compiled when a document with front matter first needs it."""
    return patterns.compile(
        r"""^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(?![\[{|>&*!])(?|"([^"\n]*)"|'([^'\n]*)'|([^\n]*?))[ \t]*$""",
        regex.MULTILINE)


def _front_matter_lines(yaml_text: str) -> dict[str, str]:
    """The plain ``key: value`` lines of a front matter YAML refused, first value of a key kept."""
    out: dict[str, str] = {}
    for m in _front_matter_line().finditer(yaml_text):
        out.setdefault(m.group(1), m.group(2))
    return out


def _front_matter(yaml_text: str, start: int, warnings: list[Warning], segments: list[Segment]) -> dict[str, str]:
    """Scalar fields of YAML front matter as strings; a broken block is a warning, not an error."""
    import yaml

    try:
        # the LibYAML loader when PyYAML has it: the same safe constructors, five times faster
        data = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        # YAML that Python cannot build (date: 2024-02-30, a 5,000-digit number, an unknown tag):
        # every value read as plain text instead of losing the front matter, with a warning
        try:
            data = yaml.load(yaml_text, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            data = None
        if isinstance(data, dict):
            warnings.append(Warning("front_matter", f"a value in the YAML front matter could not be read "
                                    f"({str(exc)[:80]}); the values were read as plain text"))
        else:
            # YAML refuses the block as a whole (a nesting too deep, a broken flow): its plain
            # ``key: value`` lines still give the title and date a reader sees
            data = _front_matter_lines(yaml_text)
            warnings.append(Warning("front_matter", f"the YAML front matter could not be read "
                                    f"({str(exc)[:80]}); only its plain `key: value` lines were used"))
    if not isinstance(data, dict):
        return {}
    out: dict[str, str] = {}
    for key, val in data.items():
        if isinstance(val, (str, int, float)) or val is None:
            sval = "" if val is None else str(val).strip()
            if sval:
                out[str(key).lower()] = sval
        elif hasattr(val, "isoformat"):
            out[str(key).lower()] = val.isoformat()
    # mark the segment holding the title so the headline can carry its span
    for seg in segments:
        if seg.tag == "front-matter" and regex.match(r"\s*title\s*:", seg.text):
            seg.meta = {"field": "title"}
    return out
