"""Half-open spans asked "does anything here overlap?" in logarithmic time, so that checking every
match of a long text against every other stays linear-logarithmic rather than quadratic."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from itertools import accumulate

__all__ = ["DisjointSpans", "SpanSet"]


class SpanSet:
    """A fixed set of half-open spans (they may overlap each other).

    >>> spans = SpanSet([(0, 4), (10, 12)])
    >>> spans.overlaps(3, 5), spans.overlaps(4, 10), spans.overlaps(11, 20)
    (True, False, True)
    """

    __slots__ = ("_max_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_ends = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span shares a character with ``[start, end)``."""
        k = bisect_left(self._starts, end)  # spans before k start before ``end``
        return k > 0 and self._max_ends[k - 1] > start


class DisjointSpans:
    """Spans taken one by one, none overlapping another (a greedy choice of non-overlapping matches).

    >>> taken = DisjointSpans()
    >>> taken.add_if_free(0, 4), taken.add_if_free(2, 6), taken.add_if_free(4, 6)
    (True, False, True)
    >>> list(taken)
    [(0, 4), (4, 6)]
    """

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add_if_free(self, start: int, end: int) -> bool:
        """Add ``[start, end)`` unless it overlaps a span already taken; say whether it was added."""
        k = bisect_left(self._spans, (start, end))
        if k > 0 and self._spans[k - 1][1] > start:
            return False
        if k < len(self._spans) and self._spans[k][0] < end:
            return False
        insort(self._spans, (start, end))
        return True

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)
