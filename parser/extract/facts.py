"""The extract stage as a whole: every fact of a report read off its layout (:func:`extract_facts`).

The extractors each have their module (attendance and roster, speaker, presence, directives,
credits, published, event, kind); this one runs them in order over the layout and turns their
positions in normalised text into spans of the decoded input.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .. import patterns
from ..layout.blocks import Block
from ..layout.document import Layout, count_items
from ..model import Attendee, Credit, Directive, Event, Group, Published, Warning
from ..vocabulary.credits import CreditHit, find_credits, opens_as_news
from . import attendance as att
from .directive_grammar import read_tree
from .directives import Item, find_all_candidates, flatten, meeting_voice
from .event import read_event
from .kind import PRESENCE_ROLES, Evidence, classify_kind, count_cue, is_speech_title
from .passages import passages_of
from .presence import opening_paragraphs, present_mentions
from .published import read_published
from .roster import Mention, parse_roster
from .speaker import Speaker, find_speakers

# Three dated items or more make a page of news items (a day's programme), not one report.
MANY_ITEMS = 3
# A bare name's title chain is read back from a titled mention at most this far (市人大常委会副主任
# and the like, with a place before them); further back is another clause.
TITLE_CHAIN_REACH = 60
# First-person words are counted over this many body paragraphs: a speech speaks so from its start,
# and a long report is not read to its end for them.
FIRST_PERSON_PARAGRAPHS = 30
# The closing of the body, which the kind reads for a note naming a speech: its last paragraphs.
CLOSING_PARAGRAPHS = 2
# A credit in a body paragraph opens it within this many characters (（记者 甲）…) or closes it
# within CREDIT_AT_END ((甲 乙)); one in the middle of a paragraph is a person the report names.
CREDIT_AT_START = 40
CREDIT_AT_END = 24
# After the article, the short paragraphs (under CLOSING_NOTE_MAX characters) within this many
# blocks of the last body paragraph may close it with a bare credit (（甲）).
CLOSING_NOTE_REACH = 2
CLOSING_NOTE_MAX = 200


@dataclass
class Facts:
    """What the extract stage reads off a report's layout."""

    kind: str
    attendees: list[Attendee]
    groups: list[Group]
    attendee_order: str  # ``as_written`` or ``stroke_order``
    directives: list[Directive]
    byline: list[Credit]
    published: Published | None
    event: Event
    warnings: list[Warning] = field(default_factory=list)


def lead_text(layout: Layout) -> str | None:
    """The lead paragraph's text after a dateline that opens it, or None without a lead."""
    if layout.lead_index is None:
        return None
    text = layout.blocks[layout.lead_index].text
    cut = layout.dateline_end
    return text[cut:] if cut and cut < len(text) else text


def extract_facts(layout: Layout, length: int, meta: dict[str, str], fmt: str) -> Facts:
    """Every fact of the report, the same whatever its kind: attendees (with the transcript's
    speakers), directives, credits, publication date and event; then the kind, as a label
    weighed from its own evidence. ``length`` is the input's, ``meta`` and ``fmt`` the container's."""
    blocks = layout.blocks
    warnings: list[Warning] = []
    lead = lead_text(layout)
    body = [i for i, p in enumerate(layout.places) if p in ("lead", "body")]

    # attendance over headline and body, in document order
    paragraphs = [(i, blocks[i].text) for i in layout.headline_blocks] + [(i, blocks[i].text) for i in body]
    budget = att.Budget.for_length(length)
    mentions, stroke = att.collect(paragraphs, frozenset(layout.headline_blocks), budget)
    speech_title = _speech_title(layout)
    salutation = layout.lead_index is not None and blocks[layout.lead_index].cls == "SALUTATION"
    mentions = present_mentions(mentions, layout, lead, speech_title or salutation)
    attendees, groups = _attendees(mentions, blocks, body, budget)
    warnings.extend(budget.warnings())
    speakers = find_speakers(blocks, layout.headline_blocks, layout.lead_index, body, speech_title or salutation)
    attendees = _with_speakers(attendees, speakers, blocks)
    items = count_items(layout)
    kind = classify_kind(_kind_evidence(layout, body, lead, mentions, attendees, speakers, speech_title,
                                        salutation, items))
    if items >= MANY_ITEMS:
        warnings.append(Warning("many_items", f"the document holds {items} separate news items (a day's "
                                "programme or page), not one report; it is parsed as one document"))
    if stroke:
        warnings.append(Warning("stroke_order", "the attendee list is in stroke order of surnames "
                                "(以姓氏笔画为序), not in order of rank"))
    passages = passages_of(layout, length)
    published = read_published(passages, meta, fmt)
    return Facts(
        kind=kind,
        attendees=attendees,
        groups=groups,
        attendee_order="stroke_order" if stroke else "as_written",
        directives=_directives(blocks, body, mentions, speakers[0].name if speakers else None),
        byline=_byline(layout, body, kind),
        published=published,
        event=read_event(passages, published, kind),
        warnings=warnings,
    )


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


_CLAUSE_START = patterns.compile(r"[，。；：！？“”（）\s]")


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
            if budget is not None and not budget.scan.take(len(text)):
                return
            pos = text.find(a.name)
            while pos > 0 and not a.titles:
                window = max(0, pos - TITLE_CHAIN_REACH)
                cut = max((m.end() for m in _CLAUSE_START.finditer(text, window, pos)), default=window)
                chain = text[cut : pos + len(a.name)]
                if budget is not None and not budget.parse.take(len(chain)):
                    return
                roster = parse_roster(chain, 0)
                if roster:
                    named = [m for m in roster if m.name == a.name]
                    if named and named[0].titles:
                        a.titles = list(named[0].titles)
                pos = text.find(a.name, pos + 1)
            if a.titles:
                break


def _speech_title(layout: Layout) -> bool:
    """The headline, or a title line between it and the body, is a speech title (a file title
    of a document site may stand above the speech's own)."""
    if is_speech_title(layout.headline_text):
        return True
    blocks = layout.blocks
    start = layout.headline_blocks[-1] + 1 if layout.headline_blocks else 0
    end = layout.lead_index if layout.lead_index is not None else len(blocks)
    return any(blocks[i].cls == "TITLE" and is_speech_title(blocks[i].text) for i in range(start, end))


def _with_speakers(attendees: list[Attendee], speakers: list[Speaker], blocks: list[Block]) -> list[Attendee]:
    """The attendees with the transcript's speakers: present, and they spoke (ANNOTATION.md).
    A speaker not found by the attendance search comes first, where the transcript names him."""
    out = list(attendees)
    new: list[Attendee] = []
    for s in speakers:
        known = next((a for a in out if a.name == s.name), None)
        if known is not None:
            if "spoke" not in known.roles:
                known.roles.append("spoke")
            if not known.titles and s.titles:
                known.titles = list(s.titles)
            continue
        b = blocks[s.block]
        a, z = b.start + s.start, b.start + s.end
        new.append(Attendee(s.name, list(s.titles), ["spoke"], b.norm.span(a, z), b.norm.original_of(a, z)))
        out.append(new[-1])
    return new + [a for a in out if a not in new]


def _kind_evidence(layout: Layout, body: list[int], lead_text: str | None, mentions: list[tuple[int, Mention]],
                   attendees: list[Attendee], speakers: list[Speaker], speech_title: bool, salutation: bool,
                   items: int) -> Evidence:
    """What the layout and the extractors show of the document's kind (kind.py weighs it)."""
    blocks = layout.blocks
    # one count over the opening paragraphs joined by a newline, which no cue word holds, so no
    # occurrence spans two paragraphs: the sum of the counts per paragraph
    first_person = count_cue("first_person", "\n".join([blocks[i].text for i in body[:FIRST_PERSON_PARAGRAPHS]]))
    early = set(layout.headline_blocks)
    if layout.lead_index is not None:
        early.add(layout.lead_index)
    opening = opening_paragraphs(layout, body)
    present = {a.name for a in attendees}
    roles_early: set[str] = set()
    roles_opening: set[str] = set()
    for idx, m in mentions:
        if m.name not in present:
            continue
        if idx in early:
            roles_early.update(m.roles)
        elif idx in opening:
            roles_opening.update(m.roles)
    return Evidence(
        headline=layout.headline_text,
        lead=lead_text,
        opening=tuple(blocks[i].text for i in opening),
        closing=" ".join(blocks[i].text for i in body[-CLOSING_PARAGRAPHS:]),
        salutation=salutation,
        first_person=first_person,
        items=items,
        speech_title=speech_title,
        transcript=any(s.evidence == "label" for s in speakers),
        present_early=frozenset(roles_early),
        present_opening=frozenset(roles_opening),
        present_count=sum(1 for a in attendees if PRESENCE_ROLES.intersection(a.roles)),
    )


def _directives(
    blocks: list[Block], body: list[int], mentions: list[tuple[int, Mention]], default: str | None
) -> list[Directive]:
    """The numbered items of the body as a tree; each item's speaker is the last person the
    report turned to before it, else ``default`` (a transcript's speaker)."""
    cands = find_all_candidates([(i, blocks[i].text) for i in body])
    roots = read_tree(cands)
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
    keys = [(b, p) for b, p, _ in cues]
    for it in accepted:
        it.speaker = _speaker_at(cues, keys, it.cand.block, it.cand.start, default)
    return [_to_directive(it, blocks, 1) for it in roots]


def _speaker_cues(
    blocks: list[Block], body: list[int], mentions: list[tuple[int, Mention]]
) -> list[tuple[int, int, str | None]]:
    """(block, position, speaker) where a report turns to someone's words, in document order;
    None for 会议强调."""
    cues: list[tuple[int, int, str | None]] = []
    for idx, m in mentions:
        if m.name and "spoke" in m.roles:
            cues.append((idx, m.start, m.name))
    for i in body:
        cues.extend((i, at, None) for at in meeting_voice(blocks[i].text))
    cues.sort(key=lambda c: (c[0], c[1]))
    return cues


def _speaker_at(cues: list[tuple[int, int, str | None]], keys: list[tuple[int, int]], block: int, pos: int,
                default: str | None) -> str | None:
    """The speaker at (block, pos): the one of the last cue at or before it (``keys`` are the
    cues' (block, position), in order), else ``default``; a ``会议强调`` cue gives ``default``."""
    k = bisect_right(keys, (block, pos))
    who = cues[k - 1][2] if k else None
    return who if who is not None else default


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
    dated = lead is not None and (layout.dateline_end > 0 or opens_as_news(blocks[lead].text))
    bare_role = "author" if kind == "other" and not dated else "reporter"
    for i, b in enumerate(blocks):
        place = layout.places[i]
        if place == "byline" or b.cls in ("CREDIT", "CAPTION") or (place == "boilerplate" and b.cls == "META"):
            hits = find_credits(b.text, closing=True, bare_role=bare_role)
        elif place in ("lead", "body"):
            hits = [h for h in find_credits(b.text, closing=i == last_body, bare_role=bare_role)
                    if h.start < CREDIT_AT_START or h.end > len(b.text) - CREDIT_AT_END]
        elif place == "boilerplate" and lead is not None and i > last_body >= 0:
            # the page after the article: labelled credits, and a bare closing bracket in the
            # short paragraphs right after the last one kept as body
            near = i - last_body <= CLOSING_NOTE_REACH and len(b.text) < CLOSING_NOTE_MAX
            hits = [h for h in find_credits(b.text, closing=near, bare_role=bare_role)
                    if h.label or (near and h.end > len(b.text) - CREDIT_AT_END)]
        else:
            continue
        for h in hits:
            _add_credit(out, seen, b, h)
    return out


def _add_credit(out: list[Credit], seen: set[tuple[str, str]], b: Block, h: CreditHit) -> None:
    key = (h.role, "".join(h.name.split()))
    if key in seen:
        return
    seen.add(key)
    a, z = b.start + h.start, b.start + h.end
    # a name padded to the width of three (靳  博) is given without its padding; its span covers it
    name = "".join(b.norm.shown(a, z).split())
    out.append(Credit(h.role, name, b.norm.span(a, z), b.norm.original_of(a, z)))  # type: ignore[arg-type]
