"""Structure of scraped articles and encyclopedia pages, found from the text itself.

The raw text is read line by line. Each line is first tagged from its own shape (blank, navigation
furniture, dateline, byline, image keyword line, heading-like, prose, list bullet), then a single
pass in reading order turns tagged lines into blocks, using the context a reader would: the title is
the heading-like line that leads into the dateline or the body; a heading is a heading-like line
followed by content; a run of heading-like lines with nothing after it is a list of related
articles; a "Further Reading" heading opens a bibliography whose entries may span several lines.

Residue found by cleaning is taken into account (a line whose only content is residue counts as
empty), but this module never changes text: it only returns raw spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from corpus.dates import parse_date
from corpus.lines.features import (
    author_roster,
    cites_in_text,
    folds_to_heading,
    leading_name,
    names_open,
    reference_cue,
)
from corpus.lines.furniture import page_furniture
from corpus.lines.model import LineScores, score_lines
from corpus.lines.title import Candidate, choose_title, content_words, title_features, title_model
from corpus.longlines import fold_whitespace
from corpus.model import Block, PassageKind, Span, trusted_block, trusted_span
from corpus.runon import author_year_starts
from corpus.textview import clean_text

# --- line shapes -------------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*")
_NEWLINE = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_BULLET = re.compile(
    # "(200), 352-363" and "[12]." open with a number, not a label: a label stands before its text.
    r"[ \t\u00a0]*(?:[•·▪◦‣●○■□►▸➢✓*\-–—](?=\s)|\d{1,3}[.)](?=\s)|\(\d{1,3}\)(?![,.;:])|\[\d{1,3}\](?![,.;:]))"
    r"[ \t\u00a0]*"
)
_MD_HEADING = re.compile(r"[ \t]*(#{1,6})[ \t]+")
_INDENT = re.compile(r"[ \t\u00a0\u3000]*")

# Navigation and page chrome that scrapers keep: whole-line matches only, so prose is never caught.
_FURNITURE = re.compile(
    r"""^(?:
        top\ stories|most\ (?:recent|popular|read|viewed|shared)\b.*|trending(?:\ now)?|breaking\ news
        |related(?:\ (?:articles|stories|posts|content|topics|links))?:?|share(?:\ this)?(?:\ (?:article|story|page))?
        |share\ on\ \w+|print(?:\ this)?(?:\ (?:article|page))?|e-?mail(?:\ this)?(?:\ (?:article|page))?
        |advertisement|sponsored(?:\ content)?|subscribe\b.*|sign\ (?:in|up)\b.*|log\ ?(?:in|out)|register
        |skip\ to\ (?:main\ )?content|jump\ to\ (?:navigation|search)|menu|home|search|close|back\ to\ top
        |(?:next|previous)\ (?:article|story|page|post)\b.*|read\ more\b.*|click\ here\b.*|see\ more
        |load(?:ing)?\ more|show\ more|cookies?\b.*|accept(?:\ all)?\ cookies|privacy\ policy|terms\ of\ (?:use|service)
        |all\ rights\ reserved\.?|(?:copyright|©)\s.*|comments?(?:\ \(\d+\))?|leave\ a\ (?:comment|reply)
        |(?:categories|category|tags|topics|filed\ under|keywords)\s*:.*|you\ (?:may|might)\ also\ like
        |recommended(?:\ for\ you)?|more\ from\ .{1,40}|follow\ us\b.*|newsletter\b.*
        |from\ wikipedia,\ the\ free\ encyclopedia|this\ article\ is\ about\ .*|citation\ information
        |cite\ this\ (?:article|page)|table\ of\ contents|contents|advertisement\ ·?\ scroll\ to\ continue
    )$""",
    re.I | re.X,
)
_BIB_HEADING = re.compile(
    r"^(?:(?:further|suggested|recommended|additional|selected|select)\s+(?:reading|readings|sources|bibliography)"
    r"|bibliography|select\s+bibliography|works\s+cited|works\s+consulted|references|sources"
    r"|sources\s+and\s+further\s+reading|notes\s+and\s+references|literature|reading\s+list|citations"
    r"|for\s+further\s+reading|primary\s+sources|secondary\s+sources)\s*:?$",
    re.I,
)
_RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles|stories|posts|content|topics|links|entries|essays))?|see\s+also"
    r"|external\s+links|you\s+(?:may|might)\s+also\s+like|more\s+(?:on|about)\s+.{1,40}|in\s+this\s+(?:series|section))\s*:?$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|written\s+by|posted\s+by|reported\s+by|words\s+by|authors?\s*:|byline\s*:)\s*(?P<who>\S.{0,120})$",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:(?:photo|photograph|image|picture|illustration|credit|source|courtesy)(?:\s+(?:by|of|credit))?\s*[:/]"
    r"|courtesy\s+of\b|\(?(?:ap|afp|reuters|getty\s+images|wikimedia\s+commons|library\s+of\s+congress)\b"
    r"|©)",
    re.I,
)
_DATELINE_WORDS = frozenset(
    [
        "last",
        "updated",
        "update",
        "updated",
        "on",
        "published",
        "posted",
        "modified",
        "revised",
        "date",
        "dated",
        "at",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "et",
        "est",
        "edt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "pst",
        "pdt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "of",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "first",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w’'.\-]*|\d[\w’'.\-]*")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "vs",
        "vs.",
        "via",
        "into",
        "over",
        "under",
        "about",
        "de",
        "la",
        "le",
        "du",
        "von",
        "van",
        "der",
    ]
)
# Every date form has a four-digit year: a line without four digits in a row holds no date.
_FOUR_DIGITS = re.compile(r"\d{4}")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.")
# The end of a line that leaves a reference unfinished.
_UNFINISHED = re.compile(r"(?:[,:;&]|\b(?:and|und|et|in|In))$")
_INVERTED_NAME = re.compile(r"^[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-]+)?,\s+[A-Z]")
# Page-type suffixes that sites append to a title ("... Summary", "... | Britannica").
_TITLE_SUFFIX = re.compile(
    r"(?:\s+[|–—]\s+[^|–—]{1,60}"
    r"|\s+[-–—]\s+(?:wikipedia|britannica|encyclopedia\b.*|encyclopaedia\b.*|history\.com|\S+\.(?:com|org|net|edu))"
    r"|\s+(?:summary(?:\s+(?:and|&)\s+analysis)?|overview|analysis|facts|fact\s+sheet|study\s+guide|explained))$",
    re.I,
)


class _Tag:
    BLANK = "blank"
    EMPTY_BULLET = "empty_bullet"
    FURNITURE = "furniture"
    DATE = "date"
    BYLINE = "byline"
    KEYWORDS = "keywords"
    CREDIT = "credit"
    HEADLIKE = "headlike"
    PROSE = "prose"


class _Line(NamedTuple):
    start: int  # raw offset of the line's first character
    end: int  # raw offset just past its last character (newline excluded)
    cstart: int  # raw offset of the content (after indentation, bullet or '#' marks)
    indent: int
    bullet: bool
    md_level: int  # number of '#' of a Markdown heading, 0 otherwise
    text: str  # cleaned content
    tag: str


# A line ending in the first half of a number range or a hyphenated name ("pp. 247-", "DSM-"): a
# number opening the next line is the range's end or the name's tail, not an item's number.
_RANGE_WRAPPED = re.compile(r"\w[-\u2010\u2011\u2013]$")
# A line cut inside an author list: after a comma, a joiner or an initial ("Moriarty," / "N.W., Read, R.J.";
# "L. E. B." / "Kruuk, and D. H. Nussey. 2010.").
_NAMES_CUT = re.compile(r"(?:[^\W\d_]\.?,|&|\b(?:and|und|et)|(?:^|\s)[A-Z]\.)$")
# ... after a name with its initials, as an editor list after the year is ("in J. G. Vaughan,").
_INITIALED_CUT = re.compile(r"\b[A-Z]\.\s?[A-Z][^\W\d_'-]*(?:[-'][^\W\d_]+)?,$")


def _carried_on(prev: _Line, ln: _Line) -> bool:
    """Whether ``ln`` goes on with the entry above whatever its shape: it opens with the end of a
    number range that ``prev`` breaks off at its dash ("... 4, 211-" / "219. https://..."), or
    ``prev`` ends in the ellipsis of an author list cut short ("Smolka, M. N., …" / "Heinz, A. (2012).
    ...", APA's seventh edition)."""
    if prev.text.endswith(("…", "...")):
        return True
    return ln.text[:1].isdigit() and _RANGE_WRAPPED.search(prev.text) is not None


def _names_go_on(b: _Builder, j: int, dated: bool) -> bool:
    """Whether line ``j`` goes on with an author list the line above breaks off after a name and its
    comma or a joiner ("..., Moriarty," / "N.W., Read, R.J., ... (2002)."): the entry so far holds no
    year (not ``dated``: else it ended at a place, "Bergen,") or the name has its initials ("Pp. 69-118
    in J. G. Vaughan," / "A. J. Macleod & ... (eds.)"), no bullet opens the line and its shape
    could hold names (a sentence of prose after an entry cut short at a comma opens its own block)."""
    ln = b.lines[j]
    prev = b.lines[j - 1].text
    return (
        (not dated or _INITIALED_CUT.search(prev) is not None)
        and _NAMES_CUT.search(prev) is not None
        and not ln.bullet
        and _may_hold_names(b.scores[j] if j < len(b.scores) else None)
    )


def _split_lines(raw: str, removed: Sequence[tuple[int, int]]) -> list[_Line]:
    lines: list[_Line] = []
    tags: dict[tuple[str, bool], str] = {}  # a line's tag depends on its text and bullet alone
    pos = 0
    n = len(raw)
    # The first removal that ends past the current line's content: the lines come in order, so it
    # only moves on (clean_text looks it up afresh, by a search, for every line).
    k = 0
    n_removed = len(removed)
    while pos <= n:
        m = _LINE.match(raw, pos)
        assert m is not None  # the pattern matches the empty string
        start, end = pos, m.end()
        if start < end and (raw[start] in _MARK_STARTS or raw[start].isdigit()):
            indent, cstart, bullet, md_level = _line_marks(raw, start, end)
            if bullet and raw[start + indent].isdigit() and lines and _RANGE_WRAPPED.search(lines[-1].text):
                # "247-" / "257. https://doi.org/...": a page range wrapped at its dash, not a number.
                bullet, cstart = False, start + indent
        else:
            indent, cstart, bullet, md_level = 0, start, False, 0
        while k < n_removed and removed[k][1] <= cstart:
            k += 1
        if k < n_removed and removed[k][0] < end:
            text = clean_text(raw, cstart, end, removed)
        else:  # no removal meets the line: clean_text's text is its words joined by single spaces
            text = fold_whitespace(raw, cstart, end)
        tag = tags.get((text, bullet))
        if tag is None:
            tag = tags[text, bullet] = _tag(text, bullet)
        lines.append(_Line(start, end, cstart, indent, bullet, md_level, text, tag))
        nl = _NEWLINE.match(raw, end)
        if nl is None:
            break
        pos = nl.end()
    return lines


# The characters a line's indentation, bullet or number (any digit), or Markdown heading mark starts
# with: a line that starts with none of them (most lines) has none, and is spared the three matches.
_MARK_STARTS = frozenset(" \t\u00a0\u3000•·▪◦‣●○■□►▸➢✓*-–—([#")


def _line_marks(raw: str, start: int, end: int) -> tuple[int, int, bool, int]:
    """The line ``raw[start:end]``'s indentation, where its content starts (after the indentation,
    a bullet or number, or a Markdown heading's marks), whether it has a bullet, and its heading level."""
    indent = _INDENT.match(raw, start, end).end() - start  # type: ignore[union-attr]
    cstart = start + indent
    bullet = False
    md_level = 0
    if (b := _BULLET.match(raw, start, end)) and b.end() > start:
        bullet, cstart = True, b.end()
    elif h := _MD_HEADING.match(raw, start, end):
        md_level, cstart = len(h.group(1)), h.end()
    return indent, cstart, bullet, md_level


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _at_most_words(text: str, limit: int) -> bool:
    """``len(_words(text)) <= limit``, without listing the words of a long line."""
    return sum(1 for _ in islice(_WORD.finditer(text), limit + 1)) <= limit


def _is_headlike(text: str) -> bool:
    # The tests on the line's ends come first: most lines fail one, and they cost less than the words.
    if not text or len(text) > 120:
        return False
    if text[-1] in ".,;" and not text.endswith(("U.S.", "Jr.", "Inc.", "Co.")):
        return False
    first = text.lstrip("\"“‘'(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    return 1 <= len(_words(text)) <= 15


def _title_case_ratio(text: str) -> float:
    content = [w for w in _words(text) if w.lower() not in _STOPWORDS and w[0].isalpha()]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper()) / len(content)


def _is_dateline(text: str) -> bool:
    if len(text) > 90 or not _FOUR_DIGITS.search(text):
        return False
    found = parse_date(text)
    if found is None:
        return False
    rest = text[: found[1]] + " " + text[found[2] :]
    others = [w for w in _words(rest) if w.lower().strip(".") not in _DATELINE_WORDS and not w[0].isdigit()]
    return len(others) <= 1


def _is_keyword_line(text: str) -> bool:
    if len(text) > 200 or "," not in text or _SENTENCE_END.search(text):
        return False
    items = [i.strip() for i in text.split(",")]
    if len(items) < 2 or any(not i or len(i.split()) > 5 for i in items):
        return False
    alpha = [w for w in _words(text) if w[0].isalpha()]
    return bool(alpha) and sum(1 for w in alpha if w[0].islower()) / len(alpha) >= 0.75


def _tag(text: str, bullet: bool) -> str:
    if not text:
        return _Tag.EMPTY_BULLET if bullet else _Tag.BLANK
    if _FURNITURE.match(text):
        return _Tag.FURNITURE
    if _is_dateline(text):
        return _Tag.DATE
    if (m := _BYLINE.match(text)) and len(_words(m.group("who"))) <= 12 and not _SENTENCE_END.search(text):
        return _Tag.BYLINE
    if _is_keyword_line(text):
        return _Tag.KEYWORDS
    if _CREDIT.match(text) and _at_most_words(text, 8) and not _SENTENCE_END.search(text):
        return _Tag.CREDIT
    if _is_headlike(text) and not bullet:
        return _Tag.HEADLIKE
    return _Tag.PROSE


def _is_body_prose(ln: _Line) -> bool:
    return ln.tag == _Tag.PROSE and not ln.bullet and (len(ln.text) >= 60 or not _at_most_words(ln.text, 7))


def _looks_like_reference(ln: _Line) -> bool:
    return bool(_YEAR.search(ln.text) or _INVERTED_NAME.match(ln.text) or ln.bullet)


# --- the reading-order pass --------------------------------------------------------------------


# Where one reference of a compound entry ends and the next begins: a semicolon after a year, volume or
# page number ("... Phys. Rev. D 44, 3567 (1991); P. Ball, V. M. Braun, ...").
_COMPOUND_BREAK = re.compile(r"(?:(?<=[\d)\]])|(?<=\d[a-z]));\s+")
# ... but not after a name and a year, as in a citation inside prose ("(Bem, 1974; Conway, ...").
_CITED_YEAR = re.compile(r"[^\W\d_],\s(?:1[5-9]\d\d|20\d\d)[a-z]?$")
# "F. Abe et al.", "O. Wendt arXiv.org": initials and a surname with no comma or "and" after it, which
# leading_name wants; a journal's abbreviation ("J. Phys.") has its full stop.
_INITIALED = re.compile(r"(?:[A-Z][a-z]?\.\s?-?){1,3}\s?[A-ZÀ-Ý][\w'’-]+\b(?!\.)")
# A part closed by an e-print's identifier is complete without a year: "hep-ph/0606054", "arXiv:0704.1800".
_EPRINT = re.compile(r"\b[a-z]+(?:-[a-z]+)?/\d{7}\b|arXiv:\s?\d{4}\.\d{4,5}")
# A compound entry's lettered part: "(b) ", "b) ".
_PART_LETTER = re.compile(r"\(?[a-z]\s?\)\s?")


def _compound_parts(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """The references of the entry ``raw[start:end]``: physics journals number several works as one
    entry, a semicolon between them. A semicolon breaks the entry only where the part before it holds a
    year or an e-print's identifier and the text after it opens with a name or a part's letter ("b) "),
    so "Lee, E. F.; Dewson, G." (authors) and "41, 690 (1988); 53, 1349 (1996)" (an erratum's volume and
    page) stay whole.

    >>> raw = "T. Aliev, Sov. J. Nucl. Phys. 40, 527 (1984); P. Ball, V. M. Braun, Phys. Rev. D 44, 3567 (1991)."
    >>> [raw[s:e] for s, e in _compound_parts(raw, 0, len(raw))]
    ['T. Aliev, Sov. J. Nucl. Phys. 40, 527 (1984);', 'P. Ball, V. M. Braun, Phys. Rev. D 44, 3567 (1991).']
    """
    parts: list[tuple[int, int]] = []
    s = start
    for m in _COMPOUND_BREAK.finditer(raw, start, end):
        tail = fold_whitespace(raw, m.end(), min(end, m.end() + 80))
        if (
            (_YEAR.search(raw, s, m.start()) or _EPRINT.search(raw, s, m.start()))
            and not _CITED_YEAR.search(raw, max(s, m.start() - 40), m.start())
            and (names_open(tail) or _INITIALED.match(tail) or _PART_LETTER.match(tail))
        ):
            parts.append((s, m.start() + 1))
            s = m.end()
    parts.append((s, end))
    return parts


class _Builder:
    def __init__(
        self,
        raw: str,
        source_id: str,
        lines: list[_Line],
        scores: Sequence[LineScores | None] = (),
        furniture: AbstractSet[int] = frozenset(),
    ) -> None:
        self.raw = raw
        self.source_id = source_id
        self.lines = lines
        self.scores = scores
        self.hard_wrapped = _lower_start_share(lines) >= HARD_WRAP_SHARE or _even_width(lines)
        self.blocks: list[Block] = []
        self.section: tuple[str, ...] = ()
        self.furniture = furniture
        #: The reference lines (:func:`_reference_lines`), once found.
        self.refs: AbstractSet[int] = frozenset()
        #: The index of the last block that is neither a paragraph nor page furniture.
        self.last_other = -1

    def emit(self, kind: PassageKind, start: int, end: int, section: tuple[str, ...] | None = None) -> None:
        if kind is PassageKind.BIBLIOGRAPHY_ENTRY:
            for s, e in _compound_parts(self.raw, start, end):
                self._emit(kind, s, e, section)
        else:
            self._emit(kind, start, end, section)

    def _emit(self, kind: PassageKind, start: int, end: int, section: tuple[str, ...] | None) -> None:
        # Trim whitespace at both ends so the block's span is its content.
        while start < end and self.raw[start].isspace():
            start += 1
        while end > start and self.raw[end - 1].isspace():
            end -= 1
        if start < end:
            sec = self.section if section is None else section
            # Valid by construction: the id was checked by find_blocks, 0 <= start < end, kind a member.
            self.blocks.append(trusted_block(kind, trusted_span(self.source_id, start, end), sec))
            if kind is not PassageKind.PARAGRAPH and kind is not PassageKind.FURNITURE:
                self.last_other = len(self.blocks) - 1

    def after_entries(self, gap_from: int) -> bool:
        """Whether only paragraphs and page furniture stand between here and the last entry, or the heading
        of a bibliography that ended at block ``gap_from``: a bibliography there may have stopped short,
        whether a heading opened it or its entries were found by their shape alone."""
        last = self.last_other
        return last < gap_from or (last >= 0 and self.blocks[last].kind is PassageKind.BIBLIOGRAPHY_ENTRY)

    def next_nonblank(self, i: int) -> int | None:
        for j in range(i, len(self.lines)):
            if self.lines[j].tag != _Tag.BLANK:
                return j
        return None

    def after_furniture(self, k: int) -> int | None:
        """The first non-blank line after the page furniture that starts at line ``k`` (None at the end)."""
        m: int | None = k
        while m is not None and m in self.furniture:
            m = self.next_nonblank(m + 1)
        return m


#: The body's prose lines whose words a title candidate is compared with (corpus.lines.title).
BODY_OPENING_LINES = 3
#: ... each up to this many characters.
BODY_OPENING_CHARS = 2000


def _is_title_candidate(ln: _Line) -> bool:
    return (
        ln.tag == _Tag.HEADLIKE
        and not ln.bullet
        and not _is_bib_heading(ln.text)
        and not _RELATED_HEADING.match(ln.text)
    )


def _title_candidates(
    lines: list[_Line], image: set[int], scores: Sequence[LineScores | None]
) -> tuple[list[Candidate], int, set[str]]:
    """The lines that may be the page's title, for the title model (:mod:`corpus.lines.title`), the
    index of the body's first line (the first prose line of the body core, of the page when the line
    model marks no core, or a bibliography or link-list heading before it), and the words of the body's
    first prose lines."""
    prose = [i for i, ln in enumerate(lines) if _is_body_prose(ln)]
    core = [i for i in prose if (s := scores[i]) is not None and s.in_core]
    body_start = core[0] if core else prose[0] if prose else len(lines)
    # The head of the page also ends where a bibliography or a list of links opens.
    body_start = next(
        (
            i
            for i, ln in enumerate(lines[:body_start])
            if ln.tag == _Tag.HEADLIKE and (_is_bib_heading(ln.text) or _RELATED_HEADING.match(ln.text))
        ),
        body_start,
    )
    out = []
    for i in range(body_start):
        ln = lines[i]
        s = scores[i]
        if i in image or s is None or not _is_title_candidate(ln):
            continue
        j = i + 1
        while j < len(lines) and lines[j].tag == _Tag.BLANK:
            j += 1
        meta = j < len(lines) and lines[j].tag in (_Tag.DATE, _Tag.BYLINE)
        out.append(Candidate(i, ln.text, s.chrome, s.in_core, ln.md_level > 0, meta))
    if not out:
        return out, body_start, set()
    # A line's head is enough to compare a title with (and a hundred-megabyte line is not listed whole).
    opening = [lines[i].text[:BODY_OPENING_CHARS] for i in (core or prose)[:BODY_OPENING_LINES]]
    return out, body_start, content_words(" ".join(opening))


def page_title_inputs(raw: str, removed: Sequence[tuple[int, int]] = ()) -> tuple[list[Candidate], int, set[str]]:
    """What the title model reads of ``raw`` (as :func:`find_blocks` reads it), for its trainer."""
    lines = _split_lines(raw, removed)
    furniture = page_furniture([ln.text for ln in lines], [raw[ln.end : ln.end + 1] == "\x0c" for ln in lines])
    scores = score_lines([raw[ln.start : ln.cstart] + ln.text if ln.text else "" for ln in lines], skip=furniture)
    image = _image_blocks(lines, _reference_lines(lines, scores))
    return _title_candidates(lines, set(image), scores)


def _find_title(lines: list[_Line], image: set[int], scores: Sequence[LineScores | None] = ()) -> int | None:
    weights = title_model().get("weights") if scores else None
    if weights:
        found, body_start, body_words = _title_candidates(lines, image, scores)
        k = choose_title(weights, title_features(found, body_start, body_words))
        return None if k is None else found[k].line
    # The head of the page ends where the body starts or a bibliography or link list opens.
    body = next(
        (
            i
            for i, ln in enumerate(lines)
            if _is_body_prose(ln)
            or (ln.tag == _Tag.HEADLIKE and (_is_bib_heading(ln.text) or _RELATED_HEADING.match(ln.text)))
        ),
        len(lines),
    )
    head = [i for i in range(body) if i not in image]
    candidates = [
        i
        for i in head
        if lines[i].tag == _Tag.HEADLIKE
        and not lines[i].bullet
        and not _is_bib_heading(lines[i].text)
        and not _RELATED_HEADING.match(lines[i].text)
    ]
    if not candidates:
        return None
    meta = [i for i in head if lines[i].tag in (_Tag.DATE, _Tag.BYLINE)]
    if meta:
        before = [i for i in candidates if i < meta[0]]
        if before:
            return before[-1]
    return candidates[0]


def _image_blocks(lines: list[_Line], refs: set[int]) -> dict[int, PassageKind]:
    """Image furniture: a keyword line or a credit line, then (in the same group of lines) the
    caption, with a short credit line right after a keyword line. A line the line model reads as part
    of a bibliographic entry (in ``refs``) opens none: a wrapped entry's last line ("reports 6, 12
    (2016)") has the form of a keyword list."""
    kinds: dict[int, PassageKind] = {}
    for i, ln in enumerate(lines):
        if ln.tag not in (_Tag.KEYWORDS, _Tag.CREDIT) or i in kinds or i in refs:
            continue
        kinds[i] = PassageKind.KEYWORDS if ln.tag == _Tag.KEYWORDS else PassageKind.CREDIT
        j = i + 1
        if (
            ln.tag == _Tag.KEYWORDS
            and j < len(lines)
            and lines[j].tag in (_Tag.HEADLIKE, _Tag.CREDIT)
            and _at_most_words(lines[j].text, 6)
        ):
            kinds[j] = PassageKind.CREDIT
            j += 1
        first = j
        while j < len(lines) and lines[j].tag not in (_Tag.BLANK, _Tag.EMPTY_BULLET, _Tag.KEYWORDS, _Tag.CREDIT):
            if j > first and _SENTENCE_END.search(lines[j - 1].text):
                break  # a caption goes on only where its line was wrapped, not into the text after it
            kinds[j] = PassageKind.CAPTION
            j += 1
    return kinds


# Lines whose tag alone makes them a block of their own (furniture belongs to no section).
_LINE_KINDS = {_Tag.FURNITURE: PassageKind.FURNITURE, _Tag.DATE: PassageKind.DATELINE, _Tag.BYLINE: PassageKind.BYLINE}


def _scored_lines(
    raw: str, lines: list[_Line], furniture: AbstractSet[int]
) -> tuple[list[LineScores | None], set[int], dict[int, PassageKind], int | None]:
    """The line model's scores of ``lines``, the reference lines, the image blocks and the title line.

    The article-start model reads the title line; the reference lines, the image blocks and the title do
    not depend on where the article starts, so they are found once, from the scores before it is chosen.
    """
    picked: list[tuple[set[int], dict[int, PassageKind], int | None]] = []

    def pick_title(first: Sequence[LineScores | None]) -> int | None:
        refs = _reference_lines(lines, first)
        image = _image_blocks(lines, refs)
        picked.append((refs, image, _find_title(lines, set(image), first)))
        return picked[-1][2]

    texts = [raw[ln.start : ln.cstart] + ln.text if ln.text else "" for ln in lines]
    scores = score_lines(texts, skip=furniture, title=pick_title)
    if not picked:
        pick_title(scores)
    refs, image, title = picked[-1]
    return scores, refs, image, title


def find_blocks(raw: str, source_id: str, removed: Sequence[tuple[int, int]] = ()) -> list[Block]:
    """Classify a raw text into ordered, non-overlapping blocks.

    ``removed`` are the raw ranges cleaning will drop (sorted, non-overlapping); lines made only of
    them count as empty.

    >>> blocks = find_blocks("A Title\\n\\nMay 3, 2020\\nThe first paragraph of the body text is here.\\n", "d")
    >>> [(b.kind.value, b.span.start, b.span.end) for b in blocks]
    [('title', 0, 7), ('dateline', 9, 20), ('paragraph', 21, 66)]
    """
    Span(source_id, 0, 0)  # refuses an invalid source id before any work (the blocks' spans are not checked)
    lines = _split_lines(raw, removed)
    # Page numbers and running heads: an entry runs across them to its continuation on the next page.
    furniture = page_furniture([ln.text for ln in lines], [raw[ln.end : ln.end + 1] == "\x0c" for ln in lines])
    scores, refs, image, title = _scored_lines(raw, lines, furniture)
    if not any(s is not None and s.in_main for s in scores):
        # No run of prose at all (a short note, a list): nothing to tell chrome from body by.
        scores = [None if s is None else s._replace(chrome=0.0) for s in scores]
    b = _Builder(raw, source_id, lines, scores, furniture)
    refs -= furniture  # a page number or running head starts no entry
    refs -= {k for k in refs if author_roster(lines[k].text)}  # nor does a list of authors with their marks
    b.refs = refs
    openers = _announcing_lines(lines, scores)
    mode = ""  # "", "bib" or "related"
    # Where the blocks after a bibliography that stopped short begin: while only paragraphs follow it,
    # its entries may go on.
    gap_from = -1
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        tag = ln.tag
        if tag == _Tag.BLANK:
            i += 1
            continue
        # A caption runs on until a sentence ends (its lines wrapped); on a scraped page, one block
        # a line, that reads on into the menu or the comment form after the picture: a line the
        # line model takes for chrome is no caption, and goes the way of any other line.
        if i in image and (image[i] is not PassageKind.CAPTION or _scored_body(scores[i])):
            kind = image[i]
            j = i + 1
            if kind is PassageKind.CAPTION:
                while j < n and image.get(j) is PassageKind.CAPTION and _scored_body(scores[j]):
                    j += 1
            b.emit(kind, ln.cstart, lines[j - 1].end)
            i = j
            continue
        if i == title:
            _emit_title(b, ln)
            i += 1
            continue
        if tag in _LINE_KINDS:
            b.emit(_LINE_KINDS[tag], ln.cstart, ln.end, () if tag == _Tag.FURNITURE else None)
            i += 1
            continue
        if (run := _numbered_run(raw, ln, in_bib=mode == "bib")) is not None:
            mode = _emit_numbered_run(b, ln, run)
            i += 1
            continue
        if (flat := _author_year_run(raw, ln, in_bib=mode == "bib")) is not None:
            mode = _emit_author_year_run(b, ln, *flat)
            i += 1
            continue
        if i in refs and mode != "bib" and (_starts_entry(scores[i]) or _goes_on_entry(b, i)):
            i = _take_unheaded_entry(b, i, scores, refs)
            continue
        if mode != "bib" and (_marks_entry(b, i, refs) or (b.after_entries(gap_from) and _labels_entry(b, i))):
            i = _take_item(b, i, PassageKind.BIBLIOGRAPHY_ENTRY, bib=True)
            continue
        if mode == "" and _is_chrome(lines, i, scores, openers):
            b.emit(PassageKind.FURNITURE, ln.cstart, ln.end, ())
            i += 1
            continue
        if mode == "bib":
            if (
                ln.bullet
                or _ALPHA_LABEL.match(ln.text)
                or i in refs
                or tag == _Tag.EMPTY_BULLET
                or _numbers_entry(b, i)
                or (tag != _Tag.HEADLIKE and _looks_like_reference(ln))
                or (tag == _Tag.HEADLIKE and _looks_like_reference(ln) and not ln.md_level)
            ):
                i = _take_item(b, i, PassageKind.BIBLIOGRAPHY_ENTRY, bib=True)
                continue
            mode = ""
            b.section = ()
            gap_from = len(b.blocks)
        if tag == _Tag.HEADLIKE and (ln.md_level or not ln.bullet):
            if _is_bib_heading(ln.text):
                b.section = (ln.text.rstrip(":"),)
                b.emit(PassageKind.HEADING, ln.cstart, ln.end)
                mode = "bib"
                i += 1
                continue
            if _RELATED_HEADING.match(ln.text):
                b.section = (ln.text.rstrip(":"),)
                b.emit(PassageKind.HEADING, ln.cstart, ln.end)
                mode = "related"
                i += 1
                continue
            if mode == "related" or _ends_in_link_run(lines, i):
                if mode != "related":
                    mode, b.section = "related", ()
                b.emit(PassageKind.RELATED_LINK, ln.cstart, ln.end)
                i += 1
                continue
            if _is_heading(lines, i):
                if ln.md_level > 1 and b.section:
                    b.section = (*b.section[: ln.md_level - 1], ln.text)
                else:
                    b.section = (ln.text,)
                b.emit(PassageKind.HEADING, ln.cstart, ln.end)
                i += 1
                continue
        if mode == "related" and not _SENTENCE_END.search(ln.text) and _at_most_words(ln.text, 15):
            b.emit(PassageKind.RELATED_LINK, ln.cstart, ln.end)
            i += 1
            continue
        mode = ""
        if ln.bullet or tag == _Tag.EMPTY_BULLET:
            i = _take_marked(b, i)
            continue
        i = _take_paragraph(b, i, in_bibliography=b.after_entries(gap_from))
    return b.blocks


def _take_unheaded_entry(b: _Builder, i: int, scores: Sequence[LineScores | None], refs: set[int]) -> int:
    """An entry outside a bibliography heading from line ``i``, or a paragraph when the model is not sure of
    the line by itself and the entry shows no reference cue or cites works as body text does (numbered
    points of the text, contributions and acknowledgements have an entry's shape, not its cues). A line that
    opens no entry (:func:`_goes_on_entry`) is the rest of the entry above, with its cue: the entry runs on
    over the lines between."""
    emitted = len(b.blocks)
    last = b.last_other
    after = _take_entry(b, i, scores, refs)
    first = scores[i]
    tail = not _starts_entry(first)
    if len(b.blocks) > emitted and (tail or first is None or first.reference < LONE_REFERENCE_THRESHOLD):
        entry = b.blocks[-1].span
        text = b.raw[entry.start : entry.end]
        if not reference_cue(text) or cites_in_text(text):
            del b.blocks[emitted:]
            return _take_paragraph(b, i)
    if len(b.blocks) > emitted and tail:
        # The rest of the entry above (_goes_on_entry): it runs on over the lines between.
        above = b.blocks[last]
        end = b.blocks[-1].span.end
        del b.blocks[last:]
        b.emit(PassageKind.BIBLIOGRAPHY_ENTRY, above.span.start, end, above.section)
    return after


#: How many lines before a reference line the entry it goes on may end (see :func:`_goes_on_entry`).
TAIL_REACH = 8


def _goes_on_entry(b: _Builder, i: int) -> bool:
    """Whether reference line ``i``, which opens no entry, is the rest of the entry above: in a hard-wrapped
    text, with only paragraphs and page furniture since that entry, which ends at most :data:`TAIL_REACH`
    lines above (a running head and page number, or lines the line model could not read, broke it off: a title
    wrapped over a narrow column, then "Lett. 2019, 7, 410-418."), and which reads as part of an entry by its
    own shape too."""
    last = b.last_other
    if not b.hard_wrapped or last < 0 or b.blocks[last].kind is not PassageKind.BIBLIOGRAPHY_ENTRY:
        return False
    s = b.scores[i]
    if s is None or s.shape < SHAPE_THRESHOLD:
        return False  # a line that reads as part of an entry only among its neighbours
    end = b.blocks[last].span.end
    if end < b.lines[max(0, i - TAIL_REACH)].start:
        return False
    # A line with an entry's mark or key, the line itself or one between, opens another entry.
    return not any(
        ln.bullet or _ALPHA_LABEL.match(ln.text) for ln in b.lines[max(0, i - TAIL_REACH) : i + 1] if ln.start >= end
    )


#: A line is chrome when the line model is at least this sure (page-chrome model) ...
CHROME_THRESHOLD = 0.65
#: ... and this sure inside the body core, where short body lines sit among headings (the core is
#: the stretch the line model marks as most surely body, :attr:`LineScores.in_core`). Both chosen on
#: the dev pages with the stacked stage reading the line's own shapes (checks passed, must-appear,
#: must-not-appear): 0.5/0.8 0.867/0.935/0.800, 0.5/0.75 0.874/0.930/0.817, 0.6/0.7 0.872/0.926/0.819,
#: 0.6/0.75 0.871/0.932/0.811, 0.65/0.75 0.872/0.938/0.806, 0.65/0.8 0.866/0.943/0.790, 0.7/0.75
#: 0.867/0.938/0.797: 0.65/0.75 passes the most checks of those that lose no must-appear string the
#: model before them found (0.937).
CHROME_THRESHOLD_IN_BODY = 0.75
#: ... and this sure after the line the article-end model takes for the article's last
#: (:attr:`LineScores.after_end`): not at all, a prose line there is chrome. Dev page checks passed
#: (trafilatura / Zyte) with the model of corpus/lines/data/article_end.json, hard-wrapped texts cut too:
#: 0.0 0.921 / 0.859, 0.3 0.918 / 0.855 (0.904 / 0.835 without the model).
CHROME_THRESHOLD_AFTER_END = 0.0
#: ... and this sure before the line the article-start model takes for the article's first
#: (:attr:`LineScores.before_start`; the title line is never marked so): a lead or a standfirst the model
#: puts before the start stays when the chrome model reads it as surely body. Dev page checks passed
#: (trafilatura / Zyte) with the model of corpus/lines/data/article_start.json: 0.3 0.922 / 0.926, 0.5
#: 0.921 / 0.920 (0.921 / 0.902 without the model); 0.0 (every line before the start goes) loses more
#: must-appear strings than it gains on trafilatura's pages (bench/train_article_start.py).
CHROME_THRESHOLD_BEFORE_START = 0.3
#: A reference line opens an entry when the line model is at least this sure it starts one.
ENTRY_START_THRESHOLD = 0.5
#: A line is a reference line when the stacked line model is at least this sure ...
REFERENCE_THRESHOLD = 0.7
#: A line starts an entry only when its own shape says reference at least this surely.
SHAPE_THRESHOLD = 0.5
#: No line is a reference line whose own shape says it is one less surely than this, however many
#: entries surround it (a page number or running head between entries; dev-tuned).
CONTINUATION_SHAPE_THRESHOLD = 0.06
#: ... and it has a reference line next to it, or the model is at least this sure of it alone.
LONE_REFERENCE_THRESHOLD = 0.9


def _chrome_limit(s: LineScores) -> float:
    """How sure the line model must be that a line is chrome, where the line stands."""
    if s.after_end:
        return CHROME_THRESHOLD_AFTER_END
    if s.before_start:
        return CHROME_THRESHOLD_BEFORE_START
    return CHROME_THRESHOLD_IN_BODY if s.in_core else CHROME_THRESHOLD


def _scored_body(s: LineScores | None) -> bool:
    """Whether the line model leaves a line in the body (a blank line, or scored below its limit)."""
    return s is None or s.chrome < _chrome_limit(s)


def _is_chrome(lines: list[_Line], i: int, scores: Sequence[LineScores | None], openers: Sequence[int | None]) -> bool:
    """Whether the line model takes a prose line, or a heading-like line that heads nothing, for chrome."""
    ln, s = lines[i], scores[i]
    # The score first: most lines are body, and it costs less than the heading test.
    if s is None or ln.md_level or s.chrome < _chrome_limit(s) or _is_bib_heading(ln.text):
        return False
    if ln.text.endswith(":") and _opens_body(lines, i, scores):
        return False  # a line that announces the body text after it belongs to the body
    prev = next((j for j in range(i - 1, -1, -1) if lines[j].tag != _Tag.BLANK and not lines[j].bullet), None)
    if prev is not None and prev == i - 1 and not ln.bullet and not _SENTENCE_END.search(ln.text):
        prev = openers[prev] if openers[prev] is not None else prev
    if ln.bullet and prev is not None and prev < i - 1 and any(lines[j].tag == _Tag.BLANK for j in range(prev + 1, i)):
        prev = None  # a list after a blank line is not the one a sentence announced
    if prev is not None and _opens_content(lines, prev, scores[prev]):
        return False  # the content a heading opens, or the list a sentence announces, is body
    return ln.tag == _Tag.PROSE or (ln.tag == _Tag.HEADLIKE and not _is_heading(lines, i))


def _opens_content(lines: list[_Line], j: int, s: LineScores | None) -> bool:
    """Whether line ``j`` is a heading or a colon-ended line whose content after it is body.

    A marked heading, or one standing alone between blank lines, opens body content whatever the
    line model says of it (short headings score as chrome). A heading glued to the line after it,
    or a line ending in a colon, opens body content only when the model leaves it in the body
    itself: on a scraped page "Search for:" or the site's name on the first line precede a menu.
    """
    ln = lines[j]
    if ln.md_level:
        return True
    heading = ln.tag == _Tag.HEADLIKE and _is_heading(lines, j)
    if heading and (j + 1 >= len(lines) or lines[j + 1].tag == _Tag.BLANK):
        return True
    return (heading or ln.text.endswith(":")) and _scored_body(s)


#: The most items a colon-ended sentence is taken to announce, one per line.
ANNOUNCED_ITEMS = 20


def _opens_body(lines: Sequence[_Line], i: int, scores: Sequence[LineScores | None]) -> bool:
    """Whether the next line of more than one word is a sentence the line model takes for body."""
    for j in range(i + 1, min(len(lines), i + 1 + ANNOUNCED_ITEMS)):
        s = scores[j]
        if s is None or _at_most_words(lines[j].text, 1):
            continue
        return s.chrome < _chrome_limit(s) and lines[j].tag == _Tag.PROSE and bool(_SENTENCE_END.search(lines[j].text))
    return False


def _announcing_lines(lines: Sequence[_Line], scores: Sequence[LineScores | None]) -> list[int | None]:
    """For each line, the line that opens the run of unpunctuated items it ends, when a colon-ended
    body line opens it: on a scraped page the items a sentence announces ("Our favourite places:")
    follow it one per line. One pass; a run stops at a blank line or a sentence."""
    out: list[int | None] = []
    opener: int | None = None
    for m, ln in enumerate(lines):
        if ln.tag in (_Tag.BLANK, _Tag.FURNITURE) or _SENTENCE_END.search(ln.text):
            out.append(None)
            opener = None
            continue
        # Menus run for hundreds of lines without a blank one: a list's length, no further.
        out.append(opener if opener is not None and m - opener <= ANNOUNCED_ITEMS else None)
        if ln.text.endswith(":"):
            s = scores[m]
            body = s is not None and s.chrome < _chrome_limit(s) and not _at_most_words(ln.text, 3)
            opener = m if body else None
    return out


def _reference_lines(lines: Sequence[_Line], scores: Sequence[LineScores | None]) -> set[int]:
    """Lines the model reads as bibliographic entries: in a run of such lines, or sure on their own."""
    sure = [
        i
        for i, s in enumerate(scores)
        if s is not None
        and s.reference >= REFERENCE_THRESHOLD
        and (s.shape >= SHAPE_THRESHOLD or not _starts_entry(s))  # an entry starts only where a line looks like one
        and s.shape >= CONTINUATION_SHAPE_THRESHOLD
        and not lines[i].md_level
        and not _is_bib_heading(lines[i].text)
    ]
    keep: set[int] = set()
    for k, i in enumerate(sure):
        near = (k > 0 and _only_blank_between(scores, sure[k - 1], i)) or (
            k + 1 < len(sure) and _only_blank_between(scores, i, sure[k + 1])
        )
        s = scores[i]
        if near or (s is not None and s.reference >= LONE_REFERENCE_THRESHOLD):
            keep.add(i)
    return keep


def _is_bib_heading(text: str) -> bool:
    """A heading that opens a bibliography, in any of the languages the heading table knows."""
    # The same heading-like lines are asked about again and again (title, link runs, references):
    # short ones are remembered; a long line is no heading and is folded at most once or twice.
    if len(text) <= _SHORT_LINE:
        return _is_short_bib_heading(text)
    return bool(_BIB_HEADING.match(text)) or folds_to_heading(text)


_SHORT_LINE = 200


@lru_cache(maxsize=4096)
def _is_short_bib_heading(text: str) -> bool:
    if _SPACED_CAPS.fullmatch(text):  # "R E F E R E N C E S", a heading out of a PDF
        text = text.replace(" ", "")
    return bool(_BIB_HEADING.match(text)) or folds_to_heading(text)


def _only_blank_between(scores: Sequence[LineScores | None], a: int, b: int) -> bool:
    return all(scores[j] is None for j in range(a + 1, b))


def _starts_entry(s: LineScores | None) -> bool:
    """Whether a reference line opens an entry: a line the model reads as an entry's continuation
    opens none (left alone, it is a wrapped line of prose or a table that cites a work, or the rest of
    an entry whose first line was missed; either way not a whole entry)."""
    return s is not None and s.starts >= ENTRY_START_THRESHOLD


def _take_entry(b: _Builder, i: int, scores: Sequence[LineScores | None], refs: set[int]) -> int:
    """One bibliographic entry from line ``i``: the reference lines after it up to the next entry start."""
    lines = b.lines
    end = lines[i].end
    last = i
    dated = _YEAR.search(lines[i].text) is not None  # the entry so far holds a year
    j = i + 1
    while j < len(lines):
        k = b.next_nonblank(j)
        s = scores[k] if k is not None else None
        if k is None or s is None:
            break
        if k in b.furniture:
            # A page number or running head: the entry goes on only when its next line continues it.
            m = b.after_furniture(k)
            t = scores[m] if m is not None else None
            if m is None or t is None or m not in refs or _starts_entry(t):
                break
            k, s = m, t
        if lines[k].bullet and lines[i].bullet and lines[k].indent <= lines[i].indent and reference_cue(lines[k].text):
            break  # the next entry's mark, as the entry's own (a nested one marks a note)
        annotation = k not in refs and _annotates(lines[i], lines[k])
        # A line cut after a comma, colon or "and" leaves the entry unfinished: the line right under
        # it goes on with it, however little it looks like a reference by itself ("Wiley, New York.").
        unfinished = k == last + 1 and _UNFINISHED.search(lines[last].text) is not None and not lines[k].bullet
        # An entry of names alone so far goes on with the reference line right under it (its title).
        titled = (
            last == i
            and k == i + 1
            and s.reference >= REFERENCE_THRESHOLD
            and _names_alone(lines[i].text, lines[k].text)
        )
        if not annotation and not unfinished and not titled and k not in refs:
            break
        if (
            _starts_entry(s)
            and not annotation
            and not titled
            and not _completes_authors(lines[k], dated)
            and not (k == last + 1 and _container_locator(b.raw, lines[i].start, end, lines[k]))
            and not (k == last + 1 and (_carried_on(lines[last], lines[k]) or _names_go_on(b, k, dated)))
        ):
            break
        dated = dated or _YEAR.search(lines[k].text) is not None
        end = lines[k].end
        last = k
        j = k + 1
    b.emit(PassageKind.BIBLIOGRAPHY_ENTRY, _entry_start(b.raw, lines[i]), end)
    return j


# An entry's number inside a line: "[12] " or "12. " before a capital (a year has four digits).
_INLINE_NUMBER = re.compile(r"(?<!\S)(?:\[(?P<b>\d{1,3})\]|(?P<d>\d{1,3})\.)(?=\s+[^\W\d_])\s*")
_HEADING_CHARS = 60
#: A line is a flattened numbered bibliography when it holds at least this many consecutively
#: numbered entries.
NUMBERED_RUN_MIN = 3


def _numbered_run(raw: str, ln: _Line, *, in_bib: bool) -> list[re.Match[str]] | None:
    """The entry numbers of a bibliography flattened into one line ("References [1] A. Abel, ... [2]
    ..."): at least :data:`NUMBERED_RUN_MIN` markers numbered one after the other, the first after a
    bibliography heading alone, or at the line's start under such a heading (``in_bib``) or with a year
    in most of the entries (a numbered list of anything else, steps or contents, has none); None for any
    other line."""
    start = ln.start + ln.indent
    if ln.end - start < 80 or ln.md_level or not ("[" in ln.text or ". " in ln.text):
        return None
    run: list[re.Match[str]] = []
    for m in _INLINE_NUMBER.finditer(raw, start, ln.end):
        number = int(m.group("b") or m.group("d"))
        if not run:
            # Only a heading may stand before the first number, and a heading is a few words.
            if m.start() - start > _HEADING_CHARS:
                return None
            lead = raw[start : m.start()].strip()
            if lead and not _is_bib_heading(lead):
                return None
            run.append(m)
        elif number == int(run[-1].group("b") or run[-1].group("d")) + 1 and bool(m.group("b")) == bool(
            run[0].group("b")
        ):
            run.append(m)
    if len(run) < NUMBERED_RUN_MIN:
        return None
    if in_bib or raw[start : run[0].start()].strip():
        return run
    ends = [m.start() for m in run[1:]] + [ln.end]
    dated = sum(_YEAR.search(raw, m.end(), end) is not None for m, end in zip(run, ends, strict=True))
    return run if 3 * dated >= 2 * len(run) else None


def _emit_numbered_run(b: _Builder, ln: _Line, run: list[re.Match[str]]) -> str:
    """The heading before the first number, if any, and one entry from each number to the next; the
    bibliography mode after the line ("bib")."""
    lead = b.raw[ln.start + ln.indent : run[0].start()].strip()
    if lead:
        b.section = (lead.rstrip(":"),)
        b.emit(PassageKind.HEADING, ln.start + ln.indent, run[0].start())
    for m, after in zip(run, [*run[1:], None], strict=True):
        b.emit(PassageKind.BIBLIOGRAPHY_ENTRY, m.start(), after.start() if after is not None else ln.end)
    return "bib"


# A heading set in spaced capitals out of a PDF: "R E F E R E N C E S".
_SPACED_CAPS = re.compile(r"(?:[A-ZÀ-Ý] ){3,}[A-ZÀ-Ý](?= |$)")
# The first words of a line, where a heading may stand before a flattened list.
_LEAD_WORDS = re.compile(r"\S+(?: \S+){0,3}")


def _heading_lead(raw: str, start: int, end: int) -> int | None:
    """Where a bibliography heading opening ``raw[start:end]`` ends ("References Abel K., ..."), None
    when the line opens with none."""
    if m := _SPACED_CAPS.match(raw, start, end):
        return m.end() if _is_bib_heading(m.group().replace(" ", "")) else None
    lead = _LEAD_WORDS.match(raw, start, min(end, start + _HEADING_CHARS))
    if lead is None:
        return None
    words = list(re.finditer(r"\S+", lead.group()))
    for w in reversed(words):  # the longest heading first: "Works Cited" before "Works"
        if _is_bib_heading(lead.group()[: w.end()].rstrip(":")):
            return start + w.end()
    return None


#: A line holding a flattened author-year list is at least this long (a short line holds a reference
#: or two, never a list).
FLAT_MIN_CHARS = 300


def _author_year_run(raw: str, ln: _Line, *, in_bib: bool) -> tuple[int | None, list[int]] | None:
    """A bibliography of author-year entries flattened into the one line ``ln`` (see
    :mod:`corpus.runon`), after a bibliography heading on the same line or under one (``in_bib``):
    where the heading ends (None without one) and where each entry opens; None for any other line."""
    start = ln.start + ln.indent
    if ln.end - start < FLAT_MIN_CHARS or ln.md_level:
        return None
    head = None if in_bib else _heading_lead(raw, start, ln.end)
    if head is None and not in_bib:
        return None
    first = head if head is not None else start
    while first < ln.end and raw[first].isspace():
        first += 1
    starts = author_year_starts(raw, first, ln.end)
    return None if starts is None else (head, starts)


def _emit_author_year_run(b: _Builder, ln: _Line, head: int | None, starts: list[int]) -> str:
    """The heading before the first entry, if any, and one entry from each start to the next; the
    bibliography mode after the line ("bib")."""
    if head is not None:
        b.section = (b.raw[ln.start + ln.indent : head].rstrip(":"),)
        b.emit(PassageKind.HEADING, ln.start + ln.indent, head)
    for s, e in zip(starts, [*starts[1:], ln.end], strict=True):
        b.emit(PassageKind.BIBLIOGRAPHY_ENTRY, s, e)
    return "bib"


# A line that opens with a year: "2013. Title ..." or "(2013) Title ...".
_YEAR_LEAD = re.compile(r"\(?(?:1[5-9]\d\d|20\d\d)[a-z]?\)?[.,:]?(?:\s|$)")


def _names_alone(first: str, nxt: str) -> bool:
    """Whether an entry's first line ``first`` holds its authors alone ("Bernstein, Barton J."), so that
    the line right under it goes on with it (its title) unless that line opens with names too."""
    return (
        leading_name(first)
        and _YEAR.search(first) is None
        and len(first.split()) <= _NAMES_ALONE_WORDS
        and not leading_name(nxt)
    )


#: At most this many words make a line of names alone.
_NAMES_ALONE_WORDS = 6


def _completes_authors(ln: _Line, dated: bool) -> bool:
    """Whether ``ln``, opening with a year, goes on with an entry so far made of names alone (not
    ``dated``: no year yet): a long author list wrapped just before its year ("... & Hale, S. J." /
    "2013. Title ...")."""
    return not dated and _YEAR_LEAD.match(ln.text) is not None


# An entry's key in the alphabetic style of mathematics and computing: "[Lu] ", "[KTWWY] ", "[DG13]".
# Only inside a bibliography: elsewhere "[Anzeige]" and "[Update]" have the same shape.
_ALPHA_LABEL = re.compile(r"\[[A-ZÀ-Ý][A-Za-zÀ-ÿ+\-]{0,7}\d{0,4}[a-z]?\](?=\s|$)")

# An entry's number on a line of its own ("12", "12.", "[12]"), as text out of a two-column PDF
# layout puts it.
_ENTRY_NUMBER = re.compile(r"(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.?)")


def _numbers_entry(b: _Builder, i: int) -> bool:
    """Whether line ``i`` is an entry's number alone, right above the entry's first line (a reference
    line, or one shaped like a reference), with the number before or after it alone on a line nearby (a
    page number has its neighbours a page away)."""
    m = _ENTRY_NUMBER.fullmatch(b.lines[i].text)
    if m is None:
        return False
    k = i + 1
    if k >= len(b.lines) or not b.lines[k].text or b.lines[i].indent > b.lines[k].indent:
        return False
    if not (_reference_line(b, k) or _looks_like_reference(b.lines[k])):
        return False
    return _numbered_nearby(b, i)


def _shaped_start(b: _Builder, k: int) -> bool:
    """Whether the line model reads line ``k`` by its own shape as a line of an entry, and as one that opens
    an entry (Vancouver's "Surname AB, Surname C, ..." has no comma between a surname and its initials)."""
    s = b.scores[k] if k < len(b.scores) else None
    return _starts_entry(s) and _may_hold_names(s)


def _numbered_nearby(b: _Builder, i: int) -> bool:
    """Whether the number alone on line ``i`` has the number before or after it alone on a line within
    :data:`NUMBER_REACH` lines (entry numbers do; a page number's neighbours are a page away)."""
    n = _number_of(b.lines[i].text)
    near = range(max(0, i - NUMBER_REACH), min(len(b.lines), i + NUMBER_REACH + 1))
    return n is not None and any(_number_of(b.lines[j].text) == n + (1 if j > i else -1) for j in near if j != i)


#: How many lines away the next or previous entry number alone on its line may stand.
NUMBER_REACH = 12


def _number_of(text: str) -> int | None:
    m = _ENTRY_NUMBER.fullmatch(text)
    return int(re.sub(r"\D", "", m.group())) if m else None


def _marks_entry(b: _Builder, i: int, refs: set[int]) -> bool:
    """Whether line ``i`` is an entry's marker alone ("[5]", "5)"), right above a line the line model
    reads as an entry's start: outside a bibliography heading's reach (a figure broke the list off),
    the two make one entry, as they do under it. A bare number counts only where it stands no further
    right than the entry and has a neighbouring number nearby (page numbers stand off to the side or a
    page apart)."""
    if not (i + 1 in refs and _starts_entry(b.scores[i + 1])):
        return False
    ln = b.lines[i]
    return ln.tag == _Tag.EMPTY_BULLET or (
        _ENTRY_NUMBER.fullmatch(ln.text) is not None and ln.indent <= b.lines[i + 1].indent and _numbered_nearby(b, i)
    )


def _labels_entry(b: _Builder, i: int) -> bool:
    """Whether line ``i`` opens with an entry's number, bullet or key and the line model reads it as an entry's
    start (by its neighbours or its own shape), or is an entry's number alone on its line: after a bibliography
    that stopped short in a hard-wrapped text (a wrapped line it could not read broke it off), its next numbered
    entry is no list item."""
    ln = b.lines[i]
    if not b.hard_wrapped:
        return False  # one block a line: a numbered list after a bibliography is a list (comment rules, dates)
    if ln.bullet or _ALPHA_LABEL.match(ln.text):
        return (i in b.refs and _starts_entry(b.scores[i])) or _shaped_start(b, i)
    return _numbers_entry(b, i)


def _ends_entry(ln: _Line) -> bool:
    """Whether a line can be an entry's last: it ends a sentence or a link (a wrapped entry's page
    number, "438.", goes on from a line that does neither)."""
    return bool(_SENTENCE_END.search(ln.text) or _ENDS_IN_LINK.search(ln.text))


def _annotates(entry: _Line, ln: _Line) -> bool:
    """An annotated bibliography's note: prose indented under its entry belongs to the entry (the
    parser keeps it as the reference's annotation)."""
    return ln.tag == _Tag.PROSE and not ln.bullet and not ln.md_level and ln.indent > entry.indent + 1


def _emit_title(b: _Builder, ln: _Line) -> None:
    text = b.raw[ln.cstart : ln.end]
    m = _TITLE_SUFFIX.search(text.rstrip())
    if m and m.start() > 0 and _words(text[: m.start()]):
        cut = ln.cstart + m.start()
        b.emit(PassageKind.TITLE, ln.cstart, cut, ())
        b.emit(PassageKind.FURNITURE, cut, ln.end, ())
    else:
        b.emit(PassageKind.TITLE, ln.cstart, ln.end, ())


def _is_heading(lines: list[_Line], i: int) -> bool:
    ln = lines[i]
    if ln.md_level:
        return True
    prev_blank = i == 0 or lines[i - 1].tag == _Tag.BLANK
    next_blank = i + 1 >= len(lines) or lines[i + 1].tag == _Tag.BLANK
    if not prev_blank:
        return False
    if next_blank:
        return True
    # A heading glued to its first paragraph: short and title-cased, unlike a wrapped first line.
    nxt = lines[i + 1]
    return _title_case_ratio(ln.text) >= 0.6 and len(ln.text) < 0.6 * max(len(nxt.text), 1)


def _ends_in_link_run(lines: list[_Line], i: int) -> bool:
    """True when line i starts a run of heading-like lines that nothing but furniture follows."""
    count = 0
    j: int | None = i
    while j is not None and j < len(lines):
        ln = lines[j]
        if ln.tag == _Tag.BLANK:
            j += 1
            continue
        if ln.tag == _Tag.HEADLIKE and not ln.md_level and not _is_bib_heading(ln.text):
            count += 1
            j += 1
            continue
        if ln.tag == _Tag.FURNITURE:
            # Furniture ends the page: what comes after it is not part of this run.
            return count >= 2
        return False
    return count >= 2


def _entry_start(raw: str, ln: _Line) -> int:
    """Where a bibliography entry opening on line ``ln`` starts: at its number ("[12] ", "12. "), the
    label a text cites it by and part of the entry as written, else after its bullet."""
    mark = ln.start + ln.indent
    if ln.bullet and raw[mark : mark + 2].lstrip("[(")[:1].isdigit():
        return mark
    return ln.cstart


# An entry's number at the start of its line: "[12]", "(12)", "12." or "12)".
_MARK_NUMBER = re.compile(r"\s*[\[(]?(\d{1,4})[\].)]")


def _take_marked(b: _Builder, i: int) -> int:
    """A list item from the marked line ``i``, or a bibliography entry where its number carries on the
    numbering of the entry just before it."""
    ln = b.lines[i]
    if ln.bullet and reference_cue(ln.text) and _numbering_goes_on(b, ln):
        return _take_item(b, i, PassageKind.BIBLIOGRAPHY_ENTRY, bib=True)
    return _take_item(b, i, PassageKind.LIST_ITEM, bib=False)


def _numbering_goes_on(b: _Builder, ln: _Line) -> bool:
    """Whether the numbered line ``ln`` carries on the numbering of the bibliography entry just before it
    ("[9]" after "[8] ..."): an entry the line model doubts by itself in a numbered list of them."""
    if not b.blocks or b.blocks[-1].kind is not PassageKind.BIBLIOGRAPHY_ENTRY:
        return False
    this = _MARK_NUMBER.match(b.raw, ln.start, ln.end)
    before = _MARK_NUMBER.match(b.raw, b.blocks[-1].span.start, b.blocks[-1].span.end)
    return this is not None and before is not None and int(this.group(1)) == int(before.group(1)) + 1


def _take_item(b: _Builder, i: int, kind: PassageKind, *, bib: bool) -> int:
    """One list item or bibliography entry, joined across wrapped and indented continuation lines."""
    lines = b.lines
    first = lines[i]
    start = _entry_start(b.raw, first) if bib else first.cstart
    end = first.end
    # An entry's number or key alone on its line opens the entry; its text starts on the next line.
    has_text = bool(first.text) and not (
        bib and (_ENTRY_NUMBER.fullmatch(first.text) or _ALPHA_LABEL.fullmatch(first.text))
    )
    # An entry that opens with a key ("[Lu] ", "[DG13]") ends where the next key opens one, as a
    # numbered one does at the next number.
    keyed = bib and _ALPHA_LABEL.match(first.text) is not None
    labelled = first.bullet or keyed
    # An entry whose number stands alone on its line above it, as its neighbours' do, holds a second work
    # only where a line opens with a name (chemistry numbers several works as one entry); a journal's
    # name on a line of its own goes on with the entry.
    numbered = bib and not has_text and _numbered_nearby(b, i)
    dated = bib and _YEAR.search(first.text) is not None  # the entry so far holds a year
    j = i + 1
    while j < len(lines):
        ln = lines[j]
        if ln.tag == _Tag.BLANK:
            k = b.next_nonblank(j)
            if k is None:
                break
            if bib and k in b.furniture:
                m = _past_page_break(b, first, k)
                if m is None:
                    break
                j = m
                continue
            nxt = lines[k]
            # After a blank line only an indented continuation belongs to the item (or any line at
            # all when the marker line held nothing but residue).
            if nxt.bullet or nxt.tag == _Tag.EMPTY_BULLET:
                break
            if not (nxt.indent > first.indent or (not has_text and nxt.indent >= first.indent)):
                break
            j = k
            continue
        if bib and j in b.furniture:
            m = _past_page_break(b, first, j)
            if m is None:
                break
            j = m
            continue
        if (
            (ln.bullet and not keyed)  # "(3) 29, Springer": a series number in a keyed entry
            or ln.tag in (_Tag.EMPTY_BULLET, _Tag.FURNITURE)
            or (bib and _ALPHA_LABEL.match(ln.text))
        ):
            break
        if bib and has_text and _ends_entry(lines[j - 1]) and _numbers_entry(b, j):
            break  # the next entry's number, alone on its line
        if not bib and ln.indent <= first.indent and has_text and _SENTENCE_END.search(lines[j - 1].text):
            break
        # As in a paragraph: a scraped page puts one block on each line, so there only a line in lower
        # case goes on with a list item (else the menu after a list is read as its last item's tail);
        # and nowhere does a line the model takes for chrome.
        if (
            not bib
            and has_text
            and not ln.text[:1].islower()
            and (not b.hard_wrapped or _chrome_score(b, j) >= CHROME_THRESHOLD)
        ):
            break
        # ... and an entry goes on there only onto a line the model reads as part of an entry (else a
        # forum post after the bibliography is read as its last entry's tail).
        if bib and has_text and not b.hard_wrapped and not ln.text[:1].islower() and not _reference_line(b, j):
            break
        if bib and has_text and b.hard_wrapped and _not_reference_line(b, j) and not _bridged(b, j):
            break
        if bib and has_text and not labelled and _reference_line(b, j):
            # The line model reads the line as part of an entry: it also knows whether it opens one,
            # from the shape of the line and of the one before (a URL or a page range ends an entry, a
            # name list opens one), which the punctuation rule below cannot see. The rule speaks only
            # where the model is unsure (the rule wherever the model reads no start: dev GROBID
            # reference sections' entry F1 0.810 -> 0.780, false splits).
            s = b.scores[j]
            unsure = s is not None and s.starts >= ENTRY_START_FLOOR
            # Out of a PDF a narrow column wraps a proceedings title or a journal's name onto lines the
            # model may take for a start; only a line whose shape could hold names opens an entry there.
            starts = (_starts_entry(s) and (not b.hard_wrapped or _may_hold_names(s))) or (
                unsure
                and s is not None
                and s.shape >= SHAPE_THRESHOLD  # a line too short to hold names opens no entry ("Neuroimage")
                and ln.indent <= first.indent
                and (_starts_new_reference(lines[j - 1], ln) or (b.hard_wrapped and _named_and_dated(lines[j - 1], ln)))
            )
            if (
                starts
                and (not numbered or _opens_with_name(ln.text))
                and not (lines[j - 1].tag != _Tag.BLANK and _container_locator(b.raw, start, end, ln))
                and not _completes_authors(ln, dated)
                and not (j == i + 1 and _names_alone(first.text, ln.text))
                and not _carried_on(lines[j - 1], ln)
                and not _names_go_on(b, j, dated)
            ):
                break
        elif (
            bib
            and ln.indent <= first.indent
            and has_text
            and not labelled
            and _starts_new_reference(lines[j - 1], ln)
            and not _completes_authors(ln, dated)
            and _may_hold_names(b.scores[j])  # "In Proceedings of the 38th Annual Hawaii" opens none
            and (not numbered or _opens_with_name(ln.text))
        ):
            break
        end = ln.end
        has_text = has_text or bool(ln.text)
        dated = dated or (bib and _YEAR.search(ln.text) is not None)
        j += 1
    b.emit(kind, start, end)
    return j


# A journal's name, volume (issue) and first page, as an entry's last line shows them ("Harbour Letters,
# 4(2), 211-219", "Harb Lett. 2001;4(2):211-9", "Harb Lett 4: 211-219"): no entry opens so, it goes on
# with the entry above.
_CONTAINER_LOCATOR = re.compile(
    r"[A-Z][^,;:()]{2,80}, \d+(?:\s?\(\d+[^)]*\))?, [A-Za-z]?\d+"
    r"|[A-Z][A-Za-z .&-]{2,60}(?:[ .]\d{4}[a-z]?;\s?| )\d+(?:\s?\(\d+[^)]*\))?:\s?[A-Za-z]?\d+"
)


def _container_locator(raw: str, start: int, end: int, ln: _Line) -> bool:
    """Whether ``ln`` is a journal's name and locator alone, with no author's name or entry mark before them,
    under an entry ``raw[start:end]`` that has no locator yet (a reference holds one; a second is a work
    cited by its journal alone)."""
    return (
        not ln.bullet
        and _CONTAINER_LOCATOR.match(ln.text) is not None
        and not _opens_with_name(ln.text)
        and _LOCATED.search(raw, start, end) is None
        and _EPRINT.search(raw, start, end) is None
    )


# A locator inside an entry: pages ("211-219"), a volume's issue ("4(2)"), "4, 211" or "2001;4".
_LOCATED = re.compile(r"\d\s?[-–]\s?\d|\d\s?\(\d+\)|, \d+, \d|\d{4};\s?\d")


def _opens_with_name(text: str) -> bool:
    """Whether a line opens with a person's name as an entry's authors do, not with a journal's
    abbreviation that looks like one ("J. Med. Chem.")."""
    return (names_open(text) or _INITIALED.match(text) is not None) and _JOURNAL_ABBREVIATION.match(text) is None


# "J. Med. Chem.", "J. Am. Chem. Soc.": an initial and then abbreviated words, each with its full stop.
_JOURNAL_ABBREVIATION = re.compile(r"[A-Z]\.\s?(?:[A-Z][a-z]{1,5}\.\s?){2}")


def _past_page_break(b: _Builder, first: _Line, k: int) -> int | None:
    """The first line after the page furniture at line ``k`` when it goes on with the item whose first
    line is ``first``, else None."""
    m = b.after_furniture(k)
    return m if m is not None and _continues_across_page(b, first, m) else None


def _continues_across_page(b: _Builder, first: _Line, m: int) -> bool:
    """Whether line ``m``, the first after a page break's furniture, goes on with the entry whose first
    line is ``first``: indented under it (a hanging indent), or read by the line model as a reference
    line that starts no entry."""
    ln, s = b.lines[m], b.scores[m] if m < len(b.scores) else None
    if ln.bullet or ln.tag == _Tag.EMPTY_BULLET or ln.md_level:
        return False
    if s is None:
        return ln.indent > first.indent
    return not _starts_entry(s) and (ln.indent > first.indent or s.reference >= REFERENCE_THRESHOLD)


_ENDS_IN_LINK = re.compile(r"(?:https?://|doi:\s*|www\.)\S+$", re.I)
# Astronomy's and physics' styles end an entry with its page number, no full stop ("ApJ, 609, 667").
_ENDS_IN_NUMBER = re.compile(r"\d$")


def _starts_new_reference(prev: _Line, ln: _Line) -> bool:
    ends = (
        _SENTENCE_END.search(prev.text)
        or _YEAR.search(prev.text[-12:])
        or _ENDS_IN_LINK.search(prev.text)
        or _ENDS_IN_NUMBER.search(prev.text)
    )
    return bool(ends) and bool(_INVERTED_NAME.match(ln.text) or ln.text[:1].isupper())


def _named_and_dated(prev: _Line, ln: _Line) -> bool:
    """Whether ``ln`` opens as an entry does, names and then a year ("Maggio JC, Whitney G (1985)"), under
    a line that leaves nothing unfinished (an author list wrapped after a comma goes on with its names)."""
    return (
        _UNFINISHED.search(prev.text) is None
        and names_open(ln.text)
        and _YEAR.search(ln.text, 0, _NAMED_YEAR_CHARS) is not None
    )


#: A dated entry's year stands within this many characters of its start.
_NAMED_YEAR_CHARS = 80


def _may_hold_names(s: LineScores | None) -> bool:
    """Whether a line's own shape (``s.shape``) could open an entry: a line too short or too plain to
    hold names continues the entry above, whatever its punctuation says."""
    return s is None or s.shape >= SHAPE_THRESHOLD


def _reference_line(b: _Builder, j: int) -> bool:
    s = b.scores[j] if j < len(b.scores) else None
    return s is not None and s.reference >= REFERENCE_THRESHOLD


#: A hard-wrapped bibliography's entry does not go on onto a line the line model reads as more likely
#: not part of an entry (the figure legends or the appendix after the last entry; no blank line need
#: stand between). Dev GROBID papers' bibliography-line F1 0.828 without the stop, 0.886-0.887 with
#: any threshold from 0.2 to 0.6.
CONTINUATION_REFERENCE_THRESHOLD = 0.5
#: Below this entry-start probability the line model is sure a reference line goes on with the entry
#: before it; between this and :data:`ENTRY_START_THRESHOLD`, the punctuation rule decides (a full
#: stop or year ends the line before, a name or capital opens this one). Short lists in styles the
#: training data has little of (full given names, German "Hg.") need the rule; it costs dev GROBID
#: reference sections' entry F1 0.810 -> 0.797 against the model alone.
ENTRY_START_FLOOR = 0.1


#: How many lines the line model may doubt between two lines of one entry (see :func:`_bridged`).
BRIDGE_LINES = 3


def _bridged(b: _Builder, j: int) -> bool:
    """Whether line ``j``, which the line model doubts, lies inside an entry: within
    :data:`BRIDGE_LINES` lines after it, with no blank line and no entry start between, comes a line
    the model reads as a reference line that starts no entry (the entry's end), or one that starts the
    next entry (the doubted lines end this one: a journal's name alone, "Neuroimage"). Narrow columns
    wrap a proceedings title over lines that look like nothing alone."""
    for k in range(j, min(j + BRIDGE_LINES + 1, len(b.lines))):
        s = b.scores[k]
        if k > j and s is not None and b.lines[k].text and _starts_entry(s) and s.reference >= REFERENCE_THRESHOLD:
            return True
        if s is None or not b.lines[k].text or _starts_entry(s):
            return False
        if k > j and s.reference >= REFERENCE_THRESHOLD:
            return True
    return False


def _not_reference_line(b: _Builder, j: int) -> bool:
    s = b.scores[j] if j < len(b.scores) else None
    return s is not None and s.reference < CONTINUATION_REFERENCE_THRESHOLD


def _chrome_score(b: _Builder, j: int) -> float:
    s = b.scores[j] if j < len(b.scores) else None
    return 0.0 if s is None or s.in_core else s.chrome


#: A text is hard-wrapped (OCR, pdftotext, plain-text files) when at least this share of its
#: non-empty lines start in lower case, continuing a sentence (train: finder documents 0.52-0.63,
#: scraped pages median 0.02).
HARD_WRAP_SHARE = 0.3


# A text's width is its lines' 90th percentile length (a long URL does not set it); a printed column holds
# at most this many characters; half the lines must come within 80% of the width. Set once, not swept.
_EVEN_WIDTH_LINES = 10
_PRINTED_COLUMN_CHARS = 130


def _even_width(lines: Sequence[_Line]) -> bool:
    """Whether most lines run close to the text's width, and that width is a printed column's."""
    widths = sorted(len(ln.text) for ln in lines if ln.text)
    if len(widths) < _EVEN_WIDTH_LINES:  # too few lines to tell a column's width
        return False
    full = widths[int(0.9 * (len(widths) - 1))]
    return full <= _PRINTED_COLUMN_CHARS and sum(w >= 0.8 * full for w in widths) >= 0.5 * len(widths)


def _lower_start_share(lines: Sequence[_Line]) -> float:
    texts = [ln.text for ln in lines if ln.text]
    return sum(t[:1].islower() for t in texts[1:]) / len(texts) if texts else 0.0


def _in_columns(b: _Builder, ln: _Line) -> bool:
    """Whether a line's words stand in columns (a table's row out of a PDF), three blanks or more apart."""
    return "   " in b.raw[ln.cstart : ln.end]


def _take_paragraph(b: _Builder, i: int, *, in_bibliography: bool = False) -> int:
    """A paragraph: the line and any hard-wrapped continuation lines right after it. A paragraph
    ``in_bibliography`` (where an entry stopped short), or one that opens with a reference line (an
    entry's tail after a page break: "Chemosphere 39:1545-1570"), ends at the next reference line that
    opens an entry, unless the lines stand in a table's columns."""
    lines = b.lines
    start, end = lines[i].cstart, lines[i].end
    tail = i in b.refs and not _in_columns(b, lines[i])
    j = i + 1
    while j < len(lines):
        ln, prev = lines[j], lines[j - 1]
        if ln.tag not in (_Tag.PROSE, _Tag.HEADLIKE) or ln.bullet or ln.md_level:
            break
        # Scraped pages put one block on each line (a short line without a full stop there is a
        # heading, a link or a caption, not half a sentence); OCR and plain-text files wrap them.
        # A line continues the paragraph when this one starts in lower case, or (in a hard-wrapped
        # text) the one before does not end a sentence; and not when it is indented more than the
        # first line (indented first lines mark new paragraphs in wrapped text).
        wrapped = (b.hard_wrapped and not _SENTENCE_END.search(prev.text)) or ln.text[:1].islower()
        chrome = _chrome_score(b, j) >= CHROME_THRESHOLD and not ln.text[:1].islower()
        # Where a PDF spread an entry's words one to a line ("Retrieved" / "from" / "http://...") or broke
        # off a bibliography at an entry's tail, the bibliography goes on at the next entry.
        entry = (in_bibliography or tail) and j in b.refs and _starts_entry(b.scores[j]) and not _in_columns(b, ln)
        if not wrapped or ln.indent > lines[i].indent or chrome or entry:
            break
        end = ln.end
        j += 1
    b.emit(PassageKind.PARAGRAPH, start, end)
    return j
