"""The laid-out report as passages: each paragraph's text, its place, and how to map back.

``published`` and ``event`` read the report's words, not its blocks: a passage is one
paragraph's normalised text with its place in the layout (headline, dateline, lead, body or
aside) and the means to turn a position in its text into a span of the input and into the
text the output shows (simplified, or as written with ``--keep-script``). The lead's opening
dateline (``新华社北京3月5日电``) is a passage of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from ..layout.blocks import Block
from ..layout.document import Layout
from ..model import Span

PassagePlace = Literal["headline", "dateline", "lead", "body", "aside"]


@dataclass(frozen=True)
class Passage:
    """One paragraph of the report (or the dateline opening the lead) as text."""

    text: str
    place: PassagePlace
    cls: str  # the block's class (META, NOTE, CAPTION …); "BODY" for plain text
    before_lead: bool  # stands before the lead paragraph (a page's info bar, a speech's date line)
    span_of: Callable[[int, int], Span]  # [start, end) in text → span of the decoded input
    shown_of: Callable[[int, int], str]  # [start, end) in text → the text as the output shows it

    @classmethod
    def plain(cls, text: str, place: PassagePlace = "lead", *, base: int = 0, block_cls: str = "BODY",
              before_lead: bool = False) -> Passage:
        """A passage of ``text`` that stands at ``base`` in its input unchanged (for tests and callers
        without a layout)."""
        return cls(text, place, block_cls, before_lead, lambda a, b: (base + a, base + b), lambda a, b: text[a:b])


def _span(block: Block, offset: int, length: int, start: int, end: int) -> Span:
    """The input span of ``[start, end)`` in the passage, kept inside ``[0, length]`` (on hostile HTML
    the tree builder may move text so that offsets point past the input)."""
    a, b = block.norm.span(block.start + offset + start, block.start + offset + end)
    a = min(max(a, 0), length)
    return a, min(max(b, a), length)


def _shown(block: Block, offset: int, start: int, end: int) -> str:
    return block.norm.shown(block.start + offset + start, block.start + offset + end)


def _passage(block: Block, place: PassagePlace, before_lead: bool, length: int, offset: int = 0,
             end: int | None = None) -> Passage:
    text = block.text[offset:end]
    return Passage(text, place, block.cls, before_lead, partial(_span, block, offset, length),
                   partial(_shown, block, offset))


def passages_of(layout: Layout, length: int) -> list[Passage]:
    """Every block of the layout as a passage, in input order; the lead's dateline cut off.
    ``length`` is the input's, which every span stays inside."""
    out: list[Passage] = []
    lead = layout.lead_index
    for i, (block, place) in enumerate(zip(layout.blocks, layout.places, strict=True)):
        before = lead is None or i < lead
        if i == lead:
            cut = layout.dateline_end
            if 0 < cut:
                out.append(_passage(block, "dateline", False, length, 0, cut))
            out.append(_passage(block, "lead", False, length, min(cut, len(block.text))))
        elif place in ("headline", "body"):
            out.append(_passage(block, place, before, length))  # type: ignore[arg-type]
        else:
            out.append(_passage(block, "aside", before, length))
    return out
