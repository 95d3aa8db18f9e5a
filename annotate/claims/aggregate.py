"""The learned claim-level decision: one verdict from every retrieved passage's stance and facet rules.

The pair model (:mod:`annotate.claims.stance`) says how likely each passage supports, refutes or only
mentions the claim; the facet rules (:mod:`annotate.claims.decide`) say whether a passage states every
fact of the claim or changes one (a date, a number, a participant, the negation). "Any support wins"
lets one weakly related passage the pair model calls supporting outvote everything, so here a small
multinomial logistic model weighs the pooled evidence instead: the highest, mean and top-three
probabilities of each stance, how many passages bear on the claim, what the rules decided and which
facet they found changed, the best word overlap and the retrieval score. Its weights are learned by
``bench/train_verdict.py`` from the ``train`` files only and stored with the data versions and the
dev figures in ``annotate/claims/data/verdict_model.json``; nothing here is set by hand.

>>> claim_features([]) == {"bias": 1.0, "none": 1.0}
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from annotate.claims.compare import FacetConflict
from annotate.claims.decide import Assessment
from annotate.claims.stance import Stance
from annotate.model import Label, Relation

__all__ = [
    "VERDICT_LABELS",
    "VerdictOdds",
    "claim_features",
    "overrule_threshold",
    "settle",
    "stated_change",
    "verdict_model",
    "verdict_of",
    "with_stance",
]

#: The model's classes, in the order of its probabilities.
VERDICT_LABELS = (Label.SUPPORTED, Label.REFUTED, Label.NOT_ENOUGH_INFO)
# The facet kinds the rules refute by, grouped as the issue names them: numbers, dates, entities.
_FACET_GROUPS = {
    "date": "date",
    "quantity": "number",
    "actor": "entity",
    "place": "entity",
    "nationality": "entity",
    "negation": "negation",
}


_LEX_STEPS = (0.5, 0.7, 0.9)
# The pair features (annotate.claims.stance, annotate.claims.align) the claim level reads from a passage.
_CARRIED = ("antonym", "digits:differ", "digits:matched", "negator:claim_only",
            "negator:unit_only", "restrict:claim_only", "conflict", "anchor_without_words", "wn:hyper",
            "wn:sense", "lex+wn")  # fmt: skip


class VerdictOdds(NamedTuple):
    """The claim-level model's probabilities of each label."""

    supported: float
    refuted: float
    not_enough_info: float

    @property
    def label(self) -> Label:
        """The most probable label."""
        return VERDICT_LABELS[max(range(3), key=lambda k: self[k])]


def _top_mean(values: Sequence[float], k: int = 3) -> float:
    top = sorted(values, reverse=True)[:k]
    return sum(top) / len(top)


def claim_features(pairs: Sequence[tuple[Mapping[str, float], Stance]]) -> dict[str, float]:
    """The claim-level features of the retrieved passages: each passage's pair features
    (:func:`annotate.claims.stance.pair_features`) with the pair model's stance on it.

    >>> s = Stance(0.8, 0.1, 0.1)
    >>> f = claim_features([({"lex": 0.9, "rule:supports": 1.0, "retrieval": 0.1}, s)])
    >>> f["sup:max"], f["rule:any_supports"], "refute:date" in f
    (0.8, 1.0, False)
    """
    f: dict[str, float] = {"bias": 1.0}
    if not pairs:
        f["none"] = 1.0
        return f
    sup = [s.supports for _, s in pairs]
    ref = [s.refutes for _, s in pairs]
    men = [s.mentions for _, s in pairs]
    f["passages"] = math.log1p(len(pairs)) / 3
    for name, values in (("sup", sup), ("ref", ref), ("men", men)):
        f[f"{name}:max"] = max(values)
        f[f"{name}:mean"] = sum(values) / len(values)
        f[f"{name}:top3"] = _top_mean(values)
    # The passage the pair model finds most supporting, and the most refuting one: how sure each is
    # against the other stance, and whether the rules agree with it.
    best_sup = max(range(len(pairs)), key=lambda i: (sup[i], -i))
    best_ref = max(range(len(pairs)), key=lambda i: (ref[i], -i))
    f["sup:margin"] = sup[best_sup] - ref[best_sup]
    f["ref:margin"] = ref[best_ref] - sup[best_ref]
    f["sup:best_lex"] = pairs[best_sup][0].get("lex", 0.0)
    f["ref:best_lex"] = pairs[best_ref][0].get("lex", 0.0)
    # A stance said of a passage that shares few of the claim's words is weaker evidence.
    f["sup:max_x_lex"] = sup[best_sup] * f["sup:best_lex"]
    f["ref:max_x_lex"] = ref[best_ref] * f["ref:best_lex"]
    f["sup:best_rule_supports"] = pairs[best_sup][0].get("rule:supports", 0.0)
    f["ref:best_rule_refutes"] = pairs[best_ref][0].get("rule:refutes", 0.0)
    lex = [p.get("lex", 0.0) for p, _ in pairs]
    f["lex:max"] = max(lex)
    # Ties in overlap go to the more supporting, then the more refuting passage, whatever the order.
    best_lex = max(range(len(pairs)), key=lambda i: (lex[i], sup[i], ref[i], -i))
    for step in _LEX_STEPS:
        if f["lex:max"] >= step:
            f[f"lex:max>={step:g}"] = 1.0
    # What the alignment found in the passage closest in words and in the most supporting one: a word
    # turned into its opposite, another number, the claim's heaviest word missing.
    for prefix, i in (("close", best_lex), ("sup", best_sup)):
        for key in _CARRIED:
            value = pairs[i][0].get(key)
            if value:
                f[f"{prefix}:{key}"] = value
    f["lex:top3"] = _top_mean(lex)
    f["retrieval:max"] = max(p.get("retrieval", 0.0) for p, _ in pairs)
    for relation in ("supports", "refutes", "mentions"):
        n = sum(1 for p, _ in pairs if p.get("rule:" + relation))
        if n:
            f["rule:any_" + relation] = 1.0
            f["rule:n_" + relation] = math.log1p(n) / 3
    if "rule:any_supports" not in f and "rule:any_refutes" not in f:
        f["rule:neither"] = 1.0
    for p, _ in pairs:
        if p.get("rule:refutes"):
            for key in p:
                if key.startswith("conflict:"):
                    f["refute:" + _FACET_GROUPS.get(key[9:], "other")] = 1.0
        for key in ("direction:flip", "negation_differs"):
            if p.get(key) and p.get("lex", 0.0) >= 0.5:
                f[key + ":close"] = 1.0  # a flip said of the same words, not of a loosely related passage
    return f


@lru_cache(maxsize=1)
def verdict_model() -> dict[str, Any]:
    """The stored weights (``weights``: label -> feature -> weight), data versions and figures."""
    text = resources.files("annotate.claims").joinpath("data", "verdict_model.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def overrule_threshold(label: Label, model: Mapping[str, Any] | None = None) -> float:
    """The probability of ``label`` the claim-level model needs to overrule the rules' NOT_ENOUGH_INFO in the
    ``layered`` decision, chosen by ``bench/train_verdict.py`` on dev for SUPPORTED and REFUTED apart: the
    model's verdicts of that label are then as precise as the rules' own verdicts of that label, on dev claims
    that include claims without enough information (a REFUTED said of a passage that merely leaves the claim
    out is the costly mistake). NOT_ENOUGH_INFO needs no overruling (0.0).

    >>> 0.0 < overrule_threshold(Label.REFUTED) <= 1.0, overrule_threshold(Label.NOT_ENOUGH_INFO)
    (True, 0.0)
    """
    if label is Label.NOT_ENOUGH_INFO:
        return 0.0
    return float((model or verdict_model())["layered"]["overrule"][label.value])


def verdict_of(features: Mapping[str, float], model: Mapping[str, Any] | None = None) -> VerdictOdds:
    """The claim-level probabilities for a claim's features (softmax over the three labels)."""
    weights = (model or verdict_model())["weights"]
    z = [sum(weights[lab.value].get(k, 0.0) * v for k, v in features.items()) for lab in VERDICT_LABELS]
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return VerdictOdds(e[0] / total, e[1] / total, e[2] / total)


def with_stance(rule: Assessment, relation: Relation, features: Mapping[str, float]) -> Assessment:
    """The assessment with the relation a stance gives; unrelated units stay unrelated.

    A refutation names what changed: the facet conflicts the comparison found, else the feature that
    weighs for it (a flipped direction of change, an opposite negation), else a plain contradiction.
    """
    if rule.relation is None:
        return rule  # a unit that shares nothing with the claim stays unrelated
    conflicts: tuple[FacetConflict, ...] = ()
    if relation is Relation.REFUTES:
        conflicts = rule.conflicts or (stated_change(features),)
    return rule._replace(relation=relation, conflicts=conflicts)


def stated_change(features: Mapping[str, float]) -> FacetConflict:
    """What a refuting passage changes when the facet comparison found no conflict.

    >>> stated_change({"direction:flip": 1.0}).facet, stated_change({}).facet
    ('direction', 'statement')
    """
    if "direction:flip" in features:
        return FacetConflict("direction", "one direction of change", "the opposite one")
    if "negation_differs" in features:
        return FacetConflict("negation", "affirmed", "negated")
    return FacetConflict("statement", "it", "otherwise")


#: Why a passage the pair decision took for support or refutation only mentions the claim once the
#: claim-level model has weighed all the evidence.
OUTWEIGHED = "reads as bearing on it, but the evidence as a whole does not bear it out"
_SIDE = {Label.SUPPORTED: Relation.SUPPORTS, Label.REFUTED: Relation.REFUTES}


def settle(
    label: Label, candidates: Sequence[tuple[Assessment, Mapping[str, float], Stance | None]]
) -> list[Assessment]:
    """The passages' relations made to agree with the claim-level ``label``.

    Passages on the label's side keep their relation; a SUPPORTED claim keeps its refuting passages
    (reported as disagreement), any other label turns the support it overrules into mentions, and
    NOT_ENOUGH_INFO the refutations too. When no passage is on the label's side, the one the pair
    model finds most on that side takes it, so the explanation always quotes the deciding passage.
    """
    side = _SIDE.get(label)
    out: list[Assessment] = []
    for a, _, _ in candidates:
        if a.relation is side or (label is Label.SUPPORTED and a.relation is Relation.REFUTES):
            out.append(a)
        elif a.relation in (Relation.SUPPORTS, Relation.REFUTES):
            out.append(a._replace(relation=Relation.MENTIONS, conflicts=(), partial=(OUTWEIGHED, *a.partial)))
        else:
            out.append(a)
    if side is None or any(a.relation is side for a in out):
        return out
    scored = [(i, s) for i, (_, _, s) in enumerate(candidates) if s is not None]
    if not scored:
        return out
    k = 0 if side is Relation.SUPPORTS else 1
    best = max(scored, key=lambda pair: (pair[1][k], -pair[0]))[0]
    out[best] = with_stance(candidates[best][0], side, candidates[best][1])._replace(partial=())
    return out
