"""HTML for popups and tooltips. Every piece of article text is passed through ``html.escape`` before any markup.

Provenance (layers.md): ``sentence`` is the source sentence, ``span_start``/``span_end`` are character offsets into
the *article*. To highlight the claim inside the sentence we need the sentence's own offset: taken from a
``sentence_start`` property when the layer has one, else found in ``meta["text"]`` (the article) when given, else
the sentence is shown without highlight.
"""

from __future__ import annotations

import json
import math
from html import escape

from geomap.render.style import VERDICT_LABELS, verdict_colour


def _s(v: object) -> str | None:
    """A clean string or None for missing values (None, NaN, empty)."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    s = str(v)
    return s if s.strip() else None


def _num(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def _int(v: object) -> int | None:
    f = _num(v)
    return None if f is None else int(f)


def sentence_offset(sentence: str, span_start: int | None, text: str | None) -> int | None:
    """Offset of ``sentence`` in the article ``text`` (the occurrence that contains ``span_start``), or None."""
    if not text or not sentence:
        return None
    if span_start is not None:
        i = text.rfind(sentence, 0, span_start + 1)
        if i >= 0 and i + len(sentence) >= span_start:
            return i
    i = text.find(sentence)
    return i if i >= 0 else None


def highlight(sentence: str, start: int | None, end: int | None) -> str:
    """Escaped ``sentence`` with characters [start, end) (offsets within the sentence) wrapped in <mark>."""
    if start is None or end is None or not (0 <= start < end <= len(sentence)):
        return escape(sentence)
    return (escape(sentence[:start]) + "<mark>" + escape(sentence[start:end]) + "</mark>"
            + escape(sentence[end:]))


def sentence_html(props: dict, text: str | None = None) -> str | None:
    """The feature's source sentence as escaped HTML with its claim/mention span highlighted."""
    sentence = _s(props.get("sentence"))
    if sentence is None:
        return None
    s0, s1 = _int(props.get("span_start")), _int(props.get("span_end"))
    if s0 is None and _s(props.get("mentions")):
        try:
            first = json.loads(props["mentions"])[0]
            s0, s1 = int(first[0]), int(first[1])
        except (ValueError, TypeError, IndexError, KeyError):
            pass
    off = _int(props.get("sentence_start"))
    if off is None:
        off = sentence_offset(sentence, s0, text)
    if off is None or s0 is None or s1 is None:
        return highlight(sentence, None, None)
    return highlight(sentence, s0 - off, s1 - off)


def _row(label: str, value: object) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(str(value))}</td></tr>"


def _km(v: object) -> str | None:
    f = _num(v)
    return None if f is None else f"{f:,.1f} km"


def _verdict_badge(verdict: object, modality: object = None) -> str:
    v = _s(verdict)
    if v is None:
        return ""
    out = (f'<span class="geomap-badge" style="background:{verdict_colour(v)}">{escape(v)}</span> '
           f'<small>{escape(VERDICT_LABELS.get(v, ""))}</small>')
    mod = _s(modality)
    if mod and mod != "asserted":
        out += f' <span class="geomap-badge" style="background:#555">{escape(mod)}</span>'
    return out


def _footer(meta: dict) -> str:
    bits = []
    title, date, source = _s(meta.get("title")), _s(meta.get("date")), _s(meta.get("source"))
    art = " · ".join(escape(x) for x in (title, date) if x)
    if art:
        bits.append(f'<div class="geomap-src">{art}</div>')
    elif source:
        bits.append(f'<div class="geomap-src">{escape(source)}</div>')
    # data credits only (the map libraries are credited in the page's attribution control and source)
    attr = [a for a in (meta.get("attribution") or []) if _s(a) and "leaflet" not in str(a).lower()]
    if attr:
        bits.append('<div class="geomap-attr">' + " · ".join(escape(str(a)) for a in attr) + "</div>")
    return "".join(bits)


def popup_html(key: str, props: dict, meta: dict) -> str:  # noqa: C901
    """Popup HTML for one feature of layer ``key`` (escaped; safe to hand to Leaflet's bindPopup)."""
    rows: list[str] = []
    head = ""
    if key == "places":
        head = escape(_s(props.get("name")) or "place")
        for label, k in (("role", "role"), ("country", "country"), ("region", "admin1"), ("mentions", "n_mentions"),
                         ("id", "id")):
            if _s(props.get(k)):
                rows.append(_row(label, props[k]))
    elif key == "regions":
        head = escape(_s(props.get("name")) or "region")
        for label, k in (("kind", "kind"), ("country", "country"), ("role", "role"), ("mentions", "n_mentions"),
                         ("id", "id")):
            if _s(props.get(k)):
                rows.append(_row(label, props[k]))
        if _km(props.get("area_km2")):
            rows.append(_row("area", f"{_num(props['area_km2']):,.0f} km²"))
    elif key == "borders":
        head = escape(_s(props.get("name")) or f"{props.get('a')}–{props.get('b')} border")
        if _km(props.get("length_km")):
            rows.append(_row("length", _km(props["length_km"])))
    elif key == "distances":
        head = escape(_s(props.get("label")) or "distance claim")
        for label, k in (("from", "from_name"), ("to", "to_name"), ("direction", "direction"),
                         ("qualifier", "qualifier")):
            if _s(props.get(k)):
                rows.append(_row(label, props[k]))
        stated = _km(props.get("stated_km"))
        if stated and _km(props.get("stated_high_km")):
            stated = f"{_num(props['stated_km']):,.1f}–{_km(props['stated_high_km'])}"
        stated = _s(props.get("_stated")) or stated  # the claim as stated, from geomap.render.labels
        if stated:
            rows.append(_row("stated", stated))
        if _km(props.get("measured_km")):
            rows.append(_row("measured (geodesic)", _km(props["measured_km"])))
        if _s(props.get("reason")):
            rows.append(_row("reason", props["reason"]))
    elif key == "zones":
        head = escape(_s(props.get("label")) or "zone")
        for label, k in (("type", "zone_type"), ("inside", "inside"), ("along", "along"), ("region", "region")):
            if _s(props.get(k)):
                rows.append(_row(label, props[k]))
        if _s(props.get("_stated")):
            rows.append(_row("stated", props["_stated"]))
        elif _km(props.get("stated_km")):
            rows.append(_row("depth / radius", _km(props["stated_km"])))
        if _num(props.get("area_km2")) is not None:
            rows.append(_row("area", f"{_num(props['area_km2']):,.0f} km²"))
        if _s(props.get("reason")):
            rows.append(_row("note", props["reason"]))
    parts = [f'<div class="geomap-popup"><div class="geomap-head">{head}</div>']
    if key in ("distances", "zones"):
        parts.append(f"<div>{_verdict_badge(props.get('verdict'), props.get('modality'))}</div>")
    if rows:
        parts.append('<table class="geomap-props">' + "".join(rows) + "</table>")
    sent = sentence_html(props, meta.get("text"))
    if sent:
        parts.append(f'<blockquote class="geomap-sentence">{sent}</blockquote>')
    if _s(props.get("claim_id")):
        parts.append(f'<div class="geomap-claim">claim {escape(str(props["claim_id"]))}</div>')
    parts.append(_footer(meta))
    parts.append("</div>")
    return "".join(parts)


def tooltip_html(key: str, props: dict) -> str | None:
    """Short hover text (escaped). Distances: their label; zones: depth, area, region and claim."""
    if key == "places" or key == "regions":
        name = _s(props.get("name"))
        return escape(name) if name else None
    if key == "borders":
        return escape(_s(props.get("name")) or "border")
    mod = _s(props.get("modality"))
    mod = f" ({mod})" if mod and mod != "asserted" else ""
    if key == "distances":
        return escape((_s(props.get("label")) or "distance") + mod)
    if key == "zones":
        bits = [(_s(props.get("label")) or "zone") + mod]
        if _km(props.get("stated_km")):
            bits.append(f"depth/radius {_km(props['stated_km'])}")
        if _num(props.get("area_km2")) is not None:
            bits.append(f"area {_num(props['area_km2']):,.0f} km²")
        if _s(props.get("region")):
            bits.append(f"region {props['region']}")
        if _s(props.get("claim_id")):
            bits.append(f"claim {props['claim_id']}")
        return "<br>".join(escape(str(b)) for b in bits)
    return None
