"""Links from passages and claims to the further-reading references that cover them.

A body sentence (or a claim) is tied to a bibliography reference when what it says overlaps what the
reference is about. The evidence is scored, each piece with the words that matched:

* **author at work** (1.5): the sentence names one of the reference's authors as a person and says
  they wrote, recalled or argued something ("Hull later wrote ..." -> Hull's memoirs);
* **subject person** (1.0 / the number of titles naming that person): a person named in the sentence
  is named in the reference's title ("William C. Bullitt and the Soviet Union"); half as much for a
  person named only in the reference's annotation;
* **topic words**: the title's head nouns ("Agreements" in "The Roosevelt-Litvinov Agreements",
  "Recognition" in "Recognition of Russia"; a genre word such as "Memoirs" or "Documents" passes the
  head to its "of" phrase) count ``2 x rarity``; other title words ``rarity`` (subtitle words 0.7 of
  that); annotation words 0.3 of it. ``rarity`` is the word's IDF over the corpus's sentences scaled
  to 0..1, divided by the number of references whose title (or annotation) uses the word, so words
  every title shares ("Soviet", "Union", "Relations") weigh almost nothing;
* **shared phrase**: each two-word title phrase the sentence repeats adds the mean rarity of its words.

A link is made when the score reaches :data:`LINK_THRESHOLD`. Only references parsed from
further-reading entries are linked (a source's own reference is where the passage already is).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Final, NamedTuple, TypeVar

from annotate.claims.aliases import AliasTable
from annotate.claims.context import corpus_aliases
from annotate.claims.entity_memo import EntityMemo
from annotate.claims.mentions import find_entities
from annotate.claims.names import PersonName, names_compatible, parse_person_name
from annotate.claims.words import content_stems
from annotate.forked import can_fork, forked_map
from annotate.model import Claim, Entity, EntityType, Origin, ReferenceLink
from bibliography.model import Reference
from corpus.model import Document, PassageKind

__all__ = ["LINK_THRESHOLD", "link_references"]

A = TypeVar("A")
B = TypeVar("B")


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon string."""
    return frozenset(text.split())


#: The score a passage or claim needs to be linked to a reference.
LINK_THRESHOLD = 0.9

_AUTHOR_WEIGHT = 1.5
_HEAD_FACTOR = 2.0
_SUBTITLE_FACTOR = 0.7
_ANNOTATION_FACTOR = 0.3

_WRITING_RE = re.compile(
    r"\b(?:wrote|writes|written|writing|recalled|recalls|recounted|recounts|remembered|memoirs?|"
    r"argued|argues|noted|notes|observed|described|describes|recorded|reported|according to|"
    r"later said|claimed|insisted)\b",
    re.I,
)
# Words naming what kind of work a title is, not what it is about.
_GENRE = _wordset(
    """memoir memoirs documents document papers letters history histories study studies introduction essays
    essay reader guide survey account accounts analysis view views perspective perspectives collection
    selections readings notes diary diaries records volume edition handbook companion dictionary
    encyclopedia"""
)
# Function words the index's stop list leaves in; they say nothing about a topic.
_FUNCTION = _wordset(
    """toward towards behind also prior first good among within upon without across along around beyond
    despite per via already yet though however thus hence still even much many several various"""
)
_CUT_WORDS = _wordset("of in from for to on at by with under over during since between toward towards")


class _RefFeatures(NamedTuple):
    ref: Reference
    authors: tuple[PersonName, ...]
    persons: tuple[PersonName, ...]  # named in the title
    annotation_persons: tuple[PersonName, ...]
    heads: frozenset[str]
    main: frozenset[str]
    subtitle: frozenset[str]
    annotation: frozenset[str]
    phrases: frozenset[tuple[str, str]]
    vocabulary: frozenset[str]  # heads | main | subtitle | annotation: the stems that can weigh
    # The stems of the vocabulary that weigh in a topic score, with their weight: set by the _Scorer,
    # which knows how many titles share each stem (None before).
    weights: dict[str, float] | None = None


def _stems_in(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        out.extend(content_stems(w))
    return out


def _title_heads(main: str) -> list[str]:
    """The head nouns of a main title: the last word of each conjunct before its first preposition."""
    heads: list[str] = []
    text = re.sub(r"^(?:the|a|an)\s+", "", main.strip(), flags=re.I)
    for conjunct in re.split(r"\s+(?:and|&)\s+", text):
        words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", conjunct)
        cut = next((i for i, w in enumerate(words) if w.lower() in _CUT_WORDS), len(words))
        left, right = words[:cut], words[cut + 1 :]
        if not left:
            continue
        head = left[-1]
        if head.lower() in _GENRE and right:
            rcut = next((i for i, w in enumerate(right) if w.lower() in _CUT_WORDS), len(right))
            head = right[: rcut or 1][-1]
        heads.append(head)
    return heads


def _persons_in(text: str, aliases: AliasTable) -> list[PersonName]:
    out: list[PersonName] = []
    for e in find_entities(text, aliases):
        if e.type is EntityType.PERSON:
            parsed = parse_person_name(e.name)
            if parsed is not None:
                out.append(parsed)
    # Names joined in a compound ("Roosevelt-Litvinov") are still names: match known surnames.
    words = set(re.findall(r"[^\W\d_]+", text))
    for _pid, known in aliases.persons():
        if known.surname in words and not any(names_compatible(known, p) for p in out):
            out.append(known)
    return out


def _topic_text(text: str, aliases: AliasTable) -> str:
    """``text`` without its names and national adjectives: places and organisations are what most
    titles in a field share ("the Soviet Union"), so they say little about which work covers what."""
    chars = list(text)
    for e in find_entities(text, aliases):
        for i in range(e.span[0], e.span[1]):
            chars[i] = " "
    out = "".join(chars)
    return re.sub(r"[^\W\d_]+", lambda m: " " if aliases.is_adjective(m.group()) else m.group(), out)


def _features(ref: Reference, *, aliases: AliasTable) -> _RefFeatures:
    title = ref.title or ""
    persons = _persons_in(title, aliases)
    person_words = {w.lower() for p in persons for w in (p.surname, *p.given)}
    topic = _topic_text(title, aliases)
    main, _, sub = topic.partition(":")
    heads = [h for h in _title_heads(main) if h.lower() not in person_words]

    def words(text: str) -> list[str]:
        return [
            w
            for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
            if w.lower() not in person_words and w.lower() not in _GENRE and w.lower() not in _FUNCTION and len(w) > 2
        ]

    phrases = set()
    seq = _stems_in(words(topic))
    for a, b in itertools.pairwise(seq):
        phrases.add((a, b))
    authors = tuple(p for p in (parse_person_name(a.sort_name) for a in ref.authors if not a.is_literal) if p)
    annotation = ref.annotation or ""
    head_stems = frozenset(_stems_in(heads))
    main_stems = frozenset(_stems_in(words(main)))
    sub_stems = frozenset(_stems_in(words(sub)))
    annotation_stems = frozenset(_stems_in(words(_topic_text(annotation, aliases))))
    return _RefFeatures(
        ref=ref,
        authors=authors,
        persons=tuple(persons),
        annotation_persons=tuple(_persons_in(annotation, aliases)) if annotation else (),
        heads=head_stems,
        main=main_stems,
        subtitle=sub_stems,
        annotation=annotation_stems,
        phrases=frozenset(phrases),
        vocabulary=head_stems | main_stems | sub_stems | annotation_stems,
    )


class _Target(NamedTuple):
    id: str
    text: str
    persons: tuple[tuple[PersonName, str], ...]  # parsed name and the words as written
    # Read once per target, not once per reference it is scored against:
    stems: tuple[str, ...]  # content_stems(text)
    writing: str | None  # the "wrote"/"argues"... words, when the text has them
    stem_set: frozenset[str]  # the stems as a set, and their neighbouring pairs (for phrases)
    pairs: frozenset[tuple[str, str]]


def _known_entities(claims: Sequence[Claim]) -> dict[tuple[str, str, str], tuple[Entity, ...]]:
    """A sentence of one clause is its extracted claim's text: the claim's entities are the sentence's."""
    known: dict[tuple[str, str, str], tuple[Entity, ...]] = {}
    for c in claims:
        if c.origin is Origin.EXTRACTED and c.span is not None and c.passage is not None:
            known.setdefault((c.span.source, c.passage, c.text), c.facets.entities)
    return known


def _doc_targets(
    doc: Document, known: dict[tuple[str, str, str], tuple[Entity, ...]], memo: EntityMemo
) -> list[_Target]:
    out: list[_Target] = []
    for p in doc.sentences:
        parent = doc[p.parent] if p.parent and p.parent in doc else None
        if parent is None or parent.kind not in (PassageKind.PARAGRAPH, PassageKind.LIST_ITEM):
            continue
        entities = known.get((p.source, p.id, p.text))
        persons = tuple(
            (parsed, e.text)
            for e in (memo.peek(p.text) if entities is None else entities)
            if e.type is EntityType.PERSON and (parsed := parse_person_name(e.name)) is not None
        )
        out.append(_target(p.id, p.text, persons))
    return out


def _claim_target(c: Claim) -> _Target:
    persons = tuple(
        (parsed, e.text)
        for e in c.facets.entities
        if e.type is EntityType.PERSON and (parsed := parse_person_name(e.name)) is not None
    )
    return _target(c.id, c.text, persons)


def _target(target_id: str, text: str, persons: tuple[tuple[PersonName, str], ...]) -> _Target:
    writing = _WRITING_RE.search(text)
    stems = content_stems(text)
    return _Target(
        target_id,
        text,
        persons,
        stems,
        writing.group() if writing else None,
        frozenset(stems),
        frozenset(itertools.pairwise(stems)),
    )


def link_references(
    documents: Iterable[Document],
    references: Sequence[Reference],
    claims: Iterable[Claim] = (),
    *,
    aliases: AliasTable | None = None,
    threshold: float = LINK_THRESHOLD,
    jobs: int = 1,
    entities: EntityMemo | None = None,
) -> list[ReferenceLink]:
    """Tie each body sentence of ``documents`` (and each claim) to the further-reading references
    that cover it, in target order, best link first.

    ``aliases`` resolves names (default: :func:`annotate.extract.corpus_aliases` of the documents);
    ``claims`` extracted from the documents are taken as read with it (a sentence that is an extracted
    claim's whole text takes the claim's entities). ``jobs`` processes (forked, where the platform
    forks) read the references and score the documents and claims: the same links for any ``jobs``.
    ``entities`` holds the entities of sentences already read with the same table (by the checker):
    those are not read again (the same links with or without it).
    """
    docs = list(documents)
    claim_list = list(claims)
    table = aliases if aliases is not None else corpus_aliases(docs)
    entries = [r for r in references if r.key and any(p.passage for p in r.provenance)]
    if not entries:
        return []
    workers = jobs if can_fork() and len(docs) + len(claim_list) >= _MIN_TARGETS_TO_FORK else 1
    feats = list(_mapped(functools.partial(_features, aliases=table), entries, workers))
    linker = _Linker(_Scorer(docs, feats), threshold)
    known = _known_entities(claim_list)
    memo = entities if entities is not None and entities.serves(table) else EntityMemo(table)
    # Work in target order: each document's sentences, then the claims a slice at a time.
    items: list[Document | Sequence[Claim]] = [*docs]
    items += [claim_list[i : i + _CLAIMS_PER_ITEM] for i in range(0, len(claim_list), _CLAIMS_PER_ITEM)]
    step = functools.partial(_item_links, linker=linker, known=known, memo=memo)
    return [link for found in _mapped(step, items, workers) for link in found]


# Below this many documents and claims the processes cost more than they save.
_MIN_TARGETS_TO_FORK: Final = 200
_CLAIMS_PER_ITEM: Final = 64


def _mapped(fn: Callable[[A], B], items: Sequence[A], workers: int) -> Iterator[B]:
    if workers <= 1:
        return map(fn, items)
    return forked_map(fn, items, workers, chunk=max(1, len(items) // (4 * workers)))


def _item_links(
    item: Document | Sequence[Claim],
    *,
    linker: _Linker,
    known: dict[tuple[str, str, str], tuple[Entity, ...]],
    memo: EntityMemo,
) -> list[ReferenceLink]:
    targets = _doc_targets(item, known, memo) if isinstance(item, Document) else [_claim_target(c) for c in item]
    return [link for target in targets for link in linker.links(target)]


class _Linker:
    """Scores a target against only the references that could link to it."""

    def __init__(self, scorer: _Scorer, threshold: float) -> None:
        self.scorer = scorer
        self.threshold = threshold
        # Only a reference sharing a title or annotation stem, or a person's surname, with a target can
        # score above zero; looking those up keeps linking linear in the targets, where scoring every
        # reference for every sentence grew with their product. Same links, same order.
        self.by_stem: dict[str, list[int]] = {}
        self.by_surname: dict[str, list[int]] = {}
        for i, f in enumerate(scorer.feats):
            for stem in f.heads | f.main | f.subtitle | f.annotation:
                self.by_stem.setdefault(stem, []).append(i)
            for person in {p.surname_key for p in (*f.authors, *f.persons, *f.annotation_persons)}:
                self.by_surname.setdefault(person, []).append(i)

    def links(self, target: _Target) -> list[ReferenceLink]:
        candidates: set[int] = set()
        for stem in target.stem_set:
            candidates.update(self.by_stem.get(stem, ()))
        for parsed, _ in target.persons:
            candidates.update(self.by_surname.get(parsed.surname_key, ()))
        feats = (self.scorer.feats[i] for i in sorted(candidates))
        found = [link for f in feats if (link := self.scorer.link(target, f, self.threshold)) is not None]
        found.sort(key=lambda link: -link.score)
        return found


class _Scorer:
    """How strongly a target sentence or claim points at a reference: people and rare title words."""

    def __init__(self, docs: Sequence[Document], feats: list[_RefFeatures]) -> None:
        self.feats = feats
        # Rarity: IDF over the corpus's sentences, scaled to 0..1.
        self.df: Counter[str] = Counter()
        n = 0
        for doc in docs:
            for sentence in doc.sentences:
                n += 1
                self.df.update(set(content_stems(sentence.text)))
        self.n = max(n, 1)
        self.scale = math.log(self.n + 1)
        self.idf = functools.lru_cache(maxsize=4096)(self._idf)
        self.title_counts: Counter[str] = Counter()
        self.annotation_counts: Counter[str] = Counter()
        self.person_counts: Counter[str] = Counter()
        for f in feats:
            self.title_counts.update(f.main | f.subtitle | f.heads)
            self.annotation_counts.update(f.annotation)
            for p in f.persons:
                self.person_counts[p.surname_key] += 1
        # A stem's weight for a reference depends on the two alone: worked out once per reference, where
        # it was worked out again for each of the 80k (target, reference) pairs of 723 documents.
        self.feats = [f._replace(weights=self._weights(f)) for f in feats]

    def _weights(self, f: _RefFeatures) -> dict[str, float]:
        """The stems of ``f``'s vocabulary that weigh in its topic score (over 0.05), with their weight."""
        weights = {stem: self._stem_weight(stem, f) for stem in f.vocabulary}
        return {stem: w for stem, w in weights.items() if w > 0.05}

    def _idf(self, stem: str) -> float:
        return max(0.0, math.log((self.n + 1) / (self.df.get(stem, 0) + 1)) / self.scale)

    def link(self, target: _Target, f: _RefFeatures, threshold: float) -> ReferenceLink | None:
        score, reasons, words = self._people(target, f)
        topic, shared = self._topic(target, f)
        score += topic
        if score < threshold or not f.ref.key:
            return None  # decided before the quoted words are looked up, which costs the most
        if shared:
            reasons.append("shared title words: " + ", ".join(shared))
            words.extend(_surface(target.text, s) for s in shared)
        return ReferenceLink(
            target=target.id,
            key=f.ref.key,
            reason="; ".join(reasons),
            words=tuple(dict.fromkeys(w for w in words if w)),
            score=round(score, 3),
        )

    def _people(self, target: _Target, f: _RefFeatures) -> tuple[float, list[str], list[str]]:
        if not target.persons:
            return 0.0, [], []  # most targets name no one: nothing below can match
        score = 0.0
        reasons: list[str] = []
        words: list[str] = []
        # Author at work.
        writing = target.writing
        if writing:
            for author in f.authors:
                hit = next((t for p, t in target.persons if names_compatible(p, author)), None)
                if hit:
                    score += _AUTHOR_WEIGHT
                    reasons.append(f"author {author.surname} + '{writing}'")
                    words.extend([hit, writing])
                    break
        # Subject persons, then persons the annotation names (worth less).
        for persons, weight, label, extra in (
            (f.persons, 1.0, "subject", 0),
            (f.annotation_persons, 0.5, "annotation names", 1),
        ):
            for person in persons:
                hit = next((t for p, t in target.persons if names_compatible(p, person)), None)
                if hit and hit not in words:
                    score += weight / max(1, self.person_counts[person.surname_key] + extra)
                    reasons.append(f"{label} {person.display}")
                    words.append(hit)
        return score, reasons, words

    def _topic(self, target: _Target, f: _RefFeatures) -> tuple[float, list[str]]:
        score = 0.0
        shared: list[str] = []
        # Only a stem of the reference's vocabulary weighs anything: the rest are not looked up.
        weights = f.weights if f.weights is not None else self._weights(f)
        for stem in sorted(target.stem_set.intersection(weights)):
            score += weights[stem]
            shared.append(stem)
        # Sorted: a set of tuples of strings iterates in an order that changes with the hash seed.
        for a, b in sorted(target.pairs & f.phrases):
            score += (self.idf(a) + self.idf(b)) / 2
            shared.append(f"{a} {b}")
        return score, shared

    def _stem_weight(self, stem: str, f: _RefFeatures) -> float:
        if stem in f.heads:
            return _HEAD_FACTOR * self.idf(stem) / max(1, self.title_counts[stem])
        if stem in f.main:
            return self.idf(stem) / max(1, self.title_counts[stem])
        if stem in f.subtitle:
            return _SUBTITLE_FACTOR * self.idf(stem) / max(1, self.title_counts[stem])
        if stem in f.annotation:
            return _ANNOTATION_FACTOR * self.idf(stem) / max(1, self.annotation_counts[stem])
        return 0.0


def _surface(text: str, stem_or_phrase: str) -> str:
    """The words of ``text`` a stem (or a two-stem phrase) was read from, as written."""
    parts = stem_or_phrase.split()
    tokens = list(re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text))
    for i, m in enumerate(tokens):
        if content_stems(m.group()) == (parts[0],):
            if len(parts) == 1:
                return m.group()
            rest = [t for t in tokens[i + 1 :] if content_stems(t.group())][:1]
            if rest and content_stems(rest[0].group()) == (parts[1],):
                return text[m.start() : rest[0].end()]
    return stem_or_phrase
