"""What the document is: a meeting report, a speech transcript, or other news.

The cues are data (``lexicons/kind_cues.tsv``): the title of a transcript, a closing note
naming a speech, and the words that tell of a meeting or official event in a headline or an
opening sentence. The roles the attendance stage found are a further signal.
"""

from __future__ import annotations

from functools import cache

import regex

from .lexicon import table

_FIRST_SENTENCE = regex.compile(r"^[^。！？]*[。！？]?")


@cache
def _cues() -> dict[str, regex.Pattern[str]]:
    rows: dict[str, list[str]] = {}
    for row in table("kind_cues.tsv"):
        if len(row) >= 2 and row[1]:
            rows.setdefault(row[0], []).append(f"(?:{row[1]})")
    return {k: regex.compile("|".join(v)) for k, v in rows.items()}


def _has(cue: str, text: str | None) -> bool:
    pattern = _cues().get(cue)
    return bool(text) and pattern is not None and bool(pattern.search(text or ""))


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
    if _has("event", first) and not _has("cited", first):
        return "meeting_report"
    if _has("cited", first):
        return "other"
    if roles_seen & {"presided", "attended", "participated", "observed"}:
        return "meeting_report"
    words = (headline or "") + " " + (lead or "")[:200]
    if "spoke" in roles_seen and _has("meeting", words):
        return "meeting_report"
    return "other"
