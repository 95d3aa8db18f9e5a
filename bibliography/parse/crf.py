"""The learned field labeler: a linear-chain CRF over word tokens, decoded by Viterbi in pure Python.

The weights are trained by ``bench/train_parser.py`` on the public AnyStyle and GROBID parser training
files and stored in ``bibliography/data/parser_model.json`` with the data versions and dev figures. A
token's score for a label is the sum of its features' weights (:mod:`bibliography.parse.tokens`); the
transition, start and end weights score label pairs.

>>> model = Model(["other", "date"], [[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0], [0.0, 0.0], {"k=year": {1: 2.0}})
>>> viterbi(model, [["w=in"], ["k=year"]])
[0, 1]
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from operator import add
from pathlib import Path
from typing import Any

from bibliography.errors import BibliographyError

MODEL_FILE = "parser_model.json"


class Model:
    """Labels, transition/start/end weights and feature weights (feature -> {label index: weight})."""

    __slots__ = ("end", "labels", "start", "transitions", "weights")

    def __init__(
        self,
        labels: list[str],
        transitions: list[list[float]],
        start: list[float],
        end: list[float],
        weights: dict[str, dict[int, float]],
    ) -> None:
        self.labels = labels
        self.transitions = transitions
        self.start = start
        self.end = end
        self.weights = weights


def _from_json(data: dict[str, Any]) -> Model:
    weights: dict[str, dict[int, float]] = {}
    for feature, flat in data["weights"].items():
        weights[feature] = {int(flat[i]): float(flat[i + 1]) for i in range(0, len(flat), 2)}
    return Model(list(data["labels"]), data["transitions"], data["start"], data["end"], weights)


def load_model(path: Path | None = None) -> Model:
    """The model in ``path``, or the packaged one (read once)."""
    if path is None:
        return _packaged()
    try:
        return _from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise BibliographyError(f"cannot read parser model {path}: {exc}") from exc


@functools.cache
def _packaged() -> Model:
    text = resources.files("bibliography").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return _from_json(json.loads(text))


def emissions(model: Model, features: list[list[str]]) -> list[list[float]]:
    """Every token's score for every label."""
    n = len(model.labels)
    out = []
    for feats in features:
        row = [0.0] * n
        for f in feats:
            w = model.weights.get(f)
            if w:
                for j, v in w.items():
                    row[j] += v
        out.append(row)
    return out


def viterbi(model: Model, features: list[list[str]]) -> list[int]:
    """The best label sequence (label indices) for tokens with these features."""
    if not features:
        return []
    emit = emissions(model, features)
    n = len(model.labels)
    # Column j of the transitions: every label's score for moving to j.
    columns = [[row[j] for row in model.transitions] for j in range(n)]
    score = [model.start[j] + emit[0][j] for j in range(n)]
    back: list[list[int]] = []
    for row in emit[1:]:
        ptrs = []
        nxt = []
        for j in range(n):
            # C-level list arithmetic; max() and index() pick the first best predecessor, as a strict
            # ">" scan over the labels would.
            cand = list(map(add, score, columns[j]))
            best = max(cand)
            ptrs.append(cand.index(best))
            nxt.append(best + row[j])
        back.append(ptrs)
        score = nxt
    last = max(range(n), key=lambda j: score[j] + model.end[j])
    path = [last]
    for ptrs in reversed(back):
        path.append(ptrs[path[-1]])
    return path[::-1]
