"""Instructions per distinct LGL name (resolve(), empty caches) and per LGL document (resolve_document()), counted by
valgrind's cachegrind: a machine-independent figure beside bench_resolve.py's names/s, which move with the load of
a shared box. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_resolve_instructions.py [--lgl ../shared/eval/lgl.jsonl]

Each figure is (instructions of a run with 3 passes - those of a run with 1 pass) / (2 x items), so start-up and
loading cancel out. OpenBLAS threads are held to one (their spinning would be counted). Needs valgrind
(apt-get install valgrind); some 2 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from _eval import LGL  # ../shared/eval relative to the repository root


def _passes(mode: str, lgl: Path, n: int) -> None:
    """The measured work: ``n`` passes over the distinct names ("names") or the documents ("docs") of ``lgl``."""
    from gazetteer import Gazetteer
    from gazetteer.errors import GazetteerError
    from gazetteer.rank import resolve_document

    gaz = Gazetteer.load()
    docs = [[t["name"] for t in json.loads(line)["toponyms"]]
            for line in lgl.read_text(encoding="utf-8").split("\n") if line.strip()]
    names = [x for d in docs for x in d]
    distinct = list(dict.fromkeys(names))
    for x in names:  # as bench_resolve.py: a cold stream first (memos of admin-1 names, division dict)
        try:
            gaz.resolve(x)
        except GazetteerError:
            pass
    for _ in range(n):
        gaz.cache_clear()
        if mode == "names":
            gaz._cand_cache.clear()
            for x in distinct:
                try:
                    gaz.resolve(x)
                except GazetteerError:
                    pass
        else:
            for d in docs:
                resolve_document(gaz, d)


def _count(mode: str, lgl: Path, n: int) -> int:
    """Instructions of a fresh process doing ``n`` passes (cachegrind's I refs)."""
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", sys.executable,
           __file__, "--child", mode, str(n), "--lgl", str(lgl)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    err = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stderr
    m = re.search(r"I\s+refs:\s+([\d,]+)", err)
    if not m:
        raise RuntimeError(f"no instruction count in valgrind's output: {err[-300:]}")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lgl", type=Path, default=LGL)
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PASSES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _passes(args.child[0], args.lgl, int(args.child[1]))
        return 0
    if not args.lgl.exists():
        print(f"LGL file {args.lgl} not found: no figure")
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): no figure")
        return 0
    docs = [line for line in args.lgl.read_text(encoding="utf-8").split("\n") if line.strip()]
    n_names = len({t["name"] for line in docs for t in json.loads(line)["toponyms"]})
    for mode, items, what in (("names", n_names, "distinct LGL name, resolve(), empty caches"),
                              ("docs", len(docs), "LGL document, resolve_document(), empty query caches")):
        per = (_count(mode, args.lgl, 3) - _count(mode, args.lgl, 1)) / (2 * items)
        print(f"instructions per {what}: {per:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
