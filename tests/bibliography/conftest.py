"""Fixtures and hypothesis strategies for the BibTeX / CSL-JSON tests.

References are built directly from the model (never through the reference-string parser), so
these tests depend only on bibliography.model.
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import strategies as st

from bibliography.model import FIELDS, REFERENCE_TYPES, Person, Provenance, Reference

# --------------------------------------------------------------------------------------------
# Real tools
# --------------------------------------------------------------------------------------------


def require_tool(name: str) -> str:
    """The path of an external program; skip without it, but fail when CI is set."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed, and CI requires it")
        pytest.skip(f"{name} is not installed (install it to run this client test)")
    return path


# --------------------------------------------------------------------------------------------
# A realistic bibliography
# --------------------------------------------------------------------------------------------


def P(family: str, given: str | None = None, *, particle: str | None = None, suffix: str | None = None) -> Person:
    return Person(family=family, given=given, particle=particle, suffix=suffix)


def ORG(name: str) -> Person:
    return Person(literal=name)


REALISTIC: tuple[Reference, ...] = (
    Reference(
        key="richman1980",
        authors=[P("Richman", "John")],
        title="The United States and the Soviet Union: The Decision to Recognize",
        place="Raleigh, N.C.",
        publisher="Camberleigh & Hall",
        year="1980",
        annotation="Valuable source with details not found in other accounts.",
        raw=(
            "Richman, John. The United States and the Soviet Union: The Decision to Recognize. "
            "Raleigh, N.C.: Camberleigh & Hall, 1980. Valuable source with details not found in other accounts."
        ),
        provenance=[Provenance(source="002_817a8c920f08bf49", start=5521, end=5731)],
        confidence={"title": 0.95, "publisher": 0.9, "year": 1.0},
    ),
    Reference(
        key="sibley1996",
        authors=[P("Sibley", "Katherine A. S.")],
        title="Loans and Legitimacy: The Evolution of Soviet-American Relations, 1919-1933",
        place="Lexington",
        publisher="University Press of Kentucky",
        year="1996",
    ),
    Reference(
        key="maddux1977",
        type="article-journal",
        authors=[P("Maddux", "Thomas R.")],
        title="Watching Stalin Maneuver between Hitler and the West: American Diplomats and Soviet Diplomacy",
        container_title="Diplomatic History",
        volume="1",
        issue="2",
        pages="140–154",
        year="1977",
    ),
    Reference(
        key="mueller2003",
        type="chapter",
        authors=[P("Müller", "Jürgen"), P("Łukasiewicz", "Zoë")],
        title="Die Anerkennung der Sowjetunion durch die Vereinigten Staaten",
        container_title="Handbuch der Außenpolitik",
        editors=[P("Schwarz", "Hans-Peter"), P("Gödel", "Élise")],
        pages="211–238",
        place="München",
        publisher="Oldenbourg",
        year="2003",
    ),
    Reference(
        key="frus1952",
        editors=[ORG("United States Department of State")],
        title="Foreign Relations of the United States: The Soviet Union, 1933–1939",
        place="Washington, D.C.",
        publisher="Government Printing Office",
        year="1952",
    ),
    Reference(
        key="vanderberg2019",
        type="paper-conference",
        authors=[P("Berg", "Jan", particle="van der"), P("Cruz", "María José", particle="de la")],
        title="Recognition & Legitimacy: 100% Diplomatic? The #1 Question of 1933",
        container_title="Proceedings of the 12th Conference on Diplomatic History",
        pages="45–60",
        place="Leiden",
        publisher="Brill",
        year="2019",
    ),
    Reference(
        key="oconnor2015",
        type="thesis",
        authors=[P("O'Connor", "Seán")],
        title="Trade before Recognition: American Firms in the Soviet Union, 1921–1933",
        place="Dublin",
        publisher="University College Dublin",
        year="2015",
    ),
    Reference(
        key="un2020",
        type="report",
        authors=[ORG("United Nations")],
        title="World Economic Situation and Prospects 2020",
        issue="E/2020/1",
        place="New York",
        publisher="United Nations Department of Economic and Social Affairs",
        year="2020",
    ),
    Reference(
        key="dulcinea2011",
        type="webpage",
        authors=[ORG("findingDulcinea Staff")],
        title="On This Day: U.S. and Soviet Union Establish Diplomatic Relations",
        container_title="findingDulcinea",
        year="2011",
        date="2011-11-16",
        url="http://www.findingdulcinea.com/news/on-this-day/Nov-Dec-08/On-this-Day--U-S--and-Soviet-Union.html",
        accessed="2024-01-05",
    ),
    Reference(
        key="greatevents2007",
        type="entry-encyclopedia",
        authors=[P("Whitfield", "Ann-Marie")],
        title="United States Recognizes Russia’s Bolshevik Regime",
        container_title="Great Events from History: The Twentieth Century, 1901–1940",
        editors=[P("Gorman", "Robert F.")],
        place="Pasadena, Calif.",
        publisher="Salem Press",
        year="2007",
    ),
    Reference(
        key="trotsky1932",
        authors=[P("Trotsky", "Leon")],
        translators=[P("Eastman", "Max")],
        title="The History of the Russian Revolution",
        number_of_volumes="3",
        place="New York",
        publisher="Simon & Schuster",
        year="1932",
        original_year="1930",
    ),
    Reference(
        key="duranty1933",
        type="article-newspaper",
        authors=[P("Duranty", "Walter")],
        title="Soviet Recognition Hailed in Moscow as “a Victory for Peace”",
        container_title="The New York Times",
        pages="1",
        year="1933",
        date="1933-11-18",
    ),
    Reference(
        key="schlesinger1959",
        authors=[P("Schlesinger", "Arthur M.", suffix="Jr.")],
        title="The Coming of the New Deal",
        collection_title="The Age of Roosevelt",
        volume="2",
        edition="1st",
        place="Boston",
        publisher="Houghton Mifflin",
        year="1959",
        isbn="978-0-618-34086-6",
    ),
    Reference(
        key="kelley1933",
        type="manuscript",
        authors=[P("Kelley", "Robert F.")],
        title="Problems Pertaining to Russian-American Relations Which Should Be Settled Prior to Recognition",
        note="Memorandum, Division of Eastern European Affairs, Department of State",
        year="1933",
        date="1933-07-27",
    ),
)


@pytest.fixture
def realistic_refs() -> tuple[Reference, ...]:
    return REALISTIC


def expected_names(ref: Reference) -> list[str]:
    """The name parts a formatted bibliography must show for a reference."""
    people = ref.authors or ref.editors
    return [p.literal or p.family or "" for p in people]


# --------------------------------------------------------------------------------------------
# Hypothesis strategies: arbitrary references the model accepts
# --------------------------------------------------------------------------------------------

# LaTeX and BibTeX specials, ligature pairs, brace and comment characters, and non-ASCII letters,
# mixed with arbitrary code points (lone surrogates excluded: they cannot be written as UTF-8).
_SPECIALS = [
    *"&%$#_{}~^\\\"'`@-,<>!?=;:. \t\n\r()[]/|*+",
    "--",
    "``",
    "''",
    " and ",
    "{}",
    "\\{",
    "\u00a0",
    "é",
    "ß",
    "Ø",
    "ı",
    "İ",
    "ệ",
    "–",
    "—",
    "“",
    "’",
    "α",
    "Ω",
    "中",
    "\u0301",
    "🙂",
]
_ANY_CHAR = st.characters(blacklist_categories=("Cs",))
_PIECE = st.one_of(st.sampled_from(_SPECIALS), _ANY_CHAR, st.sampled_from(["Smith", "van", "A.", "Jr."]))
TEXT = st.lists(_PIECE, min_size=1, max_size=12).map("".join).filter(lambda s: s.strip() != "")
OPTIONAL_TEXT = st.none() | TEXT
RAW_TEXT = st.none() | st.lists(_PIECE, max_size=12).map("".join)

_PARTICLES = st.sampled_from(["van", "von", "de", "de la", "van der", "d'", "'t", "du", "Van", "De", "dos"])
_SUFFIXES = st.sampled_from(["Jr.", "Sr.", "III", "Jr", "II"])


@st.composite
def persons(draw: st.DrawFn) -> Person:
    if draw(st.integers(0, 5)) == 0:
        return Person(literal=draw(TEXT))
    return Person(
        family=draw(TEXT),
        given=draw(OPTIONAL_TEXT),
        particle=draw(st.none() | _PARTICLES | TEXT),
        suffix=draw(st.none() | _SUFFIXES | TEXT),
    )


YEARS = st.from_regex(r"\A(\d{4}[a-z]?([-–/]\d{2,4}[a-z]?)?|n\.d\.|forthcoming|in press)\Z", fullmatch=True)
DATES = st.builds(
    lambda y, m, d, parts: "-".join([f"{y:04d}", f"{m:02d}", f"{d:02d}"][:parts]),
    st.integers(1, 9999),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(1, 3),
)
KEYS = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_:\-.]{0,15}\Z", fullmatch=True)
_OFFSETS = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(sorted)


@st.composite
def provenances(draw: st.DrawFn) -> Provenance:
    offsets = draw(st.none() | _OFFSETS)
    start, end = offsets if offsets else (None, None)
    return Provenance(source=draw(RAW_TEXT), start=start, end=end, passage=draw(RAW_TEXT))


CONFIDENCE = st.dictionaries(st.sampled_from([*FIELDS, "type"]), st.floats(0.0, 1.0, allow_nan=False), max_size=4)


@st.composite
def references(draw: st.DrawFn, key: str | None = None) -> Reference:
    people = st.lists(persons(), max_size=3)
    return Reference(
        key=key if key is not None else draw(KEYS),
        type=draw(st.sampled_from(sorted(REFERENCE_TYPES))),
        authors=draw(people),
        editors=draw(people),
        translators=draw(people),
        title=draw(OPTIONAL_TEXT),
        container_title=draw(OPTIONAL_TEXT),
        collection_title=draw(OPTIONAL_TEXT),
        volume=draw(OPTIONAL_TEXT),
        issue=draw(OPTIONAL_TEXT),
        pages=draw(OPTIONAL_TEXT),
        edition=draw(OPTIONAL_TEXT),
        number_of_volumes=draw(OPTIONAL_TEXT),
        place=draw(OPTIONAL_TEXT),
        publisher=draw(OPTIONAL_TEXT),
        year=draw(st.none() | YEARS),
        date=draw(st.none() | DATES),
        original_year=draw(st.none() | YEARS),
        url=draw(OPTIONAL_TEXT),
        doi=draw(OPTIONAL_TEXT),
        isbn=draw(OPTIONAL_TEXT),
        accessed=draw(st.none() | DATES),
        note=draw(OPTIONAL_TEXT),
        annotation=draw(OPTIONAL_TEXT),
        unparsed=draw(OPTIONAL_TEXT),
        raw=draw(RAW_TEXT),
        provenance=draw(st.lists(provenances(), max_size=2)),
        confidence=draw(CONFIDENCE),
    )


@st.composite
def bibliographies(draw: st.DrawFn, max_size: int = 3) -> list[Reference]:
    """Lists of references whose keys differ case-insensitively (as BibTeX requires)."""
    keys = draw(st.lists(KEYS, max_size=max_size, unique_by=str.lower))
    return [draw(references(key=key)) for key in keys]
