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

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["escape", "unescape"]

# --------------------------------------------------------------------------------------------
# Tables shared by both directions.
# --------------------------------------------------------------------------------------------

#: Combining mark -> accent command. Symbol accents take their argument directly (``\'e``),
#: word accents need braces (``\c{c}``).
_ACCENTS: dict[str, str] = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0328": "k",
    "\u0331": "b",
    "\u0361": "t",
}
_ACCENT_MARKS: dict[str, str] = {cmd: mark for mark, cmd in _ACCENTS.items()}

#: Control words that stand for one character (text mode), with the form :func:`escape` writes.
_LETTERS: dict[str, str] = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dj": "đ",
    "DJ": "Đ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
}
_TEXT_SYMBOLS: dict[str, str] = {
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textdollar": "$",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "quotedblbase": "„",
    "quotesinglbase": "‚",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guillemetleft": "«",
    "guillemetright": "»",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "textendash": "–",
    "textemdash": "—",
    "dots": "…",
    "ldots": "…",
    "textellipsis": "…",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "S": "§",
    "textsection": "§",
    "P": "¶",
    "textparagraph": "¶",
    "dag": "†",
    "textdagger": "†",
    "ddag": "‡",
    "textdaggerdbl": "‡",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "pounds": "£",
    "textsterling": "£",
    "texteuro": "€",
    "euro": "€",
    "textdegree": "°",
    "textbullet": "•",
    "textperiodcentered": "·",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textcent": "¢",
    "textyen": "¥",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "textmu": "µ",
    "textperthousand": "‰",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "newline": "\n",
    "linebreak": "\n",
    "par": "\n",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    "enspace": "\u2002",
    "thinspace": "\u2009",
    "space": " ",
}
#: Commands for one character in math mode (:func:`escape` writes them as ``$\cmd$``).
_MATH_SYMBOLS: dict[str, str] = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "varepsilon": "ε",
    "epsilon": "ϵ",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "varpi": "ϖ",
    "rho": "ρ",
    "varrho": "ϱ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "varphi": "φ",
    "phi": "ϕ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "times": "×",
    "div": "÷",
    "pm": "±",
    "mp": "∓",
    "cdot": "⋅",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "equiv": "≡",
    "sim": "∼",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "supset": "⊃",
    "cup": "∪",
    "cap": "∩",
    "emptyset": "∅",
    "forall": "∀",
    "exists": "∃",
    "neg": "¬",
    "wedge": "∧",
    "vee": "∨",
    "rightarrow": "→",
    "to": "→",
    "leftarrow": "←",
    "leftrightarrow": "↔",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "Leftrightarrow": "⇔",
    "uparrow": "↑",
    "downarrow": "↓",
    "prime": "′",
    "circ": "∘",
    "bullet": "∙",
    "star": "⋆",
    "ell": "ℓ",
    "hbar": "ℏ",
    "aleph": "ℵ",
    "langle": "⟨",
    "rangle": "⟩",
    "ldots": "…",
    "cdots": "⋯",
}
#: Control symbols (backslash + one non-letter) other than accents.
_CONTROL_SYMBOLS: dict[str, str] = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    "\\": "\n",
    " ": " ",
    ",": "\u2009",
    ";": "\u2005",
    ":": "\u2005",
    "!": "",
    "/": "",
    "-": "",
    "@": "",
    "|": "‖",
}
#: Commands that drop out and leave their one argument.
_KEEP_ARGUMENT = frozenset(
    {
        "emph",
        "textit",
        "textbf",
        "textsc",
        "textrm",
        "textsf",
        "texttt",
        "textup",
        "textsl",
        "textmd",
        "textnormal",
        "textsuperscript",
        "textsubscript",
        "mbox",
        "hbox",
        "text",
        "textnc",
        "NoCaseChange",
        "nocase",
        "ensuremath",
        "mathrm",
        "mathit",
        "mathbf",
        "mathsf",
        "mathtt",
        "mathcal",
        "operatorname",
        "underline",
        "url",
        "path",
        "enquote",
        "foreignlanguage",
        "hyphenation",
    }
)
#: Commands that drop out entirely (font switches, spacing and sorting tricks).
_SWITCHES = frozenset(
    {
        "relax",
        "ignorespaces",
        "em",
        "it",
        "bf",
        "sc",
        "rm",
        "sf",
        "tt",
        "sl",
        "itshape",
        "bfseries",
        "scshape",
        "upshape",
        "slshape",
        "mdseries",
        "normalfont",
        "rmfamily",
        "sffamily",
        "ttfamily",
        "protect",
        "nobreak",
        "allowbreak",
        "hfill",
        "unskip",
        "xspace",
        "displaystyle",
        "textstyle",
        "noindent",
        "smallskip",
        "medskip",
        "bigskip",
        "null",
    }
)
#: Commands whose (first) argument is dropped: ``\noopsort{b}`` only steers BibTeX's sorting.
_DROP_ARGUMENT = frozenset({"noopsort", "SortNoop", "sortnoop", "printfirst", "swap", "label", "index"})
_CASE_COMMANDS = {
    "MakeUppercase": str.upper,
    "uppercase": str.upper,
    "MakeTextUppercase": str.upper,
    "MakeLowercase": str.lower,
    "lowercase": str.lower,
    "MakeTextLowercase": str.lower,
}

# --------------------------------------------------------------------------------------------
# escape
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# unescape
# --------------------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")
_NUMBER = re.compile(r"\s*(?:\"([0-9A-Fa-f]+)|'([0-7]+)|`\\?(.)|([0-9]+))")


class _Reader:
    """A small recursive-descent reader for the LaTeX found in BibTeX field values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def read(self, *, until_close: bool = False) -> str:
        text = self.text
        out: list[str] = []
        while self.pos < len(text):
            char = text[self.pos]
            if char == "\\":
                out.append(self._command())
            elif char == "{":
                self.pos += 1
                out.append(self.read(until_close=True))
            elif char == "}":
                self.pos += 1
                if until_close:
                    return "".join(out)
                # A stray closing brace cannot come from escape(); keep it as text.
                out.append("}")
            elif char == "$":
                out.append(self._math())
            elif char == "~":
                self.pos += 1
                out.append("\u00a0")
            elif char == "-":
                if text.startswith("---", self.pos):
                    self.pos += 3
                    out.append("—")
                elif text.startswith("--", self.pos):
                    self.pos += 2
                    out.append("–")
                else:
                    self.pos += 1
                    out.append("-")
            elif char in "`'" and text.startswith(char * 2, self.pos):
                self.pos += 2
                out.append("“" if char == "`" else "”")
            else:
                self.pos += 1
                out.append(char)
        return "".join(out)

    def _math(self) -> str:
        # ``$...$`` with an unescaped closing dollar is math; a lone ``$`` is kept as text.
        end = self.pos + 1
        while True:
            end = self.text.find("$", end)
            if end < 0:
                self.pos += 1
                return "$"
            if self.text[end - 1] != "\\":
                break
            end += 1
        inner = _Reader(self.text[self.pos + 1 : end]).read()
        self.pos = end + 1
        return inner

    def _skip_blanks(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def _argument(self) -> str:
        """One macro argument: a brace group, a control sequence, or a single character."""
        self._skip_blanks()
        if self.pos >= len(self.text):
            return ""
        char = self.text[self.pos]
        if char == "{":
            self.pos += 1
            return self.read(until_close=True)
        if char == "\\":
            return self._command()
        if char == "}":
            return ""
        self.pos += 1
        return char

    def _raw_argument(self) -> str:
        """A brace group taken verbatim (for ``\\url``-like and number arguments)."""
        self._skip_blanks()
        if not self.text.startswith("{", self.pos):
            return self._argument()
        depth, start = 0, self.pos
        for i in range(self.pos, len(self.text)):
            if self.text[i] == "{":
                depth += 1
            elif self.text[i] == "}":
                depth -= 1
                if depth == 0:
                    self.pos = i + 1
                    return self.text[start + 1 : i]
        self.pos = len(self.text)
        return self.text[start + 1 :]

    def _command(self) -> str:
        text = self.text
        start = self.pos
        self.pos += 1  # the backslash
        if self.pos >= len(text):
            return "\\"
        char = text[self.pos]
        if not char.isascii() or not char.isalpha():
            self.pos += 1
            if char in _ACCENT_MARKS:
                return _accent(_ACCENT_MARKS[char], self._argument())
            return _CONTROL_SYMBOLS.get(char, char)
        end = self.pos
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        name = text[self.pos : end]
        self.pos = end
        if name in _ACCENT_MARKS:
            result = _accent(_ACCENT_MARKS[name], self._argument())
        elif name in _LETTERS:
            self._skip_blanks()
            result = _LETTERS[name]
        elif name in _TEXT_SYMBOLS:
            self._skip_blanks()
            result = _TEXT_SYMBOLS[name]
        elif name in _MATH_SYMBOLS:
            self._skip_blanks()
            result = _MATH_SYMBOLS[name]
        elif name in ("symbol", "char", "unichar"):
            result = self._character(name)
        elif name in ("url", "path"):
            result = self._raw_argument()
        elif name == "href":
            self._raw_argument()
            result = self._argument()
        elif name in _KEEP_ARGUMENT:
            result = self._argument()
        elif name in _CASE_COMMANDS:
            result = _CASE_COMMANDS[name](self._argument())
        elif name in _DROP_ARGUMENT:
            self._argument()
            result = ""
        elif name in _SWITCHES:
            self._skip_blanks()
            result = ""
        else:
            # Unknown: keep the command as written, and its first argument with its braces.
            result = text[start : self.pos]
            if self.text.startswith("{", self.pos):
                self.pos += 1
                result += "{" + self.read(until_close=True) + "}"
        return result

    def _character(self, name: str) -> str:
        """``\\symbol{N}``, ``\\char N`` and ``\\unichar{N}`` with decimal, "hex, 'octal or `c."""
        spec: re.Match[str] | None
        if name == "char":
            spec = _NUMBER.match(self.text, self.pos)
            if spec is None:
                return "\\char"
            self.pos = spec.end()
        else:
            argument = self._raw_argument()
            spec = _NUMBER.fullmatch(argument.strip())
            if spec is None:
                return ""
        hexa, octal, char, decimal = spec.groups()
        if char is not None:
            return char
        code = int(hexa, 16) if hexa else int(octal, 8) if octal else int(decimal)
        return chr(code) if code <= 0x10FFFF else ""


def _accent(mark: str, argument: str) -> str:
    """Put the combining ``mark`` on the first character of ``argument``, composing if possible."""
    if not argument:
        return mark
    base, rest = argument[0], argument[1:]
    # \'\i is the classic spelling of í: the accent replaces the dot.
    base = {"ı": "i", "ȷ": "j"}.get(base, base)
    composed = unicodedata.normalize("NFC", base + mark)
    return (composed if len(composed) == 1 else base + mark) + rest


def unescape(text: str) -> str:
    """LaTeX from a BibTeX field value -> plain text; the inverse of :func:`escape`.

    Grouping braces are dropped, accents and special letters become Unicode, ``--``/``---``
    become en/em dashes, ``~`` a no-break space, line breaks (with surrounding blanks) one space.
    Unknown commands are kept as written (with their first braced argument).

    >>> unescape(r"The {United Nations} and {\\'E}mile --- \\emph{ibid.}")
    'The United Nations and Émile — ibid.'
    """
    if "\n" in text or "\r" in text:
        text = _LINE_BREAK.sub(" ", text)
    if not any(c in text for c in "\\{}$~-`'"):
        return text
    return _Reader(text).read()
