"""Step 4: classifying each segment by an ordered table of rules; ``In ...`` containers and bracketed
remarks."""

from __future__ import annotations

import re

from bibliography.names import (
    looks_like_name_list,
)
from bibliography.parse.authors import _set_people
from bibliography.parse.blocks import (
    _EXTENT_RE,
    _MEDIUM_RE,
    _classify_elements,
    _classify_journal,
    _classify_pages,
    _classify_pub,
    _start_reprint,
    _year_span,
)
from bibliography.parse.dates import parse_date
from bibliography.parse.draft import _Draft
from bibliography.parse.vocabulary import (
    _ENCYCLOPEDIA_RE,
    _NOTE_ROLE_RE,
    _ORIGINAL_RE,
    _PAGES_RE,
    _REPORT_RE,
    _REPRINT_RE,
    _ROLE_SEG_RE,
    _THESIS_RE,
    _VOLUME_RE,
    _VOLUMES_RE,
    _Ctx,
    _edition_value,
    _is_city,
    _looks_place,
    _mla_elements,
    _prose_like,
    _role_fields,
    _take_role_names,
)


def _classify(seg: str, d: _Draft, ctx: _Ctx) -> bool:
    """Try every rule on one segment (without its boundary full stop); True when one took it."""
    s = seg.strip().strip(",;:").strip()
    if not s:
        return True
    return any(rule(s, d, ctx) for rule in _SEGMENT_RULES)


def _rule_bracketed(s: str, d: _Draft, ctx: _Ctx) -> bool:
    # A segment entirely in brackets: "(Original work published 1948)", "[Doctoral dissertation, X]".
    m = re.fullmatch(r"[\(\[]([^()\[\]]+)[\)\]]\.?", s)
    return m is not None and _classify(m.group(1), d, ctx)


def _rule_medium_or_extent(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if _MEDIUM_RE.fullmatch(s) or _EXTENT_RE.fullmatch(s):
        d.notes.append(s)
        return True
    return False


def _rule_original(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if not _ORIGINAL_RE.match(s):
        return False
    years = re.findall(r"\b\d{4}\b", s)
    if years:
        d.put("original_year", years[-1], 0.85)
    d.notes.append(s)
    return True


def _rule_dated(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = re.fullmatch(
        r"(?:last\s+)?(?:modified|updated|revised|published|posted|created|issued)(?:\s+on)?:?\s+(?P<d>.+)", s, re.I
    )
    if m and parse_date(m.group("d")) is not None:
        d.put_year(m.group("d"), 0.8)
        return True
    return False


def _rule_reprint(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _REPRINT_RE.match(s)
    if not m or (m.group("rest") is not None and _prose_like(m.group("rest"))):
        return False
    _start_reprint(d, s)
    rest = m.group("rest")
    if rest and not (_classify_pub(rest, d, 0.85) or _classify_elements(rest, d, ctx, book_like=True)):
        d.unparsed.append(rest)
    return True


def _rule_role(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _ROLE_SEG_RE.match(s)
    if not (m and m.group("names").strip() and m.group("names").strip()[0].isupper()):
        return False
    rest = _take_role_names(d, m.group("role"), m.group("names"), 0.85)
    if rest:
        rest_text = ", ".join(rest)
        if not (_classify_pub(rest_text, d, 0.8) or _classify_elements(rest_text, d, ctx, book_like=True)):
            d.unparsed.append(rest_text)
    return True


def _rule_note_role(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if _NOTE_ROLE_RE.match(s):
        d.notes.append(s)
        return True
    return False


def _rule_edition(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    ed = _edition_value(s)
    if ed:
        d.put_or_keep("edition", ed, 0.9, s)
        return True
    return False


def _rule_volumes(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = _VOLUMES_RE.match(s)
    if m:
        d.put_or_keep("number_of_volumes", m.group("n"), 0.9, s)
        return True
    return False


def _rule_volume(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = _VOLUME_RE.match(s)
    if not m:
        return False
    d.put_or_keep("volume", m.group("v").replace(" ", ""), 0.85, s)
    if m.group("of"):
        d.put_or_keep("collection_title", m.group("of"), 0.6, m.group("of"))
    if m.group("vt"):
        vt = m.group("vt")
        if not (_classify_pages(vt, d) or _classify_pub(vt, d, 0.8)):
            d.notes.append(f"volume title: {vt}")
    return True


def _rule_thesis(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = _THESIS_RE.match(s)
    if not m:
        return False
    d.set_type("thesis", 0.95)
    d.notes.append(m.group("genre") + (f" ({m.group('paren')})" if m.group("paren") else ""))
    rest = m.group("rest").strip()
    if rest and not (
        _classify_pub(rest, d, 0.85) or _classify_elements(rest, d, ctx, book_like=True, container_ok=False)
    ):
        d.put_or_keep("publisher", rest, 0.7, rest)
    return True


def _rule_report(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    m = _REPORT_RE.match(s)
    if m and (m.group("num") or " " in s):
        d.set_type("report", 0.9)
        d.notes.append(s)
        return True
    return False


def _rule_in(s: str, d: _Draft, ctx: _Ctx) -> bool:
    m = re.match(r"^(?:In|in)\s*:?\s+(?P<rest>.+)$", s)
    if m:
        _classify_in(m.group("rest"), d, ctx)
        return True
    return False


def _rule_sub_verbo(s: str, d: _Draft, _ctx: _Ctx) -> bool:
    if re.match(r"^s\.\s?v\.\s", s):
        d.set_type("entry-encyclopedia", 0.8)
        d.put_or_keep("title", s[4:].strip(" “”\"'"), 0.6, s)
        return True
    return False


def _rule_publication(s: str, d: _Draft, ctx: _Ctx) -> bool:
    return (
        _classify_journal(s, d, ctx)
        or _classify_pub(s, d, 0.9)
        or d.put_year(s, 0.85, s)
        or _classify_pages(s, d)
        or ("," in s and _classify_elements(s, d, ctx, book_like=not d.title_quoted))
    )


def _rule_reprint_after(s: str, d: _Draft, ctx: _Ctx) -> bool:
    # Chicago 17: "1948; repr., New York: Norton, 1990".
    m = re.match(r"^(?P<a>.+?);\s*(?P<b>repr(?:int)?\.?,?\s*.+)$", s, re.I)
    if not m:
        return False
    for part in (m.group("a"), m.group("b")):
        if not _classify(part, d, ctx):
            d.unparsed.append(part)
    return True


# The segment rules, tried in this order; the first that takes a segment wins.
_SEGMENT_RULES = (
    _rule_bracketed,
    _rule_medium_or_extent,
    _rule_original,
    _rule_dated,
    _rule_reprint,
    _rule_role,
    _rule_note_role,
    _rule_edition,
    _rule_volumes,
    _rule_volume,
    _rule_thesis,
    _rule_report,
    _rule_in,
    _rule_sub_verbo,
    _rule_publication,
    _rule_reprint_after,
)


def _classify_in(rest: str, d: _Draft, ctx: _Ctx) -> None:
    """``In`` containers: APA ("In A. Ed (Ed.), Book (pp. 1-9)"), Chicago ("In Book, edited by X, 1-9")."""
    d.set_type("chapter", 0.8)
    m = re.match(
        r"^(?P<names>[^()]+?)\s*\((?P<role>[^()]*?\b(?:eds?|editors?|hrsg|éds?|dir|trans|comps?)\.?)\)"
        r"[.,]?\s*(?P<container>.*)$",
        rest,
        re.I,
    )
    if m and looks_like_name_list(m.group("names")):
        for field in _role_fields(m.group("role")) or ["editors"]:
            _set_people(d, field, m.group("names"), 0.85)
        container = m.group("container").strip()
        if container:
            _set_container(container, d)
        else:
            d.container_pending = True
        return
    elements = _mla_elements(rest)
    container = elements[0]
    # "In The Cambridge History, edited by ..." – the container may hold commas before the role.
    k = 1
    while k < len(elements) and (
        _year_span(elements[k])
        or not (
            _ROLE_SEG_RE.match(elements[k])
            or _PAGES_RE.match(elements[k])
            or parse_date(elements[k]) is not None
            or re.match(r"(?:vol\.|no\.|pp?\.)", elements[k], re.I)
            or _edition_value(elements[k])
        )
    ):
        k += 1
    container = ", ".join(elements[:k])
    _set_container(container, d)
    tail = ", ".join(elements[k:])
    if tail and not _classify_elements(tail, d, ctx, book_like=True):
        d.unparsed.append(tail)


def _set_container(text: str, d: _Draft, conf: float = 0.8) -> None:
    core, parens = _split_trailing_parens(text)
    d.put_or_keep("container_title", core.strip().rstrip(".,"), conf, core)
    if _ENCYCLOPEDIA_RE.search(core):
        d.set_type("entry-encyclopedia", 0.85)
    for p in parens:
        if not _classify_paren(p, d):
            d.unparsed.append(f"({p})")


_TRAILING_PAREN = re.compile(r"\s*[\(\[]([^()\[\]]{1,300})[\)\]]\s*[.,]?$")


def _split_trailing_parens(text: str) -> tuple[str, list[str]]:
    parens: list[str] = []
    core = text.strip()
    end = len(core)
    while True:
        # Only the tail can hold a trailing parenthesis; searching the whole string on every round
        # would make a string of many brackets quadratic.
        window = max(0, end - 310)
        m = _TRAILING_PAREN.search(core, window, end)
        if not m or m.start() == 0:
            break
        parens.insert(0, m.group(1))
        end = len(core[: m.start()].rstrip())
    return core[:end], parens


def _classify_paren(p: str, d: _Draft) -> bool:
    """The contents of a parenthesis after a title: edition, volume, pages, translator, publication block."""
    p = p.strip()
    items = [x.strip() for x in p.split(",")]
    m = re.fullmatch(r"(?P<names>.+?),\s*(?P<role>eds?\.|trans\.|translators?|editors?|comps?\.)", p, re.I)
    if m and looks_like_name_list(m.group("names")):
        for field in _role_fields(m.group("role")):
            _set_people(d, field, m.group("names"), 0.85)
        return True
    m = _THESIS_RE.match(p)
    if m:
        return _classify(p, d, _Ctx())
    if _classify_pub(p, d, 0.85):
        return True
    parts = _mla_elements(p)
    if len(parts) > 1 and parse_date(parts[-1]) is not None and _looks_place(", ".join(parts[:-1])):
        where = ", ".join(parts[:-1])
        if _is_city(where) or _is_city(parts[0]):
            d.put_or_keep("place", where, 0.7, where)
        else:
            d.put_or_keep("publisher", where, 0.6, where)
        d.put_year(parts[-1], 0.8)
        return True
    handled = True
    for item in items:
        ed = _edition_value(item)
        mv = _VOLUME_RE.match(item)
        if ed:
            d.put_or_keep("edition", ed, 0.9, item)
        elif mv:
            d.put_or_keep("volume", mv.group("v").replace(" ", ""), 0.85, item)
        elif _VOLUMES_RE.match(item):
            d.put_or_keep("number_of_volumes", _VOLUMES_RE.match(item).group("n"), 0.85, item)  # type: ignore[union-attr]
        elif _classify_pages(item, d):
            pass
        else:
            handled = False
    return handled
