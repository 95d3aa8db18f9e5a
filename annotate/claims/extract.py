"""Claim extraction: the atomic facts a document's body sentences state, each tied to its raw span.

Every body sentence (a ``sentence`` passage under a paragraph or list item) that states a fact yields
one or more :class:`~annotate.model.Claim` objects. A sentence states a fact unless it is a question,
an imperative ("See the ... guide"), or too short to say anything (fewer than three words).

**Splitting.** A sentence is cut into clauses where it states several facts:

* at a semicolon between two stretches of at least three words;
* at a coordinator (``and``, ``but``, ``while``, ``whereas``, ``yet``; with or without a comma, or
  after a dash) outside parentheses, when the part before it has a finite verb and the part after
  it is a clause of its own: an optional fronted adverbial ("on November 20,", "by 1935", "in
  mid-October"), a subject (a pronoun, a determiner phrase or a capitalised name) and a finite verb
  ("..., and on November 20, the Soviet government named ...");
* at a coordinated verb phrase ("... ended Prohibition and expressed a willingness ..."): the second
  claim's text borrows the subject of the nearest finite verb before it, so it reads on its own
  ("Roosevelt’s administration expressed a willingness ...") while its span stays the raw clause;
* at ", followed by" / ", preceded by" when both sides carry a date (a list of dated events).

Finite verbs are found without a tagger: auxiliaries and modals, a list of irregular past forms, and
lower-case words in ``-ed``. This misses present-tense verbs ("explains"), so such sentences stay
whole rather than being cut wrongly.

**Dates without a year** ("on November 9") take the year of the latest explicit single-year date
before them: first in the same sentence, then earlier in the paragraph, then earlier in the
document's body (headings, datelines and captions are not used: a publication date is not the year
of the events). Such dates carry ``year_inferred=True``.

**Quoted speech.** A quotation of five words or more is speech (shorter ones are terms or scare
quotes). Its speaker is found from an attribution next to it (“...,” explains the Department;
the Department said, “...”; X sent a telegram saying, “...”; according to X, ...), or, for a
quotation that continues a run in the same paragraph without its own attribution, the speaker of
the run before it. Claims that overlap a quotation keep ``speaker`` (the entity's canonical name, or
the attribution's words) and ``quoted_by`` (the id of the source that quotes it).

Claim ids are ``<sentence id>.c<k>``; ``Claim.passage`` is the sentence id and ``Claim.span`` the
raw span of the clause (``Passage.raw_span``), so the source's raw text at the span is the clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from annotate.claims.aliases import AliasTable
from annotate.claims.dates import find_dates
from annotate.claims.facets import extract_facets
from annotate.claims.mentions import learn_names
from annotate.model import Claim, DateValue, EntityType, Facets, Origin
from corpus.model import Document, IndexTermKind, Passage, PassageKind
from textkit.tokens import Token, tokenize

__all__ = [
    "Clause",
    "clause_claims",
    "context_years",
    "corpus_aliases",
    "extract_claims",
    "is_finite_verb",
    "split_clauses",
    "states_fact",
]

# ---------------------------------------------------------------------------------------------------
# Lexicon (general English, no corpus-specific entries)
# ---------------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_AUXILIARIES = _words(
    "is are was were has have had did does do will would could should can may might must shall am "
    "isn't aren't wasn't weren't hasn't haven't hadn't didn't doesn't don't won't wouldn't couldn't "
    "shouldn't can't cannot"
)
_IRREGULAR_PAST = _words(
    """arose awoke became began bent bet bit bled blew bore bought bound bred broke brought built burnt
    burst cast caught chose clung came cost crept cut dealt dug drew drove drank ate fell fed felt fought
    found fled flew forbade forgot forgave froze got gave went ground grew hung heard hid hit held hurt
    kept knelt knew laid led leapt left lent let lay lit lost made meant met paid proved put quit ran
    rang rose said saw sought sold sent set shook shot shone shut sang sank sat slept slid spoke sped
    spent spun split spread sprang stood stole stuck stung struck strove swore swept swam swung took
    taught tore told thought threw thrust understood undertook upheld withdrew withheld won wound wore
    wove wrote overcame overtook overthrew foresaw oversaw"""
)
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


# ---------------------------------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------------------------------


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
    # after the subject ("Litvinov, who favored ..., became") is skipped by taking the verb's phrase.
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
        return out
    # A sentence of separators only ("::" in a manual): the whole of it, never an empty clause.
    s, e = _trim(text, 0, len(text))
    return [Clause(s, e) if s < e else Clause(0, len(text))]


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


# ---------------------------------------------------------------------------------------------------
# Context years and aliases
# ---------------------------------------------------------------------------------------------------


def _explicit_year(d: DateValue) -> int | None:
    if d.year_inferred or d.start[:4] != d.end[:4]:
        return None
    return int(d.start[:4])


def _last_year(text: str, default: int | None) -> int | None:
    year = default
    for d in find_dates(text):
        y = _explicit_year(d)
        if y is not None:
            year = y
    return year


def _body_blocks(doc: Document) -> Iterator[Passage]:
    for p in doc.passages:
        if p.kind in (PassageKind.PARAGRAPH, PassageKind.LIST_ITEM):
            yield p


def context_years(doc: Document) -> dict[str, int | None]:
    """The year in force at the start of each body block: the latest explicit year before it.

    Keys are paragraph / list-item passage ids; ``None`` when no earlier block states a year.
    """
    out: dict[str, int | None] = {}
    year: int | None = None
    for block in _body_blocks(doc):
        out[block.id] = year
        year = _last_year(block.text, year)
    return out


def corpus_aliases(documents: Iterable[Document], *, learn: bool = True) -> AliasTable:
    """An alias table for a corpus: the sources' index terms, then names the body text defines.

    Person index terms are "Family, Given" ("Litvinov, Maksim Maksimovich"), so that later mentions
    ("Maxim Litvinov", "Litvinov") resolve to one identity; organisation and place terms are added
    as names. With ``learn`` the table also picks up full names and acronym definitions from each
    document's paragraphs.
    """
    table = AliasTable()
    kinds = {
        IndexTermKind.PERSON: EntityType.PERSON,
        IndexTermKind.ORGANISATION: EntityType.ORGANISATION,
        IndexTermKind.PLACE: EntityType.PLACE,
    }
    docs = list(documents)
    for doc in docs:
        for kind, etype in kinds.items():
            for term in doc.source.metadata.terms(kind):
                table.add_index_name(term, etype)
    if learn:
        for doc in docs:
            learn_names(table, "\n\n".join(p.text for p in _body_blocks(doc)))
    return table


# ---------------------------------------------------------------------------------------------------
# Quoted speech
# ---------------------------------------------------------------------------------------------------

_QUOTE_PAIRS = (("“", "”"), ('"', '"'))
# The attribution runs to a comma or to the end of the sentence (names may hold dots: "U.S.").
_NAME = r"[^,;“”\"]{2,80}?"
_END = r"\s*(?:[,;]|\.?\s*$)"
_AFTER_ATTRIB_RE = re.compile(
    r"^\s*,?\s*(?:" + _SPEECH_VERBS + r"\s+(?P<a>" + _NAME + r")|(?P<b>" + _NAME + r")\s+" + _SPEECH_VERBS + r")" + _END
)
_BEFORE_ATTRIB_RE = re.compile(_SPEECH_VERBS + r"\s*(?:that\s*)?[,:]?\s*$")
_ACCORDING_RE = re.compile(r"[Aa]ccording to\s+(?P<a>[^,;“”\"]{2,80}?)\s*(?:[,;]|\.\s|$)")


class _Quote(NamedTuple):
    start: int  # cleaned offsets in the block text, marks included
    end: int
    speaker: str | None


def _quotes(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        for opening, closing in _QUOTE_PAIRS:
            if ch == opening:
                j = text.find(closing, i + 1)
                end = len(text) if j < 0 else j + 1
                out.append((i, end))
                i = end - 1
                break
        i += 1
    return out


def _speaker_name(phrase: str, aliases: AliasTable | None) -> str | None:
    phrase = phrase.strip()
    if not phrase:
        return None
    facets = extract_facets(phrase, aliases=aliases)
    for e in facets.entities:
        if e.type in (EntityType.PERSON, EntityType.ORGANISATION, EntityType.OTHER):
            return e.name
    for e in facets.entities:
        return e.name
    words = phrase.split()
    return phrase if 1 <= len(words) <= 6 and phrase[0].isupper() else None


def _sentence_subject(before: str, aliases: AliasTable | None) -> str | None:
    facets = extract_facets(before, aliases=aliases)
    for e in facets.entities:
        if e.type in (EntityType.PERSON, EntityType.ORGANISATION):
            return e.name
    return None


def _speech(block: Passage, sentences: Sequence[Passage], aliases: AliasTable | None) -> list[_Quote]:
    """The speech quotations of a block with their speakers (see the module notes)."""
    text = block.text
    # Sentence bounds in block coordinates, to look for an attribution within the same sentence.
    bounds: list[tuple[int, int]] = []
    for s in sentences:
        try:
            bounds.append(block.char_span(s.start, s.end))
        except ValueError:
            continue
    out: list[_Quote] = []
    last: str | None = None
    for q_start, q_end in _quotes(text):
        inner = text[q_start + 1 : q_end - 1]
        if len(inner.split()) < _SPEECH_MIN_WORDS:
            continue
        s_start, s_end = next(((a, b) for a, b in bounds if a <= q_start < b), (0, len(text)))
        speaker = None
        m = _AFTER_ATTRIB_RE.match(text[q_end : max(s_end, q_end)])
        if m:
            speaker = _speaker_name(m.group("a") or m.group("b") or "", aliases)
        if speaker is None:
            before = text[s_start:q_start]
            if _BEFORE_ATTRIB_RE.search(before.rstrip()):
                speaker = _sentence_subject(before, aliases)
            else:
                ma = _ACCORDING_RE.search(before)
                if ma:
                    speaker = _speaker_name(ma.group("a"), aliases)
        if speaker is None and out and last is not None:
            speaker = last  # a quotation continuing the run before it
        if speaker is not None:
            last = speaker
        out.append(_Quote(q_start, q_end, speaker))
    return out


# ---------------------------------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------------------------------


def _claim_text(sentence: str, clause: Clause) -> str:
    body = sentence[clause.start : clause.end]
    if clause.subject:
        body = f"{clause.subject} {body}"
    elif body[:1].islower() and not body.startswith(("iP", "e-", "eB")):
        body = body[0].upper() + body[1:]
    return body


def _year_before(sentence: str, end: int, default: int | None) -> int | None:
    return _last_year(sentence[:end], default) if end > 0 else default


def _block_claims(
    doc: Document,
    block: Passage,
    year: int | None,
    aliases: AliasTable | None,
    *,
    facts_only: bool,
) -> Iterator[Claim]:
    sentences = doc.children(block.id)
    quotes = [q for q in _speech(block, sentences, aliases) if q.speaker]
    block_year = year
    for sentence in sentences:
        if facts_only and not states_fact(sentence.text):
            block_year = _last_year(sentence.text, block_year)
            continue
        try:
            b_start, _ = block.char_span(sentence.start, sentence.end)
        except ValueError:
            b_start = -1
        for k, clause in enumerate(split_clauses(sentence.text), 1):
            text = _claim_text(sentence.text, clause)
            ctx = _year_before(sentence.text, clause.start, block_year)
            facets: Facets = extract_facets(text, context_year=ctx, aliases=aliases)
            speaker = None
            if b_start >= 0:
                c_start, c_end = b_start + clause.start, b_start + clause.end
                speaker = next((q.speaker for q in quotes if q.start < c_end and c_start < q.end), None)
            yield Claim(
                id=f"{sentence.id}.c{k}",
                text=text,
                facets=facets,
                origin=Origin.EXTRACTED,
                passage=sentence.id,
                span=sentence.raw_span(clause.start, clause.end),
                speaker=speaker,
                quoted_by=doc.source.id if speaker else None,
            )
        block_year = _last_year(sentence.text, block_year)


def clause_claims(
    doc: Document,
    block: Passage,
    *,
    context_year: int | None = None,
    aliases: AliasTable | None = None,
    facts_only: bool = False,
) -> list[Claim]:
    """The clause claims of one body block (paragraph or list item), all sentences by default.

    ``context_year`` is the year in force at the block's start (see :func:`context_years`). The
    checker uses this to compare a claim with each clause of a candidate passage.
    """
    return list(_block_claims(doc, block, context_year, aliases, facts_only=facts_only))


def extract_claims(doc: Document, *, aliases: AliasTable | None = None) -> list[Claim]:
    """The atomic claims stated by the body sentences of ``doc``, in reading order.

    ``aliases`` resolves short names to the corpus's identities (default: :func:`corpus_aliases`
    of this document alone).

    >>> from corpus.analyze import analyze
    >>> from corpus.load import source_from_text
    >>> doc = analyze(source_from_text("Talks\\n\\nTalks began in 1933, and they ended on May 2.\\n", "ex"))
    >>> [(c.id, c.text, [d.iso for d in c.facets.dates]) for c in extract_claims(doc)]
    [('ex.p1.s1.c1', 'Talks began in 1933', ['1933']), ('ex.p1.s1.c2', 'They ended on May 2.', ['1933-05-02'])]
    """
    table = aliases if aliases is not None else corpus_aliases([doc])
    years = context_years(doc)
    out: list[Claim] = []
    for block in _body_blocks(doc):
        out.extend(_block_claims(doc, block, years.get(block.id), table, facts_only=True))
    return out
