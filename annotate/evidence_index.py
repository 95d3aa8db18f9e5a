"""The evidence index: passages indexed for BM25 retrieval, in memory or on disk.

:class:`EvidenceIndex` puts :class:`corpus.model.Passage` objects into a `tantivy
<https://github.com/quickwit-oss/tantivy-py>`_ index and answers free-text claims with the
best-scoring passages as :class:`Hit` objects. Given a directory, the index lives there and is
reopened by the next ``EvidenceIndex(path)`` without re-adding anything; the ``(source id,
sha256)`` pairs recorded by :meth:`EvidenceIndex.add` tell a caller which sources are already
indexed and unchanged.

Why tantivy: at one million passages a top-10 claim query takes a few milliseconds at the 95th
percentile (``bench/bench_index.py``), where SQLite FTS5 takes seconds for the same OR-of-terms
claims, and pure-Python BM25 scans every passage per query.

Concurrency: one writer at a time. Any number of ``EvidenceIndex`` objects may read the same
directory, but only one may be inside :meth:`EvidenceIndex.add` at once (tantivy holds a lock
file; a second writer gets :class:`EvidenceIndexError`). Another object sees a commit shortly
after it (tantivy reloads readers on commit). Objects are not thread-safe.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import tantivy

from annotate.errors import EvidenceIndexError
from annotate.model import Hit
from corpus.model import Passage, PassageKind
from textkit.stopwords import ENGLISH_STOP_WORDS

__all__ = ["STOP_WORDS", "EvidenceIndex", "query_terms"]


# ---------------------------------------------------------------------------------------------
# Query analysis
# ---------------------------------------------------------------------------------------------

# English function words left out of queries. They match most passages, so they add little to
# BM25 ranking but cost the most time (their posting lists are the longest).
STOP_WORDS: Final[frozenset[str]] = ENGLISH_STOP_WORDS

# The text field's analyzer: tantivy's ``en_stem`` (simple tokenizer, long-token removal,
# lowercasing, Snowball English) plus ASCII folding, so "Litvínov" matches "Litvinov".
_ANALYZER_NAME: Final = "citetrace_en"
_MAX_TOKEN_BYTES: Final = 40


def _index_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(_MAX_TOKEN_BYTES))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


# Queries go through the same steps split in two, so stop words can be dropped on the unstemmed
# word and each word's stem is exactly the term the index holds.
_WORDS: Final = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(_MAX_TOKEN_BYTES))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.ascii_fold())
    .build()
)
_STEMMER: Final = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.stemmer("english")).build()
)

# Queries longer than this many distinct words keep their first ones: a pasted page should not
# turn into a thousand-clause query.
_MAX_QUERY_TERMS: Final = 64
# Weight of a derived variant (recognition for recognized) against the word's own stem.
_VARIANT_BOOST: Final = 0.8
_ISE_IZE_RE: Final = re.compile(r"^(\w{3,})i([sz])(e|ed|es|ing|ation|ations|er|ers)$")


# Both are kept per word: the checker searches once per claim, and a corpus's claims share their words.
@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    out = _STEMMER.analyze(word)
    return out[0] if len(out) == 1 else word


@functools.lru_cache(maxsize=1 << 16)
def _variants(word: str, stem: str) -> tuple[str, ...]:
    """Other index terms a claim word should also match, besides its own stem.

    Snowball keeps apart word families a claim writer treats as one: ``recognized``/``recognize``
    stem to ``recogn`` but ``recognition`` to ``recognit``, and British ``recognised`` to
    ``recognis``. A variant that no passage contains costs one dictionary lookup.
    """
    forms = {word}
    m = _ISE_IZE_RE.match(word)
    if m:
        other = "z" if m.group(2) == "s" else "s"
        forms.add(f"{m.group(1)}i{other}{m.group(3)}")
    stems = {_stem(f) for f in forms}
    out = set(stems)
    for s in stems:
        if s.endswith("it"):
            # recognition -> recognit -> recogn; only for real -ition nouns (not credit, summit).
            if word.endswith(("ition", "itions")) and len(s) >= 7:
                out.add(s[:-2])
        elif len(s) >= 5:
            out.add(s + "it")
    out.discard(stem)
    return tuple(sorted(out))


def query_terms(query: str) -> list[str]:
    """The index terms (stems) a query searches for, in query order, without stop words.

    When every word is a stop word the stop words are kept, so "The Who" still finds something.

    >>> query_terms("Roosevelt recognized the Soviet Union on November 16, 1933")
    ['roosevelt', 'recogn', 'soviet', 'union', 'novemb', '16', '1933']
    """
    return [stem for _word, stem in _query_words(query)]


def _query_words(query: str) -> list[tuple[str, str]]:
    words = _WORDS.analyze(query)
    content = [w for w in words if w not in STOP_WORDS] or words
    seen: dict[str, str] = {}
    for w in content:
        stem = _stem(w)
        if stem not in seen:
            seen[stem] = w
            if len(seen) == _MAX_QUERY_TERMS:
                break
    return [(w, stem) for stem, w in seen.items()]


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------

# Bump when the schema or the analyzer changes: older directories are then refused, not misread.
_FORMAT: Final = "citetrace-evidence-index/1"
_META_KEY: Final = "meta"
#: A file beside the engine's own, naming the folder as one this library made (so it may rebuild it).
_MARKER: Final = "citetrace-index.json"

# Field names. Every document carries ``key`` (unique per record) and ``rec`` (its record type):
# ``passage`` records are what search returns; one ``source`` record per source keeps its sha256
# (empty when unknown); one ``meta`` record holds the format string in ``value``.
_F_KEY, _F_REC, _F_ID, _F_SOURCE, _F_KIND = "key", "rec", "id", "source", "kind"
_F_START, _F_END, _F_TEXT, _F_SECTION, _F_VALUE = "start", "end", "text", "section", "value"
_REC_PASSAGE, _REC_SOURCE, _REC_META = "passage", "source", "meta"

_SHA256_RE: Final = re.compile(r"^[0-9a-f]{64}$")
_WRITER_HEAP: Final = 128_000_000
# Ties at the k-th score are resolved by passage id; past this many tied candidates the engine's
# own order decides (only a pathological corpus of identical passages gets there).
_MAX_TIE_FETCH: Final = 4096
# Rewriting a segment's sources can land them in a segment a background merge then mixes with
# others; a few rounds leave none with deleted records.
_MAX_COMPACTIONS: Final = 4


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in (_F_KEY, _F_REC):
        sb.add_text_field(name, tokenizer_name="raw")
    for name in (_F_ID, _F_SOURCE, _F_KIND, _F_VALUE):
        sb.add_text_field(name, stored=True, tokenizer_name="raw")
    sb.add_unsigned_field(_F_START, stored=True)
    sb.add_unsigned_field(_F_END, stored=True)
    # BM25 needs only term frequencies; positions cost ~10% more disk (the stored text dominates)
    # and keep phrase and proximity queries possible without re-indexing a large corpus.
    sb.add_text_field(_F_TEXT, stored=True, tokenizer_name=_ANALYZER_NAME, index_option="position")
    sb.add_bytes_field(_F_SECTION, stored=True)
    return sb.build()


def _passage_key(source: str, passage_id: str) -> str:
    # Ids are NCNames, so '/' cannot occur in either part.
    return f"p/{source}/{passage_id}"


def _source_key(source: str) -> str:
    return f"s/{source}"


class EvidenceIndex:
    """A BM25 index over passages (:class:`corpus.model.Passage`), backed by tantivy.

    ``path=None`` keeps the index in memory. A path names a directory: created when missing or
    empty, reopened when it holds an index written by this class (nothing needs re-adding).
    Anything else there raises :class:`EvidenceIndexError` naming the path.

    >>> from corpus.model import OffsetMap, Passage, Span
    >>> text = "Roosevelt recognized the Soviet Union in November 1933."
    >>> p = Passage("s1.p1", "paragraph", text, Span("s1", 0, len(text)), OffsetMap.contiguous(0, len(text)))
    >>> index = EvidenceIndex()
    >>> index.add([p], source_sha256={"s1": "0" * 64})
    1
    >>> [h.passage for h in index.search("recognition of the USSR by Roosevelt")]
    ['s1.p1']
    >>> len(index), "s1.p1" in index, index.indexed_sources()
    (1, True, {'s1': '0000000000000000000000000000000000000000000000000000000000000000'})
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, rebuild: bool = False) -> None:
        self._path = None if path is None else Path(path)
        self._schema = _schema()
        self._word_queries: dict[tuple[str, str], tantivy.Query] = {}
        #: Why the index on disk was rebuilt (``rebuild=True`` and it was corrupt or of another format).
        self.rebuilt: str | None = None
        if self._path is None:
            self._index = tantivy.Index(self._schema)
            self._index.register_tokenizer(_ANALYZER_NAME, _index_analyzer())
            self._write_meta()
        elif (self._path / "meta.json").is_file():
            try:
                self._open_existing(self._path)
            except EvidenceIndexError as exc:
                # Only a folder this library created (it holds the marker) is ever emptied.
                if not rebuild or not (self._path / _MARKER).is_file():
                    raise
                self.rebuilt = str(exc)
                self._clear(self._path)
                self._create(self._path)
        else:
            self._create(self._path)

    @staticmethod
    def _clear(path: Path) -> None:
        for entry in path.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                raise EvidenceIndexError(f"{path}: holds a folder {entry.name!r}; not clearing it to rebuild the index")
            entry.unlink()

    # -- opening --------------------------------------------------------------------------------

    def _create(self, path: Path) -> None:
        if path.exists() and not path.is_dir():
            raise EvidenceIndexError(f"{path}: not a directory, cannot hold an evidence index")
        if path.is_dir() and any(path.iterdir()):
            raise EvidenceIndexError(f"{path}: directory is not empty and holds no evidence index")
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self._schema, path=str(path), reuse=False)
        except (OSError, ValueError) as exc:
            raise EvidenceIndexError(f"{path}: cannot create an evidence index ({_one_line(exc)})") from exc
        self._index.register_tokenizer(_ANALYZER_NAME, _index_analyzer())
        self._write_meta()
        (path / _MARKER).write_text(json.dumps({"format": _FORMAT}) + "\n", encoding="utf-8")

    def _open_existing(self, path: Path) -> None:
        fmt: object = None
        try:
            index = tantivy.Index.open(str(path))
            index.register_tokenizer(_ANALYZER_NAME, _index_analyzer())
            schema = index.schema
            # Opening the searcher opens every segment, so missing or truncated files show here.
            searcher = index.searcher()
            try:
                meta_query = tantivy.Query.term_query(schema, _F_KEY, _META_KEY)
            except ValueError:
                meta_query = None  # another schema: some other tantivy index
            if meta_query is not None:
                found = searcher.search(meta_query, 1).hits
                fmt = searcher.doc(found[0][1]).get_first(_F_VALUE) if found else None
        except BaseException as exc:
            if not _is_engine_failure(exc):
                raise
            raise EvidenceIndexError(f"{path}: corrupt or unreadable evidence index ({_one_line(exc)})") from exc
        if fmt != _FORMAT:
            what = "not a citetrace evidence index" if fmt is None else f"index format {fmt!r}"
            raise EvidenceIndexError(f"{path}: {what}, expected {_FORMAT!r}; delete it and index again")
        self._index = index
        self._schema = schema

    def _write_meta(self, *, replace: bool = False) -> None:
        doc = tantivy.Document()
        doc.add_text(_F_KEY, _META_KEY)
        doc.add_text(_F_REC, _REC_META)
        doc.add_text(_F_VALUE, _FORMAT)
        writer = self._writer()
        try:
            if replace:
                writer.delete_documents_by_term(_F_KEY, _META_KEY)
            writer.add_document(doc)
            writer.commit()
            writer.wait_merging_threads()
        finally:
            del writer
        self._index.reload()

    def _writer(self) -> tantivy.IndexWriter:
        try:
            return self._index.writer(heap_size=_WRITER_HEAP)
        except ValueError as exc:
            where = self._path if self._path is not None else "in-memory index"
            if "LockBusy" in str(exc):
                raise EvidenceIndexError(
                    f"{where}: another writer holds the index lock (one writer at a time)"
                ) from exc
            raise EvidenceIndexError(f"{where}: cannot open a writer ({_one_line(exc)})") from exc

    # -- writing --------------------------------------------------------------------------------

    def add(self, passages: Iterable[Passage], *, source_sha256: Mapping[str, str] | None = None) -> int:
        """Index ``passages`` in one commit and return how many were added.

        A passage already in the index (same source and id) is replaced. ``source_sha256`` maps
        source ids to the SHA-256 of their raw files (:attr:`corpus.model.Source.sha256`): each
        such source's earlier passages are all removed first, and the hash is recorded for
        :meth:`indexed_sources`, so index a changed source by passing all its passages with its
        new hash. Nothing is visible to searches until the commit at the end; if iterating
        ``passages`` raises, nothing is changed.
        """
        return self._write(passages, dict(source_sha256 or {}), ())

    def sync(self, sources: Mapping[str, tuple[str, Iterable[Passage]]]) -> int:
        """Make the index hold exactly ``sources`` (source id -> (raw-file SHA-256, its passages)),
        changing only what differs, and return how many passages were written.

        Sources recorded with the same hash are left alone (their passages are not read); changed
        and new ones are written, and sources not named are removed, in one commit. Searches then
        score as in an index built afresh from ``sources``: tantivy counts a deleted passage in
        its BM25 statistics until its segment is merged, so on disk every segment left holding
        deleted passages is rewritten (its sources' passages added again) until none is.

        >>> from corpus.model import OffsetMap, Passage, Span
        >>> def one(src, text):
        ...     span, offsets = Span(src, 0, len(text)), OffsetMap.contiguous(0, len(text))
        ...     return [Passage(f"{src}.s1", "sentence", text, span, offsets)]
        >>> index = EvidenceIndex()
        >>> index.sync({"a": ("1" * 64, one("a", "Talks began.")), "b": ("2" * 64, one("b", "Talks ended."))})
        2
        >>> index.sync({"a": ("1" * 64, one("a", "Talks began.")), "c": ("3" * 64, one("c", "New talks."))})
        1
        >>> sorted(index.indexed_sources())
        ['a', 'c']
        """
        hashes = {sid: sha for sid, (sha, _) in sources.items()}
        recorded = self._source_records(self._index.searcher())
        changed = sorted(sid for sid, sha in hashes.items() if recorded.get(sid) != sha)
        gone = sorted(set(recorded) - set(hashes))
        n = 0
        if changed or gone:
            passages = (p for sid in changed for p in sources[sid][1])
            n = self._write(passages, {sid: hashes[sid] for sid in changed}, gone)
        return n + self._compact(sources)

    def _write(self, passages: Iterable[Passage], hashes: dict[str, str], remove: Iterable[str]) -> int:
        for sid, sha in hashes.items():
            if not isinstance(sha, str) or not _SHA256_RE.match(sha):
                raise EvidenceIndexError(f"source_sha256[{sid!r}]: {sha!r} is not a lowercase hex SHA-256")
        searcher = self._index.searcher()
        # Replacement needs one lookup per passage; an empty index (the bulk case) skips them.
        check_existing = self._count(searcher, _REC_PASSAGE) > 0
        recorded = self._source_records(searcher)
        writer = self._writer()
        try:
            for sid in remove:
                writer.delete_documents_by_term(_F_SOURCE, sid)
                recorded.pop(sid, None)
            for sid, sha in sorted(hashes.items()):
                writer.delete_documents_by_term(_F_SOURCE, sid)
                writer.add_document(self._source_doc(sid, sha))
                recorded[sid] = sha
            # Hashes of keys added in this call; a collision only costs a no-op delete.
            added: set[int] = set()
            n = 0
            for p in passages:
                key = _passage_key(p.source, p.id)
                h = hash(key)
                if h in added or (check_existing and p.source not in hashes and searcher.doc_freq(_F_KEY, key) > 0):
                    writer.delete_documents_by_term(_F_KEY, key)
                added.add(h)
                if p.source not in recorded:
                    writer.add_document(self._source_doc(p.source, ""))
                    recorded[p.source] = ""
                writer.add_document(self._passage_doc(p))
                n += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.rollback()
            raise
        finally:
            # Dropping the writer releases tantivy's lock file, even when a traceback keeps this frame.
            del writer
        self._index.reload()
        return n

    def _compact(self, sources: Mapping[str, tuple[str, Iterable[Passage]]]) -> int:
        """Rewrite the sources of every segment holding deleted records (see :meth:`sync`)."""
        n = 0
        for _ in range(_MAX_COMPACTIONS):
            owners = self._polluted_owners()
            if owners is None:
                return n
            unknown = owners - set(sources) - {""}
            if unknown:  # pragma: no cover - sync removes every source it was not given
                raise EvidenceIndexError(f"{self._path}: cannot rewrite sources {sorted(unknown)[:3]} it was not given")
            named = sorted(owners - {""})
            n += self._write((p for sid in named for p in sources[sid][1]), {sid: sources[sid][0] for sid in named}, ())
            if "" in owners:
                self._write_meta(replace=True)
        if self._polluted_owners() is not None:
            raise EvidenceIndexError(f"{self._path}: deleted passages remain after {_MAX_COMPACTIONS} rewrites")
        return n

    def _polluted_owners(self) -> set[str] | None:
        """The sources ("" for the format record) with records in a segment that also holds deleted
        ones, or None when no segment does (always None in memory, where nothing is read back)."""
        if self._path is None:
            return None
        try:
            segments = json.loads((self._path / "meta.json").read_text(encoding="utf-8"))["segments"]
            deleted = [int((s.get("deletes") or {}).get("num_deleted_docs", 0)) for s in segments]
            alive_meta = [int(s["max_doc"]) - d for s, d in zip(segments, deleted, strict=True)]
            polluted = {i for i, d in enumerate(deleted) if d}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EvidenceIndexError(f"{self._path}: unreadable meta.json ({_one_line(exc)})") from exc
        if not polluted:
            return None
        searcher = self._index.searcher()
        hits = searcher.search(tantivy.Query.all_query(), max(1, searcher.num_docs), count=False).hits
        alive = [0] * len(segments)
        for _score, addr in hits:
            if addr.segment_ord < len(alive):
                alive[addr.segment_ord] += 1
        if alive != alive_meta:
            polluted = set(range(len(segments)))  # the searcher's segments are not meta.json's: rewrite all
        return {_stored_str(searcher.doc(addr), _F_SOURCE) for _score, addr in hits if addr.segment_ord in polluted}

    @staticmethod
    def _source_doc(source: str, sha256: str) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text(_F_KEY, _source_key(source))
        doc.add_text(_F_REC, _REC_SOURCE)
        doc.add_text(_F_SOURCE, source)
        doc.add_text(_F_VALUE, sha256)
        return doc

    @staticmethod
    def _passage_doc(p: Passage) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text(_F_KEY, _passage_key(p.source, p.id))
        doc.add_text(_F_REC, _REC_PASSAGE)
        doc.add_text(_F_ID, p.id)
        doc.add_text(_F_SOURCE, p.source)
        doc.add_text(_F_KIND, p.kind.value)
        doc.add_unsigned(_F_START, p.start)
        doc.add_unsigned(_F_END, p.end)
        doc.add_text(_F_TEXT, p.text)
        doc.add_bytes(_F_SECTION, json.dumps(list(p.section), ensure_ascii=False).encode("utf-8"))
        return doc

    # -- reading --------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        kinds: Collection[str] | None = None,
        sources: Collection[str] | None = None,
    ) -> list[Hit]:
        """The ``k`` passages that best match ``query`` (BM25), best first.

        ``query`` is free text, such as a claim: it is split into words, stop words are dropped,
        and the stems of the rest are OR-ed, so no character in it has a special meaning and no
        text raises. ``kinds`` and ``sources`` keep only passages of those kinds / sources (an
        empty collection keeps none). Equal scores are ordered by passage id, then source id.
        """
        found = self._scored(query, k, kinds, sources)
        if found is None:
            return []
        searcher, scored = found
        hits = [self._hit(searcher.doc(addr), score) for score, addr in scored]
        hits.sort(key=lambda h: (-h.score, h.passage, h.source))
        return hits[:k]

    def search_ids(self, query: str, k: int = 10) -> list[tuple[str, str, float]]:
        """(source id, passage id, score) of each hit :meth:`search` returns, in its order, without
        reading the passages' stored text and sections: for a caller that holds the passages (the
        checker retrieves for every claim, and building the hits cost more than the search).

        >>> from corpus.model import OffsetMap, Passage, Span
        >>> p = Passage("s1.p1", "paragraph", "Talks began.", Span("s1", 0, 12), OffsetMap.contiguous(0, 12))
        >>> index = EvidenceIndex()
        >>> index.add([p])
        1
        >>> [(h.source, h.passage, h.score) for h in index.search("talks")] == index.search_ids("talks")
        True
        >>> index.search_ids("talks")[0][:2]
        ('s1', 's1.p1')
        """
        found = self._scored(query, k, None, None)
        if found is None:
            return []
        searcher, scored = found
        rows = []
        for score, addr in scored:
            doc = searcher.doc(addr)
            rows.append((score, _stored_str(doc, _F_ID), _stored_str(doc, _F_SOURCE)))
        rows.sort(key=lambda r: (-r[0], r[1], r[2]))
        return [(source, passage, float(score)) for score, passage, source in rows[:k]]

    def _scored(
        self, query: str, k: int, kinds: Collection[str] | None, sources: Collection[str] | None
    ) -> tuple[tantivy.Searcher, list[tuple[float, Any]]] | None:
        """The searcher and the (score, address) of at least the top ``k`` (ties at the k-th score
        complete); None when nothing can match."""
        if k < 0:
            raise EvidenceIndexError(f"k must be >= 0, got {k}")
        words = _query_words(query)
        if k == 0 or not words:
            return None
        schema = self._schema
        should = [(tantivy.Occur.Should, self._word_query(word, stem)) for word, stem in words]
        text_query = tantivy.Query.boolean_query(should)
        musts = [(tantivy.Occur.Must, text_query)]
        for field, given in ((_F_KIND, kinds), (_F_SOURCE, sources)):
            if given is None:
                continue
            # A bare string is a Collection[str] too; take it as one value, not as characters.
            values = {given} if isinstance(given, str) else set(given)
            if field == _F_KIND:
                values = {_kind_value(v) for v in values}
            if not values:
                return None
            # A zero constant score filters without changing the BM25 score.
            filt = tantivy.Query.term_set_query(schema, field, sorted(values))
            musts.append((tantivy.Occur.Must, tantivy.Query.const_score_query(filt, 0.0)))
        final = musts[0][1] if len(musts) == 1 else tantivy.Query.boolean_query(musts)
        return self._top_k(final, k)

    def _word_query(self, word: str, stem: str) -> tantivy.Query:
        """The query for one word of a search: its stem, or the best of its stem and variants.
        Built once per word and kept (queries are immutable, and a search copies what it is given)."""
        key = (word, stem)
        q = self._word_queries.get(key)
        if q is None:
            schema = self._schema
            q = tantivy.Query.term_query(schema, _F_TEXT, stem)
            alts = _variants(word, stem)
            if alts:
                boosted = [
                    tantivy.Query.boost_query(tantivy.Query.term_query(schema, _F_TEXT, a), _VARIANT_BOOST)
                    for a in alts
                ]
                q = tantivy.Query.disjunction_max_query([q, *boosted])
            self._word_queries[key] = q
        return q

    def _top_k(self, query: tantivy.Query, k: int) -> tuple[tantivy.Searcher, list[tuple[float, Any]]]:
        searcher = self._index.searcher()
        total = searcher.num_docs  # >= 1: the meta record
        limit = min(k + 16, total)
        while True:
            scored = searcher.search(query, limit, count=False).hits
            if len(scored) <= k:
                break
            kth = scored[k - 1][0]
            # tantivy keeps every hit scoring above the last one returned, so ties at the k-th
            # score are complete unless the last returned hit ties too.
            if len(scored) < limit or limit >= min(total, _MAX_TIE_FETCH) or scored[-1][0] < kth:
                scored = [s for s in scored if s[0] >= kth]
                break
            limit = min(limit * 4, total)
        return searcher, scored

    @staticmethod
    def _hit(doc: tantivy.Document, score: float) -> Hit:
        section: tuple[str, ...] = tuple(str(s) for s in json.loads(doc.get_first(_F_SECTION) or b"[]"))
        return Hit(
            passage=_stored_str(doc, _F_ID),
            source=_stored_str(doc, _F_SOURCE),
            kind=_stored_str(doc, _F_KIND),
            start=int(doc.get_first(_F_START) or 0),
            end=int(doc.get_first(_F_END) or 0),
            text=_stored_str(doc, _F_TEXT),
            section=section,
            score=score,
        )

    def _count(self, searcher: tantivy.Searcher, rec: str, extra: tantivy.Query | None = None) -> int:
        q = tantivy.Query.term_query(self._schema, _F_REC, rec)
        if extra is not None:
            q = tantivy.Query.boolean_query([(tantivy.Occur.Must, q), (tantivy.Occur.Must, extra)])
        return int(searcher.search(q, 1, count=True).count)  # type: ignore[attr-defined]

    def _source_records(self, searcher: tantivy.Searcher) -> dict[str, str]:
        q = tantivy.Query.term_query(self._schema, _F_REC, _REC_SOURCE)
        n = self._count(searcher, _REC_SOURCE)
        if n == 0:
            return {}
        out: dict[str, str] = {}
        for _score, addr in searcher.search(q, n, count=False).hits:
            doc = searcher.doc(addr)
            out[_stored_str(doc, _F_SOURCE)] = _stored_str(doc, _F_VALUE)
        return out

    def __len__(self) -> int:
        """The number of passages in the index."""
        return self._count(self._index.searcher(), _REC_PASSAGE)

    def __contains__(self, passage_id: object) -> bool:
        """True when some indexed passage (of any source) has this id."""
        if not isinstance(passage_id, str):
            return False
        id_query = tantivy.Query.term_query(self._schema, _F_ID, passage_id)
        return self._count(self._index.searcher(), _REC_PASSAGE, id_query) > 0

    def sources(self) -> set[str]:
        """The ids of every source that passages were added for."""
        return set(self._source_records(self._index.searcher()))

    def indexed_sources(self) -> dict[str, str]:
        """Source id -> raw-file SHA-256, for the sources added with a hash.

        A caller skips a source whose current hash is already here::

            if index.indexed_sources().get(doc.source.id) != doc.source.sha256:
                index.add(doc.passages, source_sha256={doc.source.id: doc.source.sha256})
        """
        return {sid: sha for sid, sha in self._source_records(self._index.searcher()).items() if sha}

    @property
    def path(self) -> Path | None:
        """The index directory, or None for an in-memory index."""
        return self._path

    def __repr__(self) -> str:
        where = "memory" if self._path is None else str(self._path)
        return f"EvidenceIndex({where}, {len(self)} passages)"


def _stored_str(doc: tantivy.Document, field: str) -> str:
    value = doc.get_first(field)
    return value if isinstance(value, str) else ""


def _kind_value(kind: str) -> str:
    try:
        return PassageKind(kind).value
    except ValueError:
        allowed = ", ".join(k.value for k in PassageKind)
        raise EvidenceIndexError(f"kinds: unknown passage kind {kind!r} (one of {allowed})") from None


def _is_engine_failure(exc: BaseException) -> bool:
    """True for what tantivy raises on a bad index: an OSError/ValueError, or a Rust panic.

    A panic arrives as ``pyo3_runtime.PanicException``, a BaseException that cannot be imported
    by name; truncated segment files cause one when the index is opened.
    """
    return isinstance(exc, OSError | ValueError) or type(exc).__name__ == "PanicException"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."
