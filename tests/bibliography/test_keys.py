"""Cite keys: shape, transliteration, collisions, determinism."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bibliography.errors import DuplicateKeyError
from bibliography.keys import ascii_fold, assign_keys, make_key
from bibliography.model import Person, Reference
from bibliography.parse.reference import parse_reference

KEY_RE = re.compile(r"^[a-z][a-z0-9]*$")


def ref(family=None, title=None, year=None, literal=None, **kw):
    authors = [Person(family=family)] if family else [Person(literal=literal)] if literal else []
    return Reference(authors=authors, title=title, year=year, **kw)


def test_seed_key():
    raw = (
        "Bennett, Edward M. Recognition of Russia: An American Foreign Policy Dilemma. Waltham, Mass.: "
        "Blaisdell, 1970. Discusses the political and legal aspects of the U.S. government’s decision."
    )
    assert make_key(parse_reference(raw)) == "bennett1970recognition"


@pytest.mark.parametrize(
    ("reference", "key"),
    [
        (ref("Hull", "The Memoirs of Cordell Hull", "1948"), "hull1948memoirs"),
        (ref("Łukasiewicz", "Dějiny sovětské diplomacie", "1998"), "lukasiewicz1998dejiny"),
        (ref("Ødegaard", "Stalin’s diplomacy", "2004"), "odegaard2004stalin"),
        (ref("Straße", "Über alles", "2001"), "strasse2001uber"),
        (ref("Æsop", "Fables", None), "aesopndfables"),
        (ref("García Márquez", "Cien años de soledad", "1967"), "garciamarquez1967cien"),
        (ref("Хлевнюк", "Хозяин", "2010"), "khlevniuk2010khoziain"),
        (ref("Churchill", "The Second World War", "1948–53"), "churchill1948second"),
        (ref("Smith", "A Title", "n.d."), "smithndtitle"),
        (ref(literal="U.S. Department of State", title="Papers", year="1952"), "us1952papers"),
        (ref(literal="The World Bank", title="Report", year="2020"), "world2020report"),
        (ref(title="The Anonymous Chronicle", year="1200"), "anonymous1200chronicle"),
        (ref(title=None, year=None), "anonnd"),
        (ref("3M", "Annual Report", "2001"), "m2001annual"),
        (
            Reference(editors=[Person(family="Kimball")], title="Churchill and Roosevelt", year="1984"),
            "kimball1984churchill",
        ),
    ],
)
def test_make_key(reference, key):
    assert make_key(reference) == key


def test_ascii_fold():
    assert ascii_fold("Ærøskøbing ŁÓDŹ") == "aeroskobinglodz"
    assert ascii_fold("日本") == ""


def test_collisions_get_letter_suffixes_in_input_order():
    a = ref("Hull", "Memoirs", "1948", note="first")
    b = ref("Hull", "Memoirs", "1948", note="second")
    c = ref("Bennett", "Recognition", "1970")
    keys = [r.key for r in assign_keys([a, c, b])]
    assert keys == ["hull1948memoirsa", "bennett1970recognition", "hull1948memoirsb"]


def test_many_collisions_continue_after_z():
    keys = [r.key for r in assign_keys([ref("Hull", "Memoirs", "1948")] * 28)]
    assert keys[0] == "hull1948memoirsa"
    assert keys[25] == "hull1948memoirsz"
    assert keys[26:] == ["hull1948memoirsaa", "hull1948memoirsab"]
    assert len(set(keys)) == 28


def test_suffixed_key_does_not_steal_another_base_key():
    colliding = [ref("Smith", "Title", "2000")] * 2
    other = ref("Smith", "Titlea", "2000")  # its base key is what the first collision would get
    keys = [r.key for r in assign_keys([*colliding, other])]
    assert len(set(keys)) == 3
    assert keys[2] == "smith2000titlea"


def test_existing_keys_are_kept_and_avoided():
    given_key = Reference(key="hull1948memoirs", title="x")
    keys = [r.key for r in assign_keys([ref("Hull", "Memoirs", "1948"), given_key])]
    assert keys == ["hull1948memoirsa", "hull1948memoirs"]


def test_duplicate_given_keys_raise():
    with pytest.raises(DuplicateKeyError, match="hull1948"):
        assign_keys([Reference(key="hull1948"), Reference(key="hull1948")])


people = st.builds(
    Person,
    family=st.text(min_size=1, max_size=15).filter(str.strip),
    given=st.none() | st.text(max_size=10),
)
references = st.builds(
    Reference,
    authors=st.lists(people, max_size=2),
    title=st.none() | st.text(max_size=40),
    year=st.none() | st.sampled_from(["1970", "1948–53", "n.d.", "2005a", "forthcoming"]),
)


@given(references)
def test_make_key_is_always_lowercase_ascii(reference):
    assert KEY_RE.match(make_key(reference))


@given(st.lists(references, max_size=12))
def test_assign_keys_unique_valid_and_deterministic(refs):
    first = [r.key for r in assign_keys(refs)]
    second = [r.key for r in assign_keys(refs)]
    assert first == second
    assert len(set(first)) == len(first)
    assert all(k is not None and KEY_RE.match(k) for k in first)
