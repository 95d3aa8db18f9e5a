"""The article-start stage, on pages written for these tests (never the development files)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.lines.article_start import article_start, article_start_model, start_features, start_scores
from corpus.lines.features import document_features
from corpus.lines.model import article_end_inputs, score_lines

HEAD = [
    "Harbour Gazette",
    "Home",
    "Ferries",
    "Weather",
    "Council keeps the winter ferry",
    "12 May 2020",
]
ARTICLE = [
    "The island council voted on Tuesday to keep the morning ferry running through the winter months.",
    "Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work.",
    "The council will pay for the extra crossings from its harbour fund, set up after the storm of 1998.",
    "A new timetable will be posted at the harbour office and on the council's notice board this month.",
]


def _inputs() -> tuple[list[float], list[dict[str, float]], list[float]]:
    lines = HEAD + ARTICLE
    shapes = [s for s in document_features(lines) if s is not None]
    chrome = [0.9, 0.9, 0.9, 0.8, 0.4, 0.6] + [0.1] * len(ARTICLE)
    return chrome, shapes, [0.0] * len(lines)


def test_start_features_describe_every_start_but_the_first_line() -> None:
    chrome, shapes, lexical = _inputs()
    end = len(chrome) - 1
    starts = start_features(chrome, shapes, lexical, lo=len(HEAD), hi=end, end=end, title=4)
    assert len(starts) == end  # lines 1..end
    before = [f["before:share"] for f in starts]
    assert before == sorted(before)  # more is left out the later the start
    at_article = starts[len(HEAD) - 1]
    assert at_article["core:start"] == 1.0 and at_article["title:before"] == 1.0
    assert at_article["prev:year"] == 1.0  # the date line before the article
    assert starts[0]["title:after"] == 1.0 and starts[0]["core:before"] == 1.0
    # The title line is kept wherever the start falls: it is no share of the kept words left out.
    assert starts[3]["before:kept"] == starts[4]["before:kept"]


def test_article_start_picks_the_best_start_or_none() -> None:
    chrome, shapes, lexical = _inputs()
    end = len(chrome) - 1
    args = (chrome, shapes, lexical)
    assert article_start({}, *args, lo=len(HEAD), hi=end, end=end, title=4) == 0  # no start beats no start
    weights = {"bias": -1.0, "core:start": 3.0}
    assert article_start(weights, *args, lo=len(HEAD), hi=end, end=end, title=4) == len(HEAD)
    assert article_start(weights, *args, lo=len(HEAD), hi=end, end=end, title=4, margin=100.0) == 0
    assert article_start(weights, *args, lo=0, hi=0, end=0, title=None) == 0  # nothing before the end


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=12), st.floats(-3.0, 3.0))
def test_article_start_stays_before_the_end(chrome: list[float], bias: float) -> None:
    lines = [f"Line number {k} of a page that says a few things." for k in range(len(chrome))]
    shapes = [s for s in document_features(lines) if s is not None]
    end = len(chrome) - 1
    start = article_start(
        {"bias": bias, "before:p": 2.0}, chrome, shapes, [0.0] * len(chrome), lo=0, hi=end, end=end, title=None
    )
    assert 0 <= start <= end


def test_the_stored_model_has_weights_and_provenance() -> None:
    model = article_start_model()
    assert model["weights"] and "bias" in model["weights"]
    assert "train" in model["data"]["splits"]
    assert model["margin"] >= 0.0


def test_lines_before_the_start_are_flagged_but_the_title() -> None:
    lines = HEAD + ARTICLE
    x = article_end_inputs(lines)
    first = x.line_index.index(len(HEAD))
    # A model that starts the article at its first long sentence, whatever else it reads.
    weights = {"bias": -50.0, "self:words>=25": 0.0, "self:prose": 100.0, "prev:year": 1.0}
    scores = score_lines(lines, title=lambda _: 4, start_model={"weights": weights})
    flagged = [i for i, s in enumerate(scores) if s is not None and s.before_start]
    assert first == len(HEAD)
    assert flagged == [0, 1, 2, 3, 5]  # the title line (4) is never flagged
    # No title picker, or no model: no start is chosen.
    assert not any(s is not None and s.before_start for s in score_lines(lines, start_model={"weights": weights}))
    none = score_lines(lines, title=lambda _: 4, start_model={})
    assert not any(s is not None and s.before_start for s in none)


def test_a_hard_wrapped_text_gets_no_start() -> None:
    lines = [
        "Home",
        "The island council voted on Tuesday to keep the",
        "morning ferry running through the winter months, after",
        "a year in which the service was cut twice. Fishermen",
        "and teachers who live on the outer islands said the",
        "cuts had made it hard to get to work on time.",
    ]
    scores = score_lines(lines, title=lambda _: None, start_model={"weights": {"bias": 100.0}})
    assert not any(s is not None and s.before_start for s in scores)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0.0, 1.0), st.floats(-6.0, 6.0), st.sampled_from(HEAD + ARTICLE)), min_size=2, max_size=14
    ),
    st.data(),
)
def test_start_scores_are_the_features_weighed_to_the_last_bit(
    rows: list[tuple[float, float, str]], data: st.DataObject
) -> None:
    chrome = [c for c, _, _ in rows]
    lexical = [x for _, x, _ in rows]
    shapes = [s for s in document_features([t for _, _, t in rows]) if s is not None]
    end = data.draw(st.integers(1, len(rows) - 1))
    lo = data.draw(st.integers(0, end))
    title = data.draw(st.none() | st.integers(0, end))
    starts = start_features(chrome, shapes, lexical, lo=lo, hi=end, end=end, title=title)
    names = sorted({name for f in starts for name in f})
    weights = {name: data.draw(st.floats(-5.0, 5.0)) for name in names}
    fast = start_scores(weights, chrome, shapes, lexical, lo=lo, hi=end, end=end, title=title)
    assert fast == [sum(weights.get(name, 0.0) * v for name, v in f.items()) for f in starts]
