"""References cited inside prose: "... see John Lewis Gaddis, *The Cold War* (London: Allen Lane, 2005); ...".

Bibliographic essays and chapter bibliographies name their works in running sentences. A citation is
found from its shape, never from a list of works: a publication parenthesis (``(Place: Publisher,
Year)``, or ``(Year)``) closing a title (in italics marks or quotation marks, or capitalised words)
that follows a name and a comma. Each citation keeps its raw span and the sentence it stands in, so
the reference parsed from it traces to the exact characters and the sentence links to the reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from corpus.model import Document, Passage, PassageKind

__all__ = ["Citation", "find_citations"]

# The publication parenthesis: "(London: Allen Lane, 2005)", "(New York, 1961)", "(2005)".
_IMPRINT = re.compile(r"\((?:[A-Z][^():;]{1,60}(?::\s*[^():;]{1,80})?,\s*)?(?:1[5-9]\d\d|20\d\d)[a-z]?\)")
# What stands before it: one or more names, a comma, then a title, to the end of the left context.
_NAME = r"(?:[A-Z][\w'’.-]*\.?\s+){0,3}[A-Z][\w'’-]+"
_TITLE = r"(?:\*[^*]{2,200}\*|_[^_]{2,200}_|“[^”]{2,200}”|\"[^\"]{2,200}\"|[A-Z][^,;()*_“”\"]{2,150}?)"
_LEAD = re.compile(rf"({_NAME}(?:(?:,\s+|\s+and\s+){_NAME})*,\s+{_TITLE})\s*$")
_PROSE_KINDS = frozenset({PassageKind.SENTENCE})


class Citation(NamedTuple):
    """A work cited in a sentence: the cleaned text of the citation and its raw span."""

    passage: Passage  # the sentence it stands in
    text: str  # the citation, italics and quotation marks kept as written
    start: int  # raw offsets of the citation in the source
    end: int


def find_citations(doc: Document) -> Iterator[Citation]:
    """The works cited inside the sentences of ``doc``, in text order.

    >>> from corpus import analyze, source_from_text
    >>> text = "Essay\\n\\nFor the wider war see John Lewis Gaddis, *The Cold War* (London: Allen Lane, 2005).\\n"
    >>> [c.text for c in find_citations(analyze(source_from_text(text, "essay")))]
    ['John Lewis Gaddis, *The Cold War* (London: Allen Lane, 2005)']
    """
    for passage in doc.passages:
        if passage.kind not in _PROSE_KINDS:
            continue
        text = passage.text
        for m in _IMPRINT.finditer(text):
            lead = _LEAD.search(text, max(0, m.start() - 400), m.start())
            if lead is None:
                continue
            start = _trim_lead(text, lead.start(1))
            s, e = start, m.end()
            raw = passage.offsets
            yield Citation(passage, text[s:e], raw[s], raw[e - 1] + 1)


def _trim_lead(text: str, start: int) -> int:
    """Skip a sentence-opening word that only leads into the citation ("See", "Compare")."""
    m = re.match(r"(?:See also|See|Cf\.|Compare|Also|But)\s+", text[start:])
    return start + m.end() if m else start
