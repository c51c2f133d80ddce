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
