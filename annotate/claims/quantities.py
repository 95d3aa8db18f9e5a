"""Quantities: counts and measures with their units, qualifiers and ordinals."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotate.claims.dates import _dates_with_cores
from annotate.claims.numbers import (
    _FRACTIONS,
    _NUMBER_WORDS,
    _ORDINAL_SCALES,
    _ORDINAL_TENS,
    _ORDINAL_UNITS,
    _SCALES,
    _TENS,
    _UNITS,
    _as_number,
    _digits_value,
    _words,
    ordinal_to_number,
    words_to_number,
)
from annotate.model import (
    Quantity,
    QuantityQualifier,
)
from textkit.spans import SpanSet
from textkit.tokens import Token, tokenize

# Letters with digits glued after them ("p53", "CD4", "CO2", "BRCA1") are identifiers, one token that
# is never a number.
_TOKEN_RE = re.compile(r"[^\W\d_]+\d[^\W_]*|\d+(?:[.,]\d+)*[A-Za-z]*|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\s]")


# Words before "one" that make it a pronoun ("no one", "the one who", "this one").
_PRONOUN_ONE = frozenset(_words("no any every some each the this that which no-one anyone someone"))


_DETERMINERS = frozenset(_words("the a an his her its their our my your this that these those each every"))


# Words that end a noun phrase: a unit is looked for only before them.
_BOUNDARY = frozenset(
    _words("""of the a an and or but nor to in on at by for with from into onto upon than as that which who whom whose
    what when where while was were is are be been being had has have having would could should will shall may
    might must can do does did not no before after since until till during about over under between among
    per each every this these those it its he she they we you i him her them us his their our my your
    there here then so such very more most less least also only just even still yet ago later earlier
    again once""")
)


_IRREGULAR_PLURALS: dict[str, str] = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "wolves": "wolf",
    "leaves": "leaf",
    "shelves": "shelf",
    "thieves": "thief",
    "calves": "calf",
    "loaves": "loaf",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "centuries": "century",
    "millennia": "millennium",
    "indices": "index",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
}


_INVARIANT_PLURALS = frozenset(
    _words("people police cattle sheep fish deer aircraft personnel staff yen series species means news")
)


_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "’s", "'s")


_ABBREVIATED_UNITS: dict[str, str] = {
    "yrs": "year",
    "yr": "year",
    "mins": "minute",
    "min": "minute",
    "hrs": "hour",
    "hr": "hour",
    "secs": "second",
    "sec": "second",
    "kms": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "lbs": "lb",
    "percent": "%",
    "percentage": "%",
}


_YEAR_MULTIPLES: dict[str, int] = {"decade": 10, "century": 100, "millennium": 1000}


_CURRENCY_PREFIX: dict[str, str] = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}


_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "euro": "EUR",
    "yen": "JPY",
    "ruble": "RUB",
    "rouble": "RUB",
}


# After "a"/"an", these make the article a count of one ("a month after", "more than a decade").
_ONE_UNITS = frozenset(
    _words("minute hour day week fortnight month year decade century millennium mile kilometre kilometer ton")
)


_QUANTITY_QUALIFIERS: list[tuple[tuple[str, ...], QuantityQualifier]] = [
    (("no", "more", "than"), QuantityQualifier.AT_MOST),
    (("not", "more", "than"), QuantityQualifier.AT_MOST),
    (("no", "fewer", "than"), QuantityQualifier.AT_LEAST),
    (("no", "less", "than"), QuantityQualifier.AT_LEAST),
    (("not", "less", "than"), QuantityQualifier.AT_LEAST),
    (("as", "many", "as"), QuantityQualifier.AT_MOST),
    (("as", "much", "as"), QuantityQualifier.AT_MOST),
    (("well", "over"), QuantityQualifier.MORE_THAN),
    (("just", "over"), QuantityQualifier.MORE_THAN),
    (("just", "under"), QuantityQualifier.LESS_THAN),
    (("more", "than"), QuantityQualifier.MORE_THAN),
    (("upwards", "of"), QuantityQualifier.MORE_THAN),
    (("at", "least"), QuantityQualifier.AT_LEAST),
    (("less", "than"), QuantityQualifier.LESS_THAN),
    (("fewer", "than"), QuantityQualifier.LESS_THAN),
    (("at", "most"), QuantityQualifier.AT_MOST),
    (("up", "to"), QuantityQualifier.AT_MOST),
    (("close", "to"), QuantityQualifier.ABOUT),
    (("an", "estimated"), QuantityQualifier.ABOUT),
    (("over",), QuantityQualifier.MORE_THAN),
    (("under",), QuantityQualifier.LESS_THAN),
    (("about",), QuantityQualifier.ABOUT),
    (("around",), QuantityQualifier.ABOUT),
    (("approximately",), QuantityQualifier.ABOUT),
    (("roughly",), QuantityQualifier.ABOUT),
    (("nearly",), QuantityQualifier.ABOUT),
    (("almost",), QuantityQualifier.ABOUT),
    (("some",), QuantityQualifier.ABOUT),
    (("circa",), QuantityQualifier.ABOUT),
    (("exactly",), QuantityQualifier.EXACTLY),
    (("precisely",), QuantityQualifier.EXACTLY),
]


def singular(word: str) -> str:
    """The singular lower-case lemma of an English noun (``vehicles`` -> ``vehicle``).

    >>> [singular(w) for w in ("years", "countries", "people", "superpowers", "taxes", "crisis")]
    ['year', 'country', 'person', 'superpower', 'tax', 'crisis']
    """
    w = word.lower().replace("’", "'")
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if w in _INVARIANT_PLURALS or len(w) <= 3 or w.endswith(_NOT_PLURAL_ENDINGS):
        return "person" if w == "people" else w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def _looks_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PLURALS or w in _INVARIANT_PLURALS:
        return True
    return len(w) > 2 and w.endswith("s") and not w.endswith(_NOT_PLURAL_ENDINGS)


def _adjective_like(word: str) -> bool:
    w = word.lower()
    return w.endswith(("ly", "al", "ic", "ive", "ous", "ful", "able", "ible", "ern", "ese", "ish", "ian", "an")) or (
        w in {"major", "new", "other", "more", "main", "separate", "different", "additional", "further", "whole"}
    )


def _unit_after(tokens: list[Token], j: int, text: str, *, plural: bool) -> tuple[str | None, int]:
    """The unit lemma after a number ending before token ``j``, and the index after the unit."""
    if j < len(tokens) and tokens[j].text == "%" and tokens[j].start == tokens[j - 1].end:
        return "%", j + 1
    if j < len(tokens) and tokens[j].low in ("percent", "pct"):
        return "%", j + 1
    if j + 1 < len(tokens) and tokens[j].low == "per" and tokens[j + 1].low == "cent":
        return "%", j + 2
    k = j
    if k < len(tokens) and tokens[k].text in "-‐" and tokens[k].start == tokens[k - 1].end:
        k += 1  # "16-year", "five-year plan"
    words: list[int] = []
    while k < len(tokens) and len(words) < 3:
        tok = tokens[k]
        gap = text[tokens[k - 1].end : tok.start]
        if (gap and not gap.isspace()) or "\n\n" in gap or not tok.text[0].isalpha() or tok.low in _BOUNDARY:
            break
        if tok.low in _NUMBER_WORDS or _digits_value(tok.text) is not None:
            break
        words.append(k)
        if tok.low.endswith("ly") and len(words) == 1:
            return None, j
        k += 1
    if not words:
        return None, j
    chosen = words[0]
    if plural:
        for idx in words:
            if _looks_plural(tokens[idx].text):
                chosen = idx
                break
    elif len(words) > 1 and _adjective_like(tokens[words[0]].text) and not tokens[words[0]].text[0].isupper():
        chosen = words[1]
    word = tokens[chosen].text
    if word.lower().endswith("ly"):
        return None, j
    lemma = singular(word)
    lemma = _ABBREVIATED_UNITS.get(word.lower(), _ABBREVIATED_UNITS.get(lemma, lemma))
    lemma = _CURRENCY_WORDS.get(lemma, lemma)
    return lemma, chosen + 1


def _qualifier_before(tokens: list[Token], i: int, text: str) -> tuple[QuantityQualifier | None, int]:
    """The qualifier words right before token ``i`` and the index of the first of them."""
    for words, qualifier in _QUANTITY_QUALIFIERS:
        n = len(words)
        if i - n < 0:
            continue
        seq = tokens[i - n : i]
        if tuple(t.low for t in seq) != words:
            continue
        gaps = [text[seq[k].end : (seq[k + 1].start if k + 1 < n else tokens[i].start)] for k in range(n)]
        if all(g and g.isspace() and "\n\n" not in g for g in gaps):
            return qualifier, i - n
    return None, i


def _number_run(tokens: list[Token], i: int, text: str) -> int:
    """The index after the longest run of number tokens starting at ``i`` (``i`` when none)."""

    def joined(a: int, b: int) -> bool:
        gap = text[tokens[a].end : tokens[b].start]
        return gap == "" or (gap.isspace() and "\n" not in gap)

    tok = tokens[i]
    low = tok.low
    if low == "half":
        # "half a million" is a number; "half a century" is handled by the caller.
        if i + 2 < len(tokens) and tokens[i + 1].low in ("a", "an") and tokens[i + 2].low in _SCALES:
            return i + 3
        return i
    if _digits_value(tok.text) is not None:
        k = i + 1
        while k < len(tokens) and tokens[k].low in _SCALES and joined(k - 1, k):
            k += 1
        return k
    if low not in _NUMBER_WORDS and low not in ("a", "an"):
        return i
    k = i + 1
    article_ok = k < len(tokens) and tokens[k].low in ("hundred", "dozen", *_SCALES) and joined(i, k)
    if low in ("a", "an") and not article_ok:
        return i
    while k < len(tokens):
        nxt = tokens[k]
        if nxt.low in _NUMBER_WORDS and joined(k - 1, k):
            k += 1
        elif (
            nxt.text in "-‐"
            and k + 1 < len(tokens)
            and tokens[k + 1].low in _FRACTIONS
            and tokens[k - 1].low in _UNITS
            and nxt.start == tokens[k - 1].end
            and tokens[k + 1].start == nxt.end
        ):
            return k + 2  # "two-thirds"
        elif nxt.low in _FRACTIONS and tokens[k - 1].low in _UNITS and joined(k - 1, k):
            return k + 1  # "three quarters"
        elif nxt.text in "-‐" and k + 1 < len(tokens) and tokens[k + 1].low in _NUMBER_WORDS and joined(k - 1, k):
            if not joined(k, k + 1) or text[tokens[k - 1].end : nxt.start]:
                break
            k += 2
        elif (
            nxt.low == "and"
            and k + 1 < len(tokens)
            and joined(k - 1, k)
            and (tokens[k + 1].low in _NUMBER_WORDS or tokens[k + 1].low in ("a", "an"))
            and tokens[k - 1].low in ("hundred", "thousand", "million", "billion", *_UNITS, *_TENS)
        ):
            k += 2 if tokens[k + 1].low in _NUMBER_WORDS else 1
            if tokens[k - 1].low in ("a", "an"):
                if k < len(tokens) and tokens[k].low == "half":
                    k += 1
                else:
                    return k - 2
        else:
            break
    return k


# The words a quantity can start with (a number, an article counting one unit, "half", an ordinal); any
# other token, unless it starts with a digit, starts none, and skipping it spares the grammar below.
_STARTERS = frozenset({*_NUMBER_WORDS, "a", "an", "half", *_TENS, *_ORDINAL_UNITS, *_ORDINAL_TENS, *_ORDINAL_SCALES})


def _quantities(text: str, cores: Sequence[tuple[int, int]], *, prefilter: bool = True) -> list[Quantity]:
    tokens = tokenize(text, _TOKEN_RE)
    out: list[Quantity] = []

    in_core = SpanSet(cores).overlaps

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if prefilter and not tok.text[0].isdigit() and tok.text.lower() not in _STARTERS:
            i += 1  # the result is the same without this test (see _STARTERS)
            continue
        ordinal: int | None = None
        value: int | float | None = None
        compound, compound_end = _ordinal_at(tokens, i, text) if tok.low in _TENS else (None, i)
        end_run = i if compound is not None else _number_run(tokens, i, text)
        if compound is not None:
            ordinal, end_run = compound, compound_end  # "twenty-first"
        elif end_run > i:
            run_text = text[tok.start : tokens[end_run - 1].end]
            value = words_to_number(run_text)
            while value is None and end_run - 1 > i:
                end_run -= 1
                value = words_to_number(text[tok.start : tokens[end_run - 1].end])
        if (
            value is None
            and tok.low == "half"
            and i + 2 < len(tokens)
            and tokens[i + 1].low in ("a", "an")
            and tokens[i + 2].text[0].isalpha()
        ):
            value, end_run = 0.5, i + 2  # "half a century"
        if value is None and ordinal is None:
            ordinal, end_run = _ordinal_at(tokens, i, text)
        if value is None and ordinal is None:
            one = _one_unit(tokens, i, text)
            if one is None:
                i += 1
                continue
            value, end_run = 1, i + 1
        start = tok.start
        pronoun = tok.low == "one" and end_run == i + 1 and i > 0 and tokens[i - 1].low in _PRONOUN_ONE
        if (
            pronoun
            or in_core(start, tokens[end_run - 1].end)
            or (
                tok.text[0].isdigit()
                and tok.text.startswith("0")
                and len(re.sub(r"\D", "", tok.text)) > 1
                and "." not in tok.text
            )
        ):
            i = end_run
            continue
        unit: str | None = None
        next_index = end_run
        if ordinal is None and i > 0 and tokens[i - 1].text in _CURRENCY_PREFIX and tokens[i - 1].end == start:
            unit = _CURRENCY_PREFIX[tokens[i - 1].text]
            start = tokens[i - 1].start
            first_index = i - 1
        else:
            first_index = i
        if unit is None:
            count = float(value) if value is not None else 1.0
            unit, next_index = _unit_after(tokens, end_run, text, plural=ordinal is None and count != 1)
        if ordinal is not None and unit is None:
            i = end_run
            continue
        qualifier, q_index = _qualifier_before(tokens, first_index, text) if ordinal is None else (None, first_index)
        if qualifier is not None:
            start = tokens[q_index].start
        number: int | float = ordinal if ordinal is not None else (value if value is not None else 1)
        if ordinal is None and unit in _YEAR_MULTIPLES:
            number = _as_number(float(number) * _YEAR_MULTIPLES[unit])
            unit = "year"
        bare_word = unit is None and not tok.text[0].isdigit()
        whole = float(number).is_integer()
        if bare_word and whole and (float(number) < 2 or (end_run < len(tokens) and tokens[end_run].low == "of")):
            i = end_run  # "one of the ...", "a", a lone "one": pronouns and articles, not counts
            continue
        end = tokens[next_index - 1].end if unit is not None and next_index > end_run else tokens[end_run - 1].end
        if unit is not None and next_index <= end_run and unit != "USD" and unit not in _CURRENCY_PREFIX.values():
            end = tokens[end_run - 1].end
        out.append(
            Quantity(
                value=number,
                unit=unit,
                text=text[start:end],
                span=(start, end),
                qualifier=qualifier,
                ordinal=ordinal is not None,
            )
        )
        i = max(next_index, end_run)
    return out


def _ordinal_at(tokens: list[Token], i: int, text: str) -> tuple[int | None, int]:
    tok = tokens[i]
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", tok.text)
    if m:
        return int(m.group(1)), i + 1
    low = tok.low
    end = i + 1
    if (
        low in _TENS
        and i + 2 < len(tokens)
        and tokens[i + 1].text in "-‐"
        and tokens[i + 1].start == tok.end
        and tokens[i + 2].low in _ORDINAL_UNITS
        and tokens[i + 2].start == tokens[i + 1].end
    ):
        end = i + 3
    elif low not in _ORDINAL_UNITS and low not in _ORDINAL_TENS and low not in _ORDINAL_SCALES:
        return None, i
    value = ordinal_to_number(text[tok.start : tokens[end - 1].end])
    if value is None:
        return None, i
    prev = tokens[i - 1] if i > 0 else None
    determiner = prev is not None and (
        prev.low in _DETERMINERS or (prev.low == "s" and i > 1 and tokens[i - 2].text in "'’")
    )
    titled = tok.text[0].isupper() and end < len(tokens) and tokens[end].text[0].isupper()
    if not (determiner or titled):
        return None, i
    if low == "second" and end < len(tokens) and not tokens[end].text[0].isalpha():
        return None, i
    return value, end


def _one_unit(tokens: list[Token], i: int, text: str) -> int | None:
    """ "a month", "an hour": an article counting one time unit."""
    if tokens[i].low not in ("a", "an") or i + 1 >= len(tokens):
        return None
    nxt = tokens[i + 1]
    if not text[tokens[i].end : nxt.start].isspace() or "\n" in text[tokens[i].end : nxt.start]:
        return None
    return 1 if nxt.low in _ONE_UNITS else None


def find_quantities(text: str) -> list[Quantity]:
    """Find the numbers in ``text`` with the units they count, in text order.

    Numbers that belong to dates are left out ("1933" in "Nov. 16, 1933"); numbers of time units are
    kept ("16 years"). Decades and centuries become years ("more than a decade" -> more than 10 years).

    >>> [(q.value, q.unit) for q in find_quantities("one hundred thousand vehicles in 1929, sixteen years")]
    [(100000, 'vehicle'), (16, 'year')]
    """
    cores = [c for _, cs in _dates_with_cores(text, None) for c in cs]
    return _quantities(text, cores)
