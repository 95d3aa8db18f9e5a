"""Reference strings (Chicago, MLA, APA, Harvard, Vancouver, Wikipedia "Further reading") to :class:`Reference`.

The rule parser is style agnostic. It works in four steps, one module each:

1. :mod:`~bibliography.parse.identifiers`: normalise whitespace and lift out identifiers wherever they
   stand (DOI, URL, ISBN, "Accessed ..." dates, leftover markup attributes, list labels);
2. :mod:`~bibliography.parse.authors`: find the author block at the start: APA/Harvard/Wikipedia
   ``Names (Year)``, Chicago/MLA inverted lists (``Last, First M., and First Last.``), organisations,
   reading-order names, Chicago notes;
3. :mod:`~bibliography.parse.segments`: cut the rest into segments at sentence boundaries that are not
   initials or abbreviations, and at closing quotes; the first segment is the title;
4. :mod:`~bibliography.parse.classify`: classify every other segment by an ordered table of rules
   (publication block ``Place: Publisher, Year``, journal block ``Journal 12, no. 3 (2001): 45-67`` /
   ``Journal, 12(3), 45-67``, MLA comma lists, ``In ...`` containers, editors and translators, editions,
   volumes, reprints, theses, reports, dates, pages; the blocks are in :mod:`~bibliography.parse.blocks`,
   the words and patterns in :mod:`~bibliography.parse.vocabulary`); what is left becomes a container
   title, a publisher, the ``annotation`` (descriptive prose after a complete citation) or ``unparsed``.
   Nothing is dropped: words a rule consumes are structural markers listed in :data:`MARKER_WORDS` (or
   month names turned into ISO dates).

:mod:`~bibliography.parse.reference` puts the steps together. Descriptive prose after a complete citation
is the ``annotation``; a physical description or price ("xii + 345 pp.", "$35.00"), a medium ("Print."),
"et al." and other remarks go to ``note``; a leading 3-em dash ("———. Title ...") is noted and
:func:`parse_references` fills in the previous entry's people.

A learned labeler reads the same strings: a linear-chain CRF over word tokens
(:mod:`~bibliography.parse.tokens` features and the rule parse of each token,
:mod:`~bibliography.parse.stacked`; :mod:`~bibliography.parse.crf` Viterbi, weights in
``bibliography/data/parser_model.json`` trained by ``bench/train_parser.py`` on the public AnyStyle and
GROBID parser training files), whose labelled runs :mod:`~bibliography.parse.labelled` turns into fields.
:mod:`~bibliography.parse.combine` keeps the labeler's parse unless the rules read an annotation or an
access date; ``parse_reference(raw, learned=False)`` gives the rules' parse alone.

Decisions: a reprint ("1948. Reprint, New York: Norton, 1990.") gets ``year`` = the reprint's year (the
edition cited), ``original_year`` = the first year, and the first place/publisher go to ``note``;
``edition`` keeps the ordinal as printed without "ed." ("2d", "3rd", "Rev."); ``pages`` and titles are
kept as printed; a DOI is stored without its resolver prefix; "et al." becomes ``note`` "authors: et al."
(never a Person).
"""

from bibliography.parse.dates import MARKER_WORDS, parse_date
from bibliography.parse.reference import parse_reference, parse_references

__all__ = ["MARKER_WORDS", "parse_date", "parse_reference", "parse_references"]
