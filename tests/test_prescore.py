"""The context-free rankings stored at pack build (gazetteer.prescore) give what query-time scoring gives; a pack
without them, or of another scoring version, is ranked at query time with the same answers; the key search
within a 16-bit hash bucket finds what the full bisect finds."""

from __future__ import annotations

import json
import shutil
from array import array
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from gazetteer import Gazetteer, schema
from gazetteer import index as I
from gazetteer.packfiles import pack_dir, sha256_file
from gazetteer.prescore import Rankings
from gazetteer.scoring import SCORING_REVISION, scoring_version

NAMES = ["Sumy", "Sumy Oblast", "the Sumy region", "Kyiv region", "Kyiv", "Odessa", "Quebec", "Springfield",
         "Washington", "New York", "New York State", "Georgia", "Ukraine", "Ukrainian", "U.S.", "UK", "UKR", "Fla.",
         "Laurel County", "Gwinnett", "North London", "the Russian border", "Europe", "the Sahel", "Paris",
         "Сумська область", "Київ", "St. Louis", "Kharkiv Oblast", "Nowhereville", "London", "Victoria"]


@pytest.fixture(scope="module")
def gaz(manifest) -> Gazetteer:
    return Gazetteer.load()


def _answers(g: Gazetteer, names: list[str]) -> list[list[dict]]:
    g.cache_clear()
    out = []
    for n in names:
        for limit in (1, 3, 10, 25):
            out.append([c.to_dict() | {"score": c.score} for c in g.resolve(n, limit=limit)])
    return out


DOCS = [["Sumy", "Kharkiv", "Okhtyrka", "Kyiv region"], ["Springfield", "Illinois", "Chicago", "Peoria"],
        ["Paris", "Texas", "Dallas"], ["London", "Ontario", "Toronto"], ["Georgia", "Tbilisi", "Batumi"],
        ["Georgia", "Atlanta", "Macon", "Laurel County"], ["Odessa", "Mykolaiv", "Kherson Oblast", "Ukraine"]]


def _context_answers(g: Gazetteer) -> list:
    """Answers with context: names beside others, near a point, and whole documents (the joint resolver)."""
    from gazetteer.rank import resolve_document

    g.cache_clear()
    out: list = []
    for n in NAMES:
        for kw in ({"context": ["Kharkiv", "Sumy Oblast"]}, {"context": ["Illinois"]}, {"near": (50.9, 34.8)},
                   {"near": (39.8, -89.6), "limit": 3}):
            out.append([(c.id, c.score) for c in g.resolve(n, **kw)])
    for d in DOCS:
        out.append([None if c is None else (c.id, c.score) for c in resolve_document(g, d)])
    return out


def _sample_keys(g: Gazetteer, step: int = 383) -> list[str]:
    """Every ``step``-th key of the index (any kind and size) and a few phrases taking the fallbacks."""
    keys = [k for i, (k, _p, _kind) in enumerate(g.spotting_names()) if i % step == 0]
    return keys + [f"{k} region" for k in keys[:100]] + [f"{k} county" for k in keys[100:200]]


def _query_time(g: Gazetteer):
    """A view of ``g`` ranking at query time (its stored rankings switched off)."""
    ranked = g._scoring._ranked
    g._scoring._ranked = None
    g.cache_clear()
    return ranked


def test_stored_rankings_are_the_query_time_rankings(gaz: Gazetteer) -> None:
    if gaz._rankings is None:
        pytest.skip("the pack has no context-free rankings of this scoring version (rebuild it to test them)")
    keys = _sample_keys(gaz)
    stored = {(k, limit): gaz._rankings.ranked(k, limit) for k in keys for limit in (1, 2, 10, 400)}
    own = [k for k in keys if gaz._key_index(k) >= 0]
    assert sum(stored[k, 10] is not None for k in own) > 0.99 * len(own)
    ranked = _query_time(gaz)
    try:
        sc = gaz._scoring
        for (k, limit), got in stored.items():
            if got is not None:
                assert got == sc.scored(k, None, I.KIND_NAMES, None, (), limit, False), (
                    k, limit, "stored rankings differ from query-time scoring: raise SCORING_REVISION in "
                    "gazetteer/scoring.py and rebuild the pack")
    finally:
        gaz._scoring._ranked = ranked
        gaz.cache_clear()


def _copy_pack(tmp_path: Path) -> Path:
    dst = tmp_path / "pack"
    shutil.copytree(pack_dir() / "index", dst / "index")
    shutil.copy(pack_dir() / "manifest.json", dst / "manifest.json")
    return dst


def _restamp(pack: Path, drop: tuple[str, ...] = ()) -> None:
    """Record the index files' checksums in the copy's manifest again, without the files ``drop``."""
    m = json.loads((pack / "manifest.json").read_text())
    for name in drop:
        (pack / "index" / name).unlink()
        m["files"].pop(f"index/{name}", None)
    for rel in m["files"]:
        if rel.startswith("index/"):
            p = pack / rel
            m["files"][rel] = {"sha256": sha256_file(p), "size": p.stat().st_size}
    (pack / "manifest.json").write_text(json.dumps(m))


def test_an_older_or_stale_pack_is_ranked_at_query_time(gaz: Gazetteer, tmp_path: Path) -> None:
    want, want_ctx = _answers(gaz, NAMES), _context_answers(gaz)
    pack = _copy_pack(tmp_path)
    meta_p = pack / "index" / "meta.json"
    meta = json.loads(meta_p.read_text())
    meta["scoring"] = f"{SCORING_REVISION - 1}.0000000000000000"  # ranked by an older scoring
    meta_p.write_text(json.dumps(meta))
    _restamp(pack)
    stale = Gazetteer.load(tmp_path)
    assert stale._rankings is None and stale._scoring._ranked is None
    assert _answers(stale, NAMES) == want
    assert _context_answers(stale) == want_ctx  # the context engines read the stored rankings too
    # a pack built before the rankings and the hash buckets: no such files at all
    _restamp(pack, drop=("rank_ent.npy", "rank_score.npy", "key_bucket.npy"))
    older = Gazetteer.load(tmp_path)
    assert older._rankings is None and older._key_bucket is None
    assert _answers(older, NAMES) == want


def test_the_bucket_search_finds_what_the_bisect_finds(gaz: Gazetteer) -> None:
    import numpy as np

    if gaz._key_bucket is None:
        pytest.skip("the pack has no key_bucket array (rebuild it to test it)")
    hashes, bucket = gaz._a.np("key_hash"), gaz._a.np("key_bucket").astype(np.int64)
    assert len(bucket) == (1 << I.BUCKET_BITS) + 1 and bucket[0] == 0 and bucket[-1] == len(hashes)
    assert np.array_equal(bucket, I.hash_buckets(hashes))
    top = (hashes >> np.uint64(64 - I.BUCKET_BITS)).astype(np.int64)  # each hash lies in its own bucket
    assert np.array_equal(np.searchsorted(bucket, np.arange(len(hashes)), side="right") - 1, top)
    keys = _sample_keys(gaz, 211)
    probe = keys + [k + "x" for k in keys] + ["", "nowhere at all"]
    in_bucket, plain = I.key_finder(gaz._key_hash, gaz._key_bucket), I.key_finder(gaz._key_hash)
    for k in probe:
        assert in_bucket(k) == plain(k) == I.find_hash(gaz._key_hash, I.key_hash(k)), k
    assert sum(in_bucket(k) >= 0 for k in keys) >= len(keys) * 0.9


def _views(**cols: tuple[str, list]) -> dict[str, memoryview]:
    return {k: memoryview(array(code, vals)) for k, (code, vals) in cols.items()}


def test_rankings_read_their_slots() -> None:
    # three keys of 2, 3 and 1 postings: ranked with two candidates (one padding slot), unranked, one candidate
    arrays = _views(post_off=("I", [0, 2, 5, 6]), post_ent=("i", [7, 8, 1, 2, 3, 9]),
                    rank_ent=("i", [8, 7, -1, 0, 0, 9]), rank_score=("d", [2.5, 1.25, 0.0, 0.0, 0.0, 3.0]))
    rows = {"a": 0, "b": 1, "c": 2}
    r = Rankings(arrays, lambda k: rows.get(k, -1))
    arrays["rank_ent"] = memoryview(array("i", [8, 7, 1, 3, -1, 9]))
    r2 = Rankings(arrays, lambda k: rows.get(k, -1))
    assert r.ranked("a", 10) == [(2.5, 8), (1.25, 7)] and r.ranked("a", 1) == [(2.5, 8)]
    assert r.ranked("b", 10) is None and r.ranked("zz", 10) is None  # unranked; not in the index
    assert r.ranked("c", 1) == [(3.0, 9)]
    assert Rankings(arrays, lambda k: rows.get(k, -1), frozenset({"c"})).ranked("c", 1) is None  # a macro region
    assert r2.ranked("b", 10) == [(0.0, 1), (0.0, 3)] and r2.ranked("b", 2) == [(0.0, 1), (0.0, 3)]
    meta = {"scoring": scoring_version()}
    assert Rankings.of(arrays, meta, rows.get) is not None
    assert Rankings.of(arrays, {"scoring": "0.x"}, rows.get) is None and Rankings.of(arrays, {}, rows.get) is None
    del arrays["rank_score"]
    assert Rankings.of(arrays, meta, rows.get) is None


def test_scoring_version_follows_the_weights(monkeypatch) -> None:
    from gazetteer import scoring

    v = scoring_version()
    assert v.startswith(f"{SCORING_REVISION}.") and v == scoring_version()
    monkeypatch.setattr(scoring, "W_CITY_FIRST", scoring.W_CITY_FIRST - 0.5)
    assert scoring_version() != v
    monkeypatch.undo()
    assert scoring_version() == v
    monkeypatch.setattr(scoring, "REGION_WORDS", scoring.REGION_WORDS | {"zone"})
    assert scoring_version() != v


def test_a_small_index_is_built_with_rankings_equal_to_query_time(gaz: Gazetteer, tmp_path: Path) -> None:
    # countries and regions whole, the places of three countries: every key's stored ranking is compared
    src = pack_dir()
    for t in (schema.COUNTRIES, schema.ADMIN1, schema.CONTINENTS, schema.WORLD_REGIONS):
        pq.write_table(pq.read_table(t.path(src), columns=list(t.columns)), t.path(tmp_path))
    places = pq.read_table(schema.PLACES.path(src), columns=list(schema.PLACES.columns))
    places = places.filter(pc.is_in(places["country"], value_set=pa.array(["UA", "BY", "MD"])))
    pq.write_table(places, schema.PLACES.path(tmp_path))
    stats = I.build_index(tmp_path)
    root = tmp_path / "index"
    g = Gazetteer.open_index(root, I.OPTIONAL_ARRAYS)
    assert g._rankings is not None and g._key_bucket is not None
    assert json.loads((root / "meta.json").read_text())["scoring"] == scoring_version()
    koff, blob = g._key_off.tolist(), bytes(g._keys[:])
    keys = [blob[koff[i]:koff[i + 1]].decode("utf-8") for i in range(len(koff) - 1)]
    assert stats["keys"] == len(keys) and 0.97 * len(keys) < stats["ranked_keys"] <= len(keys)
    stored = {k: g._rankings.ranked(k, 400) for k in keys}
    plain = Gazetteer.open_index(root, ())  # no stored rankings, no buckets
    assert plain._rankings is None and plain._key_bucket is None
    sc = plain._scoring
    n = 0
    for k, got in stored.items():
        if got is not None:
            n += 1
            assert got == sc.scored(k, None, I.KIND_NAMES, None, (), 400, False), k
        else:
            assert k in plain._macro or not plain.direct_postings(k, False)[0] or len(
                sc.scored(k, None, I.KIND_NAMES, None, (), 400, False)) > len(plain._lookup(k)), k
    assert n == stats["ranked_keys"]
    names = NAMES + ["Kharkiv", "Lviv", "Minsk", "Chisinau", "Balti", "Brest", "Odesa Oblast", "Vitebsk Region"]
    assert _answers(g, names) == _answers(plain, names)
