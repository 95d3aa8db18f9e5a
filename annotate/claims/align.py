"""Aligning a claim's words with a passage's: what is turned into its opposite, which numbers and negators differ.

Features for the stance model (:mod:`annotate.claims.stance`), read from the claim's weighted content
words (idf weights, :class:`~annotate.claims.compare.ClaimView`) and the unit's stems:

* claim words whose WordNet antonym stands in the passage while the word itself does not ("increase" /
  "decrease", "alive" / "dead": :func:`annotate.claims.wordnet.antonyms`), a sign of refutation;
* claim words the passage lacks but says in other words WordNet relates: a more general or more specific
  term (two hypernym links, "poodle" for "dog") or a word sharing any sense with it ("found" for
  "establish"), each as the share of the claim's word weight so aligned (a paraphrase the exact-stem
  overlap misses);
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
from importlib import resources

from annotate.claims.wordnet import antonyms, hypernyms, sense_sets
from annotate.claims.words import word_stem

__all__ = ["antonym_hits", "is_negator", "marker_features", "negators", "number_features", "paraphrase_features"]

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words that restrict what a sentence says; fact-checking claims are often made false by adding one
# ("only", "always"), as by adding a negator (data/negators.txt).
_RESTRICTORS = frozenset(["only", "solely", "exclusively", "always", "every", "all", "entirely"])


@functools.lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    """The negators of ``data/negators.txt`` (lower case; a word ending in "n't" is one too, see
    :func:`is_negator`).

    >>> {"not", "never", "without"} <= negators()
    True
    """
    text = resources.files("annotate.claims").joinpath("data", "negators.txt").read_text(encoding="utf-8")
    return frozenset(w.lower() for line in text.splitlines() if not line.startswith("#") for w in line.split())


def is_negator(word: str) -> bool:
    """Whether a lower-case word denies what its sentence says ("not", "never", "didn't").

    >>> is_negator("didn't"), is_negator("isn’t"), is_negator("note")
    (True, True, False)
    """
    return word in negators() or word.endswith(("n't", "n’t"))


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


@functools.lru_cache(maxsize=1)
def _hypernyms() -> Mapping[str, frozenset[str]]:
    return hypernyms(word_stem)


@functools.lru_cache(maxsize=1)
def _senses() -> Mapping[str, frozenset[int]]:
    return sense_sets(word_stem)


def paraphrase_features(
    words: Iterable[tuple[str, str, float]], hit: Iterable[str], unit_stems: frozenset[str]
) -> dict[str, float]:
    """The share of the claim's word weight that the unit lacks (``words``: stem, surface, weight;
    ``hit``: the surfaces the overlap already matched) but says by a WordNet hypernym or hyponym
    (``wn:hyper``) or, failing that, by a word sharing any sense (``wn:sense``).

    >>> paraphrase_features([("dog", "dogs", 1.0), ("bark", "bark", 1.0)], ["bark"],
    ...                     frozenset({word_stem("poodle"), "bark"}))
    {'wn:hyper': 0.5}
    """
    rows = list(words)
    total = sum(w for _, _, w in rows)
    if total <= 0:
        return {}
    matched = set(hit)
    up, senses = _hypernyms(), _senses()
    hyper = sense = 0.0
    for stem, surface, weight in rows:
        if surface in matched or stem in unit_stems:
            continue
        general = up.get(stem, frozenset())
        if general & unit_stems or any(stem in up.get(u, ()) for u in unit_stems):
            hyper += weight
            continue
        same = senses.get(stem)
        if same and any(same & senses.get(u, frozenset()) for u in unit_stems):
            sense += weight
    f = {}
    for key, value in (("wn:hyper", hyper), ("wn:sense", sense)):
        if value:
            f[key] = value / total
    return f


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
    c_neg = any(is_negator(w) for w in c)
    u_neg = any(is_negator(w) for w in u)
    f: dict[str, float] = {}
    if c_neg and not u_neg:
        f["negator:claim_only"] = 1.0
    elif u_neg and not c_neg:
        f["negator:unit_only"] = 1.0
    c_res, u_res = c & _RESTRICTORS, u & _RESTRICTORS
    if c_res - u_res:
        f["restrict:claim_only"] = 1.0
    return f
