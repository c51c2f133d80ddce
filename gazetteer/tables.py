"""The project's own data tables (``gazetteer/data/*.tsv``, written by the geomap project): one loader for all.

Two shapes: a code table (``code<TAB>form,form,...[<TAB>form,...]``: a country's demonyms, a region's
abbreviations) and a list (one name per line). Lines starting with ``#`` are comments. Stdlib only.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_table", "read_list", "news_abbreviations"]


def _lines(name: str) -> list[str]:
    """The non-empty, non-comment lines of ``data/<name>.tsv``."""
    # beside this module (a plain package folder); importlib.resources would cost ~20 ms of start-up
    text = (Path(__file__).parent / "data" / f"{name}.tsv").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_table(name: str, column: int | None = None) -> dict[str, list[str]]:
    """Code table ``data/<name>.tsv``: code (ISO2 / admin-1 code) -> its forms, in file order; the forms of every
    column, or of form column ``column`` (1 = the first after the code) only."""
    out: dict[str, list[str]] = {}
    for line in _lines(name):
        code, *cols = line.split("\t")
        if column is not None:
            cols = cols[column - 1:column]
        forms = out.setdefault(code.strip(), [])
        for col in cols:
            forms.extend(f.strip() for f in col.split(",") if f.strip())
    return out


def read_list(name: str) -> list[str]:
    """List table ``data/<name>.tsv``: one entry per line."""
    return _lines(name)


def news_abbreviations() -> dict[str, str]:
    """AP-style region abbreviations written after a place name and a comma ("Gainesville, Ga.") -> admin-1 code
    (``US.GA``): the first form column of ``data/admin1_aliases.tsv`` (the second holds other abbreviations the
    resolver knows but the spotter does not look for)."""
    return {form: code for code, forms in read_table("admin1_aliases", column=1).items() for form in forms}
