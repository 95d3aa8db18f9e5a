"""Tests for abbreviations a document defines, and their use by the checker."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate import Checker, Label
from annotate.claims.abbreviations import _PAREN, find_abbreviations, long_form
from corpus import analyze, source_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The World Health Organization (WHO) met.", {"WHO": "World Health Organization"}),
        ("Cells of the bone marrow (BM) and the marrow niche (MN).", {"BM": "bone marrow", "MN": "marrow niche"}),
        ("Haematopoietic stem cells (HSCs) renew.", {"HSCs": "Haematopoietic stem cells"}),
        ("It was warm (1990) and dry (e.g. in May).", {}),
        ("A report (WHO) on trade.", {}),
        ("The first (WHO) and the second (WHO) definitions.", {}),
    ],
)
def test_find_abbreviations(text: str, expected: dict[str, str]) -> None:
    assert find_abbreviations(text) == expected


def _naive_abbreviations(text: str) -> dict[str, str]:
    """find_abbreviations as first written: the text before each parenthesis copied and searched."""
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        short = m.group(1)
        if short in out or len(short.split()) > 2 or not short[0].isalnum():
            continue
        if not any(ch.isupper() for ch in short) or not any(ch.isalpha() for ch in short):
            continue
        before = text[: m.start()]
        cut = max(before.rfind(ch) for ch in "();")
        words = before[cut + 1 :].split()
        window = " ".join(words[-min(len(short) + 5, 2 * len(short)) :])
        found = long_form(short, window)
        if found is not None:
            out[short] = found
    return out


_PIECES = st.sampled_from(
    ["stem", "cells", "Stem Cells", "World", "Health", "Organization", " ", " ", "(", ")", ";", ",", "(SC)", "(WHO)",
     "(HSCs)", "(sc)", "(S C)", "( SC )", "(1990)", "\n", " stem cells (SC)", " World Health Organization (WHO)",
     " Stem cells (HSCs)"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_find_abbreviations_is_the_copying_scan(text: str) -> None:
    assert list(find_abbreviations(text).items()) == list(_naive_abbreviations(text).items())


def test_the_first_letter_starts_a_word() -> None:
    assert long_form("SC", "basic cells") is None  # the 's' of "basic" is inside a word
    assert long_form("SC", "stem cells") == "stem cells"


def test_a_claim_in_either_form_finds_the_sentence_in_the_other() -> None:
    doc = analyze(
        source_from_text(
            "Blood\n\nHaematopoietic stem cells (HSCs) live in the marrow niche. HSCs divide rarely in adult mice.\n",
            "blood",
        )
    )
    checker = Checker([doc])
    long_claim = checker.check("Haematopoietic stem cells divide rarely in adult mice.")
    assert long_claim.label is Label.SUPPORTED
    assert long_claim.evidence[0].quote == "HSCs divide rarely in adult mice."
    assert checker.check("HSCs live in the marrow niche.").label is Label.SUPPORTED
