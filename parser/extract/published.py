"""When the document was published, from its own metadata or the lines around the article.

Sources, most trusted first:

- ``front matter``: the ``date`` field of a markdown post's YAML front matter;
- ``meta``: a date the HTML head carries (``<meta name="pubdate">``, ``article:published_time``);
- ``info bar``: a page's line with a label of ``lexicons/info_bar_labels.tsv`` and a date that
  shows its year (``发稿时间：2019-01-18 11:05``), or a short line before the article that opens
  with such a date written as a page stamps it: with a time of day, in figures, or with a source
  label (``2023-12-01 14:43``, ``2013-11-29``, ``2011年09月26 来源：…``);
- ``dateline``: a dateline that shows a year (``新华社北京2020年3月5日电``).

The value is ISO 8601: a date-time when the time of day is known, else a date. A date without a
year (``时间：2月11日``, ``新华社北京3月5日电``) publishes nothing; the event may still use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache

import regex

from .. import patterns
from ..model import Published
from ..vocabulary.lexicon import table
from .dates import DateMention, find_dates, read_timestamp, stamp_of
from .passages import Passage

# an info bar is a short line; a longer aside is a paragraph or a list that merely holds dates
_INFO_BAR_MAX = 200
# a line "opens with" a date when no more than this many characters (spaces, `>`, a bullet) precede it
_OPENING = 3
# a page's stamp is a short line; a longer one that opens with a date is a paragraph
_STAMP_MAX = 100
_SENTENCE = patterns.compile(r"[，。；！？]")
_IN_WORDS = patterns.compile(r"年")  # 2019年10月22日, as a text writes a date, not 2019-10-22 as a page stamps it


@cache
def _labels(kind: str) -> tuple[str, ...]:
    return tuple(sorted((w for w, k in table("info_bar_labels.tsv") if kind in k.split()), key=len, reverse=True))


@cache
def _label_before() -> regex.Pattern[str]:
    """A date label of info_bar_labels.tsv ending right before a date: ``发稿时间：`` , ``更新时间 ``."""
    return patterns.compile(rf"(?:{'|'.join(map(regex.escape, _labels('date')))})\s*[：:]?\s*$")


@cache
def _line_label() -> regex.Pattern[str]:
    return patterns.compile("|".join(map(regex.escape, _labels("line"))))


def _stamped(p: Passage, date: DateMention) -> bool:
    """A line opening with ``date`` is a page's stamp, not an event's date line or a sentence: short,
    no sentence punctuation, and the date has a time of day, is in figures, or a source label follows."""
    if len(p.text) > _STAMP_MAX or _SENTENCE.search(p.text):
        return False
    return (date.time is not None or not _IN_WORDS.search(p.text, date.start, date.end)
            or _line_label().search(p.text, date.end) is not None)


def read_published(passages: Iterable[Passage], metadata: Mapping[str, str], container_format: str) -> Published | None:
    """The publication date of a report, or None when it shows none."""
    candidates = list(_candidates(list(passages), metadata, container_format))
    if not candidates:
        return None
    best = candidates[0]
    if "T" not in best.value:
        # the same day with its time of day, from a less trusted source: the more precise value
        for other in candidates[1:]:
            if other.value.startswith(best.value + "T"):
                return other
    return best


def _candidates(passages: list[Passage], metadata: Mapping[str, str], container_format: str) -> Iterator[Published]:
    value = metadata.get("date")
    if value:
        read = read_timestamp(value)
        if read is not None:
            yield Published(read[0], value, None, "front matter" if container_format == "markdown" else "meta")
    asides = [p for p in passages if p.place == "aside" and len(p.text) <= _INFO_BAR_MAX]
    before = [p for p in reversed(asides) if p.before_lead]  # the nearest to the article first
    after = [p for p in asides if not p.before_lead]
    full_dates = {id(p): _full_dates(p) for p in asides}  # each aside is read twice below
    for p in before + after:
        for date in full_dates[id(p)]:
            if _label_before().search(p.text, 0, date.start):
                yield _published(p, date, "info bar")
    for p in before:
        dates = full_dates[id(p)]
        if dates and dates[0].start <= _OPENING and _stamped(p, dates[0]):
            yield _published(p, dates[0], "info bar")
    for p in passages:
        if p.place == "dateline":
            for date in _full_dates(p):
                yield _published(p, date, "dateline")


def _full_dates(p: Passage) -> list[DateMention]:
    return [d for d in find_dates(p.text, times=True) if d.kind == "ymd"]


def _published(p: Passage, date: DateMention, source: str) -> Published:
    end = date.time_end or date.end
    return Published(stamp_of(date), p.shown_of(date.start, end), p.span_of(date.start, end), source)  # type: ignore[arg-type]
