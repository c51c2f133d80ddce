"""The notebooks are stored without outputs and run top to bottom (nbclient) so they cannot rot."""

from __future__ import annotations

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
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    html = "".join(o.get("data", {}).get("text/html", "") for o in last.outputs)
    assert "leaflet" in html.lower() or "folium" in html.lower()
