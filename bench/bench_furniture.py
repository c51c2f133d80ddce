"""Page furniture: what geomap.text.furniture finds and what it costs. Prints figures (no assertions).

1. Spans by kind on the contexts of ../shared/eval/claims-dev.jsonl (real copy) and on the LGL news texts.
2. CPU time of ``furniture_spans`` per synthetic 2,000-word article (LGL texts concatenated in a fixed order, cut
   into 60-word paragraphs), one core.
Run from the repository root: ``.venv/bin/python bench/bench_furniture.py``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from geomap.text.furniture import furniture_spans

ROOT = Path(__file__).resolve().parents[1]
SETS = {"claims-dev": (ROOT / ".." / "shared" / "eval" / "claims-dev.jsonl", "context"),
        "lgl": (Path("/work/shared/eval/lgl.jsonl"), "text")}


def texts(path: Path, key: str) -> list[str]:
    return [json.loads(x)[key] for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def main() -> None:
    corpus: list[str] = []
    for name, (path, key) in SETS.items():
        if not path.exists():
            print(f"{name}: {path} not found, skipped")
            continue
        docs = texts(path, key)
        corpus.extend(docs)
        kinds = Counter(s.kind for d in docs for s in furniture_spans(d))
        print(f"{name}: {len(docs)} texts, spans by kind: {dict(sorted(kinds.items()))}")
    words = " ".join(corpus).split()
    arts = ["\n\n".join(" ".join(words[i + j:i + j + 60]) for j in range(0, 2000, 60))
            for i in range(0, min(len(words) - 2000, 200 * 2000), 2000)]
    furniture_spans(arts[0])
    t = time.process_time()
    for a in arts:
        furniture_spans(a)
    dt = time.process_time() - t
    print(f"furniture_spans: {len(arts)} articles of 2,000 words, {1000 * dt / len(arts):.1f} ms CPU per article")


if __name__ == "__main__":
    main()
