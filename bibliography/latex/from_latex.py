"""LaTeX as real ``.bib`` files write it (accents, ligatures, text and math commands, braces) read
back into plain text (:func:`unescape`)."""

from __future__ import annotations

import re
import unicodedata

from bibliography.latex.tables import (
    _ACCENT_MARKS,
    _CASE_COMMANDS,
    _CONTROL_SYMBOLS,
    _DROP_ARGUMENT,
    _KEEP_ARGUMENT,
    _LETTERS,
    _MATH_SYMBOLS,
    _SWITCHES,
    _TEXT_SYMBOLS,
)

__all__ = ["unescape"]


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
