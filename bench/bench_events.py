"""Corpus throughput: conflict reporting and LGL documents of the same lengths, in-process and on Dask.

Corpora (``--corpora``, comma-separated):

* ``archive``: a synthetic conflict archive built from the project's own example articles
  (``geomap/examples/*.md``): every figure redrawn uniformly from 1–120 km, the towns swapped for towns drawn from
  50 real Ukrainian, Russian and Syrian places, fixed seed (``--seed``); ``--docs`` documents (default 2,000).
* ``dev``: the contexts of ``../shared/eval/claims-dev.jsonl`` (read, never copied), ``--dev-repeat`` times.
* ``lgl``: whole LGL articles repeated to ``--docs`` documents (warm caches after the first 588; not a default).
* ``lgl-archive`` / ``lgl-dev``: LGL articles (``../shared/eval/lgl.jsonl``, US local news, few distance claims) cut
  to the lengths of the archive's / the dev set's documents, one for one: the baseline, from the same bench run.

Configurations (``--configs``): ``inprocess`` (a fresh Python process per corpus, so caches start cold and peak RSS
is that run's), ``dask1`` and ``dask2`` (a LocalCluster started by the bench; its start-up is timed and printed
separately, not counted in docs/s). Prints docs/s, claims/s, geometry cache hit rate, peak RSS per worker and
output sizes, and the goals: conflict archive ≥ 0.5× the LGL docs/s of the same lengths; 2 workers ≥ 1.7× one;
peak RSS per worker ≤ 400 MB.

Usage: python bench/bench_events.py [--quick] [--docs N] [--corpora archive,lgl-archive,dev,lgl-dev]
       [--configs inprocess,dask1,dask2] [--map]
``--quick``: 200 archive documents, the dev set once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _eval import CLAIMS_DEV, LGL, ROOT  # ../shared/eval relative to the repository root

EXAMPLES = ROOT / "geomap" / "examples"

# real places the gazetteer resolves to the intended country (checked when the bench was written)
UKRAINE = ("Sumy Krasnopillia Bilopillia Okhtyrka Kharkiv Pokrovsk Kramatorsk Chernihiv Poltava Konotop Shostka "
           "Romny Lebedyn Trostianets Vovchansk Kupiansk Izium Sloviansk Bakhmut Kostiantynivka Zaporizhzhia "
           "Kherson Huliaipole Orikhiv Mykolaiv Chuhuiv Balakliia Lyman Avdiivka").split()
RUSSIA = "Kursk Belgorod Bryansk Sudzha Rylsk Shebekino Valuyki Lgov Glushkovo".split()
SYRIA = "Kobani Manbij Jarablus Azaz Raqqa Afrin Aleppo Idlib Amuda Qamishli Hasakah Derik".split()

# the towns of each example article that are swapped, and the pool each is drawn from
SLOTS = {
    "sumy_dispatch.md": {**{n: UKRAINE for n in ("Sumy", "Krasnopillia", "Bilopillia", "Velyka Pysarivka",
                                                 "Okhtyrka", "Kharkiv", "Pokrovsk", "Kramatorsk", "Chernihiv",
                                                 "Poltava")}, "Kursk": RUSSIA},
    "kobani_dispatch.md": {n: SYRIA for n in ("Kobani", "Tal Abyad", "Manbij", "Jarablus", "Azaz", "Al-Hasakah",
                                              "Raqqa", "Al-Qamishli", "Afrin")},
}
KM_LOW, KM_HIGH = 1, 120
_UNIT = r"(?:km|kilomet(?:re|er)s?|miles?)"


def _km(rng: random.Random) -> int:
    return rng.randint(KM_LOW, KM_HIGH)


_FIGURE = re.compile(r"between (?P<lo>\d+) and \d+(?P<bu>\s+" + _UNIT + r")"
                     r"|\b(?P<k>\d+) (?P<ku>kilomet(?:re|er)s?|km) \(\d+ miles\)"
                     r"|(?<![\d(])\b\d+(?P<u>\s*" + _UNIT + r")\b")


def _redraw_figures(text: str, rng: random.Random) -> str:
    """Every stated distance redrawn uniformly from 1–120 (ranges stay ordered, "N km (M miles)" stays true)."""
    def redraw(m: re.Match) -> str:
        if m.group("lo") is not None:
            lo, hi = sorted((_km(rng), _km(rng)))
            return f"between {lo} and {max(hi, lo + 1)}{m.group('bu')}"
        if m.group("k") is not None:
            k = _km(rng)
            return f"{k} {m.group('ku')} ({max(1, round(k / 1.609))} miles)"
        return f"{_km(rng)}{m.group('u')}"

    return _FIGURE.sub(redraw, text)


def _swap_towns(text: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    """Each slot town replaced (every mention, not "X region") by a distinct town from its pool, in one pass."""
    chosen: dict[str, str] = {}
    for name, pool in slots.items():
        chosen[name] = rng.choice([p for p in pool if p not in chosen.values()] or pool)
    names = "|".join(re.escape(n) for n in sorted(slots, key=len, reverse=True))
    return re.sub(rf"\b(?:{names})\b(?! region| Oblast)", lambda m: chosen[m.group(0)], text)


def conflict_archive(n: int, seed: int) -> list[dict]:
    """``n`` documents from the example articles with redrawn figures and towns (deterministic for ``seed``)."""
    rng = random.Random(seed)
    templates = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.md"))]
    docs = []
    for i in range(n):
        name, text = templates[i % len(templates)]
        body = _swap_towns(_redraw_figures(text, rng), SLOTS.get(name, {}), rng)
        docs.append({"id": f"archive-{i:05d}", "text": body, "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"})
    return docs


def dev_contexts(repeat: int) -> list[dict]:
    """The dev set's contexts (``repeat`` times, ids made unique)."""
    rows = [json.loads(line) for line in open(CLAIMS_DEV, encoding="utf-8")]
    return [{"id": f"{r['id']}-{k}", "text": r["context"], "date": r.get("date")}
            for k in range(repeat) for r in rows]


def lgl_same_lengths(docs: list[dict]) -> list[dict]:
    """One LGL document per given document, cut (at a space) to its length in characters; articles are used in
    turn, and shorter ones are joined with the next."""
    base = [json.loads(line)["text"] for line in open(LGL, encoding="utf-8")]
    out = []
    for i, d in enumerate(docs):
        want = len(d["text"])
        text, k = "", i
        while len(text) < want:
            text += base[k % len(base)] + "\n\n"
            k += 1
        cut = text.rfind(" ", 0, want)
        out.append({"id": f"lgl-{i:05d}", "text": text[:cut if cut > want // 2 else want], "date": d.get("date")})
    return out


def _write(docs: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    return path


def _claims(out: Path) -> int:
    import pyarrow.parquet as pq

    col = pq.read_table(out / "events.parquet", columns=["row_type"]).column("row_type").to_pylist()
    return sum(1 for v in col if v == "claim")


def _sizes(out: Path) -> str:
    return ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in sorted(out.iterdir()) if p.is_file())


def child(feed: str, out: str, write_map: bool) -> int:
    """Run one corpus in this (fresh) process; print a JSON line of the figures."""
    from geomap.events import run_events

    res = run_events([feed], out, workers=1, write_map=write_map)
    try:
        from geomap.geo import cache
    except ImportError:  # an older geomap (PYTHONPATH=... for a before/after figure): no geometry cache
        stats = {}
    else:
        stats = cache.stats()
    print(json.dumps({"docs": res.n_docs, "seconds": res.seconds, "rows": res.n_rows, "errors": res.n_errors,
                      "first": res.first_result_seconds, "rss": list(res.worker_memory_mb.values()),
                      "cache": stats}))
    return 0


def _inprocess(feed: Path, out: Path, write_map: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", str(feed), str(out)] + (["--map"] if write_map else [])
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise SystemExit(f"in-process run failed: {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def _merge_stats(stats: list[dict]) -> dict:
    hits = sum(s["hits"] for s in stats)
    misses = sum(s["misses"] for s in stats)
    return {"hits": hits, "misses": misses, "hit_rate": hits / (hits + misses) if hits + misses else None}


def _dask(feed: Path, out: Path, workers: int) -> dict:
    from dask.distributed import Client, get_task_stream

    from geomap.events import run_events
    from geomap.events.run import local_cluster, warm_worker
    from geomap.geo import cache

    t = time.perf_counter()
    with local_cluster(workers) as cl, Client(cl) as client:  # the cluster `geomap events --workers N` starts
        startup = time.perf_counter() - t
        t = time.perf_counter()
        client.run(warm_worker)  # what run_events does first; here timed apart (CPU below is document work)
        warm = time.perf_counter() - t
        cpu0 = client.run(_cpu_seconds)
        with get_task_stream(client) as ts:
            res = run_events([feed], out, scheduler=cl.scheduler_address, write_map=False)
        cpu = [v - cpu0[k] for k, v in client.run(_cpu_seconds).items()]
        st = _merge_stats(list(client.run(cache.stats).values()))
    return {"docs": res.n_docs, "seconds": res.seconds - res.startup_seconds, "rows": res.n_rows,
            "errors": res.n_errors, "first": res.first_result_seconds, "rss": list(res.worker_memory_mb.values()),
            "cache": st, "startup": startup, "warmup": warm + res.startup_seconds, "cpu": cpu,
            "busy": _busy(ts.data)}


def _busy(tasks: list[dict]) -> list[tuple[float, float, int]]:
    """Per worker, from Dask's task stream: (seconds computing, seconds idle between its first task's start and the
    last task's end on any worker, tasks run) — the balance of the workers and the scheduler's idle gaps."""
    spans: dict[str, list[tuple[float, float]]] = {}
    for t in tasks:
        for ss in t["startstops"]:
            if ss["action"] == "compute":
                spans.setdefault(t["worker"], []).append((ss["start"], ss["stop"]))
    if not spans:
        return []
    t0 = min(a for v in spans.values() for a, _b in v)
    t1 = max(b for v in spans.values() for _a, b in v)
    out = []
    for v in spans.values():
        busy = sum(b - a for a, b in v)
        out.append((busy, (t1 - t0) - busy, len(v)))
    return out


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of the calling worker process so far."""
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _line(corpus: str, cfg: str, r: dict, out: Path) -> str:
    hr = r["cache"].get("hit_rate")
    claims = _claims(out)
    extra = ""
    if "startup" in r:
        extra = (f"  not counted: LocalCluster start-up {r['startup']:.1f} s, gazetteer + pack loading on the workers "
                 f"{r['warmup']:.1f} s (with it: {r['docs'] / (r['seconds'] + r['warmup']):.1f} docs/s)")
        # on a shared machine wall time depends on the others' load; the busiest worker's CPU time does not much
        extra += (f"\n{'':<23}worker CPU s {', '.join(f'{v:.1f}' for v in r['cpu'])} (documents only; total "
                  f"{sum(r['cpu']):.1f}): {r['docs'] / max(r['cpu']):.1f} docs per busiest-worker CPU second; "
                  f"per worker busy/idle s, tasks: "
                  f"{'; '.join(f'{b:.1f}/{i:.1f}, {n}' for b, i, n in r['busy'])}")
    return (f"{corpus:<12} {cfg:<9} {r['docs'] / r['seconds']:8.1f} docs/s  {claims / r['seconds']:8.1f} claims/s  "
            f"({r['docs']} docs, {claims} claims, {r['seconds']:.1f} s, first result {r['first'] or 0:.2f} s)  "
            f"cache hit rate {'-' if hr is None else f'{hr:.1%}'}  peak RSS/worker MB "
            f"{', '.join(f'{v:.0f}' for v in r['rss'])}  errors {r['errors']}{extra}\n"
            f"{'':<23}outputs: {_sizes(out)}")


def _corpora(a: argparse.Namespace) -> dict[str, list[dict]]:
    want = a.corpora.split(",")
    docs: dict[str, list[dict]] = {}
    if "archive" in want or "lgl-archive" in want:
        docs["archive"] = conflict_archive(a.docs, a.seed)
        docs["lgl-archive"] = lgl_same_lengths(docs["archive"])
    if ("dev" in want or "lgl-dev" in want) and CLAIMS_DEV.exists():
        docs["dev"] = dev_contexts(a.dev_repeat)
        docs["lgl-dev"] = lgl_same_lengths(docs["dev"])
    if "lgl" in want:  # the earlier baseline: whole LGL articles repeated to --docs documents
        base = [json.loads(line) for line in open(LGL, encoding="utf-8")]
        docs["lgl"] = [{**base[i % len(base)], "id": f"lgl-{i}"} for i in range(a.docs)]
    return {k: v for k, v in docs.items() if k in want}


def _goals(docs_s: dict, cpu_s: dict, cpu_total: dict) -> None:
    for conflict, base in (("archive", "lgl-archive"), ("dev", "lgl-dev")):
        for cfg in ("inprocess", "dask1", "dask2"):
            if (conflict, cfg) in docs_s and (base, cfg) in docs_s:
                ratio = docs_s[conflict, cfg] / docs_s[base, cfg]
                print(f"goal {conflict} ≥ 0.5× {base} docs/s ({cfg}): {ratio:.2f}× "
                      f"{'met' if ratio >= 0.5 else 'NOT met'}")
    for corpus in ("archive", "lgl-archive", "dev", "lgl-dev"):
        if (corpus, "dask1") in docs_s and (corpus, "dask2") in docs_s:
            ratio = docs_s[corpus, "dask2"] / docs_s[corpus, "dask1"]
            print(f"goal 2 workers ≥ 1.7× one ({corpus}): {ratio:.2f}× {'met' if ratio >= 1.7 else 'NOT met'}")
            cpu = cpu_s[corpus, "dask2"] / cpu_s[corpus, "dask1"]
            print(f"     by busiest-worker CPU time (what 2 free cores would give): {cpu:.2f}×; total worker CPU "
                  f"2 vs 1 worker: {cpu_total[corpus, 'dask2'] / cpu_total[corpus, 'dask1']:.2f}× (1.00: no work "
                  f"duplicated)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2_000, help="archive documents (≥ 2,000 for the issue's figure)")
    ap.add_argument("--dev-repeat", type=int, default=4)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="200 archive documents, the dev set once")
    ap.add_argument("--corpora", default="archive,lgl-archive,dev,lgl-dev")
    ap.add_argument("--configs", default="inprocess,dask1,dask2")
    ap.add_argument("--map", action="store_true", help="also write map.html (in-process runs)")
    ap.add_argument("--child", nargs=2, metavar=("FEED", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        return child(a.child[0], a.child[1], a.map)
    if a.quick:
        a.docs, a.dev_repeat = 200, 1
    if not LGL.exists():
        print(f"LGL corpus not found at {LGL}; skipping", file=sys.stderr)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="geomap-bench-events-"))
    corpora = _corpora(a)
    for name, docs in corpora.items():
        chars = sum(len(d["text"]) for d in docs) / len(docs)
        print(f"corpus {name}: {len(docs)} documents, {chars:.0f} characters on average")
    print(f"{os.cpu_count()} cores; seed {a.seed}; km uniform {KM_LOW}–{KM_HIGH}; "
          f"{len(set(UKRAINE + RUSSIA + SYRIA))} distinct places in the archive's pools")
    docs_s: dict = {}
    cpu_s: dict = {}
    cpu_total: dict = {}
    for name, docs in corpora.items():
        feed = _write(docs, tmp / f"{name}.jsonl")
        for cfg in a.configs.split(","):
            out = tmp / f"{name}-{cfg}"
            r = _inprocess(feed, out, a.map) if cfg == "inprocess" else _dask(feed, out, int(cfg[-1]))
            docs_s[name, cfg] = r["docs"] / r["seconds"]
            if "cpu" in r:
                cpu_s[name, cfg] = r["docs"] / max(r["cpu"])
                cpu_total[name, cfg] = sum(r["cpu"])
            print(_line(name, cfg, r, out), flush=True)
    _goals(docs_s, cpu_s, cpu_total)
    print("goal peak RSS per worker ≤ 400 MB: see the peak RSS column")
    return 0


if __name__ == "__main__":
    sys.exit(main())
