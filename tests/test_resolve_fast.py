"""The one-name resolve path (typed memoryviews, no numpy) against the general paths it shortcuts, on a few
thousand names of the pack's own index; and the stdlib .npy reader against numpy's."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from gazetteer import Candidate, Gazetteer
from gazetteer import index as I
from gazetteer.npyfile import IndexArrays, NpyFormatError, read_npy
from gazetteer.scoring import MAX_POSTINGS

N_KEYS = 3000


@pytest.fixture(scope="module")
def gaz(manifest) -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def keys(gaz: Gazetteer) -> list[str]:
    """Every n-th spotted key of the index (places, regions, countries of every size), plus keys with a region
    word, a generic tail and a second-level division word, which take the fallback paths."""
    allk = [k for k, _p, _kind in gaz.spotting_names()]
    step = max(1, len(allk) // N_KEYS)
    picked = allk[::step][:N_KEYS]
    return picked + [f"{k} region" for k in picked[:200]] + [f"{k} border" for k in picked[200:300]] + [
        f"{k} county" for k in picked[300:400]]


def test_npy_reader_matches_numpy(gaz: Gazetteer) -> None:
    arrays = IndexArrays(gaz.root, I.ARRAYS)
    for name in I.ARRAYS:
        ref = np.load(gaz.root / f"{name}.npy", allow_pickle=False)
        mv = arrays[name]
        assert len(mv) == len(ref), name
        assert np.array_equal(np.asarray(mv.tolist(), dtype=ref.dtype), ref), name
        view = arrays.np(name)
        assert view.dtype == ref.dtype.newbyteorder("=") and np.array_equal(view, ref), name
        assert not view.flags.writeable
        if len(ref):
            j = len(ref) // 2
            assert mv[j] == ref[j].item() and type(mv[j]) is type(ref[j].item()), name


def test_npy_reader_refuses_other_files(tmp_path) -> None:
    np.save(tmp_path / "two_d.npy", np.zeros((2, 3)))
    np.save(tmp_path / "objects.npy", np.array(["a", "bc"]))
    (tmp_path / "text.npy").write_text("not an array")
    for n in ("two_d", "objects", "text"):
        with pytest.raises(NpyFormatError, match=n):
            read_npy(tmp_path / f"{n}.npy")
    np.save(tmp_path / "ok.npy", np.arange(5, dtype="<i8"))
    mv, descr = read_npy(tmp_path / "ok.npy")
    assert mv.tolist() == [0, 1, 2, 3, 4] and descr == "<i8"


def test_one_pass_candidates_match_the_filtered_pass(gaz: Gazetteer, keys: list[str]) -> None:
    sc = gaz._scoring
    every_kind = frozenset(range(len(I.KINDS)))
    n = 0
    for k in keys:
        rows, _region, _weak = gaz._postings(k, False)
        if not rows or len(rows) > MAX_POSTINGS:
            continue
        n += 1
        assert sc._items(rows, None, I.KIND_NAMES) == sc._wanted(rows, None, every_kind), k
    assert n > N_KEYS // 2


def test_context_free_ranking_matches_the_context_engine(gaz: Gazetteer, keys: list[str]) -> None:
    # no context and no point: the plain sort must give what the context engine gives with an empty context
    sc = gaz._scoring
    empty = (0, {}, {}, [])
    for k in keys:
        for limit in (1, 3, 10):
            fast = sc.scored(k, None, I.KIND_NAMES, None, (), limit, False)
            assert fast == sc.scored(k, None, I.KIND_NAMES, None, (), limit, False, empty), (k, limit)


def test_resolve_default_path_matches_general_path_and_numpy_fields(gaz: Gazetteer, keys: list[str]) -> None:
    kind, lat, pop = (np.load(gaz.root / f"{n}.npy") for n in ("ent_kind", "ent_lat", "ent_pop"))
    found = 0
    for k in keys:
        gaz.cache_clear()
        fast = gaz.resolve(k)
        gaz.cache_clear()
        assert fast == gaz.resolve(k, kinds=sorted(I.KIND_NAMES), context=[]), k  # the general argument path
        for c, r in zip(fast, gaz.rows(fast), strict=True):
            found += 1
            ref = Candidate(id=c.id, name=c.name, kind=I.KINDS[int(kind[r])], country=c.country, admin1=c.admin1,
                            lat=float(lat[r]), lon=c.lon, population=int(pop[r]), score=c.score,
                            geonameid=c.geonameid)
            assert c == ref and c.to_dict() == ref.to_dict() and hash(c) == hash(ref), k
    assert found > N_KEYS


def test_batch_lookup_agrees_with_the_one_key_search(gaz: Gazetteer, keys: list[str]) -> None:
    probe = keys + [k + "x" for k in keys[:500]]
    found, _pops, _kinds = gaz.lookup_keys(probe)
    assert found.tolist() == [gaz._key_index(k) >= 0 for k in probe]
    assert found[:len(keys)].sum() >= N_KEYS  # the index's own keys are all found


def test_one_name_resolve_imports_no_numpy() -> None:
    code = ("import sys, io, contextlib\nfrom geomap.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    rc = main(['resolve', 'Sumy', '--json'])\n"
            "print(rc, 'numpy' in sys.modules, 'shutil' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "False", "False"]
