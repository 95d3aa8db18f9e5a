"""Word lists and patterns that tell English prose from index entries and markup; none names any document."""

from __future__ import annotations

import re

from corpus.residue.kinds import _words
from textkit.months import MONTH_NAMES
from textkit.names import PARTICLES, SUFFIX_FORMS

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


# Name particles and suffixes are the shared parser's (textkit/data/name_*.txt).
_PARTICLES = PARTICLES


_SUFFIXES = SUFFIX_FORMS


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


# Month names and their abbreviations with the full stop ("May" has none).
_MONTHS = (
    frozenset(name.lower() for name in MONTH_NAMES)
    | frozenset(name[:3].lower() + "." for name in MONTH_NAMES if name != "May")
    | {"sept."}
)


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
