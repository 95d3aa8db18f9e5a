"""Cutting long lines into pieces changes nothing: word-by-word work over the pieces gives what it
gives over the whole line, whatever the piece size."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus.longlines
from corpus import analyze, source_from_text
from corpus.lines.features import document_features, folds_to_heading
from corpus.lines.model import score_lines
from corpus.longlines import fold_whitespace, pieces
from corpus.residue import find_residue
from corpus.structure import find_blocks
from corpus.textview import WHITESPACE_END
from tests.corpus.test_analyze import check_invariants


def test_the_cut_pattern_is_the_whitespace_split_uses() -> None:
    space = re.compile(r"\s")
    odd = [i for i in range(sys.maxunicode + 1) if bool(space.match(chr(i))) != chr(i).isspace()]
    assert odd == []


def test_case_folding_maps_no_character_to_or_from_whitespace() -> None:
    # The index-repeat finder folds a piece at once and relies on its words lining up with the piece's.
    odd = [
        i
        for i in range(sys.maxunicode + 1)
        if (c := chr(i)).isspace() != c.casefold().isspace()
        or (not c.isspace() and c.casefold() != c.casefold().strip())
    ]
    assert odd == []


spaced_text = st.lists(
    st.sampled_from(["a", "bc", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "x" * 9, "é"]), max_size=40
).map("".join)


@given(spaced_text, st.integers(1, 12))
def test_pieces_tile_the_text_and_cut_only_at_whitespace(text: str, size: int) -> None:
    cuts = list(pieces(text, size=size))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    for (_, b), (c, _) in pairwise(cuts):
        assert b == c and text[b].isspace()
    assert all(b - a >= size for a, b in cuts[:-1])


@given(spaced_text, st.integers(0, 5), st.integers(0, 5))
def test_fold_whitespace_is_split_and_join(text: str, lo: int, hi: int) -> None:
    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - hi)
    with _piece_size(3):
        assert fold_whitespace(text, start, end) == " ".join(text[start:end].split())


class _piece_size:  # noqa: N801 - used as a context manager, read like a function
    """Run with :data:`corpus.longlines.PIECE` set to ``size``: every line of a test is then many pieces."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __enter__(self) -> None:
        self.saved = corpus.longlines.PIECE
        corpus.longlines.PIECE = self.size

    def __exit__(self, *exc: object) -> None:
        corpus.longlines.PIECE = self.saved


# Index copies, inverted names and headings, with words long and short, so copies straddle cuts.
WORDS = [
    "Ford Motor Company Ford Motor Company",
    "Franklin D. Roosevelt Roosevelt, Franklin D.",
    "League of Nations. League of Nations",
    "communist propaganda Propaganda;Bolsheviks",
    "Further Reading",
    "References:",
    "In 1933 the talks (pp. 12-14) ended.",
    "Smith, J. (1990). Title. London: Press.",
    "the",
    "A.",
    "Supercalifragilisticexpialidocious",
    "  ",
    "\t",
    "...",
]
line_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)
page_text = st.lists(line_text, min_size=1, max_size=4).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(page_text, st.integers(1, 40))
def test_analysis_does_not_depend_on_the_piece_size(text: str, size: int) -> None:
    whole = (find_residue(text, "t"), find_blocks(text, "t"), document_features(text.split("\n")))
    whole_doc = analyze(source_from_text(text, "t"))
    with _piece_size(size):
        assert (find_residue(text, "t"), find_blocks(text, "t"), document_features(text.split("\n"))) == whole
        assert analyze(source_from_text(text, "t")) == whole_doc


def test_a_copy_across_a_cut_is_found() -> None:
    line = "Filler words here. " * 3 + "It was made by Ford Motor Company Ford Motor Company in Detroit."
    removals, _ = find_residue(line, "t")
    assert [r.span.slice(line) for r in removals] == ["Ford Motor Company"]
    for size in range(1, len(line)):
        with _piece_size(size):
            assert find_residue(line, "t")[0] == removals


@pytest.mark.parametrize(
    ("text", "heading"),
    [("Further Reading", True), ("  further   reading: ", True), ("... Bibliography ...", True), ("Reading", False)],
)
def test_folds_to_heading_in_pieces(text: str, heading: bool) -> None:
    for size in (1, 2, 5, 100):
        with _piece_size(size):
            assert folds_to_heading(text) is heading


def _long_lines() -> Iterator[str]:
    yield "The harbour was rebuilt in 1821, at great cost. " * 40
    yield "a" * 2000
    yield "Archer, T. (1954). The Harbour Towns. London: Smith. " * 30


@pytest.mark.parametrize("line", list(_long_lines()))
def test_long_lines_score_the_same_in_pieces(line: str) -> None:
    lines = ["Title", "", line, "", "Share this"]
    with _piece_size(64):
        small = score_lines(lines)
        doc = analyze(source_from_text("\n".join(lines), "t"))
    assert small == score_lines(lines)
    assert doc == analyze(source_from_text("\n".join(lines), "t"))
    check_invariants(doc)


def test_no_whitespace_past_the_fold_table() -> None:
    assert not any(chr(i).isspace() for i in range(WHITESPACE_END, sys.maxunicode + 1))
