"""Strict decoding of a text file someone hands us (claims, reference files): UTF-8 with or without a
byte-order mark, or UTF-16 with one; anything else is refused with where it went wrong, never guessed.

(Source texts are read more leniently, with a cp1252 fallback recorded on the source: see
``corpus.load``. A claim or a ``.bib`` read with the wrong encoding would garble names silently.)
"""

from __future__ import annotations

__all__ = ["TextDecodeError", "decode_strict"]

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class TextDecodeError(ValueError):
    """Bytes that are not text in an accepted encoding; callers name the file in their own error.

    ``binary`` says whether a NUL byte was the cause; ``line`` (1-based) and ``offset`` say where.
    """

    def __init__(self, reason: str, *, line: int, offset: int, binary: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.offset = offset
        self.binary = binary


def decode_strict(data: bytes) -> str:
    """The text of ``data``; a UTF-8 byte-order mark is dropped, UTF-16 needs its mark.

    >>> decode_strict(b"\\xef\\xbb\\xbfcaf\\xc3\\xa9"), decode_strict("é".encode("utf-16"))
    ('café', 'é')
    >>> decode_strict(b"line\\nbad \\xff")
    Traceback (most recent call last):
    ...
    textkit.textfile.TextDecodeError: not valid UTF-8 (byte 9)
    """
    utf16 = data.startswith(_UTF16_BOMS)
    nul = data.find(b"\x00")
    if nul >= 0 and not utf16:
        line = data[:nul].count(b"\n") + 1
        raise TextDecodeError(
            f"binary file (NUL byte at offset {nul}); expected text", line=line, offset=nul, binary=True
        )
    try:
        return data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        encoding = "UTF-16" if utf16 else "UTF-8"
        raise TextDecodeError(
            f"not valid {encoding} (byte {exc.start})", line=line, offset=exc.start, binary=False
        ) from None
