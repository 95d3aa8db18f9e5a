"""The words and patterns segment classification reads: places, publishers, periodicals, roles,
editions, volumes, reprints, theses, reports, pages; and the classification context."""

from __future__ import annotations

import re

from bibliography.names import (
    looks_like_name_list,
    looks_like_organisation,
)
from bibliography.parse.authors import _SUFFIX_WORDS, _set_people
from bibliography.parse.dates import _DATE_IN_TEXT
from bibliography.parse.draft import _Draft
from bibliography.tables import table_lines

# The knowledge tables are data files with their source (bibliography/data).
_CITIES = frozenset(table_lines("publication_places.txt"))


_PUBLISHER_WORDS = re.compile(r"\b(?:" + "|".join(table_lines("publisher_words.txt")) + r")\b")


_NEWSPAPER_RE = re.compile(r"\b(?:" + "|".join(table_lines("newspaper_words.txt")) + r")\b")


_MAGAZINE_RE = re.compile(r"\b(?:" + "|".join(table_lines("magazine_words.txt")) + r")\b")


_ENCYCLOPEDIA_RE = re.compile(
    r"(?:Encycloped|Encyclopaed|Encyclopæd|Enzyklopädie|Encyclopédie|Dictionary|Dictionnaire|Lexikon|"
    r"Lexicon|Wörterbuch|Britannica|Wikipedia|Gazetteer)",
    re.I,
)


_ROLE_SEG_RE = re.compile(
    r"^(?P<role>(?:edited|translated|compiled|selected|introduced|revised|annotated|abridged|"
    r"illustrated|adapted)(?:\s*,?\s*(?:and|&)?\s*(?:edited|translated|compiled|selected|introduced|"
    r"revised|annotated|abridged|illustrated|adapted|with\s+an?\s+\w+))*(?:\s+from\s+the\s+\w+)?"
    r"(?:\s+with\s+an?\s+(?:introduction|foreword|afterword|notes|preface)(?:\s+and\s+notes)?)?\s+by"
    r"|(?:ed\.|eds\.|trans\.|tr\.|transl\.|comp\.|hrsg\.|übers\.|éd\.|dir\.)"
    r"(?:\s+(?:and|&)\s+(?:ed\.|trans\.|transl\.))?(?:\s+from\s+the\s+\w+)?(?:\s+(?:by|v\.|von|par))?)"
    r"\s*(?P<names>.+)$",
    re.I,
)


_NOTE_ROLE_RE = re.compile(
    r"^(?:with\s+an?\s+)?(?:introduction|foreword|afterword|preface|notes|commentary|illustrations)"
    r"(?:\s+and\s+\w+)*\s+by\s+.+$",
    re.I,
)


_EDITION_RE = re.compile(
    r"^(?P<ed>[\w’'.\-]+(?:[\s-][\w’'.\-]+){0,3}?)\s+(?:ed\.?|edn\.?|edition|éd\.?|Aufl\.?|Auflage|izd\.?)$", re.I
)


_ORDINAL_RE = re.compile(
    r"(?:\d+(?:st|nd|rd|th|d|e|er|ème)?\.?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|rev\.?|revised|new|enl\.?|enlarged|expanded|updated|abridged|illustrated|paperback|"
    r"international|student|american|british|annotated|corrected|reprint|facsimile|special|definitive|"
    r"critical|anniversary|augmented|[\w-]*anniversary|centennial)",
    re.I,
)


_VOLUMES_RE = re.compile(r"^(?P<n>\d+|[A-Za-z]+)\s+(?:vols?\.?|volumes|Bde\.|tomes|v\.)$", re.I)


_VOLUME_RE = re.compile(
    r"^(?:vols?\.|volumes?|bd\.|tome|t\.)\s*(?P<v>[\dIVXLC]+(?:\s*[–-]\s*[\dIVXLC]+)?)"
    r"(?:\s+(?:of|in)\s+(?P<of>.+)|\s*[,:]\s*(?P<vt>.+))?$",
    re.I,
)


_REPRINT_RE = re.compile(
    r"^(?:reprint(?:ed)?|repr\.|reissued?|facsimile\s+reprint)(?:\s+(?:ed\.|edition))?(?:\s*[,:]?\s*(?:by\s+)?"
    r"(?P<rest>.+))?$",
    re.I,
)


_ORIGINAL_RE = re.compile(
    r"^(?:original(?:ly)?\s+(?:work\s+)?published|first\s+published|orig\.\s+publ?\.)(?:\s+(?:in|as|by))?"
    r"\s*(?P<rest>.*)$",
    re.I,
)


_THESIS_RE = re.compile(
    r"^(?P<genre>(?:(?:Ph\.?\s?D\.?|Doctoral|Master['’]?s|M\.?A\.?|M\.?Sc\.?|M\.?Phil\.?|D\.?Phil\.?|B\.?A\.?|"
    r"Honou?rs|Senior|Diploma|Undergraduate|Unpublished(?:\s+(?:PhD|doctoral|master['’]?s|MA))?)\s+"
    r"(?:diss\.|dissertation|thesis)|Diss\.|Dissertation|Thesis|Habilitationsschrift))"
    r"(?:\s*\((?P<paren>[^)]*)\))?\s*[,.:]?\s*(?P<rest>.*)$",
    re.I,
)


_REPORT_RE = re.compile(
    r"^(?:(?:Technical|Research|Working|Discussion|Occasional|Policy|Staff|Special|Annual|Final|Interim|"
    r"CRS|Congressional|White|Briefing|Conference)\s+)?(?:Report|Paper|Brief|Memorandum|Bulletin)s?"
    r"(?:\s+(?:No\.|no\.|Number|#)?\s*(?P<num>[\w\-./]*\d[\w\-./]*))?$",
)


_PAGES_RE = re.compile(
    r"^(?:(?:pp?\.|S\.|pages?|at)\s*)(?P<p>[A-Za-z]?[\dIVXLCivxlc]+[A-Za-z]?(?:\s*[–—-]\s*[A-Za-z]?[\dIVXLCivxlc]+"
    r"[A-Za-z]?)?(?:\s*,\s*[A-Za-z]?\d+[A-Za-z]?(?:\s*[–—-]\s*[A-Za-z]?\d+[A-Za-z]?)?)*|[ivxlc]+\s*\+\s*\d+)$"
    r"|^(?:(?P<vol>\d+):)?(?P<bare>\d+\s*[–—-]\s*\d+|[A-Z]\d{1,3}(?:\s*[–—-]\s*[A-Z]?\d{1,3})?)$",
)


_PLACE_TOKEN_RE = re.compile(r"^[^\W\d_][\w’'.\-]*,?$|^&$")


_PLACE_LOWER = frozenset({"and", "am", "an", "der", "de", "upon", "on", "la", "le", "sur", "im", "del", "di"})


def _looks_place(text: str) -> bool:
    text = text.strip()
    if not text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    if any(q in text for q in '"“”‘’()[]'):
        return False
    tokens = text.split()
    if len(tokens) > 7:
        return False
    return all(_PLACE_TOKEN_RE.match(t) and (t[0].isupper() or t in _PLACE_LOWER or t == "&") for t in tokens)


def _is_city(text: str) -> bool:
    t = text.strip().rstrip(",").strip()
    if t.rstrip(".").lower() in _CITIES:
        return True
    if _PUBLISHER_WORDS.search(t):
        return False
    # "Waltham, Mass." / "Boston, MA" / "Garden City, N.Y."
    m = re.fullmatch(r"(?P<city>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}),\s*(?P<st>[A-Z][A-Za-z.]{1,6})", t)
    return bool(m and (m.group("st").endswith(".") or m.group("st").isupper()))


_FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "a", "an", "to", "at", "by", "with", "from", "de", "la", "le",
     "du", "des", "et", "und", "der", "die", "das", "di", "del", "y", "e", "i", "og", "och", "van", "von"}
)  # fmt: skip


def _prose_like(text: str) -> bool:
    """Descriptive prose ("Explanation of the issues negotiated.") rather than a name or imprint."""
    words = re.findall(r"(?<!\w)[^\W\d_][\w’'\-]*", text)
    if len(words) < 2:
        return False
    content_lower = [w for w in words if w[0].islower() and w.lower() not in _FUNCTION_WORDS]
    return len(content_lower) >= 2


def _annotation_like(text: str) -> bool:
    """After a complete citation: any phrase with a lower-case content word ("Pulitzer Prize-winning
    biography.")."""
    words = re.findall(r"(?<!\w)[^\W\d_][\w’'\-]*", text)
    if len(words) < 2:
        return False
    return any(w[0].islower() and w.lower() not in _FUNCTION_WORDS for w in words)


def _mla_elements(text: str) -> list[str]:
    """Split at commas, keeping "November 18, 1933" and "Little, Brown"-free dates whole."""
    protected: list[str] = []

    def keep(m: re.Match[str]) -> str:
        protected.append(m.group(0))
        return f"\x01{len(protected) - 1}\x01"

    masked = re.sub(_DATE_IN_TEXT, keep, text, flags=re.I)
    masked = re.sub(r"\b\d{1,3}(?:,\d{3})+\b", keep, masked)
    parts = [p.strip() for p in masked.split(",")]
    return [re.sub(r"\x01(\d+)\x01", lambda m: protected[int(m.group(1))], p) for p in parts if p.strip()]


def _edition_value(text: str) -> str | None:
    m = _EDITION_RE.match(text.strip())
    if not m:
        return None
    ed = m.group("ed")
    words = re.split(r"[\s-]", ed)
    if not any(_ORDINAL_RE.fullmatch(w) for w in words):
        return None
    return ed


class _Ctx:
    """What the classifier knows about the segments seen so far."""

    __slots__ = ("after_journal", "index", "last_citation")

    def __init__(self) -> None:
        self.index = 0
        self.last_citation = -1
        self.after_journal: list[int] = []


def _complete(d: _Draft) -> bool:
    return d.has("year") and any(
        d.has(f) for f in ("publisher", "place", "container_title", "volume", "pages", "issue")
    )


def _role_fields(role_text: str) -> list[str]:
    low = role_text.lower()
    fields = []
    if re.search(r"\b(?:edit|ed\.|eds\.|comp|hrsg|éd|dir\.|selected)", low):
        fields.append("editors")
    if re.search(r"\b(?:transl|trans\.|tr\.|übers)", low):
        fields.append("translators")
    return fields


def _take_role_names(d: _Draft, role_text: str, names_text: str, conf: float) -> list[str]:
    """Set editors/translators from "edited by X and Y, Publisher, 2005"; return the leftover elements."""
    elements = [e.strip() for e in names_text.split(",")]
    taken = [elements[0]]
    rest = elements[1:]
    # Further comma-separated names ("edited by A, B, and C"), but not "Vintage, 1993".
    while rest:
        e = rest[0]
        low = e.lower()
        if (
            low.startswith(("and ", "& "))
            or (
                len(e.split()) >= 2
                and looks_like_name_list(e)
                and not looks_like_organisation(e)
                and not _PUBLISHER_WORDS.search(e)
                and len(rest) > 1
            )
            or e.rstrip(".").lower() in _SUFFIX_WORDS
        ):
            taken.append(rest.pop(0))
        else:
            break
    names = ", ".join(taken)
    # "Edited by Paul V. Harper with Ronald Thompson": the helper is noted, not an editor.
    helper = re.search(r"\s+with(?:\s+the\s+assistance\s+of)?\s+(?P<who>.+)$", names)
    if helper:
        d.notes.append(f"with {helper.group('who')}")
        names = names[: helper.start()]
    fields = _role_fields(role_text)
    if not fields:
        d.notes.append(f"{role_text} {names}".strip())
    else:
        for field in fields:
            _set_people(d, field, names, conf)
        extra = re.sub(r"^(?:and\s+)?(?:edited|translated|compiled|ed\.|trans\.)\b", "", role_text, flags=re.I)
        if re.search(r"\b(?:introduction|foreword|afterword|notes|preface|from\s+the)\b", extra, re.I):
            d.notes.append(f"{role_text} {names}".strip())
    return rest
