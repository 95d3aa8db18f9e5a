"""Word tokens of a reference string and their features, for the learned field labeler.

A token is a run of letters and digits; the punctuation and blanks between tokens are not labelled but
read as features of the tokens on either side (the field a token belongs to shows in "(2001)." around
it as much as in the digits). So the AnyStyle convention (punctuation inside fields) and the GROBID one
(punctuation between fields) give the same token labels, and a field's text is the raw span from its
first to its last token.

The features follow AnyStyle's parser features: the word, its shape, case and digits, the punctuation
around it, its position in the string, membership in the library's word tables (months, cities,
publisher and organisation words, the role and locator words of :mod:`bibliography.parse.vocabulary`),
whether it is inside quotes or brackets, and the same facts of its neighbours; and, as AnyStyle and
GROBID read wider context, the place from the end and since the last full stop, the separators seen so
far, word pairs and the kinds of the neighbours. :mod:`bibliography.parse.stacked` adds the rule
parser's reading of each token.

>>> [t.text for t in tokenize("Smith, J. (2001). Title. Nature 12(3):45-67.")]
['Smith', 'J', '2001', 'Title', 'Nature', '12', '3', '45', '67']
>>> text = "Smith, J. (2001)."
>>> sorted(f for f in token_features(tokenize(text), text)[2] if f.startswith(("w=", "p<", "p>")))
['p<=_(', 'p<|k|p>=_(|k=year|).', 'p>=).', 'w=2001']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bibliography.names import _GIVEN_ABBREVIATIONS, _ORG_WORDS
from bibliography.parse.vocabulary import _CITIES, _MAGAZINE_RE, _NEWSPAPER_RE, _PUBLISHER_WORDS
from textkit import MONTH_NUMBERS
from textkit.names import is_particle
from textkit.stopwords import ENGLISH_STOP_WORDS

_TOKEN_RE = re.compile(r"[^\W_]+")
# Words that mark a field next to them (roles, locators, containers); the same words the rule parser's
# patterns in bibliography.parse.vocabulary read, lower-cased.
_MARKERS = frozenset(
    [
        "ed",
        "eds",
        "edited",
        "editor",
        "editors",
        "hrsg",
        "hg",
        "trans",
        "translated",
        "translator",
        "by",
        "in",
        "vol",
        "vols",
        "volume",
        "no",
        "nos",
        "nr",
        "number",
        "pp",
        "p",
        "s",
        "pages",
        "page",
        "edn",
        "edition",
        "rev",
        "repr",
        "reprint",
        "diss",
        "thesis",
        "phd",
        "ma",
        "dissertation",
        "report",
        "proc",
        "proceedings",
        "conference",
        "journal",
        "review",
        "doi",
        "url",
        "isbn",
        "issn",
        "retrieved",
        "accessed",
        "available",
        "online",
        "http",
        "https",
        "www",
        "org",
        "com",
        "et",
        "al",
        "and",
        "und",
        "press",
        "university",
        "verlag",
    ]
)
_CITY_WORDS = frozenset(w for c in _CITIES for w in c.split() if len(w) > 3)
_ROMAN_RE = re.compile(r"^[ivxlcdm]+$", re.I)
_OPEN = "([{"
_CLOSE = ")]}"
_QUOTES = '"“”„«»'


class Token(NamedTuple):
    """One word token: its text and code-point offsets in the string it came from."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """The word tokens of ``text`` (runs of letters and digits) with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        c = "d" if ch.isdigit() else "X" if ch.isupper() else "x"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _word_kind(word: str) -> str:
    if word.isascii() and word.isdigit():
        n = len(word)
        if n == 4 and 1500 <= int(word) <= 2039:
            return "year"
        return f"num{min(n, 5)}"
    if any(ch.isdigit() for ch in word):
        return "alnum"
    if len(word) == 1:
        return "initial" if word.isupper() else "letter"
    if word.isupper():
        return "caps"
    if word[0].isupper():
        return "cap"
    return "lower"


def _own(word: str) -> list[str]:
    low = word.casefold()
    feats = [f"w={low}", f"k={_word_kind(word)}", f"sh={_shape(word)}", f"s3={low[-3:]}", f"p3={low[:3]}"]
    if low in MONTH_NUMBERS:
        feats.append("dict=month")
    if low in _CITY_WORDS:
        feats.append("dict=city")
    if _PUBLISHER_WORDS.fullmatch(word):
        feats.append("dict=publisher")
    if low in _ORG_WORDS:
        feats.append("dict=org")
    if low in _MARKERS:
        feats.append("dict=marker")
    if _NEWSPAPER_RE.fullmatch(word):
        feats.append("dict=newspaper")
    if _MAGAZINE_RE.fullmatch(word):
        feats.append("dict=magazine")
    if low in _GIVEN_ABBREVIATIONS:
        feats.append("dict=given")
    if low in ENGLISH_STOP_WORDS:
        feats.append("dict=stop")
    if is_particle(word):
        feats.append("dict=particle")
    if _ROMAN_RE.match(word) and len(word) > 1:
        feats.append("roman")
    return feats


def token_features(tokens: list[Token], text: str = "") -> list[list[str]]:
    """The features of every token (``text`` is the string the offsets point into; when empty, the
    tokens are taken to be separated by single blanks)."""
    n = len(tokens)
    gaps: list[str] = []
    for i in range(n + 1):
        lo = tokens[i - 1].end if i else 0
        hi = tokens[i].start if i < n else (len(text) if text else lo)
        gaps.append(re.sub(r"\s+", "_", text[lo:hi]) if text else ("" if i in (0, n) else "_"))
    own = [_own(t.text) for t in tokens]
    out: list[list[str]] = []
    depth = 0
    quoted = False
    periods = 0
    since_period = 0
    commas = 0
    seen_year = seen_colon = seen_quote = False
    for i in range(n):
        full_before, before, after = gaps[i], gaps[i][-2:], gaps[i + 1][:2]
        for ch in full_before:
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif ch in _QUOTES:
                quoted = not quoted
        if "." in full_before and i:
            periods += 1
            since_period = 0
        commas += full_before.count(",")
        seen_colon = seen_colon or ":" in full_before
        kind = own[i][1]
        f = ["bias", *own[i], f"p<={before}", f"p>={after}", f"pos={10 * i // max(n, 1)}", f"idx={min(i, 6)}"]
        f.append(f"sent={min(periods, 5)}")
        # Wider context (as AnyStyle and GROBID read it): the place in the sentence and from the end,
        # the separators seen so far, the punctuation one token further out, word pairs and kind triples.
        f += [f"ridx={min(n - 1 - i, 6)}", f"sp={min(since_period, 4)}", f"commas={min(commas, 4)}"]
        f.append(f"len={min(len(tokens[i].text), 9)}")
        if seen_colon:
            f.append("after_colon")
        if seen_quote and not quoted:
            f.append("after_quote")
        prev_kind = own[i - 1][1] if i else "k=START"
        next_kind = own[i + 1][1] if i + 1 < n else "k=END"
        f.append(f"kkk={prev_kind}|{kind}|{next_kind}")
        if i:
            f.append(f"ww-1={own[i - 1][0][2:]}|{own[i][0][2:]}")
            f.append(f"pp<={gaps[i - 1][-2:]}|{before}")
        if i + 1 < n:
            f.append(f"ww+1={own[i][0][2:]}|{own[i + 1][0][2:]}")
            f.append(f"pp>={after}|{gaps[i + 2][:2]}")
        if i == n - 1:
            f.append("last")
        if depth:
            f.append("in_brackets")
        if quoted:
            f.append("in_quotes")
        if seen_year:
            f.append("after_year")
        f.extend(f"-1{x}" for x in own[i - 1][:3]) if i else f.append("-1=START")
        f.extend(f"+1{x}" for x in own[i + 1][:3]) if i + 1 < n else f.append("+1=END")
        if i > 1:
            f.append(f"-2{own[i - 2][0]}")
        if i + 2 < n:
            f.append(f"+2{own[i + 2][0]}")
        f.append(f"k|p>={kind}|{after}")
        f.append(f"p<|k|p>={before}|{kind}|{after}")
        out.append(f)
        seen_year = seen_year or kind == "k=year"
        seen_quote = seen_quote or quoted
        since_period += 1
    return out
