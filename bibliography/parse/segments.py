"""Step 3: cutting the rest of an entry into segments at sentence boundaries that are not initials or
abbreviations, and at closing quotes."""

from __future__ import annotations

import re

from bibliography.parse.dates import _MONTHS

_NO_BREAK = {
    "mr", "mrs", "ms", "dr", "st", "ste", "mt", "ft", "vs", "v", "cf", "ca", "c", "jr", "sr", "inc", "ltd",
    "co", "corp", "bros", "gen", "col", "capt", "lt", "sgt", "adm", "gov", "sen", "rep", "pres", "prof",
    "hon", "rev", "messrs", "mme", "mlle", "univ", "assn", "natl", "intl", "acad", "dept", "ave", "e.g",
    "i.e", "viz", "approx", "esp", "incl", "fr", "ger", "engl", "amer", "brit", "hist", "soc",
}  # fmt: skip


_NUMBERING = {
    "vol", "vols", "no", "nos", "pp", "p", "pt", "pts", "ch", "chap", "fig", "art", "sec", "n", "nn",
    "ser", "bd", "hft", "nr", "s", "ss", "col", "cols", "fol", "fols", "suppl", "bk", "sect", "ed", "edn",
    "iss", "vyp", "t", "tome",
}  # fmt: skip


_LEADING_ROLE = {"ed", "eds", "trans", "tr", "comp", "comps", "transl", "hrsg", "repr"}


# Lower-case words that may open a segment: "Press. pp. 78-81", "Title. ed. by ...".
_LOWER_STARTS = re.compile(
    r"(?:pp?|vols?|nos?|ed|eds|trans|tr|repr|s\.\s?v|n\.\s?d|doi)\.|(?:edited|translated)\s+by\b"
    r"|[ivxlc]+\s*[,+]\s*\d"
)


_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“", "‚": "‘"}


class _Seg:
    """One segment: its text without the boundary full stop, and as printed."""

    __slots__ = ("quoted", "raw", "text")

    def __init__(self, raw: str, text: str, quoted: bool) -> None:
        self.raw = raw.strip()
        self.text = text.strip()
        self.quoted = quoted


#: The longest quoted title looked for; bounding the search keeps a line of unclosed quotes linear
#: (each opener would otherwise scan to the end of the string).
MAX_QUOTED = 600


def _find_close_quote(text: str, i: int) -> int | None:
    opener = text[i]
    closer = _QUOTES[opener]
    depth = 0
    j = i + 1
    stop = min(len(text), i + MAX_QUOTED)
    while j < stop:
        ch = text[j]
        if ch == closer and opener != closer and closer in "”»":
            if depth == 0:
                return j
            depth -= 1
        elif ch == opener and opener != closer and opener in "“«":
            depth += 1
        elif ch == closer and (opener == closer or closer in "’‘“"):
            after = text[j + 1] if j + 1 < len(text) else " "
            if closer in "'’" and after.isalpha():
                j += 1
                continue
            return j
        j += 1
    return None


def _is_boundary(text: str, i: int, seg_start: int) -> bool:
    ch = text[i]
    j = i + 1
    if j < len(text) and not text[j].isspace():
        return False
    k = j
    while k < len(text) and text[k].isspace():
        k += 1
    nxt = text[k] if k < len(text) else ""
    if nxt and nxt.islower() and not _LOWER_STARTS.match(text, k):
        return False
    if ch in "?!":
        return True
    start = text.rfind(" ", seg_start, i) + 1
    word = text[max(start, seg_start) : i].lstrip("(\"'“‘[")
    low = word.lower()
    if not word:
        return True
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "William C. Bullitt"
    if re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", word):
        return False  # "U.S.", "N.Y.", "e.g."
    if low in _NO_BREAK:
        return False
    if nxt.isdigit() and (low in _NUMBERING or low in _MONTHS):
        return False
    # "Ed. John Smith." / "Trans. Max Eastman." introduce names rather than end a segment.
    return not (low in _LEADING_ROLE and not text[seg_start:start].strip())


def _segments(text: str) -> list[_Seg]:
    segs: list[_Seg] = []
    n = len(text)
    start = 0
    i = 0
    depth = 0
    while i < n:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in _QUOTES and depth == 0 and (i == 0 or text[i - 1].isspace() or text[i - 1] in "(["):
            close = _find_close_quote(text, i)
            if close is not None:
                at_start = not text[start:i].strip()
                i = close + 1
                if at_start:
                    m = re.match(r"[.,;:]?(?=\s|$)", text[i:])
                    if m:
                        end = i + m.end()
                        segs.append(_Seg(text[start:end], text[start:end], True))
                        start = end
                        i = end
                continue
        elif ch in ".?!" and depth == 0 and _is_boundary(text, i, start):
            piece = text[start : i + 1]
            segs.append(_Seg(piece, piece[:-1] if ch == "." else piece, False))
            start = i + 1
        i += 1
    if text[start:].strip():
        segs.append(_Seg(text[start:], text[start:], False))
    return [s for s in segs if s.text.strip(" .,;:")]
