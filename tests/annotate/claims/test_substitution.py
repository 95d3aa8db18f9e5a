"""Substitution features: a claim's name, date or number replaced in the same slot by another of its kind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.claims.facets import extract_facets
from annotate.claims.substitution import items, substitution_features


def swaps(claim: str, unit: str) -> dict[str, float]:
    return substitution_features(claim, extract_facets(claim), unit, extract_facets(unit))


@pytest.mark.parametrize(
    ("claim", "unit", "expected"),
    [
        # a name of the same kind next to the same words
        ("The station is owned by ESPN.", "The station was owned by Comcast until 1999.", "swap:entity"),
        ("The band won two Grammy Awards.", "The band won two Brit Awards in 1990.", "swap:entity"),
        # a date of the same precision
        ("The bridge opened on 3 May 1921.", "The bridge opened on 9 May 1921 to traffic.", "swap:date"),
        # a count of the same thing
        ("The museum has 14 rooms.", "The museum has 12 rooms and a garden.", "swap:quantity"),
    ],
)
def test_a_replaced_item_in_the_same_slot(claim, unit, expected):
    assert expected in swaps(claim, unit)


def test_the_same_items_are_no_swap_and_say_so():
    assert swaps("The station is owned by ESPN.", "Since 1990 the station is owned by ESPN.") == {
        "swap:none_missing": 1.0
    }


def test_another_name_in_another_slot_is_no_swap():
    # Comcast is named, but nowhere near "owned": the passage does not say who owns it instead.
    assert swaps("The station is owned by ESPN.", "Comcast sold cable boxes in Ohio during the winter.") == {}


def test_a_different_kind_is_no_swap():
    # a year does not replace a day; a count of years does not replace a count of rooms
    assert "swap:date" not in swaps("The bridge opened on 3 May 1921.", "The bridge opened in 1925.")
    assert "swap:quantity" not in swaps("The museum has 14 rooms.", "The museum has 12 halls.")


def test_a_claim_without_names_or_numbers_has_no_features():
    assert swaps("The cat sat on the mat.", "The dog sat on the mat.") == {}


def test_items_carry_facet_kind_and_key():
    found = items(extract_facets("John Smith left Paris on 3 June 2003."))
    assert [(i.facet, i.kind) for i in found] == [("entity", "person"), ("entity", "place"), ("date", "day")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc ABC 12.,"), max_size=40))
def test_a_text_never_substitutes_itself(text):
    assert not any(k != "swap:none_missing" for k in swaps(text, text))
