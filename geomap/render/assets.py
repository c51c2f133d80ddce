"""Offline web assets: Leaflet and plugin JS/CSS read from the pack's ``web/`` folder, CSS images as data: URIs.

``make_self_contained(m)`` rewrites a folium Map so that its page carries every script and stylesheet inline:
each element's ``default_js``/``default_css`` links are matched by file name to a pack asset and replaced by inline
copies in the page header; links the map does not need (jQuery, Bootstrap, Font Awesome, awesome-markers) are
dropped; any other external script or stylesheet is an error (it would break the file:// promise).
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import re
from pathlib import Path

from geomap.errors import InputError

# pack asset (path under web/) for each file name a folium element may link to
JS_ASSETS: dict[str, str] = {
    "leaflet.js": "leaflet/leaflet.js",
    "Control.FullScreen.min.js": "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "leaflet-measure.min.js": "leaflet-measure/leaflet-measure.js",
    "leaflet-measure.js": "leaflet-measure/leaflet-measure.js",
    "leaflet.timeline.min.js": "leaflet.timeline/leaflet.timeline.js",
    "leaflet.timeline.js": "leaflet.timeline/leaflet.timeline.js",
    "moment.min.js": "moment/min/moment.min.js",
}
CSS_ASSETS: dict[str, str] = {
    "leaflet.css": "leaflet/leaflet.css",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "leaflet-measure.min.css": "leaflet-measure/leaflet-measure.css",
    "leaflet-measure.css": "leaflet-measure/leaflet-measure.css",
}
# folium defaults the renderer does not use (it draws circle markers and DivIcons, never icon fonts)
UNUSED = ("jquery", "bootstrap", "awesome-markers", "awesome_markers", "font-awesome", "fontawesome",
          "glyphicons", "leaflet.awesome.rotate")

_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _unused(name: str, url: str) -> bool:
    s = f"{name} {url}".lower()
    return any(u in s for u in UNUSED)


@functools.cache
def _read_text(web_dir: str, rel: str) -> str:
    return (Path(web_dir) / rel).read_text(encoding="utf-8")


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or ("image/svg+xml" if path.suffix == ".svg" else
                                                   "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@functools.cache
def inline_css(web_dir: str, rel: str) -> str:
    """CSS text of a pack asset with every relative ``url(...)`` replaced by a data: URI (missing images dropped)."""
    css = _read_text(web_dir, rel)
    base = (Path(web_dir) / rel).parent

    def sub(m: re.Match) -> str:
        ref = m.group(2).strip()
        if ref.startswith(("data:", "#")):
            return m.group(0)
        target = (base / ref).resolve()
        if not target.is_file() or Path(web_dir).resolve() not in target.parents:
            return "url()"
        return f'url("{_data_uri(target)}")'

    return _URL_RE.sub(sub, css)


def asset_for(url: str, table: dict[str, str]) -> str | None:
    """Pack path for a link URL (by file name), or None."""
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return table.get(name)


def _walk(el):  # noqa: ANN001, ANN202 - branca elements
    yield el
    for child in list(getattr(el, "_children", {}).values()):
        yield from _walk(child)


def make_self_contained(m, web_dir: str | Path | None = None) -> None:  # noqa: ANN001 - folium.Map
    """Inline every JS/CSS link of map ``m`` (and its children) from the pack; drop unused CDN links.

    Idempotent. Raises InputError naming the link when an element needs an asset the pack does not have.
    """
    from geomap.pack import read
    from geomap.render.elements import InlineScript, InlineStyle

    wd = str(web_dir or read.web_dir())
    fig = m.get_root()
    js: list[str] = []
    css: list[str] = []
    for el in _walk(fig):
        for attr, table, out in (("default_js", JS_ASSETS, js), ("default_css", CSS_ASSETS, css)):
            links = getattr(el, attr, None)
            if not links:
                continue
            for name, url in links:
                if _unused(name, url):
                    continue
                rel = asset_for(url, table)
                if rel is None:
                    raise InputError(
                        f"cannot make the map self-contained: {type(el).__name__} needs {url} ({name}), which the "
                        "pack's web assets do not provide; drop that element or add the asset to "
                        "geomap/pack/webassets.py and rebuild the pack (`geomap data build --force`)")
                if rel not in out:
                    out.append(rel)
            setattr(el, attr, [])  # instance attribute: never mutate folium's shared class-level lists
    js.sort(key=lambda r: r != JS_ASSETS["leaflet.js"])
    css.sort(key=lambda r: r != CSS_ASSETS["leaflet.css"])
    for rel in css:
        fig.header.add_child(InlineStyle(inline_css(wd, rel)), name=f"geomap_inline_{rel}")
    for rel in js:
        fig.header.add_child(InlineScript(_read_text(wd, rel)), name=f"geomap_inline_{rel}")


def drop_unused_links(m) -> None:  # noqa: ANN001 - folium.Map
    """Remove links to jQuery/Bootstrap/Font Awesome/awesome-markers from the map and its children."""
    for el in _walk(m.get_root()):
        for attr in ("default_js", "default_css"):
            links = getattr(el, attr, None)
            if links:
                setattr(el, attr, [(n, u) for n, u in links if not _unused(n, u)])


def _npm_path(rel: str) -> tuple[str, str] | None:
    """(source key, path inside the npm package) of a pack web asset ("leaflet/leaflet.js" → ("leaflet",
    "dist/leaflet.js"))."""
    from geomap.pack.webassets import ASSETS

    folder, _, name = rel.partition("/")
    for key, (wanted, dest) in ASSETS.items():
        if dest != folder:
            continue
        for w in wanted:
            if w.rsplit("/", 1)[-1] == name or (w.startswith("dist/") and w[len("dist/"):] == name):
                return key, w
            if w == name:
                return key, w
    return None


def cdn_url(rel: str, prefix: str) -> str | None:
    """CDN URL of a pack web asset at the pack's version: ``prefix`` + ``<npm package>@<version>/<path>``."""
    from geomap.pack import read
    from geomap.pack.sources import SOURCES

    hit = _npm_path(rel)
    if hit is None:
        return None
    key, path = hit
    versions = {s["key"]: s["version"] for s in read.manifest()["sources"]}
    return f"{prefix}{SOURCES[key].package}@{versions.get(key, SOURCES[key].version)}/{path}"


def _cdn_prefix() -> str:
    """The npm CDN prefix folium itself links Leaflet from (the text before ``leaflet@``)."""
    import folium

    url = dict(folium.Map.default_js)["leaflet"]
    return url[:url.index("leaflet@")]


def link_cdn(m) -> None:  # noqa: ANN001 - folium.Map
    """Link every JS/CSS asset of map ``m`` from a CDN at the pack's library versions (the explicit online
    variant); unused folium defaults are dropped. Raises InputError for an asset the pack does not know."""
    prefix = _cdn_prefix()
    for el in _walk(m.get_root()):
        for attr, table in (("default_js", JS_ASSETS), ("default_css", CSS_ASSETS)):
            links = getattr(el, attr, None)
            if not links:
                continue
            out = []
            for name, url in links:
                if _unused(name, url):
                    continue
                rel = asset_for(url, table)
                new = cdn_url(rel, prefix) if rel else None
                if new is None:
                    raise InputError(f"cannot link {url} ({name}) at the pack's version: the pack's web assets do "
                                     "not provide it")
                out.append((name, new))
            setattr(el, attr, out)


_EXTERNAL_RE = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
    re.IGNORECASE)


def external_refs(html: str) -> list[str]:
    """URLs of external scripts, stylesheets, images or frames referenced by a page (tile URL templates live in
    JavaScript strings, so they are not listed)."""
    return _EXTERNAL_RE.findall(html)
