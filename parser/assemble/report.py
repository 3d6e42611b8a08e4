"""The pipeline: bytes → text → segments → normalised blocks → layout → Report.

Each stage lives in its own module; this one only wires them together and turns positions
in normalised text into spans of the decoded input.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from ..errors import InputError
from ..extract import attendance as att
from ..extract.directive_tree import build_tree
from ..extract.directives import Item, find_all_candidates, flatten
from ..extract.kind import classify_kind
from ..extract.roster import Mention, parse_roster
from ..ingest.containers import read_container
from ..ingest.decode import decode_bytes
from ..layout.blocks import Block, classify, clean_title
from ..layout.document import Layout, count_items, lay_out, narrow_page, split_dateline
from ..model import (
    Attendee,
    Credit,
    Directive,
    Group,
    Paragraph,
    Report,
    SourceInfo,
    TextField,
    Warning,
)
from ..normalize.text import normalize_segments
from ..vocabulary.credits import CreditHit, find_credits
from ..vocabulary.names import split_title_name
from .spans import settle_spans

DEFAULT_MAX_BYTES = 20_000_000
# Counted with str.count: no word's first character stands anywhere else in a word, so their
# occurrences never overlap and the counts add up to what ``findall`` of their alternation gave.
_FIRST_PERSON = ("我们", "我代表", "大家要", "同志们")
# a news report dates its event in the opening: 5月13日, 13日, 日前, 近日, 昨天 …
_NEWS_DATE = regex.compile(
    r"\d{1,2}月\d{1,2}日|[0-9一二三四五六七八九十]{1,3}日|日前|近日|昨天|今天|前不久|连日来|记者从"
)
# Where a report turns to the meeting's words (会议强调). The subject is required: the cues once
# came from ``(?P<who>…)?(?:verbs)`` keeping only matches with a subject, which finds the same
# ones, since a bare verb match (no 会 or 全 in any verb) never covers the start of a subject.
_SPEECH_CUE = regex.compile(r"(?:会议|会议上|全会|会上)(?:强调|指出|要求|表示|认为|提出|决定|部署)")


def parse_input(
    data: str | bytes,
    *,
    path: str | None = None,
    keep_script: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Parse one document; raises InputError only for input that is not a text report at all."""
    warnings: list[Warning] = []
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise InputError("too_large", f"the input has {len(data):,} bytes, above the limit of {max_bytes:,}")
        decoded = decode_bytes(data)
        text, encoding = decoded.text, decoded.encoding
        warnings.extend(decoded.warnings)
    else:
        if len(data) > max_bytes:
            raise InputError("too_large", f"the input has {len(data):,} characters, above the limit of {max_bytes:,}")
        text, encoding = data, "unicode"
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep offsets: the BOM position becomes a space that is stripped
    container = read_container(text)
    warnings.extend(container.warnings)
    norms, stats = normalize_segments(container.segments, keep_script=keep_script)
    blocks = classify(norms, container.format)
    if container.format == "html":
        narrow_page(blocks, container.metadata.get("title"))
    layout = lay_out(blocks)
    source = SourceInfo(
        path=path,
        format=container.format,
        encoding=encoding,
        script="traditional" if stats.converted else "simplified",
        glosses_removed=stats.glosses_removed,
        converted_to_simplified=stats.converted and not keep_script,
        length=len(text),
        metadata=container.metadata,
    )
    return _build(layout, container.metadata, source, warnings)


def _text_field(block: Block, start: int = 0, end: int | None = None) -> TextField:
    end = len(block.text) if end is None else end
    a, b = block.start + start, block.start + end
    return TextField(block.norm.shown(a, b), block.norm.span(a, b), block.norm.original_of(a, b))


def _build(layout: Layout, meta: dict[str, str], source: SourceInfo, warnings: list[Warning]) -> Report:
    blocks = layout.blocks
    headline = _headline(layout, meta)
    if headline is None and layout.headline_blocks:
        # a title block with no text once cleaned (a page title of "###"): not a headline
        for i in layout.headline_blocks:
            layout.places[i], layout.reasons[i] = "boilerplate", "title without text"
        layout.headline_blocks = []
    dateline = lead = None
    if layout.lead_index is not None:
        lb = blocks[layout.lead_index]
        cut = split_dateline(lb.text)
        if cut and cut < len(lb.text):
            dateline = _text_field(lb, 0, cut)
            lead = _text_field(lb, cut)
        else:
            lead = _text_field(lb)
    body = [i for i, p in enumerate(layout.places) if p in ("lead", "body")]

    # attendance over headline and body, in document order
    paragraphs = [(i, blocks[i].text) for i in layout.headline_blocks] + [(i, blocks[i].text) for i in body]
    budget = att.Budget.for_length(source.length)
    mentions, stroke = att.collect(paragraphs, frozenset(layout.headline_blocks), budget)
    attendees, groups = _attendees(mentions, blocks, body, budget)
    if budget.clipped:
        warnings.append(Warning("long_clause", f"{budget.clipped} clause(s) before a role verb were longer than "
                                f"{att.MAX_CLAUSE:,} characters; only the last {att.MAX_CLAUSE:,} characters of "
                                "each were searched for attendees"))
    if budget.exhausted:
        warnings.append(Warning("attendance_limit", "the search for attendees reached its work limit on this "
                                "document (very long lists or unusual text); attendees named later may be missing"))
    if budget.scan_exhausted:
        warnings.append(Warning("titles_limit", "the search for the titles of attendees named without one reached "
                                "its work limit (thousands of names); some attendees may lack titles"))
    salutation = layout.lead_index is not None and blocks[layout.lead_index].cls == "SALUTATION"
    # one count per word over the opening paragraphs joined by a newline, which no word holds, so
    # no occurrence spans two paragraphs: the sum of the counts per paragraph
    opening = "\n".join([blocks[i].text for i in body[:30]])
    first_person = sum(opening.count(word) for word in _FIRST_PERSON)
    roles: set[str] = {r for a in attendees for r in a.roles}
    closing = " ".join(blocks[i].text for i in body[-2:])
    items = count_items(layout)
    kind = classify_kind(layout.headline_text, lead.text if lead else None, salutation, roles, first_person,
                         closing, items)
    if items >= 3:
        warnings.append(Warning("many_items", f"the document holds {items} separate news items (a day's "
                                "programme or page), not one report; it is parsed as one document of kind other"))
    if kind == "speech":
        _add_speaker(layout, attendees)
    elif kind == "other":
        # people quoted in ordinary news were not present at a meeting (ANNOTATION.md, attendees)
        attendees, groups = [], []

    directives = _directives(blocks, body, mentions, attendees if kind == "speech" else [])
    byline = _byline(layout, body, kind)
    if stroke:
        warnings.append(Warning("stroke_order", "the attendee list is in stroke order of surnames "
                                "(以姓氏笔画为序), not in order of rank"))
    warnings.extend(layout.warnings)
    if headline is None:
        warnings.append(Warning("no_headline", "no headline was found in the document"))
    paragraphs_out = _paragraphs(layout)
    _settle_paragraphs(paragraphs_out, layout, source.length, headline, lead, dateline, warnings)
    return Report(
        kind=kind,  # type: ignore[arg-type]
        headline=headline,
        lead=lead,
        attendees=attendees,
        directives=directives,
        byline=byline,
        source=source,
        groups=groups,
        attendee_order="stroke_order" if stroke else "as_written",
        dateline=dateline,
        paragraphs=paragraphs_out,
        warnings=warnings,
    )


def _paragraphs(layout: Layout) -> list[Paragraph]:
    """Every block as a paragraph of the report, with its place, shown text and input span."""
    out = []
    places, reasons = layout.places, layout.reasons
    for i, b in enumerate(layout.blocks):
        norm, start = b.norm, b.start
        end = start + len(b.text)
        text = norm.text
        # the common case of NormText.span (a non-empty slice inside the text), without its clamps
        span = (norm.offsets[start], norm.offsets[end - 1] + 1) if 0 <= start < end <= len(text) else b.span
        place = places[i]
        out.append(Paragraph(place, norm.original[start:end] if norm.show_original else text[start:end],  # type: ignore[arg-type]
                             span, reasons[i] if place == "boilerplate" else None))
    return out


def _settle_paragraphs(paragraphs: list[Paragraph], layout: Layout, length: int, headline: TextField | None,
                       lead: TextField | None, dateline: TextField | None, warnings: list[Warning]) -> None:
    """Paragraph spans inside the input and never overlapping, whatever the HTML tree builder did
    (parser/spans.py); exact spans, as on every real page, are left alone."""
    fixes = settle_spans([p.span for p in paragraphs], length)
    if not fixes:
        return
    for i, span in fixes.items():
        paragraphs[i].span = span
    if layout.lead_index in fixes:
        for field in (lead, dateline):
            if field is not None:
                field.span = fixes[layout.lead_index]
    if headline is not None and any(i in fixes for i in layout.headline_blocks):
        spans = [paragraphs[i].span for i in layout.headline_blocks]
        headline.span = (min(a for a, _ in spans), max(b for _, b in spans))
    warnings.append(Warning("spans_approximate", f"{len(fixes)} paragraph(s) could not be located exactly in the "
                            "input (text the HTML parser moved or changed); their spans point near where they stood"))


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
    as_written = " ".join(clean_title(blocks[i].norm.original[blocks[i].start: blocks[i].start + len(blocks[i].text)])
                          for i in layout.headline_blocks)
    if first.norm.show_original:
        return TextField(as_written if text == layout.headline_text else text, span)
    return TextField(text, span, as_written if as_written != layout.headline_text else None)


def _attendees(
    mentions: list[tuple[int, Mention]], blocks: list[Block], body: list[int], budget: att.Budget | None = None
) -> tuple[list[Attendee], list[Group]]:
    people: dict[str, Attendee] = {}
    groups: list[Group] = []
    for idx, m in mentions:
        b = blocks[idx]
        if not m.name:
            if m.label and not any(g.label == m.label for g in groups):
                span = b.norm.span(b.start + m.start, b.start + m.end)
                groups.append(Group(m.label, list(m.roles), span))  # type: ignore[arg-type]
            continue
        span = b.norm.span(b.start + m.start, b.start + m.end)
        a = people.get(m.name)
        if a is None:
            a = Attendee(b.norm.shown(b.start + m.start, b.start + m.end), list(m.titles), [], span,
                         b.norm.original_of(b.start + m.start, b.start + m.end))
            people[m.name] = a
        elif not a.titles and m.titles:
            a.titles = list(m.titles)
        for r in m.roles:
            if r not in a.roles:
                a.roles.append(r)  # type: ignore[arg-type]
    _titles_from_other_mentions(people, blocks, body, budget)
    return list(people.values()), groups


_CLAUSE_START = regex.compile(r"[，。；：！？“”（）\s]")


def _titles_from_other_mentions(people: dict[str, Attendee], blocks: list[Block], body: list[int],
                                budget: att.Budget | None = None) -> None:
    """An attendee first named bare gets the title chain of a later titled mention.

    ``budget`` bounds the scanning and parsing (thousands of bare names in a huge document)."""
    missing = [a for a in people.values() if not a.titles]
    if not missing:
        return
    for a in missing:
        for i in body:
            text = blocks[i].text
            if budget is not None and not budget.take_scan(len(text)):
                return
            pos = text.find(a.name)
            while pos > 0 and not a.titles:
                window = max(0, pos - 60)
                cut = max((m.end() for m in _CLAUSE_START.finditer(text, window, pos)), default=window)
                chain = text[cut : pos + len(a.name)]
                if budget is not None and not budget.take(len(chain)):
                    return
                roster = parse_roster(chain, 0)
                if roster:
                    named = [m for m in roster if m.name == a.name]
                    if named and named[0].titles:
                        a.titles = list(named[0].titles)
                pos = text.find(a.name, pos + 1)
            if a.titles:
                break


def _add_speaker(layout: Layout, attendees: list[Attendee]) -> None:
    """The named speaker of a transcript: a short name line near the title."""
    blocks = layout.blocks
    start = layout.headline_blocks[-1] + 1 if layout.headline_blocks else 0
    end = layout.lead_index if layout.lead_index is not None else len(blocks)
    for i in range(start, min(end, start + 8)):
        text = regex.sub(r"\s+", "", blocks[i].text)
        if len(text) > 24:
            continue
        split = split_title_name(text)
        if split and split[1]:
            title, name = split
            for a in attendees:
                if a.name == name:
                    if "spoke" not in a.roles:
                        a.roles.append("spoke")
                    return
            b = blocks[i]
            at = b.text.find(name[0])
            attendees.insert(0, Attendee(name, [title] if title else [], ["spoke"],
                                         b.norm.span(b.start + at, b.start + at + len(name))))
            return


def _directives(
    blocks: list[Block], body: list[int], mentions: list[tuple[int, Mention]], speakers: list[Attendee]
) -> list[Directive]:
    cands = find_all_candidates([(i, blocks[i].text) for i in body])
    roots = build_tree(cands)
    if not roots:  # most reports: no items, and the speaker cues (no side effects) would go unused
        return []
    accepted = flatten(roots)
    # item text runs to the next accepted marker in the same paragraph, or the paragraph end
    by_block: dict[int, list[Item]] = {}
    for it in accepted:
        by_block.setdefault(it.cand.block, []).append(it)
    for items in by_block.values():
        items.sort(key=lambda it: it.cand.start)
        for a, b in zip(items, [*items[1:], None], strict=True):
            a.text_end = b.cand.start if b else len(blocks[a.cand.block].text)
    cues = _speaker_cues(blocks, body, mentions)
    default = speakers[0].name if speakers else None
    keys = [(b, p) for b, p, _ in cues]
    ordered = keys == sorted(keys)  # if not, walk the cues as before
    for it in accepted:
        it.speaker = _speaker_at(cues, it.cand.block, it.cand.start, default, keys if ordered else None)
    return [_to_directive(it, blocks, 1) for it in roots]


def _speaker_cues(
    blocks: list[Block], body: list[int], mentions: list[tuple[int, Mention]]
) -> list[tuple[int, int, str | None]]:
    """(block, position, speaker) where a report turns to someone's words; None for 会议强调."""
    cues: list[tuple[int, int, str | None]] = []
    for idx, m in mentions:
        if m.name and "spoke" in m.roles:
            cues.append((idx, m.start, m.name))
    for i in body:
        text = blocks[i].text
        if "会" in text:  # in every subject: most paragraphs need no search
            for sm in _SPEECH_CUE.finditer(text):
                cues.append((i, sm.start(), None))
    order = {b: k for k, b in enumerate(body)}
    cues.sort(key=lambda c: (order.get(c[0], -1), c[1]))
    return cues


def _speaker_at(cues: list[tuple[int, int, str | None]], block: int, pos: int, default: str | None,
                keys: list[tuple[int, int]] | None = None) -> str | None:
    """The speaker at (block, pos): the last cue at or before it. ``keys``, the cues' (block,
    position) when they are in that order, makes this a binary search (a loop over every cue
    for every item was quadratic on pages of thousands of items)."""
    if keys is not None:
        k = bisect_right(keys, (block, pos))
        if k == 0:
            return default
        who = cues[k - 1][2]
        return who if who is not None or default is None else default
    speaker = default
    for b, p, who in cues:
        if (b, p) > (block, pos) and b >= block:
            break
        if b < block or (b == block and p <= pos):
            speaker = who if who is not None or default is None else default
    return speaker


def _to_directive(it: Item, blocks: list[Block], level: int) -> Directive:
    b = blocks[it.cand.block]
    start, end = it.cand.text_start, max(it.text_end, it.cand.text_start)
    text = b.norm.shown(b.start + start, b.start + end).strip()
    span = b.norm.span(b.start + it.cand.start, b.start + max(end, it.cand.start + 1))
    return Directive(level, it.cand.ordinal, it.cand.marker, text, span, it.speaker,
                     [_to_directive(c, blocks, level + 1) for c in it.children])


def _byline(layout: Layout, body: list[int], kind: str = "meeting_report") -> list[Credit]:
    """Credits wherever they stand: credit lines, captions, info bars, the opening and closing
    of the body, and labelled credits (``责任编辑：甲``) in the page's footer after the article.
    A bare ``（甲）`` closing a commentary (no dateline, not a report) credits its author."""
    blocks = layout.blocks
    out: list[Credit] = []
    seen: set[tuple[str, str]] = set()
    last_body = body[-1] if body else -1
    lead = layout.lead_index
    dated = lead is not None and (split_dateline(blocks[lead].text) > 0
                                  or bool(_NEWS_DATE.search(blocks[lead].text[:120])))
    bare_role = "author" if kind == "other" and not dated else "reporter"
    for i, b in enumerate(blocks):
        place = layout.places[i]
        if place == "byline" or b.cls in ("CREDIT", "CAPTION") or (place == "boilerplate" and b.cls == "META"):
            hits = find_credits(b.text, closing=True, bare_role=bare_role)
        elif place in ("lead", "body"):
            hits = [h for h in find_credits(b.text, closing=i == last_body, bare_role=bare_role)
                    if h.start < 40 or h.end > len(b.text) - 24]
        elif place == "boilerplate" and lead is not None and i > last_body >= 0:
            # the page after the article: labelled credits, and a bare closing bracket in the
            # short paragraphs right after the last one kept as body
            near = i - last_body <= 2 and len(b.text) < 200
            hits = [h for h in find_credits(b.text, closing=near, bare_role=bare_role)
                    if h.label or (near and h.end > len(b.text) - 24)]
        else:
            continue
        for h in hits:
            _add_credit(out, seen, b, h)
    return out


def _add_credit(out: list[Credit], seen: set[tuple[str, str]], b: Block, h: CreditHit) -> None:
    key = (h.role, h.name)
    if key in seen:
        return
    seen.add(key)
    a, z = b.start + h.start, b.start + h.end
    out.append(Credit(h.role, b.norm.shown(a, z), b.norm.span(a, z), b.norm.original_of(a, z)))  # type: ignore[arg-type]
