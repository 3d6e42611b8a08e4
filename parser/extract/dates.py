"""Dates as reports write them, found and made ISO 8601.

A report dates things in many shapes: ``2020年3月5日``, ``2019-01-18 11:05``, ``3月5日``,
``5月10-12日``, ``十月一日``, a day alone (``13日``, its month from the dateline) or a word
counted from the day of publication (``昨天``). The shapes are rows of
``parser/lexicons/dates.tsv`` and ``relative_days.tsv``; this module finds them in text and
reads metadata values (ISO 8601, the RFC 2822 dates of feeds, Chinese dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

import regex

from .. import patterns
from ..vocabulary.lexicon import literal_pretest, table

# Chinese numerals of months and days (一 … 三十一) and the digits of a year written out (二〇二〇)
_CN = "(?:三十[一]?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_TO = "[-－—–~～至到]"
# a time of day is read after a full date only when it follows within this many characters
# (``2019-01-18 11:05``, ``2015年12月13日 04:16:45``), not from anywhere later in the line
_TIME_GAP = 3
_TIME_JOINER = patterns.compile(r"[\s\u3000日T]*")
# the years a date may name: a figure outside them is a count or a code (3000年, 0612), not a year
_YEAR_MIN, _YEAR_MAX = 1900, 2100
# a year written out digit by digit (二〇二〇) has this many numerals or more; a month's or a day's
# number is shorter, or holds 十 (三十一)
_YEAR_DIGITS_MIN = 3
# a month and day without a year are checked against a leap year, so that 2月29日 stands
_LEAP_YEAR = 2000


@dataclass(frozen=True)
class DateMention:
    """One date as written in a text: where it stands and what it says.

    ``year`` and ``month`` are None when the text does not give them (``13日``); ``days_back``
    is set for a word counted from the day of publication (``昨天`` → 1), ``vague`` for a word
    that names no certain day (``近日``)."""

    start: int
    end: int
    kind: str  # ymd, md, d, relative, vague
    year: int | None = None
    month: int | None = None
    day: int | None = None
    days_back: int | None = None
    time: tuple[int, int, int] | None = None
    time_end: int | None = None  # end of the time of day after the date, when there is one

    @property
    def vague(self) -> bool:
        return self.kind == "vague"


def cn_number(text: str) -> int:
    """A Chinese numeral of a month or day (``十一`` → 11, ``三十`` → 30) or written-out year
    digits (``二〇二〇`` → 2020); Arabic digits (full-width ones too) as they are."""
    if text.isdigit():
        return int(text)
    if len(text) >= _YEAR_DIGITS_MIN and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


# the kinds of dates.tsv that are dates (the others are parts of meetings' names)
_DATE_KINDS = ("ymd", "md", "d", "time")


def _filled(pattern: str) -> str:
    return pattern.replace("{CN}", _CN).replace("{CY}", "[〇零一二三四五六七八九]{4}").replace("{TO}", _TO)


def _rows(kinds: Collection[str]) -> list[tuple[str, str]]:
    """The patterns of dates.tsv's rows of these kinds, placeholders filled in, with their kind."""
    return [(_filled(pattern), kind) for pattern, kind in table("dates.tsv") if kind in kinds]


@cache
def _shapes() -> tuple[tuple[regex.Pattern[str], str], ...]:
    """The date rows of dates.tsv, compiled."""
    return tuple((patterns.compile(pattern), kind) for pattern, kind in _rows(_DATE_KINDS))


def shape(kind: str) -> str:
    """The pattern of dates.tsv's rows of ``kind`` (``session``, ``name_year``), joined with |."""
    return "|".join(f"(?:{pattern})" for pattern, _ in _rows((kind,)))


@cache
def day_parts() -> tuple[str, ...]:
    """The parts of the day of relative_days.tsv (上午, 下午 …), longest first."""
    return tuple(sorted((w for w, v in table("relative_days.tsv") if v == "part"), key=len, reverse=True))


@cache
def _relative() -> tuple[regex.Pattern[str], dict[str, int | None]]:
    """One pattern of the words of relative_days.tsv (longest first) and the days each counts back."""
    days: dict[str, int | None] = {}
    for word, value in table("relative_days.tsv"):
        if value != "part":
            days[word] = None if value == "vague" else -int(value)
    words = sorted(days, key=len, reverse=True)
    return patterns.compile("|".join(map(regex.escape, words))), days


@cache
def _may_hold_date() -> Callable[[str], bool]:
    """True for every text in which a date shape of dates.tsv or a word of relative_days.tsv may
    be found: a pre-test derived from the literal words each needs (年, 月, 日, a century's first
    digits, the words themselves). A time of day is left out: it is read only after a date."""
    shapes = [pattern for pattern, kind in _rows(_DATE_KINDS) if kind != "time"]
    return literal_pretest([*shapes, *map(regex.escape, _relative()[1])])


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """``2017-10-07``, or ``--10-07`` without a year; None for no such day (2月30日, 13月)."""
    if month is None or day is None:
        return None
    try:
        dt.date(year if year is not None else _LEAP_YEAR, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def find_dates(text: str, *, times: bool = False) -> list[DateMention]:
    """The dates written in ``text``, in order, none overlapping (the longer of two at one place).

    Relative words (``昨天``, ``近日``) are included; with ``times`` a time of day right after a
    full date is read into the date's ``time``."""
    if not _may_hold_date()(text):  # most lines of a page's chrome
        return []
    found: list[tuple[int, int, DateMention]] = []
    time_matches: list[regex.Match[str]] = []
    for pattern, kind in _shapes():
        for m in pattern.finditer(text):
            if kind == "time":
                time_matches.append(m)
                continue
            groups = m.groupdict()
            year = cn_number(groups["y"]) if groups.get("y") else None
            month = cn_number(groups["m"]) if groups.get("m") else None
            day = cn_number(groups["d"]) if groups.get("d") else None
            if iso_date(year, month or 1, day) is None or (year is not None and not _YEAR_MIN <= year <= _YEAR_MAX):
                continue
            found.append((m.start(), m.end(), DateMention(m.start(), m.end(), kind, year, month, day)))
    words, days = _relative()
    for m in words.finditer(text):
        back = days[m.group()]
        kind = "vague" if back is None else "relative"
        found.append((m.start(), m.end(), DateMention(m.start(), m.end(), kind, days_back=back)))
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[DateMention] = []
    end = -1
    for start, stop, mention in found:
        if start >= end:
            out.append(mention)
            end = stop
    if times and time_matches:
        out = [_with_time(d, text, time_matches) if d.kind == "ymd" else d for d in out]
    return out


def _with_time(date: DateMention, text: str, times: list[regex.Match[str]]) -> DateMention:
    for m in times:
        if date.end <= m.start() <= date.end + _TIME_GAP and _TIME_JOINER.fullmatch(text, date.end, m.start()):
            hms = (int(m.group("H")), int(m.group("M")), int(m.group("S") or 0))
            return DateMention(date.start, date.end, date.kind, date.year, date.month, date.day, time=hms,
                               time_end=m.end())
    return date


@cache
def _iso() -> regex.Pattern[str]:
    """An ISO 8601 timestamp, compiled when a page's metadata first gives one."""
    return patterns.compile(
        r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*"
    )


def read_timestamp(value: str) -> tuple[str, bool] | None:
    """A metadata value (``2020-02-29T18:34:31+08:00``, ``Thu, 21 Jul 2022 23:44:13 GMT``,
    ``2019年5月18日``) as ISO 8601, and whether it holds a time of day; None when it is no date."""
    value = value.strip()
    m = _iso().fullmatch(value)
    if m:
        y, mo, d, hh, mi, ss, zone = m.groups()
        date = iso_date(int(y), int(mo), int(d))
        if date is None:
            return None
        if hh is None:
            return date, False
        if int(hh) > 23 or int(mi) > 59 or int(ss or 0) > 59:
            return date, False
        text = f"{date}T{int(hh):02d}:{int(mi):02d}:{int(ss or 0):02d}"
        if zone:
            text += "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
        return text, True
    if regex.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", value):
        from email.utils import parsedate_to_datetime  # an RFC 2822 date: rare, and email is slow to import

        try:
            stamp = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            stamp = None
        if stamp is not None and _YEAR_MIN <= stamp.year <= _YEAR_MAX:
            return stamp.isoformat(), True
    dates = [d for d in find_dates(value, times=True) if d.kind == "ymd"]
    if dates:
        return stamp_of(dates[0]), dates[0].time is not None
    return None


def stamp_of(date: DateMention) -> str:
    """A full date (and its time of day) as ISO 8601: ``2019-01-18T11:05:00`` or ``2019-01-18``."""
    text = iso_date(date.year, date.month, date.day) or ""
    if date.time is not None:
        h, m, s = date.time
        text += f"T{h:02d}:{m:02d}:{s:02d}"
    return text
