"""The learned line model on pages written for these tests (never the development files)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.lines import features, model
from corpus.lines.chrome import chrome_context, lexical_logit
from corpus.lines.features import document_features, layout
from corpus.lines.model import (
    _default_weights,
    _shape_sums,
    _sigmoid,
    context_features,
    line_model,
    logistic,
    own_features,
    score_lines,
)
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
    shapes = [None if f is None else logistic(m["reference_shape"], own_features(f)) for f in feats]
    chrome = [None if f is None else logistic(m["chrome"], f) for f in feats]
    main = [f is not None and "main:in" in f for f in feats]
    words = [None if f is None else lexical_logit(m["chrome"], f) for f in feats]
    stacked = chrome_context(chrome, feats, main, words)
    return [
        None
        if f is None
        else (
            logistic(m["reference_context"], context_features(first, i, shapes[i])),
            shapes[i],
            logistic(m["starts"], f),
            logistic(m["chrome_context"], stacked[i] or {}),
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


# A paginated reference list (a thesis as text): entries separated by one blank line, a page
# number set off by a wider gap and pushed to the right, then the running head of the next page.
PAGINATED = """Abbot, R. and K. Lune (1981). "Salt marsh drainage." Coastal Studies 4(2): 11-19.

Bram, T. (1977). Harbour Silt and its Removal. Leiden, Dijk Press.

Cole, M. J., P. Ander and S. Wirth (1990). "Tidal flats of the eastern shore
revisited." Estuary Review 18(1): 102-110.



                                                                                 42
\fTidal change on the eastern shore
A. Student, doctoral thesis

Dorn, H. (1985). The Dyke Builders. Hamburg, Nord Verlag.

Eames, L. (1999). "Silt in the Wadden Sea." Marine Geology 160(3): 201-214.
"""


def test_a_page_number_between_entries_does_not_look_like_one():
    s = _scores(PAGINATED)
    number = next(line for line in s if line.strip() == "42")
    assert s[number].shape < 0.06  # however surely its neighbours carry it along (``reference``)
    assert all(s[line].reference > 0.7 for line in s if line[:4] in ("Abbo", "Bram", "Cole", "Dorn", "Eame"))


def test_an_entry_before_a_page_break_ends_at_its_own_last_line():
    blocks = [(b.kind.value, PAGINATED[b.span.start : b.span.end]) for b in find_blocks(PAGINATED, "t")]
    entries = [t for k, t in blocks if k == "bibliography_entry"]
    assert [t[:4] for t in entries if not t.startswith("A. ")] == ["Abbo", "Bram", "Cole", "Dorn", "Eame"]
    assert next(t for t in entries if t.startswith("Cole")).endswith("102-110.")
    assert all("42" not in t.split() for t in entries)


def test_bare_numbers_and_wide_gaps_are_features():
    feats = document_features(["Text line one here.", "", "Text line two here.", "", "", "", "      xii", "", "End."])
    assert feats[6] is not None and feats[6]["bare-number"] == 1.0 and "indent>=24" not in feats[6]
    assert feats[6]["gap-before:wide"] == 1.0 and "gap-after:wide" not in feats[6]
    assert feats[0] is not None and "bare-number" not in feats[0] and "gap-after:wide" not in feats[0]
    far = document_features([" " * 30 + "17"])[0]
    assert far is not None and far["indent>=24"] == 1.0 and far["bare-number"] == 1.0


def test_in_text_citations_and_dot_leaders_are_features():
    lines = [
        "as earlier work showed (Hale & Ross, 1998; Lind et al. 2004) the marsh",
        "Hale, K. and P. Ross (1998). Marsh Drainage. Leiden, Dijk Press.",
        "2.3 Methods of drainage ............................ 14",
    ]
    prose, entry, contents = document_features(lines)
    assert prose is not None and prose["intext"] == 1.0 and "leader" not in prose
    assert entry is not None and "intext" not in entry
    assert contents is not None and contents["leader"] == 1.0


def test_authors_leading_with_initials_or_vancouver_names_are_features():
    lines = ["S.D. Klyce. Stromal lactate in the rabbit.", "Islam F, Gault A (2004) Arsenic release.", "A. The end."]
    initials, vancouver, other = document_features(lines)
    assert initials is not None and initials["lead:initials"] == 1.0 and "lead:vancouver" not in initials
    assert vancouver is not None and vancouver["lead:vancouver"] == 1.0 and "lead:initials" not in vancouver
    assert other is not None and "lead:initials" not in other and "lead:vancouver" not in other
    assert vancouver["p1:lead:initials"] == 1.0 and vancouver["p1:last:."] == 1.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*PAGE.split("\n")[:8], "", "Home", "Home", "Share this article"]), max_size=30))
def test_recurring_lines_score_exactly_as_lines_shaped_one_by_one(lines):
    shared = score_lines(lines)
    with pytest.MonkeyPatch.context() as mp:
        # Every line shaped on its own: no two lines share a shape dict, so no sums are reused.
        mp.setattr(features, "_shapes", lambda ls: [features._shape(x) if x.strip() else None for x in ls])
        alone = score_lines(lines)
    assert shared == alone


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.none() | st.floats(0.0, 1.0), max_size=20),
    st.none() | st.floats(0.0, 1.0),
)
def test_the_stacked_reference_score_is_the_plain_logistic_to_the_bit(first, shape):
    stacked = line_model()["models"]["reference_context"]
    weights = model._default_weights().context
    for i, p in enumerate(first):
        if p is not None:
            want = logistic(stacked, context_features(first, i, shape))
            assert model._context_probability(weights, first, i, shape) == want


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | st.floats(0.0, 1.0), max_size=40), st.data())
def test_the_stacked_reference_scores_of_a_page_are_those_of_each_line(first, data):
    shapes = data.draw(st.lists(st.none() | st.floats(0.0, 1.0), min_size=len(first), max_size=len(first)))
    weights = model._default_weights().context
    want = [
        None if p is None else model._context_probability(weights, first, i, shapes[i]) for i, p in enumerate(first)
    ]
    assert model._context_probabilities(weights, first, shapes) == want


def _plain_sums(weights, shape):
    """_shape_sums with every term multiplied out (the sums before binary terms were added as is)."""
    own = [0.0] * 4
    given = [0.0] * 12
    for name, v in shape.items():
        w, gw, _ = weights.both.get(name, (None, None, None))
        for k, x in enumerate(w or ()):
            own[k] += x * v
        for k, x in enumerate(gw or ()):
            given[k] += x * v
    return tuple(own), tuple(given), lexical_logit(weights.chrome_words, shape)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([*PAGE.split("\n"), "", "x", "1. A. B. 1999.", "Tags: a, b", "  — indented, 12"]), max_size=20
    )
)
def test_shape_sums_are_the_multiplied_sums_to_the_bit(lines):
    weights = _default_weights()
    for shape in layout(lines).shapes:
        if shape is not None:
            assert _shape_sums(weights, shape) == _plain_sums(weights, shape)


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.floats(-50, 50)),
    st.dictionaries(st.sampled_from("abcdeg"), st.sampled_from([1.0, 0.5, 0.0, -1.0]) | st.floats(-5, 5)),
)
def test_logistic_adds_binary_terms_to_the_bit(weights, features):
    z = 0.0
    for name, value in features.items():
        if name in weights:
            z += weights[name] * value
    assert logistic(weights, features) == _sigmoid(z)
