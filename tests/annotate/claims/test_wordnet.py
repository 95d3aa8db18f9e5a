"""WordNet synonym sets: read from a tiny database in WordNet's own file format (words alike when their
first senses are one synset), cached atomically, rebuilt from a damaged cache, absent without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.claims import wordnet
from annotate.claims.words import word_stem

POS = ("noun", "verb", "adj", "adv")


def _database(folder: Path, synsets: dict[str, list[list[str]]], index: dict[str, dict[str, list[int]]]) -> None:
    """Write data.<pos> with each synset line at its byte offset, and index.<pos> naming synsets by number."""
    folder.mkdir(parents=True, exist_ok=True)
    for pos in POS:
        header = "  1 This is a licence header line.\n"
        lines, offsets, at = [], [], len(header.encode())
        for words in synsets.get(pos, []):
            offsets.append(at)
            fields = " ".join(f"{w} 0" for w in words)
            line = f"{at:08d} 00 {pos[0]} {len(words):02x} {fields} 000 | a gloss\n"
            lines.append(line)
            at += len(line.encode())
        (folder / f"data.{pos}").write_text(header + "".join(lines), encoding="latin-1")
        rows = []
        for lemma, numbers in sorted(index.get(pos, {}).items()):
            senses = " ".join(f"{offsets[n]:08d}" for n in numbers)
            rows.append(f"{lemma} {pos[0]} {len(numbers)} 1 @ {len(numbers)} 0 {senses}\n")
        (folder / f"index.{pos}").write_text(header + "".join(rows), encoding="latin-1")


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    folder = tmp_path / "wn"
    _database(
        folder,
        {
            "verb": [["reduce", "cut", "trim"], ["reduce", "boil_down"], ["shrink", "reduce"]],
            "adj": [["big(a)", "large"]],
        },
        {"verb": {"reduce": [0, 1], "cut": [0], "shrink": [2], "boil_down": [1]}, "adj": {"big": [0], "large": [0]}},
    )
    monkeypatch.setenv(wordnet.WORDNET_ENV, str(folder))
    monkeypatch.setenv("CITETRACE_CACHE", str(tmp_path / "cache"))
    wordnet.synonym_sets.cache_clear()
    yield folder
    wordnet.synonym_sets.cache_clear()


def _together(table, a, b):
    return bool(table.get(word_stem(a), frozenset()) & table.get(word_stem(b), frozenset()))


def test_words_whose_first_senses_are_one_synset(tiny):
    table = wordnet.synonym_sets(word_stem)
    assert _together(table, "reduce", "cut") and _together(table, "big", "large")
    # "shrink" first means synset 2, which is only a later sense of "reduce": not interchangeable.
    assert not _together(table, "shrink", "reduce")
    # Words of a synset without their own index entry, and multi-word lemmas, are not read.
    assert word_stem("trim") not in table and "boil_down" not in table
    assert wordnet.wordnet_status() is None


def test_the_table_is_cached_and_a_damaged_cache_is_rebuilt(tiny, tmp_path):
    first = wordnet.synonym_sets(word_stem)
    [cache] = (tmp_path / "cache").iterdir()
    wordnet.synonym_sets.cache_clear()
    assert wordnet.synonym_sets(word_stem) == first  # read back from the cache file
    for damage in ('{"format": 2, "stems": {"x": "y"}}', "not json", '{"format": 99, "stems": {}}'):
        cache.write_text(damage, encoding="utf-8")
        wordnet.synonym_sets.cache_clear()
        assert wordnet.synonym_sets(word_stem) == first


def test_without_wordnet(tmp_path, monkeypatch):
    monkeypatch.setenv(wordnet.WORDNET_ENV, str(tmp_path / "missing"))
    wordnet.synonym_sets.cache_clear()
    try:
        assert wordnet.synonym_sets(word_stem) == {}
        assert "WordNet not found" in (wordnet.wordnet_status() or "")
    finally:
        wordnet.synonym_sets.cache_clear()


def test_antonyms_follow_word_pointers(tmp_path, monkeypatch):
    # Two adjective synsets whose first words point at each other ("!" source/target 0101), and a verb
    # pair where the second word of one synset is the antonym of the only word of the other.
    folder = tmp_path / "wn"
    _database(folder, {}, {})
    header = "  1 This is a licence header line.\n"
    data = {
        "adj": "00000100 00 a 02 hot 0 torrid 0 001 ! 00000200 a 0101 | warm\n"
        "00000200 00 s 01 cold(a) 0 001 ! 00000100 a 0101 | not warm\n",
        "verb": "00000300 00 v 02 gain 0 win 0 001 ! 00000400 v 0201 | get\n"
        "00000400 00 v 01 lose 0 001 ! 00000300 v 0102 | not get\n",
    }
    for pos, text in data.items():
        (folder / f"data.{pos}").write_text(header + text, encoding="latin-1")
    monkeypatch.setenv(wordnet.WORDNET_ENV, str(folder))
    monkeypatch.setenv("CITETRACE_CACHE", str(tmp_path / "cache"))
    wordnet.antonyms.cache_clear()
    try:
        table = wordnet.antonyms(word_stem)
        assert table[word_stem("hot")] == {word_stem("cold")} and table[word_stem("cold")] == {word_stem("hot")}
        assert table[word_stem("win")] == {word_stem("lose")} and word_stem("gain") not in table
        assert word_stem("torrid") not in table  # the pointer names a word, not the whole synset
        wordnet.antonyms.cache_clear()
        assert wordnet.antonyms(word_stem) == table  # read back from its cache file
    finally:
        wordnet.antonyms.cache_clear()


def test_no_antonyms_without_wordnet(tmp_path, monkeypatch):
    monkeypatch.setenv(wordnet.WORDNET_ENV, str(tmp_path / "missing"))
    wordnet.antonyms.cache_clear()
    try:
        assert wordnet.antonyms(word_stem) == {}
    finally:
        wordnet.antonyms.cache_clear()


def _graph(tmp_path, monkeypatch):
    """A noun hierarchy of our own: poodle -> dog -> canine -> carnivore, cat -> feline -> carnivore,
    and "hound" a second sense of "dog"'s synset's lemma "dog" (its first sense is the dog synset)."""
    folder = tmp_path / "wn"
    _database(folder, {}, {})
    header = "  1 This is a licence header line.\n"
    rows = [
        ("00000100", "poodle", "00000200"),
        ("00000200", "dog", "00000300"),
        ("00000300", "canine", "00000400"),
        ("00000400", "carnivore", None),
        ("00000500", "cat", "00000600"),
        ("00000600", "feline", "00000400"),
        ("00000700", "hound dog", None),
    ]
    lines = []
    for offset, words, up in rows:
        names = words.split()
        fields = " ".join(f"{w} 0" for w in names)
        pointers = f"001 @ {up} n 0000" if up else "000"
        lines.append(f"{offset} 00 n {len(names):02x} {fields} {pointers} | a gloss\n")
    (folder / "data.noun").write_text(header + "".join(lines), encoding="latin-1")
    index = {"poodle": ["00000100"], "dog": ["00000200", "00000700"], "canine": ["00000300"],
             "carnivore": ["00000400"], "cat": ["00000500"], "feline": ["00000600"], "hound": ["00000700"]}  # fmt: skip
    text = "".join(f"{w} n {len(o)} 1 @ {len(o)} 0 {' '.join(o)}\n" for w, o in sorted(index.items()))
    (folder / "index.noun").write_text(header + text, encoding="latin-1")
    monkeypatch.setenv(wordnet.WORDNET_ENV, str(folder))
    monkeypatch.setenv("CITETRACE_CACHE", str(tmp_path / "cache"))
    for table in (wordnet.hypernyms, wordnet.sense_sets):
        table.cache_clear()


def test_hypernyms_two_levels_up_the_first_sense(tmp_path, monkeypatch):
    _graph(tmp_path, monkeypatch)
    try:
        up = wordnet.hypernyms(word_stem)
        assert up[word_stem("poodle")] == {word_stem("dog"), word_stem("canine")}  # not "carnivore": 3 links
        assert word_stem("hound") not in up[word_stem("dog")]  # a later sense is a sibling, not a hypernym
        senses = wordnet.sense_sets(word_stem)
        assert senses[word_stem("dog")] & senses[word_stem("hound")]  # share the hound synset in a later sense
        wordnet.hypernyms.cache_clear()
        assert wordnet.hypernyms(word_stem) == up  # read back from its cache file
    finally:
        for table in (wordnet.hypernyms, wordnet.sense_sets):
            table.cache_clear()


def test_no_relations_without_wordnet(tmp_path, monkeypatch):
    monkeypatch.setenv(wordnet.WORDNET_ENV, str(tmp_path / "missing"))
    for table in (wordnet.hypernyms, wordnet.sense_sets):
        table.cache_clear()
    try:
        assert wordnet.hypernyms(word_stem) == {} == wordnet.sense_sets(word_stem)
    finally:
        for table in (wordnet.hypernyms, wordnet.sense_sets):
            table.cache_clear()
