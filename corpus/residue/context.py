"""The document-wide context the residue finders share: the raw text and facts built from it lazily."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.residue.vocabulary import _MENTION_WINDOW, _OPENERS, _VOCAB_RE


class Context:
    """Lazily built, document-wide facts the line scanners consult."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._vocab: set[str] | None = None
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def mentioned(self, words: Sequence[str], near: int) -> bool:
        """True when ``words`` occur in this order, separated by whitespace, within
        :data:`_MENTION_WINDOW` characters of ``near`` (the article an index line belongs to)."""
        key = tuple(w.lstrip(_OPENERS).rstrip(",;:") for w in words)
        if len(key) < 2 or not all(key):
            return False
        pat = self._patterns.get(key)
        if pat is None:
            pat = self._patterns[key] = re.compile(r"\s+".join(re.escape(w) for w in key))
        lo = max(0, near - _MENTION_WINDOW)
        return pat.search(self.raw, lo, near + _MENTION_WINDOW) is not None

    def vocab(self) -> set[str]:
        """Every word (hyphenated compounds included) of the text, case-folded."""
        if self._vocab is None:
            self._vocab = {w.casefold() for w in _VOCAB_RE.findall(self.raw)}
        return self._vocab
