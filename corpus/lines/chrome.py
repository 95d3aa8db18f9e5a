"""The second, stacked stage of the chrome model: a line read together with the lines around it.

The first stage (:mod:`corpus.lines.model`) scores each line for page chrome from its own shape, its
place and its nearest neighbours' shapes. Chrome that survives it is mostly a line that would be body
text on its own ("Daily news about politics, business and technology.", a teaser sentence) but sits
among chrome: a newsletter box, a run of teasers, the links under an article. This stage reads each
line's first-stage score next to its neighbours' scores, the length of the run of chrome it lies in,
how far it is from the nearest body line before and after it, and how much of the body text lies
after it. Its weights are learned by ``bench/train_lines.py`` from out-of-fold first-stage scores of
the train pages (so it learns how far to trust the first stage where that stage has not seen the
page), and stored with the other line models.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from corpus.lines.features import Features, is_prose

__all__ = [
    "BODY",
    "CHROME",
    "CORE",
    "LEXICAL",
    "WINDOW",
    "Stacked",
    "chrome_context",
    "hard_wrapped",
    "lexical_logit",
    "stacked_scores",
    "stacked_weights",
]

#: A first-stage score at or above this counts as chrome, for the run and window features ...
CHROME = 0.5
#: ... and a prose-shaped line scored below this counts as body, for the distance features.
BODY = 0.5
#: A line adds to the body core when its first-stage score is below this. Dev pages, with the core
#: as the region where corpus.structure asks for the in-body threshold: 0.5, 0.6, 0.7, 0.8 passed
#: 0.871, 0.871, 0.861, 0.848 of the checks and lost 65, 57, 45, 38 must-appear strings (47 before
#: this stage): 0.7 is the lowest that loses none.
CORE = 0.7
#: Lines on each side that the window share looks at.
WINDOW = 5
#: Neighbours on each side whose scores are read one by one (nearest, mean, max, min).
NEAR = 3
#: A line's own shapes this stage reads too, alone and inside the core: the first stage weighs them
#: across the whole page, where most short or unpunctuated lines are menus; inside an article they
#: tell a link label, a credit or a teaser headline from the sentences around it.
SHAPES = (
    "words<=3", "words<=8", "last:w", "last::", "last:)", "first:lower", "bullet",
    "label:", "credit:slash", "credit:copyright", "tail:paren", "tail:name",
)  # fmt: skip
#: ... read only in a text that puts one block on each line (a scraped page): in a hard-wrapped text,
#: where at least this share of the lines start in lower case (as ``corpus.structure.HARD_WRAP_SHARE``),
#: every line of a paragraph ends unpunctuated and many are short. Read there, they cut tables and lists
#: of abbreviations of the AnyStyle dev documents into furniture and pieces (reference finding P 0.968 -> 0.961).
WRAPPED_SHARE = 0.3


def hard_wrapped(shapes: Sequence[Features]) -> bool:
    """Whether the non-blank lines whose ``shapes`` these are come from a hard-wrapped text: at least
    :data:`WRAPPED_SHARE` of them start in lower case.

    >>> hard_wrapped([{"first:lower": 1.0}, {"first:upper": 1.0}]), hard_wrapped([{"first:upper": 1.0}] * 4)
    (True, False)
    """
    return sum("first:lower" in shape for shape in shapes) >= WRAPPED_SHARE * len(shapes)


# Feature names built once: (shape, its "self:" name, its "core:" name) ...
_SHAPE_KEYS = tuple((key, "self:" + key, "core:" + key) for key in SHAPES)
# ... and per side, the names of the nearest, mean, max, min score and of no neighbour, and which
# neighbour is the nearest.
_SIDES = (
    ("before:near", "before:mean", "before:max", "before:min", "before:none", -1),
    ("after:near", "after:mean", "after:max", "after:min", "after:none", 0),
)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p)) / 10


def _dist(d: int | None) -> float:
    return 1.0 if d is None else math.log1p(d) / 4


def _core(c: Sequence[float], words: Sequence[float]) -> tuple[int, int]:
    """The stretch of lines (indices into ``c``) that is most surely body: the maximum-sum run of
    ``(CORE - chrome score) * words``, so a menu between the article and a teaser after it cuts the
    teaser off, however much it looks like prose."""
    best, span = 0.0, (0, -1)
    run, start = 0.0, 0
    for k, (p, w) in enumerate(zip(c, words, strict=True)):
        run += (CORE - p) * w
        if run <= 0:
            run, start = 0.0, k + 1
        elif run > best:
            best, span = run, (start, k)
    return span


#: The first stage's word features (:func:`~corpus.lines.features.layout`): the line's terms and its
#: first and last words. What they say alone is read here again, beside the context: inside an
#: article a sentence that asks the reader to sign up for a newsletter or to read on is shaped like
#: the sentences around it, and only its words tell it from them.
LEXICAL = ("t:", "w0:", "wl:")
#: The word evidence is clipped to this many logit units either way.
LEXICAL_CLIP = 4.0


def lexical_logit(weights: Mapping[str, float], shape: Features) -> float:
    """What the first-stage chrome ``weights`` of a line's words add up to (its other features left out).

    >>> weights = {"t:newsletter": 1.5, "w0:sign": 0.5, "len": 2.0}
    >>> lexical_logit(weights, {"t:newsletter": 1.0, "w0:sign": 1.0, "len": 0.4})
    2.0
    """
    z = 0.0
    for name, v in shape.items():
        if name.startswith(LEXICAL):
            z += weights.get(name, 0.0) * v
    return z


def _own_shapes(f: Features, shape: Features, inside: bool, lex: float | None) -> None:
    """Add the line's own shapes and word evidence to its features ``f``, alone and (``inside``) in the core."""
    for key, self_key, core_key in _SHAPE_KEYS:
        if key in shape:
            f[self_key] = 1.0
            if inside:
                f[core_key] = 1.0
    if lex:
        f["self:lex"] = max(-LEXICAL_CLIP, min(LEXICAL_CLIP, lex)) / LEXICAL_CLIP
        if inside:
            f["core:lex"] = f["self:lex"]


class _Page(NamedTuple):
    """What every line's second-stage features are read from: the non-blank lines' first-stage scores
    and the runs, body lines and core they make (see :func:`chrome_context`)."""

    idx: list[int]  # the non-blank lines' indices
    c: list[float]  # their first-stage scores
    hot: list[bool]  # whether each counts as chrome
    prose: list[bool]  # by line index: whether the line is prose-shaped
    read_own: bool  # whether the lines' own shapes are read (see WRAPPED_SHARE)
    core: tuple[int, int]  # the body core, as positions in ``idx``
    left: list[int]  # the run of chrome before each line ...
    right: list[int]  # ... and after it
    last_body: list[int | None]  # the nearest body line before each line ...
    next_body: list[int | None]  # ... and after it
    after_count: list[int]  # body lines after each line
    total_body: int
    hot_prefix: list[int]  # chrome lines before each position


def _page(first: Sequence[float | None], shapes: Sequence[Features | None]) -> _Page:
    idx = [i for i, p in enumerate(first) if p is not None]
    c = [p for p in first if p is not None]
    m = len(idx)
    hot = [p >= CHROME for p in c]
    prose = [False] * len(first)
    words = [0.0] * m
    for k, i in enumerate(idx):
        shape = shapes[i]
        assert shape is not None
        prose[i] = is_prose(shape)
        words[k] = shape["words"]
    body = [prose[i] and p < BODY for i, p in zip(idx, c, strict=True)]
    read_own = not hard_wrapped([shapes[i] or {} for i in idx])
    # Runs of chrome: how far each line's run reaches to the left and to the right (the line itself
    # counted whatever its own score, so a body-looking line inside a menu sees the whole menu).
    left = [0] * m
    for k in range(1, m):
        left[k] = left[k - 1] + 1 if hot[k - 1] else 0
    right = [0] * m
    for k in range(m - 2, -1, -1):
        right[k] = right[k + 1] + 1 if hot[k + 1] else 0
    # The nearest body line before and after each line, and how many body lines lie after it.
    last_body: list[int | None] = [None] * m
    seen: int | None = None
    for k in range(m):
        last_body[k] = seen
        if body[k]:
            seen = k
    next_body: list[int | None] = [None] * m
    seen = None
    after_count = [0] * m
    count = 0
    for k in range(m - 1, -1, -1):
        next_body[k] = seen
        after_count[k] = count
        if body[k]:
            seen = k
            count += 1
    hot_prefix = [0]
    for h in hot:
        hot_prefix.append(hot_prefix[-1] + h)
    return _Page(
        idx, c, hot, prose, read_own, _core(c, words), left, right, last_body, next_body, after_count, count, hot_prefix
    )


def chrome_context(
    first: Sequence[float | None],
    shapes: Sequence[Features | None],
    in_main: Sequence[bool],
    lexical: Sequence[float | None] = (),
) -> list[Features | None]:
    """Second-stage features of every line (None for blank lines).

    ``first`` holds the first-stage chrome probabilities (None for blank lines), ``shapes`` each line's
    own features (:func:`~corpus.lines.features.layout`), ``in_main`` whether it lies in the document's
    densest run of prose, ``lexical`` (:func:`lexical_logit`; empty: not read) what its words alone
    weigh in the first stage. Only non-blank lines count as neighbours.

    >>> from corpus.lines.features import document_features
    >>> lines = ["The pier was rebuilt in stone after the storm of the year before.", "", "Home", "Contact"]
    >>> f = chrome_context([0.1, None, 0.9, 0.8], document_features(lines), [True, False, False, False])
    >>> f[1] is None, f[3]["before:near"], f[3]["after:none"], f[2]["body-before:dist"] > 0, "core:after" in f[2]
    (True, 0.9, 1.0, True, True)
    """
    pg = _page(first, shapes)
    c, hot, left, right, hot_prefix = pg.c, pg.hot, pg.left, pg.right, pg.hot_prefix
    m = len(c)
    core_lo, core_hi = pg.core
    out: list[Features | None] = [None] * len(first)
    for k, i in enumerate(pg.idx):
        p = c[k]
        f: Features = {"bias": 1.0, "self": _logit(p)}
        before = c[max(0, k - NEAR) : k]
        after = c[k + 1 : k + 1 + NEAR]
        for (near_key, mean_key, max_key, min_key, none_key, near), window in zip(_SIDES, (before, after), strict=True):
            if window:
                f[near_key] = window[near]
                f[mean_key] = sum(window) / len(window)
                f[max_key] = max(window)
                f[min_key] = min(window)
            else:
                f[none_key] = 1.0
        lo, hi = max(0, k - WINDOW), min(m, k + WINDOW + 1)
        others = hi - lo - 1
        if others:
            f["window:chrome"] = (hot_prefix[hi] - hot_prefix[lo] - hot[k]) / others
        f["run:chrome"] = math.log1p(left[k] + right[k]) / 4
        b0, b1 = pg.last_body[k], pg.next_body[k]
        f["body-before:dist"] = _dist(None if b0 is None else k - b0)
        f["body-after:dist"] = _dist(None if b1 is None else b1 - k)
        if b0 is None:
            f["body-before:none"] = 1.0
        if b1 is None:
            f["body-after:none"] = 1.0
        if b0 == k - 1 and b1 == k + 1:
            f["between-body"] = 1.0
        if left[k] and right[k]:
            f["between-chrome"] = 1.0
        if pg.total_body:
            f["body:after-share"] = pg.after_count[k] / pg.total_body
        if pg.prose[i]:
            f["self:prose"] = 1.0
        shape = shapes[i]
        assert shape is not None
        if pg.read_own:
            _own_shapes(f, shape, core_lo <= k <= core_hi, lexical[i] if lexical else None)
        if in_main[i]:
            f["main:in"] = 1.0
        if core_lo <= k <= core_hi:
            f["core:in"] = 1.0
            # How near the core's end: an article's own pitch, bio or teasers close it.
            f["core:to-end"] = math.log1p(core_hi - k) / 4
            f["core:from-start"] = math.log1p(k - core_lo) / 4
        elif k < core_lo:
            f["core:before"] = 1.0
            f["core:dist"] = math.log1p(core_lo - k) / 4
            f["core:chrome-between"] = math.log1p(hot_prefix[core_lo] - hot_prefix[k + 1]) / 4
        else:
            f["core:after"] = 1.0
            f["core:dist"] = math.log1p(k - core_hi) / 4
            f["core:chrome-between"] = math.log1p(hot_prefix[k] - hot_prefix[core_hi + 1]) / 4
        out[i] = f
    return out


class Stacked(NamedTuple):
    """The stacked chrome model's weights as :func:`stacked_scores` reads them (0.0 where it has none)."""

    bias: float
    self: float
    sides: tuple[tuple[float, float, float, float, float], ...]  # before, after: near, mean, max, min, none
    window: float
    run: float
    body_dist: tuple[float, float]  # body-before:dist, body-after:dist
    body_none: tuple[float, float]  # body-before:none, body-after:none
    between_body: float
    between_chrome: float
    after_share: float
    prose: float
    shapes: tuple[tuple[str, float, float], ...]  # per SHAPES key: (key, its self: weight, its core: weight)
    lex: tuple[float, float]  # self:lex, core:lex
    main: float
    core_in: tuple[float, float, float]  # core:in, core:to-end, core:from-start
    core_out: tuple[float, float, float, float]  # core:before, core:after, core:dist, core:chrome-between


def stacked_weights(weights: Mapping[str, float]) -> Stacked:
    """The weights of a stacked chrome model (feature name -> weight) for :func:`stacked_scores`."""

    def w(name: str) -> float:
        return weights.get(name, 0.0)

    return Stacked(
        bias=w("bias"),
        self=w("self"),
        sides=tuple((w(a), w(b), w(c), w(d), w(e)) for a, b, c, d, e, _ in _SIDES),
        window=w("window:chrome"),
        run=w("run:chrome"),
        body_dist=(w("body-before:dist"), w("body-after:dist")),
        body_none=(w("body-before:none"), w("body-after:none")),
        between_body=w("between-body"),
        between_chrome=w("between-chrome"),
        after_share=w("body:after-share"),
        prose=w("self:prose"),
        shapes=tuple((key, w(self_key), w(core_key)) for key, self_key, core_key in _SHAPE_KEYS),
        lex=(w("self:lex"), w("core:lex")),
        main=w("main:in"),
        core_in=(w("core:in"), w("core:to-end"), w("core:from-start")),
        core_out=(w("core:before"), w("core:after"), w("core:dist"), w("core:chrome-between")),
    )


def stacked_scores(
    weights: Stacked,
    first: Sequence[float | None],
    shapes: Sequence[Features | None],
    in_main: Sequence[bool],
    lexical: Sequence[float | None] = (),
) -> tuple[list[float | None], list[bool], list[bool]]:
    """Each line's stacked chrome probability (None for blank lines), ``logistic`` of its
    :func:`chrome_context` features, whether it lies in the body (in the core, or in the densest run of
    prose with no chrome line between it and the core), and whether it lies in the core.

    The features are not built: their terms are added in the order :func:`chrome_context` adds
    them, so the probabilities are the same to the last bit (a feature the model has no weight for
    weighs 0.0 here, and adding 0.0 times a finite value leaves the sum as it was).
    """
    pg = _page(first, shapes)
    c, hot, left, right, hot_prefix = pg.c, pg.hot, pg.left, pg.right, pg.hot_prefix
    m = len(c)
    core_lo, core_hi = pg.core
    probs: list[float | None] = [None] * len(first)
    body = [False] * len(first)
    core = [False] * len(first)
    (near0, mean0, max0, min0, none0), (near1, mean1, max1, min1, none1) = weights.sides
    for k, i in enumerate(pg.idx):
        z = 0.0 + weights.bias
        z += weights.self * _logit(c[k])
        before = c[max(0, k - NEAR) : k]
        if before:
            z += near0 * before[-1]
            z += mean0 * (sum(before) / len(before))
            z += max0 * max(before)
            z += min0 * min(before)
        else:
            z += none0
        after = c[k + 1 : k + 1 + NEAR]
        if after:
            z += near1 * after[0]
            z += mean1 * (sum(after) / len(after))
            z += max1 * max(after)
            z += min1 * min(after)
        else:
            z += none1
        lo, hi = max(0, k - WINDOW), min(m, k + WINDOW + 1)
        if hi - lo - 1:
            z += weights.window * ((hot_prefix[hi] - hot_prefix[lo] - hot[k]) / (hi - lo - 1))
        z += weights.run * (math.log1p(left[k] + right[k]) / 4)
        z = _body_terms(weights, pg, k, z)
        if left[k] and right[k]:
            z += weights.between_chrome
        if pg.total_body:
            z += weights.after_share * (pg.after_count[k] / pg.total_body)
        if pg.prose[i]:
            z += weights.prose
        inside = core_lo <= k <= core_hi
        if pg.read_own:
            shape = shapes[i]
            assert shape is not None
            z = _own_terms(weights, shape, inside, lexical[i] if lexical else None, z)
        if in_main[i]:
            z += weights.main
        z, between = _core_terms(weights, pg, k, z)
        probs[i] = _sigmoid(z)
        body[i] = inside or (in_main[i] and between == 0.0)
        core[i] = inside
    return probs, body, core


def _body_terms(weights: Stacked, pg: _Page, k: int, z: float) -> float:
    """``z`` with the terms of the distances to the nearest body lines added (as chrome_context adds them)."""
    b0, b1 = pg.last_body[k], pg.next_body[k]
    z += weights.body_dist[0] * _dist(None if b0 is None else k - b0)
    z += weights.body_dist[1] * _dist(None if b1 is None else b1 - k)
    if b0 is None:
        z += weights.body_none[0]
    if b1 is None:
        z += weights.body_none[1]
    if b0 == k - 1 and b1 == k + 1:
        z += weights.between_body
    return z


def _own_terms(weights: Stacked, shape: Features, inside: bool, lex: float | None, z: float) -> float:
    """``z`` with the terms of the line's own shapes and words added (as _own_shapes adds them)."""
    for key, w_self, w_core in weights.shapes:
        if key in shape:
            z += w_self
            if inside:
                z += w_core
    if lex:
        v = max(-LEXICAL_CLIP, min(LEXICAL_CLIP, lex)) / LEXICAL_CLIP
        z += weights.lex[0] * v
        if inside:
            z += weights.lex[1] * v
    return z


def _core_terms(weights: Stacked, pg: _Page, k: int, z: float) -> tuple[float, float]:
    """``z`` with the terms of the line's place against the core added (as chrome_context adds them),
    and its core:chrome-between value (0.0 inside the core, where it has none)."""
    core_lo, core_hi = pg.core
    core_in, core_out = weights.core_in, weights.core_out
    if core_lo <= k <= core_hi:
        z += core_in[0]
        z += core_in[1] * (math.log1p(core_hi - k) / 4)
        z += core_in[2] * (math.log1p(k - core_lo) / 4)
        return z, 0.0
    if k < core_lo:
        z += core_out[0]
        z += core_out[2] * (math.log1p(core_lo - k) / 4)
        between = math.log1p(pg.hot_prefix[core_lo] - pg.hot_prefix[k + 1]) / 4
    else:
        z += core_out[1]
        z += core_out[2] * (math.log1p(k - core_hi) / 4)
        between = math.log1p(pg.hot_prefix[k] - pg.hot_prefix[core_hi + 1]) / 4
    z += core_out[3] * between
    return z, between


def _sigmoid(z: float) -> float:
    # As corpus.lines.model's logistic turns its sum into a probability.
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
