"""Who was present, with which titles and roles: rosters searched for before role verbs.

A clause is the text before a role verb (``出席``, ``主持``, ``讲话`` …) back to the previous
clause. Whether a stretch of it is a roster is roster.py's question; this module decides which
stretches to ask about: pieces that do not fit (``会上``, ``10月7日``) are trimmed from the left,
words after the last name (``在…会议上``) are cut at a linking word, and a work budget keeps the
search linear on hostile text.

The search tries many cuts and trims of one clause, so it works on token kinds: a candidate is
rejected from its pieces' cached kinds and the grammar's cached verdict on the kind sequence;
only an accepted candidate is read with values and positions (by ``roster.parse_roster``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from .. import patterns
from ..model import Warning
from ..vocabulary.lexicon import ordered_words, table
from ..vocabulary.names import is_post_title, is_title
from .roster import PIECE_SEP, Mention, mask_spans, parse_roster, piece_kinds, roster_plan

_GAPS = patterns.compile(r"[ \u3000]+")
# patterns of literal characters only use the standard re module: it matches them alike, and faster
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_LINKERS = ordered_words("roster_linkers.txt")
_LEFT_CUT_MARKS = "：:（）()"
_LEFT_CUT_WORDS = ordered_words("clause_openers.txt")
# 日 opens a clause only after a date (10月7日韦知远…, 今日): in 日程安排 it does not
_DAY = "(?<=[0-9０-９一二三四五六七八九十今昨明当次同本])日"
_LEFT_CUTS = re.compile(f"[{_LEFT_CUT_MARKS}]|" + "|".join(map(re.escape, _LEFT_CUT_WORDS)) + "|" + _DAY)
_LEFT_CUT_LONGEST = max(map(len, _LEFT_CUT_WORDS))
_LEFT_CUT_HEADS = frozenset(_LEFT_CUT_MARKS) | {w[0] for w in _LEFT_CUT_WORDS} | {"日"}
_GROUP_LABEL = patterns.compile(r"(?:领导|负责人|负责同志|同志|成员|代表|干部|人士|委员|嘉宾|班子)$")
_GROUP_JUNK = patterns.compile(r"^(?:要|以|以及|和|在|并|对|向|把|将|为|就)")
_TIME_LINK = re.compile(r"[0-9０-９]|今天|昨天|日前|近日|上午|下午|晚上|当天|当日|首先|一行")
# after a list verb (lexicons/list_verbs.txt): the label of the people listed, then 有, 还有 or a colon
_LIST_OPENING = (r"[^。；：]{0,40}?(?:的(?P<label>[^。；：，的]{2,16}?))?"
                 r"(?:有?(?:[（(][^）)]{0,12}[）)])?[：:]|还有[：:]?|有(?![关效力])(?=\p{Han}))")
_CONTINUATION = frozenset("并又还也随后后再")
STROKE_ORDER = patterns.compile(r"以姓氏笔画为序|按姓氏笔画排序|按姓氏笔划为序|以姓氏笔划为序")

# Work limits that keep the roster search linear on hostile text. Real reports stay far below
# them (over 3,000 reports: clauses under 400 characters, at most 46,000 characters of candidate
# rosters parsed and 140,000 scanned per document), so they change nothing there.
MAX_CLAUSE = 50_000  # characters before a role verb searched for a roster (10,000 names fit)
ROSTER_BUDGET = 200_000  # characters of candidate roster text parsed per document (~1 s at worst) …
ROSTER_PER_CHAR = 2  # … and per character of the document (real ones use 0.2 on average)
SCAN_BUDGET = 20_000_000  # characters scanned per document for other mentions of a name …
SCAN_PER_CHAR = 50  # … and per character of the document


@dataclass
class Allowance:
    """Characters of one kind of work the search may still spend in a document."""

    left: int
    exhausted: bool = False  # a request was refused: the work it asked for was not done

    def take(self, chars: int) -> bool:
        """Spend ``chars`` characters, or say there are not that many left."""
        if chars > self.left:
            self.exhausted = True
            return False
        self.left -= chars
        return True


@dataclass
class Budget:
    """The work the roster search may still do in one document: parsing candidate rosters
    (``parse``: when it runs out, later rosters are not searched) and scanning for other
    mentions of a name (``scan``: when it runs out, later bare names get no titles)."""

    parse: Allowance = field(default_factory=lambda: Allowance(ROSTER_BUDGET))
    scan: Allowance = field(default_factory=lambda: Allowance(SCAN_BUDGET))
    clipped: int = 0  # clauses longer than MAX_CLAUSE, searched only near their verb

    @classmethod
    def for_length(cls, length: int) -> Budget:
        """The budget of a document of ``length`` characters: long documents get more."""
        return cls(Allowance(ROSTER_BUDGET + ROSTER_PER_CHAR * length), Allowance(SCAN_BUDGET + SCAN_PER_CHAR * length))

    def warnings(self) -> list[Warning]:
        """What the limits cut short, in words a user can act on."""
        out = []
        if self.clipped:
            out.append(Warning("long_clause", f"{self.clipped} clause(s) before a role verb were longer than "
                               f"{MAX_CLAUSE:,} characters; only the last {MAX_CLAUSE:,} characters of each "
                               "were searched for attendees"))
        if self.parse.exhausted:
            out.append(Warning("attendance_limit", "the search for attendees reached its work limit on this document "
                               "(very long lists or unusual text); attendees named later may be missing"))
        if self.scan.exhausted:
            out.append(Warning("titles_limit", "the search for the titles of attendees named without one reached its "
                               "work limit (thousands of names); some attendees may lack titles"))
        return out


@dataclass
class Verb:
    """A role verb occurrence."""

    start: int
    end: int
    role: str
    kind: str  # act | words


# the kind of a role_verbs.tsv row that is a meeting's name made of a verb (部署会, 汇报会): it only
# keeps the verb inside it from matching, and unlike a noun of kind ``none`` it does not end the
# clause (某某在…部署会上讲话 still gives 某某 the verb after it)
_NAME_KIND = "name"
# the kind of a verb of opinion (认为，): experts quoted in a feature hold opinions too, so it gives
# a person's words only as one more turn of a discussion, after a sentence of the same paragraph
# gave another speaker's words (郑某委员建议，…。任某委员则认为，…)
_OPINION_KIND = "opinion"


@cache
def _verb_table() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2] if len(row) > 2 else "act") for row in table("role_verbs.tsv")}


@cache
def _verb_pattern() -> re.Pattern[str]:
    """The role verbs, longest first (``re``: a literal alternation matches alike and scans faster)."""
    return re.compile(_longest_first(_verb_table()))


# a trie of words: a character to the trie of what may follow it; the key "" marks a word's end
_Trie = dict[str, "_Trie"]


def _longest_first(words: Iterable[str]) -> str:
    """A pattern that matches what the alternation of ``words`` sorted longest first matches, as a trie.

    Every paragraph is scanned for the role verbs; as one alternation ``re`` tries each verb in
    turn at every position that starts one, as a trie one branch per character. At a position the
    words that match are prefixes of one another, so the trie's greedy optional tails (the longer
    word first) take the one the longest-first alternation takes.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [re.escape(c) + pattern(rest) for c, rest in node.items() if c]
        alternatives = "|".join(branches)
        if "" in node:
            return f"(?:{alternatives})?" if branches else ""
        return alternatives if len(branches) == 1 else f"(?:{alternatives})"

    return pattern(trie)


@cache
def _verbs_stay_in_sentences() -> bool:
    """Whether no role verb holds a character that ends a sentence (true of the shipped lexicon).

    Then the verbs found in a paragraph are, sentence by sentence, those found in each sentence:
    no match can reach across a sentence end, and a literal alternation matches at a position
    what it matches there in any text that holds the same characters from that position on.
    """
    return not any(c in verb for verb in _verb_table() for c in "。！？；\n")


def find_verbs(sentence: str) -> list[Verb]:
    """Role verbs in a sentence, longest match first, left to right."""
    out = []
    for m in _verb_pattern().finditer(sentence):
        role, kind = _verb_table()[m.group()]
        if kind not in ("none", _NAME_KIND, _OPINION_KIND):  # 的讲话, 部署会: nouns that keep the verb inside from
            # matching; an opinion (认为，) gives words only after a speaker's turn in its paragraph (collect)
            out.append(Verb(m.start(), m.end(), role, kind))
    return out


def _clipped(start: int, end: int, budget: Budget | None) -> int:
    """Where a clause before a verb is searched from: at most MAX_CLAUSE characters before its
    end when a budget limits the work (and the budget counts the clipping)."""
    if budget is not None and end - start > MAX_CLAUSE:
        budget.clipped += 1
        return end - MAX_CLAUSE
    return start


def _clause(sentence: str, start: int, end: int, budget: Budget | None) -> tuple[int, str, set[int]]:
    """Where the clause before a verb starts (``_clipped``), its text, and the cuts every search
    of it tries: its end, and each time link after its start, before which words follow the
    last name (车荣福在…会议上 → 车荣福)."""
    start = _clipped(start, end, budget)
    text = sentence[start:end]
    cuts = {len(text)}
    for tm in _TIME_LINK.finditer(text):
        if tm.start() > 0:
            cuts.add(tm.start())
    return start, text, cuts


def roster_before(sentence: str, start: int, end: int, budget: Budget | None = None) -> list[Mention]:
    """The longest roster ending at ``end`` within ``sentence[start:end]``.

    ``budget`` limits the work on hostile text (a clause of 2,000,000 characters, a list of
    names that fails at its last piece); without one the search is unlimited.
    """
    start, text, cuts = _clause(sentence, start, end, budget)
    # every position after the first where a linker starts (also of a linker the text starts
    # with: 在会上，甲和乙在会上讲话 is cut before the second 在)
    cuts.update(m.start() for m in _linker_starts(()).finditer(text, 1))
    cuts.difference_update(_inside_linker_words(text))
    group_only: list[Mention] = []
    # the separators and cut words are found once for all cuts
    runs: tuple[list[int], list[int]] = ([], [])
    for m in PIECE_SEP.finditer(text):
        runs[0].append(m.start())
        runs[1].append(m.end())
    words: tuple[list[int], list[int]] = ([], [])
    for m in _LEFT_CUTS.finditer(text):
        words[0].append(m.start())
        words[1].append(m.end())
    # without a quote or a bracket nothing is masked in any cut
    plain = not ("“" in text or "《" in text or "（" in text or "(" in text)
    # nor when the masks find nothing in the whole clause: a match in a cut (a prefix) would be
    # a match in the clause too, the patterns having no anchors or lookarounds
    plain = plain or not mask_spans(text)[1]
    run_a, run_b = runs
    w_start = words[0]
    for cut in sorted(cuts, reverse=True):
        if budget is not None and not budget.parse.take(cut):
            break
        end = cut  # the end of text[:cut].rstrip("，、 "), without copying it
        while end and text[end - 1] in "，、 ":
            end -= 1
        # a cut in which the masks find nothing has nothing masked in any part of it either
        # (the mask patterns have no anchors or lookarounds): it is searched as a plain one
        if plain or not mask_spans(text[:end])[1]:
            # most cuts end in a piece that no reading accepts and that holds no cut word: then
            # _trim_plain's only start is that piece (its floor), which it charges and rejects
            r = bisect_left(run_a, end)
            a = run_b[r - 1] if r else 0
            if a < end and bisect_left(w_start, a) == bisect_left(w_start, end) \
                    and piece_kinds(text[a:end])[1] is None:
                if budget is not None:
                    budget.parse.take(end - a)
                continue
            found = _trim_plain(text, runs, words, end, start, budget)
        else:
            found = _trim_left_fast(text[:end], start, budget)
        if found and any(m.name for m in found):
            return found
        if found and not group_only:
            group_only = found
    return group_only


@lru_cache(maxsize=64)
def _linker_starts(lead: tuple[str, ...]) -> re.Pattern[str]:
    """Positions where a linker other than those in ``lead`` starts, as one-character matches.

    Each branch is a linker's first character, the rest of it in a lookahead: every match is
    one character long, so no match hides a start inside it and the matches are exactly the
    positions where some linker starts (as a zero-width ``(?=…|…)`` finds them, but a branch
    per first character lets ``re`` skip to candidate characters instead of trying every position).
    """
    return re.compile("|".join(re.escape(w[0]) + (f"(?={re.escape(w[1:])})" if len(w) > 1 else "")
                               for w in _LINKERS if w not in lead))


def _inside_linker_words(text: str) -> set[int]:
    """The positions inside a linker of several characters, which cut no roster: the 到 of 来到
    (韩正来到雄县: not 韩正来), the 及 of 以及."""
    return {i for m in _linker_words().finditer(text) for i in range(m.start() + 1, m.end())}


@cache
def _linker_words() -> re.Pattern[str]:
    """The linkers of several characters, longest first."""
    return re.compile("|".join(map(re.escape, sorted((w for w in _LINKERS if len(w) > 1), key=len, reverse=True))))


def _may_parse(parts: list[tuple[str | None, str | None, int]], dun: bool) -> bool:
    """Whether :func:`parse_roster` can return mentions for a text of pieces with these kinds.

    It mirrors parse_roster and roster._span_tokens on kinds: the strict reading, else (when the text
    holds a 、, ``dun``) the lenient one if most names are sure; a separator token between
    pieces, none at the end or before 等; a NAME or TITLE; the grammar's verdict. It may say yes
    where parse_roster says no (parse_roster is then asked), never the other way round.
    """
    if all(p[0] is not None for p in parts):
        seq = [p[0] for p in parts]
    elif dun and all(p[1] is not None for p in parts) and sum(p[2] for p in parts) >= 0:
        seq = [p[1] for p in parts]
    else:
        return False
    kinds = ""
    for i, piece in enumerate(seq):
        if i and kinds and kinds[-1] != "S":
            kinds += "S"
        kinds += piece or ""
    kinds = kinds.rstrip("S").replace("SD", "D")
    return ("N" in kinds or "T" in kinds) and roster_plan(kinds) is not None


def _trim_plain(text: str, runs: tuple[list[int], list[int]], words: tuple[list[int], list[int]], end: int,
                base: int, budget: Budget | None = None) -> list[Mention] | None:
    """The search of :func:`_trim_left_reference` (every start tried) on ``text[:end]`` when
    it has nothing to mask, given the separator runs and the cut words (``_LEFT_CUTS``: starts,
    ends) of the whole clause.

    As :func:`_trim_left_fast`, with the work per cut cut down to what lies right of the floor:
    the separator runs of ``text[:end]`` are those of ``text`` clipped at ``end`` (a run of one
    character class), pieces are read from the right up to the first one no reading accepts, and
    cut words count only from the floor on. The floor follows a separator (or is 0) and no cut
    word holds a separator, so no cut word spans it; every start left of it is skipped by
    the plain search. A scan of ``text[:end]`` decides at a position as the scan of ``text`` does while
    the longest cut word fits before ``end``, so the clause's cut words serve up to there and
    only the last characters are scanned again.
    """
    run_a, run_b = runs
    r = bisect_left(run_a, end)  # runs that start before the end
    # pieces (gaps between runs) from the right, down to the last one no reading accepts
    pieces: list[tuple[int, int, tuple[str | None, str | None, int]]] = []
    floor = 0
    for i in range(r, -1, -1):
        a = (min(run_b[i - 1], end) if i == r else run_b[i - 1]) if i else 0
        b = run_a[i] if i < r else end
        if a >= b:
            continue
        info = piece_kinds(text[a:b])
        pieces.append((a, b, info))
        if info[1] is None:
            floor = a
            break
    pieces.reverse()
    starts = {floor}  # the floor is 0 or the end of a run: a start itself
    for i in range(r - 1, -1, -1):
        run_end = min(run_b[i], end)
        if run_end < floor:
            break
        starts.add(run_end)
    w_start, w_end = words
    resume = floor
    for k in range(bisect_left(w_start, floor), bisect_right(w_start, end - _LEFT_CUT_LONGEST)):
        starts.add(w_end[k])
        resume = w_end[k]
    tail = max(resume, end - _LEFT_CUT_LONGEST + 1)
    if tail < end and not _LEFT_CUT_HEADS.isdisjoint(text[tail:end]):
        for m in _LEFT_CUTS.finditer(text, tail, end):
            starts.add(m.end())
    last = max(starts)
    ends = [b for _, b, _ in pieces]
    dun = text.rfind("、", 0, end)
    for s in sorted(starts):
        if s >= end:
            continue
        if budget is not None and not budget.parse.take(end - s):
            return None
        j = bisect_right(ends, s)  # the first piece that ends after s
        if j >= len(pieces):
            continue
        a, b, info = pieces[j]
        first = info if s <= a else piece_kinds(text[s:b])
        if not _may_parse([first, *(p[2] for p in pieces[j + 1 :])], dun >= s):
            continue
        found = parse_roster(text[s:end], base + s)
        if found and any(m.name for m in found):
            return found
        if found and s == last:
            return found
    return None


def _trim_left_fast(text: str, base: int, budget: Budget | None = None) -> list[Mention] | None:
    """The search of :func:`_trim_left_reference` (every start tried) reading each piece once.

    The text is cut into pieces once. A suffix from start ``s`` reads as its first piece from
    ``s`` on plus the whole pieces after it, so whether it can be a roster follows from cached
    per-piece kinds and the cached grammar verdict on the kind sequence; only a suffix the
    grammar accepts goes through :func:`parse_roster`. That holds when masking the suffix hides
    what masking the whole text hides there, i.e. when no masked quote or note spans ``s``
    (the mask patterns have no anchors or lookarounds, so their matches right of ``s`` are
    found alike in both); a suffix cut inside one is read by :func:`parse_roster` itself.
    The starts, the floor, their order and the budget spent are those of the plain search.
    """
    masked, hidden = mask_spans(text)
    starts = {0}
    a_list: list[int] = []  # pieces: text[a_list[i]:b_list[i]], non-empty, between separator runs
    b_list: list[int] = []
    pos = 0
    for m in PIECE_SEP.finditer(masked):
        if m.start() > pos:
            a_list.append(pos)
            b_list.append(m.start())
        pos = m.end()
        if not hidden:
            starts.add(pos)
    if pos < len(text):
        a_list.append(pos)
        b_list.append(len(text))
    if hidden:  # starts follow the separators of the text itself, as in the plain search
        starts.update(m.end() for m in PIECE_SEP.finditer(text))
    for m in _LEFT_CUTS.finditer(text):
        starts.add(m.end())
    last = max(starts)
    n = len(a_list)
    # the floor is the start of the last piece no reading accepts; no candidate starts before it
    # (it is one of the starts and ``last`` is not below it), so pieces left of it are not read
    infos: list[tuple[str | None, str | None, int]] = [(None, None, 0)] * n
    floor = 0
    for i in range(n - 1, -1, -1):
        infos[i] = piece_kinds(text[a_list[i] : b_list[i]])
        if infos[i][1] is None:
            floor = a_list[i]
            break
    dun = text.rfind("、")
    for s in sorted(starts):
        if s >= len(text) or (s < floor and s != last):
            continue
        if budget is not None and not budget.parse.take(len(text) - s):
            return None
        if any(a < s < b for a, b in hidden):
            found = parse_roster(text[s:], base + s)
            if found and any(m.name for m in found):
                return found
            if found and s == last:
                return found
            continue
        j = bisect_right(b_list, s)  # the first piece that ends after s
        if j >= n:
            continue
        first = infos[j] if s <= a_list[j] else piece_kinds(text[s : b_list[j]])
        if not _may_parse([first, *infos[j + 1 :]], dun >= s):
            continue
        found = parse_roster(text[s:], base + s)
        if found and any(m.name for m in found):
            return found
        if found and s == last:
            return found
    return None


# The specification of roster_before. roster_before, _trim_plain and _trim_left_fast find what
# these find, spending the same budget, while reading each piece once and asking the grammar
# once per sequence of piece kinds (the whole parse runs about 6 % faster for it); these try
# every cut and every start and parse each suffix. tests/test_attendance_fast.py holds the fast
# search to them on random clauses.


def _unreadable_floor(text: str) -> int:
    """Start of the last piece that no reading accepts (leniently): no roster can begin before it."""
    floor = 0
    pos = 0
    for m in [*PIECE_SEP.finditer(mask_spans(text)[0]), None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        if piece and piece_kinds(piece)[1] is None:
            floor = pos
        if m:
            pos = m.end()
    return floor


def _trim_left_reference(text: str, base: int, budget: Budget | None = None) -> list[Mention] | None:
    """The first roster with a name among the suffixes of ``text`` (the whole text, then those after
    each separator or cut word, none starting before the floor but the last), else the last
    suffix's roster of groups only: what _trim_plain and _trim_left_fast return."""
    starts = [0]
    starts += [m.end() for m in PIECE_SEP.finditer(text)]
    starts += [m.end() for m in _LEFT_CUTS.finditer(text)]
    floor = _unreadable_floor(text)
    for s in sorted(set(starts)):
        if s >= len(text) or (s < floor and s != max(starts)):
            continue
        if budget is not None and not budget.parse.take(len(text) - s):
            return None
        found = parse_roster(text[s:], base + s)
        if found and any(m.name for m in found):
            return found
        if found and s == max(starts):
            return found
    return None


def _roster_before_reference(sentence: str, start: int, end: int, budget: Budget | None = None) -> list[Mention]:
    """What :func:`roster_before` returns: each cut (the clause's end, a time link, a linker) from
    the right, trimmed from the left by :func:`_trim_left_reference`; the first roster with a name,
    else the first of groups only."""
    start, text, cuts = _clause(sentence, start, end, budget)
    for link in _LINKERS:
        i = text.find(link, 1)
        while i > 0:
            cuts.add(i)
            i = text.find(link, i + 1)
    cuts.difference_update(_inside_linker_words(text))
    group_only: list[Mention] = []
    for cut in sorted(cuts, reverse=True):
        if budget is not None and not budget.parse.take(cut):
            break
        found = _trim_left_reference(text[:cut].rstrip("，、 "), start, budget)
        if found and any(m.name for m in found):
            return found
        if found and not group_only:
            group_only = found
    return group_only


def collect(
    paragraphs: Iterable[tuple[int, str]], trusted: frozenset[int] = frozenset(), budget: Budget | None = None
) -> tuple[list[tuple[int, Mention]], bool]:
    """Mentions (paragraph index, mention) in document order, and whether a stroke-order note was seen.

    Every mention read is returned, with its roles and whether an act or words said at the
    event placed the person there (``acted``): who was present is presence.py's decision.
    In ``trusted`` paragraphs (headlines) a bare name before 强调/指出 is a speaker too:
    ``韩正在…会议上强调`` names the person the report is about. ``budget`` (a fresh one when
    not given) keeps the search linear; the caller can read from it whether it ran out.
    """
    budget = Budget() if budget is None else budget
    out: list[tuple[int, Mention]] = []
    stroke = False
    known: set[str] = set()
    subject: Mention | None = None
    whole = _verbs_stay_in_sentences()
    verb_pattern, verb_table = _verb_pattern(), _verb_table()
    lists_hold_verbs = _list_verbs_hold_role_verbs()
    for idx, text in paragraphs:
        if text.startswith(NEXT_ITEM):
            break
        if "姓氏笔" in text and STROKE_ORDER.search(text):  # each of its phrases holds 姓氏笔
            stroke = True
        if " " in text or "\u3000" in text:
            text = _GAPS.sub(lambda g: "，" * len(g.group()), text)
        if "；" in text:  # 甲先生；乙女士；丙先生等出席: a semicolon separates a list too
            text = text.replace("；", "，")
        # the verbs of the whole paragraph at once: a sentence without one has no mentions
        found = [(m.start(), m.end(), m.group()) for m in verb_pattern.finditer(text)] if whole else None
        if found != [] or not lists_hold_verbs:  # else the paragraph holds no list verb either
            for m in _lists_after_verb(text, budget):
                out.append((idx, m))
                known.add(m.name)
        if found == []:
            subject = None
            continue
        k = 0
        turns = False  # whether a sentence of this paragraph gave someone's words (a speaker's turn)
        for sm in _SENTENCE.finditer(text):
            base, stop = sm.span()
            own = None
            if found is not None:
                if k == len(found):
                    subject = None  # a sentence without a verb follows: 他 no longer stands for anyone
                    break
                own = []
                while k < len(found) and found[k][0] < stop:
                    if found[k][0] >= base:
                        role, kind = verb_table[found[k][2]]
                        if kind == _OPINION_KIND and turns:
                            kind = "words"  # 甲建议，…。乙则认为，…: one more turn of a discussion
                        if kind != _NAME_KIND and kind != _OPINION_KIND:
                            own.append(Verb(found[k][0] - base, found[k][1] - base, role, kind))
                    k += 1
                if not own:
                    subject = None
                    continue
            found_here = _sentence_mentions(sm.group(), known, idx in trusted, budget, own, subject)
            for m in found_here:
                m.start += base
                m.end += base
                out.append((idx, m))
                if m.name:
                    known.add(m.name)
            # the person a 他/她 in the next sentence stands for: the one this sentence names
            named = {m.name: m for m in found_here if m.name}
            subject = next(iter(named.values())) if len(named) == 1 else None
            turns = turns or any("spoke" in m.roles for m in named.values())
    _settle_presence(out)
    return out, stroke


def _settle_presence(mentions: list[tuple[int, Mention]]) -> None:
    """Role ``present`` (an inspection tour: 调研, 考察) becomes ``attended`` for a person the
    report gives no other role, and is dropped otherwise (ANNOTATION.md: present without a
    verb is attended)."""
    others: dict[str, set[str]] = {}
    for _, m in mentions:
        others.setdefault(m.name, set()).update(r for r in m.roles if r != PRESENT)
    for _, m in mentions:
        if PRESENT in m.roles:
            m.roles.remove(PRESENT)
            if not others[m.name] and "attended" not in m.roles:
                m.roles.append("attended")


@cache
def _list_verbs() -> tuple[tuple[str, ...], regex.Pattern[str]]:
    """The verbs that may introduce a list after them, and the pattern of such an opening."""
    verbs = tuple(sorted(ordered_words("list_verbs.txt"), key=len, reverse=True))
    return verbs, patterns.compile(f"(?P<verb>{'|'.join(map(regex.escape, verbs))}){_LIST_OPENING}")


@cache
def _list_verbs_hold_role_verbs() -> bool:
    """Whether every list verb holds a role verb (true of the shipped lexicons): then a paragraph
    in which the role verbs' pattern finds nothing holds no list verb either."""
    return all(any(verb in list_verb for verb in _verb_table()) for list_verb in _list_verbs()[0])


def _lists_after_verb(text: str, budget: Budget | None = None) -> list[Mention]:
    """``出席会议的领导有：甲，乙；丙`` and ``在主席台就座的大会执行主席有：…``: the verb comes first."""
    out: list[Mention] = []
    verbs, pattern = _list_verbs()
    if not any(verb in text for verb in verbs):
        return out  # every match opens with one of the verbs
    for m in pattern.finditer(text):
        limit = len(text) if budget is None else min(len(text), m.end() + MAX_CLAUSE)
        end = text.find("。", m.end(), limit)
        end = limit if end < 0 else end
        if budget is not None and not budget.parse.take(end - m.end()):
            break
        region = text[m.end() : end]
        region = regex.sub(r"^[（(][^）)]{0,12}[）)]", lambda x: "，" * len(x.group()), region)
        roster = parse_roster(region.replace("；", "，"), m.end())
        if not roster:
            continue
        role = _verb_table()[m.group("verb")][0] if m.group("verb") in _verb_table() else "attended"
        label = m.group("label") or ""
        for x in roster:
            if not x.name:
                continue
            if not x.titles and label and is_title(label) and not _GROUP_JUNK.match(label):
                x.titles = [label]
            _add_role(x, role)
            out.append(x)
    return out


def _sentence_mentions(sentence: str, known: set[str], trusted: bool = False,
                       budget: Budget | None = None, verbs: list[Verb] | None = None,
                       subject: Mention | None = None) -> list[Mention]:
    """Mentions before the role verbs of a sentence (``verbs``: found by the caller, else here).

    ``subject`` is the one person the previous sentences were about: a clause of a pronoun
    before a verb (他强调) gives that person the verb's role."""
    if verbs is None:
        verbs = find_verbs(sentence)
    out: list[Mention] = []
    clause_start = 0
    last: list[Mention] = []
    prev_end = 0
    prev_kind = ""
    for v in verbs:
        if v.kind == "none":
            # 某某在…会上的讲话: the noun takes the words before it, the next verb starts afresh
            prev_end, last = v.end, []
            continue
        if _inside(sentence, v.start, "《", "》") or _inside(sentence, v.start, "（", "）") \
                or _inside(sentence, v.start, "“", "”"):
            # a verb inside a title of a text (《…“三严三实”要求》), a note (（主持工作）) or a
            # quotation (说“…我来村里参加了…”) is no role of anyone in the report
            continue
        between = sentence[prev_end : v.start]
        if prev_kind == "words":
            last = []  # what follows 强调/说 is what was said: its verbs are not the speaker's
        prev_kind = v.kind
        if last and prev_end and "，" not in between and len(between) <= 12:
            # 主持会议并讲话: a further verb of the same clause
            for m in last:
                if v.kind != "seat" or not m.roles:
                    _add_role(m, v.role, v.kind != "words")
            prev_end = v.end
            continue
        if prev_end:
            comma = sentence.find("，", prev_end, v.start)  # bounded: a search to the end was quadratic
            clause_start = comma + 1 if 0 <= comma < v.start else prev_end
        start = clause_start
        if sentence.startswith(_ESCORT_END, v.end) or sentence.endswith(_ESCORT_END, 0, v.end):
            # 代表团在省委书记甲、省长乙陪同下, 在甲的带领下: the people stand between 在 and the verb
            start = max(start, sentence.rfind(_ESCORT_OPENER, start, v.start) + 1)
        mentions = roster_before(sentence, start, v.start, budget)
        if v.kind != "words":
            mentions = _earlier_rosters(sentence, clause_start, mentions, budget)
        if not any(m.name for m in mentions) and last and (sentence[clause_start : clause_start + 1] in _CONTINUATION
                                      or ("，" not in between
                                          and (v.kind != "words" or _says(sentence, v)))):
            # 主持会议，并对…作了具体部署 / 主持召开…全体会议强调: the same subject goes on
            for m in last:
                _add_role(m, v.role, v.kind != "words")
            prev_end = v.end
            continue
        if not mentions and not last and subject is not None and v.kind != "seat" \
                and _pronoun_clause().fullmatch(sentence, clause_start, v.start):
            # 汪洋主持会议。他强调: the pronoun stands for the person the report was about
            _add_role(subject, v.role, v.kind != "words")
            prev_end = v.end
            continue
        named = [m for m in mentions if m.name]
        if v.kind == "words":
            # 强调/指出 make an attendee only of one titled or already present person
            if len(named) != 1 or (not named[0].titles and not named[0].addressed and named[0].name not in known
                                   and not trusted):
                mentions = []
            elif v.start - named[0].end > _WORDS_REACH:
                mentions = []
        if len(named) == 1 and not named[0].titles and not named[0].addressed and named[0].name not in known \
                and not trusted and v.start - _past_note(sentence, named[0].end) > _BARE_NAME_REACH:
            mentions = []  # a lone bare name far from its verb is too weak (参加甘肃代表团审议)
        # unnamed groups only for acts (出席), and only when the label names people
        mentions = [m for m in mentions if m.name or (v.kind == "act" and _GROUP_LABEL.search(m.label)
                                                       and not _GROUP_JUNK.match(m.label))]
        # words said at the event (在会上强调, 在调研时指出) or in a headline place the speaker there
        present = v.kind != "words" or trusted or (
            len(named) == 1 and (_at_event(sentence[named[0].end : v.start]) or _opens_at_event(sentence, named[0])))
        for m in mentions:
            _add_role(m, v.role, present)
        out.extend(mentions)
        last = mentions
        prev_end = v.end
    return out


def _past_note(sentence: str, at: int) -> int:
    """Where ``sentence`` goes on after a bracketed note standing at ``at`` (``at`` without one)."""
    note = _NOTE_OR_NOTHING.match(sentence, at)
    return note.end() if note else at


def _earlier_rosters(sentence: str, clause_start: int, mentions: list[Mention],
                     budget: Budget | None) -> list[Mention]:
    """``mentions`` and the rosters before it that end right at a comma before it:
    ``组长甲及全体成员，…监事会09办事处副主任、专职监事乙及相关人员参加`` (a piece no reading
    accepts, here for its digits, stopped the search at the second roster)."""
    while any(m.name for m in mentions):
        first = min(m.start for m in mentions)
        joint = max(sentence.rfind(w, clause_start, first) for w in _JOINTS)
        if joint <= clause_start:
            break
        more = roster_before(sentence, clause_start, joint, budget)
        if not any(m.name for m in more) or not _NOTE_OR_NOTHING.fullmatch(sentence, max(m.end for m in more), joint):
            break
        mentions = more + mentions
    return mentions


# A page may run a second item after the first (又讯): its people are not the report's.
NEXT_ITEM = "又讯"
_ESCORT_OPENER, _ESCORT_END = "在", "下"
PRESENT = "present"  # the role of a verb of presence that yields to any other (role_verbs.tsv)
# a verb of words far from its subject continues it only when what was said follows
# (主持召开…全体会议强调，…), not in 看望…或以各种方式表示慰问
_SAYS = re.compile("[，：:]|$")


# how far back an opening bracket of a title or note is looked for (real ones: under 60 characters);
# a bound keeps a sentence of a million characters from being scanned once per verb
BRACKET_REACH = 200


def _inside(sentence: str, at: int, opening: str, closing: str) -> bool:
    """Whether ``at`` stands inside a bracket pair opened in the ``BRACKET_REACH`` characters before it."""
    start = max(0, at - BRACKET_REACH)
    return sentence.rfind(opening, start, at) > sentence.rfind(closing, start, at)


def _says(sentence: str, v: Verb) -> bool:
    """Whether what was said follows the verb of words ``v`` (强调，…; 表示， holds its comma)."""
    return sentence[v.end - 1] in "，：:" or _SAYS.match(sentence, v.end) is not None
# where a roster joins the one after it: a comma, or 率/带领 (甲率乙、丙调研: both present)
_JOINTS = ("，", "率", "带领")
_NOTE_OR_NOTHING = re.compile(r"(?:[（(][^）)]{0,12}[）)])?")
# a verb of words this far after the one name before it gives someone else's words (a quoted
# phrase or a long clause stands between)
_WORDS_REACH = 30
# a bare name (no title, not yet present) counts for a verb only this close to it, a bracketed
# note after the name aside (韦知远（县委书记）出席): further away the verb is another clause's
_BARE_NAME_REACH = 3


@cache
def _pronoun_clause() -> re.Pattern[str]:
    """A clause of a subject pronoun and the words that may stand before a verb (他还, 她在会上)."""
    pronouns = "|".join(map(re.escape, ordered_words("subject_pronouns.txt")))
    linkers = "|".join(map(re.escape, sorted(_LINKERS, key=len, reverse=True)))
    return re.compile(f"(?:{pronouns})(?:{linkers}|会上|讲话中)*")


@cache
def _event_cues() -> tuple[str, ...]:
    return ordered_words("presence_cues.txt")


def _at_event(gap: str) -> bool:
    """Whether the words between a name and what he or she said place the person at the event:
    ``在…会议上``, ``在…调研时``, also after a title written after the name (书记在仪式上)."""
    at = gap.find("在", 0, 6)
    if at > 0 and is_post_title(gap[:at]):
        gap = gap[at:]
    return gap.startswith("在") and len(gap) <= 40 and gap.endswith(_event_cues())


@cache
def _event_openers() -> re.Pattern[str]:
    """Words opening a sentence that place its speaker at the event (会上，…; 刚才…)."""
    return re.compile("(?:" + "|".join(map(re.escape, ordered_words("event_openers.txt"))) + ")，?")


def _opens_at_event(sentence: str, named: Mention) -> bool:
    """Whether the sentence opens with words that place the one person it names at the event
    (会上，市长韦知远强调; 刚才韦知远处长在讲话中提到), in the clause of the name."""
    opener = _event_openers().match(sentence)
    return opener is not None and "，" not in sentence[opener.end() : named.start]


def _add_role(m: Mention, role: str, present: bool = True) -> None:
    """Give ``m`` a role; ``present``: the verb says the person was there (not only words reported)."""
    if role not in m.roles:
        m.roles.append(role)
    if present:
        m.acted = True
