"""Distance expressions: numbers, ranges, units, conversions and qualifiers (pure text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.text.units import KM_PER_MILE, find_distances, qualifier_class


def one(text: str):
    ds = find_distances(text)
    assert len(ds) == 1, ds
    return ds[0]


@pytest.mark.parametrize("text,km,qual", [
    ("The town lies 12 km away.", 12.0, "exact"),
    ("They moved about 30 kilometres west.", 30.0, "about"),
    ("It is roughly 7.5 kilometers off.", 7.5, "about"),
    ("a 12-km strip of land", 12.0, "exact"),
    ("a 12-kilometre strip", 12.0, "exact"),
    ("up to 8 kilometres inside", 8.0, "up to"),
    ("within 15 km of the river", 15.0, "within"),
    ("at least 3 km", 3.0, "at least"),
    ("more than 40 km", 40.0, "more than"),
    ("less than 2 km", 2.0, "less than"),
    ("nearly 100km away", 100.0, "nearly"),
    ("some twelve kilometres", 12.0, "about"),
    ("twenty-five km", 25.0, "exact"),
    ("1,200 km long", 1200.0, "exact"),
])
def test_km_and_qualifiers(text: str, km: float, qual: str) -> None:
    d = one(text)
    assert d.low_km == pytest.approx(km) and d.high_km == pytest.approx(km)
    assert d.qualifier == qual
    assert text[d.start:d.end] == d.text


def test_miles_and_metres_convert_to_km() -> None:
    assert one("about 10 miles north").low_km == pytest.approx(10 * KM_PER_MILE)
    assert one("a 5 mi stretch").low_km == pytest.approx(5 * KM_PER_MILE)
    assert one("500 metres from the gate").low_km == pytest.approx(0.5)
    assert one("800m from the gate").low_km == pytest.approx(0.8)
    d = one("about 650 yards from the border fence")
    assert d.low_km == pytest.approx(650 * 0.9144 / 1000) and d.unit == "yd" and d.qualifier == "about"
    assert one("300 yds from the fence").low_km == pytest.approx(0.27432)
    assert one("some 550 yards (500 metres) from the fence").low_km == pytest.approx(0.5)  # the metric figure


def test_both_units_km_wins() -> None:
    d = one("Chernihiv is about 60 kilometers (37 miles) from the border")
    assert d.low_km == 60 and d.unit == "km" and d.text.endswith("(37 miles)")
    d = one("some 37 miles (60 km) north")
    assert d.low_km == 60 and d.unit == "km"


def test_a_conversion_between_commas_is_one_distance() -> None:
    """"less than 60 kilometers, or 40 miles, from X": the km figure, not the rounded miles (64.4 km)."""
    d = one("a site less than 60 kilometers, or 40 miles, from the base")
    assert d.low_km == 60 and d.qualifier == "less than" and d.text.endswith("or 40 miles")
    d = one("some 37 miles, or 60 km, north")
    assert d.low_km == 60
    two = find_distances("troops were 20 km, or 30 km, from the city")
    assert [x.low_km for x in two] == [20, 30]


@pytest.mark.parametrize("text", ["20–30 km", "20-30 km", "20 to 30 km", "between 20 and 30 km",
                                  "between 20 km and 30 km", "20 to 30 kilometres"])
def test_ranges(text: str) -> None:
    d = one(text)
    assert (d.low_km, d.high_km) == (20, 30)
    assert d.qualifier == "range" and d.stated == [20.0, 30.0]
    assert d.text == text


@pytest.mark.parametrize("text", ["driving at 50 km/h", "an area of 5,000 square km", "80 km per hour",
                                  "a 5 km² plot", "at 9 am", "Route 9 mission"])
def test_not_distances(text: str) -> None:
    assert find_distances(text) == []


def test_spans_in_longer_text() -> None:
    text = "Sumy is 30 km from the border; Okhtyrka lies some 70 km south."
    ds = find_distances(text)
    assert [text[d.start:d.end] for d in ds] == ["30 km", "some 70 km"]


def test_qualifier_classes() -> None:
    assert qualifier_class("within") == "max" and qualifier_class("up to") == "max"
    assert qualifier_class("at least") == "min" and qualifier_class("about") == "approx"
    assert qualifier_class(None) == "approx"


QUALS = {"": "exact", "about ": "about", "up to ": "up to", "at least ": "at least", "within ": "within",
         "some ": "about", "more than ": "more than", "nearly ": "nearly"}
UNITS = {"km": 1.0, "kilometres": 1.0, "kilometers": 1.0, "miles": KM_PER_MILE, "metres": 0.001}


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=99_999), dec=st.integers(min_value=0, max_value=99),
       q=st.sampled_from(sorted(QUALS)), unit=st.sampled_from(sorted(UNITS)),
       prefix=st.sampled_from(["", "The town is ", "Forces moved ", "("]),
       suffix=st.sampled_from(["", " from the border.", " north of Kyiv", ")"]))
def test_parse_round_trip(n: int, dec: int, q: str, unit: str, prefix: str, suffix: str) -> None:
    num = f"{n:,}.{dec:02d}" if dec else f"{n:,}"
    value = float(num.replace(",", ""))
    text = f"{prefix}{q}{num} {unit}{suffix}"
    d = one(text)
    assert d.low_km == pytest.approx(value * UNITS[unit])
    assert text[d.start:d.end] == f"{q}{num} {unit}"
    assert d.qualifier == QUALS[q]


def test_qualifier_wrapped_over_a_line_break() -> None:
    (d,) = find_distances("Kharkiv is less\nthan 40 kilometres from the border.")
    assert d.qualifier == "less than" and d.low_km == 40


@pytest.mark.parametrize("text,km", [("less than a kilometre from the border", 1.0),
                                     ("half a mile from the fence", 0.804672)])
def test_a_kilometre_and_half_a_mile(text: str, km: float) -> None:
    (d,) = find_distances(text)
    assert d.low_km == pytest.approx(km)


@pytest.mark.parametrize("text", ["a man met them", "a minute later", "an hour away", "a mile-long queue"])
def test_article_a_is_a_number_only_before_a_spelled_unit(text: str) -> None:
    ds = find_distances(text)
    assert all(d.text.lower().endswith("mile") for d in ds)


@pytest.mark.parametrize("text,km", [
    ("the village lay six and a half miles south-west of the city", 6.5 * KM_PER_MILE),
    ("two and a half kilometres from the border", 2.5),
    ("some two-and-a-half kilometres away", 2.5),
    ("a kilometre and a half from the fence", 1.5),
    ("a mile and a half north of the town", 1.5 * KM_PER_MILE),
    ("12 and a half km inside", 12.5),
    ("2½ km from the line", 2.5),
    ("about 1½ miles away", 1.5 * KM_PER_MILE),
    ("three-quarters of a mile from the border", 0.75 * KM_PER_MILE),
    ("a quarter-mile from the fence", 0.25 * KM_PER_MILE),
    ("a quarter mile from the fence", 0.25 * KM_PER_MILE),
])
def test_fractions(text: str, km: float) -> None:
    """Fractions as reporters write them: "six and a half miles", "a kilometre and a half", "2½ km"."""
    d = one(text)
    assert d.low_km == pytest.approx(km) and d.high_km == pytest.approx(km)
    assert text[d.start:d.end] == d.text and d.text.endswith(("miles", "kilometres", "km", "mile", "half"))


def test_a_fraction_inside_a_range() -> None:
    d = one("between two and a half and three km")
    assert (d.low_km, d.high_km) == (2.5, 3.0)
    assert find_distances("two and a half hours from Kyiv") == []


@pytest.mark.parametrize("text,lo,hi", [("restrictions spanning 300 metres to one kilometre from the fence", 0.3, 1.0),
                                        ("between 500 metres and 2 km from the border", 0.5, 2.0)])
def test_a_range_from_metres_to_kilometres(text: str, lo: float, hi: float) -> None:
    d = one(text)
    assert (d.low_km, d.high_km, d.qualifier) == (pytest.approx(lo), pytest.approx(hi), "range")
    assert find_distances("from 5 km to 10 miles") == []  # mixed km and miles is no range


@pytest.mark.parametrize("text,figures", [
    ("towns located 25 km and 30 km from the border", [(25.0, 25.0), (30.0, 30.0)]),
    ("attacks nine and 12 km from the capital", [(9.0, 9.0), (12.0, 12.0)]),
    ("operating one or two kilometres inside", [(1.0, 2.0)]),
    ("between 25 km and 30 km", [(25.0, 30.0)]),
])
def test_two_figures_joined_by_and_are_two_distances(text: str, figures: list) -> None:
    """"25 km and 30 km", "nine and 12 km": two distances; "one or two kilometres": a range; "between … and …": one."""
    assert [(d.low_km, d.high_km) for d in find_distances(text)] == figures
