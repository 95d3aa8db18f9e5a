"""Clauses: where a sentence states several facts, and whether it states one at all.

A sentence is cut into clauses where it states several facts:

* at a semicolon between two stretches of at least three words;
* at a coordinator (``and``, ``but``, ``while``, ``whereas``, ``yet``; with or without a comma, or
  after a dash) outside parentheses, when the part before it has a finite verb and the part after
  it is a clause of its own: an optional fronted adverbial ("on November 20,", "by 1935", "in
  mid-October"), a subject (a pronoun, a determiner phrase or a capitalised name) and a finite verb
  ("..., and on May 4, the city council named ...");
* at a coordinated verb phrase ("... ended Prohibition and expressed a willingness ..."): the second
  claim's text borrows the subject of the nearest finite verb before it, so it reads on its own
  ("The new cabinet expressed a willingness ...") while its span stays the raw clause;
* at ", followed by" / ", preceded by" when both sides carry a date (a list of dated events).

Finite verbs are found without a tagger: auxiliaries and modals, a list of irregular past forms, and
lower-case words in ``-ed``. This misses present-tense verbs ("explains"), so such sentences stay
whole rather than being cut wrongly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from annotate.claims.dates import find_dates
from annotate.claims.verbs import PAST_FORMS
from textkit.tokens import Token, tokenize

__all__ = ["Clause", "is_finite_verb", "split_clauses", "states_fact"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_AUXILIARIES = _words(
    "is are was were has have had did does do will would could should can may might must shall am "
    "isn't aren't wasn't weren't hasn't haven't hadn't didn't doesn't don't won't wouldn't couldn't "
    "shouldn't can't cannot"
)
# Irregular past forms come from the verb table (annotate/claims/data/irregular_verbs.txt).
_IRREGULAR_PAST = PAST_FORMS
# Words in -ed that are not verbs (or not finite ones) often enough to be left out.
_ED_NOT_VERBS = _words("hundred kindred bed red shed sled seed speed need creed deed feed greed breed weed indeed")
_PRONOUN_SUBJECTS = _words("he she it they we i you this these those there one")
_DETERMINERS = _words("the a an his her its their our my your this these those each both several many some no every")
_PREPOSITIONS = _words(
    "in on at by during after before since until till from within for around about following through "
    "throughout under over between among despite upon toward towards into later earlier"
)
_ADVERBS = _words(
    "then later also thus therefore still soon finally eventually subsequently again never not already "
    "even once only quickly immediately shortly nevertheless however instead personally"
)
_SUBORDINATORS = _words(
    "until when that because after before as while if since who which whom whose where although though "
    "unless whether once"
)
_COORDINATORS = ("and", "but", "while", "whereas", "yet")
_IMPERATIVES = _words(
    """see read click visit find check watch learn subscribe follow share sign download contact join call
    email view browse explore discover compare consider note remember imagine try let go get use enjoy
    register continue order buy shop listen search look tap scroll"""
)
_SPEECH_VERBS = (
    r"(?:says|said|say|saying|explains|explained|explaining|writes|wrote|written|writing|states|stated|"
    r"stating|declares|declared|declaring|notes|noted|adds|added|recalls|recalled|argues|argued|tells|told|"
    r"announces|announced|announcing|remarks|remarked|insists|insisted|observes|observed|asserts|asserted|"
    r"comments|commented|asks|asked|replies|replied|responds|responded|concludes|concluded|claims|claimed|"
    r"warns|warned|reports|reported|reads|read|put it|wondered|continued|continues)"
)

_TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[’'\-‐][^\W_]+)*|[,;:()\[\]“”\"—–]")
_MIN_WORDS = 3
_SPEECH_MIN_WORDS = 5


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    return tokenize(text, _TOKEN_RE, start, end)


def is_finite_verb(word: str) -> bool:
    """True when ``word`` looks like a finite verb: an auxiliary, an irregular past form, or ``-ed``.

    Capitalised words are taken as names unless they are auxiliaries ("Did", "Was").

    >>> is_finite_verb("signed"), is_finite_verb("began"), is_finite_verb("United"), is_finite_verb("treaty")
    (True, True, False, False)
    """
    low = word.lower()
    if low in _AUXILIARIES:
        return True
    if word[:1].isupper():
        return False
    if low in _IRREGULAR_PAST:
        return True
    return low.endswith("ed") and len(low) >= 4 and low not in _ED_NOT_VERBS and low.isalpha()


def _has_finite(tokens: Sequence[Token]) -> bool:
    return any(t.is_word and is_finite_verb(t.text) for t in tokens)


def _adverb(tok: Token) -> bool:
    return tok.low in _ADVERBS or (tok.low.endswith("ly") and len(tok.low) > 4 and tok.text.islower())


class Clause(NamedTuple):
    """A clause of a sentence: cleaned ``[start, end)`` in the sentence text, and a borrowed subject.

    ``subject`` is set for a coordinated verb phrase ("... and expressed a willingness"): the
    subject of the verb before it, to make the clause readable on its own.
    """

    start: int
    end: int
    subject: str | None = None


def _depths(text: str) -> list[int]:
    """Parenthesis depth at each character (brackets count; unbalanced closers are ignored)."""
    out = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        out.append(depth)
        if ch in ")]" and depth:
            depth -= 1
    return out


_COORD_RE = re.compile(r"(?:,\s+|\s+|(?<=[—–])\s*)(and|but|while|whereas|yet)\s+")
_SEMI_RE = re.compile(r";\s+")
_LIST_EVENT_RE = re.compile(r",\s+(?:(?:and\s+)?(?:followed|preceded)\s+by)\s+")


def _skip_fronted(tokens: Sequence[Token], i: int) -> int:
    """Index past a fronted adverbial at ``i`` ("on November 20,", "by 1935", "in mid-October")."""
    if i >= len(tokens) or tokens[i].low not in _PREPOSITIONS:
        return i
    for j in range(i + 1, min(len(tokens), i + 8)):
        if tokens[j].text == ",":
            return j + 1
        low = tokens[j].low
        if j > i + 1 and (low in _PRONOUN_SUBJECTS or low in _DETERMINERS) and low not in ("one", "that"):
            return j
    return i


def _subject_end(tokens: Sequence[Token], i: int, *, loose: bool) -> int | None:
    """Index past a subject starting at ``i`` (pronoun, determiner phrase, or a capitalised name).

    ``loose`` also accepts a bare lower-case noun phrase ("formal talks began"), which is safe only
    after a comma and a coordinator.
    """
    if i >= len(tokens) or not tokens[i].is_word:
        return None
    tok = tokens[i]
    if tok.low in _PRONOUN_SUBJECTS and tok.low != "one":
        return i + 1
    if loose or tok.low in _DETERMINERS or tok.text[0].isupper() or tok.text[0].isdigit():
        j = i + (0 if loose and tok.low not in _DETERMINERS else 1)
        while j < len(tokens) and j - i <= 6:
            t = tokens[j]
            if not t.is_word or is_finite_verb(t.text) or _adverb(t):
                break
            if t.low in _SUBORDINATORS or t.low in _COORDINATORS or (loose and t.low in _PREPOSITIONS):
                return None
            j += 1
        return j if j > i else None
    return None


# After an -ed word, these make it a participle modifying a noun ("activity directed toward").
_PARTICIPLE_NEXT = _words("by toward towards on at from as into upon against")


def _verb_follows(tokens: Sequence[Token], j: int, *, strict: bool) -> bool:
    """True when a finite verb follows at ``j``, after adverbs or one parenthetical ", ... ,".

    ``strict`` refuses an ``-ed`` form followed by a preposition (more likely a participle).
    """

    def finite_at(n: int) -> bool:
        if n >= len(tokens) or not tokens[n].is_word or not is_finite_verb(tokens[n].text):
            return False
        low = tokens[n].low
        if strict and low.endswith("ed") and low not in _AUXILIARIES and low not in _IRREGULAR_PAST:
            return not (n + 1 < len(tokens) and tokens[n + 1].low in _PARTICIPLE_NEXT)
        return True

    if j < len(tokens) and tokens[j].text == ",":
        # An appositive or participle phrase between subject and verb.
        for k in range(j + 1, min(len(tokens), j + 14)):
            if tokens[k].low in _COORDINATORS:
                return False
            if tokens[k].text == "," and k + 1 < len(tokens):
                n = k + 1
                while n < len(tokens) and _adverb(tokens[n]):
                    n += 1
                if finite_at(n):
                    return True
        return False
    while j < len(tokens) and _adverb(tokens[j]):
        j += 1
    return finite_at(j)


def _right_kind(tokens: Sequence[Token], *, after_comma: bool) -> str | None:
    """``"clause"`` when ``tokens`` open a clause with its own subject, ``"vp"`` for a bare verb phrase."""
    i = 0
    while i < len(tokens) and _adverb(tokens[i]) and tokens[i].low not in ("not", "never"):
        i += 1
    if i < len(tokens) and tokens[i].is_word and tokens[i].text.islower() and is_finite_verb(tokens[i].text):
        return "vp"
    i = _skip_fronted(tokens, i)
    end = _subject_end(tokens, i, loose=after_comma)
    if end is None:
        return None
    return "clause" if _verb_follows(tokens, end, strict=not after_comma) else None


def _subject_before(text: str, tokens: Sequence[Token]) -> str | None:
    """The subject of the last finite verb in ``tokens``: the name or phrase right before it."""
    verb = None
    # The nearest clause's verb is the last finite verb whose left neighbour is not a finite verb.
    for k in range(len(tokens) - 1, -1, -1):
        t = tokens[k]
        if t.is_word and is_finite_verb(t.text) and not (k and is_finite_verb(tokens[k - 1].text)):
            verb = k
            break
    if verb is None:
        return None
    k = verb
    while k > 0 and _adverb(tokens[k - 1]):
        k -= 1
    start = k
    while start > 0:
        prev = tokens[start - 1]
        if not prev.is_word or prev.low in _SUBORDINATORS or prev.low in _PREPOSITIONS or verb - start >= 8:
            break
        if is_finite_verb(prev.text):
            break
        start -= 1
    if start == k:
        return None
    # A sentence-initial fronted phrase ends at a comma, which stopped the walk; a relative clause
    # after the subject ("The mayor, who favored ..., became") is skipped by taking the verb's phrase.
    first = tokens[start]
    if first.low in _PRONOUN_SUBJECTS:
        return None
    if not (first.low in _DETERMINERS or first.text[0].isupper()):
        return None
    return text[first.start : tokens[k - 1].end]


def split_clauses(text: str) -> list[Clause]:
    """Cut a sentence into the clauses that state separate facts (see the module notes).

    >>> t = "Foreign Minister Litvinov headed the Soviet delegation, and Hull led the Americans."
    >>> [t[c.start : c.end] for c in split_clauses(t)]
    ['Foreign Minister Litvinov headed the Soviet delegation', 'Hull led the Americans.']
    >>> t = "The administration ended Prohibition and expressed a willingness to talk."
    >>> [(t[c.start : c.end], c.subject) for c in split_clauses(t)]
    [('The administration ended Prohibition', None), ('expressed a willingness to talk.', 'The administration')]
    """
    return list(_split(text))


# A sentence is cut in extraction, again when a claim first retrieves it (twice for one of several
# clauses), and a claim's own text when it is checked: each text is cut once while it is recent.
@functools.lru_cache(maxsize=16384)
def _split(text: str) -> tuple[Clause, ...]:
    """:func:`split_clauses` of ``text``, as a tuple (shared by every caller: clauses are immutable)."""
    depth = _depths(text)
    tokens = _tokens(text)
    # (cut start, cut end, kind): the text between start and end is dropped (", and ").
    cuts: list[tuple[int, int, str]] = []
    for m in _SEMI_RE.finditer(text):
        if depth[m.start()] == 0:
            cuts.append((m.start(), m.end(), "semi"))
    for m in _COORD_RE.finditer(text):
        if depth[m.start(1)] == 0:
            cuts.append((m.start(), m.end(), "coord"))
    for m in _LIST_EVENT_RE.finditer(text):
        if depth[m.start()] == 0:
            cuts.append((m.start(), m.start() + 1, "list"))
    cuts.sort()
    clauses: list[Clause] = []
    seg_start = 0
    subject: str | None = None
    for i, (c_start, c_end, kind) in enumerate(cuts):
        if c_start < seg_start:
            continue
        nxt = next((c[0] for c in cuts[i + 1 :] if c[0] >= c_end), len(text))
        left = [t for t in tokens if seg_start <= t.start and t.end <= c_start]
        right = [t for t in tokens if c_end <= t.start and t.end <= nxt]
        n_left = sum(1 for t in left if t.is_word)
        n_right = sum(1 for t in right if t.is_word)
        accept = False
        borrowed: str | None = None
        if kind == "semi":
            accept = n_left >= _MIN_WORDS and n_right >= _MIN_WORDS
        elif kind == "list":
            l_text, r_text = text[seg_start:c_start], text[c_end:nxt]
            accept = bool(find_dates(l_text)) and bool(find_dates(r_text, context_year=1))
        elif n_left >= 2 and n_right >= 2 and _has_finite(left):
            rk = _right_kind(right, after_comma=text[c_start] in ",;")
            if rk == "clause":
                accept = True
            elif rk == "vp":
                borrowed = _subject_before(text, left)
                accept = True
        if accept:
            clauses.append(Clause(seg_start, c_start, subject))
            seg_start, subject = c_end, borrowed
    clauses.append(Clause(seg_start, len(text), subject))
    out = []
    for c in clauses:
        s, e = _trim(text, c.start, c.end)
        if s < e:
            out.append(Clause(s, e, c.subject))
    if out:
        return tuple(out)
    # A sentence of separators only ("::" in a manual): the whole of it, never an empty clause.
    s, e = _trim(text, 0, len(text))
    return (Clause(s, e) if s < e else Clause(0, len(text)),)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–"):
        end -= 1
    return start, end


def states_fact(text: str) -> bool:
    """Whether a sentence states something (not a question, an imperative, or a fragment).

    >>> states_fact("Formal talks began in Washington on November 9."), states_fact("See the guide.")
    (True, False)
    """
    stripped = text.strip().rstrip("”’\"')]")
    if stripped.endswith("?"):
        return False
    words = [t for t in _tokens(text) if t.is_word]
    if len(words) < _MIN_WORDS:
        return False
    first = words[0]
    return not (first.low in _IMPERATIVES and first.text[0].isupper() and not is_finite_verb(words[1].text))
