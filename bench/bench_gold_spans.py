"""Gold-span resolution accuracy on LGL and TR-News with the shared reference scorer (prints figures; no assertions).

    .venv/bin/python bench/bench_gold_spans.py [--eval ../shared/eval] [--sets lgl trnews] [--halves]

For each set: ``geomap geoparse SET.jsonl --gold-spans`` (the pack of ``$GEOMAP_DATA_DIR``), then
``../shared/tools/score-resolution`` on the answers. Prints one line per set: mentions, coverage (answered),
Acc@161 on points, polygon-aware Acc@161 (a country or admin-1 answer is right when the gold point is within
161 km of its polygon), mean and median error km (great-circle, the scorer's), AUC, and the geoparse time.
``--halves`` also scores each set's two halves of documents (A: CRC-32 of the document id even, B: odd) with the
same scorer, so a ranking change tuned on one half can be checked on the other.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def score(eval_dir: Path, gold: Path, pred: Path) -> dict:
    """The reference scorer's JSON for one gold file and its answers."""
    scorer = eval_dir.parent / "tools" / "score-resolution"
    r = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)], check=True, capture_output=True,
                       text=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def half_of(line: str) -> str:
    """Which half a JSON line's document is in: "A" (CRC-32 of its id even) or "B"."""
    return "AB"[zlib.crc32(str(json.loads(line)["id"]).encode()) % 2]


def split(path: Path, out_dir: Path) -> dict[str, Path]:
    """Write the two halves of a JSON-lines file (see ``half_of``); their paths by half."""
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    out = {}
    for h in "AB":
        out[h] = out_dir / f"{path.stem}.{h}.jsonl"
        out[h].write_text("".join(ln + "\n" for ln in lines if half_of(ln) == h), encoding="utf-8")
    return out


def run_set(eval_dir: Path, name: str, out_dir: Path, halves: bool = False) -> dict:
    """Geoparse one gold set with its spans and score it; the scorer's JSON plus ``seconds`` (and, with
    ``halves``, the scorer's JSON of each half under "A" and "B")."""
    gold = eval_dir / f"{name}.jsonl"
    pred = out_dir / f"{name}.pred.jsonl"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geomap", "geoparse", str(gold), "-o", str(pred), "--gold-spans"],
                   check=True, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    out = score(eval_dir, gold, pred)
    out["seconds"] = round(secs, 1)
    if halves:
        g, p = split(gold, out_dir), split(pred, out_dir)
        for h in "AB":
            out[h] = score(eval_dir, g[h], p[h])
    return out


def line(label: str, m: dict) -> str:
    """One printed line of scorer figures."""
    return (f"{label:9s} mentions {m['mentions']:5d}  coverage {m['answered']:.4f}  Acc@161 points "
            f"{m['acc161']:.4f}  polygon-aware {m.get('acc161_polygon_aware', float('nan')):.4f}  "
            f"mean {m['mean_km']:.1f} km  median {m['median_km']:.1f} km  AUC {m['auc']:.4f}")


def main(argv: list[str] | None = None) -> int:  # noqa: D103
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--sets", nargs="+", default=["lgl", "trnews"])
    ap.add_argument("--halves", action="store_true", help="also score each half of the documents")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            if not (args.eval / f"{name}.jsonl").exists():
                print(f"{name}: {args.eval / (name + '.jsonl')} not found", file=sys.stderr)
                return 1
            m = run_set(args.eval, name, Path(tmp), args.halves)
            print(f"{line(name, m)}  ({m['seconds']:.1f} s)")
            for h in ("A", "B") if args.halves else ():
                print(line(f"  half {h}", m[h]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
