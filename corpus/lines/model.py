"""The learned line model: how likely each line is a reference, starts one, or is page chrome.

Three logistic models over :mod:`corpus.lines.features`, with weights learned from public data by
``bench/train_lines.py`` and stored in ``corpus/lines/data/line_model.json`` (with the data versions and the
figures they reached). Reference lines get a second, stacked pass that also sees its neighbours'
first-pass scores, so a run of entries carries a weak line along and a lone citation-like sentence
in prose stays prose.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from corpus.lines.features import CONTEXT, NEIGHBOURS, Features, layout

__all__ = ["LineScores", "context_features", "line_model", "logistic", "own_features", "score_lines"]

MODEL_FILE = "line_model.json"


class LineScores(NamedTuple):
    """Probabilities for one non-blank line."""

    reference: float  # the line belongs to a bibliographic entry (given its neighbours too)
    shape: float  # the line looks like part of an entry on its own, whatever its neighbours
    starts: float  # it starts an entry (given that it is one)
    chrome: float  # it is page chrome (navigation, banners, metadata lines), not body text
    in_main: bool  # it lies in the document's densest run of prose (where the body text is)


def logistic(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The probability a logistic model with ``weights`` gives to ``features``."""
    z = 0.0
    for name, value in features.items():
        w = weights.get(name)
        if w is not None:
            z += w * value
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def context_features(first: Sequence[float | None], i: int, shape: float | None = None) -> Features:
    """Second-pass features of line ``i`` from the first-pass reference scores of its neighbours (and
    ``shape``, the line's own-shape score, so a run of entries does not carry along a line that looks
    like none, such as a page number between them)."""
    p = first[i]
    assert p is not None
    f: Features = {"bias": 1.0, "self": _logit(p)}
    if shape is not None:
        f["shape"] = _logit(shape)
        # Binned too: the neighbours' sum is linear, and a line that looks like no entry at all (a
        # page number, a running head) should outweigh them, which one slope cannot say.
        if shape < 0.1:
            f["shape<0.1"] = 1.0
        elif shape < 0.3:
            f["shape<0.3"] = 1.0
    nonblank_before = [q for q in first[max(0, i - 8) : i] if q is not None][-3:]
    nonblank_after = [q for q in first[i + 1 : i + 9] if q is not None][:3]
    for name, window in (("before", nonblank_before), ("after", nonblank_after)):
        if window:
            f[name + ":mean"] = sum(window) / len(window)
            f[name + ":max"] = max(window)
            f[name + ":near"] = window[-1] if name == "before" else window[0]
        else:
            f[name + ":none"] = 1.0
    both = nonblank_before[-1:] + nonblank_after[:1]
    if len(both) == 2 and min(both) > 0.5:
        f["between-refs"] = 1.0
    return f


_PLACE_FEATURES = (
    "pos", "pos<0.1", "pos>0.9", "main:", "repeated", "after-bib-heading", "bib-heading:dist", "gap-",
)  # fmt: skip


def own_features(features: Features) -> Features:
    """The features of a line's own shape: no neighbours, no place in the document."""
    return {k: v for k, v in features.items() if not k.startswith(("p1:", "p2:", "n1:", "n2:", *_PLACE_FEATURES))}


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p)) / 10


@lru_cache(maxsize=1)
def line_model() -> dict[str, Any]:
    """The stored weights (``models``: ``reference``, ``reference_context``, ``reference_shape``, ``starts``,
    ``chrome``)."""
    text = resources.files("corpus.lines").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class _Compiled(NamedTuple):
    """The four line-level models' weights side by side, by feature name, for one pass per line."""

    own: dict[str, tuple[float, float, float, float]]  # (reference, shape, starts, chrome)
    around: dict[str, dict[str, tuple[float, float, float, float]]]  # neighbour prefix -> context key -> weights


_MODELS = ("reference", "reference_shape", "starts", "chrome")


def _compile(models: Mapping[str, Mapping[str, float]]) -> _Compiled:
    names = set().union(*(models[m] for m in _MODELS))
    prefixes = tuple(f"{name}:" for _, name in NEIGHBOURS)
    own: dict[str, tuple[float, float, float, float]] = {}
    around: dict[str, dict[str, tuple[float, float, float, float]]] = {p[:-1]: {} for p in prefixes}
    for name in names:
        w = (
            models["reference"].get(name, 0.0),
            models["reference_shape"].get(name, 0.0),
            models["starts"].get(name, 0.0),
            models["chrome"].get(name, 0.0),
        )
        head, _, key = name.partition(":")
        if head in around and key in CONTEXT:
            around[head][key] = w
        else:
            own[name] = w
    return _Compiled(own, around)


@lru_cache(maxsize=1)
def _default_weights() -> _Compiled:
    return _compile(line_model()["models"])


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def score_lines(lines: Sequence[str], model: Mapping[str, Any] | None = None) -> list[LineScores | None]:
    """Scores for every line (None for blank lines).

    The same numbers as :func:`logistic` over :func:`~corpus.lines.features.document_features`, in one
    pass: each line's own features and each neighbour's context features are weighed once.
    """
    weights = _default_weights() if model is None else _compile(model["models"])
    model = model or line_model()
    lay = layout(lines)
    own_sums: list[tuple[float, float, float, float] | None] = []
    for i, shape in enumerate(lay.shapes):
        if shape is None:
            own_sums.append(None)
            continue
        sums = [0.0, 0.0, 0.0, 0.0]
        place = lay.places[i]
        assert place is not None
        for feats in (shape, place):
            for name, v in feats.items():
                w = weights.own.get(name)
                if w is not None:
                    sums[0] += w[0] * v
                    sums[1] += w[1] * v
                    sums[2] += w[2] * v
                    sums[3] += w[3] * v
        own_sums.append((sums[0], sums[1], sums[2], sums[3]))
    # What each line contributes to a neighbour's sums, per prefix (computed once per line).
    given: dict[str, list[tuple[float, float, float] | None]] = {}
    for prefix, table in weights.around.items():
        col: list[tuple[float, float, float] | None] = []
        for shape in lay.shapes:
            if shape is None:
                col.append(None)
                continue
            a = b = c = 0.0
            for key, v in shape.items():
                w = table.get(key)
                if w is not None:
                    a += w[0] * v
                    b += w[2] * v
                    c += w[3] * v
            col.append((a, b, c))
        given[prefix] = col
    first: list[float | None] = []
    totals: list[tuple[float, float, float, float] | None] = []
    for i, own in enumerate(own_sums):
        if own is None:
            first.append(None)
            totals.append(None)
            continue
        ref, shp, start, chrome = own
        for prefix, j, gap in lay.neighbours[i]:
            if j is None:
                w = weights.own.get(prefix + ":none")
            else:
                contribution = given[prefix][j]
                assert contribution is not None
                ref += contribution[0]
                start += contribution[1]
                chrome += contribution[2]
                w = weights.own.get(prefix + ":gap") if gap else None
            if w is not None:
                ref += w[0]
                start += w[2]
                chrome += w[3]
        first.append(_sigmoid(ref))
        totals.append((ref, shp, start, chrome))
    context = model["models"]["reference_context"]
    shapes = [None if tot is None else _sigmoid(tot[1]) for tot in totals]
    out: list[LineScores | None] = []
    for i, tot in enumerate(totals):
        if tot is None:
            out.append(None)
            continue
        place = lay.places[i]
        out.append(
            LineScores(
                logistic(context, context_features(first, i, shapes[i])),
                shapes[i] or 0.0,
                _sigmoid(tot[2]),
                _sigmoid(tot[3]),
                place is not None and "main:in" in place,
            )
        )
    return out
