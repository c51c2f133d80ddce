"""Corpus runs: inputs, per-document failures, duplicate claims, outputs, Dask equivalence (issue: corpus scale)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geomap.errors import InputError
from geomap.events import claim_key, iter_documents, run_events

ARTICLE_A = """Shelling near Kharkiv
March 3, 2025
Russian artillery struck Kharkiv overnight, officials in Kyiv said. Kharkiv is about 30 kilometres from the
Russian border. Troops advanced up to 8 kilometres inside Ukrainian territory in the Sumy region.
"""
ARTICLE_B = """Border villages evacuated
2025-03-04
Villagers left Krasnopillia in the Sumy region. Kharkiv is about 30 kilometres from the Russian border, the
governor said.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe")
    with open(d / "feed.jsonl", "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "feed-1", "text": ARTICLE_A, "date": "2025-03-05", "url": "https://example.org/1"}))
        f.write("\n{not json\n")
        f.write(json.dumps({"id": "feed-3", "text": None}) + "\n")
    return d


def test_iter_documents_reads_folders_globs_and_tables(corpus: Path):
    docs = list(iter_documents([corpus]))
    ids = sorted(d["id"] for d in docs)
    assert ids == ["a.txt", "b.md", "broken.txt", "feed-1", "feed-3", "feed.jsonl:2"]
    assert [d["id"] for d in iter_documents([str(corpus / "*.txt")])] == [str(corpus / "a.txt").split("/")[-1],
                                                                       "broken.txt"]
    with pytest.raises(InputError, match="nothing|matches no file"):
        list(iter_documents([str(corpus / "nope-*.txt")]))


def test_run_in_process_records_failures_and_writes_outputs(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    res = run_events([corpus], out)
    assert res.n_docs == 6 and res.engine == "in-process"
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert {e["id"] for e in errors} == {"broken.txt", "feed.jsonl:2", "feed-3"}
    assert all(e["error"] for e in errors)
    for name in ("events.parquet", "events.geojson", "map.html", "summary.md", "errors.jsonl"):
        assert (out / name).stat().st_size > 0 or name == "errors.jsonl"
    ev = gpd.read_parquet(out / "events.parquet")
    assert ev.crs.to_epsg() == 4326
    assert set(ev.geo_precision.dropna().astype(int)) <= {1, 2, 3, 4}
    kh = ev[(ev.row_type == "mention") & (ev.location == "Kharkiv")]
    assert len(kh) >= 4 and (kh.geo_precision == 1).all() and (kh.country == "UA").all()
    sumy = ev[(ev.row_type == "mention") & (ev.location_id == "admin1:UA.21")]
    assert len(sumy) and (sumy.geo_precision == 3).all()
    # dates: from the article text, or the table's date column; precision recorded
    assert set(ev[ev.source_id == "a.txt"].event_date) == {"2025-03-03"}
    assert set(ev[ev.source_id == "feed-1"].event_date) == {"2025-03-05"}
    assert set(ev[ev.source_id == "feed-1"].url) == {"https://example.org/1"}
    assert set(ev.date_precision) == {"day"}
    # the same claim stated by three sources: one claim_key, n_sources == 3
    border = ev[(ev.row_type == "claim") & (ev.claim_kind == "distance_to_border")]
    assert border.claim_key.nunique() == 1 and set(border.n_sources) == {3}
    assert set(border.source_id) == {"a.txt", "b.md", "feed-1"}
    assert border.measured_km.notna().all()
    band = ev[(ev.row_type == "claim") & (ev.claim_kind == "buffer_inside_along_border")]
    # events.parquet: one point per row (the claim's representative point); the band itself once, by key
    assert len(band) == 2 and (band.geometry.geom_type == "Point").all() and band.geometry_key.nunique() == 1
    assert (band.geometry.x == band.lon).all() and (band.geometry.y == band.lat).all()
    shapes = gpd.read_parquet(out / "geometries.parquet")
    assert shapes.crs.to_epsg() == 4326 and shapes.geometry_key.is_unique
    assert set(ev.geometry_key.dropna()) == set(shapes.geometry_key)
    band_shape = shapes.set_index("geometry_key").geometry[band.geometry_key.iloc[0]]
    assert band_shape.geom_type in ("Polygon", "MultiPolygon") and band_shape.contains(band.geometry.iloc[0])
    assert ev[ev.row_type == "mention"].geometry_key.isna().all()
    summary = (out / "summary.md").read_text()
    assert "| UA |" in summary and "distance_to_border" in summary and "Failed documents (3)" in summary
    fc = json.loads((out / "events.geojson").read_text())
    assert fc["type"] == "FeatureCollection" and "crs" not in fc and len(fc["features"]) == len(ev)
    kinds = {f["properties"]["claim_kind"]: f["geometry"]["type"] for f in fc["features"]}
    assert kinds["buffer_inside_along_border"] in ("Polygon", "MultiPolygon")  # the GeoJSON keeps full shapes
    # summary.md: the three statements of one question on one row, with sources and verdicts counted
    row = next(line for line in summary.splitlines() if line.startswith("| Kharkiv → UA–RU border"))
    assert "stated by 3 sources: 3 consistent" in row and "a.txt, b.md, feed-1" in row
    assert summary.count("| Kharkiv → UA–RU border") == 1


def test_claim_key_ignores_source_but_not_substance():
    c = {"kind": "distance_to_border", "subject": {"id": "geonames:706483", "name": "Kharkiv"},
         "countries": ["UA", "RU"], "stated_km": 30, "qualifier": "about", "direction": None}
    assert claim_key(c) == claim_key({**c, "sentence": "other words", "id": "c9"})
    assert claim_key(c) != claim_key({**c, "stated_km": 40})
    assert claim_key(c) != claim_key({**c, "countries": ["UA", "BY"]})


def test_cli_bad_input_errors_and_writes_nothing(tmp_path: Path):
    out = tmp_path / "o"
    r = subprocess.run([sys.executable, "-m", "geomap", "events", str(tmp_path / "missing*.txt"), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "missing*.txt" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def _rows(path: Path) -> set:
    ev = gpd.read_parquet(path)
    ev["wkb"] = [g.wkb_hex if g is not None else None for g in ev.geometry]
    df = ev.drop(columns="geometry").astype(str)
    return set(map(tuple, df.to_numpy().tolist()))


@pytest.mark.slow
def test_dask_gives_identical_rows_and_loads_gazetteer_once_per_worker(corpus: Path, tmp_path: Path):
    from dask.distributed import Client, LocalCluster

    from geomap import events

    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(24):  # enough documents for several per worker
        (docs / f"d{i:02d}.txt").write_text((ARTICLE_A if i % 2 else ARTICLE_B), encoding="utf-8")
    with open(docs / "feed.jsonl", "w", encoding="utf-8") as f:  # one table: re-cut into partitions for 2 workers
        for i in range(30):
            f.write(json.dumps({"id": f"t{i}", "text": ARTICLE_B if i % 3 else ARTICLE_A}) + "\n")
    one = run_events([corpus, docs], tmp_path / "one", write_map=False)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask1 = run_events([corpus, docs], tmp_path / "dask1", scheduler=cluster.scheduler_address, write_map=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        two = run_events([corpus, docs], tmp_path / "two", scheduler=cluster.scheduler_address, write_map=False)
        stats = client.run(events.worker_stats)
    assert two.engine.startswith("dask") and one.n_rows == dask1.n_rows == two.n_rows > 0
    assert two.startup_seconds > 0
    rows = _rows(tmp_path / "one" / "events.parquet")
    assert rows == _rows(tmp_path / "dask1" / "events.parquet") == _rows(tmp_path / "two" / "events.parquet")
    errs = (tmp_path / "one" / "errors.jsonl").read_text()
    assert errs == (tmp_path / "dask1" / "errors.jsonl").read_text() == (tmp_path / "two" / "errors.jsonl").read_text()
    assert len(stats) == 2
    assert all(s["gazetteer_loads"] == 1 for s in stats.values()), stats


def test_partitions_feed_every_worker_and_cover_every_document_once(tmp_path: Path):
    """50 documents in one table on 2 workers: cut into ≥ 8 parts (several per worker), each document once."""
    from geomap.events import iter_units, read_chunk
    from geomap.events.run import _partitions

    p = tmp_path / "feed.jsonl"
    p.write_text("".join(json.dumps({"id": f"n{i}", "text": "Kharkiv " * (1 + i % 9)}) + "\n" for i in range(50)))
    units = list(iter_units([p]))
    assert len(units) == 1
    for workers, least in ((1, 4), (2, 8), (8, 25)):
        parts = _partitions(units, workers)
        assert len(parts) >= least, (workers, len(parts))
        assert [d["id"] for u in parts for d in read_chunk(u)] == [f"n{i}" for i in range(50)]


def test_table_chunks_cover_every_line_once(tmp_path: Path):
    """Workers read their own byte ranges / row groups: any chunk size gives the same documents, in order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geomap.events import iter_units, read_chunk

    recs = [{"id": f"n{i}", "text": f"Report {i}: Kharkiv " + "x" * (i * 7 % 50)} for i in range(40)]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n{broken\n" + json.dumps({"id": "last", "text": "t"}))
    for size in (1, 100, 333, 1 << 20):
        units = list(iter_units([p], chunk_bytes=size))
        docs = [d for u in units for d in read_chunk(u)]
        assert [d["id"] for d in docs] == [r["id"] for r in recs] + ["feed.jsonl:41", "last"], size
        assert "error" in docs[-2]
    q = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(recs), q, row_group_size=7)
    units = list(iter_units([q]))
    assert len(units) == 6 and sum(u["n"] for u in units) == 40
    assert [d["id"] for u in units for d in read_chunk(u)] == [r["id"] for r in recs]
    bad = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"id": ["a"]}), bad)
    with pytest.raises(InputError, match="'text' column"):
        list(iter_units([bad]))


def test_own_earlier_outputs_are_skipped_and_said(corpus: Path, tmp_path: Path, capsys):
    """`events corpus -o corpus/out` twice: the second run does not read its own summary.md or map.html."""
    from geomap.cli import main

    out = corpus / "out"
    assert main(["events", str(corpus), "-o", str(out), "--quiet", "--no-map"]) == 0
    first = (out / "events.parquet").read_bytes()
    capsys.readouterr()
    assert main(["events", str(corpus), "-o", str(out), "--no-map"]) == 0
    err = capsys.readouterr().err
    assert f"skipping 6 files of geomap's own earlier output in {out}" in err
    assert (out / "events.parquet").read_bytes() == first  # same documents, same rows
    skipped = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    skipped = {e["id"]: e["error"] for e in skipped if e.get("skipped")}
    assert set(skipped) == {"out/errors.jsonl", "out/events.geojson", "out/events.parquet", "out/geometries.parquet",
                            "out/summary.md", "out/geomap-manifest.json"}
    assert all("geomap's own output" in v for v in skipped.values())


def test_every_skipped_input_is_listed(corpus: Path, tmp_path: Path):
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    res = run_events([corpus], tmp_path / "out", write_map=False)
    assert res.n_skipped == 2 and res.n_docs == 6
    errors = {e["id"]: e for e in map(json.loads, (tmp_path / "out" / "errors.jsonl").read_text().splitlines())}
    assert "broken symbolic link" in errors["gone.txt"]["error"] and errors["gone.txt"]["skipped"] is True
    assert "not an article or table (.jpg" in errors["photo.jpg"]["error"]
    assert "binary" in errors["broken.txt"]["error"] and "skipped" not in errors["broken.txt"]  # read, failed
    assert "2 inputs skipped" in (tmp_path / "out" / "summary.md").read_text()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(corpus: Path, tmp_path: Path, monkeypatch):
    """A tqdm bar (documents, claims, docs/s, ETA) when stderr is a terminal; nothing when it is piped."""
    tty = _Terminal()
    monkeypatch.setattr(sys, "stderr", tty)
    res = run_events([corpus / "a.txt", corpus / "b.md"], tmp_path / "o1", progress=True)
    bar = tty.getvalue().replace("\r", "\n").splitlines()[-1]
    assert res.n_claims == 3 and "documents: 2/2" in bar and "3 claims" in bar, bar
    assert "doc/s" in bar and "ETA" in bar, bar
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    run_events([corpus / "a.txt"], tmp_path / "o2", progress=True)
    run_events([corpus / "a.txt"], tmp_path / "o3", progress=False)
    assert piped.getvalue() == ""
    assert re.fullmatch(r"2 documents, 3 claims, 0 skipped in \d+\.\d s \(0 failed, \d+ rows, .*", res.summary_line())


@pytest.mark.slow
def test_cli_ends_with_one_summary_line_when_piped(corpus: Path, tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "geomap", "events", str(corpus / "a.txt"), str(corpus / "broken.txt"),
                        "-o", str(tmp_path / "o")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "\r" not in r.stderr, r.stderr  # no bar when piped
    assert re.match(r"2 documents, 2 claims, 0 skipped in \d+\.\d s \(1 failed, ", lines[0]), lines[0]


def test_warm_up_readies_the_pipeline_and_counts_no_cache_hits(monkeypatch):
    """A worker's warm-up loads the gazetteer once, runs the whole pipeline on the bundled examples (the text,
    judging and geometry modules are then imported) and leaves the geometry cache empty, its counts at zero."""
    import sys

    from geomap.events import run
    from geomap.geo import cache

    monkeypatch.setattr(run, "_WARM", False)
    stats = run.warm_worker()
    assert stats["gazetteer_loads"] == 1 and stats["rss_mb"] > 0
    assert {"geomap.judging.band", "geomap.geo.bands", "geomap.text.claims"} <= set(sys.modules)
    assert cache.stats()["hits"] == cache.stats()["misses"] == cache.stats()["entries"] == 0


def test_workers_on_one_machine_share_geometry_answers(tmp_path: Path, monkeypatch):
    """A question one process computed is answered from the shared folder in another (here: this process with its
    own cache emptied), with the same answer; without a shared folder nothing is written."""
    from geomap.geo import cache
    from geomap.geo.borders import distance_to_border

    cache.set_enabled(True)
    monkeypatch.setattr(cache, "SHARE_MIN_SECONDS", 0.0)  # every answer is worth sharing here
    try:
        cache.share(tmp_path)
        first = cache.cached_call("distance_to_border", distance_to_border, "Sumy", "UA", "RU")
        assert len(list(tmp_path.glob("*.pkl"))) == 1
        cache.clear()  # as a second worker: nothing in memory
        before = cache.stats()["shared_hits"]
        again = cache.cached_call("distance_to_border", distance_to_border, "Sumy", "UA", "RU")
        st = cache.stats()
        assert st["shared_hits"] == before + 1 and st["misses"] == 1
        assert again.km == first.km and again.nearest == first.nearest and again.bearing_deg == first.bearing_deg
        cache.share(None)
        cache.clear()
        cache.cached_call("distance_to_border", distance_to_border, "Kharkiv", "UA", "RU")
        assert len(list(tmp_path.glob("*.pkl"))) == 1
    finally:
        cache.share(None)
        cache.set_enabled(None)


def test_answers_cheaper_than_the_threshold_are_not_shared(tmp_path: Path, monkeypatch):
    """An answer computed faster than SHARE_MIN_SECONDS is kept in memory only (writing and reading it would cost
    more than computing it again); the answer is the same either way."""
    from geomap.geo import cache
    from geomap.geo.borders import distance_to_border

    cache.set_enabled(True)
    monkeypatch.setattr(cache, "SHARE_MIN_SECONDS", 1e9)
    try:
        cache.share(tmp_path)
        got = cache.cached_call("distance_to_border", distance_to_border, "Sumy", "UA", "RU")
        assert list(tmp_path.glob("*.pkl")) == [] and cache.stats()["entries"] == 1
        assert got.km == distance_to_border("Sumy", "UA", "RU").km
    finally:
        cache.share(None)
        cache.set_enabled(None)


def test_pack_countries_and_regions_pickle_by_reference():
    """A geometry answer shared between workers carries the pack's countries and regions by code, not their
    polygons; one made by hand is pickled whole."""
    import pickle

    from geomap.geo import entities
    from geomap.geo.borders import distance_to_border

    d = distance_to_border("Sumy", "UA", "RU")
    blob = pickle.dumps(d)
    assert len(blob) < 5_000  # Russia's and Ukraine's polygons are ~600 KB
    assert pickle.loads(blob) == d and pickle.loads(blob).a is d.a
    r = entities.region("admin1:UA.21")
    assert pickle.loads(pickle.dumps(r)) is r
    own = entities.Region("admin1:ZZ.1", "Nowhere", "ZZ", shapely.box(0, 0, 1, 1))
    assert pickle.loads(pickle.dumps(own)) == own
