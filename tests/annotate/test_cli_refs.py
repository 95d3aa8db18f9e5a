"""Tests for the ``refs`` subcommand reading reference files (``--import``) and for one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotate.cli import main, one_line


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(argv, out)
    return code, out.getvalue(), capsys.readouterr().err


def test_import_bib_to_csl_json_keeps_good_entries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@string{ny = {New York}}\n"
        "@book{1968clarke, author={Clarke, Arthur C.}, title={2001: A Space Odyssey}, address=ny, year=1968}\n"
        "@article{broken, title={Never {closed, year=1990}\n"
        "@book{hull, author={Hull, Cordell}, title={Memoirs}, year=1948}\n",
        encoding="utf-8",
    )
    code, out, err = _run(["refs", "--import", str(bib), "--format", "csl-json"], capsys)
    assert code == 0
    items = json.loads(out)
    assert [i["id"] for i in items] == ["1968clarke", "hull"]
    assert items[0]["publisher-place"] == "New York"
    assert err.splitlines() == [
        f"annotate: warning: {bib}:3: Unexpected block start: `@book`. Was still looking for field-value closing `}}`"
    ]


def test_import_csl_json_to_bibtex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csl = tmp_path / "items.json"
    csl.write_text('[{"id": "a1", "type": "book", "title": "Memoirs", "issued": {"date-parts": [[1948]]}}]')
    code, out, err = _run(["refs", "--import", str(csl), "--format", "bibtex"], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("@book{a1,")


def test_import_with_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = tmp_path / "bad.bib"
    bib.write_text("@book{a, title={open\n", encoding="utf-8")
    code, _, err = _run(["refs", "--import", str(bib)], capsys)
    assert code == 2
    assert err.splitlines()[-1] == f"annotate: error: {bib}: no entry could be read (1 failed)"


def test_error_lines_escape_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = tmp_path / "claims.csv"
    claims.write_bytes(b"bad\x0bheader\x1f,other\n")
    code, _, err = _run(["check", "--claims", str(claims), "--quiet", "--corpus", str(claims)], capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert "bad\\x0bheader" in err


def test_one_line() -> None:
    assert one_line("a\nb\r\nc\u2028d\x00e") == "a b  c d\\x00e"
