"""Tests for reading claims (annotate.claims.files)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.claims.checker import make_claim
from annotate.claims.files import MAX_CLAIM_CHARS, normalise_claim_id, parse_claims, read_claims
from annotate.errors import AnnotateError, ClaimInputError
from annotate.model import Origin


def test_text_one_claim_per_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.txt"
    path.write_text("# my claims\nTalks began in 1933.\n\n  Japan invaded Manchuria in 1931.  \n", encoding="utf-8")
    claims = read_claims(path)
    assert [(c.id, c.text) for c in claims] == [
        ("claim-1", "Talks began in 1933."),
        ("claim-2", "Japan invaded Manchuria in 1931."),
    ]
    assert all(c.origin is Origin.SUPPLIED for c in claims)
    assert [d.iso for d in claims[1].facets.dates] == ["1931"]


def test_string_input() -> None:
    claims = parse_claims("Hull led the Americans.")
    assert [(c.id, c.text) for c in claims] == [("claim-1", "Hull led the Americans.")]


def test_jsonl_ids_and_extra_keys(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    rows = [
        {"id": "t01", "claim": "Talks began in 1933.", "label": "SUPPORTED", "evidence": ["x.p1.s1"]},
        {"id": 7, "claim": "Bullitt was ambassador."},
        {"claim": "No id here."},
        {"id": "2b", "claim": "A digit first."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert [c.id for c in read_claims(path)] == ["t01", "claim-7", "claim-3", "claim-2b"]


def test_jsonl_sniffed_without_extension() -> None:
    assert [c.id for c in parse_claims('{"id": "a", "claim": "One."}\n', name="claims")] == ["a"]


def test_csv_header_any_order_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(
        '\ufeffnote,Claim,ID\nx,"Talks began, at last, in 1933.",c1\ny,Japan invaded Manchuria.,\n'.encode()
    )
    claims = read_claims(path)
    assert [(c.id, c.text) for c in claims] == [
        ("c1", "Talks began, at last, in 1933."),
        ("claim-2", "Japan invaded Manchuria."),
    ]


def test_format_override() -> None:
    text = '{"claim": "not json here"}'
    assert parse_claims(text, format="text")[0].text == text


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("c.jsonl", '{"claim": "ok"}\n{"claim": \n', r"c\.jsonl:2: not valid JSON"),
        ("c.jsonl", '["a list"]\n', r"c\.jsonl:1: expected a JSON object"),
        ("c.jsonl", '{"id": "a"}\n', r"c\.jsonl:1: 'claim' must be a non-empty string"),
        ("c.jsonl", '{"id": true, "claim": "x"}\n', r"c\.jsonl:1: 'id' must be a string or an integer"),
        (
            "c.jsonl",
            '{"id": "a", "claim": "x"}\n\n{"id": "a", "claim": "y"}\n',
            r"c\.jsonl:3: duplicate id 'a' \(first on line 1\)",
        ),
        ("c.jsonl", '{"id": "a b", "claim": "x"}\n', r"c\.jsonl:1: id 'a b' may hold only"),
        (
            "c.jsonl",
            '{"id": 7, "claim": "x"}\n{"id": "claim-7", "claim": "y"}\n',
            r"c\.jsonl:2: duplicate id 'claim-7'",
        ),
        ("c.csv", "id,text\n1,x\n", r"c\.csv:1: the header has no 'claim' column"),
        ("c.csv", "claim,id\nx,a\ny,a\n", r"c\.csv:3: duplicate id 'a'"),
        ("c.csv", "", r"c\.csv:1: empty CSV file"),
        ("c.txt", "\n# only a comment\n", r"c\.txt: no claims found"),
    ],
)
def test_errors_name_file_and_line(name: str, text: str, message: str) -> None:
    with pytest.raises(ClaimInputError, match=message):
        parse_claims(text, name=name)


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ClaimInputError, match="claims file not found"):
        read_claims(tmp_path / "missing.txt")
    with pytest.raises(ClaimInputError, match="is a directory"):
        read_claims(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine line\nbad \xff byte\n")
    with pytest.raises(ClaimInputError, match=r"bad\.txt:2: not valid UTF-8"):
        read_claims(bad)
    # The typed error is also an AnnotateError and a ValueError (the CLI turns it into exit 2).
    err = ClaimInputError("x")
    assert isinstance(err, AnnotateError) and isinstance(err, ValueError)


def test_normalise_claim_id() -> None:
    assert normalise_claim_id(12, where="w") == "claim-12"
    assert normalise_claim_id("x.1-a_b", where="w") == "x.1-a_b"
    with pytest.raises(ClaimInputError, match="w: empty id"):
        normalise_claim_id("  ", where="w")


_TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u0085\ufeff"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() != "")
_IDS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,10}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_IDS, _TEXTS), min_size=1, max_size=6, unique_by=lambda t: t[0]))
def test_jsonl_and_csv_round_trip(rows: list[tuple[str, str]]) -> None:
    expected = [(normalise_claim_id(i, where="x"), " ".join(t.split())) for i, t in rows]
    if len({e[0] for e in expected}) < len(expected):
        return  # "7" and "claim-7" collide by design
    jsonl = "\n".join(json.dumps({"id": i, "claim": t}) for i, t in rows)
    assert [(c.id, c.text) for c in parse_claims(jsonl, name="x.jsonl")] == expected
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "claim"])
    writer.writerows(rows)
    assert [(c.id, c.text) for c in parse_claims(buf.getvalue(), name="x.csv")] == expected


def test_csv_with_old_mac_line_ends_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(b'id,claim\rc1,"Talks began\nin 1933."\rc2,They ended.\r')
    assert [(c.id, c.text) for c in read_claims(path)] == [("c1", "Talks began in 1933."), ("c2", "They ended.")]


def test_csv_cut_inside_a_quote_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(b'id,claim\nc1,"Talks began\n')
    with pytest.raises(ClaimInputError, match=r"claims\.csv:2: malformed CSV \(unexpected end of data\)$"):
        read_claims(path)


def test_utf16_with_bom_is_read_and_nul_bytes_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.txt"
    path.write_bytes("Talks began in 1933.\n".encode("utf-16"))
    assert [c.text for c in read_claims(path)] == ["Talks began in 1933."]
    path.write_bytes(b"Talks began\n in 1933.\x00\n")
    with pytest.raises(ClaimInputError, match=r"claims\.txt:2: binary file \(NUL byte at offset 21\)"):
        read_claims(path)


def test_a_claim_of_megabytes_is_refused_by_its_length():
    ok = "The treaty was signed in 1933. " * (MAX_CLAIM_CHARS // 40)
    assert len(parse_claims(ok, name="ok.txt")) == 1
    with pytest.raises(ClaimInputError, match=r"long\.txt:2: a claim of [\d,]+ characters"):
        parse_claims("A first claim.\n" + "word " * (MAX_CLAIM_CHARS // 4), name="long.txt")
    with pytest.raises(ClaimInputError, match=r"claim c9: a claim of"):
        make_claim("x " * MAX_CLAIM_CHARS, "c9")
