"""The Report put together: the layout's headline, dateline, lead and paragraphs with the facts
the extract stage read, every span in characters of the decoded input and settled inside it."""

from __future__ import annotations

from ..extract.facts import Facts
from ..layout.blocks import Block
from ..layout.document import Layout, headline_line
from ..model import Paragraph, Report, SourceInfo, TextField, Warning
from .spans import settle_spans


def compose(layout: Layout, facts: Facts, source: SourceInfo, warnings: list[Warning]) -> Report:
    """The report of ``layout`` and ``facts``; ``warnings`` are the earlier stages'."""
    warnings = [*warnings, *layout.warnings, *facts.warnings]
    headline = _headline(layout, source.metadata)
    dateline = lead = None
    if layout.lead_index is not None:
        block = layout.blocks[layout.lead_index]
        cut = layout.dateline_end
        if cut and cut < len(block.text):
            dateline, lead = _text_field(block, 0, cut), _text_field(block, cut)
        else:
            lead = _text_field(block)
    if headline is None:
        warnings.append(Warning("no_headline", "no headline was found in the document"))
    paragraphs = _paragraphs(layout)
    fixes = settle_spans([p.span for p in paragraphs], source.length)
    if fixes:
        paragraphs, headline, lead, dateline = _settled(fixes, paragraphs, layout, headline, lead, dateline)
        warnings.append(Warning("spans_approximate", f"{len(fixes)} paragraph(s) could not be located exactly in "
                                "the input (text the HTML parser moved or changed); their spans point near where "
                                "they stood"))
    return Report(
        kind=facts.kind,  # type: ignore[arg-type]
        headline=headline,
        lead=lead,
        attendees=facts.attendees,
        directives=facts.directives,
        byline=facts.byline,
        source=source,
        groups=facts.groups,
        attendee_order=facts.attendee_order,  # type: ignore[arg-type]
        dateline=dateline,
        paragraphs=paragraphs,
        warnings=warnings,
        published=facts.published,
        event=facts.event,
    )


def _text_field(block: Block, start: int = 0, end: int | None = None) -> TextField:
    end = len(block.text) if end is None else end
    a, b = block.start + start, block.start + end
    return TextField(block.norm.shown(a, b), block.norm.span(a, b), block.norm.original_of(a, b))


def _paragraphs(layout: Layout) -> list[Paragraph]:
    """Every block as a paragraph of the report, with its place, shown text and input span."""
    out = []
    for i, b in enumerate(layout.blocks):
        end = b.start + len(b.text)
        place = layout.places[i]
        span = b.norm.span(b.start, end) if end > b.start else b.span
        out.append(Paragraph(place, b.norm.shown(b.start, end), span,  # type: ignore[arg-type]
                             layout.reasons[i] if place == "boilerplate" else None))
    return out


def _settled(fixes: dict[int, tuple[int, int]], paragraphs: list[Paragraph], layout: Layout,
             headline: TextField | None, lead: TextField | None, dateline: TextField | None
             ) -> tuple[list[Paragraph], TextField | None, TextField | None, TextField | None]:
    """The paragraphs and fields with the spans ``settle_spans`` moved (hostile HTML only)."""
    paragraphs = [Paragraph(p.place, p.text, fixes.get(i, p.span), p.reason) for i, p in enumerate(paragraphs)]
    if layout.lead_index in fixes:
        span = fixes[layout.lead_index]
        lead = TextField(lead.text, span, lead.text_original) if lead else None
        dateline = TextField(dateline.text, span, dateline.text_original) if dateline else None
    if headline is not None and any(i in fixes for i in layout.headline_blocks):
        spans = [paragraphs[i].span for i in layout.headline_blocks]
        headline = TextField(headline.text, (min(a for a, _ in spans), max(b for _, b in spans)),
                             headline.text_original)
    return paragraphs, headline, lead, dateline


def _headline(layout: Layout, meta: dict[str, str]) -> TextField | None:
    blocks = layout.blocks
    if not layout.headline_blocks or not layout.headline_text:
        return None
    first, last = blocks[layout.headline_blocks[0]], blocks[layout.headline_blocks[-1]]
    text = layout.headline_text
    if first.norm.hint == "front matter" and "title" in meta:
        text = meta["title"]
    span = (first.span[0], last.span[1])
    if span[1] < span[0]:  # headline blocks out of input order (moved HTML text): cover them all
        span = (min(blocks[i].span[0] for i in layout.headline_blocks),
                max(blocks[i].span[1] for i in layout.headline_blocks))
    as_written = " ".join(headline_line(b, b.norm.original[b.start : b.start + len(b.text)])
                          for b in (blocks[i] for i in layout.headline_blocks))
    if first.norm.show_original:
        return TextField(as_written if text == layout.headline_text else text, span)
    return TextField(text, span, as_written if as_written != layout.headline_text else None)
