"""Resolution: overlapping candidates settled by rank, and token removals fitted to the whitespace
around them."""

from __future__ import annotations

from collections.abc import Iterable

from corpus.residue.kinds import _RANK, _TOKEN_KINDS
from corpus.residue.records import _Cand


def _resolve(cands: Iterable[_Cand]) -> list[_Cand]:
    """Keep the highest-ranked candidates that do not overlap; return them sorted by start.

    Ranks are taken from the highest down; each rank's candidates (by start, longest first) are
    merged against what is already kept in one linear pass."""
    by_rank: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.end > c.start:
            by_rank.setdefault(_RANK[c.kind], []).append(c)
    kept: list[_Cand] = []
    for rank in sorted(by_rank, reverse=True):
        group = sorted(by_rank[rank], key=lambda c: (c.start, -(c.end - c.start), c.kind))
        merged: list[_Cand] = []
        k = 0
        last_end = -1  # end of the last candidate accepted from this group
        for c in group:
            while k < len(kept) and kept[k].end <= c.start:
                merged.append(kept[k])
                k += 1
            if c.start < last_end or (k < len(kept) and kept[k].start < c.end):
                continue
            merged.append(c)
            last_end = c.end
        merged.extend(kept[k:])
        kept = merged
    return kept


def _fit_whitespace(raw: str, cands: list[_Cand]) -> list[_Cand]:
    """Widen token removals so folding leaves neither a space before punctuation nor a doubled comma."""
    out: list[_Cand] = []
    n = len(raw)
    for idx, c in enumerate(cands):
        s, e = c.start, c.end
        if c.kind in _TOKEN_KINDS:
            prev_end = out[-1].end if out else 0
            next_start = cands[idx + 1].start if idx + 1 < len(cands) else n
            k = s
            while k > prev_end and raw[k - 1] in " \t":
                k -= 1
            if e < n and raw[e] == "," and k < s and k > prev_end and raw[k - 1] == "," and e + 1 <= next_start:
                e += 1  # "A, COPY, the" -> "A, the"
            nxt = raw[e] if e < n else ""
            if nxt == "" or nxt in "\r\n" or nxt in ",.;:!?)]}”’»":
                s = k
        out.append(c._replace(start=s, end=e))
    return out
