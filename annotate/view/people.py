"""People named in claims and index terms, grouped when they can name the same person."""

from __future__ import annotations

from annotate.claims import PersonName, names_compatible, parse_person_name


class _People:
    """Person names from claims and index terms, grouped when they can name the same person."""

    def __init__(self) -> None:
        self.groups: list[list[PersonName]] = []  # the names of each person
        self._by_key: dict[str, int] = {}

    def add(self, key: str, name: str) -> int | None:
        if key in self._by_key:
            return self._by_key[key]
        parsed = parse_person_name(name)
        if parsed is None:
            return None
        hits = [i for i, names in enumerate(self.groups) if all(names_compatible(parsed, n) for n in names)]
        # A bare surname joins a person only when it can name just one of those known.
        if len(hits) == 1 or (hits and parsed.given):
            index = hits[0]
            self.groups[index].append(parsed)
        else:
            index = len(self.groups)
            self.groups.append([parsed])
        self._by_key[key] = index
        return index

    def display(self, index: int) -> str:
        names = self.groups[index]
        return max(names, key=lambda n: n.fullness).display
