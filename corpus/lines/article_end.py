"""Where the article ends inside the body core: a learned choice among the core's lines.

The body core (:func:`corpus.lines.chrome.chrome_context`) is the maximum-sum run of body evidence
over the lines, so chrome after an article whose lines read like prose (a comment thread, an author's
note, teasers of related stories, a newsletter box) is kept in it when it outweighs the menu between.
This stage reads every line of the core as the article's possible last line, and scores each cut by
what lies after it: how much of the core it leaves out, how chrome-like the lines after it are next to
those before it, how short and how alike they are, what the first line after it is shaped like and
what its words weigh in the first-stage chrome model. A softmax over the cuts (one more option: no cut)
picks one; its weights are learned by ``bench/train_article_end.py`` from the train pages and stored in
``corpus/lines/data/article_end.json`` with their provenance and figures.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from corpus.lines.features import Features, is_prose

__all__ = ["MODEL_FILE", "article_end", "article_end_model", "cut_features", "words_of"]

MODEL_FILE = "article_end.json"
#: Lines read one by one on each side of a cut.
NEAR = 3
#: A line's word evidence is clipped to this many logit units either way (as in corpus.lines.chrome).
LEX_CLIP = 4.0


def words_of(shape: Features) -> int:
    """The number of words of a line, from its shape (which stores ``log1p(n) / 4``)."""
    return round(math.expm1(shape["words"] * 4))


#: The share of the core's words after a cut, binned too (bound, name).
_SHARE_BINS = ((0.1, "after:share<0.1"), (0.3, "after:share<0.3"), (0.6, "after:share<0.6"))
#: A line counts toward a stretch of body text by how far its chrome score lies below this (as
#: corpus.lines.chrome.CORE).
BODY = 0.7


def _best_runs(gain: Sequence[float]) -> list[float]:
    """For each ``k``, the largest sum of a run of ``gain`` within ``gain[: k + 1]`` (0: none positive)."""
    out = []
    best = run = 0.0
    for g in gain:
        run = max(0.0, run + g)
        best = max(best, run)
        out.append(best)
    return out


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def cut_features(
    chrome: Sequence[float], shapes: Sequence[Features], lexical: Sequence[float], lo: int, hi: int
) -> list[Features]:
    """The features of each cut after line ``k`` for ``k`` in ``lo..hi - 1`` (``lo..hi``: the core, in
    indices of the non-blank lines that ``chrome``, ``shapes``, ``lexical`` hold; no cut has none).

    >>> from corpus.lines.features import document_features
    >>> lines = ["A long sentence of the article body runs on here.", "Leave a comment", "Nice."]
    >>> cuts = cut_features([0.1, 0.6, 0.4], document_features(lines), [0.0, 1.0, 0.0], 0, 2)
    >>> len(cuts), round(cuts[0]["after:share"], 2), cuts[1]["next:words<=3"]
    (2, 0.29, 1.0)
    """
    words = [max(1, words_of(s)) for s in shapes[lo : hi + 1]]
    p = list(chrome[lo : hi + 1])
    lex = [max(-LEX_CLIP, min(LEX_CLIP, x)) / LEX_CLIP for x in lexical[lo : hi + 1]]
    short = [w <= 8 for w in words]
    hot = [q >= 0.5 for q in p]
    own = shapes[lo : hi + 1]
    # Comment threads and teaser lists repeat a shape: a date or a number in each head, a colon at the end.
    dated = [("year" in s or "first:digit" in s) for s in own]
    colon = ["last::" in s for s in own]
    prose = [is_prose(s) for s in own]
    total = sum(words)
    n = len(p)
    # Suffix sums, so each cut's "after" figures cost one look-up.
    suf_w = [0.0] * (n + 1)
    suf_pw = [0.0] * (n + 1)
    suf_short = [0] * (n + 1)
    suf_hot = [0] * (n + 1)
    suf_lex = [0.0] * (n + 1)
    suf_dated = [0] * (n + 1)
    suf_colon = [0] * (n + 1)
    suf_prose = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        suf_w[k] = suf_w[k + 1] + words[k]
        suf_pw[k] = suf_pw[k + 1] + p[k] * words[k]
        suf_short[k] = suf_short[k + 1] + short[k]
        suf_hot[k] = suf_hot[k + 1] + hot[k]
        suf_lex[k] = suf_lex[k + 1] + lex[k]
        suf_dated[k] = suf_dated[k + 1] + dated[k]
        suf_colon[k] = suf_colon[k + 1] + colon[k]
        suf_prose[k] = suf_prose[k + 1] + prose[k]
    # The run of chrome lines from each line on (0 when the line is not chrome), in lines and in words:
    # a menu or a share bar between the article and what follows it is where a cut belongs.
    run = [0] * (n + 1)
    run_w = [0.0] * (n + 1)
    for k in range(n - 1, -1, -1):
        if hot[k]:
            run[k] = run[k + 1] + 1
            run_w[k] = run_w[k + 1] + words[k]
    # The strongest stretch of body text before and after each cut (the maximum-sum run of (BODY - chrome
    # score) * words, as the core itself): a cut with as strong a stretch after it as before it cuts an
    # article in two, however chrome-like a block inside it is.
    gain = [(BODY - q) * w for q, w in zip(p, words, strict=True)]
    best_before = _best_runs(gain)
    best_after = _best_runs(gain[::-1])[::-1]
    out: list[Features] = []
    for k in range(n - 1):
        m = n - 1 - k  # lines after the cut
        before_w = total - suf_w[k + 1]
        nxt = shapes[lo + k + 1]
        f: Features = {
            "bias": 1.0,
            "after:share": suf_w[k + 1] / total,
            "after:lines": math.log1p(m) / 4,
            "after:p": suf_pw[k + 1] / suf_w[k + 1],
            "before:p": (suf_pw[0] - suf_pw[k + 1]) / before_w,
            "after:short": suf_short[k + 1] / m,
            "after:hot": suf_hot[k + 1] / m,
            "after:lex": suf_lex[k + 1] / m,
            "near-after:p": _mean(p[k + 1 : k + 1 + NEAR]),
            "near-before:p": _mean(p[max(0, k - NEAR + 1) : k + 1]),
            "near-after:lex": max(lex[k + 1 : k + 1 + NEAR]),
            "next:p": p[k + 1],
            "next:lex": lex[k + 1],
            "self:p": p[k],
            "after:dated": suf_dated[k + 1] / m,
            "after:colon": suf_colon[k + 1] / m,
            "after:prose": suf_prose[k + 1] / m,
            "before:short": (suf_short[0] - suf_short[k + 1]) / (k + 1),
            "before:prose": (suf_prose[0] - suf_prose[k + 1]) / (k + 1),
            "before:lines": math.log1p(k + 1) / 4,
            "near-before:lex": _mean(lex[max(0, k - NEAR + 1) : k + 1]),
            "next:run": math.log1p(run[k + 1]) / 4,
            "next:run-words": math.log1p(run_w[k + 1]) / 8,
        }
        a, b = best_after[k + 1], best_before[k]
        if a + b > 0:
            f["after:body-run"] = a / (a + b)
        share = suf_w[k + 1] / total
        f[next((name for bound, name in _SHARE_BINS if share < bound), "after:share>=0.6")] = 1.0
        if hot[k]:
            f["self:hot"] = 1.0
        for key in ("words<=3", "words<=8", "last:w", "last::", "first:digit", "year", "label:"):
            if key in nxt:
                f["next:" + key] = 1.0
        if "last:." in shapes[lo + k] or "last:!" in shapes[lo + k] or "last:?" in shapes[lo + k]:
            f["self:end"] = 1.0
        out.append(f)
    return out


def _score(weights: Mapping[str, float], f: Features) -> float:
    return sum(weights.get(name, 0.0) * v for name, v in f.items())


def article_end(
    weights: Mapping[str, float],
    chrome: Sequence[float],
    shapes: Sequence[Features],
    lexical: Sequence[float],
    *,
    lo: int,
    hi: int,
    margin: float = 0.0,
) -> int:
    """The core's last line of the article (an index into the non-blank lines, ``lo..hi``; ``hi``: no cut):
    the cut the model scores highest, when its score beats no cut's (0) by more than ``margin``.

    >>> from corpus.lines.features import document_features
    >>> lines = ["A long sentence of the article body runs on here.", "Leave a comment", "Nice."]
    >>> args = ([0.1, 0.6, 0.4], document_features(lines), [0.0, 1.0, 0.0])
    >>> article_end({"bias": -1.0}, *args, lo=0, hi=2), article_end({"bias": -1.0, "after:p": 5.0}, *args, lo=0, hi=2)
    (2, 0)
    """
    if hi <= lo:
        return hi
    cuts = cut_features(chrome, shapes, lexical, lo, hi)
    scores = [_score(weights, f) for f in cuts]
    best = max(range(len(scores)), key=scores.__getitem__)
    return lo + best if scores[best] > margin else hi


@lru_cache(maxsize=1)
def article_end_model() -> dict[str, Any]:
    """The stored model (``weights``, ``margin``, with its provenance and figures)."""
    text = resources.files("corpus.lines").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
