from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from textkit import ENGLISH_STOP_WORDS, WORD, Token, tokenize


def test_tokens_keep_their_offsets():
    text = "Stalin’s pact, signed 1939."
    assert tokenize(text) == [
        Token("Stalin’s", 0, 8),
        Token("pact", 9, 13),
        Token("signed", 15, 21),
        Token("1939", 22, 26),
    ]
    assert tokenize(text, re.compile(r"[,.]")) == [Token(",", 13, 14), Token(".", 26, 27)]
    assert tokenize(text, WORD, 9, 21)[-1].text == "signed"


def test_token_helpers():
    assert Token("Pact", 0, 4).low == "pact" and Token("Pact", 0, 4).is_word and not Token(",", 0, 1).is_word


def test_stop_words_are_function_words():
    assert {"the", "of", "and", "not"} <= ENGLISH_STOP_WORDS and "treaty" not in ENGLISH_STOP_WORDS


@given(st.text(max_size=200))
def test_tokens_are_ordered_disjoint_and_exact(text):
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text and t.text for t in tokens)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))


@given(st.text(max_size=60), st.integers(0, 70), st.integers(0, 70))
def test_tokens_are_the_named_tuples_the_matches_make(text: str, start: int, end: int) -> None:
    # tokenize builds tokens with tuple.__new__; they are Tokens equal to the ones Token() builds.
    got = tokenize(text, WORD, start, end)
    assert all(type(t) is Token for t in got)
    assert got == [Token(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    assert [t.text for t in got] == [text[t.start : t.end] for t in got]
