"""Tests for claim checking (annotate.claims.checker)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.claims.checker import Checker, make_claim
from annotate.claims.compare import _mentions_text
from annotate.claims.extract import extract_claims
from annotate.claims.words import content_stems
from annotate.errors import ClaimInputError
from annotate.evidence_index import EvidenceIndex
from annotate.jsonforms import verdict_json
from annotate.model import Label, Origin, Relation, Verdict
from annotate.references import build_references, source_key
from corpus.analyze import analyze
from corpus.load import embedded_sources, load
from corpus.model import Document


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [analyze(s) for s in embedded_sources()]


@pytest.fixture(scope="module")
def checker(docs: list[Document]) -> Checker:
    return Checker(docs, build_references(docs))


def _with_extra(tmp_path: Path, text: str) -> list[Document]:
    path = tmp_path / "second-source.txt"
    path.write_text(text, encoding="utf-8")
    return [analyze(s) for s in embedded_sources()] + [analyze(s) for s in load([str(path)])]


def _raw_ok(docs: list[Document], verdict: Verdict) -> None:
    raws = {d.source.id: d.source.raw for d in docs}
    for ev in verdict.evidence:
        assert ev.quote == raws[ev.source][ev.span.start : ev.span.end]


# --- every extracted claim ------------------------------------------------------------------------


def test_every_extracted_claim_has_its_quoted_evidence(docs: list[Document], checker: Checker) -> None:
    n = 0
    for doc in docs:
        for claim in extract_claims(doc, aliases=checker.aliases):
            verdict = checker.check(claim)
            n += 1
            assert verdict.label is Label.SUPPORTED
            own = [e for e in verdict.evidence if e.passage == claim.passage]
            assert own and own[0].span == claim.span
            _raw_ok(docs, verdict)
            assert all(e.cite_key for e in verdict.evidence)
    assert n > 60


def test_a_span_quoted_by_several_claims_is_one_string(docs: list[Document]) -> None:
    # Quotes are shared (memory: verdicts live to the end of a run); each is still the raw text.
    fresh = Checker(docs, build_references(docs))
    text = "Formal talks between the two countries started in Washington on November 9, 1933."
    first, second = fresh.check(text), fresh.check(text, claim_id="claim-2")
    assert first.evidence and len(first.evidence) == len(second.evidence)
    for a, b in zip(first.evidence, second.evidence, strict=True):
        assert a.span == b.span and a.quote is b.quote
    _raw_ok(docs, first)


# --- one example per verdict ------------------------------------------------------------------------


def test_supported_with_quote_and_cite_key(docs: list[Document], checker: Checker) -> None:
    v = checker.check("Formal talks between the two countries started in Washington on November 9, 1933.")
    assert v.label is Label.SUPPORTED
    first = v.evidence[0]
    assert first.relation is Relation.SUPPORTS
    assert first.passage == "recognition-2022.p7.s5"
    assert first.quote == "formal talks began in Washington on November 9."  # the clause, not the sentence
    assert first.cite_key == source_key(build_references(docs), "recognition-2022")
    assert v.explanation.startswith("SUPPORTED: recognition-2022")
    assert "“formal talks began in Washington on November 9.”" in v.explanation
    _raw_ok(docs, v)


def test_refuted_date_names_both_values_and_quotes(docs: list[Document], checker: Checker) -> None:
    v = checker.check("The agreements were signed on 12 November 1933.")
    assert v.label is Label.REFUTED
    assert v.evidence[0].relation is Relation.REFUTES
    assert v.evidence[0].passage == "recognition-2022.p8.s1"
    assert "1933-11-12" in v.explanation and "1933-11-16" in v.explanation
    assert "“the agreements, signed on November 16, 1933" in v.explanation
    assert any(c.startswith("date: claim 1933-11-12") for c in v.evidence[0].conflicts)
    _raw_ok(docs, v)


@pytest.mark.parametrize(
    ("claim", "passage", "words"),
    [
        ("Joseph Stalin led the Soviet delegation at the talks.", "recognition-2022.p7.s6", ("Stalin", "Litvinov")),
        ("Formal talks started in Moscow on November 9, 1933.", "recognition-2022.p7.s5", ("Moscow", "Washington")),
        (
            "The Ford plant in Russia was meant to produce fifty thousand vehicles a year.",
            "recognition-2022.p3.s2",
            ("50000 vehicle", "100000 vehicle"),
        ),
        ("Increased Soviet-American trade reached the predicted levels.", "recognition-2022.p11.s2", ("did not",)),
        ("Litvinov headed the American delegation.", "recognition-2022.p7.s6", ("American", "Soviet")),
    ],
)
def test_refuted_actor_place_quantity_negation(
    checker: Checker, claim: str, passage: str, words: tuple[str, ...]
) -> None:
    v = checker.check(claim)
    assert v.label is Label.REFUTED, v.explanation
    assert v.evidence[0].passage == passage
    for word in words:
        assert word in v.explanation


@pytest.mark.parametrize(
    "claim",
    [
        "William Bullitt was born in Philadelphia.",
        "The Soviet Union was expelled from the League of Nations in 1939.",
        "Vyacheslav Molotov replaced Litvinov as foreign minister in 1939.",
        "Soviet debts to American banks amounted to 150 million dollars.",
    ],
)
def test_not_enough_info(checker: Checker, claim: str) -> None:
    v = checker.check(claim)
    assert v.label is Label.NOT_ENOUGH_INFO, v.explanation
    assert all(e.relation is Relation.MENTIONS for e in v.evidence)
    assert v.explanation.startswith("NOT_ENOUGH_INFO: no passage in the 2 sources")


def test_a_less_precise_source_does_not_support_a_day(checker: Checker) -> None:
    # recognition-2022 only says "November of 1933": compatible, but it does not state the day.
    v = checker.check("Formal diplomatic relations were established on November 20, 1933 between the two states.")
    assert v.label is not Label.SUPPORTED


# --- across sources -------------------------------------------------------------------------------


def test_corroborated_by_a_second_source(tmp_path: Path) -> None:
    docs = _with_extra(
        tmp_path,
        "Talks in Washington\n\nThe Soviet delegation arrived in the autumn of 1933. Formal talks between the two "
        "governments began in Washington on November 9, 1933, and ended a week later.\n",
    )
    checker = Checker(docs, build_references(docs))
    v = checker.check("Formal talks began in Washington on November 9, 1933.")
    assert v.label is Label.SUPPORTED
    assert v.corroborated
    sources = {e.source for e in v.evidence if e.relation is Relation.SUPPORTS}
    assert sources == {"recognition-2022", "second-source"}
    assert "Corroborated by" in v.explanation
    _raw_ok(docs, v)
    # A fact only one source states is not corroborated.
    assert not checker.check("Litvinov headed the Soviet delegation.").corroborated


def test_conflict_between_sources(tmp_path: Path) -> None:
    docs = _with_extra(
        tmp_path,
        "A Different Date\n\nIn 1933 the two countries negotiated for weeks. The United States established "
        "diplomatic relations with the Soviet Union on November 17, 1933.\n",
    )
    checker = Checker(docs, build_references(docs))
    v = checker.check("The United States established diplomatic relations with the Soviet Union on November 16, 1933.")
    assert v.label is Label.SUPPORTED  # dulcinea-2011 states it
    assert v.conflicts
    conflict = v.conflicts[0]
    assert conflict.facet == "date"
    assert {conflict.first_value, conflict.second_value} == {"1933-11-16", "1933-11-17"}
    assert {conflict.first.source, conflict.second.source} == {"dulcinea-2011", "second-source"}
    assert "Nov. 16, 1933" in conflict.first.quote + conflict.second.quote
    assert "November 17, 1933" in conflict.first.quote + conflict.second.quote
    assert "1933-11-17" in v.explanation
    row = verdict_json(v)
    assert row["conflicts"][0]["facet"] == "date"


# --- API details ----------------------------------------------------------------------------------


def test_make_claim_and_errors(checker: Checker) -> None:
    c = make_claim("Talks began in Washington on November 9, 1933.", "c1")
    assert c.origin is Origin.SUPPLIED and [d.iso for d in c.facets.dates] == ["1933-11-09"]
    with pytest.raises(ClaimInputError, match="c2: empty text"):
        make_claim("   ", "c2")
    with pytest.raises(ClaimInputError, match="not a valid id"):
        make_claim("Talks began.", "1bad")
    # A supplied claim without facets gets them from the checker's alias table.
    bare = c.__class__("c3", "FDR sent a telegram to Maxim Litvinov.")
    v = checker.check(bare)
    assert [e.name for e in v.claim.facets.entities][:1] == ["Franklin D. Roosevelt"]
    assert v.claim.id == "c3" and all(e.claim == "c3" for e in v.evidence)


def test_check_all_and_json(checker: Checker) -> None:
    claims = [
        checker.make_claim("Japan invaded Manchuria in 1931.", "a"),
        checker.make_claim("Japan invaded Manchuria in 1935.", "b"),
    ]
    verdicts = checker.check_all(claims)
    assert [v.label for v in verdicts] == [Label.SUPPORTED, Label.REFUTED]
    row = verdict_json(verdicts[1])
    assert list(row) == ["id", "claim", "verdict", "explanation", "evidence", "corroborated", "conflicts"]
    assert set(row["evidence"][0]) == {"passage", "source", "start", "end", "quote", "relation", "cite_key"}


def test_index_on_disk_is_reused(tmp_path: Path, docs: list[Document]) -> None:
    where = tmp_path / "index"
    first = Checker(docs, index=EvidenceIndex(where))
    assert first.check("Japan invaded Manchuria in 1931.").label is Label.SUPPORTED
    reopened = EvidenceIndex(where)
    n = len(reopened)
    assert reopened.indexed_sources() == {d.source.id: d.source.sha256 for d in docs}
    second = Checker(docs, index=reopened)
    assert len(reopened) == n  # nothing indexed twice
    assert second.check("Japan invaded Manchuria in 1931.").label is Label.SUPPORTED


def test_content_stems() -> None:
    assert content_stems("The talks began in Washington on November 9.") == ("talk", "begin", "washington", "novemb")
    assert content_stems("the of and") == ()


# --- properties -----------------------------------------------------------------------------------

_VOCABULARY = (
    "Roosevelt Litvinov Hull Bullitt Stalin Moscow Washington Russia Soviet Union United States treaty talks "
    "agreements signed began recognized relations diplomatic November 1933 1917 sixteen years trade famine "
    "never not the in on of and was were ambassador"
)
_WORDS = tuple(_VOCABULARY.split(" "))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map(" ".join))
def test_any_claim_gets_a_consistent_verdict(docs: list[Document], checker: Checker, text: str) -> None:
    v = checker.check(text)
    _raw_ok(docs, v)
    relations = {e.relation for e in v.evidence}
    if v.label is Label.SUPPORTED:
        assert v.evidence[0].relation is Relation.SUPPORTS
    elif v.label is Label.REFUTED:
        assert v.evidence[0].relation is Relation.REFUTES and Relation.SUPPORTS not in relations
    else:
        assert relations <= {Relation.MENTIONS}
    assert v.explanation.startswith(v.label.value + ":")
    assert v.corroborated == (len({e.source for e in v.evidence if e.relation is Relation.SUPPORTS}) >= 2)


def test_two_refuting_sources_that_disagree(tmp_path: Path) -> None:
    docs = _with_extra(
        tmp_path,
        "Signing\n\nThe agreements between Washington and Moscow were signed on November 17, 1933, after a week "
        "of talks.\n",
    )
    checker = Checker(docs, build_references(docs))
    v = checker.check("The agreements were signed on 12 November 1933.")
    assert v.label is Label.REFUTED
    assert {e.source for e in v.evidence if e.relation is Relation.REFUTES} == {"recognition-2022", "second-source"}
    (conflict,) = v.conflicts
    assert {conflict.first_value, conflict.second_value} == {"1933-11-16", "1933-11-17"}
    assert "The sources disagree on the date" in v.explanation


@pytest.mark.parametrize("decision", ["rules", "combined"])
def test_checker_given_the_extracted_claims_gives_the_same_verdicts(docs: list[Document], decision: str) -> None:
    refs = build_references(docs)
    plain = Checker(docs, refs, decision=decision)
    claims = [c for doc in docs for c in extract_claims(doc, aliases=plain.aliases)]
    seeded = Checker(docs, refs, aliases=plain.aliases, decision=decision, extracted=claims)
    supplied = [make_claim("Litvinov signed the agreement in Washington in 1933.", "s1")]
    for claim in [*claims, *supplied]:
        assert verdict_json(seeded.check(claim)) == verdict_json(plain.check(claim))


@given(
    name=st.text(st.sampled_from("ab .()*+?[]\\|É-"), min_size=1, max_size=6),
    text=st.text(st.sampled_from("ab .()*+?[]\\|éÉ-x"), max_size=20),
)
def test_a_name_pattern_kept_compiled_finds_what_a_fresh_one_does(name: str, text: str) -> None:
    # compare._mentions_text keeps each name's pattern compiled (lru_cache); asked twice, and
    # against a pattern built afresh, the answer is the same.
    fresh = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I) is not None
    assert _mentions_text(name, text) is fresh
    assert _mentions_text(name, text) is fresh
