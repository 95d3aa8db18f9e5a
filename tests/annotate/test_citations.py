"""Works cited inside sentences become references with their raw spans, and the sentence links to them."""

from __future__ import annotations

from annotate import annotate
from annotate.citations import find_citations
from corpus import analyze, source_from_text

ESSAY = (
    "Writing the History of the Harbour\n\n"
    "For the rebuilding see Thomas Archer, *The Harbour Towns of the North* (London: Smith and Sons, 1954); "
    'the builders are in Anna M. Berg and Paul Carver, "Stone Quays" (1988). Historians agree on little else.\n\n'
    "In 1821 the town (then small) lost its piers, and no book (1954 or later) says why.\n"
)


def test_citations_in_prose_are_found_with_exact_spans():
    doc = analyze(source_from_text(ESSAY, "essay"))
    cites = list(find_citations(doc))
    assert [c.text for c in cites] == [
        "Thomas Archer, *The Harbour Towns of the North* (London: Smith and Sons, 1954)",
        'Anna M. Berg and Paul Carver, "Stone Quays" (1988)',
    ]
    assert all(doc.source.raw[c.start : c.end] == c.text for c in cites)


def test_cited_works_are_references_and_the_sentence_links_to_them():
    doc = analyze(source_from_text(ESSAY, "essay"))
    corpus = annotate([doc])
    archer = next(r for r in corpus.references if r.title == "The Harbour Towns of the North")
    assert (archer.place, archer.publisher, archer.year) == ("London", "Smith and Sons", "1954")
    (prov,) = archer.provenance
    assert ESSAY[prov.start : prov.end].startswith("Thomas Archer") and doc[prov.passage].kind.value == "sentence"
    links = [link for link in corpus.links if link.reason == "the sentence cites this work"]
    assert {link.key for link in links} == {archer.key, next(r.key for r in corpus.references if r.year == "1988")}
    assert all(link.target == prov.passage for link in links)
