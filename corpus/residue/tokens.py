"""Token predicates: capitalised, lower-case, sentence starters and ends, name words, normal forms."""

from __future__ import annotations

from corpus.model import IndexTermKind
from corpus.residue.records import _Term
from corpus.residue.vocabulary import (
    _ABBREVS,
    _CLOSERS,
    _END_PUNCT,
    _INITIALS_RE,
    _NAME_WORD_RE,
    _OPENERS,
    _ORG_WORDS,
    _PARTICLES,
    _STARTERS,
    _SUFFIXES,
    _WS_RUN_RE,
)


def _bare(tok: str) -> str:
    return tok.lstrip(_OPENERS).rstrip(_END_PUNCT + _CLOSERS)


def _is_cap(tok: str) -> bool:
    s = tok.lstrip(_OPENERS)
    return bool(s) and s[0].isupper()


def _is_lower(tok: str) -> bool:
    s = tok.lstrip(_OPENERS)
    return bool(s) and s[0].islower()


def _is_starter(tok: str) -> bool:
    return _is_cap(tok) and _bare(tok).casefold() in _STARTERS


def _ends_sentence(tok: str) -> bool:
    """True when the token closes a sentence (abbreviations and initials do not)."""
    s = tok.rstrip(_CLOSERS)
    if not s:
        return False
    if s[-1] in "!?":
        return True
    if s[-1] != ".":
        return False
    if s.endswith(".."):
        return True
    core = s.lstrip(_OPENERS).rsplit("-", 1)[-1]  # "Soviet-U.S." ends in an abbreviation
    return not (_INITIALS_RE.fullmatch(core) or core.casefold() in _ABBREVS)


def _name_word(word: str) -> bool:
    """A capitalised word that can be part of a personal name."""
    return bool(_NAME_WORD_RE.fullmatch(word)) and word[0].isupper() and word.casefold().rstrip(".") not in _STARTERS


def _norm_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _norm_word(word: str) -> str:
    w = word.casefold().lstrip(_OPENERS).rstrip(_END_PUNCT + _CLOSERS)
    for suffix in ("’s", "'s"):
        if w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _collapse(text: str) -> str:
    return _WS_RUN_RE.sub(" ", text).strip()


def _trim_end(text: str, end: int) -> int:
    """Move ``end`` back over trailing commas/semicolons/colons and a sentence-final period."""
    tok_start = end
    while tok_start > 0 and not text[tok_start - 1].isspace():
        tok_start -= 1
    tok = text[tok_start:end]
    if _ends_sentence(tok) and tok.endswith("."):
        end -= 1
    while end > tok_start and text[end - 1] in ",;:":
        end -= 1
    return end


def _name_shape(term: str) -> bool:
    """True for ``Family, Given`` shaped text (1-3 family words, 1-4 given words)."""
    family, sep, given = term.partition(", ")
    if not sep or not family or not given:
        return False
    fam = family.split()
    giv = given.replace(", ", " ").split()
    if not 1 <= len(fam) <= 3 or not 1 <= len(giv) <= 5:
        return False
    if not _name_word(fam[-1]) or any(not (_name_word(w) or w in _PARTICLES) for w in fam):
        return False
    return all(_name_word(w) or w in _PARTICLES or w.casefold() in _SUFFIXES for w in giv)


def _classify(term: str) -> IndexTermKind:
    """The kind of an unmarked index entry (see the module docstring)."""
    if _name_shape(term):
        return IndexTermKind.PERSON
    if any(_is_cap(w) and _bare(w).casefold() in _ORG_WORDS for w in term.split()):
        return IndexTermKind.ORGANISATION
    return IndexTermKind.SUBJECT


def _entry_term(kind: IndexTermKind, text: str, start: int, end: int, marked: bool) -> list[_Term]:
    term = _collapse(text).rstrip(",;:")
    if not term:
        return []
    return [_Term(kind, term, None, start, end, marked)]
