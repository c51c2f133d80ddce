"""Every user mistake is one clear line, and no user file is ever touched: a table of mistakes × commands.

Each row runs one command (in-process through ``geomap.cli.main``, or in a fresh process when it needs its own data
pack) inside a sandbox folder holding the user's own files (notes, evidence, an article, a JSON-lines file, a
home folder), and asserts: the exit code, exactly one line on stderr naming the bad input, no traceback, nothing
new written anywhere in the sandbox (no partial or temporary file), and every pre-existing file byte-identical.

``bench/bench_user_errors.py`` runs the same table and prints the counts (kinds tried / clean / tracebacks /
internal errors / partial outputs / user files lost); run it with ``PYTHONPATH`` pointing at another checkout to
measure that one.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest

ARTICLE = "Border report\n\nSumy is about 30 km from the Russian border.\n"
DOCS = '{"id": "d1", "text": "Shelling hit Sumy near the border with Russia."}\n'
ROOT = Path(__file__).resolve().parents[1]
IS_ROOT = getattr(os, "geteuid", lambda: -1)() == 0


# ---------------------------------------------------------------------------------------------- the sandbox
def make_sandbox(d: Path) -> None:
    """The user's own files: geomap must never change or remove any of them."""
    (d / "notes.txt").write_text("my notes, keep them\n", encoding="utf-8")
    (d / "evidence").mkdir()
    (d / "evidence" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg \x00\x01")
    (d / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "docs.jsonl").write_text(DOCS, encoding="utf-8")
    (d / "home").mkdir()
    (d / "home" / "diary.txt").write_text("dear diary\n", encoding="utf-8")


def snapshot(root: Path) -> dict[str, str]:
    """Every entry below ``root`` (hidden ones too): relative path → sha256 / "dir" / "link:<target>"."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = f"link:{os.readlink(p)}"
            elif p.is_dir():
                out[rel] = "dir"
            else:
                try:
                    out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
                except OSError:
                    out[rel] = "unreadable"
    return out


def _chmod(path: Path, mode: int) -> None:
    path.chmod(mode)


def readonly_dir(name: str, *, empty: bool = True) -> Callable[[Path], None]:
    """A folder without write permission (what makes it read-only for root too is geomap honouring the mode)."""
    def setup(d: Path) -> None:
        p = d / name
        p.mkdir()
        if not empty:
            (p / "mine.txt").write_text("mine\n", encoding="utf-8")
        _chmod(p, 0o555)
    return setup


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    """A file the user has (an article, a table...)."""
    def setup(d: Path) -> None:
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return setup


def link(name: str, target: str) -> Callable[[Path], None]:
    """A symbolic link (dangling or looping)."""
    def setup(d: Path) -> None:
        os.symlink(target, d / name)
    return setup


def locked(name: str, data: str) -> Callable[[Path], None]:
    """A file without read permission."""
    def setup(d: Path) -> None:
        p = d / name
        p.write_text(data, encoding="utf-8")
        _chmod(p, 0o000)
    return setup


def both(*fns: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several set-ups in order."""
    def setup(d: Path) -> None:
        for f in fns:
            f(d)
    return setup


def copy_pack_with_flipped_bytes(d: Path) -> None:
    """A data dir holding a copy of the pack's manifest and name index, one array altered at constant size."""
    from gazetteer.packfiles import pack_dir

    src = pack_dir()
    dst = d / "tampered" / "pack"
    dst.mkdir(parents=True)
    shutil.copy2(src / "manifest.json", dst / "manifest.json")
    shutil.copytree(src / "index", dst / "index")
    f = dst / "index" / "ent_lat.npy"
    data = bytearray(f.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 4096):
        data[i] ^= 0x5A
    f.write_bytes(bytes(data))


# ---------------------------------------------------------------------------------------------- patches
@contextlib.contextmanager
def unreadable_as_root() -> Iterator[None]:
    """As root, permission bits do not stop reads: make opening a ``locked*`` file fail as it would for a user."""
    if not IS_ROOT:
        yield
        return
    real_open = io.open

    def fake_open(file, mode="r", *a, **k):  # noqa: ANN001
        if "r" in mode and Path(os.fsdecode(file) if not isinstance(file, int) else "").name.startswith("locked"):
            raise PermissionError(13, "Permission denied", os.fsdecode(file))
        return real_open(file, mode, *a, **k)

    with mock.patch("io.open", fake_open), mock.patch("builtins.open", fake_open):
        yield


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """No name resolution and no connections (as on an offline machine)."""
    def fail(*a, **k):  # noqa: ANN002, ANN003
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    with mock.patch("socket.getaddrinfo", fail), mock.patch("socket.create_connection", fail):
        yield


# ---------------------------------------------------------------------------------------------- the table
@dataclass(frozen=True)
class Case:
    """One mistake: ``argv`` (``{d}`` is the sandbox, ``{home}`` the home folder), what the line must name."""

    kind: str
    command: str
    argv: tuple[str, ...]
    needle: tuple[str, ...]  # the one stderr line must contain one of these
    code: int = 1
    setup: Callable[[Path], None] | None = None
    patch: Callable[[], contextlib.AbstractContextManager] | None = None
    env: dict[str, str] = field(default_factory=dict)
    fresh: bool = False  # run in a new process (its own data pack)
    outside: tuple[str, ...] = ()  # folders outside the sandbox that must not change (top level)

    @property
    def id(self) -> str:  # noqa: D102
        return f"{self.command}:{self.kind}"


def _out_cases() -> list[Case]:
    """``-o`` mistakes for every command that writes."""
    writers = {  # command → (argv before -o, a folder-style (True) or a file-style output)
        "map": (("map", "article.txt"), True),
        "events": (("events", "article.txt", "--workers", "1"), True),
        "geoparse": (("geoparse", "docs.jsonl"), False),
        "buffer": (("buffer", "--inside", "UA", "--along", "RU", "--km", "12"), False),
        "zone": (("zone", "Sumy", "--km", "20"), False),
    }
    cases = []
    for cmd, (pre, is_dir) in writers.items():
        leaf = "out" if is_dir else "out.geojson"
        cases += [
            Case("empty -o ''", cmd, (*pre, "-o", ""), ("''", "empty")),
            Case("-o .", cmd, (*pre, "-o", "."), ("current folder", "'.'", " . ")),
            Case("-o the current folder by absolute path", cmd, (*pre, "-o", "{d}"), ("{d}",)),
            Case("-o /", cmd, (*pre, "-o", "/"), ("'/'", " / ", "root folder"), outside=("/",)),
            Case("-o $HOME", cmd, (*pre, "-o", "{home}"), ("{home}", "home folder")),
            Case("-o below a file", cmd, (*pre, "-o", f"notes.txt/{leaf}"), ("notes.txt",)),
            Case("output parent not writable", cmd, (*pre, "-o", f"ro/{leaf}"), ("ro",),
                 setup=readonly_dir("ro")),
        ]
        if is_dir:
            cases += [
                Case("-o an existing file", cmd, (*pre, "-o", "notes.txt"), ("notes.txt",)),
                Case("-o a non-empty folder without manifest", cmd, (*pre, "-o", "evidence"), ("evidence",)),
                Case("--force onto a user's file of the same name", cmd, (*pre, "-o", "mine", "--force"),
                     ("mine",), setup=both(write("mine/todo.txt", "mine\n"), write(
                         "mine/report.md" if cmd == "map" else "mine/summary.md", "my own\n"))),
                Case("-o a read-only folder", cmd, (*pre, "-o", "rodir"), ("rodir",), setup=readonly_dir("rodir")),
            ]
        else:
            cases += [Case("-o an existing folder", cmd, (*pre, "-o", "evidence"), ("evidence",))]
    return cases


def _input_cases() -> list[Case]:
    """Bad articles, tables and arguments."""
    big = ("Sumy is about 30 km from the Russian border. " * 120_000)[: 5 * 1024 * 1024 + 10]
    utf16 = ARTICLE.encode("utf-16-le")
    m = ("map",)
    return [
        Case("missing article", "map", (*m, "nope.md", "-o", "out"), ("nope.md",)),
        Case("article is a folder", "map", (*m, "evidence", "-o", "out"), ("evidence",)),
        Case("unreadable article", "map", (*m, "locked.txt", "-o", "out"), ("locked.txt",),
             setup=locked("locked.txt", ARTICLE), patch=unreadable_as_root),
        Case("binary article", "map", (*m, "evidence/photo.jpg", "-o", "out"), ("photo.jpg",)),
        Case("empty article", "map", (*m, "empty.txt", "-o", "out"), ("empty.txt",), setup=write("empty.txt", "")),
        Case("article not UTF-8", "map", (*m, "latin1.txt", "-o", "out"), ("latin1.txt",),
             setup=write("latin1.txt", "Kharkiv \xe9t\xe9 30 km".encode("latin-1"))),
        Case("UTF-16 article without BOM", "map", (*m, "u16.txt", "-o", "out"), ("UTF-16 without BOM",),
             setup=write("u16.txt", utf16)),
        Case("article over 5 MB", "map", (*m, "big.txt", "-o", "out"), ("big.txt",), setup=write("big.txt", big)),
        Case("article is a dangling link", "map", (*m, "gone.md", "-o", "out"), ("gone.md",),
             setup=link("gone.md", "nowhere.md")),
        Case("article is a link loop", "map", (*m, "loop.md", "-o", "out"), ("loop.md",),
             setup=link("loop.md", "loop.md")),
        Case("unknown option", "map", (*m, "article.txt", "--frobnicate"), ("--frobnicate",), code=2),
        Case("no data pack", "map", (*m, "article.txt", "-o", "out"), ("geomap data build",),
             env={"GEOMAP_DATA_DIR": "{d}/nopack"}, fresh=True),
        Case("input matches nothing", "events", ("events", "nothing*.txt", "-o", "out"), ("nothing*.txt",)),
        Case("--workers 0", "events", ("events", "article.txt", "-o", "out", "--workers", "0"), ("--workers",)),
        Case("missing input", "geoparse", ("geoparse", "nope.jsonl", "-o", "o.jsonl"), ("nope.jsonl",)),
        Case("input is a folder", "geoparse", ("geoparse", "evidence", "-o", "o.jsonl"), ("evidence",)),
        Case("unreadable input", "geoparse", ("geoparse", "locked.jsonl", "-o", "o.jsonl"), ("locked.jsonl",),
             setup=locked("locked.jsonl", DOCS), patch=unreadable_as_root),
        Case("input not UTF-8", "geoparse", ("geoparse", "evidence/photo.jpg", "-o", "o.jsonl"), ("photo.jpg",)),
        Case("UTF-16 input without BOM", "geoparse", ("geoparse", "u16.jsonl", "-o", "o.jsonl"),
             ("UTF-16 without BOM",), setup=write("u16.jsonl", DOCS.encode("utf-16-le"))),
        Case("a line that is not JSON", "geoparse", ("geoparse", "bad.jsonl", "-o", "o.jsonl"), ("bad.jsonl",),
             setup=write("bad.jsonl", DOCS + "{oops\n")),
        Case("a line that is not an object", "geoparse", ("geoparse", "arr.jsonl", "-o", "o.jsonl"),
             ("arr.jsonl",), setup=write("arr.jsonl", "[1, 2]\n")),
        Case("--gold-spans without toponyms", "geoparse", ("geoparse", "docs.jsonl", "-o", "o.jsonl",
                                                            "--gold-spans"), ("docs.jsonl",)),
        Case("--online without a network", "resolve", ("resolve", "Qwxzvbq Nonexistent", "--online"),
             ("online lookup failed",), code=2, patch=no_network, env={"GEOMAP_CACHE_DIR": "{d}/.nocache"}),
        Case("--limit 0", "resolve", ("resolve", "Sumy", "--limit", "0"), ("--limit",)),
        Case("unknown --country", "resolve", ("resolve", "Sumy", "--country", "Atlantis"), ("Atlantis",)),
        Case("empty name", "resolve", ("resolve", ""), ("name",)),
        Case("name index altered at the same size", "resolve", ("resolve", "Sumy", "--json"), ("ent_lat.npy",),
             setup=copy_pack_with_flipped_bytes, env={"GEOMAP_DATA_DIR": "{d}/tampered"}, fresh=True),
        Case("no data pack", "resolve", ("resolve", "Sumy"), ("geomap data build",),
             env={"GEOMAP_DATA_DIR": "{d}/nopack"}, fresh=True),
        Case("--km negative", "buffer", ("buffer", "--inside", "UA", "--along", "RU", "--km", "-3", "-o",
                                         "b.geojson"), ("--km", "-3")),
        Case("countries without a shared border", "buffer", ("buffer", "--inside", "UA", "--along", "ES", "--km",
                                                              "10", "-o", "b.geojson"), ("ES", "Spain")),
        Case("--km not a number", "buffer", ("buffer", "--inside", "UA", "--along", "RU", "--km", "abc", "-o",
                                             "b.geojson"), ("abc",), code=2),
        Case("missing -o", "buffer", ("buffer", "--inside", "UA", "--along", "RU", "--km", "10"), ("-o",), code=2),
        Case("unknown place", "zone", ("zone", "Qwxzvbq", "--km", "20", "-o", "z.geojson"), ("Qwxzvbq",), code=2),
        Case("--km zero", "zone", ("zone", "Sumy", "--km", "0", "-o", "z.geojson"), ("--km", "0")),
        Case("unknown place", "distance", ("distance", "Qwxzvbq", "Kyiv"), ("Qwxzvbq",), code=2),
        Case("--border not A,B", "distance", ("distance", "Sumy", "--border", "UA"), ("--border",)),
    ]


def _data_cases() -> list[Case]:
    """``geomap data`` with a bad ``--dir``."""
    return [
        Case("--dir on a read-only path", "data build", ("data", "build", "--dir", "ro/data", "--quiet"), ("ro",),
             setup=readonly_dir("ro")),
        Case("--dir below a file", "data build", ("data", "build", "--dir", "notes.txt/data", "--quiet"),
             ("notes.txt",)),
        Case("--dir ''", "data build", ("data", "build", "--dir", "", "--quiet"), ("''", "empty")),
        Case("--dir without a pack", "data info", ("data", "info", "--dir", "evidence"), ("evidence",)),
        Case("--dir missing", "data verify", ("data", "verify", "--dir", "nowhere"), ("nowhere",)),
    ]


CASES: list[Case] = _out_cases() + _input_cases() + _data_cases()


# ---------------------------------------------------------------------------------------------- running a row
@dataclass
class Outcome:
    """What one row did: its exit code, stderr, and what changed in the sandbox."""

    case: Case
    code: int | None
    stderr: str
    raised: str | None
    new: list[str]
    lost: list[str]

    @property
    def lines(self) -> list[str]:  # noqa: D102
        return [x for x in self.stderr.splitlines() if x.strip()]

    @property
    def traceback(self) -> bool:  # noqa: D102
        return self.raised is not None or "Traceback" in self.stderr

    @property
    def internal(self) -> bool:  # noqa: D102
        return self.code == 70 or "internal error" in self.stderr

    def named(self, d: Path) -> bool:
        """The line names the input (one of the needles)."""
        line = self.lines[0] if self.lines else ""
        return any(n.format(d=d, home=d / "home") in line for n in self.case.needle)

    def clean(self, d: Path) -> bool:
        """Right exit code, one line naming the input, no traceback, nothing written, nothing lost."""
        return (self.code == self.case.code and len(self.lines) == 1 and self.named(d) and not self.traceback
                and not self.internal and not self.new and not self.lost)


def _fill(s: str, d: Path) -> str:
    return s.format(d=d, home=d / "home")


def _inprocess(argv: list[str], d: Path) -> tuple[int | None, str, str | None]:
    from geomap.cli import main

    err, out = io.StringIO(), io.StringIO()
    raised = None
    code: int | None = None
    old = os.getcwd()
    os.chdir(d)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException as exc:  # noqa: BLE001 - a traceback in real life
                raised = f"{type(exc).__name__}: {exc}"
    finally:
        os.chdir(old)
    return code, err.getvalue(), raised


def _subprocess(argv: list[str], d: Path, env: dict[str, str]) -> tuple[int | None, str, str | None]:
    r = subprocess.run([sys.executable, "-m", "geomap", *argv], cwd=d, capture_output=True, text=True,
                       env={**os.environ, **env}, timeout=300)
    return r.returncode, r.stderr, None


def _real_places() -> dict[str, str]:
    """The pack and source cache as found before HOME is moved into the sandbox."""
    from gazetteer.datadir import default_cache_dir, default_data_dir

    return {"GEOMAP_DATA_DIR": str(default_data_dir()), "GEOMAP_CACHE_DIR": str(default_cache_dir())}


def _outside(case: Case) -> dict[str, list[str]]:
    return {p: sorted(os.listdir(p)) for p in case.outside}


def run_case(case: Case, d: Path) -> Outcome:
    """Run one row in the sandbox ``d`` (created here) and report what happened."""
    d.mkdir(parents=True, exist_ok=True)
    make_sandbox(d)
    if case.setup:
        case.setup(d)
    before, outside = snapshot(d), _outside(case)
    argv = [_fill(a, d) for a in case.argv]
    env = {**_real_places(), "HOME": str(d / "home"), **{k: _fill(v, d) for k, v in case.env.items()}}
    if case.fresh:
        code, err, raised = _subprocess(argv, d, env)
    else:
        with mock.patch.dict(os.environ, env), (case.patch() if case.patch else contextlib.nullcontext()):
            code, err, raised = _inprocess(argv, d)
    after, outside_after = snapshot(d), _outside(case)
    new = sorted(set(after) - set(before))
    new += [f"{p}/{x}" for p in outside for x in sorted(set(outside_after[p]) - set(outside[p]))]
    lost = sorted(p for p, h in before.items() if after.get(p) != h)
    return Outcome(case, code, err, raised, new, lost)


def restore_permissions(d: Path) -> None:
    """Make the sandbox removable again (rows chmod folders and files)."""
    for dirpath, dirnames, filenames in os.walk(d):
        for n in dirnames + filenames:
            p = Path(dirpath) / n
            if not p.is_symlink():
                with contextlib.suppress(OSError):
                    p.chmod(0o755 if p.is_dir() else 0o644)


def tally(outcomes: list[tuple[Outcome, Path]]) -> dict[str, int]:
    """The counts the issue asks for."""
    return {"kinds tried": len(outcomes),
            "clean errors": sum(o.clean(d) for o, d in outcomes),
            "tracebacks": sum(o.traceback for o, _ in outcomes),
            "internal errors": sum(o.internal for o, _ in outcomes),
            "partial outputs": sum(bool(o.new) for o, _ in outcomes),
            "user files lost": sum(bool(o.lost) for o, _ in outcomes)}


# ---------------------------------------------------------------------------------------------- the tests
@pytest.fixture(autouse=True)
def _pack(manifest) -> None:
    """The rows need the built pack (rows that take their own pack run in a fresh process)."""


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_user_mistake_is_one_clear_line(case: Case, tmp_path: Path) -> None:
    d = tmp_path / "w"
    try:
        o = run_case(case, d)
    finally:
        restore_permissions(tmp_path)
    assert not o.traceback, (o.raised, o.stderr)
    assert not o.lost, f"user files changed or removed: {o.lost}"
    assert not o.new, f"written although the command failed: {o.new}"
    assert o.code == case.code, (o.code, o.stderr)
    assert len(o.lines) == 1, f"want exactly one line on stderr, got {o.lines}"
    assert o.named(d), f"the line does not name the input ({case.needle}): {o.lines[0]}"
    assert not o.internal, o.lines[0]


def test_table_covers_every_writing_command() -> None:
    cmds = {c.command for c in CASES}
    assert {"map", "events", "geoparse", "buffer", "zone", "data build", "resolve"} <= cmds
    assert len({c.id for c in CASES}) == len(CASES), "two rows with the same id"
