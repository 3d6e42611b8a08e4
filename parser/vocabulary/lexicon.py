"""Loading of the lexicon data files, kept beside each stage in ``parser/<stage>/lexicons/``.

Lexicons are plain UTF-8 text a user can read and extend: one entry per line (or several
separated by spaces), ``#`` starts a comment. Each is read once per process.

A user who cannot edit the installed package extends it from a folder of their own: files
there named like a lexicon (``title_suffixes.txt``) add their rows to it, when the folder is
named by ``MRP_LEXICONS`` (docs/rules.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Generic, TypeVar

import regex

from .. import patterns
from ..resources import lexicon_path, user_lexicon_path


def _lines(name: str) -> list[str]:
    text = lexicon_path(name).read_text(encoding="utf-8")
    extension = user_lexicon_path(name)
    if extension is not None:
        text += "\n" + extension.read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """Entries of a word-list lexicon, split on whitespace."""
    return frozenset(w for line in _lines(name) for w in line.split())


@cache
def ordered_words(name: str) -> tuple[str, ...]:
    """Entries of a word-list lexicon in file order (duplicates removed)."""
    seen: dict[str, None] = {}
    for line in _lines(name):
        for w in line.split():
            seen.setdefault(w, None)
    return tuple(seen)


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon."""
    return tuple(tuple(c.strip() for c in line.split("\t")) for line in _lines(name))


# ---------------------------------------------------------------- patterns of the lexicons
# Cheap pre-tests for the regular expressions of the lexicons need to know their shape. These
# helpers read the pattern text conservatively: when unsure they answer None (no shortcut).

_FLAGS_OR_REFERENCES = patterns.compile(r"\(\?[^:=!<>#P]|\(\?P=|\\[0-9gk]|\[:")
SYNTAX = frozenset("\\.^$*+?{}[]|()")  # characters that are not literal in a pattern


# Pattern text is read in units, as regex reads it: an escape with its digits, braces or list name
# (``\u3000``, ``\p{Han}``, ``\N{…}``, ``\L<nouns>``), a set with its brackets (a ``]`` right after
# ``[`` or ``[^`` is a member, an escaped one never closes it), else one character.
_ESCAPE = r"\\(?:[xpPNo]\{[^}]*\}?|L<[^>]*>?|x.{0,2}|u.{0,4}|U.{0,8}|.?)"
_SET = r"\[\^?\]?(?:\\.?|[^\]\\])*\]?"
_ESCAPE_UNIT = re.compile(_ESCAPE, re.S)


def _reader(wanted: str) -> re.Pattern[str]:
    """A scan of pattern text for the units ``wanted`` (stdlib re, group ``wanted``) that takes
    every escape and set whole (group ``whole``), so none is read for what is wanted, and passes
    over the characters between them in C. Each reader of pattern text below is one such scan."""
    return re.compile(f"(?P<whole>{_ESCAPE}|{_SET})|(?P<wanted>{wanted})", re.S)


_GROUPING = {"(": 1, ")": -1, "|": 0}  # the group brackets and the bar: the change of depth
_GROUPING_READER = _reader(r"[()|]")


def _syntax(pattern: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """``(index, character, depth)`` of the group brackets and bars of ``pattern`` from ``i``;
    ``depth`` counts the groups open after the character."""
    depth = 0
    for m in _GROUPING_READER.finditer(pattern, i):
        c = m.group("wanted")
        if c is not None:
            depth += _GROUPING[c]
            yield m.start(), c, depth


def branches(pattern: str) -> list[str] | None:
    """The top-level alternatives of a pattern, or None when splitting it could change what it
    means (inline flags, which apply to a whole pattern, and backreferences, whose numbers shift)."""
    if _FLAGS_OR_REFERENCES.search(pattern):
        return None
    out, start = [], 0
    for i, c, depth in _syntax(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _group_end(pattern: str, i: int) -> int:
    """The index after the group that opens at ``pattern[i]``."""
    for j, c, depth in _syntax(pattern, i):
        if c == ")" and depth == 0:
            return j + 1
    return len(pattern)


def _group_body(group: str) -> str | None:
    """The pattern inside a group that must match as a whole (plain, non-capturing, atomic or
    named), or None for a look-around or a flag group."""
    if group.startswith(("(?:", "(?>")):
        return group[3:-1]
    if group.startswith("(?P<"):
        return group[group.index(">") + 1 : -1]
    if group.startswith("(?"):
        return None
    return group[1:-1]


def _branch_literals(branch: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match of a branch holds, or None: of the sets of
    ``_branch_needs``, the one whose shortest string is longest, then the one with fewest."""
    if branch and not SYNTAX.intersection(branch):  # a plain word (each of a list of role words)
        return (branch,)
    candidates = _branch_needs(branch)
    if not candidates:
        return None
    return max(candidates, key=lambda lits: (min(map(len, lits)), -len(lits)))


_OPTIONAL = ("?", "*", "{")  # after a unit: it may be absent from a match (``{`` read as ``{0,…}``)
# every unit that is not a plain character: a group opens, a quantifier's bounds, the other syntax
_NEEDS_READER = _reader(r"\(|\{[^}]*\}?|[.^$*+?}\]|)]")


def _branch_needs(branch: str) -> list[tuple[str, ...]]:
    """Sets of literal strings, each of which has a string in every match of a branch: a run of
    plain characters, a set of plain characters, or a group (read the same way, alternative by
    alternative), that the branch needs (at its top level, not optional)."""
    candidates: list[tuple[str, ...]] = []
    plain_from = 0  # where the run of plain characters before the next unit starts
    while (m := _NEEDS_READER.search(branch, plain_from)) is not None:  # from after a group read whole
        i, end = m.span()
        optional = branch[end : end + 1] in _OPTIONAL
        run = branch[plain_from:i]
        if branch[i] in _OPTIONAL:  # the last character of the run is optional: it ends the run
            run = run[:-1]
        if run:
            candidates.append((run,))
        plain_from = end
        unit = m.group()
        if unit[0] == "[":
            members = unit[1:-1]
            # a plain set (no negation, range, escape or class) that is not optional
            if members and not set(members) & set("^-\\[") and not optional:
                candidates.append(tuple(dict.fromkeys(members)))
        elif unit == "(":
            plain_from = _group_end(branch, i)
            inner = _group_body(branch[i:plain_from])
            lits = required_literals(inner) if inner is not None else None
            if lits and branch[plain_from : plain_from + 1] not in _OPTIONAL:
                candidates.append(lits)
    if branch[plain_from:]:
        candidates.append((branch[plain_from:],))
    return candidates


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match of the pattern holds, or None when the pattern
    has an alternative without such strings (or a shape these helpers do not read)."""
    alts = branches(pattern)
    if alts is None:
        return None
    out: list[str] = []
    for branch in alts:
        lits = _branch_literals(branch)
        if lits is None:
            return None
        out += lits
    return tuple(dict.fromkeys(out))


def required_literal_sets(pattern: str) -> list[tuple[str, ...]]:
    """Sets of literal strings such that every match of the pattern holds a string of each set
    (none known: an empty list), the most telling first (as ``required_literals`` would choose).
    A cheap pre-test may ask for one string of every set."""
    alts = branches(pattern)
    if alts is None:
        return []
    if len(alts) == 1:
        return sorted(_branch_needs(alts[0]), key=lambda lits: (-min(map(len, lits)), len(lits)))
    lits = required_literals(pattern)
    return [lits] if lits else []


# the openings of a look-around (dropped with its group) and of a named group (unnamed)
_LOOSENED_READER = _reader(r"\(\?(?:<=|<!|=|!)|\(\?P<[^>]*>")


def loosened(pattern: str) -> str | None:
    """A pattern that matches wherever ``pattern`` does, and maybe elsewhere: its look-arounds
    dropped (they only restrict where a match may stand) and its named groups unnamed, so that
    several can be joined in one alternation as a cheap pre-test. None when the pattern has a
    shape this cannot read (inline flags, back-references)."""
    if _FLAGS_OR_REFERENCES.search(pattern):
        return None
    out: list[str] = []
    kept_from = 0  # the text from here on is kept as it is, up to the next opening read
    for m in _LOOSENED_READER.finditer(pattern):
        opening = m.group("wanted")
        if opening is None or m.start() < kept_from:
            continue  # an escape or a set, kept; or a unit inside a dropped look-around
        out.append(pattern[kept_from : m.start()])
        if opening.startswith("(?P<"):
            out.append("(?:")
            kept_from = m.end()
        else:
            kept_from = _group_end(pattern, m.start())
    out.append(pattern[kept_from:])
    # a boundary rule reduced to "^ or anywhere" tests nothing, and costs a branch at every position
    return "".join(out).replace("(?:^|)", "")


def _needed_words(sources: Iterable[str]) -> list[str] | None:
    """The literal words a scan must look for so that it finds one in every text any of the
    patterns ``sources`` finds (each needs one of its ``required_literals``), shortest first: a word
    holding another is left out, as the other is found wherever it is. None when a pattern
    has no such words."""
    found: list[str] = []
    for pattern in sources:
        lits = required_literals(pattern)
        if not lits:
            return None
        found += lits
    return sorted({w for w in found if not any(o != w and o in w for o in found)}, key=len)


def _word_scan(words: list[str]) -> re.Pattern[str]:
    # plain strings: stdlib re finds them as regex does, and its scan for an alternation of
    # plain words skips the positions where none can start
    return re.compile("|".join(map(re.escape, words)))


def literal_pretest(sources: Iterable[str]) -> Callable[[str], bool]:
    """A cheap test derived from the literal words of lexicon patterns: true for every text any
    of them finds, as each needs one of its ``required_literals`` (a pattern without any makes
    it always true). One scan for the words spares most texts the searches, so a row added to
    a lexicon can never be hidden by a hand-written pre-test."""
    needed = _needed_words(sources)
    if needed is None:
        return lambda text: True
    if not needed:
        return lambda text: False
    scan = _word_scan(needed).search
    return lambda text: scan(text) is not None


# Escapes that stand for the same characters in stdlib re as in regex: one character each.
_SAME_CHARACTER_IN_RE = frozenset("ntrfvxuU")


def _escape_for_stdlib_re(escape: str, widen: bool) -> str | None:
    r"""An escape of a regex pattern as stdlib re may read it: the same characters, or (where
    ``widen``, outside a negated set) more of them. ``\s`` is kept (re's holds four separators
    more, U+001C–U+001F) and ``\p{Han}`` read as ``\S`` (no Han character is whitespace):
    tests/test_classify_fast_paths.py checks both over every code point. None for the other
    escapes: \d, \w and \S, whose Unicode tables differ between the two, and \L and the other
    properties, which re does not know."""
    kind = escape[1:2]
    if kind in _SAME_CHARACTER_IN_RE or not kind.isalnum():
        return escape
    if widen and escape == r"\s":
        return escape
    if widen and escape == r"\p{Han}":
        return r"\S"
    return None


_PLAIN_BOUNDS = re.compile(r"\{(?:\d+(?:,\d*)?|,\d+)\}")  # {2} {2,} {2,6} {,6}, read alike by both
_GIVING_UP_READER = _reader(r"\(\?>|[*+?}]\+")  # an atomic group, a possessive quantifier
_STDLIB_READER = _reader(r"\{")  # the escapes and sets to rewrite, and the bounds to check


def _gives_up(pattern: str) -> bool:
    """Whether a pattern holds an atomic group or a possessive quantifier, which give up instead
    of backtracking: there a class read wider can lose a match (``各位\\S{1,6}`` would take the
    ``：`` a salutation needs after it)."""
    return any(m.group("wanted") for m in _GIVING_UP_READER.finditer(pattern))


def _for_stdlib_re(pattern: str) -> str | None:
    """``pattern`` (a loosened branch: no look-arounds, flags or back-references) written for
    stdlib re, matching wherever regex's pattern matches and maybe elsewhere
    (``_escape_for_stdlib_re``; read wider only where no part of it gives up, ``_gives_up``, and
    never inside a negated set), or None when one of its escapes has no such reading."""
    may_widen = not _gives_up(pattern)
    out: list[str] = []
    last = 0
    for m in _STDLIB_READER.finditer(pattern):
        out.append(pattern[last : m.start()])
        last = m.end()
        unit = m.group()
        if unit == "{":
            if not _PLAIN_BOUNDS.match(pattern, m.start()):
                return None  # regex's fuzzy matching ({e<=1}), which re would read as literal text
            out.append(unit)
            continue
        # an escape as itself; a set member by member (a ``[`` inside it is one character)
        widen = may_widen and not unit.startswith("[^")
        kept = 0
        for e in _ESCAPE_UNIT.finditer(unit) if unit[0] == "[" else (_ESCAPE_UNIT.match(unit),):
            assert e is not None  # the unit is an escape
            escape = _escape_for_stdlib_re(e.group(), widen)
            if escape is None:
                return None
            out += [unit[kept : e.start()], escape]
            kept = e.end()
        out.append(unit[kept:])
    out.append(pattern[last:])
    return "".join(out)


def _alternation(branches: list[str]) -> str:
    # an empty alternation would match everywhere: a never-matching pattern stands for no branch
    return "|".join(f"(?:{b})" for b in branches) or "(?!)"


# A single character, even one of the rarer ones, turns up in most paragraphs of Chinese text: a
# scan for words that short lets nearly every text through to the search it was to spare.
MIN_TELLING_WORD = 2


def _regex_test(branches: list[str], at_start: bool) -> Callable[[str], bool]:
    """Whether one of ``branches`` matches at the start of a text (``at_start``) or anywhere in
    it: one regex call, after a stdlib re scan for the words every match needs when those
    words are telling (``MIN_TELLING_WORD``)."""
    if not branches:
        return lambda text: False
    pattern = patterns.compile(_alternation(branches))
    find = pattern.match if at_start else pattern.search
    needed = _needed_words(branches)
    if not needed or len(needed[0]) < MIN_TELLING_WORD:
        return lambda text: find(text) is not None
    scan = _word_scan(needed).search
    return lambda text: scan(text) is not None and find(text) is not None


def _at_start_test(branches: list[str]) -> Callable[[str], bool]:
    """Whether one of ``branches`` matches at the start of a text. Those that stdlib re reads
    the same or wider (``_for_stdlib_re``) are tried with re, whose anchored alternation costs
    less than half of regex's; the rest with regex (``_regex_test``)."""
    read = [(branch, _for_stdlib_re(branch)) for branch in branches]
    rest = [branch for branch, in_re in read if in_re is None]
    try:
        re_match = re.compile(_alternation([in_re for _, in_re in read if in_re is not None])).match
    except re.error:  # a construct of regex's own that re does not read: all of them to regex
        rest = branches
        re_match = re.compile(_alternation([])).match
    if not rest:
        return lambda text: re_match(text) is not None
    regex_match = _regex_test(rest, at_start=True)
    return lambda text: re_match(text) is not None or regex_match(text)


def search_gate(sources: Iterable[str]) -> Callable[[str], bool]:
    """A test true for every text in which one of the lexicon patterns ``sources`` is found (and maybe
    for others), at the cost of a few scans instead of one search per pattern: the top-level
    branches that hold only at the start of a text (``^…``) joined and tried there alone
    (``_at_start_test``), the others joined into one search (``_regex_test``). Kept apart
    because ``regex`` tries a joined alternation holding ``^`` branches at every position
    (several times slower than the patterns one by one). Look-arounds are dropped and groups
    unnamed (``loosened``), which only widens what the test lets through. Always true when a
    pattern has a shape this cannot split (inline flags, back-references), so a row added to a
    lexicon is never hidden by its gate."""
    anchored: list[str] = []
    floating: list[str] = []
    for pattern in sources:
        loose = loosened(pattern)
        tops = branches(loose) if loose is not None else None
        if tops is None:
            return lambda text: True
        for branch in tops:
            if branch.startswith("^"):
                anchored.append(branch[1:])
            else:
                floating.append(branch)
    at_start = _at_start_test(anchored)
    # for these floating alternations regex's search costs less than re's: no reading for re
    anywhere = _regex_test(floating, at_start=False)
    return lambda text: at_start(text) or anywhere(text)


@cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """A lexicon row's pattern, compiled (or read from the pattern cache) the first time a text
    needs it: most reports need only a few rows behind their gates, and a row no run has needed
    yet is then never compiled, at a cost near that of parsing a few reports."""
    return patterns.compile(pattern)


Value = TypeVar("Value")


class FirstMatch(Generic[Value]):
    """The value of the first row whose pattern is found in a text, for rows of
    ``(pattern, value)`` read in file order. A gate derived from the rows (``search_gate``)
    spares most texts the row-by-row searches, and a row is compiled only when a text that
    passes the gate reaches it."""

    def __init__(self, rows: Iterable[tuple[str, Value]]) -> None:
        self.rows = tuple(rows)
        self.may_match = search_gate(pattern for pattern, _ in self.rows)

    def __call__(self, text: str) -> Value | None:
        if not self.may_match(text):
            return None
        for pattern, value in self.rows:
            if compiled(pattern).search(text):
                return value
        return None
