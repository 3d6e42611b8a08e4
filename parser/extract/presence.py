"""Which of the people the attendance search found were present: evidence of presence.

The roster search finds a person before any role verb (``出席``, ``主持``, ``讲话``, ``表示`` …).
In the report of an event, a verb of an act (``出席``, ``主持``, ``参加``, ``讲话``, ``致辞``) says
the person was there, and so does a verb that gives someone's words (``表示``, ``强调``;
``words`` in role_verbs.tsv). A document reports an event when its headline or opening tells of a
meeting, visit or ceremony (``kind.reports_event``, ``kind.told_later``), or names someone at one
by an act that implies an occasion (``主持``, ``出席``, ``陪同``: ``kind.OCCASION_ROLES``).

Elsewhere (a feature story, a data release, a commentary) a person is present only by an act
in a sentence that tells of the occasion (``市政府召开协调会，副市长韦知远主持``): people quoted in
ordinary news, even on an occasion of their own (``韦知远日前在论坛上表示``), or met in its
history (``他曾参加…``), are not attendees (ANNOTATION.md). This step, not the document's kind,
keeps them out.

Neither are people met only in an opening that quotes an earlier occasion
(``…主持召开…会议时指出``, which opens a commentary).
"""

from __future__ import annotations

import regex

from ..layout.blocks import Block
from .attendance import find_verbs
from .kind import OCCASION_ROLES, PRESENCE_ROLES, has_cue
from .roster import Mention

_SENTENCE_END = regex.compile(r"[。！？；]")
# A mention's sentence is read this far on each side at most: enough for any real sentence, and
# a paragraph of megabytes without a full stop (hostile input) costs no more per mention.
SENTENCE_WINDOW = 300


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


def names_occasion(mentions: list[tuple[int, Mention]], early: set[int]) -> bool:
    """Whether the headline or the lead (``early`` blocks) names someone at an occasion by an
    act that implies one (``主持``, ``出席``, ``陪同``, ``会见``)."""
    return any(idx in early and OCCASION_ROLES.intersection(m.roles) for idx, m in mentions if m.name)


def present_mentions(mentions: list[tuple[int, Mention]], blocks: list[Block], event_reported: bool,
                     quoted_until: tuple[int, int] | None = None) -> list[tuple[int, Mention]]:
    """The mentions of people with evidence of presence, in their order; unnamed groups stay.

    ``event_reported``: the document reports a meeting or official event (see the module's
    docstring). ``quoted_until``: (block, position) up to which the lead quotes an earlier
    occasion; mentions there are no evidence. A person is present when any one mention is
    evidence; then all their mentions are kept (they add roles and titles)."""
    present: set[str] = set()
    for idx, m in mentions:
        if not m.name or m.name in present:
            continue
        if quoted_until is not None and idx == quoted_until[0] and m.start < quoted_until[1]:
            continue
        text = blocks[idx].text
        begin, end = _sentence_around(text, m.start, m.end)
        sentence = text[begin:end]
        if event_reported or (_by_act(m, text, end)
                              and (has_cue("event", sentence) or has_cue("at_event", sentence))):
            present.add(m.name)
    return [(idx, m) for idx, m in mentions if not m.name or m.name in present]
