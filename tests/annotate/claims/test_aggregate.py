"""The learned claim-level decision: its features, its model file, how passages are made to agree with
the label, and the checker's ``combined`` and ``layered`` decisions, on texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import annotate.claims.checker as checker_module
from annotate import Checker, build_references
from annotate.claims.aggregate import (
    OUTWEIGHED,
    VERDICT_LABELS,
    claim_features,
    overrule_threshold,
    settle,
    verdict_model,
    verdict_of,
)
from annotate.claims.compare import FacetConflict
from annotate.claims.extract import extract_claims
from annotate.claims.stance import Stance
from annotate.model import Label, Relation
from corpus import analyze, source_from_text

TEXT = (
    "Harbour works\n\n"
    "The storm of 1821 destroyed most of the wooden piers of the old harbour. "
    "Merchants paid for new stone quays, which took eleven years to build. "
    "The harbour master kept a ledger of every ship that entered.\n"
)


@pytest.fixture(scope="module")
def docs():
    return [analyze(source_from_text(TEXT, "harbour"))]


@pytest.fixture(scope="module")
def candidates(docs):
    checker = Checker(docs, decision="learned")
    return checker.candidates(checker.make_claim("The storm of 1821 destroyed the wooden piers of the harbour."))


def test_the_model_file_says_where_it_comes_from():
    model = verdict_model()
    assert set(model["weights"]) == {lab.value for lab in VERDICT_LABELS}
    assert "train only" in model["data"]["splits"]
    assert "scifact" not in model["data"]
    assert model["dev_figures"] and model["training"]["claims"] > 0


def test_no_passage_is_its_own_feature():
    assert claim_features([]) == {"bias": 1.0, "none": 1.0}


def test_facet_refutations_become_features():
    refuting = {"lex": 0.8, "rule:refutes": 1.0, "conflict:date": 1.0, "conflict:actor": 1.0}
    f = claim_features([(refuting, Stance(0.1, 0.7, 0.2)), ({"lex": 0.2}, Stance(0.2, 0.1, 0.7))])
    assert f["refute:date"] == f["refute:entity"] == 1.0
    assert "refute:number" not in f
    assert f["ref:max"] == 0.7 and f["ref:best_rule_refutes"] == 1.0 and f["ref:best_lex"] == 0.8
    # A conflict the rules did not turn into a refutation is not a refuting facet.
    assert "refute:date" not in claim_features([({"conflict:date": 1.0, "rule:mentions": 1.0}, Stance(0.3, 0.3, 0.4))])


_probs = st.tuples(*(st.floats(0.01, 1.0) for _ in range(3))).map(lambda t: Stance(*(x / sum(t) for x in t)))
_pair = st.tuples(st.fixed_dictionaries({"lex": st.floats(0, 1), "retrieval": st.floats(0, 0.1)}), _probs)


@given(st.lists(_pair, min_size=1, max_size=6, unique_by=lambda p: (p[1].supports, p[1].refutes)))
def test_features_do_not_depend_on_the_order_of_passages(pairs):
    assert claim_features(pairs) == pytest.approx(claim_features(list(reversed(pairs))))
    odds = verdict_of(claim_features(pairs))
    assert abs(sum(odds) - 1) < 1e-9 and odds.label in VERDICT_LABELS


def test_refuted_turns_support_into_a_mention_and_names_what_changed(candidates):
    rows = [(c.assessment._replace(relation=Relation.SUPPORTS), c.features, c.stance) for c in candidates]
    settled = settle(Label.REFUTED, rows)
    refuting = [a for a in settled if a.relation is Relation.REFUTES]
    assert len(refuting) == 1 and refuting[0].conflicts  # the most refuting passage says what changed
    assert all(OUTWEIGHED in a.partial for a in settled if a.relation is Relation.MENTIONS)
    assert not any(a.relation is Relation.SUPPORTS for a in settled)


def test_supported_keeps_refutations_and_not_enough_info_keeps_neither(candidates):
    conflict = (FacetConflict("date", "1821", "1822"),)
    rows = [
        (c.assessment._replace(relation=Relation.REFUTES, conflicts=conflict), c.features, c.stance) for c in candidates
    ]
    supported = settle(Label.SUPPORTED, rows)
    assert sum(a.relation is Relation.SUPPORTS for a in supported) == 1
    assert all(a.conflicts == conflict for a in supported if a.relation is Relation.REFUTES)
    nei = settle(Label.NOT_ENOUGH_INFO, rows)
    assert all(a.relation is Relation.MENTIONS and not a.conflicts for a in nei)


def test_the_combined_decision_gives_consistent_verdicts(docs):
    checker = Checker(docs, build_references(docs), decision="combined")
    for text in (
        "The storm of 1821 destroyed most of the wooden piers of the old harbour.",
        "The storm of 1905 destroyed most of the wooden piers of the old harbour.",
        "Merchants paid for new stone quays.",
    ):
        verdict = checker.check(text)
        assert verdict.explanation.startswith(verdict.label.value)
        relations = {ev.relation for ev in verdict.evidence}
        if verdict.label is Label.SUPPORTED:
            assert Relation.SUPPORTS in relations
        elif verdict.label is Label.REFUTED:
            assert Relation.REFUTES in relations and Relation.SUPPORTS not in relations
            assert all(ev.conflicts for ev in verdict.evidence if ev.relation is Relation.REFUTES)
        else:
            assert relations <= {Relation.MENTIONS}
    unrelated = checker.check("Penguins live in Antarctica.")
    assert unrelated.label is Label.NOT_ENOUGH_INFO and not unrelated.evidence


SECOND = (
    "Quays\n\n"
    "The storm of 1822 destroyed the wooden piers. The new stone quays took twelve years to build. "
    "No ledger of the ships survives.\n"
)
_VOCABULARY = (
    "storm 1821 1822 1905 destroyed built wooden stone piers quays harbour merchants paid ledger ships "
    "master eleven twelve years not never the of and was were"
)
_WORDS = tuple(_VOCABULARY.split(" "))


@pytest.fixture(scope="module")
def combined():
    docs = [analyze(source_from_text(TEXT, "harbour")), analyze(source_from_text(SECOND, "quays"))]
    return docs, Checker(docs, build_references(docs), decision="combined")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join))
def test_any_claim_gets_a_verdict_its_evidence_agrees_with(combined, text):
    docs, checker = combined
    v = checker.check(text)
    relations = {e.relation for e in v.evidence}
    if v.label is Label.SUPPORTED:
        assert v.evidence[0].relation is Relation.SUPPORTS
    elif v.label is Label.REFUTED:
        assert v.evidence[0].relation is Relation.REFUTES and Relation.SUPPORTS not in relations
        assert v.evidence[0].conflicts
    else:
        assert relations <= {Relation.MENTIONS}
    assert v.explanation.startswith(v.label.value + ":")
    by_id = {d.source.id: d for d in docs}
    assert all(by_id[e.source].quote(e.span) == e.quote for e in v.evidence)


@pytest.fixture(scope="module")
def deciders(combined):
    docs, checker = combined
    refs = build_references(docs)
    return checker, Checker(docs, refs, decision="rules"), Checker(docs, refs, decision="layered")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join))
def test_layered_takes_the_rules_verdict_unless_they_find_too_little(deciders, text):
    combined, rules, layered = deciders
    by_rules, v = rules.check(text), layered.check(text)
    if by_rules.label is not Label.NOT_ENOUGH_INFO:
        assert v == by_rules
    elif v.label is not Label.NOT_ENOUGH_INFO:
        assert v == combined.check(text)  # the claim-level model was sure enough to overrule the rules
    else:
        assert {e.relation for e in v.evidence} <= {Relation.MENTIONS}


def test_layered_keeps_the_rules_whole_verdict_on_claims_their_own_passages_state(combined, deciders):
    """Extracted claims (a bundle's) get the rules' verdict unchanged: relations, conflicts, explanation."""
    docs, _ = combined
    _, rules, layered = deciders
    claims = [c for doc in docs for c in extract_claims(doc, aliases=rules.aliases)]
    assert claims
    for claim in claims:
        assert layered.check(claim) == rules.check(claim)


def test_the_layered_thresholds_come_with_the_model_one_per_label_and_their_dev_choice():
    model = verdict_model()
    for label in (Label.SUPPORTED, Label.REFUTED):
        t = overrule_threshold(label, model)
        assert t == model["layered"]["overrule"][label.value]
        if t < 1.0:  # chosen where the model's verdicts of that label are as precise as the rules' own
            chosen = model["layered"]["tried"][label.value][f"{t:.2f}"]
            assert chosen["claims"] >= 20
            assert chosen["precision"][0] >= model["layered"]["rules_precision"][label.value][0]
    never = {"layered": {"overrule": {"SUPPORTED": 1.0, "REFUTED": 0.5}}}
    assert overrule_threshold(Label.SUPPORTED, never) == 1.0 and overrule_threshold(Label.REFUTED, never) == 0.5
    assert overrule_threshold(Label.NOT_ENOUGH_INFO, never) == 0.0  # nothing to overrule


def test_layered_overrules_the_rules_only_at_the_threshold_of_the_label_it_would_give(deciders, monkeypatch):
    """A REFUTED the model is sure of below the REFUTED threshold stays NOT_ENOUGH_INFO, whatever the
    SUPPORTED threshold is."""
    combined, rules, layered = deciders
    text = "The merchants paid for new wooden piers."
    assert rules.check(text).label is Label.NOT_ENOUGH_INFO
    said = combined.check(text).label
    assert said is not Label.NOT_ENOUGH_INFO
    other = Label.SUPPORTED if said is Label.REFUTED else Label.REFUTED
    for low, expected in ((said, said), (other, Label.NOT_ENOUGH_INFO)):
        monkeypatch.setattr(checker_module, "overrule_threshold", lambda lab, lo=low: 0.0 if lab is lo else 1.0)
        assert layered.check(text).label is expected


def test_layered_keeps_the_rules_refutation_and_settles_the_rest(deciders):
    _, rules, layered = deciders
    refuted = layered.check("The storm of 1905 destroyed most of the wooden piers of the old harbour.")
    assert refuted == rules.check("The storm of 1905 destroyed most of the wooden piers of the old harbour.")
    assert refuted.label is Label.REFUTED and any("date" in c for e in refuted.evidence for c in e.conflicts)
    assert layered.check("Penguins live in Antarctica.").label is Label.NOT_ENOUGH_INFO


_tied = st.tuples(
    st.fixed_dictionaries({"lex": st.sampled_from([0.0, 0.5, 1.0]), "retrieval": st.floats(0, 0.1)}), _probs
)


@given(st.lists(_tied, min_size=1, max_size=6, unique_by=lambda p: (p[1].supports, p[1].refutes)))
def test_ties_in_overlap_do_not_depend_on_the_order_of_passages(pairs):
    assert claim_features(pairs) == pytest.approx(claim_features(list(reversed(pairs))))


def test_the_checker_decides_by_the_layered_decision_unless_told_otherwise(docs):
    refs = build_references(docs)
    for text in ("The merchants paid for new wooden piers.", "The storm of 1905 destroyed the wooden piers."):
        assert Checker(docs, refs).check(text) == Checker(docs, refs, decision="layered").check(text)
