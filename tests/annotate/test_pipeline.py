"""The front door: documents and claims in, the annotated corpus out."""

from __future__ import annotations

import pytest

from annotate import AnnotatedCorpus, Checker, Claim, ClaimInputError, Label, annotate, build_references
from corpus import analyze, source_from_text


@pytest.fixture(scope="module")
def doc():
    return analyze(source_from_text("Talks\n\nTalks began in 1933. They ended in 1935.\n", "ex"))


def test_extracted_and_supplied_claims_are_checked_with_numbered_evidence(doc):
    content = annotate([doc], [Claim("mine", "Talks began in 1933.")])
    assert isinstance(content, AnnotatedCorpus)
    assert [v.claim.id for v in content.verdicts][-1] == "mine"
    mine = content.verdicts[-1]
    assert mine.label is Label.SUPPORTED
    assert [e.id for e in mine.evidence] == [f"ev.mine.{k}" for k in range(1, len(mine.evidence) + 1)]
    assert all(e.id for v in content.verdicts for e in v.evidence)


def test_a_claim_fed_back_is_the_same_claim_and_ids_are_not_reused(doc):
    content = annotate([doc])
    first = content.verdicts[0].claim
    assert annotate([doc], [Claim(first.id, first.text)]).verdicts == content.verdicts
    with pytest.raises(ClaimInputError, match="used twice with different texts"):
        annotate([doc], [Claim(first.id, "Again.")])


def test_a_prepared_checker_is_used(doc):
    checker = Checker([doc], build_references([doc]))
    assert annotate([doc], verifier=checker).verdicts == annotate([doc]).verdicts
