"""``line_break_hyphen``: a word hyphenated across a line break."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.residue.context import Context
from corpus.residue.kinds import LINE_BREAK_HYPHEN
from corpus.residue.records import _Cand
from corpus.residue.vocabulary import _COMPOUND_FIRST, _LBH_RE, _LEFT_WORD_RE, _RIGHT_WORD_RE


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Words hyphenated across a line break."""
    raw = ctx.raw
    out: list[_Cand] = []
    for m in _LBH_RE.finditer(raw):
        s, e = m.span()
        if s == 0:
            continue
        lc, rc = raw[s - 1], raw[e]
        if not (lc.isalnum() or (lc == "." and s > 1 and raw[s - 2].isalnum())):
            continue
        lw = _LEFT_WORD_RE.search(raw, max(0, s - 40), s)
        rw = _RIGHT_WORD_RE.match(raw, e)
        same_case = (lc.islower() and rc.islower()) or (lc.isupper() and rc.isupper())
        if same_case and lw is not None and rw is not None:
            left, right = lw.group().casefold(), rw.group().casefold()
            vocab = ctx.vocab()
            joined, hyphened = left + right, f"{left}-{right}"
            if lc.isupper():
                # All capitals: join only when the text spells the joined word somewhere.
                keep = joined not in vocab
            else:
                keep = (hyphened in vocab and joined not in vocab) or (joined not in vocab and left in _COMPOUND_FIRST)
            if not keep:
                out.append(_Cand(s, e, LINE_BREAK_HYPHEN, f"word hyphenated across a line break: {left}- {right}"))
                continue
        out.append(_Cand(s + 1, e, LINE_BREAK_HYPHEN, "line break after a hyphen inside a compound"))
    return out
