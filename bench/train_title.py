"""Train the page-title model (:mod:`corpus.lines.title`) on the public ``train`` pages.

    python bench/train_title.py [--data bench/data/public] [--out corpus/lines/data/title_model.json]

Pages: trafilatura's and Zyte's (``pages``, ``pages-aeb``; see bench/data/DOCUMENTS.md), each with the
``<h1>`` headlines of its HTML that are a whole line of its text (``headlines``). Each page's title
candidates are read as the library reads them (:func:`corpus.structure.page_title_inputs`, after
cleaning); the right candidates are those whose text is a headline, and pages with none are left out of
the fit (an ``<h1>`` that is the site's logo or no candidate at all). The model is a softmax over a
page's candidates and "no title" (scored 0), fitted by L-BFGS (scipy) to the probability of the right
candidates, with L2 ``--l2``. Deterministic. Writes the weights, the data versions and the share of pages
whose chosen title is a headline, on train and dev (``bench_documents.py`` reports the same share for
every page with a headline).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from train_article_end import fit as fit_cuts  # noqa: E402
from train_article_end import page_sets_data  # noqa: E402

from corpus.lines.title import choose_title, title_features  # noqa: E402
from corpus.residue import find_residue  # noqa: E402
from corpus.structure import page_title_inputs  # noqa: E402

FOLDERS = ("pages", "pages-aeb")
# A page: its candidates' features and which of them are right.
Page = tuple[list[dict[str, float]], set[int]]


def load_pages(data: Path, split: str) -> list[Page]:
    """The pages of ``split`` with at least one headline."""
    out: list[Page] = []
    for folder in FOLDERS:
        path = data / folder / f"{split}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row: dict[str, Any] = json.loads(line)
            heads = set(row.get("headlines") or [])
            if not heads:
                continue
            raw = row["text"]
            removed = [(r.span.start, r.span.end) for r in find_residue(raw, "page")[0]]
            candidates, body_start, body_words = page_title_inputs(raw, removed)
            right = {k for k, c in enumerate(candidates) if " ".join(c.text.split()) in heads}
            out.append((title_features(candidates, body_start, body_words), right))
    return out


def fit(train: Sequence[Page], l2: float) -> dict[str, float]:
    """Softmax over each page's candidates and no title (score 0), fitted to the probability of the right
    ones: the article-end model's fit (:func:`train_article_end.fit`), a title for a cut, pages whose
    headline is no candidate left out."""
    return fit_cuts([(feats, right, [0.0] * (len(feats) + 1)) for feats, right in train if right], l2)


def figures(weights: dict[str, float], data: Sequence[Page]) -> dict[str, float]:
    """The share of pages whose chosen title is a headline, and of those with a headline among the candidates."""
    hit = sum(choose_title(weights, feats) in right for feats, right in data)
    reachable = sum(bool(right) for _, right in data)
    return {
        "pages": len(data),
        "title_is_headline": round(hit / len(data), 4) if data else 0.0,
        "headline_among_candidates": round(reachable / len(data), 4) if data else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / "bench" / "data" / "public")
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "lines" / "data" / "title_model.json")
    ap.add_argument("--l2", type=float, default=0.01)
    args = ap.parse_args()
    train = load_pages(args.data, "train")
    dev = load_pages(args.data, "dev")
    weights = fit(train, args.l2)
    model = {
        "about": "corpus.lines.title: which heading-like line is the page's title (bench/train_title.py)",
        "data": {
            "folders": list(FOLDERS),
            "splits": "train only; figures on train and dev",
            "gold": "the pages' <h1> headlines that are a whole line of their text",
            **page_sets_data(),
        },
        "training": {"l2": args.l2},
        "figures": {"train": figures(weights, train), "dev": figures(weights, dev)},
        "weights": weights,
    }
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(model["figures"], indent=1))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
