"""`geomap resolve`: JSON contract, exit codes, one-line errors, no heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

KEYS = ["id", "name", "kind", "country", "admin1", "lat", "lon", "population", "score"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", "resolve", *args], capture_output=True, text=True,
                          timeout=60)


def test_json_contract(manifest) -> None:
    p = _run("Sumy", "--json", "--limit", "3")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert 1 <= len(out) <= 3
    assert all(list(o) == KEYS for o in out)
    assert out[0]["id"] == "geonames:692194" and out[0]["kind"] == "place"
    assert [o["score"] for o in out] == sorted((o["score"] for o in out), reverse=True)


def test_context_and_country(manifest) -> None:
    fl = json.loads(_run("St. Petersburg", "--context", "Florida", "--json").stdout)[0]
    assert (fl["country"], fl["admin1"]) == ("US", "Florida")
    us = json.loads(_run("St. Petersburg", "--country", "US", "--json").stdout)
    assert us and all(o["country"] == "US" for o in us)


def test_every_unknown_context_name_is_an_error(manifest) -> None:
    # an unknown name after a known one used to be dropped silently
    p = _run("St. Petersburg", "--context", "Florida", "--context", "Qqqzzzxx")
    assert p.returncode != 0 and "unknown --context 'Qqqzzzxx'" in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_table_output(manifest) -> None:
    p = _run("Sumy region")
    assert p.returncode == 0 and "admin1:UA.21" in p.stdout


def test_not_found_exit_2(manifest) -> None:
    p = _run("Sumyy")
    assert p.returncode == 2
    assert "Sumyy" in p.stderr and "Sumy (UA" in p.stderr and "Traceback" not in p.stderr
    assert p.stderr.count(";") <= 5


@pytest.mark.parametrize("args", [[""], ["   "], ["!!!"], ["Su\x01my"], ["x" * 10_000], ["Sumy", "--country", "XX"],
                                  ["Sumy", "--country", "ZZZ"], ["Sumy", "--context", "Qqqzzzxx"],
                                  ["Sumy", "--limit", "0"]])
def test_bad_input(manifest, args: list[str]) -> None:
    p = _run(*args)
    assert p.returncode != 0
    assert "Traceback" not in p.stderr and p.stderr.startswith("geomap resolve: error:")
    assert len(p.stderr.strip().splitlines()) == 1 and len(p.stderr) < 400


def test_no_heavy_imports(manifest) -> None:
    code = ("import sys; from geomap.cli import main; rc = main(['resolve', 'Sumy', '--json']); "
            "bad = [m for m in ('geopandas', 'shapely', 'folium', 'pyarrow', 'pandas') if m in sys.modules]; "
            "print(bad, file=sys.stderr); sys.exit(rc or (3 if bad else 0))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
