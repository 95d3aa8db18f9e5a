"""Checking a claim against the sources: retrieve, compare facets, decide, explain.

:class:`Checker` indexes the sentence passages of a set of documents once (BM25, via
:class:`~annotate.evidence_index.EvidenceIndex`) and checks claims against them:

1. **Retrieve** the top sentences for the claim's text (expanded with the canonical names of its
   entities and the month and year of its dates, so "16 November 1933" finds "Nov. 16, 1933").
2. **Compare** the claim with each retrieved sentence, or, for a claim of one clause, with each
   clause of it (see :func:`annotate.claims.clauses.split_clauses`): clauses give tighter quotes and keep
   one clause's facts apart from another's. The comparison reads:

   * *words*: the claim's content words outside its facets, stemmed (irregular verbs through their
     base form), weighted by rarity in the corpus (IDF; light verbs such as "gave" and "-ly" adverbs
     weigh less), each matched exactly, by a shared stem prefix ("recognition"/"recognized") or
     through a small table of general synonyms ("began"/"started", "named"/"appointed"). ``lex`` is
     the matched share of the weight. The claim's verbs are its *predicate*;
   * *entities*: the same identity (canonical id, or compatible person names), a related one (a seat
     of government and its state, predecessor and successor states), or named elsewhere in the same
     paragraph, under the section headings or in the title ("implied": "It was signed on ...");
     national adjectives are compared noun by noun ("the American delegation" / "the Soviet
     delegation");
   * *dates*: matched when the passage's date lies inside the claim's (the passage is at least as
     precise), compatible when it only contains it ("November 1933" for "16 November 1933"),
     conflicting when the two cannot be the same time (:meth:`DateValue.conflicts`). Dates without a
     year take the paragraph's year; a passage without any date implies the year in force;
   * *quantities*: equal or conflicting values of the same unit ("the two countries" is a
     reference, not an amount, and is left out);
   * *negation*: a "not", "never", "no", "refused to", "failed to" just before the predicate.

3. **Decide** per passage. It is about **the same event** as the claim when ``lex >= 0.5`` and an
   anchor agrees (an entity, date or quantity of the claim stated in the passage, or an entity of
   the claim named elsewhere in its paragraph), or when ``lex >= 0.7`` with at least two matched
   words (an actor swap leaves no anchor).

   It **refutes** the claim when it is about the same event, states the claim's predicate (as a
   verb or noun, not an "-ing" mention: "after breaking relations" is another event's background),
   and changes one thing: one or more dates or quantities (a date counts when it opens the
   sentence or lies within 12 words of the predicate), or a single actor, place or nationality,
   while every other facet of the claim is stated in the passage (for a changed value, the
   paragraph may supply the participants). A passage with the opposite negation refutes only when
   everything else agrees. Without an anchor, only the best-matching passage may refute.

   It **supports** the claim when it is about the same event, nothing conflicts, every facet of the
   claim is stated or implied and at least one is stated in the passage itself, negation agrees,
   and ``lex`` reaches 0.5 (0.7 for a claim with no facets). Anything else retrieved **mentions** it.

4. **Label**: SUPPORTED when any passage supports the claim (a support states every fact, a
   refutation is a judgement that two statements are about one event), else REFUTED when any
   passage refutes it, else NOT_ENOUGH_INFO. ``corroborated`` is set when two or more distinct
   sources support the claim; ``conflicts`` pairs passages of different sources that state
   different values for the same facet (a supporting and a refuting source, or two refuting ones).
   With ``decision="combined"`` a learned claim-level model (:mod:`annotate.claims.aggregate`) weighs
   every passage's stance and the rules' facet verdicts into the label instead, and the passages'
   relations are made to agree with it; ``decision="layered"`` keeps the rules' label when it is
   SUPPORTED or REFUTED and otherwise takes the claim-level model's when it is sure enough
   (:func:`annotate.claims.aggregate.overrule_threshold`).

An extracted claim keeps its own clause as primary evidence. The comparison lives in
:mod:`annotate.claims.compare`, the decision in :mod:`annotate.claims.decide` and the explanation in
:mod:`annotate.claims.explain`.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from annotate.claims.aggregate import claim_features, overrule_threshold, settle, verdict_of, with_stance
from annotate.claims.aliases import AliasTable
from annotate.claims.clauses import split_clauses
from annotate.claims.compare import ClaimView, Comparison, Match, MatchKind, Unit, compare, counted, entity_probes
from annotate.claims.context import corpus_aliases
from annotate.claims.decide import Assessment, assess, better, strongest
from annotate.claims.entity_memo import EntityMemo
from annotate.claims.explain import explain
from annotate.claims.facets import extract_facets
from annotate.claims.files import claim_too_long
from annotate.claims.stance import Stance, pair_features, stance_of
from annotate.claims.units import UnitBuilder
from annotate.claims.verifier import Verifier
from annotate.claims.words import (
    LEMMAS,
    LIGHT_VERBS,
    LIGHT_WEIGHT,
    WORD_RE,
    StemSet,
    adjective_pairs,
    content_stems,
    negated,
    word_stem,
    words_of,
)
from annotate.errors import ClaimInputError
from annotate.evidence_index import STOP_WORDS, EvidenceIndex
from annotate.model import Claim, Conflict, DatePrecision, Entity, Evidence, Label, Origin, Relation, Verdict
from annotate.references import as_bibliography, source_key
from bibliography.model import Reference
from corpus.model import Document, Passage, Span
from textkit.months import MONTH_NAMES

__all__ = ["Candidate", "Checker", "make_claim"]

#: The claim decisions a checker can take (see :class:`Checker`).
DECISIONS = ("rules", "learned", "combined", "layered")
# Sentences retrieved per claim, and "mentions" kept in a verdict.
TOP_K = 20
MAX_MENTIONS = 3
# On a large corpus one claim can match hundreds of passages; a verdict keeps the first few conflicts.
MAX_CONFLICTS = 6
_LIGHT_RE = re.compile(r"\b(?:take|takes|took|taken|taking)\s+place\b|\b(?:happened|occurred|happen|occur)\b", re.I)
_OWN = Match(MatchKind.SOURCE_PASSAGE, "the passage the claim was extracted from")


class _Row(NamedTuple):
    """One unit of a retrieved passage, compared with the claim and assessed by the rules."""

    unit: Unit
    cmp: Comparison
    rule: Assessment
    retrieval: float  # the passage's search score, scaled to 0.1 for the best hit


def _ruled(compared: list[list[_Row]]) -> list[Assessment]:
    """Each compared passage's best unit as the rules alone assess it, where they relate it to the claim."""
    out: list[Assessment] = []
    for rows in compared:
        best: Assessment | None = None
        for row in rows:
            if best is None or better(row.rule, best):
                best = row.rule
        if best is not None and best.relation is not None:
            out.append(best)
    return out


class Candidate(NamedTuple):
    """One retrieved passage's best unit: its assessment, comparison features and learned stance."""

    assessment: Assessment
    features: dict[str, float]
    stance: Stance | None


def make_claim(text: str, claim_id: str, *, aliases: AliasTable | None = None) -> Claim:
    """A supplied claim with its facets read from the text.

    >>> c = make_claim("Talks began in Washington on November 9, 1933.", "c1")
    >>> c.origin.value, [d.iso for d in c.facets.dates], [e.name for e in c.facets.entities]
    ('supplied', ['1933-11-09'], ['Washington'])
    """
    stripped = " ".join(text.split())
    if not stripped:
        raise ClaimInputError(f"claim {claim_id}: empty text")
    too_long = claim_too_long(stripped)
    if too_long:
        raise ClaimInputError(f"claim {claim_id}: {too_long}")
    try:
        return Claim(claim_id, stripped, extract_facets(stripped, aliases=aliases), Origin.SUPPLIED)
    except ValueError as exc:
        raise ClaimInputError(f"claim {claim_id}: {exc}") from None


class Checker:
    """Checks claims against the sentence passages of a set of documents.

    ``references`` (from :func:`annotate.references.build_references`) give the cite keys of the
    quoted sources. ``index`` is an evidence index to use (for example one on disk): it is brought
    to hold exactly these documents' sentences (:meth:`EvidenceIndex.sync`: sources whose sha256 it
    already records are not indexed again, others are removed); by default an in-memory index is built.
    ``aliases`` defaults to :func:`annotate.extract.corpus_aliases` of the documents. ``decision`` is
    ``"layered"`` (the default: the rules' label when they find support or refutation, else the claim-level
    model's when its probability reaches the threshold stored for that label) or
    ``"rules"`` (facet agreement and conflict decide each passage, :mod:`annotate.claims.decide`) or
    ``"learned"`` (the stance model of :mod:`annotate.claims.stance`, learned from public claim sets,
    decides every passage the rules relate to the claim; any support wins) or ``"combined"`` (the same
    stances, then the claim-level model of :mod:`annotate.claims.aggregate` weighs them with the facet
    rules' verdicts into the label). A ``verifier``
    (:class:`~annotate.claims.verifier.Verifier`, for example an NLI cross-encoder) takes the learned models'
    place: its most probable stance decides every passage the rules relate to the claim, one batch per
    claim; under ``"layered"`` it is asked only when the rules find neither support nor refutation.
    ``extracted`` are the claims :func:`~annotate.claims.extract.extract_claims` found in these documents
    with this alias table (the pipeline's own): the facets they carry are not read again when their
    sentences are compared (the verdicts are the same; claims read otherwise must not be passed).
    ``entities`` (an :class:`~annotate.claims.entity_memo.EntityMemo` of the same alias table) keeps the
    entities of the sentences read, for a later reader such as :func:`~annotate.claims.links.link_references`.
    """

    def __init__(
        self,
        documents: Sequence[Document] | Iterable[Document],
        references: Sequence[Reference] = (),
        *,
        index: EvidenceIndex | None = None,
        aliases: AliasTable | None = None,
        decision: str = "layered",
        verifier: Verifier | None = None,
        extracted: Iterable[Claim] = (),
        entities: EntityMemo | None = None,
    ) -> None:
        if decision not in DECISIONS:
            raise ClaimInputError(f"decision {decision!r}: choose one of {', '.join(DECISIONS)}")
        self._decision = decision
        self._verifier = verifier
        self._docs: dict[str, Document] = {}
        for doc in documents:
            self._docs[doc.source.id] = doc
        # One Bibliography for every look-up: building one per source made start-up quadratic.
        bibliography = as_bibliography(references)
        self._aliases = aliases if aliases is not None else corpus_aliases(self._docs.values())
        self._index = index if index is not None else EvidenceIndex()
        self._keys: dict[str, str | None] = {sid: source_key(bibliography, sid) for sid in self._docs}
        self._sentences: dict[tuple[str, str], Passage] = {}
        df: Counter[str] = Counter()
        for doc in self._docs.values():
            for p in doc.sentences:
                self._sentences[(p.source, p.id)] = p
                df.update(set(content_stems(p.text)))
        self._df = df
        self._n = max(1, len(self._sentences))
        # One commit for every new, changed or removed source (a commit per source made start-up
        # quadratic); the index then scores as one built afresh from these documents.
        self._index.sync({sid: (doc.source.sha256, doc.sentences) for sid, doc in self._docs.items()})
        self._unit_builder = UnitBuilder(self._docs, self._aliases, extracted, entities=entities)
        self._quotes: dict[Span, str] = {}

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents checked against."""
        return tuple(self._docs.values())

    @property
    def verifier(self) -> Verifier | None:
        """The verifier that decides each passage, when one was given."""
        return self._verifier

    @property
    def aliases(self) -> AliasTable:
        """The alias table used for claims and passages."""
        return self._aliases

    @property
    def sentence_count(self) -> int:
        """How many sentence passages the claims are checked against."""
        return len(self._sentences)

    def read_units(self) -> None:
        """Read now what each sentence is compared as (its units and its paragraph's surroundings),
        which is otherwise read when a claim first retrieves it. The verdicts are the same; a checker
        about to be forked into workers (:func:`annotate.claims.parallel.check_claims`) then shares
        them instead of every worker reading them again."""
        self._unit_builder.read_all()

    def cite_key(self, source_id: str) -> str | None:
        """The cite key of a source's own reference, when references were given."""
        return self._keys.get(source_id)

    def make_claim(self, text: str, claim_id: str = "claim-1") -> Claim:
        """A supplied claim with facets read using this checker's alias table."""
        return make_claim(text, claim_id, aliases=self._aliases)

    def check(self, claim: Claim | str, *, claim_id: str | None = None) -> Verdict:
        """The verdict on one claim (a :class:`Claim` or its text)."""
        if isinstance(claim, str):
            claim = self.make_claim(claim, claim_id or "claim-1")
        elif claim.origin is Origin.SUPPLIED and len(claim.facets) == 0:
            claim = Claim(
                claim.id, claim.text, extract_facets(claim.text, aliases=self._aliases), claim.origin,
                claim.passage, claim.span, claim.speaker, claim.quoted_by,
            )  # fmt: skip
        view = self._view(claim)
        layered = self._decision == "layered"
        own = self._own_evidence(claim) is not None
        # Passages are compared once; the stance features and stances (or the verifier) are read from the
        # comparisons only when the rules do not decide the claim alone.
        compared = self._compared(view)
        if layered and self._verifier is not None:
            # A verifier costs far more per passage than the rules: it is asked only when they do not commit.
            by_rules = self._verdict(view, _ruled(compared))
            if by_rules.label is not Label.NOT_ENOUGH_INFO or own:
                return by_rules
            return self._verdict(view, [c.assessment for c in self._judged(view, compared, with_features=True)])
        if layered:
            # The rules commit only on a facet-by-facet match or conflict, and then their whole verdict
            # (relations, conflicts, explanation) stands, the same as under decision="rules"; where they
            # find neither, the claim-level model decides when it is as sure as makes it as precise as the
            # rules on dev. A claim stated by its own passage keeps the rules' verdict whatever the model says.
            by_rules = self._verdict(view, _ruled(compared))
            if by_rules.label is not Label.NOT_ENOUGH_INFO or own:
                return by_rules
        # The rules decide from the comparison alone: the stance features are then not needed.
        with_features = self._decision != "rules" or self._verifier is not None
        candidates = self._judged(view, compared, with_features=with_features)
        learned_label = self._decision in ("combined", "layered") and self._verifier is None
        if not learned_label or own:
            return self._verdict(view, [c.assessment for c in candidates])
        pairs = [(c.features, c.stance) for c in candidates if c.stance is not None]
        odds = verdict_of(claim_features(pairs)) if pairs else None
        label = odds.label if odds is not None else Label.NOT_ENOUGH_INFO
        if layered and (odds is None or max(odds) < overrule_threshold(label)):
            label = Label.NOT_ENOUGH_INFO
        return self._verdict(view, settle(label, candidates), decided=True)

    def check_all(self, claims: Iterable[Claim]) -> list[Verdict]:
        """The verdicts on several claims, in order."""
        return [self.check(c) for c in claims]

    def timed_check(self, claim: Claim | str) -> tuple[Verdict, float]:
        """A verdict and the seconds it took (for benchmarks)."""
        t0 = time.perf_counter()
        verdict = self.check(claim)
        return verdict, time.perf_counter() - t0

    def _idf(self, stem: str) -> float:
        return math.log((self._n + 1) / (self._df.get(stem, 0) + 0.5))

    def _view(self, claim: Claim) -> ClaimView:
        text = claim.text
        masked = list(text)
        for f in claim.facets:
            for i in range(f.span[0], min(f.span[1], len(masked))):
                masked[i] = " "
        masked_text = _LIGHT_RE.sub(" ", "".join(masked))
        words: dict[str, tuple[str, str, float]] = {}
        for m in WORD_RE.finditer(masked_text):
            surface = m.group()
            low = surface.lower()
            if low in STOP_WORDS:
                continue
            lemma = LEMMAS.get(low, low)
            stem = word_stem(low)
            if stem is not None and stem not in words:
                weight = self._idf(stem)
                if low.endswith("ly") and len(low) > 4:
                    weight *= 0.5  # a manner adverb is rarely what the claim is about
                if lemma in LIGHT_VERBS:
                    weight *= LIGHT_WEIGHT
                words[stem] = (stem, surface, weight)
        entities: dict[str, Entity] = {}
        for e in claim.facets.entities:
            entities.setdefault(e.id, e)
        cwords = words_of(text)
        predicates = StemSet(w.stem for w in cwords if w.verb)
        return ClaimView(
            claim=claim,
            words=tuple(words.values()),
            entities=tuple(entities.values()),
            dates=claim.facets.dates,
            quantities=tuple(q for q in claim.facets.quantities if counted(q, text, claim.facets.quantities)),
            adjectives=adjective_pairs(text, self._aliases),
            negated=any(w.negated for w in cwords if w.verb) if predicates else negated(text),
            predicates=predicates,
            clauses=len(split_clauses(text)),
        )

    def _units_of(self, passage: Passage) -> list[Unit]:
        return self._unit_builder.units_of(passage)

    def candidates(self, view: ClaimView | Claim) -> list[Candidate]:
        """The retrieved passages bearing on a claim, each with its best unit's assessment, the
        features of that comparison and the learned stance (the relation follows the stance unless
        this checker decides by ``rules``)."""
        if isinstance(view, Claim):
            view = self._view(view)
        return self._judged(view, self._compared(view), with_features=True)

    def _compared(self, view: ClaimView) -> list[list[_Row]]:
        """The units of each retrieved passage (but the claim's own), compared with the claim and assessed
        by the rules."""
        query = self._query(view)
        # No kind or source filter: the index was synced to hold exactly these documents' sentences,
        # and filtering by every source id cost more than the search itself on a large corpus.
        hits = self._index.search_ids(query, TOP_K)
        top = hits[0][2] if hits else 1.0
        seen: set[tuple[str, str]] = set()
        own = view.claim.passage if view.claim.origin is Origin.EXTRACTED else None
        compared: list[list[_Row]] = []
        probes = entity_probes(view, self._aliases)  # read once for every unit compared
        for source, passage_id, score in hits:
            key = (source, passage_id)
            passage = self._sentences.get(key)
            if passage is None or key in seen or passage.id == own:
                continue
            seen.add(key)
            units = self._units_of(passage)
            if len(units) > 1:
                # Compare like with like: a one-clause claim with clauses, a longer one with the sentence.
                units = [u for u in units if u.whole == (view.clauses > 1)]
            retrieval = 0.1 * score / top if top else 0.0
            rows = []
            for unit in units:
                cmp = compare(view, unit, self._aliases, probes)
                rows.append(_Row(unit, cmp, assess(view, unit, cmp, retrieval), retrieval))
            compared.append(rows)
        return compared

    def _judged(self, view: ClaimView, compared: list[list[_Row]], *, with_features: bool) -> list[Candidate]:
        """The candidates of compared passages: each one's best unit, with its stance features when
        ``with_features``, its relation as the stance gives it (unless the rules decide)."""
        featured = [
            [
                (
                    row.unit,
                    row.rule,
                    pair_features(view, row.unit, row.cmp, row.rule, row.retrieval) if with_features else {},
                )
                for row in rows
            ]
            for rows in compared
        ]
        stances = self._stances(view, featured)
        out: list[Candidate] = []
        for rows in featured:
            best: Candidate | None = None
            for unit, rule, features in rows:
                stance = stances.get(id(unit))
                relation = None if stance is None else self._relation_of(stance)
                a = rule if relation is None else with_stance(rule, relation, features)
                if best is None or better(a, best.assessment):
                    best = Candidate(a, features, stance)
            if best is not None and best.assessment.relation is not None:
                out.append(best)
        return out

    def _stances(
        self, view: ClaimView, compared: list[list[tuple[Unit, Assessment, dict[str, float]]]]
    ) -> dict[int, Stance]:
        """The stance of every unit the rules relate to the claim, by ``id(unit)``; none when rules decide."""
        related = [(unit, features) for rows in compared for unit, rule, features in rows if rule.relation is not None]
        if self._verifier is not None:
            if not related:
                return {}
            judged = self._verifier.judge(view.claim.text, [unit.claim.text for unit, _ in related])
            return {id(unit): stance for (unit, _), stance in zip(related, judged, strict=True)}
        if self._decision != "rules":
            return {id(unit): stance_of(features) for unit, features in related}
        return {}

    def _relation_of(self, stance: Stance) -> Relation:
        # A verifier's classes are calibrated by its own training: the most probable one decides. The
        # stance model decides by the thresholds stored with it.
        return stance.relation if self._verifier is not None else stance.decided()

    def _query(self, view: ClaimView) -> str:
        extra: list[str] = []
        for e in view.entities:
            if e.name != e.text:
                extra.append(e.name)
        for d in view.dates:
            if d.precision in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.PART_OF_MONTH):
                month = int(d.start[5:7])
                extra.append(MONTH_NAMES[month - 1])
                extra.append(MONTH_NAMES[month - 1][:3])
            if d.start[:4] == d.end[:4]:
                extra.append(d.start[:4])
        return " ".join([view.claim.text, *extra])

    def _evidence(self, claim_id: str, a: Assessment) -> Evidence:
        span = a.unit.claim.span or a.unit.passage.span
        doc = self._docs[span.source]
        return Evidence(
            claim=claim_id,
            passage=a.unit.passage.id,
            span=span,
            quote=self._quote(doc, span),
            relation=a.relation or Relation.MENTIONS,
            score=round(a.score, 4),
            matched=tuple(str(m) for m in a.matched),
            conflicts=tuple(f"{c.facet}: claim {c.claim_value}, source {c.source_value}" for c in a.conflicts),
            cite_key=self._keys.get(span.source),
        )

    def _quote(self, doc: Document, span: Span) -> str:
        """``doc.quote(span)``, one string per span: a popular sentence is quoted by many claims
        (29k quotes of 8.3k spans on 1 MB of sources), and the verdicts live to the end of a run."""
        quote = self._quotes.get(span)
        if quote is None:
            quote = self._quotes[span] = doc.quote(span)
        return quote

    def _own_evidence(self, claim: Claim) -> Evidence | None:
        if claim.origin is not Origin.EXTRACTED or claim.span is None or claim.passage is None:
            return None
        doc = self._docs.get(claim.span.source)
        if doc is None or claim.passage not in doc:
            return None
        return Evidence(
            claim=claim.id,
            passage=claim.passage,
            span=claim.span,
            quote=self._quote(doc, claim.span),
            relation=Relation.SUPPORTS,
            score=2.0,
            matched=(str(_OWN),),
            cite_key=self._keys.get(claim.span.source),
        )

    def _verdict(self, view: ClaimView, assessments: list[Assessment], *, decided: bool = False) -> Verdict:
        """The verdict from the passages' relations; ``decided`` when the claim-level model has
        already made them agree with its label (:func:`annotate.claims.aggregate.settle`), so every
        refuting passage it kept counts."""
        claim = view.claim
        supports = sorted((a for a in assessments if a.relation is Relation.SUPPORTS), key=lambda a: -a.score)
        # Without an anchor, "the same event" rests on the words alone: only the passage of each
        # source that matches the claim best may refute it ("the agreements were signed ..." is not
        # every signing the source reports).
        best: dict[str, float] = {}
        for a in assessments:
            if a.same_event:
                src = a.unit.passage.source
                best[src] = max(best.get(src, 0.0), a.score)
        refutes = sorted(
            (
                a
                for a in assessments
                if a.relation is Relation.REFUTES
                and (decided or a.anchored or a.score >= best.get(a.unit.passage.source, 0.0) - 1e-9)
            ),
            key=lambda a: -a.score,
        )
        mentions = sorted((a for a in assessments if a.relation is Relation.MENTIONS), key=lambda a: -a.score)
        own = self._own_evidence(claim)
        all_sources = {a.unit.passage.source for a in supports} | ({own.source} if own else set())
        supports, refutes = strongest(supports), strongest(refutes)
        sup_ev = ([own] if own else []) + [self._evidence(claim.id, a) for a in supports]
        ref_ev = [self._evidence(claim.id, a) for a in refutes]
        # A supporting passage states every fact of the claim; a refuting one is a judgement that it
        # speaks of the same event. So any support wins, and disagreement is reported as conflicts.
        if sup_ev:
            label = Label.SUPPORTED
        elif ref_ev:
            label = Label.REFUTED
        else:
            label = Label.NOT_ENOUGH_INFO
        men_ev = [self._evidence(claim.id, a) for a in mentions[:MAX_MENTIONS]]
        evidence = ref_ev + sup_ev + men_ev if label is Label.REFUTED else sup_ev + ref_ev + men_ev
        conflicts = self._conflicts(claim, view, supports, own, refutes)
        corroborated = len(all_sources) >= 2
        closest = None
        if mentions:
            m = mentions[0]
            closest = (self._evidence(claim.id, m), m.partial[0] if m.partial else "mentions some of it")
        explanation = explain(
            label,
            support=list(zip(sup_ev, ([(_OWN,)] if own else []) + [a.matched for a in supports], strict=True)),
            refute=[(e, a.conflicts) for e, a in zip(ref_ev, refutes, strict=True)],
            closest=closest,
            conflicts=conflicts,
            n_sources=len(self._docs),
            cite=self._cite,
        )
        return Verdict(claim, label, evidence, explanation, corroborated, conflicts)

    def _conflicts(
        self,
        claim: Claim,
        view: ClaimView,
        supports: list[Assessment],
        own: Evidence | None,
        refutes: list[Assessment],
    ) -> tuple[Conflict, ...]:
        out: list[Conflict] = []
        seen: set[tuple[str, ...]] = set()
        sup: list[tuple[Evidence, dict[str, str]]] = []
        if own is not None:
            sup.append((own, {}))
        sup.extend((self._evidence(claim.id, a), {}) for a in supports)
        ref = [(self._evidence(claim.id, a), {c.facet: c.source_value for c in a.conflicts}) for a in refutes]
        claim_values = {c.facet: c.claim_value for a in refutes for c in a.conflicts}
        # A supporting source states the claim's value; a refuting one its own.
        for ev_s, _ in sup:
            for ev_r, values in ref:
                if ev_s.source == ev_r.source:
                    continue
                for facet, value in values.items():
                    key = (facet, *sorted((ev_s.source, ev_r.source)), value)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Conflict(claim.id, facet, ev_s, ev_r, claim_values.get(facet, ""), value))
        for i, (ev_a, va) in enumerate(ref):
            for ev_b, vb in ref[i + 1 :]:
                if ev_a.source == ev_b.source:
                    continue
                for facet in va.keys() & vb.keys():
                    if va[facet] == vb[facet]:
                        continue
                    key = (facet, *sorted((ev_a.source, ev_b.source)), va[facet] + "|" + vb[facet])
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Conflict(claim.id, facet, ev_a, ev_b, va[facet], vb[facet]))
        return tuple(out[:MAX_CONFLICTS])

    def _cite(self, source: str) -> str:
        key = self._keys.get(source)
        return f"{source} ({key})" if key else source
