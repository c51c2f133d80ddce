"""From article to checked geography: ``geomap.analyze(text_or_path) -> Analysis``.

Pipeline (data flows one way): article text → sentences, distance expressions and toponym mentions
(:mod:`geomap.text`) → mentions resolved jointly with the gazetteer (:mod:`geomap.resolution`, the same path as
``geomap geoparse``) → claims (:mod:`geomap.text.claims`) → measured with
:mod:`geomap.geo` and judged (:mod:`geomap.judge`) → layers (:mod:`geomap.layers`) → map / files.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError, InputError
from geomap.resolution import ResolvedMention, mentions_of, reading_text
from geomap.text.reader import Article, article_from_text, read_article

__all__ = ["analyze", "Analysis", "ResolvedMention"]


@dataclass
class _ClaimGeo:
    """Geometry computed while judging a claim (used by the layers)."""

    line: Any = None  # LineString (lon/lat) for distance claims
    polygon: Any = None  # band / zone
    area_km2: float | None = None
    border: tuple[str, str] | None = None
    extra: dict = field(default_factory=dict)


def _r3(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


def _ref(c) -> dict | None:
    return None if c is None else {"id": c.id, "name": c.name}


class Analysis:
    """The analysis of one article: places, claims (judged), layers, map and files.

    ``places`` and ``claims`` are lists of JSON-ready dicts (the claims.json contract); ``claims_frame()`` gives a
    pandas DataFrame; ``layers()`` the GeoDataFrames of :mod:`geomap.layers`; ``to_map()`` a folium map.
    """

    def __init__(self, article: Article, mentions: list[ResolvedMention], claims: list[dict],  # noqa: D107
                 geos: list[_ClaimGeo], attribution: list[str]) -> None:
        self.article = article
        self.text = article.text
        self.mentions = mentions
        self.claims = claims
        self._geos = geos
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
            if m.role == "location":
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
            r = dict(c)
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

    def to_dict(self) -> dict:
        """The claims.json document (see the README contract)."""
        return {"source": self.meta["source"], "title": self.meta["title"], "date": self.meta["date"],
                "places": self._public_places(), "claims": self.claims}

    def to_claims_json(self) -> str:
        """Deterministic claims.json text (sorted keys, floats rounded to 3 decimals, trailing newline)."""
        return json.dumps(_round_floats(self.to_dict()), ensure_ascii=False, sort_keys=True, indent=2) + "\n"

    def layers(self) -> dict:
        """GeoDataFrames (EPSG:4326) keyed places/regions/borders/distances/zones (see geomap.layers)."""
        if self._layers is None:
            from geomap.layers import build_layers

            self._layers = build_layers(self)
        return self._layers

    def to_map(self, *, self_contained: bool = False):
        """A folium.Map of the layers (displays inline in Jupyter)."""
        from geomap.render import render_map

        return render_map(self.layers(), self.meta, self_contained=self_contained)

    def report_md(self) -> str:
        """A readable Markdown report: places and claims with measured values and verdicts."""
        from geomap.layers import report_markdown

        return report_markdown(self)

    def export(self, out_dir: str | os.PathLike) -> dict[str, Path]:
        """Write layers (GeoJSON per layer + GPKG), claims.json and report.md into ``out_dir``."""
        from geomap.export import atomic_write_bytes, export_layers

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = dict(export_layers(self.layers(), self.meta, out) or {})
        paths["claims"] = atomic_write_bytes(out / "claims.json", self.to_claims_json().encode("utf-8"))
        paths["report"] = atomic_write_bytes(out / "report.md", self.report_md().encode("utf-8"))
        return paths

    def __repr__(self) -> str:  # noqa: D105
        kinds = Counter(c["kind"] for c in self.claims)
        return (f"Analysis({self.meta['title']!r}: {len(self.places)} places, {len(self.claims)} claims "
                f"{dict(sorted(kinds.items()))})")


def _round_floats(o: Any) -> Any:
    if isinstance(o, float):
        return round(o, 3)
    if isinstance(o, dict):
        return {k: _round_floats(v) for k, v in o.items()}
    if isinstance(o, list | tuple):
        return [_round_floats(v) for v in o]
    return o


# ============================================================================================== analyze
def analyze(text_or_path: str | os.PathLike | Article, *, gaz=None, source: str | None = None,
            progress=None) -> Analysis:
    """Analyse an article given as text, a path (str/Path of an existing file) or an :class:`Article`.

    ``progress`` is an optional callable(str) told about each stage.
    """
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
    # Markdown markup masked (offsets unchanged); records quote the article's own text
    plain = reading_text(article)
    say("finding places")
    sidx = SentenceIndex(text)
    rms = mentions_of(plain, gaz, anaphora=True, progress=say)
    say("reading claims")
    dists = find_distances(plain)
    raw_claims = extract_claims(plain, rms, sidx, dists)
    say(f"measuring {len(raw_claims)} claims")
    from geomap.pack import read

    try:
        attribution = read.attribution()
    except Exception:
        attribution = []
    claims, geos = _judge_all(text, article, raw_claims, rms, say, gaz)
    # anaphors are for claims only; places keep real toponyms
    real = [m for m in rms if not m.anaphor]
    return Analysis(article, real, claims, geos, attribution)


def _is_file(s: str) -> bool:
    try:
        return Path(s).is_file()
    except (OSError, ValueError):
        return False


# ============================================================================================== judging
def _doc_countries(rms: list[ResolvedMention]) -> Counter:
    cnt: Counter = Counter()
    for m in rms:
        if m.cand is not None and m.cand.country:
            cnt[m.cand.country] += 1
    return cnt


def _shares_border(a: str, b: str) -> bool:
    """Whether countries ``a`` and ``b`` (ISO2) share a land border (memoised per pair)."""
    key = (a, b) if a <= b else (b, a)
    hit = _SHARES.get(key)
    if hit is None:
        from geomap.geo import border_between

        try:
            border_between(a, b)
            hit = True
        except Exception:
            hit = False
        _SHARES[key] = hit
    return hit


_SHARES: dict[tuple[str, str], bool] = {}


def _neighbours_of(code: str) -> list[str]:
    """ISO2 codes of the countries sharing a land border with ``code`` (from the pack's borders layer)."""
    from geomap.pack import read

    b = read.borders()
    return sorted(set(b.loc[b["a"] == code, "b"]) | set(b.loc[b["b"] == code, "a"]))


def _neighbour(code: str, doc: Counter, exclude: set[str]) -> str | None:
    for cc, _n in doc.most_common():
        if cc != code and cc not in exclude and _shares_border(code, cc):
            return cc
    return None


class _Memo:
    """geomap.geo with memoised band/zone/distance calls: repeated claims in long texts are computed once."""

    def __init__(self, mod) -> None:
        self._mod = mod
        self._cache: dict = {}

    def __getattr__(self, name: str):
        fn = getattr(self._mod, name)
        if name not in ("band", "zone", "distance", "distance_to_border", "border_between"):
            return fn

        def call(*args, **kw):
            key = (name, tuple(getattr(a, "id", a) for a in args), tuple(sorted(kw.items())))
            if key not in self._cache:
                try:
                    self._cache[key] = (True, fn(*args, **kw))
                except GazetteerError as exc:
                    self._cache[key] = (False, exc)
            ok, val = self._cache[key]
            if not ok:
                raise val
            return val

        return call


def _doc_pair(doc: Counter) -> tuple[str, str] | None:
    """The two most-mentioned countries of the document that share a land border."""
    top = [c for c, _n in doc.most_common(6)]
    for i, a in enumerate(top):
        for b in top[i + 1:]:
            if _shares_border(a, b):
                return (a, b)
    return None


def _judge_all(text: str, article: Article, raw_claims: list, rms: list[ResolvedMention], say=None, gaz=None  # noqa: C901
               ) -> tuple[list[dict], list[_ClaimGeo]]:
    from geomap import geo as _geo
    from geomap.judge import judge_bearing, judge_distance

    geo = _Memo(_geo)
    doc = _doc_countries(rms)
    last_pair: tuple[str, str] | None = None
    out: list[dict] = []
    geos: list[_ClaimGeo] = []
    step = max(250, -(-len(raw_claims) // 10))  # progress about every 10 % on long articles
    alt_cache: dict = {}
    for n, c in enumerate(raw_claims, 1):
        if say is not None and n % step == 0:
            say(f"measured {n:,} of {len(raw_claims):,} claims")
        d = c.distance
        ss, se = c.sentence
        subj = rms[c.subject].cand if c.subject is not None else None
        rec: dict[str, Any] = {
            "id": f"c{n}", "kind": c.kind, "sentence": text[ss:se], "sentence_span": [ss, se],
            "span": [c.start, c.end], "stated_km": d.stated, "stated_text": d.text, "unit": d.unit,
            "qualifier": d.qualifier, "subject": _ref(subj), "countries": None, "inside": None, "along": None,
            "region": None, "direction": c.direction, "measured_km": None, "verdict": "not_checkable",
            "reason": "", "modality": c.modality,
        }
        if c.attributed_to is not None and rms[c.attributed_to].cand is not None:
            rec["attributed_to"] = _ref(rms[c.attributed_to].cand)
        g = _ClaimGeo()
        hi = d.high_km if d.is_range else None
        negated = c.modality == "negated"
        try:
            if c.kind == "distance_to_border":
                _judge_border(c, rec, g, subj, rms, doc, last_pair, judge_distance, d, hi, negated, geo)
                if g.border:
                    last_pair = g.border
            elif c.kind == "distance_between_places":
                tgt = rms[c.target].cand if c.target is not None else None
                rec["target"] = _ref(tgt)
                if subj is not None and tgt is not None and subj.id == tgt.id and c.bearing_deg is not None:
                    # "shelling El Fasher from positions 3 km north of the city": the subject is not the place
                    subj = None
                    rec["subject"] = None
                if subj is None and tgt is not None and c.bearing_deg is not None:
                    # "the convoy stopped 12 km north of Kharkiv": nothing to check, but the location is implied
                    from geomap.judge import tolerance

                    lo, hi_ = tolerance(d.qualifier, d.low_km, hi)
                    mid = (d.low_km + (hi if hi is not None else d.low_km)) / 2
                    unc = max(mid - lo, (hi_ - mid) if hi_ != float("inf") else mid, 1.0)
                    off = geo.offset(tgt, mid, c.bearing_deg, uncertainty_km=min(unc, mid))
                    g.polygon, g.area_km2 = off.uncertainty, off.uncertainty_area_km2
                    g.extra = {"zone_type": "uncertainty", "point": (off.lon, off.lat)}
                    rec["implied_point"] = [round(off.lon, 6), round(off.lat, 6)]
                    rec["uncertainty_km"] = _r3(min(unc, mid))
                    rec["reason"] = (f"the subject is not a named place; implied location drawn {mid:g} km "
                                     f"{c.direction} of {tgt.name} (± {min(unc, mid):.1f} km)")
                elif subj is None or tgt is None:
                    rec["reason"] = ("the subject of the distance is not a named place the gazetteer knows"
                                     if subj is None else "the reference place is not resolved")
                elif subj.kind != "place" or tgt.kind != "place":
                    r = subj if subj.kind != "place" else tgt
                    rec["reason"] = (f"{r.name} is a {'region' if r.kind == 'admin1' else r.kind}, not a point: "
                                     "a distance from it is not a single number")
                elif subj.id == tgt.id:
                    rec["reason"] = "subject and reference resolve to the same place"
                else:
                    dd = geo.distance(tgt, subj)  # from the reference place towards the subject
                    rec["measured_km"] = _r3(dd.km)
                    rec["measured_bearing_deg"] = _r3(dd.bearing_deg)
                    verdict, reason = judge_distance(dd.km, d.low_km, hi, d.qualifier, negated=negated)
                    if c.direction and c.bearing_deg is not None:
                        ok, why = judge_bearing(dd.bearing_deg, c.bearing_deg, c.direction)
                        reason += "; " + why
                        if not ok and verdict == "consistent":
                            verdict = "inconsistent"
                    rec["verdict"], rec["reason"] = verdict, reason
                    from shapely.geometry import LineString

                    g.line = LineString([(subj.lon, subj.lat), (tgt.lon, tgt.lat)])
            elif c.kind == "buffer_inside_along_border":
                _band(c, rec, g, rms, doc, last_pair, geo, d)
                if g.border:
                    last_pair = g.border
            elif c.kind == "radius_around_place":
                if subj is None:
                    rec["reason"] = "the centre of the zone is not a place the gazetteer knows"
                    if c.subject_text and c.subject_text != "anaphora":
                        rec["reason"] = (f"the centre of the zone, {c.subject_text}, is a facility the gazetteer "
                                         "does not locate (the place it is named after is elsewhere)")
                else:
                    z = geo.zone(subj, d.high_km)
                    g.polygon, g.area_km2 = z.geometry, z.area_km2
                    rec["verdict"] = "drawn"
                    rec["area_km2"] = _r3(z.area_km2)
                    rec["reason"] = f"geodesic circle of {d.high_km:g} km around {subj.name}"
            if rec["verdict"] == "inconsistent" and gaz is not None:
                _homonyms(c, rec, g, rms, gaz, geo, d, hi, negated, alt_cache)
            if rec["verdict"] == "inconsistent" and not negated and rec.get("measured_km") is not None:
                from geomap.judge import implausible

                if implausible(rec["measured_km"], d.high_km):
                    subj_c = rms[c.subject].cand if c.subject is not None else None
                    where = f" ({subj_c.admin1 or ''}, {subj_c.country})" if subj_c is not None else ""
                    rec["verdict"] = "not_checkable"
                    rec["reason"] += (f"; more than ten times the stated distance: "
                                      f"{(rec.get('subject') or {}).get('name', 'the place')}{where} is probably "
                                      "not the place meant")
                    g.line = None
        except GazetteerError as exc:  # GeometryError/InputError from geo: a reason, not a crash
            rec["verdict"] = "not_checkable"
            rec["reason"] = str(exc)
            g = _ClaimGeo()
        except (ValueError, ArithmeticError, RuntimeError) as exc:  # a geometry library failure on odd input
            if os.environ.get("GEOMAP_DEBUG"):
                raise
            rec["verdict"] = "not_checkable"
            rec["reason"] = f"the geometry could not be computed ({type(exc).__name__}: {exc})"
            g = _ClaimGeo()
        if c.modality not in ("asserted", "negated") or (c.modality == "negated" and rec["verdict"] == "drawn"):
            rec["reason"] = (rec["reason"] + f"; the claim is {c.modality}").lstrip("; ")
        out.append(rec)
        geos.append(g)
    return out, geos


def _homonyms(c, rec, g, rms, gaz, geo, d, hi, negated, cache: dict) -> None:  # noqa: PLR0913
    """An inconsistent claim whose subject is a small place (< 20,000 people) with namesakes and is off by far
    (more than 3x): if another place of that name fits, or none does (a village the gazetteer does not hold), the
    verdict becomes not_checkable with the reason. Otherwise the ambiguity is only noted."""
    from geomap.judge import judge_distance

    if c.subject is None or rec.get("subject") is None or rec.get("measured_km") is None:
        return
    m = rms[c.subject]
    subj = m.cand
    if subj is None or subj.kind != "place":
        return
    key = (m.surface, subj.id)
    if key not in cache:
        try:
            cache[key] = [a for a in gaz.resolve(m.surface, kinds={"place"}, limit=10) if a.id != subj.id]
        except GazetteerError:
            cache[key] = []
    alts = cache[key]
    if not alts:
        return
    n = len(alts) + 1
    stated = d.high_km if hi is not None else d.low_km
    measured = rec["measured_km"]
    pop = getattr(subj, "population", None) or 0
    if negated or pop >= 20_000 or not (measured > 3 * stated + 5 or measured < stated / 3 - 5):
        # off, but not by far: the claim may simply be wrong; a namesake does not excuse it
        rec["reason"] += f"; note: '{m.surface}' is ambiguous ({n} places of that name)"
        return
    fits = []
    for a in alts[:8]:
        try:
            if c.kind == "distance_to_border":
                pair = rec.get("countries") or []
                if a.country not in pair:
                    continue
                other = pair[1] if pair[0] == a.country else pair[0]
                km = geo.distance_to_border(a, a.country, other).km
            elif c.kind == "distance_between_places" and c.target is not None and rms[c.target].cand is not None:
                km = geo.distance(rms[c.target].cand, a).km
            else:
                return
        except GazetteerError:
            continue
        if judge_distance(km, d.low_km, hi, d.qualifier, negated=negated)[0] == "consistent":
            fits.append((a, km))
    if fits:
        a, km = fits[0]
        rec["verdict"] = "not_checkable"
        rec["reason"] += (f"; but '{m.surface}' is ambiguous ({n} places of that name): the one in "
                          f"{a.admin1 or a.country} ({km:.1f} km) fits — check which place is meant")
        g.line = None
    else:
        rec["verdict"] = "not_checkable"
        rec["reason"] += (f"; '{m.surface}' is ambiguous ({n} places of that name) and none is near the stated "
                          "distance: probably a place the gazetteer does not hold")
        g.line = None


def _judge_border(c, rec, g, subj, rms, doc, last_pair, judge_distance, d, hi, negated, geo) -> None:  # noqa: C901, PLR0913
    explicit = []
    for i in c.border_mentions:
        cc = rms[i].cand.country if rms[i].cand is not None else None
        if cc and cc not in explicit:
            explicit.append(cc)
    if c.border_word in ("front", "front line", "frontline", "line", "line of contact", "contact line"):
        rec["reason"] = "distance to the front line: no front-line geometry in the offline pack"
        return
    if c.border_word and re.sub(r"\s+", " ", c.border_word) == "line of control":
        rec["reason"] = "distance to the Line of Control: no geometry for it in the offline pack (not the border)"
        return
    if subj is None:
        rec["reason"] = "the place whose distance to the border is stated is not named"
        if c.subject_text and c.subject_text != "anaphora":
            rec["reason"] = (f"the subject, {c.subject_text}, is a facility the gazetteer does not locate (the "
                             "place it is named after is elsewhere)")
        if explicit:
            rec["countries"] = explicit
        return
    if subj.kind != "place":
        rec["reason"] = (f"{subj.name} is a {'region' if subj.kind == 'admin1' else subj.kind}, not a point: its "
                         "distance to the border is not a single number")
        return
    s = subj.country
    pair: tuple[str, str] | None = None
    if len(explicit) >= 2:
        pair = (explicit[0], explicit[1])
    elif len(explicit) == 1:
        x = explicit[0]
        if x != s:
            pair = (s, x)
        else:
            other = _neighbour(s, doc, {s})
            pair = (s, other) if other else None
    else:
        if last_pair and s in last_pair:
            pair = last_pair
        else:
            other = _neighbour(s, doc, {s})
            pair = (s, other) if other else None
    assumed = ""
    bd = None

    def nearest_border():
        best = None
        for nb in _neighbours_of(s):
            try:
                cand = geo.distance_to_border(subj, s, nb)
            except GazetteerError:
                continue
            if best is None or cand.km < best.km:
                best = cand
        return best

    if pair is None:
        # "the border" with no country named anywhere: the nearest land border of the subject's country
        best = nearest_border()
        if best is None:
            rec["reason"] = f"the article does not say which border of {subj.name} ({s}) is meant"
            return
        bd = best
        pair = (bd.a.code, bd.b.code) if bd.a.code == s else (bd.b.code, bd.a.code)
        which = "the other side is not named" if explicit else "no country named"
        assumed = f"; {which}: nearest land border ({pair[0]}–{pair[1]}) assumed"
    if bd is None:
        bd = geo.distance_to_border(subj, pair[0], pair[1])
        if not explicit:
            # "the border" read from the article's context: if that border is far and another is near, the
            # nearest land border is the one meant ("Goma is 2 km from the border" in an article naming Congo)
            best = nearest_border()
            if best is not None and bd.km > 3 * best.km + 20:
                far = f"{pair[0]}–{pair[1]}"
                bd = best
                pair = (bd.a.code, bd.b.code) if bd.a.code == s else (bd.b.code, bd.a.code)
                assumed = (f"; no country named: nearest land border ({pair[0]}–{pair[1]}) assumed (the {far} "
                           "border of the article's context is far)")
    rec["countries"] = list(pair)
    g.border = (bd.a.code, bd.b.code)
    rec["measured_km"] = _r3(bd.km)
    rec["nearest"] = [round(bd.nearest[0], 6), round(bd.nearest[1], 6)]
    verdict, reason = judge_distance(bd.km, d.low_km, hi, d.qualifier, negated=negated)
    if c.direction and c.bearing_deg is not None:
        # "90 km south of the border": the bearing from the nearest border point to the subject
        from geomap.judge import BORDER_BEARING_TOLERANCE_DEG, judge_bearing

        back = (bd.bearing_deg + 180.0) % 360.0
        ok, why = judge_bearing(back, c.bearing_deg, c.direction, BORDER_BEARING_TOLERANCE_DEG)
        reason += "; " + why
        if not ok and verdict == "consistent":
            verdict = "inconsistent"
    rec["verdict"], rec["reason"] = verdict, reason + assumed
    from shapely.geometry import LineString

    g.line = LineString([(subj.lon, subj.lat), bd.nearest])


@functools.lru_cache(maxsize=256)
def _only_border_of_region(country: str, region_id: str) -> str | None:
    """The ISO2 code of the one neighbour whose land border with ``country`` touches admin-1 ``region_id``."""
    from geomap.pack import read

    a = read.admin1()
    hit = a[a["id"] == region_id]
    if len(hit) != 1:
        return None
    poly = hit.geometry.iloc[0]
    b = read.borders()
    rows = b[(b["a"] == country) | (b["b"] == country)]
    touching = [r["b"] if r["a"] == country else r["a"] for _i, r in rows.iterrows() if r.geometry.intersects(poly)]
    return touching[0] if len(touching) == 1 else None


@functools.lru_cache(maxsize=1024)
def _admin1_named(country: str | None, name: str | None):
    """The admin-1 region ``name`` of ``country`` from the pack (an object with id, name, country, kind) or None."""
    if not country or not name:
        return None
    from types import SimpleNamespace

    from geomap.pack import read

    a = read.admin1()
    hit = a[(a["country"] == country) & (a["name"] == name)]
    if len(hit) != 1:
        return None
    r = hit.iloc[0]
    return SimpleNamespace(id=r["id"], name=r["name"], country=country, kind="admin1")


def _band(c, rec, g, rms, doc, last_pair, geo, d) -> None:  # noqa: C901
    inside_c = rms[c.inside].cand if c.inside is not None else None
    region_c = rms[c.region].cand if c.region is not None else None
    if region_c is not None and region_c.kind != "admin1":
        region_c = None
    if inside_c is not None and inside_c.kind == "admin1":
        region_c = region_c or inside_c
    inside = None
    if inside_c is not None:
        inside = inside_c.country
    elif region_c is not None:
        inside = region_c.country
    elif getattr(c, "inside_place", None) is not None and rms[c.inside_place].cand is not None:
        # "a buffer zone up to 1 km deep inside Gaza": the place's country, limited to its admin-1 region
        pc = rms[c.inside_place].cand
        inside = pc.country
        region_c = _admin1_named(pc.country, getattr(pc, "admin1", None))
    if region_c is not None and inside is not None and region_c.country != inside:
        region_c = None  # "Iraqi Kurdistan" read as Iran's Kordestan: a region of another country is no limit
    along: str | None = None
    for i in c.along:
        cc = rms[i].cand.country if rms[i].cand is not None else None
        if cc and cc != inside:
            along = cc
            break
    if c.both_sides and (inside is None or along is None) and last_pair:
        inside, along = (inside or last_pair[0]), (along or (last_pair[1] if last_pair[0] == (inside or
                                                                                              last_pair[0])
                                                             else last_pair[0]))
    if inside is None and along is None:
        pair = last_pair or _doc_pair(doc)
        if pair:
            inside, along = pair
    if inside is None and along is not None:
        inside = _neighbour(along, doc, {along})
    if inside is None and last_pair and (along is None or along in last_pair):
        # the pair of the claim before, but only if it is this band's border (not another conflict's)
        inside = last_pair[0] if last_pair[0] != along else last_pair[1]
    if inside is not None and along is None:
        if last_pair and inside in last_pair:
            along = last_pair[1] if last_pair[0] == inside else last_pair[0]
        else:
            along = _neighbour(inside, doc, {inside})
    if inside is not None and along is None and region_c is not None and region_c.country == inside:
        # "a 10-km-deep belt along the border in the Sumy region": the one foreign border that region touches
        along = _only_border_of_region(inside, region_c.id)
    rec["inside"], rec["along"] = inside, along
    if c.border_word == "front line":
        rec["reason"] = "a band along the front line: no front-line geometry in the offline pack"
        return
    rec["region"] = _ref(region_c)
    rec["both_sides"] = c.both_sides
    if c.zone_noun:
        rec["zone_noun"] = c.zone_noun
    if inside is None or along is None:
        rec["reason"] = "the article does not say which countries' border the band follows"
        return
    rec["countries"] = [inside, along]
    within = region_c.id if region_c is not None and region_c.country == inside else None
    km = d.high_km
    br = geo.border_between(inside, along)
    if not c.both_sides and km >= 0.8 * br.length_km:
        # "a 14 km strip along Gaza's border with Egypt" (a 12 km border): the figure is a length, not a depth
        rec["reason"] = (f"the stated {km:g} km is about the length of the {inside}–{along} border "
                         f"({br.length_km:,.0f} km): read as a length, not drawn as a depth")
        return
    b = geo.band(inside=inside, along=along, km=km, within=within, both_sides=c.both_sides)
    g.polygon, g.area_km2, g.border = b.geometry, b.area_km2, (b.border.a.code, b.border.b.code)
    rec["area_km2"] = _r3(b.area_km2)
    rec["verdict"] = "drawn"
    where = f" in the {region_c.name} region" if within else ""
    side = " on both sides" if c.both_sides else f" inside {inside}"
    rec["reason"] = f"band {km:g} km deep{side} of the {inside}–{along} border{where}: {b.area_km2:,.0f} km²"
