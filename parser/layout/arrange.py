"""The layout stage as a whole: normalised segments into the report's layout (:func:`arrange`)."""

from __future__ import annotations

from dataclasses import replace

from ..normalize.text import NormText
from .blocks import classify
from .document import Layout, lay_out, narrow_page


def arrange(norms: list[NormText], fmt: str, page_title: str | None) -> Layout:
    """Blocks cut and classified, a whole page narrowed to its article, and every block given
    its place by the document grammar; a headline with no text is no headline."""
    blocks = classify(norms, fmt)
    if fmt == "html":
        narrow_page(blocks, page_title)
    return without_empty_headline(lay_out(blocks))


def without_empty_headline(layout: Layout) -> Layout:
    """A title block with no text once cleaned (a page title of ``###``) is not a headline: its
    blocks become boilerplate, with that reason."""
    if not layout.headline_blocks or layout.headline_text:
        return layout
    places, reasons = list(layout.places), list(layout.reasons)
    for i in layout.headline_blocks:
        places[i], reasons[i] = "boilerplate", "title without text"
    return replace(layout, places=places, reasons=reasons, headline_text=None, headline_blocks=[])
