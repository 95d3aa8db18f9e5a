"""Which parse to keep when both the rules and the learned labeler have read a string.

The labeler is far better on the public parser dev sets, but the rules read some strings more finely
(annotations, reprints, roles, "Vol. 1 in" series, web pages with access dates) and are what the crafted
gold of ``bench/bench_refs.py`` was written against. So the rules' parse is kept when it is confident:
nothing left unparsed, a title, and one of

* a year (or "n.d.") and people (or a "———." entry that repeats the previous entry's people);
* a year, where the labeler found no title or no people (the rules then read the same string more
  fully);
* descriptive prose after a complete citation (an ``annotation``) or an access date, which the
  labeler's training data never marks.

Every other string gets the labeler's parse. The figures of each choice are in README.

>>> from bibliography.model import Person, Reference
>>> rule = Reference(title="Memoirs", year="1948", authors=[Person(family="Hull")])
>>> choose(rule, Reference(title="Hull Memoirs")) is rule
True
>>> learned = Reference(title="Memoirs", year="1948", authors=[Person(family="Hull")])
>>> choose(Reference(title="Memoirs", unparsed="1948"), learned) is learned
True
"""

from __future__ import annotations

from bibliography.model import Reference


def _confident(rule: Reference, learned: Reference) -> bool:
    if rule.unparsed is not None or not rule.title:
        return False
    dated = bool(rule.year) or "n.d" in (rule.raw or "")
    people = bool(rule.authors or rule.editors) or "as in the previous entry" in (rule.note or "")
    if dated and people:
        return True
    if rule.year and not (learned.title and (learned.authors or learned.editors)):
        return True
    return bool(rule.annotation or rule.accessed)


def choose(rule: Reference, learned: Reference) -> Reference:
    """The rule parse where the rules are confident (see the module docstring), else the labeler's."""
    return rule if _confident(rule, learned) else learned
