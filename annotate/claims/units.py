"""The units a checker compares a claim with: each retrieved sentence, whole and clause by clause, with
its facts read in the context of its paragraph (block), section headings and document title.

A sentence's facts are read the first time a claim retrieves it, and only that sentence's: the rest of
its paragraph is read only as far as the sentence needs it (its quotations, and the years stated before
the sentence, which dates without a year take, read from the dates alone), and the paragraph's, headings'
and title's entities only when a comparison asks for them (:class:`~annotate.claims.compare.Surroundings`).
A document's year in force is read up to the blocks asked for. Facets are kept by (text, year in force),
and the facets of claims already extracted from a sentence (``known``) are taken as read: the checker's
units of a sentence include its clauses, which :func:`~annotate.claims.extract.extract_claims` read the same
way with the same year and alias table, so checking a corpus's own claims does not read them twice.
The units are the same as reading every sentence of the paragraph in order (``tests/annotate/claims/
test_units.py`` checks this); retrieval touches one or two sentences of a paragraph, so this reads about
a third as much text per claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from annotate.claims.abbreviations import find_abbreviations
from annotate.claims.aliases import AliasTable
from annotate.claims.clauses import Clause, split_clauses
from annotate.claims.compare import Surroundings, Unit
from annotate.claims.context import _body_blocks, _explicit_year, _last_year
from annotate.claims.dates import _dates_with_cores
from annotate.claims.entity_memo import EntityMemo
from annotate.claims.extract import _block_quotes, _claim_text, _sentence_claims, _year_before
from annotate.claims.facets import extract_facets
from annotate.claims.speech import _Quote
from annotate.claims.words import StemSet, adjective_pairs, content_stems, words_of
from annotate.model import Claim, Entity, Facets, Origin
from corpus.model import Document, Passage, PassageKind

__all__ = ["UnitBuilder"]

_DIGIT_RE = re.compile(r"\d")
_BODY = (PassageKind.PARAGRAPH, PassageKind.LIST_ITEM)  # the blocks context_years knows


class _Years:
    """The year in force at the start of each body block of a document (as :func:`context_years` has
    it), read only as far as the blocks asked for: a long document's later blocks may never be."""

    __slots__ = ("_blocks", "_known", "_year")

    def __init__(self, doc: Document) -> None:
        self._blocks: Iterator[Passage] = _body_blocks(doc)
        self._known: dict[str, int | None] = {}
        self._year: int | None = None

    def at(self, block: Passage) -> int | None:
        """The year in force at the start of ``block`` (``None`` for a block that is not body text)."""
        if block.kind not in _BODY:
            return None
        while block.id not in self._known:
            nxt = next(self._blocks, None)
            if nxt is None:
                return None
            self._known[nxt.id] = self._year
            self._year = _last_year(nxt.text, self._year)
        return self._known[block.id]


class _Block(NamedTuple):
    """What every sentence of one paragraph shares, read once."""

    sentences: tuple[Passage, ...]
    quotes: list[_Quote]
    clause_years: tuple[int | None, ...]  # the year in force before each sentence, for its clauses
    whole_years: tuple[int | None, ...]  # the same for the whole sentence (stated dates only)
    surroundings: Surroundings


class UnitBuilder:
    """Builds and keeps the units of the sentences of ``documents`` (by source id), on first use.

    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> text = "Talks\\n\\nIn 1933 talks began. They ended on May 2, and a treaty followed.\\n"
    >>> doc = analyze(source_from_text(text, "ex"))
    >>> units = UnitBuilder({"ex": doc}, AliasTable()).units_of(doc.sentences[-1])
    >>> [(u.whole, u.claim.text, [d.iso for d in u.claim.facets.dates]) for u in units]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(True, 'They ended on May 2, and a treaty followed.', ['1933-05-02']),
     (False, 'They ended on May 2', ['1933-05-02']), (False, 'A treaty followed.', [])]
    """

    def __init__(
        self,
        documents: Mapping[str, Document],
        aliases: AliasTable,
        known: Iterable[Claim] = (),
        *,
        entities: EntityMemo | None = None,
    ) -> None:
        """``known`` are claims :func:`~annotate.claims.extract.extract_claims` found in ``documents``
        with ``aliases``: their facets are reused for the clauses they were read from (claims of
        another alias table or document would give other units; those must not be passed).
        ``entities`` is a memo of entities read with ``aliases`` to share with later readers (the
        links); one of another table is not used."""
        self._docs = documents
        self._aliases = aliases
        # (source, sentence id) -> its extracted claims; each sentence's are taken out when read.
        self._known: dict[tuple[str, str], list[Claim]] = {}
        for c in known:
            if c.origin is Origin.EXTRACTED and c.passage is not None and c.span is not None:
                self._known.setdefault((c.span.source, c.passage), []).append(c)
        self._years: dict[str, _Years] = {}
        self._titles: dict[str, tuple[str, ...]] = {}
        self._abbreviations: dict[str, tuple[_Abbreviation, ...]] = {}
        self._blocks: dict[tuple[str, str], _Block] = {}
        self._facets: dict[tuple[str, int | None], Facets] = {}
        # The entities of every text read for its facets: a paragraph of one sentence is that text.
        self._entities = entities if entities is not None and entities.serves(aliases) else EntityMemo(aliases)
        self._units: dict[tuple[str, str], list[Unit]] = {}  # (source, sentence id) -> units

    def units_of(self, passage: Passage) -> list[Unit]:
        """The units of a sentence passage: the whole sentence, then its clauses when it has several."""
        key = (passage.source, passage.id)
        units = self._units.get(key)
        if units is None:
            units = self._units[key] = self._sentence_units(passage)
        return units

    def read_all(self) -> None:
        """Read now the units of every sentence of the documents, and the surroundings of every paragraph
        they belong to, which are otherwise read on first use (the same units, read in another order).

        For a builder about to be forked into workers that each check a share of the claims: every
        worker would read most of them again (the claims of 1,445 documents retrieve 84% of their
        sentences; each of two workers, 80%), where read here they are shared copy-on-write."""
        for doc in self._docs.values():
            for sentence in doc.sentences:
                self.units_of(sentence)
        for block in self._blocks.values():
            block.surroundings.indexes()  # reads the entities, and indexes them for every worker

    def _facets_of(self, text: str, year: int | None) -> Facets:
        key = (text, year)
        found = self._facets.get(key)
        if found is None:
            found = self._facets[key] = extract_facets(text, context_year=year, aliases=self._aliases)
            self._entities.put(text, found.entities)
        return found

    def _sentence_units(self, sentence: Passage) -> list[Unit]:
        if sentence.parent is None:
            return []
        doc = self._docs[sentence.source]
        block = self._block(doc, sentence.parent)
        try:
            i = block.sentences.index(sentence)
        except ValueError:
            return []
        clauses = split_clauses(sentence.text)
        self._seed(sentence, clauses, block.clause_years[i])
        # The clauses are units only when there are several (one clause is the whole sentence).
        several = len(clauses) > 1
        parts = list(
            _sentence_claims(
                doc,
                doc[sentence.parent],
                sentence,
                block.clause_years[i],
                quotes=block.quotes,
                facets_of=self._facets_of,
            )
            if several
            else ()
        )
        year = block.whole_years[i]
        whole = Claim(
            f"{sentence.id}.c0",
            sentence.text,
            self._facets_of(sentence.text, year),
            Origin.EXTRACTED,
            sentence.id,
            sentence.span,
        )
        return [
            Unit(
                passage=sentence,
                claim=c,
                whole=is_whole,
                stems=StemSet(content_stems(c.text) + tuple(self._other_forms(doc, c.text))),
                words=words_of(c.text),
                adjectives=adjective_pairs(c.text, self._aliases),
                year=year,
                surroundings=block.surroundings,
            )
            for c, is_whole in [(whole, True), *((p, False) for p in parts if len(parts) > 1)]
        ]

    def _seed(self, sentence: Passage, clauses: Sequence[Clause], year: int | None) -> None:
        """Keep the facets of the sentence's extracted claims under the (text, year) that
        :func:`~annotate.claims.extract._sentence_claims` reads each clause with (``year``: the year
        in force before the sentence). A whole sentence read with the same text and year shares them."""
        known = self._known.pop((sentence.source, sentence.id), None)
        if not known:
            return
        by_id = {c.id: c for c in known}
        for k, clause in enumerate(clauses, 1):
            claim = by_id.get(f"{sentence.id}.c{k}")
            text = _claim_text(sentence.text, clause)
            if claim is not None and claim.text == text:
                self._facets.setdefault((text, _year_before(sentence.text, clause.start, year)), claim.facets)
                self._entities.put(text, claim.facets.entities)

    def _block(self, doc: Document, block_id: str) -> _Block:
        key = (doc.source.id, block_id)
        found = self._blocks.get(key)
        if found is not None:
            return found
        years = self._years.get(doc.source.id)
        if years is None:
            years = self._years[doc.source.id] = _Years(doc)
        block = doc[block_id]
        sentences = doc.children(block_id)
        start = years.at(block)
        clause_years = _chain(sentences, start, _last_year)
        whole_years = _chain(sentences, start, self._stated_year)
        surroundings = Surroundings(lambda: self._context_entities(doc, block))
        found = self._blocks[key] = _Block(
            tuple(sentences), _block_quotes(doc, block, self._aliases), clause_years, whole_years, surroundings
        )
        return found

    def _stated_year(self, text: str, year: int | None) -> int | None:
        """The year in force after ``text`` as the whole sentence's dates state it (in force: ``year``)."""
        if not _DIGIT_RE.search(text):
            return year  # a stated year is written in digits
        if (text, year) in self._facets:
            dates = self._facets[(text, year)].dates
        else:
            dates = tuple(d for d, _ in _dates_with_cores(text, year))
        for d in dates:
            stated = _explicit_year(d)
            if stated is not None:
                year = stated
        return year

    def _context_entities(self, doc: Document, block: Passage) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
        """The entities of the block itself, and those of its section headings and the title."""
        paragraph = self._entities.of(block.text)
        title = self._titles.get(doc.source.id)
        if title is None:
            title = self._titles[doc.source.id] = tuple(t.text for t in doc.of_kind(PassageKind.TITLE)[:1])
        frame: list[Entity] = []
        # Headings and the title frame every block under them: their entities are found once.
        for t in (*block.section, *title):
            frame.extend(self._entities.of(t))
        return paragraph, tuple(frame)

    def _other_forms(self, doc: Document, text: str) -> frozenset[str]:
        """The stems of the other form of every abbreviation the document defines and ``text`` uses
        in one form ("HSCs" or "haematopoietic stem cells"), so a claim in either form matches."""
        known = self._abbreviations.get(doc.source.id)
        if known is None:
            # Each short form's pattern compiled once per document, not looked up for every unit.
            known = self._abbreviations[doc.source.id] = tuple(
                _Abbreviation(re.compile(r"(?<!\w)" + re.escape(short) + r"(?!\w)"), short, long, long.lower())
                for short, long in find_abbreviations(doc.source.raw).items()
            )
        extra: set[str] = set()
        lowered = text.lower()
        for form in known:
            if form.pattern.search(text):
                extra.update(content_stems(form.long))
            elif form.lowered in lowered:
                extra.update(content_stems(form.short))
        return frozenset(extra)


class _Abbreviation(NamedTuple):
    """An abbreviation a document defines, ready to be looked for in its sentences."""

    pattern: re.Pattern[str]  # the short form as whole words
    short: str
    long: str
    lowered: str  # the long form in lower case


def _chain(
    sentences: Sequence[Passage], year: int | None, after: Callable[[str, int | None], int | None]
) -> tuple[int | None, ...]:
    """The year in force before each sentence, starting from ``year``, moved on by ``after``."""
    out: list[int | None] = []
    for s in sentences:
        out.append(year)
        year = after(s.text, year)
    return tuple(out)
