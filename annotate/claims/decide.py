"""Deciding what one unit does to a claim (supports, refutes, mentions) from its comparison.

The thresholds and weights are named in one table, :data:`RULES`; the rules themselves are described
in :mod:`annotate.claims.checker`.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from annotate.claims.compare import ClaimView, Comparison, FacetConflict, FacetStatus, Match, MatchKind, Unit
from annotate.model import Relation

__all__ = ["RULES", "Assessment", "Rules", "assess", "better", "strongest"]


@attrs.frozen(slots=True)
class Rules:
    """The hand-set thresholds and weights of the rule-based decision."""

    lex_anchored: float = 0.5  # same event: this share of the words plus an anchor ...
    lex_strong: float = 0.7  # ... or this share with at least two words
    lex_support: float = 0.5  # support needs this share ...
    lex_support_no_facets: float = 0.7  # ... or this one when the claim has no facets
    entity_weight: float = 0.4  # weights of the facet shares in a unit's score
    date_weight: float = 0.4
    quantity_weight: float = 0.3
    max_evidence: int = 6  # a verdict keeps the strongest few units of each relation ...
    max_per_source: int = 2  # ... at most this many from one source


#: The rules in force.
RULES = Rules()


class Assessment(NamedTuple):
    """What one unit does to the claim, and why."""

    unit: Unit
    relation: Relation | None
    score: float
    lex: float
    matched: tuple[Match, ...]
    conflicts: tuple[FacetConflict, ...]
    partial: tuple[str, ...]  # why a same-event passage does not quite support ("gives only 1933-11")
    same_event: bool
    anchored: bool  # an entity of the claim (or a date or quantity that does not conflict) agrees


def assess(view: ClaimView, unit: Unit, cmp: Comparison, retrieval: float, rules: Rules = RULES) -> Assessment:
    """The relation of a unit to the claim from their comparison; ``retrieval`` adds to the score."""
    score = (
        cmp.lex
        + rules.entity_weight * (cmp.entity_score / len(view.entities) if view.entities else 0.0)
        + rules.date_weight * (cmp.date_score / len(view.dates) if view.dates else 0.0)
        + rules.quantity_weight * (cmp.quantity_score / len(view.quantities) if view.quantities else 0.0)
        + retrieval
    )
    same_event = (cmp.lex >= rules.lex_anchored and (cmp.anchor or cmp.context_anchor)) or (
        cmp.lex >= rules.lex_strong and cmp.n_words >= 2
    )
    conflicts = list(cmp.conflicts)
    relation = _relation(view, unit, cmp, conflicts, same_event=same_event, rules=rules)
    partial = list(cmp.partial)
    if relation is Relation.MENTIONS and not partial:
        shared = [m.detail for m in cmp.matches if m.kind is not MatchKind.WORDS][:3]
        if cmp.hit_words:
            shared.insert(0, ", ".join(cmp.hit_words[:4]))
        partial.append(("shares " + "; ".join(shared) + " but not every fact") if shared else "is related")
    if relation is not Relation.REFUTES:
        conflicts = []
    return Assessment(
        unit,
        relation,
        score,
        cmp.lex,
        tuple(cmp.matches),
        tuple(conflicts),
        tuple(partial),
        same_event,
        cmp.anchor or cmp.context_anchor,
    )


def _relation(
    view: ClaimView, unit: Unit, cmp: Comparison, conflicts: list[FacetConflict], *, same_event: bool, rules: Rules
) -> Relation | None:
    statuses = cmp.statuses
    predicate_ok = not view.predicates or bool(cmp.stated)
    unit_negated = any(w.negated for w in cmp.stated) if view.predicates else any(w.negated for w in unit.words)
    negation_differs = view.negated != unit_negated
    if not same_event:
        return Relation.MENTIONS if (cmp.lex > 0 or cmp.anchor) else None
    if conflicts:
        return _refutes_or_mentions(cmp, conflicts, predicate_ok=predicate_ok, negation_differs=negation_differs)
    threshold = rules.lex_support if statuses else rules.lex_support_no_facets
    if (
        cmp.lex >= threshold
        and all(st in (FacetStatus.OK, FacetStatus.IMPLIED) for st in statuses)
        and (cmp.anchor or not statuses)
    ):
        if negation_differs and predicate_ok:
            claim_side = "negated" if view.negated else "affirmed"
            conflicts.append(FacetConflict("negation", claim_side, "negated" if unit_negated else "affirmed"))
            return Relation.REFUTES
        return Relation.MENTIONS if negation_differs else Relation.SUPPORTS
    return Relation.MENTIONS


def _refutes_or_mentions(
    cmp: Comparison, conflicts: list[FacetConflict], *, predicate_ok: bool, negation_differs: bool
) -> Relation:
    """Refuting takes the same event (its verb stated, everything else as in the claim) with one
    facet changed; under a negation the other values say nothing ("not before 1933"). A different
    date or number may come with participants left to the context ("It was signed on ..."); a
    different participant needs the others stated in the passage itself."""
    entity_conflicts = [c for c in conflicts if c.facet in ("actor", "place", "nationality")]
    one_change = not entity_conflicts or (len(entity_conflicts) == 1 and len(conflicts) == 1)
    allowed = {FacetStatus.OK, FacetStatus.COMPATIBLE, FacetStatus.CONFLICT}
    if not entity_conflicts:
        allowed.add(FacetStatus.IMPLIED)
    rest_ok = all(st in allowed for st in cmp.statuses)
    dates_precise = all(st is not FacetStatus.COMPATIBLE for st in cmp.statuses) or all(
        c.facet == "date" for c in conflicts
    )
    refutes = rest_ok and dates_precise and predicate_ok and one_change and not negation_differs
    return Relation.REFUTES if refutes else Relation.MENTIONS


def better(a: Assessment, b: Assessment) -> bool:
    """Whether assessment ``a`` of a sentence's unit beats ``b``: support, then refute, then score."""
    rank = {Relation.SUPPORTS: 3, Relation.REFUTES: 2, Relation.MENTIONS: 1, None: 0}
    ka = (rank[a.relation], round(a.score, 6), not a.unit.whole)
    kb = (rank[b.relation], round(b.score, 6), not b.unit.whole)
    return ka > kb


def strongest(assessments: list[Assessment], rules: Rules = RULES) -> list[Assessment]:
    """The best-scored assessments (already sorted), at most ``max_per_source`` from each source."""
    out: list[Assessment] = []
    per_source: dict[str, int] = {}
    for a in assessments:
        src = a.unit.passage.source
        if per_source.get(src, 0) >= rules.max_per_source:
            continue
        per_source[src] = per_source.get(src, 0) + 1
        out.append(a)
        if len(out) >= rules.max_evidence:
            break
    return out
