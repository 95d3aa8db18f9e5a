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
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from annotate.cache import ResultCache, source_key
from annotate.claims.aliases import AliasTable
from annotate.claims.extract import extract_claims
from annotate.forked import can_fork, forked_map
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
    """A mapper over ``jobs`` worker processes (one process when ``jobs`` <= 1), results in order.

    Where the platform forks, the workers are forked with the function and the items in hand and
    are sent only ranges of positions: the items here are analysed documents, whose pickling out to
    the workers cost about as much as the step itself. Elsewhere the items are pickled."""

    def run(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if jobs <= 1 or len(items) <= 1:
            return [fn(x) for x in items]
        size = max(1, len(items) // (8 * jobs))
        if not can_fork():
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                return list(pool.map(fn, items, chunksize=size))
        return list(forked_map(fn, items, jobs, chunk=size))

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
    """Analysed documents of ``sources`` in order, a generator: cached ones read back when their
    turn comes, the rest analysed by ``jobs`` worker processes (a few batches in flight) and stored."""
    items = list(sources)
    keys = [source_key(src, "document") if cache is not None else "" for src in items]
    held = [cache is not None and cache.holds("document", key) for key in keys]
    todo = [src for src, was_held in zip(items, held, strict=True) if not was_held]
    fresh = _in_order(analyze, todo, jobs if len(todo) > 1 else 1)
    try:
        for src, key, was_held in zip(items, keys, held, strict=True):
            # Asked even when not held, so the cache counts the miss.
            doc = cache.get("document", key, Document) if cache is not None else None
            if not was_held or doc is None:
                # The next fresh analysis is this source's; a held but damaged entry is redone here.
                doc = next(fresh) if not was_held else analyze(src)
                if cache is not None:
                    cache.put("document", key, doc)
            yield doc
    finally:
        fresh.close()


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


def _in_order(fn: Callable[[A], B], items: Sequence[A], jobs: int) -> Generator[B, None, None]:
    """``fn(x)`` of each item in order, a generator, by ``jobs`` worker processes.

    Items go out in batches, a few per worker in flight: one task per item left the workers waiting
    on the pool's hand-over (1,445 short documents took longer with two processes than with one)."""
    if jobs <= 1:
        for item in items:
            yield fn(item)
        return
    size = max(1, min(_BATCH, len(items) // (_IN_FLIGHT * jobs)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        window: deque[Future[list[B]]] = deque()
        for start in range(0, len(items), size):
            window.append(pool.submit(_each, fn, items[start : start + size]))
            if len(window) >= _IN_FLIGHT * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


# Items per task at most, and tasks in flight per worker.
_BATCH = 32
_IN_FLIGHT = 4


def _each(fn: Callable[[A], B], items: Sequence[A]) -> list[B]:
    return [fn(x) for x in items]
