"""Aligning a claim's words with a passage's: what is missing, what is turned into its opposite.

Features for the stance model (:mod:`annotate.claims.stance`), read from the claim's weighted content
words (idf weights, :class:`~annotate.claims.compare.ClaimView`) and the unit's stems:

* how much of the claim's weight the heaviest unaligned word carries (one missing name or noun makes a
  passage about something else, however many other words it shares);
* claim words whose WordNet antonym stands in the passage while the word itself does not ("increase" /
  "decrease", "alive" / "dead": :func:`annotate.claims.wordnet.antonyms`), a sign of refutation;
* numbers: whether the claim's digits occur in the passage, and whether the passage has other digits;
* negators and "only" on one side only.

Nothing here is weighed by hand: the stance model learns what each feature is worth.

>>> sorted(number_features("It opened in 1999.", "The hall opened in 2001."))
['digits:differ']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from annotate.claims.wordnet import antonyms
from annotate.claims.words import stems_match, word_stem

__all__ = ["antonym_hits", "marker_features", "missing_features", "number_features"]

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that deny or restrict what a sentence says; fact-checking claims are often made false by
# adding one ("only", "never", "not"). Function words, so not a knowledge table.
_NEGATORS = frozenset(["not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "cannot", "without"])
_RESTRICTORS = frozenset(["only", "solely", "exclusively", "always", "every", "all", "entirely"])


@functools.lru_cache(maxsize=1)
def _antonyms() -> Mapping[str, frozenset[str]]:
    return antonyms(word_stem)


def antonym_hits(claim_stems: Iterable[str], unit_stems: frozenset[str]) -> int:
    """How many claim stems are absent from the unit while one of their WordNet antonyms is in it.

    >>> antonym_hits(["increas", "risk"], frozenset({"decreas", "risk"}))
    1
    """
    table = _antonyms()
    hits = 0
    for stem in claim_stems:
        opposite = table.get(stem)
        if opposite and stem not in unit_stems and opposite & unit_stems:
            hits += 1
    return hits


def missing_features(words: Iterable[tuple[str, str, float]], unit_stems: frozenset[str]) -> dict[str, float]:
    """The weight share of the heaviest claim word the unit lacks, and of all lacking ones above the
    median weight ("miss:max", "miss:heavy").

    >>> f = missing_features([("cat", "cat", 1.0), ("sat", "sat", 3.0)], frozenset({"cat"}))
    >>> f["miss:max"], f["miss:heavy"]
    (0.75, 0.75)
    """
    rows = list(words)
    total = sum(w for _, _, w in rows)
    if total <= 0:
        return {}
    weights = sorted(w for _, _, w in rows)
    median = weights[len(weights) // 2]
    missing = [w for stem, _, w in rows if stem not in unit_stems and not any(stems_match(stem, s) for s in unit_stems)]
    if not missing:
        return {}
    return {"miss:max": max(missing) / total, "miss:heavy": sum(w for w in missing if w >= median) / total}


def number_features(claim: str, unit: str) -> dict[str, float]:
    """Whether the claim's numbers (digit strings) occur in the unit: ``digits:matched`` (share), and
    ``digits:differ`` when none does but the unit has numbers of its own."""
    cd = {m.group().replace(",", "") for m in _DIGITS.finditer(claim)}
    if not cd:
        return {}
    ud = {m.group().replace(",", "") for m in _DIGITS.finditer(unit)}
    shared = cd & ud
    f = {"digits:matched": len(shared) / len(cd)} if shared else {}
    if not shared and ud:
        f["digits:differ"] = 1.0
    return f


def marker_features(claim: str, unit: str) -> dict[str, float]:
    """Negators and restrictors ("only", "always") in the claim and not the unit, or the other way.

    >>> marker_features("He only wrote poems.", "He wrote poems and plays.")
    {'restrict:claim_only': 1.0}
    """
    c = {w.lower() for w in _TOKEN.findall(claim)}
    u = {w.lower() for w in _TOKEN.findall(unit)}
    c_neg = bool(c & _NEGATORS) or any(w.endswith("n't") for w in c)
    u_neg = bool(u & _NEGATORS) or any(w.endswith("n't") for w in u)
    f: dict[str, float] = {}
    if c_neg and not u_neg:
        f["negator:claim_only"] = 1.0
    elif u_neg and not c_neg:
        f["negator:unit_only"] = 1.0
    c_res, u_res = c & _RESTRICTORS, u & _RESTRICTORS
    if c_res - u_res:
        f["restrict:claim_only"] = 1.0
    return f
