"""Export: RFC 7946 GeoJSON per layer, GeoPackage with all layers, determinism, atomic writes."""

from __future__ import annotations

import json
import os
import re

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from _render_fixtures import make_layers
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon

from geomap.export import export_layers, write_geojson


@pytest.fixture(scope="module")
def layers_meta():
    return make_layers()


@pytest.fixture(scope="module")
def exported(layers_meta, tmp_path_factory):
    layers, meta = layers_meta
    out = tmp_path_factory.mktemp("exp")
    return out, export_layers(layers, meta, out)


def _ring_area_signed(ring) -> float:
    x, y = np.asarray(ring).T
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _rings(geom: dict):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for p in polys:
        yield "exterior", p[0]
        for h in p[1:]:
            yield "hole", h


def test_all_non_empty_layers_written(exported, layers_meta):
    out, paths = exported
    layers, _ = layers_meta
    for key in layers:
        assert paths[key] == out / "layers" / f"{key}.geojson" and paths[key].is_file()
    assert paths["gpkg"] == out / "layers.gpkg"
    assert set(pyogrio.list_layers(paths["gpkg"])[:, 0]) - {"layer_styles"} == set(layers)  # + QGIS styles


def test_rfc7946(exported):
    _, paths = exported
    for key in ("places", "regions", "borders", "distances", "zones"):
        text = paths[key].read_text(encoding="utf-8")
        fc = json.loads(text)
        assert fc["type"] == "FeatureCollection" and "crs" not in fc
        # ≤ 6 decimals everywhere
        for num in re.findall(r"-?\d+\.(\d+)", json.dumps([f["geometry"] for f in fc["features"]])):
            assert len(num) <= 6
        for f in fc["features"]:
            g = f["geometry"]
            coords = np.array(shapely.get_coordinates(shapely.from_geojson(json.dumps(g))))
            assert (np.abs(coords[:, 0]) <= 180).all() and (np.abs(coords[:, 1]) <= 90).all()
            if g["type"] in ("Polygon", "MultiPolygon"):
                for kind, ring in _rings(g):
                    a = _ring_area_signed(ring)
                    assert (a > 0) if kind == "exterior" else (a < 0), f"{key}: {kind} ring wrongly oriented"


def test_lon_lat_order(exported):
    _, paths = exported
    fc = json.loads(paths["places"].read_text())
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(34.79906) and lat == pytest.approx(50.91741)


def test_provenance_and_property_order(exported, layers_meta):
    _, paths = exported
    fc = json.loads(paths["distances"].read_text())
    props = fc["features"][0]["properties"]
    for k in ("claim_id", "sentence", "span_start", "span_end", "source", "label", "verdict", "measured_km"):
        assert k in props
    assert list(props)[:3] == ["kind", "label", "stated_km"]


def test_clockwise_input_is_reoriented(tmp_path):
    cw = Polygon([(30, 50), (30, 51), (31, 51), (31, 50), (30, 50)])  # clockwise exterior
    assert _ring_area_signed(cw.exterior.coords) < 0
    g = gpd.GeoDataFrame({"name": ["x"]}, geometry=[cw], crs=4326)
    fc = json.loads(write_geojson(g, tmp_path / "z.geojson").read_text())
    assert _ring_area_signed(fc["features"][0]["geometry"]["coordinates"][0]) > 0


def test_rerun_is_byte_identical(exported, layers_meta, tmp_path):
    out1, paths1 = exported
    layers, meta = layers_meta
    paths2 = export_layers(layers, meta, tmp_path)
    for key, p in paths1.items():
        assert p.read_bytes() == paths2[key].read_bytes(), key


def test_gpkg_content(exported, layers_meta):
    _, paths = exported
    layers, _ = layers_meta
    for key, gdf in layers.items():
        back = pyogrio.read_dataframe(paths["gpkg"], layer=key)
        assert len(back) == len(gdf)
        assert back.crs.to_epsg() == 4326
        assert "sentence" in back.columns or key == "borders"
        assert shapely.equals_exact(back.geometry.values, gdf.geometry.values, tolerance=1e-9).all() or \
            shapely.equals(back.geometry.values, gdf.geometry.values).all()


def test_empty_layer_skipped_in_geojson_but_in_gpkg(layers_meta, tmp_path):
    layers, meta = layers_meta
    layers = dict(layers)
    layers["zones"] = layers["zones"].iloc[0:0]
    (tmp_path / "layers").mkdir()
    (tmp_path / "layers" / "zones.geojson").write_text("stale")
    paths = export_layers(layers, meta, tmp_path)
    assert "zones" not in paths and not (tmp_path / "layers" / "zones.geojson").exists()
    assert "zones" in set(pyogrio.list_layers(paths["gpkg"])[:, 0])


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import geomap.export as ex

    g = gpd.GeoDataFrame({"name": ["x"]}, geometry=[Polygon([(0, 0), (1, 0), (1, 1)])], crs=4326)
    target = tmp_path / "x.geojson"
    target.write_text("old")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(ex.os, "replace", boom)
    with pytest.raises(OSError):
        write_geojson(g, target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.geojson"]
    monkeypatch.undo()
    assert os.path.exists(target)


@settings(max_examples=60, deadline=None)
@given(
    lon=st.floats(-179.0, 179.0), lat=st.floats(-80.0, 80.0),
    radii=st.lists(st.floats(0.05, 0.9), min_size=5, max_size=24),
    clockwise=st.booleans(), hole=st.booleans(), multi=st.booleans(),
)
def test_property_rfc7946_orientation_and_precision(lon, lat, radii, clockwise, hole, multi):
    """Any star-shaped polygon (either winding, with/without hole, single/multi) → exterior CCW, holes CW,
    ≤ 6 decimals, same shape within rounding."""
    import math

    from shapely.geometry import MultiPolygon, Polygon, shape

    from geomap.export import feature_collection

    n = len(radii)
    ring = [(lon + r * math.cos(2 * math.pi * i / n), lat + r * math.sin(2 * math.pi * i / n))
            for i, r in enumerate(radii)]
    inner = [(lon + 0.02 * math.cos(2 * math.pi * i / 8), lat + 0.02 * math.sin(2 * math.pi * i / 8))
             for i in range(8)]
    if clockwise:
        ring = ring[::-1]
    else:
        inner = inner[::-1]
    poly = Polygon(ring, [inner] if hole else None)
    geom = MultiPolygon([poly, Polygon([(x + 2.5, y) for x, y in ring])]) if multi else poly
    fc = feature_collection(gpd.GeoDataFrame({"k": [1]}, geometry=[geom], crs=4326))
    g = fc["features"][0]["geometry"]
    for kind, r in _rings(g):
        a = _ring_area_signed(r)
        assert (a > 0) if kind == "exterior" else (a < 0)
        for x, y in r:
            assert round(x, 6) == x and round(y, 6) == y
    back = shape(g)
    assert back.symmetric_difference(geom).area <= geom.length * 1e-6  # vertices move ≤ 0.71e-6°


def test_list_properties_are_json_in_gpkg_and_arrays_in_geojson(tmp_path):
    from shapely.geometry import LineString

    g = gpd.GeoDataFrame({"a": ["RU"], "b": ["UA"], "claim_ids": [["c1", "c3"]]},
                         geometry=[LineString([(35, 50), (36, 51)])], crs=4326)
    paths = export_layers({"borders": g}, {}, tmp_path)
    props = json.loads(paths["borders"].read_text())["features"][0]["properties"]
    assert props["claim_ids"] == ["c1", "c3"]
    back = pyogrio.read_dataframe(paths["gpkg"], layer="borders")
    assert json.loads(back["claim_ids"].iloc[0]) == ["c1", "c3"]


def test_gpkg_carries_qgis_layer_styles(exported, layers_meta):
    """layers.gpkg has QGIS's layer_styles table: one default QML per layer, well-formed, whose rule filters
    (QGIS expressions that are also SQLite expressions) put every feature under exactly one rule, coloured as on
    the map; GDAL still reads every layer and lists the table as an attributes layer."""
    import sqlite3
    import xml.etree.ElementTree as ET

    from geomap.render.style import VERDICT_COLOURS

    _, paths = exported
    layers, _ = layers_meta
    con = sqlite3.connect(paths["gpkg"])
    rows = con.execute("SELECT f_table_name, f_geometry_column, styleQML, useAsDefault FROM layer_styles").fetchall()
    assert {r[0] for r in rows} == set(layers)
    geom = dict(con.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
    for table, gcol, qml, default in rows:
        assert default == 1 and gcol == geom[table]
        root = ET.fromstring(qml.split(">", 1)[1])  # after the DOCTYPE
        rules = root.findall("./renderer-v2/rules/rule")
        assert rules and len(root.findall("./renderer-v2/symbols/symbol")) == len(rules)
        n = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        hits = [con.execute(f'SELECT fid FROM "{table}" WHERE {r.get("filter")}').fetchall() for r in rules]
        fids = [f for h in hits for f in h]
        assert len(fids) == n == len(set(fids)), (table, [r.get("label") for r in rules])
        if table == "distances":
            # the consistent, asserted distance is drawn solid in the map's colour
            hit = next(i for i, r in enumerate(rules) if r.get("label") == "consistent")
            assert hits[hit]
            props = {p.get("k"): p.get("v") for p in root.findall(f"./renderer-v2/symbols/symbol[@name='{hit}']//prop")}
            h = VERDICT_COLOURS["consistent"].lstrip("#")
            assert props["line_color"] == f"{int(h[:2], 16)},{int(h[2:4], 16)},{int(h[4:], 16)},255"
            assert props["line_style"] == "solid"
    assert con.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'").fetchone() == \
        ("attributes",)
    con.close()
    assert set(layers) <= set(pyogrio.list_layers(paths["gpkg"])[:, 0])


def test_qgis_dashes_unasserted_claims():
    from geomap.render.qgis import layer_qml

    qml = layer_qml("zones")
    assert "hypothetical, denied or negated" in qml and 'v="dash"' in qml
