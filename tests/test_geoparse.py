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
