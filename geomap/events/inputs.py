"""Corpus readers: article files, folders and globs, and JSONL/Parquet tables split into small work units that a
worker reads itself (line-aligned byte ranges, row groups)."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from geomap.errors import InputError

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".parquet"}


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


def _skip(f: Path, root: Path | None, reason: str) -> dict:
    """A work unit that is not run: an input skipped, and why (listed in errors.jsonl)."""
    return {"id": _doc_id(f, root), "path": str(f), "skipped": reason}


def _own_output(d: Path) -> bool:
    """A folder geomap wrote (it carries the output manifest): its files are outputs, not articles."""
    from geomap.io import MANIFEST

    return (d / MANIFEST).is_file()


def _folder_units(p: Path) -> Iterator[tuple[Path, dict | None]]:
    """(file, None) for every file of folder ``p`` to read; (file, skip unit) for every entry skipped."""
    for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
        d = Path(dirpath)
        if _own_output(d):
            dirnames[:] = []
            for f in sorted(d.rglob("*")):
                if not f.is_dir():
                    yield f, {**_skip(f, p, "geomap's own output"), "own_output": str(d)}
            continue
        dirnames.sort()
        for name in sorted(filenames) + [n for n in dirnames if (d / n).is_symlink()]:
            f = d / name
            if f.is_symlink() and not f.exists():
                yield f, _skip(f, p, f"broken symbolic link (to {os.readlink(f)!r})")
            elif f.is_dir():
                continue
            elif not f.is_file():
                yield f, _skip(f, p, "not a regular file")
            elif f.suffix.lower() not in ARTICLE_SUFFIXES | TABLE_SUFFIXES:
                yield f, _skip(f, p, f"not an article or table ({f.suffix or 'no extension'}; read are "
                                     ".txt .md .html .jsonl .parquet)")
            else:
                yield f, None


def _matches(s: str) -> list[tuple[Path, dict | None]]:
    """What one input names: a folder's files, a file, or a glob's files (dangling links among them skipped)."""
    p = Path(s)
    if p.is_dir():
        return list(_folder_units(p))
    if p.is_file():
        return [(p, None)]
    found = [Path(f) for f in sorted(glob.glob(s, recursive=True))]
    out = [(f, None if f.is_file() else _skip(f, None, "broken symbolic link" if f.is_symlink() and not f.exists()
                                               else "not a regular file")) for f in found if not f.is_dir()]
    if not out:
        raise InputError(f"input {s!r} matches no file or folder; give article files (.txt .md .html), "
                         "folders, globs, or .jsonl/.parquet tables with id and text")
    return out


def iter_units(inputs: Iterable[str | os.PathLike], chunk_bytes: int = 4 << 20) -> Iterator[dict]:
    """Work units: an article file ``{"id", "path"}``, or a table chunk (a JSONL byte range or a Parquet row group,
    ``{"table", "format", ..., "n"}``). Units are small: workers read the text themselves.

    An input skipped is a unit ``{"id", "path", "skipped": reason}`` (a broken link, not an article or table, or a
    file in a folder of geomap's own output, which also carries ``own_output``: that folder). An input that
    matches nothing raises InputError naming it.
    """
    for item in inputs:
        s = str(item)
        root = Path(s) if Path(s).is_dir() else None
        for f, skipped in _matches(s):
            if skipped is not None:
                yield skipped
            elif f.suffix.lower() == ".jsonl":
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
        elif "skipped" not in unit:
            yield unit
