"""Which parse to keep when both the rules and the learned labeler have read a string.

The labeler is far better on the public parser dev sets (field F1 0.67-0.95 against the rules'
0.30-0.70; README), so its parse is kept, except where the rules read something the labeler's training
data never marks:

* descriptive prose after a complete citation (an ``annotation``, as in annotated bibliographies);
* an access date;
* a reprint's first year (``original_year``; the training data labels every date alike);
* a "———." entry whose people are the previous entry's (the labeler would read the string without its
  people, which its training data never shows).

There the rules' parse is kept when it is otherwise clean: a title, nothing left unparsed.

>>> from bibliography.model import Person, Reference
>>> rule = Reference(title="Memoirs", year="1948", annotation="A statesman's account.")
>>> choose(rule, Reference(title="Hull Memoirs")) is rule
True
>>> learned = Reference(title="Memoirs", year="1948", authors=[Person(family="Hull")])
>>> choose(Reference(title="Memoirs", year="1948"), learned) is learned
True
"""

from __future__ import annotations

from bibliography.model import Reference
from bibliography.parse.draft import SAME_PEOPLE_NOTE

# Fields the labeler's training data (AnyStyle, GROBID) never labels.
_RULES_ONLY = ("annotation", "accessed", "original_year")
_SAME_PEOPLE = SAME_PEOPLE_NOTE.removeprefix("{role}: ")


def _rules_read_more(rule: Reference) -> bool:
    if rule.unparsed is not None or not rule.title:
        return False
    return any(getattr(rule, f) for f in _RULES_ONLY) or _SAME_PEOPLE in (rule.note or "")


def choose(rule: Reference, learned: Reference) -> Reference:
    """The rule parse where it reads what the labeler never learned (see the module docstring), else
    the labeler's."""
    return rule if _rules_read_more(rule) else learned
