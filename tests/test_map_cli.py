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


def test_provenance_in_every_output_and_reruns_byte_identical(tmp_path: Path) -> None:
    import hashlib

    import pyogrio

    import geomap
    from gazetteer.packfiles import pack_dir

    art = tmp_path / "a.md"
    art.write_bytes(b"# Border report\n\nSumy is about 30 km from the Russian border.\n")
    for o in ("o1", "o2"):
        assert main(["map", str(art), "-o", str(tmp_path / o), "--quiet"]) == 0
    want = {"schema_version": 1, "geomap_version": geomap.__version__,
            "article_sha256": hashlib.sha256(art.read_bytes()).hexdigest(),
            "pack_checksum": hashlib.sha256((pack_dir() / "manifest.json").read_bytes()).hexdigest()}
    doc = json.loads((tmp_path / "o1" / "claims.json").read_text(encoding="utf-8"))
    assert {k: doc[k] for k in want} == want
    layers = sorted((tmp_path / "o1" / "layers").glob("*.geojson"))
    assert layers
    for p in layers:
        assert json.loads(p.read_text(encoding="utf-8"))["geomap"] == want, p.name
    meta = pyogrio.read_info(tmp_path / "o1" / "layers.gpkg", layer="places")["dataset_metadata"]
    assert {k: meta[f"GEOMAP_{k.upper()}"] for k in want} == {k: str(v) for k, v in want.items()}
    files = sorted(p.relative_to(tmp_path / "o1").as_posix() for p in (tmp_path / "o1").rglob("*") if p.is_file())
    assert "geomap-manifest.json" in files
    for rel in files:  # no timestamps: a rerun is byte-identical (map.html aside: folium's element ids are random)
        if rel not in ("map.html", "geomap-manifest.json"):
            assert (tmp_path / "o1" / rel).read_bytes() == (tmp_path / "o2" / rel).read_bytes(), rel
    m1, m2 = (json.loads((tmp_path / o / "geomap-manifest.json").read_text()) for o in ("o1", "o2"))
    assert [f for f in m1["files"] if f["path"] != "map.html"] == [f for f in m2["files"] if f["path"] != "map.html"]
    assert {k: v for k, v in m1.items() if k != "files"} == {"generator": "geomap", "geomap_version": geomap.__version__}


def test_user_notes_beside_outputs_survive_every_rule(tmp_path: Path, capsys) -> None:
    """The issue's example: notes in the folder are refused without --force, kept with it and on later reruns."""
    art = tmp_path / "a.txt"
    art.write_text("Border report\n\nSumy is about 30 km from the Russian border.\n", encoding="utf-8")
    d = tmp_path / "d"
    d.mkdir()
    (d / "notes.txt").write_text("x\n", encoding="utf-8")
    assert main(["map", str(art), "-o", str(d), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "notes.txt" in err and "--force" in err
    assert sorted(p.name for p in d.iterdir()) == ["notes.txt"]
    assert main(["map", str(art), "-o", str(d), "--quiet", "--force"]) == 0
    assert main(["map", str(art), "-o", str(d), "--quiet"]) == 0  # a manifest folder now: file by file
    assert (d / "notes.txt").read_text(encoding="utf-8") == "x\n" and (d / "map.html").is_file()
    assert not [p for p in tmp_path.rglob("*") if ".geomap-tmp" in p.name]
