"""Train the claim-level decision (SUPPORTED / REFUTED / NOT_ENOUGH_INFO) on public ``train`` claim files.

    python bench/train_verdict.py [--out annotate/claims/data/verdict_model.json] [--cache DIR]

Examples are claims, each with every passage the checker retrieves for it (``decision="learned"``, so the
passages and their pair features are those the checker weighs at run time), in two settings like
``bench_verify``'s: *gold* (the claim against its own evidence sentences) and *retrieval* (against the
evidence of the first ``--pool`` train claims of its set, the others' being distractors; with ``--unseen``
also, labelled NOT_ENOUGH_INFO, against the evidence of the next ``--pool`` claims, which speak of the same
kind of things but not of the claim), from the first
``--train-limit`` train claims of each set (each set weighs the same, so more FEVER claims add little). Sets without
NOT_ENOUGH_INFO claims (FEVER, Symmetric FEVER, Fool Me Twice) also check each claim, with a fixed seed,
against another claim's evidence as NOT_ENOUGH_INFO, as ``train_stance.py`` does for pairs. SciFact is
never used (its licence forbids it). The features are :func:`annotate.claims.aggregate.claim_features`
over the committed stance model's probabilities; the model is a multinomial logistic regression with L2
(scipy L-BFGS) in which every set weighs the same and, within a set, every label. Weights, data versions
and the dev figures (same two settings, first ``--dev-limit`` dev claims per set, beside the rule and
"any support wins" decisions) go to one JSON file, with the same figures on the seeds' own claims against the
embedded corpus (``seed_figures``: measured only, so a model that fits the public sets but not the project's
own retrieval setting shows in seconds from the cache).
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import random
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_verify import DATA, documents, load_jsonl, seed_items  # noqa: E402
from train_stance import SETS, macro_f1, softmax_fit, sources  # noqa: E402

from annotate import Checker  # noqa: E402
from annotate.claims.aggregate import VERDICT_LABELS, VerdictOdds, claim_features, verdict_of  # noqa: E402
from annotate.claims.stance import stance_of  # noqa: E402
from annotate.claims.words import content_stems  # noqa: E402
from corpus import analyze, load  # noqa: E402

LABELS = [lab.value for lab in VERDICT_LABELS]
NEI = "NOT_ENOUGH_INFO"
# (set, setting, gold label, rule label, learned label, pair features of every retrieved passage)
Example = tuple[str, str, str, str, str, list[dict[str, float]]]


def _checked(checker: Checker, claim: str) -> tuple[str, list[dict[str, float]]]:
    """The "any support wins" label of the learned pair decision and the retrieved passages' features."""
    made = checker.make_claim(claim)
    return checker.check(made).label.value, [c.features for c in checker.candidates(made)]


def _rule_label(docs: Any, claim: str) -> str:
    return Checker(docs, decision="rules").check(claim).label.value


def examples(split: str, seed: int, pool: int, limit: int = 0) -> list[Example]:
    """The claim examples of a split in both settings (and the NOT_ENOUGH_INFO pairings on ``train``),
    from the first ``limit`` claims of each set (0: all)."""
    rng = random.Random(seed)
    out: list[Example] = []
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")
        if limit:
            items = items[:limit]
        pairs_nei = split == "train" and not any(item["label"] == "NOT_ENOUGH_INFO" for item in items)
        for k, item in enumerate(items):
            docs = documents([item])
            learned, feats = _checked(Checker(docs, decision="learned"), item["claim"])
            out.append((name, "gold", item["label"], _rule_label(docs, item["claim"]), learned, feats))
            if pairs_nei:
                other = items[(k + rng.randint(1, len(items) - 1)) % len(items)]
                if other["claim"] != item["claim"]:
                    docs = documents([other])
                    learned, feats = _checked(Checker(docs, decision="learned"), item["claim"])
                    rule = _rule_label(docs, item["claim"])
                    out.append((name, "gold", "NOT_ENOUGH_INFO", rule, learned, feats))
        shared = documents(items[:pool])
        learned_checker, rule_checker = Checker(shared, decision="learned"), Checker(shared, decision="rules")
        for item in items[:pool]:
            learned, feats = _checked(learned_checker, item["claim"])
            rule = rule_checker.check(item["claim"]).label.value
            out.append((name, "retrieval", item["label"], rule, learned, feats))
        print(f"{split} {name}: {sum(e[0] == name for e in out)} claim examples", flush=True)
    return out


def unseen(split: str, pool: int) -> list[Example]:
    """NOT_ENOUGH_INFO claims in the retrieval setting: the first ``pool`` claims of each set checked
    against the evidence of the next ``pool`` (the corpus speaks of the same kind of things, often of
    the same entities, but not of the claim); a claim whose own evidence sentence is in it is left out."""
    out: list[Example] = []
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")
        claims, others = items[:pool], items[pool : 2 * pool]
        present = {" ".join(ev["text"].split()) for item in others for ev in item["evidence"]}
        shared = documents(others)
        learned_checker, rule_checker = Checker(shared, decision="learned"), Checker(shared, decision="rules")
        for item in claims:
            if any(" ".join(ev["text"].split()) in present for ev in item["evidence"]):
                continue
            learned, feats = _checked(learned_checker, item["claim"])
            rule = rule_checker.check(item["claim"]).label.value
            out.append((name, "retrieval", "NOT_ENOUGH_INFO", rule, learned, feats))
        print(f"{split} {name}: {sum(e[0] == name for e in out)} claims without their evidence", flush=True)
    return out


def nearest_other(items: Sequence[dict[str, Any]]) -> list[int | None]:
    """For each claim, the other claim whose evidence shares the most of its content stems (weighed by
    rarity over the evidence), among those with none of its evidence sentences; None when none shares a stem."""
    texts = [{" ".join(ev["text"].split()) for ev in item["evidence"]} for item in items]
    stems = [set(content_stems(" ".join(t))) for t in texts]
    df = Counter(s for st in stems for s in st)
    holders: dict[str, list[int]] = {}
    for j, st in enumerate(stems):
        for s in st:
            holders.setdefault(s, []).append(j)
    out: list[int | None] = []
    for k, item in enumerate(items):
        score: Counter[int] = Counter()
        for s in set(content_stems(item["claim"])):
            for j in holders.get(s, ()):
                score[j] += math.log(len(items) / df[s])
        ranked = [
            j for j, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])) if j != k and not texts[j] & texts[k]
        ]
        out.append(ranked[0] if ranked else None)
    return out


def related(split: str, limit: int, setting: str = "gold") -> list[Example]:
    """Harder NOT_ENOUGH_INFO claims for the sets without any (FEVER, Symmetric FEVER, Fool Me Twice): each of
    the first ``limit`` claims checked against the evidence of the claim whose evidence shares most of its
    words (:func:`nearest_other`). The random pairing of :func:`examples` teaches that unrelated passages say
    nothing; these, that passages sharing the claim's topic and words need not bear on it."""
    out: list[Example] = []
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")
        if limit:
            items = items[:limit]
        if any(item["label"] == "NOT_ENOUGH_INFO" for item in items):
            continue
        for item, j in zip(items, nearest_other(items), strict=True):
            if j is None or items[j]["claim"] == item["claim"]:
                continue
            docs = documents([items[j]])
            learned, feats = _checked(Checker(docs, decision="learned"), item["claim"])
            out.append((name, setting, "NOT_ENOUGH_INFO", _rule_label(docs, item["claim"]), learned, feats))
        print(f"{split} {name}: {sum(e[0] == name for e in out)} claims against related evidence", flush=True)
    return out


def stripped(split: str, limit: int, setting: str = "gold") -> list[Example]:
    """NOT_ENOUGH_INFO claims from the sets that label every evidence sentence (Climate-FEVER): each SUPPORTED
    or REFUTED claim of the first ``limit`` checked against only the sentences its annotators found to bear
    neither way. They were retrieved for the claim from the same articles, so they share its topic and
    often its entities; what they lack is the statement itself: the case a refutation must not be read into."""
    out: list[Example] = []
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")
        if limit:
            items = items[:limit]
        for item in items:
            if item["label"] == NEI:
                continue
            rest = [ev for ev in item["evidence"] if ev.get("label") == NEI]
            if not rest or len(rest) == len(item["evidence"]):
                continue
            docs = documents([{**item, "evidence": rest}])
            learned, feats = _checked(Checker(docs, decision="learned"), item["claim"])
            out.append((name, setting, NEI, _rule_label(docs, item["claim"]), learned, feats))
        print(f"{split} {name}: {sum(e[0] == name for e in out)} claims without their bearing sentences", flush=True)
    return out


def cached(
    split: str,
    seed: int,
    pool: int,
    limit: int,
    cache: Path | None,
    *,
    missing: bool = False,
    near: bool = False,
    strip: bool = False,
    setting: str = "gold",
) -> list[Example]:
    """:func:`examples` (with ``missing``: :func:`unseen`; with ``near``: :func:`related`; with ``strip``:
    :func:`stripped`, these two under ``setting``), kept in ``cache`` (a pickle) when given."""
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            data: list[Example] = pickle.load(fh)
        return data
    if near or strip:
        data = related(split, limit, setting) if near else stripped(split, limit, setting)
    else:
        data = unseen(split, pool) if missing else examples(split, seed, pool, limit)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(data, fh)
    return data


def featurise(ex: Sequence[Example]) -> list[dict[str, float]]:
    return [claim_features([(f, stance_of(f)) for f in feats]) for *_, feats in ex]


def fit(
    xs: Sequence[dict[str, float]], ys: Sequence[str], sets: Sequence[str], l2: float, *, by_label: bool = True
) -> dict[str, Any]:
    """Multinomial logistic regression; each set weighs the same, and within a set each label (or, without
    ``by_label``, each claim)."""
    y = np.asarray([LABELS.index(c) for c in ys])
    per = Counter(zip(sets, ys, strict=True))
    labels_in = Counter(s for s, _ in per)
    n_sets = len(labels_in)
    size = Counter(sets)
    sw = np.asarray(
        [
            len(y) / (n_sets * labels_in[s] * per[(s, c)]) if by_label else len(y) / (n_sets * size[s])
            for s, c in zip(sets, ys, strict=True)
        ]
    )
    return softmax_fit(xs, y, sw, LABELS, l2, maxiter=2000)


def _recall(pairs: Sequence[tuple[str, str]], label: str) -> float:
    gold = [p for g, p in pairs if g == label]
    return sum(p == label for p in gold) / len(gold) if gold else 0.0


def _layered(rule: str, odds: VerdictOdds | None, thresholds: Mapping[str, float]) -> str:
    """The ``layered`` decision's label (:meth:`annotate.Checker.check`): the rules' when they commit, else
    the claim-level model's when its probability reaches that label's threshold, else NOT_ENOUGH_INFO."""
    if rule != NEI or odds is None or odds.label.value == NEI:
        return rule
    return odds.label.value if max(odds) >= thresholds[odds.label.value] else NEI


def _precision(rows: Sequence[tuple[str, bool]]) -> tuple[float, float]:
    """Pooled precision and the mean of the sets' precisions."""
    by: dict[str, list[bool]] = {}
    for name, ok in rows:
        by.setdefault(name, []).append(ok)
    pooled = sum(ok for _, ok in rows) / len(rows) if rows else 0.0
    return pooled, (sum(sum(v) / len(v) for v in by.values()) / len(by) if by else 0.0)


def overrule_threshold(model: dict[str, Any], ex: Sequence[Example], xs: Sequence[dict[str, float]]) -> dict[str, Any]:
    """The ``layered`` decision's thresholds, SUPPORTED and REFUTED apart: for each, the lowest probability (in
    0.05 steps from 0.35) at which the claim-level model's verdicts of that label, on the claims the rules
    leave NOT_ENOUGH_INFO, are as precise as the rules' own verdicts of that label, pooled and as a mean over
    the sets (at least 20 such claims); 1.0 (never overrule) when none is. ``ex`` holds claims without enough
    information (NOT_ENOUGH_INFO pairings) beside the sets' own, so a label said of evidence that leaves the
    claim out costs precision even on the sets that have no such claims. The model adds claims the rules
    miss without losing the precision the rules have when they commit."""
    odds = [verdict_of(x, model) if e[5] else None for e, x in zip(ex, xs, strict=True)]
    out: dict[str, Any] = {"overrule": {}, "rules_precision": {}, "tried": {}}
    for label in LABELS[:2]:
        rules = _precision([(e[0], e[2] == label) for e in ex if e[3] == label])
        out["rules_precision"][label] = [round(v, 4) for v in rules]
        out["overrule"][label] = 1.0
        tried = out["tried"].setdefault(label, {})
        for k in range(7, 20):
            t = k / 20
            rows = [
                (e[0], e[2] == label)
                for e, o in zip(ex, odds, strict=True)
                if e[3] == NEI and o is not None and o.label.value == label and max(o) >= t
            ]
            got = _precision(rows)
            tried[f"{t:.2f}"] = {"claims": len(rows), "precision": [round(v, 4) for v in got]}
            if len(rows) >= 20 and got[0] >= rules[0] and got[1] >= rules[1] and out["overrule"][label] == 1.0:
                out["overrule"][label] = t
    return out


#: The thresholds :func:`train_threshold` tries for each label (1.0: never overrule).
GRID = (*(k / 20 for k in range(7, 20)), 1.0)


def _balanced_accuracy(ex: Sequence[Example], labels: Sequence[str]) -> tuple[float, float]:
    """The mean over the sets of: half the mean accuracy over the groups of claims with evidence that bears on
    them (gold, retrieval), half that over the groups of claims without (NOT_ENOUGH_INFO: a set's own, a
    random other claim's evidence, the neither-way sentences, related evidence, the unseen pool); and its
    standard error (each group's accuracy a binomial proportion, the groups independent)."""
    hits: dict[str, dict[bool, dict[str, list[bool]]]] = {}
    for e, label in zip(ex, labels, strict=True):
        sides = hits.setdefault(e[0], {True: {}, False: {}})
        sides[e[2] != NEI].setdefault(e[1], []).append(label == e[2])
    score = variance = 0.0
    for sides in hits.values():
        present = [kinds for kinds in sides.values() if kinds]
        for kinds in present:
            weight = 1 / (len(hits) * len(present) * len(kinds))
            for v in kinds.values():
                p = sum(v) / len(v)
                score += weight * p
                variance += weight * weight * p * (1 - p) / len(v)
    return score, math.sqrt(variance)


def train_threshold(model: dict[str, Any], ex: Sequence[Example], xs: Sequence[dict[str, float]]) -> dict[str, Any]:
    """With ``--train-thresholds`` (measured, not the default): the ``layered`` decision's thresholds, SUPPORTED
    and REFUTED apart, chosen on ``train`` claims by :func:`_balanced_accuracy`, so a claim with evidence left
    open and a label said of evidence that leaves the claim out weigh the same, whatever the number of each
    kind. Of the pairs tried (each in 0.05 steps
    from 0.35, or 1.0: never overrule), the one that overrules the rules least (the highest sum) among those
    within one standard error of the best (the one-standard-error rule: a difference smaller than the
    measurement's own error does not justify overruling more). Measured on 2026-12-06 (branch h31claims):
    SUPPORTED 0.55, REFUTED never; public dev sets up, but the embedded corpus's tests get a SUPPORTED for a
    day its source states only as a month (README, "Thresholds chosen on train")."""
    odds = [verdict_of(x, model) if e[5] else None for e, x in zip(ex, xs, strict=True)]
    tried: dict[str, dict[str, float]] = {}
    scored: list[tuple[float, float, float, float]] = []
    for t_sup in GRID:
        for t_ref in GRID:
            thresholds = {"SUPPORTED": t_sup, "REFUTED": t_ref}
            labels = [_layered(e[3], o, thresholds) for e, o in zip(ex, odds, strict=True)]
            score, se = _balanced_accuracy(ex, labels)
            tried.setdefault(f"{t_sup:.2f}", {})[f"{t_ref:.2f}"] = round(score, 4)
            scored.append((score, se, t_sup, t_ref))
    best = max(scored, key=lambda r: (r[0], r[2] + r[3]))
    near = [r for r in scored if r[0] >= best[0] - best[1]]
    chosen = max(near, key=lambda r: (r[2] + r[3], r[0]))
    groups = sorted({f"{e[0]}/{e[1]}/{'evidence' if e[2] != NEI else 'none'}" for e in ex})
    return {
        "overrule": {"SUPPORTED": chosen[2], "REFUTED": chosen[3]},
        "chosen_on": "train, balanced accuracy over the groups " + ", ".join(groups),
        "balanced_accuracy": round(chosen[0], 4),
        "best": {
            "SUPPORTED": best[2],
            "REFUTED": best[3],
            "balanced_accuracy": round(best[0], 4),
            "standard_error": round(best[1], 4),
        },
        "tried": tried,
    }


def calibration_examples(cache: Path | None, train_limit: int, pool: int) -> list[Example]:
    """The ``train`` claims the layered thresholds are chosen on, each kind of claim without enough information
    a group of its own: the sets' claims (gold evidence, beside the random NEI pairings, and retrieval),
    Climate-FEVER's claims against only their neither-way sentences (``stripped``), the FEVER-family claims
    against the evidence of the claim sharing most of their words (``related``), and each set's first ``pool``
    claims against a pool of the next ones' evidence (``unseen``: many passages on the same kind of things,
    none on the claim, as a claim the corpus does not speak of meets them)."""
    out = cached("train", 1033, pool, train_limit, cache / "verdict-train.pickle" if cache else None)
    strip = cached(
        "train", 0, pool, train_limit, cache / "verdict-train-stripped.pickle" if cache else None, strip=True
    )
    near = cached("train", 0, pool, train_limit, cache / "verdict-train-related.pickle" if cache else None, near=True)
    gone = cached("train", 0, pool, 0, cache / "verdict-train-unseen.pickle" if cache else None, missing=True)
    # The caches are shared with the fitting, which files these claims under "gold"; here each is a group.
    kinds = (("stripped", strip), ("related", near), ("unseen", gone))
    return out + [(e[0], kind, *e[2:]) for kind, group in kinds for e in group]


def figures(model: dict[str, Any], ex: Sequence[Example], xs: Sequence[dict[str, float]]) -> dict[str, Any]:
    """Accuracy, macro-F1 and REFUTED recall per set and setting of the rules, "any support wins", this model
    (``combined``) and, with the model's ``layered`` threshold, the layered decision."""
    threshold: Mapping[str, float] | None = model.get("layered", {}).get("overrule")
    groups: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for (name, setting, gold, rule, learned, feats), x in zip(ex, xs, strict=True):
        g = groups.setdefault(f"{name}/{setting}", {"rules": [], "learned": [], "combined": []})
        g["rules"].append((gold, rule))
        g["learned"].append((gold, learned))
        odds = verdict_of(x, model)
        g["combined"].append((gold, odds.label.value))
        if threshold is not None:
            g.setdefault("layered", []).append((gold, _layered(rule, odds if feats else None, threshold)))
    return {
        key: {
            system: {
                "claims": len(pairs),
                "accuracy": round(sum(a == b for a, b in pairs) / len(pairs), 4),
                "macro_f1": round(macro_f1(pairs), 4),
                "refuted_recall": round(_recall(pairs, "REFUTED"), 4),
            }
            for system, pairs in g.items()
        }
        for key, g in groups.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "annotate" / "claims" / "data" / "verdict_model.json")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--pool", type=int, default=300, help="train claims per set pooled for the retrieval setting")
    ap.add_argument("--train-limit", type=int, default=800, help="train claims per set used (0: all)")
    ap.add_argument("--dev-limit", type=int, default=300, help="dev claims per set measured (0: all)")
    ap.add_argument(
        "--unseen",
        action="store_true",
        help="add the claims checked without their evidence (tried: seeds +0.014, Fool Me Twice retrieval -0.136)",
    )
    ap.add_argument(
        "--related",
        action="store_true",
        help="add NOT_ENOUGH_INFO claims checked against the evidence of the claim sharing most of their words"
        " (tried: mean combined dev accuracy 0.562 -> 0.548, Fool Me Twice gold 0.493 -> 0.423, SciFact gold"
        " 0.507 -> 0.410, the seeds' 0.714 unchanged)",
    )
    ap.add_argument(
        "--stripped",
        action="store_true",
        help="add NOT_ENOUGH_INFO claims checked against only the evidence sentences labelled as bearing neither way",
    )
    ap.add_argument("--cache", type=Path, help="keep the claims' features in this folder between runs")
    ap.add_argument(
        "--train-thresholds",
        action="store_true",
        help="choose the layered thresholds on train claims (tried: public dev up, an embedded-corpus test fails)",
    )
    ap.add_argument(
        "--keep-weights",
        action="store_true",
        help="keep the weights of --out; only choose the layered threshold and measure the dev figures again",
    )
    args = ap.parse_args()
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
    if args.keep_weights:
        if args.train_thresholds:
            return keep_weights_train(args.out, args.dev_limit, args.train_limit, args.pool, args.cache)
        return keep_weights(args.out, args.dev_limit, args.cache)
    train = cached(
        "train", 1033, args.pool, args.train_limit, args.cache / "verdict-train.pickle" if args.cache else None
    )
    if args.unseen:
        train += cached(
            "train", 0, args.pool, 0, args.cache / "verdict-train-unseen.pickle" if args.cache else None, missing=True
        )
    if args.related:
        near_cache = args.cache / "verdict-train-related.pickle" if args.cache else None
        train += cached("train", 0, args.pool, args.train_limit, near_cache, near=True)
    if args.stripped:
        strip_cache = args.cache / "verdict-train-stripped.pickle" if args.cache else None
        train += cached("train", 0, args.pool, args.train_limit, strip_cache, strip=True)
    xs = featurise(train)
    ys = [e[2] for e in train]
    sets = [e[0] for e in train]
    print(f"train claims: {len(train)} {Counter(ys)}", flush=True)
    model: dict[str, Any] = {
        "about": "annotate.claims.aggregate: the claim-level label from every passage (bench/train_verdict.py)",
        "data": {
            **{name: sources(name) for name in SETS},
            "splits": "train only (SciFact never: non-commercial licence); figures on dev",
            "stance_model": "annotate/claims/data/stance_model.json as committed (its probabilities are features)",
        },
        "training": {
            "l2": args.l2,
            "unseen": args.unseen,
            "related": args.related,
            "stripped": args.stripped,
            "train_limit": args.train_limit,
            "pool": args.pool,
            "claims": len(train),
            "labels": {f"{s}/{y}": n for (s, y), n in sorted(Counter(zip(sets, ys, strict=True)).items())},
        },
        "weights": fit(xs, ys, sets, args.l2),
    }
    dev = dev_examples(args.dev_limit, args.cache)
    dev_xs = featurise(dev)
    if args.train_thresholds:
        calibration = calibration_examples(args.cache, args.train_limit, args.pool)
        model["layered"] = train_threshold(model, calibration, featurise(calibration))
    else:
        model["layered"] = overrule_threshold(model, dev, dev_xs)
    model["train_figures"] = figures(model, train, xs)
    model["dev_figures"] = figures(model, dev, dev_xs)
    seeds = seed_examples(args.cache)
    model["seed_figures"] = figures(model, seeds, featurise(seeds))
    return _write(model, args.out)


def dev_examples(limit: int, cache: Path | None) -> list[Example]:
    """The dev claims the figures and the layered thresholds are measured on: the first ``limit`` of each set
    (gold evidence and retrieval), and as NOT_ENOUGH_INFO the same claims against the evidence of the claim
    sharing most of their words (setting ``related``, the sets without such claims) and against only the
    evidence sentences labelled as bearing neither way (setting ``stripped``, Climate-FEVER)."""
    dev = cached("dev", 2066, limit, limit, cache / "verdict-dev.pickle" if cache else None)
    dev += cached("dev", 0, limit, limit, cache / "verdict-dev-related.pickle" if cache else None, near=True,
                  setting="related")  # fmt: skip
    dev += cached("dev", 0, limit, limit, cache / "verdict-dev-stripped.pickle" if cache else None, strip=True,
                  setting="stripped")  # fmt: skip
    return dev


def seed_examples(cache: Path | None) -> list[Example]:
    """The seeds' own claims against the embedded corpus (setting ``embedded``), as ``bench_verify`` checks
    them: many long documents retrieved over, where the public sets give a few evidence sentences. Measured
    beside the dev figures (``seed_figures``) and never used to fit or to choose a threshold."""
    path = cache / "verdict-seeds.pickle" if cache else None
    if path is not None and path.exists():
        with path.open("rb") as fh:
            data: list[Example] = pickle.load(fh)
        return data
    docs = [analyze(s) for s in load()]
    learned_checker, rule_checker = Checker(docs, decision="learned"), Checker(docs, decision="rules")
    data = []
    for item in seed_items():
        learned, feats = _checked(learned_checker, item["claim"])
        data.append(("seeds", "embedded", item["label"], rule_checker.check(item["claim"]).label.value, learned, feats))
    if path is not None:
        with path.open("wb") as fh:
            pickle.dump(data, fh)
    return data


def keep_weights(out: Path, dev_limit: int, cache: Path | None) -> int:
    """Keep the weights in ``out`` as they are (and their training record); choose the layered threshold and
    measure the dev figures again on the code as it is."""
    model: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    dev = dev_examples(dev_limit, cache)
    dev_xs = featurise(dev)
    model["layered"] = overrule_threshold(model, dev, dev_xs)
    model["dev_figures"] = figures(model, dev, dev_xs)
    seeds = seed_examples(cache)
    model["seed_figures"] = figures(model, seeds, featurise(seeds))
    return _write(model, out)


def keep_weights_train(out: Path, dev_limit: int, train_limit: int, pool: int, cache: Path | None) -> int:
    """:func:`keep_weights` with the thresholds of :func:`train_threshold`, chosen on the train claims; the
    train figures are measured again too, over the claims the thresholds are chosen on (the fitted ones, the
    kinds without evidence each a group of its own)."""
    model: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    calibration = calibration_examples(cache, train_limit, pool)
    calibration_xs = featurise(calibration)
    model["layered"] = train_threshold(model, calibration, calibration_xs)
    model["train_figures"] = figures(model, calibration, calibration_xs)
    dev = dev_examples(dev_limit, cache)
    dev_xs = featurise(dev)
    model["dev_figures"] = figures(model, dev, dev_xs)
    seeds = seed_examples(cache)
    model["seed_figures"] = figures(model, seeds, featurise(seeds))
    return _write(model, out)


def _write(model: dict[str, Any], out: Path) -> int:
    shown = ("layered", "dev_figures", "seed_figures")
    print(json.dumps({key: model[key] for key in shown if key in model}, indent=1))
    out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
