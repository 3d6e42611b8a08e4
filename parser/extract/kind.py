"""What the document is: a meeting report, a speech transcript, or other news.

The kind is a label decided from the document's own evidence; it never changes what the
extractors found. The cues are data (``lexicons/kind_cues.tsv``, with the nouns of kind ``occasion`` of
``lexicons/meeting_words.tsv`` spliced in where a row says ``{MEETING}``): the title of a
transcript, a closing note naming a speech, the words that tell of a meeting or official event in
a headline or an opening sentence, and what marks a text as something else (a photo story, a
commentary opening on a quotation, the text of a resolution). The people the extractors found
present, and where in the document they stand, are further evidence. The presence step
(``presence.py``) reads the cues of an occasion too (``event``, ``at_event``, ``cited``, and
``took_place``, read by it alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import regex

from .. import patterns
from ..vocabulary.lexicon import required_literals, table

_FIRST_SENTENCE = patterns.compile(r"^[^。！？]*[。！？]?")
# quoted words (a quotation holds clause punctuation; a quoted name, “两学一做”, does not)
_QUOTED_WORDS = patterns.compile(r"“[^“”]*[，。！？；][^“”]*”")
PRESENCE_ROLES = frozenset({"presided", "attended", "participated", "observed"})
# Roles that tell of an occasion by themselves: one chairs, attends or sits in on a meeting, a
# visit or a ceremony (参加 may be of a war or a race).
OCCASION_ROLES = frozenset({"presided", "attended", "observed"})
# A transcript that opens with salutations and speaks in the first person this often is a speech.
MIN_FIRST_PERSON = 3
# A document of this many separate dated news items is a page or a programme, not one report.
MIN_ITEMS = 3
# People named present this many times over the body make a report of an event even when its
# opening does not say so (a ceremony told from its atmosphere first); fewer may be a feature's
# passing mentions (他曾参加…).
MIN_PRESENT_IN_BODY = 3
# The kind reads this much of a headline, a lead or an opening paragraph (and of the closing):
# a report tells of its event at the start, and a cue search on a paragraph of megabytes (hostile
# input) would cost seconds.
CUE_CHARS = 1000


def _meeting_nouns() -> list[str]:
    """The nouns of kind ``occasion`` of ``lexicons/meeting_words.tsv``, searched as the named
    list ``\\L<meeting>`` where a row says ``{MEETING}``: a named list matches the longest noun
    at a place (座谈会 before 会), as an alternation sorted longest first would, and compiles in
    a fraction of the time of one."""
    occasions = (word for word, kinds in table("meeting_words.tsv") if "occasion" in kinds.split())
    return list(dict.fromkeys(occasions))


@cache
def _cue_rows() -> dict[str, tuple[str, re.Pattern[str] | None]]:
    """Each cue's rows joined into one pattern, with a search for literal strings one of which
    every match holds (None when the rows do not tell): most texts hold none, and that search
    is much cheaper."""
    rows: dict[str, list[str]] = {}
    for row in table("kind_cues.tsv"):
        if len(row) >= 2 and row[1]:
            rows.setdefault(row[0], []).append(row[1].replace("{MEETING}", r"\L<meeting>"))
    out = {}
    for k, v in rows.items():
        needed = [required_literals(p) for p in v]
        lits = None if any(n is None for n in needed) else {w for n in needed for w in n or ()}
        # stdlib re finds plain strings exactly as regex does, at a third of the cost of a call
        pre = re.compile("|".join(map(re.escape, sorted(lits)))) if lits else None
        out[k] = ("|".join(f"(?:{p})" for p in v), pre)
    return out


@cache
def cue_pattern(cue: str) -> regex.Pattern[str]:
    """A cue's pattern, compiled when a text first needs it: a report asks few of the cues."""
    return patterns.compile(_cue_rows()[cue][0], ignore_unused=True, meeting=_meeting_nouns())


def _cue_search(cue: str, text: str | None) -> regex.Pattern[str] | None:
    """The cue's pattern when ``text`` may hold a match of it (its literal pre-test passes)."""
    found = _cue_rows().get(cue)
    if not text or found is None:
        return None
    pre = found[1]
    if pre is not None and pre.search(text) is None:
        return None
    return cue_pattern(cue)


def cue_match(cue: str, text: str | None) -> regex.Match[str] | None:
    """The first match of a cue of ``kind_cues.tsv`` in ``text``, or None."""
    pattern = _cue_search(cue, text)
    return pattern.search(text) if pattern is not None and text else None


def has_cue(cue: str, text: str | None) -> bool:
    """Whether a cue of ``kind_cues.tsv`` occurs in ``text``."""
    return cue_match(cue, text) is not None


def count_cue(cue: str, text: str | None) -> int:
    """How many non-overlapping matches of a cue of ``kind_cues.tsv`` ``text`` holds."""
    pattern = _cue_search(cue, text)
    return sum(1 for _ in pattern.finditer(text)) if pattern is not None and text else 0


def is_speech_title(headline: str | None) -> bool:
    """A headline of the form ``在…会议上的讲话``."""
    return has_cue("speech", (headline or "")[:CUE_CHARS])


def first_sentence(text: str | None) -> str:
    """The text up to its first sentence end (all of it when it has none), within its first
    ``CUE_CHARS`` characters."""
    m = _FIRST_SENTENCE.match((text or "")[:CUE_CHARS])
    return m.group() if m else ""


def opens_on_citation(lead: str | None) -> bool:
    """The lead opens by quoting an earlier meeting (``…主持召开…会议时指出``): a commentary."""
    return has_cue("cited", first_sentence(lead))


def reports_event(headline: str | None, lead: str | None) -> bool:
    """The headline or the lead's first sentence tells of a meeting or official event."""
    if has_cue("event", (headline or "")[:CUE_CHARS]):
        return True
    first = first_sentence(lead)
    return has_cue("event", first) and not has_cue("cited", first)


def told_later(lead: str | None, opening: tuple[str, ...] | list[str]) -> tuple[bool, bool]:
    """Whether the rest of the lead, and the paragraphs after it, tell of a meeting or official
    event (or place people at one) that the first sentence did not name; quoted words do not
    tell (“…这次现场会解决了问题。”)."""
    told = _QUOTED_WORDS.sub("", (lead or "")[:CUE_CHARS])
    rest = told[len(first_sentence(told)):]
    text = _QUOTED_WORDS.sub("", " ".join(p[:CUE_CHARS] for p in opening))
    return (has_cue("event", rest) or has_cue("at_event", rest),
            has_cue("event", text) or has_cue("at_event", text))


@dataclass(frozen=True)
class Evidence:
    """What the document shows of its kind, gathered by the pipeline from the layout and the
    extractors' results."""

    headline: str | None = None
    lead: str | None = None
    opening: tuple[str, ...] = ()  # the body paragraphs right after the lead
    closing: str | None = None  # the last paragraphs of the body
    salutation: bool = False  # the lead is a salutation (同志们：)
    first_person: int = 0  # first-person words (我们, 同志们 …) in the opening paragraphs
    items: int = 1  # separate dated news items in the document
    speech_title: bool = False  # the headline or a title line above the body is a speech title
    transcript: bool = False  # the body runs turn by turn under speaker labels (甲：…)
    present_early: frozenset[str] = field(default_factory=frozenset)  # roles named in headline and lead
    present_opening: frozenset[str] = field(default_factory=frozenset)  # roles named in the opening
    present_count: int = 0  # people named present (a presence role) anywhere


def is_speech(ev: Evidence) -> bool:
    """A transcript: a speech title, a closing note naming a speech, a salutation followed by
    the first person, or speaker-labelled turns."""
    return (ev.speech_title or ev.transcript or (ev.salutation and ev.first_person >= MIN_FIRST_PERSON)
            or has_cue("speech_note", (ev.closing or "")[-CUE_CHARS:]))


def is_document_text(ev: Evidence) -> bool:
    """The text of a resolution or a regulation, not a report: a headline naming such a text
    or an opening note of its adoption (``（2024年3月5日…会议通过）``)."""
    return has_cue("document_title", (ev.headline or "")[:CUE_CHARS]) or \
        has_cue("adopted_note", (ev.lead or "")[:CUE_CHARS])


def classify_kind(ev: Evidence) -> str:
    """``speech`` for transcripts, ``meeting_report`` for reports of meetings and official
    events, ``other`` for the rest, from the evidence in the order of its strength."""
    if is_speech(ev):
        return "speech"
    if ev.items >= MIN_ITEMS and not has_cue("event", (ev.headline or "")[:CUE_CHARS]):
        return "other"
    if has_cue("other", (ev.headline or "")[:CUE_CHARS]) or is_document_text(ev):
        return "other"
    if reports_event(ev.headline, ev.lead):
        return "meeting_report"
    if opens_on_citation(ev.lead):
        return "other"
    if ev.present_early & PRESENCE_ROLES:
        return "meeting_report"
    # an event the lead tells after its first sentence, with someone present in the lead or
    # the next paragraphs (a speaker at a press conference is enough); one told only in the
    # next paragraphs needs someone named present by an act (出席, 主持): words quoted there may
    # recall other meetings
    in_lead, in_opening = told_later(ev.lead, ev.opening)
    if in_lead and (ev.present_early or ev.present_opening):
        return "meeting_report"
    if in_opening and (ev.present_early | ev.present_opening) & PRESENCE_ROLES:
        return "meeting_report"
    if ev.present_count >= MIN_PRESENT_IN_BODY:
        return "meeting_report"
    return "other"
