"""Small internal records: index terms, removal candidates, tokens, markup elements."""

from __future__ import annotations

from typing import NamedTuple

from corpus.model import IndexTermKind


class _Term(NamedTuple):
    kind: IndexTermKind
    term: str
    subterm: str | None
    start: int
    end: int
    marked: bool  # came from a [kw]/[g]/[c]/[p] marker


class _Cand(NamedTuple):
    start: int
    end: int
    kind: str
    reason: str
    terms: tuple[_Term, ...] = ()


class _Elem(NamedTuple):
    start: int
    end: int
    terms: tuple[_Term, ...]
    strong: bool  # index syntax that cannot be prose (marker, sort key, record, copy of a mention)
    repeat: bool  # a copy of the words right before it
    marked: int  # number of [kw]/[g]/[c]/[p] markers inside
