"""Claim reading on real copy: the shared scorer's figures, then the same matching broken down by rule (cue) and
kind. Prints figures; no assertions.

    .venv/bin/python bench/bench_claims_dev.py [SET.jsonl]

The reference scorer is ../shared/tools/score-claims-dev (beside the repo root); this script loads it and reuses
its matching (``km_eq``, ``_names``, ``_same_place``) so there is no second matcher.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score-claims-dev"
DEFAULT = ROOT.parent / "shared" / "eval" / "claims-dev.jsonl"


def load_scorer():
    """The shared scorer as a module."""
    loader = importlib.machinery.SourceFileLoader("score_claims_dev", str(SCORER))
    spec = importlib.util.spec_from_loader("score_claims_dev", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def by_cue(sc, path: Path) -> tuple[Counter, Counter, Counter, Counter]:
    """Per cue: claims found, matched to gold, false positives; per kind: subject right."""
    import geomap

    found, hit, fp, subj = Counter(), Counter(), Counter(), Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        it = json.loads(line)
        ctx, sen = it["context"], it["sentence"]
        s0 = ctx.find(sen)
        s1 = s0 + len(sen)
        claims = [c for c in geomap.analyze(ctx).claims if c["span"][0] < s1 and c["span"][1] > s0]
        used: set[int] = set()
        for g in (g for g in it["claims"] if g["kind"] != "not_a_claim"):
            for i, c in enumerate(claims):
                if i not in used and c["kind"] == g["kind"] and sc.km_eq(c["stated_km"], g["km"]):
                    used.add(i)
                    hit[c["cue"]] += 1
                    if g.get("subject"):
                        ok = sc._same_place(g["subject"], sc._names(c))
                        subj[(g["kind"], "right" if ok else "other")] += 1
                    break
        for i, c in enumerate(claims):
            found[c["cue"]] += 1
            if i not in used:
                fp[c["cue"]] += 1
    return found, hit, fp, subj


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists() or not SCORER.exists():
        print(f"{path} or {SCORER} not found", file=sys.stderr)
        return 1
    sc = load_scorer()
    t0 = time.perf_counter()
    out = sc.main(str(path))
    dt = time.perf_counter() - t0
    print(f"claims-dev: {out['items']} items, {out['gold_claims']} gold claims, {dt:.1f} s")
    print(f"  recall {out['recall']}  precision {out['precision']}  subject right {out['subject_right']}  "
          f"wrong {out['subject_wrong']}  by kind {out['by_kind']}")
    found, hit, fp, subj = by_cue(sc, path)
    print(f"  {'cue':22s} {'found':>6s} {'matched':>8s} {'false+':>7s}")
    for cue in sorted(found, key=lambda k: -found[k]):
        print(f"  {cue:22s} {found[cue]:6d} {hit[cue]:8d} {fp[cue]:7d}")
    for kind in sorted({k for k, _ in subj}):
        r, o = subj[(kind, "right")], subj[(kind, "other")]
        print(f"  subject right, {kind:28s} {r}/{r + o}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
