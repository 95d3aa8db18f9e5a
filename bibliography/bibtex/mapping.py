"""Reference types and fields to BibTeX/biblatex entry types and fields, and back."""

from __future__ import annotations

import re
from typing import TypeVar

from textkit.months import MONTH_NAMES

_T = TypeVar("_T")


_ENTRY_TYPES: dict[str, str] = {
    "book": "book",
    "chapter": "incollection",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "webpage": "misc",
    "entry-encyclopedia": "incollection",
    "manuscript": "unpublished",
    "document": "misc",
}


_SUBTYPES: dict[str, str] = {"article-magazine": "magazine", "article-newspaper": "newspaper"}


_READ_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "periodical": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "unpublished": "manuscript",
    "misc": "document",
}


# x-type is only needed where the entry type reads back as something else.
_NEEDS_X_TYPE = frozenset(t for t, e in _ENTRY_TYPES.items() if _READ_TYPES[e] != t and t not in _SUBTYPES)


_ARTICLES = frozenset({"article-journal", "article-magazine", "article-newspaper"})


_TITLE_FIELDS = frozenset({"title", "booktitle", "journal", "series", "howpublished"})


# biblatex (and pandoc) read these as "and"-separated lists: "Economic and Social Affairs" is braced.
_LIST_FIELDS = frozenset({"publisher", "institution", "school", "address"})


_PEOPLE_FIELDS = (("authors", "author"), ("editors", "editor"), ("translators", "translator"))


# BibTeX's month macros are the three-letter English abbreviations.
_MONTHS = tuple(name[:3].lower() for name in MONTH_NAMES)


_MONTH_NAMES = MONTH_NAMES


_YEAR_RE = re.compile(r"^(\d{4}[a-z]?([-–/]\d{2,4}[a-z]?)?|n\.d\.|forthcoming|in press)$")


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


_DATE_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


_IDENTIFIER = re.compile(r"^[^\s\"#%'(),={}0-9][^\s\"#%'(),={}]*$")
