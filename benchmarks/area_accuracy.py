"""Workload 2: ellipsoidal areas of 100,000 parcels, speed and accuracy.

Ours: :func:`landinv.geometry.area_m2` (one vectorised equal-area projection).
Naive: a Python loop calling ``pyproj.Geod.geometry_area_perimeter`` per
polygon, which is also the reference the error is measured against.
"""

from __future__ import annotations

import numpy as np
import pyproj

from benchmarks import synth
from benchmarks.measure import Row, best_time, limit_row, ratio_row

TITLE = "2. Area: accuracy and speed"
MAX_RATIO = 1 / 5
MAX_REL_ERROR = 1e-6


def geod_loop(geoms) -> np.ndarray:
    """Geodesic area of each polygon on GRS80, one pyproj call per polygon."""
    geod = pyproj.Geod(ellps="GRS80")
    return np.array([abs(geod.geometry_area_perimeter(g)[0]) for g in geoms])


def run(ctx) -> list[Row]:
    """Time both on the same parcels (EPSG:4490) and compare every area."""
    from landinv.geometry import area_m2

    n = ctx.sizes.area
    parcels = synth.make_parcels(n, seed=ctx.seed + 2)
    geoms = np.asarray(parcels.geometry.values, dtype=object)
    ours_s, ours = best_time(lambda: area_m2(geoms), repeat=3)
    naive_s, ref = best_time(lambda: geod_loop(geoms), repeat=1)
    rel = np.abs(ours - ref) / ref
    worst = int(np.argmax(rel))
    return [
        ratio_row(
            "2 area",
            f"time, {n:,} parcels",
            ours_s,
            naive_s,
            max_ratio=MAX_RATIO,
            goal="ratio ≤ 1/5 (≥ 5× faster)",
        ),
        limit_row(
            "2 area",
            f"max relative error vs pyproj.Geod, {n:,} parcels",
            float(rel.max()),
            limit=MAX_REL_ERROR,
            unit="",
            strict=False,
            note=f"median {np.median(rel):.1e}; worst parcel {ref[worst]:.0f} m²",
        ),
    ]
