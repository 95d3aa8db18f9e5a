from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textkit import PARTICLES, SUFFIXES, NameParts, is_initials, is_particle, is_suffix, split_name, split_natural


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Sibley, Katherine A. S.", NameParts("Sibley", "Katherine A. S.")),
        ("Katherine A. S. Sibley", NameParts("Sibley", "Katherine A. S.")),
        ("Ludwig van Beethoven", NameParts("Beethoven", "Ludwig", "van")),
        ("Beethoven, Ludwig van", NameParts("Beethoven", "Ludwig", "van")),
        ("de la Cruz, Juana Inés", NameParts("Cruz", "Juana Inés", "de la")),
        ("King, Martin Luther, Jr.", NameParts("King", "Martin Luther", None, "Jr.")),
        ("Martin Luther King, Jr.", NameParts("King", "Martin Luther", None, "Jr.")),
        ("von Hoffmann, Jr, Karl", NameParts("Hoffmann", "Karl", "von", "Jr")),
        ("Schlesinger Jr, Arthur", NameParts("Schlesinger", "Arthur", None, "Jr")),
        ("Smith JM", NameParts("Smith", "JM")),
        ("Plato", NameParts("Plato")),
    ],
)
def test_orders(text, parts):
    assert split_name(text) == parts


def test_prose_reads_a_final_initial_as_a_name_not_vancouver_initials():
    assert split_natural("Harry S", vancouver=False) == NameParts("S", "Harry")
    assert split_natural("Charles de Gaulle").surname == "de Gaulle"


def test_commas_that_fit_no_order():
    assert split_name("A, B, C, D") is None
    assert split_name(" , ") is None


def test_tables_and_predicates():
    assert {"van", "de", "ibn"} <= PARTICLES and {"jr", "iii"} <= SUFFIXES
    assert is_particle("Van") and is_suffix("Jr.,") and not is_suffix("V.")
    assert is_initials("J.-P.") and is_initials("J.R.R.") and not is_initials("John")


names = st.lists(st.sampled_from(["Anna", "Maria", "Jean", "J.", "K.", "Weber", "Stone", "Li"]), min_size=1, max_size=4)


@given(names, st.sampled_from(["", "van ", "de la "]), st.sampled_from(["Weber", "Stone", "Li"]))
def test_inverted_and_reading_order_agree(given_names, particle, family):
    given_text = " ".join(given_names)
    natural = split_natural(f"{given_text} {particle}{family}")
    inverted = split_name(f"{particle}{family}, {given_text}")
    assert natural is not None and inverted is not None
    assert (natural.surname, natural.given) == (inverted.surname, inverted.given) == (f"{particle}{family}", given_text)
