"""The Markdown reports: ``report.md`` of one article (:func:`report_markdown`) and ``summary.md`` of a corpus run
(:func:`summary_markdown`), and the one rule that caps the claims a human-readable output lists
(:func:`cap_claims`: report.md and the map's claim panel), so that a 5 MB article with 100,000 claims gives a
readable report and panel while claims.json keeps every claim.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from geomap.frames import group_rows, plain_rows, present

__all__ = ["report_markdown", "summary_markdown", "cap_claims", "CappedClaims", "ClaimGroup", "claim_key", "claim_keys", "question_key",
           "CLAIMS_LISTED"]

CLAIMS_LISTED = 500  # distinct claims (groups of repeats) that report.md and the map's claim panel list


def _ref(v: Any) -> str:
    return v["id"] if isinstance(v, dict) else ("" if v is None else str(v))


def _question_parts(c: Any) -> list[str]:
    """What a claim is about: kind and entities (subject, target, countries, inside, along, region)."""
    return [c.get("kind"), _ref(c.get("subject")), _ref(c.get("target")), ",".join(sorted(c.get("countries") or [])),
            _ref(c.get("inside")), _ref(c.get("along")), _ref(c.get("region"))]


def question_key(c: Any) -> str:
    """A stable key for 'the same question' (kind and entities, whatever figure each source states; 16 hex chars):
    summary.md groups a corpus's claims by it. ``c``: a JudgedClaim or its JSON dict."""
    return _digest(_question_parts(c))


def claim_key(c: Any) -> str:
    """A stable key for 'the same claim' (within an article: a repeat; across sources: stated by several): kind,
    entities, number, qualifier, direction and modality (16 hex chars; an attributed claim is the same claim as an
    asserted one: "X is 30 km from the border, the governor said" repeats "X is 30 km from the border"). ``c``: a
    JudgedClaim or its JSON dict."""
    return _digest(_claim_parts(c, _question_parts(c)))


def claim_keys(c: Any) -> tuple[str, str]:
    """(:func:`claim_key`, :func:`question_key`) of ``c``, reading the claim's entities once."""
    q = _question_parts(c)
    return _digest(_claim_parts(c, q)), _digest(q)


def _claim_parts(c: Any, question: list[str]) -> list[str]:
    """The question's parts, then the number, qualifier, direction and modality (attributed counts as asserted)."""
    st = c.get("stated_km")
    st = "-".join(f"{float(x):g}" for x in st) if isinstance(st, list) else f"{float(st):g}" if st is not None else ""
    mod = c.get("modality") or ""
    return [*question, st, c.get("qualifier") or "", c.get("direction") or "", "asserted" if mod == "attributed" else mod]


def _digest(parts: list) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


def _repeat_key(c: Any) -> tuple:
    """Same claim, and the same names when the gazetteer has no id for them ('the airspace' vs 'the camp'); an
    entry that carries its key already (the corpus map's distinct claims: ``key`` / ``claim_key``) is its key."""
    given = c.get("claim_key") or c.get("key")
    if given:
        return given, ()
    names = tuple((c.get(k) or {}).get("name") if isinstance(c.get(k), dict) else None for k in ("subject", "target"))
    return claim_key(c), names


@dataclass(frozen=True)
class ClaimGroup:
    """A claim and its repeats: ``first`` (the claim, in text order), ``repeat_ids`` (ids of the later claims that
    state the same thing: same kind, places, figure, qualifier, direction and modality)."""

    first: Any
    repeat_ids: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        """How many claims the group stands for (the first and its repeats)."""
        return 1 + len(self.repeat_ids)


@dataclass(frozen=True)
class CappedClaims:
    """What a capped listing shows: ``groups`` (at most ``limit``, in text order of their first claim) and what
    it leaves off: ``n_left_off`` claims in ``n_groups_left_off`` distinct groups. ``note`` is the pointer to
    print after the listing ("" when nothing is left off)."""

    groups: tuple[ClaimGroup, ...]
    n_claims: int
    n_left_off: int
    n_groups_left_off: int
    limit: int

    def __iter__(self) -> Iterator[Any]:
        """The claims to list: the first claim of each group kept."""
        return (g.first for g in self.groups)

    def __len__(self) -> int:
        """How many claims are listed (groups kept)."""
        return len(self.groups)

    @property
    def note(self) -> str:
        """One line: how many claims are not listed and where they all are."""
        if not self.n_left_off:
            return ""
        return (f"{self.n_left_off:,} more claims ({self.n_groups_left_off:,} distinct) are not listed here (first "
                f"{self.limit:,} distinct claims shown); claims.json lists all {self.n_claims:,}")


def cap_claims(claims: Iterable[Any], limit: int = CLAIMS_LISTED) -> CappedClaims:
    """The shared rule for listing claims to a reader: repeats grouped (see :class:`ClaimGroup`), the first
    ``limit`` groups in text order kept, the rest counted, with a pointer to claims.json.

    ``claims``: JudgedClaim records or claims.json dicts, in text order. ``limit`` ≥ 0 groups.
    """
    order: dict[tuple, int] = {}
    firsts: list[Any] = []
    repeats: list[list[str]] = []
    sizes: list[int] = []
    n = 0
    for c in claims:
        n += 1
        k = _repeat_key(c)
        i = order.get(k)
        if i is None:
            order[k] = len(firsts)
            firsts.append(c)
            repeats.append([])
            sizes.append(1)
        else:
            sizes[i] += 1
            if i < limit:
                repeats[i].append(str(c.get("id")))
    kept = tuple(ClaimGroup(firsts[i], tuple(repeats[i])) for i in range(min(limit, len(firsts))))
    left = sum(sizes[limit:])
    return CappedClaims(kept, n, left, max(0, len(firsts) - limit), limit)


def _repeats(g: ClaimGroup) -> str:
    """" (+3 repeats: c5, c9, c12)" after a claim id; the first five ids, then a count."""
    if not g.repeat_ids:
        return ""
    ids = ", ".join(g.repeat_ids[:5]) + (f", … {len(g.repeat_ids) - 5:,} more" if len(g.repeat_ids) > 5 else "")
    return f" (+{len(g.repeat_ids):,} {'repeat' if len(g.repeat_ids) == 1 else 'repeats'}: {ids})"


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
            f"{v:,} {k} features" for k, v in left.items() if v) + "; every claim is in claims.json")
    lines += ["", "## Places", "", "| Name | Kind | Country | Role | Lat | Lon | Mentions | Id |",
              "|---|---|---|---|---:|---:|---:|---|"]
    for p in an.places:
        surf = p["name"] if p.get("surface") in (None, [p["name"]]) else f"{p['name']} ({', '.join(p['surface'])})"
        lines.append(f"| {_md(surf)} | {p['kind']} | {p['country']} | {p['role']} | {p['lat']:.4f} | "
                     f"{p['lon']:.4f} | {p['n_mentions']} | {p['id']} |")
    lines += ["", "## Claims", "",
              "| # | Kind | Stated | Subject / area | Measured | Verdict | Reason |",
              "|---|---|---|---|---:|---|---|"]
    capped = cap_claims(an.claims, CLAIMS_LISTED)
    for g in capped.groups:
        c = g.first
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
        lines.append(f"| {c['id']}{_repeats(g)} | {c['kind']} | {_md(c['stated_text'])} | {_md(what)} | {meas} | "
                     f"{c['verdict']}{mod} | {_md(c['reason'])} |")
    if capped.note:
        lines += ["", f"{capped.note}."]
    lines += ["", "### Sentences", ""]
    for g in capped.groups:
        c = g.first
        lines.append(f"- **{c['id']}** (chars {c['span'][0]}–{c['span'][1]}): {_md(c['sentence'])}")
    if m.get("attribution"):
        lines += ["", "---", "", "Data: " + "; ".join(_md(a) for a in m["attribution"])]
    return "\n".join(lines) + "\n"


_QUESTION_COLS = ("question_key", "source_id", "verdict", "label", "location", "claim_kind", "sentence", "stated_km",
                  "measured_km")


def _verdicts(grp: list) -> str:
    """"stated by 7 sources: 5 consistent, 2 inconsistent" (sources per verdict)."""
    per: dict[str, set] = {}
    for r in grp:
        per.setdefault(r.verdict if present(r.verdict) else "?", set()).add(r.source_id)
    n = len({r.source_id for r in grp})
    v = ", ".join(f"{len(src)} {verdict}" for verdict, src in sorted(sorted(per.items()), key=lambda kv: -len(kv[1])))
    return f"stated by {n} source{'s' if n != 1 else ''}: {v}"


def _km_range(values: Any) -> str:
    vals = sorted({round(float(x), 1) for x in values if x == x and x is not None})
    if not vals:
        return "—"
    return f"{vals[0]:g}" if len(vals) == 1 else f"{vals[0]:g}–{vals[-1]:g}"


def _question_row(grp: list) -> str:
    """One summary.md row for every claim about one question (kind + entities), however many sources state it."""
    r = grp[0]
    head = str(r.label or r.location or r.claim_kind).partition(": ")[0]
    srcs = sorted({str(g.source_id) for g in grp})
    shown = ", ".join(srcs[:3]) + (f", … {len(srcs) - 3:,} more" if len(srcs) > 3 else "")
    return (f"| {_md(head)} | {r.claim_kind} | {_km_range(g.stated_km for g in grp)} | "
            f"{_km_range(g.measured_km for g in grp)} | {_verdicts(grp)} | {_md(shown)} | "
            f"{_md(str(r.sentence)[:200])} |")


def _question_sections(claims: Any) -> list[str]:
    """Claims grouped by question (``question_key``): the inconsistent ones first, then every question, each
    capped at CLAIMS_LISTED rows, most-stated first."""
    head = ["| question | kind | stated km | measured km | sources | first sources | sentence (first source) |",
            "|---|---|---:|---:|---|---|---|"]
    groups = list(group_rows(plain_rows(claims, _QUESTION_COLS), "question_key", dropna=False).values())
    groups.sort(key=lambda g: (-len({r.source_id for r in g}), str(g[0].label)))
    bad = [g for g in groups if any(r.verdict == "inconsistent" for r in g)]
    n_bad = sum(r.verdict == "inconsistent" for g in bad for r in g)
    lines: list[str] = []
    for title, sel in ((f"Inconsistent claims ({n_bad} claims about {len(bad)} questions)", bad),
                       (f"Claims by question ({len(claims)} claims about {len(groups)} questions)", groups)):
        lines += ["", f"## {title}", ""]
        if not sel:
            lines.append("None.")
            continue
        lines += head + [_question_row(g) for g in sel[:CLAIMS_LISTED]]
        if len(sel) > CLAIMS_LISTED:
            lines += ["", f"{len(sel) - CLAIMS_LISTED:,} more questions are not listed here (the first "
                          f"{CLAIMS_LISTED:,} shown, most stated first); events.parquet holds every claim."]
    return lines


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
        lines += _question_sections(claims)
    if errors:
        lines += ["", f"## Failed documents ({len(errors)})", "", "| id | error |", "|---|---|"]
        for e in errors[:200]:
            lines.append(f"| {e['id']} | {str(e['error']).replace('|', '/')[:200]} |")
        if len(errors) > 200:
            lines.append(f"| … | {len(errors) - 200} more in errors.jsonl |")
    return "\n".join(lines) + "\n"
