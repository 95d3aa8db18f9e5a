"""Checking many claims on several cores, with the verdicts of one process.

A verdict depends on the claim and on the evidence index's answer for it alone
(:meth:`Checker.check_retrieved`), so this process asks the index for each claim in turn and
worker processes do the rest (comparing facets, weighing stances, explaining), which is where
the time goes. Results come back in input order: the output is the same bytes whatever ``jobs``.

Why workers are forked from the built checker: the checker (documents, word statistics, alias
table, reference keys) is large and costly to build, and a forked worker shares it copy-on-write
where a fresh one would build it again. Why the index stays here: its engine runs threads of its
own, which a forked child does not have, so workers never touch it and get the hits with their
claims. A checker with a :class:`~annotate.claims.verifier.Verifier` (a neural model with threads
of its own) checks in this process alone, and so does every checker where the platform offers no
``fork`` (Windows).

>>> from annotate.claims.checker import Checker
>>> from corpus import analyze, source_from_text
>>> doc = analyze(source_from_text("The Bridge\\n\\nThe bridge opened in 1932. It cost four million dollars.\\n", "s1"))
>>> [v.label.value for v in check_claims(Checker([doc]), ["The bridge opened in 1932."], jobs=2)]
['SUPPORTED']
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Final

from annotate.claims.checker import Checker
from annotate.model import Claim, Hit, Verdict

__all__ = ["check_claims"]

# Claims per task, at most: enough to make a task's hand-over small beside its checking, and
# neighbours in the input (claims of one source) retrieve the same paragraphs, whose facts a
# worker then reads once. Fewer when the claims would not fill every worker several times.
_CHUNK: Final = 32
# Below this many claims per process the fork costs more than it saves.
_MIN_PER_JOB: Final = 16
# Tasks in flight per worker: keeps the workers busy while this process retrieves, and bounds
# the verdicts held here.
_WINDOW: Final = 4

# What forked workers read: the checker and the prepared claims of the newest run, pushed just
# before its pool forks (so a run started inside another's loop forks with its own).
_SHARED: list[tuple[Checker, Sequence[Claim]]] = []


def _check_slice(task: tuple[int, list[list[Hit]]]) -> list[Verdict]:
    if not _SHARED:  # pragma: no cover - only a worker not forked by check_claims gets here
        raise RuntimeError("check_claims: worker started without a checker")
    checker, claims = _SHARED[-1]
    start, hits = task
    return [checker.check_retrieved(claims[start + i], h) for i, h in enumerate(hits)]


def _workers(jobs: int, n_claims: int, checker: Checker) -> int:
    if checker.verifier is not None or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(jobs, n_claims // _MIN_PER_JOB))


def check_claims(checker: Checker, claims: Iterable[Claim | str], *, jobs: int = 1) -> Generator[Verdict, None, None]:
    """The verdicts on ``claims`` (claims or texts, ids ``claim-1``... for texts), in order,
    checked by ``jobs`` processes: the same verdicts as ``checker.check`` on each claim."""
    prepared = [
        checker.prepare(c, claim_id=f"claim-{i}") if isinstance(c, str) else checker.prepare(c)
        for i, c in enumerate(claims, 1)
    ]
    workers = _workers(jobs, len(prepared), checker)
    if workers == 1:
        for claim in prepared:
            yield checker.check_retrieved(claim)
        return
    yield from _forked(checker, prepared, workers)


def _forked(checker: Checker, prepared: Sequence[Claim], workers: int) -> Iterator[Verdict]:
    shared = (checker, prepared)
    _SHARED.append(shared)
    try:
        # A fork-context pool forks all its workers at the first submit, so they see _SHARED.
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: deque[Future[list[Verdict]]] = deque()
            chunk = max(1, min(_CHUNK, len(prepared) // (_WINDOW * workers)))
            for start in range(0, len(prepared), chunk):
                hits = [checker.retrieve(c) for c in prepared[start : start + chunk]]
                pending.append(pool.submit(_check_slice, (start, hits)))
                while len(pending) > _WINDOW * workers or (pending and pending[0].done()):
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _SHARED.remove(shared)
