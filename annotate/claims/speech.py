"""Quoted speech and who says it.

**Quoted speech.** A quotation of five words or more is speech (shorter ones are terms or scare
quotes). Its speaker is found from an attribution next to it (“...,” explains the Department;
the Department said, “...”; X sent a telegram saying, “...”; according to X, ...), or, for a
quotation that continues a run in the same paragraph without its own attribution, the speaker of
the run before it. Claims that overlap a quotation keep ``speaker`` (the entity's canonical name, or
the attribution's words) and ``quoted_by`` (the id of the source that quotes it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from annotate.claims.aliases import AliasTable
from annotate.claims.clauses import _SPEECH_MIN_WORDS, _SPEECH_VERBS
from annotate.claims.facets import extract_facets
from annotate.model import EntityType
from corpus.model import Passage

_QUOTE_PAIRS = (("“", "”"), ('"', '"'))
# The attribution runs to a comma or to the end of the sentence (names may hold dots: "U.S.").
_NAME = r"[^,;“”\"]{2,80}?"
_END = r"\s*(?:[,;]|\.?\s*$)"
_AFTER_ATTRIB_RE = re.compile(
    r"^\s*,?\s*(?:" + _SPEECH_VERBS + r"\s+(?P<a>" + _NAME + r")|(?P<b>" + _NAME + r")\s+" + _SPEECH_VERBS + r")" + _END
)
_BEFORE_ATTRIB_RE = re.compile(_SPEECH_VERBS + r"\s*(?:that\s*)?[,:]?\s*$")
_ACCORDING_RE = re.compile(r"[Aa]ccording to\s+(?P<a>[^,;“”\"]{2,80}?)\s*(?:[,;]|\.\s|$)")


class _Quote(NamedTuple):
    start: int  # cleaned offsets in the block text, marks included
    end: int
    speaker: str | None


def _quotes(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        for opening, closing in _QUOTE_PAIRS:
            if ch == opening:
                j = text.find(closing, i + 1)
                end = len(text) if j < 0 else j + 1
                out.append((i, end))
                i = end - 1
                break
        i += 1
    return out


def _speaker_name(phrase: str, aliases: AliasTable | None) -> str | None:
    phrase = phrase.strip()
    if not phrase:
        return None
    facets = extract_facets(phrase, aliases=aliases)
    for e in facets.entities:
        if e.type in (EntityType.PERSON, EntityType.ORGANISATION, EntityType.OTHER):
            return e.name
    for e in facets.entities:
        return e.name
    words = phrase.split()
    return phrase if 1 <= len(words) <= 6 and phrase[0].isupper() else None


def _sentence_subject(before: str, aliases: AliasTable | None) -> str | None:
    facets = extract_facets(before, aliases=aliases)
    for e in facets.entities:
        if e.type in (EntityType.PERSON, EntityType.ORGANISATION):
            return e.name
    return None


def _speech(block: Passage, sentences: Sequence[Passage], aliases: AliasTable | None) -> list[_Quote]:
    """The speech quotations of a block with their speakers (see the module notes)."""
    text = block.text
    # Sentence bounds in block coordinates, to look for an attribution within the same sentence.
    bounds: list[tuple[int, int]] = []
    for s in sentences:
        try:
            bounds.append(block.char_span(s.start, s.end))
        except ValueError:
            continue
    out: list[_Quote] = []
    last: str | None = None
    for q_start, q_end in _quotes(text):
        inner = text[q_start + 1 : q_end - 1]
        if len(inner.split()) < _SPEECH_MIN_WORDS:
            continue
        s_start, s_end = next(((a, b) for a, b in bounds if a <= q_start < b), (0, len(text)))
        speaker = None
        m = _AFTER_ATTRIB_RE.match(text[q_end : max(s_end, q_end)])
        if m:
            speaker = _speaker_name(m.group("a") or m.group("b") or "", aliases)
        if speaker is None:
            before = text[s_start:q_start]
            if _BEFORE_ATTRIB_RE.search(before.rstrip()):
                speaker = _sentence_subject(before, aliases)
            else:
                ma = _ACCORDING_RE.search(before)
                if ma:
                    speaker = _speaker_name(ma.group("a"), aliases)
        if speaker is None and out and last is not None:
            speaker = last  # a quotation continuing the run before it
        if speaker is not None:
            last = speaker
        out.append(_Quote(q_start, q_end, speaker))
    return out
