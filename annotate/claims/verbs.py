"""English irregular verbs, from the data file ``annotate/claims/data/irregular_verbs.txt`` (base form,
past, past participle; its header gives the source): the past forms that mark a finite verb when
clauses are cut, and every inflected form's base form for comparing words.

>>> "wrote" in PAST_FORMS, LEMMAS["written"]
(True, 'write')
"""

from __future__ import annotations

from importlib import resources

__all__ = ["LEMMAS", "PAST_FORMS"]


def _rows() -> list[list[str]]:
    text = resources.files("annotate.claims").joinpath("data", "irregular_verbs.txt").read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]


_ROWS = _rows()

#: Simple past forms ("wrote", "was", "put").
PAST_FORMS: frozenset[str] = frozenset(row[1] for row in _ROWS)

#: Inflected forms of irregular verbs to their base form ("gave" -> "give").
LEMMAS: dict[str, str] = {form: row[0] for row in _ROWS for form in row[1:] if form != row[0]}
