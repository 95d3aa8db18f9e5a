"""One offset-keeping tokenizer: a pattern's matches as tokens with their code-point spans.

Callers choose what a token is (a word, a word with its digits, a punctuation mark) by the pattern;
the records and the offsets are the same everywhere, so a token's text is always ``text[start:end]``.

>>> tokenize("Nov. 16, 1933")
[Token(text='Nov', start=0, end=3), Token(text='16', start=5, end=7), Token(text='1933', start=9, end=13)]
>>> tokenize("a-b c", re.compile(r"\\S+"))[0].text
'a-b'
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["WORD", "Token", "tokenize"]

#: Letters and digits, with inner apostrophes ("don't", "Stalin’s"): the default token.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class Token(NamedTuple):
    """A token: its text and its half-open code-point span in the text it came from."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        """The token in lower case."""
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        """Whether the token starts with a letter or digit (not a punctuation token)."""
        return self.text[:1].isalnum()


def tokenize(text: str, pattern: re.Pattern[str] = WORD, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens ``pattern`` finds in ``text[start:end]``, in order, with offsets into ``text``."""
    stop = len(text) if end is None else end
    # tuple.__new__ straight, not Token(...): the named tuple's own __new__ is a Python call per
    # token, a quarter of the cost of tokenizing (the checker splits every sentence it compares).
    return [_new(Token, (m.group(), m.start(), m.end())) for m in pattern.finditer(text, start, stop)]


_new = tuple.__new__
