"""Web assets for maps that work offline: Leaflet and the plugins the renderer uses, unpacked from npm tarballs."""

from __future__ import annotations

import tarfile
from pathlib import Path

# source key -> (files or folders inside the npm tarball's ``package/``, destination folder under web/)
ASSETS: dict[str, tuple[tuple[str, ...], str]] = {
    "leaflet": (("dist/leaflet.js", "dist/leaflet.css", "dist/images/", "LICENSE"), "leaflet"),
    "fullscreen": (("Control.FullScreen.js", "Control.FullScreen.css", "icon-fullscreen.svg", "LICENSE"),
                   "leaflet.fullscreen"),
    "measure": (("dist/leaflet-measure.js", "dist/leaflet-measure.css", "dist/assets/", "LICENSE"),
                "leaflet-measure"),
    "timeline": (("dist/leaflet.timeline.js", "LICENSE"), "leaflet.timeline"),
    "moment": (("min/moment.min.js", "LICENSE"), "moment"),
}


def unpack(key: str, tgz: Path, web_dir: Path) -> list[str]:
    """Copy the wanted files of one npm tarball into ``web_dir/<dest>``; return the written relative paths."""
    wanted, dest = ASSETS[key]
    out = web_dir / dest
    written = []
    with tarfile.open(tgz, "r:gz") as tar:
        for m in tar:
            if not m.isfile() or not m.name.startswith("package/"):
                continue
            rel = m.name[len("package/"):]
            if not any(rel == w or (w.endswith("/") and rel.startswith(w)) for w in wanted):
                continue
            if ".." in Path(rel).parts or rel.endswith(".map"):
                continue
            target = out / (rel[len("dist/"):] if rel.startswith("dist/") else rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(m).read())
            written.append(str(target.relative_to(web_dir)))
    return sorted(written)
