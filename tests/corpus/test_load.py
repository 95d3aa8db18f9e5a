from __future__ import annotations

import hashlib
import json

import pytest

from corpus.errors import CorpusError, DecodeError, MetadataError, SourceNotFoundError
from corpus.load import (
    decode,
    embedded_sources,
    load,
    load_file,
    load_paths,
    make_source_id,
    source_from_text,
)

SEEDS = ("000_820e86533fe664a9.txt", "002_817a8c920f08bf49.txt")


def test_utf8_with_and_without_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 \u2014 ok".encode())
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + "Caf\u00e9".encode())
    a, b = load_paths([tmp_path])
    assert (a.raw, a.encoding, a.warnings) == ("Caf\u00e9 \u2014 ok", "utf-8", ())
    assert b.raw == "Caf\u00e9"
    # The hash is of the bytes as stored, BOM included.
    assert b.sha256 == hashlib.sha256((tmp_path / "b.txt").read_bytes()).hexdigest()


def test_cp1252_fallback_records_a_warning(tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes("\u201cQuoted\u201d caf\u00e9".encode("cp1252") + b" \x81")
    src = load_file(f)
    assert src.raw == "\u201cQuoted\u201d caf\u00e9 \x81"
    assert src.encoding == "cp1252"
    assert len(src.warnings) == 1
    assert "legacy.txt" in src.warnings[0]
    assert "cp1252" in src.warnings[0]


def test_utf16_with_bom_is_text_not_binary():
    text, encoding, _ = decode("hi \u00e9".encode("utf-16"))
    assert (text, encoding) == ("hi \u00e9", "utf-16")


def test_binary_file_is_refused_naming_the_file(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"GIF89a\x00\x01\x02")
    with pytest.raises(DecodeError, match=r"image\.txt: binary file") as err:
        load_file(f)
    assert isinstance(err.value, ValueError)
    assert "\n" not in str(err.value)


def test_crlf_and_cr_are_kept_in_the_raw_text(tmp_path):
    f = tmp_path / "dos.txt"
    f.write_bytes(b"Title\r\n\r\nBody one.\rBody two.\r\n")
    assert load_file(f).raw == "Title\r\n\r\nBody one.\rBody two.\r\n"


def test_sidecar_metadata_and_id(tmp_path):
    (tmp_path / "x.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text(
        json.dumps({"id": "my-doc", "title": "T", "authors": ["A B"], "date": "2001-02-03"}), encoding="utf-8"
    )
    src = load_file(tmp_path / "x.txt")
    assert src.id == "my-doc"
    assert (src.metadata.title, src.metadata.authors, src.metadata.date) == ("T", ("A B",), "2001-02-03")


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("{not json", r"x\.meta\.json:1:2: invalid JSON"),
        ('{"titel": "T"}', r"unknown field 'titel'"),
        ('{"authors": "A B"}', r"field 'authors' must be a list"),
        ('{"authors": [1]}', r"list of strings"),
        ('{"date": "yesterday"}', r"ISO 8601"),
        ('{"id": "9 bad id"}', r"not a valid id"),
        ("[1, 2]", r"expected a JSON object"),
    ],
)
def test_bad_sidecars_give_one_line_errors_naming_the_file(tmp_path, sidecar, message):
    (tmp_path / "x.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(MetadataError, match=message) as err:
        load_file(tmp_path / "x.txt")
    assert "\n" not in str(err.value)
    assert "x." in str(err.value)


def test_missing_paths_and_empty_folders(tmp_path):
    with pytest.raises(SourceNotFoundError, match="no such file"):
        load_paths([tmp_path / "nope.txt"])
    with pytest.raises(SourceNotFoundError, match="no .txt"):
        load_paths([tmp_path])
    with pytest.raises(FileNotFoundError):
        load_paths([tmp_path / "nope"])


def test_duplicate_ids_are_refused(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "same.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="already used"):
        load_paths([tmp_path / "a", tmp_path / "b"])


def test_source_ids_are_ncnames():
    assert make_source_id("000_820e86533fe664a9") == "src-000_820e86533fe664a9"
    assert make_source_id("Report (final)") == "Report-final"
    assert make_source_id("") == "src"


def test_embedded_corpus_is_the_seeds_byte_for_byte(seeds_dir):
    sources = embedded_sources()
    assert [s.id for s in sources] == ["dulcinea-2011", "recognition-2022"]
    for src, name in zip(sources, SEEDS, strict=True):
        data = (seeds_dir / name).read_bytes()
        assert src.sha256 == hashlib.sha256(data).hexdigest()
        assert src.raw == data.decode("utf-8")
    assert load() == sources


def test_text_sources():
    src = source_from_text("Hello.", "greeting")
    assert src.raw == "Hello." and src.id == "greeting"
