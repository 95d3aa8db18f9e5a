"""Step 1: normalisation, and identifiers lifted out wherever they stand (DOI, URL, ISBN, "Accessed ...",
markup residue, list labels)."""

from __future__ import annotations

import re

from bibliography.parse.dates import _DATE_IN_TEXT, parse_date
from bibliography.parse.draft import _Draft

_SENTINEL = "\x00"


_MARKUP_RE = re.compile(r"^(?:\s*[\w:.-]+=\"[^\"]*\"\s*)+>?\s*|^\s*>\s*")


_LABEL_RE = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}\.(?=\s+[^\d\s])|[•·▪◦*–-](?=\s))\s*")


# A DOI ends at a blank, a comma or a glued "URL" ("10.1000/j.abc.2001.42.URL https: //...",
# "10.1000/j.abc.2001.42,math/0101001": commas are not in the DOIs that references cite).
_DOI_RE = re.compile(
    r"<?(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:\s*|\bDOI\s+)(?P<doi>10\.\d{4,9}/(?:[^\s\"<>,.]|\.(?!URL\b))+)>?", re.I
)


# A URL broken by a blank where the text was wrapped or extracted ("https: //", "http ://", "https :/ /",
# "www. example.org/", "example.org/ pages/some_page/", "1234. htm"), or glued to the "URL" before it: it
# runs on after "/", "-", ".", "_" when the next chunk is plainly more of it (a path piece with "/", ".",
# "-", "_", "=", "?" or "&" in it, or a file extension, or a path piece ending in "/"), never a word of
# the sentence after it.
_URL_GO_ON = (
    r"(?<=[/\-._])\s(?=(?-i:[a-z][\w\-]*(?:[/.\-_=?&]\w|/)|\d[\w\-]*/\w|(?:html?|pdf|aspx?|php|cfm|jsp|xml|txt)\b))"
)
_URL_RE = re.compile(r"<?(?:(?<=URL)|\b)(?:(?:https?|ftp)\s?:\s?/\s?/|www\.)(?:[^\s<>\"]|" + _URL_GO_ON + r")+>?", re.I)


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


def doi_link(text: str, doi: str) -> str | None:
    """The link through which ``text`` gives the DOI ``doi`` ("https://doi.org/10...", "http://dx.doi.org/10..."),
    or None when it gives it otherwise or not at all.

    >>> doi_link("Smith, J. Birds. Available: http://dx.doi.org/10.1000/b.1.", "10.1000/b.1")
    'http://dx.doi.org/10.1000/b.1'
    >>> doi_link("Smith, J. Birds. doi:10.1000/b.1", "10.1000/b.1") is None
    True
    """
    for m in _DOI_RE.finditer(text):
        link = m.group(0).lstrip("<")
        if link[:4].lower() == "http" and _trim_url(m.group("doi")) == doi:
            return link[: link.find(doi) + len(doi)]
    return None


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
        trimmed = _trim_url(whole)
        value = re.sub(r"\s+", "", trimmed)
        if not value or "." not in value:
            return whole
        if not d.put("url", value, 0.9):
            d.notes.append(value)
        tail = whole[whole.find(trimmed) + len(trimmed) :].lstrip(">")
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
        # The match starts where a run of separators starts, so the character before it is the
        # previous word's last (or nothing).
        prev = m.string[m.start() - 1] if m.start() else ""
        if not prev or prev in ".?!,;:([":
            return " "
        if "." in s:
            return ". "
        if "," in s:
            return ", "
        return " "

    # Starting only where a run of separators starts keeps a long run (";;;;...") linear: tried from
    # every position inside it, the run would be rescanned to its end each time.
    text = re.sub(r"(?<![\s,;:])[\s,;:]*" + _SENTINEL + r"[\s,;:.\x00]*", repl, text)
    # Empty brackets left where "(Accessed: ...)" or "<URL>" stood.
    text = re.sub(r"[\(\[]\s*[\)\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip()
