"""Notebook views (``_repr_html_``) of an Analysis and of the geo results: a summary table and an inline offline map.

The geo classes (:class:`~geomap.geo.Band`, :class:`~geomap.geo.BorderDistance`, :class:`~geomap.geo.Zone`,
:class:`~geomap.geo.Offset`) call :func:`result_html` from their ``_repr_html_`` with a lazy import, so
``geomap.geo`` never imports the renderer at module level. Each result becomes hand-made layers of the layer
contract plus a claims.json-form dict (verdict "drawn": a result is drawn, not judged), rendered like any map.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["analysis_html", "result_html", "result_layers"]

MAP_HEIGHT_PX = 480


def _table(rows: list[tuple[str, Any]], caption: str) -> str:
    body = "".join(f"<tr><th style='text-align:left;padding-right:12px'>{escape(str(k))}</th>"
                   f"<td style='text-align:left'>{escape(str(v))}</td></tr>" for k, v in rows if v is not None)
    return f"<table><caption style='text-align:left;font-weight:600'>{escape(caption)}</caption>{body}</table>"


def _iframe(m: Any) -> str:
    """The map page in an iframe (``srcdoc``, escaped): scripts inside run offline, isolated from the notebook."""
    html = m.get_root().render()
    return (f'<iframe srcdoc="{escape(html, quote=True)}" style="width:100%;height:{MAP_HEIGHT_PX}px;border:0" '
            'sandbox="allow-scripts allow-popups"></iframe>')


def _gdf(rows: list[dict], geoms: list[Any]) -> Any:
    import geopandas as gpd

    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


def _place(loc: Any) -> dict:
    return {"id": loc.id or "point", "name": loc.name or f"{loc.lat:.4f}, {loc.lon:.4f}", "kind": "place",
            "country": loc.country, "role": "location"}


def _border_distance(r: Any) -> tuple[dict, list[dict], list[tuple[str, Any]]]:
    from shapely.geometry import LineString, Point

    from geomap.geo import border_between

    claim = {"id": "r1", "kind": "distance_to_border", "subject": {"id": r.origin.id, "name": r.origin.name},
             "countries": [r.a.code, r.b.code], "measured_km": r.km, "verdict": "drawn"}
    line = LineString([(r.origin.lon, r.origin.lat), r.nearest])
    layers = {"places": _gdf([_place(r.origin)], [Point(r.origin.lon, r.origin.lat)]),
              "borders": _gdf([{"a": r.a.code, "b": r.b.code, "name": f"{r.a.name}–{r.b.name} border"}],
                              [border_between(r.a, r.b).geometry]),
              "distances": _gdf([{"kind": "distance_to_border", "measured_km": r.km, "verdict": "drawn",
                                  "from_name": r.origin.name, "claim_id": "r1"}], [line])}
    rows = [("from", r.origin.name), ("border", f"{r.a.name}–{r.b.name}"), ("distance", f"{r.km:.2f} km (geodesic)"),
            ("nearest border point (lon, lat)", f"{r.nearest[0]:.5f}, {r.nearest[1]:.5f}"),
            ("bearing", f"{r.bearing_deg:.0f}°")]
    return layers, [claim], rows


def _band(r: Any) -> tuple[dict, list[dict], list[tuple[str, Any]]]:
    region = {"id": r.within.id, "name": r.within.name} if r.within else None
    claim = {"id": "r1", "kind": "buffer_inside_along_border", "stated_km": r.km, "unit": "km", "qualifier": "exact",
             "inside": r.inside.code, "along": r.along.code, "region": region, "both_sides": r.both_sides,
             "countries": [r.inside.code, r.along.code], "verdict": "drawn"}
    layers = {"borders": _gdf([{"a": r.inside.code, "b": r.along.code,
                                "name": f"{r.inside.name}–{r.along.name} border"}], [r.border.geometry]),
              "zones": _gdf([{"kind": "buffer_inside_along_border", "zone_type": "band", "stated_km": r.km,
                              "area_km2": r.area_km2, "inside": r.inside.code, "along": r.along.code,
                              "region": r.within.name if r.within else None, "verdict": "drawn",
                              "claim_id": "r1"}], [r.geometry])}
    rows = [("inside", r.inside.name), ("along", r.along.name), ("depth", f"{r.km:g} km"),
            ("within", r.within.name if r.within else None), ("both sides", r.both_sides or None),
            ("area", f"{r.area_km2:,.0f} km²")]
    return layers, [claim], rows


def _zone(r: Any) -> tuple[dict, list[dict], list[tuple[str, Any]]]:
    from shapely.geometry import Point

    claim = {"id": "r1", "kind": "radius_around_place", "stated_km": r.km, "unit": "km", "qualifier": "exact",
             "subject": {"id": r.center.id, "name": r.center.name}, "verdict": "drawn"}
    layers = {"places": _gdf([_place(r.center)], [Point(r.center.lon, r.center.lat)]),
              "zones": _gdf([{"kind": "radius_around_place", "zone_type": "zone", "stated_km": r.km,
                              "area_km2": r.area_km2, "verdict": "drawn", "claim_id": "r1"}], [r.geometry])}
    rows = [("centre", r.center.name), ("radius", f"{r.km:g} km"), ("area", f"{r.area_km2:,.0f} km²")]
    return layers, [claim], rows


def _offset(r: Any) -> tuple[dict, list[dict], list[tuple[str, Any]]]:
    from shapely.geometry import LineString, Point

    label = f"{r.km:g} km at {r.bearing_deg:.0f}° from {r.origin.name}"
    claim = {"id": "r1", "kind": "distance_between_places", "subject": {"id": "offset", "name": "offset point"},
             "target": {"id": r.origin.id, "name": r.origin.name}, "measured_km": r.km, "verdict": "drawn"}
    layers = {"places": _gdf([_place(r.origin), {"id": "offset", "name": label, "kind": "place", "role": "location"}],
                             [Point(r.origin.lon, r.origin.lat), r.point]),
              "distances": _gdf([{"kind": "distance_between_places", "measured_km": r.km, "verdict": "drawn",
                                  "claim_id": "r1"}], [LineString([(r.origin.lon, r.origin.lat), (r.lon, r.lat)])])}
    claims = [claim]
    if r.uncertainty is not None:
        layers["zones"] = _gdf([{"kind": "offset", "zone_type": "uncertainty", "stated_km": r.uncertainty_km,
                                 "area_km2": r.uncertainty_area_km2, "verdict": "drawn", "claim_id": "r2"}],
                               [r.uncertainty])
        claims.append({"id": "r2", "kind": "radius_around_place", "stated_km": r.uncertainty_km, "unit": "km",
                       "subject": {"id": "offset", "name": "the point"}, "verdict": "drawn"})
    rows = [("from", r.origin.name), ("distance", f"{r.km:g} km"), ("bearing", f"{r.bearing_deg:.0f}°"),
            ("point (lon, lat)", f"{r.lon:.5f}, {r.lat:.5f}"),
            ("uncertainty", f"{r.uncertainty_km:g} km" if r.uncertainty is not None else None)]
    return layers, claims, rows


_KINDS = {"BorderDistance": _border_distance, "Band": _band, "Zone": _zone, "Offset": _offset}


def result_layers(obj: Any) -> tuple[dict, list[dict], list[tuple[str, Any]]]:
    """(layers, claims.json-form dicts, summary rows) of a geo result (Band, BorderDistance, Zone, Offset)."""
    fn = _KINDS.get(type(obj).__name__)
    if fn is None:
        raise TypeError(f"no notebook view for {type(obj).__name__}; expected one of {sorted(_KINDS)}")
    return fn(obj)


def result_html(obj: Any) -> str:
    """HTML of a geo result for Jupyter: its summary table and an inline offline map."""
    from geomap.render import render_map

    layers, claims, rows = result_layers(obj)
    m = render_map(layers, {"title": type(obj).__name__, "claims": claims})
    return f"<div>{_table(rows, type(obj).__name__)}{_iframe(m)}</div>"


def analysis_html(an: Any) -> str:
    """HTML of an Analysis for Jupyter: title, counts, the claims (verdict, label, reason) and the inline map."""
    from geomap.render.labels import VERDICT_WORDS, claim_label, plain_title

    doc = an.to_dict()
    claims = doc["claims"]
    verdicts: dict[str, int] = {}
    for c in claims:
        verdicts[c["verdict"]] = verdicts.get(c["verdict"], 0) + 1
    counts = ", ".join(f"{n} {VERDICT_WORDS.get(v, v)}" for v, n in sorted(verdicts.items()))
    head = _table([("source", doc["source"]), ("date", doc["date"]), ("places", len(doc["places"])),
                   ("claims", f"{len(claims)} ({counts})" if claims else 0)], plain_title(doc["title"]) or "Analysis")
    items = "".join(f"<tr><td>{escape(c['id'])}</td><td>{escape(VERDICT_WORDS.get(c['verdict'], c['verdict']))}</td>"
                    f"<td style='text-align:left'>{escape(claim_label(c))}</td>"
                    f"<td style='text-align:left'>{escape(c['reason'] or '')}</td></tr>" for c in claims[:200])
    table = ("<table><tr><th>id</th><th>verdict</th><th>claim</th><th>reason</th></tr>" + items + "</table>"
             if claims else "")
    return f"<div>{head}{table}{_iframe(an.to_map())}</div>"
