"""The indexed entity comparisons of annotate.claims.compare give what a scan of every pair gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.claims.aliases import AliasTable
from annotate.claims.compare import (
    EntityIndex,
    EntityProbe,
    Surroundings,
    _near_ids,
    _outside,
    _related_entity,
    same_entity,
)
from annotate.model import Entity, EntityType

_TABLE = AliasTable()
# A table of its own with a link the built-in one lacks, seen through a child: links_of reads the chain.
_OWN = AliasTable()
_OWN.link("place:gaul", "place:france")
_CHILD = _OWN.child()
_CHILD.link("organisation:acme", "organisation:acme-holdings")
TABLES = (_TABLE, _CHILD, AliasTable(builtin=False))

_PERSONS = (
    "Franklin D. Roosevelt",
    "Franklin Delano Roosevelt",
    "F. Roosevelt",
    "Theodore Roosevelt",
    "Roosevelt",
    "Josef Stalin",
    "Joseph Stalin",
    "Maxim Litvinov",
    "Maksim Maksimovich Litvinov",
    "Litvinoff",
    "President Roosevelt",
    "the Who",  # no person name in it
    "John Smith Jr.",
    "John Smith Sr.",
)
_PLACES = (
    ("Moscow", ("place:soviet-union", "place:russia")),
    ("Washington", ("place:united-states",)),
    ("Soviet Union", ()),
    ("Russia", ()),
    ("Ukraine", ()),
    ("Berlin", ("place:germany",)),
    ("Germany", ()),
    ("West Germany", ()),
    ("Gaul", ()),
    ("France", ()),
    ("Paris", ("place:france",)),
)
_ORGS = ("Acme", "Acme Holdings", "League of Nations", "Roosevelt")


def _slug(name: str) -> str:
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in name.split() if any(c.isalnum() for c in w))


@st.composite
def entities(draw: st.DrawFn) -> Entity:
    kind = draw(st.sampled_from([EntityType.PERSON, EntityType.PLACE, EntityType.ORGANISATION, EntityType.OTHER]))
    if kind is EntityType.PERSON:
        name = draw(st.sampled_from(_PERSONS))
        # Persons of one name may carry different ids (read in different documents), and vice versa.
        id_name = draw(st.sampled_from([name, *_PERSONS[:4]]))
        metonyms: tuple[str, ...] = ()
    elif kind is EntityType.PLACE:
        name, metonyms = draw(st.sampled_from(_PLACES))
        id_name = name
    else:
        name = draw(st.sampled_from(_ORGS))
        id_name = name
        metonyms = ()
    return Entity(f"{kind.value}:{_slug(id_name)}", name, kind, name, (0, len(name)), metonym_of=metonyms)


@settings(max_examples=400, deadline=None)
@given(entities(), st.lists(entities(), max_size=12), st.sampled_from(TABLES))
def test_index_answers_as_the_scan(ce: Entity, others: list[Entity], table: AliasTable) -> None:
    index = EntityIndex(others)
    assert index.has_same(ce) == any(same_entity(ce, x) for x in others)
    assert index.has_related(_near_ids(ce, table)) == any(_related_entity(ce, x, table) for x in others)


@settings(max_examples=400, deadline=None)
@given(entities(), entities(), st.sampled_from(TABLES))
def test_probe_answers_as_the_pair_functions(a: Entity, b: Entity, table: AliasTable) -> None:
    probe = EntityProbe.of(a, table)
    assert probe.same(b) == same_entity(a, b)
    assert probe.related(b) == _related_entity(a, b, table)


@settings(max_examples=200, deadline=None)
@given(st.lists(entities(), max_size=4), st.lists(entities(), max_size=8), st.sampled_from(TABLES))
def test_outside_is_the_unit_entities_no_claim_entity_matches(
    claim: list[Entity], unit: list[Entity], table: AliasTable
) -> None:
    probes = [EntityProbe.of(ce, table) for ce in claim]
    expected = [not any(same_entity(x, ue) or _related_entity(x, ue, table) for x in claim) for ue in unit]
    assert _outside(probes, unit) == expected


def test_surroundings_index_once_and_split_paragraph_from_frame() -> None:
    moscow = Entity("place:moscow", "Moscow", EntityType.PLACE, "Moscow", (0, 6), metonym_of=("place:russia",))
    hull = Entity("person:cordell-hull", "Cordell Hull", EntityType.PERSON, "Hull", (0, 4))
    reads: list[int] = []

    def read() -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
        reads.append(1)
        return (moscow,), (hull,)

    around = Surroundings(read)
    paragraph, everything = around.indexes()
    assert around.indexes()[0] is paragraph and len(reads) == 1
    secretary = Entity("person:c-hull", "C. Hull", EntityType.PERSON, "Hull", (0, 4))
    assert not paragraph.has_same(secretary) and everything.has_same(secretary)
    russia = Entity("place:russia", "Russia", EntityType.PLACE, "Russia", (0, 6))
    assert paragraph.has_related(_near_ids(russia, _TABLE)) and not paragraph.has_same(russia)
