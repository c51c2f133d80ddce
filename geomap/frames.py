"""Rows of an events table as plain Python values, for the writers that walk every row or every group.

Per-row and per-group pandas access (``iloc``, ``groupby`` iteration, ``itertuples`` over Arrow-backed string
columns) costs micro- to milliseconds a step; a corpus of 10,000 events has thousands of groups. Here each column is
read once (``Series.tolist``) and rows become named tuples; grouping keeps first-appearance order like
``groupby(sort=False)``. Missing values stay as pandas gives them (NaN, or ``pd.NA`` in nullable integer columns).
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["plain_rows", "group_rows", "present"]


@functools.lru_cache(maxsize=32)
def _row_type(cols: tuple[str, ...]) -> type:
    return namedtuple("Row", cols)


def plain_rows(df: Any, cols: Sequence[str]) -> list[tuple]:
    """The rows of DataFrame ``df`` as named tuples of the columns ``cols`` (in row order)."""
    t = _row_type(tuple(cols))
    return [t._make(v) for v in zip(*(df[c].tolist() for c in cols), strict=True)] if len(df) else []


def present(v: Any) -> bool:
    """False for None, NaN and ``pd.NA``."""
    if v is None:
        return False
    try:
        return bool(v == v)
    except TypeError:  # pd.NA
        return False


def group_rows(rows: Iterable[tuple], field: str, *, dropna: bool = True) -> dict[Any, list[tuple]]:
    """Rows grouped by ``field``, groups and rows in first-appearance order; rows whose key is missing are dropped
    (``dropna``) or grouped under None."""
    out: dict[Any, list[tuple]] = {}
    for r in rows:
        k = getattr(r, field)
        if not present(k):
            if dropna:
                continue
            k = None
        out.setdefault(k, []).append(r)
    return out
