"""The data pack on disk: its folder, manifest and checksum verification (stdlib only, fast to import)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from gazetteer.datadir import PACK_FORMAT, default_data_dir
from gazetteer.errors import PackCorruptError, PackMissingError

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
    try:
        return hashlib.sha256((pack_dir(data_dir) / "manifest.json").read_bytes()).hexdigest()
    except OSError:
        return None


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file (hashlib.file_digest: no per-chunk copies; the 54 MB name index in ~55 ms)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()  # no per-chunk copies: 54 MB index in ~55 ms


def check_files(manifest: dict, names: list[str] | None = None, *, full: bool = True,
                data_dir: Path | str | None = None) -> None:
    """Check pack files against the manifest: size always, SHA-256 too when ``full``.

    ``names`` are paths relative to the pack folder, or prefixes ending in ``/``; None checks every file.
    Raises PackCorruptError naming the file and the fix.
    """
    root = pack_dir(data_dir)
    files = manifest.get("files", {})
    todo = [n for n in files if names is None or any(n == x or (x.endswith("/") and n.startswith(x)) for x in names)]
    for rel in todo:
        meta = files[rel]
        path = root / rel
        try:
            size = path.stat().st_size
        except OSError:
            raise PackCorruptError(f"pack file {rel} is missing from {root}; {REBUILD}") from None
        if size != meta["size"]:
            raise PackCorruptError(f"pack file {rel} is truncated or altered ({size} bytes, manifest says "
                                   f"{meta['size']}); {REBUILD}")
        if full and sha256_file(path) != meta["sha256"]:
            raise PackCorruptError(f"pack file {rel} does not match its checksum; {REBUILD}")
