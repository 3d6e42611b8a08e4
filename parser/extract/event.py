"""The meeting itself: its name, its day and its place, as the report writes them.

Rules (ANNOTATION.md, event), with the words in ``lexicons/meeting_words.tsv``,
``place_cues.tsv``, ``dates.tsv`` and ``relative_days.tsv``:

- **name**: the meeting at its first mention, headline before lead, as written. A mention is a
  name ending in a meeting noun next to a verb that holds it (``召开X``, ``X在京召开``), a
  name a speaker spoke at (``在X上强调``, ``在X召开的…上``), or a speech's occasion
  (``在X上的讲话``). A named mention beats a bare one (``召开会议``), which takes the subject
  before its verb (``市委常委会召开会议`` → ``市委常委会会议``); a meeting still to come
  (``决定…召开``) or cited (``学习贯彻…在X上的讲话精神``) is none. Kind ``other`` has no meeting.
- **date**: a speech's own date line; else the date in the sentence that names the meeting;
  else the first dated sentence of the lead that tells of an event. A month and day take the
  year of publication (the year before when that would put the event after publication), or of
  the meeting's name (``2019年…年会``); a day alone takes its month from the dateline; ``昨天``
  counts from the publication date; ``近日`` leaves the day unknown. ``--MM-DD`` without a year.
- **place**: what stands between ``在`` and a verb of holding or visiting
  (``在北京人民大会堂举行``), in the lead first, then in body sentences naming the meeting, then
  in the headline; a time (``在建党99周年之际``) or a host city alone is no place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice

import regex

from .. import patterns
from ..model import Event, EventDate, EventText, Published
from ..vocabulary.lexicon import table
from .dates import DateMention, day_parts, find_dates, iso_date, shape
from .passages import Passage


@cache
def _date_note() -> regex.Pattern[str]:
    """A note above the lead giving the event's date (``时间：2月11日``): a label of kind
    ``event`` of ``lexicons/info_bar_labels.tsv`` and a colon."""
    labels = (w for w, kinds in table("info_bar_labels.tsv") if "event" in kinds.split())
    return patterns.compile(rf"\s*(?:{'|'.join(map(regex.escape, labels))})\s*[：:]")


# characters that end a clause: a name or a place never runs across them
_BOUNDARY = r"，。；：！？!?;:\s】」』|｜—…"
# what may stand around a speech's date line: brackets and spaces ((2020年1月8日))
_DATE_LINE_REST = patterns.compile(r"[\s（）()]")
# a clause is looked back into this far at most: longer runs without a comma are no clauses
_CLAUSE_MAX = 200
# (a dash ends a clause when doubled, ——; a single one joins a range of days, 17日—19日)
_CLAUSE_BREAK = patterns.compile(r"[，。；：！？!?;:】」』|｜ \t\u3000\n]|——", regex.REVERSE)
_CLAUSE_END = patterns.compile(r"[，。；：！？!?;:\n]")
_SENTENCE_END = patterns.compile(r"[。！？!?；;]+")
# a name is at most this many characters (the longest in the corpora has about 45)
_NAME_MAX = 60
# a place is at most this many characters (市行政中心第一会议室; 唐代渤海国上京龙泉府遗址现场)
_PLACE_MAX = 24
# 在X同…会见: the words between the place and the verb (同外宾, 与青年代表) are at most this many
_WITH_MAX = 30
# 在X， opens a clause at most this far into its sentence (1月17日上午在市行政中心，…)
_PLACE_COMMA_LEAD = 12
# body paragraphs searched for the meeting's full name, its place or its date; reports name
# them in the opening paragraphs, and a long transcript is not read to its end for them
_BODY_PARAGRAPHS = 40
# body paragraphs read for the day when the lead gives none: the one after the lead, which tells
# of the meeting when the lead told why it was held; later ones tell of other days
_DATE_BODY_PARAGRAPHS = 1
# of each cue (召开, 在…上强调 …) a passage is read for this many: a meeting is named early, and a
# paragraph repeating a cue a thousand times is not read for each
_CUES_MAX = 50
# a passage is read to this many characters: a paragraph of a whole book is not searched whole
_PASSAGE_MAX = 4000
# a page stamped in UTC may carry the day before the meeting's local day, and a dispatch may
# announce tomorrow's opening: a day up to this many days after the publication date (or the
# dateline's day) is still taken to be of its year (or month)
_PUBLICATION_SLACK = 1
# a name's words run back this much further than _NAME_MAX, for what stands before the name in the
# same run (a time, 1月17日下午; an attributive, …主办的) and for the ” that closes a quoted name
_NAME_RUN_SLACK = 20
# before the 上 of 在X上强调 the name's words are read back this much further than _NAME_MAX (a quote
# around the name: 在“…”上)
_SPOKEN_AT_SLACK = 2
# a quoted or bracketed stretch inside a name is at most this long (“不忘初心、牢记使命”主题教育; （扩大）)
_QUOTED_MAX = 40
_BRACKETED_MAX = 12
# parts of the day written between a date and a verb (1月17日下午), stripped off names and subjects
_NAME_CHAR = (rf"(?:“[^”\n]{{1,{_QUOTED_MAX}}}”|\"[^\"\n]{{1,{_QUOTED_MAX}}}\"|《[^》\n]{{1,{_QUOTED_MAX}}}》"
              rf"|[（(][^）)\n]{{1,{_BRACKETED_MAX}}}[）)]"
              r"|[^，。；：！？、\s”\"《》【】（）()\[\]|｜—])")


@cache
def _kinds(name: str) -> dict[str, tuple[str, ...]]:
    """kind → its words (longest first) for a two-column lexicon of words and kinds."""
    out: dict[str, list[str]] = {}
    for word, kinds in table(name):
        for kind in kinds.split():
            out.setdefault(kind, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _union(*groups: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted({w for g in groups for w in g}, key=len, reverse=True))


def _without(words: Sequence[str], left_out: Sequence[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in left_out)


class _Patterns:
    """The lexicons' words as patterns, each compiled the first time it is asked for (by
    attribute: ``_patterns().held``), with the word lists as ``regex``'s named lists
    (``\\L<noun>``, matched as sets). A name is not matched by one pattern: the verbs, nouns and
    stop words are found by small patterns and the name is read between them (``_name_after``,
    ``_name_before``), which keeps compiling them cheap and matching them linear."""

    def __init__(self, sources: dict[str, tuple[str, int]], lists: dict[str, tuple[str, ...]]) -> None:
        self._sources = sources
        self._lists = lists

    def __getattr__(self, name: str) -> regex.Pattern[str]:
        # called only for a pattern not compiled yet: it is then stored as a plain attribute
        try:
            source, flags = self._sources[name]
        except KeyError:
            raise AttributeError(name) from None
        pattern = patterns.compile(source, flags, ignore_unused=True, **self._lists)
        setattr(self, name, pattern)
        return pattern


@cache
def _patterns() -> _Patterns:
    """The patterns of the meeting words and place cues, by name."""
    words = _kinds("meeting_words.tsv")
    places = _kinds("place_cues.tsv")
    lists = {
        "noun": words["noun"], "cont": words["continues"], "joined": words["joined"], "adverb": words["adverb"],
        "held": words["held"], "convene": words["convene"], "attending": _union(words["convene"], words["attend"]),
        "spoke": _union(words["spoke"], words["speech"]), "bare": words["bare"], "by": words["by"],
        "greeting": words["greeting"], "determiner": words["determiner"], "not_held": words["not_held"],
        "since": words["since"], "source": words["source"], "cited": words["cited"], "cue": words["cue"],
        "chair": words["chair"], "cited_end": words["cited_end"], "joins": words["joins"],
        # a name does not run over a verb of holding or a word that starts a predicate
        "stop": _union(words["ends"], words["convene"], words["attend"], words["held"], words["not_held"]),
        "meeting_verbs": _without(_union(words["convene"], words["held"], places["verb"]), places["not_verb"]),
        "all_verbs": _without(_union(words["convene"], words["held"], places["verb"], places["visit"]),
                              places["not_verb"]),
        "with": places["with"],
    }
    place_char = r"[^，。；：！？、\s“”\"《》【】\[\]|｜—…的在]"
    not_at = "|".join(regex.escape(w[:-1]) for w in places["not_at"] if w.endswith("在") and len(w) > 1)
    at = rf"(?<!{not_at})在"
    sources = {
        "held": r"(?!\L<noun>)\L<held>(?!的)",  # a verb after a meeting (X在京召开)
        "attending": r"\L<attending>(?!的)了?",  # a verb before a meeting (召开X, 出席X)
        "spoke_end": r"上(?P<speech>的)?\L<spoke>",  # 上强调, 上的讲话: where `在X上强调` ends
        "held_at": r"\L<convene>的",  # 召开的 (召开的X上)
        "place": rf"{at}(?P<place>{place_char}{{1,{_PLACE_MAX}}}?)\L<adverb>?(?=\L<meeting_verbs>)",  # 在X召开, 在X主持
        "place_visit": rf"{at}(?P<place>{place_char}{{1,{_PLACE_MAX}}}?)\L<adverb>?(?=\L<all_verbs>)",  # 在X调研
        "place_with": (rf"{at}(?P<place>{place_char}{{1,{_PLACE_MAX}}}?)\L<with>"  # 在X同…会谈
                       rf"[^{_BOUNDARY}]{{2,{_WITH_MAX}}}?\L<all_verbs>"),
        # 在X，…召开
        "place_comma": rf"(?:[^，。]{{0,{_PLACE_COMMA_LEAD}}}?){at}(?P<place>{place_char}{{2,{_PLACE_MAX}}})[，,]",
        "event_cue": r"\L<all_verbs>|\L<noun>(?!\L<cont>)|\L<cue>",  # a sentence telling of a meeting or visit
        "nouns": r"\L<noun>(?!\L<cont>)",  # a meeting noun that is not the start of a longer word
        # a word a name does not run over (not where a noun starts, nor a noun joined to another)
        "stop": r"(?!\L<noun>)\L<stop>(?!\L<joins>)",
        "verbs": r"\L<all_verbs>",  # any verb of holding (召开, 举行, 开庭 …) or visiting
        "adverb_end": r"\L<adverb>",  # an adverb ending right before a verb (隆重|举行): searched backwards
        "joined": r"\L<joined>",  # 活动 ending the last part of a name joined by 暨
        "noun_subject": r"\s*\L<noun>(?:在|于)",  # 会议在…, 会议于… opening a sentence: the meeting referred to
        "bare_name": rf"(?:{shape('session')})\L<bare>",  # a session and a bare noun: a name that needs its subject
        "attributive": r"\L<by>的",  # …主办的 before a name
        "greeting": r"\L<greeting>",  # 热烈祝贺 before a name
        "determiner": r"\L<determiner>",  # 一场, 此次 opening a description
        "not_held": r"\L<not_held>",
        "since": r"[\d一二三四五六七八九十百]*\L<since>",  # 以来, 四周年之际 right after a verb of holding
        "source": r"\L<source>",  # 获悉 after 召开的X上
        "cited": r"\L<cited>",
        "year_in_name": shape("name_year"),  # a year in a meeting's name (group y)
        "chair": r"\L<chair>$",  # 主持 ending the text before 召开
        "cited_end": r"\L<cited_end>",  # 精神 closing a cited speech
    }
    backwards = {"adverb_end"}
    return _Patterns({name: (source, regex.REVERSE if name in backwards else 0) for name, source in sources.items()},
                     lists)


_NAME_RUN = patterns.compile(rf"(?:{_NAME_CHAR})+")
_NAME_RUN_BACK = patterns.compile(rf"(?:{_NAME_CHAR})+", regex.REVERSE)
# what may stand between a meeting and its verb: a time, a place after 在, 于 (…全体会议，于…举行)
_FILLER_MAX = 30
# the words that mark an earlier occasion cited (…上的重要讲话精神) follow its name within this many
# characters
_CITED_END_WINDOW = 12
# of the clause after a place, its last this many characters are read for such a word (…调研时的重要讲话精神)
_CITED_TAIL = 4
# a dateline set apart above the lead (新华社北京3月5日电) is a short line; a longer aside is a paragraph
_DATELINE_ASIDE_MAX = 40
# the subject that completes a bare noun (市委常委会 of 市委常委会召开会议) is an organ's name: a
# longer stretch before the verb is a clause, not a subject
_SUBJECT_MIN, _SUBJECT_MAX = 2, 20
# a note of a speech's occasion (本文节选自…在…上的讲话) is a short paragraph, not a story telling of it
_SPEECH_NOTE_MAX = 200
# a meeting's name this long is specific enough to find the body sentence about it by; a shorter
# one (会议) stands in many sentences
_NAME_KEY_MIN = 4
# a body sentence may name the meeting again without its subject (明德学院转设工作表彰大会 →
# 学院转设工作表彰大会): a tail of the name this long still tells that meeting from others
_NAME_TAIL_MIN = 6
# a name never opens with 的: the words before it described the meeting (主题为“…”的颁奖典礼)
_DESCRIBED = "的"


@cache
def _not_end() -> tuple[str, ...]:
    return _kinds("place_cues.tsv")["not_end"]


@cache
def _not_place() -> frozenset[str]:
    return frozenset(_kinds("place_cues.tsv")["not_place"])


@cache
def _bare() -> frozenset[str]:
    return frozenset(_kinds("meeting_words.tsv")["bare"])


@cache
def _noun_words() -> frozenset[str]:
    return frozenset(_kinds("meeting_words.tsv")["noun"])


# how much a mention says: a name of its own (十三届全国人大常委会第三十七次会议), a bare noun
# completed by its subject (市委常委会会议), or a noun alone (座谈会) that refers to a meeting
NAMED, COMPLETED, NOUN_ONLY = 2, 1, 0


@dataclass(frozen=True)
class _Mention:
    """A meeting named in one passage: ``start``/``end`` of the words it was read from, the
    name as the output shows it, and how much it says (``quality``)."""

    passage: int
    start: int
    end: int
    name: str
    quality: int
    speech: bool = False
    noun: str = ""  # the meeting noun the name ends with


def read_event(passages: Sequence[Passage], published: Published | None, kind: str) -> Event:
    """The event a report tells of: name, date and place, each None when the report does not say."""
    passages = [p if len(p.text) <= _PASSAGE_MAX else _clipped(p) for p in passages]
    heads = [i for i, p in enumerate(passages) if p.place == "headline"]
    leads = [i for i, p in enumerate(passages) if p.place == "lead"]
    body = [i for i, p in enumerate(passages) if p.place == "body"][:_BODY_PARAGRAPHS]
    mention = None if kind == "other" else _meeting(passages, heads, leads, body, kind == "speech")
    name = None
    if mention is not None:
        p = passages[mention.passage]
        name = EventText(mention.name, p.span_of(mention.start, mention.end))
    context = _Context.of(passages, published, mention.name if mention else None)
    date = _date(passages, leads, body, mention, context, kind)
    place = _place(passages, heads, leads, body, mention, kind)
    return Event(name, date, place)


def _clipped(p: Passage) -> Passage:
    return Passage(p.text[:_PASSAGE_MAX], p.place, p.cls, p.before_lead, p.span_of, p.shown_of)


# ------------------------------------------------------------------------------------ the name


def _meeting(passages: Sequence[Passage], heads: list[int], leads: list[int], body: list[int],
             speech: bool) -> _Mention | None:
    """The meeting's first mention: a speech's occasion first; a name of its own before a bare
    noun completed by its subject, headline before lead; a noun alone (主持召开座谈会) is looked
    up in the body for its full name, and stands as it is when there is none."""
    ordered = [m for i in heads + leads for m in _mentions(passages[i], i)]
    if speech:
        occasions = [m for m in ordered if m.speech]
        if not occasions:
            asides = [i for i, p in enumerate(passages) if p.place in ("aside", "body")]
            occasions = [m for i in asides for m in _mentions(passages[i], i) if m.speech]
        if occasions:
            return occasions[0]
    for quality in (NAMED, COMPLETED):
        best = [m for m in ordered if m.quality == quality]
        if best:
            return best[0]
    if not ordered:
        return None
    alone = ordered[0]
    for i in body:
        full = [m for m in _mentions(passages[i], i) if m.quality == NAMED and m.noun == alone.noun]
        if full:
            return full[0]
    return None if alone.name in _bare() else alone


def _mentions(p: Passage, index: int) -> Iterator[_Mention]:
    """The meetings one passage names, in order of position."""
    pats = _patterns()
    text = p.text
    out: list[_Mention] = []
    for anchor in islice(pats.spoke_end.finditer(text), _CUES_MAX):  # 在X上强调, 在X上的讲话
        span = _spoken_at(text, anchor.start())
        if span and not _cited(text, span[0] - 1, anchor.end()):
            out.append(_named(p, index, *span, speech=bool(anchor.group("speech"))))
    for m in islice(pats.held_at.finditer(text), _CUES_MAX):  # 召开的X上
        span = _name_after(text, m.end(), before_shang=True)
        if span and not _cited(text, m.start(), span[1]) and not pats.source.match(text, span[1] + 1):
            out.append(_named(p, index, *span))
    convened: list[tuple[int, str, tuple[int, int]]] = []
    for m in islice(pats.attending.finditer(text), _CUES_MAX):  # 召开X, 出席X
        span = _name_after(text, m.end())
        if span and not _future(text, _clause_start(text, m.start()), m.start()):
            convened.append((m.start(), m.group().rstrip("了"), span))
    objects = {start for start, _, _ in convened}  # X举行Y会: the meeting is Y, which X held
    for m in islice(pats.held.finditer(text), _CUES_MAX):  # X在京召开
        if m.start() in objects or pats.since.match(text, m.end()):
            continue
        span = _name_before(text, m.start())
        if span and not _future(text, span[0], m.start()):
            out.append(_named(p, index, *span))
    for start, verb, span in convened:
        out.append(_convened(p, index, start, verb, *span))
    out.sort(key=lambda x: x.start)
    covered = -1
    for mention in out:  # one mention per stretch of text: the first found at a place wins
        if mention.start < covered:
            continue
        covered = mention.end
        yield mention


def _noun_ends(text: str, a: int, b: int) -> list[int]:
    """Ends of the meeting nouns inside ``text[a:b]``, each followed by ” when a quote closes it."""
    return [m.end() for m in _patterns().nouns.finditer(text, a, b)]


def _with_quote(text: str, end: int) -> int:
    """``end``, or past a ” that closes a quote opened in the name's words before it."""
    if not text.startswith("”", end):
        return end
    window = max(0, end - _NAME_MAX - _NAME_RUN_SLACK)
    return end + 1 if text.count("“", window, end) > text.count("”", window, end) else end


def _name_after(text: str, start: int, before_shang: bool = False) -> tuple[int, int] | None:
    """The name written right after a verb (召开X): up to the last meeting noun before the name's
    words end (a comma, 、, a verb or a word that starts a predicate); with ``before_shang``, up to the
    first noun followed by 上 (召开的X上)."""
    run = _NAME_RUN.match(text, start, min(len(text), start + _NAME_MAX + _NAME_RUN_SLACK))
    if run is None:
        return None
    end = run.end()
    stop = _patterns().stop.search(text, start, end)
    if stop is not None:
        end = stop.start()
    ends = _noun_ends(text, start, end)
    if before_shang:
        ends = [e for e in ends if text.startswith("上", _with_quote(text, e))]
        return (start, _with_quote(text, ends[0])) if ends else None
    if not ends:
        return None
    last = ends[-1]
    joined = text.find("暨", last, end)
    if joined >= 0:  # …部署会暨湖北省专场招聘活动
        tails = [m.end() for m in _patterns().joined.finditer(text, joined, end)]
        if tails:
            last = tails[-1]
    return start, _with_quote(text, last)


def _name_before(text: str, verb: int) -> tuple[int, int] | None:
    """The name of a meeting before its verb (X在京隆重召开, X4日在京召开, X，于…举行): from the
    start of its clause to the last meeting noun, when only a time, a place or an adverb stands
    between the noun and the verb."""
    pats = _patterns()
    start = _clause_start(text, verb)
    if text.startswith("于", start) and start >= 1 and text[start - 1] in "，,":
        start = _clause_start(text, start - 1)
    ends = _noun_ends(text, start, verb)
    if not ends:
        return None
    end = _with_quote(text, ends[-1])
    gap = verb
    adverb = pats.adverb_end.match(text, end, verb)
    if adverb is not None:
        gap = adverb.start()
    if gap - end > _FILLER_MAX or pats.verbs.search(text, end, gap) or pats.stop.search(text, end, gap):
        return None
    if regex.search(rf"[{_BOUNDARY}]", text[end:gap].replace("，于", "于").replace(",于", "于")):
        return None
    run = _NAME_RUN_BACK.match(text, start, end)
    if run is None:
        return None
    begin = run.start()
    stops = [m.end() for m in pats.stop.finditer(text, begin, end)]
    if stops:
        begin = stops[-1]
    zai = text.rfind("在", begin, end)  # 某某在X开幕式上: the meeting is X
    if zai >= 0:
        begin = zai + 1
    return (begin, end) if end > begin else None


def _spoken_at(text: str, shang: int) -> tuple[int, int] | None:
    """The X of ``在X上强调`` ending at the 上 at ``shang``: after the last 在 of the name's words."""
    run = _NAME_RUN_BACK.match(text, max(0, shang - _NAME_MAX - _SPOKEN_AT_SLACK), shang)
    if run is None:
        return None
    zai = text.rfind("在", run.start(), shang)
    if zai < 0:
        return None
    begin = zai + 1
    ends = _noun_ends(text, begin, shang)
    if not ends or _with_quote(text, ends[-1]) != shang or _patterns().stop.search(text, begin, shang):
        return None
    return begin, shang


def _named(p: Passage, index: int, a: int, b: int, speech: bool = False) -> _Mention:
    """A name as written, without a time before it (1月17日下午) or an attributive (…主办的)."""
    text = p.text
    a = _skip_time(text, a, b)
    pats = _patterns()
    by = [m.end() for m in pats.attributive.finditer(text, a, b)]
    if by:
        a = by[-1]
    greetings = [m.end() for m in pats.greeting.finditer(text, a, b)]
    if greetings:  # 热烈祝贺X, 致电祝贺X: the name follows the last
        a = greetings[-1]
    if text.startswith(_DESCRIBED, a) and a + 1 < b:
        a += 1
    shown = p.shown_of(a, b)
    if shown.startswith("“") and shown.endswith("”") and shown.count("“") == 1:
        shown = shown[1:-1]
    noun = _noun_of(text[a:b])
    alone = (text[a:b].strip("“”") in _noun_words() or pats.bare_name.fullmatch(text, a, b) is not None
             or pats.determiner.match(text, a, b) is not None)
    quality = NOUN_ONLY if alone else NAMED
    return _Mention(index, a, b, shown, quality, speech, noun)


def _noun_of(name: str) -> str:
    name = name.rstrip("”")
    return next((w for w in _kinds("meeting_words.tsv")["noun"] if name.endswith(w)), "")


def _convened(p: Passage, index: int, verb_start: int, verb: str, a: int, b: int) -> _Mention:
    """``召开X``: X as written; a bare X (``会议``, ``第2次集中学习``) after a verb that holds it
    takes the subject before the verb (``市委常委会召开会议`` → ``市委常委会会议``)."""
    text = p.text
    mention = _named(p, index, a, b)
    if not _patterns().bare_name.fullmatch(text, a, b):
        return mention
    convened = verb in _kinds("meeting_words.tsv")["convene"]
    start = _clause_start(text, verb_start)
    end = _strip_time_end(text, start, verb_start)
    start = _skip_time(text, start, end)
    subject = text[start:end]
    pats = _patterns()
    if (not convened or not _SUBJECT_MIN <= len(subject) <= _SUBJECT_MAX or pats.chair.search(text, 0, verb_start)
            or pats.chair.search(subject) or pats.nouns.search(subject)):
        return mention
    return _Mention(index, start, b, p.shown_of(start, end) + p.shown_of(a, b), COMPLETED, False, mention.noun)


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after a comma, stop or space), looking back at most
    _CLAUSE_MAX characters."""
    m = _CLAUSE_BREAK.search(text, max(0, pos - _CLAUSE_MAX), pos)
    return m.end() if m else max(0, pos - _CLAUSE_MAX)


def _clause_end(text: str, pos: int) -> str:
    """``text`` from ``pos`` to the end of its clause."""
    m = _CLAUSE_END.search(text, pos)
    return text[pos : m.start() if m else len(text)]


def _skip_time(text: str, a: int, b: int) -> int:
    """Past dates and parts of the day opening ``text[a:b]`` (1月17日下午, 今天)."""
    while a < b:
        dates = find_dates(text[a:b])
        if dates and dates[0].start == 0:
            a += dates[0].end
            continue
        part = next((w for w in day_parts() if text.startswith(w, a)), None)
        if part and a + len(part) < b:
            a += len(part)
            continue
        if text[a] in "，, 　":
            a += 1
            continue
        return a
    return a


def _strip_time_end(text: str, a: int, b: int) -> int:
    """Before dates and parts of the day closing ``text[a:b]`` (中共中央政治局12月8日, 国务院下午)."""
    changed = True
    while changed and b > a:
        changed = False
        for d in find_dates(text[a:b]):
            if a + d.end == b:
                b, changed = a + d.start, True
                break
        for w in day_parts():
            if text.endswith(w, a, b):
                b, changed = b - len(w), True
                break
    return b


def _future(text: str, a: int, b: int) -> bool:
    return _patterns().not_held.search(text, a, b) is not None


def _cited(text: str, start: int, end: int) -> bool:
    """``学习贯彻…在X上的重要讲话精神``: an earlier occasion cited, not the meeting reported."""
    clause = _clause_start(text, start)
    if _patterns().cited.search(text, clause, start):
        return True
    return _patterns().cited_end.search(text, end, end + _CITED_END_WINDOW) is not None


# ------------------------------------------------------------------------------------ the date


@dataclass(frozen=True)
class _Context:
    """What completes a partial date: the publication date, the dateline's day, a year in the name."""

    published: dt.date | None
    dateline: DateMention | None
    time_note: DateMention | None
    name_year: int | None

    @classmethod
    def of(cls, passages: Sequence[Passage], published: Published | None, name: str | None) -> _Context:
        pub = None
        if published is not None:
            try:
                pub = dt.date.fromisoformat(published.value[:10])
            except ValueError:
                pub = None
        dateline = None
        for p in passages:
            if p.place == "dateline" or (p.place == "aside" and p.before_lead and "电" in p.text
                                         and len(p.text) < _DATELINE_ASIDE_MAX):
                dated = [d for d in find_dates(p.text) if d.kind in ("ymd", "md")]
                if dated:
                    dateline = dated[0]
                    break
            if p.place == "lead":
                break
        note = None
        for p in passages:
            if p.place == "aside" and p.before_lead and _date_note().match(p.text):
                dated = [d for d in find_dates(p.text) if d.kind in ("ymd", "md")]
                if dated:
                    note = dated[0]
                    break
        year = None
        if name:
            m = _patterns().year_in_name.search(name)
            year = int(m.group("y")) if m else None
        return cls(pub, dateline, note, year)

    def year_for(self, month: int, day: int) -> tuple[int | None, str | None]:
        """The year of a month and day, and what it was taken from."""
        if self.published is not None:
            year = self.published.year
            try:
                when = dt.date(year, month, day)
            except ValueError:
                when = None
            if when is not None and when > self.published + dt.timedelta(days=_PUBLICATION_SLACK):
                year -= 1
            return year, "year from the publication date"
        if self.name_year is not None:
            return self.name_year, "year from the meeting's name"
        if self.dateline is not None and self.dateline.year is not None:
            return self.dateline.year, "year from the dateline"
        return None, None

    def month_for(self, day: int) -> tuple[int | None, int | None, str | None]:
        """(year, month) of a day written alone, from the dateline, a time note or the publication date."""
        for ref, what in ((self.dateline, "the dateline"), (self.time_note, "the date line")):
            if ref is not None and ref.month is not None and ref.day is not None:
                year, month = ref.year, ref.month
                if day > ref.day + _PUBLICATION_SLACK:
                    year, month = (year, month - 1) if month > 1 else ((year - 1) if year else None, 12)
                return year, month, f"month from {what}"
        if self.published is not None:
            year, month = self.published.year, self.published.month
            if day > self.published.day + _PUBLICATION_SLACK:
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
            return year, month, "month from the publication date"
        return None, None, None

    def reference_day(self) -> tuple[dt.date | None, str | None]:
        """The day a word such as 昨天 counts from: the publication date."""
        if self.published is not None:
            return self.published, "counted from the publication date"
        return None, None


def _resolve(date: DateMention, context: _Context) -> tuple[str, str | None] | None:
    """A date mention as (ISO value, what was inferred), or None when it names no certain day."""
    if date.kind == "ymd":
        value = iso_date(date.year, date.month, date.day)
        return (value, None) if value else None
    if date.kind == "md" and date.month is not None and date.day is not None:
        year, how = context.year_for(date.month, date.day)
        value = iso_date(year, date.month, date.day)
        return (value, how) if value else None
    if date.kind == "d" and date.day is not None:
        year, month, how = context.month_for(date.day)
        if month is None:
            return None
        if year is None:
            year, year_how = context.year_for(month, date.day)
            how = f"{how}; {year_how}" if year_how else how
        value = iso_date(year, month, date.day)
        return (value, how) if value else None
    if date.kind == "relative" and date.days_back is not None:
        ref, how = context.reference_day()
        if ref is None:
            return None
        day = ref - dt.timedelta(days=date.days_back)
        return day.isoformat(), how
    return None


def _date(passages: Sequence[Passage], leads: list[int], body: list[int], mention: _Mention | None,
          context: _Context, kind: str) -> EventDate | None:
    candidates: list[tuple[Passage, DateMention]] = []
    if kind == "speech":
        candidates += _speech_dates(passages)
    if mention is not None and passages[mention.passage].place in ("lead", "body"):
        p = passages[mention.passage]
        a, b = _sentence_around(p.text, mention.start)
        dates = [d for d in find_dates(p.text[a:b])]
        if dates:
            candidates.append((p, _shift(dates[0], a)))
    if not candidates:
        naming, telling = _dates_told(passages, leads, mention, kind)
        candidates += (naming + telling)[:1]
    if not candidates:
        # a lead that tells why the meeting was held leaves its day to the next paragraph
        # (7月1日，…表彰大会在…会议室召开), which must name it
        candidates += _dates_told(passages, body[:_DATE_BODY_PARAGRAPHS], mention, kind)[0][:1]
    for p, date in candidates[:1]:
        resolved = _resolve(date, context)
        if resolved is None:
            return None
        value, how = resolved
        return EventDate(value, p.shown_of(date.start, date.end), p.span_of(date.start, date.end), how)
    return None


def _dates_told(passages: Sequence[Passage], indices: list[int], mention: _Mention | None,
                kind: str) -> tuple[list[tuple[Passage, DateMention]], list[tuple[Passage, DateMention]]]:
    """The first date of each sentence of these passages that tells of an event held (not one planned,
    将于…开幕): of those naming the meeting (its name or its noun), and of all. In other text only a
    verb of holding tells of an event (大会在京举行, 开庭审理): a meeting mentioned (…常委会第七次会议审议
    通过) is a reference."""
    pats = _patterns()
    cues = pats.verbs if kind == "other" else pats.event_cue
    naming: list[tuple[Passage, DateMention]] = []
    telling: list[tuple[Passage, DateMention]] = []
    words = [w for w in ((mention.name.strip("“”"), mention.noun) if mention else ()) if w]
    for i in indices:
        p = passages[i]
        for a, b in _sentences(p.text):
            cue = cues.search(p.text, a, b)
            verb = pats.verbs.search(p.text, a, b)  # 将 before the verb: 论坛将在杭州举行
            if cue is None or _future(p.text, a, verb.start() if verb else b):
                continue
            # a dateline's day inside the lead (据新华社柏林5月11日电) is when it was filed, not the event's
            dates = [d for d in find_dates(p.text[a:b]) if not p.text.startswith("电", a + d.end)]
            if not dates:
                continue
            found = (p, _shift(dates[0], a))
            if any(w in p.text[a:b] for w in words):
                naming.append(found)
            telling.append(found)
    return naming, telling


def _speech_dates(passages: Sequence[Passage]) -> list[tuple[Passage, DateMention]]:
    """A speech's own date: a line of a full date by the title (（2020年1月8日）), or a note that the
    text is someone's speech of a day (本文节选自…2019年1月16日在…上的讲话)."""
    out = []
    for p in passages:
        if p.place == "aside" and p.before_lead:
            dates = find_dates(p.text)
            if len(dates) == 1 and dates[0].kind == "ymd" and not _DATE_LINE_REST.sub(
                    "", p.text[: dates[0].start] + p.text[dates[0].end:]):
                out.append((p, dates[0]))
    for p in passages:
        if p.place in ("aside", "body") and len(p.text) < _SPEECH_NOTE_MAX:
            for m in _mentions(p, 0):
                if m.speech:
                    dates = [d for d in find_dates(p.text[: m.start]) if d.kind == "ymd"]
                    if dates:
                        out.append((p, dates[-1]))
    return out


def _shift(date: DateMention, by: int) -> DateMention:
    return DateMention(date.start + by, date.end + by, date.kind, date.year, date.month, date.day, date.days_back)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    for a, b in _sentences(text):
        if a <= pos < b:
            return a, b
    return 0, len(text)


# ----------------------------------------------------------------------------------- the place


def _place(passages: Sequence[Passage], heads: list[int], leads: list[int], body: list[int],
           mention: _Mention | None, kind: str) -> EventText | None:
    """Where the event was held: in the lead, else in a body sentence naming the meeting, else in
    the headline (or, for a speech, in a caption naming its occasion). A named meeting's place
    stands before one of its own verbs; an event without one may be a visit (在新疆调研)."""
    pats = _patterns()
    if mention is None:
        return _place_of(passages, heads, leads, body, mention, kind, pats.place_visit)
    return (_place_of(passages, heads, leads, body, mention, kind, pats.place)
            or _place_of(passages, heads, leads, [], mention, kind, pats.place_visit))


def _place_of(passages: Sequence[Passage], heads: list[int], leads: list[int], body: list[int],
              mention: _Mention | None, kind: str, pattern: regex.Pattern[str]) -> EventText | None:
    pats = _patterns()
    for i in leads:
        p = passages[i]
        for a, b in _sentences(p.text):
            if pats.event_cue.search(p.text, a, b):
                found = _place_in(p, a, b, pattern)
                if found is not None:
                    return found
    if kind == "other":
        return None
    if mention is not None:
        key = mention.name.strip("“”")
        tail = key[-_NAME_TAIL_MIN:]
        searched = body + ([i for i, p in enumerate(passages) if p.place == "aside" and p.before_lead]
                           if kind == "speech" else [])
        for i in searched:
            p = passages[i]
            for a, b in _sentences(p.text):
                found = None
                if (len(key) >= _NAME_KEY_MIN and key in p.text[a:b]) or pats.noun_subject.match(p.text, a, b):
                    found = _place_in(p, a, b, pattern, comma=True)
                elif len(key) > _NAME_TAIL_MIN and (at := p.text.find(tail, a, b)) >= 0:
                    # the name again without its subject: only a place of its own clause is its place
                    named_end = at + len(tail)
                    clause_end = named_end + len(_clause_end(p.text, named_end))
                    found = _place_in(p, max(a, _clause_start(p.text, at)), clause_end, pattern)
                if found is not None:
                    return found
    for i in heads:
        found = _place_in(passages[i], 0, len(passages[i].text), pattern)
        if found is not None:
            return found
    return None


def _place_in(p: Passage, a: int, b: int, pattern: regex.Pattern[str], comma: bool = False) -> EventText | None:
    """The first place of ``p.text[a:b]``: not a time, not a meeting, not in a clause that cites an
    earlier occasion or plans a later one."""
    pats = _patterns()
    text = p.text
    # of two places read at one 在, the shorter: 在中南海同…集体谈话 is held in 中南海
    matches = sorted([*pattern.finditer(text, a, b), *pats.place_with.finditer(text, a, b)],
                     key=lambda m: (m.start(), len(m.group("place"))))
    if comma:
        m = pats.place_comma.match(text, a, b)
        if m:
            matches.insert(0, m)
    for m in matches:
        x, y = m.span("place")
        place = text[x:y]
        clause = _clause_start(text, x)
        if (place.endswith(_not_end()) or place in _not_place() or find_dates(place) or pats.verbs.search(place)
                or pats.nouns.search(place) or _future(text, clause, x)
                or _patterns().cited_end.search(_clause_end(text, y)[-_CITED_TAIL:])):  # (…调研时的重要讲话精神: cited)
            continue
        return EventText(p.shown_of(x, y), p.span_of(x, y))
    return None
