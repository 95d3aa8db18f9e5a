"""Who decides each passage: the pluggable verifier.

A :class:`Verifier` reads a claim and the passages retrieved for it and says, per passage, how likely
it supports, refutes or only mentions the claim (a :class:`~annotate.claims.stance.Stance`). The
checker keeps the rest of its work (retrieval, facet comparison, the claim-level verdict, the
explanation and the quotes at exact offsets); only the per-passage stance comes from the verifier.

Five are named on the command line (``annotate check --verifier SPEC``):

* ``layered`` (the default): the rules' verdict when they find a supporting or refuting passage, else the
  ``combined`` one when the claim-level model gives it the probability stored for that label;
* ``rules``: the facet rules of :mod:`annotate.claims.decide` alone; no :class:`Verifier` object is involved;
* ``learned``: the stance model of :mod:`annotate.claims.stance`, learned from public claim sets;
* ``combined``: the same stances, weighed with the facet rules' verdicts by the learned claim-level
  model of :mod:`annotate.claims.aggregate`;
* ``nli:PATH``: a local natural-language-inference cross-encoder (a Hugging Face model folder) through
  the optional extra ``citetrace[nli]`` (:mod:`annotate.claims.nli`), asked only where the rules find
  neither support nor refutation (the checker's ``decision="layered"`` with this verifier). Nothing is
  downloaded.

>>> parse_verifier_spec("nli:/models/deberta-mnli")
VerifierSpec(kind='nli', path='/models/deberta-mnli')
>>> parse_verifier_spec("learned").kind
'learned'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import attrs

from annotate.claims.stance import Stance
from annotate.errors import ClaimInputError

__all__ = ["VERIFIER_KINDS", "Verifier", "VerifierSpec", "load_verifier", "parse_verifier_spec"]

#: The verifier kinds a spec may name.
VERIFIER_KINDS = ("rules", "learned", "combined", "layered", "nli")


@runtime_checkable
class Verifier(Protocol):
    """Per-passage stance for a claim: ``judge(claim, passages)`` returns one stance per passage, in order."""

    @property
    def name(self) -> str:
        """A short name for explanations and reports (``nli:deberta-mnli``)."""
        ...

    def judge(self, claim: str, passages: Sequence[str]) -> list[Stance]:
        """The stance of each passage towards ``claim``: probabilities of supports, refutes, mentions."""
        ...


@attrs.frozen(slots=True)
class VerifierSpec:
    """A parsed ``--verifier`` value: ``kind`` is one of :data:`VERIFIER_KINDS`; ``path`` for ``nli``."""

    kind: str
    path: str | None = None


def parse_verifier_spec(spec: str) -> VerifierSpec:
    """Read ``rules``, ``learned``, ``combined``, ``layered`` or ``nli:PATH``; a :class:`ClaimInputError`
    names anything else."""
    kind, sep, path = spec.partition(":")
    if kind == "nli":
        if not sep or not path.strip():
            raise ClaimInputError(f"verifier {spec!r}: give the model folder, as in nli:PATH")
        return VerifierSpec("nli", path.strip())
    if sep or kind not in VERIFIER_KINDS:
        raise ClaimInputError(f"verifier {spec!r}: choose 'rules', 'learned', 'combined', 'layered' or 'nli:PATH'")
    return VerifierSpec(kind)


def load_verifier(spec: VerifierSpec | str, *, batch_size: int = 16) -> Verifier | None:
    """The verifier a spec names; None for ``rules``, ``learned``, ``combined`` and ``layered``, which the checker
    runs itself."""
    if isinstance(spec, str):
        spec = parse_verifier_spec(spec)
    if spec.kind != "nli" or spec.path is None:
        return None
    from annotate.claims.nli import NLIVerifier  # noqa: PLC0415 - the optional extra loads only when asked for

    return NLIVerifier(spec.path, batch_size=batch_size)
