"""End-to-end extraction on LGL and extraction throughput. Prints figures (no assertions).

1. Detection on ../shared/eval/lgl.jsonl (or $GEOMAP_LGL): our spans (geomap.text.spotter.spot_spans) vs gold
   toponym spans — precision / recall / F1 with span overlap (a predicted span matches a gold span when they
   overlap; each gold span is matched at most once).
2. Acc@161 on matched mentions: the matched predicted span resolved with document context (geomap.analysis joint
   resolution) within 161 km of the gold coordinates (geodesic, pyproj.Geod).
3. Throughput: synthetic 2,000-word articles built from the LGL texts (concatenated in a fixed order), spotting +
   joint resolution per article, one core; also the whole analysis (claims + judging) on the example dispatch.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from _eval import LGL as EVAL_LGL  # ../shared/eval relative to the repository root
from pyproj import Geod

LGL = Path(os.environ.get("GEOMAP_LGL", str(EVAL_LGL)))
GEOD = Geod(ellps="WGS84")


def load() -> list[dict]:
    if not LGL.exists():
        sys.exit(f"bench_extract: {LGL} not found (set GEOMAP_LGL)")
    return [json.loads(line) for line in LGL.read_text(encoding="utf-8").split("\n") if line.strip()]


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of overlapping spans: pairs (pred index, gold index)."""
    pairs = []
    used = set()
    for i, (ps, pe) in enumerate(pred):
        best, best_ov = None, 0
        for j, (gs, ge) in enumerate(gold):
            if j in used:
                continue
            ov = min(pe, ge) - max(ps, gs)
            if ov > best_ov:
                best, best_ov = j, ov
        if best is not None:
            used.add(best)
            pairs.append((i, best))
    return pairs


def main() -> None:
    from gazetteer import Gazetteer
    from geomap.resolution import resolve_in_text, resolve_mentions
    from geomap.text.spotter import get_spotter

    docs = load()
    gaz = Gazetteer.default()
    sp = get_spotter(gaz)
    tp = fp = fn = 0
    rtp = rfp = 0
    n_matched = hits161 = 0
    errors = []
    fp_names: dict[str, int] = {}
    fn_names: dict[str, int] = {}
    t0 = time.perf_counter()
    for d in docs:
        text = d["text"]
        ms = sp.spot(text)
        rms = {(m.start, m.end): m for m in resolve_in_text(text, ms, gaz)}  # as mentions_of
        pred = [(m.start, m.end) for m in ms]
        gold = [(g["start"], g["end"]) for g in d["toponyms"]]
        pairs = match(pred, gold)
        tp += len(pairs)
        rpairs = match(list(rms), gold)  # the mentions that resolved: what the map shows
        rtp, rfp = rtp + len(rpairs), rfp + len(rms) - len(rpairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        mp = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        for i, (s, e) in enumerate(pred):
            if i not in mp:
                fp_names[text[s:e]] = fp_names.get(text[s:e], 0) + 1
        for j, g in enumerate(d["toponyms"]):
            if j not in mg:
                fn_names[g["name"]] = fn_names.get(g["name"], 0) + 1
        for i, j in pairs:
            n_matched += 1
            g = d["toponyms"][j]
            rm = rms.get(pred[i])
            if rm is None or rm.cand is None:
                errors.append(20039.0)
                continue
            _, _, dist = GEOD.inv(rm.cand.lon, rm.cand.lat, g["lon"], g["lat"])
            errors.append(dist / 1000)
            hits161 += dist / 1000 <= 161
    el = time.perf_counter() - t0
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    errors.sort()
    med = errors[len(errors) // 2] if errors else float("nan")
    print(f"LGL end to end: {len(docs)} articles, {tp + fn} gold toponyms, {tp + fp} predicted")
    print(f"  detection (span overlap): precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print(f"  resolved mentions (what the map shows): {rtp + rfp}, precision {rtp / max(rtp + rfp, 1):.3f}  "
          f"recall {rtp / max(tp + fn, 1):.3f}")
    print(f"  Acc@161 on {n_matched} matched mentions: {hits161 / max(n_matched, 1):.3f}  (median error {med:.1f} km)")
    print(f"  time {el:.2f} s for the corpus ({len(docs) / el:.0f} articles/s, first call includes warm-up)")
    top_fp = sorted(fp_names.items(), key=lambda kv: -kv[1])[:15]
    top_fn = sorted(fn_names.items(), key=lambda kv: -kv[1])[:15]
    print("  most frequent false positives:", ", ".join(f"{k} ({v})" for k, v in top_fp))
    print("  most frequent misses:", ", ".join(f"{k} ({v})" for k, v in top_fn))

    # throughput on 2,000-word articles
    words = " ".join(d["text"] for d in docs).split(" ")
    arts = [" ".join(words[i:i + 2000]) for i in range(0, len(words) - 2000, 2000)][:100]
    sp.spot(arts[0])
    t = time.perf_counter()
    n_m = 0
    for a in arts:
        ms = sp.spot(a)
        n_m += len(ms)
    t_spot = time.perf_counter() - t
    # cold: every query cache of the gazetteer emptied before the pass (names repeat across the 92 articles, as
    # in any stream); warm: the same articles again. Best of 3 passes each (the machine is shared).
    t_all = t_warm = float("inf")
    for _ in range(3):
        gaz.cache_clear()
        t = time.perf_counter()
        for a in arts:
            resolve_mentions(sp.spot(a), gaz)
        t_all = min(t_all, time.perf_counter() - t)
        t = time.perf_counter()
        for a in arts:
            resolve_mentions(sp.spot(a), gaz)
        t_warm = min(t_warm, time.perf_counter() - t)
    print(f"throughput, {len(arts)} articles of 2,000 words ({n_m / len(arts):.0f} mentions each), one core:")
    print(f"  spotting only:                {len(arts) / t_spot:7.0f} articles/s")
    print(f"  spotting + joint resolution:  {len(arts) / t_all:7.0f} articles/s (cold resolve caches, best of 3)")
    print(f"  spotting + joint resolution:  {len(arts) / t_warm:7.0f} articles/s (warm resolve caches, best of 3)")

    from geomap.analysis import analyze
    from geomap.cli.map_cmd import example_path

    analyze(example_path())
    t = time.perf_counter()
    for _ in range(5):
        analyze(example_path())
    print(f"full analysis of the example dispatch (claims measured and judged): "
          f"{(time.perf_counter() - t) / 5 * 1000:.0f} ms")


if __name__ == "__main__":
    main()
