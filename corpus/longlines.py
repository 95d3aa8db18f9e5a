"""Long stretches of text cut at whitespace into pieces of bounded size.

Work done word by word (``split``, ``findall``) holds one Python object per word: on a 100 MB line
with no newline that is gigabytes. No word crosses a cut made at whitespace, so anything computed
word by word over the pieces in order is what it would be over the whole stretch, while only one
piece's words are held at a time. Stretches up to :data:`PIECE` characters (every line of an
ordinary document) are one piece, so they are handled exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Characters per piece: far beyond any line of a normal page, small enough that a piece's words
#: (some 40 bytes each) stay a few megabytes.
PIECE = 1 << 20

_SPACE = re.compile(r"\s")


def pieces(text: str, start: int = 0, end: int | None = None, size: int | None = None) -> Iterator[tuple[int, int]]:
    """Consecutive ranges tiling ``text[start:end]``, each but the last at least ``size`` (default
    :data:`PIECE`) characters long and ending where a whitespace character begins (so no word of
    the text is cut).

    ``\\s`` matches exactly the characters ``str.isspace`` accepts, where ``str.split`` cuts (a test
    checks every code point).

    >>> list(pieces("ab cd  ef", size=2))
    [(0, 2), (2, 5), (5, 9)]
    >>> list(pieces("abcdef", size=2))
    [(0, 6)]
    """
    end = len(text) if end is None else end
    size = PIECE if size is None else size
    a = start
    while end - a > size:
        m = _SPACE.search(text, a + size, end)
        if m is None:
            break
        yield a, m.start()
        a = m.start()
    yield a, end


def fold_whitespace(text: str, start: int = 0, end: int | None = None) -> str:
    """``" ".join(text[start:end].split())``, holding one piece's words at a time.

    >>> fold_whitespace("  a\\t b \\n c  ")
    'a b c'
    """
    end = len(text) if end is None else end
    if end - start <= PIECE:
        return " ".join(text[start:end].split())
    parts = [" ".join(text[a:b].split()) for a, b in pieces(text, start, end)]
    return " ".join(p for p in parts if p)
