"""Tests for checking claims in several processes (annotate.claims.parallel)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from annotate import forked
from annotate.claims import parallel
from annotate.claims.checker import Checker
from annotate.claims.extract import extract_claims
from annotate.claims.parallel import check_claims
from annotate.claims.stance import Stance
from annotate.jsonforms import verdict_json
from annotate.model import Claim, Verdict
from corpus.analyze import analyze
from corpus.load import embedded_sources
from corpus.model import Document


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [analyze(s) for s in embedded_sources()]


@pytest.fixture(scope="module")
def claims(docs: list[Document]) -> list[Claim]:
    aliases = Checker(docs).aliases
    found = [c for d in docs for c in extract_claims(d, aliases=aliases)]
    assert len(found) >= 4 * parallel._MIN_PER_JOB  # enough for two workers
    return found


def _json(verdicts: Sequence[Verdict]) -> list[dict[str, object]]:
    return [verdict_json(v) for v in verdicts]


class _PidChecker(Checker):
    """Writes the id of the process that checks each claim beside the verdict."""

    folder: Path

    def check(self, claim: Claim | str, *, claim_id: str | None = None) -> Verdict:
        verdict = super().check(claim, claim_id=claim_id)
        (self.folder / f"{verdict.claim.id}.pid").write_text(str(os.getpid()), encoding="utf-8")
        return verdict


def test_two_processes_give_the_verdicts_of_one(docs: list[Document], claims: list[Claim], tmp_path: Path) -> None:
    one = _json(list(check_claims(Checker(docs), claims, jobs=1)))
    checker = _PidChecker(docs)
    checker.folder = tmp_path
    two = _json(list(check_claims(checker, claims, jobs=2)))
    assert two == one
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.glob("*.pid")}
    # Two workers did the checking, and neither of them was this process.
    assert len(pids) == 2 and str(os.getpid()) not in pids
    assert not forked._SHARED  # nothing left behind for the next run


def test_texts_are_claims_numbered_in_order(docs: list[Document]) -> None:
    checker = Checker(docs)
    texts = [f"The meeting took place in {1900 + k}." for k in range(3 * parallel._MIN_PER_JOB)]
    verdicts = list(check_claims(checker, texts, jobs=2))
    assert [v.claim.id for v in verdicts] == [f"claim-{k}" for k in range(1, len(texts) + 1)]
    assert [v.claim.text for v in verdicts] == texts
    assert _json(verdicts) == _json([checker.check(t, claim_id=f"claim-{k}") for k, t in enumerate(texts, 1)])


def test_few_claims_stay_in_this_process(docs: list[Document], tmp_path: Path) -> None:
    checker = _PidChecker(docs)
    checker.folder = tmp_path
    list(check_claims(checker, ["The meeting took place in 1901."], jobs=4))
    assert [p.read_text(encoding="utf-8") for p in tmp_path.glob("*.pid")] == [str(os.getpid())]


class _Agnostic:
    name = "agnostic"

    def judge(self, claim: str, passages: Sequence[str]) -> list[Stance]:
        return [Stance(0.0, 0.0, 1.0) for _ in passages]


def test_a_checker_with_a_verifier_checks_in_this_process(docs: list[Document]) -> None:
    assert parallel._workers(8, 1000, Checker(docs, verifier=_Agnostic())) == 1
    assert parallel._workers(8, 1000, Checker(docs)) == 8
    assert parallel._workers(8, 2 * parallel._MIN_PER_JOB, Checker(docs)) == 2


def test_a_run_abandoned_midway_leaves_nothing_behind(docs: list[Document], claims: list[Claim]) -> None:
    verdicts = check_claims(Checker(docs), claims, jobs=2)
    first = next(verdicts)
    verdicts.close()
    assert first.claim.id == claims[0].id and not forked._SHARED


class _ReadCountingChecker(Checker):
    """Counts the times this process reads every sentence's units ahead."""

    reads_ahead = 0

    def read_units(self) -> None:
        self.reads_ahead += 1
        super().read_units()


def test_workers_share_units_read_ahead_and_the_verdicts_stay(
    docs: list[Document], claims: list[Claim], monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _json(list(check_claims(Checker(docs), claims, jobs=1)))
    # Claims enough to retrieve most sentences: read in this process, before the workers fork.
    monkeypatch.setattr(parallel, "_READ_AHEAD", 0)
    ahead = _ReadCountingChecker(docs)
    assert _json(list(check_claims(ahead, claims, jobs=2))) == one
    assert ahead.reads_ahead == 1
    # Too few: each worker reads what its claims retrieve.
    monkeypatch.setattr(parallel, "_READ_AHEAD", 10**9)
    lazy = _ReadCountingChecker(docs)
    assert _json(list(check_claims(lazy, claims, jobs=2))) == one
    assert lazy.reads_ahead == 0


def test_one_process_reads_nothing_ahead(docs: list[Document], claims: list[Claim]) -> None:
    checker = _ReadCountingChecker(docs)
    list(check_claims(checker, claims[: parallel._MIN_PER_JOB], jobs=2))
    assert checker.reads_ahead == 0


def test_reading_ahead_changes_no_verdict(docs: list[Document], claims: list[Claim]) -> None:
    ahead = Checker(docs, extracted=claims)
    ahead.read_units()
    assert _json(ahead.check_all(claims)) == _json(Checker(docs, extracted=claims).check_all(claims))
