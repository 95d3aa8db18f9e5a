"""Train the stance model (supports / refutes / only mentions) on public ``train`` claim files.

    python bench/train_stance.py [--out annotate/claims/data/stance_model.json]

Examples are claim-passage pairs: each claim of a set's ``train`` file is checked (rule decision,
so the features do not depend on an earlier model) against a corpus of its own evidence sentences;
every retrieved unit's features (:func:`annotate.claims.stance.pair_features`) are labelled with the
label of the evidence sentence it comes from. Symmetric FEVER gives one sentence per claim, so each
of its claims is also paired, with a fixed seed, with another claim's sentence as NOT_ENOUGH_INFO.
SciFact is never used (its licence forbids it). The model is a multinomial logistic regression with
L2 (scipy L-BFGS), classes weighted to balance; the weights, data versions and the dev figures
(pair level and, through ``bench_verify``'s gold setting, claim level) go to one JSON file.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
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
SETS = ("climate-fever", "fever-symmetric")


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


def examples(
    split: str, rng: random.Random, claims: dict[str, tuple[str, list[dict[str, float]]]] | None = None
) -> tuple[list[dict[str, float]], list[str]]:
    """Labelled pairs of a split; ``claims`` collects each claim's gold label and pair features."""
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")
        for k, item in enumerate(items):
            own = pairs_of(item, item["evidence"])
            if claims is not None:
                claims[item["id"]] = (item["label"], [f for f, _ in own])
            for f, y in own:
                xs.append(f)
                ys.append(y)
            if name == "fever-symmetric":
                other = items[(k + rng.randint(1, len(items) - 1)) % len(items)]
                if other["claim"] != item["claim"]:
                    nei = [{**ev, "label": "NOT_ENOUGH_INFO"} for ev in other["evidence"]]
                    for f, y in pairs_of(item, nei):
                        xs.append(f)
                        ys.append(y)
    return xs, ys


def fit(xs: Sequence[dict[str, float]], ys: Sequence[str], l2: float) -> dict[str, dict[str, float]]:
    vocab = sorted({k for x in xs for k in x})
    index = {k: j for j, k in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for i, x in enumerate(xs):
        for k, v in x.items():
            rows.append(i)
            cols.append(index[k])
            vals.append(v)
    x_mat = sparse.csr_matrix((vals, (rows, cols)), shape=(len(xs), len(vocab)))
    y = np.asarray([CLASSES.index(c) for c in ys])
    counts = np.bincount(y, minlength=3).astype(float)
    sw = (len(y) / (3 * np.maximum(counts, 1)))[y]
    onehot = np.eye(3)[y]
    reg = np.full((len(vocab), 3), l2)
    reg[index["bias"], :] = 0.0

    def loss(w_flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = w_flat.reshape(len(vocab), 3)
        z = x_mat @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        ll = -(sw * np.log((p * onehot).sum(axis=1) + 1e-12)).sum() / len(y)
        grad = x_mat.T @ (sw[:, None] * (p - onehot)) / len(y)
        return ll + 0.5 * float((reg * w * w).sum()), (grad + reg * w).ravel()

    res = optimize.minimize(loss, np.zeros(len(vocab) * 3), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    w = res.x.reshape(len(vocab), 3)
    return {
        c: {k: round(float(w[j, ci]), 5) for k, j in index.items() if abs(w[j, ci]) >= 1e-5}
        for ci, c in enumerate(CLASSES)
    }


def claim_label(stances: Sequence[Any], t_support: float, t_refute: float) -> str:
    """The claim's verdict as the checker reaches it: any support, else any refutation, else NEI."""
    if any(s.supports >= t_support and s.supports >= s.refutes for s in stances):
        return "SUPPORTED"
    if any(s.refutes >= t_refute for s in stances):
        return "REFUTED"
    return "NOT_ENOUGH_INFO"


def tune_decision(model: dict[str, Any], claims: dict[str, tuple[str, list[dict[str, float]]]]) -> dict[str, Any]:
    """The thresholds on the pair probabilities that give the best claim-level macro-F1 on ``claims``."""
    from annotate.claims.stance import stance_of  # noqa: PLC0415 - bench script

    stances = {cid: (gold, [stance_of(f, model) for f in feats]) for cid, (gold, feats) in claims.items()}
    best: tuple[float, float, float] = (-1.0, 0.5, 0.5)
    grid = [x / 20 for x in range(6, 20)]
    for ts in grid:
        for tr in grid:
            pairs = [(gold, claim_label(st, ts, tr)) for gold, st in stances.values()]
            f1s = []
            for lab in {g for g, _ in pairs}:
                tp = sum(g == p == lab for g, p in pairs)
                fp = sum(p == lab != g for g, p in pairs)
                fn = sum(g == lab != p for g, p in pairs)
                f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
            score = sum(f1s) / len(f1s)
            if score > best[0]:
                best = (score, ts, tr)
    return {"support": best[1], "refute": best[2], "train_claim_macro_f1": round(best[0], 4)}


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


def snapshot(repo: str) -> str:
    try:
        out = subprocess.run(
            ["git", "--git-dir", f"/work/.mirror/{repo}/repo", "log", "-1", "--format=%H"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "annotate" / "claims" / "data" / "stance_model.json")
    ap.add_argument("--l2", type=float, default=1e-3)
    args = ap.parse_args()
    rng = random.Random(1033)
    train_claims: dict[str, tuple[str, list[dict[str, float]]]] = {}
    xs, ys = examples("train", rng, train_claims)
    print(f"train pairs: {len(xs)} {Counter(ys)}")
    weights = fit(xs, ys, args.l2)
    model: dict[str, Any] = {
        "about": "annotate.claims.stance: supports / refutes / mentions per claim-passage pair (bench/train_stance.py)",
        "data": {
            "climate-fever": {
                "repo": "tdiggelm/climate-fever-dataset",
                "commit": snapshot("tdiggelm+climate-fever-dataset"),
            },
            "fever-symmetric": {"repo": "TalSchuster/FeverSymmetric", "commit": snapshot("TalSchuster+FeverSymmetric")},
            "splits": "train only (SciFact never: non-commercial licence); figures on dev",
        },
        "training": {"l2": args.l2, "pairs": len(xs), "classes": dict(Counter(ys))},
        "weights": weights,
    }
    model["decision"] = tune_decision(model, train_claims)
    model["precision_check"] = precise_decision(model, xs, ys)
    print("decision", model["decision"], "precision check", model["precision_check"])
    dx, dy = examples("dev", random.Random(2066))
    model["dev_pair_figures"] = pair_accuracy(model, dx, dy)
    print(json.dumps(model["dev_pair_figures"], indent=1))
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
