"""Which parse to keep when both the rules and the learned labeler have read a string.

The labeler is far better on the public parser dev sets (field F1 0.67-0.95 against the rules'
0.30-0.70; README), so its parse is kept, except where the rules read something the labeler's training
data never marks:

* descriptive prose after a complete citation (an ``annotation``, as in annotated bibliographies),
  unless the labeler read every word of it (marker words aside) into its fields or a note (the rules
  took an imprint, a page count or a series for prose);
* an access date;
* a reprint's first year (``original_year``; the training data labels every date alike).

There the rules' parse is kept when it is otherwise clean: a title, nothing left unparsed.

A "———." entry whose people are the previous entry's is the labeler's too when the labeler found a
title: the dash is read (and noted) before either parse, and the labeler reads the rest better (the
rules take "———. 1973. Title." for a book titled "1973"); without its people, though, a string can
look like a container to the labeler, and then the rules' parse is kept.

>>> from bibliography.model import Person, Reference
>>> rule = Reference(title="Memoirs", year="1948", annotation="A statesman's account.")
>>> choose(rule, Reference(title="Hull Memoirs")) is rule
True
>>> learned = Reference(title="Memoirs", year="1948", authors=[Person(family="Hull")])
>>> choose(Reference(title="Memoirs", year="1948"), learned) is learned
True
"""

from __future__ import annotations

import re

from bibliography.model import Reference
from bibliography.parse.dates import MARKER_WORDS
from bibliography.parse.draft import SAME_PEOPLE_NOTE

_WORD_RE = re.compile(r"[^\W_]+")
_SAME_PEOPLE = SAME_PEOPLE_NOTE.removeprefix("{role}: ")
# The labeler's fields that hold what it read (everything but the words it left unparsed).
_READ_FIELDS = (
    "title", "container_title", "collection_title", "volume", "issue", "pages", "edition", "place", "publisher",
    "year", "url", "doi", "isbn", "note",
)  # fmt: skip


def _fielded(ref: Reference) -> set[str]:
    """The words the fields of ``ref`` hold (its people's names included, its unparsed text not)."""
    held = [str(getattr(ref, f) or "") for f in _READ_FIELDS]
    for role in (ref.authors, ref.editors, ref.translators):
        held.extend(" ".join(x for x in (p.given, p.particle, p.family, p.suffix, p.literal) if x) for p in role)
    return {w.casefold() for text in held for w in _WORD_RE.findall(text)}


def _rules_read_more(rule: Reference, learned: Reference) -> bool:
    if rule.unparsed is not None or not rule.title:
        return False
    if rule.accessed or rule.original_year:
        return True
    if _SAME_PEOPLE in (rule.note or "") and not learned.title:
        # Read without its people, a string can look like a container to the labeler.
        return True
    # An annotation the labeler read into fields word for word ("Oxford University Press, Oxford,
    # pp 789-817", "518 p. (Quadrige)") is the rules' misreading, not prose.
    words = {w.casefold() for w in _WORD_RE.findall(rule.annotation or "")} - MARKER_WORDS
    return bool(rule.annotation) and not words <= _fielded(learned)


def choose(rule: Reference, learned: Reference) -> Reference:
    """The rule parse where it reads what the labeler never learned (see the module docstring), else
    the labeler's."""
    return rule if _rules_read_more(rule, learned) else learned
