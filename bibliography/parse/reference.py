"""Putting it together: :func:`parse_reference` runs the four steps on one string."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from bibliography.errors import ReferenceParseError
from bibliography.keys import assign_keys
from bibliography.model import Person, Provenance, Reference
from bibliography.names import (
    _SPLIT_AND_RE,
    is_initials,
    looks_like_organisation,
)
from bibliography.parse.authors import _role_of, _set_people, _take_apa_authors, _take_inverted_authors
from bibliography.parse.classify import _classify, _classify_paren, _set_container, _split_trailing_parens
from bibliography.parse.combine import choose
from bibliography.parse.dates import parse_date
from bibliography.parse.draft import SAME_PEOPLE_NOTE, _Draft
from bibliography.parse.identifiers import _LABEL_RE, _MARKUP_RE, _extract_identifiers, doi_link
from bibliography.parse.labelled import _fill_labelled
from bibliography.parse.segments import _QUOTES, _Seg, _segments
from bibliography.parse.vocabulary import (
    _ENCYCLOPEDIA_RE,
    _MAGAZINE_RE,
    _NEWSPAPER_RE,
    _PUBLISHER_WORDS,
    _annotation_like,
    _complete,
    _Ctx,
    _is_city,
    _mla_elements,
    _prose_like,
)
from textkit.names import is_name_token, is_particle

_REPEAT_RE = re.compile(r"^(?:[—–―_-]\s?){2,}\s*(?:,\s*(?P<role>eds?\.|trans\.|comp\.))?[.,]?\s*")


# Inline typeface markup copied with a reference ("<italic>Nature</italic>"): not part of any field.
_TYPEFACE_RE = re.compile(r"</?(?:italic|i|em|b|bold|strong|u|sc|sup|sub)>", re.I)


def _normalise(raw: str) -> str:
    return re.sub(r"\s+", " ", _TYPEFACE_RE.sub("", raw)).strip()


def parse_reference(raw: str, provenance: Provenance | None = None, *, learned: bool = True) -> Reference:
    """Parse one reference string into a :class:`Reference` (no cite key; see :func:`parse_references`).

    The rules read the string first; the learned field labeler reads it with the rules' reading as
    features, and :func:`bibliography.parse.combine.choose` keeps the labeler's parse unless the rules
    read an annotation or an access date, which the labeler's training data never marks. A DOI given as
    a link ("https://doi.org/10...") is also the reference's ``url`` when it gives no other. ``learned=False``
    gives the rules' parse alone (field F1 0.30-0.70 on the public parser dev sets, against 0.67-0.95;
    see README).

    >>> ref = parse_reference("Hull, Cordell. The Memoirs of Cordell Hull. New York: Macmillan, 1948.")
    >>> ref.authors[0].family, ref.title, ref.place, ref.publisher, ref.year
    ('Hull', 'The Memoirs of Cordell Hull', 'New York', 'Macmillan', '1948')

    Raises :class:`ReferenceParseError` when ``raw`` is empty or only whitespace.
    """
    rule = _parse(raw, provenance, learned=False)
    ref = choose(rule, _parse(raw, provenance, learned=True, rule=rule)) if learned else rule
    if ref.doi and not ref.url:
        # A DOI printed as a link is the reference's link too. Set last, so that neither the rules'
        # choice of type nor the labeler's reading of the rules sees it.
        link = doi_link(_normalise(raw), ref.doi)
        if link is not None:
            ref = attrs.evolve(ref, url=link)
    return ref


def _parse(raw: str, provenance: Provenance | None, *, learned: bool, rule: Reference | None = None) -> Reference:
    """Parse with the learned labeler (``learned``; ``rule``: the rules' parse of ``raw``, read here when
    not given) or the rules; the prefixes are read the same way."""
    if not isinstance(raw, str):
        raise ReferenceParseError(f"reference must be a string, got {type(raw).__name__}")
    text = _normalise(raw)
    if not text:
        raise ReferenceParseError("reference string is empty or whitespace only")
    d = _Draft()
    m = _MARKUP_RE.match(text)
    if m and m.group(0).strip():
        d.unparsed.append(m.group(0).strip())
        text = text[m.end() :].strip()
    m = _LABEL_RE.match(text)
    if m and text[m.end() :].strip():
        d.notes.append(f"label: {m.group(0).strip()}")
        text = text[m.end() :].strip()
    # "———. Title." repeats the previous entry's authors (Chicago's 3-em dash).
    m = _REPEAT_RE.match(text)
    if m and text[m.end() :].strip():
        role = _role_of(m.group("role") or "") or "authors"
        d.notes.append(SAME_PEOPLE_NOTE.format(role=role))
        text = text[m.end() :].strip()
    if learned:
        _fill_labelled(text, d, rule or _parse(raw, None, learned=False))
        return _build(d, raw, provenance)
    text = _extract_identifiers(text, d)
    rest = _take_apa_authors(text, d)
    if rest is None:
        rest = _take_inverted_authors(text, d)
    if rest is None:
        rest = text
    segs = _segments(rest)
    if not d.has("authors") and not d.has("editors") and segs:
        segs = _leading_people(segs, d)
    _fill(segs, d)
    return _build(d, raw, provenance)


def _leading_people(segs: list[_Seg], d: _Draft) -> list[_Seg]:
    """Authors the inverted-list rules cannot see: organisations, reading-order names, Chicago notes."""
    first = segs[0]
    if first.quoted:
        return segs
    # Chicago note: "John Lewis Gaddis, We Now Know (Oxford: Oxford University Press, 1997)."
    for m in re.finditer(r",\s+", first.raw):
        prefix, after = first.raw[: m.start()], first.raw[m.end() :]
        if len(prefix.split()) > 12:
            break
        if (
            after[:1] in _QUOTES or (after[:1].isupper() and re.search(r"\([^()]*\d{4}[^()]*\)", after))
        ) and _reading_order_names(prefix):
            _set_people(d, "authors", prefix, 0.6)
            return _segments(" ".join([after, *[s.raw for s in segs[1:]]]))
    if len(segs) < 2:
        return segs
    if not (segs[1].quoted or _title_like(segs[1].text)):
        return segs
    text = first.text
    if looks_like_organisation(text) and len(text.split()) <= 10 and text[:1].isupper() and not _prose_like(text):
        d.people("authors", (Person(literal=text),), 0.6)
        return segs[1:]
    if _reading_order_names(text):
        _set_people(d, "authors", text, 0.5)
        return segs[1:]
    return segs


def _strong(text: str) -> bool:
    """Does a rule other than the loose comma-list or bare-date rules read this segment?"""
    probe = _Draft()
    if not _classify(text, probe, _Ctx()):
        return False
    loose = {"year", "date", "publisher", "place"}
    if probe.notes or probe.type or set(probe.values) - loose:
        return True
    return ":" in text and probe.has("place")


def _title_like(text: str) -> bool:
    """Could this segment be a title? False when a strong rule (publication block with a city, publisher
    or year; journal block; edition; role; date; pages ...) reads it, or when it is a short comma list
    ("Penguin Press, 2005")."""
    probe = _Draft()
    if not _classify(text, probe, _Ctx()):
        return True
    if probe.has("place"):
        place = str(probe.values["place"])
        strong = (
            probe.has("year")
            or _is_city(place)
            or bool(_PUBLISHER_WORDS.search(str(probe.values.get("publisher") or "")))
            or "," in place
        )
        return not strong
    # A long first element with only a year after it is a title with a date range in it:
    # "Relations of the United States: The Soviet Union, 1933–1939".
    elements = _mla_elements(text)
    return len(elements) > 1 and probe.has("year") and len(elements[0].split()) > 5 and not probe.has("pages")


def _reading_order_names(text: str) -> bool:
    """ "John Lewis Gaddis", "Edward M. Bennett and Jane Doe" (not "The Russian Revolution")."""
    text = text.strip()
    if not text or "," in text.replace(", Jr.", "").replace(", Sr.", ""):
        return False
    for name in _SPLIT_AND_RE.split(text):
        tokens = name.split()
        if not 2 <= len(tokens) <= 5:
            return False
        if tokens[0].lower() in {"the", "a", "an", "on", "in", "of", "from", "to", "why", "how", "what"}:
            return False
        if not all(is_name_token(t) for t in tokens):
            return False
        if is_initials(tokens[-1]) or is_particle(tokens[-1]):
            return False
        if looks_like_organisation(name):
            return False
    return True


def _fill(segs: list[_Seg], d: _Draft) -> None:
    if not segs:
        return
    title_seg = segs[0]
    title_parens: list[str] = []
    if title_seg.quoted:
        d.title_quoted = True
        title = _strip_quotes(title_seg.raw)
        d.put("title", title, 0.95)
    else:
        core, title_parens = _split_trailing_parens(title_seg.text)
        # "Title (Place: Publisher, 1997), 45" in Chicago notes.
        note = re.match(r"^(?P<t>.+?)\s*\((?P<pub>[^()]*\d{4}[^()]*)\),\s*(?P<pp>[\d–-]+(?:,\s*[\d–-]+)*)$", core)
        if note:
            core = note.group("t")
            title_parens.append(note.group("pub"))
            d.notes.append(f"cited pages: {note.group('pp')}")
        d.put("title", core.strip().rstrip(",;:"), 0.85 if (d.has("authors") or d.has("editors")) else 0.7)
    # "Why Lenin? Why Stalin? A Reappraisal ...": a title ending in ? or ! continues while the next
    # segment reads like a title.
    while (
        len(segs) > 2
        and not title_seg.quoted
        and str(d.values.get("title", "")).endswith(("?", "!"))
        and not segs[1].quoted
        and not _strong(segs[1].text)
    ):
        d.values["title"] = f"{d.values['title']} {segs[1].text.strip()}"
        segs = [segs[0], *segs[2:]]
    ctx = _Ctx()
    pending: list[int] = []
    annotation_from: int | None = None
    for idx, seg in enumerate(segs[1:], start=1):
        ctx.index = idx
        if annotation_from is not None:
            break
        if _complete(d) and not seg.quoted and _annotation_like(seg.text) and not _strong(seg.text):
            annotation_from = idx
            break
        if seg.quoted:
            inner = _strip_quotes(seg.raw)
            if not d.has("title"):
                d.put("title", inner, 0.9)
            else:
                pending.append(idx)
            continue
        if _classify(seg.text, d, ctx):
            ctx.last_citation = idx
        else:
            pending.append(idx)
    # Year-only brackets after a title are the year only when nothing else gave one.
    for p in title_parens:
        keep_in_title = (parse_date(p) is not None and d.has("year")) or (
            not _classify_paren(p, d) and not d.put_year(p, 0.8)
        )
        if keep_in_title:
            d.values["title"] = f"{d.values.get('title') or ''} ({p})".strip()
            d.conf.setdefault("title", 0.5)
    _resolve_pending(segs, pending, d, ctx)
    if annotation_from is not None:
        d.annotation.append(" ".join(s.raw for s in segs[annotation_from:]))


def _strip_quotes(raw: str) -> str:
    t = raw.strip().rstrip(",;:").strip()
    if t and t[-1] == "." and len(t) > 1 and t[-2] in "”\"’'»“":
        t = t[:-1]
    if t and t[0] in _QUOTES and t[-1] == _QUOTES[t[0]]:
        t = t[1:-1]
    elif t and t[0] in _QUOTES:
        t = t[1:]
    t = t.strip()
    if t.endswith((",", ".")) and not t.endswith("..."):
        last = t.split()[-1] if t.split() else ""
        if not (is_initials(last) or re.fullmatch(r"(?:[^\W\d_]\.)+", last)):
            t = t[:-1]
    return t.strip()


def _resolve_pending(segs: list[_Seg], pending: list[int], d: _Draft, ctx: _Ctx) -> None:
    for idx in pending:
        seg = segs[idx]
        text = _strip_quotes(seg.raw) if seg.quoted else seg.text.strip().strip(",;:")
        if not text:
            continue
        if (idx + 1) in ctx.after_journal and not d.has("container_title"):
            d.put("container_title", text, 0.75)
            continue
        if (d.title_quoted or d.container_pending) and not d.has("container_title") and not _prose_like(text):
            _set_container(text, d, 0.7)
            d.container_pending = False
            continue
        if idx > ctx.last_citation and _complete(d) and _annotation_like(text):
            d.annotation.append(" ".join(s.raw for s in segs[idx:] if segs.index(s) in pending))
            return
        if (
            not d.has("publisher")
            and not _prose_like(text)
            and len(text.split()) <= 10
            and (d.apa or idx == len(segs) - 1 or ctx.last_citation > idx)
        ):
            d.put("publisher", text, 0.6)
            d.bare_publisher = True
            continue
        if not d.has("year") and d.put_year(text, 0.7):
            continue
        if 0 < idx < ctx.last_citation and not _prose_like(text) and not d.has("collection_title"):
            # Between the title and the imprint: a series ("Studies in Military History 12").
            m = re.fullmatch(r"(?P<series>.+?)(?:,?\s+(?:no\.\s*|vol\.\s*)?(?P<num>\d+))?", text, re.I)
            if m and m.group("series")[:1].isupper():
                d.put("collection_title", m.group("series"), 0.4)
                if m.group("num"):
                    d.notes.append(f"series number: {m.group('num')}")
                continue
        d.unparsed.append(seg.raw)


def _decide_type(d: _Draft) -> tuple[str, float]:
    if d.type and d.type_conf >= 0.85:
        return d.type, d.type_conf
    container = str(d.values.get("container_title") or "")
    has = d.has
    if d.type == "chapter":
        if _ENCYCLOPEDIA_RE.search(container):
            return "entry-encyclopedia", 0.8
        return "chapter", 0.8
    if container and _ENCYCLOPEDIA_RE.search(container):
        return "entry-encyclopedia", 0.75
    if container and (has("volume") or has("issue")) and not (has("place") or has("editors")):
        return "article-journal", 0.85
    if container and (has("editors") or has("place")) and d.title_quoted:
        return "chapter", 0.7
    if container and (has("date") or has("pages")) and not has("volume") and not has("publisher"):
        if _MAGAZINE_RE.search(container) and not _NEWSPAPER_RE.search(container):
            return "article-magazine", 0.7
        iso = str(d.values.get("date") or "")
        if _NEWSPAPER_RE.search(container):
            return "article-newspaper", 0.7
        if has("url") or has("accessed"):
            return "webpage", 0.6
        if len(iso) == 10 or has("pages"):
            return "article-newspaper", 0.6
        if iso:
            return "article-magazine", 0.6
    if has("url") and not (has("place") or (has("publisher") and not d.bare_publisher)):
        return "webpage", 0.7
    if has("accessed") and not has("place"):
        return "webpage", 0.6
    if container and d.title_quoted:
        return "article-journal", 0.5
    if d.type:
        return d.type, d.type_conf
    return "book", 0.6 if (has("publisher") or has("place")) else 0.4


def _build(d: _Draft, raw: str, provenance: Provenance | None) -> Reference:
    kind, kind_conf = _decide_type(d)
    values = dict(d.values)
    conf = dict(d.conf)
    if kind == "webpage" and d.bare_publisher and values.get("publisher") and not values.get("container_title"):
        values["container_title"] = values.pop("publisher")
        conf["container_title"] = conf.pop("publisher", 0.6)
    notes = list(dict.fromkeys(n for n in d.notes if n))
    if notes:
        values["note"] = "; ".join(notes)
        conf["note"] = 0.5
    if d.annotation:
        values["annotation"] = " ".join(d.annotation)
        conf["annotation"] = 0.75
    if d.unparsed:
        values["unparsed"] = " | ".join(u for u in d.unparsed if u.strip())
        conf["unparsed"] = 0.0
    conf["type"] = kind_conf
    conf = {k: v for k, v in conf.items() if k == "type" or values.get(k)}
    fields: dict[str, Any] = {k: v for k, v in values.items() if v}
    fields["provenance"] = (provenance,) if provenance is not None else ()
    return Reference(type=kind, raw=raw, confidence=conf, **fields)


def parse_references(raws: Iterable[str | tuple[str, Provenance | None]], *, learned: bool = True) -> list[Reference]:
    """Parse many reference strings (optionally paired with their provenance) and assign unique cite keys.

    >>> refs = parse_references(["Hull, Cordell. Memoirs. New York: Macmillan, 1948.",
    ...                          ("Hull, Cordell. Memoirs. New York: Macmillan, 1948.", None)])
    >>> [r.key for r in refs]
    ['hull1948memoirsa', 'hull1948memoirsb']

    An entry that opens with a 3-em dash ("———. Title ...") gets the people of the entry before it.
    ``learned`` is passed to :func:`parse_reference`.
    """
    refs: list[Reference] = []
    for item in raws:
        if isinstance(item, tuple):
            raw, prov = item
        else:
            raw, prov = item, None
        ref = parse_reference(raw, prov, learned=learned)
        refs.append(_repeat_people(ref, refs[-1]) if refs else ref)
    return assign_keys(refs)


def _repeat_people(ref: Reference, previous: Reference) -> Reference:
    """Fill in the people of a "———." entry from the entry before it."""
    for role in ("authors", "editors", "translators"):
        if SAME_PEOPLE_NOTE.format(role=role) in (ref.note or "") and not getattr(ref, role):
            people = previous.authors or previous.editors or previous.translators
            if people:
                changes: dict[str, Any] = {role: people, "confidence": {**dict(ref.confidence), role: 0.7}}
                return attrs.evolve(ref, **changes)
    return ref
