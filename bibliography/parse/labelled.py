"""Fields from the learned labeler: label the word tokens, cut the string into runs of one label, and
turn each run into field values.

People go through :func:`bibliography.names.parse_names`, dates through
:func:`bibliography.parse.dates.parse_date`, identifiers (DOI, URL, ISBN, access dates) through the
patterns of :mod:`bibliography.parse.identifiers`. Nothing is dropped: a run whose text does not make a
value, a second value for a filled field, and words outside every field that are not structural markers
go to ``unparsed``; notes and list labels go to ``note``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from bibliography.model import Reference
from bibliography.names import has_et_al, parse_names
from bibliography.parse.authors import _role_of, _split_role
from bibliography.parse.crf import load_model, viterbi
from bibliography.parse.dates import MARKER_WORDS
from bibliography.parse.draft import _Draft
from bibliography.parse.identifiers import (
    _ACCESSED_RE,
    _BARE_URL_RE,
    _DOI_RE,
    _ISBN_RE,
    _OTHER_ID_RE,
    _URL_RE,
    _extract_identifiers,
    _trim_url,
)
from bibliography.parse.stacked import rule_features
from bibliography.parse.tokens import token_features, tokenize
from bibliography.parse.vocabulary import _CITIES, _PUBLISHER_WORDS, _VOLUMES_RE, _annotation_like, _edition_value
from textkit.dates import plausible_year

# Confidence of a labelled field (the labeler's dev token accuracy is about 0.9; see the model file).
_CONF = 0.8
# The rules' confidence in a type they read from a marker word (thesis 0.95, report 0.9; types inferred
# from the fields found are below it).
_MARKED_TYPE = 0.9
_EDGE = " \t.,;:/–—-"
_QUOTE_CHARS = "\"“‘'«„"
_QUOTED_RE = re.compile(r"^[\"“‘'«„](?P<t>.+?)[\"”’'»“]?[.,;:]?$")
# "In" before the editors ("In: K. Jones (ed.)", glued in PDF text: "InC. B. Jones"), not the letters opening
# a name ("Innes", "INSEE", "International Council").
_LEAD_ROLE_RE = re.compile(
    r"^(?:(?:in\b|(?-i:[Ii]n(?=[A-Z])))\s*:?\s*"
    r"|(?:edited|translated|compiled|introduced|ed\.|eds\.|trans\.|hrsg\.|hg\.|übers\.)"
    r"(?:\s+(?:and|&)\s+\w+\.?)?\s+(?:by|von|v\.)\s+|(?:ed|eds|trans|hrsg|hg)\.?\s+)",
    re.I,
)
_IN_RE = re.compile(r"^(?:in|im)\s*:?\s+", re.I)
_VOLUME_RE = re.compile(
    r"^(?:(?:vols?|volume|bd|band|tome?|t|jg|jahrgang|제)\.?\s*)?"
    r"(?P<v>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–/]\s*\d+)?|[IVXLCivxlc]+\b)",
    re.I,
)
# The issue after the volume: in brackets ("12(3)", "79 ( 1)"), after an issue word ("No. 3"), or
# before the Korean issue counter ("제14권, 제2호": volume 14, issue 2).
_ISSUE_RE = re.compile(
    r"(?:\(\s*|\b(?:no|nos|nr|issue|iss|number|heft|h|n°|suppl)\s*\.?\s*|(?=\d+\s*호))"
    r"(?P<i>[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–/]\s*\d+)?)",
    re.I,
)
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# The words that mark an issue number ("No. 18", "n° 328", "Heft 1"), in the order they are tried.
_ISSUE_WORDS = ("no", "nos", "nr", "n°", "n", "issue", "iss", "heft", "number")
# A volume run that is an issue alone ("No. 18", "n° 328") or "volume, issue" ("33, 2").
_ISSUE_ONLY_RE = re.compile(
    r"^(?:" + "|".join(map(re.escape, _ISSUE_WORDS)) + r")\s*\.?\s*(?P<i>\d+(?:\s*[-–/]\s*\d+)?)\W*$", re.I
)
_VOLUME_COMMA_ISSUE_RE = re.compile(r"^\s*(?P<v>\d+)\s*,\s*(?P<i>\d+)\W*$")
_PAGES_LEAD_RE = re.compile(r"^(?:pp?|pages?|s|at)\.?\s*", re.I)


_ABBREVIATING = frozenset({"author", "editor", "translator", "place", "publisher"})
# Name and imprint words written with a full stop (the suffixes and company forms the name parser reads).
_ABBREVIATIONS = frozenset({"jr", "sr", "inc", "co", "ltd", "bros", "corp", "publ", "univ", "assoc"})


class Run(NamedTuple):
    """A run of tokens with one label: the label and the raw span."""

    label: str
    start: int
    end: int


def label_runs(text: str, skip: list[tuple[int, int]] | None = None, rule: Reference | None = None) -> list[Run]:
    """The runs of equally labelled tokens in ``text`` (``other`` runs included); tokens inside a
    ``skip`` span (identifiers read by pattern) are labelled but belong to no run. ``rule`` is the rule
    parser's reading of ``text`` (:mod:`bibliography.parse.stacked`; read here when not given).

    >>> [r.label for r in label_runs("Smith, John. 2001. A History of Things. London: Macmillan.")]
    ['author', 'date', 'title', 'place', 'publisher']
    """
    if rule is None:
        from bibliography.parse.reference import _parse  # noqa: PLC0415 - reference imports this module

        rule = _parse(text, None, learned=False)
    model = load_model()
    toks = tokenize(text)
    feats = [
        own + stacked for own, stacked in zip(token_features(toks, text), rule_features(toks, text, rule), strict=True)
    ]
    path = viterbi(model, feats)
    runs: list[Run] = []
    for tok, j in zip(toks, path, strict=True):
        if skip and any(s <= tok.start and tok.end <= e for s, e in skip):
            continue
        label = model.labels[j]
        if runs and runs[-1].label == label:
            runs[-1] = Run(label, runs[-1].start, tok.end)
        else:
            runs.append(Run(label, tok.start, tok.end))
    return runs


def _identifier_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (_DOI_RE, _URL_RE, _BARE_URL_RE, _ISBN_RE, _OTHER_ID_RE, _ACCESSED_RE):
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return spans


def _extend(text: str, run: Run) -> str:
    """The run's text, with a closing ``?``/``!``, quote or bracket kept when the run opened it, and
    the full stop of an abbreviation (an initial, "Jr.", "Mass.:") in names and imprints."""
    end = run.end
    while end < len(text) and text[end] in "?!":
        end += 1
    if end < len(text) and text[end] == "." and run.label in _ABBREVIATING:
        last = re.findall(r"[^\W_]+", text[run.start : end])[-1]
        after = text[end + 1 : end + 2]
        if (len(last) <= 2 and last[0].isupper()) or last.casefold() in _ABBREVIATIONS or (after and after in ",:;"):
            end += 1
    value = text[run.start : end]
    for open_, close in (("(", ")"), ("[", "]"), ("“", "”")):
        if value.count(open_) > value.count(close) and end < len(text) and text[end] == close:
            value += close
            end += 1
    return value


def _fill_labelled(text: str, d: _Draft, rule: Reference) -> None:
    """Fill ``d`` from the labeler's runs over ``text`` (identifiers lifted out first; ``rule`` is the
    rule parser's reading of ``text``)."""
    _extract_identifiers(text, d)
    # The labels carry no reference type; a type the rules read from a marker word ("PhD diss.",
    # "Report") holds whatever the labels are.
    type_conf = dict(rule.confidence).get("type", 0.0)
    if type_conf >= _MARKED_TYPE:
        d.set_type(rule.type, type_conf)
    covered = _identifier_spans(text)
    grouped: dict[str, list[str]] = {}
    order: list[str] = []
    runs = _section_letters(text, _role_words(text, _issue_markers(text, label_runs(text, covered, rule))))
    runs = _comma_journal(text, _title_edition(text, _last_author(text, runs)))
    runs = _trailing_container(text, _in_container(text, _quoted_title(text, _in_title(text, runs))))
    runs = _container_volume(text, _lone_container(text, _container_editors(text, runs)))
    runs = _imprint_parts(text, runs)
    if any(r.label in ("container", "editor") and _IN_RE.match(text[r.start : r.end]) for r in runs):
        d.set_type("chapter", 0.8)
    tail = _annotation_start(text, runs)
    if tail is not None:
        d.annotation.append(text[runs[tail].start :].strip())
        runs = runs[:tail]
    imprint = _imprint_block(runs)
    for i, run in enumerate(runs):
        value = _extend(text, run)
        if run.label not in grouped:
            order.append(run.label)
        values = grouped.setdefault(run.label, [])
        if i in imprint and values:
            # "London: Pitman; Cambridge, Mass.: MIT Press": every place and publisher of the imprint, in order.
            values[0] = f"{values[0].rstrip(' ,;:')}; {value.strip(' ,;:')}"
        else:
            values.append(value)
    for label in order:
        _put(label, grouped[label], d)
    _sweep(text, runs, d)


_IMPRINT = frozenset({"place", "publisher"})


_PART_RE = re.compile(r"[^,:;]+")


def _imprint_parts(text: str, runs: list[Run]) -> list[Run]:
    """A place or publisher run whose comma part names a publisher after listed cities ("Delhi, Tyne
    Press"), or a publisher run whose last comma part is a listed city ("Tyne Press, London"): that part
    is the other field."""
    out: list[Run] = []
    for run in runs:
        if run.label not in _IMPRINT:
            out.append(run)
            continue
        parts = [(run.start + m.start(), run.start + m.end()) for m in _PART_RE.finditer(text[run.start : run.end])]
        parts = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in parts if text[s:e].strip()]
        if len(parts) < 2:
            out.append(run)
            continue
        cut = next((i for i, (s, e) in enumerate(parts) if _PUBLISHER_WORDS.search(text[s:e])), None)
        if cut and all(_is_listed_city(text[s:e]) for s, e in parts[:cut]):
            # Listed cities, then a part with a publisher word: "Delhi, Tyne Press", read as one place or
            # one publisher run.
            out += [Run("place", run.start, parts[cut - 1][1]), Run("publisher", parts[cut][0], run.end)]
        elif run.label == "place":
            out.append(run)
        else:
            s, e = parts[-1]
            if not _is_listed_city(text[s:e]) or _PUBLISHER_WORDS.search(text[s:e]):
                out.append(run)
                continue
            out += [Run("publisher", run.start, parts[-2][1]), Run("place", s, run.end)]
    return out


def _is_listed_city(part: str) -> bool:
    return part.strip(" .").casefold() in _CITIES


def _imprint_block(runs: list[Run]) -> set[int]:
    """The indices of the place and publisher runs of the first imprint (runs of those labels with nothing
    between them but unlabelled words); a place or publisher read after another field ("... 1996. Traces
    ... decisions in Washington and Moscow") is not the imprint's."""
    block: set[int] = set()
    for i, run in enumerate(runs):
        if run.label in _IMPRINT:
            block.add(i)
        elif block and run.label != "other":
            break
    return block


def _rejoin(runs: list[Run], fix: Callable[[Run, Run], list[Run] | None]) -> list[Run]:
    """``runs`` with each run and the one before it replaced by what ``fix`` gives for the pair (``None``: kept)."""
    out: list[Run] = []
    for run in runs:
        fixed = fix(out[-1], run) if out else None
        if fixed is None:
            out.append(run)
        else:
            out[-1:] = fixed
    return out


# An edition statement closing a title run, after a stop, comma or inside brackets ("..., 2nd ed.",
# "... (3rd edn)"); what it holds is checked by the edition reader, not here.
_TITLE_EDITION_RE = re.compile(
    r"[.,;:(\[]\s*(?P<ed>[^.,;:()\[\]]+?\s+(?:ed|edn|edition)\.?)\s*[)\]]?\s*[.,]?\s*$", re.I
)


def _title_edition(text: str, runs: list[Run]) -> list[Run]:
    """An edition statement written at the end of a title run ("A Book, 2nd ed.", "A Book (revised
    edition)") split off as the edition, which the labeler left inside the title."""
    out: list[Run] = []
    for run in runs:
        m = _TITLE_EDITION_RE.search(text[run.start : run.end]) if run.label == "title" else None
        if m is None or _edition_value(m.group("ed")) is None or m.start() == 0:
            out.append(run)
            continue
        out.append(Run("title", run.start, run.start + len(text[run.start : run.start + m.start()].rstrip())))
        out.append(Run("edition", run.start + m.start("ed"), run.start + m.end("ed")))
    return out


def _comma_journal(text: str, runs: list[Run]) -> list[Run]:
    """In an entry written with commas alone ("Title, Journal, 25, 1974") and no container run, the
    last comma part of a title run followed by the volume is the journal's name."""
    if any(r.label == "container" for r in runs):
        return runs

    def fix(prev: Run, run: Run) -> list[Run] | None:
        if prev.label != "title" or run.label != "volume":
            return None
        cut = text.rfind(", ", prev.start, prev.end)
        name = text[cut + 2 : prev.end].strip()
        if cut < 0 or not name[:1].isupper() or len(name.split()) > 6:
            return None
        return [Run("title", prev.start, cut), Run("container", cut + 2, prev.end), run]

    return _rejoin(runs, fix)


def _issue_markers(text: str, runs: list[Run]) -> list[Run]:
    """An issue word left outside a volume run ("no .3") joined to it, so the issue is read as such (the
    words that make a volume run an issue alone, :data:`_ISSUE_WORDS`)."""

    def fix(prev: Run, run: Run) -> list[Run] | None:
        if run.label == "volume" and prev.label == "other" and text[prev.start : prev.end].casefold() in _ISSUE_WORDS:
            return [Run("volume", prev.start, run.end)]
        return None

    return _rejoin(runs, fix)


def _section_letters(text: str, runs: list[Run]) -> list[Run]:
    """A journal's section letter written onto the volume after it ("Phys. Rev. D94", "Nucl. Phys.
    B250") belongs to the journal's name: the volume is the number."""

    def fix(prev: Run, run: Run) -> list[Run] | None:
        if (
            run.label == "volume"
            and prev.label == "container"
            and re.match(r"[A-Z]\d", text[run.start : run.start + 2])
        ):
            return [Run("container", prev.start, run.start + 1), Run("volume", run.start + 1, run.end)]
        return None

    return _rejoin(runs, fix)


def _role_words(text: str, runs: list[Run]) -> list[Run]:
    """A role word left outside the people run before it ("Ferris and Pang (editors).") joins it, so
    the people are read in that role."""

    def fix(prev: Run, run: Run) -> list[Run] | None:
        if run.label == "other" and prev.label == "author" and _role_of(text[run.start : run.end]):
            return [Run("author", prev.start, run.end)]
        return None

    return _rejoin(runs, fix)


# The last author, joined by "and", left at the head of the title run ("..., M. Abdullah and Khairurrijal,
# Title"): capitalised name words around the connector, up to the first comma or full stop.
_NAME_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_LAST_AUTHOR_RE = re.compile(
    rf"(?:{_NAME_WORD}\.?\s+)?(?:and|und|&|et)\s+(?:{_NAME_WORD}\.?\s+){{0,2}}{_NAME_WORD}(?=[,.]\s)"
)


def _last_author(text: str, runs: list[Run]) -> list[Run]:
    """The people run ends past a connector and a name left at the head of the title after it."""

    def fix(prev: Run, run: Run) -> list[Run] | None:
        if prev.label != "author" or run.label != "title":
            return None
        m = _LAST_AUTHOR_RE.match(text, run.start, run.end)
        if m is None or not re.match(r"[,.]\s*\S", text[m.end() : run.end]):
            return None
        rest = re.search(r"[^\W_]", text[m.end() : run.end])
        if rest is None:
            return None
        return [Run("author", prev.start, m.end()), Run("title", m.end() + rest.start(), run.end)]

    return _rejoin(runs, fix)


# A quotation's closing marks for each opening one ("``...''" is LaTeX's; „...“ German).
_CLOSERS = {
    opener: re.compile("|".join(map(re.escape, closers)))
    for opener, closers in {
        "“": ("”", '"'), '"': ('"', "”"), "‘": ("’", "'"), "'": ("''", "'", "’"), "«": ("»",), "„": ("“", "”"),
        "``": ("''",),
    }.items()
}  # fmt: skip


def _quoted_title(text: str, runs: list[Run]) -> list[Run]:
    """A title run that opens with a quotation and runs on past its close ("“Title,” Journal of
    Things") ends at the close: the quotation is the title, the words after it the container (when the
    labeler found none elsewhere)."""
    if any(r.label == "container" for r in runs):
        return runs
    for i, run in enumerate(runs):
        if run.label != "title":
            continue
        before = text[: run.start].rstrip()
        opener = "``" if before.endswith("``") else before[-1:]
        if opener not in _CLOSERS:
            return runs
        close = _closing_quote(text, run, _CLOSERS[opener])
        rest = re.search(r"[^\W_]+", text[close[1] : run.end]) if close else None
        if close is None or rest is None or not (rest.group()[0].isupper() or rest.group().casefold() == "in"):
            # A lower-case word after the close goes on the sentence ("“On the ground” with ...").
            return runs
        end = run.start + len(text[run.start : close[0]].rstrip(" ,.;:"))
        split = [Run("title", run.start, end), Run("container", close[1] + rest.start(), run.end)]
        return [*runs[:i], *split, *runs[i + 1 :]]
    return runs


# "In" opening a book inside a title run: after a sentence's end ("Title. In Book"), or written "In:".
_IN_TITLE_RE = re.compile(
    r"(?:(?<=[.?!”\"])\s+(?P<in>In|Im)\s*:?|(?<=,)\s+(?P<comma>[Ii]n|[Ii]m)|\b(?P<colon>[Ii]n|[Ii]m)\s*:)\s+[«“\"]?(?=\w)"
)


def _in_title(text: str, runs: list[Run]) -> list[Run]:
    """A title run that runs on past "In" opening a book ("Title. In Book", "Title In: Book"), with no
    container read before it: the words after "In" are the container (with a container run that
    follows it)."""
    for i, run in enumerate(runs):
        if run.label == "container":
            return runs
        if run.label != "title":
            continue
        m = _IN_TITLE_RE.search(text, run.start, run.end)
        if m is None or not text[m.end()].isupper():
            # "In two parts" goes on the title; a book's name is capitalised.
            return runs
        marker = next(g for g in ("in", "comma", "colon") if m.group(g))
        end = run.start + len(text[run.start : m.start(marker)].rstrip(" .,;?!"))
        rest = runs[i + 1 :]
        # The book's name goes on into a container run right after ("In Book. Part Two"): one container.
        container_end = rest.pop(0).end if rest and rest[0].label == "container" else run.end
        return [*runs[:i], Run("title", run.start, end), Run("container", m.end(), container_end), *rest]
    return runs


def _in_container(text: str, runs: list[Run]) -> list[Run]:
    """A second title after "In" and the book's editors ("Title. In K. Arrow, eds. Book.") is the
    book the first is part of: the container (when the labeler found none)."""
    titles = [i for i, r in enumerate(runs) if r.label == "title"]
    if len(titles) < 2 or any(r.label == "container" for r in runs):
        return runs
    first, second = titles[:2]
    between = runs[first + 1 : second]
    if not any(r.label in ("editor", "author") for r in between) or not any(
        _IN_RE.match(text[r.start : r.end]) or re.search(r"\b(?:in|im)\s*:?\s*$", text[runs[j].end : r.start], re.I)
        for j, r in enumerate(between, first)
    ):
        return runs
    return [*runs[:second], Run("container", runs[second].start, runs[second].end), *runs[second + 1 :]]


# A sentence's end inside a title run: a full stop, "?" or "!" after a word of four letters or more, or
# after a closing bracket or quote, before a capitalised word (not an initial's or abbreviation's stop).
_TITLE_BREAK_RE = re.compile(r"(?:[^\W\d_]{4,}|[)\]”\"'’])(?P<stop>[.?!])\s+(?=[^\W\d_])")


def _trailing_container(text: str, runs: list[Run]) -> list[Run]:
    """A title run directly followed by a volume or the pages, with no container read anywhere, that
    holds a second sentence ("Title. Journal Name 12: 3-4"): the last sentence is the journal."""
    if any(r.label == "container" for r in runs):
        return runs
    for i, run in enumerate(runs[:-1]):
        if run.label != "title":
            continue
        after = [r.label for r in runs[i + 1 : i + 3] if r.label != "other"]
        if not after or not (after[0] in ("volume", "pages") or after[:2] in (["date", "volume"], ["date", "pages"])):
            return runs
        breaks = [m for m in _TITLE_BREAK_RE.finditer(text, run.start, run.end) if text[m.end()].isupper()]
        if not breaks:
            return runs
        cut = breaks[-1]
        split = [Run("title", run.start, cut.start("stop")), Run("container", cut.end(), run.end)]
        return [*runs[:i], *split, *runs[i + 1 :]]
    return runs


def _lone_container(text: str, runs: list[Run]) -> list[Run]:
    """A container read with no title and nothing locating a part of it (no volume, issue or pages) is
    the work itself ("Smith, J. Lectures on Birds. Leeds: Tyne, 1999."): a title."""
    labels = {r.label for r in runs}
    if "title" in labels or "container" not in labels or labels & {"volume", "pages"}:
        return runs
    for run in runs:
        value = text[run.start : run.end]
        if run.label == "container" and (
            _IN_RE.match(value) or len(value.split()) < 3 or re.search(r"\b[A-Z][a-z]{0,5}\.\s*\w", value)
        ):
            # "In Book" is a part's container; a short or abbreviated name ("J. Chem. Soc.", "Physics
            # Today") a journal's.
            return runs
    return [Run("title", r.start, r.end) if r.label == "container" else r for r in runs]


# A number glued to the end of a journal's name ("Phys. Rev. Letters118", "JHEP0001"), or a
# volume/issue pair after it ("Blätter 3/1973"); a number after a blank may be a series' ("Papers 12").
_TRAILING_VOLUME_RE = re.compile(r"[^\W\d_](?P<v>\d+)$|[^\W\d_][.)]?\s+(?P<w>\d+\s*/\s*\d+)$")


def _container_volume(text: str, runs: list[Run]) -> list[Run]:
    """A container run that ends in a number, with no volume read anywhere: the number is the volume
    (a year is not)."""
    if any(r.label == "volume" for r in runs):
        return runs
    for i, run in enumerate(runs):
        if run.label != "container":
            continue
        m = _TRAILING_VOLUME_RE.search(text, run.start, run.end)
        group = "v" if m and m.group("v") else "w"
        number = m.group(group) if m else ""
        if m is None or (len(number) == 4 and number.isdigit() and plausible_year(int(number))):
            return runs
        end = run.start + len(text[run.start : m.start(group)].rstrip(" ,;:"))
        return [*runs[:i], Run("container", run.start, end), Run("volume", m.start(group), run.end), *runs[i + 1 :]]
    return runs


# People and their role word at the head of a container run ("Ruth Lind and P. Marsh (eds.), Book",
# "P. Marsh, editor, Book", "Pierre Marsh (dir.), Livre"). Not authors' role table: its "comp" and
# "coord" also open journal names ("J. Comp. Phys."; with the table, GROBID dev editors 0.727 -> 0.720).
_HEAD_EDITORS_RE = re.compile(
    r"(?P<people>(?:[A-Z][\w'’-]*\.?,?\s+|(?:and|und|et|&)\s+){1,8}?)"
    r"(?P<role>\(?(?i:eds?|editors?|dir|hrsg|hg|éds?)\.?\)?)[,.:]?\s+(?=[^\W\d_])"
)


def _container_editors(text: str, runs: list[Run]) -> list[Run]:
    """A container run that opens with people and their role word: the people are the editors, the
    rest the container."""
    for i, run in enumerate(runs):
        if run.label != "container":
            continue
        marker = _IN_RE.match(text[run.start : run.end])  # anchored: match the run's own text
        m = _HEAD_EDITORS_RE.match(text, run.start + (marker.end() if marker else 0), run.end)
        if m is None:
            return runs
        return [*runs[:i], Run("editor", run.start, m.end("role")), Run("container", m.end(), run.end), *runs[i + 1 :]]
    return runs


def _closing_quote(text: str, run: Run, closers: re.Pattern[str]) -> tuple[int, int] | None:
    """Where the quotation closes inside ``run``: a closing mark with a comma on either side ("Title,”
    Journal", "Title”, Journal") or before "in" ("Title” in Book"); an apostrophe inside a word is no
    close, and a full stop is not enough (a quoted sentence goes on: "“Stop.” Then what ...").
    None when it does not close there, else the span of the closing mark."""
    for m in closers.finditer(text, run.start, run.end):
        after = text[m.end() : run.end].lstrip(" ")
        if text[m.start() - 1] == "," or after[:1] == "," or re.match(r"in\b", after, re.I):
            return m.span()
    return None


_CITATION_END = frozenset({"date", "publisher", "place", "pages", "volume"})
_PROSE_LABELS = frozenset({"note", "container", "title", "other", "publisher", "place"})


def _annotation_start(text: str, runs: list[Run]) -> int | None:
    """The first run of descriptive prose after a complete citation (a date and an imprint or locator
    before it, a sentence break before it), as :func:`bibliography.parse.vocabulary._annotation_like`
    reads prose; None when there is none."""
    start = None
    for i in range(len(runs) - 1, 0, -1):
        run = runs[i]
        gap = text[runs[i - 1].end : run.start]
        value = text[run.start : run.end]
        if run.label not in _PROSE_LABELS or value[:1] in _QUOTE_CHARS or not _annotation_like(value):
            break
        if "." in gap or "?" in gap or "!" in gap:
            start = i
    if start is None:
        return None
    before = {r.label for r in runs[:start]}
    return start if "date" in before and before & (_CITATION_END - {"date"}) and "title" in before else None


def _sweep(text: str, runs: list[Run], d: _Draft) -> None:
    """Keep every run whose words the field values do not all hold (nothing is dropped)."""
    held = " ".join(_held(d)).casefold()
    for run in runs:
        value = text[run.start : run.end]
        words = [w.casefold() for w in re.findall(r"[^\W_]+", value)]
        if any(w not in held and w not in MARKER_WORDS for w in words):
            d.unparsed.append(value)


def _held(d: _Draft) -> list[str]:
    out = [*d.notes, *d.annotation, *d.unparsed]
    for value in d.values.values():
        if isinstance(value, tuple):
            out.extend(" ".join(x for x in (p.given, p.particle, p.family, p.suffix, p.literal) if x) for p in value)
        else:
            out.append(str(value))
    return out


def _put(label: str, values: list[str], d: _Draft) -> None:
    if label in ("author", "editor", "translator"):
        for value in values:
            _people(label, value, d)
        return
    if label == "other":
        words = [w for v in values for w in re.findall(r"[^\W_]+", v) if w.casefold() not in MARKER_WORDS]
        if words:
            d.unparsed.extend(v for v in values if re.search(r"[^\W_]", v))
        return
    if label == "date":
        for value in values:
            if not d.put_year(value, _CONF) and not _year_within(value, d):
                d.unparsed.append(value)
        return
    if label in ("note", "number"):
        prefix = "label: " if label == "number" else ""
        d.notes.extend(prefix + v.strip(_EDGE) for v in values)
        return
    if label in ("url", "doi", "isbn"):
        _identifier(label, values, d)
        return
    if label in _SINGLE and len(values) > 1:
        d.unparsed.extend(values[1:])
        values = values[:1]
    text = " ".join(values)
    value = _FIELD_VALUE[label](text)
    if label == "title" and _QUOTED_RE.match(text.strip()):
        d.title_quoted = True
    field = _FIELD_OF[label]
    if not value:
        d.unparsed.append(text)
        return
    many = _VOLUMES_RE.match(text.strip(_EDGE + "()")) if label == "volume" else None
    if many:
        d.put_or_keep("number_of_volumes", many.group("n"), _CONF, text)
        return
    if label == "volume" and _issue_only(text, d):
        return
    if label == "volume":
        issue = _ISSUE_RE.search(text[text.find(value) + len(value) :])
        if issue and not d.has("issue"):
            d.put("issue", issue.group("i"), _CONF)
    d.put_or_keep(field, value, _CONF, text)


def _issue_only(text: str, d: _Draft) -> bool:
    """Read a volume run that is an issue alone, or "volume, issue"; False when it is neither."""
    m = _ISSUE_ONLY_RE.match(text.strip(" ,;:([."))
    if m and not d.has("issue"):
        d.put("issue", re.sub(r"\s+", "", m.group("i")), _CONF)
        return True
    m = _VOLUME_COMMA_ISSUE_RE.match(text)
    if m and not d.has("volume") and not d.has("issue"):
        d.put("volume", m.group("v"), _CONF)
        d.put("issue", m.group("i"), _CONF)
        return True
    return False


def _year_within(value: str, d: _Draft) -> bool:
    """A date run the date grammar cannot read whole ("2006, Mai", "febbraio 1961", "1998 (1996)"):
    its first plausible year is the year, and the run is kept as printed in a note."""
    for m in _YEAR_RE.finditer(value):
        if plausible_year(int(m.group(1))):
            if not d.put("year", m.group(1), _CONF):
                return False
            d.notes.append(f"issued: {value.strip(_EDGE + '()[]')}")
            return True
    return False


def _people(label: str, value: str, d: _Draft) -> None:
    names = _LEAD_ROLE_RE.sub("", value.strip(" ,;:")).strip()
    names, tail = _split_role(names.strip(" ,;:"))
    names = re.sub(r"\s*\((?:eds?|hrsg|hg|trans)\.?\)\s*$", "", names, flags=re.I).strip(" ,;:")
    role = {"author": "authors", "editor": "editors", "translator": "translators"}[label]
    if label == "author":
        # "A. Smith, editor." leads the entry as its editor: the role word says so, whatever the label.
        role = tail
    people = parse_names(names) if names else ()
    if not people:
        d.unparsed.append(value)
        return
    d.people(role, people, _CONF)
    if has_et_al(names):
        d.notes.append(f"{role}: et al.")


def _title(text: str) -> str:
    value = text.strip(" ,;:/")
    m = _QUOTED_RE.match(value)
    if m:
        value = m.group("t")
    return value.strip(" ,;:").rstrip(".") if not value.endswith("..") else value


def _container(text: str) -> str:
    return _title(_IN_RE.sub("", text.strip()))


def _volume(text: str) -> str:
    m = _VOLUME_RE.match(text.strip(" ([,.;:"))
    return m.group("v") if m else text.strip(_EDGE + "()")


def _pages(text: str) -> str:
    return _PAGES_LEAD_RE.sub("", text.strip(" (,;:")).strip(_EDGE.replace("-", "") + "()")


def _edition(text: str) -> str:
    value = text.strip(" (),;:")
    return _edition_value(value) or value.strip(_EDGE)


def _plain(text: str) -> str:
    # A run ends at a word, so a full stop at the end is the abbreviation's that _extend kept.
    return text.strip(_EDGE.replace(".", "") + "()[]")


def _identifier(label: str, values: list[str], d: _Draft) -> None:
    for value in values:
        if label == "doi":
            v = re.sub(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi\s*:?\s*)", "", value.strip())
            d.put_or_keep("doi", _trim_url(v), _CONF, value)
        elif label == "url":
            d.put_or_keep("url", _trim_url(value.strip()), _CONF, value)
        else:
            d.put_or_keep("isbn", value.strip(_EDGE), _CONF, value)


_SINGLE = frozenset({"title", "container", "collection", "publisher", "place"})
_FIELD_OF = {
    "title": "title",
    "container": "container_title",
    "collection": "collection_title",
    "volume": "volume",
    "pages": "pages",
    "place": "place",
    "publisher": "publisher",
    "edition": "edition",
}
_FIELD_VALUE = {
    "title": _title,
    "container": _container,
    "collection": _title,
    "volume": _volume,
    "pages": _pages,
    "place": _plain,
    "publisher": _plain,
    "edition": _edition,
}
