"""The last guarantee on paragraph spans: inside the input, non-empty, never overlapping.

Spans come from exact offsets on every real page, so nothing here changes them. On hostile
HTML the tree builder can move or merge text so that two paragraphs claim the same input
characters; ``settle_spans`` then moves the later ones to characters no paragraph covers
(markup), nearest their place, so the report's accounting still holds. The caller warns.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence


def settle_spans(spans: Sequence[tuple[int, int]], length: int) -> dict[int, tuple[int, int]]:
    """New spans, by index, for the spans that are outside ``[0, length]``, empty, or overlap an
    earlier one (in input order); an empty dict when all are fine, as on every real page."""
    if length <= 0:
        return {}
    changed: dict[int, tuple[int, int]] = {}
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1]))
    kept: list[tuple[int, int, int]] = []
    moved: list[tuple[int, int]] = []  # (wanted position, index)
    end = 0
    for i in order:
        start, stop = spans[i]
        if 0 <= start < stop <= length and start >= end:
            kept.append((start, stop, i))
            end = stop
        else:
            moved.append((min(max(start, 0), length - 1), i))
    if not moved:
        return {}
    gaps: list[list[int]] = []  # [first free, end] of each stretch no kept span covers
    widest: list[tuple[int, int, int, int]] = []  # kept spans to shorten when nothing is free
    pos = 0
    for start, stop, i in kept:
        heapq.heappush(widest, (start - stop, start, stop, i))
        if start > pos:
            gaps.append([pos, start])
        pos = max(pos, stop)
    if pos < length:
        gaps.append([pos, length])
    moved.sort()
    g = 0
    back = len(gaps) - 1
    for want, i in moved:
        while g < len(gaps) and (gaps[g][1] <= want or gaps[g][0] >= gaps[g][1]):
            g += 1
        if g < len(gaps):
            at = max(gaps[g][0], want)
            if at > gaps[g][0]:  # the free characters before it stay free, as a stretch of their own
                gaps.insert(g, [gaps[g][0], at])
                g += 1
                back += 1
            gaps[g][0] = at + 1
        else:  # nothing free after it: the last free character before it
            while back >= 0 and gaps[back][0] >= gaps[back][1]:
                back -= 1
            if back < 0:  # no free character at all: the widest kept span gives up its last one
                width, start, stop, k = heapq.heappop(widest) if widest else (0, 0, 0, -1)
                if -width > 1:
                    stop -= 1
                    changed[k] = (start, stop)
                    heapq.heappush(widest, (start - stop, start, stop, k))
                    at = stop
                else:
                    at = length - 1  # more paragraphs than characters: cannot happen for real text
            else:
                gaps[back][1] -= 1
                at = gaps[back][1]
        changed[i] = (at, at + 1)
    return changed
