"""Find scraping residue in a raw text: what cleaning leaves out, why, and the index terms it carried.

The raw text is never changed. :func:`find_residue` returns :class:`~corpus.model.Removal` records
(sorted, non-overlapping raw ranges) and the :class:`~corpus.model.IndexTerm` values found in the
residue; the pipeline builds the cleaned view as "raw minus removals, whitespace runs folded".
Every rule is about the shape of the text, never about particular documents.

Residue classes (the ``kind`` of each removal) and the rules that find them:

``index_markup``
    Back-of-book index markup that a scraper flattened into the prose: ``[kw]``, ``[g]``, ``[c]``,
    ``[p]`` entries (a marker follows a space, a line start or a bracket), ``Term;Subterm[sort
    key]`` entries, ``[08450]`` record numbers closing an entry, and unmarked entries that sit
    between them (``Family, Given`` names, short title-like headings). Markup on one line is
    grouped into *runs*: a run continues across a stretch of text only when that stretch parses
    completely as index entries (no sentence punctuation, no prose function words); a run ends
    where a real sentence resumes (a sentence opener such as "The" or "In", a word that cannot
    belong to a name or heading, or lower-case prose right after a name). A sort key glued to a
    word outside a marked or ``;`` entry must spell the words before it (punctuation and case
    aside) and differ from them or have several words (``PID[pid]`` is code). A ``Term;Subterm``
    entry with no marker, sort key or adjacent mention must stand between sentence boundaries to
    count. Where the given names of ``Family, Given`` entries end is decided by the text's own
    natural-order mention ("Maksim Maksimovich Litvinov", looked for within 60,000 characters),
    else by capitalisation. Lines that follow a run ending its line (no blank line between) and
    hold nothing but entries are index markup too (scrapers that put one entry per line). An
    unmarked entry already seen in index markup is removed again where it closes its index range:
    after a sentence end and before the end of the line or a sentence opener.
``index_repeat``
    An index term repeated, one space apart, right after its mention: ``Ford Motor Company Ford
    Motor Company`` (copies of two or more words without prose function words, compared
    case-insensitively, the copy capitalised; after a comma at least three words, so ``New York,
    New York`` stays; after a sentence end only when a sentence opener follows the copy),
    ``communist propaganda Propaganda;Bolsheviks`` (a ``Term;Subterm`` copy of the preceding
    words, the mention possibly lower case), and ``Franklin D. Roosevelt Roosevelt, Franklin D.``
    (an inverted name after its mention). One-word repeats without index syntax are never removed
    (``that that``, ``Sing Sing``, ``Bora Bora``, ``Walla Walla``), nor copies set apart by several
    spaces (table columns).
``markup_residue``
    XML/HTML/JATS tags and attribute residue: ``<italic>``, ``</italic>``, ``<ext-link ...>``,
    ``citation-type="booksimple"``, ``xlink:type="simple">``. Entities (``&lt;``) are text and
    kept; ``List<String>``-like text is kept (tag names must be known markup names, contain ``-``
    or ``:``, or carry attributes; attribute names must contain ``-`` or ``:``, be a common HTML
    attribute, or close a tag with ``>``).
``ocr_split``
    A four-digit year (1000-2099) split by one space (``1 931``; ``19 31`` and ``193 1`` when the
    first part holds century digits 17-20) after a year context (``in``, ``since``, ``during``,
    ``(``, a month, ``16,`` after a month, ...) and not touching other digit groups, so
    ``1 200 000``, ``2 3``, ``pp. 1 931`` and page ranges stay. Only the space is removed.
``soft_hyphen``
    U+00AD (with the line break after it, when it ends a line inside a word).
``invisible``
    U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER and U+FEFF (BOM); ZWJ/ZWNJ are kept.
``line_break_hyphen``
    ``-`` + line break (+ at most 8 spaces of indentation) between two lower-case letters joins the
    word (``diplo-\\nmatic`` -> ``diplomatic``) unless the document itself spells the hyphenated
    form and never the joined one, or the first part is a compound-forming word (``well``,
    ``self``, ``half``, ``non``, ...) and the joined form never occurs: then only the line break
    goes (``well-\\nknown`` -> ``well-known``). Between capitals the word is joined only when
    the text spells the joined form. Otherwise (``U.S.-\\nSoviet``, ``1918-\\n1921``) the hyphen
    is kept and only the break goes.

Whitespace: a removal takes the whitespace before it only when what follows it is a line end,
the text end or closing punctuation (so no space is left before a comma or at a line end); a
removal followed by a comma that would double the comma before it takes that comma. Otherwise
folding whitespace keeps words separated ("word REMOVED word" -> "word word").

Index terms: ``[kw]`` -> keyword (the sort key dropped), ``[g]`` -> place, ``[c]`` -> category,
``[p]`` -> person. A subterm that is the essay's own chronological locator (``Nov. 16, 1933:
Title``) is dropped, and persons carry no subterm (their role in the essay is not part of the
name). Unmarked entries are persons when shaped ``Family, Given``, organisations when a
capitalised word is an organisational designator (Company, Corporation, Party, League,
University, ...), otherwise subjects (``Term;Subterm`` gives term and subterm). Terms come in raw
order, duplicates included.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from corpus.model import IndexTerm, IndexTermKind, Removal, Span

__all__ = [
    "INDEX_MARKUP",
    "INDEX_REPEAT",
    "INVISIBLE",
    "LINE_BREAK_HYPHEN",
    "MARKUP_RESIDUE",
    "OCR_SPLIT",
    "REMOVAL_KINDS",
    "SOFT_HYPHEN",
    "find_residue",
]

INDEX_MARKUP = "index_markup"
INDEX_REPEAT = "index_repeat"
MARKUP_RESIDUE = "markup_residue"
OCR_SPLIT = "ocr_split"
SOFT_HYPHEN = "soft_hyphen"
INVISIBLE = "invisible"
LINE_BREAK_HYPHEN = "line_break_hyphen"

#: Every removal kind :func:`find_residue` can report.
REMOVAL_KINDS = (
    INDEX_MARKUP,
    INDEX_REPEAT,
    MARKUP_RESIDUE,
    OCR_SPLIT,
    SOFT_HYPHEN,
    INVISIBLE,
    LINE_BREAK_HYPHEN,
)

# When candidates overlap, the higher rank wins (an index run swallows everything inside it).
_RANK = {
    INDEX_MARKUP: 6,
    INDEX_REPEAT: 5,
    MARKUP_RESIDUE: 4,
    LINE_BREAK_HYPHEN: 3,
    OCR_SPLIT: 3,
    SOFT_HYPHEN: 2,
    INVISIBLE: 1,
}
# Kinds that remove whole tokens and so may take the whitespace before them.
_TOKEN_KINDS = frozenset({INDEX_MARKUP, INDEX_REPEAT, MARKUP_RESIDUE})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------------------------------------
# Word lists. They describe English prose versus index entries; none names anything in a seed.

_OPENERS = "\"'“‘«([¿¡"
_CLOSERS = "\"'”’»)]"
_END_PUNCT = ",;:.!?"

# Lower-case words that mark running prose: an index heading practically never contains them.
_PROSE_WORDS = _words("""
    the a an is are was were be been being am has have had do does did will would shall should can
    could may might must he she it they we i you him her them us me his its their our my your this
    that these those who whom whose which what when where while why how also not but then than there
    here so if because although though as very more most into upon over after before about against
    between through during without within any each every some such only just even still yet
    """)
# Capitalised words that open a sentence: they end a name or a heading and start prose.
_STARTERS = _words("""
    the a an in on at by for from during after before when while this these those that it he she
    they we i his her their its our although though however meanwhile moreover furthermore
    nevertheless nonetheless thus therefore still yet but and or so as if because since until
    later finally also instead indeed today then there here one some many most both several such
    each every other another under with without within despite among between through throughout
    following according prior only even not no what who how why where once soon after again
    """)
# Lower-case words that may join the capitalised words of an index heading.
_CONNECTORS = _words("of and for in on to by with from at de du des la le les van von der den del della di da y e &")
_PARTICLES = _words("de da di du del della der den des la le van von ter ten bin ibn al el")
_SUFFIXES = _words("jr. sr. jr sr ii iii iv")
_ORG_WORDS = _words("""
    company companies corporation corp. corp inc. inc incorporated ltd. ltd limited co. llc plc
    association bank university college institute institution agency commission committee council
    society foundation organization organisation bureau department ministry party league federation
    board corps academy airlines railroad railway
    """)
_ABBREVS = _words("""
    mrs. ms. messrs. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. gen. col. capt.
    lt. sgt. sen. rep. gov. pres. rev. hon. prof. corp. inc. ltd. bros. vs. etc. no. nos. vol.
    vols. pp. ed. eds. ca. c. cf. mt. ft. ave. dept. univ. assn. adm. maj. esq. approx. fig. ch.
    sec. mass. conn. calif. penn. wash. ill. md. va. ky. tenn. jr. sr. st. dr. mr. co. ed.
    """)
_MONTHS = _words("""
    january february march april may june july august september october november december jan. feb.
    mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
    """)
_YEAR_CONTEXT = _words("""
    in of since until till by from to through during before after around circa c. ca. year late
    early mid spring summer autumn fall winter between
    """)
# First parts of compounds that keep their hyphen across a line break.
_COMPOUND_FIRST = _words("""
    well self half ill all ex non quasi so twenty thirty forty fifty sixty seventy eighty ninety
    """)
# Element names of HTML, JATS and TEI markup that scrapers leave behind.
_TAG_NAMES = _words("""
    italic bold sup sub sc b i u em strong span div p br hr a small big font underline monospace
    xref uri label title sec list li ul ol img figure figcaption blockquote cite q abbr caption
    table tr td th tbody thead tfoot source year month day volume issue fpage lpage surname
    comment collab etal name roman overline strike s tt hi lb pb ref note
    """)
_ATTR_NAMES = _words("type id href class style lang rid src")

# ---------------------------------------------------------------------------------------------
# Patterns.

_LINE_RE = re.compile(r"[^\r\n]+")
_EOL_RE = re.compile(r"[\r\n]")
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")
# A token that may start with a capital letter (a quick filter; the exact test is str.isupper).
_CAP_START_RE = re.compile(r"(?<!\S)[\"'“‘«(\[¿¡]*[^\W\d_a-z]")
_NEXT_LINE_RE = re.compile(r"(?:\r\n|\n|\r)[ \t]*(?=\S)")
# How far from an index line a name is looked for in natural order ("Given Family").
_MENTION_WINDOW = 60_000
# A marker opens an entry: it follows a space, a line start or another entry's bracket
# ("\\pstextpath[c]{" in TeX is not one).
_MARKER_RE = re.compile(r"(?<![^\s\]])\[(kw|g|c|p)\](?=\S)")
# Markers are their own tokens even when glued to the entry that follows them.
_TOKEN_RE = re.compile(r"\[(?:kw|g|c|p)\]|(?:(?!\[(?:kw|g|c|p)\])\S)+")
_ATTACHED_RE = re.compile(r"(?<=[^\s\[\]])\[([^\[\]\r\n]{1,300})\]")
_JOINT_RE = re.compile(r"(?<=[^\s;]);(?=[^\s;])")
# Scanners over the whole text start with a character class or literal: Python's regex engine
# then skips ahead quickly, and the context is checked afterwards.
_HINT_CHAR_RE = re.compile(r"[;\[]")
_INDEX_HINT_RE = re.compile(r"\[(?:kw|g|c|p)\]|[^\s;];[^\s;]|[^\s\[\]]\[[^\[\]\r\n]{1,300}\]")
_ENTITY_TAIL_RE = re.compile(r"&#?\w{1,10}$")
_KEYISH_RE = re.compile(r"[^\W_][\w\s.,’'‘\-–():&]*")
_DATE_PAREN_RE = re.compile(r"\([^()\r\n]*\d[^()\r\n]*\)")
_LOCATOR_RE = re.compile(r"[^:;\[\]]{0,40}?\d{2,4}(?:\s*[-–]\s*\d{1,4})?\s*(?:B\.?C\.?E?\.?|C\.?E\.?|A\.?D\.?)?:\s")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+(?:-(?:[^\W\d_]\.)+)*|[^\W\d_][^\W\d_]\.")
_NAME_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[’'\-.])*")
_WS_RUN_RE = re.compile(r"\s+")
_SENTENCE_GAP_RE = re.compile(r"[.!?]([\"”’)]*)[ \t]+")
_WORD_AT_RE = re.compile(r"[^\s,;:]+")

_TAG_RE = re.compile(
    r"</?([A-Za-z][\w]*(?:[-:.][\w]+)*)"
    r"((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:\"[^\"<>\r\n]*\"|'[^'<>\r\n]*'))*)\s*/?>"
)
_ATTR_VALUE_RE = re.compile(r"=\"[^\"<>\r\n]{0,200}\"(\s*/?>)?")
_ATTR_NAME_RE = re.compile(r"(?<![\w\"'=<&/.:-])[a-z][a-z0-9]*(?:[-:][a-z0-9]+)*$")
_OCR_YEAR_RE = re.compile(r"([12]\d{0,2}) (\d{1,3})(?!\w|[.,]\d| \d)")
_SOFT_RE = re.compile(r"\u00ad+(?:(?:\r\n|\n|\r)[ \t]*(?=[^\W\d_]))?")
_INVISIBLE_RE = re.compile(r"[\u200b\u2060\ufeff]+")
_LBH_RE = re.compile(r"[-\u2010][ \t]*(?:\r\n|\n|\r)[ \t]{0,8}(?=[^\W_])")
_LEFT_WORD_RE = re.compile(r"[^\W\d_]+$")
_RIGHT_WORD_RE = re.compile(r"[^\W\d_]+")
_VOCAB_RE = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_DAY_RE = re.compile(r"\d{1,2},")


# ---------------------------------------------------------------------------------------------
# Small internal records.


class _Term(NamedTuple):
    kind: IndexTermKind
    term: str
    subterm: str | None
    start: int
    end: int
    marked: bool  # came from a [kw]/[g]/[c]/[p] marker


class _Cand(NamedTuple):
    start: int
    end: int
    kind: str
    reason: str
    terms: tuple[_Term, ...] = ()


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


class _Elem(NamedTuple):
    start: int
    end: int
    terms: tuple[_Term, ...]
    strong: bool  # index syntax that cannot be prose (marker, sort key, record, copy of a mention)
    repeat: bool  # a copy of the words right before it
    marked: int  # number of [kw]/[g]/[c]/[p] markers inside


# ---------------------------------------------------------------------------------------------
# Token predicates.


def _bare(tok: str) -> str:
    return tok.lstrip(_OPENERS).rstrip(_END_PUNCT + _CLOSERS)


def _is_cap(tok: str) -> bool:
    s = tok.lstrip(_OPENERS)
    return bool(s) and s[0].isupper()


def _is_lower(tok: str) -> bool:
    s = tok.lstrip(_OPENERS)
    return bool(s) and s[0].islower()


def _is_starter(tok: str) -> bool:
    return _is_cap(tok) and _bare(tok).casefold() in _STARTERS


def _ends_sentence(tok: str) -> bool:
    """True when the token closes a sentence (abbreviations and initials do not)."""
    s = tok.rstrip(_CLOSERS)
    if not s:
        return False
    if s[-1] in "!?":
        return True
    if s[-1] != ".":
        return False
    if s.endswith(".."):
        return True
    core = s.lstrip(_OPENERS).rsplit("-", 1)[-1]  # "Soviet-U.S." ends in an abbreviation
    return not (_INITIALS_RE.fullmatch(core) or core.casefold() in _ABBREVS)


def _name_word(word: str) -> bool:
    """A capitalised word that can be part of a personal name."""
    return bool(_NAME_WORD_RE.fullmatch(word)) and word[0].isupper() and word.casefold().rstrip(".") not in _STARTERS


def _norm_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _norm_word(word: str) -> str:
    w = word.casefold().lstrip(_OPENERS).rstrip(_END_PUNCT + _CLOSERS)
    for suffix in ("’s", "'s"):
        if w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _collapse(text: str) -> str:
    return _WS_RUN_RE.sub(" ", text).strip()


def _trim_end(text: str, end: int) -> int:
    """Move ``end`` back over trailing commas/semicolons/colons and a sentence-final period."""
    tok_start = end
    while tok_start > 0 and not text[tok_start - 1].isspace():
        tok_start -= 1
    tok = text[tok_start:end]
    if _ends_sentence(tok) and tok.endswith("."):
        end -= 1
    while end > tok_start and text[end - 1] in ",;:":
        end -= 1
    return end


def _name_shape(term: str) -> bool:
    """True for ``Family, Given`` shaped text (1-3 family words, 1-4 given words)."""
    family, sep, given = term.partition(", ")
    if not sep or not family or not given:
        return False
    fam = family.split()
    giv = given.replace(", ", " ").split()
    if not 1 <= len(fam) <= 3 or not 1 <= len(giv) <= 5:
        return False
    if not _name_word(fam[-1]) or any(not (_name_word(w) or w in _PARTICLES) for w in fam):
        return False
    return all(_name_word(w) or w in _PARTICLES or w.casefold() in _SUFFIXES for w in giv)


def _classify(term: str) -> IndexTermKind:
    """The kind of an unmarked index entry (see the module docstring)."""
    if _name_shape(term):
        return IndexTermKind.PERSON
    if any(_is_cap(w) and _bare(w).casefold() in _ORG_WORDS for w in term.split()):
        return IndexTermKind.ORGANISATION
    return IndexTermKind.SUBJECT


def _entry_term(kind: IndexTermKind, text: str, start: int, end: int, marked: bool) -> list[_Term]:
    term = _collapse(text).rstrip(",;:")
    if not term:
        return []
    return [_Term(kind, term, None, start, end, marked)]


# ---------------------------------------------------------------------------------------------
# Index runs on one line.


class _Ctx:
    """Lazily built, document-wide facts the line scanners consult."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._vocab: set[str] | None = None
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def mentioned(self, words: Sequence[str], near: int) -> bool:
        """True when ``words`` occur in this order, separated by whitespace, within
        :data:`_MENTION_WINDOW` characters of ``near`` (the article an index line belongs to)."""
        key = tuple(w.lstrip(_OPENERS).rstrip(",;:") for w in words)
        if len(key) < 2 or not all(key):
            return False
        pat = self._patterns.get(key)
        if pat is None:
            pat = self._patterns[key] = re.compile(r"\s+".join(re.escape(w) for w in key))
        lo = max(0, near - _MENTION_WINDOW)
        return pat.search(self.raw, lo, near + _MENTION_WINDOW) is not None

    def vocab(self) -> set[str]:
        """Every word (hyphenated compounds included) of the text, case-folded."""
        if self._vocab is None:
            self._vocab = {w.casefold() for w in _VOCAB_RE.findall(self.raw)}
        return self._vocab


class _Cover:
    """Disjoint raw ranges already claimed by index elements on a line."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        # Merge with the neighbours it touches so the ranges stay disjoint and sorted.
        while k > 0 and self.ends[k - 1] > start:
            k -= 1
            start = min(start, self.starts[k])
            end = max(end, self.ends[k])
            del self.starts[k], self.ends[k]
        while k < len(self.starts) and self.starts[k] < end:
            end = max(end, self.ends[k])
            del self.starts[k], self.ends[k]
        self.starts.insert(k, start)
        self.ends.insert(k, end)

    def around(self, pos: int, lo: int, hi: int) -> tuple[bool, int, int]:
        """(``pos`` is covered, end of the range before it, start of the range after it)."""
        k = bisect_right(self.starts, pos)
        if k > 0 and self.ends[k - 1] > pos:
            return True, lo, hi
        lower = self.ends[k - 1] if k > 0 else lo
        upper = self.starts[k] if k < len(self.starts) else hi
        return False, lower, upper


class _Entry(NamedTuple):
    kind: str  # "name" or "title"
    start: int  # token indices, end exclusive
    end: int


class _IndexLine:
    """Index markup on one line of the raw text."""

    def __init__(self, ctx: _Ctx, ls: int, le: int) -> None:
        self.ctx = ctx
        self.raw = ctx.raw
        self.ls = ls
        self.le = le
        self.toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(self.raw, ls, le)]
        self.starts = [t.start for t in self.toks]
        self.ends = [t.end for t in self.toks]
        self.brackets: list[re.Match[str]] = []
        self.bracket_starts: list[int] = []
        self.bracket_at: dict[int, re.Match[str]] = {}
        self.joints: list[int] = []

    # -- token lookups -------------------------------------------------------------------------

    def tok_at(self, pos: int) -> int:
        """Index of the token containing ``pos`` (or -1)."""
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and self.toks[k].end > pos:
            return k
        return -1

    def is_marker(self, k: int) -> bool:
        return bool(_MARKER_RE.fullmatch(self.toks[k].text))

    # -- entry grammar -------------------------------------------------------------------------

    def parse_name(self, i: int, hi: int) -> int | None:
        """End (token index) of a ``Family, Given`` entry starting at token ``i``, or None."""
        toks = self.toks
        j = i
        while True:
            if j >= hi or j - i >= 3:
                return None
            w = toks[j].text
            comma = w.endswith(",")
            core = w[:-1] if comma else w
            if j == i:
                ok = (_name_word(core) and not core.endswith(".")) or (core in _PARTICLES and not comma)
            else:
                ok = _name_word(core) or (core in _PARTICLES and not comma)
            if not ok or (comma and not _name_word(core)):
                return None
            if comma:
                break
            j += 1
        fam_end = j + 1
        options: list[int] = []
        k = fam_end
        while k < hi and k - fam_end < 5:
            w = toks[k].text
            if w.endswith(","):
                if k + 1 < hi and toks[k + 1].text.casefold() in _SUFFIXES and _name_word(w[:-1]):
                    k += 2
                    options.append(k)
                    continue
                break
            if w.casefold() in _SUFFIXES and k > fam_end:
                k += 1
                options.append(k)
                continue
            if not (_name_word(w) or (w in _PARTICLES and k > fam_end)):
                break
            k += 1
            if w not in _PARTICLES:
                options.append(k)
        if not options:
            return None
        family = [toks[x].text for x in range(i, fam_end)]
        end: int | None = None
        if len(options) > 1:
            # Where the given names stop is ambiguous: prefer the split the text itself uses
            # in natural order ("Maksim Maksimovich Litvinov").
            for e in reversed(options):
                given = [toks[x].text for x in range(fam_end, e)]
                if self.ctx.mentioned(given + family, self.ls):
                    end = e
                    break
        if end is None:
            end = options[0]
            for e in options[1:]:
                if e < hi and _is_lower(toks[e].text):
                    break
                end = e
        if end < hi and _is_lower(toks[end].text):
            return None  # prose goes on in lower case: "However, Stalin refused ..."
        return end

    def name_starts(self, j: int) -> bool:
        """True when a ``Family, Given`` entry starts at token ``j``: its family word carries the
        comma, or (for a family of several words) the text mentions the name in natural order."""
        e = self.parse_name(j, len(self.toks))
        if e is None:
            return False
        if self.toks[j].text.endswith(","):
            return True
        f = j
        while not self.toks[f].text.endswith(","):
            f += 1
        words = [t.text for t in self.toks[f + 1 : e]] + [t.text for t in self.toks[j : f + 1]]
        return self.ctx.mentioned(words, self.ls)

    def parse_title(self, i: int, hi: int) -> int | None:
        """End of a short capitalised heading starting at token ``i`` (``Bolshevik regime, U.S.
        recognition``), stopping before a sentence opener or a name entry; None when it is prose."""
        toks = self.toks
        first = toks[i].text
        if not _is_cap(first) or _is_starter(first):
            return None
        j = i
        while j < hi:
            w = toks[j].text
            if j > i:
                if _is_starter(w):
                    break
                if not toks[j - 1].text.endswith(",") and self.parse_name(j, hi) is not None:
                    break
            if j - i >= 10:
                return None
            if (_is_lower(w) and _bare(w).casefold() in _PROSE_WORDS) or _ends_sentence(w):
                return None
            if "[" in w or "]" in w:
                return None
            j += 1
        return j

    def parse_entries(self, i: int, hi: int, names_only: bool = False) -> tuple[int, list[_Entry]]:
        """Parse index entries from token ``i``; returns where parsing stopped and the entries."""
        entries: list[_Entry] = []
        while i < hi:
            e = self.parse_name(i, hi)
            if e is not None:
                entries.append(_Entry("name", i, e))
                i = e
                continue
            if names_only:
                break
            e = self.parse_title(i, hi)
            if e is None or e <= i:
                break
            entries.append(_Entry("title", i, e))
            i = e
            if e < hi:
                break  # the heading stopped at a sentence opener: prose resumes
        return i, entries

    def entry_terms(self, entries: Iterable[_Entry]) -> list[_Term]:
        out: list[_Term] = []
        for en in entries:
            s = self.toks[en.start].start
            e = _trim_end(self.raw, self.toks[en.end - 1].end)
            if e <= s:
                continue
            text = self.raw[s:e]
            kind = IndexTermKind.PERSON if en.kind == "name" else _classify(_collapse(text))
            out.extend(_entry_term(kind, text, s, e, False))
        return out

    # -- elements ------------------------------------------------------------------------------

    def elements(self) -> list[_Elem]:
        raw, ls, le = self.raw, self.ls, self.le
        markers = list(_MARKER_RE.finditer(raw, ls, le))
        self.brackets = [m for m in _ATTACHED_RE.finditer(raw, ls, le) if m.group(1) not in ("kw", "g", "c", "p")]
        self.bracket_starts = [b.start() for b in self.brackets]
        self.bracket_at = {b.start(): b for b in self.brackets}
        self.joints = [
            m.start()
            for m in _JOINT_RE.finditer(raw, ls, le)
            if not _ENTITY_TAIL_RE.search(raw, max(ls, m.start() - 12), m.start())
        ]
        elems: list[_Elem] = []
        cover = _Cover()
        for n, mm in enumerate(markers):
            limit = markers[n + 1].start() if n + 1 < len(markers) else le
            el = self.marker_element(mm, limit)
            elems.append(el)
            cover.add(el.start, el.end)
        for p in self.joints:
            inside, lower, upper = cover.around(p, ls, le)
            if inside:
                continue
            el2 = self.joint_element(p, lower, upper)
            if el2 is not None:
                elems.append(el2)
                cover.add(el2.start, el2.end)
        for b in self.brackets:
            inside, lower, _upper = cover.around(b.start(), ls, le)
            if inside:
                continue
            el3 = self.bracket_element(b, lower)
            if el3 is not None:
                elems.append(el3)
                cover.add(el3.start, el3.end)
        elems.sort(key=lambda x: (x.start, x.end))
        merged: list[_Elem] = []
        for el in elems:
            if merged and el.start < merged[-1].end:
                prev = merged[-1]
                merged[-1] = _Elem(
                    prev.start,
                    max(prev.end, el.end),
                    prev.terms + el.terms,
                    prev.strong or el.strong,
                    False,
                    prev.marked + el.marked,
                )
            else:
                merged.append(el)
        return merged

    def first_bracket(self, a: int, b: int) -> re.Match[str] | None:
        """The first glued bracket starting in ``[a, b)``."""
        k = bisect_left(self.bracket_starts, a)
        if k < len(self.brackets) and self.bracket_starts[k] < b:
            return self.brackets[k]
        return None

    def first_joint(self, a: int, b: int) -> int | None:
        k = bisect_left(self.joints, a)
        if k < len(self.joints) and self.joints[k] < b:
            return self.joints[k]
        return None

    def chain_brackets(self, end: int) -> int:
        """Extend ``end`` over sort keys / record numbers glued to it."""
        while end in self.bracket_at:
            end = self.bracket_at[end].end()
        return end

    def no_sentence_between(self, a: int, b: int, max_tokens: int = 15) -> bool:
        if b - a > 40 * max_tokens:
            return False
        words = self.raw[a:b].split()
        return len(words) <= max_tokens and not any(_ends_sentence(w) for w in words[:-1])

    def forward_subterm(self, p: int, limit: int) -> int:
        """End of a subterm that starts at ``p`` and has no sort key to close it."""
        raw, toks = self.raw, self.toks
        t = self.tok_at(p)
        if t < 0:
            return p
        end = _trim_end(raw, toks[t].end)
        if end < toks[t].end or _ends_sentence(toks[t].text):
            return max(end, p)
        j = t + 1
        while j < len(toks) and toks[j].end <= limit and j - t < 5:
            w = toks[j].text
            if self.is_marker(j) or "[" in w:
                break
            if _is_cap(w) and not _is_starter(w) and _NAME_WORD_RE.fullmatch(_bare(w)):
                if self.name_starts(j):
                    break
                new_end = _trim_end(raw, toks[j].end)
                end = new_end
                if new_end < toks[j].end or _ends_sentence(w):
                    break
            elif w in _CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1].text):
                if _is_starter(toks[j + 1].text):
                    break
            else:
                break
            j += 1
        return end

    def subterm_end(self, p: int, limit: int) -> tuple[int, int]:
        """(end of the subterm text, end of the entry with its sort key) for a subterm at ``p``."""
        b = self.first_bracket(p + 1, limit)
        if b is not None and self.no_sentence_between(p, b.start()) and ";" not in self.raw[p : b.start()]:
            return b.start(), self.chain_brackets(b.end())
        sub_end = self.forward_subterm(p, limit)
        return sub_end, self.chain_brackets(sub_end)

    def marker_element(self, mm: re.Match[str], limit: int) -> _Elem:
        raw = self.raw
        tag = mm.group(1)
        ms, body = mm.start(), mm.end()
        first_b = self.first_bracket(body, limit)
        if tag == "kw":
            dp = _DATE_PAREN_RE.search(raw, body, limit)
            if dp is not None and (first_b is None or dp.end() <= first_b.start()):
                text_end = dp.end()
                end = self.chain_brackets(text_end)
            elif first_b is not None and self.no_sentence_between(body, first_b.start(), 25):
                text_end = first_b.start()
                end = self.chain_brackets(first_b.end())
            else:
                text_end = self.open_body_end(body, limit)
                end = text_end
            terms = _entry_term(IndexTermKind.KEYWORD, raw[body:text_end], body, text_end, True)
            return _Elem(ms, max(end, mm.end()), tuple(terms), True, False, 1)
        kind = {"g": IndexTermKind.PLACE, "c": IndexTermKind.CATEGORY, "p": IndexTermKind.PERSON}[tag]
        joint = self.first_joint(body, limit)
        sub: str | None = None
        if joint is not None and (first_b is None or joint < first_b.start()):
            term_end = joint
            sub_end, end = self.subterm_end(joint + 1, limit)
            sub = _collapse(raw[joint + 1 : sub_end]) or None
            if sub is not None and (kind is IndexTermKind.PERSON or _LOCATOR_RE.match(sub)):
                sub = None  # a locator or a person's role in this essay: not part of the label
            text_end = sub_end
        elif first_b is not None and self.no_sentence_between(body, first_b.start(), 12):
            term_end = text_end = first_b.start()
            end = self.chain_brackets(first_b.end())
        else:
            i = bisect_left(self.starts, body)
            hi = bisect_left(self.starts, limit)
            e: int | None = None
            if i < hi:
                e = self.parse_name(i, hi) if tag == "p" else None
                if e is None:
                    e = self.parse_title(i, hi)
            term_end = text_end = end = _trim_end(raw, self.toks[e - 1].end) if e else body
        term = _collapse(raw[body:term_end])
        span_end = text_end if sub is not None else _trim_end(raw, term_end)
        terms = [_Term(kind, term, sub, body, max(span_end, body + 1), True)] if term else []
        return _Elem(ms, max(end, mm.end()), tuple(terms), True, False, 1)

    def open_body_end(self, body: int, limit: int) -> int:
        """End of a [kw] entry with neither a date nor a sort key to close it."""
        i = bisect_left(self.starts, body)
        j = i
        while j < len(self.toks) and self.toks[j].end <= limit and j - i < 20:
            if j > i and _is_starter(self.toks[j].text):
                break
            j += 1
        return _trim_end(self.raw, self.toks[j - 1].end) if j > i else body

    def joint_element(self, p: int, lower: int, upper: int) -> _Elem | None:
        raw, toks = self.raw, self.toks
        t = self.tok_at(p)
        if t < 0 or toks[t].start < lower:
            return None
        tok = toks[t]
        left, right = raw[tok.start : p], raw[p + 1 : tok.end]
        if not left or not right or not (left[-1].isalnum() or left[-1] in ").’'"):
            return None
        if not (right[0].isalnum() or right[0] in _OPENERS) or any(ch in tok.text for ch in "=<>{}|@\\"):
            return None
        if "://" in tok.text or ":" in left:
            return None
        first = bisect_left(self.starts, lower)
        start_tok, repeat = self.term_start(t, left, first)
        if start_tok is None:
            return None
        start = toks[start_tok].start
        sub_end, end = self.subterm_end(p + 1, upper)
        has_key = end > sub_end
        term = _collapse(raw[start:p])
        sub = _collapse(raw[p + 1 : sub_end]) or None
        strong = repeat or has_key
        if not strong and start_tok > first and not _ends_sentence(toks[start_tok - 1].text):
            return None  # a bare Term;Subterm inside a sentence is more likely prose than index
        kind = _classify(term)
        if kind is IndexTermKind.PERSON:
            sub, sub_end = None, p
        terms = [_Term(kind, term, sub, start, max(sub_end, p), False)] if term else []
        return _Elem(start, end, tuple(terms), strong, repeat, 0)

    def term_start(self, t: int, left: str, first: int) -> tuple[int | None, bool]:
        """Token index where the term before a ``;`` starts, and whether it copies the words
        just before it (an index repeat)."""
        toks = self.toks
        lo = toks[max(first, t - 7)].start
        if not left[0].isdigit() and not _CAP_START_RE.search(self.raw, lo, toks[t].start + len(left)):
            return None, False  # every term starts with a capital: most prose semicolons stop here
        # 1. a copy of the preceding words: "communist propaganda Propaganda;Bolsheviks".
        for k in range(4, 0, -1):
            m0 = t - 2 * k + 1
            if m0 < first:
                continue
            c0 = toks[t - k + 1].text if k > 1 else left
            if not _is_cap(c0) or toks[m0].text.casefold() != c0.casefold():
                continue
            copy = [toks[x].text for x in range(t - k + 1, t)] + [left]
            mention = [toks[x].text for x in range(m0, t - k + 1)]
            if not _is_cap(copy[0]):
                continue
            mention[-1] = mention[-1].rstrip(",")
            if [w.casefold() for w in copy] == [w.casefold() for w in mention]:
                return t - k + 1, True
        # 2. an inverted name: "Roosevelt, Franklin D.;Soviet-U.S. relations".
        for f_start in range(t - 1, max(first, t - 7) - 1, -1):
            if toks[f_start].text.endswith(","):
                if self._name_prefix_ok(f_start, t, left):
                    return f_start, False
                break
        # 3. capitalised words with connectors and at most one lower-case content word, or up
        # to three when the term starts right at a sentence boundary ("Naval oil reserves;...").
        best: int | None = t if (_is_cap(left) or left[0].isdigit()) else None
        lower = 1 if _is_lower(left) and left.casefold() not in _CONNECTORS else 0
        j = t - 1
        while j >= first and t - j < 8:
            w = toks[j].text
            if self.is_marker(j) or _ends_sentence(w) or w[-1] in ')]:;"”' or "[" in w:
                break
            if _is_cap(w):
                if _is_starter(w):
                    break
                at_boundary = j == first or _ends_sentence(toks[j - 1].text)
                if lower <= 1 or at_boundary:
                    best = j
            elif _is_lower(w):
                b = _bare(w).casefold()
                if b in _PROSE_WORDS:
                    break
                if b not in _CONNECTORS:
                    lower += 1
                    if lower > 3:
                        break
            j -= 1
        return best, False

    def _name_prefix_ok(self, f_start: int, t: int, left: str) -> bool:
        """True when tokens ``f_start..t`` (the last cut at the ``;``) read ``Family, Given``."""
        words = [self.toks[x].text for x in range(f_start, t)] + [left]
        return _name_shape(" ".join(words))

    def bracket_element(self, b: re.Match[str], lower: int) -> _Elem | None:
        """A sort key or record number glued to a word outside any marked entry."""
        content = b.group(1)
        if not _KEYISH_RE.fullmatch(content):
            return None  # code ("$data[$#data]"), a regex class, a record number on its own
        kn = _norm_key(content)
        if len(kn) < 3:
            return None
        t = self.tok_at(b.start() - 1)
        if t < 0:
            return None
        acc = ""
        j = t
        while j >= 0 and self.toks[j].start >= lower and not self.is_marker(j):
            piece_end = b.start() if j == t else self.toks[j].end
            acc = _norm_key(self.raw[self.toks[j].start : piece_end]) + acc
            if len(acc) >= len(kn):
                break
            j -= 1
        if acc != kn or j < 0:
            return None
        start = self.toks[j].start
        term = _collapse(self.raw[start : b.start()])
        if not _KEYISH_RE.fullmatch(term) or (" " not in content.strip() and content.casefold() == term.casefold()):
            # A one-word key that only repeats its word ("PID[pid]") is code, not a sort key:
            # sort keys exist to spell an entry without its punctuation.
            return None
        # A copy of the words just before it is an index repeat.
        k = t - j + 1
        mention = [self.toks[x].text.casefold() for x in range(j - k, j)] if j - k >= 0 else []
        copy = self.raw[start : b.start()].casefold().split()
        if mention:
            mention[-1] = mention[-1].rstrip(",")
        repeat = mention == copy and self.toks[j - k].start >= lower if mention else False
        end = self.chain_brackets(b.end())
        terms = _entry_term(_classify(term), term, start, b.start(), False)
        return _Elem(start, end, tuple(terms), True, repeat, 0)

    # -- runs ----------------------------------------------------------------------------------

    def gap(self, a: int, limit: int, names_only: bool = False) -> tuple[int, list[_Term], bool]:
        """Parse the stretch ``[a, limit)`` as index entries.

        Returns the raw end of the entries found, their terms, and whether the whole stretch
        was index entries."""
        i = bisect_left(self.starts, a)
        if i > 0 and self.toks[i - 1].end > a:
            return a, [], False  # the element ended inside a token: punctuation of the prose
        hi = max(i, bisect_right(self.ends, limit))
        straddle = hi < len(self.toks) and self.toks[hi].start < limit
        stop, entries = self.parse_entries(i, hi, names_only)
        terms = self.entry_terms(entries)
        end = self.toks[entries[-1].end - 1].end if entries else a
        if entries:
            end = _trim_end(self.raw, end)
        return end, terms, stop == hi and not straddle

    def names_before(self, pos: int, lower: int) -> tuple[int, list[_Term]] | None:
        """Unmarked name entries between a sentence end and the element at ``pos``."""
        k = bisect_left(self.starts, pos)
        if k < len(self.toks) and self.toks[k].start != pos:
            return None
        j = k
        while j > 0 and k - j < 30 and self.toks[j - 1].start >= lower and not _ends_sentence(self.toks[j - 1].text):
            j -= 1
        if j == k or (j > 0 and self.toks[j - 1].end > lower and not _ends_sentence(self.toks[j - 1].text)):
            return None
        stop, entries = self.parse_entries(j, k, names_only=True)
        if stop != k or not entries:
            return None
        return self.toks[j].start, self.entry_terms(entries)

    def runs(self) -> list[_Cand]:
        elems = self.elements()
        out: list[_Cand] = []
        prev_end = self.ls
        i = 0
        while i < len(elems):
            el = elems[i]
            start, end = el.start, el.end
            terms = list(el.terms)
            strong, repeat, marked = el.strong, el.repeat, el.marked
            parts = 1
            before = self.names_before(start, prev_end)
            if before is not None:
                start = before[0]
                terms = before[1] + terms
                parts += len(before[1])
            while True:
                nxt = elems[i + 1] if i + 1 < len(elems) else None
                limit = nxt.start if nxt is not None else self.le
                stop, gterms, full = self.gap(end, limit)
                terms += gterms
                parts += len(gterms)
                if nxt is not None and full:
                    end = nxt.end
                    terms += nxt.terms
                    strong = strong or nxt.strong
                    marked += nxt.marked
                    parts += 1
                    i += 1
                    continue
                end = max(end, stop)
                break
            i += 1
            if not strong:
                # Unmarked Term;Subterm entries alone count only between sentence boundaries.
                follow = _NEXT_CHAR_RE.match(self.raw, end, self.le)
                after = follow.group(1) if follow is not None else ""
                if after and not (after.isupper() or after.isdigit() or after in _OPENERS):
                    continue
            prev_end = end
            if parts == 1 and repeat:
                label = terms[0].term if terms else self.raw[start:end]
                out.append(
                    _Cand(start, end, INDEX_REPEAT, f"index entry {label!r} repeated after its mention", tuple(terms))
                )
            else:
                what = f"{marked} marked and {parts - min(marked, parts)} unmarked" if marked else f"{parts} unmarked"
                out.append(_Cand(start, end, INDEX_MARKUP, f"back-of-book index markup ({what} entries)", tuple(terms)))
        return out


# ---------------------------------------------------------------------------------------------
# Whole-text scanners.


def _index_candidates(ctx: _Ctx) -> list[_Cand]:
    raw = ctx.raw
    out: list[_Cand] = []
    done = 0
    lo = 0  # line breaks before this offset have been seen already
    for m in _HINT_CHAR_RE.finditer(raw):
        pos = m.start()
        if pos < done:
            continue
        if not (_INDEX_HINT_RE.match(raw, pos) or (pos > 0 and _INDEX_HINT_RE.match(raw, pos - 1))):
            continue
        ls = max(raw.rfind("\n", lo, pos), raw.rfind("\r", lo, pos), lo - 1) + 1
        eol = _EOL_RE.search(raw, pos)
        le = eol.start() if eol is not None else len(raw)
        runs = _IndexLine(ctx, ls, le).runs()
        out.extend(runs)
        if runs and not raw[runs[-1].end : le].strip():
            le = _entry_lines_after(ctx, le, out)
        done = lo = le
    return out


def _entry_lines_after(ctx: _Ctx, le: int, out: list[_Cand]) -> int:
    """Some scrapers put each index entry on a line of its own. After a run that ends its line,
    the following lines (no blank line between) that hold nothing but index entries are index
    markup too; returns the end of the last line taken."""
    raw = ctx.raw
    while True:
        m = _NEXT_LINE_RE.match(raw, le)
        if m is None:
            return le
        ls2 = m.end()
        eol = _EOL_RE.search(raw, ls2)
        le2 = eol.start() if eol is not None else len(raw)
        if _INDEX_HINT_RE.search(raw, ls2, le2):
            return le  # a line with markup of its own is scanned by the caller
        stop, terms, full = _IndexLine(ctx, ls2, le2).gap(ls2, le2)
        if not full or not terms:
            return le
        out.append(
            _Cand(ls2, stop, INDEX_MARKUP, f"back-of-book index markup ({len(terms)} unmarked entries)", tuple(terms))
        )
        le = le2


def _repeat_candidates(ctx: _Ctx) -> list[_Cand]:
    """Index terms repeated right after their mention (plain copies and inverted names)."""
    raw = ctx.raw
    out: list[_Cand] = []
    for lm in _LINE_RE.finditer(raw):
        line = lm.group()
        words = line.split()
        n = len(words)
        if n < 3:
            continue
        cf = line.casefold().split()
        if len(cf) != n:
            continue
        hits: list[tuple[int, int, int, bool]] = []  # copy start, copy length, mention length, name?
        after = 0  # the next copy may start here (copies do not overlap)
        for j in [j for j in range(1, n) if words[j][0].isupper()]:
            if j < after:
                continue
            hit = _plain_repeat(words, cf, j) if cf[j] in cf[max(0, j - 8) : j - 1] else None
            if hit is None:
                # An inverted copy's family word carries a comma and equals the mention's last
                # word: a cheap test before the full comparison.
                fam = cf[j - 1] + ","
                if fam == cf[j] or fam in cf[j + 1 : j + 3]:
                    hit = _inverted_repeat(words, j)
            if hit is not None:
                hits.append(hit)
                after = hit[0] + hit[1]
        if not hits:
            continue
        spans = [(m.start() + lm.start(), m.end() + lm.start()) for m in re.finditer(r"\S+", line)]
        for cs, cl, _ml, is_name in hits:
            if raw[spans[cs - 1][1] : spans[cs][0]] != " ":
                continue  # the scraper glues a copy with one space; wider gaps are table columns
            s = spans[cs][0]
            e = _trim_end(raw, spans[cs + cl - 1][1])
            if e <= s:
                continue
            text = raw[s:e]
            kind = IndexTermKind.PERSON if is_name else _classify(_collapse(text))
            terms = tuple(_entry_term(kind, text, s, e, False))
            label = _collapse(text)
            out.append(_Cand(s, e, INDEX_REPEAT, f"index entry {label!r} repeated after its mention", terms))
    return out


def _plain_repeat(words: Sequence[str], cf: Sequence[str], j: int) -> tuple[int, int, int, bool] | None:
    n = len(words)
    for k in range(min(8, j, n - j), 1, -1):
        i = j - k
        if cf[i] != cf[j]:
            continue
        mention = list(cf[i:j])
        copy = list(cf[j : j + k])
        comma = mention[-1].endswith(",")
        period = _ends_sentence(words[j - 1]) and mention[-1].endswith(".")
        mention[-1] = mention[-1].rstrip(",") if comma else mention[-1][:-1] if period else mention[-1]
        copy[-1] = copy[-1].rstrip(",;:.!?")
        if mention != copy:
            continue
        if comma and k < 3:
            continue  # "New York, New York": a city and its state, not an index copy
        if period and j + k < n and not _is_starter(words[j + k]):
            continue  # "... the League of Nations. League of Nations members agreed": a new sentence
        if len(set(mention)) == 1 or not all(any(ch.isalnum() for ch in w) for w in copy):
            continue
        if _is_starter(words[j]) or any(_bare(w) in _PROSE_WORDS for w in copy):
            continue  # "Read more Read more": repeated prose or page furniture, not an index heading
        return j, k, k, False
    return None


def _inverted_repeat(words: Sequence[str], j: int) -> tuple[int, int, int, bool] | None:
    n = len(words)
    for f in range(1, 4):
        if j + f > n:
            return None
        last = words[j + f - 1]
        if not last.endswith(","):
            if not _name_word(last):
                return None
            continue
        family = [w.rstrip(",") for w in words[j : j + f]]
        if not all(_name_word(w) for w in family):
            return None
        for g in range(4, 0, -1):
            if j + f + g > n or j - g - f < 0:
                continue
            given = [w.rstrip(",") for w in words[j + f : j + f + g]]
            if not all(_name_word(w) or w.casefold() in _SUFFIXES for w in given):
                continue
            mention = [_norm_word(w) for w in words[j - g - f : j]]
            if mention == [_norm_word(w) for w in given + family]:
                return j, f + g, f + g, True
        return None
    return None


def _known_term_candidates(ctx: _Ctx, accepted: Sequence[_Cand]) -> list[_Cand]:
    """Unmarked index entries seen before, again where their index range closes."""
    known: set[str] = set()
    for c in accepted:
        if c.kind not in (INDEX_MARKUP, INDEX_REPEAT):
            continue
        for t in c.terms:
            if not t.marked and t.subterm is None and len(t.term.split()) >= 2:
                known.add(t.term)
    if not known:
        return []
    by_first: dict[str, list[str]] = {}
    for k in sorted(known, key=lambda x: (-len(x), x)):
        by_first.setdefault(k.split()[0], []).append(k)
    out: list[_Cand] = []
    raw = ctx.raw
    for m in _SENTENCE_GAP_RE.finditer(raw):
        s = m.end()
        wm = _WORD_AT_RE.match(raw, s)
        if wm is None or wm.group() not in by_first:
            continue
        tok_start = s - len(m.group()) + 1
        while tok_start > 0 and not raw[tok_start - 1].isspace():
            tok_start -= 1
        if not _ends_sentence(raw[tok_start : m.start() + 1 + len(m.group(1))]):
            continue
        for text in by_first[wm.group()]:
            e = s + len(text)
            if raw.startswith(text, s) and _closes_range(raw, e):
                kind = IndexTermKind.PERSON if _name_shape(text) else _classify(text)
                terms = tuple(_entry_term(kind, text, s, e, False))
                out.append(_Cand(s, e, INDEX_MARKUP, f"index entry {text!r} closing its index range", terms))
                break
    return out


def _closes_range(raw: str, e: int) -> bool:
    """True when an index entry ending at ``e`` is followed by a line end or a sentence opener."""
    k = e
    while k < len(raw) and raw[k] in " \t":
        k += 1
    if k == len(raw) or raw[k] in "\r\n":
        return True
    if k == e:
        return False
    wm = _WORD_AT_RE.match(raw, k)
    return wm is not None and _is_starter(wm.group())


def _markup_candidates(raw: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _TAG_RE.finditer(raw):
        name = m.group(1)
        if name.casefold() in _TAG_NAMES or "-" in name or ":" in name or m.group(2):
            out.append(_Cand(m.start(), m.end(), MARKUP_RESIDUE, f"stray markup tag {m.group()[:40]!r}"))
    for m in _ATTR_VALUE_RE.finditer(raw):
        nm = _ATTR_NAME_RE.search(raw, max(0, m.start() - 60), m.start())
        if nm is None:
            continue
        name = nm.group()
        if "-" in name or ":" in name or m.group(1) or name in _ATTR_NAMES:
            text = raw[nm.start() : m.end()]
            out.append(_Cand(nm.start(), m.end(), MARKUP_RESIDUE, f"markup attribute residue {text[:40]!r}"))
    return out


def _ocr_candidates(raw: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _OCR_YEAR_RE.finditer(raw):
        a, b = m.group(1), m.group(2)
        if len(a) + len(b) != 4 or not 1000 <= int(a + b) <= 2099:
            continue
        if len(a) > 1 and not (17 <= int(a[:2]) <= 20):
            continue  # "12 15 cases": only century digits are split off as "19 31" / "193 1"
        s = m.start()
        if s > 0 and (raw[s - 1].isalnum() or raw[s - 1] in "_.,/-–"):
            continue  # part of a longer number, a decimal or a range
        if not (s > 0 and raw[s - 1] == "(") and not _year_context(raw, s):
            continue
        sp = m.start(2) - 1
        out.append(_Cand(sp, sp + 1, OCR_SPLIT, f"year split by OCR: {m.group()!r} reads {a + b}"))
    return out


def _year_context(raw: str, s: int) -> bool:
    """True when the words before offset ``s`` announce a year ("in", "since", "Nov. 16,")."""
    if s == 0 or raw[s - 1] not in " \t":
        return False
    words = raw[max(0, s - 40) : s].split()
    if not words:
        return False
    word = words[-1].casefold().lstrip(_OPENERS)
    if word in _YEAR_CONTEXT or word.rstrip(",") in _MONTHS:
        return True
    before = words[-2].casefold().rstrip(",") if len(words) > 1 else ""
    return bool(_DAY_RE.fullmatch(word)) and before in _MONTHS


def _char_candidates(raw: str) -> list[_Cand]:
    out: list[_Cand] = []
    if "\u00ad" not in raw and "\u200b" not in raw and "\u2060" not in raw and "\ufeff" not in raw:
        return out
    for m in _SOFT_RE.finditer(raw):
        out.append(_Cand(m.start(), m.end(), SOFT_HYPHEN, "soft hyphen U+00AD (an invisible break hint)"))
    for m in _INVISIBLE_RE.finditer(raw):
        names = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in m.group()}))
        out.append(_Cand(m.start(), m.end(), INVISIBLE, f"invisible character {names}"))
    return out


def _line_break_candidates(ctx: _Ctx) -> list[_Cand]:
    raw = ctx.raw
    out: list[_Cand] = []
    for m in _LBH_RE.finditer(raw):
        s, e = m.span()
        if s == 0:
            continue
        lc, rc = raw[s - 1], raw[e]
        if not (lc.isalnum() or (lc == "." and s > 1 and raw[s - 2].isalnum())):
            continue
        lw = _LEFT_WORD_RE.search(raw, max(0, s - 40), s)
        rw = _RIGHT_WORD_RE.match(raw, e)
        same_case = (lc.islower() and rc.islower()) or (lc.isupper() and rc.isupper())
        if same_case and lw is not None and rw is not None:
            left, right = lw.group().casefold(), rw.group().casefold()
            vocab = ctx.vocab()
            joined, hyphened = left + right, f"{left}-{right}"
            if lc.isupper():
                # All capitals: join only when the text spells the joined word somewhere.
                keep = joined not in vocab
            else:
                keep = (hyphened in vocab and joined not in vocab) or (joined not in vocab and left in _COMPOUND_FIRST)
            if not keep:
                out.append(_Cand(s, e, LINE_BREAK_HYPHEN, f"word hyphenated across a line break: {left}- {right}"))
                continue
        out.append(_Cand(s + 1, e, LINE_BREAK_HYPHEN, "line break after a hyphen inside a compound"))
    return out


# ---------------------------------------------------------------------------------------------
# Resolution.


def _resolve(cands: Iterable[_Cand]) -> list[_Cand]:
    """Keep the highest-ranked candidates that do not overlap; return them sorted by start.

    Ranks are taken from the highest down; each rank's candidates (by start, longest first) are
    merged against what is already kept in one linear pass."""
    by_rank: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.end > c.start:
            by_rank.setdefault(_RANK[c.kind], []).append(c)
    kept: list[_Cand] = []
    for rank in sorted(by_rank, reverse=True):
        group = sorted(by_rank[rank], key=lambda c: (c.start, -(c.end - c.start), c.kind))
        merged: list[_Cand] = []
        k = 0
        last_end = -1  # end of the last candidate accepted from this group
        for c in group:
            while k < len(kept) and kept[k].end <= c.start:
                merged.append(kept[k])
                k += 1
            if c.start < last_end or (k < len(kept) and kept[k].start < c.end):
                continue
            merged.append(c)
            last_end = c.end
        merged.extend(kept[k:])
        kept = merged
    return kept


def _fit_whitespace(raw: str, cands: list[_Cand]) -> list[_Cand]:
    """Widen token removals so folding leaves neither a space before punctuation nor a doubled comma."""
    out: list[_Cand] = []
    n = len(raw)
    for idx, c in enumerate(cands):
        s, e = c.start, c.end
        if c.kind in _TOKEN_KINDS:
            prev_end = out[-1].end if out else 0
            next_start = cands[idx + 1].start if idx + 1 < len(cands) else n
            k = s
            while k > prev_end and raw[k - 1] in " \t":
                k -= 1
            if e < n and raw[e] == "," and k < s and k > prev_end and raw[k - 1] == "," and e + 1 <= next_start:
                e += 1  # "A, COPY, the" -> "A, the"
            nxt = raw[e] if e < n else ""
            if nxt == "" or nxt in "\r\n" or nxt in ",.;:!?)]}”’»":
                s = k
        out.append(c._replace(start=s, end=e))
    return out


def find_residue(raw: str, source_id: str) -> tuple[tuple[Removal, ...], tuple[IndexTerm, ...]]:
    """Find scraping residue in a raw text.

    Returns the removals (sorted by start, non-overlapping, each a :class:`Removal` with a span
    of ``source_id``, a kind from :data:`REMOVAL_KINDS` and a one-line reason) and the index
    terms the residue carried, in raw order. The rules are described in the module docstring.

    >>> removals, terms = find_residue("In 1929, Ford Motor Company Ford Motor Company signed.", "doc")
    >>> [(r.kind, r.span.slice("In 1929, Ford Motor Company Ford Motor Company signed.")) for r in removals]
    [('index_repeat', 'Ford Motor Company')]
    >>> [(t.kind.value, t.term) for t in terms]
    [('organisation', 'Ford Motor Company')]
    """
    Span(source_id, 0, 0)  # refuses an invalid source id before any work is done
    ctx = _Ctx(raw)
    first = _resolve(_index_candidates(ctx) + _repeat_candidates(ctx))
    rest = (
        _known_term_candidates(ctx, first)
        + _markup_candidates(raw)
        + _ocr_candidates(raw)
        + _char_candidates(raw)
        + _line_break_candidates(ctx)
    )
    kept = _fit_whitespace(raw, _resolve(first + rest))
    removals = tuple(Removal(Span(source_id, c.start, c.end), c.kind, c.reason) for c in kept)
    found = sorted((t for c in kept for t in c.terms), key=lambda t: t.start)
    terms = tuple(
        IndexTerm(t.kind, t.term, t.subterm, Span(source_id, t.start, t.end))
        for t in found
        if t.term and 0 <= t.start < t.end <= len(raw)
    )
    return removals, terms
