"""Abbreviations a document defines ("haematopoietic stem cells (HSCs)"), found with the algorithm of
Schwartz and Hearst (2003): the short form in parentheses, its letters matched right to left in the
words just before it, the first letter at the start of a word.

A claim may use either form while its evidence uses the other; the checker lets a sentence of the
document match both (see :mod:`annotate.claims.checker`).
"""

from __future__ import annotations

import re

__all__ = ["find_abbreviations", "long_form"]

_PAREN = re.compile(r"\(\s*([^()\s][^()]{0,9}?)\s*\)")


def long_form(short: str, before: str) -> str | None:
    """The words at the end of ``before`` that ``short`` abbreviates, or None.

    >>> long_form("HSCs", "the niche of haematopoietic stem cells")
    'haematopoietic stem cells'
    >>> long_form("WHO", "a report of the United Nations") is None
    True
    """
    s, i = short.lower(), before.lower()
    k, j = len(s) - 1, len(i) - 1
    while k >= 0:
        c = s[k]
        if not c.isalnum():
            k -= 1
            continue
        # The first letter of the short form must start a word of the long form.
        while j >= 0 and (i[j] != c or (k == 0 and j > 0 and i[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return None
        j -= 1
        k -= 1
    start = before.rfind(" ", 0, j + 1) + 1
    found = before[start:].strip()
    if len(found) <= len(short) or " " not in found or short.lower() in found.lower():
        return None
    return found


def find_abbreviations(text: str) -> dict[str, str]:
    """Short form -> long form for every "long form (SHORT)" the text defines, first definition kept.

    >>> find_abbreviations("Haematopoietic stem cells (HSCs) renew. HSCs divide rarely (about 1%).")
    {'HSCs': 'Haematopoietic stem cells'}
    """
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        short = m.group(1)
        if short in out or len(short.split()) > 2 or not short[0].isalnum():
            continue
        if not any(ch.isupper() for ch in short) or not any(ch.isalpha() for ch in short):
            continue
        start = m.start()
        # The long form cannot reach back over another parenthesis or a clause break. Looked for
        # between the nearest "(" and the short form, not in a copy of the text before it: that
        # made a long document quadratic (8.8 MB of manuals: 20.6 s).
        opening = text.rfind("(", 0, start)
        lo = max(opening, 0)
        cut = max(opening, text.rfind(")", lo, start), text.rfind(";", lo, start))
        words = text[cut + 1 : start].split()
        window = " ".join(words[-min(len(short) + 5, 2 * len(short)) :])
        found = long_form(short, window)
        if found is not None:
            out[short] = found
    return out
