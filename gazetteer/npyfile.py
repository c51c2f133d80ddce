"""The one reader of the name index's ``.npy`` arrays, through the stdlib: the header is parsed, the file mapped
read-only and the data viewed as a ``memoryview`` cast to the array's type (indexing gives Python ints and
floats, ``bisect`` searches it, no copy). numpy views of the same memory (``IndexArrays.np``) are made on first use
by the bulk paths only, so resolving one name never imports numpy.
"""

from __future__ import annotations

import mmap
import re
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["IndexArrays", "NpyFormatError", "read_npy"]

# .npy type strings the index uses -> memoryview / array format codes (native sizes checked in _view)
_FORMATS = {"|u1": "B", "|i1": "b", "<u2": "H", "<i2": "h", "<u4": "I", "<i4": "i", "<u8": "Q", "<i8": "q",
            "<f4": "f", "<f8": "d"}
_MAGIC = b"\x93NUMPY"
_DESCR = re.compile(r"'descr':\s*'([^']+)'")
_FORTRAN = re.compile(r"'fortran_order':\s*(True|False)")
_SHAPE = re.compile(r"'shape':\s*\((\d*),?\s*\)")


class NpyFormatError(ValueError):
    """A file that is not a one-dimensional ``.npy`` array of a type the index uses."""


def _header(mm: mmap.mmap | bytes, name: str) -> tuple[str, int, int]:
    """(type string, length, data offset in bytes) of the ``.npy`` file whose bytes are ``mm``."""
    if mm[:6] != _MAGIC or len(mm) < 10:
        raise NpyFormatError(f"{name} is not a .npy file")
    major = mm[6]
    if major == 1:
        hlen, start = int.from_bytes(mm[8:10], "little"), 10
    elif major in (2, 3):
        hlen, start = int.from_bytes(mm[8:12], "little"), 12
    else:
        raise NpyFormatError(f"{name} has .npy version {major}")
    head = bytes(mm[start:start + hlen]).decode("latin-1")
    descr, fortran, shape = _DESCR.search(head), _FORTRAN.search(head), _SHAPE.search(head)
    if not (descr and fortran and shape) or descr.group(1) not in _FORMATS:
        raise NpyFormatError(f"{name} is not a one-dimensional array of a plain number type ({head.strip()})")
    return descr.group(1), int(shape.group(1) or 1), start + hlen


def read_npy(path: Path) -> tuple[memoryview, str]:
    """The one-dimensional array in the ``.npy`` file ``path`` as a read-only typed memoryview over the mapped file
    (a copy, byte-swapped, on a big-endian machine), and its ``.npy`` type string ("<u8")."""
    with open(path, "rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    descr, n, off = _header(mm, path.name)
    fmt = _FORMATS[descr]
    size = array(fmt).itemsize
    raw = memoryview(mm)[off:off + n * size]
    if len(raw) != n * size:
        raise NpyFormatError(f"{path.name} is shorter than its header says")
    if size > 1 and sys.byteorder != "little":  # pragma: no cover - the index is little-endian
        a = array(fmt, raw)
        a.byteswap()
        return memoryview(a), descr
    return raw.cast(fmt), descr


class IndexArrays:
    """The named arrays of an index folder: ``arrays[name]`` is a typed memoryview (scalar access, slices,
    ``bisect``); ``arrays.np(name)`` a read-only numpy view of the same memory, for vectorised code."""

    def __init__(self, root: Path, names: Iterable[str]) -> None:
        """Map ``<root>/<name>.npy`` for each of ``names``."""
        self._mv: dict[str, memoryview] = {}
        self._descr: dict[str, str] = {}
        self._np: dict[str, Any] = {}
        for n in names:
            self._mv[n], self._descr[n] = read_npy(root / f"{n}.npy")

    def __getitem__(self, name: str) -> memoryview:
        """The typed memoryview of array ``name``."""
        return self._mv[name]

    def __contains__(self, name: object) -> bool:
        """Whether an array called ``name`` was read."""
        return name in self._mv

    def __iter__(self):
        """The names of the arrays."""
        return iter(self._mv)

    def items(self):
        """(name, typed memoryview) pairs."""
        return self._mv.items()

    def np(self, name: str):
        """A read-only numpy array over the memory of array ``name`` (numpy imported here, on first use)."""
        a = self._np.get(name)
        if a is None:
            import numpy as np

            a = self._np[name] = np.frombuffer(self._mv[name], dtype=np.dtype(self._descr[name]).newbyteorder("="))
        return a
