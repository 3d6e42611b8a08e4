"""One roster read with a grammar: the people, titles and group labels of a list such as
``市委书记甲、市长乙等市领导``.

A roster's pieces, cut at ``、``/``，``/``和``, become TITLE / NAME / DENG tokens through the
right-to-left name splitter, and ``grammar/attendance.lark`` decides whether they form a
roster: titles chain forward to the names after them, a label after ``等`` applies back.

The clause search (attendance.py) asks about many cuts of one clause, so reading comes in two
steps: a piece's token kinds are read once (cached), and the grammar's parse is cached by the
kind sequence (it looks at nothing else), so a candidate can be rejected from kinds alone; only
an accepted roster is read with values and positions (:func:`parse_roster`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import patterns
from ..vocabulary.lexicon import ordered_words
from ..vocabulary.names import (
    all_han,
    cited_forms,
    foreign_shaped,
    has_stopchar,
    is_common_word,
    is_post_title,
    is_title,
    looks_like_name,
    looks_like_name_after_title,
    post_title_max,
    split_title_name,
    starts_inside_word,
    weak_surname,
)
from .roster_grammar import Plan, read_roster

PIECE_SEP = patterns.compile(r"[、，,\s]+")
_AND = patterns.compile(r"以及|和|及|与|同(?!志)")  # 同志 is a word, not 同 joining two entries
_TITLE_JUNK = patterns.compile(
    r"[在由对向就说是了将把被从\d：《》（）()]|^(?:来自|如同|作为|担任|包括|据)|邀请|会上|同时|随后|此外|其中|今天|昨天|期间|"
    + "|".join(map(regex.escape, sorted(ordered_words("title_stopwords.txt"), key=len, reverse=True)))
)
# Words of a title that hold a character _TITLE_JUNK rejects (全体在校校领导, 在京中央单位负责同志)
# and the units written with their number (监事会09办事处副主任): they are read as if that
# character were not there.
@cache
def _title_inner() -> regex.Pattern[str]:
    """Compiled when a title first holds junk (rare)."""
    return patterns.compile(
        "|".join(map(regex.escape, sorted(ordered_words("title_inner_words.txt"), key=len, reverse=True)))
        + r"|[0-9０-９]+(?="
        + "|".join(map(regex.escape, sorted(ordered_words("numbered_units.txt"), key=len, reverse=True)))
        + ")"
    )


_AFFILIATION = patterns.compile(
    r"(?:大学|学院|研究所|研究院|研究中心|中心|学会|协会|学校|中学|医院|公司|集团|科学院|社科院|厅|局|处|室|委|部)$"
)
_COUNTED = patterns.compile(r"^[0-9一二三四五六七八九十百多余]+(?:位|名|人)\p{Han}{0,6}$")
_QUOTED = patterns.compile(r"“[^“”]{0,40}”|《[^《》]{0,40}》")
_NOTE_IN_LIST = patterns.compile(r"[（(][^（）()]{1,14}[）)]")
_LEADING_AND = patterns.compile(r"^(?:以及|及|和|与|还有)")
_AND_SEP = "和"  # the separator token of entries joined by 和/及/与 (甲及乙)
_LEADING_AND_WORDS = ("以及", "及", "和", "与", "还有")
_QUOTES = "“”‘’\"'「」"

# A work limit for hostile text (attendance.py holds the search's): a longer piece is not read,
# which also keeps _read_piece's recursion at 等 shallow.
MAX_PIECE = 200  # characters of one roster entry between separators (real ones: under 40)


@dataclass
class Mention:
    """A person or group named in an attendance clause."""

    name: str  # empty for an unnamed group
    titles: list[str]
    roles: list[str]
    start: int  # in the paragraph text
    end: int
    label: str = ""  # group label after 等 / before the list
    addressed: bool = False  # a title written after the name (韦知远委员): no title, but a sure person
    acted: bool = False  # a role verb of an act (出席, 讲话) or words said at the event place the person there


@lru_cache(maxsize=65536)
def _piece_tokens(piece: str, lenient: bool = False) -> tuple[tuple[str, str], ...] | None:
    """Cached :func:`_read_piece`: rosters are re-read for many candidate cuts of one clause."""
    toks = _read_piece(piece, lenient)
    return tuple(toks) if toks is not None else None


def _read_piece(piece: str, lenient: bool = False) -> list[tuple[str, str]] | None:
    """Tokens of one piece between separators, or None when it is not part of a roster.

    ``lenient`` accepts a bare 2–3 character piece as a name even with a surname the lexicon
    lacks; it is used only inside lists that already hold several sure names.
    """
    if not piece:
        return []
    if len(piece) > MAX_PIECE:  # not a title chain and a name; and 等 recursion stays shallow
        return None
    if piece[:1] in _QUOTES or piece[-1:] in _QUOTES:  # “珠江学者”: a quoted honour in a chain
        piece = piece.strip(_QUOTES)
        if not piece:
            return None
    if piece.startswith(_LEADING_AND_WORDS):  # the regex only when it can match
        piece = _LEADING_AND.sub("", piece) or piece
    if lenient and bare_name_shape(piece):
        return [("NAME", piece)]
    if piece.startswith("等") and len(piece) > 1 and _clean_title(piece[1:]):
        return [("DENG", "等"), ("TITLE", piece[1:])]
    if "等" in piece:
        i = piece.rfind("等")
        head, tail = piece[:i], piece[i + 1 :]
        head_toks = _piece_tokens(head, lenient)
        if _COUNTED.match(tail):  # 等12位专家: a count, not a label
            tail = ""
        if head_toks and head_toks[-1][0] == "NAME" and (not tail or _clean_title(tail)):
            return [*head_toks, ("DENG", "等")] + ([("TITLE", _clean_title(tail) or "")] if tail else [])
        return None
    split = split_title_name(piece)
    if (split is None or not split[1]) and (after := _title_after_name(piece)):
        # 团市委副书记李群同志, 省政府采购中心李健主任, 华南师范大学刘云刚教授: a title (or an
        # affiliation) and a name before a title written after the name, which is no title
        core = piece[: len(piece) - after]
        bare = split_title_name(core)
        if bare is not None and bare[1] and not starts_inside_word(core, len(core) - len(bare[1])) and (
                bare[0] or (core == bare[1] and not weak_surname(core))):
            split = bare
        else:
            for n in (3, 2):
                if len(core) > n + 1 and looks_like_name_after_title(core[-n:]) and _AFFILIATION.search(core[:-n]) \
                        and not starts_inside_word(core, len(core) - n):
                    split = (core[:-n], core[-n:])
                    break
    if split is None:
        return None
    title, name = split
    out: list[tuple[str, str]] = []
    if title:
        affiliation = bool(name) and _AFFILIATION.search(title) and not _has_junk(title)
        t = title if affiliation else _clean_title(title)
        if not t:
            return None
        out.append(("TITLE", t))
    if name:
        out.append(("NAME", name))
    return out


def _title_after_name(piece: str) -> int:
    """The length of the title written after a name that ends ``piece`` (同志, 主任, 副处长), or 0."""
    for n in range(min(post_title_max(), len(piece) - 2), 1, -1):
        if is_post_title(piece[-n:]):
            return n
    return 0


def _has_junk(title: str) -> bool:
    """Whether ``title`` holds words that never stand in a title, apart from its inner words
    (:func:`_title_inner`), which are looked for only when there is junk at all (rare)."""
    return _TITLE_JUNK.search(title) is not None and _TITLE_JUNK.search(_title_inner().sub("囗", title)) is not None


def _clean_title(title: str) -> str | None:
    title = title.strip(_QUOTES)
    if _has_junk(title) or not is_title(title):
        return None
    return title


def bare_name_shape(piece: str) -> bool:
    """Two to four Chinese characters (白玛赤林) that start with a surname or hold no non-name word."""
    if not (2 <= len(piece) <= 4 and all_han(piece)):
        return False
    if is_common_word(piece):
        return False
    surname_first = looks_like_name(piece[0] + "某")
    if len(piece) == 4 and is_common_word(piece[2:]):
        return False  # 相关人员, 有关部门: a common word ends no four-character name (白玛赤林, 索朗次仁)
    if len(piece) != 3:  # 白玛赤林 but not 中共中央; 刘鹤 but not 分别
        return surname_first and not has_stopchar(piece)
    # a surname the lexicon knows, or a transliterated name (not 逝世后)
    return surname_first or (not has_stopchar(piece) and foreign_shaped(piece))


def _masked(text: str) -> str:
    """``text`` with separators that do not separate roster pieces hidden (same length)."""
    return mask_spans(text)[0]


def mask_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`_masked` and the spans it rewrote (a quote, then a note in the quote-masked text)."""
    masked = text
    spans: list[tuple[int, int]] = []
    # separators inside quotes belong to a name of an organ: 中央“不忘初心、牢记使命”…领导小组组长
    if "“" in text or "《" in text:
        spans = [m.span() for m in _QUOTED.finditer(text)]
        masked = _QUOTED.sub(lambda q: "“" + "囗" * (len(q.group()) - 2) + "”", text)
    # a bracketed note inside a list (（以姓氏笔画为序）) separates, it is not part of a name
    if "（" in masked or "(" in masked:
        notes = [m.span() for m in _NOTE_IN_LIST.finditer(masked)]
        if notes:
            spans += notes
            masked = _NOTE_IN_LIST.sub(lambda q: " " * len(q.group()), masked)
    return masked, spans


def _span_tokens(text: str, base: int, lenient: bool = False) -> list[tuple[str, str, int, int]] | None:
    """Tokens with positions for a roster text, or None if any piece does not fit."""
    out: list[tuple[str, str, int, int]] = []
    pos = 0
    for m in [*PIECE_SEP.finditer(_masked(text)), None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if piece:
            toks = _reading(piece, lenient)
            if toks is None:
                return None
            cursor = pos
            for kind, val in toks:
                at = text.find(val, cursor) if val else cursor
                at = cursor if at < 0 else at
                out.append((kind, val, base + at, base + at + len(val)))
                cursor = at + len(val)
        if m:
            if out and out[-1][0] != "SEP":
                out.append(("SEP", m.group(), base + m.start(), base + m.end()))
            pos = m.end()
    while out and out[-1][0] == "SEP":
        out.pop()
    # 甲、乙（以姓氏笔画为序）等市领导: the 等 after a note still closes the list
    return [t for i, t in enumerate(out) if not (t[0] == "SEP" and i + 1 < len(out) and out[i + 1][0] == "DENG")]


def _piece_or_and(piece: str, lenient: bool = False) -> tuple[tuple[str, str], ...] | None:
    """A piece as one roster entry, or as several joined by 和/及/与 when all of them fit (read only
    through :func:`_reading`, whose cache holds it). A part that fits nothing may open the
    organisations one group label closes (甲和成员单位以及部分企业负责人): the rest of the piece from
    it is then read as one entry."""
    spans = _and_parts(piece) if _has_and(piece) else [(0, len(piece))]
    if len(spans) >= 2:
        out: list[tuple[str, str]] = []
        for i, (start, end) in enumerate(spans):
            ptoks = _entry_tokens(piece[start:end], lenient)
            rest_is_one = not ptoks and 0 < i < len(spans) - 1
            if rest_is_one:
                ptoks = _entry_tokens(piece[start:], lenient)
            if not ptoks:
                break
            if i:
                out.append(("SEP", _AND_SEP))
            out.extend(ptoks)
            if rest_is_one:
                return tuple(out)
        else:
            return tuple(out)
    return _piece_tokens(piece)


def _entry_tokens(part: str, lenient: bool) -> tuple[tuple[str, str], ...] | None:
    """The tokens of one entry of a piece, read strictly, then leniently when ``lenient``."""
    return _piece_tokens(part) or (_piece_tokens(part, True) if lenient else None)


def _and_parts(piece: str) -> list[tuple[int, int]]:
    """The spans of ``piece`` between the conjunctions that join entries: not one right before
    another conjunction or at the end, which ends a name (副市长韦永和与市长闵若川: 韦永和)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _AND.finditer(piece):
        if m.end() == len(piece) or _AND.match(piece, m.end()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(piece)))
    return spans


@lru_cache(maxsize=65536)
def _reading(piece: str, lenient: bool = False) -> tuple[tuple[str, str], ...] | None:
    """The tokens a piece gives a roster read strictly or leniently (None: it does not fit)."""
    return _piece_or_and(piece, lenient) or (_piece_tokens(piece, True) if lenient else None)


_KIND_CHAR = {"TITLE": "T", "NAME": "N", "SEP": "S", "DENG": "D"}


def _has_and(piece: str) -> bool:
    """Whether ``_AND`` can split ``piece`` (each of its words holds one of these characters)."""
    return "和" in piece or "及" in piece or "与" in piece or "同" in piece


@lru_cache(maxsize=65536)
def piece_kinds(piece: str) -> tuple[str | None, str | None, int]:
    """A piece's token kinds read strictly and leniently, one letter a token (None: unreadable),
    and its share of the sure-name test of a lenient list (2 × sure names − names)."""
    lenient: tuple[tuple[str, str], ...] | None
    if _has_and(piece) or "等" in piece or len(piece) > MAX_PIECE:
        strict = _reading(piece)
        lenient = _reading(piece, True)
    elif read := _piece_tokens(piece):  # one part: _reading(piece) is _piece_tokens(piece), which
        # parse_roster reads again from the cache when the piece is in a roster
        strict = lenient = read  # … and _piece_or_and(piece, True) is the strict reading when there is one
    else:
        strict = None
        # _read_piece(piece, True) differs from the strict read (None) only by the bare-name test
        # without 等 in the piece
        bare = piece.strip(_QUOTES) if piece[:1] in _QUOTES or piece[-1:] in _QUOTES else piece
        if bare.startswith(_LEADING_AND_WORDS):
            bare = _LEADING_AND.sub("", bare) or bare
        lenient = (("NAME", bare),) if bare and bare_name_shape(bare) else None
    score = 0
    if lenient is not None:
        names = [v for k, v in lenient if k == "NAME"]
        score = 2 * sum(looks_like_name(v) for v in names) - len(names)
    return (
        None if strict is None else "".join(_KIND_CHAR[k] for k, _ in strict),
        None if lenient is None else "".join(_KIND_CHAR[k] for k, _ in lenient),
        score,
    )


@lru_cache(maxsize=16384)
def _plan(kinds: str) -> Plan | None:
    """The attendance grammar's plan of a roster of these token kinds (``TNSN…``), or None.

    The grammar looks only at token types, so its parse is a function of the kind sequence
    and is cached by it; :func:`_mentions` fills in the values and positions of each roster.
    """
    return read_roster(kinds)


def roster_plan(kinds: str) -> Plan | None:
    """:func:`_plan`, cached only for rosters of ordinary length (hostile lists would fill the cache)."""
    return _plan(kinds) if len(kinds) <= 512 else _plan.__wrapped__(kinds)


def _mentions(plan: Plan, spans: list[tuple[str, str, int, int]]) -> list[Mention]:
    """Mentions of a parsed roster: titles chain forward, labels apply backward."""
    mentions: list[Mention] = []
    pending: list[int] = []
    shared: list[str] = []
    since_label: list[Mention] = []
    inherited: set[int] = set()  # mentions whose titles were carried over from an earlier one
    for titles, name, label in plan:
        if name < 0:
            after = titles[-1] + 1 if titles else 0
            if titles and titles[0] > 0 and spans[titles[0] - 1][1] == _AND_SEP and not pending \
                    and (after >= len(spans) or "、" not in spans[after][1]):
                # 甲及全体成员，乙: a group joined to a person by 和/及 is their company, an
                # unnamed group, not the first title of the next person's chain (which 、 would
                # continue: 甲和副市长、秘书长乙)
                for i in titles:
                    _, value, start, end = spans[i]
                    mentions.append(Mention("", [value], [], start, end, label=value))
                continue
            pending.extend(titles)
            continue
        own = [spans[i][1] for i in pending] + [spans[i][1] for i in titles]
        pending = []
        _, value, start, end = spans[name]
        m = Mention(value, own, [], start, end)
        if own:
            shared = own  # a title before a list of bare names applies to each (ANNOTATION.md)
        elif shared:
            m.titles = list(shared)
            inherited.add(id(m))
        mentions.append(m)
        since_label.append(m)
        if label is not None:
            text = spans[label][1] if label >= 0 else ""
            for x in since_label:
                x.label = text
                # a label after 等 is the title of members without one of their own; it outranks
                # a title carried over from an earlier person (副组长甲，以及乙、丙等领导同志)
                if text and (not x.titles or id(x) in inherited):
                    x.titles = [text]
            since_label = []
    for i in pending:  # titles that no name follows: an unnamed group, spanning its label
        _, value, start, end = spans[i]
        mentions.append(Mention("", [value], [], start, end, label=value))
    return mentions


def parse_roster(text: str, base: int) -> list[Mention] | None:
    """Mentions in a roster text (the words before a role verb), or None if it is not one."""
    spans = _span_tokens(text, base)
    if spans is None and text.count("、") >= 1:
        spans = _span_tokens(text, base, lenient=True)
        names = [v for k, v, *_ in spans or [] if k == "NAME"]
        if spans is not None and sum(looks_like_name(v) for v in names) * 2 < len(names):
            spans = None  # a list is read leniently only when most of its names are sure
    if not spans or not any(k == "NAME" or k == "TITLE" for k, *_ in spans):
        return None
    plan = roster_plan("".join(_KIND_CHAR[k] for k, *_ in spans))
    if plan is None:
        return None
    mentions = _mentions(plan, spans)
    for m in mentions:
        if m.name:
            after = text[m.end - base :]
            gap = PIECE_SEP.search(after)
            title = after[: gap.start() if gap else len(after)]
            m.addressed = is_post_title(title) and title not in cited_forms()
    return mentions
