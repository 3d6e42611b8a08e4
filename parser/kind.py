"""What the document is: a meeting report, a speech transcript, or other news."""

from __future__ import annotations

from functools import cache

import regex

from .lexicon import table


@cache
def _cues() -> dict[str, regex.Pattern[str]]:
    return {row[0]: regex.compile(row[1]) for row in table("kind_cues.tsv")}


def is_speech_title(headline: str | None) -> bool:
    """A headline of the form ``在…会议上的讲话``."""
    return bool(headline) and bool(_cues()["speech"].search(headline or ""))


def classify_kind(
    headline: str | None, lead: str | None, salutation: bool, roles_seen: set[str], first_person: int
) -> str:
    """``speech`` for transcripts, ``meeting_report`` for reports of meetings and official events."""
    if is_speech_title(headline) or (salutation and first_person >= 3):
        return "speech"
    meeting_words = _cues()["meeting"]
    opening = (headline or "") + " " + (lead or "")[:200]
    if roles_seen & {"presided", "attended", "participated", "observed"}:
        return "meeting_report"
    if "spoke" in roles_seen and meeting_words.search(opening):
        return "meeting_report"
    if meeting_words.search(headline or "") and roles_seen:
        return "meeting_report"
    return "other"
