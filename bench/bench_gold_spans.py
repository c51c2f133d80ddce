"""Gold-span resolution accuracy on LGL and TR-News with the shared reference scorer (prints figures; no assertions).

    .venv/bin/python bench/bench_gold_spans.py [--eval ../shared/eval] [--sets lgl trnews]

For each set: ``geomap geoparse SET.jsonl --gold-spans`` (the pack of ``$GEOMAP_DATA_DIR``), then
``../shared/tools/score-resolution`` on the answers. Prints one line per set: mentions, coverage (answered),
Acc@161 on points, polygon-aware Acc@161 (a country or admin-1 answer is right when the gold point is within
161 km of its polygon), mean and median error km (great-circle, the scorer's), AUC, and the geoparse time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_set(eval_dir: Path, name: str, out_dir: Path) -> dict:
    """Geoparse one gold set with its spans and score it; the scorer's JSON plus ``seconds``."""
    gold = eval_dir / f"{name}.jsonl"
    pred = out_dir / f"{name}.pred.jsonl"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geomap", "geoparse", str(gold), "-o", str(pred), "--gold-spans"],
                   check=True, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    scorer = eval_dir.parent / "tools" / "score-resolution"
    r = subprocess.run([sys.executable, str(scorer), str(gold), str(pred)], check=True, capture_output=True,
                       text=True)
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["seconds"] = round(secs, 1)
    return out


def main(argv: list[str] | None = None) -> int:  # noqa: D103
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--sets", nargs="+", default=["lgl", "trnews"])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            if not (args.eval / f"{name}.jsonl").exists():
                print(f"{name}: {args.eval / (name + '.jsonl')} not found", file=sys.stderr)
                return 1
            m = run_set(args.eval, name, Path(tmp))
            print(f"{name:7s} mentions {m['mentions']:5d}  coverage {m['answered']:.4f}  Acc@161 points "
                  f"{m['acc161']:.4f}  polygon-aware {m.get('acc161_polygon_aware', float('nan')):.4f}  "
                  f"mean {m['mean_km']:.1f} km  median {m['median_km']:.1f} km  AUC {m['auc']:.4f}  "
                  f"({m['seconds']:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
