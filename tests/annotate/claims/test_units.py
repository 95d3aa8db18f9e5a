"""Tests for annotate.claims.units (a sentence's units built alone) and the facet pre-filters it relies on."""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.claims.aliases import AliasTable
from annotate.claims.compare import Surroundings
from annotate.claims.context import _explicit_year, _last_year, context_years
from annotate.claims.dates import _candidate_atoms, find_dates
from annotate.claims.extract import clause_claims, extract_claims
from annotate.claims.facets import extract_facets
from annotate.claims.mentions import find_entities
from annotate.claims.quantities import _quantities
from annotate.claims.units import UnitBuilder
from annotate.claims.words import StemSet, matches_any, stems_match
from annotate.model import Claim, Entity
from corpus.analyze import analyze
from corpus.load import source_from_text
from corpus.model import Document, Passage

# Pieces of dates, numbers and names, glued at random: the pre-filters must never change a result.
_PIECES = [
    "in", "on", "the", "of", "a", "an", "half", "twenty", "first", "second", "century", "Century", "nineteenth",
    "May", "June", "Sept.", "Nov", "NOVEMBER", "spring", "early", "mid-", "late", "1933", "1920s", "1920’s",
    "16", "3rd", "2.6", "0.9", "12/05/1999", "2001-04-05", "1 931", "-", "–", ",", ".", "to", "from", "between",
    "and", "hundred", "million", "$5", "dozen", "years", "people", "Talks", "Litvinov", "no", "one", "version",
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_date_prefilter_changes_nothing(text: str) -> None:
    assert _candidate_atoms(text) == _candidate_atoms(text, prefilter=False)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_quantity_prefilter_changes_nothing(text: str) -> None:
    assert _quantities(text, []) == _quantities(text, [], prefilter=False)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from([None, 1990]))
def test_last_year_shortcut_changes_nothing(text: str, year: int | None) -> None:
    expected = year
    for d in find_dates(text):
        stated = _explicit_year(d)
        if stated is not None:
            expected = stated
    assert _last_year(text, year) == expected


_DOC = (
    "Talks in Washington\n\n"
    "In 1933 Maxim Litvinov went to Washington. On November 16 he signed the agreement, and talks ended.\n\n"
    "The treaty was published. It named Roosevelt twice, and it ended on May 2.\n\n"
    "Later, in 1934, the delegation of twenty people returned. They met Litvinov in June.\n"
)


def _doc() -> Document:
    return analyze(source_from_text(_DOC, "ex"))


def _eager_units(doc: Document, aliases: AliasTable) -> dict[str, tuple[list[Claim], int | None]]:
    """Every sentence's unit claims and year, read paragraph by paragraph the plain way."""
    years = context_years(doc)
    out: dict[str, tuple[list[Claim], int | None]] = {}
    for block_id in {s.parent for s in doc.sentences if s.parent is not None}:
        block = doc[block_id]
        year = years.get(block_id)
        claims = clause_claims(doc, block, context_year=year, aliases=aliases)
        for sentence in doc.children(block_id):
            parts = [c for c in claims if c.passage == sentence.id]
            facets = extract_facets(sentence.text, context_year=year, aliases=aliases)
            whole = Claim(f"{sentence.id}.c0", sentence.text, facets, claims[0].origin, sentence.id, sentence.span)
            out[sentence.id] = ([whole, *(parts if len(parts) > 1 else [])], year)
            for d in facets.dates:
                stated = _explicit_year(d)
                if stated is not None:
                    year = stated
    return out


def test_units_match_the_paragraph_read_whole() -> None:
    doc = _doc()
    aliases = AliasTable()
    eager = _eager_units(doc, aliases)
    # Sentences asked for out of order, each paragraph entered at a later sentence first.
    builder = UnitBuilder({"ex": doc}, aliases)
    for sentence in reversed(doc.sentences):
        if sentence.id not in eager:
            assert builder.units_of(sentence) == []
            continue
        units = builder.units_of(sentence)
        claims, year = eager[sentence.id]
        assert [u.claim for u in units] == claims
        assert {u.year for u in units} == {year}
        assert units[0].whole and not any(u.whole for u in units[1:])
        block = doc[sentence.parent or ""]
        assert units[0].context == tuple(find_entities(block.text, aliases))
    some = [s for s in doc.sentences if s.id in eager]
    assert any(len(builder.units_of(s)) > 1 for s in some)  # the example has sentences of several clauses
    assert any(d.year_inferred for s in some for d in builder.units_of(s)[0].claim.facets.dates)


def test_units_are_kept() -> None:
    doc = _doc()
    builder = UnitBuilder({"ex": doc}, AliasTable())
    sentence = doc.sentences[-1]
    assert builder.units_of(sentence) is builder.units_of(sentence)


def test_surroundings_are_read_once_and_only_when_asked() -> None:
    reads: list[int] = []

    def read() -> tuple[tuple[()], tuple[()]]:
        reads.append(1)
        return (), ()

    s = Surroundings(read)
    assert reads == []
    assert s.entities() == ((), ())
    assert s.entities() == ((), ())
    assert reads == [1]


_STEMS = st.sampled_from(
    ["recognit", "recogn", "begin", "start", "end", "treati", "treaty", "talk", "washington", "wash", "signatur"]
)


@given(_STEMS, st.lists(_STEMS, max_size=6))
def test_matches_any_is_any_stems_match(a: str, stems: list[str]) -> None:
    assert matches_any(a, stems) == any(stems_match(a, b) for b in stems)


def test_stem_set_answers_as_the_scan() -> None:
    s = StemSet(["recogn", "treati", "start"])
    assert s == frozenset({"recogn", "treati", "start"}) and len(s) == 3 and "start" in s
    assert s.matches("recognit") and s.matches("begin") and not s.matches("end")
    assert not StemSet().matches("begin")
    again = pickle.loads(pickle.dumps(s))
    assert type(again) is StemSet and again.matches("begin")


@given(_STEMS, st.lists(_STEMS, max_size=6))
def test_stem_set_index_is_the_scan(a: str, stems: list[str]) -> None:
    indexed = StemSet(stems)
    assert indexed.matches(a) == matches_any(a, indexed) == matches_any(a, list(stems))


def _units_seen(builder: UnitBuilder, doc: Document) -> dict[str, list[tuple[object, ...]]]:
    return {
        s.id: [(u.claim, u.whole, u.stems, u.words, u.adjectives, u.year) for u in builder.units_of(s)]
        for s in reversed(doc.sentences)
    }


def test_units_with_the_extracted_claims_are_the_same() -> None:
    doc = _doc()
    aliases = AliasTable()
    extracted = extract_claims(doc, aliases=aliases)
    seeded = UnitBuilder({"ex": doc}, aliases, extracted)
    assert _units_seen(seeded, doc) == _units_seen(UnitBuilder({"ex": doc}, aliases), doc)
    # The clauses' facets are the extracted claims' own, not read again.
    by_id = {c.id: c for c in extracted}
    reused = [u for s in doc.sentences for u in seeded.units_of(s) if not u.whole and u.claim.id in by_id]
    assert reused and all(u.claim.facets is by_id[u.claim.id].facets for u in reused)


_SENTENCES = st.lists(
    st.sampled_from(
        [
            "In 1933 Maxim Litvinov went to Washington.",
            "On November 16 he signed the agreement, and talks ended.",
            "the treaty was published in May, and it named Roosevelt.",
            "Later, in 1934, the delegation of twenty people returned.",
            "They met Litvinov in June 1935, but the talks failed.",
            "Did they sign it?",
            "See the guide.",
            "Roosevelt met Litvinov.",
        ]
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SENTENCES.map(" ".join), min_size=1, max_size=3))
def test_seeding_with_extracted_claims_changes_no_unit(paragraphs: list[str]) -> None:
    doc = analyze(source_from_text("Talks\n\n" + "\n\n".join(paragraphs) + "\n", "ex"))
    aliases = AliasTable()
    seeded = UnitBuilder({"ex": doc}, aliases, extract_claims(doc, aliases=aliases))
    assert _units_seen(seeded, doc) == _units_seen(UnitBuilder({"ex": doc}, aliases), doc)
    # A paragraph's entities, taken from its only sentence's facets when it has one, are its own.
    for s in doc.sentences:
        for unit in seeded.units_of(s):
            assert unit.context == tuple(find_entities(doc[s.parent or ""].text, aliases))


class _CountingBuilder(UnitBuilder):
    """Counts the paragraphs whose surroundings are read."""

    reads = 0

    def _context_entities(self, doc: Document, block: Passage) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
        self.reads += 1
        return super()._context_entities(doc, block)


def test_units_read_ahead_are_those_read_on_first_use() -> None:
    doc = _doc()
    aliases = AliasTable()
    extracted = extract_claims(doc, aliases=aliases)
    ahead = _CountingBuilder({"ex": doc}, aliases, extracted)
    ahead.read_all()
    read = ahead.reads
    assert read == len({s.parent for s in doc.sentences})  # every paragraph's surroundings, once
    lazy = UnitBuilder({"ex": doc}, aliases, extracted)
    assert _units_seen(ahead, doc) == _units_seen(lazy, doc)
    for s in doc.sentences:
        assert [u.context for u in ahead.units_of(s)] == [u.context for u in lazy.units_of(s)]
        assert [u.frame for u in ahead.units_of(s)] == [u.frame for u in lazy.units_of(s)]
    assert ahead.reads == read  # nothing was left to read on first use
    ahead.read_all()
    assert ahead.reads == read
