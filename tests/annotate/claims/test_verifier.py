"""The pluggable verifier: spec parsing, a verifier object deciding passages in the checker, and the NLI
cross-encoder loader on a tiny randomly initialised model built in a temporary folder (no download)."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import pytest

from annotate import Checker, ClaimInputError, NLIModelError, annotate, build_references, load_verifier, make_claim
from annotate.claims.stance import Stance
from annotate.claims.verifier import Verifier, VerifierSpec, parse_verifier_spec
from annotate.cli import main
from annotate.model import Label
from corpus import analyze, source_from_text

TEXT = (
    "Harbour works\n\n"
    "The storm of 1821 destroyed most of the wooden piers of the old harbour. "
    "Merchants paid for new stone quays, which took eleven years to build.\n"
)


@pytest.fixture(scope="module")
def docs():
    return [analyze(source_from_text(TEXT, "harbour"))]


def test_specs():
    assert parse_verifier_spec("rules") == VerifierSpec("rules")
    assert parse_verifier_spec("nli: /m/x ") == VerifierSpec("nli", "/m/x")
    for bad in ("vibes", "nli:", "nli", "rules:x"):
        with pytest.raises(ClaimInputError, match="verifier"):
            parse_verifier_spec(bad)
    assert load_verifier("rules") is None and load_verifier("learned") is None and load_verifier("combined") is None
    assert parse_verifier_spec("combined") == VerifierSpec("combined")
    assert parse_verifier_spec("layered") == VerifierSpec("layered") and load_verifier("layered") is None


class Contrarian:
    """A verifier of our own: every passage that mentions a number refutes, everything else supports."""

    name = "contrarian"

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def judge(self, claim: str, passages: Sequence[str]) -> list[Stance]:
        self.calls.append((claim, len(passages)))
        return [Stance(0.1, 0.8, 0.1) if any(c.isdigit() for c in p) else Stance(0.8, 0.1, 0.1) for p in passages]


def test_a_verifier_decides_the_passages_the_rules_relate(docs):
    judge = Contrarian()
    assert isinstance(judge, Verifier)
    checker = Checker(docs, build_references(docs), decision="rules", verifier=judge)
    verdict = checker.check("The storm of 1821 destroyed most of the wooden piers of the old harbour.")
    assert verdict.label is Label.REFUTED
    assert verdict.evidence[0].quote.startswith("The storm of 1821")
    assert judge.calls and all(n >= 1 for _, n in judge.calls)  # one batch per claim
    assert len(judge.calls) == 1
    # A passage the rules find unrelated is never handed to the verifier, so it cannot support.
    assert checker.check("Penguins live in Antarctica.").label is Label.NOT_ENOUGH_INFO
    assert len(judge.calls) == 1


def test_under_the_layered_decision_a_verifier_is_asked_only_where_the_rules_do_not_commit(docs):
    judge = Contrarian()
    checker = Checker(docs, build_references(docs), verifier=judge)  # decision="layered", the default
    # The rules find every fact of this claim stated: their verdict stands and the verifier is not asked.
    stated = checker.check("The storm of 1821 destroyed most of the wooden piers of the old harbour.")
    assert stated.label is Label.SUPPORTED and judge.calls == []
    assert stated == Checker(docs, build_references(docs), decision="rules").check(stated.claim)
    # Here the rules only find the passage related ("built" is not stated of the piers): the verifier decides.
    related = "Merchants built new wooden piers in the harbour."
    assert Checker(docs, build_references(docs), decision="rules").check(related).label is Label.NOT_ENOUGH_INFO
    assert checker.check(related).label is Label.SUPPORTED
    assert len(judge.calls) == 1


def test_the_front_door_takes_a_verifier(docs):
    mine = make_claim("In 1821 a storm destroyed most of the wooden piers.", "mine")
    other = make_claim("Merchants built new wooden piers in the harbour.", "other")
    corpus = annotate(docs, [mine, other], verifier=Contrarian())
    by_id = {v.claim.id: v for v in corpus.verdicts}
    # The rules commit on the first (every fact stated); the verifier decides the second.
    assert by_id["mine"].label is Label.SUPPORTED and by_id["other"].label is Label.SUPPORTED
    # Extracted claims are supported by the passage they were taken from, whoever decides the rest.
    assert all(v.label is Label.SUPPORTED for cid, v in by_id.items() if cid != "mine")


needs_nli = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None,
    reason="the optional extra citetrace[nli] (torch, transformers) is not installed",
)

WORDS = [
    "[PAD]",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "[MASK]",
    "the",
    "storm",
    "of",
    "1821",
    "destroyed",
    "piers",
    "harbour",
    "merchants",
    "paid",
    "quays",
]


def _tiny_model(folder: Path, labels: dict[int, str], favour: int) -> Path:
    """A randomly initialised BERT classifier whose bias makes output ``favour`` the most probable."""
    import torch  # noqa: PLC0415 - optional extra
    import transformers  # noqa: PLC0415 - optional extra

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizer(vocab_file=str(folder / "vocab.txt"))
    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=len(WORDS),
        hidden_size=8,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=16,
        max_position_embeddings=64,
        num_labels=len(labels),
        id2label=labels,
        label2id={v: k for k, v in labels.items()},
    )
    model = transformers.BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.bias.zero_()
        model.classifier.bias[favour] = 6.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@needs_nli
@pytest.mark.parametrize(
    ("labels", "favour", "expected"),
    [
        ({0: "contradiction", 1: "entailment", 2: "neutral"}, 1, Label.SUPPORTED),
        ({0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}, 2, Label.REFUTED),
        ({0: "entailment", 1: "not_entailment"}, 1, Label.NOT_ENOUGH_INFO),
    ],
)
def test_nli_labels_map_by_name_not_position(tmp_path, docs, labels, favour, expected):
    verifier = load_verifier(f"nli:{_tiny_model(tmp_path / 'm', labels, favour)}", batch_size=2)
    assert verifier is not None and verifier.name == "nli:m"
    stances = verifier.judge("The storm destroyed the piers.", ["The storm of 1821 destroyed the piers."])
    assert abs(sum(stances[0]) - 1) < 1e-6
    checker = Checker(docs, build_references(docs), decision="rules", verifier=verifier)
    assert checker.check("The storm of 1821 destroyed most of the wooden piers.").label is expected


@needs_nli
def test_nli_batches_keep_order_and_values(tmp_path):
    folder = _tiny_model(tmp_path / "m", {0: "contradiction", 1: "entailment", 2: "neutral"}, 1)
    passages = [f"the storm of {n} destroyed piers" + " harbour" * n for n in range(7)]
    one = load_verifier(f"nli:{folder}", batch_size=1).judge("the storm destroyed piers", passages)
    many = load_verifier(f"nli:{folder}", batch_size=4).judge("the storm destroyed piers", passages)
    assert len(one) == len(many) == 7
    assert all(abs(a - b) < 1e-5 for x, y in zip(one, many, strict=True) for a, b in zip(x, y, strict=True))
    long = load_verifier(f"nli:{folder}").judge("the storm", ["harbour " * 5000])  # truncated, not refused
    assert len(long) == 1


@needs_nli
def test_nli_folders_that_cannot_be_used(tmp_path):
    with pytest.raises(NLIModelError, match="no config.json"):
        load_verifier(f"nli:{tmp_path}")
    folder = _tiny_model(tmp_path / "m", {0: "positive", 1: "negative"}, 0)
    with pytest.raises(NLIModelError, match="entailment label"):
        load_verifier(f"nli:{folder}")
    (folder / "model.safetensors").unlink()
    with pytest.raises(NLIModelError, match="cannot load"):
        load_verifier(f"nli:{folder}")


@needs_nli
def test_cli_check_with_an_nli_model(tmp_path, capsys):
    folder = _tiny_model(tmp_path / "m", {0: "contradiction", 1: "entailment", 2: "neutral"}, 0)
    corpus = tmp_path / "harbour.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    import io  # noqa: PLC0415

    out = io.StringIO()
    code = main(
        ["check", "--corpus", str(corpus), "--verifier", f"nli:{folder}", "Merchants built new wooden piers."], out
    )
    # The rules do not commit on this claim, so the model (which always says contradiction) decides.
    assert code == 0 and '"REFUTED"' in out.getvalue()
    out = io.StringIO()
    stated = "The storm of 1821 destroyed most of the wooden piers of the old harbour."
    # Where the rules commit (every fact stated), their verdict stands whatever the model says.
    assert main(["check", "--corpus", str(corpus), "--verifier", f"nli:{folder}", stated], out) == 0
    assert '"SUPPORTED"' in out.getvalue()
    assert "Loading" not in capsys.readouterr().err  # no progress bar for a local model
    code = main(["check", "--corpus", str(corpus), "--verifier", f"nli:{tmp_path / 'none'}", "x"], io.StringIO())
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no config.json" in err
