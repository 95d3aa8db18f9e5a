"""``markup_residue``: element and attribute residue of HTML, JATS and TEI markup."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.residue.context import Context
from corpus.residue.kinds import MARKUP_RESIDUE
from corpus.residue.records import _Cand
from corpus.residue.tokens import _is_starter
from corpus.residue.vocabulary import _ATTR_NAME_RE, _ATTR_NAMES, _ATTR_VALUE_RE, _TAG_NAMES, _TAG_RE, _WORD_AT_RE


def _closes_range(raw: str, e: int) -> bool:
    """True when an index entry ending at ``e`` is followed by a line end or a sentence opener."""
    k = e
    while k < len(raw) and raw[k] in " \t":
        k += 1
    if k == len(raw) or raw[k] in "\r\n":
        return True
    if k == e:
        return False
    wm = _WORD_AT_RE.match(raw, k)
    return wm is not None and _is_starter(wm.group())


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Element and attribute residue of markup."""
    raw = ctx.raw
    out: list[_Cand] = []
    for m in _TAG_RE.finditer(raw):
        name = m.group(1)
        if name.casefold() in _TAG_NAMES or "-" in name or ":" in name or m.group(2):
            out.append(_Cand(m.start(), m.end(), MARKUP_RESIDUE, f"stray markup tag {m.group()[:40]!r}"))
    for m in _ATTR_VALUE_RE.finditer(raw):
        nm = _ATTR_NAME_RE.search(raw, max(0, m.start() - 60), m.start())
        if nm is None:
            continue
        name = nm.group()
        if "-" in name or ":" in name or m.group(1) or name in _ATTR_NAMES:
            text = raw[nm.start() : m.end()]
            out.append(_Cand(nm.start(), m.end(), MARKUP_RESIDUE, f"markup attribute residue {text[:40]!r}"))
    return out
