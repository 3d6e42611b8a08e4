"""The layout stage as a whole: normalised segments into the report's layout (:func:`arrange`)."""

from __future__ import annotations

from dataclasses import replace

from ..normalize.text import NormText
from .blocks import classify
from .document import Layout, lay_out, narrow_page, split_dateline


def arrange(norms: list[NormText], fmt: str, page_title: str | None) -> Layout:
    """Blocks cut and classified, a whole page narrowed to its article, and every block given
    its place by the document grammar; a headline with no text is no headline; the dateline
    opening the lead measured once, for every later stage."""
    blocks = classify(norms, fmt)
    if fmt == "html":
        blocks = narrow_page(blocks, page_title)
    return with_dateline(without_empty_headline(lay_out(blocks)))


def with_dateline(layout: Layout) -> Layout:
    """The layout with the length of the dateline or credit that opens its lead (``本报讯（记者 甲）``)."""
    if layout.lead_index is None:
        return layout
    return replace(layout, dateline_end=split_dateline(layout.blocks[layout.lead_index].text))


def without_empty_headline(layout: Layout) -> Layout:
    """A title block with no text once cleaned (a page title of ``###``) is not a headline: its
    blocks become boilerplate, with that reason."""
    if not layout.headline_blocks or layout.headline_text:
        return layout
    places, reasons = list(layout.places), list(layout.reasons)
    for i in layout.headline_blocks:
        places[i], reasons[i] = "boilerplate", "title without text"
    return replace(layout, places=places, reasons=reasons, headline_text=None, headline_blocks=[])
