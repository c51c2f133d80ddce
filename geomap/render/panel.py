"""The map's side texts: the legend and the claim panel (pre-escaped HTML for :class:`~geomap.render.elements.HtmlControl`).

The panel lists every claim, not_checkable ones included, each with its verdict (mark and colour), the label naming
its places (:mod:`geomap.render.labels`) and the judge's reason; a claim drawn on the map carries ``data-layer`` /
``data-idx`` so clicking it zooms there. Long inputs are capped by one rule (:func:`cap_claims`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from geomap.render import style
from geomap.render.labels import VERDICT_MARKS, VERDICT_WORDS, claim_detail, plain_title

PANEL_MAX = 500  # claims listed in the panel before the rest are only counted


def cap_claims(claims: Sequence[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], int]:
    """(claims to list, how many are left out): the shared cap for huge inputs.

    Uses ``geomap.report.cap_claims`` when the project has it (the rule report.md follows), else keeps the first
    ``PANEL_MAX`` claims in document order.
    """
    try:
        from geomap.report import cap_claims as shared  # type: ignore[attr-defined]
    except ImportError:
        shared = None
    if shared is not None:
        kept = list(shared(list(claims)))
        return kept, len(claims) - len(kept)
    return list(claims[:PANEL_MAX]), max(len(claims) - PANEL_MAX, 0)


def mark_html(verdict: str | None) -> str:
    """The verdict's mark in its colour ("✓" blue, "✗" vermillion...), with the word as a tooltip."""
    v = verdict or ""
    return (f'<span class="mk" style="color:{style.verdict_colour(v)}" title="{escape(VERDICT_WORDS.get(v, v))}">'
            f'{VERDICT_MARKS.get(v, "•")}</span>')


def legend_html(mentions: Mapping[int, str] | None = None) -> str:
    """Legend: verdict colours and marks, what dashes mean, zones, regions, places, borders; ``mentions`` adds the
    corpus map's mention colours by geo precision (1 place, 2 near a place, 3 region, 4 country)."""
    rows = ["<b>Legend</b>"]
    for v, c in style.VERDICT_COLOURS.items():
        rows.append(f'<div><span class="ln" style="border-color:{c}"></span>{mark_html(v)} '
                    f'{escape(VERDICT_WORDS[v])}</div>')
    rows.append(f'<div><span class="sw" style="background:{style.VERDICT_COLOURS["drawn"]};opacity:.55"></span>'
                "zone or band drawn from a claim</div>")
    rows.append('<div><span class="ln" style="border-top-style:dashed;border-color:#555"></span>dashed: '
                "hypothetical, denied or negated</div>")
    rows.append(f'<div><span class="sw" style="border:2px dashed {style.REGION_COLOUR};background:transparent">'
                "</span>region named</div>")
    rows.append(f'<div><span class="dot" style="background:{style.PLACE_COLOURS["location"]}"></span>place '
                f'<span class="dot" style="background:{style.PLACE_COLOURS["actor"]}"></span>actor '
                f'<span class="dot" style="background:{style.GREY_PLACE}"></span>no claim</div>')
    rows.append(f'<div><span class="ln" style="border-color:{style.BORDER_COLOUR}"></span>border a claim '
                "uses</div>")
    if mentions:
        words = {1: "place", 2: "near a place", 3: "region", 4: "country"}
        rows.append("<div>mentions: " + " ".join(
            f'<span class="dot" style="background:{c}"></span>{escape(words.get(k, str(k)))}'
            for k, c in sorted(mentions.items())) + "</div>")
    return "".join(rows)


def claim_item_html(c: Mapping[str, Any], where: tuple[str, int] | None,
                    head: Callable[[Mapping[str, Any]], str], count: int | None = None) -> str:
    """One panel entry: mark, id, places, figures, verdict and reason (escaped)."""
    v = c.get("verdict") or ""
    attrs = f' data-layer="{escape(where[0])}" data-idx="{where[1]}" title="zoom to this claim"' if where else ""
    cid = escape(str(c.get("id") or ""))
    times = f' <span class="n">×{count}</span>' if count and count > 1 else ""
    reason = f'<div class="rs">{escape(str(c["reason"]))}</div>' if c.get("reason") else ""
    return (f'<li data-claim="{cid}" data-verdict="{escape(v)}" data-kind="{escape(str(c.get("kind") or ""))}"'
            f'{attrs}>{mark_html(v)} <small>[{cid}]</small> <b>{escape(head(c))}</b>: '
            f'{escape(claim_detail(c))} — <i>{escape(VERDICT_WORDS.get(v, v))}</i>{times}{reason}</li>')


def claims_panel_html(meta: Mapping[str, Any], claims: Sequence[Mapping[str, Any]],
                      where: Mapping[str, tuple[str, int]], head: Callable[[Mapping[str, Any]], str]) -> str:
    """The claim panel: title and date, then every claim (capped by :func:`cap_claims`); ``head`` words what
    a claim is about (:func:`geomap.render.labels.claim_head` with the map's names)."""
    title = plain_title(meta.get("title")) or str(meta.get("source") or "Article")
    parts = [f'<div class="geomap-head">{escape(title)}</div>']
    if meta.get("date"):
        parts.append(f'<div class="geomap-src">{escape(str(meta["date"]))}</div>')
    kept, left = cap_claims(claims)
    if not kept:
        parts.append("<div><small>no spatial claims</small></div>")
        return "".join(parts)
    items = [claim_item_html(c, where.get(str(c.get("id"))), head) for c in kept]
    more = f'<li class="more">… and {left:,} more claims (see claims.json and report.md)</li>' if left else ""
    n = len(claims)
    parts.append(f"<details open><summary>{n} spatial claim{'s' if n != 1 else ''}</summary>"
                 f"<ol>{''.join(items)}{more}</ol></details>")
    return "".join(parts)


def _filters(claims: Sequence[Mapping[str, Any]]) -> str:
    """Verdict checkboxes and a kind selector for the corpus panel (handled by PanelFilter)."""
    verdicts = sorted({c["verdict"] for c in claims}, key=lambda v: list(VERDICT_WORDS).index(v)
                      if v in VERDICT_WORDS else 9)
    boxes = "".join(f'<label><input type="checkbox" data-f="verdict" value="{escape(v)}" checked> {mark_html(v)} '
                    f"{escape(VERDICT_WORDS.get(v, v))}</label> " for v in verdicts)
    kinds = sorted({c["kind"] for c in claims})
    opts = '<option value="">every kind</option>' + "".join(
        f'<option value="{escape(k)}">{escape(k.replace("_", " "))}</option>' for k in kinds)
    return f'<div class="geomap-filter">{boxes}<select data-f="kind">{opts}</select></div>'


def corpus_panel_html(claims: Sequence[Mapping[str, Any]], n_docs: int) -> str:
    """The corpus map's panel: distinct claims (most stated first) with their source counts, filterable by verdict
    and kind; capped by :func:`cap_claims`."""
    parts = [f'<div class="geomap-head">{n_docs:,} document{"s" if n_docs != 1 else ""}</div>']
    if not claims:
        parts.append("<div><small>no spatial claims</small></div>")
        return "".join(parts)
    kept, left = cap_claims(claims)
    items = []
    for c in kept:
        v = c["verdict"]
        n = c["n_sources"]
        src = f"stated by {n} sources" if n > 1 else "stated by 1 source"
        first = f", first {escape(str(c['first']))}" if c.get("first") else ""
        reason = f'<div class="rs">{escape(c["reason"])}</div>' if c.get("reason") else ""
        items.append(f'<li data-claim="{escape(c["key"])}" data-verdict="{escape(v)}" data-kind="{escape(c["kind"])}">'
                     f'{mark_html(v)} <b>{escape(c["label"])}</b> — <i>{escape(VERDICT_WORDS.get(v, v))}</i>, '
                     f'{src}{first}{reason}</li>')
    more = f'<li class="more">… and {left:,} more distinct claims (see summary.md)</li>' if left else ""
    parts.append(_filters(claims))
    parts.append(f"<details open><summary>{len(claims):,} distinct claim{'s' if len(claims) != 1 else ''}"
                 f"</summary><ol>{''.join(items)}{more}</ol></details>")
    return "".join(parts)
