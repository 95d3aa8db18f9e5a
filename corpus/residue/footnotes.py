"""``footnote_marker``: note and reference-number markers a scraper glued to the text.

Wiki pages and blogs print note calls as bracketed numbers or letters right after a word or its
punctuation ("policies,[1]", "in 1933.[12][13]"), help links as "[?]", and section edit links as
"[edit]". A marker counts only when it is glued to what precedes it, so a bracketed number that opens
a line or follows a space (a numbered reference, "see [3]") is never touched, and editorial brackets
such as "[sic]" or "[...]" stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.residue.context import Context
from corpus.residue.kinds import FOOTNOTE_MARKER
from corpus.residue.records import _Cand

_MARKER = re.compile(
    r"(?<=[^\s\[(])\[(?:\d{1,3}|[a-z]|[ivx]{1,4}|\?|note \d{1,3}|nb \d{1,3}|edit|citation needed)\]",
    re.IGNORECASE,
)
# What may follow a marker: space, the end, punctuation or another marker (not "{" or "(" of code).
_AFTER = re.compile(r"[\s.,;:!?)\]”\"'’]|\[|$")


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Bracketed note, help and edit markers glued to the word before them.

    >>> [(c.start, c.end) for c in candidates(Context("policies,[1] and [2] then 1933.[3][a] [sic] x[c]{y}"))]
    [(9, 12), (31, 34), (34, 37)]
    """
    raw = ctx.raw
    if "[" not in raw:
        return []
    return [
        _Cand(m.start(), m.end(), FOOTNOTE_MARKER, f"note marker {m.group()} glued to the text")
        for m in _MARKER.finditer(raw)
        if _AFTER.match(raw, m.end())
    ]
