"""What a line of a page looks like, as numbers a small model can weigh.

Every non-blank line gets its own shape (length, case, punctuation, years, initials, place and
publisher, volume and pages, numbering, indentation, stop-word density), its first and last words,
its place in the document (inside, before or after the densest run of prose, how often the same line
recurs) and the shape of its neighbours. Nothing here names a document or a site: the weights that
turn these numbers into decisions are learned from public data (see ``bench/train_lines.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from importlib import resources
from itertools import islice, pairwise
from typing import NamedTuple

import stopwordsiso

from corpus import longlines
from textkit.names import is_particle

__all__ = [
    "CHROME_ONLY",
    "CONTEXT",
    "ENTRY_BOUNDARY",
    "NEIGHBOURS",
    "PATTERN_WINDOW",
    "STOP_LANGUAGES",
    "Features",
    "Layout",
    "author_roster",
    "cites_in_text",
    "document_features",
    "folds_to_heading",
    "heading_words",
    "is_prose",
    "layout",
    "reference_cue",
    "stop_words",
]

#: A line's features: name -> value (binary features are 1.0 when present and absent otherwise).
Features = dict[str, float]

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’.-][^\W\d_]+)*\.?|\d+")
_YEAR = re.compile(r"(?<![\d/])(1[5-9]\d\d|20[0-4]\d)[a-z]?(?![\d/])")
_YEAR_PAREN = re.compile(r"\((?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)|\[(?:1[5-9]\d\d|20[0-4]\d)\]")
_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.")
# An entry that opens with its first author's initials before the surname ("S.D. Klyce.", "M. Abahussin,",
# "J.-P. Dupont and") or with the surname before bare initials, Vancouver style ("Islam F,", "Mayer KU,").
_LEAD_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.\s?-?){1,3}\s?[A-ZÀ-Ý][\w'’-]+(?:[,.]|\s(?:and|&)\s)")
_LEAD_VANCOUVER = re.compile(r"^[A-ZÀ-Ý][\w'’-]+\s[A-Z]{1,3}[,.]\s")
_INVERTED = re.compile(r"^[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)?,\s+(?:[A-Z]\.|[A-ZÀ-Ý][a-zà-ÿ]+)")
# Repetitions are bounded: a place name has a few words, and an unbounded run would be tried from
# every capital of a line of initials ("A. A. A. ...") to its end, quadratic in the line's length.
_PLACE_PUB = re.compile(r"[A-Z][\w.]{1,40}(?: [A-Z][\w.]{1,40}){0,4}(?:, [A-Z][\w.]{1,40})?\s?:\s?[A-Z]")
_PAGES = re.compile(r"\b(?:pp?|S|pages?)\.?\s?\d+|\d+\s?[-–]\s?\d+")
_VOLUME = re.compile(r"\b(?:vol|no|nr|bd|hft|issue|n°)\.?\s?\d+|\d+\s?\(\d+\)", re.I)
_ROLE = re.compile(r"\b(?:eds?|hg|hrsg|trans|transl|ed by|edited by|éds?|coord)\b\.?|\(eds?\.?\)|\bin:\s", re.I)
_QUOTED = re.compile(r"[“\"«„‘][^“”\"«»„]{3,400}[”\"»“’]")
_NUMBERED = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)](?=\s))")
_BULLET = re.compile(r"^\s*[•·▪◦‣●○■□►▸➢✓*\-–—](?=\s)")
_URLISH = re.compile(r"https?://|www\.|\bdoi\b|\bisbn\b|\.(?:com|org|net|edu)\b", re.I)
_ET_AL = re.compile(r"\bet al\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_EMAILISH = re.compile(r"@|\[email")
_PIPE_MENU = re.compile(r"[|›»>/]\s")
# An author-year citation inside a sentence: "(Hale & Ross, 1998;", "Lind et al., 2004)" (a reference
# entry puts its year in parentheses after the names, or ends it with a full stop).
_INTEXT = re.compile(
    r"[^\W\d_][\w.'’-]*,?\s(?:1[5-9]\d\d|20[0-4]\d)[a-z]?(?:,\s?(?:pp?\.\s?)?\d+(?:[-–]\d+)?)?[;)]"
    r"|\bet al\.,?\s(?:1[5-9]\d\d|20[0-4]\d)[a-z]?[,;)]"
)
# Dot leaders of a table of contents or list of figures ("Results ........ 42").
_LEADER = re.compile(r"\.{5,}|(?:\. ){4,}")
# A line that is only a number (arabic or roman): a page number or a counter, never text or an entry.
_BARE_NUMBER = re.compile(r"(?:\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})")
_PUNCT = re.compile(r"[^\w\s]")
# Page chrome inside an article, by shape, in any language: a label of one to three words and a colon
# before the text it labels ("Lea también: <headline>", "Foto: <name>", "Tipp: ..."); names joined by
# slashes, as photo credits chain agency and photographer ("Fleischmann/Unsplash", "DCV / Oppitz"); a
# parenthesised tail closing the line ("(Foto: ABr)", "(Teresa Canino Rivera)"); a few capitalised
# words after the last full stop with none of their own ("... in the Antarctic. EFE").
_LEAD_LABEL = re.compile(r"[^\W\d_][\w'’-]*(?: [\w'’-]+){0,2} ?: +\S")
_SLASH_NAMES = re.compile(r"[^\W\d_]{2,} ?/ ?[A-ZÀ-Ý]")
_PAREN_TAIL = re.compile(r"\([^()\d]{2,60}\)\W{0,2}$")
_NAME_TAIL = re.compile(r"[.!?] ?[A-ZÀ-Ý][^\s.!?]*(?: [A-ZÀ-Ý/|][^\s.!?]*){0,3}$")
# Years, pages, volumes, clock times and numbering all need a digit: a line without one is spared them.
_DIGIT = re.compile(r"\d")


_Finder = Callable[[str, int, int], re.Match[str] | None]


class _Pattern(NamedTuple):
    """A shape pattern, with what a line must hold for it to match at all.

    The hints and the opening only spare a line the search: a pattern is still searched for wherever
    one of its hints is in the line and the line opens as it must, so what it finds is the same with
    them as without.
    """

    name: str
    find: _Finder
    needs: str  # "": nothing; "digit": a digit; "year": a year (every match holds one, in the window)
    # Strings one of which the window holds wherever the pattern matches (() when no short list says
    # so); lower-cased for the case-blind patterns, whose hints are looked for in the lower-cased window.
    hints: tuple[str, ...] = ()
    # A case-blind pattern compiled case-sensitively (see _cased), searched for in the lower-cased
    # window; None for the others.
    folded: re.Pattern[str] | None = None
    # For a pattern anchored at the line's start, the class its first character must be in (see
    # _OPENINGS); "": any.
    opens: str = ""
    # A search that finds a match exactly where ``find`` does, only faster (None: ``find`` itself).
    fast: _Finder | None = None


def _cased(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-blind ``pattern`` compiled case-sensitively, for the lower-cased window.

    Both find a match in the same windows but those holding a character of _FOLD_ODD: lower-casing
    any other character gives one character, of the same class (word, space, digit), and it is the
    pattern's lower-case letter, "é", "°" or punctuation exactly when the case-blind pattern takes it
    for one (checked over every code point by tests/corpus/lines/test_features.py). Case-sensitive
    matching spares the engine a case fold per character tried.
    """
    if pattern.pattern != pattern.pattern.lower():
        raise ValueError(f"a case-blind shape pattern must be written in lower case: {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# Searches that find a match where a pattern above does, written so that every alternative opens
# with a character (the regex engine then skips straight to the characters that can open one, instead
# of trying the whole pattern at every position): "\b" before a letter is the look-behind after it,
# "(?<!\wp)", and a run of digits at either end is one digit.
# _cased(_ROLE) in the lower-cased window: "eds", "hg", "hrsg", "trans(l)", "ed by", "edited by", "éd(s)",
# "coord" as words, "(ed.)", "in: ".
_ROLE_CASED = re.compile(
    r"e(?<!\we)(?:ds?|d by|dited by)\b|h(?<!\wh)(?:g|rsg)\b|t(?<!\wt)ransl?\b|é(?<!\wé)ds?\b|c(?<!\wc)oord\b"
    r"|\(eds?\.?\)|i(?<!\wi)n:\s"
)
# _PAGES: "p. 12", "pp 3", "pages 4", "S. 7" ...
_PAGE_WORD = re.compile(r"p(?<!\wp)(?:p|ages?)?\.?\s?\d|S(?<!\wS)\.?\s?\d")
# ... or a number range, "12-34".
_PAGE_RANGE = re.compile(r"\d\s?[-–]\s?\d")


def _find_pages(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """A match of _PAGE_WORD or _PAGE_RANGE in ``text[pos:endpos]``: one wherever _PAGES has one."""
    return _PAGE_WORD.search(text, pos, endpos) or _PAGE_RANGE.search(text, pos, endpos)


# The shape patterns in the order their features are added.
_PATTERNS = (
    _Pattern("inverted", _INVERTED.match, "", opens="capital+"),
    _Pattern("lead:initials", _LEAD_INITIALS.match, "", opens="capital"),
    _Pattern("lead:vancouver", _LEAD_VANCOUVER.match, "", opens="capital+"),
    _Pattern("place:pub", _PLACE_PUB.search, "", (":",)),
    _Pattern("pages", _PAGES.search, "digit", ("p", "S", "-", "–"), fast=_find_pages),
    _Pattern("volume", _VOLUME.search, "digit", ("vol", "no", "nr", "bd", "hft", "issue", "n°", "("), _cased(_VOLUME)),
    _Pattern("role", _ROLE.search, "", ("ed", "hg", "hrsg", "trans", "éd", "coord", "in:"), _ROLE_CASED),
    _Pattern("quoted", _QUOTED.search, "", ("“", '"', "«", "„", "‘")),
    _Pattern("numbered", _NUMBERED.match, "digit", opens="number"),
    _Pattern("bullet", _BULLET.match, "", opens="bullet"),
    _Pattern(
        "url", _URLISH.search, "", ("http", "www.", "doi", "isbn", ".com", ".org", ".net", ".edu"), _cased(_URLISH)
    ),
    _Pattern("etal", _ET_AL.search, "", ("et al",), _cased(_ET_AL)),
    _Pattern("clock", _CLOCK.search, "digit", (":",)),
    # Every citation ends in a semicolon or a parenthesis, or follows "et al".
    _Pattern("intext", _INTEXT.search, "year", (";", ")", "et al")),
    _Pattern("leader", _LEADER.search, "", (".....", ". . . . ")),
    _Pattern("email", _EMAILISH.search, "", ("@", "[email")),
    _Pattern("menu", _PIPE_MENU.search, "", ("|", "›", "»", ">", "/")),
)
# The characters a case-blind pattern matches whose lower case is not the letter it matches them as
# (dotted and dotless i, long s): a window holding one is searched whatever the hints say.
_FOLD_ODD = ("İ", "ı", "ſ")

# What the first character of a line can open, by the classes of _Pattern.opens it is in: a capital
# A-Z, a capital A-Z or À-Ý (the ranges of _INVERTED, _LEAD_INITIALS, _LEAD_VANCOUVER), a bullet
# (_BULLET), a bracket or a digit (_NUMBERED). A line that opens with a space may still hold a bullet
# or a number after it (both patterns allow leading space); any other character opens none.
_CAPITALS = frozenset(map(chr, range(ord("A"), ord("Z") + 1)))
_LATIN_CAPITALS = frozenset(map(chr, range(ord("À"), ord("Ý") + 1)))
_BULLETS = frozenset("•·▪◦‣●○■□►▸➢✓*-–—")
_OPENINGS = {
    "capital": frozenset({"", "capital", "capital+"}),
    "capital+": frozenset({"", "capital+"}),
    "bullet": frozenset({"", "bullet"}),
    "number": frozenset({"", "number"}),
    "space": frozenset({"", "bullet", "number"}),
    "": frozenset({""}),
}


def _opening(text: str) -> str:
    """The class of ``text``'s first character, the key of _OPENINGS."""
    c = text[:1]
    if c in _CAPITALS:
        return "capital"
    if c in _LATIN_CAPITALS:
        return "capital+"
    if not c or c.isspace():
        return "space"
    if c in _BULLETS:
        return "bullet"
    return "number" if c in "[(" or c.isdecimal() else ""


#: Pattern features (years, initials, pages, places, quotes, ...) are looked for in a line's first
#: this many characters. A line of a page is a few thousand characters at most (the longest line of the
#: training pages is under 8,000); one longer than a megabyte is a whole text without line breaks,
#: whose layout the patterns say nothing more about, and searching all of it took most of the time
#: of analysing it (every pattern it lacks is tried at every character).
PATTERN_WINDOW = longlines.PIECE

#: Languages whose function words count as stop words (stopwords-iso, the ``stopwordsiso`` package).
STOP_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Function words of several European languages, from the maintained stopwords-iso lists."""
    return frozenset(w.casefold() for w in stopwordsiso.stopwords(list(STOP_LANGUAGES)))


@lru_cache(maxsize=1)
def heading_words() -> frozenset[str]:
    """Headings that open a bibliography, in several languages (see ``corpus/lines/data/bibliography_headings.txt``)."""
    text = resources.files("corpus.lines").joinpath("data", "bibliography_headings.txt").read_text(encoding="utf-8")
    return frozenset(_fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _fold(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


@lru_cache(maxsize=1)
def _longest_heading() -> int:
    return max(map(len, heading_words()), default=0)


def folds_to_heading(text: str) -> bool:
    """Whether ``text``, case-folded with punctuation and spacing ignored, is a bibliography heading.

    A long line is folded a piece at a time (case folding maps each character on its own, and no
    cut falls inside a word), and given up on once it is longer than the longest heading.

    >>> folds_to_heading("FURTHER  Reading:"), folds_to_heading("Further reading on the war")
    (True, False)
    """
    if len(text) <= _SHORT_LINE:
        return _short_folds_to_heading(text)
    if len(text) <= longlines.PIECE:
        return _fold(text) in heading_words()
    limit = _longest_heading()
    parts: list[str] = []
    length = -1
    for a, b in longlines.pieces(text):
        part = _fold(text[a:b])
        if part:
            parts.append(part)
            length += len(part) + 1
            if length > limit:
                return False
    return " ".join(parts) in heading_words()


# Lines up to this long are asked about twice, for their shape and again by corpus.structure: the
# answer is remembered for as many lines as a long document has.
_SHORT_LINE = 200


@lru_cache(maxsize=1 << 14)
def _short_folds_to_heading(text: str) -> bool:
    return _fold(text) in heading_words()


class _WordCounts(NamedTuple):
    """What the shape of a line needs from its words, counted without holding them all."""

    n: int
    stops: int
    lower: int
    caps: int
    digits: int
    first: str
    last: str
    terms: list[str]  # the first :data:`TERMS` words that are no function words, case-folded


#: A line's terms (``t:`` features) are taken from its first this many words: chrome is said in a
#: few words ("Sign up for our newsletter"), and a long paragraph's later words say nothing more.
TERMS = 12


def _word_counts(text: str) -> _WordCounts:
    n = stops = lower = caps = digits = 0
    first = last = ""
    terms: list[str] = []
    stop = stop_words()
    # No cut falls inside a word, and the pattern looks neither behind nor ahead of a word.
    cuts = longlines.pieces(text) if len(text) > longlines.PIECE else ((0, len(text)),)
    for a, b in cuts:
        words = _WORD.findall(text, a, b)
        if not words:
            continue
        if not n:
            first = words[0]
        last = words[-1]
        n += len(words)
        heads = [w[0] for w in words]  # no word is empty
        lower += sum(map(str.islower, heads))
        caps += sum(map(str.isupper, heads))
        digits += sum(map(str.isdigit, heads))
        # Case folding maps each character on its own and never to a space, and no word holds one:
        # folding the words joined by spaces folds each word, in one call instead of one per word.
        folded = " ".join(words).casefold().split(" ")
        stops += sum(map(stop.__contains__, folded))
        if n - len(words) < TERMS:
            terms += [w for w in folded[: TERMS - (n - len(words))] if w not in stop and not w[0].isdigit()]
    return _WordCounts(n, stops, lower, caps, digits, first, last, terms)


def _shape(line: str) -> Features:
    """Features of one non-blank line on its own."""
    text = line.strip()
    indent = len(line) - len(line.lstrip())
    counts = _word_counts(text)
    n = counts.n
    f: Features = {"bias": 1.0, "len": math.log1p(len(text)) / 5, "words": math.log1p(n) / 4}
    if indent:
        f["indented"] = 1.0
        f["indent"] = min(indent, 12) / 12
        if indent >= 24:
            f["indent>=24"] = 1.0  # centred or right-aligned: page furniture of a paginated text
    if len(text) > 400:
        f["len>400"] = 1.0
        if len(text) > 1000:
            f["len>1000"] = 1.0
    if n <= 3:
        f["words<=3"] = 1.0
    elif n <= 8:
        f["words<=8"] = 1.0
    elif n >= 25:
        f["words>=25"] = 1.0
    if len(text) <= 7 and _BARE_NUMBER.fullmatch(text):
        f["bare-number"] = 1.0
    first = text[0]
    if first.isupper():
        f["first:upper"] = 1.0
    elif first.islower():
        f["first:lower"] = 1.0
    elif first.isdigit():
        f["first:digit"] = 1.0
    else:
        f["first:other"] = 1.0
    last = text[-1]
    f["last:" + (last if last in '.,;:!?)]-"”' else "w" if last.isalnum() else "o")] = 1.0
    if n:
        stops = stop_words()
        f["stop"] = counts.stops / n
        f["lower"] = counts.lower / n
        f["caps"] = counts.caps / n
        f["digits"] = counts.digits / n
        # The first and last words, unless they are function words (their share is ``stop``): words
        # like "share", "posted", "tags" mark chrome in any site; which language a page is in does not.
        w0, wl = counts.first.casefold().rstrip("."), counts.last.casefold().rstrip(".")
        if w0 not in stops:
            f["w0:" + w0] = 1.0
        if wl not in stops:
            f["wl:" + wl] = 1.0
        # Every term too (only the chrome model weighs them): "newsletter", "cookies", "kommentar"
        # mark chrome wherever they stand in the line.
        for term in counts.terms:
            f["t:" + term.rstrip(".")] = 1.0
    # Patterns are looked for in the line's first :data:`PATTERN_WINDOW` characters.
    w = min(len(text), PATTERN_WINDOW)
    digits = _DIGIT.search(text, 0, w) is not None
    year = _YEAR.search(text, 0, w) if digits else None
    if year:
        f["year"] = 1.0
        if _YEAR.search(text, year.end(), w):
            f["years>1"] = 1.0
        if _YEAR.search(text[-12:]):
            f["year:end"] = 1.0
    if year and _YEAR_PAREN.search(text, 0, w):  # every parenthesised year is a year
        f["year:paren"] = 1.0
    if text.find(".", 0, w) >= 0:  # an initial ends with a full stop
        initials = sum(1 for _ in islice(_INITIAL.finditer(text, 0, w), 6))
        if initials:
            f["initials"] = min(initials, 6) / 6
    _add_patterns(text, w, digits, year is not None, f)
    f["commas"] = min(text.count(","), 8) / 8
    _chrome_shapes(text, w, f)
    f["periods"] = min(text.count("."), 10) / 10
    if folds_to_heading(text):
        f["bib-heading"] = 1.0
    return f


def _add_patterns(text: str, w: int, digits: bool, year: bool, f: Features) -> None:
    """Add the features of the shape patterns found in ``text[:w]`` (``digits``, ``year``: whether
    the window holds a digit, a year)."""
    window = text if w == len(text) else text[:w]
    lowered: str | None = ""  # the lower-cased window once needed; None when it holds a _FOLD_ODD character
    for name, find, hint, folded in _PATTERNS_FOR[digits, year, _opening(text)]:
        if folded is not None:
            if lowered == "":
                odd = not window.isascii() and any(map(window.__contains__, _FOLD_ODD))
                lowered = None if odd else window.lower()
            if lowered is not None:
                if (hint is None or hint(lowered) is not None) and folded.search(lowered):
                    f[name] = 1.0
                continue
        elif hint is not None and hint(window) is None:
            continue
        if find(text, 0, w):
            f[name] = 1.0


_Hint = Callable[[str], re.Match[str] | None]


def _hint(hints: tuple[str, ...]) -> _Hint | None:
    """A search for any of ``hints`` (None when there are none): one pass instead of one per hint."""
    return re.compile("|".join(map(re.escape, hints))).search if hints else None


def _patterns_for(
    digits: bool, year: bool, opening: str
) -> tuple[tuple[str, _Finder, _Hint | None, re.Pattern[str] | None], ...]:
    held = {"": True, "digit": digits, "year": year}
    opens = _OPENINGS[opening]
    return tuple(
        (p.name, p.fast or p.find, _hint(p.hints), p.folded) for p in _PATTERNS if held[p.needs] and p.opens in opens
    )


# The patterns a window is searched for, in their order, by whether it holds a digit and a year and
# by how the line opens.
_PATTERNS_FOR = {(d, y, o): _patterns_for(d, y, o) for d in (False, True) for y in (False, True) for o in _OPENINGS}


#: Shape features only the chrome model reads (:func:`_chrome_shapes`); the reference models are
#: trained without them, so the references a text gives are the same with them as without.
CHROME_ONLY = ("label:", "credit:slash", "credit:copyright", "tail:paren", "tail:name")


def _chrome_shapes(text: str, window: int, f: Features) -> None:
    """Add the shapes of chrome that sits inside an article's text: link labels and photo credits."""
    # The colon and the slash are looked for first: trying the patterns at every letter costs more.
    head = min(window, 60)
    if text.find(": ", 0, head) >= 0 and _LEAD_LABEL.match(text, 0, head) and text[-1] != ":":
        f["label:"] = 1.0
    if text.find("/", 0, window) >= 0 and _SLASH_NAMES.search(text, 0, window):
        f["credit:slash"] = 1.0
    if "©" in text:
        f["credit:copyright"] = 1.0
    tail = text[-64:]
    if tail[-1] in ").:" and _PAREN_TAIL.search(tail):
        f["tail:paren"] = 1.0
    if _NAME_TAIL.search(tail):
        f["tail:name"] = 1.0


#: Shape features copied from neighbours, with a prefix naming the neighbour.
CONTEXT = (
    "len", "words", "year", "year:end", "year:paren", "initials", "inverted", "place:pub", "pages", "volume",
    "role", "quoted", "numbered", "bullet", "stop", "caps", "indented", "first:upper", "first:lower", "last:.",
    "words<=3", "words>=25", "bib-heading", "bare-number", "intext", "leader", "last:,", "last:w",
    "lead:initials", "lead:vancouver",
)  # fmt: skip

#: Features that say where one bibliographic entry ends and the next begins (a line cut after a comma,
#: an author's initials first): read by the reference and entry-start models, not by the chrome model,
#: which they do not concern (on the train pages they only fitted noise: dev page checks 1100 -> 1096).
ENTRY_BOUNDARY = ("last:,", "last:w", "lead:initials", "lead:vancouver")


_PROSE_WORDS = math.log1p(12) / 4


_LEADING_MARK = re.compile(r"^\W{0,5}")
_CUE_SEARCH = (_YEAR, _PAGES, _VOLUME, _QUOTED, _URLISH, _ET_AL)
_CUE_LEAD = (_INVERTED, _LEAD_INITIALS, _LEAD_VANCOUVER)


def reference_cue(text: str) -> bool:
    """Whether ``text`` shows a bibliographic entry's shape at least once, by the patterns the line
    features read: a year, pages, a volume, a quoted title, a link or DOI, "et al.", or a leading name
    (after a bullet or a number's punctuation).

    >>> reference_cue("Hale, J. Birds of the coast. Tyne Press, 1998."), reference_cue("Our main contributions are")
    (True, False)
    """
    return any(p.search(text) for p in _CUE_SEARCH) or leading_name(text)


def leading_name(text: str) -> bool:
    """Whether ``text`` opens (after a bullet or a number's punctuation) with a name as entries do:
    "Surname, I.", "Surname, Forename", "I. J. Surname," or Vancouver's "Surname IJ,".

    >>> leading_name("Egger R, Narayanan RT. 2014."), leading_name("Rev. Neurosci. 13:51-62")
    (True, False)
    """
    lead = _LEADING_MARK.sub("", text, count=1)
    return any(p.match(lead) for p in _CUE_LEAD)


# A surname and its initials, each with its full stop, as astronomy's styles set them ("Clark P. C., 2011").
# Not among the line model's patterns (its weights were learned without it).
_LEAD_DOTTED = re.compile(r"[A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)? (?:[A-Z]\.\s?)+,")


# A name with its initials and an affiliation mark after it, before the comma to the next name ("K. Orr 17 ,",
# "P.J. Lamb c ,", "T. Veld 41a,41b,d ,"): how a collaboration's author list reads out of a PDF, the marks
# superscripts set on the line.
_MARKED_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z]?\.[\s-]?){1,3}\s?[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+)?"
    r" (?:\d{1,3}[a-z]?|[a-z]{1,2})(?:,(?:\d{1,3}[a-z]?|[a-z]{1,2}))* ?,"
)
#: A line holding at least this many marked names is an author list.
ROSTER_NAMES = 3


def author_roster(text: str) -> bool:
    """Whether ``text`` lists authors each with an affiliation mark (a collaboration's author list, or a
    paper's authors over its affiliations): names, no work. An entry's authors carry no such marks.

    >>> author_roster("A. Berg 12 , C. D. Lund 3 , E. Moss 4a,4b , F. Rye 7"), author_roster("Berg, A., Lund, C.")
    (True, False)
    """
    return sum(1 for _ in islice(_MARKED_NAME.finditer(text), ROSTER_NAMES)) >= ROSTER_NAMES


def names_open(text: str) -> bool:
    """Whether ``text`` opens with a name as entries do, more widely than :func:`leading_name` (which the line
    model reads): also past a surname's lower-case particles ("van Es D, ...") and as a surname with dotted
    initials ("Clark P. C., ...").

    >>> names_open("van Es D, Knapen T. 2018."), names_open("Clark P. C., Smith R. J., 2011"), names_open("In 2011")
    (True, True, False)
    """
    words = text.split(" ", 3)
    k = 0
    while k < len(words) - 1 and words[k][:1].islower() and is_particle(words[k]):
        k += 1
    rest = " ".join(words[k:]) if k else text
    return leading_name(rest) or _LEAD_DOTTED.match(rest) is not None


def cites_in_text(text: str, limit: int = 2000) -> bool:
    """Whether ``text`` cites two works the way body text does ("(Hale & Ross, 1998;", "Lind et al., 2004)"),
    in its first ``limit`` characters.

    >>> cites_in_text("As shown (Hale, 1998; Lind et al., 2004), birds nest."), cites_in_text("Hale, J. 1998. Birds.")
    (True, False)
    """
    return len(_INTEXT.findall(text, 0, limit)) >= 2


def is_prose(shape: Features) -> bool:
    """Whether a line's shape is running text: many words, or a dozen with many function words.

    >>> is_prose(document_features(["The pier was rebuilt in stone after the storm of the year before."])[0])
    True
    >>> is_prose(document_features(["Share this article on Facebook"])[0])
    False
    """
    return bool(shape.get("words>=25")) or (shape["words"] >= _PROSE_WORDS and shape.get("stop", 0.0) >= 0.25)


def _main_run(shapes: Sequence[Features | None]) -> tuple[int, int]:
    """The densest run of prose lines: the maximum-sum stretch of per-line prose scores."""
    best, best_span = 0.0, (0, -1)
    run, start = 0.0, 0
    for i, f in enumerate(shapes):
        if f is None:
            score = 0.0
        elif is_prose(f):
            score = f["words"] * 4
        else:
            score = -0.5
        run += score
        if run <= 0:
            run, start = 0.0, i + 1
        elif run > best:
            best, best_span = run, (start, i)
    return best_span


class Layout(NamedTuple):
    """Each line's own shape, its place in the document, and its nearest non-blank neighbours."""

    shapes: list[Features | None]
    places: list[Features | None]
    neighbours: list[tuple[tuple[str, int | None, bool], ...]]  # (prefix, line index, across a gap)


#: The neighbours a line's context reads, by offset among non-blank lines, with their prefixes.
NEIGHBOURS = ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2"))


def layout(lines: Sequence[str], skip: AbstractSet[int] = frozenset()) -> Layout:
    """Shapes, places and neighbours of every line (None for blank lines).

    The lines in ``skip`` (a paginated text's page numbers and running heads, see
    :mod:`corpus.lines.furniture`) are no other line's neighbour: an entry or a sentence broken by a
    page break reads on into the next page. They keep their own neighbours.
    """
    shapes = _shapes(lines)
    counts = Counter(line.strip() for line in lines if line.strip())
    lo, hi = _main_run(shapes)
    nonblank = [i for i, f in enumerate(shapes) if f is not None]
    linked = [i for i in nonblank if i not in skip] if skip else nonblank
    rank = {i: k for k, i in enumerate(linked)}
    padded_all = [None, None, *nonblank, None, None]
    padded = padded_all if linked is nonblank else [None, None, *linked, None, None]
    total = max(1, len(nonblank))
    # Blank lines between neighbours, and how many a document usually leaves (double-spaced texts
    # leave one everywhere): a wider gap than usual sets page furniture and sections apart.
    gaps = [b - a - 1 for a, b in pairwise(nonblank)]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0
    heading_seen = -1
    places: list[Features | None] = [None] * len(lines)
    neighbours: list[tuple[tuple[str, int | None, bool], ...]] = [()] * len(lines)
    for k, i in enumerate(nonblank):
        f = shapes[i]
        assert f is not None
        pos = k / total
        g: Features = {"pos": pos}
        if pos < 0.1:
            g["pos<0.1"] = 1.0
        elif pos > 0.9:
            g["pos>0.9"] = 1.0
        if lo <= i <= hi:
            g["main:in"] = 1.0
        elif i < lo:
            g["main:before"] = 1.0
            g["main:dist"] = math.log1p(lo - i) / 5
        else:
            g["main:after"] = 1.0
            g["main:dist"] = math.log1p(i - hi) / 5
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        if before is not None and before > usual:
            g["gap-before:wide"] = 1.0
        if after is not None and after > usual:
            g["gap-after:wide"] = 1.0
        repeats = counts[lines[i].strip()]
        if repeats > 1:
            g["repeated"] = math.log(repeats)
        if heading_seen >= 0:
            g["after-bib-heading"] = 1.0
            g["bib-heading:dist"] = math.log1p(i - heading_seen) / 5
        if "bib-heading" in f:
            heading_seen = i
        places[i] = g
        neighbours[i] = _around(i, *((padded_all, k) if i not in rank else (padded, rank[i])))
    return Layout(shapes, places, neighbours)


def _around(i: int, row: Sequence[int | None], at: int) -> tuple[tuple[str, int | None, bool], ...]:
    """The neighbours of line ``i``, the ``at``-th line of ``row`` (line indices with two Nones on
    either side), by :data:`NEIGHBOURS`: (prefix, line index, across a gap)."""
    p2, p1, n1, n2 = row[at], row[at + 1], row[at + 3], row[at + 4]
    return (
        ("p2", p2, p2 is not None and i - p2 > 2),
        ("p1", p1, p1 is not None and i - p1 > 1),
        ("n1", n1, n1 is not None and n1 - i > 1),
        ("n2", n2, n2 is not None and n2 - i > 2),
    )


# _around reads these four neighbours, in this order.
assert NEIGHBOURS == ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2"))


def _shapes(lines: Sequence[str]) -> list[Features | None]:
    """Each line's own shape (None for blank lines); a line that recurs (a menu entry, a running
    head, a separator) is shaped once and its copies share that one dict, which no reader changes."""
    seen: dict[str, Features] = {}
    shapes: list[Features | None] = []
    for line in lines:
        f = seen.get(line)
        if f is None:
            if not line.strip():
                shapes.append(None)
                continue
            f = seen[line] = _shape(line)
        shapes.append(f)
    return shapes


def document_features(lines: Sequence[str], skip: AbstractSet[int] = frozenset()) -> list[Features | None]:
    """Features of every line of a document (None for blank lines), context included (``skip``: as
    :func:`layout`)."""
    lay = layout(lines, skip)
    out: list[Features | None] = []
    for i, f in enumerate(lay.shapes):
        if f is None:
            out.append(None)
            continue
        g = dict(f)
        place = lay.places[i]
        assert place is not None
        g.update(place)
        for name, j, gap in lay.neighbours[i]:
            if j is None:
                g[name + ":none"] = 1.0
                continue
            nf = lay.shapes[j]
            assert nf is not None
            for key in CONTEXT:
                v = nf.get(key)
                if v:
                    g[f"{name}:{key}"] = v
            if gap:
                g[name + ":gap"] = 1.0
        out.append(g)
    return out
