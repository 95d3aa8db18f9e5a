"""A natural-language-inference cross-encoder as a :class:`~annotate.claims.verifier.Verifier`.

The model is a local Hugging Face sequence-classification folder (``config.json``, weights and
tokenizer files) trained on an NLI task, such as an MNLI or FEVER-NLI cross-encoder. Each passage is
the premise and the claim the hypothesis; the model's ``entailment``, ``contradiction`` and
``neutral`` probabilities become the stance's supports, refutes and mentions. The label names are read
from the model's own ``id2label`` (in any order and case; "entail..."/"contradict..."/"neutral" or
"not_entailment"), never assumed from positions. Nothing is downloaded: the folder must hold
everything (``local_files_only``).

Requires the optional extra ``citetrace[nli]`` (PyTorch and transformers); without it, loading
raises :class:`NLIModelError` saying so.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotate.claims.stance import Stance
from annotate.errors import NLIModelError

__all__ = ["NLIVerifier", "stance_indices"]


def stance_indices(id2label: dict[int, str]) -> tuple[int, int | None, int | None]:
    """Output positions of entailment, contradiction and neutral in a model's ``id2label``.

    A two-way model (entailment / not entailment) has no contradiction: refutes is then 0.

    >>> stance_indices({0: "CONTRADICTION", 1: "neutral", 2: "Entailment"})
    (2, 0, 1)
    >>> stance_indices({0: "entailment", 1: "not_entailment"})
    (0, None, 1)
    """
    entail = contradict = neutral = None
    for index, label in id2label.items():
        name = str(label).lower().replace("-", "_")
        if name.startswith("not_entail") or name.startswith("non_entail") or name == "neutral":
            neutral = int(index)
        elif name.startswith("entail"):
            entail = int(index)
        elif name.startswith("contradict"):
            contradict = int(index)
    if entail is None or (contradict is None and neutral is None):
        raise NLIModelError(
            f"id2label {dict(id2label)!r}: an NLI model needs an entailment label and a contradiction or neutral one"
        )
    return entail, contradict, neutral


def _softmax(row: Sequence[float]) -> list[float]:
    top = max(row)
    exps = [math.exp(x - top) for x in row]
    total = sum(exps)
    return [e / total for e in exps]


class NLIVerifier:
    """Stances from a local NLI cross-encoder, ``batch_size`` pairs at a time, on the CPU.

    ``max_length`` bounds premise plus hypothesis in tokens (and never exceeds what the model can
    position); longer passages are truncated from their end (the claim is kept whole where it fits).
    """

    def __init__(self, path: str | Path, *, batch_size: int = 16, max_length: int = 256) -> None:
        folder = Path(path)
        if not (folder / "config.json").is_file():
            raise NLIModelError(f"{folder}: not a model folder (no config.json)")
        if batch_size < 1:
            raise NLIModelError(f"batch_size {batch_size}: must be at least 1")
        try:
            self._torch: Any = importlib.import_module("torch")
            transformers: Any = importlib.import_module("transformers")
        except ImportError as exc:
            raise NLIModelError(
                f"{folder}: the NLI verifier needs the optional extra: pip install 'citetrace[nli]' ({exc})"
            ) from exc
        # Loading a local folder takes a moment: no progress bar on the user's terminal for it.
        hf_logging = transformers.utils.logging
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()
        try:
            self._tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
            self._model = transformers.AutoModelForSequenceClassification.from_pretrained(
                str(folder), local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise NLIModelError(f"{folder}: cannot load the model: {str(exc).splitlines()[0]}") from exc
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        self._model.eval()
        self._indices = stance_indices(dict(self._model.config.id2label))
        self._batch_size = batch_size
        # Never longer than the model can position (its own limit may be smaller than ours).
        limits = [max_length, getattr(self._model.config, "max_position_embeddings", max_length)]
        tokenizer_limit = getattr(self._tokenizer, "model_max_length", None)
        if isinstance(tokenizer_limit, int) and tokenizer_limit > 0:
            limits.append(tokenizer_limit)
        self._max_length = min(limits)
        self._name = f"nli:{folder.name}"

    @property
    def name(self) -> str:
        """``nli:`` and the model folder's name."""
        return self._name

    def judge(self, claim: str, passages: Sequence[str]) -> list[Stance]:
        """One stance per passage (premise) towards ``claim`` (hypothesis), in the passages' order."""
        out: list[Stance] = []
        for at in range(0, len(passages), self._batch_size):
            batch = list(passages[at : at + self._batch_size])
            encoded = self._tokenizer(
                batch,
                [claim] * len(batch),
                padding=True,
                truncation="only_first",
                max_length=self._max_length,
                return_tensors="pt",
            )
            with self._torch.no_grad():
                logits = self._model(**encoded).logits.tolist()
            out.extend(self._stance(row) for row in logits)
        return out

    def _stance(self, logits: Sequence[float]) -> Stance:
        probs = _softmax(logits)
        entail, contradict, neutral = self._indices
        supports = probs[entail]
        refutes = probs[contradict] if contradict is not None else 0.0
        return Stance(supports, refutes, max(0.0, 1.0 - supports - refutes) if neutral is None else probs[neutral])
