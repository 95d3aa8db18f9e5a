"""The raw texts of a bundle's sources, read and decoded when asked for, a few kept for reuse.

``verify`` compares quotes with the raw text of the source they name; holding every source's text
at once would make its memory grow with the corpus. :class:`SourceTexts` is a mapping from source
id to raw text that reads the bundled file on demand and keeps the most recently used texts up to
a budget of characters.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping

from annotate.bundle.read import BundleReader
from annotate.errors import BundleError
from corpus.errors import CorpusError
from corpus.load import decode

#: Characters of raw text kept decoded between look-ups (the most recently used sources).
BUDGET = 16_000_000


class SourceTexts(Mapping[str, str]):
    """Source id -> raw text, for the sources whose bundled file decoded when :meth:`add` was called.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_bytes(b"Alpha")
    >>> texts = SourceTexts(BundleReader(folder), budget=1)
    >>> texts.add("a", "a.txt", b"Alpha")
    'Alpha'
    >>> "a" in texts, "b" in texts, texts["a"], sorted(texts)
    (True, False, 'Alpha', ['a'])
    """

    def __init__(self, reader: BundleReader, *, budget: int | None = None) -> None:
        self._reader = reader
        self._files: dict[str, str] = {}
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._chars = 0
        self._budget = BUDGET if budget is None else budget

    def add(self, sid: str, file: str, data: bytes) -> str:
        """Register source ``sid`` stored as ``file`` with bytes ``data``; its text (:class:`CorpusError` if none)."""
        text = decode(data, file)[0]
        self._files[sid] = file
        self._keep(sid, text)
        return text

    def _keep(self, sid: str, text: str) -> None:
        self._cache[sid] = text
        self._chars += len(text)
        while self._chars > self._budget and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._chars -= len(old)

    def __getitem__(self, sid: str) -> str:
        text = self._cache.get(sid)
        if text is not None:
            self._cache.move_to_end(sid)
            return text
        file = self._files[sid]
        try:
            text = decode(self._reader.read(file), file)[0]
        except (BundleError, CorpusError):
            raise KeyError(sid) from None
        self._keep(sid, text)
        return text

    def __contains__(self, sid: object) -> bool:
        return sid in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


class Keyed(Mapping[str, str]):
    """The texts of a :class:`SourceTexts` under other keys (e.g. each source's IRI)."""

    def __init__(self, texts: SourceTexts, keys: Mapping[str, str]) -> None:
        self._texts = texts
        self._sid = {key: sid for sid, key in keys.items() if sid in texts}

    def __getitem__(self, key: str) -> str:
        return self._texts[self._sid[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._sid

    def __iter__(self) -> Iterator[str]:
        return iter(self._sid)

    def __len__(self) -> int:
        return len(self._sid)
