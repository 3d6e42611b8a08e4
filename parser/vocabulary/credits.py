"""Credits: who reported, wrote, photographed and edited a piece, wherever the credit stands.

Credits come in a handful of shapes: a bracket at the start or end of a paragraph
(``（记者 甲 通讯员 乙）``), a labelled line (``责任编辑：甲 SF055``, ``撰文 | 甲 乙``), a photo
credit ending in 摄, and a bare bracket of names closing a news report (``（甲、乙）``).
Outlets and columns are not people, so every name must look like a personal name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .. import patterns
from .lexicon import compiled, required_literal_sets, table
from .names import all_han, is_title, looks_like_name


@dataclass(frozen=True)  # hits are memoised per text and shared between callers
class CreditHit:
    """A credit found in a text: role, name and the name's position."""

    role: str
    name: str
    start: int
    end: int
    label: bool = False  # introduced by a role word (记者, 责任编辑：), not a bare bracket or 摄


@cache
def _roles() -> dict[str, str]:
    return {row[0]: row[1] for row in table("credit_roles.tsv")}


@cache
def _role_alt(min_len: int = 1) -> str:
    words = [w for w in _roles() if len(w) >= min_len]
    return "|".join(sorted(map(regex.escape, words), key=len, reverse=True))


def _name(closing: str = "") -> str:
    """A name: a run of 2–8 Chinese characters, or a two-character name padded to the width of three
    (本报记者  靳  博  龚某某; the padding is no part of the name), which no further character
    follows, unless it is one of the ``closing`` words (（本报记者  倪  弋整理）)."""
    end = rf"(?:(?![\p{{Han}}·•])|(?={closing}))" if closing else r"(?![\p{Han}·•])"
    return rf"(?:\p{{Han}}[ \u3000]{{1,3}}\p{{Han}}{end}|[\p{{Han}}·•]{{2,8}})"


_NAME = _name()
_PADDING = patterns.compile(r"[ \u3000]+")
_CODE = r"(?:[_＿]?[A-Za-z]{1,4}[0-9]{2,6}|[_＿][A-Za-z0-9]{2,10})"


@dataclass(frozen=True)
class _Shape:
    """One row of ``credit_shapes.tsv`` (its header says what each column means)."""

    name: str
    when: str  # any, fallback, closing
    role: str  # a role, "bare" (the caller's) or "-" (the role word's)
    inner: str  # roles, names
    vouched: bool
    source: str  # the pattern, placeholders filled in; compiled on first use (``lexicon.compiled``)
    literals: tuple[str, ...] | None  # strings one of which every match holds (None: not known)
    needs: tuple[re.Pattern[str], ...]  # searches each of which finds something in every match
    named: frozenset[str]  # the groups the pattern names


def _literal_search(lits: tuple[str, ...] | None) -> re.Pattern[str] | None:
    # stdlib re finds plain strings exactly as regex does, at a fraction of the cost of a call
    return re.compile("|".join(map(re.escape, sorted(lits, key=len, reverse=True)))) if lits else None


_GROUP_NAME = patterns.compile(r"\(\?P<(\w+)>")




@cache
def _shapes() -> tuple[_Shape, ...]:
    """The credit shapes of the lexicon, placeholders filled in, closing shapes last."""
    closing = "|".join(map(regex.escape, _credit_word_list("closing")))
    fill = {"{ROLE}": _role_alt(), "{ROLE2}": _role_alt(2), "{NAME}": _name(closing), "{CODE}": _CODE,
            "{CLOSING}": closing}
    out = []
    for name, when, role, inner, vouched, pattern in table("credit_shapes.tsv"):
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        sets = required_literal_sets(pattern)  # the most telling set first
        needs = tuple(filter(None, map(_literal_search, sets)))
        out.append(_Shape(name, when, role, inner, vouched == "yes", pattern, sets[0] if sets else None, needs,
                          frozenset(_GROUP_NAME.findall(pattern))))
    return tuple(sorted(out, key=lambda sh: sh.when == "closing"))


@cache
def _patterns() -> dict[str, regex.Pattern[str]]:
    roles = _role_alt()
    long_roles = _role_alt(2)
    return {
        "names": patterns.compile(_NAME),
        "roleword": patterns.compile(rf"({long_roles})[\s:：]*"),
        # a name and the role written after it: 甲/文
        "suffixed": patterns.compile(rf"({_NAME})(?:\s*/\s*({roles}))?"),
        "code": patterns.compile(_CODE),
        # a column name may head the credit line: 鹤屿观察 撰文 | 甲 乙
        "column": patterns.compile(rf"^\s*\p{{Han}}{{1,6}}\s+(?=(?:{roles})\s*[:：|｜/])"),
    }


@cache
def _news_openings() -> regex.Pattern[str]:
    return patterns.compile("|".join(f"(?:{row[0]})" for row in table("news_openings.tsv")))


def opens_as_news(lead: str) -> bool:
    """Whether a lead opens as a news report does, dating its event or citing its reporter's
    source (``lexicons/news_openings.tsv``): a bare ``（甲）`` closing it is then its reporter."""
    return _news_openings().search(lead[:120]) is not None


@cache
def _roles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_roles(), key=len, reverse=True))


@cache
def _prefilter() -> tuple[re.Pattern[str], dict[str, frozenset[int]]] | None:
    """One search for the strings every credit of some shape holds (each shape's most telling
    set), and for each string the shapes it may let through; derived from the shapes themselves,
    so a new row is never hidden. None when a shape does not tell."""
    shapes = _shapes()
    if any(sh.literals is None for sh in shapes):
        return None
    owners: dict[str, set[int]] = {}
    for k, sh in enumerate(shapes):
        for word in sh.literals or ():
            owners.setdefault(word, set()).add(k)
    search = _literal_search(tuple(owners))
    assert search is not None  # every shape holds a literal
    return search, {w: frozenset(ks) for w, ks in owners.items()}


@lru_cache(maxsize=4096)  # classify and the byline stage both ask about a paragraph
def _candidates(text: str) -> tuple[int, ...]:
    """The shapes (their indexes in ``_shapes()``) that may find a credit in ``text``: one scan
    for the strings each needs first, then the rest of its needs. Most paragraphs hold none of
    the strings and are spared every shape's search."""
    pre = _prefilter()
    shapes = _shapes()
    if pre is None:
        return tuple(k for k, sh in enumerate(shapes) if _needs_met(sh, text))
    search, owners = pre
    found: set[int] = set()
    for word in set(search.findall(text)):
        found |= owners[word]
    return tuple(k for k in sorted(found) if _needs_met(shapes[k], text, 1))


def _needs_met(shape: _Shape, text: str, start: int = 0) -> bool:
    """Whether ``text`` holds a string of each set every match of the shape needs (from the
    ``start``-th set on: the first is known to be held)."""
    for need in shape.needs[start:]:
        if need.search(text) is None:
            return False
    return True


def _may_hold_credit(text: str) -> bool:
    """Whether some shape may find a credit in ``text``."""
    return bool(_candidates(text))


_HANCHAR = patterns.compile(r"\p{Han}")


@cache
def _credit_word_list(kind: str) -> tuple[str, ...]:
    """The words of one kind in ``lexicons/credit_words.tsv``, longest first."""
    found = [word for word, kinds in table("credit_words.tsv") if kind in kinds.split()]
    return tuple(sorted(found, key=len, reverse=True))


@cache
def _credit_words() -> dict[str, regex.Pattern[str]]:
    """Searches for the words of ``lexicons/credit_words.tsv``, by kind: ``inside`` anywhere,
    ``ending`` at the end, ``outlet`` anywhere."""
    alt = {k: "|".join(map(regex.escape, _credit_word_list(k))) for k in ("inside", "ending", "outlet")}
    return {"inside": patterns.compile(alt["inside"]), "ending": patterns.compile(f"(?:{alt['ending']})$"),
            "outlet": patterns.compile(alt["outlet"])}


def credit_name(s: str) -> bool:
    """A name after an explicit credit label (``编辑：丛敏``): the label vouches for it, so a
    surname missing from the lexicon or a rare given-name character does not reject it. A word
    that is no name's (a column, a position, a site's account: 管理员) rejects it whatever it
    looks like."""
    words = _credit_words()
    if words["inside"].search(s):
        return False
    if looks_like_name(s):
        return True
    if is_title(s):
        return False
    return (2 <= len(s) <= 3 and all_han(s) and s not in _roles()
            and not any(w in s for w in _roles() if len(w) >= 2) and not words["ending"].search(s))


def _whole_run(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> bool:
    """A loose name must be a whole run of Chinese within ``text[lo:hi]``, not the tail of
    作者为某国大使."""
    hi = len(text) if hi is None else hi
    return not ((start > lo and _HANCHAR.match(text[start - 1])) or (end < hi and _HANCHAR.match(text[end])))


def _names_in(text: str, base: int, loose: bool = False) -> list[tuple[str, int, int]]:
    out = []
    check = credit_name if loose else looks_like_name
    for m in _patterns()["names"].finditer(text):
        if loose and not _whole_run(text, m.start(), m.end()):
            continue
        if check(_PADDING.sub("", m.group())):
            out.append((m.group(), base + m.start(), base + m.end()))
    return out


def find_credits(text: str, *, closing: bool = False, bare_role: str = "reporter") -> list[CreditHit]:
    """All credits in one paragraph, in order. ``closing``: the paragraph ends a report,
    so a bare bracket of names there is a credit: ``bare_role`` (reporters after a news
    report, the author after a commentary)."""
    candidates = _candidates(text)
    if not candidates:
        return []
    hits = list(_labelled_credits(text))
    if closing and not hits:
        taken: list[tuple[int, int]] = []
        shapes = _shapes()
        for k in candidates:
            if shapes[k].when == "closing" and not hits:
                _apply(shapes[k], text, hits, taken, bare_role)
        hits.sort(key=lambda h: h.start)
    return hits


@lru_cache(maxsize=4096)  # classify and the byline stage both look for credits in a paragraph
def _labelled_credits(text: str) -> tuple[CreditHit, ...]:
    """The credits of a paragraph that do not depend on where it stands, in order: the shapes
    that are not for closing paragraphs, each tried only when the text holds a string that
    every match of it needs."""
    hits: list[CreditHit] = []
    taken: list[tuple[int, int]] = []
    shapes = _shapes()
    for k in _candidates(text):
        shape = shapes[k]
        if shape.when == "closing" or (shape.when == "fallback" and hits):
            continue
        _apply(shape, text, hits, taken, "reporter")
    hits.sort(key=lambda h: h.start)
    return tuple(hits)


class _Spans:
    """Whether a position lies inside one of some spans: a binary search over their starts, with
    the furthest end reached so far (a loop over every span was quadratic on a paragraph of
    thousands of credits)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        for _, e in ordered:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def holds(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos


def _apply(shape: _Shape, text: str, hits: list[CreditHit], taken: list[tuple[int, int]], bare_role: str) -> None:
    """The credits of one shape in ``text`` (which holds what it needs), added to ``hits``; a
    match whose names start in a credit an earlier shape found is skipped."""
    inside = _Spans(taken)  # the earlier shapes' (this shape's own matches never overlap)
    for m in compiled(shape.source).finditer(text):
        if inside.holds(m.start("names")):
            continue
        word = m.group("role") if "role" in shape.named else None
        role = _roles()[word] if word else bare_role if shape.role == "bare" else shape.role
        after = m.group("after") if "after" in shape.named else None
        names = _patterns()["code"].sub(lambda x: " " * len(x.group()), m.group("names"))
        vouched = shape.vouched and word is not None and len(word) >= 2
        if shape.inner == "roles":
            _emit_with_roles(hits, role, names, m.start("names"), shape.vouched, vouched, after)
        else:
            _emit(hits, role, names, m.start("names"), loose=vouched)
        taken.append(m.span())


def _without_closing(names: str) -> str:
    """``names`` without the closing words a name swallowed, however many: （记者 甲报道）,
    （综合本报记者甲、乙和新华社记者采访整理）."""
    names = names.rstrip()
    while ending := next((w for w in _credit_word_list("closing") if names.endswith(w)), None):
        names = names[: -len(ending)].rstrip()
    return names


def _emit_with_roles(hits: list[CreditHit], role: str, names: str, base: int, vouches: bool, vouched: bool,
                     after: str | None) -> None:
    """Names with role words between them: each role word gives its role to the names after it
    (and vouches for them, where the shape lets a label vouch); a role word closing the names,
    or ``after``, credits the names before it again; a name followed by ``/`` and a role word
    (甲/文) has that role, and keeps the role of a role word right before it."""
    pats = _patterns()
    names = _without_closing(names)
    segments: list[tuple[str, int, int, bool]] = []  # role, start, end, introduced by a role word
    pos, introduced, word = 0, vouched, ""
    for rm in pats["roleword"].finditer(names):
        segments.append((role, pos, rm.start(), introduced))
        role, pos, introduced, word = _roles()[rm.group(1)], rm.end(), True, rm.group(1)
    segments.append((role, pos, len(names), introduced))
    if len(segments) > 1 and not names[pos:].strip() and after is None:
        after = word or None
        segments.pop()
    for k, (seg_role, a, z, intro) in enumerate(segments):
        loose = vouches and intro
        for sm in pats["suffixed"].finditer(names, a, z):
            if loose and not _whole_run(names, sm.start(1), sm.end(1), a, z):
                continue
            if not (credit_name if loose else looks_like_name)(_PADDING.sub("", sm.group(1))):
                continue
            first = not names[a : sm.start()].strip()
            roles = [seg_role] if sm.group(2) is None else (
                [seg_role, _roles()[sm.group(2)]] if first and intro else [_roles()[sm.group(2)]])
            if after is not None and k == len(segments) - 1:
                roles.append(_roles()[after])
            for r in dict.fromkeys(roles):
                hits.append(CreditHit(r, sm.group(1), base + sm.start(1), base + sm.end(1), label=loose))


def _emit(hits: list[CreditHit], role: str, names: str, base: int, loose: bool = False) -> None:
    for name, s, e in _names_in(names, base, loose):
        hits.append(CreditHit(role, name, s, e, label=loose))


_CREDIT_ONLY_RESIDUE = patterns.compile(r"[\s\p{P}|｜/A-Za-z0-9_＿]+")


@lru_cache(maxsize=4096)
def is_credit_only(text: str) -> bool:
    """True when the whole paragraph is credits (and codes, punctuation, outlet tags)."""
    if not _may_hold_credit(text):  # find_credits finds nothing: spares most paragraphs a call
        return False
    hits = find_credits(text, closing=True)
    if not hits:
        return False
    pats = _patterns()
    rest = pats["column"].sub("", text)
    for word in _roles_longest_first():
        rest = rest.replace(word, "")
    for name in {h.name for h in hits}:
        rest = rest.replace(name, "")
    rest = _CREDIT_ONLY_RESIDUE.sub("", rest)
    rest = _credit_words()["outlet"].sub("", rest)
    return len(rest) <= 2
