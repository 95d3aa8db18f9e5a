"""``ocr_split``: a year split by OCR ("19 33")."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.residue.context import Context
from corpus.residue.kinds import OCR_SPLIT
from corpus.residue.records import _Cand
from corpus.residue.vocabulary import _DAY_RE, _MONTHS, _OCR_YEAR_RE, _OPENERS, _YEAR_CONTEXT


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Years split by OCR."""
    raw = ctx.raw
    out: list[_Cand] = []
    for m in _OCR_YEAR_RE.finditer(raw):
        a, b = m.group(1), m.group(2)
        if len(a) + len(b) != 4 or not 1000 <= int(a + b) <= 2099:
            continue
        if len(a) > 1 and not (17 <= int(a[:2]) <= 20):
            continue  # "12 15 cases": only century digits are split off as "19 31" / "193 1"
        s = m.start()
        if s > 0 and (raw[s - 1].isalnum() or raw[s - 1] in "_.,/-–"):
            continue  # part of a longer number, a decimal or a range
        if not (s > 0 and raw[s - 1] == "(") and not _year_context(raw, s):
            continue
        sp = m.start(2) - 1
        out.append(_Cand(sp, sp + 1, OCR_SPLIT, f"year split by OCR: {m.group()!r} reads {a + b}"))
    return out


def _year_context(raw: str, s: int) -> bool:
    """True when the words before offset ``s`` announce a year ("in", "since", "Nov. 16,")."""
    if s == 0 or raw[s - 1] not in " \t":
        return False
    words = raw[max(0, s - 40) : s].split()
    if not words:
        return False
    word = words[-1].casefold().lstrip(_OPENERS)
    if word in _YEAR_CONTEXT or word.rstrip(",") in _MONTHS:
        return True
    before = words[-2].casefold().rstrip(",") if len(words) > 1 else ""
    return bool(_DAY_RE.fullmatch(word)) and before in _MONTHS
