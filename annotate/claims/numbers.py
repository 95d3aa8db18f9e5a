"""Numbers written in words and digits: cardinals, ordinals, fractions, "nineteen thirty-three"."""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a lexicon string."""
    return text.split()


_UNITS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen"
        )
    )
}


_TENS: dict[str, int] = {
    w: 10 * (i + 2) for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))
}


_SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
}


_FRACTIONS: dict[str, float] = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}


_ORDINAL_UNITS: dict[str, int] = {
    w: i + 1
    for i, w in enumerate(
        _words(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
        )
    )
}


_ORDINAL_TENS: dict[str, int] = {
    w: 10 * (i + 2)
    for i, w in enumerate(_words("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"))
}


_ORDINAL_SCALES: dict[str, int] = {"hundredth": 100, "thousandth": 1000, "millionth": 1_000_000}


_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | {"hundred", "dozen"}


_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


_DIGITS_SUFFIX_RE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(bn|mn|k)$")


def _as_number(value: float) -> int | float:
    """Integers stay ints so that 16 and 16.0 print alike; 1.5 million is the int 1500000."""
    rounded = round(value, 9)
    return int(rounded) if float(rounded).is_integer() else rounded


def _digits_value(token: str) -> float | None:
    if _DIGITS_RE.match(token):
        return float(token.replace(",", ""))
    m = _DIGITS_SUFFIX_RE.match(token)
    if m:
        return float(m.group(1).replace(",", "")) * {"bn": 1e9, "mn": 1e6, "k": 1e3}[m.group(2)]
    return None


def _tokens_of(text: str) -> list[str]:
    text = text.strip().lower().replace("‐", "-").replace("–", "-")
    return [t for t in re.split(r"[\s\-]+", text) if t]


def _year_pair(tokens: list[str]) -> int | None:
    """ "nineteen thirty-three" -> 1933: two groups of 10..99 spoken as a year."""

    def group(toks: list[str]) -> int | None:
        if len(toks) == 1 and toks[0] in _UNITS and _UNITS[toks[0]] >= 10:
            return _UNITS[toks[0]]
        if toks and toks[0] in _TENS:
            if len(toks) == 1:
                return _TENS[toks[0]]
            if len(toks) == 2 and toks[1] in _UNITS and 1 <= _UNITS[toks[1]] <= 9:
                return _TENS[toks[0]] + _UNITS[toks[1]]
        return None

    for cut in (1, 2):
        first, second = group(tokens[:cut]), group(tokens[cut:])
        if first is not None and second is not None:
            return first * 100 + second
    return None


def words_to_number(text: str) -> int | float | None:
    """Read a cardinal number written in words and/or digits; ``None`` when it is not one.

    Handles compounds ("twenty-one"), scales ("one hundred thousand", "1.5 million", "2.5bn"), "and"
    ("two thousand and five"), dozens ("a dozen", "two dozen"), halves ("one and a half million",
    "half a million"), simple fractions ("two thirds") and years said in pairs ("nineteen thirty-three").

    >>> words_to_number("one hundred thousand"), words_to_number("twenty-one"), words_to_number("a dozen")
    (100000, 21, 12)
    >>> words_to_number("1.5 million"), words_to_number("two thousand and five"), words_to_number("blue")
    (1500000, 2005, None)
    """
    tokens = _tokens_of(text)
    if not tokens:
        return None
    if tokens[0] == "half" and len(tokens) >= 3 and tokens[1] in ("a", "an"):
        rest = words_to_number(" ".join(["one", *tokens[2:]]))
        return None if rest is None else _as_number(rest / 2)
    value = _parse_cardinal(tokens)
    if value is None:
        return _year_pair(tokens)
    return _as_number(value)


def _parse_cardinal(tokens: list[str]) -> float | None:
    total = 0.0
    group: float | None = None  # the part below the last scale word
    prev = ""  # kind of the previous token
    last_scale = float("inf")
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "and":
            if tokens[i + 1 : i + 3] in (["a", "half"], ["an", "half"]) and prev in ("unit", "tens", "digit"):
                group = (group or 0) + 0.5
                prev = "unit"
                i += 3
                continue
            if prev not in ("hundred", "scale") or i + 1 >= len(tokens):
                return None
            prev = "and"
            i += 1
            continue
        digits = _digits_value(tok)
        if digits is not None:
            if prev:
                return None
            group, prev = digits, "digit"
        elif tok in ("a", "an"):
            if prev or i + 1 >= len(tokens):
                return None
            group, prev = 1.0, "article"
        elif tok in _UNITS:
            value = _UNITS[tok]
            if prev == "tens" and 1 <= value <= 9 and group is not None and group % 10 == 0:
                group += value
                prev = "unit"
            elif prev in ("", "hundred", "scale", "and"):
                group = (group or 0) + value
                prev = "unit" if value < 10 else "teen"
            else:
                return None
        elif tok in _TENS:
            if prev not in ("", "hundred", "scale", "and"):
                return None
            group = (group or 0) + _TENS[tok]
            prev = "tens"
        elif tok == "hundred":
            if prev not in ("", "unit", "teen", "article", "digit", "tens") or (group or 1) >= 100:
                return None
            group = (group if group is not None else 1.0) * 100
            prev = "hundred"
        elif tok in _SCALES:
            scale = _SCALES[tok]
            if prev not in ("", "unit", "teen", "tens", "hundred", "article", "digit") or scale >= last_scale:
                return None
            total += (group if group is not None else 1.0) * scale
            group, prev, last_scale = None, "scale", scale
        elif tok in ("dozen", "dozens") and tok == "dozen":
            if prev not in ("", "unit", "teen", "tens", "article", "digit"):
                return None
            group = (group if group is not None else 1.0) * 12
            prev = "dozen"
        elif tok in _FRACTIONS and prev in ("unit", "teen", "article") and i == len(tokens) - 1:
            if tok in ("half", "halves") and prev != "article" and (group or 0) > 1:
                return None
            group = (group or 1.0) / _FRACTIONS[tok]
            prev = "fraction"
        else:
            return None
        i += 1
    if prev in ("and", "article"):
        return None
    return total + (group or 0)


def ordinal_to_number(text: str) -> int | None:
    """Read an ordinal ("first", "twenty-first", "16th", "hundredth"); ``None`` when it is not one.

    >>> ordinal_to_number("twenty-first"), ordinal_to_number("16th"), ordinal_to_number("sixteen")
    (21, 16, None)
    """
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)\s*(st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    tokens = _tokens_of(t)
    if not tokens:
        return None
    last = tokens[-1]
    head = tokens[:-1]
    if last in _ORDINAL_UNITS:
        value = _ORDINAL_UNITS[last]
    elif last in _ORDINAL_TENS:
        value = _ORDINAL_TENS[last]
    elif last in _ORDINAL_SCALES:
        value = _ORDINAL_SCALES[last]
        base = _parse_cardinal(head) if head else 1.0
        return None if base is None else int(base * value)
    else:
        return None
    if not head:
        return value
    base = _parse_cardinal(head)
    if base is None:
        return None
    if last in _ORDINAL_UNITS and value < 10 and base % 10 == 0 and base >= 20:
        return int(base) + value
    if base % 100 == 0 and base >= 100:
        return int(base) + value
    return None
