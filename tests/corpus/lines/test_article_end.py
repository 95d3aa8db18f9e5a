"""The article-end stage, on pages written for these tests (never the development files)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.lines.article_end import article_end, article_end_model, cut_features, words_of
from corpus.lines.features import document_features
from corpus.lines.model import article_end_inputs, score_lines

ARTICLE = [
    "The island council voted on Tuesday to keep the morning ferry running through the winter months.",
    "Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work.",
    "The council will pay for the extra crossings from its harbour fund, set up after the storm of 1998.",
    "A new timetable will be posted at the harbour office and on the council's notice board this month.",
]
COMMENTS = [
    "Share",
    "3 Comments",
    "Mary on 12 May 2020 at 10:14 said:",
    "I took that ferry every day for ten years and I am glad the council listened to the people at last.",
    "Tom on 13 May 2020 at 08:02 said:",
    "It was about time somebody stood up for the islands, and I hope they keep the evening boat as well.",
]


def test_words_of_reads_the_count_back_from_the_shape() -> None:
    shapes = document_features(["one two three four five", "a"])
    assert [words_of(s) for s in shapes if s is not None] == [5, 1]


def test_cut_features_describe_every_cut_but_the_last_line() -> None:
    lines = ARTICLE + COMMENTS
    shapes = [s for s in document_features(lines) if s is not None]
    chrome = [0.1] * len(ARTICLE) + [0.9, 0.8, 0.6, 0.3, 0.6, 0.3]
    cuts = cut_features(chrome, shapes, [0.0] * len(lines), 0, len(lines) - 1)
    assert len(cuts) == len(lines) - 1
    after = [f["after:share"] for f in cuts]
    assert after == sorted(after, reverse=True)  # less is left out the later the cut
    at_end = cuts[len(ARTICLE) - 1]
    assert at_end["next:words<=3"] == 1.0 and at_end["next:p"] == 0.9
    assert at_end["self:end"] == 1.0


def test_article_end_picks_the_best_cut_or_none() -> None:
    lines = ARTICLE + COMMENTS
    shapes = [s for s in document_features(lines) if s is not None]
    chrome = [0.1] * len(ARTICLE) + [0.9, 0.8, 0.6, 0.3, 0.6, 0.3]
    args = (chrome, shapes, [0.0] * len(lines))
    hi = len(lines) - 1
    assert article_end({}, *args, lo=0, hi=hi) == hi  # no weights: no cut beats no cut
    weights = {"bias": -1.0, "next:p": 3.0, "near-after:p": 2.0, "self:p": -3.0}
    assert article_end(weights, *args, lo=0, hi=hi) == len(ARTICLE) - 1
    assert article_end(weights, *args, lo=0, hi=hi, margin=100.0) == hi
    assert article_end(weights, *args, lo=3, hi=3) == 3  # a core of one line


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=12), st.floats(-3.0, 3.0))
def test_article_end_stays_in_the_core(chrome: list[float], bias: float) -> None:
    lines = [f"Line number {k} of a page that says a few things." for k in range(len(chrome))]
    shapes = [s for s in document_features(lines) if s is not None]
    end = article_end({"bias": bias, "after:p": 2.0}, chrome, shapes, [0.0] * len(chrome), lo=0, hi=len(chrome) - 1)
    assert 0 <= end <= len(chrome) - 1


def test_the_stored_model_has_weights_and_provenance() -> None:
    model = article_end_model()
    assert model["weights"] and "bias" in model["weights"]
    assert "train" in model["data"]["splits"]


def test_lines_after_the_end_are_flagged_and_leave_the_core() -> None:
    lines = ["Home", "News", *ARTICLE, *COMMENTS, "Contact"]
    x = article_end_inputs(lines)
    # A model that cuts right after the article's last line, whatever else it reads.
    last = x.line_index.index(len(ARTICLE) + 1)
    weights = {"bias": -50.0, "next:words<=3": 100.0, "self:end": 1.0}
    scores = score_lines(lines, end_model={"weights": weights})
    flagged = [i for i, s in enumerate(scores) if s is not None and s.after_end]
    assert x.lo <= last < x.hi  # the comments lie in the core
    assert flagged == list(range(len(ARTICLE) + 2, len(lines)))
    assert not any(s is not None and s.in_core for s in scores[len(ARTICLE) + 2 :])
    none = score_lines(lines, end_model={})
    assert not any(s is not None and s.after_end for s in none)


def test_a_hard_wrapped_text_is_never_cut() -> None:
    lines = [
        "The island council voted on Tuesday to keep the",
        "morning ferry running through the winter months, after",
        "a year in which the service was cut twice. Fishermen",
        "and teachers who live on the outer islands said the",
        "cuts had made it hard to get to work on time.",
        "Share",
    ]
    scores = score_lines(lines, end_model={"weights": {"bias": 100.0}})
    assert not any(s is not None and s.after_end for s in scores)
