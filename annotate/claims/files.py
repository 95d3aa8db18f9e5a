"""Reading claims to check: from a string, a text file, JSONL or CSV.

Formats (chosen by the file name, or by ``format``):

* **text** (``.txt`` and anything else): one claim per line; blank lines and lines starting with
  ``#`` are skipped. Ids are ``claim-1``, ``claim-2``, ... in order.
* **JSONL** (``.jsonl``, ``.ndjson``): one JSON object per line with a non-empty string ``claim``
  and an optional ``id`` (string or integer); other keys (``label``, ``evidence``, ...) are ignored,
  so a gold file can be read as it is. Blank lines are skipped.
* **CSV** (``.csv``): a header row naming a ``claim`` column and optionally an ``id`` column (any
  case, any order, other columns ignored); one claim per row.

Ids: missing ids are ``claim-<n>`` (n counts the claims read so far). An id that starts with a
digit gets the prefix ``claim-`` ("7" becomes ``claim-7``), because claim ids double as XML ids and
those cannot start with a digit. Ids must then be ASCII letters, digits, ``_``, ``-`` and ``.``;
anything else, and a duplicate id, is an error. Every error is a :class:`ClaimInputError` whose
message names the file and line.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Literal

from annotate.claims.aliases import AliasTable
from annotate.claims.facets import extract_facets
from annotate.errors import ClaimInputError
from annotate.model import Claim, Origin
from textkit.textfile import TextDecodeError, decode_strict

__all__ = ["ClaimFormat", "normalise_claim_id", "parse_claims", "read_claims"]

ClaimFormat = Literal["auto", "text", "jsonl", "csv"]

_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_PREFIX = "claim-"


def normalise_claim_id(raw: str | int, *, where: str) -> str:
    """A claim id as the model accepts it: stripped, ``claim-`` before a leading digit.

    >>> normalise_claim_id("7", where="x"), normalise_claim_id(" t01 ", where="x")
    ('claim-7', 't01')
    """
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise ClaimInputError(f"{where}: id must be a string or an integer, got {type(raw).__name__}")
    value = str(raw).strip()
    if not value:
        raise ClaimInputError(f"{where}: empty id")
    if value[0].isdigit():
        value = _PREFIX + value
    if not _ID_RE.match(value):
        raise ClaimInputError(f"{where}: id {value!r} may hold only ASCII letters, digits, '_', '-' and '.'")
    return value


def _format_of(name: str, text: str, fmt: ClaimFormat) -> str:
    if fmt != "auto":
        return fmt
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".csv"):
        return "csv"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return "jsonl" if first.startswith("{") and first.endswith("}") else "text"


#: The longest claim accepted, in characters. A claim is one statement (the longest sentences of real
#: prose run to a few hundred characters); a line of megabytes is not a claim, and reading its facets
#: would take minutes and gigabytes, so it is refused by name instead.
MAX_CLAIM_CHARS = 10_000

_WHITESPACE = re.compile(r"\s+")


def claim_too_long(text: str) -> str | None:
    """Why ``text`` (whitespace already folded) cannot be a claim because of its length, or None."""
    if len(text) <= MAX_CLAIM_CHARS:
        return None
    return f"a claim of {len(text):,} characters (a claim is one statement, at most {MAX_CLAIM_CHARS:,})"


def _claim(claim_id: str, text: str, aliases: AliasTable | None, where: str) -> Claim:
    if len(text) > MAX_CLAIM_CHARS:
        # Fold without a list of every word: a line of megabytes would make millions of objects.
        folded = _WHITESPACE.sub(" ", text).strip()
        too_long = claim_too_long(folded)
        if too_long:
            raise ClaimInputError(f"{where}: {too_long}")
    stripped = " ".join(text.split())
    if not stripped:
        raise ClaimInputError(f"{where}: empty claim")
    too_long = claim_too_long(stripped)
    if too_long:
        raise ClaimInputError(f"{where}: {too_long}")
    return Claim(claim_id, stripped, extract_facets(stripped, aliases=aliases), Origin.SUPPLIED)


class _Collector:
    def __init__(self, name: str, aliases: AliasTable | None) -> None:
        self.name = name
        self.aliases = aliases
        self.claims: list[Claim] = []
        self.lines: dict[str, int] = {}

    def add(self, raw_id: str | int | None, text: str, line: int) -> None:
        where = f"{self.name}:{line}"
        claim_id = normalise_claim_id(raw_id, where=where) if raw_id is not None else f"{_PREFIX}{len(self.claims) + 1}"
        if claim_id in self.lines:
            raise ClaimInputError(f"{where}: duplicate id {claim_id!r} (first on line {self.lines[claim_id]})")
        self.lines[claim_id] = line
        self.claims.append(_claim(claim_id, text, self.aliases, where))


def _parse_text(text: str, out: _Collector) -> None:
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            out.add(None, stripped, n)


def _parse_jsonl(text: str, out: _Collector) -> None:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{out.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ClaimInputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(row, dict):
            raise ClaimInputError(f"{where}: expected a JSON object with a 'claim', got {type(row).__name__}")
        claim = row.get("claim")
        if not isinstance(claim, str) or not claim.strip():
            raise ClaimInputError(f"{where}: 'claim' must be a non-empty string")
        raw_id = row.get("id")
        if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
            raise ClaimInputError(f"{where}: 'id' must be a string or an integer")
        out.add(raw_id, claim, n)


_CSV_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _parse_csv(text: str, out: _Collector) -> None:
    # Rows end at CRLF, CR or LF (spreadsheets on old Macs write CR); strict, so a quote left open at
    # the end of a truncated file is an error rather than a claim that swallowed the rest.
    reader = csv.reader(_CSV_LINE.findall(text), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ClaimInputError(f"{out.name}:1: empty CSV file (a header with a 'claim' column is needed)") from None
    except csv.Error as exc:
        raise ClaimInputError(f"{out.name}:1: malformed CSV ({exc})") from None
    names = [h.strip().lower() for h in header]
    if "claim" not in names:
        raise ClaimInputError(f"{out.name}:1: the header has no 'claim' column (columns: {', '.join(names)})")
    c_col = names.index("claim")
    i_col = names.index("id") if "id" in names else None
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= c_col:
                raise ClaimInputError(f"{out.name}:{line}: {len(row)} fields, no 'claim' column value")
            raw_id: str | None = None
            if i_col is not None and i_col < len(row) and row[i_col].strip():
                raw_id = row[i_col]
            out.add(raw_id, row[c_col], line)
    except csv.Error as exc:
        raise ClaimInputError(f"{out.name}:{reader.line_num}: malformed CSV ({exc})") from None


def parse_claims(
    text: str,
    *,
    name: str = "<string>",
    format: ClaimFormat = "auto",
    aliases: AliasTable | None = None,
) -> list[Claim]:
    """Claims from the text of a claims file (see the module notes for the formats).

    ``name`` is used in error messages and, with ``format="auto"``, to choose the format (a name
    ending in ``.jsonl`` or ``.csv``; otherwise a first line that is a JSON object means JSONL).

    >>> [(c.id, c.text) for c in parse_claims("Talks began in 1933.\\n\\n# note\\nThey ended in 1935.\\n")]
    [('claim-1', 'Talks began in 1933.'), ('claim-2', 'They ended in 1935.')]
    >>> [c.id for c in parse_claims('{"id": 7, "claim": "Talks began."}')]
    ['claim-7']
    """
    fmt = _format_of(name, text, format)
    if fmt not in ("text", "jsonl", "csv"):
        raise ClaimInputError(f"{name}: unknown claims format {fmt!r} (text, jsonl or csv)")
    out = _Collector(name, aliases)
    {"text": _parse_text, "jsonl": _parse_jsonl, "csv": _parse_csv}[fmt](text.lstrip("\ufeff"), out)
    if not out.claims:
        raise ClaimInputError(f"{name}: no claims found")
    return out.claims


def read_claims(
    path: str | os.PathLike[str],
    *,
    format: ClaimFormat = "auto",
    aliases: AliasTable | None = None,
) -> list[Claim]:
    """Claims from a file: text (one per line), JSONL or CSV, chosen by the name unless ``format`` says.

    The file must be UTF-8 (a byte-order mark is allowed) or UTF-16 with a byte-order mark.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ClaimInputError(f"{p}: claims file not found") from None
    except IsADirectoryError:
        raise ClaimInputError(f"{p}: is a directory, not a claims file") from None
    except OSError as exc:
        raise ClaimInputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    try:
        text = decode_strict(data)
    except TextDecodeError as exc:
        raise ClaimInputError(f"{p}:{exc.line}: {exc.reason}") from None
    return parse_claims(text, name=str(p), format=format, aliases=aliases)
