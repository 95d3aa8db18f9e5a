"""BibTeX in and out: :class:`Reference` objects <-> ``.bib`` text, through bibtexparser v2.

Writing builds bibtexparser ``Entry``/``Field`` blocks in a ``Library`` and serialises them with
``bibtexparser.write_string``; reading uses ``bibtexparser.parse_string`` (with an empty parse
stack: string macros, ``#`` concatenation and delimiters are resolved here, so that nothing is
guessed twice). A ``.bib`` written by :func:`to_bibtex` reads back with :func:`from_bibtex` into
references equal to the originals, with ``ascii=False`` and ``ascii=True`` alike.

Entry types (CSL type -> BibTeX; reading accepts the aliases listed in ``_READ_TYPES``):

============================  ====================================================================
book                          ``@book``
chapter                       ``@incollection`` (``@inbook``, ``@incollection`` read as chapter)
article-journal               ``@article``
article-magazine / -newspaper ``@article`` with biblatex's ``entrysubtype = {magazine|newspaper}``
paper-conference              ``@inproceedings`` (``@conference`` read too)
thesis                        ``@phdthesis`` with ``type = {Thesis}`` (the model has no degree, so
                              the style prints "Thesis", not "PhD thesis"); ``@mastersthesis`` and
                              ``@thesis`` read as thesis
report                        ``@techreport`` (``@report`` read too)
webpage                       ``@misc`` + ``x-type = {webpage}`` (``@online``/``@www`` read too;
                              ``@misc`` because plain.bst warns about unknown types)
entry-encyclopedia            ``@incollection`` + ``x-type`` (``@inreference`` read too)
manuscript                    ``@unpublished``
document                      ``@misc`` (and every unknown type when reading)
============================  ====================================================================

Fields: authors/editors/translators -> ``author``/``editor``/``translator``; title -> ``title``;
container_title -> ``journal`` for articles, ``howpublished`` on ``@misc``, else ``booktitle``;
collection_title -> ``series``;
issue -> ``number``; pages -> ``pages``; number_of_volumes -> ``volumes``; place -> ``address``;
publisher -> ``publisher`` (``school`` for theses, ``institution`` for reports, as plain.bst requires;
``organization`` on ``@misc``, as biblatex's data model has it);
year -> ``year``; date -> biblatex ``date`` plus a ``month`` macro; original_year -> ``origdate``;
url/doi -> ``url``/``doi`` verbatim; isbn -> ``isbn``; accessed -> ``urldate``; note -> ``note``;
annotation -> ``annote`` (``annotation`` read too). Titles, booktitles, journals and series are
wrapped in an extra pair of braces so that BibTeX styles and pandoc keep their capitals as given;
so are publishers and places containing the word "and", which biblatex and pandoc would split.
Text is LaTeX-escaped by :func:`bibliography.latex.escape`; ``ascii=True`` writes pure ASCII.

Names are written ``von Last, Jr, First`` (``van Beethoven, Ludwig``; ``King, Jr., Martin Luther``);
organisations whole in braces (``{United Nations}``); a part BibTeX would split wrongly is braced
(``{Lloyd George}, David``); ``others`` stands for :class:`Person` ``(literal="others")``, BibTeX's
"et al.". Reading splits names with BibTeX's own algorithm (``and`` at brace level 0; von parts are
the words starting in lower case), except that letter case is Unicode-aware.

Everything standard tools do not carry goes into ``x-`` fields, which BibTeX, biber and pandoc
ignore: ``x-type`` (above), ``x-unparsed`` and ``x-raw`` (escaped text), ``x-provenance``
(``[[source, start, end, passage], ...]``) and ``x-confidence`` (``{"field": score}``) as compact
JSON. When a value has no exact standard spelling, the standard field gets the closest safe one and
an exactness hint keeps the model's value as JSON: ``x-author``/``x-editor``/``x-translator`` (a
capitalised particle such as "Van" cannot be a BibTeX von part), ``x-url``/``x-doi`` (braces,
backslashes, line breaks and, for ASCII output, non-ASCII characters, percent-encoded in the
standard field) and ``x-year`` (``null`` when
the reference has a date but no year: ``year`` then carries the date's year for BibTeX). A hint is
only used while the standard field still reads exactly as it was written, so editing the standard
field by hand wins over a stale hint. In JSON values ``{``, ``}`` and ``%`` are written as ``\\u``
escapes: BibTeX needs balanced braces and pandoc reads ``%`` as a comment.

Reading is lenient where real files differ: field names are case-insensitive; ``@string`` macros,
``#`` concatenation and the month macros resolve; biblatex's ``journaltitle``, ``location``,
``date``, ``issue``, ``annotation`` are understood; a year such as ``{c. 1890}`` keeps its first
four-digit year. It is strict where data would be lost or guessed: unparsable blocks, duplicate
keys (BibTeX compares them case-insensitively), duplicate fields, undefined macros and values the
model rejects raise :class:`~bibliography.errors.BibTeXError` naming the source, line and cause.
"""

from bibliography.bibtex.read import from_bibtex
from bibliography.bibtex.write import to_bibtex

__all__ = ["from_bibtex", "to_bibtex"]
