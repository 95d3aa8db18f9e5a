"""The entities of texts read with one alias table, found once for the whole pipeline.

The checker reads the entities of every sentence a claim retrieves (with its facets), and linking reads
them again for every body sentence to find the persons it names; on 723 documents of prose the second
reading was 3% of a bundle. :func:`find_entities` depends on the text and the table alone, so a memo
kept with the table hands the checker's reading to the links: the entities, and so the links, are the
same with or without it.
"""

from __future__ import annotations

from annotate.claims.aliases import AliasTable
from annotate.claims.mentions import find_entities
from annotate.model import Entity

__all__ = ["EntityMemo"]


class EntityMemo:
    """``find_entities(text, aliases)`` of each text asked for, kept for the next asker.

    Only readers using the same table may share it (:meth:`serves`). A memo grows with the distinct
    texts read; it lives as long as the run that made it (a process forked from it adds to its own copy).

    >>> memo = EntityMemo(AliasTable())
    >>> [e.text for e in memo.of("Anna Berg met Karl Voss.")]
    ['Anna Berg', 'Karl Voss']
    >>> memo.get("Anna Berg met Karl Voss.") is memo.of("Anna Berg met Karl Voss.")
    True
    """

    __slots__ = ("_aliases", "_found")

    def __init__(self, aliases: AliasTable) -> None:
        self._aliases = aliases
        self._found: dict[str, tuple[Entity, ...]] = {}

    @property
    def aliases(self) -> AliasTable:
        """The alias table the entities are read with."""
        return self._aliases

    def serves(self, aliases: AliasTable | None) -> bool:
        """Whether a reader using ``aliases`` may take this memo's entities (the very same table)."""
        return aliases is self._aliases

    def get(self, text: str) -> tuple[Entity, ...] | None:
        """The entities of ``text`` when they were read, else None."""
        return self._found.get(text)

    def put(self, text: str, entities: tuple[Entity, ...]) -> None:
        """Keep ``entities`` as those of ``text`` (read with this table), unless some are kept already."""
        self._found.setdefault(text, entities)

    def of(self, text: str) -> tuple[Entity, ...]:
        """The entities of ``text``, read now unless they were before."""
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = tuple(find_entities(text, self._aliases))
        return found

    def peek(self, text: str) -> tuple[Entity, ...]:
        """The entities of ``text``: those kept, else read now and not kept (a reader that passes over
        every sentence once, as linking does, would otherwise keep the whole corpus's entities).

        >>> memo = EntityMemo(AliasTable())
        >>> [e.text for e in memo.peek("Karl Voss wrote.")], len(memo)
        (['Karl Voss'], 0)
        """
        found = self._found.get(text)
        return tuple(find_entities(text, self._aliases)) if found is None else found

    def __len__(self) -> int:
        return len(self._found)
