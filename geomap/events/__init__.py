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
``claim_kind``, ``claim_key`` (same claim stated by several sources → same key), ``question_key`` (same kind and
entities, any figure), ``n_sources``, ``stated_km``, ``stated_high_km``, ``measured_km``, ``verdict``, ``qualifier``,
``sentence``, ``span_start``, ``span_end``, ``label``, ``geometry_key``, geometry (point for mentions; band/zone
polygon or measured line for claims; events.parquet keeps a point per row and geometries.parquet each distinct
shape once, by ``geometry_key``).

Modules: :mod:`geomap.events.inputs` (corpus readers: files, folders, globs, JSONL/Parquet chunks),
:mod:`geomap.events.run` (the per-document function; in-process or Dask), :mod:`geomap.events.outputs` (the
event table, GeoJSON, map and summary written into the output folder).
"""

from __future__ import annotations

from geomap.events.inputs import iter_documents, iter_units, read_chunk
from geomap.events.outputs import ROW_COLUMNS, events_frame, write_outputs
from geomap.events.run import (
    EventsResult,
    process_document,
    process_unit,
    rows_from_analysis,
    run_events,
    worker_stats,
)
from geomap.report import claim_key

__all__ = ["iter_units", "iter_documents", "read_chunk", "process_document", "process_unit", "run_events",
           "EventsResult", "ROW_COLUMNS", "claim_key", "worker_stats", "rows_from_analysis", "events_frame",
           "write_outputs"]
