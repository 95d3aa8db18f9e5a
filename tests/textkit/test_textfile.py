"""Tests for textkit.textfile: strict decoding with the place of the first bad byte."""

from __future__ import annotations

import pytest

from textkit import TextDecodeError, decode_strict


@pytest.mark.parametrize(
    ("data", "reason", "line", "binary"),
    [
        (b"one\ntwo\x00three", "binary file (NUL byte at offset 7); expected text", 2, True),
        (b"a\nb\nCaf\xe9", "not valid UTF-8 (byte 7)", 3, False),
        (b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00", "not valid UTF-16 (byte 6)", 1, False),
    ],
)
def test_refusals_say_why_and_where(data: bytes, reason: str, line: int, binary: bool) -> None:
    with pytest.raises(TextDecodeError) as info:
        decode_strict(data)
    assert (info.value.reason, info.value.line, info.value.binary) == (reason, line, binary)
    assert isinstance(info.value, ValueError)


def test_utf16_keeps_its_nul_bytes_as_text() -> None:
    assert decode_strict("a\nb".encode("utf-16")) == "a\nb"
