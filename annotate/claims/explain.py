"""The one-paragraph explanation of a verdict, built from the typed matches and conflicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from annotate.claims.compare import FacetConflict, Match, MatchKind
from annotate.model import Conflict, Evidence, Label, Relation

__all__ = ["explain", "short"]


def short(quote: str, limit: int = 300) -> str:
    """A quote on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def explain(
    label: Label,
    *,
    support: Sequence[tuple[Evidence, Sequence[Match]]],
    refute: Sequence[tuple[Evidence, Sequence[FacetConflict]]],
    closest: tuple[Evidence, str] | None,
    conflicts: Sequence[Conflict],
    n_sources: int,
    cite: Callable[[str], str],
) -> str:
    """Why the verdict is what it is, quoting the deciding evidence.

    ``support`` and ``refute`` are the evidence for each side with what matched or changed;
    ``closest`` the best passage that only mentions the claim, with why it is not enough; ``cite``
    names a source (with its cite key).
    """
    parts: list[str] = []
    if label is Label.SUPPORTED:
        first, matches = support[0]
        what = [str(m) for m in matches if m.kind is not MatchKind.WORDS][:4]
        detail = f" ({'; '.join(what)})" if what else ""
        parts.append(f"SUPPORTED: {cite(first.source)} states it{detail}: “{short(first.quote)}”.")
        others = [e for e, _ in support[1:] if e.source != first.source]
        if others:
            e = others[0]
            parts.append(f"Corroborated by {cite(e.source)}: “{short(e.quote)}”.")
    elif label is Label.REFUTED:
        ev, changed = refute[0]
        parts.append(f"REFUTED: {_conflict_phrase(changed[0], cite(ev.source))}: “{short(ev.quote)}”.")
        for extra in changed[1:2]:
            parts.append(f"It also {_conflict_phrase(extra, 'the source', lead=False)}.")
    else:
        parts.append(
            f"NOT_ENOUGH_INFO: no passage in the {n_sources} source{'s' if n_sources != 1 else ''} "
            "states or contradicts the claim."
        )
        if closest is not None:
            ev, why = closest
            parts.append(f"The closest, {cite(ev.source)}, {why}: “{short(ev.quote)}”.")
    parts.extend(_disagreement(conflict, cite) for conflict in conflicts[:2])
    return " ".join(parts)


def _disagreement(conflict: Conflict, cite: Callable[[str], str]) -> str:
    if conflict.first.relation is Relation.SUPPORTS:
        other, value = conflict.second, conflict.second_value
        says = "says the opposite" if conflict.facet == "negation" else f"gives the {conflict.facet} as {value}"
        return f"But {cite(other.source)} {says}: “{short(other.quote)}”."
    # Two refuting sources that disagree with each other as well.
    first, second = conflict.first, conflict.second
    return (
        f"The sources disagree on the {conflict.facet}: {cite(first.source)} says "
        f"{conflict.first_value}, {cite(second.source)} says {conflict.second_value}: "
        f"“{short(second.quote)}”."
    )


def _conflict_phrase(c: FacetConflict, src: str, *, lead: bool = True) -> str:
    """ "the claim dates the event X, but SRC says Y"."""
    if c.facet == "date":
        head, tail = f"dates the event {c.claim_value}", f"says {c.source_value}"
    elif c.facet == "quantity":
        head, tail = f"gives {c.claim_value}", f"says {c.source_value}"
    elif c.facet == "place":
        head, tail = f"places it in {c.claim_value}", f"says {c.source_value}"
    elif c.facet == "nationality":
        head, tail = f"says {c.claim_value}", f"says {c.source_value}"
    elif c.facet == "actor":
        head, tail = f"names {c.claim_value}", f"names {c.source_value}"
    elif c.facet == "direction":
        head, tail = "says it changed one way", "says it changed the other way"
    elif c.facet == "statement":
        head, tail = "states it", "says otherwise"
    else:
        head = "denies it" if c.claim_value == "negated" else "states it as fact"
        tail = "says it did not happen" if c.source_value == "negated" else "states that it did"
    if not lead:
        return f"{head.replace('the event ', '')}, where it {tail}"
    return f"the claim {head}, but {src} {tail}"
