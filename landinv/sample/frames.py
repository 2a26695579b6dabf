"""The sample as GeoDataFrames: zones, parcels and buildings, one row per version.

Everything random comes from one seeded :class:`numpy.random.Generator`
(:data:`SEED`); no clock is read, so two runs build identical frames.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from landinv.domain import STORE_EPSG, Config
from landinv.geometry import area_m2
from landinv.sample.buildings import building_rows
from landinv.sample.layout import build_grid, name_lot, pack_zone, share_vertices, to_lonlat
from landinv.sample.story import Lot, build_lots
from landinv.sample.zones import LAYOUTS
from landinv.schema import BUILDINGS, PARCELS, SAMPLE_IMPORT_ID, column_names

#: Seed of the only random generator the sample uses.
SEED = 20250101


def _parcel_ids(grids, lots, zone_names):
    """Register IDs ``CS-XD-2024-017`` (zone, year first registered, serial) and names."""
    ids, names = {}, {}
    by_zone_year: dict[tuple[str, int], list[Lot]] = {}
    for lot in lots:
        year = int(lot.versions[0].valid_from[:4])
        by_zone_year.setdefault((lot.zone, year), []).append(lot)
    for (zone, year), group in sorted(by_zone_year.items()):
        group.sort(key=lambda lot: (lot.versions[0].valid_from, lot.key))
        abbr = grids[zone].layout.abbr
        for n, lot in enumerate(group, start=1):
            ids[lot.key] = f"CS-{abbr}-{year}-{n:03d}"
    for grid in grids.values():
        for row in grid.rows:
            for k, lot in enumerate(sorted(row.lots, key=lambda lot: lot.shape.bounds[0]), 1):
                names[lot.key] = name_lot(grid, lot, zone_names[grid.layout.code], k)
    # Blocks split in two rows number their lots per row; make names unique per block.
    seen: dict[str, int] = {}
    for key in sorted(names, key=lambda k: ids[k]):
        seen[names[key]] = seen.get(names[key], 0) + 1
        if seen[names[key]] > 1:
            names[key] = names[key].replace("地块", f"（{seen[names[key]]}）地块")
    return ids, names


def _declared_factors(lots, rng) -> dict[str, float | None]:
    """Declared/computed area ratio: most within ±0.5 %, a few off by > 1 %, some unknown."""
    factors: dict[str, float | None] = {}
    for lot in lots:
        draw = rng.random()
        factors[lot.key] = None if draw < 0.12 else 1.0 + rng.uniform(-0.0045, 0.0045)
    # Two surveys that disagree with the register, for the app to flag.
    factors["stock-0"] = 1.0163
    factors["new-6"] = 0.9772
    return factors


def build_frames(seed: int = SEED):
    """Build the zones, parcels and buildings GeoDataFrames of the sample.

    Returns
    -------
    (zones, parcels, buildings) : tuple of GeoDataFrame
        Parcels and buildings carry exactly the columns of :mod:`landinv.schema`
        plus ``geometry`` (MultiPolygon, EPSG:4490), one row per version.
    """
    rng = np.random.default_rng(seed)
    cfg = Config()
    zone_names = {z.code: z.name_zh for z in cfg.zones}
    grids = {layout.code: build_grid(layout, rng) for layout in LAYOUTS}
    story = build_lots(rng)
    lots: list[Lot] = []
    for code, grid in grids.items():
        lots.extend(pack_zone(grid, [lot for lot in story if lot.zone == code], rng))
    share_vertices(lots)
    ids, names = _parcel_ids(grids, lots, zone_names)
    factors = _declared_factors(lots, rng)

    lots_by_key = {lot.key: lot for lot in lots}
    geoms = {lot.key: to_lonlat(grids[lot.zone], lot.shape) for lot in lots}
    keys = sorted(geoms, key=lambda k: ids[k])
    areas = dict(zip(keys, area_m2(np.array([geoms[k] for k in keys], dtype=object))))
    rows = []
    for key in keys:
        lot = lots_by_key[key]
        factor = factors[key]
        declared = None if factor is None else round(areas[key] * factor, 2)
        ends = [v.valid_from for v in lot.versions[1:]] + [None]
        for version, valid_to in zip(lot.versions, ends):
            rows.append(
                {
                    "parcel_id": ids[key],
                    "name": names[key],
                    "zone": lot.zone,
                    "category": version.category,
                    "status": version.status,
                    "project": version.project,
                    "land_use_code": version.land_use_code,
                    "declared_area_m2": declared,
                    "area_m2": areas[key],
                    "valid_from": version.valid_from,
                    "valid_to": valid_to,
                    "import_id": SAMPLE_IMPORT_ID,
                    "geometry": geoms[key],
                }
            )
    parcels = _frame(rows, column_names(PARCELS))

    brows = building_rows(grids, lots_by_key, ids)
    footprints = area_m2(np.array([r["geometry"] for r in brows], dtype=object))
    for row, footprint in zip(brows, footprints):
        given = row.pop("given_floor_area_m2")
        row["footprint_m2"] = float(footprint)
        row["floor_area_m2"] = given if given is not None else float(footprint) * row["floors"]
    buildings = _frame(brows, column_names(BUILDINGS))
    buildings = buildings.sort_values(["building_id", "valid_from"], ignore_index=True)

    zones = gpd.GeoDataFrame(
        {
            "code": [g.layout.code for g in grids.values()],
            "name_zh": [zone_names[c] for c in grids],
            "name_en": [z.name_en for z in cfg.zones if z.code in grids],
            "geometry": [to_lonlat(g, g.boundary).geoms[0] for g in grids.values()],
        },
        crs=f"EPSG:{STORE_EPSG}",
    )
    return zones, parcels, buildings


def _frame(rows: list[dict], columns: list[str]) -> gpd.GeoDataFrame:
    df = pd.DataFrame(rows)
    return gpd.GeoDataFrame(df[columns], geometry=list(df["geometry"]), crs=f"EPSG:{STORE_EPSG}")
