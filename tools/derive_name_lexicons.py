"""Derive the name-evidence lexicons from the dictionary of the jieba segmenter.

    pip install -e '.[lexicons]'     # jieba 0.42.1, only to run this script; the parser does not import it
    python tools/derive_name_lexicons.py [path/to/jieba/dict.txt]

jieba's dictionary (MIT licence) lists about 350,000 words with a corpus frequency and a part
of speech; personal names are tagged ``nr`` (``nrt`` for transliterated ones). These lexicons
come out of it, written to ``parser/vocabulary/lexicons/``:

- ``common_words.txt`` and ``common_words_rarer.txt``: words with the shape of a personal
  name (a surname of ``surnames.txt`` and one or two characters, or a compound surname and one
  or two) that the dictionary knows as something else (``负责制``, ``文献``, ``董事``,
  ``其间``), split at frequency ``FREQUENT``; and the most frequent two-character words of any
  shape, which tell whether the characters after a surname that is also a function word
  (``从`` + ``战略``) are a word.
- ``weak_surnames.txt``: surnames that are far more often a word of their own (``和``,
  ``有``, ``从``): a name that starts with one needs more evidence.
- ``transliteration_chars.txt``: the characters of transliterated foreign names (those
  standing in at least ``TRANSLIT_MIN_NAMES`` of the dictionary's ``nrt`` words).

The parser reads them as evidence (parser/names.py): a common word is not a name unless a
title stands right before it and the word is not very common; a three-character name whose
surname the lexicon does not know is taken after a title only when all of its characters are
transliteration characters (``特朗普``, ``默克尔``, not ``进一步`` or ``深情地``).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import regex

LEXICONS = Path(__file__).resolve().parents[1] / "parser" / "vocabulary" / "lexicons"
# Below this frequency jieba's entries are mostly rare words and names it did not tag as
# names (高松 13, 江源 8, 高崖 29 are people in the People's Daily sample).
NAME_SHAPED_MIN_FREQ = 50
# Two-character words of any shape: only frequent ones, to keep the file small; they are
# consulted only after a surname that is also a function word (从, 向, 有 …).
ANY_SHAPE_MIN_FREQ = 2000
# A common word at least this frequent is never a name, even after a title (向前 3,028); a rarer
# one is a name only right after a title (方圆 285). The two go to two files.
FREQUENT = 1000
# A character of at least this many transliterated names is a transliteration character.
TRANSLIT_MIN_NAMES = 3
# A surname whose character, as a word of its own, is at least this frequent is mostly a
# function word (和 555,815, 有, 从, 由, 向 …; the commonest real surname below it is 高, 57,483) …
WEAK_SURNAME_MIN_FREQ = 60_000
# … unless it begins at least this many of the dictionary's three-character names (于 615: 于学军)
WEAK_SURNAME_MAX_NAMES = 500
_HAN = regex.compile(r"\p{Han}+")


def _surnames() -> tuple[set[str], set[str]]:
    names: set[str] = set()
    for line in (LEXICONS / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("#"):
            names.update(line.split())
    return {s for s in names if len(s) == 1}, {s for s in names if len(s) == 2}


def _dictionary(path: Path) -> list[tuple[str, int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and _HAN.fullmatch(parts[0]):
            rows.append((parts[0], int(parts[1]), parts[2]))
    return rows


def _lines_of(words: list[str], per_line: int = 20) -> str:
    return "".join(" ".join(words[i : i + per_line]) + "\n" for i in range(0, len(words), per_line))


def _name_shaped(word: str, single: set[str], compound: set[str]) -> bool:
    return (len(word) in (2, 3) and word[0] in single) or (len(word) in (3, 4) and word[:2] in compound)


def main(argv: list[str]) -> None:
    if argv:
        path = Path(argv[0])
    else:
        import jieba  # type: ignore[import-not-found]

        path = Path(jieba.__file__).parent / "dict.txt"
    rows = _dictionary(path)
    single, compound = _surnames()
    common: dict[str, int] = {}
    translit: Counter[str] = Counter()
    for word, freq, tag in rows:
        if tag == "nrt":
            translit.update(set(word))
        if tag.startswith("nr"):
            continue
        if (freq >= NAME_SHAPED_MIN_FREQ and _name_shaped(word, single, compound)) or (
                freq >= ANY_SHAPE_MIN_FREQ and len(word) == 2):
            common[word] = max(freq, common.get(word, 0))
    frequent = sorted((w for w, f in common.items() if f >= FREQUENT), key=lambda w: (-common[w], w))
    rarer = sorted((w for w, f in common.items() if f < FREQUENT), key=lambda w: (-common[w], w))
    header = (
        "# Common words that are never personal names: words of the jieba segmenter's dictionary (MIT\n"
        f"# licence) with a frequency of at least {FREQUENT:,} there: name-shaped words (a surname and one or two\n"
        "# characters) it tags as something else, and two-character words of any shape (from frequency\n"
        f"# {ANY_SHAPE_MIN_FREQ:,}). Generated by tools/derive_name_lexicons.py, most frequent first; see\n"
        "# parser/names.py.\n"
    )
    (LEXICONS / "common_words.txt").write_text(header + _lines_of(frequent), encoding="utf-8")
    header = (
        "# Rarer common words (方圆, 马力): name-shaped words the jieba segmenter's dictionary tags as something\n"
        f"# else, with a frequency from {NAME_SHAPED_MIN_FREQ} to {FREQUENT - 1} there. They are names only\n"
        "# right after a title (副市长方圆). Generated by tools/derive_name_lexicons.py, most frequent first;\n"
        "# see parser/names.py.\n"
    )
    (LEXICONS / "common_words_rarer.txt").write_text(header + _lines_of(rarer), encoding="utf-8")
    chars = sorted(c for c, n in translit.items() if n >= TRANSLIT_MIN_NAMES and _HAN.fullmatch(c))
    header = (
        "# Characters of transliterated foreign names (特朗普, 默克尔): those in at least "
        f"{TRANSLIT_MIN_NAMES} of the names the jieba\n"
        "# segmenter's dictionary tags as transliterated (nrt). Generated by tools/derive_name_lexicons.py.\n"
        "# A name whose surname surnames.txt lacks is read after a title only when all its characters are here.\n"
    )
    lines = ["".join(chars[i : i + 40]) for i in range(0, len(chars), 40)]
    (LEXICONS / "transliteration_chars.txt").write_text(
        header + "\n".join(" ".join(line) for line in lines) + "\n", encoding="utf-8")
    single_freq = {w: f for w, f, _ in rows if len(w) == 1}
    names_begun = Counter(w[0] for w, _, tag in rows if tag == "nr" and len(w) == 3)
    weak = sorted((c for c in single if single_freq.get(c, 0) >= WEAK_SURNAME_MIN_FREQ
                   and names_begun[c] < WEAK_SURNAME_MAX_NAMES), key=lambda c: -single_freq[c])
    header = (
        "# Surnames that are far more often a word of their own (和, 有, 从): single surnames of\n"
        "# surnames.txt whose frequency as a one-character word in the jieba segmenter's dictionary is\n"
        f"# at least {WEAK_SURNAME_MIN_FREQ:,}, unless it begins {WEAK_SURNAME_MAX_NAMES} or more of the dictionary's\n"
        "# three-character names (于). Generated by tools/derive_name_lexicons.py. A name starting with one\n"
        "# needs more evidence (parser/names.py).\n"
    )
    (LEXICONS / "weak_surnames.txt").write_text(header + " ".join(weak) + "\n", encoding="utf-8")
    print(f"common_words.txt: {len(frequent)} words, common_words_rarer.txt: {len(rarer)}; "
          f"transliteration_chars.txt: {len(chars)} characters")


if __name__ == "__main__":
    main(sys.argv[1:])
