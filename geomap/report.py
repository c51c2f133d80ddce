"""The Markdown reports: ``report.md`` of one article (:func:`report_markdown`) and ``summary.md`` of a corpus run
(:func:`summary_markdown`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

__all__ = ["report_markdown", "summary_markdown"]


def _md(s: Any) -> str:
    """Escape text for a Markdown table cell."""
    s = "" if s is None else str(s)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def report_markdown(an) -> str:
    """The report.md text: title, date, source, a places table and a claims table."""
    m = an.meta
    lines = [f"# {_md(m['title'])}", ""]
    lines.append(f"- Source: {_md(m['source'])}")
    lines.append(f"- Date: {m['date'] or 'not given'}")
    kinds: dict[str, int] = {}
    for c in an.claims:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    verdicts: dict[str, int] = {}
    for c in an.claims:
        verdicts[c["verdict"]] = verdicts.get(c["verdict"], 0) + 1
    lines.append(f"- {len(an.places)} places, {len(an.claims)} claims"
                 + (" (" + ", ".join(f"{v} {k}" for k, v in sorted(verdicts.items())) + ")" if verdicts else ""))
    from geomap.layers import MAX_FEATURES

    left = getattr(an, "layers_left_off", None) or {}
    if any(left.values()):
        lines.append("- Not drawn on the map (more than " + ", ".join(
            f"{MAX_FEATURES[k]:,} distinct {k}" for k, v in left.items() if v) + "): " + ", ".join(
            f"{v:,} {k} features" for k, v in left.items() if v) + "; every claim is listed below")
    lines += ["", "## Places", "", "| Name | Kind | Country | Role | Lat | Lon | Mentions | Id |",
              "|---|---|---|---|---:|---:|---:|---|"]
    for p in an.places:
        surf = p["name"] if p.get("surface") in (None, [p["name"]]) else f"{p['name']} ({', '.join(p['surface'])})"
        lines.append(f"| {_md(surf)} | {p['kind']} | {p['country']} | {p['role']} | {p['lat']:.4f} | "
                     f"{p['lon']:.4f} | {p['n_mentions']} | {p['id']} |")
    lines += ["", "## Claims", "",
              "| # | Kind | Stated | Subject / area | Measured | Verdict | Reason |",
              "|---|---|---|---|---:|---|---|"]
    for c in an.claims:
        if c["kind"] == "distance_to_border":
            what = f"{(c['subject'] or {}).get('name', '?')} → {'–'.join(c['countries'] or ['?'])} border"
        elif c["kind"] == "distance_between_places":
            what = (f"{(c['subject'] or {}).get('name', '?')} → {(c.get('target') or {}).get('name', '?')}"
                    + (f" ({c['direction']})" if c.get("direction") else ""))
        elif c["kind"] == "buffer_inside_along_border":
            what = (f"inside {c.get('inside') or '?'} along {c.get('along') or '?'}"
                    + (f", {c['region']['name']} region" if c.get("region") else "")
                    + (" (both sides)" if c.get("both_sides") else ""))
        else:
            what = f"around {(c.get('target') or {}).get('name', '?')}"
        meas = f"{c['measured_km']:.1f} km" if c.get("measured_km") is not None else (
            f"{c['area_km2']:,.0f} km²" if c.get("area_km2") else "—")
        mod = "" if c.get("modality") in (None, "asserted") else f" ({c['modality']})"
        lines.append(f"| {c['id']} | {c['kind']} | {_md(c['stated_text'])} | {_md(what)} | {meas} | "
                     f"{c['verdict']}{mod} | {_md(c['reason'])} |")
    lines += ["", "### Sentences", ""]
    for c in an.claims:
        lines.append(f"- **{c['id']}** (chars {c['span'][0]}–{c['span'][1]}): {_md(c['sentence'])}")
    if m.get("attribution"):
        lines += ["", "---", "", "Data: " + "; ".join(_md(a) for a in m["attribution"])]
    return "\n".join(lines) + "\n"


def summary_markdown(gdf: Any, errors: list[dict], n_docs: int) -> str:
    """Counts per country and per claim kind, inconsistent claims listed, document failures and skipped inputs."""
    skipped = [e for e in errors if e.get("skipped")]
    errors = [e for e in errors if not e.get("skipped")]
    lines = ["# geomap events summary", "",
             f"{n_docs} documents, {len(gdf)} rows ({int((gdf.row_type == 'mention').sum()) if len(gdf) else 0} "
             f"place mentions, {int((gdf.row_type == 'claim').sum()) if len(gdf) else 0} claims), "
             f"{len(errors)} failed documents"
             + (f", {len(skipped)} inputs skipped (listed in errors.jsonl)." if skipped else "."), ""]
    if len(gdf):
        lines += ["## Rows per country", "", "| country | mentions | claims |", "|---|---:|---:|"]
        by = gdf.groupby([gdf.country.fillna("?"), "row_type"]).size().unstack(fill_value=0)
        by["total"] = by.sum(axis=1)
        for cc, r in by.sort_values("total", ascending=False).iterrows():
            lines.append(f"| {cc} | {int(r.get('mention', 0))} | {int(r.get('claim', 0))} |")
        claims = gdf[gdf.row_type == "claim"]
        lines += ["", "## Claims per kind", "", "| kind | claims | distinct (claim_key) | verdicts |",
                  "|---|---:|---:|---|"]
        for kind, grp in claims.groupby("claim_kind"):
            v = ", ".join(f"{k} {n}" for k, n in sorted(Counter(grp.verdict).items()))
            lines.append(f"| {kind} | {len(grp)} | {grp.claim_key.nunique()} | {v} |")
        bad = claims[claims.verdict == "inconsistent"]
        lines += ["", f"## Inconsistent claims ({len(bad)})", ""]
        if len(bad):
            lines += ["| source | claim | stated km | measured km | sources stating it | sentence |",
                      "|---|---|---:|---:|---:|---|"]
            for r in bad.itertuples():
                stated = f"{r.stated_km:g}" + (f"–{r.stated_high_km:g}" if r.stated_high_km == r.stated_high_km
                                               and r.stated_high_km is not None else "")
                sent = str(r.sentence).replace("|", "\\|").replace("\n", " ")[:200]
                lines.append(f"| {r.source_id} | {r.claim_kind} | {stated} | {r.measured_km:.1f} | {r.n_sources} | "
                             f"{sent} |")
        else:
            lines.append("None.")
    if errors:
        lines += ["", f"## Failed documents ({len(errors)})", "", "| id | error |", "|---|---|"]
        for e in errors[:200]:
            lines.append(f"| {e['id']} | {str(e['error']).replace('|', '/')[:200]} |")
        if len(errors) > 200:
            lines.append(f"| … | {len(errors) - 200} more in errors.jsonl |")
    return "\n".join(lines) + "\n"
