"""Where the article starts: a learned choice among a page's lines up to the article's end.

A scraped page opens with its site's name, menus, teasers of other stories, breadcrumbs, a byline and
a date; the first-stage chrome scores leave many of them below the chrome limits, the more so inside
the body core (the maximum-sum run of body evidence, :mod:`corpus.lines.chrome`), which often starts
at a teaser or a standfirst above the article. This stage reads every line from the page's second up
to the article's last (:mod:`corpus.lines.article_end`) as the article's first line, and scores each
start by what lies before it: how much of the page's text it leaves out and how much of what the
chrome limits keep now, how chrome-like, short, link-like and dated the lines before it are next to
those after it, the run of chrome just before it, where it stands against the core and the page's
title (:mod:`corpus.lines.title`; the title line stays wherever the start falls), and the line's own
shape. A softmax over the starts (one more option: no start, scored 0) picks one; its weights are
learned by ``bench/train_article_start.py`` from the train pages and stored in
``corpus/lines/data/article_start.json`` with their provenance and figures.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from corpus.lines.article_end import LEX_CLIP, NEAR, words_of
from corpus.lines.features import Features, is_prose

__all__ = ["MODEL_FILE", "article_start", "article_start_model", "start_features", "start_scores"]

MODEL_FILE = "article_start.json"
#: A line counts toward a stretch of body text by how far its chrome score lies below this (as
#: corpus.lines.chrome.CORE).
BODY = 0.7
#: The chrome limits of corpus.structure in the core and outside it: a line scored below them is kept
#: in the body now, and a start before it leaves it out.
KEPT_IN_CORE, KEPT = 0.75, 0.65
#: The share of the kept words a start leaves out, binned too (bound, name).
_SHARE_BINS = ((0.05, "before:kept<0.05"), (0.15, "before:kept<0.15"), (0.4, "before:kept<0.4"))
#: The line's own shapes read for the start line and the line before it.
_OWN = ("words<=3", "words<=8", "last:.", "last:w", "last::", "first:digit", "year", "label:", "words>=25")


def _best_runs(gain: Sequence[float]) -> list[float]:
    """For each ``k``, the largest sum of a run of ``gain`` within ``gain[:k]`` (0: none positive)."""
    out = [0.0]
    best = run = 0.0
    for g in gain:
        run = max(0.0, run + g)
        best = max(best, run)
        out.append(best)
    return out


def _prefix(xs: Sequence[float]) -> list[float]:
    out = [0.0]
    for x in xs:
        out.append(out[-1] + x)
    return out


class _Page(NamedTuple):
    """What every start's features are read from: the lines up to the article's end and their running sums."""

    n: int  # lines up to the article's end
    p: list[float]  # chrome scores
    lex: list[float]  # clipped word evidence
    own: Sequence[Features]  # shapes
    pre_w: list[float]  # prefix sums: words ...
    pre_kept: list[float]  # ... words the chrome limits keep now ...
    pre_pw: list[float]  # ... chrome score times words ...
    pre_short: list[float]  # ... short lines, chrome lines, word evidence, dated and prose lines
    pre_hot: list[float]
    pre_lex: list[float]
    pre_dated: list[float]
    pre_prose: list[float]
    prose: list[bool]  # whether each line is prose-shaped
    run: list[int]  # the run of chrome lines that ends at each line
    best_before: list[float]  # the strongest stretch of body text before each line ...
    best_after: list[float]  # ... and from it on
    total_kept: float


def _page(
    chrome: Sequence[float], shapes: Sequence[Features], lexical: Sequence[float], *, lo: int, hi: int, end: int,
    title: int | None,
) -> _Page:  # fmt: skip
    n = end + 1
    words = [max(1, words_of(s)) for s in shapes[:n]]
    p = list(chrome[:n])
    lex = [max(-LEX_CLIP, min(LEX_CLIP, x)) / LEX_CLIP for x in lexical[:n]]
    own = shapes[:n]
    kept = [
        w if q < (KEPT_IN_CORE if lo <= k <= hi else KEPT) and k != title else 0
        for k, (q, w) in enumerate(zip(p, words, strict=True))
    ]
    pre_w = _prefix(words)
    pre_kept = _prefix(kept)
    pre_pw = _prefix([q * w for q, w in zip(p, words, strict=True)])
    pre_short = _prefix([w <= 8 for w in words])
    pre_hot = _prefix([q >= 0.5 for q in p])
    pre_lex = _prefix(lex)
    pre_dated = _prefix([("year" in s or "first:digit" in s) for s in own])
    prose = [is_prose(s) for s in own]
    pre_prose = _prefix(prose)
    # The run of chrome lines that ends at each line (0 when the line is not chrome).
    run = [0] * n
    for k in range(n):
        if p[k] >= 0.5:
            run[k] = (run[k - 1] if k else 0) + 1
    gain = [(BODY - q) * w for q, w in zip(p, words, strict=True)]
    best_before = _best_runs(gain)
    best_after = _best_runs(gain[::-1])[::-1]
    return _Page(
        n, p, lex, own, pre_w, pre_kept, pre_pw, pre_short, pre_hot, pre_lex, pre_dated, pre_prose, prose, run,
        best_before, best_after, max(pre_kept[n], 1.0),
    )  # fmt: skip


def start_features(
    chrome: Sequence[float],
    shapes: Sequence[Features],
    lexical: Sequence[float],
    *,
    lo: int,
    hi: int,
    end: int,
    title: int | None,
) -> list[Features]:
    """The features of each start at line ``k`` for ``k`` in ``1..end`` (indices of the non-blank lines that
    ``chrome``, ``shapes``, ``lexical`` hold; ``lo..hi``: the body core; ``end``: the article's last line;
    ``title``: the title line, None when the page has none).

    >>> from corpus.lines.features import document_features
    >>> lines = ["Home", "News", "A long sentence of the article body runs on here, and on.", "Another one."]
    >>> f = start_features([0.9, 0.8, 0.1, 0.2], document_features(lines), [1.0, 0.5, 0.0, 0.0],
    ...                    lo=2, hi=3, end=3, title=None)
    >>> len(f), f[1]["core:start"], round(f[1]["before:share"], 2), f[0]["core:before"]
    (3, 1.0, 0.12, 1.0)
    """
    g = _page(chrome, shapes, lexical, lo=lo, hi=hi, end=end, title=title)
    n, p, lex, own, pre_w, pre_kept, pre_pw = g.n, g.p, g.lex, g.own, g.pre_w, g.pre_kept, g.pre_pw
    pre_short, pre_hot, pre_lex, pre_dated, pre_prose = g.pre_short, g.pre_hot, g.pre_lex, g.pre_dated, g.pre_prose
    run, best_before, best_after, total, total_kept = g.run, g.best_before, g.best_after, pre_w[n], g.total_kept
    out: list[Features] = []
    for k in range(1, n):
        m = n - k  # lines from the start on
        kept_share = pre_kept[k] / total_kept
        f: Features = {
            "bias": 1.0,
            "before:share": pre_w[k] / total,
            "before:kept": kept_share,
            "before:lines": math.log1p(k) / 4,
            "before:p": pre_pw[k] / pre_w[k],
            "after:p": (pre_pw[n] - pre_pw[k]) / (total - pre_w[k]),
            "before:short": pre_short[k] / k,
            "before:hot": pre_hot[k] / k,
            "before:lex": pre_lex[k] / k,
            "before:dated": pre_dated[k] / k,
            "before:prose": pre_prose[k] / k,
            "after:prose": (pre_prose[n] - pre_prose[k]) / m,
            "after:short": (pre_short[n] - pre_short[k]) / m,
            "near-before:p": sum(p[max(0, k - NEAR) : k]) / min(k, NEAR),
            "near-after:p": sum(p[k : k + NEAR]) / min(m, NEAR),
            "near-before:lex": max(lex[max(0, k - NEAR) : k]),
            "self:p": p[k],
            "self:lex": lex[k],
            "prev:p": p[k - 1],
            "prev:run": math.log1p(run[k - 1]) / 4,
        }
        f[next((name for bound, name in _SHARE_BINS if kept_share < bound), "before:kept>=0.4")] = 1.0
        a, b = best_before[k], best_after[k]
        if a + b > 0:
            f["before:body-run"] = a / (a + b)
        if g.prose[k]:
            f["self:prose"] = 1.0
        for key in _OWN:
            if key in own[k]:
                f["self:" + key] = 1.0
            if key in own[k - 1]:
                f["prev:" + key] = 1.0
        _place(f, k, lo, title)
        out.append(f)
    return out


def _place(f: Features, k: int, lo: int, title: int | None) -> None:
    """Add where the start at ``k`` stands against the core's first line ``lo`` and the ``title`` line."""
    if k < lo:
        f["core:before"] = 1.0
        f["core:dist"] = math.log1p(lo - k) / 4
    elif k == lo:
        f["core:start"] = 1.0
    else:
        f["core:inside"] = 1.0
        f["core:dist"] = math.log1p(k - lo) / 4
    if title is None:
        f["title:none"] = 1.0
    elif title < k:
        f["title:before"] = 1.0
        f["title:gap"] = math.log1p(k - 1 - title) / 4
        if title == k - 1:
            f["title:prev"] = 1.0
    else:
        f["title:after"] = 1.0


def _score(weights: Mapping[str, float], f: Features) -> float:
    return sum(weights.get(name, 0.0) * v for name, v in f.items())


#: The features every start has, in the order :func:`start_features` adds them.
_ALWAYS = (
    "bias", "before:share", "before:kept", "before:lines", "before:p", "after:p", "before:short", "before:hot",
    "before:lex", "before:dated", "before:prose", "after:prose", "after:short", "near-before:p", "near-after:p",
    "near-before:lex", "self:p", "self:lex", "prev:p", "prev:run",
)  # fmt: skip
_BINS = (*(name for _, name in _SHARE_BINS), "before:kept>=0.4")
_OWN_NAMES = tuple((key, "self:" + key, "prev:" + key) for key in _OWN)
_PLACE = (
    "core:before", "core:dist", "core:start", "core:inside", "title:none", "title:before", "title:gap", "title:prev",
    "title:after",
)  # fmt: skip


def start_scores(
    weights: Mapping[str, float],
    chrome: Sequence[float],
    shapes: Sequence[Features],
    lexical: Sequence[float],
    *,
    lo: int,
    hi: int,
    end: int,
    title: int | None,
) -> list[float]:
    """The score of each start at line ``k`` for ``k`` in ``1..end``: ``weights`` over :func:`start_features`,
    without building the features. Their terms are added in the order start_features adds them, so the scores
    are the same to the last bit (a feature the model has no weight for adds nothing there, as 0.0 times it).
    """
    g = _page(chrome, shapes, lexical, lo=lo, hi=hi, end=end, title=title)
    n, p, lex, own, pre_w, pre_kept, pre_pw = g.n, g.p, g.lex, g.own, g.pre_w, g.pre_kept, g.pre_pw
    total, total_kept = pre_w[n], g.total_kept
    w = [weights.get(name, 0.0) for name in _ALWAYS]
    bins = [weights.get(name, 0.0) for name in _BINS]
    body_run, self_prose = weights.get("before:body-run", 0.0), weights.get("self:prose", 0.0)
    own_w = [(key, weights.get(a, 0.0), weights.get(b, 0.0)) for key, a, b in _OWN_NAMES]
    c_before, c_dist, c_start, c_inside, t_none, t_before, t_gap, t_prev, t_after = (
        weights.get(name, 0.0) for name in _PLACE
    )
    out = []
    for k in range(1, n):
        m = n - k
        kept_share = pre_kept[k] / total_kept
        values = (
            1.0,
            pre_w[k] / total,
            kept_share,
            math.log1p(k) / 4,
            pre_pw[k] / pre_w[k],
            (pre_pw[n] - pre_pw[k]) / (total - pre_w[k]),
            g.pre_short[k] / k,
            g.pre_hot[k] / k,
            g.pre_lex[k] / k,
            g.pre_dated[k] / k,
            g.pre_prose[k] / k,
            (g.pre_prose[n] - g.pre_prose[k]) / m,
            (g.pre_short[n] - g.pre_short[k]) / m,
            sum(p[max(0, k - NEAR) : k]) / min(k, NEAR),
            sum(p[k : k + NEAR]) / min(m, NEAR),
            max(lex[max(0, k - NEAR) : k]),
            p[k],
            lex[k],
            p[k - 1],
            math.log1p(g.run[k - 1]) / 4,
        )
        z = 0.0
        for wt, v in zip(w, values, strict=True):
            z += wt * v
        z += bins[next((j for j, (bound, _) in enumerate(_SHARE_BINS) if kept_share < bound), len(_SHARE_BINS))]
        a, b = g.best_before[k], g.best_after[k]
        if a + b > 0:
            z += body_run * (a / (a + b))
        if g.prose[k]:
            z += self_prose
        this, prev = own[k], own[k - 1]
        for key, w_self, w_prev in own_w:
            if key in this:
                z += w_self
            if key in prev:
                z += w_prev
        if k < lo:
            z += c_before
            z += c_dist * (math.log1p(lo - k) / 4)
        elif k == lo:
            z += c_start
        else:
            z += c_inside
            z += c_dist * (math.log1p(k - lo) / 4)
        if title is None:
            z += t_none
        elif title < k:
            z += t_before
            z += t_gap * (math.log1p(k - 1 - title) / 4)
            if title == k - 1:
                z += t_prev
        else:
            z += t_after
        out.append(z)
    return out


def article_start(
    weights: Mapping[str, float],
    chrome: Sequence[float],
    shapes: Sequence[Features],
    lexical: Sequence[float],
    *,
    lo: int,
    hi: int,
    end: int,
    title: int | None,
    margin: float = 0.0,
) -> int:
    """The article's first line (an index into the non-blank lines, ``0..end``; 0: no start chosen): the
    start the model scores highest, when its score beats no start's (0) by more than ``margin``.

    >>> from corpus.lines.features import document_features
    >>> lines = ["Home", "News", "A long sentence of the article body runs on here, and on.", "Another one."]
    >>> args = ([0.9, 0.8, 0.1, 0.2], document_features(lines), [1.0, 0.5, 0.0, 0.0])
    >>> article_start({"bias": -1.0}, *args, lo=2, hi=3, end=3, title=None)
    0
    >>> article_start({"bias": -1.0, "core:start": 2.0}, *args, lo=2, hi=3, end=3, title=None)
    2
    """
    if end <= 0:
        return 0
    scores = start_scores(weights, chrome, shapes, lexical, lo=lo, hi=hi, end=end, title=title)
    best = max(range(len(scores)), key=scores.__getitem__)
    return best + 1 if scores[best] > margin else 0


@lru_cache(maxsize=1)
def article_start_model() -> dict[str, Any]:
    """The stored model (``weights``, ``margin``, with its provenance and figures); empty when there is none."""
    path = resources.files("corpus.lines").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
