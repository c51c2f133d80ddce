"""The per-document function (:func:`process_document`: one record → ACLED-style rows or an error) and running it
over a corpus in-process or on Dask (:func:`run_events`)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.errors import InputError
from geomap.events.inputs import _line_ranges, iter_units, read_chunk
from geomap.events.outputs import write_outputs
from geomap.events.progress import Progress
from geomap.report import claim_keys

_PRECISION = {"place": 1, "admin1": 3, "country": 4}


# ============================================================================================ per document
def _date_precision(date: str | None) -> str:
    if not date:
        return "none"
    return {10: "day", 7: "month", 4: "year"}.get(len(date[:10].rstrip("-")), "day")


def _event_id(*parts: Any) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _claim_precision(kind: str, c: Any, ent: dict | None) -> int:
    """geo_precision of a claim row: 3 for a band, 2 for a zone or a directed distance, else its place's."""
    if kind == "buffer_inside_along_border":
        return 3
    if kind == "radius_around_place" or (kind == "distance_between_places" and c.get("direction")):
        return 2
    return _PRECISION.get((ent or {}).get("kind"), 4)


_WKB: dict[int, tuple[Any, bytes]] = {}  # id(shape) → (shape, its WKB): a cached band or zone is one object
_WKB_MAX = 4096


def _wkb(shape: Any) -> bytes:
    """WKB of a claim's shape, made once per shape object: the geometry cache hands every document asking the
    same question the same object, and the rows then share one bytes object (less to serialise, pickle and
    hold). The memo keeps the shape alive, so its id cannot be reused while it is in the memo."""
    import shapely

    if shape.geom_type not in ("Polygon", "MultiPolygon"):  # a line or point: small, and new per claim
        return shapely.to_wkb(shape)
    hit = _WKB.get(id(shape))
    if hit is not None and hit[0] is shape:
        return hit[1]
    if len(_WKB) >= _WKB_MAX:
        _WKB.clear()
    wkb = shapely.to_wkb(shape)
    _WKB[id(shape)] = (shape, wkb)
    return wkb


def _point_wkb(lon: float, lat: float) -> bytes:
    """Little-endian WKB of a 2-D point (what ``shapely.to_wkb`` writes on a little-endian machine), made without
    a shapely object."""
    return b"\x01\x01\x00\x00\x00" + struct.pack("<2d", lon, lat)


def rows_from_analysis(an: Any, doc: dict) -> list[dict]:
    """ACLED-style rows for one analysed article (geometry in the ``geometry`` key as WKB bytes)."""
    import shapely

    from geomap.layers import _sentence_of
    from geomap.render.labels import claim_label

    sid = doc["id"]
    date = doc.get("date") or an.meta.get("date")
    base = {"source_id": sid, "url": doc.get("url"), "event_date": date, "date_precision": _date_precision(date)}
    rows: list[dict] = []
    first_place: dict[str, dict] = {}
    for p in an.places:
        first_place.setdefault(p["id"], p)
        prec = _PRECISION.get(p["kind"], 4)
        geom = _point_wkb(p["lon"], p["lat"])
        for s, e in p["mentions"]:
            sentence, _ = _sentence_of(an, s)
            rows.append({**base, "event_id": _event_id(sid, "m", s, e), "row_type": "mention", "location": p["name"],
                         "location_id": p["id"], "admin1": p.get("admin1"), "country": p.get("country"),
                         "lat": p["lat"], "lon": p["lon"], "geo_precision": prec, "role": p["role"],
                         "sentence": sentence, "span_start": s, "span_end": e, "geometry": geom})
    for c in an.claims:
        subj = c.get("subject") or c.get("region") or c.get("target") or {}
        ent = first_place.get(subj["id"]) if subj.get("id") else None
        shape = c.geometry
        if shape is None and ent is not None:
            shape = shapely.Point(ent["lon"], ent["lat"])
        kind = c["kind"]
        st = c.get("stated_km")
        lo, hi = (st[0], st[1]) if isinstance(st, list) else (st, None)
        rp = shape.representative_point() if shape is not None and not shape.is_empty else None
        ckey, qkey = claim_keys(c)
        rows.append({**base, "event_id": _event_id(sid, "c", c["id"]), "row_type": "claim",
                     "location": subj.get("name") or (ent or {}).get("name"), "location_id": subj.get("id"),
                     "admin1": (ent or {}).get("admin1"), "country": (ent or {}).get("country")
                     or ((c.get("countries") or [None])[0]),
                     "lat": round(rp.y, 6) if rp is not None else None, "lon": round(rp.x, 6) if rp is not None else None,
                     "geo_precision": _claim_precision(kind, c, ent), "role": "claim", "claim_id": c["id"],
                     "claim_kind": kind, "claim_key": ckey, "question_key": qkey, "stated_km": lo,
                     "stated_high_km": hi, "measured_km": c.get("measured_km"), "verdict": c.get("verdict"),
                     "qualifier": c.get("qualifier"), "reason": c.get("reason"), "sentence": c.get("sentence"),
                     "span_start": c["span"][0], "span_end": c["span"][1], "label": claim_label(c),
                     "geometry": _wkb(shape) if shape is not None else None})
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
    n_skipped: int = 0  # inputs not run (listed in errors.jsonl with "skipped": true)
    startup_seconds: float = 0.0  # Dask only: LocalCluster start and loading gazetteer + pack on every worker
    n_claims: int = 0  # claim rows

    def summary_line(self) -> str:
        """The one line a run ends with: "N documents, M claims, K skipped in S s (…)"."""
        return (f"{self.n_docs:,} documents, {self.n_claims:,} claims, {self.n_skipped:,} skipped in "
                f"{self.seconds:.1f} s ({self.n_errors:,} failed, {self.n_rows:,} rows, "
                f"{self.n_docs / max(self.seconds, 1e-9):.1f} docs/s, {self.engine}); written to {self.out_dir}")


def _n_docs(unit: dict) -> int:
    return int(unit.get("n", 1))


def _run_inprocess(units: list[dict], progress: bool) -> tuple[list[dict], float | None]:
    t0 = time.perf_counter()
    first = None
    results: list[dict] = []
    bar = Progress(sum(map(_n_docs, units)), progress)
    for u in units:
        # a chunk: process its documents one by one (first result as soon as one is done)
        for d in (read_chunk(u) if "table" in u else [u]):
            results.append(process_document(d))
            if first is None:
                first = time.perf_counter() - t0
            bar.update(results[-1:])
    bar.close()
    return results, first


_WARM = False  # per process: whether warm_worker has run


def warm_worker(shared_cache: str | None = None) -> dict:
    """Ready this worker before the documents, once per process (run with ``client.run``, so every worker pays it
    at the same time, as start-up): load the gazetteer and the pack's countries, borders and admin-1 attributes,
    then analyse the bundled example articles, which imports the text, judging and geometry modules, compiles their
    patterns and builds the projections and indexes the first document would otherwise pay for on each worker (~2 s
    of CPU each). The geometry cache is emptied afterwards: what the examples asked is not counted as hits. With
    ``shared_cache`` (a folder private to this run, on this machine) the workers share computed geometry answers
    (:func:`geomap.geo.cache.share`)."""
    from geomap.analysis import analyze
    from geomap.geo import cache
    from geomap.pack import read

    global _WARM
    if not _WARM:
        gaz = _gazetteer()
        read.countries(), read.admin1_table(), read.borders()  # admin-1 polygons are read per region when asked
        for path in sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.md")):
            analyze(path, gaz=gaz)
        cache.clear()
        _WARM = True
    cache.share(shared_cache)
    return worker_stats()


TASKS_PER_WORKER = 8  # several small tasks per worker: a slow last task leaves the other worker idle less long


def _partitions(units: list[dict], n_workers: int) -> list[dict]:
    """Units re-cut so every worker gets several partitions: about total / (TASKS_PER_WORKER × workers) documents
    each (1–25)."""
    total = sum(map(_n_docs, units))
    per = max(1, min(25, total // (TASKS_PER_WORKER * n_workers)))
    return [v for u in units for v in _split(u, per)]


def local_cluster(workers: int) -> Any:
    """The LocalCluster geomap starts for ``--workers N``: N single-threaded worker processes, no dashboard, and
    no statistical profiler (it samples the working thread's stack every 10 ms — ~1.5 ms of CPU per conflict
    document, 5–10 % — for a dashboard nobody opens)."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):  # the nannies pass it to the workers
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=40)


def _run_dask(units: list[dict], workers: int, scheduler: str | None, progress: bool
              ) -> tuple[list[dict], float | None, dict[str, float], float, str]:
    from dask.distributed import Client

    t0 = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
        engine = f"dask cluster {scheduler}"
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
        engine = f"dask LocalCluster ({workers} workers)"
    try:
        with _shared_cache(client) as shared:
            return _run_on(client, units, workers, progress, shared, t0) + (engine,)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_on(client: Any, units: list[dict], workers: int, progress: bool, shared: str | None, t0: float
            ) -> tuple[list[dict], float | None, dict[str, float], float]:
    """Warm the client's workers up, run the units as Dask tasks; results, first-result and start-up seconds and
    peak RSS per worker."""
    import dask.bag as db
    from dask.distributed import as_completed

    client.run(warm_worker, shared)  # start-up, not document time: every worker loads gazetteer and pack at once
    startup = time.perf_counter() - t0
    n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    units = _partitions(units, n_workers)
    # about TASKS_PER_WORKER tasks per worker, at most ~25 documents each (many one-file units are grouped)
    nparts = min(len(units), max(TASKS_PER_WORKER * n_workers, -(-sum(map(_n_docs, units)) // 25)))
    bag = db.from_sequence(units, npartitions=nparts)
    futures = client.compute(bag.map_partitions(_process_partition).to_delayed())
    results: list[dict] = []
    first = None
    bar = Progress(sum(map(_n_docs, units)), progress)
    pending = as_completed(futures)
    del futures  # hold no reference: a worker frees a partition's results once they are fetched
    for fut in pending:
        part = fut.result()
        fut.release()
        if first is None:
            first = time.perf_counter() - t0
        results.extend(part)
        bar.update(part)
    bar.close()
    mem = client.run(_rss_mb)
    return results, first, {str(k): v for k, v in mem.items()}, startup


@contextlib.contextmanager
def _shared_cache(client: Any) -> Iterator[str | None]:
    """A folder the workers share geometry answers through (:func:`geomap.geo.cache.share`) when two or more workers
    run, all on this machine (a LocalCluster), else None (one worker has nobody to share with: writing its answers
    cost it ~8 % of its time); removed, and sharing stopped, afterwards."""
    import shutil
    import tempfile
    from urllib.parse import urlparse

    from geomap.geo import cache

    workers = client.scheduler_info().get("workers", {})
    hosts = {urlparse(a).hostname for a in workers}
    if len(workers) < 2 or not hosts <= {"127.0.0.1", "localhost", "::1"}:
        yield None
        return
    folder = tempfile.mkdtemp(prefix="geomap-geometry-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        yield folder
    finally:
        client.run(cache.share, None)
        shutil.rmtree(folder, ignore_errors=True)


def _split(unit: dict, docs: int) -> list[dict]:
    """Split a JSONL chunk into sub-chunks of about ``docs`` documents (by bytes, line-aligned)."""
    if unit.get("format") != "jsonl" or unit["n"] <= docs:
        return [unit]
    step = max(1, (unit["end"] - unit["start"]) * docs // unit["n"])
    return list(_line_ranges(Path(unit["table"]), unit["start"], unit["end"], step, unit["line0"]))


def _rss_mb() -> float:
    """Peak resident memory of this (worker) process, MB: VmHWM where Linux gives it (ru_maxrss of a process
    started by fork + exec also counts its parent's memory at the fork), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_events(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *, workers: int = 1,
               scheduler: str | None = None, progress: bool = False, write_map: bool = True,
               say: Callable[[str], None] = lambda s: None, force: bool = False) -> EventsResult:
    """Map a corpus into ``out_dir``: events.parquet, geometries.parquet, events.geojson, map.html, summary.md,
    errors.jsonl.

    ``workers=1`` and no ``scheduler`` run in-process; otherwise on Dask. Rows are identical (as a set) either way.
    Files are written to a temporary folder and published by the folder rules of :mod:`gazetteer.fsio` (no
    partial outputs; files geomap did not write are never touched; ``force`` writes beside them).
    """
    from geomap.io import EVENTS_OUTPUTS, check_output_dir, publish_dir

    if workers < 1:
        raise InputError(f"--workers must be ≥ 1, not {workers}")
    out_real = check_output_dir(out_dir, known=EVENTS_OUTPUTS, force=force)  # before any work: nothing touched
    units, skipped = _units(inputs, out_real, say)
    if not units:
        raise InputError("no documents found in the inputs; give article files, folders, globs or .jsonl/.parquet"
                         + (f" ({len(skipped)} inputs skipped: {skipped[0]['id']}: {skipped[0]['skipped']})"
                            if skipped else ""))
    seen: Counter = Counter(u["id"] for u in units if "path" in u)
    for u in units:  # the same file name in two folders would make event ids collide
        if "path" in u and seen[u["id"]] > 1:
            u["id"] = u["path"]
    t0 = time.perf_counter()
    mem: dict[str, float] = {}
    if scheduler or workers > 1:
        say(f"running {sum(map(_n_docs, units))} documents on Dask")
        results, first, mem, startup, engine = _run_dask(units, workers, scheduler, progress)
    else:
        startup = 0.0
        results, first = _run_inprocess(units, progress)
        engine = "in-process"
        mem = {"in-process": _rss_mb()}
    seconds = time.perf_counter() - t0
    rows = [r for res in results for r in res["rows"]]
    errors = sorted([{"id": r["id"], "error": r["error"]} for r in results if r["error"]]
                    + [{"id": u["id"], "error": f"skipped: {u['skipped']}", "skipped": True} for u in skipped],
                    key=lambda e: str(e["id"]))
    out = Path(out_dir)

    def build(tmp: Path) -> dict[str, Path]:
        paths = write_outputs(rows, errors, tmp, n_docs=len(results), write_map=write_map)
        return {k: out / p.name for k, p in paths.items()}

    final = publish_dir(out, build, known=EVENTS_OUTPUTS, force=force)
    return EventsResult(out, final, len(results), len(rows), len(errors) - len(skipped), seconds, first, engine, mem,
                        n_skipped=len(skipped), startup_seconds=startup,
                        n_claims=sum(r["row_type"] == "claim" for r in rows))


def _units(inputs: Iterable[str | os.PathLike], out_real: Path, say: Callable[[str], None]
           ) -> tuple[list[dict], list[dict]]:
    """The work units of the inputs, and the inputs skipped (broken links, not articles, geomap's own outputs:
    folders with an output manifest, and anything inside the -o folder itself)."""
    units, skipped = [], []
    for u in iter_units(inputs):
        if "skipped" not in u and "path" in u and Path(os.path.realpath(u["path"])).is_relative_to(out_real):
            u = {**u, "skipped": "geomap's own output (inside the -o folder)", "own_output": str(out_real)}
        (skipped if "skipped" in u else units).append(u)
    own = Counter(u["own_output"] for u in skipped if "own_output" in u)
    for folder, n in sorted(own.items()):
        say(f"skipping {n} files of geomap's own earlier output in {folder}")
    other = len(skipped) - sum(own.values())
    if other:
        say(f"skipping {other} inputs that are not articles or tables (listed in errors.jsonl)")
    return units, skipped
