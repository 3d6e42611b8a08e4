"""The speaker of a speech transcript, found from the document's own layout on every document.

A transcript names its speaker in one of three places, each its own evidence (the patterns are
rows of ``lexicons/kind_cues.tsv``):

- the headline: ``韦知远同志在全市工作会议上的讲话``, ``青岚市副市长韦知远致辞``,
  ``青岚大学后勤处韦知远处长的讲话``;
- a short name line under a speech title, above the body: ``韦知远`` or ``青岚市市长　韦知远``;
- speaker labels that open the body's paragraphs turn by turn: ``韦知远：各位来宾…``.

Nothing here depends on the document's kind: the kind is decided afterwards, and a speaker
found here is evidence for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from ..layout.blocks import Block
from ..vocabulary.lexicon import ordered_words
from ..vocabulary.names import is_title, looks_like_name, split_title_name, title_suffixes
from .attendance import find_verbs
from .kind import CUE_CHARS, cue_match, has_cue

# A name line is short: a title chain and a name (``青岚市人民政府副市长　韦知远``), nothing more.
MAX_NAME_LINE = 24
# The name line stands right under the title: a date line or a subtitle may come between.
NAME_LINE_WINDOW = 8
# A speaker label is a name, or a title chain and a name, before the colon (``市长韦知远：``).
MAX_LABEL = 24
# Labelled turns are looked for in the opening of the body only (a transcript starts with them).
LABEL_WINDOW = 12
_SPACES = patterns.compile(r"[\s\u3000]+")
# A turn holds words after its label (a name alone with a colon heads a section of a story).
MIN_TURN = 8
# (a label is a name at least: two characters or more)
_LABEL = patterns.compile(rf"^(?P<label>[^：:，,。；;！？!?“”\s]{{2,{MAX_LABEL}}})[：:]")


@dataclass(frozen=True)
class Speaker:
    """A person a transcript names as its speaker, with where the name stands."""

    name: str
    titles: tuple[str, ...]
    block: int
    start: int  # in the block's text
    end: int
    evidence: str  # headline | name line | label


def _title_and_name(who: str) -> tuple[str, str] | None:
    """``title + name`` of a speaker written before a speech word, or None.

    A title written after the name (``韦知远处长``) vouches for the name before it, so what
    stands before that name is the speaker's affiliation even without a title suffix."""
    who = _SPACES.sub("", who)
    honorific = next((h for h in ordered_words("honorifics.txt") if who.endswith(h)), "")
    if honorific:
        who = who[: -len(honorific)]
    split = split_title_name(who)
    if split and split[1]:
        return split
    for suffix in title_suffixes():
        if len(who) > len(suffix) + 1 and who.endswith(suffix):
            head = who[: -len(suffix)]
            for n in (3, 2):
                if len(head) >= n and looks_like_name(head[-n:]):
                    return head[:-n], head[-n:]
    return None


def _from_headline(blocks: list[Block], headline_blocks: list[int]) -> Speaker | None:
    """The speaker a speech headline names before its speech words."""
    for i in headline_blocks:
        text = blocks[i].text
        m = cue_match("speech_by", text)
        if m is None:
            continue
        found = _title_and_name(m.group("who"))
        if found is None:
            continue
        title, name = found
        at = text.find(name, m.start("who"))
        if at < 0:
            continue
        return Speaker(name, (title,) if title else (), i, at, at + len(name), "headline")
    return None


def _name_line(blocks: list[Block], start: int, end: int) -> Speaker | None:
    """A short ``[title] name`` line between the title and the body."""
    for i in range(start, min(end, start + NAME_LINE_WINDOW)):
        raw = blocks[i].text.strip().strip("—-－")
        text = _SPACES.sub("", raw)
        if not text or len(text) > MAX_NAME_LINE:
            continue
        split = split_title_name(text)
        if not split or not split[1]:
            continue
        title, name = split
        if title and not is_title(title):
            continue
        at = _find_spaced(blocks[i].text, name)
        if at is None:
            continue
        return Speaker(name, (title,) if title else (), i, at[0], at[1], "name line")
    return None


def _find_spaced(text: str, name: str) -> tuple[int, int] | None:
    """Where ``name`` stands in ``text``, spaces allowed between its characters (``韦  远``)."""
    m = regex.search(r"[\s\u3000]*".join(map(regex.escape, name)), text)
    return (m.start(), m.end()) if m else None


def speaker_labels(blocks: list[Block], body: list[int]) -> tuple[list[Speaker], bool]:
    """Speakers labelled at the start of the body's opening paragraphs (``韦知远：各位来宾…``), and
    whether an interviewer's label (``记者：``, ``主持人：``) stands among them: then the text is
    an interview, whose labels are not a transcript's speakers.

    A label stands before the words of its paragraph: a name alone on its line with a colon
    heads a section of a feature (``韦知远：`` over a story), and a label holding a role verb
    introduces a quotation (``市长韦知远强调：``)."""
    found: list[Speaker] = []
    interview = False
    for i in body[:LABEL_WINDOW]:
        text = blocks[i].text
        m = _LABEL.match(text)
        if m is None:
            continue
        label = m.group("label")
        if has_cue("interviewer", label):
            interview = True
            continue
        if len(text) - m.end() < MIN_TURN or len(label) > MAX_LABEL or find_verbs(label):
            continue
        split = _title_and_name(label)
        if split is None:
            continue
        title, name = split
        if title and not is_title(title):
            continue
        at = text.find(name)
        found.append(Speaker(name, (title,) if title else (), i, at, at + len(name), "label"))
    return found, interview


def is_transcript(labels: list[Speaker], lead_index: int | None, lead_text: str) -> bool:
    """Labelled turns make a transcript when they go turn by turn (someone speaks twice), or
    when one speaker's label opens the body and the words after it address an audience or
    speak in the first person (``韦知远：尊敬的各位来宾…``). Several people labelled once
    each are a digest of quotations, not a transcript."""
    if not labels:
        return False
    names = [s.name for s in labels]
    if len(set(names)) < len(names):
        return True
    opening = _LABEL.match(lead_text)
    return (len(set(names)) == 1 and labels[0].block == lead_index and opening is not None
            and has_cue("address", lead_text[opening.end() : opening.end() + CUE_CHARS]))


def find_speakers(blocks: list[Block], headline_blocks: list[int], lead_index: int | None, body: list[int],
                  speech_signal: bool) -> list[Speaker]:
    """The transcript's speakers, in the order the evidence stands in the document.

    ``speech_signal``: the headline (or a title line above the body) is a speech title, or the
    body opens with a salutation (同志们：); only then is a short name line under the title the
    speaker (under a news headline it is a deck line or a credit)."""
    out: list[Speaker] = []
    head = _from_headline(blocks, headline_blocks)
    if head is not None:
        out.append(head)
    if speech_signal:
        start = headline_blocks[-1] + 1 if headline_blocks else 0
        end = lead_index if lead_index is not None else len(blocks)
        line = _name_line(blocks, start, end)
        if line is not None and all(s.name != line.name for s in out):
            out.append(line)
    labels, interview = speaker_labels(blocks, body)
    lead_text = blocks[lead_index].text if lead_index is not None else ""
    if not interview and is_transcript(labels, lead_index, lead_text):
        for s in labels:
            if all(x.name != s.name for x in out):
                out.append(s)
    return out
