"""The learned stance model: its features, probabilities and decision, on claims written for these tests."""

from __future__ import annotations

import pytest

from annotate import Checker, ClaimInputError, build_references
from annotate.claims.stance import STANCES, direction, stance_model, stance_of
from annotate.claims.wordnet import wordnet_status
from annotate.model import Relation
from corpus import analyze, source_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smoking raises the risk of stroke.", (1, False)),
        ("The drug reduced mortality in older patients.", (-1, False)),
        ("It was not associated with an increased risk.", (1, True)),
        ("Rates rose in the north and fell in the south.", (0, False)),
        ("The committee met on Tuesday.", (0, False)),
    ],
)
def test_direction_and_its_negation(text, expected):
    assert direction(text) == expected


def test_the_model_file_says_where_it_comes_from():
    model = stance_model()
    assert set(model["weights"]) == {s.value for s in STANCES}
    assert "train only" in model["data"]["splits"]
    assert 0 < model["decision"]["support"] <= 1


def test_probabilities_sum_to_one_and_decide():
    stance = stance_of({"bias": 1.0, "lex": 1.0, "rule:supports": 1.0, "anchor": 1.0})
    assert abs(sum(stance) - 1) < 1e-9
    assert stance.decided() in set(STANCES)


@pytest.fixture(scope="module")
def docs():
    text = (
        "Harbour works\n\n"
        "The storm of 1821 destroyed most of the wooden piers of the old harbour. "
        "Merchants paid for new stone quays, which took eleven years to build.\n"
    )
    return [analyze(source_from_text(text, "harbour"))]


@pytest.mark.parametrize("decision", ["rules", "learned"])
def test_both_decisions_give_verdicts_with_explanations(docs, decision):
    checker = Checker(docs, build_references(docs), decision=decision)
    verdict = checker.check("The storm of 1821 destroyed most of the wooden piers of the old harbour.")
    assert verdict.label.value == "SUPPORTED"
    assert verdict.explanation.startswith("SUPPORTED")
    unrelated = checker.check("Penguins live in Antarctica.")
    assert unrelated.label.value == "NOT_ENOUGH_INFO"


def test_candidates_carry_features_and_stances(docs):
    checker = Checker(docs, build_references(docs), decision="learned")
    cands = checker.candidates(checker.make_claim("Merchants paid for new stone quays."))
    assert cands and all(c.stance is not None and "lex" in c.features for c in cands)
    assert all(c.assessment.relation in {Relation.SUPPORTS, Relation.REFUTES, Relation.MENTIONS} for c in cands)


def test_an_unknown_decision_is_refused(docs):
    with pytest.raises(ClaimInputError, match="decision"):
        Checker(docs, decision="vibes")


def test_alignment_features_name_what_changed(docs):
    checker = Checker(docs, build_references(docs), decision="learned")
    [same] = checker.candidates(checker.make_claim("The storm of 1821 destroyed most of the wooden piers."))[:1]
    assert same.features["lex"] > 0.99 and "digits:differ" not in same.features
    assert "antonym" not in same.features
    [other] = checker.candidates(checker.make_claim("The storm of 1825 destroyed most of the wooden piers."))[:1]
    assert other.features.get("digits:differ") == 1.0 and other.features["digits:differ*lex"] > 0.9


@pytest.mark.skipif(wordnet_status() is not None, reason="needs WordNet (Debian's wordnet-base)")
def test_a_word_turned_into_its_opposite(docs):
    checker = Checker(docs, build_references(docs), decision="learned")
    claim = checker.make_claim("The storm destroyed most of the wooden piers of the new harbour.")
    best = max(checker.candidates(claim), key=lambda c: c.features["lex"])
    assert best.features.get("antonym") == 1.0 and best.features["lex"] < 1.0


@pytest.mark.skipif(wordnet_status() is not None, reason="needs WordNet (Debian's wordnet-base)")
def test_a_more_general_word_counts_as_said_in_related_words(docs):
    checker = Checker(docs, build_references(docs), decision="learned")
    claim = checker.make_claim("Traders paid for new stone quays.")  # the passage says "Merchants"
    best = max(checker.candidates(claim), key=lambda c: c.features["lex"])
    assert best.features["lex"] < 1.0 and best.features["wn:hyper"] > 0
    assert best.features["lex+wn"] == pytest.approx(best.features["lex"] + best.features["wn:hyper"])
    same = checker.candidates(checker.make_claim("Merchants paid for new stone quays."))
    assert all("wn:hyper" not in c.features and "lex+wn" not in c.features for c in same)
