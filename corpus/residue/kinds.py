"""The residue kinds, their ranks when two candidates overlap, and which take whitespace with them."""

from __future__ import annotations

INDEX_MARKUP = "index_markup"
INDEX_REPEAT = "index_repeat"
MARKUP_RESIDUE = "markup_residue"
OCR_SPLIT = "ocr_split"
SOFT_HYPHEN = "soft_hyphen"
INVISIBLE = "invisible"
LINE_BREAK_HYPHEN = "line_break_hyphen"
FOOTNOTE_MARKER = "footnote_marker"

#: Every removal kind :func:`find_residue` can report.
REMOVAL_KINDS = (
    INDEX_MARKUP,
    INDEX_REPEAT,
    MARKUP_RESIDUE,
    OCR_SPLIT,
    SOFT_HYPHEN,
    INVISIBLE,
    LINE_BREAK_HYPHEN,
    FOOTNOTE_MARKER,
)

# When candidates overlap, the higher rank wins (an index run swallows everything inside it).
_RANK = {
    INDEX_MARKUP: 6,
    INDEX_REPEAT: 5,
    MARKUP_RESIDUE: 4,
    LINE_BREAK_HYPHEN: 3,
    OCR_SPLIT: 3,
    FOOTNOTE_MARKER: 3,
    SOFT_HYPHEN: 2,
    INVISIBLE: 1,
}

# Kinds that remove whole tokens and so may take the whitespace before them.
_TOKEN_KINDS = frozenset({INDEX_MARKUP, INDEX_REPEAT, MARKUP_RESIDUE})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())
