"""The result cache: reruns reuse per-source results, never trust a bad entry, and change no byte."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate import CacheError, EvidenceIndex, ResultCache, annotate, write_bundle
from annotate.cache import source_key
from annotate.cli import main
from annotate.stage import analyse_sources
from corpus import analyze, source_from_text
from corpus.model import OffsetMap, Passage, Span

TEXTS = {
    "talks": "Talks\n\nTalks began in Washington on 9 November 1933. Maxim Litvinov led the Soviet side.\n",
    "treaty": "The Treaty\n\nThe treaty was signed in Paris in 1928. Sixty-two nations later joined it.\n",
    "bridge": "The Bridge\n\nThe bridge opened on 27 May 1937. It cost 35 million dollars to build.\n",
    "river": "The River\n\nThe river floods every spring. Farmers along it plant rice in June.\n",
}


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _same_tree(a: Path, b: Path) -> None:
    left = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert left == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in left:
        assert filecmp.cmp(a / rel, b / rel, shallow=False), rel


def _bundle(args: list[str], out: Path) -> None:
    assert main(["bundle", "--quiet", "--jobs", "1", "--out", str(out), *args]) == 0


def test_a_rerun_with_one_changed_source_writes_the_bundle_a_cold_run_writes(tmp_path, capsys):
    corpus = _write(tmp_path / "corpus", TEXTS)
    cache = tmp_path / "cache"
    _bundle(["--cache", str(cache), str(corpus)], tmp_path / "first")
    _bundle([str(corpus)], tmp_path / "plain")
    _same_tree(tmp_path / "first", tmp_path / "plain")
    (corpus / "bridge.txt").write_text(TEXTS["bridge"] + "\nIt closed for repairs in 1951.\n", encoding="utf-8")
    (corpus / "river.txt").unlink()
    _bundle(["--cache", str(cache), str(corpus)], tmp_path / "again")
    _bundle([str(corpus)], tmp_path / "cold")
    _same_tree(tmp_path / "again", tmp_path / "cold")


@pytest.mark.parametrize("command", ["passages", "refs", "claims"])
def test_listing_commands_print_the_same_with_the_cache(tmp_path, capsys, command):
    corpus = _write(tmp_path / "corpus", TEXTS)
    outputs = []
    for extra in ([], ["--cache", str(tmp_path / "c")], ["--cache", str(tmp_path / "c")]):
        assert main([command, "--quiet", "--jobs", "1", *extra, str(corpus)]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
    for entry in (tmp_path / "c" / "entries").rglob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:-3])  # every entry truncated: each is recomputed
    assert main([command, "--quiet", "--jobs", "1", "--cache", str(tmp_path / "c"), str(corpus)]) == 0
    assert capsys.readouterr().out == outputs[0]


def test_check_with_the_cache_keeps_its_index_and_answers_the_same(tmp_path, capsys):
    corpus = _write(tmp_path / "corpus", TEXTS)
    claim = "The bridge opened in May 1937."
    answers = []
    for extra in ([], ["--cache", str(tmp_path / "c")], ["--cache", str(tmp_path / "c")]):
        assert main(["check", "--quiet", "--jobs", "1", *extra, "--corpus", str(corpus), claim]) == 0
        answers.append(capsys.readouterr().out)
    assert '"SUPPORTED"' in answers[0] and answers[0] == answers[1] == answers[2]
    assert (tmp_path / "c" / "index" / "citetrace-index.json").is_file()


def test_the_library_reuses_documents_references_and_claims(tmp_path):
    sources = [source_from_text(text, name) for name, text in TEXTS.items()]
    cache = ResultCache(tmp_path / "c")
    docs = list(analyse_sources(sources, cache=cache))
    first = annotate(docs, cache=cache)
    assert (cache.hits, cache.misses) == (0, 3 * len(sources))
    again = ResultCache(tmp_path / "c")
    redo = annotate(list(analyse_sources(sources, cache=again)), cache=again)
    assert (again.hits, again.misses, again.bad) == (3 * len(sources), 0, 0)
    assert redo == first
    assert redo == annotate([analyze(s) for s in sources])


def test_corrupt_truncated_and_foreign_entries_are_recomputed_and_rewritten(tmp_path):
    sources = [source_from_text(text, name) for name, text in TEXTS.items()]
    cache = ResultCache(tmp_path / "c")
    expected = list(analyse_sources(sources, cache=cache))
    entries = sorted((tmp_path / "c" / "entries" / "document").rglob("*.bin"))
    assert len(entries) == len(sources)
    data = entries[0].read_bytes()
    entries[0].write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # a flipped bit in the payload
    entries[1].write_bytes(data[: len(data) // 2])  # truncated
    head, _, payload = entries[2].read_bytes().partition(b"\n")
    entries[2].write_bytes(head.replace(b'"code": "', b'"code": "0.0.0-other') + b"\n" + payload)
    entries[3].write_bytes(data)  # another source's (whole, valid) entry under this key
    again = ResultCache(tmp_path / "c")
    assert list(analyse_sources(sources, cache=again)) == expected
    assert (again.hits, again.bad) == (0, 4)
    third = ResultCache(tmp_path / "c")
    assert list(analyse_sources(sources, cache=third)) == expected
    assert (third.hits, third.bad) == (4, 0)


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_no_damaged_entry_is_ever_returned(tmp_path_factory, position, bit):
    cache = ResultCache(tmp_path_factory.mktemp("c"))
    key = "ab" * 32
    cache.put("demo", key, ["a result", 1933])
    (entry,) = (cache.path / "entries" / "demo").rglob("*.bin")
    data = bytearray(entry.read_bytes())
    data[position % len(data)] ^= 1 << bit
    entry.write_bytes(bytes(data))
    assert cache.get("demo", key, list) in (None, ["a result", 1933])
    assert cache.get("demo", key, list) is None  # a flipped bit always shows: the header or the hash disagrees


def test_the_key_names_the_bytes_the_id_and_the_metadata():
    a = source_from_text("It began in 1933.", "a")
    assert source_key(a) == source_key(source_from_text("It began in 1933.", "a"))
    assert source_key(a) != source_key(source_from_text("It began in 1934.", "a"))
    assert source_key(a) != source_key(source_from_text("It began in 1933.", "b"))
    assert source_key(a) != source_key(a, "claims")


def test_a_folder_that_is_not_a_cache_is_refused(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(CacheError, match="not empty"):
        ResultCache(tmp_path / "mine")
    assert main(["passages", "--quiet", "--cache", str(tmp_path / "mine")]) == 2
    assert "not empty and holds no citetrace cache" in capsys.readouterr().err
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_writes_are_atomic_no_temporary_file_is_left(tmp_path):
    cache = ResultCache(tmp_path / "c")
    for k in range(3):
        cache.put("demo", f"{k:064x}", k)
    left = [p.name for p in (tmp_path / "c").rglob("*") if p.is_file()]
    assert not [n for n in left if n.endswith(".tmp")]
    assert sorted(cache.get("demo", f"{k:064x}", int) for k in range(3)) == [0, 1, 2]


def _passages(src: str, texts: list[str]) -> list[Passage]:
    return [
        Passage(f"{src}.s{i}", "sentence", t, Span(src, 0, len(t)), OffsetMap.contiguous(0, len(t)))
        for i, t in enumerate(texts, 1)
    ]


def test_an_updated_index_on_disk_scores_as_one_built_afresh(tmp_path):
    words = [
        "treaty",
        "signed",
        "paris",
        "nations",
        "joined",
        "bridge",
        "opened",
        "river",
        "floods",
        "farmers",
        "rice",
        "talks",
        "began",
    ]
    corpus = {
        f"s{k}": [" ".join(words[(k * 3 + j) % len(words)] for j in range(6)) for _ in range(3)] for k in range(12)
    }
    on_disk = EvidenceIndex(tmp_path / "ix")
    for round_ in range(4):
        # Each round changes three sources and drops one: deletions land in shared segments.
        if round_:
            for k in (round_ + 3, round_ + 6, round_ + 8):
                corpus[f"s{k}"] = [t + f" change{round_}" for t in corpus[f"s{k}"]]
            corpus.pop(f"s{round_ - 1}")
        given_ = {sid: (f"{hash(tuple(ps)) & (2**256 - 1):064x}", _passages(sid, ps)) for sid, ps in corpus.items()}
        on_disk.sync(given_)
        fresh = EvidenceIndex()
        fresh.sync(given_)
        for query in ("treaty paris", "bridge river change2", "rice farmers talks"):
            assert on_disk.search(query, 30) == fresh.search(query, 30)
        assert on_disk.indexed_sources() == fresh.indexed_sources()
    reopened = EvidenceIndex(tmp_path / "ix")
    assert reopened.sync(given_) == 0  # nothing to write: reused, not rebuilt
    assert os.listdir(tmp_path / "ix")


def test_write_bundle_from_cached_results_matches(tmp_path):
    sources = [source_from_text(text, name) for name, text in TEXTS.items()]
    cache = ResultCache(tmp_path / "c")
    list(analyse_sources(sources, cache=cache))
    write_bundle(tmp_path / "a", annotate(list(analyse_sources(sources, cache=cache)), cache=cache))
    write_bundle(tmp_path / "b", annotate([analyze(s) for s in sources]))
    _same_tree(tmp_path / "a", tmp_path / "b")
