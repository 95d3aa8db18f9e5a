"""Plain Unicode text to LaTeX for BibTeX field values, and back.

:func:`escape` turns a plain string into LaTeX that typesets as that string; :func:`unescape`
reads such LaTeX (and the accents, ligatures and text commands common in real ``.bib`` files)
back into plain text. ``unescape(escape(s, ascii=a)) == s`` holds for every string ``s`` without
lone surrogates, with either value of ``a``.

Decisions, all made so that both BibTeX (which counts every brace, escaped or not) and
bibtexparser (which ignores braces after a backslash) see balanced values:

* ``& % $ # _`` become ``\\&`` ... ``\\_``; ``~ ^ \\`` become ``\\textasciitilde{}``,
  ``\\textasciicircum{}``, ``\\textbackslash{}``.
* Braces that pair up in the text become ``\\{`` ... ``\\}``; an unpaired brace becomes
  ``\\textbraceleft{}`` / ``\\textbraceright{}`` (``\\{`` alone would unbalance the field).
* Character pairs that LaTeX fonts turn into ligatures (``--``, ``````, ``''``, ``<<``, ``>>``,
  ``,,``, ``!``` and ``?```) are split with ``{}`` so they print as typed; :func:`unescape` reads
  ``--``, ``---``, ``````, ``''`` and ``~`` as the characters LaTeX prints for them.
* A line break becomes ``\\newline{}`` and a carriage return ``\\symbol{13}``, because
  :func:`unescape` folds raw line breaks (and the blanks around them) into one space, as LaTeX
  does with the line-wrapped fields found in hand-written files.
* With ``ascii=False`` every other character is kept as UTF-8 (for biber, pandoc and
  XeLaTeX/LuaLaTeX). With ``ascii=True`` (classic BibTeX and pdfLaTeX) the output is pure ASCII:
  accented letters become ``{\\'e}``, ``{\\c{c}}``, ``{\\^{\\d{e}}}``; special letters
  ``{\\ss}``, ``{\\o}``, ``{\\ae}``, ``{\\l}`` ...; dashes ``--`` / ``---``; curly double quotes
  ``````/``''`` and single ones ``\\textquoteleft{}`` / ``\\textquoteright{}``; Greek letters and
  a few symbols ``$\\alpha$``, ``$\\times$``; anything else ``\\symbol{N}`` (decimal code point,
  which pdfLaTeX can only typeset below 256, like the raw character itself).

>>> escape("Camberleigh & Hall, 50% off")
'Camberleigh \\\\& Hall, 50\\\\% off'
>>> escape("Über Straße", ascii=True)
'{\\\\"U}ber Stra{\\\\ss}e'
>>> unescape(r"{\\"U}ber Stra{\\ss}e, pp. 1--5")
'Über Straße, pp. 1–5'
"""

from bibliography.latex.from_latex import unescape
from bibliography.latex.to_latex import escape

__all__ = ["escape", "unescape"]
