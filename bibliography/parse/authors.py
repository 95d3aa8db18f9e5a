"""Step 2: the author block at the start of an entry (APA/Harvard ``Names (Year)``, Chicago/MLA inverted
lists, organisations, roles)."""

from __future__ import annotations

import re

from bibliography.names import (
    has_et_al,
    is_initials,
    looks_like_name_list,
    parse_names,
)
from bibliography.parse.dates import parse_date
from bibliography.parse.draft import _Draft
from textkit.names import is_name_token, is_particle

_ROLE_WORDS = {
    "ed": "editors", "eds": "editors", "editor": "editors", "editors": "editors", "comp": "editors",
    "comps": "editors", "compiler": "editors", "compilers": "editors", "hrsg": "editors", "éd": "editors",
    "éds": "editors", "dir": "editors", "coord": "editors", "trans": "translators", "tr": "translators",
    "transl": "translators", "translator": "translators", "translators": "translators",
}  # fmt: skip


_ROLE_TAIL_RE = re.compile(
    r"(?:,\s*|\s+)\(?(?P<role>" + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True)) + r")\.?\)?\.?$",
    re.I,
)


_PAREN_RE = re.compile(r"[\(\[]([^()\[\]]{1,60})[\)\]]")


def _role_of(word: str) -> str | None:
    return _ROLE_WORDS.get(word.strip("().,;").lower())


def _split_role(block: str) -> tuple[str, str]:
    """``"Smith, John, and Jane Doe, eds."`` -> ``("Smith, John, and Jane Doe", "editors")``."""
    m = _ROLE_TAIL_RE.search(block)
    if m and m.start() > 0:
        return block[: m.start()].strip(), _ROLE_WORDS[m.group("role").lower()]
    return block.strip(), "authors"


def _has_sentence_break(text: str) -> bool:
    """True when a would-be name block contains ``word. Word`` (a full stop after a full word)."""
    for m in re.finditer(r"(\S+)\.\s+\S", text):
        word = m.group(1).strip("(\"'“‘")
        if is_initials(word + ".") or word.lower().rstrip(".") in _SUFFIX_WORDS or _role_of(word):
            continue
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):
            continue
        return True
    return False


_SUFFIX_WORDS = {"jr", "sr", "ii", "iii", "iv"}


def _take_apa_authors(text: str, d: _Draft) -> str | None:
    """``Names (Year). Rest`` (APA, Harvard, Wikipedia): set authors and year, return the rest."""
    for m in _PAREN_RE.finditer(text):
        if m.start() > 400:
            return None
        inner = m.group(1).strip()
        if _role_of(inner):
            continue
        if parse_date(inner) is None:
            return None
        prefix = text[: m.start()].strip()
        # A role before the date: "Kimball, W. F. (Ed.). (1984)", "Rosenberg, Jonathan, eds. (1999)".
        names, role = _split_role(prefix)
        names = names.strip().rstrip(",").strip()
        if names and (not looks_like_name_list(names) or _has_sentence_break(names)):
            return None
        if names:
            _set_people(d, role, names, 0.9)
        d.put_year(inner, 0.95)
        d.apa = True
        return text[m.end() :].lstrip(" .,:;")
    return None


def _set_people(d: _Draft, role: str, names: str, conf: float) -> None:
    people = parse_names(names)
    d.people(role, people, conf)
    if has_et_al(names):
        d.notes.append(f"{role}: et al.")


_TOKEN_RE = re.compile(r"\S+")


def _family_token(token: str) -> bool:
    core = token.rstrip(",")
    if not core or is_initials(core):
        return False
    return _name_word(core)


def _name_word(token: str) -> bool:
    return is_name_token(token) and not any(ch.isdigit() for ch in token)


def _initial_token(token: str) -> bool:
    core = token.rstrip(",;")
    return core.endswith(".") and is_initials(core) and core.rstrip(".").lower() not in _SUFFIX_WORDS


def _scan_inverted(text: str) -> int | None:
    """End offset of a leading Chicago/MLA name block (``Last, First M., and First Last.``), or None."""
    toks = [(m.group(), m.end()) for m in _TOKEN_RE.finditer(text[:500])]
    i = _after_inverted_family(toks)
    if i is None:
        return None
    scan = _GivenNames()
    prev = toks[i - 1][0]
    n = len(toks)
    while i < n:
        tok, end = toks[i]
        nxt = toks[i + 1][0] if i + 1 < n else None
        if tok.lower() == "et" and nxt is not None and nxt.lower().startswith("al"):
            i += 1
            tok, end = toks[i]
            if tok.endswith(".") and not (i + 1 < n and _role_of(toks[i + 1][0])):
                return end
        else:
            done, value = scan.step(tok, end, nxt, after_comma=prev.endswith(","))
            if done:
                return value
        prev = tok
        i += 1
    return toks[-1][1] if scan.words else scan.fallback


def _after_inverted_family(toks: list[tuple[str, int]]) -> int | None:
    """The token index after a leading family name that ends with a comma ("van der Berg,"), or None."""
    family: list[str] = []
    for i, (tok, _) in enumerate(toks):
        if not _family_token(tok):
            return None
        family.append(tok)
        if tok.endswith(","):
            if all(is_particle(t.rstrip(",")) for t in family) or i + 1 >= len(toks):
                return None
            return i + 1
        if len(family) >= 4 or tok.endswith("."):
            return None
    return None


class _GivenNames:
    """Reading the given names after an inverted family name, and the reading-order names after it."""

    def __init__(self) -> None:
        self.natural = False  # False while reading the first person's given names, True for reading-order names
        self.words = 0
        # Where the block could have ended at an initial ("George F." before "Memoirs, 1925-1950."); used
        # when reading further names fails.
        self.fallback: int | None = None
        self.full_given = False  # a full (non-initial) given name has been read for the first person

    def step(self, tok: str, end: int, nxt: str | None, *, after_comma: bool) -> tuple[bool, int | None]:
        """``(True, offset)`` when the block ends (offset None: no block), ``(False, None)`` to read on."""
        low = tok.lower()
        if low in {"and", "&"}:
            self.natural, self.words = True, 0
            return False, None
        if after_comma and (_role_of(tok) is not None or tok.rstrip(".,").lower() in _SUFFIX_WORDS):
            # A role ("ed.") or suffix ("Jr.") ends the block unless a comma says more names follow.
            return (False, None) if tok.endswith(",") else (True, end)
        if tok.startswith("(") and _role_of(tok):
            return True, end
        if _initial_token(tok):
            return self._initial(tok, end, nxt)
        if _name_word(tok.rstrip(".,")):
            return self._name(tok, end)
        return True, self.fallback

    def _initial(self, tok: str, end: int, nxt: str | None) -> tuple[bool, int | None]:
        self.words += 1
        if tok.endswith(","):
            if not self.natural:
                self.fallback = end  # "Bennett, Edward M., Recognition of Russia (1970)"
            self.words = 0
            self.natural = True
            return False, None
        if self.natural:
            return False, None
        if nxt is None:
            return True, end
        nxt_core = nxt.rstrip(".,")
        # A full name after an initial ("Morris, M. Wayne.") only when no full given name came
        # before it: "Bennett, Edward M. Russia." ends at the initial.
        if not (
            _initial_token(nxt)
            or nxt.lower() in {"and", "&"}
            or (_name_word(nxt_core) and nxt[-1] in ".," and not nxt_core.isupper() and not self.full_given)
        ):
            return True, end
        if not _initial_token(nxt):
            self.fallback = end
        return False, None

    def _name(self, tok: str, end: int) -> tuple[bool, int | None]:
        self.words += 1
        self.full_given = self.full_given or not self.natural
        if self.words > 5:
            return True, self.fallback
        if tok.endswith("."):
            return True, end
        if tok.endswith(","):
            if not self.natural:
                self.fallback = end
            self.words = 0
            self.natural = True
        return False, None


def _take_inverted_authors(text: str, d: _Draft) -> str | None:
    end = _scan_inverted(text)
    if end is None:
        return None
    block = text[:end]
    names, role = _split_role(block)
    if not names:
        return None
    _set_people(d, role, names, 0.9)
    rest = text[end:].strip()
    # Chicago author-date: "Sibley, Katherine A. S. 1996. Loans and ..."
    m = re.match(r"^(\(?(?:\d{4}[a-z]?(?:[-–/]\d{2,4})?|n\.\s?d\.|forthcoming|in press)\)?)(?:\.\s+|\.?$)", rest)
    if m and parse_date(m.group(1)) is not None:
        d.put_year(m.group(1), 0.9)
        d.apa = True
        rest = rest[m.end() :]
    return rest
