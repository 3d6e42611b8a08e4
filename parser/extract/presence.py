"""Who of the people the attendance search found was present: the one step that decides it.

The attendance search (``attendance.collect``) returns every person it reads before a role verb,
with what it knows of each mention: the roles, whether a verb of an act or words said at the
event placed the person there (``acted``), and where the mention stands. Being named before a
verb is no proof of presence: ordinary news quotes officials (``韦知远表示``), a feature meets
people in their history (``他曾参加…``), a commentary opens on an earlier meeting
(``…主持召开…会议时指出``). This module weighs the evidence of the whole report once
(:class:`PresenceEvidence`) and keeps the people it shows present (ANNOTATION.md, attendees).

A person is present when

- the report tells of an occasion its people were at (``PresenceEvidence.at_occasion``): its
  headline or lead reports a meeting, visit or ceremony (kind cues ``event``, ``at_event``), its
  headline, lead or opening names someone at one by an act that implies an occasion (``主持``,
  ``出席``, ``陪同``: ``kind.OCCASION_ROLES``), or it is a speech; and, as well, someone is named by an
  act of presence or by words said at the event, or its opening has a word that says an occasion
  took place (kind cue ``took_place``: ``召开``, ``座谈会``, ``会见``). People quoted in a report
  of reactions to a speech (``…在大会上发表重要讲话`` in its headline, then only ``某某说``) were
  not at it; or
- elsewhere (a feature story, a data release), one of the person's mentions is by an act in a
  sentence that tells of the occasion (``市政府召开协调会，副市长韦知远主持``): people quoted on an
  occasion of their own (``韦知远日前在论坛上表示``) are no attendees.

Mentions in an opening sentence that quotes an earlier occasion are no evidence at all.
The cues are rows of ``lexicons/kind_cues.tsv``, read by ``kind.has_cue``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import patterns
from ..layout.blocks import Block
from ..layout.document import Layout
from .attendance import NEXT_ITEM, find_verbs
from .kind import OCCASION_ROLES, PRESENCE_ROLES, first_sentence, has_cue, opens_on_citation, reports_event, told_later
from .roster import Mention

_SENTENCE_END = patterns.compile(r"[。！？；]")
# A mention's sentence is read this far on each side at most: enough for any real sentence, and
# a paragraph of megabytes without a full stop (hostile input) costs no more per mention.
SENTENCE_WINDOW = 300
# The opening of a report: the paragraphs right after the lead, where an event told late (a
# ceremony described before it is named) is still told.
OPENING_PARAGRAPHS = 2
# A word that says an occasion took place is looked for in the headline and the first paragraphs
# of the text (the lead and the one after it), this far into each: where a report says what was held.
TOOK_PLACE_PARAGRAPHS = 2
TOOK_PLACE_CHARS = 300


@dataclass(frozen=True)
class PresenceEvidence:
    """What the whole report shows of the occasion its people were at (read once per report)."""

    reported: bool  # the headline or lead tells of an occasion, names someone at one, or it is a speech
    acted: bool  # someone is named by an act of presence or by words said at the event
    took_place: bool  # the headline or opening has a word that says an occasion took place
    quoted_until: tuple[int, int] | None = None  # (block, position): the lead quotes an earlier occasion up to there

    @property
    def at_occasion(self) -> bool:
        """Whether the report tells of an occasion its people were at: then all are present."""
        return self.reported and (self.acted or self.took_place)


def opening_paragraphs(layout: Layout, body: list[int]) -> list[int]:
    """The body paragraphs right after the lead (the opening of the report)."""
    return [i for i in body if i != layout.lead_index][:OPENING_PARAGRAPHS]


def names_occasion(mentions: list[tuple[int, Mention]], early: set[int]) -> bool:
    """Whether the headline or the lead (``early`` blocks) names someone at an occasion by an
    act that implies one (``主持``, ``出席``, ``陪同``, ``会见``)."""
    return any(idx in early and OCCASION_ROLES.intersection(m.roles) for idx, m in mentions if m.name)


def quoted_opening(layout: Layout, lead: str | None) -> tuple[int, int] | None:
    """(lead block, end of its first sentence) when that sentence quotes an earlier occasion."""
    if layout.lead_index is None or lead is None or not opens_on_citation(lead):
        return None
    text = layout.blocks[layout.lead_index].text
    return layout.lead_index, len(text) - len(lead) + len(first_sentence(lead))


def _took_place(layout: Layout, body: list[int]) -> bool:
    """Whether the headline, or the first paragraphs of the text before a second item, has a
    word that says an occasion took place."""
    for i in [*layout.headline_blocks, *body[:TOOK_PLACE_PARAGRAPHS]]:
        text = layout.blocks[i].text
        if text.startswith(NEXT_ITEM):  # the report's opening ends where collect stops
            return False
        if has_cue("took_place", text[:TOOK_PLACE_CHARS]):
            return True
    return False


def read_evidence(mentions: list[tuple[int, Mention]], layout: Layout, lead: str | None,
                  spoken: bool) -> PresenceEvidence:
    """The evidence of presence of a report: ``lead`` is the lead's text after its dateline,
    ``spoken`` whether the report is a speech (a speech title, a salutation)."""
    body = [i for i, p in enumerate(layout.places) if p in ("lead", "body")]
    early = set(layout.headline_blocks) | ({layout.lead_index} if layout.lead_index is not None else set())
    # an event only mentioned in the paragraphs after the opening may be another occasion
    reported = (reports_event(layout.headline_text, lead) or told_later(lead, [])[0]
                or names_occasion(mentions, early | set(opening_paragraphs(layout, body))) or spoken)
    return PresenceEvidence(
        reported=reported,
        acted=any(m.acted for _, m in mentions if m.name),
        took_place=_took_place(layout, body),
        quoted_until=quoted_opening(layout, lead),
    )


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence of ``text`` that holds ``text[start:end]`` (within
    ``SENTENCE_WINDOW`` characters on each side)."""
    lo = max(0, start - SENTENCE_WINDOW)
    before = max((m.end() for m in _SENTENCE_END.finditer(text, lo, start)), default=lo)
    after = _SENTENCE_END.search(text, end, end + SENTENCE_WINDOW)
    return before, after.end() if after else min(len(text), end + SENTENCE_WINDOW)


def _by_act(m: Mention, text: str, sentence_end: int) -> bool:
    """Whether the verb that made ``m`` an attendee is an act (or a seat), not words only."""
    if PRESENCE_ROLES.intersection(m.roles):
        return True
    verbs = find_verbs(text[m.end : sentence_end])
    return not verbs or verbs[0].kind != "words"


def acts_at_occasion(m: Mention, text: str) -> bool:
    """Whether mention ``m`` of paragraph ``text`` names its person by an act in a sentence that
    tells of an occasion (``市政府召开协调会，副市长韦知远主持``)."""
    begin, end = _sentence_around(text, m.start, m.end)
    sentence = text[begin:end]
    return _by_act(m, text, end) and (has_cue("event", sentence) or has_cue("at_event", sentence))


def present(mentions: list[tuple[int, Mention]], blocks: list[Block],
            evidence: PresenceEvidence) -> list[tuple[int, Mention]]:
    """The mentions of the people ``evidence`` and their own mentions show present, in their
    order; unnamed groups stay. A person is present when any one mention is evidence; then all
    their mentions are kept (they add roles and titles)."""
    kept: set[str] = set()
    quoted = evidence.quoted_until
    for idx, m in mentions:
        if not m.name or m.name in kept:
            continue
        if quoted is not None and idx == quoted[0] and m.start < quoted[1]:
            continue  # named in an opening that quotes an earlier occasion: no evidence
        if evidence.at_occasion or acts_at_occasion(m, blocks[idx].text):
            kept.add(m.name)
    return [(idx, m) for idx, m in mentions if not m.name or m.name in kept]


def present_mentions(mentions: list[tuple[int, Mention]], layout: Layout, lead: str | None,
                     spoken: bool = False) -> list[tuple[int, Mention]]:
    """The mentions of the people the report shows present (see the module's docstring), in
    their order; unnamed groups stay. ``lead``: the lead's text after its dateline; ``spoken``:
    the report is a speech (a speech title, a salutation)."""
    if not any(m.name for _, m in mentions):
        return mentions
    return present(mentions, layout.blocks, read_evidence(mentions, layout, lead, spoken))
