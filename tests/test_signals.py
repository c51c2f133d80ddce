"""SIGINT, SIGTERM and SIGHUP during a write leave the previous output intact or the new one complete, no temporary
file, and the user's files byte-identical. Deterministic: the test-only hook GEOMAP_TEST_PAUSE_AT blocks the
command at a named stage of a write (before the temp write, after fsync, before and after the rename) and the
test signals it there."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gazetteer.fsio import MANIFEST, TMP_SUFFIX

OLD = "Old report\n\nKharkiv is about 30 km from the Russian border.\n"
NEW = "New report\n\nSumy is about 30 km from the Russian border. Pokrovsk lies 50 km north-west of Donetsk.\n"
STAGES = ["temp-write", "fsync", "rename", "renamed"]
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _default_signals() -> None:
    """In the child: SIGINT/SIGTERM/SIGHUP as in a terminal (a background test runner ignores SIGINT)."""
    for sig in SIGNALS:
        signal.signal(sig, signal.SIG_DFL)


def geomap(argv: list[str], cwd: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "geomap", *argv], cwd=cwd, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_signals)


def signal_at(argv: list[str], cwd: Path, stage: str, sig: int) -> tuple[int, str]:
    """Run geomap paused at ``stage``, send ``sig`` once it is there; (exit code, stderr)."""
    marker = cwd / "paused.marker"
    marker.unlink(missing_ok=True)
    p = geomap(argv, cwd, GEOMAP_TEST_PAUSE_AT=stage, GEOMAP_TEST_PAUSE_FILE=str(marker),
               GEOMAP_TEST_PAUSE_SECONDS="60")
    deadline = time.monotonic() + 240
    while not marker.exists():
        if p.poll() is not None:
            pytest.fail(f"geomap ended (exit {p.returncode}) before reaching {stage}: {p.stderr.read()}")
        if time.monotonic() > deadline:
            p.kill()
            pytest.fail(f"geomap never reached {stage}")
        time.sleep(0.02)
    p.send_signal(sig)
    _, err = p.communicate(timeout=120)
    marker.unlink()
    return p.returncode, err


def complete(out: Path, user: dict[str, str]) -> bool:
    """``out`` holds exactly the files its manifest lists (matching) plus the user's files."""
    m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in m["files"]}
    return tree(out) == {**listed, **user, MANIFEST: tree(out)[MANIFEST]}


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A folder mapped from the OLD article (geomap's output, with manifest)."""
    d = tmp_path_factory.mktemp("prev")
    (d / "old.txt").write_text(OLD, encoding="utf-8")
    p = geomap(["map", "old.txt", "-o", "out", "--quiet"], d)
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    return d / "out"


def _setup(tmp_path: Path, previous: Path, beside_user_file: bool) -> tuple[Path, dict[str, str]]:
    shutil.copytree(previous, tmp_path / "out")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    user = {}
    if beside_user_file:
        (tmp_path / "out" / "evidence.txt").write_text("my evidence\n", encoding="utf-8")
        user = {"evidence.txt": hashlib.sha256(b"my evidence\n").hexdigest()}
    return tmp_path / "out", user


def _check(tmp_path: Path, out: Path, before: dict[str, str], user: dict[str, str], stage: str, sig: int,
           code: int, err: str) -> None:
    assert code == 128 + sig, err
    assert err.strip().splitlines()[-1].endswith(f"interrupted by {signal.Signals(sig).name}; no partial output "
                                                 "was left"), err
    assert "Traceback" not in err
    leftovers = [p.name for p in tmp_path.rglob("*") if TMP_SUFFIX in p.name or p.name.startswith(".out.")]
    assert not leftovers, leftovers
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    now = tree(out)
    if stage == "renamed":  # the signal came after the publish: the new output, complete
        assert now != before and complete(out, user)
        assert "Pokrovsk" in (out / "report.md").read_text(encoding="utf-8")
    else:
        assert now == before  # the previous output, intact


CASES = [(st, sg, beside) for st in STAGES for sg in SIGNALS for beside in (False, True)]
FAST = {("rename", signal.SIGTERM, False), ("temp-write", signal.SIGHUP, True), ("renamed", signal.SIGINT, True)}


@pytest.mark.parametrize("stage,sig,beside", [
    pytest.param(*c, marks=() if c in FAST else pytest.mark.slow,
                 id=f"{c[0]}-{signal.Signals(c[1]).name}-{'beside user file' if c[2] else 'swap'}") for c in CASES])
def test_map_folder_publish_survives_signals(tmp_path: Path, previous: Path, stage: str, sig: int,
                                             beside: bool) -> None:
    out, user = _setup(tmp_path, previous, beside)
    before = tree(out)
    code, err = signal_at(["map", "new.txt", "-o", "out", "--quiet"], tmp_path, f"{stage}:out", sig)
    _check(tmp_path, out, before, user, stage, sig, code, err)


@pytest.mark.parametrize("stage", [pytest.param(st, marks=() if st == "rename" else pytest.mark.slow)
                                   for st in STAGES])
def test_a_file_inside_the_folder_being_built(tmp_path: Path, previous: Path, stage: str) -> None:
    """Signalled while one file of the new folder is written: the previous folder stays as it was."""
    out, user = _setup(tmp_path, previous, True)
    before = tree(out)
    code, err = signal_at(["map", "new.txt", "-o", "out", "--quiet"], tmp_path, f"{stage}:claims.json",
                          signal.SIGTERM)
    _check(tmp_path, out, before, user, "before", signal.SIGTERM, code, err)


@pytest.mark.parametrize("stage,sig", [
    pytest.param(st, sg, marks=() if (st, sg) in {("fsync", signal.SIGTERM), ("renamed", signal.SIGHUP)}
                 else pytest.mark.slow) for st in STAGES for sg in SIGNALS])
def test_single_file_output_survives_signals(tmp_path: Path, stage: str, sig: int) -> None:
    z = tmp_path / "z.geojson"
    z.write_text('{"type":"FeatureCollection","features":[]}\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    old = z.read_bytes()
    code, err = signal_at(["zone", "Sumy", "--km", "20", "-o", "z.geojson"], tmp_path, f"{stage}:z.geojson", sig)
    assert code == 128 + sig, err
    assert not [p for p in tmp_path.iterdir() if TMP_SUFFIX in p.name]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    if stage == "renamed":
        assert json.loads(z.read_text(encoding="utf-8"))["features"][0]["properties"]["name"] == "Sumy"
    else:
        assert z.read_bytes() == old


def test_hook_costs_nothing_when_unset() -> None:
    """Unset, the pause hook is a single comparison (no environment look-up per write)."""
    import gazetteer.fsio as f

    assert f._PAUSE_AT is None
    t = time.perf_counter()
    for _ in range(100_000):
        f._pause("rename", "x")
    assert time.perf_counter() - t < 0.5
