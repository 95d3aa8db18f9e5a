"""Author-year bibliographies flattened into one line.

Text taken out of a PDF or a web page sometimes loses the line breaks of a reference list, so that
"References Bacon R. et al., 2010, Proc. SPIE 7735 Bertin E., Arnouts S., 1996, A&AS, 117, 393
Christensen L. ..." arrives as one long line. A numbered list keeps its numbers (``structure`` splits
it at them); an author-year list has only its shape to go by: each entry opens, after the end of the
one before (a number, a closing bracket or a full stop), with its authors' names and then its year.
A place is an entry's start only when the text from it to its first year is names alone (capitalised
words, initials, "and", "&", "et al.", "eds"), so a title or a journal's name that happens to follow a
full stop starts nothing.
"""

from __future__ import annotations

import re

from textkit.names import is_particle

__all__ = ["RUN_MIN", "author_year_starts"]

#: A line is a flattened author-year bibliography when at least this many entries open in it.
RUN_MIN = 3

# A place after an entry's end where the next may open: after a digit, a closing bracket or a full
# stop, before a capital.
_CANDIDATE = re.compile(r"(?<=[\d).\]])\s+(?=[A-ZÀ-Ý])")
_YEAR = re.compile(r"(?<![\d/])(?:1[5-9]\d\d|20\d\d)[a-z]?(?![\d/])")
# What may stand between an entry's start and its year: names and initials ("J.Della", "K.Ng,")...
_NAME_TOKEN = re.compile(r"(?:[A-ZÀ-Ý][\w'’-]*\.?|(?:[A-Z]\.-?)+(?:[A-ZÀ-Ý][\w'’-]*)?)[,.]?")
_INITIAL = re.compile(r"[A-Z]\.")
# ... and the words that join names (particles, "van", "de", come from textkit's maintained list).
_JOINERS = frozenset(("and", "&", "et", "al", "al.", "ed", "ed.", "eds", "eds.", "editor", "editors"))
# A full stop after a word (not an initial) just before a place where an entry may open.
_SENTENCE_END = re.compile(r"[^\W\d_]{2,}\.\s+$")
#: The names before an entry's year take at most this many characters.
_NAMES_CHARS = 300


def _names_then_year(text: str, at: int, end: int) -> bool:
    """Whether ``text[at:end]`` opens with names alone and then a year ("Bertin E., Arnouts S., 1996",
    "Daniel Gildea and Daniel Jurafsky. 2002")."""
    year = _YEAR.search(text, at, min(end, at + _NAMES_CHARS))
    if year is None:
        return False
    words = text[at : year.start()].replace("(", " ").split()
    prev = ""
    named = False  # a sign of names, not of a title's capitalised words ("The CoNLL-2009 task")
    for w in words:
        if w.rstrip(",") in _JOINERS or (w[:1].islower() and is_particle(w)):
            named = True
        elif prev.endswith("-") and w[:1].islower():
            pass  # a name hyphenated at a line's end: "Johans- son,"
        elif not _NAME_TOKEN.fullmatch(w):
            return False
        else:
            named = named or w.endswith(",") or _INITIAL.match(w) is not None
        prev = w
    # Two words at least ("In 2002" is no name), and a comma, an initial or a joiner among them, or a
    # full stop after the last ("Stephan Vogel. 2003").
    return len(words) >= 2 and (named or words[-1].endswith("."))


def author_year_starts(text: str, start: int, end: int) -> list[int] | None:
    """The offsets where the entries of the flattened author-year list ``text[start:end]`` open, the
    first at ``start``; None when the span is not such a list (fewer than :data:`RUN_MIN` entries, or
    its opening is no entry).

    >>> line = ("Abel K., Voss E., 2016, Harb. Lett., 4, 211 Carver M., 2015, J. Imag. Places, 12, 1 "
    ...         "Eberle S. et al., 2013, Coast. Fict. Rev., 7, 101. Fenn R. and Gold T., 2011, Quays, 3, 9")
    >>> [line[s:s + 8] for s in author_year_starts(line, 0, len(line))]
    ['Abel K.,', 'Carver M', 'Eberle S', 'Fenn R. ']
    """
    if not _names_then_year(text, start, end):
        return None
    starts = [start]
    for m in _CANDIDATE.finditer(text, start, end):
        at = m.end()
        if (
            len(starts) > 1
            and _SENTENCE_END.search(text, starts[-1], m.start() + 1)
            and _YEAR.search(text, starts[-1], m.start()) is None
            and _names_then_year(text, at, end)
        ):
            # "Edmonton, Canada. Daniel Marcu and William Wong. 2002": the place that ends the entry
            # before reads as names too; the entry opens after the last full stop before its year.
            starts[-1] = at
            continue
        # An entry holds its year: the one opening here must not take the year of the entry before.
        if _YEAR.search(text, starts[-1], m.start()) and _names_then_year(text, at, end):
            starts.append(at)
    return starts if len(starts) >= RUN_MIN else None
