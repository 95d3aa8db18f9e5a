"""De-duplication: near duplicates merge, different works stay apart, provenance is kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bibliography.dedupe import deduplicate, same_work
from bibliography.model import Person, Provenance, Reference
from bibliography.parse.reference import parse_reference

BENNETT = (
    "Bennett, Edward M. Recognition of Russia: An American Foreign Policy Dilemma. Waltham, Mass.: "
    "Blaisdell, 1970. Discusses the political and legal aspects of the U.S. government’s decision."
)


def parsed(raw, source):
    return parse_reference(raw, Provenance(source=source))


def test_near_duplicates_merge_with_provenance_union_in_order():
    refs = [
        parsed(BENNETT, "a"),
        parsed("Bennett, E. M. (1970). Recognition of Russia. Blaisdell.", "b"),
        parsed("BENNETT, EDWARD M. RECOGNITION OF RUSSIA. Waltham: Blaisdell, 1970", "c"),
        parsed("Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.", "d"),
        parsed("Bennett, Edward M. Recognition of Russia: an American foreign-policy dilemma. 1970.", "e"),
    ]
    out = deduplicate(refs)
    assert len(out) == 2
    bennett, hull = out
    assert [p.source for p in bennett.provenance] == ["a", "b", "c", "e"]
    assert [p.source for p in hull.provenance] == ["d"]
    # The most complete value of each field survives.
    assert bennett.title == "Recognition of Russia: An American Foreign Policy Dilemma"
    assert bennett.authors[0].given == "Edward M."
    assert bennett.place == "Waltham, Mass."
    assert bennett.annotation is not None
    assert bennett.raw == BENNETT


def test_order_of_first_appearance_is_kept():
    hull = parsed("Hull, Cordell. Memoirs. New York: Macmillan, 1948.", "1")
    bennett = parsed(BENNETT, "2")
    out = deduplicate([hull, bennett, hull])
    assert [r.title for r in out] == ["Memoirs", bennett.title]
    assert [p.source for p in out[0].provenance] == ["1"]


def test_fills_missing_fields_from_the_later_citation():
    a = Reference(authors=[Person(family="Hull", given="C.")], title="Memoirs", year="1948")
    b = Reference(
        authors=[Person(family="Hull", given="Cordell")],
        title="Memoirs.",
        year="1948",
        publisher="Macmillan",
        confidence={"publisher": 0.9},
    )
    (merged,) = deduplicate([a, b])
    assert merged.publisher == "Macmillan"
    assert merged.confidence_of("publisher") == 0.9
    assert merged.authors[0].given == "Cordell"


def test_same_author_and_year_different_titles_stay_apart():
    a = parse_reference("Kennan, George F. American Diplomacy. Chicago: University of Chicago Press, 1951.")
    b = parse_reference("Kennan, George F. Realities of American Foreign Policy. Princeton: Princeton, 1951.")
    assert not same_work(a, b)
    assert len(deduplicate([a, b])) == 2


def test_different_years_different_authors_or_containers_stay_apart():
    base = Reference(authors=[Person(family="Smith", given="John")], title="Introduction", year="1990")
    assert not same_work(base, Reference(authors=base.authors, title="Introduction", year="1991"))
    assert not same_work(base, Reference(authors=[Person(family="Jones")], title="Introduction", year="1990"))
    assert not same_work(
        base, Reference(authors=[Person(family="Smith", given="Karl")], title="Introduction", year="1990")
    )
    chapter_a = Reference(title="Introduction", container_title="Book One", year="1990")
    chapter_b = Reference(title="Introduction", container_title="Book Two", year="1990")
    assert not same_work(chapter_a, chapter_b)


def test_both_with_different_subtitles_stay_apart():
    a = Reference(authors=[Person(family="Kotkin")], title="Stalin: Paradoxes of Power")
    b = Reference(authors=[Person(family="Kotkin")], title="Stalin: Waiting for Hitler")
    assert not same_work(a, b)
    assert same_work(a, Reference(authors=[Person(family="Kotkin")], title="Stalin"))


def test_initials_are_compatible_with_full_given_names():
    a = Reference(authors=[Person(family="Bennett", given="Edward M.")], title="T")
    assert same_work(a, Reference(authors=[Person(family="Bennett", given="E. M.")], title="T."))
    assert same_work(a, Reference(authors=[Person(family="Bennett", given="Edward")], title="t"))
    assert not same_work(a, Reference(authors=[Person(family="Bennett", given="F. M.")], title="T"))


titles = st.sampled_from(["Memoirs", "Recognition of Russia", "Loans and Legitimacy", "War and Peace"])
refs = st.builds(
    Reference,
    authors=st.lists(st.builds(Person, family=st.sampled_from(["Hull", "Bennett"])), min_size=1, max_size=1),
    title=titles,
    year=st.sampled_from(["1948", "1970", None]),
    provenance=st.lists(st.builds(Provenance, source=st.sampled_from(["a", "b", "c"])), max_size=1),
)


@given(st.lists(refs, max_size=8))
def test_dedupe_properties(items):
    out = deduplicate(items)
    assert len(out) <= len(items)
    # Idempotent, and no provenance is lost.
    assert deduplicate(out) == out
    seen = {p for r in items for p in r.provenance}
    assert {p for r in out for p in r.provenance} == seen
    # Every input is the same work as exactly the output that absorbed it (or one equal to it).
    for r in items:
        assert any(same_work(o, r) for o in out)
    # same_work is symmetric.
    for a in items:
        for b in items:
            assert same_work(a, b) == same_work(b, a)
