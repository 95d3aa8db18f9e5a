"""Finding entity mentions in text: people, organisations and places, resolved against the alias table
and the text's own full names (whether two names are one entity is :mod:`annotate.claims.identity`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from annotate.claims.aliases import (
    AliasTable,
    _acronym_defines,
    _alias_key,
    _builtin_table,
    _Record,
    _type_from_words,
)
from annotate.claims.lexicon import (
    _ADJECTIVE_SUFFIXES,
    _AFTER_PEOPLE,
    _COMMON_WORDS,
    _EVENT_WORDS,
    _GIVEN_KEYS,
    _NAME_ADJECTIVES,
    _NAME_CONNECTORS,
    _NICKNAMES,
    _NOT_NAMES,
    _ORG_WORDS,
    _PARTICLES,
    _PLACE_WORDS,
    _ROLE_NOUNS,
    _SUFFIXES,
    _words,
    fold,
    slug,
    translit_key,
)
from annotate.claims.names import (
    PersonName,
    _given_compatible,
    _initials_match,
    _is_initial,
    _title_prefix,
    names_compatible,
    parse_person_name,
)
from annotate.model import Entity, EntityType, MentionKind

# Digits glued to a word belong to it: "CD4", "BRCA1" and "Kip3" are names, not a name and a number.
_WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:[’'\-‐](?![A-Za-z]\.)[^\W\d_]+)*(?:\d+[^\W\d_]*)*")


_ABBREVIATIONS = frozenset(
    _words("Mr Mrs Ms Dr St Jr Sr Gen Col Sen Gov Rev Lt Capt Prof Mt Ft Adm Sgt Rep Co Corp Inc Ltd No Nos Vol")
)


_SENTENCE_END_RE = re.compile(r"(?:^|[.!?•][”’\"')\]]*|\n)[\s“\"‘'(\[]*$")


_GAP_RE = re.compile(r"[ \t\u00a0]+")
# Compiled once (entities are found in every sentence read): a line ending like prose or like a
# sentence or clause, the words of a line, a capital initial, a run of white space.
_PROSE_END_RE = re.compile(r"[.!?][”’\"')\]]*\s*$")
_LINE_END_RE = re.compile(r"[.!?;:,][”’\"')\]]*$")
_LINE_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")
_CAPITAL_INITIAL_RE = re.compile(r"[A-Z]\.?")
_SPACES_RE = re.compile(r"\s+")


# A word token that also knows whether a possessive was cut off its end ("Stalin's" -> "Stalin"),
# so its span is not textkit's plain token span.
class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    possessive: bool


def _word_tokens(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    for m in _WORD_RE.finditer(text):
        word, start, end = m.group(0), m.start(), m.end()
        possessive = False
        if word.endswith(("’s", "'s")) and len(word) > 2:  # a word token holds no newline for "$" to skip
            word, end, possessive = word[:-2], end - 2, True
        elif end < len(text) and text[end] in "’'" and word.endswith(("s", "S")):
            possessive = end + 1 >= len(text) or not text[end + 1].isalpha()
        if end < len(text) and text[end] == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            word, end = word + ".", end + 1
        tokens.append(_Tok(word, start, end, possessive))
    return tokens


def _capitalised(tok: _Tok) -> bool:
    return tok.text[0].isupper()


class _Candidate(NamedTuple):
    tokens: tuple[_Tok, ...]
    sentence_initial: bool
    title_line: bool
    role_before: bool
    who_after: bool


class _Analysis:
    """One pass over one text against one (child) alias table."""

    def __init__(self, text: str, table: AliasTable) -> None:
        self.text = text
        self.table = table
        self.tokens = _word_tokens(text)
        self.token_ends = [t.end for t in self.tokens]
        self.lower_words = self._ordinary_words()
        self.midsentence_caps = frozenset(
            t.text for i, t in enumerate(self.tokens) if _capitalised(t) and not self._sentence_initial(i)
        )
        self.title_lines = self._title_lines()
        self.consumed: list[tuple[int, int]] = []
        self.last_mention: dict[str, int] = {}
        self.inverted: list[tuple[tuple[int, int], str]] = []
        self.candidates: list[_Candidate] | None = None
        self.single_words: frozenset[str] = frozenset()

    # -- text structure ------------------------------------------------------------------------------

    def _ordinary_words(self) -> frozenset[str]:
        """Words the text writes in lower case in prose (keyword and tag lines are not prose)."""
        words: set[str] = set()
        for line in self.text.split("\n"):
            tokens = _WORD_RE.findall(line)
            prose = any(t[0].isupper() for t in tokens) or _PROSE_END_RE.search(line)
            if prose:
                words.update(t for t in tokens if t.islower())
        return frozenset(words)

    def _sentence_initial(self, i: int) -> bool:
        start = self.tokens[i].start
        return bool(_SENTENCE_END_RE.search(self.text, max(0, start - 8), start)) or start == 0

    def _title_lines(self) -> list[tuple[int, int]]:
        """Lines written in Title Case (headings, titles): only known names are taken from them."""
        lines: list[tuple[int, int]] = []
        pos = 0
        for line in self.text.split("\n"):
            words = _LINE_WORD_RE.findall(line)
            content = [
                w
                for w in words
                if w.lower()
                not in ("of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "from", "as", "or")
            ]
            capitalised = sum(w[0].isupper() for w in content)
            # A heading is short and does not end like a sentence.
            heading = len(words) <= 16 and not _LINE_END_RE.search(line.strip())
            if heading and len(content) >= 2 and capitalised >= 0.75 * len(content):
                lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        return lines

    def _in_title_line(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.title_lines)

    def _gap_ok(self, a: _Tok, b: _Tok) -> bool:
        return bool(_GAP_RE.fullmatch(self.text[a.end : b.start]))

    def _candidates(self) -> list[_Candidate]:
        out: list[_Candidate] = []
        toks = self.tokens
        i = 0
        while i < len(toks):
            if not _capitalised(toks[i]) or self._is_consumed(toks[i]):
                i += 1
                continue
            seq = [toks[i]]
            j = i + 1
            while j < len(toks) and not seq[-1].possessive:
                nxt = toks[j]
                if self._is_consumed(nxt) or not self._gap_ok(toks[j - 1], nxt):
                    break
                if _capitalised(nxt) and nxt.text not in ("The", "A", "An"):
                    seq.append(nxt)
                    j += 1
                    continue
                if _capitalised(nxt):
                    break
                # Lower-case connectors ("of", "of the", "van der") inside a name.
                k = j
                while (
                    k < len(toks)
                    and k - j < 2
                    and toks[k].text in _NAME_CONNECTORS
                    and self._gap_ok(toks[k - 1], toks[k])
                ):
                    k += 1
                if (
                    j < k < len(toks)
                    and _capitalised(toks[k])
                    and self._gap_ok(toks[k - 1], toks[k])
                    and not self._is_consumed(toks[k])
                ):
                    seq.extend(toks[j : k + 1])
                    j = k + 1
                    continue
                break
            prev = toks[i - 1] if i > 0 else None
            role = (
                prev is not None
                and prev.text.lower() in _ROLE_NOUNS
                and prev.text.islower()
                and self._gap_ok(prev, toks[i])
            )
            after = self.text[seq[-1].end : seq[-1].end + 8]
            out.append(
                _Candidate(
                    tuple(seq),
                    self._sentence_initial(i),
                    self._in_title_line(toks[i].start),
                    role,
                    bool(re.match(r",\s+who\b", after)),
                )
            )
            i = j
        return out

    def _is_consumed(self, tok: _Tok) -> bool:
        return any(s < tok.end and tok.start < e for s, e in self.consumed)

    # -- persons ---------------------------------------------------------------------------------------

    def _person_evidence(self, words: Sequence[str], cand: _Candidate, titled: bool) -> bool:
        if titled or cand.role_before or cand.who_after:
            return True
        first = words[0].rstrip(".")
        if translit_key(first) in _GIVEN_KEYS or fold(first) in _NICKNAMES:
            return True
        if len(words) in (2, 3) and words[-1] in self.single_words and not _is_initial(words[-1]):
            return True
        if any(_is_initial(w) for w in words[:-1]) and not _is_initial(words[-1]):
            return True
        parsed = parse_person_name(" ".join(words))
        if parsed is None:
            return False
        return any(p.given for _, p in self.table.persons_with_surname(parsed.surname_key))

    def _name_like(self, words: Sequence[str]) -> bool:
        """2-5 words that could be a personal name: capitalised words, initials, particles."""
        if not 2 <= len(words) <= 5:
            return False
        for w in words:
            if w in _PARTICLES and w.islower():
                continue
            bare = w.rstrip(".")
            if not bare or not bare[0].isupper() or (bare.isupper() and len(bare) > 1 and not _is_initial(w)):
                return False
            if self.table.lookup(w) is not None or self.table.is_adjective(w) or self.table.demonym(w):
                return False
            if w in _ORG_WORDS or w in _PLACE_WORDS or w in _EVENT_WORDS or _title_prefix([w])[0]:
                return False
        if words[0].lower() in _COMMON_WORDS:
            return False
        # A surname that the text also uses as an ordinary word ("Edward M. Recognition of Russia").
        last = words[-1].lower()
        if last in self.lower_words or last in _COMMON_WORDS:
            return False
        return not _is_initial(words[-1])

    def _match_person(self, parsed: PersonName, pos: int) -> str | None:
        """The id of the known person this name fits (most recently mentioned when several do)."""
        same_surname = self.table.persons_with_surname(parsed.surname_key)
        candidates = [pid for pid, known in same_surname if names_compatible(known, parsed)]
        if not parsed.given:
            # A surname alone only matches people whose full name is known.
            full = [pid for pid, known in same_surname if known.given and pid in candidates]
            candidates = full or candidates
        if not candidates and len(parsed.given) == 1:
            # "Lloyd George" for "David Lloyd George": a two-word surname without a hyphen.
            key = translit_key(parsed.given[0])
            candidates = [
                pid for pid, known in same_surname if len(known.given) >= 2 and translit_key(known.given[-1]) == key
            ]
        unique = list(dict.fromkeys(candidates))
        if not unique:
            return None
        if len(unique) == 1:
            return unique[0]
        exact = [pid for pid in unique if self._person_name(pid).given == parsed.given]
        if len(exact) == 1:
            return exact[0]
        mentioned = [
            (self.last_mention[pid], pid)
            for pid in unique
            if self.last_mention.get(pid, -1) < pos and pid in self.last_mention
        ]
        if mentioned:
            return max(mentioned)[1]
        return unique[0]

    def _person_name(self, pid: str) -> PersonName:
        known = self.table.person(pid)
        if known is None:
            raise KeyError(pid)
        return known

    def _register_person(self, parsed: PersonName) -> str:
        """Add a full name seen in text, merging with a compatible one (keeping the fuller form)."""
        for index, rec in enumerate(self.table._persons):
            if rec.name.given and names_compatible(rec.name, parsed):
                if parsed.fullness > rec.name.fullness and _upgrade_ok(rec.name, parsed):
                    new_id = f"person:{slug(parsed.display)}"
                    self.table.replace_person(index, new_id, parsed)
                    self.table._records[new_id] = _Record(new_id, parsed.display, EntityType.PERSON)
                    return new_id
                return rec.id
        for pid, known in self.table.persons_with_surname(parsed.surname_key):
            if known.given and names_compatible(known, parsed):
                return pid
        return self.table.add(parsed.display, type=EntityType.PERSON)

    # -- resolving a candidate --------------------------------------------------------------------------

    def _entity(
        self,
        entity_id: str,
        name: str,
        etype: EntityType,
        span: tuple[int, int],
        via: MentionKind,
    ) -> Entity:
        start, end = span
        record = self.table.record(entity_id)
        metonyms = record[2] if record else ()
        self.last_mention[entity_id] = start
        return Entity(entity_id, name, etype, self.text[start:end], (start, end), via, metonyms)

    def _known(self, entity_id: str, start: int, end: int, via: MentionKind) -> Entity:
        record = self.table.record(entity_id)
        name, etype = (record[0], record[1]) if record else (self.text[start:end], EntityType.OTHER)
        return self._entity(entity_id, name, etype, (start, end), via)

    def _person(self, words: Sequence[_Tok], pos: int, *, register: bool, titled: bool) -> Entity | None:
        start, end = words[0].start, words[-1].end
        parsed = parse_person_name(" ".join(w.text for w in words))
        if parsed is None:
            return None
        pid = self._match_person(parsed, pos)
        if pid is None:
            if parsed.given and register:
                pid = self._register_person(parsed)
            elif not parsed.given and titled:
                pid = f"person:{slug(parsed.surname)}"
                return self._entity(pid, parsed.surname, EntityType.PERSON, (start, end), MentionKind.PARTIAL)
            else:
                return None
        known = self._person_name(pid)
        if not parsed.given:
            via = MentionKind.PARTIAL
        elif known.display == parsed.display:
            via = MentionKind.NAME
        else:
            via = MentionKind.ALIAS
        return self._entity(pid, known.display, EntityType.PERSON, (start, end), via)

    def _alias_span(self, words: Sequence[_Tok]) -> Entity | None:
        text = self.text[words[0].start : words[-1].end]
        found = self.table.lookup(text)
        if found is None:
            return None
        record = self.table.record(found)
        via = MentionKind.NAME if record and _alias_key(record[0]) == _alias_key(text) else MentionKind.ALIAS
        if record and record[1] is EntityType.PERSON and via is MentionKind.ALIAS and len(words) == 1:
            via = MentionKind.ACRONYM if text.replace(".", "").isupper() else MentionKind.PARTIAL
        return self._known(found, words[0].start, words[-1].end, via)

    def _given_name_run(self, words: Sequence[_Tok], i: int) -> int:
        """Length of a personal name starting with a known given name at ``words[i]`` (0 if none)."""
        if translit_key(words[i].text) not in _GIVEN_KEYS and fold(words[i].text) not in _NICKNAMES:
            return 0
        j = i + 1
        while j < len(words) and j - i < 5:
            w = words[j].text
            if w in _NAME_CONNECTORS and w.islower() and w not in _PARTICLES:
                break
            if (
                w.lower() in _COMMON_WORDS
                or (w.lower() in self.lower_words and translit_key(w) not in _GIVEN_KEYS)
                or (len(w) > 1 and w.isupper() and not _is_initial(w))
                or w in _ORG_WORDS
                or w in _PLACE_WORDS
                or w in _EVENT_WORDS
                or self.table.lookup(w) is not None
                or self.table.is_adjective(w)
            ):
                break
            j += 1
            if words[j - 1].possessive:
                break
        while j - i > 1 and _is_initial(words[j - 1].text):
            j -= 1
        return j - i if j - i >= 2 else 0

    def _segment_known(self, words: Sequence[_Tok], *, learning: bool = False) -> list[Entity]:
        """Known names inside a longer capitalised run (titles, headings, leftovers)."""
        out: list[Entity] = []
        i = 0
        while i < len(words):
            hit: Entity | None = None
            width = 0
            n_title, _strong = _title_prefix([w.text for w in words[i:]])
            n_given = self._given_name_run(words, i)
            if n_title and i + n_title < len(words):
                rest = words[i + n_title :]
                n_name = self._given_name_run(rest, 0) or (1 if self._known_surname(rest[0].text) else 0)
                if n_name:
                    hit = self._person(rest[:n_name], rest[0].start, register=True, titled=True)
                    width = n_title + n_name
            if hit is None and n_given:
                hit = self._person(words[i : i + n_given], words[i].start, register=True, titled=False)
                width = n_given
            for n in range(min(6, len(words) - i), 0, -1) if hit is None else ():
                part = words[i : i + n]
                if part[-1].text in _NAME_CONNECTORS or part[0].text in _NAME_CONNECTORS:
                    continue
                hit = self._alias_span(part)
                if hit is None and n >= 2 and self._name_like([w.text for w in part]):
                    parsed = parse_person_name(" ".join(w.text for w in part))
                    if parsed is not None and self._match_person(parsed, part[0].start):
                        hit = self._person(part, part[0].start, register=False, titled=False)
                if hit is not None:
                    width = n
                    break
            if hit is None:
                hit = self._single_known(words[i])
                width = 1
            if hit is not None and not learning:
                out.append(hit)
            i += max(width, 1)
        return out

    def _single_known(self, tok: _Tok) -> Entity | None:
        """A single word that is a demonym, a known surname or a known acronym; otherwise ``None``."""
        state = self.table.demonym(tok.text)
        if state is not None:
            if self.table.is_adjective(tok.text):
                # "the Japanese" (the people) but not "Japanese expansionism" (an adjective).
                after = re.match(r"[ \t]+([a-z]+)", self.text[tok.end : tok.end + 20])
                if after and after.group(1) not in _AFTER_PEOPLE:
                    return None
            return self._known(state, tok.start, tok.end, MentionKind.DEMONYM)
        if tok.text in _NAME_CONNECTORS or tok.text.lower() in _COMMON_WORDS:
            return None
        letters = tok.text.replace(".", "")
        if letters.isupper() and 2 <= len(letters) <= 5:
            bare = re.sub(r"[^A-Za-z]", "", letters).upper()
            shapes = self.table.persons_with_initials(bare[0], bare[-1]) if bare else []
            for pid, known in shapes:
                if known.given and _initials_match(letters, known):
                    span = (tok.start, tok.end)
                    return self._entity(pid, known.display, EntityType.PERSON, span, MentionKind.ACRONYM)
            return None
        if tok.text[0].isupper() and not self.table.is_adjective(tok.text):
            return self._person([tok], tok.start, register=False, titled=False)
        return None

    def _drop_first(self, words: Sequence[_Tok], cand: _Candidate) -> bool:
        """Whether the run's first word is an ordinary word capitalised for starting a sentence."""
        first = words[0]
        if first.text in ("The", "A", "An", "THE"):
            return True
        if not cand.sentence_initial or first is not cand.tokens[0]:
            return False
        texts = [w.text for w in words]
        low = first.text.lower()
        if _title_prefix(texts)[0] or translit_key(first.text) in _GIVEN_KEYS:
            return False
        if self.table.lookup(first.text) is not None or self.table.demonym(first.text):
            return False
        if len(words) > 1 and (first.text in _NAME_ADJECTIVES or self._alias_prefix(words) > 1):
            return False
        return low in _COMMON_WORDS or low in self.lower_words or low.endswith(("ly", "ing", "ed"))

    def _alias_prefix(self, words: Sequence[_Tok]) -> int:
        """Length of the longest known alias at the start of ``words`` (0 when none)."""
        for n in range(min(6, len(words)), 0, -1):
            if self.table.lookup(self.text[words[0].start : words[n - 1].end]) is not None:
                return n
        return 0

    def _resolve(self, cand: _Candidate, *, learning: bool) -> list[Entity]:
        words = list(cand.tokens)
        while words and self._drop_first(words, cand):
            words = words[1:]
            while words and words[0].text in _NAME_CONNECTORS:
                words = words[1:]
        while words and (words[-1].text in _NAME_CONNECTORS or (len(words) > 1 and _is_initial(words[-1].text))):
            words = words[:-1]
        if not words:
            return []
        # An index term repeated inline ("Ford Motor Company Ford Motor Company") is two mentions.
        half = len(words) // 2
        if len(words) >= 2 and len(words) % 2 == 0 and [w.text for w in words[:half]] == [w.text for w in words[half:]]:
            first = cand._replace(tokens=tuple(words[:half]), sentence_initial=False)
            second = cand._replace(tokens=tuple(words[half:]), sentence_initial=False)
            return self._resolve(first, learning=learning) + self._resolve(second, learning=learning)
        if cand.title_line:
            return self._segment_known(words, learning=learning)
        texts = [w.text for w in words]

        whole = self._alias_span(words)
        if whole is not None:
            return [] if learning else [whole]

        # A title before a name; what precedes the title must be a known name or a demonym adjective
        # ("U.S. President Roosevelt", "Soviet Foreign Minister Litvinov").
        for k in range(len(words)):
            head = words[:k]
            if k and not all(self.table.lookup(w.text) is not None or self.table.is_adjective(w.text) for w in head):
                break
            n, strong = _title_prefix(texts[k:])
            if n == 0:
                continue
            rest = words[k + n :]
            after: list[_Tok] = []
            cut = next((j for j, w in enumerate(rest) if w.text == "of" and j > 0), None)
            if cut is not None:  # "Prime Minister David Lloyd George of Britain"
                rest, after = rest[:cut], rest[cut + 1 :]
            if not rest or rest[0].text.lower() in _SUFFIXES:
                break
            if strong or len(rest) >= 2 or self._known_surname(rest[-1].text):
                ent = self._person(rest, rest[0].start, register=True, titled=True)
                if ent is not None:
                    tail = self._segment_known(after, learning=learning) if after else []
                    if learning:
                        return []
                    return [*self._segment_known(head, learning=False), ent, *tail]
            break

        if len(words) == 1 and not learning:
            single = self._single(words[0], cand)
            return [single] if single is not None else []

        etype = _type_from_words(texts)
        if etype is not None:
            return [] if learning else [self._named(words, etype)]

        # Without a keyword, "of" joins two names ("David Lloyd George of Britain").
        cut = next((k for k, w in enumerate(words) if w.text == "of" and 0 < k < len(words) - 1), None)
        if cut is not None:
            before = cand._replace(tokens=tuple(words[:cut]))
            behind = cand._replace(tokens=tuple(words[cut + 1 :]), sentence_initial=False, role_before=False)
            return self._resolve(before, learning=learning) + self._resolve(behind, learning=learning)

        if self._name_like(texts) and self._person_evidence(texts, cand, titled=False):
            ent = self._person(words, words[0].start, register=True, titled=False)
            if ent is not None:
                return [] if learning else [ent]

        known = self._segment_known(words, learning=learning)
        if learning or known:
            return known
        return [self._named(words, EntityType.OTHER)]

    def _single(self, tok: _Tok, cand: _Candidate) -> Entity | None:
        """A one-word run: a known name, or an unknown proper noun when it is not an ordinary word."""
        word = tok.text
        known = self._single_known(tok)
        if known is not None:
            return known
        if self.table.lookup(word) is not None:
            return self._alias_span([tok])
        if (
            self.table.is_adjective(word)
            or word.lower() in _COMMON_WORDS
            or word.lower() in self.lower_words
            or translit_key(word) in _GIVEN_KEYS
            or _title_prefix([word])[0]
            or word in _NOT_NAMES
            or word.rstrip(".") in _NOT_NAMES
            or word in _ORG_WORDS
            or word in _PLACE_WORDS
            or word in _EVENT_WORDS
            or word in _NAME_CONNECTORS
        ):
            return None
        modifier = re.match(r"[ \t][a-z]", self.text[tok.end : tok.end + 2]) is not None
        if word.lower().endswith(_ADJECTIVE_SUFFIXES) and not tok.possessive and modifier:
            return None  # "Communist propaganda": a modifier
        if cand.sentence_initial and word not in self.midsentence_caps:
            return None
        if not any(c.islower() for c in word) and len(word) > 5:
            return None  # a shouted heading word
        if _CAPITAL_INITIAL_RE.fullmatch(word):
            return None
        return self._named([tok], EntityType.OTHER)

    def _known_surname(self, word: str) -> bool:
        key = translit_key(word)
        return any(p.given for _, p in self.table.persons_with_surname(key))

    def _named(self, words: Sequence[_Tok], etype: EntityType) -> Entity:
        start, end = words[0].start, words[-1].end
        name = self.text[start:end]
        name = _SPACES_RE.sub(" ", name)
        found = self.table.lookup(name)
        if found is not None:
            return self._known(found, start, end, MentionKind.ALIAS)
        return self._entity(f"{etype.value}:{slug(name)}", name, etype, (start, end), MentionKind.NAME)

    # -- passes -----------------------------------------------------------------------------------------

    def _learn_acronyms(self) -> None:
        for m in re.finditer(r"\(([^()\n]{2,80})\)", self.text):
            inner = m.group(1).strip()
            before = self._run_before(m.start())
            if not before:
                continue
            outer = self.text[before[0] : before[1]]
            for short, long in ((inner, outer), (outer, inner)):
                if " " in short.strip() or not short[:1].isupper():
                    continue
                if not all(w[:1].isupper() or w in _NAME_CONNECTORS for w in long.split()):
                    continue
                if _acronym_defines(short, long):
                    known = self.table.lookup(long) or self.table.lookup(short)
                    if known is not None:
                        self.table._aliases.setdefault(_alias_key(short), known)
                        self.table._aliases.setdefault(_alias_key(long), known)
                    else:
                        etype = _type_from_words(long.split()) or EntityType.ORGANISATION
                        self.table.add(long, short, type=etype)

    def _run_before(self, pos: int) -> tuple[int, int] | None:
        """The capitalised run (with connectors) that ends right before ``pos`` (ignoring spaces)."""
        end = pos
        while end > 0 and self.text[end - 1] in " \t":
            end -= 1
        # Token ends increase, so the tokens ending by ``end`` are a prefix: found by bisection, not a
        # scan, which made long texts with many parentheses quadratic.
        toks = self.tokens
        n = bisect_right(self.token_ends, end)
        if not n or toks[n - 1].end != end or not _capitalised(toks[n - 1]):
            return None
        k = n - 1
        while (
            k > 0
            and self._gap_ok(toks[k - 1], toks[k])
            and (_capitalised(toks[k - 1]) or toks[k - 1].text in _NAME_CONNECTORS)
        ):
            k -= 1
        while k < n and (toks[k].text in _NAME_CONNECTORS or toks[k].text in ("The", "the")):
            k += 1
        if k == n:
            return None  # nothing but articles and connectors ("The (00)")
        return toks[k].start, end

    def _consume_inverted(self) -> None:
        """Mark the registered "Family, Given" forms in the text so runs do not split them."""
        if self.inverted:
            return
        for form, pid in self.table.inverted_forms():
            pattern = re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])")
            for m in pattern.finditer(self.text):
                if any(s < m.end() and m.start() < e for s, e in self.consumed):
                    continue
                self.consumed.append(m.span())
                self.inverted.append((m.span(), pid))

    def _prepare(self) -> list[_Candidate]:
        self._consume_inverted()
        if self.candidates is None:
            self.candidates = self._candidates()
            # Surnames used alone elsewhere in the text are evidence that a longer run is a person.
            self.single_words = frozenset(c.tokens[0].text for c in self.candidates if len(c.tokens) == 1)
        return self.candidates

    def learn(self) -> None:
        candidates = self._prepare()
        self._learn_acronyms()
        for cand in candidates:
            self._resolve(cand, learning=True)

    def run(self) -> list[Entity]:
        self.learn()
        self.last_mention.clear()
        out: list[Entity] = []
        for span, pid in self.inverted:
            known = self._person_name(pid)
            out.append(self._entity(pid, known.display, EntityType.PERSON, span, MentionKind.ALIAS))
        for cand in self._prepare():
            out.extend(self._resolve(cand, learning=False))
        out.sort(key=lambda e: (e.span[0], -e.span[1]))
        return out


def _upgrade_ok(old: PersonName, new: PersonName) -> bool:
    """A fuller form replaces a shorter one only when it extends it ("Franklin" -> "Franklin D.")."""
    return all(_given_compatible(a, b) for a, b in zip(old.given, new.given, strict=False))


def find_entities(text: str, aliases: AliasTable | None = None) -> list[Entity]:
    """Find the people, organisations and places mentioned in ``text``, in text order.

    Full names seen anywhere in the text let surnames and initials elsewhere in it resolve; the
    table given is not changed (the text's own names are kept in a private child table).

    A person's span covers the name without its title.

    >>> [(e.text, e.id) for e in find_entities("President Roosevelt met Maxim Litvinov. Franklin D. Roosevelt")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Roosevelt', 'person:franklin-d-roosevelt'), ('Maxim Litvinov', 'person:maxim-litvinov'),
     ('Franklin D. Roosevelt', 'person:franklin-d-roosevelt')]
    """
    table = (aliases if aliases is not None else _builtin_table()).child()
    return _Analysis(text, table).run()


def learn_names(table: AliasTable, text: str) -> int:
    """Add the full person names and acronym definitions ``text`` contains to ``table``; returns how many."""
    before = table.size()
    _Analysis(text, table).learn()
    return table.size() - before
