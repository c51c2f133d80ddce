"""Build the folium map from analysis layers (layers.md contract) and save it atomically.

Rendering never parses text: it draws the layers it is given and words the claims from their claims.json-form dicts
(``meta["claims"]``, see :mod:`geomap.render.labels`). Places are circle markers (grey when no judged claim names
them), regions their polygons, borders lines, distance claims lines coloured by verdict, zones/bands polygons.

Offline by default: Leaflet and its plugins are inlined from the pack (``cdn=True`` links them from a CDN at the
pack's versions instead), the data is inline, and the default base layer is the offline basemap built from the pack
(land, coastlines, land borders, admin-1 outlines, current English region names, town names thinned by zoom). Online
tiles are optional entries in the layer control and are credited only while shown. The initial view fits the claims
with a verdict (consistent, inconsistent, drawn) and the places they name, clear of the claim panel and legend.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from geomap.render import style
from geomap.render.labels import (
    VERDICT_MARKS,
    as_written,
    claim_detail,
    claim_head,
    plain_title,
    stated_phrase,
)
from geomap.render.popups import popup_html, tooltip_html

BASEMAP_PANE = "geomapBasemap"
BASEMAP_Z = 150  # below Leaflet's tilePane (200)
LABEL_PANE = "geomapBasemapLabels"
CLAIM_LABEL_PANE = "geomapClaimLabels"
WORLD_VIEW = (-170.0, -55.0, 180.0, 75.0)
FOCUS_VERDICTS = frozenset({"consistent", "inconsistent", "drawn"})
# labels placed in the browser at most (claims first, then place names): placement is greedy, O(labels²)
MAX_CLAIM_LABELS, MAX_PLACE_LABELS = 300, 200
LAND_COLOUR = "#f4f1ea"
CONTEXT_STYLE = {"color": "#9fb6c6", "weight": 0.8, "fillColor": LAND_COLOUR, "fillOpacity": 1.0}
LAND_STYLE = {"stroke": False, "fillColor": LAND_COLOUR, "fillOpacity": 1.0}
COAST_STYLE = {"color": "#8fb0c6", "weight": 1.1, "opacity": 1.0}
BORDER_LINE_STYLE = {"color": "#7a6f6f", "weight": 1.5, "opacity": 0.9, "dashArray": "7 3 2 3"}
ADMIN1_LINE_STYLE = {"color": "#b3aba0", "weight": 0.8, "opacity": 0.9, "dashArray": "3 3"}
SEA_COLOUR = "#d5e4ee"
# optional online tiles: (layer name, folium tiles argument, attribution or None for folium's own, extra options)
ONLINE_TILES: tuple[tuple[str, str, str | None, dict], ...] = (
    ("OpenStreetMap (online)", "OpenStreetMap", None, {}),
    ("OpenTopoMap (online)", "OpenTopoMap", None, {}),
)

PAGE_CSS = f"""
.leaflet-container {{ background: {SEA_COLOUR}; }}
.geomap-popup {{ font: 13px/1.35 system-ui, sans-serif; max-width: 380px; }}
.geomap-head {{ font-weight: 600; font-size: 14px; margin-bottom: 4px; }}
.geomap-props th {{ text-align: left; padding-right: 8px; color: #555; font-weight: 500; vertical-align: top; }}
.geomap-sentence {{ margin: 6px 0; padding: 4px 8px; border-left: 3px solid #bbb; background: #fafafa;
  white-space: normal; }}
.geomap-sentence mark {{ background: #ffe066; padding: 0 1px; }}
.geomap-badge {{ color: #fff; border-radius: 3px; padding: 0 5px; font-size: 12px; }}
.geomap-claim, .geomap-src {{ color: #444; font-size: 12px; }}
.geomap-attr {{ color: #777; font-size: 11px; margin-top: 4px; }}
.geomap-control {{ background: rgba(255,255,255,0.94); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.35 system-ui, sans-serif; max-width: 320px; }}
.geomap-control .sw {{ display: inline-block; width: 14px; height: 10px; margin-right: 5px;
  vertical-align: middle; border-radius: 2px; }}
.geomap-control .ln {{ display: inline-block; width: 16px; height: 0; margin-right: 4px; vertical-align: middle;
  border-top: 3px solid; }}
.geomap-control .dot {{ display: inline-block; width: 9px; height: 9px; margin: 0 4px 0 2px; border-radius: 50%;
  vertical-align: middle; }}
.geomap-control .mk, .geomap-label .mk {{ font-weight: 700; }}
.geomap-panel {{ max-height: calc(100vh - 230px); overflow-y: auto; width: 300px; }}
.geomap-panel ol {{ margin: 4px 0 0 0; padding-left: 20px; }}
.geomap-panel li {{ margin-bottom: 5px; }}
.geomap-panel li[data-layer] {{ cursor: pointer; }}
.geomap-panel li[data-layer]:hover b {{ text-decoration: underline; }}
.geomap-panel .rs {{ color: #666; font-size: 11px; }}
.geomap-legend {{ font-size: 11px; }}
.geomap-filter {{ margin: 4px 0; }}
.geomap-filter label {{ margin-right: 6px; white-space: nowrap; }}
.leaflet-control-layers {{ font: 13px/1.4 system-ui, sans-serif; }}
.geomap-bl {{ white-space: nowrap; color: #6d6d6d; font: 11px system-ui, sans-serif;
  text-shadow: 0 0 2px {LAND_COLOUR}, 0 0 2px {LAND_COLOUR}, 0 0 3px {LAND_COLOUR}; }}
.geomap-bl-country span, .geomap-bl-admin1 span {{ position: absolute; transform: translate(-50%, -50%); }}
.geomap-bl-country {{ color: #5f5f5f; font-weight: 600; font-size: 12px; letter-spacing: .08em;
  text-transform: uppercase; }}
.geomap-bl-admin1 {{ color: #9b8f80; font-style: italic; }}
.geomap-bl-town {{ margin: -7px 0 0 -3px; line-height: 14px; color: #444; }}
.geomap-bl-town i {{ display: inline-block; width: 5px; height: 5px; border-radius: 50%; background: #777;
  margin-right: 3px; vertical-align: middle; }}
.geomap-label {{ position: absolute; white-space: nowrap; font: 11px/1.25 system-ui, sans-serif;
  background: rgba(255,255,255,0.93); padding: 2px 5px; border-radius: 3px; border-left: 4px solid #888;
  box-shadow: 0 1px 3px rgba(0,0,0,0.35); pointer-events: auto; cursor: pointer; }}
.geomap-label b {{ font-weight: 600; }}
.geomap-label.unasserted {{ border-left-style: dashed; }}
.geomap-label-place {{ background: none; box-shadow: none; border: 0; padding: 0; font-weight: 600; color: #222;
  cursor: default; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }}
.geomap-leaders {{ position: absolute; pointer-events: none; overflow: visible; }}
.geomap-leaders line {{ stroke-width: 1.2; }}
"""


def _bounds_of(gdfs: list[Any]) -> tuple[float, float, float, float] | None:
    w = s = math.inf
    e = n = -math.inf
    for g in gdfs:
        if g is None or len(g) == 0:
            continue
        g = g.to_crs(4326) if g.crs is not None and g.crs.to_epsg() != 4326 else g
        gw, gs, ge, gn = g.total_bounds
        if not all(math.isfinite(v) for v in (gw, gs, ge, gn)):
            continue
        w, s, e, n = min(w, gw), min(s, gs), max(e, ge), max(n, gn)
    return None if w == math.inf else (float(w), float(s), float(e), float(n))


def _ids(v: Any) -> list[str]:
    """Claim ids of a feature: its ``claim_ids`` list ("c1,c3") or its ``claim_id``."""
    if isinstance(v, str) and v:
        return [x for x in v.split(",") if x]
    return []


def _claim_ids(row: Mapping[str, Any]) -> list[str]:
    return _ids(row.get("claim_ids")) or _ids(row.get("claim_id"))


def focus_ids(claims: Sequence[Mapping[str, Any]]) -> set[str]:
    """Ids of the claims with a verdict worth fitting (consistent, inconsistent, drawn) and of the entities they
    name (subject, target, region)."""
    out: set[str] = set()
    for c in claims:
        if c.get("verdict") not in FOCUS_VERDICTS:
            continue
        out.add(str(c.get("id")))
        for k in ("subject", "target", "region"):
            ref = c.get(k)
            if isinstance(ref, Mapping) and ref.get("id"):
                out.add(str(ref["id"]))
    return out


def content_bounds(layers: Mapping[str, Any], claims: Sequence[Mapping[str, Any]] | None = None
                   ) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees of what the initial view fits.

    With ``claims``: the features of claims with a verdict (consistent, inconsistent, drawn) and the places and
    regions they name; places mentioned without such a claim and not_checkable claims do not widen it. Without
    claims (hand-made layers): claims' features with such a verdict, located places (not actors) and regions.
    Borders count only when nothing else is drawn (a border can be thousands of km long).
    """
    parts: list[Any] = []
    if claims:
        focus = focus_ids(claims)
        for key in ("distances", "zones"):
            g = layers.get(key)
            if g is not None and len(g):
                keep = [any(i in focus for i in _claim_ids(r)) for r in g.drop(columns=g.geometry.name)
                        .to_dict("records")]
                parts.append(g.loc[keep])
        for key in ("places", "regions"):
            g = layers.get(key)
            if g is not None and len(g) and "id" in g.columns:
                parts.append(g.loc[g["id"].astype(str).isin(focus)])
    else:
        for key in ("distances", "zones"):
            g = layers.get(key)
            if g is not None and len(g) and "verdict" in g.columns:
                parts.append(g.loc[g["verdict"].isin(FOCUS_VERDICTS) | g["verdict"].isna()])
        places = layers.get("places")
        if places is not None and len(places) and "role" in places.columns:
            located = places.loc[places["role"] != "actor"]
            parts.append(located if len(located) else places)
        parts.append(layers.get("regions"))
    return _bounds_of(parts) or _bounds_of([layers.get(k) for k in ("places", "regions", "distances", "zones")]) \
        or _bounds_of([layers.get("borders")])


def claim_from_props(key: str, props: Mapping[str, Any]) -> dict:
    """A claims.json-form dict read from a distances/zones feature (for layers made without claims)."""
    lo, hi = props.get("stated_km"), props.get("stated_high_km")
    stated = [lo, hi] if lo is not None and hi is not None else lo
    c: dict[str, Any] = {"id": props.get("claim_id"), "kind": props.get("kind"), "stated_km": stated,
                         "unit": props.get("unit") or "km", "qualifier": props.get("qualifier"),
                         "modality": props.get("modality"), "verdict": props.get("verdict"),
                         "reason": props.get("reason"), "measured_km": props.get("measured_km"),
                         "direction": props.get("direction")}
    if key == "distances":
        c["subject"] = {"id": None, "name": props.get("from_name")}
        to = props.get("to_name")
        if c["kind"] == "distance_to_border":
            c["countries"] = None
            c["subject"]["name"] = props.get("from_name")
            c["_border_name"] = to
        c["target"] = {"id": None, "name": to}
    else:
        c.update(inside=props.get("inside"), along=props.get("along"),
                 region={"id": None, "name": props["region"]} if props.get("region") else None,
                 subject={"id": None, "name": props.get("region") or props.get("label")})
    return c


def _records(gdf: Any) -> list[dict]:
    from geomap.export import _clean

    return [{k: _clean(v) for k, v in r.items()} for r in gdf.drop(columns=[gdf.geometry.name]).to_dict("records")]


class _Claims:
    """The claims of a map, with where each is drawn (layer key, feature index) and the region names to show."""

    def __init__(self, layers: Mapping[str, Any], claims: Sequence[Mapping[str, Any]] | None) -> None:
        self.where: dict[str, tuple[str, int]] = {}
        self.records = {k: _records(layers[k]) for k in ("distances", "zones") if layers.get(k) is not None
                        and len(layers[k])}
        for key, recs in self.records.items():
            for i, r in enumerate(recs):
                for cid in _claim_ids(r):
                    self.where.setdefault(cid, (key, i))
        if claims is None:
            claims = [dict(claim_from_props(k, r), id=r.get("claim_id") or f"{k[0]}{i + 1}")
                      for k, recs in self.records.items() for i, r in enumerate(recs)]
            for k, recs in self.records.items():
                for i, r in enumerate(recs):
                    self.where.setdefault(str(r.get("claim_id") or f"{k[0]}{i + 1}"), (k, i))
        self.claims = list(claims)
        self.by_id = {str(c.get("id")): c for c in self.claims}
        self._region_names: dict[str, str] | None = None
        self.surface: dict[str, list[str]] = {}

    def with_places(self, places: Sequence[Mapping[str, Any]] | None) -> _Claims:
        """Remember how the article wrote each place (claims.json ``places``: id, name, surface)."""
        for p in places or ():
            if p.get("id") and p.get("surface"):
                self.surface[str(p["id"])] = list(p["surface"])
        return self

    def place_name(self, ref: Any) -> str | None:
        """A place as written with its gazetteer name when they differ: "Kobani (‘Ayn al ‘Arab)"."""
        if not isinstance(ref, Mapping):
            return str(ref) if ref else None
        name = ref.get("name") or ref.get("id")
        return as_written(str(name), self.surface.get(str(ref.get("id")))) if name else None

    def region_name(self, ref: Any) -> str | None:
        """Current English name of a region reference ("Sumy Oblast"), else its own name."""
        if not isinstance(ref, Mapping):
            return str(ref) if ref else None
        if self._region_names is None:
            try:
                from geomap.pack import read

                a = read.admin1_table()
                self._region_names = dict(zip(a["id"], a["display_name"], strict=True))
            except Exception:  # noqa: BLE001 - names are cosmetic; hand-made layers may come without a pack
                self._region_names = {}
        return self._region_names.get(str(ref.get("id"))) or ref.get("name")

    def claim_of(self, key: str, i: int) -> Mapping[str, Any]:
        """The claim dict of feature ``i`` of layer ``key`` (its first claim id; else read from its properties)."""
        r = self.records[key][i]
        for cid in _claim_ids(r):
            if cid in self.by_id:
                return self.by_id[cid]
        return claim_from_props(key, r)

    def head(self, c: Mapping[str, Any]) -> str:
        """Label head naming the places ("Sumy → UA–RU border")."""
        head = claim_head(c, self.region_name, self.place_name)
        if c.get("_border_name") and c.get("kind") == "distance_to_border":
            head = head.replace("→ unnamed line", f"→ {c['_border_name']}")
        return head


def _layer_fc(key: str, gdf: Any, meta: Mapping[str, Any], cl: _Claims, focus: set[str] | None) -> str:
    """The layer's FeatureCollection as JSON text, its features with style, popup and tooltip (made one feature at
    a time, so a large layer never exists as a tree of dicts)."""
    from geomap.export import layer_lines

    recs = _records(gdf)
    if key in ("distances", "zones"):
        for i, r in enumerate(recs):
            c = cl.claim_of(key, i)
            r["label"] = f"{cl.head(c)}: {claim_detail(c)}"
            r["_stated"] = stated_phrase(c) + (f" {c['direction']}" if c.get("direction") else "")
    if key == "regions":  # current English names ("Sumy Oblast") in popups and tooltips
        for r in recs:
            r["name"] = cl.region_name({"id": r.get("id"), "name": r.get("name")}) or r.get("name")
    if key == "places" and focus is not None:
        for r in recs:
            r["_focus"] = str(r.get("id")) in focus
    extra: dict[str, list] = {
        **({"label": [r["label"] for r in recs]} if key in ("distances", "zones") else {}),
        "_style": [style.feature_style(key, r) for r in recs],
        "_popup": [popup_html(key, r, meta) for r in recs],
        "_tooltip": [tooltip_html(key, r) for r in recs],
    }
    if key in ("zones", "regions", "borders") and len(gdf):
        from geomap.render.basemap import display_geometry

        gdf = gdf.set_geometry(list(display_geometry(gdf.geometry.values)), crs=gdf.crs)
    return '{"type":"FeatureCollection","features":[' + ",".join(layer_lines(gdf, key, 5, extra)) + "]}"


def _anchor(key: str, geom: Any, view: tuple[float, float, float, float]) -> tuple[float, float]:
    """(lon, lat) where a feature's label points: a line's middle, a zone's point nearest the view's centre."""
    import shapely

    if geom.geom_type in ("LineString", "MultiLineString"):
        p = geom.interpolate(0.5, normalized=True)
        return float(p.x), float(p.y)
    if geom.geom_type == "Point":
        return float(geom.x), float(geom.y)
    from shapely.geometry import Point, box

    part = shapely.intersection(geom, box(*view))
    part = part if not part.is_empty else geom
    centre = Point((view[0] + view[2]) / 2, (view[1] + view[3]) / 2)
    if part.contains(centre):
        p = part.representative_point()
    else:
        p = shapely.ops.nearest_points(part.boundary, centre)[0]
    return float(p.x), float(p.y)


def label_items(layers: Mapping[str, Any], cl: _Claims, view: tuple[float, float, float, float]) -> list[dict]:
    """Label data for :class:`~geomap.render.elements.ClaimLabels`: one per drawn claim feature (claims with a
    verdict first, in panel order), one per not-drawn claim whose subject is a mapped place, then place names."""
    items: list[dict] = []
    drawn: set[str] = set()
    places = layers.get("places")
    place_at = {}
    if places is not None and len(places) and "id" in places.columns:
        place_at = {str(i): (float(g.x), float(g.y)) for i, g in zip(places["id"], places.geometry, strict=True)}

    def item(c: Mapping[str, Any], lon: float, lat: float, where: tuple[str, int] | None) -> dict:
        v = c.get("verdict") or ""
        colour = style.verdict_colour(v)
        html = (f'<span class="mk" style="color:{colour}">{VERDICT_MARKS.get(v, "•")}</span> '
                f"<b>{escape(cl.head(c))}</b><br>{escape(claim_detail(c))}")
        return {"id": str(c.get("id") or ""), "html": html, "lat": round(lat, 5), "lon": round(lon, 5),
                "group": where[0] if where else "places", "kind": "claim", "colour": colour,
                "layer": where[0] if where else None, "idx": where[1] if where else None,
                "cls": "unasserted" if style.is_unasserted(c) else None}

    # (claim, anchor, where) for every label wanted, ranked by verdict (stable), and only the first
    # MAX_CLAIM_LABELS worded: a 5 MB article's 30,000 claims are not all turned into label HTML to be dropped
    wanted: list[tuple[Mapping[str, Any], tuple[float, float], tuple[str, int] | None]] = []
    for key in ("distances", "zones"):
        g = layers.get(key)
        if g is None or not len(g):
            continue
        for i, geom in enumerate(g.geometry):
            drawn.update(_claim_ids(cl.records[key][i]))
            wanted.append((cl.claim_of(key, i), _anchor(key, geom, view), (key, i)))
    for c in cl.claims:
        subj = (c.get("target") if c.get("kind") == "radius_around_place" else None) or c.get("subject")
        sid = str(subj.get("id")) if isinstance(subj, Mapping) else None
        if str(c.get("id")) not in drawn and sid in place_at:
            wanted.append((c, place_at[sid], None))
    order = {"inconsistent": 0, "consistent": 1, "drawn": 2}
    wanted.sort(key=lambda w: order.get(w[0].get("verdict") or "", 3))
    items += [item(c, lon, lat, where) for c, (lon, lat), where in wanted[:MAX_CLAIM_LABELS]]
    if places is not None and len(places):
        for r, geom in list(zip(_records(places), places.geometry, strict=True))[:MAX_PLACE_LABELS]:
            if r.get("name"):
                name = as_written(str(r["name"]), cl.surface.get(str(r.get("id"))))
                items.append({"id": None, "html": escape(name), "lat": round(float(geom.y), 5),
                              "lon": round(float(geom.x), 5), "group": "places", "kind": "place",
                              "name": str(r["name"]),
                              "colour": "#444", "layer": None, "idx": None, "cls": None})
    return items


def _add_tiles(m: Any) -> None:
    """Online tile layers as optional base layers (not shown; credited by Leaflet only while shown)."""
    import folium

    for name, tiles, attr, kw in ONLINE_TILES:
        folium.TileLayer(tiles, name=name, attr=attr, show=False, overlay=False, control=True, **kw).add_to(m)


def add_basemap(m: Any, view: tuple[float, float, float, float], attribution: list[str],
                focus: Sequence[tuple[float, float]] = ()) -> Any:
    """Add the offline basemap to map ``m`` as its default base layer, and the online tiles as options.

    ``view`` (west, south, east, north) is the content's box; ``focus`` (lon, lat) points get town names down to
    villages at close zoom. Returns the basemap's FeatureGroup.
    """
    import folium
    from folium.map import CustomPane

    from geomap.render import basemap
    from geomap.render.elements import BasemapLabels, FeatureLayer

    CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z, pointer_events=False).add_to(m)
    CustomPane(LABEL_PANE, z_index=BASEMAP_Z + 10, pointer_events=False).add_to(m)
    bm = folium.FeatureGroup(name="Offline basemap (Natural Earth, GeoNames)", overlay=False, control=True, show=True)
    data_attr = map_attribution(attribution)
    FeatureLayer(basemap.context_land(view), style=CONTEXT_STYLE, pane=BASEMAP_PANE, interactive=False,
                 attribution=data_attr or None, name="BasemapContext").add_to(bm)
    det = basemap.detail(view)
    for part, st in (("land", LAND_STYLE), ("admin1", ADMIN1_LINE_STYLE), ("coast", COAST_STYLE),
                     ("borders", BORDER_LINE_STYLE)):
        FeatureLayer(det[part], style=st, pane=BASEMAP_PANE, interactive=False, name=f"Basemap_{part}").add_to(bm)
    rows: list[list] = [[n, lat, lon, kind, 0 if kind == "country" else 6] for n, lat, lon, kind in
                        basemap.labels(view)]
    rows += [[n, lat, lon, "town", z] for n, lat, lon, z in basemap.towns(view, focus)]
    BasemapLabels(rows, pane=LABEL_PANE).add_to(bm)
    bm.add_to(m)
    _add_tiles(m)
    return bm


def _pack_attribution(meta: dict) -> list[str]:
    if meta.get("attribution"):
        return list(meta["attribution"])
    try:
        from geomap.pack import read

        return read.attribution()
    except Exception:  # noqa: BLE001 - attribution text is best effort; the basemap needs the pack anyway
        return []


def _focus_points(layers: Mapping[str, Any], bounds: tuple[float, float, float, float] | None
                  ) -> list[tuple[float, float]]:
    """(lon, lat) points the town names concentrate on: mapped places and claim features' vertices (sampled)."""
    import shapely

    pts: list[tuple[float, float]] = []
    for key in ("places", "distances", "zones"):
        g = layers.get(key)
        if g is None or not len(g):
            continue
        for geom in g.geometry:
            xy = shapely.get_coordinates(geom)
            step = max(len(xy) // 40, 1)
            pts += [(float(x), float(y)) for x, y in xy[::step]]
    if bounds:
        w, s, e, n = bounds
        pts = [p for p in pts if w - 1 <= p[0] <= e + 1 and s - 1 <= p[1] <= n + 1]
    return pts[:2000]


def _view_box(bounds: tuple[float, float, float, float] | None) -> tuple[float, float, float, float]:
    if not bounds:
        return WORLD_VIEW
    w, s, e, n = bounds
    if e - w < 0.05 and n - s < 0.05:  # a single point: don't zoom to street level
        w, s, e, n = w - 0.25, s - 0.25, e + 0.25, n + 0.25
    return w, s, e, n


def render_map(layers: Mapping[str, Any], meta: Mapping[str, Any] | None = None, *,
               self_contained: bool | None = None, cdn: bool = False) -> Any:
    """Build a folium.Map from the analysis layers (dict of GeoDataFrames, EPSG:4326 lon/lat; keys per layers.md).

    ``meta``: {"source", "title", "date", "attribution": [...], "claims": [claims.json-form dicts]} (+ optional
    "text": the article, to place the <mark> highlight when layers lack ``sentence_start``). Without "claims" the
    labels and panel are read from the layers' properties. The page works offline from file://: Leaflet and every
    plugin are inlined from the pack, unless ``cdn=True`` (then linked from a CDN at the pack's versions).
    ``self_contained`` is accepted for compatibility: the map is self-contained unless ``cdn``.
    """
    import folium
    from folium.plugins import Fullscreen, MeasureControl

    from geomap.render.elements import ZOOM_TO_JS, ClaimLabels, FeatureLayer, FitView, HtmlControl, RawHeader
    from geomap.render.panel import claims_panel_html, legend_html

    meta = dict(meta or {})
    meta["attribution"] = _pack_attribution(meta)
    claims = meta.get("claims")
    cl = _Claims(layers, claims).with_places(meta.get("places"))
    focus = focus_ids(cl.claims) if claims is not None else None
    bounds = content_bounds(layers, claims)
    view = _view_box(bounds)
    m = folium.Map(location=[(view[1] + view[3]) / 2, (view[0] + view[2]) / 2], zoom_start=7 if bounds else 2,
                   tiles=None, control_scale=True)
    fig = m.get_root()
    fig.header.add_child(RawHeader(ZOOM_TO_JS), name="geomap_zoom_to")
    add_basemap(m, view, meta["attribution"], _focus_points(layers, bounds))

    groups: dict[str, str] = {}
    feature_vars: dict[str, str] = {}
    for key, title in style.LAYER_TITLES.items():
        gdf = layers.get(key)
        n = 0 if gdf is None else len(gdf)
        fg = folium.FeatureGroup(name=f"{title} ({n})", overlay=True, show=True)
        if n:
            fl = FeatureLayer(_layer_fc(key, gdf, meta, cl, focus), name=f"Layer_{key}")
            fl.add_to(fg)
            feature_vars[key] = fl.get_name()
        fg.add_to(m)
        groups[key] = fg.get_name()
    extra = sorted(k for k in layers if k not in style.LAYER_TITLES and layers[k] is not None and len(layers[k]))
    for i, key in enumerate(extra):
        fg = folium.FeatureGroup(name=escape(f"{key} ({len(layers[key])})"), overlay=True)
        FeatureLayer(_layer_fc(key, layers[key], meta, cl, None), name=f"Layer_extra{i}").add_to(fg)
        fg.add_to(m)

    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    Fullscreen(position="topleft").add_to(m)
    MeasureControl(position="topleft", primary_length_unit="kilometers", secondary_length_unit="miles",
                   primary_area_unit="sqkilometers", secondary_area_unit="hectares",
                   units={"sqkilometers": {"factor": 1e-6, "display": "km²", "decimals": 1}}).add_to(m)
    HtmlControl(legend_html(), position="bottomright", css_class="geomap-control geomap-legend", css=PAGE_CSS,
                name="Legend").add_to(m)
    HtmlControl(claims_panel_html(meta, cl.claims, cl.where, cl.head), position="topleft",
                css_class="geomap-control geomap-panel", name="ClaimPanel",
                feature_layers={k: v for k, v in feature_vars.items() if k in ("distances", "zones")}).add_to(m)
    FitView([[view[1], view[0]], [view[3], view[2]]]).add_to(m)
    ClaimLabels(label_items(layers, cl, view), groups=groups, features=feature_vars, pane=CLAIM_LABEL_PANE,
                basemap_pane=LABEL_PANE).add_to(m)

    title = plain_title(meta.get("title")) or str(meta.get("source") or "geomap")
    fig.header.add_child(RawHeader(f"<title>{escape(title)} — geomap</title>"), name="geomap_title")
    from geomap.render.assets import link_cdn, make_self_contained

    if cdn:
        link_cdn(m)
    else:
        make_self_contained(m)
    m._geomap_self_contained = not cdn  # noqa: SLF001 - read by save_map
    return m


def map_attribution(attribution: list[str]) -> str:
    """Short data credit for the map's attribution control (full strings are in every popup)."""
    low = " ".join(str(a).lower() for a in attribution)
    bits = []
    if "natural earth" in low:
        bits.append("Boundaries: Natural Earth")
    if "geonames" in low:
        bits.append("Places: GeoNames (CC BY 4.0)")
    return " · ".join(bits)


def save_map(m: Any, path: str | os.PathLike, *, self_contained: bool = False) -> Path:
    """Write the map's HTML page to ``path`` atomically (temp file + os.replace); return the path.

    A map that is not self-contained (``cdn=True``) is inlined first when ``self_contained`` is asked for. A
    self-contained page that still references an external script or stylesheet is refused.
    """
    from geomap.errors import InputError
    from geomap.io import atomic_open
    from geomap.render.assets import external_refs, make_self_contained
    from geomap.render.elements import page_chunks, render_page

    if self_contained and not getattr(m, "_geomap_self_contained", False):
        make_self_contained(m)
        m._geomap_self_contained = True  # noqa: SLF001
    page, slots = render_page(m.get_root())  # the data stays in its elements: the page is never one string
    if getattr(m, "_geomap_self_contained", False):
        ext = external_refs(page)  # the data is JSON with < escaped: no tag can hide in it
        if ext:
            raise InputError(f"the self-contained map still references {ext[0]} (and {len(ext) - 1} more); "
                             "remove that element or add the asset to the pack")
    with atomic_open(path, "wb") as f:
        for chunk in page_chunks(page, slots):
            f.write(chunk.encode("utf-8"))
    return Path(path)


def claims_of(an: Any) -> list[dict]:
    """The claims.json-form dicts of an Analysis (the stable edge format the map words its labels from)."""
    return list(an.to_dict()["claims"])
