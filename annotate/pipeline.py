"""The front door: analysed documents (and claims of your own) in, the annotated corpus out.

>>> from annotate import annotate
>>> from corpus import analyze, load
>>> corpus = annotate([analyze(source) for source in load()])
>>> len(corpus.documents), len(corpus.references), len(corpus.verdicts)
(2, 12, 88)
>>> verdict = corpus.verdicts[0]
>>> verdict.label.value, verdict.evidence[0].id
('SUPPORTED', 'ev.dulcinea-2011.p1.s1.c1.1')
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence

from annotate.cache import ResultCache
from annotate.claims import Checker, Verifier, check_claims, corpus_aliases, link_references
from annotate.claims.entity_memo import EntityMemo
from annotate.errors import ClaimInputError
from annotate.evidence_index import EvidenceIndex
from annotate.longlived import long_lived
from annotate.model import AnnotatedCorpus, Claim, number_evidence
from annotate.references import citation_links, merge_references
from annotate.stage import Mapper, cached_map, document_claims, local_map, source_references
from corpus.model import Document

__all__ = ["annotate"]


def annotate(
    documents: Iterable[Document],
    claims: Sequence[Claim] = (),
    *,
    verifier: Checker | Verifier | None = None,
    cache: ResultCache | str | os.PathLike[str] | None = None,
    mapper: Mapper = local_map,
    jobs: int = 1,
) -> AnnotatedCorpus:
    """Everything the library knows about ``documents``: their references, the claims they state
    plus ``claims`` of your own, each checked against all of them with quoted evidence, and links
    from passages and claims to further reading.

    ``verifier`` is a checker prepared over these documents (for instance with a persistent evidence
    index, ``Checker(docs, references, index=EvidenceIndex(path))``), or a
    :class:`~annotate.claims.verifier.Verifier` that decides each passage (``load_verifier("nli:PATH")``)
    in a checker built here; by default the ``layered`` decision (the facet rules, and the claim-level
    model where they find neither support nor refutation; an extracted claim gets the rules' verdict).
    A supplied claim with the id and text of an extracted one is that claim (a bundle's own
    ``claims.jsonl`` can be fed back); :class:`ClaimInputError` when an id is reused with another text.

    ``cache`` (a :class:`~annotate.cache.ResultCache` or its folder) keeps each document's
    references and claims for the next run, and the evidence index, updated rather than rebuilt
    (analysis is cached by :func:`annotate.stage.analyse_sources`). ``mapper`` spreads the per-document
    steps (:mod:`annotate.stage`: local processes, or a Dask cluster with
    :func:`annotate.distributed.dask_map`); ``jobs`` processes check the claims
    (:func:`annotate.claims.parallel.check_claims`) and link them. None of them changes the result.
    """
    with long_lived() as settle:
        return _annotate(list(documents), claims, settle, verifier=verifier, cache=cache, mapper=mapper, jobs=jobs)


def _annotate(
    docs: list[Document],
    claims: Sequence[Claim],
    settle: Callable[[], None],
    *,
    verifier: Checker | Verifier | None,
    cache: ResultCache | str | os.PathLike[str] | None,
    mapper: Mapper,
    jobs: int,
) -> AnnotatedCorpus:
    # ``settle`` after each stage whose results live to the end (see annotate.longlived).
    settle()
    store = cache if cache is None or isinstance(cache, ResultCache) else ResultCache(cache)
    sources = [d.source for d in docs]
    parts = cached_map("references", source_references, docs, sources, tuple, cache=store, mapper=mapper)
    references = merge_references(parts)
    prepared = verifier if isinstance(verifier, Checker) else None
    aliases = prepared.aliases if prepared is not None else corpus_aliases(docs)
    step = functools.partial(document_claims, aliases=aliases)
    extra = (aliases.fingerprint(),) if store is not None else ()
    per_doc = cached_map("claims", step, docs, sources, list, cache=store, mapper=mapper, extra=extra)
    extracted = [c for found in per_doc for c in found]
    all_claims = _merge(extracted, claims)
    # The entities of the sentences the checker reads, for the links to take rather than read again.
    entities = EntityMemo(aliases)
    if prepared is not None:
        checker = prepared
    else:
        judge = verifier if isinstance(verifier, Verifier) else None
        index = EvidenceIndex(store.index_path, rebuild=True) if store is not None else None
        checker = Checker(
            docs, references, aliases=aliases, verifier=judge, index=index, extracted=extracted, entities=entities
        )
    settle()
    # Numbered as they come, so a verdict and its numbered copy are not both held for every claim.
    verdicts = number_evidence(check_claims(checker, all_claims, jobs=jobs))
    # The checker's indexes and units are not needed for the links: dropped before those are made.
    del checker, prepared
    found = link_references(docs, references, all_claims, aliases=aliases, jobs=jobs, entities=entities)
    links = citation_links(references, docs) + found
    return AnnotatedCorpus(docs, references, verdicts, links)


def _merge(extracted: list[Claim], supplied: Sequence[Claim]) -> list[Claim]:
    seen = {c.id: c.text for c in extracted}
    merged = list(extracted)
    for claim in supplied:
        if seen.get(claim.id) == claim.text:
            continue  # a bundle's own claims.jsonl fed back: the extracted claim is already there
        if claim.id in seen:
            raise ClaimInputError(f"claim id {claim.id!r} is used twice with different texts")
        seen[claim.id] = claim.text
        merged.append(claim)
    return merged
