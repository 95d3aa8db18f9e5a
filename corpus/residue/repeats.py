"""``index_repeat``: an index term repeated right after its mention, and terms already seen in index
markup found again where they close a range."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from corpus import longlines
from corpus.model import IndexTermKind
from corpus.residue.context import Context
from corpus.residue.kinds import INDEX_MARKUP, INDEX_REPEAT
from corpus.residue.markup import _closes_range
from corpus.residue.records import _Cand
from corpus.residue.tokens import (
    _bare,
    _classify,
    _collapse,
    _ends_sentence,
    _entry_term,
    _is_starter,
    _name_shape,
    _name_word,
    _norm_word,
    _trim_end,
)
from corpus.residue.vocabulary import _LINE_RE, _PROSE_WORDS, _SENTENCE_GAP_RE, _SUFFIXES, _WORD_AT_RE

#: Words a copy's test reads before the copy (its mention has at most 8 words) ...
_BEFORE = 8
#: ... and from the copy's first word on (at most 8 copied words and the word after them).
_AHEAD = 9
_NONSPACE_RE = re.compile(r"\S+")


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Index terms repeated right after their mention (plain copies and inverted names)."""
    raw = ctx.raw
    out: list[_Cand] = []
    for lm in _LINE_RE.finditer(raw):
        for gap, s, copy_end, is_name in _line_copies(raw, lm.start(), lm.end()):
            if raw[gap:s] != " ":
                continue  # the scraper glues a copy with one space; wider gaps are table columns
            e = _trim_end(raw, copy_end)
            if e <= s:
                continue
            text = raw[s:e]
            kind = IndexTermKind.PERSON if is_name else _classify(_collapse(text))
            terms = tuple(_entry_term(kind, text, s, e, False))
            label = _collapse(text)
            out.append(_Cand(s, e, INDEX_REPEAT, f"index entry {label!r} repeated after its mention", terms))
    return out


def _line_copies(raw: str, start: int, end: int) -> list[tuple[int, int, int, bool]]:
    """The copies on the line ``raw[start:end]``: (end of the word before, copy start, copy end,
    inverted name?) in raw offsets."""
    # A list, not a generator: most lines have no copy, and there are many lines.
    if end - start > longlines.PIECE:
        return list(_LongLine(raw, start, end).copies())
    line = raw[start:end]
    words = line.split()
    if len(words) < 3:
        return []
    hits, _ = _scan(words, line.casefold().split(), 1, len(words), 0)
    if not hits:
        return []
    spans = [m.span() for m in _NONSPACE_RE.finditer(raw, start, end)]
    return [(spans[j - 1][1], spans[j][0], spans[j + k - 1][1], is_name) for j, k, is_name in hits]


def _scan(words: list[str], cf: list[str], lo: int, hi: int, after: int) -> tuple[list[tuple[int, int, bool]], int]:
    """Copies starting at words ``lo`` to ``hi`` (first word, number of words, inverted name?), none
    before ``after``; and where the next copy may start (copies do not overlap)."""
    hits: list[tuple[int, int, bool]] = []
    for j in [j for j in range(lo, hi) if words[j][0].isupper()]:
        if j < after:
            continue
        hit = _plain_repeat(words, cf, j) if cf[j] in cf[max(0, j - 8) : j - 1] else None
        if hit is None:
            # An inverted copy's family word carries a comma and equals the mention's last word: a
            # cheap test before the full comparison.
            fam = cf[j - 1] + ","
            if fam == cf[j] or fam in cf[j + 1 : j + 3]:
                hit = _inverted_repeat(words, j)
        if hit is not None:
            hits.append((j, hit[1], hit[3]))
            after = j + hit[1]
    return hits, after


class _LongLine:
    """A line longer than :data:`corpus.longlines.PIECE`, read a piece at a time.

    A copy's test reads only the :data:`_BEFORE` words before it and the :data:`_AHEAD` words from
    it on, so only those are kept beside the piece being looked through, and a line of 100 MB is
    never held as millions of words at once. The copies found are those of the whole line.
    """

    def __init__(self, raw: str, start: int, end: int) -> None:
        self.raw = raw
        self.start = start
        self.end = end
        # Pieces whose words may still be asked for: (index in the line of their first word, start, end).
        self.loaded: list[tuple[int, int, int]] = []
        self.spans: dict[int, list[tuple[int, int]]] = {}  # by piece start, made on demand

    def copies(self) -> Iterator[tuple[int, int, int, bool]]:
        words: list[str] = []
        cf: list[str] = []
        base = 0  # index in the line of words[0]
        after = 0  # the next copy may start here (in the line)
        todo = 1  # the next word to test as a copy's first word (in the line)
        for a, b in longlines.pieces(self.raw, self.start, self.end):
            piece = self.raw[a:b]
            self.loaded.append((base + len(words), a, b))
            words += piece.split()
            cf += piece.casefold().split()  # case folding maps no character to or from whitespace
            # Every test reads at most _AHEAD words on, and the buffer holds as many while the line goes on.
            stop = base + len(words) - (0 if b == self.end else _AHEAD)
            hits, after_here = _scan(words, cf, todo - base, stop - base, after - base)
            after = after_here + base
            for j, k, is_name in hits:
                at = base + j
                yield self.span(at - 1)[1], self.span(at)[0], self.span(at + k - 1)[1], is_name
            todo = max(todo, stop)
            drop = max(0, todo - _BEFORE - base)
            del words[:drop], cf[:drop]
            base += drop
            while len(self.loaded) > 1 and self.loaded[1][0] <= base:
                self.spans.pop(self.loaded.pop(0)[1], None)

    def span(self, index: int) -> tuple[int, int]:
        """The raw range of the line's word ``index`` (one of the words still held)."""
        k = bisect_right(self.loaded, index, key=lambda p: p[0]) - 1
        first, a, b = self.loaded[k]
        if a not in self.spans:
            self.spans[a] = [m.span() for m in _NONSPACE_RE.finditer(self.raw, a, b)]
        return self.spans[a][index - first]


def _plain_repeat(words: Sequence[str], cf: Sequence[str], j: int) -> tuple[int, int, int, bool] | None:
    n = len(words)
    for k in range(min(8, j, n - j), 1, -1):
        i = j - k
        if cf[i] != cf[j]:
            continue
        mention = list(cf[i:j])
        copy = list(cf[j : j + k])
        comma = mention[-1].endswith(",")
        period = _ends_sentence(words[j - 1]) and mention[-1].endswith(".")
        mention[-1] = mention[-1].rstrip(",") if comma else mention[-1][:-1] if period else mention[-1]
        copy[-1] = copy[-1].rstrip(",;:.!?")
        if mention != copy:
            continue
        if comma and k < 3:
            continue  # "New York, New York": a city and its state, not an index copy
        if period and j + k < n and not _is_starter(words[j + k]):
            continue  # "... the League of Nations. League of Nations members agreed": a new sentence
        if len(set(mention)) == 1 or not all(any(ch.isalnum() for ch in w) for w in copy):
            continue
        if _is_starter(words[j]) or any(_bare(w) in _PROSE_WORDS for w in copy):
            continue  # "Read more Read more": repeated prose or page furniture, not an index heading
        return j, k, k, False
    return None


def _inverted_repeat(words: Sequence[str], j: int) -> tuple[int, int, int, bool] | None:
    n = len(words)
    for f in range(1, 4):
        if j + f > n:
            return None
        last = words[j + f - 1]
        if not last.endswith(","):
            if not _name_word(last):
                return None
            continue
        family = [w.rstrip(",") for w in words[j : j + f]]
        if not all(_name_word(w) for w in family):
            return None
        for g in range(4, 0, -1):
            if j + f + g > n or j - g - f < 0:
                continue
            given = [w.rstrip(",") for w in words[j + f : j + f + g]]
            if not all(_name_word(w) or w.casefold() in _SUFFIXES for w in given):
                continue
            mention = [_norm_word(w) for w in words[j - g - f : j]]
            if mention == [_norm_word(w) for w in given + family]:
                return j, f + g, f + g, True
        return None
    return None


def known_term_candidates(ctx: Context, accepted: Sequence[_Cand] = ()) -> list[_Cand]:
    """Unmarked index entries seen before, again where their index range closes."""
    known: set[str] = set()
    for c in accepted:
        if c.kind not in (INDEX_MARKUP, INDEX_REPEAT):
            continue
        for t in c.terms:
            if not t.marked and t.subterm is None and len(t.term.split()) >= 2:
                known.add(t.term)
    if not known:
        return []
    by_first: dict[str, list[str]] = {}
    for k in sorted(known, key=lambda x: (-len(x), x)):
        by_first.setdefault(k.split()[0], []).append(k)
    out: list[_Cand] = []
    raw = ctx.raw
    for m in _SENTENCE_GAP_RE.finditer(raw):
        s = m.end()
        wm = _WORD_AT_RE.match(raw, s)
        if wm is None or wm.group() not in by_first:
            continue
        tok_start = s - len(m.group()) + 1
        while tok_start > 0 and not raw[tok_start - 1].isspace():
            tok_start -= 1
        if not _ends_sentence(raw[tok_start : m.start() + 1 + len(m.group(1))]):
            continue
        for text in by_first[wm.group()]:
            e = s + len(text)
            if raw.startswith(text, s) and _closes_range(raw, e):
                kind = IndexTermKind.PERSON if _name_shape(text) else _classify(text)
                terms = tuple(_entry_term(kind, text, s, e, False))
                out.append(_Cand(s, e, INDEX_MARKUP, f"index entry {text!r} closing its index range", terms))
                break
    return out
