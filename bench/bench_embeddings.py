"""Does a sentence-embedding similarity pay as an extra feature of the learned stance decision? (issue 11)

    python bench/bench_embeddings.py [--train-limit 600] [--dev-limit 150] [--json OUT]

The candidate is WordLlama (PyPI ``wordllama``, MIT): its wheel ships its token-embedding weights
(``l2_supercat_256``, 16 MB) and tokenizer, so it runs with nothing downloaded (``WordLlama.load`` is
pointed at the installed package and downloads are disabled). Nothing here is shipped: it is measured
only, and adopted as an optional extra only if it pays.

Protocol, the same for both columns of the table: claim-passage pairs of the four trainable sets
(Climate-FEVER, FEVER, Symmetric FEVER, Fool Me Twice; the first ``--train-limit`` train claims of each,
with other claims' evidence as NOT_ENOUGH_INFO pairs where a set has none) train the multinomial
logistic model of ``bench/train_stance.py`` (same loss, L2 and set balancing); its claim-level decision
thresholds are tuned on those train claims; the first ``--dev-limit`` dev claims of every set (gold
evidence) are decided as the checker decides (any support, else any refutation, else NOT_ENOUGH_INFO).
"Without" uses the library's pair features; "with" adds the cosine similarity of the claim and the
passage unit (``emb:cos`` and two indicator bins). Prints one table and writes JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_verify import DATA, documents, load_jsonl  # noqa: E402
from train_stance import LABEL_TO_CLASS, SETS, _norm, claim_label, fit, macro_f1, tune_decision  # noqa: E402

from annotate import Checker  # noqa: E402
from annotate.claims.stance import stance_of  # noqa: E402

Pair = tuple[dict[str, float], str, str, str]  # features, class, claim text, unit text


def pairs_with_text(item: dict[str, Any], evidence: Sequence[dict[str, Any]]) -> list[Pair]:
    """Every retrieved unit of the claim against these evidence sentences, with both texts."""
    checker = Checker(documents([{"evidence": list(evidence)}]), decision="rules")
    labelled = [(_norm(ev["text"]), ev.get("label") or item["label"]) for ev in evidence]
    out: list[Pair] = []
    for cand in checker.candidates(checker.make_claim(item["claim"])):
        unit = cand.assessment.unit
        text = _norm(unit.passage.text)
        label = next((lab for ev_text, lab in labelled if text in ev_text or ev_text in text), None)
        if label is not None:
            out.append((cand.features, LABEL_TO_CLASS[label], item["claim"], unit.claim.text))
    return out


Rows = dict[str, list[tuple[str, list[Pair], list[Pair]]]]


def collect(split: str, limit: int, rng: random.Random, *, with_nei: bool) -> Rows:
    """Per set: (gold label, the claim's own pairs, other claims' evidence as NEI pairs) for the first
    ``limit`` claims of a split."""
    out: Rows = {}
    for name in SETS:
        items = load_jsonl(DATA / name / f"{split}.jsonl")[:limit]
        has_nei = any(item["label"] == "NOT_ENOUGH_INFO" for item in items)
        rows: list[tuple[str, list[Pair], list[Pair]]] = []
        for k, item in enumerate(items):
            own = pairs_with_text(item, item["evidence"])
            extra: list[Pair] = []
            if with_nei and not has_nei and len(items) > 1:
                other = items[(k + rng.randint(1, len(items) - 1)) % len(items)]
                if other["claim"] != item["claim"]:
                    extra = pairs_with_text(item, [{**ev, "label": "NOT_ENOUGH_INFO"} for ev in other["evidence"]])
            rows.append((item["label"], own, extra))
        out[name] = rows
    return out


def with_embedding(features: dict[str, float], cos: float) -> dict[str, float]:
    out = dict(features)
    out["emb:cos"] = cos
    if cos >= 0.5:
        out["emb:cos>=0.5"] = 1.0
    if cos >= 0.7:
        out["emb:cos>=0.7"] = 1.0
    return out


def evaluate(train: Rows, dev: Rows, featurise: Callable[[Pair], dict[str, float]]) -> dict[str, Any]:
    xs, ys, sets = [], [], []
    claims: dict[str, tuple[str, str, list[dict[str, float]]]] = {}
    for name, rows in train.items():
        for k, (gold, own, extra) in enumerate(rows):
            for pair in own + extra:
                xs.append(featurise(pair))
                ys.append(pair[1])
                sets.append(name)
            claims[f"{name}/{k}"] = (name, gold, [featurise(p) for p in own])
    weights = fit(xs, ys, sets, 1e-3)
    model: dict[str, Any] = {"weights": weights}
    decision = tune_decision(model, claims)
    model["decision"] = decision
    figures: dict[str, Any] = {}
    for name, rows in dev.items():
        pairs = [
            (gold, claim_label([stance_of(featurise(p), model) for p in ps], decision["support"], decision["refute"]))
            for gold, ps, _extra in rows
        ]
        figures[name] = {
            "accuracy": round(sum(g == p for g, p in pairs) / max(1, len(pairs)), 3),
            "macro_f1": round(macro_f1(pairs), 3),
            "claims": len(pairs),
        }
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train-limit", type=int, default=600)
    ap.add_argument("--dev-limit", type=int, default=150)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    import wordllama  # noqa: PLC0415 - measured only, never a dependency of the library

    t0 = time.process_time()
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    load_s = time.process_time() - t0

    train = collect("train", args.train_limit, random.Random(13), with_nei=True)
    dev = collect("dev", args.dev_limit, random.Random(13), with_nei=False)
    texts = {(p[2], p[3]) for rows in (*train.values(), *dev.values()) for _, own, extra in rows for p in own + extra}
    t0 = time.process_time()
    cos = {pair: float(model.similarity(*pair)) for pair in sorted(texts)}
    embed_s = time.process_time() - t0

    without = evaluate(train, dev, lambda p: p[0])
    with_emb = evaluate(train, dev, lambda p: with_embedding(p[0], cos[(p[2], p[3])]))

    print(f"| dev set (first {args.dev_limit} claims, gold evidence) | without | with WordLlama | change |")
    print("| --- | --- | --- | --- |")
    for name in SETS:
        a, b = without[name], with_emb[name]
        print(
            f"| {name} accuracy / macro-F1 | {a['accuracy']:.3f} / {a['macro_f1']:.3f} "
            f"| {b['accuracy']:.3f} / {b['macro_f1']:.3f} | {b['accuracy'] - a['accuracy']:+.3f} |"
        )
    mean_a = sum(without[n]["accuracy"] for n in SETS) / len(SETS)
    mean_b = sum(with_emb[n]["accuracy"] for n in SETS) / len(SETS)
    print(f"| mean accuracy | {mean_a:.3f} | {mean_b:.3f} | {mean_b - mean_a:+.3f} |")
    per_pair_ms = 1000 * embed_s / max(1, len(texts))
    print(f"\nWordLlama: load {load_s:.2f} s CPU, {per_pair_ms:.2f} ms CPU per claim-passage pair ({len(texts)} pairs)")
    if args.json:
        args.json.write_text(
            json.dumps({"without": without, "with": with_emb, "load_s": load_s, "ms_per_pair": per_pair_ms}, indent=2),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
