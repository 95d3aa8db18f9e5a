"""Synonym sets from WordNet, the maintained lexical database (Princeton WordNet 3.0, as Debian's
``wordnet-base`` installs it in ``/usr/share/wordnet``; another folder through ``CITETRACE_WORDNET``).

The checker treats two words as interchangeable when their *first* (most frequent) senses, in one part
of speech, are the same synset: "begin" and "start" (both first name the synset of "take the first
step"), not "establish" and "govern" (which only share a later sense of one of them). Later senses tie
common words to rare readings ("bank" and "depository", "formal" and "state"). Only WordNet's index
files are read: for every single-word lemma, the offset of its first synset per part of speech. The rule
was measured on the development claim sets before it was adopted (see the README's figures).

Antonyms (:func:`antonyms`) come from the data files' direct antonym pointers ("!"), which WordNet
draws between word forms in any sense ("increase" / "decrease", "alive" / "dead"); the stance model
weighs a claim word whose antonym stands in a passage as a sign of refutation (:mod:`annotate.claims.align`).

For the stance model's paraphrase features (:mod:`annotate.claims.align`) two looser relations are read
too, never used by the rules: every sense's synsets of a word (:func:`sense_sets`: "establish" and
"found" share one only in a later sense) and the more general terms of a word's first sense, two levels
up the hypernym pointers ("@", "@i"; :func:`hypernyms`: "dog" -> "canine", "domestic animal", "carnivore").

Reading the database files takes seconds, so the derived table (stems to set numbers) is kept in a
cache file (``$CITETRACE_CACHE`` or ``$XDG_CACHE_HOME/citetrace`` or ``~/.cache/citetrace``) named by
the database files' sizes and times and this module's format version, written atomically; a cache
that cannot be read or written is rebuilt or skipped, never trusted half-written. Without WordNet the
checker works with the project's own table only and :func:`wordnet_status` says why.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["WORDNET_ENV", "antonyms", "hypernyms", "sense_sets", "synonym_sets", "wordnet_status"]

#: The environment variable naming a WordNet database folder (``index.noun``, ``data.noun``, ...).
WORDNET_ENV = "CITETRACE_WORDNET"

_DEFAULT_DIRS = ("/usr/share/wordnet", "/usr/local/share/wordnet")
_POS = ("noun", "verb", "adj", "adv")
_FORMAT = 2  # bump when the derived table changes meaning


def _folder() -> Path | None:
    named = os.environ.get(WORDNET_ENV)
    candidates = [Path(named)] if named else [Path(d) for d in _DEFAULT_DIRS]
    for folder in candidates:
        if all((folder / f"{kind}.{pos}").is_file() for pos in _POS for kind in ("index", "data")):
            return folder
    return None


def wordnet_status() -> str | None:
    """None when WordNet's synonym sets are in use, else one line saying why not."""
    if _folder() is None:
        where = os.environ.get(WORDNET_ENV) or " or ".join(_DEFAULT_DIRS)
        return (
            f"WordNet not found in {where}: synonyms come from the project's own table only"
            " (install Debian's wordnet-base, or set CITETRACE_WORDNET)"
        )
    return None


def _first_senses(folder: Path) -> Iterator[tuple[str, str, int]]:
    """(part of speech, lemma, byte offset of its first synset) for every single-word lemma."""
    for pos in _POS:
        with (folder / f"index.{pos}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue  # the licence header
                parts = line.split()
                if "_" in parts[0]:
                    continue  # multi-word lemmas
                # lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
                synset_cnt = int(parts[2])
                if synset_cnt:
                    yield pos, parts[0], int(parts[len(parts) - synset_cnt])


def _synsets(folder: Path) -> Iterator[tuple[str, int, str, list[str], list[tuple[str, int, str, str]]]]:
    """Every synset of the data files: (file's part of speech, byte offset, synset type, lower-case
    lemmas without their adjective markers, pointers as (symbol, target offset, target part of speech,
    source/target word numbers in hex))."""
    for pos in _POS:
        with (folder / f"data.{pos}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue  # the licence header
                parts = line.split(" | ", 1)[0].split()
                offset, ss_type, count = int(parts[0]), parts[2], int(parts[3], 16)
                lemmas = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).lower() for i in range(count)]
                at = 4 + 2 * count
                pointers = []
                for j in range(int(parts[at])):
                    symbol, to, tpos, st = parts[at + 1 + 4 * j : at + 5 + 4 * j]
                    pointers.append((symbol, int(to), tpos, st))
                yield pos, offset, ss_type, lemmas, pointers


def _antonym_lemmas(folder: Path) -> Iterator[tuple[str, str]]:
    """(lemma, lemma) for every direct antonym pointer ("!") between single words, in any sense: an
    antonym in WordNet is a relation of word forms ("increase" / "decrease"), not of whole synsets."""
    words: dict[tuple[str, int], list[str]] = {}
    links: list[tuple[str, int, int, str, int, int]] = []
    for _pos, offset, ss_type, lemmas, pointers in _synsets(folder):
        key = "a" if ss_type == "s" else ss_type
        words[(key, offset)] = lemmas
        for symbol, to, tpos, st in pointers:
            if symbol == "!":
                tkey = "a" if tpos == "s" else tpos
                links.append((key, offset, int(st[:2], 16), tkey, to, int(st[2:], 16)))
    for key, offset, source, tkey, to_offset, tword in links:
        here, there = words.get((key, offset)), words.get((tkey, to_offset))
        if here and there and 0 < source <= len(here) and 0 < tword <= len(there):
            a, b = here[source - 1], there[tword - 1]
            if "_" not in a and "_" not in b:
                yield a, b


def _cache_path(folder: Path, table: str = "synonyms") -> Path:
    key = hashlib.sha256()
    for pos in _POS:
        for kind in ("index", "data"):
            st = (folder / f"{kind}.{pos}").stat()
            key.update(f"{kind}.{pos}:{st.st_size}:{st.st_mtime_ns};".encode())
    key.update(f"format {_FORMAT}; {folder.resolve()}".encode())
    base = os.environ.get("CITETRACE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "citetrace"
    )
    return Path(base) / f"wordnet-{table}-{key.hexdigest()[:16]}.json"


def _read_cache(path: Path) -> dict[str, list[Any]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("stems"), dict):
        return None
    stems: dict[str, list[Any]] = {}
    for key, value in data["stems"].items():
        if not (isinstance(value, list) and all(isinstance(i, (int, str)) for i in value)):
            return None
        stems[key] = value
    return stems


def _write_cache(path: Path, stems: Mapping[str, Sequence[Any]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".wordnet-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": _FORMAT, "stems": stems}, fh, sort_keys=True, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        return  # a read-only home: the table is simply rebuilt next time


@functools.lru_cache(maxsize=4)
def synonym_sets(stem: Callable[[str], str | None]) -> dict[str, frozenset[int]]:
    """Stems (through ``stem``, the checker's own stemmer) to the numbers of the first-sense synsets of
    the lemmas with that stem; empty without WordNet. Numbers start at 1,000,000, clear of the project
    table's."""
    folder = _folder()
    if folder is None:
        return {}
    path = _cache_path(folder)
    stems = _read_cache(path)
    if stems is None:
        try:
            built: dict[str, set[int]] = {}
            numbers: dict[tuple[str, int], int] = {}
            for pos, lemma, offset in _first_senses(folder):
                s = stem(lemma.lower())
                if s:
                    number = numbers.setdefault((pos, offset), 1_000_000 + len(numbers))
                    built.setdefault(s, set()).add(number)
        except (OSError, ValueError, IndexError):
            return {}  # a damaged database reads as none
        # A set only one stem names ties nothing together.
        shared = Counter(n for sets in built.values() for n in sets)
        built = {k: {n for n in v if shared[n] > 1} for k, v in built.items()}
        built = {k: v for k, v in built.items() if v}
        stems = {k: sorted(v) for k, v in sorted(built.items())}
        _write_cache(path, stems)
    return {k: frozenset(v) for k, v in stems.items()}


@functools.lru_cache(maxsize=4)
def antonyms(stem: Callable[[str], str | None]) -> dict[str, frozenset[str]]:
    """Stems (through ``stem``) to the stems of their WordNet antonyms ("increas" -> "decreas"); empty
    without WordNet. Kept in a cache file beside the synonym sets'.

    A pair whose stems are equal, or which the stemmer drops, is left out.
    """
    folder = _folder()
    if folder is None:
        return {}
    path = _cache_path(folder, "antonyms")
    stems = _read_cache(path)
    if stems is None:
        built: dict[str, set[str]] = {}
        try:
            for a, b in _antonym_lemmas(folder):
                sa, sb = stem(a), stem(b)
                if sa and sb and sa != sb:
                    built.setdefault(sa, set()).add(sb)
                    built.setdefault(sb, set()).add(sa)
        except (OSError, ValueError, IndexError):
            return {}
        stems = {k: sorted(v) for k, v in sorted(built.items())}
        _write_cache(path, stems)
    return {k: frozenset(str(x) for x in v) for k, v in stems.items()}


def _all_senses(folder: Path) -> Iterator[tuple[str, str, list[int]]]:
    """(part of speech, lemma, byte offsets of all its synsets, most frequent first) per single word."""
    for pos in _POS:
        with (folder / f"index.{pos}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                parts = line.split()
                synset_cnt = int(parts[2])
                if "_" not in parts[0] and synset_cnt:
                    yield pos, parts[0], [int(x) for x in parts[len(parts) - synset_cnt :]]


_Synset = tuple[str, int]  # (part of speech as in the file names, byte offset)


def _hypernym_graph(folder: Path) -> tuple[dict[_Synset, list[str]], dict[_Synset, list[_Synset]]]:
    """The single-word lemmas of every synset and its hypernym links ("@", "@i"), keyed by (part of
    speech as in the index file names, byte offset)."""
    names = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
    lemmas: dict[_Synset, list[str]] = {}
    up: dict[_Synset, list[_Synset]] = {}
    for pos, offset, _ss_type, words, pointers in _synsets(folder):
        lemmas[(pos, offset)] = [w for w in words if "_" not in w]
        for symbol, to, tpos, _st in pointers:
            if symbol in ("@", "@i"):
                up.setdefault((pos, offset), []).append((names[tpos], to))
    return lemmas, up


def _cached(table: str, build: Callable[[Path], dict[str, list[Any]]]) -> dict[str, list[Any]]:
    """A derived table from its cache file, else built from the database and cached; empty without
    WordNet or with a damaged database."""
    folder = _folder()
    if folder is None:
        return {}
    path = _cache_path(folder, table)
    stems = _read_cache(path)
    if stems is None:
        try:
            stems = build(folder)
        except (OSError, ValueError, IndexError, KeyError):
            return {}
        _write_cache(path, stems)
    return stems


@functools.lru_cache(maxsize=4)
def sense_sets(stem: Callable[[str], str | None]) -> dict[str, frozenset[int]]:
    """Stems to the numbers of the synsets of *every* sense of the lemmas with that stem (a set only
    one stem names left out); empty without WordNet.

    Looser than :func:`synonym_sets`: "establish" and "found" share a synset only in later senses.
    """

    def build(folder: Path) -> dict[str, list[Any]]:
        built: dict[str, set[int]] = {}
        numbers: dict[tuple[str, int], int] = {}
        for pos, lemma, offsets in _all_senses(folder):
            s = stem(lemma.lower())
            if s:
                for offset in offsets:
                    built.setdefault(s, set()).add(numbers.setdefault((pos, offset), len(numbers)))
        shared = Counter(n for sets in built.values() for n in sets)
        return {
            k: sorted(n for n in v if shared[n] > 1) for k, v in sorted(built.items()) if any(shared[n] > 1 for n in v)
        }

    return {k: frozenset(int(n) for n in v) for k, v in _cached("senses", build).items()}


@functools.lru_cache(maxsize=4)
def hypernyms(stem: Callable[[str], str | None], levels: int = 2) -> dict[str, frozenset[str]]:
    """Stems to the stems of the more general terms of their lemmas' first senses, up to ``levels``
    hypernym links up ("dog" -> "canin", "carnivor", "domest", "anim", ... through the checker's
    stemmer); empty without WordNet. A word is never its own hypernym."""

    def build(folder: Path) -> dict[str, list[Any]]:
        lemmas, up = _hypernym_graph(folder)
        built: dict[str, set[str]] = {}
        for s, node in _first_synsets(folder, stem):
            for general in _above(node, up, levels):
                for lemma in lemmas.get(general, ()):
                    g = stem(lemma)
                    if g and g != s:
                        built.setdefault(s, set()).add(g)
        return {k: sorted(v) for k, v in sorted(built.items())}

    return {k: frozenset(str(x) for x in v) for k, v in _cached(f"hypernyms{levels}", build).items()}


def _first_synsets(folder: Path, stem: Callable[[str], str | None]) -> Iterator[tuple[str, _Synset]]:
    """(stem, first-sense synset) of every single-word lemma, per part of speech."""
    for pos, lemma, offsets in _all_senses(folder):
        s = stem(lemma.lower())
        if s:
            yield s, (pos, offsets[0])


def _above(node: _Synset, up: Mapping[_Synset, list[_Synset]], levels: int) -> set[_Synset]:
    """The synsets up to ``levels`` hypernym links above ``node``."""
    out: set[_Synset] = set()
    frontier = [node]
    for _ in range(levels):
        frontier = [h for n in frontier for h in up.get(n, ())]
        out.update(frontier)
    return out
