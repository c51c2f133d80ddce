"""The data pack on disk: its folder, manifest and checksum verification (stdlib only, fast to import)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from gazetteer.datadir import PACK_FORMAT, default_data_dir
from gazetteer.errors import OutputError, PackCorruptError, PackMissingError

REBUILD = "run `geomap data build --force`"


def pack_dir(data_dir: Path | str | None = None) -> Path:
    """Folder of the current pack inside the data dir (``<data_dir>/pack``)."""
    return Path(data_dir) / "pack" if data_dir is not None else default_data_dir() / "pack"


def read_manifest(data_dir: Path | str | None = None) -> dict:
    """Return the pack's manifest, or raise PackMissingError saying how to build it."""
    p = pack_dir(data_dir) / "manifest.json"
    if not p.exists():
        raise PackMissingError(f"no geomap data pack in {p.parent}; run `geomap data build` (or set GEOMAP_DATA_DIR)")
    try:
        m = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackCorruptError(f"the pack manifest {p} is unreadable ({exc}); {REBUILD}") from exc
    if m.get("format") != PACK_FORMAT:
        raise PackMissingError(f"the pack in {p.parent} has format {m.get('format')}, this geomap needs "
                               f"{PACK_FORMAT}; {REBUILD}")
    return m


def manifest_checksum(data_dir: Path | str | None = None) -> str | None:
    """SHA-256 of the pack's manifest.json (identifies the pack an output was made with), or None without one."""
    import hashlib

    try:
        return hashlib.sha256((pack_dir(data_dir) / "manifest.json").read_bytes()).hexdigest()
    except OSError:
        return None


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file (hashlib.file_digest: no per-chunk copies; the 54 MB name index in ~55 ms)."""
    import hashlib  # (OpenSSL: ~10 ms to import; a pack check whose stamps match never hashes)

    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()  # no per-chunk copies: 54 MB index in ~55 ms


def check_files(manifest: dict, names: list[str] | None = None, *, full: bool = True,
                data_dir: Path | str | None = None, stamps: bool = False) -> None:
    """Check pack files against the manifest: size always, SHA-256 too when ``full``.

    ``names`` are paths relative to the pack folder, or prefixes ending in ``/``; None checks every file.
    ``stamps``: skip the SHA-256 of a file whose stat (device, inode, size, mtime and ctime in ns) is the one
    recorded when that file last matched this checksum (see :class:`_Stamps`); any write since changes its ctime,
    which no user can set back, so same-size tampering is still caught. Raises PackCorruptError naming the file
    and the fix.
    """
    root = pack_dir(data_dir)
    files = manifest.get("files", {})
    todo = [n for n in files if names is None or any(n == x or (x.endswith("/") and n.startswith(x)) for x in names)]
    seen = _Stamps.load() if full and stamps else None
    for rel in todo:
        meta = files[rel]
        path = root / rel
        try:
            st = path.stat()
        except OSError:
            raise PackCorruptError(f"pack file {rel} is missing from {root}; {REBUILD}") from None
        if st.st_size != meta["size"]:
            raise PackCorruptError(f"pack file {rel} is truncated or altered ({st.st_size} bytes, manifest says "
                                   f"{meta['size']}); {REBUILD}")
        if not full or (seen is not None and seen.match(path, st, meta["sha256"])):
            continue
        if sha256_file(path) != meta["sha256"]:
            raise PackCorruptError(f"pack file {rel} does not match its checksum; {REBUILD}")
        if seen is not None:
            seen.record(path, st, meta["sha256"])
    if seen is not None:
        seen.save()


class _Stamps:
    """Per-user record of pack files whose SHA-256 was checked: absolute path -> [dev, inode, size, mtime_ns,
    ctime_ns, sha256], in the cache dir (``verified-pack-files.json``; never in the pack, which may be shared and
    read-only). As git's index does, a file changed less than 2 s before it was checked is not recorded (a
    coarse-clock file system could hide a later write in the same tick)."""

    NAME = "verified-pack-files.json"

    def __init__(self, path: Path, data: dict[str, list]) -> None:
        """Stamps read from ``path``."""
        self.path, self.data, self.dirty = path, data, False

    @classmethod
    def load(cls) -> _Stamps:
        """The stamps of this user (none if the file is missing or unreadable)."""
        from gazetteer.datadir import default_cache_dir

        path = default_cache_dir() / cls.NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return cls(path, data if isinstance(data, dict) else {})

    @staticmethod
    def _key(st, sha: str) -> list:
        return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, sha]

    def match(self, path: Path, st, sha: str) -> bool:
        """Whether ``path`` with stat ``st`` was last checked against ``sha`` and not written since."""
        return self.data.get(os.path.abspath(path)) == self._key(st, sha)

    def record(self, path: Path, st, sha: str) -> None:
        """Remember that ``path`` (stat ``st``) matched ``sha``, unless it changed in the last 2 s."""
        if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > 2_000_000_000:
            self.data[os.path.abspath(path)] = self._key(st, sha)
            self.dirty = True

    def save(self) -> None:
        """Write the stamps if any were added (atomically; silently skipped where the cache dir is not writable)."""
        if not self.dirty:
            return
        live = {k: v for k, v in self.data.items() if os.path.exists(k)}  # forget removed packs' files
        try:
            from gazetteer.fsio import atomic_write_bytes

            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, json.dumps(live, separators=(",", ":")).encode("utf-8"), hook=False)
        except (OSError, OutputError):
            pass
