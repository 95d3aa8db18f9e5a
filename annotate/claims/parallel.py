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

import functools
from collections.abc import Generator, Iterable
from typing import Final

from annotate.claims.checker import Checker
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
    chunk = max(1, min(_CHUNK, len(items) // (_TASKS_PER_WORKER * workers)))
    yield from forked_map(step, items, workers, chunk=chunk)
