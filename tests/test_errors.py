"""One error hierarchy: a root in the lowest layer, the gazetteer's and geomap's errors side by side under it."""

from __future__ import annotations

import pytest

import gazetteer.errors as gz
import geomap.errors as gm


def test_root_is_defined_once_in_the_gazetteer() -> None:
    assert gm.GeomapError is gz.GeomapError
    assert gm.GazetteerError is gz.GazetteerError
    assert issubclass(gz.GazetteerError, gz.GeomapError)


@pytest.mark.parametrize("cls", [gm.BuildError, gm.SourceError, gm.InputError, gm.GeometryError, gm.OutputError])
def test_geomap_errors_are_not_gazetteer_errors(cls: type) -> None:
    assert issubclass(cls, gm.GeomapError)
    assert not issubclass(cls, gm.GazetteerError)
    with pytest.raises(gm.GeomapError):
        raise cls("x")


def test_except_gazetteer_error_does_not_swallow_a_geometry_error() -> None:
    with pytest.raises(gm.GeometryError):
        try:
            raise gm.GeometryError("UA and PL share no border stretch here")
        except gm.GazetteerError:  # must not match
            pytest.fail("a GeometryError was caught as a GazetteerError")


@pytest.mark.parametrize("cls", [gz.PackMissingError, gz.PackCorruptError, gz.BadNameError, gz.NotFoundError])
def test_gazetteer_errors_are_geomap_errors(cls: type) -> None:
    assert issubclass(cls, gz.GazetteerError) and issubclass(cls, gz.GeomapError)
