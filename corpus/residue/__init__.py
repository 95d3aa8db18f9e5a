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

from collections.abc import Callable, Sequence

from corpus.model import IndexTerm, Removal, Span
from corpus.residue import characters, footnotes, index_markup, line_breaks, markup, ocr, repeats
from corpus.residue.context import Context
from corpus.residue.kinds import REMOVAL_KINDS
from corpus.residue.records import _Cand
from corpus.residue.resolve import _fit_whitespace, _resolve

__all__ = ["FINDERS", "FIRST_FINDERS", "REMOVAL_KINDS", "Finder", "find_residue"]

#: A residue finder: the candidates it sees in the text, given what the first finders kept.
Finder = Callable[[Context, Sequence[_Cand]], list[_Cand]]

#: Finders whose candidates are settled first: index runs swallow everything inside them.
FIRST_FINDERS: tuple[Finder, ...] = (index_markup.candidates, repeats.candidates)

#: Finders run after them, seeing what they kept (a term seen in index markup is found again where
#: it closes its range). A new residue kind is a module with a ``candidates`` function and a row here.
FINDERS: tuple[Finder, ...] = (
    repeats.known_term_candidates,
    markup.candidates,
    ocr.candidates,
    characters.candidates,
    line_breaks.candidates,
    footnotes.candidates,
)


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
    ctx = Context(raw)
    first = _resolve([c for finder in FIRST_FINDERS for c in finder(ctx, ())])
    rest = [c for finder in FINDERS for c in finder(ctx, first)]
    kept = _fit_whitespace(raw, _resolve(first + rest))
    removals = tuple(Removal(Span(source_id, c.start, c.end), c.kind, c.reason) for c in kept)
    found = sorted((t for c in kept for t in c.terms), key=lambda t: t.start)
    terms = tuple(
        IndexTerm(t.kind, t.term, t.subterm, Span(source_id, t.start, t.end))
        for t in found
        if t.term and 0 <= t.start < t.end <= len(raw)
    )
    return removals, terms
