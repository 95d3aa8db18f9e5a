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

What each retrieved sentence is compared as (its units, :mod:`annotate.claims.units`) is read on
first use, and a worker's reading stays in that worker: two workers checking the claims of 1,445
documents each read 80% of their sentences, nearly all of them both. When there are claims enough to
retrieve most sentences, this process reads them all before forking (:meth:`Checker.read_units`) and
the workers share them: checking those claims in two processes then cost 10.1 s of CPU instead of
13.5 (one process: 9.0 to 9.6).

>>> from annotate.claims.checker import Checker
>>> from corpus import analyze, source_from_text
>>> doc = analyze(source_from_text("The Bridge\\n\\nThe bridge opened in 1932. It cost four million dollars.\\n", "s1"))
>>> [v.label.value for v in check_claims(Checker([doc]), ["The bridge opened in 1932."], jobs=2)]
['SUPPORTED']
"""

from __future__ import annotations

import functools
from collections.abc import Generator, Iterable
from typing import Final

from annotate.claims.checker import TOP_K, Checker
from annotate.forked import can_fork, forked_map
from annotate.model import Claim, Verdict

__all__ = ["check_claims"]

# Claims per task, at most: enough to make a task's hand-over small beside its checking, and
# neighbours in the input (claims of one source) retrieve the same paragraphs, whose facts a
# worker then reads once. Fewer when the claims would not fill every worker several times.
_CHUNK: Final = 32
# Below this many claims per process the fork costs more than it saves.
_MIN_PER_JOB: Final = 16
# Tasks per worker the claims are cut into, at least (when there are enough claims).
_TASKS_PER_WORKER: Final = 4
# The sentences are read before forking when the claims retrieve (TOP_K each) at least this many times
# as many sentences as there are. Measured on 1,445 documents: where a worker's claims retrieve 4 (2, 1)
# times as many sentences as there are, it reads the units of 75% (64%, 48%) of them: two workers at
# this threshold would read 1.5 times what is read ahead once, and more workers, more.
_READ_AHEAD: Final = 8


def _one(checker: Checker, numbered: tuple[int, Claim | str]) -> Verdict:
    number, item = numbered
    return checker.check(item, claim_id=f"claim-{number}") if isinstance(item, str) else checker.check(item)


def _workers(jobs: int, n_claims: int, checker: Checker) -> int:
    if checker.verifier is not None or not can_fork():
        return 1
    return max(1, min(jobs, n_claims // _MIN_PER_JOB))


def check_claims(checker: Checker, claims: Iterable[Claim | str], *, jobs: int = 1) -> Generator[Verdict, None, None]:
    """The verdicts on ``claims`` (claims, or texts given ids ``claim-1``, ``claim-2``... by
    position), in order, checked by ``jobs`` processes: the verdicts of ``checker.check``."""
    items = list(enumerate(claims, 1))
    step = functools.partial(_one, checker)
    workers = _workers(jobs, len(items), checker)
    if workers == 1:
        for numbered in items:
            yield step(numbered)
        return
    if len(items) * TOP_K >= _READ_AHEAD * checker.sentence_count:
        checker.read_units()
    chunk = max(1, min(_CHUNK, len(items) // (_TASKS_PER_WORKER * workers)))
    yield from forked_map(step, items, workers, chunk=chunk)
