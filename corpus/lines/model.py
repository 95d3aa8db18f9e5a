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

from corpus.lines.features import Features, document_features

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


def context_features(first: Sequence[float | None], i: int) -> Features:
    """Second-pass features of line ``i`` from the first-pass reference scores of its neighbours."""
    p = first[i]
    assert p is not None
    f: Features = {"bias": 1.0, "self": _logit(p)}
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


_PLACE_FEATURES = ("pos", "pos<0.1", "pos>0.9", "main:", "repeated", "after-bib-heading", "bib-heading:dist")


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


def score_lines(lines: Sequence[str], model: Mapping[str, Any] | None = None) -> list[LineScores | None]:
    """Scores for every line (None for blank lines)."""
    models = (model or line_model())["models"]
    feats = document_features(lines)
    first: list[float | None] = [None if f is None else logistic(models["reference"], f) for f in feats]
    out: list[LineScores | None] = []
    for i, f in enumerate(feats):
        if f is None:
            out.append(None)
            continue
        ref = logistic(models["reference_context"], context_features(first, i))
        shape = logistic(models["reference_shape"], own_features(f))
        out.append(LineScores(ref, shape, logistic(models["starts"], f), logistic(models["chrome"], f), "main:in" in f))
    return out
