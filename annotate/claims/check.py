"""Checking a claim against the sources: retrieve, compare facets, decide, explain.

:class:`Checker` indexes the sentence passages of a set of documents once (BM25, via
:class:`~annotate.index.EvidenceIndex`) and checks claims against them:

1. **Retrieve** the top sentences for the claim's text (expanded with the canonical names of its
   entities and the month and year of its dates, so "16 November 1933" finds "Nov. 16, 1933").
2. **Compare** the claim with each retrieved sentence, or, for a claim of one clause, with each
   clause of it (see :func:`annotate.extract.split_clauses`): clauses give tighter quotes and keep
   one clause's facts apart from another's. The comparison reads:

   * *words*: the claim's content words outside its facets, stemmed (irregular verbs through their
     base form), weighted by rarity in the corpus (IDF; light verbs such as "gave" and "-ly" adverbs
     weigh less), each matched exactly, by a shared stem prefix ("recognition"/"recognized") or
     through a small table of general synonyms ("began"/"started", "named"/"appointed"). ``lex`` is
     the matched share of the weight. The claim's verbs are its *predicate*;
   * *entities*: the same identity (canonical id, or compatible person names), a related one (a seat
     of government and its state, predecessor and successor states), or named elsewhere in the same
     paragraph, under the section headings or in the title ("implied": "It was signed on ...");
     national adjectives are compared noun by noun ("the American delegation" / "the Soviet
     delegation");
   * *dates*: matched when the passage's date lies inside the claim's (the passage is at least as
     precise), compatible when it only contains it ("November 1933" for "16 November 1933"),
     conflicting when the two cannot be the same time (:meth:`DateValue.conflicts`). Dates without a
     year take the paragraph's year; a passage without any date implies the year in force;
   * *quantities*: equal or conflicting values of the same unit ("the two countries" is a
     reference, not an amount, and is left out);
   * *negation*: a "not", "never", "no", "refused to", "failed to" just before the predicate.

3. **Decide** per passage. It is about **the same event** as the claim when ``lex >= 0.5`` and an
   anchor agrees (an entity, date or quantity of the claim stated in the passage, or an entity of
   the claim named elsewhere in its paragraph), or when ``lex >= 0.7`` with at least two matched
   words (an actor swap leaves no anchor).

   It **refutes** the claim when it is about the same event, states the claim's predicate (as a
   verb or noun, not an "-ing" mention: "after breaking relations" is another event's background),
   and changes one thing: one or more dates or quantities (a date counts when it opens the
   sentence or lies within 12 words of the predicate), or a single actor, place or nationality,
   while every other facet of the claim is stated in the passage (for a changed value, the
   paragraph may supply the participants). A passage with the opposite negation refutes only when
   everything else agrees. Without an anchor, only the best-matching passage may refute.

   It **supports** the claim when it is about the same event, nothing conflicts, every facet of the
   claim is stated or implied and at least one is stated in the passage itself, negation agrees,
   and ``lex`` reaches 0.5 (0.7 for a claim with no facets). Anything else retrieved **mentions** it.

4. **Label**: SUPPORTED when any passage supports the claim (a support states every fact, a
   refutation is a judgement that two statements are about one event), else REFUTED when any
   passage refutes it, else NOT_ENOUGH_INFO. ``corroborated`` is set when two or more distinct
   sources support the claim; ``conflicts`` pairs passages of different sources that state
   different values for the same facet (a supporting and a refuting source, or two refuting ones).

An extracted claim keeps its own clause as primary evidence.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from annotate.claims.entities import AliasTable, names_compatible, parse_person_name
from annotate.claims.extract import clause_claims, context_years, corpus_aliases, is_finite_verb, split_clauses
from annotate.claims.facets import MONTH_NAMES, extract_facets
from annotate.errors import ClaimInputError
from annotate.evidence_index import STOP_WORDS, EvidenceIndex, query_terms
from annotate.model import (
    Claim,
    Conflict,
    DatePrecision,
    DateValue,
    Entity,
    EntityType,
    Evidence,
    Label,
    Origin,
    Quantity,
    Relation,
    Verdict,
)
from annotate.references import source_key
from bibliography.model import Reference
from corpus.model import Document, Passage, PassageKind

__all__ = ["Checker", "content_stems", "make_claim"]


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon string."""
    return frozenset(text.split())


# Thresholds of the same-event and support rules (module notes).
LEX_ANCHORED = 0.5
LEX_STRONG = 0.7
LEX_SUPPORT = 0.5
LEX_SUPPORT_NO_FACETS = 0.7
# Sentences retrieved per claim, and "mentions" kept in a verdict.
TOP_K = 20
MAX_MENTIONS = 3
# On a large corpus one claim can match hundreds of passages; a verdict keeps the strongest few of
# each relation (at most two per source, so other sources still show) and the first few conflicts.
MAX_EVIDENCE = 6
MAX_PER_SOURCE = 2
MAX_CONFLICTS = 6

# ---------------------------------------------------------------------------------------------------
# Words: stems, synonyms, negation
# ---------------------------------------------------------------------------------------------------

# Irregular verbs (base, past, participle): inflected forms are compared through their base form.
_IRREGULAR = """
arise arose arisen; be was been; be were been; bear bore borne; become became become; begin began begun;
bind bound bound; break broke broken; bring brought brought; build built built; buy bought bought;
catch caught caught; choose chose chosen; come came come; deal dealt dealt; draw drew drawn;
drive drove driven; fall fell fallen; feel felt felt; fight fought fought; find found found;
flee fled fled; fly flew flown; forbid forbade forbidden; forget forgot forgotten; freeze froze frozen;
get got gotten; give gave given; go went gone; grow grew grown; hang hung hung; have had had;
hear heard heard; hide hid hidden; hold held held; keep kept kept; know knew known; lay laid laid;
lead led led; leave left left; lend lent lent; lose lost lost; make made made; mean meant meant;
meet met met; pay paid paid; ride rode ridden; rise rose risen; run ran run; say said said;
see saw seen; seek sought sought; sell sold sold; send sent sent; shake shook shaken; shoot shot shot;
sing sang sung; sink sank sunk; sit sat sat; speak spoke spoken; spend spent spent; stand stood stood;
steal stole stolen; strike struck struck; swear swore sworn; take took taken; teach taught taught;
tear tore torn; tell told told; think thought thought; throw threw thrown; understand understood understood;
undertake undertook undertaken; wear wore worn; win won won; withdraw withdrew withdrawn;
write wrote written; overthrow overthrew overthrown; overcome overcame overcome; do did done
"""
_LEMMAS: dict[str, str] = {
    form: parts[0]
    for entry in _IRREGULAR.replace("\n", " ").split(";")
    if (parts := entry.split())
    for form in parts[1:]
    if form != parts[0]
}
# Verbs that carry little meaning of their own ("gave recognition", "took part"): a fraction of the weight.
_LIGHT_VERBS = _wordset("give take make have do get put")
_LIGHT_WEIGHT = 0.3

# General English synonym sets for event predicates and common nouns; a word may sit in several.
_SYNONYM_SETS = """
begin began begun start started commence commenced open opened launch launched initiate initiated
end ended finish finished conclude concluded terminate terminated cease ceased stop stopped halt
establish established create created found founded form formed set institute instituted open opened
name named appoint appointed nominate nominated designate designated choose chose chosen select selected
sign signed conclude concluded ratify ratified ink inked
say said state stated declare declared announce announced proclaim proclaimed assert asserted
lead led head headed direct directed command commanded chair chaired
build built construct constructed erect erected
buy bought purchase purchased acquire acquired
die died death perish perished kill killed
born birth
recognize recognized recognise recognised recognition acknowledge acknowledged acknowledgment
promise promised pledge pledged vow vowed undertake undertook commitment committed
help helped assist assisted assistance aid aided support supported
break broke broken sever severed cut
reach reached attain attained achieve achieved
send sent dispatch dispatched submit submitted deliver delivered transmit transmitted forward forwarded
produce produced manufacture manufactured make made output
join joined enter entered entry admit admitted admission accession
agree agreed agreement accord consent consented
refuse refused decline declined reject rejected
improve improved better
deteriorate deteriorated worsen worsened decline declined
invade invaded invasion attack attacked assault
capture captured seize seized take took
war conflict hostilities
large big major massive huge
country nation state
talk talks negotiation negotiations discussions confer conferred
meet met meeting visit visited
question issue matter problem
settle settled resolve resolved decide decided
win won elect elected election victory
lengthy long
telegram telegraph telegraphed cable cabled wire wired
annually yearly year
withdraw withdrew withdrawn leave left depart departed quit
write wrote written compose composed letter
tell told inform informed notify notified
ask asked request requested
propose proposed suggest suggested offer offered proposal
rule ruled govern governed reign reigned
resign resigned
replace replaced succeed succeeded successor
approve approved endorse endorsed adopt adopted
ban banned prohibit prohibited forbid forbade outlaw outlawed
allow allowed permit permitted
increase increased rise rose grow grew
decrease decreased fall fell drop dropped
receive received obtain obtained get got
give gave grant granted award awarded
plan planned intend intended mean meant
try tried attempt attempted
"""


_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.lru_cache(maxsize=65536)
def _word_stem(word: str) -> str | None:
    """The stem of one lower-case word through its base form ("gave" -> "give"); None for stop words."""
    if word in STOP_WORDS or len(word) < 2 or _DIGIT_RE.search(word):
        return None
    terms = query_terms(_LEMMAS.get(word, word))
    return terms[0] if len(terms) == 1 else None


def _build_synonyms() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for gid, line in enumerate(_SYNONYM_SETS.strip().splitlines()):
        for word in line.split():
            stem = _word_stem(word)
            if stem:
                groups.setdefault(stem, set()).add(gid)
    return {k: frozenset(v) for k, v in groups.items()}


_SYNONYMS = _build_synonyms()
_LIGHT_RE = re.compile(r"\b(?:take|takes|took|taken|taking)\s+place\b|\b(?:happened|occurred|happen|occur)\b", re.I)
_NEGATION_RE = re.compile(
    r"\b(?:not(?!\s+(?:only|until|least|just))|never|nor|neither|no(?!\s+(?:doubt|less|more|sooner|one))|"
    r"without)\b|n['’]t\b|\b(?:refused|refuses|refuse|failed|fails|fail|declined|denied)\s+to\b",
    re.I,
)


@functools.lru_cache(maxsize=65536)
def content_stems(text: str) -> tuple[str, ...]:
    """The distinct content-word stems of ``text``: stop words and numbers dropped, verbs to their base.

    >>> content_stems("The talks began in Washington on November 9.")
    ('talk', 'begin', 'washington', 'novemb')
    """
    out: dict[str, None] = {}
    for m in _WORD_RE.finditer(text):
        stem = _word_stem(m.group().lower())
        if stem:
            out.setdefault(stem, None)
    return tuple(out)


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _stems_match(a: str, b: str) -> bool:
    """Equal stems, one stem a long prefix of the other, or stems in one synonym set."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter >= 5 and _common_prefix(a, b) >= max(5, math.ceil(0.75 * shorter)):
        return True
    ga, gb = _SYNONYMS.get(a), _SYNONYMS.get(b)
    return bool(ga and gb and ga & gb)


def _negated(text: str) -> bool:
    return _NEGATION_RE.search(text) is not None


class _Word(NamedTuple):
    """A content word of a text, as the checker reads it."""

    stem: str
    start: int  # character offset in the text
    verb: bool  # a finite verb, an infinitive, or a verb after an auxiliary: a predicate
    gerund: bool  # an -ing form: an event mentioned, not stated ("after breaking relations")
    negated: bool  # a negation cue within the three words before it ("did not reach")
    subordinate: bool  # in a time clause ("a month after the Bolsheviks seized power")


_TOKENS_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;:()“”\"]")
# A date belongs to the event whose verb is at most this many words away ("signed on November 16").
_ATTACH_WORDS = 12
_NEG_CUES = _wordset(
    "not never no nor neither without refused refuses refuse failed fails fail declined denied withhold withheld "
    "withholds withholding"
)
# A verb after one of these (in the same stretch between commas) is an event the sentence dates
# relative to another: the sentence's date is not its date.
_TIME_SUBORDINATORS = _wordset("after before since until till when whenever once while")
_AUX_BEFORE = _wordset("do does did will would could should can may might must shall has have had")
_COPULAS = _wordset("be is are was were been being am become becomes became")


@functools.lru_cache(maxsize=16384)
def _words_of(text: str) -> tuple[_Word, ...]:
    matches = list(_TOKENS_RE.finditer(text))
    tokens = [m.group() for m in matches]
    out: list[_Word] = []
    window: list[str] = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if not tok[0].isalnum():
            window = []
            continue
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        cue = (low in _NEG_CUES or low.endswith(("n't", "n’t"))) and not (low == "not" and nxt in ("only", "until"))
        stem = _word_stem(low)
        if stem is not None:
            prev = window[-1] if window else ""
            prev2 = window[-2] if len(window) > 1 else ""
            after_aux = prev in _AUX_BEFORE or (prev in _NEG_CUES and prev2 in _AUX_BEFORE)
            verb = (
                (is_finite_verb(tok) or (prev == "to" and tok.islower()) or (after_aux and tok.islower()))
                and _LEMMAS.get(low, low) not in _LIGHT_VERBS
                and low not in _COPULAS
            )
            negated = any(w in _NEG_CUES or w.endswith(("n't", "n’t")) for w in window[-3:])
            negated = negated and not any(w in ("only", "until") for w in window[-2:])
            gerund = low.endswith("ing") and len(low) > 5
            subordinate = any(w in _TIME_SUBORDINATORS for w in window[-6:])
            out.append(_Word(stem, matches[i].start(), verb, gerund, negated, subordinate))
        window.append("not" if cue else low)
    return tuple(out)


def _adjective_pairs(text: str, aliases: AliasTable) -> tuple[tuple[str, str, str], ...]:
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
        stem = _word_stem(nxt.lower())
        if state and stem:
            out.append((state, tok, stem))
    return tuple(out)


# ---------------------------------------------------------------------------------------------------
# Facet comparison
# ---------------------------------------------------------------------------------------------------


def _same_entity(a: Entity, b: Entity) -> bool:
    if a.id == b.id:
        return True
    if a.type is EntityType.PERSON and b.type is EntityType.PERSON:
        pa, pb = parse_person_name(a.name), parse_person_name(b.name)
        return pa is not None and pb is not None and names_compatible(pa, pb)
    return a.key == b.key


def _related_entity(a: Entity, b: Entity, aliases: AliasTable) -> bool:
    ta = {a.id, *a.metonym_of}
    tb = {b.id, *b.metonym_of}
    if ta & tb:
        return True
    return any(aliases.linked(x, y) for x in ta for y in tb)


_YEARISH = frozenset({DatePrecision.YEAR, DatePrecision.DECADE, DatePrecision.CENTURY})


def _year_value(year: int) -> DateValue:
    return DateValue(f"{year:04d}-01-01", f"{year:04d}-12-31", DatePrecision.YEAR, str(year), (0, len(str(year))))


_DEFINITE = ("the", "these", "those", "both", "its", "their", "his", "her", "our", "all")


def _counted(q: Quantity, text: str, others: Sequence[Quantity]) -> bool:
    """Whether a quantity is a stated amount: not "the two countries" (a reference), not the "a year"
    of "100,000 vehicles a year" (a rate after another quantity)."""
    if not q.unit:
        return False
    last = re.findall(r"[a-z]+$", text[: q.span[0]].rstrip().lower())
    if last and last[0] in _DEFINITE and not q.ordinal:
        return False
    if q.value == 1 and re.match(r"(?i)(?:a|an|per|each|every)\s", q.text):
        return not any(
            o is not q and o.span[1] <= q.span[0] and not text[o.span[1] : q.span[0]].strip() for o in others
        )
    return True


def _attached(date: DateValue, stated: Sequence[_Word], text: str) -> bool:
    """Whether ``date`` belongs to the event: near one of the unit's words stating it, or fronted.

    A date the sentence opens with ("In December 1917, a month after ..., the United States broke
    off ...") sets the time of the main clause, however far its verb.
    """
    if not stated:
        return False
    if len(_WORD_RE.findall(text[: date.span[0]])) <= 2:
        return True
    for w in stated:
        lo, hi = sorted((w.start, date.span[0]))
        if len(_WORD_RE.findall(text[lo:hi])) <= _ATTACH_WORDS:
            return True
    return False


def _mentions_text(name: str, text: str) -> bool:
    """True when ``name`` occurs in ``text`` as whole words (an entity the unit's analysis missed)."""
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I) is not None


def _quantity_label(q: Quantity) -> str:
    value = f"{q.value:g}" if isinstance(q.value, float) else str(q.value)
    return f"{value} {q.unit}" if q.unit else value


def _compare_dates(c: DateValue, unit: Sequence[DateValue]) -> tuple[str, DateValue | None]:
    """``match`` / ``compatible`` / ``conflict`` / ``missing``, with the passage's date concerned."""
    if not unit:
        return "missing", None
    for d in unit:
        if d.overlaps(c) and c.contains(d):
            return "match", d
    for d in unit:
        if not c.conflicts(d):
            return "compatible", d
    return "conflict", unit[0]


def _compare_quantity(c: Quantity, unit: Sequence[Quantity]) -> tuple[str, Quantity | None]:
    comparable = [q for q in unit if q.comparable(c)]
    if not comparable:
        return "missing", None
    for q in comparable:
        if q.equals(c) or not q.conflicts(c):
            return "match", q
    return "conflict", comparable[0]


# ---------------------------------------------------------------------------------------------------
# Units and assessments
# ---------------------------------------------------------------------------------------------------


class _Unit(NamedTuple):
    """A retrievable stretch: a whole sentence or one of its clauses."""

    passage: Passage
    claim: Claim  # the unit as a claim: text, facets, raw span
    whole: bool
    stems: frozenset[str]
    words: tuple[_Word, ...]
    adjectives: tuple[tuple[str, str, str], ...]  # (state id, adjective, noun stem): "Soviet delegation"
    year: int | None  # the year in force where the unit starts
    context: tuple[Entity, ...]  # entities of the unit's paragraph
    frame: tuple[Entity, ...]  # entities of its section headings and the document title


class _Conflict(NamedTuple):
    facet: str  # date | quantity | actor | place | negation
    claim_value: str
    source_value: str


class _Assessment(NamedTuple):
    unit: _Unit
    relation: Relation | None
    score: float
    lex: float
    matched: tuple[str, ...]
    conflicts: tuple[_Conflict, ...]
    partial: tuple[str, ...]  # why a same-event passage does not quite support ("gives only 1933-11")
    same_event: bool
    anchored: bool  # an entity of the claim (or a date or quantity that does not conflict) agrees


class _ClaimView(NamedTuple):
    claim: Claim
    words: tuple[tuple[str, str, float], ...]  # (stem, surface word, weight)
    entities: tuple[Entity, ...]
    dates: tuple[DateValue, ...]
    quantities: tuple[Quantity, ...]
    negated: bool
    adjectives: tuple[tuple[str, str, str], ...]
    predicates: frozenset[str]  # stems of the claim's verbs (what happened)
    clauses: int  # how many clauses the claim has (see annotate.extract.split_clauses)


def make_claim(text: str, claim_id: str, *, aliases: AliasTable | None = None) -> Claim:
    """A supplied claim with its facets read from the text.

    >>> c = make_claim("Talks began in Washington on November 9, 1933.", "c1")
    >>> c.origin.value, [d.iso for d in c.facets.dates], [e.name for e in c.facets.entities]
    ('supplied', ['1933-11-09'], ['Washington'])
    """
    stripped = " ".join(text.split())
    if not stripped:
        raise ClaimInputError(f"claim {claim_id}: empty text")
    try:
        return Claim(claim_id, stripped, extract_facets(stripped, aliases=aliases), Origin.SUPPLIED)
    except ValueError as exc:
        raise ClaimInputError(f"claim {claim_id}: {exc}") from None


class Checker:
    """Checks claims against the sentence passages of a set of documents.

    ``references`` (from :func:`annotate.references.build_references`) give the cite keys of the
    quoted sources. ``index`` is an evidence index to use (for example one on disk): sources whose
    sha256 it already records are not indexed again; by default an in-memory index is built.
    ``aliases`` defaults to :func:`annotate.extract.corpus_aliases` of the documents.
    """

    def __init__(
        self,
        documents: Sequence[Document] | Iterable[Document],
        references: Sequence[Reference] = (),
        *,
        index: EvidenceIndex | None = None,
        aliases: AliasTable | None = None,
    ) -> None:
        self._docs: dict[str, Document] = {}
        for doc in documents:
            self._docs[doc.source.id] = doc
        self._refs = list(references)
        self._aliases = aliases if aliases is not None else corpus_aliases(self._docs.values())
        self._index = index if index is not None else EvidenceIndex()
        self._keys: dict[str, str | None] = {sid: source_key(self._refs, sid) for sid in self._docs}
        self._sentences: dict[tuple[str, str], Passage] = {}
        df: Counter[str] = Counter()
        for doc in self._docs.values():
            for p in doc.sentences:
                self._sentences[(p.source, p.id)] = p
                df.update(set(content_stems(p.text)))
        self._df = df
        self._n = max(1, len(self._sentences))
        indexed = self._index.indexed_sources()
        for sid, doc in self._docs.items():
            if indexed.get(sid) != doc.source.sha256:
                self._index.add(doc.sentences, source_sha256={sid: doc.source.sha256})
        self._years: dict[str, dict[str, int | None]] = {}
        self._units: dict[tuple[str, str], list[_Unit]] = {}  # (source, sentence id) -> units

    # -- public -------------------------------------------------------------------------------------

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents checked against."""
        return tuple(self._docs.values())

    @property
    def aliases(self) -> AliasTable:
        """The alias table used for claims and passages."""
        return self._aliases

    def cite_key(self, source_id: str) -> str | None:
        """The cite key of a source's own reference, when references were given."""
        return self._keys.get(source_id)

    def make_claim(self, text: str, claim_id: str = "claim-1") -> Claim:
        """A supplied claim with facets read using this checker's alias table."""
        return make_claim(text, claim_id, aliases=self._aliases)

    def check(self, claim: Claim | str, *, claim_id: str | None = None) -> Verdict:
        """The verdict on one claim (a :class:`Claim` or its text)."""
        if isinstance(claim, str):
            claim = self.make_claim(claim, claim_id or "claim-1")
        elif claim.origin is Origin.SUPPLIED and len(claim.facets) == 0:
            claim = Claim(
                claim.id, claim.text, extract_facets(claim.text, aliases=self._aliases), claim.origin,
                claim.passage, claim.span, claim.speaker, claim.quoted_by,
            )  # fmt: skip
        view = self._view(claim)
        assessments = self._assess_all(view)
        return self._verdict(view, assessments)

    def check_all(self, claims: Iterable[Claim]) -> list[Verdict]:
        """The verdicts on several claims, in order."""
        return [self.check(c) for c in claims]

    def timed_check(self, claim: Claim | str) -> tuple[Verdict, float]:
        """A verdict and the seconds it took (for benchmarks)."""
        t0 = time.perf_counter()
        verdict = self.check(claim)
        return verdict, time.perf_counter() - t0

    # -- claims ---------------------------------------------------------------------------------------

    def _idf(self, stem: str) -> float:
        return math.log((self._n + 1) / (self._df.get(stem, 0) + 0.5))

    def _view(self, claim: Claim) -> _ClaimView:
        text = claim.text
        masked = list(text)
        for f in claim.facets:
            for i in range(f.span[0], min(f.span[1], len(masked))):
                masked[i] = " "
        masked_text = _LIGHT_RE.sub(" ", "".join(masked))
        words: dict[str, tuple[str, str, float]] = {}
        for m in _WORD_RE.finditer(masked_text):
            surface = m.group()
            low = surface.lower()
            if low in STOP_WORDS:
                continue
            lemma = _LEMMAS.get(low, low)
            stem = _word_stem(low)
            if stem is not None and stem not in words:
                weight = self._idf(stem)
                if low.endswith("ly") and len(low) > 4:
                    weight *= 0.5  # a manner adverb is rarely what the claim is about
                if lemma in _LIGHT_VERBS:
                    weight *= _LIGHT_WEIGHT
                words[stem] = (stem, surface, weight)
        entities: dict[str, Entity] = {}
        for e in claim.facets.entities:
            entities.setdefault(e.id, e)
        cwords = _words_of(text)
        predicates = frozenset(w.stem for w in cwords if w.verb)
        return _ClaimView(
            claim=claim,
            words=tuple(words.values()),
            entities=tuple(entities.values()),
            dates=claim.facets.dates,
            quantities=tuple(q for q in claim.facets.quantities if _counted(q, text, claim.facets.quantities)),
            adjectives=_adjective_pairs(text, self._aliases),
            negated=any(w.negated for w in cwords if w.verb) if predicates else _negated(text),
            predicates=predicates,
            clauses=len(split_clauses(text)),
        )

    # -- units --------------------------------------------------------------------------------------

    def _context_entities(self, doc: Document, block: Passage) -> tuple[tuple[Entity, ...], tuple[Entity, ...]]:
        """The entities of the block itself, and those of its section headings and the title."""
        paragraph = tuple(extract_facets(block.text, aliases=self._aliases).entities)
        texts = list(block.section)
        texts.extend(t.text for t in doc.of_kind(PassageKind.TITLE)[:1])
        frame: list[Entity] = []
        for t in texts:
            frame.extend(extract_facets(t, aliases=self._aliases).entities)
        return paragraph, tuple(frame)

    def _block_units(self, doc: Document, block_id: str) -> None:
        years = self._years.get(doc.source.id)
        if years is None:
            years = self._years[doc.source.id] = context_years(doc)
        block = doc[block_id]
        claims = clause_claims(doc, block, context_year=years.get(block_id), aliases=self._aliases)
        context, frame = self._context_entities(doc, block)
        by_sentence: dict[str, list[Claim]] = {}
        for c in claims:
            by_sentence.setdefault(c.passage or "", []).append(c)
        year = years.get(block_id)
        for sentence in doc.children(block_id):
            parts = by_sentence.get(sentence.id, [])
            units: list[_Unit] = []
            whole = Claim(
                f"{sentence.id}.c0",
                sentence.text,
                extract_facets(sentence.text, context_year=year, aliases=self._aliases),
                Origin.EXTRACTED,
                sentence.id,
                sentence.span,
            )
            for c, is_whole in [(whole, True), *((p, False) for p in parts if len(parts) > 1)]:
                units.append(
                    _Unit(
                        passage=sentence,
                        claim=c,
                        whole=is_whole,
                        stems=frozenset(content_stems(c.text)),
                        words=_words_of(c.text),
                        adjectives=_adjective_pairs(c.text, self._aliases),
                        year=year,
                        context=context,
                        frame=frame,
                    )
                )
            self._units[(sentence.source, sentence.id)] = units
            for d in whole.facets.dates:
                if not d.year_inferred and d.start[:4] == d.end[:4]:
                    year = int(d.start[:4])

    def _units_of(self, passage: Passage) -> list[_Unit]:
        key = (passage.source, passage.id)
        if key not in self._units:
            doc = self._docs[passage.source]
            if passage.parent is None:
                return []
            self._block_units(doc, passage.parent)
        return self._units.get(key, [])

    # -- assessing ----------------------------------------------------------------------------------

    def _assess_all(self, view: _ClaimView) -> list[_Assessment]:
        query = self._query(view)
        hits = self._index.search(query, TOP_K, kinds=("sentence",), sources=tuple(self._docs))
        top = hits[0].score if hits else 1.0
        seen: set[tuple[str, str]] = set()
        out: list[_Assessment] = []
        own = view.claim.passage if view.claim.origin is Origin.EXTRACTED else None
        for hit in hits:
            key = (hit.source, hit.passage)
            passage = self._sentences.get(key)
            if passage is None or key in seen or passage.id == own:
                continue
            seen.add(key)
            best: _Assessment | None = None
            units = self._units_of(passage)
            if len(units) > 1:
                # Compare like with like: a one-clause claim with clauses, a longer one with the sentence.
                units = [u for u in units if u.whole == (view.clauses > 1)]
            for unit in units:
                a = self._assess(view, unit, 0.1 * hit.score / top if top else 0.0)
                if best is None or _better(a, best):
                    best = a
            if best is not None and best.relation is not None:
                out.append(best)
        return out

    def _query(self, view: _ClaimView) -> str:
        extra: list[str] = []
        for e in view.entities:
            if e.name != e.text:
                extra.append(e.name)
        for d in view.dates:
            if d.precision in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.PART_OF_MONTH):
                month = int(d.start[5:7])
                extra.append(MONTH_NAMES[month - 1])
                extra.append(MONTH_NAMES[month - 1][:3])
            if d.start[:4] == d.end[:4]:
                extra.append(d.start[:4])
        return " ".join([view.claim.text, *extra])

    def _assess(self, view: _ClaimView, unit: _Unit, retrieval: float) -> _Assessment:
        facets = unit.claim.facets
        matched: list[str] = []
        partial: list[str] = []
        conflicts: list[_Conflict] = []
        # Each facet of the claim gets a status: ok (stated by the unit), implied (by its context),
        # compatible (a date the unit gives less precisely), conflict, or missing.
        statuses: list[str] = []
        # Words.
        total = sum(w for _, _, w in view.words)
        got = 0.0
        n_words = 0
        hit_words: list[str] = []
        for stem, surface, weight in view.words:
            if stem in unit.stems or any(_stems_match(stem, s) for s in unit.stems):
                got += weight
                n_words += 1
                hit_words.append(surface)
        lex = got / total if total > 0 else 0.0
        if hit_words:
            matched.append("words: " + ", ".join(hit_words))
        # The unit's words that state (not merely mention) what the claim's verbs say; a date of the
        # unit can only be the date of those not in a time clause.
        stated = [w for w in unit.words if not w.gerund and any(_stems_match(p, w.stem) for p in view.predicates)]
        main = [w for w in stated if not w.subordinate]
        anchor = False  # a facet of the claim stated in the unit itself
        context_anchor = False  # an entity of the claim named elsewhere in the unit's paragraph
        # Entities.
        ent_ok = 0.0
        unit_entities = facets.entities
        claimed_in_unit: set[str] = set()
        missing: list[Entity] = []
        for ce in view.entities:
            status = "missing"
            for ue in unit_entities:
                if _same_entity(ce, ue):
                    status = "match"
                    claimed_in_unit.add(ue.id)
                elif status == "missing" and _related_entity(ce, ue, self._aliases):
                    status = "related"
                    claimed_in_unit.add(ue.id)
            if status == "missing" and _mentions_text(ce.text, unit.claim.text):
                status = "match"
            if status == "missing":
                # A name the unit's analysis read differently ("the Bolsheviks", "the Bolshevik Party").
                name_stems = content_stems(ce.text)
                if name_stems and all(any(_stems_match(n, u) for u in unit.stems) for n in name_stems):
                    status = "match"
            if status == "related" and self._rival(ce, unit_entities, view.entities, claimed_in_unit, same_kind=True):
                status = "missing"  # "Moscow" related to "the Soviets", but the unit names Washington
            if status in ("match", "related"):
                anchor = anchor or status == "match"
                ent_ok += 1.0 if status == "match" else 0.75
                matched.append(f"entity {ce.name}" + (" (related)" if status == "related" else ""))
                statuses.append("ok")
            else:
                missing.append(ce)
        for ce in missing:
            rivals = self._rival(ce, unit_entities, view.entities, claimed_in_unit, same_kind=False)
            if rivals:
                facet = "place" if ce.type is EntityType.PLACE else "actor"
                conflicts.append(_Conflict(facet, ce.name, rivals[0].name))
                statuses.append("conflict")
            elif any(_same_entity(ce, x) or _related_entity(ce, x, self._aliases) for x in unit.context + unit.frame):
                # Named elsewhere in the paragraph ("It was signed ..."): an anchor too; named only in
                # a heading or the title: enough for support, not to tie the passage to the event.
                context_anchor = context_anchor or any(_same_entity(ce, x) for x in unit.context)
                ent_ok += 0.5
                matched.append(f"entity {ce.name} (from context)")
                statuses.append("implied")
            else:
                statuses.append("missing")
        for state, adjective, noun in view.adjectives:
            same_noun = [u for u in unit.adjectives if _stems_match(noun, u[2])]
            if same_noun and not any(u[0] == state or self._aliases.linked(u[0], state) for u in same_noun):
                conflicts.append(_Conflict("nationality", adjective, same_noun[0][1]))
                statuses.append("conflict")
        # Dates.
        date_ok = 0.0
        for cd in view.dates:
            status, ud = _compare_dates(cd, facets.dates)
            if status == "match" and ud is not None:
                anchor = True
                date_ok += 1.0
                matched.append(f"date {cd.iso}")
                statuses.append("ok")
            elif status == "compatible" and ud is not None:
                anchor = True
                date_ok += 0.5
                partial.append(f"gives the date only as {ud.iso} (the claim says {cd.iso})")
                statuses.append("compatible")
            elif status == "conflict" and ud is not None and (not stated or _attached(ud, main, unit.claim.text)):
                conflicts.append(_Conflict("date", cd.iso, ud.iso))
                statuses.append("conflict")
            elif unit.year is not None and cd.precision in _YEARISH and cd.contains(_year_value(unit.year)):
                date_ok += 0.5
                matched.append(f"date {cd.iso} (year from context)")
                statuses.append("implied")
            else:
                statuses.append("missing")
        # Quantities.
        qty_ok = 0.0
        for cq in view.quantities:
            status, uq = _compare_quantity(cq, facets.quantities)
            if status == "match" and uq is not None:
                anchor = True
                qty_ok += 1.0
                matched.append(f"quantity {_quantity_label(cq)}")
                statuses.append("ok")
            elif status == "conflict" and uq is not None:
                label_c, label_u = _quantity_label(cq), _quantity_label(uq)
                conflicts.append(_Conflict("quantity", f"{cq.text} ({label_c})", f"{uq.text} ({label_u})"))
                statuses.append("conflict")
            else:
                statuses.append("missing")
        n_facets = len(statuses)
        score = (
            lex
            + 0.4 * (ent_ok / len(view.entities) if view.entities else 0.0)
            + 0.4 * (date_ok / len(view.dates) if view.dates else 0.0)
            + 0.3 * (qty_ok / len(view.quantities) if view.quantities else 0.0)
            + retrieval
        )
        same_event = (lex >= LEX_ANCHORED and (anchor or context_anchor)) or (lex >= LEX_STRONG and n_words >= 2)
        predicate_ok = not view.predicates or bool(stated)
        unit_negated = any(w.negated for w in stated) if view.predicates else any(w.negated for w in unit.words)
        negation_differs = view.negated != unit_negated
        entity_conflicts = [c for c in conflicts if c.facet in ("actor", "place", "nationality")]
        one_change = not entity_conflicts or (len(entity_conflicts) == 1 and len(conflicts) == 1)
        relation: Relation | None
        if not same_event:
            relation = Relation.MENTIONS if (lex > 0 or anchor) else None
        elif conflicts:
            # Refuting takes the same event (its verb stated, everything else as in the claim) with one
            # facet changed; under a negation the other values say nothing ("not before 1933"). A
            # different date or number may come with participants left to the context ("It was signed
            # on ..."); a different participant needs the others stated in the passage itself.
            allowed = (
                ("ok", "compatible", "conflict") if entity_conflicts else ("ok", "compatible", "conflict", "implied")
            )
            rest_ok = all(st in allowed for st in statuses)
            dates_precise = all(st != "compatible" for st in statuses) or all(c.facet == "date" for c in conflicts)
            refutes = rest_ok and dates_precise and predicate_ok and one_change and not negation_differs
            relation = Relation.REFUTES if refutes else Relation.MENTIONS
        elif (
            lex >= (LEX_SUPPORT if n_facets else LEX_SUPPORT_NO_FACETS)
            and all(st in ("ok", "implied") for st in statuses)
            and (anchor or not n_facets)
        ):
            if negation_differs and predicate_ok:
                conflicts.append(
                    _Conflict("negation", "negated" if view.negated else "affirmed",
                              "negated" if unit_negated else "affirmed")
                )  # fmt: skip
                relation = Relation.REFUTES
            elif negation_differs:
                relation = Relation.MENTIONS
            else:
                relation = Relation.SUPPORTS
        else:
            relation = Relation.MENTIONS
        if relation is Relation.MENTIONS and not partial:
            shared = [m.split(" ", 1)[-1] for m in matched if not m.startswith("words")][:3]
            if hit_words:
                shared.insert(0, ", ".join(hit_words[:4]))
            partial.append(("shares " + "; ".join(shared) + " but not every fact") if shared else "is related")
        if relation is not Relation.REFUTES:
            conflicts = []
        return _Assessment(
            unit,
            relation,
            score,
            lex,
            tuple(matched),
            tuple(conflicts),
            tuple(partial),
            same_event,
            anchor or context_anchor,
        )

    def _rival(
        self,
        ce: Entity,
        unit_entities: Sequence[Entity],
        claim_entities: Sequence[Entity],
        claimed: set[str],
        *,
        same_kind: bool,
    ) -> list[Entity]:
        """The unit's entities that could stand where the claim has ``ce``: same type, not in the claim.

        ``same_kind`` also requires the same granularity (a seat of government for a seat).
        """
        if ce.type not in (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANISATION):
            return []
        return [
            ue
            for ue in unit_entities
            if ue.type is ce.type
            and ue.id not in claimed
            and (not same_kind or bool(ue.metonym_of) == bool(ce.metonym_of))
            and not any(_same_entity(x, ue) or _related_entity(x, ue, self._aliases) for x in claim_entities)
        ]

    # -- verdicts -----------------------------------------------------------------------------------

    def _evidence(self, claim_id: str, a: _Assessment) -> Evidence:
        span = a.unit.claim.span or a.unit.passage.span
        doc = self._docs[span.source]
        return Evidence(
            claim=claim_id,
            passage=a.unit.passage.id,
            span=span,
            quote=doc.quote(span),
            relation=a.relation or Relation.MENTIONS,
            score=round(a.score, 4),
            matched=a.matched,
            conflicts=tuple(f"{c.facet}: claim {c.claim_value}, source {c.source_value}" for c in a.conflicts),
            cite_key=self._keys.get(span.source),
        )

    def _own_evidence(self, claim: Claim) -> Evidence | None:
        if claim.origin is not Origin.EXTRACTED or claim.span is None or claim.passage is None:
            return None
        doc = self._docs.get(claim.span.source)
        if doc is None or claim.passage not in doc:
            return None
        return Evidence(
            claim=claim.id,
            passage=claim.passage,
            span=claim.span,
            quote=doc.quote(claim.span),
            relation=Relation.SUPPORTS,
            score=2.0,
            matched=("the passage the claim was extracted from",),
            cite_key=self._keys.get(claim.span.source),
        )

    def _verdict(self, view: _ClaimView, assessments: list[_Assessment]) -> Verdict:
        claim = view.claim
        supports = sorted((a for a in assessments if a.relation is Relation.SUPPORTS), key=lambda a: -a.score)
        # Without an anchor, "the same event" rests on the words alone: only the passage of each
        # source that matches the claim best may refute it ("the agreements were signed ..." is not
        # every signing the source reports).
        best: dict[str, float] = {}
        for a in assessments:
            if a.same_event:
                src = a.unit.passage.source
                best[src] = max(best.get(src, 0.0), a.score)
        refutes = sorted(
            (
                a
                for a in assessments
                if a.relation is Relation.REFUTES
                and (a.anchored or a.score >= best.get(a.unit.passage.source, 0.0) - 1e-9)
            ),
            key=lambda a: -a.score,
        )
        mentions = sorted((a for a in assessments if a.relation is Relation.MENTIONS), key=lambda a: -a.score)
        own = self._own_evidence(claim)
        all_sources = {a.unit.passage.source for a in supports} | ({own.source} if own else set())
        supports, refutes = _strongest(supports), _strongest(refutes)
        sup_ev = ([own] if own else []) + [self._evidence(claim.id, a) for a in supports]
        ref_ev = [self._evidence(claim.id, a) for a in refutes]
        # A supporting passage states every fact of the claim; a refuting one is a judgement that it
        # speaks of the same event. So any support wins, and disagreement is reported as conflicts.
        if sup_ev:
            label = Label.SUPPORTED
        elif ref_ev:
            label = Label.REFUTED
        else:
            label = Label.NOT_ENOUGH_INFO
        men_ev = [self._evidence(claim.id, a) for a in mentions[:MAX_MENTIONS]]
        evidence = ref_ev + sup_ev + men_ev if label is Label.REFUTED else sup_ev + ref_ev + men_ev
        conflicts = self._conflicts(claim, view, supports, own, refutes)
        corroborated = len(all_sources) >= 2
        explanation = self._explain(
            label, view, sup_ev=sup_ev, ref_ev=ref_ev, refutes=refutes, mentions=mentions, conflicts=conflicts
        )
        return Verdict(claim, label, evidence, explanation, corroborated, conflicts)

    def _conflicts(
        self,
        claim: Claim,
        view: _ClaimView,
        supports: list[_Assessment],
        own: Evidence | None,
        refutes: list[_Assessment],
    ) -> tuple[Conflict, ...]:
        out: list[Conflict] = []
        seen: set[tuple[str, ...]] = set()
        sup: list[tuple[Evidence, dict[str, str]]] = []
        if own is not None:
            sup.append((own, {}))
        sup.extend((self._evidence(claim.id, a), {}) for a in supports)
        ref = [(self._evidence(claim.id, a), {c.facet: c.source_value for c in a.conflicts}) for a in refutes]
        claim_values = {c.facet: c.claim_value for a in refutes for c in a.conflicts}
        # A supporting source states the claim's value; a refuting one its own.
        for ev_s, _ in sup:
            for ev_r, values in ref:
                if ev_s.source == ev_r.source:
                    continue
                for facet, value in values.items():
                    key = (facet, *sorted((ev_s.source, ev_r.source)), value)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Conflict(claim.id, facet, ev_s, ev_r, claim_values.get(facet, ""), value))
        for i, (ev_a, va) in enumerate(ref):
            for ev_b, vb in ref[i + 1 :]:
                if ev_a.source == ev_b.source:
                    continue
                for facet in va.keys() & vb.keys():
                    if va[facet] == vb[facet]:
                        continue
                    key = (facet, *sorted((ev_a.source, ev_b.source)), va[facet] + "|" + vb[facet])
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Conflict(claim.id, facet, ev_a, ev_b, va[facet], vb[facet]))
        return tuple(out[:MAX_CONFLICTS])

    def _cite(self, source: str) -> str:
        key = self._keys.get(source)
        return f"{source} ({key})" if key else source

    def _explain(
        self,
        label: Label,
        view: _ClaimView,
        *,
        sup_ev: list[Evidence],
        ref_ev: list[Evidence],
        refutes: list[_Assessment],
        mentions: list[_Assessment],
        conflicts: tuple[Conflict, ...],
    ) -> str:
        parts: list[str] = []
        if label is Label.SUPPORTED:
            first = sup_ev[0]
            what = [m for m in first.matched if not m.startswith("words")][:4]
            detail = f" ({'; '.join(what)})" if what else ""
            parts.append(f"SUPPORTED: {self._cite(first.source)} states it{detail}: “{_short(first.quote)}”.")
            others = [e for e in sup_ev[1:] if e.source != first.source]
            if others:
                e = others[0]
                parts.append(f"Corroborated by {self._cite(e.source)}: “{_short(e.quote)}”.")
        elif label is Label.REFUTED:
            a = refutes[0]
            c = a.conflicts[0]
            src = self._cite(ref_ev[0].source)
            quote = _short(ref_ev[0].quote)
            parts.append(f"REFUTED: {_conflict_phrase(c, src)}: “{quote}”.")
            for extra in a.conflicts[1:2]:
                parts.append(f"It also {_conflict_phrase(extra, 'the source', lead=False)}.")
        else:
            n = len(self._docs)
            parts.append(
                f"NOT_ENOUGH_INFO: no passage in the {n} source{'s' if n != 1 else ''} states or contradicts the claim."
            )
            if mentions:
                m = mentions[0]
                why = m.partial[0] if m.partial else "mentions some of it"
                ev = self._evidence(view.claim.id, m)
                parts.append(f"The closest, {self._cite(ev.source)}, {why}: “{_short(ev.quote)}”.")
        for conflict in conflicts[:2]:
            if conflict.first.relation is Relation.SUPPORTS:
                other, value = conflict.second, conflict.second_value
                says = "says the opposite" if conflict.facet == "negation" else f"gives the {conflict.facet} as {value}"
                parts.append(f"But {self._cite(other.source)} {says}: “{_short(other.quote)}”.")
            else:
                # Two refuting sources that disagree with each other as well.
                first, second = conflict.first, conflict.second
                parts.append(
                    f"The sources disagree on the {conflict.facet}: {self._cite(first.source)} says "
                    f"{conflict.first_value}, {self._cite(second.source)} says {conflict.second_value}: "
                    f"“{_short(second.quote)}”."
                )
        return " ".join(parts)


def _short(quote: str, limit: int = 300) -> str:
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _conflict_phrase(c: _Conflict, src: str, *, lead: bool = True) -> str:
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
    else:
        head = "denies it" if c.claim_value == "negated" else "states it as fact"
        tail = "says it did not happen" if c.source_value == "negated" else "states that it did"
    if not lead:
        return f"{head.replace('the event ', '')}, where it {tail}"
    return f"the claim {head}, but {src} {tail}"


def _better(a: _Assessment, b: _Assessment) -> bool:
    """Whether assessment ``a`` of a sentence's unit beats ``b``: support, then refute, then score."""
    rank = {Relation.SUPPORTS: 3, Relation.REFUTES: 2, Relation.MENTIONS: 1, None: 0}
    ka = (rank[a.relation], round(a.score, 6), not a.unit.whole)
    kb = (rank[b.relation], round(b.score, 6), not b.unit.whole)
    return ka > kb


def _strongest(assessments: list[_Assessment]) -> list[_Assessment]:
    """The best-scored assessments (already sorted), at most MAX_PER_SOURCE from each source."""
    out: list[_Assessment] = []
    per_source: dict[str, int] = {}
    for a in assessments:
        src = a.unit.passage.source
        if per_source.get(src, 0) >= MAX_PER_SOURCE:
            continue
        per_source[src] = per_source.get(src, 0) + 1
        out.append(a)
        if len(out) >= MAX_EVIDENCE:
            break
    return out
