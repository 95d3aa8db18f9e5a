"""The cleaned view of a stretch of raw text, with the raw offset of every cleaned character.

The cleaned view is defined as: the raw characters of ``[start, end)``, minus the removed ranges,
with every run of whitespace folded to one space (mapped to the first whitespace character of the
run) and whitespace at both ends dropped. Nothing else is changed, so every cleaned character either
equals its raw character or is a space standing for raw whitespace.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from corpus.errors import OffsetError
from corpus.longlines import PIECE, fold_whitespace
from corpus.model import OffsetMap, trusted_offsets

_WS = re.compile(r"\s+")
# Whitespace that folding changes: runs of two or more, or one character other than a plain space.
# A single space between two words stays as it is, so it needs no step of its own.
_FOLD = re.compile(r"\s{2,}|[^\S ]")
# Every whitespace character to a space (what folding makes of a whitespace character it keeps).
# None lies past U+3000 IDEOGRAPHIC SPACE (a test checks every code point).
WHITESPACE_END = 0x3001
_TO_SPACE = {i: " " for i in range(WHITESPACE_END) if chr(i).isspace() and i != ord(" ")}
_NONSPACE = re.compile(r"\S")
_WS_RUN = re.compile(r"\s{2,}")


def kept_ranges(start: int, end: int, removed: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` not covered by ``removed`` (sorted, non-overlapping ranges).

    >>> kept_ranges(0, 10, [(2, 4), (6, 7)])
    [(0, 2), (4, 6), (7, 10)]
    """
    out: list[tuple[int, int]] = []
    # Removals are sorted by start and do not overlap, so their ends are sorted too.
    k = bisect_left(removed, start + 1, key=lambda r: r[1]) if removed else 0
    pos = start
    while k < len(removed) and removed[k][0] < end:
        rs, re_ = removed[k]
        if rs > pos:
            out.append((pos, rs))
        pos = max(pos, re_)
        k += 1
    if pos < end:
        out.append((pos, end))
    return out


def clean_text(raw: str, start: int, end: int, removed: Sequence[tuple[int, int]] = ()) -> str:
    """The cleaned text of ``raw[start:end]`` alone (no offsets): :func:`clean_view`'s text, faster.

    >>> clean_text("  a\\r\\n  b[x]c ", 0, 13, [(8, 11)])
    'a bc'
    """
    if removed:
        k = bisect_left(removed, start + 1, key=lambda r: r[1])
        if k < len(removed) and removed[k][0] < end:
            return clean_view(raw, start, end, removed)[0]
    if not 0 <= start <= end <= len(raw):
        raise OffsetError(f"range [{start}, {end}) outside the raw text (0..{len(raw)})")
    return fold_whitespace(raw, start, end)


def _whitespace_to_fold(raw: str, ks: int, ke: int) -> Iterator[tuple[int, int]]:
    """The whitespace runs of ``raw[ks:ke]`` that cleaning changes: every run but a single space
    between two non-space characters of the range (a space at either end of the range is included,
    since it may meet whitespace across a removal or start the view)."""
    if ks < ke and raw[ks] == " " and not (ks + 1 < ke and raw[ks + 1].isspace()):
        yield ks, ks + 1
    last_end = -1
    for m in _FOLD.finditer(raw, ks, ke):
        if m.start() < last_end:
            continue
        yield m.start(), m.end()
        last_end = m.end()
    if ke - 1 > ks and raw[ke - 1] == " " and not raw[ke - 2].isspace():
        yield ke - 1, ke


def clean_view(raw: str, start: int, end: int, removed: Sequence[tuple[int, int]] = ()) -> tuple[str, OffsetMap]:
    """Return the cleaned text of ``raw[start:end]`` and its offset map.

    ``removed`` are raw ranges (sorted, non-overlapping) left out of the view.

    >>> text, offsets = clean_view("  a\\r\\n  b[x]c ", 0, 13, [(8, 11)])
    >>> text, list(offsets)
    ('a bc', [2, 3, 7, 11])
    """
    if not 0 <= start <= end <= len(raw):
        raise OffsetError(f"range [{start}, {end}) outside the raw text (0..{len(raw)})")
    if end - start <= PIECE and not _meets_removal(start, end, removed):
        return _plain_view(raw, start, end)
    return _general_view(raw, start, end, removed)


def _meets_removal(start: int, end: int, removed: Sequence[tuple[int, int]]) -> bool:
    if not removed:
        return False
    k = bisect_left(removed, start + 1, key=lambda r: r[1])
    return k < len(removed) and removed[k][0] < end


def _plain_view(raw: str, start: int, end: int) -> tuple[str, OffsetMap]:
    """:func:`_general_view` of a range no removal meets: the text is the range's words joined by
    single spaces, and a new run of offsets begins only after a whitespace run of two or more
    characters (a single whitespace character is kept, as a space, where it stands)."""
    text = " ".join(raw[start:end].split())
    if not text:
        return "", OffsetMap((), (), 0)
    first = _NONSPACE.search(raw, start, end)
    assert first is not None
    a = first.start()
    starts = [0]
    raws = [a]
    dropped = 0  # raw characters of whitespace runs that folding dropped so far
    for m in _WS_RUN.finditer(raw, a, end):
        if m.end() == end:
            break  # whitespace at the end of the range is dropped with nothing after it
        dropped += m.end() - m.start() - 1
        starts.append(m.end() - a - dropped)
        raws.append(m.end())
    # Valid by construction: the runs start at 0, a new one only after a dropped whitespace character
    # and before a kept one.
    return text, trusted_offsets(tuple(starts), tuple(raws), len(text))


def _general_view(raw: str, start: int, end: int, removed: Sequence[tuple[int, int]]) -> tuple[str, OffsetMap]:
    pieces: list[str] = []
    run_starts: list[int] = []
    run_raws: list[int] = []
    n = 0  # cleaned length so far
    last_raw = -2  # raw offset of the last emitted character
    pending_ws = -1  # raw offset of a whitespace run not yet emitted, or -1
    # Characters kept as they stand in the raw text, and single whitespace characters folded to a
    # space in place, are gathered as one raw stretch and sliced once (the whitespace turned into
    # spaces then): a piece per word made a 20 MB line of prose cost 36 bytes of memory a character.
    stretch = -1  # raw offset where the stretch not yet sliced begins, or -1
    folded = False  # the stretch holds whitespace other than plain spaces

    def flush() -> None:
        nonlocal stretch, folded
        if stretch >= 0:
            kept = raw[stretch : last_raw + 1]
            pieces.append(kept.translate(_TO_SPACE) if folded else kept)
            stretch = -1
            folded = False

    def emit(a: int, b: int) -> None:
        """Keep ``raw[a:b]`` as it stands."""
        nonlocal n, last_raw, stretch
        if a != last_raw + 1:
            flush()
            run_starts.append(n)
            run_raws.append(a)
        if stretch < 0:
            stretch = a
        n += b - a
        last_raw = b - 1

    def emit_space(at: int) -> None:
        """A whitespace run starting at ``at``, folded to one space."""
        nonlocal folded
        emit(at, at + 1)
        folded = folded or raw[at] != " "

    for ks, ke in kept_ranges(start, end, removed):
        pos = ks
        for ws_start, ws_end in _whitespace_to_fold(raw, ks, ke):
            if ws_start > pos:
                if pending_ws >= 0 and n:
                    emit_space(pending_ws)
                pending_ws = -1
                emit(pos, ws_start)
            if pending_ws < 0:
                pending_ws = ws_start
            pos = ws_end
        if pos < ke:
            if pending_ws >= 0 and n:
                emit_space(pending_ws)
            pending_ws = -1
            emit(pos, ke)
    flush()
    return "".join(pieces), OffsetMap(tuple(run_starts), tuple(run_raws), n)
