"""Plain Unicode text to LaTeX that typesets as that text (:func:`escape`); the decisions are in the
package docstring of :mod:`bibliography.latex`."""

from __future__ import annotations

import functools
import re
import unicodedata

from bibliography.latex.from_latex import unescape
from bibliography.latex.tables import _ACCENTS, _LETTERS, _MATH_SYMBOLS

__all__ = ["escape"]


_ASCII_SPECIALS: dict[str, str] = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "\n": r"\newline{}",
    "\r": r"\symbol{13}",
}
# Non-ASCII characters with a preferred ASCII form (checked before accent decomposition).
_ASCII_FORMS: dict[str, str] = {
    "\u00a0": "~",
    "–": "--",
    "—": "---",
    "“": "``",
    "”": "''",
    "‘": r"\textquoteleft{}",
    "’": r"\textquoteright{}",
    "„": r"\quotedblbase{}",
    "‚": r"\quotesinglbase{}",
    "«": r"\guillemotleft{}",
    "»": r"\guillemotright{}",
    "‹": r"\guilsinglleft{}",
    "›": r"\guilsinglright{}",
    "…": r"\dots{}",
    "¡": r"\textexclamdown{}",
    "¿": r"\textquestiondown{}",
    "§": r"\S{}",
    "¶": r"\P{}",
    "†": r"\dag{}",
    "‡": r"\ddag{}",
    "©": r"\copyright{}",
    "®": r"\textregistered{}",
    "™": r"\texttrademark{}",
    "£": r"\pounds{}",
    "€": r"\texteuro{}",
    "°": r"\textdegree{}",
    "•": r"\textbullet{}",
    "·": r"\textperiodcentered{}",
    "ª": r"\textordfeminine{}",
    "º": r"\textordmasculine{}",
    "¢": r"\textcent{}",
    "¥": r"\textyen{}",
    "½": r"\textonehalf{}",
    "¼": r"\textonequarter{}",
    "¾": r"\textthreequarters{}",
    "µ": r"\textmu{}",
    "‰": r"\textperthousand{}",
    "\u2003": r"\quad{}",
    "\u2002": r"\enspace{}",
    "\u2009": r"\,",
}
_ASCII_FORMS.update({char: "{\\" + name + "}" for name, char in _LETTERS.items()})
_ASCII_FORMS.update({char: f"$\\{name}$" for name, char in _MATH_SYMBOLS.items() if char not in _ASCII_FORMS})

# Adjacent characters that LaTeX fonts would join into one glyph (or that would start display
# math); escape() separates them with an empty group.
_LIGATURE_PAIRS = frozenset({"--", "``", "''", "<<", ">>", ",,", "!`", "?`", "$$"})


# Text without any of these (characters escape() rewrites, pairs it separates) is its own LaTeX.
_PLAIN_RE = re.compile(
    "[{}" + re.escape("".join(_ASCII_SPECIALS)) + "]|" + "|".join(re.escape(pair) for pair in sorted(_LIGATURE_PAIRS))
)


def _brace_pairs(text: str) -> set[int]:
    """Positions of the braces in ``text`` that pair up (written ``\\{`` / ``\\}``)."""
    paired: set[int] = set()
    stack: list[int] = []
    for i, char in enumerate(text):
        if char == "{":
            stack.append(i)
        elif char == "}" and stack:
            paired.add(stack.pop())
            paired.add(i)
    return paired


@functools.lru_cache(maxsize=4096)
def _ascii_char(char: str) -> str:
    """The ASCII LaTeX for one non-ASCII character; verified to read back exactly."""
    candidate = _ASCII_FORMS.get(char) or _accented(char)
    if candidate is not None and unescape(candidate) == char:
        return candidate
    return f"\\symbol{{{ord(char)}}}"


def _accented(char: str) -> str | None:
    """``{\\'e}``, ``{\\c{c}}``, ``{\\^{\\d{e}}}`` for a precomposed letter, else None."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or any(mark not in _ACCENTS for mark in marks):
        return None
    if base.isascii() and base.isalpha():
        inner = base
    elif base in _ASCII_FORMS and _ASCII_FORMS[base].startswith("{\\"):
        inner = _ASCII_FORMS[base][1:-1]
    else:
        return None
    for mark in marks:
        command = _ACCENTS[mark]
        # A word accent (\c) or a nested one needs braces: \c{c}, \^{\d{e}}; \'e does not.
        braced = command.isalpha() or len(inner) > 1
        inner = f"\\{command}{{{inner}}}" if braced else f"\\{command}{inner}"
    return "{" + inner + "}"


def escape(text: str, *, ascii: bool = False) -> str:
    """Plain text -> LaTeX for a BibTeX field value (see the module docstring for the rules).

    >>> escape("R&D {draft} -- 100%")
    'R\\\\&D \\\\{draft\\\\} -{}- 100\\\\%'
    >>> escape("Gödel—Escher", ascii=True)
    'G{\\\\"o}del---Escher'
    """
    if _PLAIN_RE.search(text) is None and (not ascii or text.isascii()):
        # Most field values have nothing to escape: the loop below would give them back unchanged.
        return text
    paired = _brace_pairs(text) if ("{" in text or "}" in text) else set()
    out: list[str] = []
    last = ""
    for i, char in enumerate(text):
        if char == "{":
            piece = "\\{" if i in paired else r"\textbraceleft{}"
        elif char == "}":
            piece = "\\}" if i in paired else r"\textbraceright{}"
        elif char in _ASCII_SPECIALS:
            piece = _ASCII_SPECIALS[char]
        elif ascii and not char.isascii():
            piece = _ascii_char(char)
        else:
            piece = char
        if last + piece[0] in _LIGATURE_PAIRS:
            out.append("{}")
        out.append(piece)
        last = piece[-1]
    return "".join(out)
