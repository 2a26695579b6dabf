"""Standard-factory buildings on the park parcels and the bearing plant's workshop."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon

from landinv.errors import UsageError
from landinv.sample.layout import to_lonlat
from landinv.sample.story import BEARING_WORKSHOP, BEARING_WORKSHOP_NAME, PARKS
from landinv.schema import SAMPLE_IMPORT_ID


def _place_buildings(parcel_shape, groups, key: str, gap=16.0, setback=12.0):
    """Footprint rectangles of each group inside the parcel, in tidy rows.

    A rectangle is taken when it lies inside the parcel less a setback and
    keeps ``gap`` from those already taken. A group first tries a regular
    pattern (one building every length + gap along the road, every width + gap
    across it, from the first corner that fits), then any free corner on a
    4 m lattice; its long side runs along the road first, then across.
    """
    inner = parcel_shape.buffer(-setback, join_style="mitre")
    umin, vmin, umax, vmax = inner.bounds
    taken: list[Polygon] = []
    placed: list[list[Polygon]] = []

    def free(boxes, count):
        rects: list[Polygon] = []
        for rect in boxes[shapely.contains(inner, boxes)]:
            if all(rect.distance(t) >= gap for t in taken + rects):
                rects.append(rect)
                if len(rects) == count:
                    break
        return rects

    def lattice(u0, v0, step_u, step_v, du, dv):
        us = np.arange(u0 - step_u * np.floor((u0 - umin) / step_u), umax, step_u)
        vs = np.arange(v0 - step_v * np.floor((v0 - vmin) / step_v), vmax, step_v)
        uu, vv = np.meshgrid(us, vs)  # row by row: south to north, west to east
        return shapely.box(uu.ravel(), vv.ravel(), uu.ravel() + du, vv.ravel() + dv)

    for group in groups:
        rects: list[Polygon] = []
        for du, dv in ((group.length_m, group.width_m), (group.width_m, group.length_m)):
            first = free(lattice(umin, vmin, 4.0, 4.0, du, dv), 1)
            if not first:
                continue
            u0, v0 = first[0].bounds[:2]
            rects = free(lattice(u0, v0, du + gap, dv + gap, du, dv), group.count)
            if len(rects) < group.count:
                rects = free(lattice(umin, vmin, 4.0, 4.0, du, dv), group.count)
            if len(rects) == group.count:
                break
        if len(rects) < group.count:
            raise UsageError("sample.err_buildings_do_not_fit", parcel=key, count=group.count)
        taken.extend(rects)
        placed.append(rects)
    return placed


def building_rows(grids, lots_by_key, parcel_ids) -> list[dict]:
    """Version rows of every building on the park parcels and the bearing plant."""
    sites = [(p.key, p.zone, p.building_name, p.groups) for p in PARKS]
    sites.append(("supply-1", "xindu", BEARING_WORKSHOP_NAME, (BEARING_WORKSHOP,)))
    counters: dict[str, int] = {}
    out = []
    for key, zone, name, groups in sites:
        lot, grid = lots_by_key[key], grids[zone]
        number = 0
        for group, rects in zip(groups, _place_buildings(lot.shape, groups, key)):
            for rect in rects:
                number += 1
                counters[zone] = counters.get(zone, 0) + 1
                geom = to_lonlat(grid, rect)
                base = {
                    "building_id": f"CS-{grid.layout.abbr}-CF-{counters[zone]:03d}",
                    "parcel_id": parcel_ids[key],
                    "name": name.format(n=number),
                    "zone": zone,
                    "is_standard_factory": group.standard,
                    "floors": group.floors,
                    "given_floor_area_m2": group.floor_area_m2,
                    "geometry": geom,
                    "import_id": SAMPLE_IMPORT_ID,
                }
                if group.transferred:
                    out.append(
                        base | {"valid_from": group.completed, "valid_to": group.transferred}
                    )
                    out.append(
                        base
                        | {
                            "valid_from": group.transferred,
                            "valid_to": None,
                            "is_standard_factory": False,
                        }
                    )
                else:
                    out.append(base | {"valid_from": group.completed, "valid_to": None})
    return out
