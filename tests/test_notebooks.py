"""The notebooks are stored without outputs and run top to bottom (nbclient) so they cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NB_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = ["01_quickstart.ipynb", "02_article_to_map.ipynb"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_stored_without_outputs(name):
    nb = nbformat.read(NB_DIR / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: clear outputs before committing"


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name, tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(NB_DIR / name, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    # the last cell displays a folium map inline (an HTML iframe)
    code = [c for c in nb.cells if c.cell_type == "code"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in code[-1].outputs)
    assert "leaflet" in html.lower() or "folium" in html.lower()
    # every map shown is offline: Leaflet inline, no script or stylesheet fetched from the network
    shown = ["".join(o.get("data", {}).get("text/html", "") for o in c.outputs) for c in code]
    maps = [h for h in shown if "leaflet" in h.lower()]
    assert maps
    for h in maps:
        assert "Leaflet 1.9.4" in h or "Leaflet 1.9.4" in html_unescape(h), h[:200]
        assert not re.search(r"<script[^>]+src=[\"'](?:https?:)?//", html_unescape(h))
    if name == "01_quickstart.ipynb":  # the geo results show a summary table and a map
        for what in ("BorderDistance", "Band", "Zone", "Offset"):
            assert any(f">{what}</caption>" in h for h in shown), what
    else:  # the Analysis shows its claims with verdicts and reasons
        assert any("spatial claim" in html_unescape(h) or "<th>verdict</th>" in h for h in shown)


def html_unescape(s: str) -> str:
    import html

    return html.unescape(s)
