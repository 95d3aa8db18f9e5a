"""Synonym sets from WordNet, the maintained lexical database (Princeton WordNet 3.0, as Debian's
``wordnet-base`` installs it in ``/usr/share/wordnet``; another folder through ``CITETRACE_WORDNET``).

The checker treats two words as interchangeable when they share the *first* (most frequent) sense of
one of them: for every single-word lemma of the noun, verb, adjective and adverb indexes, the
words of its first synset form one set. Later senses are left out, as they tie common words to rare
readings ("bank" and "depository"). The sets were measured on the development claim sets before they
were adopted (see the README's claim-checking figures).

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
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["WORDNET_ENV", "synonym_sets", "wordnet_status"]

#: The environment variable naming a WordNet database folder (``index.noun``, ``data.noun``, ...).
WORDNET_ENV = "CITETRACE_WORDNET"

_DEFAULT_DIRS = ("/usr/share/wordnet", "/usr/local/share/wordnet")
_POS = ("noun", "verb", "adj", "adv")
_FORMAT = 1  # bump when the derived table changes meaning


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


def _first_senses(folder: Path) -> dict[str, list[int]]:
    """Per part of speech, the byte offsets of the first synset of every single-word lemma."""
    out: dict[str, list[int]] = {}
    for pos in _POS:
        offsets: set[int] = set()
        with (folder / f"index.{pos}").open(encoding="latin-1") as fh:
            for line in fh:
                if line.startswith(" ") or "_" in line.split(" ", 1)[0]:
                    continue  # licence header; multi-word lemmas
                parts = line.split()
                # lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
                synset_cnt = int(parts[2])
                if synset_cnt:
                    offsets.add(int(parts[len(parts) - synset_cnt]))
        out[pos] = sorted(offsets)
    return out


def _synset_words(folder: Path, pos: str, offsets: list[int]) -> list[list[str]]:
    """The single words of the synsets at these byte offsets of ``data.<pos>``."""
    groups: list[list[str]] = []
    with (folder / f"data.{pos}").open("rb") as fh:
        for offset in offsets:
            fh.seek(offset)
            parts = fh.readline().decode("latin-1").split(" ")
            count = int(parts[3], 16)
            words = [parts[4 + 2 * i].lower() for i in range(count)]
            # Adjective markers such as "(a)" follow the word; multi-word lemmas are joined by "_".
            groups.append(sorted({w.split("(")[0] for w in words if "_" not in w}))
    return groups


def _cache_path(folder: Path) -> Path:
    key = hashlib.sha256()
    for pos in _POS:
        for kind in ("index", "data"):
            st = (folder / f"{kind}.{pos}").stat()
            key.update(f"{kind}.{pos}:{st.st_size}:{st.st_mtime_ns};".encode())
    key.update(f"format {_FORMAT}; {folder.resolve()}".encode())
    base = os.environ.get("CITETRACE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "citetrace"
    )
    return Path(base) / f"wordnet-synonyms-{key.hexdigest()[:16]}.json"


def _read_cache(path: Path) -> dict[str, list[int]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("stems"), dict):
        return None
    stems: dict[str, list[int]] = {}
    for key, value in data["stems"].items():
        if not (isinstance(value, list) and all(isinstance(i, int) for i in value)):
            return None
        stems[key] = value
    return stems


def _write_cache(path: Path, stems: dict[str, list[int]]) -> None:
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
    """Stems (through ``stem``, the checker's own stemmer) to the numbers of the WordNet sets they
    are in; empty without WordNet. Set numbers start at 1,000,000, clear of the project table's."""
    folder = _folder()
    if folder is None:
        return {}
    path = _cache_path(folder)
    stems = _read_cache(path)
    if stems is None:
        try:
            built: dict[str, set[int]] = {}
            number = 1_000_000
            for pos, offsets in _first_senses(folder).items():
                for words in _synset_words(folder, pos, offsets):
                    number += 1
                    if len(words) < 2:
                        continue
                    for word in words:
                        s = stem(word)
                        if s:
                            built.setdefault(s, set()).add(number)
        except (OSError, ValueError, IndexError):
            return {}  # a damaged database reads as none; wordnet_status cannot see that, the table is empty
        stems = {k: sorted(v) for k, v in sorted(built.items())}
        _write_cache(path, stems)
    return {k: frozenset(v) for k, v in stems.items()}
