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
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from corpus.lines.article_end import article_end, article_end_model
from corpus.lines.article_start import article_start, article_start_model
from corpus.lines.chrome import LEXICAL, Stacked, hard_wrapped, stacked_scores, stacked_weights
from corpus.lines.features import CONTEXT, NEIGHBOURS, Features, Layout, layout

__all__ = [
    "EndInputs",
    "LineScores",
    "article_end_inputs",
    "context_features",
    "line_model",
    "logistic",
    "own_features",
    "score_lines",
]

MODEL_FILE = "line_model.json"


class LineScores(NamedTuple):
    """Probabilities for one non-blank line."""

    reference: float  # the line belongs to a bibliographic entry (given its neighbours too)
    shape: float  # the line looks like part of an entry on its own, whatever its neighbours
    starts: float  # it starts an entry (given that it is one)
    chrome: float  # it is page chrome (navigation, banners, metadata lines), not body text (given its neighbours)
    in_main: bool  # it lies in the document's densest run of prose (where the body text is)
    # It lies in the body: in the core the first-stage chrome scores mark as most surely body
    # (:mod:`corpus.lines.chrome`), or in the densest run of prose with no chrome line between it and
    # the core (the last line of an article that ends the core); ``in_main`` without a second stage.
    in_core: bool = False
    # It comes after the line the article-end model takes for the article's last (corpus.lines.article_end).
    after_end: bool = False
    # It comes before the line the article-start model takes for the article's first (corpus.lines.article_start).
    before_start: bool = False


def logistic(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The probability a logistic model with ``weights`` gives to ``features``."""
    z = 0.0
    get = weights.get
    for name, value in features.items():
        w = get(name)
        if w is not None:
            # w * 1.0 is w to the bit: a binary feature's term is added without the multiplication.
            z += w if value == 1.0 else w * value
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
    # Context key -> what it weighs as each neighbour, (reference, starts, chrome) per prefix of ``around``
    # in turn, 0.0 where a model has no weight (adding 0.0 * v to a sum leaves it as it was).
    given: dict[str, tuple[float, ...]]
    context: tuple[float, ...]  # the stacked model's weights (0.0: none), in the order of _CONTEXT_NAMES
    # Feature name -> (its ``own`` weights, its ``given`` weights, its ``chrome_words`` weight), each None
    # where it has none: one look-up per feature.
    both: dict[str, tuple[tuple[float, float, float, float] | None, tuple[float, ...] | None, float | None]]
    # Neighbour prefix -> (the ``own`` weights of "<prefix>:none", of "<prefix>:gap"), either None.
    edges: dict[str, tuple[tuple[float, float, float, float] | None, tuple[float, float, float, float] | None]]
    chrome_context: Stacked | None  # the stacked chrome model (None: the first stage decides)
    chrome_words: Mapping[str, float]  # the first-stage chrome weights of word features (chrome.LEXICAL)


_MODELS = ("reference", "reference_shape", "starts", "chrome")
# The stacked model's features in the order context_features adds them (the order its sum is taken in).
_CONTEXT_NAMES = (
    "bias", "self", "shape", "shape<0.1", "shape<0.3",
    "before:mean", "before:max", "before:near", "before:none",
    "after:mean", "after:max", "after:near", "after:none",
    "between-refs",
)  # fmt: skip


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
    # _shape_sums keeps one sum per (prefix, model) in a local of its own: four prefixes.
    assert len(around) == 4, "_shape_sums sums exactly four neighbours"
    zero = (0.0, 0.0, 0.0, 0.0)
    given = {
        key: tuple(x for table in around.values() for x in _ref_start_chrome(table.get(key, zero)))
        for key in set().union(*around.values())
    }
    stacked = models["reference_context"]
    words = {name: w for name, w in models["chrome"].items() if name.startswith(LEXICAL)}
    both = {name: (own.get(name), given.get(name), words.get(name)) for name in {*own, *given}}
    edges = {head: (own.get(head + ":none"), own.get(head + ":gap")) for head in around}
    context = tuple(stacked.get(name, 0.0) for name in _CONTEXT_NAMES)
    chrome = models.get("chrome_context")
    chrome_stacked = None if chrome is None else stacked_weights(chrome)
    return _Compiled(own, around, given, context, both, edges, chrome_stacked, words)


def _ref_start_chrome(w: tuple[float, float, float, float]) -> tuple[float, float, float]:
    return (w[0], w[2], w[3])


@lru_cache(maxsize=1)
def _default_weights() -> _Compiled:
    return _compile(line_model()["models"])


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _context_probability(
    weights: tuple[float, ...], first: Sequence[float | None], i: int, shape: float | None
) -> float:
    """``logistic(reference_context, context_features(first, i, shape))``, without building the
    features: the same terms added in the same order, so the same number to the last bit (a feature
    the model has no weight for weighs 0.0 here: adding 0.0 times a finite value leaves the sum as it was)."""
    p = first[i]
    assert p is not None
    before = [q for q in first[max(0, i - 8) : i] if q is not None][-3:]
    after = [q for q in first[i + 1 : i + 9] if q is not None][:3]
    return _stacked_reference(weights, p, shape, before, after)


def _context_probabilities(
    weights: tuple[float, ...], first: Sequence[float | None], shapes: Sequence[float | None]
) -> list[float | None]:
    """:func:`_context_probability` of every line (None for blank lines), in one pass over the
    non-blank lines: a line's neighbours are the (up to three) nearest non-blank lines on each side
    within eight lines, found among its neighbours in the non-blank list instead of by a scan."""
    idx = [i for i, p in enumerate(first) if p is not None]
    vals = [p for p in first if p is not None]
    n = len(idx)
    out: list[float | None] = [None] * len(first)
    for k, i in enumerate(idx):
        # The lines within reach form a run that ends at k (starts after it) in the non-blank list.
        b = k - 3 if k > 3 else 0
        while idx[b] < i - 8:
            b += 1
        e = k + 4 if k + 4 < n else n
        while e > k + 1 and idx[e - 1] > i + 8:
            e -= 1
        out[i] = _stacked_reference(weights, vals[k], shapes[i], vals[b:k], vals[k + 1 : e])
    return out


def _stacked_reference(
    w: tuple[float, ...], p: float, shape: float | None, before: Sequence[float], after: Sequence[float]
) -> float:
    """The stacked reference model's probability of a line scored ``p`` (``shape`` its own-shape
    score) between the first-pass scores ``before`` and ``after`` it (nearest last, nearest first)."""
    z = w[0] + w[1] * _logit(p)
    if shape is not None:
        z += w[2] * _logit(shape)
        # Binned features are 1.0 (w * 1.0 is w).
        if shape < 0.1:
            z += w[3]
        elif shape < 0.3:
            z += w[4]
    if before:
        z += w[5] * (sum(before) / len(before))
        z += w[6] * max(before)
        z += w[7] * before[-1]
    else:
        z += w[8]
    if after:
        z += w[9] * (sum(after) / len(after))
        z += w[10] * max(after)
        z += w[11] * after[0]
    else:
        z += w[12]
    if before and after and min(before[-1], after[0]) > 0.5:
        z += w[13]
    return _sigmoid(z)


class _Sums(NamedTuple):
    """What one pass over a line's shape adds up (see :func:`_shape_sums`)."""

    own: tuple[float, float, float, float]  # (reference, shape, starts, chrome)
    given: tuple[float, ...]  # per neighbour prefix, (reference, starts, chrome) for the line it neighbours
    lexical: float  # what its words weigh in the first-stage chrome model (chrome.lexical_logit)


def _shape_sums(weights: _Compiled, shape: Features) -> _Sums:
    """A line's own sums (reference, shape, starts, chrome) over its shape, per neighbour prefix the
    (reference, starts, chrome) sums it adds to the line it neighbours, and its words' chrome weight
    (``lexical_logit(weights.chrome_words, shape)``: a word feature the chrome model does not weigh
    adds 0.0 there, which leaves the sum as it was), in one pass over its shape."""
    both_get = weights.both.get
    r = s = t = c = x = 0.0
    # Twelve running sums, one per (neighbour prefix, model), kept in locals: a list or a vector
    # operation per feature cost more than the arithmetic.
    g0 = g1 = g2 = g3 = g4 = g5 = g6 = g7 = g8 = g9 = g10 = g11 = 0.0
    # Most features are binary: a weight times 1.0 is the weight itself, to the bit, so those terms
    # are added without the multiplication (the same sums, in the same order).
    for name, v in shape.items():
        entry = both_get(name)
        if entry is None:
            continue
        w, gw, lw = entry
        if v == 1.0:
            if w is not None:
                w0, w1, w2, w3 = w
                r += w0
                s += w1
                t += w2
                c += w3
            if gw is not None:
                a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11 = gw
                g0 += a0
                g1 += a1
                g2 += a2
                g3 += a3
                g4 += a4
                g5 += a5
                g6 += a6
                g7 += a7
                g8 += a8
                g9 += a9
                g10 += a10
                g11 += a11
            if lw is not None:
                x += lw
            continue
        if w is not None:
            w0, w1, w2, w3 = w
            r += w0 * v
            s += w1 * v
            t += w2 * v
            c += w3 * v
        if gw is not None:
            a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11 = gw
            g0 += a0 * v
            g1 += a1 * v
            g2 += a2 * v
            g3 += a3 * v
            g4 += a4 * v
            g5 += a5 * v
            g6 += a6 * v
            g7 += a7 * v
            g8 += a8 * v
            g9 += a9 * v
            g10 += a10 * v
            g11 += a11 * v
        if lw is not None:
            x += lw * v
    return _Sums((r, s, t, c), (g0, g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11), x)


def _with_place(
    weights: _Compiled, sums: tuple[float, float, float, float], place: Features
) -> tuple[float, float, float, float]:
    """A line's own sums carried on over its place features (the terms added after its shape's)."""
    own_get = weights.own.get
    r, s, t, c = sums
    for name, v in place.items():
        w = own_get(name)
        if w is not None:
            w0, w1, w2, w3 = w
            if v == 1.0:  # as in _shape_sums
                r += w0
                s += w1
                t += w2
                c += w3
            else:
                r += w0 * v
                s += w1 * v
                t += w2 * v
                c += w3 * v
    return r, s, t, c


class _Passes(NamedTuple):
    """What the line models read of a document before the article's end is chosen."""

    lay: Layout
    first: list[float | None]  # first-pass reference scores
    totals: list[tuple[float, float, float, float] | None]  # the four own sums of each line
    shapes: list[float | None]  # own-shape reference scores
    in_main: list[bool]
    chromes: list[float | None]  # chrome scores (stacked when the model has a second stage)
    lexical: list[float | None]  # what each line's words weigh in the first-stage chrome model
    core: list[bool]  # the line lies in the body core the first-stage chrome scores mark
    in_core: list[bool]  # ... or in the densest run of prose with no chrome line between it and the core


def _passes(weights: _Compiled, lines: Sequence[str], skip: AbstractSet[int]) -> _Passes:
    """Every model's pass over ``lines`` but the article's end (see :func:`score_lines`)."""
    lay = layout(lines, skip)
    slot = {prefix: 3 * k for k, prefix in enumerate(weights.around)}
    edges = weights.edges
    own_sums: list[tuple[float, float, float, float] | None] = []
    given: list[tuple[float, ...] | None] = []
    lexical: list[float | None] = []
    # A recurring line's copies share one shape dict (see layout): its sums are taken once.
    by_shape: dict[int, _Sums] = {}
    for shape, place in zip(lay.shapes, lay.places, strict=True):
        if shape is None:
            own_sums.append(None)
            given.append(None)
            lexical.append(None)
            continue
        assert place is not None
        sums = by_shape.get(id(shape))
        if sums is None:
            sums = by_shape[id(shape)] = _shape_sums(weights, shape)
        own_sums.append(_with_place(weights, sums.own, place))
        given.append(sums.given)
        lexical.append(sums.lexical)
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
                w = edges[prefix][0]
            else:
                contribution = given[j]
                assert contribution is not None
                k = slot[prefix]
                ref += contribution[k]
                start += contribution[k + 1]
                chrome += contribution[k + 2]
                w = edges[prefix][1] if gap else None
            if w is not None:
                ref += w[0]
                start += w[2]
                chrome += w[3]
        first.append(_sigmoid(ref))
        totals.append((ref, shp, start, chrome))
    shapes = [None if tot is None else _sigmoid(tot[1]) for tot in totals]
    in_main = [place is not None and "main:in" in place for place in lay.places]
    chromes: list[float | None] = [None if tot is None else _sigmoid(tot[3]) for tot in totals]
    if weights.chrome_context is not None:
        chromes, in_core, core = stacked_scores(weights.chrome_context, chromes, lay.shapes, in_main, lexical)
    else:
        core = in_core = in_main
    return _Passes(lay, first, totals, shapes, in_main, chromes, lexical, core, in_core)


class EndInputs(NamedTuple):
    """What the article-end model reads of a document: its non-blank lines' chrome scores, shapes and word
    evidence, the body core among them (``lo..hi``, -1 and -1 when there is none), and the index of each
    among all the lines."""

    chrome: list[float]
    shapes: list[Features]
    lexical: list[float]
    lo: int
    hi: int
    line_index: list[int]


def _end_inputs(p: _Passes) -> EndInputs:
    index = [i for i, c in enumerate(p.chromes) if c is not None]
    core = [k for k, i in enumerate(index) if p.core[i]]
    shapes = [p.lay.shapes[i] for i in index]
    return EndInputs(
        [p.chromes[i] or 0.0 for i in index],
        [s for s in shapes if s is not None],
        [p.lexical[i] or 0.0 for i in index],
        core[0] if core else -1,
        core[-1] if core else -1,
        index,
    )


def article_end_inputs(
    lines: Sequence[str], skip: AbstractSet[int] = frozenset(), model: Mapping[str, Any] | None = None
) -> EndInputs:
    """What the article-end model reads of ``lines`` under the line ``model`` (None: the stored one), for
    its trainer."""
    return _end_inputs(_passes(_default_weights() if model is None else _compile(model["models"]), lines, skip))


def _article_cut(p: _Passes, x: EndInputs, end_model: Mapping[str, Any]) -> tuple[list[bool], list[bool], int | None]:
    """Which lines lie in the body core once the article's end is chosen, which come after that end, and the
    end (an index into the non-blank lines; None: no article is read in this text, a hard-wrapped one)."""
    after = [False] * len(p.chromes)
    # Learned on scraped pages (one block a line) only: a hard-wrapped text (pdftotext, OCR) is left as it is.
    if x.hi <= x.lo or hard_wrapped(x.shapes):
        return p.in_core, after, None
    if not end_model:
        return p.in_core, after, x.hi
    end = article_end(
        end_model["weights"], x.chrome, x.shapes, x.lexical, lo=x.lo, hi=x.hi, margin=end_model.get("margin", 0.0)
    )
    if end >= x.hi:
        return p.in_core, after, x.hi
    cut = x.line_index[end]
    in_core = list(p.in_core)
    for i in range(cut + 1, len(after)):
        after[i] = True
        in_core[i] = False
    return in_core, after, end


def _article_start(p: _Passes, x: EndInputs, end: int, title: int | None, start_model: Mapping[str, Any]) -> list[bool]:
    """Which lines come before the line the article-start model takes for the article's first (none when
    it chooses no start), the article ending at non-blank line ``end`` and the ``title`` line (None: none)."""
    before = [False] * len(p.chromes)
    at = {i: k for k, i in enumerate(x.line_index)}
    start = article_start(
        start_model["weights"],
        x.chrome,
        x.shapes,
        x.lexical,
        lo=x.lo,
        hi=x.hi,
        end=end,
        title=None if title is None else at.get(title),
        margin=start_model.get("margin", 0.0),
    )
    for i in range(x.line_index[start] if start else 0):
        before[i] = p.chromes[i] is not None and i != title
    return before


def score_lines(
    lines: Sequence[str],
    model: Mapping[str, Any] | None = None,
    skip: AbstractSet[int] = frozenset(),
    end_model: Mapping[str, Any] | None = None,
    *,
    title: Callable[[Sequence[LineScores | None]], int | None] | None = None,
    start_model: Mapping[str, Any] | None = None,
) -> list[LineScores | None]:
    """Scores for every line (None for blank lines); the lines in ``skip`` (page numbers and running
    heads) are no other line's neighbour (see :func:`~corpus.lines.features.layout`). ``end_model``:
    the article-end model (:mod:`corpus.lines.article_end`; None: the stored one, empty: none).
    ``title``: what picks the page's title line from the scores (None: no article start is chosen);
    ``start_model``: the article-start model (:mod:`corpus.lines.article_start`; None: the stored one,
    empty: none), which reads the title line.

    The same numbers as :func:`logistic` over :func:`~corpus.lines.features.document_features`, in one
    pass: each line's own features and each neighbour's context features are weighed once.
    """
    weights = _default_weights() if model is None else _compile(model["models"])
    p = _passes(weights, lines, skip)
    # The end and the start models read the same inputs (the non-blank lines' scores and shapes).
    x = _end_inputs(p)
    in_core, after, end = _article_cut(p, x, article_end_model() if end_model is None else end_model)
    refs = _context_probabilities(weights.context, p.first, p.shapes)
    out = _line_scores(p, refs, in_core, after)
    start_model = article_start_model() if start_model is None else start_model
    if title is None or end is None or not start_model:
        return out
    before = _article_start(p, x, end, title(out), start_model)
    return [s._replace(before_start=True) if s is not None and b else s for s, b in zip(out, before, strict=True)]


def _line_scores(
    p: _Passes, refs: Sequence[float | None], in_core: Sequence[bool], after: Sequence[bool]
) -> list[LineScores | None]:
    """Every line's scores (None for blank lines), from the passes, the stacked reference scores ``refs`` and
    the article's cut."""
    totals, shapes, in_main, chromes = p.totals, p.shapes, p.in_main, p.chromes
    out: list[LineScores | None] = []
    for i, tot in enumerate(totals):
        c = chromes[i]
        r = refs[i]
        if tot is None or c is None or r is None:
            out.append(None)
            continue
        out.append(
            LineScores(
                r,
                shapes[i] or 0.0,
                _sigmoid(tot[2]),
                c,
                in_main[i],
                in_core[i],
                after[i],
            )
        )
    return out
