"""Corpus scale: many articles → one dated event table (GeoParquet + GeoJSON), a time-slider map and a summary.

The per-document work, :func:`process_document`, is a pure function of one document record: it analyses the
article (:func:`geomap.analyze`) and returns ACLED-style rows, or an error record — a failing document never stops
the run. :func:`run_events` maps it over the corpus either in-process (small inputs, ``workers=1``) or on Dask:
a ``distributed.LocalCluster`` with ``workers`` single-threaded worker processes, or an existing cluster given by
its scheduler address. Each worker process loads the gazetteer and the pack layers once
(``Gazetteer.default()`` and :mod:`geomap.pack.read` cache per process), never per document.

Rows (one per resolved place mention, and one per claim) carry: ``event_id`` (stable hash), ``source_id``, ``url``,
``event_date`` (article date, ISO) and ``date_precision`` ("day"/"month"/"year"/"none"), ``row_type``
("mention"/"claim"), ``location``, ``location_id``, ``admin1``, ``country``, ``lat``/``lon`` (degrees),
``geo_precision`` (1 exact place, 2 near a place / offset / zone around it, 3 region, 4 country), ``role``,
``claim_kind``, ``claim_key`` (same claim stated by several sources → same key), ``n_sources``, ``stated_km``,
``stated_high_km``, ``measured_km``, ``verdict``, ``qualifier``, ``sentence``, ``span_start``, ``span_end``, ``label``, geometry
(point for mentions; band/zone polygon or measured line for claims).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.errors import InputError

__all__ = ["iter_units", "iter_documents", "read_chunk", "process_document", "process_unit", "run_events",
           "EventsResult", "ROW_COLUMNS"]

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".parquet"}

ROW_COLUMNS = [
    "event_id", "source_id", "url", "event_date", "date_precision", "row_type", "location", "location_id",
    "admin1", "country", "lat", "lon", "geo_precision", "role", "claim_id", "claim_kind", "claim_key", "n_sources",
    "stated_km", "stated_high_km", "measured_km", "verdict", "qualifier", "reason", "sentence", "span_start",
    "span_end", "label",
]
_PRECISION = {"place": 1, "admin1": 3, "country": 4}


# ============================================================================================ inputs
def _doc_id(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root).as_posix() if root else path.name
    except ValueError:
        return path.as_posix()


def _line_ranges(path: Path, start: int, end: int, step: int, line0: int) -> Iterator[dict]:
    """JSONL chunks covering bytes [start, end) of ``path``, each about ``step`` bytes, cut at line ends.

    ``n`` counts the lines of a chunk (a last line without a newline included); ``line0`` is the first line's
    number, for ids of records that fail to parse.
    """
    with open(path, "rb") as f:
        while start < end:
            f.seek(min(start + step, end))
            f.readline()  # run on to the end of the current line
            stop = min(f.tell(), end)
            f.seek(start)
            data = f.read(stop - start)
            n = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
            yield {"table": str(path), "format": "jsonl", "start": start, "end": stop, "line0": line0, "n": n,
                   "id": f"{path.name}@{start}"}
            line0 += n
            start = stop


def _jsonl_chunks(path: Path, chunk_bytes: int) -> Iterator[dict]:
    """Split a JSONL file into line-aligned byte ranges of about ``chunk_bytes`` (the text is read by the worker
    that processes the chunk, not shipped from the client)."""
    return _line_ranges(path, 0, path.stat().st_size, chunk_bytes, 1)


def _parquet_chunks(path: Path) -> Iterator[dict]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    if "text" not in pf.schema_arrow.names:
        raise InputError(f"{path}: a Parquet input needs a 'text' column (and 'id', optionally 'date', 'url'); "
                         f"found {pf.schema_arrow.names}")
    row0 = 1
    for i in range(pf.num_row_groups):
        n = pf.metadata.row_group(i).num_rows
        yield {"table": str(path), "format": "parquet", "row_group": i, "line0": row0, "n": n,
               "id": f"{path.name}#{i}"}
        row0 += n


def read_chunk(chunk: dict) -> Iterator[dict]:
    """The document records of one table chunk (JSONL byte range or Parquet row group)."""
    path = Path(chunk["table"])
    if chunk["format"] == "jsonl":
        with open(path, "rb") as f:
            f.seek(chunk["start"])
            data = f.read(chunk["end"] - chunk["start"])
        for n, raw in enumerate(data.split(b"\n"), chunk["line0"]):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except ValueError as exc:
                yield {"id": f"{path.name}:{n}", "error": f"line {n} is not UTF-8 JSON ({exc})"}
                continue
            yield _table_record(rec, f"{path.name}:{n}")
    else:
        import pyarrow.parquet as pq

        cols = [c for c in ("id", "text", "date", "url") if c in pq.ParquetFile(path).schema_arrow.names]
        rows = pq.ParquetFile(path).read_row_group(chunk["row_group"], columns=cols).to_pylist()
        for n, rec in enumerate(rows, chunk["line0"]):
            yield _table_record(rec, f"{path.name}:{n}")


def _table_record(rec: Any, fallback_id: str) -> dict:
    if not isinstance(rec, dict):
        return {"id": fallback_id, "error": "record is not an object with id and text"}
    doc = {"id": str(rec.get("id") if rec.get("id") is not None else fallback_id), "text": rec.get("text")}
    for k in ("date", "url"):
        if rec.get(k) is not None:
            doc[k] = str(rec[k])
    return doc


def iter_units(inputs: Iterable[str | os.PathLike], chunk_bytes: int = 4 << 20) -> Iterator[dict]:
    """Work units: an article file ``{"id", "path"}``, or a table chunk (a JSONL byte range or a Parquet row group,
    ``{"table", "format", ..., "n"}``). Units are small: workers read the text themselves.
    An input that matches nothing raises InputError naming it.
    """
    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES | TABLE_SUFFIXES)
            root = p
        elif p.is_file():
            files, root = [p], None
        else:
            files = sorted(Path(f) for f in glob.glob(s, recursive=True) if Path(f).is_file())
            root = None
            if not files:
                raise InputError(f"input {s!r} matches no file or folder; give article files (.txt .md .html), "
                                 "folders, globs, or .jsonl/.parquet tables with id and text")
        for f in files:
            if f.suffix.lower() == ".jsonl":
                yield from _jsonl_chunks(f, chunk_bytes)
            elif f.suffix.lower() == ".parquet":
                yield from _parquet_chunks(f)
            else:
                yield {"id": _doc_id(f, root), "path": str(f)}


def iter_documents(inputs: Iterable[str | os.PathLike]) -> Iterator[dict]:
    """Document records from files, folders or globs of articles, and JSONL/Parquet tables (id, text[, date, url]).

    Articles are records ``{"id", "path"}`` (read when processed); table rows are ``{"id", "text"[, "date", "url"]}``.
    """
    for unit in iter_units(inputs):
        if "table" in unit:
            yield from read_chunk(unit)
        else:
            yield unit


# ============================================================================================ per document
def _date_precision(date: str | None) -> str:
    if not date:
        return "none"
    return {10: "day", 7: "month", 4: "year"}.get(len(date[:10].rstrip("-")), "day")


def claim_key(c: dict) -> str:
    """A stable key for 'the same claim' across sources: kind, entities, number and qualifier (16 hex chars)."""
    def ref(v: Any) -> str:
        return v["id"] if isinstance(v, dict) else ("" if v is None else str(v))

    st = c.get("stated_km")
    st = "-".join(f"{float(x):g}" for x in st) if isinstance(st, list) else f"{float(st):g}" if st is not None else ""
    parts = [c.get("kind"), ref(c.get("subject")), ref(c.get("target")), ",".join(sorted(c.get("countries") or [])),
             ref(c.get("inside")), ref(c.get("along")), ref(c.get("region")), st, c.get("qualifier") or "",
             c.get("direction") or "", c.get("modality") or ""]
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _event_id(*parts: Any) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def rows_from_analysis(an: Any, doc: dict) -> list[dict]:
    """ACLED-style rows for one analysed article (geometry in the ``geometry`` key as WKB bytes)."""
    import shapely

    from geomap.layers import _sentence_of
    from geomap.render.labels import claim_label

    sid = doc["id"]
    date = doc.get("date") or an.meta.get("date")
    base = {"source_id": sid, "url": doc.get("url"), "event_date": date, "date_precision": _date_precision(date)}
    rows: list[dict] = []
    for p in an.places:
        prec = _PRECISION.get(p["kind"], 4)
        geom = shapely.to_wkb(shapely.Point(p["lon"], p["lat"]))
        for s, e in p["mentions"]:
            sentence, _ = _sentence_of(an, s)
            rows.append({**base, "event_id": _event_id(sid, "m", s, e), "row_type": "mention", "location": p["name"],
                         "location_id": p["id"], "admin1": p.get("admin1"), "country": p.get("country"),
                         "lat": p["lat"], "lon": p["lon"], "geo_precision": prec, "role": p["role"],
                         "sentence": sentence, "span_start": s, "span_end": e, "geometry": geom})
    for c in an.claims:
        subj = c.get("subject") or c.get("region") or c.get("target") or {}
        ent = None
        if subj.get("id"):
            ent = next((p for p in an.places if p["id"] == subj["id"]), None)
        shape = c.geometry
        if shape is None and ent is not None:
            shape = shapely.Point(ent["lon"], ent["lat"])
        kind = c["kind"]
        if kind == "buffer_inside_along_border":
            prec = 3
        elif kind == "radius_around_place" or (kind == "distance_between_places" and c.get("direction")):
            prec = 2
        else:
            prec = _PRECISION.get((ent or {}).get("kind"), 4)
        st = c.get("stated_km")
        lo, hi = (st[0], st[1]) if isinstance(st, list) else (st, None)
        rp = shape.representative_point() if shape is not None and not shape.is_empty else None
        rows.append({**base, "event_id": _event_id(sid, "c", c["id"]), "row_type": "claim",
                     "location": subj.get("name") or (ent or {}).get("name"), "location_id": subj.get("id"),
                     "admin1": (ent or {}).get("admin1"), "country": (ent or {}).get("country")
                     or ((c.get("countries") or [None])[0]),
                     "lat": round(rp.y, 6) if rp is not None else None, "lon": round(rp.x, 6) if rp is not None else None,
                     "geo_precision": prec, "role": "claim", "claim_id": c["id"], "claim_kind": kind,
                     "claim_key": claim_key(c), "stated_km": lo, "stated_high_km": hi,
                     "measured_km": c.get("measured_km"), "verdict": c.get("verdict"), "qualifier": c.get("qualifier"),
                     "reason": c.get("reason"), "sentence": c.get("sentence"), "span_start": c["span"][0],
                     "span_end": c["span"][1], "label": claim_label(c),
                     "geometry": shapely.to_wkb(shape) if shape is not None else None})
    return rows


_GAZ: Any = None
GAZETTEER_LOADS = 0  # per process: how many times this worker loaded the gazetteer (should stay 1)


def _gazetteer() -> Any:
    """The worker's gazetteer, loaded once per process (not per document)."""
    global _GAZ, GAZETTEER_LOADS
    if _GAZ is None:
        from gazetteer import Gazetteer

        _GAZ = Gazetteer.default()
        GAZETTEER_LOADS += 1
    return _GAZ


def worker_stats() -> dict:
    """Gazetteer loads and peak RSS (MB) of the calling process; run on workers with ``client.run``."""
    return {"gazetteer_loads": GAZETTEER_LOADS, "rss_mb": _rss_mb()}


def process_document(doc: dict) -> dict:
    """Analyse one document record; return ``{"id", "rows": [...], "error": None | str, "seconds"}``.

    Pure and picklable: safe to run on any Dask worker. Failures are returned, not raised.
    """
    t = time.perf_counter()
    out: dict[str, Any] = {"id": doc.get("id"), "rows": [], "error": None}
    try:
        if doc.get("error"):
            raise InputError(doc["error"])
        from geomap.analysis import analyze
        from geomap.text.reader import article_from_text, read_article

        if doc.get("path"):
            article = read_article(doc["path"])
        else:
            if not isinstance(doc.get("text"), str):
                raise InputError("record has no text")
            article = article_from_text(doc["text"], source=str(doc["id"]))
        an = analyze(article, gaz=_gazetteer())
        out["rows"] = rows_from_analysis(an, doc)
    except Exception as exc:  # a document failure (bad input or a bug) is recorded, never fatal
        out["error"] = f"{type(exc).__name__}: {exc}"
    out["seconds"] = round(time.perf_counter() - t, 4)
    return out


def process_unit(unit: dict) -> list[dict]:
    """Process a work unit (an article file or a table chunk read here, on the worker); one result per document."""
    if "table" not in unit:
        return [process_document(unit)]
    try:
        return [process_document(d) for d in read_chunk(unit)]
    except Exception as exc:  # an unreadable chunk is recorded, not fatal
        return [{"id": unit["id"], "rows": [], "error": f"{type(exc).__name__}: {exc}", "seconds": 0.0}]


def _process_partition(units: list[dict]) -> list[dict]:
    return [r for u in units for r in process_unit(u)]


# ============================================================================================ running
@dataclass
class EventsResult:
    """What a run produced: paths written, counts and timings (seconds)."""

    out_dir: Path
    paths: dict[str, Path]
    n_docs: int
    n_rows: int
    n_errors: int
    seconds: float
    first_result_seconds: float | None
    engine: str
    worker_memory_mb: dict[str, float] = field(default_factory=dict)


def _n_docs(unit: dict) -> int:
    return int(unit.get("n", 1))


def _run_inprocess(units: list[dict], progress: bool) -> tuple[list[dict], float | None]:
    t0 = time.perf_counter()
    first = None
    results: list[dict] = []
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=sum(map(_n_docs, units)), desc="articles", unit="doc", disable=None)
    for u in units:
        if "table" in u:  # a chunk: process its documents one by one (first result as soon as one is done)
            for d in read_chunk(u):
                results.append(process_document(d))
                if first is None:
                    first = time.perf_counter() - t0
                if bar is not None:
                    bar.update(1)
        else:
            results.append(process_document(u))
            if first is None:
                first = time.perf_counter() - t0
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    return results, first


def _run_dask(units: list[dict], workers: int, scheduler: str | None, progress: bool
              ) -> tuple[list[dict], float | None, dict[str, float], str]:
    import dask.bag as db
    from dask.distributed import Client, LocalCluster, as_completed

    t0 = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
        engine = f"dask cluster {scheduler}"
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=40)
        client = Client(cluster)
        engine = f"dask LocalCluster ({workers} workers)"
    try:
        # table chunks are split finer so every worker gets several partitions (~50 documents each)
        units = [v for u in units for v in _split(u, 50)]
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        nparts = min(len(units), max(n_workers * 8, sum(map(_n_docs, units)) // 200 or 1))
        bag = db.from_sequence(units, npartitions=nparts)
        futures = client.compute(bag.map_partitions(_process_partition).to_delayed())
        results: list[dict] = []
        first = None
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=sum(map(_n_docs, units)), desc="articles", unit="doc", disable=None)
        pending = as_completed(futures)
        del futures  # hold no reference: a worker frees a partition's results once they are fetched
        for fut in pending:
            part = fut.result()
            fut.release()
            if first is None:
                first = time.perf_counter() - t0
            results.extend(part)
            if bar is not None:
                bar.update(len(part))
        if bar is not None:
            bar.close()
        mem = client.run(_rss_mb)
        return results, first, {str(k): v for k, v in mem.items()}, engine
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _split(unit: dict, docs: int) -> list[dict]:
    """Split a JSONL chunk into sub-chunks of about ``docs`` documents (by bytes, line-aligned)."""
    if unit.get("format") != "jsonl" or unit["n"] <= docs:
        return [unit]
    step = max(1, (unit["end"] - unit["start"]) * docs // unit["n"])
    return list(_line_ranges(Path(unit["table"]), unit["start"], unit["end"], step, unit["line0"]))


def _rss_mb() -> float:
    """Peak resident memory of this (worker) process, MB."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_events(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *, workers: int = 1,
               scheduler: str | None = None, progress: bool = False, write_map: bool = True,
               say: Callable[[str], None] = lambda s: None, force: bool = False) -> EventsResult:
    """Map a corpus into ``out_dir``: events.parquet, events.geojson, map.html, summary.md, errors.jsonl.

    ``workers=1`` and no ``scheduler`` run in-process; otherwise on Dask. Rows are identical (as a set) either way.
    Files are written to a temporary folder and published by the folder rules of :mod:`gazetteer.fsio` (no
    partial outputs; files geomap did not write are never touched; ``force`` writes beside them).
    """
    from geomap.io import EVENTS_OUTPUTS, check_output_dir, publish_dir

    if workers < 1:
        raise InputError(f"--workers must be ≥ 1, not {workers}")
    check_output_dir(out_dir, known=EVENTS_OUTPUTS, force=force)  # before any work: nothing is touched
    units = list(iter_units(inputs))
    if not units:
        raise InputError("no documents found in the inputs; give article files, folders, globs or .jsonl/.parquet")
    seen: Counter = Counter(u["id"] for u in units if "path" in u)
    for u in units:  # the same file name in two folders would make event ids collide
        if "path" in u and seen[u["id"]] > 1:
            u["id"] = u["path"]
    t0 = time.perf_counter()
    mem: dict[str, float] = {}
    if scheduler or workers > 1:
        say(f"running {sum(map(_n_docs, units))} documents on Dask")
        results, first, mem, engine = _run_dask(units, workers, scheduler, progress)
    else:
        results, first = _run_inprocess(units, progress)
        engine = "in-process"
        mem = {"in-process": _rss_mb()}
    seconds = time.perf_counter() - t0
    rows = [r for res in results for r in res["rows"]]
    errors = sorted(({"id": r["id"], "error": r["error"]} for r in results if r["error"]), key=lambda e: str(e["id"]))
    out = Path(out_dir)

    def build(tmp: Path) -> dict[str, Path]:
        paths = write_outputs(rows, errors, tmp, n_docs=len(results), write_map=write_map)
        return {k: out / p.name for k, p in paths.items()}

    final = publish_dir(out, build, known=EVENTS_OUTPUTS, force=force)
    return EventsResult(out, final, len(results), len(rows), len(errors), seconds, first, engine, mem)


# ============================================================================================ outputs
def events_frame(rows: list[dict]):
    """Rows → GeoDataFrame (EPSG:4326) in a deterministic order with n_sources per claim_key."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    df = pd.DataFrame(rows, columns=[*ROW_COLUMNS, "geometry"])
    if len(df):
        claims = df[df.row_type == "claim"]
        n = claims.groupby("claim_key").source_id.nunique()
        df["n_sources"] = df.claim_key.map(n).astype("Int64")
        df = df.sort_values(["source_id", "row_type", "span_start", "span_end", "event_id"], kind="mergesort")
    geoms = shapely.from_wkb(df.pop("geometry").to_numpy()) if len(df) else []
    gdf = gpd.GeoDataFrame(df.reset_index(drop=True), geometry=list(geoms), crs="EPSG:4326")
    for c in ("span_start", "span_end", "geo_precision"):
        gdf[c] = gdf[c].astype("Int64")
    for c in ("lat", "lon", "stated_km", "stated_high_km", "measured_km"):
        gdf[c] = pd.to_numeric(gdf[c], errors="coerce").astype("float64")
    return gdf


def write_outputs(rows: list[dict], errors: list[dict], out: Path, *, n_docs: int, write_map: bool = True
                  ) -> dict[str, Path]:
    """Write events.parquet, events.geojson, errors.jsonl, summary.md and (optionally) map.html into ``out``."""
    from geomap.export import write_geojson
    from geomap.io import atomic_path, atomic_write_bytes

    gdf = events_frame(rows)
    paths: dict[str, Path] = {}
    parquet = out / "events.parquet"
    with atomic_path(parquet) as tmp:
        gdf.to_parquet(tmp, index=False, compression="zstd")
    paths["parquet"] = parquet
    paths["geojson"] = write_geojson(gdf, out / "events.geojson")
    paths["errors"] = atomic_write_bytes(out / "errors.jsonl", "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in errors).encode("utf-8"))
    paths["summary"] = atomic_write_bytes(out / "summary.md", summary_markdown(gdf, errors, n_docs).encode("utf-8"))
    if write_map:
        from geomap.render.timeline import events_map

        m = events_map(gdf)
        html = m.get_root().render()  # offline: Leaflet, plugins and data inline
        paths["map"] = atomic_write_bytes(out / "map.html", html.encode("utf-8"))
    return paths


def summary_markdown(gdf: Any, errors: list[dict], n_docs: int) -> str:
    """Counts per country and per claim kind, inconsistent claims listed, document failures."""
    lines = ["# geomap events summary", "",
             f"{n_docs} documents, {len(gdf)} rows ({int((gdf.row_type == 'mention').sum()) if len(gdf) else 0} "
             f"place mentions, {int((gdf.row_type == 'claim').sum()) if len(gdf) else 0} claims), "
             f"{len(errors)} failed documents.", ""]
    if len(gdf):
        lines += ["## Rows per country", "", "| country | mentions | claims |", "|---|---:|---:|"]
        by = gdf.groupby([gdf.country.fillna("?"), "row_type"]).size().unstack(fill_value=0)
        by["total"] = by.sum(axis=1)
        for cc, r in by.sort_values("total", ascending=False).iterrows():
            lines.append(f"| {cc} | {int(r.get('mention', 0))} | {int(r.get('claim', 0))} |")
        claims = gdf[gdf.row_type == "claim"]
        lines += ["", "## Claims per kind", "", "| kind | claims | distinct (claim_key) | verdicts |",
                  "|---|---:|---:|---|"]
        for kind, grp in claims.groupby("claim_kind"):
            v = ", ".join(f"{k} {n}" for k, n in sorted(Counter(grp.verdict).items()))
            lines.append(f"| {kind} | {len(grp)} | {grp.claim_key.nunique()} | {v} |")
        bad = claims[claims.verdict == "inconsistent"]
        lines += ["", f"## Inconsistent claims ({len(bad)})", ""]
        if len(bad):
            lines += ["| source | claim | stated km | measured km | sources stating it | sentence |",
                      "|---|---|---:|---:|---:|---|"]
            for r in bad.itertuples():
                stated = f"{r.stated_km:g}" + (f"–{r.stated_high_km:g}" if r.stated_high_km == r.stated_high_km
                                               and r.stated_high_km is not None else "")
                sent = str(r.sentence).replace("|", "\\|").replace("\n", " ")[:200]
                lines.append(f"| {r.source_id} | {r.claim_kind} | {stated} | {r.measured_km:.1f} | {r.n_sources} | "
                             f"{sent} |")
        else:
            lines.append("None.")
    if errors:
        lines += ["", f"## Failed documents ({len(errors)})", "", "| id | error |", "|---|---|"]
        for e in errors[:200]:
            lines.append(f"| {e['id']} | {str(e['error']).replace('|', '/')[:200]} |")
        if len(errors) > 200:
            lines.append(f"| … | {len(errors) - 200} more in errors.jsonl |")
    return "\n".join(lines) + "\n"
