"""Claim labels and panel phrasing (geomap.render.labels): built from claims.json-form dicts, read as stated."""

from __future__ import annotations

import pytest

from geomap.render.labels import claim_label, fmt_km, plain_title, stated_phrase


def _c(**kw):
    base = {"kind": "distance_to_border", "stated_km": 30.0, "unit": "km", "qualifier": "about",
            "modality": "asserted", "subject": {"id": "geonames:692194", "name": "Sumy"}, "target": None,
            "countries": ["UA", "RU"], "measured_km": 27.746, "verdict": "consistent", "direction": None}
    base.update(kw)
    return base


def test_border_distance_names_places_and_figures():
    assert claim_label(_c()) == "Sumy → UA–RU border: 27.7 km measured, about 30 km stated"


def test_negated_claim_keeps_its_negation():
    c = _c(stated_km=100.0, qualifier="within", modality="negated", measured_km=113.613,
           subject={"id": "x", "name": "Poltava"})
    assert stated_phrase(c) == "not within 100 km"
    assert claim_label(c) == "Poltava → UA–RU border: 114 km measured, not within 100 km stated"
    assert "≤" not in claim_label(c)


def test_miles_keep_their_unit_and_no_false_precision():
    c = _c(stated_km=4.828, unit="mile", measured_km=4.726, subject={"id": "x", "name": "Velyka Pysarivka"})
    assert stated_phrase(c) == "about 3 miles (4.8 km)"
    assert "4.828" not in claim_label(c)
    assert stated_phrase(_c(stated_km=1.609344, unit="mile", qualifier="exact")) == "1 mile (1.6 km)"
    # nautical miles and yards keep theirs too (nautical miles were shown as km: "157.4 km (157.4 km)")
    assert stated_phrase(_c(stated_km=85 * 1.852, unit="nmi", qualifier="exact")) == "85 nautical miles (157.4 km)"
    assert stated_phrase(_c(stated_km=650 * 0.0009144, unit="yd", qualifier="about")) == "about 650 yards (0.6 km)"


def test_range_and_qualifiers():
    assert stated_phrase(_c(stated_km=[8.0, 12.0], qualifier="range")) == "8–12 km"
    assert stated_phrase(_c(stated_km=12.0, qualifier="up to")) == "up to 12 km"
    assert stated_phrase(_c(stated_km=0.5, unit="m", qualifier="exact")) == "500 m (0.5 km)"
    assert stated_phrase(_c(stated_km=[32.18688, 48.28032], unit="mile", qualifier="range")) == \
        "20–30 miles (32.2–48.3 km)"


def test_between_places_with_direction():
    c = _c(kind="distance_between_places", stated_km=70.0, measured_km=68.071, direction="south",
           subject={"id": "a", "name": "Okhtyrka"}, target={"id": "b", "name": "Sumy"}, countries=None)
    assert claim_label(c) == "Okhtyrka → Sumy: 68.1 km measured, about 70 km south stated"


def test_denied_and_hypothetical_zones_read_as_stated():
    c = _c(kind="radius_around_place", stated_km=5.0, qualifier="within", modality="denied", measured_km=None,
           verdict="drawn", subject=None, target={"id": "k", "name": "Kramatorsk"}, countries=None)
    assert claim_label(c) == "Kramatorsk zone: within 5 km radius, denied"
    named = dict(c, subject={"id": None, "name": "exclusion zone"}, modality="hypothetical", qualifier="exact")
    assert claim_label(named) == "exclusion zone around Kramatorsk: 5 km radius, hypothetical"
    band = _c(kind="buffer_inside_along_border", stated_km=12.0, qualifier="up to", inside="UA", along="RU",
              region={"id": "admin1:UA.21", "name": "Sumy"}, measured_km=None, verdict="drawn", subject=None)
    assert claim_label(band) == "UA–RU border band, Sumy: up to 12 km deep inside UA"
    names = {"admin1:UA.21": "Sumy Oblast"}
    assert claim_label(band, lambda r: names.get(r["id"])) == "UA–RU border band, Sumy Oblast: up to 12 km deep inside UA"
    both = dict(band, both_sides=True, modality="hypothetical", region=None, qualifier="exact", stated_km=10.0)
    assert claim_label(both) == "UA–RU border band: 10 km deep on both sides, hypothetical"
    strip = dict(both, subject={"id": None, "name": "demilitarised strip"})
    assert claim_label(strip) == "demilitarised strip (UA–RU border): 10 km deep on both sides, hypothetical"


def test_not_checkable_says_so_without_a_measurement():
    c = _c(measured_km=None, verdict="not_checkable", subject={"id": "t", "name": "Tawila"}, countries=["SD", "TD"])
    assert claim_label(c) == "Tawila → SD–TD border: about 30 km stated, not checkable"


@pytest.mark.parametrize(("km", "text"), [(27.746, "27.7 km"), (113.6, "114 km"), (None, "?")])
def test_fmt_km(km, text):
    assert fmt_km(km) == text


@pytest.mark.parametrize(("title", "plain"), [
    ("**Raid** on _Sumy_: [map](http://x.org) `code`", "Raid on Sumy: map code"),
    ("# Shelling near Sumy", "Shelling near Sumy"),
    ("Kharkiv_region report", "Kharkiv_region report"),
    (None, ""),
])
def test_plain_title(title, plain):
    assert plain_title(title) == plain


def test_place_names_as_written():
    from geomap.render.labels import as_written

    assert as_written("‘Ayn al ‘Arab", ["Kobani"]) == "Kobani (‘Ayn al ‘Arab)"
    assert as_written("Krasnopillya", ["Krasnopillia"]) == "Krasnopillia"
    assert as_written("I‘zāz", ["Azaz"]) == "Azaz"
    assert as_written("Sumy", ["Sumy"]) == "Sumy"
    assert as_written("Sumy", []) == "Sumy"
    assert as_written("Vovchansk", ["VOVCHANSK", "Vovchansk"]) == "Vovchansk"  # a dateline's capitals
    assert as_written("Vovchansk", ["VOVCHANSK"]) == "Vovchansk"


def test_unnamed_line():
    c = _c(countries=None, measured_km=None, verdict="not_checkable", stated_km=5.0,
           subject={"id": "m", "name": "Manbij"})
    assert claim_label(c) == "Manbij → unnamed line: about 5 km stated, not checkable"


@pytest.mark.parametrize("text,word", [("Kramatorsk is 20 km from the front line.", "front line"),
                                       ("The Kursk nuclear power plant is located 35 km from the border.", "border"),
                                       ("The village is 8 km from the LoC.", "LoC")])
def test_a_line_with_no_countries_is_named_as_the_text_names_it(text: str, word: str) -> None:
    """Not "unnamed line" when the text says which line."""
    import geomap
    from geomap.render.labels import claim_label

    assert f"→ {word}:" in claim_label(geomap.analyze(text).claims[0])
