"""The learned line model on pages written for these tests (never the development files)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.lines.features import document_features
from corpus.lines.model import context_features, line_model, logistic, own_features, score_lines
from corpus.structure import find_blocks

PAGE = """Home
News
Sport
Contact
Sign in

The harbour of the old town was rebuilt after the great storm of 1821, when most of its wooden piers were lost.
Merchants paid for the new stone quays, and the work took eleven years to finish under three successive mayors.

Bibliography
Archer, Thomas. The Harbour Towns of the North. London: Smith and Sons, 1954.
Berg, Anna M. "Stone Quays and Their Builders." Journal of Maritime History 12, no. 3 (1988): 45-67.
Carver, P., and L. Dunn. Storms and Shores. 2nd ed. Edinburgh: Coast Press, 2001.

Share this article
Posted by admin | Category: Local history
"""


def _scores(text):
    lines = text.split("\n")
    return {line: s for line, s in zip(lines, score_lines(lines), strict=True) if s is not None}


def test_references_chrome_and_body_get_their_scores():
    s = _scores(PAGE)
    refs = [line for line in s if line.startswith(("Archer", "Berg", "Carver"))]
    assert all(s[line].reference > 0.7 and s[line].shape > 0.5 and s[line].starts > 0.5 for line in refs)
    body = [line for line in s if line.startswith(("The harbour", "Merchants"))]
    assert all(s[line].reference < 0.5 and s[line].in_main and s[line].chrome < 0.8 for line in body)
    assert all(s[line].chrome > 0.5 and not s[line].in_main for line in ("Home", "Sign in", "Share this article"))


def test_the_page_reads_as_chrome_body_and_bibliography():
    blocks = [(b.kind.value, PAGE[b.span.start : b.span.end]) for b in find_blocks(PAGE, "p")]
    kinds = dict(blocks)
    assert {k for k, _ in blocks} >= {"furniture", "paragraph", "heading", "bibliography_entry"}
    assert [t.split(",")[0] for k, t in blocks if k == "bibliography_entry"] == ["Archer", "Berg", "Carver"]
    assert all(k == "furniture" for k, t in blocks if t in ("Home", "Sign in", "Share this article"))
    assert sum(1 for k, _ in blocks if k == "paragraph") == 2
    assert kinds  # every block has a kind


def _slow(lines):
    m = line_model()["models"]
    feats = document_features(lines)
    first = [None if f is None else logistic(m["reference"], f) for f in feats]
    return [
        None
        if f is None
        else (
            logistic(m["reference_context"], context_features(first, i)),
            logistic(m["reference_shape"], own_features(f)),
            logistic(m["starts"], f),
            logistic(m["chrome"], f),
        )
        for i, f in enumerate(feats)
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*PAGE.split("\n"), "", "   ", "x", "1. A. B. 1999.", "Tags: a, b"]), max_size=30))
def test_the_one_pass_scorer_gives_the_plain_logistic_numbers(lines):
    fast = score_lines(lines)
    for a, b in zip(_slow(lines), fast, strict=True):
        assert (a is None) == (b is None)
        if a is not None:
            assert max(abs(x - y) for x, y in zip(a, b[:4], strict=False)) < 1e-9
