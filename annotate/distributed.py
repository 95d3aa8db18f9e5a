"""Beyond one machine: the per-source steps (:mod:`annotate.stage`) mapped over a Dask cluster.

Needs the optional extra: ``pip install 'citetrace[dask]'``. Analysis, each document's references
and each document's claims run as Dask futures on the cluster's workers; what reads the whole
corpus (the alias table, de-duplicating references, checking claims, links, writing) runs in the
calling process. Results are gathered in input order, so the bundle is the same bytes as a run in
one process::

    from dask.distributed import Client
    from annotate import write_bundle
    from annotate.distributed import annotate_with_dask
    from corpus import load

    with Client("tcp://scheduler:8786") as client:       # or Client(LocalCluster(n_workers=8))
        write_bundle("out", annotate_with_dask(load(["texts/"]), client))

Every worker needs citetrace installed (the same version) and the sources travel to the workers
with the tasks, so no shared file system is needed. A ``cache`` stays with the caller: only the
sources it does not hold a result for are sent.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from distributed import Client

from annotate.cache import ResultCache
from annotate.model import AnnotatedCorpus, Claim
from annotate.pipeline import annotate
from annotate.stage import Mapper, cached_map
from corpus.analyze import analyze
from corpus.model import Document, Source

__all__ = ["annotate_with_dask", "dask_documents", "dask_map"]


def dask_map(client: Client) -> Mapper:
    """A mapper (:mod:`annotate.stage`) that runs each item as a future on ``client``'s cluster and
    gathers the results in input order."""

    def run(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if not items:
            return []
        # pure=False: every item is its own task (hashing whole documents to de-duplicate costs more).
        futures = client.map(fn, list(items), pure=False)
        return list(client.gather(futures))  # type: ignore[no-untyped-call]  # distributed leaves gather untyped

    return run


def dask_documents(
    sources: Iterable[Source], client: Client, *, cache: ResultCache | str | os.PathLike[str] | None = None
) -> list[Document]:
    """The analysed documents of ``sources``, in order, analysed on ``client``'s workers (those the
    cache already holds are read back instead)."""
    items = list(sources)
    store = cache if cache is None or isinstance(cache, ResultCache) else ResultCache(cache)
    return cached_map("document", analyze, items, items, Document, cache=store, mapper=dask_map(client))


def annotate_with_dask(
    sources: Iterable[Source],
    client: Client,
    claims: Sequence[Claim] = (),
    *,
    cache: ResultCache | str | os.PathLike[str] | None = None,
) -> AnnotatedCorpus:
    """:func:`annotate.annotate` of ``sources`` with the per-source steps on ``client``'s cluster:
    the same annotated corpus, so :func:`annotate.write_bundle` writes the same bundle."""
    store = cache if cache is None or isinstance(cache, ResultCache) else ResultCache(cache)
    docs = dask_documents(sources, client, cache=store)
    return annotate(docs, claims, cache=store, mapper=dask_map(client))
