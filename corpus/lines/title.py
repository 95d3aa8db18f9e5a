"""Which heading-like line of a page is its title: a learned choice among the candidates.

A scraped page opens with its site's name, menus, section names and teasers, most of them short,
title-cased lines like the headline itself; the first such line is seldom the title. Each candidate is
read by where it stands (how far before or inside the body core, how many candidates follow it before
the body), what the line model makes of it (its chrome score) and its own form (length, capitals, a
separator such as "|", a date or byline right after it). A softmax over the candidates and "no title"
picks one; its weights are learned by ``bench/train_title.py`` from the train pages, whose ``<h1>``
headline is the gold, and stored in ``corpus/lines/data/title_model.json`` with their provenance and
figures.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

__all__ = ["MODEL_FILE", "Candidate", "choose_title", "content_words", "title_features", "title_model"]

MODEL_FILE = "title_model.json"
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATOR = re.compile(r"\s[|•·»–—-]\s|::")


class Candidate(NamedTuple):
    """A heading-like line that may be the page's title."""

    line: int  # the line's index among the page's lines
    text: str
    chrome: float  # the line model's chrome score
    in_core: bool  # it lies in the body core
    markdown: bool  # a Markdown heading ("# Title")
    meta_after: bool  # a date or byline line follows it (blank lines aside)


def _title_case(text: str) -> float:
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def content_words(text: str) -> set[str]:
    """The words of ``text`` longer than three letters, case-folded (what a title shares with its body)."""
    return {w.casefold() for w in _WORD.findall(text) if len(w) > 3}


def title_features(
    candidates: Sequence[Candidate], body_start: int, body_words: AbstractSet[str] = frozenset()
) -> list[dict[str, float]]:
    """The features of each candidate; ``body_start``: the index of the page's first body line (the
    first prose line of the body core, or of the page); ``body_words``: the :func:`content_words` of the
    body's opening (a headline's words come back in its first paragraphs, a menu's seldom do).

    >>> cands = [Candidate(0, "Home | News", 0.9, False, False, False),
    ...          Candidate(3, "Ferry Crossings Will Run All Winter", 0.3, False, False, True)]
    >>> f = title_features(cands, 4, content_words("The ferry will run through the winter."))
    >>> f[0]["separator"], f[1]["meta-after"], f[1]["last-before-body"], f[1]["body-words"]
    (1.0, 1.0, 1.0, 0.75)
    """
    before = [c for c in candidates if c.line < body_start]
    last_before = before[-1].line if before else -1
    out = []
    for rank, c in enumerate(candidates):
        words = len(c.text.split())
        gap = body_start - c.line
        after = len(candidates) - 1 - rank
        f = {
            "bias": 1.0,
            "chrome": c.chrome,
            "chrome>=0.5": float(c.chrome >= 0.5),
            "words": math.log1p(words) / 4,
            "words<=2": float(words <= 2),
            "words>=6": float(words >= 6),
            "title-case": _title_case(c.text),
            "first": float(rank == 0),
            "candidates-after": math.log1p(after) / 4,
            "gap": math.log1p(abs(gap)) / 4,
            "inside-body": float(gap <= 0),
            "last-before-body": float(c.line == last_before),
            "in-core": float(c.in_core),
            "markdown": float(c.markdown),
            "meta-after": float(c.meta_after),
            "separator": float(bool(_SEPARATOR.search(c.text))),
            "colon-end": float(c.text.rstrip().endswith(":")),
            "digits": float(any(ch.isdigit() for ch in c.text)),
        }
        own = content_words(c.text)
        if own:
            shared = len(own & body_words) / len(own)
            f["body-words"] = shared
            f["body-words=0"] = float(shared == 0.0)
        out.append(f)
    best = max((f.get("body-words", 0.0) for f in out), default=0.0)
    least = min((c.chrome for c in candidates), default=0.0)
    for f in out:
        if best and f.get("body-words") == best:
            f["body-words-best"] = 1.0
        if f["chrome"] == least:
            f["chrome-least"] = 1.0
    return out


def choose_title(weights: Mapping[str, float], features: Sequence[Mapping[str, float]]) -> int | None:
    """The index (into ``features``) of the candidate the model scores highest, or None when no
    candidate beats "no title" (scored 0).

    >>> choose_title({"chrome": -2.0, "bias": 1.0}, [{"bias": 1.0, "chrome": 0.9}, {"bias": 1.0, "chrome": 0.1}])
    1
    >>> choose_title({"bias": -1.0}, [{"bias": 1.0}]) is None
    True
    """
    best, best_score = None, 0.0
    for k, f in enumerate(features):
        score = sum(weights.get(name, 0.0) * v for name, v in f.items())
        if score > best_score:
            best, best_score = k, score
    return best


@lru_cache(maxsize=1)
def title_model() -> dict[str, Any]:
    """The stored model (``weights``, with its provenance and figures)."""
    text = resources.files("corpus.lines").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
