"""report.md and summary.md (geomap.report), and the one rule that caps the claims a reader is shown."""

from __future__ import annotations

import pytest

from geomap.report import CLAIMS_LISTED, cap_claims, claim_key


def claim(i: int, km: float = 30.0, subject: str = "geonames:692194", name: str = "Sumy", **kw) -> dict:
    return {"id": f"c{i}", "kind": "distance_to_border", "subject": {"id": subject, "name": name},
            "target": None, "countries": ["UA", "RU"], "stated_km": km, "qualifier": "about", "direction": None,
            "modality": "asserted", **kw}


def test_repeats_are_grouped_in_text_order() -> None:
    cs = [claim(1), claim(2, km=40), claim(3), claim(4, km=40), claim(5)]
    cap = cap_claims(cs, 10)
    assert [(g.first["id"], g.repeat_ids) for g in cap.groups] == [("c1", ("c3", "c5")), ("c2", ("c4",))]
    assert [g.n for g in cap.groups] == [3, 2]
    assert cap.n_claims == 5 and cap.n_left_off == 0 and cap.note == ""


@pytest.mark.parametrize("change", [{"km": 31.0}, {"modality": "negated"}, {"qualifier": "up to"},
                                    {"subject": "geonames:703448", "name": "Kyiv"}, {"direction": "north"}])
def test_a_different_claim_is_not_a_repeat(change: dict) -> None:
    assert len(cap_claims([claim(1), claim(2, **change)], 10).groups) == 2


def test_unresolved_subjects_with_different_names_are_not_repeats() -> None:
    a = claim(1, subject=None, name="the airspace")
    b = claim(2, subject=None, name="the camp")
    assert claim_key(a) == claim_key(b)  # the cross-source key knows ids only
    assert len(cap_claims([a, b, claim(3, subject=None, name="the camp")], 10).groups) == 2


def test_the_cap_keeps_the_first_groups_and_counts_the_rest() -> None:
    cs = [claim(i, km=float(i % 7)) for i in range(1, 50)]  # 7 distinct claims, 49 in all
    cap = cap_claims(cs, 3)
    assert [g.first["id"] for g in cap.groups] == ["c1", "c2", "c3"]
    shown = sum(g.n for g in cap.groups)
    assert cap.n_left_off == 49 - shown and cap.n_groups_left_off == 4
    assert cap.note.startswith(f"{49 - shown:,} more claims (4 distinct) are not listed") and "claims.json" in cap.note
    assert cap_claims(cs, 0).groups == () and cap_claims([], 5).n_claims == 0


def test_report_md_is_capped_with_a_pointer_to_claims_json() -> None:
    from geomap.analysis import analyze

    n = CLAIMS_LISTED + 40
    text = "Front report\n\n" + " ".join(f"Sumy is about {k} km from the Russian border." for k in range(2, n + 2))
    text += " Sumy is about 2 km from the Russian border."  # a repeat of the first
    an = analyze(text)
    assert len(an.claims) == n + 1
    md = an.report_md()
    rows = [x for x in md.splitlines() if x.startswith("| c")]
    assert len(rows) == CLAIMS_LISTED
    assert rows[0].startswith(f"| c1 (+1 repeat: c{n + 1}) |")
    assert "40 more claims (40 distinct) are not listed here" in md and f"claims.json lists all {n + 1:,}" in md
    assert md.count("- **c") == CLAIMS_LISTED  # sentences of the listed claims only


def test_small_report_lists_every_claim_without_a_note() -> None:
    from geomap.analysis import analyze
    from geomap.cli.map_cmd import example_path

    an = analyze(example_path())
    md = an.report_md()
    assert all(f"| {c.id} |" in md for c in an.claims) and "not listed here" not in md


def test_capped_claims_iterate_as_the_claims_to_list() -> None:
    """What the map's claim panel takes: ``list(cap_claims(claims))`` is the first claim of each group kept."""
    cs = [claim(1), claim(2), claim(3, km=50)]
    assert [c["id"] for c in cap_claims(cs)] == ["c1", "c3"] and len(cap_claims(cs)) == 2
    corpus = [{"key": "k1", "label": "a"}, {"key": "k2", "label": "b"}]  # distinct claims carry their key
    assert len(list(cap_claims(corpus, 1))) == 1 and cap_claims(corpus, 1).n_left_off == 1


def test_summary_groups_a_question_stated_by_many_sources():
    """summary.md: one row per question (kind + entities), whatever figure each source states, with its sources and
    verdicts counted per source — not the same claim listed once per source."""
    from geomap.events.outputs import events_frame
    from geomap.report import question_key, summary_markdown

    c = {"kind": "distance_to_border", "subject": {"id": "geonames:706483"}, "countries": ["UA", "RU"]}
    figures = [(30, "consistent"), (30, "consistent"), (30, "consistent"), (32, "consistent"), (80, "inconsistent"),
               (90, "inconsistent"), (30, "consistent")]
    rows = [{"event_id": f"e{i}", "source_id": f"src-{i}", "row_type": "claim", "claim_kind": c["kind"],
             "claim_key": claim_key({**c, "stated_km": km}), "question_key": question_key({**c, "stated_km": km}),
             "stated_km": km, "measured_km": 29.9, "verdict": v, "country": "UA", "location": "Kharkiv",
             "label": f"Kharkiv → UA–RU border: 29.9 km measured, about {km} km stated", "span_start": 0,
             "span_end": 9, "sentence": f"Kharkiv is {km} km from the border.", "geometry": None}
            for i, (km, v) in enumerate(figures)]
    rows.append({**rows[0], "event_id": "other", "location": "Sumy", "claim_key": "x", "question_key": "y",
                 "label": "Sumy → UA–RU border: 27.7 km measured, about 30 km stated", "verdict": "consistent"})
    text = summary_markdown(events_frame(rows), [], n_docs=8)
    kh = [line for line in text.splitlines() if line.startswith("| Kharkiv → UA–RU border")]
    assert len(kh) == 2  # once among the inconsistent questions, once among all questions
    assert all("stated by 7 sources: 5 consistent, 2 inconsistent" in line for line in kh)
    assert "| 30–90 | 29.9 |" in kh[0] and "src-0, src-1, src-2, … 4 more" in kh[0]
    assert "Inconsistent claims (2 claims about 1 questions)" in text
    assert "Claims by question (8 claims about 2 questions)" in text
    assert question_key({**c, "stated_km": 30}) == question_key({**c, "stated_km": 80, "qualifier": "about"})
    assert question_key(c) != question_key({**c, "countries": ["UA", "BY"]})
