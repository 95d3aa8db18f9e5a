"""Train the stance model (supports / refutes / only mentions) on public ``train`` claim files.

    python bench/train_stance.py [--out annotate/claims/data/stance_model.json]

Examples are claim-passage pairs: each claim of a set's ``train`` file is checked (rule decision,
so the features do not depend on an earlier model) against a corpus of its own evidence sentences;
every retrieved unit's features (:func:`annotate.claims.stance.pair_features`) are labelled with the
label of the evidence sentence it comes from. Sets without NOT_ENOUGH_INFO claims (FEVER, Symmetric
FEVER, Fool Me Twice) also pair each claim, with a fixed seed, with another claim's evidence as
NOT_ENOUGH_INFO, so the model sees passages that share a topic's words but say nothing of the claim.
SciFact is never used (its licence forbids it). The model is a multinomial logistic regression with
L2 (scipy L-BFGS), classes weighted to balance; the weights, data versions and the dev figures
(pair level and, through ``bench_verify``'s gold setting, claim level) go to one JSON file.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize, sparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_verify import DATA, documents, load_jsonl  # noqa: E402

from annotate import Checker  # noqa: E402
from annotate.claims.stance import STANCES  # noqa: E402

CLASSES = [s.value for s in STANCES]
LABEL_TO_CLASS = {"SUPPORTED": "supports", "REFUTED": "refutes", "NOT_ENOUGH_INFO": "mentions"}
SETS = ("climate-fever", "fever", "fever-symmetric", "fm2")


def _norm(text: str) -> str:
    return " ".join(text.split())


def pairs_of(item: dict[str, Any], evidence: Sequence[dict[str, Any]]) -> list[tuple[dict[str, float], str]]:
    """(features, class) for every retrieved unit of the claim against these evidence sentences."""
    docs = documents([{"evidence": list(evidence)}])
    checker = Checker(docs, decision="rules")
    labelled = [(_norm(ev["text"]), ev.get("label") or item["label"]) for ev in evidence]
    out = []
    for cand in checker.candidates(checker.make_claim(item["claim"])):
        text = _norm(cand.assessment.unit.passage.text)
        label = next((lab for ev_text, lab in labelled if text in ev_text or ev_text in text), None)
        if label is not None:
            out.append((cand.features, LABEL_TO_CLASS[label]))
    return out


Claims = dict[str, tuple[str, str, list[dict[str, float]]]]


def examples(
    split: str, rng: random.Random, claims: Claims | None = None
) -> tuple[list[dict[str, float]], list[str], list[str]]:
    """Labelled pairs of a split and the set each comes from; ``claims`` collects each claim's set,
    gold label and pair features."""
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    sets: list[str] = []
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")
        has_nei = any(item["label"] == "NOT_ENOUGH_INFO" for item in items)
        for k, item in enumerate(items):
            own = pairs_of(item, item["evidence"])
            if claims is not None:
                claims[f"{name}/{item['id']}"] = (name, item["label"], [f for f, _ in own])
            pairs = list(own)
            if not has_nei:
                other = items[(k + rng.randint(1, len(items) - 1)) % len(items)]
                if other["claim"] != item["claim"]:
                    nei = [{**ev, "label": "NOT_ENOUGH_INFO"} for ev in other["evidence"]]
                    pairs += pairs_of(item, nei)
            for f, y in pairs:
                xs.append(f)
                ys.append(y)
                sets.append(name)
    return xs, ys, sets


def cached_examples(
    split: str, seed: int, cache: Path | None
) -> tuple[list[dict[str, float]], list[str], list[str], Claims]:
    """:func:`examples`, kept in ``cache`` (a pickle) when given, so that trying another
    regularisation or decision rule does not recompute every pair's features."""
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            data: tuple[list[dict[str, float]], list[str], list[str], Claims] = pickle.load(fh)
        return data
    claims: Claims = {}
    xs, ys, sets = examples(split, random.Random(seed), claims)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump((xs, ys, sets, claims), fh)
    return xs, ys, sets, claims


def softmax_fit(
    xs: Sequence[dict[str, float]],
    y: np.ndarray,
    sw: np.ndarray,
    labels: Sequence[str],
    l2: float,
    *,
    maxiter: int = 1000,
) -> dict[str, dict[str, float]]:
    """Multinomial logistic regression with sample weights ``sw`` and L2 (not on ``bias``), by L-BFGS;
    ``y`` holds each example's index into ``labels``. Weights below 1e-5 are left out."""
    vocab = sorted({k for x in xs for k in x})
    index = {k: j for j, k in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for i, x in enumerate(xs):
        for k, v in x.items():
            rows.append(i)
            cols.append(index[k])
            vals.append(v)
    x_mat = sparse.csr_matrix((vals, (rows, cols)), shape=(len(xs), len(vocab)))
    k_classes = len(labels)
    onehot = np.eye(k_classes)[y]
    reg = np.full((len(vocab), k_classes), l2)
    reg[index["bias"], :] = 0.0

    def loss(w_flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = w_flat.reshape(len(vocab), k_classes)
        z = x_mat @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        ll = -(sw * np.log((p * onehot).sum(axis=1) + 1e-12)).sum() / len(y)
        grad = x_mat.T @ (sw[:, None] * (p - onehot)) / len(y)
        return ll + 0.5 * float((reg * w * w).sum()), (grad + reg * w).ravel()

    res = optimize.minimize(
        loss, np.zeros(len(vocab) * k_classes), jac=True, method="L-BFGS-B", options={"maxiter": maxiter}
    )
    w = res.x.reshape(len(vocab), k_classes)
    return {
        c: {k: round(float(w[j, ci]), 5) for k, j in index.items() if abs(w[j, ci]) >= 1e-5}
        for ci, c in enumerate(labels)
    }


def fit(
    xs: Sequence[dict[str, float]], ys: Sequence[str], sets: Sequence[str], l2: float
) -> dict[str, dict[str, float]]:
    """Multinomial logistic regression; every class and every set weighs the same in the loss, so
    the largest set (FEVER) does not decide alone."""
    y = np.asarray([CLASSES.index(c) for c in ys])
    counts = np.bincount(y, minlength=3).astype(float)
    sw = (len(y) / (3 * np.maximum(counts, 1)))[y]
    per_set = Counter(sets)
    sw = sw * np.asarray([len(y) / (len(per_set) * per_set[name]) for name in sets])
    return softmax_fit(xs, y, sw, CLASSES, l2)


def claim_label(stances: Sequence[Any], t_support: float, t_refute: float) -> str:
    """The claim's verdict as the checker reaches it: any support, else any refutation, else NEI."""
    if any(s.supports >= t_support and s.supports >= s.refutes for s in stances):
        return "SUPPORTED"
    if any(s.refutes >= t_refute for s in stances):
        return "REFUTED"
    return "NOT_ENOUGH_INFO"


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    f1s = []
    for lab in {g for g, _ in pairs}:
        tp = sum(g == p == lab for g, p in pairs)
        fp = sum(p == lab != g for g, p in pairs)
        fn = sum(g == lab != p for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def tune_decision(model: dict[str, Any], claims: Claims) -> dict[str, Any]:
    """The thresholds on the pair probabilities that give the best claim-level macro-F1 on ``claims``,
    averaged over the sets so each counts the same."""
    from annotate.claims.stance import stance_of  # noqa: PLC0415 - bench script

    stances = [(name, gold, [stance_of(f, model) for f in feats]) for name, gold, feats in claims.values()]
    best: tuple[float, float, float] = (-1.0, 0.5, 0.5)
    grid = [x / 20 for x in range(6, 20)]
    for ts in grid:
        for tr in grid:
            by_set: dict[str, list[tuple[str, str]]] = {}
            for name, gold, st in stances:
                by_set.setdefault(name, []).append((gold, claim_label(st, ts, tr)))
            score = sum(macro_f1(pairs) for pairs in by_set.values()) / len(by_set)
            if score > best[0]:
                best = (score, ts, tr)
    return {"support": best[1], "refute": best[2], "train_claim_macro_f1_mean_over_sets": round(best[0], 4)}


def precise_decision(model: dict[str, Any], xs: Sequence[dict[str, float]], ys: Sequence[str]) -> dict[str, Any]:
    """Thresholds at which the model may overrule the rules, chosen on the train pairs.

    Reported, not used: the lowest probability at which the model's supports (refutations) among the
    pairs the rules leave as mentions are as precise on the train pairs as the rules' own; None when
    no threshold is. It says whether the model could overrule the rules without losing precision.
    """
    from annotate.claims.stance import stance_of  # noqa: PLC0415 - bench script

    out: dict[str, Any] = {"rule": "the model decides only pairs the rules leave as mentions"}
    for cls, key in (("supports", "support"), ("refutes", "refute")):
        ruled = [y for x, y in zip(xs, ys, strict=True) if x.get(f"rule:{cls}")]
        rule_precision = sum(y == cls for y in ruled) / len(ruled) if ruled else 1.0
        pairs = [(stance_of(x, model), y) for x, y in zip(xs, ys, strict=True) if x.get("rule:mentions")]
        chosen = None
        for k in range(10, 20):
            threshold = k / 20
            picked = [y for s, y in pairs if (s.supports if cls == "supports" else s.refutes) >= threshold]
            if len(picked) >= 20 and sum(y == cls for y in picked) / len(picked) >= rule_precision:
                chosen = threshold
                break
        out[key] = chosen
        out[f"{key}_rule_precision"] = round(rule_precision, 4)
    return out


def pair_accuracy(model: dict[str, Any], xs: Sequence[dict[str, float]], ys: Sequence[str]) -> dict[str, Any]:
    from annotate.claims.stance import stance_of  # noqa: PLC0415 - bench script

    right = Counter()
    total = Counter(ys)
    for x, y in zip(xs, ys, strict=True):
        right[y] += stance_of(x, model).relation.value == y
    return {
        "accuracy": sum(right.values()) / max(1, len(ys)),
        "recall": {c: right[c] / total[c] for c in total},
        "pairs": len(ys),
    }


def sources(name: str) -> list[dict[str, str]]:
    """The repositories and commits a set was converted from (its ``SOURCE.json``)."""
    data = json.loads((DATA / name / "SOURCE.json").read_text(encoding="utf-8"))
    return [{"repo": s["repo"], "commit": s["commit"]} for s in data["sources"]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "annotate" / "claims" / "data" / "stance_model.json")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--cache", type=Path, help="keep the pairs' features in this folder between runs")
    args = ap.parse_args()
    cache = args.cache
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    xs, ys, sets, train_claims = cached_examples("train", 1033, cache / "train.pickle" if cache else None)
    print(f"train pairs: {len(xs)} {Counter(ys)}")
    weights = fit(xs, ys, sets, args.l2)
    model: dict[str, Any] = {
        "about": "annotate.claims.stance: supports / refutes / mentions per claim-passage pair (bench/train_stance.py)",
        "data": {
            **{name: sources(name) for name in SETS},
            "splits": "train only (SciFact never: non-commercial licence); figures on dev",
        },
        "training": {"l2": args.l2, "pairs": len(xs), "classes": dict(Counter(ys))},
        "weights": weights,
    }
    model["decision"] = tune_decision(model, train_claims)
    model["precision_check"] = precise_decision(model, xs, ys)
    print("decision", model["decision"], "precision check", model["precision_check"])
    dx, dy, _, _ = cached_examples("dev", 2066, cache / "dev.pickle" if cache else None)
    model["dev_pair_figures"] = pair_accuracy(model, dx, dy)
    print(json.dumps(model["dev_pair_figures"], indent=1))
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
