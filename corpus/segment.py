"""Rule-based English sentence segmentation of one cleaned paragraph.

The segmenter finds every *candidate* boundary with one compiled regular expression (a run of
terminal punctuation, optional closing quotes or brackets, then whitespace) and decides each one
with a few set look-ups on the token before it and the word after it. No models, no per-character
Python loops: the cost is one regex scan plus about a microsecond per candidate.

Decisions, in order (each is a generic rule of English typography, not a fit to one text):

* A lower-case next word never starts a sentence (``"This is great." she said``, ``Co. at noon``).
* A run of ``!``/``?`` ends a sentence before anything else.
* An ellipsis (``...``, ``…``, ``. . .``) ends a sentence only before a capitalised word other
  than the pronoun *I*; a bracketed ``[...]`` is an omission mark and never does. In the MLA form
  ``word. . . . Next`` the first dot is the period and the ellipsis opens the next sentence.
* A period after a known abbreviation depends on its class. Titles (*Mr.*, *Gen.*), Latin
  reference words (*e.g.*, *cf.*, *ca.*) and lone lower-case letters (*p.*, *c.*) never end a
  sentence; citation prefixes (*vol.*, *pp.*, *No.*) never do before a number. *Ambiguous*
  abbreviations, which may also close a sentence (*U.S.*, *Co.*, *Inc.*, *Jr.*, *a.m.*, states,
  months, initials such as *D.*), end one only when the next word is a function word that
  typically opens a sentence (*The, It, He, But, In, How, Mr.* ...), because a capitalised
  content word after them continues a name or compound: ``I live in the U.S. How about you?``
  splits, ``the U.S. Department of State`` and ``Franklin D. Roosevelt`` do not. A quotation
  closing after the period, or opening after it, also ends the sentence. A short introductory
  phrase (``At 5 a.m.``) is not a sentence, so its closing abbreviation is not an end.
* Any other word followed by a period ends a sentence before anything that is not lower case.
* Enumerations (``1. ... 2. ...``, ``a) ... b) ...``) and bullets (``•``) start new sentences even
  without punctuation, and a marker's own period never ends one.
* Footnote references after the punctuation (``.[12]``, ``.³``) stay with their sentence.

Known limits: a capitalised content word after a sentence-final abbreviation (``... the U.S.
Americans ...``) is read as a continuation; a lower-case sentence start (``eBay``) is not a start;
scripts without spaces between sentences (Chinese, Japanese) are not split.
"""

from __future__ import annotations

import re

__all__ = ["sentences", "split_sentences"]

# --------------------------------------------------------------------------------------------------
# Characters and regular expressions
# --------------------------------------------------------------------------------------------------

_OPENING_QUOTES = "\"'“‘«‹"
_CLOSING_QUOTES = "\"'”’»›"
_OPENERS = _OPENING_QUOTES + "([{¿¡"
_CLOSERS = _CLOSING_QUOTES + ")]}"
_BULLETS = "•‣⁃◦▪●"
# Stripped from the left of the token before a period: "(U.S.", "“Inc.", "•9.", "—Mr.".
_TOKEN_LSTRIP = _OPENERS + _BULLETS + "—–-"


def _candidate_pattern(terminal_run: str) -> re.Pattern[str]:
    # terminal run (a spaced ellipsis ". . ." counts as one run), closing quotes or brackets,
    # whitespace; the lookahead peeks at the next word without consuming it, so a period right
    # after that word is still found by the scan.
    return re.compile(
        "(" + terminal_run + r"(?: [.!?…]+)*)"  # 1: terminal run
        "[" + re.escape(_CLOSERS) + "]*"
        # footnote references that scraped pages keep after the punctuation: ".[12]", ".”³"
        r"(?:\[\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*"
        r"(\s+|\Z)"  # 2: whitespace (or the end, so a run is never cut short there)
        "(?=([" + re.escape(_OPENERS) + "]*)"  # 3: opening quotes/brackets of the next word
        r"(\w*)([.\-]?))"  # 4: next word, 5: the character right after it if "." or "-"
    )


# The general scan starts with a character class, which the regex engine tests position by
# position; a run that starts with the literal "." lets it jump between periods with a fast
# substring search, several times faster on prose without "!", "?" or "…".
_CANDIDATE = _candidate_pattern(r"[.!?…‽][.!?…‽]*")
_CANDIDATE_DOTS = _candidate_pattern(r"\.\.*")

# An enumeration marker at a sentence start: "1." "12)" "1.)" "a." "b)", optionally after a bullet.
# Upper-case letters are left out: "A. Lincoln" is an initial far more often than a list item.
_ENUM_AT = re.compile(r"(?:[" + _BULLETS + r"] ?)?(\d{1,3}|[a-z])(\.\)|\.|\))(?=\s)")

# The token before a period is looked for at most this far back; anything longer is a plain word
# (no abbreviation is that long), and the bound keeps pathological texts linear.
_TOKEN_WINDOW = 48
# The next marker of an enumeration must come within this many characters (a list item is short);
# the bound keeps a text full of enumerations linear.
_ITEM_MAX = 1000

# Abbreviations with internal periods: U.S, N.Y, a.m, U.S.A, N.Dak, W.Va, Ph.D, LL.B (the final
# period is the candidate).
_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,4}")

# --------------------------------------------------------------------------------------------------
# Token classes. Keys are tokens without their final period.
# --------------------------------------------------------------------------------------------------


def _words(spaced: str) -> list[str]:
    return spaced.split()


_PLAIN = 0  # an ordinary word: its period ends a sentence before anything but lower case
_NEVER = 1  # never ends a sentence before a word (titles, "e.g.", "cf.", lone lower-case letters)
_AMBIGUOUS = 2  # ends one only before a sentence-starting function word
_NUMBER_STRONG = 3  # citation prefix: never before a number, otherwise ambiguous ("vol.", "pp.")
_NUMBER_WEAK = 4  # prefix that is also a word ("no", "art"): never before a number, otherwise plain
_NUMERAL = 5  # 1-3 digits: an enumeration marker at a sentence start, otherwise plain
_INITIAL = 6  # one upper-case letter: a marker at a sentence start, otherwise ambiguous

# Titles and abbreviated given names that stand before a name. Case-sensitive: "Rep." is a
# title, "rep." a word.
_TITLES = _words(
    "Mr Mrs Ms Messrs Mme Mlle Mmes Dr Prof Rev Revd Hon Rt Gen Sen Rep Gov Pres Supt Insp Msgr Fr "
    "Capt Col Lt Maj Sgt Cpl Pvt Adm Cmdr Comdr Brig Lieut Amb Atty Sec Treas "
    "Wm Chas Thos Jas Geo Benj Jno Robt Saml Edw Richd Jos Eliz"
)

# Abbreviations that may also close a sentence and are ordinary words in lower case ("mass",
# "wash", "ill", "me", "ind"), so they are matched case-sensitively.
_AMBIGUOUS_CASED = _words(
    # months
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    # U.S. states (traditional forms; the dotted two-letter ones such as N.Y. match _DOTTED)
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Me Md Mass Mich Minn "
    "Miss Mo Mont Neb Nebr Nev Okla Ore Oreg Pa Penna Tenn Tex Ut Vt Va Wash Wis Wisc Wyo "
    # Canadian provinces
    "Ont Que Alta Sask"
)

# Abbreviations that may close a sentence and are not words, matched case-insensitively.
_AMBIGUOUS_ANYCASE = _words(
    "co corp inc ltd llc plc bros jr sr esq dept depts univ assn assoc inst natl intl acad "
    "ave blvd rd st mt ft hwy bldg etc ed eds trans tr comp repr rev al ibid id"
)

# Latin and reference abbreviations always followed by more of the sentence.
_NEVER_ANYCASE = _words("e.g i.e viz cf vs ca approx esp resp incl")

# Reference prefixes before a number or Roman numeral: "p. 55", "vol. 3", "N°. 1026", "No. 5".
_NUMBER_STRONG_ANYCASE = _words(
    "pp vol vols fig figs ch chap chs sec secs sect sects para paras nos nr n° nº bk bks ser suppl "
    "cl tab pl fol fols ll nn fn"
)
_NUMBER_WEAK_ANYCASE = _words("no art arts pt pts op ex col ill")


def _build_classes() -> tuple[dict[str, int], dict[str, int]]:
    cased: dict[str, int] = {}
    anycase: dict[str, int] = {}
    for words, cls in (
        (_AMBIGUOUS_ANYCASE, _AMBIGUOUS),
        (_NEVER_ANYCASE, _NEVER),
        (_NUMBER_STRONG_ANYCASE, _NUMBER_STRONG),
        (_NUMBER_WEAK_ANYCASE, _NUMBER_WEAK),
    ):
        for w in words:
            anycase[w] = cls
    for w in _AMBIGUOUS_CASED:
        cased[w] = _AMBIGUOUS
    # Titles win over the case-insensitive entries ("Col." colonel, "col." column).
    for w in _TITLES:
        cased[w] = _NEVER
        cased[w.upper()] = _NEVER
    return cased, anycase


_CASED, _ANYCASE = _build_classes()

# Words that open sentences but almost never continue a name or compound after an abbreviation:
# articles and determiners, pronouns, conjunctions, sentence adverbs, prepositions, question and
# auxiliary words, and the titles that begin a name. After an ambiguous abbreviation such a word
# signals a new sentence ("in the U.S. The issue"), a capitalised content word does not ("the
# U.S. Department").
_STARTERS = frozenset(
    _words(
        "The A An This That These Those Its His Her Their Our My Your Some Many Most Much Each Every "
        "All Both Few Several Such No Any Another Other Neither Either None "
        "I He She It We They You There Here One Nobody Nothing Everyone Everything Someone Something "
        "But And Or Nor So Yet However Although Though Because Since While When Whenever Where "
        "Whereas If Unless Until After Before As Once Then Thus Hence Therefore Moreover Furthermore "
        "Nevertheless Nonetheless Meanwhile Instead Indeed Also Still Even Only Finally Later Today "
        "Now Again Perhaps Otherwise Besides Likewise Similarly Consequently Accordingly Afterward "
        "Afterwards Eventually Soon Ultimately Overall Together Initially "
        "In On At By For From With Without During Under Over To Into Within Upon Among Between "
        "Through Throughout Despite Following According Unlike Like Against About Above Below "
        "Beyond Toward Towards Along Across Around Behind Of "
        "What Who Whom Whose Which Why How Is Are Was Were Do Does Did Can Could Will Would Should "
        "Shall Might Must Has Have Had Not Yes Let Please "
        "Mr Mrs Ms Dr Messrs"
    )
)

# A sentence made only of a short introductory prepositional phrase ("At 5 a.m.") is a fragment,
# so the abbreviation that closes it does not end the sentence.
_FRAGMENT_OPENERS = frozenset(_words("At By Before After Around About Until Till From Since On In Near Toward Towards"))

_ROMAN = frozenset("IVXLCDM")

# Classes of tokens already seen. Prose reuses its vocabulary, so most look-ups hit; the cache is
# cleared when it grows past _CACHE_MAX so memory stays bounded on endless input.
_CACHE: dict[str, int] = {}
_CACHE_MAX = 100_000


def _token_class(tok: str) -> int:
    """The class of ``tok``, the whitespace-delimited token before a period (without the period)."""
    tok = tok.lstrip(_TOKEN_LSTRIP)
    cls = _CASED.get(tok)
    if cls is not None:
        return cls
    low = tok.lower()
    cls = _ANYCASE.get(low)
    if cls is not None:
        return cls
    n = len(tok)
    if n == 0:
        return _PLAIN
    if n <= 3 and tok.isdigit():
        return _NUMERAL
    if n == 1:
        if tok.islower():
            # "p. 55", "c. 1920", "b. 1882", list letters: a lone lower-case letter is not a word.
            return _NEVER
        if tok.isupper():
            # An initial ("Franklin D. Roosevelt"), a list letter, or the pronoun ("you and I.").
            return _INITIAL
        return _PLAIN
    if "." in tok and _DOTTED.fullmatch(tok):
        return _AMBIGUOUS
    # Short mixed- or lower-case Latin tokens without vowels are abbreviations (Blvd, Pkwy, Bldg);
    # all-capital ones are acronyms (NBC, FDR) that end sentences like ordinary words.
    if n <= 5 and tok.isascii() and tok.isalpha() and not tok.isupper() and not any(v in low for v in "aeiouy"):
        return _AMBIGUOUS
    return _PLAIN


def _successor(val: str) -> str | None:
    if val.isdigit():
        return str(int(val) + 1)
    if "a" <= val < "z":
        return chr(ord(val) + 1)
    return None


_MARKER_PATTERNS: dict[tuple[str, str], re.Pattern[str]] = {}


def _marker_pattern(val: str, delim: str) -> re.Pattern[str]:
    key = (val, delim)
    pat = _MARKER_PATTERNS.get(key)
    if pat is None:
        # Literal first, so the search jumps between occurrences; the context before is checked by
        # the caller.
        pat = re.compile(re.escape(val) + "(" + re.escape(delim) + r")(?=\s)")
        if len(_MARKER_PATTERNS) < 4096:
            _MARKER_PATTERNS[key] = pat
    return pat


def _back_over_space(text: str, pos: int) -> int:
    """The end of the non-whitespace text before ``pos``."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _marker_context(text: str, pos: int) -> bool:
    """Whether a marker at ``pos`` is a whole token: at the start, after whitespace or a bullet."""
    if pos == 0:
        return True
    before = text[pos - 1]
    return before.isspace() or (before in _BULLETS and (pos == 1 or text[pos - 2].isspace()))


def _walk_enumeration(
    text: str, first: re.Match[str], forced: dict[int, int], marker_dots: set[int], walked: set[int]
) -> None:
    """Follow an enumeration from its marker ``first``: each next marker ("2." after "1.", "b)"
    after "a)", same delimiter) within an item's length starts a sentence, and the markers' periods
    are not sentence ends. ``walked`` collects the markers seen, so none is followed twice."""
    val, delim = first.group(1), first.group(2)
    walked.add(first.start(1))
    if delim[0] == ".":
        marker_dots.add(first.start(2))
    pos = first.end()
    nxt = _successor(val)
    while nxt is not None:
        pat = _marker_pattern(nxt, delim)
        limit = pos + _ITEM_MAX
        fm = pat.search(text, pos, limit)
        while fm is not None and not _marker_context(text, fm.start()):
            fm = pat.search(text, fm.start() + 1, limit)
        if fm is None:
            return
        start = fm.start()
        if start >= 2 and text[start - 1] == " " and text[start - 2] in _BULLETS:
            start -= 2
        elif start >= 1 and text[start - 1] in _BULLETS:
            start -= 1
        forced[start] = _back_over_space(text, start)
        walked.add(fm.start())
        if delim[0] == ".":
            marker_dots.add(fm.start(1))
        pos = fm.end()
        nxt = _successor(nxt)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open ``[start, end)`` spans of the sentences of ``text`` (Python str indices), in order.

    The spans do not overlap, each is stripped of surrounding whitespace, and together they cover
    every non-whitespace character of ``text``. ``text`` is meant to be one cleaned paragraph but
    any string is accepted (newlines, CRLF, any Unicode).

    >>> split_sentences("I live in the U.S. How about you?")
    [(0, 18), (19, 33)]
    >>> split_sentences("  ")
    []
    """
    n = len(text)
    first = n - len(text.lstrip())
    if first == n:
        return []
    last = len(text.rstrip())
    ascii_only = text.isascii()  # O(1) in CPython: rules out bullets, "…" and "‽" at once
    # Sentence starts forced by list structure (start -> end of the previous sentence), and the
    # positions of enumeration markers' periods.
    forced, marker_dots, walked = _list_starts(text, first, ascii_only=ascii_only)
    if "!" in text or "?" in text or (not ascii_only and ("…" in text or "‽" in text)):
        scan = _CANDIDATE
    else:
        scan = _CANDIDATE_DOTS

    cuts: dict[int, int] = {}  # start of a sentence -> end of the sentence before it
    cur_start = first  # start of the sentence the scan is in
    for m in scan.finditer(text):
        nstart = m.end()
        if nstart >= n:
            break
        run, _, opened, word, after = m.groups()
        c0 = word[:1]
        if c0.islower() and (
            len(word) > 1 or (after != "." and text[nstart + len(opened) + 1 : nstart + len(opened) + 2] != ")")
        ):
            # Lower case continues the sentence; a lone letter with "." or ")" is a list marker.
            continue
        rs = m.start()
        end = m.start(2)
        if run != ".":
            cut = _mark_run_cut(text, m, cur_start)
            if cut is not None:
                cuts[cut[0]] = cut[1]
                cur_start = cut[0]
            if cut is not None or "!" in run or "?" in run or "‽" in run or "…" in run or run.count(".") >= 3:
                continue
        if marker_dots and rs in marker_dots:
            continue
        cls = _class_before(text, rs, cur_start)
        if cls is None or (cls != _PLAIN and _abbreviation_continues(text, m, cls, cur_start)):
            continue
        cuts[nstart] = end
        cur_start = nstart
        if c0 and len(word) <= 3 and (c0.isdigit() or len(word) == 1):
            em = _ENUM_AT.match(text, nstart)
            if em is not None and em.start(1) not in walked:
                _walk_enumeration(text, em, forced, marker_dots, walked)
    return _spans(cuts, forced, first, last)


def _list_starts(text: str, first: int, *, ascii_only: bool) -> tuple[dict[int, int], set[int], set[int]]:
    """Sentence starts that bullets and an enumeration opening the text force, with the enumeration
    markers' periods and the markers already walked."""
    forced: dict[int, int] = {}
    marker_dots: set[int] = set()
    walked: set[int] = set()
    if not ascii_only:
        for bullet in _BULLETS:
            at = text.find(bullet)
            while at >= 0:
                if at > 0 and text[at - 1].isspace():
                    forced[at] = _back_over_space(text, at)
                at = text.find(bullet, at + 1)
    c = text[first]
    if c.isdigit() or c.islower() or c in _BULLETS:
        em = _ENUM_AT.match(text, first)
        if em is not None:
            _walk_enumeration(text, em, forced, marker_dots, walked)
    return forced, marker_dots, walked


def _mark_run_cut(text: str, m: re.Match[str], cur_start: int) -> tuple[int, int] | None:
    """For a run of marks other than one period ("?!", "...", "…"): the cut it makes, as
    ``(start of the next sentence, end of this one)``, or None when it does not end the sentence."""
    run, word = m.group(1), m.group(4)
    nstart, end, rs = m.end(), m.start(2), m.start()
    if "!" in run or "?" in run or "‽" in run:
        return nstart, end
    if "…" not in run and run.count(".") < 3:
        return None
    if rs > 0 and text[rs - 1] in "[(" and text[m.end(1)] in "])":
        return None  # "[...]": an editorial omission mark
    if not word[:1].isupper() or word == "I" or rs == cur_start:
        return None  # an ellipsis opening a sentence does not close it
    if len(run) == 7 and run[1] == " " and rs > 0 and not text[rs - 1].isspace():
        # "word. . . . Next": the period, then an ellipsis opening the next sentence.
        return rs + 2, rs + 1
    return nstart, end


def _class_before(text: str, rs: int, cur_start: int) -> int | None:
    """The class of the token before the period at ``rs``; None when it is a list marker."""
    lo = rs - _TOKEN_WINDOW if rs > _TOKEN_WINDOW else 0
    ws = text.rfind(" ", lo, rs)
    if ws < 0 and lo > 0:
        return _PLAIN  # longer than any abbreviation
    tok = text[ws + 1 : rs]
    if not tok.isprintable():
        parts = tok.split()  # other whitespace (newline, no-break space) inside the window
        tok = parts[-1] if parts else ""
    cache = _CACHE
    cls = cache.get(tok)
    if cls is None:
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        cls = cache[tok] = _token_class(tok)
    if cls >= _NUMERAL:
        body = tok.lstrip(_TOKEN_LSTRIP)
        tstart = rs - len(body)
        if (
            tstart == cur_start
            or (len(body) != len(tok) and tok[0] in _BULLETS)
            or (tstart >= 2 and text[tstart - 1] == " " and text[tstart - 2] in _BULLETS)
        ):
            return None  # "1. The first item", "• 9. The first item", "⁃10. The"
        cls = _PLAIN if cls == _NUMERAL else _AMBIGUOUS
    return cls


def _abbreviation_continues(text: str, m: re.Match[str], cls: int, cur_start: int) -> bool:
    """Whether the sentence goes on after an abbreviation's (or number's) period."""
    opened, word, after = m.group(3), m.group(4), m.group(5)
    c0 = word[:1]
    rs, end = m.start(), m.start(2)
    if cls == _NEVER:
        return True
    if cls >= _NUMBER_STRONG and (c0.isdigit() or (word != "I" and word and set(word) <= _ROMAN)):
        return True  # "p. 55", "vol. IV", "No. 5"
    if cls == _NUMBER_WEAK:
        return False  # "no." before anything else is the word "no"
    if text[end - 1] in _CLOSING_QUOTES:
        return False  # a closed quotation ends with its sentence: '... the U.S." The'
    if c0.isdigit():
        return True  # "Nov. 16", "U.S. 1"
    if opened and opened[-1] in _OPENING_QUOTES:
        return False  # a quotation opens after the abbreviation
    if word not in _STARTERS or after == "-" or (after == "." and len(word) == 1):
        return True  # "U.S. Department", "Franklin D. Roosevelt", "J. R. R. Tolkien"
    if rs - cur_start < 24:
        head = text[cur_start:rs].split()
        if 0 < len(head) <= 4 and head[0] in _FRAGMENT_OPENERS:
            return True  # "At 5 a.m. Mr. Smith went to the bank."
    return False


def _spans(cuts: dict[int, int], forced: dict[int, int], first: int, last: int) -> list[tuple[int, int]]:
    if forced:
        for start, end in forced.items():
            if first < start < last:
                cuts.setdefault(start, end)
        order = sorted(cuts)
    else:
        order = list(cuts)
    spans: list[tuple[int, int]] = []
    prev = first
    for start in order:
        spans.append((prev, cuts[start]))
        prev = start
    spans.append((prev, last))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings: ``[text[s:e] for s, e in split_sentences(text)]``.

    >>> sentences("Let's ask Jane and co. They should know.")
    ["Let's ask Jane and co.", 'They should know.']
    """
    return [text[s:e] for s, e in split_sentences(text)]
