"""Tests for the ``claims`` and ``check`` subcommands of the annotate CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from annotate.cli import main


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, out)
    return code, out.getvalue()


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_claims_jsonl() -> None:
    code, text = _run(["claims"])
    assert code == 0
    rows = _jsonl(text)
    assert len(rows) > 60
    assert set(rows[0]) == {
        "id",
        "claim",
        "source",
        "passage",
        "start",
        "end",
        "quote",
        "facets",
        "speaker",
        "quoted_by",
    }
    by_id = {r["id"]: r for r in rows}
    talks = by_id["recognition-2022.p7.s5.c2"]
    assert talks["quote"] == "formal talks began in Washington on November 9."
    assert talks["facets"]["dates"] == ["1933-11-09"]
    assert by_id["dulcinea-2011.p6.s2.c1"]["speaker"] == "Franklin D. Roosevelt"
    assert by_id["dulcinea-2011.p1.s1.c1"]["facets"]["quantities"] == ["16 year"]


def test_claims_table_and_paths(tmp_path: Path) -> None:
    src = tmp_path / "note.txt"
    src.write_text("A Note\n\nThe bridge opened in 1932, and the city grew quickly.\n", encoding="utf-8")
    code, text = _run(["claims", str(src), "--format", "table"])
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split() == ["id", "start-end", "claim"]
    assert any(line.startswith("note.p1.s1.c1") and "The bridge opened in 1932" in line for line in lines)
    assert any(line.startswith("note.p1.s1.c2") and "The city grew quickly." in line for line in lines)


def test_check_one_claim_jsonl() -> None:
    code, text = _run(["check", "Japan invaded Manchuria in 1935."])
    assert code == 0
    (row,) = _jsonl(text)
    assert list(row) == ["id", "claim", "verdict", "explanation", "evidence", "corroborated", "conflicts"]
    assert row["id"] == "claim-1" and row["verdict"] == "REFUTED"
    ev = row["evidence"][0]
    assert list(ev) == ["passage", "source", "start", "end", "quote", "relation", "cite_key"]
    assert ev["passage"] == "recognition-2022.p5.s2" and ev["relation"] == "refutes" and ev["cite_key"]
    assert "1931" in row["explanation"] and "1935" in row["explanation"]


def test_check_claims_file_table(tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        '{"id": "ok", "claim": "Litvinov headed the Soviet delegation."}\n'
        '{"id": 2, "claim": "George Kennan served at the American embassy in Moscow."}\n',
        encoding="utf-8",
    )
    code, text = _run(["check", "--claims", str(claims), "--format", "table"])
    assert code == 0
    assert "SUPPORTED  ok: Litvinov headed the Soviet delegation." in text
    assert "NOT_ENOUGH_INFO  claim-2:" in text
    assert "supports: recognition-2022 [" in text
    assert "“Foreign Minister Litvinov headed the Soviet delegation”" in text
    code, text = _run(["check", "--claims", str(claims)])
    assert [r["id"] for r in _jsonl(text)] == ["ok", "claim-2"]


def test_check_against_a_corpus_with_an_index(tmp_path: Path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    (src / "bridge.txt").write_text(
        "The Bridge\n\nThe bridge over the river opened on May 3, 1932, after four years of work.\n", encoding="utf-8"
    )
    index = tmp_path / "index"
    for _ in range(2):  # the second run reuses the index on disk
        code, text = _run(["check", "The bridge opened on May 4, 1932.", "--corpus", str(src), "--index", str(index)])
        assert code == 0
        (row,) = _jsonl(text)
        assert row["verdict"] == "REFUTED"
        assert row["evidence"][0]["source"] == "bridge"
        assert (
            row["evidence"][0]["quote"] == "The bridge over the river opened on May 3, 1932, after four years of work."
        )
    assert (index / "meta.json").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "A claim.", "--claims", "x.txt"],
        ["check", "--claims", "/nonexistent/claims.txt"],
        ["check", "A claim.", "--corpus", "/nonexistent/folder"],
    ],
)
def test_check_errors_exit_2_with_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(argv)
    assert code == 2
    assert text == ""
    err = capsys.readouterr().err
    assert err.startswith("annotate: error: ") and err.count("\n") == 1


def test_bad_claims_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"claim": "fine"}\n{"claim": 3}\n', encoding="utf-8")
    code, _ = _run(["check", "--claims", str(claims)])
    assert code == 2
    assert f"{claims}:2: 'claim' must be a non-empty string" in capsys.readouterr().err


@pytest.mark.parametrize("decision", ["learned", "combined", "layered"])
def test_check_with_a_learned_decision(decision: str) -> None:
    code, text = _run(["check", "--decision", decision, "Ford signed a contract in 1929 to build a plant in Russia."])
    assert code == 0
    (row,) = _jsonl(text)
    assert row["verdict"] in {"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"} and row["explanation"]


def test_check_decides_by_the_layered_decision_unless_told_otherwise() -> None:
    claim = "Ford signed a contract in 1929 to build a plant in Russia."
    assert _run(["check", claim]) == _run(["check", "--decision", "layered", claim])


def test_jobs_give_the_same_output_and_no_progress_bar_off_a_terminal(tmp_path: Path, capsys) -> None:
    for k in range(6):
        (tmp_path / f"note{k}.txt").write_text(
            f"Note {k}\n\nThe bridge opened in 19{30 + k}. The city grew quickly after it.\n", encoding="utf-8"
        )
    outputs = []
    for jobs in ("1", "2"):
        code, text = _run(["passages", str(tmp_path), "--jobs", jobs])
        assert code == 0
        outputs.append(text)
        code, text = _run(["claims", str(tmp_path), "--jobs", jobs])
        outputs.append(text)
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3] and "note5.p1.s1" in outputs[0]
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest: no progress bar
