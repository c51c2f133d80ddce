"""`geomap geoparse --gold-spans`: one answer per span, document context, atomic output, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from gazetteer.packfiles import pack_dir


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", "geoparse", *args], capture_output=True, text=True,
                          timeout=120)


def _doc(i: str, text: str, names: list[str]) -> dict:
    tops, pos = [], 0
    for n in names:
        s = text.index(n, pos)
        tops.append({"start": s, "end": s + len(n), "name": n})
        pos = s + len(n)
    return {"id": i, "text": text, "toponyms": tops}


def test_gold_spans_document_context(tmp_path: Path, manifest) -> None:
    t = pq.read_table(pack_dir() / "places.parquet", columns=["name", "country", "admin1", "lat", "lon"]).to_pylist()
    fl = next(r for r in t if r["name"] == "St. Petersburg" and r["admin1"] == "Florida")
    docs = [
        _doc("a", "Storms hit Tampa, Florida and St. Petersburg overnight.", ["Tampa", "Florida", "St. Petersburg"]),
        _doc("b", "Putin spoke in St. Petersburg, Russia.", ["St. Petersburg", "Russia"]),
        _doc("c", "Shelling near Sumy and Krasnopillya in the Sumy region.", ["Sumy", "Krasnopillya", "Sumy region"]),
        _doc("d", "Nothing here: Qqqzzzxx.", ["Qqqzzzxx"]),
    ]
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = _run(str(inp), "-o", str(out), "--gold-spans")
    assert p.returncode == 0, p.stderr
    got = {d["id"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    keys = ["start", "end", "name", "id", "kind", "country", "lat", "lon"]
    for d in got.values():
        assert all(list(x) == keys for x in d["toponyms"])
    a = got["a"]["toponyms"]
    assert len(a) == 3 and (a[2]["lat"], a[2]["lon"]) == (fl["lat"], fl["lon"])
    assert got["b"]["toponyms"][0]["country"] == "RU"
    c = got["c"]["toponyms"]
    assert [x["kind"] for x in c] == ["place", "place", "admin1"]
    assert c[1]["country"] == "UA" and c[2]["id"] == "admin1:UA.21"
    assert got["d"]["toponyms"] == []


def test_bad_input_no_partial_output(tmp_path: Path, manifest) -> None:
    inp = tmp_path / "bad.jsonl"
    inp.write_text('{"id": 1, "text": "x", "toponyms": []}\n{not json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = _run(str(inp), "-o", str(out), "--gold-spans")
    assert p.returncode == 1 and "bad.jsonl:2" in p.stderr and "Traceback" not in p.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == [inp]
    p = _run(str(tmp_path / "missing.jsonl"), "-o", str(out), "--gold-spans")
    assert p.returncode == 1 and "missing.jsonl" in p.stderr


def test_division_lists_read_the_members_of_a_plural_division_word() -> None:
    from geomap.resolution import division_lists

    text = "Schools closed in Ashe, Wilkes and Surry counties; Boone stayed open, as did most Ohio counties."
    names = ["Ashe", "Wilkes", "Surry", "Boone", "Ohio"]
    spans = [(d["start"], d["end"]) for d in _doc("x", text, names)["toponyms"]]
    assert division_lists(text, spans) == {0: "County", 1: "County", 2: "County", 4: "County"}
    text = "Levees held in Cameron and Vermilion parishes."
    spans = [(d["start"], d["end"]) for d in _doc("y", text, ["Cameron", "Vermilion"])["toponyms"]]
    assert division_lists(text, spans) == {0: "Parish", 1: "Parish"}


def test_gold_spans_in_a_county_list_mean_the_counties(tmp_path: Path, manifest) -> None:
    """"Ashe, Wilkes and Surry counties" are the North Carolina counties (Surry County, NC: 36°25′N 80°41′W, per
    Wikipedia's "Surry County, North Carolina" article), not Surry, Maine; a state before "counties" stays the
    state ("most Ohio counties")."""
    from pyproj import Geod

    text = "Schools closed in Ashe, Wilkes and Surry counties on Tuesday, as did most Ohio counties."
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(_doc("1", text, ["Ashe", "Wilkes", "Surry", "Ohio"])) + "\n", encoding="utf-8")
    r = _run(str(src), "-o", str(tmp_path / "out.jsonl"), "--gold-spans")
    assert r.returncode == 0, r.stderr
    tops = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["toponyms"]
    surry = tops[2]
    assert Geod(ellps="WGS84").inv(surry["lon"], surry["lat"], -(80 + 41 / 60), 36 + 25 / 60)[2] < 40_000  # m
    assert all(t["country"] == "US" for t in tops) and tops[3]["id"] == "admin1:US.OH"
