"""The page-title model, on pages written for these tests (never the development files)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import PassageKind, analyze, source_from_text
from corpus.lines.title import Candidate, choose_title, content_words, title_features, title_model
from corpus.structure import page_title_inputs

HEADLINE = "Harbour Town Keeps Its Winter Ferry After Council Vote"
PAGE = [
    "Skip to content",
    "Harbour Town Gazette",
    "Home",
    "News",
    "Sport",
    "Local News",
    HEADLINE,
    "By Mary Stone",
    "The island council voted on Tuesday to keep the winter ferry running, after a year in which the service was "
    "cut twice and several families had thought of moving to the mainland.",
    "Fishermen and teachers who live on the outer islands said the cuts had made it hard to get to work on time.",
    "The council will pay for the extra crossings from its harbour fund, set up after the storm of 1998.",
]


def _titles(lines: list[str]) -> list[str]:
    doc = analyze(source_from_text("\n".join(lines) + "\n", "p"))
    return [p.text for p in doc.passages if p.kind is PassageKind.TITLE]


def test_the_stored_model_states_its_data_and_figures():
    model = title_model()
    assert model["weights"] and "bias" in model["weights"]
    assert model["data"]["splits"].startswith("train only")
    assert {"train", "dev"} <= set(model["figures"])


def test_the_headline_after_the_menus_is_the_title():
    assert _titles(PAGE) == [HEADLINE]
    # Without a byline under it too: the first heading-like line of the page is the site's name.
    assert _titles([line for line in PAGE if not line.startswith("By ")]) == [HEADLINE]


def test_the_candidates_end_where_the_body_starts():
    raw = "\n".join(PAGE) + "\n"
    candidates, body_start, body_words = page_title_inputs(raw)
    texts = [c.text for c in candidates]
    assert HEADLINE in texts
    assert all(c.line < body_start for c in candidates)
    assert PAGE[body_start].startswith("The island council")
    assert {"council", "ferry", "winter"} <= body_words


def test_a_page_with_a_bibliography_takes_no_entry_for_its_title():
    lines = [
        "Further Reading",
        "Gaddis, John Lewis. The Cold War: A New History. New York: Penguin Press, 2005.",
        "Westad, Odd Arne. The Global Cold War. Cambridge: Cambridge University Press, 2005.",
    ]
    assert _titles(lines) == []


def test_a_headline_whose_words_the_body_repeats_scores_higher():
    near = Candidate(2, "Winter Ferry Saved", 0.4, False, False, False)
    far = Candidate(1, "Opinion Pages Today", 0.4, False, False, False)
    f_far, f_near = title_features([far, near], 3, content_words("The winter ferry was saved by the council."))
    assert f_near["body-words"] == 1.0 and f_far["body-words=0"] == 1.0
    assert f_near.get("body-words-best") == 1.0 and "body-words-best" not in f_far


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-5, 5), min_size=1, max_size=8), st.floats(-3, 3))
def test_the_choice_is_the_best_candidate_or_none(xs, w):
    features = [{"bias": 1.0, "x": x} for x in xs]
    k = choose_title({"x": w}, features)
    scores = [w * x for x in xs]
    if max(scores) <= 0.0:
        assert k is None
    else:
        assert k is not None and scores[k] == max(scores)
        assert k == scores.index(max(scores))  # ties: the first
