"""`geomap map`: writes every file for the example; bad input errors without partial output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_map_example_writes_everything(tmp_path: Path) -> None:
    r = run(["map", "--quiet"], tmp_path)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "output" / "example"
    for f in ("map.html", "claims.json", "report.md", "layers.gpkg", "layers/places.geojson",
              "layers/distances.geojson", "layers/zones.geojson", "layers/borders.geojson"):
        assert (out / f).is_file(), f
    doc = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    assert {c["kind"] for c in doc["claims"]} == {"distance_to_border", "buffer_inside_along_border",
                                                  "radius_around_place", "distance_between_places"}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| c1 |" in report and "consistent" in report
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp folders left


def test_map_article_with_out_dir_is_deterministic(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Border report\n\nSumy is about 30 km from the Russian border.\n", encoding="utf-8")
    for o in ("o1", "o2"):
        assert main(["map", str(art), "-o", str(tmp_path / o), "--quiet"]) == 0
    a = (tmp_path / "o1" / "claims.json").read_bytes()
    b = (tmp_path / "o2" / "claims.json").read_bytes()
    assert a.replace(b"o1", b"") == b.replace(b"o2", b"")
    assert (tmp_path / "o1" / "map.html").stat().st_size > 1000


@pytest.mark.parametrize("content,needle", [(b"", "empty"), (b"\x00\x01\x02\x03PK\x00", "binary"),
                                            (b"\xff\xfe\xfd", "UTF-8")])
def test_bad_input_no_partial_output(tmp_path: Path, content: bytes, needle: str, capsys) -> None:
    art = tmp_path / "bad.txt"
    art.write_bytes(content)
    out = tmp_path / "out"
    rc = main(["map", str(art), "-o", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1 and needle in err and "geomap map: error:" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


def test_missing_file(tmp_path: Path, capsys) -> None:
    rc = main(["map", str(tmp_path / "nope.md"), "-o", str(tmp_path / "out")])
    assert rc == 1 and "no such article file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
