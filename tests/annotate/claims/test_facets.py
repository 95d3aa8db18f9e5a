"""Tests for annotate.claims.facets and the facet model classes: dates, quantities, number words."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.claims.aliases import AliasTable
from annotate.claims.dates import find_dates, parse_date
from annotate.claims.facets import extract_facets
from annotate.claims.numbers import ordinal_to_number, words_to_number
from annotate.claims.quantities import find_quantities, singular
from annotate.model import (
    DatePrecision,
    DateQualifier,
    DateValue,
    Facets,
    Quantity,
    QuantityQualifier,
)


def day(iso: str, text: str = "x", **kw: object) -> DateValue:
    return DateValue(iso, iso, DatePrecision.DAY, text, (0, len(text)), **kw)  # type: ignore[arg-type]


def only_date(text: str, **kw: int) -> DateValue:
    dates = find_dates(text, **kw)
    assert len(dates) == 1, dates
    return dates[0]


# --------------------------------------------------------------------------------------------------
# Dates: single expressions
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "iso", "precision", "start", "end"),
    [
        ("Nov. 16, 1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("November 16, 1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("November 16th, 1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("16 November 1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("the 16th of November, 1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("1933-11-16", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("16.11.1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("11/16/1933", "1933-11-16", "day", "1933-11-16", "1933-11-16"),
        ("November of 1933", "1933-11", "month", "1933-11-01", "1933-11-30"),
        ("December 1917", "1917-12", "month", "1917-12-01", "1917-12-31"),
        ("January of 1937", "1937-01", "month", "1937-01-01", "1937-01-31"),
        ("Feb. 1932", "1932-02", "month", "1932-02-01", "1932-02-29"),
        ("mid-October 1933", "1933-10-11/1933-10-20", "part-of-month", "1933-10-11", "1933-10-20"),
        ("late February 1933", "1933-02-21/1933-02-28", "part-of-month", "1933-02-21", "1933-02-28"),
        ("the end of March 1940", "1940-03-21/1940-03-31", "part-of-month", "1940-03-21", "1940-03-31"),
        ("the 1920’s", "1920/1929", "decade", "1920-01-01", "1929-12-31"),
        ("the 1920s", "1920/1929", "decade", "1920-01-01", "1929-12-31"),
        ("the 1920's", "1920/1929", "decade", "1920-01-01", "1929-12-31"),
        ("the early 1930’s", "1930/1933", "part-of-decade", "1930-01-01", "1933-12-31"),
        ("the late 1930s", "1937/1939", "part-of-decade", "1937-01-01", "1939-12-31"),
        ("the 1800s", "1800/1899", "century", "1800-01-01", "1899-12-31"),
        ("the 19th century", "1800/1899", "century", "1800-01-01", "1899-12-31"),
        ("the nineteenth century", "1800/1899", "century", "1800-01-01", "1899-12-31"),
        ("the early twentieth century", "1900/1933", "part-of-century", "1900-01-01", "1933-12-31"),
        ("in 1933", "1933", "year", "1933-01-01", "1933-12-31"),
        ("1918-1921", "1918/1921", "range", "1918-01-01", "1921-12-31"),
        ("1918–21", "1918/1921", "range", "1918-01-01", "1921-12-31"),
        ("from 1921 to 1923", "1921/1923", "range", "1921-01-01", "1923-12-31"),
        ("between 1921 and 1923", "1921/1923", "range", "1921-01-01", "1923-12-31"),
        ("November 9-16, 1933", "1933-11-09/1933-11-16", "range", "1933-11-09", "1933-11-16"),
        ("from November 9 to November 16, 1933", "1933-11-09/1933-11-16", "range", "1933-11-09", "1933-11-16"),
        ("from November 1933 to January 1934", "1933-11/1934-01", "range", "1933-11-01", "1934-01-31"),
        ("the summer of 1933", "1933-06/1933-08", "season", "1933-06-01", "1933-08-31"),
        ("the winter of 1932–33", "1932-12/1933-02", "season", "1932-12-01", "1933-02-28"),
        ("the first half of 1933", "1933-01/1933-06", "part-of-year", "1933-01-01", "1933-06-30"),
        ("early 1933", "1933-01/1933-04", "part-of-year", "1933-01-01", "1933-04-30"),
    ],
)
def test_parse_date_examples(phrase: str, iso: str, precision: str, start: str, end: str) -> None:
    d = parse_date(phrase)
    assert d is not None
    assert (d.iso, d.precision.value, d.start, d.end) == (iso, precision, start, end)
    assert phrase[d.span[0] : d.span[1]] == d.text


def test_datetime_with_clock_time() -> None:
    d = only_date("November 16, 2011 05:00 AM")
    assert d.iso == "2011-11-16T05:00"
    assert d.time == "05:00"
    assert d.text == "November 16, 2011 05:00 AM"
    assert only_date("at 5 p.m. on November 16, 1933").time == "17:00"
    assert only_date("1933-11-16T23:50").time == "23:50"


def test_relative_clock_time_before_a_date_keeps_the_quantity() -> None:
    text = "Relations were established ten minutes before midnight on Nov. 16, 1933."
    facets = extract_facets(text)
    (d,) = facets.dates
    assert (d.start, d.time, d.iso) == ("1933-11-16", "23:50", "1933-11-16T23:50")
    assert d.text == "ten minutes before midnight on Nov. 16, 1933"
    assert [(q.value, q.unit, q.text) for q in facets.quantities] == [(10, "minute", "ten minutes")]


@pytest.mark.parametrize(
    ("text", "qualifier", "shown"),
    [
        ("by 1935 the relationship had deteriorated", DateQualifier.BY, "by 1935"),
        ("Prior to 1933, the government refused", DateQualifier.BEFORE, "Prior to 1933"),
        ("since 1945 it has", DateQualifier.SINCE, "since 1945"),
        ("until 1991 the state", DateQualifier.UNTIL, "until 1991"),
        ("after 1933 trade grew", DateQualifier.AFTER, "after 1933"),
    ],
)
def test_open_ended_qualifiers(text: str, qualifier: DateQualifier, shown: str) -> None:
    d = only_date(text)
    assert d.qualifier is qualifier
    assert d.text == shown


def test_circa_is_approximate_not_qualified() -> None:
    d = only_date("built c. 1930 in the city")
    assert d.approximate and d.qualifier is None and d.iso == "1930"


# --------------------------------------------------------------------------------------------------
# Dates in historical prose
# --------------------------------------------------------------------------------------------------

PROSE = (
    "On Nov. 16, 1933, the United States established relations. In December 1917, a month after the "
    "revolution, the U.S. broke off relations. During the Russian Civil War (1918-1921) troops were "
    "sent. During the 1920’s American businesses signed agreements. In 1929, Ford signed a contract. "
    "The famine took place in the period 1921-1923. By the early 1930’s, Washington had begun to "
    "reconsider. During the first half of 1933, Roosevelt solicited studies; in September a report "
    "came, and in mid-October he wrote. Talks began in Washington on November 9. By 1935 the "
    "relationship had deteriorated."
)


def test_prose_dates_in_order_with_running_year() -> None:
    got = [(d.text, d.iso, d.year_inferred) for d in find_dates(PROSE)]
    assert got == [
        ("Nov. 16, 1933", "1933-11-16", False),
        ("December 1917", "1917-12", False),
        ("1918-1921", "1918/1921", False),
        ("1920’s", "1920/1929", False),
        ("1929", "1929", False),
        ("1921-1923", "1921/1923", False),
        ("early 1930’s", "1930/1933", False),
        ("the first half of 1933", "1933-01/1933-06", False),
        ("September", "1933-09", True),
        ("mid-October", "1933-10-11/1933-10-20", True),
        ("November 9", "1933-11-09", True),
        ("By 1935", "1935", False),
    ]


def test_every_prose_span_is_exact() -> None:
    for d in find_dates(PROSE):
        assert PROSE[d.span[0] : d.span[1]] == d.text


def test_year_from_context_year_when_text_has_none() -> None:
    assert parse_date("on November 9") is None
    d = parse_date("on November 9", context_year=1933)
    assert d is not None and d.start == "1933-11-09" and d.year_inferred
    # An explicit year earlier in the text wins over context_year.
    dates = find_dates("In 1929 they met; on May 5 they signed.", context_year=1950)
    assert [d.iso for d in dates] == ["1929", "1929-05-05"]


def test_range_start_takes_year_of_range_end() -> None:
    d = only_date("from December to February 1934")
    assert (d.start, d.end) == ("1933-12-01", "1934-02-28")


def test_ocr_split_year_after_preposition() -> None:
    d = only_date("the invasion of Manchuria in 1 931 were sources")
    assert (d.text, d.iso) == ("1 931", "1931")


def test_adjectival_and_parenthesised_years() -> None:
    assert [d.iso for d in find_dates("The 1932 election of Roosevelt")] == ["1932"]
    assert [d.iso for d in find_dates("Germany (1922), Great Britain, Italy, and France (1924).")] == [
        "1922",
        "1924",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "1,000 people came",
        "16 years after",
        "see pp. 1933-1940",
        "it cost $1933 in all",
        "1500 soldiers died",
        "a rise of 1933% in a year",
        "No. 1933 in the list",
        "the figure 12,1933.5 is not a year",
        "may we go",
        "we march on",
        "in 2000 BC",
        "phone 1933-1111",
        "03/04/1933",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert find_dates(text) == []


def test_lowercase_month_words_are_not_dates() -> None:
    assert find_dates("You may go in may; they march in march.", context_year=1933) == []
    assert [d.iso for d in find_dates("In May they left.", context_year=1933)] == ["1933-05"]


# --------------------------------------------------------------------------------------------------
# DateValue semantics
# --------------------------------------------------------------------------------------------------


def test_conflict_semantics() -> None:
    a, b = day("1933-11-16"), day("1933-11-17")
    assert a.conflicts(b) and b.conflicts(a)
    assert not a.conflicts(a)
    month = parse_date("November 1933")
    assert month is not None
    assert month.contains(a) and not a.contains(month)
    assert not month.conflicts(a) and month.overlaps(a)
    y33, y34 = parse_date("in 1933"), parse_date("in 1934")
    assert y33 is not None and y34 is not None
    assert y33.conflicts(y34) and not y33.overlaps(y34)
    assert y33.contains(a)


def test_qualified_dates_conflict_only_when_impossible() -> None:
    by35 = only_date("by 1935")
    assert not by35.conflicts(day("1934-06-01"))
    assert not by35.conflicts(day("1935-12-31"))
    assert by35.conflicts(day("1936-01-01"))
    before33 = only_date("before 1933")
    assert before33.conflicts(day("1933-01-01")) and not before33.conflicts(day("1932-12-31"))
    since45 = only_date("since 1945")
    assert since45.conflicts(day("1944-12-31")) and not since45.conflicts(day("1990-01-01"))


def test_approximate_dates_have_slack() -> None:
    mid = parse_date("mid-October 1933")
    assert mid is not None and mid.approximate
    assert not mid.conflicts(day("1933-10-21"))
    assert mid.conflicts(day("1933-10-28"))
    early = parse_date("the early 1930s")
    assert early is not None
    assert not early.conflicts(parse_date("in 1934"))  # type: ignore[arg-type]
    assert early.conflicts(parse_date("in 1938"))  # type: ignore[arg-type]


def test_times_on_the_same_day_conflict() -> None:
    assert day("1933-11-16", time="23:50").conflicts(day("1933-11-16", time="00:10"))
    assert not day("1933-11-16", time="23:50").conflicts(day("1933-11-16"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": "1933-13-01", "end": "1933-13-01"},
        {"start": "1933-02-30", "end": "1933-02-30"},
        {"start": "1933-11-17", "end": "1933-11-16"},
        {"start": "33-11-16", "end": "1933-11-16"},
        {"span": (0, 3)},
        {"span": (5, 2)},
        {"text": ""},
        {"time": "25:00"},
        {"start": "1933-11-01", "end": "1933-11-30", "time": "10:00"},
    ],
)
def test_date_value_validators(kwargs: dict[str, object]) -> None:
    base: dict[str, object] = {
        "start": "1933-11-16",
        "end": "1933-11-16",
        "precision": "day",
        "text": "Nov. 16",
        "span": (0, 7),
    }
    base.update(kwargs)
    if "text" in kwargs and "span" not in kwargs:
        base["span"] = (0, 0)
    with pytest.raises((ValueError, TypeError)):
        DateValue(**base)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# Numbers in words
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("zero", 0),
        ("seven", 7),
        ("sixteen", 16),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("ninety-nine", 99),
        ("one hundred", 100),
        ("a hundred", 100),
        ("three hundred and sixty-five", 365),
        ("one hundred thousand", 100_000),
        ("seven hundred thousand", 700_000),
        ("two thousand and five", 2005),
        ("ninety-nine thousand nine hundred and ninety-nine", 99_999),
        ("a dozen", 12),
        ("two dozen", 24),
        ("1.5 million", 1_500_000),
        ("2.5bn", 2_500_000_000),
        ("1,000", 1000),
        ("100,000", 100_000),
        ("half a million", 500_000),
        ("one and a half million", 1_500_000),
        ("three quarters", 0.75),
        ("nineteen thirty-three", 1933),
        ("Twenty-One", 21),
        ("one billion two hundred million", 1_200_000_000),
    ],
)
def test_words_to_number(text: str, value: float) -> None:
    assert words_to_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "blue",
        "one two",
        "million million",
        "thousand million",
        "and",
        "a",
        "first",
        "twenty and",
        "hundred hundred",
    ],
)
def test_words_to_number_rejects(text: str) -> None:
    assert words_to_number(text) is None


def test_words_to_number_keeps_integers_integral() -> None:
    assert isinstance(words_to_number("1.5 million"), int)
    assert isinstance(words_to_number("two thirds"), float)


@pytest.mark.parametrize(
    ("text", "value"),
    [("first", 1), ("second", 2), ("twelfth", 12), ("twenty-first", 21), ("16th", 16), ("hundredth", 100)],
)
def test_ordinal_to_number(text: str, value: int) -> None:
    assert ordinal_to_number(text) == value


def test_ordinal_to_number_rejects_cardinals() -> None:
    assert ordinal_to_number("sixteen") is None
    assert ordinal_to_number("blue") is None


_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
_SMALL += "seventeen eighteen nineteen"
_ONES = _SMALL.split()
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    """Spell 0 <= n < 10**9 in British style ("two thousand and five")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + _spell(rest) if rest else "")
    for scale, word in ((1_000_000, "million"), (1000, "thousand")):
        if n >= scale:
            head, rest = divmod(n, scale)
            tail = "" if not rest else (" and " if rest < 100 else " ") + _spell(rest)
            return _spell(head) + " " + word + tail
    raise AssertionError(n)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_words_to_number_reads_spelled_numbers(n: int) -> None:
    assert words_to_number(_spell(n)) == n


# --------------------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "shown"),
    [
        ("would produce one hundred thousand vehicles annually", 100_000, "vehicle", "one hundred thousand vehicles"),
        ("ending sixteen years of disagreement", 16, "year", "sixteen years"),
        ("16 years after breaking relations", 16, "year", "16 years"),
        ("ten minutes before midnight", 10, "minute", "ten minutes"),
        ("a month after the party seized control", 1, "month", "a month"),
        ("the world’s two superpowers.", 2, "superpower", "two superpowers"),
        ("the two countries emerged", 2, "country", "two countries"),
        ("a loan of $2.5 million was", 2_500_000, "USD", "$2.5 million"),
        ("50% of the vote", 50, "%", "50%"),
        ("fifty per cent of the vote", 50, "%", "fifty per cent"),
        ("12 percent of them", 12, "%", "12 percent"),
        ("twenty-one guns fired", 21, "gun", "twenty-one guns"),
        ("1.5 million people fled", 1_500_000, "person", "1.5 million people"),
        ("half a century later", 50, "year", "half a century"),
        ("two decades later", 20, "year", "two decades"),
        ("a dozen eggs", 12, "egg", "a dozen eggs"),
        ("a five-year plan", 5, "year", "five-year"),
        ("5 km away", 5, "km", "5 km"),
        ("10 kilometres away", 10, "km", "10 kilometres"),
        ("three major powers that", 3, "power", "three major powers"),
        ("two Soviet agencies", 2, "agency", "two Soviet agencies"),
    ],
)
def test_quantity_examples(text: str, value: float, unit: str, shown: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.text) == (value, unit, shown)
    assert text[q.span[0] : q.span[1]] == q.text
    assert not q.ordinal


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("for more than a decade had proved", 10, "year", QuantityQualifier.MORE_THAN),
        ("about 300 people came", 300, "person", QuantityQualifier.ABOUT),
        ("at least 5 km away", 5, "km", QuantityQualifier.AT_LEAST),
        ("fewer than 20 ships", 20, "ship", QuantityQualifier.LESS_THAN),
        ("no more than 3 days", 3, "day", QuantityQualifier.AT_MOST),
        ("nearly 40 years", 40, "year", QuantityQualifier.ABOUT),
        ("exactly 7 years", 7, "year", QuantityQualifier.EXACTLY),
    ],
)
def test_quantity_qualifiers(text: str, value: float, unit: str, qualifier: QuantityQualifier) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)
    assert q.text.split()[0] in {"more", "about", "at", "fewer", "no", "nearly", "exactly"}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Bullitt, the first ambassador to the Soviet Union", 1, "ambassador"),
        ("the Eighteenth Amendment", 18, "amendment"),
        ("the 2nd Army", 2, "army"),
        ("the twenty-first session", 21, "session"),
    ],
)
def test_ordinals(text: str, value: int, unit: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.ordinal) == (value, unit, True)


@pytest.mark.parametrize(
    "text",
    [
        "On Nov. 16, 1933, they met",
        "In 1929, Ford signed",
        "during the 1920’s",
        "in the 16th century",
        "One of the last major powers",
        "He came second.",
        "no one came",
        "index [08450] entry",
    ],
)
def test_no_false_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_units_are_singular_lemmas() -> None:
    assert [singular(w) for w in ("years", "vehicles", "countries", "people", "men", "taxes", "crises")] == [
        "year",
        "vehicle",
        "country",
        "person",
        "man",
        "tax",
        "crisis",
    ]
    assert singular("status") == "status"


def test_quantity_comparison() -> None:
    def q(text: str) -> Quantity:
        (found,) = find_quantities(text)
        return found

    assert q("sixteen years").equals(q("16 years"))
    assert not q("sixteen years").conflicts(q("16 years"))
    assert q("sixteen years").conflicts(q("17 years"))
    assert not q("sixteen years").conflicts(q("17 vehicles"))  # not comparable
    decade = q("more than a decade")
    assert decade.conflicts(q("8 years")) and decade.conflicts(q("10 years"))
    assert not decade.conflicts(q("12 years"))
    about = q("about 300 people")
    assert not about.conflicts(q("310 people")) and about.conflicts(q("400 people"))
    assert q("at least 5 km").conflicts(q("less than 5 km"))
    assert not q("at least 5 km").conflicts(q("at most 5 km"))
    assert not q("the first ambassador").comparable(q("one ambassador"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"value": True},
        {"value": float("nan")},
        {"value": "16"},
        {"unit": ""},
        {"unit": " year"},
        {"span": (0, 2)},
        {"qualifier": "roughly"},
    ],
)
def test_quantity_validators(kwargs: dict[str, object]) -> None:
    base: dict[str, object] = {"value": 16, "unit": "year", "text": "16 years", "span": (0, 8)}
    base.update(kwargs)
    with pytest.raises((ValueError, TypeError)):
        Quantity(**base)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# extract_facets
# --------------------------------------------------------------------------------------------------


def test_extract_facets_on_prose() -> None:
    text = (
        "On Nov. 16, 1933, President Roosevelt sent a telegram to Soviet diplomat Maxim Litvinov, "
        "16 years after the United States broke relations with Russia. Franklin D. Roosevelt wrote."
    )
    f = extract_facets(text)
    assert [d.iso for d in f.dates] == ["1933-11-16"]
    assert [(q.value, q.unit) for q in f.quantities] == [(16, "year")]
    ids = [e.id for e in f.entities]
    assert ids == [
        "person:franklin-d-roosevelt",
        "person:maxim-litvinov",
        "place:united-states",
        "place:russia",
        "person:franklin-d-roosevelt",
    ]
    assert f.entity_ids == (
        "person:franklin-d-roosevelt",
        "person:maxim-litvinov",
        "place:united-states",
        "place:russia",
    )
    assert len(f) == 7
    starts = [x.span[0] for x in f]
    assert starts == sorted(starts)


def test_extract_facets_uses_alias_table() -> None:
    table = AliasTable()
    table.add_index_name("Litvinov, Maksim Maksimovich")
    f = extract_facets("Litvinov signed.", aliases=table, context_year=1933)
    assert [e.id for e in f.entities] == ["person:maksim-maksimovich-litvinov"]


def test_facets_container_validates() -> None:
    with pytest.raises(TypeError):
        Facets(dates=("1933",))  # type: ignore[arg-type]
    assert len(Facets()) == 0


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *"abc XYZ.,;:-–’'()\n0123456789$%",
        "Nov. ",
        "November ",
        "1933",
        "the ",
        "1920’s",
        "mid-",
        "early ",
        "President ",
        "Roosevelt",
        "U.S.",
        "Stalin, Joseph",
        " minutes before midnight on ",
        "between ",
        " and ",
        "from ",
        " to ",
        "a ",
        "half ",
        "dozen",
        "million",
        "first",
        "16th",
        "Mr. ",
        "FDR",
        "Soviets",
        "(",
        "USSR)",
        "more than ",
        "years",
    ]
)
_TEXTS = st.one_of(st.text(max_size=120), st.lists(_PIECES, max_size=40).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.one_of(st.none(), st.integers(min_value=-5, max_value=12000)))
def test_extract_facets_never_raises_and_spans_are_exact(text: str, context_year: int | None) -> None:
    facets = extract_facets(text, context_year=context_year)
    for facet in facets:
        start, end = facet.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == facet.text
    assert extract_facets(text, context_year=context_year) == facets


@given(_TEXTS)
@settings(max_examples=150, deadline=None)
def test_quantities_never_reuse_date_digits(text: str) -> None:
    facets = extract_facets(text)
    for q in facets.quantities:
        for d in facets.dates:
            if d.time is None:
                assert q.span[1] <= d.span[0] or d.span[1] <= q.span[0]


_DAYS = st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2100, 1, 1))


@given(_DAYS, _DAYS, _DAYS, _DAYS)
def test_interval_relations_are_consistent(
    a1: datetime.date, a2: datetime.date, b1: datetime.date, b2: datetime.date
) -> None:
    a = DateValue(min(a1, a2).isoformat(), max(a1, a2).isoformat(), "range", "a", (0, 1))
    b = DateValue(min(b1, b2).isoformat(), max(b1, b2).isoformat(), "range", "b", (0, 1))
    assert a.conflicts(b) == b.conflicts(a)
    assert a.overlaps(b) == b.overlaps(a)
    assert a.conflicts(b) == (not a.overlaps(b))
    if a.contains(b):
        assert a.overlaps(b)


@given(
    st.integers(0, 1000),
    st.integers(0, 1000),
    st.sampled_from([None, *QuantityQualifier]),
    st.sampled_from([None, *QuantityQualifier]),
)
def test_quantity_conflict_is_symmetric(v1: int, v2: int, q1: object, q2: object) -> None:
    a = Quantity(v1, "year", "a", (0, 1), qualifier=q1)  # type: ignore[arg-type]
    b = Quantity(v2, "year", "b", (0, 1), qualifier=q2)  # type: ignore[arg-type]
    assert a.conflicts(b) == b.conflicts(a)
    assert not a.conflicts(a)
