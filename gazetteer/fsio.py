"""Writing outputs without ever losing a user's file: atomic files, atomic folders and the output manifest.

This is the one module that writes (the gazetteer's online cache, the pack build and every geomap command use it;
``geomap.io`` re-exports it). It lives in the lowest layer because the gazetteer writes too.

Files (:func:`atomic_path`, :func:`atomic_open`, :func:`atomic_write_bytes`) are written to a temporary sibling,
fsynced, given mode 0644 and moved over the target with ``os.replace``: a reader sees the old file or the complete
new one. Folders (:func:`publish_dir`, :func:`replace_dir`) are built in a temporary sibling folder and published
by rename. A folder geomap publishes carries ``geomap-manifest.json`` (every file it wrote: relative path, size,
sha256, and the geomap version; no timestamps, so a rerun is byte-identical). The folder rules, for an output
folder OUT:

1. OUT is missing, empty, or holds only geomap's files (the files its manifest lists, or, without a manifest, only
   the command's known output names): the new folder replaces it whole (temporary sibling, fsync, rename).
2. OUT has a manifest and other files too: each new file is moved in with ``os.replace``, files the old manifest
   lists that are not written again are removed, the manifest is written last; other files are not touched.
3. OUT is not empty and has no manifest: refused with one line naming OUT and the fix, nothing touched. With
   ``force``, written as in rule 2 where no name collides.

A new name that collides with a file geomap did not write (not listed, or changed since it was listed) is refused,
even with ``force``. Refused outright, before any work: an empty path, ``/``, the home folder, the current folder
or a folder above it, a file, a path below a file, a folder or parent that is not writable (write permission bits
are honoured for root too). Errors are :class:`OutputError` with a one-line message.

Signals: :func:`signals_raise` (the CLI installs it) makes SIGTERM and SIGHUP raise :class:`Interrupted`, as
SIGINT raises KeyboardInterrupt, so temporary files are removed on the way out; renames and clean-up run with the
three signals held (:func:`held_signals`). An interrupted write leaves the previous output intact or the new one
complete, and no temporary file.

Test hook: with ``GEOMAP_TEST_PAUSE_AT=<stage>[:<name>]`` (stages ``temp-write``, ``fsync``, ``rename``,
``renamed``; ``name`` the target's file or folder name) the first matching write touches the file named by
``GEOMAP_TEST_PAUSE_FILE`` and sleeps ``GEOMAP_TEST_PAUSE_SECONDS`` (default 30), so a test can signal the process
at that exact point. Unset, the hook is one comparison with None.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from gazetteer.errors import OutputError
from gazetteer.packfiles import sha256_file

__all__ = ["MANIFEST", "TMP_SUFFIX", "Interrupted", "atomic_path", "atomic_open", "atomic_write_bytes",
           "check_output_file", "check_output_dir", "publish_dir", "replace_dir", "read_output_manifest",
           "held_signals", "signals_raise"]

MANIFEST = "geomap-manifest.json"
TMP_SUFFIX = ".geomap-tmp"
FILE_MODE, DIR_MODE = 0o644, 0o755
_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None)
T = TypeVar("T")


# ============================================================================================ signals
class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived; ``signum`` says which (SIGINT raises a plain KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        """``signum``: the signal that arrived."""
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: Any) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While active, SIGTERM and SIGHUP raise :class:`Interrupted` (so ``finally`` clean-ups run); main thread.

    Signals the process ignores (``nohup``; SIGINT of a background job) stay ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:  # an ignored SIGHUP (nohup) stays ignored
            old[sig] = signal.signal(sig, _raise_interrupted)
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP (delivered when the block ends): renames and clean-up are not cut short."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# ============================================================================================ the test hook
_PAUSE_AT = os.environ.get("GEOMAP_TEST_PAUSE_AT") or None
_PAUSED: list[str] = []  # the stage paused at (once per process)


def _pause(stage: str, name: str) -> None:
    """Test hook: block at ``stage`` of the write of ``name`` when GEOMAP_TEST_PAUSE_AT asks for it (once)."""
    if _PAUSE_AT is None or _PAUSED:
        return
    want, _, want_name = _PAUSE_AT.partition(":")
    if want != stage or (want_name and want_name != name):
        return
    _PAUSED.append(f"{stage}:{name}")
    marker = os.environ.get("GEOMAP_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(f"{stage}:{name}\n", encoding="utf-8")
    deadline = time.monotonic() + float(os.environ.get("GEOMAP_TEST_PAUSE_SECONDS", "30"))
    while time.monotonic() < deadline:
        time.sleep(0.02)


# ============================================================================================ checks
def _euid() -> int:
    return getattr(os, "geteuid", lambda: -1)()


def _writable(p: Path) -> bool:
    """Write permission on ``p`` (its permission bits too when running as root, who would ignore them)."""
    if not os.access(p, os.W_OK):
        return False
    return _euid() != 0 or bool(p.stat().st_mode & 0o222)


def _existing_ancestor(p: Path) -> Path:
    """The nearest ancestor of ``p`` (or ``p``) that exists; links followed."""
    q = p
    while not os.path.lexists(q) and q != q.parent:
        q = q.parent
    return q


def _absolute(p: Path) -> Path:
    return Path(os.path.abspath(p))


def _forbidden(real: Path) -> str | None:
    """Why ``real`` must never be an output folder: '/', the home folder, the current folder or above it."""
    if real == Path(real.anchor):
        return "the root folder"
    home = os.environ.get("HOME")
    if home and real == Path(os.path.realpath(home)):
        return "your home folder"
    cwd = Path(os.path.realpath(os.getcwd()))
    if real == cwd:
        return "the current folder"
    if real in cwd.parents:
        return "a folder above the current one"
    return None


def _no_dangling(given: str, p: Path) -> None:
    if p.is_symlink() and not p.exists():
        raise OutputError(f"output {given!r} is a broken symbolic link (to {os.readlink(p)!r}); remove it or "
                          "choose another name")


def _check_place(given: str, p: Path) -> None:
    """The parts every output path shares: below a file, an unwritable parent."""
    anc = _existing_ancestor(p.parent)
    if not anc.is_dir():
        raise OutputError(f"cannot write {given!r}: {anc} is a file, not a folder; choose a path in a folder")
    if not _writable(anc):
        raise OutputError(f"cannot write {given!r}: the folder {anc} is not writable; choose a folder you can "
                          "write to")


def check_output_file(path: str | os.PathLike, *, example: str = "out.geojson") -> Path:
    """The file ``path`` may be written (its link target, when it is a link); OutputError with one line if not."""
    given = os.fspath(path)
    if given == "":
        raise OutputError(f"the output file name is empty (''); give a file name, e.g. -o {example}")
    p = Path(given)
    _no_dangling(given, p)
    if p.is_dir():
        where = _forbidden(Path(os.path.realpath(p)))
        raise OutputError(f"output {given!r} is a folder{f' ({where})' if where else ''}, not a file; give a file "
                          f"name, e.g. -o {Path(given) / example}")
    _check_place(given, p)
    real = Path(os.path.realpath(p)) if p.is_symlink() else _absolute(p)
    if real.exists() and not _writable(real):
        raise OutputError(f"output file {given!r} is read-only; make it writable or choose another name")
    return real


def check_output_dir(path: str | os.PathLike, *, known: Iterable[str] | None = None, force: bool = False,
                     example: str = "output/run1") -> Path:
    """The folder ``path`` may be an output folder; its real path, or OutputError (one line, nothing touched).

    Checks the place ('', '/', home, current folder, a file, below a file, not writable) and, when ``known`` (the
    command's output names) is given, the folder rules for what is already in it (see the module docstring).
    """
    given = os.fspath(path)
    if given == "":
        raise OutputError(f"the output folder name is empty (''); give a folder, e.g. -o {example}")
    p = Path(given)
    _no_dangling(given, p)
    real = Path(os.path.realpath(p))
    why = _forbidden(real)
    if why:
        raise OutputError(f"refusing to write into {given!r} ({why}): geomap replaces its output folder; give a new "
                          f"or empty folder, e.g. -o {Path(given) / 'geomap-out'}")
    if p.exists() and not p.is_dir():
        raise OutputError(f"output {given!r} is a file, not a folder; give a folder name, e.g. -o {example}")
    _check_place(given, real)
    if real.exists() and not _writable(real):
        raise OutputError(f"output folder {given!r} is read-only; make it writable (chmod u+w) or choose another")
    if known is not None:
        known = tuple(known)
        _refuse_collisions(real, given, _plan(real, given, known, force), [k for k in known if "*" not in k])
    return real


# ============================================================================================ files
def _fsync_path(p: Path, *, folder: bool = False) -> None:
    fd = os.open(p, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0))
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot fsync a folder
        if not folder:
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str = "", hook: bool = True, durable: bool = True
                ) -> Iterator[Path]:
    """Yield a temporary sibling path to write ``path`` through: on success it is fsynced, made 0644 and moved
    over ``path`` (``os.replace``); on any failure or signal it is removed and ``path`` is left as it was.

    The temporary path exists (empty) when yielded; a writer that must create the file itself may remove it first.
    ``suffix`` ends the temporary name (for writers that go by the extension, e.g. ".gpkg"); ``hook=False``
    exempts a write that is no output (a cache file) from the test pause hook; ``durable=False`` skips the fsyncs
    (still atomic for readers, not across a power cut: for scratch files that live only as long as one run).
    """
    pause = _pause if hook else (lambda stage, name: None)
    import tempfile

    target = check_output_file(path)
    tmp: Path | None = None
    try:
        with held_signals():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX + suffix,
                                        dir=target.parent)
            os.close(fd)
            tmp = Path(name)
        pause("temp-write", target.name)
        yield tmp
        if durable:
            _fsync_path(tmp)
        os.chmod(tmp, FILE_MODE)
        pause("fsync", target.name)
        pause("rename", target.name)
        with held_signals():
            os.replace(tmp, target)
            tmp = None
            if durable:
                _fsync_path(target.parent, folder=True)
        pause("renamed", target.name)
    finally:
        if tmp is not None:
            with held_signals():
                tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "wb", *, encoding: str | None = None) -> Iterator[IO]:
    """``open()`` for writing through :func:`atomic_path` (``mode`` "wb" or "w"; text is UTF-8 by default)."""
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes whole files ('w' or 'wb'), not {mode!r}")
    with atomic_path(path) as tmp:
        enc = None if "b" in mode else (encoding or "utf-8")
        with open(tmp, mode, encoding=enc, newline=None if enc is None else "\n") as f:
            yield f


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, hook: bool = True, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_path`); return the path written."""
    with atomic_path(path, hook=hook, durable=durable) as tmp:
        tmp.write_bytes(data)
    return Path(path)


# ============================================================================================ the manifest
def _files(root: Path) -> list[str]:
    """Every non-folder entry below ``root`` (hidden ones and links too), as sorted relative POSIX paths."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        out += [(d / n).relative_to(root).as_posix() for n in filenames]
        out += [(d / n).relative_to(root).as_posix() for n in dirnames if (d / n).is_symlink()]
    return sorted(out)


def read_output_manifest(folder: str | os.PathLike) -> dict | None:
    """The output manifest of ``folder`` ({"generator", "geomap_version", "files": [...]}), or None if it has none.

    A manifest that cannot be read raises OutputError (the folder's state is unknown: nothing is touched).
    """
    import json

    p = Path(folder) / MANIFEST
    if not p.is_file():
        return None
    try:
        m = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(m, dict) or not all(isinstance(f, dict) and isinstance(f.get("path"), str)
                                              for f in m["files"]):
            raise ValueError("no file list")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutputError(f"output folder {folder} has an unreadable {MANIFEST} ({exc}); remove it or choose "
                          "another folder") from None
    return m


def _manifest(root: Path, version: str) -> bytes:
    import json

    files = [{"path": rel, "size": (root / rel).stat().st_size, "sha256": sha256_file(root / rel)}
             for rel in _files(root) if rel != MANIFEST]
    doc = {"generator": "geomap", "geomap_version": version, "files": files}
    return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


# ============================================================================================ folder rules
@dataclass
class _Plan:
    """How to publish into an existing folder: whole-folder swap, or file by file beside the user's files."""

    swap: bool
    listed: set[str] = field(default_factory=set)  # files there that geomap wrote (may be replaced or removed)
    others: set[str] = field(default_factory=set)  # files geomap did not write (never touched)


def _known(rel: str, known: Iterable[str]) -> bool:
    import fnmatch

    return any(fnmatch.fnmatchcase(rel, pat) for pat in known)


def _changed(out: Path, entries: dict[str, dict]) -> list[str]:
    """Listed files whose size or content no longer match the manifest (someone else changed them)."""
    bad = []
    for rel, meta in entries.items():
        p = out / rel
        if not os.path.lexists(p):
            continue
        if p.is_symlink() or not p.is_file() or p.stat().st_size != meta.get("size") or sha256_file(p) != meta.get(
                "sha256"):
            bad.append(rel)
    return bad


def _plan(out: Path, given: str, known: tuple[str, ...], force: bool) -> _Plan:
    """Apply the folder rules to the existing folder ``out``; raise OutputError when it must not be written."""
    if not out.exists() or not any(out.iterdir()):
        return _Plan(swap=True)
    present = set(_files(out)) - {MANIFEST}
    m = read_output_manifest(out)
    if m is not None:
        entries = {f["path"]: f for f in m["files"]}
        changed = _changed(out, entries)
        if changed:
            raise OutputError(f"output folder {given!r}: {changed[0]} was changed since geomap wrote it"
                              f"{f' (and {len(changed) - 1} more)' if len(changed) > 1 else ''}; move it away or "
                              "choose another folder")
        listed = {r for r in present if r in entries}
        return _Plan(swap=present == listed, listed=listed, others=present - listed)
    if present and all(_known(r, known) for r in present):  # outputs of a geomap without manifests
        return _Plan(swap=True, listed=present)
    if not force:
        first = sorted(present)[0] if present else sorted(x.name for x in out.iterdir())[0]
        raise OutputError(f"output folder {given!r} is not empty and was not written by geomap (it holds {first}"
                          f"{f' and {len(present) - 1} more' if len(present) > 1 else ''}); choose a new or empty "
                          "folder, or pass --force to write beside those files")
    return _Plan(swap=False, others=present)


def _collisions(out: Path, plan: _Plan, names: Iterable[str]) -> list[str]:
    """New names that would overwrite, or need a folder where there is, a file geomap did not write."""
    bad = []
    for rel in names:
        parts = rel.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts))]
        if rel in plan.others or any(p in plan.others for p in prefixes):
            bad.append(rel)
        elif (out / rel).is_dir() and not (out / rel).is_symlink():
            bad.append(rel)
    return bad


def _refuse_collisions(out: Path, given: str, plan: _Plan, names: Iterable[str]) -> None:
    bad = _collisions(out, plan, names)
    if bad:
        raise OutputError(f"output folder {given!r} already holds {bad[0]}, which geomap did not write; move it "
                          "away or choose another folder (--force never overwrites a file geomap did not write)")


def _finish_tree(root: Path) -> None:
    """fsync every file and folder below ``root`` and give them modes 0644 / 0755 (readable by everyone)."""
    for dirpath, _dirnames, filenames in os.walk(root):
        d = Path(dirpath)
        os.chmod(d, DIR_MODE)
        for n in filenames:
            p = d / n
            if not p.is_symlink():
                os.chmod(p, FILE_MODE)
                _fsync_path(p)
        _fsync_path(d, folder=True)


@contextlib.contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """A temporary sibling folder of ``target`` (0755), removed when the block ends whatever happens."""
    import shutil
    import tempfile

    tmp: Path | None = None
    try:
        with held_signals():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent))
        os.chmod(tmp, DIR_MODE)
        yield tmp
    finally:
        if tmp is not None:
            with held_signals():
                shutil.rmtree(tmp, ignore_errors=True)


def _swap(tmp: Path, target: Path) -> None:
    """Rename the finished ``tmp`` to ``target``; an existing ``target`` is moved into ``tmp``'s place to be removed
    with it. Call with signals held."""
    if not os.path.lexists(target):
        os.rename(tmp, target)
        return
    old = tmp.with_name(tmp.name + ".old")
    os.rename(target, old)
    try:
        os.rename(tmp, target)
    except OSError:
        os.rename(old, target)
        raise
    os.rename(old, tmp)  # removed by _staging with the rest


def _merge(tmp: Path, out: Path, plan: _Plan, new: list[str]) -> None:
    """Move the new files into ``out`` one by one, remove stale listed ones, write the manifest last. Signals held."""
    for rel in new:
        dst = out / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp / rel, dst)
    for rel in sorted(plan.listed - set(new)):
        (out / rel).unlink(missing_ok=True)
        for parent in (out / rel).parents:
            if parent == out:
                break
            with contextlib.suppress(OSError):
                parent.rmdir()  # only when empty
    os.replace(tmp / MANIFEST, out / MANIFEST)
    for d in {(out / rel).parent for rel in new} | {out}:
        _fsync_path(d, folder=True)


def publish_dir(path: str | os.PathLike, build: Callable[[Path], T], *, version: str,
                known: Iterable[str] = (), force: bool = False) -> T:
    """Run ``build(folder)`` on an empty temporary folder and publish what it wrote at ``path`` by the folder rules
    (see the module docstring), with an output manifest; return what ``build`` returned.

    ``known``: the command's output names (``fnmatch`` patterns such as ``layers/*.geojson``): a folder holding
    only such names counts as geomap's although it has no manifest (outputs of older versions). Raises
    OutputError (one line, nothing touched) when the folder must not be written.
    """
    given = os.fspath(path)
    known = tuple(known)
    out = check_output_dir(path, known=known, force=force)
    with _staging(out) as tmp:
        _pause("temp-write", out.name)
        result = build(tmp)
        new = [r for r in _files(tmp) if r != MANIFEST]
        (tmp / MANIFEST).write_bytes(_manifest(tmp, version))
        _finish_tree(tmp)
        _pause("fsync", out.name)
        plan = _plan(out, given, known, force)  # again: the folder may have changed while we worked
        _refuse_collisions(out, given, plan, new)
        _pause("rename", out.name)
        with held_signals():
            if plan.swap:
                _swap(tmp, out)
            else:
                _merge(tmp, out, plan, new)
            _fsync_path(out.parent, folder=True)
        _pause("renamed", out.name)
    return result


def replace_dir(path: str | os.PathLike, build: Callable[[Path], T], *,
                is_ours: Callable[[Path], bool]) -> T:
    """Build a folder that belongs wholly to geomap (the data pack) in a temporary sibling and rename it to
    ``path``, replacing the previous one; a non-empty ``path`` for which ``is_ours`` is false is refused."""
    given = os.fspath(path)
    out = check_output_dir(path)
    if out.exists() and any(out.iterdir()) and not is_ours(out):
        raise OutputError(f"{given!r} is not empty and is not geomap's; move it away or choose another folder")
    with _staging(out) as tmp:
        _pause("temp-write", out.name)
        result = build(tmp)
        _finish_tree(tmp)
        _pause("fsync", out.name)
        _pause("rename", out.name)
        with held_signals():
            _swap(tmp, out)
            _fsync_path(out.parent, folder=True)
        _pause("renamed", out.name)
    return result

