"""The alias table: canonical identities of states, organisations and people, with their short forms,
demonyms, adjectives, seats of government and predecessor/successor links."""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from annotate.claims.lexicon import (
    _CITIES,
    _EVENT_WORDS,
    _LINKS,
    _ORG_WORDS,
    _ORGANISATIONS,
    _PLACE_WORDS,
    _STATES,
    _split_list,
    fold,
    slug,
)
from annotate.claims.names import PersonName, names_compatible, parse_person_name
from annotate.model import EntityType

# Compiled once: every name looked up that is not an acronym goes through it.
_NON_LETTERS_RE = re.compile(r"[^A-Za-z]")


class _Record(NamedTuple):
    id: str
    name: str
    type: EntityType
    metonym_of: tuple[str, ...] = ()


class _PersonRecord(NamedTuple):
    id: str
    name: PersonName


@functools.lru_cache(maxsize=16384)
def _alias_key(text: str) -> str:
    """Lookup key of an alias: acronyms keep their capitals ("US" is not "us"); other names fold."""
    t = text.strip().replace("’", "'")
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    t = re.sub(r"'s$", "", t)
    letters = re.sub(r"[^A-Za-z]", "", t)
    if letters and letters.isupper() and len(letters) <= 6 and " " not in t.strip():
        return "^" + letters
    t = fold(t).replace("&", " and ")
    t = re.sub(r"\.", "", t)
    return re.sub(r"[\s\-]+", " ", t).strip()


def _type_from_words(words: Sequence[str]) -> EntityType | None:
    """The entity type that keywords in a capitalised name imply ("... Company", "... River")."""
    clean = [w.rstrip(".,") for w in words]
    if any(w in _ORG_WORDS or w + "." in _ORG_WORDS for w in clean):
        return EntityType.ORGANISATION
    if not clean:
        return None
    # "... River", "Gulf of Mexico"; "... Conference", "Treaty of Versailles", "World War II".
    if clean[-1] in _PLACE_WORDS or (len(clean) > 1 and clean[0] in _PLACE_WORDS):
        return EntityType.PLACE
    if clean[-1] in _EVENT_WORDS or (len(clean) > 1 and (clean[0] in _EVENT_WORDS or clean[-2] in _EVENT_WORDS)):
        return EntityType.OTHER
    return None


def _acronym_defines(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: initials of its content words, or a subsequence of it."""
    s = re.sub(r"[^A-Za-z]", "", short)
    words = [w for w in re.findall(r"[^\W\d_]+", long) if w.lower() not in ("of", "the", "and", "for", "de")]
    if len(s) < 2 or len(words) < 2:
        return False
    if s.upper() == "".join(w[0] for w in words).upper():
        return True
    target = fold("".join(words))
    letters = fold(s)
    if len(letters) < 3 or letters[0] != target[0]:
        return False
    pos = 0
    for ch in letters:
        pos = target.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


class AliasTable:
    """Names the library knows: states, organisations, people, and how their short forms map.

    ``AliasTable()`` starts with the built-in states and organisations; ``AliasTable(builtin=False)``
    starts empty. Add corpus-derived names with :meth:`add`, :meth:`add_person` or
    :meth:`add_index_name`, or let :meth:`learn` pick up full names and acronym definitions from a text.

    >>> table = AliasTable()
    >>> table.add_index_name("Litvinov, Maksim Maksimovich")
    'person:maksim-maksimovich-litvinov'
    >>> from annotate.claims.identity import canonical_entity
    >>> canonical_entity("Maxim Litvinov", table).id
    'person:maksim-maksimovich-litvinov'
    """

    __slots__ = (
        "_adjectives",
        "_aliases",
        "_by_initials",
        "_by_surname",
        "_demonyms",
        "_ids",
        "_inverted",
        "_links",
        "_parent",
        "_persons",
        "_records",
    )

    def __init__(self, *, builtin: bool = True) -> None:
        self._parent: AliasTable | None = _builtin_table() if builtin else None
        self._aliases: dict[str, str] = {}
        self._records: dict[str, _Record] = {}
        self._persons: list[_PersonRecord] = []
        # Positions in _persons by id, ascending: finding a person by id without a scan.
        self._ids: dict[str, list[int]] = {}
        # Positions in _persons by surname key: a person record may be replaced in place by a fuller
        # form of the same name (same surname), so positions stay right.
        self._by_surname: dict[str, list[int]] = {}
        # (first initial, last initial) -> positions, rebuilt when the person list has changed.
        self._by_initials: tuple[int, dict[tuple[str, str], list[int]]] = (-1, {})
        self._inverted: dict[str, str] = {}
        self._links: dict[str, list[str]] = {}
        self._demonyms: dict[str, str] = {}
        self._adjectives: dict[str, str] = {}

    @classmethod
    def _empty(cls) -> AliasTable:
        return cls(builtin=False)

    def child(self) -> AliasTable:
        """A table that sees everything in this one and keeps its own additions to itself."""
        table = AliasTable(builtin=False)
        table._parent = self
        return table

    # -- lookups ------------------------------------------------------------------------------------

    def _chain(self) -> list[AliasTable]:
        chain: list[AliasTable] = []
        table: AliasTable | None = self
        while table is not None:
            chain.append(table)
            table = table._parent
        return chain

    def record(self, entity_id: str) -> tuple[str, EntityType, tuple[str, ...]] | None:
        """The canonical name, type and metonym targets of a known id, or ``None``."""
        for table in self._chain():
            rec = table._records.get(entity_id)
            if rec is not None:
                return rec.name, rec.type, rec.metonym_of
        return None

    def _record(self, entity_id: str) -> _Record | None:
        for table in self._chain():
            rec = table._records.get(entity_id)
            if rec is not None:
                return rec
        return None

    def _alias(self, key: str) -> str | None:
        for table in self._chain():
            found = table._aliases.get(key)
            if found is not None:
                return found
        return None

    def lookup(self, name: str) -> str | None:
        """The id a name or short form is listed under ("USSR" -> ``place:soviet-union``), or ``None``."""
        key = _alias_key(name)
        found = self._alias(key)
        if found is None and not key.startswith("^"):
            # "ussr", "Usa": acronyms written in lower case (two letters are too often a word: "us").
            letters = _NON_LETTERS_RE.sub("", name)
            if 3 <= len(letters) <= 6 and " " not in name.strip():
                found = self._alias("^" + letters.upper())
        return found

    def demonym(self, word: str) -> str | None:
        """The state a plural demonym stands for ("Soviets" -> ``place:soviet-union``)."""
        for table in self._chain():
            found = table._demonyms.get(word)
            if found is not None:
                return found
        return None

    def is_adjective(self, word: str) -> bool:
        """True for a demonym adjective ("Soviet", "American"), which is not a mention by itself."""
        return any(word in table._adjectives for table in self._chain())

    def persons(self) -> list[tuple[str, PersonName]]:
        """Every known person as (id, name), built-in and inherited first."""
        out: list[tuple[str, PersonName]] = []
        for table in reversed(self._chain()):
            out.extend((p.id, p.name) for p in table._persons)
        return out

    def person(self, person_id: str) -> PersonName | None:
        """The name of the first person listed under this id, in the order of :meth:`persons`."""
        for table in reversed(self._chain()):
            positions = table._ids.get(person_id)
            if positions:
                return table._persons[positions[0]].name
        return None

    def replace_person(self, index: int, person_id: str, name: PersonName) -> None:
        """Put a fuller form of a known person's name (same surname) at its place in the list."""
        old = self._ids[self._persons[index].id]
        old.remove(index)
        if not old:
            del self._ids[self._persons[index].id]
        bisect.insort(self._ids.setdefault(person_id, []), index)
        self._persons[index] = _PersonRecord(person_id, name)
        self._by_initials = (-1, {})

    def persons_with_initials(self, first: str, last: str) -> list[tuple[str, PersonName]]:
        """The known persons whose initials start with ``first`` and end with ``last`` (upper case),
        in the order of :meth:`persons`: the only ones an acronym of that shape can stand for."""
        out: list[tuple[str, PersonName]] = []
        for table in reversed(self._chain()):
            size, index = table._by_initials
            if size != len(table._persons):
                index = {}
                for i, rec in enumerate(table._persons):
                    initials = rec.name.initials
                    index.setdefault((initials[0], initials[-1]), []).append(i)
                table._by_initials = (len(table._persons), index)
            for i in index.get((first, last), ()):
                rec = table._persons[i]
                out.append((rec.id, rec.name))
        return out

    def persons_with_surname(self, surname_key: str) -> list[tuple[str, PersonName]]:
        """The known persons whose surname has this key, in the order of :meth:`persons`; what a
        scan of every person filtered by ``names_compatible`` would find, without the scan."""
        out: list[tuple[str, PersonName]] = []
        for table in reversed(self._chain()):
            for i in table._by_surname.get(surname_key, ()):
                rec = table._persons[i]
                out.append((rec.id, rec.name))
        return out

    def inverted_forms(self) -> list[tuple[str, str]]:
        """The "Family, Given" forms registered with :meth:`add_index_name`, as (form, id)."""
        out: dict[str, str] = {}
        for table in reversed(self._chain()):
            out.update(table._inverted)
        return sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def linked(self, a: str, b: str) -> bool:
        """True when two ids are linked as related states (predecessor/successor, part/whole)."""
        return any(b in table._links.get(a, ()) for table in self._chain())

    def links_of(self, entity_id: str) -> list[str]:
        """The ids :meth:`linked` to ``entity_id``, in this table and those it sees."""
        out: list[str] = []
        for table in self._chain():
            out.extend(table._links.get(entity_id, ()))
        return out

    # -- additions ----------------------------------------------------------------------------------

    def add(
        self,
        canonical: str,
        *variants: str,
        type: EntityType | str = EntityType.OTHER,
        id: str | None = None,
        metonym_of: Iterable[str] = (),
    ) -> str:
        """List ``canonical`` and its ``variants`` as one entity; returns its id.

        A person (``type="person"``) is also matched by name structure, so its variants need not
        list every spelling.

        >>> t = AliasTable(builtin=False)
        >>> t.add("Communist International", "Comintern", type="organisation")
        'organisation:communist-international'
        >>> t.lookup("the Comintern")
        'organisation:communist-international'
        """
        etype = EntityType(type)
        canonical = re.sub(r"\s+", " ", canonical).strip()
        if not canonical:
            raise ValueError("canonical name must not be empty")
        entity_id = id or f"{etype.value}:{slug(canonical)}"
        if not entity_id.startswith(f"{etype.value}:"):
            raise ValueError(f"id {entity_id!r} does not match type {etype.value!r}")
        existing = self._record(entity_id)
        metonyms = tuple(dict.fromkeys([*(existing.metonym_of if existing else ()), *metonym_of]))
        self._records[entity_id] = _Record(entity_id, existing.name if existing else canonical, etype, metonyms)
        for variant in (canonical, *variants):
            key = _alias_key(variant)
            if key:
                self._aliases.setdefault(key, entity_id)
        if etype is EntityType.PERSON:
            parsed = parse_person_name(canonical)
            if parsed is not None and entity_id not in self._ids:
                self._by_surname.setdefault(parsed.surname_key, []).append(len(self._persons))
                self._ids[entity_id] = [len(self._persons)]
                self._persons.append(_PersonRecord(entity_id, parsed))
        return entity_id

    def add_person(self, name: str, *variants: str) -> str:
        """Add a person by name (reading or "Family, Given" order); returns the person's id.

        A name compatible with a person already known adds nothing and returns that person's id.
        """
        parsed = parse_person_name(name)
        if parsed is None:
            raise ValueError(f"person name {name!r} has no name words")
        for pid, known in self.persons():
            if known.given and parsed.given and names_compatible(known, parsed):
                for variant in variants:
                    self._aliases.setdefault(_alias_key(variant), pid)
                return pid
        return self.add(parsed.display, *variants, type=EntityType.PERSON)

    def add_index_name(self, term: str, type: EntityType | str = EntityType.PERSON) -> str | None:
        """Add a back-of-book index term; "Family, Given" person terms also match in that form.

        Subterms after ``;`` are ignored ("Roosevelt, Franklin D.;Soviet-U.S. relations"). Returns the
        id, or ``None`` for an empty term.
        """
        main = term.split(";", 1)[0].strip()
        main = re.sub(r"\[[^\]]*\]$", "", main).strip()
        if not main:
            return None
        etype = EntityType(type)
        if etype is not EntityType.PERSON:
            return self.add(main, type=etype)
        pid = self.add_person(main)
        if "," in main:
            self._inverted[main] = pid
        return pid

    def link(self, a: str, b: str) -> None:
        """Record two ids as related (predecessor/successor states, part and whole)."""
        self._links.setdefault(a, []).append(b)
        self._links.setdefault(b, []).append(a)

    def size(self) -> int:
        """How many names and aliases the table knows (it only grows)."""
        return len(self._persons) + len(self._aliases)

    def fingerprint(self) -> str:
        """A SHA-256 of everything this table and the tables it sees know, in their order: two
        tables with one fingerprint resolve every name alike (a cache key for results that read it).

        >>> a, b = AliasTable(), AliasTable()
        >>> a.fingerprint() == b.fingerprint()
        True
        >>> _ = b.add_person("Maksim Litvinov")
        >>> a.fingerprint() == b.fingerprint()
        False
        """
        digest = hashlib.sha256()
        for table in reversed(self._chain()):
            state = [
                table._aliases,
                {k: [r.name, r.type.value, list(r.metonym_of)] for k, r in table._records.items()},
                [[p.id, list(p.name.given), p.name.surname, p.name.suffix] for p in table._persons],
                table._inverted,
                table._links,
                table._demonyms,
                table._adjectives,
            ]
            # Dicts keep insertion order, which lookups that scan a table can depend on: not sorted.
            digest.update(json.dumps(state, ensure_ascii=False).encode("utf-8") + b"\0")
        return digest.hexdigest()

    def _add_demonym(self, word: str, entity_id: str) -> None:
        self._demonyms.setdefault(word, entity_id)

    def _add_adjective(self, word: str, entity_id: str) -> None:
        self._adjectives.setdefault(word, entity_id)


_BUILTIN: list[AliasTable] = []


def _builtin_table() -> AliasTable:
    """The shared, read-only built-in table (built once)."""
    if _BUILTIN:
        return _BUILTIN[0]
    table = AliasTable._empty()
    capitals: dict[str, list[str]] = {}
    for line in _STATES.replace("\n+", "").splitlines():
        name, aliases, demonyms, adjectives, seats = [*line.split("|"), "", "", "", ""][:5]
        sid = table.add(name, *_split_list(aliases), type=EntityType.PLACE)
        for d in _split_list(demonyms):
            table._add_demonym(d, sid)
        for a in _split_list(adjectives):
            table._add_adjective(a, sid)
        for seat in _split_list(seats):
            capitals.setdefault(seat, []).append(sid)
    for seat, states in capitals.items():
        table.add(seat, type=EntityType.PLACE, metonym_of=states)
    for city in _split_list(_CITIES):
        table.add(city, type=EntityType.PLACE)
    for line in _ORGANISATIONS.splitlines():
        name, aliases = [*line.split("|"), ""][:2]
        table.add(name, *_split_list(aliases), type=EntityType.ORGANISATION)
    for pair in _split_list(_LINKS):
        left, right = pair.split("=")
        table.link(f"place:{slug(left)}", f"place:{slug(right)}")
    _BUILTIN.append(table)
    return table
