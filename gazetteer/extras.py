"""Entities of the name index beyond GeoNames cities500, admin-1 regions and countries.

Optional tables of the pack add rows after the cities500 places (their order in the index):

``continents.parquet``
    the seven GeoNames continents (kind ``continent``, id ``continent:EU``), their point (degrees, the GeoNames
    continent point), population, English name, alternate names and adjectives ("European").
``world_regions.parquet``
    regions of the project table ``data/world_regions.tsv`` (kind ``world_region``, id ``region:SAHEL``): the
    union of their member countries or admin-1 regions, its main landmass point.
``postal.parquet``
    settlements of the GeoNames postal-code dump (kind ``place``, id ``postal:UA:41000``): villages too small for
    cities500, with their Cyrillic and transliterated names. They have no population (0) and rank below
    cities500 namesakes unless the text's context points at them (see ``W_POSTAL`` in ``gazetteer.core``).

Without the files (a pack built by an older geomap) the index has no such rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gazetteer import schema
from gazetteer.normalize import normalize

__all__ = ["CONTINENT", "WORLD_REGION", "Extra", "read_extras"]

CONTINENT = 3  # entity kind codes after place (0), admin1 (1), country (2)
WORLD_REGION = 4


@dataclass(frozen=True)
class Extra:
    """One extra entity: id, kind code, display name, (form, flag name) pairs, point (degrees), population,
    country (ISO2, "" for a continent), admin-1 code or None, whether its names are offered for spotting."""

    id: str
    kind: int
    name: str
    forms: tuple[tuple[str, str], ...]  # flag names: "primary", "alt", "adj"
    lat: float
    lon: float
    population: int
    country: str
    admin1_code: str | None
    spotted: bool = True


def _macro(table: schema.Table, pack: Path, kind: int) -> list[Extra]:
    """Continents or world regions (no country, no admin-1)."""
    import pyarrow.parquet as pq

    out = []
    for r in pq.read_table(table.path(pack), columns=list(table.columns)).to_pylist():
        forms = [(r["name"], "primary"), *((a, "alt") for a in r["alt_names"] or ()),
                 *((a, "adj") for a in r.get("adjectives") or ())]
        out.append(Extra(r["id"], kind, r["name"], tuple(forms), r["lat"], r["lon"], int(r["population"] or 0),
                         "", None))
    return out


def _postal(pack: Path) -> list[Extra]:
    """Postal settlements (kind place, population 0)."""
    import pyarrow.parquet as pq

    t = pq.read_table(schema.POSTAL.path(pack), columns=list(schema.POSTAL.columns)).to_pydict()
    out = []
    for i, id_ in enumerate(t["id"]):
        forms = ((t["name"][i], "primary"), *((a, "alt") for a in t["alt_names"][i] or ()))
        out.append(Extra(id_, 0, t["name"][i], forms, t["lat"][i], t["lon"][i], 0, t["country"][i],
                         t["admin1_code"][i], bool(t["spotted"][i])))
    return out


def read_extras(pack: Path) -> list[Extra]:
    """Continents then postal settlements of the pack folder (either table may be absent)."""
    out: list[Extra] = []
    pack = Path(pack)
    for table, kind in ((schema.CONTINENTS, CONTINENT), (schema.WORLD_REGIONS, WORLD_REGION)):
        if table.path(pack).exists():
            out += _macro(table, pack, kind)
    if schema.POSTAL.path(pack).exists():
        out += _postal(pack)
    return out


def keys_of(x: Extra) -> list[tuple[str, str]]:
    """Normalised (key, flag name) pairs of an extra entity, one per distinct key (the strongest flag wins)."""
    seen: dict[str, str] = {}
    for form, flag in x.forms:
        k = normalize(form)
        if k and k not in seen:
            seen[k] = flag
    return list(seen.items())
