"""All facets of a text at once: dates, quantities and entities."""

from __future__ import annotations

from annotate.claims.aliases import AliasTable
from annotate.claims.dates import _dates_with_cores
from annotate.claims.mentions import find_entities
from annotate.claims.quantities import _quantities
from annotate.model import (
    Entity,
    Facets,
)


def extract_facets(
    text: str,
    *,
    context_year: int | None = None,
    aliases: AliasTable | None = None,
) -> Facets:
    """Find the dates, quantities and entities in ``text``.

    Quantities never reuse the digits of a date. ``aliases`` (an :class:`~annotate.entities.AliasTable`,
    e.g. built from the source's index terms) lets short names resolve to full ones.

    >>> f = extract_facets("On Nov. 16, 1933, President Roosevelt wrote to Maxim Litvinov, 16 years later.")
    >>> [d.iso for d in f.dates], [(q.value, q.unit) for q in f.quantities], [e.id for e in f.entities][-1]
    (['1933-11-16'], [(16, 'year')], 'person:maxim-litvinov')
    """
    dated = _dates_with_cores(text, context_year)
    cores = [c for _, cs in dated for c in cs]
    entities: list[Entity] = find_entities(text, aliases)
    return Facets(
        dates=tuple(d for d, _ in dated),
        quantities=tuple(_quantities(text, cores)),
        entities=tuple(entities),
    )
