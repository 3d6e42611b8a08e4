"""Text normalisation with an offset map: glosses out, simplified script, canonical punctuation.

Every step keeps a per-character link to the decoded input, so a name found in normalised
text can be shown in the original. Script conversion is 1:1 per character where OpenCC keeps
the length (almost always); the original characters are kept beside the normalised ones so
that ``钱乾`` is never silently reported as ``钱干`` without its original form.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import cache

import regex

from .. import patterns
from ..ingest.segments import Segment
from ..vocabulary.lexicon import words

# A pinyin gloss after a character: one syllable (initial, one to three vowels, final), so that
# 國(guó) and 們(men) go while a Latin word in brackets such as 项目(abc) stays. A toned vowel
# that an encoding lost is a ? (國(gu?), 會(hu?)): still a gloss, if a letter stands in it.
GLOSS = patterns.compile(
    r"(?<=\p{Han})[(（](?![?？]+[)）])(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ?？]{1,3}(?:ng|n|r)?[)）]"
)
# A line break inside a paragraph of an HTML page, with the indentation of the source around
# it, between two Chinese characters or marks: the page shows no space there (Chinese has none),
# so the wrap of the source is dropped (结对认亲仪\n        式 → 结对认亲仪式). Only after a long
# line: a short one before a break is a field of its own (来源：新华社 \n 责任编辑：甲).
_SOFT_WRAP = patterns.compile(r"(?<=[\p{Han}\p{P}])[ \t\u3000]*\n[\s\u3000]*(?=[\p{Han}\p{P}])")
MIN_WRAPPED_LINE = 24
_CONTROL = patterns.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff\u00ad]")
_SPACES = str.maketrans({"\u00a0": " ", "\u3000": "\u3000", "\t": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})

# Half-width punctuation to the full-width forms Chinese text uses, one character for one.
_PUNCT = {",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）", ":": "："}
_DIGIT_SIDE = patterns.compile(r"(?<=[0-9A-Za-z])[,:](?=[0-9])|(?<=[A-Za-z])[!?:](?=//)")
# A half-width full stop that ends a Chinese sentence (…召开.市委书记…): after a Chinese character
# or a closing quote or bracket, not in an ellipsis, a number, a list marker or an address. In a
# document that uses 。 as well, one between two Chinese words joins a transliterated name
# (托马斯.林博): only one ending its line ends a sentence there.
_HAN_PERIOD = patterns.compile(r"(?<=[\p{Han}”’」』）)])\.(?![.0-9A-Za-z])")
_HAN_PERIOD_AT_END = patterns.compile(r"(?<=[\p{Han}”’」』）)])\.(?=[ \t\u3000]*(?:\n|$))")

# A gate tells with a C-level scan that a step has nothing to do, so most segments skip it
# (stdlib re: cheaper per call than `regex` for a plain class). _CONTROL_CHARS is _CONTROL's
# class spelt out (tests/test_normalize_fast.py checks it).
_CONTROL_CHARS = frozenset(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                                     *range(0x200B, 0x2010), 0x2028, 0x2029, 0xFEFF, 0xAD]))
_ANY_CONTROL = re.compile(_CONTROL.pattern)
_STRIP = " \u3000\r\n"

# The script of a document is judged on its first 400 segments: a whole report, and enough of a
# huge file to tell traditional from simplified.
SCRIPT_SAMPLE_SEGMENTS = 400


@dataclass(slots=True)  # slots: one is built for every paragraph of every input
class NormText:
    """Normalised text of one segment, its input offsets and the pre-conversion characters."""

    text: str
    offsets: array
    original: str  # same length as text: the characters before script conversion
    tag: str
    link_chars: int
    hint: str
    meta: dict[str, str]
    indented: bool = False  # the input line began with spaces or 　: a body paragraph in plain text
    show_original: bool = False  # --keep-script: output the characters as written

    def shown(self, start: int, end: int) -> str:
        """``text[start:end]`` as the output shows it: simplified, or as written with keep_script."""
        return self.original[start:end] if self.show_original else self.text[start:end]

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Input span of ``text[start:end]``."""
        n = len(self.text)
        if n == 0 or start >= n:
            o = int(self.offsets[min(start, len(self.offsets) - 1)]) if len(self.offsets) else 0
            return (o, o)
        start = max(0, start)
        end = max(start + 1, min(n if end is None else end, n))
        return (int(self.offsets[start]), int(self.offsets[end - 1]) + 1)

    def original_of(self, start: int, end: int) -> str | None:
        """The pre-conversion form of ``text[start:end]`` when conversion changed it."""
        if self.original is self.text:  # nothing was converted (the common case): no slices to compare
            return None
        orig = self.original[start:end]
        return orig if orig != self.text[start:end] and not self.show_original else None


@dataclass
class NormStats:
    """What normalisation did to a document, for ``source``."""

    glosses_removed: int = 0
    converted: bool = False


def is_traditional(text: str) -> bool:
    """Whether the text holds characters found only in traditional script."""
    return _marker_class().search(text) is not None


@cache
def _markers() -> frozenset[str]:
    return words("traditional_markers.txt")


@cache
def _marker_class() -> re.Pattern[str]:
    """The markers as one character class: a C-level scan instead of a set lookup per character.
    Only one-character markers can ever be met (``isdisjoint`` of a string tests its characters)."""
    chars = sorted(m for m in _markers() if len(m) == 1)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)")


@cache
def _rare_gate() -> re.Pattern[str]:
    """Control characters and traditional markers as one class: one scan that rarely finds
    anything tells that a document needs neither deletion nor conversion. (Characters common
    in pages, such as tabs, no-break spaces and brackets, are tested with `in` instead: a
    search for them would stop at once and tell nothing.)"""
    chars = _CONTROL_CHARS | frozenset(m for m in _markers() if len(m) == 1)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def _delete(seg_text: str, offsets: array, pattern: regex.Pattern[str]) -> tuple[str, array, int]:
    """Remove every match of ``pattern``, keeping offsets of the characters that stay."""
    pieces: list[str] = []
    offs = array("l")
    pos = 0
    count = 0
    for m in pattern.finditer(seg_text):
        s, e = m.span()
        pieces.append(seg_text[pos:s])
        offs.extend(offsets[pos:s])
        pos = e
        count += 1
    if not count:
        return seg_text, offsets, 0
    pieces.append(seg_text[pos:])
    offs.extend(offsets[pos:])
    return "".join(pieces), offs, count


def _unwrap(text: str, offsets: array) -> tuple[str, array]:
    """``text`` without the soft wraps (``_SOFT_WRAP``) that end a line of at least
    ``MIN_WRAPPED_LINE`` characters, keeping the offsets of the characters that stay."""
    cuts = []
    line_start = 0  # where the line that a wrap ends starts: after the previous break
    for m in _SOFT_WRAP.finditer(text):
        line = text[max(line_start, text.rfind("\n", 0, m.start()) + 1) : m.start()].strip()
        if len(line) >= MIN_WRAPPED_LINE:
            cuts.append(m.span())
        line_start = m.end()
    if not cuts:
        return text, offsets
    pieces: list[str] = []
    offs = array("l")
    pos = 0
    for a, b in cuts:
        pieces.append(text[pos:a])
        offs.extend(offsets[pos:a])
        pos = b
    pieces.append(text[pos:])
    offs.extend(offsets[pos:])
    return "".join(pieces), offs


def _punct(text: str, half_width_stops: bool = False) -> str:
    """Half-width punctuation to full width, except between digits (3,000 10:30) and in URLs; a
    half-width full stop only where it ends a Chinese sentence (anywhere after Chinese when the
    document writes its full stops half-width, ``half_width_stops``; else at the end of a line)."""
    # unrolled `in` tests: each a memchr-speed scan, several times faster than one regex class
    if "." in text:
        stops = _HAN_PERIOD if half_width_stops else _HAN_PERIOD_AT_END
        text = stops.sub("。", text)  # one character for one: positions stay
    if not ("," in text or ":" in text or "(" in text or ")" in text or ";" in text or "!" in text
            or "?" in text):
        return text
    # Translate everything at C speed, then put the protected characters back: the table maps one
    # character to one, so positions in ``fixed`` are those in ``text``.
    fixed = _replace(text, _PUNCT_PAIRS)
    parts: list[str] = []
    pos = 0
    for m in _DIGIT_SIDE.finditer(text):
        at = m.start()
        parts.append(fixed[pos:at])
        parts.append(text[at])
        pos = at + 1
    if not parts:
        return fixed
    parts.append(fixed[pos:])
    return "".join(parts)


_PUNCT_TABLE = str.maketrans(_PUNCT)


@cache
def _pairs(table: tuple[tuple[int, str], ...]) -> tuple[tuple[str, str], ...] | None:
    """The changing (from, to) pairs of a one-character table, or None if one could chain."""
    pairs = tuple((chr(k), v) for k, v in table if chr(k) != v)
    sources = {a for a, _ in pairs}
    return None if any(c in sources for _, v in pairs for c in v) else pairs


def _replace(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Each ``a`` by its ``b``: ``text.translate`` for pairs that cannot chain (see ``_pairs``)."""
    for a, b in pairs:
        if a in text:
            text = text.replace(a, b)
    return text


def _fixed_pairs(table: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """The pairs of a fixed table, worked out once instead of on every call. It must not chain
    (so that replaces equal str.translate) and must map one character to one (so that positions
    stay: _punct and _punct_all rely on it)."""
    pairs = _pairs(tuple(table.items()))
    if pairs is None or any(len(b) != 1 for _, b in pairs):
        raise ValueError("a fixed normalisation table must map one character to one, without chains")
    return pairs


_SPACE_PAIRS = _fixed_pairs(_SPACES)
_PUNCT_PAIRS = _fixed_pairs(_PUNCT_TABLE)


def to_simplified(text: str) -> str:
    """OpenCC t2s, one character for one: phrase conversions that change length fall back per char."""
    conv = _converter().convert(text)  # type: ignore[attr-defined]
    if len(conv) == len(text):
        return conv
    return "".join(c2 if len(c2 := _converter().convert(c)) == 1 else c for c in text)  # type: ignore[attr-defined]


def normalize_segments(
    segments: list[Segment], *, convert: bool | None = None, keep_script: bool = False
) -> tuple[list[NormText], NormStats]:
    """Normalise each segment; ``convert`` forces script conversion on or off (None: detect)."""
    stats = NormStats()
    texts = [s.text for s in segments]
    # Tests of the whole document say which steps can have anything to do: each looks for single
    # characters, so a character is in some segment iff it is in the joined texts, and deleting
    # characters (controls, glosses) cannot bring one in.
    joined = "".join(texts)
    rare = _rare_gate().search(joined) is not None
    controls = rare and _ANY_CONTROL.search(joined) is not None
    glosses = "(" in joined or "（" in joined
    spaces = tuple(pair for pair in _SPACE_PAIRS if pair[0] in joined)  # per segment: `in`, memchr speed
    punct = any(c in joined for c in _PUNCT) or "." in joined
    half_width_stops = "." in joined and "。" not in joined
    if convert is None:
        # the markers are single characters too: joining neither makes nor hides one
        convert = (rare and is_traditional(joined)) if len(texts) <= SCRIPT_SAMPLE_SEGMENTS \
            else is_traditional("".join(texts[:SCRIPT_SAMPLE_SEGMENTS]))
    out: list[NormText] = []
    append = out.append
    for seg in segments:
        text = seg.text
        offs = seg.offsets
        # each step runs only where its gate finds something to do; otherwise text and offsets
        # stay the segment's own
        if controls and _ANY_CONTROL.search(text):
            text, offs, _ = _delete(text, offs, _CONTROL)
        if "\n" in text:
            text, offs = _unwrap(text, offs)
        if glosses and ("(" in text or "（" in text):
            text, offs, n = _delete(text, offs, GLOSS)
            stats.glosses_removed += n
        for a, b in spaces:  # _replace, inlined
            if a in text:
                text = text.replace(a, b)
        # strip indentation and trailing blanks, keeping offsets aligned
        size = len(text)
        body = text.lstrip(_STRIP)
        text = body.rstrip(_STRIP)
        if not text or text.isspace():  # blank, or blank once its controls went ("\x00\x85")
            continue
        lstrip = size - len(body)
        rstrip = lstrip + len(text)
        end_off = offs[rstrip - 1] + 1
        if lstrip or rstrip != size or len(offs) != size + 1 or offs[size] != end_off:
            offs = offs[lstrip:rstrip]
            offs.append(end_off)
        # else: offsets already as the copy would make them; shared, since nothing writes to them
        if convert:
            original = text
            simp = to_simplified(text)
            if simp != text:
                stats.converted = True
            text = _punct(simp, half_width_stops)  # the stages read simplified text; keep_script changes what is shown
            original = _punct(original, half_width_stops)
            if original == text:
                original = text  # one object: original_of answers at once
        else:
            original = text  # punctuation: below, for the whole document at once
        append(NormText(text, offs, original, seg.tag, seg.link_chars, seg.hint, seg.meta, lstrip > 0, keep_script))
    if punct and not convert:
        _punct_all(out, half_width_stops)
    return out, stats


def _punct_all(norms: list[NormText], half_width_stops: bool = False) -> None:
    """``_punct`` of each text, as one call on the texts joined by LF.

    The same as one call per text: the rule that protects a character looks one character back
    for a letter or digit and up to two ahead for a digit or ``//``; at the edge of a text it
    finds nothing in a lone call and LF in the joined one, and neither matches. The full-stop
    rules look one character back for Chinese (LF is none) and ahead for the end of a line, which
    the end of a lone text and LF both are. LF itself is not punctuation, and _punct keeps every
    length, so each text is a slice of the result."""
    joined = "\n".join([n.text for n in norms])
    fixed = _punct(joined, half_width_stops)
    if fixed is joined:
        return
    pos = 0
    for n in norms:
        end = pos + len(n.text)
        text = fixed[pos:end]
        if text != n.text:
            n.text = n.original = text
        pos = end + 1


# The specification of normalize_segments. The functions above reach the same result with
# whole-string operations and gates (about 20 times faster over a corpus, most of the cost of
# the stage); these state it one step, one character at a time. normalize_segments must equal
# _normalize_reference on every input: tests/test_normalize_fast.py checks that on random segments.


def _delete_reference(text: str, offsets: array, pattern: regex.Pattern[str]) -> tuple[str, array, int]:
    """``text`` without ``pattern``'s matches, the offsets of what stays, and the number removed."""
    pieces, offs, pos, count = [], array("l"), 0, 0
    for m in pattern.finditer(text):
        pieces.append(text[pos : m.start()])
        offs.extend(offsets[pos : m.start()])
        pos, count = m.end(), count + 1
    if not count:
        return text, offsets, 0
    pieces.append(text[pos:])
    offs.extend(offsets[pos:])
    return "".join(pieces), offs, count


def _punct_reference(text: str, half_width_stops: bool = False) -> str:
    """Half-width punctuation as full-width, except beside digits and in URLs; a half-width stop
    after Chinese as 。 (anywhere when ``half_width_stops``, else only at a line's end)."""
    stops = {m.start() for m in (_HAN_PERIOD if half_width_stops else _HAN_PERIOD_AT_END).finditer(text)}
    protected = {m.start() for m in _DIGIT_SIDE.finditer(text)}
    return "".join("。" if i in stops else c if i in protected else _PUNCT.get(c, c) for i, c in enumerate(text))


def _unwrap_reference(text: str, offs: array) -> tuple[str, array]:
    """Soft wraps out: each that ends a line (from the previous break) of 24 or more characters."""
    keep = [True] * len(text)
    prev_end = 0
    for m in _SOFT_WRAP.finditer(text):
        line_from = max(prev_end, text.rfind("\n", 0, m.start()) + 1)
        if len(text[line_from : m.start()].strip()) >= 24:
            for i in range(m.start(), m.end()):
                keep[i] = False
        prev_end = m.end()
    kept = array("l", [o for o, k in zip(offs, keep, strict=False) if k]) + offs[len(text) :]
    return "".join(c for c, k in zip(text, keep, strict=True) if k), kept


def _normalize_reference(
    segments: list[Segment], convert: bool
) -> tuple[list[tuple[str, list[int], str, bool]], int, bool]:
    """What normalize_segments returns, as (text, offsets, original, indented) rows, the number of
    glosses removed and whether conversion changed anything: the steps in order, per segment."""
    out, glosses, converted = [], 0, False
    joined = "".join(s.text for s in segments)
    half_width_stops = "." in joined and "。" not in joined
    for seg in segments:
        text, offs = seg.text, seg.offsets
        text, offs, _ = _delete_reference(text, offs, _CONTROL)
        text, offs = _unwrap_reference(text, offs)
        text, offs, n = _delete_reference(text, offs, GLOSS)
        glosses += n
        text = text.translate(_SPACES)
        lstrip = len(text) - len(text.lstrip(_STRIP))
        rstrip = len(text.rstrip(_STRIP))
        if rstrip <= lstrip:
            continue
        end_off = offs[rstrip - 1] + 1
        text, offs = text[lstrip:rstrip], offs[lstrip:rstrip]
        offs.append(end_off)
        original = text
        if convert:
            simp = to_simplified(text)
            converted |= simp != text
            text = simp
        out.append((_punct_reference(text, half_width_stops), list(offs),
                    _punct_reference(original, half_width_stops), lstrip > 0))
    return out, glosses, converted
