"""Which parse to keep when both the rules and the learned labeler have read a string.

The labeler is far better on the public parser dev sets (field F1 0.67-0.95 against the rules'
0.30-0.70; README), so its parse is kept, except where the rules read something the labeler's training
data never marks:

* descriptive prose after a complete citation (an ``annotation``, as in annotated bibliographies);
* an access date;
* a reprint's first year (``original_year``; the training data labels every date alike).

There the rules' parse is kept when it is otherwise clean: a title, nothing left unparsed.

A "———." entry whose people are the previous entry's is the labeler's too: the dash is read (and noted)
before either parse, and the labeler reads the rest better (dev field F1 up on every set that has such
entries, own gold unchanged).

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

# Fields the labeler's training data (AnyStyle, GROBID) never labels.
_RULES_ONLY = ("annotation", "accessed", "original_year")


def _rules_read_more(rule: Reference) -> bool:
    if rule.unparsed is not None or not rule.title:
        return False
    return any(getattr(rule, f) for f in _RULES_ONLY)


def choose(rule: Reference, learned: Reference) -> Reference:
    """The rule parse where it reads what the labeler never learned (see the module docstring), else
    the labeler's."""
    return rule if _rules_read_more(rule) else learned
