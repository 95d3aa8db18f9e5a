"""The stacked chrome stage, on pages written for these tests (never the development files)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import PassageKind, analyze, source_from_text
from corpus.lines.chrome import chrome_context, lexical_logit, stacked_scores, stacked_weights
from corpus.lines.features import CHROME_ONLY, document_features, layout
from corpus.lines.model import line_model, logistic, score_lines
from corpus.structure import find_blocks

# An article between a menu and a newsletter box: the box's pitch is a whole sentence, so on its own
# it reads like body text; after a run of share links and sign-up lines it is chrome. The teaser
# after "More stories" likewise.
PAGE = """Home
Local
Weather
The ferry to the islands will run all winter
The island council voted on Tuesday to keep the morning ferry running through the winter months, after a year in which the service was cut twice.
Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work on time, and several families had thought of moving.
The council will pay for the extra crossings from its harbour fund, which was set up after the storm of 1998 to repair the piers.
A new timetable will be posted at the harbour office and on the council's notice board by the end of the month.
Share on
Facebook
Twitter
Email
Sign up for our newsletter
Get the week's island news delivered to your inbox every Friday morning, with the tide tables and the ferry times.
Subscribe
More stories
Read more
The lighthouse keeper who painted the whole coast in one summer and sold every picture at the harbour fair.
Read more
"""

PITCH = (
    "Get the week's island news delivered to your inbox every Friday morning, with the tide tables and the ferry times."
)
TEASER = "The lighthouse keeper who painted the whole coast in one summer and sold every picture at the harbour fair."
BODY = (
    "The ferry to the islands will run all winter",
    "The island council voted on Tuesday to keep the morning ferry running through the winter months, after a "
    "year in which the service was cut twice.",
    "A new timetable will be posted at the harbour office and on the council's notice board by the end of the month.",
)


def _blocks(raw: str) -> list[tuple[str, str]]:
    return [(b.kind.value, raw[b.span.start : b.span.end]) for b in find_blocks(raw, "p")]


def test_a_sentence_inside_a_newsletter_box_is_furniture_and_the_article_stays():
    blocks = _blocks(PAGE)
    assert ("furniture", PITCH) in blocks
    assert ("furniture", TEASER) in blocks
    # The headline is the page's title; the article's lines are its paragraphs.
    assert ("title", BODY[0]) in blocks
    for line in BODY[1:]:
        assert ("paragraph", line) in blocks


def test_removed_chrome_keeps_its_raw_span_and_leaves_the_body_whole():
    analysed = analyze(source_from_text(PAGE, "p"))
    furniture = [p for p in analysed.passages if p.kind is PassageKind.FURNITURE]
    pitch = next(p for p in furniture if p.text == PITCH)
    assert PAGE[pitch.start : pitch.end] == PITCH  # recorded where it stands, not dropped
    body = " ".join(p.text for p in analysed.passages if p.kind in (PassageKind.TITLE, PassageKind.PARAGRAPH))
    assert PITCH not in body and TEASER not in body
    assert all(line in body for line in BODY)


def test_the_body_core_is_the_article_not_the_box_after_it():
    lines = PAGE.split("\n")
    scores = dict(zip(lines, score_lines(lines), strict=True))
    assert all(scores[line].in_core for line in BODY)  # type: ignore[union-attr]
    assert not any(scores[line].in_core for line in (PITCH, TEASER, "Subscribe"))  # type: ignore[union-attr]
    assert scores[PITCH].chrome > 0.8 and scores[TEASER].chrome > 0.8  # type: ignore[union-attr]


def test_context_features_read_the_neighbours_and_the_core():
    lines = PAGE.split("\n")
    first = [None if not line.strip() else 0.9 for line in lines]
    body_rows = range(4, 8)
    for i in body_rows:
        first[i] = 0.1
    feats = chrome_context(first, layout(lines).shapes, [i in body_rows for i in range(len(lines))])
    pitch = feats[lines.index(PITCH)]
    assert pitch is not None
    assert pitch["core:after"] == 1.0 and pitch["core:chrome-between"] > 0
    assert pitch["before:near"] == 0.9 and pitch["after:near"] == 0.9 and "between-chrome" in pitch
    assert pitch["body:after-share"] == 0.0 and "body-after:none" in pitch
    inside = feats[5]
    assert inside is not None and inside["core:in"] == 1.0 and "core:dist" not in inside
    assert feats[-1] is None  # the blank last line


def test_context_features_place_a_line_inside_the_core():
    # A pitch or a bio that closes an article lies at the core's end: the stage reads how far each
    # core line is from either end of the core.
    lines = PAGE.split("\n")
    first = [None if not line.strip() else 0.9 for line in lines]
    body_rows = range(4, 8)
    for i in body_rows:
        first[i] = 0.1
    feats = chrome_context(first, layout(lines).shapes, [i in body_rows for i in range(len(lines))])
    core = [f for f in feats if f is not None and "core:in" in f]
    assert len(core) == len(body_rows)
    assert core[0]["core:from-start"] == 0.0 and core[-1]["core:to-end"] == 0.0
    ends = [f["core:to-end"] for f in core]
    assert ends == sorted(ends, reverse=True)
    assert not any("core:to-end" in f for f in feats if f is not None and "core:in" not in f)


def test_only_the_chrome_model_weighs_terms():
    models = line_model()["models"]
    assert any(k.startswith("t:") for k in models["chrome"])
    assert not any(k.startswith("t:") for name, w in models.items() if name != "chrome" for k in w)
    feats = document_features(["Sign up for our weekly newsletter today"])[0]
    assert feats is not None and {"t:sign", "t:newsletter", "t:weekly"} <= feats.keys()
    assert "t:for" not in feats and "t:our" not in feats  # function words are left to ``stop``


_LINE = st.sampled_from([*PAGE.split("\n"), "", "  ", "Tags: ferry, islands", "12", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, max_size=30), st.randoms(use_true_random=False))
def test_context_features_are_bounded_and_name_one_place(lines, rnd):
    first = [None if not line.strip() else rnd.random() for line in lines]
    main = [rnd.random() < 0.5 for _ in lines]
    feats = chrome_context(first, layout(lines).shapes, main)
    assert [f is None for f in feats] == [p is None for p in first]
    core = [k for k, f in enumerate(f for f in feats if f is not None) if "core:in" in f]
    assert core == list(range(core[0], core[-1] + 1)) if core else True  # one stretch
    for f in feats:
        if f is None:
            continue
        assert sum(f.get(k, 0.0) for k in ("core:in", "core:before", "core:after")) == 1.0
        assert all(math.isfinite(v) for v in f.values())
        assert 0.0 <= f.get("window:chrome", 0.0) <= 1.0 and 0.0 <= f.get("body:after-share", 0.0) <= 1.0


@settings(max_examples=40, deadline=None)
@given(st.lists(_LINE, max_size=30))
def test_every_line_scored_is_a_probability_and_blank_lines_get_none(lines):
    for line, s in zip(lines, score_lines(lines), strict=True):
        assert (s is None) == (not line.strip())
        if s is not None:
            assert 0.0 <= s.chrome <= 1.0


# Chrome inside an article, by shape: a link label before a headline, credits chained by slashes, a
# copyright sign, a parenthesised tail, a news agency's name after a caption's last full stop.
INLINE_CHROME = [
    ("See also: The mill that ground flour for three villages", "label:"),
    ("Harbour office / Jane Roe", "credit:slash"),
    ("The old pier at dawn © Sam Doe", "credit:copyright"),
    ("The mayor opens the new school. (Picture: Town Hall)", "tail:paren"),
    ("Boats in the harbour after the storm. Harbour Agency", "tail:name"),
]


def test_inline_chrome_shapes() -> None:
    lines = [text for text, _ in INLINE_CHROME]
    feats = document_features(lines)
    for (text, name), f in zip(INLINE_CHROME, feats, strict=True):
        assert f is not None
        assert name in f, text
    plain = document_features(["The council met on Tuesday and voted to keep the ferry running all winter."])[0]
    assert plain is not None
    assert not {"label:", "credit:slash", "credit:copyright", "tail:paren", "tail:name"} & set(plain)


def test_inline_chrome_shapes_reach_the_stacked_stage() -> None:
    lines = ["The council met on Tuesday and voted to keep the ferry running all winter.", "", INLINE_CHROME[0][0]]
    ctx = chrome_context([0.1, None, 0.6], layout(lines).shapes, [True, False, True])
    label, sentence = ctx[2], ctx[0]
    assert label is not None and sentence is not None
    assert label["self:label:"] == 1.0
    assert "self:label:" not in sentence


def test_reference_models_do_not_read_chrome_only_shapes() -> None:
    models = line_model()["models"]
    for name in ("reference", "reference_shape", "starts"):
        assert not set(CHROME_ONLY) & set(models[name]), name
    assert set(CHROME_ONLY) & set(models["chrome"])


def test_word_evidence_is_read_again_beside_the_context_and_in_the_core():
    lines = PAGE.split("\n")
    first = [None if not line.strip() else 0.2 for line in lines]
    words = [None if not line.strip() else 0.0 for line in lines]
    body = lines.index(BODY[1])
    words[body] = 9.0  # clipped: at most one either way
    feats = chrome_context(first, layout(lines).shapes, [False] * len(lines), words)
    f = feats[body]
    assert f is not None and f["self:lex"] == 1.0 and f["core:lex"] == 1.0
    assert all("self:lex" not in g for k, g in enumerate(feats) if g is not None and k != body)  # zero: no feature
    assert all("self:lex" not in g for g in chrome_context(first, layout(lines).shapes, [False] * len(lines)) if g)


def test_word_evidence_is_not_read_in_a_hard_wrapped_text():
    lines = ["The tide came in", "over the flats and", "across the old pier", "where the boats lay."]
    feats = chrome_context([0.2] * 4, layout(lines).shapes, [True] * 4, [3.0] * 4)
    assert all(f is not None and "self:lex" not in f for f in feats)


def test_the_word_evidence_is_the_first_stage_weights_of_the_words_alone():
    weights = line_model()["models"]["chrome"]
    feats = document_features(["Sign up for our weekly newsletter today"])[0]
    assert feats is not None
    expected = sum(weights.get(k, 0.0) * v for k, v in feats.items() if k.startswith(("t:", "w0:", "wl:")))
    assert math.isclose(lexical_logit(weights, feats), expected)
    assert lexical_logit(weights, {"len": 1.0, "words": 1.0}) == 0.0


_STACKED_LINES = [*PAGE.split("\n")[:12], "", "", "Home", "news and weather", "A. B. Smith (1999)", "Share / Email"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_STACKED_LINES), max_size=40), st.data())
def test_stacked_scores_are_the_logistic_of_the_context_features_to_the_bit(lines, data):
    shapes = layout(lines).shapes
    first = [None if f is None else data.draw(st.floats(0.0, 1.0)) for f in shapes]
    in_main = [f is not None and data.draw(st.booleans()) for f in shapes]
    lexical = [None if f is None else data.draw(st.none() | st.floats(-9.0, 9.0)) for f in shapes]
    weights = line_model()["models"]["chrome_context"]
    for lex in (lexical, ()):
        ctx = chrome_context(first, shapes, in_main, lex)
        want = [None if f is None else logistic(weights, f) for f in ctx]
        body = [
            f is not None and ("core:in" in f or (m and f["core:chrome-between"] == 0.0))
            for f, m in zip(ctx, in_main, strict=True)
        ]
        core = [f is not None and "core:in" in f for f in ctx]
        assert stacked_scores(stacked_weights(weights), first, shapes, in_main, lex) == (want, body, core)
