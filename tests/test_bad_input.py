"""The bad-input matrix: every entry point against broken and hostile input (issue 13).

Rows are inputs (bytes written to a file, or a hostile path); columns are the library's entry points
that read files or bytes. Each cell states the outcome: ``OK`` (a result, whose offsets are then
checked where it has any) or the exact error class and the shape of its message (a regular
expression; messages start with the file's name). The CLI columns check the promise made to the
shell: exit 0 or 2, no traceback, and a refusal is one line on stderr naming the file.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotate import (
    BundleError,
    ClaimInputError,
    TEIError,
    build_references,
    read_claims,
    read_tei,
    sources_from_tei,
    trace,
    verify_bundle,
)
from annotate.cli import main
from bibliography import CSLError, ReferenceFileError, read_reference_file
from corpus import CorpusError, DecodeError, SourceNotFoundError, analyze, load_file, load_paths

SAMPLE = "Smith, John. The Book. New York: Press, 1990.\nThe treaty was signed in 1933.\n"

#: name -> raw bytes of the file.
INPUTS: dict[str, bytes] = {
    "empty": b"",
    "whitespace only": b" \n\t\n  ",
    "UTF-8 BOM": b"\xef\xbb\xbf" + SAMPLE.encode(),
    "UTF-16 with BOM": SAMPLE.encode("utf-16"),
    "UTF-16 without BOM": SAMPLE.encode("utf-16-le"),
    "cp1252 bytes": "Müller – “quoted” café 1990.\n".encode("cp1252"),
    "invalid UTF-8": b"abc \xff\xfe\xc3( def\n",
    "NUL byte": b"abc\x00def\n",
    "lone surrogate": "abc \ud800 def\n".encode("utf-8", "surrogatepass"),
    "CR line ends": SAMPLE.replace("\n", "\r").encode(),
    "CRLF line ends": SAMPLE.replace("\n", "\r\n").encode(),
    "mixed line ends": b"a line\r\nb line\rc line\nd\n",
    "combining and RTL": "e\u0301 \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 1990.\n".encode(),
    "XML-illegal characters": "bad \x01 \x0b \x1f chars \ufffe end.\n".encode(),
    "unbalanced braces and quotes": b'@article{k1, title={Open {brace, year=1990}\n@book{k2, title="quote, year=2000}\n',
    "truncated JSON": b'[{"id": "a", "type": "book", "title": "T"',
    "truncated JSONL": b'{"id": "c1", "claim": "x"}\n{"id": "c2", "cl',
    "truncated CSV": b'id,claim\nc1,"The treaty was signed\n',
    "100,000 tiny lines": b"a\n" * 100_000,
}

OK = "ok"
Outcome = str | tuple[type[BaseException], str]
NOT_XML = (TEIError, r":\d+: not well-formed XML: ")
NOT_ZIP = (BundleError, r": neither a folder nor a zip file$")
NO_JSON = (CSLError, r"\.json: invalid JSON at line \d+, column \d+: ")
BINARY = r": binary file \(NUL byte at offset \d+\); expected text$"
NOT_UTF8 = r":1: not valid UTF-8 \(byte \d+\)$"


def _claims_json(msg: str) -> tuple[type[BaseException], str]:
    return (ClaimInputError, r"\.jsonl:\d+: " + msg)


def _csv_header() -> tuple[type[BaseException], str]:
    return (ClaimInputError, r"\.csv:1: the header has no 'claim' column")


# Columns: source (load + analyze), refs (references of the analysed source), bib / csl (reference
# files), claims.txt / .jsonl / .csv, tei (read_tei of the bytes), bundle (verify and trace of the
# bytes as a .zip).
EXPECTED: dict[str, dict[str, Outcome]] = {
    "empty": {
        "bib": OK,
        "csl": NO_JSON,
        "claims.txt": (ClaimInputError, r"\.txt: no claims found$"),
        "claims.jsonl": (ClaimInputError, r"\.jsonl: no claims found$"),
        "claims.csv": (ClaimInputError, r"\.csv:1: empty CSV file"),
    },
    "whitespace only": {
        "bib": OK,
        "csl": NO_JSON,
        "claims.txt": (ClaimInputError, r"\.txt: no claims found$"),
        "claims.jsonl": (ClaimInputError, r"\.jsonl: no claims found$"),
        "claims.csv": _csv_header(),
    },
    "truncated JSON": {"claims.jsonl": _claims_json(r"not valid JSON \(Expecting ',' delimiter")},
    "truncated JSONL": {
        "csl": (CSLError, r"invalid JSON at line 2, column 1: Extra data"),
        "claims.txt": (ClaimInputError, r"\.txt:2: not valid JSON \(Unterminated string"),
        "claims.jsonl": _claims_json(r"not valid JSON \(Unterminated string"),
    },
    "truncated CSV": {"claims.csv": (ClaimInputError, r"\.csv:2: malformed CSV \(unexpected end of data\)$")},
}
for _name in ("UTF-16 without BOM", "NUL byte"):  # NUL bytes without a UTF-16 mark: binary
    EXPECTED[_name] = {
        "source": (DecodeError, BINARY),
        "refs": (DecodeError, BINARY),
        "bib": (ReferenceFileError, BINARY),
        "csl": (ReferenceFileError, BINARY),
        "claims.txt": (ClaimInputError, r":1" + BINARY),
        "claims.jsonl": (ClaimInputError, r":1" + BINARY),
        "claims.csv": (ClaimInputError, r":1" + BINARY),
    }
for _name in ("cp1252 bytes", "invalid UTF-8", "lone surrogate"):
    EXPECTED[_name] = {
        "bib": (ReferenceFileError, NOT_UTF8),
        "csl": (ReferenceFileError, NOT_UTF8),
        "claims.txt": (ClaimInputError, NOT_UTF8),
        "claims.jsonl": (ClaimInputError, NOT_UTF8),
        "claims.csv": (ClaimInputError, NOT_UTF8),
    }


def expected(row: str, column: str) -> Outcome:
    """The cell's outcome: the table's entry, else what the column does with text it cannot use."""
    if column in EXPECTED.get(row, {}):
        return EXPECTED[row][column]
    defaults: dict[str, Outcome] = {
        "source": OK,
        "refs": OK,
        "bib": OK,  # text that holds no entry is an empty bibliography, as for BibTeX itself
        "csl": NO_JSON,
        "claims.txt": OK,
        "claims.jsonl": _claims_json(r"not valid JSON"),
        "claims.csv": _csv_header(),
        "tei": NOT_XML,
        "tei sources": NOT_XML,
        "bundle": NOT_ZIP,
    }
    return defaults[column]


def _source(path: Path) -> Any:
    doc = analyze(load_file(path))
    for passage in doc.passages:
        assert passage.start <= passage.end <= len(doc.source.raw)
    return doc


def _bundle(path: Path) -> Any:
    verify_bundle(path)
    return trace(path, "claim-1")


#: column -> (file suffix, reader of that file).
COLUMNS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    "source": (".txt", _source),
    "refs": (".txt", lambda p: build_references([_source(p)])),
    "bib": (".bib", lambda p: read_reference_file(p, on_error=[].append)),
    "csl": (".json", lambda p: read_reference_file(p, on_error=[].append)),
    "claims.txt": (".txt", read_claims),
    "claims.jsonl": (".jsonl", read_claims),
    "claims.csv": (".csv", read_claims),
    "tei": (".xml", lambda p: read_tei(p.read_bytes(), p.name)),
    "tei sources": (".xml", lambda p: sources_from_tei(p.read_bytes(), p.name)),
    "bundle": (".zip", _bundle),
}


@pytest.mark.parametrize("column", list(COLUMNS))
@pytest.mark.parametrize("row", list(INPUTS))
def test_matrix(tmp_path: Path, row: str, column: str) -> None:
    suffix, read = COLUMNS[column]
    path = tmp_path / f"input{suffix}"
    path.write_bytes(INPUTS[row])
    _assert_outcome(read, path, expected(row, column))


def _assert_outcome(read: Callable[[Path], Any], path: Path, outcome: Outcome) -> None:
    """``read(path)`` succeeds, or raises the outcome's error with one line that names the file."""
    if outcome == OK:
        read(path)
        return
    error, shape = outcome
    with pytest.raises(error) as info:
        read(path)
    message = str(info.value)
    assert message.startswith((str(path), path.name)), message[:200]
    assert "\n" not in message
    assert re.search(shape, message), message[:200]


# --- whole files: large, and paths that are not plain files ----------------------------------


def test_hundred_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"word " * 20_000_000)
    assert len(load_file(path).raw) == 100_000_000
    for name in ("huge.xml", "huge.zip"):
        os.link(path, tmp_path / name)
    with pytest.raises(TEIError, match=r"huge\.xml:1: not well-formed XML"):
        read_tei((tmp_path / "huge.xml").read_bytes(), "huge.xml")
    with pytest.raises(BundleError, match="neither a folder nor a zip file"):
        verify_bundle(tmp_path / "huge.zip")


#: The 100 MB line's outcome in the columns the test above does not read (source and refs analyse it;
#: a claim of megabytes is refused by its length, not read for minutes).
HUGE_LINE: dict[str, Outcome] = {
    "refs": OK,
    "bib": OK,
    "csl": (CSLError, r"invalid JSON at line 1, column 1"),
    "claims.txt": (ClaimInputError, r"\.txt:1: a claim of 99,999,999 characters \(a claim is one statement"),
    "claims.jsonl": _claims_json(r"not valid JSON"),
    "claims.csv": (ClaimInputError, r"\.csv:1: malformed CSV \(field larger than field limit"),
}


@pytest.mark.parametrize("column", list(HUGE_LINE))
def test_hundred_megabyte_single_line_in_every_reader(tmp_path: Path, column: str) -> None:
    suffix, read = COLUMNS[column]
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as fh:
        fh.write(b"word " * 20_000_000)
    _assert_outcome(read, path, HUGE_LINE[column])


#: Prose for the 100 MB line: three sentences of some 200 characters, a citation, and an index entry
#: repeated after its mention (residue the analysis removes, so the line is cut into pieces around it).
PROSE_UNIT = (
    "The harbour of the old town was rebuilt after the great storm of 1821, when most of its wooden piers were "
    "lost and the merchants of the lower quarter, who had paid for them, asked the council for new quays of stone. "
    "The contract went to the Northern Shipping Company Northern Shipping Company in May 1823, and the work took "
    "eleven years under three successive mayors (see Archer, T., 1954, pp. 12-14, and Berg 1988). "
    "Critics said the cost was far too high for a town of its size; others disagreed, and most historians now "
    "think that the quays saved the port! "
)

# Run in a fresh interpreter, so its peak memory is the analysis's own. Prints the peak (bytes) and
# what the checks need; exits non-zero when an offset invariant fails.
_ANALYZE_LINE = """
import json, resource, sys
from corpus import analyze, load_file, source_from_text
path, unit = sys.argv[1], sys.argv[2]
doc = analyze(load_file(path))
# The peak of this process's own memory: VmHWM. ru_maxrss would not do: Linux carries the forking
# process's resident size over the exec, so a big pytest process would count here too.
try:
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
raw = doc.source.raw
to_space = {i: " " for i in range(0x3001) if chr(i).isspace()}
# Every passage character is its raw character, or a space for raw whitespace: checked run by run.
for p in doc.passages:
    m = p.offsets
    for k, s in enumerate(m.starts):
        e = m.starts[k + 1] if k + 1 < len(m.starts) else m.length
        assert p.text[s:e] == raw[m.raws[k] : m.raws[k] + e - s].translate(to_space), p.id
# Each repetition of the unit is analysed as the unit is alone (its second copy, in a text of three).
small = analyze(source_from_text(unit * 3, "small"))
mid = [(p.start - len(unit), p.text) for p in small.sentences if len(unit) <= p.start < 2 * len(unit)]
cut = [r.span.start - len(unit) for r in small.removals if len(unit) <= r.span.start < 2 * len(unit)]
for i, p in enumerate(doc.sentences):
    u, j = divmod(i, len(mid))
    assert (p.start - u * len(unit), p.text) == mid[j], p.id
for i, r in enumerate(doc.removals):
    u, j = divmod(i, len(cut))
    assert r.span.start - u * len(unit) == cut[j], r
print(json.dumps({"peak": peak, "kinds": sorted({p.kind.value for p in doc.passages}),
                  "sentences": len(doc.sentences), "per_unit": len(mid),
                  "removals": len(doc.removals), "cuts": len(cut)}))
"""

#: Peak memory allowed for analysing the 100 MB line. The document it makes holds the raw text, the
#: paragraph's cleaned text and half a million sentence passages (about 0.6 GB); before the long-line
#: work a line needed some 36 bytes a character (3.6 GB here).
HUGE_LINE_PEAK = 1_500_000_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak memory read as Linux reports it")
def test_hundred_megabyte_single_line_analyzes(tmp_path: Path) -> None:
    units = 100_000_000 // len(PROSE_UNIT)
    path = tmp_path / "line.txt"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(units // 1000):
            fh.write(PROSE_UNIT * 1000)
        fh.write(PROSE_UNIT * (units % 1000))
    done = subprocess.run(
        [sys.executable, "-c", _ANALYZE_LINE, str(path), PROSE_UNIT],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert found["kinds"] == ["paragraph", "sentence"]
    assert found["per_unit"] == 3 and found["sentences"] == 3 * units
    assert found["cuts"] == 1 and found["removals"] == units
    assert found["peak"] < HUGE_LINE_PEAK, f"peak {found['peak'] / 1e9:.2f} GB"


def test_million_tiny_lines_load(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"a\n" * 1_000_000)
    assert load_file(path).raw.count("\n") == 1_000_000
    os.link(path, tmp_path / "lines.bib")
    assert read_reference_file(tmp_path / "lines.bib") == []


def test_folder_given_as_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(SourceNotFoundError, match=r"dir\.txt: is a directory, not a file$"):
        load_file(folder)
    with pytest.raises(ClaimInputError, match=r"dir\.txt: is a directory, not a claims file$"):
        read_claims(folder)
    (tmp_path / "dir.bib").mkdir()
    with pytest.raises(ReferenceFileError, match=r"dir\.bib: is a directory, not a file$"):
        read_reference_file(tmp_path / "dir.bib")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(CorpusError, match=r"secret\.txt: cannot read: "):
        load_file(path)
    with pytest.raises(ClaimInputError, match=r"secret\.txt: cannot read "):
        read_claims(path)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_no_one_can_read() -> None:
    # /proc/self/mem exists and cannot be read from offset 0, whoever asks (root included).
    with pytest.raises(CorpusError, match=r"^/proc/self/mem: cannot read: "):
        load_file("/proc/self/mem")
    with pytest.raises(ClaimInputError, match=r"^/proc/self/mem: cannot read \("):
        read_claims("/proc/self/mem")


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(SourceNotFoundError, match=r"a\.txt: no such file"):
        load_paths([tmp_path / "a.txt"])
    with pytest.raises(ClaimInputError, match=r"a\.txt: cannot read \(Too many levels of symbolic links\)$"):
        read_claims(tmp_path / "a.txt")


def test_symlink_loop_inside_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "real.txt").write_text(SAMPLE, encoding="utf-8")
    assert [s.id for s in load_paths([tmp_path])] == ["real"]


# --- the command line -----------------------------------------------------------------------


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stderr
    sys.stderr = err
    try:
        code = main(argv, out)
    finally:
        sys.stderr = old
    return code, out.getvalue(), err.getvalue()


CLI_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "passages": lambda p, _: ["passages", "--quiet", "--jobs", "1", str(p.with_suffix(".txt"))],
    "refs --import .bib": lambda p, _: ["refs", "--import", str(p.with_suffix(".bib"))],
    "refs --import .json": lambda p, _: ["refs", "--import", str(p.with_suffix(".json"))],
    "check --claims .csv": lambda p, corpus: [
        "check",
        "--quiet",
        "--jobs",
        "1",
        "--corpus",
        str(corpus),
        "--claims",
        str(p.with_suffix(".csv")),
    ],
    "verify": lambda p, _: ["verify", str(p.with_suffix(".zip"))],
    "view": lambda p, _: ["view", "--print-path", str(p.with_suffix(".zip"))],
}


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "treaty.txt"
    path.write_text("The Treaty\n\nThe treaty was signed in 1933.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", list(CLI_COMMANDS))
@pytest.mark.parametrize("row", [r for r in INPUTS if r != "100,000 tiny lines"])
def test_cli_refuses_in_one_line(tmp_path: Path, tiny_corpus: Path, row: str, command: str) -> None:
    stem = tmp_path / "in put"  # a space in every path
    for suffix in (".txt", ".bib", ".json", ".csv", ".zip"):
        stem.with_suffix(suffix).write_bytes(INPUTS[row])
    code, _, err = _cli(CLI_COMMANDS[command](stem, tiny_corpus))
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("annotate: error: ")]
    if code == 2:
        assert len(errors) == 1, err  # warnings (one line per bad entry) may come before it
        assert str(tmp_path) in errors[0]
    assert all(line.startswith("annotate: ") for line in err.splitlines()), err


@pytest.mark.parametrize(
    "name",
    ["with space.txt", "-leading-dash.txt", "non-ascii-Müller-東京.txt", "new\nline.txt"],
    ids=["space", "leading-dash", "non-ascii", "newline"],
)
def test_cli_paths_that_need_care(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SAMPLE, encoding="utf-8")
    code, out, err = _cli(["passages", "--quiet", "--jobs", "1", "--", str(path)])
    assert (code, err) == (0, "")
    assert "The treaty was signed in 1933." in out
    missing = tmp_path / ("missing-" + name)
    code, _, err = _cli(["passages", "--quiet", "--jobs", "1", "--", str(missing)])
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("annotate: error: "), err
