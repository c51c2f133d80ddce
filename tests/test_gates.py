"""The complexity/argument/docstring gates (ruff C901, PLR0913, D1) may only shrink: the offenders that carry a
``# noqa`` are a to-do list, and a new ``noqa`` for these rules fails this test. Lower ``CEILING`` when you fix one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GATED = re.compile(r"#\s*noqa:[^\n]*\b(?:C901|PLR0913|D1\d\d)\b")
CEILING = 53  # noqa markers for the gated rules in geomap/ and gazetteer/ (65 when the gates were added)


def gated_noqa() -> list[str]:
    """``path:line`` of every gated noqa marker in the product packages."""
    hits = []
    for pkg in ("geomap", "gazetteer"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if GATED.search(line):
                    hits.append(f"{path.relative_to(ROOT)}:{n}")
    return hits


def test_gated_noqa_markers_only_shrink() -> None:
    hits = gated_noqa()
    assert len(hits) <= CEILING, f"{len(hits)} gated noqa markers (ceiling {CEILING}); new ones: fix the code"


def test_gates_are_configured() -> None:
    cfg = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "max-complexity = 14" in cfg and "max-args = 8" in cfg
    assert re.search(r'select = \[[^\]]*"C901"[^\]]*"PLR0913"[^\]]*"D1"', cfg)
