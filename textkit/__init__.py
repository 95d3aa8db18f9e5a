"""The shared text layer: small text tools that ``corpus``, ``bibliography`` and ``annotate`` all use, so
each exists once (month names, English stop words, the offset-keeping tokenizer, attrs validators). It
imports none of the three packages.

>>> from textkit import month_number
>>> month_number("Nov.")
11
"""

from textkit.months import MONTH_NAMES, MONTH_NUMBERS, month_number
from textkit.spans import DisjointSpans, SpanSet
from textkit.stopwords import ENGLISH_STOP_WORDS
from textkit.textfile import TextDecodeError, decode_strict
from textkit.tokens import WORD, Token, tokenize
from textkit.validators import Validators

__all__ = [
    "ENGLISH_STOP_WORDS",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "WORD",
    "DisjointSpans",
    "SpanSet",
    "TextDecodeError",
    "Token",
    "Validators",
    "decode_strict",
    "month_number",
    "tokenize",
]
