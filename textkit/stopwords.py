"""English stop words, from a data file with its source (``textkit/data/stopwords_en.txt``).

>>> "the" in ENGLISH_STOP_WORDS, "treaty" in ENGLISH_STOP_WORDS
(True, False)
"""

from __future__ import annotations

from importlib import resources

__all__ = ["ENGLISH_STOP_WORDS"]


def _load(name: str) -> frozenset[str]:
    text = resources.files("textkit").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


#: English function words (NLTK's list): they match most passages and carry no content.
ENGLISH_STOP_WORDS: frozenset[str] = _load("stopwords_en.txt")
