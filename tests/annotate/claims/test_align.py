"""Alignment features of a claim and a passage: missing weight, antonyms, numbers, negators."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.claims.align import antonym_hits, marker_features, missing_features, number_features
from annotate.claims.wordnet import wordnet_status
from annotate.claims.words import content_stems


@pytest.mark.skipif(wordnet_status() is not None, reason="needs WordNet (Debian's wordnet-base)")
def test_an_antonym_in_the_passage_counts_only_when_the_word_itself_is_absent():
    claim = content_stems("The tax raised the price of bread.")
    assert antonym_hits(content_stems("Prices rose."), frozenset(content_stems("Prices fell."))) == 1
    assert antonym_hits(content_stems("Prices rose."), frozenset(content_stems("Prices rose, then fell."))) == 0
    assert antonym_hits(claim, frozenset(content_stems("The tax raised the price of bread."))) == 0


def test_numbers_agree_differ_or_are_absent():
    assert number_features("It has 3 rooms.", "It has 3 rooms and 2 halls.") == {"digits:matched": 1.0}
    assert number_features("It has 3 rooms.", "It has rooms.") == {}
    assert number_features("Built in 1,200 days.", "Built in 1200 days.") == {"digits:matched": 1.0}
    assert number_features("No numbers here.", "In 1990.") == {}


def test_negators_on_one_side():
    assert marker_features("She did not win.", "She won.") == {"negator:claim_only": 1.0}
    assert marker_features("She won.", "She never won.") == {"negator:unit_only": 1.0}
    assert marker_features("She didn't win.", "She never won.") == {}


words = st.lists(
    st.tuples(st.sampled_from(["cat", "dog", "sat", "mat", "ran"]), st.just("w"), st.floats(0.1, 5.0)),
    min_size=1,
    max_size=5,
    unique_by=lambda t: t[0],
)


@given(words, st.frozensets(st.sampled_from(["cat", "dog", "sat", "mat", "ran"])))
def test_missing_weight_is_a_share(rows, unit):
    f = missing_features(rows, unit)
    assert all(0.0 <= v <= 1.0 + 1e-9 for v in f.values()) and f.get("miss:max", 1.0) > 0.0
    assert bool(f) == any(stem not in unit for stem, _, _ in rows)
    if f:
        assert set(f) == {"miss:max", "miss:heavy"}
