"""The per-source steps, and how they are spread: over local processes (``jobs``), over a Dask
cluster (:mod:`annotate.distributed`), and past a :class:`~annotate.cache.ResultCache`.

Three steps depend on one source alone and cost the most per source: analysis
(:func:`corpus.analyze`), its references (:func:`source_references`) and, given the corpus's
alias table, its claims (:func:`annotate.claims.extract_claims`). Everything else reads the whole
corpus and runs once, in the calling process. Whatever spreads the steps, results come back in
input order, so the output is the same bytes.

A *mapper* is any ``map(fn, items) -> list`` that returns ``[fn(x) for x in items]`` in order:
:func:`local_map` (here), :func:`process_map` (``jobs`` processes), or a Dask client's
(:func:`annotate.distributed.dask_map`).
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from annotate.cache import ResultCache, source_key
from annotate.claims.aliases import AliasTable
from annotate.claims.extract import extract_claims
from annotate.model import Claim
from annotate.references import SourceReferences, cited_references, entry_references, reference_for_source
from corpus.analyze import analyze
from corpus.model import Document, Source

__all__ = [
    "Mapper",
    "analyse_sources",
    "cached_map",
    "derived",
    "document_claims",
    "local_map",
    "process_map",
    "rendered_sources",
    "source_references",
]

A = TypeVar("A")
B = TypeVar("B")
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]


def local_map(fn: Callable[[A], B], items: Sequence[A]) -> list[B]:
    """``[fn(x) for x in items]``: the mapper of one process."""
    return [fn(x) for x in items]


def process_map(jobs: int) -> Mapper:
    """A mapper over ``jobs`` worker processes (one process when ``jobs`` <= 1), results in order."""

    def run(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if jobs <= 1 or len(items) <= 1:
            return [fn(x) for x in items]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(fn, items, chunksize=max(1, len(items) // (8 * jobs))))

    return run


def source_references(doc: Document) -> SourceReferences:
    """The references one document contributes: its own, its bibliography entries, the works cited
    in its sentences (merged over the corpus by :func:`annotate.references.merge_references`)."""
    return ([reference_for_source(doc)], entry_references(doc), cited_references(doc))


def document_claims(doc: Document, aliases: AliasTable) -> list[Claim]:
    """The claims one document states, read with the corpus's alias table (a picklable step)."""
    return extract_claims(doc, aliases=aliases)


def cached_map(
    kind: str,
    fn: Callable[[A], B],
    items: Sequence[A],
    sources: Sequence[Source],
    expected: type,
    *,
    cache: ResultCache | None = None,
    mapper: Mapper = local_map,
    extra: Sequence[str] = (),
) -> list[B]:
    """``[fn(x) for x in items]`` in order, where ``sources[i]`` is the source item ``i`` derives
    from: results the cache holds for step ``kind`` (keyed by the source and ``extra``) are reused,
    only the rest go through ``mapper``, and they are stored."""
    if cache is None:
        return mapper(fn, items)
    keys = [source_key(src, kind, *extra) for src in sources]
    out: list[Any] = [cache.get(kind, key, expected) for key in keys]
    todo = [i for i, value in enumerate(out) if value is None]
    for i, value in zip(todo, mapper(fn, [items[i] for i in todo]), strict=True):
        cache.put(kind, keys[i], value)
        out[i] = value
    return out


def analyse_sources(
    sources: Iterable[Source], *, jobs: int = 1, cache: ResultCache | None = None
) -> Iterator[Document]:
    """Analysed documents of ``sources`` in order, a generator: cached ones read back, the rest
    analysed by ``jobs`` worker processes (at most two per worker in flight) and stored."""
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    window: deque[tuple[Document | Future[Document], str | None]] = deque()
    try:
        for source in sources:
            key = source_key(source, "document") if cache is not None else None
            doc = cache.get("document", key, Document) if cache is not None and key is not None else None
            if doc is not None:
                window.append((doc, None))
            elif pool is not None:
                window.append((pool.submit(analyze, source), key))
            else:
                window.append((analyze(source), key))
            while window and (not isinstance(window[0][0], Future) or len(window) >= 2 * max(1, jobs)):
                yield _finish(*window.popleft(), cache)
        while window:
            yield _finish(*window.popleft(), cache)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _finish(item: Document | Future[Document], key: str | None, cache: ResultCache | None) -> Document:
    doc = item.result() if isinstance(item, Future) else item
    if cache is not None and key is not None:
        cache.put("document", key, doc)
    return doc


def rendered_sources(
    sources: Iterable[Source],
    render: Callable[[Document], str],
    kind: str,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Iterator[str]:
    """``render(document)`` of each source in order, a generator; with a cache the rendered text
    itself is kept (step ``kind``), so an unchanged source is neither analysed nor read back as a
    document. ``render`` must depend on the document alone."""
    return derived(sources, render, kind, str, jobs=jobs, cache=cache)


def derived(
    sources: Iterable[Source],
    fn: Callable[[Document], B],
    kind: str,
    expected: type,
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Iterator[B]:
    """``fn(analyse(source))`` of each source in order, a generator. With a cache the result is kept
    under the source's key (step ``kind``), so an unchanged source is neither analysed nor read
    back as a document; the rest are analysed by ``jobs`` processes. ``fn`` must read the document
    alone."""
    items = list(sources)
    if cache is None:
        # The step runs where the analysis ran: a worker sends back its small result, not the
        # document, whose pickling and reading back here cost as much as analysing it.
        yield from _in_order(functools.partial(_analysed, fn), items, jobs if len(items) > 1 else 1)
        return
    keys = [source_key(src, kind) for src in items]
    held = [cache.holds(kind, key) for key in keys]
    todo = [s for s, h in zip(items, held, strict=True) if not h]
    missing = analyse_sources(todo, jobs=jobs if len(todo) > 1 else 1, cache=cache)
    for src, key, was_held in zip(items, keys, held, strict=True):
        value = cache.get(kind, key, expected) if was_held else None
        if value is None:
            doc = next(missing) if not was_held else next(analyse_sources([src], cache=cache))
            value = fn(doc)
            cache.put(kind, key, value)
        yield value


def _analysed(fn: Callable[[Document], B], source: Source) -> B:
    return fn(analyze(source))


def _in_order(fn: Callable[[A], B], items: Sequence[A], jobs: int) -> Iterator[B]:
    """``fn(x)`` of each item in order, a generator, by ``jobs`` worker processes with at most two
    items per worker in flight (so results wait here for an earlier one only briefly)."""
    if jobs <= 1:
        for item in items:
            yield fn(item)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        window: deque[Future[B]] = deque()
        for item in items:
            window.append(pool.submit(fn, item))
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
