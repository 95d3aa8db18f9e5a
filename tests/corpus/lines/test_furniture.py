from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.lines.furniture import RUNNING_HEAD_PAGES, page_furniture


def _pages(heads: list[str], bodies: list[list[str]]) -> tuple[list[str], list[bool]]:
    """Lines of pages, each body then a page number, with ``heads[k]`` at the top of page k."""
    texts: list[str] = []
    ends: list[bool] = []
    for k, (head, body) in enumerate(zip(heads, bodies, strict=True)):
        for t in [head, "", *body, "", str(k + 1)]:
            texts.append(t)
            ends.append(False)
        ends[-1] = True
    return texts, ends


def test_page_numbers_and_running_heads_at_page_edges():
    heads = [f"Chapter Two. Tides {k + 10}" for k in range(4)]
    texts, ends = _pages(heads, [[f"Some text of page {k}.", f"More of it, {k} times."] for k in "abcd"])
    found = page_furniture(texts, ends)
    assert {texts[i] for i in found} == {*heads, "1", "2", "3", "4"}


def test_a_line_recurring_away_from_page_edges_is_no_running_head():
    body = ["Intro line of the page.", "Wiley, New York.", "Another line.", "Closing words here."]
    texts, ends = _pages(["Head"] * RUNNING_HEAD_PAGES, [body] * RUNNING_HEAD_PAGES)
    assert "Wiley, New York." not in {texts[i] for i in page_furniture(texts, ends)}


def test_page_numbers_count_anywhere_in_a_paginated_text_and_nowhere_without_pages():
    texts = ["Head", "", "Text.", "", "xii", "Head", "", "Text.", "", "- 13 -", "Head", "1998", "civic", "", "Last."]
    assert sorted(page_furniture(texts, [False] * (len(texts) - 1) + [True])) == [4, 9]
    assert page_furniture(texts, [False] * len(texts)) == set()


@given(st.lists(st.sampled_from(["", "12", "Head 3", "A line of text.", "1999", "iv", "Page 7"]), max_size=40))
def test_furniture_is_never_blank_and_never_a_year(texts):
    found = page_furniture(texts, [t == "" for t in texts])
    assert all(texts[i] and texts[i] != "1999" for i in found)
