"""Words as the checker reads them: stems through base forms, synonyms, negation and predicate cues.

The tables (irregular verbs, synonym sets) are data files in ``annotate/claims/data`` with a note on
their source; WordNet's synonym sets join them where WordNet is installed (:mod:`annotate.claims.wordnet`).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable
from importlib import resources
from typing import NamedTuple

from annotate.claims.aliases import AliasTable
from annotate.claims.clauses import is_finite_verb
from annotate.claims.verbs import LEMMAS
from annotate.claims.wordnet import synonym_sets
from annotate.evidence_index import STOP_WORDS, query_terms

__all__ = [
    "LEMMAS",
    "LIGHT_VERBS",
    "LIGHT_WEIGHT",
    "WORD_RE",
    "StemSet",
    "Word",
    "adjective_pairs",
    "content_stems",
    "matches_any",
    "negated",
    "stems_match",
    "word_stem",
    "words_of",
]


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon string."""
    return frozenset(text.split())


def _data_lines(name: str) -> list[str]:
    text = resources.files("annotate.claims").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


#: Verbs that carry little meaning of their own ("gave recognition", "took part"): a fraction of the weight.
LIGHT_VERBS = _wordset("give take make have do get put")
LIGHT_WEIGHT = 0.3

_DIGIT_RE = re.compile(r"\d")
#: A word: letters and digits, with inner apostrophes.
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TOKENS_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;:()“”\"]")
_NEGATION_RE = re.compile(
    r"\b(?:not(?!\s+(?:only|until|least|just))|never|nor|neither|no(?!\s+(?:doubt|less|more|sooner|one))|"
    r"without)\b|n['’]t\b|\b(?:refused|refuses|refuse|failed|fails|fail|declined|denied)\s+to\b",
    re.I,
)
_NEG_CUES = _wordset(
    "not never no nor neither without refused refuses refuse failed fails fail declined denied withhold withheld "
    "withholds withholding"
)
# A verb after one of these (in the same stretch between commas) is an event the sentence dates
# relative to another: the sentence's date is not its date.
_TIME_SUBORDINATORS = _wordset("after before since until till when whenever once while")
_AUX_BEFORE = _wordset("do does did will would could should can may might must shall has have had")
_COPULAS = _wordset("be is are was were been being am become becomes became")


@functools.lru_cache(maxsize=65536)
def word_stem(word: str) -> str | None:
    """The stem of one lower-case word through its base form ("gave" -> "give"); None for stop words."""
    if word in STOP_WORDS or len(word) < 2 or _DIGIT_RE.search(word):
        return None
    terms = query_terms(LEMMAS.get(word, word))
    return terms[0] if len(terms) == 1 else None


def _build_synonyms() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for gid, line in enumerate(_data_lines("synonyms.txt")):
        for word in line.split():
            stem = word_stem(word)
            if stem:
                groups.setdefault(stem, set()).add(gid)
    return {k: frozenset(v) for k, v in groups.items()}


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[int]]:
    """The project's synonym sets and WordNet's (when installed), by stem; read on first use."""
    table = dict(_build_synonyms())
    for stem, sets in synonym_sets(word_stem).items():
        table[stem] = table.get(stem, frozenset()) | sets
    return table


@functools.lru_cache(maxsize=65536)
def content_stems(text: str) -> tuple[str, ...]:
    """The distinct content-word stems of ``text``: stop words and numbers dropped, verbs to their base.

    >>> content_stems("The talks began in Washington on November 9.")
    ('talk', 'begin', 'washington', 'novemb')
    """
    out: dict[str, None] = {}
    for m in WORD_RE.finditer(text):
        stem = word_stem(m.group().lower())
        if stem:
            out.setdefault(stem, None)
    return tuple(out)


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def stems_match(a: str, b: str) -> bool:
    """Equal stems, one stem a long prefix of the other, or stems in one synonym set (the project's
    table, ``annotate/claims/data/synonyms.txt``, and WordNet's first senses, :mod:`annotate.claims.wordnet`).

    >>> stems_match("recognit", "recogn"), stems_match("begin", "start"), stems_match("begin", "end")
    (True, True, False)
    """
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter >= 5 and _common_prefix(a, b) >= max(5, math.ceil(0.75 * shorter)):
        return True
    table = _synonyms()
    ga, gb = table.get(a), table.get(b)
    return bool(ga and gb and ga & gb)


def _prefix_match(a: str, b: str) -> bool:
    """The prefix test of :func:`stems_match` for two stems sharing their first five letters."""
    return _common_prefix(a, b) >= max(5, math.ceil(0.75 * min(len(a), len(b))))


class StemSet(frozenset[str]):
    """A set of stems indexed for :func:`matches_any`: by their first five letters (the prefix test
    needs them shared) and by the union of their synonym sets, so a look-up costs a few dictionary
    probes instead of a pass over every stem. It is a frozenset otherwise; the checker builds one per
    unit it compares (once per sentence) and asks it about every word of every claim retrieving it.

    >>> s = StemSet(["treaty", "recogn", "start"])
    >>> s.matches("recognit"), s.matches("begin"), s.matches("end"), matches_any("begin", s)
    (True, True, False, True)
    """

    __slots__ = ("_groups", "_heads", "_table")
    _heads: dict[str, tuple[str, ...]]
    _groups: frozenset[int]
    _table: dict[str, frozenset[int]]

    def __new__(cls, stems: Iterable[str] = ()) -> StemSet:
        self = super().__new__(cls, stems)
        table = _synonyms()
        heads: dict[str, list[str]] = {}
        groups: set[int] = set()
        for b in self:
            if len(b) >= 5:
                heads.setdefault(b[:5], []).append(b)
            gb = table.get(b)
            if gb:
                groups |= gb
        self._heads = {k: tuple(v) for k, v in heads.items()}
        self._groups = frozenset(groups)
        self._table = table
        return self

    def matches(self, a: str) -> bool:
        """Whether ``a`` matches some stem of the set (:func:`stems_match`)."""
        if a in self:
            return True
        # A loop, not any() over a generator: most words share no five-letter head with the set, and
        # the checker asks this for every word of every claim against every unit it retrieves.
        if len(a) >= 5:
            for b in self._heads.get(a[:5], ()):
                if _prefix_match(a, b):
                    return True
        ga = self._table.get(a)
        return ga is not None and not ga.isdisjoint(self._groups)


def matches_any(a: str, stems: Iterable[str]) -> bool:
    """Whether ``a`` matches some stem of ``stems`` (:func:`stems_match`): one pass over them, with
    the synonym sets of ``a`` looked up once and the prefix test run only on stems sharing five letters
    (a :class:`StemSet` answers from its index instead).

    >>> matches_any("recognit", ["treaty", "recogn"]), matches_any("begin", ("end", "treaty"))
    (True, False)
    """
    if isinstance(stems, StemSet):
        return stems.matches(a)
    table = _synonyms()
    ga = table.get(a)
    head = a[:5] if len(a) >= 5 else None
    for b in stems:
        if a == b:
            return True
        if head is not None and b.startswith(head):
            shorter = min(len(a), len(b))
            if _common_prefix(a, b) >= max(5, math.ceil(0.75 * shorter)):
                return True
        if ga:
            gb = table.get(b)
            if gb and ga & gb:
                return True
    return False


def negated(text: str) -> bool:
    """Whether ``text`` holds a negation cue ("not", "never", "refused to", ...)."""
    return _NEGATION_RE.search(text) is not None


class Word(NamedTuple):
    """A content word of a text, as the checker reads it."""

    stem: str
    start: int  # character offset in the text
    verb: bool  # a finite verb, an infinitive, or a verb after an auxiliary: a predicate
    gerund: bool  # an -ing form: an event mentioned, not stated ("after breaking relations")
    negated: bool  # a negation cue within the three words before it ("did not reach")
    subordinate: bool  # in a time clause ("a month after the Bolsheviks seized power")


@functools.lru_cache(maxsize=16384)
def words_of(text: str) -> tuple[Word, ...]:
    """The content words of ``text`` with their predicate, negation and time-clause cues."""
    matches = list(_TOKENS_RE.finditer(text))
    tokens = [m.group() for m in matches]
    out: list[Word] = []
    window: list[str] = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if not tok[0].isalnum():
            window = []
            continue
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        cue = (low in _NEG_CUES or low.endswith(("n't", "n’t"))) and not (low == "not" and nxt in ("only", "until"))
        stem = word_stem(low)
        if stem is not None:
            out.append(_word(tok, low, stem, matches[i].start(), window))
        window.append("not" if cue else low)
    return tuple(out)


def _word(tok: str, low: str, stem: str, start: int, window: list[str]) -> Word:
    prev = window[-1] if window else ""
    prev2 = window[-2] if len(window) > 1 else ""
    after_aux = prev in _AUX_BEFORE or (prev in _NEG_CUES and prev2 in _AUX_BEFORE)
    verb = (
        (is_finite_verb(tok) or (prev == "to" and tok.islower()) or (after_aux and tok.islower()))
        and LEMMAS.get(low, low) not in LIGHT_VERBS
        and low not in _COPULAS
    )
    is_negated = any(w in _NEG_CUES or w.endswith(("n't", "n’t")) for w in window[-3:])
    is_negated = is_negated and not any(w in ("only", "until") for w in window[-2:])
    gerund = low.endswith("ing") and len(low) > 5
    subordinate = any(w in _TIME_SUBORDINATORS for w in window[-6:])
    return Word(stem, start, verb, gerund, is_negated, subordinate)


def adjective_pairs(text: str, aliases: AliasTable) -> tuple[tuple[str, str, str], ...]:
    """(state id, adjective, noun stem) for each national adjective before a noun ("Soviet delegation").

    The entity finder does not take adjectives as mentions; the checker compares them noun by noun,
    so "the American delegation" conflicts with "the Soviet delegation".
    """
    tokens = [m.group() for m in _TOKENS_RE.finditer(text)]
    out: list[tuple[str, str, str]] = []
    for tok, nxt in itertools.pairwise(tokens):
        if not tok[0].isupper() or not nxt[0].islower() or not aliases.is_adjective(tok):
            continue
        state = aliases.demonym(tok + "s") or aliases.demonym(tok) or aliases.lookup(tok)
        stem = word_stem(nxt.lower())
        if state and stem:
            out.append((state, tok, stem))
    return tuple(out)
