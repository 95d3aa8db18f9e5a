"""Tests for reading reference files others wrote (``bibliography.files``) and BibTeX crossref."""

from __future__ import annotations

from pathlib import Path

import pytest

from bibliography import (
    BibliographyError,
    BibTeXError,
    CSLError,
    ReferenceFileError,
    from_bibtex,
    read_reference_file,
)


def test_exported_bib_with_crossref_strings_and_digit_keys(data_dir: Path) -> None:
    refs = {r.key: r for r in read_reference_file(data_dir / "bib" / "crossref-digits.bib")}
    assert list(refs) == ["2003smith", "2001odyssey", "conf2003"]
    child = refs["2003smith"]
    assert child.title == "On Soviet Recognition"
    assert child.container_title == "Proceedings of the Diplomatic History Conference"
    assert (child.publisher, child.place, child.year) == ("ACM Press", "New York", "2003")
    assert [p.family for p in child.authors] == ["Smith", "Müller"]
    assert [p.family for p in child.editors] == ["Doe"]
    assert refs["2001odyssey"].title == "2001: A Space Odyssey"


def test_crossref_child_keeps_its_own_fields() -> None:
    text = "@incollection{c, title={Own}, year={1999}, crossref={p}}\n@book{p, title={Parent}, year={2000}}"
    child = from_bibtex(text)[0]
    assert (child.title, child.container_title, child.year) == ("Own", "Parent", "1999")


def test_crossref_to_a_missing_entry_names_the_line() -> None:
    with pytest.raises(BibTeXError, match=r"^x\.bib:1: entry 'c', field 'crossref': crossref to 'gone'"):
        from_bibtex("@incollection{c, title={T}, crossref={gone}}", source_name="x.bib")


def test_bad_entries_are_reported_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.bib"
    path.write_text(
        "@book{ok1, title={First}, year=1990}\n"
        "@article{open, title={Never {closed, year=1991}\n"
        "@book{ok2, title={Second}, year=1992}\n"
        "@book{ok1, title={Again}, year=1993}\n"
        "@book{ok3, title={Third}, year={nineteen}}\n",
        encoding="utf-8",
    )
    problems: list[BibliographyError] = []
    refs = read_reference_file(path, on_error=problems.append)
    assert [r.key for r in refs] == ["ok1", "ok2"]
    assert [type(p) for p in problems] == [BibTeXError] * 3
    assert str(problems[0]).startswith(f"{path}:2: ")
    assert "duplicate cite key 'ok1'" in str(problems[1])
    assert str(problems[2]).startswith(f"{path}:5: entry 'ok3', field 'year': ")
    with pytest.raises(BibTeXError, match=r":2: "):
        read_reference_file(path)


def test_csl_json_bad_item_reported_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(
        '[{"id": "a", "type": "book", "title": 5}, {"id": "b", "type": "book", "title": "Fine"},'
        ' {"id": "b", "type": "book", "title": "Twice"}]',
        encoding="utf-8",
    )
    problems: list[BibliographyError] = []
    assert [r.key for r in read_reference_file(path, on_error=problems.append)] == ["b"]
    assert [type(p) for p in problems] == [CSLError, CSLError]
    assert "item 0 (id 'a'), field 'title'" in str(problems[0])
    assert "item 2 (id 'b'), field 'id': duplicate of item 1" in str(problems[1])


@pytest.mark.parametrize(
    ("data", "title"),
    [
        ("\ufeff@book{a, title={Caf\u00e9}}".encode(), "Café"),
        ("@book{a, title={Caf\u00e9}}".encode("utf-16"), "Café"),
        (b"@book{a, title={Caf\\'{e}}}\r\n", "Café"),
    ],
    ids=["utf8-bom", "utf16-bom", "crlf-latex"],
)
def test_encodings_that_are_read(tmp_path: Path, data: bytes, title: str) -> None:
    path = tmp_path / "enc.bib"
    path.write_bytes(data)
    assert read_reference_file(path)[0].title == title


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("latin.bib", "@book{a, title={Caf\u00e9}}".encode("cp1252"), r"latin\.bib:1: not valid UTF-8 \(byte 19\)"),
        ("nul.bib", b"@book{a,\x00}", r"nul\.bib: binary file \(NUL byte at offset 8\)"),
        ("refs.ris", b"TY  - BOOK", r"refs\.ris: unknown reference file type '\.ris'"),
        ("missing.bib", None, r"missing\.bib: no such file"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(ReferenceFileError, match=message):
        read_reference_file(path)


def test_folder_is_not_a_reference_file(tmp_path: Path) -> None:
    folder = tmp_path / "refs.bib"
    folder.mkdir()
    with pytest.raises(ReferenceFileError, match="is a directory") as info:
        read_reference_file(folder)
    assert isinstance(info.value, OSError)
