"""Tests for links from passages and claims to further-reading references (annotate.claims.links)."""

from __future__ import annotations

import itertools

import pytest

from annotate.claims.checker import make_claim
from annotate.claims.context import corpus_aliases
from annotate.claims.entity_memo import EntityMemo
from annotate.claims.extract import extract_claims
from annotate.claims.links import (
    _MIN_TARGETS_TO_FORK,
    _doc_targets,
    _features,
    _known_entities,
    _Scorer,
    link_references,
)
from annotate.model import ReferenceLink
from annotate.references import build_references, entry_key
from bibliography.model import Reference
from corpus.analyze import analyze
from corpus.load import embedded_sources, source_from_text
from corpus.model import Document


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [analyze(s) for s in embedded_sources()]


@pytest.fixture(scope="module")
def refs(docs: list[Document]) -> list[Reference]:
    return build_references(docs)


@pytest.fixture(scope="module")
def links(docs: list[Document], refs: list[Reference]) -> list[ReferenceLink]:
    return link_references(docs, refs)


def _key(refs: list[Reference], n: int) -> str:
    key = entry_key(refs, f"recognition-2022.bib{n}")
    assert key is not None
    return key


def _of(links: list[ReferenceLink], target: str) -> dict[str, ReferenceLink]:
    return {link.key: link for link in links if link.target == target}


def test_author_at_work_links_to_the_memoirs(links: list[ReferenceLink], refs: list[Reference]) -> None:
    hull = _key(refs, 6)  # Hull, Cordell. The Memoirs of Cordell Hull.
    link = _of(links, "recognition-2022.p11.s5")[hull]  # "Hull later wrote that ..."
    assert link.words[:2] == ("Hull", "wrote")
    assert "author Hull" in link.reason


def test_subject_person_links_to_the_biography(
    docs: list[Document], refs: list[Reference], links: list[ReferenceLink]
) -> None:
    bullitt = _key(refs, 3)  # Farnsworth. William C. Bullitt and the Soviet Union.
    assert bullitt in _of(links, "recognition-2022.p9.s2")  # the sentence naming Bullitt
    claim = make_claim("William Bullitt became ambassador in Moscow.", "bullitt", aliases=corpus_aliases(docs))
    claim_links = link_references(docs, refs, [claim])
    mine = [link for link in claim_links if link.target == "bullitt"]
    assert [link.key for link in mine] == [bullitt]
    assert "William Bullitt" in mine[0].words
    assert "subject William Bullitt" in mine[0].reason


def test_shared_title_words_link_to_the_book_on_the_agreements(
    refs: list[Reference], links: list[ReferenceLink]
) -> None:
    bishop = _key(refs, 2)  # Bishop. The Roosevelt-Litvinov Agreements: The American View.
    link = _of(links, "recognition-2022.p8.s1")[bishop]  # "... the agreements, signed on November 16, 1933, ..."
    assert "agreements" in link.words
    assert "shared title words" in link.reason
    # Roosevelt and Litvinov together are the subject of that title.
    both = _of(links, "recognition-2022.p8.s2")[bishop]
    assert {"Roosevelt", "Litvinov"} <= set(both.words)


def test_no_link_without_shared_subject(links: list[ReferenceLink]) -> None:
    assert not _of(links, "dulcinea-2011.p11.s1")  # "See the findingDulcinea Web Guide ..."
    assert not _of(links, "recognition-2022.p4.s5")  # grain sales: no title is about that
    # Only further-reading references are linked, never a source's own reference.
    assert all(not link.key.startswith(("findingdulcinea", "united2022")) for link in links)


def test_words_common_to_every_title_do_not_link(docs: list[Document], refs: list[Reference]) -> None:
    claim = make_claim("The United States and the Soviet Union had relations.", "plain")
    assert not [link for link in link_references(docs, refs, [claim]) if link.target == "plain"]


def test_threshold_and_empty_inputs(docs: list[Document], refs: list[Reference], links: list[ReferenceLink]) -> None:
    assert link_references(docs, refs, threshold=100.0) == []
    only_sources = [r for r in refs if not any(p.passage for p in r.provenance)]
    assert link_references(docs, only_sources) == []
    lonely = analyze(source_from_text("A Title\n\nNothing here is cited by anyone.\n", "lonely"))
    assert link_references([lonely], refs) == []
    # Links come in target order, best first within a target, and carry their reason words.
    assert all(link.words and link.reason and link.score >= 0.9 for link in links)
    targets = [link.target for link in links]
    order = {t: i for i, t in enumerate(dict.fromkeys(targets))}
    assert targets == sorted(targets, key=order.__getitem__)


def test_topic_looks_up_only_the_reference_vocabulary(docs: list[Document], refs: list[Reference]) -> None:
    """The topic score over the stems a reference has equals the score over every stem of the target."""
    aliases = corpus_aliases(docs)
    entries = [r for r in refs if r.key and any(p.passage for p in r.provenance)]
    scorer = _Scorer(docs, [_features(r, aliases=aliases) for r in entries])
    compared = 0
    for target in (t for d in docs for t in _doc_targets(d, {}, EntityMemo(aliases))):
        for f in scorer.feats:
            score, shared = 0.0, []
            for stem in sorted(set(target.stems)):
                w = scorer._stem_weight(stem, f)
                if w > 0.05:
                    score += w
                    shared.append(stem)
            for a, b in sorted(set(itertools.pairwise(target.stems)) & f.phrases):
                score += (scorer.idf(a) + scorer.idf(b)) / 2
                shared.append(f"{a} {b}")
            assert scorer._topic(target, f) == (score, shared)
            compared += bool(shared)
    assert compared > 0


def test_sentences_take_their_extracted_claims_entities_unchanged(docs: list[Document]) -> None:
    aliases = corpus_aliases(docs)
    claims = [c for doc in docs for c in extract_claims(doc, aliases=aliases)]
    known = _known_entities(claims)
    with_claims = {t.id: t for d in docs for t in _doc_targets(d, known, EntityMemo(aliases))}
    alone = {t.id: t for d in docs for t in _doc_targets(d, {}, EntityMemo(aliases))}
    assert alone and all(with_claims[k] == t for k, t in alone.items())
    shared = {c.passage for c in claims if c.text in {s.text for d in docs for s in d.sentences}}
    assert shared  # some sentences are their claim's whole text: their entities came from it


def test_forked_linking_gives_the_links_of_one_process(docs: list[Document], refs: list[Reference]) -> None:
    # Enough targets for the fork: the seeds plus short notes and claims that name the seeds' topics.
    notes = [
        analyze(
            source_from_text(f"Note {i}\n\nCordell Hull wrote about recognition of Russia in {1930 + i}.\n", f"n{i}")
        )
        for i in range(_MIN_TARGETS_TO_FORK // 2)
    ]
    claims = [make_claim(f"Hull recalled the Litvinov agreements {i} times.", f"c{i}") for i in range(120)]
    everything = docs + notes
    one = link_references(everything, refs, claims, jobs=1)
    two = link_references(everything, refs, claims, jobs=2)
    assert one == two
    assert {link.target for link in one} & {"c0", "c119"}  # the claims, at both ends, were linked
