"""The pack tables the name index is built from (``<pack>/<table>.parquet``): the columns
:func:`gazetteer.index.build_index` reads and their types. Declared here, by the reader; the pack build
(``geomap.pack``) writes against them and checks every table it writes (:meth:`Table.problems`).

Types are Arrow type families: ``string`` (string or large_string), ``int`` (any integer), ``float`` (any
floating point), ``bool``, ``strings`` (a list of strings). The tables may hold more columns (geometry, capital, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Table", "COUNTRIES", "ADMIN1", "PLACES", "TABLES", "CONTINENTS", "WORLD_REGIONS", "POSTAL", "EXTRA_TABLES"]


@dataclass(frozen=True)
class Table:
    """One pack table: its file stem and the columns the index reads (name -> type family)."""

    name: str
    columns: dict[str, str]

    def path(self, pack: Path) -> Path:
        """The table's file in the pack folder ``pack``."""
        return Path(pack) / f"{self.name}.parquet"

    def problems(self, schema: Any) -> list[str]:
        """What a table with Arrow ``schema`` lacks for the index: missing columns and wrong types ([] if none)."""
        import pyarrow as pa

        ok = {"string": lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
              "int": pa.types.is_integer, "float": pa.types.is_floating, "bool": pa.types.is_boolean,
              "strings": lambda t: (pa.types.is_list(t) or pa.types.is_large_list(t))
              and (pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type))}
        out = []
        for col, family in self.columns.items():
            i = schema.get_field_index(col)
            if i < 0:
                out.append(f"{self.name}: no column {col!r}")
            elif not ok[family](schema.field(i).type):
                out.append(f"{self.name}: column {col!r} is {schema.field(i).type}, the index reads {family}")
        return out


COUNTRIES = Table("countries", {"code": "string", "iso2": "string", "iso3": "string", "name": "string",
                                "alt_names": "strings", "geonameid": "int", "population": "int", "lat": "float",
                                "lon": "float"})
ADMIN1 = Table("admin1", {"id": "string", "code": "string", "country": "string", "name": "string",
                          "alt_names": "strings", "geonameid": "int", "lat": "float", "lon": "float",
                          "type": "string", "area_km2": "float"})
PLACES = Table("places", {"geonameid": "int", "name": "string", "alt_names": "strings", "lat": "float",
                          "lon": "float", "country": "string", "admin1_code": "string", "population": "int"})
TABLES = (COUNTRIES, ADMIN1, PLACES)

# optional tables (``gazetteer.extras``): entities after the cities500 places; a pack without them has no such rows
CONTINENTS = Table("continents", {"id": "string", "name": "string", "alt_names": "strings", "adjectives": "strings",
                                  "lat": "float", "lon": "float", "population": "int"})
WORLD_REGIONS = Table("world_regions", {"id": "string", "name": "string", "alt_names": "strings", "lat": "float",
                                        "lon": "float", "population": "int"})
POSTAL = Table("postal", {"id": "string", "name": "string", "alt_names": "strings", "lat": "float", "lon": "float",
                          "country": "string", "admin1_code": "string", "spotted": "bool"})
EXTRA_TABLES = (CONTINENTS, WORLD_REGIONS, POSTAL)
