"""The assemble stage's last guarantee on paragraph spans (parser/assemble/spans.py)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from parser.assemble.spans import settle_spans


def test_spans_in_order_are_left_alone() -> None:
    assert settle_spans([(0, 3), (5, 9), (9, 12)], 12) == {}


def test_an_overlapping_span_moves_to_free_characters() -> None:
    assert settle_spans([(0, 5), (3, 8), (10, 12)], 12) == {1: (5, 6)}


def test_a_span_outside_the_input_comes_inside() -> None:
    moved = settle_spans([(0, 2), (40, 50)], 10)
    assert set(moved) == {1} and 2 <= moved[1][0] < moved[1][1] <= 10


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 30), st.integers(-3, 30)), max_size=8), st.integers(1, 30))
def test_settled_spans_are_inside_nonempty_and_disjoint(spans: list[tuple[int, int]], length: int) -> None:
    settled = [settle_spans(spans, length).get(i, span) for i, span in enumerate(spans)]
    assert all(0 <= a < b <= length for a, b in settled)
    if len(spans) <= length:
        ordered = sorted(settled)
        assert all(x[1] <= y[0] for x, y in itertools.pairwise(ordered))
