"""The entity memo gives what find_entities gives, and the checker and links give the same results with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.claims.aliases import AliasTable
from annotate.claims.checker import Checker
from annotate.claims.context import corpus_aliases
from annotate.claims.entity_memo import EntityMemo
from annotate.claims.extract import extract_claims
from annotate.claims.links import link_references
from annotate.claims.mentions import find_entities
from annotate.references import build_references
from corpus.analyze import analyze
from corpus.load import embedded_sources
from corpus.model import Document

_WORDS = ["Maxim", "Litvinov", "Hull", "Cordell", "met", "in", "Moscow", "the", "Soviet", "Union", "wrote", "and", "."]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [analyze(s) for s in embedded_sources()]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9), min_size=1, max_size=4))
def test_memo_gives_find_entities_whatever_the_order(texts: list[list[str]]) -> None:
    table = AliasTable()
    memo = EntityMemo(table)
    for words in [*texts, *reversed(texts)]:  # each text read once, then taken from the memo
        text = " ".join(words)
        assert list(memo.of(text)) == find_entities(text, table)
    assert len(memo) == len({" ".join(w) for w in texts})


def test_memo_serves_only_its_own_table() -> None:
    table = AliasTable()
    memo = EntityMemo(table)
    assert memo.serves(table)
    assert not memo.serves(AliasTable())
    assert not memo.serves(None)
    memo.put("Hull wrote.", ())
    memo.put("Hull wrote.", find_entities("Hull wrote.", table))  # the first kept: both are the text's
    assert memo.get("Hull wrote.") == ()
    assert memo.get("unread") is None


def test_checker_and_links_give_the_same_with_a_shared_memo(docs: list[Document]) -> None:
    aliases = corpus_aliases(docs)
    refs = build_references(docs)
    claims = [c for doc in docs for c in extract_claims(doc, aliases=aliases)]
    memo = EntityMemo(aliases)
    shared = Checker(docs, refs, aliases=aliases, extracted=claims, entities=memo)
    alone = Checker(docs, refs, aliases=aliases, extracted=claims)
    assert shared.check_all(claims) == alone.check_all(claims)
    assert len(memo) > 0  # the checker's reading is kept for the links
    before = len(memo)
    with_memo = link_references(docs, refs, claims, aliases=aliases, entities=memo)
    assert with_memo == link_references(docs, refs, claims, aliases=aliases)
    assert with_memo
    # A memo of another table is not used (nor filled): the links read with their own.
    other = EntityMemo(AliasTable())
    assert link_references(docs, refs, claims, aliases=aliases, entities=other) == with_memo
    assert len(other) == 0
    assert len(memo) >= before
