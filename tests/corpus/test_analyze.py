from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.analyze import analyze
from corpus.load import embedded_sources, load_file, source_from_text
from corpus.model import Passage, PassageKind, Span, ordered
from corpus.textview import kept_ranges

SEED_IDS = {"000_820e86533fe664a9": "dulcinea-2011", "002_817a8c920f08bf49": "recognition-2022"}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_invariants(doc):
    raw = doc.source.raw
    removed = [(r.span.start, r.span.end) for r in doc.removals]
    for a, b in pairwise(removed):
        assert a[1] <= b[0], "removals overlap"
    blocks = doc.blocks
    assert ordered(blocks)
    for p in doc.passages:
        assert 0 <= p.start < p.end <= len(raw)
        assert p.text and p.text == p.text.strip()
        # Every cleaned character is its raw character, or a space folded from raw whitespace.
        for ch, at in zip(p.text, p.offsets, strict=True):
            assert raw[at] == ch or (ch == " " and raw[at].isspace())
        # The cleaned text is the raw text minus the recorded removals, whitespace folded.
        kept = "".join(raw[a:b] for a, b in kept_ranges(p.start, p.end, removed))
        assert p.text == _fold(kept)
    for block in blocks:
        children = doc.children(block.id)
        assert ordered(children)
        for s in children:
            assert block.span.contains(s.span)
            assert s.section == block.section
    assert ordered(doc.sentences)
    assert len({p.id for p in doc.passages}) == len(doc.passages)


unicode_text = st.lists(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
    | st.sampled_from(["\r\n", "\n", "\n\n", ". ", "\u0301", "\U0001f600", "• ", "[kw]", ";", "\u00ad", "1 931"]),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(unicode_text)
def test_invariants_hold_for_arbitrary_text(text):
    doc = analyze(source_from_text(text, "fuzz"))
    check_invariants(doc)
    assert analyze(source_from_text(text, "fuzz")) == doc


def check_validated(doc):
    """Every passage analyze makes unchecked (trusted_passage, trusted_span) is one the checked
    constructors accept and build equal, hash included."""
    for p in doc.passages:
        span = Span(p.span.source, p.span.start, p.span.end)
        assert span == p.span
        rebuilt = Passage(p.id, p.kind, p.text, span, p.offsets, p.section, p.parent)
        assert rebuilt == p
        assert type(p.section) is tuple and type(p.kind) is PassageKind


@settings(max_examples=150, deadline=None)
@given(unicode_text)
def test_unchecked_passages_are_valid(text):
    check_validated(analyze(source_from_text(text, "fuzz")))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "A Heading Here",
                "",
                "",
                "The first sentence is here. The second one, by Mr. J. Smith, follows.",
                '  • citation-type="booksimple"',
                '    xlink:type="simple">Smith, John. A Book. Boston: Pub, 1990.',
                "Further Reading",
                "Categories: History",
                "by Some Staff",
                "November 16, 2011 05:00 AM",
                "Ford Motor Company Ford Motor Company signed in 1 931. [kw]Term (Nov. 16, 1933) [g]Place;Sub[08450]",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_invariants_hold_for_page_like_text(lines, newline):
    doc = analyze(source_from_text(newline.join(lines), "page"))
    check_invariants(doc)
    check_validated(doc)


def test_empty_source():
    doc = analyze(source_from_text("", "empty"))
    assert doc.passages == () and doc.removals == ()


@pytest.fixture(scope="module")
def seed_docs():
    return {d.source.id: d for d in map(analyze, embedded_sources())}


def test_seed_invariants(seed_docs):
    for doc in seed_docs.values():
        check_invariants(doc)
        check_validated(doc)


def test_seed_sentences_match_the_gold(seed_docs, data_dir):
    gold = json.loads((data_dir / "seed_sentences.json").read_text(encoding="utf-8"))
    for item in gold:
        doc = seed_docs[SEED_IDS[item["source"]]]
        matches = [p for p in doc.of_kind(PassageKind.PARAGRAPH) if p.text == item["paragraph"]]
        assert len(matches) == 1, f"paragraph not found in cleaned output: {item['paragraph'][:80]}"
        assert [s.text for s in doc.children(matches[0].id)] == item["sentences"]
    body = [p for d in seed_docs.values() for p in d.of_kind(PassageKind.PARAGRAPH)]
    assert len(body) == len(gold)


RESIDUE = re.compile(
    r"\[(?:kw|g|c|p)\]|\[\d{5}\]|;\S|citation-type|xlink:|\b1 9\d\d\b|Ford Motor Company Ford|Propaganda;|\(1918-1921\), Russian"
)


def test_seed_body_passages_carry_no_residue(seed_docs):
    for doc in seed_docs.values():
        for p in doc.passages:
            if p.kind.is_body or p.kind is PassageKind.BIBLIOGRAPHY_ENTRY:
                assert not RESIDUE.search(p.text), (p.id, p.text)


def test_seed_metadata(seed_docs):
    d = seed_docs["dulcinea-2011"].source.metadata
    assert d.title == "On This Day: United States and Soviet Union Establish Diplomatic Relations"
    assert d.date == "2011-11-16T05:00"
    assert d.authors == ("findingDulcinea Staff",)
    r = seed_docs["recognition-2022"].source.metadata
    assert r.title == "United States Recognizes Russia’s Bolshevik Regime"
    assert r.updated == "2022-11-10"
    persons = set(r.terms("person"))
    assert {
        "Roosevelt, Franklin D.",
        "Litvinov, Maksim Maksimovich",
        "Hull, Cordell",
        "Stalin, Joseph",
        "Bullitt, William",
        "Troyanovsky, Alexander",
    } <= {p.split(";")[0] for p in persons}
    assert {"Soviet Union", "United States"} <= set(r.terms("place"))
    assert {"Diplomacy and international relations", "Government and politics", "Trade and commerce", "History"} <= set(
        r.terms("category")
    )


def test_metadata_found_in_text_without_sidecar(seeds_dir):
    doc = analyze(load_file(seeds_dir / "000_820e86533fe664a9.txt"))
    m = doc.source.metadata
    assert m.title == "On This Day: United States and Soviet Union Establish Diplomatic Relations"
    assert m.date == "2011-11-16T05:00"
    assert m.authors == ("findingDulcinea Staff",)


def test_seed_ids_are_stable(seed_docs):
    doc = seed_docs["dulcinea-2011"]
    assert doc["dulcinea-2011.p7.s2"].text.startswith("The two sides could not reach an agreement")
    assert doc["dulcinea-2011.title"].kind is PassageKind.TITLE
    again = analyze(embedded_sources()[0])
    assert [p.id for p in again.passages] == [p.id for p in doc.passages]
    assert [p.hash for p in again.passages] == [p.hash for p in doc.passages]


def test_bibliography_entries_of_the_seed(seed_docs):
    entries = seed_docs["recognition-2022"].of_kind(PassageKind.BIBLIOGRAPHY_ENTRY)
    assert len(entries) == 10
    assert entries[0].text.startswith("Bennett, Edward M. Recognition of Russia")
    assert entries[0].text.endswith("U.S. government’s decision.")
    assert all(e.section == ("Further Reading",) for e in entries)
