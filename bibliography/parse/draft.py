"""The draft record a parse fills in, field by field, with a confidence for each."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bibliography.model import Person
from bibliography.parse.dates import _SEASON_PAT, parse_date

# The note of a "———." entry, whose people are the previous entry's.
SAME_PEOPLE_NOTE = "{role}: as in the previous entry"


class _Draft:
    """Mutable accumulator for one parse (private; the result is a frozen :class:`Reference`)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.conf: dict[str, float] = {}
        self.notes: list[str] = []
        self.annotation: list[str] = []
        self.unparsed: list[str] = []
        self.type: str | None = None
        self.type_conf = 0.0
        self.title_quoted = False
        self.apa = False
        self.container_pending = False
        self.bare_publisher = False

    def has(self, field: str) -> bool:
        return bool(self.values.get(field))

    def put(self, field: str, value: object, conf: float) -> bool:
        """Set a field once; a second, different value is refused (the caller keeps the text)."""
        if isinstance(value, str):
            value = value.strip()
        if not value:
            return True
        old = self.values.get(field)
        if old:
            return bool(old == value)
        self.values[field] = value
        self.conf[field] = conf
        return True

    def put_or_keep(self, field: str, value: object, conf: float, text: str) -> None:
        if not self.put(field, value, conf):
            self.unparsed.append(text)

    def put_year(self, text: str, conf: float, raw: str | None = None) -> bool:
        """Set year (and date) from a date expression; False when ``text`` is not a date."""
        parsed = parse_date(text)
        if parsed is None:
            return False
        year, iso = parsed
        ok = self.put("year", year, conf)
        if iso and ok:
            ok = self.put("date", iso, conf)
        if not ok:
            self.unparsed.append(raw or text)
        season = re.search(_SEASON_PAT, text, re.I)
        if season:
            self.notes.append(f"issued: {text.strip().strip('()')}")
        return True

    def set_type(self, kind: str, conf: float) -> None:
        if conf > self.type_conf:
            self.type, self.type_conf = kind, conf

    def people(self, field: str, people: Iterable[Person], conf: float) -> None:
        group = tuple(people)
        if not group:
            return
        if not self.values.get(field):
            self.put(field, group, conf)
            return
        existing = tuple(self.values[field])
        keys = {(p.family, p.given, p.literal) for p in existing}
        extra = tuple(p for p in group if (p.family, p.given, p.literal) not in keys)
        self.values[field] = existing + extra
