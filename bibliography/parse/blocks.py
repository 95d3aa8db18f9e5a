"""Recognising the blocks of a citation: pages, ``Place: Publisher, Year``, journal blocks, MLA element
lists, containers."""

from __future__ import annotations

import re

from bibliography.parse.dates import _plausible_year, parse_date
from bibliography.parse.draft import _Draft
from bibliography.parse.vocabulary import (
    _PAGES_RE,
    _ROLE_SEG_RE,
    _VOLUMES_RE,
    _Ctx,
    _edition_value,
    _is_city,
    _looks_place,
    _mla_elements,
    _prose_like,
    _take_role_names,
)

_MEDIUM_RE = re.compile(
    r"(?:Print|Web|Online|Electronic|Microfilm|Microform|CD-ROM|DVD|E-?book|Kindle(?:\s+(?:ed\.|edition))?"
    r"|Audiobook|Paperback|Hardcover|Hardback|Typescript|Manuscript|MS|Photocopy)\.?",
    re.I,
)


# Physical description and price, not cited pages: "xii + 345 pp.", "769 pp.", "Pp. 587", "$35.00".
_EXTENT_RE = re.compile(
    r"(?:(?:[ivxlc]+\s*[,+]\s*)?\d+\s*(?:pp|p|S|pages)\.?(?:,?\s*(?:illus|maps?|plates?|bibliog|index)\.?)*"
    r"|Pp\.\s*(?:[ivxlc]+\s*[,+]\s*)?\d+|[$£€]\s?\d+(?:[.,]\d{2})?(?:\s*(?:cloth|paper|pbk|hb))?)\.?",
)


def _start_reprint(d: _Draft, text: str) -> None:
    """Move what is known about the first edition aside before the reprint's details arrive."""
    year = d.values.pop("year", None)
    if year and not d.has("original_year"):
        d.put("original_year", year, 0.85)
        year = None
    first = [d.values.pop(f, None) for f in ("place", "publisher", "date")] + [year]
    if any(first):
        d.notes.append("first published: " + ": ".join(str(x) for x in first if x))
    d.notes.append("reprint")


def _classify_pages(s: str, d: _Draft) -> bool:
    m = _PAGES_RE.match(s.strip())
    if not m:
        return False
    pages = m.group("p") or m.group("bare")
    if m.group("vol"):
        d.put_or_keep("volume", m.group("vol"), 0.8, m.group("vol"))
    d.put_or_keep("pages", pages, 0.85, s)
    return True


def _classify_pub(s: str, d: _Draft, conf: float) -> bool:
    """``Place: Publisher[, Year]`` (several "Place: Publisher" pairs may be joined by ";")."""
    first, _, others = s.partition(";")
    m = re.match(r"^(?P<place>[^:]{2,70}?)\s*:\s*(?P<rest>[^:]+)$", first.strip())
    if not m or not _looks_place(m.group("place")):
        return False
    place, rest = m.group("place").strip(), m.group("rest").strip()
    if re.search(r"\b(?:edited|translated|compiled)\s+by\b|\b(?:vol|no|eds?)\.\s", rest, re.I):
        return False  # an MLA container list ("Stalinism and Nazism: ..., edited by ..."), not an imprint
    year_text = None
    parts = _mla_elements(rest)
    # Trailing page numbers: "Oxford: Blackwell, pp. 1-25", note-style "..., 1997, 45".
    page_parts: list[str] = []
    while len(parts) > 1 and parse_date(parts[-1]) is None and _PAGES_RE.match(parts[-1]):
        page_parts.insert(0, parts.pop())
    publisher = ", ".join(parts)
    if len(parts) >= 2 and parse_date(parts[-1]) is not None:
        year_text = parts[-1]
        publisher = ", ".join(parts[:-1])
    elif len(parts) == 1 and parse_date(parts[0]) is not None:
        year_text, publisher = parts[0], ""
    if publisher and (any(q in publisher for q in '“”"') or len(publisher.split()) > 12):
        return False
    d.put_or_keep("place", place, conf, place)
    if publisher:
        d.put_or_keep("publisher", publisher, conf, publisher)
    if year_text:
        d.put_year(year_text, conf)
    for tail in page_parts:
        if not _classify_pages(tail, d):
            d.unparsed.append(tail)
    if others.strip():
        d.notes.append(others.strip())
    return True


_CHICAGO_JOURNAL_RE = re.compile(
    r"^(?P<j>[^\d“”\"]*?[^\W\d]\.?)[,\s]+(?P<v>\d+[A-Za-z]?|[IVXLC]+)(?:\.(?P<i2>\d+))?"
    r"(?:\s*,?\s*(?:no\.|nos\.|issue|heft|h\.|nr\.)\s*(?P<i>[\w/–-]+))?"
    r"\s*(?:\((?P<d>[^()]+)\))?(?:\s*:\s*(?P<p>[\w–—-]+(?:\s*,\s*[\w–—-]+)*))?$",
    re.I,
)


_APA_JOURNAL_RE = re.compile(
    r"^(?P<j>[^“”\"]+?),\s*(?:vol\.\s*)?(?P<v>\d+[A-Za-z]?)\s*(?:\((?P<i>[^)]+)\))?"
    r"(?:,\s*(?:pp?\.\s*)?(?P<p>[A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]\s*[A-Za-z]?\d+[A-Za-z]?)?|Article\s+\w+))?$"
)


_BARE_VOLUME_RE = re.compile(
    r"^(?P<v>\d+[A-Za-z]?)\s*(?:\((?P<i>[^)]+)\))?\s*(?::\s*(?P<p>[\w–—-]+(?:\s*,\s*[\w–—-]+)*))?$"
)


_VANCOUVER_RE = re.compile(
    r"^(?P<y>\d{4})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?;\s*(?P<v>\w+)?(?:\((?P<i>[^)]+)\))?"
    r"(?::\s*(?P<p>[\w–—-]+))?$"
)


def _classify_journal(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _CHICAGO_JOURNAL_RE.match(s)
    if m and (m.group("d") or m.group("p")) and len(m.group("j").strip()) > 1:
        date_text = m.group("d")
        issue = m.group("i") or m.group("i2")
        if date_text and parse_date(date_text) is None:
            if issue is None and re.fullmatch(r"[\w/–-]{1,9}", date_text.strip()):
                issue, date_text = date_text.strip(), None
            else:
                return False
        journal = m.group("j").strip().rstrip(",")
        if _looks_place(journal) and ":" in journal:
            return False
        d.put_or_keep("container_title", journal, 0.85, journal)
        d.put_or_keep("volume", m.group("v"), 0.9, m.group("v"))
        if issue:
            d.put_or_keep("issue", issue, 0.9, issue)
        if date_text:
            d.put_year(date_text, 0.9)
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.9, m.group("p"))
        d.set_type("article-journal", 0.8)
        return True
    m = _APA_JOURNAL_RE.match(s)
    if m and (m.group("i") or m.group("p")) and not (parse_date(m.group("v")) and not m.group("i")):
        d.put_or_keep("container_title", m.group("j").strip(), 0.9, m.group("j"))
        d.put_or_keep("volume", m.group("v"), 0.9, m.group("v"))
        if m.group("i"):
            d.put_or_keep("issue", m.group("i"), 0.9, m.group("i"))
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.9, m.group("p"))
        d.set_type("article-journal", 0.8)
        return True
    m = _BARE_VOLUME_RE.match(s)
    if m and (m.group("i") or m.group("p")) and not re.fullmatch(r"\d+\s*[–-]\s*\d+", s):
        d.put_or_keep("volume", m.group("v"), 0.85, m.group("v"))
        if m.group("i"):
            if parse_date(m.group("i")) is not None and not re.fullmatch(r"\d{1,3}", m.group("i")):
                d.put_year(m.group("i"), 0.85)
            else:
                d.put_or_keep("issue", m.group("i"), 0.85, m.group("i"))
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.85, m.group("p"))
        d.set_type("article-journal", 0.75)
        ctx.after_journal.append(ctx.index)
        return True
    m = _VANCOUVER_RE.match(s)
    if m:
        d.put_year(m.group("y"), 0.85)
        if m.group("v"):
            d.put_or_keep("volume", m.group("v"), 0.85, m.group("v"))
        if m.group("i"):
            d.put_or_keep("issue", m.group("i"), 0.85, m.group("i"))
        if m.group("p"):
            d.put_or_keep("pages", m.group("p"), 0.85, m.group("p"))
        d.set_type("article-journal", 0.75)
        ctx.after_journal.append(ctx.index)
        return True
    return False


def _classify_elements(s: str, d: _Draft, ctx: _Ctx, *, book_like: bool, container_ok: bool = True) -> bool:
    """MLA-style comma lists: container, role, vol., no., publisher, date, pages (any subset, in order)."""
    elements = _mla_elements(s)
    expect_container = container_ok and (d.title_quoted or d.container_pending) and not d.has("container_title")
    unknown: list[str] = []
    recognised = 0
    periodical = False  # this list names a volume, issue or pages: its unknown head is a periodical
    i = 0
    while i < len(elements):
        e = elements[i]
        role = _ROLE_SEG_RE.match(e)
        if role and role.group("names").strip()[:1].isupper():
            rest = _take_role_names(d, role.group("role"), ", ".join([role.group("names"), *elements[i + 1 :]]), 0.8)
            recognised += 1
            elements = elements[: i + 1] + rest
            i += 1
            continue
        m = re.fullmatch(r"(?:vol\.|volume)\s*(?P<v>[\w–-]+)", e, re.I)
        if m:
            d.put_or_keep("volume", m.group("v"), 0.85, e)
            recognised += 1
            periodical = True
        elif (m := re.fullmatch(r"(?:no\.|nos\.|issue)\s*(?P<i>[\w/–-]+)", e, re.I)) is not None:
            d.put_or_keep("issue", m.group("i"), 0.85, e)
            recognised += 1
            periodical = True
        elif _edition_value(e):
            d.put_or_keep("edition", _edition_value(e), 0.85, e)
            recognised += 1
        elif _VOLUMES_RE.match(e):
            d.put_or_keep("number_of_volumes", _VOLUMES_RE.match(e).group("n"), 0.85, e)  # type: ignore[union-attr]
            recognised += 1
        elif parse_date(e) is not None:
            d.put_year(e, 0.85)
            recognised += 1
        elif _PAGES_RE.match(e) and (not re.fullmatch(r"[A-Z]\d{1,3}", e) or unknown):
            _classify_pages(e, d)
            recognised += 1
            periodical = True
        elif re.fullmatch(r"[A-Z]?\d{1,4}[A-Za-z]?", e) and (d.has("year") or i == len(elements) - 1) and i > 0:
            # A lone number after the date (Chicago newspapers: "New York Times, May 3, 1933, 1").
            d.put_or_keep("pages", e, 0.6, e)
            recognised += 1
        elif not (i == 0 and expect_container) and _classify_pub(e, d, 0.8):
            recognised += 1
        else:
            unknown.append(e)
        i += 1
    if not recognised:
        # No rule fired, so no field was touched.
        return False
    periodical = periodical and not d.has("place")
    # Consecutive unknown elements form one value ("Little, Brown"); the list keeps their order.
    groups = _group_unknown(elements, unknown) if unknown else []
    for g in groups:
        if (
            container_ok
            and (d.title_quoted or d.container_pending or (periodical and g is groups[0]))
            and not d.has("container_title")
        ):
            d.put("container_title", g, 0.75)
            d.container_pending = False
        elif not d.has("publisher") and not d.has("place") and _is_city(g) and book_like:
            d.put("place", g, 0.6)
        elif not d.has("publisher") and not _prose_like(g):
            d.put("publisher", g, 0.7)
            d.bare_publisher = not d.has("place")
        else:
            d.unparsed.append(g)
    return True


def _group_unknown(elements: list[str], unknown: list[str]) -> list[str]:
    groups: list[str] = []
    current: list[str] = []
    pool = list(unknown)
    for e in elements:
        if pool and e == pool[0]:
            current.append(pool.pop(0))
        elif current:
            groups.append(", ".join(current))
            current = []
    if current:
        groups.append(", ".join(current))
    return groups


def _year_span(text: str) -> bool:
    """ "1900-1950": a span of years that belongs to a title rather than pages or a date."""
    m = re.fullmatch(r"(\d{4})\s*[–—-]\s*(\d{4})", text.strip())
    return bool(m and _plausible_year(m.group(1)) and m.group(1) < m.group(2) <= "2199")
