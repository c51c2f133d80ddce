"""`geomap geoparse IN.jsonl -o OUT.jsonl` without --gold-spans: spans come from the text spotter."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.cli import main


def test_geoparse_end_to_end(tmp_path: Path) -> None:
    text = "Shelling hit Sumy and Kharkiv on Friday, Ukrainian officials said. Putin was in Moscow."
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": text}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["geoparse", str(src), "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert doc["id"] == "d1"
    tops = doc["toponyms"]
    assert [t["name"] for t in tops] == ["Sumy", "Kharkiv", "Ukrainian", "Moscow"]
    for t in tops:
        assert text[t["start"]:t["end"]] == t["name"]
        assert {"id", "kind", "country", "lat", "lon"} <= set(t)
    assert tops[0]["country"] == "UA" and tops[2]["kind"] == "country" and tops[3]["country"] == "RU"


def test_geoparse_and_map_resolve_the_same_way(tmp_path: Path) -> None:
    """One resolution path: geoparse applies the same mention evidence as analyze() (country adjectives, region
    phrases, a bare region name meaning its namesake city), so both give the same answer for every span."""
    import geomap

    text = ("Commuters from New Jersey and Connecticut crowded into New York on Monday. "
            "Russian officials said drones hit the Kharkiv region.")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": text}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["geoparse", str(src), "-o", str(out)]) == 0
    tops = json.loads(out.read_text(encoding="utf-8").splitlines()[0])["toponyms"]
    assert {(t["start"], t["end"]): t["id"] for t in tops} == {
        (m.start, m.end): m.cand.id for m in geomap.analyze(text).mentions}
    by_name = {t["name"]: t for t in tops}
    # the joint resolver alone answers the state; the namesake rule makes it the city, in both commands
    assert by_name["New York"]["kind"] == "place" and by_name["New York"]["country"] == "US"
    assert by_name["Kharkiv region"]["kind"] == "admin1" and by_name["Russian"]["id"] == "country:RU"
