"""``soft_hyphen`` and ``invisible``: characters that print nothing."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.residue.context import Context
from corpus.residue.kinds import INVISIBLE, SOFT_HYPHEN
from corpus.residue.records import _Cand
from corpus.residue.vocabulary import _INVISIBLE_RE, _SOFT_RE


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Soft hyphens and invisible characters."""
    raw = ctx.raw
    out: list[_Cand] = []
    if "\u00ad" not in raw and "\u200b" not in raw and "\u2060" not in raw and "\ufeff" not in raw:
        return out
    for m in _SOFT_RE.finditer(raw):
        out.append(_Cand(m.start(), m.end(), SOFT_HYPHEN, "soft hyphen U+00AD (an invisible break hint)"))
    for m in _INVISIBLE_RE.finditer(raw):
        names = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in m.group()}))
        out.append(_Cand(m.start(), m.end(), INVISIBLE, f"invisible character {names}"))
    return out
