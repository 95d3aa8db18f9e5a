from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from corpus.model import OffsetMap
from corpus.textview import _general_view, _plain_view, clean_view, kept_ranges


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@st.composite
def text_and_removals(draw):
    raw = draw(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(" \t\r\n\u00a0\u00ad"), max_size=80))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=8, unique=True)))
    removed = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
    start = draw(st.integers(0, len(raw)))
    end = draw(st.integers(start, len(raw)))
    return raw, start, end, removed


@given(text_and_removals())
def test_cleaned_text_is_raw_minus_removals_with_whitespace_folded(case):
    raw, start, end, removed = case
    text, offsets = clean_view(raw, start, end, removed)
    kept = "".join(raw[a:b] for a, b in kept_ranges(start, end, removed))
    assert text == _fold(kept)
    assert len(offsets) == len(text)
    removed_at = {i for a, b in removed for i in range(a, b)}
    previous = -1
    for ch, at in zip(text, offsets, strict=True):
        assert start <= at < end
        assert at not in removed_at
        assert at > previous
        previous = at
        assert raw[at] == ch or (ch == " " and raw[at].isspace())


def test_whitespace_folds_across_a_removal():
    raw = "word [kw]index stuff more"
    text, offsets = clean_view(raw, 0, len(raw), [(5, 20)])
    assert text == "word more"
    assert [raw[i] for i in offsets] == list("word more")


def test_crlf_keeps_raw_offsets_exact():
    raw = "one\r\ntwo\r\n"
    text, offsets = clean_view(raw, 0, len(raw))
    assert text == "one two"
    assert list(offsets) == [0, 1, 2, 3, 5, 6, 7]


def test_kept_ranges_with_removals_outside_the_range():
    assert kept_ranges(5, 10, [(0, 2), (6, 7), (12, 20)]) == [(5, 6), (7, 10)]
    assert kept_ranges(5, 10, [(0, 20)]) == []


def _oracle(raw: str, start: int, end: int, removed: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """Character by character: a whitespace run (across removals too) becomes one space at the raw
    offset of its first character, none at the start or the end."""
    out: list[str] = []
    offsets: list[int] = []
    pending: int | None = None
    for a, b in kept_ranges(start, end, removed):
        for i in range(a, b):
            if raw[i].isspace():
                pending = i if pending is None else pending
                continue
            if pending is not None and out:
                out.append(" ")
                offsets.append(pending)
            pending = None
            out.append(raw[i])
            offsets.append(i)
    return "".join(out), offsets


@given(text_and_removals())
def test_offsets_match_a_character_by_character_oracle(case):
    raw, start, end, removed = case
    text, offsets = clean_view(raw, start, end, removed)
    assert (text, list(offsets)) == _oracle(raw, start, end, removed)


@given(st.lists(st.sampled_from(["a", "bc", " ", "  ", "\n", " \n", "\t", "\u00a0"]), max_size=40).map("".join))
def test_single_spaces_and_folded_runs_map_like_the_oracle(raw):
    text, offsets = clean_view(raw, 0, len(raw))
    assert (text, list(offsets)) == _oracle(raw, 0, len(raw), [])


@given(text_and_removals())
def test_the_plain_view_is_the_general_view_of_a_range_without_removals(case):
    raw, start, end, _ = case
    text, offsets = _plain_view(raw, start, end)
    assert (text, offsets) == _general_view(raw, start, end, [])
    # The plain view's map is made without the checks: it passes them.
    assert OffsetMap(offsets.starts, offsets.raws, offsets.length) == offsets
