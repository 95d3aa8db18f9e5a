"""Alignment features of a claim and a passage: antonyms, numbers, negators."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.claims.align import (
    antonym_hits,
    is_negator,
    marker_features,
    negators,
    number_features,
    paraphrase_features,
)
from annotate.claims.stance import direction
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


def test_one_negator_table_for_markers_and_direction():
    # The absence words come from the shared table: both readers see them.
    assert {"lack", "absence", "none", "nobody"} <= negators()
    assert marker_features("There is a lack of rain.", "There is rain.") == {"negator:claim_only": 1.0}
    assert direction("There was a lack of increase in sales.") == (1, True)
    assert direction("Nobody saw prices increase.") == (1, True)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8))
def test_every_contraction_in_nt_is_a_negator(stem):
    assert is_negator(stem + "n't") and is_negator(stem + "n’t")


def _paraphrase(claim: str, unit: str) -> dict[str, float]:
    stems = content_stems(claim)
    unit_stems = frozenset(content_stems(unit))
    return paraphrase_features([(s, s, 1.0) for s in stems], [s for s in stems if s in unit_stems], unit_stems)


@pytest.mark.skipif(wordnet_status() is not None, reason="needs WordNet (Debian's wordnet-base)")
def test_related_words_align():
    assert _paraphrase("The dog barked loudly.", "The poodle barked loudly.") == {"wn:hyper": pytest.approx(1 / 3)}
    assert set(_paraphrase("The film opened in Rome.", "The movie opened in Rome.")) <= {"wn:sense", "wn:hyper"}
    assert _paraphrase("She played the violin.", "She played the guitar.") == {}  # a sibling is not a paraphrase
    assert _paraphrase("The nurse arrived.", "The nurse arrived.") == {}
    assert _paraphrase("The violin broke.", "A parcel was posted.") == {}
