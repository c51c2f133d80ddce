"""Where the benches find the development data: ``../shared/eval/`` relative to the repository root (read only,
never copied into the repository)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
LGL = EVAL / "lgl.jsonl"
CLAIMS_DEV = EVAL / "claims-dev.jsonl"
