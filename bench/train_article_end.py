"""Train the article-end model (:mod:`corpus.lines.article_end`) on the public ``train`` pages.

    python bench/train_article_end.py [--data bench/data/public] [--out corpus/lines/data/article_end.json]

Each page's lines are scored by the stored line model (``corpus/lines/data/line_model.json``); every line of
its body core is a possible last line of the article, and "no cut" one more option. The cuts that are right:

* Zyte's article extraction pages (``pages-aeb``, every line labelled): from the article's last body line up
  to the line before the first chrome line after it (unlabelled lines between may go either way);
* trafilatura's pages: from the last line holding a must-appear string up to the line before the first
  line after it holding a must-not-appear string;

"no cut" is right when that stretch reaches the core's end. The model is a softmax over a page's cuts
(linear scores, no cut scored 0; scipy L-BFGS). It is first fitted to the probability of the right cuts
(L2 ``--l2``), then, from there, to the expected change in the page's checks the cut drawn from it
makes (``--objective cost``: a must-appear string it drops costs 1, a must-not-appear string it drops
gains 1, over the page's checks; L2 ``--cost-l2``): a cut that drops half an article is then worse than
one a line off, which the right cuts alone do not say. Fitted to the cost alone from zero, the model
learns never to cut (any spread of the softmax over cuts costs more than it gains).

The line model saw trafilatura's train pages, so their chrome scores are surer than on unseen pages;
Zyte's pages it did not see. ``--oof 5`` scores trafilatura's train pages with chrome stages trained
without them instead (not the default: dev page checks 0.913 / 0.848 against 0.914 / 0.848 with the
right-cut objective). Deterministic. Writes the weights, the data versions and the figures on train and dev.

Dev page checks passed, trafilatura / Zyte (``bench_documents.py --pages-only``; 0.904 / 0.835 without
the model; measured before hard-wrapped texts were left uncut, which gives 0.920 / 0.857 with this default):
right cuts only 0.914 / 0.848 (margin -1: 0.922 / 0.856); the expected cost 0.921 / 0.859
(must-appear 0.938 -> 0.929 and 0.848 -> 0.840, must-not-appear 0.871 -> 0.912 and 0.822 -> 0.877); with a
dropped must-appear string costing 2 or 1.5: 0.918 / 0.839 and 0.917 / 0.823; cost L2 1e-5: 0.919 / 0.856.
Trained on one set alone (right cuts): Zyte's 0.915 / 0.835, trafilatura's 0.912 / 0.835.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import optimize

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "bench" / "datasets"))

from train_lines import snapshot  # noqa: E402

from corpus.lines.article_end import cut_features  # noqa: E402
from corpus.lines.model import article_end_inputs, line_model  # noqa: E402

# The cuts' features, the right cuts (len(cuts): no cut), and each cut's cost in checks (check_costs).
Page = tuple[list[dict[str, float]], set[int], list[float]]


def _norm(s: str) -> str:
    return " ".join(s.split())


def gold_cuts(lines: Sequence[str], row: dict[str, Any]) -> tuple[int, int] | None:
    """The line indices (last, stop): the article's last line, and the first chrome line after it (or
    the number of lines), or None when the page shows no article line."""
    if "line_labels" in row:
        labels = dict(row["line_labels"])
        body = [i for i, lab in labels.items() if lab == 0]
        if not body:
            return None
        last = max(body)
        stop = min((i for i, lab in labels.items() if lab == 1 and i > last), default=len(lines))
        return last, stop
    flat = [_norm(line) for line in lines]
    with_lines = [i for s in row["with"] for i, line in enumerate(flat) if _norm(s) in line]
    if not with_lines:
        return None
    last = max(with_lines)
    without = [i for s in row["without"] for i, line in enumerate(flat) if i > last and _norm(s) in line]
    return last, min(without, default=len(lines))


def page_examples(row: dict[str, Any], model: dict[str, Any] | None = None) -> Page | None:
    """The cuts of one page and which of them are right (None: no core, or no gold), the lines scored by
    the line ``model`` (None: the stored one)."""
    lines = row["text"].rstrip("\n").split("\n")
    x = article_end_inputs(lines, model=model)
    gold = gold_cuts(lines, row)
    if gold is None or x.hi <= x.lo:
        return None
    last, stop = gold
    if x.line_index[x.lo] > last:
        return None  # the article ends before the core begins: no cut says so
    cuts = cut_features(x.chrome, x.shapes, x.lexical, x.lo, x.hi)
    # Cutting after non-blank line k keeps the lines up to x.line_index[k]: right when it keeps the article's
    # last line and drops the first chrome line after it (k == hi: no cut, right too when the article
    # runs past the core).
    right = {k - x.lo for k in range(x.lo, x.hi + 1) if last <= x.line_index[k] < stop}
    if x.line_index[x.hi] < last:
        right = {len(cuts)}
    return (cuts, right, check_costs(lines, row, x, WITH_COST)) if right else None


#: What a must-appear string the cut drops costs, against 1 for a must-not-appear string it leaves.
WITH_COST = 1.0
#: The chrome limits of corpus.structure inside and outside the core: a line scored below them stays in the body.
KEPT_IN_CORE, KEPT = 0.75, 0.65


def check_costs(lines: Sequence[str], row: dict[str, Any], x: Any, with_cost: float = 1.0) -> list[float]:
    """What each cut (and no cut, last) does to the page's checks, against no cut: the must-appear strings
    it drops (each ``with_cost``) less the must-not-appear strings it drops, over the page's checks. A string
    counts on the first line holding it, and only when no cut leaves that line in the body."""
    flat = [_norm(line) for line in lines]
    at = {i: k for k, i in enumerate(x.line_index)}
    delta = [0.0] * len(lines)
    n = 0
    for sign, strings in ((with_cost, row["with"]), (-1.0, row["without"])):
        for s in strings:
            n += 1
            i = next((i for i, line in enumerate(flat) if _norm(s) in line), None)
            k = at.get(i) if i is not None else None
            if k is None:
                continue
            limit = KEPT_IN_CORE if x.lo <= k <= x.hi else KEPT
            if x.chrome[k] < limit:
                delta[i] += sign
    # A cut after line x.line_index[k] drops every line after it.
    suffix = [0.0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + delta[i]
    return [suffix[x.line_index[k] + 1] / max(n, 1) for k in range(x.lo, x.hi)] + [0.0]


def load_rows(data: Path, split: str, folder: str) -> list[dict[str, Any]]:
    path = data / folder / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pages(data: Path, split: str, folders: Sequence[str], oof: int = 0) -> list[Page]:
    """The pages' examples; with ``oof``, trafilatura's train pages are scored by line models whose
    chrome stages did not see them (``oof`` folds), as the dev pages are."""
    out = []
    for folder in folders:
        rows = load_rows(data, split, folder)
        models = fold_models(data, len(rows), oof if folder == "pages" and split == "train" else 0)
        for row, model in zip(rows, models, strict=True):
            ex = page_examples(row, model)
            if ex is not None:
                out.append(ex)
    return out


def fold_models(data: Path, n: int, oof: int) -> list[dict[str, Any] | None]:
    """For each of ``n`` train pages, the line model whose chrome stages did not see it (``oof`` folds,
    page ``i`` held out in fold ``i % oof``); None for each (the stored model) when ``oof`` is 0."""
    models: list[dict[str, Any] | None] = [None] * n
    for k in range(oof):
        held = set(range(k, n, oof))
        fold_model = chrome_fold_model(data, held)
        for i in held:
            models[i] = fold_model
    return models


def chrome_fold_model(data: Path, held: set[int]) -> dict[str, Any]:
    """The stored line model with its two chrome stages trained as ``bench/train_lines.py`` trains them,
    without the train pages numbered in ``held``."""
    import train_lines  # noqa: PLC0415 - a sibling script, read only for this

    args = argparse.Namespace(l2=1e-4, min_docs=8)
    stored = line_model()
    assert not stored["training"].get("aeb"), "the stored chrome model saw Zyte's pages: fold them out too"
    assert (stored["training"]["l2"], stored["training"]["min_docs"]) == (args.l2, args.min_docs)
    train_pages = [d for i, d in enumerate(train_lines.page_docs(data, "train")) if i not in held]
    chrome_finder = train_lines.finder_docs(data, "train", paginated=False)
    train_lines.prose_lines_as_body(chrome_finder)
    docs = train_pages + chrome_finder
    chrome = train_lines.fit_chrome(train_lines.chrome_examples(docs), args)
    stacked_ex = train_lines.chrome_context_examples(docs, train_lines.chrome_oof(docs, args))
    stacked = train_lines.fit(stacked_ex, l2=args.l2, min_docs=1, balance=True)
    return {**stored, "models": {**stored["models"], "chrome": chrome, "chrome_context": stacked}}


def fit(
    train: Sequence[Page], l2: float, cost: bool = False, start: dict[str, float] | None = None
) -> dict[str, float]:
    """Softmax over each page's cuts and no cut (score 0), fitted to the total probability of its right ones."""
    names = sorted({k for cuts, *_ in train for f in cuts for k in f})
    index = {k: j for j, k in enumerate(names)}
    mats = []
    for cuts, right, costs in train:
        m = np.zeros((len(cuts) + 1, len(names)))  # the last row, no cut, stays 0
        for r, f in enumerate(cuts):
            for k, v in f.items():
                m[r, index[k]] = v
        mask = np.zeros(len(cuts) + 1, dtype=bool)
        mask[sorted(right)] = True
        mats.append((m, mask, np.asarray(costs)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total = 0.5 * l2 * float(w @ w) * len(mats)
        grad = l2 * w * len(mats)
        for m, mask, c in mats:
            z = m @ w
            e = np.exp(z - z.max())
            p = e / e.sum()
            if cost:
                # The expected cost of the cut drawn from p, and its gradient.
                ec = float(p @ c)
                total += ec
                grad += m.T @ (p * (c - ec))
                continue
            pr = p[mask].sum()
            total -= float(np.log(pr + 1e-300))
            # d(-log sum of the right cuts' p)/dw = E_p[x] - E_p[x | right]
            grad += m.T @ p - m[mask].T @ (p[mask] / pr)
        return total / len(mats), grad / len(mats)

    w0 = np.asarray([(start or {}).get(k, 0.0) for k in names])
    res = optimize.minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return {k: round(float(v), 5) for k, v in zip(names, res.x, strict=True)}


def figures(weights: dict[str, float], data: Sequence[Page], margin: float) -> dict[str, float]:
    """Share of pages whose chosen cut is right, among those where no cut is right and those needing a cut."""
    hit = hit_none = n_none = hit_cut = n_cut = 0
    loss = 0.0
    for cuts, right, costs in data:
        scores = [sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in cuts]
        best = max(range(len(scores)), key=scores.__getitem__) if scores else 0
        choice = best if scores and scores[best] > margin else len(cuts)
        ok = choice in right
        loss += costs[choice]
        hit += ok
        if len(cuts) in right:
            n_none += 1
            hit_none += ok
        else:
            n_cut += 1
            hit_cut += ok
    return {
        "pages": len(data),
        "right": round(hit / len(data), 4) if data else 0.0,
        "no_cut_pages": n_none,
        "no_cut_right": round(hit_none / n_none, 4) if n_none else 0.0,
        "cut_pages": n_cut,
        "cut_right": round(hit_cut / n_cut, 4) if n_cut else 0.0,
        "checks_gained_per_page": round(-loss / len(data), 4) if data else 0.0,
    }


def page_sets_data() -> dict[str, dict[str, str]]:
    """The page sets' sources and snapshot commits, for a model file's provenance."""
    return {
        "trafilatura": {
            "repo": "adbar/trafilatura",
            "commit": snapshot("adbar+trafilatura"),
            "licence": "Apache-2.0",
        },
        "article-extraction-benchmark": {
            "repo": "scrapinghub/article-extraction-benchmark",
            "commit": snapshot("scrapinghub+article-extraction-benchmark"),
            "licence": "MIT",
        },
    }


def write_model(out: Path, model: dict[str, Any]) -> None:
    """Print a page model's figures and weights, and write it to ``out`` as the repository keeps it."""
    print(json.dumps(model["figures"], indent=1))
    print(json.dumps(model["weights"], indent=1))
    out.write_text(json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / "bench" / "data" / "public")
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "lines" / "data" / "article_end.json")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--folders", default="pages,pages-aeb")
    ap.add_argument(
        "--objective",
        choices=("cost", "right"),
        default="cost",
        help="cost: the expected change in page checks, from the right-cut fit on; right: the right cuts' probability",
    )
    ap.add_argument("--cost-l2", type=float, default=1e-6, help="cost: the L2 weight (costs are small numbers)")
    ap.add_argument("--oof", type=int, default=0, help="score trafilatura's train pages out of fold (folds)")
    ap.add_argument("--with-cost", type=float, default=1.0, help="cost: what a dropped must-appear string costs")
    args = ap.parse_args()
    global WITH_COST  # noqa: PLW0603 - read by page_examples
    WITH_COST = args.with_cost
    folders = args.folders.split(",")
    train = pages(args.data, "train", folders, args.oof)
    weights = fit(train, args.l2)
    if args.objective == "cost":
        # From the right-cut fit on: fitted to the cost alone from zero, every cut is priced out.
        weights = fit(train, args.cost_l2, cost=True, start=weights)
    model: dict[str, Any] = {
        "about": "corpus.lines.article_end: where the article ends in the body core (bench/train_article_end.py)",
        "data": {
            **page_sets_data(),
            "folders": folders,
            "splits": "train only; figures on train and dev",
        },
        "training": {
            "l2": args.l2,
            "oof": args.oof,
            "objective": args.objective,
            "cost_l2": args.cost_l2,
            "with_cost": args.with_cost,
        },
        "margin": args.margin,
        "weights": weights,
        "figures": {
            "train": figures(weights, train, args.margin),
            **{f"dev {folder}": figures(weights, pages(args.data, "dev", [folder]), args.margin) for folder in folders},
        },
    }
    write_model(args.out, model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
