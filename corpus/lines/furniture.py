"""Page furniture of a paginated text: page numbers and running heads between its pages.

A text converted from a paginated document (pdftotext, OCR) keeps each page's number and running head
where the page ended, so they fall inside whatever runs across the page break: a paragraph, or an entry of
a bibliography. In a text with page breaks (form feeds) two forms are recognised, neither naming any
document: a line that is only a page number, and a line that recurs on many pages (digits ignored, so
"Bibliography 171" and "Bibliography 172" are the same head) next to a page break.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence

__all__ = ["RUNNING_HEAD_PAGES", "furniture_of_lines", "page_furniture"]

# A page number alone on its line: arabic or roman, or "Page 12", "- 12 -"; a year is no page number.
# Roman numbers are spelled out properly, so a word such as "civic" or "mix" is none.
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–—]?\s*(?:\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\s*[-–—]?", re.I
)
_YEARISH = re.compile(r"1[5-9]\d\d|20[0-4]\d")
_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")

#: A line is a running head when it (digits ignored) recurs on at least this many pages.
RUNNING_HEAD_PAGES = 3
#: ... and lies among the first or last this many non-blank lines of a page.
_PAGE_EDGE = 2


def _is_page_number(text: str) -> bool:
    return len(text) <= 12 and _PAGE_NUMBER.fullmatch(text) is not None and not _YEARISH.fullmatch(text.strip())


def page_furniture(texts: Sequence[str], page_ends: Sequence[bool]) -> set[int]:
    """Indices of the lines of ``texts`` (stripped line contents, "" for blank lines) that are page numbers
    or running heads; ``page_ends[i]`` says whether a page break (form feed) follows line ``i``.

    >>> texts = ["Smith, J. (2001). A title", "", "12", "", "Running head 12", "continued, 1-9.",
    ...          "", "13", "", "Running head 13", "Jones, K. (1999). Another.", "", "14", "",
    ...          "Running head 14", "Text."]
    >>> sorted(page_furniture(texts, [i in (2, 7, 12) for i in range(len(texts))]))
    [2, 4, 7, 9, 12, 14]
    """
    if not any(page_ends):
        # Not paginated: a number alone on a line of a web page is content (a count, a score, a date).
        return set()
    out = {i for i, t in enumerate(texts) if t and _is_page_number(t)}
    nonblank = [i for i, t in enumerate(texts) if t]
    # The lines at each page's edges: the last few before a break and the first few after it (a break
    # may follow a blank line: the non-blank lines on either side count).
    # The text's own start and end are page edges too.
    edge: set[int] = {*nonblank[:_PAGE_EDGE], *nonblank[-_PAGE_EDGE:]}
    for i, end in enumerate(page_ends):
        if end:
            k = bisect_right(nonblank, i)
            edge.update(nonblank[max(0, k - _PAGE_EDGE) : k + _PAGE_EDGE])
    # A running head has words: a number alone is a page number or nothing.
    masked = {i: " ".join(_DIGITS.sub("#", texts[i]).split()) for i in edge if _LETTER.search(texts[i])}
    counts = Counter(masked.values())
    out.update(i for i, m in masked.items() if counts[m] >= RUNNING_HEAD_PAGES)
    return out


def furniture_of_lines(lines: Sequence[str]) -> set[int]:
    """:func:`page_furniture` of lines split at newlines only, whose form feeds stay in them (a form
    feed at the start or end of a line is the page break before or after it).

    >>> lines = ["Text.", "  7", "\\fHead 7", "More.", "  8", "\\fHead 8", "Yet more.", "9", "\\fHead 9"]
    >>> sorted(furniture_of_lines(lines))
    [1, 2, 4, 5, 7, 8]
    """
    texts = [line.replace("\f", " ").strip() for line in lines]
    ends = [
        line.endswith("\f") or (i + 1 < len(lines) and lines[i + 1].startswith("\f")) for i, line in enumerate(lines)
    ]
    return page_furniture(texts, ends)
