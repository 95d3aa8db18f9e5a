"""Chicago-style bibliography entries (notes-bibliography system) for references.

The reading view shows them; a user may print them. Runs keep italics apart so a writer can mark
titles up (``<i>`` in HTML) without parsing the string back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bibliography.model import Person, Reference
from textkit.months import MONTH_NAMES

__all__ = ["citation_parts", "format_citation"]

_Part = tuple[str, bool]  # (text, italic)


def _terminate(text: str) -> str:
    text = text.rstrip()
    return text if not text or text[-1] in ".?!" else text + "."


def _names(people: Sequence[Person], *, invert_first: bool) -> str:
    """Chicago name lists: the first name inverted (in the author position), "and" before the last,
    seven names and "et al." for more than ten."""
    many = len(people) > 10
    shown = [
        (p.sort_name if i == 0 and invert_first else p.display) for i, p in enumerate(people[:7] if many else people)
    ]
    if many:
        return ", ".join(shown) + ", et al"
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2:
        sep = ", and " if invert_first and "," in shown[0] else " and "
        return shown[0] + sep + shown[1]
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def _human_date(date: str | None) -> str | None:
    if not date:
        return None
    parts = date.split("-")
    try:
        year = parts[0]
        if len(parts) >= 3:
            return f"{MONTH_NAMES[int(parts[1]) - 1]} {int(parts[2])}, {year}"
        if len(parts) == 2:
            return f"{MONTH_NAMES[int(parts[1]) - 1]} {year}"
    except (ValueError, IndexError):
        return date
    return year


def citation_parts(ref: Reference) -> list[tuple[str, bool]]:
    """A Chicago-style bibliography entry for ``ref`` as ``(text, italic)`` runs.

    Books: *Authors. Title. Place: Publisher, Year.*; chapters and articles put the title in quotes
    and the container in italics; web pages end with the publisher, the date and the URL. A
    reference with nothing parsed falls back to its raw string.

    >>> from bibliography.model import Person, Reference
    >>> ref = Reference(key="hull1948", title="The Memoirs of Cordell Hull", year="1948",
    ...                 authors=[Person(family="Hull", given="Cordell")], place="New York", publisher="Macmillan")
    >>> citation_parts(ref)
    [('Hull, Cordell. ', False), ('The Memoirs of Cordell Hull', True), ('. New York: Macmillan, 1948.', False)]
    """
    out = _Runs()
    if not (ref.title or ref.container_title or ref.authors or ref.editors) and (ref.raw or ref.unparsed):
        out.plain(ref.raw or ref.unparsed or "")
        return out.parts
    year = ref.year or (ref.date[:4] if ref.date else None)
    _creators(out, ref)
    _title(out, ref)
    dated = _container(out, ref, year)  # whether the year (or date) has been written
    _contributors_and_edition(out, ref)
    _imprint(out, ref, year, dated=dated)
    if ref.doi:
        out.plain(f"https://doi.org/{ref.doi}. ")
    elif ref.url:
        out.plain(_terminate(ref.url) + " ")
    return out.finish()


class _Runs:
    """``(text, italic)`` runs, adjacent plain text merged."""

    def __init__(self) -> None:
        self.parts: list[_Part] = []

    def plain(self, text: str) -> None:
        if text:
            if self.parts and not self.parts[-1][1]:
                self.parts[-1] = (self.parts[-1][0] + text, False)
            else:
                self.parts.append((text, False))

    def italic(self, text: str) -> None:
        if text:
            self.parts.append((text, True))

    def finish(self) -> list[_Part]:
        parts = self.parts
        if parts:
            text, it = parts[-1]
            parts[-1] = (text.rstrip(), it)
        if parts and parts[-1][1]:
            parts.append((".", False))
        return [p for p in parts if p[0]]


_CONTAINER_STYLE = frozenset(
    [
        "chapter",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "paper-conference",
        "entry-encyclopedia",
        "webpage",
    ]
)
_IN_CONTAINER = frozenset(["chapter", "paper-conference", "entry-encyclopedia"])


def _creators(out: _Runs, ref: Reference) -> None:
    if ref.authors:
        out.plain(_terminate(_names(ref.authors, invert_first=True)) + " ")
    elif ref.editors and ref.type in ("book", "report", "document"):
        eds = "eds." if len(ref.editors) > 1 else "ed."
        out.plain(f"{_names(ref.editors, invert_first=True)}, {eds} ")


def _title(out: _Runs, ref: Reference) -> None:
    title = ref.title or ""
    if title and ref.type in _CONTAINER_STYLE:
        closed = title if title[-1] in ".?!" else title + "."
        out.plain(f"“{closed}” ")
    elif title:
        out.italic(title)
        out.plain(". " if title[-1] not in ".?!" else " ")


def _container(out: _Runs, ref: Reference, year: str | None) -> bool:
    """The container (book, journal, paper, site); True when it wrote the year or date."""
    if ref.type in _IN_CONTAINER and ref.container_title:
        out.plain("In ")
        out.italic(ref.container_title)
        if ref.editors:
            out.plain(f", edited by {_names(ref.editors, invert_first=False)}")
        if ref.pages:
            out.plain(f", {ref.pages}")
        out.plain(". ")
        return False
    if ref.type == "article-journal" and ref.container_title:
        out.italic(ref.container_title)
        bits = ""
        if ref.volume:
            bits += f" {ref.volume}"
        if ref.issue:
            bits += f", no. {ref.issue}"
        if year:
            bits += f" ({year})"
        if ref.pages:
            bits += f": {ref.pages}"
        out.plain(bits + ". ")
        return bool(year)
    if ref.type in ("article-magazine", "article-newspaper") and ref.container_title:
        out.italic(ref.container_title)
        when = _human_date(ref.date) or year
        out.plain(f", {when}. " if when else ". ")
        return bool(when)
    if ref.type == "webpage":
        site = [b for b in (ref.container_title, ref.publisher) if b]
        when = _human_date(ref.date) or year
        if when:
            site.append(when)
        if site:
            out.plain(_terminate(", ".join(site)) + " ")
        return bool(when)
    return False


def _contributors_and_edition(out: _Runs, ref: Reference) -> None:
    if ref.editors and ref.authors and ref.type not in _IN_CONTAINER:
        out.plain(f"Edited by {_names(ref.editors, invert_first=False)}. ")
    if ref.translators:
        out.plain(f"Translated by {_names(ref.translators, invert_first=False)}. ")
    if ref.edition:
        ed = ref.edition if re.search(r"[A-Za-z]", ref.edition) else f"{ref.edition} ed"
        out.plain(_terminate(ed) + " ")
    if ref.type not in ("article-journal",) and ref.volume:
        out.plain(f"Vol. {ref.volume}. ")
    elif ref.number_of_volumes:
        out.plain(f"{ref.number_of_volumes} vols. ")
    if ref.collection_title:
        out.plain(_terminate(ref.collection_title) + " ")


def _imprint(out: _Runs, ref: Reference, year: str | None, *, dated: bool) -> None:
    if ref.type in ("thesis", "report") and not ref.place and ref.publisher:
        kind = "Thesis" if ref.type == "thesis" else "Report"
        out.plain(_terminate(f"{kind}, {ref.publisher}, {year or 'n.d.'}") + " ")
    elif not dated:
        place_pub = ": ".join(b for b in (ref.place, ref.publisher) if b)
        tail = ", ".join(b for b in (place_pub, year) if b)
        if tail:
            out.plain(_terminate(tail) + " ")


def format_citation(ref: Reference) -> str:
    """The Chicago-style citation of ``ref`` as plain text (italics dropped).

    >>> from bibliography.model import Person, Reference
    >>> format_citation(Reference(type="webpage", title="On This Day", publisher="findingDulcinea",
    ...     date="2011-11-16", authors=[Person(literal="findingDulcinea Staff")]))
    'findingDulcinea Staff. “On This Day.” findingDulcinea, November 16, 2011.'
    """
    return "".join(text for text, _ in citation_parts(ref))
