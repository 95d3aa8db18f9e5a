"""Train the article-start model (:mod:`corpus.lines.article_start`) on the public ``train`` pages.

    python bench/train_article_start.py [--data bench/data/public] [--out corpus/lines/data/article_start.json]

Each page is analysed as the library does now (line model, article end, title); every non-blank line from
the page's second to the article's last (the article-end model's cut, or the core's last line) is a possible
first line of the article, and "no start" one more option. The starts that are right:

* Zyte's article extraction pages (``pages-aeb``, every line labelled): from the line after the last chrome
  line before the article's first body line up to that first body line;
* trafilatura's pages: from the line after the last line holding a must-not-appear string before the first
  line holding a must-appear string, up to that line;

(the title line left aside: it stays in the body wherever the start falls), and "no start" is right too
when no chrome line lies before the article. As ``bench/train_article_end.py``, the model is a softmax over a
page's starts and no start (scored 0), fitted to the probability of the right starts (L2 ``--l2``); with
``--objective cost`` it is then fitted, from there, to the expected change in the page's checks the start
drawn from it makes (a must-appear string in the body without a start that it drops costs ``--with-cost``, a
must-not-appear string it drops gains 1, over the page's checks; a line scored below
``corpus.structure.CHROME_THRESHOLD_BEFORE_START`` stays in the body before the start). A start is taken
only when its score beats no start by ``--margin``. Deterministic. Writes the weights, the data versions and
the figures on train and dev.

Page checks passed, trafilatura / Zyte (``bench_documents.py --pages-only``; without the model dev
0.921 / 0.902, train 0.895 / 0.866), the right starts' fit and the chrome limit 0.3 before the start:
margin 4 (the default) dev 0.922 / 0.926 (must-appear 0.932 / 0.931, must-not-appear 0.912 / 0.920),
train 0.900 / 0.884; margin 3 dev 0.921 / 0.930, train 0.900 / 0.892; margin 2 dev 0.920 / 0.930;
margin 4.5 dev 0.922 / 0.922; limit 0.5 and margin 4 dev 0.921 / 0.920. Checks gained per page on dev
(``figures``, trafilatura / Zyte; each page's checks weigh one page): right starts, no margin -0.0039 /
+0.029, margin 4 +0.0014 / +0.026; with every line before the start dropped (limit 0) -0.0069 / +0.029;
the cost objective -0.0067 / +0.011 (cost L2 1e-4: -0.0052 / +0.020, a must-appear string costing 2:
-0.0067 / +0.013), at any margin up to 8 below zero on trafilatura's pages; it gains the most on the train
pages (+0.013 / +0.022) but does not carry over. Features tried and not kept: the lines and the kept words
since the last chrome line before the start (margin 4: train +0.0043 / +0.013, dev +0.0014 / +0.020).

The line model's chrome stages saw trafilatura's train pages, so their chrome scores there are surer than on
unseen pages. ``--oof 5`` scores those pages with chrome stages trained without them (as
``bench/train_article_end.py --oof``); not the default: checks gained per page, dev +0.0014 / +0.026 ->
+0.0005 / +0.024, page checks dev 0.922 / 0.926 -> 0.922 / 0.923, train 0.900 / 0.884 -> 0.898 / 0.877.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "bench" / "datasets"))

from train_article_end import Page, figures, fit, fold_models, load_rows, page_sets_data, write_model  # noqa: E402

import corpus.lines.model as line_model  # noqa: E402
from corpus import PassageKind, analyze, source_from_text  # noqa: E402
from corpus.lines.article_end import article_end, article_end_model  # noqa: E402
from corpus.lines.article_start import start_features  # noqa: E402
from corpus.lines.chrome import hard_wrapped  # noqa: E402
from corpus.lines.model import article_end_inputs  # noqa: E402
from corpus.structure import CHROME_THRESHOLD_BEFORE_START  # noqa: E402

BODY_KINDS = frozenset(
    {PassageKind.TITLE, PassageKind.HEADING, PassageKind.PARAGRAPH, PassageKind.LIST_ITEM, PassageKind.CAPTION}
)


def _norm(s: str) -> str:
    return " ".join(s.split())


def analysed_page(text: str) -> tuple[int | None, list[tuple[str, int]]]:
    """The title's line (None: no title) and the body passages (normalised text, line of their start) of
    ``text`` as the library analyses it (as ``bench_documents.py`` reads the body)."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    title = None
    body = []
    # The body as it is without an article start (each start's cost is counted against it).
    stored = line_model.article_start_model
    line_model.article_start_model = dict  # type: ignore[assignment]
    try:
        passages = analyze(source_from_text(text, "page")).passages
    finally:
        line_model.article_start_model = stored  # type: ignore[method-assign]
    for p in passages:
        if p.kind not in BODY_KINDS or p.parent is not None:
            continue
        line = bisect.bisect_right(starts, p.start) - 1
        if p.kind is PassageKind.TITLE and title is None:
            title = line
        marker = text[text.rfind("\n", 0, p.start) + 1 : p.start].strip() if p.kind is PassageKind.LIST_ITEM else ""
        body.append((_norm(f"{marker} {p.text}" if marker else p.text), line))
    return title, body


def gold_start(lines: Sequence[str], row: dict[str, Any], title: int | None) -> tuple[int, int] | None:
    """The line indices (chrome, first): the last chrome line before the article's first line (-1: none) and
    that first line, the title line left aside; None when the page shows no article line."""
    if "line_labels" in row:
        labels = {i: lab for i, lab in row["line_labels"] if i != title}
        body = [i for i, lab in labels.items() if lab == 0]
        if not body:
            return None
        first = min(body)
        return max((i for i, lab in labels.items() if lab == 1 and i < first), default=-1), first
    flat = [_norm(line) for line in lines]
    with_lines = [i for s in row["with"] for i, line in enumerate(flat) if _norm(s) in line and i != title]
    if not with_lines:
        return None
    first = min(with_lines)
    without = [
        i for s in row["without"] for i, line in enumerate(flat) if i < first and i != title and _norm(s) in line
    ]
    return max(without, default=-1), first


def check_costs(
    row: dict[str, Any],
    body: Sequence[tuple[str, int]],
    title: int | None,
    starts: Sequence[int],
    with_cost: float,
    kept: Sequence[bool] | None = None,
) -> list[float]:
    """What each start (a raw line index; no start, last) does to the page's checks, against no start: the
    must-appear strings in the body now that it drops (each ``with_cost``) less the must-not-appear strings
    in the body now that it drops, over the page's checks. A string is dropped when every body passage
    holding it starts before the start's line and none is the title (nor a line ``kept`` marks: one the chrome
    limit before the start leaves in the body)."""
    delta: list[tuple[int, float]] = []
    n = 0
    for sign, strings in ((with_cost, row["with"]), (-1.0, row["without"])):
        for s in strings:
            n += 1
            at = [line for text, line in body if _norm(s) in text]
            if at and title not in at and not (kept and any(kept[line] for line in at)):
                delta.append((max(at), sign))
    return [sum(d for last, d in delta if last < start) / max(n, 1) for start in starts] + [0.0]


@contextlib.contextmanager
def scored_by(model: dict[str, Any] | None) -> Iterator[None]:
    """Within it, the library scores lines with the line ``model`` (None: the stored one)."""
    if model is None:
        yield
        return
    stored = line_model._default_weights
    compiled = line_model._compile(model["models"])
    line_model._default_weights = lambda: compiled  # type: ignore[assignment]
    try:
        yield
    finally:
        line_model._default_weights = stored  # type: ignore[assignment]


def page_examples(row: dict[str, Any], with_cost: float, model: dict[str, Any] | None = None) -> Page | None:
    """The starts of one page and which of them are right (None: no core, a hard-wrapped text, or no gold),
    the lines scored by the line ``model`` (None: the stored one)."""
    with scored_by(model):
        return _page_examples(row, with_cost)


def _page_examples(row: dict[str, Any], with_cost: float) -> Page | None:
    text = row["text"].rstrip("\n")
    lines = text.split("\n")
    x = article_end_inputs(lines)
    if x.hi <= x.lo or hard_wrapped(x.shapes):
        return None
    model = article_end_model()
    end = article_end(
        model["weights"], x.chrome, x.shapes, x.lexical, lo=x.lo, hi=x.hi, margin=model.get("margin", 0.0)
    )
    end = min(end, x.hi)
    title_line, body = analysed_page(text)
    at = {i: k for k, i in enumerate(x.line_index)}
    title = at.get(title_line) if title_line is not None else None
    gold = gold_start(lines, row, title_line)
    if gold is None or end < 1:
        return None
    chrome_line, first = gold
    if first > x.line_index[end]:
        return None  # the article starts after the end chosen for it: no start says so
    feats = start_features(x.chrome, x.shapes, x.lexical, lo=x.lo, hi=x.hi, end=end, title=title)
    right = {k - 1 for k in range(1, end + 1) if chrome_line < x.line_index[k] <= first}
    if chrome_line < x.line_index[0]:
        right.add(len(feats))
    kept = [False] * len(lines)
    for k, i in enumerate(x.line_index):
        kept[i] = x.chrome[k] < CHROME_THRESHOLD_BEFORE_START
    costs = check_costs(row, body, title_line, [x.line_index[k] for k in range(1, end + 1)], with_cost, kept)
    return (feats, right, costs) if right else None


def pages(data: Path, split: str, folders: Sequence[str], with_cost: float, oof: int = 0) -> list[Page]:
    """The pages' examples; with ``oof``, trafilatura's train pages are scored by line models whose chrome
    stages did not see them (``oof`` folds, as bench/train_article_end.py), as the dev pages are."""
    out = []
    for folder in folders:
        rows = load_rows(data, split, folder)
        models = fold_models(data, len(rows), oof if folder == "pages" and split == "train" else 0)
        for row, model in zip(rows, models, strict=True):
            ex = page_examples(row, with_cost, model)
            if ex is not None:
                out.append(ex)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / "bench" / "data" / "public")
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "lines" / "data" / "article_start.json")
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--margin", type=float, default=4.0)
    ap.add_argument("--folders", default="pages,pages-aeb")
    ap.add_argument("--objective", choices=("cost", "right"), default="right")
    ap.add_argument("--cost-l2", type=float, default=1e-6, help="cost: the L2 weight (costs are small numbers)")
    ap.add_argument("--with-cost", type=float, default=1.0, help="cost: what a dropped must-appear string costs")
    ap.add_argument("--oof", type=int, default=0, help="score trafilatura's train pages out of fold (folds)")
    args = ap.parse_args()
    folders = args.folders.split(",")
    train = pages(args.data, "train", folders, args.with_cost, args.oof)
    weights = fit(train, args.l2)
    if args.objective == "cost":
        weights = fit(train, args.cost_l2, cost=True, start=weights)
    model: dict[str, Any] = {
        "about": "corpus.lines.article_start: where the article starts (bench/train_article_start.py)",
        "data": {**page_sets_data(), "folders": folders, "splits": "train only; figures on train and dev"},
        "training": {
            "l2": args.l2,
            "objective": args.objective,
            "cost_l2": args.cost_l2,
            "with_cost": args.with_cost,
            **({"oof": args.oof} if args.oof else {}),
        },
        "margin": args.margin,
        "weights": weights,
        "figures": {
            "train": figures(weights, train, args.margin),
            **{
                f"dev {folder}": figures(weights, pages(args.data, "dev", [folder], args.with_cost), args.margin)
                for folder in folders
            },
        },
    }
    write_model(args.out, model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
