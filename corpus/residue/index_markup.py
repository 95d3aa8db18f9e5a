"""``index_markup``: back-of-book index entries a scraper flattened into the prose, found as runs
that parse completely as entries."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from corpus.model import IndexTermKind
from corpus.residue.context import Context
from corpus.residue.kinds import INDEX_MARKUP, INDEX_REPEAT
from corpus.residue.records import _Cand, _Elem, _Term
from corpus.residue.tokens import (
    _bare,
    _classify,
    _collapse,
    _ends_sentence,
    _entry_term,
    _is_cap,
    _is_lower,
    _is_starter,
    _name_shape,
    _name_word,
    _norm_key,
    _trim_end,
)
from corpus.residue.vocabulary import (
    _ATTACHED_RE,
    _CAP_START_RE,
    _CONNECTORS,
    _DATE_PAREN_RE,
    _ENTITY_TAIL_RE,
    _EOL_RE,
    _HINT_CHAR_RE,
    _INDEX_HINT_RE,
    _JOINT_RE,
    _KEYISH_RE,
    _LOCATOR_RE,
    _MARKER_RE,
    _NAME_WORD_RE,
    _NEXT_CHAR_RE,
    _NEXT_LINE_RE,
    _OPENERS,
    _PARTICLES,
    _PROSE_WORDS,
    _SUFFIXES,
    _TOKEN_RE,
)
from textkit.tokens import tokenize


class _Cover:
    """Disjoint raw ranges already claimed by index elements on a line."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        k = bisect_right(self.starts, start)
        # Merge with the neighbours it touches so the ranges stay disjoint and sorted.
        while k > 0 and self.ends[k - 1] > start:
            k -= 1
            start = min(start, self.starts[k])
            end = max(end, self.ends[k])
            del self.starts[k], self.ends[k]
        while k < len(self.starts) and self.starts[k] < end:
            end = max(end, self.ends[k])
            del self.starts[k], self.ends[k]
        self.starts.insert(k, start)
        self.ends.insert(k, end)

    def around(self, pos: int, lo: int, hi: int) -> tuple[bool, int, int]:
        """(``pos`` is covered, end of the range before it, start of the range after it)."""
        k = bisect_right(self.starts, pos)
        if k > 0 and self.ends[k - 1] > pos:
            return True, lo, hi
        lower = self.ends[k - 1] if k > 0 else lo
        upper = self.starts[k] if k < len(self.starts) else hi
        return False, lower, upper


class _Entry(NamedTuple):
    kind: str  # "name" or "title"
    start: int  # token indices, end exclusive
    end: int


class _IndexLine:
    """Index markup on one line of the raw text."""

    def __init__(self, ctx: Context, ls: int, le: int) -> None:
        self.ctx = ctx
        self.raw = ctx.raw
        self.ls = ls
        self.le = le
        self.toks = tokenize(self.raw, _TOKEN_RE, ls, le)
        self.starts = [t.start for t in self.toks]
        self.ends = [t.end for t in self.toks]
        self.brackets: list[re.Match[str]] = []
        self.bracket_starts: list[int] = []
        self.bracket_at: dict[int, re.Match[str]] = {}
        self.joints: list[int] = []

    # -- token lookups -------------------------------------------------------------------------

    def tok_at(self, pos: int) -> int:
        """Index of the token containing ``pos`` (or -1)."""
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and self.toks[k].end > pos:
            return k
        return -1

    def is_marker(self, k: int) -> bool:
        return bool(_MARKER_RE.fullmatch(self.toks[k].text))

    # -- entry grammar -------------------------------------------------------------------------

    def parse_name(self, i: int, hi: int) -> int | None:
        """End (token index) of a ``Family, Given`` entry starting at token ``i``, or None."""
        toks = self.toks
        j = i
        while True:
            if j >= hi or j - i >= 3:
                return None
            w = toks[j].text
            comma = w.endswith(",")
            core = w[:-1] if comma else w
            if j == i:
                ok = (_name_word(core) and not core.endswith(".")) or (core in _PARTICLES and not comma)
            else:
                ok = _name_word(core) or (core in _PARTICLES and not comma)
            if not ok or (comma and not _name_word(core)):
                return None
            if comma:
                break
            j += 1
        fam_end = j + 1
        options: list[int] = []
        k = fam_end
        while k < hi and k - fam_end < 5:
            w = toks[k].text
            if w.endswith(","):
                if k + 1 < hi and toks[k + 1].text.casefold() in _SUFFIXES and _name_word(w[:-1]):
                    k += 2
                    options.append(k)
                    continue
                break
            if w.casefold() in _SUFFIXES and k > fam_end:
                k += 1
                options.append(k)
                continue
            if not (_name_word(w) or (w in _PARTICLES and k > fam_end)):
                break
            k += 1
            if w not in _PARTICLES:
                options.append(k)
        if not options:
            return None
        family = [toks[x].text for x in range(i, fam_end)]
        end: int | None = None
        if len(options) > 1:
            # Where the given names stop is ambiguous: prefer the split the text itself uses
            # in natural order ("Maksim Maksimovich Litvinov").
            for e in reversed(options):
                given = [toks[x].text for x in range(fam_end, e)]
                if self.ctx.mentioned(given + family, self.ls):
                    end = e
                    break
        if end is None:
            end = options[0]
            for e in options[1:]:
                if e < hi and _is_lower(toks[e].text):
                    break
                end = e
        if end < hi and _is_lower(toks[end].text):
            return None  # prose goes on in lower case: "However, Stalin refused ..."
        return end

    def name_starts(self, j: int) -> bool:
        """True when a ``Family, Given`` entry starts at token ``j``: its family word carries the
        comma, or (for a family of several words) the text mentions the name in natural order."""
        e = self.parse_name(j, len(self.toks))
        if e is None:
            return False
        if self.toks[j].text.endswith(","):
            return True
        f = j
        while not self.toks[f].text.endswith(","):
            f += 1
        words = [t.text for t in self.toks[f + 1 : e]] + [t.text for t in self.toks[j : f + 1]]
        return self.ctx.mentioned(words, self.ls)

    def parse_title(self, i: int, hi: int) -> int | None:
        """End of a short capitalised heading starting at token ``i`` (``Bolshevik regime, U.S.
        recognition``), stopping before a sentence opener or a name entry; None when it is prose."""
        toks = self.toks
        first = toks[i].text
        if not _is_cap(first) or _is_starter(first):
            return None
        j = i
        while j < hi:
            w = toks[j].text
            if j > i:
                if _is_starter(w):
                    break
                if not toks[j - 1].text.endswith(",") and self.parse_name(j, hi) is not None:
                    break
            if j - i >= 10:
                return None
            if (_is_lower(w) and _bare(w).casefold() in _PROSE_WORDS) or _ends_sentence(w):
                return None
            if "[" in w or "]" in w:
                return None
            j += 1
        return j

    def parse_entries(self, i: int, hi: int, names_only: bool = False) -> tuple[int, list[_Entry]]:
        """Parse index entries from token ``i``; returns where parsing stopped and the entries."""
        entries: list[_Entry] = []
        while i < hi:
            e = self.parse_name(i, hi)
            if e is not None:
                entries.append(_Entry("name", i, e))
                i = e
                continue
            if names_only:
                break
            e = self.parse_title(i, hi)
            if e is None or e <= i:
                break
            entries.append(_Entry("title", i, e))
            i = e
            if e < hi:
                break  # the heading stopped at a sentence opener: prose resumes
        return i, entries

    def entry_terms(self, entries: Iterable[_Entry]) -> list[_Term]:
        out: list[_Term] = []
        for en in entries:
            s = self.toks[en.start].start
            e = _trim_end(self.raw, self.toks[en.end - 1].end)
            if e <= s:
                continue
            text = self.raw[s:e]
            kind = IndexTermKind.PERSON if en.kind == "name" else _classify(_collapse(text))
            out.extend(_entry_term(kind, text, s, e, False))
        return out

    # -- elements ------------------------------------------------------------------------------

    def elements(self) -> list[_Elem]:
        raw, ls, le = self.raw, self.ls, self.le
        markers = list(_MARKER_RE.finditer(raw, ls, le))
        self.brackets = [m for m in _ATTACHED_RE.finditer(raw, ls, le) if m.group(1) not in ("kw", "g", "c", "p")]
        self.bracket_starts = [b.start() for b in self.brackets]
        self.bracket_at = {b.start(): b for b in self.brackets}
        self.joints = [
            m.start()
            for m in _JOINT_RE.finditer(raw, ls, le)
            if not _ENTITY_TAIL_RE.search(raw, max(ls, m.start() - 12), m.start())
        ]
        elems: list[_Elem] = []
        cover = _Cover()
        for n, mm in enumerate(markers):
            limit = markers[n + 1].start() if n + 1 < len(markers) else le
            el = self.marker_element(mm, limit)
            elems.append(el)
            cover.add(el.start, el.end)
        for p in self.joints:
            inside, lower, upper = cover.around(p, ls, le)
            if inside:
                continue
            el2 = self.joint_element(p, lower, upper)
            if el2 is not None:
                elems.append(el2)
                cover.add(el2.start, el2.end)
        for b in self.brackets:
            inside, lower, _upper = cover.around(b.start(), ls, le)
            if inside:
                continue
            el3 = self.bracket_element(b, lower)
            if el3 is not None:
                elems.append(el3)
                cover.add(el3.start, el3.end)
        elems.sort(key=lambda x: (x.start, x.end))
        merged: list[_Elem] = []
        for el in elems:
            if merged and el.start < merged[-1].end:
                prev = merged[-1]
                merged[-1] = _Elem(
                    prev.start,
                    max(prev.end, el.end),
                    prev.terms + el.terms,
                    prev.strong or el.strong,
                    False,
                    prev.marked + el.marked,
                )
            else:
                merged.append(el)
        return merged

    def first_bracket(self, a: int, b: int) -> re.Match[str] | None:
        """The first glued bracket starting in ``[a, b)``."""
        k = bisect_left(self.bracket_starts, a)
        if k < len(self.brackets) and self.bracket_starts[k] < b:
            return self.brackets[k]
        return None

    def first_joint(self, a: int, b: int) -> int | None:
        k = bisect_left(self.joints, a)
        if k < len(self.joints) and self.joints[k] < b:
            return self.joints[k]
        return None

    def chain_brackets(self, end: int) -> int:
        """Extend ``end`` over sort keys / record numbers glued to it."""
        while end in self.bracket_at:
            end = self.bracket_at[end].end()
        return end

    def no_sentence_between(self, a: int, b: int, max_tokens: int = 15) -> bool:
        if b - a > 40 * max_tokens:
            return False
        words = self.raw[a:b].split()
        return len(words) <= max_tokens and not any(_ends_sentence(w) for w in words[:-1])

    def forward_subterm(self, p: int, limit: int) -> int:
        """End of a subterm that starts at ``p`` and has no sort key to close it."""
        raw, toks = self.raw, self.toks
        t = self.tok_at(p)
        if t < 0:
            return p
        end = _trim_end(raw, toks[t].end)
        if end < toks[t].end or _ends_sentence(toks[t].text):
            return max(end, p)
        j = t + 1
        while j < len(toks) and toks[j].end <= limit and j - t < 5:
            w = toks[j].text
            if self.is_marker(j) or "[" in w:
                break
            if _is_cap(w) and not _is_starter(w) and _NAME_WORD_RE.fullmatch(_bare(w)):
                if self.name_starts(j):
                    break
                new_end = _trim_end(raw, toks[j].end)
                end = new_end
                if new_end < toks[j].end or _ends_sentence(w):
                    break
            elif w in _CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1].text):
                if _is_starter(toks[j + 1].text):
                    break
            else:
                break
            j += 1
        return end

    def subterm_end(self, p: int, limit: int) -> tuple[int, int]:
        """(end of the subterm text, end of the entry with its sort key) for a subterm at ``p``."""
        b = self.first_bracket(p + 1, limit)
        if b is not None and self.no_sentence_between(p, b.start()) and ";" not in self.raw[p : b.start()]:
            return b.start(), self.chain_brackets(b.end())
        sub_end = self.forward_subterm(p, limit)
        return sub_end, self.chain_brackets(sub_end)

    def marker_element(self, mm: re.Match[str], limit: int) -> _Elem:
        raw = self.raw
        tag = mm.group(1)
        ms, body = mm.start(), mm.end()
        first_b = self.first_bracket(body, limit)
        if tag == "kw":
            dp = _DATE_PAREN_RE.search(raw, body, limit)
            if dp is not None and (first_b is None or dp.end() <= first_b.start()):
                text_end = dp.end()
                end = self.chain_brackets(text_end)
            elif first_b is not None and self.no_sentence_between(body, first_b.start(), 25):
                text_end = first_b.start()
                end = self.chain_brackets(first_b.end())
            else:
                text_end = self.open_body_end(body, limit)
                end = text_end
            terms = _entry_term(IndexTermKind.KEYWORD, raw[body:text_end], body, text_end, True)
            return _Elem(ms, max(end, mm.end()), tuple(terms), True, False, 1)
        kind = {"g": IndexTermKind.PLACE, "c": IndexTermKind.CATEGORY, "p": IndexTermKind.PERSON}[tag]
        joint = self.first_joint(body, limit)
        sub: str | None = None
        if joint is not None and (first_b is None or joint < first_b.start()):
            term_end = joint
            sub_end, end = self.subterm_end(joint + 1, limit)
            sub = _collapse(raw[joint + 1 : sub_end]) or None
            if sub is not None and (kind is IndexTermKind.PERSON or _LOCATOR_RE.match(sub)):
                sub = None  # a locator or a person's role in this essay: not part of the label
            text_end = sub_end
        elif first_b is not None and self.no_sentence_between(body, first_b.start(), 12):
            term_end = text_end = first_b.start()
            end = self.chain_brackets(first_b.end())
        else:
            i = bisect_left(self.starts, body)
            hi = bisect_left(self.starts, limit)
            e: int | None = None
            if i < hi:
                e = self.parse_name(i, hi) if tag == "p" else None
                if e is None:
                    e = self.parse_title(i, hi)
            term_end = text_end = end = _trim_end(raw, self.toks[e - 1].end) if e else body
        term = _collapse(raw[body:term_end])
        span_end = text_end if sub is not None else _trim_end(raw, term_end)
        terms = [_Term(kind, term, sub, body, max(span_end, body + 1), True)] if term else []
        return _Elem(ms, max(end, mm.end()), tuple(terms), True, False, 1)

    def open_body_end(self, body: int, limit: int) -> int:
        """End of a [kw] entry with neither a date nor a sort key to close it."""
        i = bisect_left(self.starts, body)
        j = i
        while j < len(self.toks) and self.toks[j].end <= limit and j - i < 20:
            if j > i and _is_starter(self.toks[j].text):
                break
            j += 1
        return _trim_end(self.raw, self.toks[j - 1].end) if j > i else body

    def joint_element(self, p: int, lower: int, upper: int) -> _Elem | None:
        raw, toks = self.raw, self.toks
        t = self.tok_at(p)
        if t < 0 or toks[t].start < lower:
            return None
        tok = toks[t]
        left, right = raw[tok.start : p], raw[p + 1 : tok.end]
        if not left or not right or not (left[-1].isalnum() or left[-1] in ").’'"):
            return None
        if not (right[0].isalnum() or right[0] in _OPENERS) or any(ch in tok.text for ch in "=<>{}|@\\"):
            return None
        if "://" in tok.text or ":" in left:
            return None
        first = bisect_left(self.starts, lower)
        start_tok, repeat = self.term_start(t, left, first)
        if start_tok is None:
            return None
        start = toks[start_tok].start
        sub_end, end = self.subterm_end(p + 1, upper)
        has_key = end > sub_end
        term = _collapse(raw[start:p])
        sub = _collapse(raw[p + 1 : sub_end]) or None
        strong = repeat or has_key
        if not strong and start_tok > first and not _ends_sentence(toks[start_tok - 1].text):
            return None  # a bare Term;Subterm inside a sentence is more likely prose than index
        kind = _classify(term)
        if kind is IndexTermKind.PERSON:
            sub, sub_end = None, p
        terms = [_Term(kind, term, sub, start, max(sub_end, p), False)] if term else []
        return _Elem(start, end, tuple(terms), strong, repeat, 0)

    def term_start(self, t: int, left: str, first: int) -> tuple[int | None, bool]:
        """Token index where the term before a ``;`` starts, and whether it copies the words
        just before it (an index repeat)."""
        toks = self.toks
        lo = toks[max(first, t - 7)].start
        if not left[0].isdigit() and not _CAP_START_RE.search(self.raw, lo, toks[t].start + len(left)):
            return None, False  # every term starts with a capital: most prose semicolons stop here
        # 1. a copy of the preceding words: "communist propaganda Propaganda;Bolsheviks".
        for k in range(4, 0, -1):
            m0 = t - 2 * k + 1
            if m0 < first:
                continue
            c0 = toks[t - k + 1].text if k > 1 else left
            if not _is_cap(c0) or toks[m0].text.casefold() != c0.casefold():
                continue
            copy = [toks[x].text for x in range(t - k + 1, t)] + [left]
            mention = [toks[x].text for x in range(m0, t - k + 1)]
            if not _is_cap(copy[0]):
                continue
            mention[-1] = mention[-1].rstrip(",")
            if [w.casefold() for w in copy] == [w.casefold() for w in mention]:
                return t - k + 1, True
        # 2. an inverted name: "Roosevelt, Franklin D.;Soviet-U.S. relations".
        for f_start in range(t - 1, max(first, t - 7) - 1, -1):
            if toks[f_start].text.endswith(","):
                if self._name_prefix_ok(f_start, t, left):
                    return f_start, False
                break
        # 3. capitalised words with connectors and at most one lower-case content word, or up
        # to three when the term starts right at a sentence boundary ("Naval oil reserves;...").
        best: int | None = t if (_is_cap(left) or left[0].isdigit()) else None
        lower = 1 if _is_lower(left) and left.casefold() not in _CONNECTORS else 0
        j = t - 1
        while j >= first and t - j < 8:
            w = toks[j].text
            if self.is_marker(j) or _ends_sentence(w) or w[-1] in ')]:;"”' or "[" in w:
                break
            if _is_cap(w):
                if _is_starter(w):
                    break
                at_boundary = j == first or _ends_sentence(toks[j - 1].text)
                if lower <= 1 or at_boundary:
                    best = j
            elif _is_lower(w):
                b = _bare(w).casefold()
                if b in _PROSE_WORDS:
                    break
                if b not in _CONNECTORS:
                    lower += 1
                    if lower > 3:
                        break
            j -= 1
        return best, False

    def _name_prefix_ok(self, f_start: int, t: int, left: str) -> bool:
        """True when tokens ``f_start..t`` (the last cut at the ``;``) read ``Family, Given``."""
        words = [self.toks[x].text for x in range(f_start, t)] + [left]
        return _name_shape(" ".join(words))

    def bracket_element(self, b: re.Match[str], lower: int) -> _Elem | None:
        """A sort key or record number glued to a word outside any marked entry."""
        content = b.group(1)
        if not _KEYISH_RE.fullmatch(content):
            return None  # code ("$data[$#data]"), a regex class, a record number on its own
        kn = _norm_key(content)
        if len(kn) < 3:
            return None
        t = self.tok_at(b.start() - 1)
        if t < 0:
            return None
        acc = ""
        j = t
        while j >= 0 and self.toks[j].start >= lower and not self.is_marker(j):
            piece_end = b.start() if j == t else self.toks[j].end
            acc = _norm_key(self.raw[self.toks[j].start : piece_end]) + acc
            if len(acc) >= len(kn):
                break
            j -= 1
        if acc != kn or j < 0:
            return None
        start = self.toks[j].start
        term = _collapse(self.raw[start : b.start()])
        if not _KEYISH_RE.fullmatch(term) or (" " not in content.strip() and content.casefold() == term.casefold()):
            # A one-word key that only repeats its word ("PID[pid]") is code, not a sort key:
            # sort keys exist to spell an entry without its punctuation.
            return None
        # A copy of the words just before it is an index repeat.
        k = t - j + 1
        mention = [self.toks[x].text.casefold() for x in range(j - k, j)] if j - k >= 0 else []
        copy = self.raw[start : b.start()].casefold().split()
        if mention:
            mention[-1] = mention[-1].rstrip(",")
        repeat = mention == copy and self.toks[j - k].start >= lower if mention else False
        end = self.chain_brackets(b.end())
        terms = _entry_term(_classify(term), term, start, b.start(), False)
        return _Elem(start, end, tuple(terms), True, repeat, 0)

    # -- runs ----------------------------------------------------------------------------------

    def gap(self, a: int, limit: int, names_only: bool = False) -> tuple[int, list[_Term], bool]:
        """Parse the stretch ``[a, limit)`` as index entries.

        Returns the raw end of the entries found, their terms, and whether the whole stretch
        was index entries."""
        i = bisect_left(self.starts, a)
        if i > 0 and self.toks[i - 1].end > a:
            return a, [], False  # the element ended inside a token: punctuation of the prose
        hi = max(i, bisect_right(self.ends, limit))
        straddle = hi < len(self.toks) and self.toks[hi].start < limit
        stop, entries = self.parse_entries(i, hi, names_only)
        terms = self.entry_terms(entries)
        end = self.toks[entries[-1].end - 1].end if entries else a
        if entries:
            end = _trim_end(self.raw, end)
        return end, terms, stop == hi and not straddle

    def names_before(self, pos: int, lower: int) -> tuple[int, list[_Term]] | None:
        """Unmarked name entries between a sentence end and the element at ``pos``."""
        k = bisect_left(self.starts, pos)
        if k < len(self.toks) and self.toks[k].start != pos:
            return None
        j = k
        while j > 0 and k - j < 30 and self.toks[j - 1].start >= lower and not _ends_sentence(self.toks[j - 1].text):
            j -= 1
        if j == k or (j > 0 and self.toks[j - 1].end > lower and not _ends_sentence(self.toks[j - 1].text)):
            return None
        stop, entries = self.parse_entries(j, k, names_only=True)
        if stop != k or not entries:
            return None
        return self.toks[j].start, self.entry_terms(entries)

    def runs(self) -> list[_Cand]:
        elems = self.elements()
        out: list[_Cand] = []
        prev_end = self.ls
        i = 0
        while i < len(elems):
            el = elems[i]
            start, end = el.start, el.end
            terms = list(el.terms)
            strong, repeat, marked = el.strong, el.repeat, el.marked
            parts = 1
            before = self.names_before(start, prev_end)
            if before is not None:
                start = before[0]
                terms = before[1] + terms
                parts += len(before[1])
            while True:
                nxt = elems[i + 1] if i + 1 < len(elems) else None
                limit = nxt.start if nxt is not None else self.le
                stop, gterms, full = self.gap(end, limit)
                terms += gterms
                parts += len(gterms)
                if nxt is not None and full:
                    end = nxt.end
                    terms += nxt.terms
                    strong = strong or nxt.strong
                    marked += nxt.marked
                    parts += 1
                    i += 1
                    continue
                end = max(end, stop)
                break
            i += 1
            if not strong:
                # Unmarked Term;Subterm entries alone count only between sentence boundaries.
                follow = _NEXT_CHAR_RE.match(self.raw, end, self.le)
                after = follow.group(1) if follow is not None else ""
                if after and not (after.isupper() or after.isdigit() or after in _OPENERS):
                    continue
            prev_end = end
            if parts == 1 and repeat:
                label = terms[0].term if terms else self.raw[start:end]
                out.append(
                    _Cand(start, end, INDEX_REPEAT, f"index entry {label!r} repeated after its mention", tuple(terms))
                )
            else:
                what = f"{marked} marked and {parts - min(marked, parts)} unmarked" if marked else f"{parts} unmarked"
                out.append(_Cand(start, end, INDEX_MARKUP, f"back-of-book index markup ({what} entries)", tuple(terms)))
        return out


def candidates(ctx: Context, _found: Sequence[_Cand] = ()) -> list[_Cand]:
    """Runs of index markup."""
    raw = ctx.raw
    out: list[_Cand] = []
    done = 0
    lo = 0  # line breaks before this offset have been seen already
    for m in _HINT_CHAR_RE.finditer(raw):
        pos = m.start()
        if pos < done:
            continue
        if not (_INDEX_HINT_RE.match(raw, pos) or (pos > 0 and _INDEX_HINT_RE.match(raw, pos - 1))):
            continue
        ls = max(raw.rfind("\n", lo, pos), raw.rfind("\r", lo, pos), lo - 1) + 1
        eol = _EOL_RE.search(raw, pos)
        le = eol.start() if eol is not None else len(raw)
        runs = _IndexLine(ctx, ls, le).runs()
        out.extend(runs)
        if runs and not raw[runs[-1].end : le].strip():
            le = _entry_lines_after(ctx, le, out)
        done = lo = le
    return out


def _entry_lines_after(ctx: Context, le: int, out: list[_Cand]) -> int:
    """Some scrapers put each index entry on a line of its own. After a run that ends its line,
    the following lines (no blank line between) that hold nothing but index entries are index
    markup too; returns the end of the last line taken."""
    raw = ctx.raw
    while True:
        m = _NEXT_LINE_RE.match(raw, le)
        if m is None:
            return le
        ls2 = m.end()
        eol = _EOL_RE.search(raw, ls2)
        le2 = eol.start() if eol is not None else len(raw)
        if _INDEX_HINT_RE.search(raw, ls2, le2):
            return le  # a line with markup of its own is scanned by the caller
        stop, terms, full = _IndexLine(ctx, ls2, le2).gap(ls2, le2)
        if not full or not terms:
            return le
        out.append(
            _Cand(ls2, stop, INDEX_MARKUP, f"back-of-book index markup ({len(terms)} unmarked entries)", tuple(terms))
        )
        le = le2
