"""bibliography.latex: plain text <-> LaTeX for BibTeX field values."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bibliography.latex import escape, unescape

from .conftest import _ANY_CHAR, _SPECIALS

ANY_TEXT = st.lists(st.one_of(st.sampled_from(_SPECIALS), _ANY_CHAR), max_size=30).map("".join)


def bibtex_depths(latex: str) -> tuple[int, int]:
    """(minimum, final) brace depth as BibTeX counts it: every brace, escaped or not."""
    depth = lowest = 0
    for char in latex:
        depth += {"{": 1, "}": -1}.get(char, 0)
        lowest = min(lowest, depth)
    return lowest, depth


def bibtexparser_depths(latex: str) -> tuple[int, int]:
    """The same as bibtexparser counts it: braces after a backslash do not count."""
    depth = lowest = 0
    for match in re.finditer(r"(?<!\\)[{}]", latex):
        depth += 1 if match.group() == "{" else -1
        lowest = min(lowest, depth)
    return lowest, depth


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


@settings(max_examples=300)
@given(ANY_TEXT, st.booleans())
def test_unescape_inverts_escape(text, ascii):
    assert unescape(escape(text, ascii=ascii)) == text


@settings(max_examples=300)
@given(ANY_TEXT, st.booleans())
def test_escaped_text_is_a_safe_bibtex_value(text, ascii):
    latex = escape(text, ascii=ascii)
    # Balanced for BibTeX and for bibtexparser, which count braces differently.
    assert bibtex_depths(latex) == (0, 0)
    assert bibtexparser_depths(latex) == (0, 0)
    # No raw line breaks (unescape folds them), no bare % (a comment for LaTeX and pandoc),
    # no trailing backslash (it would escape the closing brace for bibtexparser).
    assert "\n" not in latex
    assert "\r" not in latex
    assert re.search(r"(?<!\\)%", latex) is None
    assert not latex.endswith("\\")


@settings(max_examples=300)
@given(ANY_TEXT)
def test_ascii_escape_is_pure_ascii(text):
    assert escape(text, ascii=True).isascii()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="&%$#_{}~^\\\n\r-`'<>,!?")))
def test_utf8_escape_leaves_ordinary_text_alone(text):
    assert escape(text) == text


# --------------------------------------------------------------------------------------------
# escape: examples
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("Camberleigh & Hall", r"Camberleigh \& Hall"),
        ("100% of $5 for #1 in_situ", r"100\% of \$5 for \#1 in\_situ"),
        ("a~b^c\\d", r"a\textasciitilde{}b\textasciicircum{}c\textbackslash{}d"),
        ("f(x) = {1, 2}", r"f(x) = \{1, 2\}"),
        ("unpaired { only", r"unpaired \textbraceleft{} only"),
        ("} then {", r"\textbraceright{} then \textbraceleft{}"),
        ("pp. 1--5", "pp. 1-{}-5"),
        ("x---y", "x-{}-{}-y"),
        ("``quoted''", "`{}`quoted'{}'"),
        ("<<a>> ,,b ?` !`", "<{}<a>{}> ,{},b ?{}` !{}`"),
        ("two\nlines", r"two\newline{}lines"),
        ("Über – “ok”", "Über – “ok”"),
        ("a-b `c' <d> ,e! ?", "a-b `c' <d> ,e! ?"),
    ],
)
def test_escape_examples(text, latex):
    assert escape(text) == latex


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("Über Straße", r"{\"U}ber Stra{\ss}e"),
        ("Émile Zoë", r"{\'E}mile Zo{\"e}"),
        ("façade, Dvořák, Łódź", r"fa{\c{c}}ade, Dvo{\v{r}}{\'a}k, {\L}{\'o}d{\'z}"),
        ("Nguyễn Thị", r"Nguy{\~{\^e}}n Th{\d{i}}"),
        ("María, Øre, æ, œ, å", r"Mar{\'i}a, {\O}re, {\ae}, {\oe}, {\aa}"),
        ("1914–1918 — “a” ‘b’", r"1914--1918 --- ``a'' \textquoteleft{}b\textquoteright{}"),
        ("no\u00a0break…", r"no~break\dots{}"),
        ("α-helix × 2", r"$\alpha$-helix $\times$ 2"),
        ("αβ", r"$\alpha${}$\beta$"),
        ("中文", r"\symbol{20013}\symbol{25991}"),
        ("e\u0301", r"e\symbol{769}"),
    ],
)
def test_ascii_escape_examples(text, latex):
    assert escape(text, ascii=True) == latex
    assert unescape(latex) == text


def test_escape_keeps_dotless_i_and_combining_marks_exact():
    # "ı́" is dotless i + combining acute, not "í"; the two must not merge.
    assert unescape(escape("ı\u0301", ascii=True)) == "ı\u0301"
    assert unescape(escape("í", ascii=True)) == "í"


# --------------------------------------------------------------------------------------------
# unescape: LaTeX found in real .bib files
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"o}", "ö"),
        (r"\"{o}", "ö"),
        (r"\"o", "ö"),
        (r"{\'{e}}", "é"),
        (r"\' e", "é"),
        (r"\c{c}\c c", "çç"),
        (r"\v{s}", "š"),
        (r"\H{o}", "ő"),
        (r"\k{a}", "ą"),
        (r"\={a}\.{z}\u{g}\r{u}\d{s}\b{b}", "āżğůṣḇ"),
        (r"{\'\i}", "í"),
        (r"\^{\i}", "î"),
        (r"\ss{} \ss x", "ß ßx"),
        (r"{\o}{\O}{\ae}{\AE}{\oe}{\OE}{\aa}{\AA}{\l}{\L}", "øØæÆœŒåÅłŁ"),
        ("1--5, 1914---1918", "1–5, 1914—1918"),
        ("``quoted''", "“quoted”"),
        ("It's a 'single' `quote'", "It's a 'single' `quote'"),
        ("p.~3", "p.\u00a03"),
        (r"\& \% \$ \# \_ \{ \}", "& % $ # _ { }"),
        (r"\emph{ibid.} \textit{a} \textbf{b} {\em c} {\bf d} \textsc{e}", "ibid. a b c d e"),
        (r"\url{http://a.org/b_c%20d}", "http://a.org/b_c%20d"),
        (r"\href{http://a.org}{text}", "text"),
        (r"{\noopsort{a}}Zeta", "Zeta"),
        (r"\MakeUppercase{v}an", "Van"),
        (r"$\alpha$-helix, $\beta$", "α-helix, β"),
        (r"costs \$5 or $6", "costs $5 or $6"),
        (r"\textquoteleft{}x\textquoteright{} \dots{} \S{} 2 \S 3 \copyright", "‘x’ … § 2 §3 ©"),
        (r"\symbol{20013}", "中"),
        (r'\symbol{"4E2D} \char"263A \char65', "中 ☺ A"),
        ("The {United States} and {NATO}", "The United States and NATO"),
        ("wrapped\n    over two lines", "wrapped over two lines"),
        ("crlf\r\n  too", "crlf too"),
        (r"\LaTeX{} and \unknowncommand{x}", r"LaTeX and \unknowncommand{x}"),
        (r"\relax Ch{\relax}arles", "Charles"),
    ],
)
def test_unescape_examples(latex, text):
    assert unescape(latex) == text


def test_unescape_leaves_plain_text_untouched():
    text = "Loans and Legitimacy: The Evolution of Soviet-American Relations, 1919-1933"
    assert unescape(text) == text
