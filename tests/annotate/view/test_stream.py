"""The reading view written a source at a time (annotate.view.page.write_view): the same characters as
the page built as one element tree, whatever the sources hold."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.model import ReferenceLink, Verdict
from annotate.view import page as view_page
from annotate.view.model import _Page, _RangeIndex
from annotate.view.page import render_view, write_view
from bibliography.model import Reference
from corpus.analyze import analyze
from corpus.load import source_from_text
from corpus.model import Document
from tests.annotate.view.test_page import embedded_corpus, sample_links, sample_verdicts


def _one_tree(
    docs: Sequence[Document],
    refs: Sequence[Reference],
    verdicts: Sequence[Verdict],
    links: Sequence[ReferenceLink] = (),
) -> str:
    page = _Page(docs, refs, verdicts, links, None)
    return view_page._finish(
        view_page._serialise(view_page._frame(page, "Citation bundle", None, None), view_page._DOCTYPE)
    )


def test_streamed_page_is_the_one_tree_page_on_the_embedded_corpus() -> None:
    docs, refs = embedded_corpus()
    verdicts = sample_verdicts(docs, refs)
    links = sample_links(refs)
    out = io.StringIO()
    write_view(out, docs, refs, verdicts, links)
    assert out.getvalue() == _one_tree(docs, refs, verdicts, links=links)
    assert out.getvalue().count("<article ") == len(docs)


_TEXT = st.lists(
    st.sampled_from(["a", "B", " ", "\n", "\r", ".", "<", "&", "-", "!", "\x0c", "é", "citetrace:view:data", "<!--"]),
    max_size=40,
).map("".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(_TEXT, min_size=0, max_size=3))
def test_streamed_page_is_the_one_tree_page_for_any_text(texts: list[str]) -> None:
    docs = [analyze(source_from_text(t, f"s{i}")) for i, t in enumerate(texts)]
    assert render_view(docs, [], []) == _one_tree(docs, [], [])


def test_a_marker_met_in_the_frame_falls_back_to_one_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Details" is the heading of the details panel, before the script: the data marker would cut
    # the frame in the wrong place, so the page is built in one tree, and is the same page.
    docs = [analyze(source_from_text("One sentence here. Another one there.", "s0"))]
    expected = render_view(docs, [], [])
    monkeypatch.setattr(view_page, "_DATA_MARK", "Details")
    assert render_view(docs, [], []) == expected


def test_claim_list_is_written_an_item_at_a_time_with_the_same_characters() -> None:
    docs, refs = embedded_corpus()
    verdicts = sample_verdicts(docs, refs)
    assert verdicts
    streamed = io.StringIO()
    write_view(streamed, docs, refs, verdicts)
    assert streamed.getvalue() == _one_tree(docs, refs, verdicts)
    assert streamed.getvalue().count('class="claim v-') == len(verdicts)
    assert view_page._CLAIMS_MARK not in streamed.getvalue()


def test_a_title_spelling_the_claims_marker_falls_back_to_one_tree() -> None:
    # The page's title sits in an attribute-free <title>, but a <meta> content or option value could
    # carry "<" unescaped: whichever place spells the marker, the page is the one-tree page.
    docs, refs = embedded_corpus()
    verdicts = sample_verdicts(docs, refs)
    title = "x" + view_page._CLAIMS_MARK
    out = io.StringIO()
    write_view(out, docs, refs, verdicts, title=title)
    page = _Page(docs, refs, verdicts, (), None)
    expected = view_page._finish(view_page._serialise(view_page._frame(page, title, None, None), view_page._DOCTYPE))
    assert out.getvalue() == expected


def test_a_claims_marker_met_in_the_frame_falls_back_to_one_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    docs, refs = embedded_corpus()
    verdicts = sample_verdicts(docs, refs)
    expected = _one_tree(docs, refs, verdicts)
    # The claims marker spelling the sources one: the frame holds that marker twice, and the page
    # is built in one tree rather than cut in the wrong place.
    monkeypatch.setattr(view_page, "_CLAIMS_MARK", view_page._SOURCES_MARK)
    out = io.StringIO()
    write_view(out, docs, refs, verdicts)
    assert out.getvalue() == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=25),
    st.integers(-5, 70),
    st.integers(0, 40),
)
def test_range_index_finds_exactly_the_overlapping_ranges(raw: list[tuple[int, int]], start: int, size: int) -> None:
    ranges = [(a, a + n) for a, n in raw]
    index = _RangeIndex(ranges)
    pairs = sorted(ranges)
    expected = [i for i, (a, b) in enumerate(pairs) if a < start + size and b > start and b > a]
    assert index.overlapping(start, start + size) == expected


def test_data_written_from_iterators_and_json_rows_is_safe_json_of_the_whole() -> None:
    rows = [{"a": "</script>", "n": 1}, {"b": [1, 2]}]
    whole = {"x": rows, "y": {"k": "&"}, "z": [], "w": 3}
    out = io.StringIO()
    view_page._write_json(
        out,
        {
            "x": view_page._Written(view_page.safe_json(r) for r in rows),
            "y": {"k": "&"},
            "z": iter([]),
            "w": 3,
        },
    )
    assert out.getvalue() == view_page.safe_json(whole)
