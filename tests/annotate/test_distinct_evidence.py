"""A verdict's distinct evidence: each piece once, first occurrence first (found by hash, not by a scan)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate.model import Claim, Conflict, Evidence, Label, Relation, Verdict, distinct_evidence
from corpus.model import Span


def _evidence(k: int) -> Evidence:
    return Evidence(
        claim="c1", passage=f"s.p{k}", span=Span("s", k, k + 1), quote="x", relation=Relation.SUPPORTS, score=1.0
    )


@given(
    picks=st.lists(st.integers(0, 4), max_size=8),
    pairs=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=3),
)
def test_distinct_evidence_is_the_first_of_each_equal_piece_in_order(
    picks: list[int], pairs: list[tuple[int, int]]
) -> None:
    # Equal pieces built apart (not the same object) are one piece.
    evidence = [_evidence(k) for k in picks]
    conflicts = [Conflict("c1", "date", _evidence(a), _evidence(b), "1933", "1934") for a, b in pairs]
    verdict = Verdict(Claim("c1", "It began in 1933."), Label.SUPPORTED, evidence, conflicts=conflicts)
    everything = [*evidence, *(e for c in conflicts for e in (c.first, c.second))]
    expected: list[Evidence] = []
    for ev in everything:
        if ev not in expected:  # the plain scan the set replaced
            expected.append(ev)
    assert distinct_evidence(verdict) == tuple(expected)
