"""Names: one name in any order, lists of names, organisations, "et al."."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bibliography.errors import ReferenceParseError
from bibliography.model import Person
from bibliography.names import (
    has_et_al,
    is_initials,
    looks_like_name_list,
    looks_like_organisation,
    parse_name,
    parse_names,
    split_et_al,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sibley, Katherine A. S.", Person(family="Sibley", given="Katherine A. S.")),
        ("Katherine A. S. Sibley", Person(family="Sibley", given="Katherine A. S.")),
        ("Morris, M. Wayne", Person(family="Morris", given="M. Wayne")),
        ("Hull, Cordell.", Person(family="Hull", given="Cordell")),
        ("van Beethoven, Ludwig", Person(family="Beethoven", given="Ludwig", particle="van")),
        ("Beethoven, Ludwig van", Person(family="Beethoven", given="Ludwig", particle="van")),
        ("Ludwig van Beethoven", Person(family="Beethoven", given="Ludwig", particle="van")),
        ("Jean de La Fontaine", Person(family="La Fontaine", given="Jean", particle="de")),
        ("van der Linden, Marcel", Person(family="Linden", given="Marcel", particle="van der")),
        ("Van Buren, Martin", Person(family="Van Buren", given="Martin")),
        ("King, Martin Luther, Jr.", Person(family="King", given="Martin Luther", suffix="Jr.")),
        ("Martin Luther King, Jr.", Person(family="King", given="Martin Luther", suffix="Jr.")),
        ("Schlesinger, Arthur M. Jr.", Person(family="Schlesinger", given="Arthur M.", suffix="Jr.")),
        ("García Márquez, Gabriel", Person(family="García Márquez", given="Gabriel")),
        ("Łukasiewicz, Zdeněk", Person(family="Łukasiewicz", given="Zdeněk")),
        ("Хлевнюк, Олег", Person(family="Хлевнюк", given="Олег")),
        ("Smith JM", Person(family="Smith", given="JM")),
        ("Plato", Person(family="Plato")),
        ("Wm. Smith", Person(family="Smith", given="Wm.")),
        ("World Health Organization", Person(literal="World Health Organization")),
        ("findingDulcinea Staff", Person(literal="findingDulcinea Staff")),
        (
            "U.S. Department of State, Office of the Historian",
            Person(literal="U.S. Department of State, Office of the Historian"),
        ),
        ("BBC News", Person(literal="BBC News")),
        ("UNESCO", Person(literal="UNESCO")),
    ],
)
def test_parse_name(text, expected):
    assert parse_name(text) == expected


@pytest.mark.parametrize("text", ["", "   ", ",.;", "—"])
def test_parse_name_rejects_empty(text):
    with pytest.raises(ReferenceParseError, match="empty"):
        parse_name(text)


def pairs(people):
    return [(p.family, p.given) if p.literal is None else (p.literal, None) for p in people]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, John, and Jane Doe", [("Smith", "John"), ("Doe", "Jane")]),
        ("Smith, J., & Doe, J.", [("Smith", "J."), ("Doe", "J.")]),
        ("Smith, J. M., Doe, A., & Roe, B.", [("Smith", "J. M."), ("Doe", "A."), ("Roe", "B.")]),
        ("Leffler, M.P. and Westad, O.A.", [("Leffler", "M.P."), ("Westad", "O.A.")]),
        ("M. P. Leffler & O. A. Westad", [("Leffler", "M. P."), ("Westad", "O. A.")]),
        ("Richard Pevear and Larissa Volokhonsky", [("Pevear", "Richard"), ("Volokhonsky", "Larissa")]),
        (
            "Levering, Ralph B., Vladimir O. Pechatnov, Verena Botzenhart-Viehe, and C. Earl Edmondson",
            [
                ("Levering", "Ralph B."),
                ("Pechatnov", "Vladimir O."),
                ("Botzenhart-Viehe", "Verena"),
                ("Edmondson", "C. Earl"),
            ],
        ),
        ("Gaddis, John Lewis; Gordon, Philip H.", [("Gaddis", "John Lewis"), ("Gordon", "Philip H.")]),
        ("Smith JM, Doe A", [("Smith", "JM"), ("Doe", "A")]),
        ("Smith, John, et al.", [("Smith", "John")]),
        ("Sokolov, B. V., & Ødegaard, K.", [("Sokolov", "B. V."), ("Ødegaard", "K.")]),
        ("Office of the Historian", [("Office of the Historian", None)]),
        ("et al.", []),
        ("", []),
    ],
)
def test_parse_names(text, expected):
    assert pairs(parse_names(text)) == expected


def test_et_al_is_reported_not_a_person():
    names = parse_names("A, B, C, et al.")
    assert all(p.literal != "others" and p.family != "al." for p in names)
    assert not any("et al" in (p.literal or p.family or "") for p in names)
    assert has_et_al("A, B, C, et al.")
    assert has_et_al("Smith and others")
    assert not has_et_al("Smith, John")
    assert split_et_al("Smith, John, et al.") == ("Smith, John", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("A.", True), ("A. S.", True), ("J.R.R.", True), ("J.-P.", True), ("Wayne", False), ("a.", False)],
)
def test_is_initials(text, expected):
    assert is_initials(text) is expected


def test_organisation_detection():
    assert looks_like_organisation("American Psychological Association")
    assert looks_like_organisation("Congressional Research Service")
    assert not looks_like_organisation("Edward M. Bennett")
    assert not looks_like_organisation("García Márquez")


def test_name_list_detection():
    assert looks_like_name_list("Maddux, T. R., & Smith, J.")
    assert looks_like_name_list("World Health Organization")
    assert not looks_like_name_list("Loans and legitimacy")
    assert not looks_like_name_list("“Title,” Journal")


@given(st.text(max_size=80))
def test_parse_names_never_raises_and_returns_valid_people(text):
    for person in parse_names(text):
        assert isinstance(person, Person)
        assert person.family or person.literal
