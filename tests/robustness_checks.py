"""Invariants every report must keep, whatever the input: the checks of the robustness tests.

``problems(report, text)`` lists what is wrong with a report (a ``Report.to_dict()``) of the
decoded input ``text``; an empty list means: schema-valid, every span inside the input,
paragraph spans non-empty and non-overlapping, every paragraph in exactly one known place,
headline and lead made of their paragraphs, and for plain text every visible character of
the input inside some paragraph (nothing silently dropped).
"""

from __future__ import annotations

import os
import signal
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _support import all_spans, paragraph_overlaps

from parser import validate
from parser.errors import InputError
from parser.ingest.decode import decode_bytes
from parser.normalize.text import GLOSS

SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_MISSING = f"{SHARED} (corpus and seeds) is not beside the repository"
PLACES = {"headline", "lead", "body", "byline", "boilerplate"}


def decoded(data: str | bytes) -> str | None:
    """The text the parser reads from ``data`` (None when it refuses the bytes)."""
    if isinstance(data, str):
        return data
    try:
        return decode_bytes(data).text
    except InputError:
        return None


def problems(report: dict[str, Any], text: str | None) -> list[str]:
    """Everything wrong with ``report`` as the account of ``text`` (None: input refused)."""
    out: list[str] = []
    try:
        validate(report)
    except Exception as exc:  # jsonschema.ValidationError, with the path in its message
        return [f"schema: {str(exc)[:300]}"]
    if text is None or report["source"]["format"] == "unknown":  # refused: nothing may be claimed about it
        if report["paragraphs"] or report["attendees"] or report["directives"] or not report["warnings"]:
            out.append("a refused input must give an empty report with a warning")
        return out
    length = len(text)
    if report["source"].get("length", length) != length:
        out.append(f"source.length {report['source'].get('length')} != {length}")
    for label, (start, end) in all_spans(report):
        if not 0 <= start <= end <= length:
            out.append(f"{label}: span {[start, end]} outside [0, {length}]")
    paragraphs = report["paragraphs"]
    out += paragraph_overlaps(paragraphs)
    places = [p["place"] for p in paragraphs]
    if not set(places) <= PLACES:
        out.append(f"unknown places {set(places) - PLACES}")
    if places.count("lead") != (1 if report["lead"] else 0):
        out.append(f"{places.count('lead')} lead paragraphs for lead {report['lead'] is not None}")
    if report["headline"] is None and "headline" in places:
        out.append("headline paragraphs without a headline")
    if report["headline"] is not None and "headline" not in places:
        out.append("a headline made of no paragraph")
    for p in paragraphs:
        if p["place"] == "boilerplate" and not p.get("reason"):
            out.append(f"boilerplate without a reason: {p['text'][:20]!r}")
        if not p["text"].strip():
            out.append(f"blank paragraph at {p['span']}")
    if report["lead"] is not None:
        (lead_para,) = [p for p in paragraphs if p["place"] == "lead"] or [None]
        if lead_para is not None:
            a, b = report["lead"]["span"]
            pa, pb = lead_para["span"]
            if not pa <= a <= b <= pb:
                out.append(f"lead span {[a, b]} outside its paragraph {[pa, pb]}")
    if report["source"]["format"] == "text" and paragraphs is not None:
        covered = bytearray(length + 1)
        for p in paragraphs:
            start, end = p["span"]
            covered[start:end] = b"\x01" * (end - start)
        for m in GLOSS.finditer(text):  # pinyin glosses are removed on purpose (source.glosses_removed)
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for i, ch in enumerate(text):
            if not covered[i] and not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"):
                out.append(f"character {i} {ch!r} is in no paragraph: {text[max(0, i - 10):i + 10]!r}")
                break
    return out


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError when the block runs longer than ``seconds`` (POSIX main thread only)."""
    if not hasattr(signal, "setitimer") or os.name != "posix":
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def pathological_report(megabytes: float) -> bytes:
    """Text with about the most work per byte found (docs/robustness.md, "tiny paragraphs"): one
    seven-character paragraph per line, seconds per megabyte, so two megabytes outlast a time
    limit of one second on any machine. Genuinely slow input, with nothing in the parser to help."""
    line = "张伟出席会议。\n"
    return (line * int(megabytes * 1_000_000 / len(line.encode()))).encode()
