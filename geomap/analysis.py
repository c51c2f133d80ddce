"""From article to checked geography: ``geomap.analyze(text_or_path) -> Analysis``.

Pipeline (data flows one way): article text → sentences, distance expressions and toponym mentions
(:mod:`geomap.text`) → mentions resolved jointly with the gazetteer (:mod:`geomap.resolution`, the same path as
``geomap geoparse``) → claims (:mod:`geomap.text.claims`) → measured with
:mod:`geomap.geo` and judged (:mod:`geomap.judging`) → layers (:mod:`geomap.layers`) → map / files.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from geomap.errors import InputError
from geomap.records import JudgedClaim
from geomap.resolution import ResolvedMention, mentions_of, reading_text
from geomap.text.reader import Article, article_from_text, read_article

__all__ = ["analyze", "Analysis", "ResolvedMention"]


def _r3(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


class Analysis:
    """The analysis of one article: places, claims (judged), layers, map and files.

    ``claims`` are :class:`~geomap.records.JudgedClaim` records (typed; each also reads like its claims.json
    object, ``claim["verdict"]``); ``places`` JSON-ready dicts; ``claims_frame()`` gives a pandas DataFrame;
    ``layers()`` the GeoDataFrames of :mod:`geomap.layers`; ``to_map()`` a folium map.
    """

    def __init__(self, article: Article, mentions: list[ResolvedMention], claims: list[JudgedClaim],
                 attribution: list[str]) -> None:
        """The analysis of ``article`` from its resolved ``mentions`` and judged ``claims``."""
        self.article = article
        self.text = article.text
        self.mentions = mentions
        self.claims = claims
        self.meta = {"source": article.source, "title": article.title, "date": article.date,
                     "attribution": attribution}
        self.places = self._places()
        self._layers: dict | None = None

    # ------------------------------------------------------------------------------------------ places
    def _places(self) -> list[dict]:
        by_id: dict[str, dict] = {}
        for m in self.mentions:
            if m.cand is None:
                continue
            c = m.cand
            p = by_id.get(c.id)
            if p is None:
                p = {"id": c.id, "name": c.name, "kind": c.kind, "country": c.country, "admin1": c.admin1,
                     "lat": _r3(c.lat) if c.kind != "place" else round(float(c.lat), 6),
                     "lon": _r3(c.lon) if c.kind != "place" else round(float(c.lon), 6),
                     "role": "actor", "mentions": [], "surface": [], "_first": m}
                by_id[c.id] = p
            if m.role in ("location", "dateline"):  # a dateline names where the story was filed
                p["role"] = "location"
            p["mentions"].append([m.start, m.end])
            if m.surface not in p["surface"]:
                p["surface"].append(m.surface)
        out = []
        for p in by_id.values():
            p["mentions"].sort()
            p["n_mentions"] = len(p["mentions"])
            out.append(p)
        out.sort(key=lambda p: (p["mentions"][0][0], p["id"]))
        return out

    def _public_places(self) -> list[dict]:
        return [{k: v for k, v in p.items() if not k.startswith("_")} for p in self.places]

    # ------------------------------------------------------------------------------------------ outputs
    def claims_frame(self):
        """The claims as a pandas DataFrame (one row per claim; nested fields flattened to names)."""
        import pandas as pd

        rows = []
        for c in self.claims:
            r = c.to_json()
            for k in ("subject", "target", "region"):
                v = r.get(k)
                r[k] = v["name"] if isinstance(v, dict) else v
            r["countries"] = ",".join(r["countries"]) if r.get("countries") else None
            if isinstance(r.get("stated_km"), list):
                r["stated_km"] = f"{r['stated_km'][0]}–{r['stated_km'][1]}"
            rows.append(r)
        return pd.DataFrame(rows)

    def places_frame(self):
        """The places as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self._public_places())

    def provenance(self) -> dict:
        """``schema_version``, ``article_sha256``, ``geomap_version``, ``pack_checksum`` (see geomap.io.provenance)."""
        from geomap.io import provenance

        return provenance(self.article.sha256)

    def _head(self) -> dict:
        return {**self.provenance(), "source": self.meta["source"], "title": self.meta["title"],
                "date": self.meta["date"], "places": self._public_places()}

    def to_dict(self) -> dict:
        """The claims.json document (see the README contract)."""
        d = {**self._head(), "claims": [c.to_json() for c in self.claims]}
        if getattr(self, "pins", None):
            d["pins"] = self.pins
        return d

    def claims_json_chunks(self):
        """claims.json as text pieces, one claim at a time (what :meth:`to_claims_json` joins)."""
        from geomap.export import json_chunks

        head = self._head()
        if getattr(self, "pins", None):
            head["pins"] = self.pins
        return json_chunks(head, {"claims": (c.to_json() for c in self.claims)})

    def to_claims_json(self) -> str:
        """Deterministic claims.json text (sorted keys, floats rounded to 3 decimals, trailing newline)."""
        return "".join(self.claims_json_chunks())

    def layers(self) -> dict:
        """GeoDataFrames (EPSG:4326) keyed places/regions/borders/distances/zones (see geomap.layers)."""
        if self._layers is None:
            from geomap.layers import build_layers

            self._layers = build_layers(self)
        return self._layers

    def drop_claim_shapes(self) -> None:
        """Build the layers, then drop each claim's own ``line`` and ``polygon``: the files and the map read the
        shapes from the layers (each distinct one once, capped per layer), and the 10,000 bands of a 5 MB article
        need not stay alive beside them. For a caller that writes outputs and is done (``geomap map``)."""
        import dataclasses

        self.layers()
        for i, c in enumerate(self.claims):  # one at a time: the old record is freed as the new one is made
            if c.line is not None or c.polygon is not None:
                self.claims[i] = dataclasses.replace(c, line=None, polygon=None)

    def to_map(self, *, cdn: bool = False, self_contained: bool | None = None):
        """A folium.Map of the layers (displays inline in Jupyter); offline unless ``cdn`` (see
        :func:`geomap.render.render_map`; ``self_contained`` is accepted for compatibility)."""
        from geomap.render import render_map

        # the records themselves: each reads like its claims.json dict, and 100,000 claims are not copied as dicts
        return render_map(self.layers(), {**self.meta, "claims": self.claims, "places": self._public_places()},
                          cdn=cdn)

    def _repr_html_(self) -> str:
        """Notebook view: title, counts, every claim with its verdict and reason, and the inline offline map."""
        from geomap.render.notebook import analysis_html

        return analysis_html(self)

    def report_md(self) -> str:
        """A readable Markdown report: places and claims with measured values and verdicts."""
        from geomap.layers import report_markdown

        return report_markdown(self)

    def write_files(self, folder: str | os.PathLike) -> dict[str, Path]:
        """Write layers (GeoJSON per layer + GPKG), claims.json and report.md into the existing ``folder`` (no
        folder rules: for a folder being built, e.g. by :func:`geomap.io.publish_dir`)."""
        from geomap.export import export_layers
        from geomap.io import atomic_open

        out = Path(folder)
        paths = dict(export_layers(self.layers(), {**self.meta, "provenance": self.provenance()}, out) or {})
        for key, name, chunks in (("claims", "claims.json", self.claims_json_chunks()),
                                  ("report", "report.md", [self.report_md()])):
            with atomic_open(out / name, "w") as f:  # streamed: a 100 MB claims.json is never one string
                f.writelines(chunks)
            paths[key] = out / name
        return paths

    def export(self, out_dir: str | os.PathLike, *, force: bool = False) -> dict[str, Path]:
        """Write layers (GeoJSON per layer + GPKG), claims.json and report.md into ``out_dir``, published whole
        by the folder rules of :mod:`gazetteer.fsio` (never over files geomap did not write; ``force`` writes
        beside them). Returns {output key: final path}."""
        from geomap.io import MAP_OUTPUTS, publish_dir

        out = Path(out_dir)

        def build(tmp: Path) -> dict[str, Path]:
            return {k: out / p.relative_to(tmp) for k, p in self.write_files(tmp).items()}

        return publish_dir(out, build, known=MAP_OUTPUTS, force=force)

    def __repr__(self) -> str:  # noqa: D105
        kinds = Counter(c.kind for c in self.claims)
        return (f"Analysis({self.meta['title']!r}: {len(self.places)} places, {len(self.claims)} claims "
                f"{dict(sorted(kinds.items()))})")


# ============================================================================================== analyze
def analyze(text_or_path: str | os.PathLike | Article, *, gaz=None, source: str | None = None,
            progress=None, pins: dict[str, str] | None = None,
            lines: str | os.PathLike | None = None) -> Analysis:
    """Analyse an article given as text, a path (str/Path of an existing file) or an :class:`Article`.

    ``progress`` is an optional callable(str) told about each stage; ``pins`` maps names as written to gazetteer
    ids (an analyst's correction: ``{"Tawila": "geonames:…"}``), listed in claims.json; ``lines`` a
    GeoJSON/GPKG/shapefile of named lines (front lines, rivers) that "N km from the front line" claims are
    measured against.
    """
    user_lines = None
    if lines is not None:
        from geomap.geo.lines import read_lines

        user_lines = read_lines(os.fspath(lines))  # a bad file fails before any work
    say = progress or (lambda s: None)
    if isinstance(text_or_path, Article):
        article = text_or_path
    elif isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
            and text_or_path.strip() and _is_file(text_or_path)):
        article = read_article(text_or_path)
    elif isinstance(text_or_path, str):
        if re.fullmatch(r"\S+\.(?:txt|md|markdown|html?|xhtml)", text_or_path.strip(), re.IGNORECASE):
            article = read_article(text_or_path)  # looks like a file name: a missing file is an error
        else:
            article = article_from_text(text_or_path, source=source or "<text>")
    else:
        raise InputError(f"analyze() takes article text or a path, not {type(text_or_path).__name__}")
    if gaz is None:
        from gazetteer import Gazetteer

        gaz = Gazetteer.default()
    from geomap.text.claims import extract_claims
    from geomap.text.sentences import SentenceIndex
    from geomap.text.units import find_distances

    text = article.text
    # Markdown markup and page furniture masked (offsets unchanged); records quote the article's own text
    plain = reading_text(article)
    say("finding places")
    sidx = SentenceIndex(text)
    rms = mentions_of(article, gaz, anaphora=True, progress=say, pins=pins)
    say("reading claims")
    dists = find_distances(plain)
    raw_claims = extract_claims(plain, rms, sidx, dists)
    say(f"measuring {len(raw_claims)} claims")
    from geomap.pack import read

    try:
        attribution = read.attribution()
    except Exception:
        attribution = []
    from geomap.judging import judge_claims

    claims = judge_claims(text, raw_claims, rms, gaz, say, lines=user_lines)
    # anaphors are for claims only; places keep real toponyms
    real = [m for m in rms if not m.anaphor]
    an = Analysis(article, real, claims, attribution)
    an._sidx = sidx  # the sentence index of its text: the map layers and the corpus rows look sentences up again
    an.pins = [{"name": n, "id": i} for n, i in sorted((pins or {}).items())]
    return an


def _is_file(s: str) -> bool:
    try:
        return Path(s).is_file()
    except (OSError, ValueError):
        return False
