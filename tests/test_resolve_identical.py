"""The fast resolve path gives the answers of the plain algorithm it shortcuts: every LGL and TR-News gold name
(../shared/eval beside the repo root, read only) and names of our own, compared with a reference written here the
straightforward way — every check of a name in order, divisions found by bisecting their hashes, each candidate
made whole by the dataclass constructor from the index arrays (numpy), the ranking by the context engine with an
empty context."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from gazetteer import Candidate, Gazetteer
from gazetteer import index as I
from gazetteer.core import MAX_NAME_LEN
from gazetteer.errors import BadNameError, GazetteerError
from gazetteer.normalize import has_control, normalize

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
GOLD = ("lgl.jsonl", "trnews.jsonl")
# our own names: plain, dotted, accented, other scripts, region phrases, divisions, parts, codes, bad input
OWN = ["Sumy", "Sumy Oblast", "the Sumy region", "Kyiv region", "Odessa", "St. Louis", "Ste. Genevieve",
       "Mt. Vernon", "Ft. Worth", "Laurel County", "Loudon Co.", "Gwinnett", "Walker County", "North London",
       "the Greater Toronto Area", "the Russian border", "Ukrainian territory", "U.S.", "UK", "UA", "UKR",
       "Ukrainian", "Fla.", "W.Va.", "Europe", "the Sahel", "Сумська область", "Київ", "São Paulo", "Zürich",
       "Al-Hasakah", "THE HAGUE", "The", "the the", "new  york", " Paris ", "Washington D.C.", "Côte d'Ivoire",
       "O'Hare", "Sainte-Foy", "Quebec", "New York State", "state of Florida", "Nowhereville", "Zzyzx Parish",
       "x" * MAX_NAME_LEN, "y" * (MAX_NAME_LEN + 1), "", "   ", "12", "!!!", "a\tb", "Kyiv\u200b", "Ａｂｃ"]


def _reference_validate(name: object) -> str:
    """Every check of a name, in order (the algorithm before the plain-name shortcut)."""
    if not isinstance(name, str):
        raise BadNameError("not text")
    if not name.strip():
        raise BadNameError("empty")
    if len(name) > MAX_NAME_LEN:
        raise BadNameError("too long")
    if has_control(name):
        raise BadNameError("control characters")
    key = normalize.__wrapped__(name)
    if not key or not any(map(str.isalnum, key)):
        raise BadNameError("no letters or digits")
    return key


@pytest.fixture(scope="module")
def gaz(manifest) -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def arrays(gaz: Gazetteer) -> dict:
    """The entity arrays (numpy) and the display-name blob ("names")."""
    a: dict = {n: np.load(gaz.root / f"{n}.npy") for n in ("ent_kind", "ent_country", "ent_admin1", "ent_lat",
                                                           "ent_lon", "ent_pop", "ent_gid", "ent_name_off")}
    a["names"] = (gaz.root / "names.bin").read_bytes()
    return a


def _whole(gaz: Gazetteer, a: dict, row: int, score: float) -> Candidate:
    """The candidate of entity ``row`` made whole by the dataclass constructor from the numpy arrays."""
    off, names = a["ent_name_off"], a["names"]
    gid, a1, kind = int(a["ent_gid"][row]), int(a["ent_admin1"][row]), int(a["ent_kind"][row])
    return Candidate(id=f"geonames:{gid}" if kind == I.PLACE and gid >= 0 else gaz._id(row),
                     name=names[int(off[row]):int(off[row + 1])].decode("utf-8"), kind=I.KINDS[kind],
                     country=gaz.countries[int(a["ent_country"][row])],
                     admin1=gaz._name(a1) if a1 >= 0 else None, lat=float(a["ent_lat"][row]),
                     lon=float(a["ent_lon"][row]), population=int(a["ent_pop"][row]), score=score,
                     geonameid=gid if gid >= 0 else None)


def _reference_resolve(gaz: Gazetteer, a: dict, name: str, limit: int) -> list[Candidate] | str:
    """resolve(name, limit=limit) the plain way, or the error class name."""
    try:
        key = _reference_validate(name)
    except BadNameError:
        return "BadNameError"
    pairs = gaz._scoring.scored(key, None, I.KIND_NAMES, None, (), limit, False, (0, {}, {}, []))
    return [_whole(gaz, a, e, s) for s, e in pairs]


def _gold_names() -> list[str]:
    missing = [f for f in GOLD if not (EVAL / f).exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the gold sets {missing} are missing from {EVAL}")
        pytest.skip(f"{missing} not found (they live beside the repo root, in ../shared/eval)")
    names = [t["name"] for f in GOLD for line in (EVAL / f).read_text(encoding="utf-8").split("\n")
             if line.strip() for t in json.loads(line)["toponyms"]]
    return list(dict.fromkeys(names))


def _bisect_find(adm, key: str) -> int:
    """The division-name row by bisecting the sorted hashes (the algorithm before the dict)."""
    return I.find_hash(adm._hash, I.key_hash(key))


@pytest.mark.slow
def test_gold_and_own_names_resolve_as_the_reference(gaz: Gazetteer, arrays, monkeypatch) -> None:
    names = _gold_names()
    names += OWN + [n.upper() for n in names[:300]] + [f"{n} County" for n in names[:300]]
    assert len(names) > 2000
    fast: dict[tuple[str, int], object] = {}
    gaz.cache_clear()
    for limit in (10, 1, 25):
        for n in names:
            try:
                fast[n, limit] = gaz.resolve(n, limit=limit)
            except BadNameError:
                fast[n, limit] = "BadNameError"
    gaz.cache_clear()
    monkeypatch.setattr(gaz._admin2, "_find", lambda key: _bisect_find(gaz._admin2, key))
    found = 0
    for (n, limit), got in fast.items():
        ref = _reference_resolve(gaz, arrays, n, limit)
        if isinstance(ref, str):
            assert got == ref, n
            continue
        found += len(ref)
        assert [c.id for c in got] == [c.id for c in ref], (n, limit)
        assert [c.score for c in got] == [c.score for c in ref], (n, limit)  # the same floats
        assert got == ref and [c.geonameid for c in got] == [c.geonameid for c in ref], (n, limit)
        assert [c.to_dict() for c in got] == [c.to_dict() for c in ref], (n, limit)
    gaz.cache_clear()
    assert found > 20000


def test_plain_names_validate_as_every_check_does() -> None:
    from gazetteer.core import validate_name

    names = OWN + ["Sumy", "sumy", "SUMY", "The Hague", "the", "St Louis", "st louis", "Mt Hood", "Ft Wayne",
                   "Ste Anne", "Sainte Anne", "MTN View", "New  York", "New York ", "A", "Z" * MAX_NAME_LEN,
                   "Z" * (MAX_NAME_LEN + 1), "Kyiv\n", "ab c"]
    for n in names:
        try:
            ref = _reference_validate(n)
        except BadNameError:
            ref = None
        try:
            got = validate_name(n)
        except BadNameError:
            got = None
        assert got == ref, n
    for bad in (None, 5, b"Sumy"):
        with pytest.raises(BadNameError):
            validate_name(bad)


def test_division_lookup_matches_the_bisect(gaz: Gazetteer) -> None:
    adm = gaz._admin2
    hashes = adm._hash.tolist()
    assert len(hashes) > 1000
    adm._find("laurel county")  # the dict is made on the first probe
    assert len(adm._pos) == len(set(hashes))
    for i in range(0, len(hashes), 7):
        assert adm._pos[hashes[i]] == I.find_hash(adm._hash, hashes[i])
    for key in ("laurel county", "gwinnett county", "gwinnett", "loudon county", "nowhere county", "sumy",
                "avoyelles", "rapides parish", "pointe coupee", "nowhere"):
        assert adm._find(key) == _bisect_find(adm, key), key
        assert adm.table_key(key) == next((k for k in (key, f"{key} county", f"{key} parish")
                                           if _bisect_find(adm, k) >= 0), None), key


def test_candidates_are_whole_ones(gaz: Gazetteer, arrays) -> None:
    for name in ("Sumy", "Ukraine", "Kentucky", "Springfield", "Europe"):
        got = gaz.resolve(name, limit=5)
        whole = [_whole(gaz, arrays, r, c.score) for c, r in zip(got, gaz.rows(got), strict=True)]
        assert got == whole and [hash(c) for c in got] == [hash(w) for w in whole]
        assert [repr(c) for c in got] == [repr(w) for w in whole]
        for c, w in zip(got, whole, strict=True):
            assert pickle.loads(pickle.dumps(c)) == w and copy.deepcopy(c) == w
            assert dataclasses.replace(c, score=1.0) == dataclasses.replace(w, score=1.0)
            assert dataclasses.asdict(c) == dataclasses.asdict(w) and c.label() == w.label()
            with pytest.raises(dataclasses.FrozenInstanceError):
                c.score = 2.0


def test_resolve_errors_are_unchanged(gaz: Gazetteer) -> None:
    for bad in ("", "   ", "!!!", "a\tb", "y" * (MAX_NAME_LEN + 1)):
        with pytest.raises(BadNameError):
            gaz.resolve(bad)
    with pytest.raises(GazetteerError):
        gaz.resolve_one("Nowhereville Zzyzx")
