"""Whether two names are one entity: a name resolved on its own (:func:`canonical_entity`), the same
person, organisation or place (:func:`same_entity`), or closely related ones (:func:`related_entities`)."""

from __future__ import annotations

import re

from annotate.claims.aliases import AliasTable, _alias_key, _builtin_table, _type_from_words
from annotate.claims.lexicon import slug, translit_key
from annotate.claims.mentions import _Analysis
from annotate.claims.names import _initials_match, _title_prefix, names_compatible, parse_person_name
from annotate.model import Entity, EntityType, MentionKind


def canonical_entity(name: str, aliases: AliasTable | None = None) -> Entity | None:
    """Resolve a name on its own (not a text to search) to its entity; ``None`` for no name.

    The result's ``text`` is the stripped name and its span is that name's place in ``name``.

    >>> canonical_entity("U.S.S.R.").id, canonical_entity("President Franklin Roosevelt").id
    ('place:soviet-union', 'person:franklin-roosevelt')
    """
    stripped = name.strip()
    if not stripped or not re.search(r"[^\W\d_]", stripped):
        return None
    lead = len(name) - len(name.lstrip())
    table = (aliases if aliases is not None else _builtin_table()).child()
    analysis = _Analysis(stripped, table)
    span = (lead, lead + len(stripped))

    def rebase(entity: Entity) -> Entity:
        return Entity(entity.id, entity.name, entity.type, stripped, span, entity.via, entity.metonym_of)

    found = table.lookup(stripped) or table.demonym(stripped)
    if found is not None:
        record = table.record(found)
        via = MentionKind.DEMONYM if table.demonym(stripped) else MentionKind.ALIAS
        if record is not None:
            if _alias_key(record[0]) == _alias_key(stripped):
                via = MentionKind.NAME
            return Entity(found, record[0], record[1], stripped, span, via, record[2])
    # "Family, Given" and titled names are people by form.
    parsed = parse_person_name(stripped)
    words = stripped.split()
    n_title, strong = _title_prefix(words)
    if n_title and not strong and (len(words) - n_title < 2 or _type_from_words(words) is not None):
        n_title = 0  # "General Electric": a weak title before one word is not a person
    inverted = "," in stripped and parsed is not None and len(parsed.given) >= 1
    if parsed is not None and (n_title or inverted or len(words) >= 2):
        pid = analysis._match_person(parsed, 0)
        if pid is not None:
            known = analysis._person_name(pid)
            via = (
                MentionKind.NAME
                if known.display == parsed.display
                else (MentionKind.ALIAS if parsed.given else MentionKind.PARTIAL)
            )
            return Entity(pid, known.display, EntityType.PERSON, stripped, span, via)
        etype = _type_from_words(words) if not (n_title or inverted) else None
        if n_title or inverted or (etype is None and analysis._name_like(parsed.display.split())):
            return Entity(f"person:{slug(parsed.display)}", parsed.display, EntityType.PERSON, stripped, span)
    entities = _Analysis(stripped, table).run()
    if entities:
        best = max(entities, key=lambda e: (e.span[1] - e.span[0], -e.span[0]))
        if best.span[1] - best.span[0] == len(stripped):
            return rebase(best)
    if parsed is not None and len(words) == 1:
        pid = analysis._match_person(parsed, 0)
        if pid is not None:
            known = analysis._person_name(pid)
            return Entity(pid, known.display, EntityType.PERSON, stripped, span, MentionKind.PARTIAL)
    etype = _type_from_words(words) or EntityType.OTHER
    return Entity(f"{etype.value}:{slug(stripped)}", stripped, etype, stripped, span)


def _acronym(text: str) -> str | None:
    letters = re.sub(r"[.\s]", "", text)
    return letters if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 5 else None


def same_entity(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """Whether two names name the same person, organisation or place.

    People compare by name structure (a surname alone agrees with any full name it fits; initials
    agree with the name they abbreviate); everything else by canonical id. Metonyms and related
    states are not the same entity (see :func:`related_entities`).

    >>> same_entity("Josef Stalin", "Joseph Stalin"), same_entity("Joseph Stalin", "Joseph Kennedy")
    (True, False)
    >>> same_entity("USSR", "Soviet Union"), same_entity("Moscow", "Soviet Union")
    (True, False)
    """
    ea, eb = canonical_entity(a, aliases), canonical_entity(b, aliases)
    if ea is None or eb is None:
        return False
    if ea.id == eb.id:
        return True
    persons = [e for e in (ea, eb) if e.type is EntityType.PERSON]
    if len(persons) == 2:
        pa, pb = parse_person_name(ea.name), parse_person_name(eb.name)
        return pa is not None and pb is not None and names_compatible(pa, pb)
    if len(persons) == 1:
        person, other, other_text = (ea, eb, b) if ea.type is EntityType.PERSON else (eb, ea, a)
        if other.via is not MentionKind.NAME or other.type is not EntityType.OTHER:
            return False
        pp = parse_person_name(person.name)
        if pp is None:
            return False
        acronym = _acronym(other_text.strip())
        if acronym is not None:
            return _initials_match(acronym, pp)
        po = parse_person_name(other_text)
        return po is not None and not po.given and names_compatible(po, pp)
    if ea.key == eb.key:
        return True
    # Unknown names compare by spelling-variant key ("Tchaikovsky" and "Tschaikowsky").
    unknown = all(e.via is MentionKind.NAME and e.type is EntityType.OTHER for e in (ea, eb))
    return unknown and _name_key(ea.name) == _name_key(eb.name)


def _name_key(name: str) -> str:
    return " ".join(translit_key(w) for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in ("the", "of"))


def related_entities(a: str, b: str, aliases: AliasTable | None = None) -> bool:
    """Whether two names are the same entity or closely related ones.

    Related: a seat of government and its state (a capital and its country), predecessor and
    successor states, two seats of one state (as the alias table links them).

    >>> related_entities("Moscow", "Soviet Union"), related_entities("Russia", "USSR")
    (True, True)
    >>> related_entities("France", "Japan")
    False
    """
    if same_entity(a, b, aliases):
        return True
    ea, eb = canonical_entity(a, aliases), canonical_entity(b, aliases)
    if ea is None or eb is None:
        return False
    table = aliases if aliases is not None else _builtin_table()
    targets_a = {ea.id, *ea.metonym_of}
    targets_b = {eb.id, *eb.metonym_of}
    if targets_a & targets_b:
        return True
    return any(table.linked(x, y) for x in sorted(targets_a) for y in sorted(targets_b))
