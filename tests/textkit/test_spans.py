"""Tests for textkit.spans: the indexed overlap checks agree with a scan of every span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from textkit.spans import DisjointSpans, SpanSet

spans = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@given(spans, spans)
def test_span_set_answers_as_a_scan_does(stored: list[tuple[int, int]], asked: list[tuple[int, int]]) -> None:
    index = SpanSet(stored)
    for span in asked:
        assert index.overlaps(*span) == any(_overlap(span, s) for s in stored)


@given(spans)
def test_disjoint_spans_take_what_a_greedy_scan_takes(offered: list[tuple[int, int]]) -> None:
    taken = DisjointSpans()
    expected: list[tuple[int, int]] = []
    for span in offered:
        free = not any(_overlap(span, t) for t in expected)
        assert taken.add_if_free(*span) == free
        if free:
            expected.append(span)
    assert list(taken) == sorted(expected)
