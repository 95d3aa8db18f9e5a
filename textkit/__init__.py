"""The shared text layer: small text tools that ``corpus``, ``bibliography`` and ``annotate`` all use, so
each exists once (month names and the date grammar, the person-name parser, English stop words, the
offset-keeping tokenizer, attrs validators). It imports none of the three packages.

>>> from textkit import month_number
>>> month_number("Nov.")
11
"""

from textkit.dates import (
    DAY,
    MONTH,
    PLAUSIBLE_YEAR,
    SEASON_MONTHS,
    YEAR,
    DateForm,
    WrittenDate,
    clock,
    find_date,
    find_dates,
    last_day,
    plausible_year,
    read_date,
)
from textkit.months import MONTH_NAMES, MONTH_NUMBERS, month_number
from textkit.names import (
    PARTICLES,
    SUFFIX_FORMS,
    SUFFIXES,
    NameParts,
    is_initials,
    is_name_token,
    is_particle,
    is_suffix,
    split_name,
    split_natural,
)
from textkit.spans import DisjointSpans, SpanSet
from textkit.stopwords import ENGLISH_STOP_WORDS
from textkit.textfile import TextDecodeError, decode_strict
from textkit.tokens import WORD, Token, tokenize
from textkit.validators import Validators

__all__ = [
    "DAY",
    "ENGLISH_STOP_WORDS",
    "MONTH",
    "MONTH_NAMES",
    "MONTH_NUMBERS",
    "PARTICLES",
    "PLAUSIBLE_YEAR",
    "SEASON_MONTHS",
    "SUFFIXES",
    "SUFFIX_FORMS",
    "WORD",
    "YEAR",
    "DateForm",
    "DisjointSpans",
    "NameParts",
    "SpanSet",
    "TextDecodeError",
    "Token",
    "Validators",
    "WrittenDate",
    "clock",
    "decode_strict",
    "find_date",
    "find_dates",
    "is_initials",
    "is_name_token",
    "is_particle",
    "is_suffix",
    "last_day",
    "month_number",
    "plausible_year",
    "read_date",
    "split_name",
    "split_natural",
    "tokenize",
]
