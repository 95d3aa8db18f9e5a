"""Tests for annotate.claims.entities: name structure, identity, the alias table, and mentions in text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.claims.aliases import AliasTable
from annotate.claims.identity import canonical_entity, related_entities, same_entity
from annotate.claims.lexicon import slug, translit_key
from annotate.claims.mentions import _NAME_CONNECTORS, _Analysis, find_entities, learn_names
from annotate.claims.names import names_compatible, parse_person_name
from annotate.model import Entity, EntityType, MentionKind


def mentions(text: str, table: AliasTable | None = None) -> list[tuple[str, str]]:
    return [(e.text, e.id) for e in find_entities(text, table)]


# --------------------------------------------------------------------------------------------------
# Name structure
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maxim", "Maksim"),
        ("Josef", "Joseph"),
        ("Litvinoff", "Litvinov"),
        ("Troyanovsky", "Troianovskii"),
        ("Tchaikovsky", "Chaikovsky"),
        ("Khrushchev", "Hrushchev"),
        ("Yuri", "Iuri"),
        ("Mussorgsky", "Moussorgsky"),
        ("Trotzky", "Trotsky"),
        ("Gromyko", "Gromyko"),
    ],
)
def test_translit_key_folds_variants(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Stalin", "Kennedy"), ("Franklin", "Theodore"), ("Hull", "Hall"), ("Molotov", "Litvinov"), ("Ivan", "Iván x")],
)
def test_translit_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


@pytest.mark.parametrize(
    ("name", "given", "surname"),
    [
        ("Franklin D. Roosevelt", ("Franklin", "D"), "Roosevelt"),
        ("President Franklin Delano Roosevelt", ("Franklin", "Delano"), "Roosevelt"),
        ("Secretary of State Cordell Hull", ("Cordell",), "Hull"),
        ("Secretary of the Treasury Henry Morgenthau", ("Henry",), "Morgenthau"),
        ("Foreign Minister Litvinov", (), "Litvinov"),
        ("Litvinov, Maksim Maksimovich", ("Maksim", "Maksimovich"), "Litvinov"),
        ("Stalin, Joseph", ("Joseph",), "Stalin"),
        ("Charles de Gaulle", ("Charles",), "de Gaulle"),
        ("Mr. Bullitt", (), "Bullitt"),
        ("Dr. Martin Luther King Jr.", ("Martin", "Luther"), "King"),
    ],
)
def test_parse_person_name(name: str, given: tuple[str, ...], surname: str) -> None:
    parsed = parse_person_name(name)
    assert parsed is not None
    assert (parsed.given, parsed.surname) == (given, surname)


def test_parse_person_name_extras() -> None:
    king = parse_person_name("Martin Luther King, Jr.")
    assert king is not None and king.suffix == "Jr." and king.surname == "King"
    assert parse_person_name("Franklin Delano Roosevelt").initials == "FDR"  # type: ignore[union-attr]
    assert parse_person_name("") is None
    assert parse_person_name("1933") is None
    assert parse_person_name("President") is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Franklin D. Roosevelt", "Franklin Delano Roosevelt", True),
        ("Franklin Roosevelt", "Franklin D. Roosevelt", True),
        ("F. D. Roosevelt", "Franklin Delano Roosevelt", True),
        ("Roosevelt", "Theodore Roosevelt", True),
        ("Franklin Roosevelt", "Theodore Roosevelt", False),
        ("Eleanor Roosevelt", "Franklin Roosevelt", False),
        ("John F. Kennedy", "John E. Kennedy", False),
        ("Joseph Kennedy Sr.", "Joseph Kennedy Jr.", False),
        ("Alexander Troyanovsky", "Aleksandr Troianovskii", True),
        ("Bill Clinton", "William Clinton", True),
        ("Maksim Maksimovich Litvinov", "Maxim Litvinov", True),
    ],
)
def test_names_compatible(a: str, b: str, expected: bool) -> None:
    pa, pb = parse_person_name(a), parse_person_name(b)
    assert pa is not None and pb is not None
    assert names_compatible(pa, pb) is expected
    assert names_compatible(pb, pa) is expected


# --------------------------------------------------------------------------------------------------
# Identity
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maxim Litvinov", "Maksim Litvinov"),
        ("Josef Stalin", "Joseph Stalin"),
        ("FDR", "Franklin D. Roosevelt"),
        ("FDR", "Franklin Delano Roosevelt"),
        ("FDR", "Franklin Roosevelt"),
        ("Franklin Roosevelt", "Franklin D. Roosevelt"),
        ("Roosevelt", "Franklin D. Roosevelt"),
        ("President Roosevelt", "Franklin Roosevelt"),
        ("Stalin, Joseph", "Joseph Stalin"),
        ("JFK", "John F. Kennedy"),
        ("Litvinoff", "Litvinov"),
        ("U.S.", "United States"),
        ("US", "United States of America"),
        ("America", "U.S."),
        ("USA", "the United States"),
        ("Soviet Union", "USSR"),
        ("U.S.S.R.", "Union of Soviet Socialist Republics"),
        ("Soviets", "Soviet Union"),
        ("UK", "Great Britain"),
        ("UN", "United Nations"),
        ("the State Department", "U.S. Department of State"),
        ("Ford Motor Company", "Ford Motor Company"),
    ],
)
def test_same_entity_positive(a: str, b: str) -> None:
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Franklin Roosevelt", "Theodore Roosevelt"),
        ("Joseph Stalin", "Joseph Kennedy"),
        ("Cordell Hull", "Cordell Hall"),
        ("John F. Kennedy", "Robert F. Kennedy"),
        ("FDR", "John F. Kennedy"),
        ("Washington", "United States"),
        ("Moscow", "Soviet Union"),
        ("Russia", "Soviet Union"),
        ("France", "Germany"),
        ("us", "US"),
        ("UN", "US"),
        ("George Washington", "Washington"),
        ("", "Stalin"),
    ],
)
def test_same_entity_negative(a: str, b: str) -> None:
    assert not same_entity(a, b)
    assert not same_entity(b, a)


def test_related_entities_accepts_metonyms_and_successor_states() -> None:
    assert related_entities("Moscow", "Soviet Union")
    assert related_entities("Moscow", "Russia")
    assert related_entities("the Kremlin", "USSR")
    assert related_entities("Washington", "United States")
    assert related_entities("Russia", "Soviet Union")
    assert related_entities("USSR", "USSR")
    assert not related_entities("France", "Japan")
    assert not related_entities("Washington", "Soviet Union")


def test_canonical_entity() -> None:
    ussr = canonical_entity("  U.S.S.R. ")
    assert ussr is not None
    assert (ussr.id, ussr.name, ussr.type, ussr.text, ussr.span) == (
        "place:soviet-union",
        "Soviet Union",
        EntityType.PLACE,
        "U.S.S.R.",
        (2, 10),
    )
    assert ussr.via is MentionKind.ALIAS
    moscow = canonical_entity("Moscow")
    assert moscow is not None and set(moscow.metonym_of) == {"place:soviet-union", "place:russia"}
    soviets = canonical_entity("Soviets")
    assert soviets is not None and (soviets.id, soviets.via) == ("place:soviet-union", MentionKind.DEMONYM)
    fdr = canonical_entity("President Franklin D. Roosevelt")
    assert fdr is not None and fdr.id == "person:franklin-d-roosevelt" and fdr.type is EntityType.PERSON
    assert canonical_entity("Stalin, Joseph").id == "person:joseph-stalin"  # type: ignore[union-attr]
    ge = canonical_entity("General Electric")
    assert ge is not None and ge.type is EntityType.ORGANISATION
    assert canonical_entity("   ") is None
    assert canonical_entity("1933") is None


def test_slug() -> None:
    assert slug("Franklin D. Roosevelt") == "franklin-d-roosevelt"
    assert slug("Ludwig van Beethoven’s") == "ludwig-van-beethovens"
    assert slug("Černá Hora") == "cerna-hora"


# --------------------------------------------------------------------------------------------------
# The alias table
# --------------------------------------------------------------------------------------------------


def test_index_names_resolve_later_mentions() -> None:
    table = AliasTable()
    for term in ("Roosevelt, Franklin D.", "Litvinov, Maksim Maksimovich", "Hull, Cordell", "Stalin, Joseph"):
        table.add_index_name(term)
    assert mentions("FDR recognised the USSR.", table) == [
        ("FDR", "person:franklin-d-roosevelt"),
        ("USSR", "place:soviet-union"),
    ]
    assert mentions("Maxim Litvinov met President Roosevelt and Secretary Hull.", table) == [
        ("Maxim Litvinov", "person:maksim-maksimovich-litvinov"),
        ("Roosevelt", "person:franklin-d-roosevelt"),
        ("Hull", "person:cordell-hull"),
    ]
    assert mentions("Josef Stalin", table) == [("Josef Stalin", "person:joseph-stalin")]
    assert mentions("Theodore Roosevelt", table) == [("Theodore Roosevelt", "person:theodore-roosevelt")]
    # The inverted form itself is found in text.
    found = find_entities("See Litvinov, Maksim Maksimovich and Hull, Cordell.", table)
    assert [(e.text, e.id) for e in found] == [
        ("Litvinov, Maksim Maksimovich", "person:maksim-maksimovich-litvinov"),
        ("Hull, Cordell", "person:cordell-hull"),
    ]
    assert same_entity("Maxim Litvinov", "Litvinov", table)


def test_add_and_lookup() -> None:
    table = AliasTable(builtin=False)
    oid = table.add("Communist International", "Comintern", "Third International", type="organisation")
    assert oid == "organisation:communist-international"
    assert table.lookup("the Comintern") == oid
    assert table.lookup("USSR") is None  # no built-ins
    assert AliasTable().lookup("USSR") == "place:soviet-union"
    with pytest.raises(ValueError, match="does not match type"):
        table.add("X", type="place", id="person:x")
    with pytest.raises(ValueError, match="must not be empty"):
        table.add("  ")
    with pytest.raises(ValueError, match="no name words"):
        table.add_person("1933")


def test_add_person_merges_compatible_names() -> None:
    table = AliasTable(builtin=False)
    first = table.add_person("Franklin D. Roosevelt")
    assert table.add_person("Franklin Roosevelt") == first
    assert table.add_person("Theodore Roosevelt") != first
    assert table.add_index_name("Soviet Union;U.S.-Soviet relations", type="place") == "place:soviet-union"
    assert table.add_index_name("  ") is None


def test_find_entities_does_not_change_the_table() -> None:
    table = AliasTable()
    before = table.persons()
    find_entities("Adolf Hitler and the Comintern (Communist International).", table)
    assert table.persons() == before
    assert table.lookup("Comintern") == "organisation:communist-international"  # built-in
    assert table.lookup("Abwehr") is None


def test_learn_adds_text_names() -> None:
    table = AliasTable()
    added = learn_names(table, "Vyacheslav Molotov met the Narkomindel (People's Commissariat for Foreign Affairs).")
    assert added >= 2
    assert canonical_entity("Molotov", table).id == "person:vyacheslav-molotov"  # type: ignore[union-attr]
    assert table.lookup("Narkomindel") == table.lookup("People's Commissariat for Foreign Affairs")


# --------------------------------------------------------------------------------------------------
# Mentions in text
# --------------------------------------------------------------------------------------------------


def test_surname_resolves_to_full_name_in_same_text() -> None:
    text = (
        "Roosevelt hoped for recognition. The 1932 election of Franklin D. Roosevelt as president changed "
        "this. Secretary of State Cordell Hull submitted a report; Hull later wrote. Foreign Minister "
        "Litvinov headed the delegation. Maksim Maksimovich Litvinov, who favored better relations, "
        "became foreign minister in 1930."
    )
    got = mentions(text)
    assert got == [
        ("Roosevelt", "person:franklin-d-roosevelt"),
        ("Franklin D. Roosevelt", "person:franklin-d-roosevelt"),
        ("Cordell Hull", "person:cordell-hull"),
        ("Hull", "person:cordell-hull"),
        ("Litvinov", "person:maksim-maksimovich-litvinov"),
        ("Maksim Maksimovich Litvinov", "person:maksim-maksimovich-litvinov"),
    ]
    kinds = [e.via for e in find_entities(text)]
    assert kinds[0] is MentionKind.PARTIAL and kinds[1] is MentionKind.NAME


def test_ambiguous_surname_takes_most_recent_full_name() -> None:
    text = "Theodore Roosevelt was one president. Franklin Roosevelt was another. Roosevelt won in 1932."
    assert [e.id for e in find_entities(text)] == [
        "person:theodore-roosevelt",
        "person:franklin-roosevelt",
        "person:franklin-roosevelt",
    ]


def test_states_demonyms_adjectives_and_metonyms() -> None:
    text = (
        "The U.S. remained hostile toward Russia until the United States of America and the USSR agreed. "
        "Americans opposed the Soviets’ support of communist propaganda, and Soviet debts and American "
        "farmers mattered. Washington had begun to reconsider, and talks began in Moscow."
    )
    found = find_entities(text)
    assert [(e.text, e.id, e.via) for e in found] == [
        ("U.S.", "place:united-states", MentionKind.ALIAS),
        ("Russia", "place:russia", MentionKind.NAME),
        ("United States of America", "place:united-states", MentionKind.ALIAS),
        ("USSR", "place:soviet-union", MentionKind.ALIAS),
        ("Americans", "place:united-states", MentionKind.DEMONYM),
        ("Soviets", "place:soviet-union", MentionKind.DEMONYM),
        ("Washington", "place:washington", MentionKind.NAME),
        ("Moscow", "place:moscow", MentionKind.NAME),
    ]
    assert found[-2].metonym_of == ("place:united-states",)


def test_organisations_events_and_unknown_names() -> None:
    text = (
        "In 1929, Ford Motor Company signed a contract. Companies such as General Electric and Radio "
        "Corporation of America joined. The Great Depression and the New Deal followed; later came World War "
        "II and the League of Nations crisis in Manchuria."
    )
    got = {e.text: (e.id, e.type) for e in find_entities(text)}
    assert got["Ford Motor Company"] == ("organisation:ford-motor-company", EntityType.ORGANISATION)
    assert got["General Electric"][1] is EntityType.ORGANISATION
    assert got["Radio Corporation of America"][1] is EntityType.ORGANISATION
    assert got["Great Depression"] == ("other:great-depression", EntityType.OTHER)
    assert got["New Deal"][1] is EntityType.OTHER
    assert got["League of Nations"] == ("organisation:league-of-nations", EntityType.ORGANISATION)
    assert got["Manchuria"][1] is EntityType.PLACE
    assert "In" not in got and "Companies" not in got and "The" not in got


def test_acronym_defined_in_text() -> None:
    text = "Propaganda came from the Comintern (Communist International) and the NKVD. The CPGB (Communist Party of Great Britain) met."
    got = mentions(text)
    assert ("Comintern", "organisation:communist-international") in got
    assert ("Communist International", "organisation:communist-international") in got
    assert ("CPGB", "organisation:communist-party-of-great-britain") in got
    assert ("Communist Party of Great Britain", "organisation:communist-party-of-great-britain") in got


def test_role_noun_and_given_names_make_people() -> None:
    got = mentions("He wrote to Soviet diplomat Maxim Litvinov and to the historian Wexley Quorn.")
    assert got == [("Maxim Litvinov", "person:maxim-litvinov"), ("Wexley Quorn", "person:wexley-quorn")]


def test_sentence_initial_words_and_possessives() -> None:
    text = (
        "Many Americans traveled. Increased Soviet-American trade did not follow. Joseph Stalin’s "
        "government agreed. Nevertheless, Roosevelt’s administration ended Prohibition."
    )
    # A surname alone, with no full name anywhere, is an unknown name rather than a person.
    assert mentions(text) == [
        ("Americans", "place:united-states"),
        ("Joseph Stalin", "person:joseph-stalin"),
        ("Roosevelt", "other:roosevelt"),
        ("Prohibition", "other:prohibition"),
    ]


def test_heading_lines_only_yield_known_names() -> None:
    text = "Franklin D. Roosevelt Is Elected U.S. President\n\nTop Stories\n\nStalin Begins the Purge Trials\n"
    got = mentions(text)
    assert got == [("Franklin D. Roosevelt", "person:franklin-d-roosevelt"), ("U.S.", "place:united-states")]


def test_keyword_lines_do_not_hide_names() -> None:
    text = "roosevelt stalin, tehran conference\nJosef Stalin and Franklin Roosevelt at\nthe Tehran Conference, 1943."
    got = mentions(text)
    assert got[:2] == [("Josef Stalin", "person:josef-stalin"), ("Franklin Roosevelt", "person:franklin-roosevelt")]
    assert ("Tehran Conference", "other:tehran-conference") in got


def test_repeated_index_term_is_two_mentions() -> None:
    got = mentions("In 1929, Ford Motor Company Ford Motor Company signed a contract.")
    assert got == [
        ("Ford Motor Company", "organisation:ford-motor-company"),
        ("Ford Motor Company", "organisation:ford-motor-company"),
    ]


def test_entity_validators() -> None:
    with pytest.raises(ValueError, match="does not match its type"):
        Entity("place:x", "X", EntityType.PERSON, "X", (0, 1))
    with pytest.raises(ValueError, match="type:slug"):
        Entity("Person:X", "X", EntityType.PERSON, "X", (0, 1))
    with pytest.raises(ValueError):
        Entity("person:x", "X", EntityType.PERSON, "XY", (0, 1))
    with pytest.raises(ValueError):
        Entity("person:x", "X", "alien", "X", (0, 1))
    with pytest.raises(ValueError, match="not an entity id"):
        Entity("place:moscow", "Moscow", EntityType.PLACE, "Moscow", (0, 6), metonym_of=("Russia",))
    assert Entity("place:soviet-union", "Soviet Union", "place", "USSR", [4, 8]).span == (4, 8)


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "President",
        "Roosevelt",
        "Franklin",
        "D.",
        "Stalin",
        "Joseph",
        "Josef",
        "of",
        "the",
        "The",
        "U.S.",
        "USSR",
        "Soviets",
        "Soviet",
        "Union",
        "Moscow",
        "Company",
        "War",
        "FDR",
        ",",
        ".",
        "(",
        ")",
        "’s",
        "\n",
        "Secretary",
        "State",
        "Hull",
        "Cordell",
        "and",
        "Maxim",
        "Litvinov",
        "Americans",
        "Japanese",
        "were",
        "1933",
    ]
)
_TEXTS = st.one_of(st.text(max_size=100), st.lists(_WORDS, max_size=30).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_find_entities_never_raises_and_spans_are_exact(text: str) -> None:
    found = find_entities(text)
    for e in found:
        assert 0 <= e.span[0] < e.span[1] <= len(text)
        assert text[e.span[0] : e.span[1]] == e.text
        assert e.id.startswith(e.type.value + ":")
    assert find_entities(text) == found
    starts = [e.span[0] for e in found]
    assert starts == sorted(starts)


def _run_before_by_scan(analysis: _Analysis, pos: int) -> tuple[int, int] | None:
    """The straightforward scan that ``_run_before``'s bisection replaces."""
    end = pos
    while end > 0 and analysis.text[end - 1] in " \t":
        end -= 1
    toks = [t for t in analysis.tokens if t.end <= end]
    if not toks or toks[-1].end != end or not toks[-1].text[0].isupper():
        return None
    k = len(toks) - 1
    while (
        k > 0
        and analysis._gap_ok(toks[k - 1], toks[k])
        and (toks[k - 1].text[0].isupper() or toks[k - 1].text in _NAME_CONNECTORS)
    ):
        k -= 1
    while k < len(toks) and toks[k].text in (*_NAME_CONNECTORS, "The", "the"):
        k += 1
    return None if k == len(toks) else (toks[k].start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_WORDS, st.sampled_from(["(", ")", "of", "The", "Mr.", "U.", "Dept."])), max_size=25))
def test_run_before_matches_a_scan_at_every_position(words: list[str]) -> None:
    text = " ".join(words)
    analysis = _Analysis(text, AliasTable())
    for pos in range(len(text) + 1):
        assert analysis._run_before(pos) == _run_before_by_scan(analysis, pos)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4).map(" ".join), st.lists(_WORDS, min_size=1, max_size=4).map(" ".join))
def test_same_entity_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert same_entity(a, b) == same_entity(b, a)
    if canonical_entity(a) is not None:
        assert same_entity(a, a)


def test_of_joins_keyword_names_but_splits_person_and_place() -> None:
    text = (
        "The Treaty of Versailles was signed in the Hall of Mirrors. Prime Minister David Lloyd George "
        "of Britain attended; Lloyd George later wrote about it."
    )
    got = mentions(text)
    assert got == [
        ("Treaty of Versailles", "other:treaty-of-versailles"),
        ("Hall of Mirrors", "place:hall-of-mirrors"),
        ("David Lloyd George", "person:david-lloyd-george"),
        ("Britain", "place:united-kingdom"),
        ("Lloyd George", "person:david-lloyd-george"),
    ]


def test_person_by_id_is_the_first_listed_after_replacements() -> None:
    table = AliasTable().child()
    for name in ("Franklin Roosevelt", "Maxim Litvinov", "Franklin D. Roosevelt"):
        table.add(name, type="person")
    table.add("Maxim Litvinov", type="person")  # an id already listed adds no second record
    fuller = parse_person_name("Maxim Maximovich Litvinov")
    assert fuller is not None
    table.replace_person(1, "person:maxim-maximovich-litvinov", fuller)
    # Two records under one id: the first listed is the one found.
    delano = parse_person_name("Franklin Delano Roosevelt")
    assert delano is not None
    table.replace_person(0, "person:franklin-d-roosevelt", delano)
    listed = table.persons()
    for pid, _ in listed:
        assert table.person(pid) == next(name for known, name in listed if known == pid)
    assert table.person("person:maxim-litvinov") is None
    assert table.person("person:franklin-roosevelt") is None
    assert table.person("person:franklin-d-roosevelt") == delano
