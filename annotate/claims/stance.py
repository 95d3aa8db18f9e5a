"""The learned decision: how likely a passage supports, refutes or only mentions a claim.

A small multinomial logistic model over interpretable features of one claim-unit comparison
(:mod:`annotate.claims.compare`): the weighted share of the claim's words the unit has, the words it
lacks, every facet's agreement and conflict by kind, direction of change, negation, identifiers, the
rule decision, retrieval rank. The weights are learned from public fact-checking data by
``bench/train_stance.py`` (``train`` files only) and stored with the data versions and dev figures in
``annotate/claims/data/stance_model.json``; no threshold or weight here is set by hand.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from annotate.claims.align import antonym_hits, is_negator, marker_features, number_features, paraphrase_features
from annotate.claims.compare import ClaimView, Comparison, FacetStatus, Unit
from annotate.claims.decide import Assessment
from annotate.claims.words import LEMMAS
from annotate.model import Relation

__all__ = ["STANCES", "Stance", "direction", "pair_features", "stance_model", "stance_of"]

#: The model's classes, in the order of its probabilities.
STANCES = (Relation.SUPPORTS, Relation.REFUTES, Relation.MENTIONS)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_IDENTIFIER = re.compile(r"\b[^\W\d_]+\d[^\W_]*\b|\b\d+[^\W\d_]+\d*\b")


class Stance(NamedTuple):
    """The model's probabilities for one claim-passage pair."""

    supports: float
    refutes: float
    mentions: float

    @property
    def relation(self) -> Relation:
        """The most probable relation."""
        best = max(range(3), key=lambda k: self[k])
        return STANCES[best]

    def decided(self, model: Mapping[str, Any] | None = None) -> Relation:
        """The relation under the model's decision: support when its probability reaches the support
        threshold and beats refutation, else refutation when the model has a refutation threshold and
        the probability reaches it, else a mention. (The stored decision says how it was chosen.)"""
        decision = (model or stance_model())["decision"]
        if self.supports >= decision["support"] and self.supports >= self.refutes:
            return Relation.SUPPORTS
        refute = decision.get("refute")
        if refute is not None and self.refutes >= refute:
            return Relation.REFUTES
        return Relation.MENTIONS


@lru_cache(maxsize=1)
def _directions() -> dict[str, int]:
    text = resources.files("annotate.claims").joinpath("data", "directions.txt").read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        sign, _, words = line.partition(":")
        for w in words.split():
            out[w] = 1 if sign.strip() == "up" else -1
    return out


def direction(text: str) -> tuple[int, bool]:
    """Which way ``text`` says something changed (+1 up, -1 down, 0 none or both) and whether that
    change is negated ("was not associated with an increased risk").

    >>> direction("Smoking raises the risk."), direction("It reduced mortality."), direction("No increase was seen.")
    ((1, False), (-1, False), (1, True))
    """
    table = _directions()
    words = [w.lower() for w in _WORD.findall(text)]
    signs: set[int] = set()
    negated = False
    for i, w in enumerate(words):
        sign = table.get(w) or table.get(LEMMAS.get(w, w))
        if sign:
            signs.add(sign)
            negated = negated or any(is_negator(x) for x in words[max(0, i - 5) : i])
    if len(signs) != 1:
        return 0, negated
    return signs.pop(), negated


def _identifiers(text: str) -> set[str]:
    return {m.group().lower() for m in _IDENTIFIER.finditer(text)}


def pair_features(view: ClaimView, unit: Unit, cmp: Comparison, rule: Assessment, retrieval: float) -> dict[str, float]:
    """The features of one claim-unit pair the stance model weighs."""
    f: dict[str, float] = {"bias": 1.0, "lex": cmp.lex, "lex2": cmp.lex * cmp.lex, "unmatched": 1.0 - cmp.lex}
    n_claim = len(view.words)
    f["claim_words"] = math.log1p(n_claim) / 3
    f["unit_words"] = math.log1p(len(unit.words)) / 3
    f["hit_share"] = cmp.n_words / n_claim if n_claim else 0.0
    f["missing_words"] = math.log1p(max(0, n_claim - cmp.n_words)) / 3
    f["extra_words"] = math.log1p(max(0, len(unit.stems) - cmp.n_words)) / 3
    statuses = cmp.statuses
    if statuses:
        f["facets"] = 1.0
        for status in FacetStatus:
            share = sum(1 for s in statuses if s is status) / len(statuses)
            if share:
                f["facet:" + status.value] = share
    for c in cmp.conflicts:
        f["conflict:" + c.facet] = 1.0
    if view.entities:
        f["entity_share"] = cmp.entity_score / len(view.entities)
    if view.dates:
        f["date_share"] = cmp.date_score / len(view.dates)
    if view.quantities:
        f["quantity_share"] = cmp.quantity_score / len(view.quantities)
    f["anchor"] = float(cmp.anchor)
    f["context_anchor"] = float(cmp.context_anchor)
    f["predicate"] = float(bool(cmp.stated)) if view.predicates else 0.5
    unit_negated = any(w.negated for w in cmp.stated) if view.predicates else any(w.negated for w in unit.words)
    if view.negated != unit_negated:
        f["negation_differs"] = 1.0
    if not any(w.verb for w in unit.words):
        f["verbless"] = 1.0  # a title or heading-like line does not state anything on its own
    cd, cneg = direction(view.claim.text)
    ud, uneg = direction(unit.claim.text)
    if cd and ud:
        f["direction:agree" if (cd == ud) == (cneg == uneg) else "direction:flip"] = 1.0
    elif cd:
        f["direction:claim_only"] = 1.0
    ci, ui = _identifiers(view.claim.text), _identifiers(unit.claim.text)
    if ci:
        f["ids:matched"] = len(ci & ui) / len(ci)
        if ui - ci and not ci & ui:
            f["ids:other"] = 1.0
    f["rule:" + (rule.relation.value if rule.relation else "none")] = 1.0
    f["same_event"] = float(rule.same_event)
    f["retrieval"] = retrieval
    _alignment(view, unit, cmp, f)
    return f


# Signs of a change, crossed with the overlap: a change said of a passage that shares the claim's
# words refutes it; said of a loosely related one it says little (the issue's "shared entities or
# dates without shared words").
_CHANGES = ("antonym", "digits:differ", "negation_differs", "direction:flip", "ids:other", "conflict",
            "negator:claim_only", "negator:unit_only", "restrict:claim_only")  # fmt: skip


def _alignment(view: ClaimView, unit: Unit, cmp: Comparison, f: dict[str, float]) -> None:
    """The alignment features of :mod:`annotate.claims.align` and their crosses with the overlap."""
    wn = paraphrase_features(view.words, cmp.hit_words, unit.stems)
    if wn:
        f.update(wn)
        f["lex+wn"] = cmp.lex + sum(wn.values())  # the claim's weight said in the same or related words
    hits = antonym_hits((stem for stem, _, _ in view.words), unit.stems)
    if hits:
        f["antonym"] = 1.0
    f.update(number_features(view.claim.text, unit.claim.text))
    f.update(marker_features(view.claim.text, unit.claim.text))
    if cmp.conflicts:
        f["conflict"] = 1.0
    for key in _CHANGES:
        if key in f:
            f[key + "*lex"] = cmp.lex
    if cmp.lex < 0.5 and (cmp.anchor or cmp.context_anchor):
        f["anchor_without_words"] = 1.0 - cmp.lex


@lru_cache(maxsize=1)
def stance_model() -> dict[str, Any]:
    """The stored weights (``weights``: class -> feature -> weight), data versions and figures."""
    text = resources.files("annotate.claims").joinpath("data", "stance_model.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def stance_of(features: Mapping[str, float], model: Mapping[str, Any] | None = None) -> Stance:
    """The model's probabilities for a pair's features (softmax over the three classes)."""
    weights = (model or stance_model())["weights"]
    z = []
    for stance in STANCES:
        w = weights[stance.value]
        z.append(sum(w.get(k, 0.0) * v for k, v in features.items()))
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return Stance(e[0] / total, e[1] / total, e[2] / total)
