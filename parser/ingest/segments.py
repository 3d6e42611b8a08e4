"""Raw text segments: a run of text, where each of its characters stands in the input.

Every container (plain text, markdown, HTML) is reduced to a list of segments before any
analysis, so spans can always be mapped back to characters of the decoded input even when
the text went through entity decoding, gloss removal or script conversion.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

# Hints a container gives a segment (``Segment.hint``) that the layout reads
AFTER_IMAGE = "after image"  # text printed under an image in the same block element
TITLE_HINT = "title"  # an element whose class or id names a title (news_title, js-title)


@dataclass(slots=True)  # slots: one is built for every line or block of every input
class Segment:
    """A paragraph candidate: its text and, per character, the input offset it came from.

    ``offsets`` has one entry per character of ``text`` plus one for the end, so the span of
    ``text[a:b]`` in the input is ``(offsets[a], offsets[b - 1] + 1)``.
    """

    text: str
    offsets: array
    tag: str = ""  # block element or markdown construct it came from: p, h1, title, li, md-h2 …
    link_chars: int = 0  # characters inside links: high in navigation and related lists
    hint: str = ""  # boilerplate hint from the container: nav, footer, front-matter, comment …
    meta: dict[str, str] = field(default_factory=dict)

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Input span of ``text[start:end]``."""
        n = len(self.text)
        end = n if end is None else end
        if n == 0:
            return (self.offsets[0], self.offsets[0]) if len(self.offsets) else (0, 0)
        start = max(0, min(start, n - 1))
        end = max(start + 1, min(end, n))
        return (int(self.offsets[start]), int(self.offsets[end - 1]) + 1)

    def slice(self, start: int, end: int) -> Segment:
        """The sub-segment ``text[start:end]`` with its offsets."""
        off = self.offsets[start:end]
        off.append(self.offsets[end - 1] + 1 if end > start else self.offsets[start])
        return Segment(self.text[start:end], off, self.tag, 0, self.hint, self.meta)


_IDENTITY = array("l")
_IDENTITY_MAX = 1 << 22  # a huge input gets a table of its own, not kept


def identity_table(end: int) -> array:
    """An array holding ``0, 1, 2 …`` at least up to ``end - 1``: runs of offsets are copied out of it
    by slicing (a memcpy instead of a Python-level loop over every character). Shared, never to be
    modified; grown by doubling, so its cost is amortised over every container that uses it."""
    global _IDENTITY
    if end > len(_IDENTITY):
        if end > _IDENTITY_MAX:
            return array("l", range(end))
        _IDENTITY = array("l", range(max(end, 2 * len(_IDENTITY), 1 << 16)))
    return _IDENTITY


def identity(start: int, end: int) -> array:
    """``array("l", range(start, end))`` as a copy of a slice of the shared identity table."""
    if end > _IDENTITY_MAX:  # not a table that long for a short run
        return array("l", range(start, end))
    return identity_table(end)[start:end]


def identity_offsets(start: int, length: int) -> array:
    """Offsets of text copied verbatim from ``input[start:start + length]``."""
    return identity(start, start + length + 1)


def segment_of(text: str, start: int, **kw: str) -> Segment:
    """A segment copied verbatim from the input at ``start``."""
    return Segment(text, identity_offsets(start, len(text)), **kw)  # type: ignore[arg-type]
