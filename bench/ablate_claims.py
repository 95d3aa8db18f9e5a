"""Feature ablation of the learned claim decisions on the public dev claims (issue 11).

    python bench/ablate_claims.py --cache DIR [--groups wn_paraphrase]

Reads the feature caches that ``bench/train_stance.py --cache DIR`` and ``bench/train_verdict.py --cache
DIR`` write (claim-passage pairs and claims of the ``train`` and ``dev`` splits, with every feature the
code computes), then, for the full feature set and for each group left out: fits the stance model on the
train pairs and chooses its "any support wins" thresholds as ``train_stance`` does, fits the claim-level
model on the train claims over that stance model's probabilities as ``train_verdict`` does, and prints
one table of dev figures: pair accuracy, and per set and setting the claim accuracy of ``learned`` and
``combined`` and the REFUTED recall of ``combined``. A group that does not pay on dev is dropped from
the code. Nothing is written but the table (and ``--json``).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import train_stance  # noqa: E402
import train_verdict  # noqa: E402

from annotate.claims.aggregate import claim_features, verdict_of  # noqa: E402
from annotate.claims.stance import stance_of  # noqa: E402

# Feature groups by name: a test on a pair feature's name (left out before the stance model) and one on
# a claim feature's name (left out before the claim-level model).
Test = Callable[[str], bool]
GROUPS: dict[str, tuple[Test, Test]] = {
    "wn_paraphrase": (lambda k: k in ("wn:hyper", "wn:sense", "lex+wn"), lambda k: False),
}


def _keep(x: Mapping[str, float], drop: Test) -> dict[str, float]:
    return {k: v for k, v in x.items() if not drop(k)}


def _load(path: Path) -> Any:
    with path.open("rb") as fh:
        return pickle.load(fh)


def run(cache: Path, drop_pair: Test, drop_claim: Test, l2: float) -> dict[str, Any]:
    """The dev figures of the stance and claim-level models fitted without the dropped features."""
    xs, ys, sets, train_claims = _load(cache / "train.pickle")
    dx, dy, _, _ = _load(cache / "dev.pickle")
    xs = [_keep(x, drop_pair) for x in xs]
    stance: dict[str, Any] = {"weights": train_stance.fit(xs, ys, sets, l2)}
    claims = {k: (n, g, [_keep(f, drop_pair) for f in fs]) for k, (n, g, fs) in train_claims.items()}
    stance["decision"] = train_stance.tune_decision(stance, claims)
    out: dict[str, Any] = {"pair_accuracy": train_stance.pair_accuracy(stance, [_keep(x, drop_pair) for x in dx], dy)}

    def featurise(examples: Sequence[train_verdict.Example]) -> tuple[list[dict[str, float]], list[str]]:
        feats, learned = [], []
        for *_, pairs in examples:
            kept = [_keep(f, drop_pair) for f in pairs]
            stances = [stance_of(f, stance) for f in kept]
            feats.append(_keep(claim_features(list(zip(kept, stances, strict=True))), drop_claim))
            d = stance["decision"]
            learned.append(train_stance.claim_label(stances, d["support"], d["refute"]))
        return feats, learned

    train = _load(cache / "verdict-train.pickle")
    dev = _load(cache / "verdict-dev.pickle")
    tx, _ = featurise(train)
    verdict = {"weights": train_verdict.fit(tx, [e[2] for e in train], [e[0] for e in train], l2)}
    vx, learned = featurise(dev)
    cells: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for (name, setting, gold, *_), x, lab in zip(dev, vx, learned, strict=True):
        cell = cells.setdefault(f"{name}/{setting}", {"learned": [], "combined": []})
        cell["learned"].append((gold, lab))
        cell["combined"].append((gold, verdict_of(x, verdict).label.value))
    out["cells"] = {
        key: {
            "learned": sum(g == p for g, p in c["learned"]) / len(c["learned"]),
            "combined": sum(g == p for g, p in c["combined"]) / len(c["combined"]),
            "combined_refuted_recall": train_verdict._recall(c["combined"], "REFUTED"),
        }
        for key, c in sorted(cells.items())
    }
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--groups", default=",".join(GROUPS))
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    variants: dict[str, tuple[Test, Test]] = {"all": (lambda k: False, lambda k: False)}
    for name in args.groups.split(","):
        variants[f"without {name}"] = GROUPS[name]
    results = {name: run(args.cache, dp, dc, args.l2) for name, (dp, dc) in variants.items()}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    keys = list(results["all"]["cells"])
    print("| variant | pair acc | " + " | ".join(keys) + " | mean combined | mean learned |")
    print("| --- " * (len(keys) + 4) + "|")
    for name, r in results.items():
        cells = r["cells"]
        row = " | ".join(
            f"{cells[k]['learned']:.3f} / {cells[k]['combined']:.3f} (R {cells[k]['combined_refuted_recall']:.2f})"
            for k in keys
        )
        mean_c = sum(cells[k]["combined"] for k in keys) / len(keys)
        mean_l = sum(cells[k]["learned"] for k in keys) / len(keys)
        print(f"| {name} | {r['pair_accuracy']['accuracy']:.3f} | {row} | {mean_c:.3f} | {mean_l:.3f} |")
    print("\n(cells: learned / combined accuracy, combined REFUTED recall; dev, first --dev-limit claims per set)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
