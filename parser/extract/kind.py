"""What the document is: a meeting report, a speech transcript, or other news.

The cues are data (``lexicons/kind_cues.tsv``): the title of a transcript, a closing note
naming a speech, and the words that tell of a meeting or official event in a headline or an
opening sentence. The roles the attendance stage found are a further signal.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from ..vocabulary.lexicon import required_literals, table

_FIRST_SENTENCE = regex.compile(r"^[^。！？]*[。！？]?")


@cache
def _cues() -> dict[str, tuple[regex.Pattern[str], re.Pattern[str] | None]]:
    """Each cue's pattern, with a search for literal strings one of which every match holds
    (None when the rows do not tell): most texts hold none, and that search is much cheaper."""
    rows: dict[str, list[str]] = {}
    for row in table("kind_cues.tsv"):
        if len(row) >= 2 and row[1]:
            rows.setdefault(row[0], []).append(row[1])
    out = {}
    for k, v in rows.items():
        needed = [required_literals(p) for p in v]
        lits = None if any(n is None for n in needed) else {w for n in needed for w in n or ()}
        # stdlib re finds plain strings exactly as regex does, at a third of the cost of a call
        pre = re.compile("|".join(map(re.escape, sorted(lits)))) if lits else None
        out[k] = (regex.compile("|".join(f"(?:{p})" for p in v)), pre)
    return out


def _has(cue: str, text: str | None) -> bool:
    found = _cues().get(cue)
    if not text or found is None:
        return False
    pattern, pre = found
    return (pre is None or pre.search(text) is not None) and pattern.search(text) is not None


def is_speech_title(headline: str | None) -> bool:
    """A headline of the form ``在…会议上的讲话``."""
    return _has("speech", headline)


def classify_kind(
    headline: str | None,
    lead: str | None,
    salutation: bool,
    roles_seen: set[str],
    first_person: int,
    closing: str | None = None,
    items: int = 1,
) -> str:
    """``speech`` for transcripts, ``meeting_report`` for reports of meetings and official events.

    ``closing``: the last paragraphs of the body (a note such as ``本文节选自…的讲话``);
    ``items``: how many separate news items the document holds (a day's programme is ``other``).
    """
    if items >= 3:
        return "other"
    if is_speech_title(headline) or (salutation and first_person >= 3) or _has("speech_note", closing):
        return "speech"
    if _has("other", headline):
        return "other"
    if _has("event", headline):
        return "meeting_report"
    opening = _FIRST_SENTENCE.match(lead or "")
    first = opening.group() if opening else ""
    cited = _has("cited", first)  # searched once for both tests
    if _has("event", first) and not cited:
        return "meeting_report"
    if cited:
        return "other"
    if roles_seen & {"presided", "attended", "participated", "observed"}:
        return "meeting_report"
    words = (headline or "") + " " + (lead or "")[:200]
    if "spoke" in roles_seen and _has("meeting", words):
        return "meeting_report"
    return "other"
