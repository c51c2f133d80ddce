"""The per-process geometry cache (issue: corpus speed): same answers on and off, counted hits, bounded size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from geomap.analysis import analyze
from geomap.geo import cache

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "geomap" / "examples").glob("*.md"))

# our own sentences: the same places at other distances, and one question asked twice with a different border
VARIANT = """Strikes along the border
May 2, 2025
Sumy is about 25 km from the Russian border. Troops advanced up to 7 km inside Ukrainian territory in the Sumy
region. Krasnopillia is some 10 km from the border. Moscow wants a 15 km zone around Kursk. Kharkiv is about
145 km south-east of Sumy. Sumy is about 25 km from the border with Belarus.
"""


@pytest.fixture()
def fresh_cache():
    cache.set_enabled(None)
    yield cache
    cache.set_enabled(None)


def _claims(texts: list[str]) -> list[str]:
    out = []
    for t in texts:
        an = analyze(t)
        out.append(json.dumps(json.loads(an.to_claims_json())["claims"], sort_keys=True))
    return out


def test_answers_identical_with_and_without_the_cache(fresh_cache):
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES] + [VARIANT]
    cache.set_enabled(False)
    off = _claims(texts)
    assert cache.stats()["hits"] == 0
    cache.set_enabled(True)
    cold = _claims(texts)
    first = cache.stats()
    warm = _claims(texts)  # every question again: answered from the cache
    st = cache.stats()
    assert off == cold == warm
    assert st["misses"] == first["misses"] > 0
    assert st["hits"] - first["hits"] >= first["misses"]


def test_environment_switches_the_cache_off(fresh_cache, monkeypatch):
    monkeypatch.setenv("GEOMAP_GEOMETRY_CACHE", "0")
    assert not cache.enabled()
    monkeypatch.setenv("GEOMAP_GEOMETRY_CACHE", "1")
    assert cache.enabled()
    cache.set_enabled(False)
    assert not cache.enabled()


def test_key_holds_the_real_inputs_not_the_claim():
    from gazetteer import Candidate

    a = Candidate("geonames:1", "A", "place", "UA", None, 50.0, 30.0, 0)
    b = Candidate("geonames:1", "A", "place", "UA", None, 50.5, 30.0, 0)
    assert cache.key_of("zone", (a, 10.0), {}) != cache.key_of("zone", (b, 10.0), {})
    assert cache.key_of("distance_to_border", (a, "UA", "RU"), {}) != \
        cache.key_of("distance_to_border", (a, "UA", "BY"), {})
    s1, s2 = shapely.Point(30, 50).buffer(1), shapely.Point(31, 50).buffer(1)
    assert cache.key_of("band", (), {"inside": "UA", "stretch": s1}) != \
        cache.key_of("band", (), {"inside": "UA", "stretch": s2})
    assert cache.key_of("band", (), {"inside": "UA", "km": 12.0}) == cache.key_of("band", (), {"km": 12, "inside": "UA"})


def test_lru_is_bounded_by_entries_and_coordinates():
    c = cache.GeometryCache(max_entries=3, max_coords=1000)
    for i in range(5):
        c.put(i, True, i)
    assert len(c) == 3 and c.get(0) is None and c.get(4) == (True, 4)

    class Shape:
        def __init__(self, n: int) -> None:
            self.geometry = shapely.LineString([(x, 0) for x in range(n)])

    c = cache.GeometryCache(max_entries=100, max_coords=1000)
    c.put("a", True, Shape(600))
    c.get("a")
    c.put("b", True, Shape(600))  # over the coordinate budget: the least recently used goes
    assert c.get("a") is None and c.get("b") is not None and c.coords == 600
    c.put("huge", True, Shape(2000))  # larger than the whole budget: not kept
    assert c.get("huge") is None


def test_errors_are_cached_and_raised_again(fresh_cache):
    from geomap.errors import GeometryError

    calls = []

    def fails(x):
        calls.append(x)
        raise GeometryError(f"no border for {x}")

    for _ in range(3):
        with pytest.raises(GeometryError, match="no border for q"):
            cache.cached_call("test_fails", fails, "q")
    assert calls == ["q"]
