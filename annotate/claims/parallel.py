"""Checking many claims on several cores, with the verdicts of one process.

A verdict depends on the claim and the checker alone, never on the claims checked before it, so
worker processes check slices of the claims and this process hands out the slices and collects
the verdicts in input order: the output is the same bytes whatever ``jobs``.

Why workers are forked from the built checker: the checker (documents, word statistics, alias
table, reference keys, the evidence index) is large and costly to build, and a forked worker
shares it copy-on-write where a fresh process would build it again. The evidence index searches
in the calling thread and, once synced, keeps no writer threads, so a forked worker searches its
inherited copy as this process would. A checker with a :class:`~annotate.claims.verifier.Verifier`
(a neural model running threads of its own) checks in this process alone, and so does every
checker where the platform offers no ``fork`` (Windows).

>>> from annotate.claims.checker import Checker
>>> from corpus import analyze, source_from_text
>>> doc = analyze(source_from_text("The Bridge\\n\\nThe bridge opened in 1932. It cost four million dollars.\\n", "s1"))
>>> [v.label.value for v in check_claims(Checker([doc]), ["The bridge opened in 1932."], jobs=2)]
['SUPPORTED']
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Final

from annotate.claims.checker import Checker
from annotate.model import Claim, Verdict

__all__ = ["check_claims"]

# Claims per task, at most: enough to make a task's hand-over small beside its checking, and
# neighbours in the input (claims of one source) retrieve the same paragraphs, whose facts a
# worker then reads once. Fewer when the claims would not fill every worker several times.
_CHUNK: Final = 32
# Below this many claims per process the fork costs more than it saves.
_MIN_PER_JOB: Final = 16
# Tasks in flight per worker: bounds the verdicts waiting here for an earlier slice.
_WINDOW: Final = 4

# What forked workers read: the checker and the claims of the newest run, pushed just before its
# pool forks (so a run started inside another's loop forks with its own).
_SHARED: list[tuple[Checker, Sequence[Claim | str]]] = []


def _one(checker: Checker, item: Claim | str, number: int) -> Verdict:
    return checker.check(item, claim_id=f"claim-{number}") if isinstance(item, str) else checker.check(item)


def _check_slice(bounds: tuple[int, int]) -> list[Verdict]:
    if not _SHARED:  # pragma: no cover - only a worker not forked by check_claims gets here
        raise RuntimeError("check_claims: worker started without a checker")
    checker, items = _SHARED[-1]
    return [_one(checker, items[i], i + 1) for i in range(*bounds)]


def _workers(jobs: int, n_claims: int, checker: Checker) -> int:
    if checker.verifier is not None or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs, n_claims // _MIN_PER_JOB))


def check_claims(checker: Checker, claims: Iterable[Claim | str], *, jobs: int = 1) -> Generator[Verdict, None, None]:
    """The verdicts on ``claims`` (claims, or texts given ids ``claim-1``, ``claim-2``... by
    position), in order, checked by ``jobs`` processes: the verdicts of ``checker.check``."""
    items = list(claims)
    workers = _workers(jobs, len(items), checker)
    if workers == 1:
        for i, item in enumerate(items, 1):
            yield _one(checker, item, i)
        return
    yield from _forked(checker, items, workers)


def _forked(checker: Checker, items: Sequence[Claim | str], workers: int) -> Iterator[Verdict]:
    shared = (checker, items)
    _SHARED.append(shared)
    # The workers' garbage collections then pass over the objects they inherit instead of walking
    # (and, by touching, copying) the whole checker: 10% less worker CPU on 1 MB of documents.
    gc.freeze()
    try:
        # A fork-context pool forks all its workers at the first submit, so they see _SHARED.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            chunk = max(1, min(_CHUNK, len(items) // (_WINDOW * workers)))
            slices = iter(range(0, len(items), chunk))
            pending: deque[Future[list[Verdict]]] = deque()
            for start in slices:
                pending.append(pool.submit(_check_slice, (start, min(start + chunk, len(items)))))
                if len(pending) >= _WINDOW * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        gc.unfreeze()
        _SHARED.remove(shared)
