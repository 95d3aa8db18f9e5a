"""Real clients read what we write: BibTeX with plain.bst, and pandoc's citeproc (.bib and CSL-JSON).

Each test skips when its program is missing, unless the environment variable CI is set, in which
case a missing program is a failure.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from bibliography.bibtex.write import to_bibtex
from bibliography.csl import to_csl_json
from bibliography.latex import unescape
from bibliography.model import Reference

from .conftest import REALISTIC, expected_names, require_tool

pytestmark = pytest.mark.external

NOCITE_DOC = "---\nnocite: '@*'\n---\n"


def normalise(text: str) -> str:
    """Case, quotes, dashes and spacing as styles may change them."""
    text = re.sub(r"[‘’“”'\"]", "'", text.replace("\u00a0", " "))
    return re.sub(r"\s+", " ", text).strip().casefold()


def assert_shows(ref: Reference, rendered: str, *, publisher: bool = False) -> None:
    shown = normalise(rendered)
    for name in expected_names(ref):
        assert normalise(name) in shown, f"{ref.key}: name {name!r} missing from {rendered!r}"
    assert ref.title is not None
    assert normalise(ref.title) in shown, f"{ref.key}: title missing from {rendered!r}"
    assert ref.year is not None
    assert ref.year in shown, f"{ref.key}: year missing from {rendered!r}"
    if publisher and ref.publisher:
        assert normalise(ref.publisher) in shown, f"{ref.key}: publisher missing from {rendered!r}"


# --------------------------------------------------------------------------------------------
# BibTeX + plain.bst
# --------------------------------------------------------------------------------------------


def run_bibtex(directory: Path, bib: str) -> dict[str, str]:
    """Run bibtex with plain.bst over every entry; return each \\bibitem's text by key."""
    bibtex = require_tool("bibtex")
    (directory / "refs.bib").write_text(bib, encoding="utf-8")
    (directory / "doc.aux").write_text("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    done = subprocess.run([bibtex, "doc"], cwd=directory, capture_output=True, text=True, timeout=60, check=False)
    log = (directory / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, f"bibtex failed:\n{done.stdout}\n{log}"
    assert "Warning--" not in log, log
    assert "error message" not in log, log
    bbl = (directory / "doc.bbl").read_text(encoding="utf-8")
    items = re.split(r"\\bibitem\{([^}]*)\}", bbl)[1:]
    return dict(zip(items[::2], items[1::2], strict=True))


@pytest.mark.parametrize("ascii", [False, True], ids=["utf8", "ascii"])
def test_bibtex_plain_formats_every_entry_without_warnings(tmp_path, ascii):
    bib = to_bibtex(REALISTIC, ascii=ascii)
    if ascii:
        assert bib.isascii()
    items = run_bibtex(tmp_path, bib)
    assert sorted(items) == sorted(ref.key for ref in REALISTIC)
    for ref in REALISTIC:
        assert_shows(ref, unescape(items[ref.key]), publisher=True)


def test_bibtex_keeps_title_capitals_and_specials(tmp_path):
    items = run_bibtex(tmp_path, to_bibtex(REALISTIC, ascii=True))
    assert "The United States and the Soviet Union: The Decision to" in items["richman1980"]
    assert "Camberleigh \\& Hall" in items["richman1980"]
    assert "100\\% Diplomatic? The \\#1 Question" in items["vanderberg2019"]


# --------------------------------------------------------------------------------------------
# pandoc --citeproc
# --------------------------------------------------------------------------------------------


def pandoc_version(pandoc: str) -> tuple[int, ...]:
    first = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    match = re.search(r"(\d+(?:\.\d+)+)", first)
    assert match, first
    return tuple(int(part) for part in match.group(1).split("."))


def run_pandoc(directory: Path, name: str, content: str) -> list[str]:
    """Render the whole bibliography as plain text; return its entries (one paragraph each)."""
    pandoc = require_tool("pandoc")
    (directory / name).write_text(content, encoding="utf-8")
    (directory / "doc.md").write_text(NOCITE_DOC, encoding="utf-8")
    modern = pandoc_version(pandoc) >= (2, 11)  # before 2.11 citeproc was a separate filter
    citeproc = ["--citeproc"] if modern else ["--filter", require_tool("pandoc-citeproc")]
    command = [pandoc, *citeproc, "--bibliography", name, "-t", "plain", "--wrap=none", "doc.md"]
    done = subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return [entry for entry in done.stdout.split("\n\n") if entry.strip()]


def match_entries(entries: list[str]) -> dict[str, str]:
    """Each reference's rendered entry, found by its title."""
    found = {}
    for ref in REALISTIC:
        assert ref.title is not None
        hits = [entry for entry in entries if normalise(ref.title) in normalise(entry)]
        assert len(hits) == 1, f"{ref.key}: {len(hits)} entries show its title in {entries!r}"
        found[ref.key] = hits[0]
    return found


@pytest.mark.parametrize("ascii", [False, True], ids=["utf8", "ascii"])
def test_pandoc_renders_the_bib_file(tmp_path, ascii):
    entries = run_pandoc(tmp_path, "refs.bib", to_bibtex(REALISTIC, ascii=ascii))
    assert len(entries) == len(REALISTIC)
    rendered = match_entries(entries)
    for ref in REALISTIC:
        assert_shows(ref, rendered[ref.key], publisher=True)
    # Braced titles keep their capitals (pandoc sentence-cases unprotected BibTeX titles).
    assert "The Decision to Recognize" in rendered["richman1980"]
    assert "Watching Stalin Maneuver between Hitler" in rendered["maddux1977"]


def test_pandoc_renders_the_csl_json(tmp_path):
    entries = run_pandoc(tmp_path, "refs.json", to_csl_json(REALISTIC))
    assert len(entries) == len(REALISTIC)
    rendered = match_entries(entries)
    for ref in REALISTIC:
        assert_shows(ref, rendered[ref.key], publisher=True)
    assert "E/2020/1" in rendered["un2020"]
    assert "Translated by Max Eastman" in rendered["trotsky1932"]


# --------------------------------------------------------------------------------------------
# biber's data-model validation (biblatex)
# --------------------------------------------------------------------------------------------


def test_biber_validates_the_data_model(tmp_path):
    biber = require_tool("biber")
    (tmp_path / "refs.bib").write_text(to_bibtex(REALISTIC), encoding="utf-8")
    done = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "--output-directory", str(tmp_path), "refs.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    # The x- fields carry what BibTeX cannot say (exact names, provenance); biblatex ignores them.
    standard = [w for w in warnings if not re.search(r"Field 'x-[a-z-]+' invalid in data model", w)]
    # biblatex's manual lets an editor stand for the author of a @misc; biber's model check does not.
    edited = {r.key for r in REALISTIC if r.editors and not r.authors}
    standard = [
        w
        for w in standard
        if not ("Missing mandatory field 'author'" in w and any(f"Entry '{k}'" in w for k in edited))
    ]
    assert standard == [], standard
