"""Tests for claim extraction (annotate.claims.extract)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.claims.clauses import is_finite_verb, split_clauses, states_fact
from annotate.claims.context import context_years, corpus_aliases
from annotate.claims.extract import clause_claims, extract_claims
from annotate.model import Claim, Origin
from corpus.analyze import analyze
from corpus.load import embedded_sources, source_from_text
from corpus.model import Document


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [analyze(s) for s in embedded_sources()]


@pytest.fixture(scope="module")
def claims(docs: list[Document]) -> dict[str, Claim]:
    aliases = corpus_aliases(docs)
    return {c.id: c for d in docs for c in extract_claims(d, aliases=aliases)}


def _clauses(text: str) -> list[str]:
    return [text[c.start : c.end] for c in split_clauses(text)]


# --- splitting ------------------------------------------------------------------------------------


def test_split_coordinated_clauses_with_own_subject() -> None:
    text = "Foreign Minister Litvinov headed the Soviet delegation, and Hull led the Americans."
    assert _clauses(text) == ["Foreign Minister Litvinov headed the Soviet delegation", "Hull led the Americans."]


def test_split_clause_with_fronted_date() -> None:
    text = (
        "On November 17, 1933, the United States announced that William Bullitt would be the new ambassador, "
        "and on November 20, the Soviet government named Alexander Troyanovsky as its ambassador."
    )
    parts = _clauses(text)
    assert len(parts) == 2
    assert parts[1].startswith("on November 20, the Soviet government named")


def test_split_verb_phrase_borrows_the_subject() -> None:
    text = "Among other changes, the administration ended Prohibition and expressed a willingness to talk."
    clauses = split_clauses(text)
    assert [text[c.start : c.end] for c in clauses] == [
        "Among other changes, the administration ended Prohibition",
        "expressed a willingness to talk.",
    ]
    assert clauses[1].subject == "the administration"


def test_split_semicolon_and_dated_list() -> None:
    assert _clauses("The treaty was signed in Paris; the war ended soon after.") == [
        "The treaty was signed in Paris",
        "the war ended soon after.",
    ]
    text = "Later negotiations led to a trade agreement in July of 1935, followed by one in August of 1937."
    assert _clauses(text) == [
        "Later negotiations led to a trade agreement in July of 1935",
        "followed by one in August of 1937.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Noun-phrase coordination, lists and infinitives are one fact each.
        "The United States and the Soviet Union established formal diplomatic relations in November of 1933.",
        "Several governments had recognized the Soviet Union: Germany (1922), Great Britain, Italy, and France (1924).",
        "The Soviet Union pledged to end propaganda in the U.S., and to allow Americans freedom of worship.",
        "The U.S. remained hostile toward Russia (and later the Soviet Union) until 1933.",
        "The agreements covered the protection of legal rights and the ban of hostile propaganda and other "
        "disruptive activity directed toward the United States.",
    ],
)
def test_no_split_without_a_second_clause(text: str) -> None:
    assert _clauses(text) == [text]


def test_finite_verbs_and_facts() -> None:
    assert is_finite_verb("signed") and is_finite_verb("began") and is_finite_verb("was")
    assert not is_finite_verb("United") and not is_finite_verb("hundred") and not is_finite_verb("treaty")
    assert states_fact("Formal talks began in Washington on November 9.")
    assert not states_fact("See the findingDulcinea Web Guide to the Cold War for the best resources.")
    assert not states_fact("Why did the talks begin in Washington?")
    assert not states_fact("Summary.")


# --- the embedded corpus --------------------------------------------------------------------------


def test_claims_are_atomic_and_tied_to_raw_spans(docs: list[Document], claims: dict[str, Claim]) -> None:
    by_source = {d.source.id: d for d in docs}
    assert len(claims) > 60
    for claim in claims.values():
        assert claim.origin is Origin.EXTRACTED
        assert claim.passage is not None and claim.span is not None
        assert claim.id.startswith(claim.passage + ".c")
        doc = by_source[claim.span.source]
        sentence = doc[claim.passage]
        assert sentence.span.contains(claim.span)
        # The span is exactly the clause: the cleaned text under it is the claim's text (first letter
        # capitalised), or its end when the claim borrowed the subject of a coordinated verb phrase.
        i, j = sentence.char_span(claim.span.start, claim.span.end)
        clause = sentence.text[i:j]
        assert claim.text in (clause, clause[0].upper() + clause[1:]) or claim.text.endswith(" " + clause)


def test_split_claims_of_the_seed(claims: dict[str, Claim]) -> None:
    first = claims["recognition-2022.p7.s6.c1"]
    second = claims["recognition-2022.p7.s6.c2"]
    assert first.text == "Foreign Minister Litvinov headed the Soviet delegation"
    assert second.text == "Hull led the Americans."
    # A coordinated verb phrase reads on its own.
    assert claims["recognition-2022.p6.s3.c2"].text.startswith("Roosevelt’s administration expressed")


def test_dates_without_a_year_take_the_paragraph_year(claims: dict[str, Claim]) -> None:
    # "on November 20" after "On November 17, 1933," in the same sentence.
    nov20 = claims["recognition-2022.p9.s2.c2"].facets.dates
    assert [d.iso for d in nov20] == ["1933-11-20"] and nov20[0].year_inferred
    # "on November 9" after "During the first half of 1933" earlier in the paragraph.
    assert [d.iso for d in claims["recognition-2022.p7.s5.c2"].facets.dates] == ["1933-11-09"]
    # "on Nov. 16" in a paragraph with no year: the year from earlier paragraphs of the document.
    assert [d.start for d in claims["dulcinea-2011.p6.s1.c1"].facets.dates] == ["1933-11-16"]


def test_context_years_follow_the_body(docs: list[Document]) -> None:
    years = context_years(docs[1])
    assert years["recognition-2022.p1"] is None
    assert years["recognition-2022.p7"] == 1930  # the last explicit year before it ("in 1930")


def test_quoted_speech_keeps_speaker_and_quoting_source(claims: dict[str, Claim]) -> None:
    telegram = claims["dulcinea-2011.p6.s2.c1"]
    assert telegram.speaker == "Franklin D. Roosevelt"
    assert telegram.quoted_by == "dulcinea-2011"
    # The State Department quotation runs over three sentences; the attribution is in the first.
    for cid in ("dulcinea-2011.p3.s1.c1", "dulcinea-2011.p3.s2.c1", "dulcinea-2011.p3.s3.c1"):
        assert claims[cid].speaker == "U.S. Department of State"
    assert claims["dulcinea-2011.p1.s1.c1"].speaker is None


def test_non_facts_are_skipped(claims: dict[str, Claim]) -> None:
    assert not any(c.passage == "dulcinea-2011.p11.s1" for c in claims.values())  # "See the ... Guide"
    assert not any(c.passage and ".bib" in c.passage for c in claims.values())


def test_clause_claims_cover_every_sentence(docs: list[Document]) -> None:
    doc = docs[0]
    block = doc["dulcinea-2011.p11"]
    everything = clause_claims(doc, block)
    assert [c.passage for c in everything] == ["dulcinea-2011.p11.s1"]
    assert clause_claims(doc, block, facts_only=True) == []


# --- properties -----------------------------------------------------------------------------------

_SUBJECTS = ["The council", "Maria Lopez", "The new government", "They", "The committee"]
_VERBS = ["approved the plan", "signed a treaty", "met in Geneva", "rejected the offer", "built a bridge"]
_WHEN = ["", " in 1921", " on March 3, 1950", " in mid-October"]
_JOIN = [". ", ", and ", "; ", " and "]


@st.composite
def _paragraphs(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 4))
    text = ""
    for i in range(n):
        clause = f"{draw(st.sampled_from(_SUBJECTS))} {draw(st.sampled_from(_VERBS))}{draw(st.sampled_from(_WHEN))}"
        if i:
            join = draw(st.sampled_from(_JOIN))
            clause = clause if join == ". " else clause[0].lower() + clause[1:]
            text += join + clause
        else:
            text = clause
    return text + "."


@settings(max_examples=60, deadline=None)
@given(_paragraphs())
def test_claim_spans_lie_in_their_sentences(paragraph: str) -> None:
    doc = analyze(source_from_text(f"A Title\n\n{paragraph}\n", "prop"))
    claims = extract_claims(doc)
    for c in claims:
        assert c.span is not None and c.passage is not None
        assert doc[c.passage].span.contains(c.span)
        assert doc.quote(c.span).strip() == doc.quote(c.span)
        assert c.text
    # Clauses of one sentence do not overlap and keep reading order.
    spans = [c.span for c in claims if c.span is not None]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("text", ["::", ";", "— –", ", ,"])
def test_a_sentence_of_separators_is_one_clause_not_an_empty_one(text: str) -> None:
    (clause,) = split_clauses(text)
    assert 0 <= clause.start < clause.end <= len(text)


def test_claims_of_a_document_with_separator_sentences() -> None:
    doc = analyze(source_from_text("Usage\n\nRun the tool.\n\n::\n\nThe tool was written in 1990.\n", "manual"))
    assert any(s.text == "::" for s in doc.sentences)
    claims = [c for block in doc.blocks for c in clause_claims(doc, block)]  # every sentence, as the checker does
    assert all(c.span is not None and c.span.end > c.span.start for c in claims)
