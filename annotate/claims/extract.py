"""Claim extraction: the atomic facts a document's body sentences state, each tied to its raw span.

Every body sentence (a ``sentence`` passage under a paragraph or list item) that states a fact yields
one or more :class:`~annotate.model.Claim` objects. A sentence states a fact unless it is a question,
an imperative ("See the ... guide"), or too short to say anything (fewer than three words).

Sentences are cut into clauses by :mod:`annotate.claims.clauses`; dates without a year take the year in
force (:mod:`annotate.claims.context`); quotations keep their speaker (:mod:`annotate.claims.speech`).

Claim ids are ``<sentence id>.c<k>``; ``Claim.passage`` is the sentence id and ``Claim.span`` the
raw span of the clause (``Passage.raw_span``), so the source's raw text at the span is the clause.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from annotate.claims.aliases import AliasTable
from annotate.claims.clauses import Clause, split_clauses, states_fact
from annotate.claims.context import _body_blocks, _last_year, context_years, corpus_aliases
from annotate.claims.facets import extract_facets
from annotate.claims.speech import _Quote, _speech
from annotate.model import Claim, Facets, Origin
from corpus.model import Document, Passage

__all__ = ["clause_claims", "extract_claims"]


def _claim_text(sentence: str, clause: Clause) -> str:
    body = sentence[clause.start : clause.end]
    if clause.subject:
        body = f"{clause.subject} {body}"
    elif body[:1].islower() and not body.startswith(("iP", "e-", "eB")):
        body = body[0].upper() + body[1:]
    return body


def _year_before(sentence: str, end: int, default: int | None) -> int | None:
    return _last_year(sentence[:end], default) if end > 0 else default


def _sentence_claims(
    doc: Document,
    block: Passage,
    sentence: Passage,
    block_year: int | None,
    *,
    quotes: Sequence[_Quote],
    facets_of: Callable[[str, int | None], Facets],
) -> Iterator[Claim]:
    """The clause claims of one sentence of ``block``; ``block_year`` is the year in force before it."""
    try:
        b_start, _ = block.char_span(sentence.start, sentence.end)
    except ValueError:
        b_start = -1
    for k, clause in enumerate(split_clauses(sentence.text), 1):
        text = _claim_text(sentence.text, clause)
        ctx = _year_before(sentence.text, clause.start, block_year)
        facets: Facets = facets_of(text, ctx)
        speaker = None
        if b_start >= 0:
            c_start, c_end = b_start + clause.start, b_start + clause.end
            speaker = next((q.speaker for q in quotes if q.start < c_end and c_start < q.end), None)
        yield Claim(
            id=f"{sentence.id}.c{k}",
            text=text,
            facets=facets,
            origin=Origin.EXTRACTED,
            passage=sentence.id,
            span=sentence.raw_span(clause.start, clause.end),
            speaker=speaker,
            quoted_by=doc.source.id if speaker else None,
        )


def _block_quotes(doc: Document, block: Passage, aliases: AliasTable | None) -> list[_Quote]:
    """The quotations of a block that have a speaker."""
    return [q for q in _speech(block, doc.children(block.id), aliases) if q.speaker]


def _block_claims(
    doc: Document,
    block: Passage,
    year: int | None,
    aliases: AliasTable | None,
    *,
    facts_only: bool,
) -> Iterator[Claim]:
    quotes = _block_quotes(doc, block, aliases)
    block_year = year

    def facets_of(text: str, ctx: int | None) -> Facets:
        return extract_facets(text, context_year=ctx, aliases=aliases)

    for sentence in doc.children(block.id):
        if not facts_only or states_fact(sentence.text):
            yield from _sentence_claims(doc, block, sentence, block_year, quotes=quotes, facets_of=facets_of)
        block_year = _last_year(sentence.text, block_year)


def clause_claims(
    doc: Document,
    block: Passage,
    *,
    context_year: int | None = None,
    aliases: AliasTable | None = None,
    facts_only: bool = False,
) -> list[Claim]:
    """The clause claims of one body block (paragraph or list item), all sentences by default.

    ``context_year`` is the year in force at the block's start (see :func:`context_years`). The
    checker uses this to compare a claim with each clause of a candidate passage.
    """
    return list(_block_claims(doc, block, context_year, aliases, facts_only=facts_only))


def extract_claims(doc: Document, *, aliases: AliasTable | None = None) -> list[Claim]:
    """The atomic claims stated by the body sentences of ``doc``, in reading order.

    ``aliases`` resolves short names to the corpus's identities (default: :func:`corpus_aliases`
    of this document alone).

    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> doc = analyze(source_from_text("Talks\\n\\nTalks began in 1933, and they ended on May 2.\\n", "ex"))
    >>> [(c.id, c.text, [d.iso for d in c.facets.dates]) for c in extract_claims(doc)]
    [('ex.p1.s1.c1', 'Talks began in 1933', ['1933']), ('ex.p1.s1.c2', 'They ended on May 2.', ['1933-05-02'])]
    """
    table = aliases if aliases is not None else corpus_aliases([doc])
    years = context_years(doc)
    out: list[Claim] = []
    for block in _body_blocks(doc):
        out.extend(_block_claims(doc, block, years.get(block.id), table, facts_only=True))
    return out
