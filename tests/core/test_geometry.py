"""Ellipsoidal areas, polygon clean-up and overlap detection."""

import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from landinv import geometry
from landinv.domain import M2_PER_MU


def _parcels(n=300, seed=7):
    """Rotated, irregular parcels of 5-150 mu around Changshan (lon/lat)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        lon, lat = rng.uniform(118.40, 118.60), rng.uniform(28.85, 29.00)
        side = np.sqrt(rng.uniform(5, 150) * M2_PER_MU)  # metres
        k = rng.integers(4, 12)
        angles = np.sort(rng.uniform(0, 2 * np.pi, k))
        radii = side / 2 * rng.uniform(0.7, 1.3, k)
        dx = radii * np.cos(angles) / (111320 * np.cos(np.radians(lat)))
        dy = radii * np.sin(angles) / 110574
        out.append(Polygon(np.column_stack([lon + dx, lat + dy])))
    return np.array(out, dtype=object)


def test_area_matches_geodesic_reference_within_1e_6():
    shapes = _parcels()
    ours = geometry.area_m2(shapes)
    ref = geometry.geod_area_m2(shapes)
    rel = np.abs(ours - ref) / ref
    assert rel.max() < 1e-6


def test_area_of_a_known_square_on_the_ellipsoid():
    # 0.01 x 0.01 degree cell at 29N: compare with pyproj's own geodesic polygon area.
    cell = box(118.5, 29.0, 118.51, 29.01)
    geod = pyproj.Geod(ellps="GRS80")
    expected = abs(geod.geometry_area_perimeter(cell)[0])
    assert geometry.area_m2([cell])[0] == pytest.approx(expected, rel=1e-6)
    # Web Mercator would overstate it by ~31 % here: make sure we are nowhere near that.
    merc = shapely.area(
        shapely.transform(
            cell,
            lambda xy: np.column_stack(
                pyproj.Transformer.from_crs(4490, 3857, always_xy=True).transform(
                    xy[:, 0], xy[:, 1]
                )
            ),
        )
    )
    assert merc / geometry.area_m2([cell])[0] > 1.25


def test_area_accepts_projected_gauss_kruger_input():
    lonlat = _parcels(20)
    to_gk = pyproj.Transformer.from_crs(4490, 4549, always_xy=True)
    gk = shapely.transform(lonlat, lambda xy: np.column_stack(to_gk.transform(xy[:, 0], xy[:, 1])))
    assert np.allclose(geometry.area_m2(gk, crs=4549), geometry.area_m2(lonlat), rtol=1e-6)


def test_null_and_empty_geometries_have_zero_area():
    arr = np.array([None, Polygon(), box(118.5, 29.0, 118.501, 29.001)], dtype=object)
    areas = geometry.area_m2(arr)
    assert areas[0] == 0 and areas[1] == 0 and areas[2] > 0


def test_repair_bow_tie_keeps_polygon_parts():
    bow = Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    fixed, changed = geometry.repair([bow, box(0, 0, 1, 1)])
    assert changed.tolist() == [True, False]
    assert isinstance(fixed[0], MultiPolygon) and fixed[0].is_valid
    assert fixed[0].area == pytest.approx(2.0)


def test_polygon_parts_drops_lines_and_points():
    coll = shapely.GeometryCollection([box(0, 0, 1, 1), shapely.LineString([(0, 0), (5, 5)])])
    assert geometry.polygon_parts(coll).area == 1
    assert geometry.polygon_parts(shapely.LineString([(0, 0), (1, 1)])) is None


def test_overlaps_ignore_shared_edges_and_slivers():
    old = [box(0, 0, 10, 10), box(20, 0, 30, 10)]
    new = [
        box(10, 0, 20, 10),  # touches both along an edge only
        box(5, 5, 15, 15),  # overlaps the first by 25 %
        box(29.999, 0, 40, 10),
    ]  # sliver of 0.01 % against the second
    pairs = geometry.overlaps(new, old)
    assert [(i, j) for i, j, _ in pairs] == [(1, 0)]
    assert pairs[0][2] == pytest.approx(0.25)


def test_area_of_a_parcel_does_not_depend_on_the_rest_of_the_batch():
    shapes = _parcels(50)
    alone = np.array([geometry.area_m2([g])[0] for g in shapes])
    together = geometry.area_m2(shapes)
    far = np.concatenate([shapes, [box(100.0, 40.0, 100.01, 40.01)]])
    assert np.array_equal(alone, together)
    assert np.array_equal(geometry.area_m2(far)[:-1], together)
