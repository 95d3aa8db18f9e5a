"""Train the reference field labeler (a linear-chain CRF over word tokens) on the public ``train`` files.

    python bench/train_parser.py [--data bench/data/public] [--out bibliography/data/parser_model.json]

Training data: the ``*-train.jsonl`` files of ``bench/data/public/parser/`` (AnyStyle core, gold, good,
bad, ugly and GROBID; see bench/data/DOCUMENTS.md). Each word token (:func:`bibliography.parse.tokens.tokenize`)
takes the label of the field covering most of its characters; the source labels are mapped to the
labeler's (:data:`LABEL_OF`, :data:`GROBID_LABEL_OF`). Issue numbers are labelled ``volume`` (AnyStyle
labels "12(3)" as one volume field; :mod:`bibliography.parse.labelled` splits the issue off). Each token
also carries the rule parser's reading of the string (:mod:`bibliography.parse.stacked`; the rules are
not trained, so this leaks nothing); ``--no-stack`` leaves it out, ``--every N`` trains on a sample.

The CRF is trained by L-BFGS (scipy) on the L2-regularised negative log-likelihood; forward-backward is
vectorised over sequences of equal length. Features seen fewer than ``--min-count`` times are dropped;
weights below ``--prune`` in magnitude are dropped from the written model and the rest rounded, which keeps
the file small. The model, the data versions and dev figures (token accuracy and field F1 of the labeler
alone, scored as bench/bench_documents.py scores) are written to one JSON file. Deterministic: one BLAS
thread, sorted feature order, no randomness.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize, sparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from train_lines import snapshot  # noqa: E402

from bibliography.parse.reference import parse_reference  # noqa: E402
from bibliography.parse.stacked import rule_features  # noqa: E402
from bibliography.parse.tokens import token_features, tokenize  # noqa: E402

LABELS = (
    "other", "author", "editor", "translator", "title", "container", "collection", "date", "volume", "pages",
    "place", "publisher", "edition", "url", "doi", "isbn", "number", "note",
)  # fmt: skip
LABEL_OF = {
    "author": "author", "editor": "editor", "translator": "translator", "title": "title",
    "journal": "container", "container-title": "container", "collection-title": "collection", "date": "date",
    "volume": "volume", "pages": "pages", "location": "place", "publisher": "publisher", "edition": "edition",
    "url": "url", "doi": "doi", "isbn": "isbn", "citation-number": "number", "note": "note", "genre": "note",
    "source": "note", "medium": "note", "director": "note", "producer": "note",
}  # fmt: skip
GROBID_LABEL_OF = {
    "title[level=a]": "title", "title[level=j]": "container", "title[level=s]": "collection",
    "biblScope[unit=volume]": "volume", "biblScope[type=vol]": "volume", "biblScope[type=volume]": "volume",
    "biblScope[unit=issue]": "volume", "biblScope[type=issue]": "volume", "biblScope[unit=page]": "pages",
    "biblScope[type=pp]": "pages", "biblScope[type=page]": "pages", "pubPlace": "place", "pubplace": "place",
    "idno[type=DOI]": "doi", "ptr[type=web]": "url", "idno[type=ISBN]": "isbn",
}  # fmt: skip


def source_label(label: str, analytic: bool) -> str:
    """The labeler's label for a source label (``""`` and unknown labels: ``other``, notes: ``note``)."""
    if label == "title[level=m]":
        return "container" if analytic else "title"
    if label in LABEL_OF:
        return LABEL_OF[label]
    if label in GROBID_LABEL_OF:
        return GROBID_LABEL_OF[label]
    if label.startswith(("note", "idno", "title")):
        return "note"
    return "other"


def sequence(row: dict[str, Any], stacked: bool = True) -> tuple[list[list[str]], list[int]]:
    """The token features and label indices of one parser row (``stacked``: with the rule parser's
    reading of each token, :mod:`bibliography.parse.stacked`)."""
    text = row["string"]
    analytic = any(lab == "title[level=a]" for lab, _ in row["segments"])
    chars: list[str] = []
    for lab, seg in row["segments"]:
        chars.extend([source_label(lab, analytic) if lab else "other"] * len(seg))
    toks = tokenize(text)
    # Stacking: the rule parser's reading of the string, as the labeler sees it at run time.
    feats = token_features(toks, text)
    if stacked:
        rule = rule_features(toks, text, parse_reference(text, learned=False))
        feats = [own + st for own, st in zip(feats, rule, strict=True)]
    labels = []
    for t in toks:
        counts = Counter(c for c in chars[t.start : t.end] if c != "other")
        labels.append(LABELS.index(counts.most_common(1)[0][0]) if counts else 0)
    return feats, labels


def load(data: Path, split: str) -> dict[str, list[dict[str, Any]]]:
    out = {}
    for path in sorted((data / "parser").glob(f"*-{split}.jsonl")):
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        out[path.name.removesuffix(f"-{split}.jsonl")] = [r for r in rows if tokenize(r["string"])]
    return out


def outside_fold(rows: list[dict[str, Any]], k: int, n: int) -> list[dict[str, Any]]:
    """The rows not in fold ``k`` of ``n`` (fold ``k`` holds every ``n``-th row from the ``k``-th)."""
    return [r for i, r in enumerate(rows) if i % n != k]


def in_fold(rows: list[dict[str, Any]], k: int, n: int) -> list[dict[str, Any]]:
    """The rows of fold ``k`` of ``n``."""
    return [r for i, r in enumerate(rows) if i % n == k]


class Problem:
    """The training sequences as one sparse feature matrix, grouped by length for forward-backward."""

    def __init__(self, seqs: list[tuple[list[list[str]], list[int]]], min_count: int) -> None:
        counts: Counter[str] = Counter(f for feats, _ in seqs for fs in feats for f in set(fs))
        self.features = sorted(f for f, c in counts.items() if c >= min_count)
        index = {f: i for i, f in enumerate(self.features)}
        rows: list[int] = []
        cols: list[int] = []
        y: list[int] = []
        starts: list[int] = []
        for feats, labels in seqs:
            starts.append(len(y))
            for fs, label in zip(feats, labels, strict=True):
                for j in sorted({index[f] for f in fs if f in index}):
                    rows.append(len(y))
                    cols.append(j)
                y.append(label)
        self.n = len(y)
        self.y = np.array(y)
        self.x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.n, len(self.features)))
        by_len: dict[int, list[int]] = {}
        for s, (feats, _) in zip(starts, seqs, strict=True):
            by_len.setdefault(len(feats), []).append(s)
        self.groups = [np.array(v)[:, None] + np.arange(k)[None, :] for k, v in sorted(by_len.items())]
        nl = len(LABELS)
        self.gold_trans = np.zeros((nl, nl))
        self.gold_start = np.zeros(nl)
        self.gold_end = np.zeros(nl)
        for idx in self.groups:
            lab = self.y[idx]
            np.add.at(self.gold_start, lab[:, 0], 1)
            np.add.at(self.gold_end, lab[:, -1], 1)
            if idx.shape[1] > 1:
                np.add.at(self.gold_trans, (lab[:, :-1].ravel(), lab[:, 1:].ravel()), 1)


def _lse(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return np.asarray(np.squeeze(m, axis=axis) + np.log(np.exp(a - m).sum(axis=axis)))


def objective(theta: np.ndarray, p: Problem, l2: float) -> tuple[float, np.ndarray]:
    nl = len(LABELS)
    nf = len(p.features)
    w = theta[: nf * nl].reshape(nf, nl)
    trans = theta[nf * nl : nf * nl + nl * nl].reshape(nl, nl)
    start = theta[nf * nl + nl * nl : nf * nl + nl * nl + nl]
    end = theta[nf * nl + nl * nl + nl :]
    emis = np.asarray(p.x @ w)
    marg_all = np.zeros_like(emis)
    g_trans = np.zeros((nl, nl))
    g_start = np.zeros(nl)
    g_end = np.zeros(nl)
    log_z = 0.0
    for idx in p.groups:
        e = emis[idx]
        t_len = e.shape[1]
        alpha = np.empty_like(e)
        beta = np.empty_like(e)
        alpha[:, 0] = start + e[:, 0]
        for t in range(1, t_len):
            alpha[:, t] = _lse(alpha[:, t - 1, :, None] + trans[None], 1) + e[:, t]
        beta[:, -1] = end
        for t in range(t_len - 2, -1, -1):
            beta[:, t] = _lse(trans[None] + (e[:, t + 1] + beta[:, t + 1])[:, None, :], 2)
        z = _lse(alpha[:, -1] + end, 1)
        log_z += float(z.sum())
        marg = np.exp(alpha + beta - z[:, None, None])
        marg_all[idx] = marg
        g_start += marg[:, 0].sum(0)
        g_end += marg[:, -1].sum(0)
        if t_len > 1:
            pair = alpha[:, :-1, :, None] + trans[None, None] + (e[:, 1:] + beta[:, 1:])[:, :, None, :]
            g_trans += np.exp(pair - z[:, None, None, None]).sum((0, 1))
    gold = float(emis[np.arange(p.n), p.y].sum() + (trans * p.gold_trans).sum())
    gold += float(start @ p.gold_start + end @ p.gold_end)
    marg_all[np.arange(p.n), p.y] -= 1.0
    g_w = np.asarray(p.x.T @ marg_all)
    grad = np.concatenate([g_w.ravel(), (g_trans - p.gold_trans).ravel(), g_start - p.gold_start, g_end - p.gold_end])
    loss = log_z - gold + 0.5 * l2 * float(theta @ theta)
    return loss, grad + l2 * theta


def train(p: Problem, l2: float, iters: int) -> np.ndarray:
    nl = len(LABELS)
    theta0 = np.zeros(len(p.features) * nl + nl * nl + 2 * nl)
    t0 = time.process_time()
    step = [0]

    def report(_: np.ndarray) -> None:
        step[0] += 1
        if step[0] % 25 == 0:
            print(f"  iteration {step[0]} ({time.process_time() - t0:.0f} s CPU)", flush=True)

    res = optimize.minimize(
        objective, theta0, args=(p, l2), jac=True, method="L-BFGS-B", callback=report, options={"maxiter": iters}
    )
    print(f"L-BFGS: {res.nit} iterations, loss {res.fun:.1f}, {res.message}")
    return np.asarray(res.x)


def export(theta: np.ndarray, p: Problem, prune: float) -> dict[str, Any]:
    nl = len(LABELS)
    nf = len(p.features)
    w = theta[: nf * nl].reshape(nf, nl)
    rest = theta[nf * nl :]
    weights: dict[str, list[float]] = {}
    for i, f in enumerate(p.features):
        pairs: list[float] = []
        for j in range(nl):
            if abs(w[i, j]) >= prune:
                pairs.extend([j, round(float(w[i, j]), 3)])
        if pairs:
            weights[f] = pairs
    r = [round(float(v), 3) for v in rest]
    return {
        "labels": list(LABELS),
        "transitions": [r[i * nl : (i + 1) * nl] for i in range(nl)],
        "start": r[nl * nl : nl * nl + nl],
        "end": r[nl * nl + nl :],
        "weights": weights,
    }


def dev_figures(model_path: Path, dev: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Token accuracy and field F1 (bench_documents scoring) of the labeler alone on each dev set."""
    import bench_documents as bd  # noqa: PLC0415 - bench helper, only for the figures

    import bibliography.parse.labelled as labelled  # noqa: PLC0415
    from bibliography.parse.crf import load_model, viterbi  # noqa: PLC0415 - needs the written model
    from bibliography.parse.reference import _parse  # noqa: PLC0415

    model = load_model(model_path)
    # Score the model just written, wherever --out put it (the labeler reads the packaged one).
    labelled.load_model = lambda path=None: model  # type: ignore[assignment]
    out: dict[str, Any] = {}
    for name, rows in dev.items():
        right = total = 0
        score = bd.FieldScore()
        for row in rows:
            feats, gold = sequence(row)
            pred = viterbi(model, feats)
            right += sum(a == model.labels.index(LABELS[b]) for a, b in zip(pred, gold, strict=True))
            total += len(gold)
            ref = _parse(row["string"], None, learned=True)
            score.add(bd.gold_fields(row["segments"]), bd.parsed_fields(ref))
        s = score.as_json()
        out[name] = {"token_accuracy": round(right / total, 4), "field_f1": round(s["micro_f1"], 4),
                     "exact": round(s["exact"], 4), "entries": len(rows)}  # fmt: skip
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / "bench" / "data" / "public")
    ap.add_argument("--out", type=Path, default=REPO / "bibliography" / "data" / "parser_model.json")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--iters", type=int, default=300)
    ap.add_argument("--prune", type=float, default=0.1)
    ap.add_argument("--cache", type=Path, help="reuse (or save) the trained weights here (.npy)")
    ap.add_argument(
        "--fold", metavar="K/N", help="train on the train rows outside fold K of N (for bench/train_combine.py)"
    )
    ap.add_argument("--every", type=int, default=1, help="train on every N-th train row (for quick trials)")
    ap.add_argument("--no-stack", action="store_true", help="leave out the rule parser's token fields (ablation)")
    args = ap.parse_args()
    train_rows = load(args.data, "train")
    if args.every > 1:
        train_rows = {name: rows[:: args.every] for name, rows in train_rows.items()}
    if args.fold:
        k, n = (int(x) for x in args.fold.split("/"))
        train_rows = {name: outside_fold(rows, k, n) for name, rows in train_rows.items()}
    seqs = [sequence(r, not args.no_stack) for rows in train_rows.values() for r in rows]
    p = Problem(seqs, args.min_count)
    print(f"train: {len(seqs)} strings, {p.n} tokens, {len(p.features)} features, {len(p.groups)} lengths")
    if args.cache and args.cache.exists():
        theta = np.load(args.cache)
    else:
        theta = train(p, args.l2, args.iters)
        if args.cache:
            np.save(args.cache, theta)
    model: dict[str, Any] = {
        "about": "bibliography.parse field labeler: linear-chain CRF over word tokens (bench/train_parser.py)",
        "data": {
            "anystyle": {
                "repo": "inukshuk/anystyle",
                "commit": snapshot("inukshuk+anystyle"),
                "licence": "BSD-2-Clause",
                "files": "res/parser/{core,gold,good,bad,ugly}.xml",
            },
            "grobid": {
                "repo": "kermitt2/grobid",
                "commit": snapshot("kermitt2+grobid"),
                "licence": "Apache-2.0",
                "files": "grobid-trainer/resources/dataset/citation/corpus/*.xml",
            },
            "splits": "train only (bench/data/DOCUMENTS.md); figures below on dev",
        },
        "training": {
            "l2": args.l2,
            "min_count": args.min_count,
            "stacked": not args.no_stack,
            "prune": args.prune,
            "strings": len(seqs),
            "tokens": p.n,
            "features": len(p.features),
            "sets": {k: len(v) for k, v in train_rows.items()},
        },
        **export(theta, p, args.prune),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    model["dev_figures"] = dev_figures(args.out, load(args.data, "dev"))
    print(json.dumps(model["dev_figures"], indent=1))
    print(f"{len(model['weights'])} features kept")
    args.out.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
