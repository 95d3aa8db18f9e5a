"""Reference strings (Chicago, MLA, APA, Harvard, Vancouver, Wikipedia "Further reading") to :class:`Reference`.

The parser is rule based and style agnostic. It works in four steps:

1. normalise whitespace and lift out identifiers wherever they stand (DOI, URL, ISBN, "Accessed ..."
   dates, leftover markup attributes, list labels);
2. find the author block at the start: APA/Harvard/Wikipedia ``Names (Year)``, Chicago/MLA inverted
   lists (``Last, First M., and First Last.``), organisations, reading-order names, Chicago notes;
3. cut the rest into segments at sentence boundaries that are not initials or abbreviations, and
   at closing quotes; the first segment is the title;
4. classify every other segment (publication block ``Place: Publisher, Year``, journal block
   ``Journal 12, no. 3 (2001): 45-67`` / ``Journal, 12(3), 45-67``, MLA comma lists, ``In ...`` containers,
   editors and translators, editions, volumes, reprints, theses, reports, dates, pages); what is left
   becomes a container title, a publisher, the ``annotation`` (descriptive prose after a complete
   citation) or ``unparsed``. Nothing is dropped: words a rule consumes are structural markers listed in
   :data:`MARKER_WORDS` (or month names turned into ISO dates).

Descriptive prose after a complete citation is the ``annotation``; a physical description or price
("xii + 345 pp.", "$35.00"), a medium ("Print."), "et al." and other remarks go to ``note``; a leading
3-em dash ("———. Title ...") is noted and :func:`parse_references` fills in the previous entry's people.

Decisions: a reprint ("1948. Reprint, New York: Norton, 1990.") gets ``year`` = the reprint's year (the
edition cited), ``original_year`` = the first year, and the first place/publisher go to ``note``;
``edition`` keeps the ordinal as printed without "ed." ("2d", "3rd", "Rev."); ``pages`` and titles are
kept as printed; a DOI is stored without its resolver prefix; "et al." becomes ``note`` "authors: et al."
(never a Person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date as _date
from typing import Any

import attrs

from bibliography.errors import ReferenceParseError
from bibliography.keys import assign_keys
from bibliography.model import Person, Provenance, Reference
from bibliography.names import (
    _SPLIT_AND_RE,
    _is_name_token,
    _is_particle,
    has_et_al,
    is_initials,
    looks_like_name_list,
    looks_like_organisation,
    parse_names,
)

__all__ = ["MARKER_WORDS", "parse_date", "parse_reference", "parse_references"]

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

#: Structural words a rule may consume without copying them into a field ("edited by", "pp.",
#: "Accessed", "ISBN", month names of dates turned into ISO form, ...), compared case-insensitively.
MARKER_WORDS: frozenset[str] = frozenset(
    {
        "ed", "eds", "edn", "edition", "editor", "editors", "edited", "by", "and", "trans", "tr",
        "translated", "translator", "translators", "comp", "comps", "compiled", "in", "pp", "p", "vol",
        "vols", "volume", "volumes", "no", "nos", "issue", "reprint", "repr", "reprinted", "et", "al",
        "retrieved", "from", "accessed", "available", "at", "on", "online", "doi", "isbn", "https", "http",
        "org", "dx", "n", "d", "c", "ca", "circa", "url", "hrsg", "éd", "éds", "dir", "last", "viewed",
        "consulted", "s", "st", "nd", "rd", "th", "of", "pages", "page", "issues", "number",
    }
    | set(_MONTHS)
)  # fmt: skip

# ---------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------

_MONTH_PAT = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_SEASON_PAT = r"(?P<season>spring|summer|fall|autumn|winter)"
_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})(?P<l>[a-z])?", re.I),
    re.compile(r"(?P<range>\d{4}[a-z]?\s*[-–/]\s*\d{2,4}[a-z]?)"),
    re.compile(r"(?P<nd>n\.\s?d\.?|nd|s\.\s?d\.)", re.I),
    re.compile(r"(?P<word>forthcoming|in press)", re.I),
    re.compile(_MONTH_PAT + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH_PAT + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4}),?\s+" + _MONTH_PAT + r"(?:\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?)?", re.I),
    re.compile(_MONTH_PAT + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?"),
    re.compile(_SEASON_PAT + r",?\s+(?P<y>\d{4})", re.I),
    re.compile(r"(?P<y>\d{4}),?\s+" + _SEASON_PAT, re.I),
]
# A date inside a longer text (for "Accessed ..." phrases and MLA elements).
_DATE_IN_TEXT = (
    r"(?<!\w)(?:" + _MONTH_PAT.replace("?P<mon>", "?:") + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+" + _MONTH_PAT.replace("?P<mon>", "?:") + r",?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|" + _MONTH_PAT.replace("?P<mon>", "?:") + r",?\s+\d{4})(?!\w)"
)


def parse_date(text: str) -> tuple[str, str | None] | None:
    """Read a whole date expression: ``(year, iso_date_or_None)``, or None when it is not a date.

    >>> parse_date("November 18, 1933")
    ('1933', '1933-11-18')
    >>> parse_date("(2023, March 15)")
    ('2023', '2023-03-15')
    >>> parse_date("n.d.")
    ('n.d.', None)
    >>> parse_date("Fall, 2001")
    ('2001', None)
    >>> parse_date("Recognition") is None
    True
    """
    t = text.strip().strip("()[].,;: ").strip()
    t = re.sub(r"^(?:c\.|ca\.|circa)\s*", "", t, flags=re.I)
    if not t:
        return None
    if re.fullmatch(r"n\.\s?d", t, re.I):
        t = "n.d."
    for form in _DATE_FORMS:
        m = form.fullmatch(t)
        if not m:
            continue
        g = m.groupdict()
        if g.get("nd"):
            return ("n.d.", None)
        if g.get("word"):
            return (g["word"].lower(), None)
        if g.get("range"):
            rng = re.sub(r"\s+", "", g["range"])
            return (rng, None) if _plausible_year(rng[:4]) else None
        year = g["y"]
        if not _plausible_year(year):
            return None
        if g.get("l"):
            return (year + g["l"].lower(), None)
        month: int | None = None
        if g.get("mon"):
            month = _MONTHS[g["mon"].lower()]
        elif g.get("m"):
            month = int(g["m"])
        if month is None:
            return (year, None)
        day = int(g["d"]) if g.get("d") else None
        try:
            _date(int(year), month, day or 1)
        except ValueError:
            return None
        iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        return (year, iso)
    return None


def _plausible_year(year: str) -> bool:
    return year.isdigit() and 1000 <= int(year) <= 2199


# ---------------------------------------------------------------------------------------------------
# The draft a parse fills in
# ---------------------------------------------------------------------------------------------------


class _Draft:
    """Mutable accumulator for one parse (private; the result is a frozen :class:`Reference`)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.conf: dict[str, float] = {}
        self.notes: list[str] = []
        self.annotation: list[str] = []
        self.unparsed: list[str] = []
        self.type: str | None = None
        self.type_conf = 0.0
        self.title_quoted = False
        self.apa = False
        self.container_pending = False
        self.bare_publisher = False

    def has(self, field: str) -> bool:
        return bool(self.values.get(field))

    def put(self, field: str, value: object, conf: float) -> bool:
        """Set a field once; a second, different value is refused (the caller keeps the text)."""
        if isinstance(value, str):
            value = value.strip()
        if not value:
            return True
        old = self.values.get(field)
        if old:
            return bool(old == value)
        self.values[field] = value
        self.conf[field] = conf
        return True

    def put_or_keep(self, field: str, value: object, conf: float, text: str) -> None:
        if not self.put(field, value, conf):
            self.unparsed.append(text)

    def put_year(self, text: str, conf: float, raw: str | None = None) -> bool:
        """Set year (and date) from a date expression; False when ``text`` is not a date."""
        parsed = parse_date(text)
        if parsed is None:
            return False
        year, iso = parsed
        ok = self.put("year", year, conf)
        if iso and ok:
            ok = self.put("date", iso, conf)
        if not ok:
            self.unparsed.append(raw or text)
        season = re.search(_SEASON_PAT, text, re.I)
        if season:
            self.notes.append(f"issued: {text.strip().strip('()')}")
        return True

    def set_type(self, kind: str, conf: float) -> None:
        if conf > self.type_conf:
            self.type, self.type_conf = kind, conf

    def people(self, field: str, people: Iterable[Person], conf: float) -> None:
        group = tuple(people)
        if not group:
            return
        if not self.values.get(field):
            self.put(field, group, conf)
            return
        existing = tuple(self.values[field])
        keys = {(p.family, p.given, p.literal) for p in existing}
        extra = tuple(p for p in group if (p.family, p.given, p.literal) not in keys)
        self.values[field] = existing + extra


# ---------------------------------------------------------------------------------------------------
# Step 1: normalisation and identifiers
# ---------------------------------------------------------------------------------------------------

_SENTINEL = "\x00"
_MARKUP_RE = re.compile(r"^(?:\s*[\w:.-]+=\"[^\"]*\"\s*)+>?\s*|^\s*>\s*")
_LABEL_RE = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}\.(?=\s+[^\d\s])|[•·▪◦*–-](?=\s))\s*")
_DOI_RE = re.compile(r"<?(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:\s*|\bDOI\s+)(?P<doi>10\.\d{4,9}/[^\s\"<>]+)>?", re.I)
_URL_RE = re.compile(r"<?\b(?:(?:https?|ftp)://|www\.)[^\s<>\"]+>?", re.I)
_BARE_URL_RE = re.compile(
    r"(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|int|mil|info|io|uk|de|fr|ru|eu|ca|au|it|es|nl|"
    r"ch|se|no|dk|fi|pl|cz|jp|cn|in|us|at|be)/[^\s<>\"]*",
    re.I,
)
_ISBN_RE = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*(?P<isbn>(?:97[89][\s‐-]?)?(?:\d[\s‐-]?){8,9}[\dXx])\b", re.I)
_OTHER_ID_RE = re.compile(
    r"\b(?:ISSN|OCLC|LCCN|JSTOR|PMID|PMCID|arXiv|Bibcode|S2CID|hdl|ASIN)\s*:?\s*[\w./:-]*\d(?:[\w/-]|\.(?=\w))*",
)
_ACCESSED_RE = re.compile(
    r"[\(\[]?\s*\b(?:last\s+)?(?:accessed|retrieved|viewed|consulted|abgerufen\s+am)(?:\s+on)?\s*:?\s*"
    r"(?P<date>" + _DATE_IN_TEXT + r")\s*[\)\]]?(?:,?\s*from\b)?",
    re.I,
)
_AVAILABLE_RE = re.compile(
    r"\b(?:Available\s+(?:at|from|online)|Retrieved\s+from|Accessed\s+(?:at|via)|Online)\s*:?\s*(?="
    + _SENTINEL
    + r"|$)",
    re.I,
)
_TRAILING_PUNCT = ".,;:)]}>'\"”’"


def _trim_url(url: str) -> str:
    url = url.strip("<>")
    while url and url[-1] in _TRAILING_PUNCT:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _extract_identifiers(text: str, d: _Draft) -> str:
    def doi(m: re.Match[str]) -> str:
        value = _trim_url(m.group("doi"))
        if not d.put("doi", value, 0.95):
            d.notes.append(f"doi:{value}")
        whole = m.group(0)
        return _SENTINEL + whole[whole.find(value) + len(value) :].lstrip(">")

    text = _DOI_RE.sub(doi, text)

    def url(m: re.Match[str]) -> str:
        whole = m.group(0)
        value = _trim_url(whole)
        if not value or "." not in value:
            return whole
        if not d.put("url", value, 0.9):
            d.notes.append(value)
        tail = whole[whole.find(value) + len(value) :].lstrip(">")
        return _SENTINEL + tail

    text = _URL_RE.sub(url, text)
    text = _BARE_URL_RE.sub(url, text)

    def isbn(m: re.Match[str]) -> str:
        value = m.group("isbn").strip()
        if not d.put("isbn", value, 0.95):
            d.notes.append(f"ISBN {value}")
        return _SENTINEL

    text = _ISBN_RE.sub(isbn, text)

    def other(m: re.Match[str]) -> str:
        d.notes.append(m.group(0).strip())
        return _SENTINEL

    text = _OTHER_ID_RE.sub(other, text)

    def accessed(m: re.Match[str]) -> str:
        parsed = parse_date(m.group("date"))
        if parsed is None or parsed[1] is None:
            return m.group(0)
        if not d.put("accessed", parsed[1], 0.9):
            d.notes.append(m.group(0).strip())
        return _SENTINEL

    text = _ACCESSED_RE.sub(accessed, text)
    text = _AVAILABLE_RE.sub(_SENTINEL, text)
    return _drop_sentinels(text)


def _drop_sentinels(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        before = m.string[: m.start()].rstrip()
        prev = before[-1:] if before else ""
        if not prev or prev in ".?!,;:([":
            return " "
        if "." in s:
            return ". "
        if "," in s:
            return ", "
        return " "

    text = re.sub(r"[\s,;:]*" + _SENTINEL + r"[\s,;:.\x00]*", repl, text)
    # Empty brackets left where "(Accessed: ...)" or "<URL>" stood.
    text = re.sub(r"[\(\[]\s*[\)\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------------
# Step 2: the author block
# ---------------------------------------------------------------------------------------------------

_ROLE_WORDS = {
    "ed": "editors", "eds": "editors", "editor": "editors", "editors": "editors", "comp": "editors",
    "comps": "editors", "compiler": "editors", "compilers": "editors", "hrsg": "editors", "éd": "editors",
    "éds": "editors", "dir": "editors", "coord": "editors", "trans": "translators", "tr": "translators",
    "transl": "translators", "translator": "translators", "translators": "translators",
}  # fmt: skip
_ROLE_TAIL_RE = re.compile(
    r"(?:,\s*|\s+)\(?(?P<role>" + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True)) + r")\.?\)?\.?$",
    re.I,
)
_PAREN_RE = re.compile(r"[\(\[]([^()\[\]]{1,60})[\)\]]")


def _role_of(word: str) -> str | None:
    return _ROLE_WORDS.get(word.strip("().,;").lower())


def _split_role(block: str) -> tuple[str, str]:
    """``"Smith, John, and Jane Doe, eds."`` -> ``("Smith, John, and Jane Doe", "editors")``."""
    m = _ROLE_TAIL_RE.search(block)
    if m and m.start() > 0:
        return block[: m.start()].strip(), _ROLE_WORDS[m.group("role").lower()]
    return block.strip(), "authors"


def _has_sentence_break(text: str) -> bool:
    """True when a would-be name block contains ``word. Word`` (a full stop after a full word)."""
    for m in re.finditer(r"(\S+)\.\s+\S", text):
        word = m.group(1).strip("(\"'“‘")
        if is_initials(word + ".") or word.lower().rstrip(".") in _SUFFIX_WORDS or _role_of(word):
            continue
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):
            continue
        return True
    return False


_SUFFIX_WORDS = {"jr", "sr", "ii", "iii", "iv"}


def _take_apa_authors(text: str, d: _Draft) -> str | None:
    """``Names (Year). Rest`` (APA, Harvard, Wikipedia): set authors and year, return the rest."""
    for m in _PAREN_RE.finditer(text):
        if m.start() > 400:
            return None
        inner = m.group(1).strip()
        if _role_of(inner):
            continue
        if parse_date(inner) is None:
            return None
        prefix = text[: m.start()].strip()
        # A role before the date: "Kimball, W. F. (Ed.). (1984)", "Rosenberg, Jonathan, eds. (1999)".
        names, role = _split_role(prefix)
        names = names.strip().rstrip(",").strip()
        if names and (not looks_like_name_list(names) or _has_sentence_break(names)):
            return None
        if names:
            _set_people(d, role, names, 0.9)
        d.put_year(inner, 0.95)
        d.apa = True
        return text[m.end() :].lstrip(" .,:;")
    return None


def _set_people(d: _Draft, role: str, names: str, conf: float) -> None:
    people = parse_names(names)
    d.people(role, people, conf)
    if has_et_al(names):
        d.notes.append(f"{role}: et al.")


_TOKEN_RE = re.compile(r"\S+")


def _family_token(token: str) -> bool:
    core = token.rstrip(",")
    if not core or is_initials(core):
        return False
    return _name_word(core)


def _name_word(token: str) -> bool:
    return _is_name_token(token) and not any(ch.isdigit() for ch in token)


def _initial_token(token: str) -> bool:
    core = token.rstrip(",;")
    return core.endswith(".") and is_initials(core) and core.rstrip(".").lower() not in _SUFFIX_WORDS


def _scan_inverted(text: str) -> int | None:
    """End offset of a leading Chicago/MLA name block (``Last, First M., and First Last.``), or None."""
    toks = [(m.group(), m.end()) for m in _TOKEN_RE.finditer(text[:500])]
    i = _after_inverted_family(toks)
    if i is None:
        return None
    scan = _GivenNames()
    prev = toks[i - 1][0]
    n = len(toks)
    while i < n:
        tok, end = toks[i]
        nxt = toks[i + 1][0] if i + 1 < n else None
        if tok.lower() == "et" and nxt is not None and nxt.lower().startswith("al"):
            i += 1
            tok, end = toks[i]
            if tok.endswith(".") and not (i + 1 < n and _role_of(toks[i + 1][0])):
                return end
        else:
            done, value = scan.step(tok, end, nxt, after_comma=prev.endswith(","))
            if done:
                return value
        prev = tok
        i += 1
    return toks[-1][1] if scan.words else scan.fallback


def _after_inverted_family(toks: list[tuple[str, int]]) -> int | None:
    """The token index after a leading family name that ends with a comma ("van der Berg,"), or None."""
    family: list[str] = []
    for i, (tok, _) in enumerate(toks):
        if not _family_token(tok):
            return None
        family.append(tok)
        if tok.endswith(","):
            if all(_is_particle(t.rstrip(",")) for t in family) or i + 1 >= len(toks):
                return None
            return i + 1
        if len(family) >= 4 or tok.endswith("."):
            return None
    return None


class _GivenNames:
    """Reading the given names after an inverted family name, and the reading-order names after it."""

    def __init__(self) -> None:
        self.natural = False  # False while reading the first person's given names, True for reading-order names
        self.words = 0
        # Where the block could have ended at an initial ("George F." before "Memoirs, 1925-1950."); used
        # when reading further names fails.
        self.fallback: int | None = None
        self.full_given = False  # a full (non-initial) given name has been read for the first person

    def step(self, tok: str, end: int, nxt: str | None, *, after_comma: bool) -> tuple[bool, int | None]:
        """``(True, offset)`` when the block ends (offset None: no block), ``(False, None)`` to read on."""
        low = tok.lower()
        if low in {"and", "&"}:
            self.natural, self.words = True, 0
            return False, None
        if after_comma and (_role_of(tok) is not None or tok.rstrip(".,").lower() in _SUFFIX_WORDS):
            # A role ("ed.") or suffix ("Jr.") ends the block unless a comma says more names follow.
            return (False, None) if tok.endswith(",") else (True, end)
        if tok.startswith("(") and _role_of(tok):
            return True, end
        if _initial_token(tok):
            return self._initial(tok, end, nxt)
        if _name_word(tok.rstrip(".,")):
            return self._name(tok, end)
        return True, self.fallback

    def _initial(self, tok: str, end: int, nxt: str | None) -> tuple[bool, int | None]:
        self.words += 1
        if tok.endswith(","):
            if not self.natural:
                self.fallback = end  # "Bennett, Edward M., Recognition of Russia (1970)"
            self.words = 0
            self.natural = True
            return False, None
        if self.natural:
            return False, None
        if nxt is None:
            return True, end
        nxt_core = nxt.rstrip(".,")
        # A full name after an initial ("Morris, M. Wayne.") only when no full given name came
        # before it: "Bennett, Edward M. Russia." ends at the initial.
        if not (
            _initial_token(nxt)
            or nxt.lower() in {"and", "&"}
            or (_name_word(nxt_core) and nxt[-1] in ".," and not nxt_core.isupper() and not self.full_given)
        ):
            return True, end
        if not _initial_token(nxt):
            self.fallback = end
        return False, None

    def _name(self, tok: str, end: int) -> tuple[bool, int | None]:
        self.words += 1
        self.full_given = self.full_given or not self.natural
        if self.words > 5:
            return True, self.fallback
        if tok.endswith("."):
            return True, end
        if tok.endswith(","):
            if not self.natural:
                self.fallback = end
            self.words = 0
            self.natural = True
        return False, None


def _take_inverted_authors(text: str, d: _Draft) -> str | None:
    end = _scan_inverted(text)
    if end is None:
        return None
    block = text[:end]
    names, role = _split_role(block)
    if not names:
        return None
    _set_people(d, role, names, 0.9)
    rest = text[end:].strip()
    # Chicago author-date: "Sibley, Katherine A. S. 1996. Loans and ..."
    m = re.match(r"^(\(?(?:\d{4}[a-z]?(?:[-–/]\d{2,4})?|n\.\s?d\.|forthcoming|in press)\)?)(?:\.\s+|\.?$)", rest)
    if m and parse_date(m.group(1)) is not None:
        d.put_year(m.group(1), 0.9)
        d.apa = True
        rest = rest[m.end() :]
    return rest


# ---------------------------------------------------------------------------------------------------
# Step 3: segments
# ---------------------------------------------------------------------------------------------------

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


def _find_close_quote(text: str, i: int) -> int | None:
    opener = text[i]
    closer = _QUOTES[opener]
    depth = 0
    j = i + 1
    while j < len(text):
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


# ---------------------------------------------------------------------------------------------------
# Step 4: classification of segments
# ---------------------------------------------------------------------------------------------------

_CITIES = frozenset(
    {
        "london", "new york", "paris", "berlin", "oxford", "cambridge", "boston", "chicago", "philadelphia",
        "washington", "princeton", "new haven", "baltimore", "edinburgh", "glasgow", "dublin", "toronto",
        "montreal", "sydney", "melbourne", "moscow", "leningrad", "st. petersburg", "petrograd", "leipzig",
        "munich", "münchen", "vienna", "wien", "rome", "roma", "milan", "milano", "madrid", "barcelona",
        "amsterdam", "leiden", "the hague", "brussels", "geneva", "zurich", "zürich", "stockholm", "oslo",
        "copenhagen", "helsinki", "warsaw", "prague", "praha", "budapest", "tokyo", "beijing", "delhi",
        "new delhi", "stuttgart", "frankfurt", "hamburg", "göttingen", "heidelberg", "tübingen", "lyon",
        "florence", "firenze", "turin", "torino", "bologna", "lisbon", "los angeles", "san francisco",
        "berkeley", "stanford", "ithaca", "ann arbor", "bloomington", "urbana", "madison", "minneapolis",
        "austin", "durham", "chapel hill", "nashville", "lexington", "lawrence", "columbia", "norman",
        "seattle", "cleveland", "detroit", "pittsburgh", "new brunswick", "westport", "lanham", "armonk",
        "hoboken", "malden", "abingdon", "basingstoke", "harmondsworth", "manchester", "birmingham",
        "bristol", "liverpool", "leeds", "cardiff", "belfast", "new orleans", "st. louis", "kent",
        "syracuse", "rochester", "albany", "athens", "jerusalem", "tel aviv", "cairo", "istanbul",
        "mexico", "buenos aires", "santiago", "lima", "bogotá", "rio de janeiro", "são paulo", "kiev",
        "kyiv", "minsk", "riga", "tallinn", "vilnius", "bern", "basel", "freiburg", "bonn", "cologne",
        "köln", "düsseldorf", "dresden", "cracow", "kraków", "bucharest", "sofia", "belgrade", "zagreb",
    }
)  # fmt: skip
_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Publications?|Books|Verlag|Éditions|Editions|Editorial|Editora|Editrice|"
    r"House|Sons|Co\.|Company|Inc\.?|Ltd\.?|Group|UP|Printing|Print|Bros\.?|Media|Library|Academic|"
    r"University|Universitetsforlaget|Routledge|Macmillan|Knopf|Norton|Penguin|Random|Wiley|Springer|"
    r"Elsevier|Brill|Harper|Doubleday|Scribner|Vintage|Basic)\b"
)
_NEWSPAPER_RE = re.compile(
    r"\b(?:Times|Post|Herald|Tribune|Gazette|Daily|News|Guardian|Telegraph|Chronicle|Observer|Independent|"
    r"Inquirer|Examiner|Globe|Star|Sun|Courier|Record|Register|Dispatch|Mirror|Express|Standard|Monitor|"
    r"Zeitung|Le Monde|Le Figaro|Pravda|Izvestia|Street Journal)\b"
)
_MAGAZINE_RE = re.compile(
    r"\b(?:Magazine|Time|Life|Newsweek|Atlantic|New Yorker|Harper['’]s|Nation|Economist|Fortune|Forbes|"
    r"Spectator|New Republic|National Review|Rolling Stone|Vanity Fair|Smithsonian|National Geographic|"
    r"Scientific American|Saturday Evening Post|Look|Collier['’]s|Weekly)\b"
)
_ENCYCLOPEDIA_RE = re.compile(
    r"(?:Encycloped|Encyclopaed|Encyclopæd|Enzyklopädie|Encyclopédie|Dictionary|Dictionnaire|Lexikon|"
    r"Lexicon|Wörterbuch|Britannica|Wikipedia|Gazetteer)",
    re.I,
)
_ROLE_SEG_RE = re.compile(
    r"^(?P<role>(?:edited|translated|compiled|selected|introduced|revised|annotated|abridged|"
    r"illustrated|adapted)(?:\s*,?\s*(?:and|&)?\s*(?:edited|translated|compiled|selected|introduced|"
    r"revised|annotated|abridged|illustrated|adapted|with\s+an?\s+\w+))*(?:\s+from\s+the\s+\w+)?"
    r"(?:\s+with\s+an?\s+(?:introduction|foreword|afterword|notes|preface)(?:\s+and\s+notes)?)?\s+by"
    r"|(?:ed\.|eds\.|trans\.|tr\.|transl\.|comp\.|hrsg\.|übers\.|éd\.|dir\.)"
    r"(?:\s+(?:and|&)\s+(?:ed\.|trans\.|transl\.))?(?:\s+from\s+the\s+\w+)?(?:\s+(?:by|v\.|von|par))?)"
    r"\s*(?P<names>.+)$",
    re.I,
)
_NOTE_ROLE_RE = re.compile(
    r"^(?:with\s+an?\s+)?(?:introduction|foreword|afterword|preface|notes|commentary|illustrations)"
    r"(?:\s+and\s+\w+)*\s+by\s+.+$",
    re.I,
)
_EDITION_RE = re.compile(
    r"^(?P<ed>[\w’'.\-]+(?:[\s-][\w’'.\-]+){0,3}?)\s+(?:ed\.?|edn\.?|edition|éd\.?|Aufl\.?|Auflage|izd\.?)$", re.I
)
_ORDINAL_RE = re.compile(
    r"(?:\d+(?:st|nd|rd|th|d|e|er|ème)?\.?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|rev\.?|revised|new|enl\.?|enlarged|expanded|updated|abridged|illustrated|paperback|"
    r"international|student|american|british|annotated|corrected|reprint|facsimile|special|definitive|"
    r"critical|anniversary|augmented|[\w-]*anniversary|centennial)",
    re.I,
)
_VOLUMES_RE = re.compile(r"^(?P<n>\d+|[A-Za-z]+)\s+(?:vols?\.?|volumes|Bde\.|tomes|v\.)$", re.I)
_VOLUME_RE = re.compile(
    r"^(?:vols?\.|volumes?|bd\.|tome|t\.)\s*(?P<v>[\dIVXLC]+(?:\s*[–-]\s*[\dIVXLC]+)?)"
    r"(?:\s+(?:of|in)\s+(?P<of>.+)|\s*[,:]\s*(?P<vt>.+))?$",
    re.I,
)
_REPRINT_RE = re.compile(
    r"^(?:reprint(?:ed)?|repr\.|reissued?|facsimile\s+reprint)(?:\s+(?:ed\.|edition))?(?:\s*[,:]?\s*(?:by\s+)?"
    r"(?P<rest>.+))?$",
    re.I,
)
_ORIGINAL_RE = re.compile(
    r"^(?:original(?:ly)?\s+(?:work\s+)?published|first\s+published|orig\.\s+publ?\.)(?:\s+(?:in|as|by))?"
    r"\s*(?P<rest>.*)$",
    re.I,
)
_THESIS_RE = re.compile(
    r"^(?P<genre>(?:(?:Ph\.?\s?D\.?|Doctoral|Master['’]?s|M\.?A\.?|M\.?Sc\.?|M\.?Phil\.?|D\.?Phil\.?|B\.?A\.?|"
    r"Honou?rs|Senior|Diploma|Undergraduate|Unpublished(?:\s+(?:PhD|doctoral|master['’]?s|MA))?)\s+"
    r"(?:diss\.|dissertation|thesis)|Diss\.|Dissertation|Thesis|Habilitationsschrift))"
    r"(?:\s*\((?P<paren>[^)]*)\))?\s*[,.:]?\s*(?P<rest>.*)$",
    re.I,
)
_REPORT_RE = re.compile(
    r"^(?:(?:Technical|Research|Working|Discussion|Occasional|Policy|Staff|Special|Annual|Final|Interim|"
    r"CRS|Congressional|White|Briefing|Conference)\s+)?(?:Report|Paper|Brief|Memorandum|Bulletin)s?"
    r"(?:\s+(?:No\.|no\.|Number|#)?\s*(?P<num>[\w\-./]*\d[\w\-./]*))?$",
)
_PAGES_RE = re.compile(
    r"^(?:(?:pp?\.|S\.|pages?|at)\s*)(?P<p>[A-Za-z]?[\dIVXLCivxlc]+[A-Za-z]?(?:\s*[–—-]\s*[A-Za-z]?[\dIVXLCivxlc]+"
    r"[A-Za-z]?)?(?:\s*,\s*[A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]\s*[A-Za-z]?\d+[A-Za-z]?)?)*|[ivxlc]+\s*\+\s*\d+)$"
    r"|^(?:(?P<vol>\d+):)?(?P<bare>\d+\s*[–—-]\s*\d+|[A-Z]\d{1,3}(?:\s*[–—-]\s*[A-Z]?\d{1,3})?)$",
)
_PLACE_TOKEN_RE = re.compile(r"^[^\W\d_][\w’'.\-]*,?$|^&$")
_PLACE_LOWER = frozenset({"and", "am", "an", "der", "de", "upon", "on", "la", "le", "sur", "im", "del", "di"})


def _looks_place(text: str) -> bool:
    text = text.strip()
    if not text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    if any(q in text for q in '"“”‘’()[]'):
        return False
    tokens = text.split()
    if len(tokens) > 7:
        return False
    return all(_PLACE_TOKEN_RE.match(t) and (t[0].isupper() or t in _PLACE_LOWER or t == "&") for t in tokens)


def _is_city(text: str) -> bool:
    t = text.strip().rstrip(",").strip()
    if t.rstrip(".").lower() in _CITIES:
        return True
    if _PUBLISHER_WORDS.search(t):
        return False
    # "Waltham, Mass." / "Boston, MA" / "Garden City, N.Y."
    m = re.fullmatch(r"(?P<city>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}),\s*(?P<st>[A-Z][A-Za-z.]{1,6})", t)
    return bool(m and (m.group("st").endswith(".") or m.group("st").isupper()))


_FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "a", "an", "to", "at", "by", "with", "from", "de", "la", "le",
     "du", "des", "et", "und", "der", "die", "das", "di", "del", "y", "e", "i", "og", "och", "van", "von"}
)  # fmt: skip


def _prose_like(text: str) -> bool:
    """Descriptive prose ("Explanation of the issues negotiated.") rather than a name or imprint."""
    words = re.findall(r"(?<!\w)[^\W\d_][\w’'\-]*", text)
    if len(words) < 2:
        return False
    content_lower = [w for w in words if w[0].islower() and w.lower() not in _FUNCTION_WORDS]
    return len(content_lower) >= 2


def _annotation_like(text: str) -> bool:
    """After a complete citation: any phrase with a lower-case content word ("Pulitzer Prize-winning
    biography.")."""
    words = re.findall(r"(?<!\w)[^\W\d_][\w’'\-]*", text)
    if len(words) < 2:
        return False
    return any(w[0].islower() and w.lower() not in _FUNCTION_WORDS for w in words)


def _mla_elements(text: str) -> list[str]:
    """Split at commas, keeping "November 18, 1933" and "Little, Brown"-free dates whole."""
    protected: list[str] = []

    def keep(m: re.Match[str]) -> str:
        protected.append(m.group(0))
        return f"\x01{len(protected) - 1}\x01"

    masked = re.sub(_DATE_IN_TEXT, keep, text, flags=re.I)
    masked = re.sub(r"\b\d{1,3}(?:,\d{3})+\b", keep, masked)
    parts = [p.strip() for p in masked.split(",")]
    return [re.sub(r"\x01(\d+)\x01", lambda m: protected[int(m.group(1))], p) for p in parts if p.strip()]


def _edition_value(text: str) -> str | None:
    m = _EDITION_RE.match(text.strip())
    if not m:
        return None
    ed = m.group("ed")
    words = re.split(r"[\s-]", ed)
    if not any(_ORDINAL_RE.fullmatch(w) for w in words):
        return None
    return ed


class _Ctx:
    """What the classifier knows about the segments seen so far."""

    __slots__ = ("after_journal", "index", "last_citation")

    def __init__(self) -> None:
        self.index = 0
        self.last_citation = -1
        self.after_journal: list[int] = []


def _complete(d: _Draft) -> bool:
    return d.has("year") and any(
        d.has(f) for f in ("publisher", "place", "container_title", "volume", "pages", "issue")
    )


def _role_fields(role_text: str) -> list[str]:
    low = role_text.lower()
    fields = []
    if re.search(r"\b(?:edit|ed\.|eds\.|comp|hrsg|éd|dir\.|selected)", low):
        fields.append("editors")
    if re.search(r"\b(?:transl|trans\.|tr\.|übers)", low):
        fields.append("translators")
    return fields


def _take_role_names(d: _Draft, role_text: str, names_text: str, conf: float) -> list[str]:
    """Set editors/translators from "edited by X and Y, Publisher, 2005"; return the leftover elements."""
    elements = [e.strip() for e in names_text.split(",")]
    taken = [elements[0]]
    rest = elements[1:]
    # Further comma-separated names ("edited by A, B, and C"), but not "Vintage, 1993".
    while rest:
        e = rest[0]
        low = e.lower()
        if (
            low.startswith(("and ", "& "))
            or (
                len(e.split()) >= 2
                and looks_like_name_list(e)
                and not looks_like_organisation(e)
                and not _PUBLISHER_WORDS.search(e)
                and len(rest) > 1
            )
            or e.rstrip(".").lower() in _SUFFIX_WORDS
        ):
            taken.append(rest.pop(0))
        else:
            break
    names = ", ".join(taken)
    # "Edited by Paul V. Harper with Ronald Thompson": the helper is noted, not an editor.
    helper = re.search(r"\s+with(?:\s+the\s+assistance\s+of)?\s+(?P<who>.+)$", names)
    if helper:
        d.notes.append(f"with {helper.group('who')}")
        names = names[: helper.start()]
    fields = _role_fields(role_text)
    if not fields:
        d.notes.append(f"{role_text} {names}".strip())
    else:
        for field in fields:
            _set_people(d, field, names, conf)
        extra = re.sub(r"^(?:and\s+)?(?:edited|translated|compiled|ed\.|trans\.)\b", "", role_text, flags=re.I)
        if re.search(r"\b(?:introduction|foreword|afterword|notes|preface|from\s+the)\b", extra, re.I):
            d.notes.append(f"{role_text} {names}".strip())
    return rest


def _classify(seg: str, d: _Draft, ctx: _Ctx) -> bool:
    """Try every rule on one segment (without its boundary full stop); True when one took it."""
    s = seg.strip().strip(",;:").strip()
    if not s:
        return True
    return any(rule(s, d, ctx) for rule in _SEGMENT_RULES)


def _rule_bracketed(s: str, d: _Draft, ctx: _Ctx) -> bool:
    # A segment entirely in brackets: "(Original work published 1948)", "[Doctoral dissertation, X]".
    m = re.fullmatch(r"[\(\[]([^()\[\]]+)[\)\]]\.?", s)
    return m is not None and _classify(m.group(1), d, ctx)


def _rule_medium_or_extent(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if _MEDIUM_RE.fullmatch(s) or _EXTENT_RE.fullmatch(s):
        d.notes.append(s)
        return True
    return False


def _rule_original(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if not _ORIGINAL_RE.match(s):
        return False
    years = re.findall(r"\b\d{4}\b", s)
    if years:
        d.put("original_year", years[-1], 0.85)
    d.notes.append(s)
    return True


def _rule_dated(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = re.fullmatch(
        r"(?:last\s+)?(?:modified|updated|revised|published|posted|created|issued)(?:\s+on)?:?\s+(?P<d>.+)", s, re.I
    )
    if m and parse_date(m.group("d")) is not None:
        d.put_year(m.group("d"), 0.8)
        return True
    return False


def _rule_reprint(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _REPRINT_RE.match(s)
    if not m or (m.group("rest") is not None and _prose_like(m.group("rest"))):
        return False
    _start_reprint(d, s)
    rest = m.group("rest")
    if rest and not (_classify_pub(rest, d, 0.85) or _classify_elements(rest, d, ctx, book_like=True)):
        d.unparsed.append(rest)
    return True


def _rule_role(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _ROLE_SEG_RE.match(s)
    if not (m and m.group("names").strip() and m.group("names").strip()[0].isupper()):
        return False
    rest = _take_role_names(d, m.group("role"), m.group("names"), 0.85)
    if rest:
        rest_text = ", ".join(rest)
        if not (_classify_pub(rest_text, d, 0.8) or _classify_elements(rest_text, d, ctx, book_like=True)):
            d.unparsed.append(rest_text)
    return True


def _rule_note_role(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if _NOTE_ROLE_RE.match(s):
        d.notes.append(s)
        return True
    return False


def _rule_edition(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    ed = _edition_value(s)
    if ed:
        d.put_or_keep("edition", ed, 0.9, s)
        return True
    return False


def _rule_volumes(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = _VOLUMES_RE.match(s)
    if m:
        d.put_or_keep("number_of_volumes", m.group("n"), 0.9, s)
        return True
    return False


def _rule_volume(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = _VOLUME_RE.match(s)
    if not m:
        return False
    d.put_or_keep("volume", m.group("v").replace(" ", ""), 0.85, s)
    if m.group("of"):
        d.put_or_keep("collection_title", m.group("of"), 0.6, m.group("of"))
    if m.group("vt"):
        vt = m.group("vt")
        if not (_classify_pages(vt, d) or _classify_pub(vt, d, 0.8)):
            d.notes.append(f"volume title: {vt}")
    return True


def _rule_thesis(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _THESIS_RE.match(s)
    if not m:
        return False
    d.set_type("thesis", 0.95)
    d.notes.append(m.group("genre") + (f" ({m.group('paren')})" if m.group("paren") else ""))
    rest = m.group("rest").strip()
    if rest and not (
        _classify_pub(rest, d, 0.85) or _classify_elements(rest, d, ctx, book_like=True, container_ok=False)
    ):
        d.put_or_keep("publisher", rest, 0.7, rest)
    return True


def _rule_report(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = _REPORT_RE.match(s)
    if m and (m.group("num") or " " in s):
        d.set_type("report", 0.9)
        d.notes.append(s)
        return True
    return False


def _rule_in(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = re.match(r"^(?:In|in)\s*:?\s+(?P<rest>.+)$", s)
    if m:
        _classify_in(m.group("rest"), d, ctx)
        return True
    return False


def _rule_sub_verbo(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if re.match(r"^s\.\s?v\.\s", s):
        d.set_type("entry-encyclopedia", 0.8)
        d.put_or_keep("title", s[4:].strip(" “”\"'"), 0.6, s)
        return True
    return False


def _rule_publication(s: str, d: _Draft, ctx: _Ctx) -> bool:
    return (
        _classify_journal(s, d, ctx)
        or _classify_pub(s, d, 0.9)
        or d.put_year(s, 0.85, s)
        or _classify_pages(s, d)
        or ("," in s and _classify_elements(s, d, ctx, book_like=not d.title_quoted))
    )


def _rule_reprint_after(s: str, d: _Draft, ctx: _Ctx) -> bool:
    # Chicago 17: "1948; repr., New York: Norton, 1990".
    m = re.match(r"^(?P<a>.+?);\s*(?P<b>repr(?:int)?\.?,?\s*.+)$", s, re.I)
    if not m:
        return False
    for part in (m.group("a"), m.group("b")):
        if not _classify(part, d, ctx):
            d.unparsed.append(part)
    return True


# The segment rules, tried in this order; the first that takes a segment wins.
_SEGMENT_RULES = (
    _rule_bracketed,
    _rule_medium_or_extent,
    _rule_original,
    _rule_dated,
    _rule_reprint,
    _rule_role,
    _rule_note_role,
    _rule_edition,
    _rule_volumes,
    _rule_volume,
    _rule_thesis,
    _rule_report,
    _rule_in,
    _rule_sub_verbo,
    _rule_publication,
    _rule_reprint_after,
)


_MEDIUM_RE = re.compile(
    r"(?:Print|Web|Online|Electronic|Microfilm|Microform|CD-ROM|DVD|E-?book|Kindle(?:\s+(?:ed\.|edition))?"
    r"|Audiobook|Paperback|Hardcover|Hardback|Typescript|Manuscript|MS|Photocopy)\.?",
    re.I,
)


# Physical description and price, not cited pages: "xii + 345 pp.", "769 pp.", "Pp. 587", "$35.00".
_EXTENT_RE = re.compile(
    r"(?:(?:[ivxlc]+\s*[,+]\s*)?\d+\s*(?:pp|p|S|pages)\.?(?:,?\s*(?:illus|maps?|plates?|bibliog|index)\.?)*"
    r"|Pp\.\s*(?:[ivxlc]+\s*[,+]\s*)?\d+|[$£€]\s?\d+(?:[.,]\d{2})?(?:\s*(?:cloth|paper|pbk|hb))?)\.?",
)


def _start_reprint(d: _Draft, text: str) -> None:
    """Move what is known about the first edition aside before the reprint's details arrive."""
    year = d.values.pop("year", None)
    if year and not d.has("original_year"):
        d.put("original_year", year, 0.85)
        year = None
    first = [d.values.pop(f, None) for f in ("place", "publisher", "date")] + [year]
    if any(first):
        d.notes.append("first published: " + ": ".join(str(x) for x in first if x))
    d.notes.append("reprint")


def _classify_pages(s: str, d: _Draft) -> bool:
    m = _PAGES_RE.match(s.strip())
    if not m:
        return False
    pages = m.group("p") or m.group("bare")
    if m.group("vol"):
        d.put_or_keep("volume", m.group("vol"), 0.8, m.group("vol"))
    d.put_or_keep("pages", pages, 0.85, s)
    return True


def _classify_pub(s: str, d: _Draft, conf: float) -> bool:
    """``Place: Publisher[, Year]`` (several "Place: Publisher" pairs may be joined by ";")."""
    first, _, others = s.partition(";")
    m = re.match(r"^(?P<place>[^:]{2,70}?)\s*:\s*(?P<rest>[^:]+)$", first.strip())
    if not m or not _looks_place(m.group("place")):
        return False
    place, rest = m.group("place").strip(), m.group("rest").strip()
    if re.search(r"\b(?:edited|translated|compiled)\s+by\b|\b(?:vol|no|eds?)\.\s", rest, re.I):
        return False  # an MLA container list ("Stalinism and Nazism: ..., edited by ..."), not an imprint
    year_text = None
    parts = _mla_elements(rest)
    # Trailing page numbers: "Oxford: Blackwell, pp. 1-25", note-style "..., 1997, 45".
    page_parts: list[str] = []
    while len(parts) > 1 and parse_date(parts[-1]) is None and _PAGES_RE.match(parts[-1]):
        page_parts.insert(0, parts.pop())
    publisher = ", ".join(parts)
    if len(parts) >= 2 and parse_date(parts[-1]) is not None:
        year_text = parts[-1]
        publisher = ", ".join(parts[:-1])
    elif len(parts) == 1 and parse_date(parts[0]) is not None:
        year_text, publisher = parts[0], ""
    if publisher and (any(q in publisher for q in '“”"') or len(publisher.split()) > 12):
        return False
    d.put_or_keep("place", place, conf, place)
    if publisher:
        d.put_or_keep("publisher", publisher, conf, publisher)
    if year_text:
        d.put_year(year_text, conf)
    for tail in page_parts:
        if not _classify_pages(tail, d):
            d.unparsed.append(tail)
    if others.strip():
        d.notes.append(others.strip())
    return True


_CHICAGO_JOURNAL_RE = re.compile(
    r"^(?P<j>[^\d“”\"]*?[^\W\d]\.?)[,\s]+(?P<v>\d+[A-Za-z]?|[IVXLC]+)(?:\.(?P<i2>\d+))?"
    r"(?:\s*,?\s*(?:no\.|nos\.|issue|heft|h\.|nr\.)\s*(?P<i>[\w/–-]+))?"
    r"\s*(?:\((?P<d>[^()]+)\))?(?:\s*:\s*(?P<p>[\w–—-]+(?:\s*,\s*[\w–—-]+)*))?$",
    re.I,
)
_APA_JOURNAL_RE = re.compile(
    r"^(?P<j>[^“”\"]+?),\s*(?:vol\.\s*)?(?P<v>\d+[A-Za-z]?)\s*(?:\((?P<i>[^)]+)\))?"
    r"(?:,\s*(?:pp?\.\s*)?(?P<p>[A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]\s*[A-Za-z]?\d+[A-Za-z]?)?|Article\s+\w+))?$"
)
_BARE_VOLUME_RE = re.compile(
    r"^(?P<v>\d+[A-Za-z]?)\s*(?:\((?P<i>[^)]+)\))?\s*(?::\s*(?P<p>[\w–—-]+(?:\s*,\s*[\w–—-]+)*))?$"
)
_VANCOUVER_RE = re.compile(
    r"^(?P<y>\d{4})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?;\s*(?P<v>\w+)?(?:\((?P<i>[^)]+)\))?"
    r"(?::\s*(?P<p>[\w–—-]+))?$"
)


def _classify_journal(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _CHICAGO_JOURNAL_RE.match(s)
    if m and (m.group("d") or m.group("p")) and len(m.group("j").strip()) > 1:
        date_text = m.group("d")
        issue = m.group("i") or m.group("i2")
        if date_text and parse_date(date_text) is None:
            if issue is None and re.fullmatch(r"[\w/–-]{1,9}", date_text.strip()):
                issue, date_text = date_text.strip(), None
            else:
                return False
        journal = m.group("j").strip().rstrip(",")
        if _looks_place(journal) and ":" in journal:
            return False
        d.put_or_keep("container_title", journal, 0.85, journal)
        d.put_or_keep("volume", m.group("v"), 0.9, m.group("v"))
        if issue:
            d.put_or_keep("issue", issue, 0.9, issue)
        if date_text:
            d.put_year(date_text, 0.9)
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.9, m.group("p"))
        d.set_type("article-journal", 0.8)
        return True
    m = _APA_JOURNAL_RE.match(s)
    if m and (m.group("i") or m.group("p")) and not (parse_date(m.group("v")) and not m.group("i")):
        d.put_or_keep("container_title", m.group("j").strip(), 0.9, m.group("j"))
        d.put_or_keep("volume", m.group("v"), 0.9, m.group("v"))
        if m.group("i"):
            d.put_or_keep("issue", m.group("i"), 0.9, m.group("i"))
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.9, m.group("p"))
        d.set_type("article-journal", 0.8)
        return True
    m = _BARE_VOLUME_RE.match(s)
    if m and (m.group("i") or m.group("p")) and not re.fullmatch(r"\d+\s*[–-]\s*\d+", s):
        d.put_or_keep("volume", m.group("v"), 0.85, m.group("v"))
        if m.group("i"):
            if parse_date(m.group("i")) is not None and not re.fullmatch(r"\d{1,3}", m.group("i")):
                d.put_year(m.group("i"), 0.85)
            else:
                d.put_or_keep("issue", m.group("i"), 0.85, m.group("i"))
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.85, m.group("p"))
        d.set_type("article-journal", 0.75)
        ctx.after_journal.append(ctx.index)
        return True
    m = _VANCOUVER_RE.match(s)
    if m:
        d.put_year(m.group("y"), 0.85)
        if m.group("v"):
            d.put_or_keep("volume", m.group("v"), 0.85, m.group("v"))
        if m.group("i"):
            d.put_or_keep("issue", m.group("i"), 0.85, m.group("i"))
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.85, m.group("p"))
        d.set_type("article-journal", 0.75)
        ctx.after_journal.append(ctx.index)
        return True
    return False


def _classify_elements(s: str, d: _Draft, ctx: _Ctx, *, book_like: bool, container_ok: bool = True) -> bool:
    """MLA-style comma lists: container, role, vol., no., publisher, date, pages (any subset, in order)."""
    elements = _mla_elements(s)
    expect_container = container_ok and (d.title_quoted or d.container_pending) and not d.has("container_title")
    unknown: list[str] = []
    recognised = 0
    periodical = False  # this list names a volume, issue or pages: its unknown head is a periodical
    i = 0
    while i < len(elements):
        e = elements[i]
        role = _ROLE_SEG_RE.match(e)
        if role and role.group("names").strip()[:1].isupper():
            rest = _take_role_names(d, role.group("role"), ", ".join([role.group("names"), *elements[i + 1 :]]), 0.8)
            recognised += 1
            elements = elements[: i + 1] + rest
            i += 1
            continue
        m = re.fullmatch(r"(?:vol\.|volume)\s*(?P<v>[\w–-]+)", e, re.I)
        if m:
            d.put_or_keep("volume", m.group("v"), 0.85, e)
            recognised += 1
            periodical = True
        elif (m := re.fullmatch(r"(?:no\.|nos\.|issue)\s*(?P<i>[\w/–-]+)", e, re.I)) is not None:
            d.put_or_keep("issue", m.group("i"), 0.85, e)
            recognised += 1
            periodical = True
        elif _edition_value(e):
            d.put_or_keep("edition", _edition_value(e), 0.85, e)
            recognised += 1
        elif _VOLUMES_RE.match(e):
            d.put_or_keep("number_of_volumes", _VOLUMES_RE.match(e).group("n"), 0.85, e)  # type: ignore[union-attr]
            recognised += 1
        elif parse_date(e) is not None:
            d.put_year(e, 0.85)
            recognised += 1
        elif _PAGES_RE.match(e) and (not re.fullmatch(r"[A-Z]\d{1,3}", e) or unknown):
            _classify_pages(e, d)
            recognised += 1
            periodical = True
        elif re.fullmatch(r"[A-Z]?\d{1,4}[A-Za-z]?", e) and (d.has("year") or i == len(elements) - 1) and i > 0:
            # A lone number after the date (Chicago newspapers: "New York Times, May 3, 1933, 1").
            d.put_or_keep("pages", e, 0.6, e)
            recognised += 1
        elif not (i == 0 and expect_container) and _classify_pub(e, d, 0.8):
            recognised += 1
        else:
            unknown.append(e)
        i += 1
    if not recognised:
        # No rule fired, so no field was touched.
        return False
    periodical = periodical and not d.has("place")
    # Consecutive unknown elements form one value ("Little, Brown"); the list keeps their order.
    groups = _group_unknown(elements, unknown) if unknown else []
    for g in groups:
        if (
            container_ok
            and (d.title_quoted or d.container_pending or (periodical and g is groups[0]))
            and not d.has("container_title")
        ):
            d.put("container_title", g, 0.75)
            d.container_pending = False
        elif not d.has("publisher") and not d.has("place") and _is_city(g) and book_like:
            d.put("place", g, 0.6)
        elif not d.has("publisher") and not _prose_like(g):
            d.put("publisher", g, 0.7)
            d.bare_publisher = not d.has("place")
        else:
            d.unparsed.append(g)
    return True


def _group_unknown(elements: list[str], unknown: list[str]) -> list[str]:
    groups: list[str] = []
    current: list[str] = []
    pool = list(unknown)
    for e in elements:
        if pool and e == pool[0]:
            current.append(pool.pop(0))
        elif current:
            groups.append(", ".join(current))
            current = []
    if current:
        groups.append(", ".join(current))
    return groups


def _classify_in(rest: str, d: _Draft, ctx: _Ctx) -> None:
    """``In`` containers: APA ("In A. Ed (Ed.), Book (pp. 1-9)"), Chicago ("In Book, edited by X, 1-9")."""
    d.set_type("chapter", 0.8)
    m = re.match(
        r"^(?P<names>[^()]+?)\s*\((?P<role>[^()]*?\b(?:eds?|editors?|hrsg|éds?|dir|trans|comps?)\.?)\)"
        r"[.,]?\s*(?P<container>.*)$",
        rest,
        re.I,
    )
    if m and looks_like_name_list(m.group("names")):
        for field in _role_fields(m.group("role")) or ["editors"]:
            _set_people(d, field, m.group("names"), 0.85)
        container = m.group("container").strip()
        if container:
            _set_container(container, d)
        else:
            d.container_pending = True
        return
    elements = _mla_elements(rest)
    container = elements[0]
    # "In The Cambridge History, edited by ..." – the container may hold commas before the role.
    k = 1
    while k < len(elements) and (
        _year_span(elements[k])
        or not (
            _ROLE_SEG_RE.match(elements[k])
            or _PAGES_RE.match(elements[k])
            or parse_date(elements[k]) is not None
            or re.match(r"(?:vol\.|no\.|pp?\.)", elements[k], re.I)
            or _edition_value(elements[k])
        )
    ):
        k += 1
    container = ", ".join(elements[:k])
    _set_container(container, d)
    tail = ", ".join(elements[k:])
    if tail and not _classify_elements(tail, d, ctx, book_like=True):
        d.unparsed.append(tail)


def _year_span(text: str) -> bool:
    """ "1900-1950": a span of years that belongs to a title rather than pages or a date."""
    m = re.fullmatch(r"(\d{4})\s*[–—-]\s*(\d{4})", text.strip())
    return bool(m and _plausible_year(m.group(1)) and m.group(1) < m.group(2) <= "2199")


def _set_container(text: str, d: _Draft, conf: float = 0.8) -> None:
    core, parens = _split_trailing_parens(text)
    d.put_or_keep("container_title", core.strip().rstrip(".,"), conf, core)
    if _ENCYCLOPEDIA_RE.search(core):
        d.set_type("entry-encyclopedia", 0.85)
    for p in parens:
        if not _classify_paren(p, d):
            d.unparsed.append(f"({p})")


def _split_trailing_parens(text: str) -> tuple[str, list[str]]:
    parens: list[str] = []
    core = text.strip()
    while True:
        m = re.search(r"\s*[\(\[]([^()\[\]]+)[\)\]]\s*[.,]?$", core)
        if not m or m.start() == 0:
            break
        parens.insert(0, m.group(1))
        core = core[: m.start()].rstrip()
    return core, parens


def _classify_paren(p: str, d: _Draft) -> bool:
    """The contents of a parenthesis after a title: edition, volume, pages, translator, publication block."""
    p = p.strip()
    items = [x.strip() for x in p.split(",")]
    m = re.fullmatch(r"(?P<names>.+?),\s*(?P<role>eds?\.|trans\.|translators?|editors?|comps?\.)", p, re.I)
    if m and looks_like_name_list(m.group("names")):
        for field in _role_fields(m.group("role")):
            _set_people(d, field, m.group("names"), 0.85)
        return True
    m = _THESIS_RE.match(p)
    if m:
        return _classify(p, d, _Ctx())
    if _classify_pub(p, d, 0.85):
        return True
    parts = _mla_elements(p)
    if len(parts) > 1 and parse_date(parts[-1]) is not None and _looks_place(", ".join(parts[:-1])):
        where = ", ".join(parts[:-1])
        if _is_city(where) or _is_city(parts[0]):
            d.put_or_keep("place", where, 0.7, where)
        else:
            d.put_or_keep("publisher", where, 0.6, where)
        d.put_year(parts[-1], 0.8)
        return True
    handled = True
    for item in items:
        ed = _edition_value(item)
        mv = _VOLUME_RE.match(item)
        if ed:
            d.put_or_keep("edition", ed, 0.9, item)
        elif mv:
            d.put_or_keep("volume", mv.group("v").replace(" ", ""), 0.85, item)
        elif _VOLUMES_RE.match(item):
            d.put_or_keep("number_of_volumes", _VOLUMES_RE.match(item).group("n"), 0.85, item)  # type: ignore[union-attr]
        elif _classify_pages(item, d):
            pass
        else:
            handled = False
    return handled


# ---------------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------------


_REPEAT_RE = re.compile(r"^(?:[—–―_-]\s?){2,}\s*(?:,\s*(?P<role>eds?\.|trans\.|comp\.))?[.,]?\s*")
_SAME_PEOPLE_NOTE = "{role}: as in the previous entry"


def _normalise(raw: str) -> str:
    return re.sub(r"\s+", " ", raw).strip()


def parse_reference(raw: str, provenance: Provenance | None = None) -> Reference:
    """Parse one reference string into a :class:`Reference` (no cite key; see :func:`parse_references`).

    >>> ref = parse_reference("Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.")
    >>> ref.authors[0].family, ref.title, ref.place, ref.publisher, ref.year
    ('Hull', 'The Memoirs of Cordell Hull', 'New York', 'Macmillan', '1948')

    Raises :class:`ReferenceParseError` when ``raw`` is empty or only whitespace.
    """
    if not isinstance(raw, str):
        raise ReferenceParseError(f"reference must be a string, got {type(raw).__name__}")
    text = _normalise(raw)
    if not text:
        raise ReferenceParseError("reference string is empty or whitespace only")
    d = _Draft()
    m = _MARKUP_RE.match(text)
    if m and m.group(0).strip():
        d.unparsed.append(m.group(0).strip())
        text = text[m.end() :].strip()
    m = _LABEL_RE.match(text)
    if m and text[m.end() :].strip():
        d.notes.append(f"label: {m.group(0).strip()}")
        text = text[m.end() :].strip()
    # "———. Title." repeats the previous entry's authors (Chicago's 3-em dash).
    m = _REPEAT_RE.match(text)
    if m and text[m.end() :].strip():
        role = _role_of(m.group("role") or "") or "authors"
        d.notes.append(_SAME_PEOPLE_NOTE.format(role=role))
        text = text[m.end() :].strip()
    text = _extract_identifiers(text, d)
    rest = _take_apa_authors(text, d)
    if rest is None:
        rest = _take_inverted_authors(text, d)
    if rest is None:
        rest = text
    segs = _segments(rest)
    if not d.has("authors") and not d.has("editors") and segs:
        segs = _leading_people(segs, d)
    _fill(segs, d)
    return _build(d, raw, provenance)


def _leading_people(segs: list[_Seg], d: _Draft) -> list[_Seg]:
    """Authors the inverted-list rules cannot see: organisations, reading-order names, Chicago notes."""
    first = segs[0]
    if first.quoted:
        return segs
    # Chicago note: "John Lewis Gaddis, We Now Know (Oxford: Oxford University Press, 1997)."
    for m in re.finditer(r",\s+", first.raw):
        prefix, after = first.raw[: m.start()], first.raw[m.end() :]
        if len(prefix.split()) > 12:
            break
        if (
            after[:1] in _QUOTES or (after[:1].isupper() and re.search(r"\([^()]*\d{4}[^()]*\)", after))
        ) and _reading_order_names(prefix):
            _set_people(d, "authors", prefix, 0.6)
            return _segments(" ".join([after, *[s.raw for s in segs[1:]]]))
    if len(segs) < 2:
        return segs
    if not (segs[1].quoted or _title_like(segs[1].text)):
        return segs
    text = first.text
    if looks_like_organisation(text) and len(text.split()) <= 10 and text[:1].isupper() and not _prose_like(text):
        d.people("authors", (Person(literal=text),), 0.6)
        return segs[1:]
    if _reading_order_names(text):
        _set_people(d, "authors", text, 0.5)
        return segs[1:]
    return segs


def _strong(text: str) -> bool:
    """Does a rule other than the loose comma-list or bare-date rules read this segment?"""
    probe = _Draft()
    if not _classify(text, probe, _Ctx()):
        return False
    loose = {"year", "date", "publisher", "place"}
    if probe.notes or probe.type or set(probe.values) - loose:
        return True
    return ":" in text and probe.has("place")


def _title_like(text: str) -> bool:
    """Could this segment be a title? False when a strong rule (publication block with a city, publisher
    or year; journal block; edition; role; date; pages ...) reads it, or when it is a short comma list
    ("Penguin Press, 2005")."""
    probe = _Draft()
    if not _classify(text, probe, _Ctx()):
        return True
    if probe.has("place"):
        place = str(probe.values["place"])
        strong = (
            probe.has("year")
            or _is_city(place)
            or bool(_PUBLISHER_WORDS.search(str(probe.values.get("publisher") or "")))
            or "," in place
        )
        return not strong
    # A long first element with only a year after it is a title with a date range in it:
    # "Relations of the United States: The Soviet Union, 1933–1939".
    elements = _mla_elements(text)
    return len(elements) > 1 and probe.has("year") and len(elements[0].split()) > 5 and not probe.has("pages")


def _reading_order_names(text: str) -> bool:
    """ "John Lewis Gaddis", "Edward M. Bennett and Jane Doe" (not "The Russian Revolution")."""
    text = text.strip()
    if not text or "," in text.replace(", Jr.", "").replace(", Sr.", ""):
        return False
    for name in _SPLIT_AND_RE.split(text):
        tokens = name.split()
        if not 2 <= len(tokens) <= 5:
            return False
        if tokens[0].lower() in {"the", "a", "an", "on", "in", "of", "from", "to", "why", "how", "what"}:
            return False
        if not all(_is_name_token(t) for t in tokens):
            return False
        if is_initials(tokens[-1]) or _is_particle(tokens[-1]):
            return False
        if looks_like_organisation(name):
            return False
    return True


def _fill(segs: list[_Seg], d: _Draft) -> None:
    if not segs:
        return
    title_seg = segs[0]
    title_parens: list[str] = []
    if title_seg.quoted:
        d.title_quoted = True
        title = _strip_quotes(title_seg.raw)
        d.put("title", title, 0.95)
    else:
        core, title_parens = _split_trailing_parens(title_seg.text)
        # "Title (Place: Publisher, 1997), 45" in Chicago notes.
        note = re.match(r"^(?P<t>.+?)\s*\((?P<pub>[^()]*\d{4}[^()]*)\),\s*(?P<pp>[\d–-]+(?:,\s*[\d–-]+)*)$", core)
        if note:
            core = note.group("t")
            title_parens.append(note.group("pub"))
            d.notes.append(f"cited pages: {note.group('pp')}")
        d.put("title", core.strip().rstrip(",;:"), 0.85 if (d.has("authors") or d.has("editors")) else 0.7)
    # "Why Lenin? Why Stalin? A Reappraisal ...": a title ending in ? or ! continues while the next
    # segment reads like a title.
    while (
        len(segs) > 2
        and not title_seg.quoted
        and str(d.values.get("title", "")).endswith(("?", "!"))
        and not segs[1].quoted
        and not _strong(segs[1].text)
    ):
        d.values["title"] = f"{d.values['title']} {segs[1].text.strip()}"
        segs = [segs[0], *segs[2:]]
    ctx = _Ctx()
    pending: list[int] = []
    annotation_from: int | None = None
    for idx, seg in enumerate(segs[1:], start=1):
        ctx.index = idx
        if annotation_from is not None:
            break
        if _complete(d) and not seg.quoted and _annotation_like(seg.text) and not _strong(seg.text):
            annotation_from = idx
            break
        if seg.quoted:
            inner = _strip_quotes(seg.raw)
            if not d.has("title"):
                d.put("title", inner, 0.9)
            else:
                pending.append(idx)
            continue
        if _classify(seg.text, d, ctx):
            ctx.last_citation = idx
        else:
            pending.append(idx)
    # Year-only brackets after a title are the year only when nothing else gave one.
    for p in title_parens:
        keep_in_title = (parse_date(p) is not None and d.has("year")) or (
            not _classify_paren(p, d) and not d.put_year(p, 0.8)
        )
        if keep_in_title:
            d.values["title"] = f"{d.values.get('title') or ''} ({p})".strip()
            d.conf.setdefault("title", 0.5)
    _resolve_pending(segs, pending, d, ctx)
    if annotation_from is not None:
        d.annotation.append(" ".join(s.raw for s in segs[annotation_from:]))


def _strip_quotes(raw: str) -> str:
    t = raw.strip().rstrip(",;:").strip()
    if t and t[-1] == "." and len(t) > 1 and t[-2] in "”\"’'»“":
        t = t[:-1]
    if t and t[0] in _QUOTES and t[-1] == _QUOTES[t[0]]:
        t = t[1:-1]
    elif t and t[0] in _QUOTES:
        t = t[1:]
    t = t.strip()
    if t.endswith((",", ".")) and not t.endswith("..."):
        last = t.split()[-1] if t.split() else ""
        if not (is_initials(last) or re.fullmatch(r"(?:[^\W\d_]\.)+", last)):
            t = t[:-1]
    return t.strip()


def _resolve_pending(segs: list[_Seg], pending: list[int], d: _Draft, ctx: _Ctx) -> None:
    for idx in pending:
        seg = segs[idx]
        text = _strip_quotes(seg.raw) if seg.quoted else seg.text.strip().strip(",;:")
        if not text:
            continue
        if (idx + 1) in ctx.after_journal and not d.has("container_title"):
            d.put("container_title", text, 0.75)
            continue
        if (d.title_quoted or d.container_pending) and not d.has("container_title") and not _prose_like(text):
            _set_container(text, d, 0.7)
            d.container_pending = False
            continue
        if idx > ctx.last_citation and _complete(d) and _annotation_like(text):
            d.annotation.append(" ".join(s.raw for s in segs[idx:] if segs.index(s) in pending))
            return
        if (
            not d.has("publisher")
            and not _prose_like(text)
            and len(text.split()) <= 10
            and (d.apa or idx == len(segs) - 1 or ctx.last_citation > idx)
        ):
            d.put("publisher", text, 0.6)
            d.bare_publisher = True
            continue
        if not d.has("year") and d.put_year(text, 0.7):
            continue
        if 0 < idx < ctx.last_citation and not _prose_like(text) and not d.has("collection_title"):
            # Between the title and the imprint: a series ("Studies in Military History 12").
            m = re.fullmatch(r"(?P<series>.+?)(?:,?\s+(?:no\.\s*|vol\.\s*)?(?P<num>\d+))?", text, re.I)
            if m and m.group("series")[:1].isupper():
                d.put("collection_title", m.group("series"), 0.4)
                if m.group("num"):
                    d.notes.append(f"series number: {m.group('num')}")
                continue
        d.unparsed.append(seg.raw)


def _decide_type(d: _Draft) -> tuple[str, float]:
    if d.type and d.type_conf >= 0.85:
        return d.type, d.type_conf
    container = str(d.values.get("container_title") or "")
    has = d.has
    if d.type == "chapter":
        if _ENCYCLOPEDIA_RE.search(container):
            return "entry-encyclopedia", 0.8
        return "chapter", 0.8
    if container and _ENCYCLOPEDIA_RE.search(container):
        return "entry-encyclopedia", 0.75
    if container and (has("volume") or has("issue")) and not (has("place") or has("editors")):
        return "article-journal", 0.85
    if container and (has("editors") or has("place")) and d.title_quoted:
        return "chapter", 0.7
    if container and (has("date") or has("pages")) and not has("volume") and not has("publisher"):
        if _MAGAZINE_RE.search(container) and not _NEWSPAPER_RE.search(container):
            return "article-magazine", 0.7
        iso = str(d.values.get("date") or "")
        if _NEWSPAPER_RE.search(container):
            return "article-newspaper", 0.7
        if has("url") or has("accessed"):
            return "webpage", 0.6
        if len(iso) == 10 or has("pages"):
            return "article-newspaper", 0.6
        if iso:
            return "article-magazine", 0.6
    if has("url") and not (has("place") or (has("publisher") and not d.bare_publisher)):
        return "webpage", 0.7
    if has("accessed") and not has("place"):
        return "webpage", 0.6
    if container and d.title_quoted:
        return "article-journal", 0.5
    if d.type:
        return d.type, d.type_conf
    return "book", 0.6 if (has("publisher") or has("place")) else 0.4


def _build(d: _Draft, raw: str, provenance: Provenance | None) -> Reference:
    kind, kind_conf = _decide_type(d)
    values = dict(d.values)
    conf = dict(d.conf)
    if kind == "webpage" and d.bare_publisher and values.get("publisher") and not values.get("container_title"):
        values["container_title"] = values.pop("publisher")
        conf["container_title"] = conf.pop("publisher", 0.6)
    notes = list(dict.fromkeys(n for n in d.notes if n))
    if notes:
        values["note"] = "; ".join(notes)
        conf["note"] = 0.5
    if d.annotation:
        values["annotation"] = " ".join(d.annotation)
        conf["annotation"] = 0.75
    if d.unparsed:
        values["unparsed"] = " | ".join(u for u in d.unparsed if u.strip())
        conf["unparsed"] = 0.0
    conf["type"] = kind_conf
    conf = {k: v for k, v in conf.items() if k == "type" or values.get(k)}
    fields: dict[str, Any] = {k: v for k, v in values.items() if v}
    fields["provenance"] = (provenance,) if provenance is not None else ()
    return Reference(type=kind, raw=raw, confidence=conf, **fields)


def parse_references(raws: Iterable[str | tuple[str, Provenance | None]]) -> list[Reference]:
    """Parse many reference strings (optionally paired with their provenance) and assign unique cite keys.

    >>> refs = parse_references(["Hull, Cordell. Memoirs. New York: Macmillan, 1948.",
    ...                          ("Hull, Cordell. Memoirs. New York: Macmillan, 1948.", None)])
    >>> [r.key for r in refs]
    ['hull1948memoirsa', 'hull1948memoirsb']

    An entry that opens with a 3-em dash ("———. Title ...") gets the people of the entry before it.
    """
    refs: list[Reference] = []
    for item in raws:
        if isinstance(item, tuple):
            raw, prov = item
        else:
            raw, prov = item, None
        ref = parse_reference(raw, prov)
        refs.append(_repeat_people(ref, refs[-1]) if refs else ref)
    return assign_keys(refs)


def _repeat_people(ref: Reference, previous: Reference) -> Reference:
    """Fill in the people of a "———." entry from the entry before it."""
    for role in ("authors", "editors", "translators"):
        if _SAME_PEOPLE_NOTE.format(role=role) in (ref.note or "") and not getattr(ref, role):
            people = previous.authors or previous.editors or previous.translators
            if people:
                changes: dict[str, Any] = {role: people, "confidence": {**dict(ref.confidence), role: 0.7}}
                return attrs.evolve(ref, **changes)
    return ref
